//! The check stage: identities a budget disclosure must satisfy, within and
//! across its tables and between its narrative and its tables.
//!
//! A check never changes a figure. It reports `pass`, `fail` (the
//! document's own figures disagree — a finding about the document) or
//! `skipped` (its inputs are not in this document, with the reason), with
//! `expected`, `actual` and `difference` in yuan, every page involved, and
//! a message a journalist can quote.
//!
//! Tolerance is unit-aware: figures printed to 0.01万元 may disagree by
//! their rounding, so a difference within half a unit of the last printed
//! digit of every term (at least 0.01 of the printed unit each) passes and
//! is reported as a rounding difference.
//!
//! The ids are stable; [`registry::CHECKS`] is the one table of them.

pub mod ocr_tables;
pub mod registry;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::extract::facts::{Fact, FactSource};
use crate::extract::line_items::LineItem;
use crate::extract::{DocTable, Extracted, TableKind};
use crate::normalize::code::level;
use crate::normalize::label::{self, Concept, normalize_label};
use crate::normalize::number::{Amount, parse_amount};
use crate::normalize::unit::{MoneyUnit, to_yuan};

pub use registry::CHECKS;

/// Outcome of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pass,
    Fail,
    Skipped,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Skipped => "skipped",
        }
    }
}

/// One run of one check on one document (or one table of it).
#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    /// Stable id (`T1` … `N2`), see [`registry::CHECKS`].
    pub check: &'static str,
    pub status: Status,
    pub expected: Option<Decimal>,
    pub actual: Option<Decimal>,
    pub difference: Option<Decimal>,
    pub pages: Vec<usize>,
    pub message: String,
}

impl CheckResult {
    fn skipped(check: &'static str, why: &str) -> CheckResult {
        CheckResult {
            check,
            status: Status::Skipped,
            expected: None,
            actual: None,
            difference: None,
            pages: Vec::new(),
            message: why.to_string(),
        }
    }
}

/// A figure as printed: its value in yuan, its printed precision (half a
/// unit of the last digit, in yuan), where it is, and how it reads.
#[derive(Debug, Clone)]
struct Figure {
    value: Decimal,
    precision: Decimal,
    page: usize,
    text: String,
}

/// Half a unit of the last printed digit of `raw` (`2237.9万元` → 500 yuan;
/// `2,934.45万元` → 50 yuan; `19,302万元` → 5000 yuan), and at least
/// 0.01 of the printed unit.
fn precision_of(raw: &str, unit: Option<MoneyUnit>) -> Decimal {
    let unit = unit.unwrap_or(MoneyUnit::Yuan);
    let digits: String = raw.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
    let decimals = digits.split_once('.').map(|(_, d)| d.len()).unwrap_or(0) as u32;
    let half_last = Decimal::new(5, decimals + 1);
    let floor = Decimal::new(1, 2) * unit.factor();
    (half_last * unit.factor()).max(floor)
}

/// The rounding a printed money figure carries, in yuan (`2,934.45万元` →
/// 100): what a difference between figures may be without either being
/// wrong. Used by the checks and by `compare`.
pub fn printed_precision(raw: &str) -> Decimal {
    precision_of(raw, unit_in(raw))
}

fn unit_in(raw: &str) -> Option<MoneyUnit> {
    ["亿元", "万元", "千元", "元"]
        .iter()
        .find(|u| raw.ends_with(*u))
        .and_then(|u| MoneyUnit::parse(u))
}

fn figure_of(f: &Fact) -> Figure {
    Figure {
        value: f.value,
        precision: precision_of(&f.raw_text, unit_in(&f.raw_text)),
        page: f.page,
        text: f.raw_text.clone(),
    }
}

fn wan(v: Decimal) -> String {
    // Money in messages as 万元 with two decimals, as disclosures print it.
    let w = (v / Decimal::from(10_000)).round_dp(2);
    format!("{w}万元")
}

