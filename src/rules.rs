//! Rule tables: the `data/*.csv` files, read strictly into typed rows.
//!
//! Knowledge that is data — table titles, label aliases, fact patterns,
//! subject codes, department names — lives in `data/` (see
//! `data/README.md`), compiled into the binary. Each stage that owns a
//! table declares its row type and reads it through [`load`], which
//! accepts nothing it does not understand: a missing column, a bad regular
//! expression, an unknown table kind, mode or metric is a [`RuleError`]
//! naming the file, line and column (`data/table_facts.csv:23 label: regex
//! parse error …`), never a row silently dropped. Every file has a test
//! that loads it, and the CLI loads them all at start ([`check_all`]), so a
//! typo fails the build's tests or the first run, not the output.

use std::fmt;

use regex::Regex;
use serde::de::DeserializeOwned;

/// A rule table that does not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// `data/table_facts.csv`.
    pub file: &'static str,
    /// 1-based line of the file (the header is line 1).
    pub line: u64,
    /// The column, when one is at fault.
    pub column: String,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column.is_empty() {
            write!(f, "{}:{} {}", self.file, self.line, self.message)
        } else {
            write!(f, "{}:{} {}: {}", self.file, self.line, self.column, self.message)
        }
    }
}

impl std::error::Error for RuleError {}

/// One row of a rule table and where it is.
#[derive(Debug, Clone)]
pub struct Row<T> {
    pub line: u64,
    pub row: T,
}

/// Reads a rule table into rows of `T` (by header name; every column `T`
/// names must be present, and no column may be unknown to `T` unless it is
/// `note`/`why`/`source` commentary that `T` ignores).
pub fn load<T: DeserializeOwned>(file: &'static str, text: &str) -> Result<Vec<Row<T>>, RuleError> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| RuleError {
            file,
            line: 1,
            column: String::new(),
            message: format!("unreadable header: {e}"),
        })?
        .clone();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| RuleError {
            file,
            line: e.position().map(|p| p.line()).unwrap_or(0),
            column: String::new(),
            message: e.to_string(),
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let row: T = record.deserialize(Some(&headers)).map_err(|e| {
            let (column, message) = match e.kind() {
                csv::ErrorKind::Deserialize { err, .. } => (
                    err.field()
                        .and_then(|i| headers.get(i as usize))
                        .unwrap_or("")
                        .to_string(),
                    match err.kind() {
                        csv::DeserializeErrorKind::Message(m) => m.clone(),
                        other => other.to_string(),
                    },
                ),
                _ => (String::new(), e.to_string()),
            };
            RuleError {
                file,
                line,
                column,
                message,
            }
        })?;
        rows.push(Row { line, row });
    }
    Ok(rows)
}

impl<T> Row<T> {
    /// An error about one cell of this row.
    pub fn error(&self, file: &'static str, column: &str, message: impl Into<String>) -> RuleError {
        RuleError {
            file,
            line: self.line,
            column: column.to_string(),
            message: message.into(),
        }
    }

    /// Compiles a cell as a regular expression.
    pub fn regex(&self, file: &'static str, column: &str, pattern: &str) -> Result<Regex, RuleError> {
        Regex::new(pattern).map_err(|e| {
            let why = e.to_string();
            // The regex crate's message spans lines (the pattern, a caret);
            // its last line says what is wrong.
            let why = why
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim()
                .to_string();
            self.error(file, column, format!("regex parse error: {why}"))
        })
    }

    /// Compiles an optional cell (empty: none).
    pub fn optional_regex(
        &self,
        file: &'static str,
        column: &str,
        pattern: &str,
    ) -> Result<Option<Regex>, RuleError> {
        if pattern.is_empty() {
            Ok(None)
        } else {
            self.regex(file, column, pattern).map(Some)
        }
    }
}

/// Builds a table once and keeps it; a table that does not read is a bug
/// of the build (every table is tested) and panics with its [`RuleError`],
/// which the pipeline's panic guard turns into a failed document naming
/// the file and line. The CLI checks every table before it starts
/// ([`check_all`]), so users meet the error as a message, not a panic.
pub fn get<T>(cell: &'static std::sync::OnceLock<T>, build: fn() -> Result<T, RuleError>) -> &'static T {
    cell.get_or_init(|| build().unwrap_or_else(|e| panic!("{e}")))
}

/// Builds a table into its cell unless it is there already: what the
/// start-up check ([`check_all`]) builds is what [`get`] then returns, so no
/// table is compiled twice.
pub fn try_init<T>(
    cell: &'static std::sync::OnceLock<T>,
    build: fn() -> Result<T, RuleError>,
) -> Result<&'static T, RuleError> {
    if let Some(v) = cell.get() {
        return Ok(v);
    }
    let v = build()?;
    Ok(cell.get_or_init(|| v))
}

/// Reads every rule table; the first error, if any.
pub fn check_all() -> Result<(), RuleError> {
    crate::extract::metrics::check()?;
    crate::check::check_claims()?;
    crate::extract::facts::check()?;
    crate::extract::kinds::check()?;
    crate::extract::projects::check()?;
    crate::extract::metadata::check()?;
    crate::extract::coverage::check()?;
    crate::normalize::code::check()?;
    crate::normalize::label::check()?;
    crate::compare::names::check()?;
    crate::output::keys::check()?;
    crate::output::identity::check()?;
    crate::pdf::font::check_rules()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Two {
        kind: String,
        label: String,
    }

    #[test]
    fn a_bad_cell_names_file_line_and_column() {
        let rows = load::<Two>("data/x.csv", "kind,label\nrow,^a$\nrow,(b\n").expect("reads");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].line, 3);
        let e = rows[1]
            .regex("data/x.csv", "label", &rows[1].row.label)
            .expect_err("bad regex");
        assert!(
            e.to_string().starts_with("data/x.csv:3 label: regex parse error"),
            "{e}"
        );
        // A missing column is an error, not an empty value.
        let e = load::<Two>("data/x.csv", "kind\nrow\n").expect_err("missing column");
        assert_eq!(e.line, 2, "{e}");
        assert!(e.to_string().contains("label"), "{e}");
    }

    #[test]
    fn every_rule_table_loads() {
        check_all().unwrap_or_else(|e| panic!("{e}"));
    }
}
