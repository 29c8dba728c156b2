//! Document tables: the layout stage's per-page tables, joined across page
//! breaks, with their title, kind, unit and header path per cell.
//!
//! - Title: the nearest line above the table that names a table (matches
//!   `data/table_kinds.csv`), skipping 部门：/单位： lines, table numbers
//!   (公开05表) and page numbers; a table whose title stands alone at the
//!   foot of the previous page gets it from there.
//! - Continuation: the first table on a page continues the last table of
//!   the previous page when it has no title of its own and the same number
//!   of columns; a repeated header is dropped. On one page, a grid drawn
//!   right below another, nothing printed between them, with the same
//!   columns, is the rest of it (the 合计 rows below a double rule).
//! - A caption row drawn inside the grid (Excel sheets often put the title
//!   in a merged first row) moves out of the table.

use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use super::kinds::{TableKind, classify_title};
use crate::layout::tables::Method;
use crate::layout::{PageLayout, Table};
use crate::normalize::label::compact;
use crate::normalize::label::{self, Concept, normalize_label};
use crate::normalize::number::looks_numeric;
use crate::normalize::unit::MoneyUnit;
use crate::pdf::BBox;

/// One cell of a document table.
#[derive(Debug, Clone, Serialize)]
pub struct DocCell {
    pub page: usize,
    /// 0-based row in the whole table (header rows first), across pages.
    pub row: usize,
    /// 0-based column.
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    /// The header path above this cell (`本年支出/基本支出`); for a header
    /// cell, the path of the header cells above it.
    pub header: String,
    pub text: String,
    pub is_header: bool,
    pub bbox: BBox,
}

/// A table of a document, possibly spanning pages.
#[derive(Debug, Clone, Serialize)]
pub struct DocTable {
    /// `t1`, `t2` … in document order.
    pub id: String,
    pub kind: TableKind,
    /// The title as printed, numbering such as 公开05表 or 五、 removed.
    pub title: String,
    /// The table's number as printed (公开05表, 表4), if any.
    pub number: String,
    /// The money unit from `单位：万元`, if printed.
    pub unit: Option<MoneyUnit>,
    pub pages: Vec<usize>,
    pub method: Method,
    pub n_cols: usize,
    pub header_rows: usize,
    /// Header path per column.
    pub columns: Vec<String>,
    pub cells: Vec<DocCell>,
    /// The table says it is empty (本表为空表, 无数据) or has no body text.
    pub empty: bool,
    /// Lines printed around the table (部门：…, notes below).
    pub context: Vec<String>,
}

impl DocTable {
    /// Number of rows (header rows included).
    pub fn n_rows(&self) -> usize {
        self.cells.iter().map(|c| c.row + c.rowspan).max().unwrap_or(0)
    }

    /// Body rows as texts per column: a merged cell's text in its first
    /// column and `""` in the others it covers.
    pub fn body_grid(&self) -> Vec<Vec<String>> {
        let n = self.n_rows().saturating_sub(self.header_rows);
        let mut grid = vec![vec![String::new(); self.n_cols]; n];
        for c in self.cells.iter().filter(|c| !c.is_header) {
            if let Some(row) = grid.get_mut(c.row - self.header_rows)
                && let Some(slot) = row.get_mut(c.col)
            {
                *slot = c.text.clone();
            }
        }
        grid
    }

    /// The body cell at `(row, col)` (grid positions; merged cells cover).
    pub fn body_cells(&self) -> impl Iterator<Item = &DocCell> {
        self.cells.iter().filter(|c| !c.is_header)
    }
}

/// `单位：万元`, `金额单位:元`, `单位（万元）`.
fn unit_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    crate::patterns::once(&R, r"单\s*位\s*[:：(（]?\s*(万\s*元|千\s*元|亿\s*元|元)")
}

