//! `yusuan tables FILE [--pages …] [--format csv|json]`
//!
//! Every table of the document (joined across page breaks), recognised by
//! kind, as cells: CSV with one row per cell, or JSON with each table and
//! its cells' bounding boxes.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;

use super::pages::PageSelection;
use yusuan::layout::{Settings, layout_page};
use yusuan::ocr::verify::{OcrGlyphs, verify_table};

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
    /// OCR: `auto` reads image-only and undecodable pages with Tesseract,
    /// `always` every page, `never` none.
    #[arg(long, default_value = "auto")]
    pub ocr: yusuan::ocr::OcrMode,
}

pub fn run(args: &Args) -> Result<i32> {
    let settings = Settings::default();
    let opened = super::pages::open_pages(
        &args.file,
        args.password.as_deref(),
        args.pages.as_ref(),
        args.ocr,
        &settings,
    )?;
    let (doc, pages, read_warnings, mut partial) =
        (opened.doc, opened.pages, opened.warnings, opened.partial);
    for w in read_warnings.iter().chain(pages.iter().flat_map(|p| &p.warnings)) {
        eprintln!("{}: {w}", args.file.display());
        partial |= w.kind.makes_partial();
    }
    let layouts: Vec<_> = pages.iter().map(|p| layout_page(p, &settings)).collect();
    let ocr_glyphs = OcrGlyphs::from_pages(&pages);
    drop(pages);
    let extracted = yusuan::extract::extract(&layouts, doc.info().title.as_deref());
    let tables = extracted.tables.clone();
    // Per table: source, and for OCR tables the verdict of its identities;
    // per cell: OCR confidence.
    let ocr_of = |t: &yusuan::extract::DocTable| t.pages.iter().any(|&p| ocr_glyphs.is_ocr_page(p));
    let verdicts: Vec<Option<yusuan::ocr::verify::Verdict>> = tables
        .iter()
        .map(|t| ocr_of(t).then(|| verify_table(&extracted, t)))
        .collect();
    for (t, v) in tables.iter().zip(&verdicts) {
        if let Some(v) = v
            && v.verified == Some(false)
        {
            eprintln!(
                "{}: OCR table {} {} flagged for review: {}",
                args.file.display(),
                t.id,
                t.title,
                v.messages.join("; ")
            );
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result: Result<()> = match args.format {
        Format::Json => {
            let mut value = serde_json::to_value(&tables)?;
            if let Some(list) = value.as_array_mut() {
                for ((v, t), verdict) in list.iter_mut().zip(&tables).zip(&verdicts) {
                    v["source"] = serde_json::json!(if verdict.is_some() { "ocr" } else { "text" });
                    if let Some(verdict) = verdict {
                        v["ocr_verified"] = serde_json::json!(verdict.verified);
                        v["ocr_review"] = serde_json::json!(verdict.messages);
                        if let Some(cells) = v["cells"].as_array_mut() {
                            for (cv, c) in cells.iter_mut().zip(&t.cells) {
                                cv["ocr_confidence"] =
                                    serde_json::json!(ocr_glyphs.confidence_in(c.page, &c.bbox));
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
                        let confidence = ocr_glyphs
                            .confidence_in(c.page, &c.bbox)
                            .map(|v| format!("{v:.1}"))
                            .unwrap_or_default();
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
