//! Projects and performance indicators.
//!
//! Projects come from the project expenditure table (one row per project)
//! and from each 项目支出绩效目标申报表 form (项目名称, 主管部门, 实施单位,
//! 项目类型, 项目总额, 当年预算 …), merged by project name. Which column
//! or form field is which is `data/project_fields.csv`.
//!
//! Indicators come from the indicator table under each form (一级指标 |
//! 二级指标 | 三级指标 | 指标值, with 一级/二级 cells spanning rows), and
//! from tables that pack them into one cell per project (广州: `1、1-产出指标；
//! 11-数量指标；会议活动保障次数；…年度指标值:每年≥20场。`).

use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Serialize;

use super::kinds::TableKind;
use super::tables::{DocCell, DocTable};
use crate::normalize::label::compact;
use crate::normalize::label::{self, Concept, normalize_label};
use crate::normalize::number::{Amount, parse_amount};
use crate::normalize::unit::{MoneyUnit, to_yuan};
use crate::rules::{self, RuleError};

const FIELDS: &str = include_str!("../../data/project_fields.csv");

/// A budget project.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Project {
    pub project: String,
    pub total: Option<Decimal>,
    pub recurring: Option<Decimal>,
    pub one_off: Option<Decimal>,
    pub executing_unit: String,
    pub project_type: String,
    pub manager_unit: String,
    pub total_budget: Option<Decimal>,
    pub current_year_budget: Option<Decimal>,
    /// A 绩效目标申报表's funding-source total (资金来源 … 金额), which
    /// should equal its 当年预算.
    pub funding_total: Option<Decimal>,
    pub page: usize,
    /// The page of its 绩效目标申报表, when it has one.
    pub form_page: Option<usize>,
}

/// One performance indicator row.
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    pub project: String,
    pub level1: String,
    pub level2: String,
    pub content: String,
    /// As printed (`≥95%`, `2000元/人`, `有效提升`).
    pub value_text: String,
    pub value: Option<Decimal>,
    /// `pct` for percentages, else the printed unit (`元/人`, `场/年`).
    pub unit: String,
    /// The comparison the target states: `>=`, `<=`, `>`, `<`, `=`.
    pub standard: String,
    pub page: usize,
}

/// What a column or form field of a project table or performance form
/// holds (`data/project_fields.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum Field {
    Project,
    Total,
    Recurring,
    OneOff,
    ExecutingUnit,
    ProjectType,
    ManagerUnit,
    TotalBudget,
    CurrentYearBudget,
    FundingTotal,
}

impl Field {
    fn as_str(self) -> &'static str {
        match self {
            Field::Project => "project",
            Field::Total => "total",
            Field::Recurring => "recurring",
            Field::OneOff => "one_off",
            Field::ExecutingUnit => "executing_unit",
            Field::ProjectType => "project_type",
            Field::ManagerUnit => "manager_unit",
            Field::TotalBudget => "total_budget",
            Field::CurrentYearBudget => "current_year_budget",
            Field::FundingTotal => "funding_total",
        }
    }
}

#[derive(serde::Deserialize)]
struct FieldRow {
    field: Field,
    pattern: String,
}

const FIELDS_FILE: &str = "data/project_fields.csv";

fn read_fields() -> Result<Vec<(&'static str, Regex)>, RuleError> {
    let mut out = Vec::new();
    for row in rules::load::<FieldRow>(FIELDS_FILE, FIELDS)? {
        out.push((
            row.row.field.as_str(),
            row.regex(FIELDS_FILE, "pattern", &row.row.pattern)?,
        ));
    }
    Ok(out)
}

fn fields() -> &'static [(&'static str, Regex)] {
    static F: OnceLock<Vec<(&'static str, Regex)>> = OnceLock::new();
    rules::get(&F, read_fields).as_slice()
}

/// Reads the table (see [`crate::rules::check_all`]).
pub(crate) fn check() -> Result<(), RuleError> {
    read_fields().map(|_| ())
}

fn field_of(label: &str) -> Option<&'static str> {
    let key = normalize_label(label);
    fields().iter().find(|(_, re)| re.is_match(&key)).map(|(f, _)| *f)
}

fn money(text: &str, unit: Option<MoneyUnit>) -> Option<Decimal> {
    let v = parse_amount(text)?.value()?;
    Some(to_yuan(v, unit?))
}

