//! `yusuan tables FILE [--pages …] [--format csv|json]`
//!
//! Every table of the document (joined across page breaks), recognised by
//! kind, as cells: CSV with one row per cell, or JSON with each table and
//! its cells' bounding boxes.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};

use super::pages::PageSelection;
use yusuan::extract::document_tables;
use yusuan::layout::{Settings, layout_page};
use yusuan::pdf::{Document, OpenOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The PDF file.
    pub file: PathBuf,
    /// Pages to read, e.g. `3-5` (default: all). A table running past the
    /// selection is cut at its edge.
    #[arg(long)]
    pub pages: Option<PageSelection>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// Password for an encrypted file.
    #[arg(long)]
    pub password: Option<String>,
}

pub fn run(args: &Args) -> Result<i32> {
    let options = OpenOptions {
        password: args.password.clone(),
        ..OpenOptions::default()
    };
    let doc =
        Document::open_with(&args.file, &options).with_context(|| format!("{}", args.file.display()))?;
    let settings = Settings::default();
    let numbers = match &args.pages {
        Some(sel) => sel.pages(doc.page_count()),
        None => (1..=doc.page_count()).collect(),
    };
    let mut layouts = Vec::with_capacity(numbers.len());
    let mut partial = false;
    for n in numbers {
        let page = doc.page(n).with_context(|| format!("{}", args.file.display()))?;
        for w in &page.warnings {
            eprintln!("{}: {w}", args.file.display());
            partial |= w.kind.makes_partial();
        }
        layouts.push(layout_page(&page, &settings));
    }
    let tables = document_tables(&layouts);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result: Result<()> = match args.format {
        Format::Json => serde_json::to_writer_pretty(&mut out, &tables)
            .map_err(anyhow::Error::from)
            .and_then(|()| out.write_all(b"\n").map_err(anyhow::Error::from)),
        Format::Csv => {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(&mut out);
            let mut write = || -> Result<()> {
                w.write_record([
                    "table_id",
                    "table_kind",
                    "page",
                    "row",
                    "col",
                    "rowspan",
                    "colspan",
                    "header",
                    "text",
                    "title",
                    "unit",
                ])?;
                for t in &tables {
                    let unit = t.unit.map(|u| u.as_str()).unwrap_or("");
                    for c in &t.cells {
                        w.write_record([
                            t.id.as_str(),
                            t.kind.as_str(),
                            &c.page.to_string(),
                            &c.row.to_string(),
                            &c.col.to_string(),
                            &c.rowspan.to_string(),
                            &c.colspan.to_string(),
                            &c.header,
                            &c.text,
                            &t.title,
                            unit,
                        ])?;
                    }
                }
                w.flush()?;
                Ok(())
            };
            write()
        }
    };
    if let Err(e) = result {
        let broken_pipe = e
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe);
        if !broken_pipe {
            return Err(e);
        }
    }
    Ok(if partial {
        super::exit::PARTIAL
    } else {
        super::exit::OK
    })
}
