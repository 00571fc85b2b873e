#!/usr/bin/env bash
# The outputs compared before and after the migration of tests/store/schema5.db:
# sources, history, reports now and as of earlier dates, both currencies.
# Usage: outputs.sh BIN DB  (BIN a path or a command on PATH)
BIN=$1 DB=$2
export TRADEFLOW_NOW=2025-06-01T00:00:00Z
run() { echo "== $*"; "$BIN" --db "$DB" "$@" 2>&1 | sed "s|$DB|DB|g"; echo "exit ${PIPESTATUS[0]}"; }
run sources
run history --hs 760110 --period 2025-04
run history --hs 760110 --period 2025-05
run report --product primary-aluminium --period 2025-04 --format json
run report --product primary-aluminium --period 2025-04 --format csv --as-of 2025-05-21
run report --product primary-aluminium --period 2025-04 --format csv --as-of 2025-05-23T12:00:00Z
run report --product primary-aluminium --period 2025-04 --format csv --currency USD --measure value
run report --product primary-aluminium --period 2025-05 --format csv
run report --hs 7601 --period 2024-12 --format csv
