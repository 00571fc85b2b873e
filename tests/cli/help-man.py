#!/usr/bin/env python3
"""Every option a command's --help defines is in its man page synopsis
(docs/tradeflow.1) and every option of the synopsis is in --help.

--help options are those of the Usage lines (and their indented continuation),
of option lines (2-4 spaces, then the option) and of an "Options as for ..."
paragraph; prose mentions elsewhere do not count.
Usage: help-man.py TRADEFLOW MANPAGE; prints each difference and "N differences".
"""
import re
import subprocess
import sys

OPT = re.compile(r'(?<![\w-])(--[a-z][a-z0-9-]*|-o)\b')


def synopses(man):
    syn = {}
    for line in open(man, encoding='utf-8'):
        m = re.match(r'\.B (fetch comtrade|[a-z]+)\b(.*)', line)
        if m and m.group(1) != 'tradeflow':
            text = re.sub(r'\\f[BRIP]', '', m.group(2)).replace('\\-', '-')
            syn.setdefault(m.group(1), set()).update(OPT.findall(text))
    return syn


def help_options(text):
    found, usage, para = set(), False, False
    for line in text.splitlines():
        if line.startswith('Usage:') or (usage and line.startswith(' ')):
            usage = True
            found.update(OPT.findall(line))
            continue
        usage = False
        para = line.startswith('Options as for') or (para and line.strip() != '')
        if para or re.match(r' {2,4}(\w+: +)?(--|-o\b)', line):
            found.update(OPT.findall(line))
    return found - {'--help'}


def main():
    binary, man = sys.argv[1], sys.argv[2]
    bad = 0
    for cmd, mopts in sorted(synopses(man).items()):
        h = subprocess.run([binary] + cmd.split() + ['--help'], capture_output=True,
                           text=True).stdout
        hopts = help_options(h)
        for o in sorted(hopts - mopts):
            print(f'{cmd}: {o} in --help, not in the man page synopsis')
            bad += 1
        for o in sorted(mopts - hopts):
            print(f'{cmd}: {o} in the man page synopsis, not in --help')
            bad += 1
    print(f'{bad} differences')
    return 1 if bad else 0


sys.exit(main())
