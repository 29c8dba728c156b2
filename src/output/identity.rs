//! Identities written beside a department's name: `dept_key`, one key for
//! one body across years, short and full names and the renames of
//! institutional reform (the key `compare` matches departments by:
//! `data/department_names.csv`), and `region_code`, the 6-digit
//! administrative division code of its region (`data/regions.csv`).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use crate::compare::names::Names;
use crate::rules::{RuleError, load};

const FILE: &str = "data/regions.csv";
const TEXT: &str = include_str!("../../data/regions.csv");

#[derive(serde::Deserialize)]
struct RegionRow {
    code: String,
    name: String,
    parent: String,
    level: String,
}

/// Region name (every form: 东西湖区, 武汉市东西湖区, 湖北省武汉市东西湖区) →
/// code; names that two regions share (鼓楼区) only in their longer forms.
struct Regions {
    by_name: BTreeMap<String, String>,
}

fn read_regions() -> Result<Regions, RuleError> {
    let rows = load::<RegionRow>(FILE, TEXT)?;
    let mut by_code: BTreeMap<String, (String, String, String)> = BTreeMap::new();
    for row in &rows {
        let r = &row.row;
        if r.code.len() != 6 || !r.code.chars().all(|c| c.is_ascii_digit()) {
            return Err(row.error(FILE, "code", format!("not a 6-digit code: {:?}", r.code)));
        }
        if !matches!(r.level.as_str(), "country" | "province" | "city" | "district") {
            return Err(row.error(FILE, "level", format!("unknown level {:?}", r.level)));
        }
        if by_code
            .insert(
                r.code.clone(),
                (r.name.clone(), r.parent.clone(), r.level.clone()),
            )
            .is_some()
        {
            return Err(row.error(FILE, "code", format!("{} twice", r.code)));
        }
    }
    for row in &rows {
        let p = &row.row.parent;
        if !p.is_empty() && !by_code.contains_key(p) {
            return Err(row.error(FILE, "parent", format!("unknown parent {p:?}")));
        }
        // The ancestors end at the top within a few steps: a region that
        // is its own ancestor would give it endless names.
        let mut up = p.clone();
        let mut steps = 0;
        while let Some((_, next, _)) = by_code.get(&up) {
            steps += 1;
            if up == row.row.code || steps > 8 {
                return Err(row.error(FILE, "parent", format!("{} is its own ancestor", row.row.code)));
            }
            up = next.clone();
        }
    }
    let mut by_name: BTreeMap<String, String> = BTreeMap::new();
    let mut shared: BTreeSet<String> = BTreeSet::new();
    for (code, (name, parent, _)) in &by_code {
        // The name, then with each ancestor below the country prefixed.
        let mut forms = vec![name.clone()];
        let mut full = name.clone();
        let mut up = parent.clone();
        while let Some((pname, pparent, plevel)) = by_code.get(&up) {
            if plevel == "country" {
                break;
            }
            full = format!("{pname}{full}");
            forms.push(full.clone());
            up = pparent.clone();
        }
        for f in forms {
            match by_name.get(&f) {
                Some(c) if c != code => {
                    shared.insert(f);
                }
                _ => {
                    by_name.insert(f, code.clone());
                }
            }
        }
    }
    for s in shared {
        by_name.remove(&s);
    }
    Ok(Regions { by_name })
}
/// The table, built once: by the first use, or by `check` at start.
static CELL_REGIONS: OnceLock<Regions> = OnceLock::new();

fn regions() -> &'static Regions {
    crate::rules::get(&CELL_REGIONS, read_regions)
}

fn names() -> &'static Names {
    static N: OnceLock<Names> = OnceLock::new();
    N.get_or_init(|| Names::built_in().unwrap_or_default())
}

/// Reads the table (see [`crate::rules::check_all`]).
pub(crate) fn check() -> Result<(), RuleError> {
    crate::rules::try_init(&CELL_REGIONS, read_regions).map(|_| ())
}

/// The key one body keeps across years and names (empty for an empty name).
pub fn dept_key(department: &str) -> String {
    if department.trim().is_empty() {
        return String::new();
    }
    names().key(department)
}

/// Where a unit document's department came from (`parent_source`).
pub mod parent_source {
    /// The document names it (`主管部门：…`, `…是…局所属的…`).
    pub const TEXT: &str = "text";
    /// A `parent` row of `data/department_names.csv`.
    pub const DATA: &str = "data";
    /// The manifest's `publisher` (`extract --manifest`).
    pub const MANIFEST: &str = "manifest";
    /// The unit is a department's own body (苏州市科学技术局's 单位预算).
    pub const SELF: &str = "self";
}

/// Endings of a department's name (a 局's 单位预算 is the 局 itself); a
/// 中心, 所, 站 … is a unit under one.
const DEPARTMENT_ENDINGS: &[&str] = &["局", "厅", "委员会", "委", "办公室", "办公厅", "部", "署"];

