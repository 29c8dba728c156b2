//! Coverage: what a document was found to hold, so that a gap is visible
//! without ground truth (`documents.csv` `tables_found`, `metrics_missing`,
//! and a warning for a classified table that yields no line items).
//!
//! Which core metrics a document of its kind normally states is data
//! (`data/expected_metrics.csv`).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use super::Extracted;
use super::kinds::TableKind;
use super::metadata::{DocKind, Level};
use super::tables::DocTable;
use crate::normalize::label::{self, Concept, is_cjk, normalize_label};
use crate::normalize::number::{Amount, parse_amount};
use crate::rules::{self, RuleError};

const FILE: &str = "data/expected_metrics.csv";
const TABLE: &str = include_str!("../../data/expected_metrics.csv");

#[derive(serde::Deserialize)]
struct Row {
    metric: String,
    doc_kind: String,
    #[allow(dead_code)]
    note: String,
}

/// A core metric a disclosure of a kind (`None`: either) normally states.
struct Expected {
    metric: String,
    doc_kind: Option<DocKind>,
}

fn read() -> Result<Vec<Expected>, RuleError> {
    let mut out = Vec::new();
    for row in rules::load::<Row>(FILE, TABLE)? {
        if super::metrics::metrics().get(&row.row.metric).is_none() {
            return Err(row.error(FILE, "metric", "not a key of data/metrics.csv"));
        }
        let doc_kind = match row.row.doc_kind.as_str() {
            "any" => None,
            "budget" => Some(DocKind::Budget),
            "final_account" => Some(DocKind::FinalAccount),
            _ => return Err(row.error(FILE, "doc_kind", "not budget, final_account or any")),
        };
        out.push(Expected {
            metric: row.row.metric.clone(),
            doc_kind,
        });
    }
    Ok(out)
}
/// The table, built once: by the first use, or by `check` at start.
static CELL_EXPECTED: OnceLock<Vec<Expected>> = OnceLock::new();

fn expected() -> &'static [Expected] {
    rules::get(&CELL_EXPECTED, read).as_slice()
}

/// Reads the table (see [`crate::rules::check_all`]).
pub(crate) fn check() -> Result<(), RuleError> {
    rules::try_init(&CELL_EXPECTED, read).map(|_| ())
}

/// The standard table kinds found (in the order of [`TableKind::ALL`];
/// unclassified tables are not listed).
pub fn tables_found(e: &Extracted) -> Vec<&'static str> {
    let kinds: BTreeSet<TableKind> = e.tables.iter().map(|t| t.kind).collect();
    TableKind::ALL
        .into_iter()
        .filter(|k| *k != TableKind::Other && kinds.contains(k))
        .map(TableKind::as_str)
        .collect()
}

/// Whether the document is a department's (or unit's) disclosure that is
/// expected to state the core figures: not a government-wide report, and
/// not a form alone (a 绩效目标申报表 or 绩效自评表: tables, but none of
/// the standard ones besides 绩效目标/项目 tables). A document without any
/// table (a narrative, a scan) is one: its narrative states them.
fn is_disclosure(e: &Extracted) -> bool {
    if e.metadata.level == Level::Government {
        return false;
    }
    e.tables.is_empty()
        || e.tables.iter().any(|t| {
            !matches!(
                t.kind,
                TableKind::Other | TableKind::PerformanceTarget | TableKind::ProjectExpenditure
            )
        })
}

/// The core metrics a disclosure of its kind normally states
/// (`data/expected_metrics.csv`) that were not found, in the table's order.
pub fn metrics_missing(e: &Extracted) -> Vec<String> {
    if !is_disclosure(e) {
        return Vec::new();
    }
    let found: BTreeSet<&str> = e.facts.iter().map(|f| f.metric.as_str()).collect();
    expected()
        .iter()
        .filter(|x| x.doc_kind.is_none() || x.doc_kind == e.metadata.doc_kind)
        .filter(|x| !found.contains(x.metric.as_str()))
        .map(|x| x.metric.clone())
        .collect()
}

