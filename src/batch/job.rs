//! One file, start to finish, isolated: read, hash, open, lay out every
//! page, extract, check. Never panics, never returns an error; whatever
//! happens becomes the record's status and one-line error.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::extract;
use crate::layout::{self, PageLayout};
use crate::output::DocRecord;
use crate::output::record::{DocumentRow, PageText, Status};
use crate::pdf::{Document, OpenOptions, Page, PageKind};
use crate::warning::{Stage, Warning, WarningKind};

/// Per-file settings.
#[derive(Debug, Clone)]
pub struct Settings {
    pub open: OpenOptions,
    pub layout: layout::Settings,
    /// A file still running after this long is stopped and marked failed.
    pub file_timeout: Duration,
    /// Documents with at least this many pages are laid out with pages in
    /// parallel.
    pub parallel_pages_from: usize,
    /// Which pages are read by OCR, and how.
    pub ocr: crate::ocr::OcrSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            open: OpenOptions::default(),
            layout: layout::Settings::default(),
            file_timeout: Duration::from_secs(120),
            parallel_pages_from: 24,
            ocr: crate::ocr::OcrSettings::default(),
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn panic_text(p: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        one_line(s)
    } else {
        "unknown panic".into()
    }
}

fn base_row(path: &Path) -> DocumentRow {
    DocumentRow {
        doc_id: String::new(),
        source_path: path.display().to_string(),
        sha256: String::new(),
        pages: 0,
        producer: String::new(),
        department: String::new(),
        department_short: String::new(),
        region: String::new(),
        year: None,
        doc_kind: String::new(),
        status: Status::Failed,
        text_pages: 0,
        image_pages: 0,
        warnings: Vec::new(),
        error: String::new(),
        level: String::new(),
    }
}

/// Processes one file. Always returns a record.
pub fn process_file(path: &Path, settings: &Settings) -> DocRecord {
    let mut row = base_row(path);
    let bytes = match std::fs::metadata(path) {
        Ok(m) if m.len() > settings.open.max_file_bytes => {
            row.doc_id = super::hex(&Sha256::digest(path.display().to_string().as_bytes()))[..16].to_string();
            row.error = format!(
                "file is {} bytes, over the limit of {} bytes",
                m.len(),
                settings.open.max_file_bytes
            );
            return DocRecord::failed(row);
        }
        _ => std::fs::read(path),
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            row.doc_id = super::hex(&Sha256::digest(path.display().to_string().as_bytes()))[..16].to_string();
            row.error = format!("cannot read file: {e}");
            return DocRecord::failed(row);
        }
    };
    row.sha256 = super::hex(&Sha256::digest(&bytes));
    row.doc_id = row.sha256[..16].to_string();
    let started = Instant::now();
    match catch_unwind(AssertUnwindSafe(|| {
        process_bytes(&bytes, row.clone(), settings, started)
    })) {
        Ok(record) => record,
        Err(panic) => {
            row.error = format!("internal error (please report): {}", panic_text(&panic));
            DocRecord::failed(row)
        }
    }
}

