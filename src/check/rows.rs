//! Row identities inside one table: 合计 = 基本 + 项目 (T2), 基本 = 人员 +
//! 公用 (T3) on every row, and each 类/款 = the sum of its rows (T7).

use rust_decimal::Decimal;

use super::figure::{Figure, compare, wan};
use super::{CheckResult, Status, or_skipped};
use crate::extract::line_items::LineItem;
use crate::extract::{DocTable, Extracted, TableKind};
use crate::normalize::code::level;
use crate::normalize::label::{self, Concept, normalize_label};
use crate::normalize::number::parse_amount;
use crate::normalize::unit::MoneyUnit;

use super::figure::{blank_is_zero, cell_value, keep_worst};

/// The column whose whole header path (normalised) matches a pattern.
pub(super) fn col_path(t: &DocTable, pattern: &'static str) -> Option<usize> {
    let re = crate::patterns::regex(pattern)?;
    t.columns.iter().position(|c| {
        let key = c.split('/').map(normalize_label).collect::<Vec<_>>().join("/");
        re.is_match(&key)
    })
}

/// A body row that numbers the columns (栏次 | 1 | 2 | 3): not data. Known
/// by its label (`data/labels.csv` `index_row`), or, whatever the label
/// (some templates print none, or a symbol), by its figures: three or more
/// whole numbers counting up from 1, and no Chinese text in the row.
pub(super) fn is_index_row(t: &DocTable, row: usize) -> bool {
    let cells: Vec<&str> = t
        .cells
        .iter()
        .filter(|c| c.row == row)
        .map(|c| c.text.trim())
        .collect();
    if cells
        .iter()
        .any(|c| label::is(Concept::IndexRow, &normalize_label(c)))
    {
        return true;
    }
    if cells
        .iter()
        .any(|c| c.chars().any(crate::normalize::label::is_cjk))
    {
        return false;
    }
    let numbers: Vec<u32> = cells
        .iter()
        .filter(|c| !c.is_empty())
        .filter_map(|c| c.parse().ok())
        .collect();
    numbers.len() >= 3 && numbers.iter().zip(1..).all(|(&n, want)| n == want)
}

/// T2: 合计 = 基本支出 + 项目支出 (+ 专项支出); T3: 基本支出 (小计) = 人员 +
/// 公用. On every body row of every table that has those columns; one
/// result per table (the worst row).
pub(super) fn table_identity(e: &Extracted, id: &'static str) -> Vec<CheckResult> {
    let mut out = Vec::new();
    for t in e.tables.iter().filter(|t| !t.empty && t.unit.is_some()) {
        let col = |concept: Concept| label::column(&t.columns, concept);
        let (total, parts, what, how): (Option<usize>, Vec<Option<usize>>, &str, &str) = if id == "T2" {
            let mut parts = vec![col(Concept::BasicColumn), col(Concept::ProjectColumn)];
            // Further components some regions add to 合计 (专项支出,
            // 单位预留机动经费 …).
            if let Some(c) = col(Concept::SpecialColumn) {
                parts.push(Some(c));
            }
            parts.extend(
                label::columns(&t.columns, Concept::OtherSpendingColumn)
                    .into_iter()
                    .map(Some),
            );
            (
                col(Concept::TotalColumn),
                parts,
                "合计 = 基本支出 + 项目支出 total is basic plus project",
                "基本 + 项目",
            )
        } else {
            let total = col(Concept::BasicColumn).or_else(|| {
                matches!(t.kind, TableKind::GeneralBudgetBasic | TableKind::FiscalBasic)
                    .then(|| col(Concept::SubtotalColumn))
                    .flatten()
            });
            let parts = vec![col(Concept::PersonnelColumn), col(Concept::PublicFundsColumn)];
            (
                total,
                parts,
                "基本支出 = 人员经费 + 公用经费 basic is personnel plus public",
                "人员 + 公用",
            )
        };
        let Some(total) = total else { continue };
        if parts.iter().any(Option::is_none) || parts.iter().flatten().any(|&p| p == total) {
            continue;
        }
        let parts: Vec<usize> = parts.into_iter().flatten().collect();
        let mut worst: Option<CheckResult> = None;
        let mut rows = 0;
        for row in t.header_rows..t.n_rows() {
            if is_index_row(t, row) {
                continue;
            }
            let Some(actual) = cell_value(t, row, total) else {
                continue;
            };
            let terms: Option<Vec<Figure>> = parts.iter().map(|&c| blank_is_zero(t, row, c)).collect();
            let Some(terms) = terms else { continue };
            rows += 1;
            let label = t
                .cells
                .iter()
                .filter(|c| c.row == row && !c.is_header)
                .map(|c| c.text.trim())
                .find(|s| !s.is_empty() && parse_amount(s).is_none())
                .unwrap_or("")
                .to_string();
            let r = compare(id, &format!("{} {label}: {what}", t.title), &actual, &terms, how);
            keep_worst(&mut worst, r);
        }
        if let Some(mut r) = worst {
            if r.status != Status::Fail {
                r.message = format!("{} ({rows} rows)", r.message);
            }
            out.push(r);
        }
    }
    if out.is_empty() {
        out.push(CheckResult::skipped(id, "no table with these columns"));
    }
    out
}

