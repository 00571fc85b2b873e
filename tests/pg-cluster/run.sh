#!/usr/bin/env bash
# The partitioned multi-server layout (docs/scaling.md), for real: a
# coordinator and two data servers (scripts/pg-cluster), one plain PostgreSQL
# server (scripts/pg-server) and one SQLite file receive the same ingests
# through `tradeflow --db`, and must give byte-identical report JSON, history
# and sources, also after a revision by a later vintage and after a retraction.
# Then: the cells lie on the data servers (none on the coordinator), each
# product on the server its HS chapter maps to, and a report's scans of `cell`
# - every statement the report ran, with its plan as EXPLAIN (VERBOSE) prints
# it, logged by auto_explain on the coordinator - go to one data server, the
# condition on the commodity sent with it (Remote SQL).
# Usage: tests/pg-cluster/run.sh BIN_DIR; prints ok/FAIL lines and
# "N passed, N failed, N skipped". Skips when the PostgreSQL server binaries
# are absent (scripts/pg-server exits 77).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=$(cd "${1:-$ROOT/build}" && pwd)
TF="$BIN/tradeflow"
SHARED=${TF_SHARED:-$ROOT/../shared}
export TRADEFLOW_NOW=2025-06-01T00:00:00Z
T=$(mktemp -d "${TMPDIR:-/tmp}/tfcluster.XXXXXX")
chmod 755 "$T"
pass=0 fail=0 skipped=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
check() { if [ "$2" = 0 ]; then ok "$1"; else bad "$1"; fi; }
finish() {
    "$ROOT/scripts/pg-cluster" stop "$T/cluster" >/dev/null 2>&1
    "$ROOT/scripts/pg-server" stop "$T/one" >/dev/null 2>&1
    rm -rf "$T"
    echo "$pass passed, $fail failed, $skipped skipped"
    [ "$fail" -eq 0 ]
    exit
}
trap finish EXIT

rc=0
"$ROOT/scripts/pg-server" start "$T/one" >"$T/one.url" 2>"$T/one.err" || rc=$?
if [ $rc -eq 77 ]; then
    echo "skip pg-cluster: PostgreSQL server binaries absent (Debian: apt-get install postgresql)"
    skipped=1
    exit
fi
[ $rc -eq 0 ] || { cat "$T/one.err"; bad "one server starts"; exit; }
rc=0
TRADEFLOW="$TF" "$ROOT/scripts/pg-cluster" start "$T/cluster" 2 >"$T/cluster.url" 2>"$T/cluster.err" || rc=$?
[ $rc -eq 0 ] || { cat "$T/cluster.err"; bad "cluster starts"; exit; }
ok "one server and a coordinator with two data servers start"
ONE=$(cat "$T/one.url") COORD=$(cat "$T/cluster.url")
N1=$(cat "$T/cluster/node1/url") N2=$(cat "$T/cluster/node2/url")
DBS=("$T/file.db" "$ONE" "$COORD")
q() { psql -X -At -v ON_ERROR_STOP=1 -d "$1" -c "$2" 2>&1; }

# every statement on the coordinator is logged with its plan (EXPLAIN VERBOSE)
q "$COORD" "ALTER DATABASE tradeflow SET session_preload_libraries = 'auto_explain'" >/dev/null
for s in "log_min_duration = 0" "log_verbose = on" "log_nested_statements = on"; do
    q "$COORD" "ALTER DATABASE tradeflow SET auto_explain.$s" >/dev/null
done

# ---- the same ingests into all three stores ----
SAMPLE=$ROOT/data/samples/cn-primary-aluminium.csv
ingests=("$SAMPLE")
if [ -d "$SHARED/data" ]; then
    ingests+=("--flow import $SHARED/data/gacc/soybeans/2024in.csv $SHARED/data/gacc/soybeans/2025in.csv"
              "--flow export $SHARED/data/gacc/soybeans/2025out.csv"
              "$SHARED/data/comtrade/legacy/hs871200-reexports.csv"
              "$SHARED/data/prices/al-import-pl-daily.csv")
else
    echo "note: $SHARED absent: the cluster is tested on the bundled sample only"
fi
# a later release revises April 2025 imports (250,500 t -> 251,000 t)
awk -F, 'NR == 1 || ($1 == "2025-04" && $2 == "import" && $4 == "WLD")' "$SAMPLE" |
    sed 's/250500/251000/' >"$T/revision.csv"

ingest() { # DB ARGS...: one ingest, reported when it fails
    local db=$1
    shift
    "$TF" --db "$db" ingest "$@" >"$T/ingest.out" 2>&1 || { bad "ingest $* into $db"; cat "$T/ingest.out"; }
}
for db in "${DBS[@]}"; do
    for args in "${ingests[@]}"; do
        # shellcheck disable=SC2086
        ingest "$db" $args
    done
    TRADEFLOW_NOW=2025-07-15T00:00:00Z ingest "$db" --vintage 2025-07-10 "$T/revision.csv"
done

# ---- the same outputs ----
reports=("report --product primary-aluminium --period 2025-04 --format json"
         "report --product primary-aluminium --period 2025-04 --format json --as-of 2025-07-01"
         "history --product primary-aluminium --period 2025-04"
         "sources")
if [ -d "$SHARED/data" ]; then
    reports+=("report --product soybeans --period 2025-10 --top 5 --format json"
              "report --hs 871200 --reporter CAN --period 2017 --format json")
