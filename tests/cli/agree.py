#!/usr/bin/env python3
"""The `agree:` case line of tests/cli/run.sh: for one selection, the report's
month, the monthly series the charts draw and the workbook's Monthly row give
the same import and export figures, in t and in value.

  agree.py DB OPTIONS...   (OPTIONS as for `tradeflow report`, with --period YYYY-MM)

For each measure (quantity, value) it runs `tradeflow report --format json`
and `--format xlsx`, reads the Monthly sheet with the standard library
(zipfile + XML: the row of the period, columns B import and C export) and
checks, per flow: the report's figure equals the Monthly cell (both absent,
or equal within 1e-6 relative), and when the report has a figure,
`tradeflow chart seasonal-import/-export` draws (exit 0), and `tradeflow
history` with the same selection options lists current revisions of the
period (it selects as the report does), in the report's currency only
(tf_query_currency chooses it for both). Prints one
"ok ..." or "FAIL ..." line per check; exits 1 on any failure.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
failures = 0


def check(name, cond, why=""):
    global failures
    print(f"ok {name}" if cond else f"FAIL {name}: {why}")
    failures += 0 if cond else 1


def run(args):
    return subprocess.run(["tradeflow"] + args, capture_output=True, text=True)


def monthly_sheet(path):
    """{period: (import, export)} of the Monthly sheet; None for an empty cell."""
    z = zipfile.ZipFile(path)
    shared = [si.findtext(".//m:t", "", NS) if si.find("m:t", NS) is not None
              else "".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t"))
              for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS)]
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rid = next(s.get(f"{{{NS['r']}}}id") for s in wb.iter(f"{{{NS['m']}}}sheet")
               if s.get("name") == "Monthly")
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = next(r.get("Target") for r in rels.iter(REL) if r.get("Id") == rid)
    sheet = ET.fromstring(z.read("xl/" + target))
    out = {}
    for row in sheet.iter(f"{{{NS['m']}}}row"):
        cells = {}
        for c in row.findall("m:c", NS):
            col = re.match(r"[A-Z]+", c.get("r")).group(0)
            v = c.findtext("m:v", None, NS)
            if v is not None and c.get("t") == "s":
                v = shared[int(v)]
            cells[col] = v
        period = cells.get("A")
        if period and re.fullmatch(r"\d{4}-\d{2}", period):
            num = lambda k: float(cells[k]) if cells.get(k) not in (None, "") else None
            out[period] = (num("B"), num("C"))
    return out


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def main():
    db, opts = sys.argv[1], sys.argv[2:]
    period = opts[opts.index("--period") + 1]
    tmp = tempfile.mkdtemp()
    reported = False
    currency = None
    for measure in ("quantity", "value"):
        base = ["--db", db, "report"] + opts + ["--measure", measure]
        r = run(base + ["--format", "json"])
        check(f"{measure}: report runs", r.returncode == 0, r.stderr.strip())
        if r.returncode:
            continue
        rep = json.loads(r.stdout)
        currency = currency or rep.get("currency")
        xlsx = os.path.join(tmp, f"{measure}.xlsx")
        x = run(base + ["--format", "xlsx", "-o", xlsx])
        check(f"{measure}: xlsx written", x.returncode == 0, x.stderr.strip())
        if x.returncode:
            continue
        row = monthly_sheet(xlsx).get(period, (None, None))
        for k, flow in enumerate(("import", "export")):
            # report JSON schema 2: a value report's month is under "value"
            fig = rep[flow]["value" if rep.get("measure") == "value" else "quantity"]
            check(f"{measure}: {flow} {period} report {fig} = Monthly row {row[k]}",
                  same(fig, row[k]), "they differ")
            reported = reported or fig is not None
            if fig is not None:
                c = run(["--db", db, "chart", f"seasonal-{flow}"] + opts + ["--measure", measure])
                check(f"{measure}: {flow} chart draws the month", c.returncode == 0,
                      c.stderr.strip())
    hist_opts = []
    takes = {"--product", "--hs", "--commodity", "--period", "--reporter", "--classification",
             "--currency"}
    for k in range(0, len(opts) - 1):
        if opts[k] in takes:
            hist_opts += [opts[k], opts[k + 1]]
    h = run(["--db", db, "history"] + hist_opts)
    current = [l for l in h.stdout.splitlines() if l.startswith("* ")]
    if reported:
        check(f"history lists the cells of {period}", h.returncode == 0 and current,
              h.stderr.strip() or "none")
    if currency:
        other = [l for l in h.stdout.splitlines()[1:]
                 if set(l.split()) & ({"CNY", "USD"} - {currency})]
        check(f"history reads the report's currency {currency}", not other,
              other[0] if other else "")
    sys.exit(1 if failures else 0)


main()
