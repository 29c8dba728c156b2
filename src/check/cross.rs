//! Across tables: the 人员经费/公用经费 split of the 支出总表 (or 收支总表)
//! against the 基本支出 table by economic class (T10), and the project
//! table's total against the 支出总表's 项目支出 (T11). Each compares two
//! figures of one scope only: where the tables are of different funds and
//! the document does not show that they coincide, the check is skipped
//! with that reason.

use super::figure::{Figure, cell_value, compare, figure_of};
use super::{CheckResult, fact, or_skipped};
use crate::extract::facts::{Fact, FactSource};
use crate::extract::{DocTable, Extracted, TableKind};
use crate::normalize::label::{self, Concept};

fn table_of<'a>(e: &'a Extracted, f: &Fact) -> Option<&'a DocTable> {
    let FactSource::Table { table_id, .. } = &f.source else {
        return None;
    };
    e.tables.iter().find(|t| &t.id == table_id)
}

/// The 人员经费 and 公用经费 figures of the all-funds 支出总表: its columns
/// under 基本支出, at its total row.
fn all_funds_split(e: &Extracted) -> Option<(Figure, Figure, &DocTable)> {
    let t = e
        .tables
        .iter()
        .find(|t| t.kind == TableKind::Expenditure && !t.empty)?;
    let row = super::summary::total_row(t)?;
    let personnel = label::column(&t.columns, Concept::PersonnelColumn)?;
    let public = label::column(&t.columns, Concept::PublicFundsColumn)?;
    Some((cell_value(t, row, personnel)?, cell_value(t, row, public)?, t))
}

/// T10: the 支出总表's 人员经费 and 公用经费 equal the 基本支出 table's, when
/// both are of one scope: the 基本支出 table is 一般公共预算 (or 财政拨款),
/// so only where the department's 基本支出 is all of that fund.
pub(super) fn t10_personnel_public(e: &Extracted) -> Vec<CheckResult> {
    let mut out = Vec::new();
    let Some((personnel, public, all)) = all_funds_split(e) else {
        return or_skipped(out, "T10", "no 支出总表 printing 人员经费 and 公用经费");
    };
    // The 基本支出 table's figure: of its scope (一般公共预算, 财政拨款), or
    // the department's where a table other than the 支出总表 states it.
    let other_table = |part: &str| {
        [
            "expenditure.general_budget.basic.",
            "expenditure.fiscal.basic.",
            "expenditure.basic.",
        ]
        .iter()
        .filter_map(|scope| fact(e, &format!("{scope}{part}")))
        .find(|f| table_of(e, f).is_some_and(|t| t.id != all.id))
    };
    let (Some(p), Some(q)) = (other_table("personnel"), other_table("public_funds")) else {
        let stated = fact(e, "expenditure.basic.personnel").is_some()
            && fact(e, "expenditure.basic.public_funds").is_some();
        return if stated {
            or_skipped(out, "T10", "人员经费/公用经费 stated by the 支出总表 only")
        } else {
            or_skipped(out, "T10", "no 基本支出 table stating 人员经费 and 公用经费")
        };
    };
    // One scope: the department's 基本支出 equals the narrower table's.
    let basic = fact(e, "expenditure.basic");
    let narrower =
        fact(e, "expenditure.general_budget.basic").or_else(|| fact(e, "expenditure.fiscal.basic"));
    match (basic, narrower) {
        (Some(b), Some(n)) if b.value == n.value => {}
        _ => {
            return or_skipped(
                out,
                "T10",
                "the 基本支出 table is of one fund and the 支出总表 of all; not shown to coincide",
            );
        }
    }
    // One result for the pair: a figure moved from 公用经费 to 人员经费 is
    // one misprint showing in both; the first failing side is reported and
    // names the other.
    let results: Vec<CheckResult> = [("人员经费", p, &personnel), ("公用经费", q, &public)]
        .into_iter()
        .map(|(what, table_side, all_side)| {
            compare(
                "T10",
                &format!("{what}: {} vs {}", all.title, table_side.section),
                &figure_of(table_side),
                std::slice::from_ref(all_side),
                &all.title,
            )
        })
        .collect();
    let failing: Vec<&CheckResult> = results
        .iter()
        .filter(|r| r.status == super::Status::Fail)
        .collect();
    let mut chosen = failing.first().copied().unwrap_or(&results[0]).clone();
    if let [_, other] = failing.as_slice() {
        chosen.message = format!("{}; and {}", chosen.message, other.message);
    }
    out.push(chosen);
    out
}

/// T11: the project table's 合计 equals the 项目支出 of the same scope: the
/// 支出总表's (all funds) for a project table of all funds, the 一般公共预算
/// 支出表's for one titled 一般公共预算.
pub(super) fn t11_project_table(e: &Extracted) -> Vec<CheckResult> {
    let mut out = Vec::new();
    for t in e
        .tables
        .iter()
        .filter(|t| t.kind == TableKind::ProjectExpenditure && !t.empty)
    {
        let Some(row) = super::summary::total_row(t) else {
            continue;
        };
        let Some(col) = label::column_by_last_level(&t.columns, Concept::ProjectAmountColumn) else {
            continue;
        };
        let Some(total) = cell_value(t, row, col) else {
            continue;
        };
        let title = crate::normalize::label::normalize_label(&t.title);
        let metric = match label::scope_in(&title).flatten() {
            Some(crate::extract::metrics::Scope::GeneralBudget) => "expenditure.general_budget.project",
            Some(crate::extract::metrics::Scope::Fiscal) => "expenditure.fiscal.project",
            Some(_) => continue,
            None => "expenditure.project",
        };
        // The other side from another table, never from this one or the
        // narrative.
        let Some(f) = fact(e, metric).filter(|f| table_of(e, f).is_some_and(|o| o.id != t.id)) else {
            out.push(CheckResult::skipped(
                "T11",
                &format!("{}: no table states {metric}", t.title),
            ));
            continue;
        };
        out.push(compare(
            "T11",
            &format!("{}: 合计 vs {} 项目支出", t.title, f.section),
            &total,
            &[figure_of(f)],
            &f.section,
        ));
    }
    or_skipped(out, "T11", "no project table with a 合计 row")
}
