"""Data model of the fictional-but-realistic department behind the sample PDFs.

Every figure of every sample comes from here.  Amounts are in 万元 with two
decimals (Decimal, never float).  Aggregates (类/款 rows, totals, 人员经费 ...)
are computed, never typed twice, and `check()` asserts every identity the
documents rely on.

The department is modelled on the real 区人社局2020年部门预算公开说明
(武汉市东西湖区人力资源和社会保障局); the 2020 headline figures are the real
ones (2934.45 / 2237.90 / 396.55 / 300.00 ...), the detail below them
(项 rows, economic classification, units, 2019 and 2021) is invented so that
everything adds up.
"""

from decimal import Decimal, ROUND_HALF_UP

D = Decimal
Z = D("0.00")

DEPT = "武汉市东西湖区人力资源和社会保障局"
SHORT = "区人社局"
REGION = "武汉市东西湖区"


def q2(x):
    return D(x).quantize(D("0.01"), rounding=ROUND_HALF_UP)


def pct(part, whole):
    """Percentage with two decimals, half-up (13.514 -> 13.51)."""
    return q2(D(part) * 100 / D(whole))


def fmt(x, sep=True, zero="0.00"):
    """2,934.45 (sep) or 2934.45; `zero` is what a zero prints as."""
    x = q2(x)
    if x == 0:
        return zero
    return f"{x:,.2f}" if sep else f"{x:.2f}"


def yuan(wan):
    """万元 -> 元, exact, two decimals, as a string."""
    return f"{q2(D(wan) * 10000):.2f}"


# ---------------------------------------------------------------------------
# 政府收支分类科目 — 支出功能分类 (names as in the 2020 classification)
FUNC = {
    "201": "一般公共服务支出",
    "20136": "其他共产党事务支出",
    "2013602": "一般行政管理事务",
    "203": "国防支出",
    "20399": "其他国防支出",
    "2039901": "其他国防支出",
    "208": "社会保障和就业支出",
    "20801": "人力资源和社会保障管理事务",
    "2080101": "行政运行",
    "2080102": "一般行政管理事务",
    "2080103": "机关服务",
    "2080105": "劳动保障监察",
    "2080106": "就业管理事务",
    "2080107": "社会保险业务管理事务",
    "2080108": "信息化建设",
    "2080109": "社会保险经办机构",
    "2080111": "公共就业服务和职业技能鉴定机构",
    "2080112": "劳动人事争议调解仲裁",
    "2080199": "其他人力资源和社会保障管理事务支出",
    "20805": "行政事业单位养老支出",
    "2080501": "行政单位离退休",
    "2080502": "事业单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "20807": "就业补助",
    "2080702": "职业培训补贴",
    "2080705": "公益性岗位补贴",
    "20808": "抚恤",
    "2080801": "死亡抚恤",
    "20899": "其他社会保障和就业支出",
    "2089901": "其他社会保障和就业支出",
    "210": "卫生健康支出",
    "21011": "行政事业单位医疗",
    "2101101": "行政单位医疗",
    "2101102": "事业单位医疗",
    "2101103": "公务员医疗补助",
    "221": "住房保障支出",
    "22102": "住房改革支出",
    "2210201": "住房公积金",
    "2210203": "购房补贴",
}
# names that differ in the 2019 classification
FUNC_2019 = {
    "20805": "行政事业单位离退休",
    "2080501": "归口管理的行政单位离退休",
}


def func_name(code, year):
    if year == 2019 and code in FUNC_2019:
        return FUNC_2019[code]
    return FUNC[code]


# 部门预算支出经济分类科目
ECON = {
    "301": "工资福利支出",
    "30101": "基本工资",
    "30102": "津贴补贴",
    "30103": "奖金",
    "30107": "绩效工资",
    "30108": "机关事业单位基本养老保险缴费",
    "30109": "职业年金缴费",
    "30110": "职工基本医疗保险缴费",
    "30111": "公务员医疗补助缴费",
    "30112": "其他社会保障缴费",
    "30113": "住房公积金",
    "30199": "其他工资福利支出",
    "302": "商品和服务支出",
    "30201": "办公费",
    "30202": "印刷费",
    "30205": "水费",
    "30206": "电费",
    "30207": "邮电费",
    "30211": "差旅费",
    "30213": "维修（护）费",
    "30215": "会议费",
    "30216": "培训费",
    "30217": "公务接待费",
    "30228": "工会经费",
    "30229": "福利费",
    "30231": "公务用车运行维护费",
    "30239": "其他交通费用",
    "30299": "其他商品和服务支出",
    "303": "对个人和家庭的补助",
    "30302": "退休费",
    "30304": "抚恤金",
    "30399": "其他对个人和家庭的补助",
    "310": "资本性支出",
    "31002": "办公设备购置",
}


