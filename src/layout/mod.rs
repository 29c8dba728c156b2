//! The layout stage: a page's glyphs and rules → lines of text and tables of
//! cells.
//!
//! Steps, each named for what it converts (pdfplumber's layering), in
//! [`layout_page`]: `words::glyph_items` → `words::dedupe` (fake bold) →
//! `words::group_lines` (baselines, word gaps); for tables
//! (`tables::find_tables`): `rules_to_edges` → `edges_to_components` →
//! `component_to_grid` → `grid_to_cells` (lattice tables, `tables/edges.rs`
//! and `tables/lattice.rs`) or `stream_grids` (three-line tables,
//! `tables/stream.rs`), then `header_rows` and `header_paths`
//! (`tables/header.rs`).
//!
//! A page whose text runs sideways (a landscape table printed on a portrait
//! page, or a `/Rotate`d page) is laid out in a *frame* turned so its text
//! reads left to right; everything this stage returns is mapped back to
//! page space.
//!
//! This stage knows lines and cells, not budgets: no 万元, no 科目.

mod settings;
pub mod tables;
mod words;

use serde::Serialize;

pub use settings::Settings;
pub use tables::{Cell, Table};
pub use words::{Line, Word};

use crate::pdf::{BBox, Matrix, Page, PageKind};

/// The layout of one page.
#[derive(Debug, Clone, Serialize)]
pub struct PageLayout {
    pub number: usize,
    pub width: f64,
    pub height: f64,
    /// Rotation (degrees counter-clockwise) of the text relative to the
    /// page: 0 normally, 90 when the page's text runs upwards.
    pub text_rotation: u16,
    /// Lines in reading order (top to bottom).
    pub lines: Vec<Line>,
    /// Tables found on the page, top to bottom.
    pub tables: Vec<Table>,
    /// What the PDF stage made of the page (text layer, scan, blank).
    #[serde(skip)]
    pub kind: PageKind,
    /// The glyphs were read by OCR, not from the text layer.
    #[serde(skip)]
    pub ocr: bool,
    /// OCR pages: each glyph's box and the engine's confidence in it
    /// (0–100), from which a cell's or a line's confidence is taken.
    /// Empty for text pages.
    #[serde(skip)]
    pub confidences: Vec<(BBox, f32)>,
}

impl PageLayout {
    /// The page's text: lines joined by newlines.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for line in &self.lines {
            s.push_str(&line.text);
            s.push('\n');
        }
        s
    }

    /// Mean OCR confidence (0–100, one decimal) of the glyphs whose centre
    /// lies in `b`; `None` on a text page or where no OCR glyph is.
    pub fn confidence_in(&self, b: &BBox) -> Option<f64> {
        if !self.ocr {
            return None;
        }
        let inside: Vec<f32> = self
            .confidences
            .iter()
            .filter(|(g, _)| {
                let (x, y) = g.center();
                x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1
            })
            .map(|(_, c)| *c)
            .collect();
        if inside.is_empty() {
            return None;
        }
        let mean = inside.iter().map(|&c| f64::from(c)).sum::<f64>() / inside.len() as f64;
        Some((mean * 10.0).round() / 10.0)
    }
}

/// Turns page space into a frame where the dominant text direction reads
/// left to right, and back.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    pub rotation: u16,
    pub to_frame: Matrix,
    pub from_frame: Matrix,
    pub width: f64,
    pub height: f64,
}

impl Frame {
    pub(crate) fn new(rotation: u16, page_width: f64, page_height: f64) -> Frame {
        let (w, h) = (page_width, page_height);
        match rotation {
            90 => Frame {
                rotation,
                to_frame: Matrix::new(0.0, -1.0, 1.0, 0.0, 0.0, w),
                from_frame: Matrix::new(0.0, 1.0, -1.0, 0.0, w, 0.0),
                width: h,
                height: w,
            },
            180 => Frame {
                rotation,
                to_frame: Matrix::new(-1.0, 0.0, 0.0, -1.0, w, h),
                from_frame: Matrix::new(-1.0, 0.0, 0.0, -1.0, w, h),
                width: w,
                height: h,
            },
            270 => Frame {
                rotation,
                to_frame: Matrix::new(0.0, 1.0, -1.0, 0.0, h, 0.0),
                from_frame: Matrix::new(0.0, -1.0, 1.0, 0.0, 0.0, h),
                width: h,
                height: w,
            },
            _ => Frame {
                rotation: 0,
                to_frame: Matrix::IDENTITY,
                from_frame: Matrix::IDENTITY,
                width: w,
                height: h,
            },
        }
    }

    pub(crate) fn frame_box(&self, b: &BBox) -> BBox {
        b.transform(&self.to_frame)
    }

    pub(crate) fn page_box(&self, b: &BBox) -> BBox {
        b.transform(&self.from_frame)
    }
}

