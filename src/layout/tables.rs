//! Tables as cells: lattice tables from ruling lines, stream tables (三线表
//! and unruled) from text alignment.
//!
//! Lattice: `rules_to_edges` (stroked lines and thin filled rectangles —
//! Excel and WPS draw borders as 0.5 pt filled rectangles) → snap and join
//! collinear pieces (Word draws every cell's border separately) →
//! `edges_to_components` (edges that touch form one table) →
//! `component_to_grid` (the distinct x and y positions) → `grid_to_cells`
//! (neighbouring grid cells without a drawn border between them are one
//! merged cell, kept once with its rowspan/colspan) → glyphs placed by
//! their centres → `header_rows` and a header path per column.
//!
//! Stream: where long horizontal rules bound a block of lines with no
//! vertical rules (a three-line table), columns come from the gaps that
//! are empty in every row.
//!
//! Everything here is geometry and text; what a table *is* (its kind, unit,
//! 科目 codes) is decided by `extract`.

use std::collections::HashMap;

use serde::Serialize;

use super::words::{Item, Line, Word, is_cjk, items_to_lines};
use super::{Frame, Settings};
use crate::normalize::label::{self, Concept, normalize_label};
use crate::pdf::{BBox, Page};

/// How a table was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// From ruling lines.
    Lattice,
    /// From text alignment between horizontal rules.
    Stream,
}

/// One cell; a merged cell appears once, at its top-left grid position.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    /// The cell's text: wrapped lines joined (no space between CJK
    /// characters, one space between Latin words).
    pub text: String,
    /// In page space.
    pub bbox: BBox,
}

/// A table on one page.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub page: usize,
    pub method: Method,
    /// In page space.
    pub bbox: BBox,
    pub n_rows: usize,
    pub n_cols: usize,
    /// How many rows at the top are header rows.
    pub header_rows: usize,
    /// Header path of each column (`本年支出/基本支出`), levels joined by `/`.
    pub columns: Vec<String>,
    /// Cells in row-major order of their top-left position.
    pub cells: Vec<Cell>,
    /// Text lines above the table (since the previous table or the page
    /// top), top to bottom: title, 单位, 部门 lines live here.
    pub above: Vec<String>,
    /// Text lines below the table, before the next one (notes such as
    /// 本表为空表).
    pub below: Vec<String>,
    /// Distance from the table's top to the page top, and from its bottom to
    /// the page bottom, in points (used to join tables across pages).
    pub top_gap: f64,
    pub bottom_gap: f64,
}

impl Table {
    /// The cell covering grid position `(row, col)`.
    pub fn covering(&self, row: usize, col: usize) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|c| row >= c.row && row < c.row + c.rowspan && col >= c.col && col < c.col + c.colspan)
    }

    /// The cell whose top-left is `(row, col)`.
    pub fn at(&self, row: usize, col: usize) -> Option<&Cell> {
        self.cells.iter().find(|c| c.row == row && c.col == col)
    }

    /// Body rows as texts per column: a merged cell's text in its first
    /// column, `""` in the others it covers (the ground-truth convention).
    pub fn body_grid(&self) -> Vec<Vec<String>> {
        let mut grid = vec![vec![String::new(); self.n_cols]; self.n_rows.saturating_sub(self.header_rows)];
        for c in &self.cells {
            if c.row >= self.header_rows
                && let Some(row) = grid.get_mut(c.row - self.header_rows)
                && let Some(slot) = row.get_mut(c.col)
            {
                *slot = c.text.clone();
            }
        }
        grid
    }
}

#[derive(Debug, Clone, Copy)]
struct HEdge {
    y: f64,
    x0: f64,
    x1: f64,
}

#[derive(Debug, Clone, Copy)]
struct VEdge {
    x: f64,
    y0: f64,
    y1: f64,
}

