#!/usr/bin/env python3
"""Lengths of the C functions in src/: prints "FILE:LINE: NAME N lines" for each
function longer than its limit (150 lines in the library, 100 in src/cli/;
see also EXEMPT_FUNCTIONS), nothing when all fit. With --all, prints every function's length, longest first.

A function is a definition at file scope: its body opens with "{" alone at
the start of a line (the project's layout) and closes with "}" at the start
of a line; its length counts the lines from the first line of its signature
to the closing brace."""
import glob
import re
import signal
import sys

LIBRARY_LIMIT, CLI_LIMIT = 150, 100
EXEMPT_FUNCTIONS = set()


def functions(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        if lines[i] == "{":
            # the signature: back to the line after the previous blank, comment
            # end, "}" or preprocessor line
            start = i - 1
            while start > 0 and lines[start - 1].strip() and not re.match(
                    r"^(}|#|/\*|\s*\*|.*\*/\s*$|.*;\s*$)", lines[start - 1]):
                start -= 1
            m = re.search(r"\b([a-z_][a-z0-9_]*)\s*\(", " ".join(lines[start:i]))
            name = m.group(1) if m else "?"
            end = i + 1
            while end < len(lines) and not lines[end].startswith("}"):
                end += 1
            if m:  # a struct or array initializer opening at column 0 is no function
                yield name, start + 1, end - start + 1
            i = end
        i += 1


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # --all | head
    show_all = "--all" in sys.argv
    rows = []
    for path in sorted(glob.glob("src/*/*.c")):
        for name, line, n in functions(path):
            rows.append((n, path, line, name))
    if show_all:
        for n, path, line, name in sorted(rows, reverse=True):
            print(f"{path}:{line}: {name} {n} lines")
        return 0
    bad = 0
    for n, path, line, name in rows:
        if (path, name) in EXEMPT_FUNCTIONS:
            continue
        limit = CLI_LIMIT if path.startswith("src/cli/") else LIBRARY_LIMIT
        if n > limit:
            print(f"{path}:{line}: {name} {n} lines (limit {limit})")
            bad += 1
    return 1 if bad else 0


sys.exit(main())
