//! Ruling lines in a scanned image: long, thin runs of ink.
//!
//! A table border is a run of dark pixels far longer than any stroke of a
//! character, one to a few pixels thick. Rows (for horizontal rules) and
//! columns (vertical) are scanned for runs that tolerate small breaks
//! (blur, specks, a faint scan), runs on neighbouring rows that overlap are
//! one line, and a line's position is the middle of its thickness. The
//! result is in image pixels; the caller maps it to page space, where the
//! layout stage's lattice code turns it into cells exactly as it does for
//! stroked borders.

use super::raster::{Gray, Mask};

/// A detected line in image pixels: `along0..along1` on the axis of the
/// line, `across0..=across1` its thickness.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Segment {
    pub horizontal: bool,
    pub along0: usize,
    pub along1: usize,
    pub across0: usize,
    pub across1: usize,
}

impl Segment {
    /// Centre of the line across its thickness, in pixels.
    pub fn middle(&self) -> f64 {
        (self.across0 + self.across1) as f64 / 2.0 + 0.5
    }
}

/// Sizes in pixels, from the image's resolution.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RuleSizes {
    /// Shortest horizontal line: longer than a stroke of body text.
    pub min_h: usize,
    /// Shortest vertical line: one table row is enough.
    pub min_v: usize,
    /// Lines at least this long stand on their own; shorter ones must
    /// touch a line across them (a heading's bold strokes are as long as a
    /// one-row border, but they touch no rule).
    pub alone_h: usize,
    pub alone_v: usize,
    /// Largest break inside one line.
    pub gap: usize,
    /// Thickest line (thicker is a filled area or bold type).
    pub max_thickness: usize,
}

impl RuleSizes {
    /// For an image of `dpi` pixels per inch. A horizontal rule is at least
    /// 0.3 in (the stroke of a 一 in 16 pt type is 0.2 in), a vertical one
    /// 0.2 in (a 10.5 pt row is 0.25 in, a character 0.15 in); breaks up to
    /// 0.01 in are bridged; lines up to 0.04 in (3 pt) thick.
    pub fn for_dpi(dpi: f64) -> RuleSizes {
        let px = |inches: f64| ((inches * dpi).round() as usize).max(1);
        RuleSizes {
            min_h: px(0.3).max(20),
            min_v: px(0.2).max(15),
            alone_h: px(0.8),
            alone_v: px(0.6),
            gap: px(0.012).max(2),
            max_thickness: px(0.04).max(3),
        }
    }
}

/// Runs of ink along one line of pixels, breaks of up to `gap` bridged.
fn runs(line: impl Iterator<Item = bool>, gap: usize, min_len: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_ink = 0usize;
    for (i, ink) in line.enumerate() {
        if ink {
            if start.is_none() {
                start = Some(i);
            }
            last_ink = i;
        } else if let Some(s) = start
            && i - last_ink > gap
        {
            if last_ink + 1 - s >= min_len {
                out.push((s, last_ink + 1));
            }
            start = None;
        }
    }
    if let Some(s) = start
        && last_ink + 1 - s >= min_len
    {
        out.push((s, last_ink + 1));
    }
    out
}

/// Joins runs on neighbouring rows into lines.
fn join(rows: Vec<Vec<(usize, usize)>>, horizontal: bool, sizes: &RuleSizes, min_len: usize) -> Vec<Segment> {
    let mut done: Vec<Segment> = Vec::new();
    let mut open: Vec<Segment> = Vec::new();
    for (y, runs) in rows.into_iter().enumerate() {
        let mut next_open: Vec<Segment> = Vec::new();
        let mut used = vec![false; open.len()];
        for (a, b) in runs {
            // The open line this run continues: overlapping by half the
            // shorter of the two.
            let hit = open.iter().enumerate().position(|(k, s)| {
                let overlap = b.min(s.along1).saturating_sub(a.max(s.along0));
                !used[k] && overlap * 2 >= (b - a).min(s.along1 - s.along0)
            });
            match hit {
                Some(k) => {
                    used[k] = true;
                    let s = &open[k];
                    next_open.push(Segment {
                        horizontal,
                        along0: s.along0.min(a),
                        along1: s.along1.max(b),
                        across0: s.across0,
                        across1: y,
                    });
                }
                None => next_open.push(Segment {
                    horizontal,
                    along0: a,
                    along1: b,
                    across0: y,
                    across1: y,
                }),
            }
        }
        for (k, s) in open.into_iter().enumerate() {
            if !used[k] {
                done.push(s);
            }
        }
        open = next_open;
    }
    done.extend(open);
    done.retain(|s| s.across1 + 1 - s.across0 <= sizes.max_thickness && s.along1 - s.along0 >= min_len);
    done
}

