#!/usr/bin/env python3
"""Mutation test of the audit (issue: the audit must hold on notes it has never seen).

For every note the reviewer found consistent (../shared/corpus/articles without the
reviewer-flagged notes, ../shared/corpus/more with "clean": true) and every note of
tests/audit-mutation/own (written for this test in other wordings), inject one slip of
each kind of DOMAIN.md section 7 at every figure where it applies, one at a time, run
`tradeflow audit` on the mutated copy and count:
  found   an error whose span overlaps the mutated figure (or, for a label, an error
          or warning on a figure of the sentence);
  fixed   found, and the proposed value is the original figure (within its rounding).
False alarms: errors on the unmutated notes.

Usage: run.py TRADEFLOW [--sample N] [--check] [--markdown] [--kind K] [--verbose]
  --sample N   only the first N notes of the two corpus sets, with every own note
               (the bounded run of make test)
  --check      compare with the thresholds below; the last line is
               "N passed, N failed, N skipped" (tests/run-all.sh adds it up)
  --markdown   print the table for docs/audit.md
  --kind K     inject only slips of kind K
  --verbose    one line per injected slip: note, printed -> injected, found, fixed, the finding
  --db FILE    audit against a store (tradeflow --db FILE audit): the MoM and YoY whose
               base the note never prints meet the stored figures
  --notes S    only the notes whose file name contains S, or one of a comma-separated list
  --coverage   measure without the audit's own reading: figures are found by the pattern
               FIGURE below (a number with a unit, a percent sign or a currency), each is
               counted as read when a claim's span covers it, and a one-digit typo is injected
               at every one of them, read or not; prints a table per corpus (recall over all
               figures, not only over those the audit extracted)
"""
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("TF_SHARED", os.path.join(ROOT, "..", "shared"))
# notes the reviewer flagged (tests/unit/test_audit.c, expected[]): not "consistent"
FLAGGED = {"1.txt", "10.txt", "16.txt", "34.txt", "75.txt", "79.txt", "13.txt"}
# minimum recall per kind in the bounded sample of make test (--sample 8: the first 8
# consistent notes of the two corpus sets and all 106 own notes; measured
# 2026-12-05 on the two eighth-round branches, the Chinese notes and changes: 65 %, 73 %, 70 %,
# 46 %, 64 %, 71 %, 89 % (32 of 36), 91 %; the English: 66 %, 74 %, 72 %, 44 %, 64 %, 67 %,
# 91 % (31 of 34), 92 %; each threshold the lower of the two less a margin of about two points
# (one for direction, as before; six or seven for net as gross, a small count): docs/audit.md
# section 8).
THRESHOLDS = {"one-digit-typo": 0.63, "transposed-digits": 0.71, "factor-of-10": 0.68,
              "direction-flipped": 0.43, "mom-yoy-swapped": 0.59, "wrong-month-label": 0.65,
              "net-as-gross": 0.84, "share-other-figure": 0.89}
MAX_FALSE_ALARMS_PER_10 = 1.0

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
FLIPS = [("up", "down"), ("rose", "fell"), ("increase", "decrease"), ("increased", "decreased"),
         ("higher", "lower"), ("gain", "drop"), ("climbed", "dropped"), ("surged", "plunged"),
         ("增长", "下降"), ("增加", "减少"), ("上升", "下降"),
         ("hausse", "baisse"), ("augmenté", "diminué"), ("вырос", "снизил"),
         ("увеличил", "сократил"), ("больше", "меньше")]
# months of Russian and French notes: a Russian stem takes the case ending the note
# printed ("июле" -> "июне"), a French name is whole
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]
MONTHS_RU = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
             "октябр", "ноябр", "декабр"]


OWN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "own")


def notes():
    out = []
    # notes written for this test in other wordings (wire, desk, Chinese, another reporter),
    # consistent by construction (tests/audit-mutation/own/README.md)
    if os.path.isdir(OWN):
        for name in sorted(os.listdir(OWN)):
            if name.endswith(".txt"):
                out.append(("own", os.path.join(OWN, name)))
    art = os.path.join(SHARED, "corpus", "articles", "articles.jsonl")
    if os.path.exists(art):
        for line in open(art, encoding="utf-8"):
            o = json.loads(line)
            raw = o["raw_file"]
            if os.path.basename(raw) not in FLAGGED:
                out.append(("articles", os.path.join(SHARED, "corpus", "articles", raw)))
    lab = os.path.join(SHARED, "corpus", "more", "labels.json")
    if os.path.exists(lab):
        for o in json.load(open(lab, encoding="utf-8"))["notes"]:
            if o["clean"]:
                out.append(("more", os.path.join(SHARED, "corpus", "more", "raw", o["id"] + ".txt")))
    return out


