#!/usr/bin/env python3
"""The workbook in a real spreadsheet program: LibreOffice Calc, headless.

  libreoffice.py BIN FIXTURE.csv WORKDIR

Ingests tests/charts/print.csv, writes the April 2025 report as JSON and as
a workbook, strips every formula's cached value from the workbook (so that
any figure LibreOffice shows is one it computed), has LibreOffice recalculate
it and convert it to CSV (every sheet) and to PDF, then checks:
  - the recalculated figures equal the report's (JSON) and the hand
    arithmetic beside them;
  - every heading of the Summary, Partners and Trade modes sheets fits its
    column (openpyxl: width >= heading length);
  - the PDF's page count, and the pages of each sheet (its name is printed in
    the page header): the Summary on one page, one chart to a page.
Prints "ok NAME" / "FAIL NAME: why" lines, or one "skip ..." line when
LibreOffice (soffice, Debian libreoffice-calc-nogui) or pdfinfo/pdftotext
(poppler-utils) is absent.
"""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile

failures = 0


def check(name, cond, why=""):
    global failures
    print(f"ok {name}" if cond else f"FAIL {name}: {why}")
    failures += 0 if cond else 1


def near(a, b, tol=1e-9):
    return a is not None and b is not None and abs(a - b) <= tol * max(1.0, abs(b))


def number(s):
    """A CSV cell as LibreOffice wrote it ("250", "25%", "-10", "n/a")."""
    s = s.strip().replace(",", "")
    try:
        return float(s[:-1]) / 100 if s.endswith("%") else float(s)
    except ValueError:
        return None


def strip_cached(src, dst):
    """Copy the workbook without the cached values of its formulas."""
    n = 0
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
        for it in zi.infolist():
            data = zi.read(it.filename)
            if it.filename.startswith("xl/worksheets/sheet"):
                text, k = re.subn(r"(<f>[^<]*</f>)<v>[^<]*</v>", r"\1", data.decode())
                n += k
                data = text.encode()
            zo.writestr(it, data)
    return n


RECALC = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice(work, target, path, outdir):
    """Convert with a private profile set to recalculate every formula on load."""
    prof = os.path.join(work, "lo-profile")
    os.makedirs(os.path.join(prof, "user"), exist_ok=True)
    with open(os.path.join(prof, "user", "registrymodifications.xcu"), "w") as f:
        f.write(RECALC)
    env = dict(os.environ, HOME=work)
    return subprocess.run(["soffice", f"-env:UserInstallation=file://{prof}", "--headless",
                           "--norestore", "--convert-to", target, "--outdir", outdir, path],
                          capture_output=True, text=True, timeout=300, env=env)


def sheets_csv(outdir, stem):
    out = {}
    for name in os.listdir(outdir):
        if name.startswith(stem + "-") and name.endswith(".csv"):
            with open(os.path.join(outdir, name), encoding="utf-8") as f:
                out[name[len(stem) + 1:-4]] = list(csv.reader(f))
    return out


def row_of(rows, label, col=0, after=0):
    for i, r in enumerate(rows):
        if i >= after and len(r) > col and r[col] == label:
            return r
    return None


def check_summary(sh, rep):
    s = sh["Summary"]
    imp, net = row_of(s, "Imports"), row_of(s, "Net imports")
    # imports: 250 t in April 2025, MoM 250/200 - 1 = 25 %, YoY 250/130 - 1,
    # YTD 150 + 140 + 200 + 250 = 740 t against 100 + 110 + 120 + 130 = 460 t
    want = [(1, 250, rep["import"]["quantity"]), (3, 0.25, rep["import"]["mom_pct"] / 100),
            (5, 250 / 130 - 1, rep["import"]["yoy_pct"] / 100), (6, 740, rep["import"]["ytd"]),
            (8, 740 / 460 - 1, rep["import"]["ytd_yoy_pct"] / 100)]
    for col, hand, report in want:
        got = number(imp[col])
        check(f"libreoffice: Summary imports col {col} = {hand:.6g}",
              near(got, hand) and near(got, report), f"{got} (report {report})")
    # net imports = 250 - 40 = 210 t, recalculated from the two rows above
    check("libreoffice: Summary net imports 210 t", near(number(net[1]), 210) and
          near(number(net[1]), rep["net_import"]["quantity"]), net[1])
    rx, rm = rep["re_exports"], rep["re_imports"]
    dom, rest = row_of(s, "Domestic exports"), row_of(s, "Imports less re-imports")
    rxr, rmr = row_of(s, "Re-exports"), row_of(s, "Re-imports")
    # domestic exports = 40 - 6 = 34 t; re-export share 6/40 = 15 %;
    # re-imports (China as a partner) 15 t: 250 - 15 = 235 t, 15/250 = 6 %
    for what, got, hand, report in [
            ("domestic exports 34 t", dom[1], 34, rx["domestic_exports"]),
            ("re-export share 15 %", rxr[6], 0.15, rx["share_pct"] / 100),
            ("imports less re-imports 235 t", rest[1], 235, rm["imports_less_re_imports"]),
            ("re-import share 6 %", rmr[6], 0.06, rm["share_pct"] / 100)]:
        check(f"libreoffice: Summary {what}", near(number(got), hand) and
              near(number(got), report), f"{got} (report {report})")


