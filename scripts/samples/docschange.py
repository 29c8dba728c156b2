"""Definition-change samples of issue 14 (reportlab): two budgets of one
department, 武汉市东西湖区医疗保障局 (区医保局), 2022 and 2023.

* ybj2022_budget_rl: changes against 2021 with ordinary reasons (人员经费正常
  增长, 厉行节约): no definition change is stated, so none may be reported.
* ybj2023_budget_rl: the total rises by 430.00万元 because 区人社局's
  城乡居民医疗保险经办 function was transferred to the department (划转), and
  机关运行经费 rises by 90.00万元 because its definition changed (统计口径
  调整: the projects' running costs are counted from 2023). The 机关运行经费
  section starts page 2, so the explanation's page is not the first page.

Narrative only (no tables): the figures are the narrative's, consistent
with each other (1250.00 - 1200.00 = 50.00, 4.17%; 1680.00 - 1250.00 =
430.00, 34.40%; 150.00 - 60.00 = 90.00, 150.00%)."""

from decimal import Decimal as D

from doc import Document, Para, Section

DEPT = "武汉市东西湖区医疗保障局"
SHORT = "区医保局"
REGION = "武汉市东西湖区"
Y2022 = "ybj2022_budget_rl"
Y2023 = "ybj2023_budget_rl"

# (year, base year): total, base total, basic, project, 机关运行经费 and its base, “三公” and its base
FIG = {
    2022: dict(total=D("1250.00"), base_total=D("1200.00"), basic=D("850.00"), project=D("400.00"),
               op=D("60.00"), base_op=D("62.00"), tp=D("8.00"), base_tp=D("8.50")),
    2023: dict(total=D("1680.00"), base_total=D("1250.00"), basic=D("980.00"), project=D("700.00"),
               op=D("150.00"), base_op=D("60.00"), tp=D("8.00"), base_tp=D("8.00")),
}

# The explanations as printed: (what the change is, the clause, its kind or "" for an ordinary reason).
REASONS = {
    2022: dict(total=("主要原因是人员经费正常增长", ""),
               op=("主要原因是厉行节约，压减一般性支出", ""),
               tp=("主要原因是公务接待费压减", "")),
    2023: dict(total=("主要原因是区人力资源和社会保障局的城乡居民医疗保险经办职能划转至我局，相关经费随之划入", "transfer"),
               op=("主要原因是根据财政部统一规定，机关运行经费统计口径调整，将项目支出中的运行经费纳入统计，"
                   "上下年度不具备可比性", "definition"),
               tp=None),
}


def pct(change, base):
    return (change / base * 100).quantize(D("0.01"))


def change_words(change):
    return ("增加", "增长") if change > 0 else ("减少", "下降")


def document(year):
    f = FIG[year]
    r = REASONS[year]
    prior = year - 1
    dc = f["total"] - f["base_total"]
    up, grow = change_words(dc)
    first = [
        Para(f"{DEPT}{year}年部门预算", "title"),
        Para(f"第一部分　{SHORT}{year}年部门预算情况说明", "h1"),
        Para("一、部门基本情况", "h2"),
        Para(f"{SHORT}机关内设科室4个，所属二级事业单位1个。{SHORT}共有编制30人，其中：行政编制12人，事业编制18人。"
             f"在职实有人数28人，离退休人员6人。", "body"),
        Para("二、收支预算总体情况", "h2"),
        Para(f"{year}年部门收支总预算{f['total']}万元，比{prior}年预算{f['base_total']}万元{up}{abs(dc)}万元，"
             f"{grow}{pct(abs(dc), f['base_total'])}%，{r['total'][0]}。收入全部为一般公共预算财政拨款收入{f['total']}万元。"
             f"支出包括：基本支出{f['basic']}万元，项目支出{f['project']}万元。", "body"),
    ]
    do = f["op"] - f["base_op"]
    up, grow = change_words(do)
    second = [
        Para("三、机关运行经费安排情况", "h2"),
        Para(f"{year}年机关运行经费预算{f['op']}万元，比{prior}年预算{up}{abs(do)}万元，{grow}{pct(abs(do), f['base_op'])}%，"
             f"{r['op'][0]}。", "body"),
        Para("四、“三公”经费预算情况", "h2"),
    ]
    dt = f["tp"] - f["base_tp"]
    if dt == 0:
        second.append(Para(f"{year}年“三公”经费预算{f['tp']}万元，与上年预算持平。", "body"))
    else:
        up, _ = change_words(dt)
        second.append(Para(f"{year}年“三公”经费预算{f['tp']}万元，比{prior}年预算{up}{abs(dt)}万元，{r['tp'][0]}。", "body"))
    stem = Y2022 if year == 2022 else Y2023
    return Document(stem, [Section("flow", first), Section("flow", second)], running_header=None, footer_fmt=None)


