"""Data model of the same department six years on: the 2026 budget (samples
rsj2026_budget_writer, rsj2026_units_rl, rsj2026_perf_chromium and the
errata copy rsj2026_budget_errata) and the 2025 final account
(rsj2025_final_chromium).

After the 2024 reform of its public institutions the department has four
二级事业单位 instead of ten, and it is funded by more than one source, so
that every figure has a scope (issue 12 pattern A, OUTPUT.md additions):

* 一般公共预算拨款 (gb) pays all 基本支出 in 2026 and most projects;
* 上年结转 (carry: 一般公共预算 money of 2025 not spent) pays two projects;
* 事业收入 (biz) and 其他收入 (other) pay projects of the 人才服务中心, and in
  2025 part of its 基本支出 too;
* 政府性基金 and 国有资本经营预算: none (empty tables).

Everything is in 万元 with two decimals (Decimal).  Sums are computed from
per-(unit, 项) entries, never typed twice; `check()` asserts every identity
the documents rely on, including the rounding of the stated shares.
"""

from model import D, Z, FUNC, ECON, pct

# names of the 2026 classification that the 2020 model does not have
FUNC.update({
    "20801": "人力资源和社会保障管理事务",
    "2080112": "劳动人事争议调解仲裁",
    "20807": "就业补助",
    "2080702": "职业培训补贴",
})
ECON.update({
    "30226": "劳务费",
    "30227": "委托业务费",
    "31002": "办公设备购置",
})


def name(code):
    return FUNC[code]


# ---------------------------------------------------------------------------
# Units after the reform (code, full name, short name, kind)
SELF = ("126001", "武汉市东西湖区人力资源和社会保障局（本级）", "局本级", "行政单位")
UNITS = [
    ("126002", "武汉市东西湖区劳动就业管理局", "区劳动就业管理局", "事业单位"),
    ("126003", "武汉市东西湖区社会保险服务中心", "区社会保险服务中心", "事业单位"),
    ("126004", "武汉市东西湖区劳动保障监察大队", "区劳动保障监察大队", "参照公务员法管理事业单位"),
    ("126005", "武汉市东西湖区人才服务中心", "区人才服务中心", "事业单位"),
]
ALL_UNITS = [SELF] + UNITS
UNIT_NAME = {u[0]: u[1] for u in ALL_UNITS}
UNIT_SHORT = {u[0]: u[2] for u in ALL_UNITS}
DIVISIONS = ["办公室", "人事人才科", "就业促进和劳动关系科", "社会保险科"]


def _w(**kw):
    return {k: D(v) for k, v in kw.items()}