/// The direction most of the page's text runs in, snapped to 0/90/180/270;
/// 0 unless a clear majority runs another way.
fn dominant_direction(page: &Page) -> u16 {
    let mut counts = [0usize; 4];
    let mut total = 0usize;
    for g in page
        .glyphs
        .iter()
        .filter(|g| g.decoded && !g.text.trim().is_empty())
    {
        total += 1;
        let d = u32::from(g.dir);
        let snapped = ((d + 45) % 360) / 90;
        let off = (d as i64 - snapped as i64 * 90)
            .rem_euclid(360)
            .min((snapped as i64 * 90 - d as i64).rem_euclid(360));
        if off <= 10 {
            counts[snapped as usize] += 1;
        }
    }
    let (best, n) = counts
        .iter()
        .enumerate()
        .max_by_key(|(_, n)| **n)
        .map(|(i, n)| (i, *n))
        .unwrap_or((0, 0));
    if best != 0 && n * 10 >= total * 6 {
        (best * 90) as u16
    } else {
        0
    }
}

/// Lays out one page: lines and tables.
pub fn layout_page(page: &Page, settings: &Settings) -> PageLayout {
    let frame = Frame::new(dominant_direction(page), page.width, page.height);
    let mut items = words::glyph_items(page.glyphs.iter());
    for it in &mut items {
        it.bbox = frame.frame_box(&it.bbox);
    }
    words::dedupe(&mut items, settings);
    let lines = words::group_lines(items.clone(), settings);
    let tables = if settings.find_tables {
        tables::find_tables(page, &frame, &items, &lines, settings)
    } else {
        Vec::new()
    };
    let lines = lines_with_tables(lines, &tables, &frame)
        .into_iter()
        .map(|l| line_to_page(l, &frame))
        .collect();
    PageLayout {
        number: page.number,
        width: page.width,
        height: page.height,
        text_rotation: frame.rotation,
        lines,
        tables,
        kind: page.kind,
        ocr: page.ocr.is_some(),
        confidences: if page.ocr.is_some() {
            page.glyphs
                .iter()
                .filter_map(|g| Some((g.bbox, g.confidence?)))
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// Reading order through a table is row by row, cell by cell: the text
/// lines inside a table are replaced by one line per table row (cells
/// joined by two spaces), so a header cell whose text wraps onto two lines
/// reads as one cell instead of interleaving with its neighbours.
fn lines_with_tables(lines: Vec<Line>, tables: &[Table], frame: &Frame) -> Vec<Line> {
    if tables.is_empty() {
        return lines;
    }
    // A line inside a table is replaced by its cells' text; the words of a
    // line that lie in none of the table's cells (a label in a column the
    // grid did not take in, such as a 一级指标 cell continued from the
    // previous page) are kept as a line of their own, so no printed text
    // is lost.
    let cells = CellIndex::new(
        tables
            .iter()
            .flat_map(|t| t.cells.iter().map(|c| frame.frame_box(&c.bbox)))
            .collect(),
    );
    let in_cell = |b: &BBox| {
        let (cx, cy) = b.center();
        cells.contains(cx, cy)
    };
    let mut out: Vec<Line> = Vec::new();
    for mut l in lines {
        if !l.words.iter().any(|w| in_cell(&w.bbox)) && !in_cell(&l.bbox) {
            out.push(l);
            continue;
        }
        l.words.retain(|w| !in_cell(&w.bbox));
        let Some(first) = l.words.first() else { continue };
        l.bbox = l.words.iter().skip(1).fold(first.bbox, |b, w| b.union(&w.bbox));
        l.text = l
            .words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        out.push(l);
    }
    for t in tables {
        // The cells of each row, in one pass (a table has thousands).
        let mut rows: Vec<Vec<&Cell>> = vec![Vec::new(); t.n_rows];
        for c in t.cells.iter().filter(|c| !c.text.is_empty()) {
            if let Some(r) = rows.get_mut(c.row) {
                r.push(c);
            }
        }
        for cells in rows {
            if cells.is_empty() {
                continue;
            }
            let words: Vec<Word> = cells
                .iter()
                .map(|c| Word {
                    text: c.text.clone(),
                    bbox: frame.frame_box(&c.bbox),
                    size: 0.0,
                })
                .collect();
            let text = words
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join("  ");
            let bbox = words.iter().skip(1).fold(words[0].bbox, |b, w| b.union(&w.bbox));
            out.push(Line {
                text,
                bbox,
                size: 0.0,
                words,
            });
        }
    }
    // By top edge: a table row's band (with cells spanning rows) can reach
    // below the next row, so centres would misorder them.
    out.sort_by(|a, b| {
        b.bbox
            .y1
            .total_cmp(&a.bbox.y1)
            .then(a.bbox.x0.total_cmp(&b.bbox.x0))
    });
    out
}

/// Cell boxes bucketed by horizontal bands of the page, so that finding
/// the cell under a point looks at the cells of one band, not at every
/// cell of the page (a table page has thousands of cells and of words).
/// A box is in every band its vertical extent touches, so the answer is
/// exactly that of a scan of all boxes.
struct CellIndex {
    bands: Vec<Vec<BBox>>,
    bottom: f64,
    band: f64,
}

impl CellIndex {
    const BANDS: usize = 64;

    fn new(boxes: Vec<BBox>) -> Self {
        let bottom = boxes.iter().map(|b| b.y0).fold(f64::INFINITY, f64::min);
        let top = boxes.iter().map(|b| b.y1).fold(f64::NEG_INFINITY, f64::max);
        let band = ((top - bottom) / Self::BANDS as f64).max(1.0);
        let mut index = CellIndex {
            bands: vec![Vec::new(); Self::BANDS],
            bottom,
            band,
        };
        if !bottom.is_finite() || !top.is_finite() {
            // No boxes, or boxes with non-finite coordinates: one band
            // holding them all.
            index.bands = vec![boxes];
            return index;
        }
        for b in boxes {
            let (lo, hi) = (index.band_of(b.y0.min(b.y1)), index.band_of(b.y0.max(b.y1)));
            for slot in &mut index.bands[lo..=hi] {
                slot.push(b);
            }
        }
        index
    }

    fn band_of(&self, y: f64) -> usize {
        let i = ((y - self.bottom) / self.band).floor();
        if i.is_nan() || i < 0.0 {
            0
        } else {
            (i as usize).min(self.bands.len() - 1)
        }
    }

    fn contains(&self, x: f64, y: f64) -> bool {
        let band = if self.bands.len() == 1 { 0 } else { self.band_of(y) };
        self.bands[band]
            .iter()
            .any(|c| x >= c.x0 && x <= c.x1 && y >= c.y0 && y <= c.y1)
    }
}

fn line_to_page(mut line: Line, frame: &Frame) -> Line {
    if frame.rotation == 0 {
        return line;
    }
    line.bbox = frame.page_box(&line.bbox);
    for w in &mut line.words {
        w.bbox = frame.page_box(&w.bbox);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_index_answers_as_a_scan_of_every_box() {
        // A grid of cells with gaps, a tall merged cell, an inverted and a
        // degenerate box; points on, inside and outside every edge.
        let mut boxes = Vec::new();
        for r in 0..20 {
            for c in 0..5 {
                let (x, y) = (50.0 + c as f64 * 40.0, 100.0 + r as f64 * 13.7);
                boxes.push(BBox::new(x, y, x + 38.0, y + 12.0));
            }
        }
        boxes.push(BBox::new(300.0, 90.0, 340.0, 400.0));
        boxes.push(BBox {
            x0: 10.0,
            y0: 500.0,
            x1: 20.0,
            y1: 480.0,
        });
        boxes.push(BBox::new(5.0, 5.0, 5.0, 5.0));
        let index = CellIndex::new(boxes.clone());
        let scan = |x: f64, y: f64| {
            boxes
                .iter()
                .any(|c| x >= c.x0 && x <= c.x1 && y >= c.y0 && y <= c.y1)
        };
        let mut inside = 0;
        for i in 0..400 {
            for j in 0..120 {
                let (x, y) = (i as f64 * 0.9, j as f64 * 4.35);
                assert_eq!(index.contains(x, y), scan(x, y), "at ({x}, {y})");
                inside += usize::from(scan(x, y));
            }
        }
        assert!(inside > 1000, "the points must hit cells: {inside}");
        for b in &boxes {
            assert_eq!(index.contains(b.x0, b.y0), scan(b.x0, b.y0));
            assert_eq!(index.contains(b.x1, b.y1), scan(b.x1, b.y1));
        }
        assert!(!CellIndex::new(Vec::new()).contains(1.0, 1.0));
    }

    #[test]
    fn frames_round_trip() {
        for rot in [0u16, 90, 180, 270] {
            let f = Frame::new(rot, 600.0, 800.0);
            let b = BBox::new(10.0, 20.0, 30.0, 25.0);
            let back = f.page_box(&f.frame_box(&b));
            assert!(
                (back.x0 - b.x0).abs() < 1e-9 && (back.y1 - b.y1).abs() < 1e-9,
                "{rot}: {back:?}"
            );
            let inside = f.frame_box(&b);
            assert!(inside.x0 >= 0.0 && inside.x1 <= f.width && inside.y0 >= 0.0 && inside.y1 <= f.height);
        }
    }

    #[test]
    fn upward_text_is_read_left_to_right_in_its_frame() {
        // Text running upwards (dir 90) along the left edge of a portrait page:
        // in the 90° frame the first glyph (lowest) comes first on the line.
        let f = Frame::new(90, 600.0, 800.0);
        let low = f.frame_box(&BBox::new(10.0, 100.0, 20.0, 110.0));
        let high = f.frame_box(&BBox::new(10.0, 110.0, 20.0, 120.0));
        assert!(low.x0 < high.x0);
    }
}