fn set(p: &mut Project, field: &str, text: &str, unit: Option<MoneyUnit>) {
    let t = compact(text);
    if t.is_empty() {
        return;
    }
    match field {
        "project" => p.project = t,
        "total" => p.total = money(&t, unit),
        "recurring" => p.recurring = money(&t, unit),
        "one_off" => p.one_off = money(&t, unit),
        "executing_unit" => p.executing_unit = t,
        "project_type" if matches!(parse_amount(&t), None | Some(Amount::Blank)) => p.project_type = t,
        "manager_unit" => p.manager_unit = t,
        "total_budget" => p.total_budget = money(&t, unit),
        "current_year_budget" => p.current_year_budget = money(&t, unit),
        "funding_total" => p.funding_total = money(&t, unit),
        _ => {}
    }
}

fn is_total_label(t: &str) -> bool {
    let k = normalize_label(t);
    k.is_empty() || label::is(Concept::TotalRow, &k) || label::is(Concept::SubtotalRow, &k)
}

/// Projects of a project expenditure table: one per body row.
fn table_projects(t: &DocTable, unit: Option<MoneyUnit>) -> Vec<Project> {
    let roles: Vec<Option<&'static str>> = t.columns.iter().map(|c| field_of(c)).collect();
    let Some(name_col) = roles.iter().position(|r| *r == Some("project")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for row in t.header_rows..t.n_rows() {
        let cells: Vec<&DocCell> = t.cells.iter().filter(|c| c.row == row && !c.is_header).collect();
        let Some(name) = cells.iter().find(|c| c.col == name_col) else {
            continue;
        };
        if is_total_label(&name.text) {
            continue;
        }
        let mut p = Project {
            page: name.page,
            ..Project::default()
        };
        for c in &cells {
            if let Some(Some(field)) = roles.get(c.col) {
                set(&mut p, field, &c.text, unit);
            }
        }
        if p.project_type.is_empty() {
            p.project_type = match (p.recurring, p.one_off) {
                (Some(r), _) if !r.is_zero() => "经常性项目".into(),
                (_, Some(o)) if !o.is_zero() => "一次性项目".into(),
                _ => String::new(),
            };
        }
        out.push(p);
    }
    out
}

/// A 绩效目标申报表's form part: label cell, value cell, … in each row.
fn form_project(t: &DocTable, unit: Option<MoneyUnit>) -> Option<Project> {
    let page = t.pages.first().copied().unwrap_or(1);
    let mut p = Project {
        page,
        form_page: Some(page),
        ..Project::default()
    };
    let mut any = false;
    for row in 0..t.n_rows() {
        let mut cells: Vec<&DocCell> = t.cells.iter().filter(|c| c.row == row).collect();
        cells.sort_by_key(|c| c.col);
        let mut i = 0;
        while i + 1 < cells.len() {
            if let Some(field) = field_of(&cells[i].text) {
                // In a form, 金额 is the funding source's amount.
                let field = if field == "total" { "funding_total" } else { field };
                set(&mut p, field, &cells[i + 1].text, unit);
                any = true;
                i += 2;
            } else {
                i += 1;
            }
        }
    }
    (any && !p.project.is_empty()).then_some(p)
}

/// The projects of a document, merged by name (a form adds its budgets
/// and units to the table's row of the same project).
pub fn projects(tables: &[DocTable], default_unit: Option<MoneyUnit>) -> Vec<Project> {
    let mut out: Vec<Project> = Vec::new();
    let add = |p: Project, out: &mut Vec<Project>| {
        let key = normalize_label(&p.project);
        match out.iter_mut().find(|o| normalize_label(&o.project) == key) {
            Some(o) => {
                if o.total.is_none() {
                    o.total = p.total;
                }
                o.recurring = o.recurring.or(p.recurring);
                o.one_off = o.one_off.or(p.one_off);
                o.total_budget = o.total_budget.or(p.total_budget);
                o.current_year_budget = o.current_year_budget.or(p.current_year_budget);
                o.funding_total = o.funding_total.or(p.funding_total);
                o.form_page = o.form_page.or(p.form_page);
                for (a, b) in [
                    (&mut o.executing_unit, p.executing_unit),
                    (&mut o.project_type, p.project_type),
                    (&mut o.manager_unit, p.manager_unit),
                ] {
                    if a.is_empty() {
                        *a = b;
                    }
                }
            }
            None => out.push(p),
        }
    };
    for t in tables {
        let unit = t.unit.or(default_unit);
        match t.kind {
            TableKind::ProjectExpenditure => {
                for p in table_projects(t, unit) {
                    add(p, &mut out);
                }
            }
            TableKind::PerformanceTarget if t.header_rows == 0 => {
                if let Some(p) = form_project(t, unit) {
                    add(p, &mut out);
                }
            }
            _ => {}
        }
    }
    out
}

/// Splits a target value: `≥95%` → (>=, 95, pct); `2000元/人` → ("", 2000,
/// 元/人); `有效提升` → no value.
pub fn parse_target(text: &str) -> (String, Option<Decimal>, String) {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = R.get_or_init(|| {
        Regex::new(r"^(?:每年|年度|不低于|不高于|不少于|不超过|达到)?\s*(≥|≤|>=|<=|＞|＜|>|<|=|＝)?\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*([%％]|[^\d\s].*)?$")
            .expect("static regex")
    });
    let t = compact(text);
    let Some(c) = re.captures(&t) else {
        return (String::new(), None, String::new());
    };
    let mut standard = match c.get(1).map(|m| m.as_str()) {
        Some("≥" | ">=") => ">=",
        Some("≤" | "<=") => "<=",
        Some(">" | "＞") => ">",
        Some("<" | "＜") => "<",
        Some("=" | "＝") => "=",
        _ => "",
    }
    .to_string();
    if standard.is_empty() {
        if t.starts_with("不低于") || t.starts_with("不少于") {
            standard = ">=".into();
        } else if t.starts_with("不高于") || t.starts_with("不超过") {
            standard = "<=".into();
        }
    }
    let value = c
        .get(2)
        .and_then(|m| parse_amount(m.as_str()))
        .and_then(Amount::value);
    let unit = match c.get(3).map(|m| m.as_str()) {
        Some("%" | "％") => "pct".to_string(),
        Some(u) => u.to_string(),
        None => String::new(),
    };
    (standard, value, unit)
}

fn indicator(
    project: &str,
    level1: &str,
    level2: &str,
    content: &str,
    value_text: &str,
    page: usize,
) -> Indicator {
    let (standard, value, unit) = parse_target(value_text);
    Indicator {
        project: project.to_string(),
        level1: compact(level1),
        level2: compact(level2),
        content: compact(content),
        value_text: compact(value_text),
        value,
        unit,
        standard,
        page,
    }
}

/// Indicators of a document: indicator tables (after their form), and
/// packed indicator cells.
pub fn indicators(tables: &[DocTable], projects: &[Project]) -> Vec<Indicator> {
    let mut out = Vec::new();
    let mut last_project = String::new();
    for t in tables {
        if t.kind == TableKind::PerformanceTarget && t.header_rows == 0 {
            if let Some(p) = form_project(t, None) {
                last_project = p.project;
            }
            continue;
        }
        let col = |re: &'static str| {
            let r = crate::patterns::regex(re)?;
            t.columns.iter().position(|c| r.is_match(&normalize_label(c)))
        };
        if let (Some(c1), Some(c2), Some(c3), Some(cv)) = (
            col(r"(^|/)一级指标$"),
            col(r"(^|/)二级指标$"),
            col(r"(^|/)(三级指标|指标内容|绩效指标|指标名称)$"),
            col(r"(^|/)(指标值|目标值|年度指标值|指标值（年度）|绩效目标值)$"),
        ) {
            let project = if last_project.is_empty() {
                projects.first().map(|p| p.project.clone()).unwrap_or_default()
            } else {
                last_project.clone()
            };
            let covering = |row: usize, c: usize| {
                t.cells.iter().find(|x| {
                    !x.is_header
                        && x.col <= c
                        && c < x.col + x.colspan
                        && x.row <= row
                        && row < x.row + x.rowspan
                })
            };
            for row in t.header_rows..t.n_rows() {
                let text = |c: usize| covering(row, c).map(|x| x.text.clone()).unwrap_or_default();
                let content = text(c3);
                if content.trim().is_empty() {
                    continue;
                }
                let page = covering(row, c3).map(|x| x.page).unwrap_or(1);
                out.push(indicator(
                    &project,
                    &text(c1),
                    &text(c2),
                    &content,
                    &text(cv),
                    page,
                ));
            }
            continue;
        }
        // Packed cells: a 绩效指标 column listing `1、一级；二级；内容；…指标值:…`.
        if let (Some(cp), Some(ci)) = (col(r"^项目名称"), col(r"(^|/)绩效指标$")) {
            for row in t.header_rows..t.n_rows() {
                let cell = |c: usize| {
                    t.cells
                        .iter()
                        .find(|x| x.row == row && x.col == c && !x.is_header)
                };
                let (Some(p), Some(i)) = (cell(cp), cell(ci)) else {
                    continue;
                };
                for item in unpack(&i.text) {
                    out.push(indicator(
                        &compact(&p.text),
                        &item.0,
                        &item.1,
                        &item.2,
                        &item.3,
                        i.page,
                    ));
                }
            }
        }
    }
    out
}