def _amt(**kw):
    return {k: D(v) for k, v in kw.items()}


def _fill(items, code, col, total, cols):
    """Set items[code][col] so that the column sums to `total` (balancing row)."""
    rest = sum(v.get(col, Z) for c, v in items.items() if c != code)
    items.setdefault(code, {})[col] = D(total) - rest
    assert items[code][col] > 0, (code, col, items[code][col])


def func_rows(items, cols, year):
    """Rows of a 功能分类 table: list of dicts(level, code, name, amounts),
    类 then its 款 then their 项, sorted by code; 类/款 amounts are sums."""
    out = []
    lei = sorted({c[:3] for c in items})
    for l in lei:
        l_items = {c: v for c, v in items.items() if c[:3] == l}
        out.append(_agg_row(1, l, year, l_items, cols))
        for k in sorted({c[:5] for c in l_items}):
            k_items = {c: v for c, v in l_items.items() if c[:5] == k}
            out.append(_agg_row(2, k, year, k_items, cols))
            for x in sorted(k_items):
                out.append(_agg_row(3, x, year, {x: k_items[x]}, cols))
    return out


def _agg_row(level, code, year, items, cols):
    am = {c: sum((v.get(c, Z) for v in items.values()), Z) for c in cols}
    if "total" in cols:
        am["total"] = sum((am[c] for c in cols if c != "total"), Z)
    return {"level": level, "code": code, "name": func_name(code, year), "am": am}


def col_total(items, col):
    return sum((v.get(col, Z) for v in items.values()), Z)


def econ_rows(items):
    """Rows of an economic-classification table: 类 (3 digits) then 款 rows."""
    out = []
    for l in sorted({c[:3] for c in items}):
        sub = {c: v for c, v in items.items() if c[:3] == l}
        out.append({"level": 1, "code": l, "name": ECON[l], "amount": sum(sub.values(), Z)})
        for c in sorted(sub):
            out.append({"level": 2, "code": c, "name": ECON[c], "amount": sub[c]})
    return out


# ---------------------------------------------------------------------------
# Department (shared by all years)
FUNCTIONS = [
    "全面落实积极的就业政策，扩大和稳定就业",
    "认真贯彻《社会保险法》，健全和完善社会保险制度体系",
    "实施人才强区战略，推进各类人才队伍建设",
    "深化人事制度改革，提升公共人事管理服务效能",
    "完善体制机制，积极构建和谐稳定劳动关系",
    "夯实基础，不断提升公共服务水平",
]
DIVISIONS = ["办公室", "人事人才科", "劳动就业和社会保障科"]
UNITS = [  # 二级事业单位 (code, full name, short name)
    ("126002", "武汉市东西湖区劳动就业管理局", "区劳动就业管理局"),
    ("126003", "武汉市东西湖区社会保险基金结算中心", "区社保基金结算中心"),
    ("126004", "武汉市东西湖区机关事业单位社会保险管理处", "区机关社保处"),
    ("126005", "武汉市东西湖区城乡居民社会养老保险管理中心", "区城乡居民养老保险中心"),
    ("126006", "武汉市东西湖区工伤保险管理处", "区工伤保险管理处"),
    ("126007", "武汉市东西湖区失业保险管理办公室", "区失业保险办"),
    ("126008", "武汉市东西湖区劳动保障监察大队", "区劳动保障监察大队"),
    ("126009", "武汉市东西湖区劳动人事争议仲裁院", "区劳动人事争议仲裁院"),
    ("126010", "武汉市东西湖区人力资源和社会保障信息中心", "区人社信息中心"),
    ("126011", "武汉市东西湖区人才服务中心", "区人才服务中心"),
]
UNIT_SELF = ("126001", "武汉市东西湖区人力资源和社会保障局（本级）")


