#!/usr/bin/env bash
# Source checks that fail the suite:
#  1. no unbounded or unchecked C string/number functions in src/ (sprintf,
#     strcpy, strcat, gets, atoi, ...): use snprintf/tf_fmt, tf_copy, strtol;
#  2. SQL is never assembled by formatting text: no sqlite3_mprintf, no
#     SELECT/INSERT/UPDATE/DELETE/CREATE inside a printf-style format; values
#     go through bound parameters (sqlite3_bind_*);
#  3. no file is opened from a path found inside data (fopen/open only in the
#     reader entry points and the CLI, on paths the user gave, and in the store
#     on the database path the user gave: the writers' flock, store.c hold_file);
#  4. the fetcher never turns TLS verification off and never logs its traffic
#     (which carries the API key);
#  5. build/libtradeflow.so exports exactly the functions declared in include/
#     (built with -fvisibility=hidden; TF_API marks the public API);
#  6. no per-call state in globals: no _Thread_local, no static non-const
#     variables at file scope in the statistics, query and outputs modules;
#  7. functions fit on a screen: none over 150 lines in the library (outside
#     src/audit) or over 100 in src/cli/ (tests/security/fnlen.py);
#  8. no source file includes the same header twice.
# Prints "N passed, N failed".
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
pass=0 fail=0
check() { # name, command producing offending lines
    local name=$1; shift
    local out
    out=$("$@")
    if [ -z "$out" ]; then pass=$((pass+1)); echo "ok   $name"
    else fail=$((fail+1)); echo "FAIL $name"; echo "$out" | sed 's/^/    /'; fi
}
banned='\b(sprintf|vsprintf|strcpy|strcat|stpcpy|gets|atoi|atol|atoll|atof|strtok|tmpnam|tempnam|mktemp|system|popen)[[:space:]]*\('
check "banned C functions in src/" \
    sh -c "grep -nE '$banned' src/*/*.c src/*/*.h | grep -vE 'snprintf|vsnprintf|strtok_r' || true"
check "SQL assembled by formatting" \
    sh -c "grep -nE 'sqlite3_(v)?mprintf|sqlite3_snprintf' src/*/*.c || true; \
           grep -nE '(tf_fmt|snprintf)\(.*\"[^\"]*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP)[[:space:]]' src/*/*.c || true"
check "files opened outside the entry points" \
    sh -c "grep -nE '\b(fopen|open|freopen|opendir)[[:space:]]*\(' src/*/*.c | \
           grep -vE '^src/(cli/[a-z_]+|audit/note|refdata/refdata|outputs/report_xlsx|outputs/output|fetch/[a-z_]+|store/store)\.c:' || true"
check "TLS verification turned off or traffic logged (the API key would show)" \
    sh -c "grep -nE 'SSL_VERIFY(PEER|HOST),[[:space:]]*0|CURLOPT_VERBOSE|CURLOPT_DEBUGFUNCTION' src/*/*.c || true; \
           grep -nE '(printf|fprintf|tf_fmt|snprintf)\(.*->key\b' src/*/*.c | grep -v 'Ocp-Apim-Subscription-Key' || true"
check "libtradeflow.so exports other than the functions declared in include/" \
    sh -c "[ -f build/libtradeflow.so ] || { echo 'build/libtradeflow.so absent (make all)'; exit; }; \
           nm -D --defined-only build/libtradeflow.so | awk '\$2 ~ /^[TtDdRrBb]\$/ {print \$3}' | \
           grep -vE '^(_edata|_end|__bss_start)\$' | sort > build/exports.txt; \
           grep -ohE '\btf_[a-z0-9_]+\(' include/tradeflow/*.h | tr -d '(' | sort -u > build/declared.txt; \
           comm -3 build/exports.txt build/declared.txt"
check "per-call state in globals (stats, query, outputs)" \
    sh -c "grep -nE '_Thread_local|^static (unsigned )?[a-z_]+ \\**[a-z_]+(\\[[^]]*\\])* *(=[^=]|;)|^static const [a-z_]+ \\*[a-z_]+ *(=[^=]|;)' \
           src/stats/*.c src/query/*.c src/outputs/*.c || true"
check "functions over 150 lines (library) or 100 lines (src/cli)" \
    sh -c "python3 tests/security/fnlen.py || true"
check "a header included twice by one file" \
    sh -c "for f in src/*/*.c src/*/*.h; do grep -E '^#[[:space:]]*include' \"\$f\" | \
           sort | uniq -d | sed \"s|^|\$f: |\"; done"
echo "$pass passed, $fail failed, 0 skipped"
[ "$fail" -eq 0 ]
