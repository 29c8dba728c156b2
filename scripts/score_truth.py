#!/usr/bin/env python3
"""Scores a `yusuan extract` output folder against the hand-read truth.

    python3 scripts/score_truth.py OUT_DIR [--truth tests/corpus/facts] [--only STEM,...] [-v]

For every truth file (`tests/corpus/facts/*.toml`) whose PDF is in the
output folder (matched by file name), it compares:

- metadata: department, region, year, doc_kind, level (exact);
- core facts (the issue's list: totals, 基本/项目 in every scope, “三公” and
  its parts, 机关运行经费, 政府采购, 财政拨款收入): precision, recall and F1.
  A truth file marked `exhaustive = true` lists every metric the document
  states, so a core metric the tool reports that the truth does not hold is
  a false positive; a wrong value is a false positive and a false negative;
- all facts, the same way (exhaustive files only for false positives);
- projects (by name, whitespace and a leading project code ignored; the
  amount where the truth gives one) and indicators (by content and target
  text): the share of the truth's rows found;
- failed checks: every `fail` row of `checks.csv`, and how many of the
  truth's `[[inconsistencies]]` share a page with one (a reader's list of
  the material disagreements the document holds).

Prints one line per document and the totals; `-v` lists every miss. Needs
only the standard library (Python 3.11+ for tomllib).
"""

import argparse
import csv
import re
import sys
import tomllib
from decimal import Decimal, InvalidOperation
from pathlib import Path

CORE = {
    "revenue.total", "revenue.grand_total", "expenditure.total", "expenditure.grand_total",
    "expenditure.basic", "expenditure.project",
    "expenditure.fiscal.total", "expenditure.general_budget.total",
    "expenditure.general_budget.basic", "expenditure.general_budget.project",
    "expenditure.government_fund.total",
    "three_public.total", "three_public.overseas", "three_public.vehicles",
    "three_public.vehicle_purchase", "three_public.vehicle_operation", "three_public.reception",
    "operating_costs", "procurement.total",
    "revenue.fiscal_appropriation", "revenue.general_budget_appropriation",
}
META = ["department", "region", "year", "doc_kind", "level"]


def spec_keys():
    """The contract's metric keys: a truth file's `exhaustive` covers these
    (a project extension key the tool reports is not held against it)."""
    spec = Path(__file__).resolve().parent.parent.parent / "shared/spec/metrics.csv"
    try:
        with open(spec, newline="", encoding="utf-8") as f:
            return {r["metric"] for r in csv.DictReader(f)}
    except OSError:
        return None


def num(s):
    try:
        return Decimal(str(s).replace(",", ""))
    except (InvalidOperation, ValueError):
        return None


def ws(s):
    return re.sub(r"\s+", "", s or "")


def project_key(name):
    # A leading project code (11000021T000000117273-名称) is not the name.
    name = ws(name)
    name = re.sub(r"^[0-9A-Za-z]{8,}[-－—_]", "", name)
    return name


def read_csv(path):
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    return p, r, f


