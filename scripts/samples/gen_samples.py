#!/usr/bin/env python3
"""Generate the project's sample PDFs and their ground truth.

Run from the repository root:   python3 scripts/samples/gen_samples.py
Writes samples/*.pdf and samples/expected/<stem>/{content.txt,tables.toml,facts.toml[,inconsistencies.toml]}.
See scripts/samples/README.md for what it needs."""

import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import docs2019  # noqa: E402
import docs2020  # noqa: E402
import docs2021  # noqa: E402
import docs2025  # noqa: E402
import docs2026  # noqa: E402
import docs2026perf  # noqa: E402
import docs2026whole  # noqa: E402
import docs2026units  # noqa: E402
import docs2026unit  # noqa: E402
import docs2026projects  # noqa: E402
import docschange  # noqa: E402
import docsmeta  # noqa: E402
import model2026  # noqa: E402
import errata2020  # noqa: E402
import errata2026  # noqa: E402
import model  # noqa: E402
import postprocess  # noqa: E402
import publish  # noqa: E402
import render_html  # noqa: E402
import render_odf  # noqa: E402
import render_rl  # noqa: E402
import scans  # noqa: E402
import truth  # noqa: E402
from truth import q, toml_value  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "samples")
EXP = os.path.join(OUT, "expected")
MAX_BYTES = 1_000_000
STAGE = tempfile.mkdtemp(prefix="yusuan_samples_")


def staged(stem):
    """where a sample is rendered before `finish` publishes it"""
    return os.path.join(STAGE, stem + ".pdf")


def finish(stem, tmp, stamps=True):
    """Fixes the producer's date and /ID stamps, then moves the rendering to
    samples/<stem>.pdf unless an equivalent file is already there (publish.py)."""
    if stamps:
        publish.fix_stamps(tmp)
    final = os.path.join(OUT, stem + ".pdf")
    if not publish.publish(tmp, final):
        log(f"  {stem}.pdf: equivalent to the file in place, kept")
    return final


def log(*a):
    print(*a, flush=True)


def pdfinfo(pdf, page=None):
    args = ["pdfinfo"] + (["-f", str(page), "-l", str(page)] if page else []) + [pdf]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def page_size(pdf, page):
    for line in pdfinfo(pdf, page).splitlines():
        if line.startswith(f"Page") and "size:" in line:
            w, _, h = line.split("size:")[1].split()[:3]
            return float(w), float(h)
    raise ValueError


def page_rot(pdf, page):
    for line in pdfinfo(pdf, page).splitlines():
        if "rot:" in line:
            return int(line.split("rot:")[1])
    return 0


def rendered_size(pdf, page):
    """pixel size of the page as a viewer shows it (after /Rotate)"""
    from PIL import Image
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "20", "-f", str(page), "-l", str(page), "-singlefile", "-png", pdf,
                        os.path.join(tmp, "p")], check=True)
        return Image.open(os.path.join(tmp, "p.png")).size


def write_truth(stem, pdf_name, data, content, region="武汉市东西湖区", notes=()):
    d = truth.ensure_dir(os.path.join(EXP, stem))
    truth.write_content(os.path.join(d, "content.txt"), content)
    truth.write_tables(os.path.join(d, "tables.toml"), pdf_name, region, data["tables"])
    truth.write_facts(os.path.join(d, "facts.toml"), pdf_name, data["metadata"], data["facts"],
                      data.get("line_items", ()), data.get("projects", ()), data.get("indicators", ()), notes)
    if data.get("inconsistencies"):
        L = [f"file = {q(pdf_name)}", ""]
        for inc in data["inconsistencies"]:
            L += ["[[inconsistency]]", f"check = {q(inc['check'])}", f"also = {toml_value(inc['also'])}",
                  f"what = {q(inc['what'])}", f"pages = {toml_value(inc['pages'])}",
                  f"figures = {toml_value(inc['figures'])}", ""]
        with open(os.path.join(d, "inconsistencies.toml"), "w", encoding="utf-8") as f:
            f.write("\n".join(L))
    # every TOML file must parse
    import tomllib
    for name in os.listdir(d):
        if name.endswith(".toml"):
            with open(os.path.join(d, name), "rb") as f:
                tomllib.load(f)


