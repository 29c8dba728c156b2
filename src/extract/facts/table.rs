//! Facts from the standard tables: `data/table_facts.csv` says where a
//! table states a metric — a row label (`本年收入合计`, two-sided 收支总表
//! included: the amount is the next number right of the label) or a column
//! header path read at the table's total row (合计), the current year's
//! block, the 预算数/决算数 row that fits the document.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::{Fact, FactSource};
use crate::extract::kinds::TableKind;
use crate::extract::metadata::{DocKind, Metadata};
use crate::extract::tables::DocTable;
use crate::normalize::label::{self, Concept, compact, normalize_label};
use crate::normalize::number::{Amount, parse_amount};
use crate::normalize::unit::{MoneyUnit, to_yuan};
use crate::rules::{self, RuleError};

const TABLE_RULES_FILE: &str = "data/table_facts.csv";
const TABLE_RULES: &str = include_str!("../../../data/table_facts.csv");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Mode {
    /// A row label, scanning each row left to right.
    Row,
    /// A row label, scanning right to left: the 支出 side of a two-sided
    /// table whose two sides share a label (合计 | … | 合计 | …).
    RowRight,
    /// A column header path, read at the table's total row.
    Column,
    /// A label cell with its value in the cell below it (forms that print
    /// a row of labels over a row of figures: 资金总额 | 基本支出 | 项目支出).
    Below,
    /// The sum of the columns a header group prints, at the total row,
    /// where the group has no total column of its own (基本支出 printed
    /// only over 人员支出 | 日常公用支出). The figure is the table's: each
    /// part is printed, and `raw_text` shows the addition.
    ColumnSum,
}

#[derive(Debug)]
struct TableRule {
    metric: String,
    kinds: Vec<TableKind>,
    title: Option<Regex>,
    mode: Mode,
    label: Regex,
    unless: Option<Regex>,
    with: Option<Regex>,
    fallback: bool,
}

#[derive(Deserialize)]
struct TableRuleRow {
    metric: String,
    /// Table kinds, `|`-separated.
    kinds: String,
    title: String,
    mode: Mode,
    label: String,
    unless: String,
    /// The rule applies only to a table where some row label or column
    /// header matches this (a 收支总表 whose 合计 row is this year's total
    /// because a 总计 row follows).
    with: String,
    /// `yes`: the table's figure is taken only when the narrative states
    /// none (a project form's 合计 beside a sentence about the whole).
    fallback: Fallback,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Fallback {
    #[default]
    #[serde(rename = "")]
    No,
    Yes,
}

fn read_table_rules() -> Result<Vec<TableRule>, RuleError> {
    let mut out = Vec::new();
    for row in rules::load::<TableRuleRow>(TABLE_RULES_FILE, TABLE_RULES)? {
        let r = &row.row;
        if crate::extract::metrics::unit_of(&r.metric).is_none() {
            return Err(row.error(TABLE_RULES_FILE, "metric", format!("unknown metric {}", r.metric)));
        }
        let mut kinds = Vec::new();
        for k in r.kinds.split('|') {
            kinds.push(
                TableKind::parse(k).ok_or_else(|| {
                    row.error(TABLE_RULES_FILE, "kinds", format!("unknown table kind {k:?}"))
                })?,
            );
        }
        out.push(TableRule {
            metric: r.metric.clone(),
            kinds,
            title: row.optional_regex(TABLE_RULES_FILE, "title", &r.title)?,
            mode: r.mode,
            label: row.regex(
                TABLE_RULES_FILE,
                "label",
                &crate::normalize::label::expand_concepts(&r.label),
            )?,
            unless: row.optional_regex(
                TABLE_RULES_FILE,
                "unless",
                &crate::normalize::label::expand_concepts(&r.unless),
            )?,
            with: row.optional_regex(TABLE_RULES_FILE, "with", &r.with)?,
            fallback: r.fallback == Fallback::Yes,
        });
    }
    Ok(out)
}
/// The table, built once: by the first use, or by `check` at start.
static CELL_TABLE_RULES: OnceLock<Vec<TableRule>> = OnceLock::new();

fn table_rules() -> &'static [TableRule] {
    rules::get(&CELL_TABLE_RULES, read_table_rules).as_slice()
}

