//! The whole pipeline for one document, in one place.
//!
//! [`process`] is the only code that strings the stages together: read the
//! bytes and hash them, open the PDF (`pdf`), interpret the pages, read
//! scans (`ocr`), lay the pages out (`layout`), extract (`extract`), check
//! (`check`); [`Processed::record`] turns the result into the output
//! stage's record. The batch runner, every CLI command, the examples, the
//! tests and the fuzz targets call it, so they cannot drift apart.
//!
//! It never panics and never leaves a document half-done: a panic in any
//! stage, a file over its size limit or its deadline, a file that is not a
//! PDF, each is a [`Failure`] with a one-line reason; damage that still
//! leaves pages to read is a warning, and the document is `partial`.
//!
//! [`Settings::until`] stops early for the commands that need less (`text`
//! stops after the layout, keeping the pages' glyphs).

mod pages;

use std::collections::BTreeSet;
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::check::{self, CheckResult, ocr_tables::TableVerdict};
use crate::extract::{self, Extracted};
use crate::layout::{self, PageLayout};
use crate::ocr::{self, OcrSettings};
use crate::output::record::{CheckRow, DocRecord, DocumentRow, PageText, Status};
use crate::pdf::{Document, DocumentInfo, OpenOptions, Page, PageKind};
use crate::warning::{Stage, Warning, WarningKind};

pub use pages::PageSelection;

/// Defaults that more than one place needs, named once.
pub mod defaults {
    use std::time::Duration;

    /// How long one document may take, all stages and OCR runs included.
    /// Long enough for a 200-page born-digital document on a slow machine
    /// (they take about a second); a long scan needs more (`--file-timeout`).
    pub const FILE_TIMEOUT: Duration = Duration::from_secs(120);
    /// Largest file accepted, in megabytes: real disclosures are under
    /// 50 MB; a gigabyte is a scan of several hundred pages at most.
    pub const MAX_FILE_MB: u64 = 1024;
    /// Documents with at least this many pages are read and laid out with
    /// pages in parallel: below it, files in parallel already keep the
    /// cores busy.
    pub const PARALLEL_PAGES_FROM: usize = 24;
    /// The memory one document may use, in megabytes (`--max-memory-mb`):
    /// shared out below as budgets, not measured (the OCR engine's own
    /// memory follows from [`MAX_IMAGE_PIXELS`]).
    pub const MAX_MEMORY_MB: u64 = 1024;
    /// Bytes the content and form streams of a document may decode to in
    /// all: half the memory budget. A 500-page disclosure decodes some
    /// 50 MB; 300 references to one 60 MB stream would decode 18 GB.
    pub const MAX_DOCUMENT_DECODED_BYTES: usize = (MAX_MEMORY_MB as usize / 2) << 20;
    /// Glyphs all pages of a document may hold until they are laid out, at
    /// some 100 bytes each: a quarter of the memory budget. A 500-page
    /// disclosure holds some 1,500,000.
    pub const MAX_DOCUMENT_GLYPHS: usize = ((MAX_MEMORY_MB as usize) << 20) / 4 / 100;
    /// Pixels of one image decoded for OCR (a gray byte each), and so what
    /// Tesseract is given: at some 17 bytes a pixel it stays near 1 GB. An
    /// A4 scan at 600 dpi is 35 Mpx.
    pub const MAX_IMAGE_PIXELS: usize = 64 << 20;

    /// What a process needs besides a document's data, in megabytes: the
    /// program with its rule tables and compiled patterns (some 45 MB
    /// measured), a 2 MB stack and a malloc arena per thread, and the
    /// allocator's slack — a born-digital corpus peaks at 115 MB with one
    /// thread. Tesseract needs some 80 MB for its Chinese model before the
    /// image. Added to `--max-memory-mb` to make [`memory_ceiling`].
    pub const MEMORY_HEADROOM_MB: u64 = 256;