# ---------------------------------------------------------------------------
# 2020 budget (sample 1; the real headline figures)
class Y2020:
    year = 2020
    staff = dict(authorized=62, admin=18, institution=41, institution_civil=5, quota=2, worker=1,
                 actual=57, actual_admin=16, actual_worker=1, actual_full=16, actual_full_civil=5,
                 actual_self=22, actual_quota=2, retired=27, retired_fiscal=13, retired_self=14)
    # projects: name, unit (实施单位), type, function code, amount, total budget (项目总额)
    projects = [
        ("预备役部队训练费", "预备役部队", "经常性项目", "2039901", D("26.00")),
        ("机关党员培训教育经费", "区人社局机关", "经常性项目", "2013602", D("2.35")),
        ("物业管理费", "区人社局机关", "经常性项目", "2080103", D("31.20")),
        ("人事人才工作经费", "区人社局机关", "经常性项目", "2080102", D("47.00")),
        ("就业管理工作经费", "区劳动就业管理局", "经常性项目", "2080106", D("40.00")),
        ("社保经办机构经费", "区社保基金结算中心", "经常性项目", "2080109", D("120.00")),
        ("社保信息系统升级改造", "区人社信息中心", "一次性项目", "2080108", D("30.00")),
        ("劳动保障监察工作经费", "区劳动保障监察大队", "经常性项目", "2080105", D("60.00")),
        ("劳动人事争议仲裁工作经费", "区劳动人事争议仲裁院", "经常性项目", "2080112", D("40.00")),
    ]
    special = ("地税征收经费", "2080107", D("300.00"))
    basic_total = D("2237.90")
    items = {  # 项 -> basic / project / special
        "2080101": _amt(basic="812.48"),
        "2080109": _amt(basic="548.35"),
        "2080111": _amt(basic="185.62"),
        "2080199": _amt(basic="96.20"),
        "2080501": _amt(basic="18.40"),
        "2080502": _amt(basic="21.36"),
        "2080505": _amt(basic="168.52"),
        "2080506": _amt(basic="84.26"),
        "2080801": _amt(basic="6.30"),
        "2089901": _amt(basic="7.12"),
        "2101101": _amt(basic="42.88"),
        "2101102": _amt(basic="51.64"),
        "2101103": _amt(basic="12.30"),
        "2210201": _amt(basic="146.25"),
    }
    econ_basic = {  # economic classification of 基本支出
        "30101": D("486.30"), "30102": D("398.76"), "30103": D("62.15"), "30107": D("312.40"),
        "30108": D("168.52"), "30109": D("84.26"), "30110": D("94.52"), "30111": D("12.30"),
        "30112": D("18.64"), "30113": D("146.25"),
        "30201": D("28.60"), "30202": D("8.40"), "30205": D("4.20"), "30206": D("18.50"),
        "30207": D("9.80"), "30211": D("12.60"), "30213": D("6.50"), "30215": D("3.20"),
        "30216": D("5.80"), "30217": D("2.00"), "30228": D("22.36"), "30229": D("14.52"),
        "30231": D("6.00"),
        "30302": D("39.76"), "30304": D("6.30"), "30399": D("7.12"),
    }
    wages_welfare = D("1993.42")
    public_funds = D("191.30")
    three_public = dict(overseas=D("0.00"), vehicle_purchase=D("0.00"), vehicle_operation=D("6.00"),
                        reception=D("2.00"))
    operating_costs = D("191.30")
    procurement = dict(goods=D("22.50"), services=D("20.00"), works=D("5.00"))
    assets = dict(date="2019年12月31日", area=3750, value=D("306.00"), vehicles=2)
    unit_income = {  # 收入总表 by unit; 本级 is the balancing row
        "126002": D("386.20"), "126003": D("612.40"), "126004": D("168.30"), "126005": D("142.75"),
        "126006": D("96.80"), "126007": D("88.60"), "126008": D("154.30"), "126009": D("101.45"),
        "126010": D("92.60"), "126011": D("76.20"),
    }