def check_size(pdf):
    size = os.path.getsize(pdf)
    assert size < MAX_BYTES, (pdf, size)
    return size


# ---------------------------------------------------------------------------
def sample1():
    d = docs2020.document()
    pdf = staged(d.stem)
    render_odf.render(d, pdf)
    pdf = finish(d.stem, pdf)
    L = truth.Layout(d, pdf, folio_offset=1)
    L.verify()
    data = docs2020.truth_data(d, L)
    write_truth(d.stem, os.path.basename(pdf), data, L.content(),
                notes=["ground truth written from scripts/samples/model.py and docs2020.py (not from an extractor)",
                       "line_items: every 类/款/项 row of the 一般公共预算支出表, one entry per non-blank amount cell"])
    log(f"  {os.path.basename(pdf)}: {len(L.pages)} pages, {check_size(pdf)} bytes; 一般公共预算支出表 on pages "
        f"{d.tables()[4].pages}, first {d.tables()[4].split_at} body rows on the first")
    return d, L, pdf


def sample2():
    d = docs2021.document()
    pdf = staged(d.stem)
    render_html.render(d, pdf)
    L0 = truth.Layout(d, pdf)
    rot_page = d.tables()[docs2021.ROTATED_TABLE].pages[0]
    wide_page = d.tables()[3].pages[0]
    postprocess.rotate_page_keep_upright(pdf, rot_page)
    pdf = finish(d.stem, pdf)
    d = docs2021.document()      # fresh objects for the final layout
    L = truth.Layout(d, pdf)
    L.verify()
    # the landscape page is landscape; the rotated page has /Rotate 90 and still renders upright (portrait)
    w, h = page_size(pdf, wide_page)
    assert w > h, ("landscape page", w, h)
    assert page_rot(pdf, rot_page) == 90
    rw, rh = rendered_size(pdf, rot_page)
    assert rw < rh, ("rotated page should display portrait", rw, rh)
    for p in range(1, len(L.pages) + 1):
        if p not in (rot_page, wide_page):
            assert page_rot(pdf, p) == 0 and page_size(pdf, p)[0] < page_size(pdf, p)[1]
    data = docs2021.truth_data(d, L, rot_page, wide_page)
    write_truth(d.stem, os.path.basename(pdf), data, L.content(),
                notes=["ground truth written from scripts/samples/model.py and docs2021.py (not from an extractor)",
                       f"page {rot_page}: /Rotate 90, content counter-rotated (displays upright); "
                       f"page {wide_page}: A4 landscape",
                       "line_items: every 类/款/项 row of the 一般公共预算财政拨款支出决算表 (三线表)"])
    log(f"  {os.path.basename(pdf)}: {len(L.pages)} pages, {check_size(pdf)} bytes; rotated page {rot_page}, "
        f"landscape page {wide_page}")


def sample3():
    d = docs2019.document()
    pdf = staged(d.stem)
    render_rl.render(d, pdf)
    pdf = finish(d.stem, pdf, stamps=False)
    L = truth.Layout(d, pdf)
    L.verify()
    data = docs2019.truth_data(d, L)
    write_truth(d.stem, os.path.basename(pdf), data, L.content(),
                notes=["ground truth written from scripts/samples/model.py and docs2019.py (not from an extractor)",
                       "this sample deliberately contains four inconsistencies: see inconsistencies.toml",
                       "facts record the figures as printed (tables first), wrong ones included"])
    log(f"  {os.path.basename(pdf)}: {len(L.pages)} pages, {check_size(pdf)} bytes")


