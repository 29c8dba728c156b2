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

use serde::Serialize;

mod edges;
mod header;
mod lattice;
mod stream;

use super::words::{Item, Line};
use super::{Frame, Settings};
use crate::pdf::{BBox, Page};

use edges::{edges_to_components, rules_to_edges};
use header::{header_paths, header_rows};
use lattice::{Grid, collapse_slivers, component_to_grid, grid_to_cells, trim_blank_edge_rows};
use stream::stream_grids;

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
    /// All text lines below the table, before the next one or the page
    /// end (up to 8): a next table's title and 单位 line stranded at the
    /// page foot live here.
    pub tail: Vec<String>,
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

/// Finds the tables on a page. `lines` are the page's text lines in the
/// frame; `items` its glyph items, already without fake-bold duplicates
/// ([`crate::layout::words::dedupe`]): the cells' lines are grouped from
/// them as they are (a subset of a deduplicated set has no duplicates).
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
        let tail: Vec<String> = lines
            .iter()
            .filter(|l| l.bbox.y1 <= bbox.y0 + 1.0 && l.bbox.y0 >= lower_limit - 1.0)
            .take(8)
            .map(|l| l.text.clone())
            .collect();
        let below: Vec<String> = tail.iter().take(3).cloned().collect();
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
            tail,
            top_gap: frame.height - bbox.y1,
            bottom_gap: bbox.y0,
        });
    }
    out
}
