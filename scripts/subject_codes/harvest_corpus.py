#!/usr/bin/env python3
"""Harvest 政府收支分类科目 codes and names printed in the real disclosure corpus.

Runs `pdftotext -layout` over every PDF in the corpus folder and writes one
evidence row per (document, page, code) that the document prints with a name:

    file,year,page,line,code,name,raw_name,method

`method` says how the row was read:
  inline    code and name on one text line ("2080505  机关事业单位基本养老保险缴费支出  1,064.46")
  split     code printed in 类 | 款 | 项 columns ("208   05   01   行政单位离退休"), the
            missing leading parts taken from the rows above (烟台: "      01   行政运行")
  wrapped   the name cell wraps onto the text lines above/below the code line
  narrative the explanatory text prints "name（code）" ("9.机关事业单位基本养老保险缴费支出（2080505）")

Usage:  harvest_corpus.py CORPUS_DIR OUT_CSV
Needs pdftotext (poppler-utils).
"""

import csv
import re
import subprocess
import sys
from pathlib import Path

# Fiscal year each corpus document is about.  Taken from the text of each file
# (several file names lie: the 西安 "2026年部门预算" files hold a 2020 budget
# and a 2022 final account).
YEARS = {
    "documentmanagement_agent__04_swu_2021_department_budget.pdf": 2021,
    "documentmanagement_agent__20_swu_2023_department_budget.pdf": 2023,
    "documentmanagement_agent__21_swu_2023_final_accounts.pdf": 2023,
    "documentmanagement_agent__27_swu_2024_department_budget.pdf": 2024,
    "documentmanagement_agent__28_swu_2024_final_accounts.pdf": 2024,
    "open-budget__江苏省人大办公厅2017年度预算公开.pdf": 2017,
    "open-budget__江苏省人大办公厅_省人大办公厅2018预算公开.pdf": 2018,
    "open-budget__江苏省人大常委会2019年度部门预算公开.pdf": 2019,
    "open-budget__江苏省人大常委会办公厅2019年部门预算公开表.pdf": 2019,
    "open-budget__江苏省人民检察院_2017年省检察院部门预算.pdf": 2017,
    "open-budget__江苏省人民检察院_2018年省检察院部门预算公开.pdf": 2018,
    "open-budget__江苏省人民检察院_2019年度部门预算公开.pdf": 2019,
    "open-budget__江苏省委办公厅2017年部门预算.pdf": 2017,
    "open-budget__江苏省委办公厅2017年预算公开表格.pdf": 2017,
    "open-budget__江苏省委办公厅2018年度部门预算公开文件.pdf": 2018,
    "open-budget__江苏省委办公厅2018年度部门预算公开表.pdf": 2018,
    "open-budget__江苏省委办公厅2019年度部门预算公开文件.pdf": 2019,
    "open-budget__江苏省委办公厅2019年度部门预算公开表格.pdf": 2019,
    "open-budget__江苏省政协办公厅2017年度部门预算.pdf": 2017,
    "open-budget__江苏省政协办公厅2018年度部门预算.pdf": 2018,
    "open-budget__江苏省政协办公厅2018度部门预算公开表.pdf": 2018,
    "open-budget__江苏省政协办公厅2019年度部门预算.pdf": 2019,
    "open-budget__江苏省政协办公厅2019年预算公开表.pdf": 2019,
    "open-budget__江苏省政协办公厅_2017年度部门预算公开表.pdf": 2017,
    "open-budget__江苏省高级人民法院2019年度部门预算公开.pdf": 2019,
    "open-budget__江苏省高级人民法院_省法院2017年度部门预算公开.pdf": 2017,
    "open-budget__江苏省高级人民法院_省法院2018年度部门预算公开.pdf": 2018,
    "renwu__001_上海_2026年上海市医疗保障局_部门预算.pdf": 2026,
    "renwu__002_北京_政务服务和数据管理局_2026年部门预算.pdf": 2026,
    "renwu__005_广州_政务服务和数据管理局_广州市政务服务和数据管理局2026年项目支出绩效目标表（含转移支付项目）.pdf.pdf": 2026,
    "renwu__006_苏州_2026年苏州市科技创新局部门预算.pdf": 2026,
    "renwu__020_西安_人力资源和社会保障局_2026年部门预算.pdf": 2020,
    "renwu__020_西安_卫生健康委员会_2026年部门预算.pdf": 2022,
    "renwu__025_烟台_2026年烟台市统计局部门预算.pdf": 2026,
}

