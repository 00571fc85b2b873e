#!/usr/bin/env bash
# Runs the CLI cases and the bad-inputs catalogue with every tradeflow call
# under valgrind (memcheck: invalid reads/writes, uninitialised values,
# definite and indirect leaks). A valgrind report makes the case fail (exit 99).
# Usage: tests/valgrind/run.sh [CASE...]   (slow: minutes; `make valgrind`)
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/tfvg.XXXXXX")
trap 'rm -rf "$W"' EXIT
# a private copy of the binary: a rebuild during the long run must not fail a case
cp "$ROOT/build/tradeflow" "$W/tradeflow.bin" || exit 1
cat > "$W/tradeflow" <<EOS
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \\
  --show-leak-kinds=definite,indirect "$W/tradeflow.bin" "\$@"
EOS
chmod +x "$W/tradeflow"
cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=("$ROOT"/tests/cli/cases/*.case "$ROOT"/tests/bad-inputs/*.case)
"$ROOT/tests/cli/run.sh" "$W" "${cases[@]}"
