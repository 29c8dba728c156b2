//! Canonical keys and identities over the whole real corpus (skipped when
//! `../shared/corpus` is absent): the filters the README promises give one
//! figure per code per document, and every document has its identities.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;
use yusuan::output::{FILES, rows};
use yusuan::pipeline::{Input, Settings};

use crate::util::shared_corpus;

/// A row as column name → field.
type Row = BTreeMap<&'static str, String>;
/// A document's file name and its rows of every output file, by file name.
type DocRows = (String, BTreeMap<&'static str, Vec<Row>>);

/// Every corpus PDF's rows of every output file (read once for all the
/// tests of this module).
fn corpus_rows(test: &str) -> Option<&'static [DocRows]> {
    static ROWS: OnceLock<Option<Vec<DocRows>>> = OnceLock::new();
    let corpus = shared_corpus(test)?;
    ROWS.get_or_init(|| Some(read_corpus(&corpus))).as_deref()
}

fn read_corpus(corpus: &Path) -> Vec<DocRows> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus.join("real"))
        .expect("real/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    files.sort();
    files
        .par_iter()
        .map(|pdf| {
            let record = match yusuan::pipeline::process(Input::Path(pdf), &Settings::default()) {
                Ok(p) => p.record(),
                Err(f) => f.record(),
            };
            let mut by_file = BTreeMap::new();
            for (file, rs) in FILES.iter().zip(rows(&record)) {
                let names = file.names();
                let named = rs
                    .into_iter()
                    .map(|r| names.iter().copied().zip(r).collect::<Row>())
                    .collect();
                by_file.insert(file.name, named);
            }
            let name = pdf
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, by_file)
        })
        .collect()
}

/// `fund = general_budget, measure = total, period = current` gives one
/// figure per code per document, never a double count; and the keys are
/// set on every line item of a table with a fund.
#[test]
fn general_budget_totals_are_one_figure_per_code() {
    let Some(docs) = corpus_rows("general_budget_totals_are_one_figure_per_code") else {
        return;
    };
    let mut problems = Vec::new();
    let mut figures = 0;
    for (file, by_file) in docs {
        let mut seen: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
        for r in &by_file["line_items.csv"] {
            if r["fund"].is_empty() || r["measure"].is_empty() || r["period"].is_empty() {
                problems.push(format!(
                    "{file}: no keys for {} column {:?}",
                    r["table_kind"], r["column"]
                ));
            }
            if r["fund"] == "general_budget"
                && r["measure"] == "total"
                && r["period"] == "current"
                && r["entity"].is_empty()
            {
                let key = (r["code"].as_str(), r["parallel_code"].as_str());
                seen.entry(key).or_default().push(&r["column"]);
            }
        }
        for ((code, parallel), columns) in seen {
            figures += 1;
            if columns.len() > 1 {
                problems.push(format!(
                    "{file}: code {code} {parallel} has {} figures: {columns:?}",
                    columns.len()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        figures > 100,
        "only {figures} general-budget figures on the corpus"
    );
}

/// The Jiangsu series of the corpus (five bodies, 2017–2019, under several
/// names, narrative and table files apart) is five `dept_key`s, one per
/// body; every document has a `region_code`, and every row of a per-row
/// file carries its document's.
#[test]
fn jiangsu_bodies_are_five_keys_and_every_document_has_a_region() {
    let Some(docs) = corpus_rows("jiangsu_bodies_are_five_keys_and_every_document_has_a_region") else {
        return;
    };
    let mut jiangsu: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, by_file) in docs {
        let d = &by_file["documents.csv"][0];
        assert!(
            d["region_code"].len() == 6,
            "{file}: no region_code (region {:?}, department {:?})",
            d["region"],
            d["department"]
        );
        if file.starts_with("open-budget__江苏省") {
            jiangsu
                .entry(d["dept_key"].clone())
                .or_default()
                .insert(d["department"].clone());
            assert_eq!(d["region_code"], "320000", "{file}");
        }
        for f in ["facts.csv", "line_items.csv", "projects.csv", "indicators.csv"] {
            for r in &by_file[f] {
                assert_eq!(
                    (&r["dept_key"], &r["region_code"]),
                    (&d["dept_key"], &d["region_code"]),
                    "{file} {f}"
                );
            }
        }
    }
    assert_eq!(jiangsu.len(), 5, "{jiangsu:#?}");
}
