//! Labels: the same 科目 or row label printed many ways becomes one key.
//!
//! `（一）“三公”经费`, `(一)"三公"经费`, `1.三公经费` and `三 公 经 费` all
//! normalise to `三公经费`: NFKC (full-width brackets and colons to ASCII),
//! white space and quotation marks removed, list prefixes (`一、`, `（一）`,
//! `1.`, `(1)`, `①`, `其中：`) stripped.

use unicode_normalization::UnicodeNormalization;

const QUOTES: &[char] = &['“', '”', '"', '‘', '’', '\'', '「', '」', '『', '』', '《', '》'];

/// Normalises a label for comparison and lookup.
///
/// ```
/// use yusuan::normalize::label::normalize_label;
/// assert_eq!(normalize_label("（一）“三公”经费"), "三公经费");
/// assert_eq!(normalize_label("1.人员经费"), "人员经费");
/// assert_eq!(normalize_label("其中：公务用车购置费"), "公务用车购置费");
/// assert_eq!(normalize_label("因公出国（境）费"), "因公出国(境)费");
/// ```
pub fn normalize_label(text: &str) -> String {
    // Circled numbers first: NFKC would turn ① into a plain 1.
    let text = text
        .trim_start()
        .trim_start_matches(|c: char| ('①'..='⑳').contains(&c));
    let keep = |c: &char| !c.is_whitespace() && !QUOTES.contains(c);
    // Most labels are already in NFKC (the quick check says so without
    // decomposing): then only spaces and quotes go. Labels are normalised
    // for every cell of every table, so this is on the hot path.
    let mut s: String = match unicode_normalization::is_nfkc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text.chars().filter(keep).collect(),
        _ => text.nfkc().filter(keep).collect(),
    };
    // The prefixes are cut in place: no second string.
    let cut = s.len() - strip_prefixes(&s).len();
    s.drain(..cut);
    s
}

/// Strips list numbering and `其中：` from the front of a label.
pub fn strip_prefixes(mut s: &str) -> &str {
    loop {
        let before = s;
        s = s.trim_start_matches(['、', '.', ':', ',', ' ']);
        if let Some(rest) = s.strip_prefix("其中:").or_else(|| s.strip_prefix("其中")) {
            s = rest;
        }
        if let Some(rest) = strip_enumeration(s) {
            s = rest;
        }
        if s == before {
            return s;
        }
    }
}

fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '零' | '〇' | '两'
    )
}

/// One enumeration marker at the front: `一、`, `(一)`, `1.`, `1、`,
/// `(1)`, `1)`, `①`.
fn strip_enumeration(s: &str) -> Option<&str> {
    // Most labels start with neither a digit nor a bracket: decided on the
    // first character, without collecting the rest (this runs for every
    // cell of every table).
    let lead = s.chars().next()?;
    if !(lead == '(' || lead.is_ascii_digit() || is_cn_digit(lead) || ('①'..='⑳').contains(&lead)) {
        return None;
    }
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let (_, first) = *chars.first()?;
    if ('①'..='⑳').contains(&first) {
        return Some(&s[first.len_utf8()..]);
    }
    if first == '(' {
        let close = chars.iter().position(|&(_, c)| c == ')')?;
        let inner: String = chars[1..close].iter().map(|&(_, c)| c).collect();
        if !inner.is_empty()
            && inner.len() <= 9
            && inner.chars().all(|c| c.is_ascii_digit() || is_cn_digit(c))
        {
            return Some(&s[chars[close].0 + 1..]);
        }
        return None;
    }
    let run = chars
        .iter()
        .take_while(|&&(_, c)| c.is_ascii_digit() || is_cn_digit(c))
        .count();
    if run == 0 || run > 3 {
        return None;
    }
    let (at, sep) = *chars.get(run)?;
    let digits_are_ascii = chars[..run].iter().all(|&(_, c)| c.is_ascii_digit());
    match sep {
        '、' => Some(&s[at + sep.len_utf8()..]),
        '.' | ')' if digits_are_ascii => {
            // `1.2` is a number, not an enumeration.
            let next = chars.get(run + 1).map(|&(_, c)| c);
            if next.is_some_and(|c| c.is_ascii_digit()) {
                None
            } else {
                Some(&s[at + 1..])
            }
        }
        _ => None,
    }
}

/// Removes white space between CJK characters (`合 计` → `合计`) and trims.
pub fn compact(text: &str) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev = out.chars().last();
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if let (Some(p), Some(&n)) = (prev, next)
                && !is_cjk(p)
                && !is_cjk(n)
                && !out.ends_with(' ')
            {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether a character is CJK (ideographs, kana, CJK punctuation and
/// full-width forms): no space is read between two of them.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF |
        0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF |
        0x20000..=0x2FA1F)
}

// --- the table vocabulary (data/labels.csv) -------------------------------

