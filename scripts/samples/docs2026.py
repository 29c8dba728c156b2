"""Sample rsj2026_budget_writer: 区人社局 2026年部门预算 (LibreOffice Writer).

The modern layout (公开01表 … 公开11表) with the patterns of issue 12 that
a 部门预算 carries: a 收支总表 with only 合计/总计 rows, several funding
sources (scope), a multi-period 一般公共预算支出表 with 类|款|项 code
columns, bracketed codes, a vertical “三公” table and an empty ** table on one
page, a table title at the foot of the page before its table, a project
table with the 项目性质 header, a multi-project 绩效目标表, and the narrative
phrasings of patterns A, C and D.  It is consistent: every issue-13 check
family has its passing case here (its failing case is the errata copy,
errata2026.py).
"""

from doc import Cell, Para, Table, Section, Document
from model import fmt, pct, Z, DEPT, SHORT, REGION
from model2026 import B2026 as M, ALL_UNITS, UNIT_NAME, DIVISIONS, UNITS, shares

CN = "一二三四五六七八九十"
YEAR = 2026
STEM = "rsj2026_budget_writer"
DEPT_LINE = "编制单位：" + DEPT
FUNCTIONS = [
    "贯彻执行国家和省、市有关人力资源和社会保障工作的方针政策和法律法规，拟订全区人力资源和社会保障事业发展规划",
    "负责促进就业工作，统筹城乡就业发展，落实就业援助制度和职业技能培训政策",
    "统筹推进全区城乡社会保障体系建设，组织实施社会保险经办和基金监督工作",
    "负责全区事业单位人事管理和专业技术人员管理，组织实施人才引进和培养工作",
    "负责劳动关系协调、劳动保障监察和劳动人事争议调解仲裁工作",
]
TITLES = {
    "summary": ("公开01表", "2026年部门收支总表"),
    "income": ("公开02表", "2026年部门收入总表"),
    "expenditure": ("公开03表", "2026年部门支出总表"),
    "fiscal": ("公开04表", "2026年财政拨款收支总表"),
    "general": ("公开05表", "2026年一般公共预算支出表"),
    "basic": ("公开06表", "2026年一般公共预算基本支出表"),
    "three": ("公开07表", "2026年一般公共预算“三公”经费支出表"),
    "fund": ("公开08表", "2026年政府性基金预算支出表"),
    "procurement": ("公开09表", "2026年政府采购预算表"),
    "projects": ("公开10表", "2026年项目支出及其他支出预算表"),
    "perf": ("公开11表", "2026年项目支出绩效目标表"),
}


def a(x):
    """table amount: thousands separators, a zero is a blank cell"""
    return fmt(x, sep=True, zero="")


def a0(x):
    """table amount, a zero printed 0.00"""
    return fmt(x, sep=True, zero="0.00")


def n(x):
    """narrative amount: no separators"""
    return fmt(x, sep=False)


def signed(x):
    return fmt(x, sep=True, zero="") if x >= 0 else "-" + fmt(-x, sep=True)


def chg(cur, prev, against="上年", with_prev=False):
    """比上年减少X万元，下降Y% (with_prev: 比2025年执行数P万元减少…)"""
    d = cur - prev
    base = f"比{against}{n(prev)}万元" if with_prev else f"比{against}"
    if d < 0:
        return f"{base}减少{n(-d)}万元，下降{pct(-d, prev)}%"
    if d > 0:
        return f"{base}增加{n(d)}万元，增长{pct(d, prev)}%"
    return f"与{against}{n(prev) + '万元' if with_prev else ''}持平"


def lei(rows):
    return [r for r in rows if r["level"] == 1]


# ---------------------------------------------------------------------------
# main 项 items of the 一般公共预算 narrative: (code, reason)
ITEMS = [
    ("2080101", "主要原因是人员经费正常增长"),
    ("2080109", "主要原因是社会保险经办业务量增加"),
    ("2080108", "主要原因是社保信息系统升级改造项目于2025年完成，2026年仅安排运行维护经费"),
    ("2080702", "主要原因是职业技能提升行动补贴对象增加"),
    ("2210201", "主要用于按规定为职工缴纳的住房公积金"),
    ("2210203", "主要用于按规定发放的职工购房补贴"),
]


def multi(code):
    return next(r for r in M.multi_rows if r["code"] == code)


def item_paras(code, reason, body_figure=None, change_text=None):
    """headline '（n）name（code）X万元' and the body that restates X and its change"""
    r = multi(code)
    cur, prev = r["am"]["total"], r["am"]["prior"]
    head = f"{r['name']}（{code}）{n(cur)}万元"
    change = change_text if change_text is not None else chg(cur, prev, "2025年执行数", with_prev=True)
    body = f"2026年预算安排{n(cur if body_figure is None else body_figure)}万元，{change}，{reason}。"
    return head, body


