//! Lattice tables: a component of edges → a grid of its distinct x and y
//! positions → cells (neighbouring grid cells without a drawn border
//! between them are one merged cell, kept once with its rowspan/colspan),
//! text placed by glyph centre.

use std::collections::HashMap;

use super::edges::{HEdge, VEdge};
use super::{Cell, Settings};
use crate::layout::words::{Item, Line, group_lines, is_cjk};
use crate::pdf::BBox;

/// A table's grid: column boundaries left to right, row boundaries top to
/// bottom, and which grid segments are drawn.
pub(super) struct Grid {
    pub(super) xs: Vec<f64>,
    pub(super) ys: Vec<f64>,
    /// `vdrawn[r][c]`: the boundary at `xs[c]` is drawn along row `r`.
    pub(super) vdrawn: Vec<Vec<bool>>,
    /// `hdrawn[r][c]`: the boundary at `ys[r]` is drawn along column `c`.
    pub(super) hdrawn: Vec<Vec<bool>>,
}

impl Grid {
    pub(super) fn bbox(&self) -> BBox {
        BBox::new(
            self.xs[0],
            self.ys[self.ys.len() - 1],
            self.xs[self.xs.len() - 1],
            self.ys[0],
        )
    }
}

pub(super) fn distinct(mut values: Vec<f64>, tolerance: f64) -> Vec<f64> {
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

pub(super) fn coverage(a0: f64, a1: f64, b0: f64, b1: f64) -> f64 {
    let len = b1 - b0;
    if len <= 0.0 {
        return 0.0;
    }
    ((a1.min(b1) - a0.max(b0)).max(0.0)) / len
}

pub(super) fn component_to_grid(h: &[HEdge], v: &[VEdge], s: &Settings) -> Option<Grid> {
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
pub(super) fn grid_to_cells(grid: &Grid, items: &[Item], settings: &Settings) -> Vec<Cell> {
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
    // Place glyphs by their centres — except a run of glyphs set edge to
    // edge (one string) that overflows its cell across a drawn border
    // (Excel prints a long header such as 公务用车购置及运行维护费 wider than
    // its cell): the whole run goes to the cell holding most of it.
    let bbox = grid.bbox();
    let col_of = |cx: f64| {
        grid.xs
            .partition_point(|&x| x <= cx)
            .saturating_sub(1)
            .min(nc - 1)
    };
    let row_of = |cy: f64| {
        grid.ys
            .partition_point(|&y| y >= cy)
            .saturating_sub(1)
            .min(nr - 1)
    };
    let mut cell_override: HashMap<usize, usize> = HashMap::new();
    for run in overflowing_runs(items) {
        let at: Vec<(usize, usize)> = run
            .iter()
            .map(|&i| {
                let (cx, cy) = items[i].bbox.center();
                (row_of(cy), col_of(cx))
            })
            .collect();
        let (r, first) = at[0];
        let last = at[at.len() - 1].1;
        if first == last
            || !(first + 1..=last).any(|c| {
                grid.vdrawn
                    .get(r)
                    .and_then(|v| v.get(c))
                    .copied()
                    .unwrap_or(false)
            })
        {
            continue;
        }
        // The cell (a merged one counts once) holding most of the run.
        let mut count: HashMap<usize, usize> = HashMap::new();
        for &(r, c) in &at {
            *count.entry(owner[idx(r, c)]).or_default() += 1;
        }
        let Some((&best, &n)) = count.iter().max_by_key(|(id, n)| (**n, std::cmp::Reverse(**id))) else {
            continue;
        };
        // Only a clear majority: a run split evenly is two texts.
        if n * 2 > at.len() {
            for &i in &run {
                cell_override.insert(i, best);
            }
        }
    }
    let mut content: Vec<Vec<Item>> = vec![Vec::new(); rects.len()];
    for (i, it) in items.iter().enumerate() {
        let (cx, cy) = it.bbox.center();
        if cx < bbox.x0 || cx > bbox.x1 || cy < bbox.y0 || cy > bbox.y1 {
            continue;
        }
        let id = cell_override
            .get(&i)
            .copied()
            .unwrap_or_else(|| owner[idx(row_of(cy), col_of(cx))]);
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
            let lines = group_lines(items.clone(), settings);
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

/// Runs of horizontal glyphs set edge to edge on one baseline, as one
/// string is drawn (indices into `items`, left to right, two glyphs or
/// more), allowing the little character spacing some producers add (宁德:
/// 0.18 pt at 6.57 pt, 2.7%). Text in two cells never touches: cells have
/// padding.
fn overflowing_runs(items: &[Item]) -> Vec<Vec<usize>> {
    /// The largest gap between two glyphs of one string, as a fraction of
    /// the font size.
    const RUN_GAP: f64 = 0.06;
    let mut order: Vec<usize> = (0..items.len())
        .filter(|&i| !items[i].text.trim().is_empty())
        .collect();
    order.sort_by(|&a, &b| {
        let (ya, yb) = (items[a].bbox.y0, items[b].bbox.y0);
        yb.total_cmp(&ya)
            .then(items[a].bbox.x0.total_cmp(&items[b].bbox.x0))
    });
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    for i in order {
        let joins = cur.last().is_some_and(|&p| {
            let (a, b) = (&items[p], &items[i]);
            (a.bbox.y0 - b.bbox.y0).abs() < 0.2
                && (a.size - b.size).abs() < 0.1
                && (b.bbox.x0 - a.bbox.x1).abs() < RUN_GAP * a.size.max(1.0)
        });
        if !joins && cur.len() >= 2 {
            runs.push(std::mem::take(&mut cur));
        } else if !joins {
            cur.clear();
        }
        cur.push(i);
    }
    if cur.len() >= 2 {
        runs.push(cur);
    }
    runs
}

pub(super) fn make_cell(
    grid: &Grid,
    r0: usize,
    c0: usize,
    r1: usize,
    c1: usize,
    items: Vec<Item>,
    s: &Settings,
) -> Cell {
    let lines = group_lines(items, s);
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
pub(super) fn trim_blank_edge_rows(mut cells: Vec<Cell>, n_rows: usize) -> (Vec<Cell>, usize) {
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

pub(super) fn collapse_slivers(
    mut cells: Vec<Cell>,
    mut n_rows: usize,
    mut n_cols: usize,
) -> (Vec<Cell>, usize, usize) {
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
pub(super) fn join_cell_lines(lines: &[Line]) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of one string, edge to edge, 10 pt wide, starting at `x`.
    fn run(text: &str, x: f64, y: f64) -> Vec<Item> {
        text.chars()
            .enumerate()
            .map(|(i, ch)| Item {
                text: ch.to_string().into(),
                bbox: BBox::new(x + 10.0 * i as f64, y, x + 10.0 * (i as f64 + 1.0), y + 10.0),
                size: 10.0,
            })
            .collect()
    }

    /// Three columns, one row, every border drawn.
    fn grid() -> Grid {
        Grid {
            xs: vec![0.0, 60.0, 160.0, 220.0],
            ys: vec![20.0, 0.0],
            vdrawn: vec![vec![true; 4]],
            hdrawn: vec![vec![true; 3]; 2],
        }
    }

    #[test]
    fn a_string_overflowing_its_cell_stays_whole() {
        // 公务用车购置及运行维护费 (12 glyphs, 120 pt) centred on a 100 pt
        // cell spills one glyph into each neighbour; the neighbours' own
        // texts sit apart from it, with the cells' padding between.
        let mut items = run("接待费", 10.0, 5.0);
        items.extend(run("公务用车购置及运行维护费", 50.0, 5.0));
        items.extend(run("会议", 182.0, 5.0));
        let texts: Vec<String> = grid_to_cells(&grid(), &items, &crate::layout::Settings::default())
            .into_iter()
            .map(|c| c.text)
            .collect();
        assert_eq!(texts, ["接待费", "公务用车购置及运行维护费", "会议"]);
    }

    /// The same with a little character spacing (宁德's 一般性支出情况 in a
    /// cell one glyph too narrow: 0.18 pt between 6.57 pt glyphs), the
    /// next cell's own text starting under the spilled glyph.
    #[test]
    fn a_spaced_string_overflowing_its_cell_stays_whole() {
        let spaced = |text: &str, x: f64| -> Vec<Item> {
            run(text, 0.0, 5.0)
                .into_iter()
                .enumerate()
                .map(|(i, mut it)| {
                    let x0 = x + 10.3 * i as f64;
                    it.bbox = BBox::new(x0, 5.0, x0 + 10.0, 15.0);
                    it
                })
                .collect()
        };
        let mut items = spaced("一般性支出情况", 2.0);
        items.extend(spaced("三公经费", 65.2));
        let texts: Vec<String> = grid_to_cells(&grid(), &items, &crate::layout::Settings::default())
            .into_iter()
            .map(|c| c.text)
            .collect();
        assert_eq!(texts, ["一般性支出情况", "三公经费", ""]);
    }

    #[test]
    fn texts_of_two_cells_apart_are_not_joined() {
        let mut items = run("合计", 30.0, 5.0);
        items.extend(run("基本支出", 62.0, 5.0));
        let texts: Vec<String> = grid_to_cells(&grid(), &items, &crate::layout::Settings::default())
            .into_iter()
            .map(|c| c.text)
            .collect();
        assert_eq!(texts, ["合计", "基本支出", ""]);
    }
}
