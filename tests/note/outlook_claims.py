#!/usr/bin/env python3
"""The forecast claims of a note (`tradeflow note --format json`) against the
outlook command's own JSON (`tradeflow outlook --format json`) for the same
product and period: each series the outlook forecasts has a quantity and an
mae claim whose values are its forecast_t and mae_t rounded as notes round
(to 100 t from 1,000 t, DOMAIN.md §6), for the outlook's target month; a series
it cannot forecast has no claim.

Usage: outlook_claims.py OUTLOOK.json NOTE.json
Prints "LANG: N forecast claims match the outlook" or the mismatches; exit 0/1."""
import json, sys


def note_round(t):
    return round(t / 100) * 100 if abs(t) >= 1000 else round(t)


def main():
    o = json.load(open(sys.argv[1]))
    d = json.load(open(sys.argv[2]))
    got = {(c["metric"], c["field"]): c for c in d["claims"] if c["metric"].startswith("forecast_")}
    errors = []
    for metric, series in (("forecast_import", "imports"), ("forecast_net_import", "net_imports")):
        s = o[series]
        for field, key in (("quantity", "forecast_t"), ("mae", "mae_t")):
            c = got.get((metric, field))
            if s[key] is None:
                if c:
                    errors.append("%s %s: no %s in the outlook, but the note says %s"
                                  % (metric, field, key, c["printed"]))
                continue
            if not c:
                errors.append("%s %s missing (outlook %s = %s)" % (metric, field, key, s[key]))
            elif c["value"] != note_round(s[key]) or c["period"] != o["target"]:
                errors.append("%s %s: note %s %s, outlook %s %s" % (
                    metric, field, c["value"], c["period"], s[key], o["target"]))
    print("\n".join(errors) if errors else
          "%s: %d forecast claims match the outlook" % (d["lang"], len(got)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
