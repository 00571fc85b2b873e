#!/usr/bin/env bash
# Charts, the HTML page and the workbook, checked independently:
#  - golden SVG files of tests/charts/small.csv (byte for byte: output is
#    deterministic) and their structure (series, points, legend, unit);
#  - the HTML page loaded by headless Chromium: no console message (the page
#    forbids scripts and external loads by its content security policy, so
#    any attempt is logged), every chart's SVG with its series and points in
#    the DOM, and a screenshot that is not blank;
#  - the workbook read back with openpyxl: sheets, values, formats, formulas,
#    chart count;
#  - the workbook of tests/charts/print.csv opened in LibreOffice headless
#    (tests/charts/libreoffice.py): recalculated, converted to CSV and PDF;
#  - a partner name "<script>..." and a name "=cmd..." from a GACC file: text
#    in the page and in the workbook, never markup or a formula.
# Usage: tests/charts/run.sh BIN_DIR; prints "N passed, N failed, N skipped".
# TF_UPDATE_GOLDEN=1 rewrites the golden files (review them before committing).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=$(cd "$1" && pwd)/tradeflow
HERE=$ROOT/tests/charts
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
T=$(mktemp -d "${TMPDIR:-/tmp}/tfcharts.XXXXXX")
trap 'rm -rf "$T"' EXIT
pass=0 fail=0 skipped=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
# count the ok/FAIL lines of check.py
tally() {
    local out=$1
    echo "$out"
    pass=$((pass + $(grep -c '^ok ' <<<"$out")))
    fail=$((fail + $(grep -c '^FAIL ' <<<"$out")))
}
CHROME=$(command -v chromium || command -v chromium-browser || true)
chrome() { # chrome OUT_PREFIX URL: DOM in OUT.dom, log in OUT.log, screenshot OUT.png
    timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$T/chrome" --enable-logging=stderr --v=0 --window-size=820,2400 \
        --dump-dom "$2" >"$1.dom" 2>"$1.log"
    timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$T/chrome" --window-size=820,2400 --screenshot="$1.png" "$2" \
        >/dev/null 2>&1
}

DB=$T/small.db
P="--product primary-aluminium --period 2025-04"
"$BIN" --db "$DB" ingest "$HERE/small.csv" "$HERE/small-pl.csv" >/dev/null 2>&1 ||
    bad "ingest of the chart fixtures"

# golden SVGs and their structure
for kind in seasonal-import seasonal-export seasonal-net-import partners net-import window; do
    if ! "$BIN" --db "$DB" chart $kind $P -o "$T/$kind.svg" 2>"$T/err"; then
        bad "chart $kind: $(cat "$T/err")"
        continue
    fi
    [ "${TF_UPDATE_GOLDEN:-0}" = 1 ] && cp "$T/$kind.svg" "$HERE/golden/$kind.svg"
    if cmp -s "$T/$kind.svg" "$HERE/golden/$kind.svg"; then
        ok "chart $kind equals golden/$kind.svg"
    else
        bad "chart $kind differs from golden/$kind.svg"
        diff "$HERE/golden/$kind.svg" "$T/$kind.svg" | head -10
    fi
    tally "$("$PY" "$HERE/check.py" svg "$T/$kind.svg" "$kind" "$HERE/small.json")"
done
# the same chart to standard output is the same bytes (nothing from the clock)
"$BIN" --db "$DB" chart partners $P > "$T/again.svg" 2>/dev/null
cmp -s "$T/again.svg" "$T/partners.svg" && ok "chart output is deterministic" ||
    bad "chart output differs between two runs"
# usage errors
IDB0=$T/imports-only.db
printf 'period,flow,partner,commodity,quantity,unit\n2025-04,import,WLD,760110,5,t\n' > "$T/imports-only.csv"
"$BIN" --db "$IDB0" ingest "$T/imports-only.csv" >/dev/null 2>&1
"$BIN" --db "$DB" chart pie $P >/dev/null 2>&1; rc=$?
[ $rc = 2 ] && ok "unknown chart kind: exit 2" || bad "unknown chart kind: exit $rc, not 2"
"$BIN" --db "$IDB0" chart seasonal-export $P >/dev/null 2>&1; rc=$?
[ $rc = 5 ] && ok "chart with nothing to draw: exit 5 (no data)" || bad "chart with nothing to draw: exit $rc, not 5"
"$BIN" --db "$DB" report $P --format xlsx >/dev/null 2>&1; rc=$?
[ $rc = 2 ] && ok "xlsx without -o: exit 2" || bad "xlsx without -o: exit $rc, not 2"

