//! Ruling lines → edges: stroked segments and thin filled rectangles
//! (Excel and WPS draw borders as 0.5 pt filled rectangles), snapped and
//! joined into horizontal and vertical edges; edges that touch form one
//! table.

use std::collections::HashMap;

use super::{Frame, Settings};
use crate::pdf::{BBox, Page};

#[derive(Debug, Clone, Copy)]
pub(super) struct HEdge {
    pub(super) y: f64,
    pub(super) x0: f64,
    pub(super) x1: f64,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct VEdge {
    pub(super) x: f64,
    pub(super) y0: f64,
    pub(super) y1: f64,
}

pub(super) fn rules_to_edges(page: &Page, frame: &Frame, s: &Settings) -> (Vec<HEdge>, Vec<VEdge>) {
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
pub(super) fn snap_positions(values: &mut [f64], tolerance: f64) -> Vec<f64> {
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

pub(super) fn snap_h(mut edges: Vec<HEdge>, s: &Settings) -> Vec<HEdge> {
    let mut ys: Vec<f64> = edges.iter().map(|e| e.y).collect();
    let snapped = snap_positions(&mut ys, s.snap_tolerance);
    for (e, y) in edges.iter_mut().zip(snapped) {
        e.y = y;
    }
    edges
}

pub(super) fn snap_v(mut edges: Vec<VEdge>, s: &Settings) -> Vec<VEdge> {
    let mut xs: Vec<f64> = edges.iter().map(|e| e.x).collect();
    let snapped = snap_positions(&mut xs, s.snap_tolerance);
    for (e, x) in edges.iter_mut().zip(snapped) {
        e.x = x;
    }
    edges
}

pub(super) fn join_h(mut edges: Vec<HEdge>, s: &Settings) -> Vec<HEdge> {
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

pub(super) fn join_v(mut edges: Vec<VEdge>, s: &Settings) -> Vec<VEdge> {
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

pub(super) fn touches(h: &HEdge, v: &VEdge, tol: f64) -> bool {
    v.x >= h.x0 - tol && v.x <= h.x1 + tol && h.y >= v.y0 - tol && h.y <= v.y1 + tol
}

/// The lone vertical rules (see [`edges_to_components`]) that border
/// columns of the table whose verticals are `vs`: each as tall as the
/// table's verticals, top and bottom, beside them and not taken by another
/// table.
fn side_rules(vs: &[VEdge], lone: &[VEdge], taken: &mut [bool], s: &Settings) -> Vec<VEdge> {
    let tol = 3.0 * s.intersection_tolerance.max(1.0);
    let y0 = vs.iter().map(|e| e.y0).fold(f64::MAX, f64::min);
    let y1 = vs.iter().map(|e| e.y1).fold(f64::MIN, f64::max);
    let x0 = vs.iter().map(|e| e.x).fold(f64::MAX, f64::min);
    let x1 = vs.iter().map(|e| e.x).fold(f64::MIN, f64::max);
    let mut out = Vec::new();
    for (i, e) in lone.iter().enumerate() {
        if !taken[i]
            && (e.y0 - y0).abs() <= tol
            && (e.y1 - y1).abs() <= tol
            && (e.x < x0 - tol || e.x > x1 + tol)
        {
            taken[i] = true;
            out.push(*e);
        }
    }
    out
}

/// Groups edges that touch into connected components (one per table).
pub(super) fn edges_to_components(h: &[HEdge], v: &[VEdge], s: &Settings) -> Vec<(Vec<HEdge>, Vec<VEdge>)> {
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
    // Vertical rules touching no horizontal one: the borders of columns
    // whose cells span the whole table on this page (西安 2019: the 一级 and
    // 二级指标 columns of a form continued from the page before, whose
    // merged cells print no rule across them).
    let lone: Vec<VEdge> = groups
        .values()
        .filter(|(hs, vs)| hs.is_empty() && vs.len() == 1)
        .map(|(_, vs)| vs[0])
        .collect();
    let mut out: Vec<_> = groups
        .into_values()
        .filter(|(hs, vs)| hs.len() >= 2 && vs.len() >= 2)
        .collect();
    let mut taken = vec![false; lone.len()];
    for (_, vs) in out.iter_mut().filter(|_| s.side_rules) {
        vs.extend(side_rules(vs, &lone, &mut taken, s));
    }
    out.sort_by(|a, b| {
        let ya = a.0.iter().map(|e| e.y).fold(f64::MIN, f64::max);
        let yb = b.0.iter().map(|e| e.y).fold(f64::MIN, f64::max);
        yb.total_cmp(&ya)
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 西安 2019's continued form: the value columns are ruled row by row,
    /// the label columns to their left only by page-tall vertical rules
    /// (their merged cells span the page). Those rules border columns of
    /// the same table; a shorter lone rule does not.
    #[test]
    fn page_tall_rules_beside_a_table_are_its_columns() {
        let s = Settings::default();
        let h: Vec<HEdge> = [569.0, 400.0, 250.0, 70.0]
            .iter()
            .map(|&y| HEdge {
                y,
                x0: 395.0,
                x1: 794.0,
            })
            .collect();
        let v: Vec<VEdge> = [46.0, 142.0, 326.0, 395.0, 545.0, 794.0]
            .iter()
            .map(|&x| VEdge {
                x,
                y0: 70.0,
                y1: 569.0,
            })
            .chain(std::iter::once(VEdge {
                x: 20.0,
                y0: 300.0,
                y1: 569.0,
            }))
            .collect();
        let comps = edges_to_components(&h, &v, &s);
        assert_eq!(comps.len(), 1);
        let mut xs: Vec<f64> = comps[0].1.iter().map(|e| e.x).collect();
        xs.sort_by(f64::total_cmp);
        assert_eq!(xs, [46.0, 142.0, 326.0, 395.0, 545.0, 794.0]);
        let off = Settings {
            side_rules: false,
            ..Settings::default()
        };
        assert_eq!(edges_to_components(&h, &v, &off)[0].1.len(), 3);
    }
}