fn is_code(t: &str) -> bool {
    let t = t.trim();
    (2..=9).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit())
}

/// A table's body, read once for every rule that looks at it: rows in
/// order, each row's cells as (col, text) with their normalised labels,
/// the row's label, the column keys and the columns that hold no amounts.
/// (Rules are many and tables have thousands of cells: rebuilding this per
/// rule was most of the stage's time.)
struct Grid<'a> {
    table: &'a DocTable,
    rows: Vec<GridRow<'a>>,
    /// [`column_keys`] of the table.
    keys: Vec<Option<String>>,
    /// [`non_amount_columns`] of the table.
    skip: Vec<usize>,
    /// The table's money unit: its 单位 line's, else one its cells print.
    unit: Option<MoneyUnit>,
}

struct GridRow<'a> {
    row: usize,
    cells: Vec<(usize, &'a str)>,
    /// `normalize_label` of each cell's text, in the order of `cells`.
    keys: Vec<String>,
    /// The row's label: its first text cell that is not a code or a
    /// number, normalised.
    label: String,
    /// The row lies in a unit's block of a per-unit table (西安: a row
    /// `125001 西安市安全生产监督管理局` heads that unit's rows): its
    /// figures are the unit's, not the department's.
    in_unit_block: bool,
}

impl<'a> Grid<'a> {
    fn new(table: &'a DocTable, meta: &Metadata) -> Self {
        let mut cells: Vec<(usize, usize, &str)> = table
            .body_cells()
            .map(|c| (c.row, c.col, c.text.as_str()))
            .collect();
        cells.sort();
        let mut rows: Vec<GridRow<'a>> = Vec::new();
        for (row, col, text) in cells {
            match rows.last_mut() {
                Some(r) if r.row == row => r.cells.push((col, text)),
                _ => rows.push(GridRow {
                    row,
                    cells: vec![(col, text)],
                    keys: Vec::new(),
                    label: String::new(),
                    in_unit_block: false,
                }),
            }
        }
        for r in &mut rows {
            r.keys = r.cells.iter().map(|(_, t)| normalize_label(t)).collect();
            r.label = r
                .cells
                .iter()
                .position(|(_, t)| {
                    !t.trim().is_empty() && !is_code(t) && !matches!(parse_amount(t), Some(Amount::Value(_)))
                })
                .map(|i| r.keys[i].clone())
                .unwrap_or_default();
        }
        // From the first unit heading on (a 6-digit unit code beside a
        // body's name), the rows are units' blocks.
        let mut in_units = false;
        for r in &mut rows {
            in_units = in_units || is_unit_heading(r);
            r.in_unit_block = in_units;
        }
        Grid {
            table,
            rows,
            keys: column_keys(table, meta),
            skip: non_amount_columns(table),
            unit: table.unit.or_else(|| unit_in_cells(table)),
        }
    }

    fn row(&self, r: usize) -> Option<&GridRow<'a>> {
        self.rows
            .binary_search_by_key(&r, |x| x.row)
            .ok()
            .and_then(|i| self.rows.get(i))
    }

    /// The text of the cell at (`r`, `col`).
    fn cell(&self, r: usize, col: usize) -> Option<&'a str> {
        self.row(r)?
            .cells
            .iter()
            .find(|(c, _)| *c == col)
            .map(|(_, t)| *t)
    }

    fn rows(&self) -> impl Iterator<Item = usize> + '_ {
        self.rows.iter().map(|r| r.row)
    }

    /// The label of a row (see [`GridRow::label`]).
    fn row_label(&self, r: usize) -> &str {
        self.row(r).map(|x| x.label.as_str()).unwrap_or("")
    }
}

/// An indicator's target: a comparison and a figure (`≤3843.67万元`,
/// `≥95%`), not a figure of its own.
fn is_target(t: &str) -> bool {
    let mut chars = t.chars();
    matches!(
        chars.next(),
        Some('≤' | '≥' | '<' | '>' | '=' | '＝' | '＜' | '＞')
    ) && chars.next().is_some_and(|c| c.is_ascii_digit())
}