fn process_bytes(bytes: &[u8], mut row: DocumentRow, settings: &Settings, started: Instant) -> DocRecord {
    let doc = match Document::from_bytes(bytes, &settings.open) {
        Ok(d) => d,
        Err(e) => {
            row.error = one_line(&e.to_string());
            return DocRecord::failed(row);
        }
    };
    row.pages = doc.page_count();
    row.producer = doc
        .info()
        .producer
        .clone()
        .or_else(|| doc.info().creator.clone())
        .unwrap_or_default();
    let deadline = started + settings.file_timeout;
    let numbers: Vec<usize> = (1..=doc.page_count()).collect();
    let parallel = numbers.len() >= settings.parallel_pages_from;
    let read = |n: &usize| -> Option<Page> {
        if Instant::now() > deadline {
            return None;
        }
        doc.page(*n).ok()
    };
    let read: Vec<Option<Page>> = if parallel {
        numbers.par_iter().map(read).collect()
    } else {
        numbers.iter().map(read).collect()
    };
    let timed_out = |row: &mut DocumentRow, done: usize| {
        row.error = format!(
            "exceeded --file-timeout of {} s after {done} of {} pages",
            settings.file_timeout.as_secs(),
            row.pages
        );
    };
    if read.iter().any(Option::is_none) || Instant::now() > deadline {
        timed_out(&mut row, read.iter().filter(|r| r.is_some()).count());
        return DocRecord::failed(row);
    }
    let mut pages: Vec<Page> = read.into_iter().flatten().collect();
    let mut warnings: Vec<Warning> = doc.warnings().to_vec();
    // OCR: image-only and undecodable pages, in parallel across pages
    // within this pool (--jobs).
    warnings.extend(crate::ocr::apply(
        &doc,
        &mut pages,
        crate::ocr::PdfSource::Bytes(bytes),
        &settings.ocr,
        &settings.layout,
        Some(deadline),
    ));
    if Instant::now() > deadline {
        timed_out(
            &mut row,
            pages
                .iter()
                .filter(|p| !crate::ocr::needs_ocr(p, settings.ocr.mode) || p.ocr.is_some())
                .count(),
        );
        return DocRecord::failed(row);
    }
    let lay = |p: &Page| -> Option<PageLayout> {
        if Instant::now() > deadline {
            return None;
        }
        Some(layout::layout_page(p, &settings.layout))
    };
    let results: Vec<Option<PageLayout>> = if parallel {
        pages.par_iter().map(lay).collect()
    } else {
        pages.iter().map(lay).collect()
    };
    if results.iter().any(Option::is_none) || Instant::now() > deadline {
        timed_out(&mut row, results.iter().filter(|r| r.is_some()).count());
        return DocRecord::failed(row);
    }
    let ocr_glyphs = crate::ocr::verify::OcrGlyphs::from_pages(&pages);
    let mut layouts = Vec::with_capacity(results.len());
    let mut page_texts = Vec::with_capacity(results.len());
    for (layout, page) in results.into_iter().flatten().zip(pages) {
        match page.kind {
            PageKind::Text | PageKind::ScannedWithText => row.text_pages += 1,
            PageKind::ImageOnly | PageKind::Undecodable if page.ocr.is_some() => row.text_pages += 1,
            PageKind::ImageOnly => row.image_pages += 1,
            _ => {}
        }
        warnings.extend(page.warnings);
        page_texts.push(PageText {
            page: layout.number,
            kind: serde_json::to_value(page.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            lines: layout.lines.iter().map(|l| l.text.clone()).collect(),
            ocr: page.ocr.is_some(),
        });
        layouts.push(layout);
    }
    let extracted = extract::extract(&layouts, doc.info().title.as_deref());
    let m = &extracted.metadata;
    row.department = m.department.clone();
    row.department_short = m.department_short.clone();
    row.region = m.region.clone();
    row.year = m.year;
    row.doc_kind = m.doc_kind.map(|k| k.as_str().to_string()).unwrap_or_default();
    row.level = m.level.as_str().into();
    if m.department.is_empty() || m.year.is_none() {
        warnings.push(Warning::new(
            None,
            Stage::Extract,
            WarningKind::Note,
            "department or fiscal year not found in the text",
        ));
    }
    let checks = crate::check::run(&extracted);
    if Instant::now() > deadline {
        row.error = format!(
            "exceeded --file-timeout of {} s in extraction, after all {} pages were read",
            settings.file_timeout.as_secs(),
            row.pages
        );
        return DocRecord::failed(row);
    }
    let mut record = DocRecord::from_extracted(row, &extracted, page_texts);
    warnings.extend(crate::ocr::verify::annotate(
        &mut record,
        &extracted,
        &layouts,
        &ocr_glyphs,
    ));
    // One line per kind of problem: a scan of 171 pages is one warning
    // with its page list, not 171.
    record.document.warnings = summarise(&warnings);
    record.document.status = if warnings.iter().any(|w| w.kind.makes_partial()) {
        Status::Partial
    } else {
        Status::Ok
    };
    record.checks = checks
        .iter()
        .map(|c| crate::output::record::CheckRow {
            check: c.check.to_string(),
            status: c.status.as_str().to_string(),
            expected: c.expected.map(|v| v.to_string()).unwrap_or_default(),
            actual: c.actual.map(|v| v.to_string()).unwrap_or_default(),
            difference: c.difference.map(|v| v.to_string()).unwrap_or_default(),
            pages: c.pages.clone(),
            message: c.message.clone(),
        })
        .collect();
    record
}

/// Collapses warnings that differ only by page into one line with the
/// page list: `image-only page (scanned, no text layer): pages 1-8`.
pub(crate) fn summarise(warnings: &[Warning]) -> Vec<String> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for w in warnings {
        match groups.iter_mut().find(|(m, _)| *m == w.message) {
            Some((_, pages)) => pages.extend(w.page),
            None => groups.push((w.message.clone(), w.page.into_iter().collect())),
        }
    }
    groups
        .into_iter()
        .map(|(m, mut pages)| {
            pages.sort_unstable();
            pages.dedup();
            if pages.is_empty() {
                m
            } else {
                format!("{m}: pages {}", ranges(&pages))
            }
        })
        .collect()
}

/// `[1,2,3,5]` → `1-3,5`.
fn ranges(pages: &[usize]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let start = pages[i];
        let mut end = start;
        while i + 1 < pages.len() && pages[i + 1] == end + 1 {
            i += 1;
            end = pages[i];
        }
        out.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
        i += 1;
    }
    out.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warning_summary_groups_pages() {
        let w = |p: usize| Warning::new(Some(p), Stage::Pdf, WarningKind::ImageOnly, "image-only page");
        let lines = summarise(&[
            w(1),
            w(2),
            w(3),
            w(7),
            Warning::new(None, Stage::Pdf, WarningKind::Note, "repaired"),
        ]);
        assert_eq!(
            lines,
            vec!["image-only page: pages 1-3,7".to_string(), "repaired".to_string()]
        );
    }
}
