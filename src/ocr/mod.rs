//! The OCR stage: scanned pages → the same [`Page`] of positioned glyphs
//! and ruling lines that a born-digital page gives, so layout, tables,
//! extraction and the checks run on it unchanged.
//!
//! Which pages: with `--ocr auto` (the default) pages that are image-only
//! or whose text layer is undecodable; `always` every page with content
//! (its text layer ignored); `never` none.
//!
//! For each page, in parallel within the caller's thread pool:
//! 1. the pixels: the page's own scan image at its native resolution
//!    ([`decode`]: JPEG, Flate, CCITT, JBIG2), turned upright as painted;
//!    when there is no single scan image, the page rendered by `pdftoppm`
//!    ([`render`]);
//! 2. a scan is straightened: its skew is measured from the projection
//!    profile of the ink and undone ([`raster`]); coordinates of an OCRed
//!    page are those of the straightened page;
//! 3. ruling lines are found in the image ([`rules`]) and become the page's
//!    [`Rule`]s; the layout stage's lattice code turns them into cells;
//! 4. Tesseract ([`tesseract`]) reads the page outside the tables, then
//!    every table cell on its own (one engine start for all cells: a list
//!    of crops), with ruling lines erased and specks removed;
//! 5. cells that read as numbers are read again with only digits and
//!    separators allowed (`tessedit_char_whitelist=0123456789.,-`): a
//!    misread 8 → B or 1 → l cannot survive into a figure;
//! 6. every word becomes one glyph per character (the word box split
//!    evenly, the line's height), with the word's confidence.
//!
//! What the OCR read is never "corrected": [`verify`] runs the table
//! identities of the check stage on each OCR table and flags a table whose
//! figures do not add up, with the cells involved.

mod decode;
mod raster;
mod render;
mod rules;
pub mod tesseract;

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use compact_str::CompactString;
use rayon::prelude::*;

use crate::layout;
use crate::pdf::{BBox, Document, Glyph, ImagePlacement, Matrix, OcrInfo, Page, PageKind, Rule};
use crate::warning::{Stage, Warning, WarningKind};

use raster::Gray;
pub use tesseract::{Engine, INSTALL_HINT};

/// Which pages are read by OCR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OcrMode {
    /// Image-only pages and pages whose text cannot be decoded.
    #[default]
    Auto,
    /// Every page with content, its text layer ignored.
    Always,
    /// None: scans stay image-only.
    Never,
}

impl std::str::FromStr for OcrMode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(OcrMode::Auto),
            "always" => Ok(OcrMode::Always),
            "never" => Ok(OcrMode::Never),
            other => Err(format!("--ocr {other}: expected auto, always or never")),
        }
    }
}

/// OCR settings.
#[derive(Debug, Clone)]
pub struct OcrSettings {
    pub mode: OcrMode,
    /// Tesseract language(s), `chi_sim` (digits and Latin letters included).
    pub language: String,
    /// Longest one engine (or renderer) run may take.
    pub timeout: Duration,
    /// Cell crops from scans below this resolution are enlarged to it
    /// before recognition: Tesseract's models are trained on ~300 dpi text,
    /// and 10.5 pt type at 150 dpi is 22 px high.
    pub target_dpi: f64,
    /// Resolution pages are rendered at when there is no scan image.
    pub render_dpi: u32,
    /// Largest decoded image, bytes.
    pub max_image_bytes: usize,
    /// Password for rendering an encrypted file.
    pub password: Option<String>,
}

impl Default for OcrSettings {
    fn default() -> Self {
        OcrSettings {
            mode: OcrMode::Auto,
            language: "chi_sim".into(),
            timeout: Duration::from_secs(120),
            target_dpi: 300.0,
            render_dpi: 300,
            max_image_bytes: 256 * 1024 * 1024,
            password: None,
        }
    }
}

