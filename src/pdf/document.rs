//! Opening a document and turning its pages into [`Page`]s.

use std::panic::AssertUnwindSafe;
use std::path::Path;

use lopdf::{Dictionary, LoadOptions, Object, ObjectId};

use super::error::Error;
use super::geom::{BBox, Matrix};
use super::interpret::{Budget, FontCache, Interpreter, Limits};
use super::object::{as_dict, get, get_dict, number, resolve, stream_data, text_string};
use super::page::{Page, PageKind};
use crate::warning::{Stage, Warning, WarningKind};

/// Options for opening documents.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// Password to try after the empty one (government PDFs are often
    /// "encrypted" with an empty user password, which always works).
    pub password: Option<String>,
    /// Files larger than this are refused before parsing.
    pub max_file_bytes: u64,
    /// Largest size one stream may decompress to (decompression bombs).
    pub max_stream_bytes: usize,
    /// Most indirect objects a file may hold: every object is held in
    /// memory while the file is read, so an absurd count is refused before
    /// it is parsed (counted from `endobj` keywords) and after (objects in
    /// compressed object streams).
    pub max_objects: usize,
    /// Most bytes the content and form streams of all pages may decode to
    /// together (each stream is also under `max_stream_bytes`): past it, a
    /// page's content is not read, with a warning naming the limit.
    pub max_document_decoded_bytes: usize,
    /// Most glyphs all pages may hold together (one page holds at most
    /// 300,000): past it, a page's glyphs are dropped, with a warning.
    pub max_document_glyphs: usize,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            password: None,
            max_file_bytes: 1024 * 1024 * 1024,
            max_stream_bytes: 64 * 1024 * 1024,
            // A 500-page disclosure has some 20,000.
            max_objects: 2_000_000,
            // Defaults and their reasons: crate::pipeline::defaults.
            max_document_decoded_bytes: crate::pipeline::defaults::MAX_DOCUMENT_DECODED_BYTES,
            max_document_glyphs: crate::pipeline::defaults::MAX_DOCUMENT_GLYPHS,
        }
    }
}

/// Facts about the file itself.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct DocumentInfo {
    pub pdf_version: String,
    pub producer: Option<String>,
    pub creator: Option<String>,
    pub title: Option<String>,
    /// The file was encrypted (and opened with the empty or given password).
    pub encrypted: bool,
    /// The cross-reference table was broken and rebuilt by scanning.
    pub repaired: bool,
}

/// An open PDF document.
///
/// ```no_run
/// let doc = yusuan::pdf::Document::open("budget.pdf")?;
/// for page in doc.pages() {
///     let page = page?;
///     println!("page {}: {} glyphs", page.number, page.glyphs.len());
/// }
/// # Ok::<(), yusuan::pdf::Error>(())
/// ```
pub struct Document {
    inner: lopdf::Document,
    pages: Vec<ObjectId>,
    fonts: FontCache,
    limits: Limits,
    budget: Budget,
    info: DocumentInfo,
    warnings: Vec<Warning>,
}

impl Document {
    /// Opens a file with default options.
    pub fn open(path: impl AsRef<Path>) -> Result<Document, Error> {
        Document::open_with(path, &OpenOptions::default())
    }

    /// Opens a file.
    pub fn open_with(path: impl AsRef<Path>, options: &OpenOptions) -> Result<Document, Error> {
        let path = path.as_ref();
        let size = std::fs::metadata(path)?.len();
        if size > options.max_file_bytes {
            return Err(Error::TooLarge {
                size,
                limit: options.max_file_bytes,
            });
        }
        let bytes = std::fs::read(path)?;
        Document::from_bytes(&bytes, options)
    }

