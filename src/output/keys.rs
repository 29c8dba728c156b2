//! Canonical keys of an amount: `measure`, `fund` and `period` beside the
//! printed header path, so that rows of different documents line up
//! without hand mapping (`line_items.csv`, and the amount cells of
//! `tables.csv`). The vocabulary and the header variants that map to each
//! key are data: `data/columns.csv`.
//!
//! - `fund` is the funding scope of the table the amount comes from, by its
//!   table kind (`all`, `fiscal`, `general_budget`, `government_fund`,
//!   `state_capital`).
//! - `period`: `change` where the header names a change; `prior` where the
//!   header names only years before the document's (2025年执行数 in a 2026
//!   budget); then the rows of the file; else `current`.
//! - `measure`: the first row of the file whose pattern matches the header
//!   path (levels normalised, joined by `/`; `{concept}` names a concept of
//!   `data/labels.csv`); empty when none does.

use std::sync::OnceLock;

use regex::Regex;

use crate::normalize::label::{expand_concepts, header_key};
use crate::rules::{RuleError, load};

const FILE: &str = "data/columns.csv";
const TEXT: &str = include_str!("../../data/columns.csv");

/// The funds a table can be scoped to.
pub const FUNDS: &[&str] = &[
    "all",
    "fiscal",
    "general_budget",
    "government_fund",
    "state_capital",
];
/// The periods a column can be about.
pub const PERIODS: &[&str] = &["current", "prior", "change", "budget"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum Axis {
    Measure,
    Fund,
    Period,
}

#[derive(serde::Deserialize)]
struct RawRow {
    axis: Axis,
    key: String,
    kinds: String,
    doc_kind: String,
    pattern: String,
}

struct Rule {
    axis: Axis,
    key: String,
    kinds: Option<Regex>,
    doc_kind: String,
    pattern: Option<Regex>,
}

fn read() -> Result<Vec<Rule>, RuleError> {
    let mut out = Vec::new();
    for row in load::<RawRow>(FILE, TEXT)? {
        let r = &row.row;
        let known = match r.axis {
            Axis::Fund => FUNDS.contains(&r.key.as_str()),
            Axis::Period => PERIODS.contains(&r.key.as_str()),
            Axis::Measure => !r.key.is_empty() && r.key.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
        };
        if !known {
            return Err(row.error(FILE, "key", format!("unknown key {:?}", r.key)));
        }
        if !matches!(r.doc_kind.as_str(), "" | "budget" | "final_account") {
            return Err(row.error(FILE, "doc_kind", format!("unknown doc_kind {:?}", r.doc_kind)));
        }
        let kinds = row.optional_regex(FILE, "kinds", &r.kinds)?;
        if let Some(k) = &kinds
            && !crate::extract::kinds::TableKind::ALL
                .iter()
                .any(|t| k.is_match(t.as_str()))
        {
            return Err(row.error(FILE, "kinds", "matches no table kind"));
        }
        let pattern = row.optional_regex(FILE, "pattern", &expand_concepts(&r.pattern))?;
        if r.axis == Axis::Fund && (kinds.is_none() || pattern.is_some()) {
            return Err(row.error(FILE, "kinds", "a fund row names table kinds and no pattern"));
        }
        if r.axis != Axis::Fund && pattern.is_none() {
            return Err(row.error(FILE, "pattern", "a measure or period row needs a pattern"));
        }
        out.push(Rule {
            axis: r.axis,
            key: r.key.clone(),
            kinds,
            doc_kind: r.doc_kind.clone(),
            pattern,
        });
    }
    Ok(out)
}
/// The table, built once: by the first use, or by `check` at start.
static CELL_RULES: OnceLock<Vec<Rule>> = OnceLock::new();

fn rules() -> &'static [Rule] {
    crate::rules::get(&CELL_RULES, read).as_slice()
}

/// Reads the table (see [`crate::rules::check_all`]).
pub(crate) fn check() -> Result<(), RuleError> {
    crate::rules::try_init(&CELL_RULES, read).map(|_| ())
}

/// The canonical keys of one amount.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keys {
    pub measure: String,
    pub fund: String,
    pub period: String,
}

/// The years (19xx, 20xx) a header names.
fn years(header: &str) -> Vec<i32> {
    let chars: Vec<char> = header.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if run == 4 {
            let s: String = chars[i..i + 4].iter().collect();
            if let Ok(y) = s.parse::<i32>()
                && (1990..2100).contains(&y)
            {
                out.push(y);
            }
        }
        i += run.max(1);
    }
    out
}