def narrative(v=None):
    """the 情况说明; `v` (errata2026) replaces some sentences with misprinted ones"""
    v = v or {}
    s = M.staff
    tp, tq = M.tp, M.tp_prev
    P_ = []
    h1 = lambda t: P_.append(Para(t, "h1"))
    h2 = lambda t: P_.append(Para(t, "h2"))
    h3 = lambda t: P_.append(Para(t, "h3"))
    b = lambda t: P_.append(Para(t, "body"))
    prev = M.prev
    h1(f"第一部分　{SHORT}2026年部门预算情况说明")
    h2("一、部门基本情况")
    h3("（一）部门主要职能")
    for i, f in enumerate(FUNCTIONS, 1):
        b(f"{i}．{f}。")
    h3("（二）部门预算单位构成")
    b(f"{SHORT}机关内设科室{len(DIVISIONS)}个（{'、'.join(DIVISIONS)}），所属二级事业单位{len(UNITS)}个。"
      f"纳入{SHORT}2026年部门预算编制范围的预算单位共{len(ALL_UNITS)}个，包括："
      + "、".join(u[1] for u in ALL_UNITS) + "。")
    h3("（三）人员情况")
    b(f"{SHORT}共有编制{s['authorized']}人，其中：行政编制{s['admin']}人，事业编制{s['institution']}人，"
      f"工勤编制{s['worker']}人。在职实有人数{s['actual']}人，其中：行政{s['actual_admin']}人，"
      f"事业{s['actual_institution']}人，工勤{s['actual_worker']}人。离退休人员{s['retired']}人，其中：离休人员"
      f"{s['retired_li']}人，退休人员{s['retired_tui']}人。")
    h2("二、2026年度部门主要工作任务")
    b("（一）稳就业保民生。落实落细就业优先政策，做好高校毕业生、农民工、退役军人等重点群体就业工作，"
      "全年城镇新增就业1.2万人以上，城镇登记失业率控制在3.2%以内。深入实施职业技能提升行动。")
    b("（二）织密社会保障网。推进全民参保计划，加强社会保险基金监管，提升社保经办服务数字化水平。")
    b("（三）强化人才支撑。围绕全区重点产业引进急需紧缺人才，做好事业单位公开招聘和职称评审工作。")
    b("（四）构建和谐劳动关系。开展根治欠薪专项行动，推进劳动人事争议多元化解，维护劳动者合法权益。")
    h2("三、部门收支预算总体情况")
    d_total = M.total - prev["total"]
    b(f"按照综合预算的原则，{SHORT}所有收入和支出均纳入部门预算管理。2026年部门收支总预算{n(M.grand_total)}万元，"
      f"{chg(M.grand_total, prev['total'])}，主要原因是部分一次性项目于2025年完成，2026年不再安排。")
    h3("（一）部门收入预算")
    rv = [M.gb_revenue, M.biz, M.other, M.carry]
    sh = shares(rv, M.grand_total)
    b(f"2026年部门收入预算{n(M.grand_total)}万元，其中：一般公共预算拨款收入{n(M.gb_revenue)}万元，占{sh[0]}%；"
      f"政府性基金预算拨款收入0.00万元；事业收入{n(M.biz)}万元，占{sh[1]}%；其他收入{n(M.other)}万元，"
      f"占{sh[2]}%；上年结转结余{n(M.carry)}万元，占{sh[3]}%。")
    h3("（二）部门支出预算")
    d_basic = M.basic_total - prev["basic"]
    d_project = M.project - prev["project"]
    sh = shares([M.basic_total, M.project], M.total)
    total_change = v.get("total_change", -d_total)
    share_basic = v.get("share_basic", sh[0])
    b(f"2026年部门支出预算{n(M.total)}万元，比上年减少{n(total_change)}万元。其中：基本支出{n(M.basic_total)}万元，"
      f"占{share_basic}%，比上年增加{n(d_basic)}万元，主要原因是人员经费正常增长；项目支出{n(M.project)}万元，"
      f"占{sh[1]}%，比上年减少{n(-d_project)}万元，主要原因是一次性项目减少。")
    h2("四、财政拨款收支预算总体情况")
    fiscal_total = v.get("fiscal_total", M.fiscal_total)
    b(f"2026年财政拨款收入支出总计{n(fiscal_total)}万元。收入包括：本年财政拨款收入{n(M.gb_revenue)}万元，"
      f"其中：一般公共预算财政拨款收入{n(M.gb_revenue)}万元，政府性基金预算财政拨款收入0.00万元；上年结转"
      f"{n(M.carry)}万元。支出包括：一般公共预算财政拨款支出{n(M.gb_total)}万元。")
    b(v.get("fund_claim", f"{SHORT}2026年财政拨款收支均为一般公共预算拨款，没有政府性基金预算拨款和国有资本经营预算"
                         f"拨款安排的收支。"))
    h2("五、一般公共预算财政拨款支出预算情况")
    b(f"2026年一般公共预算财政拨款支出预算{n(M.gb_total)}万元（含上年结转{n(M.carry)}万元），其中："
      f"一般公共预算财政拨款基本支出{n(M.gb_basic)}万元，一般公共预算财政拨款项目支出{n(M.gb_project)}万元。")
    ls = lei(M.gb_rows)
    sh = shares([r["am"]["total"] for r in ls], M.gb_total)
    b("按支出功能分类科目（类级）分：" + "；".join(f"{r['name']}{n(r['am']['total'])}万元，占{x}%"
                                        for r, x in zip(ls, sh)) + "。主要支出项目（项级）情况如下：")
    for i, (code, reason) in enumerate(ITEMS, 1):
        o = v.get(("item", code), {})
        head, body = item_paras(code, reason, o.get("body_figure"), o.get("change_text"))
        h3(f"{i}．{head}")
        b(body)
    h2("六、一般公共预算财政拨款基本支出预算情况")
    b(f"2026年一般公共预算财政拨款基本支出{n(M.gb_basic)}万元，其中：人员经费{n(M.personnel)}万元，主要包括基本工资、"
      f"津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、住房公积金、"
      f"退休费等；公用经费{n(M.public_funds)}万元，主要包括办公费、印刷费、水电费、邮电费、差旅费、维修（护）费、"
      f"会议费、培训费、劳务费、工会经费、福利费、公务用车运行维护费、办公设备购置等。公用经费中，商品和服务支出"
      f"{n(M.goods_services)}万元，资本性支出{n(M.capital)}万元。")
    h2("七、项目支出预算情况")
    big = sorted(((p[1], sum(p[4].values(), Z)) for p in M.projects), key=lambda x: -x[1])
    named = [x for x in big if x[0] not in ("信息系统运维经费", "预备役部队训练费")][:6]
    b(f"2026年项目支出预算{n(M.project)}万元，共{len(M.projects)}个项目，其中：经常性项目{n(M.recurring)}万元，"
      f"一次性项目{n(M.one_off)}万元。主要包括：" + "、".join(f"{x[0]}{n(x[1])}万元" for x in named)
      + f"等，详见《{TITLES['projects'][1]}》。")
    h2("八、一般公共预算“三公”经费预算情况")
    if "three_public" in v:
        b(v["three_public"])
    else:
        b(f"2026年一般公共预算财政拨款安排“三公”经费预算{n(tp['total'])}万元，{chg(tp['total'], tq['total'])}，"
          f"主要原因是厉行节约，压减公务接待和公务用车运行支出。具体情况如下：")
        h3("（一）因公出国（境）费")
        b(f"2026年预算安排{n(tp['overseas'])}万元，{chg(tp['overseas'], tq['overseas'])}，本部门2026年无因公出国（境）"
          f"计划。")
        h3("（二）公务接待费")
        b(f"2026年预算安排{n(tp['reception'])}万元，{chg(tp['reception'], tq['reception'])}，主要用于按规定开支的"
          f"各类公务接待支出。")
        h3("（三）公务用车购置及运行维护费")
        b(f"2026年预算安排{n(tp['vehicles'])}万元，{chg(tp['vehicles'], tq['vehicles'])}。其中：公务用车购置费"
          f"{n(tp['vehicle_purchase'])}万元；公务用车运行维护费{n(tp['vehicle_operation'])}万元，主要用于"
          f"{M.assets['vehicles']}辆公务用车的燃料、维修、保险等支出。")
    h2("九、政府性基金预算支出情况")
    b(f"本部门2026年无政府性基金预算财政拨款安排的支出，《{TITLES['fund'][1]}》为空表。")
    h2("十、其他重要事项的情况说明")
    h3("（一）运行经费情况")
    b(f"2026年{SHORT}（含参照公务员法管理事业单位）财政拨款运行经费预算{n(M.operating_costs)}万元，"
      f"{v.get('operating_change', chg(M.operating_costs, prev['operating_costs']))}，主要用于办公费、印刷费、水电费、邮电费、差旅费、会议费、"
      f"福利费、日常维修费、公务用车运行维护费及其他费用等。")
    h3("（二）政府采购预算情况")
    pr = M.procurement
    b(f"2026年部门政府采购预算总额{n(pr['total']['total'])}万元，其中：一般公共预算资金{n(pr['total']['gb'])}万元，"
      f"其他资金{n(pr['total']['other'])}万元。按采购类型分：政府采购货物预算{n(pr['goods']['total'])}万元、"
      f"政府采购工程预算{n(pr['works']['total'])}万元、政府采购服务预算{n(pr['services']['total'])}万元。")
    h3("（三）国有资产占有使用情况")
    asx = M.assets
    b(f"截至{asx['date']}，{SHORT}共有房屋{asx['area']:,}平方米，价值{n(asx['value'])}万元；车辆"
      f"{asx['vehicles']}辆，均为一般公务用车。2026年部门预算未安排购置车辆。")
    h3("（四）预算绩效管理情况")
    b(f"2026年{SHORT}{M.performance_projects}个项目全部实行绩效目标管理，涉及项目资金{n(M.project)}万元，"
      f"其中一般公共预算财政拨款{n(M.gb_project)}万元。")
    h2("十一、名词解释")
    b("1．财政拨款收入：指区级财政当年拨付的资金。")
    b("2．上年结转结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。")
    b("3．“三公”经费：指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。")
    b("4．运行经费：指为保障行政单位（包括参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。")
    return P_


