//! The output stage: per-document records → the files of the output
//! contract (`../shared/spec/OUTPUT.md`).
//!
//! Every document is first written whole as `docs/<doc_id>.json`. The CSVs
//! are then rebuilt by streaming those records in `doc_id` order, so a
//! folder's CSVs always describe exactly the documents in its `docs/`,
//! whether they came from one run, several incremental runs or a merge of
//! shards, and memory stays flat however many documents there are.
//!
//! Every file is written atomically: to a temporary file in the same
//! folder, then renamed over the old one. An interrupted run leaves the old
//! file or the new one, never half of either.

pub mod datapackage;
pub mod identity;
pub mod keys;
pub mod record;
pub mod schema;
pub mod sqlite;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rayon::prelude::*;

pub use record::{DocRecord, SourceInfo, Status};
pub use schema::FILES;

/// A file being written under a temporary name, renamed into place by
/// [`AtomicFile::commit`]; dropped without commit, it is removed.
pub struct AtomicFile {
    tmp: PathBuf,
    dest: PathBuf,
    writer: Option<BufWriter<File>>,
}

impl AtomicFile {
    pub fn create(dest: &Path) -> Result<AtomicFile> {
        let dir = dest.parent().unwrap_or(Path::new("."));
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        let file = File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        Ok(AtomicFile {
            tmp,
            dest: dest.to_path_buf(),
            writer: Some(BufWriter::new(file)),
        })
    }

    pub fn writer(&mut self) -> &mut BufWriter<File> {
        self.writer.as_mut().expect("writer present until commit")
    }

    /// Flushes, syncs and renames into place.
    pub fn commit(mut self) -> Result<()> {
        if let Some(w) = self.writer.take() {
            let file = w
                .into_inner()
                .map_err(|e| e.into_error())
                .with_context(|| format!("writing {}", self.tmp.display()))?;
            file.sync_all().ok();
        }
        std::fs::rename(&self.tmp, &self.dest)
            .with_context(|| format!("cannot move {} into place", self.dest.display()))?;
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.is_some() {
            self.writer = None;
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes bytes to a file atomically.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = AtomicFile::create(dest)?;
    f.writer()
        .write_all(bytes)
        .with_context(|| format!("writing {}", dest.display()))?;
    f.commit()
}

/// `docs/<doc_id>.json`.
pub fn record_path(out: &Path, doc_id: &str) -> PathBuf {
    out.join("docs").join(format!("{doc_id}.json"))
}

/// Writes one document's record.
pub fn write_record(out: &Path, record: &DocRecord) -> Result<()> {
    let bytes = serde_json::to_vec_pretty(record)?;
    write_atomic(&record_path(out, &record.document.doc_id), &bytes)
}

/// Reads one record back.
pub fn read_record(path: &Path) -> Result<DocRecord> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_slice(&bytes).with_context(|| format!("{}: not a yusuan record", path.display()))
}

/// The ids of the records in `out/docs`, sorted.
pub fn record_ids(out: &Path) -> Result<Vec<String>> {
    let dir = out.join("docs");
    let mut ids = Vec::new();
    if dir.is_dir() {
        for e in std::fs::read_dir(&dir).with_context(|| format!("cannot list {}", dir.display()))? {
            let name = e?.file_name().to_string_lossy().into_owned();
            if let Some(id) = name.strip_suffix(".json")
                && !id.starts_with('.')
            {
                ids.push(id.to_string());
            }
        }
    }
    ids.sort();
    Ok(ids)
}

fn yes(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

/// An OCR confidence as a CSV field: one decimal, empty for text.
fn confidence(c: Option<f64>) -> String {
    c.map(|v| format!("{v:.1}")).unwrap_or_default()
}

fn csv_writer(w: Vec<u8>) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(w)
}

/// One document's CSV rows: a buffer for each file of [`FILES`], in order.
pub fn render_rows(r: &DocRecord) -> Result<Vec<Vec<u8>>> {
    rows(r)
        .into_iter()
        .zip(FILES)
        .map(|(rows, file)| {
            let quoted: Vec<bool> = file.columns.iter().map(|c| QUOTED.contains(&c.name)).collect();
            if quoted.iter().any(|&q| q) {
                return render_quoted(&rows, &quoted);
            }
            let mut w = csv_writer(Vec::new());
            for row in rows {
                w.write_record(&row)?;
            }
            w.into_inner()
                .map_err(|e| anyhow::anyhow!("cannot render rows: {e}"))
        })
        .collect()
}

/// Columns of digits that are text (`code`: 201 and 2010101 keep their
/// leading digits and are never summed): always quoted, so that readers
/// that guess types from the text (DuckDB, spreadsheets) keep them strings.
const QUOTED: &[&str] = &["code", "parallel_code"];

/// Rows with the `quoted` fields in quotes whenever they are not empty (an
/// empty field stays empty: "not present"), the others as the CSV writer
/// writes them (quoted only when needed).
fn render_quoted(rows: &[Vec<String>], quoted: &[bool]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    for row in rows {
        for (i, field) in row.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            if quoted.get(i).copied().unwrap_or(false) && !field.is_empty() {
                out.push(b'"');
                out.extend_from_slice(field.replace('"', "\"\"").as_bytes());
                out.push(b'"');
            } else if field.contains([',', '"', '\n']) {
                // Quoted only when needed, as the CSV writer does.
                out.push(b'"');
                out.extend_from_slice(field.replace('"', "\"\"").as_bytes());
                out.push(b'"');
            } else {
                out.extend_from_slice(field.as_bytes());
            }
        }
        out.push(b'\n');
    }
    Ok(out)
}

