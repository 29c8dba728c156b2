//! Reading `yusuan extract` output folders: the contract's CSVs, not the
//! per-document JSON, so that a folder rebuilt by `merge` or trimmed by a
//! user compares the same.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result};
use rust_decimal::Decimal;
use serde::Deserialize;

/// `documents.csv` (the columns compare needs).
#[derive(Debug, Clone, Deserialize)]
pub struct Doc {
    pub doc_id: String,
    pub source_path: String,
    pub department: String,
    pub year: Option<i32>,
    pub doc_kind: String,
    pub status: String,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub dept_key: String,
    #[serde(default)]
    pub region_code: String,
}

/// `facts.csv`.
#[derive(Debug, Clone, Deserialize)]
pub struct FactRow {
    pub doc_id: String,
    pub metric: String,
    pub label: String,
    pub value: Decimal,
    pub unit: String,
    pub raw_text: String,
    pub page: usize,
    #[serde(default)]
    pub origin: String,
    /// A change's stated definition change (empty in folders written
    /// before the columns existed).
    #[serde(default)]
    pub stated_reason_kind: String,
    #[serde(default)]
    pub stated_reason: String,
    #[serde(default)]
    pub stated_reason_page: Option<usize>,
}

/// `line_items.csv`.
#[derive(Debug, Clone, Deserialize)]
pub struct LineRow {
    pub doc_id: String,
    pub table_kind: String,
    pub code: String,
    pub name: String,
    pub column: String,
    pub value: Decimal,
    pub page: usize,
    #[serde(default)]
    pub table_id: String,
    /// A unit's breakdown (empty: the department's own figure).
    #[serde(default)]
    pub entity: String,
    #[serde(default)]
    pub parallel_code: String,
    #[serde(default)]
    pub measure: String,
    #[serde(default)]
    pub fund: String,
    #[serde(default)]
    pub period: String,
}

/// `projects.csv`.
#[derive(Debug, Clone, Deserialize)]
pub struct ProjectRow {
    pub doc_id: String,
    pub project: String,
    pub total: Option<Decimal>,
    pub page: usize,
}

/// `checks.csv`.
#[derive(Debug, Clone, Deserialize)]
pub struct CheckRow {
    pub doc_id: String,
    pub check: String,
    pub status: String,
    pub pages: String,
    pub message: String,
    /// `material` | `rounding` (empty for skipped, and in folders written
    /// before the column existed).
    #[serde(default)]
    pub severity: String,
}

/// Everything read from one or more output folders; a document present in
/// several folders (the same file hash) counts once.
#[derive(Debug, Default)]
pub struct Dataset {
    pub docs: Vec<Doc>,
    pub facts: Vec<FactRow>,
    pub line_items: Vec<LineRow>,
    pub projects: Vec<ProjectRow>,
    pub checks: Vec<CheckRow>,
}

impl Dataset {
    pub fn doc(&self, id: &str) -> Option<&Doc> {
        self.docs.iter().find(|d| d.doc_id == id)
    }
}

fn read<T: for<'de> Deserialize<'de>>(dir: &Path, name: &str, required: bool) -> Result<Vec<T>> {
    let path = dir.join(name);
    if !path.exists() && !required {
        return Ok(Vec::new());
    }
    let mut r = csv::Reader::from_path(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = Vec::new();
    for (i, rec) in r.deserialize().enumerate() {
        out.push(rec.with_context(|| format!("{}: row {}", path.display(), i + 2))?);
    }
    Ok(out)
}

/// Reads extract output folders (each must hold a `documents.csv`).
pub fn load(dirs: &[impl AsRef<Path>]) -> Result<Dataset> {
    let mut ds = Dataset::default();
    let mut seen: HashMap<String, ()> = HashMap::new();
    for dir in dirs {
        let dir = dir.as_ref();
        if !dir.join("documents.csv").exists() {
            anyhow::bail!(
                "{} is not a yusuan extract output folder (no documents.csv)",
                dir.display()
            );
        }
        let docs: Vec<Doc> = read(dir, "documents.csv", true)?;
        let new: HashMap<String, ()> = docs
            .iter()
            .filter(|d| !seen.contains_key(&d.doc_id))
            .map(|d| (d.doc_id.clone(), ()))
            .collect();
        let keep = |id: &str| new.contains_key(id);
        ds.facts.extend(
            read::<FactRow>(dir, "facts.csv", false)?
                .into_iter()
                .filter(|f| keep(&f.doc_id)),
        );
        ds.line_items.extend(
            read::<LineRow>(dir, "line_items.csv", false)?
                .into_iter()
                .filter(|f| keep(&f.doc_id) && f.entity.is_empty()),
        );
        ds.projects.extend(
            read::<ProjectRow>(dir, "projects.csv", false)?
                .into_iter()
                .filter(|f| keep(&f.doc_id)),
        );
        ds.checks.extend(
            read::<CheckRow>(dir, "checks.csv", false)?
                .into_iter()
                .filter(|f| keep(&f.doc_id)),
        );
        ds.docs.extend(docs.into_iter().filter(|d| keep(&d.doc_id)));
        seen.extend(new);
    }
    ds.docs.sort_by(|a, b| a.doc_id.cmp(&b.doc_id));
    Ok(ds)
}
