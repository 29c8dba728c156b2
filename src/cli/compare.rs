//! `yusuan compare DIR... --out FILE`: year-over-year and budget-vs-final
//! comparison of extract output folders.

use super::note;
use std::path::PathBuf;

use anyhow::Result;

use yusuan::compare::{self, Names};
use yusuan::output::write_atomic;

/// What `--out` gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// comparison.csv: one row per department × item × year.
    Csv,
    /// A readable summary: biggest cuts and rises, disagreements, failed checks.
    Md,
    /// One self-contained HTML page with charts (no network, no scripts).
    Html,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output folders of `yusuan extract` (several years, departments, shards).
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// File to write; `-` prints to stdout (md and csv).
    #[arg(long, short)]
    pub out: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// More department names: a CSV of `kind,from,to,note` rows, `alias`
    /// (FROM is another name of TO: a renamed body) or `rewrite` (a regular
    /// expression applied to every name), added to data/department_names.csv.
    #[arg(long)]
    pub aliases: Option<PathBuf>,
    /// Instead of years, compare the departments of one region and year:
    /// a CSV ranking of 三公, 机关运行经费, total spending and 一般公共预算
    /// spending by function class (csv only).
    #[arg(long)]
    pub across: bool,
}

pub fn run(args: &Args) -> Result<i32> {
    let mut names = Names::built_in()?;
    if let Some(f) = &args.aliases {
        names.add_file(f)?;
    }
    let ds = compare::load(&args.dirs)?;
    if args.across {
        if args.format != Format::Csv {
            anyhow::bail!("--across writes CSV only (--format csv)");
        }
        let rows = compare::across::across(&ds, &names);
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        w.write_record(compare::across::COLUMNS)?;
        for r in &rows {
            w.write_record(r)?;
        }
        let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
        if args.out.as_os_str() == "-" {
            use std::io::Write;
            std::io::stdout().write_all(&bytes)?;
        } else {
            write_atomic(&args.out, &bytes)?;
            eprintln!("yusuan: ranked {} figures → {}", rows.len(), args.out.display());
        }
        return Ok(super::exit::OK);
    }
    let c = compare::compare(&ds, &names);
    let to_stdout = args.out.as_os_str() == "-";
    match args.format {
        Format::Csv if to_stdout => {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(std::io::stdout());
            w.write_record(compare::COLUMNS)?;
            for r in &c.rows {
                w.write_record(r.record())?;
            }
            w.flush()?;
        }
        Format::Csv => compare::write_csv(&c, &args.out)?,
        Format::Md if to_stdout => print!("{}", compare::report::markdown(&c, &ds)),
        Format::Md => write_atomic(&args.out, compare::report::markdown(&c, &ds).as_bytes())?,
        Format::Html => {
            // Page references link to the PDFs, relative to the report's folder.
            let base = args.out.parent().map(|p| {
                if p.as_os_str().is_empty() {
                    std::path::Path::new(".")
                } else {
                    p
                }
            });
            write_atomic(&args.out, compare::report::html(&c, &ds, base).as_bytes())?
        }
    }
    if !to_stdout {
        note!(
            "yusuan: compared {} documents of {} departments: {} rows, {} flagged → {}",
            ds.docs.len(),
            c.names.len(),
            c.rows.len(),
            c.rows.iter().filter(|r| !r.flags.is_empty()).count(),
            args.out.display()
        );
    }
    Ok(super::exit::OK)
}
