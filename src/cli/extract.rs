//! `yusuan extract INPUT... --out DIR`: the main job. PDFs and folders
//! (walked recursively) → the output contract's files in DIR.

use super::note;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Result;

use yusuan::batch::{self, Event, Options};
use yusuan::output::Status;

/// When the run's exit code is 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Any file partial or failed (the default).
    Partial,
    /// Any file failed.
    Failed,
    /// Never (0 unless the run itself could not happen).
    Never,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// PDF files and folders (searched recursively for *.pdf).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    #[arg(long, short)]
    pub out: PathBuf,
    /// Documents processed at once, each in a worker process (default:
    /// all cores).
    #[arg(long, short = 'j', default_value_t = 0)]
    pub jobs: usize,
    /// Process the documents on threads of this process instead of in
    /// worker processes (for debugging: a document that aborts or runs out
    /// of memory then ends the whole run).
    #[arg(long)]
    pub in_process: bool,
    /// Skip files whose SHA-256 already has a record in the output folder;
    /// the CSVs are rebuilt over old and new documents.
    #[arg(long)]
    pub incremental: bool,
    /// Process only shard K of N (by file hash), e.g. `--shard 2/8`.
    #[arg(long, value_parser = parse_shard)]
    pub shard: Option<(u64, u64)>,
    #[command(flatten)]
    pub reading: super::args::Reading,
    /// One JSON record per document on stdout as each finishes, then one
    /// summary record (counts by status, durations, the slowest files).
    #[arg(long)]
    pub jsonl: bool,
    /// A CSV naming each input (`path`) with what the scraper knows of it
    /// (`source_url`, `publisher`, `published`, `fetched`, any other
    /// column): written into documents.csv.
    #[arg(long)]
    pub manifest: Option<PathBuf>,
    /// No progress or summary on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// Which outcomes make the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Partial)]
    pub fail_on: FailOn,
}

fn parse_shard(s: &str) -> std::result::Result<(u64, u64), String> {
    let (k, n) = s.split_once('/').ok_or("expected K/N, e.g. 2/8")?;
    let k: u64 = k.trim().parse().map_err(|_| format!("'{k}' is not a number"))?;
    let n: u64 = n.trim().parse().map_err(|_| format!("'{n}' is not a number"))?;
    if n == 0 || k == 0 || k > n {
        return Err(format!("shard {k}/{n}: need 1 <= K <= N"));
    }
    Ok((k, n))
}

/// How to start a worker: this program, `__worker`, and this run's own
/// `extract` arguments (so that every reading flag reaches the worker as
/// given, and a flag added later cannot be forgotten here).
fn worker_command(args: &Args) -> Result<batch::WorkerCommand> {
    let program = std::env::current_exe()
        .map_err(|e| anyhow::anyhow!("cannot find this program to start worker processes: {e}"))?;
    let mut argv: Vec<std::ffi::OsString> = vec!["__worker".into()];
    argv.extend(std::env::args_os().skip(1));
    Ok(batch::WorkerCommand {
        program,
        args: argv,
        memory_limit: Some(yusuan::pipeline::defaults::memory_ceiling(
            args.reading.max_memory_mb,
        )),
        max_memory_mb: args.reading.max_memory_mb,
    })
}

/// `yusuan __worker extract ARGS…` (hidden): one worker process of an
/// `extract` run, started by the run itself (`yusuan::batch`): reads the
/// paths it is sent on stdin, writes each document's record into the
/// run's folder, answers on stdout.
#[derive(Debug, clap::Args)]
pub struct WorkerArgs {
    /// The run's command line from `extract` on.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true)]
    pub extract: Vec<std::ffi::OsString>,
}

pub fn worker(args: &WorkerArgs) -> Result<i32> {
    // A stop asked for by the supervisor (SIGTERM) stops the document in
    // progress at its next check.
    yusuan::stop::install_handlers();
    let cli = <super::Cli as clap::Parser>::try_parse_from(
        std::iter::once(std::ffi::OsString::from("yusuan")).chain(args.extract.iter().cloned()),
    )?;
    let super::Command::Extract(a) = cli.command else {
        anyhow::bail!("__worker: expected an extract command line");
    };
    let settings = a.reading.settings()?;
    let manifest = a
        .manifest
        .as_deref()
        .map(batch::manifest::Manifest::load)
        .transpose()?;
    batch::serve_worker(&a.out, &settings, manifest.as_ref())?;
    Ok(super::exit::OK)
}

