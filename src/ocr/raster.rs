//! 8-bit gray rasters and the few image operations OCR needs: a threshold
//! (Otsu), skew estimation and rotation, crops, scaling, removing isolated
//! specks, and PGM encoding (Tesseract reads PNM through Leptonica, so no
//! PNG encoder is needed).
//!
//! Pixels are 0 = black … 255 = white, row-major, origin top-left (image
//! space, as Tesseract reports boxes).

/// A gray image.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Gray {
    pub w: usize,
    pub h: usize,
    pub px: Vec<u8>,
}

impl Gray {
    pub fn new(w: usize, h: usize, fill: u8) -> Gray {
        Gray {
            w,
            h,
            px: vec![fill; w * h],
        }
    }

    #[inline]
    pub fn get(&self, x: usize, y: usize) -> u8 {
        self.px[y * self.w + x]
    }

    #[inline]
    pub fn set(&mut self, x: usize, y: usize, v: u8) {
        self.px[y * self.w + x] = v;
    }

    /// Otsu's threshold: the gray level that best separates ink from paper
    /// (pixels `<= t` are ink). A blank page gets a threshold that marks
    /// nothing as ink.
    pub fn otsu(&self) -> u8 {
        let mut hist = [0u64; 256];
        for &p in &self.px {
            hist[p as usize] += 1;
        }
        let total = self.px.len() as f64;
        if total == 0.0 {
            return 0;
        }
        let sum_all: f64 = hist.iter().enumerate().map(|(i, &n)| i as f64 * n as f64).sum();
        let (mut w0, mut sum0) = (0.0f64, 0.0f64);
        let (mut best, mut best_t) = (-1.0f64, 0u8);
        for (t, &n) in hist.iter().enumerate() {
            w0 += n as f64;
            sum0 += t as f64 * n as f64;
            let w1 = total - w0;
            if w0 == 0.0 || w1 == 0.0 {
                continue;
            }
            let m0 = sum0 / w0;
            let m1 = (sum_all - sum0) / w1;
            let between = w0 * w1 * (m0 - m1) * (m0 - m1);
            if between > best {
                best = between;
                best_t = t as u8;
            }
        }
        // A page of paper only: Otsu splits the paper's own noise. Ink is
        // dark; never call anything lighter than mid-gray ink.
        best_t.min(160)
    }

    /// The ink mask at threshold `t` (1 = ink).
    pub fn mask(&self, t: u8) -> Mask {
        Mask {
            w: self.w,
            h: self.h,
            bits: self.px.iter().map(|&p| u8::from(p <= t)).collect(),
        }
    }

    /// Rotated by `degrees` counter-clockwise (as seen on screen) about the
    /// centre, same size, uncovered corners white; bilinear.
    pub fn rotate(&self, degrees: f64) -> Gray {
        let (s, c) = degrees.to_radians().sin_cos();
        let (cx, cy) = (self.w as f64 / 2.0, self.h as f64 / 2.0);
        let mut out = Gray::new(self.w, self.h, 255);
        for y in 0..self.h {
            let dy = y as f64 + 0.5 - cy;
            for x in 0..self.w {
                let dx = x as f64 + 0.5 - cx;
                // Inverse mapping: where in the source this pixel comes from.
                // On screen (y down) a counter-clockwise turn by θ maps
                // (dx, dy) → (dx·c + dy·s, −dx·s + dy·c); invert it.
                let sx = dx * c - dy * s + cx - 0.5;
                let sy = dx * s + dy * c + cy - 0.5;
                out.px[y * self.w + x] = self.sample(sx, sy);
            }
        }
        out
    }

    /// Bilinear sample at a fractional position; white outside.
    fn sample(&self, x: f64, y: f64) -> u8 {
        if !(x > -1.0 && y > -1.0 && x < self.w as f64 && y < self.h as f64) {
            return 255;
        }
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        let at = |xi: f64, yi: f64| -> f64 {
            if xi < 0.0 || yi < 0.0 || xi >= self.w as f64 || yi >= self.h as f64 {
                255.0
            } else {
                f64::from(self.px[yi as usize * self.w + xi as usize])
            }
        };
        let top = at(x0, y0) * (1.0 - fx) + at(x0 + 1.0, y0) * fx;
        let bottom = at(x0, y0 + 1.0) * (1.0 - fx) + at(x0 + 1.0, y0 + 1.0) * fx;
        (top * (1.0 - fy) + bottom * fy).round().clamp(0.0, 255.0) as u8
    }

