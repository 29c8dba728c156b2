//! The narrative against the tables (N1; N9 for the grand totals) and
//! against itself (N2: a stated change against the figures it is the change
//! of).

use rust_decimal::Decimal;

use super::figure::{Figure, compare, compare_pct, figure_of, precision_of, unit_in};
use super::{CheckResult, Status, fact, or_skipped};
use crate::extract::Extracted;
use crate::extract::facts::{Fact, FactSource};

/// The grand totals (with the carry-overs): their narrative statements are
/// checked by N9, every other metric's by N1.
const GRAND_TOTALS: &[&str] = &[
    "revenue.grand_total",
    "expenditure.grand_total",
    "revenue.fiscal.grand_total",
    "expenditure.fiscal.grand_total",
];

/// N1: every narrative statement of a metric equals the table's figure.
pub(super) fn n1_narrative_vs_table(e: &Extracted) -> Vec<CheckResult> {
    let out = narrative_vs_table(e, "N1", |m| !GRAND_TOTALS.contains(&m));
    or_skipped(out, "N1", "no metric stated in both narrative and a table")
}

/// N9: a narrative grand total (收入预算总计, 财政拨款收入支出总计) equals the
/// table's.
pub(super) fn n9_grand_totals(e: &Extracted) -> Vec<CheckResult> {
    let out = narrative_vs_table(e, "N9", |m| GRAND_TOTALS.contains(&m));
    or_skipped(out, "N9", "no grand total stated in both narrative and a table")
}

/// Narrative statements against the table's fact of the same metric key.
/// Scope is part of the key (a sentence about 一般公共预算 基本支出 states
/// `expenditure.general_budget.basic`, extraction decides), so the two
/// sides are of one scope; where the sentence still names another fund
/// than the table's figure is of, nothing is claimed: the check is skipped
/// with that reason rather than accuse the document.
fn narrative_vs_table(e: &Extracted, id: &'static str, metrics: impl Fn(&str) -> bool) -> Vec<CheckResult> {
    use crate::extract::metrics::metrics as table;
    let mut out = Vec::new();
    for f in e
        .facts
        .iter()
        .filter(|f| matches!(f.source, FactSource::Table { .. }) && f.unit == "yuan" && metrics(&f.metric))
    {
        let fact_scope = table().get(&f.metric).and_then(|m| m.scope);
        let mut stated: Vec<&Fact> = e
            .statements
            .iter()
            .filter(|s| s.metric == f.metric && s.source == FactSource::Narrative)
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
                    check: id,
                    status: Status::Pass,
                    severity: None,
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
                id,
                &format!("{}: narrative vs {}", f.label, f.section),
                &figure_of(s),
                &[figure_of(f)],
                &format!("{} table", f.section),
            );
            if r.status == Status::Fail {
                // Not sure both sides are of one scope: the sentence names
                // a fund the table's figure is not of.
                let named = crate::normalize::label::scope_in(&s.context).flatten();
                if named.is_some() && named != fact_scope {
                    out.push(CheckResult::skipped(
                        id,
                        &format!(
                            "{}: the sentence (p.{}) names another fund than the table's figure (p.{}) is of; not compared",
                            f.label, s.page, f.page
                        ),
                    ));
                    continue;
                }
                r.message = format!(
                    "{}: narrative 叙述 {} (p.{}) vs {} 表 {} (p.{})",
                    f.label, s.raw_text, s.page, f.section, f.raw_text, f.page
                );
                // One sentence stating one figure for two metrics (财政拨款收支
                // 总预算: the revenue and the spending grand total) against
                // one printed figure is one finding, reported once.
                if out.iter().any(|o| {
                    o.status == Status::Fail
                        && o.pages == r.pages
                        && o.actual == r.actual
                        && o.expected == r.expected
                }) {
                    continue;
                }
            }
            out.push(r);
        }
    }
    out
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
    compare_pct(
        "N2",
        pct.value,
        expected,
        tolerance,
        vec![pct.page, now.page, prior.page],
        &format!(
            "stated change 增减幅度 {} (p.{}) vs ({} − {}) / {}",
            pct.raw_text, pct.page, now.raw_text, prior.raw_text, prior.raw_text
        ),
    )
}
