#!/usr/bin/env bash
# tradeflow fetch comtrade against the local replay server (tests/fetch/
# replay_server.py) serving the recorded v1 API response
# $SHARED/data/comtrade/v1-api/china-2010-total.json: a clean pull, a pull
# through injected faults (429 with Retry-After, 500, a slow answer, a cut
# connection, cut JSON) and an interrupted pull resumed from the cache must
# leave the same records. Prints one "ok"/"FAIL" line per check.
set -u
T=${T:-$(mktemp -d)}
FIX=$SHARED/data/comtrade/v1-api/china-2010-total.json
HERE=$(cd "$(dirname "$0")" && pwd)
unset COMTRADE_KEY
export HOME=$T/home
pids=()
cleanup() { for p in "${pids[@]+"${pids[@]}"}"; do kill "$p" 2>/dev/null; done; }
trap cleanup EXIT

start() { # name plan fail-period [server option]: sets $url
    rm -f "$T/$1.port"
    python3 "$HERE/replay_server.py" --fixture "$FIX" --port-file "$T/$1.port" --log "$T/$1.log" \
        --plan "$2" --fail-period "$3" ${4:-} > "$T/$1.server" 2>&1 < /dev/null &
    pids+=($!)
    for _ in $(seq 200); do [ -f "$T/$1.port" ] && break; sleep 0.05; done
    touch "$T/$1.log"
    url="http://127.0.0.1:$(cat "$T/$1.port" 2>/dev/null)"
}
dump() { sqlite3 "$1" "SELECT period, flow, reporter, partner, partner_basis, classification, commodity, value, cif, fob FROM record ORDER BY 1,2,3,4"; }
check() { if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: got '$2', want '$3'"; fi; }
pullf() { # url cache db extra...
    local url=$1 cache=$2 db=$3; shift 3
    tradeflow --db "$db" fetch comtrade --reporter CHN --partner ARG,DEU --commodity TOTAL \
        --flow import,export --cache "$cache" --base-url "$url" --timeout 1 --wait 50 "$@"
}

# 1. clean pull, annual 2008..2010: one call
start clean "" ""
pullf "$url" "$T/c1" "$T/clean.db" --period 2008..2010 > "$T/clean.out" 2>&1
check "clean pull exit" "$?" 0
check "clean pull records" "$(sqlite3 "$T/clean.db" 'SELECT count(*) FROM record')" 4
check "clean pull import from DEU (USD)" "$(sqlite3 "$T/clean.db" "SELECT value/1000 FROM record WHERE flow=1 AND partner='DEU'")" 74251272075
check "clean pull request" "$(grep -c 'period=2008,2009,2010&partnerCode=32,276&partner2Code=0&cmdCode=TOTAL&flowCode=M,X' "$T/clean.log")" 1
check "preview endpoint without a key" "$(grep -c '^/public/v1/preview/C/A/HS' "$T/clean.log")" 1

# 2. every fault once, then the answer: six attempts, same records
start faults "429,500,slow,truncated,garbage" ""
pullf "$url" "$T/c2" "$T/faults.db" --period 2008..2010 > "$T/faults.out" 2>&1
check "faulty pull exit" "$?" 0
check "faulty pull attempts" "$(wc -l < "$T/faults.log" | tr -d ' ')" 6
check "faulty pull says 5 retried" "$(grep -c '5 retried' "$T/faults.out")" 1
check "faulty pull same records" "$(dump "$T/faults.db")" "$(dump "$T/clean.db")"

# 3. 2000..2015 is two calls (12 periods each at most); the second keeps
#    failing: nothing ingested, the first answer cached; run again: only the
#    missing call is made, and the records are those of the clean pull
start broken "" "2012"
pullf "$url" "$T/c3" "$T/resume.db" --period 2000..2015 --retries 2 > "$T/broken.out" 2>&1
check "interrupted pull exit" "$?" 4
check "interrupted pull ingests nothing" "$(sqlite3 "$T/resume.db" 'SELECT count(*) FROM record' 2>/dev/null || echo 0)" 0
check "interrupted pull calls" "$(wc -l < "$T/broken.log" | tr -d ' ')" 4
start resume "" ""
pullf "$url" "$T/c3" "$T/resume.db" --period 2000..2015 > "$T/resume.out" 2>&1
check "resumed pull exit" "$?" 0
check "resumed pull fetches only the missing call" "$(wc -l < "$T/resume.log" | tr -d ' ')" 1
check "resumed pull: 1 from the cache" "$(grep -c '2 calls (1 from the cache, 1 fetched' "$T/resume.out")" 1
check "resumed pull same records" "$(dump "$T/resume.db")" "$(dump "$T/clean.db")"

# 4. an empty result is explained, nothing ingested
start empty "" ""
pullf "$url" "$T/c4" "$T/empty.db" --period 2023..2024 > "$T/empty.out" 2>&1
check "empty pull exit" "$?" 0
check "empty pull explained" "$(grep -c 'not yet published' "$T/empty.out")" 1

# 5. the key goes in a header to the /data/v1/get endpoint
start keyed "" ""
COMTRADE_KEY=k123 pullf "$url" "$T/c5" "$T/keyed.db" --period 2010..2010 > "$T/keyed.out" 2>&1
check "keyed pull endpoint" "$(grep -c '^/data/v1/get/C/A/HS?reporterCode=156&period=2010&' "$T/keyed.log")" 1

# 6. an answer at the row limit (500 rows without a key) is split by period:
#    2008..2010 -> 2008 | 2009..2010 -> 2009 | 2010: five calls, same records
start rows "" "" --fill-multi
pullf "$url" "$T/c6" "$T/rows.db" --period 2008..2010 > "$T/rows.out" 2>&1
check "row-limit pull exit" "$?" 0
check "row-limit pull calls" "$(wc -l < "$T/rows.log" | tr -d ' ')" 5
check "row-limit pull same records" "$(dump "$T/rows.db")" "$(dump "$T/clean.db")"
