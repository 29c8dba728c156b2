"""Sample 6: the 2020 budget with one deliberate misprint per table identity.

The consistency checks (src/check) need a failing case for each identity on
a document built on purpose; the 2019 sample covers T4, T7, N1 and N2. This
one is the 2020 document of sample 1 (docs2020.py, consistent) with seven
table cells changed after the fact, each breaking one identity the tool
checks (T1 T2 T3 T5 T6 T8 T9), and rendered with reportlab (STSong-Light,
like sample 3) so that it needs no office suite. A misprint that a reader
would also see elsewhere (the narrative states the unchanged figure) is a
second finding, and listed as such in inconsistencies.toml.
"""

from decimal import Decimal as D

import docs2020
from model import fmt

STEM = "rsj2020_budget_errata"


def _amount(text):
    return D(text.replace(",", "")) if text.strip() else D("0")


def _bump(table, row, cell, delta):
    """Adds `delta` 万元 to body[row][cell] of `table` (cell = index in the
    row's list of Cells, spans counted once) and returns (old, new) as printed."""
    c = table.body[row][cell]
    old = c.text
    sep = "," in old or _amount(old) >= 1000
    c.text = fmt(_amount(old) + delta, sep=sep)
    return old or "0.00", c.text


def _row(table, label):
    return next(i for i, r in enumerate(table.body) if any(c.text == label for c in r))


def document():
    d = docs2020.document()
    d.stem = STEM
    # reportlab here draws a folio on every page and no running header: no
    # cover page (it would carry a folio), no header.
    d.sections = [s for s in d.sections if s.kind != "cover"]
    d.running_header = None
    tables = d.tables()
    by_kind = lambda k: next(t for t in tables if t.kind == k)
    summary = by_kind("income_expenditure_summary")
    expenditure = by_kind("expenditure")
    fiscal = by_kind("fiscal_summary")
    basic = by_kind("general_budget_basic")
    three = by_kind("three_public")
    projects = by_kind("project_expenditure")
    form = next(t for t in tables if t.kind == "performance_target" and t.style == "form")

    errata = []

    def add(check, table, row, cell, delta, what, also=()):
        old, new = _bump(table, row, cell, D(delta))
        errata.append({"check": check, "also": list(also), "table": table, "old": old, "new": new,
                       "what": what.format(old=old, new=new)})

    add("T1", summary, _row(summary, "支出总计"), 3, "1.00",
        "收支总表: 支出总计 printed {new} but 收入总计 is {old} (本年收入合计 = 本年支出合计 unchanged)")
    add("T2", expenditure, _row(expenditure, "合计"), 4, "2.00",
        "部门支出总表: 合计 row prints 合计 {new} but 基本支出 + 项目支出 + 专项支出 = {old}",
        also=["T13"])  # the 合计 row is no longer the sum of the 类 rows either
    add("T3", basic, _row(basic, "合计"), 2, "3.00",
        "基本支出表: 合计 row prints 合计 {new} but 人员经费 + 公用经费 = {old}",
        also=["T13"])  # nor the sum of its 类 rows
    add("T5", three, 0, 4, "1.00",
        "“三公”经费表: 2020 公务用车购置费 printed {new} (was {old}) while 公务用车购置及运行维护费 小计 "
        "is unchanged, so 购置 + 运行 no longer equals it; the narrative states the unchanged 购置费",
        also=["N1"])
    add("T6", fiscal, _row(fiscal, "一、本年支出"), 4, "5.00",
        "财政拨款收支总表: 本年支出 一般公共预算 printed {new} but the 一般公共预算支出表 totals {old}",
        also=["T12"])  # nor the sum of the row's fund columns equals its 合计
    add("T8", projects, _row(projects, "合计"), 1, "4.00",
        "项目支出表: 合计 printed {new} but the projects sum to {old}",
        also=["T11"])  # nor the 支出总表's 项目支出
    add("T9", form, _row(form, "资金来源"), 3, "6.00",
        "绩效目标申报表: 资金来源 金额 printed {new} but 当年预算 is {old} (the 项目支出表 agrees with 当年预算)")
    return d, errata