    /// Parses a document held in memory.
    pub fn from_bytes(bytes: &[u8], options: &OpenOptions) -> Result<Document, Error> {
        if bytes.len() as u64 > options.max_file_bytes {
            return Err(Error::TooLarge {
                size: bytes.len() as u64,
                limit: options.max_file_bytes,
            });
        }
        let head = &bytes[..bytes.len().min(1024)];
        if !head.windows(5).any(|w| w == b"%PDF-") {
            return Err(Error::NotPdf);
        }
        let declared = count_endobj(bytes);
        if declared > options.max_objects {
            return Err(Error::TooManyObjects {
                count: declared,
                limit: options.max_objects,
            });
        }
        let load = LoadOptions {
            password: options.password.clone(),
            max_decompressed_size: Some(options.max_stream_bytes),
            ..LoadOptions::default()
        };
        let loaded = crate::panic::guard(AssertUnwindSafe(|| {
            lopdf::Document::load_mem_with_options(bytes, load)
        }));
        let mut inner = match loaded {
            Ok(Ok(doc)) => doc,
            Ok(Err(lopdf::Error::InvalidPassword)) => return Err(Error::PasswordRequired),
            Ok(Err(e)) => return Err(Error::Damaged(super::error::describe(&e))),
            Err(panic) => {
                return Err(Error::Damaged(format!(
                    "parser crashed: {}",
                    crate::panic::message(&panic)
                )));
            }
        };
        if inner.objects.len() > options.max_objects {
            return Err(Error::TooManyObjects {
                count: inner.objects.len(),
                limit: options.max_objects,
            });
        }
        let encrypted = inner.trailer.has(b"Encrypt");
        if encrypted && inner.encryption_state.is_none() && inner.objects.len() <= 1 {
            return Err(locked(&inner));
        }
        let mut pages: Vec<ObjectId> = crate::panic::guard(AssertUnwindSafe(|| inner.page_iter().collect()))
            .map_err(|p| Error::Damaged(format!("page tree unreadable: {}", crate::panic::message(&p))))?;
        if pages.is_empty() {
            if encrypted && inner.encryption_state.is_none() {
                return Err(locked(&inner));
            }
            return Err(Error::NoPages);
        }
        let mut warnings = Vec::new();
        recover_pages(&mut inner, bytes, &pages, &mut warnings);
        // A page tree that lists one page many times (or declares pages it
        // does not have) is read as the distinct pages found, and says so.
        let declared = inner
            .catalog()
            .ok()
            .and_then(|c| get(&inner, c, b"Pages"))
            .and_then(as_dict)
            .and_then(|d| get(&inner, d, b"Count"))
            .and_then(number)
            .filter(|n| n.is_finite() && *n >= 0.0);
        let listed = pages.len();
        let mut seen = std::collections::HashSet::new();
        pages.retain(|id| seen.insert(*id));
        if listed != pages.len() || declared.is_some_and(|n| n as usize != pages.len()) {
            warnings.push(Warning::new(
                None,
                Stage::Pdf,
                WarningKind::Note,
                format!(
                    "page tree declares {} pages (/Count) and lists {listed}, {} distinct: each read once",
                    declared.map_or_else(|| "no".to_string(), |n| n.to_string()),
                    pages.len()
                ),
            ));
        }
        // A file cut short (an interrupted download) still opens when its
        // cross-reference table can be rebuilt, but what was cut is lost.
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        if !tail.windows(5).any(|w| w == b"%%EOF") {
            warnings.push(Warning::new(
                None,
                Stage::Pdf,
                WarningKind::Damaged,
                "file ends without %%EOF: truncated, read as far as it goes",
            ));
        }
        let repaired = inner.xref_recovery.is_some();
        if let Some(r) = inner.xref_recovery {
            warnings.push(Warning::new(
                None,
                Stage::Pdf,
                WarningKind::Note,
                format!("cross-reference table damaged and repaired ({r:?})"),
            ));
        }
        let info_dict = inner
            .trailer
            .get(b"Info")
            .ok()
            .and_then(|o| resolve(&inner, o))
            .and_then(as_dict);
        let info_text = |key: &[u8]| {
            info_dict
                .and_then(|d| get(&inner, d, key))
                .and_then(text_string)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let info = DocumentInfo {
            pdf_version: inner.version.clone(),
            producer: info_text(b"Producer"),
            creator: info_text(b"Creator"),
            title: info_text(b"Title"),
            encrypted,
            repaired,
        };
        Ok(Document {
            inner,
            pages,
            fonts: FontCache::default(),
            limits: Limits {
                max_stream_bytes: options.max_stream_bytes,
                ..Limits::default()
            },
            budget: Budget::new(options.max_document_decoded_bytes, options.max_document_glyphs),
            info,
            warnings,
        })
    }

    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    pub fn info(&self) -> &DocumentInfo {
        &self.info
    }

    /// The parsed objects, for stages that read streams themselves (OCR
    /// decodes page images).
    pub(crate) fn objects(&self) -> &lopdf::Document {
        &self.inner
    }

    /// Document-level warnings (repairs), not tied to a page.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Interprets page `number` (1-based). Damage inside the page gives a
    /// page with warnings, not an error; only a page number outside the
    /// document is an error.
    pub fn page(&self, number: usize) -> Result<Page, Error> {
        let count = self.pages.len();
        let Some(&id) = number.checked_sub(1).and_then(|i| self.pages.get(i)) else {
            return Err(Error::NoSuchPage { page: number, count });
        };
        match crate::panic::guard(AssertUnwindSafe(|| self.interpret(number, id))) {
            Ok(page) => Ok(page),
            Err(panic) => {
                let mut page = empty_page(number);
                page.warnings.push(Warning::new(
                    Some(number),
                    Stage::Pdf,
                    WarningKind::Damaged,
                    format!("page could not be interpreted: {}", crate::panic::message(&panic)),
                ));
                Ok(page)
            }
        }
    }

    /// All pages in order.
    pub fn pages(&self) -> impl Iterator<Item = Result<Page, Error>> + '_ {
        (1..=self.pages.len()).map(|n| self.page(n))
    }

