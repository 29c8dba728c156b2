//! What the narrative claims, checked against itself and the tables:
//! N3 (an item's headline figure against its body), N4 (a stated change
//! against the figures it is the change of), N5 (a stated change of a total
//! against the stated changes of its parts), N6 (stated shares 占X%),
//! N7 (an absence claim against a table printing figures) and N8 (a claim
//! that everything is 一般公共预算拨款 against the split by fund).
//!
//! No false accusation: two figures are compared only when the sentence
//! ties them together (one item, one sentence, one list of parts of one
//! whole) and the same period; where the reading is not sure — the parts do
//! not add up to the whole, a share's whole is not the one the other shares
//! are of, a claim names another year — the check is `skipped` with the
//! reason. Claim wordings (absence, single fund) are rows of
//! `data/claims.csv`.

use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::figure::{Figure, compare, compare_pct, last_digit_unit, precision_of, unit_in, wan};
use super::{CheckResult, Severity, Status, or_skipped};
use crate::extract::Extracted;
use crate::extract::facts::{Fact, FactSource};
use crate::normalize::unit::to_yuan;
use crate::rules::{self, RuleError};

const FILE: &str = "data/claims.csv";
const TEXT: &str = include_str!("../../data/claims.csv");

/// What a claim is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Subject {
    /// “三公”经费.
    ThreePublic,
    /// 政府性基金 (budget appropriations and spending).
    GovernmentFund,
    /// (机关)运行经费.
    OperatingCosts,
    /// 一般公共预算拨款 (for a single-fund claim).
    GeneralBudget,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Kind {
    /// The department has none of the subject (N7).
    Absence,
    /// All of the department's money is of one fund (N8).
    SingleFund,
}

#[derive(Debug, Deserialize)]
struct Row {
    kind: Kind,
    subject: Subject,
    pattern: String,
    unless: String,
}

pub(crate) struct Claim {
    kind: Kind,
    subject: Subject,
    pattern: Regex,
    unless: Option<Regex>,
}

fn read_claims() -> Result<Vec<Claim>, RuleError> {
    let mut out = Vec::new();
    for r in rules::load::<Row>(FILE, TEXT)? {
        out.push(Claim {
            kind: r.row.kind,
            subject: r.row.subject,
            pattern: r.regex(FILE, "pattern", &r.row.pattern)?,
            unless: r.optional_regex(FILE, "unless", &r.row.unless)?,
        });
    }
    Ok(out)
}

pub(crate) fn check() -> Result<(), RuleError> {
    rules::try_init(&CELL_CLAIMS, read_claims).map(|_| ())
}
/// The table, built once: by the first use, or by `check` at start.
static CELL_CLAIMS: OnceLock<Vec<Claim>> = OnceLock::new();

fn claims() -> &'static [Claim] {
    rules::get(&CELL_CLAIMS, read_claims).as_slice()
}

/// An amount as printed in a sentence: `3,436.40万元`.
const MONEY: &str = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:亿元|万元|千元|元)";
const PCT: &str = r"\d+(?:\.\d+)? ?[%％]";

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    crate::patterns::once(cell, pattern)
}

/// A money figure of the narrative.
fn money(raw: &str, page: usize) -> Option<Figure> {
    let unit = unit_in(raw)?;
    let digits: String = raw.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
    let value: Decimal = digits.parse().ok()?;
    Some(Figure {
        value: to_yuan(value, unit),
        precision: precision_of(raw, Some(unit)),
        unit: last_digit_unit(raw, Some(unit)),
        page,
        text: raw.to_string(),
    })
}

/// A percentage as printed and its tolerance, one and a half units of its
/// last digit: documents compute shares and rates from unrounded figures
/// (in yuan) and some truncate, so such a difference is rounding, never an
/// accusation.
fn percent(raw: &str) -> Option<(Decimal, Decimal)> {
    let digits: String = raw.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
    let value: Decimal = digits.parse().ok()?;
    let decimals = digits.split_once('.').map(|(_, d)| d.len()).unwrap_or(0) as u32;
    Some((value, Decimal::new(15, decimals + 1)))
}

/// +1 for a rise, −1 for a fall.
fn direction(word: &str) -> Decimal {
    if ["减少", "下降", "降低", "少", "减", "下调", "压减"]
        .iter()
        .any(|w| word.starts_with(w))
    {
        Decimal::NEGATIVE_ONE
    } else {
        Decimal::ONE
    }
}

/// One sentence of the narrative (up to 。 or a heading break).
struct Sentence<'a> {
    text: &'a str,
    start: usize,
}

fn sentences(e: &Extracted) -> Vec<Sentence<'_>> {
    let text = &e.narrative.text;
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '。' || c == '\n' {
            let end = i + c.len_utf8();
            if !text[start..i].trim().is_empty() {
                out.push(Sentence {
                    text: &text[start..end],
                    start,
                });
            }
            start = end;
        }
    }
    if start < text.len() {
        out.push(Sentence {
            text: &text[start..],
            start,
        });
    }
    out
}

fn page(e: &Extracted, offset: usize) -> usize {
    e.narrative.page_at(offset)
}

/// A year named in a clause that is not the document's: a claim about
/// another period.
fn other_year(clause: &str, year: Option<i32>) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    let Some(year) = year else {
        return false;
    };
    re(&R, r"(\d{4})年")
        .captures_iter(clause)
        .filter_map(|c| c[1].parse::<i32>().ok())
        .any(|y| y != year)
}

// ---------------------------------------------------------------- N3

