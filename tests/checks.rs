//! The consistency checks (`src/check`): every check fails on a sample
//! built with a deliberate misprint for it and passes on the samples built
//! consistent; on the real corpus it reports exactly the disagreements
//! confirmed by reading the pages (`tests/corpus/checks.toml`).

use std::collections::BTreeMap;
use std::path::Path;

use rust_decimal::Decimal;
use serde::Deserialize;
use yusuan::check::{CHECKS, CheckResult, Status};

use crate::util::{root, shared_corpus};

#[derive(Deserialize)]
struct Inconsistencies {
    inconsistency: Vec<Inconsistency>,
}

#[derive(Deserialize)]
struct Inconsistency {
    check: String,
    also: Vec<String>,
    what: String,
    pages: Vec<usize>,
    figures: Vec<String>,
}

fn checks_of(pdf: &Path) -> Vec<CheckResult> {
    crate::truth::processed_of(
        pdf,
        yusuan::ocr::OcrMode::Never,
        yusuan::pipeline::Until::Check,
        false,
    )
    .checks
}

/// Samples with deliberate misprints (an `inconsistencies.toml`) and the
/// consistent born-digital ones.
fn samples() -> (Vec<String>, Vec<String>) {
    let dir = root().join("samples/expected");
    let mut broken = Vec::new();
    let mut sound = Vec::new();
    for e in std::fs::read_dir(&dir).expect("samples/expected").flatten() {
        let stem = e.file_name().to_string_lossy().into_owned();
        if !root().join(format!("samples/{stem}.pdf")).exists() || stem.contains("scanned") {
            continue;
        }
        if e.path().join("inconsistencies.toml").exists() {
            broken.push(stem);
        } else {
            sound.push(stem);
        }
    }
    broken.sort();
    sound.sort();
    (broken, sound)
}

fn amount(s: &str) -> Option<Decimal> {
    s.replace(',', "").parse().ok()
}

/// Each misprint makes its check fail, on its page, by the misprinted
/// amount; the failures listed as consequences (`also`) fail too; nothing
/// else fails.
#[test]
fn each_deliberate_misprint_is_found_and_nothing_else() {
    let (broken, _) = samples();
    assert!(broken.len() >= 2, "samples with misprints: {broken:?}");
    for stem in broken {
        let truth: Inconsistencies =
            crate::truth::load(&root().join(format!("samples/expected/{stem}/inconsistencies.toml")));
        let results = checks_of(&root().join(format!("samples/{stem}.pdf")));
        let failed: Vec<&CheckResult> = results.iter().filter(|r| r.status == Status::Fail).collect();
        let mut want: Vec<&str> = truth
            .inconsistency
            .iter()
            .flat_map(|i| std::iter::once(i.check.as_str()).chain(i.also.iter().map(String::as_str)))
            .collect();
        want.sort_unstable();
        let mut got: Vec<&str> = failed.iter().map(|r| r.check).collect();
        got.sort_unstable();
        let messages: Vec<&str> = failed.iter().map(|r| r.message.as_str()).collect();
        assert_eq!(got, want, "{stem}: failed checks\n{}", messages.join("\n"));
        for inc in &truth.inconsistency {
            let hit = failed
                .iter()
                .find(|r| r.check == inc.check && r.pages.iter().any(|p| inc.pages.contains(p)));
            let Some(hit) = hit else {
                panic!(
                    "{stem}: {} not reported on pages {:?}: {}",
                    inc.check, inc.pages, inc.what
                );
            };
            // A misprint of one figure (printed, model): the difference is
            // the misprint, in yuan.
            if let [printed, model] = inc.figures.as_slice()
                && let (Some(p), Some(m)) = (amount(printed), amount(model))
            {
                let want = ((p - m) * Decimal::from(10_000)).abs();
                let got = hit.difference.map(|d| d.abs());
                assert_eq!(got, Some(want), "{stem}: {}: {}", inc.check, hit.message);
            }
            assert!(
                hit.message.contains(&format!("p.{}", hit.pages[0])),
                "{stem}: message without its page: {}",
                hit.message
            );
        }
    }
}

