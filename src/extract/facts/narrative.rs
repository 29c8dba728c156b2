//! Facts from the narrative: `data/fact_patterns.csv`, regular
//! expressions over the narrative (lines rejoined across line and page
//! breaks), with macros for numbers, money, percentages and the direction
//! words that give a change its sign (减少/下降 negative).

use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::{Fact, FactSource};
use crate::extract::metadata::DocKind;
use crate::extract::metrics::{Scope, metrics};
use crate::extract::text::Narrative;
use crate::normalize::label;
use crate::normalize::number::{Amount, chinese_numeral, parse_amount};
use crate::normalize::unit::{MoneyUnit, to_yuan};
use crate::rules::{self, RuleError};

const PATTERNS_FILE: &str = "data/fact_patterns.csv";
const PATTERNS: &str = include_str!("../../../data/fact_patterns.csv");

struct Pattern {
    metric: String,
    re: Regex,
    /// Statements whose sentence matches this are preferred (a 公务接待费
    /// figure in a sentence about “三公” over one in a project description).
    context: Option<Regex>,
    /// A match right after text matching this (anchored at its end) is a
    /// narrower total, not this metric: 财政拨款收入预算总计 is not the
    /// 收入预算总计, 政府采购支出预算总额 not the 支出预算总额.
    not_after: Option<Regex>,
    /// A match in a sentence matching this is about another scope: 公务接待费
    /// 2万元 among the 机关运行经费 items, 人员经费 within one economic class
    /// (对个人和家庭的补助（303）… 其中：人员经费138.06万元).
    unless: Option<Regex>,
}

/// Words that make the figure after them a change, not a level: 增加基本支出
/// 844.15万元 is a rise, whatever pattern of a level matched it.
const CHANGE_WORDS: &[&str] = &[
    "增加", "减少", "增长", "下降", "降低", "压减", "节约", "节省", "增", "减",
];

const NUM: &str = r"[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?";

fn expand(pattern: &str) -> String {
    pattern
        .replace("{MONEY}", r"(?P<num>{NUM})\s*(?P<unit>亿元|万元|千元|元)")
        .replace("{PCT}", r"(?P<num>{NUM})\s*[%％]")
        .replace("{CNUM}", r"(?P<num>{NUM}|[零〇一二三四五六七八九十百两]+)")
        .replace("{DIR}", r"(?P<dir>增加|减少|增长|下降|降低|上升|增|减)")
        .replace("{CMP}", r"(?:比|较|与)[^。，,；]{0,16}?")
        .replace("{GS}", r"[^。；;\d比较增减降占，,、]{0,8}?")
        .replace("{G}", r"[^。；;\d比较增减降占]{0,12}?")
        .replace("{NUM}", NUM)
        .replace("{LIST}", "(?P<list>)")
}

/// The number of items of a numbered list starting at `text[start..]`
/// (`1.办公室。2.资源配置与管理处。…9.组织人事处`): the last index reached
/// counting up from 1, each within a short distance of the previous.
fn count_list(text: &str, start: usize) -> Option<u64> {
    let rest = text.get(start..)?;
    let mut at = 0usize;
    let mut n = 0u64;
    loop {
        let marker_dot = format!("{}.", n + 1);
        let marker_comma = format!("{}、", n + 1);
        let mut window_end = rest.len().min(at + if n == 0 { 12 } else { 240 });
        while !rest.is_char_boundary(window_end) {
            window_end -= 1;
        }
        let window = rest.get(at..window_end).unwrap_or("");
        let found = [window.find(&marker_dot), window.find(&marker_comma)]
            .into_iter()
            .flatten()
            .min();
        match found {
            // The marker must not be the tail of a longer number (12. after 1.).
            Some(i) if !window[..i].ends_with(|c: char| c.is_ascii_digit()) => {
                n += 1;
                at += i + marker_dot.len();
            }
            _ => break,
        }
        if n > 200 {
            break;
        }
    }
    (n > 0).then_some(n)
}

