"""Render a doc.Document as a flat ODF text document (.fodt) for LibreOffice Writer,
then convert it with `soffice --headless --convert-to pdf`."""

import os
import shutil
import subprocess
import tempfile
from xml.sax.saxutils import escape

from doc import Para, Table, _grid

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"
PAGE_W, PAGE_H = 21.0, 29.7
MARGIN_LR = 2.0
TEXT_W = PAGE_W - 2 * MARGIN_LR

PARA_STYLES = {
    # name: (font, size pt, bold, align, extra paragraph props)
    "cover1": (SANS, 24, True, "center", 'fo:margin-top="6.5cm" fo:margin-bottom="0cm"'),
    "cover2": (SANS, 30, True, "center", 'fo:margin-top="1.6cm"'),
    "cover3": (SERIF, 16, False, "center", 'fo:margin-top="9cm"'),
    "toc_title": (SANS, 20, True, "center", 'fo:margin-top="0.6cm" fo:margin-bottom="0.8cm"'),
    "toc": (SANS, 14, False, "start", 'fo:margin-top="0.35cm" fo:margin-bottom="0.15cm"'),
    "toc2": (SERIF, 12, False, "start", 'fo:margin-left="1.5cm" fo:line-height="150%"'),
    "h1": (SANS, 16, True, "center", 'fo:margin-top="0.2cm" fo:margin-bottom="0.4cm" fo:keep-with-next="always"'),
    "h2": (SANS, 13.5, False, "justify",
           'fo:text-indent="0.85cm" fo:margin-top="0.25cm" fo:margin-bottom="0.1cm" fo:line-height="140%" '
           'fo:keep-with-next="always"'),
    "h3": (SERIF, 12, True, "justify", 'fo:text-indent="0.85cm" fo:line-height="150%" fo:keep-with-next="always"'),
    "body": (SERIF, 12, False, "justify", 'fo:text-indent="0.85cm" fo:line-height="150%" fo:orphans="2" fo:widows="2"'),
    "note": (SERIF, 10.5, False, "start", 'fo:margin-top="0.3cm" fo:text-indent="0.74cm"'),
    "ttitle": (SANS, 15, True, "center", 'fo:margin-top="0.1cm" fo:margin-bottom="0.25cm"'),
    "tsub": (SERIF, 12, False, "center", 'fo:margin-bottom="0.2cm"'),
    "tunit": (SERIF, 10, False, "start", 'fo:margin-bottom="0.12cm"'),
    "tlabel": (SERIF, 10, False, "end", 'fo:margin-bottom="0.05cm"'),
    "Header": (SERIF, 10.5, False, "center",
               'fo:border-bottom="0.6pt solid #000000" fo:padding-bottom="0.08cm"'),
    "Footer": (SERIF, 11, False, "center", ""),
}


def _ppr(font, size, bold, align, extra):
    b = ' fo:font-weight="bold" style:font-weight-asian="bold"' if bold else ""
    return (f'<style:paragraph-properties fo:text-align="{align}" {extra}/>'
            f'<style:text-properties style:font-name="{font}" style:font-name-asian="{font}" '
            f'fo:font-size="{size}pt" style:font-size-asian="{size}pt"{b} fo:language="zh" fo:country="CN" '
            f'style:language-asian="zh" style:country-asian="CN"/>')