/// A table number standing alone or in front of the title: 公开05表,
/// 公开表5, 部门公开表4 (国家信访局), 预算02表 (北京), 表4, 附表1, 五、, 表一.
fn number_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    crate::patterns::once(
        &R,
        r"^((部门)?公开\s*(\d+|[一二三四五六七八九十]+)\s*表|(部门)?公开\s*表\s*\d+|(预算|决算)\s*\d+\s*表|附?表\s*(\d+|[一二三四五六七八九十]+)|[一二三四五六七八九十]+、)\s*[:：]?",
    )
}

/// A table number at the end of a title line: `…（功能科目）公开表五`.
fn trailing_number_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    crate::patterns::once(
        &R,
        r"((部门)?公开\s*(\d+|[一二三四五六七八九十]+)\s*表|公开\s*表\s*(\d+|[一二三四五六七八九十]+))$",
    )
}

/// Lines that are not titles: 部门/单位 lines, page numbers, dates.
fn noise_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    crate::patterns::once(
        &R,
        r"^(部门|单位|编制(部门|单位)|填报单位|预算单位|部门名称|单位名称|部门（单位）|部门\(单位\))\s*[:：]|^[-—–\s\d第页共/]+$|^单\s*位",
    )
}

/// Statements that a table is empty.
fn empty_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    crate::patterns::once(
        &R,
        r"(本|此)表(为)?空表|空表|无数据|本(部门|单位)(无|没有)|(无|没有)(相关)?(政府性基金|国有资本经营|三公)|不涉及",
    )
}

/// Splits a printed title into its number and the title proper.
pub fn split_title(line: &str) -> (String, String) {
    let t = compact(line);
    match number_re().find(&t) {
        Some(m) if m.end() < t.len() => (
            m.as_str().trim_end_matches([':', '：']).to_string(),
            t[m.end()..].trim().to_string(),
        ),
        Some(m) => (m.as_str().to_string(), String::new()),
        None => (String::new(), t),
    }
}

/// The title line among the lines above a table: the nearest one (going
/// up) that names a table; failing that, the nearest line ending in 表.
fn pick_title(above: &[String]) -> Option<(String, String)> {
    for (i, line) in above.iter().enumerate().rev() {
        let mut t = compact(line);
        if t.is_empty() || noise_re().is_match(&t) {
            continue;
        }
        // A long title wraps: `…会议费、培训费支出预` / `算表`. A short line
        // joins a (title-length) line above it when together they name a
        // standard table.
        if t.chars().count() <= 8
            && i > 0
            && let Some(prev) = above.get(i - 1)
        {
            let prev = compact(prev);
            let joined = format!("{prev}{t}");
            let names_standard =
                classify_title(&split_title(&joined).1).is_some_and(|k| k != TableKind::Other);
            if !prev.is_empty()
                && prev.chars().count() <= 40
                && !noise_re().is_match(&prev)
                && !prev.ends_with('表')
                && names_standard
            {
                t = joined;
            }
        }
        let (number, title) = split_title(&t);
        // A table number printed after the title on the same line.
        let (number, title) = match trailing_number_re().find(&title) {
            Some(m) if m.start() > 0 && number.is_empty() => {
                (m.as_str().to_string(), title[..m.start()].trim().to_string())
            }
            _ => (number, title),
        };
        if title.is_empty() {
            continue;
        }
        // A line holding the title and 单位：万元 side by side.
        let title = match unit_re().find(&title) {
            Some(m) if m.start() > 0 => title[..m.start()].trim().to_string(),
            _ => title,
        };
        if classify_title(&title).is_some() {
            return Some((number, title));
        }
    }
    None
}

fn find_unit(lines: &[String]) -> Option<MoneyUnit> {
    lines.iter().find_map(|l| {
        let t: String = l.chars().filter(|c| !c.is_whitespace()).collect();
        unit_re()
            .captures(&t)
            .and_then(|c| c.get(1))
            .and_then(|m| MoneyUnit::parse(m.as_str()))
    })
}

/// A part of a table on one page, as the layout stage found it, with its
/// caption rows moved out.
struct Part<'a> {
    table: &'a Table,
    /// Rows dropped from the top (caption rows inside the grid).
    skip_rows: usize,
    captions: Vec<String>,
}

