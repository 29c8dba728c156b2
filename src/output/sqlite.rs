//! One SQLite database from an output folder (`yusuan export DIR --sqlite
//! FILE`), for newsrooms that publish with SQLite and Datasette.
//!
//! Every file of [`FILES`] becomes a table of the same name (`facts.csv`
//! → `facts`) with the same columns in the same order, typed from the
//! schema: `INTEGER` for whole numbers, `REAL` for measurements (OCR
//! confidences), `INTEGER` 0/1 for booleans, and `TEXT` for text and for
//! **money and every other exact decimal**: `29344500.00` is stored as the
//! text the CSV holds, so no figure ever passes through a float (SQLite's
//! only non-integer number). `CAST(value AS REAL)` sorts and sums them
//! where 15 significant digits are enough. Rows come from
//! [`super::rows`], exactly what the CSVs hold.
//!
//! `pages` holds every page's text (`doc_id`, `page`, `kind`, `ocr`,
//! `text`) with an FTS5 index, `pages_fts`, declared the way Datasette
//! looks for one (`content="pages"`), so its search box finds 公务接待 in
//! every document and lands on the page. The index uses the `trigram`
//! tokenizer: Chinese has no spaces between words, and trigrams match any
//! run of three or more characters anywhere in the text (shorter queries
//! need `LIKE`).
//!
//! The database is built under a temporary name beside FILE and renamed
//! into place, like every other output: an interrupted export leaves the
//! old database or the new one.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::schema::{File, Type};
use super::{FILES, read_record, record_ids, record_path, rows};

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    pub documents: usize,
    /// Rows of every table but `pages`.
    pub rows: usize,
    pub pages: usize,
}

fn sql_type(ty: Type) -> &'static str {
    match ty {
        Type::Integer | Type::Boolean => "INTEGER",
        Type::Number => "REAL",
        // Exact decimals stay text: see the module's documentation.
        Type::String | Type::Decimal => "TEXT",
    }
}

/// A field's text as the value stored for its column's type. An empty
/// field is NULL ("not present"); a field that does not parse as its type
/// is kept as text rather than lost.
fn value(ty: Type, text: &str) -> Value {
    if text.is_empty() {
        return Value::Null;
    }
    let parsed = match ty {
        Type::Integer => text.parse::<i64>().ok().map(Value::Integer),
        Type::Number => text.parse::<f64>().ok().map(Value::Real),
        Type::Boolean => match text {
            "true" => Some(Value::Integer(1)),
            "false" => Some(Value::Integer(0)),
            _ => None,
        },
        Type::String | Type::Decimal => None,
    };
    parsed.unwrap_or_else(|| Value::Text(text.to_string()))
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn create_table(file: &File) -> String {
    let cols: Vec<String> = file
        .columns
        .iter()
        .map(|c| {
            let mut def = format!("{} {}", quote(c.name), sql_type(c.ty));
            if c.name == "doc_id" {
                if file.stem() == "documents" {
                    def.push_str(" PRIMARY KEY");
                } else {
                    // Datasette shows the link to the document.
                    def.push_str(" REFERENCES documents(doc_id)");
                }
            }
            def
        })
        .collect();
    format!(
        "CREATE TABLE {} (\n  {}\n)",
        quote(file.stem()),
        cols.join(",\n  ")
    )
}

/// The indexes of a table: the document (and table) a row belongs to,
/// department × year, and the keys people filter on, where the file has
/// those columns.
fn indexes(file: &File) -> Vec<String> {
    let has = |n: &str| file.columns.iter().any(|c| c.name == n);
    let mut keys: Vec<Vec<&str>> = Vec::new();
    if file.stem() != "documents" {
        keys.push(if has("table_id") {
            vec!["doc_id", "table_id"]
        } else {
            vec!["doc_id"]
        });
    }
    if has("department") && has("year") {
        keys.push(vec!["department", "year"]);
    }
    for k in ["metric", "code", "check", "project"] {
        if has(k) {
            keys.push(vec![k]);
        }
    }
    keys.into_iter()
        .map(|cols| create_index(file.stem(), &cols))
        .collect()
}

/// `CREATE INDEX idx_<table>_<cols> ON <table> (<cols>)`.
fn create_index(table: &str, cols: &[&str]) -> String {
    format!(
        "CREATE INDEX {} ON {} ({})",
        quote(&format!("idx_{table}_{}", cols.join("_"))),
        quote(table),
        cols.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", ")
    )
}