class _Styles:
    def __init__(self):
        self.auto = []
        self.cache = {}

    def add(self, key, xml_fn):
        if key not in self.cache:
            name = f"A{len(self.cache) + 1}"
            self.cache[key] = name
            self.auto.append(xml_fn(name))
        return self.cache[key]

    def para_break(self, base, master=None, number=None):
        def mk(name):
            mp = f' style:master-page-name="{master}"' if master else ""
            num = f' style:page-number="{number}"' if number else ""
            brk = "" if master else ' fo:break-before="page"'
            return (f'<style:style style:name="{name}" style:family="paragraph" style:parent-style-name="{base}"{mp}>'
                    f'<style:paragraph-properties{brk}{num}/></style:style>')
        return self.add(("pb", base, master, number), mk)

    def cell_para(self, align, size, bold, indent):
        al = {"l": "start", "c": "center", "r": "end"}[align]
        def mk(name):
            font = SANS if bold else SERIF
            ind = f'fo:margin-left="{0.35 * indent:.2f}cm"' if indent else ""
            return (f'<style:style style:name="{name}" style:family="paragraph">'
                    + _ppr(font, size, bold, al, ind + ' fo:line-height="115%"') + '</style:style>')
        return self.add(("cp", align, size, bold, indent), mk)

    def cell(self, style, compact=False):
        pad = "0.01cm" if compact else "0.04cm"
        def mk(name):
            if style == "three_line":
                border = 'fo:border="none"'
            else:
                border = 'fo:border="0.5pt solid #000000"'
            return (f'<style:style style:name="{name}" style:family="table-cell">'
                    f'<style:table-cell-properties {border} fo:padding-left="0.08cm" fo:padding-right="0.08cm" '
                    f'fo:padding-top="{pad}" fo:padding-bottom="{pad}" style:vertical-align="middle"/>'
                    f'</style:style>')
        return self.add(("cell", style, compact), mk)

    def row(self, h):
        def mk(name):
            return (f'<style:style style:name="{name}" style:family="table-row">'
                    f'<style:table-row-properties style:min-row-height="{h}cm" fo:keep-together="always"/>'
                    f'</style:style>')
        return self.add(("row", h), mk)

    def col(self, w):
        def mk(name):
            return (f'<style:style style:name="{name}" style:family="table-column">'
                    f'<style:table-column-properties style:column-width="{w:.3f}cm"/></style:style>')
        return self.add(("col", round(w, 3)), mk)

    def table(self, w, brk=False):
        def mk(name):
            b = ' fo:break-before="page"' if brk else ""
            return (f'<style:style style:name="{name}" style:family="table">'
                    f'<style:table-properties style:width="{w:.3f}cm" table:align="center" '
                    f'fo:margin-top="0cm" fo:margin-bottom="0.1cm"{b}/></style:style>')
        return self.add(("tbl", round(w, 3)) + (("brk",) if brk else ()), mk)

    def spaced(self, base, space):
        def mk(name):
            return (f'<style:style style:name="{name}" style:family="paragraph" style:parent-style-name="{base}">'
                    f'<style:paragraph-properties fo:margin-top="{space:.2f}cm"/></style:style>')
        return self.add(("sp", base, round(space, 2)), mk)


def _para(style, text):
    parts = text.split("\t")
    body = "<text:tab/>".join(escape(p) for p in parts).replace("\n", "<text:line-break/>")
    return f'<text:p text:style-name="{style}">' + body + "</text:p>"


def _table_xml(t, st, first_in_section, brk_style):
    out = []
    size = t.font or 10.5
    if t.show_title:
        if t.label:
            out.append(_para(brk_style("tlabel") if first_in_section else "tlabel", t.label))
            title_style = "ttitle"
        else:
            title_style = brk_style("ttitle") if first_in_section else "ttitle"
        out.append(_para(title_style, t.title))
        if t.subtitle:
            out.append(_para("tsub", t.subtitle))
        ul = t.unit_line()
        if len(ul) == 2:
            out.append(_para("tunit", ul[0] + "\t" + ul[1]))
        elif ul:
            out.append(_para("tunit", "\t" + ul[0]))
    for p in t.before:
        out.append(_para(p.style, p.text))
    total = sum(t.widths)
    widths = [w * TEXT_W / total for w in t.widths]
    name = f"T{id(t) % 100000}"
    brk = first_in_section and not t.show_title and not t.before
    out.append(f'<table:table table:name="{name}" table:style-name="{st.table(TEXT_W, brk)}">')
    for w in widths:
        out.append(f'<table:table-column table:style-name="{st.col(w)}"/>')
    cs = st.cell(t.style, t.compact)
    rh = 0.62 if size >= 10.5 else (0.55 if size >= 9.5 else 0.5)
    if t.compact:
        rh = 0.44

    def rows_xml(rows, header, index=False):
        res = []
        grid = _grid(rows, t.ncols, ids=True)
        for r, row in enumerate(rows):
            res.append(f'<table:table-row table:style-name="{st.row(rh)}">')
            c = 0
            cells = iter(row)
            while c < t.ncols:
                cid, _ = grid[r][c]
                # a slot covered by a cell from a row above, or by a colspan
                owner_row = next(rr for rr in range(r + 1) if grid[rr][c][0] == cid)
                if owner_row != r:
                    res.append("<table:covered-table-cell/>")
                    c += 1
                    continue
                cell = next(cells)
                al = cell.align or (t.aligns[c] if t.aligns else "c")
                if header:
                    al = "c"
                ps = st.cell_para(al, size, (header and not index) or cell.bold, cell.indent)
                span = ""
                if cell.cs > 1:
                    span += f' table:number-columns-spanned="{cell.cs}"'
                if cell.rs > 1:
                    span += f' table:number-rows-spanned="{cell.rs}"'
                res.append(f'<table:table-cell table:style-name="{cs}" office:value-type="string"{span}>'
                           + _para(ps, cell.text) + "</table:table-cell>")
                for _ in range(cell.cs - 1):
                    res.append("<table:covered-table-cell/>")
                c += cell.cs
            res.append("</table:table-row>")
        return res

    if t.header:
        head = rows_xml(t.header, True)
        if t.index_row:
            head += rows_xml([t.index_row], True, index=True)
        if t.repeat_header:
            out.append("<table:table-header-rows>")
            out += head
            out.append("</table:table-header-rows>")
        else:
            out += head
    out += rows_xml(t.body, False)
    out.append("</table:table>")
    for p in t.after:
        out.append(_para(p.style, p.text))
    return out


