//! The metric keys (`data/metrics.csv`): every key `facts.csv` may hold,
//! its canonical unit and meaning. The contract's keys
//! (`../shared/spec/metrics.csv`) come first, marked `spec`; the project's
//! additions are marked `extension` and documented in the README.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::rules::{self, RuleError};

const FILE: &str = "data/metrics.csv";
const TEXT: &str = include_str!("../../data/metrics.csv");

/// A metric's canonical unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Yuan,
    Person,
    Count,
    Vehicle,
    M2,
    Pct,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Yuan => "yuan",
            Unit::Person => "person",
            Unit::Count => "count",
            Unit::Vehicle => "vehicle",
            Unit::M2 => "m2",
            Unit::Pct => "pct",
        }
    }
}

/// Where a key is defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// `../shared/spec/metrics.csv`.
    Spec,
    /// This project's addition.
    Extension,
}

/// The funding scope of a figure (end of the contract's OUTPUT.md): the
/// whole department's money, or only part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// 财政拨款: 一般公共预算 + 政府性基金 (+ 国有资本经营) appropriations.
    Fiscal,
    /// 一般公共预算 (财政拨款).
    GeneralBudget,
    /// 政府性基金预算 (财政拨款).
    GovernmentFund,
    /// 国有资本经营预算.
    StateCapital,
}

/// One metric key.
#[derive(Debug, Clone, Deserialize)]
pub struct Metric {
    pub metric: String,
    pub unit: Unit,
    pub meaning: String,
    pub origin: Origin,
    /// For a scoped key, the whole-department key it narrows
    /// (`expenditure.general_budget.basic` → `expenditure.basic`); empty
    /// for the whole department's own keys.
    #[serde(default)]
    pub base: String,
    /// For a scoped key, its scope.
    #[serde(default, deserialize_with = "empty_is_none")]
    pub scope: Option<Scope>,
}

fn empty_is_none<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Scope>, D::Error> {
    let s = String::deserialize(d)?;
    if s.is_empty() {
        return Ok(None);
    }
    Scope::deserialize(serde::de::value::StrDeserializer::<D::Error>::new(&s)).map(Some)
}

/// Every metric, in the file's order, and each key's index.
pub struct Metrics {
    pub list: Vec<Metric>,
    by_key: HashMap<String, usize>,
}

impl Metrics {
    pub fn get(&self, key: &str) -> Option<&Metric> {
        self.by_key.get(key).map(|&i| &self.list[i])
    }

    /// The key of `base` narrowed to `scope`, if the table has one.
    pub fn scoped(&self, base: &str, scope: Scope) -> Option<&Metric> {
        self.list
            .iter()
            .find(|m| m.base == base && m.scope == Some(scope))
    }

    /// Whether some key narrows `base` to a scope: a statement of it about
    /// one fund is then not a statement of the whole department's.
    pub fn has_scopes(&self, base: &str) -> bool {
        self.list.iter().any(|m| m.base == base)
    }
}

fn read() -> Result<Metrics, RuleError> {
    let rows = rules::load::<Metric>(FILE, TEXT)?;
    let mut list = Vec::with_capacity(rows.len());
    let mut by_key = HashMap::new();
    for row in rows {
        let key = &row.row.metric;
        let well_formed = !key.is_empty()
            && key.split('.').all(|part| {
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            });
        if !well_formed {
            return Err(row.error(FILE, "metric", format!("{key:?} is not a dotted lower-case key")));
        }
        if by_key.insert(key.clone(), list.len()).is_some() {
            return Err(row.error(FILE, "metric", format!("{key} is listed twice")));
        }
        if row.row.base.is_empty() != row.row.scope.is_none() {
            return Err(row.error(FILE, "scope", "a scoped key names both its base and its scope"));
        }
        list.push(row.row);
    }
    for m in &list {
        if !m.base.is_empty() && !by_key.contains_key(&m.base) {
            return Err(RuleError {
                file: FILE,
                line: 0,
                column: "base".into(),
                message: format!("{}: unknown base key {}", m.metric, m.base),
            });
        }
    }
    Ok(Metrics { list, by_key })
}

/// The table, built once: by the first use, or by `check` at start.
static CELL_METRICS: OnceLock<Metrics> = OnceLock::new();

/// The metric table.
pub fn metrics() -> &'static Metrics {
    rules::get(&CELL_METRICS, read)
}

/// A metric's canonical unit (`yuan`, `pct` …); `None` for an unknown key.
pub fn unit_of(key: &str) -> Option<&'static str> {
    metrics().get(key).map(|m| m.unit.as_str())
}

/// A metric's short Chinese name from its meaning (`本年收入合计`,
/// `公务接待费`), for reports; the key itself when there is none.
pub fn name(key: &str) -> String {
    let Some(m) = metrics().get(key) else {
        return key.to_string();
    };
    let short: String = m
        .meaning
        .split(|c: char| c == ':' || c.is_ascii_alphabetic())
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches(['(', '（', ','])
        .trim()
        .to_string();
    if short.is_empty() { key.to_string() } else { short }
}

/// Reads the table (see [`crate::rules::check_all`]).
pub(crate) fn check() -> Result<(), RuleError> {
    rules::try_init(&CELL_METRICS, read).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_every_spec_key_is_here() {
        let m = metrics();
        assert!(m.list.len() >= 50);
        assert_eq!(unit_of("revenue.total"), Some("yuan"));
        assert_eq!(unit_of("staff.actual"), Some("person"));
        assert_eq!(name("three_public.reception"), "公务接待费");
        assert_eq!(
            m.scoped("expenditure.basic", Scope::GeneralBudget)
                .map(|x| x.metric.as_str()),
            Some("expenditure.general_budget.basic")
        );
        assert!(m.has_scopes("expenditure.total") && !m.has_scopes("three_public.total"));
        // The contract's own list, where the shared folder is present.
        let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/spec/metrics.csv");
        let Ok(text) = std::fs::read_to_string(&spec) else {
            eprintln!("skipping the spec comparison: {} absent", spec.display());
            return;
        };
        for line in text.lines().skip(1) {
            let key = line.split(',').next().unwrap_or("");
            let got = m
                .get(key)
                .unwrap_or_else(|| panic!("spec key {key} missing from data/metrics.csv"));
            assert_eq!(got.origin, Origin::Spec, "{key}");
        }
    }
}
