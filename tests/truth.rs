//! Ground-truth fixtures (`tests/corpus/*/`, `samples/expected/*/`) and the
//! comparisons against yusuan's output. Formats: tests/corpus/README.md.

#![allow(dead_code)]

use std::path::Path;

use serde::Deserialize;
use yusuan::extract::{DocTable, TableKind, document_tables};
use yusuan::layout::{Settings, layout_page};
use yusuan::pdf::Document;

#[derive(Debug, Deserialize)]
pub struct TablesFile {
    pub file: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub tables: Vec<TableTruth>,
    #[serde(default)]
    pub inventory: Vec<InventoryTruth>,
}

#[derive(Debug, Deserialize)]
pub struct TableTruth {
    pub kind: String,
    pub title: String,
    pub pages: Vec<usize>,
    #[serde(default)]
    pub unit: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    #[serde(default)]
    pub empty: bool,
}

#[derive(Debug, Deserialize)]
pub struct InventoryTruth {
    pub kind: String,
    pub title: String,
    pub pages: Vec<usize>,
}

pub fn load<T: for<'de> Deserialize<'de>>(path: &Path) -> T {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The document's tables as `yusuan tables` builds them.
pub fn tables_of(pdf: &Path) -> Vec<DocTable> {
    let doc = Document::open(pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
    let settings = Settings::default();
    let layouts: Vec<_> = doc
        .pages()
        .map(|p| layout_page(&p.expect("page"), &settings))
        .collect();
    document_tables(&layouts)
}

fn ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Title without its table number (公开05表, 表4：, 五、) and white space.
fn title_key(s: &str) -> String {
    yusuan::extract::tables::split_title(&ws(s)).1
}

/// Compares one expected table with ours; returns what differs.
pub fn compare_table(ours: &[DocTable], want: &TableTruth) -> Result<(), String> {
    let kind = TableKind::parse(&want.kind).ok_or_else(|| format!("unknown kind {}", want.kind))?;
    let want_cols: Vec<String> = want.columns.iter().map(|c| ws(c)).collect();
    let candidates: Vec<&DocTable> = ours
        .iter()
        .filter(|t| t.kind == kind && t.pages.first() == want.pages.first())
        .collect();
    let Some(t) = candidates
        .iter()
        .find(|t| t.columns.iter().map(|c| ws(c)).collect::<Vec<_>>() == want_cols)
        .or(candidates.first())
    else {
        let here: Vec<String> = ours
            .iter()
            .filter(|t| want.pages.iter().any(|p| t.pages.contains(p)))
            .map(|t| format!("{} {:?} {}", t.kind.as_str(), t.pages, t.title))
            .collect();
        return Err(format!(
            "no {} table starting on page {:?}; found {here:?}",
            want.kind, want.pages
        ));
    };
    let mut errs = Vec::new();
    if t.pages != want.pages {
        errs.push(format!("pages {:?}, want {:?}", t.pages, want.pages));
    }
    if title_key(&t.title) != title_key(&want.title) {
        errs.push(format!("title {:?}, want {:?}", t.title, want.title));
    }
    let unit = t.unit.map(|u| u.as_str()).unwrap_or("");
    if unit != want.unit {
        errs.push(format!("unit {unit:?}, want {:?}", want.unit));
    }
    let cols: Vec<String> = t.columns.iter().map(|c| ws(c)).collect();
    if cols != want_cols {
        errs.push(format!("columns {cols:?}\n   want {want_cols:?}"));
    }
    let got = t.body_grid();
    let got: Vec<Vec<String>> = got.iter().map(|r| r.iter().map(|c| ws(c)).collect()).collect();
    let want_rows: Vec<Vec<String>> = want
        .rows
        .iter()
        .map(|r| r.iter().map(|c| ws(c)).collect())
        .collect();
    if got != want_rows {
        let i = got.iter().zip(&want_rows).take_while(|(a, b)| a == b).count();
        errs.push(format!(
            "{} body rows, want {}; first difference at row {i}:\n   got  {:?}\n   want {:?}",
            got.len(),
            want_rows.len(),
            got.get(i),
            want_rows.get(i)
        ));
    }
    if want.empty && !t.empty {
        errs.push("not recognised as empty".into());
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs.join("\n  "))
    }
}

/// Whether an inventory entry is found: a table of that kind overlapping
/// its pages.
pub fn find_inventory(ours: &[DocTable], want: &InventoryTruth) -> Result<(), String> {
    let kind = TableKind::parse(&want.kind).ok_or_else(|| format!("unknown kind {}", want.kind))?;
    if ours
        .iter()
        .any(|t| t.kind == kind && t.pages.iter().any(|p| want.pages.contains(p)))
    {
        return Ok(());
    }
    let here: Vec<String> = ours
        .iter()
        .filter(|t| t.pages.iter().any(|p| want.pages.contains(p)))
        .map(|t| format!("{} {:?} {}", t.kind.as_str(), t.pages, t.title))
        .collect();
    Err(format!(
        "{} {:?} {} not found; there: {here:?}",
        want.kind, want.pages, want.title
    ))
}
