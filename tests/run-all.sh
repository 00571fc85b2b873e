#!/usr/bin/env bash
# The whole suite: cmocka unit tests (plain build and ASan+UBSan build), the
# CLI cases (on the sanitizer build), the charts, HTML page and workbook
# (tests/charts/run.sh), the README's commands. The last line
# is the total: "N passed, N failed".
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export TF_SHARED=${TF_SHARED:-$ROOT/../shared}
[ -d "$TF_SHARED/data" ] || echo "note: $TF_SHARED absent: tests on the real data files are skipped"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
P=0 F=0 S=0
add() { P=$((P + $1)); F=$((F + $2)); S=$((S + ${3:-0})); }

# one cmocka binary: its passed, failed and skipped counts added
unit() {
    local bin=$1 out rc passed failed skipped
    out=$("$bin" 2>&1); rc=$?
    echo "$out" | grep -E '^\[  (FAILED|ERROR|SKIPPED)|PASSED|runtime error|Sanitizer' || true
    passed=$(echo "$out" | sed -n 's/.*\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    failed=$(echo "$out" | sed -n 's/.*\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    skipped=$(echo "$out" | sed -n 's/.*\[  SKIPPED \] \([0-9]*\) test.*/\1/p' | tail -1)
    passed=${passed:-0}; failed=${failed:-0}; skipped=${skipped:-0}
    if [ $rc -ne 0 ] && [ "$failed" = 0 ]; then
        echo "$out" | tail -30
        failed=1   # crashed or sanitizer abort
    fi
    add "$passed" "$failed" "$skipped"
}
for bin in build/tests/test_* build/san/tests/test_*; do
    [ -x "$bin" ] || continue
    echo "== $bin"
    unit "$bin"
done

summary() { tail -1 | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p'; }

echo "== audit mutation test, bounded sample (tests/audit-mutation/run.py; docs/audit.md section 8)"
python3 tests/audit-mutation/run.py build/tradeflow --sample 8 --check > build/mutation.log 2>&1
grep -v '^ok' build/mutation.log
read -r p f s < <(summary < build/mutation.log)
add "${p:-0}" "${f:-1}" "${s:-0}"

echo "== Russian and French notes of the corpus against their hand-checked claims (tests/audit-lang/articles.py)"
python3 tests/audit-lang/articles.py build/tradeflow > build/audit-lang.log 2>&1
grep -v '^ok\|^not read yet' build/audit-lang.log
read -r p f s < <(summary < build/audit-lang.log)
add "${p:-0}" "${f:-1}" "${s:-0}"

echo "== bad-inputs catalogue (tests/bad-inputs, sanitizer build)"
tests/cli/run.sh build/san tests/bad-inputs/*.case > build/bad-inputs.log 2>&1
grep -v '^ok' build/bad-inputs.log
read -r p f s < <(summary < build/bad-inputs.log)
add "${p:-0}" "${f:-1}" "${s:-0}"

echo "== CLI cases (sanitizer build)"
tests/cli/run.sh build/san > build/cli.log 2>&1
grep -v '^ok' build/cli.log
read -r p f s < <(summary < build/cli.log)
add "${p:-0}" "${f:-1}" "${s:-0}"

echo "== PostgreSQL: a throw-away server (scripts/pg-server), the store's unit tests, the CLI cases and the agreement with SQLite (docs/postgresql.md)"
PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/tfpg.XXXXXX")
scripts/pg-server start "$PGDIR" > build/pg-server.log 2>&1; pgrc=$?
if [ $pgrc -eq 0 ]; then
    trap 'scripts/pg-server stop "$PGDIR"; rm -rf "$PGDIR"' EXIT
    for bin in build/tests/test_store build/san/tests/test_store; do
        echo "== $bin on PostgreSQL"
        TF_TEST_PG=$(cat "$PGDIR/url") unit "$bin"
    done
    echo "== CLI cases on PostgreSQL (plain build)"
    TF_PG_SERVER=$PGDIR tests/cli/run.sh build > build/cli-pg.log 2>&1
    grep -v '^ok\|^skip' build/cli-pg.log
    read -r p f s < <(summary < build/cli-pg.log)
    add "${p:-0}" "${f:-1}" "${s:-0}"
    echo "== bad-inputs catalogue on PostgreSQL (plain build)"
    TF_PG_SERVER=$PGDIR tests/cli/run.sh build tests/bad-inputs/*.case > build/bad-inputs-pg.log 2>&1
    grep -v '^ok\|^skip' build/bad-inputs-pg.log
    read -r p f s < <(summary < build/bad-inputs-pg.log)
    add "${p:-0}" "${f:-1}" "${s:-0}"
    echo "== SQLite and PostgreSQL agree byte for byte (tests/store/pg-agree.sh)"
    tests/store/pg-agree.sh build/tradeflow "$PGDIR" > build/pg-agree.log 2>&1
    grep -v '^ok' build/pg-agree.log
    read -r p f s < <(summary < build/pg-agree.log)
    add "${p:-0}" "${f:-1}" "${s:-0}"
    scripts/pg-server stop "$PGDIR"
    trap - EXIT
    rm -rf "$PGDIR"
elif [ $pgrc -eq 77 ]; then
    echo "skip: PostgreSQL server binaries absent (apt-get install postgresql): the PostgreSQL tests are skipped"
    rm -rf "$PGDIR"
    add 0 0 1
else
    echo "FAIL: the PostgreSQL test server did not start:"; tail -20 build/pg-server.log
    rm -rf "$PGDIR"
    add 0 1 0
fi

echo "== Charts, HTML page and workbook (sanitizer build)"
tests/charts/run.sh build/san > build/charts.log 2>&1
grep -v '^ok' build/charts.log
read -r p f s < <(summary < build/charts.log)
add "${p:-0}" "${f:-1}" "${s:-0}"

echo "== crash safety, short run (make test-crash runs 300,000 rows and 120 kills)"
tests/crash/run.sh build 20000 10 > build/crash.log 2>&1
grep -v '^ok' build/crash.log
read -r p f s < <(summary < build/crash.log)
add "${p:-0}" "${f:-1}" "${s:-0}"

echo "== PostgreSQL on several servers: coordinator and two data servers (tests/pg-cluster/run.sh; docs/scaling.md)"
tests/pg-cluster/run.sh build > build/pg-cluster.log 2>&1
grep -v '^ok' build/pg-cluster.log
read -r p f s < <(summary < build/pg-cluster.log)
add "${p:-0}" "${f:-1}" "${s:-0}"

echo "== fuzzing, ${TF_FUZZ_SECONDS:-5} s per target (make fuzz FUZZ_SECONDS=N for longer runs)"
tests/fuzz/run.sh "${TF_FUZZ_SECONDS:-5}" > build/fuzz.log 2>&1
grep -v '^ok' build/fuzz.log
read -r p f s < <(summary < build/fuzz.log)
add "${p:-0}" "${f:-1}" "${s:-0}"

echo "== source checks (tests/security/check.sh)"
tests/security/check.sh > build/security.log 2>&1
grep -v '^ok' build/security.log
read -r p f s < <(summary < build/security.log)
add "${p:-0}" "${f:-1}" "${s:-0}"

echo "== README commands"
tests/readme.sh > build/readme.log 2>&1
grep -v '^ok' build/readme.log
read -r p f s < <(summary < build/readme.log)
add "${p:-0}" "${f:-1}" "${s:-0}"

echo
echo "$P passed, $F failed, $S skipped"
[ "$F" -eq 0 ]
