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
//! Files: [`scan`] (the pixels), [`page`] (one page read), [`cells`]
//! (table cells one by one), [`glyphs`] (words → glyphs), beside the
//! image codecs ([`decode`]), image operations ([`raster`]), ruling lines
//! ([`rules`]), rendering ([`render`]) and the engine ([`tesseract`]).
//!
//! This stage returns pages and nothing else. It borrows the layout
//! stage's lattice builder to find the cells in the ruling lines it found
//! (so each cell is read on its own). What the OCR read is never
//! "corrected": the check stage (`check::ocr_tables`) runs the table
//! identities on each OCR table and flags a table whose figures do not add
//! up, with the cells involved.

mod cells;
mod decode;
mod glyphs;
mod page;
mod raster;
mod render;
mod rules;
mod scan;
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

use page::ocr_page;
use raster::Gray;
use scan::scan_image;
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
    /// Largest decoded image, bytes (one gray byte a pixel), and so the
    /// most pixels Tesseract is given: it needs some 17 bytes a pixel, so
    /// 64 Mpx keeps it near 1 GB (an A4 scan at 600 dpi is 35 Mpx). A page
    /// rendered for OCR is rendered at a lower resolution to fit.
    pub max_image_bytes: usize,
    /// Password for rendering an encrypted file.
    pub password: Option<String>,
    /// The data memory each engine run (Tesseract, pdftoppm) may use, in
    /// bytes (`setrlimit(RLIMIT_DATA)` in the child); `None`: unlimited.
    /// Default: the ceiling of the default `--max-memory-mb`
    /// ([`crate::pipeline::defaults::memory_ceiling`]).
    pub memory_limit: Option<u64>,
}

impl Default for OcrSettings {
    fn default() -> Self {
        OcrSettings {
            mode: OcrMode::Auto,
            language: "chi_sim".into(),
            timeout: Duration::from_secs(120),
            target_dpi: 300.0,
            render_dpi: 300,
            max_image_bytes: crate::pipeline::defaults::MAX_IMAGE_PIXELS,
            password: None,
            memory_limit: Some(crate::pipeline::defaults::memory_ceiling(
                crate::pipeline::defaults::MAX_MEMORY_MB,
            )),
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

/// Page segmentation for the text outside tables: automatic (3) finds
/// paragraphs, headings and page numbers as separate blocks.
pub(super) const PSM_PAGE: u8 = 3;
/// What bilevel scans are resampled to before reading (see `ocr_page`).
pub(super) const BILEVEL_TARGET_DPI: f64 = 200.0;
/// Pages scanned below this resolution are enlarged for the page pass.
pub(super) const PAGE_UPSCALE_BELOW_DPI: f64 = 180.0;
/// A table cell: one block of text, possibly wrapped (6).
pub(super) const PSM_CELL: u8 = 6;
/// A numeric cell or a doubtful line re-read: one line (7).
pub(super) const PSM_NUMBER: u8 = 7;
pub(super) const PSM_CELL_LINE: u8 = 7;
/// A doubtful line re-read as a raw line, no layout analysis (13).
pub(super) const PSM_RAW_LINE: u8 = 13;
/// What a figure may contain when re-read.
pub(super) const NUMBER_WHITELIST: &str = "0123456789.,-";
/// White border around a cell crop, pixels.
pub(super) const PAD: usize = 12;
/// Fewest cells worth an engine run of their own when a page's cells are
/// split over threads.
pub(super) const MIN_CELLS_PER_PART: usize = 8;

#[cfg(test)]
mod tests {
    use super::cells::*;
    use super::glyphs::*;
    use super::scan::*;
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
