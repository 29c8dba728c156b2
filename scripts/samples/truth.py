"""Ground truth (content.txt, tables.toml, facts.toml) from the document model.

All text comes from the doc.Document objects.  The rendered PDF is consulted
for layout only: which page a flowing paragraph breaks on and after which row
the one long table continues on the next page.  `verify` then checks, for every
page, that the characters of our page text and of `pdftotext` are the same
multiset (reading order is not compared, so this does not depend on the
extractor's ordering of table cells)."""

import collections
import json
import os
import subprocess

from doc import Para, Table, nows


def pdftotext_pages(pdf):
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], check=True, capture_output=True).stdout
    pages = out.decode("utf-8").split("\f")
    n = int(next(l for l in subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout.splitlines()
                 if l.startswith("Pages:")).split()[1])
    return [nows(p) for p in pages[:n]]


def table_lines(t, rows=None, with_title=True, tail=True, with_header=True):
    lines = []
    if with_title and t.show_title:
        if t.label:
            lines.append(t.label)
        lines.append(t.title)
        if t.subtitle:
            lines.append(t.subtitle)
        ul = t.unit_line()
        if ul:
            lines.append("  ".join(ul))
        lines += [p.text for p in t.before]
    if with_header:
        for row in t.header_rows():
            txt = [c.text for c in row if c.text.strip()]
            if txt:
                lines.append("  ".join(txt))
    for i in (range(len(t.body)) if rows is None else rows):
        txt = t.row_tokens(i)
        if txt:
            lines.append("  ".join(txt))
    if tail:
        lines += [p.text for p in t.after]
    return lines


def block_lines(b):
    if isinstance(b, Para):
        return [b.text] if b.text.strip() else []
    return table_lines(b)


def _split_at_nows(text, k):
    """index in `text` after its k-th non-whitespace character"""
    if k == 0:
        return 0
    seen = 0
    for i, ch in enumerate(text):
        if not nows(ch) == "":
            seen += 1
            if seen == k:
                return i + 1
    raise ValueError


