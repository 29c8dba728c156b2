//! 政府收支分类科目 codes: levels, the official name of a code for a year,
//! and the code of a name, from `data/subject_codes.csv` (see
//! `scripts/subject_codes/README.md` for its sources).
//!
//! Function classification (支出功能分类): 类 3 digits, 款 5, 项 7.
//! Economic classification (支出经济分类): 类 3, 款 5.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::normalize::label::normalize_label;
use crate::rules::{self, RuleError};

const TABLE: &str = include_str!("../../data/subject_codes.csv");

/// Which classification a code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Classification {
    /// 支出功能分类 (2xx).
    Function,
    /// 部门预算支出经济分类 (3xx).
    Economic,
    /// 政府预算支出经济分类 (5xx).
    EconomicGov,
}

/// One name of one code, for a span of years.
#[derive(Debug, Clone)]
pub struct Entry {
    pub classification: Classification,
    pub code: String,
    pub name: String,
    pub parent: String,
    pub source: String,
    pub first_year: i32,
    pub last_year: i32,
}

/// The code list, loaded once.
pub struct CodeList {
    by_code: HashMap<String, Vec<Entry>>,
    /// Normalised name → (code, index into its entries): names are looked
    /// up for every row of a table that prints no codes.
    by_name: HashMap<String, Vec<(String, usize)>>,
}

const FILE: &str = "data/subject_codes.csv";

#[derive(serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum ClassificationCell {
    Function,
    Economic,
    EconomicGov,
}

#[derive(serde::Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum LevelCell {
    Lei,
    Kuan,
    Xiang,
}

#[derive(serde::Deserialize)]
struct CodeRow {
    classification: ClassificationCell,
    code: String,
    level: LevelCell,
    name: String,
    parent: String,
    source: String,
    years: String,
}

/// `2017-2026` → (2017, 2026); `2020` → (2020, 2020).
fn years(s: &str) -> Option<(i32, i32)> {
    let mut parts = s.split('-').map(|p| p.trim().parse::<i32>());
    let a = parts.next()?.ok()?;
    let b = match parts.next() {
        Some(b) => b.ok()?,
        None => a,
    };
    (parts.next().is_none() && (1990..=2100).contains(&a) && a <= b).then_some((a, b))
}

fn read() -> Result<CodeList, RuleError> {
    let mut by_code: HashMap<String, Vec<Entry>> = HashMap::new();
    for row in rules::load::<CodeRow>(FILE, TABLE)? {
        let r = &row.row;
        let want_len = match r.level {
            LevelCell::Lei => 3,
            LevelCell::Kuan => 5,
            LevelCell::Xiang => 7,
        };
        if r.code.len() != want_len || !r.code.chars().all(|c| c.is_ascii_digit()) {
            return Err(row.error(
                FILE,
                "code",
                format!("{:?} is not a {want_len}-digit code", r.code),
            ));
        }
        if r.level != LevelCell::Lei && !(r.code.starts_with(&r.parent) && r.parent.len() + 2 == r.code.len())
        {
            return Err(row.error(
                FILE,
                "parent",
                format!("{:?} is not the parent of {}", r.parent, r.code),
            ));
        }
        if r.name.trim().is_empty() {
            return Err(row.error(FILE, "name", "empty"));
        }
        let (first_year, last_year) = years(&r.years)
            .ok_or_else(|| row.error(FILE, "years", format!("{:?} is not YYYY or YYYY-YYYY", r.years)))?;
        let entry = Entry {
            classification: match r.classification {
                ClassificationCell::Function => Classification::Function,
                ClassificationCell::Economic => Classification::Economic,
                ClassificationCell::EconomicGov => Classification::EconomicGov,
            },
            code: r.code.clone(),
            name: r.name.clone(),
            parent: r.parent.clone(),
            source: r.source.clone(),
            first_year,
            last_year,
        };
        by_code.entry(entry.code.clone()).or_default().push(entry);
    }
    Ok(CodeList::indexed(by_code))
}

/// Reads the code list (see [`crate::rules::check_all`]).
pub(crate) fn check() -> Result<(), RuleError> {
    rules::try_init(&CELL_CODE_LIST, read).map(|_| ())
}

/// The table, built once: by the first use, or by `check` at start.
static CELL_CODE_LIST: OnceLock<CodeList> = OnceLock::new();

