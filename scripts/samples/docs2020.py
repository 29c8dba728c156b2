"""Sample 1: 武汉市东西湖区人力资源和社会保障局 2020年部门预算 (LibreOffice Writer)."""

from doc import Cell, Para, Table, Section, Document
from model import Y2020 as M, Y2019 as P, DEPT, SHORT, FUNCTIONS, DIVISIONS, UNITS, UNIT_SELF, fmt, pct, Z

CN = "一二三四五六七八九十"


def a(x):
    """table amount: thousands separators, blank for zero"""
    return fmt(x, sep=True, zero="")


def n(x):
    """narrative amount"""
    return fmt(x, sep=False)


def change(cur, prev, unit="万元"):
    d = cur - prev
    if d < 0:
        return f"减少{n(-d)}{unit}，下降{pct(-d, prev)}%"
    if d > 0:
        return f"增加{n(d)}{unit}，增长{pct(d, prev)}%"
    return "持平"


DEPT_LINE = "编制部门：" + DEPT
YEAR = 2020
TITLES = [
    "2020年部门收支总表",
    "2020年部门收入总表",
    "2020年部门支出总表",
    "2020年财政拨款收支总表",
    "2020年一般公共预算支出表",
    "2020年一般公共预算基本支出表",
    "2020年一般公共预算“三公”经费支出表",
    "2020年政府性基金预算支出表",
    "2020年项目支出表",
    "2020年项目支出绩效目标申报表",
]
PERF_PROJECT = "人事人才工作经费"


def lei_rows():
    return [r for r in M.rows if r["level"] == 1]