# the HTML page in Chromium
"$BIN" --db "$DB" report $P --format html -o "$T/small.html" || bad "report --format html"
if [ -z "$CHROME" ]; then
    bad "chromium is not installed (scripts/install-deps installs it)"
else
    chrome "$T/page" "file://$T/small.html"
    if grep -q 'CONSOLE' "$T/page.log"; then
        bad "page logs console messages:"; grep 'CONSOLE' "$T/page.log" | head -5
    else
        ok "page loads without console messages"
    fi
    if [ -s "$T/page.dom" ]; then
        tally "$("$PY" "$HERE/check.py" dom "$T/page.dom" "$HERE/small.json")"
    else
        bad "chromium dumped no DOM"
    fi
    if [ -s "$T/page.png" ]; then
        tally "$("$PY" "$HERE/check.py" png "$T/page.png")"
    else
        bad "chromium wrote no screenshot"
    fi
fi
if grep -qiE '<script|<link|src=|url\(|@import|https?://[^w]' "$T/small.html"; then
    bad "page refers to something outside itself"; grep -oiE '<script|<link|src=|url\(|@import|https?://[^w]+' "$T/small.html" | head -3
else
    ok "page is self-contained (no script, link, src, url(), @import)"
fi

# the workbook
"$BIN" --db "$DB" report $P --format xlsx -o "$T/small.xlsx" || bad "report --format xlsx"
tally "$("$PY" "$HERE/check.py" xlsx "$T/small.xlsx")"

# the workbook in a real spreadsheet program (LibreOffice headless): recalculated
# figures against the report, headings that fit, the PDF's pages
mkdir -p "$T/lo"
out=$("$PY" "$HERE/libreoffice.py" "$BIN" "$HERE/print.csv" "$T/lo")
if grep -q '^skip' <<<"$out"; then
    echo "$out"; skipped=$((skipped + 1))
else
    tally "$out"
fi

# names from data: markup and formulas stay text
IDB=$T/inject.db
printf '"数据年月","商品编码","贸易伙伴编码","贸易伙伴名称","第一数量","第一计量单位",\n"202503","76011090","344","俄罗斯联邦","50000000","千克",\n"202504","76011090","344","俄罗斯联邦","60000000","千克",\n"202504","76011090","998","<script>alert(1)</script>","2000000","千克",\n"202504","76011090","997","=cmd|'"'"' /C calc'"'"'!A0","1000000","千克",\n' > "$T/inject.csv"
"$BIN" --db "$IDB" ingest --flow import "$T/inject.csv" >/dev/null 2>&1 || bad "ingest of the injection fixture"
"$BIN" --db "$IDB" report $P --format html --lang zh -o "$T/inject.html" || bad "report html (injection)"
if grep -q '<script>alert' "$T/inject.html"; then
    bad "a partner name became markup in the page"
else
    ok "partner name '<script>...' escaped in the page source"
fi
cat > "$T/inject.json" <<'JSON'
{"text": ["<script>alert(1)</script>", "=cmd|' /C calc'!A0", "俄罗斯"],
 "charts": {"seasonal-import": {"points": {"2025": 2}},
            "partners": {"points": {"俄罗斯": 2, "<script>alert(1)</script>": 1, "=cmd|' /C calc'!A0": 1}}}}
JSON
if [ -n "$CHROME" ]; then
    chrome "$T/inject" "file://$T/inject.html"
    if grep -q 'CONSOLE' "$T/inject.log"; then
        bad "injection page logs console messages"; grep 'CONSOLE' "$T/inject.log" | head -5
    else
        ok "injection page runs nothing (no console messages)"
    fi
    tally "$("$PY" "$HERE/check.py" dom "$T/inject.dom" "$T/inject.json")"
fi
"$BIN" --db "$IDB" report $P --format xlsx -o "$T/inject.xlsx" || bad "report xlsx (injection)"
tally "$("$PY" "$HERE/check.py" inject-xlsx "$T/inject.xlsx")"
"$BIN" --db "$IDB" report $P --format csv > "$T/inject.csv.out"
if grep -q ",\"'=cmd|' /C calc'!A0\"," "$T/inject.csv.out" && ! grep -q ',=cmd' "$T/inject.csv.out"; then
    ok "csv: a name starting with = is quoted and prefixed with '"
else
    bad "csv: formula guard missing"
fi

echo "$pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ]
