//! The PDF stage: bytes → pages of positioned glyphs, ruling lines, filled
//! rectangles and images.
//!
//! `lopdf` parses the file's objects (with its xref repair, decryption with
//! the empty password, and decompression limits); everything from the
//! content stream on is ours: a tolerant lexer ([`lexer`]), an interpreter
//! that pushes what is painted into a page builder ([`interpret`]) and font
//! decoding with every Unicode source a real disclosure uses ([`font`]).
//!
//! This stage knows nothing of budgets, tables or even lines of text: it
//! reports what is on the page, where. See [`page`] for the coordinate
//! convention every later stage relies on.
//!
//! Not done here: rendering, OCR (see `ocr`), reading order (see `layout`).

mod document;
mod error;
pub(crate) mod font;
mod geom;
mod interpret;
mod lexer;
pub(crate) mod object;
mod page;

pub use document::{Document, DocumentInfo, OpenOptions};
pub use error::Error;
pub(crate) use error::describe;
pub use geom::{BBox, Matrix};
pub use page::{FilledRect, Glyph, ImagePlacement, OcrInfo, Page, PageKind, Rule};