    fn interpret(&self, page_number: usize, id: ObjectId) -> Page {
        let number = page_number;
        let doc = &self.inner;
        let mut warnings = Vec::new();
        let Ok(dict) = doc.get_dictionary(id) else {
            let mut page = empty_page(number);
            page.warnings.push(Warning::new(
                Some(number),
                Stage::Pdf,
                WarningKind::Damaged,
                "page object missing",
            ));
            return page;
        };
        let media = match inherited(doc, dict, b"MediaBox").map(|o| page_box(doc, o)) {
            Some(Some(b)) if b.width() <= MAX_PAGE_SIDE && b.height() <= MAX_PAGE_SIDE => b,
            found => {
                if found.is_some() {
                    warnings.push(Warning::new(
                        Some(number),
                        Stage::Pdf,
                        WarningKind::Note,
                        "MediaBox is not a usable page size (garbage, empty or over 14,400 pt); read as A4",
                    ));
                }
                BBox::new(0.0, 0.0, 595.0, 842.0)
            }
        };
        let crop = inherited(doc, dict, b"CropBox")
            .and_then(|o| page_box(doc, o))
            .and_then(|c| c.intersection(&media))
            .filter(|c| c.width() > 1.0 && c.height() > 1.0)
            .unwrap_or(media);
        let rotation = inherited(doc, dict, b"Rotate")
            .and_then(super::object::number)
            .map(|r| (((r as i64) % 360 + 360) % 360 / 90 * 90) as u16)
            .unwrap_or(0);
        let (w, h) = (crop.width(), crop.height());
        let origin = Matrix::translate(-crop.x0, -crop.y0);
        let rotate = match rotation {
            90 => Matrix::new(0.0, -1.0, 1.0, 0.0, 0.0, w),
            180 => Matrix::new(-1.0, 0.0, 0.0, -1.0, w, h),
            270 => Matrix::new(0.0, 1.0, -1.0, 0.0, h, 0.0),
            _ => Matrix::IDENTITY,
        };
        let page_transform = origin.then(&rotate);
        let (width, height) = if rotation % 180 == 90 { (h, w) } else { (w, h) };

        let resources = inherited(doc, dict, b"Resources").and_then(as_dict);
        let mut content = Vec::new();
        for cid in doc.get_page_contents(id) {
            match doc.get_object(cid).ok().and_then(|o| o.as_stream().ok()) {
                Some(stream) => match stream_data(stream, self.limits.max_stream_bytes) {
                    // A page's streams are one content stream (ISO 32000
                    // 7.8.2): together under the limit for one stream.
                    Ok(data) if content.len() + data.len() > self.limits.max_stream_bytes => {
                        warnings.push(Warning::new(
                            Some(number),
                            Stage::Pdf,
                            WarningKind::Damaged,
                            format!(
                                "content read in part: the page's content streams decode to over {} bytes together, the limit for one stream (max_stream_bytes)",
                                self.limits.max_stream_bytes
                            ),
                        ));
                        break;
                    }
                    Ok(data) if self.budget.decoded(data.len()) => {
                        content.extend_from_slice(&data);
                        content.push(b'\n');
                    }
                    Ok(_) => {
                        content.clear();
                        warnings.push(Warning::new(
                            Some(number),
                            Stage::Pdf,
                            WarningKind::Damaged,
                            self.budget.decoded_message(),
                        ));
                        break;
                    }
                    Err(e) => warnings.push(Warning::new(
                        Some(number),
                        Stage::Pdf,
                        WarningKind::Damaged,
                        format!("content stream {} {} unreadable: {}", cid.0, cid.1, one_line(&e)),
                    )),
                },
                None => warnings.push(Warning::new(
                    Some(number),
                    Stage::Pdf,
                    WarningKind::Damaged,
                    format!("content stream {} {} missing", cid.0, cid.1),
                )),
            }
        }
        let visible = BBox::new(0.0, 0.0, width, height);
        let mut interp = Interpreter::new(
            doc,
            &self.fonts,
            number,
            page_transform,
            visible,
            self.limits,
            &self.budget,
        );
        interp.run(&content, resources);
        drop(content);
        let mut out = interp.out;
        warnings.extend(std::mem::take(&mut out.warnings));
        if !self.budget.glyphs(out.glyphs.len()) {
            warnings.push(Warning::new(
                Some(number),
                Stage::Pdf,
                WarningKind::Damaged,
                format!(
                    "text not kept: the document's pages hold over {} glyphs in all (the limit per document, max_document_glyphs)",
                    self.budget.max_glyphs
                ),
            ));
            out.glyphs = Vec::new();
        }
        let mut page = Page {
            number,
            width,
            height,
            rotation,
            kind: PageKind::Blank,
            glyphs: out.glyphs,
            rules: out.rules,
            rects: out.rects,
            images: out.images,
            warnings,
            ocr: None,
        };
        page.classify();
        match page.kind {
            PageKind::ImageOnly => page.warnings.push(Warning::new(
                Some(number),
                Stage::Pdf,
                WarningKind::ImageOnly,
                "image-only page (scanned, no text layer)",
            )),
            PageKind::Undecodable => page.warnings.push(Warning::new(
                Some(number),
                Stage::Pdf,
                WarningKind::Undecodable,
                "text cannot be decoded (fonts carry no Unicode information)",
            )),
            _ => {}
        }
        page
    }
}

