//! `yusuan compare --across`: the departments of one region and year side
//! by side — a ranking of 三公, 机关运行经费, total spending and the
//! 一般公共预算 spending by function class (类), beside the year-over-year
//! view of [`super::rows`].

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::input::Dataset;
use super::names::Names;
use crate::output::identity;

/// The metrics ranked.
pub const METRICS: &[&str] = &[
    "expenditure.total",
    "expenditure.basic",
    "expenditure.project",
    "three_public.total",
    "three_public.overseas",
    "three_public.vehicles",
    "three_public.reception",
    "operating_costs",
];

/// Columns of the ranking, in order.
pub const COLUMNS: &[&str] = &[
    "region_code",
    "year",
    "doc_kind",
    "item_type",
    "item",
    "name",
    "rank",
    "departments",
    "dept_key",
    "department",
    "value",
    "unit",
    "doc_id",
    "page",
];

struct Entry {
    department: String,
    name: String,
    value: Decimal,
    unit: String,
    doc_id: String,
    page: usize,
}

/// Group → department → its figure.
type Groups = BTreeMap<(String, i32, String, String, String), BTreeMap<String, Entry>>;

/// The ranking rows: per (region, year, kind, item), departments by value,
/// largest first (rank 1). A department with several documents of one year
/// and kind takes the figure of the lowest doc_id that states it.
pub fn across(ds: &Dataset, names: &Names) -> Vec<Vec<String>> {
    let mut docs = BTreeMap::new();
    for d in &ds.docs {
        let (Some(year), false) = (d.year, d.department.is_empty() || d.status == "failed") else {
            continue;
        };
        let region = if d.region_code.is_empty() {
            identity::region_code(&d.region, &d.department)
        } else {
            d.region_code.clone()
        };
        if region.is_empty() {
            continue;
        }
        docs.insert(
            d.doc_id.as_str(),
            (region, year, d.doc_kind.clone(), names.key(&d.department), d),
        );
    }
    let mut groups: Groups = BTreeMap::new();
    let mut add = |doc_id: &str, item_type: &str, item: &str, e: Entry| {
        let Some((region, year, kind, key, _)) = docs.get(doc_id) else {
            return;
        };
        let g = groups
            .entry((
                region.clone(),
                *year,
                kind.clone(),
                item_type.to_string(),
                item.to_string(),
            ))
            .or_default();
        match g.get(key) {
            Some(old) if old.doc_id <= e.doc_id => {}
            _ => {
                g.insert(key.clone(), e);
            }
        }
    };
    for f in &ds.facts {
        if !METRICS.contains(&f.metric.as_str()) {
            continue;
        }
        let Some((_, _, _, _, d)) = docs.get(f.doc_id.as_str()) else {
            continue;
        };
        add(
            &f.doc_id,
            "metric",
            &f.metric,
            Entry {
                department: d.department.clone(),
                name: crate::extract::metrics::name(&f.metric),
                value: f.value,
                unit: f.unit.clone(),
                doc_id: f.doc_id.clone(),
                page: f.page,
            },
        );
    }
    for l in &ds.line_items {
        let class = l.code.len() == 3 && l.code.starts_with('2');
        if !class || l.fund != "general_budget" || l.measure != "total" || l.period != "current" {
            continue;
        }
        if !l.parallel_code.is_empty() {
            continue;
        }
        let Some((_, _, _, _, d)) = docs.get(l.doc_id.as_str()) else {
            continue;
        };
        add(
            &l.doc_id,
            "function_class",
            &l.code,
            Entry {
                department: d.department.clone(),
                name: l.name.clone(),
                value: l.value,
                unit: "yuan".into(),
                doc_id: l.doc_id.clone(),
                page: l.page,
            },
        );
    }
    let mut out = Vec::new();
    for ((region, year, kind, item_type, item), by_dept) in groups {
        let mut entries: Vec<(String, Entry)> = by_dept.into_iter().collect();
        entries.sort_by(|a, b| b.1.value.cmp(&a.1.value).then(a.0.cmp(&b.0)));
        let n = entries.len();
        for (i, (key, e)) in entries.into_iter().enumerate() {
            let value = if e.unit == "yuan" {
                crate::output::money(&e.value.to_string())
            } else {
                e.value.to_string()
            };
            out.push(vec![
                region.clone(),
                year.to_string(),
                kind.clone(),
                item_type.clone(),
                item.clone(),
                e.name,
                (i + 1).to_string(),
                n.to_string(),
                key,
                e.department,
                value,
                e.unit,
                e.doc_id,
                e.page.to_string(),
            ]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::input::{Doc, FactRow, LineRow};

    fn doc(id: &str, department: &str) -> Doc {
        Doc {
            doc_id: id.into(),
            source_path: format!("{id}.pdf"),
            department: department.into(),
            year: Some(2019),
            doc_kind: "budget".into(),
            status: "ok".into(),
            level: "department".into(),
            region: "江苏省".into(),
            dept_key: String::new(),
            region_code: String::new(),
        }
    }

    fn fact(id: &str, metric: &str, value: i64) -> FactRow {
        FactRow {
            doc_id: id.into(),
            metric: metric.into(),
            label: String::new(),
            value: Decimal::from(value),
            unit: "yuan".into(),
            raw_text: String::new(),
            page: 3,
            origin: "table".into(),
            stated_reason_kind: String::new(),
            stated_reason: String::new(),
            stated_reason_page: None,
        }
    }

    fn line(id: &str, code: &str, value: i64, fund: &str) -> LineRow {
        LineRow {
            doc_id: id.into(),
            table_kind: String::new(),
            code: code.into(),
            name: "一般公共服务支出".into(),
            column: "合计".into(),
            value: Decimal::from(value),
            page: 5,
            table_id: "t1".into(),
            entity: String::new(),
            parallel_code: String::new(),
            measure: "total".into(),
            fund: fund.into(),
            period: "current".into(),
        }
    }

    #[test]
    fn departments_of_a_region_and_year_are_ranked() {
        let ds = Dataset {
            docs: vec![
                doc("a", "中共江苏省委办公厅"),
                doc("b", "江苏省人民检察院"),
                // The same body under its other name, in a second file.
                doc("c", "江苏省委办公厅"),
            ],
            facts: vec![
                fact("a", "three_public.total", 100),
                fact("b", "three_public.total", 300),
                fact("c", "three_public.total", 100),
            ],
            line_items: vec![
                line("a", "201", 5000, "general_budget"),
                line("b", "201", 7000, "general_budget"),
                line("b", "201", 9000, "all"),
            ],
            projects: Vec::new(),
            checks: Vec::new(),
        };
        let names = Names::built_in().expect("names");
        let rows = across(&ds, &names);
        let three: Vec<&Vec<String>> = rows.iter().filter(|r| r[4] == "three_public.total").collect();
        assert_eq!(three.len(), 2, "one figure per body: {rows:?}");
        assert_eq!(three[0][0], "320000");
        assert_eq!(
            (three[0][6].as_str(), three[0][9].as_str()),
            ("1", "江苏省人民检察院")
        );
        assert_eq!((three[1][6].as_str(), three[1][7].as_str()), ("2", "2"));
        assert_eq!(three[1][10], "100.00");
        let class: Vec<&Vec<String>> = rows.iter().filter(|r| r[3] == "function_class").collect();
        assert_eq!(class.len(), 2, "the general budget's figure only: {class:?}");
        assert_eq!(class[0][10], "7000.00");
    }
}
