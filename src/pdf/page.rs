//! What the PDF stage produces for one page.
//!
//! Coordinates: PDF points (1/72 inch), origin at the bottom-left of the page
//! **as displayed**: the crop box's lower-left corner is (0, 0) and the
//! page's `/Rotate` has been applied, so a landscape page stored as portrait
//! with `/Rotate 90` reports `width > height` and upright glyphs. Every later
//! stage works in this space.

use std::sync::Arc;

use compact_str::CompactString;

use serde::Serialize;

use super::geom::{BBox, Matrix};
use crate::warning::Warning;

/// One glyph as painted.
#[derive(Debug, Clone, Serialize)]
pub struct Glyph {
    /// The text this glyph stands for (usually one character; a ligature
    /// gives several). Empty when no Unicode could be recovered: see
    /// `decoded`. Stored inline when short (a page has thousands).
    pub text: CompactString,
    /// Box from the baseline's descent to its ascent over the glyph's
    /// advance.
    pub bbox: BBox,
    /// Font name without subset tag.
    pub font: Arc<str>,
    /// Rendered font size in points (font size × text and CTM scale).
    pub size: f64,
    /// Direction of the baseline in degrees, counter-clockwise, rounded:
    /// 0 for normal text, 90 for text running upwards, 270 downwards.
    pub dir: u16,
    /// Painted visibly (text render mode 3 — invisible, as in an OCR layer —
    /// gives `false`).
    pub visible: bool,
    /// Whether `text` was recovered from the font; `false` means the glyph
    /// is on the page but its character is unknown.
    pub decoded: bool,
    /// For a glyph read by OCR: the engine's confidence in its word, 0–100.
    /// `None` for glyphs from the text layer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
}

/// A stroked straight line segment (a table rule).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rule {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    /// Line width in points.
    pub width: f64,
}

impl Rule {
    pub fn is_vertical(&self, tolerance: f64) -> bool {
        (self.x1 - self.x0).abs() <= tolerance
    }
}

/// An axis-aligned rectangle that was filled. Excel and WPS draw cell
/// borders as thin filled rectangles, so these are table material too.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct FilledRect {
    pub bbox: BBox,
    /// Fill colour as a gray level, 0 = black … 1 = white; `None` for
    /// patterns and colour spaces we do not evaluate.
    pub gray: Option<f64>,
}

/// An image painted on the page.
#[derive(Debug, Clone, Serialize)]
pub struct ImagePlacement {
    /// Where the image lands on the page.
    pub bbox: BBox,
    pub width_px: u32,
    pub height_px: u32,
    /// The image XObject (`None` for inline images).
    #[serde(skip)]
    pub object: Option<(u32, u16)>,
    /// Stream filters, e.g. `DCTDecode`.
    pub filters: Vec<String>,
    /// Image space (the unit square) → page space: where each pixel lands,
    /// turned and flipped as painted (OCR reads the image upright from it).
    #[serde(skip)]
    pub matrix: Matrix,
}

/// What kind of content a page has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// A text layer that decodes.
    Text,
    /// A scanned page (an image covering it) with an invisible text layer
    /// added by OCR software.
    ScannedWithText,
    /// Images only, no text layer: a scan.
    ImageOnly,
    /// Text is painted, but most of its glyphs have no Unicode anywhere.
    Undecodable,
    /// Nothing (or only rules) on the page.
    Blank,
}

/// One page of a document.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// 1-based page number.
    pub number: usize,
    /// Displayed size in points (rotation applied).
    pub width: f64,
    pub height: f64,
    /// The page's `/Rotate`, normalised to 0, 90, 180 or 270.
    pub rotation: u16,
    pub kind: PageKind,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    pub rects: Vec<FilledRect>,
    pub images: Vec<ImagePlacement>,
    #[serde(skip)]
    pub warnings: Vec<Warning>,
    /// Set when the glyphs (and, for a scan, the rules) were read by OCR
    /// rather than from the text layer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocr: Option<OcrInfo>,
}

/// How a page was read by OCR (see `crate::ocr`).
#[derive(Debug, Clone, Serialize)]
pub struct OcrInfo {
    /// Engine and language, e.g. `tesseract 5.3.0 chi_sim`.
    pub engine: String,
    /// Where the pixels came from: `image 5 0 (DCT, 1241×1754 px)` or
    /// `rendered by pdftoppm`.
    pub image: String,
    /// Resolution of the image read, pixels per inch.
    pub dpi: f64,
    /// Rotation measured and undone before reading, degrees
    /// counter-clockwise. Coordinates of an OCRed page are those of the
    /// straightened page.
    pub deskew_degrees: f64,
    /// Words recognised.
    pub words: usize,
    /// Mean word confidence, 0–100.
    pub mean_confidence: f64,
    /// Ruling lines found in the image.
    pub rules_found: usize,
}

impl Page {
    /// A scanned page with no text: the caller may OCR it.
    pub fn is_image_only(&self) -> bool {
        self.kind == PageKind::ImageOnly
    }

    /// Fraction of the page area covered by images (overlaps counted once
    /// per image, capped at 1).
    pub fn image_coverage(&self) -> f64 {
        let page = BBox::new(0.0, 0.0, self.width, self.height);
        let area = page.area();
        if area <= 0.0 {
            return 0.0;
        }
        let covered: f64 = self
            .images
            .iter()
            .filter_map(|im| im.bbox.intersection(&page))
            .map(|b| b.area())
            .sum();
        (covered / area).min(1.0)
    }

    /// Classifies the page from what was painted on it.
    pub(crate) fn classify(&mut self) {
        let painted: Vec<&Glyph> = self
            .glyphs
            .iter()
            .filter(|g| !g.text.trim().is_empty() || !g.decoded)
            .collect();
        let coverage = self.image_coverage();
        self.kind = if painted.is_empty() {
            if self.images.is_empty() {
                PageKind::Blank
            } else {
                PageKind::ImageOnly
            }
        } else {
            let undecoded = painted.iter().filter(|g| !g.decoded).count();
            let all_invisible = painted.iter().all(|g| !g.visible);
            if undecoded * 2 > painted.len() {
                PageKind::Undecodable
            } else if all_invisible && coverage > 0.5 {
                PageKind::ScannedWithText
            } else {
                PageKind::Text
            }
        };
    }
}