SPEC = spec_keys()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--truth", default=str(Path(__file__).resolve().parent.parent / "tests/corpus/facts"))
    ap.add_argument("--only", default="", help="comma-separated truth stems")
    ap.add_argument("-v", action="store_true")
    a = ap.parse_args()
    out = Path(a.out)
    docs = read_csv(out / "documents.csv")
    by_file = {Path(d["source_path"]).name: d for d in docs}
    facts, projects, indicators, checks = {}, {}, {}, {}
    for r in read_csv(out / "facts.csv"):
        facts.setdefault(r["doc_id"], {})[r["metric"]] = r
    for r in read_csv(out / "projects.csv"):
        projects.setdefault(r["doc_id"], []).append(r)
    for r in read_csv(out / "indicators.csv"):
        indicators.setdefault(r["doc_id"], []).append(r)
    for r in read_csv(out / "checks.csv"):
        checks.setdefault(r["doc_id"], []).append(r)
    only = {s for s in a.only.split(",") if s}
    tot = dict(meta_ok=0, meta_n=0, ctp=0, cfp=0, cfn=0, atp=0, afp=0, afn=0,
               p_found=0, p_n=0, i_found=0, i_n=0, fails=0, inc_found=0, inc_n=0, docs=0)
    print(f"{'truth':24} {'meta':>5} {'core P/R/F1':>17} {'all F1':>7} {'proj':>9} {'ind':>9} {'fails':>5} {'found':>7}")
    for path in sorted(Path(a.truth).glob("*.toml")):
        if only and path.stem not in only:
            continue
        t = tomllib.loads(path.read_text(encoding="utf-8"))
        d = by_file.get(t["file"])
        if d is None:
            continue
        tot["docs"] += 1
        misses = []
        doc_id = d["doc_id"]
        m = t["metadata"]
        meta_ok = 0
        for k in META:
            want = str(m.get(k, "")) if k != "level" else m.get("level", "department")
            got = d.get(k, "")
            if got == want:
                meta_ok += 1
            else:
                misses.append(f"metadata {k}: got {got!r}, want {want!r}")
        tot["meta_ok"] += meta_ok
        tot["meta_n"] += len(META)
        exhaustive = t.get("exhaustive", False)
        truth = {f["metric"]: f for f in t.get("facts", []) if not f.get("unreadable")}
        ours = facts.get(doc_id, {})
        counts = {}
        for scope, keys in (("c", CORE), ("a", None)):
            tp = fp = fn = 0
            for metric, f in truth.items():
                if keys is not None and metric not in keys:
                    continue
                g = ours.get(metric)
                if g is not None and num(g["value"]) == num(f["value"]):
                    tp += 1
                elif g is not None:
                    fp += 1
                    fn += 1
                    misses.append(f"[{scope}] {metric}: got {g['value']} ({g['raw_text']} p{g['page']}), want {f['value']} ({f.get('raw','')} p{f.get('page','')})")
                else:
                    fn += 1
                    misses.append(f"[{scope}] {metric}: missing, want {f['value']} ({f.get('raw','')} p{f.get('page','')})")
            if exhaustive:
                for metric, g in ours.items():
                    if metric in truth or (keys is not None and metric not in keys):
                        continue
                    if SPEC is not None and metric not in SPEC:
                        continue
                    fp += 1
                    misses.append(f"[{scope}] {metric}: reported {g['value']} ({g['raw_text']} p{g['page']}), not stated")
            counts[scope] = (tp, fp, fn)
            tot[scope + "tp"] += tp
            tot[scope + "fp"] += fp
            tot[scope + "fn"] += fn
        # Projects.
        ours_p = projects.get(doc_id, [])
        p_found = 0
        for p in t.get("projects", []):
            key = project_key(p["project"])
            cands = [g for g in ours_p if project_key(g["project"]) == key]
            if p.get("executing_unit"):
                cands = [g for g in cands if not g["executing_unit"] or ws(g["executing_unit"]) == ws(p["executing_unit"])] or cands
            ok = bool(cands)
            if ok and p.get("total") is not None:
                ok = any(num(g["total"]) == num(p["total"]) or num(g["current_year_budget"]) == num(p["total"]) for g in cands)
            if ok:
                p_found += 1
            else:
                misses.append(f"project {p['project']} {p.get('total','')}: {'wrong amount' if cands else 'missing'}")
        np_ = len(t.get("projects", []))
        tot["p_found"] += p_found
        tot["p_n"] += np_
        # Indicators.
        ours_i = indicators.get(doc_id, [])
        have = {(ws(i["content"]), ws(i["value_text"])) for i in ours_i}
        have_content = {ws(i["content"]) for i in ours_i}
        i_found = 0
        for i in t.get("indicators", []):
            key = (ws(i["content"]), ws(i["value_text"]))
            if key in have or (ws(i["content"]) in have_content and any(ws(i["value_text"]) in ws(x["value_text"]) for x in ours_i if ws(x["content"]) == key[0])):
                i_found += 1
            else:
                misses.append(f"indicator {i['content']} = {i['value_text']}: missing")
        ni = len(t.get("indicators", []))
        tot["i_found"] += i_found
        tot["i_n"] += ni
        # Checks.
        fails = [c for c in checks.get(doc_id, []) if c["status"] == "fail"]
        fail_pages = [set(int(x) for x in c["pages"].split(";") if x) for c in fails]
        incs = t.get("inconsistencies", [])
        found = sum(1 for inc in incs if any(set(inc.get("pages", [])) & fp_ for fp_ in fail_pages))
        tot["fails"] += len(fails)
        tot["inc_found"] += found
        tot["inc_n"] += len(incs)
        for c in fails:
            misses.append(f"FAIL {c['check']} [{c['pages']}] {c['message'][:160]}")
        cp, cr, cf = f1(*counts["c"])
        af = f1(*counts["a"])[2]
        print(f"{path.stem:24} {meta_ok}/{len(META):<3} {cp:5.2f}/{cr:4.2f}/{cf:5.3f} {af:7.3f} {p_found:>4}/{np_:<4} {i_found:>4}/{ni:<4} {len(fails):>5} {found:>3}/{len(incs):<3}")
        if a.v:
            for x in misses:
                print("    " + x)
    if not tot["docs"]:
        print("no truth file matches a document of", out, file=sys.stderr)
        sys.exit(2)
    cp, cr, cf = f1(tot["ctp"], tot["cfp"], tot["cfn"])
    ap_, ar, af = f1(tot["atp"], tot["afp"], tot["afn"])
    pr = tot["p_found"] / tot["p_n"] if tot["p_n"] else 1.0
    ir = tot["i_found"] / tot["i_n"] if tot["i_n"] else 1.0
    print(f"\n{tot['docs']} documents")
    print(f"metadata fields exact  {tot['meta_ok']}/{tot['meta_n']}")
    print(f"core facts             P {cp:.3f}  R {cr:.3f}  F1 {cf:.3f}  (tp {tot['ctp']}, fp {tot['cfp']}, fn {tot['cfn']})")
    print(f"all facts              P {ap_:.3f}  R {ar:.3f}  F1 {af:.3f}  (tp {tot['atp']}, fp {tot['afp']}, fn {tot['afn']})")
    print(f"projects found         {tot['p_found']}/{tot['p_n']} = {pr:.3f}")
    print(f"indicators found       {tot['i_found']}/{tot['i_n']} = {ir:.3f}")
    print(f"failed checks          {tot['fails']} ({tot['fails'] / tot['docs']:.2f} per document); reader's inconsistencies sharing a page with a fail: {tot['inc_found']}/{tot['inc_n']}")


if __name__ == "__main__":
    main()