/// Horizontal and vertical ruling lines of a (straightened) page.
pub(crate) fn find_rules(mask: &Mask, sizes: &RuleSizes) -> Vec<Segment> {
    let rows: Vec<Vec<(usize, usize)>> = (0..mask.h)
        .map(|y| runs((0..mask.w).map(|x| mask.ink(x, y)), sizes.gap, sizes.min_h))
        .collect();
    let mut out = join(rows, true, sizes, sizes.min_h);
    let cols: Vec<Vec<(usize, usize)>> = (0..mask.w)
        .map(|x| runs((0..mask.h).map(|y| mask.ink(x, y)), sizes.gap, sizes.min_v))
        .collect();
    out.extend(join(cols, false, sizes, sizes.min_v));
    keep_connected(out, sizes)
}

/// Whether two lines of different directions touch or cross.
fn touch(a: &Segment, b: &Segment, tol: f64) -> bool {
    let (h, v) = if a.horizontal { (a, b) } else { (b, a) };
    if h.horizontal == v.horizontal {
        return false;
    }
    let (vx, hy) = (v.middle(), h.middle());
    vx >= h.along0 as f64 - tol
        && vx <= h.along1 as f64 + tol
        && hy >= v.along0 as f64 - tol
        && hy <= v.along1 as f64 + tol
}

/// Long lines, and short ones that touch a line kept (two rounds: a short
/// border meeting a short border that meets a long one).
fn keep_connected(segs: Vec<Segment>, sizes: &RuleSizes) -> Vec<Segment> {
    let tol = (sizes.max_thickness + sizes.gap) as f64;
    let mut kept: Vec<bool> = segs
        .iter()
        .map(|s| {
            s.along1 - s.along0
                >= if s.horizontal {
                    sizes.alone_h
                } else {
                    sizes.alone_v
                }
        })
        .collect();
    for _ in 0..2 {
        let now: Vec<bool> = (0..segs.len())
            .map(|i| {
                kept[i]
                    || segs
                        .iter()
                        .enumerate()
                        .any(|(j, o)| kept[j] && touch(&segs[i], o, tol))
            })
            .collect();
        kept = now;
    }
    segs.into_iter()
        .zip(kept)
        .filter_map(|(s, k)| k.then_some(s))
        .collect()
}

/// Paints the lines white (one pixel more on each side for the blur), so
/// Tesseract sees only the text between them.
pub(crate) fn erase(img: &mut Gray, segments: &[Segment]) {
    for s in segments {
        let a0 = s.across0.saturating_sub(1);
        let a1 = s.across1 + 1;
        for across in a0..=a1 {
            for along in s.along0..s.along1 {
                let (x, y) = if s.horizontal {
                    (along, across)
                } else {
                    (across, along)
                };
                if x < img.w && y < img.h {
                    img.set(x, y, 255);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_lines_found_text_strokes_not() {
        // 200 dpi: a 2-row table with 3 columns, borders 2 px thick, a break
        // of 2 px in one line, and a "character" with a 30 px stroke.
        let mut g = Gray::new(600, 300, 250);
        let sizes = RuleSizes::for_dpi(200.0);
        for y in [50usize, 120, 190] {
            for x in 40..560 {
                if !(300..302).contains(&x) {
                    g.set(x, y, 0);
                    g.set(x, y + 1, 0);
                }
            }
        }
        for x in [40usize, 200, 380, 558] {
            for y in 50..192 {
                g.set(x, y, 0);
                g.set(x + 1, y, 0);
            }
        }
        for x in 60..90 {
            g.set(x, 80, 0);
        }
        for y in 70..100 {
            g.set(100, y, 0);
        }
        // A bold heading's stroke as long as a one-row border, touching
        // nothing.
        for y in 220..262 {
            g.set(300, y, 0);
            g.set(301, y, 0);
        }
        let segs = find_rules(&g.mask(128), &sizes);
        let h: Vec<_> = segs.iter().filter(|s| s.horizontal).collect();
        let v: Vec<_> = segs.iter().filter(|s| !s.horizontal).collect();
        assert_eq!(h.len(), 3, "{h:?}");
        assert_eq!(v.len(), 4, "{v:?}");
        assert!(h.iter().all(|s| s.along0 <= 41 && s.along1 >= 559));
        assert!((h[0].middle() - 51.0).abs() < 0.6, "{}", h[0].middle());
        let mut erased = g.clone();
        erase(&mut erased, &segs);
        assert_eq!(erased.get(100, 50), 255);
        assert_eq!(erased.get(70, 80), 0, "text stays");
    }

    #[test]
    fn runs_bridge_small_breaks() {
        let line = [true, true, false, true, true, false, false, false, true];
        assert_eq!(runs(line.iter().copied(), 1, 3), vec![(0, 5)]);
        assert_eq!(runs(line.iter().copied(), 0, 2), vec![(0, 2), (3, 5)]);
    }
}