# ---------------------------------------------------------------------------
def _t(key, kind, header, body, widths, **kw):
    label, title = TITLES[key]
    kw.setdefault("dept_line", DEPT_LINE)
    return Table(kind, title, header, body, widths, label=label, **kw)


def t_summary():
    inc = [("一、一般公共预算拨款收入", M.gb_revenue), ("二、政府性基金预算拨款收入", Z),
           ("三、国有资本经营预算拨款收入", Z), ("四、财政专户管理资金收入", Z), ("五、事业收入", M.biz),
           ("六、事业单位经营收入", Z), ("七、上级补助收入", Z), ("八、附属单位上缴收入", Z), ("九、其他收入", M.other)]
    exp = [(f"{CN[i]}、{r['name']}", r["am"]["total"]) for i, r in enumerate(lei(M.all_rows))]
    body = []
    for i in range(max(len(inc), len(exp))):
        l = inc[i] if i < len(inc) else ("", Z)
        r = exp[i] if i < len(exp) else ("", Z)
        body.append([l[0], a(l[1]), r[0], a(r[1])])
    body += [["合计", a(M.revenue), "合计", a(M.total)],
             ["上年结转结余", a(M.carry), "年终结转结余", ""],
             ["总计", a(M.grand_total), "总计", a(M.grand_total)]]
    return _t("summary", "income_expenditure_summary",
              [[Cell("收入", cs=2), Cell("支出", cs=2)], ["项目", "预算数", "项目", "预算数"]],
              body, [5.6, 2.8, 5.6, 2.8], aligns="lrlr",
              note="only 合计 and 总计 rows: 合计 (left) is 本年收入, 合计 (right) 本年支出 (which includes the "
                   "spending of the carry-over); there is no 本年收入合计 label")