/// The department a unit document (`level = unit`) belongs to, and where
/// that came from: the text, else a `parent` row of
/// `data/department_names.csv`, else the manifest's publisher, else the
/// unit itself when its name is a department's. Empty for other levels,
/// and when nothing says.
pub fn parent(level: &str, unit: &str, in_text: &str, publisher: &str) -> (String, &'static str) {
    if level != "unit" || unit.trim().is_empty() {
        return (String::new(), "");
    }
    if !in_text.is_empty() {
        return (in_text.to_string(), parent_source::TEXT);
    }
    if let Some(p) = names().parent_of(unit) {
        return (p.to_string(), parent_source::DATA);
    }
    let publisher = publisher.trim();
    if !publisher.is_empty() && names().key(publisher) != names().key(unit) {
        return (publisher.to_string(), parent_source::MANIFEST);
    }
    let bare = names().key(unit);
    if DEPARTMENT_ENDINGS.iter().any(|e| bare.ends_with(e)) {
        return (unit.to_string(), parent_source::SELF);
    }
    (String::new(), "")
}

/// The longest known region name `text` starts with, and its code.
fn longest_prefix(text: &str) -> Option<&'static str> {
    let by_name = &regions().by_name;
    let ends: Vec<usize> = text.char_indices().map(|(i, c)| i + c.len_utf8()).collect();
    ends.iter()
        .rev()
        .find_map(|&e| by_name.get(&text[..e]))
        .map(String::as_str)
}

/// The 6-digit administrative division code of a document's region: the
/// region as the document gives it, else the region its department's name
/// begins with (中共江苏省委办公厅 → 320000), else `100000` for a central
/// body (国家…, 国务院…, 中央…); empty when none is known.
pub fn region_code(region: &str, department: &str) -> String {
    let by_name = &regions().by_name;
    let region: String = region.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(c) = by_name.get(&region) {
        return c.clone();
    }
    let dept: String = department.chars().filter(|c| !c.is_whitespace()).collect();
    let dept = dept
        .strip_prefix("中国共产党")
        .or_else(|| dept.strip_prefix("中共"))
        .unwrap_or(&dept);
    if let Some(c) = longest_prefix(&region).or_else(|| longest_prefix(dept)) {
        return c.to_string();
    }
    if ["国家", "国务院", "中央", "全国"]
        .iter()
        .any(|p| dept.starts_with(p))
    {
        return by_name.get("中央").cloned().unwrap_or_default();
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A unit document's department: the text first, then a `parent` row,
    /// then the manifest's publisher, then the unit itself when its name
    /// is a department's; nothing for a department's own document.
    #[test]
    fn a_unit_document_names_its_department() {
        let p = |level, unit, text, publisher| parent(level, unit, text, publisher);
        assert_eq!(
            p("unit", "上海市医疗保险事业管理中心", "", ""),
            ("上海市医疗保障局".to_string(), parent_source::DATA)
        );
        assert_eq!(
            p("unit", "上海市医疗保险事业管理中心", "上海市卫生健康委员会", ""),
            ("上海市卫生健康委员会".to_string(), parent_source::TEXT)
        );
        assert_eq!(
            p(
                "unit",
                "武汉市东西湖区劳动保障监察大队",
                "",
                "武汉市东西湖区人力资源和社会保障局"
            ),
            (
                "武汉市东西湖区人力资源和社会保障局".to_string(),
                parent_source::MANIFEST
            )
        );
        assert_eq!(
            p("unit", "苏州市科学技术局", "", "苏州市科学技术局"),
            ("苏州市科学技术局".to_string(), parent_source::SELF)
        );
        assert_eq!(
            p("unit", "武汉市东西湖区劳动保障监察大队", "", ""),
            (String::new(), "")
        );
        assert_eq!(p("department", "苏州市科学技术局", "", "x"), (String::new(), ""));
    }

    #[test]
    fn regions_load_and_resolve() {
        check().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(region_code("江苏省", ""), "320000");
        assert_eq!(region_code("武汉市东西湖区", ""), "420112");
        assert_eq!(region_code("湖北省武汉市东西湖区", ""), "420112");
        assert_eq!(region_code("重庆市", "西南大学"), "500000");
        assert_eq!(region_code("", "中共江苏省委办公厅"), "320000");
        assert_eq!(region_code("", "广州市政务服务和数据管理局"), "440100");
        assert_eq!(region_code("", "国家信访局"), "100000");
        assert_eq!(region_code("", "西南大学"), "");
    }

    /// Every province, city and county of the 2023 统计用区划代码 is known, not
    /// only the corpus's: a county under its city, a city with no counties
    /// (东莞市), a county under its province's 省直辖 list (济源市), and a
    /// name two regions share (鼓楼区) only with its city.
    #[test]
    fn regions_beyond_the_corpus() {
        assert_eq!(region_code("", "佛山市顺德区教育局"), "440606");
        assert_eq!(region_code("", "乌鲁木齐市财政局"), "650100");
        assert_eq!(region_code("东莞市", ""), "441900");
        assert_eq!(region_code("", "济源市应急管理局"), "419001");
        assert_eq!(region_code("鼓楼区", ""), "");
        assert_eq!(region_code("南京市鼓楼区", ""), "320106");
        assert_eq!(region_code("福州市鼓楼区", ""), "350102");
    }

    #[test]
    fn one_body_one_key() {
        let k = dept_key("江苏省委办公厅");
        assert_eq!(dept_key("中共江苏省委办公厅"), k);
        assert_eq!(dept_key("中国共产党江苏省委员会办公厅"), k);
        assert_eq!(dept_key("江苏省人大办公厅"), dept_key("江苏省人大常委会办公厅"));
        assert_eq!(dept_key("西安市安全生产监督管理局"), dept_key("西安市应急管理局"));
        assert_ne!(dept_key("江苏省人民检察院"), dept_key("江苏省高级人民法院"));
        assert_eq!(dept_key(""), "");
    }
}