impl CodeList {
    /// The list of these entries, with its name index.
    fn indexed(by_code: HashMap<String, Vec<Entry>>) -> CodeList {
        let mut by_name: HashMap<String, Vec<(String, usize)>> = HashMap::new();
        for (code, entries) in &by_code {
            for (i, e) in entries.iter().enumerate() {
                by_name
                    .entry(normalize_label(&e.name))
                    .or_default()
                    .push((code.clone(), i));
            }
        }
        CodeList { by_code, by_name }
    }

    /// The codes a document prints beside their names (`(code, name)`, a
    /// function code 2xx, an economic one 3xx or 5xx): its own list for the
    /// year it is about, which names its tables that print no codes before
    /// the shipped list does. A code printed with two names keeps both.
    pub fn from_document<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        year: Option<i32>,
    ) -> CodeList {
        let (first_year, last_year) = year.map_or((1990, 2100), |y| (y, y));
        let mut by_code: HashMap<String, Vec<Entry>> = HashMap::new();
        for (code, name) in pairs {
            let classification = match code.as_bytes().first() {
                Some(b'2') => Classification::Function,
                Some(b'3') => Classification::Economic,
                Some(b'5') => Classification::EconomicGov,
                _ => continue,
            };
            let parent = match code.len() {
                3 => "",
                5 | 7 => &code[..code.len() - 2],
                _ => continue,
            };
            let entries = by_code.entry(code.to_string()).or_default();
            if name.trim().is_empty() || entries.iter().any(|e| e.name == name) {
                continue;
            }
            entries.push(Entry {
                classification,
                code: code.to_string(),
                name: name.to_string(),
                parent: parent.to_string(),
                source: "document".to_string(),
                first_year,
                last_year,
            });
        }
        CodeList::indexed(by_code)
    }

    /// The list shipped in `data/subject_codes.csv`.
    pub fn get() -> &'static CodeList {
        rules::get(&CELL_CODE_LIST, read)
    }

    /// The normalised names of the function classes (类, 3 digits): the
    /// rows a 财政拨款收支总表 lists its spending by.
    pub fn class_names(&self) -> std::collections::BTreeSet<String> {
        self.by_code
            .values()
            .flatten()
            .filter(|e| e.classification == Classification::Function && e.code.len() == 3)
            .map(|e| normalize_label(&e.name))
            .collect()
    }

    pub fn contains(&self, code: &str) -> bool {
        self.by_code.contains_key(code)
    }

    /// The official name of a code in a year: the entry whose years cover
    /// it, else the nearest one.
    pub fn official_name(&self, code: &str, year: Option<i32>) -> Option<&str> {
        let entries = self.by_code.get(code)?;
        let y = year.unwrap_or(i32::MAX);
        entries
            .iter()
            .min_by_key(|e| {
                if (e.first_year..=e.last_year).contains(&y) {
                    0
                } else {
                    (e.first_year - y).abs().min((e.last_year - y).abs())
                }
            })
            .map(|e| e.name.as_str())
    }

    /// Whether a printed name is one of the names this code has had.
    /// Bracketed qualifiers (`行政运行（人力资源事务）`) are ignored.
    pub fn name_fits(&self, code: &str, printed: &str) -> Option<bool> {
        let entries = self.by_code.get(code)?;
        let key = strip_qualifier(&normalize_label(printed));
        Some(entries.iter().any(|e| normalize_label(&e.name) == key))
    }

    /// Whether a printed name is the name of a 类 of any classification.
    pub fn is_class_name(&self, name: &str) -> bool {
        self.named(name).any(|e| e.parent.is_empty())
    }

    /// Every entry whose name is `name` (normalised, qualifier dropped).
    fn named(&self, name: &str) -> impl Iterator<Item = &Entry> {
        let key = strip_qualifier(&normalize_label(name));
        self.by_name
            .get(&key)
            .into_iter()
            .flatten()
            .filter_map(|(code, i)| self.by_code.get(code).and_then(|v| v.get(*i)))
    }

    /// The code named `name` under `parent` (`""` for a 类) in the year and
    /// classification given, for a table that prints no codes at all. A
    /// name two codes have had (其他社会保障缴费: 30104 in 2017, 30112 from
    /// 2018) is taken for the year's code, or the nearest year's; a name
    /// two classifications share (对个人和家庭的补助: 303 and 509) for the
    /// classification asked for. Still ambiguous: nothing.
    pub fn code_of_name_in(
        &self,
        name: &str,
        parent: &str,
        year: Option<i32>,
        classification: Option<Classification>,
    ) -> Option<&Entry> {
        let found: Vec<&Entry> = self
            .named(name)
            .filter(|e| e.parent == parent && classification.is_none_or(|c| e.classification == c))
            .collect();
        let distance = |e: &Entry| match year {
            Some(y) if y < e.first_year => e.first_year - y,
            Some(y) if y > e.last_year => y - e.last_year,
            _ => 0,
        };
        let best = found.iter().map(|e| distance(e)).min()?;
        let mut nearest = found.iter().filter(|e| distance(e) == best);
        let first = nearest.next()?;
        nearest.all(|e| e.code == first.code).then_some(*first)
    }

    /// Whether any code of the list has had this name.
    pub fn knows_name(&self, name: &str) -> bool {
        self.named(name).next().is_some()
    }

    /// The 款 of the 类 `class` that has a 项 named `name`, when exactly one
    /// 款 of that 类 has (职业培训补贴 → 20807 under 208): how a table that
    /// prints no codes names a 款 the list does not know, by the 项 printed
    /// under it. `行政运行`, a 项 of many 款, names none.
    pub fn kuan_of_item_in(
        &self,
        name: &str,
        class: &str,
        classification: Option<Classification>,
    ) -> Option<&str> {
        let mut parents = self
            .named(name)
            .filter(|e| {
                e.parent.len() == 5
                    && e.parent.starts_with(class)
                    && classification.is_none_or(|c| e.classification == c)
            })
            .map(|e| e.parent.as_str());
        let first = parents.next()?;
        parents.all(|p| p == first).then_some(first)
    }

    /// The code among `children` of `parent` (or of any parent) whose name
    /// is `name` (for rows that print no code).
    pub fn code_of_name(&self, name: &str, parent: Option<&str>) -> Option<&str> {
        let mut found = self.named(name).filter(|e| parent.is_none_or(|p| e.parent == p));
        let first = found.next()?;
        // Ambiguous without a parent: give nothing rather than a guess.
        if found.any(|e| e.code != first.code) {
            return None;
        }
        Some(first.code.as_str())
    }
}