def unit_revenue():
    out = {}
    for (unit, code), e in M.per_unit.items():
        r = out.setdefault(unit, {"gb": Z, "biz": Z, "other": Z, "carry": Z})
        r["gb"] += e.get("personnel", Z) + e.get("public", Z) + e.get("project_gb", Z)
        for f in ("biz", "other", "carry"):
            r[f] += e.get("project_" + f, Z)
    return out


def t_income():
    ur = unit_revenue()
    hdr = [[Cell("单位编码", rs=2), Cell("单位名称", rs=2), Cell("合计", rs=2), Cell("本年收入", cs=5),
            Cell("上年结转结余", rs=2)],
           ["小计", "一般公共预算", "政府性基金预算", "事业收入", "其他收入"]]
    idx = [Cell("栏次", cs=2)] + [str(i) for i in range(1, 8)]

    def row(r):
        this = r["gb"] + r["biz"] + r["other"]
        return [a(this + r["carry"]), a(this), a(r["gb"]), "", a(r["biz"]), a(r["other"]), a(r["carry"])]
    tot = {f: sum((x[f] for x in ur.values()), Z) for f in ("gb", "biz", "other", "carry")}
    body = [[Cell("合计", cs=2, align="c")] + row(tot)]
    for code, full, short, kind in ALL_UNITS:
        body.append([code, full] + row(ur[code]))
    return _t("income", "income", hdr, body, [1.5, 5.0, 1.8, 1.8, 1.9, 1.6, 1.6, 1.6, 1.7], index_row=idx,
              aligns="cl" + "r" * 7, font=9,
              note="index row 栏次 | 1 … 7 under the header: neither a column path nor a body row")


def t_expenditure(v=None):
    v = v or {}
    hdr = [[Cell("功能分类科目", rs=2), Cell("合计", rs=2), Cell("基本支出", cs=3), Cell("项目支出", rs=2)],
           ["小计", "人员经费", "公用经费"]]
    shift = v.get("personnel_shift", {})        # errata: {code: delta} moved from 公用经费 to 人员经费
    code_fmt = v.get("code_in_name", "[{code}]{name}")  # errata: "{code} {name}" (unbracketed, a space)

    def cells(am, code):
        dp = shift.get(code, Z)
        return [a(am["total"]), a(am["basic"]), a(am["personnel"] + dp), a(am["public"] - dp), a(am["project"])]
    t = {c: sum((r["am"][c] for r in lei(M.all_rows)), Z) for c in M.cols_all}
    body = [[Cell("合计", align="c")] + cells(t, "")]
    for r in M.all_rows:
        body.append([Cell(code_fmt.format(code=r["code"], name=r["name"]), indent=r["level"] - 1)]
                    + cells(r["am"], r["code"]))
    return _t("expenditure", "expenditure", hdr, body, [6.6, 2.2, 2.2, 2.2, 2.2, 2.2], aligns="l" + "r" * 5,
              font=10.5, may_split=True, repeat_header=False,
              note="codes in brackets in the name cell ([2080101]行政运行); all funds; continues on the next page "
                   "without a repeated header")


def t_fiscal(v=None):
    v = v or {}
    ls = lei(M.gb_rows)
    A, C, E = M.gb_revenue, M.carry, M.gb_total
    left = [("一、本年收入", a(A)), ("（一）一般公共预算拨款", a(A)), ("（二）政府性基金预算拨款", ""),
            ("（三）国有资本经营预算拨款", ""), ("二、上年结转", a(C)), ("（一）一般公共预算拨款", a(C)),
            ("（二）政府性基金预算拨款", ""), ("（三）国有资本经营预算拨款", "")]
    right = [("一、本年支出", a(E), a(E), "", "")]
    bump = v.get("fiscal_bump", {})              # errata: {类 code: delta}
    for i, r in enumerate(ls):
        x = r["am"]["total"] + bump.get(r["code"], Z)
        right.append((f"（{CN[i]}）{r['name']}", a(x), a(x), "", ""))
    right.append(("二、年终结转结余", "", "", "", ""))
    body = []
    for i in range(max(len(left), len(right))):
        l = left[i] if i < len(left) else ("", "")
        r = right[i] if i < len(right) else ("", "", "", "", "")
        body.append(list(l) + list(r))
    body.append(["收入总计", a(A + C), "支出总计", a(E), a(E), "", ""])
    hdr = [[Cell("收入", cs=2), Cell("支出", cs=5)],
           ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]]
    return _t("fiscal", "fiscal_summary", hdr, body, [4.4, 2.0, 4.4, 1.9, 1.9, 1.9, 1.9], aligns="lrlrrrr",
              font=9.5)


