//! The batch stage: many files, in parallel, each isolated.
//!
//! A file is processed start to finish by [`process_file`], which never
//! panics and never returns an error: whatever goes wrong becomes the
//! document's `status` and one-line `error`. Each finished document's
//! record is written at once (atomically), so an interrupted run loses
//! nothing already done and `--incremental` picks up where it stopped; the
//! CSVs are rebuilt from all records at the end.

mod job;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

pub use job::{Settings, process_file};

use crate::output::{self, DocRecord, Status};

/// How a batch runs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Worker threads (0 = all cores).
    pub jobs: usize,
    /// Skip files whose SHA-256 already has a record in the output folder.
    pub incremental: bool,
    /// Process only the files whose hash falls in shard `k` of `n` (1-based).
    pub shard: Option<(u64, u64)>,
    pub settings: Settings,
    /// Print one JSON line per finished document on stdout.
    pub jsonl: bool,
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
    pub pages: usize,
    pub seconds: f64,
}

/// PDF files under the given paths (folders walked recursively), sorted,
/// without duplicates.
pub fn collect_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).with_context(|| format!("{}: cannot read", input.display()))?;
        if meta.is_dir() {
            walk(input, &mut out)?;
        } else {
            out.push(input.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot list", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
            out.push(p);
        }
    }
    Ok(())
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

struct Input {
    path: PathBuf,
    sha256: Option<String>,
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
    let files = collect_inputs(inputs)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build()
        .context("cannot start worker threads")?;
    // Hash first: duplicates (same bytes at two paths) are one document,
    // shards and incremental runs decide on the hash.
    let hashed: Vec<Input> = pool.install(|| {
        files
            .par_iter()
            .map(|p| Input {
                path: p.clone(),
                sha256: sha256_file(p).ok(),
            })
            .collect()
    });
    let mut seen = std::collections::HashSet::new();
    let mut todo = Vec::new();
    let mut skipped = 0;
    let existing: std::collections::HashSet<String> = output::record_ids(out)?.into_iter().collect();
    if !options.incremental {
        // A fresh run describes exactly its inputs.
        for id in &existing {
            std::fs::remove_file(output::record_path(out, id)).ok();
        }
    }
    for input in hashed {
        let key = input
            .sha256
            .clone()
            .unwrap_or_else(|| input.path.display().to_string());
        if !seen.insert(key) {
            continue;
        }
        if let (Some((k, n)), Some(sha)) = (options.shard, &input.sha256)
            && shard_of(sha, n) != k
        {
            skipped += 1;
            continue;
        }
        if options.incremental
            && let Some(sha) = &input.sha256
        {
            let id = &sha[..16];
            if existing.contains(id)
                && output::read_record(&output::record_path(out, id))
                    .is_ok_and(|r| r.document.status != Status::Failed)
            {
                skipped += 1;
                continue;
            }
        }
        todo.push(input);
    }
    // Largest first: a long document started last would run alone at the
    // end while the other threads idle.
    todo.sort_by_key(|i| std::cmp::Reverse(std::fs::metadata(&i.path).map(|m| m.len()).unwrap_or(0)));
    let total = todo.len();
    progress(Event::Start {
        files: total,
        skipped,
    });
    let done = AtomicUsize::new(0);
    let pages = AtomicUsize::new(0);
    let counts = Mutex::new([0usize; 3]);
    let write_error: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    let rows = output::RowCache::create(out)?;
    pool.install(|| {
        todo.par_iter().for_each(|input| {
            let record = process_file(&input.path, &options.settings);
            pages.fetch_add(record.document.pages, Ordering::Relaxed);
            match output::write_record(out, &record) {
                // Rows rendered now, while the record is in memory; one
                // that cannot be kept is read from its record instead.
                Ok(()) => {
                    if let Ok(r) = output::render_rows(&record) {
                        let _ = rows.put(&record.document.doc_id, &r);
                    }
                }
                Err(e) => {
                    if let Ok(mut slot) = write_error.lock() {
                        slot.get_or_insert(e);
                    }
                }
            }
            if let Ok(mut c) = counts.lock() {
                c[match record.document.status {
                    Status::Ok => 0,
                    Status::Partial => 1,
                    Status::Failed => 2,
                }] += 1;
            }
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            progress(Event::Done {
                record: &record,
                done: n,
                total,
                pages: pages.load(Ordering::Relaxed),
                elapsed: start.elapsed(),
            });
        });
    });
    if let Some(e) = write_error.into_inner().ok().flatten() {
        return Err(e);
    }
    output::rebuild_csvs_with(out, Some(&rows))?;
    drop(rows);
    let c = counts.into_inner().unwrap_or_default();
    Ok(Summary {
        files: total,
        ok: c[0],
        partial: c[1],
        failed: c[2],
        skipped,
        pages: pages.into_inner(),
        seconds: start.elapsed().as_secs_f64(),
    })
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
    Start {
        files: usize,
        skipped: usize,
    },
    Done {
        record: &'a DocRecord,
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