# ---------------------------------------------------------------------------
# 2026 budget
class B2026:
    year = 2026
    staff = dict(authorized=62, admin=18, institution=41, worker=3, actual=57, actual_admin=16,
                 actual_institution=39, actual_worker=2, retired=29, retired_li=1, retired_tui=28)
    # 基本支出 by unit and 项: (人员经费, 公用经费); all 一般公共预算拨款
    basic = {
        "126001": {"2080101": _w(p="520.40", u="98.60"), "2080501": _w(p="22.80"),
                   "2080505": _w(p="62.30"), "2080506": _w(p="31.15"), "2089901": _w(p="6.80"),
                   "2101101": _w(p="28.40"), "2210201": _w(p="52.10"), "2210203": _w(p="38.10")},
        "126002": {"2080111": _w(p="386.20", u="42.30"), "2080502": _w(p="12.60"),
                   "2080505": _w(p="48.20"), "2080506": _w(p="24.10"), "2101102": _w(p="21.70"),
                   "2210201": _w(p="40.30")},
        "126003": {"2080109": _w(p="548.35", u="56.40"), "2080502": _w(p="14.20"),
                   "2080505": _w(p="66.80"), "2080506": _w(p="33.40"), "2101102": _w(p="30.10"),
                   "2210201": _w(p="55.60")},
        "126004": {"2080199": _w(p="168.50", u="22.60"), "2080505": _w(p="20.40"),
                   "2080506": _w(p="10.20"), "2101101": _w(p="9.80"), "2210201": _w(p="17.60")},
        "126005": {"2080199": _w(p="142.30", u="18.90"), "2080502": _w(p="6.40"),
                   "2080505": _w(p="17.20"), "2080506": _w(p="8.60"), "2101102": _w(p="8.10"),
                   "2210201": _w(p="14.90")},
    }
    # projects: (unit, name, 项, nature, funds, code printed in the 绩效目标表)
    projects = [
        ("126001", "人事人才工作经费", "2080102", "经常性项目", _w(gb="45.00"), "42011226T000000101"),
        ("126001", "机关党员培训教育经费", "2013602", "经常性项目", _w(gb="2.40"), None),
        ("126001", "信息系统运维经费", "2080108", "经常性项目", _w(gb="28.00"), None),
        ("126001", "临聘人员经费", "2080199", "经常性项目", _w(gb="38.60"), None),
        ("126001", "预备役部队训练费", "2039901", "经常性项目", _w(gb="26.00"), None),
        ("126001", "劳动人事争议仲裁工作经费", "2080112", "经常性项目", _w(gb="40.00"), None),
        ("126002", "就业创业服务经费", "2080106", "经常性项目", _w(gb="52.00", carry="20.00"),
         "42011226T000000214"),
        ("126002", "职业技能培训补贴", "2080702", "经常性项目", _w(gb="180.00", carry="25.00"), None),
        ("126003", "信息系统运维经费", "2080109", "经常性项目", _w(gb="36.00"), None),
        ("126003", "社保经办业务经费", "2080109", "经常性项目", _w(gb="95.00"), None),
        ("126004", "劳动保障监察工作经费", "2080105", "经常性项目", _w(gb="58.00"), "42011226T000000305"),
        ("126004", "监察执法装备购置", "2080105", "一次性项目", _w(gb="18.00"), None),
        ("126005", "人才引进服务经费", "2080199", "经常性项目", _w(gb="20.00", biz="10.00"), None),
        ("126005", "档案数字化建设", "2080199", "一次性项目", _w(biz="24.00", other="12.00"), None),
    ]
    # economic classification of 基本支出 (款 level); 30199 and 30299 balance
    econ = {
        "30101": D("512.60"), "30102": D("386.40"), "30103": D("58.20"), "30107": D("602.35"),
        "30108": D("215.10"), "30109": D("107.45"), "30110": D("86.40"), "30111": D("11.70"),
        "30112": D("16.50"), "30113": D("180.50"),
        "30201": D("31.40"), "30202": D("7.20"), "30205": D("4.60"), "30206": D("21.30"),
        "30207": D("10.40"), "30211": D("14.60"), "30213": D("8.20"), "30215": D("2.80"),
        "30216": D("6.40"), "30217": D("1.80"), "30226": D("18.60"), "30228": D("24.70"),
        "30229": D("16.30"), "30231": D("5.60"),
        "30302": D("56.00"), "30304": D("2.40"),
        "31002": D("7.80"),
    }
    three_public = _w(overseas="0.00", vehicle_purchase="0.00", vehicle_operation="5.60", reception="1.80")
    # per unit (the 分单位 table): reception and vehicle operation
    three_public_units = {
        "126001": _w(reception="1.20", vehicle_operation="5.60"),
        "126002": _w(reception="0.30"),
        "126003": _w(reception="0.30"),
    }
    operating_costs = D("121.20")          # 财政拨款运行经费 (行政单位 + 参公: 本级 98.60 + 监察大队 22.60)
    # 政府采购 by type and fund (gb | gf | other)
    procurement = {"goods": _w(gb="18.50", gf="0.00", other="6.00"),
                   "works": _w(gb="5.00", gf="0.00", other="0.00"),
                   "services": _w(gb="28.00", gf="0.00", other="12.00")}
    assets = dict(date="2025年12月31日", area=3750, value=D("289.60"), vehicles=2)
    # the 2025 budget the narrative compares with (比上年)
    prev = dict(total=D("3683.30"), basic=D("2652.10"), project=D("1031.20"),
                three_public=_w(overseas="0.00", vehicle_purchase="0.00", vehicle_operation="6.00",
                                reception="2.00"),
                operating_costs=D("126.50"))
    performance_projects = 14


