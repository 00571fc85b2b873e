#!/usr/bin/env bash
# Writes the schema-7 fixture: tests/store/schema7.sql, the SQL text of a
# database written by the release before integer figures (schema 7, figures
# in thousandths; commit fcdda4c), and tests/store/schema7-outputs.txt, that
# release's outputs on it (tests/store/outputs.sh, then tests/store/figures.sh
# outputs). Made so:
#   git worktree add /tmp/v7 fcdda4c && make -C /tmp/v7 build/tradeflow
#   tests/store/make-schema7.sh /tmp/v7/build/tradeflow
# The ingests are tests/store/ingests.sh, then the edge figures of
# tests/store/figures.sh. tests/cli/cases/store-migrate-schema7.case loads the
# SQL into a fresh file (sqlite3), opens it with this version and checks that
# it migrates and gives those outputs byte for byte.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$HERE/ingests.sh" "$1" "$T/schema7.db"
"$HERE/figures.sh" "$1" "$T/schema7.db" ingest
sqlite3 "$T/schema7.db" 'PRAGMA user_version' | grep -qx 7
{ echo "-- a tradeflow store of schema 7 (tests/store/make-schema7.sh)"
  sqlite3 "$T/schema7.db" .dump
  echo "PRAGMA application_id = $(sqlite3 "$T/schema7.db" 'PRAGMA application_id');"
  echo "PRAGMA user_version = 7;"
} > "$HERE/schema7.sql"
{ "$HERE/outputs.sh" "$1" "$T/schema7.db"
  "$HERE/figures.sh" "$1" "$T/schema7.db" outputs
} > "$HERE/schema7-outputs.txt"
