#!/usr/bin/env bash
# Crash safety of ingest: SIGKILL at random moments, a full disk, a read-only
# database, two ingests at once. After every failure the database must pass
# PRAGMA integrity_check, its reports must equal exactly the reports before
# the ingest or exactly those after a clean one, and ingesting again must give
# the clean result.
#
# Usage: tests/crash/run.sh BIN_DIR [ROWS] [KILLS]
#   ROWS  rows of the generated tradeflow CSV (default 300000)
#   KILLS kill points (default 120)
# Prints one line per check and "N passed, N failed, N skipped".
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ROWS=${2:-300000}
KILLS=${3:-120}
T=$(mktemp -d "${TMPDIR:-/tmp}/tfcrash.XXXXXX")
trap 'rm -rf "$T"' EXIT
# A private copy of the binary: a rebuild of BIN_DIR while this runs (it takes
# many minutes) must not make a check fail with "Permission denied".
cp "$(cd "$1" && pwd)/tradeflow" "$T/tradeflow" || exit 1
BIN=$T/tradeflow
pass=0 fail=0 skipped=0
ok() { pass=$((pass+1)); echo "ok   $*"; }
bad() { fail=$((fail+1)); echo "FAIL $*"; }
export TRADEFLOW_NOW=2025-06-01T00:00:00Z

# A deterministic tradeflow CSV of ROWS distinct cells: months 2015-01.., two
# flows, 60 partners, 25 HS8 codes under 7601..7606. Quantities from a linear
# congruential sequence, so every run writes the same file.
awk -v rows="$ROWS" 'BEGIN {
    print "period,flow,partner,commodity,quantity,unit,source";
    split("RUS IND AUS MYS IDN CAN NOR ARE BHR OMN QAT SAU KAZ TUR VNM THA KOR JPN BRA ZAF " \
          "MOZ ISL NZL ARG GIN GHA JAM SLE MNE LAO DEU FRA ITA ESP GBR NLD BEL POL SWE FIN " \
          "AUT CHE CHL PER COL GUY SUR CMR TZA MMR KHM MNG UZB AZE GEO UKR BLR SRB SVK ROU", P, " ");
    split("76011010 76011090 76012000 76020000 76031000 76032000 76041010 76041090 76042100 " \
          "76042910 76042990 76051100 76051900 76052100 76052900 76061121 76061129 76061190 " \
          "76061220 76061230 76061290 76069100 76069200 76020090 76011000", C, " ");
    x = 12345; n = 0;
    for (m = 0; n < rows; m++) for (f = 1; f <= 2 && n < rows; f++)
        for (p = 1; p <= 60 && n < rows; p++) for (c = 1; c <= 25 && n < rows; c++) {
            x = (x * 1103515245 + 12345) % 2147483648;
            printf "%04d-%02d,%s,%s,%s,%d.%03d,t,generated\n", 2015 + int(m / 12), m % 12 + 1,
                   f == 1 ? "import" : "export", P[p], C[c], x % 90000 + 1, x % 1000;
            n++;
        }
}' > "$T/big.csv"

fingerprint() { # the reports an analyst would look at (messages name the file: not compared)
    local db=$1
    { "$BIN" --db "$db" report --product primary-aluminium --period 2025-04 --format json
      "$BIN" --db "$db" report --hs 7601 --period 2015-03 --format json
      "$BIN" --db "$db" report --product unwrought-aluminium-and-products --period 2015-06 --format csv
    } 2>&1 | sed "s|$db|DB|g"
}
integrity() { sqlite3 "$1" "PRAGMA integrity_check;" 2>&1; }

"$BIN" --db "$T/base.db" ingest "$ROOT/data/samples/cn-primary-aluminium.csv" > /dev/null
fingerprint "$T/base.db" > "$T/before"
cp "$T/base.db" "$T/clean.db"
t0=$(date +%s%N)
"$BIN" --db "$T/clean.db" ingest "$T/big.csv" > /dev/null
t1=$(date +%s%N)
fingerprint "$T/clean.db" > "$T/after"
dur_ms=$(( (t1 - t0) / 1000000 ))
cmp -s "$T/before" "$T/after" && bad "the ingest changes nothing the reports show"
echo "clean ingest of $ROWS rows: ${dur_ms} ms"