/// N3: an item headed with a figure (`5．住房公积金（2210201）180.50万元`)
/// whose body then states this year's amount (`2026年预算安排178.60万元`).
pub(super) fn n3_item_headline(e: &Extracted) -> Vec<CheckResult> {
    let r = item_re();
    let text = &e.narrative.text;
    let mut out = Vec::new();
    for c in r.captures_iter(text) {
        let (Some(head), Some(body)) = (c.name("head"), c.name("body")) else {
            continue;
        };
        let name = c.name("name").map(|m| m.as_str()).unwrap_or("");
        if let Some(y) = c.name("year").and_then(|y| y.as_str().parse::<i32>().ok())
            && e.metadata.year.is_some_and(|d| d != y)
        {
            out.push(CheckResult::skipped(
                "N3",
                &format!("{name}: the body states {y}, not the document's year; not compared"),
            ));
            continue;
        }
        let (Some(h), Some(b)) = (
            money(head.as_str(), page(e, head.start())),
            money(body.as_str(), page(e, body.start())),
        ) else {
            continue;
        };
        let mut r = compare(
            "N3",
            &format!("{name}: the item's body vs its headline"),
            &b,
            std::slice::from_ref(&h),
            "headline 标题",
        );
        if r.status == Status::Fail {
            r.message = format!(
                "{name}: headline 标题 {} (p.{}) vs body 正文 {} (p.{}) — 相差 differs by {}",
                h.text,
                h.page,
                b.text,
                b.page,
                wan(b.value - h.value)
            );
        }
        out.push(r);
    }
    or_skipped(
        out,
        "N3",
        "no narrative item headed with a figure its body restates",
    )
}

/// An item heading with its figure and the body's first amount:
/// `5．住房公积金（2210201）180.50万元2026年预算安排178.60万元`.
fn item_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        &format!(
            r"(?:^|[。：:；\n])\s*(?:\d{{1,2}}|[（(]\d{{1,2}}[)）])[．.、]?\s*(?P<name>[^\d。；：:，,（(\n]{{2,30}}?)(?:[（(](?P<code>\d{{3,7}})[）)])?\s*(?P<head>{MONEY})\s*(?:(?P<year>\d{{4}})年度?)?(?:预算安排|预算数为?|预算为|安排)(?:资金|支出|预算)?(?P<body>{MONEY})"
        ),
    )
}

// ---------------------------------------------------------------- N4

/// A stated change in a sentence: `X万元，(占P%，)比上年(Y万元)增加Z万元，增长Q%`.
struct Change {
    now: Figure,
    prior: Option<Figure>,
    /// Signed.
    change: Option<Figure>,
    /// Signed, with half a unit of its last digit.
    pct: Option<(Decimal, Decimal, String)>,
    end: usize,
}

fn change_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        &format!(
            r"(?P<now>{MONEY})[，,。]?(?:占[^，,。；;]{{0,12}}[%％][，,]?)?(?:与(?P<base0>[^，,。；;]{{0,20}}?)相比[，,]?(?:较)?|较|比|同比)(?P<base>[^，,。；;]{{0,20}}?)(?:(?P<prior>{MONEY})[，,]?)?(?P<dir>增加|减少|增长|下降|上升|降低|多|少)了?(?:(?P<chg>{MONEY})(?:[，,](?:同比)?(?P<dir2>增长|下降|增加|减少|上升|降低)了?(?P<pct2>{PCT}))?|(?P<pct1>{PCT}))"
        ),
    )
}

fn changes_in(e: &Extracted, text: &str, offset: usize) -> Vec<Change> {
    let mut out = Vec::new();
    for c in change_re().captures_iter(text) {
        let at = |name: &str| c.name(name).map(|m| (m.as_str(), offset + m.start()));
        let Some(now) = at("now").and_then(|(t, o)| money(t, page(e, o))) else {
            continue;
        };
        let sign = c
            .name("dir")
            .map(|d| direction(d.as_str()))
            .unwrap_or(Decimal::ONE);
        let prior = at("prior").and_then(|(t, o)| money(t, page(e, o)));
        let change = at("chg").and_then(|(t, o)| money(t, page(e, o))).map(|f| Figure {
            value: f.value * sign,
            ..f
        });
        let pct = if let Some(m) = c.name("pct1") {
            percent(m.as_str()).map(|(v, p)| (v * sign, p, m.as_str().to_string()))
        } else if let (Some(m), Some(d)) = (c.name("pct2"), c.name("dir2")) {
            percent(m.as_str()).map(|(v, p)| (v * direction(d.as_str()), p, m.as_str().to_string()))
        } else {
            None
        };
        // The base must be the prior year (上年, 2025年执行数 …), not
        // another metric (比基本支出多…).
        let base = c.name("base").map(|m| m.as_str()).unwrap_or("");
        let base0 = c.name("base0").map(|m| m.as_str()).unwrap_or("");
        if [base, base0]
            .iter()
            .any(|b| !b.is_empty() && !re_base().is_match(b))
        {
            continue;
        }
        let Some(whole) = c.get(0) else { continue };
        out.push(Change {
            now,
            prior,
            change,
            pct,
            end: offset + whole.end(),
        });
    }
    out
}

fn re_base() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^(?:上年|上一年|去年|\d{4}年)(?:度)?(?:年初)?(?:预算|执行|决算|实际)?(?:数|执行数)?(?:的)?$",
    )
}

