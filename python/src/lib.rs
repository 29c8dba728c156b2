//! `yusuan._native`: the Rust side of the Python package.
//!
//! It is deliberately thin: every document goes through the library's one
//! pipeline function, [`yusuan::pipeline::process`], and comes back as the
//! output stage's record and its rows as text ([`yusuan::output::rows`]),
//! exactly what `yusuan extract` writes to its CSVs. Typing those rows
//! (decimals, integers, booleans) is done in Python from the column types
//! of [`yusuan::output::FILES`], which [`files`] hands over, so a column
//! added to the schema reaches Python, Arrow, pandas and Spark by itself.
//!
//! The GIL is released while documents are processed, so other Python
//! threads run, and [`extract_many`] processes files in parallel in a rayon
//! pool, handing each document to Python as it finishes.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use yusuan::output::{self, DocRecord, FILES};
use yusuan::pipeline::{self, FailureKind, Input, defaults};

/// The pipeline settings for the Python arguments. The same mapping as the
/// CLI's reading flags (`src/cli/args.rs`, `Reading::settings`), so the
/// same arguments give the same rows as `yusuan extract`.
fn settings(ocr: &str, password: Option<String>, timeout: Option<f64>) -> PyResult<pipeline::Settings> {
    let mode: yusuan::ocr::OcrMode = ocr
        .parse()
        .map_err(|e: String| PyValueError::new_err(e.replace("--ocr ", "ocr=")))?;
    let timeout = match timeout {
        None => defaults::FILE_TIMEOUT,
        Some(t) if t.is_finite() && t > 0.0 => Duration::from_secs_f64(t),
        Some(t) => {
            return Err(PyValueError::new_err(format!(
                "timeout={t}: expected seconds > 0"
            )));
        }
    };
    let mut s = pipeline::Settings {
        timeout,
        ..pipeline::Settings::default()
    };
    s.open.password = password.clone();
    s.open.max_file_bytes = defaults::MAX_FILE_MB.saturating_mul(1024 * 1024);
    s.ocr.mode = mode;
    s.ocr.password = password;
    Ok(s)
}

/// The Python name of a failure's kind (`yusuan.<Kind>Error` is chosen
/// from it on the Python side).
fn kind_name(kind: FailureKind) -> &'static str {
    match kind {
        FailureKind::Unreadable => "unreadable",
        FailureKind::TooLarge => "too_large",
        FailureKind::NotPdf => "not_pdf",
        FailureKind::Encrypted => "encrypted",
        FailureKind::TimedOut => "timed_out",
        FailureKind::Internal => "internal",
        FailureKind::Interrupted => "interrupted",
        // FailureKind is non_exhaustive: a kind added later is still an
        // error, of the base class.
        _ => "error",
    }
}

/// One processed document: its record (what `docs/<doc_id>.json` holds)
/// and, for a document that yielded nothing, the kind of failure.
#[pyclass(frozen, module = "yusuan._native")]
pub struct Record {
    record: DocRecord,
    failure: Option<&'static str>,
}

fn run(input: Input<'_>, settings: &pipeline::Settings) -> Record {
    match pipeline::process(input, settings) {
        Ok(p) => Record {
            record: p.record(),
            failure: None,
        },
        Err(f) => Record {
            record: f.record(),
            failure: Some(kind_name(f.kind)),
        },
    }
}

#[pymethods]
impl Record {
    /// `doc_id`: first 16 hex digits of the SHA-256 of the bytes.
    #[getter]
    fn doc_id(&self) -> &str {
        &self.record.document.doc_id
    }