/// A row heading a unit's block: a 6-digit unit code (not a subject code:
/// those have 3, 5 or 7 digits) and the name of a body.
fn is_unit_heading(r: &GridRow<'_>) -> bool {
    let code = r.cells.iter().any(|(_, t)| {
        let t = t.trim();
        t.len() == 6 && t.chars().all(|c| c.is_ascii_digit())
    });
    code && crate::extract::metadata::looks_like_org(&r.label)
}

fn page_of(table: &DocTable, row: usize, col: usize) -> usize {
    table
        .cells
        .iter()
        .find(|c| c.row == row && c.col == col)
        .map(|c| c.page)
        .or_else(|| table.pages.first().copied())
        .unwrap_or(1)
}

/// The body row that holds the table's figure for this document: a
/// 决算数/预算数 row matching the document's kind, else the 合计/总计 row,
/// else the only (first) body row.
fn total_row(grid: &Grid<'_>, meta: &Metadata) -> Option<usize> {
    let rows: Vec<usize> = grid.rows().collect();
    let want = match meta.doc_kind.unwrap_or_default() {
        DocKind::FinalAccount => ["决算数", "决算", "实际支出"],
        DocKind::Budget => ["预算数", "预算", "年初预算"],
    };
    let labels: Vec<(usize, &str)> = rows.iter().map(|&r| (r, grid.row_label(r))).collect();
    if let Some(year) = meta.year {
        let y = format!("{year}年");
        if let Some((r, _)) = labels
            .iter()
            .find(|(_, l)| l.starts_with(&y) && want.iter().any(|w| l.contains(w)))
        {
            return Some(*r);
        }
    }
    if let Some((r, _)) = labels.iter().find(|(_, l)| want.iter().any(|w| l.ends_with(w))) {
        return Some(*r);
    }
    if let Some((r, _)) = labels.iter().find(|(_, l)| label::is(Concept::TotalRow, l)) {
        return Some(*r);
    }
    if let Some((r, _)) = labels
        .iter()
        .find(|(_, l)| label::is(Concept::ThisYearTotalRow, l))
    {
        return Some(*r);
    }
    rows.first().copied()
}

/// The body row of the previous year's figure (`2019年预算数`, `上年预算数`)
/// in a table that prints both years as rows; none when it does not.
fn prior_row(grid: &Grid<'_>, meta: &Metadata) -> Option<usize> {
    let year = meta.year?;
    let y = format!("{}年", year - 1);
    grid.rows().find(|&r| {
        let l = grid.row_label(r);
        (l.starts_with(&y) || l.starts_with("上年")) && (l.contains("预算") || l.contains("决算"))
    })
}