    /// The memory ceiling, in bytes, of a batch worker process and of each
    /// OCR engine run (Tesseract, pdftoppm), for `--max-memory-mb` `mb`:
    /// `mb` + [`MEMORY_HEADROOM_MB`], enforced with `setrlimit(RLIMIT_DATA)`
    /// (see `src/limit.rs`). The budgets share out `mb`; the ceiling
    /// catches what they do not foresee.
    pub fn memory_ceiling(mb: u64) -> u64 {
        mb.saturating_add(MEMORY_HEADROOM_MB).saturating_mul(1 << 20)
    }

    /// The budgets above for a memory ceiling of `mb` megabytes:
    /// (decoded bytes, glyphs, image pixels), each in proportion.
    pub fn budgets(mb: u64) -> (usize, usize, usize) {
        let bytes = usize::try_from(mb.saturating_mul(1 << 20)).unwrap_or(usize::MAX);
        let scale = |default: usize| {
            (default as u128 * bytes as u128 / ((MAX_MEMORY_MB as u128) << 20)).min(usize::MAX as u128)
                as usize
        };
        (
            scale(MAX_DOCUMENT_DECODED_BYTES),
            scale(MAX_DOCUMENT_GLYPHS),
            scale(MAX_IMAGE_PIXELS),
        )
    }
}

/// Where a document comes from.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    /// A file on disk (read whole, after its size is checked).
    Path(&'a Path),
    /// Bytes in memory, with the name to report them under.
    Bytes { bytes: &'a [u8], name: &'a str },
}

/// How far [`process`] goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Until {
    /// Pages laid out into lines and tables (`yusuan text`).
    Layout,
    /// Tables recognised, facts, line items, projects (no checks).
    Extract,
    /// Everything, checks included (`yusuan extract`, `yusuan tables`).
    #[default]
    Check,
}

/// Everything that decides how one document is processed.
#[derive(Debug, Clone)]
pub struct Settings {
    pub open: OpenOptions,
    pub layout: layout::Settings,
    pub ocr: OcrSettings,
    /// A document still running after this long is stopped: a [`Failure`].
    pub timeout: Duration,
    /// Read and lay out pages in parallel from this many pages on.
    pub parallel_pages_from: usize,
    /// Only these pages (all when `None`); a table running past the
    /// selection is cut at its edge.
    pub pages: Option<PageSelection>,
    /// The last stage to run.
    pub until: Until,
    /// Keep every page's glyphs, rules and images in [`Processed::pages`]
    /// (`yusuan text --json`); otherwise they are dropped after layout.
    pub keep_pages: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            open: OpenOptions::default(),
            layout: layout::Settings::default(),
            ocr: OcrSettings::default(),
            timeout: defaults::FILE_TIMEOUT,
            parallel_pages_from: defaults::PARALLEL_PAGES_FROM,
            pages: None,
            until: Until::default(),
            keep_pages: false,
        }
    }
}

impl Settings {
    /// Rejects settings that cannot work: nonsense layout tolerances, no
    /// time at all is fine (a file then fails at once), no bytes allowed
    /// is not.
    pub fn validate(&self) -> Result<(), String> {
        self.layout.validate()?;
        if self.open.max_file_bytes == 0 {
            return Err("the largest file accepted must be more than 0 bytes".into());
        }
        if self.parallel_pages_from == 0 {
            return Err("parallel_pages_from must be at least 1".into());
        }
        Ok(())
    }
}

/// Which file a result is about: its name as given and its identity.
#[derive(Debug, Clone, Default)]
pub struct Source {
    /// The path as given (or the name given with the bytes).
    pub path: String,
    /// SHA-256 of the bytes, hex; empty when the bytes could not be read.
    pub sha256: String,
    /// First 16 hex digits of `sha256` (of the path's text when the file
    /// could not be read, so that the failure still has a stable id).
    pub doc_id: String,
}

