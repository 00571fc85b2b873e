#!/usr/bin/env bash
# Writes the schema-6 fixture: tests/store/schema6.sql, the SQL text of a
# database written by the release before the dictionary-coded store (schema 6,
# commit d3163ee), and tests/store/schema6-outputs.txt, that release's outputs
# on it (tests/store/outputs.sh). Made so:
#   git worktree add /tmp/v6 d3163ee && make -C /tmp/v6 build/tradeflow
#   tests/store/make-schema6.sh /tmp/v6/build/tradeflow
# The ingests are tests/store/ingests.sh. tests/cli/cases/store-migrate-schema6.case
# loads the SQL into a fresh file (sqlite3), opens it with this version and
# checks that it migrates and gives those outputs byte for byte.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$HERE/ingests.sh" "$1" "$T/schema6.db"
sqlite3 "$T/schema6.db" 'PRAGMA user_version' | grep -qx 6
{ echo "-- a tradeflow store of schema 6 (tests/store/make-schema6.sh)"
  sqlite3 "$T/schema6.db" .dump
  echo "PRAGMA application_id = $(sqlite3 "$T/schema6.db" 'PRAGMA application_id');"
  echo "PRAGMA user_version = 6;"
} > "$HERE/schema6.sql"
"$HERE/outputs.sh" "$1" "$T/schema6.db" > "$HERE/schema6-outputs.txt"
