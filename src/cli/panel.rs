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
    /// CSV file to write; `-` prints to stdout.
    #[arg(long, short)]
    pub out: PathBuf,
}

pub fn run(args: &Args) -> Result<i32> {
    let ds = compare::load(&args.dirs)?;
    let p = compare::panel::panel(&ds);
    let bytes = compare::panel::to_csv(&p)?;
    if args.out.as_os_str() == "-" {
        std::io::stdout().write_all(&bytes)?;
    } else {
        write_atomic(&args.out, &bytes)?;
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
