"""Sample rsj2026_wholeperf_rl: a 2026年整体支出绩效目标申报表 of 区人社局 as an
Excel sheet paginates it (reportlab, STSong-Light), issue 12 pattern G:

* a 部门整体 form: no 项目名称 or 专项名称 anywhere, the department named only
  in the 编制单位 line above the table, so every indicator is the department's;
* the 一级指标 cell of 产出指标 spans rows on both pages, and its label is
  printed on the second page only (where the middle of the merged cell
  falls): the first page's rows show an empty 一级 cell;
* so does the 二级指标 cell of 质量指标: its first two rows end the first
  page under an empty 二级 cell, its label is printed beside its third row
  on the second page; only the numbering, which starts again at 指标1 in
  each 二级 group, says that those two rows are not 数量指标;
* the second page repeats neither the title nor the header.
"""

from doc import Cell, Para, Section, Table, Document
from model import DEPT, SHORT, REGION

YEAR = 2026
STEM = "rsj2026_wholeperf_rl"
TITLE = "2026年整体支出绩效目标申报表"
DEPT_LINE = "编制单位：" + DEPT

# (一级, 二级, 三级, 指标值); the first FIRST_PAGE rows are on page 1
INDICATORS = [
    ("产出指标", "数量指标", "指标1：城镇新增就业人数", "≥12000人"),
    ("产出指标", "数量指标", "指标2：职业技能培训补贴人次", "≥3000人次"),
    ("产出指标", "数量指标", "指标3：引进高层次人才", "≥30人"),
    ("产出指标", "质量指标", "指标1：城镇登记失业率", "≤3.2%"),
    ("产出指标", "质量指标", "指标2：社会保险待遇按时足额发放率", "100%"),
    ("产出指标", "质量指标", "指标3：劳动人事争议仲裁结案率", "≥95%"),
    ("产出指标", "时效指标", "指标1：社保待遇核定办结时限", "≤5个工作日"),
    ("产出指标", "时效指标", "指标2：仲裁案件审结期限", "≤45日"),
    ("效益指标", "社会效益指标", "指标1：就业局势", "总体稳定"),
    ("效益指标", "社会效益指标", "指标2：基本养老保险参保率", "≥95%"),
    ("效益指标", "可持续影响指标", "指标1：人社公共服务数字化水平", "持续提升"),
    ("满意度指标", "服务对象满意度指标", "指标1：群众对人社服务满意度", "≥90%"),
]
FIRST_PAGE = 5


def _run(rows, i, key):
    """how many rows from i share key(row)"""
    n = 0
    while i + n < len(rows) and key(rows[i + n]) == key(rows[i]):
        n += 1
    return n


def _body(rows, label_level1, label_level2=lambda l2: True):
    """rows as printed: a level cell spans its run (the rows under it omit it);
    `label_level1(l1)` / `label_level2(l2)` say whether the label of a run is printed on this page"""
    body = []
    for i, (l1, l2, l3, v) in enumerate(rows):
        row = []
        if i == 0 or rows[i - 1][0] != l1:
            row.append(Cell(l1 if label_level1(l1) else "", rs=_run(rows, i, lambda r: r[0])))
        if i == 0 or rows[i - 1][:2] != (l1, l2):
            row.append(Cell(l2 if label_level2(l2) else "", rs=_run(rows, i, lambda r: r[:2])))
        body.append(row + [l3, v])
    return body


def document():
    first = INDICATORS[:FIRST_PAGE]
    rest = INDICATORS[FIRST_PAGE:]
    # 产出指标 has 5 rows on page 1 and 3 on page 2: its label is printed on page 2 only; so is
    # 质量指标's (2 rows on page 1, 1 on page 2)
    t1 = Table("performance_target", TITLE, [["一级指标", "二级指标", "三级指标", "指标值"]],
               _body(first, lambda l1: l1 != "产出指标", lambda l2: l2 != "质量指标"),
               [2.8, 3.6, 7.0, 3.0], unit="", dept_line=DEPT_LINE, aligns="ccll", font=12,
               note="部门整体 form: no 项目名称; the 一级 cell of 产出指标 and the 二级 cell of 质量指标 are empty on "
                    "this page (their labels are printed on the next page)")
    t2 = Table("performance_target", TITLE, [], _body(rest, lambda l1: True),
               [2.8, 3.6, 7.0, 3.0], unit="", dept_line=False, show_title=False, aligns="ccll", font=12,
               note="continuation of the 整体支出绩效目标申报表: no title, no header; the 产出指标 label of the rows "
                    "on the page before is printed here")
    return Document(STEM, [Section("page", [t1]), Section("page", [t2])], running_header=None,
                    footer_fmt="第 {n} 页")


def truth_data(d, L):
    from truth import table_entry
    t1, t2 = d.tables()
    inds = []
    for i, (l1, l2, l3, v) in enumerate(INDICATORS):
        inds.append({"project": DEPT, "level1": l1, "level2": l2, "content": l3, "value_text": v,
                     "page": t1.pages[0] if i < FIRST_PAGE else t2.pages[0]})
    meta = {"department": DEPT, "department_short": "", "region": REGION, "year": YEAR, "doc_kind": "budget",
            "level": "department", "pages": len(L.pages)}
    return dict(metadata=meta, facts=[], line_items=[], projects=[], indicators=inds,
                tables=[table_entry(t1, rows=t1.body + t2.body, pages=t1.pages + t2.pages,
                                    note="one table over two pages: page 2 continues it without title or header; "
                                         "the 一级 cell of 产出指标 and the 二级 cell of 质量指标 are empty on page 1, their labels "
                                         "printed on page 2")])
