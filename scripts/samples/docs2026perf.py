"""Sample rsj2026_perf_chromium: 2026年部门整体支出绩效目标表 of the
department's own body (本级), headless Chromium.

The department is named only in the form field 部门名称 (as
"武汉市东西湖区人力资源和社会保障局（本级）": the （本级） is part of the name); no
title, header or footer names it.  The indicator table runs onto a second
page, which repeats the table header but not the title (a 绩效 continuation
page).
"""

from doc import Cell, Table, Section, Document
from model import fmt, Z, REGION
from model2026 import B2026 as M, SELF

YEAR = 2026
STEM = "rsj2026_perf_chromium"
TITLE = "2026年部门整体支出绩效目标表"
NAME = SELF[1]

INDICATORS = [
    ("产出指标", "数量指标", "城镇新增就业人数", "≥12000人"),
    ("产出指标", "数量指标", "职业技能培训补贴人次", "≥3000人次"),
    ("产出指标", "数量指标", "组织事业单位公开招聘考试", "≥2场"),
    ("产出指标", "数量指标", "引进高层次人才", "≥30人"),
    ("产出指标", "数量指标", "开展劳动保障专项执法检查", "≥4次"),
    ("产出指标", "质量指标", "城镇登记失业率", "≤3.2%"),
    ("产出指标", "质量指标", "社会保险待遇按时足额发放率", "100%"),
    ("产出指标", "质量指标", "劳动人事争议仲裁结案率", "≥95%"),
    ("产出指标", "质量指标", "举报投诉案件按期结案率", "≥98%"),
    ("产出指标", "时效指标", "社保待遇核定办结时限", "≤5个工作日"),
    ("产出指标", "时效指标", "仲裁案件审结期限", "≤45日"),
    ("产出指标", "成本指标", "基本支出预算控制数", "≤{basic}万元"),
    ("产出指标", "成本指标", "项目支出预算控制数", "≤{project}万元"),
    ("效益指标", "经济效益指标", "创业担保贷款发放额", "≥5000万元"),
    ("效益指标", "社会效益指标", "就业局势", "总体稳定"),
    ("效益指标", "社会效益指标", "基本养老保险参保率", "≥95%"),
    ("效益指标", "社会效益指标", "农民工工资拖欠案件动态清零", "达成"),
    ("效益指标", "社会效益指标", "失业保险稳岗返还政策落实率", "100%"),
    ("效益指标", "社会效益指标", "高校毕业生离校未就业人员帮扶率", "≥90%"),
    ("效益指标", "可持续影响指标", "人社公共服务数字化水平", "持续提升"),
    ("效益指标", "可持续影响指标", "人才队伍结构", "持续优化"),
    ("满意度指标", "服务对象满意度指标", "群众对人社服务满意度", "≥90%"),
    ("满意度指标", "服务对象满意度指标", "用人单位满意度", "≥90%"),
]


def self_figures():
    basic = sum((v.get("p", Z) + v.get("u", Z) for v in M.basic[SELF[0]].values()), Z)
    project = sum((sum(p[4].values(), Z) for p in M.projects if p[0] == SELF[0]), Z)
    fiscal = basic + sum((p[4].get("gb", Z) + p[4].get("carry", Z) for p in M.projects if p[0] == SELF[0]), Z)
    return basic, project, fiscal, basic + project - fiscal


_b, _p = self_figures()[:2]
INDICATORS = [(l1, l2, l3, v.format(basic=fmt(_b, sep=False), project=fmt(_p, sep=False)))
              for l1, l2, l3, v in INDICATORS]


def t_form():
    basic, project, fiscal, other = self_figures()
    rows = [
        ["部门名称", Cell(NAME, cs=4)],
        [Cell("年度预算申请（万元）", rs=2), "资金总额", "基本支出", "项目支出", "其中：财政拨款"],
        [fmt(basic + project), fmt(basic), fmt(project), fmt(fiscal)],
        ["其他资金", Cell(fmt(other), cs=4)],
        ["年度总体目标", Cell("落实就业优先政策，城镇新增就业1.2万人以上，城镇登记失业率控制在3.2%以内；推进全民参保，"
                              "社会保险待遇按时足额发放；引进急需紧缺人才，完成事业单位公开招聘；开展根治欠薪专项行动，"
                              "维护劳动者合法权益；提升人社公共服务数字化水平，群众满意度达到90%以上。", cs=4)],
    ]
    return Table("performance_target", TITLE, [], rows, [3.2, 3.4, 3.4, 3.4, 3.6], dept_line=False, unit="",
                 aligns="ccccc", record=False, style="form")


def t_indicators():
    body = [list(x) for x in INDICATORS]
    return Table("performance_target", TITLE, [["一级指标", "二级指标", "三级指标", "指标值"]], body,
                 [2.6, 3.4, 7.4, 3.6], unit="", dept_line=False, show_title=False, aligns="ccll", may_split=True,
                 font=14,
                 note="indicator table of the 部门整体支出绩效目标表 (the form above it names the department only in "
                      "its 部门名称 field); level labels printed on every row; continues on the next page with the "
                      "header repeated and no title")


def document():
    return Document(STEM, [Section("page", [t_form(), t_indicators()])], running_header=None,
                    footer_fmt="— {n} —", footer_on_first=True)


def truth_data(d, L):
    from truth import money_fact as mf, table_entry
    form, ind = d.tables()
    basic, project, fiscal, other = self_figures()
    p = form.pages[0]
    F_ = [mf("expenditure.basic", basic, fmt(basic) + "万元", p, "table", "年度预算申请 基本支出 (of the 本级)"),
          mf("expenditure.project", project, fmt(project) + "万元", p, "table", "年度预算申请 项目支出"),
          mf("revenue.fiscal_appropriation", fiscal, fmt(fiscal) + "万元", p, "table", "其中：财政拨款")]
    inds = []
    for i, (l1, l2, l3, v) in enumerate(INDICATORS):
        inds.append({"project": NAME, "level1": l1, "level2": l2, "content": l3, "value_text": v,
                     "page": L.row_page(ind, i)})
    e = table_entry(ind)
    if len(ind.pages) > 1:
        e["note"] += f"; rows from {ind.splits[0]} on page {ind.pages[1]}"
    meta = {"department": NAME, "department_short": "", "region": REGION, "year": YEAR, "doc_kind": "budget",
            "level": "department", "pages": len(L.pages)}
    return dict(metadata=meta, facts=F_, line_items=[], projects=[], indicators=inds, tables=[e])