/// Finds the tables on a page. `lines` are the page's text lines in the
/// frame; glyph items are rebuilt from the page.
pub(crate) fn find_tables(
    page: &Page,
    frame: &Frame,
    items: &[Item],
    lines: &[Line],
    settings: &Settings,
) -> Vec<Table> {
    let (h, v) = rules_to_edges(page, frame, settings);
    let mut tables: Vec<(BBox, Method, Grid)> = Vec::new();
    for comp in edges_to_components(&h, &v, settings) {
        if let Some(grid) = component_to_grid(&comp.0, &comp.1, settings) {
            tables.push((grid.bbox(), Method::Lattice, grid));
        }
    }
    // Three-line tables: long horizontal rules with no vertical rules.
    for grid in stream_grids(&h, &v, items, &tables, frame, settings) {
        tables.push((grid.bbox(), Method::Stream, grid));
    }
    tables.sort_by(|a, b| b.0.y1.total_cmp(&a.0.y1));
    let bboxes: Vec<BBox> = tables.iter().map(|t| t.0).collect();
    let mut out = Vec::new();
    for (i, (bbox, method, grid)) in tables.into_iter().enumerate() {
        let cells = grid_to_cells(&grid, items, settings);
        let (cells, n_rows, n_cols) = collapse_slivers(cells, grid.ys.len() - 1, grid.xs.len() - 1);
        let (cells, n_rows) = trim_blank_edge_rows(cells, n_rows);
        if cells.len() < 2 {
            continue;
        }
        let upper_limit = if i == 0 { frame.height } else { bboxes[i - 1].y0 };
        let lower_limit = bboxes.get(i + 1).map(|b| b.y1).unwrap_or(0.0);
        let above: Vec<String> = lines
            .iter()
            .filter(|l| l.bbox.y0 >= bbox.y1 - 1.0 && l.bbox.y1 <= upper_limit + 1.0)
            .filter(|l| l.bbox.x1 > bbox.x0 - 20.0 && l.bbox.x0 < bbox.x1 + 20.0)
            .map(|l| l.text.clone())
            .collect();
        let below: Vec<String> = lines
            .iter()
            .filter(|l| l.bbox.y1 <= bbox.y0 + 1.0 && l.bbox.y0 >= lower_limit - 1.0)
            .take(3)
            .map(|l| l.text.clone())
            .collect();
        let header_rows = header_rows(&cells, n_rows);
        let columns = header_paths(&cells, header_rows, n_cols);
        let cells = cells
            .into_iter()
            .map(|mut c| {
                c.bbox = frame.page_box(&c.bbox);
                c
            })
            .collect();
        out.push(Table {
            page: page.number,
            method,
            bbox: frame.page_box(&bbox),
            n_rows,
            n_cols,
            header_rows,
            columns,
            cells,
            above: above
                .into_iter()
                .rev()
                .take(6)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect(),
            below,
            top_gap: frame.height - bbox.y1,
            bottom_gap: bbox.y0,
        });
    }
    out
}

// --- edges -----------------------------------------------------------------

fn rules_to_edges(page: &Page, frame: &Frame, s: &Settings) -> (Vec<HEdge>, Vec<VEdge>) {
    let mut h = Vec::new();
    let mut v = Vec::new();
    let page_area = frame.width * frame.height;
    for r in &page.rules {
        let b = frame.frame_box(&BBox::new(r.x0, r.y0, r.x1, r.y1));
        if b.height() <= 1.0 && b.width() >= s.min_edge_length {
            h.push(HEdge {
                y: (b.y0 + b.y1) / 2.0,
                x0: b.x0,
                x1: b.x1,
            });
        } else if b.width() <= 1.0 && b.height() >= s.min_edge_length {
            v.push(VEdge {
                x: (b.x0 + b.x1) / 2.0,
                y0: b.y0,
                y1: b.y1,
            });
        }
    }
    for r in &page.rects {
        if r.gray.is_some_and(|g| g > 0.9) {
            continue;
        }
        let b = frame.frame_box(&r.bbox);
        if b.height() <= s.max_rule_thickness && b.width() >= s.min_edge_length {
            h.push(HEdge {
                y: (b.y0 + b.y1) / 2.0,
                x0: b.x0,
                x1: b.x1,
            });
        } else if b.width() <= s.max_rule_thickness && b.height() >= s.min_edge_length {
            v.push(VEdge {
                x: (b.x0 + b.x1) / 2.0,
                y0: b.y0,
                y1: b.y1,
            });
        } else if b.width() >= s.min_edge_length
            && b.height() >= s.min_edge_length
            && b.area() < page_area * 0.5
        {
            // A shaded cell: its sides are cell borders.
            h.push(HEdge {
                y: b.y0,
                x0: b.x0,
                x1: b.x1,
            });
            h.push(HEdge {
                y: b.y1,
                x0: b.x0,
                x1: b.x1,
            });
            v.push(VEdge {
                x: b.x0,
                y0: b.y0,
                y1: b.y1,
            });
            v.push(VEdge {
                x: b.x1,
                y0: b.y0,
                y1: b.y1,
            });
        }
    }
    (join_h(snap_h(h, s), s), join_v(snap_v(v, s), s))
}

/// Moves edges within `snap_tolerance` of each other onto their mean
/// position.
fn snap_positions(values: &mut [f64], tolerance: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut out = values.to_vec();
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] - values[order[end - 1]] <= tolerance {
            end += 1;
        }
        let mean = order[start..end].iter().map(|&i| values[i]).sum::<f64>() / (end - start) as f64;
        for &i in &order[start..end] {
            out[i] = mean;
        }
        start = end;
    }
    out
}

fn snap_h(mut edges: Vec<HEdge>, s: &Settings) -> Vec<HEdge> {
    let mut ys: Vec<f64> = edges.iter().map(|e| e.y).collect();
    let snapped = snap_positions(&mut ys, s.snap_tolerance);
    for (e, y) in edges.iter_mut().zip(snapped) {
        e.y = y;
    }
    edges
}

fn snap_v(mut edges: Vec<VEdge>, s: &Settings) -> Vec<VEdge> {
    let mut xs: Vec<f64> = edges.iter().map(|e| e.x).collect();
    let snapped = snap_positions(&mut xs, s.snap_tolerance);
    for (e, x) in edges.iter_mut().zip(snapped) {
        e.x = x;
    }
    edges
}

