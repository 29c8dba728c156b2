"""Sample 2: 区人社局 2021年度部门决算 (Chromium headless, WenQuanYi Zen Hei)."""

from doc import Cell, Para, Table, Section, Document
from model import Y2021 as M, DEPT, SHORT, FUNCTIONS, DIVISIONS, UNITS, fmt, pct, Z

CN = "一二三四五六七八九十"
YEAR = 2021
DEPT_LINE = "编制单位：" + DEPT
TITLES = [
    "2021年度收入支出决算总表",
    "2021年度支出决算表",
    "2021年度一般公共预算财政拨款支出决算表",
    "2021年度一般公共预算财政拨款基本支出决算表",
    "2021年度“三公”经费支出决算表",
]
ROTATED_TABLE = 0     # the page of TITLES[0] gets /Rotate 90 in post-processing


def a(x):
    return fmt(x, sep=True, zero="0.00")


def n(x):
    return fmt(x, sep=True)


def change(cur, prev):
    d = cur - prev
    if d < 0:
        return f"减少{n(-d)}万元，下降{pct(-d, prev)}%"
    return f"增加{n(d)}万元，增长{pct(d, prev)}%"


def lei(rows):
    return [r for r in rows if r["level"] == 1]


def narrative():
    P = []
    h1 = lambda t: P.append(Para(t, "h1"))
    h2 = lambda t: P.append(Para(t, "h2"))
    b = lambda t: P.append(Para(t, "body"))
    s = M.staff
    tp, tb = M.three_public, M.three_public_budget
    h1("第一部分　部门概况")
    h2("一、部门主要职能")
    b("；".join(f"（{i}）{f}" for i, f in enumerate(FUNCTIONS, 1)) + "。")
    h2("二、部门决算单位构成及人员情况")
    b(f"从预算单位构成看，{SHORT}部门决算包括局机关（内设科室{len(DIVISIONS)}个）和所属二级事业单位"
      f"{len(UNITS)}个。2021年末，{SHORT}共有编制{s['authorized']}人，其中：行政编制{s['admin']}人，"
      f"事业编制{s['institution']}人；在职实有人数{s['actual']}人；离退休人员{s['retired']}人。")
    h1("第二部分　2021年度部门决算情况说明")
    h2("一、收入支出决算总体情况说明")
    b(f"2021年度收入总计{n(M.grand_total)}万元、支出总计{n(M.grand_total)}万元。与2020年度相比，收、支总计各"
      f"{change(M.grand_total, M.prev['grand_total'])}，主要原因是社会保险经办及劳动保障监察业务量增加，"
      f"相应支出增加。")
    h2("二、收入决算情况说明")
    b(f"2021年度本年收入合计{n(M.rev_total)}万元，其中：财政拨款收入{n(M.fiscal_revenue)}万元，占"
      f"{pct(M.fiscal_revenue, M.rev_total)}%；其他收入{n(M.other_revenue)}万元，占"
      f"{pct(M.other_revenue, M.rev_total)}%。另有年初结转和结余{n(M.carry_begin)}万元。")
    h2("三、支出决算情况说明")
    b(f"2021年度本年支出合计{n(M.exp_total)}万元，其中：基本支出{n(M.basic)}万元，占"
      f"{pct(M.basic, M.exp_total)}%；项目支出{n(M.project)}万元，占{pct(M.project, M.exp_total)}%。"
      f"年末结转和结余{n(M.carry_end)}万元。")
    h2("四、一般公共预算财政拨款支出决算情况说明")
    parts = "，".join(f"{r['name']}{n(r['am']['total'])}万元" for r in lei(M.rows))
    b(f"2021年度一般公共预算财政拨款支出{n(M.fiscal_total)}万元，其中：基本支出{n(M.fiscal_basic)}万元，"
      f"项目支出{n(M.fiscal_project)}万元。按支出功能分类科目（类级）分：{parts}。")
    h2("五、一般公共预算财政拨款基本支出决算情况说明")
    b(f"2021年度一般公共预算财政拨款基本支出{n(M.basic)}万元，其中：人员经费{n(M.personnel)}万元，主要包括"
      f"基本工资、津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、住房公积金、退休费等；"
      f"公用经费{n(M.public_funds)}万元，主要包括办公费、印刷费、水电费、邮电费、差旅费、维修（护）费、"
      f"工会经费、福利费、公务用车运行维护费、其他交通费用、办公设备购置等。")
    h2("六、“三公”经费支出决算情况说明")
    b(f"2021年度“三公”经费支出决算{n(tp['total'])}万元，完成预算的{pct(tp['total'], tb['total'])}%，"
      f"比2020年度决算{change(tp['total'], M.prev['three_public'])}。其中：因公出国（境）费"
      f"{n(tp['overseas'])}万元；公务用车购置及运行维护费{n(tp['vehicles'])}万元（公务用车购置费"
      f"{n(tp['vehicle_purchase'])}万元，公务用车运行维护费{n(tp['vehicle_operation'])}万元）；公务接待费"
      f"{n(tp['reception'])}万元。决算数小于预算数的主要原因是厉行节约，严格控制公务接待和公务用车支出。")
    h2("七、机关运行经费支出情况说明")
    b(f"2021年度{SHORT}机关运行经费支出{n(M.operating_costs)}万元，比2020年度"
      f"{change(M.operating_costs, M.prev['operating_costs'])}，主要原因是压减一般性支出。")
    h2("八、政府采购支出情况说明")
    pr = M.procurement
    b(f"2021年度{SHORT}政府采购支出总额{n(pr['total'])}万元，其中：政府采购货物支出{n(pr['goods'])}万元、"
      f"政府采购工程支出{n(pr['works'])}万元、政府采购服务支出{n(pr['services'])}万元。")
    h2("九、国有资产占用情况说明")
    asx = M.assets
    b(f"截至{asx['date']}，{SHORT}共有房屋面积{asx['area']:,}平方米，价值{n(asx['value'])}万元；车辆"
      f"{asx['vehicles']}辆，其中一般公务用车{asx['vehicles']}辆。")
    h2("十、预算绩效情况说明")
    b(f"2021年度纳入绩效目标管理的项目{M.projects_evaluated}个，绩效目标涉及一般公共预算财政拨款"
      f"{n(M.performance_covered)}万元，全部开展了绩效自评，项目总体完成情况较好。")
    return P