/// Classified tables (科目 rows) with content that yield no line item:
/// `(first page, title)`. Content is a body row that names something (not
/// a 合计/总计 or 栏次 row) and prints a non-zero amount: an empty table
/// (本部门无相关内容, a 合计 row of blanks or zeros) and a one-row summary
/// of totals are not gaps, nor is a table whose rows are budget units.
pub fn tables_without_items(e: &Extracted) -> Vec<(usize, String)> {
    let with_items: BTreeSet<&str> = e.line_items.iter().map(|l| l.table_id.as_str()).collect();
    e.tables
        .iter()
        .filter(|t| t.kind.is_classified() && !t.empty && !with_items.contains(t.id.as_str()))
        .filter(|t| has_named_amounts(t) && !lists_units(t))
        .map(|t| (t.pages.first().copied().unwrap_or(0), t.title.clone()))
        .collect()
}

/// Whether a table's rows are budget units rather than 科目: a column
/// names units (单位编码, 单位名称) and no other holds 科目 codes or names.
fn lists_units(t: &DocTable) -> bool {
    let last = |c: &String| normalize_label(c.rsplit('/').next().unwrap_or(""));
    let units = t.columns.iter().any(|c| label::is(Concept::UnitColumn, &last(c)));
    let subjects = t.columns.iter().any(|c| {
        let l = last(c);
        c.contains("科目") || (label::is(Concept::CodeColumn, &l) && !label::is(Concept::UnitColumn, &l))
    });
    units && !subjects
}

/// Tables printing no codes where some named rows with figures were not
/// found in the code list: `(first page, title, rows left out)`.
pub fn tables_with_unresolved_names(e: &Extracted) -> Vec<(usize, String, usize)> {
    let mut seen = BTreeSet::new();
    e.line_items
        .iter()
        .filter(|l| l.unresolved_rows > 0 && seen.insert(l.table_id.as_str()))
        .filter_map(|l| {
            let t = e.tables.iter().find(|t| t.id == l.table_id)?;
            Some((
                t.pages.first().copied().unwrap_or(0),
                t.title.clone(),
                l.unresolved_rows,
            ))
        })
        .collect()
}

fn has_named_amounts(t: &DocTable) -> bool {
    t.body_grid().iter().any(|row| {
        let named = row.iter().any(|c| {
            let l = normalize_label(c);
            l.chars().any(is_cjk)
                && !label::is(Concept::TotalRow, &l)
                && !label::is(Concept::SubtotalRow, &l)
                && !label::is(Concept::IndexRow, &l)
        });
        let amount = row
            .iter()
            .any(|c| matches!(parse_amount(c), Some(Amount::Value(v)) if !v.is_zero()));
        named && amount
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_table_of_units_is_no_gap() {
        use crate::extract::kinds::TableKind;
        use crate::extract::tables::test_table;
        let units = test_table(
            TableKind::Expenditure,
            &["单位编码", "单位名称", "合计"],
            &[&["125001", "某市安全生产监督管理局", "2,123.93"]],
        );
        assert!(super::lists_units(&units));
        let subjects = test_table(
            TableKind::Expenditure,
            &["科目编码", "科目名称", "合计"],
            &[&["2010101", "行政运行", "2,123.93"]],
        );
        assert!(!super::lists_units(&subjects));
        // Per-unit blocks of subjects: 单位编码 beside 科目 columns.
        let blocks = test_table(
            TableKind::Expenditure,
            &["单位编码", "科目名称", "合计"],
            &[&["125001", "行政运行", "2,123.93"]],
        );
        assert!(!super::lists_units(&blocks));
    }

    #[test]
    fn expected_metrics_load() {
        let e = super::expected();
        assert!(e.iter().any(|x| x.metric == "revenue.total"));
    }
}