/// Rows at the top of the grid that are one cell across the whole table
/// holding a title or a 单位 line: captions, not table rows.
fn caption_rows(table: &Table) -> (usize, Vec<String>) {
    let mut skip = 0;
    let mut captions = Vec::new();
    for row in 0..table.n_rows.min(3) {
        let cells: Vec<_> = table.cells.iter().filter(|c| c.row == row).collect();
        let texts: Vec<&str> = cells
            .iter()
            .map(|c| c.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        let whole = cells.len() == 1 && cells[0].colspan == table.n_cols && cells[0].rowspan == 1;
        let captionish = texts.iter().all(|t| {
            let n = normalize_label(t);
            classify_title(&n).is_some() || unit_re().is_match(&n) || noise_re().is_match(&n)
        });
        if !texts.is_empty() && captionish && (whole || texts.len() <= 2 && cells.len() <= 3) && row == skip {
            skip += 1;
            captions.extend(texts.iter().map(|t| t.to_string()));
        } else {
            break;
        }
    }
    (skip, captions)
}

/// Builds the document's tables from its page layouts (in page order).
pub fn document_tables(pages: &[PageLayout]) -> Vec<DocTable> {
    let mut out: Vec<DocTable> = Vec::new();
    // Index of the table in `out` the previous page ended with.
    let mut open: Option<usize> = None;
    for (pi, page) in pages.iter().enumerate() {
        let prev_page = pi.checked_sub(1).map(|i| &pages[i]);
        let mut next_open = None;
        // Index in `out` of the table the page's previous grid went to.
        let mut prev_on_page: Option<usize> = None;
        for (ti, table) in page.tables.iter().enumerate() {
            let (skip_rows, captions) = caption_rows(table);
            let part = Part {
                table,
                skip_rows,
                captions,
            };
            let mut above = table.above.clone();
            above.extend(part.captions.iter().cloned());
            let own_title = pick_title(&above);
            // A title left alone at the foot of the previous page belongs to
            // this table, which then starts here rather than continuing.
            let stranded = if ti == 0 {
                prev_page.map(page_tail).and_then(|tail| pick_title(&tail))
            } else {
                None
            };
            let continues = ti == 0
                && stranded.is_none()
                && open.is_some_and(|i| {
                    let prev = &out[i];
                    let continued_title = own_title.as_ref().is_some_and(|(_, t)| {
                        normalize_label(t) == normalize_label(&prev.title) || t.contains('续')
                    });
                    (own_title.is_none() || continued_title)
                        && (prev.n_cols == table.n_cols || header_map(prev, table).is_some())
                        && prev.pages.last() == Some(&(page.number - 1))
                });
            // A grid right below the page's previous one, with nothing
            // printed between them and the same columns, is the rest of that
            // table: its body was drawn as two grids (a double rule or a
            // spacer row before the 合计 rows).
            let rest_of_previous = own_title.is_none()
                && table.above.iter().all(|l| l.trim().is_empty())
                && ti
                    .checked_sub(1)
                    .and_then(|p| page.tables.get(p))
                    .is_some_and(|above_grid| continues_grid_above(above_grid, table));
            let target = if continues {
                open
            } else if rest_of_previous {
                prev_on_page
            } else {
                None
            };
            if let Some(i) = target {
                append_part(&mut out[i], &part);
                prev_on_page = Some(i);
                if ti + 1 == page.tables.len() {
                    next_open = Some(i);
                }
                continue;
            }
            // A title stranded at the foot of the page before brings the
            // lines printed with and after it there (单位：万元).
            if own_title.is_none()
                && let Some((_, title)) = &stranded
            {
                let foot = prev_page.map(page_foot).unwrap_or_default();
                let from = foot
                    .iter()
                    .rposition(|l| compact(l).contains(title.as_str()))
                    .unwrap_or(foot.len());
                above = foot[from..].iter().cloned().chain(above).collect();
            }
            let title = own_title.or(stranded);
            let mut doc_table = new_table(out.len() + 1, &part, title, &above);
            if doc_table.kind == TableKind::Other && doc_table.title.is_empty() {
                doc_table.kind =
                    classify_by_headers(&doc_table.columns_from_cells()).unwrap_or(TableKind::Other);
                // An indicator table drawn apart under its form: the form's
                // title is its title; its values carry their own units.
                if doc_table.kind == TableKind::PerformanceTarget
                    && let Some(form) = out.last().filter(|f| {
                        f.kind == TableKind::PerformanceTarget && f.pages.last() == Some(&page.number)
                    })
                {
                    doc_table.title = form.title.clone();
                    doc_table.number = form.number.clone();
                    doc_table.unit = None;
                }
            }
            out.push(doc_table);
            prev_on_page = Some(out.len() - 1);
            if ti + 1 == page.tables.len() {
                next_open = Some(out.len() - 1);
            }
        }
        // Only a table that ends a page can continue on the next one.
        open = next_open;
    }
    let mut out: Vec<DocTable> = out.into_iter().flat_map(split_indicator_block).collect();
    for (i, t) in out.iter_mut().enumerate() {
        t.id = format!("t{}", i + 1);
        finish(t);
    }
    out
}

/// Whether grid `b` continues grid `a` drawn just above it on the same
/// page: the same number of columns with the same left and right edges
/// (within 2 pt), no header of its own (or the same one), and at most
/// 12 pt between them.
fn continues_grid_above(a: &Table, b: &Table) -> bool {
    const EDGE: f64 = 2.0;
    const GAP: f64 = 12.0;
    let gap = a.bbox.y0 - b.bbox.y1;
    let lefts = |t: &Table| {
        let mut x: Vec<Option<f64>> = vec![None; t.n_cols];
        for c in t.cells.iter().filter(|c| c.colspan == 1) {
            if let Some(slot) = x.get_mut(c.col) {
                *slot = Some(slot.map_or(c.bbox.x0, |v: f64| v.min(c.bbox.x0)));
            }
        }
        x
    };
    a.n_cols == b.n_cols
        && (b.header_rows == 0 || a.columns == b.columns)
        && (-EDGE..=GAP).contains(&gap)
        && (a.bbox.x0 - b.bbox.x0).abs() <= EDGE
        && (a.bbox.x1 - b.bbox.x1).abs() <= EDGE
        && lefts(a).iter().zip(lefts(b)).all(|(x, y)| match (x, y) {
            (Some(x), Some(y)) => (x - y).abs() <= EDGE,
            _ => true,
        })
}

/// A 绩效目标申报表 is a key-value form (项目名称, 主管部门, 资金来源 …) on
/// top of an indicator table (一级指标 | 二级指标 | 三级指标 | 指标值) drawn
/// as one grid. They are two tables: the form, whose rows are fields, and
/// the indicator table with its own header row.
fn split_indicator_block(table: DocTable) -> Vec<DocTable> {
    if table.kind != TableKind::PerformanceTarget {
        return vec![table];
    }
    let mut table = table;
    drop_blank_rows(&mut table);
    let header_row = table
        .cells
        .iter()
        .filter(|c| normalize_label(&c.text) == "一级指标")
        .map(|c| c.row)
        .min();
    let r = match header_row {
        // A header of two rows: a group cell over the 一级指标 column
        // (绩效指标 spanning 一级…指标值) under labels such as 单位编码 |
        // 单位（项目）名称 | 资金总额 (长沙) is the indicator table's header,
        // not a form row.
        Some(r) if r > 0 && is_group_header_row(&table, r - 1, r) => r - 1,
        Some(r) if r > 0 => r,
        Some(_) => return vec![table],
        // A form drawn as its own grid, the indicator table apart below it
        // (reportlab): all rows are fields.
        None if table
            .cells
            .iter()
            .any(|c| c.col == 0 && normalize_label(&c.text) == "项目名称") =>
        {
            table.n_rows()
        }
        None => return vec![table],
    };
    let header_rows = if table
        .cells
        .iter()
        .any(|c| c.row == r && normalize_label(&c.text) == "一级指标")
    {
        1
    } else {
        2
    };
    if r == 0 {
        for c in &mut table.cells {
            c.is_header = c.row < header_rows;
        }
        table.header_rows = header_rows;
        return vec![table];
    }
    let mut form = table.clone();
    form.cells.retain(|c| c.row < r);
    // The form's pages are its own rows' (the indicator table below it
    // may run onto the next page).
    form.pages = form
        .cells
        .iter()
        .map(|c| c.page)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if r == table.n_rows() {
        for c in &mut form.cells {
            c.is_header = false;
        }
        form.header_rows = 0;
        return vec![form];
    }
    for c in &mut form.cells {
        c.is_header = false;
        c.rowspan = c.rowspan.min(r - c.row);
    }
    form.header_rows = 0;
    let mut indicators = table;
    indicators.cells.retain(|c| c.row >= r);
    for c in &mut indicators.cells {
        c.row -= r;
        c.is_header = c.row < header_rows;
    }
    indicators.header_rows = header_rows;
    merge_unsplit_columns(&mut indicators);
    // Indicator values carry their own units (%, 元/人, 场/年).
    indicators.unit = None;
    indicators.pages = indicators
        .cells
        .iter()
        .map(|c| c.page)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    vec![form, indicators]
}

/// Merges grid columns that no cell of the table starts (the form above
/// an indicator table drawn in one grid divides columns the indicator
/// table spans): every cell spans the same columns, fewer of them.
fn merge_unsplit_columns(t: &mut DocTable) {
    let starts: std::collections::BTreeSet<usize> = t.cells.iter().map(|c| c.col).collect();
    if starts.len() >= t.n_cols || !starts.contains(&0) {
        return;
    }
    // New index of each old column: how many starts lie at or before it, less one.
    let new_of = |col: usize| starts.range(..=col).count().saturating_sub(1);
    for c in &mut t.cells {
        let end = new_of(c.col + c.colspan - 1);
        c.col = new_of(c.col);
        c.colspan = end + 1 - c.col;
    }
    t.n_cols = starts.len();
}

/// Whether row `row` is a group header over the 一级指标 row `below`: a
/// cell of it spans several columns over the 一级指标 cell and names
/// 指标, and no cell of it holds a figure.
fn is_group_header_row(t: &DocTable, row: usize, below: usize) -> bool {
    let Some(first) = t
        .cells
        .iter()
        .find(|c| c.row == below && normalize_label(&c.text) == "一级指标")
    else {
        return false;
    };
    let cells: Vec<&DocCell> = t.cells.iter().filter(|c| c.row == row).collect();
    cells.iter().any(|c| {
        c.colspan > 1 && c.col <= first.col && first.col < c.col + c.colspan && c.text.contains("指标")
    }) && cells.iter().all(|c| !looks_numeric(&c.text))
}

/// The last lines of a page after its last table (or the whole page's last
/// lines): where a title stranded at a page foot sits.
fn page_tail(page: &PageLayout) -> Vec<String> {
    let lines: Vec<String> = match page.tables.last() {
        Some(t) => t.below.clone(),
        None => page
            .lines
            .iter()
            .rev()
            .take(4)
            .rev()
            .map(|l| l.text.clone())
            .collect(),
    };
    lines
}

/// Every line of a page below its last table (up to 8), for what a title
/// stranded there brings with it.
fn page_foot(page: &PageLayout) -> Vec<String> {
    page.tables.last().map(|t| t.tail.clone()).unwrap_or_default()
}

fn new_table(index: usize, part: &Part<'_>, title: Option<(String, String)>, above: &[String]) -> DocTable {
    let t = part.table;
    let (number, title) = title.unwrap_or_default();
    let kind = if title.is_empty() {
        TableKind::Other
    } else {
        classify_title(&title).unwrap_or(TableKind::Other)
    };
    let header_rows = t.header_rows.saturating_sub(part.skip_rows);
    let mut table = DocTable {
        id: format!("t{index}"),
        kind,
        title,
        number,
        unit: find_unit(above),
        pages: vec![t.page],
        method: t.method,
        n_cols: t.n_cols,
        header_rows,
        columns: Vec::new(),
        cells: Vec::new(),
        empty: false,
        context: above.iter().chain(t.below.iter()).cloned().collect(),
    };
    for c in t.cells.iter().filter(|c| c.row >= part.skip_rows) {
        table.cells.push(DocCell {
            page: t.page,
            row: c.row - part.skip_rows,
            col: c.col,
            rowspan: c.rowspan,
            colspan: c.colspan,
            header: String::new(),
            text: c.text.clone(),
            is_header: c.row - part.skip_rows < header_rows,
            bbox: c.bbox,
        });
    }
    if table.unit.is_none() {
        // Some tables print 单位 inside the header.
        let header_texts: Vec<String> = table
            .cells
            .iter()
            .filter(|c| c.is_header)
            .map(|c| c.text.clone())
            .collect();
        table.unit = find_unit(&header_texts);
    }
    table
}

/// The columns of a continuation page with another number of columns
/// whose one header row repeats a row of the table it continues (an
/// indicator table drawn in one grid with its form above, the page after
/// drawn alone): each of its columns → (column, colspan) of the cell of
/// the same label in that row.
fn header_map(prev: &DocTable, t: &Table) -> Option<Vec<(usize, usize)>> {
    if t.header_rows != 1 || t.n_cols == prev.n_cols {
        return None;
    }
    let mut head: Vec<&crate::layout::tables::Cell> = t.cells.iter().filter(|c| c.row == 0).collect();
    head.sort_by_key(|c| c.col);
    if head.len() != t.n_cols || head.iter().any(|c| c.colspan != 1 || c.text.trim().is_empty()) {
        return None;
    }
    let labels: Vec<String> = head.iter().map(|c| normalize_label(&c.text)).collect();
    (0..prev.n_rows()).rev().find_map(|row| {
        let mut cells: Vec<&DocCell> = prev.cells.iter().filter(|c| c.row == row).collect();
        cells.sort_by_key(|c| c.col);
        let names: Vec<String> = cells.iter().map(|c| normalize_label(&c.text)).collect();
        (names == labels).then(|| cells.iter().map(|c| (c.col, c.colspan)).collect())
    })
}

fn append_part(table: &mut DocTable, part: &Part<'_>) {
    let t = part.table;
    if let Some(map) = header_map(table, t) {
        let base = table.n_rows();
        let skip = part.skip_rows + t.header_rows;
        for c in t.cells.iter().filter(|c| c.row >= skip) {
            let (Some(&(col, _)), Some(&(last, span))) = (map.get(c.col), map.get(c.col + c.colspan - 1))
            else {
                continue;
            };
            table.cells.push(DocCell {
                page: t.page,
                row: base + c.row - skip,
                col,
                rowspan: c.rowspan,
                colspan: last + span - col,
                header: String::new(),
                text: c.text.clone(),
                is_header: false,
                bbox: c.bbox,
            });
        }
        if table.pages.last() != Some(&t.page) {
            table.pages.push(t.page);
        }
        table.context.extend(t.below.iter().cloned());
        return;
    }
    // Drop a repeated header: the continuation's header paths equal ours.
    let repeated = t.header_rows > 0
        && t.columns.iter().map(|c| normalize_label(c)).collect::<Vec<_>>()
            == table
                .columns_from_cells()
                .iter()
                .map(|c| normalize_label(c))
                .collect::<Vec<_>>();
    let skip = part.skip_rows + if repeated { t.header_rows } else { 0 };
    let base = table.n_rows();
    for c in t.cells.iter().filter(|c| c.row >= skip) {
        table.cells.push(DocCell {
            page: t.page,
            row: base + c.row - skip,
            col: c.col,
            rowspan: c.rowspan,
            colspan: c.colspan,
            header: String::new(),
            text: c.text.clone(),
            is_header: false,
            bbox: c.bbox,
        });
    }
    if table.pages.last() != Some(&t.page) {
        table.pages.push(t.page);
    }
    table.context.extend(t.below.iter().cloned());
}

impl DocTable {
    /// Header path per column from the header cells.
    fn columns_from_cells(&self) -> Vec<String> {
        (0..self.n_cols)
            .map(|col| {
                let mut parts: Vec<String> = Vec::new();
                let mut above: Vec<&DocCell> = self
                    .cells
                    .iter()
                    .filter(|c| c.is_header && col >= c.col && col < c.col + c.colspan)
                    .collect();
                above.sort_by_key(|c| c.row);
                for c in above {
                    let t = compact(&c.text);
                    if !t.is_empty() && !is_index_label(&t) && parts.last() != Some(&t) {
                        parts.push(t);
                    }
                }
                parts.join("/")
            })
            .collect()
    }
}

/// Drops rows with no text at all, header rows included (a gap between two
/// grids drawn close together reads as a blank first row), and renumbers.
fn drop_blank_rows(t: &mut DocTable) {
    let n = t.n_rows();
    let blank: Vec<bool> = (0..n)
        .map(|r| {
            t.cells
                .iter()
                .filter(|c| c.row <= r && r < c.row + c.rowspan)
                .all(|c| c.text.trim().is_empty())
        })
        .collect();
    if !blank.iter().any(|&b| b) {
        return;
    }
    // Rows covered by a spanning cell that starts on a kept row stay.
    let mut new_index = vec![0usize; n + 1];
    let mut next = 0;
    for r in 0..n {
        new_index[r] = next;
        if !blank[r] {
            next += 1;
        }
    }
    new_index[n] = next;
    t.header_rows = new_index[t.header_rows.min(n)];
    t.cells.retain(|c| !(blank[c.row] && c.rowspan == 1));
    for c in &mut t.cells {
        let end = new_index[c.row + c.rowspan];
        c.row = new_index[c.row];
        c.rowspan = end.saturating_sub(c.row).max(1);
    }
}

/// The cells of a column-index row (栏次 | 1 | 2 | 3 …): not part of any
/// header path.
fn is_index_label(t: &str) -> bool {
    label::is(Concept::IndexRow, t) || (t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()))
}

