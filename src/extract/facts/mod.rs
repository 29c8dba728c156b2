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
mod table;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::rules::RuleError;

pub use narrative::narrative_facts;
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
    /// Preference among narrative statements of one metric: fitting
    /// context first, then the pattern's order in the data table.
    #[serde(skip)]
    pub rank: (u8, usize),
}

/// Reads both rule tables of this module (see [`crate::rules::check_all`]).
pub(crate) fn check() -> Result<(), RuleError> {
    narrative::check()?;
    table::check()?;
    Ok(())
}

/// Derived facts: 本年收入合计 equals 收入总计 when there is no carry-over
/// (metrics.csv), likewise for spending.
pub fn derive(facts: &mut Vec<Fact>) {
    let get = |facts: &[Fact], m: &str| facts.iter().find(|f| f.metric == m).cloned();
    for (total, grand, carry) in [
        ("revenue.total", "revenue.grand_total", "revenue.carryover"),
        (
            "expenditure.total",
            "expenditure.grand_total",
            "expenditure.carryover_end",
        ),
    ] {
        if get(facts, total).is_some() {
            continue;
        }
        let Some(g) = get(facts, grand) else { continue };
        let carry_zero = get(facts, carry).is_none_or(|c| c.value.is_zero());
        if carry_zero && matches!(g.source, FactSource::Table { .. }) {
            facts.push(Fact {
                metric: total.to_string(),
                label: format!("{} (no carry-over)", g.label),
                ..g
            });
        }
    }
}

/// The fact for each metric: the table's where a table states it, else the
/// narrative's first statement. Sorted by metric.
pub fn choose(table: &[Fact], narrative: &[Fact]) -> Vec<Fact> {
    let mut out: Vec<Fact> = table.to_vec();
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