def t_general(v=None):
    v = v or {}
    hdr = [[Cell("科目编码", cs=3), Cell("科目名称", rs=2), Cell("2025年执行数", rs=2), Cell("2026年预算数", cs=3),
            Cell("增减", rs=2)],
           ["类", "款", "项", "小计", "基本支出", "项目支出"]]
    tot = dict(M.multi_total)
    tot["prior"] += v.get("prior_total_bump", Z)
    body = [["", "", "", Cell("合计", align="c"), a(tot["prior"]), a(tot["total"]), a(tot["basic"]),
             a(tot["project"]), signed(tot["change"])]]
    for r in M.multi_rows:
        c = r["code"]
        code_cells = {1: [c, "", ""], 2: ["", c[3:5], ""], 3: [c[:3], c[3:5], c[5:7]]}[r["level"]]
        am = r["am"]
        body.append(code_cells + [Cell(r["name"], indent=r["level"] - 1), a(am["prior"]), a(am["total"]),
                                  a(am["basic"]), a(am["project"]), signed(am["change"])])
    return _t("general", "general_budget_expenditure", hdr, body, [0.95, 0.8, 0.8, 5.2, 1.9, 1.9, 1.9, 1.9, 2.2],
              aligns="cccl" + "r" * 5, font=9, may_split=True,
              note="multi-period: 2025年执行数 | 2026年预算数 (小计, 基本支出, 项目支出) | 增减; code split over 类|款|项: "
                   "增减 = 2026年预算数/小计 − 2025年执行数; a 类 row prints its 3 digits, a 款 row only its 2 digits, a 项 row all three parts; "
                   "一般公共预算 including the spending of the 上年结转")


def t_basic():
    hdr = [[Cell("部门预算支出经济分类科目", cs=2), Cell("2026年基本支出", cs=3)],
           ["科目编码", "科目名称", "合计", "人员经费", "公用经费"]]
    body = [["", Cell("合计", align="c"), a(M.basic_total), a(M.personnel), a(M.public_funds)]]
    for r in M.econ_rows:
        pers = r["code"][:3] in ("301", "303")
        x = r["amount"]
        body.append([r["code"], Cell(r["name"], indent=r["level"] - 1), a(x), a(x) if pers else "",
                     "" if pers else a(x)])
    return _t("basic", "general_budget_basic", hdr, body, [2.2, 6.4, 2.8, 2.8, 2.8], aligns="clrrr", font=9.5,
              compact=True)


def t_three():
    tp = M.tp
    body = [["合计", a0(tp["total"])],
            ["1、因公出国（境）费用", a0(tp["overseas"])],
            ["2、公务接待费", a0(tp["reception"])],
            ["3、公务用车购置及运行维护费", a0(tp["vehicles"])],
            [Cell("其中：（1）公务用车购置费", indent=1), a0(tp["vehicle_purchase"])],
            [Cell("（2）公务用车运行维护费", indent=3), a0(tp["vehicle_operation"])]]
    return _t("three", "three_public", [["项目", "2026年预算数"]], body, [9.0, 5.0], aligns="lr",
              note="vertical: one amount column, numbered rows (合计 / 1、… / 其中：…)")


def t_fund():
    hdr = [[Cell("科目编码", rs=2), Cell("科目名称", rs=2), Cell("本年政府性基金预算支出", cs=3)],
           ["合计", "基本支出", "项目支出"]]
    body = [["", Cell("合计", align="c"), "", "", ""], ["", "", "", "", ""], ["", "", "", "", ""]]
    return _t("fund", "government_fund", hdr, body, [2.4, 5.6, 3.0, 3.0, 3.0], empty=True,
              index_row=["**", "**", "1", "2", "3"],
              after=[Para("备注：本部门2026年没有政府性基金预算拨款安排的支出，故本表无数据。", "note")],
              note="empty: index row ** | ** | 1 | 2 | 3, a 合计 row with blank amounts and two blank template "
                   "rows (not recorded), 备注 below; starts mid-page below the “三公” table")


def t_procurement():
    pr = M.procurement
    body = []
    for key, label in (("total", "合计"), ("goods", "货物"), ("works", "工程"), ("services", "服务")):
        x = pr[key]
        body.append([label, a(x["gb"]), a(x["gf"]), a(x["other"]), a(x["total"])])
    t = _t("procurement", "procurement", [["采购类别", "一般公共预算资金", "政府性基金", "其他资金", "合计"]], body,
           [4.0, 3.2, 3.2, 3.2, 3.2], aligns="crrrr", show_title=False,
           after=[Para("注：其他资金为事业收入和其他收入安排的采购预算。", "note")],
           note="split by fund with the 合计 column last; the title and the 单位 line stand at the foot of the "
                "previous page")
    return t


def title_paras(t):
    """the title block of `t`, printed at the foot of the page before its table"""
    return [Para(t.label, "tlabel", space=SPACER_CM), Para(t.title, "ttitle"),
            Para(t.unit_line()[0] + "\t" + t.unit_line()[1], "tunit")]


SPACER_CM = 7.6


def project_rows():
    """projects grouped by unit in the order of ALL_UNITS"""
    out = []
    for code, full, short, kind in ALL_UNITS:
        out.append((code, full, [p for p in M.projects if p[0] == code]))
    return out


def t_projects(v=None):
    v = v or {}
    bump = v.get("project_bump", {})            # errata: {project name: delta}
    hdr = [[Cell("单位名称", rs=2), Cell("项目名称", rs=2), Cell("项目性质", cs=3)],
           ["合计", "经常性项目", "一次性项目"]]
    amt = lambda p: sum(p[4].values(), Z) + bump.get(p[1], Z)
    rec = sum((amt(p) for p in M.projects if p[3] == "经常性项目"), Z)
    one = sum((amt(p) for p in M.projects if p[3] == "一次性项目"), Z)
    body = [[Cell("合计", cs=2, align="c"), a(rec + one), a(rec), a(one)]]
    for code, full, ps in project_rows():
        for i, p in enumerate(ps):
            row = [Cell(full, rs=len(ps))] if i == 0 else []
            x = amt(p)
            row += [p[1], a(x), a(x) if p[3] == "经常性项目" else "", a(x) if p[3] == "一次性项目" else ""]
            body.append(row)
    return _t("projects", "project_expenditure", hdr, body, [4.6, 5.4, 2.3, 2.3, 2.3], aligns="llrrr", font=10,
              note="project table by its title (项目支出及其他支出) and header 项目名称 | 项目性质 (合计 / 经常性项目 / "
                   "一次性项目); the unit cell spans its projects; 信息系统运维经费 is a project of two units")


