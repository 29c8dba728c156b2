//! Documents in worker processes, as Apache Tika's forked parser runs
//! them: a document that still dies — an abort on a failed allocation, an
//! OOM kill, a stack overflow, a hang that ignores its deadline — costs
//! only itself.
//!
//! The supervisor ([`super::run`]) starts `--jobs` long-lived workers (the
//! same binary, hidden subcommand `__worker`, started once: the rule tables
//! and patterns are built once per worker, not per document), each in its
//! own process group and under the memory ceiling
//! ([`crate::pipeline::defaults::memory_ceiling`], `setrlimit` in the
//! child; the OCR engine runs it starts inherit it). It sends one path at
//! a time; the worker runs [`pipeline::process`], writes the record and
//! the rendered rows itself, as the in-process batch does, and answers
//! with the document's row. A worker that dies, or does not answer
//! [`WORKER_GRACE`] after the file's deadline, is killed with its process
//! group (OCR runs included); the document gets a `failed` record saying
//! what happened, its temporaries are removed, and a new worker takes the
//! next document.
//!
//! The protocol: JSON lines. Supervisor → worker on stdin: a
//! [`Request::Setup`], then one [`Request::Process`] per document; closing
//! stdin ends the worker. Worker → supervisor on stdout: one [`Reply`] per
//! document. The worker's stderr (a caught panic's message, the abort
//! message of a failed allocation) is passed on to the supervisor's, and
//! its last line goes into the `failed` row of a worker that died.
//!
//! SIGINT/SIGTERM: workers are in their own process groups, so a terminal's
//! Ctrl-C reaches the supervisor only; it passes SIGTERM on to each busy
//! worker, whose document stops at its next check and answers
//! [`Reply::Interrupted`] (no record, as in process); one that does not
//! within the grace is killed, and its document is counted as interrupted,
//! never as failed.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::output::record::DocumentRow;
use crate::output::{self, RowCache};
use crate::pipeline::{self, Failure, FailureKind, Settings, Source};

/// How long past a file's `--file-timeout` a worker may take to answer
/// before it is killed (its own deadline checks stop a document well
/// within this; only a hang that ignores them reaches it), and how long a
/// worker may take to stop when asked to.
pub const WORKER_GRACE: Duration = Duration::from_secs(10);

/// How to start a worker process: this binary and the arguments that
/// make it one (`__worker extract …`, see `src/cli`).
#[derive(Debug, Clone)]
pub struct WorkerCommand {
    pub program: PathBuf,
    pub args: Vec<std::ffi::OsString>,
    /// The memory ceiling, bytes ([`crate::pipeline::defaults::memory_ceiling`]);
    /// `None`: unlimited.
    pub memory_limit: Option<u64>,
    /// `--max-memory-mb`, for messages.
    pub max_memory_mb: u64,
}

/// What a finished document reports: its `documents.csv` row and the
/// counts `--jsonl` prints.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Finished {
    pub document: DocumentRow,
    pub facts: usize,
    pub tables: usize,
    /// Seconds the document took, from the run's side (the supervisor's,
    /// or the thread's in process).
    #[serde(default)]
    pub seconds: f64,
}

impl Finished {
    pub fn of(record: &output::DocRecord) -> Finished {
        Finished {
            document: record.document.clone(),
            facts: record.facts.len(),
            tables: record.tables.len(),
            seconds: 0.0,
        }
    }
}

/// Supervisor → worker.
#[derive(Debug, Serialize, Deserialize)]
enum Request {
    /// First: where the rendered rows go, and the worker's threads (pages
    /// and OCR runs of a document in parallel).
    Setup { rows: String, threads: usize },
    /// A document to process (its path's bytes, hex).
    Process { path: String },
}

/// How long a worker may take to start (build its rule tables).
const READY_WITHIN: Duration = Duration::from_secs(60);

/// Worker → supervisor: [`Reply::Ready`] once, then one per document.
#[derive(Debug, Serialize, Deserialize)]
enum Reply {
    /// Set up, its rule tables built and checked.
    Ready,
    /// Processed; its record and rows are written.
    Done(Box<Finished>),
    /// Stopped by SIGINT/SIGTERM: no record.
    Interrupted,
    /// The record could not be written (the output folder's fault, not
    /// the document's: the run fails).
    WriteError(String),
}

/// A path as text that gives back its bytes: hex of them.
fn path_hex(path: &Path) -> String {
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().into_owned().into_bytes();
    pipeline::hex(&bytes)
}