/// Column header paths normalised, with the current year's block prefix
/// (`2026年预算数/`) removed; columns of another year's block are `None`.
fn column_keys(table: &DocTable, meta: &Metadata) -> Vec<Option<String>> {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let year_re = crate::patterns::once(&YEAR, r"^(20\d{2})年[^/]*/");
    let keys: Vec<String> = table
        .columns
        .iter()
        .map(|c| {
            c.split('/')
                .map(normalize_label)
                // An index row under the header (`** 1 2 3`, 栏次) is not a
                // level of the header.
                .filter(|level| !level.is_empty() && !level.chars().all(|ch| ch == '*'))
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect();
    let has_blocks = keys.iter().any(|k| year_re.is_match(k));
    keys.into_iter()
        .map(|k| match year_re.captures(&k) {
            Some(c) => {
                let y: i32 = c[1].parse().unwrap_or(0);
                (Some(y) == meta.year).then(|| k[c.get(0).map(|m| m.end()).unwrap_or(0)..].to_string())
            }
            None if has_blocks && meta.year.is_some() => {
                // A column outside the year blocks (项目, 单位名称) stays.
                Some(k)
            }
            None => Some(k),
        })
        .collect()
}

fn table_value(
    grid: &Grid<'_>,
    text: &str,
    metric_unit: &str,
    default_unit: Option<MoneyUnit>,
) -> Option<(Decimal, String)> {
    let v = parse_amount(text)?.value()?;
    if metric_unit != "yuan" {
        return Some((v, compact(text)));
    }
    let unit = grid.unit.or(default_unit)?;
    Some((to_yuan(v, unit), format!("{}{}", compact(text), unit.as_str())))
}

/// A form's money unit printed in one of its own cells
/// (`年度预算申请（万元）`) when no 单位：万元 line names it.
fn unit_in_cells(table: &DocTable) -> Option<MoneyUnit> {
    table
        .cells
        .iter()
        .find_map(|c| {
            let t = compact(&c.text);
            ["（万元）", "(万元)", "（元）", "(元)", "（亿元）", "(亿元)"]
                .iter()
                .find(|u| t.contains(*u))
                .and_then(|u| MoneyUnit::parse(u.trim_matches(['（', '）', '(', ')'])))
        })
        .or_else(|| unit_of_targets(table))
}

/// A self-evaluation form that prints no unit at all, but whose targets
/// state amounts with one (宁德: `≤3843.67万元` beside bare 9209.55): the
/// unit its figures are in. Every such target must agree.
fn unit_of_targets(table: &DocTable) -> Option<MoneyUnit> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = crate::patterns::once(&R, r"^[≤≥<>=＝]?\d[\d,]*(?:\.\d+)?(万元|亿元|元)$");
    let mut units = table.cells.iter().filter_map(|c| {
        re.captures(&compact(&c.text))
            .and_then(|m| MoneyUnit::parse(&m[1]))
    });
    let first = units.next()?;
    units.all(|u| u == first).then_some(first)
}

/// A label cell and the figure in the cell right below it. A label with
/// figures in the next two rows, the first of them not a 合计 row, heads a
/// column of a list (西安's 年度主要任务: 总额 | 财政拨款 over one row per
/// task, then a 金额合计), not a field: its first figure is one task's, so
/// it is passed over. (宁德's 自评表 prints its 合计 row first, then the
/// funds it is made of: there the first figure is the label's.)
fn below_rule(
    rule: &TableRule,
    grid: &Grid<'_>,
    metric_unit: &str,
    default_unit: Option<MoneyUnit>,
) -> Option<Found> {
    let figure_at = |row: Option<&GridRow<'_>>, col: usize| {
        row.and_then(|r| grid.cell(r.row, col))
            .is_some_and(|t| matches!(parse_amount(t.trim()), Some(Amount::Value(_))))
    };
    for (i, row) in grid.rows.iter().enumerate() {
        let Some(next) = grid.rows.get(i + 1) else { break };
        for ((col, text), key) in row.cells.iter().zip(&row.keys) {
            let heads_a_list = figure_at(grid.rows.get(i + 2), *col)
                && !label::is(Concept::TotalRow, grid.row_label(next.row));
            if !rule.label.is_match(key) || heads_a_list {
                continue;
            }
            let below = grid.cell(next.row, *col)?;
            let (v, raw) = table_value(grid, below.trim(), metric_unit, default_unit)?;
            return Some((next.row, *col, v, raw, compact(text)));
        }
    }
    None
}

/// The money unit most of the document's tables print: tables without a
/// printed unit take it.
pub fn default_unit(tables: &[DocTable]) -> Option<MoneyUnit> {
    let mut votes: HashMap<MoneyUnit, usize> = HashMap::new();
    for t in tables {
        if let Some(u) = t.unit {
            *votes.entry(u).or_default() += 1;
        }
    }
    votes
        .into_iter()
        .max_by_key(|(u, n)| (*n, u.factor()))
        .map(|(u, _)| u)
}