    /// `ok`, `partial` or `failed`.
    #[getter]
    fn status(&self) -> &'static str {
        self.record.document.status.as_str()
    }

    /// The one-line warnings (`documents.csv` joins them with `; `).
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.record.document.warnings.clone()
    }

    /// The one-line reason a failed document yielded nothing (empty else).
    #[getter]
    fn error(&self) -> &str {
        &self.record.document.error
    }

    /// The failure's kind (`not_pdf`, `encrypted`, …), `None` unless failed.
    #[getter]
    fn failure(&self) -> Option<&'static str> {
        self.failure
    }

    /// The path or name the document was read under.
    #[getter]
    fn source_path(&self) -> &str {
        &self.record.document.source_path
    }

    /// Every row of every output file, as the CSVs' text: one list per
    /// file of `files()`, in that order, each a list of rows of strings.
    fn rows(&self) -> Vec<Vec<Vec<String>>> {
        output::rows(&self.record)
    }

    /// Every row of every output file as the CSVs' bytes (UTF-8, no
    /// header, `\n` after each row): one buffer per file of `files()`, in
    /// that order; exactly what `yusuan extract` writes for this document.
    /// Read by Arrow's CSV reader, it is the cheapest way to typed columns.
    fn csv<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyBytes>>> {
        let buffers = output::render_rows(&self.record).map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(buffers.iter().map(|b| PyBytes::new(py, b)).collect())
    }

    /// Every page's text: `(page, kind, ocr, text)`, lines joined by `\n`.
    fn pages(&self) -> Vec<(usize, String, bool, String)> {
        self.record
            .page_texts
            .iter()
            .map(|p| (p.page, p.kind.clone(), p.ocr, p.lines.join("\n")))
            .collect()
    }

    /// The whole record as JSON: what `docs/<doc_id>.json` holds.
    fn json(&self) -> PyResult<String> {
        serde_json::to_string_pretty(&self.record).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    fn __repr__(&self) -> String {
        format!(
            "<Record {} {} {}>",
            self.record.document.doc_id,
            self.record.document.status.as_str(),
            self.record.document.source_path
        )
    }
}

/// A column type's name on the Python side.
fn type_name(ty: yusuan::output::schema::Type) -> &'static str {
    use yusuan::output::schema::Type;
    match ty {
        Type::String => "string",
        Type::Integer => "integer",
        Type::Decimal => "decimal",
        Type::Number => "number",
        Type::Boolean => "boolean",
    }
}