DB = []


def audit(tf, path, claims=False):
    args = [tf] + DB + (["audit", "--format", "json", path] if not claims else ["audit", "--claims", path])
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        return None
    return json.loads(r.stdout)


def checkable(c):
    return c["metric"] in ("import", "export", "net_import", "import_value", "export_value") \
        and c["product"]


def one_digit(t):
    """Change the second significant digit (or the first when there is one)."""
    ds = [i for i, ch in enumerate(t) if ch.isdigit()]
    sig = [i for i in ds if t[i] != "0" or i != ds[0]]
    if not sig:
        return None
    i = sig[1] if len(sig) > 1 else sig[0]
    return t[:i] + str((int(t[i]) + 3) % 10) + t[i + 1:]


def transposed(t):
    ds = [i for i, ch in enumerate(t) if ch.isdigit()]
    for a, b in zip(ds, ds[1:]):
        if b == a + 1 and t[a] != t[b] and not (a == ds[0] and t[b] == "0"):
            return t[:a] + t[b] + t[a] + t[b + 1:]
    return None


def times10(t):
    # a Russian or French figure with a decimal comma, thousands grouped by blanks
    # ("1 045,155" -> "10451,55")
    m = re.search(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})*,\d{1,2}(?!\d)|\d{1,3}(?:[ \u00a0\u202f]\d{3})+,\d+", t)
    if m:
        a, b = re.sub(r"[ \u00a0\u202f]", "", m.group(0)).split(",")
        new = a + b[0] + ("," + b[1:] if len(b) > 1 else "")
        return t[:m.start()] + new + t[m.end():]
    m = re.search(r"\d[\d,]*(\.\d+)?", t)
    if not m:
        return None
    num = m.group(0)
    if "." in num:  # move the decimal point one place right
        a, b = num.split(".")
        new = a + b[0] + ("." + b[1:] if len(b) > 1 else "")
    elif "," in num:  # one more digit, regrouped
        new = f"{int(num.replace(',', '') + '0'):,}"
    else:
        new = num + "0"
    return t[:m.start()] + new + t[m.end():]


def mutations(text, claims):
    """(kind, start, end, new_text, original value, field) for each applicable slip."""
    out = []
    figs = []
    for c in claims:
        if not checkable(c):
            continue
        for field in ("value", "mom_pct", "yoy_pct", "share_pct"):
            s = c.get(field)
            if s:
                figs.append((c, field, s))
    # percentages printed with digits (not a change in words: "doubled", "three-fold")
    pcts = [s for (_, f, s) in figs if f != "value" and re.search(r"\d", s["text"])]
    for c, field, s in figs:
        a, b = s["span"]
        t = text[a:b]
        for kind, fn in (("one-digit-typo", one_digit), ("transposed-digits", transposed),
                         ("factor-of-10", times10)):
            n = fn(t)
            if n and n != t:
                out.append((kind, a, b, n, s["value"], field))
        if field in ("mom_pct", "yoy_pct"):
            pre = text[max(0, a - 30):a]
            for w1, w2 in FLIPS:
                for x, y in ((w1, w2), (w2, w1)):
                    k = pre.rfind(x)
                    if k >= 0 and (x[0] > "\x7f" or re.match(r"\b" + x + r"\b", pre[k:])):
                        ka = a - len(pre) + k
                        out.append(("direction-flipped", ka, b, y + text[ka + len(x):b], s["value"],
                                    field))
                        break
                else:
                    continue
                break
            other = c.get("yoy_pct" if field == "mom_pct" else "mom_pct")
            if other and field == "mom_pct" and other["text"] != s["text"] and \
                    re.search(r"\d", other["text"]) and re.search(r"\d", s["text"]):
                out.append(("mom-yoy-swapped", a, b, other["text"], s["value"], field))
        if field == "share_pct":
            for p in pcts:
                if p["text"] != s["text"] and abs(p["value"] - s["value"]) > 1:
                    out.append(("share-other-figure", a, b, p["text"], s["value"], field))
                    break
        if field == "value" and c["metric"] == "import":
            for d in claims:
                if d["metric"] == "net_import" and d["period"] == c["period"] and d["value"] and \
                        d["product"] == c["product"] and d["value"]["text"] != s["text"]:
                    out.append(("net-as-gross", a, b, d["value"]["text"], s["value"], field))
                    break
        if field == "value" and c["period_named"] and re.fullmatch(r"\d{4}-\d{2}", c["period"]):
            m = int(c["period"][5:]) - 1
            ss, se = c["sentence_span"]
            sent = text[ss:a]
            k = sent.rfind(MONTHS[m])
            if k >= 0:
                ka = ss + k
                out.append(("wrong-month-label", ka, ka + len(MONTHS[m]), MONTHS[(m + 11) % 12],
                            s["value"], "label"))
            elif re.search(r"[\u0400-\u04ff]|\b" + MONTHS_FR[m] + r"\b", sent):
                k = max(sent.rfind(MONTHS_FR[m]), -1)
                mr = list(re.finditer(r"(?<![\w])" + MONTHS_RU[m] + r"(?=[а-яё])", sent))
                if k >= 0 and re.match(MONTHS_FR[m] + r"\b", sent[k:]):
                    out.append(("wrong-month-label", ss + k, ss + k + len(MONTHS_FR[m]),
                                MONTHS_FR[(m + 11) % 12], s["value"], "label"))
                elif mr:
                    ka = ss + mr[-1].start()
                    out.append(("wrong-month-label", ka, ka + len(MONTHS_RU[m]),
                                MONTHS_RU[(m + 11) % 12], s["value"], "label"))
            else:  # a Chinese month "4月", "4月份" (not the end of a range "1-4月")
                zh = list(re.finditer(r"(?<![\d\-－~～至到])" + str(m + 1) + r"月", sent))
                if zh:
                    ka = ss + zh[-1].start()
                    out.append(("wrong-month-label", ka, ka + len(str(m + 1)),
                                str((m + 11) % 12 + 1), s["value"], "label"))
    return out