CJK = "\u4e00-\u9fff"
NAME_START = re.compile(rf"^[{CJK}]")
NAME_TOKEN = re.compile(rf"^[{CJK}（）()、“”\"：:—\-·]+$")
DIGITS = re.compile(r"^\d+$")
# Text that sits in a table's head or frame, never in a subject name cell.
NOT_A_NAME = re.compile(
    r"^(合计|小计|总计|栏次|行次|科目|项目|类|款|项|名称|金额|备注|功能分类|经济分类|功能科目名称|经济科目名称)$"
    r"|科目名称|科目编码|单位[:：]|万元|^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）"
)
ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")
UNIT_WORD = re.compile(r"^(万元|亿元|平方米)|^[元人个次年月日天辆台家名户所份件套册万]$")
AMOUNT = re.compile(r"^-?[\d,]+(\.\d+)?%?$")


def valid_class(cls):
    c = int(cls)
    return 201 <= c <= 234 or 301 <= c <= 399 or 501 <= c <= 599


def valid_code(code):
    if len(code) not in (3, 5, 7) or not DIGITS.match(code):
        return False
    if not valid_class(code[:3]):
        return False
    return all(code[i:i + 2] != "00" for i in range(3, len(code), 2))


def tokens_of(line):
    return [(m.start(), m.group()) for m in re.finditer(r"\S+", line)]


def take_name(toks, j):
    """Name tokens from toks[j]: the first CJK token plus tokens one space away."""
    if j >= len(toks) or not NAME_START.match(toks[j][1]) or not NAME_TOKEN.match(toks[j][1]):
        return "", None, j
    if ORDINAL.match(toks[j][1]) or UNIT_WORD.match(toks[j][1]):
        # "十、节能环保支出" is a 收支总表 row; "208 万元", "365 天" are figures in text
        return "", None, j
    col, name = toks[j]
    end = col + len(name)
    j += 1
    while j < len(toks) and NAME_TOKEN.match(toks[j][1]) and toks[j][0] - end <= 1:
        name += toks[j][1]
        end = toks[j][0] + len(toks[j][1])
        j += 1
    return name, col, j


def table_neighbour(prev, col):
    """Is a code at `col` after token `prev` a table cell (not a number in a sentence)?

    In tables a code follows an amount or another code, or stands two or more
    columns away from the text before it; "博士生导师 561 人" is a sentence.
    """
    return AMOUNT.match(prev[1]) is not None or col - (prev[0] + len(prev[1])) >= 2


def header_columns(toks):
    """Columns of a '类 款 项' header (first occurrence of each)."""
    cols = {}
    for col, t in toks:
        if t in ("类", "款", "项") and t not in cols:
            cols[t] = col
    if "类" in cols and "款" in cols and cols["类"] < cols["款"]:
        return cols
    return None


class State:
    """The 类 / 款 seen last, for tables that print only the trailing two digits."""

    def __init__(self):
        self.lei = None
        self.kuan = None
        self.line_no = -10**9  # global line index of the last code row
        self.kuan_col = None
        self.xiang_col = None
        self.header = None

    def fresh(self, gline):
        return self.lei is not None and gline - self.line_no <= 40


