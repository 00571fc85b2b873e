#!/usr/bin/env python3
"""Round trip of a written note: every claim of `tradeflow note --format json`
must be read back by `tradeflow audit --claims` from the note's text with the
same metric, partner, period and value (the printed, rounded value), and the
audit must give no finding of severity error or warning.

Usage: roundtrip.py TRADEFLOW NOTE.json [--db DB]
Prints "ok" or the mismatches; exit 0 when all claims match, 1 otherwise.
Claims the audit has no field for, share_change_pp (the audit reads no pp
figure) and trade_mode (no trade-mode metric), are read from the text here
instead: the printed figure at the claim's span must be the claim's value at
the printed precision (万吨 scaled) and a pp change must carry the direction word
of its sign (up/down, 上升/下降) right before it. The import P/L (yuan/t, 元/吨)
and net exports (printed by their size) are read back by the audit in both
languages.
Forecasts (forecast_import, forecast_net_import; their field quantity or mae):
the audit has no forecast metric; it reads a figure after expected/forecast
(预计/预测/预期) as metric "other", kept and not checked, so these must be read
back as "other" with the same value and span (partner and period not compared;
a forecast of net exports, printed as its size, by its absolute value)."""
import json, os, re, subprocess, sys, tempfile

FIELD = {"quantity": "value", "mae": "value", "mom_pct": "mom_pct", "yoy_pct": "yoy_pct",
         "share_pct": "share_pct", "pl": "value", "pl_latest": "value"}


def audit(tf, path, args):
    claims = json.loads(subprocess.run([tf, "audit", "--claims", path] + args,
                                       capture_output=True, text=True, check=True).stdout)
    r = subprocess.run([tf, "audit", "--format", "json", path] + args,
                       capture_output=True, text=True)
    findings = json.loads(r.stdout)["findings"]
    return claims["claims"], [f for f in findings if f["severity"] in ("error", "warning")]


def key_metric(c):
    if c["metric"].startswith("forecast_"):
        return "other"
    return "pl" if c["metric"] == "window" else c["metric"]


def found(c, got):
    f = FIELD[c["field"]]
    for g in got:
        if g["metric"] != key_metric(c):
            continue
        # a partner counted on another basis is read as "RUS:origin"
        partners = (c["partner"], "%s:%s" % (c["partner"], c["basis"]))
        loose = c["metric"] == "window" or c["metric"].startswith("forecast_")
        if not loose and (g["partner"] not in partners or g["period"] != c["period"]):
            continue
        x = g.get(f)
        # a forecast of net exports is printed as its size and read as "other"
        want = abs(c["value"]) if c["metric"].startswith("forecast_") else c["value"]
        if x and abs(x["value"] - want) < 1e-6 and list(x["span"]) == c["span"]:
            return True
    return False


def text_check(d, c):
    """A claim the audit does not read, checked against the note's text: "" or
    what is wrong."""
    t = d["text"]
    b, e = c["span"]
    m = re.search(r"[0-9][0-9,]*(\.[0-9]+)?", t[b:e])
    if not m:
        return "no figure printed"
    x = float(m.group(0).replace(",", ""))
    if t[b:e].endswith("万吨"):
        x *= 1e4
    if abs(x - abs(c["value"])) > 1e-6 * max(1.0, x):
        return "printed %s, claim %s" % (t[b:e], c["value"])
    if c["field"] == "share_change_pp" and c["value"] != 0:
        words = ("上升", "下降") if d["lang"] == "zh" else ("up", "down")
        want = words[0] if c["value"] > 0 else words[1]
        before = t[max(0, b - 12):b]
        if want not in before:
            return "no %r before %s" % (want, t[b:e])
    return ""


def main():
    out, code = check(sys.argv[1], sys.argv[2], sys.argv[3:])
    print(out)
    return code


def check(tf, note, args):
    """The round trip of note (a --format json file): ("ok" or the mismatches, exit code)."""
    d = json.load(open(note))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as t:
        t.write(d["text"] + "\n")
    try:
        got, bad = audit(tf, t.name, args)
    finally:
        os.unlink(t.name)
    errors = []
    for c in d["claims"]:
        if d["text"][c["span"][0]:c["span"][1]] != c["printed"]:
            errors.append("span does not hold the printed text: %r" % c)
        if c["metric"] == "trade_mode" or c["field"] == "share_change_pp":
            why = text_check(d, c)
            if why:
                errors.append("%s %s %s: %s" % (c["metric"], c["field"], c["partner"], why))
            continue
        if c["field"] in FIELD and not found(c, got):
            errors.append("not read back by the audit: %s %s %s %s %s (%s)" % (
                c["metric"], c["field"], c["partner"], c["period"], c["value"], c["printed"]))
    for f in bad:
        errors.append("audit %s %s: %s" % (f["severity"], f["kind"], f.get("evidence", "")[:300]))
    return ("\n".join(errors) if errors else "ok"), (1 if errors else 0)


if __name__ == "__main__":
    sys.exit(main())
