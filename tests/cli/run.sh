#!/usr/bin/env bash
# Runs the CLI cases in tests/cli/cases/*.case against a tradeflow binary.
# A case is a text file of "key: value" lines (adding a case needs no C):
#   # comment               free text
#   needs-shared: yes       skip when the shared data folder is absent
#   write: NAME FORMAT      printf FORMAT > $T/NAME (escapes like \n \x00 work)
#   run: COMMAND            a shell command; earlier run lines are set-up, the
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
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN_DIR=$(cd "$1" && pwd); shift
SHARED=${TF_SHARED:-$ROOT/../shared}
cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=("$ROOT"/tests/cli/cases/*.case)
pass=0 fail=0 skipped=0
for c in "${cases[@]}"; do
    name=$(basename "$c" .case)
    T=$(mktemp -d "${TMPDIR:-/tmp}/tfcli.XXXXXX")
    DB=$T/test.db
    runs=() ; agrees=() ; want_exit=0 ; want_out=() ; has_out=() ; has_err=() ; lacks_out=() ; dbsame=no ; needs=no ; writes=()
    while IFS= read -r line || [ -n "$line" ]; do
        case "$line" in
            "#"*|"") ;;
            needs-shared:*) needs=yes ;;
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
    for ((i = 0; i < n - 1; i++)); do
        (cd "$T" && bash -c "${runs[$i]}") >/dev/null 2>&1
    done
    before=""
    [ "$dbsame" = yes ] && [ -f "$DB" ] && before=$(sqlite3 "$DB" .dump 2>&1)
    (cd "$T" && bash -c "${runs[$((n-1))]}") >"$T/.out" 2>"$T/.err"
    got_exit=$?
    why=""
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
        after=""
        [ -f "$DB" ] && after=$(sqlite3 "$DB" .dump 2>&1)
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
done
echo "$pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ]