/// Why a document yielded nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FailureKind {
    /// The file could not be read (missing, permission, I/O).
    Unreadable,
    /// Over a size or object limit.
    TooLarge,
    /// Not a PDF, or damaged beyond repair, or without pages.
    NotPdf,
    /// Encrypted with a password we do not have.
    Encrypted,
    /// Over its time limit.
    TimedOut,
    /// A bug of ours (a panic), caught.
    Internal,
    /// Stopped by SIGINT/SIGTERM ([`crate::stop`]) before it finished: not
    /// a fault of the file; the batch keeps no record of it.
    Interrupted,
}

/// A document that yielded nothing, with the one-line reason.
#[derive(Debug, Clone)]
pub struct Failure {
    pub kind: FailureKind,
    /// One line, in the project's words (`not a PDF file (no %PDF header)`).
    pub message: String,
    pub source: Box<Source>,
    /// What was known before it failed (page count, producer).
    pub page_count: usize,
    pub producer: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

impl Failure {
    /// The record of a document that yielded nothing.
    pub fn record(&self) -> DocRecord {
        let mut row = base_row(&self.source);
        row.pages = self.page_count;
        row.producer = self.producer.clone();
        row.error = self.message.clone();
        DocRecord::failed(row)
    }
}

/// A document, processed as far as [`Settings::until`] says.
#[derive(Debug, Clone)]
pub struct Processed {
    pub source: Source,
    pub info: DocumentInfo,
    /// Pages in the document (not only the selected ones).
    pub page_count: usize,
    /// The pages read (glyphs, rules, images), when
    /// [`Settings::keep_pages`]; else empty.
    pub pages: Vec<Page>,
    /// The selected pages' layouts, in page order.
    pub layouts: Vec<PageLayout>,
    /// Everything extracted (`None` with [`Until::Layout`]).
    pub extracted: Option<Extracted>,
    /// Every check's results (empty before [`Until::Check`]).
    pub checks: Vec<CheckResult>,
    /// The verdict of each table read by OCR.
    pub ocr_verdicts: Vec<TableVerdict>,
    /// Everything that went wrong short of a failure, in the order met.
    pub warnings: Vec<Warning>,
}

impl Processed {
    /// Whether part of the document could not be read.
    pub fn partial(&self) -> bool {
        self.warnings.iter().any(|w| w.kind.makes_partial())
    }