/// Where the PDF's bytes are (for rendering pages with `pdftoppm`).
#[derive(Debug, Clone, Copy)]
pub enum PdfSource<'a> {
    File(&'a Path),
    Bytes(&'a [u8]),
}

/// Whether `mode` OCRs this page.
pub fn needs_ocr(page: &Page, mode: OcrMode) -> bool {
    match mode {
        OcrMode::Never => false,
        OcrMode::Auto => matches!(page.kind, PageKind::ImageOnly | PageKind::Undecodable),
        OcrMode::Always => page.kind != PageKind::Blank,
    }
}

/// A temporary folder, removed with everything in it when dropped. With
/// `YUSUAN_OCR_KEEP=DIR` the images handed to the engine are written there
/// and kept (for looking at what the engine saw).
struct TempDir(PathBuf, bool);

impl TempDir {
    fn new() -> Result<TempDir, String> {
        if let Some(keep) = std::env::var_os("YUSUAN_OCR_KEEP").filter(|k| !k.is_empty()) {
            let dir = PathBuf::from(keep);
            std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            return Ok(TempDir(dir, true));
        }
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "yusuan-ocr-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        Ok(TempDir(dir, false))
    }

    /// Removes a file unless the folder is kept.
    fn remove(&self, file: &Path) {
        if !self.1 {
            let _ = std::fs::remove_file(file);
        }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if !self.1 {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// What one document's pages share while being read.
struct Ctx<'a> {
    doc: &'a Document,
    engine: &'a Engine,
    settings: &'a OcrSettings,
    layout: &'a layout::Settings,
    tmp: &'a TempDir,
    source: PdfSource<'a>,
    /// The PDF as a file, written once when a page must be rendered.
    pdf_file: OnceLock<Result<PathBuf, String>>,
    deadline: Option<Instant>,
}

impl Ctx<'_> {
    /// Time left for one run: the engine limit, cut to the file deadline.
    fn budget(&self) -> Result<Duration, String> {
        match self.deadline {
            Some(d) => {
                let left = d.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err("the file's time limit ran out before OCR finished".into());
                }
                Ok(left.min(self.settings.timeout))
            }
            None => Ok(self.settings.timeout),
        }
    }

    fn pdf_path(&self) -> Result<PathBuf, String> {
        self.pdf_file
            .get_or_init(|| match self.source {
                PdfSource::File(p) => Ok(p.to_path_buf()),
                PdfSource::Bytes(b) => {
                    let p = self.tmp.0.join("document.pdf");
                    std::fs::write(&p, b).map_err(|e| format!("cannot write {}: {e}", p.display()))?;
                    Ok(p)
                }
            })
            .clone()
    }
}

/// Reads the pages `mode` selects by OCR, in parallel (within the current
/// rayon pool, so within `--jobs`), replacing each with its OCR reading.
/// Never fails: a page that cannot be read keeps its warnings (it stays
/// `image_only`) and gains one saying why; without Tesseract every such
/// page says how to install it.
pub fn apply(
    doc: &Document,
    pages: &mut [Page],
    source: PdfSource<'_>,
    settings: &OcrSettings,
    layout: &layout::Settings,
    deadline: Option<Instant>,
) -> Vec<Warning> {
    let targets: Vec<usize> = (0..pages.len())
        .filter(|&i| needs_ocr(&pages[i], settings.mode))
        .collect();
    if targets.is_empty() {
        return Vec::new();
    }
    let engine = match tesseract::find(&settings.language) {
        Ok(e) => e,
        Err(why) => {
            return targets
                .iter()
                .map(|&i| {
                    Warning::new(
                        Some(pages[i].number),
                        Stage::Ocr,
                        WarningKind::Note,
                        format!("not OCRed: {why}"),
                    )
                })
                .collect();
        }
    };
    let tmp = match TempDir::new() {
        Ok(t) => t,
        Err(why) => {
            return vec![Warning::new(
                None,
                Stage::Ocr,
                WarningKind::Note,
                format!("OCR not run: {why}"),
            )];
        }
    };
    let ctx = Ctx {
        doc,
        engine: &engine,
        settings,
        layout,
        tmp: &tmp,
        source,
        pdf_file: OnceLock::new(),
        deadline,
    };
    let results: Vec<(usize, Result<Page, String>)> = {
        let pages: &[Page] = pages;
        targets
            .par_iter()
            .map(|&i| {
                let page = &pages[i];
                let r = crate::panic::guard(AssertUnwindSafe(|| ocr_page(&ctx, page))).unwrap_or_else(|p| {
                    Err(format!(
                        "internal error (please report): {}",
                        crate::panic::message(&p)
                    ))
                });
                (i, r)
            })
            .collect()
    };
    let mut warnings = Vec::new();
    for (i, r) in results {
        match r {
            Ok(p) => pages[i] = p,
            Err(why) => warnings.push(Warning::new(
                Some(pages[i].number),
                Stage::Ocr,
                WarningKind::Note,
                format!("OCR failed: {why}"),
            )),
        }
    }
    warnings
}

/// Decodes the page's scan image (no engine involved) and says what it is:
/// `image 5 0 (DCT, 1241×1754 px)`. For diagnostics and tests.
pub fn describe_page_image(doc: &Document, page: &Page) -> Result<String, String> {
    let im = scan_image(page).ok_or("no scan image on the page")?;
    let id = im.object.ok_or("inline image")?;
    let d = decode::decode_image(doc.objects(), id, OcrSettings::default().max_image_bytes)?;
    Ok(format!(
        "image {} {} ({}, {}×{} px)",
        id.0, id.1, d.codec, d.gray.w, d.gray.h
    ))
}

// --- one page ------------------------------------------------------------

/// The pixels of a page, upright, with the map from pixels to page space.
struct Scan {
    gray: Gray,
    /// The original JPEG, while the pixels are still exactly its.
    jpeg: Option<Vec<u8>>,
    /// Pixel (x right, y down) → page point.
    to_page: Matrix,
    dpi: f64,
    /// Rendered from vector content (no skew, rules come from the PDF).
    rendered: bool,
    describe: String,
    /// What is wrong with the page's own scan image: undecodable (the page
    /// was rendered instead) or cut short (read as far as it goes).
    broken_image: Option<String>,
}

fn invert(m: &Matrix) -> Option<Matrix> {
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
fn scan_image(page: &Page) -> Option<&ImagePlacement> {
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

fn acquire(ctx: &Ctx<'_>, page: &Page) -> Result<Scan, String> {
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
            Err(e) => {
                why_not = format!("image {} {}: {e}", id.0, id.1);
                broken_image = Some(why_not.clone());
            }
        }
    }
    let pdf = ctx.pdf_path()?;
    let dpi = ctx.settings.render_dpi;
    let gray = render::render_page(
        &pdf,
        page.number,
        dpi,
        ctx.settings.password.as_deref(),
        &ctx.tmp.0,
        ctx.budget()?,
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
fn upright(gray: Gray, to_page: &Matrix) -> Result<(Gray, Matrix, bool), String> {
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

/// Page segmentation for the text outside tables: automatic (3) finds
/// paragraphs, headings and page numbers as separate blocks.
const PSM_PAGE: u8 = 3;
/// What bilevel scans are resampled to before reading (see `ocr_page`).
const BILEVEL_TARGET_DPI: f64 = 200.0;
/// Pages scanned below this resolution are enlarged for the page pass.
const PAGE_UPSCALE_BELOW_DPI: f64 = 180.0;
/// A table cell: one block of text, possibly wrapped (6).
const PSM_CELL: u8 = 6;
/// A numeric cell or a doubtful line re-read: one line (7).
const PSM_NUMBER: u8 = 7;
const PSM_CELL_LINE: u8 = 7;
/// A doubtful line re-read as a raw line, no layout analysis (13).
const PSM_RAW_LINE: u8 = 13;
/// What a figure may contain when re-read.
const NUMBER_WHITELIST: &str = "0123456789.,-";
/// White border around a cell crop, pixels.
const PAD: usize = 12;
/// Fewest cells worth an engine run of their own when a page's cells are
/// split over threads.
const MIN_CELLS_PER_PART: usize = 8;

fn ocr_page(ctx: &Ctx<'_>, page: &Page) -> Result<Page, String> {
    let scan = acquire(ctx, page)?;
    let Scan {
        mut gray,
        mut jpeg,
        to_page,
        dpi,
        rendered,
        describe,
        broken_image,
    } = scan;
    let from_page = invert(&to_page).ok_or("image placement cannot be inverted")?;
    // A bilevel scan (fax, JBIG2, 1-bit): hard edges, which the engine's
    // models (trained on smooth text) read best resampled to ~200 dpi,
    // where its edges turn gray; gray scans are read best at ~300 dpi.
    let bilevel = gray.px.iter().filter(|&&p| p == 0 || p == 255).count() * 100 >= gray.px.len() * 99;
    let target_dpi = if bilevel {
        BILEVEL_TARGET_DPI
    } else {
        ctx.settings.target_dpi
    };
    // 2. Straighten a scan.
    let mut deskew = 0.0;
    if !rendered {
        let t = gray.otsu();
        if let Some(skew) = raster::estimate_skew(&gray.mask(t), 3.0)
            && skew.abs() >= 0.05
        {
            gray = gray.rotate(-skew);
            jpeg = None;
            deskew = skew;
        }
    }
    let threshold = gray.otsu();
    let mask = gray.mask(threshold);
    // 3. Ruling lines: the page's rules for a scan; a rendered page keeps
    // its vector rules (exact) and erases the drawn ones before reading.
    let sizes = rules::RuleSizes::for_dpi(dpi);
    let segments = rules::find_rules(&mask, &sizes);
    drop(mask);
    let pt = 72.0 / dpi;
    let (page_rules, page_rects) = if rendered {
        (page.rules.clone(), page.rects.clone())
    } else {
        let rules: Vec<Rule> = segments
            .iter()
            .map(|s| {
                let mid = s.middle();
                let ((x0, y0), (x1, y1)) = if s.horizontal {
                    (
                        to_page.apply(s.along0 as f64, mid),
                        to_page.apply(s.along1 as f64, mid),
                    )
                } else {
                    (
                        to_page.apply(mid, s.along0 as f64),
                        to_page.apply(mid, s.along1 as f64),
                    )
                };
                Rule {
                    x0,
                    y0,
                    x1,
                    y1,
                    width: (s.across1 + 1 - s.across0) as f64 * pt,
                }
            })
            .collect();
        (rules, page.rects.clone())
    };
    let mut clean = gray.clone();
    rules::erase(&mut clean, &segments);
    // A speck: up to 0.025 in across with no character within 0.08 in (a
    // decimal point is as large but sits next to its digits, the dots of a
    // full-width colon within 0.05 in of theirs).
    let speck_area = ((0.025 * dpi) * (0.025 * dpi)).round().max(2.0) as usize;
    let speck_clearance = (0.08 * dpi).round().max(3.0) as usize;
    // Specks go, faint ones too: Tesseract binarises each crop on its own,
    // and in an empty area a light gray speck looks like ink (`”`, `.`).
    // Gray levels are otherwise kept: thinning the strokes costs more
    // ideographs than it saves.
    let faint = faint_threshold(&clean, threshold);
    if !rendered {
        raster::despeckle(&mut clean, faint, speck_area, speck_clearance);
    }
    let modified = deskew != 0.0 || !segments.is_empty();
    // The tables the rules make, with their cells (no text yet).
    let skeleton = Page {
        number: page.number,
        width: page.width,
        height: page.height,
        rotation: page.rotation,
        kind: PageKind::Text,
        glyphs: Vec::new(),
        rules: page_rules.clone(),
        rects: page_rects.clone(),
        images: Vec::new(),
        warnings: Vec::new(),
        ocr: None,
    };
    let tables = layout::layout_page(&skeleton, ctx.layout).tables;
    let to_px = |b: &BBox| b.transform(&from_page);
    // 4a. The page outside the tables.
    let mut outside = clean.clone();
    for t in &tables {
        let b = to_px(&t.bbox);
        fill(&mut outside, &b, 2.0);
    }
    // Low-resolution scans are enlarged for the page pass too: at 150 dpi
    // the engine misreads punctuation (：→；) and small ideographs.
    let page_scale = if bilevel {
        (target_dpi / dpi).clamp(0.5, 2.0)
    } else if dpi < PAGE_UPSCALE_BELOW_DPI {
        (target_dpi / dpi).clamp(1.0, 2.0)
    } else {
        1.0
    };
    let outside = if page_scale != 1.0 {
        outside.scale(page_scale)
    } else {
        outside
    };
    let untouched = jpeg
        .as_ref()
        .filter(|_| !(modified || !tables.is_empty() || page_scale > 1.0));
    let (words, lines) = read_page_text(ctx, page.number, &outside, untouched, dpi * page_scale)?;
    drop(outside);
    let mut glyphs = Vec::new();
    let mut n_words = 0usize;
    let mut conf_sum = 0.0;
    let font: std::sync::Arc<str> = std::sync::Arc::from("OCR");
    let table_boxes: Vec<BBox> = tables.iter().map(|t| t.bbox).collect();
    for w in &words {
        let gs = word_glyphs(
            w,
            &lines,
            &|x, y| to_page.apply(x / page_scale, y / page_scale),
            &font,
        );
        let inside = gs.iter().any(|g| {
            let (cx, cy) = g.bbox.center();
            table_boxes
                .iter()
                .any(|b| cx > b.x0 && cx < b.x1 && cy > b.y0 && cy < b.y1)
        });
        if inside || gs.is_empty() {
            continue;
        }
        n_words += 1;
        conf_sum += w.confidence;
        glyphs.extend(gs);
    }
    // 4b. Every table cell, from its own crop.
    let scale = (target_dpi / dpi).clamp(0.5, 4.0);
    let inset = (sizes.max_thickness as f64 / 2.0).ceil() + 2.0;

    let min_ink = ((dpi / 100.0) * (dpi / 100.0) * 2.0).round().max(4.0) as usize;
    let mut crops: Vec<CellCrop> = Vec::new();
    for t in &tables {
        for c in &t.cells {
            let b = to_px(&c.bbox);
            let (x0, y0) = ((b.x0 + inset).max(0.0), (b.y0 + inset).max(0.0));
            let (x1, y1) = (
                (b.x1 - inset).min(clean.w as f64),
                (b.y1 - inset).min(clean.h as f64),
            );
            if x1 - x0 < 3.0 || y1 - y0 < 3.0 {
                continue;
            }
            let (x0, y0, x1, y1) = (x0 as usize, y0 as usize, x1.ceil() as usize, y1.ceil() as usize);
            let crop = clean.crop(x0, y0, x1, y1);
            if crop.mask(threshold).count(0, 0, crop.w, crop.h) < min_ink {
                continue;
            }
            crops.push(CellCrop {
                img: crop.scale(scale),
                x0: x0 as f64,
                y0: y0 as f64,
            });
        }
    }
    if !crops.is_empty() {
        let chosen = read_cells(ctx, page.number, &crops, threshold, dpi * scale)?;
        for (c, reading) in crops.iter().zip(&chosen) {
            let f = reading.factor;
            let (ox, oy) = reading.offset;
            let map = |x: f64, y: f64| {
                to_page.apply(
                    c.x0 + ((x - PAD as f64) / f + ox) / scale,
                    c.y0 + ((y - PAD as f64) / f + oy) / scale,
                )
            };
            for w in &reading.words {
                let gs = word_glyphs(w, &reading.lines, &map, &font);
                if gs.is_empty() {
                    continue;
                }
                n_words += 1;
                conf_sum += w.confidence;
                glyphs.extend(gs);
            }
        }
    }
    let mut warnings: Vec<Warning> = page
        .warnings
        .iter()
        .filter(|w| !matches!(w.kind, WarningKind::ImageOnly | WarningKind::Undecodable))
        .cloned()
        .collect();
    let engine = format!("{} {}", ctx.engine.version, ctx.engine.language);
    warnings.push(Warning::new(
        Some(page.number),
        Stage::Ocr,
        WarningKind::Note,
        format!("read by OCR ({engine})"),
    ));
    // A scan image that cannot be decoded is damage, even though the
    // rendered page was read in its place; a page with no words says so.
    if let Some(why) = &broken_image {
        warnings.push(Warning::new(
            Some(page.number),
            Stage::Ocr,
            WarningKind::Damaged,
            if rendered {
                format!("scan image not decoded ({why}); the page was rendered and read instead")
            } else {
                format!("scan image damaged ({why}); read as far as it goes")
            },
        ));
    }
    if n_words == 0 {
        warnings.push(Warning::new(
            Some(page.number),
            Stage::Ocr,
            WarningKind::Note,
            "OCR found no text on the page",
        ));
    }
    let mean = if n_words == 0 {
        0.0
    } else {
        conf_sum / n_words as f64
    };
    Ok(Page {
        number: page.number,
        width: page.width,
        height: page.height,
        rotation: page.rotation,
        kind: page.kind,
        glyphs,
        rules: page_rules,
        rects: page_rects,
        images: page.images.clone(),
        warnings,
        ocr: Some(OcrInfo {
            engine,
            image: describe,
            dpi: (dpi * 10.0).round() / 10.0,
            deskew_degrees: deskew,
            words: n_words,
            mean_confidence: (mean * 10.0).round() / 10.0,
            rules_found: segments.len(),
        }),
    })
}

/// Reads the page outside its tables: the whole image with automatic
/// segmentation, then every line holding a word the engine doubts (under
/// 60%) once more on its own, as one line (psm 7) and as a raw line (psm
/// 13); the surest of the three readings of that line stands. In page
/// context the engine misreads large bold titles (北京 → 北泵 at 0%) that
/// it reads right alone. `jpeg`, when given, is the untouched original
/// to hand over instead of `img`.
fn read_page_text(
    ctx: &Ctx<'_>,
    page: usize,
    img: &Gray,
    jpeg: Option<&Vec<u8>>,
    dpi: f64,
) -> Result<(Vec<tesseract::Word>, Vec<tesseract::LineBox>), String> {
    let req = |psm: u8| -> Result<tesseract::Request<'static>, String> {
        Ok(tesseract::Request {
            psm,
            whitelist: None,
            dpi: dpi.round() as u32,
            timeout: ctx.budget()?,
        })
    };
    let file = match jpeg {
        Some(_) => ctx.tmp.0.join(format!("p{page}-page.jpg")),
        None => ctx.tmp.0.join(format!("p{page}-page.pgm")),
    };
    let bytes = match jpeg {
        Some(b) => b.clone(),
        None => img.to_pgm(),
    };
    std::fs::write(&file, bytes).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    let (mut words, lines) = ctx.engine.recognise(&file, &req(PSM_PAGE)?)?;
    ctx.tmp.remove(&file);
    // The doubtful lines, cut out with a margin of a quarter of their
    // height (less where the next line is close).
    let weak: Vec<&tesseract::LineBox> = lines
        .iter()
        .filter(|l| {
            words
                .iter()
                .any(|w| w.line == l.line && w.image == l.image && w.confidence < 60.0)
        })
        .collect();
    if !weak.is_empty() {
        let mut files = Vec::new();
        let mut origins = Vec::new();
        for (k, l) in weak.iter().enumerate() {
            let m = (l.height * 0.15).max(4.0);
            let x0 = (l.left - m).max(0.0) as usize;
            let y0 = (l.top - m).max(0.0) as usize;
            let x1 = (l.left + l.width + m).ceil() as usize;
            let y1 = (l.top + l.height + m).ceil() as usize;
            let crop = img.crop(x0, y0, x1, y1).pad(PAD);
            let f = ctx.tmp.0.join(format!("p{page}-line{k}.pgm"));
            std::fs::write(&f, crop.to_pgm()).map_err(|e| format!("cannot write {}: {e}", f.display()))?;
            files.push(f);
            origins.push((x0 as f64 - PAD as f64, y0 as f64 - PAD as f64));
        }
        let list = ctx.tmp.0.join(format!("p{page}-lines.txt"));
        let text: String = files
            .iter()
            .map(|f| format!("{}\n", f.to_string_lossy()))
            .collect();
        std::fs::write(&list, text).map_err(|e| format!("cannot write {}: {e}", list.display()))?;
        let line_run = by_image(ctx.engine.recognise(&list, &req(PSM_CELL_LINE)?)?, weak.len());
        let raw_run = by_image(ctx.engine.recognise(&list, &req(PSM_RAW_LINE)?)?, weak.len());
        for f in &files {
            ctx.tmp.remove(f);
        }
        for (k, l) in weak.iter().enumerate() {
            let mine = |w: &tesseract::Word| w.line == l.line && w.image == l.image;
            let old = Reading {
                words: words.iter().filter(|w| mine(w)).cloned().collect(),
                ..Reading::default()
            };
            let best = [&line_run[k], &raw_run[k]]
                .into_iter()
                .filter(|r| !r.words.is_empty())
                .max_by(|a, b| a.confidence().total_cmp(&b.confidence()));
            let Some(best) = best else { continue };
            if best.confidence() <= old.confidence() {
                continue;
            }
            let (ox, oy) = origins[k];
            words.retain(|w| !mine(w));
            words.extend(best.words.iter().map(|w| tesseract::Word {
                image: l.image,
                line: l.line,
                left: w.left + ox,
                top: w.top + oy,
                ..w.clone()
            }));
        }
        // Back in reading order: by line, then left to right.
        let order = |w: &tesseract::Word| {
            lines
                .iter()
                .position(|l| l.line == w.line && l.image == w.image)
                .unwrap_or(usize::MAX)
        };
        words.sort_by(|a, b| order(a).cmp(&order(b)).then(a.left.total_cmp(&b.left)));
    }
    clip_words(&mut words);
    Ok((words, lines))
}

/// A table cell cut out of the page (scaled for reading, not yet padded),
/// and where the crop's pixel (0, 0) lies on the page image.
struct CellCrop {
    img: Gray,
    x0: f64,
    y0: f64,
}

/// What the engine read in one image of a run.
#[derive(Debug, Clone)]
struct Reading {
    words: Vec<tesseract::Word>,
    lines: Vec<tesseract::LineBox>,
    /// Scale of the image read relative to the cell crop (a reading of
    /// the crop enlarged 1.5× has 1.5).
    factor: f64,
    /// Where the image read starts in the cell crop, in crop pixels.
    offset: (f64, f64),
}

impl Default for Reading {
    fn default() -> Self {
        Reading {
            words: Vec::new(),
            lines: Vec::new(),
            factor: 1.0,
            offset: (0.0, 0.0),
        }
    }
}

impl Reading {
    fn text(&self) -> String {
        self.words.iter().map(|w| w.text.as_str()).collect()
    }

    /// Mean word confidence, 0 when nothing was read.
    fn confidence(&self) -> f64 {
        if self.words.is_empty() {
            0.0
        } else {
            self.words.iter().map(|w| w.confidence).sum::<f64>() / self.words.len() as f64
        }
    }
}

/// A run's words and lines, by image (1-based in the run → index).
fn by_image((words, lines): (Vec<tesseract::Word>, Vec<tesseract::LineBox>), n: usize) -> Vec<Reading> {
    let mut out = vec![Reading::default(); n];
    for mut w in words {
        if let Some(r) = w.image.checked_sub(1).and_then(|k| out.get_mut(k)) {
            w.text = w.text.trim().to_string();
            r.words.push(w);
        }
    }
    for l in lines {
        if let Some(r) = l.image.checked_sub(1).and_then(|k| out.get_mut(k)) {
            r.lines.push(l);
        }
    }
    for r in &mut out {
        clip_words(&mut r.words);
    }
    out
}

/// How a cell crop is shown to the engine.
#[derive(Debug, Clone, Copy)]
enum Variant {
    Gray,
    /// Contrast stretched (see [`Gray::stretch`]).
    Stretched,
    /// Black and white at the page's ink threshold.
    Binary,
    /// Cut to the ink and a margin (in a wide cell a short label far to
    /// one side can be invisible to the engine's layout analysis), and
    /// resampled by a factor.
    Tight(f64),
    /// Resampled by a factor.
    Scaled(f64),
}

/// Reads every cell crop: as text (Chinese model, contrast stretched; a
/// weak or empty reading — under 60% — is tried again binarised, cut to
/// its ink, smaller and larger, and the surest reading stands: the engine can miss a short
/// bold header or a two-character label at one size and read it at
/// another), and as a figure where a figure could win (digits and
/// separators only, Latin model; gray, and stretched where that is unsure;
/// the surer reading). The figure reading replaces the text reading where
/// `prefer_number` says so.
fn read_cells(
    ctx: &Ctx<'_>,
    page: usize,
    crops: &[CellCrop],
    threshold: u8,
    dpi: f64,
) -> Result<Vec<Reading>, String> {
    // One engine start per variant and part: the crops as a list of files.
    let run_part = |variant: Variant,
                    only: &[usize],
                    whitelist: Option<&'static str>,
                    part: usize|
     -> Result<Vec<Reading>, String> {
        if only.is_empty() {
            return Ok(Vec::new());
        }
        let mut files = Vec::with_capacity(only.len());
        let name = format!("{variant:?}").replace(['(', ')', '.'], "");
        let mut offsets = Vec::with_capacity(only.len());
        for &k in only {
            let c = &crops[k].img;
            let mut offset = (0.0, 0.0);
            let img = match variant {
                Variant::Gray => c.clone(),
                Variant::Stretched => c.stretch(),
                Variant::Binary => c.binarize(threshold),
                Variant::Scaled(f) => c.scale(f),
                Variant::Tight(f) => match c.ink_box(threshold) {
                    Some((x0, y0, x1, y1)) => {
                        let m = (0.04 * dpi).round() as usize;
                        let (x0, y0) = (x0.saturating_sub(m), y0.saturating_sub(m));
                        offset = (x0 as f64, y0 as f64);
                        c.crop(x0, y0, x1 + m, y1 + m).scale(f)
                    }
                    None => c.scale(f),
                },
            };
            offsets.push(offset);
            let f = ctx.tmp.0.join(format!("p{page}-cell{k}-{name}.pgm"));
            std::fs::write(&f, img.pad(PAD).to_pgm())
                .map_err(|e| format!("cannot write {}: {e}", f.display()))?;
            files.push(f);
        }
        let list = ctx.tmp.0.join(format!(
            "p{page}-{name}-{}-{part}.txt",
            whitelist.map_or("text", |_| "figures")
        ));
        let text: String = files
            .iter()
            .map(|f| format!("{}\n", f.to_string_lossy()))
            .collect();
        std::fs::write(&list, text).map_err(|e| format!("cannot write {}: {e}", list.display()))?;
        let factor = match variant {
            Variant::Scaled(f) | Variant::Tight(f) => f,
            _ => 1.0,
        };
        let req = tesseract::Request {
            psm: if whitelist.is_some() { PSM_NUMBER } else { PSM_CELL },
            whitelist,
            dpi: (dpi * factor).round() as u32,
            timeout: ctx.budget()?,
        };
        let engine = if whitelist.is_some() {
            ctx.engine.for_numbers()
        } else {
            ctx.engine.clone()
        };
        let out = engine.recognise(&list, &req);
        for f in files.iter().chain([&list]) {
            ctx.tmp.remove(f);
        }
        let mut readings = by_image(out?, only.len());
        for (r, offset) in readings.iter_mut().zip(offsets) {
            r.factor = factor;
            r.offset = offset;
        }
        Ok(readings)
    };
    // A page's cells are split over the pool's threads (an engine starts in
    // ~0.2 s): a one-page scan is not read on one core while the other
    // idles. When every thread is busy with pages of its own the parts
    // simply run one after another.
    let run =
        |variant: Variant, only: &[usize], whitelist: Option<&'static str>| -> Result<Vec<Reading>, String> {
            let threads = rayon::current_num_threads().max(1);
            let parts = threads.min(only.len() / MIN_CELLS_PER_PART).max(1);
            if parts == 1 {
                return run_part(variant, only, whitelist, 0);
            }
            let size = only.len().div_ceil(parts);
            let read: Vec<Result<Vec<Reading>, String>> = only
                .par_chunks(size)
                .enumerate()
                .map(|(part, chunk)| run_part(variant, chunk, whitelist, part))
                .collect();
            let mut out = Vec::with_capacity(only.len());
            for r in read {
                out.extend(r?);
            }
            Ok(out)
        };
    let all: Vec<usize> = (0..crops.len()).collect();
    let mut text = run(Variant::Stretched, &all, None)?;
    for variant in [
        Variant::Binary,
        Variant::Tight(1.0),
        Variant::Tight(0.75),
        Variant::Scaled(0.75),
        Variant::Scaled(1.5),
    ] {
        let weak: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&k| text[k].confidence() < 60.0)
            .collect();
        if weak.is_empty() {
            break;
        }
        for (r, &k) in run(variant, &weak, None)?.into_iter().zip(&weak) {
            if !r.words.is_empty() && r.confidence() > text[k].confidence() {
                text[k] = r;
            }
        }
    }
    let digits = |r: &Reading| r.words.iter().any(|w| w.text.chars().any(|c| c.is_ascii_digit()));
    // Figure readings only where a figure could win (`prefer_number`): not
    // in cells of ideographs the engine is sure of. Gray first; stretched
    // where the gray reading is unsure.
    let candidates: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&k| !(text[k].text().chars().any(is_ideograph) && text[k].confidence() >= 60.0))
        .collect();
    let mut figures: Vec<Option<Reading>> = vec![None; crops.len()];
    for (r, &k) in run(Variant::Gray, &candidates, Some(NUMBER_WHITELIST))?
        .into_iter()
        .zip(&candidates)
    {
        figures[k] = Some(r);
    }
    let unsure: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&k| {
            figures[k]
                .as_ref()
                .is_none_or(|r| !digits(r) || r.confidence() < 80.0)
        })
        .collect();
    if !unsure.is_empty() {
        for (s, &k) in run(Variant::Stretched, &unsure, Some(NUMBER_WHITELIST))?
            .into_iter()
            .zip(&unsure)
        {
            let better = match &figures[k] {
                Some(g) => digits(&s) && (!digits(g) || s.confidence() > g.confidence()),
                None => digits(&s),
            };
            if better {
                figures[k] = Some(s);
            }
        }
    }
    let mut out = Vec::with_capacity(crops.len());
    for (mut t, figure) in text.into_iter().zip(figures) {
        strip_stray_punctuation(&mut t);
        let Some(figure) = figure.filter(|f| digits(f)) else {
            out.push(t);
            continue;
        };
        if prefer_number(&t, &figure) {
            let mut f = figure;
            f.words.retain_mut(|w| match trim_figure(&w.text) {
                Some(t) => {
                    w.text = t;
                    true
                }
                None => false,
            });
            out.push(f);
        } else {
            out.push(t);
        }
    }
    Ok(out)
}