# ---------------------------------------------------------------------------
def narrative():
    s = M.staff
    tp, tq = M.three_public, P.three_public
    lei = lei_rows()
    by_func = "，".join(f"{r['name']}{n(r['am']['total'])}万元" for r in lei)
    P_ = []
    h1 = lambda t: P_.append(Para(t, "h1"))
    h2 = lambda t: P_.append(Para(t, "h2"))
    h3 = lambda t: P_.append(Para(t, "h3"))
    b = lambda t: P_.append(Para(t, "body"))
    h1(f"第一部分　{SHORT}2020年部门预算情况说明")
    h2("一、部门基本情况")
    h3("（一）部门主要职能")
    for i, f in enumerate(FUNCTIONS, 1):
        b(f"{i}．{f}。")
    h3("（二）部门预算单位构成情况")
    b(f"{SHORT}机关内设科室{len(DIVISIONS)}个（{'、'.join(DIVISIONS)}），所属二级事业单位{len(UNITS)}个，"
      f"均纳入本部门2020年部门预算编制范围。")
    h3("（三）人员情况")
    b(f"{SHORT}共有编制{s['authorized']}人，其中：行政编制{s['admin']}人，事业编制{s['institution']}人"
      f"（其中参照公务员法管理{s['institution_civil']}人），员额编制{s['quota']}人，工勤编制{s['worker']}人。"
      f"在职实有人数{s['actual']}人，其中：行政编制{s['actual_admin']}人，工勤编制{s['actual_worker']}人，"
      f"全额事业编制{s['actual_full']}人（其中参照公务员法管理{s['actual_full_civil']}人），"
      f"自收自支事业编制{s['actual_self']}人，员额编制{s['actual_quota']}人。离退休人员{s['retired']}人，"
      f"其中：财政统发退休人员{s['retired_fiscal']}人、自收自支退休人员{s['retired_self']}人。")
    h2("二、2020年度工作目标及主要任务")
    b("（一）全力确保就业局势稳定。切实把稳就业作为首要任务和头等大事，全面落实促进就业的各项政策措施，"
      "统筹使用好就业补助资金，加强监管，防范“跑冒滴漏”。继续组织好“春风行动”等大型招聘活动，"
      "确保2020年实现城镇新增就业1.2万人，城镇登记失业率控制在3.2%以内。深入实施职业技能提升行动，"
      "积极落实新一轮创业担保贷款政策，促进创业带动就业。")
    b("（二）稳步提高社会保障水平。推动机关事业单位养老保险制度改革全面实施到位，继续深入实施全民参保计划，"
      "重点对中小企业职工、农民工、灵活就业人员等群体实施精准扩面，2020年争取社保覆盖率99%，"
      "社会保障卡普及率达85%以上。落实好阶段性降低社会保险费率政策，加强基金监管，严格防控基金运行风险。")
    b("（三）切实加强人才人事工作。指导全区建立完善岗位管理、人员聘用、干部任免制度，更加规范、安全、科学"
      "组织2020年各类职业能力鉴定和人事考试招聘等工作。紧盯我区芯、屏、网、智、能五大战略新兴产业，"
      "建立健全引才工作常态化机制，为全区经济发展提供人才支撑。")
    b("（四）确保劳动关系和谐稳定。加大治欠保支力度，全面推行农民工工资实名制监管信息化，全面推行劳动监察"
      "“网格化、网络化”管理。推进“互联网+调解仲裁”建设，积极发挥街道劳动争议调解中心作用，"
      "最大限度将矛盾纠纷在基层化解。")
    b("（五）持续推进系统行风和公共服务体系建设。持续推进“减证便民”，全面推行综合柜员制服务，"
      "全力实施“互联网+人社”2020行动，扩大网办服务事项，确保窗口服务落地、群众满意。")
    h2("三、部门收支预算总体安排情况")
    b(f"按照综合预算的原则，{SHORT}所有收入和支出均纳入部门预算管理。收入包括：一般公共预算财政拨款收入"
      f"{n(M.total)}万元；支出包括：基本支出{n(M.basic)}万元，项目支出{n(M.project)}万元，"
      f"专项支出{n(M.special_total)}万元。")
    b(f"2020年部门收支总预算{n(M.total)}万元，比2019年预算{change(M.total, P.total)}，"
      f"主要是机构改革后职能减少，并响应上级指示压减预算，其中项目支出大幅减少。")
    h3("（一）部门收入预算安排情况")
    b(f"2020年部门收入预算{n(M.total)}万元，其中：一般公共预算财政拨款收入{n(M.total)}万元，占100%。")
    h3("（二）部门支出预算安排情况")
    b(f"2020年部门支出预算{n(M.total)}万元，其中：基本支出{n(M.basic)}万元，占{pct(M.basic, M.total)}%；"
      f"项目支出{n(M.project)}万元，占{pct(M.project, M.total)}%；专项支出{n(M.special_total)}万元，"
      f"占{pct(M.special_total, M.total)}%。")
    h2("四、财政拨款收支预算总体情况")
    b(f"2020年财政拨款预算收入{n(M.total)}万元，财政拨款预算支出{n(M.total)}万元，包括：基本支出"
      f"{n(M.basic)}万元，项目支出{n(M.project)}万元，专项支出{n(M.special_total)}万元，总预算收支平衡。")
    h2("五、一般公共预算财政拨款支出预算情况")
    b(f"2020年一般公共预算财政拨款支出预算{n(M.total)}万元，比2019年预算{change(M.total, P.total)}。"
      f"按支出功能分类，其中：{by_func}。主要安排情况如下：")
    h3(f"（一）基本支出{n(M.basic)}万元，比2019年预算{change(M.basic, P.basic)}，"
       f"主要原因是机构改革后人员分流减少。其中：")
    b(f"1．人员经费{n(M.personnel)}万元，包括：（1）工资福利支出{n(M.wages_welfare)}万元，主要用于在职人员"
      f"工资、津贴、奖金、住房公积金及社会保障缴费支出；（2）对个人和家庭的补助{n(M.individual)}万元，"
      f"主要用于离退休人员费用、抚恤金及医疗补助支出。")
    b(f"2．公用经费{n(M.public_funds)}万元，比2019年预算{change(M.public_funds, P.public_funds)}，"
      f"主要原因是公用支出正常增长，主要用于办公费、水电费、印刷费、福利费、工会经费等。")
    h3(f"（二）项目支出{n(M.project)}万元，比2019年预算{change(M.project, P.project)}，"
       f"主要原因是机构改革后职能减少，项目支出相应减少。")
    b(f"项目支出主要用于预备役部队训练、社保经办、劳动保障监察和劳动人事争议仲裁等{len(M.projects)}个项目，"
      f"详见《2020年项目支出表》。")
    h3(f"（三）专项支出{n(M.special_total)}万元，主要用于{M.special[0]}，比2019年预算"
       f"{change(M.special_total, P.special[2])}。")
    h2("六、一般公共预算“三公”经费支出预算情况")
    b(f"“三公”经费的单位范围包括局机关及所属{len(UNITS)}个二级事业单位。2020年部门财政拨款安排“三公”经费"
      f"预算{n(tp['total'])}万元，比2019年预算{change(tp['total'], tq['total'])}。其中：")
    b(f"1．因公出国（境）费预算{n(tp['overseas'])}万元，与2019年预算持平。")
    b(f"2．公务用车购置及运行维护费{n(tp['vehicles'])}万元，比2019年预算{change(tp['vehicles'], tq['vehicles'])}。"
      f"其中：（1）公务用车购置费{n(tp['vehicle_purchase'])}万元；（2）公务用车运行维护费"
      f"{n(tp['vehicle_operation'])}万元，主要用于{M.assets['vehicles']}辆公务用车的燃料、维修、保险等支出。")
    b(f"3．公务接待费{n(tp['reception'])}万元，比2019年预算{change(tp['reception'], tq['reception'])}。")
    h2("七、政府性基金预算财政拨款支出预算情况")
    b("本部门2020年无政府性基金预算财政拨款安排的支出，《2020年政府性基金预算支出表》为空表。")
    h2("八、其他重要事项的情况说明")
    h3("（一）机关运行经费情况")
    b(f"2020年部门机关及下属参照公务员法管理事业单位的机关运行经费{n(M.operating_costs)}万元，比2019年预算"
      f"{change(M.operating_costs, P.operating_costs)}。主要包括：办公费、印刷费、水电费、邮电费、差旅费、"
      f"会议费、福利费、日常维修费、公务用车运行维护费及其他费用等。")
    h3("（二）政府采购预算情况")
    pr = M.procurement
    b(f"按照现行政府采购管理规定，2020年部门预算中纳入政府采购预算支出合计{n(pr['total'])}万元，其中：货物类"
      f"{n(pr['goods'])}万元，服务类{n(pr['services'])}万元，工程类{n(pr['works'])}万元。")
    h3("（三）国有资产占有使用情况")
    asx = M.assets
    b(f"截至{asx['date']}，部门共有房屋面积{asx['area']}平方米，价值{n(asx['value'])}万元；"
      f"车辆{asx['vehicles']}辆，均为一般公务用车。")
    h3("（四）绩效目标设置情况")
    b(f"2020年部门{len(M.projects)}个预算项目全部设置了绩效目标，绩效目标涉及一般公共预算本年财政拨款数"
      f"{n(M.project)}万元。")
    h2("九、专业性较强的名称解释")
    b("1．一般公共预算：以税收为主体的财政收入，安排用于保障和改善民生、推动经济社会发展、维护国家安全、"
      "维护国家机构正常运转等方面的收支预算。")
    b("2．“三公”经费：指使用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和"
      "公务接待费。")
    b("3．机关运行经费：为保障行政单位（包括参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，"
      "包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、办公用房水电费、办公用房物业管理费、"
      "公务用车运行维护费以及其他费用等。")
    return P_