def t_summary():
    inc = [("一、一般公共预算财政拨款收入", a(M.fiscal_revenue)), ("二、政府性基金预算财政拨款收入", a(Z)),
           ("三、国有资本经营预算财政拨款收入", a(Z)), ("四、上级补助收入", a(Z)), ("五、事业收入", a(Z)),
           ("六、经营收入", a(Z)), ("七、附属单位上缴收入", a(Z)), ("八、其他收入", a(M.other_revenue))]
    exp = [(f"{CN[i]}、{r['name']}", a(r["am"]["total"])) for i, r in enumerate(lei(M.all_rows))]
    body = []
    for i in range(max(len(inc), len(exp))):
        l = inc[i] if i < len(inc) else ("", "")
        r = exp[i] if i < len(exp) else ("", "")
        body.append([l[0], l[1], r[0], r[1]])
    body += [["本年收入合计", a(M.rev_total), "本年支出合计", a(M.exp_total)],
             ["使用非财政拨款结余", a(Z), "结余分配", a(Z)],
             ["年初结转和结余", a(M.carry_begin), "年末结转和结余", a(M.carry_end)],
             ["总计", a(M.grand_total), "总计", a(M.grand_total)]]
    return Table("income_expenditure_summary", TITLES[0],
                 [[Cell("收入", cs=2), Cell("支出", cs=2)], ["项目", "金额", "项目", "金额"]],
                 body, [6.0, 2.6, 5.6, 2.6], dept_line=DEPT_LINE, aligns="lrlr", font=10.5)


def _func(rows, with_total_cs):
    tot = {c: sum((r["am"][c] for r in lei(rows)), Z) for c in ["total", "basic", "project"]}
    if with_total_cs:
        body = [[Cell("合计", cs=2, align="c"), a(tot["total"]), a(tot["basic"]), a(tot["project"])]]
    else:
        body = [["", Cell("合计", align="c"), a(tot["total"]), a(tot["basic"]), a(tot["project"])]]
    for r in rows:
        am = r["am"]
        body.append([r["code"], Cell(r["name"], indent=r["level"] - 1), a(am["total"]), a(am["basic"]),
                     a(am["project"])])
    return body


def t_expenditure():
    hdr = [[Cell("项目", cs=2), Cell("本年支出合计", rs=2), Cell("基本支出", rs=2), Cell("项目支出", rs=2)],
           ["科目编码", "科目名称"]]
    return Table("expenditure", TITLES[1], hdr, _func(M.all_rows, True), [2.2, 6.6, 2.8, 2.8, 2.8],
                 dept_line=DEPT_LINE, aligns="llrrr", font=9, compact=True)


def t_general():
    hdr = [[Cell("科目编码", rs=2), Cell("科目名称", rs=2), Cell("本年支出", cs=3)],
           ["合计", "基本支出", "项目支出"]]
    return Table("general_budget_expenditure", TITLES[2], hdr, _func(M.rows, False), [2.2, 6.6, 2.8, 2.8, 2.8],
                 dept_line=DEPT_LINE, aligns="llrrr", font=9, compact=True, style="three_line",
                 note="three-line table (三线表): only a top rule, a rule under the header and a bottom rule")


