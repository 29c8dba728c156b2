"""Sample rsj2026_units_rl: 区人社局 2026年部门预算 by unit (reportlab,
STSong-Light).

Two tables of the 2026 budget broken down by 预算单位:
* the 一般公共预算支出预算表（分单位）, made of per-unit blocks — a row with the
  6-digit unit code and the unit's name, then its 类 (3 digits), 款 (only
  its 2 digits) and 项 (7 digits) rows — with an index row ** | ** | 1 … and
  continuation pages that repeat no header (the unit is an attribute of a
  line item, never a code);
* the “三公”经费预算表（分单位）, whose narrow header cells print one character
  per line (因/公/出/国…) and whose total column is headed
  “三公”经费财政拨款预算总额;
* the 一般公共预算基本支出表 in 北京's form: no code column, each row prints
  two classifications as code-name in its name cells (`50101-工资奖金津补贴 |
  30101-基本工资`): the 政府预算 经济分类 is the line item's code, the 部门预算
  one its parallel_code.
"""

from doc import Cell, Para, Table, Section, Document
from model import fmt, Z, DEPT, SHORT, REGION
from model2026 import B2026 as M, ALL_UNITS, UNIT_NAME

YEAR = 2026
STEM = "rsj2026_units_rl"
DEPT_LINE = "编制单位：" + DEPT
TITLES = {"general": "2026年一般公共预算支出预算表（分单位）",
          "three": "2026年一般公共预算“三公”经费预算表（分单位）",
          "basic": "2026年一般公共预算基本支出表"}
# 部门预算 经济分类 款 -> its 政府预算 经济分类 款 (财政部's correspondence;
# the pairs 北京's tables print).
GOV_OF = {
    "30101": ("50101", "工资奖金津补贴"), "30102": ("50101", "工资奖金津补贴"),
    "30103": ("50101", "工资奖金津补贴"), "30107": ("50101", "工资奖金津补贴"),
    "30108": ("50102", "社会保障缴费"), "30109": ("50102", "社会保障缴费"),
    "30110": ("50102", "社会保障缴费"), "30111": ("50102", "社会保障缴费"),
    "30112": ("50102", "社会保障缴费"), "30113": ("50103", "住房公积金"),
    "30199": ("50199", "其他工资福利支出"),
    "30201": ("50201", "办公经费"), "30202": ("50201", "办公经费"), "30205": ("50201", "办公经费"),
    "30206": ("50201", "办公经费"), "30207": ("50201", "办公经费"), "30211": ("50201", "办公经费"),
    "30228": ("50201", "办公经费"), "30229": ("50201", "办公经费"),
    "30213": ("50209", "维修（护）费"), "30215": ("50202", "会议费"), "30216": ("50203", "培训费"),
    "30217": ("50206", "公务接待费"), "30226": ("50205", "委托业务费"),
    "30231": ("50208", "公务用车运行维护费"), "30299": ("50299", "其他商品和服务支出"),
    "30302": ("50905", "离退休费"), "30304": ("50901", "社会福利和救助"),
    "31002": ("50601", "资本性支出"),
}
COLS = ["total", "basic", "personnel", "public", "project"]


def a(x):
    return fmt(x, sep=False, zero="")


def t_general():
    hdr = [[Cell("科目编码", rs=2), Cell("科目名称", rs=2), Cell("合计", rs=2), Cell("基本支出", cs=3),
            Cell("项目支出", rs=2)],
           ["小计", "人员经费", "公用经费"]]
    idx = ["**", "**", "1", "2", "3", "4", "5"]
    tot = {c: Z for c in COLS}
    blocks = []
    for code, full, short, kind in ALL_UNITS:
        rows = M.unit_rows[code]
        ut = {c: sum((r["am"][c] for r in rows if r["level"] == 1), Z) for c in COLS}
        for c in COLS:
            tot[c] += ut[c]
        blocks.append([code, Cell(full, bold=True)] + [a(ut[c]) for c in COLS])
        for r in rows:
            shown = {1: r["code"], 2: r["code"][3:5], 3: r["code"]}[r["level"]]
            blocks.append([shown, Cell(r["name"], indent=r["level"] - 1)] + [a(r["am"][c]) for c in COLS])
    body = [["", Cell("合计", align="c")] + [a(tot[c]) for c in COLS]] + blocks
    return Table("general_budget_expenditure", TITLES["general"], hdr, body, [1.6, 6.2, 1.8, 1.8, 1.8, 1.8, 1.8],
                 dept_line=DEPT_LINE, aligns="cl" + "r" * 5, font=8.5, index_row=idx, may_split=True,
                 repeat_header=False,
                 note="per-unit blocks: a unit row (6-digit unit code, unit name, the unit's totals), then its 类 "
                      "(3 digits), 款 (2 digits only) and 项 (7 digits) rows; index row ** | ** | 1 … 5 under the "
                      "header; continuation pages repeat no header")