# ---------------------------------------------------------------------------
# 2025 final account (actual = 决算数; budget = 年初预算数, 一般公共预算)
class F2025:
    year = 2025
    staff = dict(authorized=62, admin=18, institution=41, actual=58, retired=28)
    # 一般公共预算财政拨款 spending by 项: basic, project (决算数)
    gb = {
        "2013602": _w(project="2.20"),
        "2039901": _w(project="26.00"),
        "2080101": _w(basic="600.12"),
        "2080102": _w(project="43.60"),
        "2080105": _w(project="55.80"),
        "2080106": _w(project="64.50"),
        "2080108": _w(project="58.40"),
        "2080109": _w(basic="592.30", project="128.60"),
        "2080111": _w(basic="418.60"),
        "2080112": _w(project="38.20"),
        "2080199": _w(basic="318.40", project="36.80"),
        "2080501": _w(basic="22.10"),
        "2080502": _w(basic="32.60"),
        "2080505": _w(basic="210.40"),
        "2080506": _w(basic="105.20"),
        "2080702": _w(project="186.30"),
        "2089901": _w(basic="7.40"),
        "2101101": _w(basic="37.60"),
        "2101102": _w(basic="58.20"),
        "2210201": _w(basic="177.80"),
        "2210203": _w(basic="38.10"),
    }
    # 年初预算数 (一般公共预算), by 项
    gb_budget = {
        "2013602": _w(project="2.40"),
        "2039901": _w(project="26.00"),
        "2080101": _w(basic="596.80"),
        "2080102": _w(project="48.00"),
        "2080105": _w(project="60.00"),
        "2080106": _w(project="55.00"),
        "2080108": _w(project="60.00"),
        "2080109": _w(basic="590.20", project="130.00"),
        "2080111": _w(basic="415.30"),
        "2080112": _w(project="40.00"),
        "2080199": _w(basic="316.80", project="36.00"),
        "2080501": _w(basic="22.10"),
        "2080502": _w(basic="32.60"),
        "2080505": _w(basic="210.40"),
        "2080506": _w(basic="105.20"),
        "2080702": _w(project="150.00"),
        "2089901": _w(basic="7.00"),
        "2101101": _w(basic="37.60"),
        "2101102": _w(basic="58.20"),
        "2210201": _w(basic="176.90"),
        "2210203": _w(basic="38.10"),
    }
    # spending from 事业收入 / 其他收入 (not fiscal), by 项
    non_fiscal = {"2080199": _w(basic="46.20", project="30.60")}
    biz_revenue = D("61.80")
    other_revenue = D("15.00")
    carry_begin = D("38.00")    # 年初结转和结余 (一般公共预算)
    carry_end = D("45.00")      # 年末结转和结余 (一般公共预算) = the 2026 上年结转
    econ_personnel = {
        "30101": D("505.30"), "30102": D("380.20"), "30103": D("57.40"), "30107": D("596.10"),
        "30108": D("210.40"), "30109": D("105.20"), "30110": D("84.90"), "30111": D("11.50"),
        "30112": D("16.20"), "30113": D("177.80"),
        "30302": D("54.70"), "30304": D("2.60"),
    }
    econ_public = {
        "30201": D("30.20"), "30202": D("6.90"), "30205": D("4.40"), "30206": D("20.80"),
        "30207": D("10.10"), "30211": D("13.20"), "30213": D("7.90"), "30215": D("2.10"),
        "30216": D("5.60"), "30217": D("1.36"), "30226": D("17.40"), "30228": D("24.10"),
        "30229": D("15.80"), "30231": D("5.42"),
        "31002": D("6.50"),
    }
    public_funds = D("200.00")
    three_public = _w(overseas="0.00", vehicle_purchase="0.00", vehicle_operation="5.42", reception="1.36")
    three_public_budget = _w(overseas="0.00", vehicle_purchase="0.00", vehicle_operation="6.00",
                             reception="2.00")
    operating_costs = D("124.86")
    operating_costs_budget = D("126.50")
    procurement = _w(goods="20.30", works="4.80", services="26.50")
    assets = dict(date="2025年12月31日", area=3750, value=D("289.60"), vehicles=2)
    projects_evaluated = 13
    prev = dict(grand_total=D("3186.45"), three_public=D("7.15"), operating_costs=D("129.30"))


# ---------------------------------------------------------------------------
def _func_rows(amounts, cols):
    """类, 款, 项 rows (dicts level/code/name/am) of {项: {col: amount}}, 类/款 summed."""
    out = []
    for lei in sorted({c[:3] for c in amounts}):
        sub = {c: v for c, v in amounts.items() if c[:3] == lei}
        out.append(_agg(1, lei, sub, cols))
        for kuan in sorted({c[:5] for c in sub}):
            ksub = {c: v for c, v in sub.items() if c[:5] == kuan}
            out.append(_agg(2, kuan, ksub, cols))
            for x in sorted(ksub):
                out.append(_agg(3, x, {x: ksub[x]}, cols))
    return out