PERF = [
    ("人事人才工作经费", [
        ("产出指标", "数量指标", "组织事业单位公开招聘考试场次", "≥", "2", "场"),
        ("产出指标", "数量指标", "引进高层次人才人数", "≥", "30", "人"),
        ("产出指标", "质量指标", "职称评审材料审核合格率", "＝", "100", "%"),
        ("产出指标", "时效指标", "公开招聘工作完成时限", "≤", "10", "月"),
        ("产出指标", "成本指标", "人均招聘考务成本", "≤", "200", "元"),
        ("效益指标", "社会效益指标", "事业单位用人需求满足率", "≥", "95", "%"),
        ("满意度指标", "服务对象满意度指标", "考生及用人单位满意度", "≥", "90", "%"),
    ]),
    ("就业创业服务经费", [
        ("产出指标", "数量指标", "城镇新增就业人数", "≥", "12000", "人"),
        ("产出指标", "数量指标", "举办招聘会场次", "≥", "24", "场"),
        ("产出指标", "质量指标", "城镇登记失业率", "≤", "3.2", "%"),
        ("效益指标", "社会效益指标", "就业局势", "定性", "总体稳定", ""),
        ("满意度指标", "服务对象满意度指标", "求职者满意度", "≥", "90", "%"),
    ]),
    ("劳动保障监察工作经费", [
        ("产出指标", "数量指标", "开展专项执法检查次数", "≥", "4", "次"),
        ("产出指标", "质量指标", "举报投诉案件按期结案率", "≥", "98", "%"),
        ("产出指标", "时效指标", "投诉举报案件处理时限", "≤", "60", "日"),
        ("效益指标", "社会效益指标", "农民工工资拖欠案件动态清零", "定性", "达成", ""),
        ("满意度指标", "服务对象满意度指标", "投诉人满意度", "≥", "85", "%"),
    ]),
]


def perf_project(name):
    return next(p for p in M.projects if p[1] == name)


def t_perf():
    hdr = [["项目名称", "项目总额", "一级指标", "二级指标", "三级指标", "性质", "指标值", "单位"]]
    body = []
    for name, inds in PERF:
        p = perf_project(name)
        for i, (l1, l2, l3, nat, val, unit) in enumerate(inds):
            row = []
            if i == 0:
                row += [Cell(f"{p[5]}-{name}", rs=len(inds)), Cell(fmt(sum(p[4].values(), Z)), rs=len(inds))]
            if i == 0 or inds[i - 1][0] != l1:
                row.append(Cell(l1, rs=sum(1 for x in inds if x[0] == l1)))
            row += [l2, l3, nat, val, unit]
            body.append(row)
    return _t("perf", "performance_target", hdr, body, [3.0, 1.6, 1.8, 2.3, 4.6, 1.1, 1.6, 1.0], aligns="lcccl" + "ccc",
              font=9.5,
              note="several projects in one table: the 项目名称 cell (project code and name joined by -) and the "
                   "项目总额 cell span the project's indicator rows, 一级指标 spans its rows within the project; the "
                   "target is split over 性质 | 指标值 | 单位")


def toc_titles():
    return [f"{label}　{title}" for label, title in TITLES.values()]


def document(v=None):
    """the document; `v` carries errata2026's misprints (None: the correct one)"""
    v = v or {}
    cover = Section("cover", [Para(DEPT, "cover1"), Para("2026年部门预算", "cover2"),
                              Para("二〇二六年一月", "cover3")], header=False, footer=False)
    toc = Section("page", [Para("目　录", "toc_title"),
                           Para(f"第一部分　{SHORT}2026年部门预算情况说明", "toc"),
                           Para(f"第二部分　{SHORT}2026年部门预算公开表", "toc")] +
                  [Para(t, "toc2") for t in toc_titles()])
    secs = [cover, toc, Section("flow", narrative(v))]
    summary = t_summary()
    secs.append(Section("page", [Para(f"第二部分　{SHORT}2026年部门预算公开表", "h1"), summary]))
    for t in (t_income(), t_expenditure(v), t_fiscal(v), t_general(v), t_basic()):
        secs.append(Section("page", [t]))
    proc = t_procurement()
    secs.append(Section("page", [t_three(), t_fund()] + title_paras(proc)))
    secs.append(Section("page", [proc]))
    secs.append(Section("page", [t_projects(v)]))
    secs.append(Section("page", [t_perf()]))
    return Document(STEM, secs, running_header=f"{SHORT}2026年部门预算", footer_fmt="— {n} —")


# ---------------------------------------------------------------------------
def by_title(d, key):
    return next(t for t in d.tables() if t.title == TITLES[key][1])