# ---------------------------------------------------------------------------
def t_summary():
    lei = lei_rows()
    inc = ["一、一般公共预算拨款收入", "二、政府性基金预算拨款收入", "三、国有资本经营预算拨款收入",
           "四、事业收入", "五、事业单位经营收入", "六、其他收入"]
    inc_amt = [a(M.total), "", "", "", "", ""]
    exp = [f"{CN[i]}、{r['name']}" for i, r in enumerate(lei)]
    exp_amt = [a(r["am"]["total"]) for r in lei]
    body = []
    for i in range(max(len(inc), len(exp))):
        body.append([inc[i] if i < len(inc) else "", inc_amt[i] if i < len(inc) else "",
                     exp[i] if i < len(exp) else "", exp_amt[i] if i < len(exp) else ""])
    body += [["本年收入合计", a(M.total), "本年支出合计", a(M.total)],
             ["上年结转", "", "结转下年", ""],
             ["收入总计", a(M.total), "支出总计", a(M.total)]]
    return Table("income_expenditure_summary", TITLES[0],
                 [[Cell("收入", cs=2), Cell("支出", cs=2)], ["项目", "预算数", "项目", "预算数"]],
                 body, [5.2, 3.3, 5.2, 3.3], dept_line=DEPT_LINE, aligns="lrlr")


