//! Facts: metric values the document states, from its tables and its
//! narrative, by rules kept as data.
//!
//! - `data/table_facts.csv`: where a standard table states a metric — a
//!   row label (`本年收入合计`, two-sided 收支总表 included: the amount is the
//!   next number right of the label) or a column header path read at the
//!   table's total row (合计), the current year's block, the 预算数/决算数 row
//!   that fits the document.
//! - `data/fact_patterns.csv`: regular expressions over the narrative (lines
//!   rejoined across line and page breaks), with macros for numbers, money,
//!   percentages and the direction words that give a change its sign
//!   (减少/下降 negative).
//!
//! For each metric the table value is the fact (`facts.csv`); every other
//! statement is kept (`docs/<doc_id>.json`) so the checks stage can report
//! disagreements.

mod narrative;
pub mod reasons;
mod table;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::rules::RuleError;

pub use narrative::narrative_facts;
pub use reasons::StatedReason;
pub(crate) use table::non_amount_columns;
pub use table::{default_unit, table_facts};

/// Where a fact was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FactSource {
    Table {
        table_id: String,
        row: usize,
        col: usize,
    },
    Narrative,
}

/// One statement of a metric.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    pub metric: String,
    /// The label the document uses (`一般公共预算财政拨款收入`).
    pub label: String,
    /// Exact value in the metric's canonical unit.
    pub value: Decimal,
    /// Canonical unit: yuan, person, count, vehicle, m2, pct.
    pub unit: String,
    /// The figure as printed, with its unit (`2934.45万元`).
    pub raw_text: String,
    pub page: usize,
    /// The section heading it falls under (narrative) or the table title.
    pub section: String,
    pub source: FactSource,
    /// The sentence it was read from (narrative), for the record.
    pub context: String,
    /// A change statement's stated definition change (口径调整, 机构改革,
    /// 划转, 合并): the clause that explains the change by a change of scope.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<StatedReason>,
    /// Preference among narrative statements of one metric: fitting
    /// context first, then the pattern's order in the data table.
    #[serde(skip)]
    pub rank: (u8, usize),
}

/// Reads both rule tables of this module (see [`crate::rules::check_all`]).
pub(crate) fn check() -> Result<(), RuleError> {
    narrative::check()?;
    reasons::check()?;
    table::check()?;
    Ok(())
}

/// Derived facts: this year's total equals the grand total when there is
/// no carry-over (`data/metrics.csv`): 本年收入合计 = 收入总计, 本年支出合计
/// = 支出总计, and the same for the 财政拨款 totals. A table's grand total
/// gives a table fact; a narrative's, when no table states either.
pub fn derive(facts: &mut Vec<Fact>) {
    let get = |facts: &[Fact], m: &str| facts.iter().find(|f| f.metric == m).cloned();
    for (total, grand, carry) in [
        ("revenue.total", "revenue.grand_total", "revenue.carryover"),
        (
            "expenditure.total",
            "expenditure.grand_total",
            "expenditure.carryover_end",
        ),
        (
            "revenue.fiscal_appropriation",
            "revenue.fiscal.grand_total",
            "revenue.carryover",
        ),
        (
            "expenditure.fiscal.total",
            "expenditure.fiscal.grand_total",
            "expenditure.carryover_end",
        ),
    ] {
        let carry = get(facts, carry);
        match (get(facts, total), get(facts, grand)) {
            (None, Some(g)) if carry.as_ref().is_none_or(|c| c.value.is_zero()) => facts.push(Fact {
                metric: total.to_string(),
                label: format!("{} (no carry-over)", g.label),
                ..g
            }),
            // The reverse only where the document says the carry-over is
            // zero: a total alone says nothing of what it leaves out.
            (Some(t), None) if carry.as_ref().is_some_and(|c| c.value.is_zero()) => facts.push(Fact {
                metric: grand.to_string(),
                label: format!("{} (carry-over 0)", t.label),
                ..t
            }),
            _ => {}
        }
    }
}