# SIGKILL at random moments during the ingest of big.csv into a copy of BASE
# (whose reports are in $T/before; a clean ingest's in $T/after, taking
# $dur_ms): every killed store is as before or as after, and ingesting again
# gives the after state. kill_loop BASE KILLS LABEL TAG
kill_loop() {
local base=$1 kills=$2 label=$3 tag=$4
k_before=0 k_after=0 k_bad=0 k_hot=0
for i in $(seq 1 "$kills"); do
    cp "$base" "$T/work.db"
    rm -f "$T"/work.db-* "$T"/killed.db*
    at=$(( (RANDOM * 32768 + RANDOM) % (dur_ms + 50) ))
    [ -n "${TF_CRASH_AT:-}" ] && at=$(( TF_CRASH_AT + RANDOM % 200 ))
    "$BIN" --db "$T/work.db" ingest "$T/big.csv" > /dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((at / 1000)) $((at % 1000)))"
    kill -9 "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null
    why=""
    # a kill inside the write phase leaves a hot journal for the next opener to roll back
    [ -f "$T/work.db-journal" ] && [ -s "$T/work.db-journal" ] && k_hot=$((k_hot+1))
    cp "$T/work.db" "$T/killed.db" 2> /dev/null
    [ -f "$T/work.db-journal" ] && cp "$T/work.db-journal" "$T/killed.db-journal"
    [ "$(integrity "$T/work.db")" = ok ] || why="integrity_check failed"
    fingerprint "$T/work.db" > "$T/now-killed"
    if cmp -s "$T/now-killed" "$T/before"; then k_before=$((k_before+1))
    elif cmp -s "$T/now-killed" "$T/after"; then k_after=$((k_after+1))
    else why="$why; reports are neither the before nor the after state"; fi
    "$BIN" --db "$T/work.db" ingest "$T/big.csv" > "$T/again.out" 2>&1 ||
        why="$why; ingest again failed (exit $?)"
    fingerprint "$T/work.db" > "$T/now-again"
    cmp -s "$T/now-again" "$T/after" || why="$why; ingest again does not give the clean result"
    if [ -n "$why" ]; then
        k_bad=$((k_bad+1)); bad "$label: kill $i at ${at} ms: ${why#; }"
        # everything needed to replay the failure: the database as the kill left
        # it (with its journal), the reports, the second ingest's output, the disk
        keep=${TF_CRASH_KEEP:-$ROOT/build/crash-failures}/$tag-kill-$i
        mkdir -p "$keep" && cp "$T"/killed.db* "$T/work.db" "$T/now-killed" "$T/now-again" \
            "$T/after" "$T/before" "$T/again.out" "$keep/" 2> /dev/null
        df -h "$T" > "$keep/df.txt" 2>&1
        echo "    kept in $keep"; sed 's/^/    ingest again: /' "$T/again.out" | head -5
        diff "$T/after" "$T/now-again" | head -20 | sed 's/^/    /'
    fi
done
[ "$k_bad" = 0 ] && ok "$label: SIGKILL at $kills random moments: $k_before left the state before ($k_hot with a hot journal rolled back), $k_after the state after, none anything else"
}

# --- SIGKILL at random moments during the ingest
RANDOM=42
kill_loop "$T/base.db" "$KILLS" "ingest into a store" kill

# --- a full disk: the database file may not grow beyond its size + 64 KiB
cp "$T/base.db" "$T/full.db"
kb=$(( $(stat -c %s "$T/full.db") / 1024 + 64 ))
out=$( (ulimit -f "$kb"; trap '' XFSZ; "$BIN" --db "$T/full.db" ingest "$T/big.csv") 2>&1 )
rc=$?
fingerprint "$T/full.db" > "$T/now"
if [ "$rc" = 4 ] && [ "$(integrity "$T/full.db")" = ok ] && cmp -s "$T/now" "$T/before"; then
    ok "full disk: exit 4, database as before ($(echo "$out" | head -1))"
else
    bad "full disk: exit $rc, integrity $(integrity "$T/full.db"), message: $out"
fi

# --- a read-only database
cp "$T/base.db" "$T/ro.db"
mkdir -p "$T/rodir" && cp "$T/base.db" "$T/rodir/ro.db"
if [ "$(id -u)" = 0 ]; then
    if command -v setpriv > /dev/null; then
        chmod 0755 "$T" "$T/rodir"; chmod 0644 "$T/rodir/ro.db" "$T/big.csv"
        out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN" --db "$T/rodir/ro.db" ingest "$T/big.csv" 2>&1)
        rc=$?
    else
        rc=skip
    fi
else
    chmod 0555 "$T/rodir"; chmod 0444 "$T/rodir/ro.db"
    out=$("$BIN" --db "$T/rodir/ro.db" ingest "$T/big.csv" 2>&1)
    rc=$?
    chmod 0755 "$T/rodir"
