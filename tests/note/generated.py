#!/usr/bin/env python3
"""Notes over generated data, each audited and recomputed independently.

For every data set (bench/gen at --rows with the default seed, then one data
set per extra seed), every product of data/products.csv and every month
(or a sample of --limit notes per data set), this writes the English note as
json, runs the round trip (tests/note/roundtrip.py: every claim read back by
`tradeflow audit`, no error or warning finding) and recomputes each claimed
figure from the generated CSV with plain Python (sums of kg rows whose code
starts with a product code / 1000; MoM, YoY, YTD, shares by DOMAIN.md §2).
The Chinese note is written too, round-tripped through the audit's Chinese
reading, and its claims checked against the English ones (same figures).

usage: generated.py TRADEFLOW GEN SHARED OUTDIR --rows N [--seeds S1,S2] [--limit K]
                    [--headings H]
Notes counted are the notes written (a product-month without data exits 3
and is skipped).
Trade-mode figures (quantity, share, pp change) and the pp changes of partner
shares are recomputed too (the audit reads no pp figure nor trade mode: these
are checked here, against the CSV). Both languages' notes, --product and --hs,
go through the round trip.
Prints one line per failure and "N notes, N claims checked, N failed; N English
and N Chinese notes agree with the audit" (agree: every claim read back, no
error or warning finding)."""
import argparse, collections, csv, json, os, random, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import roundtrip  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def products():
    out = []
    with open(os.path.join(ROOT, "data/products.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out.append((r["name"], r["codes"].split()))
    return out


def load(path):
    """(flow, product codes) -> month -> partner -> kg; independent of tradeflow."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["unit"] not in ("kg", "t"):
                continue
            q = float(r["quantity"]) * (1000 if r["unit"] == "t" else 1)
            rows.append((r["flow"], r["commodity"], r["period"], r["partner"], q,
                         r["trade_mode"]))
    return rows


def figures(rows, codes):
    tot = collections.defaultdict(float)
    part = collections.defaultdict(float)
    for flow, com, per, partner, q, mode in rows:
        if any(com.startswith(c) for c in codes):
            tot[(flow, per)] += q / 1000
            part[(flow, per, partner)] += q / 1000
            # trade modes of imports, keyed apart from partners by a "mode:" prefix
            part[(flow, per, "mode:" + mode)] += q / 1000
    return tot, part


def shift(period, back):
    y, m = map(int, period.split("-"))
    k = y * 12 + m - 1 - back
    return "%04d-%02d" % (k // 12, k % 12 + 1)


def expected(tot, part, c):
    """The figure a claim states, recomputed; None when not recomputable."""
    flow = {"import": "import", "export": "export"}.get(c["metric"])
    per = c["period"]

    def q(f, p):
        if ".." in p:
            a, b = p.split("..")
            ms = [shift(b, k) for k in range(int(b[5:]) - int(a[5:]) + 1)]
            vals = [q(f, m) for m in ms]
            return None if any(v is None for v in vals) else sum(vals)
        if f == "net_import":
            i, e = q("import", p), q("export", p)
            return None if i is None or e is None else i - e
        if c["partner"] != "WLD":
            # the generated partner rows add up to the month's total: a partner with no
            # row in a month with data had 0 t (the report's YTD rule, stats.h)
            return part.get((f, p, c["partner"]), 0.0 if (f, p) in tot else None)
        return tot.get((f, p))

    if c["metric"] == "trade_mode":
        return expected(tot, part, dict(c, metric="import", partner="mode:" + c["trade_mode"]))
    f = flow or c["metric"]
    # the outlook's seasonal naive (no P/L in generated data): the month a year before
    if (c["metric"] in ("forecast_import", "forecast_net_import") and c["field"] == "quantity"
            and c["formula"].startswith("seasonal-naive")):
        return q(c["metric"][len("forecast_"):], shift(per, 12))
    if c["metric"] not in ("import", "export", "net_import"):
        return None
    x = q(f, per)
    if x is None:
        return None
    if c["field"] == "quantity":
        return x
    if c["field"] in ("mom_pct", "yoy_pct"):
        back = 1 if c["field"] == "mom_pct" else 12
        if ".." in per:
            a, b = per.split("..")
            base = q(f, shift(a, 12) + ".." + shift(b, 12))
        else:
            base = q(f, shift(per, back))
        return None if not base or base <= 0 else 100 * (x / base - 1)
    if c["field"] == "share_pct":
        whole = expected(tot, part, dict(c, partner="WLD", field="quantity"))
        return None if not whole else 100 * x / whole
    if c["field"] == "share_change_pp":
        prev = shift(per, 1)
        pp = part.get((f, prev, c["partner"]), 0.0)
        return 100 * x / tot[(f, per)] - 100 * pp / tot[(f, prev)]
    return None


def check_note(tf, db, tot, part, product, period, failures, agree):
    sel = ["--hs", product[3:]] if product.startswith("HS ") else ["--product", product]
    base = [tf, "--db", db, "note"] + sel + ["--period", period, "--format", "json"]
    r = subprocess.run(base, capture_output=True, text=True)
    if r.returncode == 5:  # no data for the product and month
        return -1
    if r.returncode != 0:
        failures.append("%s %s: exit %d %s" % (product, period, r.returncode, r.stderr.strip()))
        return 0
    d = json.loads(r.stdout)
    path = os.path.join(os.path.dirname(db), "note.json")
    with open(path, "w") as f:
        f.write(r.stdout)
    rt_out, rt_code = roundtrip.check(tf, path, ["--db", db])
    if rt_code != 0:
        failures.append("%s %s: %s" % (product, period, rt_out.strip()[:600]))
    else:
        agree["en"] += 1
    n = 0
    for c in d["claims"]:
        x = expected(tot, part, c)
        if x is None:
            continue
        n += 1
        if abs(x - c["exact"]) > 1e-6 * max(1.0, abs(x)):
            failures.append("%s %s: %s %s %s %s: tradeflow %r, recomputed %r" % (
                product, period, c["metric"], c["field"], c["partner"], c["period"],
                c["exact"], x))
    zh = subprocess.run(base + ["--lang", "zh"], capture_output=True, text=True)
    dz = json.loads(zh.stdout)
    zpath = os.path.join(os.path.dirname(db), "note-zh.json")
    with open(zpath, "w") as f:
        f.write(zh.stdout)
    rz_out, rz_code = roundtrip.check(tf, zpath, ["--db", db])
    if rz_code != 0:
        failures.append("%s %s zh: %s" % (product, period, rz_out.strip()[:600]))
    else:
        agree["zh"] += 1
    ez = [(c["metric"], c["field"], c["partner"], c["period"], c["exact"]) for c in d["claims"]]
    zz = [(c["metric"], c["field"], c["partner"], c["period"], c["exact"]) for c in dz["claims"]]
    if sorted(ez) != sorted(zz):
        failures.append("%s %s: Chinese claims differ from English ones" % (product, period))
    for c in dz["claims"]:
        if dz["text"][c["span"][0]:c["span"][1]] != c["printed"]:
            failures.append("%s %s: zh span does not hold %r" % (product, period, c["printed"]))
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tf"), ap.add_argument("gen"), ap.add_argument("shared"), ap.add_argument("out")
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--seeds", default="")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--headings", type=int, default=5)
    a = ap.parse_args()
    tf = os.path.abspath(a.tf)
    sets = [None] + [s for s in a.seeds.split(",") if s]
    notes = claims = 0
    failures = []
    agree = {"en": 0, "zh": 0}
    for i, seed in enumerate(sets):
        d = os.path.join(a.out, "set%d" % i)
        os.makedirs(d, exist_ok=True)
        cmd = [a.gen, "--rows", str(a.rows), "--out", d, "--codes",
               os.path.join(a.shared, "data/gacc/codes"), "--partners",
               os.path.join(ROOT, "data/partners.csv"), "--products",
               os.path.join(ROOT, "data/products.csv")]
        if seed:
            cmd += ["--seed", seed]
        subprocess.run(cmd, check=True, capture_output=True)
        csvp = os.path.join(d, "tf-%d.csv" % a.rows)
        db = os.path.join(d, "n.db")
        if os.path.exists(db):
            os.unlink(db)
        subprocess.run([tf, "--db", db, "ingest", csvp], check=True, capture_output=True)
        rows = load(csvp)
        months = sorted({r[2] for r in rows})
        # every product of data/products.csv, and the --hs notes of the N most
        # traded HS4 headings of the data set (full partner and mode detail)
        heads = collections.Counter(r[1][:4] for r in rows).most_common(a.headings)
        sel = products() + [("HS " + h, [h]) for h, _ in heads]
        jobs = [(p, codes, m) for p, codes in sel for m in months]
        if a.limit:
            jobs = random.Random(i).sample(jobs, min(a.limit, len(jobs)))
        cache = {}
        for p, codes, m in jobs:
            if p not in cache:
                cache[p] = figures(rows, codes)
            n = check_note(tf, db, *cache[p], p, m, failures, agree)
            if n >= 0:
                claims += n
                notes += 1
        # a running count per data set, so a long run shows where it is
        print("after data set %d (seed %s): %d notes, %d claims checked, %d failed" % (
            i, seed or "default", notes, claims, len(failures)), file=sys.stderr, flush=True)
    for f in failures:
        print(f)
    print("%d notes, %d claims checked, %d failed; %d English and %d Chinese notes agree "
          "with the audit" % (notes, claims, len(failures), agree["en"], agree["zh"]))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