fn empty_page(number: usize) -> Page {
    Page {
        number,
        width: 595.0,
        height: 842.0,
        rotation: 0,
        kind: PageKind::Blank,
        glyphs: Vec::new(),
        rules: Vec::new(),
        rects: Vec::new(),
        images: Vec::new(),
        warnings: Vec::new(),
        ocr: None,
    }
}

/// An inheritable page attribute (PDF 32000 §7.7.3.4), walking up `/Parent`
/// a bounded number of times.
fn inherited<'a>(doc: &'a lopdf::Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = dict;
    for _ in 0..64 {
        if let Some(v) = get(doc, node, key) {
            return Some(v);
        }
        node = get_dict(doc, node, b"Parent")?;
    }
    None
}

/// The largest page side PDF allows (ISO 32000, Annex C: 200 inches).
const MAX_PAGE_SIDE: f64 = 14_400.0;

/// Pages whose object lopdf could not parse — most often a number too
/// large for it (`/MediaBox [0 0 99999999999999999999 1e9999]`), which
/// makes it drop the whole object — read again with such numbers as 0, so
/// that the page's text is not lost; each says so in a warning.
fn recover_pages(inner: &mut lopdf::Document, bytes: &[u8], pages: &[ObjectId], warnings: &mut Vec<Warning>) {
    static BAD_NUMBER: std::sync::LazyLock<Option<regex::bytes::Regex>> = std::sync::LazyLock::new(|| {
        regex::bytes::Regex::new(r"(?-u)[-+]?(?:[0-9]*\.?[0-9]+[eE][-+]?[0-9]+|[0-9]{19,}(?:\.[0-9]*)?)|\b(?i:nan|inf(?:inity)?)\b").ok()
    });
    let Some(bad) = BAD_NUMBER.as_ref() else { return };
    for (i, &id) in pages.iter().enumerate() {
        if inner.get_dictionary(id).is_ok() {
            continue;
        }
        let head = format!("{} {} obj", id.0, id.1);
        let start = match inner.reference_table.entries.get(&id.0) {
            Some(lopdf::xref::XrefEntry::Normal { offset, .. })
                if bytes
                    .get(*offset as usize..)
                    .is_some_and(|b| b.starts_with(head.as_bytes())) =>
            {
                *offset as usize
            }
            _ => match bytes.windows(head.len()).rposition(|w| w == head.as_bytes()) {
                Some(at) => at,
                None => continue,
            },
        };
        let window = &bytes[start..bytes.len().min(start + (1 << 16))];
        let Some(end) = window.windows(6).position(|w| w == b"endobj") else {
            continue;
        };
        let object = &window[..end + 6];
        let patched = bad.replace_all(object, &b"0"[..]);
        if patched.as_ref() == object {
            continue;
        }
        let mut mini = b"%PDF-1.7\n".to_vec();
        mini.extend_from_slice(&patched);
        mini.extend_from_slice(format!("\ntrailer\n<< /Root {} {} R >>\n%%EOF\n", id.0, id.1).as_bytes());
        let parsed = crate::panic::guard(AssertUnwindSafe(|| lopdf::Document::load_mem(&mini)));
        if let Ok(Ok(mut m)) = parsed
            && let Some(obj) = m.objects.remove(&id)
            && obj.as_dict().is_ok()
        {
            inner.objects.insert(id, obj);
            warnings.push(Warning::new(
                Some(i + 1),
                Stage::Pdf,
                WarningKind::Damaged,
                "page object has numbers that cannot be read (over 18 digits, or with an exponent); read with them as 0",
            ));
        }
    }
}

