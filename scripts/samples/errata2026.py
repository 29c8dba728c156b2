"""Sample rsj2026_budget_errata: the 2026 budget (docs2026.py, consistent)
with one misprint for each check family of issue 13, point 2.

Each misprint is what a reader of a real disclosure finds: a figure typed
twice differently, a change or share computed wrong, a template sentence
left from another department, a total that no longer matches the table it
summarises.  Every one breaks exactly one identity of its family and keeps
every other identity of the document (a figure moved between two columns of
the same row, a project bumped together with its table's 合计 …), so that its
check fails alone.  The correct document (rsj2026_budget_writer) is where
each family passes.

The ids of the new families are proposals (N3 … N9, T10 … T13, next free ids
of the registry); `family` names each in words so that they can be mapped
to whatever ids the registry gives them.  Rendered with reportlab (no office
suite needed), like the 2020 errata sample.
"""

from decimal import Decimal as D

import docs2026
from docs2026 import M, n, chg, multi
from model import pct, fmt, SHORT

STEM = "rsj2026_budget_errata"


def misprints():
    """(v for docs2026.document, list of inconsistencies without pages)"""
    v, out = {}, []

    def add(check, family, what, figures, where, also=()):
        out.append({"check": check, "family": family, "also": list(also), "what": what, "figures": figures,
                    "where": where})

    # N3: a narrative item's headline figure against the figure of its own body
    r = multi("2210201")
    cur, prev = r["am"]["total"], r["am"]["prior"]
    body = cur - D("1.90")
    v[("item", "2210201")] = {"body_figure": body,
                             "change_text": chg(body, prev, "2025年执行数", with_prev=True)}
    add("N3", "narrative_item_headline_vs_body",
        f"item 住房公积金（2210201） headed {n(cur)}万元 but its body says 2026年预算安排{n(body)}万元 (and computes "
        f"its change from {n(body)}); the 一般公共预算支出表 prints {fmt(cur)}",
        [n(body), n(cur)], [("narrative", "住房公积金（2210201）")])

    # N4 (amount): a stated change against the two years' figures the same sentence gives
    r = multi("2080101")
    cur, prev = r["am"]["total"], r["am"]["prior"]
    wrong = cur - prev - D("2.00")
    v[("item", "2080101")] = {"change_text": f"比2025年执行数{n(prev)}万元增加{n(wrong)}万元，增长{pct(cur - prev, prev)}%"}
    add("N4", "stated_change_vs_figures",
        f"行政运行: 2026年预算安排{n(cur)}万元，比2025年执行数{n(prev)}万元增加{n(wrong)}万元 — the two figures "
        f"differ by {n(cur - prev)} (the stated 增长{pct(cur - prev, prev)}% agrees with them)",
        [n(wrong), n(cur - prev)], [("narrative", "行政运行（2080101）")])

    # N4 (percentage): a stated percentage against the amounts it is computed from (on another page
    # than the first N4, so that each is found by its page)
    cur, prev = M.operating_costs, M.prev["operating_costs"]
    right = pct(prev - cur, prev)
    v["operating_change"] = f"比上年减少{n(prev - cur)}万元，下降{right + 1}%"
    add("N4", "stated_change_vs_figures",
        f"财政拨款运行经费预算{n(cur)}万元，比上年减少{n(prev - cur)}万元: a fall of {n(prev - cur)} from "
        f"{n(prev)} is {right}%, the sentence says 下降{right + 1}%",
        [f"{right + 1}%", f"{right}%"], [("narrative", "财政拨款运行经费预算")])

    # N5: a stated change of the total against the stated changes of its parts
    d_total = M.prev["total"] - M.total
    wrong = d_total + D("18.00")
    v["total_change"] = wrong
    d_basic, d_project = M.basic_total - M.prev["basic"], M.prev["project"] - M.project
    add("N5", "total_change_vs_parts",
        f"部门支出预算比上年减少{n(wrong)}万元, but its parts: 基本支出增加{n(d_basic)}万元, 项目支出减少{n(d_project)}万元, "
        f"a fall of {n(d_project - d_basic)} (which the first paragraph of 三 states, with 下降"
        f"{pct(d_total, M.prev['total'])}%)",
        [n(wrong), n(d_total)], [("narrative", "2026年部门支出预算")])

    # N6: a stated share against the computed one (and the shares of one whole no longer add up to 100%)
    sh = pct(M.basic_total, M.total)
    v["share_basic"] = sh + 9
    add("N6", "stated_shares",
        f"基本支出{n(M.basic_total)}万元，占{sh + 9}% of {n(M.total)}: it is {sh}%; with 项目支出 "
        f"占{pct(M.project, M.total)}% the shares add up to {sh + 9 + pct(M.project, M.total)}%",
        [f"{sh + 9}%", f"{sh}%"], [("narrative", "2026年部门支出预算")])

    # N7: a statement of absence against a table that prints figures
    v["three_public"] = "本部门2026年无一般公共预算“三公”经费预算安排。"
    add("N7", "absence_claim_vs_table",
        f"the narrative says the department has no “三公”经费 in 2026 (a template sentence); the “三公” table prints "
        f"合计 {fmt(M.tp['total'])} (公务接待费 {fmt(M.tp['reception'])}, 公务用车运行维护费 "
        f"{fmt(M.tp['vehicle_operation'])})",
        ["本部门2026年无一般公共预算“三公”经费预算安排", fmt(M.tp["total"])],
        [("narrative", "无一般公共预算“三公”经费"), ("table", "three")])

    # N8: a single-fund claim against the tables' split by fund
    v["fund_claim"] = f"{SHORT}2026年部门收支均为一般公共预算拨款，没有其他资金来源。"
    add("N8", "single_fund_claim_vs_tables",
        f"the narrative says all revenue and spending are 一般公共预算拨款; the 收支总表 and 收入总表 print 事业收入 "
        f"{fmt(M.biz)} and 其他收入 {fmt(M.other)} (and the 收支总表 上年结转结余 {fmt(M.carry)})",
        ["收支均为一般公共预算拨款", fmt(M.biz), fmt(M.other)],
        [("narrative", "部门收支均为一般公共预算拨款"), ("table", "summary")])

    # N9: a narrative grand total against the table's
    wrong = M.fiscal_total + D("9.00")
    v["fiscal_total"] = wrong
    add("N9", "narrative_grand_total_vs_table",
        f"财政拨款收入支出总计 stated {n(wrong)}万元; the 财政拨款收支总表 prints 收入总计 / 支出总计 "
        f"{fmt(M.fiscal_total)} (and the sentence's own parts {n(M.gb_revenue)} + {n(M.carry)} = "
        f"{n(M.fiscal_total)})",
        [n(wrong), fmt(M.fiscal_total)], [("narrative", "财政拨款收入支出总计"), ("table", "fiscal")])

    # T10: 人员经费/公用经费 of the 支出总表 against the 基本支出 (经济分类) table
    delta = D("1.00")
    v["personnel_shift"] = {"": delta, "208": delta, "20801": delta, "2080101": delta}
    # Not a misprint: the 部门支出总表 prints its codes unbracketed before the name (2080101 行政运行),
    # the other layout of codes inside the name cell (issue 12 E); the writer sample brackets them.
    v["code_in_name"] = "{code} {name}"
    add("T10", "personnel_public_across_tables",
        f"部门支出总表 prints 人员经费 {fmt(M.personnel + delta)} / 公用经费 {fmt(M.public_funds - delta)} (moved "
        f"down its 合计, 208, 20801 and 2080101 rows, so every sum of that table holds); the 一般公共预算基本支出表 "
        f"prints {fmt(M.personnel)} / {fmt(M.public_funds)}, and all 基本支出 is 一般公共预算 here",
        [fmt(M.personnel + delta), fmt(M.personnel)], [("table", "expenditure"), ("table", "basic")])

    # T11: the 项目支出表 total against the 支出总表's 项目支出
    delta = D("2.00")
    v["project_bump"] = {"预备役部队训练费": delta}
    add("T11", "project_table_vs_expenditure_table",
        f"项目支出及其他支出预算表: 预备役部队训练费 and the 合计 printed {fmt(delta)} higher (the table adds up: "
        f"合计 {fmt(M.project + delta)}); the 部门支出总表 项目支出 is {fmt(M.project)}",
        [fmt(M.project + delta), fmt(M.project)], [("table", "projects"), ("table", "expenditure")])

    # T12: the 财政拨款收支总表's own sums
    delta = D("0.50")
    v["fiscal_bump"] = {"210": delta}
    lei210 = next(r for r in M.gb_rows if r["code"] == "210")["am"]["total"]
    add("T12", "fiscal_summary_sums",
        f"财政拨款收支总表: （四）卫生健康支出 printed {fmt(lei210 + delta)} (合计 and 一般公共预算 columns), so the 类 "
        f"rows add up to {fmt(M.gb_total + delta)} while 一、本年支出 is {fmt(M.gb_total)}",
        [fmt(M.gb_total + delta), fmt(M.gb_total)], [("table", "fiscal")])

    # T13: 小计/合计 rows against their parts inside each column group of a multi-period table
    delta = D("1.00")
    v["prior_total_bump"] = delta
    add("T13", "column_group_subtotals",
        f"一般公共预算支出表: the 合计 row of the 2025年执行数 group prints {fmt(M.multi_total['prior'] + delta)}, "
        f"its 类 rows add up to {fmt(M.multi_total['prior'])} (the 2026年预算数 group adds up; the row's own 增减 "
        f"{fmt(M.multi_total['change'])} is 2026 − the true 2025 total)",
        [fmt(M.multi_total["prior"] + delta), fmt(M.multi_total["prior"])], [("table", "general")])
    return v, out


def document():
    v, errata = misprints()
    d = docs2026.document(v)
    d.stem = STEM
    # reportlab draws a folio on every page and no running header: no cover, no header
    d.sections = [s for s in d.sections if s.kind != "cover"]
    d.running_header = None
    for s in d.sections:
        for b in s.blocks:
            if getattr(b, "space", None):
                b.space = None          # the title-at-the-foot spacer is tuned for LibreOffice
    return d, errata


def pages(d, L, errata):
    """the pages of each misprint, from the document's own layout"""
    tables = {k: docs2026.by_title(d, k) for k in docs2026.TITLES}
    for e in errata:
        ps = set()
        for kind, key in e["where"]:
            if kind == "narrative":
                ps.add(L.find(key))
            else:
                ps.update(tables[key].pages)
        e["pages"] = sorted(ps)
    return errata
