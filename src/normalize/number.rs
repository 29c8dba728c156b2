//! Numbers as printed → exact decimals.
//!
//! Budget figures are printed in every way a spreadsheet or a typist can:
//! `2,934.45`, `2934.45`, full-width `２９３４．４５`, `（12.50）` for a
//! negative, `-` or `—` for nothing, Chinese numerals in prose (`十个科室`).
//! Everything here returns [`Decimal`], never a float.

use std::str::FromStr;

use rust_decimal::Decimal;
use unicode_normalization::UnicodeNormalization;

use super::unit::MoneyUnit;

/// What an amount cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    /// A number as printed (in the printed unit).
    Value(Decimal),
    /// A dash (`-`, `—`, `－`): printed "nothing", read as zero.
    Dash,
    /// Empty.
    Blank,
}

impl Amount {
    /// The value, with a dash counting as zero and a blank as absent.
    pub fn value(self) -> Option<Decimal> {
        match self {
            Amount::Value(v) => Some(v),
            Amount::Dash => Some(Decimal::ZERO),
            Amount::Blank => None,
        }
    }
}

/// Full-width → ASCII, white space removed, `，` and `．` as `,` and `.`.
fn canonical(text: &str) -> String {
    text.nfkc()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '−' | '–' | '‐' => '-',
            '（' => '(',
            '）' => ')',
            other => other,
        })
        .collect()
}

/// The most integer digits an amount may have (see [`parse_amount`]).
pub const MAX_INTEGER_DIGITS: usize = 15;

/// Parses an amount cell or figure.
///
/// ```
/// use yusuan::normalize::number::{parse_amount, Amount};
/// use rust_decimal::Decimal;
/// use std::str::FromStr;
/// let d = |s| Decimal::from_str(s).unwrap();
/// assert_eq!(parse_amount("2,934.45"), Some(Amount::Value(d("2934.45"))));
/// assert_eq!(parse_amount("２９３４．４５"), Some(Amount::Value(d("2934.45"))));
/// assert_eq!(parse_amount("（12.50）"), Some(Amount::Value(d("-12.50"))));
/// assert_eq!(parse_amount("-3.2"), Some(Amount::Value(d("-3.2"))));
/// assert_eq!(parse_amount("—"), Some(Amount::Dash));
/// assert_eq!(parse_amount(" "), Some(Amount::Blank));
/// assert_eq!(parse_amount("合计"), None);
/// // An identity number, not an amount (more than 15 integer digits).
/// assert_eq!(parse_amount("110101199003070011"), None);
/// assert!(parse_amount("999,999,999,999,999.99").is_some());
/// ```
pub fn parse_amount(text: &str) -> Option<Amount> {
    let t = canonical(text);
    if t.is_empty() {
        return Some(Amount::Blank);
    }
    if t.chars().all(|c| matches!(c, '-' | '—' | '─' | '/' | '―')) {
        return Some(Amount::Dash);
    }
    let (negative, body) = if let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        (true, inner)
    } else if let Some(rest) = t.strip_prefix('-') {
        (true, rest)
    } else {
        (false, t.strip_prefix('+').unwrap_or(&t))
    };
    let digits: String = body.chars().filter(|&c| c != ',').collect();
    if digits.is_empty()
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        || digits.chars().filter(|&c| c == '.').count() > 1
        || digits.starts_with('.') && digits.len() == 1
    {
        return None;
    }
    // Thousands separators must sit every three digits.
    if body.contains(',') {
        let int_part = body.split('.').next().unwrap_or("");
        let groups: Vec<&str> = int_part.split(',').collect();
        let ok = groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
            && groups[1..].iter().all(|g| g.len() == 3);
        if !ok {
            return None;
        }
    }
    // No budget prints a figure of more than 15 integer digits (10^15 万元
    // is 10^19 yuan; a national budget is about 10^13): a longer run of
    // digits is an identity number or noise, not an amount. The bound also
    // keeps every conversion (×10^8 for 亿元) and every sum of a table far
    // inside Decimal's range, so no arithmetic on a figure can overflow.
    if digits
        .split('.')
        .next()
        .unwrap_or("")
        .trim_start_matches('0')
        .len()
        > MAX_INTEGER_DIGITS
    {
        return None;
    }
    let value = Decimal::from_str(&digits).ok()?;
    Some(Amount::Value(if negative { -value } else { value }))
}

