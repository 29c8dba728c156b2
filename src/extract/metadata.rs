//! Document metadata: department (full and short), region, fiscal year,
//! budget or final account, department or unit level.
//!
//! From the text, never the file name (real file names lie: a file named
//! `…2026年部门预算.pdf` holds the 2022 决算). Sources, strongest first:
//! the 部门：/编制单位： lines the tables print, the title lines of the first
//! pages (largest font), running headers, the narrative.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use crate::layout::PageLayout;
use crate::normalize::label::compact;
use crate::rules::{self, RuleError};

/// `budget` (预算) or `final_account` (决算).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    #[default]
    Budget,
    FinalAccount,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Budget => "budget",
            DocKind::FinalAccount => "final_account",
        }
    }
}

/// 部门 (a department's consolidated budget) or 单位 (one unit's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    #[default]
    Department,
    Unit,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Department => "department",
            Level::Unit => "unit",
        }
    }
}

/// What the document says about itself.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Metadata {
    pub department: String,
    pub department_short: String,
    pub region: String,
    pub year: Option<i32>,
    /// `None` when nothing in the text says 预算 or 决算 (a scan before OCR).
    pub doc_kind: Option<DocKind>,
    pub level: Level,
}

/// `2020年部门预算`, `2021年度部门决算`, `2026年度单位预算`, `2020年部门综合预算`.
fn title_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    crate::patterns::once(
        &R,
        r"(20\d{2})\s*年度?\s*(?:[^\d。，,；]{0,20}?)(部门|单位)?(?:综合|汇总)?(预算|决算)",
    )
}

/// Organisation names end in one of these.
const ORG_SUFFIXES: &[&str] = &[
    "委员会办公厅",
    "办公厅",
    "办公室",
    "委员会",
    "管理局",
    "管理中心",
    "中心",
    "检察院",
    "法院",
    "研究院",
    "大学",
    "学院",
    "学校",
    "医院",
    "局",
    "厅",
    "委",
    "院",
    "办",
    "会",
    "所",
    "站",
    "馆",
    "部",
    "署",
    "队",
    "处",
    "社",
    "团",
];

/// `部门：江苏省政协办公厅`, `编制单位：…`, `部门（单位）：烟台市统计局`, `预算单位：…`.
fn label_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    crate::patterns::once(
        &R,
        r"(?:部门名称|单位名称|编制部门|编制单位|填报单位|预算单位|部门（单位）|部门\(单位\)|部门|单位)\s*[:：]\s*([\p{Han}（）()]{3,40})",
    )
}

/// Names after 部门：/单位： labels. A line often holds two labels run
/// together once spaces are gone (`部门：江苏省人大常委会办公厅单位：万元`), so
/// it is cut before each label first.
fn labelled_names(line: &str) -> Vec<String> {
    static CUT: OnceLock<Regex> = OnceLock::new();
    let cut = crate::patterns::once(
        &CUT,
        r"(金额)?单位\s*[:：]|编制(部门|单位)\s*[:：]|部门(名称)?\s*[:：]",
    );
    let t = compact(line);
    // A form's field (部门（单位）名称 | 宁德市人民政府办公室 | 部门预算编码 …):
    // the label, then the longest run that is a body's name.
    static FIELD: OnceLock<Regex> = OnceLock::new();
    let field = crate::patterns::once(
        &FIELD,
        r"(?:部门|单位)(?:[（(]单位[）)])?名称[:：]?([\p{Han}（）()]{3,40})",
    );
    let mut fields = Vec::new();
    for c in field.captures_iter(&t) {
        // The next field's label (部门预算编码, 单位代码 …) ends the name.
        let mut run = &c[1];
        if let Some(i) = ["部门", "编码", "代码", "预算"]
            .iter()
            .filter_map(|w| run.get(3..).and_then(|r| r.find(w)).map(|i| i + 3))
            .min()
        {
            run = &run[..i];
        }
        let ends: Vec<usize> = run.char_indices().map(|(i, ch)| i + ch.len_utf8()).collect();
        if let Some(n) = ends
            .iter()
            .rev()
            .map(|&e| clean_name(&run[..e]))
            .find(|n| looks_like_org(n))
        {
            fields.push(n);
        }
    }
    if !fields.is_empty() {
        return fields;
    }
    let mut starts: Vec<usize> = cut.find_iter(&t).map(|m| m.start()).collect();
    starts.push(t.len());
    let mut out = Vec::new();
    let mut prev = 0;
    for &s in &starts {
        if s > prev {
            for c in label_re().captures_iter(&t[prev..s]) {
                let n = clean_name(&c[1]);
                if looks_like_org(&n) {
                    out.push(n);
                }
            }
        }
        prev = s;
    }
    out
}