fn path_from_hex(hex: &str) -> Option<PathBuf> {
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect();
    let bytes = bytes?;
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        String::from_utf8(bytes).ok().map(PathBuf::from)
    }
}

/// The worker's side: reads requests on stdin until it closes (or a stop
/// is asked for), processes each document and writes its record and rows
/// into `out`, answering on stdout. Returns when stdin closes.
pub fn serve(out: &Path, settings: &Settings, manifest: Option<&super::manifest::Manifest>) -> Result<()> {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let mut stdout = std::io::stdout().lock();
    let setup = match lines.next() {
        Some(line) => line.context("reading the supervisor's request")?,
        None => return Ok(()),
    };
    let Ok(Request::Setup { rows, threads }) = serde_json::from_str::<Request>(&setup) else {
        anyhow::bail!("worker: expected a setup request, got {setup:?}");
    };
    let rows = RowCache::attach(&path_from_hex(&rows).context("worker: bad rows folder")?);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()
        .context("cannot start worker threads")?;
    serde_json::to_writer(&mut stdout, &Reply::Ready)?;
    stdout.write_all(b"\n")?;
    stdout.flush()?;
    for line in lines {
        let line = line.context("reading the supervisor's request")?;
        let Ok(Request::Process { path }) = serde_json::from_str::<Request>(&line) else {
            anyhow::bail!("worker: expected a document, got {line:?}");
        };
        let path = path_from_hex(&path).context("worker: bad path")?;
        #[cfg(debug_assertions)]
        fault::inject(&path, settings);
        let reply = pool.install(|| process(&path, out, settings, &rows, manifest));
        serde_json::to_writer(&mut stdout, &reply)?;
        stdout.write_all(b"\n")?;
        stdout.flush()?;
        if crate::stop::requested() {
            break;
        }
    }
    Ok(())
}

fn process(
    path: &Path,
    out: &Path,
    settings: &Settings,
    rows: &RowCache,
    manifest: Option<&super::manifest::Manifest>,
) -> Reply {
    let mut record = match pipeline::process(pipeline::Input::Path(path), settings) {
        Ok(processed) => processed.record(),
        Err(f) if f.kind == FailureKind::Interrupted => return Reply::Interrupted,
        Err(f) => f.record(),
    };
    if let Some(m) = manifest {
        m.apply(&mut record);
    }
    if let Err(e) = output::write_record(out, &record) {
        return Reply::WriteError(format!("{e:#}"));
    }
    if let Ok(r) = output::render_rows(&record) {
        let _ = rows.put(&record.document.doc_id, &r);
    }
    Reply::Done(Box::new(Finished::of(&record)))
}

/// What became of a document sent to a worker.
pub(super) enum Outcome {
    Done(Box<Finished>),
    Interrupted,
    WriteError(String),
    /// The worker died or was killed (it is gone): why, in one line.
    Lost(String),
}

/// The worker's stderr lines since it last answered (the first
/// [`TAIL_LINES`]): what it said about the document in progress, or its
/// start.
type Tail = Arc<Mutex<Vec<String>>>;

const TAIL_LINES: usize = 100;

/// A running worker process, from the supervisor's side.
pub(super) struct Worker {
    child: Child,
    stdin: Option<ChildStdin>,
    replies: Receiver<String>,
    tail: Tail,
    stderr: Option<JoinHandle<()>>,
    /// The run's output folder (where it writes its temporaries).
    out: PathBuf,
    /// Whether it may take another document.
    pub alive: bool,
    /// Whether it is set up ([`Worker::setup`]).
    ready: bool,
}

