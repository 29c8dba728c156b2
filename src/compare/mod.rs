//! `yusuan compare`: what changed between years, and between a budget and
//! its final account, across extract output folders.
//!
//! Reads the contract's CSVs ([`input`]), matches departments across years
//! and documents by normalised name and aliases ([`names`]), and builds one
//! row per department × item × year ([`rows`]): metrics of `facts.csv`,
//! line items by 科目 code, projects by name, each with the previous year's
//! value, the computed change, and the change the document states where it
//! states one — flagged when the two disagree. [`report`] renders the same
//! as Markdown or as one self-contained HTML page.

pub mod across;
pub mod input;
pub mod names;
pub mod panel;
pub mod report;
pub mod rows;

use std::path::Path;

use anyhow::Result;

pub use input::{Dataset, load};
pub use names::Names;
pub use rows::{COLUMNS, Compared, Row, compare};

use crate::output::AtomicFile;

/// Writes `comparison.csv` atomically.
pub fn write_csv(c: &Compared, path: &Path) -> Result<()> {
    let mut file = AtomicFile::create(path)?;
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(file.writer());
        w.write_record(COLUMNS)?;
        for r in &c.rows {
            w.write_record(r.record())?;
        }
        w.flush()?;
    }
    file.commit()
}