def check_partners(sh, rep):
    p = sh["Partners"]
    by = {x["partner"]: x for x in rep["partners"]["import"]}
    # Russia: YTD 100 + 90 + 150 + 180 = 520 t, a year earlier 60 + 70 + 80 + 90
    # = 300 t: YTD YoY 520/300 - 1, YTD share 520/740; China 10 + 8 + 12 + 15 = 45
    # against 5 + 4 + 6 + 5 = 20 (+125 %), 45/740; India lacks January and February
    # rows in months whose partner rows do not add up to the total: no value
    for code, ytd, prev in [("RUS", 520, 300), ("CHN", 45, 20)]:
        r = row_of(p, code, 1)
        got = [number(r[i]) for i in (8, 9, 10, 11)]
        hand = [ytd, prev, ytd / prev - 1, ytd / 740]
        rp = by[code]
        report = [rp["ytd"], rp["ytd_prev"], rp["ytd_yoy_pct"] / 100, rp["ytd_share_pct"] / 100]
        check(f"libreoffice: Partners {code} YTD, YTD a year earlier, YTD YoY, YTD share",
              all(near(g, h) and near(g, x) for g, h, x in zip(got, hand, report)),
              f"{got} (hand {hand}, report {report})")
    ind = row_of(p, "IND", 1)
    check("libreoffice: Partners IND YTD n/a", ind[8:12] == ["n/a"] * 4 and by["IND"]["ytd"] is None,
          ind[8:12])


def check_modes(sh, rep):
    m = sh["Trade modes"]
    by = {x["code"]: x for x in rep["trade_modes"]["import"]}
    # shares of 250 t: 150 -> 60 %, 70 -> 28 %, 30 -> 12 %; March (200 t): 140 ->
    # 70 %, 60 -> 30 %, none; change 150/140 - 1, 70/60 - 1, new; share change
    # 60 - 70 = -10 pp, 28 - 30 = -2 pp, 12 - 0 = +12 pp
    for code, share, change, pp in [("10", 0.60, 150 / 140 - 1, -10), ("15", 0.28, 70 / 60 - 1, -2),
                                    ("33", 0.12, None, 12)]:
        r = row_of(m, code)
        x = by[code]
        ok = (near(number(r[4]), share) and near(number(r[4]), x["share_pct"] / 100) and
              near(number(r[7]), pp) and near(number(r[7]), x["share_change_pp"]))
        if change is None:
            ok = ok and r[6] == "new" and x["new"]
        else:
            ok = ok and near(number(r[6]), change) and near(number(r[6]), x["mom_pct"] / 100)
        check(f"libreoffice: Trade modes {code} share, change, share change", ok, r)


def check_widths(xlsx):
    try:
        import openpyxl
        from openpyxl.utils import get_column_letter
    except ImportError:
        check("openpyxl present", False, "python3-openpyxl is not installed")
        return
    wb = openpyxl.load_workbook(xlsx)
    for name, head_row in [("Summary", 6), ("Partners", 2), ("Trade modes", 2)]:
        if name not in wb.sheetnames:
            check(f"xlsx: sheet {name}", False, wb.sheetnames)
            continue
        ws = wb[name]
        cut = []
        for c in ws[head_row]:
            if isinstance(c.value, str) and c.font.b:
                width = ws.column_dimensions[get_column_letter(c.column)].width
                if width is None or width < len(c.value):
                    cut.append((c.value, width))
        check(f"xlsx: {name} headings fit their columns", not cut, cut)
        ps = ws.page_setup
        check(f"xlsx: {name} prints landscape, fitted to the page width",
              ps.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage and
              ps.fitToWidth in (None, 1) and ps.fitToHeight == 0 and ws.print_area,  # 1: default
              (ps.orientation,
               ws.print_area))


