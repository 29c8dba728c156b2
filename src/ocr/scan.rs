//! The pixels of a scanned page: its own scan image (the largest image
//! covering at least half of the page), decoded at its native resolution
//! and turned upright as it is painted; or the page rendered.

use super::*;

/// The pixels of a page, upright, with the map from pixels to page space.
pub(super) struct Scan {
    pub(super) gray: Gray,
    /// The original JPEG, while the pixels are still exactly its.
    pub(super) jpeg: Option<Vec<u8>>,
    /// Pixel (x right, y down) → page point.
    pub(super) to_page: Matrix,
    pub(super) dpi: f64,
    /// Rendered from vector content (no skew, rules come from the PDF).
    pub(super) rendered: bool,
    pub(super) describe: String,
    /// What is wrong with the page's own scan image: undecodable (the page
    /// was rendered instead) or cut short (read as far as it goes).
    pub(super) broken_image: Option<String>,
}

pub(super) fn invert(m: &Matrix) -> Option<Matrix> {
    let det = m.a * m.d - m.b * m.c;
    if det.abs() < 1e-12 || !det.is_finite() {
        return None;
    }
    let (a, b, c, d) = (m.d / det, -m.b / det, -m.c / det, m.a / det);
    Some(Matrix::new(
        a,
        b,
        c,
        d,
        -(m.e * a + m.f * c),
        -(m.e * b + m.f * d),
    ))
}

/// The page's scan: the largest image XObject covering at least half of
/// the page.
pub(super) fn scan_image(page: &Page) -> Option<&ImagePlacement> {
    let page_box = BBox::new(0.0, 0.0, page.width, page.height);
    let half = page_box.area() / 2.0;
    page.images
        .iter()
        .filter(|im| im.object.is_some())
        .filter_map(|im| Some((im, im.bbox.intersection(&page_box)?.area())))
        .filter(|(_, a)| *a >= half)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(im, _)| im)
}

pub(super) fn acquire(ctx: &Ctx<'_>, page: &Page) -> Result<Scan, String> {
    let mut why_not = String::from("no scan image on the page");
    let mut broken_image = None;
    if let Some(im) = scan_image(page)
        && let Some(id) = im.object
    {
        match decode::decode_image(ctx.doc.objects(), id, ctx.settings.max_image_bytes) {
            Ok(d) => {
                broken_image = d.damage.map(|why| format!("image {} {}: {why}", id.0, id.1));
                let (w, h) = (d.gray.w as f64, d.gray.h as f64);
                let to_page = Matrix::new(1.0 / w, 0.0, 0.0, -1.0 / h, 0.0, 1.0).then(&im.matrix);
                let describe = format!(
                    "image {} {} ({}, {}×{} px)",
                    id.0, id.1, d.codec, d.gray.w, d.gray.h
                );
                let (gray, to_page, turned) = upright(d.gray, &to_page)?;
                let dpi = 72.0 / to_page.a.abs().max(1e-9);
                return Ok(Scan {
                    gray,
                    jpeg: if turned { None } else { d.jpeg },
                    to_page,
                    dpi,
                    rendered: false,
                    describe,
                    broken_image,
                });
            }
            // Over the pixel budget: rendering the page would decode the
            // same image (in pdftoppm), so the page is not read.
            Err(e) if e.contains(decode::PIXEL_LIMIT) => return Err(format!("image {} {}: {e}", id.0, id.1)),
            Err(e) => {
                why_not = format!("image {} {}: {e}", id.0, id.1);
                broken_image = Some(why_not.clone());
            }
        }
    }
    let pdf = ctx.pdf_path()?;
    // A huge page is rendered at a lower resolution rather than past the
    // image budget (one gray byte a pixel).
    let inches = (page.width / 72.0) * (page.height / 72.0);
    let max = ctx.settings.max_image_bytes as f64;
    let dpi = if inches > 0.0 && inches * f64::from(ctx.settings.render_dpi).powi(2) > max {
        ((max / inches).sqrt().floor() as u32).max(1)
    } else {
        ctx.settings.render_dpi
    };
    let gray = render::render_page(
        &pdf,
        page.number,
        dpi,
        ctx.settings.password.as_deref(),
        &ctx.tmp.0,
        ctx.budget()?,
        ctx.settings.memory_limit,
    )
    .map_err(|e| format!("{why_not}, and the page could not be rendered: {e}"))?;
    let s = 72.0 / f64::from(dpi);
    Ok(Scan {
        to_page: Matrix::new(s, 0.0, 0.0, -s, 0.0, page.height),
        gray,
        jpeg: None,
        dpi: f64::from(dpi),
        rendered: true,
        describe: format!("rendered by pdftoppm at {dpi} dpi ({why_not})"),
        broken_image,
    })
}

/// The image turned so that its rows run left to right on the page as
/// displayed (an image can be painted rotated or mirrored), with the new
/// pixel → page map. Returns whether it was turned.
pub(super) fn upright(gray: Gray, to_page: &Matrix) -> Result<(Gray, Matrix, bool), String> {
    let m = to_page;
    let straight = m.a > 0.0 && m.d < 0.0 && m.b.abs() <= 0.02 * m.a.abs() && m.c.abs() <= 0.02 * m.d.abs();
    if straight {
        return Ok((gray, *m, false));
    }
    let inv = invert(m).ok_or("image painted with a degenerate matrix")?;
    let b = BBox::new(0.0, 0.0, gray.w as f64, gray.h as f64).transform(m);
    let swapped = m.a.abs() < m.b.abs();
    let (w, h) = if swapped {
        (gray.h, gray.w)
    } else {
        (gray.w, gray.h)
    };
    let new_map = Matrix::new(b.width() / w as f64, 0.0, 0.0, -b.height() / h as f64, b.x0, b.y1);
    let mut out = Gray::new(w, h, 255);
    for y in 0..h {
        for x in 0..w {
            let (px, py) = new_map.apply(x as f64 + 0.5, y as f64 + 0.5);
            let (sx, sy) = inv.apply(px, py);
            if sx >= 0.0 && sy >= 0.0 && (sx as usize) < gray.w && (sy as usize) < gray.h {
                out.px[y * w + x] = gray.get(sx as usize, sy as usize);
            }
        }
    }
    Ok((out, new_map, true))
}