#[derive(Deserialize)]
struct PatternRow {
    metric: String,
    pattern: String,
    context: String,
    not_after: String,
    unless: String,
}

fn read_patterns() -> Result<Vec<Pattern>, RuleError> {
    let mut out = Vec::new();
    for row in rules::load::<PatternRow>(PATTERNS_FILE, PATTERNS)? {
        let r = &row.row;
        if crate::extract::metrics::unit_of(&r.metric).is_none() {
            return Err(row.error(PATTERNS_FILE, "metric", format!("unknown metric {}", r.metric)));
        }
        out.push(Pattern {
            metric: r.metric.clone(),
            re: row.regex(PATTERNS_FILE, "pattern", &expand(&r.pattern))?,
            context: row.optional_regex(PATTERNS_FILE, "context", &r.context)?,
            not_after: row.optional_regex(PATTERNS_FILE, "not_after", &r.not_after)?,
            unless: row.optional_regex(PATTERNS_FILE, "unless", &r.unless)?,
        });
    }
    Ok(out)
}
/// The table, built once: by the first use, or by `check` at start.
static CELL_PATTERNS: OnceLock<Vec<Pattern>> = OnceLock::new();

fn patterns() -> &'static [Pattern] {
    rules::get(&CELL_PATTERNS, read_patterns).as_slice()
}

fn is_fall(dir: &str) -> bool {
    matches!(dir, "减少" | "下降" | "降低" | "减")
}

/// Converts a matched number and unit into the metric's canonical unit.
fn canonical_value(num: &str, unit: &str, metric_unit: &str) -> Option<Decimal> {
    let value = match parse_amount(num) {
        Some(Amount::Value(v)) => v,
        _ => Decimal::from(chinese_numeral(num)?),
    };
    match metric_unit {
        "yuan" => Some(to_yuan(value, MoneyUnit::parse(unit)?)),
        _ => Some(value),
    }
}

/// Whether a statement of a level (not a change) is rather a change, or
/// another scope's figure: see [`Pattern::not_after`], [`Pattern::unless`],
/// [`CHANGE_WORDS`].
fn excluded(p: &Pattern, before: &str, context: &str) -> bool {
    let is_level =
        !(p.metric.ends_with(".change") || p.metric.ends_with(".change_pct") || p.metric.ends_with(".prior"));
    (is_level && CHANGE_WORDS.iter().any(|w| before.ends_with(w)))
        || p.not_after.as_ref().is_some_and(|re| re.is_match(before))
        || p.unless.as_ref().is_some_and(|re| re.is_match(context))
}

/// Whether a label speaks of the other kind of figure: a 预算 (budget)
/// figure in a 决算 (final account) — 公务接待费预算1.86万元，支出决算0.11万元 —
/// or a 决算 figure in a budget.
fn other_kind(label: &str, kind: Option<DocKind>) -> bool {
    // 一般公共预算 and 政府性基金预算 name funds, not the budget figure.
    let label = [
        "一般公共预算",
        "政府性基金预算",
        "国有资本经营预算",
        "预算单位",
        "预算管理",
    ]
    .iter()
    .fold(label.to_string(), |l, fund| l.replace(fund, ""));
    match kind {
        Some(DocKind::FinalAccount) => label.contains("预算") && !label.contains("决算"),
        Some(DocKind::Budget) => label.contains("决算"),
        None => false,
    }
}

/// The 决算 figure right after a 预算 one in a final account (`预算593.46
/// 万元，支出决算587.55万元`): value, raw text and position.
fn actual_after(text: &str, from: usize, metric_unit: &str) -> Option<(Decimal, String, usize)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(&expand(
            r"^[，,、；;]?\s*(?:支出|实际支出|全年支出)?决算(?:数)?(?:为|是)?\s*{MONEY}",
        ))
        .expect("static pattern")
    });
    let c = re.captures(text.get(from..)?)?;
    let num = c.name("num")?;
    let unit = c.name("unit")?;
    let value = canonical_value(num.as_str(), unit.as_str(), metric_unit)?;
    Some((
        value,
        format!("{}{}", num.as_str(), unit.as_str()),
        from + num.start(),
    ))
}

