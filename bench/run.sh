#!/usr/bin/env bash
# make bench: installs the peers (DuckDB's npm package into bench/node_modules,
# Debian's python3-pandas, GNU time), writes the data when absent and runs
# bench/bench.py. ROWS (default 1000000) and REPS (default 3) choose the size;
# TOOLS (e.g. tradeflow,duckdb,sqlite3) leaves peers out. tradeflow-pg
# (tradeflow on PostgreSQL) runs against a throw-away server started here
# (scripts/pg-server, stopped at the end); without the PostgreSQL server
# binaries it is left out of the default set.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
ROWS=${ROWS:-1000000}
REPS=${REPS:-3}
need_apt=
[ -x /usr/bin/time ] || need_apt="$need_apt time"
/usr/bin/python3 -c 'import pandas' 2>/dev/null || need_apt="$need_apt python3-pandas"
command -v node >/dev/null && command -v npm >/dev/null || need_apt="$need_apt nodejs npm"
command -v iconv >/dev/null || need_apt="$need_apt libc-bin"
command -v sqlite3 >/dev/null || need_apt="$need_apt sqlite3"
if [ -n "$need_apt" ]; then
    echo "bench: installing$need_apt"
    SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq $need_apt
fi
if [ ! -d bench/node_modules/@duckdb/node-api ]; then
    echo "bench: npm install @duckdb/node-api (into bench/node_modules)"
    (cd bench && npm install --no-audit --no-fund --no-package-lock --silent)
fi
if [ ! -f "bench/data/tf-$ROWS.csv" ]; then
    build/bench/gen --rows "$ROWS" --out bench/data
fi
ALL=tradeflow,tradeflow-pg,duckdb,pandas,sqlite3
if [[ ",${TOOLS:-$ALL}," == *,tradeflow-pg,* ]]; then
    PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/tfbench-pg.XXXXXX")
    chmod 755 "$PGDIR"
    trap 'scripts/pg-server stop "$PGDIR/server"; rm -rf "$PGDIR"' EXIT
    rc=0
    TF_BENCH_PG_URL=$(scripts/pg-server start "$PGDIR/server") || rc=$?
    if [ $rc -eq 77 ] && [ -z "${TOOLS:-}" ]; then
        echo "bench: PostgreSQL server binaries absent: tradeflow-pg left out"
        TOOLS=${ALL/,tradeflow-pg/}
    elif [ $rc -ne 0 ]; then
        echo "bench: the PostgreSQL server did not start (exit $rc)" >&2
        exit 1
    fi
    export TF_BENCH_PG_URL
fi
python3 bench/bench.py --rows "$ROWS" --reps "$REPS" ${TOOLS:+--tools "$TOOLS"}
