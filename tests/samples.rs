//! The project's own sample PDFs (`samples/`), against the ground truth the
//! generator wrote from its data model (`samples/expected/<stem>/`).

use crate::util::{norm, root, yusuan_path};

fn stems() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(root().join("samples/expected"))
        .expect("samples/expected exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|stem| root().join(format!("samples/{stem}.pdf")).exists())
        .collect();
    out.sort();
    out
}

/// Every born-digital sample's text, page by page, equals the generator's
/// text (white space and NFKC aside). Scanned samples have no text layer
/// (`image_only`) and are read by OCR: within 3% character error of the
/// generator's text (what is lost is the small folio `— 11 —`); without
/// Tesseract they stay unread and the run is partial.
#[test]
fn sample_text_matches_expected_per_page() {
    let stems = stems();
    assert!(stems.len() >= 5, "expected at least 5 samples, found {stems:?}");
    for stem in stems {
        let pdf = root().join(format!("samples/{stem}.pdf"));
        let expected = std::fs::read_to_string(root().join(format!("samples/expected/{stem}/content.txt")))
            .expect("content.txt");
        let expected: Vec<&str> = expected.split('\x0c').collect();
        if stem.contains("scanned") {
            let out = yusuan_path(&["text", "--json"], &pdf);
            let text = String::from_utf8_lossy(&out.stdout);
            let ocr = crate::truth::have_ocr(&format!("OCR of {stem}"));
            for (line, want) in text.lines().zip(&expected) {
                let v: serde_json::Value = serde_json::from_str(line).expect("json");
                assert_eq!(v["image_only"], true, "{stem}: scanned page not image-only");
                if ocr {
                    assert!(v["ocr"].is_object(), "{stem}: scanned page not OCRed");
                    let got = v["text"].as_str().unwrap_or("");
                    let cer = crate::util::char_error_rate(&norm(got), &norm(want));
                    assert!(cer <= 0.03, "{stem}: OCR text {:.1}% off:\n{got}", cer * 100.0);
                }
            }
            assert_eq!(text.lines().count(), expected.len(), "{stem}: page count");
            assert_eq!(
                out.status.code(),
                Some(if ocr { 0 } else { 1 }),
                "{stem}: read by OCR (or, without it, partial)"
            );
            continue;
        }
        let out = yusuan_path(&["text"], &pdf);
        assert!(
            out.status.success(),
            "{stem}: yusuan text failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = String::from_utf8(out.stdout).expect("utf-8");
        let got: Vec<&str> = got.split('\x0c').collect();
        assert_eq!(got.len(), expected.len(), "{stem}: page count");
        for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
            assert_eq!(norm(g), norm(e), "{stem} page {}: text differs", i + 1);
        }
    }
}

/// The non-embedded CID font sample decodes through the predefined
/// UniGB-UCS2-H CMap (no ToUnicode in the file).
#[test]
fn cid_font_sample_has_no_tounicode_and_still_decodes() {
    let bytes = std::fs::read(root().join("samples/rsj2019_budget_cidfont.pdf")).expect("sample");
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("UniGB-UCS2-H"));
    assert!(!raw.contains("/ToUnicode"));
    let doc = yusuan::pdf::Document::from_bytes(&bytes, &Default::default()).expect("opens");
    let page = doc.page(1).expect("page 1");
    assert_eq!(page.kind, yusuan::pdf::PageKind::Text);
    let text: String = page.glyphs.iter().map(|g| g.text.as_str()).collect();
    assert!(text.contains("部门预算"), "{text}");
}

/// `/Rotate 90` page of the Chromium sample: upright text, landscape size.
#[test]
fn rotated_page_reads_upright() {
    let doc = yusuan::pdf::Document::open(root().join("samples/rsj2021_final_chromium.pdf")).expect("opens");
    let rotated: Vec<_> = doc
        .pages()
        .filter_map(Result::ok)
        .filter(|p| p.rotation == 90)
        .collect();
    assert_eq!(rotated.len(), 1, "the sample has one /Rotate 90 page");
    let page = &rotated[0];
    let layout = yusuan::layout::layout_page(page, &Default::default());
    assert_eq!(layout.text_rotation, 0, "text is upright once /Rotate is applied");
    assert!(
        layout
            .lines
            .iter()
            .any(|l| norm(&l.text).contains("收入支出决算总表"))
    );
    // Glyphs of one line share a baseline in display space.
    let g: Vec<_> = page
        .glyphs
        .iter()
        .filter(|g| g.decoded && g.visible)
        .take(5)
        .collect();
    assert!(
        g.iter().all(|x| x.dir == 0),
        "glyph directions {:?}",
        g.iter().map(|x| x.dir).collect::<Vec<_>>()
    );
}