pub fn run(args: &Args) -> Result<i32> {
    // SIGINT/SIGTERM: documents in progress stop, the finished ones are
    // written and the temporaries removed (yusuan::stop).
    yusuan::stop::install_handlers();
    let settings = args.reading.settings()?;
    let manifest = match &args.manifest {
        Some(file) => {
            let m = batch::manifest::Manifest::load(file)?;
            if !args.quiet {
                note!("yusuan: manifest {} names {} files", file.display(), m.len());
            }
            Some(std::sync::Arc::new(m))
        }
        None => None,
    };
    let workers = if args.in_process {
        None
    } else {
        Some(worker_command(args)?)
    };
    let options = Options {
        jobs: args.jobs,
        workers,
        incremental: args.incremental,
        shard: args.shard,
        settings,
        jsonl: args.jsonl,
        quiet: args.quiet,
        manifest,
    };
    let terminal = std::io::stderr().is_terminal();
    let bar: std::sync::Mutex<Option<indicatif::ProgressBar>> = std::sync::Mutex::new(None);
    let stdout = std::sync::Mutex::new(std::io::stdout());
    // (source_path, seconds) of every document, for the summary record.
    let durations: std::sync::Mutex<Vec<(String, f64)>> = std::sync::Mutex::new(Vec::new());
    let progress = |event: Event<'_>| match event {
        Event::Duplicate { path, first } => {
            if !args.quiet {
                note!(
                    "yusuan: {}: same bytes as {}, processed once under that name",
                    yusuan::pipeline::path_text(path),
                    yusuan::pipeline::path_text(first)
                );
            }
        }
        Event::Start { files, skipped } => {
            if args.quiet {
                return;
            }
            if terminal {
                let pb = indicatif::ProgressBar::new(files as u64);
                pb.set_style(
                    indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files  {msg}  ETA {eta}")
                        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                if let Ok(mut b) = bar.lock() {
                    *b = Some(pb);
                }
            } else {
                note!("yusuan: {files} files to process, {skipped} skipped");
            }
        }
        Event::Done {
            finished,
            done,
            total,
            pages,
            elapsed,
        } => {
            if args.jsonl
                && let Ok(mut out) = stdout.lock()
            {
                let d = &finished.document;
                let seconds = (finished.seconds * 1000.0).round() / 1000.0;
                let line = serde_json::json!({
                    "doc_id": d.doc_id, "source_path": d.source_path, "status": d.status.as_str(),
                    "pages": d.pages, "department": d.department, "year": d.year, "doc_kind": d.doc_kind,
                    "facts": finished.facts, "tables": finished.tables,
                    "warnings": d.warnings, "error": d.error, "seconds": seconds,
                });
                let _ = writeln!(out, "{line}");
                if let Ok(mut t) = durations.lock() {
                    t.push((d.source_path.clone(), seconds));
                }
            }
            if args.quiet {
                return;
            }
            let rate = pages as f64 / elapsed.as_secs_f64().max(1e-3);
            if let Ok(b) = bar.lock()
                && let Some(pb) = b.as_ref()
            {
                pb.set_position(done as u64);
                pb.set_message(format!("{rate:.0} pages/s"));
                return;
            }
            let d = &finished.document;
            let detail = match d.status {
                Status::Failed => format!(": {}", d.error),
                Status::Partial => format!(" ({} warnings)", d.warnings.len()),
                Status::Ok => String::new(),
            };
            note!("[{done}/{total}] {} {}{detail}", d.status.as_str(), d.source_path);
        }
    };
    let summary = batch::run(&args.inputs, &args.out, &options, &progress)?;
    if args.jsonl {
        let mut times = durations.into_inner().unwrap_or_default();
        times.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let secs: Vec<f64> = times.iter().map(|t| t.1).collect();
        let median = if secs.is_empty() {
            0.0
        } else {
            let mut s = secs.clone();
            s.sort_by(f64::total_cmp);
            s[s.len() / 2]
        };
        let line = serde_json::json!({
            "summary": {
                "files": summary.files, "ok": summary.ok, "partial": summary.partial,
                "failed": summary.failed, "skipped": summary.skipped,
                "duplicates": summary.duplicates, "interrupted": summary.interrupted,
                "pages": summary.pages, "seconds": (summary.seconds * 1000.0).round() / 1000.0,
                "document_seconds": {
                    "total": (secs.iter().sum::<f64>() * 1000.0).round() / 1000.0,
                    "median": median,
                    "max": secs.first().copied().unwrap_or(0.0),
                },
                "slowest": times.iter().take(10)
                    .map(|(p, s)| serde_json::json!({"source_path": p, "seconds": s}))
                    .collect::<Vec<_>>(),
            }
        });
        if let Ok(mut out) = stdout.lock() {
            let _ = writeln!(out, "{line}");
        }
    }
    if let Ok(b) = bar.lock()
        && let Some(pb) = b.as_ref()
    {
        pb.finish_and_clear();
    }
    if !args.quiet {
        let duplicates = match summary.duplicates {
            0 => String::new(),
            n => format!(", {n} duplicates"),
        };
        note!(
            "yusuan: {} files: {} ok, {} partial, {} failed, {} skipped{duplicates}; {} pages in {:.1} s -> {}",
            summary.files,
            summary.ok,
            summary.partial,
            summary.failed,
            summary.skipped,
            summary.pages,
            summary.seconds,
            args.out.display()
        );
    }
    if let Some(code) = yusuan::stop::exit_code() {
        // Said even with --quiet: the folder is not complete.
        note!(
            "yusuan: stopped by {}: {} files not finished; the folder holds the {} finished, rerun with --incremental to complete it",
            yusuan::stop::signal_name().unwrap_or("a signal"),
            summary.interrupted,
            summary.ok + summary.partial + summary.failed
        );
        return Ok(code);
    }
    let bad = match args.fail_on {
        FailOn::Partial => summary.partial + summary.failed > 0,
        FailOn::Failed => summary.failed > 0,
        FailOn::Never => false,
    };
    Ok(if bad {
        super::exit::PARTIAL
    } else {
        super::exit::OK
    })
}
