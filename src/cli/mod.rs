//! The command line: one file per subcommand; `main.rs` only dispatches.
//! Flags map onto library settings here and nowhere else.

pub mod args;
pub mod compare;
pub mod export;
pub mod extract;
pub mod merge;
pub mod panel;
pub mod tables;
pub mod text;

use clap::{Parser, Subcommand};

/// yusuan (预算): turn Chinese government budget-disclosure PDFs into data.
#[derive(Debug, Parser)]
#[command(name = "yusuan", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract documents, facts, tables, line items, projects, indicators and checks into a folder.
    Extract(extract::Args),
    /// Merge output folders (shards) into one.
    Merge(merge::Args),
    /// Write an extract output folder as one SQLite database (typed tables, page search).
    Export(export::Args),
    /// Compare extract output folders: year over year, budget vs final account.
    Compare(compare::Args),
    /// One row per (dept_key, year, doc_kind), one column per metric with its document and page.
    Panel(panel::Args),
    /// Print each page's text in reading order (pages separated by form feeds).
    Text(text::Args),
    /// Print every table as cells (CSV, or JSON with bounding boxes).
    Tables(tables::Args),
    /// One worker process of an `extract` run (started by the run itself).
    #[command(name = "__worker", hide = true)]
    Worker(extract::WorkerArgs),
}

/// `eprintln!` that never panics: a closed stderr (`yusuan extract … 2>&1 |
/// head -2`) drops the line and the run goes on to write its output.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
pub(crate) use note;

/// Exit codes, in one place (a scheduler reads them).
pub mod exit {
    /// Everything worked.
    pub const OK: i32 = 0;
    /// The run completed but some input was partial or failed.
    pub const PARTIAL: i32 = 1;
    /// Usage or I/O error: the run could not do its job.
    pub const USAGE: i32 = 2;
}

/// Whether an error is the reader of our stdout going away (`yusuan tables
/// FILE | head`): not a failure of ours, the output simply stops.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|cause| {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            return io.kind() == BrokenPipe;
        }
        if let Some(c) = cause.downcast_ref::<csv::Error>() {
            return matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe);
        }
        cause
            .downcast_ref::<serde_json::Error>()
            .is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
    })
}