/// Every statement the narrative makes that a pattern recognises, in a
/// document of `kind`.
pub fn narrative_facts(n: &Narrative, headings: &[(usize, String)], kind: Option<DocKind>) -> Vec<Fact> {
    let mut out = Vec::new();
    for (priority, p) in patterns().iter().enumerate() {
        let Some(metric_unit) = crate::extract::metrics::unit_of(&p.metric) else {
            continue;
        };
        for c in p.re.captures_iter(&n.text) {
            let Some(whole) = c.get(0) else { continue };
            let before = tail(&n.text[..whole.start()], 8);
            let zero = c.name("zero").is_some();
            let (mut value, mut raw, mut at) = if let Some(list) = c.name("list") {
                let Some(n) = count_list(&n.text, list.end()) else {
                    continue;
                };
                (Decimal::from(n), format!("{n}项（列举）"), list.end())
            } else if zero {
                let z = c
                    .name("zero")
                    .map(|m| (m.as_str(), m.start()))
                    .unwrap_or(("", whole.start()));
                (Decimal::ZERO, z.0.to_string(), z.1)
            } else {
                let Some(num) = c.name("num") else { continue };
                let unit = c.name("unit").map(|m| m.as_str()).unwrap_or("");
                let Some(mut v) = canonical_value(num.as_str(), unit, metric_unit) else {
                    continue;
                };
                if c.name("dir").is_some_and(|d| is_fall(d.as_str())) {
                    v = -v;
                }
                let raw_end = if metric_unit == "pct" {
                    (num.end()
                        + whole.as_str()[num.end() - whole.start()..]
                            .find(['%', '％'])
                            .map(|i| i + 1)
                            .unwrap_or(0))
                    .min(whole.end())
                } else {
                    c.name("unit").map(|m| m.end()).unwrap_or(num.end())
                };
                let raw_start = c
                    .name("dir")
                    .map(|d| d.start())
                    .filter(|&s| s + 12 > num.start())
                    .unwrap_or(num.start());
                (v, n.text[raw_start..raw_end].to_string(), num.start())
            };
            // The label: the matched text before the figure, trimmed.
            let mut label: String = n.text[whole.start()..at]
                .trim_end_matches(|ch: char| {
                    !ch.is_alphanumeric() && !('\u{4e00}'..='\u{9fff}').contains(&ch)
                })
                .chars()
                .rev()
                .take(40)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let sentence_start = n.text[..whole.start()]
                .rfind(['。', '\n'])
                .map(|i| i + '。'.len_utf8().min(n.text.len() - i))
                .unwrap_or(0);
            let sentence_end = n.text[whole.end()..]
                .find('。')
                .map(|i| whole.end() + i + '。'.len_utf8())
                .unwrap_or(n.text.len());
            let context: String = n
                .text
                .get(sentence_start.min(whole.start())..sentence_end)
                .unwrap_or("")
                .chars()
                .take(200)
                .collect();
            if excluded(p, before, &context) {
                continue;
            }
            if metric_unit != "pct" && other_kind(&label, kind) {
                // 公务接待费预算1.86万元，支出决算0.11万元: the 决算 figure
                // that follows is this document's statement.
                let follows = (kind == Some(DocKind::FinalAccount))
                    .then(|| actual_after(&n.text, whole.end(), metric_unit))
                    .flatten();
                let Some((v, r, a)) = follows else { continue };
                (value, raw, at) = (v, r, a);
                label.push_str("…决算");
            }
            let fits = p.context.as_ref().is_none_or(|c| c.is_match(&context));
            let section = n.section_at(at, headings);
            // Scope is part of the metric: a sentence about 一般公共预算
            // 基本支出 states expenditure.general_budget.basic, not the
            // department's 基本支出.
            let clause_start = n.text[..whole.start()]
                .rfind(['。', '；', ';', '\n'])
                .map(|i| i + n.text[i..].chars().next().map(char::len_utf8).unwrap_or(1))
                .unwrap_or(0);
            let before = n.text.get(clause_start..at).unwrap_or("");
            let Some(metric) = scoped_metric(&p.metric, statement_scope(before, &section)) else {
                continue;
            };
            // A change explained by a change of scope keeps the explanation.
            let reason = (metric.ends_with(".change") || metric.ends_with(".change_pct"))
                .then(|| super::reasons::stated_reason(n, headings, whole.end()))
                .flatten();
            out.push(Fact {
                metric,
                label,
                value,
                unit: metric_unit.to_string(),
                raw_text: raw,
                page: n.page_at(at),
                section,
                source: FactSource::Narrative,
                context,
                reason,
                rank: (u8::from(!fits), priority),
            });
        }
    }
    out.sort_by_key(|f| (f.page, f.metric.clone()));
    out
}

