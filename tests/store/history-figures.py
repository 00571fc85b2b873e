#!/usr/bin/env python3
"""The outputs of a release whose history listed every figure with three
decimals (250,500,000.000 kg) as this version writes them: the decimals a
figure has (250,500,000 kg, tf_format_milli), right-aligned in the same column
(quantity 20 wide, value 22, as src/cli/history.c prints them; a wider figure
takes the room it needs). Reads the old outputs on stdin, writes them on stdout.
Used by the cases comparing with tests/store/schema6-outputs.txt and
schema7-outputs.txt."""
import re
import sys

FIG = re.compile(r" ( *)(-?[0-9][0-9,]*)\.([0-9]{3})(?= )")
HISTORY = re.compile(r"^[* ] [0-9]{4}(-[0-9]{2})? ")


def line(text):
    if not HISTORY.match(text):
        return text
    widths = iter((20, 22))

    def fix(m):
        # the spaces before a figure: the previous column's padding, the
        # separator and the figure's own padding to its width w
        old = m.group(2) + "." + m.group(3)
        frac = m.group(3).rstrip("0")
        new = m.group(2) + ("." + frac if frac else "")
        w = next(widths, 0)
        extra = len(m.group(1)) + len(old) - max(w, len(old))
        return " " + " " * (extra + max(w, len(new)) - len(new)) + new

    return FIG.sub(fix, text)


for l in sys.stdin:
    sys.stdout.write(line(l))