/// Compares `expected` (the sum of `terms`) with `actual`.
fn compare(check: &'static str, what: &str, actual: &Figure, terms: &[Figure], how: &str) -> CheckResult {
    let expected: Decimal = terms.iter().map(|t| t.value).sum();
    let tolerance: Decimal = terms.iter().map(|t| t.precision).sum::<Decimal>() + actual.precision;
    let difference = actual.value - expected;
    let mut pages: Vec<usize> = terms.iter().map(|t| t.page).chain([actual.page]).collect();
    pages.sort_unstable();
    pages.dedup();
    let pages_text = pages
        .iter()
        .map(|p| format!("p.{p}"))
        .collect::<Vec<_>>()
        .join(", ");
    let (status, message) = if difference.is_zero() {
        (
            Status::Pass,
            format!("{what}: {} = {how} ({pages_text})", wan(actual.value)),
        )
    } else if difference.abs() <= tolerance {
        (
            Status::Pass,
            format!(
                "{what}: {} vs {how} {} — 尾差 rounding difference {} ({pages_text})",
                wan(actual.value),
                wan(expected),
                wan(difference)
            ),
        )
    } else {
        (
            Status::Fail,
            format!(
                "{what}: {} (p.{}) ≠ {how} {} — 相差 differs by {} ({pages_text})",
                actual.text,
                actual.page,
                wan(expected),
                wan(difference)
            ),
        )
    };
    CheckResult {
        check,
        status,
        expected: Some(expected),
        actual: Some(actual.value),
        difference: Some(difference),
        pages,
        message,
    }
}

fn fact<'a>(e: &'a Extracted, metric: &str) -> Option<&'a Fact> {
    e.facts.iter().find(|f| f.metric == metric)
}

/// A check's results, or one `skipped` result saying why there were none.
fn or_skipped(mut out: Vec<CheckResult>, check: &'static str, why: &str) -> Vec<CheckResult> {
    if out.is_empty() {
        out.push(CheckResult::skipped(check, why));
    }
    out
}

/// Runs every check on one document's extraction.
pub fn run(e: &Extracted) -> Vec<CheckResult> {
    let mut out = Vec::new();
    out.push(t1_income_equals_expenditure(e));
    out.extend(table_identity(e, "T2"));
    out.extend(table_identity(e, "T3"));
    out.push(sum_of_facts(
        e,
        "T4",
        "“三公”经费 three-public total",
        "three_public.total",
        &[
            "three_public.overseas",
            "three_public.vehicles",
            "three_public.reception",
        ],
        "因公出国(境) + 公务用车 + 公务接待",
    ));
    out.push(sum_of_facts(
        e,
        "T5",
        "公务用车购置及运行维护费 vehicles",
        "three_public.vehicles",
        &["three_public.vehicle_purchase", "three_public.vehicle_operation"],
        "购置 + 运行维护",
    ));
    out.extend(t6_fiscal_summary(e));
    out.extend(t7_subtotals(e));
    out.extend(t8_project_total(e));
    out.extend(t9_performance_budget(e));
    out.extend(n1_narrative_vs_table(e));
    out.extend(n2_stated_change(e));
    out
}