fn join_h(mut edges: Vec<HEdge>, s: &Settings) -> Vec<HEdge> {
    edges.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<HEdge> = Vec::new();
    for e in edges {
        match out.last_mut() {
            Some(last) if last.y == e.y && e.x0 <= last.x1 + s.join_tolerance => last.x1 = last.x1.max(e.x1),
            _ => out.push(e),
        }
    }
    out.retain(|e| e.x1 - e.x0 >= s.min_edge_length);
    out
}

fn join_v(mut edges: Vec<VEdge>, s: &Settings) -> Vec<VEdge> {
    edges.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.y0.total_cmp(&b.y0)));
    let mut out: Vec<VEdge> = Vec::new();
    for e in edges {
        match out.last_mut() {
            Some(last) if last.x == e.x && e.y0 <= last.y1 + s.join_tolerance => last.y1 = last.y1.max(e.y1),
            _ => out.push(e),
        }
    }
    out.retain(|e| e.y1 - e.y0 >= s.min_edge_length);
    out
}

fn touches(h: &HEdge, v: &VEdge, tol: f64) -> bool {
    v.x >= h.x0 - tol && v.x <= h.x1 + tol && h.y >= v.y0 - tol && h.y <= v.y1 + tol
}

/// Groups edges that touch into connected components (one per table).
fn edges_to_components(h: &[HEdge], v: &[VEdge], s: &Settings) -> Vec<(Vec<HEdge>, Vec<VEdge>)> {
    // Pages with thousands of edges are charts or maps, not tables.
    if h.len() * v.len() > 4_000_000 {
        return Vec::new();
    }
    let n = h.len() + v.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for (i, he) in h.iter().enumerate() {
        for (j, ve) in v.iter().enumerate() {
            if touches(he, ve, s.intersection_tolerance) {
                let (a, b) = (find(&mut parent, i), find(&mut parent, h.len() + j));
                if a != b {
                    parent[a] = b;
                }
            }
        }
    }
    let mut groups: HashMap<usize, (Vec<HEdge>, Vec<VEdge>)> = HashMap::new();
    for (i, e) in h.iter().enumerate() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().0.push(*e);
    }
    for (j, e) in v.iter().enumerate() {
        let r = find(&mut parent, h.len() + j);
        groups.entry(r).or_default().1.push(*e);
    }
    let mut out: Vec<_> = groups
        .into_values()
        .filter(|(hs, vs)| hs.len() >= 2 && vs.len() >= 2)
        .collect();
    out.sort_by(|a, b| {
        let ya = a.0.iter().map(|e| e.y).fold(f64::MIN, f64::max);
        let yb = b.0.iter().map(|e| e.y).fold(f64::MIN, f64::max);
        yb.total_cmp(&ya)
    });
    out
}

// --- grid -----------------------------------------------------------------

/// A table's grid: column boundaries left to right, row boundaries top to
/// bottom, and which grid segments are drawn.
struct Grid {
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// `vdrawn[r][c]`: the boundary at `xs[c]` is drawn along row `r`.
    vdrawn: Vec<Vec<bool>>,
    /// `hdrawn[r][c]`: the boundary at `ys[r]` is drawn along column `c`.
    hdrawn: Vec<Vec<bool>>,
}

impl Grid {
    fn bbox(&self) -> BBox {
        BBox::new(
            self.xs[0],
            self.ys[self.ys.len() - 1],
            self.xs[self.xs.len() - 1],
            self.ys[0],
        )
    }
}

fn distinct(mut values: Vec<f64>, tolerance: f64) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for v in values {
        match out.last() {
            Some(&last) if v - last <= tolerance => {}
            _ => out.push(v),
        }
    }
    out
}

fn coverage(a0: f64, a1: f64, b0: f64, b1: f64) -> f64 {
    let len = b1 - b0;
    if len <= 0.0 {
        return 0.0;
    }
    ((a1.min(b1) - a0.max(b0)).max(0.0)) / len
}

fn component_to_grid(h: &[HEdge], v: &[VEdge], s: &Settings) -> Option<Grid> {
    let tol = s.intersection_tolerance;
    let mut xs = distinct(v.iter().map(|e| e.x).collect(), s.snap_tolerance);
    let mut ys = distinct(h.iter().map(|e| e.y).collect(), s.snap_tolerance);
    // Open sides: horizontal rules reaching past the outermost vertical
    // ones (a table without side borders) add a boundary.
    let hx0 = h.iter().map(|e| e.x0).fold(f64::MAX, f64::min);
    let hx1 = h.iter().map(|e| e.x1).fold(f64::MIN, f64::max);
    let vy0 = v.iter().map(|e| e.y0).fold(f64::MAX, f64::min);
    let vy1 = v.iter().map(|e| e.y1).fold(f64::MIN, f64::max);
    if hx0 < xs[0] - 3.0 * tol {
        xs.insert(0, hx0);
    }
    if hx1 > xs[xs.len() - 1] + 3.0 * tol {
        xs.push(hx1);
    }
    if vy0 < ys[0] - 3.0 * tol {
        ys.insert(0, vy0);
    }
    if vy1 > ys[ys.len() - 1] + 3.0 * tol {
        ys.push(vy1);
    }
    ys.reverse(); // top to bottom
    if xs.len() < 2 || ys.len() < 2 || xs.len() > 200 || ys.len() > 1000 {
        return None;
    }
    let nr = ys.len() - 1;
    let nc = xs.len() - 1;
    let mut vdrawn = vec![vec![false; nc + 1]; nr];
    for (r, row) in vdrawn.iter_mut().enumerate() {
        let (top, bottom) = (ys[r], ys[r + 1]);
        for (c, slot) in row.iter_mut().enumerate() {
            *slot = c == 0
                || c == nc
                || v.iter()
                    .any(|e| (e.x - xs[c]).abs() <= tol && coverage(e.y0, e.y1, bottom, top) >= 0.6);
        }
    }
    let mut hdrawn = vec![vec![false; nc]; nr + 1];
    for (r, row) in hdrawn.iter_mut().enumerate() {
        for (c, slot) in row.iter_mut().enumerate() {
            *slot = r == 0
                || r == nr
                || h.iter()
                    .any(|e| (e.y - ys[r]).abs() <= tol && coverage(e.x0, e.x1, xs[c], xs[c + 1]) >= 0.6);
        }
    }
    Some(Grid {
        xs,
        ys,
        vdrawn,
        hdrawn,
    })
}