def t_three():
    vert = lambda s: "\n".join(s)
    hdr = [[Cell("单位编码", rs=2), Cell("单位名称", rs=2), Cell("“三公”经费\n财政拨款\n预算总额", rs=2),
            Cell(vert("因公出国（境）费"), rs=2), Cell(vert("公务接待费"), rs=2),
            Cell("公务用车购置及运行维护费", cs=3)],
           [vert("小计"), vert("公务用车购置费"), vert("公务用车运行维护费")]]

    def row(tp):
        return [a(tp["total"]), a(tp["overseas"]), a(tp["reception"]), a(tp["vehicles"]), a(tp["vehicle_purchase"]),
                a(tp["vehicle_operation"])]
    body = [[Cell("合计", cs=2, align="c")] + row(M.tp)]
    zero = {k: Z for k in ("total", "overseas", "reception", "vehicles", "vehicle_purchase", "vehicle_operation")}
    for code, full, short, kind in ALL_UNITS:
        body.append([code, full] + row(M.tp_units.get(code, zero)))
    return Table("three_public", TITLES["three"], hdr, body, [1.6, 6.0, 1.9, 1.0, 1.0, 1.0, 1.0, 1.0],
                 dept_line=DEPT_LINE, aligns="cl" + "r" * 6, font=9,
                 note="narrow header cells printed one character per line (因/公/出/国/（/境/）/费 …); the total column "
                      "is headed “三公”经费财政拨款预算总额; a blank cell is a zero",
                 after=[Para("注：本表按预算单位列示2026年一般公共预算财政拨款安排的“三公”经费预算，空白表示无此项支出。",
                             "note")])


def t_basic():
    rows = [r for r in M.econ_rows if r["level"] == 2]
    body = [[Cell("合计", cs=2, align="c"), a(M.basic_total), a(M.personnel), a(M.public_funds)]]
    for r in rows:
        gov, gname = GOV_OF[r["code"]]
        pers = r["code"][:3] in ("301", "303")
        x = r["amount"]
        body.append([f"{gov}-{gname}", f"{r['code']}-{r['name']}", a(x), a(x) if pers else "",
                     "" if pers else a(x)])
    hdr = [["政府预算支出经济分类科目", "部门预算支出经济分类科目", "合计", "人员经费", "公用经费"]]
    return Table("general_budget_basic", TITLES["basic"], hdr, body, [4.6, 5.6, 2.2, 2.2, 2.2],
                 dept_line=DEPT_LINE, aligns="llrrr", font=8.5, may_split=True,
                 note="北京's form: no code column; each row prints two classifications as code-name "
                      "(50101-工资奖金津补贴 | 30101-基本工资), 款 rows only")


def document():
    intro = [Para(f"{DEPT}2026年部门预算分单位公开表", "title"),
             Para(f"本部分按预算单位公开{DEPT}（以下简称{SHORT}）2026年一般公共预算支出和“三公”经费预算，"
                  "金额单位为万元。", "body")]
    secs = [Section("page", intro + [t_general()]),
            Section("page", [t_three()]),
            Section("page", [t_basic()])]
    return Document(STEM, secs, running_header=None, footer_fmt="第 {n} 页")


def truth_data(d, L):
    from truth import money_fact as mf, table_entry, scoped_items, shortened_codes
    T = {k: next(t for t in d.tables() if t.title == v) for k, v in TITLES.items()}
    tr = lambda x: fmt(x, sep=False) + "万元"
    F_ = []
    pg = T["general"].pages[0]
    for metric, x, lab in (("expenditure.general_budget.total", M.gb_total, "合计"),
                           ("expenditure.general_budget.basic", M.gb_basic, "基本支出/小计"),
                           ("expenditure.general_budget.project", M.gb_project, "项目支出")):
        F_.append(mf(metric, x, tr(x), pg, "table", f"合计 row (first body row, above the unit blocks), {lab}"))
    pt = T["three"].pages[0]
    for metric, key, lab in [("three_public.total", "total", "“三公”经费财政拨款预算总额"),
                             ("three_public.overseas", "overseas", "因公出国（境）费"),
                             ("three_public.reception", "reception", "公务接待费"),
                             ("three_public.vehicles", "vehicles", "公务用车购置及运行维护费/小计"),
                             ("three_public.vehicle_purchase", "vehicle_purchase", "公务用车购置费"),
                             ("three_public.vehicle_operation", "vehicle_operation", "公务用车运行维护费")]:
        x = M.tp[key]
        F_.append(mf(metric, x, tr(x) if x else "", pt, "table",
                     f"合计 row, column {lab}" + ("; printed blank (a zero)" if not x else "")))
    F_ = [f for f in F_ if f["raw"]]          # a blank cell states nothing
    gen = T["general"]
    unit_of = {}
    cur = None
    for i, row in enumerate(gen.flat_body()):
        if len(row[0]) == 6:
            cur = row[0]
        unit_of[i] = cur

    code_of = shortened_codes(gen)
    g = lambda m: {"measure": m, "fund": "general_budget", "period": "current"}
    items = scoped_items(gen, L, "general_budget_expenditure",
                         {2: g("total"), 3: g("basic"), 4: g("personnel"), 5: g("public_funds"), 6: g("project")},
                         code_of, extra=lambda i, row: {"unit_code": unit_of[i], "unit_name": UNIT_NAME[unit_of[i]]})
    bas = T["basic"]

    def basic_code(i, row):
        if "-" not in row[0]:
            return None                   # 合计
        return row[0].split("-")[0], "printed"
    b = lambda m: {"measure": m, "fund": "general_budget", "period": "current"}
    items += scoped_items(bas, L, "general_budget_basic", {2: b("total"), 3: b("personnel"), 4: b("public_funds")},
                          basic_code, name_of=lambda row: row[0].split("-", 1)[1],
                          extra=lambda i, row: {"parallel_code": row[1].split("-")[0]})
    tables = [table_entry(T[k], drop_blank=True) for k in ("general", "three", "basic")]
    t = T["general"]
    tables[0]["note"] += f"; runs over pages {t.pages}, rows from {', '.join(str(x) for x in t.splits)} on the next page"
    meta = {"department": DEPT, "department_short": SHORT, "region": REGION, "year": YEAR,
            "doc_kind": "budget", "level": "department", "pages": len(L.pages)}
    return dict(metadata=meta, facts=F_, line_items=items, projects=[], indicators=[], tables=tables)
