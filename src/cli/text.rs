//! `yusuan text FILE [--pages 3-5] [--json]`
//!
//! Each page's text in reading order, pages separated by a form feed like
//! `pdftotext`; with `--json`, one JSON record per line per page with its
//! lines, glyphs (text, box, font, size), ruling lines, filled rectangles,
//! images and whether it is image-only.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use yusuan::layout::Line;
use yusuan::pdf::{FilledRect, Glyph, ImagePlacement, OcrInfo, PageKind, Rule};
use yusuan::pipeline::Until;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub input: super::args::OneFile,
    /// One JSON record per page (JSON Lines) instead of plain text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct PageRecord<'a> {
    page: usize,
    width: f64,
    height: f64,
    rotation: u16,
    kind: PageKind,
    image_only: bool,
    text: String,
    lines: &'a [Line],
    glyphs: &'a [Glyph],
    rules: &'a [Rule],
    rects: &'a [FilledRect],
    images: &'a [ImagePlacement],
    warnings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ocr: Option<&'a OcrInfo>,
}

/// Returns the process exit code.
pub fn run(args: &Args) -> Result<i32> {
    let processed = args.input.process(Until::Layout, true)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let count = processed.layouts.len();
    for (i, (page, layout)) in processed.pages.iter().zip(&processed.layouts).enumerate() {
        let result = if args.json {
            let record = PageRecord {
                page: page.number,
                width: page.width,
                height: page.height,
                rotation: page.rotation,
                kind: page.kind,
                image_only: page.is_image_only(),
                text: layout.text(),
                lines: &layout.lines,
                glyphs: &page.glyphs,
                rules: &page.rules,
                rects: &page.rects,
                images: &page.images,
                warnings: processed
                    .warnings
                    .iter()
                    .filter(|w| w.page == Some(page.number))
                    .map(ToString::to_string)
                    .collect(),
                ocr: page.ocr.as_ref(),
            };
            serde_json::to_writer(&mut out, &record)
                .map_err(std::io::Error::from)
                .and_then(|()| out.write_all(b"\n"))
        } else {
            let sep: &[u8] = if i + 1 < count { b"\x0c" } else { b"" };
            out.write_all(layout.text().as_bytes())
                .and_then(|()| out.write_all(sep))
        };
        // A closed stdout ends the command here (see `main`).
        result?;
    }
    out.flush()?;
    Ok(if processed.partial() {
        super::exit::PARTIAL
    } else {
        super::exit::OK
    })
}
