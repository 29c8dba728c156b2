//! Hostile input: a corpus generated here (never checked in as binaries)
//! of truncated, bit-flipped, mis-measured, cyclic, deeply nested,
//! decompression-bomb, encrypted and non-PDF files. Every one must end in
//! a clean error or a (partial) result: no panic escapes, nothing hangs.

use std::io::Write;
use std::sync::mpsc;
use std::time::Duration;

use crate::util::{Rng, root, yusuan_path};
use yusuan::pdf::{Document, Error, OpenOptions};

/// Builds a PDF from object bodies (object `i + 1` is `objects[i]`), with a
/// correct xref table and trailer pointing at object 1 as the catalog.
pub fn build_pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut v = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    v.extend_from_slice(data);
    v.extend_from_slice(b"\nendstream");
    v
}

/// A valid one-page document: text in Helvetica and a ruled box.
pub fn base_pdf(content: &[u8], extra: &[Vec<u8>]) -> Vec<u8> {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R /X2 7 0 R >> >> >>".to_vec(),
        stream("", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
    ];
    objects.extend_from_slice(extra);
    while objects.len() < 7 {
        objects.push(stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 10 10]",
            b"0 0 m 10 10 l S",
        ));
    }
    build_pdf(&objects)
}

const TEXT: &[u8] = b"BT /F1 12 Tf 72 720 Td (Budget 2020 2934.45) Tj ET 50 50 200 100 re S";

/// Opens and interprets every page; returns a one-line outcome.
pub(crate) fn outcome(bytes: &[u8]) -> String {
    match Document::from_bytes(bytes, &OpenOptions::default()) {
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.contains('\n'), "error message must be one line: {msg:?}");
            assert!(!msg.is_empty());
            format!("error: {msg}")
        }
        Ok(doc) => {
            let mut glyphs = 0;
            for page in doc.pages() {
                match page {
                    Ok(p) => {
                        glyphs += p.glyphs.len();
                        let _ = yusuan::layout::layout_page(&p, &Default::default());
                    }
                    Err(e) => return format!("page error: {e}"),
                }
            }
            format!("ok: {} pages, {glyphs} glyphs", doc.page_count())
        }
    }
}

/// Runs `outcome` on another thread; a hang (over 60 s) fails the test.
fn outcome_bounded(name: &str, bytes: Vec<u8>) -> String {
    let (tx, rx) = mpsc::channel();
    let name_owned = name.to_string();
    std::thread::Builder::new()
        .name(name_owned.clone())
        .stack_size(8 * 1024 * 1024)
        .spawn(move || {
            let r = std::panic::catch_unwind(|| outcome(&bytes));
            let _ = tx.send(r);
        })
        .expect("thread");
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(Ok(s)) => s,
        Ok(Err(_)) => panic!("{name}: panicked"),
        Err(_) => panic!("{name}: did not finish in 60 s"),
    }
}

fn flate(data_len: usize) -> Vec<u8> {
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let chunk = vec![b' '; 1 << 20];
    let mut left = data_len;
    while left > 0 {
        let n = left.min(chunk.len());
        enc.write_all(&chunk[..n]).expect("compress");
        left -= n;
    }
    enc.finish().expect("compress")
}