const LABELS_FILE: &str = "data/labels.csv";
const LABELS: &str = include_str!("../../data/labels.csv");

/// What a row label or a column header means to the stages that read
/// tables (extract, check, compare alike), from `data/labels.csv`: one
/// vocabulary, so "what is a total row" has one answer. A concept may have
/// several rows (a region's own wording is one more row); they are tried
/// as alternatives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Concept {
    TotalRow,
    SubtotalRow,
    IndexRow,
    IndexColumn,
    CodeColumn,
    UnitColumn,
    CountColumn,
    TotalColumn,
    SubtotalColumn,
    AmountColumn,
    ProjectAmountColumn,
    BasicColumn,
    ProjectColumn,
    SpecialColumn,
    PersonnelColumn,
    PublicFundsColumn,
    OtherSpendingColumn,
    BudgetColumn,
    FinalColumn,
    ChangeColumn,
    GrandTotalColumn,
    ScopeGeneralBudget,
    ScopeGovernmentFund,
    ScopeStateCapital,
    ScopeFiscal,
    ScopeAll,
    ThisYearTotalRow,
    DepartmentWideForm,
}

impl Concept {
    /// The name as `data/labels.csv` and `{concept}` macros spell it.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

#[derive(serde::Deserialize)]
struct LabelRow {
    concept: Concept,
    pattern: String,
}

type Vocabulary = std::collections::BTreeMap<Concept, (String, regex::Regex)>;

fn read_vocabulary() -> Result<Vocabulary, crate::rules::RuleError> {
    let mut parts: std::collections::BTreeMap<Concept, Vec<String>> = std::collections::BTreeMap::new();
    for row in crate::rules::load::<LabelRow>(LABELS_FILE, LABELS)? {
        // Each row must compile on its own, so an error names its line.
        row.regex(LABELS_FILE, "pattern", &row.row.pattern)?;
        parts
            .entry(row.row.concept)
            .or_default()
            .push(format!("(?:{})", row.row.pattern));
    }
    let mut out = Vocabulary::new();
    for (concept, alternatives) in parts {
        let pattern = alternatives.join("|");
        let re = regex::Regex::new(&pattern).map_err(|e| crate::rules::RuleError {
            file: LABELS_FILE,
            line: 0,
            column: concept.name(),
            message: format!("alternatives do not compile together: {e}"),
        })?;
        out.insert(concept, (pattern, re));
    }
    Ok(out)
}
/// The table, built once: by the first use, or by `check` at start.
static CELL_VOCABULARY: std::sync::OnceLock<Vocabulary> = std::sync::OnceLock::new();

fn vocabulary() -> &'static Vocabulary {
    crate::rules::get(&CELL_VOCABULARY, read_vocabulary)
}

/// Whether a label (already [`normalize_label`]led, or a header path of
/// normalised levels joined by `/`) is an instance of `concept`. A concept
/// without rows matches nothing.
pub fn is(concept: Concept, label: &str) -> bool {
    vocabulary()
        .get(&concept)
        .is_some_and(|(_, re)| re.is_match(label))
}

/// `{total_row}`, `{basic_column}` … in a rule's pattern become the
/// concept's pattern (other tables' rules, e.g. `data/table_facts.csv`,
/// name their columns through the same vocabulary). An unknown name is
/// left as it is, and fails to compile as a regex.
pub fn expand_concepts(pattern: &str) -> String {
    if !pattern.contains('{') {
        return pattern.to_string();
    }
    let mut out = pattern.to_string();
    for (concept, (p, _)) in vocabulary() {
        out = out.replace(&format!("{{{}}}", concept.name()), &format!("(?:{p})"));
    }
    out
}

/// The funding scope the last scope phrase in `text` names (`data/labels.csv`
/// concepts `scope_*`): `Some(Some(scope))` for a fund, `Some(None)` for an
/// explicitly whole-department phrase (部门收支, 本单位), `None` when `text`
/// names no scope. 财政拨款 right after 一般公共预算 (一般公共预算财政拨款) is
/// the 一般公共预算 scope.
pub fn scope_in(text: &str) -> Option<Option<crate::extract::metrics::Scope>> {
    use crate::extract::metrics::Scope;
    let v = vocabulary();
    let last = |c: Concept| -> Option<(usize, usize)> {
        v.get(&c)
            .and_then(|(_, re)| re.find_iter(text).last())
            .map(|m| (m.end(), m.start()))
    };
    let candidates = [
        (Concept::ScopeGeneralBudget, Some(Scope::GeneralBudget)),
        (Concept::ScopeGovernmentFund, Some(Scope::GovernmentFund)),
        (Concept::ScopeStateCapital, Some(Scope::StateCapital)),
        (Concept::ScopeFiscal, Some(Scope::Fiscal)),
        (Concept::ScopeAll, None),
    ];
    let mut best: Option<(usize, usize, Option<Scope>)> = None;
    for (c, scope) in candidates {
        if let Some((end, start)) = last(c)
            && best.is_none_or(|(e, _, _)| end > e)
        {
            best = Some((end, start, scope));
        }
    }
    let (_, start, scope) = best?;
    if scope == Some(Scope::Fiscal) {
        // 一般公共预算财政拨款, 政府性基金预算财政拨款: the fund's.
        let before = &text[..start];
        for (c, s) in &candidates[..3] {
            if v.get(c).is_some_and(|(_, re)| {
                re.find_iter(before).last().is_some_and(|m| {
                    m.end() == start || before[m.end()..].chars().all(|ch| matches!(ch, '预' | '算'))
                })
            }) {
                return Some(*s);
            }
        }
    }
    Some(scope)
}

