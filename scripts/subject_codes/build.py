#!/usr/bin/env python3
"""Build data/subject_codes.csv: 政府收支分类科目 codes with their official names per year.

    python3 scripts/subject_codes/build.py [--corpus DIR] [--no-harvest]

1. harvest_corpus.py reads every real disclosure PDF and writes
   corpus_evidence.csv (one row per code a document prints with a name);
   --no-harvest reuses the corpus_evidence.csv that is there.
2. official.csv holds codes copied from public copies of 财政部 lists (see README.md).
3. The two are merged into one row per (classification, code, name) with the
   span of fiscal years the name is attested for, then checked (self_check) and
   written, sorted by classification and code.  The generated part of README.md
   (counts, printed variants that were not taken, missing parents) is rewritten.
"""

import argparse
import collections
import csv
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = ROOT / "data" / "subject_codes.csv"
EVIDENCE = HERE / "corpus_evidence.csv"
OFFICIAL = HERE / "official.csv"
README = HERE / "README.md"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "real"

FIELDS = ["classification", "code", "level", "name", "parent", "source", "years"]
LEVELS = {3: "lei", 5: "kuan", 7: "xiang"}
CLASS_ORDER = {"economic": 0, "economic_gov": 1, "function": 2}  # alphabetical
TABLE_METHODS = ("inline", "split", "wrapped")

# Public copies of 财政部 lists that official.csv cites (ref -> source tag and document).
OFFICIAL_REFS = {
    "ishare-98": "mof-2018",
    "wanglu-302": "mof-2018",
    "hdu-2020": "mof-2020",
    "book118-2017": "mof-2017",
}


def classification_of(code):
    return {"2": "function", "3": "economic", "5": "economic_gov"}[code[0]]


def short_name(file_name):
    s = re.sub(r"^(documentmanagement_agent__|open-budget__|renwu__)", "", file_name)
    s = re.sub(r"(\.pdf)+$", "", s)
    return s


def years_text(years):
    lo, hi = min(years), max(years)
    return str(lo) if lo == hi else f"{lo}-{hi}"