/// Parses a percentage (`47%`, `４７％`, `47.5%`) to its number.
///
/// ```
/// use yusuan::normalize::number::parse_percent;
/// assert_eq!(parse_percent("47%").unwrap().to_string(), "47");
/// assert_eq!(parse_percent("１００ ％").unwrap().to_string(), "100");
/// assert!(parse_percent("47").is_none());
/// ```
pub fn parse_percent(text: &str) -> Option<Decimal> {
    let t = canonical(text);
    let body = t.strip_suffix('%')?;
    match parse_amount(body)? {
        Amount::Value(v) => Some(v),
        _ => None,
    }
}

/// Value of a Chinese numeral (`十` 10, `二十一` 21, `一百零五` 105,
/// `两` 2, `〇` 0) or of ASCII digits.
///
/// ```
/// use yusuan::normalize::number::chinese_numeral;
/// assert_eq!(chinese_numeral("十"), Some(10));
/// assert_eq!(chinese_numeral("二十一"), Some(21));
/// assert_eq!(chinese_numeral("一百零五"), Some(105));
/// assert_eq!(chinese_numeral("两"), Some(2));
/// assert_eq!(chinese_numeral("57"), Some(57));
/// assert_eq!(chinese_numeral("科"), None);
/// ```
pub fn chinese_numeral(text: &str) -> Option<u64> {
    let t = canonical(text);
    if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
        return t.parse().ok();
    }
    let digit = |c: char| -> Option<u64> {
        Some(match c {
            '〇' | '零' => 0,
            '一' | '壹' => 1,
            '二' | '两' | '贰' => 2,
            '三' | '叁' => 3,
            '四' | '肆' => 4,
            '五' | '伍' => 5,
            '六' | '陆' => 6,
            '七' | '柒' => 7,
            '八' | '捌' => 8,
            '九' | '玖' => 9,
            _ => return None,
        })
    };
    let unit = |c: char| -> Option<u64> {
        Some(match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            '万' => 10_000,
            _ => return None,
        })
    };
    if t.is_empty() {
        return None;
    }
    let mut total: u64 = 0;
    let mut section: u64 = 0;
    let mut pending: Option<u64> = None;
    for c in t.chars() {
        if let Some(d) = digit(c) {
            pending = Some(d);
        } else if let Some(u) = unit(c) {
            if u == 10_000 {
                section += pending.take().unwrap_or(0);
                total += section.max(1) * u;
                section = 0;
            } else {
                section += pending.take().unwrap_or(1) * u;
            }
        } else {
            return None;
        }
    }
    Some(total + section + pending.unwrap_or(0))
}

/// Whether a cell's text is an amount: digits with separators, a sign,
/// brackets or a `%` (`13,297.11`, `-12.5`, `(12.50)`, `80`, `47%`). A
/// lone dash (`-`, a blank written as a dash) is not: it holds no digit.
pub fn looks_numeric(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return false;
    }
    let t = t
        .trim_start_matches(['-', '−', '(', '（', '+'])
        .trim_end_matches([')', '）', '%']);
    !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && t.chars().any(|c| c.is_ascii_digit())
}

/// Half a unit of the last printed digit of `raw`, and at least 0.01 of
/// the printed unit: `2237.9万元` → 500 yuan, `19,302万元` → 5000 yuan,
/// `2,934.45万元` → 100 yuan (half a unit would be 50; the floor of
/// 0.01万元 is 100).
pub fn precision(raw: &str, unit: Option<MoneyUnit>) -> Decimal {
    let unit = unit.unwrap_or(MoneyUnit::Yuan);
    let digits: String = raw.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
    let decimals = digits.split_once('.').map(|(_, d)| d.len()).unwrap_or(0) as u32;
    let half_last = Decimal::new(5, decimals + 1);
    let floor = Decimal::new(1, 2) * unit.factor();
    (half_last * unit.factor()).max(floor)
}

