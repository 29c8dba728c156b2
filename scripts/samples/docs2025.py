"""Sample rsj2025_final_chromium: 区人社局 2025年度部门决算 (headless Chromium).

A final account (doc_kind final_account) with the patterns a 决算 carries:
预算数 | 决算数 column groups (a fact is the 决算数), a code-less
一般公共预算财政拨款支出决算表 (names and indentation only), a 支出决算表 whose
codes are split over 类|款|项 columns (a 款 row prints its two digits), a
combined table where the 机关运行经费 row stands above the “三公”经费 rows,
blank template rows in the 收入支出决算总表, an empty 政府性基金 table, the
phrase "纳入…部门决算编制范围的…", and 一般公共预算 基本/项目 figures that differ
from the department's all-funds ones (事业收入 pays part of 基本支出).
"""

from doc import Cell, Para, Table, Section, Document
from model import fmt, pct, Z, DEPT, SHORT, REGION
from model2026 import F2025 as M, UNITS, DIVISIONS, shares
from docs2026 import FUNCTIONS

CN = "一二三四五六七八九十"
YEAR = 2025
STEM = "rsj2025_final_chromium"
DEPT_LINE = "编制单位：" + DEPT
TITLES = {
    "summary": "2025年度收入支出决算总表",
    "expenditure": "2025年度支出决算表",
    "fiscal": "2025年度财政拨款收入支出决算总表",
    "general": "2025年度一般公共预算财政拨款支出决算表",
    "basic": "2025年度一般公共预算财政拨款基本支出决算表",
    "three": "2025年度一般公共预算财政拨款“三公”经费及机关运行经费支出决算表",
    "fund": "2025年度政府性基金预算财政拨款收入支出决算表",
}


def a(x):
    """决算 tables print a zero as 0.00"""
    return fmt(x, sep=True, zero="0.00")


def ab(x):
    """blank for zero (the classified tables)"""
    return fmt(x, sep=True, zero="")


def n(x):
    return fmt(x, sep=True)


def chg(cur, prev, against="上年"):
    d = cur - prev
    if d < 0:
        return f"比{against}减少{n(-d)}万元，下降{pct(-d, prev)}%"
    return f"比{against}增加{n(d)}万元，增长{pct(d, prev)}%"


def lei(rows):
    return [r for r in rows if r["level"] == 1]