/// N4: a stated change against the two figures it is the change of, and a
/// stated percentage against the amounts it is computed from.
pub(super) fn n4_stated_change(e: &Extracted) -> Vec<CheckResult> {
    let hundred = Decimal::from(100);
    static MONEY_RE: OnceLock<Regex> = OnceLock::new();
    static OPENS: OnceLock<Regex> = OnceLock::new();
    let money_re = re(&MONEY_RE, MONEY);
    let opens = re(&OPENS, r"^\s*(?:与|较|比|同比)");
    let mut out = Vec::new();
    let ss = sentences(e);
    for (i, s) in ss.iter().enumerate() {
        // A sentence that opens with the comparison (`15万元。与上年相比增加
        // 9.45万元`) is of the one figure of the sentence before.
        let (text, start) = match i.checked_sub(1).map(|j| &ss[j]) {
            Some(prev) if opens.is_match(s.text) => {
                let figures: Vec<_> = money_re.find_iter(prev.text).collect();
                match figures.as_slice() {
                    [one] => (
                        &e.narrative.text[prev.start + one.start()..s.start + s.text.len()],
                        prev.start + one.start(),
                    ),
                    _ => (s.text, s.start),
                }
            }
            _ => (s.text, s.start),
        };
        for ch in changes_in(e, text, start) {
            // The stated change against the two stated figures.
            if let (Some(prior), Some(change)) = (&ch.prior, &ch.change) {
                let mut r = compare(
                    "N4",
                    &format!(
                        "stated change 增减额 {} vs {} − {}",
                        change.text, ch.now.text, prior.text
                    ),
                    change,
                    &[
                        ch.now.clone(),
                        Figure {
                            value: -prior.value,
                            ..prior.clone()
                        },
                    ],
                    "本年 − 上年",
                );
                if r.status == Status::Fail {
                    r.message = format!(
                        "stated change 增减额 {} (p.{}) vs {} − {} = {} — 不符 differs by {}",
                        change.text,
                        change.page,
                        ch.now.text,
                        prior.text,
                        wan(ch.now.value - prior.value),
                        wan(change.value - (ch.now.value - prior.value))
                    );
                }
                out.push(r);
            }
            // The stated percentage against the figures (the stated prior,
            // else this year's less the stated change).
            let Some((pct, pct_precision, pct_text)) = &ch.pct else {
                continue;
            };
            let (prior_value, prior_precision, how) = match (&ch.prior, &ch.change) {
                (Some(p), _) => (
                    p.value,
                    p.precision,
                    format!("({} − {}) / {}", ch.now.text, p.text, p.text),
                ),
                (None, Some(c)) => (
                    ch.now.value - c.value,
                    c.precision + ch.now.precision,
                    format!("{} / ({} − {})", c.text, ch.now.text, c.text),
                ),
                (None, None) => continue,
            };
            if prior_value <= Decimal::ZERO {
                continue;
            }
            let change_value = ch.now.value - prior_value;
            let expected = (change_value / prior_value * hundred).round_dp(4);
            let money_tolerance =
                (ch.now.precision + prior_precision) + (ch.now.value / prior_value).abs() * prior_precision;
            let tolerance = *pct_precision + money_tolerance / prior_value * hundred;
            let p = page(e, ch.end.saturating_sub(1));
            // A rate computed over this year's figure instead of the prior
            // year's is the document's method, not a misprint: not accused.
            if (*pct - expected).abs() > tolerance && !ch.now.value.is_zero() {
                let over_now = (change_value / ch.now.value * hundred).round_dp(4);
                if (*pct - over_now).abs() <= tolerance {
                    out.push(CheckResult::skipped(
                        "N4",
                        &format!(
                            "stated change 增减幅度 {pct_text} (p.{p}) is the change over this year's {}, not over the prior year's ({}%); not compared",
                            ch.now.text,
                            expected.round_dp(2)
                        ),
                    ));
                    continue;
                }
            }
            out.push(compare_pct(
                "N4",
                *pct,
                expected,
                tolerance,
                vec![ch.now.page, p],
                &format!("stated change 增减幅度 {pct_text} (p.{p}) vs {how}"),
            ));
        }
    }
    or_skipped(out, "N4", "no change stated with the figures it is computed from")
}

// ---------------------------------------------------------------- N5

/// Words that open the list of a whole's parts.
const LIST_OPENERS: [&str; 2] = ["其中", "包括"];

/// Where the list of parts opens in a sentence.
fn list_opener(text: &str) -> Option<usize> {
    LIST_OPENERS.iter().filter_map(|w| text.find(w)).min()
}

/// Whether a sentence opens with the list of parts (其中：…).
fn opens_list(text: &str) -> bool {
    let t = text.trim_start();
    LIST_OPENERS.iter().any(|w| t.starts_with(w))
}

/// The text of the parts listed after a whole: the rest of the sentence
/// after 其中, else the next sentence when it starts with 其中.
fn parts_after<'a>(sentences: &'a [Sentence<'a>], i: usize) -> Option<(&'a str, usize)> {
    let s = &sentences[i];
    if let Some(k) = list_opener(s.text) {
        return Some((&s.text[k..], s.start + k));
    }
    let next = sentences.get(i + 1)?;
    opens_list(next.text).then_some((next.text, next.start))
}

