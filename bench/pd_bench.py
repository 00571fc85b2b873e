"""pandas side of the benchmark (Debian's python3-pandas; run with /usr/bin/python3).

  pd_bench.py load-csv FILE.csv
  pd_bench.py load-gacc IMPORT.csv EXPORT.csv     GB18030 GACC exports (decoded by pandas)
  pd_bench.py query FILE.csv (REPS QUERIES.json FIGURES.csv)...
        loads FILE.csv (pandas has no store: the loaded frame is the store), then
        runs each list of reports [{rid, codes, period}] its REPS times; prints
        {"load_ms": ..., "times_ms": [[...], ...]} (per list, one time per run of
        the list) and writes the figures of each list's first run in the form of
        bench/tfbench.c.

The figures are defined as in bench/reportsql.py (include/tradeflow/stats.h on
HS8 partner rows only).
"""
import json
import sys
import time

import pandas as pd

DTYPES = {"period": str, "flow": str, "partner": str, "commodity": str, "trade_mode": str,
          "province": str, "unit": str, "unit2": str, "currency": str}


def load_csv(path):
    return pd.read_csv(path, dtype=DTYPES, keep_default_na=False).astype(
        {"quantity": "int64", "value": "int64"})


def load_gacc(imp, exp):
    frames = []
    for path, flow in ((imp, "import"), (exp, "export")):
        g = pd.read_csv(path, encoding="gb18030", dtype=str, keep_default_na=False,
                        thousands=",")
        g = g.loc[:, ~g.columns.str.startswith("Unnamed")]  # the trailing comma
        d = pd.DataFrame({
            "period": g["数据年月"].str[:4] + "-" + g["数据年月"].str[4:6],
            "flow": flow,
            "partner": g["贸易伙伴编码"],
            "commodity": g["商品编码"],
            "trade_mode": g["贸易方式编码"],
            "province": g["注册地编码"],
            "quantity": g["第一数量"].astype("int64"),
            "unit": g["第一计量单位"].replace("千克", "kg"),
            "quantity2": pd.to_numeric(g["第二数量"].where(g["第二计量单位"] != "?")),
            "unit2": g["第二计量单位"].where(g["第二计量单位"] != "?"),
            "value": g["人民币"].str.replace(",", "", regex=False).astype("int64"),
            "currency": "CNY",
        })
        frames.append(d)
    return pd.concat(frames, ignore_index=True)


def pct(x, b):
    if x is None or b is None or b <= 0 or x < 0:
        return None
    return (float(x) / b - 1) * 100


def report(df, rid, codes, period):
    y, m = int(period[:4]), int(period[5:7])
    pm = f"{y - 1}-12" if m == 1 else f"{y}-{m - 1:02d}"
    py = f"{y - 1}-{m:02d}"
    sel = df[(df["period"] >= f"{y - 1}-01") & (df["period"] <= period) & (df["unit"] == "kg")
             & df["commodity"].str.startswith(tuple(codes))]
    mon = sel.groupby(["flow", "period"])["quantity"].sum()
    out = []
    figs = {}
    for flow in ("import", "export"):
        s = mon[flow] if flow in mon.index.get_level_values(0) else pd.Series(dtype="int64")
        get = lambda p: int(s[p]) if p in s.index else None
        ytd = lambda a, b: int(s[(s.index >= a) & (s.index <= b)].sum()) \
            if ((s.index >= a) & (s.index <= b)).sum() == m else None
        figs[flow] = {"cur": get(period), "prev": get(pm), "ya": get(py),
                      "ytd": ytd(f"{y}-01", period), "ytdp": ytd(f"{y - 1}-01", py)}
    sub = lambda a, b: a - b if a is not None and b is not None else None
    figs["net"] = {k: sub(figs["import"][k], figs["export"][k]) for k in figs["import"]}
    t = lambda v: "" if v is None else repr(v / 1000)
    p = lambda v: "" if v is None else repr(v)
    for flow in ("import", "export", "net"):
        f = figs[flow]
        for key, v in (("quantity", t(f["cur"])), ("prev_month", t(f["prev"])),
                       ("year_ago", t(f["ya"])), ("mom_pct", p(pct(f["cur"], f["prev"]))),
                       ("yoy_pct", p(pct(f["cur"], f["ya"]))), ("ytd", t(f["ytd"])),
                       ("ytd_prev", t(f["ytdp"])), ("ytd_yoy_pct", p(pct(f["ytd"], f["ytdp"])))):
            out.append(f"{rid},flow,{flow},{key},,{v},")
    month = sel[sel["period"] == period]
    for flow in ("import", "export"):
        total = figs[flow]["cur"]
        mf = month[month["flow"] == flow]
        for sec, col, top in (("partner", "partner", 10), ("mode", "trade_mode", None)):
            g = mf.groupby(col)["quantity"].sum().reset_index()
            g = g.sort_values(["quantity", col], ascending=[False, True])
            if top:
                g = g.head(top)
            for rank, (k, q) in enumerate(zip(g[col], g["quantity"]), 1):
                out.append(f"{rid},{sec},{flow},{rank},{k},{q / 1000!r},{q * 100 / total!r}")
    return out


def main():
    mode = sys.argv[1]
    if mode == "load-csv":
        df = load_csv(sys.argv[2])
        print(json.dumps({"rows": len(df)}))
    elif mode == "load-gacc":
        df = load_gacc(sys.argv[2], sys.argv[3])
        print(json.dumps({"rows": len(df)}))
    elif mode == "query":
        t0 = time.perf_counter()
        df = load_csv(sys.argv[2])
        load_ms = (time.perf_counter() - t0) * 1000
        all_times = []
        for reps, qpath, fpath in zip(sys.argv[3::3], sys.argv[4::3], sys.argv[5::3]):
            reps = int(reps)
            items = json.load(open(qpath))
            times, lines = [], []
            for r in range(reps):
                t0 = time.perf_counter()
                res = [report(df, it["rid"], it["codes"], it["period"]) for it in items]
                times.append((time.perf_counter() - t0) * 1000)
                if r == 0:
                    lines = [l for rep in res for l in rep]
            with open(fpath, "w") as f:
                f.write("\n".join(lines) + "\n")
            all_times.append(times)
        print(json.dumps({"load_ms": load_ms, "times_ms": all_times}))
    else:
        sys.exit("usage: pd_bench.py load-csv|load-gacc|query ...")


if __name__ == "__main__":
    main()