    /// The pixels of `[x0, x1) × [y0, y1)`, clamped to the image.
    pub fn crop(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> Gray {
        let (x1, y1) = (x1.min(self.w), y1.min(self.h));
        let (x0, y0) = (x0.min(x1), y0.min(y1));
        let mut out = Gray::new(x1 - x0, y1 - y0, 255);
        for y in y0..y1 {
            out.px[(y - y0) * out.w..(y - y0 + 1) * out.w]
                .copy_from_slice(&self.px[y * self.w + x0..y * self.w + x1]);
        }
        out
    }

    /// Scaled by `factor` (bilinear), at least 1×1.
    pub fn scale(&self, factor: f64) -> Gray {
        if (factor - 1.0).abs() < 1e-9 {
            return self.clone();
        }
        let w = ((self.w as f64 * factor).round() as usize).max(1);
        let h = ((self.h as f64 * factor).round() as usize).max(1);
        let mut out = Gray::new(w, h, 255);
        for y in 0..h {
            let sy = (y as f64 + 0.5) / factor - 0.5;
            for x in 0..w {
                let sx = (x as f64 + 0.5) / factor - 0.5;
                out.px[y * w + x] = self.sample(sx.max(0.0), sy.max(0.0));
            }
        }
        out
    }

    /// A white border of `pad` pixels around the image (Tesseract reads
    /// text touching the edge badly).
    pub fn pad(&self, pad: usize) -> Gray {
        let mut out = Gray::new(self.w + 2 * pad, self.h + 2 * pad, 255);
        for y in 0..self.h {
            let dst = (y + pad) * out.w + pad;
            out.px[dst..dst + self.w].copy_from_slice(&self.px[y * self.w..(y + 1) * self.w]);
        }
        out
    }

    /// Contrast stretched: the darkest 1% of pixels become black, the
    /// lightest 1% white, linearly in between (paper tone and a faded scan
    /// no longer look like a second ink to the engine's own threshold).
    pub fn stretch(&self) -> Gray {
        let mut hist = [0usize; 256];
        for &p in &self.px {
            hist[p as usize] += 1;
        }
        let cut = self.px.len() / 100;
        let mut seen = 0;
        let lo = hist
            .iter()
            .position(|&n| {
                seen += n;
                seen > cut
            })
            .unwrap_or(0);
        seen = 0;
        let hi = 255
            - hist
                .iter()
                .rev()
                .position(|&n| {
                    seen += n;
                    seen > cut
                })
                .unwrap_or(0);
        if hi <= lo + 10 {
            return self.clone();
        }
        let (lo, span) = (lo as f64, (hi - lo) as f64);
        Gray {
            w: self.w,
            h: self.h,
            px: self
                .px
                .iter()
                .map(|&p| ((f64::from(p) - lo) * 255.0 / span).round().clamp(0.0, 255.0) as u8)
                .collect(),
        }
    }

    /// Black and white at threshold `t` (`<= t` is ink).
    pub fn binarize(&self, t: u8) -> Gray {
        Gray {
            w: self.w,
            h: self.h,
            px: self.px.iter().map(|&p| if p <= t { 0 } else { 255 }).collect(),
        }
    }

    /// The smallest box `[x0, x1) × [y0, y1)` holding every pixel `<= t`,
    /// `None` for a blank image.
    pub fn ink_box(&self, t: u8) -> Option<(usize, usize, usize, usize)> {
        let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
        for y in 0..self.h {
            for x in 0..self.w {
                if self.px[y * self.w + x] <= t {
                    x0 = x0.min(x);
                    y0 = y0.min(y);
                    x1 = x1.max(x + 1);
                    y1 = y1.max(y + 1);
                }
            }
        }
        (x1 > 0).then_some((x0, y0, x1, y1))
    }

    /// Binary PGM (P5), which Tesseract reads directly.
    pub fn to_pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.w, self.h).into_bytes();
        out.extend_from_slice(&self.px);
        out
    }
}

/// A binary image, 1 = ink.
#[derive(Debug, Clone)]
pub(crate) struct Mask {
    pub w: usize,
    pub h: usize,
    pub bits: Vec<u8>,
}

impl Mask {
    #[inline]
    pub fn ink(&self, x: usize, y: usize) -> bool {
        self.bits[y * self.w + x] != 0
    }

