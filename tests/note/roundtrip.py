#!/usr/bin/env python3
"""Round trip of a written note: every claim of `tradeflow note --format json`
must be read back by `tradeflow audit --claims` from the note's text with the
same metric, partner, period and value (the printed, rounded value), and the
audit must give no finding of severity error or warning.

Usage: roundtrip.py TRADEFLOW NOTE.json [--db DB]
Prints "ok" or the mismatches; exit 0 when all claims match, 1 otherwise.
Claims the audit has no field for are not compared: share_change_pp (the
audit reads no pp figures) and trade_mode (no trade-mode metric); in Chinese
notes also the import P/L (元/吨: the audit's Chinese reading has no P/L metric)
and net exports (净出口: read as another figure, not as a negative net import).
Forecasts (forecast_import, forecast_net_import; their field quantity or mae):
the audit has no forecast metric; it reads a figure after expected/forecast
(预计/预测/预期) as metric "other", kept and not checked, so these must be read
back as "other" with the same value and span (partner and period not compared;
a forecast of net exports, printed as its size, by its absolute value)."""
import json, subprocess, sys, tempfile, os

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


def main():
    tf, note = sys.argv[1], sys.argv[2]
    args = sys.argv[3:]
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
        skip = c["metric"] == "trade_mode" or (d["lang"] == "zh" and (
            c["metric"] == "window" or (c["metric"] == "net_import" and c["value"] < 0)))
        if c["field"] in FIELD and not skip and not found(c, got):
            errors.append("not read back by the audit: %s %s %s %s %s (%s)" % (
                c["metric"], c["field"], c["partner"], c["period"], c["value"], c["printed"]))
    for f in bad:
        errors.append("audit %s %s: %s" % (f["severity"], f["kind"], f.get("evidence", "")[:300]))
    print("\n".join(errors) if errors else "ok")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