def narrative():
    P = []
    h1 = lambda t: P.append(Para(t, "h1"))
    h2 = lambda t: P.append(Para(t, "h2"))
    b = lambda t: P.append(Para(t, "body"))
    s = M.staff
    tp, tb = M.tp, M.tp_budget
    h1("第一部分　部门概况")
    h2("一、部门主要职能")
    b("；".join(f"（{i}）{f}" for i, f in enumerate(FUNCTIONS, 1)) + "。")
    h2("二、部门决算单位构成及人员情况")
    b(f"{SHORT}机关内设科室{len(DIVISIONS)}个。纳入{SHORT}2025年度部门决算编制范围的二级预算单位共{len(UNITS)}个，"
      f"包括：" + "、".join(u[1] for u in UNITS) + f"。2025年末，{SHORT}共有编制{s['authorized']}人，其中："
      f"行政编制{s['admin']}人，事业编制{s['institution']}人；在职实有人数{s['actual']}人；离退休人员{s['retired']}人。")
    h1("第二部分　2025年度部门决算情况说明")
    h2("一、收入支出决算总体情况说明")
    b(f"2025年度收入总计{n(M.grand_total)}万元、支出总计{n(M.grand_total)}万元。与2024年度相比，收、支总计各"
      f"{chg(M.grand_total, M.prev['grand_total'])[3:]}，主要原因是职业技能培训补贴和社会保险经办业务支出增加。")
    h2("二、收入决算情况说明")
    sh = shares([M.fiscal_revenue, M.biz_revenue, M.other_revenue], M.rev_total)
    b(f"2025年度本年收入合计{n(M.rev_total)}万元，其中：财政拨款收入{n(M.fiscal_revenue)}万元，占{sh[0]}%；"
      f"事业收入{n(M.biz_revenue)}万元，占{sh[1]}%；其他收入{n(M.other_revenue)}万元，占{sh[2]}%。另有年初结转和结余"
      f"{n(M.carry_begin)}万元。")
    h2("三、支出决算情况说明")
    sh = shares([M.basic, M.project], M.exp_total)
    b(f"2025年度本年支出合计{n(M.exp_total)}万元，其中：基本支出{n(M.basic)}万元，占{sh[0]}%；项目支出"
      f"{n(M.project)}万元，占{sh[1]}%。年末结转和结余{n(M.carry_end)}万元。")
    h2("四、财政拨款收入支出决算总体情况说明")
    b(f"2025年度财政拨款收入支出总计{n(M.fiscal_grand_total)}万元。收入包括：一般公共预算财政拨款收入"
      f"{n(M.fiscal_revenue)}万元，政府性基金预算财政拨款收入0.00万元，年初财政拨款结转和结余{n(M.carry_begin)}万元；"
      f"支出包括：一般公共预算财政拨款支出{n(M.gb_total)}万元，年末财政拨款结转和结余{n(M.carry_end)}万元。")
    h2("五、一般公共预算财政拨款支出决算情况说明")
    b(f"2025年度一般公共预算财政拨款支出{n(M.gb_total)}万元，其中：一般公共预算财政拨款基本支出{n(M.gb_basic)}万元，"
      f"一般公共预算财政拨款项目支出{n(M.gb_project)}万元。年初预算为{n(M.budget_total)}万元，支出决算为"
      f"{n(M.gb_total)}万元，完成年初预算的{pct(M.gb_total, M.budget_total)}%，决算数大于年初预算数的主要原因是"
      f"使用年初结转资金追加了职业技能培训补贴。")
    parts = "，".join(f"{r['name']}{n(r['am']['total'])}万元" for r in lei(M.gb_rows))
    b(f"按支出功能分类科目（类级）分：{parts}。")
    h2("六、一般公共预算财政拨款基本支出决算情况说明")
    b(f"2025年度一般公共预算财政拨款基本支出{n(M.gb_basic)}万元，其中：人员经费{n(M.personnel)}万元，主要包括基本工资、"
      f"津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、住房公积金、退休费等；公用经费"
      f"{n(M.public_funds)}万元，主要包括办公费、印刷费、水电费、邮电费、差旅费、维修（护）费、劳务费、工会经费、"
      f"福利费、公务用车运行维护费、办公设备购置等。")
    h2("七、“三公”经费支出决算情况说明")
    b(f"2025年度一般公共预算财政拨款“三公”经费支出决算{n(tp['total'])}万元，完成预算的"
      f"{pct(tp['total'], tb['total'])}%，{chg(tp['total'], M.prev['three_public'])}。其中：因公出国（境）费"
      f"{n(tp['overseas'])}万元；公务用车购置及运行维护费{n(tp['vehicles'])}万元（公务用车购置费"
      f"{n(tp['vehicle_purchase'])}万元，公务用车运行维护费{n(tp['vehicle_operation'])}万元）；公务接待费"
      f"{n(tp['reception'])}万元。决算数小于预算数的主要原因是厉行节约，严格控制公务接待和公务用车支出。")
    h2("八、机关运行经费支出情况说明")
    b(f"2025年度{SHORT}机关运行经费支出{n(M.operating_costs)}万元，"
      f"{chg(M.operating_costs, M.prev['operating_costs'])}，主要原因是压减一般性支出。")
    h2("九、政府采购支出情况说明")
    pr = M.procurement
    b(f"2025年度{SHORT}政府采购支出总额{n(pr['total'])}万元，其中：政府采购货物支出{n(pr['goods'])}万元、"
      f"政府采购工程支出{n(pr['works'])}万元、政府采购服务支出{n(pr['services'])}万元。")
    h2("十、国有资产占用情况说明")
    asx = M.assets
    b(f"截至{asx['date']}，{SHORT}共有房屋{asx['area']:,}平方米，价值{n(asx['value'])}万元；车辆"
      f"{asx['vehicles']}辆，其中一般公务用车{asx['vehicles']}辆。")
    h2("十一、预算绩效情况说明")
    b(f"2025年度{SHORT}对{M.projects_evaluated}个项目开展了绩效自评，涉及一般公共预算财政拨款"
      f"{n(M.performance_covered)}万元，项目总体完成情况较好。")
    h2("十二、政府性基金预算财政拨款收入支出决算情况说明")
    b(f"本部门2025年度无政府性基金预算财政拨款收入、支出和结转结余，《{TITLES['fund']}》为空表。")
    return P


