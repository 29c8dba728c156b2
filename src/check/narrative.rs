//! The narrative against the tables (N1) and against itself (N2: a stated
//! change against the figures it is the change of).

use rust_decimal::Decimal;

use super::figure::{Figure, compare, figure_of, precision_of, unit_in};
use super::{CheckResult, Status, fact, or_skipped};
use crate::extract::facts::{Fact, FactSource};
use crate::extract::{DocTable, Extracted, TableKind};

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
pub(super) fn n1_narrative_vs_table(e: &Extracted) -> Vec<CheckResult> {
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
pub(super) fn n2_stated_change(e: &Extracted) -> Vec<CheckResult> {
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
