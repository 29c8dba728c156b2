//! `yusuan tables FILE [--pages …] [--format csv|json]`
//!
//! Every table of the document (joined across page breaks), recognised by
//! kind, as cells: CSV with one row per cell, or JSON with each table and
//! its cells' bounding boxes.

use anyhow::Result;
use std::io::Write;

use yusuan::pipeline::Until;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub input: super::args::OneFile,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
}

pub fn run(args: &Args) -> Result<i32> {
    let processed = args.input.process(Until::Check, false)?;
    let partial = processed.partial();
    let Some(extracted) = &processed.extracted else {
        anyhow::bail!("{}: not extracted", args.input.file.display());
    };
    let tables = &extracted.tables;
    // Per table: source, and for OCR tables the verdict of its identities;
    // per cell: OCR confidence.
    let layout_of = |n: usize| processed.layouts.iter().find(|l| l.number == n && l.ocr);
    let confidence_in =
        |c: &yusuan::extract::DocCell| layout_of(c.page).and_then(|l| l.confidence_in(&c.bbox));
    let verdicts: Vec<Option<&yusuan::check::ocr_tables::Verdict>> = tables
        .iter()
        .map(|t| {
            processed
                .ocr_verdicts
                .iter()
                .find(|v| v.table_id == t.id)
                .map(|v| &v.verdict)
        })
        .collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result: Result<()> = match args.format {
        Format::Json => {
            let mut value = serde_json::to_value(tables)?;
            if let Some(list) = value.as_array_mut() {
                for ((v, t), verdict) in list.iter_mut().zip(tables.iter()).zip(&verdicts) {
                    v["source"] = serde_json::json!(if verdict.is_some() { "ocr" } else { "text" });
                    if let Some(verdict) = verdict {
                        v["ocr_verified"] = serde_json::json!(verdict.verified);
                        v["ocr_review"] = serde_json::json!(verdict.messages);
                        if let Some(cells) = v["cells"].as_array_mut() {
                            for (cv, c) in cells.iter_mut().zip(&t.cells) {
                                cv["ocr_confidence"] = serde_json::json!(confidence_in(c));
                                cv["ocr_flagged"] =
                                    serde_json::json!(verdict.cells.contains(&(c.row, c.col)));
                            }
                        }
                    }
                }
            }
            serde_json::to_writer_pretty(&mut out, &value)
                .map_err(anyhow::Error::from)
                .and_then(|()| out.write_all(b"\n").map_err(anyhow::Error::from))
        }
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
                    "source",
                    "ocr_confidence",
                    "ocr_verified",
                ])?;
                for (t, verdict) in tables.iter().zip(&verdicts) {
                    let unit = t.unit.map(|u| u.as_str()).unwrap_or("");
                    let source = if verdict.is_some() { "ocr" } else { "text" };
                    let verified = match verdict.as_ref().and_then(|v| v.verified) {
                        Some(true) => "true",
                        Some(false) => "false",
                        None => "",
                    };
                    for c in &t.cells {
                        let confidence = confidence_in(c).map(|v| format!("{v:.1}")).unwrap_or_default();
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
                            source,
                            &confidence,
                            verified,
                        ])?;
                    }
                }
                w.flush()?;
                Ok(())
            };
            write()
        }
    };
    // A closed stdout ends the command here (see `main`).
    result?;
    Ok(if partial {
        super::exit::PARTIAL
    } else {
        super::exit::OK
    })
}
