//! Stream tables (三线表 and unruled): long horizontal rules bounding a
//! block of lines with no vertical rules; columns from the gaps that are
//! empty in every body line, header cells placed by position.

use super::edges::{HEdge, VEdge, touches};
use super::lattice::Grid;
use super::{Frame, Method, Settings};
use crate::layout::words::{Item, Word, group_lines};
use crate::pdf::BBox;

/// Three-line tables: two or more long horizontal rules, stacked, with no
/// vertical rules touching them and text between them. The first two
/// rules bound the header; columns are the x-ranges covered by body words,
/// split where a gap is empty in every body line; each body line is a row.
pub(super) fn stream_grids(
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

pub(super) fn stream_grid(rules: &[HEdge], items: &[Item], s: &Settings) -> Option<Grid> {
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
    let all_lines = group_lines(inside(bottom, top), s);
    if all_lines.len() < 2 {
        return None;
    }
    let header_bottom = if rules.len() >= 3 {
        rules[1].y
    } else {
        (all_lines[0].bbox.y0 + all_lines[1].bbox.y1) / 2.0
    };
    let header_words: Vec<Word> = group_lines(inside(header_bottom, top), s)
        .into_iter()
        .flat_map(|l| l.words)
        .collect();
    let body_lines = group_lines(inside(bottom, header_bottom), s);
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

pub(super) struct Span {
    r0: usize,
    r1: usize,
    c0: usize,
    c1: usize,
}

pub(super) struct StreamHeader {
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
pub(super) fn stream_header(words: &[Word], xs: &[f64], s: &Settings) -> StreamHeader {
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
