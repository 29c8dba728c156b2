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

/// 部门 (a department's consolidated budget), 单位 (one unit's), or a
/// government-wide report (预算执行情况和预算草案的报告, 全市…决算表), which is
/// no department's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    #[default]
    Department,
    Unit,
    Government,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Department => "department",
            Level::Unit => "unit",
            Level::Government => "government",
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
    /// For a unit's document (单位预算): the department it belongs to, where
    /// the text names it (`主管部门：…`, `…是…局所属的…`); else empty (the
    /// output then tries `data/department_names.csv` and the manifest).
    pub parent_department: String,
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
        r"(?:部门（单位）名称|部门\(单位\)名称|部门名称|单位名称|编制部门|编制单位|填报单位|预算单位|部门（单位）|部门\(单位\)|部门|单位)\s*[:：]\s*([\p{Han}（）()]{3,40})",
    )
}

/// Names after 部门：/单位： labels. A line often holds two labels run
/// together once spaces are gone (`部门：江苏省人大常委会办公厅单位：万元`), so
/// it is cut before each label first.
fn labelled_names(line: &str) -> Vec<(String, f64)> {
    // Every label (here and in FORM_LABELS) holds 部门 or 单位: a line with
    // neither character has none. This runs on every line of the document.
    if !line.contains(['部', '单']) {
        return Vec::new();
    }
    let mut out = form_field_names(line);
    static CUT: OnceLock<Regex> = OnceLock::new();
    let cut = crate::patterns::once(
        &CUT,
        r"(金额)?单位\s*[:：]|编制(部门|单位)\s*[:：]|部门(名称)?\s*[:：]",
    );
    let t = compact(line);
    let mut starts: Vec<usize> = cut.find_iter(&t).map(|m| m.start()).collect();
    starts.push(t.len());
    let mut prev = 0;
    for &s in &starts {
        if s > prev {
            for c in label_re().captures_iter(&t[prev..s]) {
                let n = clean_name(&c[1]);
                // A field read as cells already (`部门名称：  X`) counts once.
                if looks_like_org(&n) && !out.iter().any(|(o, _)| *o == n) {
                    out.push((n, 1.0));
                }
            }
        }
        prev = s;
    }
    out
}

/// A form prints its fields as cells, label and value apart, no colon:
/// `部门名称  广州市政务服务和数据管理局`, `部门（单位）名称  宁德市人民政府办公室
/// 部门预算编码  127`. The value is the cell right of the label, never the
/// label glued to it. Cells are the runs of a layout line between two or
/// more spaces.
fn form_field_names(line: &str) -> Vec<(String, f64)> {
    static GAP: OnceLock<Regex> = OnceLock::new();
    let gap = crate::patterns::once(&GAP, r"\s{2,}|\t");
    let cells: Vec<String> = gap.split(line.trim()).map(compact).collect();
    let mut out = Vec::new();
    for pair in cells.windows(2) {
        let label = pair[0].trim_end_matches([':', '：']);
        if FORM_LABELS.contains(&label) {
            let n = clean_name(&pair[1]);
            if looks_like_org(&n) {
                // 单位名称 / 预算单位 of a project form may name a unit under
                // the department: half the weight of a 部门 field.
                let w = if label.starts_with("单位") || label.starts_with("预算单位") {
                    0.5
                } else {
                    1.0
                };
                out.push((n, w));
            }
        }
    }
    out
}

/// Form-field labels that name the department (the cell right of one is
/// the name).
const FORM_LABELS: &[&str] = &[
    "部门名称",
    "单位名称",
    "部门（单位）名称",
    "部门(单位)名称",
    "预算部门",
    "预算单位",
    "预算部门名称",
    "预算单位名称",
    "主管部门",
    "编制部门",
    "编制单位",
    "填报单位",
];