def _agg(level, code, items, cols):
    am = {c: sum((v.get(c, Z) for v in items.values()), Z) for c in cols}
    return {"level": level, "code": code, "name": name(code), "am": am}


def func_rows(amounts, cols):
    return _func_rows(amounts, cols)


def total_row(rows, cols):
    return {c: sum((r["am"][c] for r in rows if r["level"] == 1), Z) for c in cols}


def econ_rows(items):
    out = []
    for lei in sorted({c[:3] for c in items}):
        sub = {c: v for c, v in items.items() if c[:3] == lei}
        out.append({"level": 1, "code": lei, "name": ECON[lei], "amount": sum(sub.values(), Z)})
        for c in sorted(sub):
            out.append({"level": 2, "code": c, "name": ECON[c], "amount": sub[c]})
    return out


def _balance(d, code, total, pred):
    rest = sum((v for c, v in d.items() if pred(c) and c != code), Z)
    d[code] = D(total) - rest
    assert d[code] > 0, (code, d[code])


def _tp(tp):
    tp = dict(tp)
    tp["vehicles"] = tp["vehicle_purchase"] + tp["vehicle_operation"]
    tp["total"] = tp["overseas"] + tp["vehicles"] + tp["reception"]
    return tp


def _build_2026():
    m = B2026
    # 项 -> amounts by measure and fund
    per = {}       # (unit, 项) -> {personnel, public, project_<fund>}
    for unit, items in m.basic.items():
        for code, v in items.items():
            e = per.setdefault((unit, code), {})
            e["personnel"] = e.get("personnel", Z) + v.get("p", Z)
            e["public"] = e.get("public", Z) + v.get("u", Z)
    for unit, pname, code, nature, funds, pcode in m.projects:
        e = per.setdefault((unit, code), {})
        for f, v in funds.items():
            e["project_" + f] = e.get("project_" + f, Z) + v
    m.per_unit = per
    cols_all = ["total", "basic", "personnel", "public", "project"]
    all_items, gb_items = {}, {}
    unit_items = {}
    for (unit, code), e in per.items():
        proj_all = sum((v for k, v in e.items() if k.startswith("project_")), Z)
        proj_gb = e.get("project_gb", Z) + e.get("project_carry", Z)
        personnel, public = e.get("personnel", Z), e.get("public", Z)
        a = all_items.setdefault(code, {c: Z for c in cols_all})
        a["personnel"] += personnel
        a["public"] += public
        a["basic"] += personnel + public
        a["project"] += proj_all
        a["total"] += personnel + public + proj_all
        g = gb_items.setdefault(code, {c: Z for c in cols_all})
        g["personnel"] += personnel
        g["public"] += public
        g["basic"] += personnel + public
        g["project"] += proj_gb
        g["total"] += personnel + public + proj_gb
        if personnel + public + proj_gb:
            u = unit_items.setdefault(unit, {}).setdefault(code, {c: Z for c in cols_all})
            u["personnel"] += personnel
            u["public"] += public
            u["basic"] += personnel + public
            u["project"] += proj_gb
            u["total"] += personnel + public + proj_gb
    m.cols_all = cols_all
    m.all_items, m.gb_items, m.unit_items = all_items, gb_items, unit_items
    m.all_rows = func_rows(all_items, cols_all)
    m.gb_rows = func_rows({c: v for c, v in gb_items.items() if v["total"]}, cols_all)
    m.unit_rows = {u: func_rows(items, cols_all) for u, items in unit_items.items()}
    t = total_row(m.all_rows, cols_all)
    m.total, m.basic_total, m.project = t["total"], t["basic"], t["project"]
    m.personnel, m.public_funds = t["personnel"], t["public"]
    g = total_row(m.gb_rows, cols_all)
    m.gb_total, m.gb_basic, m.gb_project = g["total"], g["basic"], g["project"]
    # revenue
    fund = lambda f: sum((e.get("project_" + f, Z) for e in per.values()), Z)
    m.carry = fund("carry")
    m.biz = fund("biz")
    m.other = fund("other")
    m.gb_revenue = m.basic_total + fund("gb")          # 一般公共预算拨款收入 (本年)
    m.revenue = m.gb_revenue + m.biz + m.other           # 本年收入合计
    m.grand_total = m.revenue + m.carry                   # 收入总计 = 支出总计
    m.fiscal_total = m.gb_revenue + m.carry               # 财政拨款收支总计
    # economic classification of 基本支出
    _balance(m.econ, "30199", m.personnel - sum((v for c, v in m.econ.items() if c.startswith("303")), Z),
             lambda c: c.startswith("301"))
    _balance(m.econ, "30299", m.public_funds - sum((v for c, v in m.econ.items() if c.startswith("310")), Z),
             lambda c: c.startswith("302"))
    m.econ_rows = econ_rows(m.econ)
    m.wages_welfare = sum((v for c, v in m.econ.items() if c.startswith("301")), Z)
    m.individual = sum((v for c, v in m.econ.items() if c.startswith("303")), Z)
    m.goods_services = sum((v for c, v in m.econ.items() if c.startswith("302")), Z)
    m.capital = sum((v for c, v in m.econ.items() if c.startswith("310")), Z)
    m.tp = _tp(m.three_public)
    m.tp_prev = _tp(m.prev["three_public"])
    m.tp_units = {u: _tp({k: v.get(k, Z) for k in ("overseas", "vehicle_purchase", "vehicle_operation",
                                                     "reception")})
                  for u, v in m.three_public_units.items()}
    pr = m.procurement
    for k, v in pr.items():
        v["total"] = v["gb"] + v["gf"] + v["other"]
    pr["total"] = {f: sum((pr[k][f] for k in ("goods", "works", "services")), Z)
                   for f in ("gb", "gf", "other", "total")}
    m.recurring = sum((sum(p[4].values(), Z) for p in m.projects if p[3] == "经常性项目"), Z)
    m.one_off = sum((sum(p[4].values(), Z) for p in m.projects if p[3] == "一次性项目"), Z)
    # 2025 执行数 (= the 2025 final account's 一般公共预算 决算数), by 项
    f = F2025
    m.exec_2025 = {c: v.get("basic", Z) + v.get("project", Z) for c, v in f.gb.items()}
    codes = sorted(set(m.exec_2025) | {c for c, v in gb_items.items() if v["total"]})
    multi = {}
    for c in codes:
        g = gb_items.get(c, {})
        cur = g.get("total", Z)
        prev = m.exec_2025.get(c, Z)
        multi[c] = {"prior": prev, "total": cur, "basic": g.get("basic", Z), "project": g.get("project", Z),
                    "change": cur - prev}
    m.multi_rows = func_rows(multi, ["prior", "total", "basic", "project", "change"])
    m.multi_total = total_row(m.multi_rows, ["prior", "total", "basic", "project", "change"])


