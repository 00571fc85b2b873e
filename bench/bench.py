#!/usr/bin/env python3
"""The side-by-side benchmark: tradeflow against DuckDB (@duckdb/node-api),
pandas (Debian python3-pandas) and the sqlite3 command-line tool, on the
files written by bench/gen. Run through `make bench` (bench/run.sh installs
the peers and writes the data first).

  bench.py --rows N [--reps R] [--data DIR] [--work DIR] [--out bench/results]

Tasks, each run for every tool, the tools alternating in a rotating order,
R repetitions; medians are reported:
  load-utf8   the tradeflow CSV -> a queryable store (tradeflow ingest; DuckDB
              CREATE TABLE AS read_csv; pandas read_csv; sqlite3 .import into a
              typed table + an index on (commodity, period))
  load-gb18030 the two GACC exports (GB18030) -> a store (tradeflow ingest
              --flow import/export; DuckDB and sqlite3 after an iconv pass,
              which is timed; pandas read_csv(encoding="gb18030"))
  report      primary-aluminium, 2025-04 (below 1M rows the data may lack it:
              pick_report), on the loaded store (time in the tool's
              process: the library call for tradeflow, the query for DuckDB and
              sqlite3 (.timer), the pandas code on the loaded frame)
  sweep       every product of data/products.csv x the 12 months of 2025
tradeflow-pg is tradeflow on PostgreSQL (`--db postgresql://...`): the server
bench/run.sh starts (scripts/pg-server) is named by TF_BENCH_PG_URL; each load
goes into a freshly created database on it.
Load times are wall times of the process (start-up included); peak memory is
the maximum resident set size (/usr/bin/time). The report figures of every
tool are compared with tradeflow's (bench/reportsql.py gives the
definitions); any difference fails the run.
"""
import argparse
import csv
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from reportsql import report_sql  # noqa: E402

TOOLS = ["tradeflow", "tradeflow-pg", "duckdb", "pandas", "sqlite3"]   # --tools may leave some out
NAMES = {"tradeflow": "tradeflow", "tradeflow-pg": "tradeflow on PostgreSQL", "duckdb": "DuckDB",
         "pandas": "pandas", "sqlite3": "sqlite3"}
TF_TOOLS = ("tradeflow", "tradeflow-pg")   # tradeflow's own runs: the CLI and bench/tfbench
PY = "/usr/bin/python3"
REPORT = ("primary-aluminium", "2025-04")
SWEEP_YEAR = 2025


def products():
    with open(os.path.join(ROOT, "data/products.csv"), newline="") as f:
        return [(r["name"], r["codes"].split()) for r in csv.DictReader(f)]


def pick_report(csv_path, rows):
    """The report the bench times: REPORT when the data has rows of it. bench/gen
    writes rows/240 rows per flow and month over some 9,000 HS8 codes, so from
    1,000,000 rows on every product has rows in every month (REPORT is kept,
    the file not read); smaller data sets miss product-months, and the file
    (at most 58 MB) is read: REPORT's product at the month of SWEEP_YEAR with
    the most rows, else the product and month of SWEEP_YEAR with the most rows.
    Returns (product, period)."""
    if rows >= 1000000:
        return REPORT
    prods = products()
    n = {}
    with open(csv_path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if not r["period"].startswith(f"{SWEEP_YEAR}-"):
                continue
            for name, codes in prods:
                if any(r["commodity"].startswith(c) for c in codes):
                    n[(name, r["period"])] = n.get((name, r["period"]), 0) + 1
    if n.get(REPORT):
        return REPORT
    same = [k for k in n if k[0] == REPORT[0]]
    best = max(same or n, key=lambda k: (n[k], k[1]), default=None)
    if best is None:
        sys.exit(f"bench: no product of data/products.csv has rows in {SWEEP_YEAR}"
                 f" ({csv_path}); use more rows")
    return best


def timed(cmd, log):
    """Run cmd (a shell string) under /usr/bin/time: (wall s, max RSS KiB, stdout)."""
    tf = log + ".time"
    t0 = time.monotonic()
    with open(log, "w") as err:
        p = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", tf, "bash", "-c", cmd],
                           stdout=subprocess.PIPE, stderr=err, text=True)
    wall = time.monotonic() - t0
    if p.returncode != 0:
        sys.exit(f"bench: failed ({p.returncode}): {cmd}\n  see {log}")
    with open(tf) as f:
        line = f.read().split()
    return wall, int(line[-1]), p.stdout