    /// The output stage's record of this document.
    pub fn record(&self) -> DocRecord {
        let mut row = base_row(&self.source);
        row.pages = self.page_count;
        row.producer = self
            .info
            .producer
            .clone()
            .or_else(|| self.info.creator.clone())
            .unwrap_or_default();
        let mut page_texts = Vec::with_capacity(self.layouts.len());
        for l in &self.layouts {
            match l.kind {
                PageKind::Text | PageKind::ScannedWithText => row.text_pages += 1,
                PageKind::ImageOnly | PageKind::Undecodable if l.ocr => row.text_pages += 1,
                PageKind::ImageOnly => row.image_pages += 1,
                _ => {}
            }
            page_texts.push(PageText {
                page: l.number,
                kind: serde_json::to_value(l.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                lines: l.lines.iter().map(|l| l.text.clone()).collect(),
                ocr: l.ocr,
            });
        }
        let Some(extracted) = &self.extracted else {
            let mut record = DocRecord::failed(row);
            record.page_texts = page_texts;
            record.document.warnings = summarise(&self.warnings);
            record.document.status = if self.partial() {
                Status::Partial
            } else {
                Status::Ok
            };
            return record;
        };
        let m = &extracted.metadata;
        row.department = m.department.clone();
        row.department_short = m.department_short.clone();
        row.region = m.region.clone();
        row.year = m.year;
        row.doc_kind = m.doc_kind.map(|k| k.as_str().to_string()).unwrap_or_default();
        row.level = m.level.as_str().into();
        row.parent_in_text = m.parent_department.clone();
        row.tables_found = extract::coverage::tables_found(extracted)
            .into_iter()
            .map(String::from)
            .collect();
        row.metrics_missing = extract::coverage::metrics_missing(extracted);
        let mut record = DocRecord::from_extracted(row, extracted, page_texts);
        crate::output::record::mark_ocr(&mut record, extracted, &self.layouts, &self.ocr_verdicts);
        // One line per kind of problem: a scan of 171 pages is one warning
        // with its page list, not 171.
        record.document.warnings = summarise(&self.warnings);
        record.document.status = if self.partial() {
            Status::Partial
        } else {
            Status::Ok
        };
        record.checks = self
            .checks
            .iter()
            .map(|c| CheckRow {
                check: c.check.to_string(),
                status: c.status.as_str().to_string(),
                expected: c.expected.map(|v| v.to_string()).unwrap_or_default(),
                actual: c.actual.map(|v| v.to_string()).unwrap_or_default(),
                difference: c.difference.map(|v| v.to_string()).unwrap_or_default(),
                pages: c.pages.clone(),
                message: c.message.clone(),
                severity: c.severity.map(|s| s.as_str().to_string()).unwrap_or_default(),
            })
            .collect();
        record
    }
}

fn base_row(source: &Source) -> DocumentRow {
    DocumentRow {
        doc_id: source.doc_id.clone(),
        source_path: source.path.clone(),
        sha256: source.sha256.clone(),
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
        tables_found: Vec::new(),
        metrics_missing: Vec::new(),
        source: Default::default(),
        parent_in_text: String::new(),
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Runs the pipeline on one document. Never panics: whatever stops the
/// document is a [`Failure`] with a one-line reason.
pub fn process(input: Input<'_>, settings: &Settings) -> Result<Processed, Failure> {
    let started = Instant::now();
    let (path, owned);
    let bytes: &[u8] = match input {
        Input::Bytes { bytes, name } => {
            path = name.to_string();
            bytes
        }
        Input::Path(p) => {
            path = path_text(p);
            owned = read_file(p, settings, deadline_from(started, settings))?;
            &owned
        }
    };
    let sha256 = hex(&Sha256::digest(bytes));
    let source = Source {
        doc_id: sha256[..16].to_string(),
        sha256,
        path,
    };
    let deadline = deadline_from(started, settings);
    guarded(source.clone(), || run(bytes, input, &source, settings, deadline))
}

fn deadline_from(started: Instant, settings: &Settings) -> Instant {
    started
        .checked_add(settings.timeout)
        .unwrap_or_else(|| started + Duration::from_secs(365 * 24 * 3600))
}

/// Whether a document must stop now: past its deadline, or a stop was
/// asked for (SIGINT/SIGTERM, [`crate::stop`]).
fn expired(deadline: Instant) -> bool {
    crate::stop::requested() || Instant::now() > deadline
}

/// The failure of a document stopped at a deadline check: `Interrupted`
/// when a signal asked for the stop, else `TimedOut` with `what` (`after 3
/// of 9 pages`).
fn stopped(source: &Source, settings: &Settings, page_count: usize, producer: &str, what: &str) -> Failure {
    let (kind, message) = match crate::stop::signal_name() {
        Some(signal) => (
            FailureKind::Interrupted,
            format!("interrupted by {signal} {what}"),
        ),
        None => (
            FailureKind::TimedOut,
            format!(
                "exceeded --file-timeout of {} s {what}",
                settings.timeout.as_secs()
            ),
        ),
    };
    Failure {
        kind,
        message,
        source: Box::new(source.clone()),
        page_count,
        producer: producer.to_string(),
    }
}

/// A file's name as text, as `source_path` and messages give it: as is
/// when it is UTF-8 (and has no backslash); on Unix, each byte that is not
/// UTF-8 is written `\xNN` and each backslash `\\`, so the name's bytes can
/// always be recovered.
pub fn path_text(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        if std::str::from_utf8(bytes).is_err() || bytes.contains(&b'\\') {
            let mut out = String::with_capacity(bytes.len() + 8);
            for chunk in bytes.utf8_chunks() {
                out.push_str(&chunk.valid().replace('\\', "\\\\"));
                for b in chunk.invalid() {
                    out.push_str(&format!("\\x{b:02x}"));
                }
            }
            return out;
        }
    }
    path.display().to_string()
}

/// A failure of the file at `path` before its bytes were read: its id is
/// the hash of its name (so that the failure still has a stable id).
pub fn file_failure(path: &Path, kind: FailureKind, message: String) -> Failure {
    let text = path_text(path);
    Failure {
        kind,
        message,
        source: Box::new(Source {
            doc_id: hex(&Sha256::digest(text.as_bytes()))[..16].to_string(),
            path: text,
            sha256: String::new(),
        }),
        page_count: 0,
        producer: String::new(),
    }
}

/// An input file opened for reading, after the checks that need no read:
/// it is a regular file (a FIFO, device or socket — or a symlink to one,
/// like `/dev/zero` — would block or never end) and within the size limit
/// by its metadata. Returns the file and its size.
pub fn open_file(path: &Path, settings: &Settings) -> Result<(std::fs::File, u64), Failure> {
    let failed = |kind: FailureKind, message: String| file_failure(path, kind, message);
    let check = |m: &std::fs::Metadata| -> Result<u64, Failure> {
        if !m.is_file() {
            return Err(failed(
                FailureKind::Unreadable,
                format!("not a regular file ({}): refused unread", file_type_name(m)),
            ));
        }
        if m.len() > settings.open.max_file_bytes {
            return Err(failed(
                FailureKind::TooLarge,
                format!(
                    "file is {} bytes, over the limit of {} bytes (--max-file-mb)",
                    m.len(),
                    settings.open.max_file_bytes
                ),
            ));
        }
        Ok(m.len())
    };
    let meta = std::fs::metadata(path)
        .map_err(|e| failed(FailureKind::Unreadable, format!("cannot read file: {e}")))?;
    check(&meta)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Never block in open(2), should the file have been replaced by a
        // FIFO since it was looked at.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options
        .open(path)
        .map_err(|e| failed(FailureKind::Unreadable, format!("cannot read file: {e}")))?;
    // The file opened is the file checked.
    let meta = file
        .metadata()
        .map_err(|e| failed(FailureKind::Unreadable, format!("cannot read file: {e}")))?;
    let len = check(&meta)?;
    Ok((file, len))
}

fn file_type_name(m: &std::fs::Metadata) -> &'static str {
    if m.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a plain file"
}

/// Reads an input file whole, in chunks, checked by [`open_file`] first
/// and within `deadline`; never more than the size limit, even if the file
/// grows while it is read.
pub fn read_file(path: &Path, settings: &Settings, deadline: Instant) -> Result<Vec<u8>, Failure> {
    let hint = std::fs::metadata(path).map_or(0, |m| m.len().min(settings.open.max_file_bytes));
    let mut bytes = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    each_chunk(path, settings, deadline, |c| bytes.extend_from_slice(c))?;
    Ok(bytes)
}

/// SHA-256 (hex) of an input file, with the checks and limits of
/// [`read_file`], without holding it in memory.
pub fn hash_file(path: &Path, settings: &Settings, deadline: Instant) -> Result<String, Failure> {
    let mut h = Sha256::new();
    each_chunk(path, settings, deadline, |c| h.update(c))?;
    Ok(hex(&h.finalize()))
}

fn each_chunk(
    path: &Path,
    settings: &Settings,
    deadline: Instant,
    mut f: impl FnMut(&[u8]),
) -> Result<(), Failure> {
    use std::io::Read;
    let (file, len) = open_file(path, settings)?;
    let limit = settings.open.max_file_bytes;
    let mut reader = file.take(limit.saturating_add(1));
    let mut buf = vec![0u8; (1 << 20).min(len as usize + 1).max(1 << 12)];
    let mut total: u64 = 0;
    loop {
        if expired(deadline) {
            return Err(match crate::stop::signal_name() {
                Some(signal) => file_failure(
                    path,
                    FailureKind::Interrupted,
                    format!("interrupted by {signal} while reading the file"),
                ),
                None => file_failure(
                    path,
                    FailureKind::TimedOut,
                    format!(
                        "exceeded --file-timeout of {} s while reading the file",
                        settings.timeout.as_secs()
                    ),
                ),
            });
        }
        let n = match reader.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(file_failure(
                    path,
                    FailureKind::Unreadable,
                    format!("cannot read file: {e}"),
                ));
            }
        };
        if n == 0 {
            return Ok(());
        }
        total += n as u64;
        if total > limit {
            return Err(file_failure(
                path,
                FailureKind::TooLarge,
                format!("file is over the limit of {limit} bytes (--max-file-mb)"),
            ));
        }
        f(&buf[..n]);
    }
}