def _build_2025():
    m = F2025
    cols = ["total", "basic", "project"]
    gb = {c: {"basic": v.get("basic", Z), "project": v.get("project", Z),
              "total": v.get("basic", Z) + v.get("project", Z)} for c, v in m.gb.items()}
    bud = {c: {"basic": v.get("basic", Z), "project": v.get("project", Z),
               "total": v.get("basic", Z) + v.get("project", Z)} for c, v in m.gb_budget.items()}
    m.gb_rows = func_rows(gb, cols)
    m.budget_rows = func_rows(bud, cols)
    allf = {c: dict(v) for c, v in gb.items()}
    for c, v in m.non_fiscal.items():
        a = allf.setdefault(c, {k: Z for k in cols})
        for k in ("basic", "project"):
            a[k] += v.get(k, Z)
        a["total"] = a["basic"] + a["project"]
    m.all_rows = func_rows(allf, cols)
    t = total_row(m.all_rows, cols)
    m.exp_total, m.basic, m.project = t["total"], t["basic"], t["project"]
    g = total_row(m.gb_rows, cols)
    m.gb_total, m.gb_basic, m.gb_project = g["total"], g["basic"], g["project"]
    b = total_row(m.budget_rows, cols)
    m.budget_total, m.budget_basic, m.budget_project = b["total"], b["basic"], b["project"]
    m.fiscal_revenue = m.gb_total - m.carry_begin + m.carry_end       # 一般公共预算财政拨款收入
    m.non_fiscal_total = sum((v.get("basic", Z) + v.get("project", Z) for v in m.non_fiscal.values()), Z)
    assert m.non_fiscal_total == m.biz_revenue + m.other_revenue
    m.rev_total = m.fiscal_revenue + m.biz_revenue + m.other_revenue
    m.grand_total = m.rev_total + m.carry_begin
    assert m.grand_total == m.exp_total + m.carry_end
    m.fiscal_grand_total = m.fiscal_revenue + m.carry_begin           # 财政拨款收入支出总计
    _balance(m.econ_public, "30299", m.public_funds - sum((v for c, v in m.econ_public.items()
                                                          if c.startswith("310")), Z),
             lambda c: c.startswith("302"))
    m.personnel = m.gb_basic - m.public_funds
    _balance(m.econ_personnel, "30199", m.personnel - sum((v for c, v in m.econ_personnel.items()
                                                          if c.startswith("303")), Z),
             lambda c: c.startswith("301"))
    m.wages_welfare = sum((v for c, v in m.econ_personnel.items() if c.startswith("301")), Z)
    m.individual = sum((v for c, v in m.econ_personnel.items() if c.startswith("303")), Z)
    m.econ_rows = econ_rows({**m.econ_personnel, **m.econ_public})
    m.tp = _tp(m.three_public)
    m.tp_budget = _tp(m.three_public_budget)
    m.procurement = dict(m.procurement)
    m.procurement["total"] = sum(m.procurement.values(), Z)
    m.performance_covered = m.gb_project