def _build_2020():
    m = Y2020
    for name, unit, typ, code, amt in m.projects:
        m.items.setdefault(code, {})
        m.items[code]["project"] = m.items[code].get("project", Z) + amt
    m.items.setdefault(m.special[1], {})["special"] = m.special[2]
    _fill(m.items, "2210203", "basic", m.basic_total, None)
    _fill_dict(m.econ_basic, "30199", m.wages_welfare, lambda c: c.startswith("301"))
    _fill_dict(m.econ_basic, "30299", m.public_funds, lambda c: c.startswith("302"))
    m.cols = ["basic", "project", "special"]
    m.rows = func_rows(m.items, ["total"] + m.cols, 2020)
    m.basic = col_total(m.items, "basic")
    m.project = col_total(m.items, "project")
    m.special_total = col_total(m.items, "special")
    m.total = m.basic + m.project + m.special_total
    m.individual = sum((v for c, v in m.econ_basic.items() if c.startswith("303")), Z)
    m.personnel = m.wages_welfare + m.individual
    m.recurring = sum((p[4] for p in m.projects if p[2] == "经常性项目"), Z)
    m.one_off = sum((p[4] for p in m.projects if p[2] == "一次性项目"), Z)
    tp = m.three_public
    tp["vehicles"] = tp["vehicle_purchase"] + tp["vehicle_operation"]
    tp["total"] = tp["overseas"] + tp["vehicles"] + tp["reception"]
    m.procurement["total"] = sum(m.procurement.values(), Z)
    m.unit_income = dict(m.unit_income)
    m.unit_income[UNIT_SELF[0]] = m.total - sum(m.unit_income.values(), Z)
    m.econ_rows = econ_rows(m.econ_basic)


def _fill_dict(d, code, total, pred):
    rest = sum((v for c, v in d.items() if pred(c) and c != code), Z)
    d[code] = D(total) - rest
    assert d[code] > 0, (code, d[code])


# ---------------------------------------------------------------------------
# 2019 budget (sample 3; the 2020 narrative compares against it)
class Y2019:
    year = 2019
    staff = dict(authorized=62, admin=18, institution=41, actual=60, retired=25)
    projects = [
        ("机关党员培训教育经费", "区人社局机关", "经常性项目", "2013602", D("2.58")),
        ("预备役部队训练费", "预备役部队", "经常性项目", "2039901", D("28.00")),
        ("人事人才工作经费", "区人社局机关", "经常性项目", "2080102", D("68.00")),
        ("物业管理费", "区人社局机关", "经常性项目", "2080103", D("31.20")),
        ("劳动保障监察工作经费", "区劳动保障监察大队", "经常性项目", "2080105", D("45.00")),
        ("就业管理工作经费", "区劳动就业管理局", "经常性项目", "2080106", D("42.00")),
        ("社保经办机构经费", "区社保基金结算中心", "经常性项目", "2080109", D("425.00")),
        ("劳动人事争议仲裁工作经费", "区劳动人事争议仲裁院", "经常性项目", "2080112", D("20.00")),
        ("职业技能培训补贴", "区劳动就业管理局", "经常性项目", "2080702", D("360.00")),
        ("公益性岗位补贴", "区劳动就业管理局", "经常性项目", "2080705", D("281.80")),
    ]
    special = ("地税征收经费", "2080107", D("400.00"))
    basic_total = D("2658.33")
    public_funds = D("117.36")
    items = {
        "2080101": _amt(basic="968.52"),
        "2080109": _amt(basic="702.18"),
        "2080111": _amt(basic="214.36"),
        "2080199": _amt(basic="112.40"),
        "2080501": _amt(basic="20.10"),
        "2080502": _amt(basic="23.84"),
        "2080505": _amt(basic="198.60"),
        "2080506": _amt(basic="99.30"),
        "2080801": _amt(basic="5.60"),
        "2089901": _amt(basic="7.20"),
        "2101101": _amt(basic="48.30"),
        "2101102": _amt(basic="59.95"),
        "2101103": _amt(basic="14.60"),
        "2210201": _amt(basic="152.40"),
    }
    three_public = dict(overseas=D("0.00"), vehicle_purchase=D("0.00"), vehicle_operation=D("7.50"),
                        reception=D("3.00"))
    operating_costs = D("117.36")
    procurement = dict(goods=D("35.60"), services=D("28.00"), works=D("0.00"))
    total_2018 = D("4980.36")


