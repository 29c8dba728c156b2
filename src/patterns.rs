//! Compiled regular expressions for patterns written in the code (header
//! paths the checks and extractors look for), compiled once per process:
//! compiling them per table cost a tenth of a corpus run (the profile in
//! the README). Patterns that are data live with their tables instead.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use regex::Regex;

/// The compiled form of a pattern literal; `None` if it does not compile
/// (a bug, reported by the tests that use it).
pub(crate) fn regex(pattern: &'static str) -> Option<&'static Regex> {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, Option<&'static Regex>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut map = cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    *map.entry(pattern)
        .or_insert_with(|| Regex::new(pattern).ok().map(|r| &*Box::leak(Box::new(r))))
}

/// A pattern literal compiled into its call site's own cell: no lookup
/// after the first call, for patterns on a hot path. The literal is the
/// code's own, so a pattern that does not compile is a bug the first test
/// through that line reports.
pub(crate) fn once(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("pattern literal compiles"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn compiles_once_and_reports_bad_patterns() {
        let a = super::regex(r"^合计$").expect("compiles");
        let b = super::regex(r"^合计$").expect("compiles");
        assert!(std::ptr::eq(a, b));
        assert!(super::regex(r"(").is_none());
    }
}