/// Merges grid cells not separated by drawn borders, places glyphs and
/// returns the cells (in frame space).
fn grid_to_cells(grid: &Grid, items: &[Item], settings: &Settings) -> Vec<Cell> {
    let nr = grid.ys.len() - 1;
    let nc = grid.xs.len() - 1;
    let idx = |r: usize, c: usize| r * nc + c;
    let mut parent: Vec<usize> = (0..nr * nc).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let union = |p: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (find(p, a), find(p, b));
        if ra != rb {
            p[ra.max(rb)] = ra.min(rb);
        }
    };
    for r in 0..nr {
        for c in 0..nc {
            if c + 1 < nc && !grid.vdrawn[r][c + 1] {
                union(&mut parent, idx(r, c), idx(r, c + 1));
            }
            if r + 1 < nr && !grid.hdrawn[r + 1][c] {
                union(&mut parent, idx(r, c), idx(r + 1, c));
            }
        }
    }
    // Each group → its bounding rectangle of grid cells.
    let mut spans: HashMap<usize, (usize, usize, usize, usize)> = HashMap::new();
    for r in 0..nr {
        for c in 0..nc {
            let root = find(&mut parent, idx(r, c));
            let e = spans.entry(root).or_insert((r, c, r, c));
            e.0 = e.0.min(r);
            e.1 = e.1.min(c);
            e.2 = e.2.max(r);
            e.3 = e.3.max(c);
        }
    }
    let mut owner = vec![usize::MAX; nr * nc];
    let mut rects: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut ordered: Vec<_> = spans.into_values().collect();
    ordered.sort();
    for (r0, c0, r1, c1) in ordered {
        if owner[idx(r0, c0)] != usize::MAX {
            continue;
        }
        let id = rects.len();
        for r in r0..=r1 {
            for c in c0..=c1 {
                if owner[idx(r, c)] == usize::MAX {
                    owner[idx(r, c)] = id;
                }
            }
        }
        rects.push((r0, c0, r1, c1));
    }
    // Place glyphs by their centres.
    let bbox = grid.bbox();
    let mut content: Vec<Vec<Item>> = vec![Vec::new(); rects.len()];
    for it in items {
        let (cx, cy) = it.bbox.center();
        if cx < bbox.x0 || cx > bbox.x1 || cy < bbox.y0 || cy > bbox.y1 {
            continue;
        }
        let c = grid
            .xs
            .partition_point(|&x| x <= cx)
            .saturating_sub(1)
            .min(nc - 1);
        let r = grid
            .ys
            .partition_point(|&y| y >= cy)
            .saturating_sub(1)
            .min(nr - 1);
        let id = owner[idx(r, c)];
        if let Some(slot) = content.get_mut(id) {
            slot.push(it.clone());
        }
    }
    let mut cells = Vec::new();
    for (id, &(r0, c0, r1, c1)) in rects.iter().enumerate() {
        let items = std::mem::take(&mut content[id]);
        // A merged span whose text sits in separate grid columns, no word
        // crossing a column boundary, is columns with a missing border
        // (common in Excel output), not one merged cell.
        if c1 > c0 && r0 == r1 && !items.is_empty() {
            let lines = items_to_lines(items.clone(), settings);
            let crosses = lines.iter().flat_map(|l| &l.words).any(|w| {
                grid.xs[c0 + 1..=c1]
                    .iter()
                    .any(|&x| w.bbox.x0 < x - 1.0 && w.bbox.x1 > x + 1.0)
            });
            let used: std::collections::BTreeSet<usize> = items
                .iter()
                .filter(|it| !it.text.trim().is_empty())
                .map(|it| {
                    let cx = it.bbox.center().0;
                    grid.xs
                        .partition_point(|&x| x <= cx)
                        .saturating_sub(1)
                        .clamp(c0, c1)
                })
                .collect();
            if !crosses && used.len() >= 2 {
                for c in c0..=c1 {
                    let sub: Vec<Item> = items
                        .iter()
                        .filter(|it| {
                            let cx = it.bbox.center().0;
                            grid.xs
                                .partition_point(|&x| x <= cx)
                                .saturating_sub(1)
                                .clamp(c0, c1)
                                == c
                        })
                        .cloned()
                        .collect();
                    cells.push(make_cell(grid, r0, c, r0, c, sub, settings));
                }
                continue;
            }
        }
        cells.push(make_cell(grid, r0, c0, r1, c1, items, settings));
    }
    cells.sort_by_key(|c| (c.row, c.col));
    cells
}

