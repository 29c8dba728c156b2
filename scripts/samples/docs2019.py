"""Sample 3: 区人社局 2019年部门预算 (reportlab, non-embedded STSong-Light).

This sample deliberately contains four inconsistencies (the WRONG_* constants);
everything else is consistent with the model."""

from doc import Cell, Para, Table, Section, Document
from model import Y2019 as M, DEPT, SHORT, DIVISIONS, UNITS, fmt, pct, Z, D

CN = "一二三四五六七八九十"
YEAR = 2019
TITLES = ["2019年部门收支总表", "2019年一般公共预算支出表", "2019年一般公共预算“三公”经费支出表",
          "2019年项目支出表"]

# ---- the deliberate inconsistencies ---------------------------------------
WRONG_PROJECT = D("1330.58")            # (a) narrative 项目支出; tables say M.project (1303.58)
WRONG_LEI = ("210", D("10.00"))         # (b) 类 210 row printed 10.00 higher than the sum of its 款 rows
WRONG_RECEPTION = D("3.50")             # (c) printed 公务接待费; total stays 10.50 (parts then sum to 11.00)
WRONG_CHANGE = D("628.45")              # (d) stated fall vs 2018; 4361.91 - 4980.36 = -618.45


def a(x):
    return fmt(x, sep=False, zero="")


def n(x):
    return fmt(x, sep=False)


def printed_three_public():
    tp = dict(M.three_public)
    tp["reception"] = WRONG_RECEPTION
    return tp


def printed_rows():
    rows = []
    for r in M.rows:
        r = {"level": r["level"], "code": r["code"], "name": r["name"], "am": dict(r["am"])}
        if r["code"] == WRONG_LEI[0]:
            r["am"]["total"] += WRONG_LEI[1]
            r["am"]["basic"] += WRONG_LEI[1]
        rows.append(r)
    return rows


def narrative():
    P = []
    b = lambda t: P.append(Para(t, "body"))
    h2 = lambda t: P.append(Para(t, "h2"))
    s = M.staff
    tp = printed_three_public()
    P.append(Para(f"{DEPT}2019年部门预算", "title"))
    P.append(Para(f"第一部分　{SHORT}2019年部门预算情况说明", "h1"))
    h2("一、部门基本情况")
    b(f"{SHORT}机关内设科室{len(DIVISIONS)}个，所属二级事业单位{len(UNITS)}个。{SHORT}共有编制{s['authorized']}人，"
      f"其中：行政编制{s['admin']}人，事业编制{s['institution']}人，员额编制2人，工勤编制1人。"
      f"在职实有人数{s['actual']}人，离退休人员{s['retired']}人。")
    h2("二、收支预算总体情况")
    b(f"2019年部门收支总预算{n(M.total)}万元，比2018年预算{n(M.total_2018)}万元减少{n(WRONG_CHANGE)}万元，"
      f"下降{pct(M.total_2018 - M.total, M.total_2018)}%，主要原因是机构改革后医疗保险相关职能划出。"
      f"收入全部为一般公共预算财政拨款收入{n(M.total)}万元。支出包括：基本支出{n(M.basic)}万元，"
      f"项目支出{n(WRONG_PROJECT)}万元，专项支出{n(M.special_total)}万元。")
    h2("三、一般公共预算支出情况")
    b(f"2019年一般公共预算支出{n(M.total)}万元。其中：基本支出{n(M.basic)}万元，包括人员经费"
      f"{n(M.personnel)}万元、公用经费{n(M.public_funds)}万元，主要用于保障机关及所属事业单位正常运转；"
      f"项目支出主要用于社保经办、职业技能培训补贴、公益性岗位补贴等{len(M.projects)}个项目；"
      f"专项支出{n(M.special_total)}万元，用于{M.special[0]}。")
    h2("四、“三公”经费预算情况")
    b(f"2019年“三公”经费预算{n(tp['total'])}万元，其中：因公出国（境）费{n(tp['overseas'])}万元，"
      f"公务用车购置及运行维护费{n(tp['vehicles'])}万元（其中：公务用车购置费{n(tp['vehicle_purchase'])}万元，"
      f"公务用车运行维护费{n(tp['vehicle_operation'])}万元），公务接待费{n(tp['reception'])}万元。")
    h2("五、其他重要事项的情况说明")
    pr = M.procurement
    b(f"2019年{SHORT}机关运行经费{n(M.operating_costs)}万元。2019年部门预算中纳入政府采购预算支出合计"
      f"{n(pr['total'])}万元，其中：货物类{n(pr['goods'])}万元，服务类{n(pr['services'])}万元。")
    return P