def check_pdf(pdf, n_charts):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    heads = []
    for i in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), "-layout", pdf, "-"],
                              capture_output=True, text=True).stdout
        lines = [x.strip() for x in text.splitlines() if x.strip()]
        heads.append(lines[0] if lines else "")
    count = {h: heads.count(h) for h in heads}
    # Summary 1 page; Charts: the seasonal import, export and net import charts,
    # the partners and net import charts, the trade-mode chart: 6, one a page;
    # Monthly 61 rows (2021-01..2025-04 and the heading; 32 rows of 20 px to an
    # A4 landscape page, the heading repeated): 2; Data 43 rows: 2; Partners,
    # Seasonal, Partner months, Trade modes 1 each: 15 pages
    want = {"Summary": 1, "Charts": n_charts, "Monthly": 2, "Partners": 1, "Data": 2,
            "Seasonal": 1, "Partner months": 1, "Trade modes": 1}
    check("pdf: pages of each sheet", count == want, f"{count}, want {want}")
    check("pdf: 15 pages", pages == 15, pages)
    # each chart starts its own page, at the top: its title is the first text
    titles = ["Imports of primary aluminium by month", "Exports of primary aluminium by month",
              "Net imports of primary aluminium by month", "Imports of primary aluminium by partner",
              "Net imports of primary aluminium: YTD", "Imports by trade mode"]
    if "Charts" not in heads:
        check("pdf: Charts sheet printed", False, heads)
        return
    first = heads.index("Charts") + 1
    for k, t in enumerate(titles):
        text = subprocess.run(["pdftotext", "-f", str(first + k), "-l", str(first + k), "-layout",
                               pdf, "-"], capture_output=True, text=True).stdout
        lines = [x.strip() for x in text.splitlines() if x.strip()]
        check(f"pdf: chart {k + 1} ({t}) heads page {first + k}",
              len(lines) > 1 and lines[1].startswith(t), lines[1:2])


def main():
    binary, fixture, work = sys.argv[1:4]
    missing = [t for t in ("soffice", "pdfinfo", "pdftotext") if not shutil.which(t)]
    if missing:
        print(f"skip libreoffice: {', '.join(missing)} not installed (scripts/install-deps "
              "installs libreoffice-calc-nogui and poppler-utils)")
        return 0
    db, xlsx = os.path.join(work, "print.db"), os.path.join(work, "print.xlsx")
    sel = ["--product", "primary-aluminium", "--period", "2025-04"]
    subprocess.run([binary, "--db", db, "ingest", fixture], capture_output=True, check=True)
    rep = json.loads(subprocess.run([binary, "--db", db, "report", *sel, "--format", "json"],
                                    capture_output=True, text=True, check=True).stdout)
    subprocess.run([binary, "--db", db, "report", *sel, "--format", "xlsx", "-o", xlsx],
                   capture_output=True, check=True)
    nocache = os.path.join(work, "recalc.xlsx")
    n = strip_cached(xlsx, nocache)
    check("xlsx: formulas to recalculate", n > 40, n)
    outdir = os.path.join(work, "lo")
    r = soffice(work, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,"
                "false,-1", nocache, outdir)
    sh = sheets_csv(outdir, "recalc")
    check("libreoffice: every sheet converted to CSV", {"Summary", "Partners", "Trade modes"} <=
          set(sh), f"{sorted(sh)} {r.stderr[-300:]}")
    if {"Summary", "Partners", "Trade modes"} <= set(sh):
        check_summary(sh, rep)
        check_partners(sh, rep)
        check_modes(sh, rep)
    check_widths(xlsx)
    r = soffice(work, "pdf", xlsx, outdir)
    pdf = os.path.join(outdir, "print.pdf")
    check("libreoffice: PDF written", os.path.exists(pdf), r.stderr[-300:])
    if os.path.exists(pdf):
        check_pdf(pdf, 6)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