fn make_cell(
    grid: &Grid,
    r0: usize,
    c0: usize,
    r1: usize,
    c1: usize,
    items: Vec<Item>,
    s: &Settings,
) -> Cell {
    let lines = items_to_lines(items, s);
    Cell {
        row: r0,
        col: c0,
        rowspan: r1 - r0 + 1,
        colspan: c1 - c0 + 1,
        text: join_cell_lines(&lines),
        bbox: BBox::new(grid.xs[c0], grid.ys[r1 + 1], grid.xs[c1 + 1], grid.ys[r0]),
    }
}

/// Removes sliver columns and rows: grid positions that no cell occupies
/// on its own, because every cell over them also spans a neighbour. They
/// come from borders that do not line up — Word draws the header's column
/// border a few points off the body's (江苏省人民检察院 2019, 公开05表) — and
/// are not columns of the table.
///
/// A column subdivided in one row only (西南大学's 科目编码 column splits into
/// 类 | 款 | 项 in the 合计 row and spans whole everywhere else) is the same
/// column: its pieces' texts join the cell on their left.
/// Drops rows without any text at the top and bottom of a grid: two grids
/// drawn a few points apart (a form over its indicator table) leave the gap
/// as a blank row of the lower one, which would otherwise be taken for its
/// header.
fn trim_blank_edge_rows(mut cells: Vec<Cell>, n_rows: usize) -> (Vec<Cell>, usize) {
    let blank = |r: usize, cells: &[Cell]| {
        cells
            .iter()
            .filter(|c| c.row <= r && r < c.row + c.rowspan)
            .all(|c| c.text.trim().is_empty())
    };
    let top = (0..n_rows).take_while(|&r| blank(r, &cells)).count();
    if top == n_rows {
        return (cells, n_rows);
    }
    let bottom = (top..n_rows).rev().take_while(|&r| blank(r, &cells)).count();
    let end = n_rows - bottom;
    if top == 0 && bottom == 0 {
        return (cells, n_rows);
    }
    cells.retain(|c| c.row + c.rowspan > top && c.row < end);
    for c in &mut cells {
        let first = c.row.max(top);
        let last = (c.row + c.rowspan).min(end);
        c.row = first - top;
        c.rowspan = last - first;
    }
    (cells, end - top)
}

fn collapse_slivers(mut cells: Vec<Cell>, mut n_rows: usize, mut n_cols: usize) -> (Vec<Cell>, usize, usize) {
    let mut c = 0;
    while c < n_cols && n_cols > 1 {
        let own_rows: std::collections::BTreeSet<usize> = cells
            .iter()
            .filter(|x| x.col == c && x.colspan == 1)
            .map(|x| x.row)
            .collect();
        let spanned_rows: usize = cells
            .iter()
            .filter(|x| x.col < c && x.col + x.colspan > c)
            .map(|x| x.rowspan)
            .sum();
        let once = own_rows.len() == 1 && c > 0 && n_rows > 3 && spanned_rows + 1 >= n_rows;
        if once && let Some(&r) = own_rows.first() {
            let piece = cells
                .iter()
                .position(|x| x.col == c && x.row == r && x.colspan == 1 && x.rowspan == 1);
            let left = cells
                .iter()
                .position(|x| x.row == r && x.col + x.colspan == c && x.rowspan == 1);
            if let (Some(pi), Some(li)) = (piece, left) {
                let text = std::mem::take(&mut cells[pi].text);
                let bbox = cells[pi].bbox;
                cells[li].text.push_str(&text);
                cells[li].bbox = cells[li].bbox.union(&bbox);
                cells[li].colspan += 1;
                cells.remove(pi);
            }
        }
        let own = cells.iter().any(|x| x.col == c && x.colspan == 1);
        if own {
            c += 1;
            continue;
        }
        for x in &mut cells {
            if x.col > c {
                x.col -= 1;
            } else if x.col + x.colspan > c {
                x.colspan -= 1;
            }
        }
        n_cols -= 1;
    }
    let mut r = 0;
    while r < n_rows && n_rows > 1 {
        let own = cells.iter().any(|x| x.row == r && x.rowspan == 1);
        if own {
            r += 1;
            continue;
        }
        for x in &mut cells {
            if x.row > r {
                x.row -= 1;
            } else if x.row + x.rowspan > r {
                x.rowspan -= 1;
            }
        }
        n_rows -= 1;
    }
    cells.retain(|x| x.colspan > 0 && x.rowspan > 0);
    cells.sort_by_key(|x| (x.row, x.col));
    (cells, n_rows, n_cols)
}