def truth_data(year):
    """The figures the narrative states, with the definition change each
    change statement gives (`reason_kind`; "" where the reason given is an
    ordinary one: none may be reported)."""
    def t(d, L):
        from truth import money_fact as mf, plain_fact as pf
        f = FIG[year]
        r = REASONS[year]
        narr = "narrative"
        F = []
        p1 = L.find("收支总预算")
        dc = f["total"] - f["base_total"]
        up, grow = change_words(dc)
        fact = mf("expenditure.total.change", abs(dc), f"{up}{abs(dc)}万元", p1, narr, negative=dc < 0)
        fact["reason_kind"] = r["total"][1]
        if r["total"][1]:
            fact["reason_page"] = L.find(r["total"][0][:12])
        F.append(fact)
        fact = pf("expenditure.total.change_pct", ("" if dc > 0 else "-") + str(pct(abs(dc), f["base_total"])),
                  f"{grow}{pct(abs(dc), f['base_total'])}%", p1, narr)
        fact["reason_kind"] = r["total"][1]
        F.append(fact)
        pb = L.find("机关内设科室")
        for metric, value, raw in [("dept.internal_divisions", 4, "4个"), ("dept.subordinate_units", 1, "1个"),
                                   ("staff.authorized", 30, "30人"), ("staff.authorized_admin", 12, "12人"),
                                   ("staff.authorized_institution", 18, "18人"), ("staff.actual", 28, "28人"),
                                   ("staff.retired", 6, "6人")]:
            F.append(pf(metric, value, raw, pb, narr))
        # No carry-over: the 收支总预算 is this year's total and the grand total, of revenue and spending.
        for metric in ("expenditure.total", "expenditure.grand_total", "revenue.total", "revenue.grand_total",
                       "revenue.general_budget_appropriation"):
            F.append(mf(metric, f["total"], f"{f['total']}万元", p1, narr))
        F.append(mf("expenditure.total.prior", f["base_total"], f"{f['base_total']}万元", p1, narr))
        F.append(mf("expenditure.basic", f["basic"], f"{f['basic']}万元", p1, narr))
        F.append(mf("expenditure.project", f["project"], f"{f['project']}万元", p1, narr))
        p2 = L.find("机关运行经费预算")
        F.append(mf("operating_costs", f["op"], f"{f['op']}万元", p2, narr))
        do = f["op"] - f["base_op"]
        up, _ = change_words(do)
        fact = mf("operating_costs.change", abs(do), f"{up}{abs(do)}万元", p2, narr, negative=do < 0)
        fact["reason_kind"] = r["op"][1]
        if r["op"][1]:
            fact["reason_page"] = L.find(r["op"][0][:12])
        F.append(fact)
        F.append(mf("three_public.total", f["tp"], f"{f['tp']}万元", L.find("“三公”经费预算"), narr))
        dt = f["tp"] - f["base_tp"]
        fact = mf("three_public.total.change", abs(dt), "持平" if dt == 0 else f"减少{abs(dt)}万元",
                  L.find("“三公”经费预算"), narr, negative=dt < 0)
        fact["reason_kind"] = ""
        F.append(fact)
        meta = {"department": DEPT, "department_short": SHORT, "region": REGION, "year": year,
                "doc_kind": "budget", "level": "department", "pages": len(L.pages)}
        return dict(metadata=meta, facts=F, line_items=[], projects=[], indicators=[], tables=[])
    return t