/// Header paths, per-cell header, emptiness; body rows with no text at all
/// (a grid drawn further than its data, 烟台 prints 14 empty rows) are
/// dropped and the rows renumbered.
fn finish(t: &mut DocTable) {
    drop_blank_rows(t);
    t.columns = t.columns_from_cells();
    let header_cells: Vec<(usize, usize, usize, String)> = t
        .cells
        .iter()
        .filter(|c| c.is_header)
        .map(|c| (c.row, c.col, c.colspan, compact(&c.text)))
        .collect();
    for cell in &mut t.cells {
        cell.header = if cell.is_header {
            let mut parts: Vec<&str> = header_cells
                .iter()
                .filter(|(r, c, span, text)| {
                    *r < cell.row
                        && cell.col >= *c
                        && cell.col < c + span
                        && !text.is_empty()
                        && !is_index_label(text)
                })
                .map(|(_, _, _, text)| text.as_str())
                .collect();
            parts.dedup();
            parts.join("/")
        } else {
            t.columns.get(cell.col).cloned().unwrap_or_default()
        };
    }
    let statement = t.context.iter().chain(t.cells.iter().map(|c| &c.text)).any(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        empty_re().is_match(&s)
    });
    let body_blank = t
        .cells
        .iter()
        .filter(|c| !c.is_header)
        .all(|c| c.text.trim().is_empty());
    let no_amount = t
        .cells
        .iter()
        .filter(|c| !c.is_header)
        .all(|c| !looks_numeric(&c.text));
    t.empty = statement && no_amount || body_blank;
}