/// Joins the words and wrapped lines of a cell: nothing between two CJK
/// characters (`一般公共预算财政拨款` + `支出`, `2627.46` + `万元`), one space
/// between Latin words.
pub(crate) fn join_cell_lines(lines: &[Line]) -> String {
    let mut out = String::new();
    for w in lines.iter().flat_map(|l| &l.words) {
        let first = w.text.chars().next().unwrap_or(' ');
        let last = out.chars().last();
        if let Some(last) = last
            && !(is_cjk(last) || is_cjk(first))
        {
            out.push(' ');
        }
        out.push_str(&w.text);
    }
    out
}

// --- stream tables ----------------------------------------------------------

/// Three-line tables: two or more long horizontal rules, stacked, with no
/// vertical rules touching them and text between them. The first two
/// rules bound the header; columns are the x-ranges covered by body words,
/// split where a gap is empty in every body line; each body line is a row.
fn stream_grids(
    h: &[HEdge],
    v: &[VEdge],
    items: &[Item],
    lattice: &[(BBox, Method, Grid)],
    frame: &Frame,
    s: &Settings,
) -> Vec<Grid> {
    let tol = s.intersection_tolerance;
    let mut long: Vec<HEdge> = h
        .iter()
        .filter(|e| e.x1 - e.x0 >= frame.width * 0.4)
        .filter(|e| !v.iter().any(|ve| touches(e, ve, tol)))
        .filter(|e| !lattice.iter().any(|t| e.y >= t.0.y0 - 1.0 && e.y <= t.0.y1 + 1.0))
        .copied()
        .collect();
    long.sort_by(|a, b| b.y.total_cmp(&a.y));
    // Runs of rules with similar extent form one table.
    let mut groups: Vec<Vec<HEdge>> = Vec::new();
    for e in long {
        match groups.last_mut() {
            Some(g) if (g[0].x0 - e.x0).abs() < 20.0 && (g[0].x1 - e.x1).abs() < 20.0 => g.push(e),
            _ => groups.push(vec![e]),
        }
    }
    groups
        .into_iter()
        .filter(|g| g.len() >= 2)
        .filter_map(|g| stream_grid(&g, items, s))
        .collect()
}

