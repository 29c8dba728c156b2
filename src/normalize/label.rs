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
    let s: String = text
        .nfkc()
        .filter(|c| !c.is_whitespace() && !QUOTES.contains(c))
        .collect();
    strip_prefixes(&s).to_string()
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
    "一二三四五六七八九十百零〇两".contains(c)
}

/// One enumeration marker at the front: `一、`, `(一)`, `1.`, `1、`,
/// `(1)`, `1)`, `①`.
fn strip_enumeration(s: &str) -> Option<&str> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