def t_summary():
    inc = [("一、一般公共预算财政拨款收入", a(M.fiscal_revenue)), ("二、政府性基金预算财政拨款收入", a(Z)),
           ("三、国有资本经营预算财政拨款收入", a(Z)), ("四、上级补助收入", a(Z)), ("五、事业收入", a(M.biz_revenue)),
           ("六、经营收入", a(Z)), ("七、附属单位上缴收入", a(Z)), ("八、其他收入", a(M.other_revenue))]
    exp = [(f"{CN[i]}、{r['name']}", a(r["am"]["total"])) for i, r in enumerate(lei(M.all_rows))]
    body = []
    for i in range(max(len(inc), len(exp))):
        l = inc[i] if i < len(inc) else ("", "")
        r = exp[i] if i < len(exp) else ("", "")
        body.append([l[0], l[1], r[0], r[1]])
    body += [["", "", "", ""], ["", "", "", ""]]       # template rows the form leaves blank
    body += [["本年收入合计", a(M.rev_total), "本年支出合计", a(M.exp_total)],
             ["使用非财政拨款结余", a(Z), "结余分配", a(Z)],
             ["年初结转和结余", a(M.carry_begin), "年末结转和结余", a(M.carry_end)],
             ["总计", a(M.grand_total), "总计", a(M.grand_total)]]
    return Table("income_expenditure_summary", TITLES["summary"],
                 [[Cell("收入", cs=2), Cell("支出", cs=2)], ["项目", "决算数", "项目", "决算数"]],
                 body, [6.0, 2.6, 5.6, 2.6], dept_line=DEPT_LINE, aligns="lrlr", font=10.5,
                 note="two blank template rows above 本年收入合计 (printed, not recorded)")


def t_expenditure():
    hdr = [[Cell("科目编码", cs=3), Cell("科目名称", rs=2), Cell("本年支出合计", rs=2), Cell("基本支出", rs=2),
            Cell("项目支出", rs=2)],
           ["类", "款", "项"]]
    t = {c: sum((r["am"][c] for r in lei(M.all_rows)), Z) for c in ("total", "basic", "project")}
    body = [["", "", "", Cell("合计", align="c"), a(t["total"]), a(t["basic"]), a(t["project"])]]
    for r in M.all_rows:
        c = r["code"]
        codes = {1: [c, "", ""], 2: ["", c[3:5], ""], 3: [c[:3], c[3:5], c[5:7]]}[r["level"]]
        am = r["am"]
        body.append(codes + [Cell(r["name"], indent=r["level"] - 1), ab(am["total"]), ab(am["basic"]),
                             ab(am["project"])])
    return Table("expenditure", TITLES["expenditure"], hdr, body, [1.0, 0.9, 0.9, 6.4, 2.5, 2.5, 2.5],
                 dept_line=DEPT_LINE, aligns="cccl" + "rrr", font=9, compact=True,
                 note="all funds; code split over 类|款|项: a 款 row prints only its 2 digits")


def t_fiscal():
    F_, C0, C1, E = M.fiscal_revenue, M.carry_begin, M.carry_end, M.gb_total
    left = [("一、一般公共预算财政拨款", a(F_)), ("二、政府性基金预算财政拨款", a(Z)),
            ("三、国有资本经营预算财政拨款", a(Z))]
    right = [(f"{CN[i]}、{r['name']}", a(r["am"]["total"]), a(r["am"]["total"]), a(Z), a(Z))
             for i, r in enumerate(lei(M.gb_rows))]
    body = []
    for i in range(max(len(left), len(right))):
        l = left[i] if i < len(left) else ("", "")
        r = right[i] if i < len(right) else ("", "", "", "", "")
        body.append(list(l) + list(r))
    body += [["本年收入合计", a(F_), "本年支出合计", a(E), a(E), a(Z), a(Z)],
             ["年初财政拨款结转和结余", a(C0), "年末财政拨款结转和结余", a(C1), a(C1), a(Z), a(Z)],
             ["总计", a(F_ + C0), "总计", a(E + C1), a(E + C1), a(Z), a(Z)]]
    hdr = [[Cell("收入", cs=2), Cell("支出", cs=5)],
           ["项目", "决算数", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]]
    return Table("fiscal_summary", TITLES["fiscal"], hdr, body, [4.4, 2.0, 4.2, 2.0, 2.2, 2.2, 2.2],
                 dept_line=DEPT_LINE, aligns="lrlrrrr", font=9)