/// A named hostile file and a predicate its outcome must satisfy.
pub(crate) type Case = (&'static str, Vec<u8>, fn(&str) -> bool);

/// The named hostile files.
pub(crate) fn named_cases() -> Vec<Case> {
    let valid = base_pdf(TEXT, &[]);
    let mut cases: Vec<Case> = vec![
        ("valid", valid.clone(), |o| o.starts_with("ok: 1 pages")),
        ("zero bytes", Vec::new(), |o| o.contains("not a PDF")),
        ("not a pdf", b"<html><body>budget</body></html>".to_vec(), |o| {
            o.contains("not a PDF")
        }),
        ("header only", b"%PDF-1.7\n".to_vec(), |o| o.starts_with("error")),
    ];
    // Wrong stream lengths.
    let s = String::from_utf8_lossy(&valid).into_owned();
    let long = s.replacen(&format!("/Length {}", TEXT.len()), "/Length 99999", 1);
    cases.push(("length too long", long.into_bytes(), |o| !o.is_empty()));
    let short = s.replacen(&format!("/Length {}", TEXT.len()), "/Length 3", 1);
    cases.push(("length too short", short.into_bytes(), |o| !o.is_empty()));
    // startxref pointing nowhere: repaired by scanning.
    let at = s.rfind("startxref\n").expect("startxref") + "startxref\n".len();
    let mut nowhere = s[..at].to_string();
    nowhere.push_str("999999999\n%%EOF\n");
    cases.push(("xref pointing nowhere", nowhere.into_bytes(), |o| {
        o.starts_with("ok: 1 pages")
    }));
    // Reference cycles: page tree kid is its own parent; contents loop.
    cases.push((
        "page tree cycle",
        build_pdf(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>".to_vec(),
            b"5 0 R".to_vec(),
            b"4 0 R".to_vec(),
        ]),
        |o| !o.is_empty(),
    ));
    // Self-drawing forms, directly and through a second form.
    cases.push((
        "form xobject cycle",
        base_pdf(
            b"/X1 Do /X2 Do",
            &[
                stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X1 6 0 R >> >>", b"/X1 Do"),
                stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /Y 6 0 R >> >>", b"/Y Do"),
            ],
        ),
        |o| o.starts_with("ok"),
    ));
    // 10 000-deep nesting in the content stream and in an object.
    let mut deep = Vec::new();
    deep.extend(std::iter::repeat_n(b'[', 10_000));
    deep.extend(std::iter::repeat_n(b']', 10_000));
    deep.extend_from_slice(b" TJ ");
    deep.extend(std::iter::repeat_n(&b"q "[..], 10_000).flatten());
    deep.extend_from_slice(TEXT);
    cases.push(("deep nesting in content", base_pdf(&deep, &[]), |o| {
        o.starts_with("ok")
    }));
    let mut deep_obj = b"<< /Type /Catalog /Pages 2 0 R /Deep ".to_vec();
    deep_obj.extend(std::iter::repeat_n(b'[', 10_000));
    deep_obj.extend(std::iter::repeat_n(b']', 10_000));
    deep_obj.extend_from_slice(b" >>");
    let mut objs = vec![
        deep_obj,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>".to_vec(),
        stream("", b""),
    ];
    cases.push(("deep nesting in object", build_pdf(&objs), |o| !o.is_empty()));
    // A 1 GB-expanding Flate content stream.
    let bomb = flate(1 << 30);
    objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
        stream("/Filter /FlateDecode", &bomb),
    ];
    cases.push(("flate bomb 1 GB", build_pdf(&objs), |o| {
        o.starts_with("ok") || o.starts_with("error")
    }));
    cases.push(("encrypted with a password", encrypted_pdf(), |o| {
        o.contains("password")
    }));
    cases
}

/// A document encrypted (RC4, 128-bit) with user password "secret".
pub(crate) fn encrypted_pdf() -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(&base_pdf(TEXT, &[])).expect("base loads");
    let id = lopdf::Object::String(b"0123456789abcdef".to_vec(), lopdf::StringFormat::Hexadecimal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "secret",
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    };
    let state = lopdf::EncryptionState::try_from(version).expect("encryption state");
    doc.encrypt(&state).expect("encrypts");
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saves");
    out
}

#[test]
fn named_hostile_files_fail_cleanly() {
    for (name, bytes, expect) in named_cases() {
        let got = outcome_bounded(name, bytes);
        assert!(expect(&got), "{name}: unexpected outcome: {got}");
    }
}

#[test]
fn encrypted_opens_with_the_right_password() {
    let bytes = encrypted_pdf();
    match Document::from_bytes(&bytes, &OpenOptions::default()) {
        Err(Error::PasswordRequired) => {}
        other => panic!(
            "expected PasswordRequired, got {:?}",
            other.map(|d| d.page_count())
        ),
    }
    let options = OpenOptions {
        password: Some("secret".into()),
        ..OpenOptions::default()
    };
    let doc = Document::from_bytes(&bytes, &options).expect("opens with password");
    let text: String = doc
        .page(1)
        .expect("page")
        .glyphs
        .iter()
        .map(|g| g.text.as_str())
        .collect();
    assert!(text.contains("2934.45"), "{text}");
}