/// The rounding a printed money figure carries, in yuan (`2,934.45万元` →
/// 100): what a difference between figures may be without either being
/// wrong. Used by the checks and by `compare`.
pub fn printed_precision(raw: &str) -> Decimal {
    precision(raw, unit_in(raw))
}

/// The money unit a printed figure ends with (`2,934.45万元` → 万元).
pub fn unit_in(raw: &str) -> Option<MoneyUnit> {
    ["亿元", "万元", "千元", "元"]
        .iter()
        .find(|u| raw.ends_with(*u))
        .and_then(|u| MoneyUnit::parse(u))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_cells() {
        for t in ["13,297.11", "80", "-12.5", "(1,234.00)", "0.00", "47%"] {
            assert!(looks_numeric(t), "{t}");
        }
        for t in ["", "合计", "2020年", "-", "一、财政拨款", "≥95%"] {
            assert!(!looks_numeric(t), "{t}");
        }
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    /// Found by fuzzing (`tables`): a 25-digit figure in a table printed in
    /// 亿元 overflowed the conversion to yuan. The largest amount accepted,
    /// in the largest unit, converts, and ten thousand of them sum, without
    /// overflow; one digit more is no amount.
    #[test]
    fn no_amount_overflows_on_conversion_or_sums() {
        use crate::normalize::unit::{MoneyUnit, to_yuan};
        let widest = "9".repeat(MAX_INTEGER_DIGITS) + ".99";
        let Some(Amount::Value(v)) = parse_amount(&widest) else {
            panic!("{widest} is an amount");
        };
        let yuan = to_yuan(v, MoneyUnit::parse("亿元").expect("亿元"));
        let total = (0..10_000).try_fold(Decimal::ZERO, |acc, _| acc.checked_add(yuan));
        assert!(total.is_some(), "sums stay in range");
        assert_eq!(parse_amount(&format!("1{widest}")), None);
        assert_eq!(parse_amount("8294967296000000000000000.5"), None);
        assert!(
            parse_amount("000000000000000000012.5").is_some(),
            "leading zeros are no digits"
        );
    }

    #[test]
    fn amounts() {
        assert_eq!(parse_amount("13,297.11"), Some(Amount::Value(d("13297.11"))));
        assert_eq!(parse_amount("1,234,567"), Some(Amount::Value(d("1234567"))));
        assert_eq!(parse_amount("0.00"), Some(Amount::Value(d("0.00"))));
        assert_eq!(parse_amount("0"), Some(Amount::Value(d("0"))));
        assert_eq!(parse_amount("(1,234.00)"), Some(Amount::Value(d("-1234.00"))));
        assert_eq!(parse_amount("−5"), Some(Amount::Value(d("-5"))));
        assert_eq!(parse_amount("1 234.5"), Some(Amount::Value(d("1234.5"))));
        assert_eq!(parse_amount("-"), Some(Amount::Dash));
        assert_eq!(parse_amount("－"), Some(Amount::Dash));
        assert_eq!(parse_amount(""), Some(Amount::Blank));
    }

    #[test]
    fn not_amounts() {
        for t in ["12,34.5", "1.2.3", "2020年", "≥95%", "A1", ".", "1,2345"] {
            assert_eq!(parse_amount(t), None, "{t}");
        }
    }

    #[test]
    fn blank_and_dash_values() {
        assert_eq!(Amount::Blank.value(), None);
        assert_eq!(Amount::Dash.value(), Some(Decimal::ZERO));
    }

    #[test]
    fn percents() {
        assert_eq!(parse_percent("63%"), Some(d("63")));
        assert_eq!(parse_percent("-2.5%"), Some(d("-2.5")));
        assert_eq!(parse_percent("abc%"), None);
    }

    #[test]
    fn numerals() {
        assert_eq!(chinese_numeral("三"), Some(3));
        assert_eq!(chinese_numeral("十三"), Some(13));
        assert_eq!(chinese_numeral("一千二百"), Some(1200));
        assert_eq!(chinese_numeral("一万零五"), Some(10005));
        assert_eq!(chinese_numeral(""), None);
    }
}