/// Facts the standard tables state, by the rules of `data/table_facts.csv`
/// (first rule that yields a value wins for a metric).
pub fn table_facts(tables: &[DocTable], meta: &Metadata) -> Vec<Fact> {
    let default_unit = default_unit(tables);
    let mut out: Vec<Fact> = Vec::new();
    // Each table's grid, built when a rule first looks at it.
    let mut grids: Vec<Option<Grid<'_>>> = tables.iter().map(|_| None).collect();
    for rule in table_rules() {
        if out.iter().any(|f| f.metric == rule.metric) {
            continue;
        }
        let Some(metric_unit) = crate::extract::metrics::unit_of(&rule.metric) else {
            continue;
        };
        for (ti, table) in tables.iter().enumerate() {
            if !rule.kinds.contains(&table.kind) || table.empty {
                continue;
            }
            if rule
                .title
                .as_ref()
                .is_some_and(|re| !re.is_match(&normalize_label(&table.title)))
            {
                continue;
            }
            let Some(grid) = grids
                .get_mut(ti)
                .map(|g| &*g.get_or_insert_with(|| Grid::new(table, meta)))
            else {
                continue;
            };
            if let Some(with) = &rule.with {
                let present = grid.rows.iter().any(|r| with.is_match(&r.label))
                    || grid.keys.iter().flatten().any(|k| with.is_match(k));
                if !present {
                    continue;
                }
            }
            let found = match rule.mode {
                Mode::Row | Mode::RowRight => row_rule(rule, grid, meta, metric_unit, default_unit),
                Mode::Column => column_rule(rule, grid, meta, metric_unit, default_unit),
                Mode::Below => below_rule(rule, grid, metric_unit, default_unit),
                Mode::ColumnSum => column_sum_rule(rule, grid, meta, metric_unit, default_unit),
            };
            if let Some((row, col, value, raw, label)) = found {
                out.push(Fact {
                    metric: rule.metric.clone(),
                    label,
                    value,
                    unit: metric_unit.to_string(),
                    raw_text: raw,
                    page: page_of(table, row, col),
                    section: table.title.clone(),
                    source: FactSource::Table {
                        table_id: table.id.clone(),
                        row,
                        col,
                    },
                    context: String::new(),
                    reason: None,
                    // A fallback rule's figure ranks below the narrative's.
                    rank: (u8::from(rule.fallback), 0),
                });
                break;
            }
        }
    }
    out
}

type Found = (usize, usize, Decimal, String, String);

/// Columns that number rows rather than hold money: a header cell of its
/// own that reads 行次 / 序号 / 行号 (`data/labels.csv` `index_column`).
fn index_columns(table: &DocTable) -> Vec<usize> {
    table
        .cells
        .iter()
        .filter(|c| c.is_header && c.colspan == 1)
        .filter(|c| label::is(Concept::IndexColumn, &normalize_label(&c.text)))
        .map(|c| c.col)
        .collect()
}

/// Columns that hold codes, counts or prices, not the amounts a fact is
/// read from (科目编码/类, 数量, 单价: `code_column`, `count_column` of
/// `data/labels.csv`).
pub(crate) fn non_amount_columns(table: &DocTable) -> Vec<usize> {
    let mut cols: Vec<usize> = table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| label::is(Concept::CodeColumn, c) || label::is(Concept::CountColumn, c))
        .map(|(i, _)| i)
        .collect();
    cols.extend(index_columns(table));
    cols
}

fn row_rule(
    rule: &TableRule,
    grid: &Grid<'_>,
    meta: &Metadata,
    metric_unit: &str,
    default_unit: Option<MoneyUnit>,
) -> Option<Found> {
    let skip = &grid.skip;
    let keys = &grid.keys;
    // A table any of whose row labels or column headers says it is about
    // something else (行政经费 beside “三公”经费) is not this rule's.
    if let Some(unless) = &rule.unless
        && (grid.rows.iter().any(|r| unless.is_match(&r.label))
            || keys.iter().flatten().any(|k| unless.is_match(k)))
    {
        return None;
    }
    for grid_row in grid.rows.iter().filter(|r| !r.in_unit_block) {
        let r = grid_row.row;
        // Labels may sit in any column; values only in amount columns.
        let cells: &[(usize, &str)] = &grid_row.cells;
        let order: Vec<usize> = if rule.mode == Mode::RowRight {
            (0..cells.len()).rev().collect()
        } else {
            (0..cells.len()).collect()
        };
        for i in order {
            let (_, text) = cells[i];
            let label = &grid_row.keys[i];
            if label.is_empty() || !rule.label.is_match(label) {
                continue;
            }
            // The amount: a numeric cell to the right, before the next
            // label (two-sided tables); of several (预算数 | 决算数, 上年 |
            // 本年 | 增减), the one of this document's period.
            let mut numeric: Vec<(usize, Decimal, String)> = Vec::new();
            for (c2, t2) in &cells[i + 1..] {
                let t2t = t2.trim();
                if t2t.is_empty() || skip.contains(c2) {
                    continue;
                }
                if let Some((v, raw)) = table_value(grid, t2t, metric_unit, default_unit) {
                    numeric.push((*c2, v, raw));
                    continue;
                }
                // A code, or an indicator's target (`≤3843.67万元`) before
                // its actual value: passed over.
                if !is_code(t2t) && !is_target(t2t) {
                    break;
                }
            }
            let cols: Vec<usize> = numeric.iter().map(|n| n.0).collect();
            let chosen = if cols.len() > 1 {
                // A row of a table split by fund (一般公共预算资金 | 政府性
                // 基金 | 合计): the 合计/总计 column, wherever it stands.
                let totals: Vec<usize> = cols
                    .iter()
                    .copied()
                    .filter(|&c| {
                        keys.get(c)
                            .and_then(|k| k.as_deref())
                            .is_some_and(|k| label::is(Concept::GrandTotalColumn, k))
                    })
                    .collect();
                let pool = if totals.is_empty() { &cols } else { &totals };
                choose_column(pool, keys, &rule.metric, meta)
            } else {
                cols.first().copied()
            };
            if let Some((c2, v, raw)) = chosen.and_then(|c| numeric.into_iter().find(|n| n.0 == c)) {
                return Some((r, c2, v, raw, compact(text)));
            }
        }
    }
    None
}