/// Every prefix of the samples (at 97 offsets each) and seeded random byte
/// edits: a clean error or a result, never a panic or a hang.
#[test]
fn truncations_and_byte_edits_of_samples() {
    let mut seeds = Vec::new();
    for entry in std::fs::read_dir(root().join("samples")).expect("samples/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "pdf") {
            seeds.push((path.clone(), std::fs::read(&path).expect("read")));
        }
    }
    seeds.sort();
    let mut rng = Rng::new(0x5eed_2020);
    let mut runs = 0;
    for (path, bytes) in &seeds {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for k in 1..=97 {
            let cut = bytes.len() * k / 98;
            outcome_bounded(&format!("{name} truncated at {cut}"), bytes[..cut].to_vec());
            runs += 1;
        }
        for round in 0..400 {
            let mut m = bytes.clone();
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(m.len());
                match rng.below(3) {
                    0 => m[at] ^= 1 << rng.below(8),
                    1 => m[at] = rng.below(256) as u8,
                    _ => {
                        let end = (at + rng.below(64)).min(m.len());
                        m.drain(at..end);
                    }
                }
            }
            outcome_bounded(&format!("{name} edit round {round}"), m);
            runs += 1;
        }
    }
    assert!(runs >= 2000, "{runs} mutated files");
}

/// The CLI reports a bad file in one line on stderr with exit code 2.
#[test]
fn cli_reports_bad_file_in_one_line() {
    let dir = crate::util::scratch("hostile");
    let path = dir.join("not.pdf");
    std::fs::write(&path, b"GIF89a not a pdf").expect("write");
    let out = yusuan_path(&["text"], &path);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("not.pdf") && err.contains("not a PDF"), "{err}");
    let enc = dir.join("locked.pdf");
    std::fs::write(&enc, encrypted_pdf()).expect("write");
    let out = yusuan_path(&["text"], &enc);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("password"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A reader that stops early (`yusuan tables FILE | head`) ends the
/// command quietly with exit code 0: not a `Broken pipe` error.
#[test]
fn closed_stdout_is_not_an_error() {
    use std::io::Read;
    let sample = root().join("samples/rsj2020_budget_writer.pdf");
    // Each output is larger than a pipe's buffer (64 KiB), so the writer
    // does meet the closed end.
    for args in [
        &["tables"][..],
        &["tables", "--format", "json"],
        &["text", "--json"],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_yusuan"))
            .args(args)
            .args(["--ocr", "never"])
            .arg(&sample)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("yusuan runs");
        let mut first = [0u8; 64];
        child
            .stdout
            .take()
            .expect("stdout")
            .read_exact(&mut first)
            .expect("some output");
        // stdout dropped: the pipe is closed with most of the output unread.
        let out = child.wait_with_output().expect("waits");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
    }
}

/// A file with an absurd number of objects is refused with a one-line
/// reason before its objects are held in memory (the limit is lowered
/// here; the default allows 2,000,000).
#[test]
fn absurd_object_counts_are_refused() {
    let mut pdf = base_pdf(TEXT, &[]);
    let tail = pdf.split_off(pdf.len() - 6);
    for i in 0..5000 {
        pdf.extend_from_slice(format!("{} 0 obj null endobj\n", 100 + i).as_bytes());
    }
    pdf.extend_from_slice(&tail);
    let options = OpenOptions {
        max_objects: 1000,
        ..OpenOptions::default()
    };
    match Document::from_bytes(&pdf, &options) {
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.contains("objects, over the limit of 1000"), "{msg}");
        }
        Ok(_) => panic!("5000 objects opened under a limit of 1000"),
    }
    // Under the default limit the same file reads.
    assert!(Document::from_bytes(&pdf, &OpenOptions::default()).is_ok());
}

