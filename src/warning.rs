//! Warnings: problems smaller than a failed file.
//!
//! A warning never stops a document. It records what could not be read
//! (a font without Unicode, a damaged content stream, an image-only page) so
//! that `documents.csv` can say `status=partial` and list them, in one line
//! each: `page 12: font F3: unknown CMap GBK-EUC-V`.

use std::fmt;

use serde::Serialize;

/// The pipeline stage that raised a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Pdf,
    Layout,
    Ocr,
    Extract,
    Check,
}

/// What kind of problem a warning reports; the kinds that make a document
/// `partial` are listed in [`WarningKind::makes_partial`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// Glyphs whose Unicode cannot be recovered from any source.
    Undecodable,
    /// A page with no text layer (a scan) that was not OCRed.
    ImageOnly,
    /// Damaged structure: content stream, object, filter.
    Damaged,
    /// A resource limit was hit (operators, nesting, stream size).
    Limit,
    /// A font could not be fully loaded, text may be imperfect.
    Font,
    /// Anything informational.
    Note,
}

impl WarningKind {
    /// Whether this kind means part of the document's content was not read.
    pub fn makes_partial(self) -> bool {
        matches!(
            self,
            WarningKind::Undecodable | WarningKind::ImageOnly | WarningKind::Damaged | WarningKind::Limit
        )
    }
}

/// One warning about one document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Warning {
    /// 1-based page, when the problem belongs to one page.
    pub page: Option<usize>,
    pub stage: Stage,
    pub kind: WarningKind,
    pub message: String,
}

impl Warning {
    pub fn new(page: Option<usize>, stage: Stage, kind: WarningKind, message: impl Into<String>) -> Self {
        Warning {
            page,
            stage,
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.page {
            Some(p) => write!(f, "page {p}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}