fn column_rule(
    rule: &TableRule,
    grid: &Grid<'_>,
    meta: &Metadata,
    metric_unit: &str,
    default_unit: Option<MoneyUnit>,
) -> Option<Found> {
    let keys = &grid.keys;
    if let Some(unless) = &rule.unless
        && keys.iter().flatten().any(|k| unless.is_match(k))
    {
        return None;
    }
    let matching: Vec<usize> = keys
        .iter()
        .enumerate()
        .filter(|(_, k)| k.as_ref().is_some_and(|k| rule.label.is_match(k)))
        .map(|(i, _)| i)
        .collect();
    let col = choose_column(&matching, keys, &rule.metric, meta)?;
    let row = if rule.metric.ends_with(".prior") {
        prior_row(grid, meta)?
    } else {
        total_row(grid, meta)?
    };
    let text = grid.cell(row, col)?;
    let (v, raw) = table_value(grid, text.trim(), metric_unit, default_unit)?;
    let label = grid.table.columns.get(col).cloned().unwrap_or_default();
    Some((row, col, v, raw, label))
}

/// The parts of a header group, added at the table's total row: every
/// column the rule's label matches, in this document's period (no 增减, no
/// 预算数 of a final account), each holding a figure. Fewer than two
/// parts, or a part left blank, give nothing: the sum would not be the
/// group's.
fn column_sum_rule(
    rule: &TableRule,
    grid: &Grid<'_>,
    meta: &Metadata,
    metric_unit: &str,
    default_unit: Option<MoneyUnit>,
) -> Option<Found> {
    let keys = &grid.keys;
    if let Some(unless) = &rule.unless
        && keys.iter().flatten().any(|k| unless.is_match(k))
    {
        return None;
    }
    let other = match meta.doc_kind.unwrap_or_default() {
        DocKind::FinalAccount => Concept::BudgetColumn,
        DocKind::Budget => Concept::FinalColumn,
    };
    let parts: Vec<usize> = keys
        .iter()
        .enumerate()
        .filter_map(|(i, k)| Some((i, k.as_deref()?)))
        .filter(|(_, k)| rule.label.is_match(k))
        .filter(|(_, k)| !label::is(Concept::ChangeColumn, k) && !label::is(other, k))
        .map(|(i, _)| i)
        .collect();
    if parts.len() < 2 {
        return None;
    }
    let row = total_row(grid, meta)?;
    let mut sum = Decimal::ZERO;
    let mut raws = Vec::with_capacity(parts.len());
    let mut labels = Vec::with_capacity(parts.len());
    for &col in &parts {
        let (v, raw) = table_value(grid, grid.cell(row, col)?.trim(), metric_unit, default_unit)?;
        sum = sum.checked_add(v)?;
        raws.push(raw);
        labels.push(grid.table.columns.get(col).cloned().unwrap_or_default());
    }
    Some((row, parts[0], sum, raws.join(" + "), labels.join(" + ")))
}