/// N5: a stated change of a total against the stated changes of its parts,
/// where the parts' amounts add up to the total (so they are all of it).
pub(super) fn n5_total_change_vs_parts(e: &Extracted) -> Vec<CheckResult> {
    let ss = sentences(e);
    let mut out = Vec::new();
    for i in 0..ss.len() {
        let head_text = match list_opener(ss[i].text) {
            Some(k) => &ss[i].text[..k],
            None => ss[i].text,
        };
        let wholes = changes_in(e, head_text, ss[i].start);
        let Some(whole) = wholes.first() else { continue };
        let Some(whole_change) = &whole.change else {
            continue;
        };
        let Some((list, offset)) = parts_after(&ss, i) else {
            continue;
        };
        let parts = changes_in(e, list, offset);
        if parts.len() < 2 {
            continue;
        }
        let Some(changes) = parts
            .iter()
            .map(|p| p.change.clone())
            .collect::<Option<Vec<Figure>>>()
        else {
            out.push(CheckResult::skipped(
                "N5",
                &format!(
                    "{}: not every part states its change; not compared",
                    whole.now.text
                ),
            ));
            continue;
        };
        // The parts are all of the whole: their amounts add up to it.
        let amounts: Vec<Figure> = parts.iter().map(|p| p.now.clone()).collect();
        let sum = compare("N5", "", &whole.now, &amounts, "");
        if sum.status != Status::Pass {
            out.push(CheckResult::skipped(
                "N5",
                &format!(
                    "{} (p.{}): the parts listed do not add up to it, so their changes are not all of its change; not compared",
                    whole.now.text, whole.now.page
                ),
            ));
            continue;
        }
        let mut r = compare(
            "N5",
            &format!(
                "stated change of {} vs the stated changes of its parts",
                whole.now.text
            ),
            whole_change,
            &changes,
            "Σ parts' changes",
        );
        if r.status == Status::Fail {
            let parts_text: Vec<String> = changes
                .iter()
                .map(|c| format!("{} ({})", wan(c.value), c.text))
                .collect();
            r.message = format!(
                "stated change of the total 总额增减 {} (p.{}) vs its parts' stated changes {} = {} — 相差 differs by {}",
                whole_change.text,
                whole_change.page,
                parts_text.join(" + "),
                wan(changes.iter().map(|c| c.value).sum()),
                wan(r.difference.unwrap_or_default())
            );
        }
        out.push(r);
    }
    or_skipped(
        out,
        "N5",
        "no stated change of a total with the stated changes of all its parts",
    )
}

// ---------------------------------------------------------------- N6

struct Share {
    amount: Figure,
    pct: Decimal,
    pct_precision: Decimal,
    text: String,
    page: usize,
}

fn shares_in(e: &Extracted, text: &str, offset: usize) -> Vec<Share> {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &R,
        &format!(
            r"(?P<amt>{MONEY})[，,]?(?:占比|占(?P<named>总收入|总支出|收入|支出|总额|合计|全部)?(?:的)?(?:比重|比例)?(?:为)?)(?P<pct>{PCT})"
        ),
    );
    r.captures_iter(text)
        .filter_map(|c| {
            let a = c.name("amt")?;
            let p = c.name("pct")?;
            let amount = money(a.as_str(), page(e, offset + a.start()))?;
            let (pct, pct_precision) = percent(p.as_str())?;
            Some(Share {
                amount,
                pct,
                pct_precision,
                text: p.as_str().to_string(),
                page: page(e, offset + p.start()),
            })
        })
        .collect()
}

/// N6: stated shares (占X%) against the share computed from the amounts.
/// The whole is the figure the list of parts follows (`收入预算X万元，其中：`),
/// used only when it is sure: the parts add up to it, or another share of
/// the list agrees with it; a list without its whole is checked when its
/// shares add up to 100% (so the parts are all of one whole).
pub(super) fn n6_shares(e: &Extracted) -> Vec<CheckResult> {
    static FIRST: OnceLock<Regex> = OnceLock::new();
    let first = re(&FIRST, MONEY);
    let hundred = Decimal::from(100);
    let ss = sentences(e);
    let mut out = Vec::new();
    for i in 0..ss.len() {
        let s = &ss[i];
        let shares = shares_in(e, s.text, s.start);
        if shares.is_empty() {
            continue;
        }
        // The whole: the first figure of the sentence before 其中 (包括),
        // else of the sentence before when this one starts with it.
        let before_list = list_opener(s.text)
            .map(|k| &s.text[..k])
            .filter(|t| first.is_match(t));
        let whole = if let Some(t) = before_list {
            first
                .find(t)
                .and_then(|m| money(m.as_str(), page(e, s.start + m.start())))
        } else if opens_list(s.text) && i > 0 {
            first
                .find(ss[i - 1].text)
                .and_then(|m| money(m.as_str(), page(e, ss[i - 1].start + m.start())))
        } else {
            None
        };
        let pct_sum: Decimal = shares.iter().map(|x| x.pct).sum();
        let pct_tol: Decimal = shares.iter().map(|x| x.pct_precision).sum();
        let parts_sum: Decimal = shares.iter().map(|x| x.amount.value).sum();
        let amounts: Vec<Figure> = shares.iter().map(|x| x.amount.clone()).collect();
        let computed = |x: &Share, w: &Figure| -> (Decimal, Decimal) {
            let expected = (x.amount.value / w.value * hundred).round_dp(4);
            let tol = x.pct_precision
                + hundred
                    * (x.amount.precision / w.value + x.amount.value * w.precision / (w.value * w.value));
            (expected, tol)
        };
        let whole = match whole {
            Some(w)
                if w.value > Decimal::ZERO
                    && shares.iter().all(|x| x.amount.value <= w.value + w.precision) =>
            {
                let adds_up = compare("N6", "", &w, &amounts, "").status == Status::Pass;
                let agreeing = shares
                    .iter()
                    .filter(|x| {
                        let (exp, tol) = computed(x, &w);
                        (x.pct - exp).abs() <= tol
                    })
                    .count();
                // Sure of the whole when another share of the list agrees
                // with it; parts adding up to it are not enough where every
                // share disagrees (they are then of another whole).
                if agreeing >= 1 || adds_up && shares.len() == 1 {
                    Some(w)
                } else {
                    out.push(CheckResult::skipped(
                        "N6",
                        &format!(
                            "shares on p.{}: not sure they are of {} (the parts do not add up to it and no share agrees with it); not compared",
                            s_page(e, s),
                            w.text
                        ),
                    ));
                    continue;
                }
            }
            _ if shares.len() >= 2
                && (pct_sum - hundred).abs() <= pct_tol.max(Decimal::new(1, 2))
                && parts_sum > Decimal::ZERO =>
            {
                // The parts are all of a whole the text does not state.
                Some(Figure {
                    value: parts_sum,
                    precision: amounts.iter().map(|a| a.precision).sum(),
                    unit: amounts.iter().map(|a| a.unit).sum(),
                    page: s_page(e, s),
                    text: format!("{} (Σ parts)", wan(parts_sum)),
                })
            }
            _ => {
                out.push(CheckResult::skipped(
                    "N6",
                    &format!(
                        "shares on p.{}: their whole is not stated; not compared",
                        s_page(e, s)
                    ),
                ));
                continue;
            }
        };
        let Some(w) = whole else { continue };
        for x in &shares {
            let (expected, tol) = computed(x, &w);
            out.push(compare_pct(
                "N6",
                x.pct,
                expected,
                tol,
                vec![x.page, w.page],
                &format!(
                    "stated share 占比 {} of {} (p.{}) vs {} / {}",
                    x.text, x.amount.text, x.page, x.amount.text, w.text
                ),
            ));
        }
    }
    or_skipped(out, "N6", "no stated share 占X% with its whole")
}