def _build_2019():
    m = Y2019
    for name, unit, typ, code, amt in m.projects:
        m.items.setdefault(code, {})
        m.items[code]["project"] = m.items[code].get("project", Z) + amt
    m.items.setdefault(m.special[1], {})["special"] = m.special[2]
    _fill(m.items, "2210203", "basic", m.basic_total, None)
    m.cols = ["basic", "project", "special"]
    m.rows = func_rows(m.items, ["total"] + m.cols, 2019)
    m.basic = col_total(m.items, "basic")
    m.project = col_total(m.items, "project")
    m.special_total = col_total(m.items, "special")
    m.total = m.basic + m.project + m.special_total
    m.personnel = m.basic - m.public_funds
    tp = m.three_public
    tp["vehicles"] = tp["vehicle_purchase"] + tp["vehicle_operation"]
    tp["total"] = tp["overseas"] + tp["vehicles"] + tp["reception"]
    m.procurement["total"] = sum(m.procurement.values(), Z)
    m.recurring = sum((p[4] for p in m.projects if p[2] == "经常性项目"), Z)
    m.one_off = sum((p[4] for p in m.projects if p[2] == "一次性项目"), Z)


# ---------------------------------------------------------------------------
# 2021 final account (sample 2)
class Y2021:
    year = 2021
    staff = dict(authorized=62, admin=18, institution=41, actual=58, retired=28)
    # general-budget fiscal spending (一般公共预算财政拨款支出) by 项
    items = {
        "2013602": _amt(project="2.10"),
        "2039901": _amt(project="24.00"),
        "2080101": _amt(basic="845.36"),
        "2080102": _amt(project="52.30"),
        "2080103": _amt(project="31.20"),
        "2080105": _amt(project="58.40"),
        "2080106": _amt(project="45.60"),
        "2080107": _amt(project="286.50"),
        "2080108": _amt(project="38.70"),
        "2080109": _amt(basic="571.24", project="132.80"),
        "2080111": _amt(basic="192.35"),
        "2080112": _amt(project="41.20"),
        "2080199": _amt(basic="102.48"),
        "2080501": _amt(basic="19.20"),
        "2080502": _amt(basic="22.86"),
        "2080505": _amt(basic="176.40"),
        "2080506": _amt(basic="88.20"),
        "2080801": _amt(basic="4.80"),
        "2089901": _amt(basic="7.60"),
        "2101101": _amt(basic="44.70"),
        "2101102": _amt(basic="53.92"),
        "2101103": _amt(basic="12.80"),
        "2210201": _amt(basic="152.64"),
        "2210203": _amt(basic="38.10"),
    }
    # spending from 其他收入 (not fiscal), by 项
    other_items = {"2080109": _amt(project="12.30")}
    other_revenue = D("12.30")
    carry_begin = D("45.20")   # 年初结转和结余 (财政拨款)
    carry_end = D("20.00")     # 年末结转和结余 (财政拨款)
    econ_personnel = {
        "30101": D("502.16"), "30102": D("412.30"), "30103": D("64.20"), "30107": D("326.80"),
        "30108": D("176.40"), "30109": D("88.20"), "30110": D("98.62"), "30111": D("12.80"),
        "30112": D("19.36"), "30113": D("152.64"),
        "30302": D("42.06"), "30304": D("4.80"), "30399": D("7.60"),
    }
    public_funds = D("198.64")
    econ_public = {
        "30201": D("26.40"), "30202": D("7.85"), "30205": D("3.96"), "30206": D("19.20"),
        "30207": D("10.12"), "30211": D("9.86"), "30213": D("7.20"), "30215": D("2.10"),
        "30216": D("4.60"), "30217": D("1.36"), "30228": D("23.10"), "30229": D("15.40"),
        "30231": D("5.42"), "30239": D("18.60"),
        "31002": D("6.80"),
    }
    three_public = dict(overseas=D("0.00"), vehicle_purchase=D("0.00"), vehicle_operation=D("5.42"),
                        reception=D("1.36"))
    three_public_budget = dict(overseas=D("0.00"), vehicle_purchase=D("0.00"),
                               vehicle_operation=D("6.00"), reception=D("2.00"))
    operating_costs = D("186.45")
    procurement = dict(goods=D("24.60"), works=D("8.00"), services=D("20.20"))
    assets = dict(date="2021年12月31日", area=3750, value=D("298.40"), vehicles=2)
    projects_evaluated = 9
    # 2020 final account figures the 2021 narrative compares against
    prev = dict(grand_total=D("3021.64"), three_public=D("7.15"), operating_costs=D("190.26"))


