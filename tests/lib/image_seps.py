#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Columns of the pane separators in a screenshot, from pixels alone.

Usage: image_seps.py IMAGE.ppm
The separators are drawn in the border colour (blue); the title row (blue
background) and the rule (a row of blue) have far more blue pixels than a
row crossing only separators.  Prints the x ranges (pixels) where the
separator rows have blue, one "x0-x1" per cluster, then the number of such
pixel rows: aligned separators make exactly one narrow cluster each."""
import sys


def read_ppm(path):
    data = open(path, 'rb').read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b'#':
            pos = data.index(b'\n', pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b'P6' and int(fields[3]) == 255, 'need an 8-bit P6 PPM'
    w, h = int(fields[1]), int(fields[2])
    return w, h, data[pos + 1:]


def main():
    w, h, px = read_ppm(sys.argv[1])
    xs, rows = set(), 0
    for y in range(h):
        line = px[y * w * 3:(y + 1) * w * 3]
        blue = [x for x in range(w)
                if line[3 * x + 2] >= 180 and line[3 * x] <= 60 and line[3 * x + 1] <= 60]
        if 0 < len(blue) <= 12:
            rows += 1
            xs.update(blue)
    clusters = []
    for x in sorted(xs):
        if clusters and x - clusters[-1][1] <= 2:
            clusters[-1][1] = x
        else:
            clusters.append([x, x])
    print(' '.join(f'{a}-{b}' for a, b in clusters), rows)


main()