fn stream_grid(rules: &[HEdge], items: &[Item], s: &Settings) -> Option<Grid> {
    let top = rules[0].y;
    let bottom = rules[rules.len() - 1].y;
    let x0 = rules.iter().map(|e| e.x0).fold(f64::MAX, f64::min);
    let x1 = rules.iter().map(|e| e.x1).fold(f64::MIN, f64::max);
    // With three or more rules the second one closes the header; with two,
    // the first text line is the header.
    let inside = |lo: f64, hi: f64| -> Vec<Item> {
        items
            .iter()
            .filter(|it| {
                let (cx, cy) = it.bbox.center();
                cy < hi && cy > lo && cx > x0 && cx < x1
            })
            .cloned()
            .collect()
    };
    let all_lines = items_to_lines(inside(bottom, top), s);
    if all_lines.len() < 2 {
        return None;
    }
    let header_bottom = if rules.len() >= 3 {
        rules[1].y
    } else {
        (all_lines[0].bbox.y0 + all_lines[1].bbox.y1) / 2.0
    };
    let header_words: Vec<Word> = items_to_lines(inside(header_bottom, top), s)
        .into_iter()
        .flat_map(|l| l.words)
        .collect();
    let body_lines = items_to_lines(inside(bottom, header_bottom), s);
    if body_lines.is_empty() {
        return None;
    }
    // Columns from the body: x-ranges covered by some word, split at gaps
    // empty in every line.
    let mut spans: Vec<(f64, f64)> = body_lines
        .iter()
        .flat_map(|l| l.words.iter().map(|w| (w.bbox.x0, w.bbox.x1)))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f64, f64)> = Vec::new();
    for (a, b) in spans {
        match merged.last_mut() {
            Some(last) if a <= last.1 + 2.0 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    if merged.len() < 2 {
        return None;
    }
    let mut xs = vec![x0];
    for w in merged.windows(2) {
        xs.push((w[0].1 + w[1].0) / 2.0);
    }
    xs.push(x1);
    let nc = xs.len() - 1;

    let header = stream_header(&header_words, &xs, s);
    let mut ys = vec![top];
    ys.extend(header.row_bounds.iter().copied());
    ys.push(header_bottom);
    for w in body_lines.windows(2) {
        ys.push((w[0].bbox.y0 + w[1].bbox.y1) / 2.0);
    }
    ys.push(bottom);
    let nr = ys.len() - 1;
    let mut vdrawn = vec![vec![true; nc + 1]; nr];
    let mut hdrawn = vec![vec![true; nc]; nr + 1];
    for span in &header.spans {
        for row in vdrawn.iter_mut().take(span.r1 + 1).skip(span.r0) {
            for slot in row.iter_mut().take(span.c1 + 1).skip(span.c0 + 1) {
                *slot = false;
            }
        }
        for row in hdrawn.iter_mut().take(span.r1 + 1).skip(span.r0 + 1) {
            for slot in row.iter_mut().take(span.c1 + 1).skip(span.c0) {
                *slot = false;
            }
        }
    }
    Some(Grid {
        xs,
        ys,
        vdrawn,
        hdrawn,
    })
}

struct Span {
    r0: usize,
    r1: usize,
    c0: usize,
    c1: usize,
}

struct StreamHeader {
    /// Boundaries between header rows (top to bottom), excluding the outer
    /// rules.
    row_bounds: Vec<f64>,
    spans: Vec<Span>,
}

/// Infers a stream table's header cells from word positions.
///
/// Header words are grouped into rows by height. A row whose words sit over
/// columns no other row touches is a row of vertically centred labels
/// (科目编码, 科目名称 beside a two-level block): those span every header
/// row. The other rows are header levels; a word of an upper level claims
/// the columns of the level below that are nearest to it and not owned by a
/// centred label (本年支出 centred over 合计 | 基本支出 | 项目支出 spans all
/// three).
fn stream_header(words: &[Word], xs: &[f64], s: &Settings) -> StreamHeader {
    let nc = xs.len() - 1;
    let cols_of = |w: &Word| -> Vec<usize> {
        let mut cols: Vec<usize> = (0..nc)
            .filter(|&c| w.bbox.x1 > xs[c] + 1.0 && w.bbox.x0 < xs[c + 1] - 1.0)
            .collect();
        if cols.is_empty() {
            let cx = w.bbox.center().0;
            cols.push(xs.partition_point(|&x| x <= cx).saturating_sub(1).min(nc - 1));
        }
        cols
    };
    let word_cols: Vec<Vec<usize>> = words.iter().map(cols_of).collect();
    // Rows by height, top to bottom.
    let mut order: Vec<usize> = (0..words.len()).collect();
    order.sort_by(|&a, &b| words[b].bbox.center().1.total_cmp(&words[a].bbox.center().1));
    let mut clusters: Vec<(f64, f64, Vec<usize>)> = Vec::new();
    for i in order {
        let cy = words[i].bbox.center().1;
        let size = words[i].size.max(1.0);
        match clusters.last_mut() {
            Some(r) if (r.0 - cy).abs() <= s.line_tolerance * size.max(r.1) => r.2.push(i),
            _ => clusters.push((cy, size, vec![i])),
        }
    }
    let cols_of_cluster = |k: usize| -> std::collections::BTreeSet<usize> {
        clusters[k]
            .2
            .iter()
            .flat_map(|&i| word_cols[i].iter().copied())
            .collect()
    };
    let centred: Vec<bool> = (0..clusters.len())
        .map(|k| {
            clusters.len() > 1 && {
                let mine = cols_of_cluster(k);
                (0..clusters.len())
                    .filter(|&j| j != k)
                    .all(|j| cols_of_cluster(j).is_disjoint(&mine))
            }
        })
        .collect();
    let levels: Vec<usize> = (0..clusters.len()).filter(|&k| !centred[k]).collect();
    let n_rows = levels.len().max(1);
    let mut spans = Vec::new();
    let mut owned = vec![false; nc];
    for k in (0..clusters.len()).filter(|&k| centred[k]) {
        for &i in &clusters[k].2 {
            let cols = &word_cols[i];
            let (c0, c1) = (cols[0], cols[cols.len() - 1]);
            for o in owned.iter_mut().take(c1 + 1).skip(c0) {
                *o = true;
            }
            spans.push(Span {
                r0: 0,
                r1: n_rows - 1,
                c0,
                c1,
            });
        }
    }
    // Columns that some level at or below `level` has a word over.
    let covered_below = |level: usize, c: usize| {
        levels[level..]
            .iter()
            .any(|&k| clusters[k].2.iter().any(|&i| word_cols[i].contains(&c)))
    };
    for (r, &k) in levels.iter().enumerate() {
        let members = &clusters[k].2;
        let mine: Vec<Option<usize>> = (0..nc)
            .map(|c| members.iter().copied().find(|&i| word_cols[i].contains(&c)))
            .collect();
        for &m in members {
            let cols = &word_cols[m];
            let (mut c0, mut c1) = (cols[0], cols[cols.len() - 1]);
            let nearest = |c: usize| {
                let cc = (xs[c] + xs[c + 1]) / 2.0;
                members.iter().copied().min_by(|&a, &b| {
                    let da = (words[a].bbox.center().0 - cc).abs();
                    let db = (words[b].bbox.center().0 - cc).abs();
                    da.total_cmp(&db)
                })
            };
            let claimable = |c: usize| {
                !owned[c]
                    && mine[c].is_none()
                    && r + 1 < levels.len()
                    && covered_below(r + 1, c)
                    && nearest(c) == Some(m)
            };
            while c0 > 0 && claimable(c0 - 1) {
                c0 -= 1;
            }
            while c1 + 1 < nc && claimable(c1 + 1) {
                c1 += 1;
            }
            spans.push(Span { r0: r, r1: r, c0, c1 });
        }
    }
    let row_bounds: Vec<f64> = levels
        .windows(2)
        .map(|w| {
            let low_top = clusters[w[1]]
                .2
                .iter()
                .map(|&i| words[i].bbox.y1)
                .fold(f64::MIN, f64::max);
            let high_bottom = clusters[w[0]]
                .2
                .iter()
                .map(|&i| words[i].bbox.y0)
                .fold(f64::MAX, f64::min);
            (low_top + high_bottom) / 2.0
        })
        .collect();
    StreamHeader { row_bounds, spans }
}

// --- headers ----------------------------------------------------------------

/// Whether a cell's text is an amount (`13,297.11`, `-`, `(12.50)`, `80`).
pub(crate) fn looks_numeric(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return false;
    }
    let t = t
        .trim_start_matches(['-', '−', '(', '（', '+'])
        .trim_end_matches([')', '）', '%']);
    !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && t.chars().any(|c| c.is_ascii_digit())
}