/// A column as Python sees it: name, type, description.
type ColumnInfo = (&'static str, &'static str, &'static str);

/// Every output file and its columns: `[(stem, [(column, type,
/// description), …]), …]` with `type` one of `string`, `integer`,
/// `decimal`, `number`, `boolean`.
#[pyfunction]
fn files() -> Vec<(&'static str, Vec<ColumnInfo>)> {
    FILES
        .iter()
        .map(|f| {
            let columns = f
                .columns
                .iter()
                .map(|c| (c.name, type_name(c.ty), c.description))
                .collect();
            (f.stem(), columns)
        })
        .collect()
}

/// A panel's columns `(name, type, description)` and rows.
type PanelTable = (Vec<(String, &'static str, String)>, Vec<Vec<String>>);

/// `yusuan panel` of extract output folders: `(columns, rows)`, columns as
/// `(name, type, description)` like [`files`] (a metric's figure is
/// `decimal` described by its unit: `yuan` for money), rows as the CSV's
/// text.
#[pyfunction]
fn panel(py: Python<'_>, dirs: Vec<PathBuf>) -> PyResult<PanelTable> {
    use yusuan::output::schema::Type;
    let p = py
        .detach(|| yusuan::compare::load(&dirs).map(|ds| yusuan::compare::panel::panel(&ds)))
        .map_err(|e| PyOSError::new_err(format!("{e:#}")))?;
    let columns = yusuan::compare::panel::column_types(&p)
        .into_iter()
        .map(|(name, ty)| {
            // A figure is described by its metric's unit (`yuan`: money).
            let description = match ty {
                Type::Decimal => yusuan::extract::metrics::unit_of(&name).unwrap_or("").to_string(),
                _ => String::new(),
            };
            (name, type_name(ty), description)
        })
        .collect();
    Ok((columns, p.rows))
}

/// Processes one document, a path or bytes, with the GIL released. Never
/// raises for a bad document: a failure is a record with `failure` set
/// (the Python side raises the matching `yusuan.Error`).
#[pyfunction]
#[pyo3(signature = (source, *, ocr = "auto", password = None, timeout = None, name = None))]
fn extract(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    ocr: &str,
    password: Option<String>,
    timeout: Option<f64>,
    name: Option<String>,
) -> PyResult<Record> {
    let settings = settings(ocr, password, timeout)?;
    if let Ok(bytes) = source.cast::<PyBytes>() {
        // The bytes stay owned by Python (and alive: `source` is borrowed
        // for the call); copy them out so the GIL can be released.
        let bytes = bytes.as_bytes().to_vec();
        let name = name.unwrap_or_default();
        return Ok(py.detach(|| {
            run(
                Input::Bytes {
                    bytes: &bytes,
                    name: &name,
                },
                &settings,
            )
        }));
    }
    let path: PathBuf = source
        .extract()
        .map_err(|_| PyValueError::new_err("source: expected a path (str or os.PathLike) or bytes"))?;
    Ok(py.detach(|| run(Input::Path(&path), &settings)))
}

/// Documents of [`extract_many`] as they finish.
#[pyclass(module = "yusuan._native")]
pub struct Documents {
    rx: Mutex<Receiver<Record>>,
    /// Set when the iterator is dropped: workers stop taking files.
    stop: Arc<AtomicBool>,
    total: usize,
}

#[pymethods]
impl Documents {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> Option<Record> {
        // Wait for the next document with the GIL released, so the
        // workers and other Python threads are not held up.
        py.detach(|| self.rx.lock().ok().and_then(|rx| rx.recv().ok()))
    }

    /// How many files will be yielded in all.
    fn __len__(&self) -> usize {
        self.total
    }
}

impl Drop for Documents {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Processes files in parallel (a rayon pool of `jobs` threads, all cores
/// by default) and yields their records as they finish. Folders are walked
/// for `*.pdf` as `yusuan extract` walks them.
#[pyfunction]
#[pyo3(signature = (paths, *, jobs = None, ocr = "auto", password = None, timeout = None))]
fn extract_many(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    jobs: Option<usize>,
    ocr: &str,
    password: Option<String>,
    timeout: Option<f64>,
) -> PyResult<Documents> {
    let settings = settings(ocr, password, timeout)?;
    let inputs = py
        .detach(|| yusuan::batch::collect_inputs(&paths))
        .map_err(|e| PyOSError::new_err(format!("{e:#}")))?;
    // A folder that cannot be listed is a failed record, like a file.
    let unreadable: Vec<Record> = inputs
        .unreadable
        .iter()
        .map(|(dir, why)| {
            let f = pipeline::file_failure(dir, FailureKind::Unreadable, why.clone());
            Record {
                record: f.record(),
                failure: Some(kind_name(f.kind)),
            }
        })
        .collect();
    let files = inputs.files;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
        .map_err(|e| PyOSError::new_err(format!("cannot start worker threads: {e}")))?;
    let total = files.len() + unreadable.len();
    // A small buffer: documents wait in it (and their memory with them)
    // only while Python is slower than the workers.
    let (tx, rx) = sync_channel::<Record>(pool.current_num_threads().max(1) * 2);
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = Arc::clone(&stop);
    std::thread::spawn(move || {
        use rayon::prelude::*;
        for record in unreadable {
            if tx.send(record).is_err() {
                return;
            }
        }
        pool.install(|| {
            files.par_iter().for_each_with(tx, |tx, path: &PathBuf| {
                if stopped.load(Ordering::Relaxed) {
                    return;
                }
                let record = run(Input::Path(Path::new(path)), &settings);
                if tx.send(record).is_err() {
                    stopped.store(true, Ordering::Relaxed);
                }
            });
        });
    });
    Ok(Documents {
        rx: Mutex::new(rx),
        stop,
        total,
    })
}

/// The `doc_id`s of an extract output folder's records (`DIR/docs/*.json`),
/// sorted: what `yusuan extract` wrote, to be read one at a time with
/// [`read_record`] and typed, turned into Arrow or Parquet like fresh
/// documents.
#[pyfunction]
fn record_ids(dir: PathBuf) -> PyResult<Vec<String>> {
    output::record_ids(&dir).map_err(|e| PyOSError::new_err(format!("{e:#}")))
}

/// One record of an extract output folder.
#[pyfunction]
fn read_record(py: Python<'_>, dir: PathBuf, doc_id: String) -> PyResult<Record> {
    py.detach(|| output::read_record(&output::record_path(&dir, &doc_id)).map_err(|e| format!("{e:#}")))
        .map(|record| {
            // The kind of a failure is not kept in the record: the base class.
            let failure = (record.document.status == output::Status::Failed).then_some("error");
            Record { record, failure }
        })
        .map_err(PyOSError::new_err)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Record>()?;
    m.add_class::<Documents>()?;
    m.add_function(wrap_pyfunction!(files, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add_function(wrap_pyfunction!(record_ids, m)?)?;
    m.add_function(wrap_pyfunction!(read_record, m)?)?;
    m.add_function(wrap_pyfunction!(panel, m)?)?;
    m.add("MAX_FILE_MB", defaults::MAX_FILE_MB)?;
    m.add("FILE_TIMEOUT", defaults::FILE_TIMEOUT.as_secs_f64())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