/// T7: each 类 (款) row equals the sum of its 款 (项) rows, per amount
/// column of every classified table.
pub(super) fn t7_subtotals(e: &Extracted) -> Vec<CheckResult> {
    use std::collections::BTreeMap;
    let mut out = Vec::new();
    let mut by_table: BTreeMap<&str, Vec<&LineItem>> = BTreeMap::new();
    for li in &e.line_items {
        by_table.entry(li.table_id.as_str()).or_default().push(li);
    }
    for (table_id, items) in by_table {
        let Some(t) = e.tables.iter().find(|t| t.id == table_id) else {
            continue;
        };
        // Codes found by name in a table where some rows were not: its
        // items do not add up to anything.
        if items.iter().any(|l| l.unresolved_rows > 0) {
            continue;
        }
        let unit = t.unit.unwrap_or(MoneyUnit::Yuan);
        let mut worst: Option<CheckResult> = None;
        let mut checked = 0;
        let columns: std::collections::BTreeSet<&str> = items.iter().map(|l| l.column.as_str()).collect();
        for col in columns {
            // In reading order: block by block, row by row within a block
            // (a 302 run may continue into the next block of columns).
            let in_col: Vec<&LineItem> = items.iter().copied().filter(|l| l.column == col).collect();
            for (i, parent) in in_col.iter().enumerate() {
                if !matches!(level(&parent.code), Some("类" | "款")) {
                    continue;
                }
                let children = direct_children(&in_col[i + 1..], &parent.code);
                if children.is_empty() {
                    continue;
                }
                checked += 1;
                let fig = |l: &LineItem| Figure {
                    value: l.value,
                    precision: Decimal::new(5, 3) * unit.factor(),
                    unit: Decimal::new(1, 2) * unit.factor(),
                    page: l.page,
                    text: format!("{} {} {}", l.code, l.printed_name, wan(l.value)),
                };
                let terms: Vec<Figure> = children.iter().map(|l| fig(l)).collect();
                let r = compare(
                    "T7",
                    &format!(
                        "{} [{col}] {} {}: 类/款 = sum of its rows",
                        t.title, parent.code, parent.printed_name
                    ),
                    &fig(parent),
                    &terms,
                    &format!("{} 下级合计", children.len()),
                );
                keep_worst(&mut worst, r);
            }
        }
        if let Some(mut r) = worst {
            if r.status != Status::Fail {
                r.message = format!("{} — {checked} subtotals in {}", r.message, t.title);
            }
            out.push(r);
        }
    }
    or_skipped(out, "T7", "no classified table with 类/款 subtotals")
}