class Layout:
    """pages[i] = {'header': str|None, 'lines': [...], 'footer': str|None}"""

    def __init__(self, document, pdf, folio_offset=0):
        self.doc = document
        self.pdf = pdf
        self.raw = pdftotext_pages(pdf)
        self.folio_offset = folio_offset
        self.pages = []
        self.para_pages = {}  # id(Para) -> [pages]
        self._assign()

    def _hf(self, sec, pno):
        d = self.doc
        h = d.running_header if (sec.header and d.running_header) else None
        f = None
        if sec.footer and d.footer_fmt:
            f = d.footer_fmt.format(n=pno - self.folio_offset)
        return h, f

    def _body_text(self, pno, h, f):
        raw = self.raw[pno - 1]
        if h:
            assert raw.startswith(nows(h)), (pno, "header", raw[:40])
            raw = raw[len(nows(h)):]
        if f:
            assert raw.endswith(nows(f)), (pno, "footer", raw[-40:])
            raw = raw[:-len(nows(f))]
        return raw

    def _body_counter(self, pno, h, f):
        """character multiset of the page minus header and footer (table pages:
        pdftotext may put the footer before the last cells)"""
        c = collections.Counter(self.raw[pno - 1])
        for x in (h, f):
            if x:
                need = collections.Counter(nows(x))
                assert not (need - c), (pno, "header/footer missing", x)
                c -= need
        return c

    def _new_page(self, sec):
        pno = len(self.pages) + 1
        h, f = self._hf(sec, pno)
        self.pages.append({"header": h, "lines": [], "footer": f})
        return pno, h, f

    def _assign(self):
        for sec in self.doc.sections:
            self._sec = sec
            if sec.kind in ("cover", "page"):
                split = [b for b in sec.blocks if isinstance(b, Table) and b.may_split]
                pno, h, f = self._new_page(sec)
                for b in sec.blocks:
                    if isinstance(b, Table) and not b.may_split:
                        b.pages = [pno]
                if not split:
                    for b in sec.blocks:
                        self.pages[-1]["lines"] += block_lines(b)
                        if isinstance(b, Table):
                            b.pages = [pno]
                        else:
                            self.para_pages[id(b)] = [pno]
                    continue
                assert len(split) == 1, ("one table per section may split", [t.title for t in split])
                t = split[0]
                at = sec.blocks.index(t)
                pre = [l for b in sec.blocks[:at] for l in block_lines(b)]
                post = [l for b in sec.blocks[at + 1:] for l in block_lines(b)]
                for b in sec.blocks:
                    if not isinstance(b, Table):
                        self.para_pages[id(b)] = [pno]
                found = self._split(t, pre, post, 0, pno, h, f)
                assert len(found) == 1, ("split rows not found uniquely", t.title, found)
                cuts = found[0]                  # body row where each page ends
                t.pages = [pno + i for i in range(len(cuts))]
                starts = [0] + cuts[:-1]
                t.splits = starts[1:]
                t.split_at = cuts[0] if len(cuts) > 1 else None
                for i, (a, b) in enumerate(zip(starts, cuts)):
                    first, last = i == 0, i == len(cuts) - 1
                    lines = (pre if first else []) + table_lines(
                        t, range(a, b), with_title=first, tail=last,
                        with_header=first or t.repeat_header) + (post if last else [])
                    if first:
                        self.pages[-1]["lines"] = lines
                    else:
                        h2, f2 = self._hf(sec, pno + i)
                        self.pages.append({"header": h2, "lines": lines, "footer": f2})
                for b in sec.blocks[at + 1:]:
                    if not isinstance(b, Table):
                        self.para_pages[id(b)] = [t.pages[-1]]
                    else:
                        b.pages = [t.pages[-1]]
            elif sec.kind == "flow":
                paras = [p for p in sec.blocks if p.text.strip()]
                assert all(isinstance(p, Para) for p in paras)
                queue = [(p, p.text) for p in paras]
                while queue:
                    pno, h, f = self._new_page(sec)
                    body = self._body_text(pno, h, f)
                    assert body, ("empty page in flow", pno)
                    while queue and body:
                        p, text = queue[0]
                        s = nows(text)
                        self.para_pages.setdefault(id(p), []).append(pno)
                        if body.startswith(s):
                            self.pages[-1]["lines"].append(text)
                            body = body[len(s):]
                            queue.pop(0)
                        elif s.startswith(body):
                            cut = _split_at_nows(text, len(body))
                            self.pages[-1]["lines"].append(text[:cut])
                            queue[0] = (p, text[cut:])
                            body = ""
                        else:
                            raise AssertionError(("flow mismatch", pno, body[:60], s[:60]))
                    assert not body, ("unexpected text on page", pno, body[:80])
            else:
                raise ValueError(sec.kind)
        assert len(self.pages) == len(self.raw), (len(self.pages), len(self.raw))

    def _split(self, t, pre, post, start, pno, h, f):
        """Every way to cut body rows start.. of table t over pages pno, pno+1 …
        so that each page's characters are exactly those of the PDF page:
        a list of cut lists (body row index where each page ends)."""
        if pno > len(self.raw):
            return []
        body = self._body_counter(pno, h, f)
        first = start == 0
        out = []
        for k in range(start + 1, len(t.body) + 1):
            last = k == len(t.body)
            lines = (pre if first else []) + table_lines(t, range(start, k), with_title=first, tail=last,
                                                          with_header=first or t.repeat_header)
            if last:
                lines = lines + post
            c = collections.Counter(nows("".join(lines)))
            if c == body:
                if last:
                    out.append([k])
                else:
                    h2, f2 = self._hf(self._sec, pno + 1)
                    out += [[k] + rest for rest in self._split(t, pre, post, k, pno + 1, h2, f2)]
            elif sum(c.values()) > sum(body.values()):
                break               # more characters than the page holds: longer cuts cannot fit
        return out

    # ---- queries
    def page_text(self, pno):
        pg = self.pages[pno - 1]
        return nows("".join(([pg["header"]] if pg["header"] else []) + pg["lines"] +
                            ([pg["footer"]] if pg["footer"] else [])))

    def find(self, needle, start=1):
        s = nows(needle)
        hits = [i for i in range(start, len(self.pages) + 1) if s in self.page_text(i)]
        assert hits, ("not found", needle)
        return hits[0]

    def row_page(self, t, i):
        p = t.pages[0]
        for j, s in enumerate(t.splits):
            if i >= s:
                p = t.pages[j + 1]
        return p

    def verify(self):
        bad = []
        for i in range(1, len(self.pages) + 1):
            a, b = collections.Counter(self.page_text(i)), collections.Counter(self.raw[i - 1])
            if a != b:
                bad.append((i, dict(a - b), dict(b - a)))
        assert not bad, bad
        return True

    def content(self):
        out = []
        for pg in self.pages:
            lines = ([pg["header"]] if pg["header"] else []) + pg["lines"] + ([pg["footer"]] if pg["footer"] else [])
            out.append("\n".join(lines) + "\n")
        return "\f\n".join(out)


# ---------------------------------------------------------------------------
def q(s):
    return json.dumps(str(s), ensure_ascii=False)


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return q(v)


def write_tables(path, file_name, region, tables):
    L = [f"file = {q(file_name)}", f"region = {q(region)}", ""]
    for t in tables:
        L.append("[[tables]]")
        L.append(f"kind = {q(t['kind'])}")
        L.append(f"title = {q(nows(t['title']))}")
        L.append(f"pages = {toml_value(t['pages'])}")
        L.append(f"unit = {q(t['unit'])}")
        if t.get("empty"):
            L.append("empty = true")
        if t.get("note"):
            L.append(f"note = {q(t['note'])}")
        for k in ("label", "title_page", "index_row"):
            if t.get(k):
                L.append(f"{k} = {toml_value(t[k])}")
        L.append("columns = " + toml_value(t["columns"]))
        if not t["rows"]:
            L.append("rows = []")
        else:
            L.append("rows = [")
            for r in t["rows"]:
                assert len(r) == len(t["columns"]), (t["title"], r)
                L.append("  " + toml_value(r) + ",")
            L.append("]")
        L.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(L))