def t_general():
    hdr = [[Cell("科目名称", rs=2), Cell("预算数", cs=3), Cell("决算数", cs=3)],
           ["合计", "基本支出", "项目支出", "合计", "基本支出", "项目支出"]]
    bt = {c: sum((r["am"][c] for r in lei(M.budget_rows)), Z) for c in ("total", "basic", "project")}
    at = {c: sum((r["am"][c] for r in lei(M.gb_rows)), Z) for c in ("total", "basic", "project")}
    body = [[Cell("合计", align="c")] + [a(bt[c]) for c in ("total", "basic", "project")] +
            [a(at[c]) for c in ("total", "basic", "project")]]
    bud = {r["code"]: r["am"] for r in M.budget_rows}
    for r in M.gb_rows:
        b_ = bud[r["code"]]
        body.append([Cell(r["name"], indent=r["level"] - 1)] + [ab(b_[c]) for c in ("total", "basic", "project")] +
                    [ab(r["am"][c]) for c in ("total", "basic", "project")])
    return Table("general_budget_expenditure", TITLES["general"], hdr, body, [6.6, 1.9, 1.9, 1.9, 1.9, 1.9, 1.9],
                 dept_line=DEPT_LINE, aligns="l" + "r" * 6, font=9, compact=True, may_split=True,
                 note="no codes: names and indentation only (类 flush, 款 one step, 项 two steps); 预算数 | 决算数 "
                      "column groups (the 决算数 is the fact)")


def t_basic():
    hdr = [[Cell("经济分类科目", cs=2), Cell("决算数", cs=3)],
           ["科目编码", "科目名称", "合计", "人员经费", "公用经费"]]
    body = [["", Cell("合计", align="c"), a(M.gb_basic), a(M.personnel), a(M.public_funds)]]
    for r in M.econ_rows:
        pers = r["code"][:3] in ("301", "303")
        x = r["amount"]
        body.append([r["code"], Cell(r["name"], indent=r["level"] - 1), a(x), a(x) if pers else "",
                     "" if pers else a(x)])
    return Table("general_budget_basic", TITLES["basic"], hdr, body, [2.2, 6.4, 2.8, 2.8, 2.8],
                 dept_line=DEPT_LINE, aligns="clrrr", font=9, compact=True)


def t_three():
    tp, tb = M.tp, M.tp_budget
    rows = [("一、机关运行经费", M.operating_costs_budget, M.operating_costs, 0),
            ("二、“三公”经费合计", tb["total"], tp["total"], 0),
            ("1、因公出国（境）费", tb["overseas"], tp["overseas"], 1),
            ("2、公务用车购置及运行维护费", tb["vehicles"], tp["vehicles"], 1),
            ("其中：公务用车购置费", tb["vehicle_purchase"], tp["vehicle_purchase"], 2),
            ("公务用车运行维护费", tb["vehicle_operation"], tp["vehicle_operation"], 3),
            ("3、公务接待费", tb["reception"], tp["reception"], 1)]
    body = [[Cell(l, indent=ind), a(b_), a(x)] for l, b_, x, ind in rows]
    return Table("three_public", TITLES["three"], [["项目", "预算数", "决算数"]], body, [8.0, 3.5, 3.5],
                 dept_line=DEPT_LINE, aligns="lrr",
                 note="combined table: the 机关运行经费 row stands above the “三公”经费 rows; 预算数 | 决算数 columns")


def t_fund():
    hdr = [[Cell("科目名称", rs=2), Cell("年初结转和结余", rs=2), Cell("本年收入", rs=2), Cell("本年支出", cs=3),
            Cell("年末结转和结余", rs=2)],
           ["小计", "基本支出", "项目支出"]]
    body = [[Cell("合计", align="c"), "", "", "", "", "", ""]]
    return Table("government_fund", TITLES["fund"], hdr, body, [4.6, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0],
                 dept_line=DEPT_LINE, aligns="crrrrrr", empty=True,
                 after=[Para("注：本部门2025年度没有政府性基金预算财政拨款收入、支出和结转结余，故本表为空表。", "note")],
                 note="empty: a 合计 row with blank cells; below the “三公” table on the same page")


def document():
    cover = Section("cover", [Para(DEPT, "cover1"), Para("2025年度部门决算", "cover2"),
                              Para("二〇二六年八月", "cover3")], header=False, footer=False)
    secs = [cover, Section("flow", narrative())]
    secs.append(Section("page", [Para("第三部分　2025年度部门决算表", "h1"), t_summary()]))
    for t in (t_expenditure(), t_fiscal(), t_general(), t_basic()):
        secs.append(Section("page", [t]))
    secs.append(Section("page", [t_three(), t_fund()]))
    return Document(STEM, secs, running_header=None, footer_fmt="— {n} —")