fn t1_income_equals_expenditure(e: &Extracted) -> CheckResult {
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

fn sum_of_facts(
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

// --- table identities ----------------------------------------------------

/// The value of a body cell, in yuan.
fn cell_value(t: &DocTable, row: usize, col: usize) -> Option<Figure> {
    let c = t
        .cells
        .iter()
        .find(|c| !c.is_header && c.row == row && c.col == col)?;
    let unit = t.unit?;
    let v = match parse_amount(&c.text)? {
        Amount::Value(v) => v,
        Amount::Dash => Decimal::ZERO,
        Amount::Blank => return None,
    };
    Some(Figure {
        value: to_yuan(v, unit),
        precision: precision_of(&c.text, Some(unit)),
        page: c.page,
        text: format!("{}{}", c.text.trim(), unit.as_str()),
    })
}

fn blank_is_zero(t: &DocTable, row: usize, col: usize) -> Option<Figure> {
    cell_value(t, row, col).or_else(|| {
        let c = t
            .cells
            .iter()
            .find(|c| !c.is_header && c.row == row && c.col == col)?;
        c.text.trim().is_empty().then(|| Figure {
            value: Decimal::ZERO,
            precision: Decimal::ZERO,
            page: c.page,
            text: "(blank)".into(),
        })
    })
}

/// The column whose whole header path (normalised) matches a pattern.
fn col_path(t: &DocTable, pattern: &'static str) -> Option<usize> {
    let re = crate::patterns::regex(pattern)?;
    t.columns.iter().position(|c| {
        let key = c.split('/').map(normalize_label).collect::<Vec<_>>().join("/");
        re.is_match(&key)
    })
}

/// A body row that numbers the columns (栏次 | 1 | 2 | 3): not data.
fn is_index_row(t: &DocTable, row: usize) -> bool {
    t.cells
        .iter()
        .any(|c| c.row == row && label::is(Concept::IndexRow, &normalize_label(&c.text)))
}

/// T2: 合计 = 基本支出 + 项目支出 (+ 专项支出); T3: 基本支出 (小计) = 人员 +
/// 公用. On every body row of every table that has those columns; one
/// result per table (the worst row).
fn table_identity(e: &Extracted, id: &'static str) -> Vec<CheckResult> {
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
        let mut worst: Option<(CheckResult, Decimal)> = None;
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
            let d = r.difference.unwrap_or_default().abs();
            let is_worse = worst.as_ref().is_none_or(|(w, wd)| {
                (r.status == Status::Fail && w.status != Status::Fail) || (r.status == w.status && d > *wd)
            });
            if is_worse {
                worst = Some((r, d));
            }
        }
        if let Some((mut r, _)) = worst {
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

/// The body row labelled as the table's total (合计, 总计).
fn total_row(t: &DocTable) -> Option<usize> {
    (t.header_rows..t.n_rows()).find(|&r| {
        t.cells
            .iter()
            .any(|c| c.row == r && !c.is_header && label::is(Concept::TotalRow, &normalize_label(&c.text)))
    })
}

/// The grand total of a table: the 合计 row's 合计 column (or its first
/// amount).
fn table_total(t: &DocTable) -> Option<Figure> {
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
fn t6_fiscal_summary(e: &Extracted) -> Vec<CheckResult> {
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

/// T7: each 类 (款) row equals the sum of its 款 (项) rows, per amount
/// column of every classified table.
fn t7_subtotals(e: &Extracted) -> Vec<CheckResult> {
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
        let unit = t.unit.unwrap_or(MoneyUnit::Yuan);
        let mut worst: Option<(CheckResult, Decimal)> = None;
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
                let d = r.difference.unwrap_or_default().abs();
                let is_worse = worst.as_ref().is_none_or(|(w, wd)| {
                    (r.status == Status::Fail && w.status != Status::Fail)
                        || (r.status == w.status && d > *wd)
                });
                if is_worse {
                    worst = Some((r, d));
                }
            }
        }
        if let Some((mut r, _)) = worst {
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

/// T8: the project table's 合计 equals the sum of its project rows.
fn t8_project_total(e: &Extracted) -> Vec<CheckResult> {
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
fn t9_performance_budget(e: &Extracted) -> Vec<CheckResult> {
    let mut out = Vec::new();
    // Forms print 万元 with two decimals: 0.01万元 either way.
    let money = |value: Decimal, page: usize, text: String| Figure {
        value,
        precision: Decimal::from(50),
        page,
        text,
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
        if let Some(total) = p.total {
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

/// Which money a sentence or section is about: 一般公共预算 (fiscal
/// appropriation) or everything (部门收支). A narrative figure is compared
/// only with a table of the same scope: 项目支出 712.80 in a sentence about
/// 一般公共预算财政拨款支出 and 725.10 in the all-funds 支出决算表 are both right.
fn scope_of(text: &str) -> Option<&'static str> {
    if text.contains("一般公共预算") || text.contains("财政拨款") {
        Some("general")
    } else if text.contains("部门") || text.contains("收支") || text.contains("总体") {
        Some("all")
    } else {
        None
    }
}

fn table_scope(t: &DocTable) -> &'static str {
    match t.kind {
        TableKind::GeneralBudgetExpenditure
        | TableKind::GeneralBudgetBasic
        | TableKind::FiscalSummary
        | TableKind::ThreePublic => "general",
        TableKind::FiscalExpenditure | TableKind::FiscalBasic => "general",
        _ => "all",
    }
}

/// N1: every narrative statement of a metric equals the table's figure (of
/// the same scope).
fn n1_narrative_vs_table(e: &Extracted) -> Vec<CheckResult> {
    let mut out = Vec::new();
    // When all the money is 一般公共预算 the two scopes are one.
    let one_scope = match (
        fact(e, "revenue.grand_total").or_else(|| fact(e, "revenue.total")),
        fact(e, "revenue.general_budget_appropriation"),
    ) {
        (Some(all), Some(general)) => all.value == general.value,
        _ => false,
    };
    for f in e
        .facts
        .iter()
        .filter(|f| matches!(f.source, FactSource::Table { .. }) && f.unit == "yuan")
    {
        let FactSource::Table { table_id, .. } = &f.source else {
            continue;
        };
        let Some(t) = e.tables.iter().find(|t| &t.id == table_id) else {
            continue;
        };
        let t_scope = if one_scope { "all" } else { table_scope(t) };
        let mut stated: Vec<&Fact> = e
            .statements
            .iter()
            .filter(|s| s.metric == f.metric && s.source == FactSource::Narrative)
            .filter(|s| {
                // Same scope, judged by the sentence first, then the section.
                let scope = scope_of(&s.context).or_else(|| scope_of(&s.section));
                let scope = if one_scope { scope.map(|_| "all") } else { scope };
                scope.is_none_or(|sc| sc == t_scope) || f.metric.starts_with("three_public")
            })
            .collect();
        stated.sort_by_key(|s| s.page);
        stated.dedup_by(|a, b| a.value == b.value);
        for s in stated {
            // A narrative that calls this year's total 支出总计 (西南大学): the
            // figure matches the sibling metric; noted, not failed.
            if let Some(sib) = sibling(&f.metric).and_then(|m| fact(e, m))
                && (s.value - sib.value).abs()
                    <= precision_of(&s.raw_text, unit_in(&s.raw_text))
                        + precision_of(&sib.raw_text, unit_in(&sib.raw_text))
                && s.value != f.value
            {
                out.push(CheckResult {
                    check: "N1",
                    status: Status::Pass,
                    expected: Some(sib.value),
                    actual: Some(s.value),
                    difference: Some(s.value - sib.value),
                    pages: vec![s.page, sib.page],
                    message: format!(
                        "{}: narrative {} (p.{}) is the table's {} {} — 用语不同 the narrative's label differs",
                        s.label, s.raw_text, s.page, sib.label, sib.raw_text
                    ),
                });
                continue;
            }
            let mut r = compare(
                "N1",
                &format!("{}: narrative vs {}", f.label, f.section),
                &figure_of(s),
                &[figure_of(f)],
                &format!("{} table", f.section),
            );
            if r.status == Status::Fail {
                r.message = format!(
                    "{}: narrative 叙述 {} (p.{}) vs {} 表 {} (p.{})",
                    f.label, s.raw_text, s.page, f.section, f.raw_text, f.page
                );
            }
            out.push(r);
        }
    }
    or_skipped(out, "N1", "no metric stated in both narrative and a table")
}

/// Metrics a document's wording confuses: 本年 total and 总计.
fn sibling(metric: &str) -> Option<&'static str> {
    Some(match metric {
        "revenue.total" => "revenue.grand_total",
        "revenue.grand_total" => "revenue.total",
        "expenditure.total" => "expenditure.grand_total",
        "expenditure.grand_total" => "expenditure.total",
        _ => return None,
    })
}

/// N2: a stated year-over-year change equals this year's figure minus the
/// prior-year figure the document states (in the same sentence, else in a
/// table that prints both years), and a stated percentage equals that
/// change over the prior figure.
fn n2_stated_change(e: &Extracted) -> Vec<CheckResult> {
    let mut out = Vec::new();
    for base in ["expenditure.total", "three_public.total"] {
        let narrative = |metric: String| {
            e.statements
                .iter()
                .find(move |s| s.metric == metric && s.source == FactSource::Narrative)
        };
        let change = narrative(format!("{base}.change"));
        let prior = narrative(format!("{base}.prior")).or_else(|| fact(e, &format!("{base}.prior")));
        // This year's figure: the one the prior's sentence states, else the
        // document's fact.
        let now = prior
            .filter(|p| p.source == FactSource::Narrative)
            .and_then(|p| {
                e.statements.iter().find(|s| {
                    (s.metric == base || s.metric == base.replace("total", "grand_total"))
                        && s.source == FactSource::Narrative
                        && s.page == p.page
                })
            })
            .or_else(|| fact(e, base));
        let (Some(change), Some(prior), Some(now)) = (change, prior, now) else {
            continue;
        };
        let mut stated = figure_of(change);
        stated.text = change.raw_text.clone();
        let terms = [
            figure_of(now),
            Figure {
                value: -prior.value,
                ..figure_of(prior)
            },
        ];
        let mut r = compare(
            "N2",
            &format!(
                "{base}: stated change 增减额 vs {} (p.{}) − {} (p.{})",
                now.raw_text, now.page, prior.raw_text, prior.page
            ),
            &stated,
            &terms,
            "本年 − 上年",
        );
        r.expected = Some(now.value - prior.value);
        out.push(r);
        if let Some(pct) = narrative(format!("{base}.change_pct"))
            && !prior.value.is_zero()
        {
            out.push(stated_percentage(pct, now, prior));
        }
    }
    or_skipped(out, "N2", "no change stated together with its prior-year figure")
}

/// A stated percentage change against (this year − prior) / prior, within
/// the rounding of all three as printed. Against the computed change, not
/// the stated one, so that a wrong stated amount is one finding, not two.
fn stated_percentage(pct: &Fact, now: &Fact, prior: &Fact) -> CheckResult {
    let hundred = Decimal::from(100);
    let change_value = now.value - prior.value;
    let expected = (change_value / prior.value * hundred).round_dp(4);
    let pct_precision = {
        let decimals = pct
            .raw_text
            .split_once(['.', '．'])
            .map(|(_, d)| d.chars().filter(char::is_ascii_digit).count())
            .unwrap_or(0);
        Decimal::new(5, decimals as u32 + 1)
    };
    let money = precision_of(&now.raw_text, unit_in(&now.raw_text))
        + (now.value / prior.value).abs() * precision_of(&prior.raw_text, unit_in(&prior.raw_text));
    let tolerance = pct_precision + money / prior.value.abs() * hundred;
    let difference = pct.value - expected;
    let pages: Vec<usize> = {
        let mut p = vec![pct.page, now.page, prior.page];
        p.sort_unstable();
        p.dedup();
        p
    };
    let status = if difference.abs() <= tolerance {
        Status::Pass
    } else {
        Status::Fail
    };
    let message = format!(
        "stated change 增减幅度 {} (p.{}) vs ({} − {}) / {} = {}% {}",
        pct.raw_text,
        pct.page,
        now.raw_text,
        prior.raw_text,
        prior.raw_text,
        expected.round_dp(2),
        if status == Status::Pass {
            "— 相符 agrees"
        } else {
            "— 不符 disagrees"
        }
    );
    CheckResult {
        check: "N2",
        status,
        expected: Some(expected),
        actual: Some(pct.value),
        difference: Some(difference),
        pages,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_follows_printed_digits() {
        assert_eq!(
            precision_of("2237.9万元", Some(MoneyUnit::TenThousand)),
            Decimal::from(500)
        );
        assert_eq!(
            precision_of("2,934.45万元", Some(MoneyUnit::TenThousand)),
            Decimal::from(100)
        );
        assert_eq!(
            precision_of("19,302万元", Some(MoneyUnit::TenThousand)),
            Decimal::from(5000)
        );
        assert_eq!(
            precision_of("193,018,000元", Some(MoneyUnit::Yuan)),
            Decimal::new(5, 1)
        );
    }

    fn fig(v: i64, p: usize) -> Figure {
        Figure {
            value: Decimal::from(v),
            precision: Decimal::from(100),
            page: p,
            text: format!("{v}"),
        }
    }

    #[test]
    fn compare_passes_fails_and_rounds() {
        let r = compare("T4", "x", &fig(1000, 1), &[fig(600, 2), fig(400, 2)], "a + b");
        assert_eq!(r.status, Status::Pass);
        assert_eq!(r.pages, vec![1, 2]);
        // Three figures each ±100 yuan as printed: 301 is beyond rounding.
        let r = compare("T4", "x", &fig(1301, 1), &[fig(600, 2), fig(400, 2)], "a + b");
        assert_eq!(r.status, Status::Fail);
        assert_eq!(r.difference, Some(Decimal::from(301)));
        assert_eq!(r.expected, Some(Decimal::from(1000)));
        let r = compare("T4", "x", &fig(1300, 1), &[fig(600, 2), fig(400, 2)], "a + b");
        assert_eq!(r.status, Status::Pass);
        assert!(r.message.contains("rounding"), "{}", r.message);
    }
}