/// Every table of every born-digital sample matches the generator's cells
/// exactly: a merged-header table, a three-line table, a table split across
/// two pages with its header repeated, a landscape table, a /Rotate 90
/// page, an empty table, a performance form. The scanned samples' tables
/// are read by OCR: tests/ocr.rs.
#[test]
fn sample_tables_match_expected() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for stem in stems().into_iter().filter(|s| !s.contains("scanned")) {
        let truth: crate::truth::TablesFile =
            crate::truth::load(&root().join(format!("samples/expected/{stem}/tables.toml")));
        let ours = crate::truth::tables_of(&root().join(format!("samples/{stem}.pdf")));
        for t in &truth.tables {
            checked += 1;
            if let Err(e) = crate::truth::compare_table(&ours, t) {
                failures.push(format!("{stem}: {} {:?}: {e}", t.kind, t.pages));
            }
        }
    }
    assert!(checked >= 19, "only {checked} sample tables");
    crate::util::assert_within_known_gaps("sample_tables_match_expected", &failures, "differences");
}

/// Metadata, facts, line items, projects and indicators of the born-digital
/// samples against the generator's data model (`samples/expected/*/facts.toml`).
#[test]
fn sample_facts_match_expected() {
    let mut failures = Vec::new();
    // The errata sample has no facts.toml: its figures are the model's
    // with misprints, checked by tests/checks.rs.
    let with_facts = |s: &String| root().join(format!("samples/expected/{s}/facts.toml")).exists();
    for stem in stems()
        .into_iter()
        .filter(|s| !s.contains("scanned"))
        .filter(with_facts)
    {
        let truth: crate::truth::FactsFile =
            crate::truth::load(&root().join(format!("samples/expected/{stem}/facts.toml")));
        let (e, _) = crate::truth::extract_of(&root().join(format!("samples/{stem}.pdf")));
        let errs = crate::truth::compare_sample_extraction(&e, &truth);
        failures.extend(errs.into_iter().map(|x| format!("{stem}: {x}")));
    }
    crate::util::assert_within_known_gaps("sample_facts_match_expected", &failures, "differences");
}