/// Of the columns a rule's label matches, the one that holds this
/// document's figure: a change metric reads a change column (增减), any
/// other never does; a final account reads its 决算数 column rather than
/// the 预算数 beside it, a budget the reverse (`data/labels.csv`
/// `budget_column`, `final_column`, `change_column`); else the first.
fn choose_column(
    matching: &[usize],
    keys: &[Option<String>],
    metric: &str,
    meta: &Metadata,
) -> Option<usize> {
    let key = |c: usize| keys.get(c).and_then(|k| k.as_deref()).unwrap_or("");
    let is_change_metric = metric.ends_with(".change") || metric.ends_with(".change_pct");
    let in_period: Vec<usize> = matching
        .iter()
        .copied()
        .filter(|&c| label::is(Concept::ChangeColumn, key(c)) == is_change_metric)
        .collect();
    let (want, other) = match meta.doc_kind.unwrap_or_default() {
        DocKind::FinalAccount => (Concept::FinalColumn, Concept::BudgetColumn),
        DocKind::Budget => (Concept::BudgetColumn, Concept::FinalColumn),
    };
    in_period
        .iter()
        .copied()
        .find(|&c| label::is(want, key(c)) && !label::is(other, key(c)))
        .or_else(|| in_period.iter().copied().find(|&c| !label::is(other, key(c))))
        .or_else(|| in_period.first().copied())
}