/// A gray level between paper and ink: lighter than the ink threshold,
/// darker than the paper (the median pixel), so that faint specks are
/// components of their own.
fn faint_threshold(img: &Gray, ink: u8) -> u8 {
    let mut hist = [0usize; 256];
    for &p in &img.px {
        hist[p as usize] += 1;
    }
    let half = img.px.len() / 2;
    let mut seen = 0;
    let paper = hist
        .iter()
        .position(|&n| {
            seen += n;
            seen > half
        })
        .unwrap_or(255) as u8;
    if paper <= ink {
        return ink;
    }
    ink + (paper - ink) / 2
}

/// Paints a box (pixels) white, grown by `grow`.
fn fill(img: &mut Gray, b: &BBox, grow: f64) {
    let x0 = (b.x0 - grow).max(0.0) as usize;
    let y0 = (b.y0 - grow).max(0.0) as usize;
    let x1 = ((b.x1 + grow).max(0.0) as usize).min(img.w);
    let y1 = ((b.y1 + grow).max(0.0) as usize).min(img.h);
    for y in y0..y1 {
        for x in x0..x1 {
            img.set(x, y, 255);
        }
    }
}

/// Whether the figure reading of a cell replaces its text reading: when
/// the figure reading has a digit and the text reading has no ideograph
/// (`3055`, `DO`, `”26.00` all lose to it), or only ideographs the engine
/// itself doubts (`JR井` at 27%) while it is sure of the figure. A header
/// such as `2020年预算数` or a name keeps its text.
fn prefer_number(text: &Reading, figure: &Reading) -> bool {
    if !figure.text().chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if !text.text().chars().any(is_ideograph) {
        return true;
    }
    text.confidence() < 60.0 && figure.confidence() >= 50.0
}

fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Table text in Chinese uses full-width punctuation (、，：“”); an ASCII
/// `.` `,` `:` `;` `'` `` ` `` `"` next to an ideograph, or at either end
/// of a cell that has ideographs, is a speck read as a mark
/// (`职业年金.缴费支出`, `支出总计.`), and goes.
fn strip_stray_punctuation(r: &mut Reading) {
    let text: Vec<char> = r.text().chars().collect();
    if !text.iter().copied().any(is_ideograph) {
        return;
    }
    let stray = |i: usize| {
        let c = text[i];
        ".,:;'`\"".contains(c)
            && (i == 0
                || i + 1 == text.len()
                || is_ideograph(text[i - 1])
                || text.get(i + 1).copied().is_some_and(is_ideograph))
    };
    let mut i = 0;
    for w in &mut r.words {
        let kept: String = w
            .text
            .chars()
            .filter(|_| {
                let keep = !stray(i);
                i += 1;
                keep
            })
            .collect();
        w.text = kept;
    }
    r.words.retain(|w| !w.text.is_empty());
}

/// A figure as read with the digit whitelist, without the stray
/// separators a speck or a border remnant adds at its ends (`.96.20`).
fn trim_figure(text: &str) -> Option<String> {
    let t = text.trim_start_matches(['.', ',']).trim_end_matches([',', '-']);
    (!t.is_empty()).then(|| t.to_string())
}