/// Header rows: the rows above the first row holding an amount. A column
/// index row (栏次, 1 2 3 …) belongs to the header. Without any amount (an
/// empty table, an indicator table) the header is the first row and any
/// rows its cells span.
fn header_rows(cells: &[Cell], n_rows: usize) -> usize {
    let mut first_numeric = None;
    for r in 0..n_rows {
        let row: Vec<&Cell> = cells.iter().filter(|c| c.row == r).collect();
        let numeric: Vec<&str> = row
            .iter()
            .filter(|c| looks_numeric(&c.text))
            .map(|c| c.text.as_str())
            .collect();
        if numeric.is_empty() {
            continue;
        }
        let index_row = row
            .iter()
            .any(|c| label::is(Concept::IndexRow, &normalize_label(&c.text)))
            || (numeric.len() >= 3
                && numeric
                    .iter()
                    .enumerate()
                    .all(|(i, t)| t.trim().parse::<usize>().ok() == Some(i + 1)));
        if !index_row {
            first_numeric = Some(r);
            break;
        }
    }
    let first_span = cells
        .iter()
        .filter(|c| c.row == 0)
        .map(|c| c.rowspan)
        .max()
        .unwrap_or(1);
    match first_numeric {
        Some(r) if r <= 6 => r,
        Some(_) => first_span.min(n_rows),
        None => first_span.min(n_rows),
    }
}

/// The header path of every column: the texts of the header cells above
/// it, top to bottom, joined by `/`.
fn header_paths(cells: &[Cell], header_rows: usize, n_cols: usize) -> Vec<String> {
    (0..n_cols)
        .map(|col| {
            let mut parts: Vec<String> = Vec::new();
            let mut above: Vec<&Cell> = cells
                .iter()
                .filter(|c| c.row < header_rows && col >= c.col && col < c.col + c.colspan)
                .collect();
            above.sort_by_key(|c| c.row);
            for c in above {
                let t = compact(&c.text);
                if !t.is_empty() && parts.last() != Some(&t) {
                    parts.push(t);
                }
            }
            parts.join("/")
        })
        .collect()
}

/// Removes white space between CJK characters (`合 计` → `合计`) and trims.
pub fn compact(text: &str) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev = out.chars().last();
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if let (Some(p), Some(&n)) = (prev, next)
                && !is_cjk(p)
                && !is_cjk(n)
                && !out.ends_with(' ')
            {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_cells() {
        for t in ["13,297.11", "80", "-12.5", "(1,234.00)", "0.00", "47%"] {
            assert!(looks_numeric(t), "{t}");
        }
        for t in ["", "合计", "2020年", "-", "一、财政拨款", "≥95%"] {
            assert!(!looks_numeric(t), "{t}");
        }
    }

    #[test]
    fn compact_text() {
        assert_eq!(compact(" 合 计 "), "合计");
        assert_eq!(compact("WPS  Office 文字"), "WPS Office文字");
        assert_eq!(compact("2,123.11"), "2,123.11");
    }

    fn cell(row: usize, col: usize, rowspan: usize, colspan: usize, text: &str) -> Cell {
        Cell {
            row,
            col,
            rowspan,
            colspan,
            text: text.into(),
            bbox: BBox::new(0.0, 0.0, 1.0, 1.0),
        }
    }

    #[test]
    fn multi_level_header_paths() {
        // 项目 (rowspan 2) | 合计 (rowspan 2) | 基本支出 (colspan 2)
        //                                    | 人员 | 公用
        // 合计            | 10.00           | 6.00 | 4.00
        let cells = vec![
            cell(0, 0, 2, 1, "项目"),
            cell(0, 1, 2, 1, "合 计"),
            cell(0, 2, 1, 2, "基本支出"),
            cell(1, 2, 1, 1, "人员"),
            cell(1, 3, 1, 1, "公用"),
            cell(2, 0, 1, 1, "合计"),
            cell(2, 1, 1, 1, "10.00"),
            cell(2, 2, 1, 1, "6.00"),
            cell(2, 3, 1, 1, "4.00"),
        ];
        let hr = header_rows(&cells, 3);
        assert_eq!(hr, 2);
        assert_eq!(
            header_paths(&cells, hr, 4),
            ["项目", "合计", "基本支出/人员", "基本支出/公用"]
        );
    }

    #[test]
    fn index_row_is_header() {
        let cells = vec![
            cell(0, 0, 1, 1, "项目"),
            cell(0, 1, 1, 1, "金额"),
            cell(0, 2, 1, 1, "金额"),
            cell(1, 0, 1, 1, "栏次"),
            cell(1, 1, 1, 1, "1"),
            cell(1, 2, 1, 1, "2"),
            cell(2, 0, 1, 1, "合计"),
            cell(2, 1, 1, 1, "5.00"),
        ];
        assert_eq!(header_rows(&cells, 3), 2);
    }
}