/// The keys of an amount in a table of `table_kind` under the printed
/// header path `header`, in a document of `doc_kind` about `year`. A table
/// kind without a fund row (三公, 政府采购, 绩效目标 …) gets no keys.
pub fn keys(table_kind: &str, doc_kind: &str, year: Option<i32>, header: &str) -> Keys {
    let rules = rules();
    let applies = |r: &&Rule| {
        r.kinds.as_ref().is_none_or(|k| k.is_match(table_kind))
            && (r.doc_kind.is_empty() || r.doc_kind == doc_kind)
    };
    let Some(fund) = rules
        .iter()
        .filter(|r| r.axis == Axis::Fund)
        .find(applies)
        .map(|r| r.key.clone())
    else {
        return Keys::default();
    };
    let h = header_key(header);
    let first = |axis: Axis, only: Option<&str>| {
        rules
            .iter()
            .filter(|r| r.axis == axis && only.is_none_or(|k| r.key == k))
            .filter(applies)
            .find(|r| r.pattern.as_ref().is_some_and(|p| p.is_match(&h)))
            .map(|r| r.key.clone())
    };
    let ys = years(&h);
    let prior_by_year = year.is_some_and(|y| !ys.is_empty() && ys.iter().all(|&v| v < y));
    let period = first(Axis::Period, Some("change"))
        .or_else(|| prior_by_year.then(|| "prior".to_string()))
        .or_else(|| first(Axis::Period, None))
        .unwrap_or_else(|| "current".into());
    Keys {
        measure: first(Axis::Measure, None).unwrap_or_default(),
        fund,
        period,
    }
}

/// Every measure key of the table, in file order, once.
pub fn measures() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for r in rules().iter().filter(|r| r.axis == Axis::Measure) {
        if !out.contains(&r.key.as_str()) {
            out.push(r.key.as_str());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(kind: &str, doc: &str, header: &str) -> (String, String, String) {
        let k = keys(kind, doc, Some(2026), header);
        (k.measure, k.fund, k.period)
    }

    fn t(m: &str, f: &str, p: &str) -> (String, String, String) {
        (m.into(), f.into(), p.into())
    }

    #[test]
    fn the_table_loads() {
        check().unwrap_or_else(|e| panic!("{e}"));
        assert!(measures().contains(&"total") && measures().contains(&"public_funds"));
    }

    #[test]
    fn header_variants_map_to_one_key() {
        let gb = "general_budget_expenditure";
        for h in [
            "合计",
            "总计",
            "金额",
            "本年支出/小计",
            "一般公共预算支出/合计",
            "预算数/合计",
            "本年支出合计",
        ] {
            assert_eq!(k(gb, "budget", h), t("total", "general_budget", "current"), "{h}");
        }
        assert_eq!(
            k(gb, "budget", "2026年预算数/年初预算数/小计"),
            t("total", "general_budget", "current")
        );
        assert_eq!(
            k(gb, "budget", "2025年执行数/执行数"),
            t("total", "general_budget", "prior")
        );
        assert_eq!(
            k(gb, "budget", "2026年预算数比2025年执行数/增减额"),
            t("total", "general_budget", "change")
        );
        assert_eq!(
            k(gb, "budget", "基本支出/小计"),
            t("basic", "general_budget", "current")
        );
        assert_eq!(
            k(gb, "budget", "本年支出/项目支出"),
            t("project", "general_budget", "current")
        );
        assert_eq!(
            k(gb, "budget", "基本支出/日常公用支出"),
            t("public_funds", "general_budget", "current")
        );
        assert_eq!(
            k(gb, "budget", "专项业务经费支出"),
            t("project", "general_budget", "current")
        );
        // A 基本支出 table's total is the row's total.
        let basic = "general_budget_basic";
        for h in [
            "合计",
            "基本支出",
            "2026年基本支出/合计",
            "基本支出预算/小计",
            "决算数",
        ] {
            assert_eq!(k(basic, "final_account", h).0, "total", "{h}");
        }
        assert_eq!(k(basic, "budget", "人员经费/金额").0, "personnel");
        // A final account's 预算数 column is the budget, its 决算数 the figure.
        assert_eq!(
            k("expenditure", "final_account", "预算数/合计"),
            t("total", "all", "budget")
        );
        assert_eq!(
            k("expenditure", "final_account", "决算数/合计"),
            t("total", "all", "current")
        );
        // A 支出总表 printed by source.
        assert_eq!(
            k("expenditure", "budget", "部门预算/一般公共预算拨款/小计"),
            t("from_general_budget", "all", "current")
        );
        assert_eq!(
            k("fiscal_expenditure", "budget", "财政拨款支出"),
            t("total", "fiscal", "current")
        );
        // Tables of no fund get no keys.
        assert_eq!(k("three_public", "budget", "合计"), t("", "", ""));
    }
}