def sample6():
    d, errata = errata2020.document()
    pdf = staged(d.stem)
    render_rl.render(d, pdf)
    pdf = finish(d.stem, pdf, stamps=False)
    L = truth.Layout(d, pdf)
    L.verify()
    exp = truth.ensure_dir(os.path.join(EXP, d.stem))
    lines = [f"file = {q(os.path.basename(pdf))}", ""]
    for e in errata:
        t = e["table"]
        lines += ["[[inconsistency]]", f"check = {q(e['check'])}", f"also = {toml_value(e['also'])}",
                  f"what = {q(e['what'])}", f"pages = {toml_value(t.pages)}",
                  f"figures = {toml_value([e['new'], e['old']])}", ""]
    with open(os.path.join(exp, "inconsistencies.toml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    truth.write_content(os.path.join(exp, "content.txt"), L.content())
    # Tables as printed (misprints included); no facts.toml: the model's
    # figures are not what this document prints.
    truth.write_tables(os.path.join(exp, "tables.toml"), os.path.basename(pdf), "武汉市东西湖区",
                       docs2020.truth_data(d, L)["tables"])
    log(f"  {os.path.basename(pdf)}: {len(L.pages)} pages, {check_size(pdf)} bytes, {len(errata)} misprints")


def sample_budget2026():
    d = docs2026.document()
    pdf = staged(d.stem)
    render_odf.render(d, pdf)
    pdf = finish(d.stem, pdf)
    L = truth.Layout(d, pdf, folio_offset=1)
    L.verify()
    data = docs2026.truth_data(d, L)
    write_truth(d.stem, os.path.basename(pdf), data, L.content(),
                notes=["ground truth written from scripts/samples/model2026.py and docs2026.py (not from an extractor)",
                       "line_items: every 类/款/项 row of the 一般公共预算支出表 (multi-period: period prior | current | "
                       "change) and of the 部门支出总表 (bracketed codes, fund all), one entry per non-blank amount cell",
                       "indicators: value_text is the 指标值 cell as printed; the 性质 and 单位 cells are nature and unit"])
    tl = {t.title: t.pages for t in d.tables()}
    log(f"  {os.path.basename(pdf)}: {len(L.pages)} pages, {check_size(pdf)} bytes; " +
        "; ".join(f"{k} {v}" for k, v in tl.items() if len(v) > 1))
    return d, L, pdf


def sample_final2025():
    d = docs2025.document()
    pdf = staged(d.stem)
    render_html.render(d, pdf)
    pdf = finish(d.stem, pdf)
    L = truth.Layout(d, pdf)
    L.verify()
    data = docs2025.truth_data(d, L)
    write_truth(d.stem, os.path.basename(pdf), data, L.content(),
                notes=["ground truth written from scripts/samples/model2026.py and docs2025.py (not from an extractor)",
                       "a 决算: every fact is the 决算数; line items of the 支出决算表 (fund all) and of the code-less "
                       "一般公共预算财政拨款支出决算表 (codes resolved by name; period budget = 预算数, current = 决算数)",
                       "no expenditure.basic.personnel / public_funds: the only 人员经费/公用经费 printed are of the "
                       "一般公共预算 scope, while 事业收入 pays part of the department's 基本支出"])
    tl = {t.title: t.pages for t in d.tables()}
    log(f"  {os.path.basename(pdf)}: {len(L.pages)} pages, {check_size(pdf)} bytes; " +
        "; ".join(f"{k} {v}" for k, v in tl.items() if len(v) > 1))


def sample_units2026():
    d = docs2026units.document()
    pdf = staged(d.stem)
    render_rl.render(d, pdf)
    pdf = finish(d.stem, pdf, stamps=False)
    L = truth.Layout(d, pdf)
    L.verify()
    data = docs2026units.truth_data(d, L)
    write_truth(d.stem, os.path.basename(pdf), data, L.content(),
                notes=["ground truth written from scripts/samples/model2026.py and docs2026units.py (not from an "
                       "extractor)",
                       "line_items: every 类/款/项 row of every unit block, with unit_code and unit_name; a unit row "
                       "is not a line item"])
    log(f"  {os.path.basename(pdf)}: {len(L.pages)} pages, {check_size(pdf)} bytes; 分单位 table on pages "
        f"{d.tables()[0].pages}")


def rl_sample(module, notes):
    """A reportlab sample built from `module` (its document() and truth_data()), its truth written with
    `notes`: (document, layout)."""
    d = module.document()
    pdf = staged(d.stem)
    render_rl.render(d, pdf)
    pdf = finish(d.stem, pdf, stamps=False)
    L = truth.Layout(d, pdf)
    L.verify()
    write_truth(d.stem, os.path.basename(pdf), module.truth_data(d, L), L.content(), notes=notes)
    log(f"  {os.path.basename(pdf)}: {len(L.pages)} pages, {check_size(pdf)} bytes")
    return d, L


def sample_projects2026():
    rl_sample(docs2026projects,
              ["ground truth written from scripts/samples/model2026.py and docs2026projects.py (not from an "
               "extractor)",
               "projects: every project row of the per-unit list, with its unit (a unit row is not a "
               "project); indicators: every row of the 绩效目标表, value_text = the 指标值 cell alone"])


def sample_perf2026():
    d = docs2026perf.document()
    pdf = staged(d.stem)
    render_html.render(d, pdf)
    pdf = finish(d.stem, pdf)
    L = truth.Layout(d, pdf)
    L.verify()
    data = docs2026perf.truth_data(d, L)
    write_truth(d.stem, os.path.basename(pdf), data, L.content(),
                notes=["ground truth written from scripts/samples/model2026.py and docs2026perf.py (not from an "
                       "extractor)",
                       "the department is printed only in the form field 部门名称 (with （本级）); indicators' project "
                       "is that name, as for every 部门整体 form"])
    log(f"  {os.path.basename(pdf)}: {len(L.pages)} pages, {check_size(pdf)} bytes; indicator table on pages "
        f"{d.tables()[1].pages}")


def sample_unit2026():
    rl_sample(docs2026unit,
              ["ground truth written from scripts/samples/model2026.py and docs2026unit.py (not from an "
               "extractor)",
               "a unit's own 单位预算: level unit, its department named as 主管部门 and in the 单位概况 "
               "(parent_department)"])


def sample_whole2026():
    rl_sample(docs2026whole,
              ["ground truth written from scripts/samples/docs2026whole.py (not from an extractor)",
               "a 部门整体 form naming no project: every indicator is the department's; the 一级指标 (and the "
               "二级指标 of the 质量指标 rows, numbered again from 指标1) of the first page's rows is printed on the "
               "second page only"])


def samples_meta():
    """issue 12 pattern H: a 部门整体绩效自评表, a government's budget report and a 全区 final-account table; pattern
    G: a 部门整体支出绩效目标表 with its 年度主要任务 block (reportlab)"""
    for doc, truth_data, note in (
            (docsmeta.selfeval, docsmeta.selfeval_truth,
             "the department is printed only in the form field 部门（单位）名称 (no colon, value in the next cell); "
             "the year only in the subtitle （2025年度）; a 绩效自评表 is a final account"),
            (docsmeta.govreport, docsmeta.govreport_truth,
             "a government's 预算执行情况和预算草案的报告: level government, no department, the government's region, "
             "the draft's year"),
            (docsmeta.govfinal, docsmeta.govfinal_truth,
             "a government-wide 全区…决算表 with the region before the year: level government, final_account"),
            (docsmeta.wholetasks, docsmeta.wholetasks_truth,
             "a 部门整体支出绩效目标表 with a 年度主要任务 block: its 金额合计 is performance.budget_covered; the "
             "indicators are the department's")):
        d = doc()
        pdf = staged(d.stem)
        render_rl.render(d, pdf)
        pdf = finish(d.stem, pdf, stamps=False)
        L = truth.Layout(d, pdf)
        L.verify()
        write_truth(d.stem, os.path.basename(pdf), truth_data(d, L), L.content(),
                    notes=["ground truth written from scripts/samples/docsmeta.py (not from an extractor)", note])
        log(f"  {os.path.basename(pdf)}: {len(L.pages)} pages, {check_size(pdf)} bytes")


def samples_change():
    """issue 14: two budgets of 区医保局, the second explaining its changes by a 划转 and a 口径调整 (reportlab)"""
    for year in (2022, 2023):
        d = docschange.document(year)
        pdf = staged(d.stem)
        render_rl.render(d, pdf)
        pdf = finish(d.stem, pdf, stamps=False)
        L = truth.Layout(d, pdf)
        L.verify()
        write_truth(d.stem, os.path.basename(pdf), docschange.truth_data(year)(d, L), L.content(),
                    notes=["ground truth written from scripts/samples/docschange.py (not from an extractor)",
                           "reason_kind: the definition change the document states as the reason of the change "
                           "(\"\": the reason it gives is an ordinary one, none may be reported)"])
        log(f"  {os.path.basename(pdf)}: {len(L.pages)} pages, {check_size(pdf)} bytes")


def sample_errata2026():
    d, errata = errata2026.document()
    pdf = staged(d.stem)
    render_rl.render(d, pdf)
    pdf = finish(d.stem, pdf, stamps=False)
    L = truth.Layout(d, pdf)
    L.verify()
    errata = errata2026.pages(d, L, errata)
    exp = truth.ensure_dir(os.path.join(EXP, d.stem))
    lines = [f"file = {q(os.path.basename(pdf))}",
             "# one misprint per check family of issue 13 (point 2); the consistent document is "
             "rsj2026_budget_writer.pdf",
             "# check: a proposed id (next free ids of src/check/registry.rs); family: the family in words",
             "# figures: [as printed, as it should be] where one figure is misprinted (the difference is the "
             "misprint)", ""]
    for e in errata:
        lines += ["[[inconsistency]]", f"check = {q(e['check'])}", f"family = {q(e['family'])}",
                  f"also = {toml_value(e['also'])}", f"what = {q(e['what'])}", f"pages = {toml_value(e['pages'])}",
                  f"figures = {toml_value(e['figures'])}", ""]
    with open(os.path.join(exp, "inconsistencies.toml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    truth.write_content(os.path.join(exp, "content.txt"), L.content())
    # tables as printed (misprints included); no facts.toml, as for the 2020 errata sample
    truth.write_tables(os.path.join(exp, "tables.toml"), os.path.basename(pdf), model.REGION,
                       docs2026.table_entries(d))
    import tomllib
    for name in ("inconsistencies.toml", "tables.toml"):
        with open(os.path.join(exp, name), "rb") as f:
            tomllib.load(f)
    log(f"  {os.path.basename(pdf)}: {len(L.pages)} pages, {check_size(pdf)} bytes, {len(errata)} misprints")


class _OnePage:
    def row_page(self, t, i):
        return 1


def scans_from(d1, L1, pdf1):
    (summary, income, expend, fiscal, general, basic, three, fund, projects, form, ind) = d1.tables()
    meta = {"department": model.DEPT, "department_short": model.SHORT, "region": model.REGION, "year": 2020,
            "doc_kind": "budget", "level": "department", "pages": 1}
    src = os.path.basename(pdf1)

    def page_content(p):
        pg = L1.pages[p - 1]
        return "\n".join(([pg["header"]] if pg["header"] else []) + pg["lines"] +
                         ([pg["footer"]] if pg["footer"] else [])) + "\n"

    # 4: first page of the 一般公共预算支出表, 200 dpi gray PNG, +0.8°
    stem = "rsj2020_scanned_a"
    pdf = staged(stem)
    p = general.pages[0]
    scans.scan_png(pdf1, p, pdf, dpi=200, angle=0.8, seed=20200412)
    pdf = finish(stem, pdf, stamps=False)
    k = general.split_at
    entry = truth.table_entry(general, rows=general.body[:k], pages=[1],
                              note=f"image-only scan (200 dpi, 8-bit gray PNG, rotated 0.8°, specks) of page {p} "
                                   f"of {src}; only the first {k} body rows are on this page (the table continues "
                                   "in the source document, not in this file)")
    items = truth.line_items(_SubTable(general, k), _OnePage(), "general_budget_expenditure", [2, 3, 4, 5])
    write_truth(stem, stem + ".pdf", dict(metadata=meta, facts=[], line_items=items, tables=[entry]),
                page_content(p), notes=[f"image-only: no text layer; visible text = page {p} of {src}",
                                        "no metric of metrics.csv is printed on this page"])
    log(f"  {stem}.pdf: 1 page, {check_size(pdf)} bytes (page {p} of sample 1)")

    # 5: the 收支总表 page, 150 dpi gray JPEG, -0.5°
    stem = "rsj2020_scanned_b"
    pdf = staged(stem)
    p = summary.pages[0]
    scans.scan_jpeg(pdf1, p, pdf, dpi=150, angle=-0.5, seed=20200408, quality=72)
    pdf = finish(stem, pdf, stamps=False)
    entry = truth.table_entry(summary, pages=[1],
                              note=f"image-only scan (150 dpi gray JPEG q72, rotated -0.5°) of page {p} of {src}")
    T = model.Y2020.total
    tr = model.fmt(T) + "万元"
    facts = [truth.money_fact(m, T, tr, 1, "table", "收支总表 " + lab) for m, lab in
             [("revenue.total", "本年收入合计"), ("revenue.grand_total", "收入总计"),
              ("revenue.general_budget_appropriation", "一、一般公共预算拨款收入"),
              ("expenditure.total", "本年支出合计"), ("expenditure.grand_total", "支出总计")]]
    write_truth(stem, stem + ".pdf", dict(metadata=meta, facts=facts, tables=[entry]), page_content(p),
                notes=[f"image-only: no text layer; visible text = page {p} of {src}"])
    log(f"  {stem}.pdf: 1 page, {check_size(pdf)} bytes (page {p} of sample 1)")


class _SubTable:
    """the first k body rows of a table (for line items of a scanned page)"""

    def __init__(self, t, k):
        self.t, self.k = t, k

    def columns(self):
        return self.t.columns()

    def flat_body(self):
        return self.t.flat_body(self.t.body[:self.k])


def main():
    if sys.argv[1:] == ["reportlab"]:
        # Samples 3 and 6 alone: reportlab only, no office suite or browser.
        model.check()
        model2026.check()
        sample3()
        sample6()
        sample_units2026()
        sample_projects2026()
        sample_errata2026()
        samples_meta()
        sample_whole2026()
        sample_unit2026()
        samples_change()
        return
    if sys.argv[1:] == ["change"]:
        # The definition-change samples alone (reportlab).
        samples_change()
        return
    if sys.argv[1:] == ["meta"]:
        # The metadata samples alone (reportlab).
        samples_meta()
        return
    for tool in ("soffice", "chromium", "pdftoppm", "pdftotext", "pdfinfo"):
        assert shutil.which(tool), f"{tool} not found (see scripts/samples/README.md)"
    os.makedirs(EXP, exist_ok=True)
    model.check()
    log("sample 1 (LibreOffice Writer)")
    d1, L1, pdf1 = sample1()
    log("sample 2 (Chromium)")
    sample2()
    log("sample 3 (reportlab, STSong-Light)")
    sample3()
    log("samples 4, 5 (scans of sample 1 pages)")
    scans_from(d1, L1, pdf1)
    log("sample 6 (reportlab, the 2020 budget with deliberate misprints)")
    sample6()
    model2026.check()
    log("2026 budget (LibreOffice Writer)")
    sample_budget2026()
    log("2025 final account (Chromium)")
    sample_final2025()
    log("2026 budget by unit (reportlab)")
    sample_units2026()
    log("2026 project lists by unit (reportlab)")
    sample_projects2026()
    log("2026 部门整体支出绩效目标表 (Chromium)")
    sample_perf2026()
    log("2026 budget with one misprint per issue-13 check family (reportlab)")
    sample_errata2026()
    log("metadata samples: 绩效自评表, government report (reportlab)")
    samples_meta()
    log("2026 整体支出绩效目标申报表 cut by a page break (reportlab)")
    sample_whole2026()
    log("2026 单位预算 of one unit, naming its department (reportlab)")
    sample_unit2026()
    log("definition-change samples: 区医保局 2022 and 2023 budgets (reportlab)")
    samples_change()
    log("done")


if __name__ == "__main__":
    main()