    /// Number of ink pixels in `[x0, x1) × [y0, y1)`.
    pub fn count(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> usize {
        let (x1, y1) = (x1.min(self.w), y1.min(self.h));
        (y0..y1)
            .map(|y| {
                self.bits[y * self.w + x0.min(x1)..y * self.w + x1]
                    .iter()
                    .filter(|&&b| b != 0)
                    .count()
            })
            .sum()
    }
}

/// Estimates the skew of a page in degrees (positive: the content is
/// turned counter-clockwise on screen, so `rotate(-skew)` straightens it),
/// from the projection profile of the ink: rows of text and table rules
/// line up when sheared by the right angle, which maximises the sum of the
/// squared row counts. Searched over ±`max_degrees` coarsely, then in
/// steps of 0.01°. `None` when the page has too little ink to tell.
pub(crate) fn estimate_skew(mask: &Mask, max_degrees: f64) -> Option<f64> {
    // Ink pixels, subsampled to bound the work on dense pages.
    let mut ink: Vec<(f64, i64)> = Vec::new();
    for y in 0..mask.h {
        for x in 0..mask.w {
            if mask.ink(x, y) {
                ink.push((x as f64 - mask.w as f64 / 2.0, y as i64));
            }
        }
    }
    if ink.len() < 500 {
        return None;
    }
    let step = (ink.len() / 400_000).max(1);
    let ink: Vec<(f64, i64)> = ink.into_iter().step_by(step).collect();
    let h = mask.h as i64;
    let margin = (mask.w as f64 * (max_degrees + 0.5).to_radians().tan()).ceil() as i64 + 2;
    let mut rows = vec![0u64; (h + 2 * margin) as usize];
    let mut score = |deg: f64| -> f64 {
        rows.iter_mut().for_each(|r| *r = 0);
        let t = deg.to_radians().tan();
        for &(x, y) in &ink {
            // Content turned counter-clockwise by θ rises to the right
            // (y decreases with x on screen): undo it with y + x·tanθ.
            let yy = y + (x * t).round() as i64 + margin;
            if let Some(r) = rows.get_mut(yy as usize) {
                *r += 1;
            }
        }
        rows.iter().map(|&n| (n * n) as f64).sum()
    };
    let mut best = (0.0, score(0.0));
    let coarse = (max_degrees / 0.1).round() as i64;
    for i in -coarse..=coarse {
        let deg = i as f64 * 0.1;
        let s = score(deg);
        if s > best.1 {
            best = (deg, s);
        }
    }
    let centre = best.0;
    for i in -10..=10 {
        let deg = centre + i as f64 * 0.01;
        let s = score(deg);
        if s > best.1 {
            best = (deg, s);
        }
    }
    Some((best.0 * 100.0).round() / 100.0)
}

/// Removes isolated specks: connected ink components (8-connected) of at
/// most `max_area` pixels with no larger component within `clearance`
/// pixels of their box (two specks side by side do not protect each
/// other). A decimal point sits next to its digits and a colon's dots next
/// to their characters, so they survive; dust in an empty cell does not
/// (Tesseract reads it as `.`, `'` or `”`).
pub(crate) fn despeckle(img: &mut Gray, threshold: u8, max_area: usize, clearance: usize) {
    let (w, h) = (img.w, img.h);
    let ink = |img: &Gray, x: usize, y: usize| img.px[y * w + x] <= threshold;
    let mut label = vec![0u32; w * h];
    let mut next = 0u32;
    let mut stack = Vec::new();
    let mut small: Vec<(u32, usize, usize, usize, usize)> = Vec::new();
    // Area of each component, by label (label 0 is paper).
    let mut areas: Vec<usize> = vec![0];
    for y0 in 0..h {
        for x0 in 0..w {
            if label[y0 * w + x0] != 0 || !ink(img, x0, y0) {
                continue;
            }
            next += 1;
            label[y0 * w + x0] = next;
            stack.push((x0, y0));
            let (mut area, mut bx0, mut by0, mut bx1, mut by1) = (0usize, x0, y0, x0, y0);
            while let Some((x, y)) = stack.pop() {
                area += 1;
                bx0 = bx0.min(x);
                by0 = by0.min(y);
                bx1 = bx1.max(x);
                by1 = by1.max(y);
                for (dx, dy) in [
                    (-1i64, -1i64),
                    (0, -1),
                    (1, -1),
                    (-1, 0),
                    (1, 0),
                    (-1, 1),
                    (0, 1),
                    (1, 1),
                ] {
                    let (nx, ny) = (x as i64 + dx, y as i64 + dy);
                    if nx < 0 || ny < 0 || nx >= w as i64 || ny >= h as i64 {
                        continue;
                    }
                    let (nx, ny) = (nx as usize, ny as usize);
                    if label[ny * w + nx] == 0 && ink(img, nx, ny) {
                        label[ny * w + nx] = next;
                        stack.push((nx, ny));
                    }
                }
            }
            areas.push(area);
            if area <= max_area {
                small.push((next, bx0, by0, bx1, by1));
            }
        }
    }
    for (id, bx0, by0, bx1, by1) in small {
        let (x0, y0) = (bx0.saturating_sub(clearance), by0.saturating_sub(clearance));
        let (x1, y1) = ((bx1 + clearance + 1).min(w), (by1 + clearance + 1).min(h));
        let crowded = (y0..y1).any(|y| {
            (x0..x1).any(|x| {
                let l = label[y * w + x] as usize;
                l != 0 && l != id as usize && areas.get(l).is_some_and(|&a| a > max_area)
            })
        });
        if crowded {
            continue;
        }
        // The whole box and a pixel around it: the speck's lighter halo
        // would otherwise stay as a smudge.
        for y in by0.saturating_sub(1)..(by1 + 2).min(h) {
            for x in bx0.saturating_sub(1)..(bx1 + 2).min(w) {
                img.px[y * w + x] = 255;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_with_lines() -> Gray {
        let mut g = Gray::new(800, 600, 240);
        for y in [100usize, 250, 400] {
            for x in 50..750 {
                g.set(x, y, 10);
                g.set(x, y + 1, 10);
            }
        }
        g
    }

    #[test]
    fn otsu_separates_ink_from_paper() {
        let g = page_with_lines();
        let t = g.otsu();
        assert!((10..240).contains(&t), "{t}");
        assert_eq!(g.mask(t).count(0, 0, 800, 600), 3 * 2 * 700);
    }

    #[test]
    fn skew_is_measured_and_undone() {
        let g = page_with_lines();
        let m = g.mask(g.otsu());
        assert_eq!(estimate_skew(&m, 3.0), Some(0.0));
        for deg in [0.8, -0.5, 1.7] {
            let turned = g.rotate(deg);
            let t = turned.otsu();
            let skew = estimate_skew(&turned.mask(t), 3.0).expect("ink");
            assert!((skew - deg).abs() <= 0.05, "turned {deg}, measured {skew}");
            let straight = turned.rotate(-skew);
            let again = estimate_skew(&straight.mask(straight.otsu()), 3.0).expect("ink");
            assert!(again.abs() <= 0.05, "{deg}: left {again}");
        }
    }

    #[test]
    fn rotation_is_counter_clockwise_on_screen() {
        // A dot right of centre moves up (smaller y) when turned
        // counter-clockwise.
        let mut g = Gray::new(201, 201, 255);
        for y in 99..102 {
            for x in 179..182 {
                g.set(x, y, 0);
            }
        }
        let r = g.rotate(10.0);
        let (mut sy, mut n) = (0usize, 0usize);
        for y in 0..201 {
            for x in 0..201 {
                if r.get(x, y) < 128 {
                    sy += y;
                    n += 1;
                }
            }
        }
        assert!(n > 0 && sy / n < 95, "dot at y {}", sy / n.max(1));
    }

    #[test]
    fn specks_go_decimal_points_stay() {
        let mut g = Gray::new(100, 40, 255);
        // A "digit" (tall bar) and a decimal point right next to it.
        for y in 10..30 {
            for x in 20..24 {
                g.set(x, y, 0);
            }
        }
        g.set(26, 28, 0);
        g.set(27, 28, 0);
        // An isolated speck far away, and a pair of specks side by side.
        g.set(80, 20, 0);
        g.set(60, 5, 0);
        g.set(62, 6, 0);
        despeckle(&mut g, 128, 6, 4);
        assert_eq!(g.get(26, 28), 0);
        assert_eq!(g.get(80, 20), 255);
        assert_eq!((g.get(60, 5), g.get(62, 6)), (255, 255));
        assert_eq!(g.get(21, 15), 0);
    }

    #[test]
    fn crop_scale_pad_pgm() {
        let g = page_with_lines();
        let c = g.crop(40, 90, 140, 110);
        assert_eq!((c.w, c.h), (100, 20));
        assert_eq!(c.get(20, 10), 10);
        let s = c.scale(2.0);
        assert_eq!((s.w, s.h), (200, 40));
        let p = c.pad(5);
        assert_eq!((p.w, p.h), (110, 30));
        assert!(p.to_pgm().starts_with(b"P5\n110 30\n255\n"));
        assert_eq!(c.ink_box(128), Some((10, 10, 100, 12)));
        assert_eq!(Gray::new(3, 3, 255).ink_box(128), None);
        let st = c.stretch();
        assert_eq!((st.px.iter().min(), st.px.iter().max()), (Some(&0), Some(&255)));
        assert_eq!(c.binarize(128).get(20, 10), 0);
        // Crops outside the image are empty, not a panic.
        assert_eq!(g.crop(900, 900, 1000, 1000).px.len(), 0);
    }
}
