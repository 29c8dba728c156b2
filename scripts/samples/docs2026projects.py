"""Sample rsj2026_projects_rl: 区人社局 2026年 project lists in the per-unit
layouts of 西安 and 长沙 (reportlab, STSong-Light).

Two tables (issue 12, pattern G):
* the 项目支出预算表（分单位）: 单位编码 | 单位（项目）名称 | 项目金额 | 项目简介,
  made of per-unit blocks: a unit row (the 6-digit unit code, the unit's
  name and total, no 简介), then its projects (no code). A unit row is
  the executing unit of the projects below it, never a project; 信息系统运维经费
  is a project of two units and stays two projects;
* the 项目支出绩效目标表（分单位）: a header of two rows (单位编码 | 单位（项目）名称 |
  资金总额 | 绩效目标 | 绩效指标 over 一级指标 | 二级指标 | 三级指标 | 指标值 |
  度量单位 | 指标值类型): the 指标值 without its comparison (指标值类型 ≥ ≤ ＝)
  and unit (度量单位); the project cells span their indicator rows, the
  一级指标 cell spans its rows within a project.
"""

from doc import Cell, Para, Table, Section, Document
from model import fmt, Z, DEPT, SHORT, REGION
from model2026 import B2026 as M, ALL_UNITS, UNIT_NAME

YEAR = 2026
STEM = "rsj2026_projects_rl"
DEPT_LINE = "编制单位：" + DEPT
TITLES = {"list": "2026年项目支出预算表（分单位）",
          "perf": "2026年项目支出绩效目标表（分单位）"}

BRIEF = {
    "人事人才工作经费": "用于事业单位公开招聘、职称评审和高层次人才引进工作。",
    "信息系统运维经费": "用于人社业务信息系统的日常运行维护。",
    "就业创业服务经费": "用于就业创业服务活动和创业担保贷款服务。",
    "职业技能培训补贴": "用于职业技能培训补贴发放。",
}

# (一级, 二级, 三级, 指标值, 度量单位, 指标值类型) per project of the 绩效目标表
INDICATORS = {
    ("126001", "人事人才工作经费"): [
        ("产出指标", "数量指标", "组织事业单位公开招聘考试场次", "2", "场", "≥"),
        ("产出指标", "质量指标", "职称评审材料审核合格率", "100", "%", "＝"),
        ("效益指标", "社会效益指标", "人才队伍结构", "持续优化", "", "定性"),
    ],
    ("126001", "信息系统运维经费"): [
        ("产出指标", "时效指标", "故障响应时间", "2", "小时", "≤"),
        ("满意度指标", "服务对象满意度指标", "使用科室满意度", "90", "%", "≥"),
    ],
    ("126003", "信息系统运维经费"): [
        ("产出指标", "质量指标", "系统正常运行率", "99", "%", "≥"),
        ("成本指标", "经济成本指标", "运维成本", "36", "万元", "≤"),
    ],
}

LIST_UNITS = ["126001", "126002", "126003"]


def a(x):
    return fmt(x, sep=False, zero="")


def projects_of(code):
    return [(p[1], sum(p[4].values(), Z)) for p in M.projects if p[0] == code]


def t_list():
    hdr = [["单位编码", "单位（项目）名称", "项目金额", "项目简介"]]
    total = sum((x for u in LIST_UNITS for _, x in projects_of(u)), Z)
    body = [["", Cell("合计", align="c"), a(total), ""]]
    for u in LIST_UNITS:
        ps = projects_of(u)
        body.append([u, Cell(UNIT_NAME[u], bold=True), a(sum((x for _, x in ps), Z)), ""])
        for name, x in ps:
            body.append(["", name, a(x), BRIEF.get(name, "用于" + name.replace("经费", "") + "工作。")])
    return Table("project_expenditure", TITLES["list"], hdr, body, [1.6, 6.0, 1.8, 8.0], dept_line=DEPT_LINE,
                 aligns="clrl", font=9,
                 note="per-unit blocks: a unit row (6-digit code, unit name, unit total, no 简介), then the unit's "
                      "projects with no code; 信息系统运维经费 is a project of two units")


def t_perf():
    hdr = [[Cell("单位编码", rs=2), Cell("单位（项目）名称", rs=2), Cell("资金总额", rs=2), Cell("绩效目标", rs=2),
            Cell("绩效指标", cs=6)],
           ["一级指标", "二级指标", "三级指标", "指标值", "度量单位", "指标值类型"]]
    body = []
    units = []
    for (u, name) in INDICATORS:
        if u not in units:
            units.append(u)
    for u in units:
        keys = [k for k in INDICATORS if k[0] == u]
        amount = sum((x for n, x in projects_of(u) if (u, n) in INDICATORS), Z)
        body.append([u, Cell(UNIT_NAME[u], bold=True), a(amount), "", "", "", "", "", "", ""])
        for k in keys:
            inds = INDICATORS[k]
            x = dict(projects_of(u))[k[1]]
            n = len(inds)
            for i, (l1, l2, l3, v, unit, sign) in enumerate(inds):
                row = []
                if i == 0:
                    row += [Cell(u, rs=n), Cell(k[1], rs=n), Cell(a(x), rs=n),
                            Cell("保障" + k[1].replace("经费", "") + "工作顺利开展。", rs=n)]
                first_l1 = i == 0 or inds[i - 1][0] != l1
                if first_l1:
                    span = 1
                    while i + span < n and inds[i + span][0] == l1:
                        span += 1
                    row.append(Cell(l1, rs=span))
                row += [l2, l3, v, unit, sign]
                body.append(row)
    return Table("performance_target", TITLES["perf"], hdr, body,
                 [1.4, 3.6, 1.4, 3.4, 1.6, 2.2, 3.6, 1.4, 1.2, 1.4], dept_line=DEPT_LINE, aligns="clrlcclccc",
                 font=8,
                 note="header of two rows (绩效指标 over 一级…指标值类型); a unit row (code, unit name, total) above "
                      "its projects; the project cells span their indicator rows; the target split over 指标值 | "
                      "度量单位 | 指标值类型")


def document():
    intro = [Para(f"{DEPT}2026年项目支出分单位公开表", "title"),
             Para(f"本部分按预算单位公开{DEPT}（以下简称{SHORT}）2026年项目支出预算及其绩效目标，金额单位为万元。",
                  "body")]
    secs = [Section("page", intro + [t_list()]), Section("page", [t_perf()])]
    return Document(STEM, secs, running_header=None, footer_fmt="第 {n} 页")


def truth_data(d, L):
    from truth import table_entry
    T = {k: next(t for t in d.tables() if t.title == v) for k, v in TITLES.items()}
    projects = []
    for u in LIST_UNITS:
        for name, x in projects_of(u):
            projects.append({"project": name, "total": f"{x * 10000:.2f}", "executing_unit": UNIT_NAME[u],
                             "page": T["list"].pages[0]})
    inds = []
    for (u, name), rows in INDICATORS.items():
        for l1, l2, l3, v, unit, sign in rows:
            inds.append({"project": name, "level1": l1, "level2": l2, "content": l3, "value_text": v,
                         "page": T["perf"].pages[0]})
    tables = [table_entry(T["list"]), table_entry(T["perf"])]
    meta = {"department": DEPT, "department_short": SHORT, "region": REGION, "year": YEAR,
            "doc_kind": "budget", "level": "department", "pages": len(L.pages)}
    return dict(metadata=meta, facts=[], line_items=[], projects=projects, indicators=inds, tables=tables)
