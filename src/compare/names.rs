//! Matching departments across years and documents.
//!
//! A department's key is its full name normalised (NFKC, no white space,
//! the rewrites of `data/department_names.csv`: 中国共产党…委员会 → …委,
//! （汇总） dropped), then mapped through aliases (renamed bodies, short
//! names some covers use). Users extend the aliases with their own file
//! (`--aliases FILE`, same columns). The 部门 and 单位 budgets of one body
//! stay apart: the level is part of the key, not of the name.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result};
use regex::Regex;
use unicode_normalization::UnicodeNormalization;

const BUILT_IN: &str = include_str!("../../data/department_names.csv");

/// Name rewrites and aliases.
#[derive(Debug, Default)]
pub struct Names {
    rewrites: Vec<(Regex, String)>,
    /// Normalised alias → normalised canonical name.
    aliases: HashMap<String, String>,
    /// A unit's key → the department it belongs to, as written.
    parents: HashMap<String, String>,
}

/// Reads the built-in table (see [`crate::rules::check_all`]).
pub(crate) fn check() -> Result<(), crate::rules::RuleError> {
    Names::built_in()
        .map(|_| ())
        .map_err(|e| crate::rules::RuleError {
            file: "data/department_names.csv",
            line: 0,
            column: String::new(),
            message: format!("{e:#}"),
        })
}

impl Names {
    /// The built-in rules (`data/department_names.csv`).
    pub fn built_in() -> Result<Names> {
        let mut n = Names::default();
        n.add(BUILT_IN.as_bytes(), "data/department_names.csv")?;
        Ok(n)
    }

    /// Adds a user's file: rows `alias,FROM,TO,note` (FROM is another name
    /// of TO), `rewrite,REGEX,REPLACEMENT,note` or `parent,UNIT,DEPARTMENT,note`
    /// (a 单位预算's unit and the department it belongs to).
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read aliases file {}", path.display()))?;
        self.add(&bytes, &path.display().to_string())
    }

    fn add(&mut self, bytes: &[u8], origin: &str) -> Result<()> {
        let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        for (i, rec) in r.records().enumerate() {
            let rec = rec.with_context(|| format!("{origin}: row {}", i + 2))?;
            let (Some(kind), Some(from), Some(to)) = (rec.get(0), rec.get(1), rec.get(2)) else {
                anyhow::bail!("{origin}: row {}: want kind,from,to", i + 2);
            };
            match kind {
                "rewrite" => {
                    let re =
                        Regex::new(from).with_context(|| format!("{origin}: row {}: bad pattern", i + 2))?;
                    self.rewrites.push((re, to.to_string()));
                }
                "alias" => {
                    // Aliases are stored normalised by the rewrites known so
                    // far (built-ins come first).
                    let from = self.rewrite(from);
                    let to = self.rewrite(to);
                    self.aliases.insert(from, to);
                }
                "parent" => {
                    let unit = self.key(from);
                    self.parents.insert(unit, to.to_string());
                }
                other => anyhow::bail!(
                    "{origin}: row {}: unknown kind {other:?} (alias, rewrite or parent)",
                    i + 2
                ),
            }
        }
        Ok(())
    }

    fn rewrite(&self, name: &str) -> String {
        let mut s: String = name.nfkc().filter(|c| !c.is_whitespace()).collect();
        // NFKC turns （ into (: the rules are written for either.
        for (re, to) in &self.rewrites {
            s = re.replace(&s, to.as_str()).into_owned();
        }
        s
    }

    /// The department a unit belongs to, where a `parent` row names it.
    pub fn parent_of(&self, unit: &str) -> Option<&str> {
        self.parents.get(&self.key(unit)).map(String::as_str)
    }

    /// The key a department is matched by.
    pub fn key(&self, name: &str) -> String {
        let mut k = self.rewrite(name);
        // Follow alias chains (A → B → C), guarding against cycles.
        for _ in 0..8 {
            match self.aliases.get(&k) {
                Some(next) if *next != k => k = next.clone(),
                _ => break,
            }
        }
        k
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_bodies_and_renamed_offices_match() {
        let n = Names::built_in().expect("built-in rules");
        let k = n.key("中共江苏省委办公厅");
        assert_eq!(n.key("中国共产党江苏省委员会办公厅"), k);
        assert_eq!(n.key("江苏省委办公厅"), k);
        assert_eq!(n.key("江苏省人大办公厅"), n.key("江苏省人大常委会办公厅"));
        assert_eq!(
            n.key("西安市卫生健康委员会（汇总）"),
            n.key("西安市卫生健康委员会")
        );
        assert_ne!(n.key("江苏省人民检察院"), n.key("江苏省高级人民法院"));
        // 卫生健康委员会 is not a party committee: only 省委员会/市委员会 fold.
        assert_eq!(n.key("西安市卫生健康委员会"), "西安市卫生健康委员会");
    }

    #[test]
    fn user_aliases_extend_the_built_in_ones() {
        let mut n = Names::built_in().expect("built-in rules");
        let dir = std::env::temp_dir().join(format!("yusuan-aliases-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("tmp");
        let f = dir.join("aliases.csv");
        std::fs::write(
            &f,
            "kind,from,to,note\nalias,苏州市科技局,苏州市科学技术局,renamed\n",
        )
        .expect("write");
        n.add_file(&f).expect("user file");
        assert_eq!(n.key("苏州市科技局"), n.key("苏州市科学技术局"));
        std::fs::write(&f, "kind,from,to\nmerge,a,b\n").expect("write");
        assert!(n.add_file(&f).is_err(), "unknown kinds are errors, not ignored");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