fn clean_name(name: &str) -> String {
    static PREFIX: OnceLock<Regex> = OnceLock::new();
    let prefix = crate::patterns::once(
        &PREFIX,
        r"^(第[一二三四五六七八九十]+部分|附件\d*[:：]?|[一二三四五六七八九十]+、|(?:部门（单位）|部门\(单位\)|预算部门|预算单位|部门|单位)名称[:：]?|(?:编制|填报|预算|主管)(?:部门|单位)[:：]?|纳入)",
    );
    let mut n = compact(name);
    while let Some(m) = prefix.find(&n) {
        if m.end() == 0 {
            break;
        }
        n = n[m.end()..].to_string();
    }
    // 纳入X部门决算编制范围的… : the name stops before the scope phrase.
    for stop in [
        "部门决算编制范围",
        "部门预算编制范围",
        "决算编制范围",
        "预算编制范围",
    ] {
        if let Some(i) = n.find(stop) {
            n.truncate(i);
        }
    }
    // （汇总） marks the consolidated department: the department itself.
    // （本级） is kept: the department's own body is another entity than
    // the department with its units.
    for tail in ["（汇总）", "(汇总)", "汇总"] {
        if let Some(s) = n.strip_suffix(tail) {
            n = s.to_string();
        }
    }
    n
}