/// The samples built consistent fail no check.
#[test]
fn consistent_samples_fail_no_check() {
    let (_, sound) = samples();
    assert!(sound.len() >= 2, "consistent samples: {sound:?}");
    for stem in sound {
        let results = checks_of(&root().join(format!("samples/{stem}.pdf")));
        let failed: Vec<&str> = results
            .iter()
            .filter(|r| r.status == Status::Fail)
            .map(|r| r.message.as_str())
            .collect();
        assert!(failed.is_empty(), "{stem}: {}", failed.join("\n"));
    }
}

/// Every check in the registry has a passing case (on a consistent sample)
/// and a failing case (on a sample with misprints).
#[test]
fn every_check_passes_and_fails_somewhere() {
    let (broken, sound) = samples();
    let mut seen: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
    for (stems, failing) in [(&sound, false), (&broken, true)] {
        for stem in stems {
            for r in checks_of(&root().join(format!("samples/{stem}.pdf"))) {
                let e = seen.entry(r.check).or_default();
                if failing && r.status == Status::Fail {
                    e.1 = true;
                }
                if !failing && r.status == Status::Pass {
                    e.0 = true;
                }
            }
        }
    }
    for (id, name, _) in CHECKS {
        let (pass, fail) = seen.get(id).copied().unwrap_or_default();
        assert!(pass, "{id} ({name}) never passes on a consistent sample");
        assert!(fail, "{id} ({name}) never fails on a sample with misprints");
    }
}

/// A check whose inputs are missing is skipped, with the reason: a scanned
/// sample has no text layer to check.
#[test]
fn checks_without_inputs_are_skipped_with_a_reason() {
    let results = checks_of(&root().join("samples/rsj2020_scanned_a.pdf"));
    assert!(!results.is_empty());
    for r in &results {
        assert_eq!(r.status, Status::Skipped, "{}: {}", r.check, r.message);
        assert!(!r.message.is_empty(), "{}: skipped without a reason", r.check);
        assert_eq!((r.expected, r.actual, r.difference), (None, None, None));
    }
    let ids: Vec<&str> = results.iter().map(|r| r.check).collect();
    for (id, _, _) in CHECKS {
        assert!(
            ids.contains(id),
            "{id} reports nothing at all on a scanned document"
        );
    }
}

#[derive(Deserialize)]
struct Findings {
    finding: Vec<Finding>,
}

#[derive(Deserialize)]
struct Finding {
    file: String,
    check: String,
    pages: Vec<usize>,
    #[allow(dead_code)]
    note: String,
}

/// On the real corpus, the failures are exactly those confirmed by reading
/// the pages: no false alarm from an extraction error, no finding lost.
#[test]
fn real_corpus_failures_are_the_confirmed_ones() {
    let Some(dir) = shared_corpus("real_corpus_failures_are_the_confirmed_ones") else {
        return;
    };
    let truth: Findings = crate::truth::load(&root().join("tests/corpus/checks.toml"));
    let mut want: Vec<(String, String, Vec<usize>)> = truth
        .finding
        .into_iter()
        .map(|f| (f.file, f.check, f.pages))
        .collect();
    want.sort();
    let mut got = Vec::new();
    let mut messages = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir.join("real"))
        .expect("real/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    files.sort();
    let mut passes = 0;
    for pdf in files {
        let name = pdf
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for r in checks_of(&pdf) {
            match r.status {
                Status::Fail => {
                    messages.push(format!("{name}: {} {:?} {}", r.check, r.pages, r.message));
                    got.push((name.clone(), r.check.to_string(), r.pages));
                }
                Status::Pass => passes += 1,
                Status::Skipped => {}
            }
        }
    }
    got.sort();
    assert_eq!(
        got,
        want,
        "failed checks on the real corpus:\n{}",
        messages.join("\n")
    );
    // The checks do run on real documents, not only skip.
    assert!(passes >= 300, "only {passes} checks passed on the real corpus");
}