/// The rows a run's workers rendered while each record was in memory, kept
/// on disk (`out/.rows.tmp-PID/<doc_id>`) until the CSVs are rebuilt, so
/// that the rebuild — the one serial step after the documents — copies
/// bytes instead of parsing every record again. Memory stays flat; the
/// folder is removed on drop, and a killed run's is removed by the next
/// (see `batch`). A document without cached rows is read from its record.
pub struct RowCache {
    dir: PathBuf,
    /// Whether this handle made the folder (and removes it on drop); a
    /// batch worker process writes into its supervisor's.
    owned: bool,
}

impl RowCache {
    pub fn create(out: &Path) -> Result<RowCache> {
        let dir = out.join(format!(".rows.tmp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(RowCache { dir, owned: true })
    }

    /// The folder of another process's cache (a batch supervisor's), to
    /// put rows in; left in place on drop.
    pub fn attach(dir: &Path) -> RowCache {
        RowCache {
            dir: dir.to_path_buf(),
            owned: false,
        }
    }

    /// The cache's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Keeps `rows` for `doc_id`: each buffer as its length (8 bytes,
    /// little-endian) and its bytes.
    pub fn put(&self, doc_id: &str, rows: &[Vec<u8>]) -> Result<()> {
        let mut bytes = Vec::with_capacity(rows.iter().map(|r| r.len() + 8).sum());
        for r in rows {
            bytes.extend_from_slice(&(r.len() as u64).to_le_bytes());
            bytes.extend_from_slice(r);
        }
        let path = self.dir.join(doc_id);
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
    }

    /// The rows kept for `doc_id`, if any and whole.
    fn get(&self, doc_id: &str) -> Option<Vec<Vec<u8>>> {
        let bytes = std::fs::read(self.dir.join(doc_id)).ok()?;
        let mut rows = Vec::with_capacity(FILES.len());
        let mut rest = bytes.as_slice();
        while !rest.is_empty() {
            let (len, tail) = rest.split_first_chunk::<8>()?;
            let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
            let (row, tail) = tail.split_at_checked(len)?;
            rows.push(row.to_vec());
            rest = tail;
        }
        (rows.len() == FILES.len()).then_some(rows)
    }
}

impl Drop for RowCache {
    fn drop(&mut self) {
        if self.owned {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Rebuilds every CSV (and `datapackage.json`) of `out` from its records.
pub fn rebuild_csvs(out: &Path) -> Result<()> {
    rebuild_csvs_with(out, None)
}

/// [`rebuild_csvs`], taking a document's rows from `cache` where this run
/// rendered them.
pub fn rebuild_csvs_with(out: &Path, cache: Option<&RowCache>) -> Result<()> {
    let mut files: Vec<AtomicFile> = Vec::new();
    for file in FILES {
        let mut f = AtomicFile::create(&out.join(file.name))?;
        let mut header = csv_writer(Vec::new());
        header.write_record(file.names())?;
        f.writer()
            .write_all(&header.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?)?;
        files.push(f);
    }
    // Records are parsed and turned into rows in parallel, a chunk at a
    // time (memory stays bounded by the chunk, not the corpus), and written
    // in doc_id order.
    let ids = record_ids(out)?;
    for chunk in ids.chunks(64) {
        let rendered: Vec<Result<Vec<Vec<u8>>>> = chunk
            .par_iter()
            .map(|id| match cache.and_then(|c| c.get(id)) {
                Some(rows) => Ok(rows),
                None => render_rows(&read_record(&record_path(out, id))?),
            })
            .collect();
        for doc in rendered {
            for (f, bytes) in files.iter_mut().zip(doc?) {
                f.writer().write_all(&bytes)?;
            }
        }
    }
    for f in files {
        f.commit()?;
    }
    write_atomic(&out.join("datapackage.json"), datapackage::describe().as_bytes())?;
    Ok(())
}

/// One document's rows of every file of [`FILES`], as the text each field
/// is written as (the columns' types say how to read it back): what the
/// CSVs hold, and what every other format is made from.
pub fn rows(r: &DocRecord) -> Vec<Vec<Vec<String>>> {
    let mut w: Vec<Vec<Vec<String>>> = FILES.iter().map(|_| Vec::new()).collect();
    let d = &r.document;
    let id = d.doc_id.as_str();
    let year = d.year.map(|y| y.to_string()).unwrap_or_default();
    let dept_key = identity::dept_key(&d.department);
    let region_code = identity::region_code(&d.region, &d.department);
    let (parent, parent_source) =
        identity::parent(&d.level, &d.department, &d.parent_in_text, &d.source.publisher);
    w[0].push(strings(&[
        id,
        &d.source_path,
        &d.sha256,
        &d.pages.to_string(),
        &d.producer,
        &d.department,
        &d.department_short,
        &d.region,
        &year,
        &d.doc_kind,
        d.status.as_str(),
        &d.text_pages.to_string(),
        &d.image_pages.to_string(),
        &d.warnings.join("; "),
        &d.error,
        &d.level,
        &dept_key,
        &region_code,
        &d.tables_found.join(";"),
        &d.metrics_missing.join(";"),
        &d.source.source_url,
        &d.source.publisher,
        &d.source.published,
        &d.source.fetched,
        &d.source.extra_json(),
        &parent,
        &identity::dept_key(&parent),
        parent_source,
    ]));
    for f in &r.facts {
        w[1].push(strings(&[
            id,
            &d.department,
            &year,
            &d.doc_kind,
            &f.metric,
            &f.label,
            &f.value,
            &f.unit,
            &f.raw_text,
            &f.page.to_string(),
            &f.section,
            &f.origin,
            &f.source,
            &confidence(f.ocr_confidence),
            &dept_key,
            &region_code,
            f.stated_reason.as_ref().map(|r| r.kind.as_str()).unwrap_or(""),
            f.stated_reason.as_ref().map(|r| r.text.as_str()).unwrap_or(""),
            &f.stated_reason
                .as_ref()
                .map(|r| r.page.to_string())
                .unwrap_or_default(),
        ]));
        if f.unit == "yuan" {
            money_at(w[1].last_mut(), 6);
        }
    }
    // The keys of a header path are worked out once per table (a column
    // holds many cells), and of a (kind, column) once per document.
    let none = keys::Keys::default();
    for t in &r.tables {
        let mut by_header: std::collections::HashMap<&str, keys::Keys> = std::collections::HashMap::new();
        for c in &t.cells {
            let k = if c.value.is_empty() || c.is_header {
                &none
            } else {
                by_header
                    .entry(c.header.as_str())
                    .or_insert_with(|| keys::keys(&t.table_kind, &d.doc_kind, d.year, &c.header))
            };
            w[2].push(strings(&[
                id,
                &t.table_id,
                &t.table_kind,
                &c.page.to_string(),
                &c.row.to_string(),
                &c.col.to_string(),
                &c.rowspan.to_string(),
                &c.colspan.to_string(),
                &c.header,
                &c.text,
                &c.value,
                &c.unit,
                &t.title,
                yes(c.is_header),
                &t.source,
                &confidence(c.ocr_confidence),
                t.ocr_verified.map(yes).unwrap_or(""),
                &d.doc_kind,
                &k.measure,
                &k.fund,
                &k.period,
            ]));
            money_at(w[2].last_mut(), 10);
        }
    }
    let mut by_column: std::collections::HashMap<(&str, &str), keys::Keys> = std::collections::HashMap::new();
    for l in &r.line_items {
        let k = by_column
            .entry((l.table_kind.as_str(), l.column.as_str()))
            .or_insert_with(|| keys::keys(&l.table_kind, &d.doc_kind, d.year, &l.column));
        w[3].push(strings(&[
            id,
            &d.department,
            &year,
            &l.table_kind,
            &l.code,
            &l.name,
            &l.column,
            &l.value,
            &l.unit,
            &l.printed_name,
            yes(l.name_mismatch),
            &l.page.to_string(),
            &l.table_id,
            &d.doc_kind,
            &k.measure,
            &k.fund,
            &k.period,
            &l.entity,
            &l.parallel_code,
            &dept_key,
            &region_code,
            &l.code_source,
        ]));
        money_at(w[3].last_mut(), 7);
    }
    for p in &r.projects {
        w[4].push(strings(&[
            id,
            &d.department,
            &year,
            &p.project,
            &p.total,
            &p.recurring,
            &p.one_off,
            &p.unit,
            &p.executing_unit,
            &p.project_type,
            &p.manager_unit,
            &p.total_budget,
            &p.current_year_budget,
            &p.page.to_string(),
            &d.doc_kind,
            &dept_key,
            &region_code,
            &p.project_code,
        ]));
        for i in [4, 5, 6, 11, 12] {
            money_at(w[4].last_mut(), i);
        }
    }
    for i in &r.indicators {
        w[5].push(strings(&[
            id,
            &i.project,
            &i.level1,
            &i.level2,
            &i.content,
            &i.value_text,
            &i.value,
            &i.unit,
            &i.standard,
            &i.page.to_string(),
            &d.department,
            &year,
            &d.doc_kind,
            &dept_key,
            &region_code,
        ]));
        if i.unit == "yuan" {
            money_at(w[5].last_mut(), 6);
        }
    }
    for c in &r.checks {
        let pages: Vec<String> = c.pages.iter().map(ToString::to_string).collect();
        w[6].push(strings(&[
            id,
            &c.check,
            &c.status,
            &c.expected,
            &c.actual,
            &c.difference,
            &pages.join(";"),
            &c.message,
            &c.severity,
            &d.doc_kind,
        ]));
        for i in [3, 4, 5] {
            money_at(w[6].last_mut(), i);
        }
    }
    w
}

/// An amount as every file writes money: at least two decimal places
/// (`0` → `0.00`, `2934.5` → `2934.50`), more only where the figure has
/// them; text that is not a decimal is left as it is.
pub fn money(text: &str) -> String {
    match text.parse::<rust_decimal::Decimal>() {
        Ok(d) if d.scale() < 2 => {
            let mut d = d;
            d.rescale(2);
            d.to_string()
        }
        _ => text.to_string(),
    }
}

/// [`money`] on field `i` of a row just pushed.
fn money_at(row: Option<&mut Vec<String>>, i: usize) {
    if let Some(f) = row.and_then(|r| r.get_mut(i)) {
        *f = money(f);
    }
}

fn strings(fields: &[&str]) -> Vec<String> {
    fields.iter().map(|f| (*f).to_string()).collect()
}

#[cfg(test)]
mod quoted_tests {
    use super::*;

    #[test]
    fn codes_are_quoted_and_other_fields_as_the_writer_writes_them() {
        let rows = vec![vec![
            "201".to_string(),
            String::new(),
            "a,b".to_string(),
            String::new(),
            "say \"hi\"".to_string(),
            "2.00".to_string(),
        ]];
        let out = render_quoted(&rows, &[true, true, false, false, false, false]).expect("rendered");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "\"201\",,\"a,b\",,\"say \"\"hi\"\"\",2.00\n"
        );
        assert_eq!(money("0"), "0.00");
        assert_eq!(money("2934.5"), "2934.50");
        assert_eq!(money("1.125"), "1.125");
        assert_eq!(money("-12"), "-12.00");
        assert_eq!(money("n/a"), "n/a");
    }
}