/// Builds a database under a temporary name beside `db` (`.NAME.tmp-PID`)
/// and renames it into place when `build` succeeds; removes it otherwise,
/// so `db` is always the old database or the whole new one.
fn replace_atomically<T>(db: &Path, build: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .with_context(|| format!("{}: not a file name", db.display()))?;
    let tmp: PathBuf = db.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    match build(&tmp) {
        Ok(done) => {
            std::fs::rename(&tmp, db).with_context(|| format!("cannot move {} into place", db.display()))?;
            Ok(done)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Writes one table of text rows, typed per column as the export types
/// them (money and other decimals as exact text), to a new database at
/// `db` (built under a temporary name and renamed into place), with an
/// index on each column list of `indexes`. For derived tables such as
/// `yusuan panel`'s.
pub fn write_table(
    db: &Path,
    table: &str,
    columns: &[(String, Type)],
    rows: &[Vec<String>],
    indexes: &[&[&str]],
) -> Result<()> {
    replace_atomically(db, |tmp| {
        let mut conn = Connection::open(tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")?;
        let defs: Vec<String> = columns
            .iter()
            .map(|(c, ty)| format!("{} {}", quote(c), sql_type(*ty)))
            .collect();
        conn.execute(
            &format!("CREATE TABLE {} (\n  {}\n)", quote(table), defs.join(",\n  ")),
            [],
        )?;
        let tx = conn.transaction()?;
        {
            let marks = vec!["?"; columns.len()].join(", ");
            let mut insert = tx.prepare(&format!("INSERT INTO {} VALUES ({marks})", quote(table)))?;
            for (i, row) in rows.iter().enumerate() {
                if row.len() != columns.len() {
                    bail!(
                        "{table}: row {} has {} fields, want {}",
                        i + 1,
                        row.len(),
                        columns.len()
                    );
                }
                let values = columns.iter().zip(row).map(|((_, ty), text)| value(*ty, text));
                insert.execute(params_from_iter(values))?;
            }
        }
        tx.commit()?;
        for cols in indexes {
            conn.execute(&create_index(table, cols), [])?;
        }
        Ok(())
    })
    .map_err(|e| e.context(format!("{}: cannot write", db.display())))
}

/// Writes the database of the output folder `dir` (its `docs/*.json`
/// records) to `db`, replacing it.
pub fn export(dir: &Path, db: &Path) -> Result<Summary> {
    if !dir.join("docs").is_dir() {
        bail!("{}: not an extract output folder (no docs/ in it)", dir.display());
    }
    let ids = record_ids(dir)?;
    replace_atomically(db, |tmp| build(dir, &ids, tmp))
}

fn build(dir: &Path, ids: &[String], path: &Path) -> Result<Summary> {
    let mut conn = Connection::open(path).with_context(|| format!("cannot create {}", path.display()))?;
    // A new file renamed into place when whole: no journal needed.
    conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")?;
    for file in FILES {
        conn.execute(&create_table(file), [])?;
    }
    conn.execute_batch(
        "CREATE TABLE pages (
           doc_id TEXT REFERENCES documents(doc_id),
           page INTEGER,
           kind TEXT,
           ocr INTEGER,
           text TEXT
         );",
    )?;
    let mut summary = Summary::default();
    let tx = conn.transaction()?;
    {
        let mut inserts = Vec::with_capacity(FILES.len());
        for file in FILES {
            let marks = vec!["?"; file.columns.len()].join(", ");
            inserts.push(tx.prepare(&format!("INSERT INTO {} VALUES ({marks})", quote(file.stem())))?);
        }
        let mut page_insert = tx.prepare("INSERT INTO pages VALUES (?, ?, ?, ?, ?)")?;
        for id in ids {
            let record = read_record(&record_path(dir, id))?;
            for ((file, insert), file_rows) in FILES.iter().zip(inserts.iter_mut()).zip(rows(&record)) {
                for row in file_rows {
                    let values = file.columns.iter().zip(&row).map(|(c, text)| value(c.ty, text));
                    insert
                        .execute(params_from_iter(values))
                        .with_context(|| format!("{id}: inserting into {}", file.stem()))?;
                    summary.rows += 1;
                }
            }
            for p in &record.page_texts {
                page_insert.execute(rusqlite::params![
                    record.document.doc_id,
                    p.page as i64,
                    p.kind,
                    p.ocr as i64,
                    p.lines.join("\n"),
                ])?;
                summary.pages += 1;
            }
            summary.documents += 1;
        }
    }
    tx.commit()?;
    for file in FILES {
        for sql in indexes(file) {
            conn.execute(&sql, [])?;
        }
    }
    conn.execute_batch(
        "CREATE INDEX idx_pages_doc_id_page ON pages (doc_id, page);
         CREATE VIRTUAL TABLE pages_fts USING fts5(text, content=\"pages\", tokenize=\"trigram\");
         INSERT INTO pages_fts(pages_fts) VALUES ('rebuild');
         ANALYZE;",
    )?;
    conn.close().map_err(|(_, e)| e)?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::write_record;
    use crate::pipeline::{Input, Settings, process};

    /// An output folder of one sample, exported: every table has the
    /// document's rows with the CSV's columns, money comes back as the
    /// exact text, and a search of the pages' text finds the page.
    #[test]
    fn sample_exports_with_exact_money_and_page_search() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let tmp = std::env::temp_dir().join(format!("yusuan-sqlite-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(tmp.join("docs")).expect("mkdir");
        let mut settings = Settings::default();
        settings.ocr.mode = crate::ocr::OcrMode::Never;
        let record = process(
            Input::Path(&root.join("samples/rsj2019_budget_cidfont.pdf")),
            &settings,
        )
        .expect("sample reads")
        .record();
        write_record(&tmp, &record).expect("record");
        let db = tmp.join("yusuan.db");
        let summary = export(&tmp, &db).expect("export");
        assert_eq!(summary.documents, 1);
        assert_eq!(summary.pages, record.page_texts.len());

        let conn = Connection::open(&db).expect("open");
        let expected = rows(&record);
        for (file, want) in FILES.iter().zip(&expected) {
            let names: Vec<String> = {
                let mut st = conn
                    .prepare(&format!("SELECT name FROM pragma_table_info('{}')", file.stem()))
                    .expect("table info");
                st.query_map([], |r| r.get(0))
                    .expect("columns")
                    .collect::<rusqlite::Result<_>>()
                    .expect("names")
            };
            assert_eq!(names, file.names(), "{} columns", file.stem());
            let n: i64 = conn
                .query_row(&format!("SELECT count(*) FROM {}", quote(file.stem())), [], |r| {
                    r.get(0)
                })
                .expect("count");
            assert_eq!(n as usize, want.len(), "{} rows", file.stem());
        }
        // A fact's value: the CSV's text, exactly, stored as text.
        let fact = &record.facts[0];
        let (value, ty): (String, String) = conn
            .query_row(
                "SELECT value, typeof(value) FROM facts WHERE metric = ?",
                [&fact.metric],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("fact");
        assert_eq!((value.as_str(), ty.as_str()), (fact.value.as_str(), "text"));
        let year: i64 = conn
            .query_row("SELECT year FROM documents", [], |r| r.get(0))
            .expect("year");
        assert_eq!(Some(year as i32), record.document.year);
        // Full-text search over the pages lands on every page that says it.
        let want: Vec<i64> = record
            .page_texts
            .iter()
            .filter(|p| p.lines.iter().any(|l| l.contains("公务接待")))
            .map(|p| p.page as i64)
            .collect();
        assert!(!want.is_empty(), "the sample mentions 公务接待");
        let got: Vec<i64> = conn
            .prepare(
                "SELECT pages.page FROM pages_fts JOIN pages ON pages.rowid = pages_fts.rowid
                 WHERE pages_fts MATCH '\"公务接待\"' ORDER BY pages.page",
            )
            .expect("search")
            .query_map([], |r| r.get(0))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("pages");
        assert_eq!(got, want);
        let _ = std::fs::remove_dir_all(&tmp);
    }

    #[test]
    fn a_folder_without_records_is_refused() {
        let tmp = std::env::temp_dir().join(format!("yusuan-sqlite-empty-{}", std::process::id()));
        std::fs::create_dir_all(&tmp).expect("mkdir");
        let err = export(&tmp, &tmp.join("x.db")).expect_err("no docs/");
        assert!(err.to_string().contains("not an extract output folder"), "{err}");
        assert!(!tmp.join("x.db").exists());
        let _ = std::fs::remove_dir_all(&tmp);
    }
}
