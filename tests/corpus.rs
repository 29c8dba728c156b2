//! Tests against the shared, read-only corpus in `../shared/corpus`. Each
//! test prints `skipping …` and passes when the corpus is absent, so a
//! user's clone still passes.

use std::path::Path;

use crate::util::{cjk_counts, have_program, multiset_agreement, norm, shared_corpus};
use yusuan::layout::{Settings, layout_page};
use yusuan::pdf::{Document, PageKind};

fn doc_text(path: &Path) -> (String, Vec<PageKind>) {
    let doc = Document::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let settings = Settings::default();
    let mut text = String::new();
    let mut kinds = Vec::new();
    for page in doc.pages() {
        let page = page.expect("page");
        kinds.push(page.kind);
        text.push_str(&layout_page(&page, &settings).text());
        text.push('\x0c');
    }
    (text, kinds)
}

/// The fonts corpus: one text rendered ten ways. Every file with
/// recoverable text decodes to the expected text exactly (after NFKC and
/// without white space); the scans are image-only; e2, whose fonts carry no
/// Unicode anywhere, is reported undecodable rather than as garbage.
#[test]
fn fonts_corpus_decodes_every_encoding() {
    let Some(corpus) = shared_corpus("fonts_corpus_decodes_every_encoding") else {
        return;
    };
    let dir = corpus.join("fonts");
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).expect("expected.json"))
            .expect("json");
    let cases = [
        ("a1_lo_noto_type1.pdf", "html"),
        ("a2_lo_wqy_truetype.pdf", "html"),
        ("b1_chrome_noto_type3.pdf", "html"),
        ("b2_chrome_wqy_cidtt.pdf", "html"),
        ("c_reportlab_stsong_ucs2.pdf", "rl"),
        ("e1_chrome_wqy_cidtt_noToUnicode.pdf", "html"),
        ("f_gbk_euc_h_simsun.pdf", "gbk"),
    ];
    for (file, key) in cases {
        let (text, kinds) = doc_text(&dir.join(file));
        let want = expected[key].as_str().expect("expected text");
        assert!(kinds.iter().all(|k| *k == PageKind::Text), "{file}: {kinds:?}");
        let (got, want) = (norm(&text), norm(want));
        if got != want {
            let at = got.chars().zip(want.chars()).take_while(|(a, b)| a == b).count();
            let ctx = |s: &str| s.chars().skip(at.saturating_sub(10)).take(30).collect::<String>();
            panic!(
                "{file}: text differs at char {at}: got …{}… want …{}…",
                ctx(&got),
                ctx(&want)
            );
        }
    }
    let (_, kinds) = doc_text(&dir.join("d1_scanned_noTextLayer.pdf"));
    assert!(kinds.iter().all(|k| *k == PageKind::ImageOnly), "d1: {kinds:?}");
    let (_, kinds) = doc_text(&dir.join("d2_scanned_tesseractOCR.pdf"));
    assert!(
        kinds.iter().all(|k| *k == PageKind::ScannedWithText),
        "d2: {kinds:?}"
    );
    let (text, kinds) = doc_text(&dir.join("e2_lo_wqy_truetype_noToUnicode.pdf"));
    assert!(kinds.iter().all(|k| *k == PageKind::Undecodable), "e2: {kinds:?}");
    assert!(
        norm(&text).is_empty(),
        "e2 must not produce invented text: {}",
        &text[..text.len().min(200)]
    );
}

/// Every real disclosure: per page, the CJK characters (as a multiset)
/// agree with poppler's pdftotext on at least 99.5% wherever there is a
/// text layer; image-only pages are reported as such; nothing panics.
#[test]
fn real_corpus_agrees_with_pdftotext() {
    let Some(corpus) = shared_corpus("real_corpus_agrees_with_pdftotext") else {
        return;
    };
    if !have_program("pdftotext", "real_corpus_agrees_with_pdftotext") {
        return;
    }
    let mut files: Vec<_> = std::fs::read_dir(corpus.join("real"))
        .expect("real/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    files.sort();
    assert!(files.len() >= 30, "{} files", files.len());
    let mut pages_checked = 0;
    let mut image_only = 0;
    for path in files {
        let (ours, kinds) = doc_text(&path);
        let out = std::process::Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext runs");
        let theirs = String::from_utf8_lossy(&out.stdout).into_owned();
        let ours: Vec<&str> = ours.split('\x0c').collect();
        let theirs: Vec<&str> = theirs.split('\x0c').collect();
        for (i, kind) in kinds.iter().enumerate() {
            let a = cjk_counts(ours[i]);
            let b = cjk_counts(theirs.get(i).copied().unwrap_or(""));
            if b.is_empty() {
                if *kind == PageKind::ImageOnly {
                    image_only += 1;
                }
                continue;
            }
            pages_checked += 1;
            let agreement = multiset_agreement(&a, &b);
            assert!(
                agreement >= 0.995,
                "{} page {}: CJK agreement with pdftotext {:.4}",
                path.display(),
                i + 1,
                agreement
            );
        }
    }
    assert!(pages_checked > 800, "only {pages_checked} pages had text");
    // The scanned 北京 file (8 pages) and single image pages elsewhere.
    assert!(image_only >= 9, "only {image_only} image-only pages found");
}