impl Worker {
    /// Starts a worker process: it builds its rule tables at once, while
    /// the supervisor does other things (hashes the inputs); [`Worker::setup`]
    /// then gives it its work.
    pub fn spawn(cmd: &WorkerCommand, out: &Path) -> Result<Worker> {
        let mut c = Command::new(&cmd.program);
        c.args(&cmd.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        #[cfg(unix)]
        {
            // Its own process group: a hung worker is killed with the OCR
            // runs it started, and a terminal's Ctrl-C reaches only the
            // supervisor, which stops the workers itself.
            use std::os::unix::process::CommandExt;
            c.process_group(0);
        }
        if let Some(bytes) = cmd.memory_limit {
            crate::limit::limit_memory(&mut c, bytes);
        }
        let mut child = c
            .spawn()
            .with_context(|| format!("cannot start a worker process ({})", cmd.program.display()))?;
        let (stdin, stdout, stderr) = match (child.stdin.take(), child.stdout.take(), child.stderr.take()) {
            (Some(i), Some(o), Some(e)) => (i, o, e),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                anyhow::bail!("cannot talk to a worker process");
            }
        };
        let (tx, replies) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let tail: Tail = Arc::default();
        let t = tail.clone();
        let stderr = std::thread::spawn(move || {
            let mut r = BufReader::new(stderr);
            let mut buf = Vec::new();
            loop {
                buf.clear();
                match r.read_until(b'\n', &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {}
                }
                // Passed on as it comes (a closed stderr drops it).
                let _ = std::io::stderr().write_all(&buf);
                let line = String::from_utf8_lossy(&buf).trim().to_string();
                if !line.is_empty()
                    && let Ok(mut t) = t.lock()
                    && t.len() < TAIL_LINES
                {
                    t.push(line);
                }
            }
        });
        let w = Worker {
            child,
            stdin: Some(stdin),
            replies,
            tail,
            stderr: Some(stderr),
            out: out.to_path_buf(),
            alive: true,
            ready: false,
        };
        Ok(w)
    }

    /// Tells a worker where the rows go and how many threads it has
    /// (`rows`, `threads`), and waits until it is ready: it has built and
    /// checked the rule tables (a bad row is an error naming it, as in
    /// process) and started its threads. An error is the run's.
    pub fn setup(&mut self, cmd: &WorkerCommand, rows: &Path, threads: usize) -> Result<()> {
        if self.ready {
            return Ok(());
        }
        let w = self;
        let setup = Request::Setup {
            rows: path_hex(rows),
            threads,
        };
        let _ = w.send(&setup);
        let started = Instant::now();
        loop {
            match w.replies.recv_timeout(Duration::from_millis(50)) {
                Ok(line) if matches!(serde_json::from_str(&line), Ok(Reply::Ready)) => break,
                Ok(line) => {
                    let _ = writeln!(std::io::stderr(), "{line}");
                }
                Err(RecvTimeoutError::Timeout) if started.elapsed() < READY_WITHIN => {}
                Err(RecvTimeoutError::Timeout) => {
                    w.kill_group();
                    let _ = w.child.wait();
                    w.reaped();
                    anyhow::bail!(
                        "a worker process did not start within {} s",
                        READY_WITHIN.as_secs()
                    );
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let why = w.died(cmd);
                    anyhow::bail!(
                        "{}",
                        why.replacen("worker process", "a worker process could not start:", 1)
                    );
                }
            }
        }
        if let Ok(mut t) = w.tail.lock() {
            t.clear();
        }
        w.ready = true;
        Ok(())
    }

