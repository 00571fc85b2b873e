#!/usr/bin/env bash
# The same inputs give the same outputs on SQLite and on PostgreSQL, byte for
# byte: (1) the store scenario of tests/store/ingests.sh (revisions, vintages,
# both currencies, a retracted file, an older release ingested late, a figure
# stated unchanged) through tests/store/outputs.sh (sources, history, reports
# now and as of earlier dates); (2) real files of ../shared/data (the GACC
# soybean downloads, the aluminium sample, UN Comtrade legacy and Plus files,
# the published P/L series) through report JSON, history, sources and the
# window series. Prints "ok NAME" / "FAIL NAME" lines and the total.
# Usage: pg-agree.sh BIN PG_SERVER_DIR   (a server of scripts/pg-server start)
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") PGDIR=$2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${TF_SHARED:-$ROOT/../shared}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
pass=0 fail=0 skipped=0
newdb() { "$ROOT/scripts/pg-server" createdb "$PGDIR" "tfagree_$$_$1"; }
same() { # NAME FILE_A FILE_B
    if cmp -s "$2" "$3" && [ -s "$2" ]; then pass=$((pass + 1)); echo "ok   $1"
    else fail=$((fail + 1)); echo "FAIL $1"; diff "$2" "$3" | head -20; fi
}

# (1) the store scenario
U=$(newdb scenario)
"$ROOT/tests/store/ingests.sh" "$BIN" "$W/scenario.db"
"$ROOT/tests/store/ingests.sh" "$BIN" "$U"
"$ROOT/tests/store/outputs.sh" "$BIN" "$W/scenario.db" > "$W/scenario-sqlite.txt"
"$ROOT/tests/store/outputs.sh" "$BIN" "$U" > "$W/scenario-pg.txt"
same "store scenario: sources, history, reports as of four dates, both currencies" \
    "$W/scenario-sqlite.txt" "$W/scenario-pg.txt"
# the edge figures (0, thousandths, the largest, missing; SQLite codes them)
"$ROOT/tests/store/figures.sh" "$BIN" "$W/scenario.db" ingest
"$ROOT/tests/store/figures.sh" "$BIN" "$U" ingest
"$ROOT/tests/store/figures.sh" "$BIN" "$W/scenario.db" outputs | sed '/^== record view/,$d' \
    > "$W/figures-sqlite.txt"
"$ROOT/tests/store/figures.sh" "$BIN" "$U" outputs > "$W/figures-pg.txt"
same "store scenario: edge figures' history and report" "$W/figures-sqlite.txt" \
    "$W/figures-pg.txt"

# (2) real files
if [ ! -d "$SHARED/data" ]; then
    echo "skip real files: shared data folder $SHARED absent"; skipped=$((skipped + 1))
else
    U=$(newdb real)
    D=$SHARED/data
    export TRADEFLOW_NOW=2025-06-01T00:00:00Z
    for db in "$W/real.db" "$U"; do
        {
            "$BIN" --db "$db" ingest "$ROOT/data/samples/cn-primary-aluminium.csv"
            "$BIN" --db "$db" ingest --flow import "$D/gacc/soybeans/2024in.csv" "$D/gacc/soybeans/2025in.csv"
            "$BIN" --db "$db" ingest --flow export "$D/gacc/soybeans/2024out.csv" "$D/gacc/soybeans/2025out.csv"
            "$BIN" --db "$db" ingest "$D/comtrade/legacy/hs871200-reexports.csv"
            "$BIN" --db "$db" ingest "$D/comtrade/plus-download/china-2022-total.csv"
            "$BIN" --db "$db" ingest "$D/prices/published-window-points.csv"
        } > "$W/ingest-$(basename "$db").txt" 2>&1
    done
    sed -i "s|$U|DB|g" "$W/ingest-${U##*/}.txt"
    sed -i "s|$W/real.db|DB|g" "$W/ingest-real.db.txt"
    same "real files: ingest counts" "$W/ingest-real.db.txt" "$W/ingest-${U##*/}.txt"
    i=0
    while IFS= read -r q; do
        i=$((i + 1))
        # shellcheck disable=SC2086
        "$BIN" --db "$W/real.db" $q > "$W/a$i" 2>&1; echo "exit $?" >> "$W/a$i"
        # shellcheck disable=SC2086
        "$BIN" --db "$U" $q > "$W/b$i" 2>&1; echo "exit $?" >> "$W/b$i"
        same "real files: $q" "$W/a$i" "$W/b$i"
    done <<'Q'
report --product soybeans --period 2025-10 --top 5 --format json
report --product soybeans --period 2024-12 --format json
report --product primary-aluminium --period 2025-04 --format json
report --hs 871200 --reporter CAN --period 2017 --format json
report --commodity TOTAL --period 2022 --top 5 --format json
history --product soybeans --period 2025-03
sources
window --from 2024-01-01 --to 2025-12-31
Q
fi
echo "$pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ]