/// `行政运行（人力资源和社会保障管理事务）` → `行政运行`.
fn strip_qualifier(name: &str) -> String {
    match name.find(['(', '（']) {
        Some(i) if i > 0 && name.ends_with([')', '）']) => name[..i].to_string(),
        _ => name.to_string(),
    }
}

/// The level of a full code by its length: 类 3, 款 5, 项 7.
pub fn level(code: &str) -> Option<&'static str> {
    if !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    match code.len() {
        3 => Some("类"),
        5 => Some("款"),
        7 => Some("项"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_well_formed() {
        let list = CodeList::get();
        assert!(list.by_code.len() > 200, "{} codes", list.by_code.len());
        for (code, entries) in &list.by_code {
            assert!(code.chars().all(|c| c.is_ascii_digit()), "{code}");
            assert!(matches!(code.len(), 3 | 5 | 7), "{code}");
            for e in entries {
                assert!(
                    !e.name.is_empty() && !e.name.contains(char::is_whitespace),
                    "{code}: {:?}",
                    e.name
                );
                assert!(
                    e.parent.is_empty() || code.starts_with(&e.parent),
                    "{code} parent {}",
                    e.parent
                );
                assert!(!e.source.is_empty(), "{code} has no source");
                assert!(e.first_year <= e.last_year, "{code} years");
            }
        }
        // No duplicated (code, name) pairs.
        let mut seen = std::collections::HashSet::new();
        for e in list.by_code.values().flatten() {
            assert!(
                seen.insert((e.classification, e.code.clone(), e.name.clone())),
                "duplicate {}",
                e.code
            );
        }
    }

    #[test]
    fn names_by_year_and_renames() {
        let list = CodeList::get();
        assert_eq!(list.official_name("301", Some(2020)), Some("工资福利支出"));
        assert_eq!(list.name_fits("2080101", "行政运行（人力资源事务）"), Some(true));
        assert_eq!(list.name_fits("2080101", "住房公积金"), Some(false));
        assert_eq!(list.name_fits("9999999", "x"), None);
        // 20805 was renamed between 2019 and 2020.
        assert_eq!(
            list.official_name("20805", Some(2018)),
            Some("行政事业单位离退休")
        );
        assert_eq!(
            list.official_name("20805", Some(2021)),
            Some("行政事业单位养老支出")
        );
    }

    #[test]
    fn levels() {
        assert_eq!(level("208"), Some("类"));
        assert_eq!(level("20805"), Some("款"));
        assert_eq!(level("2080505"), Some("项"));
        assert_eq!(level("2080"), None);
        assert_eq!(level("20a"), None);
    }
}