def t_income():
    body = [[Cell("合计", cs=2, align="c"), a(M.total), a(M.total), "", "", "", ""]]
    units = [UNIT_SELF] + [(c, full) for c, full, short in UNITS]
    for code, name in units:
        v = M.unit_income[code]
        body.append([code, name, a(v), a(v), "", "", "", ""])
    hdr = [[Cell("单位编码", rs=2), Cell("单位名称", rs=2), Cell("合计", rs=2), Cell("本年收入", cs=4),
            Cell("上年结转", rs=2)],
           ["一般公共预算拨款收入", "政府性基金预算拨款收入", "事业收入", "其他收入"]]
    return Table("income", TITLES[1], hdr, body, [1.5, 5.3, 1.9, 2.0, 2.0, 1.5, 1.5, 1.5],
                 dept_line=DEPT_LINE, aligns="clrrrrrr")


def _func_body(split_code, with_total=True):
    body = []
    if with_total:
        t = {c: sum((r["am"][c] for r in lei_rows()), Z) for c in ["total"] + M.cols}
        first = ["", "", "", "合计"] if split_code else ["", "合计"]
        body.append(first + [a(t["total"]), a(t["basic"]), a(t["project"]), a(t["special"])])
    for r in M.rows:
        c = r["code"]
        if split_code:
            codes = [c[:3], c[3:5] if len(c) >= 5 else "", c[5:7] if len(c) == 7 else ""]
            name = Cell(r["name"], indent=r["level"] - 1)
        else:
            codes = [c]
            name = Cell(r["name"], indent=r["level"] - 1)
        am = r["am"]
        body.append(codes + [name, a(am["total"]), a(am["basic"]), a(am["project"]), a(am["special"])])
    return body


def t_expenditure():
    hdr = [[Cell("科目编码", cs=3), Cell("科目名称", rs=2), Cell("合计", rs=2), Cell("基本支出", rs=2),
            Cell("项目支出", rs=2), Cell("专项支出", rs=2)],
           ["类", "款", "项"]]
    return Table("expenditure", TITLES[2], hdr, _func_body(True),
                 [0.95, 0.8, 0.8, 6.6, 2.1, 2.1, 2.1, 2.0], dept_line=DEPT_LINE, aligns="cccl" + "rrrr",
                 font=9, compact=True)