/// Table facts only (a table's figure is preferred to the narrative's, so
/// the equivalent is found before the narrative is consulted).
///
/// When all of the department's money is 一般公共预算 — its 本年收入合计
/// equals its 一般公共预算拨款收入, or its 本年支出合计 the 一般公共预算支出
/// 表's total, both read from tables — a 一般公共预算 (or 财政拨款) figure is
/// also the department's: the whole-department key it narrows gets it
/// where nothing states that key itself (a document that prints only the
/// 一般公共预算支出表 still has its 基本支出). A part of 基本支出 (人员经费
/// from a 一般公共预算基本支出表) is the department's also where only its
/// 基本支出 is all of that scope. In any other document the scopes stay
/// apart.
///
/// `chosen`: the pass over the chosen facts, tables' and narrative's alike,
/// after [`choose`]: only the parts of 基本支出 there (a narrative that
/// states 人员经费 of a 财政拨款基本支出 equal to the department's).
pub fn equivalent_scopes(facts: &mut Vec<Fact>, chosen: bool) {
    let table_value = |m: &str| {
        facts
            .iter()
            .find(|f| f.metric == m && (chosen || matches!(f.source, FactSource::Table { .. })))
            .map(|f| f.value)
    };
    let same = |a: &str, b: &str| matches!((table_value(a), table_value(b)), (Some(x), Some(y)) if x == y);
    let single_fund = !chosen
        && (same("revenue.total", "revenue.general_budget_appropriation")
            || same("expenditure.total", "expenditure.general_budget.total"));
    // The parts of 基本支出 (人员经费, 公用经费 …) need less: that all of
    // the 基本支出 is of the scope, its scoped 基本支出 equal to the
    // department's.
    let basic_of = |scope: super::metrics::Scope| match scope {
        super::metrics::Scope::GeneralBudget => same("expenditure.basic", "expenditure.general_budget.basic"),
        super::metrics::Scope::Fiscal => same("expenditure.basic", "expenditure.fiscal.basic"),
        _ => false,
    };
    let table = super::metrics::metrics();
    let mut added: Vec<Fact> = Vec::new();
    for f in facts.iter() {
        let Some(m) = table.get(&f.metric) else { continue };
        let Some(scope @ (super::metrics::Scope::GeneralBudget | super::metrics::Scope::Fiscal)) = m.scope
        else {
            continue;
        };
        if !(single_fund || (m.base.starts_with("expenditure.basic.") && basic_of(scope))) {
            continue;
        }
        if facts.iter().chain(&added).any(|o| o.metric == m.base) {
            continue;
        }
        // Of a 一般公共预算 and a 财政拨款 figure, the 一般公共预算 one (the
        // narrower table) is taken: they are equal here.
        added.push(Fact {
            metric: m.base.clone(),
            label: format!("{} (一般公共预算 = 全部资金)", f.label),
            ..f.clone()
        });
    }
    facts.extend(added);
}

/// A narrative total stated without 本年 (`2026年度收入预算4704.24万元`) is
/// the grand total — this year's money plus the 上年结转 — when the
/// document states a carry-over that is not zero; with no carry-over the
/// two are one figure and it stays this year's total. Likewise for
/// spending and the 结转下年. Statements that say 本年/当年/合计 keep
/// their key.
pub fn resolve_bare_totals(narrative: &mut [Fact]) {
    let nonzero = |narrative: &[Fact], m: &str| narrative.iter().any(|f| f.metric == m && !f.value.is_zero());
    for (total, grand, carry) in [
        ("revenue.total", "revenue.grand_total", "revenue.carryover"),
        (
            "expenditure.total",
            "expenditure.grand_total",
            "expenditure.carryover_end",
        ),
    ] {
        if !nonzero(narrative, carry) {
            continue;
        }
        for f in narrative.iter_mut().filter(|f| f.metric == total) {
            let explicit = ["本年", "当年", "合计", "小计"]
                .iter()
                .any(|w| f.label.contains(w));
            if !explicit {
                f.metric = grand.to_string();
            }
        }
    }
}

/// A chosen change fact without a stated reason takes the reason of a
/// narrative statement of the same change (same metric and value): a
/// table's 增减 figure is chosen over the sentence, whose explanation
/// still holds.
pub fn carry_reasons(chosen: &mut [Fact], narrative: &[Fact]) {
    for f in chosen.iter_mut().filter(|f| f.reason.is_none()) {
        f.reason = narrative
            .iter()
            .find(|n| n.metric == f.metric && n.value == f.value && n.reason.is_some())
            .and_then(|n| n.reason.clone());
    }
}

/// The fact for each metric: the table's where a table states it, else the
/// narrative's first statement. Sorted by metric.
pub fn choose(table: &[Fact], narrative: &[Fact]) -> Vec<Fact> {
    // A table fact whose rule is a fallback (rank 1) yields to the
    // narrative's statement of the same metric.
    let mut out: Vec<Fact> = table
        .iter()
        .filter(|t| t.rank.0 == 0 || !narrative.iter().any(|n| n.metric == t.metric))
        .cloned()
        .collect();
    let mut ranked: Vec<&Fact> = narrative.iter().collect();
    ranked.sort_by_key(|f| (f.rank, f.page));
    for f in ranked {
        if !out.iter().any(|o| o.metric == f.metric) {
            out.push(f.clone());
        }
    }
    out.sort_by(|a, b| a.metric.cmp(&b.metric));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_fact(metric: &str, wan: i64) -> Fact {
        Fact {
            metric: metric.to_string(),
            label: String::new(),
            value: Decimal::from(wan * 10_000),
            unit: "yuan".to_string(),
            raw_text: String::new(),
            page: 1,
            section: String::new(),
            source: FactSource::Table {
                table_id: "t1".to_string(),
                row: 0,
                col: 0,
            },
            context: String::new(),
            reason: None,
            rank: (0, 0),
        }
    }

    /// 人员经费 of a 一般公共预算基本支出表 is the department's only where
    /// all its 基本支出 is 一般公共预算 (国家信访局: 11,056.07 over all funds
    /// against 9,880.88, so it keeps its scoped key alone).
    #[test]
    fn a_scoped_part_of_basic_spending_is_the_departments_only_where_the_scopes_coincide() {
        let personnel = |basic: i64| {
            let mut facts = vec![
                table_fact("expenditure.basic", basic),
                table_fact("expenditure.general_budget.basic", 9_880),
                table_fact("expenditure.general_budget.basic.personnel", 7_504),
            ];
            equivalent_scopes(&mut facts, false);
            facts
                .iter()
                .find(|f| f.metric == "expenditure.basic.personnel")
                .map(|f| f.value)
        };
        assert_eq!(personnel(9_880), Some(Decimal::from(75_040_000)));
        assert_eq!(personnel(11_056), None);
    }
}