_build_2025()
_build_2026()


def shares(parts, whole):
    return [pct(p, whole) for p in parts]


def check():
    m = B2026
    for rows, cols in ((m.all_rows, m.cols_all), (m.gb_rows, m.cols_all),
                       (m.multi_rows, ["prior", "total", "basic", "project", "change"]),
                       (F2025.all_rows, ["total", "basic", "project"]),
                       (F2025.gb_rows, ["total", "basic", "project"]),
                       (F2025.budget_rows, ["total", "basic", "project"])) + tuple(
            (r, m.cols_all) for r in m.unit_rows.values()):
        for r in rows:
            if r["level"] < 3:
                kids = [x for x in rows if x["level"] == r["level"] + 1 and x["code"].startswith(r["code"])]
                for c in cols:
                    assert r["am"][c] == sum((x["am"][c] for x in kids), Z), (r, c)
            am = r["am"]
            if "basic" in am and "personnel" in am:
                assert am["basic"] == am["personnel"] + am["public"], r
            if "project" in am and "basic" in am:
                assert am["total"] == am["basic"] + am["project"], r
    assert m.total == m.grand_total, (m.total, m.grand_total)       # no 年终结转
    assert m.basic_total == m.gb_basic                                # 基本支出: all 一般公共预算
    assert m.project != m.gb_project and m.total != m.gb_total
    assert m.gb_total == m.fiscal_total
    assert sum(m.econ.values(), Z) == m.basic_total
    assert m.econ["30217"] == m.tp["reception"] and m.econ["30231"] == m.tp["vehicle_operation"]
    assert m.goods_services != m.public_funds
    assert sum((t["total"] for t in m.tp_units.values()), Z) == m.tp["total"]
    assert m.recurring + m.one_off == m.project
    assert sum((r["am"]["total"] for u in m.unit_rows.values() for r in u if r["level"] == 1), Z) == m.gb_total
    # the stated changes (比上年) add up: total = basic + project
    prev = m.prev
    assert prev["total"] == prev["basic"] + prev["project"]
    # stated shares of one whole add up to 100.00 exactly after rounding
    assert sum(shares([m.basic_total, m.project], m.total), Z) == D("100.00"), \
        shares([m.basic_total, m.project], m.total)
    lei = [r for r in m.gb_rows if r["level"] == 1]
    assert sum(shares([r["am"]["total"] for r in lei], m.gb_total), Z) == D("100.00"), \
        shares([r["am"]["total"] for r in lei], m.gb_total)
    rev = [m.gb_revenue, m.biz, m.other, m.carry]
    assert sum(shares(rev, m.grand_total), Z) == D("100.00"), shares(rev, m.grand_total)
    # the 2025 执行数 of the 2026 table is the 2025 final account's 决算数
    f = F2025
    assert m.multi_total["prior"] == f.gb_total
    assert f.carry_end == m.carry
    assert sum(f.econ_personnel.values(), Z) + sum(f.econ_public.values(), Z) == f.gb_basic
    assert f.econ_public["30217"] == f.tp["reception"] and f.econ_public["30231"] == f.tp["vehicle_operation"]
    assert f.basic != f.gb_basic and f.project != f.gb_project
    assert sum(shares([f.fiscal_revenue, f.biz_revenue, f.other_revenue], f.rev_total), Z) == D("100.00"), \
        shares([f.fiscal_revenue, f.biz_revenue, f.other_revenue], f.rev_total)
    assert sum(shares([f.basic, f.project], f.exp_total), Z) == D("100.00"), shares([f.basic, f.project], f.exp_total)
    return True