def load_evidence():
    with open(EVIDENCE, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        r["year"] = int(r["year"])
        r["page"] = int(r["page"])
    return rows


def clean_evidence(rows):
    """Drop misreads; returns (kept rows, notes about what was dropped)."""
    notes = collections.Counter()
    kept = []
    for r in rows:
        name = r["name"]
        if len(r["code"]) == 7 and r["code"][0] in "35":
            # 7-digit economic codes (西安 3010201 津贴补贴) are local sub-items: the
            # national 支出经济分类 has 类 and 款 only
            notes[f"local 7-digit economic code {r['code']} {name}"] += 1
            continue
        if len(name) < 2 or name.count("（") != name.count("）") or name.startswith("）"):
            notes[f"not a subject name: {r['code']} {name}"] += 1
            continue
        kept.append(r)
    rows = kept
    # the explanatory text ("机关资本性支出（503）") shortens names: only tables count
    narrative = [r for r in rows if r["method"] == "narrative"]
    rows = [r for r in rows if r["method"] != "narrative"]
    # "一般行政管理事务（人力资源事务）": the parent's name added in brackets by the
    # document (西安); the subject name is the part before it
    names_of = collections.defaultdict(set)
    for r in rows:
        names_of[r["code"]].add(r["name"])
    for r in rows:
        m = re.match(r"^(.+)（([^（）]+)）$", r["name"])
        if m and len(r["code"]) > 3:
            ancestors = set()
            for n in (3, 5):
                if len(r["code"]) > n:
                    ancestors |= names_of.get(r["code"][:n], set())
            if m.group(2) in ancestors:
                r["name"] = m.group(1)
    return rows, narrative, notes


def choose_names(rows):
    """Per (code, year) the name most documents print; the rest are variants."""
    docs = collections.defaultdict(lambda: collections.defaultdict(set))  # (code, year) -> name -> files
    for r in rows:
        docs[(r["code"], r["year"])][r["name"]].add(r["file"])
    years_of_name = collections.defaultdict(set)
    for (code, year), by_name in docs.items():
        for name in by_name:
            years_of_name[(code, name)].add(year)
    chosen = {}
    variants = []
    for (code, year), by_name in sorted(docs.items()):
        names = list(by_name)
        # a name that is the start or end of a longer name printed the same year is a cut-off cell
        full = [n for n in names if not any(m != n and (m.startswith(n) or m.endswith(n)) for m in names)]
        ranked = sorted(full, key=lambda n: (-len(by_name[n]), -len(years_of_name[(code, n)]), -len(n), n))
        chosen[(code, year)] = ranked[0]
        for n in names:
            if n != ranked[0]:
                variants.append((code, year, n, ranked[0], sorted(by_name[n])))
    return chosen, variants


def build_rows(evidence, official):
    chosen, variants = choose_names(evidence)
    attested = collections.defaultdict(set)  # (code, name) -> years
    where = {}  # (code, name) -> best evidence row
    for r in evidence:
        if chosen.get((r["code"], r["year"])) != r["name"]:
            continue
        key = (r["code"], r["name"])
        attested[key].add(r["year"])
        rank = (r["year"], r["method"] not in TABLE_METHODS, r["file"], r["page"])
        if key not in where or rank < where[key][0]:
            where[key] = (rank, r)
    off = collections.defaultdict(set)
    for o in official:
        off[(o["code"], o["name"])].add(int(o["year"]))
        attested[(o["code"], o["name"])].add(int(o["year"]))
    out = []
    for (code, name), years in attested.items():
        if (code, name) in off:
            source = f"mof-{min(off[(code, name)])}"
        else:
            r = where[(code, name)][1]
            source = f"corpus:{short_name(r['file'])}:p{r['page']}"
        out.append(dict(
            classification=classification_of(code),
            code=code,
            level=LEVELS[len(code)],
            name=name,
            parent="" if len(code) == 3 else code[:-2],
            source=source,
            years=years_text(years),
        ))
    out.sort(key=lambda r: (CLASS_ORDER[r["classification"]], r["code"], int(r["years"][:4]), r["name"]))
    return out, variants


def self_check(rows):
    """Raise if the table breaks its contract; return the parents that are missing."""
    errors = []
    seen = set()
    codes = {(r["classification"], r["code"]) for r in rows}
    spans = collections.defaultdict(list)
    missing = []
    for i, r in enumerate(rows):
        where = f"row {i + 2} ({r['code']} {r['name']})"
        if set(r) != set(FIELDS):
            errors.append(f"{where}: fields {sorted(r)}")
        if not re.fullmatch(r"\d{3}|\d{5}|\d{7}", r["code"]):
            errors.append(f"{where}: code is not 3, 5 or 7 digits")
            continue
        if r["level"] != LEVELS[len(r["code"])]:
            errors.append(f"{where}: level {r['level']}")
        if r["classification"] != classification_of(r["code"]):
            errors.append(f"{where}: classification {r['classification']}")
        if not r["name"] or re.search(r"\s", r["name"]):
            errors.append(f"{where}: empty name or white space in it")
        if r["parent"] != ("" if len(r["code"]) == 3 else r["code"][:-2]):
            errors.append(f"{where}: parent {r['parent']!r}")
        if r["parent"] and (r["classification"], r["parent"]) not in codes:
            missing.append((r["classification"], r["parent"], r["code"]))
        key = (r["classification"], r["code"], r["name"])
        if key in seen:
            errors.append(f"{where}: duplicate (classification, code, name)")
        seen.add(key)
        if not re.fullmatch(r"mof-\d{4}|corpus:[^:]+:p\d+", r["source"]):
            errors.append(f"{where}: source {r['source']!r}")
        m = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", r["years"])
        if not m:
            errors.append(f"{where}: years {r['years']!r}")
            continue
        lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
        if lo > hi:
            errors.append(f"{where}: years {r['years']!r}")
        spans[(r["classification"], r["code"])].append((lo, hi, r["name"]))
    for key, ss in spans.items():
        ss.sort()
        for a, b in zip(ss, ss[1:]):
            if b[0] <= a[1]:
                errors.append(f"{key[1]}: names {a[2]} ({a[0]}-{a[1]}) and {b[2]} ({b[0]}-{b[1]}) overlap in years")
    order = [(CLASS_ORDER[r["classification"]], r["code"]) for r in rows]
    if order != sorted(order):
        errors.append("rows are not sorted by classification then code")
    if errors:
        raise SystemExit("self-check failed:\n  " + "\n  ".join(errors))
    return sorted(set((c, p) for c, p, _ in missing))


def write_csv(rows):
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def narrative_notes(narrative, rows):
    """Names the explanatory text prints with a code that the table does not confirm."""
    names = collections.defaultdict(set)
    for r in rows:
        names[r["code"]].add(r["name"])
    out = collections.defaultdict(set)
    for r in narrative:
        if r["name"] not in names.get(r["code"], set()):
            out[(r["code"], r["name"])].add(short_name(r["file"]))
    return out


def generated_section(rows, variants, missing, dropped, narr):
    counts = collections.Counter((r["classification"], r["level"]) for r in rows)
    codes = collections.Counter((r["classification"], r["level"]) for r in {(r["classification"], r["level"], r["code"]): r for r in rows}.values())
    src = collections.Counter("mof" if r["source"].startswith("mof-") else "corpus" for r in rows)
    out = ["<!-- generated by build.py: do not edit by hand -->", "",
           "| classification | level | rows | distinct codes |", "|---|---|---|---|"]
    for c in CLASS_ORDER:
        for lv in ("lei", "kuan", "xiang"):
            if counts[(c, lv)]:
                out.append(f"| {c} | {lv} | {counts[(c, lv)]} | {codes[(c, lv)]} |")
    out.append(f"| all | | {len(rows)} | |")
    out += ["", f"Rows by source: {src['mof']} `mof-*`, {src['corpus']} `corpus:*`.", ""]
    multi = collections.defaultdict(list)
    for r in rows:
        multi[(r["classification"], r["code"])].append(r)
    renamed = {k: v for k, v in multi.items() if len(v) > 1}
    out.append(f"Codes whose name changed between years ({len(renamed)}):")
    out.append("")
    for (c, code), rs in sorted(renamed.items()):
        out.append(f"- {code}: " + "; ".join(f"{r['name']} ({r['years']})" for r in rs))
    out += ["", "Missing parents (a 款 or 项 is attested but its parent code is not printed with a name "
            "in any source found):", ""]
    if missing:
        for c, p in missing:
            out.append(f"- {c} {p}")
    else:
        out.append("- none")
    out += ["", "Printed names not taken (another name for the same code and year is printed by more "
            "documents, or the printed cell is cut off):", ""]
    for code, year, n, taken, files in variants:
        out.append(f"- {code} {year}: `{n}` (taken: `{taken}`) in {', '.join(short_name(f) for f in files)}")
    if dropped:
        out += ["", "Evidence rows dropped (misreads, or not national codes):", ""]
        for k, n in sorted(dropped.items()):
            out.append(f"- {k} ({n})")
    out += ["", "Names the explanatory text prints as \"name（code）\" that no table confirms (not used):", ""]
    for (code, name), files in sorted(narr.items()):
        out.append(f"- {code} `{name}` in {', '.join(sorted(files))}")
    out += ["", "<!-- end generated -->"]
    return "\n".join(out)


def update_readme(section):
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- generated by build.py")
    end = text.index("<!-- end generated -->") + len("<!-- end generated -->")
    README.write_text(text[:start] + section + text[end:], encoding="utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="folder of real disclosure PDFs")
    ap.add_argument("--no-harvest", action="store_true", help="reuse corpus_evidence.csv")
    args = ap.parse_args()
    if not args.no_harvest:
        subprocess.run([sys.executable, str(HERE / "harvest_corpus.py"), args.corpus, str(EVIDENCE)], check=True)
    with open(OFFICIAL, encoding="utf-8") as f:
        official = list(csv.DictReader(f))
    for o in official:
        if classification_of(o["code"]) != o["classification"]:
            raise SystemExit(f"official.csv: {o['code']} is not {o['classification']}")
    evidence, narrative, dropped = clean_evidence(load_evidence())
    rows, variants = build_rows(evidence, official)
    missing = self_check(rows)
    write_csv(rows)
    update_readme(generated_section(rows, variants, missing, dropped, narrative_notes(narrative, rows)))
    print(f"{len(rows)} rows -> {OUT.relative_to(ROOT)}; {len(missing)} missing parents; {len(variants)} printed variants not taken")


if __name__ == "__main__":
    main()
