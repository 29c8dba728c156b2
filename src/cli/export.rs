//! `yusuan export DIR --sqlite FILE`: an extract output folder as one
//! SQLite database (every output table, typed, indexed, money as exact
//! text decimals, full-text search over every page), ready for Datasette.
//! Parquet comes from the Python package (`python -m yusuan parquet`).

use super::note;
use std::path::PathBuf;

use anyhow::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output folder of `yusuan extract` (its docs/*.json records are read).
    pub dir: PathBuf,
    /// The SQLite database to write (replaced if it exists).
    #[arg(long, required = true)]
    pub sqlite: PathBuf,
}

pub fn run(args: &Args) -> Result<i32> {
    let s = yusuan::output::sqlite::export(&args.dir, &args.sqlite)?;
    note!(
        "yusuan: {} documents, {} rows, {} pages -> {}",
        s.documents,
        s.rows,
        s.pages,
        args.sqlite.display()
    );
    Ok(super::exit::OK)
}