/// What the pipeline says of a document: its failure, or its warnings,
/// one per line.
fn said(bytes: &[u8], settings: &yusuan::pipeline::Settings) -> String {
    let input = yusuan::pipeline::Input::Bytes { bytes, name: "x.pdf" };
    match yusuan::pipeline::process(input, settings) {
        Err(f) => format!("failed: {}", f.message),
        Ok(p) => p
            .warnings
            .iter()
            .map(|w| w.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Messages say what is wrong with the file in the project's words: an
/// unknown filter is not lopdf's "please open an issue", `/Predictor 10
/// /Columns 0` is not "IO error", a bomb names the limit it hit, a
/// malformed `/Encrypt` does not ask for a password, a garbage MediaBox is
/// not "page object missing" and the page's text is kept, a page tree
/// repeating one page is one page and a note.
#[test]
fn messages_name_the_problem() {
    let settings = yusuan::pipeline::Settings {
        until: yusuan::pipeline::Until::Layout,
        ..yusuan::pipeline::Settings::default()
    };
    let page = |content: Vec<u8>, media: &str| {
        build_pdf(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            format!("<< /Type /Page /Parent 2 0 R /MediaBox {media} /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>").into_bytes(),
            content,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
        ])
    };
    let unknown = said(
        &page(stream("/Filter /NoSuchDecode", TEXT), "[0 0 595 842]"),
        &settings,
    );
    assert!(
        unknown.contains("compression filter that is not supported"),
        "{unknown}"
    );
    assert!(
        !unknown.contains("open an issue") && !unknown.contains("lopdf"),
        "{unknown}"
    );
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(TEXT).expect("compress");
    let z = enc.finish().expect("compress");
    let predictor = said(
        &page(
            stream(
                "/Filter /FlateDecode /DecodeParms << /Predictor 10 /Columns 0 >>",
                &z,
            ),
            "[0 0 595 842]",
        ),
        &settings,
    );
    assert!(predictor.contains("/DecodeParms"), "{predictor}");
    assert!(!predictor.contains("IO error"), "{predictor}");
    let small = yusuan::pipeline::Settings {
        open: OpenOptions {
            max_stream_bytes: 1 << 20,
            ..OpenOptions::default()
        },
        ..settings.clone()
    };
    let bomb = said(
        &page(stream("/Filter /FlateDecode", &flate(4 << 20)), "[0 0 595 842]"),
        &small,
    );
    assert!(
        bomb.contains("more than 1048576 bytes, the limit for one stream"),
        "{bomb}"
    );
    for media in [
        "[0 0 1e999999 99999999999999999999999999]",
        "[0 0 (x) /Junk]",
        "[nan inf 595 842]",
    ] {
        let text = said(&page(stream("", TEXT), media), &settings);
        assert!(!text.contains("page object missing"), "{media}: {text}");
        let input = yusuan::pipeline::Input::Bytes {
            bytes: &page(stream("", TEXT), media),
            name: "x.pdf",
        };
        let p = yusuan::pipeline::process(input, &settings).expect("reads");
        let lines: String = p
            .layouts
            .iter()
            .flat_map(|l| l.lines.iter().map(|l| l.text.clone()))
            .collect();
        assert!(lines.contains("2934.45"), "{media}: text lost: {lines:?} {text}");
    }
    // An /Encrypt dictionary without its keys: no password can help.
    let mut malformed = base_pdf(TEXT, &[]);
    let at = malformed
        .windows(8)
        .rposition(|w| w == b"/Root 1 ")
        .expect("trailer");
    malformed.splice(at..at, b"/Encrypt << /Filter /Standard /V 2 >> ".iter().copied());
    let locked = said(&malformed, &settings);
    assert!(!locked.contains("password is required"), "{locked}");
    assert!(locked.contains("/Encrypt"), "{locked}");
    // A page tree listing one page 100,000 times: one page, and a note.
    let kids = "3 0 R ".repeat(100_000);
    let repeated = build_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{kids}] /Count 100000 >>").into_bytes(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec(),
        stream("", TEXT),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
    ]);
    let note = said(&repeated, &settings);
    assert!(
        note.contains("declares 100000 pages (/Count)") && note.contains("1 distinct"),
        "{note}"
    );
}

