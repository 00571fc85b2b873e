#!/usr/bin/env bash
# Writes tests/store/schema5.db, a database of schema 5 (the release before
# the clustered store), and the outputs of that release on it
# (tests/store/schema5.expected), with the binary of that release:
#   git worktree add /tmp/tf5 59e9eb2 && make -C /tmp/tf5 build/tradeflow
#   tests/store/make-schema5.sh /tmp/tf5/build/tradeflow
# (the files in git were written so, by the build of commit 59e9eb2)
# tests/store/migrate.sh opens a copy with this version and checks that it
# migrates and gives the same outputs. The figures are the sample's (data/
# samples) and small files written here: revisions, vintages, two currencies,
# a retracted file, a figure stated unchanged by a second file.
set -eu
BIN=$1
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
DB=$T/schema5.db
ing() { TRADEFLOW_NOW=$1 "$BIN" --db "$DB" ingest "${@:2}" > /dev/null; }
H=period,flow,partner,commodity,quantity,unit,value,currency
ing 2025-05-01T08:00:00Z "$ROOT/data/samples/cn-primary-aluminium.csv"
# a revision (vintage 2025-05-20): April's world import and a new partner
printf '%s\n2025-04,import,WLD,760110,251000,t,,\n2025-04,import,IND,760110,3000,t,,\n' $H > "$T/rev.csv"
ing 2025-05-21T08:00:00Z --vintage 2025-05-20 "$T/rev.csv"
# the same trade valued in USD and in CNY: two cells
printf '%s\n2025-04,import,AUS,760110,1000,t,2500000,USD\n' $H > "$T/usd.csv"
printf '%s\n2025-04,import,AUS,760110,1000,t,18000000,CNY\n' $H > "$T/cny.csv"
ing 2025-05-22T08:00:00Z "$T/usd.csv"
ing 2025-05-22T09:00:00Z "$T/cny.csv"
# a file ingested by mistake, then retracted
printf '%s\n2025-04,import,WLD,760110,999999,t,,\n2025-03,import,WLD,760110,1,t,,\n' $H > "$T/wrong.csv"
ing 2025-05-23T08:00:00Z "$T/wrong.csv"
TRADEFLOW_NOW=2025-05-24T08:00:00Z "$BIN" --db "$DB" sources --retract 5 > /dev/null
# an older release ingested late: kept as history
printf '%s\n2025-04,import,WLD,760110,249000,t,,\n' $H > "$T/old.csv"
ing 2025-05-25T08:00:00Z --vintage 2025-05-01 "$T/old.csv"
# a later file stating the revision's IND figure unchanged, then the revision retracted:
# IND stands (stated by a live file), the world figure falls back
printf '%s\n2025-04,import,IND,760110,3000,t,,\n2025-05,import,WLD,760110,240000,t,,\n' $H > "$T/state.csv"
ing 2025-05-26T08:00:00Z --vintage 2025-05-26 "$T/state.csv"
TRADEFLOW_NOW=2025-05-27T08:00:00Z "$BIN" --db "$DB" sources --retract 2 > /dev/null
cp "$DB" "$HERE/schema5.db"
sqlite3 "$HERE/schema5.db" 'PRAGMA user_version' | grep -qx 5
"$HERE/outputs.sh" "$BIN" "$HERE/schema5.db" > "$HERE/schema5.expected"