pub(crate) fn looks_like_org(name: &str) -> bool {
    // A kept （本级） does not hide the name's own ending.
    let bare = name
        .strip_suffix("（本级）")
        .or_else(|| name.strip_suffix("(本级)"))
        .unwrap_or(name);
    let n = bare.chars().count();
    (3..=30).contains(&n) && ORG_SUFFIXES.iter().any(|s| bare.ends_with(s)) && !name.contains("单位：")
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
                for (n, w) in labelled_names(l) {
                    *names.entry(n).or_default() += 3.0 * w;
                }
            }
        }
        for l in &p.lines {
            for (n, w) in labelled_names(&l.text) {
                *names.entry(n).or_default() += w;
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
    // Titles that say what the document is without 部门预算/决算
    // (`data/document_kinds.csv`): a government's report or 全市 table, a
    // 绩效自评表, a 绩效目标申报表. Read on the title-like lines of the
    // first two pages and the file's Title.
    let mut government = false;
    let mut rule_kinds: HashMap<DocKind, f64> = HashMap::new();
    let mut rule_years: HashMap<i32, f64> = HashMap::new();
    let mut government_region = String::new();
    // A title wraps (`关于…2026年预算草案的` / `报告`): one to three
    // consecutive lines of a page are read together.
    let mut title_like: Vec<(String, f64)> = Vec::new();
    for p in head.iter().filter(|p| p.number <= 2) {
        let texts: Vec<(String, f64)> = p.lines.iter().map(|l| (compact(&l.text), l.size)).collect();
        for i in 0..texts.len() {
            let mut joined = String::new();
            let mut size: f64 = 0.0;
            for (t, s) in texts.iter().skip(i).take(3) {
                joined.push_str(t);
                size = size.max(*s);
                if joined.chars().count() > 60 || joined.contains(['，', '。', '；', ',', ';']) {
                    break;
                }
                title_like.push((joined.clone(), if size >= max_size * 0.8 { 2.0 } else { 1.0 }));
            }
        }
    }
    if let Some(t) = pdf_title {
        title_like.push((compact(t), 1.0));
    }
    for (text, weight) in &title_like {
        let weight = *weight;
        for (rule, c) in document_kind_hits(text) {
            if let Some(k) = rule.doc_kind {
                *rule_kinds.entry(k).or_default() += weight;
            }
            if let Some(y) = c.name("year").and_then(|y| y.as_str().parse::<i32>().ok()) {
                *rule_years.entry(y).or_default() += weight;
            }
            if rule.level == Some(Level::Government) {
                government = true;
                if government_region.is_empty() {
                    government_region = region_prefix(text.trim_start_matches("关于"));
                }
            }
        }
    }
    if government {
        // The report's own year and kind (关于2025年预算执行情况和2026年预算草案的报告:
        // 2026, budget) outweigh the years and 预算 it mentions.
        for (k, w) in rule_kinds.drain() {
            *kinds.entry(k).or_default() += 100.0 * w;
        }
        for (y, w) in rule_years.drain() {
            *years.entry(y).or_default() += 100.0 * w;
        }
        levels.clear();
        levels.insert(Level::Government, 1.0);
    } else if kinds.is_empty() {
        kinds = rule_kinds;
    }
    // A form's subtitle states its year alone: （2024年度）.
    if years.is_empty() {
        static Y: OnceLock<Regex> = OnceLock::new();
        let y = crate::patterns::once(&Y, r"^[（(]?(20\d{2})\s*年度?[）)]?$");
        for p in pages {
            for l in &p.lines {
                if let Some(c) = y.captures(&compact(&l.text))
                    && let Ok(v) = c[1].parse::<i32>()
                {
                    *years.entry(v).or_default() += 1.0;
                }
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

    // A government-wide report is no department's: the region is the
    // government's (关于杭州市2025年预算执行情况…: 杭州市).
    let department = if level == Level::Government {
        String::new()
    } else {
        department
    };
    // Short form: a name the document uses that abbreviates the full one.
    let department_short = short_form(pages, &department);
    let mut region = region_of(&department);
    if level == Level::Government && region.is_empty() {
        region = government_region;
    }
    if region.is_empty() {
        region = located_in(pages);
    }
    let parent_department = if level == Level::Unit {
        parent_in_text(&head, &department)
    } else {
        String::new()
    };
    Metadata {
        department,
        department_short,
        region,
        year,
        doc_kind,
        level,
        parent_department,
    }
}

/// The department a unit's document names as its own: `主管部门：上海市医疗保障局`,
/// or `上海市医疗保险事业管理中心是上海市医疗保障局所属的事业单位`. The name
/// must read as an organisation's and not be the unit itself.
fn parent_in_text(pages: &[&PageLayout], unit: &str) -> String {
    pages
        .iter()
        // A sentence wraps: the page's lines joined.
        .find_map(|p| {
            parent_in(
                &p.lines.iter().map(|l| compact(&l.text)).collect::<String>(),
                unit,
            )
        })
        .unwrap_or_default()
}

/// [`parent_in_text`] on one page's text.
fn parent_in(text: &str, unit: &str) -> Option<String> {
    /// Starts of a generic phrase, not a body's name.
    const GENERIC_BODIES: &[&str] = &["市级", "省级", "区级", "县级", "本级", "各", "本", "主管", "预算"];
    static R: OnceLock<Regex> = OnceLock::new();
    let re = crate::patterns::once(
        &R,
        r"(?:(?:上级)?(?:预算)?主管(?:部门|单位)|归口管理部门)[:：]([^\s，。；,;:：0-9]{3,30})|(?:是|系|为|隶属于)([^\s，。；,;:：是]{3,30}?)(?:所属|下属|直属)的?",
    );
    for c in re.captures_iter(text) {
        let org = if let Some(field) = c.get(1) {
            // The field runs on into the next one in joined text: the
            // longest start of it that ends like an organisation's name.
            let name = field.as_str();
            let ends: Vec<usize> = name.char_indices().map(|(i, c)| i + c.len_utf8()).collect();
            ends.iter().rev().map(|&e| &name[..e]).find(|n| looks_like_org(n))
        } else {
            // In a sentence the name stands right before 所属.
            c.get(2).map(|m| m.as_str()).filter(|n| looks_like_org(n))
        };
        // A definition (`…是市级预算主管部门及所属单位…`) names no body.
        if let Some(org) = org
            && org != unit
            && !GENERIC_BODIES.iter().any(|p| org.starts_with(p))
        {
            return Some(org.to_string());
        }
    }
    None
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
        // The statement may wrap (`（以下简称市重大项` / `目办）`): read it on
        // the page's joined text, so the short name is never cut at a line
        // end; without quotes, the longest start of what follows 简称 that
        // abbreviates the full name and ends like a name.
        let joined: String = p.lines.iter().map(|l| compact(&l.text)).collect();
        for c in says.captures_iter(&joined) {
            let chars: Vec<char> = c[1].chars().collect();
            for n in (3..=chars.len()).rev() {
                let cand: String = chars[..n].iter().collect();
                if abbreviates(&cand, full)
                    && (n == chars.len() || ORG_SUFFIXES.iter().any(|s| cand.ends_with(s)))
                {
                    return cand;
                }
            }
        }
        for l in &p.lines {
            let t = compact(&l.text);
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

const DOCUMENT_KINDS_FILE: &str = "data/document_kinds.csv";
const DOCUMENT_KINDS: &str = include_str!("../../data/document_kinds.csv");

/// A title that says what the document is (`data/document_kinds.csv`).
struct DocumentKindRule {
    pattern: Regex,
    doc_kind: Option<DocKind>,
    level: Option<Level>,
}

#[derive(serde::Deserialize)]
struct DocumentKindRow {
    pattern: String,
    doc_kind: String,
    level: String,
    #[allow(dead_code)]
    note: String,
}

fn read_document_kinds() -> Result<Vec<DocumentKindRule>, RuleError> {
    let rows = rules::load::<DocumentKindRow>(DOCUMENT_KINDS_FILE, DOCUMENT_KINDS)?;
    let mut out = Vec::new();
    for row in rows {
        let pattern = row.regex(DOCUMENT_KINDS_FILE, "pattern", &row.row.pattern)?;
        let doc_kind = match row.row.doc_kind.as_str() {
            "" => None,
            "budget" => Some(DocKind::Budget),
            "final_account" => Some(DocKind::FinalAccount),
            _ => {
                return Err(row.error(
                    DOCUMENT_KINDS_FILE,
                    "doc_kind",
                    "not budget, final_account or empty",
                ));
            }
        };
        let level = match row.row.level.as_str() {
            "" => None,
            "government" => Some(Level::Government),
            "department" => Some(Level::Department),
            "unit" => Some(Level::Unit),
            _ => {
                return Err(row.error(
                    DOCUMENT_KINDS_FILE,
                    "level",
                    "not government, department, unit or empty",
                ));
            }
        };
        if doc_kind.is_none() && level.is_none() {
            return Err(row.error(
                DOCUMENT_KINDS_FILE,
                "doc_kind",
                "a row says a kind, a level or both",
            ));
        }
        out.push(DocumentKindRule {
            pattern,
            doc_kind,
            level,
        });
    }
    Ok(out)
}

/// The table, built once: by the first use, or by `check` at start.
static CELL_DOCUMENT_KINDS: OnceLock<Vec<DocumentKindRule>> = OnceLock::new();
fn document_kinds() -> &'static [DocumentKindRule] {
    rules::get(&CELL_DOCUMENT_KINDS, read_document_kinds).as_slice()
}

/// The rules of `data/document_kinds.csv` a title line matches, with the
/// match (its `year` group, where the rule has one).
fn document_kind_hits(text: &str) -> Vec<(&'static DocumentKindRule, regex::Captures<'_>)> {
    document_kinds()
        .iter()
        .filter_map(|r| r.pattern.captures(text).map(|c| (r, c)))
        .collect()
}

/// The region a title starts with (杭州市2025年…, 江苏省…): the
/// administrative prefix, even when nothing follows it.
fn region_prefix(text: &str) -> String {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = crate::patterns::once(
        &R,
        r"^((?:[\p{Han}]{2,7}?(?:省|自治区))?(?:[\p{Han}]{2,7}?(?:市|自治州|州|地区|盟))?(?:[\p{Han}]{1,7}?(?:区|县|旗))?)",
    );
    r.captures(text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_string())
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

/// The table, built once: by the first use, or by `check` at start.
static CELL_PROVINCES: OnceLock<Vec<Province>> = OnceLock::new();
fn provinces() -> &'static [Province] {
    rules::get(&CELL_PROVINCES, read_provinces).as_slice()
}

/// Reads the table (see [`crate::rules::check_all`]).
pub(crate) fn check() -> Result<(), RuleError> {
    rules::try_init(&CELL_PROVINCES, read_provinces)?;
    rules::try_init(&CELL_DOCUMENT_KINDS, read_document_kinds).map(|_| ())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A unit document's department, as the text names it; a definition of
    /// 主管部门 in general names none.
    #[test]
    fn a_unit_names_its_department() {
        let unit = "上海市医疗保险事业管理中心";
        for (text, want) in [
            (
                "预算单位：上海市医疗保险事业管理中心主管部门：上海市医疗保障局单位地址：",
                Some("上海市医疗保障局"),
            ),
            (
                "上海市医疗保险事业管理中心是上海市医疗保障局所属的参公事业单位。",
                Some("上海市医疗保障局"),
            ),
            (
                "本中心系武汉市人力资源和社会保障局直属事业单位",
                Some("武汉市人力资源和社会保障局"),
            ),
            (
                "财政拨款收入：是市级预算主管部门及所属预算单位本年度从本级财政部门取得的",
                None,
            ),
            (
                "上海市医疗保险事业管理中心是参照公务员法管理的全额拨款事业单位。",
                None,
            ),
        ] {
            assert_eq!(parent_in(text, unit).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn department_and_year_from_a_file_name() {
        assert_eq!(
            from_file_name(
                "x/renwu__002_北京_政府办公厅_附件2：北京市重大项目建设指挥部办公室2026年度部门预算报表.pdf"
            ),
            ("北京市重大项目建设指挥部办公室".to_string(), Some(2026))
        );
    }

    #[test]
    fn regions() {
        assert_eq!(region_of("江苏省人民检察院"), "江苏省");
        assert_eq!(region_of("武汉市东西湖区人力资源和社会保障局"), "武汉市东西湖区");
        assert_eq!(region_of("西安市卫生健康委员会"), "西安市");
        assert_eq!(region_of("中共江苏省委办公厅"), "江苏省");
        assert_eq!(region_of("中国共产党江苏省委员会办公厅"), "江苏省");
        assert_eq!(region_of("上海市医疗保险事业管理中心"), "上海市");
        assert_eq!(region_of("西南大学"), "");
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
    fn form_fields_give_the_name_without_the_label() {
        assert_eq!(
            form_field_names("部门名称  广州市政务服务和数据管理局"),
            vec![("广州市政务服务和数据管理局".to_string(), 1.0)]
        );
        assert_eq!(
            labelled_names("部门（单位）名称  宁德市人民政府办公室  部门预算编码  127"),
            vec![("宁德市人民政府办公室".to_string(), 1.0)]
        );
        // Glued once the spaces are gone: the label is not part of the name.
        assert_eq!(
            clean_name("部门名称广州市政务服务和数据管理局"),
            "广州市政务服务和数据管理局"
        );
        assert_eq!(
            clean_name("部门（单位）名称：宁德市人民政府办公室"),
            "宁德市人民政府办公室"
        );
        // A 专项资金 form's 主管部门 field, glued the same way.
        assert_eq!(
            clean_name("主管部门武汉市东西湖区人力资源和社会保障局"),
            "武汉市东西湖区人力资源和社会保障局"
        );
        assert!(form_field_names("项目名称  信息系统运维经费").is_empty());
    }

    #[test]
    fn scope_phrases_and_suffixes() {
        assert_eq!(
            clean_name("纳入西安市卫生健康委员会部门决算编制范围的"),
            "西安市卫生健康委员会"
        );
        assert_eq!(clean_name("西安市卫生健康委员会（汇总）"), "西安市卫生健康委员会");
        assert_eq!(
            clean_name("武汉市东西湖区人力资源和社会保障局（本级）"),
            "武汉市东西湖区人力资源和社会保障局（本级）"
        );
    }

    #[test]
    fn document_kind_rules() {
        let kinds = |t: &str| {
            document_kind_hits(t)
                .into_iter()
                .map(|(r, c)| {
                    (
                        r.doc_kind,
                        r.level,
                        c.name("year").map(|y| y.as_str().to_string()),
                    )
                })
                .fold(Vec::new(), |mut v, x| {
                    // Two rows may say the same thing.
                    if !v.contains(&x) {
                        v.push(x);
                    }
                    v
                })
        };
        assert_eq!(
            kinds("关于杭州市2025年预算执行情况和2026年预算草案的报告"),
            vec![(
                Some(DocKind::Budget),
                Some(Level::Government),
                Some("2026".to_string())
            )]
        );
        assert_eq!(
            kinds("2023年全市一般公共预算支出决算表"),
            vec![(
                Some(DocKind::FinalAccount),
                Some(Level::Government),
                Some("2023".to_string())
            )]
        );
        assert_eq!(
            kinds("部门整体绩效自评表"),
            vec![(Some(DocKind::FinalAccount), None, None)]
        );
        assert_eq!(
            kinds("部门整体预算绩效目标申报表"),
            vec![(Some(DocKind::Budget), None, None)]
        );
        assert_eq!(
            kinds("2023年杭州市一般公共预算支出决算表"),
            vec![(
                Some(DocKind::FinalAccount),
                Some(Level::Government),
                Some("2023".to_string())
            )]
        );
        assert!(kinds("2023年杭州市司法局一般公共预算财政拨款支出决算表").is_empty());
        assert!(kinds("2026年一般公共预算支出预算表").is_empty());
        // A department's own reports are no government's.
        assert!(kinds("江苏省人民检察院2019年度部门预算公开").is_empty());
        assert!(kinds("杭州市司法局2024年决算报告").is_empty());
        assert!(kinds("2021年度部门决算报告").is_empty());
        assert_eq!(region_prefix("杭州市2025年预算执行情况"), "杭州市");
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