def table_entries(d):
    """[[tables]] of the document as printed (the errata copy's misprints included)"""
    from truth import table_entry
    T = {k: by_title(d, k) for k in TITLES}
    order = ["summary", "income", "expenditure", "fiscal", "general", "basic", "three", "fund", "procurement",
             "projects", "perf"]
    tables = [table_entry(T[k], drop_blank=True,
                          title_page=(T[k].pages[0] - 1 if k == "procurement" else None)) for k in order]
    for e, k in zip(tables, order):
        t = T[k]
        if len(t.pages) > 1:
            e["note"] = ((e["note"] or "") + f"; runs over pages {t.pages}, rows from "
                         f"{', '.join(str(x) for x in t.splits)} on the next page").lstrip("; ")
    return tables


def truth_data(d, L):
    from truth import money_fact as mf, plain_fact as pf, scoped_items
    from model import yuan
    T = {k: by_title(d, k) for k in TITLES}
    tr = lambda x: fmt(x) + "万元"
    nr = lambda x: n(x) + "万元"
    narr = "narrative"
    s = M.staff
    F_ = []
    F_.append(pf("dept.internal_divisions", len(DIVISIONS), f"{len(DIVISIONS)}个", L.find("机关内设科室4个"), narr))
    F_.append(pf("dept.subordinate_units", len(UNITS), f"{len(UNITS)}个", L.find("所属二级事业单位4个"), narr))
    for metric, key, needle in [("staff.authorized", "authorized", "共有编制62人"),
                                ("staff.authorized_admin", "admin", "行政编制18人"),
                                ("staff.authorized_institution", "institution", "事业编制41人"),
                                ("staff.actual", "actual", "在职实有人数57人"),
                                ("staff.retired", "retired", "离退休人员29人")]:
        F_.append(pf(metric, s[key], f"{s[key]}人", L.find(needle), narr))
    ps = T["summary"].pages[0]
    F_.append(mf("revenue.total", M.revenue, tr(M.revenue), ps, "table",
                 "收支总表 合计 (收入 side): 本年收入; the table prints no 本年收入合计 label"))
    F_.append(mf("revenue.grand_total", M.grand_total, tr(M.grand_total), ps, "table",
                 f"收支总表 总计; the narrative's 2026年部门收入预算{n(M.grand_total)}万元 is this figure (it includes "
                 f"the 上年结转结余 {n(M.carry)}), not revenue.total"))
    pf_ = T["fiscal"].pages[0]
    F_.append(mf("revenue.fiscal_appropriation", M.gb_revenue, tr(M.gb_revenue), pf_, "table",
                 "财政拨款收支总表 一、本年收入; narrative: 本年财政拨款收入"))
    F_.append(mf("revenue.general_budget_appropriation", M.gb_revenue, tr(M.gb_revenue), ps, "table",
                 "收支总表 一、一般公共预算拨款收入"))
    F_.append(mf("revenue.government_fund_appropriation", Z, "0.00万元", L.find("政府性基金预算拨款收入0.00万元"), narr,
                 "blank in the tables; the narrative states 0.00 (twice: 政府性基金预算拨款收入 and "
                 "政府性基金预算财政拨款收入), which is not revenue.fiscal_appropriation"))
    F_.append(mf("revenue.business", M.biz, tr(M.biz), ps, "table", "收支总表 五、事业收入"))
    F_.append(mf("revenue.other", M.other, tr(M.other), ps, "table", "收支总表 九、其他收入"))
    F_.append(mf("revenue.carryover", M.carry, tr(M.carry), ps, "table", "收支总表 上年结转结余"))
    F_.append(mf("expenditure.total", M.total, tr(M.total), ps, "table",
                 "收支总表 合计 (支出 side): 本年支出, which includes the spending of the 上年结转结余"))
    F_.append(mf("expenditure.grand_total", M.grand_total, tr(M.grand_total), ps, "table", "收支总表 总计"))
    pe = T["expenditure"].pages[0]
    F_.append(mf("expenditure.basic", M.basic_total, tr(M.basic_total), pe, "table",
                 "部门支出总表 合计 row, 基本支出/小计 (all funds; equal to the 一般公共预算 figure here)"))
    F_.append(mf("expenditure.project", M.project, tr(M.project), pe, "table",
                 f"部门支出总表 合计 row (all funds); the narrative's 一般公共预算财政拨款项目支出{n(M.gb_project)} is "
                 "expenditure.general_budget.project"))
    pb = T["basic"].pages[0]
    F_.append(mf("expenditure.basic.personnel", M.personnel, tr(M.personnel), pb, "table",
                 "一般公共预算基本支出表 合计 row (= 部门支出总表 人员经费); the project 临聘人员经费 is not it"))
    F_.append(mf("expenditure.basic.wages_welfare", M.wages_welfare, tr(M.wages_welfare), pb, "table", "301 row"))
    F_.append(mf("expenditure.basic.individual_family_subsidies", M.individual, tr(M.individual), pb, "table",
                 "303 row"))
    F_.append(mf("expenditure.basic.public_funds", M.public_funds, tr(M.public_funds), pb, "table",
                 f"公用经费 合计 row; the narrative's 商品和服务支出{n(M.goods_services)} is only its 302 part"))
    F_.append(mf("expenditure.fiscal.total", M.fiscal_total, tr(M.fiscal_total), pf_, "table",
                 "财政拨款收支总表 一、本年支出 合计 (includes the 上年结转)"))
    pg = T["general"].pages[0]
    F_.append(mf("expenditure.general_budget.total", M.gb_total, tr(M.gb_total), pg, "table",
                 "一般公共预算支出表 合计 row, 2026年预算数/小计 (not the 2025年执行数 column)"))
    F_.append(mf("expenditure.general_budget.basic", M.gb_basic, tr(M.gb_basic), pg, "table"))
    F_.append(mf("expenditure.general_budget.project", M.gb_project, tr(M.gb_project), pg, "table",
                 "narrative: 一般公共预算财政拨款项目支出 (differs from the department's 项目支出)"))
    dt = M.total - M.prev["total"]
    pc = L.find("2026年部门收支总预算")
    F_.append(mf("expenditure.total.change", dt, f"减少{nr(-dt)}", pc, narr, "比上年减少 (stated again in 三（二）)"))
    F_.append(pf("expenditure.total.change_pct", f"-{pct(-dt, M.prev['total'])}", f"下降{pct(-dt, M.prev['total'])}%",
                 pc, narr))
    pt = T["three"].pages[0]
    tp = M.tp
    for metric, key, lab in [("three_public.total", "total", "合计"), ("three_public.overseas", "overseas", "1、"),
                             ("three_public.reception", "reception", "2、"), ("three_public.vehicles", "vehicles", "3、"),
                             ("three_public.vehicle_purchase", "vehicle_purchase", "（1）"),
                             ("three_public.vehicle_operation", "vehicle_operation", "（2）")]:
        F_.append(mf(metric, tp[key], tr(tp[key]), pt, "table", f"vertical “三公” table, row {lab}"))
    d3 = tp["total"] - M.tp_prev["total"]
    F_.append(mf("three_public.total.change", d3, f"减少{nr(-d3)}", L.find("安排“三公”经费预算"), narr))
    F_.append(mf("operating_costs", M.operating_costs, nr(M.operating_costs), L.find("财政拨款运行经费预算"), narr,
                 "stated as 财政拨款运行经费"))
    pp = T["procurement"].pages[0]
    pr = M.procurement
    for k, lab in (("total", "合计"), ("goods", "货物"), ("works", "工程"), ("services", "服务")):
        F_.append(mf(f"procurement.{k}", pr[k]["total"], tr(pr[k]["total"]), pp, "table",
                     f"政府采购预算表 {lab} row, 合计 column (the last one: all funds)"))
    pa = L.find("共有房屋")
    asx = M.assets
    F_.append(pf("assets.building_area", asx["area"], f"{asx['area']:,}平方米", pa, narr))
    F_.append(mf("assets.building_value", asx["value"], nr(asx["value"]), pa, narr))
    F_.append(pf("assets.vehicles", asx["vehicles"], f"{asx['vehicles']}辆", pa, narr))
    F_.append(mf("performance.budget_covered", M.gb_project, nr(M.gb_project), L.find("全部实行绩效目标管理"), narr,
                 "其中一般公共预算财政拨款; the 项目资金 before it is all funds"))

    # line items: the multi-period 一般公共预算支出表 and the bracketed 部门支出总表
    gen = T["general"]

    def gen_code(i, row):
        if not row[3] or row[3] == "合计":
            return None
        if row[0] and not row[1]:
            return row[0], "printed"
        if row[1] and not row[0]:
            lei_code = next(r for r in reversed(gen.flat_body()[:i]) if r[0] and not r[1])[0]
            return lei_code + row[1], "completed"
        return row[0] + row[1] + row[2], "printed"
    g = lambda measure, period: {"measure": measure, "fund": "general_budget", "period": period}
    items = scoped_items(gen, L, "general_budget_expenditure",
                         {4: g("total", "prior"), 5: g("total", "current"), 6: g("basic", "current"),
                          7: g("project", "current"), 8: g("total", "change")}, gen_code, name_of=lambda r: r[3])
    exp = T["expenditure"]

    def exp_code(i, row):
        if not row[0].startswith("["):
            return None
        return row[0][1:row[0].index("]")], "printed"
    al = lambda measure: {"measure": measure, "fund": "all", "period": "current"}
    items += scoped_items(exp, L, "expenditure",
                          {1: al("total"), 2: al("basic"), 3: al("personnel"), 4: al("public_funds"), 5: al("project")},
                          exp_code, name_of=lambda r: r[0][r[0].index("]") + 1:])

    # projects (项目支出及其他支出预算表) and the 绩效目标表 of three of them
    pj_t, perf_t = T["projects"], T["perf"]
    pj = []
    for unit, pname, code, nature, funds, pcode in M.projects:
        x = sum(funds.values(), Z)
        e = {"project": pname, "total": yuan(x), "recurring": yuan(x if nature == "经常性项目" else Z),
             "one_off": yuan(x if nature == "一次性项目" else Z), "executing_unit": UNIT_NAME[unit],
             "project_type": nature, "page": pj_t.pages[0]}
        if pname in dict(PERF):
            e.update({"project_code": pcode, "total_budget": yuan(x), "form_page": perf_t.pages[0],
                      "note": "also in the 项目支出绩效目标表, its name cell printed as code-name"})
        if pname == "信息系统运维经费":
            e["note"] = "two projects of this name, one per unit: separate rows"
        pj.append(e)
    inds = []
    for pname, rows in PERF:
        for l1, l2, l3, nat, val, unit in rows:
            inds.append({"project": pname, "level1": l1, "level2": l2, "content": l3, "value_text": val,
                         "nature": nat, "unit": unit, "page": perf_t.pages[0]})

    tables = table_entries(d)
    meta = {"department": DEPT, "department_short": SHORT, "region": REGION, "year": YEAR,
            "doc_kind": "budget", "level": "department", "pages": len(L.pages)}
    return dict(metadata=meta, facts=F_, line_items=items, projects=pj, indicators=inds, tables=tables)
