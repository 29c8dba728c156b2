//! `yusuan panel`: one row per (dept_key, year, doc_kind) and one column
//! per metric, with the document and page each figure came from — the
//! shape a regression or a pivot wants. Documents of one body, year and
//! kind (a narrative file and a table file) fill one row; where two state
//! a metric, the table's figure wins, then the lower doc_id.

use std::collections::{BTreeMap, BTreeSet};

use super::input::Dataset;
use crate::output::identity;

/// The panel: its header and rows, as text.
pub struct Panel {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Documents left out: no year or no department.
    pub skipped: usize,
}

/// Columns before the metrics.
pub const KEY_COLUMNS: &[&str] = &[
    "dept_key",
    "year",
    "doc_kind",
    "department",
    "region_code",
    "level",
    "doc_ids",
];

type Key = (String, i32, String);

/// Builds the panel of a dataset.
pub fn panel(ds: &Dataset) -> Panel {
    let mut skipped = 0;
    // Document → its row's key; row key → (department, region, level, docs).
    let mut doc_key: BTreeMap<&str, Key> = BTreeMap::new();
    let mut heads: BTreeMap<Key, (String, String, String, BTreeSet<String>)> = BTreeMap::new();
    for d in &ds.docs {
        let key = if d.dept_key.is_empty() {
            identity::dept_key(&d.department)
        } else {
            d.dept_key.clone()
        };
        let (Some(year), false) = (d.year, key.is_empty() || d.status == "failed") else {
            skipped += 1;
            continue;
        };
        let region = if d.region_code.is_empty() {
            identity::region_code(&d.region, &d.department)
        } else {
            d.region_code.clone()
        };
        let k = (key, year, d.doc_kind.clone());
        doc_key.insert(&d.doc_id, k.clone());
        let h = heads
            .entry(k)
            .or_insert_with(|| (d.department.clone(), region, d.level.clone(), BTreeSet::new()));
        h.3.insert(d.doc_id.clone());
    }
    // (row, metric) → (rank, value, doc_id, page); rank: table before narrative.
    type Pick = (u8, String, String, usize);
    let mut cells: BTreeMap<(Key, String), Pick> = BTreeMap::new();
    let mut seen_metrics: BTreeSet<String> = BTreeSet::new();
    for f in &ds.facts {
        let Some(k) = doc_key.get(f.doc_id.as_str()) else {
            continue;
        };
        seen_metrics.insert(f.metric.clone());
        let rank = u8::from(f.origin != "table");
        let value = if f.unit == "yuan" {
            crate::output::money(&f.value.to_string())
        } else {
            f.value.to_string()
        };
        let pick = (rank, value, f.doc_id.clone(), f.page);
        cells
            .entry((k.clone(), f.metric.clone()))
            .and_modify(|p| {
                if (pick.0, &pick.2) < (p.0, &p.2) {
                    *p = pick.clone();
                }
            })
            .or_insert(pick);
    }
    // Metrics in metrics.csv order, then any other key alphabetically.
    let known: Vec<String> = crate::extract::metrics::metrics()
        .list
        .iter()
        .map(|m| m.metric.clone())
        .collect();
    let mut metrics: Vec<String> = known
        .iter()
        .filter(|m| seen_metrics.contains(*m))
        .cloned()
        .collect();
    metrics.extend(seen_metrics.iter().filter(|m| !known.contains(m)).cloned());
    let mut header: Vec<String> = KEY_COLUMNS.iter().map(|s| s.to_string()).collect();
    for m in &metrics {
        header.push(m.clone());
        header.push(format!("{m}.doc_id"));
        header.push(format!("{m}.page"));
    }
    let rows = heads
        .into_iter()
        .map(|(k, (department, region, level, docs))| {
            let mut row = vec![
                k.0.clone(),
                k.1.to_string(),
                k.2.clone(),
                department,
                region,
                level,
                docs.into_iter().collect::<Vec<_>>().join(";"),
            ];
            for m in &metrics {
                match cells.get(&(k.clone(), m.clone())) {
                    Some((_, v, d, p)) => row.extend([v.clone(), d.clone(), p.to_string()]),
                    None => row.extend([String::new(), String::new(), String::new()]),
                }
            }
            row
        })
        .collect();
    Panel {
        header,
        rows,
        skipped,
    }
}

/// The type of each panel column, as the SQLite export and the Python
/// package type them: the year and pages whole numbers, each metric's
/// figure an exact decimal (text in SQLite, `decimal128` in Arrow), the
/// rest text.
pub fn column_types(p: &Panel) -> Vec<(String, crate::output::schema::Type)> {
    use crate::output::schema::Type;
    let metrics = p.header.len().saturating_sub(KEY_COLUMNS.len()) / 3;
    let mut out: Vec<(String, Type)> = KEY_COLUMNS
        .iter()
        .map(|c| {
            (
                c.to_string(),
                if *c == "year" { Type::Integer } else { Type::String },
            )
        })
        .collect();
    for i in 0..metrics {
        let at = KEY_COLUMNS.len() + 3 * i;
        for (j, ty) in [Type::Decimal, Type::String, Type::Integer]
            .into_iter()
            .enumerate()
        {
            if let Some(name) = p.header.get(at + j) {
                out.push((name.clone(), ty));
            }
        }
    }
    out
}

/// Writes the panel as a SQLite database with one table, `panel` (typed
/// by [`column_types`]; indexed on department × year and region × year).
pub fn to_sqlite(p: &Panel, db: &std::path::Path) -> anyhow::Result<()> {
    crate::output::sqlite::write_table(
        db,
        "panel",
        &column_types(p),
        &p.rows,
        &[&["dept_key", "year"], &["region_code", "year"]],
    )
}

/// The panel as CSV text.
pub fn to_csv(p: &Panel) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(&p.header)?;
    for r in &p.rows {
        w.write_record(r)?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}