fn s_page(e: &Extracted, s: &Sentence) -> usize {
    page(e, s.start + s.text.len().saturating_sub(1) / 2)
}

// ---------------------------------------------------------------- N7, N8

/// The clause of a sentence around a match (between ，；： marks, after
/// the section heading the line runs on from).
fn clause(e: &Extracted, start: usize, end: usize) -> &str {
    let (from, to) = clause_at(e, start, end);
    &e.narrative.text[from..to]
}

fn clause_at(e: &Extracted, start: usize, end: usize) -> (usize, usize) {
    let text = &e.narrative.text;
    let heading_end = e
        .headings
        .iter()
        .map(|(o, h)| o + h.len())
        .filter(|&x| x <= start)
        .max()
        .unwrap_or(0);
    let from = text[..start]
        .rfind(['，', '；', '：', ',', ';', ':', '。'])
        .map(|i| i + text[i..].chars().next().map(char::len_utf8).unwrap_or(1))
        .unwrap_or(0)
        .max(heading_end);
    let to = text[end..]
        .find(['，', '；', '。', ',', ';'])
        .map(|i| end + i)
        .unwrap_or(text.len());
    (from, to)
}

const THREE_PUBLIC: &[&str] = &[
    "three_public.total",
    "three_public.overseas",
    "three_public.vehicles",
    "three_public.vehicle_purchase",
    "three_public.vehicle_operation",
    "three_public.reception",
];
const GOVERNMENT_FUND: &[&str] = &[
    "revenue.government_fund_appropriation",
    "expenditure.government_fund.total",
];
const OPERATING_COSTS: &[&str] = &["operating_costs"];

/// N7: a statement that the department has none of something (“三公”经费,
/// 政府性基金, 机关运行经费) against a table — or another sentence —
/// printing a figure for it.
pub(super) fn n7_absence(e: &Extracted) -> Vec<CheckResult> {
    let text = &e.narrative.text;
    let mut out = Vec::new();
    let mut seen: Vec<Subject> = Vec::new();
    for claim in claims().iter().filter(|c| c.kind == Kind::Absence) {
        for m in claim.pattern.find_iter(text) {
            let cl = clause(e, m.start(), m.end());
            if claim.unless.as_ref().is_some_and(|u| u.is_match(cl)) {
                continue;
            }
            let p = page(e, m.start());
            if other_year(cl, e.metadata.year) {
                out.push(CheckResult::skipped(
                    "N7",
                    &format!("“{cl}” (p.{p}) is about another year; not compared"),
                ));
                continue;
            }
            // One finding per subject: the first claim.
            if seen.contains(&claim.subject) {
                continue;
            }
            seen.push(claim.subject);
            let metrics = match claim.subject {
                Subject::ThreePublic => THREE_PUBLIC,
                Subject::GovernmentFund => GOVERNMENT_FUND,
                Subject::OperatingCosts => OPERATING_COSTS,
                Subject::GeneralBudget => continue,
            };
            // A figure printed for it: a table's, else a sentence's other
            // than the claim's own.
            let printed: Option<&Fact> = e
                .statements
                .iter()
                .filter(|f| metrics.contains(&f.metric.as_str()) && f.unit == "yuan" && !f.value.is_zero())
                .filter(|f| !from_index_row(e, f))
                // A sentence's figure of another year is not this year's.
                .filter(|f| {
                    f.source != FactSource::Narrative
                        || !f.context.contains(cl)
                            && !f.context.contains("上年")
                            && !other_year(&f.context, e.metadata.year)
                })
                .min_by_key(|f| (f.source == FactSource::Narrative, f.page));
            out.push(match printed {
                Some(f) => CheckResult {
                    check: "N7",
                    status: Status::Fail,
                    severity: Some(Severity::Material),
                    expected: Some(Decimal::ZERO),
                    actual: Some(f.value),
                    difference: Some(f.value),
                    pages: {
                        let mut v = vec![p, f.page];
                        v.sort_unstable();
                        v.dedup();
                        v
                    },
                    message: format!(
                        "the narrative says 叙述称 “{cl}” (p.{p}), but {} prints {} {} (p.{})",
                        if f.source == FactSource::Narrative {
                            "the narrative"
                        } else {
                            f.section.as_str()
                        },
                        f.label,
                        f.raw_text,
                        f.page
                    ),
                },
                None => CheckResult {
                    check: "N7",
                    status: Status::Pass,
                    severity: None,
                    expected: Some(Decimal::ZERO),
                    actual: Some(Decimal::ZERO),
                    difference: Some(Decimal::ZERO),
                    pages: vec![p],
                    message: format!("“{cl}” (p.{p}): no table prints a figure for it — 相符 agrees"),
                },
            });
        }
    }
    or_skipped(
        out,
        "N7",
        "no statement that the department has no “三公”经费, 政府性基金 or 运行经费",
    )
}

