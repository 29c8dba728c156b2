//! Projects: the project table's 合计 (T8) and each 绩效目标申报表's budget
//! against its funding and the project table (T9).

use rust_decimal::Decimal;

use super::figure::{Figure, compare, wan};
use super::{CheckResult, or_skipped};
use crate::extract::{Extracted, TableKind};
use crate::normalize::label::{self, Concept};

use super::figure::cell_value;
use super::summary::total_row;

/// T8: the project table's 合计 equals the sum of its project rows.
pub(super) fn t8_project_total(e: &Extracted) -> Vec<CheckResult> {
    let mut out = Vec::new();
    for t in e
        .tables
        .iter()
        .filter(|t| t.kind == TableKind::ProjectExpenditure && !t.empty)
    {
        let Some(col) = label::column_by_last_level(&t.columns, Concept::ProjectAmountColumn) else {
            continue;
        };
        let Some(total_row) = total_row(t) else { continue };
        let Some(actual) = cell_value(t, total_row, col) else {
            continue;
        };
        let terms: Vec<Figure> = (t.header_rows..t.n_rows())
            .filter(|&r| r != total_row)
            .filter_map(|r| cell_value(t, r, col))
            .collect();
        if terms.is_empty() {
            continue;
        }
        out.push(compare(
            "T8",
            &format!("{}: 合计 = sum of projects", t.title),
            &actual,
            &terms,
            "项目合计",
        ));
    }
    or_skipped(out, "T8", "no project table with a 合计 row")
}

/// T9: a performance form's 当年预算 equals its funding-source total and
/// the project table's figure for that project.
pub(super) fn t9_performance_budget(e: &Extracted) -> Vec<CheckResult> {
    let mut out = Vec::new();
    // Forms print 万元 with two decimals: 0.01万元 either way.
    let money = |value: Decimal, page: usize, text: String| Figure {
        value,
        precision: Decimal::from(50),
        page,
        text,
        unit: Decimal::from(100),
    };
    for p in &e.projects {
        let Some(budget) = p.current_year_budget else {
            continue;
        };
        let form_page = p.form_page.unwrap_or(p.page);
        let a = money(budget, form_page, format!("当年预算 {}", wan(budget)));
        if let Some(funding) = p.funding_total {
            out.push(compare(
                "T9",
                &format!(
                    "{}: 绩效目标表 当年预算 = 资金来源 form budget matches its funding sources",
                    p.project
                ),
                &a,
                &[money(funding, form_page, wan(funding))],
                "资金来源合计",
            ));
        }
        if let Some(total) = p.total.filter(|_| !p.total_from_form) {
            out.push(compare(
                "T9",
                &format!(
                    "{}: 绩效目标表 当年预算 = 项目支出表 form budget matches the project table",
                    p.project
                ),
                &a,
                &[money(total, p.page, wan(total))],
                "项目支出表",
            ));
        }
    }
    or_skipped(
        out,
        "T9",
        "no 绩效目标表 with a 当年预算 and a funding total or project-table figure",
    )
}