fi
compare_all() {
    local tag=$1 r i
    for r in "${reports[@]}"; do
        for i in 0 1 2; do
            # shellcheck disable=SC2086
            "$TF" --db "${DBS[$i]}" $r >"$T/raw" 2>&1
            echo "exit $?" >>"$T/raw"
            # the store's name is in messages: the same placeholder for all three
            sed "s|${DBS[$i]}|DB|g" "$T/raw" >"$T/out$i"
        done
        if cmp -s "$T/out0" "$T/out1" && cmp -s "$T/out1" "$T/out2" && ! grep -q "^exit [^0]" "$T/out0"; then
            ok "$tag: $r: SQLite, one server and the cluster agree byte for byte"
        else
            bad "$tag: $r: outputs differ (SQLite, one server, cluster)"
            diff "$T/out1" "$T/out2" | head -10
            diff "$T/out0" "$T/out2" | head -10
        fi
    done
}
compare_all "ingested"
"$TF" --db "$COORD" report --product primary-aluminium --period 2025-04 >"$T/rev.txt" 2>&1
grep -q "251,000 t" "$T/rev.txt"
check "the cluster reports the revised April 2025 imports (251,000 t)" $?
"$TF" --db "$COORD" report --product primary-aluminium --period 2025-04 --as-of 2025-07-01 >"$T/asof.txt" 2>&1
grep -q "250,500 t" "$T/asof.txt"
check "as of 2025-07-01, before the revision's ingest, the cluster reports 250,500 t" $?

# retract the revision: every store falls back to the first release
for db in "${DBS[@]}"; do
    id=$("$TF" --db "$db" sources | awk '/revision.csv/ {print $1}' | head -1)
    "$TF" --db "$db" sources --retract "$id" >/dev/null 2>&1 || bad "retract $id in $db"
done
compare_all "after a retraction"
"$TF" --db "$COORD" report --product primary-aluminium --period 2025-04 >"$T/ret.txt" 2>&1
grep -q "250,500 t" "$T/ret.txt"
check "after the retraction the cluster reports 250,500 t again" $?

# ---- where the cells are ----
one=$(q "$ONE" "SELECT count(*) FROM cell")
c1=$(q "$N1" "SELECT count(*) FROM cell")
c2=$(q "$N2" "SELECT count(*) FROM cell")
# the bundled sample alone is HS 7601 (node 2 only, below); with ../shared both nodes hold cells
if [ -d "$SHARED/data" ]; then min1=1; else min1=0; fi
[ "$c1" -ge "$min1" ] 2>/dev/null && [ "$c2" -gt 0 ] 2>/dev/null && [ $((c1 + c2)) -eq "$one" ]
check "the cells lie on the data servers ($c1 + $c2 = $one, the one server's count)" $?
local_parts=$(q "$COORD" "SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                          WHERE i.inhparent = 'cell'::regclass AND c.relkind <> 'f'")
[ "$local_parts" = 0 ]
check "the coordinator's cell has only foreign partitions" $?
a1=$(q "$N1" "SELECT count(*) FROM cell WHERE commodity LIKE '7601%'")
a2=$(q "$N2" "SELECT count(*) FROM cell WHERE commodity LIKE '7601%'")
[ "$a1" = 0 ] && [ "$a2" -gt 0 ] 2>/dev/null
check "primary aluminium (HS 7601) is on node 2 only ($a2 cells)" $?

# ---- a report's scans of cell go to one data server ----
PLANS=${TF_PG_PLANS:-$ROOT/build/pg-cluster-plans.txt}
: >"$PLANS"
pushdown() {
    local what=$1 node=$2 log=$T/cluster/coord/server.log before
    shift 2
    before=$(wc -l <"$log")
    "$TF" --db "$COORD" "$@" >/dev/null 2>&1 || { bad "$what: report runs"; return; }
    tail -n +"$((before + 1))" "$log" >"$T/plans.log"
    local n
    n=$(python3 - "$T/plans.log" "$node" "$PLANS" "$what" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
node = sys.argv[2]
plans = [p for p in re.split(r"\n(?=\S)", text) if "plan:" in p and "cell" in p]
scans = [p for p in plans if "Foreign Scan on public.cell_node" in p]
nodes = set(re.findall(r"Foreign Scan on public\.(cell_node\d+)", "\n".join(scans)))
remote = re.findall(r"Remote SQL: (.*)", "\n".join(scans))
if not scans:
    sys.exit("no statement of the report scanned cell")
if nodes != {"cell_" + node}:
    sys.exit(f"the report's scans went to {sorted(nodes)}, not cell_{node} alone")
if not all(re.search(r"FROM public\.cell WHERE .*commodity", r) for r in remote):
    sys.exit("a scan was sent without its condition on the commodity")
with open(sys.argv[3], "a") as f:
    f.write(f"== {sys.argv[4]}: {len(scans)} statements scanned cell, each on cell_{node} alone\n")
    f.write("\n".join(scans) + "\n")
print(len(scans))
PY
    ) || { bad "$what: every scan of cell went to $node alone"; return; }
    ok "$what: its $n statements reading cell each scanned $node alone, the WHERE sent along (plans: $PLANS)"
}
pushdown "primary aluminium report" node2 report --product primary-aluminium --period 2025-04 --format json
if [ -d "$SHARED/data" ]; then
    pushdown "soybeans report" node1 report --product soybeans --period 2025-10 --format json
fi
