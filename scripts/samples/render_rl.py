"""Render a doc.Document with reportlab, using the non-embedded CID font
STSong-Light (encoding UniGB-UCS2-H, no ToUnicode map)."""

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate, Paragraph, Spacer
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle
from xml.sax.saxutils import escape

from doc import Para, Table, _grid

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _ps(name, size, align=TA_LEFT, lead=None, **kw):
    return ParagraphStyle(name, fontName=FONT, fontSize=size, leading=lead or size * 1.35, alignment=align,
                          wordWrap="CJK", **kw)


STYLES = {
    "title": _ps("title", 17, TA_CENTER, 24, spaceBefore=4, spaceAfter=10),
    "h1": _ps("h1", 14, TA_CENTER, 20, spaceBefore=4, spaceAfter=8),
    "h2": _ps("h2", 12, TA_LEFT, 20, firstLineIndent=24, spaceBefore=4),
    "body": _ps("body", 11, TA_JUSTIFY, 20, firstLineIndent=22),
    "note": _ps("note", 9, TA_LEFT, 13, firstLineIndent=18, spaceBefore=4),
    "ttitle": _ps("ttitle", 14, TA_CENTER, 20, spaceBefore=2, spaceAfter=4),
    "tunit": _ps("tunit", 9, TA_RIGHT, 12, spaceAfter=3),
    "tlabel": _ps("tlabel", 9, TA_RIGHT, 12, spaceAfter=2),
    # the 2020 document's styles (sample 6 renders it with reportlab)
    "h3": _ps("h3", 11, TA_LEFT, 20, firstLineIndent=22),
    "cover1": _ps("cover1", 20, TA_CENTER, 30, spaceBefore=160, spaceAfter=20),
    "cover2": _ps("cover2", 24, TA_CENTER, 34, spaceAfter=200),
    "cover3": _ps("cover3", 14, TA_CENTER, 20),
    "toc_title": _ps("toc_title", 16, TA_CENTER, 24, spaceAfter=12),
    "toc": _ps("toc", 12, TA_LEFT, 22),
    "toc2": _ps("toc2", 11, TA_LEFT, 20, leftIndent=24),
}
AL = {"l": TA_LEFT, "c": TA_CENTER, "r": TA_RIGHT}


def _esc(text):
    return escape(text).replace("\n", "<br/>")


def _table_flowables(t, width):
    out = []
    if t.show_title:
        if t.label:
            out.append(Paragraph(escape(t.label), STYLES["tlabel"]))
        out.append(Paragraph(escape(t.title), STYLES["ttitle"]))
        ul = t.unit_line()
        if ul:
            out.append(Paragraph(escape("　　".join(ul)), STYLES["tunit"]))
    size = t.font or 9.5
    total = sum(t.widths)
    colw = [width * w / total for w in t.widths]
    rows = t.header_rows() + t.body
    grid = _grid(rows, t.ncols, ids=True)
    data, spans = [], []
    nh = len(t.header_rows())
    for r, row in enumerate(rows):
        line = [""] * t.ncols
        it = iter(row)
        c = 0
        while c < t.ncols:
            cid = grid[r][c][0]
            first_r = next(rr for rr in range(r + 1) if grid[rr][c][0] == cid)
            if first_r != r:
                c += 1
                continue
            cell = next(it)
            al = "c" if r < nh else (cell.align or (t.aligns[c] if t.aligns else "c"))
            st = ParagraphStyle(f"c{al}{size}{cell.indent}", parent=_ps("cell", size, AL[al], size * 1.25),
                                leftIndent=cell.indent * size)
            line[c] = Paragraph(_esc(cell.text), st) if cell.text else ""
            if cell.cs > 1 or cell.rs > 1:
                spans.append(("SPAN", (c, r), (c + cell.cs - 1, r + cell.rs - 1)))
            c += cell.cs
        data.append(line)
    ts = TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                     ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                     ("TOPPADDING", (0, 0), (-1, -1), 2.2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6),
                     ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)] + spans)
    tbl = RLTable(data, colWidths=colw, repeatRows=nh if t.repeat_header else 0, style=ts, hAlign="CENTER")
    out.append(tbl)
    for p in t.after:
        out.append(Paragraph(escape(p.text), STYLES[p.style]))
    return out


def render(document, out_pdf):
    W, H = A4
    margin_lr, margin_tb = 22 * mm, 20 * mm
    width = W - 2 * margin_lr

    def footer(canvas, doc):
        if document.footer_fmt:
            canvas.saveState()
            canvas.setFont(FONT, 10)
            canvas.drawCentredString(W / 2, 11 * mm, document.footer_fmt.format(n=doc.page))
            canvas.restoreState()

    doc = BaseDocTemplate(out_pdf, pagesize=A4, leftMargin=margin_lr, rightMargin=margin_lr,
                          topMargin=margin_tb, bottomMargin=margin_tb, title=document.stem,
                          author="", creator="reportlab", invariant=1)
    frame = Frame(margin_lr, margin_tb, width, H - 2 * margin_tb, id="f", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="p", frames=[frame], onPageEnd=footer)])
    story = []
    for i, sec in enumerate(document.sections):
        if i:
            story.append(PageBreak())
        for j, b in enumerate(sec.blocks):
            if isinstance(b, Para):
                if b.space:
                    story.append(Spacer(1, b.space * 10 * mm))
                if b.text.strip():
                    story.append(Paragraph(_esc(b.text), STYLES[b.style]))
            else:
                if j:
                    story.append(Spacer(1, 14))
                story += _table_flowables(b, width)
    doc.build(story)