    fn send(&mut self, request: &Request) -> std::io::Result<()> {
        let stdin = self.stdin.as_mut().ok_or(std::io::ErrorKind::BrokenPipe)?;
        let mut line = serde_json::to_vec(request)?;
        line.push(b'\n');
        stdin.write_all(&line)?;
        stdin.flush()
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Processes `path` within `timeout` (+ [`WORKER_GRACE`]).
    pub fn process(&mut self, path: &Path, timeout: Duration, cmd: &WorkerCommand) -> Outcome {
        let outcome = self.answer(path, timeout, cmd);
        if let Ok(mut t) = self.tail.lock() {
            t.clear();
        }
        outcome
    }

    fn answer(&mut self, path: &Path, timeout: Duration, cmd: &WorkerCommand) -> Outcome {
        let request = Request::Process { path: path_hex(path) };
        if self.send(&request).is_err() {
            return Outcome::Lost(self.died(cmd));
        }
        let deadline = Instant::now() + timeout + WORKER_GRACE;
        let mut asked_to_stop: Option<Instant> = None;
        loop {
            match self.replies.recv_timeout(Duration::from_millis(50)) {
                Ok(line) => match serde_json::from_str::<Reply>(&line) {
                    Ok(Reply::Done(f)) => return Outcome::Done(f),
                    Ok(Reply::Interrupted) => return Outcome::Interrupted,
                    Ok(Reply::WriteError(e)) => return Outcome::WriteError(e),
                    Ok(Reply::Ready) => {}
                    // Not an answer (something printed on stdout): shown.
                    Err(_) => {
                        let _ = writeln!(std::io::stderr(), "{line}");
                    }
                },
                Err(RecvTimeoutError::Disconnected) => return Outcome::Lost(self.died(cmd)),
                Err(RecvTimeoutError::Timeout) => {
                    if crate::stop::requested() {
                        match asked_to_stop {
                            None => {
                                self.signal(libc_sigterm());
                                asked_to_stop = Some(Instant::now());
                            }
                            Some(t) if t.elapsed() > WORKER_GRACE => {
                                self.kill();
                                return Outcome::Interrupted;
                            }
                            Some(_) => {}
                        }
                    } else if Instant::now() > deadline {
                        self.kill();
                        return Outcome::Lost(format!(
                            "worker process did not stop {} s after the --file-timeout of {} s; killed",
                            WORKER_GRACE.as_secs(),
                            timeout.as_secs()
                        ));
                    }
                }
            }
        }
    }

    /// Sends `signal` to the worker (not its group: its OCR runs are its
    /// own to stop).
    fn signal(&self, signal: i32) {
        #[cfg(unix)]
        // SAFETY: signals our own child.
        unsafe {
            libc::kill(self.pid() as libc::pid_t, signal);
        }
        #[cfg(not(unix))]
        let _ = signal;
    }

    /// Kills the worker's process group (the worker and the OCR runs it
    /// started).
    fn kill_group(&mut self) {
        #[cfg(unix)]
        // SAFETY: the group of our own child (its id, `process_group(0)`);
        // the id stays reserved while the child is unreaped or any member
        // lives.
        unsafe {
            libc::killpg(self.pid() as libc::pid_t, libc::SIGKILL);
        }
        #[cfg(not(unix))]
        let _ = self.child.kill();
    }

    /// Kills the worker and cleans up after it.
    fn kill(&mut self) {
        self.kill_group();
        let _ = self.child.wait();
        self.reaped();
    }

    /// After the worker is gone: no more documents, its stderr read to the
    /// end, its temporaries removed.
    fn reaped(&mut self) {
        self.alive = false;
        self.stdin = None;
        if let Some(t) = self.stderr.take() {
            let _ = t.join();
        }
        remove_temporaries_of(&self.out, self.pid());
    }

    /// The worker stopped answering: why, in one line.
    fn died(&mut self, cmd: &WorkerCommand) -> String {
        // It closed its output: it is exiting, or has.
        let started = Instant::now();
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(s)) => break Some(s),
                Ok(None) if started.elapsed() < Duration::from_secs(2) => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                _ => break None,
            }
        };
        // Whatever it started dies with it.
        self.kill_group();
        let status = match status {
            Some(s) => Some(s),
            None => self.child.wait().ok(),
        };
        self.reaped();
        let said = self.tail.lock().ok().and_then(|t| telling(&t));
        describe_death(status, said.as_deref(), cmd)
    }

    /// Ends a worker that is done: its stdin closed, it exits; one that
    /// does not within the grace is killed.
    pub fn finish(mut self) {
        if !self.alive {
            return;
        }
        self.stdin = None;
        let started = Instant::now();
        loop {
            match self.child.try_wait() {
                Ok(Some(_)) => break,
                Ok(None) if started.elapsed() < WORKER_GRACE => std::thread::sleep(Duration::from_millis(2)),
                _ => {
                    self.kill_group();
                    let _ = self.child.wait();
                    break;
                }
            }
        }
        self.reaped();
    }
}

fn libc_sigterm() -> i32 {
    #[cfg(unix)]
    {
        libc::SIGTERM
    }
    #[cfg(not(unix))]
    {
        15
    }
}

/// The line of a dying worker's stderr that says why: Rust's own fatal
/// messages (a failed allocation, a stack overflow) wherever they are,
/// else the first line (a backtrace follows a panic's message).
fn telling(lines: &[String]) -> Option<String> {
    const FATAL: [&str; 3] = [
        "memory allocation of",
        "has overflowed its stack",
        "fatal runtime error",
    ];
    lines
        .iter()
        .find(|l| FATAL.iter().any(|f| l.contains(f)))
        .or(lines.first())
        .cloned()
}

