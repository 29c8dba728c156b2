//! OCR of scanned pages with Tesseract. Tests that need the engine print
//! `skipping …` and pass when `tesseract` with `chi_sim` is not installed
//! (`.ci/run` installs it); the tests of what happens without it, and of
//! the verification, run everywhere.

use std::process::{Command, Output};

use crate::truth::{have_ocr, load, pages_with_ocr};
use crate::util::{char_error_rate, norm, root, shared_corpus};
use yusuan::layout::{Settings, layout_page};
use yusuan::ocr::OcrMode;

const SCANNED: [&str; 2] = ["rsj2020_scanned_a", "rsj2020_scanned_b"];

fn sample(stem: &str) -> std::path::PathBuf {
    root().join(format!("samples/{stem}.pdf"))
}

/// The yusuan binary with extra environment.
fn yusuan_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_yusuan"));
    cmd.args(args).current_dir(root());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("yusuan binary runs")
}

/// The two scanned samples (200 dpi PNG rotated 0.8°, 150 dpi JPEG rotated
/// −0.5°, with noise): straightened by the angle they were turned, ruling
/// lines found, and every table equal to the generator's cells — every
/// figure, code and name exactly.
#[test]
fn scanned_samples_tables_match_expected() {
    if !have_ocr("scanned_samples_tables_match_expected") {
        return;
    }
    let mut failures = Vec::new();
    for (stem, turned) in SCANNED.iter().zip([0.8, -0.5]) {
        let pages = pages_with_ocr(&sample(stem), OcrMode::Auto);
        for p in &pages {
            let info = p
                .ocr
                .as_ref()
                .unwrap_or_else(|| panic!("{stem}: page {} not OCRed", p.number));
            assert!(
                (info.deskew_degrees - turned).abs() <= 0.1,
                "{stem}: deskewed {} for a scan turned {turned}",
                info.deskew_degrees
            );
            assert!(info.rules_found >= 10, "{stem}: {} rules", info.rules_found);
            assert!(p.glyphs.iter().all(|g| g.confidence.is_some()));
        }
        let settings = Settings::default();
        let layouts: Vec<_> = pages.iter().map(|p| layout_page(p, &settings)).collect();
        let ours = yusuan::extract::document_tables(&layouts);
        let truth: crate::truth::TablesFile =
            load(&root().join(format!("samples/expected/{stem}/tables.toml")));
        assert!(!truth.tables.is_empty());
        for t in &truth.tables {
            if let Err(e) = crate::truth::compare_table(&ours, t) {
                failures.push(format!("{stem}: {} {:?}: {e}", t.kind, t.pages));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Metadata, facts and line items of the scanned samples, read by OCR,
/// against the generator's model (`samples/expected/<stem>/facts.toml`).
#[test]
fn scanned_samples_facts_match_expected() {
    if !have_ocr("scanned_samples_facts_match_expected") {
        return;
    }
    let mut failures = Vec::new();
    for stem in SCANNED {
        let truth: crate::truth::FactsFile =
            load(&root().join(format!("samples/expected/{stem}/facts.toml")));
        let e = crate::truth::extract_of_ocr(&sample(stem));
        let errs = crate::truth::compare_sample_extraction(&e, &truth);
        failures.extend(errs.into_iter().map(|x| format!("{stem}: {x}")));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// No accusation on a scan: where the checks disagree on a page read by OCR
/// (the 2020 scanned sample's 208 row, whose 款 rows continue beyond the
/// scanned page), the result is `skipped` with the finding and the reason,
/// never a `fail` — a misread digit cannot be told from a misprint.
#[test]
fn checks_on_scanned_pages_never_accuse() {
    if !have_ocr("checks_on_scanned_pages_never_accuse") {
        return;
    }
    let mut doubted = 0;
    for stem in ["rsj2020_scanned_a", "rsj2020_scanned_b"] {
        let p = crate::truth::processed_of(
            &root().join(format!("samples/{stem}.pdf")),
            OcrMode::Auto,
            yusuan::pipeline::Until::Check,
            false,
        );
        for r in &p.checks {
            assert_ne!(r.status, yusuan::check::Status::Fail, "{stem}: {}", r.message);
            if r.message.contains("was read by OCR") {
                assert!(
                    r.message.contains("≠"),
                    "{stem}: the finding is kept: {}",
                    r.message
                );
                doubted += 1;
            }
        }
    }
    assert!(doubted >= 1, "no disagreement on the scans to hold back");
}

/// `yusuan extract` on the scanned samples: read, not partial; every table
/// cell and fact says `source=ocr` with its confidence, and each table's
/// identities vouch for it (`ocr_verified=true`).
#[test]
fn scanned_samples_extract_marks_ocr_and_verifies() {
    if !have_ocr("scanned_samples_extract_marks_ocr_and_verifies") {
        return;
    }
    let out = crate::util::scratch("ocr-extract");
    let a = sample(SCANNED[0]);
    let b = sample(SCANNED[1]);
    let o = out.to_str().expect("utf-8");
    let run = yusuan_env(
        &[
            "extract",
            a.to_str().expect("utf-8"),
            b.to_str().expect("utf-8"),
            "--quiet",
            "--out",
            o,
        ],
        &[],
    );
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let read = |name: &str, last: &[&str]| -> Vec<csv::StringRecord> {
        let mut r = csv::Reader::from_path(out.join(name)).expect(name);
        let header: Vec<String> = r.headers().expect("header").iter().map(String::from).collect();
        // The columns this test reads by position, in place (later
        // extensions are appended after them).
        assert!(
            header
                .windows(last.len())
                .any(|w| w.iter().zip(last).all(|(a, b)| a == b)),
            "{name}: {header:?}"
        );
        r.records().map(|x| x.expect("row")).collect()
    };
    let docs = read("documents.csv", &["level"]);
    assert_eq!(docs.len(), 2);
    for d in &docs {
        assert_eq!(&d[10], "ok", "status of {}", &d[1]);
        assert_eq!(
            (&d[11], &d[12]),
            ("1", "0"),
            "text_pages, image_pages of {}",
            &d[1]
        );
        assert!(d[13].contains("read by OCR"), "{}", &d[13]);
    }
    let tables = read("tables.csv", &["source", "ocr_confidence", "ocr_verified"]);
    assert!(tables.len() > 100);
    for c in &tables {
        assert_eq!(&c[14], "ocr");
        assert_eq!(&c[16], "true", "ocr_verified of table {} {}", &c[0], &c[12]);
        if !c[9].is_empty() {
            let conf: f64 = c[15]
                .parse()
                .unwrap_or_else(|_| panic!("confidence {:?} of {:?}", &c[15], &c[9]));
            assert!((0.0..=100.0).contains(&conf));
        }
    }
    let facts = read("facts.csv", &["source", "ocr_confidence"]);
    assert!(facts.len() >= 5);
    for f in &facts {
        assert_eq!(&f[12], "ocr", "{}", &f[4]);
        assert!(!f[13].is_empty(), "no confidence for {}", &f[4]);
    }
    let _ = std::fs::remove_dir_all(&out);
}

/// The fonts corpus's scans (pages 3–4 of a1 at 200 dpi, no text layer in
/// d1; d2 the same pages with Tesseract's own invisible layer, read again
/// with `--ocr always`) reach a character error rate of at most 1% against
/// the expected text of those pages.
#[test]
fn fonts_corpus_scans_within_one_percent_cer() {
    let Some(corpus) = shared_corpus("fonts_corpus_scans_within_one_percent_cer") else {
        return;
    };
    if !have_ocr("fonts_corpus_scans_within_one_percent_cer") {
        return;
    }
    let dir = corpus.join("fonts");
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).expect("expected.json"))
            .expect("json");
    let html = norm(expected["html"].as_str().expect("html"));
    // The expected text of pages 3–4: a1's text layer there (which
    // tests/corpus.rs holds equal to expected.json), checked to be part of
    // the expected text.
    let a1 = yusuan::pdf::Document::open(dir.join("a1_lo_noto_type1.pdf")).expect("a1");
    let settings = Settings::default();
    let want: String = (3..=4)
        .map(|n| layout_page(&a1.page(n).expect("page"), &settings).text())
        .collect();
    let want = norm(&want);
    assert!(want.chars().count() > 1500 && html.contains(&want));
    for (file, mode) in [
        ("d1_scanned_noTextLayer.pdf", OcrMode::Auto),
        ("d2_scanned_tesseractOCR.pdf", OcrMode::Always),
    ] {
        let pages = pages_with_ocr(&dir.join(file), mode);
        assert!(
            pages.iter().all(|p| p.ocr.is_some()),
            "{file}: not every page OCRed"
        );
        let got: String = pages.iter().map(|p| layout_page(p, &settings).text()).collect();
        let cer = char_error_rate(&norm(&got), &want);
        eprintln!("{file}: character error rate {:.2}%", cer * 100.0);
        assert!(cer <= 0.01, "{file}: character error rate {:.2}%", cer * 100.0);
    }
}

/// Without Tesseract the run does not fail: scans stay image-only, the
/// document is partial, and the warning says how to install the engine.
#[test]
fn without_tesseract_scans_stay_image_only() {
    let pdf = sample(SCANNED[0]);
    let missing = [("YUSUAN_TESSERACT", "/nonexistent/tesseract")];
    let out = yusuan_env(&["text", "--json", pdf.to_str().expect("utf-8")], &missing);
    assert_eq!(
        out.status.code(),
        Some(1),
        "image-only pages make the run partial"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("apt-get install tesseract-ocr tesseract-ocr-chi-sim"),
        "{stderr}"
    );
    let page: serde_json::Value = serde_json::from_str(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .expect("a page"),
    )
    .expect("json");
    assert_eq!(page["image_only"], true);
    assert_eq!(page["glyphs"].as_array().map(Vec::len), Some(0));
    assert!(page.get("ocr").is_none());

    let dir = crate::util::scratch("no-ocr");
    let d = dir.to_str().expect("utf-8");
    let run = yusuan_env(
        &["extract", pdf.to_str().expect("utf-8"), "--quiet", "--out", d],
        &missing,
    );
    assert_eq!(run.status.code(), Some(1));
    let docs = std::fs::read_to_string(dir.join("documents.csv")).expect("documents.csv");
    let row = docs.lines().nth(1).expect("a document");
    assert!(row.contains(",partial,0,1,"), "{row}");
    assert!(row.contains("tesseract-ocr-chi-sim"), "{row}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--ocr never` leaves scans alone even where the engine is installed.
#[test]
fn ocr_never_reads_no_scan() {
    let out = yusuan_env(
        &[
            "text",
            "--ocr",
            "never",
            sample(SCANNED[1]).to_str().expect("utf-8"),
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(norm(&String::from_utf8_lossy(&out.stdout)).is_empty());
    let bad = yusuan_env(&["text", "--ocr", "sometimes", "x.pdf"], &[]);
    assert_eq!(bad.status.code(), Some(2), "a bad --ocr value is a usage error");
}

/// The verification itself, on born-digital samples (no engine needed):
/// a table whose identities hold is verified; the errata sample's 支出总表,
/// whose 合计 row says 2,936.45 against 基本 + 项目 + 专项 = 2,934.45, is
/// flagged with exactly that row's figures.
#[test]
fn verification_flags_the_cells_that_do_not_add_up() {
    use yusuan::check::ocr_tables::verify_table;
    use yusuan::extract::TableKind;
    let (good, _) = crate::truth::extract_of(&sample("rsj2020_budget_writer"));
    let t = good
        .tables
        .iter()
        .find(|t| t.kind == TableKind::GeneralBudgetExpenditure)
        .expect("一般公共预算支出表");
    let v = verify_table(&good, t);
    assert_eq!(v.verified, Some(true), "{:?}", v.messages);
    assert!(v.cells.is_empty());

    let (bad, _) = crate::truth::extract_of(&sample("rsj2020_budget_errata"));
    let t = bad
        .tables
        .iter()
        .find(|t| t.kind == TableKind::Expenditure)
        .expect("支出总表");
    let v = verify_table(&bad, t);
    assert_eq!(v.verified, Some(false));
    let texts: Vec<&str> = v
        .cells
        .iter()
        .filter_map(|(r, c)| t.cells.iter().find(|x| x.row == *r && x.col == *c))
        .map(|c| c.text.as_str())
        .collect();
    assert!(texts.contains(&"2,936.45"), "{texts:?}");
    assert!(
        v.cells
            .iter()
            .all(|(r, _)| *r == v.cells.iter().next().map(|x| x.0).unwrap_or(0)),
        "one row: {texts:?}"
    );
    assert!(v.messages.iter().any(|m| m.starts_with("T2")), "{:?}", v.messages);
    // An identity of the facts a table states: the 2019 sample's “三公”
    // table prints 10.50 as the total of parts that add up to 11.00 (T4);
    // the cells of those figures are named.
    let (cid, _) = crate::truth::extract_of(&sample("rsj2019_budget_cidfont"));
    let three = cid
        .tables
        .iter()
        .find(|t| t.kind == TableKind::ThreePublic)
        .expect("三公 table");
    let v = verify_table(&cid, three);
    assert_eq!(v.verified, Some(false), "{:?}", v.messages);
    assert!(v.messages.iter().any(|m| m.starts_with("T4")), "{:?}", v.messages);
    let texts: Vec<&str> = v
        .cells
        .iter()
        .filter_map(|(r, c)| three.cells.iter().find(|x| x.row == *r && x.col == *c))
        .map(|c| c.text.as_str())
        .collect();
    assert!(texts.iter().any(|t| t.contains("10.5")), "{texts:?}");
}

/// The image decoders on what the samples hold: an 8-bit gray Flate image
/// with a PNG predictor (a) and a gray JPEG (b), decoded at their native
/// size.
#[test]
fn sample_scan_images_decode_at_native_resolution() {
    for (stem, codec, w, h) in [(SCANNED[0], "Flate", 1654, 2339), (SCANNED[1], "DCT", 1241, 1754)] {
        let doc = yusuan::pdf::Document::open(sample(stem)).expect("opens");
        let page = doc.page(1).expect("page");
        assert!(page.is_image_only());
        let im = &page.images[0];
        assert_eq!((im.width_px, im.height_px), (w, h), "{stem}");
        let got = yusuan::ocr::describe_page_image(&doc, &page).expect("decodes");
        assert!(
            got.contains(codec) && got.contains(&format!("{w}×{h}")),
            "{stem}: {got}"
        );
    }
}

/// Bilevel scans as scanners store them — CCITT Group 4 and JBIG2 (a
/// generic region coded with MMR), made by scripts/samples/ocr_fixtures.py
/// — decode at their native size (hayro-ccitt, hayro-jbig2), and the ruled
/// table on them is read cell by cell.
#[test]
fn ccitt_and_jbig2_scans_decode_and_read() {
    let want = [
        "科目名称",
        "金额",
        "一般公共服务支出",
        "2,934.45",
        "社会保障和就业支出",
        "1,948.61",
    ];
    let ocr = have_ocr("reading the CCITT and JBIG2 fixtures");
    for (file, codec) in [("ccitt_g4.pdf", "CCITT"), ("jbig2_mmr.pdf", "JBIG2")] {
        let pdf = root().join("tests/fixtures/ocr").join(file);
        let doc = yusuan::pdf::Document::open(&pdf).expect("opens");
        let page = doc.page(1).expect("page");
        assert!(page.is_image_only(), "{file}");
        let got = yusuan::ocr::describe_page_image(&doc, &page).expect("decodes");
        assert!(got.contains(codec) && got.contains("1650×480"), "{file}: {got}");
        if !ocr {
            continue;
        }
        let pages = pages_with_ocr(&pdf, OcrMode::Auto);
        let layout = layout_page(&pages[0], &Settings::default());
        let table = layout
            .tables
            .first()
            .unwrap_or_else(|| panic!("{file}: no table"));
        assert_eq!((table.n_rows, table.n_cols), (3, 2), "{file}");
        let texts: Vec<String> = table.cells.iter().map(|c| norm(&c.text)).collect();
        assert_eq!(texts, want, "{file}");
    }
}

/// A text layer whose fonts carry no Unicode at all (e2: a2 with its
/// ToUnicode maps removed) is undecodable; `--ocr auto` renders such pages
/// with pdftoppm and reads them, keeping the PDF's own ruling lines.
#[test]
fn undecodable_pages_are_rendered_and_read() {
    let Some(corpus) = shared_corpus("undecodable_pages_are_rendered_and_read") else {
        return;
    };
    if !have_ocr("undecodable_pages_are_rendered_and_read")
        || !crate::util::have_program("pdftoppm", "undecodable_pages_are_rendered_and_read")
    {
        return;
    }
    let dir = corpus.join("fonts");
    let settings = Settings::default();
    let text_of = |pages: &[yusuan::pdf::Page]| -> String {
        pages.iter().map(|p| layout_page(p, &settings).text()).collect()
    };
    let a2 = yusuan::pdf::Document::open(dir.join("a2_lo_wqy_truetype.pdf")).expect("a2");
    let want = norm(&text_of(&[a2.page(3).expect("p3"), a2.page(4).expect("p4")]));
    let path = dir.join("e2_lo_wqy_truetype_noToUnicode.pdf");
    let run = yusuan::pipeline::Settings {
        pages: "3-4".parse().ok(),
        until: yusuan::pipeline::Until::Layout,
        keep_pages: true,
        ..Default::default()
    };
    let processed = yusuan::pipeline::process(yusuan::pipeline::Input::Path(&path), &run).expect("e2");
    assert!(
        !processed
            .warnings
            .iter()
            .any(|w| w.message.starts_with("OCR failed")),
        "{:?}",
        processed.warnings
    );
    let pages = processed.pages;
    for p in &pages {
        assert_eq!(p.kind, yusuan::pdf::PageKind::Undecodable);
        let info = p.ocr.as_ref().expect("OCRed");
        assert!(info.image.starts_with("rendered by pdftoppm"), "{}", info.image);
    }
    let cer = char_error_rate(&norm(&text_of(&pages)), &want);
    eprintln!(
        "e2 pages 3-4 rendered and OCRed: character error rate {:.2}%",
        cer * 100.0
    );
    assert!(cer <= 0.02, "character error rate {:.2}%", cer * 100.0);
}

/// A scan page whose one image is `image` (an XObject body): a hostile
/// image is what OCR meets first.
fn scan_with_image(image: Vec<u8>) -> Vec<u8> {
    let content = b"q 595 0 0 842 0 0 cm /Im1 Do Q";
    let mut contents = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    contents.extend_from_slice(content);
    contents.extend_from_slice(b"\nendstream");
    crate::hostile::build_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>".to_vec(),
        contents,
        image,
    ])
}

fn image(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut v = format!(
        "<< /Type /XObject /Subtype /Image {dict} /Length {} >>\nstream\n",
        data.len()
    )
    .into_bytes();
    v.extend_from_slice(data);
    v.extend_from_slice(b"\nendstream");
    v
}

/// Scans whose image is hostile — a size claiming 10¹⁰ pixels, a JPEG that
/// is not one, CCITT parameters far beyond the image, a Flate image cut
/// short, JBIG2 garbage — in one batch with a good scan: nothing panics or
/// hangs, each bad file ends `partial` with the damage named, and the good
/// scan comes out read.
#[test]
fn hostile_scans_end_cleanly_in_a_batch() {
    if !have_ocr("hostile_scans_end_cleanly_in_a_batch") {
        return;
    }
    let dir = crate::util::scratch("hostile-scans");
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).expect("tmp");
    let mut short_flate = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut short_flate, &[128u8; 5000]).expect("deflate");
    let short_flate = short_flate.finish().expect("deflate");
    let hostile = [
        (
            "huge",
            image(
                "/Width 100000 /Height 100000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
                b"\xFF\xD8\xFF junk",
            ),
        ),
        (
            "not_jpeg",
            image(
                "/Width 800 /Height 1100 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode",
                &[0x5a; 4096],
            ),
        ),
        (
            "ccitt_columns",
            image(
                "/Width 800 /Height 1100 /ImageMask true /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns 2000000000 /Rows 2000000000 >>",
                &[0x00, 0xFF, 0x13, 0x37, 0x00, 0x01],
            ),
        ),
        (
            "short_flate",
            image(
                "/Width 800 /Height 1100 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
                &short_flate,
            ),
        ),
        (
            "jbig2_garbage",
            image(
                "/Width 800 /Height 1100 /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /JBIG2Decode",
                &[0x97; 300],
            ),
        ),
    ];
    for (name, img) in &hostile {
        std::fs::write(inputs.join(format!("{name}.pdf")), scan_with_image(img.clone())).expect("write");
    }
    std::fs::copy(sample("rsj2020_scanned_b"), inputs.join("good.pdf")).expect("copy");
    let out = dir.join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args([
            "extract",
            "--quiet",
            "--jobs",
            "2",
            "--file-timeout",
            "100",
            "--out",
        ])
        .arg(&out)
        .arg(&inputs)
        .spawn()
        .expect("yusuan runs");
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if started.elapsed() > std::time::Duration::from_secs(300) {
            let _ = child.kill();
            panic!("the batch did not finish in 300 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert!(matches!(status.code(), Some(0 | 1)), "exit {status:?}");
    let docs = std::fs::read_to_string(out.join("documents.csv")).expect("documents.csv");
    let mut rows = csv::Reader::from_reader(docs.as_bytes());
    let header = rows.headers().expect("header").clone();
    let col = |n: &str| header.iter().position(|h| h == n).expect(n);
    let (path, status_col, warnings, error) =
        (col("source_path"), col("status"), col("warnings"), col("error"));
    let mut seen = 0;
    for r in rows.records() {
        let r = r.expect("row");
        seen += 1;
        let why = format!("{} {}", &r[warnings], &r[error]);
        assert!(!why.contains("panick"), "{}: {why}", &r[path]);
        if r[path].ends_with("good.pdf") {
            assert_eq!(&r[status_col], "ok", "good scan: {why}");
        } else {
            // Read (rendered in its place where undecodable), and the
            // damage said, naming the image: partial, never silently ok.
            assert_eq!(&r[status_col], "partial", "{}: {why}", &r[path]);
            assert!(
                why.contains("scan image not decoded (image 5 0: ")
                    || why.contains("scan image damaged (image 5 0: ")
                    // A size beyond the pixel budget is refused before decoding, the limit named.
                    || (why.contains("image 5 0: ") && why.contains("over the limit of")),
                "{}: {why}",
                &r[path]
            );
        }
    }
    assert_eq!(seen, hostile.len() + 1, "{docs}");
    let tables = std::fs::read_to_string(out.join("tables.csv")).expect("tables.csv");
    assert!(
        tables
            .lines()
            .any(|l| l.contains(",ocr,") && l.contains("2,934.45")),
        "the good scan's 收支总表 is missing"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
