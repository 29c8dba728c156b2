//! Summary identities: the 收支总表 balances (T1), “三公” and its parts
//! (T4, T5), the 财政拨款收支总表 against the detail tables (T6).

use super::figure::{Figure, compare, figure_of};
use super::{CheckResult, fact, or_skipped};
use crate::extract::facts::{Fact, FactSource};
use crate::extract::{DocTable, Extracted, TableKind};
use crate::normalize::label::{self, Concept, normalize_label};
use crate::normalize::number::{Amount, parse_amount};

use super::figure::cell_value;
use super::rows::col_path;

pub(super) fn t1_income_equals_expenditure(e: &Extracted) -> CheckResult {
    let pairs = [
        (
            "revenue.grand_total",
            "expenditure.grand_total",
            "收入总计 = 支出总计",
        ),
        (
            "revenue.total",
            "expenditure.total",
            "本年收入合计 = 本年支出合计",
        ),
    ];
    for (r, x, what) in pairs {
        if let (Some(rf), Some(xf)) = (fact(e, r), fact(e, x))
            && matches!(rf.source, FactSource::Table { .. })
            && matches!(xf.source, FactSource::Table { .. })
        {
            return compare(
                "T1",
                &format!("{what} income equals spending"),
                &figure_of(xf),
                &[figure_of(rf)],
                "收入",
            );
        }
    }
    CheckResult::skipped("T1", "收入总计/支出总计 not found in a table")
}

pub(super) fn sum_of_facts(
    e: &Extracted,
    id: &'static str,
    what: &str,
    total: &str,
    parts: &[&str],
    how: &str,
) -> CheckResult {
    let Some(t) = fact(e, total) else {
        return CheckResult::skipped(id, &format!("{total} not stated"));
    };
    let found: Vec<&Fact> = parts.iter().filter_map(|p| fact(e, p)).collect();
    if found.len() != parts.len() {
        let missing: Vec<&&str> = parts.iter().filter(|p| fact(e, p).is_none()).collect();
        return CheckResult::skipped(id, &format!("parts not stated: {missing:?}"));
    }
    let terms: Vec<Figure> = found.iter().map(|f| figure_of(f)).collect();
    compare(id, what, &figure_of(t), &terms, how)
}

/// The body row labelled as the table's total (合计, 总计).
pub(super) fn total_row(t: &DocTable) -> Option<usize> {
    (t.header_rows..t.n_rows()).find(|&r| {
        t.cells
            .iter()
            .any(|c| c.row == r && !c.is_header && label::is(Concept::TotalRow, &normalize_label(&c.text)))
    })
}

/// The grand total of a table: the 合计 row's 合计 column (or its first
/// amount).
pub(super) fn table_total(t: &DocTable) -> Option<Figure> {
    let row = total_row(t)?;
    // The total column; else this year's spending (本年支出/小计 in a
    // 决算 table that opens with 年初结转和结余); else the first amount.
    let col = label::column_by_last_level(&t.columns, Concept::AmountColumn)
        .or_else(|| col_path(t, r"(^|/)本年支出(/(小计|合计))?$"))
        .or_else(|| {
            t.cells
                .iter()
                .filter(|c| c.row == row && !c.is_header)
                .find(|c| matches!(parse_amount(&c.text), Some(Amount::Value(_))))
                .map(|c| c.col)
        })?;
    cell_value(t, row, col)
}

/// T6: the 财政拨款收支总表's 一般公共预算 (政府性基金) spending column at
/// its total row equals the total of the 一般公共预算支出表 (政府性基金预算
/// 支出表). Spending against spending: in a 决算 the appropriation received
/// and the money spent differ by the carry-over, legitimately.
pub(super) fn t6_fiscal_summary(e: &Extracted) -> Vec<CheckResult> {
    let mut out = Vec::new();
    let Some(summary) = e
        .tables
        .iter()
        .find(|t| t.kind == TableKind::FiscalSummary && !t.empty)
    else {
        return vec![CheckResult::skipped("T6", "no 财政拨款收支总表")];
    };
    // This year's spending: the 本年支出合计 / 支出合计 row, not 总计 (which
    // adds the carry-over to next year).
    let row_labelled = |want: &dyn Fn(&str) -> bool| {
        (summary.header_rows..summary.n_rows()).find(|&r| {
            summary
                .cells
                .iter()
                .any(|c| c.row == r && !c.is_header && want(&normalize_label(&c.text)))
        })
    };
    let total_row = row_labelled(&|l| matches!(l, "本年支出合计" | "支出合计" | "当年支出小计" | "本年支出"))
        .or_else(|| row_labelled(&|l| l == "合计"));
    let pairs = [
        (
            r"支出.*/一般公共预算[^/]*$",
            TableKind::GeneralBudgetExpenditure,
            "一般公共预算",
        ),
        (
            r"支出.*/政府性基金[^/]*$",
            TableKind::GovernmentFund,
            "政府性基金",
        ),
    ];
    for (pattern, kind, name) in pairs {
        let (Some(row), Some(col)) = (total_row, col_path(summary, pattern)) else {
            continue;
        };
        let Some(summary_total) = cell_value(summary, row, col) else {
            continue;
        };
        let Some(t) = e.tables.iter().find(|t| t.kind == kind && !t.empty) else {
            continue;
        };
        let Some(total) = table_total(t) else { continue };
        out.push(compare(
            "T6",
            &format!("{name}: {} vs {} summary vs detail table", summary.title, t.title),
            &total,
            &[summary_total],
            &summary.title,
        ));
    }
    or_skipped(
        out,
        "T6",
        "the 财政拨款收支总表 has no 一般公共预算/政府性基金 spending column",
    )
}