def direct(argv):
    """Run argv with no shell and no /usr/bin/time, stdout to /dev/null:
    (wall ms, CPU ms user + system of that process alone)."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = (time.monotonic() - t0) * 1000
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit(f"bench: failed ({p.returncode}): {' '.join(argv)}")
    cpu = (r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000
    return wall, cpu


def sh(s):
    return "'" + s.replace("'", "'\\''") + "'"


class Bench:
    def __init__(self, a):
        self.rows = a.rows
        self.reps = a.reps
        self.data = a.data
        self.work = os.path.join(a.work, str(a.rows))
        self.out = a.out
        os.makedirs(self.work, exist_ok=True)
        os.makedirs(self.out, exist_ok=True)
        self.csv = os.path.join(self.data, f"tf-{a.rows}.csv")
        self.gi = os.path.join(self.data, f"gacc-import-{a.rows}.csv")
        self.ge = os.path.join(self.data, f"gacc-export-{a.rows}.csv")
        for f in (self.csv, self.gi, self.ge):
            if not os.path.exists(f):
                sys.exit(f"bench: {f} missing (make bench-data ROWS={a.rows})")
        self.tf = os.path.join(ROOT, "build/tradeflow")
        self.tfbench = os.path.join(ROOT, "build/bench/tfbench")
        self.res = {}
        self.db = {t: os.path.join(self.work, f"{t}-utf8.db") for t in TOOLS}
        self.dbgb = {t: os.path.join(self.work, f"{t}-gb.db") for t in TOOLS}
        if "tradeflow-pg" in TOOLS:
            self.pg = os.environ.get("TF_BENCH_PG_URL", "")
            if not self.pg:
                sys.exit("bench: tradeflow-pg needs a PostgreSQL server (TF_BENCH_PG_URL;"
                         " bench/run.sh starts one)")
            base = self.pg.rsplit("/", 1)[0]
            self.db["tradeflow-pg"] = f"{base}/bench_utf8"
            self.dbgb["tradeflow-pg"] = f"{base}/bench_gb"
        self.write_sql()

    def rec(self, task, tool, key, value):
        self.res.setdefault(task, {}).setdefault(tool, {}).setdefault(key, []).append(value)

    # ---- queries ----
    def write_sql(self):
        rep = [(f"{REPORT[0]}|{REPORT[1]}", dict(products())[REPORT[0]], REPORT[1])]
        sweep = [(f"{n}|{SWEEP_YEAR}-{m:02d}", c, f"{SWEEP_YEAR}-{m:02d}")
                 for n, c in products() for m in range(1, 13)]
        for name, items in (("report", rep), ("sweep", sweep)):
            with open(os.path.join(self.work, f"{name}-duckdb.json"), "w") as f:
                json.dump([{"rid": r, "sql": report_sql(r, c, p, "duckdb")} for r, c, p in items], f)
            with open(os.path.join(self.work, f"{name}-pandas.json"), "w") as f:
                json.dump([{"rid": r, "codes": c, "period": p} for r, c, p in items], f)
            with open(os.path.join(self.work, f"{name}-sqlite.sql"), "w") as f:
                f.write(".mode csv\n.timer on\n")
                for _ in range(5 if name == "report" else 1):
                    for r, c, p in items:
                        f.write(report_sql(r, c, p, "sqlite") + ";\n")
        self.n_sweep = len(sweep)

    # ---- loads ----
    def load_cmd(self, tool, gb):
        db = (self.dbgb if gb else self.db)[tool]
        w = self.work
        if tool in TF_TOOLS:
            if gb:
                return (f"{self.tf} --db {db} ingest --flow import {self.gi} && "
                        f"{self.tf} --db {db} ingest --flow export {self.ge}")
            return f"{self.tf} --db {db} ingest {self.csv}"
        if tool == "duckdb":
            node = f"node {HERE}/duck_bench.mjs"
            if gb:
                return (f"iconv -f GB18030 -t UTF-8 {self.gi} > {w}/gi.utf8.csv && "
                        f"iconv -f GB18030 -t UTF-8 {self.ge} > {w}/ge.utf8.csv && "
                        f"{node} load-gacc {db} {w}/gi.utf8.csv {w}/ge.utf8.csv")
            return f"{node} load-csv {db} {self.csv}"
        if tool == "pandas":
            if gb:
                return f"{PY} {HERE}/pd_bench.py load-gacc {self.gi} {self.ge}"
            return f"{PY} {HERE}/pd_bench.py load-csv {self.csv}"
        if tool == "sqlite3":
            table = ("CREATE TABLE rec(period TEXT, flow TEXT, partner TEXT, commodity TEXT,"
                     " trade_mode TEXT, province TEXT, quantity INTEGER, unit TEXT,"
                     " quantity2 INTEGER, unit2 TEXT, value INTEGER, currency TEXT);")
            index = "CREATE INDEX rec_commodity_period ON rec(commodity, period);"
            if not gb:
                script = f"{table}\n.import --csv --skip 1 {self.csv} rec\n{index}\n"
            else:
                stage = ("CREATE TEMP TABLE g(d, code, cname, p, pname, m, mname, v, vname,"
                         " q, u, q2, u2, cny, x);")
                ins = lambda flow: (
                    "INSERT INTO rec SELECT substr(d, 1, 4) || '-' || substr(d, 5, 2),"
                    f" '{flow}', p, code, m, v, CAST(q AS INTEGER),"
                    " CASE u WHEN '千克' THEN 'kg' ELSE u END,"
                    " CASE WHEN u2 = '?' THEN NULL ELSE CAST(q2 AS INTEGER) END,"
                    " CASE WHEN u2 = '?' THEN NULL ELSE u2 END,"
                    " CAST(replace(cny, ',', '') AS INTEGER), 'CNY' FROM g; DELETE FROM g;")
                script = (f"{table}\n{stage}\n.import --csv --skip 1 {w}/gi.sq.csv g\n"
                          f"{ins('import')}\n.import --csv --skip 1 {w}/ge.sq.csv g\n"
                          f"{ins('export')}\n{index}\n")
            path = os.path.join(w, f"load-sqlite-{'gb' if gb else 'utf8'}.sql")
            with open(path, "w") as f:
                f.write(script)
            pre = ""
            if gb:
                pre = (f"iconv -f GB18030 -t UTF-8 {self.gi} > {w}/gi.sq.csv && "
                       f"iconv -f GB18030 -t UTF-8 {self.ge} > {w}/ge.sq.csv && ")
            return f"{pre}sqlite3 {db} < {path}"
        raise ValueError(tool)

    def psql(self, url, sql):
        return subprocess.run(["psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql],
                              capture_output=True, text=True, check=True).stdout.strip()

    def clean(self, tool, gb):
        db = (self.dbgb if gb else self.db)[tool]
        if tool == "tradeflow-pg":
            name = db.rsplit("/", 1)[1]
            self.psql(self.pg, f"DROP DATABASE IF EXISTS {name}")
            self.psql(self.pg, f"CREATE DATABASE {name}")
            return
        for suffix in ("", ".wal", "-journal", "-wal"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)

    def loads(self):
        for rep in range(self.reps):
            order = TOOLS[rep % len(TOOLS):] + TOOLS[:rep % len(TOOLS)]
            for gb in (False, True):
                task = "load-gb18030" if gb else "load-utf8"
                for tool in order:
                    self.clean(tool, gb)
                    wall, rss, _ = timed(self.load_cmd(tool, gb),
                                         os.path.join(self.work, f"{task}-{tool}.log"))
                    self.rec(task, tool, "s", wall)
                    self.rec(task, tool, "rss_kib", rss)
                    print(f"  {task:13s} {tool:9s} rep {rep + 1}: {wall:8.2f} s  "
                          f"{rss / 1024:8.1f} MiB", flush=True)
        for f in ("gi.utf8.csv", "ge.utf8.csv", "gi.sq.csv", "ge.sq.csv"):
            p = os.path.join(self.work, f)
            if os.path.exists(p):
                os.remove(p)

    def sizes(self):
        mb = lambda p: os.path.getsize(p) / 1e6
        m = self.rows / 1e6
        sizes = {
            "raw tradeflow CSV (UTF-8)": mb(self.csv) / m,
            "raw GACC exports (GB18030)": (mb(self.gi) + mb(self.ge)) / m,
            "tradeflow store": mb(self.db["tradeflow"]) / m,
        }
        if "tradeflow-pg" in TOOLS:
            sizes["tradeflow on PostgreSQL (tables + indexes)"] = int(self.psql(
                self.db["tradeflow-pg"], "SELECT sum(pg_total_relation_size(oid)) FROM pg_class"
                " WHERE relkind IN ('r', 'm') AND relnamespace = 'public'::regnamespace")) / 1e6 / m
        if "duckdb" in TOOLS:
            sizes["DuckDB database"] = mb(self.db["duckdb"]) / m
        if "sqlite3" in TOOLS:
            sizes["sqlite3 table + index"] = mb(self.db["sqlite3"]) / m
        self.res["size_mb_per_million_rows"] = sizes

    def count_rows(self):
        """Rows in each store after both loads (outside the timings)."""
        out = {}
        q = lambda db, sql: subprocess.run(["sqlite3", db, sql], capture_output=True,
                                           text=True, check=True).stdout.strip()
        for gb, dbs in (("utf8", self.db), ("gb18030", self.dbgb)):
            out[f"tradeflow {gb}"] = int(q(dbs["tradeflow"], "SELECT count(*) FROM record"))
            if "tradeflow-pg" in TOOLS:
                out[f"tradeflow-pg {gb}"] = int(self.psql(dbs["tradeflow-pg"],
                                                          "SELECT count(*) FROM cell"))
            if "sqlite3" in TOOLS:
                out[f"sqlite3 {gb}"] = int(q(dbs["sqlite3"], "SELECT count(*) FROM rec"))
        self.res["rows_loaded"] = out
        bad = {k: v for k, v in out.items() if v != self.rows}
        if bad:
            sys.exit(f"bench: stores with another row count than {self.rows}: {bad}")

    # ---- reports ----
    def queries(self):
        inner = 5
        for rep in range(self.reps):
            order = TOOLS[rep % len(TOOLS):] + TOOLS[:rep % len(TOOLS)]
            for tool in order:
                figs = {t: os.path.join(self.work, f"{t}-{tool}.csv") for t in ("report", "sweep")}
                log = os.path.join(self.work, f"query-{tool}.log")
                if tool in TF_TOOLS:
                    for task in ("report", "sweep"):
                        arg = f"--report {REPORT[0]} {REPORT[1]}" if task == "report" \
                            else f"--sweep {SWEEP_YEAR}"
                        n = inner if task == "report" else 1
                        wall, rss, out = timed(f"{self.tfbench} --db {self.db[tool]} --reps {n}"
                                               f" --figures {figs[task]} {arg}", log)
                        for t in json.loads(out)["times_ms"]:
                            self.rec(task, tool, "ms", t)
                        self.rec(task, tool, "rss_kib", rss)
                    # the command-line tool, process start-up and output included
                    for _ in range(inner):
                        wall, rss, _ = timed(f"{self.tf} --db {self.db[tool]} report --product "
                                             f"{REPORT[0]} --period {REPORT[1]} --format json"
                                             " > /dev/null", log)
                        self.rec("report-cli", tool, "ms", wall * 1000)
                        self.rec("report-cli", tool, "rss_kib", rss)
                        # the wrapper alone (/usr/bin/time, bash), to tell it apart
                        wall, _, _ = timed("true > /dev/null", log)
                        self.rec("report-cli-wrapper", tool, "ms", wall * 1000)
                        # the process alone, spawned directly: wall and CPU time
                        wall, cpu = direct([self.tf, "--db", self.db[tool], "report",
                                            "--product", REPORT[0], "--period", REPORT[1],
                                            "--format", "json"])
                        self.rec("report-cli-direct", tool, "ms", wall)
                        self.rec("report-cli-direct", tool, "cpu_ms", cpu)
                elif tool == "duckdb":
                    for task in ("report", "sweep"):
                        n = inner if task == "report" else 1
                        wall, rss, out = timed(
                            f"node {HERE}/duck_bench.mjs query {self.db[tool]} "
                            f"{self.work}/{task}-duckdb.json {n} {figs[task]}", log)
                        for t in json.loads(out)["times_ms"]:
                            self.rec(task, tool, "ms", t)
                        self.rec(task, tool, "rss_kib", rss)
                elif tool == "pandas":
                    wall, rss, out = timed(
                        f"{PY} {HERE}/pd_bench.py query {self.csv} {inner} "
                        f"{self.work}/report-pandas.json {figs['report']} 1 "
                        f"{self.work}/sweep-pandas.json {figs['sweep']}", log)
                    o = json.loads(out)
                    for t in o["times_ms"][0]:
                        self.rec("report", tool, "ms", t)
                    for t in o["times_ms"][1][:1]:
                        self.rec("sweep", tool, "ms", t)
                    self.rec("report", tool, "rss_kib", rss)
                    self.rec("sweep", tool, "rss_kib", rss)
                elif tool == "sqlite3":
                    for task in ("report", "sweep"):
                        sql = os.path.join(self.work, f"{task}-sqlite.sql")
                        wall, rss, out = timed(f"sqlite3 {self.db[tool]} < {sql}", log)
                        runs = [float(l.split()[3]) * 1000 for l in out.splitlines()
                                if l.startswith("Run Time:")]
                        per = 1 if task == "report" else self.n_sweep
                        times = [sum(runs[i:i + per]) for i in range(0, len(runs), per)]
                        for t in times:
                            self.rec(task, tool, "ms", t)
                        self.rec(task, tool, "rss_kib", rss)
                        with open(figs[task], "w") as f:
                            n = len(runs) // per
                            lines = [l for l in out.splitlines() if not l.startswith("Run Time:")]
                            f.write("\n".join(lines[:len(lines) // n]) + "\n")
                print(f"  queries {tool:9s} rep {rep + 1}: report "
                      f"{self.res['report'][tool]['ms'][-1]:9.2f} ms, sweep "
                      f"{self.res['sweep'][tool]['ms'][-1]:10.1f} ms", flush=True)

    # ---- figures ----
    @staticmethod
    def read_figs(path):
        d = {}
        with open(path, newline="") as f:
            for row in csv.reader(f):
                if len(row) < 7:
                    continue
                d[tuple(row[:4])] = (row[4], row[5], row[6])
        return d

    def check(self):
        summary = {}
        for task in ("report", "sweep"):
            ref = self.read_figs(os.path.join(self.work, f"{task}-tradeflow.csv"))
            for tool in TOOLS[1:]:
                other = self.read_figs(os.path.join(self.work, f"{task}-{tool}.csv"))
                bad = []
                for k in sorted(set(ref) | set(other)):
                    a, b = ref.get(k), other.get(k)
                    if a is None or b is None or a[0] != b[0] or not all(
                            close(x, y) for x, y in zip(a[1:], b[1:])):
                        bad.append((k, a, b))
                summary[f"{task} {tool}"] = {"figures": len(ref), "differences": len(bad)}
                for k, a, b in bad[:5]:
                    print(f"  DIFFERENT {task} {tool}: {k}: tradeflow {a} vs {b}")
        self.res["figures_checked"] = summary
        return all(v["differences"] == 0 and v["figures"] > 0 for v in summary.values())


def close(x, y):
    x, y = x.strip('"'), y.strip('"')
    if x == "" or y == "":
        return x == y
    a, b = float(x), float(y)
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def med(v):
    return statistics.median(v) if v else None


def table(res, rows):
    lines = []
    add = lines.append
    tools = [t for t in TOOLS if t in res["report"]]
    peers = tools[1:]   # no peer (TOOLS=tradeflow): no ratio columns at all
    add(f"Rows: {rows:,}; medians of {res.get('load_reps', res['reps'])} runs of each load and"
        f" {res['reps']} runs of the report and sweep processes (5 reports timed in each)" +
        ("; ratio = tradeflow time / peer time, below 1 means tradeflow is faster." if peers
         else "."))
    add("")
    add("| task | " + " | ".join(NAMES[t] for t in tools) + " |" +
        "".join(f" tradeflow/{NAMES[t]} |" for t in peers))
    add("|---|" + "---:|" * (len(tools) + len(peers)))
    names = {"load-utf8": "load, UTF-8 CSV (s)", "load-gb18030": "load, GB18030 GACC (s)",
             "report": f"report, one (ms): {REPORT[0]} {REPORT[1]}",
             "sweep": f"sweep, {res.get('sweep_reports', 84)} reports (ms)"}
    for task, label in names.items():
        key = "s" if task.startswith("load") else "ms"
        m = {t: med(res[task][t][key]) for t in tools}
        fmt = (lambda v: f"{v:,.2f}") if key == "s" else (lambda v: f"{v:,.1f}")
        ratios = [f"{m['tradeflow'] / m[t]:.3g}" if m[t] else "" for t in peers]
        add(f"| {label} | " + " | ".join(fmt(m[t]) for t in tools) + " |" +
            "".join(f" {r} |" for r in ratios))
    for task, label in (("load-utf8", "peak RSS, UTF-8 load (MiB)"),
                        ("load-gb18030", "peak RSS, GB18030 load (MiB)"),
                        ("report", "peak RSS, report process (MiB)")):
        m = {t: max(res[task][t]["rss_kib"]) / 1024 for t in tools}
        add(f"| {label} | " + " | ".join(f"{m[t]:,.0f}" for t in tools) + " |" +
            " |" * len(peers))
    add("")
    cli = {t: med(res["report-cli"][t]["ms"]) for t in TF_TOOLS if t in res["report-cli"]}
    add(f"tradeflow report as a command (`tradeflow report --format json`, process start-up "
        f"included): {cli['tradeflow']:,.1f} ms median" +
        (f"; on PostgreSQL {cli['tradeflow-pg']:,.1f} ms." if "tradeflow-pg" in cli else "."))
    if "report-cli-direct" in res:
        d = res["report-cli-direct"]["tradeflow"]
        w = med(res["report-cli-wrapper"]["tradeflow"]["ms"])
        add(f"Of that, the wrapper (`/usr/bin/time` and `bash -c` running `true`) takes "
            f"{w:,.1f} ms; the process spawned directly: {med(d['ms']):,.1f} ms wall, "
            f"{med(d['cpu_ms']):,.1f} ms CPU (user + system), medians.")
    if "loadavg_start" in res:
        add(f"Load average (1 min) at the start {res['loadavg_start'][0]:.1f}, at the end "
            f"{res['loadavg_end'][0]:.1f}, on {res['cpus']} CPUs.")
    add("")
    add("| store size per million rows | MB |")
    add("|---|---:|")
    for k, v in res["size_mb_per_million_rows"].items():
        add(f"| {k} | {v:,.1f} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--data", default=os.path.join(ROOT, "bench/data"))
    ap.add_argument("--work", default=os.path.join(ROOT, "build/bench/work"))
    ap.add_argument("--out", default=os.path.join(ROOT, "bench/results"))
    ap.add_argument("--tools", default=",".join(TOOLS),
                    help="tradeflow and the peers to run, comma-separated (default: all)")
    ap.add_argument("--queries-only", action="store_true",
                    help="keep the stores and load figures of the last run (bench-N.json) and"
                         " time the reports again")
    a = ap.parse_args()
    chosen = [t for t in a.tools.split(",") if t]
    if not chosen or chosen[0] != "tradeflow" or any(t not in NAMES for t in chosen):
        sys.exit(f"bench: --tools must start with tradeflow and name some of {', '.join(NAMES)}")
    TOOLS[:] = chosen
    global REPORT
    REPORT = pick_report(os.path.join(a.data, f"tf-{a.rows}.csv"), a.rows)
    b = Bench(a)
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    loadavg_start = os.getloadavg()
    print(f"bench: {a.rows:,} rows, {a.reps} repetitions, tools {', '.join(TOOLS)}; report "
          f"{REPORT[0]} {REPORT[1]}", flush=True)
    if a.queries_only:
        with open(os.path.join(a.out, f"bench-{a.rows}.json")) as f:
            last = json.load(f)
        for k in ("load-utf8", "load-gb18030", "size_mb_per_million_rows", "rows_loaded"):
            b.res[k] = last[k]
        b.res["loads_from_run_started"] = last.get("loads_from_run_started", last["started"])
        b.res["load_reps"] = last.get("load_reps", last["reps"])
    else:
        b.loads()
        b.sizes()
        b.count_rows()
        b.res["load_reps"] = a.reps
    b.queries()
    ok = b.check()
    res = b.res
    res.update({"rows": a.rows, "reps": a.reps, "started": started, "tools": TOOLS,
                "sweep_reports": b.n_sweep, "report_timed": list(REPORT),
                "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "cpus": os.cpu_count(), "loadavg_end": os.getloadavg(),
                "loadavg_start": loadavg_start,
                "versions": versions(), "figures_equal": ok})
    res["medians"] = {task: {t: med(res[task][t].get("s") or res[task][t].get("ms"))
                             for t in res[task]}
                      for task in ("load-utf8", "load-gb18030", "report", "sweep", "report-cli")}
    txt = table(res, a.rows)
    print()
    print(txt)
    print()
    print("figures equal across tools:", "yes" if ok else "NO",
          json.dumps(res["figures_checked"]))
    with open(os.path.join(a.out, f"bench-{a.rows}.json"), "w") as f:
        json.dump(res, f, indent=1)
    with open(os.path.join(a.out, f"bench-{a.rows}.md"), "w") as f:
        f.write(txt + "\n")
    print(f"written: {a.out}/bench-{a.rows}.json and .md")
    sys.exit(0 if ok else 1)


def versions():
    v = {}
    for name, cmd in (("sqlite3", "sqlite3 --version"), ("node", "node --version"),
                      ("pandas", f"{PY} -c 'import pandas; print(pandas.__version__)'"),
                      ("duckdb", f"node -e \"console.log(require('{HERE}/node_modules/"
                                 "@duckdb/node-api/package.json').version)\"")):
        try:
            v[name] = subprocess.run(cmd, shell=True, capture_output=True, text=True,
                                     timeout=60).stdout.strip().split(" ")[0]
        except Exception:  # noqa: BLE001
            v[name] = ""
    return v


if __name__ == "__main__":
    main()
