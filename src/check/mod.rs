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

//! One file per family: [`figure`] (figures as printed, tolerance),
//! `summary` (T1, T4–T6), `rows` (T2, T3, T7), `projects` (T8, T9),
//! `narrative` (N1, N2, N9), `claims` (N3–N8: what the narrative claims),
//! [`ocr_tables`] (tables read by OCR vouched for by
//! their own identities).

mod claims;
mod cross;
pub mod figure;
mod narrative;
pub mod ocr_tables;
mod projects;
pub mod registry;
mod rows;
mod summary;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::extract::Extracted;
use crate::extract::facts::Fact;

pub use registry::CHECKS;

pub(crate) use claims::check as check_claims;

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

/// How much a failing check's difference matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Beyond what the printed rounding of the figures explains.
    Material,
    /// Within one unit of the last printed digit of every figure involved
    /// (a 1元 residue in a table printed in whole 元): the rounding of the
    /// parts, reported apart from the material findings.
    Rounding,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Material => "material",
            Severity::Rounding => "rounding",
        }
    }
}

/// One run of one check on one document (or one table of it).
#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    /// Stable id (`T1` … `N2`), see [`registry::CHECKS`].
    pub check: &'static str,
    pub status: Status,
    /// For a `fail`: material, or a rounding residue.
    pub severity: Option<Severity>,
    pub expected: Option<Decimal>,
    pub actual: Option<Decimal>,
    pub difference: Option<Decimal>,
    pub pages: Vec<usize>,
    pub message: String,
}

impl CheckResult {
    pub(crate) fn skipped(check: &'static str, why: &str) -> CheckResult {
        CheckResult {
            check,
            status: Status::Skipped,
            severity: None,
            expected: None,
            actual: None,
            difference: None,
            pages: Vec::new(),
            message: why.to_string(),
        }
    }
}

pub(crate) fn fact<'a>(e: &'a Extracted, metric: &str) -> Option<&'a Fact> {
    e.facts.iter().find(|f| f.metric == metric)
}

/// A check's results, or one `skipped` result saying why there were none.
pub(crate) fn or_skipped(mut out: Vec<CheckResult>, check: &'static str, why: &str) -> Vec<CheckResult> {
    if out.is_empty() {
        out.push(CheckResult::skipped(check, why));
    }
    out
}

/// Runs every check on one document's extraction.
pub fn run(e: &Extracted) -> Vec<CheckResult> {
    let mut out = Vec::new();
    out.push(summary::t1_income_equals_expenditure(e));
    out.extend(rows::table_identity(e, "T2"));
    out.extend(rows::table_identity(e, "T3"));
    out.push(summary::sum_of_facts(
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
    out.push(summary::sum_of_facts(
        e,
        "T5",
        "公务用车购置及运行维护费 vehicles",
        "three_public.vehicles",
        &["three_public.vehicle_purchase", "three_public.vehicle_operation"],
        "购置 + 运行维护",
    ));
    out.extend(summary::t6_fiscal_summary(e));
    out.extend(rows::t7_subtotals(e));
    out.extend(projects::t8_project_total(e));
    out.extend(projects::t9_performance_budget(e));
    out.extend(cross::t10_personnel_public(e));
    out.extend(cross::t11_project_table(e));
    out.extend(summary::t12_fiscal_summary_sums(e));
    out.extend(rows::t13_total_rows(e));
    out.extend(narrative::n1_narrative_vs_table(e));
    out.extend(narrative::n9_grand_totals(e));
    out.extend(narrative::n2_stated_change(e));
    out.extend(claims::n3_item_headline(e));
    // A change N2 already checked (the department's total, “三公”经费) is
    // one finding, not two.
    let n2: Vec<CheckResult> = out
        .iter()
        .filter(|r| r.check == "N2" && r.status != Status::Skipped)
        .cloned()
        .collect();
    out.extend(claims::n4_stated_change(e).into_iter().filter(|r| {
        !n2.iter()
            .any(|n| n.actual == r.actual && n.pages.iter().any(|p| r.pages.contains(p)))
    }));
    if !out.iter().any(|r| r.check == "N4") {
        out.push(CheckResult::skipped(
            "N4",
            "every stated change is the one N2 checks",
        ));
    }
    out.extend(claims::n5_total_change_vs_parts(e));
    out.extend(claims::n6_shares(e));
    out.extend(claims::n7_absence(e));
    out.extend(claims::n8_single_fund(e));
    out
}
