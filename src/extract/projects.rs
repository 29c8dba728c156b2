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
use crate::normalize::number::{Amount, looks_numeric, parse_amount};
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
    /// The project code printed in front of the name
    /// (`42011226T000000101-人事人才工作经费`), if any.
    pub project_code: String,
    /// The page of its 绩效目标申报表, when it has one.
    pub form_page: Option<usize>,
    /// `total` is the form's 年度资金总额 / 当年预算: no project table
    /// lists the project (so T9 has no table figure to compare it with).
    #[serde(skip)]
    pub total_from_form: bool,
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
    /// The 二级 was not printed on the row's page: carried down from the
    /// rows above (see [`relabel_restarted_runs`]).
    #[serde(skip)]
    pub level2_carried: bool,
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
    UnitCode,
    Department,
    Level1,
    Level2,
    Content,
    Value,
    Direction,
    MeasureUnit,
    TaskName,
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
            Field::UnitCode => "unit_code",
            Field::Department => "department",
            Field::Level1 => "level1",
            Field::Level2 => "level2",
            Field::Content => "content",
            Field::Value => "value",
            Field::Direction => "direction",
            Field::MeasureUnit => "measure_unit",
            Field::TaskName => "task_name",
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
/// The table, built once: by the first use, or by `check` at start.
static CELL_FIELDS: OnceLock<Vec<(&'static str, Regex)>> = OnceLock::new();

fn fields() -> &'static [(&'static str, Regex)] {
    rules::get(&CELL_FIELDS, read_fields).as_slice()
}

/// Reads the tables (see [`crate::rules::check_all`]).
pub(crate) fn check() -> Result<(), RuleError> {
    rules::try_init(&CELL_FIELDS, read_fields)?;
    rules::try_init(&CELL_LEVELS, read_levels).map(|_| ())
}

const LEVELS: &str = include_str!("../../data/indicator_levels.csv");
const LEVELS_FILE: &str = "data/indicator_levels.csv";

#[derive(serde::Deserialize)]
struct LevelRow {
    level1: String,
    level2: String,
}

fn read_levels() -> Result<Vec<(String, Regex)>, RuleError> {
    let mut out = Vec::new();
    for row in rules::load::<LevelRow>(LEVELS_FILE, LEVELS)? {
        if row.row.level1.trim().is_empty() {
            return Err(row.error(LEVELS_FILE, "level1", "empty"));
        }
        out.push((
            row.row.level1.clone(),
            row.regex(LEVELS_FILE, "level2", &row.row.level2)?,
        ));
    }
    Ok(out)
}
static CELL_LEVELS: OnceLock<Vec<(String, Regex)>> = OnceLock::new();

/// The 一级指标 a 二级指标 belongs to in the national framework
/// (`data/indicator_levels.csv`): 数量指标 → 产出指标 ….
fn level1_of(level2: &str) -> Option<&'static str> {
    let key = normalize_label(level2);
    rules::get(&CELL_LEVELS, read_levels)
        .iter()
        .find(|(_, re)| re.is_match(&key))
        .map(|(l, _)| l.as_str())
}

/// The fields of an indicator table's columns (not project fields).
const INDICATOR_FIELDS: [&str; 7] = [
    "level1",
    "level2",
    "content",
    "value",
    "direction",
    "measure_unit",
    "task_name",
];

/// Form fields whose label starts a new form when met among indicator rows.
const FORM_FIELDS: [&str; 6] = [
    "project",
    "executing_unit",
    "manager_unit",
    "total_budget",
    "current_year_budget",
    "department",
];

/// A label as the field patterns see it: normalized, a trailing colon
/// (年度资金总额：) dropped.
fn field_key(label: &str) -> String {
    normalize_label(label).trim_end_matches([':', '：']).to_string()
}

fn field_of(label: &str) -> Option<&'static str> {
    let key = field_key(label);
    fields().iter().find(|(_, re)| re.is_match(&key)).map(|(f, _)| *f)
}

/// Header paths normalised (once per header, not once per rule).
fn keys_of(columns: &[(usize, String)]) -> Vec<(usize, String)> {
    columns
        .iter()
        .map(|(col, path)| (*col, field_key(path)))
        .collect()
}

/// The column holding `field` among header paths normalised by
/// [`keys_of`]: the path or its last part matches; the field's rows are
/// tried in file order, so an earlier row (三级指标) wins over a later one
/// (绩效指标) wherever they stand.
fn column_in(keys: &[(usize, String)], field: &str) -> Option<usize> {
    for (_, re) in fields().iter().filter(|(f, _)| *f == field) {
        for (col, key) in keys {
            let last = key.rsplit('/').next().unwrap_or("");
            if re.is_match(key) || re.is_match(last) {
                return Some(*col);
            }
        }
    }
    None
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
        "project" => (p.project_code, p.project) = split_code(&project_name(text)),
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

/// A project name as printed, a code wrapped over two lines rejoined
/// (`11000021T0000001172 73-部门预算绩效管理工作经费`: a run of ten or more
/// letters and digits does not end at a line break).
fn project_name(text: &str) -> String {
    let t = compact(text);
    let mut out = String::new();
    let mut run = 0usize;
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' && run >= 10 && chars.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric()) {
            continue;
        }
        run = if c.is_ascii_alphanumeric() { run + 1 } else { 0 };
        out.push(c);
    }
    out
}