def t_summary():
    lei = [r for r in M.rows if r["level"] == 1]
    inc = ["一、一般公共预算拨款收入", "二、政府性基金预算拨款收入", "三、事业收入", "四、其他收入"]
    inc_amt = [a(M.total), "", "", ""]
    exp = [f"{CN[i]}、{r['name']}" for i, r in enumerate(lei)]
    exp_amt = [a(r["am"]["total"]) for r in lei]
    body = []
    for i in range(max(len(inc), len(exp))):
        body.append([inc[i] if i < len(inc) else "", inc_amt[i] if i < len(inc) else "",
                     exp[i] if i < len(exp) else "", exp_amt[i] if i < len(exp) else ""])
    body += [["本年收入合计", a(M.total), "本年支出合计", a(M.total)],
             ["收入总计", a(M.total), "支出总计", a(M.total)]]
    return Table("income_expenditure_summary", TITLES[0],
                 [[Cell("收入", cs=2), Cell("支出", cs=2)], ["项目", "预算数", "项目", "预算数"]],
                 body, [5.0, 2.6, 5.0, 2.6], dept_line=False, aligns="lrlr")


def t_general():
    rows = printed_rows()
    tot = {c: sum((r["am"][c] for r in M.rows if r["level"] == 1), Z) for c in ["total"] + M.cols}
    body = [["", Cell("合计", align="c"), a(tot["total"]), a(tot["basic"]), a(tot["project"]), a(tot["special"])]]
    for r in rows:
        am = r["am"]
        body.append([r["code"], Cell(r["name"], indent=r["level"] - 1), a(am["total"]), a(am["basic"]),
                     a(am["project"]), a(am["special"])])
    hdr = [["科目编码", "科目名称", "合计", "基本支出", "项目支出", "专项支出"]]
    return Table("general_budget_expenditure", TITLES[1], hdr, body, [1.9, 5.6, 2.0, 2.0, 2.0, 2.0],
                 dept_line=False, aligns="llrrrr", font=8.5,
                 note=f"deliberately inconsistent: the 类 210 row (合计 and 基本支出) is {n(WRONG_LEI[1])} higher "
                      "than its 款 row 21011; the 合计 row is the true total (sum of the 款 rows)")


def t_three():
    tp = printed_three_public()
    f = lambda x: fmt(x, sep=False)
    hdr = [[Cell("合计", rs=2), Cell("因公出国（境）费", rs=2), Cell("公务用车购置及运行维护费", cs=3),
            Cell("公务接待费", rs=2)], ["小计", "购置费", "运行维护费"]]
    body = [[f(tp["total"]), f(tp["overseas"]), f(tp["vehicles"]), f(tp["vehicle_purchase"]),
             f(tp["vehicle_operation"]), f(tp["reception"])]]
    return Table("three_public", TITLES[2], hdr, body, [2.4, 2.6, 2.4, 2.2, 2.4, 2.4], dept_line=False,
                 aligns="rrrrrr",
                 note=f"deliberately inconsistent: 合计 {f(tp['total'])} but the parts sum to "
                      f"{f(tp['overseas'] + tp['vehicles'] + tp['reception'])}")