/// Runs `f`, a panic in it becoming an `Internal` failure of `source`
/// (the panic's message, one line): a bug of ours costs one document.
fn guarded(source: Source, f: impl FnOnce() -> Result<Processed, Failure>) -> Result<Processed, Failure> {
    match crate::panic::guard(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(panic) => Err(Failure {
            kind: FailureKind::Internal,
            message: format!(
                "internal error (please report): {}",
                crate::panic::message(&panic)
            ),
            source: Box::new(source),
            page_count: 0,
            producer: String::new(),
        }),
    }
}

fn run(
    bytes: &[u8],
    input: Input<'_>,
    source: &Source,
    settings: &Settings,
    deadline: Instant,
) -> Result<Processed, Failure> {
    let doc = Document::from_bytes(bytes, &settings.open).map_err(|e| Failure {
        kind: match e {
            crate::pdf::Error::PasswordRequired => FailureKind::Encrypted,
            crate::pdf::Error::TooLarge { .. } | crate::pdf::Error::TooManyObjects { .. } => {
                FailureKind::TooLarge
            }
            crate::pdf::Error::Io(_) => FailureKind::Unreadable,
            _ => FailureKind::NotPdf,
        },
        message: one_line(&e.to_string()),
        source: Box::new(source.clone()),
        page_count: 0,
        producer: String::new(),
    })?;
    let page_count = doc.page_count();
    let producer = doc
        .info()
        .producer
        .clone()
        .or_else(|| doc.info().creator.clone())
        .unwrap_or_default();
    let over = |done: usize| {
        stopped(
            source,
            settings,
            page_count,
            &producer,
            &format!("after {done} of {page_count} pages"),
        )
    };
    let numbers: Vec<usize> = match &settings.pages {
        Some(sel) => sel.pages(page_count),
        None => (1..=page_count).collect(),
    };
    let parallel = numbers.len() >= settings.parallel_pages_from;
    let mut warnings: Vec<Warning> = doc.warnings().to_vec();

    // pdf: interpret the pages.
    let read = |&n: &usize| -> Option<Result<Page, Warning>> {
        if expired(deadline) {
            return None;
        }
        Some(
            doc.page(n)
                .map_err(|e| Warning::new(Some(n), Stage::Pdf, WarningKind::Damaged, e.to_string())),
        )
    };
    let read: Vec<Option<Result<Page, Warning>>> = if parallel {
        numbers.par_iter().map(read).collect()
    } else {
        numbers.iter().map(read).collect()
    };
    if read.iter().any(Option::is_none) || expired(deadline) {
        return Err(over(read.iter().filter(|r| r.is_some()).count()));
    }
    let mut pages: Vec<Page> = Vec::with_capacity(read.len());
    for r in read.into_iter().flatten() {
        match r {
            Ok(p) => pages.push(p),
            Err(w) => warnings.push(w),
        }
    }

    // ocr: scanned and undecodable pages, in parallel across pages within
    // the caller's pool (--jobs).
    let pdf_source = match input {
        Input::Path(p) => ocr::PdfSource::File(p),
        Input::Bytes { bytes, .. } => ocr::PdfSource::Bytes(bytes),
    };
    warnings.extend(ocr::apply(
        &doc,
        &mut pages,
        pdf_source,
        &settings.ocr,
        &settings.layout,
        Some(deadline),
    ));
    if expired(deadline) {
        return Err(over(
            pages
                .iter()
                .filter(|p| !ocr::needs_ocr(p, settings.ocr.mode) || p.ocr.is_some())
                .count(),
        ));
    }

    let info = doc.info().clone();
    drop(doc);
    let context = Context {
        source: source.clone(),
        info,
        page_count,
        deadline,
        warnings,
    };
    from_pages(pages, context, settings)
}

