#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/cli/validate-prom.py FILE - FILE is valid Prometheus text exposition
# format (0.0.4) as node_exporter's textfile collector parses it: HELP/TYPE
# comments before a family's samples, one TYPE per family, metric and label
# names of the allowed characters, label values with only \\ \" \n escapes,
# float values, no duplicate series, UTF-8. Exit 1 with FILE:LINE: why.
import re
import sys

NAME = r'[a-zA-Z_:][a-zA-Z0-9_:]*'
LABEL = r'[a-zA-Z_][a-zA-Z0-9_]*'
VALUE = r'(?:[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?Inf|NaN)'
LV = r'"(?:[^"\\\n]|\\[\\"n])*"'
SAMPLE = re.compile(rf'^({NAME})(?:\{{((?:{LABEL}={LV})(?:,{LABEL}={LV})*,?)?\}})? {VALUE}(?: -?[0-9]+)?$')
PAIR = re.compile(rf'({LABEL})=({LV})')


def fail(path, n, why):
    print(f"{path}:{n}: {why}")
    sys.exit(1)


def main(path):
    data = open(path, 'rb').read()
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError as e:
        fail(path, 0, f"not UTF-8: {e}")
    if text and not text.endswith('\n'):
        fail(path, 0, "does not end in a newline")
    typed, helped, seen, done = {}, set(), set(), set()
    current = None
    for n, line in enumerate(text.split('\n')[:-1], 1):
        if line.startswith('#'):
            m = re.match(rf'^# (HELP|TYPE) ({NAME}) (.*)$', line)
            if not m:
                continue  # a plain comment
            kind, name, rest = m.groups()
            if name in done:
                fail(path, n, f"{name}: {kind} after its family ended")
            if kind == 'TYPE':
                if name in typed:
                    fail(path, n, f"{name}: second TYPE")
                if rest not in ('counter', 'gauge', 'histogram', 'summary', 'untyped'):
                    fail(path, n, f"{name}: unknown type {rest}")
                typed[name] = rest
            else:
                if name in helped:
                    fail(path, n, f"{name}: second HELP")
                if re.search(r'\\[^\\n]', rest):
                    fail(path, n, f"{name}: HELP escapes only \\\\ and \\n")
                helped.add(name)
            if current and current != name:
                done.add(current)
            current = name
            continue
        if not line.strip():
            continue
        m = SAMPLE.match(line)
        if not m:
            fail(path, n, f"not a sample line: {line[:80]!r}")
        name = m.group(1)
        if name not in typed:
            fail(path, n, f"{name}: sample before its TYPE")
        if name in done:
            fail(path, n, f"{name}: samples of a family not together")
        if current != name:
            if current:
                done.add(current)
            current = name
        labels = tuple(sorted(PAIR.findall(m.group(2) or '')))
        names = [k for k, _ in labels]
        if len(set(names)) != len(names):
            fail(path, n, f"{name}: a label twice")
        if (name, labels) in seen:
            fail(path, n, f"{name}: duplicate series")
        seen.add((name, labels))
    if not seen:
        fail(path, 0, "no samples")


if __name__ == '__main__':
    main(sys.argv[1])
