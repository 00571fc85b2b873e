#!/usr/bin/env bash
# Writes tests/store/schema5.db, a database of schema 5 (the release before
# the clustered store), with the binary of that release:
#   git worktree add /tmp/tf5 59e9eb2 && make -C /tmp/tf5 build/tradeflow
#   tests/store/make-schema5.sh /tmp/tf5/build/tradeflow
# (the file in git was written so, by the build of commit 59e9eb2). The
# ingests are tests/store/ingests.sh; tests/cli/cases/store-migrate-schema5.case
# opens a copy with this version and checks that it migrates and gives the
# outputs (tests/store/outputs.sh) of the same ingests made by this version.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$HERE/ingests.sh" "$1" "$T/schema5.db"
sqlite3 "$T/schema5.db" 'PRAGMA user_version' | grep -qx 5
cp "$T/schema5.db" "$HERE/schema5.db"