/// A header path with each level normalised, joined by `/`.
pub fn header_key(path: &str) -> String {
    path.split('/').map(normalize_label).collect::<Vec<_>>().join("/")
}

/// The first column whose whole header path is an instance of `concept`.
pub fn column(columns: &[String], concept: Concept) -> Option<usize> {
    columns.iter().position(|c| is(concept, &header_key(c)))
}

/// Every column whose whole header path is an instance of `concept`.
pub fn columns(columns: &[String], concept: Concept) -> Vec<usize> {
    columns
        .iter()
        .enumerate()
        .filter(|(_, c)| is(concept, &header_key(c)))
        .map(|(i, _)| i)
        .collect()
}

/// The first column whose last header level is an instance of `concept`.
pub fn column_by_last_level(columns: &[String], concept: Concept) -> Option<usize> {
    columns.iter().position(|c| {
        let last = c.rsplit('/').next().unwrap_or(c);
        is(concept, &normalize_label(last))
    })
}

/// Reads the vocabulary (see [`crate::rules::check_all`]).
pub(crate) fn check() -> Result<(), crate::rules::RuleError> {
    crate::rules::try_init(&CELL_VOCABULARY, read_vocabulary).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_text() {
        assert_eq!(compact(" 合 计 "), "合计");
        assert_eq!(compact("WPS  Office 文字"), "WPS Office文字");
        assert_eq!(compact("2,123.11"), "2,123.11");
    }

    #[test]
    fn every_concept_has_rows_and_matches_its_examples() {
        let v = read_vocabulary().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(v.len(), 28, "a concept without rows");
        for title in [
            "2026年部门整体支出绩效目标表",
            "整体支出绩效目标申报表",
            "2026年整体支出绩效目标申报表",
            "部门整体绩效目标",
            "部门整体绩效自评表",
            "127部门整体",
        ] {
            assert!(is(Concept::DepartmentWideForm, title), "{title}");
        }
        assert!(!is(
            Concept::DepartmentWideForm,
            "2019年专项资金整体支出绩效目标表"
        ));
        assert!(!is(Concept::DepartmentWideForm, "项目支出绩效目标表"));
        assert!(is(Concept::TotalRow, "合计") && is(Concept::TotalRow, "总计"));
        assert!(!is(Concept::TotalRow, "合计数额"));
        assert!(is(Concept::IndexRow, "栏次") && is(Concept::IndexRow, "行次"));
        // 杭州's templates print ** where others print 栏次.
        assert!(is(Concept::IndexRow, "**") && !is(Concept::IndexRow, "*合计"));
        assert!(
            is(Concept::BasicColumn, "本年支出/基本支出/小计") && is(Concept::BasicColumn, "基本支出合计")
        );
        assert!(is(Concept::CodeColumn, "科目编码/类") && is(Concept::CodeColumn, "功能分类科目代码"));
        assert!(is(Concept::OtherSpendingColumn, "单位预留机动经费"));
        assert!(is(Concept::UnitColumn, "单位名称") && !is(Concept::UnitColumn, "科目名称"));
        assert_eq!(expand_concepts("^{total_row}"), "^(?:(?:^(合计|总计|合计数)$))");
    }

    #[test]
    fn prefixes() {
        assert_eq!(normalize_label("一、一般公共服务支出"), "一般公共服务支出");
        assert_eq!(normalize_label("（二）项目支出"), "项目支出");
        assert_eq!(normalize_label("(1)工资福利支出"), "工资福利支出");
        assert_eq!(normalize_label("2、对个人和家庭的补助"), "对个人和家庭的补助");
        assert_eq!(normalize_label("①办公费"), "办公费");
        assert_eq!(normalize_label("十一、城乡社区支出"), "城乡社区支出");
        assert_eq!(normalize_label("合 计"), "合计");
    }

    #[test]
    fn numbers_and_words_are_not_prefixes() {
        assert_eq!(normalize_label("2.5万元"), "2.5万元");
        assert_eq!(normalize_label("一般公共预算"), "一般公共预算");
        assert_eq!(normalize_label("十分"), "十分");
        assert_eq!(normalize_label("三公经费"), "三公经费");
    }
}
