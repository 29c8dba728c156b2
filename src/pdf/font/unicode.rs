//! Compatibility code points that some ToUnicode maps produce.
//!
//! Some producers' ToUnicode maps point ordinary characters at CJK radicals:
//! Chromium's Type 3 output maps 门 to ⻔ (U+2ED4) and 一 to ⼀ (U+2F00).
//! A reader sees 门 and 一, and search, labels and metrics must match them,
//! so each radical is replaced by the unified ideograph it is equivalent to
//! (Unicode's EquivalentUnifiedIdeograph.txt, in
//! `data/equivalent_unified_ideograph.csv`). NFKC alone does not do this:
//! it maps the Kangxi Radicals block but not CJK Radicals Supplement.
//! CJK Strokes (U+31C0–U+31EF) are in the same table. CJK Compatibility
//! Ideographs (U+F900–U+FAFF) get their canonical
//! decomposition for the same reason.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::char::decompose_canonical;

use crate::rules::{self, Row, RuleError};

const TABLE: &str = include_str!("../../../data/equivalent_unified_ideograph.csv");
/// Radicals whose glyph in simplified-Chinese fonts is a different
/// ideograph than the Unicode equivalence says (⼾ is 户 there, not 戶).
const SC_OVERRIDES: &str = include_str!("../../../data/radical_overrides_sc.csv");

#[derive(serde::Deserialize)]
struct RadicalRow {
    /// The radical's code point, hex.
    radical: String,
    /// The unified ideograph's code point, hex.
    unified: String,
}

fn code_point(row: &Row<RadicalRow>, file: &'static str, column: &str, hex: &str) -> Result<char, RuleError> {
    u32::from_str_radix(hex.trim(), 16)
        .ok()
        .and_then(char::from_u32)
        .ok_or_else(|| row.error(file, column, format!("{hex:?} is not a hexadecimal code point")))
}

fn read_radicals() -> Result<HashMap<char, char>, RuleError> {
    let mut map = HashMap::new();
    // Later rows win: the simplified-Chinese overrides come last.
    for (file, text) in [
        ("data/equivalent_unified_ideograph.csv", TABLE),
        ("data/radical_overrides_sc.csv", SC_OVERRIDES),
    ] {
        for row in rules::load::<RadicalRow>(file, text)? {
            let r = code_point(&row, file, "radical", &row.row.radical)?;
            let u = code_point(&row, file, "unified", &row.row.unified)?;
            if !needs_fix(r) {
                return Err(row.error(
                    file,
                    "radical",
                    format!("U+{:04X} is not a radical or compatibility ideograph", r as u32),
                ));
            }
            map.insert(r, u);
        }
    }
    Ok(map)
}
/// The table, built once: by the first use, or by `check` at start.
static CELL_RADICALS: OnceLock<HashMap<char, char>> = OnceLock::new();

fn radicals() -> &'static HashMap<char, char> {
    rules::get(&CELL_RADICALS, read_radicals)
}

/// Reads the radical tables (see [`crate::rules::check_all`]).
pub(crate) fn check() -> Result<(), RuleError> {
    rules::try_init(&CELL_RADICALS, read_radicals).map(|_| ())
}

fn needs_fix(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x2FDF | 0x31C0..=0x31EF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

/// Replaces radicals and compatibility ideographs with unified ideographs;
/// everything else is returned unchanged (full-width punctuation included —
/// NFKC is applied later, where labels and numbers are compared).
pub(crate) fn normalize_compat(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_fix) {
        return Cow::Borrowed(s);
    }
    let map = radicals();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if let Some(&u) = map.get(&c) {
            out.push(u);
        } else if needs_fix(c) {
            decompose_canonical(c, |d| out.push(d));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radicals_become_ideographs() {
        assert_eq!(normalize_compat("⼀⻔⺠"), "一门民");
        // Simplified-Chinese override: ⼾ is 户 in an SC font.
        assert_eq!(normalize_compat("住⼾"), "住户");
        // CJK compatibility ideograph U+F900 → U+8C48.
        assert_eq!(normalize_compat("\u{F900}"), "\u{8C48}");
        assert_eq!(normalize_compat("（一）２０２０"), "（一）２０２０");
        assert!(matches!(normalize_compat("部门预算"), Cow::Borrowed(_)));
    }

    #[test]
    fn table_is_complete_and_well_formed() {
        let map = radicals();
        assert!(map.len() > 300, "{} radicals", map.len());
        assert!(map.keys().all(|c| needs_fix(*c)));
        assert!(
            map.values()
                .all(|c| ('\u{3400}'..='\u{9FFF}').contains(c) || *c > '\u{20000}')
        );
    }
}