def parse_line(toks, state, gline):
    """Code items on one line: dicts with code, col, name, name_col, method."""
    items = []
    i = 0
    while i < len(toks):
        col, t = toks[i]
        if DIGITS.match(t) and len(t) in (3, 5, 7) and valid_code(t) and (i == 0 or table_neighbour(toks[i - 1], col)):
            code = t
            j = i + 1
            method = "inline"
            if len(t) == 3:
                # 类 | 款 | 项 printed in separate columns on one line
                while j < len(toks) and len(code) < 7 and re.fullmatch(r"\d{2}", toks[j][1]) and toks[j][1] != "00":
                    code += toks[j][1]
                    j += 1
                if len(code) > 3:
                    method = "split"
            name, name_col, j2 = take_name(toks, j)
            first = i == 0  # only a row's leading code may own wrapped name lines
            if items or not first:
                # a code further right on the line (政府预算经济分类 beside 部门预算经济分类):
                # its name must follow closely, else the text belongs to another column
                prev_end = toks[j - 1][0] + len(toks[j - 1][1])
                if not name or name_col - prev_end > 8:
                    i = j
                    continue
            items.append(dict(code=code, col=col, name=name, name_col=name_col, method=method, first=first))
            if len(items) == 1:
                # the leftmost code of the line drives the 类/款 state
                if len(code) == 3:
                    state.lei, state.kuan = code, None
                elif len(code) == 5:
                    state.lei, state.kuan = code[:3], code
                    state.kuan_col = col if method == "inline" else None
                else:
                    state.lei, state.kuan = code[:3], code[:5]
                state.line_no = gline
            i = max(j2, j)
            continue
        if i == 0 and re.fullmatch(r"\d{2}", t) and t != "00" and state.fresh(gline):
            # 烟台 / 西安 style: only the 款 or 项 digits are printed
            parts = [t]
            j = 1
            if state.header and j < len(toks) and re.fullmatch(r"\d{2}", toks[j][1]) and toks[j][1] != "00":
                parts.append(toks[j][1])
                j += 1
            name, name_col, j2 = take_name(toks, j)
            if not name:
                break
            level = None
            hdr = state.header
            if len(parts) == 2:
                level = "kuan+xiang"
            elif hdr and "款" in hdr and "项" in hdr:
                level = "kuan" if abs(col - hdr["款"]) <= abs(col - hdr["项"]) else "xiang"
            elif state.kuan is None:
                level = "kuan"
            elif state.xiang_col is not None:
                level = "xiang" if col >= state.xiang_col - 1 else "kuan"
            elif state.kuan_col is not None:
                level = "xiang" if col > state.kuan_col + 1 else "kuan"
            else:
                level = "kuan"
            if level == "kuan":
                code = state.lei + parts[0]
                state.kuan = code
                state.kuan_col = col
            elif level == "xiang":
                if state.kuan is None:
                    break
                code = state.kuan + parts[0]
                state.xiang_col = col
            else:
                code = state.lei + parts[0] + parts[1]
                state.kuan = code[:5]
            if not valid_code(code):
                break
            state.line_no = gline
            items.append(dict(code=code, col=col, name=name, name_col=name_col, method="split", first=True))
            i = j2
            continue
        i += 1
    return items


def fragment_of(toks):
    """A line that may hold part of a wrapped name cell: (col, text) or None.

    The line's first text segment (tokens at most two columns apart), when
    everything after it is an amount (a wrapped row's other cells).
    """
    if not toks:
        return None
    seg = [toks[0]]
    k = 1
    while k < len(toks) and toks[k][0] - (seg[-1][0] + len(seg[-1][1])) <= 2:
        seg.append(toks[k])
        k += 1
    if any(not AMOUNT.match(t) for _, t in toks[k:]):
        return None
    text = "".join(t for _, t in seg)
    if not NAME_TOKEN.match(text) or not NAME_START.match(text) or NOT_A_NAME.search(text):
        return None
    if len(text) > 24:
        return None
    return seg[0][0], text