def t_fiscal():
    lei = lei_rows()
    T = a(M.total)
    left = [("一、本年收入", T), ("（一）一般公共预算拨款", T), ("（二）政府性基金预算拨款", ""),
            ("二、上年结转", ""), ("（一）一般公共预算拨款", ""), ("（二）政府性基金预算拨款", "")]
    right = [("一、本年支出", T, T, "")]
    for i, r in enumerate(lei):
        v = a(r["am"]["total"])
        right.append((f"（{CN[i]}）{r['name']}", v, v, ""))
    right.append(("二、结转下年", "", "", ""))
    body = []
    for i in range(max(len(left), len(right))):
        l = left[i] if i < len(left) else ("", "")
        r = right[i] if i < len(right) else ("", "", "", "")
        body.append(list(l) + list(r))
    body.append(["收入总计", T, "支出总计", T, T, ""])
    hdr = [[Cell("收入", cs=2), Cell("支出", cs=4)],
           ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算"]]
    return Table("fiscal_summary", TITLES[3], hdr, body, [4.6, 2.2, 4.6, 2.0, 2.1, 2.0],
                 dept_line=DEPT_LINE, aligns="lrlrrr")


def t_general():
    hdr = [[Cell("科目编码", rs=2), Cell("科目名称", rs=2), Cell("2020年预算数", cs=4)],
           ["合计", "基本支出", "项目支出", "专项支出"]]
    return Table("general_budget_expenditure", TITLES[4], hdr, _func_body(False),
                 [1.9, 4.9, 2.55, 2.55, 2.55, 2.55], dept_line=DEPT_LINE, aligns="ll" + "rrrr",
                 may_split=True, font=10.5)


def t_basic():
    hdr = [[Cell("部门预算支出经济分类科目", cs=2), Cell("2020年基本支出", cs=3)],
           ["科目编码", "科目名称", "合计", "人员经费", "公用经费"]]
    body = [["", "合计", a(M.basic), a(M.personnel), a(M.public_funds)]]
    for r in M.econ_rows:
        personnel = not r["code"].startswith("302")
        v = r["amount"]
        body.append([r["code"], Cell(r["name"], indent=r["level"] - 1), a(v),
                     a(v) if personnel else "", "" if personnel else a(v)])
    return Table("general_budget_basic", TITLES[5], hdr, body, [2.2, 6.4, 2.8, 2.8, 2.8],
                 dept_line=DEPT_LINE, aligns="clrrr", font=9.5)


def three_public_row(label, tp, zero="0.00"):
    f = lambda x: fmt(x, sep=True, zero=zero)
    return [label, f(tp["total"]), f(tp["overseas"]), f(tp["vehicles"]), f(tp["vehicle_purchase"]),
            f(tp["vehicle_operation"]), f(tp["reception"])]


def t_three():
    hdr = [[Cell("项目", rs=2), Cell("合计", rs=2), Cell("因公出国（境）费", rs=2),
            Cell("公务用车购置及运行维护费", cs=3), Cell("公务接待费", rs=2)],
           ["小计", "购置费", "运行费"]]
    body = [three_public_row("2020年预算数", M.three_public),
            three_public_row("2019年预算数", P.three_public)]
    return Table("three_public", TITLES[6], hdr, body, [2.9, 2.2, 2.5, 2.4, 2.2, 2.2, 2.4],
                 dept_line=DEPT_LINE, aligns="crrrrrr")


def t_fund():
    hdr = [[Cell("科目编码", rs=2), Cell("科目名称", rs=2), Cell("本年政府性基金预算支出", cs=3)],
           ["合计", "基本支出", "项目支出"]]
    return Table("government_fund", TITLES[7], hdr, [], [2.4, 5.6, 3.0, 3.0, 3.0], dept_line=DEPT_LINE,
                 empty=True, after=[Para("注：本部门2020年无政府性基金预算收入，也没有使用政府性基金预算拨款"
                                         "安排的支出，本表为空表。", "note")],
                 note="empty table: header only, 本表为空表 printed below it")


def t_projects():
    hdr = [[Cell("项目名称", rs=2), Cell("实施单位", rs=2), Cell("合计", rs=2), Cell("项目性质", cs=2)],
           ["经常性项目", "一次性项目"]]
    body = []
    for name, unit, typ, code, amt in M.projects:
        body.append([name, unit, a(amt), a(amt) if typ == "经常性项目" else "0.00",
                     a(amt) if typ == "一次性项目" else "0.00"])
    body.append([Cell("合计", cs=2, align="c"), a(M.project), a(M.recurring), a(M.one_off)])
    return Table("project_expenditure", TITLES[8], hdr, body, [5.4, 4.4, 2.4, 2.4, 2.4],
                 dept_line=DEPT_LINE, aligns="llrrr")


PERF = {
    "project": PERF_PROJECT,
    "manager": DEPT,
    "unit": "区人社局机关",
    "type": "经常性项目",
    "attr": "延续项目",
    "total": None,  # filled below
    "content": "组织实施事业单位公开招聘考试、考核、培训等工作，开展人才引进、人员调配及专业技术人员"
               "职称评审工作。",
    "goal": "完成2020年度事业单位公开招聘、职称评审申报及人才引进工作，满足我区事业单位用人需求。",
    "indicators": [
        ("产出指标", "数量指标", "完成事业单位公开招聘人员（以实际招聘人员为准）", "100%"),
        ("产出指标", "数量指标", "完成中高级职称评审", "≥95%"),
        ("产出指标", "数量指标", "组织招聘会及人才政策宣讲活动", "12场/年"),
        ("产出指标", "质量指标", "年度人才引进任务完成率", "≥80%"),
        ("产出指标", "质量指标", "职称审核通过，市职改部门受理，进入评委会完成率", "100%"),
        ("产出指标", "时效指标", "职称申报材料审核办结时限", "≤3个工作日"),
        ("产出指标", "成本指标", "招聘人员、引进人才人均成本", "2000元/人"),
        ("产出指标", "成本指标", "职称评审成本", "250元/人"),
        ("效益指标", "社会效益指标", "满足我区事业单位的用人需求，优化人员结构", "有效提升"),
        ("效益指标", "可持续影响指标", "促进就业", "可持续增长"),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"),
    ],
}
PERF["total"] = next(p[4] for p in M.projects if p[0] == PERF_PROJECT)


def t_perf():
    p = PERF
    amt = fmt(p["total"])
    form_rows = [
        ["项目名称", Cell(p["project"], cs=3)],
        ["主管部门", p["manager"], "实施单位", p["unit"]],
        ["项目类型", p["type"], "项目属性", p["attr"]],
        ["项目总额", amt, "当年预算", amt],
        ["资金来源", "一般公共预算财政拨款", "金额", amt],
        ["项目主要内容", Cell(p["content"], cs=3)],
        ["年度绩效目标", Cell(p["goal"], cs=3)],
    ]
    form = Table("performance_target", TITLES[9], [], form_rows, [2.9, 6.1, 2.6, 5.4], dept_line=DEPT_LINE,
                 aligns="clcl", record=False, style="form")
    # indicator table: 一级 / 二级 cells span the rows they cover
    ind = p["indicators"]
    body = []
    for i, (l1, l2, l3, v) in enumerate(ind):
        row = []
        if i == 0 or ind[i - 1][0] != l1:
            row.append(Cell(l1, rs=sum(1 for x in ind if x[0] == l1)))
        if i == 0 or ind[i - 1][:2] != (l1, l2):
            row.append(Cell(l2, rs=sum(1 for x in ind if x[:2] == (l1, l2))))
        row += [l3, v]
        body.append(row)
    table = Table("performance_target", TITLES[9], [["一级指标", "二级指标", "三级指标", "指标值"]], body,
                  [2.6, 3.0, 8.3, 3.1], unit="", dept_line=False, show_title=False, aligns="ccll",
                  note=f"indicator table of the 项目支出绩效目标申报表 of {p['project']}; the key-value form above it "
                       "(项目名称 ... 年度绩效目标) is recorded in facts.toml [[projects]]; 一级指标/二级指标 cells "
                       "span several rows: written in their first row, \"\" in the rows they cover")
    return [form, table]


def document():
    cover = Section("cover", [Para(DEPT, "cover1"), Para("2020年部门预算", "cover2"),
                              Para("二〇二〇年一月", "cover3")], header=False, footer=False)
    toc = Section("page", [Para("目　录", "toc_title"),
                           Para(f"第一部分　{SHORT}2020年部门预算情况说明", "toc"),
                           Para(f"第二部分　{SHORT}2020年部门预算公开表", "toc")] +
                  [Para(f"{CN[i] if i < 10 else '十'}、{t}", "toc2") for i, t in enumerate(TITLES)])
    secs = [cover, toc, Section("flow", narrative())]
    tables = [t_summary(), t_income(), t_expenditure(), t_fiscal(), t_general(), t_basic(), t_three(),
              t_fund(), t_projects()]
    for i, t in enumerate(tables):
        blocks = [t]
        if i == 0:
            blocks = [Para(f"第二部分　{SHORT}2020年部门预算公开表", "h1")] + blocks
        secs.append(Section("page", blocks))
    secs.append(Section("page", t_perf()))
    return Document("rsj2020_budget_writer", secs, running_header=f"{SHORT}2020年部门预算",
                    footer_fmt="— {n} —")


# ---------------------------------------------------------------------------
def truth_data(d, L):
    """metadata / facts / line items / projects / indicators / tables for sample 1."""
    from truth import money_fact as mf, plain_fact as pf, line_items, table_entry
    (summary, income, expend, fiscal, general, basic, three, fund, projects, form,
     ind) = d.tables()
    tr = lambda x: fmt(x) + "万元"
    nr = lambda x: n(x) + "万元"
    narr = "narrative"
    tp, tq = M.three_public, P.three_public
    F = []
    F.append(pf("dept.internal_divisions", len(DIVISIONS), f"{len(DIVISIONS)}个", L.find("机关内设科室3个"), narr))
    F.append(pf("dept.subordinate_units", len(UNITS), f"{len(UNITS)}个", L.find("所属二级事业单位10个，均纳入"), narr))
    s = M.staff
    for metric, key, needle in [("staff.authorized", "authorized", "共有编制62人"),
                                ("staff.authorized_admin", "admin", "行政编制18人"),
                                ("staff.authorized_institution", "institution", "事业编制41人"),
                                ("staff.actual", "actual", "在职实有人数57人"),
                                ("staff.retired", "retired", "离退休人员27人")]:
        F.append(pf(metric, s[key], f"{s[key]}人", L.find(needle), narr))
    p_sum = summary.pages[0]
    F.append(mf("revenue.total", M.total, tr(M.total), p_sum, "table",
                "收支总表 本年收入合计; the narrative states the same figure"))
    F.append(mf("revenue.grand_total", M.total, tr(M.total), p_sum, "table", "收支总表 收入总计"))
    F.append(mf("revenue.fiscal_appropriation", M.total, tr(M.total), fiscal.pages[0], "table",
                "财政拨款收支总表 一、本年收入; narrative: 2020年财政拨款预算收入2934.45万元"))
    F.append(mf("revenue.general_budget_appropriation", M.total, tr(M.total), p_sum, "table",
                "收支总表 一、一般公共预算拨款收入"))
    F.append(mf("expenditure.total", M.total, tr(M.total), p_sum, "table", "收支总表 本年支出合计"))
    F.append(mf("expenditure.grand_total", M.total, tr(M.total), p_sum, "table", "收支总表 支出总计"))
    pe = expend.pages[0]
    F.append(mf("expenditure.basic", M.basic, tr(M.basic), pe, "table", "支出总表 合计 row"))
    F.append(mf("expenditure.project", M.project, tr(M.project), pe, "table", "支出总表 合计 row"))
    F.append(mf("expenditure.special", M.special_total, tr(M.special_total), pe, "table", "支出总表 合计 row"))
    pb = basic.pages[0]
    F.append(mf("expenditure.basic.personnel", M.personnel, tr(M.personnel), pb, "table",
                "一般公共预算基本支出表 合计 row, 人员经费"))
    F.append(mf("expenditure.basic.wages_welfare", M.wages_welfare, tr(M.wages_welfare), pb, "table",
                "一般公共预算基本支出表 301 row"))
    F.append(mf("expenditure.basic.individual_family_subsidies", M.individual, tr(M.individual), pb, "table",
                "一般公共预算基本支出表 303 row"))
    F.append(mf("expenditure.basic.public_funds", M.public_funds, tr(M.public_funds), pb, "table",
                "一般公共预算基本支出表 合计 row, 公用经费"))
    dtot = M.total - P.total
    F.append(mf("expenditure.total.change", dtot, f"减少{nr(-dtot)}", L.find("2020年部门收支总预算"), narr,
                "比2019年预算减少 (stated twice, same figure: 三 and 五)"))
    F.append(pf("expenditure.total.change_pct", f"-{pct(-dtot, P.total)}", f"下降{pct(-dtot, P.total)}%",
                L.find("2020年部门收支总预算"), narr))
    pt = three.pages[0]
    for metric, key in [("three_public.total", "total"), ("three_public.overseas", "overseas"),
                        ("three_public.vehicles", "vehicles"), ("three_public.vehicle_purchase", "vehicle_purchase"),
                        ("three_public.vehicle_operation", "vehicle_operation"), ("three_public.reception", "reception")]:
        F.append(mf(metric, tp[key], tr(tp[key]), pt, "table", "“三公”经费支出表, row 2020年预算数"))
    d3 = tp["total"] - tq["total"]
    F.append(mf("three_public.total.change", d3, f"减少{nr(-d3)}", L.find("“三公”经费预算8.00万元"), narr))
    F.append(mf("operating_costs", M.operating_costs, nr(M.operating_costs), L.find("机关运行经费191.30万元"), narr))
    pr = M.procurement
    pp = L.find("纳入政府采购预算支出合计")
    F.append(mf("procurement.total", pr["total"], nr(pr["total"]), pp, narr))
    F.append(mf("procurement.goods", pr["goods"], nr(pr["goods"]), pp, narr))
    F.append(mf("procurement.services", pr["services"], nr(pr["services"]), pp, narr))
    F.append(mf("procurement.works", pr["works"], nr(pr["works"]), pp, narr))
    pa = L.find("部门共有房屋面积")
    asx = M.assets
    F.append(pf("assets.building_area", asx["area"], f"{asx['area']}平方米", pa, narr))
    F.append(mf("assets.building_value", asx["value"], nr(asx["value"]), pa, narr))
    F.append(pf("assets.vehicles", asx["vehicles"], f"{asx['vehicles']}辆", pa, narr))
    F.append(mf("performance.budget_covered", M.project, nr(M.project), L.find("绩效目标涉及一般公共预算本年财政拨款数"),
                narr))

    items = line_items(general, L, "general_budget_expenditure", [2, 3, 4, 5])

    from model import yuan
    pj = []
    for name, unit, typ, code, amt in M.projects:
        e = {"project": name, "total": yuan(amt), "recurring": yuan(amt if typ == "经常性项目" else 0),
             "one_off": yuan(amt if typ == "一次性项目" else 0), "executing_unit": unit, "project_type": typ,
             "page": projects.pages[0]}
        if name == PERF_PROJECT:
            e.update({"manager_unit": PERF["manager"], "total_budget": yuan(PERF["total"]),
                      "current_year_budget": yuan(PERF["total"]), "form_page": form.pages[0],
                      "note": "also described by the 项目支出绩效目标申报表 on form_page"})
        pj.append(e)
    inds = [{"project": PERF_PROJECT, "level1": l1, "level2": l2, "content": l3, "value_text": v,
             "page": ind.pages[0]} for l1, l2, l3, v in PERF["indicators"]]

    tables = [table_entry(t) for t in (summary, income, expend, fiscal, general, basic, three, fund, projects)]
    tables[4]["note"] = (f"runs over two pages; the header rows are repeated on page {general.pages[1]}; "
                         f"the first {general.split_at} body rows are on page {general.pages[0]}")
    tables.append(table_entry(ind))
    meta = {"department": DEPT, "department_short": SHORT, "region": "武汉市东西湖区", "year": YEAR,
            "doc_kind": "budget", "level": "department", "pages": len(L.pages)}
    return dict(metadata=meta, facts=F, line_items=items, projects=pj, indicators=inds, tables=tables)
