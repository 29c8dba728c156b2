//! The batch stage: many files, in parallel, each isolated.
//!
//! Each document runs in a worker process ([`worker`]: `--jobs` of them,
//! long-lived, under a memory ceiling), so that one that still dies —
//! abort, OOM kill, stack overflow, a hang deaf to its deadline — is one
//! `failed` row and the run goes on; [`Options::workers`] `None` runs them
//! on threads of this process instead (`--in-process`).
//!
//! A file is processed start to finish by [`process_file`], which never
//! panics and never returns an error: whatever goes wrong becomes the
//! document's `status` and one-line `error`. Each finished document's
//! record is written at once (atomically), so an interrupted run loses
//! nothing already done and `--incremental` picks up where it stopped; the
//! CSVs are rebuilt from all records at the end (also when the run is
//! stopped by SIGINT/SIGTERM: documents in progress then keep no record).
//!
//! Every input is accounted for: a folder that cannot be listed, a FIFO,
//! device or socket (refused by type, unread), a file over the size limit
//! (by its metadata, unread) or unreadable is a `failed` row, and the rest
//! goes on; a file with the same bytes as an earlier one is reported
//! ([`Event::Duplicate`]) and processed once.

mod job;
pub mod manifest;
mod worker;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

pub use job::{Settings, process_file};
pub use worker::{Finished, WORKER_GRACE, WorkerCommand, serve as serve_worker};

use crate::output::{self, DocRecord, Status};
use crate::pipeline::{self, Failure, FailureKind};

/// How a batch runs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Documents processed at once (0 = all cores): worker processes, or
    /// threads when in process.
    pub jobs: usize,
    /// Run each document in a worker process started with this command
    /// (see [`worker`]); `None`: in this process, on a thread pool (a
    /// document that aborts then takes the run down).
    pub workers: Option<WorkerCommand>,
    /// Skip files whose SHA-256 already has a record in the output folder
    /// (at the same path); records of files gone or changed are dropped.
    pub incremental: bool,
    /// Process only the files whose hash falls in shard `k` of `n` (1-based).
    pub shard: Option<(u64, u64)>,
    pub settings: Settings,
    /// Print one JSON line per finished document on stdout.
    pub jsonl: bool,
    /// What a scraper knows of each input (`--manifest`), written into
    /// every record it names.
    pub manifest: Option<std::sync::Arc<manifest::Manifest>>,
    /// No progress output.
    pub quiet: bool,
}

/// What a batch did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub ok: usize,
    pub partial: usize,
    pub failed: usize,
    /// Unchanged files skipped by `--incremental`, or outside the shard.
    pub skipped: usize,
    /// Files with the same bytes as an earlier one (by path order): one
    /// document, reported once under the first path.
    pub duplicates: usize,
    /// Files not finished because the run was stopped (SIGINT/SIGTERM):
    /// no record; `--incremental` does them.
    pub interrupted: usize,
    pub pages: usize,
    pub seconds: f64,
}

/// The inputs under the paths given.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Every file named on the command line, and every `*.pdf` entry in the
    /// folders (walked recursively, symlinked folders once), whatever its
    /// type: a FIFO or device is refused by type when processed. Sorted,
    /// without repeats.
    pub files: Vec<PathBuf>,
    /// Folders that could not be listed, with the reason: each is a
    /// `failed` row, and the rest goes on.
    pub unreadable: Vec<(PathBuf, String)>,
}

/// The inputs under the given paths. A path given that does not exist is
/// an error (a usage mistake); a folder inside that cannot be listed is
/// one of [`Inputs::unreadable`].
pub fn collect_inputs(inputs: &[PathBuf]) -> Result<Inputs> {
    let mut out = Inputs::default();
    let mut visited = std::collections::HashSet::new();
    for input in inputs {
        let meta = std::fs::metadata(input).with_context(|| format!("{}: cannot read", input.display()))?;
        if meta.is_dir() {
            walk(input, &mut out, &mut visited);
        } else {
            out.files.push(input.clone());
        }
    }
    out.files.sort();
    out.files.dedup();
    out.unreadable.sort();
    out.unreadable.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Inputs, visited: &mut std::collections::HashSet<PathBuf>) {
    // A folder reached twice (a symlink loop, or a link to a folder also
    // given) is walked once.
    if let Ok(real) = std::fs::canonicalize(dir)
        && !visited.insert(real)
    {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.unreadable
                .push((dir.to_path_buf(), format!("cannot list folder: {e}")));
            return;
        }
    };
    let mut paths = Vec::new();
    for e in entries {
        match e {
            Ok(e) => paths.push(e.path()),
            Err(e) => out
                .unreadable
                .push((dir.to_path_buf(), format!("cannot list folder: {e}"))),
        }
    }
    paths.sort();
    for p in paths {
        // Follows symlinks: a link to a folder is walked (once).
        if std::fs::metadata(&p).is_ok_and(|m| m.is_dir()) {
            walk(&p, out, visited);
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
            out.files.push(p);
        }
    }
}