fn clean_name(name: &str) -> String {
    static PREFIX: OnceLock<Regex> = OnceLock::new();
    let prefix = crate::patterns::once(
        &PREFIX,
        r"^(第[一二三四五六七八九十]+部分|附件\d*[:：]?|[一二三四五六七八九十]+、|(部门|单位)([（(]单位[）)])?名称[:：]?)",
    );
    let mut n = compact(name);
    if let Some(m) = prefix.find(&n) {
        n = n[m.end()..].to_string();
    }
    for tail in ["（汇总）", "(汇总)", "（本级）", "(本级)", "汇总"] {
        if let Some(s) = n.strip_suffix(tail) {
            n = s.to_string();
        }
    }
    n
}

pub(crate) fn looks_like_org(name: &str) -> bool {
    let n = name.chars().count();
    (3..=30).contains(&n) && ORG_SUFFIXES.iter().any(|s| name.ends_with(s)) && !name.contains("单位：")
}

/// The administrative prefix of a full name: 江苏省, 上海市, 武汉市东西湖区.
pub fn region_of(name: &str) -> String {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = crate::patterns::once(
        &R,
        r"^(?:中国共产党|中共)?((?:[\p{Han}]{2,7}?(?:省|自治区))?(?:[\p{Han}]{2,7}?(?:市|自治州|州|地区|盟))?(?:[\p{Han}]{1,7}?(?:区|县|旗))?)",
    );
    let Some(c) = r.captures(name).and_then(|c| c.get(1)) else {
        return String::new();
    };
    let mut region = c.as_str().to_string();
    // 中共江苏省委… : the 省 belongs to 江苏 even though 省委 follows.
    if region.is_empty()
        && let Some(i) = name.find("省委")
    {
        {
            let head = name[..i]
                .trim_start_matches("中国共产党")
                .trim_start_matches("中共");
            region = format!("{head}省");
        }
    }
    // A name that is only a region (江苏省) is not a region of itself.
    if region == name { String::new() } else { region }
}

/// Whether `short` could abbreviate `full`: its characters appear in
/// order in the full name, and it is shorter (区人社局 ⊂ 武汉市东西湖区人力资源和社会保障局).
fn abbreviates(short: &str, full: &str) -> bool {
    if short.chars().count() >= full.chars().count() || short.chars().count() < 3 {
        return false;
    }
    let mut it = full.chars();
    short.chars().all(|c| it.any(|f| f == c))
}