/// What [`from_pages`] needs to know of the document its pages come from.
struct Context {
    source: Source,
    info: DocumentInfo,
    page_count: usize,
    deadline: Instant,
    /// Warnings so far (document and page reading, OCR).
    warnings: Vec<Warning>,
}

/// Runs the stages after the PDF stage on pages already read: layout,
/// extract, check. For inputs that are pages rather than a file (the
/// table builder's fuzz target decodes pages from its bytes).
pub fn process_pages(pages: Vec<Page>, settings: &Settings) -> Result<Processed, Failure> {
    let context = Context {
        source: Source {
            path: "pages".into(),
            ..Source::default()
        },
        info: DocumentInfo::default(),
        page_count: pages.len(),
        deadline: Instant::now() + settings.timeout,
        warnings: Vec::new(),
    };
    guarded(context.source.clone(), || from_pages(pages, context, settings))
}

fn from_pages(mut pages: Vec<Page>, context: Context, settings: &Settings) -> Result<Processed, Failure> {
    let Context {
        source,
        info,
        page_count,
        deadline,
        mut warnings,
    } = context;
    let producer = info
        .producer
        .clone()
        .or_else(|| info.creator.clone())
        .unwrap_or_default();
    let parallel = pages.len() >= settings.parallel_pages_from;

    // layout.
    let lay = |p: &Page| -> Option<PageLayout> {
        if expired(deadline) {
            return None;
        }
        Some(layout::layout_page(p, &settings.layout))
    };
    let laid: Vec<Option<PageLayout>> = if parallel {
        pages.par_iter().map(lay).collect()
    } else {
        pages.iter().map(lay).collect()
    };
    if laid.iter().any(Option::is_none) || expired(deadline) {
        let done = laid.iter().filter(|r| r.is_some()).count();
        return Err(stopped(
            &source,
            settings,
            page_count,
            &producer,
            &format!("after {done} of {page_count} pages"),
        ));
    }
    let layouts: Vec<PageLayout> = laid.into_iter().flatten().collect();
    for p in &mut pages {
        warnings.append(&mut p.warnings);
    }
    let mut processed = Processed {
        source: source.clone(),
        info,
        page_count,
        pages: if settings.keep_pages { pages } else { Vec::new() },
        layouts,
        extracted: None,
        checks: Vec::new(),
        ocr_verdicts: Vec::new(),
        warnings,
    };
    if settings.until == Until::Layout {
        return Ok(processed);
    }

    // extract.
    let mut extracted = extract::extract(&processed.layouts, processed.info.title.as_deref());
    // A file of tables only may name its body nowhere in its text: its file
    // name (…北京市重大项目建设指挥部办公室2026年度部门预算报表.pdf) may. A
    // government-wide report names no department, by design.
    let government = extracted.metadata.level == extract::Level::Government;
    if (extracted.metadata.department.is_empty() && !government) || extracted.metadata.year.is_none() {
        let (department, year) = extract::metadata::from_file_name(&processed.source.path);
        if extracted.metadata.department.is_empty() && !government && !department.is_empty() {
            extracted.metadata.region = extract::metadata::region_of(&department);
            extracted.metadata.department = department;
        }
        if extracted.metadata.year.is_none() {
            extracted.metadata.year = year;
        }
    }
    let no_department = extracted.metadata.department.is_empty() && !government;
    if no_department || extracted.metadata.year.is_none() {
        processed.warnings.push(Warning::new(
            None,
            Stage::Extract,
            WarningKind::Note,
            "department or fiscal year not found in the text",
        ));
    }
    // A classified table that yields no line items: the gap is shown, not
    // silent.
    for (page, title) in extract::coverage::tables_without_items(&extracted) {
        processed.warnings.push(Warning::new(
            Some(page).filter(|p| *p > 0),
            Stage::Extract,
            WarningKind::Note,
            format!("classified table without line items: {title}"),
        ));
    }
    // A table printing no codes whose names the code list does not all
    // know: the rows left out are named, so the gap is not silent.
    for (page, title, n) in extract::coverage::tables_with_unresolved_names(&extracted) {
        processed.warnings.push(Warning::new(
            Some(page).filter(|p| *p > 0),
            Stage::Extract,
            WarningKind::Note,
            format!(
                "{n} rows print no code and a name not in data/subject_codes.csv (not line items): {title}"
            ),
        ));
    }
    if settings.until == Until::Check {
        // check: the document's identities, and the tables read by OCR
        // vouched for by theirs.
        processed.checks = check::run(&extracted);
        let ocr_pages: BTreeSet<usize> = processed
            .layouts
            .iter()
            .filter(|l| l.ocr)
            .map(|l| l.number)
            .collect();
        let (verdicts, notes) = check::ocr_tables::verify_ocr_tables(&extracted, &ocr_pages);
        check::ocr_tables::doubt_ocr_failures(&mut processed.checks, &ocr_pages);
        processed.ocr_verdicts = verdicts;
        processed.warnings.extend(notes);
    }
    if expired(deadline) {
        return Err(stopped(
            &source,
            settings,
            page_count,
            &producer,
            &format!("in extraction, after all {page_count} pages were read"),
        ));
    }
    processed.extracted = Some(extracted);
    Ok(processed)
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

    /// A name that is not UTF-8 is escaped, and the escape undone gives
    /// its bytes back.
    #[cfg(unix)]
    #[test]
    fn file_names_are_escaped_recoverably() {
        use std::os::unix::ffi::OsStrExt;
        let unescape = |s: &str| -> Vec<u8> {
            let b = s.as_bytes();
            let mut out = Vec::new();
            let mut i = 0;
            while i < b.len() {
                match (b[i], b.get(i + 1)) {
                    (b'\\', Some(b'\\')) => {
                        out.push(b'\\');
                        i += 2;
                    }
                    (b'\\', Some(b'x')) => {
                        let hex = std::str::from_utf8(&b[i + 2..i + 4]).expect("hex");
                        out.push(u8::from_str_radix(hex, 16).expect("hex"));
                        i += 4;
                    }
                    (c, _) => {
                        out.push(c);
                        i += 1;
                    }
                }
            }
            out
        };
        for name in [
            &b"plain/\xe9\xa2\x84\xe7\xae\x97.pdf"[..],
            b"a\xffb.pdf",
            b"back\\x41slash\xfe.pdf",
            b"x\\y.pdf",
        ] {
            let text = path_text(Path::new(std::ffi::OsStr::from_bytes(name)));
            assert_eq!(unescape(&text), name, "{text}");
        }
        assert_eq!(path_text(Path::new("预算/a.pdf")), "预算/a.pdf");
        assert_eq!(
            path_text(Path::new(std::ffi::OsStr::from_bytes(b"a\xffb.pdf"))),
            "a\\xffb.pdf"
        );
    }

    #[test]
    fn bytes_that_are_not_a_pdf_fail_with_one_line() {
        let f = process(
            Input::Bytes {
                bytes: b"hello",
                name: "x.pdf",
            },
            &Settings::default(),
        )
        .expect_err("not a PDF");
        assert_eq!(f.kind, FailureKind::NotPdf);
        assert_eq!(f.message, "not a PDF file (no %PDF header)");
        assert_eq!(f.source.doc_id.len(), 16);
        assert_eq!(f.record().document.status, Status::Failed);
    }
}