def _build_2021():
    m = Y2021
    m.cols = ["basic", "project"]
    m.rows = func_rows(m.items, ["total"] + m.cols, 2021)          # fiscal (general budget)
    all_items = {c: dict(v) for c, v in m.items.items()}
    for c, v in m.other_items.items():
        for k, a in v.items():
            all_items.setdefault(c, {})[k] = all_items.get(c, {}).get(k, Z) + a
    m.all_items = all_items
    m.all_rows = func_rows(all_items, ["total"] + m.cols, 2021)     # all funds
    m.fiscal_basic = col_total(m.items, "basic")
    m.fiscal_project = col_total(m.items, "project")
    m.fiscal_total = m.fiscal_basic + m.fiscal_project
    m.basic = col_total(all_items, "basic")
    m.project = col_total(all_items, "project")
    m.exp_total = m.basic + m.project                                  # 本年支出合计
    m.fiscal_revenue = m.fiscal_total - m.carry_begin + m.carry_end    # 财政拨款收入
    m.rev_total = m.fiscal_revenue + m.other_revenue                   # 本年收入合计
    m.grand_total = m.rev_total + m.carry_begin
    assert m.grand_total == m.exp_total + m.carry_end
    # economic classification of basic spending
    _fill_dict(m.econ_public, "30299", m.public_funds, lambda c: True)
    m.personnel = m.basic - m.public_funds
    _fill_dict(m.econ_personnel, "30199", m.personnel, lambda c: True)
    m.wages_welfare = sum((v for c, v in m.econ_personnel.items() if c.startswith("301")), Z)
    m.individual = sum((v for c, v in m.econ_personnel.items() if c.startswith("303")), Z)
    for tp in (m.three_public, m.three_public_budget):
        tp["vehicles"] = tp["vehicle_purchase"] + tp["vehicle_operation"]
        tp["total"] = tp["overseas"] + tp["vehicles"] + tp["reception"]
    m.procurement["total"] = sum(m.procurement.values(), Z)
    m.personnel_rows = econ_rows(m.econ_personnel)
    m.public_rows = econ_rows(m.econ_public)
    m.performance_covered = m.fiscal_project


_build_2020()
_build_2019()
_build_2021()


def check():
    """Assert every identity the samples rely on."""
    for m in (Y2019, Y2020, Y2021):
        # 类 = sum 款 = sum 项, and 合计 = parts, for every row of every function table
        tables = [m.rows] + ([m.all_rows] if m is Y2021 else [])
        for rows in tables:
            for r in rows:
                am = r["am"]
                assert am["total"] == sum((am[c] for c in m.cols), Z), r
                if r["level"] < 3:
                    n = len(r["code"]) + 2
                    kids = [x for x in rows if x["level"] == r["level"] + 1
                            and x["code"].startswith(r["code"]) and len(x["code"]) == n]
                    assert kids, r
                    for c in am:
                        assert am[c] == sum((x["am"][c] for x in kids), Z), (r, c)
        tp = m.three_public
        assert tp["total"] == tp["overseas"] + tp["vehicles"] + tp["reception"]
        assert tp["vehicles"] == tp["vehicle_purchase"] + tp["vehicle_operation"]
    m = Y2020
    assert m.total == D("2934.45") and m.basic == D("2237.90") and m.project == D("396.55")
    assert m.special_total == D("300.00")
    assert m.personnel == D("2046.60") and m.individual == D("53.18")
    assert m.personnel + m.public_funds == m.basic
    assert sum(m.econ_basic.values(), Z) == m.basic
    assert sum(m.unit_income.values(), Z) == m.total
    assert m.recurring + m.one_off == m.project
    assert m.three_public["reception"] == m.econ_basic["30217"]
    assert m.three_public["vehicle_operation"] == m.econ_basic["30231"]
    m = Y2019
    assert m.total == D("4361.91") and m.basic == D("2658.33") and m.project == D("1303.58")
    assert Y2020.basic - m.basic == D("-420.43")
    assert Y2020.project - m.project == D("-907.03")
    assert Y2020.public_funds - m.public_funds == D("73.94")
    m = Y2021
    assert sum(m.econ_personnel.values(), Z) + sum(m.econ_public.values(), Z) == m.basic
    assert m.three_public["reception"] == m.econ_public["30217"]
    assert m.three_public["vehicle_operation"] == m.econ_public["30231"]
    return True


check()