/// The rows a 类 (款) row sums: the rows right after it that lie under its
/// code, up to the first that does not, keeping those whose nearest
/// ancestor in that run is the parent itself. Reading in order, not by code
/// alone, because a table that pairs 部门 and 政府 economic classes prints
/// 301 once per 政府 class (烟台: 301/501 then 301/505), and a 7-digit row
/// with no 5-digit row above it (西安: 3010201 津贴补贴 under 301) is the
/// parent's direct term.
fn direct_children<'a>(after: &[&'a LineItem], parent: &str) -> Vec<&'a LineItem> {
    let run: Vec<&'a LineItem> = after
        .iter()
        .copied()
        .take_while(|l| {
            l.code.len() > parent.len()
                && l.code.starts_with(parent)
                && l.code.chars().all(|c| c.is_ascii_digit())
        })
        .collect();
    run.iter()
        .filter(|l| {
            !run.iter().any(|a| {
                a.code.len() < l.code.len() && a.code.len() > parent.len() && l.code.starts_with(&a.code)
            })
        })
        .copied()
        .collect()
}

/// Whether an amount column holds percentages or rates (增减(%), 增长率):
/// those do not add up.
fn is_rate_column(header: &str) -> bool {
    let h = normalize_label(header);
    h.contains('%') || h.ends_with('率') || h.ends_with("幅度")
}

/// T13: a classified table's total row (合计/总计) equals the sum of its 类
/// rows, in every amount column: this year's, the prior year's and the
/// change of a multi-period table (2025年执行数 | 2026年预算数 | 增减) each
/// add up on their own. Percentage columns are left out.
pub(super) fn t13_total_rows(e: &Extracted) -> Vec<CheckResult> {
    use std::collections::BTreeMap;
    let mut out = Vec::new();
    let mut by_table: BTreeMap<&str, Vec<&LineItem>> = BTreeMap::new();
    for li in &e.line_items {
        by_table.entry(li.table_id.as_str()).or_default().push(li);
    }
    for (table_id, items) in by_table {
        let Some(t) = e.tables.iter().find(|t| t.id == table_id) else {
            continue;
        };
        // Codes found by name in a table where some rows were not: its
        // items do not add up to anything.
        if items.iter().any(|l| l.unresolved_rows > 0) {
            continue;
        }
        let Some(total_row) = super::summary::total_row(t) else {
            continue;
        };
        let unit = t.unit.unwrap_or(MoneyUnit::Yuan);
        let mut worst: Option<CheckResult> = None;
        let mut checked = 0;
        let columns: std::collections::BTreeSet<&str> = items.iter().map(|l| l.column.as_str()).collect();
        for col in columns {
            if is_rate_column(col) {
                continue;
            }
            let Some(c) = t.columns.iter().position(|h| h == col) else {
                continue;
            };
            let Some(actual) = cell_value(t, total_row, c) else {
                continue;
            };
            let classes: Vec<&LineItem> = items
                .iter()
                .copied()
                .filter(|l| l.column == col && level(&l.code) == Some("类"))
                .collect();
            // A class printed twice (per-unit blocks, or a table pairing two
            // classifications) is not one list to add up.
            let mut codes: Vec<&str> = classes.iter().map(|l| l.code.as_str()).collect();
            codes.sort_unstable();
            let n = codes.len();
            codes.dedup();
            if classes.is_empty() || codes.len() != n {
                continue;
            }
            checked += 1;
            let terms: Vec<Figure> = classes
                .iter()
                .map(|l| Figure {
                    value: l.value,
                    precision: Decimal::new(5, 3) * unit.factor(),
                    unit: Decimal::new(1, 2) * unit.factor(),
                    page: l.page,
                    text: format!("{} {} {}", l.code, l.printed_name, wan(l.value)),
                })
                .collect();
            let r = compare(
                "T13",
                &format!(
                    "{} [{col}]: 合计 row = sum of its {} 类 rows",
                    t.title,
                    terms.len()
                ),
                &actual,
                &terms,
                "类合计",
            );
            keep_worst(&mut worst, r);
        }
        if let Some(mut r) = worst {
            if r.status != Status::Fail {
                r.message = format!("{} — {checked} columns of {}", r.message, t.title);
            }
            out.push(r);
        }
    }
    or_skipped(out, "T13", "no classified table with a 合计 row")
}