/// A project code printed in front of the name and joined by a dash
/// (`11000021T000000117273-部门预算绩效管理工作经费`, 8 or more letters and
/// digits): (code, name); else no code.
fn split_code(name: &str) -> (String, String) {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = crate::patterns::once(&R, r"^([0-9A-Za-z]{8,})\s*[-－—_]\s*(\S.*)$");
    match re.captures(name) {
        Some(c) if c[1].chars().any(|x| x.is_ascii_digit()) => (c[1].to_string(), c[2].to_string()),
        _ => (String::new(), name.to_string()),
    }
}

fn is_total_label(t: &str) -> bool {
    let k = normalize_label(t);
    k.is_empty() || label::is(Concept::TotalRow, &k) || label::is(Concept::SubtotalRow, &k)
}

/// Whether a cell's text is words (not empty, not a figure).
fn is_words(text: &str) -> bool {
    !text.trim().is_empty() && matches!(parse_amount(text), None | Some(Amount::Blank))
}

/// Projects of a project table (a project expenditure table, or a
/// 绩效目标 table with a 项目名称 column): one per row whose name cell
/// starts there. A per-unit table (单位编码 | 单位（项目）名称 …) lists each
/// unit above its projects: a row with a unit code and nothing but figures
/// beside its name is the unit, and the executing unit of the rows below.
fn table_projects(t: &DocTable, unit: Option<MoneyUnit>) -> Vec<Project> {
    let roles: Vec<Option<&'static str>> = t.columns.iter().map(|c| field_of(c)).collect();
    let Some(name_col) = roles.iter().position(|r| *r == Some("project")) else {
        return Vec::new();
    };
    let mixed = field_key(&t.columns[name_col]).contains("单位");
    let code_col = roles.iter().position(|r| *r == Some("unit_code"));
    let mut unit_name = String::new();
    let mut last_unit = String::new();
    let mut out = Vec::new();
    for row in t.header_rows..t.n_rows() {
        let cells: Vec<&DocCell> = t.cells.iter().filter(|c| c.row == row && !c.is_header).collect();
        let Some(name) = cells.iter().find(|c| c.col == name_col) else {
            continue;
        };
        if is_total_label(&name.text) {
            continue;
        }
        let has_code =
            code_col.is_some_and(|cc| cells.iter().any(|c| c.col == cc && !c.text.trim().is_empty()));
        let described = cells
            .iter()
            .any(|c| c.col != name_col && Some(c.col) != code_col && is_words(&c.text));
        if mixed && has_code && !described {
            unit_name = compact(&name.text);
            continue;
        }
        let mut p = Project {
            page: name.page,
            executing_unit: unit_name.clone(),
            ..Project::default()
        };
        for c in &cells {
            if let Some(Some(field)) = roles.get(c.col) {
                set(&mut p, field, &c.text, unit);
            }
        }
        // A unit cell spanning its projects' rows.
        if let Some(uc) = roles.iter().position(|r| *r == Some("executing_unit"))
            && p.executing_unit.is_empty()
            && let Some(c) = t
                .cells
                .iter()
                .find(|c| !c.is_header && c.col == uc && c.row <= row && row < c.row + c.rowspan)
        {
            p.executing_unit = compact(&c.text);
        }
        // A unit cell printed once for its projects, blank below.
        if p.executing_unit.is_empty() && roles.contains(&Some("executing_unit")) {
            p.executing_unit = last_unit.clone();
        }
        last_unit = p.executing_unit.clone();
        if p.total.is_none() {
            p.total = p.total_budget;
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

/// Whether a table's first row is a form's 项目名称 field: the label, then
/// a value that is no column label, and nothing else (a list's header goes
/// on: 项目名称 | 项目性质 | 合计 …).
fn first_row_is_a_field(t: &DocTable) -> bool {
    let mut first: Vec<&DocCell> = t
        .cells
        .iter()
        .filter(|c| c.row == 0 && !c.text.trim().is_empty())
        .collect();
    first.sort_by_key(|c| c.col);
    matches!(first.as_slice(), [label, value]
        if field_of(&label.text) == Some("project") && field_of(&value.text).is_none())
}

/// The projects of form tables (field label | value pairs): one per form,
/// a form starting at each 项目名称 field (a table may hold several forms
/// one after another, or the rows of a form whose first field row was
/// taken for a header). Amounts are in the unit a label of the form prints
/// (`资金金额（万元）`), else in `unit`.
fn form_projects(t: &DocTable, unit: Option<MoneyUnit>) -> Vec<Project> {
    // The unit a form's own label prints (资金金额（万元）) is its amounts'.
    let unit = t.cells.iter().find_map(|c| unit_in_label(&c.text)).or(unit);
    let page_of = |row: usize| {
        t.cells
            .iter()
            .find(|c| c.row == row)
            .map(|c| c.page)
            .or_else(|| t.pages.first().copied())
            .unwrap_or(1)
    };
    let fresh = |page: usize| Project {
        page,
        form_page: Some(page),
        ..Project::default()
    };
    let mut out = Vec::new();
    let mut p = fresh(page_of(0));
    for row in 0..t.n_rows() {
        let mut cells: Vec<&DocCell> = t.cells.iter().filter(|c| c.row == row).collect();
        cells.sort_by_key(|c| c.col);
        let mut i = 0;
        while i + 1 < cells.len() {
            match field_of(&cells[i].text) {
                // A label over sub-fields (资金金额（万元） beside 实施期资金总额
                // | 其中：财政拨款 …) has no value of its own.
                Some(_) if field_of(&cells[i + 1].text).is_some() => i += 1,
                Some(field) if !INDICATOR_FIELDS.contains(&field) => {
                    if field == "project" && !p.project.is_empty() && !compact(&cells[i + 1].text).is_empty()
                    {
                        out.push(std::mem::replace(&mut p, fresh(page_of(row))));
                    }
                    // In a form, 金额 is the funding source's amount.
                    let field = if field == "total" { "funding_total" } else { field };
                    set(&mut p, field, &cells[i + 1].text, unit);
                    i += 2;
                }
                _ => i += 1,
            }
        }
    }
    if !p.project.is_empty() {
        out.push(p);
    }
    out
}

/// The unit a label prints in brackets: `拟投入的资金（万元）` → 万元.
fn unit_in_label(label: &str) -> Option<MoneyUnit> {
    let k = normalize_label(label);
    let inner = k.rsplit_once('(')?.1.strip_suffix(')')?;
    MoneyUnit::parse(inner)
}

/// The tasks a 部门整体 form lists as projects: under a row naming a
/// 名称 column and an amount column (年度重点工作任务: 名称 | 主要实施内容 |
/// 拟投入的资金（万元） | 期望达到的目标), one per row with a name and an
/// amount, continued on the next page's untitled table.
fn task_projects(tables: &[DocTable], default_unit: Option<MoneyUnit>) -> Vec<Project> {
    let mut out = Vec::new();
    let mut sub: Option<(usize, usize, Option<MoneyUnit>)> = None;
    for t in tables {
        if !(t.kind == TableKind::PerformanceTarget || (sub.is_some() && t.title.is_empty())) {
            sub = None;
            continue;
        }
        for row in 0..t.n_rows() {
            let cells: Vec<&DocCell> = t.cells.iter().filter(|c| c.row == row).collect();
            let name = cells.iter().find(|c| field_of(&c.text) == Some("task_name"));
            let amount = cells.iter().find(|c| field_of(&c.text) == Some("total"));
            if let (Some(n), Some(a)) = (name, amount) {
                let unit = unit_in_label(&a.text).or(t.unit).or(default_unit);
                sub = Some((n.col, a.col, unit));
                continue;
            }
            let Some((nc, ac, unit)) = sub else { continue };
            let name = cells.iter().find(|c| c.col == nc).map(|c| compact(&c.text));
            let value = cells
                .iter()
                .find(|c| c.col == ac)
                .and_then(|c| money(&c.text, unit));
            match (name, value) {
                (Some(n), Some(v)) if is_words(&n) => out.push(Project {
                    project: n,
                    total: Some(v),
                    page: cells.first().map(|c| c.page).unwrap_or(1),
                    ..Project::default()
                }),
                // A row of another section ends the list.
                _ if cells.iter().any(|c| is_words(&c.text) && c.col < nc) => sub = None,
                _ => {}
            }
        }
    }
    out
}

/// The projects of a document, merged by name and executing unit (a form
/// adds its budgets and units to the table's row of the same project;
/// projects of one name in two units stay two).
pub fn projects(tables: &[DocTable], default_unit: Option<MoneyUnit>) -> Vec<Project> {
    let mut out: Vec<Project> = Vec::new();
    let add = |p: Project, out: &mut Vec<Project>| {
        let key = normalize_label(&p.project);
        let unit = normalize_label(&p.executing_unit);
        let same = |o: &Project| {
            let ou = normalize_label(&o.executing_unit);
            normalize_label(&o.project) == key && (ou == unit || ou.is_empty() || unit.is_empty())
        };
        match out.iter_mut().find(|o| same(o)) {
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
                for p in form_projects(t, unit) {
                    add(p, &mut out);
                }
            }
            TableKind::PerformanceTarget => {
                // A form whose first field row was taken for a header
                // (专项（项目）名称 | X over the form's other fields) is read
                // as the form it is, not as a list of projects.
                let listed = if first_row_is_a_field(t) {
                    Vec::new()
                } else {
                    table_projects(t, unit)
                };
                if listed.is_empty() {
                    for p in form_projects(t, unit) {
                        add(p, &mut out);
                    }
                }
                for p in listed {
                    add(p, &mut out);
                }
            }
            // A table of no standard kind whose first column is 项目名称
            // and which scores or evaluates them (a 决算's 项目名称 | 自评分数
            // list) lists projects.
            TableKind::Other
                if t.header_rows > 0
                    && t.columns.first().is_some_and(|c| field_key(c) == "项目名称")
                    && t.columns
                        .iter()
                        .any(|c| c.contains("评") || c.contains("得分") || c.contains("绩效")) =>
            {
                for p in table_projects(t, unit) {
                    add(p, &mut out);
                }
            }
            _ => {}
        }
    }
    for p in task_projects(tables, default_unit) {
        add(p, &mut out);
    }
    // A project only a form names (国家信访局: three 绩效目标表, no project
    // table): its amount for the year is the form's 年度资金总额, or, on a
    // form that prints no year's figure (西安's 专项资金 form: 资金金额 with
    // 实施期资金总额 and its sources only), the 实施期资金总额.
    for p in &mut out {
        if p.total.is_none()
            && let Some(v) = p.current_year_budget.or(p.total_budget)
        {
            p.total = Some(v);
            p.total_from_form = true;
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

/// The columns of an indicator table (`data/project_fields.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct IndicatorColumns {
    level1: Option<usize>,
    level2: Option<usize>,
    content: usize,
    value: usize,
    direction: Option<usize>,
    unit: Option<usize>,
    project: Option<usize>,
}

/// The indicator columns named by a header (paths per column, or the
/// cells of a header row inside a table): 一级 or 二级指标, the indicator
/// and its value at least.
fn indicator_columns(labels: &[(usize, String)]) -> Option<IndicatorColumns> {
    let keys = keys_of(labels);
    let content = column_in(&keys, "content")?;
    let value = column_in(&keys, "value")?;
    let level1 = column_in(&keys, "level1");
    let level2 = column_in(&keys, "level2");
    let direction = column_in(&keys, "direction");
    let unit = column_in(&keys, "measure_unit");
    // Without level columns, a 指标性质 or 度量单位 column still marks an
    // indicator table (北京 部门整体: 绩效指标 | 指标性质 | 指标值 | 度量单位).
    if content == value || (level1.is_none() && level2.is_none() && direction.is_none() && unit.is_none()) {
        return None;
    }
    Some(IndicatorColumns {
        level1,
        level2,
        content,
        value,
        direction,
        unit,
        project: labels
            .iter()
            .find(|(_, l)| field_of(l) == Some("project"))
            .map(|(c, _)| *c),
    })
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
        level2_carried: false,
    }
}

/// An indicator cell that prints its 一级 and 二级 names in front of it
/// (`产出指标数量指标协调推进…`: a table without level columns):
/// (一级, 二级, indicator); else the text as the indicator.
fn split_levels(text: &str) -> (String, String, String) {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = crate::patterns::once(
        &R,
        r"^(产出指标|效益指标|效果指标|满意度指标|成本指标|影响指标)(\S{2,10}?指标)(\S.*)$",
    );
    let t = compact(text);
    match re.captures(&t) {
        Some(c) => (c[1].to_string(), c[2].to_string(), c[3].to_string()),
        None => (String::new(), String::new(), t),
    }
}

/// A comparison printed in its own column (指标方向, 绩效指标性质: ≥ ≤ ＝).
fn direction(text: &str) -> &'static str {
    match normalize_label(text).as_str() {
        ">=" | "≥" | "大于等于" => ">=",
        "<=" | "≤" | "小于等于" => "<=",
        ">" | "大于" => ">",
        "<" | "小于" => "<",
        "=" | "等于" => "=",
        _ => "",
    }
}

/// What the indicator scan carries from table to table: the project the
/// rows belong to, and the columns a continuation without a header reads.
#[derive(Default)]
struct Scan {
    project: String,
    columns: Option<IndicatorColumns>,
    n_cols: usize,
    level1: String,
    level2: String,
    /// The form is a 部门整体 one (部门整体支出绩效目标表, 整体支出绩效目标申报表,
    /// 部门整体绩效自评表): its indicators are the department's.
    whole: bool,
    /// The department a 部门整体 form names in its 部门（单位）名称 field.
    owner: String,
}

/// The columns of a continuation page without a header: the page
/// before's; when the page has another number of columns (a level cell
/// spanning from the page before is not drawn again), the columns aligned
/// at the right edge, where the value column is.
fn continued_columns(c: &IndicatorColumns, before: usize, now: usize) -> Option<IndicatorColumns> {
    if before == now {
        return Some(c.clone());
    }
    if c.value + 1 != before || now == 0 {
        return None;
    }
    let shift = |col: usize| (col + now).checked_sub(before).filter(|&x| x < now);
    Some(IndicatorColumns {
        level1: c.level1.and_then(shift),
        level2: c.level2.and_then(shift),
        content: shift(c.content)?,
        value: shift(c.value)?,
        direction: c.direction.and_then(shift),
        unit: c.unit.and_then(shift),
        project: c.project.and_then(shift),
    })
}

/// The indicators of one table, row by row: form fields (项目名称：X) set
/// the project; a header row (一级指标 | 二级指标 | 三级指标 | 指标值, in
/// the table's header or inside it) sets the columns; the rows below are
/// indicators, each of the project in its row's 项目名称 cell or else of
/// the form above. Level cells spanning rows, or cut by a page break,
/// carry down.
fn scan_table(t: &DocTable, scan: &mut Scan, fallback: &str, department: &str, out: &mut Vec<Indicator>) {
    let mut columns = None;
    let mut start = 0;
    if t.header_rows > 0 {
        let labels: Vec<(usize, String)> = t.columns.iter().cloned().enumerate().collect();
        if let Some(c) = indicator_columns(&labels) {
            columns = Some(c);
            start = t.header_rows;
        }
    }
    if columns.is_none() && t.title.is_empty() {
        columns = scan
            .columns
            .as_ref()
            .and_then(|c| continued_columns(c, scan.n_cols, t.n_cols));
    }
    let form_names_project = t.cells.iter().any(|c| field_of(&c.text) == Some("project"));
    let covering = |row: usize, col: usize| {
        t.cells
            .iter()
            .find(|x| x.col <= col && col < x.col + x.colspan && x.row <= row && row < x.row + x.rowspan)
    };
    let mut by_row: Vec<Vec<&DocCell>> = vec![Vec::new(); t.n_rows()];
    for c in &t.cells {
        if let Some(r) = by_row.get_mut(c.row) {
            r.push(c);
        }
    }
    for row in start..t.n_rows() {
        let mut cells: Vec<&DocCell> = by_row.get(row).cloned().unwrap_or_default();
        cells.sort_by_key(|c| c.col);
        let labels: Vec<(usize, String)> = cells.iter().map(|c| (c.col, c.text.clone())).collect();
        if let Some(mut c) = indicator_columns(&labels) {
            // A header repeated on a new page in two rows: the 项目名称
            // column is named in the row above.
            if c.project.is_none() {
                c.project = columns.as_ref().and_then(|o| o.project);
            }
            columns = Some(c);
            scan.level1.clear();
            scan.level2.clear();
            continue;
        }
        // A form's field row (项目名称, 主管部门 …) ends the indicator rows
        // above: a new form starts.
        if columns.is_some()
            && cells.iter().any(|c| {
                field_of(&c.text).is_some_and(|f| FORM_FIELDS.contains(&f)) && !c.text.contains("指标")
            })
        {
            columns = None;
        }
        let Some(cols) = &columns else {
            // Form fields: a label cell, then its value; a row of more
            // than four labels and no figure is a header, not fields.
            let header_like = cells.len() > 4 && cells.iter().all(|c| !looks_numeric(&c.text));
            for pair in cells.windows(2).filter(|_| !header_like) {
                let value = compact(&pair[1].text);
                match field_of(&pair[0].text) {
                    // A 部门整体 form belongs to the department it names;
                    // a 专项名称 such as 127部门整体 is no project.
                    Some("department" | "executing_unit") if !value.is_empty() && scan.whole => {
                        scan.owner = value
                    }
                    Some("project") if scan.whole => {}
                    Some("project") if !value.is_empty() => scan.project = value,
                    Some("department" | "executing_unit") if !value.is_empty() && !form_names_project => {
                        scan.project = value
                    }
                    _ => {}
                }
            }
            continue;
        };
        let text = |col: Option<usize>| {
            col.and_then(|c| covering(row, c))
                .map(|x| x.text.clone())
                .unwrap_or_default()
        };
        if let Some(name) = cols
            .project
            .filter(|_| !scan.whole)
            .map(|c| split_code(&project_name(&text(Some(c)))).1)
            .filter(|n| !n.is_empty())
        {
            if name != scan.project {
                scan.level1.clear();
                scan.level2.clear();
            }
            scan.project = name;
        }
        let content = text(Some(cols.content));
        // One cell across the indicator and its value (a form's field row
        // drawn across the grid) is no indicator.
        let same_cell = match (covering(row, cols.content), covering(row, cols.value)) {
            (Some(a), Some(b)) => std::ptr::eq(a, b),
            _ => false,
        };
        if same_cell
            || content.trim().is_empty()
            || field_of(&content).is_some_and(|f| INDICATOR_FIELDS.contains(&f))
        {
            continue;
        }
        let (glued1, glued2, content) = match (cols.level1, cols.level2) {
            (None, None) => split_levels(&content),
            _ => (String::new(), String::new(), content),
        };
        let mut level2 = compact(&text(cols.level2));
        if level2.is_empty() {
            level2 = glued2;
        }
        let level2_carried = level2.is_empty();
        if level2_carried {
            level2 = scan.level2.clone();
        }
        let mut level1 = compact(&text(cols.level1));
        if level1.is_empty() {
            level1 = glued1;
        }
        if level1.is_empty() {
            // Not printed on this row's page: the group above goes on
            // while its 二级 does; a new 二级 (or none above) takes its
            // 一级 from the framework, where the 二级 is a standard one.
            level1 = match level1_of(&level2) {
                Some(l) if scan.level1.is_empty() || level2 != scan.level2 => l.to_string(),
                _ => scan.level1.clone(),
            };
        }
        scan.level1 = level1.clone();
        scan.level2 = level2.clone();
        let page = covering(row, cols.content).map(|x| x.page).unwrap_or(1);
        let project = if scan.whole {
            // The department named by the form, else the document's.
            if scan.owner.is_empty() {
                department
            } else {
                &scan.owner
            }
        } else if scan.project.is_empty() {
            fallback
        } else {
            &scan.project
        };
        let mut ind = indicator(project, &level1, &level2, &content, &text(Some(cols.value)), page);
        ind.level2_carried = level2_carried;
        if ind.standard.is_empty() {
            ind.standard = direction(&text(cols.direction)).to_string();
        }
        let unit = compact(&text(cols.unit));
        if ind.unit.is_empty() && !unit.is_empty() {
            ind.unit = if matches!(unit.as_str(), "%" | "％") {
                "pct".into()
            } else {
                unit
            };
        }
        out.push(ind);
    }
    scan.columns = columns;
    scan.n_cols = t.n_cols;
}

/// Whether a row inside the table names indicator columns (a 自评表 or a
/// form drawn as one grid with its indicator header among the rows).
fn has_inner_header(t: &DocTable) -> bool {
    // The cells grouped by row in one pass (a table has thousands).
    let mut rows: Vec<Vec<(usize, String)>> = vec![Vec::new(); t.n_rows()];
    for c in &t.cells {
        if let Some(r) = rows.get_mut(c.row) {
            r.push((c.col, c.text.clone()));
        }
    }
    rows.iter().any(|labels| indicator_columns(labels).is_some())
}

/// Whether a table is a 部门整体 form: its title says so, or a form field
/// of the project does (宁德: 专项名称 127部门整体).
fn is_department_wide(t: &DocTable) -> bool {
    let whole = |text: &str| label::is(Concept::DepartmentWideForm, &normalize_label(text));
    if whole(&t.title) {
        return true;
    }
    let mut by_row: Vec<Vec<&DocCell>> = vec![Vec::new(); t.n_rows()];
    for c in &t.cells {
        if let Some(r) = by_row.get_mut(c.row) {
            r.push(c);
        }
    }
    by_row.iter_mut().any(|cells| {
        cells.sort_by_key(|c| c.col);
        cells
            .windows(2)
            .any(|p| field_of(&p[0].text) == Some("project") && whole(&p[1].text))
    })
}

/// Indicators of a document: indicator tables (after their form, or with
/// their project in a column; continuation pages without a header read
/// with the columns of the page before), and packed indicator cells. The
/// indicators of a 部门整体 form are the department's: the one its
/// 部门（单位）名称 field names, else `department` (the document's).
pub fn indicators(tables: &[DocTable], projects: &[Project], department: &str) -> Vec<Indicator> {
    let mut out = Vec::new();
    let fallback = projects.first().map(|p| p.project.clone()).unwrap_or_default();
    let mut scan = Scan::default();
    let mut in_forms = false;
    let mut last_title = String::new();
    for t in tables {
        let labels: Vec<(usize, String)> = t.columns.iter().cloned().enumerate().collect();
        let has_header = t.header_rows > 0 && indicator_columns(&labels).is_some();
        let col = |re: &'static str| {
            let r = crate::patterns::regex(re)?;
            t.columns.iter().position(|c| r.is_match(&normalize_label(c)))
        };
        let packed = (col(r"^项目名称"), col(r"(^|/)绩效指标$"));
        // An untitled table after a 绩效目标 table is its continuation.
        let continues = in_forms && t.title.is_empty();
        let packed_cols = match packed {
            (Some(cp), Some(ci)) if !has_header => Some((cp, ci)),
            _ => None,
        };
        // A 部门整体 form drawn apart above its indicator table (a 自评表's
        // 专项名称 | 部门（单位）名称 block) names the indicators' owner.
        let whole_form = !continues && is_department_wide(t);
        if packed_cols.is_none()
            && (t.kind == TableKind::PerformanceTarget
                || has_header
                || continues
                || whole_form
                || has_inner_header(t))
        {
            if t.kind == TableKind::PerformanceTarget
                && !continues
                && (t.header_rows == 0 || t.title != last_title)
            {
                // A new form or table: its fields or rows name the project.
                scan.project.clear();
                scan.owner.clear();
            }
            if !continues {
                scan.whole = whole_form;
            }
            last_title = t.title.clone();
            scan_table(t, &mut scan, &fallback, department, &mut out);
            in_forms = true;
            continue;
        }
        in_forms = false;
        scan = Scan::default();
        // Packed cells: a 绩效指标 column listing `1、一级；二级；内容；…指标值:…`.
        if let Some((cp, ci)) = packed_cols {
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
    relabel_restarted_runs(&mut out);
    out
}

/// The number an indicator's content starts with: `指标3：…` → 3.
fn indicator_number(content: &str) -> Option<u32> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = crate::patterns::once(&R, r"^指标\s*(\d{1,3})\s*[:：.、]");
    re.captures(content).and_then(|c| c[1].parse().ok())
}

/// A 二级 group whose numbering starts again (`指标1` after `指标15`, after
/// an unnumbered `指标：…`, or after a row of the group above that is not
/// numbered at all) is a
/// new group even where its 二级 cell prints nothing on this page: a cell
/// spanning a page break prints its label on one page only (西安 2019: the
/// 质量指标 rows 指标1–4 at the foot of a page, the label with 指标5–15 on
/// the next; 经济效益指标's one unnumbered row, then 指标1 of 社会效益指标
/// whose label stands on the next page). Such rows carried the group
/// above's 二级; they take the label their own run prints further on, when
/// it prints one.
fn relabel_restarted_runs(out: &mut [Indicator]) {
    let mut i = 1;
    while i < out.len() {
        let restarts = indicator_number(&out[i].content) == Some(1)
            && out[i].project == out[i - 1].project
            && out[i].level2_carried
            && out[i].level2 == out[i - 1].level2;
        if !restarts {
            i += 1;
            continue;
        }
        // The run: numbers going on 2, 3, … in the same project.
        let mut end = i + 1;
        while end < out.len()
            && out[end].project == out[i].project
            && indicator_number(&out[end].content) == indicator_number(&out[end - 1].content).map(|n| n + 1)
        {
            end += 1;
        }
        if let Some(k) = (i..end).find(|&k| !out[k].level2_carried)
            && out[k].level2 != out[i].level2
        {
            let (level1, level2) = (out[k].level1.clone(), out[k].level2.clone());
            for ind in &mut out[i..k] {
                ind.level1 = level1.clone();
                ind.level2 = level2.clone();
            }
        }
        i = end;
    }
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

    /// A project only a 绩效目标表 form names (国家信访局): its 年度资金总额
    /// is its total too; a project a table lists keeps the table's figure.
    /// 西安's 专项资金 forms: the first field row taken for a header, one
    /// table holding two forms, each printing only its 实施期资金总额. Each
    /// form is a project with its own fields, and that amount is its total.
    #[test]
    fn each_form_of_a_table_is_a_project() {
        let t = crate::extract::tables::test_table(
            TableKind::PerformanceTarget,
            &["专项（项目）名称", "安全生产专项资金", ""],
            &[
                &["主管部门", "某市应急管理局", ""],
                &["资金金额（万元）", "实施期资金总额", "1,620.98"],
                &["", "其中：财政拨款", "1,620.98"],
                &["专项（项目）名称", "网络建设维护", ""],
                &["主管部门", "某市人社局", ""],
                &["资金金额（万元）", "实施期资金总额", "1,000.00"],
            ],
        );
        assert_eq!(t.header_rows, 1);
        let got = projects(&[t], None);
        let got: Vec<(&str, &str, String)> = got
            .iter()
            .map(|p| {
                (
                    p.project.as_str(),
                    p.manager_unit.as_str(),
                    p.total.map(|v| v.to_string()).unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("安全生产专项资金", "某市应急管理局", "16209800.00".to_string()),
                ("网络建设维护", "某市人社局", "10000000.00".to_string()),
            ]
        );
    }

    #[test]
    fn a_project_only_a_form_names_has_the_forms_total() {
        let mut form = crate::extract::tables::test_table(
            TableKind::PerformanceTarget,
            &["项目名称", "信息化运行维护"],
            &[&["年度资金总额", "2,134.87"]],
        );
        form.header_rows = 0;
        for c in &mut form.cells {
            c.is_header = false;
        }
        let got = projects(&[form.clone()], None);
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0].total.map(|v| v.to_string()).as_deref(),
            Some("21348700.00")
        );
        assert!(got[0].total_from_form);
        let table = crate::extract::tables::test_table(
            TableKind::ProjectExpenditure,
            &["项目名称", "合计"],
            &[&["信息化运行维护", "2,000.00"]],
        );
        let got = projects(&[table, form], None);
        assert_eq!(
            got[0].total.map(|v| v.to_string()).as_deref(),
            Some("20000000.00")
        );
        assert_eq!(
            got[0].current_year_budget.map(|v| v.to_string()).as_deref(),
            Some("21348700.00")
        );
        assert!(!got[0].total_from_form);
    }

    /// Numbering that starts again is a new 二级 group: rows that carried
    /// the group above's 二级 take the label their run prints further on;
    /// a run that prints none keeps what it carried.
    #[test]
    fn a_restarted_numbering_is_a_new_group() {
        let mut out: Vec<Indicator> = [
            ("数量指标", false, "指标1：甲"),
            ("数量指标", false, "指标2：乙"),
            ("数量指标", true, "指标1：丙"),
            ("数量指标", true, "指标2：丁"),
            ("质量指标", false, "指标3：戊"),
            ("质量指标", true, "指标1：己"),
        ]
        .iter()
        .map(|&(l2, carried, content)| {
            let mut i = indicator("部门", "产出指标", l2, content, "100%", 1);
            i.level2_carried = carried;
            i
        })
        .collect();
        relabel_restarted_runs(&mut out);
        let got: Vec<&str> = out.iter().map(|i| i.level2.as_str()).collect();
        assert_eq!(
            got,
            [
                "数量指标",
                "数量指标",
                "质量指标",
                "质量指标",
                "质量指标",
                "质量指标"
            ]
        );
        // After a group's one unnumbered row (西安 2019: 经济效益指标).
        let mut out: Vec<Indicator> = [
            ("经济效益指标", false, "预防企业安全生产事故，减少经济损失"),
            ("经济效益指标", true, "指标1：全市安全生产形势"),
            ("社会效益指标", false, "指标2：持证上岗人数增加"),
        ]
        .iter()
        .map(|&(l2, carried, content)| {
            let mut i = indicator("部门", "效益指标", l2, content, "保持稳定", 1);
            i.level2_carried = carried;
            i
        })
        .collect();
        relabel_restarted_runs(&mut out);
        let got: Vec<&str> = out.iter().map(|i| i.level2.as_str()).collect();
        assert_eq!(got, ["经济效益指标", "社会效益指标", "社会效益指标"]);
    }

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

    fn labels(l: &[&str]) -> Vec<(usize, String)> {
        l.iter().enumerate().map(|(i, s)| (i, s.to_string())).collect()
    }

    #[test]
    fn indicator_columns_by_preference() {
        // 绩效指标 is a group header here: 三级指标 is the indicator.
        let c = indicator_columns(&labels(&[
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "分值（90）",
        ]))
        .expect("columns");
        assert_eq!((c.level1, c.content, c.value), (Some(1), 3, 4));
        // 年度指标值 before 实施周期指标值, wherever they stand.
        let c = indicator_columns(&labels(&[
            "一级指标",
            "二级指标",
            "三级指标",
            "实施周期指标值",
            "年度指标值",
        ]))
        .expect("columns");
        assert_eq!(c.value, 4);
        // The comparison and the unit in their own columns; the project in a column.
        let c = indicator_columns(&labels(&[
            "项目名称",
            "项目总额",
            "一级指标",
            "二级指标",
            "三级指标",
            "绩效指标性质",
            "本年绩效指标值",
            "绩效度量单位",
        ]))
        .expect("columns");
        assert_eq!(
            (c.project, c.direction, c.value, c.unit),
            (Some(0), Some(5), 6, Some(7))
        );
        // No level columns: 指标性质 and 度量单位 still mark the table.
        assert!(
            indicator_columns(&labels(&["活动", "绩效指标", "指标性质", "指标值", "度量单位"])).is_some()
        );
        assert!(indicator_columns(&labels(&["项目名称", "金额", "绩效目标"])).is_none());
    }

    #[test]
    fn continuation_columns_align_at_the_right() {
        let c =
            indicator_columns(&labels(&["", "一级指标", "二级指标", "指标内容", "指标值"])).expect("columns");
        let same = continued_columns(&c, 5, 5).expect("same");
        assert_eq!(same, c);
        let fewer = continued_columns(&c, 5, 3).expect("fewer");
        assert_eq!(
            (fewer.level1, fewer.level2, fewer.content, fewer.value),
            (None, Some(0), 1, 2)
        );
    }

    #[test]
    fn level1_from_the_framework() {
        assert_eq!(level1_of("数量指标"), Some("产出指标"));
        assert_eq!(level1_of("成本指标"), Some("产出指标"));
        assert_eq!(level1_of("经济成本指标"), Some("成本指标"));
        assert_eq!(level1_of("可持续影响指标"), Some("效益指标"));
        assert_eq!(level1_of("服务对象满意度指标"), Some("满意度指标"));
        assert_eq!(level1_of("使用处室满意度"), None);
        assert_eq!(level1_of(""), None);
    }

    #[test]
    fn glued_levels_and_codes() {
        assert_eq!(
            split_levels("产出指标数量指标协调推进本市城市轨道交通建设线路数量"),
            (
                "产出指标".into(),
                "数量指标".into(),
                "协调推进本市城市轨道交通建设线路数量".into()
            )
        );
        assert_eq!(
            split_levels("使用处室满意度"),
            ("".into(), "".into(), "使用处室满意度".into())
        );
        assert_eq!(
            split_code("42011226T000000101-人事人才工作经费"),
            ("42011226T000000101".into(), "人事人才工作经费".into())
        );
        assert_eq!(
            split_code("2019年度聘请专家人员经费"),
            ("".into(), "2019年度聘请专家人员经费".into())
        );
        assert_eq!(direction("≥"), ">=");
        assert_eq!(direction("＝"), "=");
        assert_eq!(direction("定性"), "");
        assert_eq!(
            unit_in_label("拟投入的资金（万元）"),
            Some(MoneyUnit::TenThousand)
        );
    }

    #[test]
    fn wrapped_project_codes_are_rejoined() {
        assert_eq!(
            project_name("11000021T0000001172\n73-部门预算绩效管理工作经费"),
            "11000021T000000117273-部门预算绩效管理工作经费"
        );
        assert_eq!(project_name("Wi Fi 覆盖"), "Wi Fi覆盖");
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