/// SHA-256 of a file, hex.
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(crate::pipeline::hex(&h.finalize()))
}

/// Which shard (1-based of `n`) a hash belongs to: its first 16 hex digits
/// as a number, modulo `n`.
pub fn shard_of(sha256: &str, n: u64) -> u64 {
    let head = sha256.get(..16).unwrap_or(sha256);
    u64::from_str_radix(head, 16).unwrap_or(0) % n.max(1) + 1
}

/// One unit of a batch: a file to process, or a failure known before any
/// processing (a folder that cannot be listed, a file refused by type or
/// size, unreadable, or too slow to hash).
enum Job {
    Process {
        path: PathBuf,
        size: u64,
        sha256: String,
    },
    Failed(Box<Failure>),
}

/// Runs a batch over `inputs` into the folder `out`.
pub fn run(
    inputs: &[PathBuf],
    out: &Path,
    options: &Options,
    progress: &(dyn Fn(Event<'_>) + Sync),
) -> Result<Summary> {
    let start = Instant::now();
    std::fs::create_dir_all(out.join("docs")).with_context(|| format!("{}: cannot create", out.display()))?;
    remove_stale_temporaries(out);
    let found = collect_inputs(inputs)?;
    // Worker processes start now: each builds its rule tables while the
    // inputs are hashed here.
    let mut started = Vec::new();
    if let Some(cmd) = &options.workers {
        for _ in 0..worker_count(options.jobs).min(found.files.len()) {
            started.push(worker::Worker::spawn(cmd, out)?);
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build()
        .context("cannot start worker threads")?;
    let settings = &options.settings;
    // Hash first: duplicates (same bytes at two paths) are one document,
    // shards and incremental runs decide on the hash. Each file is checked
    // by type and size before a byte is read, and hashed within its own
    // deadline.
    let hashed: Vec<(PathBuf, Result<String, Failure>)> = pool.install(|| {
        found
            .files
            .par_iter()
            .map(|p| {
                let deadline = Instant::now() + settings.timeout;
                (p.clone(), pipeline::hash_file(p, settings, deadline))
            })
            .collect()
    });
    let mut jobs = Vec::new();
    for (dir, why) in &found.unreadable {
        jobs.push(Job::Failed(Box::new(pipeline::file_failure(
            dir,
            FailureKind::Unreadable,
            why.clone(),
        ))));
    }
    // The records this run's inputs account for; in an incremental run
    // every other record (a file gone, or changed) is dropped.
    let mut current: HashSet<String> = HashSet::new();
    let mut first_of: HashMap<String, PathBuf> = HashMap::new();
    let mut duplicates = 0;
    let mut skipped = 0;
    let mut interrupted = 0;
    let existing: HashSet<String> = output::record_ids(out)?.into_iter().collect();
    for (path, sha) in hashed {
        let sha = match sha {
            Ok(sha) => sha,
            Err(f) if f.kind == FailureKind::Interrupted => {
                interrupted += 1;
                continue;
            }
            Err(f) => {
                current.insert(f.source.doc_id.clone());
                jobs.push(Job::Failed(Box::new(f)));
                continue;
            }
        };
        if let Some(first) = first_of.get(&sha) {
            duplicates += 1;
            progress(Event::Duplicate { path: &path, first });
            continue;
        }
        first_of.insert(sha.clone(), path.clone());
        let id = sha[..16].to_string();
        current.insert(id.clone());
        if let Some((k, n)) = options.shard
            && shard_of(&sha, n) != k
        {
            skipped += 1;
            continue;
        }
        if options.incremental
            && existing.contains(&id)
            && output::read_record(&output::record_path(out, &id)).is_ok_and(|r| {
                r.document.status != Status::Failed && r.document.source_path == pipeline::path_text(&path)
            })
        {
            skipped += 1;
            continue;
        }
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        jobs.push(Job::Process {
            path,
            size,
            sha256: sha,
        });
    }
    for id in &existing {
        // A fresh run describes exactly its inputs; an incremental one
        // keeps the records of its inputs only. Stopped while hashing,
        // nothing is known to be gone: every record stays.
        if crate::stop::requested() {
            break;
        }
        if !options.incremental || !current.contains(id) {
            std::fs::remove_file(output::record_path(out, id)).ok();
        }
    }
    // Largest first: a long document started last would run alone at the
    // end while the other threads idle.
    jobs.sort_by_key(|j| {
        std::cmp::Reverse(match j {
            Job::Process { size, .. } => *size,
            Job::Failed(_) => u64::MAX,
        })
    });
    let total = jobs.len();
    progress(Event::Start {
        files: total,
        skipped,
    });
    let tally = Tally {
        out,
        rows: output::RowCache::create(out)?,
        total,
        start,
        progress,
        done: AtomicUsize::new(0),
        pages: AtomicUsize::new(0),
        stopped: AtomicUsize::new(interrupted),
        counts: Mutex::new([0usize; 3]),
        error: Mutex::new(None),
        manifest: options.manifest.as_deref(),
    };
    match &options.workers {
        Some(cmd) => supervise(&jobs, cmd, options, started, &tally),
        None => pool.install(|| {
            jobs.par_iter().for_each(|job| {
                if crate::stop::requested() {
                    tally.stopped.fetch_add(1, Ordering::Relaxed);
                    return;
                }
                let began = Instant::now();
                let record = match job {
                    Job::Failed(f) => f.record(),
                    Job::Process { path, .. } => {
                        match pipeline::process(pipeline::Input::Path(path), settings) {
                            Ok(processed) => processed.record(),
                            Err(f) if f.kind == FailureKind::Interrupted => {
                                // Not the file's fault: no record; a rerun does it.
                                tally.stopped.fetch_add(1, Ordering::Relaxed);
                                return;
                            }
                            Err(f) => f.record(),
                        }
                    }
                };
                tally.write(record, began);
            });
        }),
    }
    if let Some(e) = tally.error.into_inner().ok().flatten() {
        return Err(e);
    }
    // Also after a stop: the CSVs then describe the documents finished.
    output::rebuild_csvs_with(out, Some(&tally.rows))?;
    drop(tally.rows);
    let c = tally.counts.into_inner().unwrap_or_default();
    Ok(Summary {
        files: total,
        ok: c[0],
        partial: c[1],
        failed: c[2],
        skipped,
        duplicates,
        interrupted: tally.stopped.into_inner(),
        pages: tally.pages.into_inner(),
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// What the documents of a run come to, kept as each finishes.
struct Tally<'a> {
    out: &'a Path,
    rows: output::RowCache,
    total: usize,
    start: Instant,
    progress: &'a (dyn Fn(Event<'_>) + Sync),
    done: AtomicUsize,
    pages: AtomicUsize,
    /// Documents not finished because of a stop.
    stopped: AtomicUsize,
    /// ok, partial, failed.
    counts: Mutex<[usize; 3]>,
    /// The first error that makes the run fail (a record not written).
    error: Mutex<Option<anyhow::Error>>,
    manifest: Option<&'a manifest::Manifest>,
}

impl Tally<'_> {
    /// Writes a record (and its rows), and counts it; `started` is when
    /// its document was begun.
    fn write(&self, mut record: DocRecord, started: Instant) {
        if let Some(m) = self.manifest {
            m.apply(&mut record);
        }
        let record = &record;
        match output::write_record(self.out, record) {
            // Rows rendered now, while the record is in memory; one that
            // cannot be kept is read from its record instead.
            Ok(()) => {
                if let Ok(r) = output::render_rows(record) {
                    let _ = self.rows.put(&record.document.doc_id, &r);
                }
            }
            Err(e) => self.fail(e),
        }
        let mut finished = Finished::of(record);
        finished.seconds = started.elapsed().as_secs_f64();
        self.count(&finished);
    }

    fn fail(&self, e: anyhow::Error) {
        if let Ok(mut slot) = self.error.lock() {
            slot.get_or_insert(e);
        }
    }

    /// Counts a document whose record is written, and reports it.
    fn count(&self, finished: &Finished) {
        let d = &finished.document;
        self.pages.fetch_add(d.pages, Ordering::Relaxed);
        if let Ok(mut c) = self.counts.lock() {
            c[match d.status {
                Status::Ok => 0,
                Status::Partial => 1,
                Status::Failed => 2,
            }] += 1;
        }
        let n = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        (self.progress)(Event::Done {
            finished,
            done: n,
            total: self.total,
            pages: self.pages.load(Ordering::Relaxed),
            elapsed: self.start.elapsed(),
        });
    }
}

/// Runs the jobs in `--jobs` worker processes ([`worker`]): one thread
/// here per worker feeds it documents, largest first, and restarts it
/// when it is lost.
fn supervise(
    jobs: &[Job],
    cmd: &WorkerCommand,
    options: &Options,
    started: Vec<worker::Worker>,
    tally: &Tally<'_>,
) {
    let n = worker_count(options.jobs);
    let workers = n.min(jobs.len());
    // Each worker's own threads, for the pages and OCR runs of its
    // document: the `--jobs` shared out, so that one long document alone
    // (`extract big.pdf`) still has every core, and many documents run one
    // per core (threads that wait for work cost time too).
    let threads = (n / workers.max(1)).max(1);
    let next = AtomicUsize::new(0);
    let mut started = started;
    // Started for nothing (fewer documents than expected): ended.
    for w in started.split_off(workers.min(started.len())) {
        w.finish();
    }
    let started = Mutex::new(started);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let mut current: Option<worker::Worker> = started.lock().ok().and_then(|mut s| s.pop());
                while let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if crate::stop::requested() || tally.error.lock().map_or(true, |e| e.is_some()) {
                        tally.stopped.fetch_add(1, Ordering::Relaxed);
                        continue;
                    }
                    let (path, sha256) = match job {
                        Job::Failed(f) => {
                            tally.write(f.record(), Instant::now());
                            continue;
                        }
                        Job::Process { path, sha256, .. } => (path, sha256),
                    };
                    let w = match current.take() {
                        Some(w) if w.alive => Ok(w),
                        _ => worker::Worker::spawn(cmd, tally.out),
                    }
                    .and_then(|mut w| w.setup(cmd, tally.rows.dir(), threads).map(|()| w));
                    let w = match w {
                        Ok(w) => current.insert(w),
                        Err(e) => {
                            tally.fail(e);
                            tally.stopped.fetch_add(1, Ordering::Relaxed);
                            continue;
                        }
                    };
                    let began = Instant::now();
                    match w.process(path, options.settings.timeout, cmd) {
                        worker::Outcome::Done(mut finished) => {
                            finished.seconds = began.elapsed().as_secs_f64();
                            tally.count(&finished)
                        }
                        worker::Outcome::Interrupted => {
                            tally.stopped.fetch_add(1, Ordering::Relaxed);
                        }
                        worker::Outcome::WriteError(e) => tally.fail(anyhow::anyhow!(e)),
                        // Lost while stopping: interrupted, not the file's fault.
                        worker::Outcome::Lost(_) if crate::stop::requested() => {
                            tally.stopped.fetch_add(1, Ordering::Relaxed);
                        }
                        worker::Outcome::Lost(why) => {
                            tally.write(worker::lost_record(path, sha256, why), began)
                        }
                    }
                }
                if let Some(w) = current {
                    w.finish();
                }
            });
        }
    });
}