/// Tesseract's LSTM often gives the first word of a line the whole line's
/// box; a word's box ends where the next word on its line starts, so the
/// even split into characters keeps them in order.
///
/// And the engine splits words where print has only letter spacing: after
/// the comma of `101,673.03`, between ideographs of justified text, between
/// an ideograph and a figure or a bracket. Chinese text has no spaces, so
/// such a gap (under one line height) is closed: the layout stage then writes `101,673.03万元`, not
/// `101, 673. 03 万元`. Latin words keep their spaces.
fn clip_words(words: &mut [tesseract::Word]) {
    #[derive(PartialEq)]
    enum Class {
        Cjk,
        Figure,
        /// Brackets and marks the engine gives in ASCII for full-width
        /// ones: `(一 )` is `（一）`.
        Mark,
        Other,
    }
    let class = |c: Option<char>| match c {
        Some(c) if is_cjk_text(c) => Class::Cjk,
        Some(c) if c.is_ascii_digit() || ".,%-".contains(c) => Class::Figure,
        Some(c) if "()[]:;!?".contains(c) => Class::Mark,
        _ => Class::Other,
    };
    for i in 0..words.len().saturating_sub(1) {
        let (a, b) = (&words[i], &words[i + 1]);
        if a.image != b.image || a.line != b.line || a.left >= b.left {
            continue;
        }
        let gap = b.left - (a.left + a.width);
        let height = a.height.max(b.height);
        let k = match (class(a.text.chars().last()), class(b.text.chars().next())) {
            (Class::Cjk, Class::Cjk) => 1.0,
            (Class::Other, _) | (_, Class::Other) => 0.0,
            (Class::Mark, Class::Mark) => 0.0,
            _ => 1.0,
        };
        if gap < 0.0 || gap < k * height {
            words[i].width = b.left - words[i].left;
        }
    }
}

