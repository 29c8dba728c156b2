//! yusuan (预算): Chinese government budget-disclosure PDFs → comparable data.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! - [`pdf`]: bytes → pages of positioned glyphs, rules and images;
//! - [`ocr`]: scanned pages → the same pages of glyphs and rules (Tesseract);
//! - [`layout`]: glyphs → lines; rules → tables of cells;
//! - [`extract`]: lines and tables → tables with kinds, facts, line items;
//! - [`normalize`]: numbers, units, labels, 科目 codes;
//! - [`check`]: consistency checks (T1–T9, N1–N2);
//! - [`output`]: per-document records → the contract's CSVs and JSON;
//! - [`batch`]: many files in parallel, each isolated.
//!
//! ```no_run
//! let doc = yusuan::pdf::Document::open("部门预算.pdf")?;
//! let page = doc.page(1)?;
//! println!("{} glyphs on page 1", page.glyphs.len());
//! # Ok::<(), yusuan::pdf::Error>(())
//! ```

pub mod batch;
pub mod check;
pub mod compare;
pub mod extract;
pub mod layout;
mod limit;
pub mod normalize;
pub mod ocr;
pub mod output;
mod panic;
mod patterns;
pub mod pdf;
pub mod pipeline;
pub mod rules;
pub mod stop;
mod warning;

pub use warning::{Stage, Warning, WarningKind};