fn page_box(doc: &lopdf::Document, obj: &Object) -> Option<BBox> {
    let arr = obj.as_array().ok()?;
    let v: Vec<f64> = arr
        .iter()
        .filter_map(|o| resolve(doc, o).and_then(number))
        .collect();
    if v.len() != 4 {
        return None;
    }
    let b = BBox::new(v[0], v[1], v[2], v[3]);
    (b.is_finite() && b.width() > 0.0 && b.height() > 0.0).then_some(b)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Why an encrypted document that did not open cannot be read: a password
/// is needed, or — when its `/Encrypt` dictionary is itself malformed or of
/// an unsupported kind — no password can help, and the message says so.
fn locked(inner: &lopdf::Document) -> Error {
    use lopdf::encryption::DecryptionError as D;
    match crate::panic::guard(AssertUnwindSafe(|| inner.authenticate_password(""))) {
        Ok(Ok(()) | Err(lopdf::Error::InvalidPassword | lopdf::Error::Decryption(D::IncorrectPassword))) => {
            Error::PasswordRequired
        }
        Ok(Err(e)) => Error::Damaged(super::error::describe(&e)),
        Err(_) => Error::Damaged(
            "the encryption dictionary (/Encrypt) is malformed: no password can open it".into(),
        ),
    }
}

/// How many `endobj` keywords a file holds: its uncompressed objects.
fn count_endobj(bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut rest = bytes;
    while let Some(i) = rest.iter().position(|&b| b == b'e') {
        if rest[i..].starts_with(b"endobj") {
            n += 1;
            rest = &rest[i + 6..];
        } else {
            rest = &rest[i + 1..];
        }
    }
    n
}