/// Extracts the metadata from a document's page layouts (first pages are
/// enough) and the file's title.
pub fn metadata(pages: &[PageLayout], pdf_title: Option<&str>, table_titles: &[String]) -> Metadata {
    let head: Vec<&PageLayout> = pages.iter().take(6).collect();
    // Lines of the first pages, with font size as weight. Consecutive
    // title-size lines are also joined: a title wraps (`…办公厅2018年度部门`
    // / `预算公开`).
    let mut lines: Vec<(String, f64, usize)> = Vec::new();
    let max_size_all = head
        .iter()
        .flat_map(|p| p.lines.iter())
        .map(|l| l.size)
        .fold(0.0, f64::max);
    for p in &head {
        let mut block: Option<(String, f64)> = None;
        for l in &p.lines {
            let t = compact(&l.text);
            lines.push((t.clone(), l.size, p.number));
            if l.size >= max_size_all * 0.7 && !t.is_empty() {
                block = Some(match block.take() {
                    Some((b, s)) => (format!("{b}{t}"), s.max(l.size)),
                    None => (t, l.size),
                });
            } else if let Some((b, s)) = block.take() {
                lines.push((b, s, p.number));
            }
        }
        if let Some((b, s)) = block.take() {
            lines.push((b, s, p.number));
        }
    }
    // Department: labelled names (tables' 部门： lines) count most.
    let mut names: HashMap<String, f64> = HashMap::new();
    for p in pages {
        for t in &p.tables {
            for l in &t.above {
                for n in labelled_names(l) {
                    *names.entry(n).or_default() += 3.0;
                }
            }
        }
        for l in &p.lines {
            for n in labelled_names(&l.text) {
                *names.entry(n).or_default() += 1.0;
            }
        }
    }
    // Title lines: "<name>2020年部门预算", "2026年<name>部门预算", a name
    // alone on the line above "2021年度部门预算".
    let max_size = lines.iter().map(|l| l.1).fold(0.0, f64::max);
    let mut seen_lines = std::collections::HashSet::new();
    for (i, (text, size, _)) in lines.iter().enumerate() {
        // A running header repeats on every page: count it once.
        if !seen_lines.insert(text.clone()) {
            continue;
        }
        let weight = if *size >= max_size * 0.8 { 2.0 } else { 0.5 };
        // Titles are short; a sentence mentioning a year and 预算 is not one.
        if text.chars().count() > 36 || text.contains(['：', ':', '，', '。']) {
            continue;
        }
        let found = title_names(text);
        for candidate in &found {
            if looks_like_org(candidate) {
                *names.entry(candidate.clone()).or_default() += weight;
            }
        }
        if found.is_empty()
            && title_re().is_match(text)
            && i > 0
            && let Some((prev, psize, _)) = lines.get(i - 1)
        {
            let n = clean_name(prev);
            if looks_like_org(&n) {
                let w = if *psize >= max_size * 0.8 { 2.0 } else { 1.0 };
                *names.entry(n).or_default() += w;
            }
        }
        let n = clean_name(text);
        if looks_like_org(&n) && region_of(&n).chars().count() >= 2 {
            *names.entry(n).or_default() += weight;
        }
    }
    if let Some(t) = pdf_title {
        for candidate in title_names(&compact(t)) {
            if looks_like_org(&candidate) {
                *names.entry(candidate).or_default() += 0.5;
            }
        }
    }
    // A short form (区人社局) lends its votes to the full name it abbreviates.
    let all: Vec<(String, f64)> = names.iter().map(|(k, v)| (k.clone(), *v)).collect();
    for (short, score) in &all {
        if let Some((full, _)) = all
            .iter()
            .find(|(full, _)| abbreviates(short, full) && !region_of(full).is_empty())
        {
            names.remove(short);
            *names.entry(full.clone()).or_default() += score;
        }
    }
    // Prefer longer names among near-equal scores (江苏省人民检察院 over 人民检察院).
    let department = names
        .iter()
        .max_by(|a, b| {
            a.1.total_cmp(b.1)
                .then(a.0.chars().count().cmp(&b.0.chars().count()))
                .then(b.0.cmp(a.0))
        })
        .map(|(n, _)| n.clone())
        .unwrap_or_default();

    // Year, kind and level from title-like lines of the first pages.
    let mut years: HashMap<i32, f64> = HashMap::new();
    let mut kinds: HashMap<DocKind, f64> = HashMap::new();
    let mut levels: HashMap<Level, f64> = HashMap::new();
    for (text, size, page) in &lines {
        let weight = if *size >= max_size * 0.8 { 3.0 } else { 1.0 } / (*page as f64);
        for c in title_re().captures_iter(text) {
            if let Ok(y) = c[1].parse::<i32>() {
                *years.entry(y).or_default() += weight;
            }
            let kind = if &c[3] == "决算" {
                DocKind::FinalAccount
            } else {
                DocKind::Budget
            };
            *kinds.entry(kind).or_default() += weight;
            if let Some(level) = c.get(2) {
                let l = if level.as_str() == "单位" {
                    Level::Unit
                } else {
                    Level::Department
                };
                *levels.entry(l).or_default() += weight;
            }
        }
    }
    // No title names the kind: the standard tables' titles do (收支预算总表,
    // 收入支出决算总表).
    if kinds.is_empty() {
        for t in table_titles {
            if t.contains("决算") {
                *kinds.entry(DocKind::FinalAccount).or_default() += 1.0;
            } else if t.contains("预算") || t.contains("绩效目标") {
                // 绩效目标表 are set with the budget.
                *kinds.entry(DocKind::Budget).or_default() += 1.0;
            }
        }
    }
    // No title names the year (a tables-only file): the year in table
    // titles (2019年政府采购预算表), then in the file's Title, then the year
    // the first pages mention most (2026年度…).
    if years.is_empty() {
        static Y: OnceLock<Regex> = OnceLock::new();
        let y = crate::patterns::once(&Y, r"(20\d{2})\s*年");
        for t in table_titles.iter().map(String::as_str).chain(pdf_title) {
            for c in y.captures_iter(t) {
                if let Ok(v) = c[1].parse::<i32>() {
                    *years.entry(v).or_default() += 1.0;
                }
            }
        }
    }
    if years.is_empty() {
        static Y: OnceLock<Regex> = OnceLock::new();
        let y = crate::patterns::once(&Y, r"(20\d{2})\s*年");
        for (text, _, _) in &lines {
            for c in y.captures_iter(text) {
                if let Ok(v) = c[1].parse::<i32>() {
                    *years.entry(v).or_default() += 1.0;
                }
            }
        }
    }
    let year = years
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1).then(a.0.cmp(b.0)))
        .map(|(y, _)| *y);
    let doc_kind = kinds.iter().max_by(|a, b| a.1.total_cmp(b.1)).map(|(k, _)| *k);
    let level = levels
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(l, _)| *l)
        .unwrap_or_default();

    // Short form: a name the document uses that abbreviates the full one.
    let department_short = short_form(pages, &department);
    let mut region = region_of(&department);
    if region.is_empty() {
        region = located_in(pages);
    }
    Metadata {
        department,
        department_short,
        region,
        year,
        doc_kind,
        level,
    }
}

