//! `yusuan panel DIR... --out FILE`: one row per (dept_key, year,
//! doc_kind), one column per metric with its source document and page.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;

use yusuan::compare;
use yusuan::output::write_atomic;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output folders of `yusuan extract`.
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// File to write: CSV, or a SQLite database (one table, `panel`) when
    /// it ends in `.sqlite`, `.sqlite3` or `.db`; `-` prints CSV to stdout.
    /// (Parquet: `python -m yusuan panel DIR... --out FILE.parquet`.)
    #[arg(long, short)]
    pub out: PathBuf,
}

/// Whether a path names a SQLite database by its extension.
fn is_sqlite(path: &std::path::Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["sqlite", "sqlite3", "db"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

pub fn run(args: &Args) -> Result<i32> {
    let ds = compare::load(&args.dirs)?;
    let p = compare::panel::panel(&ds);
    if args.out.as_os_str() == "-" {
        std::io::stdout().write_all(&compare::panel::to_csv(&p)?)?;
    } else {
        if is_sqlite(&args.out) {
            compare::panel::to_sqlite(&p, &args.out)?;
        } else {
            write_atomic(&args.out, &compare::panel::to_csv(&p)?)?;
        }
        eprintln!(
            "yusuan: panel of {} rows × {} columns ({} documents without a year or department left out) → {}",
            p.rows.len(),
            p.header.len(),
            p.skipped,
            args.out.display()
        );
    }
    Ok(super::exit::OK)
}
