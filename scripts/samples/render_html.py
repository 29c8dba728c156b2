"""Render a doc.Document as HTML and print it with headless Chromium."""

import os
import shutil
import subprocess
import tempfile
from html import escape

from doc import Para, Table, _grid

FONT = "WenQuanYi Zen Hei"

CSS = f"""
@page {{ size: A4; margin: 20mm 19mm 18mm 19mm;
  @bottom-center {{ content: "— " counter(page) " —"; font-family: "{FONT}"; font-size: 10.5pt; }} }}
@page :first {{ @bottom-center {{ content: none; }} }}
@page wide {{ size: A4 landscape; margin: 16mm 15mm 15mm 15mm; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: "{FONT}"; font-size: 11.5pt; color: #000; }}
.sec {{ break-before: page; }}
.wide {{ page: wide; }}
p {{ margin: 0; }}
.cover1 {{ font-size: 24pt; font-weight: bold; text-align: center; margin-top: 70mm; }}
.cover2 {{ font-size: 30pt; font-weight: bold; text-align: center; margin-top: 16mm; letter-spacing: 2pt; }}
.cover3 {{ font-size: 16pt; text-align: center; margin-top: 95mm; }}
.h1 {{ font-size: 16pt; font-weight: bold; text-align: center; margin: 4mm 0 4mm 0; break-after: avoid; }}
.h2 {{ font-size: 13pt; font-weight: bold; text-indent: 2em; margin: 2.5mm 0 1mm 0; line-height: 1.6; break-after: avoid; }}
.body {{ text-indent: 2em; line-height: 1.75; text-align: justify; orphans: 2; widows: 2; }}
.note {{ font-size: 9.5pt; line-height: 1.5; margin-top: 2.5mm; text-indent: 2em; }}
.ttitle {{ font-size: 15pt; font-weight: bold; text-align: center; margin: 1mm 0 3mm 0; }}
.tlabel {{ font-size: 9.5pt; text-align: right; margin-bottom: 1mm; }}
.tunit {{ display: flex; justify-content: space-between; font-size: 9.5pt; margin-bottom: 1.2mm; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
td, th {{ padding: 2.2pt 3.5pt; vertical-align: middle; line-height: 1.3; overflow-wrap: anywhere; }}
th {{ font-weight: bold; text-align: center; }}
table.grid td, table.grid th {{ border: 0.75pt solid #000; }}
table.three {{ border-top: 1.6pt solid #000; border-bottom: 1.6pt solid #000; }}
table.three thead {{ border-bottom: 0.8pt solid #000; }}
table.compact td, table.compact th {{ padding-top: 1.3pt; padding-bottom: 1.3pt; }}
.l {{ text-align: left; }} .c {{ text-align: center; }} .r {{ text-align: right; }}
"""


def _esc(text):
    return escape(text).replace("\n", "<br>")


def _table_html(t):
    out = []
    if t.show_title:
        if t.label:
            out.append(f'<div class="tlabel">{escape(t.label)}</div>')
        out.append(f'<div class="ttitle">{escape(t.title)}</div>')
        ul = t.unit_line()
        if ul:
            spans = "".join(f"<span>{escape(x)}</span>" for x in ([""] + ul if len(ul) == 1 else ul))
            out.append(f'<div class="tunit">{spans}</div>')
    cls = "three" if t.style == "three_line" else "grid"
    if t.compact:
        cls += " compact"
    size = f' style="font-size:{t.font}pt"' if t.font else ""
    out.append(f'<table class="{cls}"{size}>')
    total = sum(t.widths)
    out.append("<colgroup>" + "".join(f'<col style="width:{100 * w / total:.2f}%">' for w in t.widths)
               + "</colgroup>")

    def rows(rs, tag):
        res = []
        for row in rs:
            cells = []
            for cell in row:
                al = "c" if tag == "th" else (cell.align or "c")
                span = (f' colspan="{cell.cs}"' if cell.cs > 1 else "") + (f' rowspan="{cell.rs}"' if cell.rs > 1 else "")
                ind = f' style="padding-left:{3.5 + 9 * cell.indent}pt"' if cell.indent else ""
                cells.append(f'<{tag} class="{al}"{span}{ind}>{_esc(cell.text)}</{tag}>')
            res.append("<tr>" + "".join(cells) + "</tr>")
        return res
    head = t.header_rows()
    if head and t.repeat_header:
        out.append("<thead>")
        out += rows(head, "th")
        out.append("</thead>")
    # default alignment per column
    body = []
    grid = _grid(t.body, t.ncols, ids=True)
    for r, row in enumerate(t.body):
        c = 0
        newrow = []
        it = iter(row)
        while c < t.ncols:
            cid = grid[r][c][0]
            first_r = next(rr for rr in range(r + 1) if grid[rr][c][0] == cid)
            if first_r != r:
                c += 1
                continue
            cell = next(it)
            if cell.align is None and t.aligns:
                cell.align = t.aligns[c]
            newrow.append(cell)
            c += cell.cs
        body.append(newrow)
    out.append("<tbody>")
    if head and not t.repeat_header:
        out += rows(head, "th")       # in the body: not repeated on a continuation page
    out += rows(body, "td")
    out.append("</tbody></table>")
    for p in t.after:
        out.append(f'<p class="{p.style}">{escape(p.text)}</p>')
    return out


def _css(document):
    css = CSS
    if document.footer_on_first:
        css = css.replace('@page :first {{ @bottom-center {{ content: none; }} }}'.replace("{{", "{").replace("}}", "}"),
                          "")
    if document.footer_fmt is None:
        css = css.replace('content: "— " counter(page) " —";', "content: none;")
    return css


def to_html(document):
    parts = [f"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>"
             f"{escape(document.stem)}</title><style>{_css(document)}</style></head><body>"]
    for i, sec in enumerate(document.sections):
        cls = []
        if i > 0:
            cls.append("sec")
        if sec.landscape:
            cls.append("wide")
        parts.append(f'<div class="{" ".join(cls)}">')
        for b in sec.blocks:
            if isinstance(b, Para):
                sp = f' style="margin-top:{b.space:.2f}cm"' if b.space else ""
                parts.append(f'<p class="{b.style}"{sp}>{_esc(b.text)}</p>')
            else:
                parts += _table_html(b)
        parts.append("</div>")
    parts.append("</body></html>")
    return "\n".join(parts)


def render(document, out_pdf, keep_html=None):
    tmp = tempfile.mkdtemp(prefix="yusuan_html_")
    try:
        src = os.path.join(tmp, document.stem + ".html")
        with open(src, "w", encoding="utf-8") as f:
            f.write(to_html(document))
        if keep_html:
            shutil.copy(src, keep_html)
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={os.path.join(tmp, 'profile')}", "--no-pdf-header-footer",
                        f"--print-to-pdf={out_pdf}", "file://" + src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