/// The funding scope a statement is about: the last scope phrase
/// (`data/labels.csv`: 一般公共预算, 政府性基金, 国有资本经营, 财政拨款, or
/// the whole department's 部门/单位 收支) in its clause before the figure,
/// else in its section heading; the whole department when none.
fn statement_scope(before: &str, section: &str) -> Option<Scope> {
    label::scope_in(before)
        .or_else(|| label::scope_in(section))
        .flatten()
}

/// The key a statement of `metric` in `scope` goes to: the scoped key
/// where the metric has scopes (`expenditure.basic` about 一般公共预算 →
/// `expenditure.general_budget.basic`), `None` when it has scopes but not
/// this one (a 政府性基金 基本支出 is no key's figure); the metric itself
/// otherwise.
fn scoped_metric(metric: &str, scope: Option<Scope>) -> Option<String> {
    let table = metrics();
    let Some(scope) = scope else {
        return Some(metric.to_string());
    };
    let Some(m) = table.get(metric) else {
        return Some(metric.to_string());
    };
    if m.scope.is_some() || !table.has_scopes(metric) {
        return Some(metric.to_string());
    }
    table.scoped(metric, scope).map(|m| m.metric.clone())
}

/// The last `n` characters of `s`.
fn tail(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(0);
    &s[start..]
}

