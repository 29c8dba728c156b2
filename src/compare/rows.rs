//! The comparison table: department × item × year, each value against the
//! previous year's (same kind of document), and a final account against
//! the budget of its year.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rust_decimal::Decimal;
use serde::Serialize;

use super::input::{Dataset, Doc};
use super::names::Names;
use crate::extract::metrics::name as metric_name;
use crate::normalize::label::normalize_label;
use crate::normalize::number::printed_precision;

/// What a row compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// A value against the latest earlier year's of the same kind of
    /// document (budget with budget, final account with final account).
    YearOverYear,
    /// A final account's value against the budget of the same year.
    BudgetVsFinal,
}

impl Comparison {
    pub fn as_str(self) -> &'static str {
        match self {
            Comparison::YearOverYear => "year_over_year",
            Comparison::BudgetVsFinal => "budget_vs_final",
        }
    }
}

/// What is compared: a metric of `facts.csv`, a 科目 line item, a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemType {
    Metric,
    LineItem,
    Project,
}

impl ItemType {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemType::Metric => "metric",
            ItemType::LineItem => "line_item",
            ItemType::Project => "project",
        }
    }
}

/// Problems a row carries; empty when none.
pub mod flag {
    /// The document's stated change differs from the computed one beyond
    /// the printed rounding.
    pub const STATED_CHANGE_DIFFERS: &str = "stated_change_differs";
    /// The stated percentage differs from the computed one.
    pub const STATED_PCT_DIFFERS: &str = "stated_pct_differs";
    /// The base is not the previous year (a year is missing in between).
    pub const GAP: &str = "gap";
    /// Two documents of the same department, year and kind state different
    /// values; the table's (else the first document's) is used.
    pub const DOCUMENTS_DISAGREE: &str = "documents_disagree";
}

/// One value of one item in one department-year-kind.
#[derive(Debug, Clone)]
pub struct Entry {
    pub value: Decimal,
    /// As printed (facts), for the rounding tolerance.
    pub raw: String,
    pub name: String,
    pub unit: String,
    pub doc_id: String,
    pub page: usize,
    from_table: bool,
    pub disagree: bool,
}

/// A change the document states (`比上年减少628.45万元，下降12.42%`).
#[derive(Debug, Clone)]
struct Stated {
    value: Decimal,
    raw: String,
    /// The definition change it is explained by, if the document says so.
    reason: Option<Reason>,
}

/// A definition change a document states as the reason of a change
/// (`facts.csv` `stated_reason*`): kind, the clause, where it is printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub kind: String,
    pub text: String,
    pub doc_id: String,
    pub page: usize,
}

/// A department as compare sees it: its match key, its level and the name
/// its latest document uses.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dept {
    pub key: String,
    pub level: String,
}

/// One row of `comparison.csv`.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub department: String,
    pub level: String,
    pub comparison: Comparison,
    pub item_type: ItemType,
    /// Metric key, 科目 code, or normalised project name.
    pub item: String,
    pub name: String,
    pub unit: String,
    pub year: i32,
    pub doc_kind: String,
    pub value: Decimal,
    pub base_year: Option<i32>,
    pub base_doc_kind: String,
    pub base_value: Option<Decimal>,
    pub change: Option<Decimal>,
    pub change_pct: Option<Decimal>,
    pub execution_rate: Option<Decimal>,
    pub stated_change: Option<Decimal>,
    pub stated_change_pct: Option<Decimal>,
    pub flags: Vec<&'static str>,
    pub doc_id: String,
    pub page: usize,
    pub base_doc_id: String,
    pub base_page: Option<usize>,
    /// The definition change (口径调整, 机构改革, 划转, 合并) the document
    /// states as the reason of this change, with its page.
    #[serde(skip)]
    pub stated_reason: Option<Reason>,
}

