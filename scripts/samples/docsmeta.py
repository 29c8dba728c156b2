"""Metadata samples of issue 12 pattern H (reportlab), one document each:

* rsj2025_selfeval_rl: a one-page 部门整体绩效自评表 with its year only in the
  subtitle （2025年度） and the department only in the form field
  部门（单位）名称 (label and value in two cells, no colon, a 部门预算编码 field
  right of it). No title says 预算 or 决算: the form's kind says final_account
  (a self-evaluation of a year past), and the title prints no year.
* rsj2026_govreport_rl: a government's 关于…2025年预算执行情况和2026年预算草案的报告
  (title wrapped over two lines): level = government, no department, the
  region of the government, the draft's year 2026, budget. Departments are
  named in its text (区人力资源和社会保障局) but none is the document's.
* rsj2026_wholetasks_rl: a 2026年部门整体支出绩效目标表 as 西安 prints it: the
  department in the form field 部门（单位）名称, a 年度主要任务 block (任务名称 |
  主要内容 | 预算金额（万元）总额 / 财政拨款 / 其他资金) ending in a 金额合计 row,
  the 年度总体目标, then the indicators. The 金额合计 is the spending the
  targets cover (performance.budget_covered), in the 万元 its header cell
  prints; the indicators are the department's. Its second page is a
  2026年专项资金整体支出绩效目标表 (a fund's form, not the department's): its
  first row is the 专项（项目）名称 field, its 资金金额（万元） prints only the
  实施期资金总额 and its sources. The 专项 is a project whose total is that
  amount, and the form's indicators are the project's.
"""

from doc import Cell, Document, Para, Section, Table
from model import DEPT, REGION

SELFEVAL = "rsj2025_selfeval_rl"
GOVREPORT = "rsj2026_govreport_rl"

SELF_INDICATORS = [
    ("产出指标", "数量指标", "城镇新增就业人数", "≥12000人", "12860人"),
    ("产出指标", "质量指标", "社会保险待遇按时足额发放率", "100%", "100%"),
    ("产出指标", "时效指标", "项目整体完成时限", "≤12个月", "12个月"),
    ("效益指标", "社会效益指标", "城镇登记失业率", "≤3.2%", "2.9%"),
    ("满意度指标", "服务对象满意度指标", "群众对人社服务满意度", "≥90%", "95.6%"),
]


# The form's 财政资金安排和使用情况 block (万元, though the form prints no unit:
# only its cost targets say 万元): 年初 + 调整 = 小计, 拨付 / 小计 = 支出实现率.
SELF_FUNDS = ("3390.40", "120.00", "3510.40", "3402.15", "96.92")
SELF_COST = ("成本指标", "经济成本指标", "基本经费投入成本", "≤2706.40万元", "2718.30")


def selfeval():
    # one grid, as the forms are drawn: fields, the funds block, the indicators
    rows = [["专项名称", Cell("101部门整体", cs=5)],
            ["部门（单位）名称", Cell(DEPT, cs=2), "部门预算编码", Cell("101", cs=2)],
            ["财政资金", "年初部门预算安排金额①", "年中调整金额②", "小计③=①+②", "年度拨付金额④",
             "支出实现率(%)⑤=④/③"],
            ["合计"] + list(SELF_FUNDS),
            ["一级指标", "二级指标", Cell("三级指标", cs=2), "年度指标值", "实际完成值"]]
    for l1, l2, l3, v, actual in SELF_INDICATORS + [SELF_COST]:
        rows.append([l1, l2, Cell(l3, cs=2), v, actual])
    form = Table("other", "部门整体绩效自评表", [], rows, [3.0, 3.0, 2.6, 2.6, 2.6, 2.6], unit="",
                 dept_line=False, show_title=False, aligns="cccccc", record=False, style="form",
                 note="one grid: form fields, the 财政资金 block (no unit printed: the cost target says 万元), "
                      "the indicators")
    return Document(SELFEVAL, [Section("page", [Para("部门整体绩效自评表", "title"), Para("（2025年度）", "h1"),
                                                form])],
                    running_header=None, footer_fmt=None)


