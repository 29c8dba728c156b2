//! Figures as printed and the tolerance of their rounding: what every
//! check compares.
//!
//! A figure printed to 0.01万元 may differ from the exact sum of its parts
//! by its rounding, so a difference within half a unit of the last printed
//! digit of every term — and at least 0.01 of the printed unit each — passes
//! and is reported as a rounding difference.

use rust_decimal::Decimal;

use super::{CheckResult, Severity, Status};
use crate::extract::DocTable;
use crate::extract::facts::Fact;
use crate::normalize::number::{Amount, parse_amount};
use crate::normalize::unit::MoneyUnit;
use crate::normalize::unit::to_yuan;

/// A figure as printed: its value in yuan, its printed precision (half a
/// unit of the last digit, in yuan), where it is, and how it reads.
#[derive(Debug, Clone)]
pub(crate) struct Figure {
    pub value: Decimal,
    pub precision: Decimal,
    pub page: usize,
    pub text: String,
    /// One unit of the last printed digit, in yuan (`2,934.45万元` → 100):
    /// a difference within one unit per figure is a rounding residue.
    pub unit: Decimal,
}

pub(super) use crate::normalize::number::{precision as precision_of, unit_in};

/// One unit of the last printed digit of `raw`, in yuan (`2237.9万元` →
/// 1000; `2,934.45万元` → 100; `193,018,000元` → 1).
pub(super) fn last_digit_unit(raw: &str, unit: Option<MoneyUnit>) -> Decimal {
    let unit = unit.unwrap_or(MoneyUnit::Yuan);
    let digits: String = raw.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
    let decimals = digits.split_once('.').map(|(_, d)| d.len()).unwrap_or(0) as u32;
    Decimal::new(1, decimals) * unit.factor()
}

/// A stated percentage (a rate of change, a share) against the one its
/// figures give: `pass` within `tolerance` (percentage points), else a
/// material `fail`. `what` says what was stated and how it is computed
/// (`stated share 占比 87.76% of 2706.40万元 (p.3) vs 2706.40万元 / 3436.40万元`);
/// the message adds the computed rate and the verdict. `pages` in any order.
pub(super) fn compare_pct(
    check: &'static str,
    stated: Decimal,
    expected: Decimal,
    tolerance: Decimal,
    mut pages: Vec<usize>,
    what: &str,
) -> CheckResult {
    let difference = stated - expected;
    let status = if difference.abs() <= tolerance {
        Status::Pass
    } else {
        Status::Fail
    };
    pages.sort_unstable();
    pages.dedup();
    let verdict = if status == Status::Pass {
        "— 相符 agrees"
    } else {
        "— 不符 disagrees"
    };
    CheckResult {
        check,
        status,
        severity: (status == Status::Fail).then_some(Severity::Material),
        expected: Some(expected),
        actual: Some(stated),
        difference: Some(difference),
        pages,
        message: format!("{what} = {}% {verdict}", expected.round_dp(2)),
    }
}

/// Keeps the worse of two results of one check over many rows: a `fail`
/// over anything else, else the larger difference (one result per table).
pub(super) fn keep_worst(worst: &mut Option<CheckResult>, r: CheckResult) {
    let d = |x: &CheckResult| x.difference.unwrap_or_default().abs();
    let is_worse = worst.as_ref().is_none_or(|w| {
        (r.status == Status::Fail && w.status != Status::Fail) || (r.status == w.status && d(&r) > d(w))
    });
    if is_worse {
        *worst = Some(r);
    }
}

pub(super) fn figure_of(f: &Fact) -> Figure {
    Figure {
        unit: last_digit_unit(&f.raw_text, unit_in(&f.raw_text)),
        value: f.value,
        precision: precision_of(&f.raw_text, unit_in(&f.raw_text)),
        page: f.page,
        text: f.raw_text.clone(),
    }
}

pub(super) fn wan(v: Decimal) -> String {
    // Money in messages as 万元 with two decimals, as disclosures print it.
    let w = (v / Decimal::from(10_000)).round_dp(2);
    format!("{w}万元")
}

/// Compares `expected` (the sum of `terms`) with `actual`.
pub(super) fn compare(
    check: &'static str,
    what: &str,
    actual: &Figure,
    terms: &[Figure],
    how: &str,
) -> CheckResult {
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
    // Beyond the printed rounding but within one unit of the last printed
    // digit of every figure: a rounding residue, reported apart.
    let residue_limit: Decimal = terms.iter().map(|t| t.unit).sum::<Decimal>() + actual.unit;
    let severity = (!difference.is_zero() && difference.abs() > tolerance).then_some(
        if difference.abs() <= residue_limit {
            Severity::Rounding
        } else {
            Severity::Material
        },
    );
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
        severity,
        expected: Some(expected),
        actual: Some(actual.value),
        difference: Some(difference),
        pages,
        message,
    }
}

/// The value of a body cell, in yuan.
pub(super) fn cell_value(t: &DocTable, row: usize, col: usize) -> Option<Figure> {
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
        unit: last_digit_unit(&c.text, Some(unit)),
        page: c.page,
        text: format!("{}{}", c.text.trim(), unit.as_str()),
    })
}

pub(super) fn blank_is_zero(t: &DocTable, row: usize, col: usize) -> Option<Figure> {
    cell_value(t, row, col).or_else(|| {
        let c = t
            .cells
            .iter()
            .find(|c| !c.is_header && c.row == row && c.col == col)?;
        c.text.trim().is_empty().then(|| Figure {
            value: Decimal::ZERO,
            precision: Decimal::ZERO,
            unit: Decimal::ZERO,
            page: c.page,
            text: "(blank)".into(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::unit::MoneyUnit;

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
            unit: Decimal::from(100),
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
