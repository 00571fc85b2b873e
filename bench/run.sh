#!/usr/bin/env bash
# make bench: installs the peers (DuckDB's npm package into bench/node_modules,
# Debian's python3-pandas, GNU time), writes the data when absent and runs
# bench/bench.py. ROWS (default 1000000) and REPS (default 3) choose the size;
# TOOLS (e.g. tradeflow,duckdb,sqlite3) leaves peers out.
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
exec python3 bench/bench.py --rows "$ROWS" --reps "$REPS" ${TOOLS:+--tools "$TOOLS"}