/// Kind from header words, for a table whose title could not be found.
fn classify_by_headers(columns: &[String]) -> Option<TableKind> {
    let joined: String = columns
        .iter()
        .map(|c| normalize_label(c))
        .collect::<Vec<_>>()
        .join("|");
    if joined.contains("因公出国") && joined.contains("公务接待") {
        return Some(TableKind::ThreePublic);
    }
    if joined.contains("一级指标") || joined.contains("绩效指标") || joined.contains("指标值") {
        return Some(TableKind::PerformanceTarget);
    }
    None
}

/// A one-page table of one header row, in 万元, for unit tests.
#[cfg(test)]
pub(crate) fn test_table(
    kind: crate::extract::kinds::TableKind,
    header: &[&str],
    rows: &[&[&str]],
) -> DocTable {
    let mut cells = Vec::new();
    for (r, row) in std::iter::once(header).chain(rows.iter().copied()).enumerate() {
        for (c, text) in row.iter().enumerate() {
            cells.push(DocCell {
                page: 1,
                row: r,
                col: c,
                rowspan: 1,
                colspan: 1,
                header: if r == 0 {
                    String::new()
                } else {
                    header[c].to_string()
                },
                text: text.to_string(),
                is_header: r == 0,
                bbox: crate::pdf::BBox::new(0.0, 0.0, 1.0, 1.0),
            });
        }
    }
    DocTable {
        id: "t1".into(),
        kind,
        title: String::new(),
        number: String::new(),
        unit: Some(crate::normalize::unit::MoneyUnit::TenThousand),
        pages: vec![1],
        method: crate::layout::tables::Method::Lattice,
        n_cols: header.len(),
        header_rows: 1,
        columns: header.iter().map(|h| h.to_string()).collect(),
        cells,
        empty: false,
        context: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_numbers() {
        assert_eq!(
            split_title("公开05表 财政拨款支出预算表（功能科目）"),
            ("公开05表".into(), "财政拨款支出预算表（功能科目）".into())
        );
        assert_eq!(
            split_title("表4：高等学校财政拨款支出决算表"),
            ("表4".into(), "高等学校财政拨款支出决算表".into())
        );
        assert_eq!(
            split_title("五、一般公共预算支出表"),
            ("五、".into(), "一般公共预算支出表".into())
        );
        assert_eq!(split_title("公开表5"), ("公开表5".into(), String::new()));
        assert_eq!(
            split_title("预算02表收入总表"),
            ("预算02表".into(), "收入总表".into())
        );
        assert_eq!(
            split_title("部门公开表4财政拨款收支总表"),
            ("部门公开表4".into(), "财政拨款收支总表".into())
        );
        assert_eq!(
            split_title("收支预算总表"),
            (String::new(), "收支预算总表".into())
        );
    }

    #[test]
    fn title_is_the_nearest_naming_line() {
        let above = vec![
            "区人社局2020年部门预算".to_string(),
            "公开表5".to_string(),
            "一般公共预算支出情况表".to_string(),
            "部门（单位）：烟台市统计局  单位：万元".to_string(),
        ];
        let (number, title) = pick_title(&above).expect("a title");
        assert_eq!(title, "一般公共预算支出情况表");
        assert_eq!(number, "");
        assert_eq!(find_unit(&above), Some(MoneyUnit::TenThousand));
    }

    #[test]
    fn units() {
        for (line, unit) in [
            ("单位：万元", MoneyUnit::TenThousand),
            ("金额单位:元", MoneyUnit::Yuan),
            ("单位（万元）", MoneyUnit::TenThousand),
            ("单 位 ：万元", MoneyUnit::TenThousand),
            ("单位：千元", MoneyUnit::Thousand),
        ] {
            assert_eq!(find_unit(&[line.to_string()]), Some(unit), "{line}");
        }
    }
}