def t_basic_wide():
    g1 = M.personnel_rows
    pub = M.public_rows            # 302 + items, 310 + items
    g2 = pub[:10]
    g3 = pub[10:]
    nrows = max(len(g1), len(g2), len(g3))

    def trio(g, i):
        if i < len(g):
            r = g[i]
            return [r["code"], Cell(r["name"], indent=r["level"] - 1), a(r["amount"])]
        return ["", "", ""]
    body = [trio(g1, i) + trio(g2, i) + trio(g3, i) for i in range(nrows)]
    body.append([Cell("人员经费合计", cs=2, align="c"), a(M.personnel), Cell("公用经费合计", cs=5, align="c"),
                 a(M.public_funds)])
    hdr = [[Cell("人员经费", cs=3), Cell("公用经费", cs=6)],
           ["科目编码", "科目名称", "决算数"] * 3]
    return Table("general_budget_basic", TITLES[3], hdr, body, [1.5, 4.6, 2.0] * 3, dept_line=DEPT_LINE,
                 aligns="llr" * 3, font=9.5,
                 note="wide table on a landscape page: three column groups side by side (人员经费 | 公用经费 | "
                      "公用经费 continued); blank cells where a group has fewer rows")


def t_three():
    hdr = [[Cell("项目", rs=2), Cell("合计", rs=2), Cell("因公出国（境）费", rs=2),
            Cell("公务用车购置及运行维护费", cs=3), Cell("公务接待费", rs=2)],
           ["小计", "购置费", "运行费"]]

    def row(label, tp):
        return [label, a(tp["total"]), a(tp["overseas"]), a(tp["vehicles"]), a(tp["vehicle_purchase"]),
                a(tp["vehicle_operation"]), a(tp["reception"])]
    body = [row("预算数", M.three_public_budget), row("决算数", M.three_public)]
    return Table("three_public", TITLES[4], hdr, body, [2.6, 2.2, 2.6, 2.4, 2.2, 2.2, 2.4],
                 dept_line=DEPT_LINE, aligns="crrrrrr", font=10.5,
                 after=[Para("注：本表反映部门本年度“三公”经费支出预算数和决算数。其中，预算数为“三公”经费"
                             "年初预算数，决算数是包括当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。",
                             "note")])


def document():
    cover = Section("cover", [Para(DEPT, "cover1"), Para("2021年度部门决算", "cover2"),
                              Para("二〇二二年八月", "cover3")], header=False, footer=False)
    secs = [cover, Section("flow", narrative())]
    tables = [t_summary(), t_expenditure(), t_general(), t_basic_wide(), t_three()]
    for i, t in enumerate(tables):
        blocks = [t]
        if i == 0:
            blocks = [Para("第三部分　2021年度部门决算表", "h1")] + blocks
        secs.append(Section("page", blocks, landscape=(t.title == TITLES[3])))
    return Document("rsj2021_final_chromium", secs, running_header=None, footer_fmt="— {n} —")