NARRATIVE = re.compile(rf"(?:^|[\s\d.、）)：:；;，,])([{CJK}][{CJK}（）]{{1,39}}?)[（(]([235]\d{{2}}(?:\d{{2}}){{0,2}})[)）]")


def harvest_page(lines, state, gline0):
    rows = []  # items with 'line'
    frags = []
    for k, line in enumerate(lines):
        toks = tokens_of(line)
        hdr = header_columns(toks)
        if hdr and "项" in hdr:
            state.header = hdr
        elif hdr:
            state.header = None
        items = parse_line(toks, state, gline0 + k)
        for it in items:
            it["line"] = k
            rows.append(it)
        if not items:
            fr = fragment_of(toks)
            if fr:
                frags.append((k, fr[0], fr[1]))
    # typical name column per code column, for rows whose name cell wrapped
    name_cols = {}
    for r in rows:
        if r["name_col"] is not None:
            name_cols.setdefault((len(r["code"]), r["col"] // 4), []).append(r["name_col"] - r["col"])
    for r in rows:
        if r["name_col"] is None:
            offs = name_cols.get((len(r["code"]), r["col"] // 4))
            if not offs:
                offs = [o for (ln, _), v in name_cols.items() for o in v if ln == len(r["code"])]
            off = sorted(offs)[len(offs) // 2] if offs else len(r["code"]) + 4
            r["est_col"] = r["col"] + off
        else:
            r["est_col"] = r["name_col"]
        r["above"], r["below"] = [], []
    for k, col, text in frags:
        best = None
        for r in rows:
            if not r["first"]:
                continue
            d = abs(r["line"] - k)
            if d == 0 or d > 2:
                continue
            if abs(col - r["est_col"]) > 12:
                continue
            # nearest row; on a tie the row whose own name is missing, then the row above
            key = (d, 0 if not r["name"] else 1, 0 if r["line"] < k else 1)
            if best is None or key < best[0]:
                best = (key, r)
        if best:
            r = best[1]
            (r["above"] if k < r["line"] else r["below"]).append((k, text))
    out = []
    for r in rows:
        name = "".join(t for _, t in sorted(r["above"])) + r["name"] + "".join(t for _, t in sorted(r["below"]))
        method = r["method"] if not (r["above"] or r["below"]) else "wrapped"
        if not name:
            continue
        out.append(dict(line=r["line"] + 1, code=r["code"], raw_name=name, method=method))
    # narrative "name（code）"
    for k, line in enumerate(lines):
        for m in NARRATIVE.finditer(line):
            name, code = m.group(1), m.group(2)
            if valid_code(code):
                out.append(dict(line=k + 1, code=code, raw_name=name, method="narrative"))
    return out


def normalize(name):
    name = re.sub(r"\s+", "", name)
    name = name.replace("(", "（").replace(")", "）")
    name = name.replace("“", "").replace("”", "").replace('"', "")
    return name


def main():
    corpus = Path(sys.argv[1])
    out_path = Path(sys.argv[2])
    rows = []
    for pdf in sorted(corpus.glob("*.pdf")):
        year = YEARS.get(pdf.name)
        if year is None:
            print(f"warning: no fiscal year known for {pdf.name}; skipped", file=sys.stderr)
            continue
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        state = State()
        gline = 0
        for pno, page in enumerate(text.split("\f"), start=1):
            lines = page.split("\n")
            for r in harvest_page(lines, state, gline):
                rows.append(dict(file=pdf.name, year=year, page=pno, line=r["line"], code=r["code"],
                                 name=normalize(r["raw_name"]), raw_name=r["raw_name"], method=r["method"]))
            gline += len(lines)
    with open(out_path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["file", "year", "page", "line", "code", "name", "raw_name", "method"])
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} evidence rows from {len({r['file'] for r in rows})} documents -> {out_path}")


if __name__ == "__main__":
    main()
