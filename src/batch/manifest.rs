//! `extract --manifest FILE`: what a scraper knows of each input (where it
//! came from, who published it, when), carried into `documents.csv` so
//! that every figure leads back to the web page it came from.
//!
//! The manifest is a CSV file with a header. One column, `path`, names an
//! input file: relative paths are read from the manifest's own folder (else from the
//! current one, where only that exists), and
//! a row matches the input that is the same file (compared after resolving
//! symlinks and `..`, else as written). The columns `source_url` (or
//! `url`), `publisher`, `published` (or `publication_date`,
//! `published_at`) and `fetched` (or `fetched_at`, `fetch_time`) fill the
//! columns of those names; any other column goes into `manifest_extra`, one
//! JSON object per file. Values are kept as written (dates are not
//! reinterpreted). An input without a row gets empty columns; a file named
//! twice is a usage error, as is a manifest without a `path` column.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::output::SourceInfo;

/// A loaded manifest: each named file and what is known of it.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    by_path: HashMap<PathBuf, SourceInfo>,
}

/// Which field a manifest column fills (`None`: an extra column).
fn field_of(column: &str) -> Option<&'static str> {
    match column.trim().to_ascii_lowercase().as_str() {
        "path" => Some("path"),
        "source_url" | "url" => Some("source_url"),
        "publisher" => Some("publisher"),
        "published" | "publication_date" | "published_at" => Some("published"),
        "fetched" | "fetched_at" | "fetch_time" => Some("fetched"),
        _ => None,
    }
}

/// The key a path is matched by: the file itself where it exists.
fn key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

impl Manifest {
    /// Reads a manifest (see the module's documentation).
    pub fn load(file: &Path) -> Result<Manifest> {
        let what = || format!("--manifest {}", file.display());
        let mut r = csv::ReaderBuilder::new()
            .flexible(false)
            .from_path(file)
            .with_context(what)?;
        let header: Vec<String> = r
            .headers()
            .with_context(what)?
            .iter()
            .map(str::to_string)
            .collect();
        let fields: Vec<Option<&str>> = header.iter().map(|h| field_of(h)).collect();
        let Some(path_col) = fields.iter().position(|f| *f == Some("path")) else {
            bail!(
                "{}: no `path` column (the header is {})",
                what(),
                header.join(",")
            );
        };
        let base = file.parent().unwrap_or(Path::new("."));
        let mut by_path = HashMap::new();
        for (i, row) in r.records().enumerate() {
            let row = row.with_context(|| format!("{}: row {}", what(), i + 2))?;
            let named = row.get(path_col).unwrap_or("").trim();
            if named.is_empty() {
                bail!("{}: row {}: empty `path`", what(), i + 2);
            }
            let mut info = SourceInfo::default();
            for ((value, field), name) in row.iter().zip(&fields).zip(&header) {
                let value = value.trim().to_string();
                match field {
                    Some("path") => {}
                    Some("source_url") => info.source_url = value,
                    Some("publisher") => info.publisher = value,
                    Some("published") => info.published = value,
                    Some("fetched") => info.fetched = value,
                    _ if value.is_empty() => {}
                    _ => {
                        info.extra.insert(name.trim().to_string(), value);
                    }
                }
            }
            // The manifest's folder first; else as written (from the
            // current folder), where only that exists.
            let path = match base.join(named) {
                p if !p.exists() && Path::new(named).exists() => PathBuf::from(named),
                p => p,
            };
            if by_path.insert(key(&path), info).is_some() {
                bail!("{}: row {}: {} is named twice", what(), i + 2, named);
            }
        }
        Ok(Manifest { by_path })
    }

    /// What the manifest says of an input file, if it names it.
    pub fn get(&self, path: &Path) -> Option<&SourceInfo> {
        self.by_path.get(&key(path))
    }

    /// Fills a record's source columns from the manifest (by the record's
    /// `source_path`).
    pub fn apply(&self, record: &mut crate::output::DocRecord) {
        if let Some(info) = self.get(Path::new(&record.document.source_path)) {
            record.document.source = info.clone();
        }
    }

    /// How many files it names.
    pub fn len(&self) -> usize {
        self.by_path.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }
}
