#!/usr/bin/env bash
# Edge figures for the schema-7 fixture (tests/store/make-schema7.sh) and the
# outputs that show them. A schema-7 store keeps quantities and values as
# thousandths; schema 8 as whole units with a flag bit where exact
# (docs/store.md), so these are the figures whose coding differs: 0, the
# smallest thousandth, 999.999 beside 1,000 (quantity2), the largest figure a
# reader stores (TF_MAX_FIGURE: 10^14 kg, given as 10^11 t, and 10^14 CNY) and
# the largest with decimals, a value missing, figures on either side of
# SQLite's three-byte integers (8,388.607 kg: 8,388,607 thousandths;
# 8,388,608 CNY), and a figure revised from whole units to thousandths.
# Usage: figures.sh BIN DB ingest   (after tests/store/ingests.sh)
#        figures.sh BIN DB outputs  (what tests/store/outputs.sh leaves out)
set -eu
BIN=$(command -v "$1") DB=$2
case $3 in
ingest)
    W=$(mktemp -d)
    trap 'rm -rf "$W"' EXIT
    cd "$W"
    printf '%s\n' period,flow,partner,commodity,quantity,unit,quantity2,unit2,value,currency \
        2025-04,import,AUS,760120,0,t,,,0,CNY \
        2025-04,import,BRA,760120,0.001,kg,0.5,kg,0.001,CNY \
        2025-04,import,CAN,760120,999.999,kg,1000,kg,999.999,USD \
        2025-04,import,DEU,760120,100000000000,t,,,100000000000000,CNY \
        2025-04,import,FRA,760120,99999999999999.999,kg,,,99999999999999.999,CNY \
        2025-04,import,GBR,760120,25435,t,,,, \
        2025-04,import,JPN,760120,8388.607,kg,,,8388608,CNY > figures.csv
    printf '%s\n' period,flow,partner,commodity,quantity,unit,value,currency \
        2025-04,import,GBR,760120,25435.5,t,61000000,CNY > figures-rev.csv
    TRADEFLOW_NOW=2025-05-28T08:00:00Z "$BIN" --db "$DB" ingest figures.csv > /dev/null
    TRADEFLOW_NOW=2025-05-29T08:00:00Z "$BIN" --db "$DB" ingest figures-rev.csv > /dev/null
    ;;
outputs)
    export TRADEFLOW_NOW=2025-06-01T00:00:00Z
    run() { echo "== $*"; "$BIN" --db "$DB" "$@" 2>&1 | sed "s|$DB|DB|g"; echo "exit ${PIPESTATUS[0]}"; }
    run history --hs 760120 --period 2025-04
    run history --hs 760120 --period 2025-04 --currency USD
    run report --hs 760120 --period 2025-04 --format json
    case $DB in *://*) exit 0 ;; esac # a PostgreSQL store: its tables are its own
    echo "== record view"
    sqlite3 "$DB" "SELECT id, partner, quantity, unit, quantity2, unit2, value, currency FROM record
                   WHERE commodity = '760120' ORDER BY id"
    ;;
esac
