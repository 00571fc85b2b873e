#!/usr/bin/env bash
# The ingests behind tests/store/schema5.db, replayable with any tradeflow
# binary: the sample (data/samples), then small files written here —
# revisions, vintages, two currencies, a retracted file, an older release
# ingested late, a figure stated unchanged by a second file. Files are
# ingested by relative name from a scratch folder, so the sources list the
# same names whoever replays them.
# Usage: ingests.sh BIN DB   (DB must not exist)
set -eu
BIN=$(command -v "$1")
case $2 in *://*) DB=$2 ;; *) DB=$(cd "$(dirname "$2")" && pwd)/$(basename "$2") ;; esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
ing() { TRADEFLOW_NOW=$1 "$BIN" --db "$DB" ingest "${@:2}" > /dev/null 2>&1; }
H=period,flow,partner,commodity,quantity,unit,value,currency
cp "$ROOT/data/samples/cn-primary-aluminium.csv" sample.csv
ing 2025-05-01T08:00:00Z sample.csv
# a revision (vintage 2025-05-20): April's world import and a new partner
printf '%s\n2025-04,import,WLD,760110,251000,t,,\n2025-04,import,IND,760110,3000,t,,\n' $H > rev.csv
ing 2025-05-21T08:00:00Z --vintage 2025-05-20 rev.csv
# the same trade valued in USD and in CNY: two cells
printf '%s\n2025-04,import,AUS,760110,1000,t,2500000,USD\n' $H > usd.csv
printf '%s\n2025-04,import,AUS,760110,1000,t,18000000,CNY\n' $H > cny.csv
ing 2025-05-22T08:00:00Z usd.csv
ing 2025-05-22T09:00:00Z cny.csv
# a file ingested by mistake, then retracted
printf '%s\n2025-04,import,WLD,760110,999999,t,,\n2025-03,import,WLD,760110,1,t,,\n' $H > wrong.csv
ing 2025-05-23T08:00:00Z wrong.csv
TRADEFLOW_NOW=2025-05-24T08:00:00Z "$BIN" --db "$DB" sources --retract 5 > /dev/null
# an older release ingested late: kept as history
printf '%s\n2025-04,import,WLD,760110,249000,t,,\n' $H > old.csv
ing 2025-05-25T08:00:00Z --vintage 2025-05-01 old.csv
# a later file stating the revision's IND figure unchanged, then the revision
# retracted: IND stands (stated by a live file), the world figure falls back
printf '%s\n2025-04,import,IND,760110,3000,t,,\n2025-05,import,WLD,760110,240000,t,,\n' $H > state.csv
ing 2025-05-26T08:00:00Z --vintage 2025-05-26 state.csv
TRADEFLOW_NOW=2025-05-27T08:00:00Z "$BIN" --db "$DB" sources --retract 2 > /dev/null
