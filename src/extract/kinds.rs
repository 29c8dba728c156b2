//! Table kinds and the alias table that recognises them from titles
//! (`data/table_kinds.csv`).
//!
//! Regions name the same standard table differently (收支总表, 收支预算总表,
//! 财务收支预算总表, 收支总体情况表 …). Each row of the CSV is a regular
//! expression over the normalised title (NFKC, no white space or quotes),
//! with an optional exclusion; the first row that matches wins, so the more
//! specific rows come first. A new region's name is one CSV row.

use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use crate::normalize::label::normalize_label;
use crate::rules::{self, RuleError};

const TABLE: &str = include_str!("../../data/table_kinds.csv");

/// The standard tables of a disclosure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    IncomeExpenditureSummary,
    Income,
    Expenditure,
    FiscalSummary,
    GeneralBudgetExpenditure,
    GeneralBudgetBasic,
    /// Extension: 财政拨款支出表 by function (一般公共预算 + 政府性基金).
    FiscalExpenditure,
    /// Extension: 财政拨款基本支出表 by economic class.
    FiscalBasic,
    ThreePublic,
    GovernmentFund,
    StateCapital,
    ProjectExpenditure,
    Procurement,
    PerformanceTarget,
    Other,
}

impl TableKind {
    pub const ALL: [TableKind; 15] = [
        TableKind::IncomeExpenditureSummary,
        TableKind::Income,
        TableKind::Expenditure,
        TableKind::FiscalSummary,
        TableKind::GeneralBudgetExpenditure,
        TableKind::GeneralBudgetBasic,
        TableKind::FiscalExpenditure,
        TableKind::FiscalBasic,
        TableKind::ThreePublic,
        TableKind::GovernmentFund,
        TableKind::StateCapital,
        TableKind::ProjectExpenditure,
        TableKind::Procurement,
        TableKind::PerformanceTarget,
        TableKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TableKind::IncomeExpenditureSummary => "income_expenditure_summary",
            TableKind::Income => "income",
            TableKind::Expenditure => "expenditure",
            TableKind::FiscalSummary => "fiscal_summary",
            TableKind::GeneralBudgetExpenditure => "general_budget_expenditure",
            TableKind::GeneralBudgetBasic => "general_budget_basic",
            TableKind::FiscalExpenditure => "fiscal_expenditure",
            TableKind::FiscalBasic => "fiscal_basic",
            TableKind::ThreePublic => "three_public",
            TableKind::GovernmentFund => "government_fund",
            TableKind::StateCapital => "state_capital",
            TableKind::ProjectExpenditure => "project_expenditure",
            TableKind::Procurement => "procurement",
            TableKind::PerformanceTarget => "performance_target",
            TableKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<TableKind> {
        TableKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Tables whose rows are 科目 (classified line items).
    pub fn is_classified(self) -> bool {
        matches!(
            self,
            TableKind::Expenditure
                | TableKind::GeneralBudgetExpenditure
                | TableKind::GeneralBudgetBasic
                | TableKind::FiscalExpenditure
                | TableKind::FiscalBasic
                | TableKind::GovernmentFund
                | TableKind::StateCapital
        )
    }
}

struct Rule {
    kind: TableKind,
    include: Regex,
    exclude: Option<Regex>,
}

#[derive(serde::Deserialize)]
struct KindRow {
    kind: String,
    include: String,
    exclude: String,
}

const FILE: &str = "data/table_kinds.csv";

fn read_rules() -> Result<Vec<Rule>, RuleError> {
    let mut out = Vec::new();
    for row in rules::load::<KindRow>(FILE, TABLE)? {
        let r = &row.row;
        let kind = TableKind::parse(&r.kind)
            .ok_or_else(|| row.error(FILE, "kind", format!("unknown table kind {:?}", r.kind)))?;
        out.push(Rule {
            kind,
            include: row.regex(FILE, "include", &r.include)?,
            exclude: row.optional_regex(FILE, "exclude", &r.exclude)?,
        });
    }
    Ok(out)
}
/// The table, built once: by the first use, or by `check` at start.
static CELL_TITLE_RULES: OnceLock<Vec<Rule>> = OnceLock::new();

fn title_rules() -> &'static [Rule] {
    rules::get(&CELL_TITLE_RULES, read_rules).as_slice()
}

/// Reads the table (see [`crate::rules::check_all`]).
pub(crate) fn check() -> Result<(), RuleError> {
    rules::try_init(&CELL_TITLE_RULES, read_rules).map(|_| ())
}

/// The kind a table title names, if it names one.
///
/// ```
/// use yusuan::extract::kinds::{classify_title, TableKind};
/// assert_eq!(classify_title("2020年一般公共预算“三公”经费支出表"), Some(TableKind::ThreePublic));
/// assert_eq!(classify_title("收支总体情况表"), Some(TableKind::IncomeExpenditureSummary));
/// assert_eq!(classify_title("部门：江苏省政协办公厅"), None);
/// ```
pub fn classify_title(title: &str) -> Option<TableKind> {
    let t = normalize_label(title);
    if !t.contains('表') {
        return None;
    }
    title_rules()
        .iter()
        .find(|r| r.include.is_match(&t) && !r.exclude.as_ref().is_some_and(|x| x.is_match(&t)))
        .map(|r| r.kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_parses_and_names_a_known_kind() {
        let lines = TABLE.lines().skip(1).filter(|l| !l.trim().is_empty()).count();
        assert_eq!(
            read_rules().map(|r| r.len()).unwrap_or_else(|e| panic!("{e}")),
            lines,
            "a row of data/table_kinds.csv failed to parse"
        );
    }

    #[test]
    fn regional_names() {
        let cases = [
            ("收支预算总表", TableKind::IncomeExpenditureSummary),
            (
                "2026年预算单位财务收支预算总表",
                TableKind::IncomeExpenditureSummary,
            ),
            ("收入支出决算总表", TableKind::IncomeExpenditureSummary),
            ("财政拨款收入支出决算总表", TableKind::FiscalSummary),
            ("财政拨款收支总体情况表", TableKind::FiscalSummary),
            ("收入决算表", TableKind::Income),
            ("支出总体情况表", TableKind::Expenditure),
            ("基本支出预算情况表", TableKind::Other),
            (
                "一般公共预算财政拨款支出决算表",
                TableKind::GeneralBudgetExpenditure,
            ),
            (
                "一般公共预算支出预算表（功能科目）",
                TableKind::GeneralBudgetExpenditure,
            ),
            ("财政拨款支出预算表（功能科目）", TableKind::FiscalExpenditure),
            ("财政拨款基本支出预算表（经济科目）", TableKind::FiscalBasic),
            (
                "一般公共预算基本支出明细表（按支出经济分类科目）",
                TableKind::GeneralBudgetBasic,
            ),
            (
                "一般公共预算基本支出明细表（按支出功能分类科目）",
                TableKind::Other,
            ),
            ("“三公”经费、会议费、培训费支出预算表", TableKind::ThreePublic),
            ("政府性基金预算财政拨款收入支出决算表", TableKind::GovernmentFund),
            ("国有资本经营预算财政拨款支出决算表", TableKind::StateCapital),
            ("2020年部门专项业务经费支出表", TableKind::ProjectExpenditure),
            ("政府采购（资产配置、购买服务）预算表", TableKind::Procurement),
            ("项目支出绩效目标申报表", TableKind::PerformanceTarget),
            ("部门整体支出绩效自评表", TableKind::Other),
            // Titled without 目标 (杭州); evaluations of a closed year are not targets.
            ("2026年市级部门项目支出绩效表", TableKind::PerformanceTarget),
            ("项目支出绩效评价表", TableKind::Other),
            ("一般公共预算机关运行经费支出预算表", TableKind::Other),
        ];
        for (title, kind) in cases {
            assert_eq!(classify_title(title), Some(kind), "{title}");
        }
    }
}