/// Columns of `comparison.csv`, in order.
pub const COLUMNS: &[&str] = &[
    "department",
    "level",
    "comparison",
    "item_type",
    "item",
    "name",
    "unit",
    "year",
    "doc_kind",
    "value",
    "base_year",
    "base_doc_kind",
    "base_value",
    "change",
    "change_pct",
    "execution_rate",
    "stated_change",
    "stated_change_pct",
    "flags",
    "doc_id",
    "page",
    "base_doc_id",
    "base_page",
    "stated_reason_kind",
    "stated_reason",
    "stated_reason_doc_id",
    "stated_reason_page",
];

impl Row {
    pub fn record(&self) -> Vec<String> {
        let d = |v: Option<Decimal>| v.map(|v| v.to_string()).unwrap_or_default();
        // Money as every output file writes it: two decimal places.
        let yuan = self.unit == "yuan";
        let r = |f: fn(&Reason) -> String| self.stated_reason.as_ref().map(f).unwrap_or_default();
        let m = |v: Option<Decimal>| {
            let s = d(v);
            if yuan { crate::output::money(&s) } else { s }
        };
        vec![
            self.department.clone(),
            self.level.clone(),
            self.comparison.as_str().into(),
            self.item_type.as_str().into(),
            self.item.clone(),
            self.name.clone(),
            self.unit.clone(),
            self.year.to_string(),
            self.doc_kind.clone(),
            m(Some(self.value)),
            self.base_year.map(|y| y.to_string()).unwrap_or_default(),
            self.base_doc_kind.clone(),
            m(self.base_value),
            m(self.change),
            d(self.change_pct),
            d(self.execution_rate),
            m(self.stated_change),
            d(self.stated_change_pct),
            self.flags.join(";"),
            self.doc_id.clone(),
            self.page.to_string(),
            self.base_doc_id.clone(),
            self.base_page.map(|p| p.to_string()).unwrap_or_default(),
            r(|r| r.kind.clone()),
            r(|r| r.text.clone()),
            r(|r| r.doc_id.clone()),
            r(|r| r.page.to_string()),
        ]
    }
}

/// Series: department → (item type, item) → (year, kind) → entry.
pub type Series = BTreeMap<Dept, BTreeMap<(ItemType, String), BTreeMap<(i32, String), Entry>>>;

/// The comparison of a dataset.
#[derive(Debug, Default)]
pub struct Compared {
    pub rows: Vec<Row>,
    pub series: Series,
    /// Department → the name its latest document uses.
    pub names: BTreeMap<Dept, String>,
    /// Department → its documents (year, kind, doc).
    pub docs: BTreeMap<Dept, Vec<Doc>>,
}

/// Table kinds whose line items are compared by 科目 code, in order of
/// preference: per department the kind present in most years is used, so
/// a series never mixes the 一般公共预算 table of one year with the all-funds
/// table of another.
const FUNCTION_KINDS: &[&str] = &["general_budget_expenditure", "fiscal_expenditure", "expenditure"];
const ECONOMIC_KINDS: &[&str] = &["general_budget_basic", "fiscal_basic"];

/// The amount column a line item's value is read from: the table's total.
fn is_total_column(column: &str) -> bool {
    let last = column.rsplit('/').next().unwrap_or(column);
    matches!(
        normalize_label(last).as_str(),
        "合计" | "小计" | "总计" | "金额" | "预算数" | "决算数"
    )
}

fn put(map: &mut BTreeMap<(i32, String), Entry>, year: i32, kind: &str, e: Entry) {
    match map.get_mut(&(year, kind.to_string())) {
        None => {
            map.insert((year, kind.to_string()), e);
        }
        Some(old) => {
            if old.value != e.value {
                old.disagree = true;
                if e.from_table && !old.from_table {
                    *old = Entry { disagree: true, ..e };
                }
            }
        }
    }
}