/// Ideographs and the CJK punctuation, quotes and full-width forms that
/// sit between them without spaces.
fn is_cjk_text(c: char) -> bool {
    is_ideograph(c) || matches!(c as u32, 0x2018..=0x201F | 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

/// One glyph per character of a word, the word box split evenly, each as
/// tall as the word's text line; `map` takes pixels to page space.
fn word_glyphs(
    w: &tesseract::Word,
    lines: &[tesseract::LineBox],
    map: &dyn Fn(f64, f64) -> (f64, f64),
    font: &std::sync::Arc<str>,
) -> Vec<Glyph> {
    let chars: Vec<char> = w.text.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.is_empty() || !(w.width > 0.0 && w.height > 0.0) {
        return Vec::new();
    }
    let (top, height) = lines
        .iter()
        .find(|l| l.image == w.image && l.line == w.line && l.height > 0.0)
        .map(|l| (l.top, l.height))
        .unwrap_or((w.top, w.height));
    let n = chars.len() as f64;
    chars
        .iter()
        .enumerate()
        .map(|(i, ch)| {
            let x0 = w.left + w.width * i as f64 / n;
            let x1 = w.left + w.width * (i as f64 + 1.0) / n;
            let a = map(x0, top);
            let b = map(x1, top + height);
            let bbox = BBox::new(a.0, a.1, b.0, b.1);
            Glyph {
                text: CompactString::from(ch.encode_utf8(&mut [0u8; 4]) as &str),
                size: bbox.height() * 0.85,
                bbox,
                font: font.clone(),
                dir: 0,
                visible: true,
                decoded: true,
                confidence: Some(w.confidence as f32),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(image: usize, text: &str) -> tesseract::Word {
        tesseract::Word {
            image,
            line: (1, 1, 1),
            left: 10.0,
            top: 20.0,
            width: 40.0,
            height: 10.0,
            confidence: 90.0,
            text: text.into(),
        }
    }

    #[test]
    fn modes_parse_and_select_pages() {
        assert_eq!("Auto".parse::<OcrMode>(), Ok(OcrMode::Auto));
        assert_eq!("never".parse::<OcrMode>(), Ok(OcrMode::Never));
        assert!("sometimes".parse::<OcrMode>().is_err());
    }

    #[test]
    fn figures_replace_misreadings_not_headers() {
        let reading = |text: &str, confidence: f64| Reading {
            words: vec![tesseract::Word {
                confidence,
                ..word(1, text)
            }],
            ..Reading::default()
        };
        let cases = [
            ("3055", 22.0, "396.55", true),
            ("2020年预算数", 93.0, "2020", false),
            ("DO", 0.0, "2.35", true),
            ("合计", 96.0, "", false),
            ("JR井", 27.0, "2.35", true),
        ];
        for (text, conf, figure, want) in cases {
            assert_eq!(
                prefer_number(&reading(text, conf), &reading(figure, 95.0)),
                want,
                "{text}"
            );
        }
        assert_eq!(trim_figure(".96.20").as_deref(), Some("96.20"));
        let mut r = reading("支出总计.", 90.0);
        r.words.push(word(1, "年金.缴费"));
        strip_stray_punctuation(&mut r);
        assert_eq!(r.text(), "支出总计年金缴费");
        let mut r = reading("(一)2.5", 90.0);
        strip_stray_punctuation(&mut r);
        assert_eq!(r.text(), "(一)2.5");
        assert_eq!(trim_figure("."), None);
    }

    #[test]
    fn first_word_box_ends_where_the_next_starts() {
        let mut ws = vec![word(1, "社会"), word(1, "保障")];
        ws[0].width = 400.0;
        ws[1].left = 122.0;
        clip_words(&mut ws);
        assert_eq!(ws[0].width, 112.0);
        // Gaps inside a figure and between ideographs close; Latin words
        // keep theirs.
        for (a, b, closed) in [
            ("101,", "673.03", true),
            ("收入", "101", true),
            ("budget", "table", false),
        ] {
            let mut ws = vec![word(1, a), word(1, b)];
            ws[1].left = 55.0;
            clip_words(&mut ws);
            assert_eq!(ws[0].width == 45.0, closed, "{a} {b}");
        }
    }

    #[test]
    fn words_split_into_glyphs_on_their_line() {
        let lines = vec![tesseract::LineBox {
            image: 1,
            line: (1, 1, 1),
            left: 0.0,
            top: 15.0,
            width: 100.0,
            height: 20.0,
        }];
        // 1 px = 1 pt, y flipped on a 100 pt page.
        let map = |x: f64, y: f64| (x, 100.0 - y);
        let font: std::sync::Arc<str> = std::sync::Arc::from("OCR");
        let g = word_glyphs(&word(1, "预算"), &lines, &map, &font);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].text, "预");
        assert_eq!(g[0].bbox, BBox::new(10.0, 65.0, 30.0, 85.0));
        assert_eq!(g[1].bbox.x0, 30.0);
        assert_eq!(g[1].confidence, Some(90.0));
    }

    #[test]
    fn matrices_invert() {
        let m = Matrix::new(2.0, 0.0, 0.0, -3.0, 5.0, 7.0);
        let i = invert(&m).unwrap();
        let (x, y) = m.apply(1.5, 2.5);
        let (bx, by) = i.apply(x, y);
        assert!((bx - 1.5).abs() < 1e-9 && (by - 2.5).abs() < 1e-9);
        assert!(invert(&Matrix::new(0.0, 0.0, 0.0, 0.0, 1.0, 1.0)).is_none());
    }

    #[test]
    fn turned_images_are_made_upright() {
        // A 2×1 image painted turned 90° (its x axis runs up the page).
        let g = Gray {
            w: 2,
            h: 1,
            px: vec![0, 200],
        };
        let to_page = Matrix::new(0.0, 0.5, 1.0, 0.0, 0.0, 0.0);
        let (u, map, turned) = upright(g, &to_page).unwrap();
        assert!(turned);
        assert_eq!((u.w, u.h), (1, 2));
        // Pixel 0 of the original (dark) lies at the bottom of the page.
        assert_eq!(u.px, vec![200, 0]);
        assert!(map.a > 0.0 && map.d < 0.0);
    }
}