# ---------------------------------------------------------------------------
def truth_data(d, L):
    from truth import money_fact as mf, plain_fact as pf, table_entry, scoped_items
    from model2026 import FUNC
    T = {k: next(t for t in d.tables() if t.title == v) for k, v in TITLES.items()}
    tr = lambda x: fmt(x) + "万元"
    nr = lambda x: n(x) + "万元"
    narr = "narrative"
    s = M.staff
    F_ = []
    p0 = L.find("纳入区人社局2025年度部门决算编制范围")
    F_.append(pf("dept.internal_divisions", len(DIVISIONS), f"{len(DIVISIONS)}个", p0, narr))
    F_.append(pf("dept.subordinate_units", len(UNITS), f"{len(UNITS)}个", p0, narr,
                 "二级预算单位共4个 in the sentence 纳入区人社局2025年度部门决算编制范围的…"))
    for metric, key in [("staff.authorized", "authorized"), ("staff.authorized_admin", "admin"),
                        ("staff.authorized_institution", "institution"), ("staff.actual", "actual"),
                        ("staff.retired", "retired")]:
        F_.append(pf(metric, s[key], f"{s[key]}人", p0, narr))
    ps = T["summary"].pages[0]
    pf_ = T["fiscal"].pages[0]
    F_.append(mf("revenue.total", M.rev_total, tr(M.rev_total), ps, "table", "收入支出决算总表 本年收入合计"))
    F_.append(mf("revenue.grand_total", M.grand_total, tr(M.grand_total), ps, "table", "总计 (收入)"))
    F_.append(mf("revenue.fiscal_appropriation", M.fiscal_revenue, tr(M.fiscal_revenue), pf_, "table",
                 "财政拨款收入支出决算总表 本年收入合计; narrative: 财政拨款收入"))
    F_.append(mf("revenue.general_budget_appropriation", M.fiscal_revenue, tr(M.fiscal_revenue), ps, "table"))
    F_.append(mf("revenue.government_fund_appropriation", Z, tr(Z), ps, "table"))
    F_.append(mf("revenue.business", M.biz_revenue, tr(M.biz_revenue), ps, "table", "五、事业收入"))
    F_.append(mf("revenue.operating", Z, tr(Z), ps, "table", "六、经营收入"))
    F_.append(mf("revenue.other", M.other_revenue, tr(M.other_revenue), ps, "table", "八、其他收入"))
    F_.append(mf("revenue.carryover", M.carry_begin, tr(M.carry_begin), ps, "table", "年初结转和结余"))
    F_.append(mf("expenditure.total", M.exp_total, tr(M.exp_total), ps, "table", "本年支出合计"))
    F_.append(mf("expenditure.grand_total", M.grand_total, tr(M.grand_total), ps, "table", "总计 (支出)"))
    F_.append(mf("expenditure.carryover_end", M.carry_end, tr(M.carry_end), ps, "table", "年末结转和结余"))
    pe = T["expenditure"].pages[0]
    F_.append(mf("expenditure.basic", M.basic, tr(M.basic), pe, "table",
                 f"支出决算表 合计 row (all funds: includes {n(M.non_fiscal['2080199']['basic'])} paid from 事业收入); "
                 f"the narrative's 一般公共预算财政拨款基本支出{n(M.gb_basic)} is expenditure.general_budget.basic"))
    F_.append(mf("expenditure.project", M.project, tr(M.project), pe, "table", "支出决算表 合计 row (all funds)"))
    F_.append(mf("expenditure.fiscal.total", M.gb_total, tr(M.gb_total), pf_, "table",
                 "财政拨款收入支出决算总表 本年支出合计/合计"))
    pg = T["general"].pages[0]
    F_.append(mf("expenditure.general_budget.total", M.gb_total, tr(M.gb_total), pg, "table",
                 f"决算数/合计 of the 合计 row (the 预算数/合计 {n(M.budget_total)} is not the fact)"))
    F_.append(mf("expenditure.general_budget.basic", M.gb_basic, tr(M.gb_basic), pg, "table", "决算数/基本支出"))
    F_.append(mf("expenditure.general_budget.project", M.gb_project, tr(M.gb_project), pg, "table",
                 "决算数/项目支出"))
    F_.append(mf("expenditure.government_fund.total", Z, tr(Z), pf_, "table",
                 "财政拨款收入支出决算总表 本年支出合计/政府性基金预算财政拨款"))
    dg = M.grand_total - M.prev["grand_total"]
    pc = L.find("收、支总计各")
    F_.append(mf("expenditure.total.change", dg, f"增加{nr(dg)}", pc, narr,
                 "收、支总计各增加 (the change of 支出总计 against 2024年度)"))
    F_.append(pf("expenditure.total.change_pct", pct(dg, M.prev["grand_total"]),
                 f"增长{pct(dg, M.prev['grand_total'])}%", pc, narr))
    pt = T["three"].pages[0]
    tp = M.tp
    for metric, key in [("three_public.total", "total"), ("three_public.overseas", "overseas"),
                        ("three_public.vehicles", "vehicles"), ("three_public.vehicle_purchase", "vehicle_purchase"),
                        ("three_public.vehicle_operation", "vehicle_operation"), ("three_public.reception", "reception")]:
        F_.append(mf(metric, tp[key], tr(tp[key]), pt, "table", "决算数 column (not 预算数)"))
    d3 = tp["total"] - M.prev["three_public"]
    F_.append(mf("three_public.total.change", d3, f"减少{nr(-d3)}", L.find("“三公”经费支出决算"), narr, "比上年减少"))
    F_.append(mf("operating_costs", M.operating_costs, tr(M.operating_costs), pt, "table",
                 "the 一、机关运行经费 row of the combined table, 决算数 (not a “三公” figure)"))
    pr = M.procurement
    pp = L.find("政府采购支出总额")
    for k in ("total", "goods", "works", "services"):
        F_.append(mf(f"procurement.{k}", pr[k], nr(pr[k]), pp, narr))
    pa = L.find("共有房屋")
    asx = M.assets
    F_.append(pf("assets.building_area", asx["area"], f"{asx['area']:,}平方米", pa, narr))
    F_.append(mf("assets.building_value", asx["value"], nr(asx["value"]), pa, narr))
    F_.append(pf("assets.vehicles", asx["vehicles"], f"{asx['vehicles']}辆", pa, narr))
    F_.append(mf("performance.budget_covered", M.performance_covered, nr(M.performance_covered),
                 L.find("开展了绩效自评"), narr))

    exp = T["expenditure"]

    def exp_code(i, row):
        if not row[3] or row[3] == "合计":
            return None
        if row[0] and not row[1]:
            return row[0], "printed"
        if row[1] and not row[0]:
            lei_code = next(r for r in reversed(exp.flat_body()[:i]) if r[0] and not r[1])[0]
            return lei_code + row[1], "completed"
        return row[0] + row[1] + row[2], "printed"
    al = lambda m: {"measure": m, "fund": "all", "period": "current"}
    items = scoped_items(exp, L, "expenditure", {4: al("total"), 5: al("basic"), 6: al("project")}, exp_code,
                         name_of=lambda r: r[3])
    gen = T["general"]
    codes = [r["code"] for r in M.gb_rows]

    def gen_code(i, row):
        if i == 0:
            return None
        code = codes[i - 1]
        assert FUNC[code] == row[0], (code, row[0])
        return code, "resolved_by_name"
    g = lambda m, p: {"measure": m, "fund": "general_budget", "period": p}
    items += scoped_items(gen, L, "general_budget_expenditure",
                          {1: g("total", "budget"), 2: g("basic", "budget"), 3: g("project", "budget"),
                           4: g("total", "current"), 5: g("basic", "current"), 6: g("project", "current")},
                          gen_code, name_of=lambda r: r[0])
    order = ["summary", "expenditure", "fiscal", "general", "basic", "three", "fund"]
    tables = [table_entry(T[k], drop_blank=True) for k in order]
    for e, k in zip(tables, order):
        t = T[k]
        if len(t.pages) > 1:
            e["note"] = ((e["note"] or "") + f"; runs over pages {t.pages} with the header repeated, rows from "
                         f"{', '.join(str(x) for x in t.splits)} on the next page").lstrip("; ")
    meta = {"department": DEPT, "department_short": SHORT, "region": REGION, "year": YEAR,
            "doc_kind": "final_account", "level": "department", "pages": len(L.pages)}
    return dict(metadata=meta, facts=F_, line_items=items, projects=[], indicators=[], tables=tables)