fi
if [ "$rc" = skip ]; then
    skipped=$((skipped+1)); echo "skip read-only database: no setpriv to drop root"
else
    fingerprint "$T/rodir/ro.db" > "$T/now"
    if [ "$rc" = 4 ] && cmp -s "$T/now" "$T/before" && echo "$out" | grep -qi "read"; then
        ok "read-only database: exit 4, unchanged ($(echo "$out" | head -1))"
    else
        bad "read-only database: exit $rc: $out"
    fi
fi

# --- two ingests at once: the big file and the same big file again, and a
# second file, into one database: each waits its turn, nothing is counted twice
cp "$T/base.db" "$T/two.db"
head -1 "$T/big.csv" > "$T/half.csv"; sed -n '2,1000p' "$T/big.csv" | sed 's/,generated$/,second file/' >> "$T/half.csv"
"$BIN" --db "$T/two.db" ingest "$T/big.csv" > "$T/o1" 2>&1 & p1=$!
"$BIN" --db "$T/two.db" ingest "$T/big.csv" > "$T/o2" 2>&1 & p2=$!
"$BIN" --db "$T/two.db" ingest "$T/half.csv" > "$T/o3" 2>&1 & p3=$!
wait $p1; r1=$?; wait $p2; r2=$?; wait $p3; r3=$?
fingerprint "$T/two.db" > "$T/now"
n_rec=$(sqlite3 "$T/two.db" "SELECT count(*) FROM record;")
n_clean=$(sqlite3 "$T/clean.db" "SELECT count(*) FROM record;")
already=$(cat "$T/o1" "$T/o2" | grep -c "already ingested")
if [ "$r1$r2$r3" = 000 ] && cmp -s "$T/now" "$T/after" && [ "$already" = 1 ] &&
   [ "$n_rec" = "$n_clean" ] && [ "$(integrity "$T/two.db")" = ok ]; then
    ok "three ingests at once: all succeed in turn, the file ingested twice counts once ($n_rec records, clean $n_clean)"
else
    bad "concurrent ingests: exits $r1 $r2 $r3, 'already' $already, records $n_rec (clean $n_clean): $(cat "$T/o1" "$T/o2" "$T/o3" | head -5)"
fi

# --- a failed first ingest into a new database while a second waits for it:
# the first (its last row bad) discards the empty file it created; the second,
# started 0.1 s later and waiting for the write lock, must still succeed (it
# failed with "attempt to write a readonly database" when the file was unlinked
# under it), and the database must hold exactly its rows.
cp "$T/big.csv" "$T/lastbad.csv"; echo "2020-01,import,RUS,76011000,not-a-number,t,generated" >> "$T/lastbad.csv"
rm -f "$T"/race.db*
"$BIN" --db "$T/race.db" ingest "$T/lastbad.csv" > "$T/r1" 2>&1 & p1=$!
sleep 0.1
"$BIN" --db "$T/race.db" ingest "$ROOT/data/samples/cn-primary-aluminium.csv" > "$T/r2" 2>&1; r2=$?
wait $p1; r1=$?
fingerprint "$T/race.db" > "$T/now"
if [ "$r1" = 3 ] && [ "$r2" = 0 ] && cmp -s "$T/now" "$T/before" &&
   [ "$(integrity "$T/race.db")" = ok ]; then
    ok "failed first ingest of a new database, a second waiting: exits 3 and 0, the database holds the second's rows only"
else
    bad "failed first ingest with a second waiting: exits $r1 $r2: $(cat "$T/r1" "$T/r2" | head -4)"
fi

# --- SIGKILL during a first load: no cell stored yet (a store holding window
# points only), so the cells go to a temporary table that is copied into `cell`
# at the end (docs/store.md); a kill before, during or after that copy leaves
# the store as before or as after
printf 'date,spot_pl\n2025-04-01,-1000\n' > "$T/pl.csv"
"$BIN" --db "$T/empty.db" ingest "$T/pl.csv" > /dev/null
fingerprint "$T/empty.db" > "$T/before"
cp "$T/empty.db" "$T/clean.db"
t0=$(date +%s%N)
"$BIN" --db "$T/clean.db" ingest "$T/big.csv" > /dev/null
t1=$(date +%s%N)
fingerprint "$T/clean.db" > "$T/after"
dur_ms=$(( (t1 - t0) / 1000000 ))
echo "clean first load of $ROWS rows: ${dur_ms} ms"
kill_loop "$T/empty.db" $(( (KILLS + 2) / 3 )) "first load into an empty store" first

echo "$pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ]