def selfeval_truth(d, L):
    meta = {"department": DEPT, "department_short": "", "region": REGION, "year": 2025,
            "doc_kind": "final_account", "level": "department", "pages": len(L.pages)}
    # a 部门整体 form: its 专项名称 101部门整体 is no project, the indicators are the department's
    inds = [{"project": DEPT, "level1": l1, "level2": l2, "content": l3, "value_text": v, "page": 1}
            for l1, l2, l3, v, _ in SELF_INDICATORS + [SELF_COST]]
    # a final account's self-evaluation: the year's spending is the 年度拨付金额 of the 合计 row, in 万元
    # (the unit its cost target prints); the 预算 columns are not facts
    from truth import money_fact
    facts = [money_fact("expenditure.total", SELF_FUNDS[3], SELF_FUNDS[3], 1, "table",
                        "合计 row, 年度拨付金额④; no unit printed, 万元 as the cost target ≤2706.40万元 says"),
             money_fact("expenditure.basic", SELF_COST[4], SELF_COST[4], 1, "table",
                        "the 基本经费投入成本 indicator's 实际完成值 (after its target ≤2706.40万元)")]
    return dict(metadata=meta, facts=facts, line_items=[], projects=[], indicators=inds, tables=[])


GOV_TITLE = "关于武汉市东西湖区2025年预算执行情况和2026年预算草案的报告"
GOV_PARAS = [
    Para(GOV_TITLE, "title"),
    Para("——在武汉市东西湖区第四届人民代表大会第六次会议上", "h1"),
    Para("区财政局", "h1"),
    Para("各位代表：", "body"),
    Para("受区人民政府委托，现将全区2025年预算执行情况和2026年预算草案提请大会审议，并请区政协各位委员提出意见。", "body"),
    Para("一、2025年预算执行情况", "h2"),
    Para("全区一般公共预算收入完成86.52亿元，为预算的101.2%，增长3.6%。全区一般公共预算支出完成112.30亿元，"
         "其中社会保障和就业支出18.46亿元，区人力资源和社会保障局落实就业补助资金2.35亿元。", "body"),
    Para("二、2026年预算草案", "h2"),
    Para("2026年全区一般公共预算收入预期90.10亿元，增长4.1%；全区一般公共预算支出安排116.80亿元。"
         "各部门预算按程序报区人民代表大会批准后向社会公开。", "body"),
]


def govreport():
    return Document(GOVREPORT, [Section("flow", GOV_PARAS)], running_header=None, footer_fmt=None)


def govreport_truth(d, L):
    meta = {"department": "", "department_short": "", "region": REGION, "year": 2026, "doc_kind": "budget",
            "level": "government", "pages": len(L.pages)}
    return dict(metadata=meta, facts=[], line_items=[], projects=[], indicators=[], tables=[])


# rsj2024_govfinal_rl: a government-wide final-account table (全区…决算表), the
# region before the year in its title: level government, final_account, 2024.
GOVFINAL = "rsj2024_govfinal_rl"
GOVFINAL_TITLE = REGION + "2024年全区一般公共预算支出决算表"
# Consistent, as a sample without misprints must be: each 类 is the sum of
# the 款 printed under it, the 合计 the sum of the 类 (checks T7, T13).
GOVFINAL_ROWS = [
    ("201", "一般公共服务支出", "9,860.00", "9,701.00"),
    ("20101", "人大事务", "1,210.00", "1,188.60"),
    ("20103", "政府办公厅（室）及相关机构事务", "8,650.00", "8,512.40"),
    ("208", "社会保障和就业支出", "6,420.00", "6,398.15"),
    ("20801", "人力资源和社会保障管理事务", "6,420.00", "6,398.15"),
    ("210", "卫生健康支出", "96,300.00", "95,980.10"),
]


def govfinal():
    t = Table("general_budget_expenditure", GOVFINAL_TITLE,
              [["科目编码", "科目名称", "预算数", "决算数"]],
              [list(r) for r in GOVFINAL_ROWS] + [["", "合计", "112,580.00", "112,079.25"]],
              [2.2, 7.0, 3.0, 3.0], unit="万元", dept_line=False, aligns="llrr",
              note="a government-wide table (全区): no department; 预算数 | 决算数")
    return Document(GOVFINAL, [Section("page", [t])], running_header=None, footer_fmt=None)


def govfinal_truth(d, L):
    from truth import table_entry
    meta = {"department": "", "department_short": "", "region": REGION, "year": 2024,
            "doc_kind": "final_account", "level": "government", "pages": len(L.pages)}
    return dict(metadata=meta, facts=[], line_items=[], projects=[], indicators=[],
                tables=[table_entry(t) for t in d.tables()])


WHOLETASKS = "rsj2026_wholetasks_rl"
# (任务名称, 主要内容, 总额, 财政拨款); 其他资金 blank
TASKS = [
    ("1.机关运行及人员保障", "保障人员经费、商品和服务支出，机关运行经费。", "2,706.40", "2,706.40"),
    ("2.就业创业服务", "职业技能培训补贴、就业困难人员帮扶、创业担保贷款贴息。", "684.00", "684.00"),
]
TASKS_TOTAL = "3,390.40"
WHOLE_INDICATORS = [
    ("产出指标", "数量指标", "指标1：城镇新增就业人数", "≥12000人"),
    ("产出指标", "质量指标", "指标1：社会保险待遇按时足额发放率", "100%"),
    ("效益指标", "社会效益指标", "指标1：城镇登记失业率", "≤3.2%"),
    ("满意度指标", "服务对象满意度指标", "指标1：群众对人社服务满意度", "≥90%"),
]