/// Reads this module's rule table.
pub(super) fn check() -> Result<(), RuleError> {
    rules::try_init(&CELL_TABLE_RULES, read_table_rules).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A per-unit table (西安: `125001 西安市安全生产监督管理局`, then that
    /// unit's 301 row): a unit's row is not the department's figure, the
    /// table's own rows above the first unit are.
    #[test]
    fn a_units_rows_give_no_department_figure() {
        use crate::extract::kinds::TableKind;
        let per_unit = |above: &[&[&str]]| {
            let mut rows: Vec<&[&str]> = above.to_vec();
            rows.extend_from_slice(&[
                &["", "合计", "20.00"],
                &["125001", "西安市安全生产监督管理局", "10.00"],
                &["301", "工资福利支出", "9.00"],
                &["125004", "西安市安全生产应急救援中心", "10.00"],
                &["301", "工资福利支出", "8.00"],
            ]);
            crate::extract::tables::test_table(
                TableKind::GeneralBudgetBasic,
                &["科目编码", "科目名称", "合计"],
                &rows,
            )
        };
        let wages = |t| {
            table_facts(&[t], &Metadata::default())
                .into_iter()
                .find(|f| f.metric == "expenditure.general_budget.basic.wages_welfare")
                .map(|f| f.value.to_string())
        };
        assert_eq!(wages(per_unit(&[])), None);
        assert_eq!(
            wages(per_unit(&[&["301", "工资福利支出", "17.00"]])),
            Some("170000.00".to_string())
        );
        // A 收支总表 listing its spending by 经济分类 class gives it instead.
        let summary = crate::extract::tables::test_table(
            TableKind::IncomeExpenditureSummary,
            &["收入项目", "预算数", "支出项目", "预算数"],
            &[&["一、财政拨款", "20.00", "(1)工资福利支出", "18.00"]],
        );
        let facts = table_facts(&[per_unit(&[]), summary], &Metadata::default());
        let got = facts
            .iter()
            .find(|f| f.metric == "expenditure.basic.wages_welfare");
        assert_eq!(got.map(|f| f.value.to_string()).as_deref(), Some("180000.00"));
    }

    /// A 部门整体绩效自评表 that prints no unit: its cost indicators' actual
    /// values (after the targets, whose 万元 gives the unit) are the year's
    /// 基本 and 项目 spending.
    #[test]
    fn a_basic_group_without_its_own_column_is_the_sum_of_its_parts() {
        use crate::extract::kinds::TableKind;
        let table = |columns: &[&str], total: &[&str]| {
            crate::extract::tables::test_table(TableKind::Expenditure, columns, &[total])
        };
        let basic = |t| {
            table_facts(&[t], &Metadata::default())
                .into_iter()
                .find(|f| f.metric == "expenditure.basic")
                .map(|f| (f.value.to_string(), f.raw_text))
        };
        let parts = [
            "科目名称",
            "合计",
            "基本支出/人员支出",
            "基本支出/日常公用支出",
            "项目支出",
        ];
        let got = basic(table(&parts, &["合计", "30.00", "12.50", "7.50", "10.00"]));
        assert_eq!(
            got,
            Some(("200000.00".to_string(), "12.50万元 + 7.50万元".to_string()))
        );
        // A part left blank: no sum, no figure.
        assert_eq!(
            basic(table(&parts, &["合计", "30.00", "12.50", "", "10.00"])),
            None
        );
        // A group with its own 小计 column is read there, never added up
        // (here the document's 小计 disagrees with its parts).
        let with_subtotal = [
            "科目名称",
            "合计",
            "基本支出/小计",
            "基本支出/人员支出",
            "基本支出/日常公用支出",
            "项目支出",
        ];
        let got = basic(table(
            &with_subtotal,
            &["合计", "31.00", "21.00", "12.50", "7.50", "10.00"],
        ));
        assert_eq!(got.map(|(v, _)| v), Some("210000.00".to_string()));
    }

    /// A 部门整体 form's 财政拨款 is the figure below the label when the
    /// label is a field (one figure row, or the 合计 row first); when it
    /// heads the column of a task list (one row per task, 金额合计 last) its
    /// first figure is one task's and gives nothing, while the 金额合计 row
    /// is the spending the targets cover.
    #[test]
    fn a_column_of_a_task_list_is_not_a_field() {
        use crate::extract::kinds::TableKind;
        let form = |below: &[&[&str]]| {
            // A form has no header row: its labels are body cells.
            let mut rows: Vec<&[&str]> = vec![&["任务名称", "主要内容", "总额", "财政拨款"]];
            rows.extend_from_slice(below);
            let mut t = crate::extract::tables::test_table(
                TableKind::PerformanceTarget,
                &["部门（单位）名称", "某局", "", ""],
                &rows,
            );
            t.title = "2019年部门整体支出绩效目标表".into();
            let facts = table_facts(&[t], &Metadata::default());
            let got = |m: &str| facts.iter().find(|f| f.metric == m).map(|f| f.value.to_string());
            (
                got("revenue.fiscal_appropriation"),
                got("performance.budget_covered"),
            )
        };
        let tasks = form(&[
            &["1.机关运行", "人员和公用经费", "20.00", "20.00"],
            &["2.监督检查", "检查经费", "16.00", "16.00"],
            &["金额合计", "", "36.00", "36.00"],
        ]);
        assert_eq!(tasks, (None, Some("360000.00".to_string())));
        let total_first = form(&[
            &["合计", "", "36.00", "36.00"],
            &["1.机关运行", "人员和公用经费", "20.00", "20.00"],
        ]);
        assert_eq!(total_first.0.as_deref(), Some("360000.00"));
    }

    #[test]
    fn a_self_evaluation_states_its_spending_in_its_cost_indicators() {
        use crate::extract::kinds::TableKind;
        let mut t = crate::extract::tables::test_table(
            TableKind::Other,
            &[
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                "实际完成值",
                "指标分值",
            ],
            &[
                &[
                    "成本指标",
                    "经济成本指标",
                    "基本经费投入成本",
                    "≤3843.67万元",
                    "4262.96",
                    "4",
                ],
                &[
                    "成本指标",
                    "经济成本指标",
                    "项目经费投入成本",
                    "≤5365.88万元",
                    "4611.78",
                    "4",
                ],
            ],
        );
        t.title = "部门整体绩效自评表".into();
        t.unit = None;
        let facts = table_facts(&[t], &Metadata::default());
        let got = |m: &str| facts.iter().find(|f| f.metric == m).map(|f| f.value.to_string());
        assert_eq!(got("expenditure.basic").as_deref(), Some("42629600.00"));
        assert_eq!(got("expenditure.project").as_deref(), Some("46117800.00"));
    }

    #[test]
    fn every_rule_parses_and_names_a_metric() {
        let n = TABLE_RULES.lines().skip(1).filter(|l| !l.is_empty()).count();
        assert_eq!(read_table_rules().map(|r| r.len()).ok(), Some(n));
    }
}