/// Runs `yusuan ARGS FILE` and returns its exit code, stderr and peak
/// resident memory in MB (from `wait4`, the child's own).
#[cfg(unix)]
#[allow(clippy::zombie_processes)] // reaped by wait4, which std cannot see
fn peak_mb(args: &[&str], file: &std::path::Path) -> (Option<i32>, String, u64) {
    use std::io::Read;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("yusuan runs");
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut err);
    }
    let mut status = 0;
    // SAFETY: zeroed rusage is a valid value; wait4 on our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32, "wait4");
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    (code, err, usage.ru_maxrss as u64 / 1024)
}

/// Documents built to cost gigabytes from a few kilobytes stay within the
/// memory ceiling (1 GB by default) and say which limit they hit: a page
/// whose /Contents is 300 references to one 60 MB stream, 40 pages that
/// each draw a million glyphs from one shared stream, a 20 GB-pixel image.
#[cfg(unix)]
#[test]
fn memory_bombs_stay_under_the_ceiling() {
    let dir = crate::util::scratch("membomb");
    let font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec();
    // 1. /Contents [4 0 R 4 0 R …] × 300, object 4 inflating to 60 MB.
    let refs = "4 0 R ".repeat(300);
    let contents = build_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [{refs}] /Resources << /Font << /F1 5 0 R >> >> >>").into_bytes(),
        stream("/Filter /FlateDecode", &flate(60 << 20)),
        font.clone(),
    ]);
    // 2. 40 pages drawing one stream of a million glyphs each.
    let mut draw = b"BT /F1 1 Tf 72 720 Td ".to_vec();
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(&draw).expect("z");
    for _ in 0..10_000 {
        enc.write_all(&[b'('; 1]).expect("z");
        enc.write_all(&[b'x'; 100]).expect("z");
        enc.write_all(b") Tj 0 0 Td ").expect("z");
    }
    enc.write_all(b"ET").expect("z");
    draw = enc.finish().expect("z");
    let kids: Vec<String> = (0..40).map(|i| format!("{} 0 R", 6 + i)).collect();
    let mut objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count 40 >>", kids.join(" ")).into_bytes(),
        stream("/Filter /FlateDecode", &draw),
        font.clone(),
        b"null".to_vec(),
    ];
    for _ in 0..40 {
        objs.push(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>".to_vec());
    }
    let glyphs = build_pdf(&objs);
    // 3. An image-only page whose image claims 200 000 × 100 000 pixels.
    let image = build_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im 5 0 R >> >> >>".to_vec(),
        stream("", b"q 595 0 0 842 0 0 cm /Im Do Q"),
        stream(
            "/Type /XObject /Subtype /Image /Width 200000 /Height 100000 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /FlateDecode",
            &flate(1 << 20),
        ),
    ]);
    for (name, bytes, limit) in [
        ("contents-300-refs.pdf", contents, "max_stream_bytes"),
        ("glyphs-40-pages.pdf", glyphs, "max_document_glyphs"),
        (
            "huge-image.pdf",
            image,
            "pixels for OCR (a share of --max-memory-mb)",
        ),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).expect("write");
        assert!(bytes.len() < 1 << 20, "{name}: {} bytes", bytes.len());
        for cmd in ["text", "tables"] {
            let (code, err, mb) = peak_mb(&[cmd, "--file-timeout", "60"], &path);
            assert!(mb < 1024, "{cmd} {name}: peak {mb} MB");
            assert!(matches!(code, Some(0..=2)), "{cmd} {name}: {code:?} {err}");
            if cmd == "text" && !(name.starts_with("huge") && err.contains("not OCRed")) {
                assert!(err.contains(limit), "{cmd} {name}: no {limit} in: {err}");
            }
            eprintln!("{cmd} {name}: peak {mb} MB");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
