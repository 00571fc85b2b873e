#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each (ASan + UBSan), seeded from
# tests/fuzz/seeds/<target>, the real files in ../shared read in place, and
# the corpus kept in build/fuzz/corpus/<target>; then replays every crash
# regression in tests/fuzz/regress/<target>/ once.
# Usage: tests/fuzz/run.sh SECONDS [TARGET...]
# Prints one line per target (executions, coverage) and "N passed, N failed".
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
SECS=${1:-10}; shift || true
SHARED=${TF_SHARED:-$ROOT/../shared}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(tfcsv gacc plseries prices auto note products comtrade_csv comtrade_json)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
pass=0 fail=0
seeds_for() {
    local list=()
    case $1 in
        tfcsv) list=("$SHARED"/data/series/*.csv "$ROOT"/data/samples/*.csv) ;;
        gacc) list=("$SHARED"/data/gacc/soybeans/*.csv) ;;
        plseries) list=("$SHARED"/data/prices/al-import-pl-daily.csv) ;;
        prices) list=("$SHARED"/data/prices/*.csv) ;;
        auto) list=("$SHARED"/data/gacc/soybeans/*.csv "$SHARED"/data/prices/*.csv "$ROOT"/data/samples/*.csv) ;;
        note) list=("$SHARED"/corpus/articles/raw/*.txt) ;;
        products) list=("$ROOT"/data/products.csv) ;;
        comtrade_csv) list=("$SHARED"/data/comtrade/plus-download/*.csv "$SHARED"/data/comtrade/legacy/*.csv
                            "$SHARED"/data/comtrade/v1-api/*.csv) ;;
        comtrade_json) list=("$SHARED"/data/comtrade/v1-api/*.json) ;;
    esac
    local out=""
    for f in "${list[@]}"; do [ -f "$f" ] && out="$out,$f"; done
    echo "${out#,}"
}
mkdir -p build/fuzz/artifacts
for t in "${targets[@]}"; do
    bin=build/fuzz/fuzz_$t
    mkdir -p "build/fuzz/corpus/$t"
    seeds=$(seeds_for "$t")
    log=build/fuzz/$t.log
    "$bin" "build/fuzz/corpus/$t" "tests/fuzz/seeds/$t" -dict="tests/fuzz/dict/$t.dict" \
        -max_total_time="$SECS" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
        -artifact_prefix="build/fuzz/artifacts/$t-" -print_final_stats=1 \
        ${seeds:+-seed_inputs=$seeds} > "$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    if [ $rc -eq 0 ]; then
        pass=$((pass+1)); echo "ok   fuzz_$t: ${SECS} s, ${execs:-?} executions, ${cov:-cov: ?}"
    else
        fail=$((fail+1)); echo "FAIL fuzz_$t (exit $rc): see $log and build/fuzz/artifacts/"
        grep -E "ERROR|SUMMARY|runtime error" "$log" | head -5 | sed 's/^/    /'
    fi
    # the regressions: every input that ever crashed a target, replayed once
    for r in tests/fuzz/regress/"$t"/*; do
        [ -f "$r" ] || continue
        if "$bin" "$r" > "$log.regress" 2>&1; then pass=$((pass+1)); echo "ok   regress $t/$(basename "$r")"
        else fail=$((fail+1)); echo "FAIL regress $t/$(basename "$r")"; tail -5 "$log.regress"; fi
    done
done
echo "$pass passed, $fail failed, 0 skipped"
[ "$fail" -eq 0 ]