def table_entry(t, rows=None, pages=None, note=None, drop_blank=False, title_page=None):
    """a [[tables]] entry; drop_blank: leave out all-blank template rows (they
    are printed, but never data); an index row (栏次 | 1 | 2 …) is recorded
    apart, as `index_row`, being neither a column nor a body row"""
    body = t.flat_body(rows)
    if drop_blank:
        body = [r for r in body if any(c for c in r)]
    e = {"kind": t.kind, "title": t.title, "pages": pages or t.pages, "unit": t.unit,
         "columns": t.columns(), "rows": body, "empty": t.empty,
         "note": note if note is not None else t.note}
    if t.label:
        e["label"] = t.label
    if t.index_row:
        e["index_row"] = [nows(x) for x in t.flat_body([t.index_row])[0]]
    if title_page:
        e["title_page"] = title_page
    return e


def write_facts(path, file_name, metadata, facts, line_items=(), projects=(), indicators=(), notes=()):
    L = [f"file = {q(file_name)}"]
    for n in notes:
        L.append(f"# {n}")
    L.append("")
    L.append("[metadata]")
    for k, v in metadata.items():
        L.append(f"{k} = {toml_value(v)}")
    for sect, items in (("facts", facts), ("line_items", line_items), ("projects", projects),
                        ("indicators", indicators)):
        for it in items:
            L.append("")
            L.append(f"[[{sect}]]")
            for k, v in it.items():
                if v is None:
                    continue
                L.append(f"{k} = {toml_value(v)}")
    L.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(L))


def write_content(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def ensure_dir(p):
    os.makedirs(p, exist_ok=True)
    return p


def money_fact(metric, wan, raw, page, source, note=None, negative=False):
    from model import yuan, D
    v = D(wan)
    if negative:
        v = -v
    return {"metric": metric, "value": yuan(v), "raw": raw, "page": page, "source": source, "note": note}


def plain_fact(metric, value, raw, page, source, note=None):
    return {"metric": metric, "value": str(value), "raw": raw, "page": page, "source": source, "note": note}


def line_items(t, layout, kind, amount_cols, code_col=0, name_col=1, code_fn=None):
    """[[line_items]] for every coded row of table t (类, 款 and 项)."""
    from model import D
    cols = t.columns()
    out = []
    for i, row in enumerate(t.flat_body()):
        code = code_fn(row) if code_fn else row[code_col]
        if not code:
            continue
        for c in amount_cols:
            txt = row[c]
            if txt in ("", "-"):
                continue
            val = D(txt.replace(",", "")) * 10000
            out.append({"table_kind": kind, "code": code, "name": row[name_col], "column": cols[c],
                        "value": f"{val:.2f}", "page": layout.row_page(t, i)})
    return out


def shortened_codes(t):
    """code_of for scoped_items over a table whose first column prints 类 (3 digits), 款 (its 2 digits
    only) and 项 (7 digits): a 款 is completed from the 类 above it; other rows (合计, a unit's row) are
    not subjects."""
    def code_of(i, row):
        c = row[0]
        if len(c) in (3, 7):
            return c, "printed"
        if len(c) == 2:
            lei_code = next(r for r in reversed(t.flat_body()[:i]) if len(r[0]) == 3)[0]
            return lei_code + c, "completed"
        return None
    return code_of


def scoped_items(t, layout, kind, cols, code_of, name_of=None, extra=None, drop=None):
    """[[line_items]] of table t with the keys of the OUTPUT.md additions.

    cols: {column index: {"measure": …, "fund": …, "period": …}};
    code_of(i, row) -> (code, code_source) or None for a row that is not a
    subject (合计, a unit row); code_source is printed | completed (a 款 row
    printing its 2 digits, completed from its 类) | resolved_by_name (no code
    printed); name_of(row) -> the subject name (default: cell 1);
    extra(i, row) -> more keys (unit_code …)."""
    from model import D
    heads = t.columns()
    out = []
    for i, row in enumerate(t.flat_body()):
        got = code_of(i, row)
        if not got:
            continue
        code, source = got
        for c, keys in cols.items():
            txt = row[c]
            if txt in ("", "-"):
                continue
            val = D(txt.replace(",", "")) * 10000
            e = {"table_kind": kind, "code": code, "name": name_of(row) if name_of else row[1],
                 "column": heads[c], "value": f"{val:.2f}", "page": layout.row_page(t, i)}
            e.update(keys)
            e["code_source"] = source
            if extra:
                e.update(extra(i, row))
            out.append(e)
    return out