def t_projects():
    body = [[Cell("合计", cs=3, align="c"), a(M.project)]]
    for name, unit, typ, code, amt in M.projects:
        body.append([code, name, unit, a(amt)])
    hdr = [["科目编码", "项目名称", "实施单位", "金额"]]
    return Table("project_expenditure", TITLES[3], hdr, body, [2.2, 5.2, 4.6, 2.4], dept_line=False,
                 aligns="lllr")


def document():
    secs = [Section("flow", narrative()),
            Section("page", [Para(f"第二部分　{SHORT}2019年部门预算公开表", "h1"), t_summary()]),
            Section("page", [t_general()]),
            Section("page", [t_three(), t_projects()])]
    return Document("rsj2019_budget_cidfont", secs, running_header=None, footer_fmt="第 {n} 页")



def truth_data(d, L):
    from truth import money_fact as mf, plain_fact as pf, line_items, table_entry
    from model import yuan
    summary, general, three, projects = d.tables()
    tr = lambda x: fmt(x, sep=False) + "万元"
    narr = "narrative"
    s = M.staff
    tp = printed_three_public()
    F = []
    p1 = L.find("机关内设科室3个")
    F.append(pf("dept.internal_divisions", len(DIVISIONS), f"{len(DIVISIONS)}个", p1, narr))
    F.append(pf("dept.subordinate_units", len(UNITS), f"{len(UNITS)}个", p1, narr))
    for metric, key in [("staff.authorized", "authorized"), ("staff.authorized_admin", "admin"),
                        ("staff.authorized_institution", "institution"), ("staff.actual", "actual"),
                        ("staff.retired", "retired")]:
        F.append(pf(metric, s[key], f"{s[key]}人", p1, narr))
    ps = summary.pages[0]
    for metric, note in [("revenue.total", "本年收入合计"), ("revenue.grand_total", "收入总计"),
                         ("revenue.general_budget_appropriation", "一、一般公共预算拨款收入"),
                         ("expenditure.total", "本年支出合计"), ("expenditure.grand_total", "支出总计")]:
        F.append(mf(metric, M.total, tr(M.total), ps, "table", "收支总表 " + note))
    pg = general.pages[0]
    F.append(mf("expenditure.basic", M.basic, tr(M.basic), pg, "table", "一般公共预算支出表 合计 row"))
    F.append(mf("expenditure.project", M.project, tr(M.project), pg, "table",
                f"一般公共预算支出表 合计 row; the narrative says 项目支出{n(WRONG_PROJECT)}万元 "
                f"(page {L.find('项目支出' + n(WRONG_PROJECT))}) - deliberate inconsistency"))
    F.append(mf("expenditure.special", M.special_total, tr(M.special_total), pg, "table",
                "一般公共预算支出表 合计 row"))
    pn = L.find("包括人员经费")
    F.append(mf("expenditure.basic.personnel", M.personnel, tr(M.personnel), pn, narr))
    F.append(mf("expenditure.basic.public_funds", M.public_funds, tr(M.public_funds), pn, narr))
    pc = L.find("比2018年预算")
    F.append(mf("expenditure.total.change", -WRONG_CHANGE, f"减少{tr(WRONG_CHANGE)}", pc, narr,
                f"as stated; deliberately wrong: {n(M.total)} - {n(M.total_2018)} = {n(M.total - M.total_2018)}"))
    F.append(pf("expenditure.total.change_pct", f"-{pct(M.total_2018 - M.total, M.total_2018)}",
                f"下降{pct(M.total_2018 - M.total, M.total_2018)}%", pc, narr,
                "consistent with the two stated totals (not with the stated change)"))
    pt = three.pages[0]
    for metric, key in [("three_public.total", "total"), ("three_public.overseas", "overseas"),
                        ("three_public.vehicles", "vehicles"), ("three_public.vehicle_purchase", "vehicle_purchase"),
                        ("three_public.vehicle_operation", "vehicle_operation"), ("three_public.reception", "reception")]:
        note = None
        if key in ("total", "reception"):
            note = "deliberate inconsistency: 合计 10.50 but 0.00 + 7.50 + 3.50 = 11.00 (narrative says the same)"
        F.append(mf(metric, tp[key], tr(tp[key]), pt, "table", note))
    po = L.find("机关运行经费")
    F.append(mf("operating_costs", M.operating_costs, tr(M.operating_costs), po, narr))
    pr = M.procurement
    F.append(mf("procurement.total", pr["total"], tr(pr["total"]), po, narr))
    F.append(mf("procurement.goods", pr["goods"], tr(pr["goods"]), po, narr))
    F.append(mf("procurement.services", pr["services"], tr(pr["services"]), po, narr))
    items = line_items(general, L, "general_budget_expenditure", [2, 3, 4, 5])
    pj = [{"project": name, "total": yuan(amt), "executing_unit": unit, "page": projects.pages[0], "code": code}
          for name, unit, typ, code, amt in M.projects]
    tables = [table_entry(t) for t in (summary, general, three, projects)]
    # inconsistencies
    lei = next(r for r in printed_rows() if r["code"] == WRONG_LEI[0])
    kuan = [r for r in M.rows if r["level"] == 2 and r["code"].startswith(WRONG_LEI[0])]
    pa = L.find("项目支出" + n(WRONG_PROJECT))
    incons = [
        {"check": "N1", "also": [],
         "what": f"narrative states 项目支出 {n(WRONG_PROJECT)}万元 but the tables (一般公共预算支出表 合计 row, "
                 f"项目支出表 合计) say {n(M.project)}万元; with it the narrative's parts "
                 f"({n(M.basic)} + {n(WRONG_PROJECT)} + {n(M.special_total)} = "
                 f"{n(M.basic + WRONG_PROJECT + M.special_total)}) no longer add up to its total {n(M.total)}",
         "pages": sorted({pa, pg, projects.pages[0]}),
         "figures": [f"项目支出{n(WRONG_PROJECT)}万元", n(M.project)]},
        # T13 (the 合计 row against the sum of the 类 rows) is the stated consequence.
        {"check": "T7", "also": ["T13"],
         "what": f"一般公共预算支出表: 类 {lei['code']} {lei['name']} is {a(lei['am']['total'])} (合计) / "
                 f"{a(lei['am']['basic'])} (基本支出) but its only 款 row {kuan[0]['code']} {kuan[0]['name']} is "
                 f"{a(kuan[0]['am']['total'])}; consequently the 合计 row ({a(M.total)}) is not the sum of the 类 rows "
                 f"({a(M.total + WRONG_LEI[1])}), and 收支总表 prints 四、卫生健康支出 {a(kuan[0]['am']['total'])}",
         "pages": [pg], "figures": [a(lei["am"]["total"]), a(kuan[0]["am"]["total"])]},
        {"check": "T4", "also": [],
         "what": f"“三公”经费 total {n(tp['total'])} is not the sum of its parts "
                 f"{n(tp['overseas'])} + {n(tp['vehicles'])} + {n(tp['reception'])} = "
                 f"{n(tp['overseas'] + tp['vehicles'] + tp['reception'])} (table and narrative alike)",
         "pages": sorted({pt, L.find("“三公”经费预算")}),
         "figures": [n(tp["total"]), n(tp["overseas"]), n(tp["vehicles"]), n(tp["reception"])]},
        {"check": "N2", "also": [],
         "what": f"stated year-over-year change 减少{n(WRONG_CHANGE)}万元 does not equal {n(M.total)} - "
                 f"{n(M.total_2018)} = {n(M.total - M.total_2018)}",
         "pages": [pc], "figures": [f"{n(M.total)}万元", f"{n(M.total_2018)}万元", f"减少{n(WRONG_CHANGE)}万元"]},
    ]
    meta = {"department": DEPT, "department_short": SHORT, "region": "武汉市东西湖区", "year": YEAR,
            "doc_kind": "budget", "level": "department", "pages": len(L.pages)}
    return dict(metadata=meta, facts=F, line_items=items, projects=pj, indicators=[], tables=tables,
                inconsistencies=incons)