/// `1、1-产出指标；11-数量指标；会议活动保障次数；实施周期指标值:每年≥20场；年度指标值:每年≥20场。`
/// → (产出指标, 数量指标, 会议活动保障次数, 每年≥20场).
fn unpack(text: &str) -> Vec<(String, String, String, String)> {
    static ITEM: OnceLock<Regex> = OnceLock::new();
    let item = crate::patterns::once(&ITEM, r"(?:^|[。\s])\d+、");
    static PREFIX: OnceLock<Regex> = OnceLock::new();
    let prefix = crate::patterns::once(&PREFIX, r"^\d+-");
    let t = compact(text);
    let mut out = Vec::new();
    for part in item.split(&t).filter(|p| !p.trim().is_empty()) {
        let fields: Vec<&str> = part.trim_end_matches('。').split(['；', ';']).collect();
        if fields.len() < 4 {
            continue;
        }
        let value = fields
            .iter()
            .rev()
            .find_map(|f| {
                f.strip_prefix("年度指标值:")
                    .or_else(|| f.strip_prefix("年度指标值："))
            })
            .or_else(|| {
                fields
                    .iter()
                    .rev()
                    .find_map(|f| f.split_once([':', '：']).map(|(_, v)| v))
            })
            .unwrap_or("");
        out.push((
            prefix.replace(fields[0], "").into_owned(),
            prefix.replace(fields[1], "").into_owned(),
            fields[2].to_string(),
            value.trim().to_string(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        let d = |s: &str| Decimal::from_str_exact(s).ok();
        assert_eq!(parse_target("≥95%"), (">=".into(), d("95"), "pct".into()));
        assert_eq!(parse_target("100%"), ("".into(), d("100"), "pct".into()));
        assert_eq!(parse_target("2000元/人"), ("".into(), d("2000"), "元/人".into()));
        assert_eq!(
            parse_target("≤3个工作日"),
            ("<=".into(), d("3"), "个工作日".into())
        );
        assert_eq!(parse_target("每年≥20场"), (">=".into(), d("20"), "场".into()));
        assert_eq!(parse_target("有效提升"), ("".into(), None, "".into()));
    }

    #[test]
    fn packed_indicators() {
        let got = unpack(
            "1、1-产出指标；11-数量指标；会议活动保障次数；实施周期指标值:每年≥20场；年度指标值:每年≥20场。2、3-满意度指标；31-服务对象满意度；线下培训效果评价；实施周期指标值:≥4.5分；年度指标值:≥4.5分。",
        );
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[0],
            (
                "产出指标".into(),
                "数量指标".into(),
                "会议活动保障次数".into(),
                "每年≥20场".into()
            )
        );
        assert_eq!(got[1].3, "≥4.5分");
    }

    #[test]
    fn every_field_pattern_compiles() {
        assert_eq!(
            fields().len(),
            FIELDS.lines().skip(1).filter(|l| !l.is_empty()).count()
        );
        assert_eq!(field_of("项目名称"), Some("project"));
        assert_eq!(field_of("项目性质/经常性项目"), Some("recurring"));
        assert_eq!(field_of("当年预算"), Some("current_year_budget"));
    }
}