/// Builds the comparison.
pub fn compare(ds: &Dataset, names: &Names) -> Compared {
    let mut out = Compared::default();
    let dept_of: HashMap<&str, (Dept, &Doc)> = ds
        .docs
        .iter()
        .filter(|d| d.year.is_some() && !d.department.is_empty())
        .map(|d| {
            let dept = Dept {
                key: names.key(&d.department),
                level: if d.level.is_empty() {
                    "department".into()
                } else {
                    d.level.clone()
                },
            };
            (d.doc_id.as_str(), (dept, d))
        })
        .collect();
    for (dept, d) in dept_of.values() {
        out.docs.entry(dept.clone()).or_default().push((*d).clone());
    }
    for (dept, docs) in &mut out.docs {
        docs.sort_by(|a, b| (a.year, &a.doc_kind, &a.doc_id).cmp(&(b.year, &b.doc_kind, &b.doc_id)));
        // The name shown: the one most documents of the latest year print
        // (a 本级 form beside the department's own disclosure does not rename
        // it), ties to the last document in that order.
        if let Some(latest) = docs.last() {
            let of_year: Vec<&Doc> = docs.iter().filter(|d| d.year == latest.year).collect();
            let count = |name: &str| of_year.iter().filter(|d| d.department == name).count();
            let name = of_year
                .iter()
                .max_by_key(|d| count(&d.department))
                .map_or(latest.department.clone(), |d| d.department.clone());
            out.names.insert(dept.clone(), name);
        }
    }
    let mut stated: HashMap<(Dept, String, i32, String), Stated> = HashMap::new();

    // Metrics.
    for f in &ds.facts {
        let Some((dept, doc)) = dept_of.get(f.doc_id.as_str()) else {
            continue;
        };
        let Some(year) = doc.year else { continue };
        if let Some(base) = f
            .metric
            .strip_suffix(".change")
            .or_else(|| f.metric.strip_suffix(".change_pct"))
        {
            let which = if f.metric.ends_with("_pct") {
                "pct"
            } else {
                "amount"
            };
            stated.insert(
                (
                    dept.clone(),
                    format!("{base}:{which}"),
                    year,
                    doc.doc_kind.clone(),
                ),
                Stated {
                    value: f.value,
                    raw: f.raw_text.clone(),
                    reason: (!f.stated_reason_kind.is_empty()).then(|| Reason {
                        kind: f.stated_reason_kind.clone(),
                        text: f.stated_reason.clone(),
                        doc_id: f.doc_id.clone(),
                        page: f.stated_reason_page.unwrap_or(f.page),
                    }),
                },
            );
            continue;
        }
        if f.metric.ends_with(".prior") {
            continue;
        }
        let series = out.series.entry(dept.clone()).or_default();
        let map = series.entry((ItemType::Metric, f.metric.clone())).or_default();
        put(
            map,
            year,
            &doc.doc_kind,
            Entry {
                value: f.value,
                raw: f.raw_text.clone(),
                name: metric_name(&f.metric),
                unit: f.unit.clone(),
                doc_id: f.doc_id.clone(),
                page: f.page,
                from_table: f.origin == "table",
                disagree: false,
            },
        );
    }

    // Line items by 科目 code.
    let mut kinds_by_dept: HashMap<&Dept, HashMap<&str, BTreeSet<i32>>> = HashMap::new();
    for li in &ds.line_items {
        if let Some((dept, doc)) = dept_of.get(li.doc_id.as_str()) {
            kinds_by_dept
                .entry(dept)
                .or_default()
                .entry(li.table_kind.as_str())
                .or_default()
                .extend(doc.year);
        }
    }
    let chosen = |dept: &Dept, prefs: &[&str]| -> Option<String> {
        let kinds = kinds_by_dept.get(dept)?;
        prefs
            .iter()
            .filter_map(|k| kinds.get(k).map(|years| (years.len(), *k)))
            .max_by(|a, b| {
                a.0.cmp(&b.0).then_with(|| {
                    // Earlier in the preference list wins a tie.
                    let pa = prefs.iter().position(|p| *p == a.1);
                    let pb = prefs.iter().position(|p| *p == b.1);
                    pb.cmp(&pa)
                })
            })
            .map(|(_, k)| k.to_string())
    };
    let mut first_column: HashMap<(&str, &str), &str> = HashMap::new();
    for li in &ds.line_items {
        first_column
            .entry((li.doc_id.as_str(), li.table_id.as_str()))
            .or_insert(li.column.as_str());
    }
    let mut total_column: HashMap<(&str, &str), &str> = HashMap::new();
    for li in &ds.line_items {
        if is_total_column(&li.column) {
            total_column
                .entry((li.doc_id.as_str(), li.table_id.as_str()))
                .or_insert(li.column.as_str());
        }
    }
    for li in &ds.line_items {
        let Some((dept, doc)) = dept_of.get(li.doc_id.as_str()) else {
            continue;
        };
        let Some(year) = doc.year else { continue };
        let wanted = [chosen(dept, FUNCTION_KINDS), chosen(dept, ECONOMIC_KINDS)];
        if !wanted.iter().flatten().any(|k| *k == li.table_kind) {
            continue;
        }
        let table = (li.doc_id.as_str(), li.table_id.as_str());
        let column = total_column.get(&table).or_else(|| first_column.get(&table));
        if column != Some(&li.column.as_str()) || !li.code.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let series = out.series.entry(dept.clone()).or_default();
        let map = series.entry((ItemType::LineItem, li.code.clone())).or_default();
        // A code printed twice in one table (烟台's 301 per 政府 class) adds up.
        let key = (year, doc.doc_kind.clone());
        match map.get_mut(&key) {
            Some(e) if e.doc_id == li.doc_id => e.value += li.value,
            _ => put(
                map,
                year,
                &doc.doc_kind,
                Entry {
                    value: li.value,
                    raw: String::new(),
                    name: li.name.clone(),
                    unit: "yuan".into(),
                    doc_id: li.doc_id.clone(),
                    page: li.page,
                    from_table: true,
                    disagree: false,
                },
            ),
        }
    }

    // Projects by name.
    for p in &ds.projects {
        let (Some((dept, doc)), Some(total)) = (dept_of.get(p.doc_id.as_str()), p.total) else {
            continue;
        };
        let Some(year) = doc.year else { continue };
        let series = out.series.entry(dept.clone()).or_default();
        let map = series
            .entry((ItemType::Project, normalize_label(&p.project)))
            .or_default();
        put(
            map,
            year,
            &doc.doc_kind,
            Entry {
                value: total,
                raw: String::new(),
                name: p.project.clone(),
                unit: "yuan".into(),
                doc_id: p.doc_id.clone(),
                page: p.page,
                from_table: true,
                disagree: false,
            },
        );
    }

    for (dept, items) in &out.series {
        let department = out.names.get(dept).cloned().unwrap_or_else(|| dept.key.clone());
        for ((item_type, item), by_year) in items {
            for ((year, kind), e) in by_year {
                let mut row = Row {
                    department: department.clone(),
                    level: dept.level.clone(),
                    comparison: Comparison::YearOverYear,
                    item_type: *item_type,
                    item: item.clone(),
                    name: e.name.clone(),
                    unit: e.unit.clone(),
                    year: *year,
                    doc_kind: kind.clone(),
                    value: e.value,
                    base_year: None,
                    base_doc_kind: String::new(),
                    base_value: None,
                    change: None,
                    change_pct: None,
                    execution_rate: None,
                    stated_change: None,
                    stated_change_pct: None,
                    flags: Vec::new(),
                    doc_id: e.doc_id.clone(),
                    page: e.page,
                    base_doc_id: String::new(),
                    base_page: None,
                    stated_reason: None,
                };
                if e.disagree {
                    row.flags.push(flag::DOCUMENTS_DISAGREE);
                }
                let base = by_year
                    .range(..(*year, String::new()))
                    .rev()
                    .find(|((_, k), _)| k == kind);
                if let Some(((base_year, base_kind), b)) = base {
                    set_base(&mut row, *base_year, base_kind, b);
                    if *base_year < year - 1 {
                        row.flags.push(flag::GAP);
                    }
                }
                if *item_type == ItemType::Metric {
                    let amount = stated.get(&(dept.clone(), format!("{item}:amount"), *year, kind.clone()));
                    let pct = stated.get(&(dept.clone(), format!("{item}:pct"), *year, kind.clone()));
                    row.stated_change = amount.map(|s| s.value);
                    row.stated_change_pct = pct.map(|s| s.value);
                    row.stated_reason = amount
                        .and_then(|s| s.reason.clone())
                        .or_else(|| pct.and_then(|s| s.reason.clone()));
                    if let Some(((base_year, _), b)) = base.filter(|((y, _), _)| *y == year - 1) {
                        let sibling = items
                            .get(&(ItemType::Metric, item.replace(".total", ".grand_total")))
                            .filter(|_| item.ends_with(".total"))
                            .and_then(|m| {
                                Some((
                                    m.get(&(*year, kind.clone()))?,
                                    m.get(&(*base_year, kind.clone()))?,
                                ))
                            });
                        flag_stated(&mut row, e, b, amount, pct, sibling);
                    }
                }
                out.rows.push(row.clone());
                if kind == "final_account"
                    && let Some(b) = by_year.get(&(*year, "budget".to_string()))
                {
                    let mut r = row;
                    r.comparison = Comparison::BudgetVsFinal;
                    r.flags.retain(|f| *f == flag::DOCUMENTS_DISAGREE);
                    r.stated_change = None;
                    r.stated_change_pct = None;
                    r.stated_reason = None;
                    set_base(&mut r, *year, "budget", b);
                    r.execution_rate =
                        (!b.value.is_zero()).then(|| (e.value / b.value * Decimal::from(100)).round_dp(2));
                    out.rows.push(r);
                }
            }
        }
    }
    out.rows.sort_by(|a, b| {
        (
            &a.department,
            &a.level,
            a.item_type,
            &a.item,
            a.comparison,
            a.year,
            &a.doc_kind,
        )
            .cmp(&(
                &b.department,
                &b.level,
                b.item_type,
                &b.item,
                b.comparison,
                b.year,
                &b.doc_kind,
            ))
    });
    out
}