def run(tf, sample, want_table, check, only=None, verbose=False, name_has=None):
    per = {k: [0, 0, 0, 0, 0] for k in THRESHOLDS}  # tried, found, fixed, in eq., found there
    by_corpus = {}  # corpus: [tried, found, fixed, false alarms, notes]
    corpora = {}
    for corpus, path in notes():
        if name_has and not any(n in os.path.basename(path) for n in name_has.split(",")):
            continue
        corpora.setdefault(corpus, []).append(path)
    chosen = []
    corpus_of = {}
    for corpus, paths in corpora.items():
        # the own notes (written for this test, each a wording of its own) are all taken;
        # the sample bounds the corpus sets
        chosen += paths[:sample] if sample and corpus != "own" else paths
        for p in paths:
            corpus_of[p] = corpus
    clean_notes = false_alarms = 0
    tmp = tempfile.mkdtemp(prefix="tfmut")
    for path in chosen:
        text = open(path, encoding="utf-8").read()
        base = audit(tf, path)
        cl = audit(tf, path, claims=True)
        if base is None or cl is None:
            continue
        clean_notes += 1
        fa = sum(1 for f in base["findings"] if f["severity"] == "error")
        false_alarms += fa
        bc = by_corpus.setdefault(corpus_of[path], [0, 0, 0, 0, 0])
        bc[3] += fa
        bc[4] += 1
        muts = mutations(text, cl["claims"])
        # a figure is "in an equation" when moving its decimal point is seen
        reach = set()
        results = []
        for kind, a, b, new, orig, field in muts:
            if only and kind != only:
                continue
            mt = text[:a] + new + text[b:]
            mp = os.path.join(tmp, os.path.basename(path))
            open(mp, "w", encoding="utf-8").write(mt)
            res = audit(tf, mp)
            per[kind][0] += 1
            if res is None:
                continue
            shift = len(new) - (b - a)
            hit = fix = False
            for f in res["findings"]:
                fa, fb = f["span"]
                if kind == "wrong-month-label":
                    ok = f["severity"] in ("error", "warning") and fa <= b + shift + 200 and fb >= a
                else:
                    ok = f["severity"] == "error" and fa < b + shift and fb > a
                if ok:
                    hit = True
                    p = f.get("proposed")
                    if p is not None and field != "label" and abs(p - orig) <= max(1e-6, abs(orig) * 1e-3):
                        fix = True
                    if kind == "wrong-month-label" and f["kind"] in ("wrong-month-label",):
                        fix = True
            if verbose:
                got = [(f["kind"], f.get("proposed")) for f in res["findings"]
                       if f["severity"] in ("error", "warning")]
                print(f"{os.path.basename(path)}\t{kind}\t{text[a:b]!r} -> {new!r}\t"
                      f"{'FOUND' if hit else 'missed'}{' fixed' if fix else ''}\t{got}")
            per[kind][1] += hit
            per[kind][2] += fix
            bc[0] += 1
            bc[1] += hit
            bc[2] += fix
            results.append((kind, a, b, hit))
            if kind == "factor-of-10" and hit:
                reach.add((a, b))
        for kind, a, b, hit in results:
            fig = (a, b)
            if kind == "direction-flipped":
                fig = next(((x, y) for (x, y) in reach if y == b), None)
            if kind == "wrong-month-label":
                fig = next(((x, y) for (x, y) in reach if x >= a and x < b + 40), None)
            if fig in reach:
                per[kind][3] += 1
                per[kind][4] += hit
    rate = 10.0 * false_alarms / clean_notes if clean_notes else 0
    if want_table:
        print("| slip kind | injected | found | recall | fix right | in an equation | recall there |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for k, (t, f, x, e, fe) in per.items():
            r = f"{100 * f / t:.0f}%" if t else "n/a"
            fx = f"{100 * x / f:.0f}%" if f else "n/a"
            re_ = f"{100 * fe / e:.0f}%" if e else "n/a"
            print(f"| {k} | {t} | {f} | {r} | {fx} | {e} | {re_} |")
        tot = [sum(v[i] for v in per.values()) for i in range(5)]
        print(f"| all | {tot[0]} | {tot[1]} | {100 * tot[1] / max(tot[0], 1):.0f}% | "
              f"{100 * tot[2] / max(tot[1], 1):.0f}% | {tot[3]} | "
              f"{100 * tot[4] / max(tot[3], 1):.0f}% |")
        print(f"\n{clean_notes} consistent notes, {false_alarms} errors raised on them "
              f"({rate:.2f} per 10 notes)")
        print("\n| notes | consistent notes | injected | found | recall | fix right | errors on the notes |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, (t, f, x, fa, nn) in by_corpus.items():
            print(f"| {name} | {nn} | {t} | {f} | {100 * f / max(t, 1):.0f}% | "
                  f"{100 * x / max(f, 1):.0f}% | {fa} |")
    if check:
        passed = failed = 0
        if finder_selftest():
            print("ok: the --coverage figure finder on its written cases")
            passed += 1
        else:
            failed += 1
        for k, (t, f, x, e, fe) in per.items():
            r = f / t if t else 1.0
            ok = r >= THRESHOLDS[k]
            print(("ok" if ok else "FAIL") + f": {k}: {f}/{t} found (threshold {THRESHOLDS[k]:.0%})")
            passed += ok
            failed += not ok
        ok = rate <= MAX_FALSE_ALARMS_PER_10
        print(("ok" if ok else "FAIL") + f": false alarms {false_alarms} on {clean_notes} notes")
        passed += ok
        failed += not ok
        print(f"{passed} passed, {failed} failed, 0 skipped")
        return 1 if failed else 0
    return 0


# An independent figure finder for --coverage: a number (ASCII or full-width digits, "," or
# a space group, "." or "," decimals) with a currency before it or a unit or percent after
# it. It knows nothing of the audit's reading; a number without a unit (a year, an HS code,
# a day) is not a figure here.
_NUM = r"(?<![A-Za-z0-9_.,])[0-9\uff10-\uff19](?:[0-9\uff10-\uff19]|[,\uff0c](?=[0-9]{3})|[ \u00a0\u202f](?=[0-9]{3}\b))*" \
       r"(?:[.,\uff0e][0-9\uff10-\uff19]+)?"
_CUR = r"(?:US\$|USD ?|\$|CNY ?|RMB ?|\u00a5|\u20ac)"
_UNIT = r"\s?(?:%|\uff05|per ?cent|percent|pp\b|percentage points?|bps?\b|(?:(?:million|billion|bn|mln|" \
        r"thousand|trillion)\s)?(?:metric\s)?(?:tonnes|tons|t\b|mt\b|kt\b|Mt\b)|kt\b|Mt\b|" \
        r"(?:million|billion|bn|mln|trillion|млн|млрд|тыс)\b|тонн|" \
        r"\u4e2a\u767e\u5206\u70b9|\u4e07\u4ebf\u5143|\u4e07\u4ebf\u7f8e\u5143|\u4ebf\u5143|\u4ebf\u7f8e\u5143|" \
        r"\u4e07\u5143|\u4e07\u7f8e\u5143|\u4e07\u5428|\u4ebf\u5428|\u5343\u5428|\u842c\u5678|\u5678|\u5428|" \
        r"\u516c\u65a4|\u5343\u514b|\u7f8e\u5143|\u5143|\u6210|\u500d)"
FIGURE = re.compile(_CUR + _NUM + "|" + _NUM + _UNIT)
_HEADER = re.compile(r"^(?:URL|PUBLISHER|DATE|SOURCE):.*$", re.M)


def figures_in(text):
    """(start, end) of each figure FIGURE finds outside the header lines."""
    skip = [(m.start(), m.end()) for m in _HEADER.finditer(text)]
    return [(m.start(), m.end()) for m in FIGURE.finditer(text)
            if not any(a <= m.start() < b for a, b in skip)]


# figures_in on sentences written for it: what a reader finds by eye
_FINDER_CASES = [
    ("DATE: 2025-05-20\nImports were 312,400 tonnes in August 2025, up 8.5% on HS 7601.",
     ["312,400 tonnes", "8.5%"]),
    ("Les importations ont atteint 89 500 tonnes, en baisse de 7,1 % ; $3,94 млрд.",
     ["89 500 tonnes", "7,1 %", "$3,94"]),
    ("2025年1-4月进口煤4278.6万吨，增长2.4%，占比上升1.3个百分点，US$52.36亿。",
     ["4278.6万吨", "2.4%", "1.3个百分点", "US$52.36"]),
]


def finder_selftest():
    """1 when figures_in finds exactly the figures written beside each case."""
    ok = True
    for text, want in _FINDER_CASES:
        got = [text[a:b] for a, b in figures_in(text)]
        if got != want:
            print(f"FAIL: figure finder on {text!r}: {got} != {want}")
            ok = False
    return ok


def claim_spans(claims):
    return [tuple(v["span"]) for c in claims for v in c.values()
            if isinstance(v, dict) and "span" in v]


def coverage(tf, name_has=None, verbose=False):
    """--coverage: per corpus, figures found, read by a claim, one-digit typos found."""
    per = {}  # corpus: [notes, figures, read, found, found at unread figures]
    tmp = tempfile.mkdtemp(prefix="tfcov")
    for corpus, path in notes():
        if name_has and not any(n in os.path.basename(path) for n in name_has.split(",")):
            continue
        text = open(path, encoding="utf-8").read()
        cl = audit(tf, path, claims=True)
        if cl is None:
            continue
        spans = claim_spans(cl["claims"])
        row = per.setdefault(corpus, [0, 0, 0, 0, 0])
        row[0] += 1
        for a, b in figures_in(text):
            read = any(x < b and y > a for x, y in spans)
            new = one_digit(text[a:b])
            mp = os.path.join(tmp, os.path.basename(path))
            open(mp, "w", encoding="utf-8").write(text[:a] + new + text[b:])
            res = audit(tf, mp)
            shift = len(new) - (b - a)
            hit = res is not None and any(
                f["severity"] == "error" and f["span"][0] < b + shift and f["span"][1] > a
                for f in res["findings"])
            row[1] += 1
            row[2] += read
            row[3] += hit
            row[4] += hit and not read
            if verbose:
                print(f"{os.path.basename(path)}\t{text[a:b]!r}\t{'read' if read else 'UNREAD'}"
                      f"\t{'FOUND' if hit else 'missed'}")
    print("| notes | notes read | figures | read by a claim | one-digit typos found | recall "
          "over all figures |")
    print("|---|---:|---:|---:|---:|---:|")
    tot = [0] * 5
    for name, r in per.items():
        tot = [x + y for x, y in zip(tot, r)]
        print(f"| {name} | {r[0]} | {r[1]} | {r[2]} ({100 * r[2] / max(r[1], 1):.0f}%) | {r[3]} | "
              f"{100 * r[3] / max(r[1], 1):.0f}% |")
    print(f"| all | {tot[0]} | {tot[1]} | {tot[2]} ({100 * tot[2] / max(tot[1], 1):.0f}%) | "
          f"{tot[3]} | {100 * tot[3] / max(tot[1], 1):.0f}% |")
    return 0


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    tf = args[0]
    sample = int(args[args.index("--sample") + 1]) if "--sample" in args else 0
    if not any(c != "own" for c, _ in notes()):
        print(f"skipped: {SHARED}/corpus is absent")
        print("0 passed, 0 failed, 1 skipped")
        return 0
    only = args[args.index("--kind") + 1] if "--kind" in args else None
    if "--db" in args:
        DB.extend(["--db", args[args.index("--db") + 1]])
    name_has = args[args.index("--notes") + 1] if "--notes" in args else None
    if "--coverage" in args:
        return coverage(tf, name_has, "--verbose" in args)
    return run(tf, sample, "--markdown" in args, "--check" in args, only, "--verbose" in args,
               name_has)


if __name__ == "__main__":
    sys.exit(main())
