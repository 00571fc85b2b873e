#!/usr/bin/env bash
# A small check of the benchmark data (run by the CLI case bench-smoke): write
# ROWS rows with bench/gen, ingest the tradeflow CSV into one store and the two
# GACC exports (GB18030) into another, and compare tradeflow's monthly totals
# of all kg rows (report --hs 01..99: quantity and YTD in t) with the totals the
# generator summed itself as it wrote the rows (totals-ROWS.json, kg).
# usage: bench/smoke.sh GEN SHARED ROWS DIR   (tradeflow on PATH)
set -eu
GEN=$1 SHARED=$2 ROWS=$3 DIR=$4
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$GEN" --rows "$ROWS" --out "$DIR" --codes "$SHARED/data/gacc/codes" \
    --partners "$ROOT/data/partners.csv" --products "$ROOT/data/products.csv" 2>/dev/null
tradeflow --db "$DIR/u.db" ingest "$DIR/tf-$ROWS.csv" >/dev/null
tradeflow --db "$DIR/g.db" ingest --flow import "$DIR/gacc-import-$ROWS.csv" >/dev/null
tradeflow --db "$DIR/g.db" ingest --flow export "$DIR/gacc-export-$ROWS.csv" >/dev/null
HS=$(seq -w 1 99 | paste -sd, -)
for db in u g; do
    n=$(sqlite3 "$DIR/$db.db" "SELECT count(*) FROM record")
    [ "$n" = "$ROWS" ] || { echo "store $db: $n rows, want $ROWS"; exit 1; }
    for p in 2016-01 2020-07 2025-04 2025-12; do
        tradeflow --db "$DIR/$db.db" report --hs "$HS" --period $p --measure quantity --format json > "$DIR/$db-$p.json"
    done
done
python3 - "$DIR" "$ROWS" <<'PY'
import json, sys
d, rows = sys.argv[1], sys.argv[2]
kg = json.load(open(f"{d}/totals-{rows}.json"))["kg"]
checked = 0
for db in ("u", "g"):
    for p in ("2016-01", "2020-07", "2025-04", "2025-12"):
        r = json.load(open(f"{d}/{db}-{p}.json"))
        for flow in ("import", "export"):
            want = kg[flow][p] / 1000
            ytd = sum(v for k, v in kg[flow].items() if k[:4] == p[:4] and k <= p) / 1000
            got = r[flow]["quantity"], r[flow]["ytd"]
            if abs(got[0] - want) > 1e-6 or abs(got[1] - ytd) > 1e-6:
                sys.exit(f"{db} {p} {flow}: tradeflow {got}, generator {want}, {ytd}")
            checked += 2
print(f"ok: {rows} rows in both stores; {checked} totals equal to the generator's")
PY
