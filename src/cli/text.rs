//! `yusuan text FILE [--pages 3-5] [--json]`
//!
//! Each page's text in reading order, pages separated by a form feed like
//! `pdftotext`; with `--json`, one JSON record per line per page with its
//! lines, glyphs (text, box, font, size), ruling lines, filled rectangles,
//! images and whether it is image-only.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use serde::Serialize;

use super::pages::PageSelection;
use yusuan::layout::{Line, Settings, layout_page};
use yusuan::pdf::{FilledRect, Glyph, ImagePlacement, OcrInfo, PageKind, Rule};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The PDF file.
    pub file: PathBuf,
    /// Pages to print, e.g. `3`, `3-5`, `1,4-6`, `7-` (default: all).
    #[arg(long)]
    pub pages: Option<PageSelection>,
    /// One JSON record per page (JSON Lines) instead of plain text.
    #[arg(long)]
    pub json: bool,
    /// Password for an encrypted file (the empty password is always tried).
    #[arg(long)]
    pub password: Option<String>,
    /// OCR: `auto` reads image-only and undecodable pages with Tesseract,
    /// `always` every page, `never` none.
    #[arg(long, default_value = "auto")]
    pub ocr: yusuan::ocr::OcrMode,
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
    let settings = Settings::default();
    let opened = super::pages::open_pages(
        &args.file,
        args.password.as_deref(),
        args.pages.as_ref(),
        args.ocr,
        &settings,
    )?;
    let (read, read_warnings, mut partial) = (opened.pages, opened.warnings, opened.partial);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for w in &read_warnings {
        eprintln!("{}: {w}", args.file.display());
        partial |= w.kind.makes_partial();
    }
    let count = read.len();
    for (i, page) in read.iter().enumerate() {
        let layout = layout_page(page, &settings);
        for w in &page.warnings {
            eprintln!("{}: {w}", args.file.display());
            partial |= w.kind.makes_partial();
        }
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
                warnings: page.warnings.iter().map(ToString::to_string).collect(),
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
    Ok(if partial {
        super::exit::PARTIAL
    } else {
        super::exit::OK
    })
}