/// One line on how a worker ended.
fn describe_death(
    status: Option<std::process::ExitStatus>,
    last: Option<&str>,
    cmd: &WorkerCommand,
) -> String {
    let last = last.map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "));
    let out_of_memory = last
        .as_deref()
        .is_some_and(|l| l.contains("memory allocation of"));
    let ceiling = match cmd.memory_limit {
        Some(bytes) => format!(
            "the memory ceiling of {} (--max-memory-mb {} + {} MB for the program)",
            crate::limit::mb(bytes),
            cmd.max_memory_mb,
            crate::pipeline::defaults::MEMORY_HEADROOM_MB
        ),
        None => "the machine's memory".to_string(),
    };
    let said = match &last {
        Some(l) => format!(": {l}"),
        None => String::new(),
    };
    #[cfg(unix)]
    if let Some(signal) = status.and_then(|s| std::os::unix::process::ExitStatusExt::signal(&s)) {
        let name = signal_name(signal);
        let why = if out_of_memory {
            format!(" — over {ceiling}")
        } else if signal == 9 {
            " — out of memory? (the system's OOM killer sends SIGKILL)".to_string()
        } else {
            String::new()
        };
        return format!("worker process killed by signal {signal} ({name}){said}{why}");
    }
    match status.and_then(|s| s.code()) {
        Some(code) => {
            let why = if out_of_memory {
                format!(" — over {ceiling}")
            } else {
                String::new()
            };
            format!("worker process exited with code {code}{said}{why}")
        }
        None => format!("worker process stopped answering{said}"),
    }
}

#[cfg(unix)]
fn signal_name(signal: i32) -> &'static str {
    match signal {
        libc::SIGABRT => "SIGABRT",
        libc::SIGKILL => "SIGKILL",
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGBUS => "SIGBUS",
        libc::SIGILL => "SIGILL",
        libc::SIGFPE => "SIGFPE",
        libc::SIGTERM => "SIGTERM",
        libc::SIGINT => "SIGINT",
        libc::SIGXCPU => "SIGXCPU",
        _ => "signal",
    }
}

/// Removes what a dead worker (`pid`) was writing: its temporary record
/// files in `out` and `out/docs` (`.NAME.tmp-PID`) and its OCR folders
/// (`yusuan-ocr-PID-N` in the temporary folder).
fn remove_temporaries_of(out: &Path, pid: u32) {
    let suffix = format!(".tmp-{pid}");
    for dir in [out.to_path_buf(), out.join("docs")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && name.ends_with(&suffix) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    let prefix = format!("yusuan-ocr-{pid}-");
    if let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
}

/// The `failed` record of a document whose worker was lost.
pub(super) fn lost_record(path: &Path, sha256: &str, why: String) -> output::DocRecord {
    Failure {
        kind: FailureKind::Internal,
        message: why,
        source: Box::new(Source {
            doc_id: sha256.get(..16).unwrap_or(sha256).to_string(),
            sha256: sha256.to_string(),
            path: pipeline::path_text(path),
        }),
        page_count: 0,
        producer: String::new(),
    }
    .record()
}

/// Faults injected into a worker, to test the supervisor: compiled only
/// in debug and test builds (`cfg(debug_assertions)`), never in a release.
/// `YUSUAN_WORKER_FAULT=KIND:TEXT[,KIND:TEXT…]`: a document whose path
/// contains TEXT makes the worker `abort` (SIGABRT), `hang` (sleep for
/// ever, deaf to its deadline and to signals' stop requests), or `alloc`
/// (allocate and touch the memory ceiling + 512 MB: past it, so the
/// allocation fails and the process aborts; without the ceiling it
/// succeeds and the document is processed as usual).
#[cfg(debug_assertions)]
mod fault {
    use std::path::Path;

    pub(super) fn inject(path: &Path, settings: &super::Settings) {
        let Some(spec) = std::env::var_os("YUSUAN_WORKER_FAULT") else {
            return;
        };
        let spec = spec.to_string_lossy().into_owned();
        let path = crate::pipeline::path_text(path);
        for item in spec.split(',') {
            let Some((kind, text)) = item.split_once(':') else {
                continue;
            };
            if text.is_empty() || !path.contains(text) {
                continue;
            }
            match kind {
                "abort" => std::process::abort(),
                "hang" => loop {
                    std::thread::sleep(std::time::Duration::from_secs(1));
                },
                "alloc" => {
                    let ceiling = settings.ocr.memory_limit.unwrap_or(1 << 30);
                    let v = vec![1u8; (ceiling + (512 << 20)) as usize];
                    std::hint::black_box(&v);
                }
                _ => {}
            }
        }
    }
}