# ---------------------------------------------------------------------------
def truth_data(d, L, rotated_page, landscape_page):
    from truth import money_fact as mf, plain_fact as pf, line_items, table_entry
    from model import yuan
    summary, expend, general, wide, three = d.tables()
    tr = lambda x: fmt(x) + "万元"
    nr = lambda x: n(x) + "万元"
    narr = "narrative"
    tp = M.three_public
    s = M.staff
    F = []
    p0 = L.find("部门决算包括局机关")
    F.append(pf("dept.internal_divisions", len(DIVISIONS), f"{len(DIVISIONS)}个", p0, narr))
    F.append(pf("dept.subordinate_units", len(UNITS), f"{len(UNITS)}个", p0, narr))
    for metric, key in [("staff.authorized", "authorized"), ("staff.authorized_admin", "admin"),
                        ("staff.authorized_institution", "institution"), ("staff.actual", "actual"),
                        ("staff.retired", "retired")]:
        F.append(pf(metric, s[key], f"{s[key]}人", p0, narr))
    ps = summary.pages[0]
    F.append(mf("revenue.total", M.rev_total, tr(M.rev_total), ps, "table", "收入支出决算总表 本年收入合计"))
    F.append(mf("revenue.grand_total", M.grand_total, tr(M.grand_total), ps, "table", "收入支出决算总表 总计 (收入)"))
    F.append(mf("revenue.fiscal_appropriation", M.fiscal_revenue, nr(M.fiscal_revenue),
                L.find("其中：财政拨款收入"), narr,
                "narrative 财政拨款收入; the table prints the same figure as 一般公共预算财政拨款收入"))
    F.append(mf("revenue.general_budget_appropriation", M.fiscal_revenue, tr(M.fiscal_revenue), ps, "table"))
    F.append(mf("revenue.government_fund_appropriation", Z, tr(Z), ps, "table"))
    F.append(mf("revenue.business", Z, tr(Z), ps, "table", "五、事业收入"))
    F.append(mf("revenue.operating", Z, tr(Z), ps, "table", "六、经营收入"))
    F.append(mf("revenue.other", M.other_revenue, tr(M.other_revenue), ps, "table"))
    F.append(mf("revenue.carryover", M.carry_begin, tr(M.carry_begin), ps, "table", "年初结转和结余"))
    F.append(mf("expenditure.total", M.exp_total, tr(M.exp_total), ps, "table", "本年支出合计"))
    F.append(mf("expenditure.grand_total", M.grand_total, tr(M.grand_total), ps, "table", "总计 (支出)"))
    F.append(mf("expenditure.carryover_end", M.carry_end, tr(M.carry_end), ps, "table", "年末结转和结余"))
    pe = expend.pages[0]
    F.append(mf("expenditure.basic", M.basic, tr(M.basic), pe, "table", "支出决算表 合计 row"))
    F.append(mf("expenditure.project", M.project, tr(M.project), pe, "table", "支出决算表 合计 row"))
    pw = wide.pages[0]
    F.append(mf("expenditure.basic.personnel", M.personnel, tr(M.personnel), pw, "table", "人员经费合计"))
    F.append(mf("expenditure.basic.wages_welfare", M.wages_welfare, tr(M.wages_welfare), pw, "table", "301 row"))
    F.append(mf("expenditure.basic.individual_family_subsidies", M.individual, tr(M.individual), pw, "table",
                "303 row"))
    F.append(mf("expenditure.basic.public_funds", M.public_funds, tr(M.public_funds), pw, "table", "公用经费合计"))
    dg = M.grand_total - M.prev["grand_total"]
    pc = L.find("收、支总计各")
    F.append(mf("expenditure.total.change", dg, f"增加{nr(dg)}", pc, narr,
                "the only stated change of a total: 收、支总计各增加 (about 支出总计, against 2020年度)"))
    F.append(pf("expenditure.total.change_pct", pct(dg, M.prev["grand_total"]),
                f"增长{pct(dg, M.prev['grand_total'])}%", pc, narr))
    pt = three.pages[0]
    for metric, key in [("three_public.total", "total"), ("three_public.overseas", "overseas"),
                        ("three_public.vehicles", "vehicles"), ("three_public.vehicle_purchase", "vehicle_purchase"),
                        ("three_public.vehicle_operation", "vehicle_operation"), ("three_public.reception", "reception")]:
        F.append(mf(metric, tp[key], tr(tp[key]), pt, "table", "“三公”经费支出决算表, row 决算数"))
    d3 = tp["total"] - M.prev["three_public"]
    F.append(mf("three_public.total.change", d3, f"减少{nr(-d3)}", L.find("“三公”经费支出决算"), narr,
                "比2020年度决算减少"))
    F.append(mf("operating_costs", M.operating_costs, nr(M.operating_costs), L.find("机关运行经费支出"), narr))
    pr = M.procurement
    pp = L.find("政府采购支出总额")
    for k in ("total", "goods", "works", "services"):
        F.append(mf(f"procurement.{k}", pr[k], nr(pr[k]), pp, narr))
    pa = L.find("共有房屋面积")
    asx = M.assets
    F.append(pf("assets.building_area", asx["area"], f"{asx['area']:,}平方米", pa, narr))
    F.append(mf("assets.building_value", asx["value"], nr(asx["value"]), pa, narr))
    F.append(pf("assets.vehicles", asx["vehicles"], f"{asx['vehicles']}辆", pa, narr))
    F.append(mf("performance.budget_covered", M.performance_covered, nr(M.performance_covered),
                L.find("绩效目标涉及一般公共预算财政拨款"), narr))
    items = line_items(general, L, "general_budget_expenditure", [2, 3, 4])
    tables = [table_entry(t) for t in (summary, expend, general, wide, three)]
    tables[0]["note"] = (f"page {rotated_page} has /Rotate 90 with its content drawn rotated the opposite way, "
                         "so it displays upright")
    meta = {"department": DEPT, "department_short": SHORT, "region": "武汉市东西湖区", "year": YEAR,
            "doc_kind": "final_account", "level": "department", "pages": len(L.pages)}
    return dict(metadata=meta, facts=F, line_items=items, projects=[], indicators=[], tables=tables)
