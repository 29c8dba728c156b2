"""Renderer-neutral description of a document: paragraphs and tables grouped
in sections (each section starts on a new page).  The three renderers (ODF,
HTML, reportlab) draw these objects and the ground truth is derived from the
same objects, so the two cannot drift apart."""

import re

WS = re.compile(r"\s+")


def nows(s):
    return WS.sub("", s)


class Para:
    """A paragraph; `space` (cm) is extra space above it (a spacer when the
    text is empty: it pushes what follows towards the foot of the page)."""

    def __init__(self, text, style="body", space=None):
        self.text = text
        self.style = style
        self.space = space

    def tokens(self):
        return [self.text] if self.text.strip() else []


class Cell:
    def __init__(self, text="", cs=1, rs=1, align=None, indent=0, bold=False):
        self.text = text
        self.cs = cs
        self.rs = rs
        self.align = align
        self.indent = indent
        self.bold = bold


def C(x, **kw):
    return x if isinstance(x, Cell) else Cell(x, **kw)


class Table:
    """kind/title/unit as in tests/corpus/README.md; header and body are rows
    of Cells (spans allowed); widths are relative column widths."""

    def __init__(self, kind, title, header, body, widths, unit="万元", dept_line=True,
                 note="", empty=False, after=None, style="grid", font=None, subtitle=None,
                 before=None, record=True, may_split=False, aligns=None, show_title=True, compact=False,
                 index_row=None, repeat_header=True, label=None):
        self.kind = kind
        self.title = title
        self.unit = unit
        self.header = [[C(c) for c in row] for row in header]
        self.body = [[C(c) for c in row] for row in body]
        self.widths = widths
        self.dept_line = dept_line
        self.note = note
        self.empty = empty
        self.after = after or []      # Paras printed below the table
        self.before = before or []    # Paras printed between title line and table
        self.style = style            # grid | three_line | form
        self.font = font
        self.subtitle = subtitle
        self.record = record          # written to tables.toml
        self.may_split = may_split
        self.aligns = aligns          # per column default alignment (l/c/r)
        self.show_title = show_title  # False: title only recorded in tables.toml
        self.compact = compact        # tighter rows (renderer hint)
        # a column-number row printed under the header (栏次 | 1 | 2 …, ** | 1 | 2 …): part of the
        # header block (repeated with it), never a column path nor a body row
        self.index_row = [C(c) for c in index_row] if index_row else None
        self.repeat_header = repeat_header  # False: a continuation page starts with body rows
        self.label = label            # table number printed above the title (公开01表)
        self.ncols = len(widths)
        self.split_at = None          # body rows on the first page (found after rendering)
        self.splits = []              # body row index where each continuation page starts
        self.pages = []
        for rows in (self.header, self.body) + ((([self.index_row],) if self.index_row else ())):
            for g in _grid(rows, self.ncols):
                assert len(g) == self.ncols

    # ---- structure
    def columns(self):
        grid = _grid(self.header, self.ncols, ids=True)
        cols = []
        for c in range(self.ncols):
            parts, last = [], None
            for r in range(len(grid)):
                cid, text = grid[r][c]
                if cid != last and text:
                    parts.append(nows(text))
                last = cid
            cols.append("/".join(parts))
        return cols

    def flat_body(self, rows=None):
        rows = self.body if rows is None else rows
        return [[nows(t) for t in r] for r in _grid(rows, self.ncols)]

    # ---- text (reading order)
    def unit_line(self):
        parts = []
        if self.dept_line:
            parts.append(self.dept_line if isinstance(self.dept_line, str) else "")
        if self.unit:
            parts.append("单位：" + self.unit)
        return [p for p in parts if p]

    def header_rows(self):
        """header rows as printed, the index row included"""
        return self.header + ([self.index_row] if self.index_row else [])

    def head_tokens(self, with_title=True):
        out = []
        if with_title and self.show_title:
            if self.label:
                out.append(self.label)
            out.append(self.title)
            if self.subtitle:
                out.append(self.subtitle)
            out += self.unit_line()
            out += [p.text for p in self.before]
        for row in self.header_rows():
            out += [c.text for c in row if c.text.strip()]
        return out

    def row_tokens(self, i):
        return [c.text for c in self.body[i] if c.text.strip()]

    def tail_tokens(self):
        return [p.text for p in self.after]

    def tokens(self):
        out = self.head_tokens()
        for i in range(len(self.body)):
            out += self.row_tokens(i)
        return out + self.tail_tokens()


def _grid(rows, ncols, ids=False):
    """Expand spans: a cell's text goes to its top-left slot, "" elsewhere."""
    grid, pending = [], {}
    cid = 0
    for r, row in enumerate(rows):
        line = [None] * ncols
        for (rr, cc), v in list(pending.items()):
            if rr == r:
                line[cc] = v
                del pending[(rr, cc)]
        c = 0
        for cell in row:
            while c < ncols and line[c] is not None:
                c += 1
            assert c < ncols, ("row too long", r, [x.text for x in row])
            cid += 1
            for dc in range(cell.cs):
                for dr in range(cell.rs):
                    text = cell.text if (dc == 0 and dr == 0) else ""
                    v = (cid, cell.text) if ids else text
                    if dr == 0:
                        assert line[c + dc] is None, ("overlap", r, cell.text)
                        line[c + dc] = v
                    else:
                        pending[(r + dr, c + dc)] = v
            c += cell.cs
        assert all(x is not None for x in line), ("row too short", r, [x.text for x in row])
        grid.append(line)
    return grid


class Section:
    """Starts on a new page.  kind = 'cover' | 'flow' | 'page'.
    flow: paragraphs that may run over several pages;
    page: one page (unless a table in it has may_split=True)."""

    def __init__(self, kind, blocks, landscape=False, header=True, footer=True):
        self.kind = kind
        self.blocks = blocks
        self.landscape = landscape
        self.header = header
        self.footer = footer


class Document:
    def __init__(self, stem, sections, running_header=None, footer_fmt=None, footer_on_first=False):
        self.stem = stem
        self.sections = sections
        self.running_header = running_header   # text or None
        self.footer_fmt = footer_fmt           # e.g. "— {n} —" (n = folio) or None
        self.footer_on_first = footer_on_first  # Chromium: folio on page 1 too (no cover)

    def tables(self):
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]