/// The department and fiscal year a file's name states
/// (`附件2：北京市重大项目建设指挥部办公室2026年度部门预算报表.pdf`), for a
/// document whose text names none (a file of tables only).
pub fn from_file_name(path: &str) -> (String, Option<i32>) {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = name
        .strip_suffix(".pdf")
        .or_else(|| name.strip_suffix(".PDF"))
        .unwrap_or(name);
    // A folder-like prefix some archives add (`renwu__002_北京_`) is cut
    // by taking the last name before the title.
    let text = compact(
        stem.rsplit(['_', '：', ':'])
            .find(|p| title_re().is_match(p))
            .unwrap_or(stem),
    );
    let department = title_names(&text)
        .into_iter()
        .find(|n| looks_like_org(n) && !region_of(n).is_empty())
        .unwrap_or_default();
    let year = title_re().captures(&text).and_then(|c| c[1].parse().ok());
    (department, year)
}

/// Names in a title line: the text before `2020年…预算`, or between the
/// year and `部门预算`.
fn title_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(m) = title_re().find(text) {
        let before = clean_name(&text[..m.start()]);
        if !before.is_empty() {
            out.push(before);
        }
        let inner = &text[m.start()..m.end()];
        static Y: OnceLock<Regex> = OnceLock::new();
        let y = crate::patterns::once(&Y, r"^20\d{2}\s*年度?");
        if let Some(ym) = y.find(inner) {
            let rest = &inner[ym.end()..];
            let rest = rest
                .trim_end_matches("预算")
                .trim_end_matches("决算")
                .trim_end_matches("综合")
                .trim_end_matches("汇总")
                .trim_end_matches("部门")
                .trim_end_matches("单位");
            let n = clean_name(rest);
            if !n.is_empty() {
                out.push(n);
            }
        }
    }
    out
}

/// The document's own short form of the department's name: `（以下简称“…”）`
/// where it says so, else the most frequent abbreviation of the full name
/// in the first pages' text (区人社局, 省检察院, 市卫健委).
fn short_form(pages: &[PageLayout], full: &str) -> String {
    if full.is_empty() {
        return String::new();
    }
    static SAYS: OnceLock<Regex> = OnceLock::new();
    let says = crate::patterns::once(&SAYS, r"(?:以下)?简称[“\x22「]?([\p{Han}]{2,10})[”\x22」]?");
    static TOKEN: OnceLock<Regex> = OnceLock::new();
    let token = crate::patterns::once(
        &TOKEN,
        r"[省市区县]?[\p{Han}]{1,5}?(?:局|厅|院|委|办公厅|办公室|中心|高院)",
    );
    let mut counts: HashMap<String, usize> = HashMap::new();
    for p in pages {
        for l in &p.lines {
            let t = compact(&l.text);
            for c in says.captures_iter(&t) {
                if abbreviates(&c[1], full) {
                    return c[1].to_string();
                }
            }
            for m in token.find_iter(&t) {
                let s = m.as_str();
                // A substring of the full name counts only when it drops the
                // region (省政协办公厅 for 江苏省政协办公厅), not a bare suffix.
                let dropped_region =
                    s.starts_with(['省', '市', '区', '县']) && full.ends_with(s) && s.chars().count() >= 4;
                // A real abbreviation (省检察院) weighs more than the full
                // name without its region (省人民检察院).
                if abbreviates(s, full) && !full.contains(s) {
                    *counts.entry(s.to_string()).or_default() += 3;
                } else if abbreviates(s, full) && dropped_region {
                    *counts.entry(s.to_string()).or_default() += 1;
                }
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n >= 3)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(s, _)| s)
        .unwrap_or_default()
}

const PROVINCES_FILE: &str = "data/provinces.csv";
const PROVINCES: &str = include_str!("../../data/provinces.csv");

/// A province-level region and the short form texts use (江苏省, 江苏).
#[derive(serde::Deserialize)]
struct Province {
    name: String,
    short: String,
}

fn read_provinces() -> Result<Vec<Province>, RuleError> {
    let rows = rules::load::<Province>(PROVINCES_FILE, PROVINCES)?;
    let mut out = Vec::new();
    for row in rows {
        if row.row.short.is_empty() || !row.row.name.starts_with(&row.row.short) {
            return Err(row.error(PROVINCES_FILE, "short", "not a short form of the name"));
        }
        out.push(row.row);
    }
    Ok(out)
}

fn provinces() -> &'static [Province] {
    static P: OnceLock<Vec<Province>> = OnceLock::new();
    rules::get(&P, read_provinces).as_slice()
}