fn set_base(row: &mut Row, year: i32, kind: &str, b: &Entry) {
    row.base_year = Some(year);
    row.base_doc_kind = kind.to_string();
    row.base_value = Some(b.value);
    row.base_doc_id = b.doc_id.clone();
    row.base_page = Some(b.page);
    let change = row.value - b.value;
    row.change = Some(change);
    row.change_pct = (!b.value.is_zero()).then(|| (change / b.value * Decimal::from(100)).round_dp(2));
}

/// Flags a stated change (and percentage) that the two years' figures do
/// not bear out, within the rounding of the three figures as printed. A
/// stated change of the total that matches the change of the 总计 instead
/// (收支预算总计, carry-over included) is not flagged.
fn flag_stated(
    row: &mut Row,
    now: &Entry,
    base: &Entry,
    amount: Option<&Stated>,
    pct: Option<&Stated>,
    sibling: Option<(&Entry, &Entry)>,
) {
    let close = |stated: &Stated, a: &Entry, b: &Entry| {
        let tolerance =
            printed_precision(&stated.raw) + printed_precision(&a.raw) + printed_precision(&b.raw);
        (stated.value - (a.value - b.value)).abs() <= tolerance
    };
    if let Some(s) = amount
        && !close(s, now, base)
        && !sibling.is_some_and(|(a, b)| close(s, a, b))
    {
        row.flags.push(flag::STATED_CHANGE_DIFFERS);
    }
    if let Some(s) = pct
        && !base.value.is_zero()
    {
        let pct_close = |a: &Entry, b: &Entry| {
            if b.value.is_zero() {
                return false;
            }
            let computed = (a.value - b.value) / b.value * Decimal::from(100);
            let digits = s
                .raw
                .split_once(['.', '．'])
                .map(|(_, d)| d.chars().filter(char::is_ascii_digit).count())
                .unwrap_or(0);
            let printed = Decimal::new(5, digits as u32 + 1);
            let money = printed_precision(&a.raw) + (a.value / b.value).abs() * printed_precision(&b.raw);
            (s.value - computed).abs() <= printed + money / b.value.abs() * Decimal::from(100)
        };
        if !pct_close(now, base) && !sibling.is_some_and(|(a, b)| pct_close(a, b)) {
            row.flags.push(flag::STATED_PCT_DIFFERS);
        }
    }
}