/// Whether a table fact was read from an index row (`** ** 1 2 3`, 栏次),
/// not figures: such a "figure" accuses nobody.
fn from_index_row(e: &Extracted, f: &Fact) -> bool {
    let FactSource::Table { table_id, row, .. } = &f.source else {
        return false;
    };
    let Some(t) = e.tables.iter().find(|t| &t.id == table_id) else {
        return false;
    };
    let cells: Vec<&str> = t
        .cells
        .iter()
        .filter(|c| c.row == *row)
        .map(|c| c.text.trim())
        .filter(|x| !x.is_empty())
        .collect();
    if cells
        .iter()
        .any(|c| c.contains("**") || c.contains("栏次") || c.contains("行次"))
    {
        return true;
    }
    let numbers: Vec<u32> = cells.iter().filter_map(|c| c.parse::<u32>().ok()).collect();
    numbers.len() >= 2 && numbers.windows(2).all(|w| w[1] == w[0] + 1)
}

fn table_fact<'a>(e: &'a Extracted, metric: &str) -> Option<&'a Fact> {
    e.statements
        .iter()
        .filter(|f| {
            f.metric == metric && matches!(f.source, FactSource::Table { .. }) && !from_index_row(e, f)
        })
        .min_by_key(|f| f.page)
}

/// N8: a claim that the department's (or its 财政拨款) revenue is all
/// 一般公共预算拨款 against the tables' split by fund.
pub(super) fn n8_single_fund(e: &Extracted) -> Vec<CheckResult> {
    static SUBJECT: OnceLock<Regex> = OnceLock::new();
    let subject = re(
        &SUBJECT,
        r"(?P<fiscal>财政拨款)?(?:预算)?(?P<what>收支|收入和支出|收入与支出|收入|支出)(?:预算)?(?:资金)?$",
    );
    let text = &e.narrative.text;
    let mut out = Vec::new();
    for claim in claims().iter().filter(|c| c.kind == Kind::SingleFund) {
        for m in claim.pattern.find_iter(text) {
            let cl = clause(e, m.start(), m.end());
            if claim.unless.as_ref().is_some_and(|u| u.is_match(cl)) {
                continue;
            }
            let p = page(e, m.start());
            let before = &text[clause_at(e, m.start(), m.end()).0..m.start()];
            let Some(sc) = subject.captures(before) else {
                out.push(CheckResult::skipped(
                    "N8",
                    &format!("“{cl}” (p.{p}): not a claim about the department's revenue; not compared"),
                ));
                continue;
            };
            if other_year(cl, e.metadata.year) {
                out.push(CheckResult::skipped(
                    "N8",
                    &format!("“{cl}” (p.{p}) is about another year; not compared"),
                ));
                continue;
            }
            if sc.name("what").is_some_and(|w| w.as_str() == "支出") {
                out.push(CheckResult::skipped(
                    "N8",
                    &format!("“{cl}” (p.{p}): spending is not split by fund in the tables; not compared"),
                ));
                continue;
            }
            // The claim's scope: 财政拨款 where it says so; the department's
            // where it names the department (部门收支); a bare 收入 is of the
            // 财政拨款 where its sentence, the one before or its section
            // speaks of 财政拨款.
            let cf = clause_at(e, m.start(), m.end()).0;
            let sentence_start = text[..cf].rfind('。').map(|i| i + '。'.len_utf8()).unwrap_or(0);
            let previous_start = text[..sentence_start.saturating_sub('。'.len_utf8())]
                .rfind('。')
                .map(|i| i + '。'.len_utf8())
                .unwrap_or(0);
            let section = e.narrative.section_at(m.start(), &e.headings);
            let names_department = ["部门", "单位", "本级"].iter().any(|w| before.contains(w));
            let fiscal = sc.name("fiscal").is_some()
                || !names_department
                    && (text[previous_start..m.start()].contains("财政拨款") || section.contains("财政拨款"));
            // Revenue of other sources than 一般公共预算拨款, as the tables
            // print it.
            let others: &[&str] = if fiscal {
                GOVERNMENT_FUND
            } else {
                &[
                    "revenue.government_fund_appropriation",
                    "revenue.business",
                    "revenue.operating",
                    "revenue.other",
                ]
            };
            let found: Vec<&Fact> = others
                .iter()
                .filter_map(|m| table_fact(e, m))
                .filter(|f| f.unit == "yuan" && !f.value.is_zero())
                .collect();
            let scope = if fiscal {
                "财政拨款收入"
            } else {
                "本年收入"
            };
            if found.is_empty() {
                out.push(CheckResult {
                    check: "N8",
                    status: Status::Pass,
                    severity: None,
                    expected: Some(Decimal::ZERO),
                    actual: Some(Decimal::ZERO),
                    difference: Some(Decimal::ZERO),
                    pages: vec![p],
                    message: format!(
                        "“{cl}” (p.{p}): no table prints {scope} of another source — 相符 agrees"
                    ),
                });
                continue;
            }
            let total: Decimal = found.iter().map(|f| f.value).sum();
            let mut pages: Vec<usize> = found.iter().map(|f| f.page).chain([p]).collect();
            pages.sort_unstable();
            pages.dedup();
            let listed: Vec<String> = found
                .iter()
                .map(|f| format!("{} {} (p.{})", f.label, f.raw_text, f.page))
                .collect();
            out.push(CheckResult {
                check: "N8",
                status: Status::Fail,
                severity: Some(Severity::Material),
                expected: Some(Decimal::ZERO),
                actual: Some(total),
                difference: Some(total),
                pages,
                message: format!(
                    "the narrative says 叙述称 “{cl}” (p.{p}), but the tables print {scope} of other sources: {}",
                    listed.join(", ")
                ),
            });
        }
    }
    or_skipped(out, "N8", "no claim that all revenue is 一般公共预算拨款")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_table_loads() {
        check().unwrap_or_else(|e| panic!("{e}"));
        assert!(claims().iter().any(|c| c.kind == Kind::SingleFund));
    }

    fn claim_of(text: &str) -> Option<(Kind, Subject)> {
        claims()
            .iter()
            .find(|c| c.pattern.is_match(text) && !c.unless.as_ref().is_some_and(|u| u.is_match(text)))
            .map(|c| (c.kind, c.subject))
    }

    #[test]
    fn claim_wordings() {
        for (text, want) in [
            (
                "本部门2026年无一般公共预算“三公”经费预算安排",
                Some((Kind::Absence, Subject::ThreePublic)),
            ),
            (
                "本部门2026年无政府性基金预算财政拨款安排的支出",
                Some((Kind::Absence, Subject::GovernmentFund)),
            ),
            (
                "《2026年政府性基金预算支出表》为空表",
                Some((Kind::Absence, Subject::GovernmentFund)),
            ),
            (
                "本单位无机关运行经费",
                Some((Kind::Absence, Subject::OperatingCosts)),
            ),
            (
                "区人社局2026年部门收支均为一般公共预算拨款",
                Some((Kind::SingleFund, Subject::GeneralBudget)),
            ),
            // Not claims: a sub-item, another table's note running into a
            // title, the carry-over.
            ("本部门2026年无因公出国（境）计划", None),
            (
                "本部门无该项目一般公共预算机关运行经费支出预算表部门：江苏省政协办公厅单位：万元",
                None,
            ),
            ("本部门无政府性基金结转结余", None),
            // A 三公 claim of another fund or of the carry-over is not about
            // the 一般公共预算 “三公” table.
            ("本部门2019年无政府性基金安排的“三公”经费支出", None),
            ("本部门无2019年结转的财政拨款“三公”经费支出", None),
        ] {
            assert_eq!(claim_of(text), want, "{text}");
        }
    }

    #[test]
    fn an_item_heading_reads() {
        let c = item_re()
            .captures("如下：5．住房公积金（2210201）180.50万元2026年预算安排178.60万元，比2025年执行数")
            .expect("matches");
        assert_eq!(&c["name"], "住房公积金");
        assert_eq!(&c["head"], "180.50万元");
        assert_eq!(&c["body"], "178.60万元");
        // A heading without its figure, or a body that opens with another
        // year's figure, is no pair.
        assert!(
            item_re()
                .captures("。1．行政运行（2080101）：2026年预算安排619.00万元")
                .is_none()
        );
        assert!(
            item_re()
                .captures("。1．行政运行（2080101）619.00万元，2025年执行数600.12万元")
                .is_none()
        );
    }

    fn doc(text: &str) -> Extracted {
        let mut narrative = crate::extract::text::Narrative::default();
        narrative.text = text.to_string();
        Extracted {
            metadata: crate::extract::metadata::Metadata {
                year: Some(2026),
                ..Default::default()
            },
            tables: Vec::new(),
            facts: Vec::new(),
            statements: Vec::new(),
            line_items: Vec::new(),
            projects: Vec::new(),
            indicators: Vec::new(),
            narrative,
            headings: Vec::new(),
        }
    }

    fn failed(results: &[CheckResult]) -> Vec<&CheckResult> {
        results.iter().filter(|r| r.status == Status::Fail).collect()
    }

    #[test]
    fn n3_to_n6_on_sentences() {
        // N3: the body restates another figure than its headline.
        let e = doc(
            "如下：5．住房公积金（2210201）180.50万元2026年预算安排178.60万元，比2025年执行数177.80万元增加0.80万元。",
        );
        let r = n3_item_headline(&e);
        assert_eq!(failed(&r).len(), 1);
        assert_eq!(r[0].difference, Some(Decimal::from(-19_000)));
        // N4: the change and the rate against the figures.
        let e = doc(
            "2026年预算安排619.00万元，比2025年执行数600.12万元增加16.88万元，增长3.15%。运行经费预算121.20万元，比上年减少5.30万元，下降5.19%。",
        );
        let r = n4_stated_change(&e);
        let f = failed(&r);
        assert_eq!(f.len(), 2, "{r:?}");
        assert_eq!(f[0].difference, Some(Decimal::from(-20_000)));
        // A rate over this year's figure: skipped, not accused.
        let e = doc("行政运行（项）支出6106.99万元，与上年相比增加101.48万元，增长1.66%。");
        let r = n4_stated_change(&e);
        assert!(
            failed(&r).is_empty() && r.iter().any(|x| x.status == Status::Skipped),
            "{r:?}"
        );
        // N5: the total's change against its parts'.
        let e = doc(
            "部门支出预算3436.40万元，比上年减少264.90万元。其中：基本支出2706.40万元，占78.76%，比上年增加54.30万元；项目支出730.00万元，占21.24%，比上年减少301.20万元。",
        );
        let r = n5_total_change_vs_parts(&e);
        assert_eq!(failed(&r).len(), 1);
        assert_eq!(r[0].difference, Some(Decimal::from(-180_000)));
        // Parts that are not all of the total: skipped.
        let e = doc(
            "部门支出预算3436.40万元，比上年减少264.90万元。其中：基本支出2706.40万元，比上年增加54.30万元；某项目支出30.00万元，比上年减少301.20万元。",
        );
        let r = n5_total_change_vs_parts(&e);
        assert!(failed(&r).is_empty());
        // N6: one share disagrees with the whole another share agrees with.
        let e = doc(
            "部门支出预算3436.40万元。其中：基本支出2706.40万元，占87.76%；项目支出730.00万元，占21.24%。",
        );
        let r = n6_shares(&e);
        assert_eq!(failed(&r).len(), 1, "{r:?}");
        // Every share of another whole than the one before 其中: not sure, skipped.
        let e = doc(
            "一般公共预算支出3436.40万元，其中：基本支出2706.40万元，占总支出的50.00%；项目支出730.00万元，占总支出的13.49%。",
        );
        let r = n6_shares(&e);
        assert!(failed(&r).is_empty(), "{r:?}");
        // A list without its whole whose shares add up to 100%.
        let e = doc(
            "按功能分：一般公共服务支出2.40万元，占0.07%；社会保障和就业支出3045.30万元，占89.82%；住房保障支出342.70万元，占10.11%。",
        );
        let r = n6_shares(&e);
        assert!(
            failed(&r).is_empty() && r.iter().filter(|x| x.status == Status::Pass).count() == 3,
            "{r:?}"
        );
    }

    fn table_fact_of(metric: &str, yuan: i64, page: usize) -> Fact {
        Fact {
            metric: metric.to_string(),
            label: metric.to_string(),
            value: Decimal::from(yuan),
            unit: "yuan".into(),
            raw_text: format!("{}万元", Decimal::from(yuan) / Decimal::from(10_000)),
            page,
            section: "表".into(),
            source: FactSource::Table {
                table_id: "t".into(),
                row: 1,
                col: 1,
            },
            context: String::new(),
            reason: None,
            rank: (0, 0),
        }
    }

    #[test]
    fn n7_n8_claims_against_tables() {
        // N7: no “三公”经费, but the table prints 7.40.
        let mut e = doc("八、“三公”经费预算情况。本部门2026年无一般公共预算“三公”经费预算安排。");
        e.statements.push(table_fact_of("three_public.total", 74_000, 13));
        let r = n7_absence(&e);
        assert_eq!(failed(&r).len(), 1, "{r:?}");
        // The same claim about another fund's “三公”: no claim about the table.
        let mut e = doc("本部门2026年无政府性基金安排的“三公”经费支出。");
        e.statements.push(table_fact_of("three_public.total", 74_000, 13));
        assert!(failed(&n7_absence(&e)).is_empty());
        // N8: the department's revenue all 一般公共预算拨款, with 事业收入.
        let mut e = doc("区人社局2026年部门收支均为一般公共预算拨款，没有其他资金来源。");
        e.statements.push(table_fact_of("revenue.business", 340_000, 6));
        let r = n8_single_fund(&e);
        assert_eq!(failed(&r).len(), 1, "{r:?}");
        // The 财政拨款's: 事业收入 is not 财政拨款, so nothing disagrees.
        let mut e = doc("区人社局2026年财政拨款收支均为一般公共预算拨款。");
        e.statements.push(table_fact_of("revenue.business", 340_000, 6));
        let r = n8_single_fund(&e);
        assert!(
            failed(&r).is_empty() && r.iter().any(|x| x.status == Status::Pass),
            "{r:?}"
        );
        // A bare 收入 in a 财政拨款 sentence is of the 财政拨款.
        let mut e = doc("财政拨款收支总预算18,728.91万元。收入全部为一般公共预算拨款（无政府性基金）。");
        e.statements.push(table_fact_of("revenue.other", 318_880_000, 5));
        assert!(failed(&n8_single_fund(&e)).is_empty());
    }

    #[test]
    fn percentages_tolerate_their_rounding() {
        assert_eq!(
            percent("5.19%"),
            Some((Decimal::new(519, 2), Decimal::new(15, 3)))
        );
        assert_eq!(percent("13.56 %").map(|p| p.0), Some(Decimal::new(1356, 2)));
        assert_eq!(direction("下降"), Decimal::NEGATIVE_ONE);
        assert_eq!(direction("增长"), Decimal::ONE);
    }

    #[test]
    fn a_change_sentence_reads() {
        let c = change_re()
            .captures("2026年预算安排619.00万元，比2025年执行数600.12万元增加16.88万元，增长3.15%，主要原因")
            .expect("matches");
        assert_eq!(&c["now"], "619.00万元");
        assert_eq!(&c["prior"], "600.12万元");
        assert_eq!(&c["chg"], "16.88万元");
        assert_eq!(&c["pct2"], "3.15%");
        let c = change_re()
            .captures("基本支出2706.40万元，占78.76%，比上年增加54.30万元，主要原因")
            .expect("matches");
        assert_eq!(&c["chg"], "54.30万元");
        assert!(c.name("prior").is_none());
        // The comparison opening the next sentence (江苏: 与上年相比), a
        // space before %.
        let c = change_re()
            .captures("基本支出预算数为13,994.31万元。与上年相比增加1,670.85万元，增长13.56 %。")
            .expect("matches");
        assert_eq!(&c["now"], "13,994.31万元");
        assert_eq!(&c["pct2"], "13.56 %");
        // Compared with another metric, not the prior year: no change.
        let c = change_re()
            .captures("项目支出730.00万元，比基本支出少1976.40万元")
            .expect("matches");
        assert!(!re_base().is_match(&c["base"]));
    }
}