def to_fodt(document):
    st = _Styles()
    body = []
    first_body = True
    for sec in document.sections:
        for i, blk in enumerate(sec.blocks):
            first = i == 0

            def brk_style(base):
                if sec.kind == "cover":
                    return st.para_break(base, master="First_20_Page")
                nonlocal first_body
                if first_body:
                    first_body = False
                    return st.para_break(base, master="Standard", number=1)
                return st.para_break(base)

            if isinstance(blk, Para):
                style = brk_style(blk.style) if first else blk.style
                if blk.space:
                    assert not first, "a spacer cannot open a section"
                    style = st.spaced(style, blk.space)
                body.append(_para(style, blk.text))
            elif isinstance(blk, Table):
                body += _table_xml(blk, st, first, brk_style)
    styles = []
    for name, (font, size, bold, align, extra) in PARA_STYLES.items():
        styles.append(f'<style:style style:name="{name}" style:family="paragraph">' +
                      _ppr(font, size, bold, align, extra) + "</style:style>")
    # tab stop for the 编制部门 / 单位 line
    styles = [s.replace('<style:paragraph-properties fo:text-align="start" fo:margin-bottom="0.12cm"/>',
                        '<style:paragraph-properties fo:text-align="start" fo:margin-bottom="0.12cm">'
                        f'<style:tab-stops><style:tab-stop style:position="{TEXT_W - 0.05:.2f}cm" '
                        'style:type="right"/></style:tab-stops></style:paragraph-properties>')
              for s in styles]
    footer = ""
    if document.footer_fmt:
        pre, post = document.footer_fmt.split("{n}")
        footer = (f'<style:footer><text:p text:style-name="Footer">{escape(pre)}'
                  f'<text:page-number text:select-page="current">1</text:page-number>{escape(post)}</text:p>'
                  f'</style:footer>')
    header = ""
    if document.running_header:
        header = (f'<style:header><text:p text:style-name="Header">{escape(document.running_header)}</text:p>'
                  f'</style:header>')
    layout = (f'fo:page-width="{PAGE_W}cm" fo:page-height="{PAGE_H}cm" style:print-orientation="portrait" '
              f'fo:margin-top="1.4cm" fo:margin-bottom="1.3cm" fo:margin-left="{MARGIN_LR}cm" '
              f'fo:margin-right="{MARGIN_LR}cm"')
    xml = f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>{escape(document.running_header or document.stem)}</dc:title><meta:creation-date>2020-01-15T09:00:00</meta:creation-date></office:meta>
<office:font-face-decls>
<style:font-face style:name="{SERIF}" svg:font-family="&apos;{SERIF}&apos;" style:font-family-generic="roman" style:font-pitch="variable"/>
<style:font-face style:name="{SANS}" svg:font-family="&apos;{SANS}&apos;" style:font-family-generic="swiss" style:font-pitch="variable"/>
</office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit" style:punctuation-wrap="hanging" style:line-break="strict" style:writing-mode="page"/>
<style:text-properties style:font-name="{SERIF}" style:font-name-asian="{SERIF}" fo:font-size="12pt" style:font-size-asian="12pt" fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/></style:default-style>
<style:default-style style:family="table-cell"><style:table-cell-properties style:vertical-align="middle"/></style:default-style>
{"".join(styles)}
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties {layout}/>
<style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.45cm"/></style:header-style>
<style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
<style:page-layout style:name="pm2"><style:page-layout-properties {layout}/></style:page-layout>
{"".join(st.auto)}
</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="Standard" style:page-layout-name="pm1">{header}{footer}</style:master-page>
<style:master-page style:name="First_20_Page" style:display-name="First Page" style:page-layout-name="pm2" style:next-style-name="Standard"/>
</office:master-styles>
<office:body><office:text>
{chr(10).join(body)}
</office:text></office:body></office:document>
'''
    return xml


def render(document, out_pdf, keep_fodt=None):
    xml = to_fodt(document)
    tmp = tempfile.mkdtemp(prefix="yusuan_odf_")
    try:
        src = os.path.join(tmp, document.stem + ".fodt")
        with open(src, "w", encoding="utf-8") as f:
            f.write(xml)
        if keep_fodt:
            shutil.copy(src, keep_fodt)
        prof = os.path.join(tmp, "profile")
        subprocess.run(["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--norestore",
                        "--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp, src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        shutil.move(os.path.join(tmp, document.stem + ".pdf"), out_pdf)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