/// Worker processes for `--jobs` (0: one per core).
fn worker_count(jobs: usize) -> usize {
    match jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
}

/// Removes the temporary files a killed run left behind (`.NAME.tmp-PID`,
/// see [`output::AtomicFile`], and the `.rows.tmp-PID` folder of
/// [`output::RowCache`]): the files they were to replace are intact, and
/// this run rewrites them. A temporary of a process still running (on
/// Linux, where `/proc` says so) is left alone.
fn remove_stale_temporaries(out: &Path) {
    let me = std::process::id();
    for dir in [out.to_path_buf(), out.join("docs")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(pid) = name
                .strip_prefix('.')
                .and_then(|n| n.rsplit_once(".tmp-"))
                .map(|(_, pid)| pid.to_string())
            else {
                continue;
            };
            let Ok(pid) = pid.parse::<u32>() else { continue };
            let alive = pid == me || Path::new(&format!("/proc/{pid}")).exists();
            if !alive {
                // A file, or the folder of rendered rows (`.rows.tmp-PID`).
                let _ = std::fs::remove_file(e.path()).or_else(|_| std::fs::remove_dir_all(e.path()));
            }
        }
    }
}

/// Progress events, for the CLI to show.
pub enum Event<'a> {
    /// A file with the same bytes as `first` (earlier by path): not
    /// processed again.
    Duplicate {
        path: &'a Path,
        first: &'a Path,
    },
    Start {
        files: usize,
        skipped: usize,
    },
    Done {
        finished: &'a Finished,
        done: usize,
        total: usize,
        pages: usize,
        elapsed: Duration,
    },
}

/// Merges output folders (shards of one corpus) into `out`: the union of
/// their records, CSVs rebuilt — the same folder one run would give.
pub fn merge(dirs: &[PathBuf], out: &Path) -> Result<usize> {
    std::fs::create_dir_all(out.join("docs")).with_context(|| format!("{}: cannot create", out.display()))?;
    let mut n = 0;
    for dir in dirs {
        for id in output::record_ids(dir)? {
            let src = output::record_path(dir, &id);
            let dest = output::record_path(out, &id);
            if src == dest {
                continue;
            }
            let bytes = std::fs::read(&src).with_context(|| format!("cannot read {}", src.display()))?;
            output::write_atomic(&dest, &bytes)?;
            n += 1;
        }
    }
    output::rebuild_csvs(out)?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_hashes() {
        let hashes = ["00", "ff00000000000000", "0123456789abcdef", "fedcba9876543210aa"];
        for h in hashes {
            let s = shard_of(h, 4);
            assert!((1..=4).contains(&s));
            assert_eq!(shard_of(h, 1), 1);
        }
        assert_ne!(shard_of("0000000000000000", 2), shard_of("0000000000000001", 2));
    }
}