/// Reads the table (see [`crate::rules::check_all`]).
pub(crate) fn check() -> Result<(), RuleError> {
    read_provinces().map(|_| ())
}

/// Region for a name without one (西南大学, a central unit): where the text
/// says the body is located (位于重庆市北碚区), else the province-level
/// region its first pages mention most (`data/provinces.csv`).
fn located_in(pages: &[PageLayout]) -> String {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = crate::patterns::once(&R, r"(?:位于|地处|坐落于)([\p{Han}]{2,6}?(?:省|市))");
    let lines: Vec<String> = pages
        .iter()
        .take(10)
        .flat_map(|p| p.lines.iter())
        .map(|l| compact(&l.text))
        .collect();
    if let Some(found) = lines.iter().find_map(|l| r.captures(l).map(|c| c[1].to_string())) {
        return found;
    }
    let mut counts: Vec<(usize, &str)> = provinces()
        .iter()
        .map(|p| {
            (
                lines.iter().map(|l| l.matches(p.short.as_str()).count()).sum(),
                p.name.as_str(),
            )
        })
        .filter(|(n, _)| *n >= 2)
        .collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.0));
    counts.first().map(|(_, n)| n.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions() {
        assert_eq!(region_of("江苏省人民检察院"), "江苏省");
        assert_eq!(region_of("武汉市东西湖区人力资源和社会保障局"), "武汉市东西湖区");
        assert_eq!(region_of("西安市卫生健康委员会"), "西安市");
        assert_eq!(region_of("中共江苏省委办公厅"), "江苏省");
        assert_eq!(region_of("中国共产党江苏省委员会办公厅"), "江苏省");
        assert_eq!(region_of("上海市医疗保险事业管理中心"), "上海市");
        assert_eq!(region_of("西南大学"), "");
        assert_eq!(
            from_file_name(
                "x/renwu__002_北京_政府办公厅_附件2：北京市重大项目建设指挥部办公室2026年度部门预算报表.pdf"
            ),
            ("北京市重大项目建设指挥部办公室".to_string(), Some(2026))
        );
        assert_eq!(
            labelled_names("部门（单位）名称  宁德市人民政府办公室  部门预算编码  127"),
            vec!["宁德市人民政府办公室".to_string()]
        );
        assert_eq!(
            clean_name("部门名称广州市政务服务和数据管理局"),
            "广州市政务服务和数据管理局"
        );
    }

    #[test]
    fn abbreviations() {
        assert!(abbreviates("区人社局", "武汉市东西湖区人力资源和社会保障局"));
        assert!(abbreviates("省检察院", "江苏省人民检察院"));
        assert!(abbreviates("市卫健委", "西安市卫生健康委员会"));
        assert!(!abbreviates("市统计局", "烟台市统计局") || "市统计局".len() < "烟台市统计局".len());
        assert!(!abbreviates("人社局区", "武汉市东西湖区人力资源和社会保障局"));
    }

    #[test]
    fn title_lines() {
        assert_eq!(
            title_names("2026年烟台市统计局部门预算"),
            vec!["烟台市统计局".to_string()]
        );
        assert_eq!(
            title_names("江苏省人民检察院2019年度部门预算公开"),
            vec!["江苏省人民检察院".to_string()]
        );
        let c = title_re().captures("2021年度部门决算").expect("matches");
        assert_eq!(&c[1], "2021");
        assert_eq!(&c[3], "决算");
    }
}