FUND = "就业创业专项资金"
FUND_TOTAL = "684.00"
FUND_INDICATORS = [
    ("产出指标", "数量指标", "指标1：职业技能培训人次", "≥3000人次"),
    ("效益指标", "社会效益指标", "指标1：培训后就业率", "≥60%"),
]


def fund_form():
    rows = [["专项（项目）名称", Cell(FUND, cs=3)],
            ["主管部门", Cell(DEPT, cs=3)],
            [Cell("资金金额（万元）", rs=3), Cell("实施期资金总额", cs=2), FUND_TOTAL],
            [Cell("其中：财政拨款", cs=2), FUND_TOTAL],
            [Cell("其他资金", cs=2), ""],
            ["年度总体目标", Cell("目标1：开展职业技能培训3000人次以上，培训后就业率达到60%以上。", cs=3)],
            ["一级指标", "二级指标", "三级指标", "指标值"]]
    for l1, l2, l3, v in FUND_INDICATORS:
        rows.append([l1, l2, l3, v])
    return Table("performance_target", "2026年专项资金整体支出绩效目标表", [], rows, [3.4, 3.4, 6.4, 3.0],
                 unit="", dept_line=False, show_title=False, aligns="cccc", record=False, style="form",
                 note="a fund's form: 专项（项目）名称 first, 资金金额 with the 实施期资金总额 only")


def wholetasks():
    rows = [["部门（单位）名称", Cell(DEPT, cs=5)],
            [Cell("年度主要任务", rs=len(TASKS) + 3), Cell("任务名称", rs=2), Cell("主要内容", rs=2),
             Cell("预算金额（万元）", cs=3)],
            ["总额", "财政拨款", "其他资金"]]
    for name, content, total, fiscal in TASKS:
        rows.append([name, content, total, fiscal, ""])
    rows.append([Cell("金额合计", cs=2), TASKS_TOTAL, TASKS_TOTAL, ""])
    rows.append(["年度总体目标", Cell("目标1：全力保障人员经费和机关运行。目标2：城镇新增就业12000人以上，城镇登记失业率控制在3.2%以内。",
                                  cs=5)])
    rows.append(["一级指标", "二级指标", Cell("三级指标", cs=3), "指标值"])
    for l1, l2, l3, v in WHOLE_INDICATORS:
        rows.append([l1, l2, Cell(l3, cs=3), v])
    form = Table("performance_target", "2026年部门整体支出绩效目标表", [], rows, [3.0, 3.0, 4.4, 2.2, 2.2, 2.2],
                 unit="", dept_line=False, show_title=False, aligns="cccccc", record=False, style="form",
                 note="one grid: the 部门（单位）名称 field, the 年度主要任务 block with its 金额合计, the 年度总体目标, "
                      "the indicators")
    return Document(WHOLETASKS, [Section("page", [Para("附表14", "body"), Para("2026年部门整体支出绩效目标表", "title"),
                                                  form]),
                                 Section("page", [Para("附表15", "body"),
                                                  Para("2026年专项资金整体支出绩效目标表", "title"), fund_form()])],
                    running_header=None, footer_fmt=None)


def wholetasks_truth(d, L):
    from truth import money_fact
    meta = {"department": DEPT, "department_short": "", "region": REGION, "year": 2026, "doc_kind": "budget",
            "level": "department", "pages": len(L.pages)}
    inds = [{"project": DEPT, "level1": l1, "level2": l2, "content": l3, "value_text": v, "page": 1}
            for l1, l2, l3, v in WHOLE_INDICATORS]
    inds += [{"project": FUND, "level1": l1, "level2": l2, "content": l3, "value_text": v, "page": 2}
             for l1, l2, l3, v in FUND_INDICATORS]
    facts = [money_fact("performance.budget_covered", TASKS_TOTAL.replace(",", ""), TASKS_TOTAL + "万元", 1, "table",
                        "金额合计 row of the 年度主要任务 block, 总额; 万元 from the header cell 预算金额（万元）")]
    projects = [{"project": FUND, "total": f"{float(FUND_TOTAL) * 10000:.2f}", "page": 2,
                 "note": "the 专项资金 form's 实施期资金总额, the only amount it prints"}]
    return dict(metadata=meta, facts=facts, line_items=[], projects=projects, indicators=inds, tables=[])
