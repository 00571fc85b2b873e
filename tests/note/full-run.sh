#!/usr/bin/env bash
# The full generated-data run of docs/note.md: bench/gen data at 100,000 rows
# (default seed) and three more data sets of 100,000 rows (seeds 11, 23, 37);
# every product of data/products.csv and the 10 most traded HS4 headings of each
# set, every month with data: the English and Chinese note, the audit round
# trip, and the independent recomputation in Python (tests/note/generated.py).
# usage: tests/note/full-run.sh [BUILD_DIR]   (default build; needs ../shared)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=${1:-$ROOT/build}
SHARED=${TF_SHARED:-$ROOT/../shared}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/tfnotes.XXXXXX")
cp "$B/tradeflow" "$OUT/tradeflow"   # a private copy: a rebuild cannot break the run
python3 "$ROOT/tests/note/generated.py" "$OUT/tradeflow" "$B/bench/gen" "$SHARED" "$OUT" \
    --rows 100000 --seeds 11,23,37 --headings 10
rm -rf "$OUT"
