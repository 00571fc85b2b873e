#!/usr/bin/env python3
"""Independent checks of tradeflow's charted outputs (Python standard library
and openpyxl only). Each subcommand prints "ok NAME" or "FAIL NAME: why" lines.

  check.py dom FILE.html SPEC.json   the DOM Chromium dumped after loading the page
  check.py svg FILE.svg KIND SPEC.json   one standalone chart
  check.py png FILE.png              a screenshot that is not blank
  check.py xlsx FILE.xlsx            the workbook of tests/charts/small.csv
  check.py inject-xlsx FILE.xlsx     names from data stay text cells
"""
import json
import struct
import sys
import zlib
from html.parser import HTMLParser
import xml.etree.ElementTree as ET

failures = 0


def check(name, cond, why=""):
    global failures
    if cond:
        print(f"ok {name}")
    else:
        failures += 1
        print(f"FAIL {name}: {why}")


class Dom(HTMLParser):
    """Figures, their SVG series and the points/bars of each series; script
    elements; visible text."""

    def __init__(self):
        super().__init__()
        self.figures = {}      # kind -> {"svgs": n, "series": {name: {"circle": n, "rect": n}}, "texts": [...]}
        self.scripts = 0
        self.text = []
        self.stack = []
        self.fig = None
        self.series = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "figure":
            kind = (a.get("class") or "").replace("chart-", "")
            self.fig = self.figures.setdefault(kind, {"svgs": 0, "series": {}, "texts": []})
        if self.fig is not None:
            if tag == "svg":
                self.fig["svgs"] += 1
            if tag == "g" and "series" in (a.get("class") or "").split():
                self.series = self.fig["series"].setdefault(a.get("data-name"), {"circle": 0, "rect": 0})
            if self.series is not None and tag in ("circle", "rect"):
                self.series[tag] += 1
        if tag not in ("circle", "rect", "line", "path", "meta", "br"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "figure":
            self.fig = None
        if tag == "g":
            self.series = None
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        if self.fig is not None:
            self.fig["texts"].append(data)


def cmd_dom(path, spec_path):
    with open(path, encoding="utf-8") as f:
        html = f.read()
    spec = json.load(open(spec_path, encoding="utf-8"))
    d = Dom()
    d.feed(html)
    check("dom: no script element", d.scripts == 0, f"{d.scripts} script elements")
    text = "".join(d.text)
    for t in spec.get("text", []):
        check(f"dom: text {t!r}", t in text, "not in the page text")
    check("dom: chart figures", sorted(d.figures) == sorted(spec["charts"]),
          f"{sorted(d.figures)} != {sorted(spec['charts'])}")
    for kind, want in spec["charts"].items():
        fig = d.figures.get(kind)
        if not fig:
            continue
        check(f"dom: {kind}: one svg", fig["svgs"] == 1, f"{fig['svgs']} svgs")
        got = {name: s["circle"] + s["rect"] for name, s in fig["series"].items()}
        check(f"dom: {kind}: series and points", got == want["points"], f"{got} != {want['points']}")
        ftext = "".join(fig["texts"])
        for t in want.get("text", []):
            check(f"dom: {kind}: text {t!r}", t in ftext, "missing")


def cmd_svg(path, kind, spec_path):
    spec = json.load(open(spec_path, encoding="utf-8"))["charts"][kind]
    ns = "{http://www.w3.org/2000/svg}"
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        check(f"svg {kind}: well-formed XML", False, str(e))
        return
    check(f"svg {kind}: well-formed XML", root.tag == ns + "svg", root.tag)
    got = {}
    for g in root.iter(ns + "g"):
        if "series" in (g.get("class") or "").split():
            got[g.get("data-name")] = len(g.findall(ns + "circle")) + len(g.findall(ns + "rect"))
    check(f"svg {kind}: series and points", got == spec["points"], f"{got} != {spec['points']}")
    legend = [t.text for g in root.iter(ns + "g") if g.get("class") == "legend"
              for t in g.iter(ns + "text")]
    check(f"svg {kind}: legend names the series", sorted(legend) == sorted(spec["points"]),
          f"{legend}")
    units = [t.text for t in root.iter(ns + "text") if t.get("class") == "unit"]
    check(f"svg {kind}: axis unit", units == [spec["unit"]], f"{units}")
    if kind.startswith("seasonal"):
        # the title's years are the years drawn: from the first line's year
        title = root.find(ns + "title").text
        years = sorted(n for n in spec["points"] if n.isdigit())
        want = f"{years[0]}-{years[-1]}" if len(years) > 1 else years[-1]
        check(f"svg {kind}: title names the years drawn", title.endswith(", " + want),
              f"{title!r}, lines {years}")
    srcs = [t.text for t in root.iter(ns + "text") if t.get("class") == "source"]
    check(f"svg {kind}: source line", len(srcs) >= 1 and srcs[0].startswith("Source:"), f"{srcs}")


def png_pixels(path):
    """Decode an 8-bit, non-interlaced RGB/RGBA PNG; returns (w, h, channels, rows)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", None
    while pos < len(data):
        n, typ = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if typ == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, "unsupported PNG layout"
            ch = 3 if ctype == 2 else 4
        elif typ == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * ch
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - ch] if i >= ch else 0
            b = prev[i]
            c = prev[i - ch] if i >= ch else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pr) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, ch, rows


def cmd_png(path):
    w, h, ch, rows = png_pixels(path)
    colours, dark, total = set(), 0, 0
    for y in range(0, h, 2):
        r = rows[y]
        for x in range(0, w, 2):
            px = r[x * ch:x * ch + 3]
            colours.add(px)
            total += 1
            dark += sum(px) < 600
    check(f"png: {w}x{h} screenshot has many colours", len(colours) > 20, f"{len(colours)} colours")
    share = dark / total
    check("png: drawn (non-white) pixels between 1% and 60%", 0.01 < share < 0.6, f"{share:.3f}")


def cmd_xlsx(path):
    import openpyxl
    wb = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    names = wb.sheetnames
    check("xlsx: sheets", names == ["Summary", "Charts", "Monthly", "Partners", "Data", "Seasonal",
                                    "Partner months", "Window"], f"{names}")
    bad = [n for n in names if len(n) > 31 or any(c in n for c in "[]:*?/\\")]
    check("xlsx: sheet names valid", not bad, f"{bad}")
    s, sc = wb["Summary"], cached["Summary"]
    # April 2025 of tests/charts/small.csv: imports 230,000 t (Monthly row 53:
    # 2021-01 is row 2), March 210,000 t, April 2024 125,000 t, exports 14,000 t.
    check("xlsx: imports formula over Monthly", s["B7"].value == "=Monthly!B53", s["B7"].value)
    check("xlsx: imports cached value", sc["B7"].value == 230000, sc["B7"].value)
    check("xlsx: t format", s["B7"].number_format == "#,##0", s["B7"].number_format)
    check("xlsx: MoM formula", s["D7"].value == "=B7/C7-1", s["D7"].value)
    # 230,000 / 210,000 - 1 = 0.0952381
    check("xlsx: MoM cached", abs(sc["D7"].value - (230000 / 210000 - 1)) < 1e-12, sc["D7"].value)
    check("xlsx: % format", s["D7"].number_format == "0.0%", s["D7"].number_format)
    # 230,000 / 125,000 - 1 = 0.84
    check("xlsx: YoY cached", abs(sc["F7"].value - 0.84) < 1e-12, sc["F7"].value)
    check("xlsx: net import = import - export", s["B9"].value == "=B7-B8", s["B9"].value)
    check("xlsx: net import cached 216,000", sc["B9"].value == 216000, sc["B9"].value)
    # February 2025 is missing: YTD has no value
    check("xlsx: incomplete YTD is n/a", s["G7"].value == "n/a", s["G7"].value)
    m = wb["Monthly"]
    check("xlsx: Monthly 2025-02 is a gap", m["A51"].value == "2025-02" and m["B51"].value is None,
          (m["A51"].value, m["B51"].value))
    check("xlsx: Monthly net formula", m["D53"].value == "=B53-C53", m["D53"].value)
    p, pc = wb["Partners"], cached["Partners"]
    check("xlsx: top partner", (p["B3"].value, p["C3"].value, p["D3"].value) == ("RUS", "Russia", 160000),
          (p["B3"].value, p["C3"].value, p["D3"].value))
    check("xlsx: share formula", p["E3"].value == "=D3/Summary!$B$7", p["E3"].value)
    # 160,000 / 230,000 = 0.695652
    check("xlsx: share cached", abs(pc["E3"].value - 160000 / 230000) < 1e-12, pc["E3"].value)
    d = wb["Data"]
    rows = [tuple(c.value for c in r) for r in d.iter_rows(min_row=2)]
    check("xlsx: data row 2025-04 import RUS", ("2025-04", "import", "RUS", "Russia", 160000) in rows,
          "missing")
    # totals: 16 import months + 9 export months; partner rows: Russia 6,
    # India 2, Australia 1; an Other row in each of the 6 months with partners
    check("xlsx: data rows", len(rows) == 16 + 9 + 6 + 2 + 1 + 6, len(rows))
    n_charts = sum(len(ws._charts) for ws in wb.worksheets)
    check("xlsx: six native charts", n_charts == 6, n_charts)
    # on the Charts sheet, in the order of the SVG charts: seasonal imports
    # (2023, 2024, 2025), exports (2024, 2025), net imports (2024, 2025); the
    # partner stack (Russia, India, Australia, Other, no breakdown); the net
    # import bars; the daily P/L (published only)
    charts = wb["Charts"]._charts
    got = [(c.tagname, getattr(c, "grouping", None), len(c.series)) for c in charts]
    want = [("lineChart", "standard", 3), ("lineChart", "standard", 2), ("lineChart", "standard", 2),
            ("barChart", "stacked", 5), ("barChart", "clustered", 1), ("lineChart", "standard", 1)]
    check("xlsx: chart types and series", got == want, f"{got}")
    if len(charts) == 6:
        refs = [charts[3].series[0].val.numRef.f, charts[3].series[0].cat.strRef.f
                if charts[3].series[0].cat.strRef else charts[3].series[0].cat.numRef.f]
        check("xlsx: partner chart over the Partner months sheet (24 months)",
              refs == ["'Partner months'!$B$2:$B$25", "'Partner months'!$A$2:$A$25"], f"{refs}")
        # the net import bars: 24 months of column H (A period, B-D the three
        # partners, E other, F no breakdown, G imports, H net imports)
        f = charts[4].series[0].val.numRef.f
        check("xlsx: net import chart over 24 months", f == "'Partner months'!$H$2:$H$25", f)
        pm = wb["Partner months"]
        check("xlsx: Partner months header", pm["H1"].value == "Net imports (t)", pm["H1"].value)


def cmd_inject_xlsx(path):
    import openpyxl
    wb = openpyxl.load_workbook(path)
    cells = {c.value: c.data_type for ws in wb.worksheets for r in ws.iter_rows() for c in r
             if isinstance(c.value, str)}
    for name in ("<script>alert(1)</script>", "=cmd|' /C calc'!A0"):
        check(f"xlsx: {name!r} is a text cell", cells.get(name) == "s", cells.get(name))
    formulas = [v for v, t in cells.items() if t == "f" and "cmd" in v]
    check("xlsx: no formula from data", not formulas, formulas)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"dom": cmd_dom, "svg": cmd_svg, "png": cmd_png, "xlsx": cmd_xlsx,
     "inject-xlsx": cmd_inject_xlsx}[cmd](*args)
    sys.exit(1 if failures else 0)