/// Reads this module's rule table.
pub(super) fn check() -> Result<(), RuleError> {
    rules::try_init(&CELL_PATTERNS, read_patterns).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn narrative(text: &str) -> Narrative {
        let pages = vec![crate::layout::PageLayout {
            number: 3,
            width: 595.0,
            height: 842.0,
            text_rotation: 0,
            lines: Vec::new(),
            tables: Vec::new(),
            kind: crate::pdf::PageKind::Text,
            ocr: false,
            confidences: Vec::new(),
        }];
        let (mut n, _) = crate::extract::text::narrative(&pages);
        n.text = text.to_string();
        n
    }

    fn find<'a>(facts: &'a [Fact], metric: &str) -> Option<&'a Fact> {
        facts.iter().find(|f| f.metric == metric)
    }

    #[test]
    fn every_rule_compiles_and_names_a_metric() {
        let n = PATTERNS.lines().skip(1).filter(|l| !l.is_empty()).count();
        assert_eq!(read_patterns().map(|p| p.len()), Ok(n));
    }

    #[test]
    fn narrative_money_changes_and_signs() {
        let n = narrative(
            "2020年部门收支总预算2934.45万元。比2019年预算减少2627.46万元，下降47%，主要是机构改革。\
             支出包括：基本支出2237.90万元，项目支出396.55万元，专项支出300万元。\
             2020年部门财政拨款资金安排“三公”经费预算2万元，比2019年减少1万元，降低33%。其中：1.因公出国(境)经费预算0万元。",
        );
        let facts = narrative_facts(&n, &[], Some(DocKind::Budget));
        let v = |m: &str| find(&facts, m).map(|f| f.value.to_string());
        assert_eq!(v("expenditure.total.change").as_deref(), Some("-26274600.00"));
        assert_eq!(v("expenditure.total.change_pct").as_deref(), Some("-47"));
        assert_eq!(v("expenditure.basic").as_deref(), Some("22379000.00"));
        assert_eq!(v("expenditure.project").as_deref(), Some("3965500.00"));
        assert_eq!(v("expenditure.special").as_deref(), Some("3000000.00"));
        assert_eq!(v("three_public.total").as_deref(), Some("20000.00"));
        assert_eq!(v("three_public.total.change").as_deref(), Some("-10000.00"));
        assert_eq!(v("three_public.overseas").as_deref(), Some("0.00"));
        let change = find(&facts, "expenditure.total.change").expect("change");
        assert_eq!(change.raw_text, "减少2627.46万元");
        assert_eq!(change.page, 3);
    }

    #[test]
    fn a_change_of_this_years_appropriation_with_its_rate() {
        // The section about spending states the change of the one total it
        // names; 减幅 is a fall.
        let n = narrative(
            "（一）一般公共预算当年拨款规模变化情况\n\
             某局2026年一般公共预算当年财政拨款16,474.82万元, 比2025年执行数减少20,766.6万元，减幅55.76%。",
        );
        let facts = narrative_facts(&n, &[], Some(DocKind::Budget));
        let v = |m: &str| find(&facts, m).map(|f| f.value.to_string());
        assert_eq!(v("expenditure.total.change").as_deref(), Some("-207666000.00"));
        assert_eq!(v("expenditure.total.change_pct").as_deref(), Some("-55.76"));
    }

    #[test]
    fn narrative_counts_and_units() {
        let n = narrative(
            "区人社局机关内设科室3个，所属二级事业单位10个。区人社局共有编制62人，其中：行政编制18人，事业编制41人。在职实有人数57人。离退休人员27人。房屋面积3,750平方米，车辆2辆。",
        );
        let facts = narrative_facts(&n, &[], Some(DocKind::Budget));
        let v = |m: &str| find(&facts, m).map(|f| (f.value.to_string(), f.unit.clone()));
        assert_eq!(v("dept.internal_divisions"), Some(("3".into(), "count".into())));
        assert_eq!(v("dept.subordinate_units"), Some(("10".into(), "count".into())));
        assert_eq!(v("staff.authorized"), Some(("62".into(), "person".into())));
        assert_eq!(v("staff.authorized_admin"), Some(("18".into(), "person".into())));
        assert_eq!(
            v("staff.authorized_institution"),
            Some(("41".into(), "person".into()))
        );
        assert_eq!(v("staff.actual"), Some(("57".into(), "person".into())));
        assert_eq!(v("staff.retired"), Some(("27".into(), "person".into())));
        assert_eq!(v("assets.building_area"), Some(("3750".into(), "m2".into())));
        assert_eq!(v("assets.vehicles"), Some(("2".into(), "vehicle".into())));
    }

    #[test]
    fn enumerated_lists_are_counted() {
        let n = narrative(
            "本单位内设机构包括：1.办公室。2.资源配置与管理处。3.政策法规处。4.高新技术处。另按有关规定设置机关党委。",
        );
        let facts = narrative_facts(&n, &[], Some(DocKind::Budget));
        assert_eq!(
            find(&facts, "dept.internal_divisions").map(|f| f.value),
            Some(Decimal::from(4))
        );
        assert_eq!(count_list("1.甲2.乙12.丙", 0), Some(2));
    }

    #[test]
    fn unchanged_is_zero() {
        let n = narrative("2026年“三公”经费预算14.30万元，与上年预算持平。");
        let facts = narrative_facts(&n, &[], Some(DocKind::Budget));
        assert_eq!(
            find(&facts, "three_public.total.change").map(|f| f.value),
            Some(Decimal::ZERO)
        );
    }
}