/// `yusuan extract samples/` gives exactly the checked-in output folder
/// (`samples/expected/output/`: every CSV and datapackage.json), byte for
/// byte, with one thread or two; a record per document in docs/. The
/// scanned samples' rows are OCR output (Tesseract 5.3 chi_sim/eng, as
/// Debian 12 packages it); without Tesseract they are left out of the
/// comparison. `YUSUAN_BLESS=1` rewrites the expected files after a
/// reviewed change.
#[test]
fn sample_output_folder_is_as_expected() {
    let ocr = crate::truth::have_ocr("OCR rows of sample_output_folder_is_as_expected");
    // Without the engine, rows of the scanned samples are not compared.
    let scanned: Vec<String> = stems()
        .iter()
        .filter(|s| s.contains("scanned"))
        .map(|s| {
            yusuan::batch::sha256_file(&root().join(format!("samples/{s}.pdf"))).expect("sample")[..16]
                .to_string()
        })
        .collect();
    let keep = |text: &str| -> String {
        if ocr {
            return text.to_string();
        }
        text.lines()
            .filter(|l| !scanned.iter().any(|id| l.starts_with(id.as_str())))
            .map(|l| format!("{l}\n"))
            .collect()
    };
    let tmp = crate::util::scratch("samples");
    let expected_dir = root().join("samples/expected/output");
    for jobs in ["1", "2"] {
        let out = tmp.join(format!("j{jobs}"));
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_yusuan"))
            .current_dir(root())
            .args(["extract", "samples", "--quiet", "--jobs", jobs, "--out"])
            .arg(&out)
            .status()
            .expect("yusuan runs");
        // The scanned samples are partial without OCR: exit code 1.
        assert!(matches!(status.code(), Some(0 | 1)), "exit {status:?}");
        let mut names: Vec<&str> = yusuan::output::FILES.iter().map(|f| f.name).collect();
        names.push("datapackage.json");
        for name in names {
            let got = std::fs::read_to_string(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            let want_path = expected_dir.join(name);
            if std::env::var_os("YUSUAN_BLESS").is_some() && jobs == "1" && ocr {
                std::fs::create_dir_all(&expected_dir).expect("mkdir");
                std::fs::write(&want_path, &got).expect("bless");
                continue;
            }
            let want = std::fs::read_to_string(&want_path)
                .unwrap_or_else(|e| panic!("{}: {e} (run with YUSUAN_BLESS=1 once)", want_path.display()));
            let (got, want) = (keep(&got), keep(&want));
            if got != want {
                let line = got.lines().zip(want.lines()).position(|(a, b)| a != b);
                let (g, w) = match line {
                    Some(i) => (
                        got.lines().nth(i).unwrap_or(""),
                        want.lines().nth(i).unwrap_or(""),
                    ),
                    None => ("(length differs)", ""),
                };
                panic!(
                    "{name} (jobs {jobs}) differs at line {}:\n got  {g}\n want {w}",
                    line.map(|i| i + 1).unwrap_or(0)
                );
            }
        }
        let docs = std::fs::read_dir(out.join("docs")).expect("docs/").count();
        assert_eq!(docs, stems().len(), "one record per sample");
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

/// Issue 12 H and coverage (OUTPUT.md additions): a government's budget
/// report names no department and states no department figure; a full
/// disclosure lists its standard tables and misses no core metric; a form
/// alone (绩效自评表) and a government report miss none (they are not
/// disclosures); a document read whole has no classified table without
/// line items.
#[test]
fn sample_metadata_kinds_and_coverage() {
    use yusuan::extract::{Level, coverage};
    let of = |stem: &str| crate::truth::extract_of(&root().join(format!("samples/{stem}.pdf"))).0;
    let gov = of("rsj2026_govreport_rl");
    assert_eq!(gov.metadata.level, Level::Government);
    assert!(gov.metadata.department.is_empty(), "{}", gov.metadata.department);
    assert!(
        gov.facts.is_empty() && gov.statements.is_empty(),
        "{:?}",
        gov.facts
    );
    assert!(coverage::metrics_missing(&gov).is_empty());

    let table = of("rsj2024_govfinal_rl");
    assert_eq!(table.metadata.level, Level::Government);
    assert_eq!(
        table.metadata.doc_kind,
        Some(yusuan::extract::DocKind::FinalAccount)
    );
    assert_eq!(table.metadata.year, Some(2024));
    assert!(table.metadata.department.is_empty());

    let form = of("rsj2025_selfeval_rl");
    assert_eq!(form.metadata.level, Level::Department);
    assert!(coverage::metrics_missing(&form).is_empty());

    let budget = of("rsj2026_budget_writer");
    let found = coverage::tables_found(&budget);
    for kind in [
        "income_expenditure_summary",
        "fiscal_summary",
        "three_public",
        "procurement",
    ] {
        assert!(found.contains(&kind), "{kind} not in {found:?}");
    }
    assert!(!found.contains(&"other"));
    assert!(
        coverage::metrics_missing(&budget).is_empty(),
        "{:?}",
        coverage::metrics_missing(&budget)
    );
    // Tables by unit only: the document states no department total.
    let units = of("rsj2026_units_rl");
    assert!(coverage::metrics_missing(&units).contains(&"revenue.total".to_string()));

    let final_account = of("rsj2021_final_chromium");
    assert!(
        coverage::tables_without_items(&final_account).is_empty(),
        "{:?}",
        coverage::tables_without_items(&final_account)
    );
}

/// Issue 12 E: a 部门支出总表 with no code column whose name cells print
/// the code — bracketed (`[2080101]行政运行`, rsj2026_budget_writer) or
/// unbracketed with a space (`2080101 行政运行`, rsj2026_budget_errata) —
/// yields a line item per 类/款/项 row with the code split off the name,
/// and its subtotals are checked (T7, T13).
#[test]
fn codes_in_the_name_cell_give_line_items() {
    use std::collections::BTreeSet;
    use yusuan::extract::coverage;
    let rows = |stem: &str| -> BTreeSet<(String, String)> {
        let e = crate::truth::extract_of(&root().join(format!("samples/{stem}.pdf"))).0;
        assert!(
            coverage::tables_without_items(&e).is_empty(),
            "{stem}: {:?}",
            coverage::tables_without_items(&e)
        );
        let checks = yusuan::check::run(&e);
        for check in ["T7", "T13"] {
            assert!(
                checks.iter().any(|r| r.check == check
                    && r.status == yusuan::check::Status::Pass
                    && r.message.contains("部门支出总表")),
                "{stem}: {check} did not check the 部门支出总表"
            );
        }
        e.line_items
            .iter()
            .filter(|l| l.table_kind == "expenditure")
            .map(|l| (l.code.clone(), l.printed_name.clone()))
            .collect()
    };
    let bracketed = rows("rsj2026_budget_writer");
    let spaced = rows("rsj2026_budget_errata");
    assert!(
        bracketed.contains(&("2080101".to_string(), "行政运行".to_string())),
        "{bracketed:?}"
    );
    assert!(
        bracketed.contains(&("201".to_string(), "一般公共服务支出".to_string())),
        "{bracketed:?}"
    );
    assert!(
        bracketed
            .iter()
            .all(|(c, n)| matches!(c.len(), 3 | 5 | 7) && !n.starts_with(['[', '0', '1', '2'])),
        "{bracketed:?}"
    );
    assert_eq!(bracketed, spaced);
}
