#!/usr/bin/env bash
# Runs every command in the README's ```sh blocks (except `make test`, which
# is what is running this) from the repository root, with the database in a
# temporary folder. Prints "N passed, N failed".
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tfreadme.XXXXXX")
export TRADEFLOW_DB=$tmp/readme.db
SHARED=${TF_SHARED:-$ROOT/../shared}
pass=0 fail=0 skipped=0
inblock=0 after_skip=0
while IFS= read -r line; do
    case "$line" in
        '```sh') inblock=1; after_skip=0; continue ;;
        '```') inblock=0; continue ;;
    esac
    [ $inblock = 1 ] || continue
    cmd=${line%%#*}
    [ -n "${cmd// /}" ] || continue
    case "$cmd" in "make test"*) continue ;; esac
    if [[ "$cmd" == *../shared* ]] && [ ! -d "$SHARED/data" ]; then
        echo "skip (no ../shared): $cmd"; skipped=$((skipped+1)); after_skip=1; continue
    fi
    # a command after one skipped in its block may read what that one ingested
    if [ "$after_skip" = 1 ]; then
        echo "skip (follows a command needing ../shared): $cmd"; skipped=$((skipped+1)); continue
    fi
    cmd=${cmd//..\/shared/$SHARED}
    if bash -c "$cmd" >"$tmp/out" 2>&1; then
        pass=$((pass+1)); echo "ok   $cmd"
    else
        fail=$((fail+1)); echo "FAIL $cmd"; sed 's/^/    /' "$tmp/out" | tail -20
    fi
done < README.md
rm -rf "$tmp"
echo "$pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ]
