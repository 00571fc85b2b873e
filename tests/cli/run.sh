#!/usr/bin/env bash
# Runs the CLI cases in tests/cli/cases/*.case against a tradeflow binary.
# A case is a text file of "key: value" lines (adding a case needs no C):
#   # comment               free text
#   needs-shared: yes       skip when the shared data folder is absent
#   needs-server: yes       run on the PostgreSQL pass only (TF_PG_SERVER below)
#   write: NAME FORMAT      printf FORMAT > $T/NAME (escapes like \n \x00 work)
#   run: COMMAND            a shell command; earlier run lines are set-up (each must
#                           exit 0: a failing set-up fails the case), the
#                           last one is checked against the lines below
#   exit: N                 expected exit code of the last run
#   stdout: LINE            expected stdout, exactly (repeat for more lines)
#   stdout-has: TEXT        stdout contains TEXT (repeatable)
#   stderr-has: TEXT        stderr contains TEXT (repeatable)
#   stdout-lacks: TEXT      stdout does not contain TEXT
#   db-unchanged: yes       the database dump is the same before and after
#   agree: REPORT-OPTIONS   after the runs, the report's month, the series the charts
#                           draw and the xlsx Monthly row agree, in t and in value
#                           (tests/cli/agree.py; repeatable, one selection a line)
# Variables in commands: $T (case folder), $DB ($T/test.db), $SHARED, $ROOT.
# Usage: tests/cli/run.sh BIN_DIR [CASE...]; prints "N passed, N failed, N skipped".
# With TF_PG_SERVER=DIR (a server of scripts/pg-server start DIR) every case
# runs on a fresh schema of that server's database instead: $DB is a
# postgresql:// URL whose search_path is that schema,
# `sqlite3 $DB "SQL"` runs the SQL through psql, db-unchanged compares
# pg_dump's data; cases about the SQLite file itself (schema-5 migration,
# file permissions) and cases that do not use $DB are skipped with a message.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN_DIR=$(cd "$1" && pwd); shift
SHARED=${TF_SHARED:-$ROOT/../shared}
cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=("$ROOT"/tests/cli/cases/*.case)
pass=0 fail=0 skipped=0
PG=${TF_PG_SERVER:-}
if [ -n "$PG" ]; then
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    PG_URL=$(cat "$PG/url")
    export PG_BIN
    # the SQL of a case's `sqlite3 $DB "SQL"`, through psql on the case's database
    sqlite3() {
        if [ "$1" = "$DB" ] && [ $# -eq 2 ]; then
            psql -X -q -At -v ON_ERROR_STOP=1 "$1" -c "$2"
        else
            command sqlite3 "$@"
        fi
    }
    export -f sqlite3
fi
# the database's content, to compare before and after a run
dump_db() {
    if [ -n "$PG" ]; then "$PG_BIN/pg_dump" -a -n "$SCHEMA" "$PG_URL" 2>&1 | grep -v '^--\|^SET\|^SELECT pg_catalog\|^.restrict \|^.unrestrict '
    elif [ -f "$DB" ]; then command sqlite3 "$DB" .dump 2>&1; fi
}
n_case=0
for c in "${cases[@]}"; do
    name=$(basename "$c" .case)
    T=$(mktemp -d "${TMPDIR:-/tmp}/tfcli.XXXXXX")
    DB=$T/test.db
    if [ -n "$PG" ] && grep -qE 'schema[0-9]|chmod|\$DB-|test\.db' "$c"; then
        echo "skip $name: a case about the SQLite file"; skipped=$((skipped+1)); rm -rf "$T"; continue
    fi
    if [ -n "$PG" ] && ! grep -q '\$DB' "$c"; then
        echo "skip $name: does not use the store"; skipped=$((skipped+1)); rm -rf "$T"; continue
    fi
    if [ -n "$PG" ]; then
        n_case=$((n_case + 1))
        SCHEMA=tfcase_$$_$n_case
        psql -X -q "$PG_URL" -c "CREATE SCHEMA $SCHEMA" || {
            echo "FAIL $name: cannot create a schema on $PG"; fail=$((fail+1)); rm -rf "$T"; continue; }
        DB="$PG_URL?options=-csearch_path%3D$SCHEMA"
    fi
    runs=() ; agrees=() ; want_exit=0 ; want_out=() ; has_out=() ; has_err=() ; lacks_out=() ; dbsame=no ; needs=no ; server=no ; writes=()
    while IFS= read -r line || [ -n "$line" ]; do
        case "$line" in
            "#"*|"") ;;
            needs-shared:*) needs=yes ;;
            needs-server:*) server=yes ;;
            write:*) writes+=("${line#write: }") ;;
            run:*) runs+=("${line#run: }") ;;
            exit:*) want_exit=${line#exit: } ;;
            stdout-has:*) has_out+=("${line#stdout-has: }") ;;
            stdout-lacks:*) lacks_out+=("${line#stdout-lacks: }") ;;
            stderr-has:*) has_err+=("${line#stderr-has: }") ;;
            stdout:*) want_out+=("${line#stdout: }") ;;
            db-unchanged:*) dbsame=yes ;;
            agree:*) agrees+=("${line#agree: }") ;;
            *) echo "FAIL $name: unknown line: $line"; fail=$((fail+1)); continue 2 ;;
        esac
    done < "$c"
    if [ "$server" = yes ] && [ -z "$PG" ]; then
        echo "skip $name: needs a PostgreSQL server (the PostgreSQL pass of make test runs it)"
        skipped=$((skipped+1)); rm -rf "$T"; continue
    fi
    if [ "$needs" = yes ] && [ ! -d "$SHARED/data" ]; then
        echo "skip $name: shared data folder $SHARED absent"; skipped=$((skipped+1)); rm -rf "$T"; continue
    fi
    for w in "${writes[@]+"${writes[@]}"}"; do
        f=${w%% *}; fmt=${w#* }
        printf "$fmt" > "$T/$f"
    done
    export T DB SHARED ROOT
    export PATH="$BIN_DIR:$PATH"
    export TRADEFLOW_NOW=2025-06-01T00:00:00Z
    n=${#runs[@]}
    setup_why=""
    for ((i = 0; i < n - 1; i++)); do
        (cd "$T" && bash -c "${runs[$i]}") >"$T/.setup" 2>&1 ||
            setup_why="$setup_why; set-up run $((i+1)) exited $?: ${runs[$i]:0:200}: $(tail -c 400 "$T/.setup")"
    done
    before=""
    [ "$dbsame" = yes ] && before=$(dump_db)
    (cd "$T" && bash -c "${runs[$((n-1))]}") >"$T/.out" 2>"$T/.err"
    got_exit=$?
    why="$setup_why"
    [ "$got_exit" = "$want_exit" ] || why="exit $got_exit, want $want_exit"
    if [ ${#want_out[@]} -gt 0 ]; then
        printf '%s\n' "${want_out[@]}" > "$T/.want"
        diff -u "$T/.want" "$T/.out" > "$T/.diff" || why="$why; stdout differs: $(head -c 1500 "$T/.diff")"
    fi
    for s in "${has_out[@]+"${has_out[@]}"}"; do
        grep -qF -- "$s" "$T/.out" || why="$why; stdout lacks '$s'"
    done
    for s in "${lacks_out[@]+"${lacks_out[@]}"}"; do
        grep -qF -- "$s" "$T/.out" && why="$why; stdout has '$s'"
    done
    for s in "${has_err[@]+"${has_err[@]}"}"; do
        s=${s//\$T/$T}
        grep -qF -- "$s" "$T/.err" || why="$why; stderr lacks '$s'"
    done
    if [ "$dbsame" = yes ]; then
        after=$(dump_db)
        [ "$before" = "$after" ] || why="$why; database changed"
    fi
    for s in "${agrees[@]+"${agrees[@]}"}"; do
        (cd "$T" && bash -c "python3 \"$ROOT/tests/cli/agree.py\" \"$DB\" $s") > "$T/.agree" 2>&1 ||
            why="$why; report, series and workbook disagree ($s): $(grep -v '^ok' "$T/.agree" | head -c 800)"
    done
    if grep -q "runtime error\|AddressSanitizer\|LeakSanitizer" "$T/.err"; then
        why="$why; sanitizer report"
    fi
    if [ -z "$why" ]; then
        pass=$((pass+1)); echo "ok   $name"
    else
        fail=$((fail+1)); echo "FAIL $name: ${why#; }"
        echo "  stderr: $(head -c 600 "$T/.err")"
    fi
    rm -rf "$T"
    [ -n "$PG" ] && psql -X -q "$PG_URL" -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $SCHEMA CASCADE"; true
done
echo "$pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ]
