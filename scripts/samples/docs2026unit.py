"""Sample rsj2026_unit_rl: one unit's own 2026年单位预算 (reportlab, STSong-Light),
issue 14 (a unit document names its department):

* a 单位预算, not a 部门预算: the cover and titles say 单位预算 and the body is
  one 预算单位 of 区人社局, 武汉市东西湖区劳动保障监察大队;
* the department it belongs to is named twice, as a form field
  (`主管部门：武汉市东西湖区人力资源和社会保障局`) and in the 单位概况
  (`…是武汉市东西湖区人力资源和社会保障局所属的…事业单位`), so
  `documents.csv` gives it as `parent_department` (source `text`) while the
  unit keeps its own `dept_key`;
* the unit's 一般公共预算支出表 (类 3 digits, 款 2 digits, 项 7 digits);
* its 单位支出总表 (all funds; here all of it is 一般公共预算) prints 基本支出
  only as the header over 人员支出 | 日常公用支出, with no total column of
  its own (issue 12 pattern B, as 杭州 prints it): `expenditure.basic` is the
  sum of the two parts at the 合计 row, its raw text the addition.
"""

from doc import Cell, Para, Table, Section, Document
from model import fmt, Z, DEPT, REGION
from model2026 import B2026 as M, UNIT_NAME

YEAR = 2026
STEM = "rsj2026_unit_rl"
UNIT = "126004"
NAME = UNIT_NAME[UNIT]
TITLE = "2026年一般公共预算支出预算表"
TITLE_ALL = "2026年单位支出预算总表"
COLS = ["total", "basic", "personnel", "public", "project"]


def a(x):
    return fmt(x, sep=False, zero="")


def rows():
    return M.unit_rows[UNIT]


def totals():
    return {c: sum((r["am"][c] for r in rows() if r["level"] == 1), Z) for c in COLS}


def t_general():
    hdr = [[Cell("科目编码", rs=2), Cell("科目名称", rs=2), Cell("合计", rs=2), Cell("基本支出", cs=3),
            Cell("项目支出", rs=2)],
           ["小计", "人员经费", "公用经费"]]
    tot = totals()
    body = [["", Cell("合计", align="c")] + [a(tot[c]) for c in COLS]]
    for r in rows():
        shown = {1: r["code"], 2: r["code"][3:5], 3: r["code"]}[r["level"]]
        body.append([shown, Cell(r["name"], indent=r["level"] - 1)] + [a(r["am"][c]) for c in COLS])
    return Table("general_budget_expenditure", TITLE, hdr, body, [1.6, 6.2, 1.8, 1.8, 1.8, 1.8, 1.8],
                 dept_line="预算单位：" + NAME, aligns="cl" + "r" * 5, font=9,
                 note="one unit's table: 类 (3 digits), 款 (2 digits only), 项 (7 digits)")


def t_all_funds():
    """The 支出总表 without a 基本支出 column: 合计 | 基本支出 (人员支出 | 日常公用支出) | 项目支出."""
    cols = ["total", "personnel", "public", "project"]
    hdr = [[Cell("科目编码", rs=2), Cell("科目名称", rs=2), Cell("合计", rs=2), Cell("基本支出", cs=2),
            Cell("项目支出", rs=2)],
           ["人员支出", "日常公用支出"]]
    tot = totals()
    body = [["", Cell("合计", align="c")] + [a(tot[c]) for c in cols]]
    for r in rows():
        shown = {1: r["code"], 2: r["code"][3:5], 3: r["code"]}[r["level"]]
        body.append([shown, Cell(r["name"], indent=r["level"] - 1)] + [a(r["am"][c]) for c in cols])
    return Table("expenditure", TITLE_ALL, hdr, body, [1.6, 6.2, 2.0, 2.0, 2.0, 2.0],
                 dept_line="预算单位：" + NAME, aligns="cl" + "r" * 4, font=9,
                 note="all funds; 基本支出 is a header over its two parts, with no 小计 column")


def document():
    tot = totals()
    intro = [Para(f"{NAME}2026年单位预算", "title"),
             Para(f"预算单位：{NAME}", "body"),
             Para(f"主管部门：{DEPT}", "body"),
             Para("一、单位概况", "h2"),
             Para(f"{NAME}是{DEPT}所属的参照公务员法管理事业单位，负责全区劳动保障监察执法工作。", "body"),
             Para("二、单位预算情况说明", "h2"),
             Para(f"2026年{NAME}一般公共预算支出{fmt(tot['total'], sep=False)}万元，其中：基本支出"
                  f"{fmt(tot['basic'], sep=False)}万元，项目支出{fmt(tot['project'], sep=False)}万元。", "body")]
    return Document(STEM, [Section("page", intro), Section("page", [t_general()]),
                           Section("page", [t_all_funds()])], running_header=None,
                    footer_fmt="第 {n} 页")


def truth_data(d, L):
    from truth import money_fact as mf, table_entry, scoped_items, shortened_codes
    t, ta = d.tables()
    tot = totals()
    tr = lambda x: fmt(x, sep=False) + "万元"
    facts = [mf("expenditure.general_budget.total", tot["total"], tr(tot["total"]), t.pages[0], "table",
                "合计 row, 合计"),
             mf("expenditure.general_budget.basic", tot["basic"], tr(tot["basic"]), t.pages[0], "table",
                "合计 row, 基本支出/小计"),
             mf("expenditure.general_budget.project", tot["project"], tr(tot["project"]), t.pages[0], "table",
                "合计 row, 项目支出"),
             mf("expenditure.basic", tot["basic"],
                f"{tr(tot['personnel'])} + {tr(tot['public'])}", ta.pages[0], "table",
                "支出总表 合计 row: 基本支出/人员支出 + 基本支出/日常公用支出 (no 基本支出 column is printed)"),
             mf("expenditure.project", tot["project"], tr(tot["project"]), ta.pages[0], "table",
                "支出总表 合计 row, 项目支出")]

    code_of = shortened_codes(t)
    g = lambda m: {"measure": m, "fund": "general_budget", "period": "current"}
    items = scoped_items(t, L, "general_budget_expenditure",
                         {2: g("total"), 3: g("basic"), 4: g("personnel"), 5: g("public_funds"), 6: g("project")},
                         code_of)
    all_funds = lambda m: {"measure": m, "fund": "all", "period": "current"}
    items += scoped_items(ta, L, "expenditure",
                          {2: all_funds("total"), 3: all_funds("personnel"), 4: all_funds("public_funds"),
                           5: all_funds("project")},
                          shortened_codes(ta))
    meta = {"department": NAME, "department_short": "", "region": REGION, "year": YEAR, "doc_kind": "budget",
            "level": "unit", "parent_department": DEPT, "pages": len(L.pages)}
    return dict(metadata=meta, facts=facts, line_items=items, projects=[], indicators=[],
                tables=[table_entry(t, drop_blank=True), table_entry(ta, drop_blank=True)])
