//! `yusuan extract` as a scheduled job sees it: a batch with hostile files
//! in it finishes with every other file intact; incremental reruns, shards
//! merged, and any thread count give the same bytes as one fresh run; exit
//! codes, `--fail-on`, `--jsonl`; a run killed half-way leaves no
//! half-written file and a rerun completes it; a file past
//! `--file-timeout` fails alone.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::util::root;

pub(crate) fn tmp(name: &str) -> PathBuf {
    crate::util::scratch(&format!("batch-{name}"))
}

pub(crate) fn extract(inputs: &[&Path], out: &Path, extra: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_yusuan"));
    c.arg("extract");
    for i in inputs {
        c.arg(i);
    }
    c.arg("--out").arg(out).args(extra);
    c.output().expect("yusuan runs")
}

/// The born-digital samples, copied (so a test can mix them with others).
pub(crate) fn samples_into(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(root().join("samples"))
        .expect("samples")
        .flatten()
    {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "pdf") {
            let dest = dir.join(e.file_name());
            std::fs::copy(&p, &dest).expect("copy");
            out.push(dest);
        }
    }
    out.sort();
    out
}

/// Every file of an output folder (CSVs, datapackage.json, docs/*.json)
/// by relative path; `source_path` columns differ between folders, so
/// paths are made relative to the input folder by the caller's choice of
/// inputs.
fn folder(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut m = BTreeMap::new();
    for sub in ["", "docs"] {
        let dir = out.join(sub);
        for e in std::fs::read_dir(&dir).expect("output folder").flatten() {
            if e.path().is_file() {
                let name = format!("{sub}/{}", e.file_name().to_string_lossy());
                m.insert(name, std::fs::read(e.path()).expect("read"));
            }
        }
    }
    m
}

pub(crate) fn assert_same(a: &Path, b: &Path, what: &str) {
    let (fa, fb) = (folder(a), folder(b));
    assert_eq!(
        fa.keys().collect::<Vec<_>>(),
        fb.keys().collect::<Vec<_>>(),
        "{what}: files differ"
    );
    for (name, bytes) in &fa {
        assert!(bytes == &fb[name], "{what}: {name} differs");
    }
}

pub(crate) fn documents(out: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(out.join("documents.csv")).expect("documents.csv");
    r.deserialize().map(|x| x.expect("row")).collect()
}

/// Hostile files (named cases of tests/hostile.rs: cycles, deep nesting,
/// a 1 GB flate bomb, encryption, zero bytes, not a PDF, truncations …) in
/// one batch with the samples: each hostile file ends `failed` or
/// `partial` with a one-line reason, no panic escapes, and the samples'
/// output is byte for byte what a batch of the samples alone gives.
#[test]
fn hostile_files_in_a_batch_leave_the_rest_intact() {
    let dir = tmp("mixed-in");
    let clean_dir = tmp("clean-in");
    samples_into(&dir);
    samples_into(&clean_dir);
    let mut hostile = 0;
    // Damage the reader repairs (a wrong /Length) may read as ok.
    let mut repairable = Vec::new();
    for (name, bytes, _) in crate::hostile::named_cases() {
        if name == "valid" {
            continue;
        }
        let file_name = format!("hostile-{}.pdf", name.replace([' ', '/'], "_"));
        if bytes.len() < 1 << 20 && crate::hostile::outcome(&bytes).starts_with("ok") {
            repairable.push(file_name.clone());
        }
        std::fs::write(dir.join(&file_name), bytes).expect("write");
        hostile += 1;
    }
    let sample = std::fs::read(root().join("samples/rsj2020_budget_writer.pdf")).expect("sample");
    for cut in [1, 9, 400, sample.len() / 3, sample.len() - 10] {
        std::fs::write(dir.join(format!("hostile-truncated-{cut}.pdf")), &sample[..cut]).expect("write");
        hostile += 1;
    }
    let out = tmp("hostile-out");
    let o = extract(&[&dir], &out, &["--quiet", "--jobs", "2", "--file-timeout", "60"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a batch with bad files completes with exit 1: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let docs = documents(&out);
    let mut bad = 0;
    for d in &docs {
        let path = &d["source_path"];
        let file = Path::new(path)
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        if file.starts_with("hostile-") {
            bad += 1;
            if d["status"] == "ok" && repairable.contains(&file) {
                continue;
            }
            assert!(
                matches!(d["status"].as_str(), "failed" | "partial"),
                "{path}: {}",
                d["status"]
            );
            let reason = if d["status"] == "failed" {
                &d["error"]
            } else {
                &d["warnings"]
            };
            assert!(!reason.is_empty(), "{path}: {} without a reason", d["status"]);
            assert!(!d["error"].contains('\n'), "{path}: multi-line error");
        }
    }
    // Same bytes at two names count once (e.g. two empty files).
    assert!(bad >= hostile - 3, "{bad} of {hostile} hostile files reported");
    let clean_out = tmp("clean-out");
    extract(&[&clean_dir], &clean_out, &["--quiet", "--jobs", "1"]);
    for name in [
        "facts.csv",
        "line_items.csv",
        "checks.csv",
        "tables.csv",
        "projects.csv",
    ] {
        let keep = |text: String| -> Vec<String> {
            let ids: Vec<String> = documents(&clean_out)
                .iter()
                .map(|d| d["doc_id"].clone())
                .collect();
            text.lines()
                .filter(|l| ids.iter().any(|id| l.starts_with(id.as_str())))
                .map(String::from)
                .collect()
        };
        let mixed = keep(std::fs::read_to_string(out.join(name)).expect("mixed"));
        let alone = keep(std::fs::read_to_string(clean_out.join(name)).expect("alone"));
        assert!(!alone.is_empty(), "{name}: no sample rows");
        assert_eq!(
            mixed, alone,
            "{name}: the samples' rows changed because of the hostile files"
        );
    }
}

/// `--incremental` over a grown input set gives the same folder as a fresh
/// run over all of it, processes only the new files, and reprocesses none
/// on a third run; one thread and two give the same bytes.
#[test]
fn incremental_runs_equal_a_fresh_run() {
    let inputs = tmp("inc-in");
    let all = samples_into(&inputs);
    let first = tmp("inc-first");
    for f in all.iter().skip(3) {
        std::fs::rename(f, first.join(f.file_name().expect("name"))).expect("move");
    }
    let out = tmp("inc-out");
    // First run: some of the files.
    extract(&[&inputs], &out, &["--quiet"]);
    assert_eq!(documents(&out).len(), 3);
    // The rest arrive (same folder, as a scraper would add them).
    for e in std::fs::read_dir(&first).expect("dir").flatten() {
        std::fs::rename(e.path(), inputs.join(e.file_name())).expect("move back");
    }
    // Documents' lines, not the summary that ends --jsonl.
    let documents_printed = |o: &Output| {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .filter(|l| !l.starts_with("{\"summary\""))
            .count()
    };
    let o = extract(&[&inputs], &out, &["--incremental", "--jsonl", "--quiet"]);
    assert_eq!(
        documents_printed(&o),
        all.len() - 3,
        "only the new files are processed"
    );
    let o = extract(&[&inputs], &out, &["--incremental", "--jsonl", "--quiet"]);
    assert_eq!(documents_printed(&o), 0, "nothing is redone");
    let fresh = tmp("inc-fresh");
    extract(&[&inputs], &fresh, &["--quiet", "--jobs", "1"]);
    assert_same(&out, &fresh, "incremental vs fresh");
    let two = tmp("inc-two");
    extract(&[&inputs], &two, &["--quiet", "--jobs", "2"]);
    assert_same(&fresh, &two, "one worker vs two");
    let threads = tmp("inc-threads");
    extract(&[&inputs], &threads, &["--quiet", "--jobs", "2", "--in-process"]);
    assert_same(&fresh, &threads, "worker processes vs threads in process");
}

/// Shards 1/3, 2/3, 3/3 on three "machines", merged, give the single
/// run's folder; every file is in exactly one shard.
#[test]
fn shards_merged_equal_one_run() {
    let inputs = tmp("shard-in");
    let n = samples_into(&inputs).len();
    let single = tmp("shard-single");
    extract(&[&inputs], &single, &["--quiet"]);
    let mut parts = Vec::new();
    let mut count = 0;
    for k in 1..=3 {
        let out = tmp(&format!("shard-{k}"));
        extract(&[&inputs], &out, &["--quiet", "--shard", &format!("{k}/3")]);
        count += documents(&out).len();
        parts.push(out);
    }
    assert_eq!(count, n, "each file in exactly one shard");
    let merged = tmp("shard-merged");
    let mut c = Command::new(env!("CARGO_BIN_EXE_yusuan"));
    c.arg("merge").args(&parts).arg("--out").arg(&merged);
    assert!(c.output().expect("merge").status.success());
    assert_same(&single, &merged, "merged shards vs one run");
}

/// Exit codes: 0 all ok, 1 partial or failed (per `--fail-on`), 2 usage
/// or I/O errors; `--jsonl` gives one JSON object per document.
#[test]
fn exit_codes_fail_on_and_jsonl() {
    let ok_dir = tmp("exit-ok");
    std::fs::copy(
        root().join("samples/rsj2020_budget_writer.pdf"),
        ok_dir.join("a.pdf"),
    )
    .expect("copy");
    let out = tmp("exit-out");
    let o = extract(&[&ok_dir], &out, &["--quiet", "--jsonl"]);
    assert_eq!(o.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 2, "one document, then the summary: {lines:?}");
    let line = &lines[0];
    assert_eq!(line["status"], "ok");
    assert_eq!(line["year"], 2020);
    assert!(line["doc_id"].as_str().is_some_and(|s| s.len() == 16));
    assert!(line["seconds"].as_f64().is_some_and(|s| s > 0.0), "{line}");

    // A broken file: failed.
    std::fs::write(ok_dir.join("broken.pdf"), b"%PDF-1.7\nnot really").expect("write");
    for (fail_on, code) in [("partial", 1), ("failed", 1), ("never", 0)] {
        let o = extract(&[&ok_dir], &out, &["--quiet", "--fail-on", fail_on]);
        assert_eq!(
            o.status.code(),
            Some(code),
            "--fail-on {fail_on} with a failed file"
        );
    }
    // A scanned sample is partial (no text layer read), not failed:
    // `--fail-on failed` passes it, the default does not.
    let partial_dir = tmp("exit-partial");
    std::fs::copy(
        root().join("samples/rsj2020_budget_writer.pdf"),
        partial_dir.join("a.pdf"),
    )
    .expect("copy");
    std::fs::copy(
        root().join("samples/rsj2020_scanned_b.pdf"),
        partial_dir.join("b.pdf"),
    )
    .expect("copy");
    let o = extract(&[&partial_dir], &out, &["--quiet", "--jsonl", "--ocr", "never"]);
    let o = if o.status.code() == Some(2) {
        // Before OCR exists there is no --ocr flag; scans are partial anyway.
        extract(&[&partial_dir], &out, &["--quiet", "--jsonl"])
    } else {
        o
    };
    let statuses: Vec<String> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| !l.starts_with("{\"summary\""))
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("json")["status"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| *s == "partial").count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(o.status.code(), Some(1), "partial files make exit 1 by default");
    let o = extract(&[&partial_dir], &out, &["--quiet", "--fail-on", "failed"]);
    assert_eq!(o.status.code(), Some(0), "--fail-on failed ignores partial files");
    // Usage and I/O errors: 2.
    let o = extract(&[Path::new("/nonexistent/input")], &out, &["--quiet"]);
    assert_eq!(o.status.code(), Some(2));
    let o = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["extract", "--shard", "3/2", "x"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
}

/// A run killed half-way (SIGKILL, no chance to clean up) leaves every CSV
/// either absent or complete — never half-written — and a rerun with
/// `--incremental` completes the folder to exactly a fresh run's.
#[test]
fn killed_run_leaves_no_half_written_file() {
    let inputs = tmp("kill-in");
    samples_into(&inputs);
    let out = tmp("kill-out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .arg("extract")
        .arg(&inputs)
        .arg("--out")
        .arg(&out)
        .args(["--quiet", "--jobs", "1"])
        .spawn()
        .expect("spawn");
    std::thread::sleep(std::time::Duration::from_millis(700));
    let _ = child.kill();
    let _ = child.wait();
    for name in ["documents.csv", "facts.csv", "tables.csv"] {
        if let Ok(text) = std::fs::read_to_string(out.join(name)) {
            assert!(text.is_empty() || text.ends_with('\n'), "{name} cut short");
            let mut r = csv::Reader::from_reader(text.as_bytes());
            for rec in r.records() {
                rec.unwrap_or_else(|e| panic!("{name}: broken row: {e}"));
            }
        }
    }
    for e in std::fs::read_dir(out.join("docs")).expect("docs").flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".json") {
            let bytes = std::fs::read(e.path()).expect("read");
            serde_json::from_slice::<serde_json::Value>(&bytes).unwrap_or_else(|err| panic!("{name}: {err}"));
        }
    }
    let o = extract(&[&inputs], &out, &["--quiet", "--incremental"]);
    assert!(matches!(o.status.code(), Some(0 | 1)));
    // The killed run's temporaries (files and its folder of rendered rows)
    // are gone after the rerun.
    for dir in [out.clone(), out.join("docs")] {
        for e in std::fs::read_dir(&dir).expect("folder").flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            assert!(!name.contains(".tmp-"), "left behind: {}", e.path().display());
        }
    }
    let fresh = tmp("kill-fresh");
    extract(&[&inputs], &fresh, &["--quiet"]);
    assert_same(&out, &fresh, "rerun after a kill vs fresh");
}

/// A file that runs past its time budget is `failed` with the reason, and
/// nothing of it is kept as if read: with no time at all, not even the
/// file is read (reading it is within the deadline).
#[test]
fn a_file_past_its_time_budget_fails_with_the_reason() {
    let settings = yusuan::batch::Settings {
        timeout: std::time::Duration::ZERO,
        ..yusuan::batch::Settings::default()
    };
    let r = yusuan::batch::process_file(&root().join("samples/rsj2020_budget_writer.pdf"), &settings);
    assert_eq!(r.document.status.as_str(), "failed");
    assert!(
        r.document
            .error
            .starts_with("exceeded --file-timeout of 0 s while reading the file"),
        "{}",
        r.document.error
    );
    assert!(r.facts.is_empty() && r.tables.is_empty());
}

/// In a batch, a scan whose OCR takes longer than `--file-timeout` (several
/// seconds for a table page) fails with the reason, and a small
/// born-digital file beside it comes out whole.
#[test]
fn a_slow_file_times_out_and_its_neighbour_is_intact() {
    if !crate::truth::have_ocr("a_slow_file_times_out_and_its_neighbour_is_intact") {
        return;
    }
    let inputs = tmp("timeout-in");
    for name in ["rsj2020_scanned_a.pdf", "rsj2019_budget_cidfont.pdf"] {
        std::fs::copy(root().join("samples").join(name), inputs.join(name)).expect("copy");
    }
    let out = tmp("timeout-out");
    let o = extract(
        &[&inputs],
        &out,
        // 1 s, the smallest budget: the scan's OCR takes about 2.3 s here
        // (with 3 s it sometimes finished in time), the small file 0.15 s.
        &["--quiet", "--jobs", "1", "--file-timeout", "1"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let docs = documents(&out);
    let row = |name: &str| {
        docs.iter()
            .find(|d| d["source_path"].ends_with(name))
            .unwrap_or_else(|| panic!("{name} missing"))
    };
    let scan = row("rsj2020_scanned_a.pdf");
    assert_eq!(scan["status"], "failed");
    assert!(
        scan["error"].contains("exceeded --file-timeout of 1 s"),
        "{}",
        scan["error"]
    );
    let small = row("rsj2019_budget_cidfont.pdf");
    assert_eq!(small["status"], "ok", "{small:?}");
    let facts = std::fs::read_to_string(out.join("facts.csv")).expect("facts.csv");
    assert!(
        facts.lines().filter(|l| l.contains(&small["doc_id"])).count() >= 20,
        "{facts}"
    );
}

/// `yusuan extract` with `envs` set.
fn extract_env(inputs: &[&Path], out: &Path, extra: &[&str], envs: &[(&str, &Path)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_yusuan"));
    c.arg("extract");
    for i in inputs {
        c.arg(i);
    }
    c.arg("--out").arg(out).args(extra);
    for (k, v) in envs {
        c.env(k, v);
    }
    c.output().expect("yusuan runs")
}

/// Every line of every CSV that belongs to one of `ids` (lines start with
/// the doc_id), file by file.
fn rows_of(out: &Path, ids: &[String]) -> BTreeMap<String, Vec<String>> {
    let mut m = BTreeMap::new();
    for e in std::fs::read_dir(out).expect("output folder").flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".csv") {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).expect("csv");
        let lines = text
            .lines()
            .filter(|l| ids.iter().any(|id| l.starts_with(id.as_str())))
            .map(String::from)
            .collect();
        m.insert(name, lines);
    }
    m
}

fn assert_no_temporaries(out: &Path, tmpdir: &Path) {
    for dir in [out.to_path_buf(), out.join("docs")] {
        for e in std::fs::read_dir(&dir).expect("folder").flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            assert!(!name.contains(".tmp-"), "left behind: {}", e.path().display());
        }
    }
    let left: Vec<_> = std::fs::read_dir(tmpdir)
        .expect("tmp")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(left.is_empty(), "left in the temporary folder: {left:?}");
}

/// A worker process that dies (abort: what a failed allocation or a stack
/// overflow does) and one that hangs past its deadline, deaf to it, in a
/// batch of good files: each costs only its own document — one `failed`
/// row saying what happened — the good files' rows are exactly those of a
/// run without them, the exit code is 1, and nothing temporary is left.
/// The faults are injected by the debug-only hook `YUSUAN_WORKER_FAULT`
/// (src/batch/worker.rs); a release test build has none and skips.
#[test]
fn a_dying_or_hanging_worker_costs_only_its_document() {
    if !cfg!(debug_assertions) {
        eprintln!("skipping: the fault-injection hook exists in debug builds only");
        return;
    }
    let good = tmp("fault-good");
    let files = samples_into(&good);
    let mixed = tmp("fault-mixed");
    samples_into(&mixed);
    // Two more documents, distinct bytes: one whose worker aborts, one
    // whose worker hangs.
    for (i, name) in ["dies-here.pdf", "hangs-here.pdf"].iter().enumerate() {
        let mut b = std::fs::read(&files[i]).expect("read");
        b.extend_from_slice(format!("\n% {name}\n").as_bytes());
        std::fs::write(mixed.join(name), b).expect("write");
    }
    let tmpdir = tmp("fault-tmpdir");
    let out = tmp("fault-out");
    let started = std::time::Instant::now();
    let o = extract_env(
        &[&mixed],
        &out,
        &["--quiet", "--jobs", "2", "--ocr", "never", "--file-timeout", "1"],
        &[
            (
                "YUSUAN_WORKER_FAULT",
                Path::new("abort:dies-here,hang:hangs-here"),
            ),
            ("TMPDIR", &tmpdir),
        ],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    // The hang is killed 10 s after its 1 s deadline, not waited for.
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "{err}");
    let docs = documents(&out);
    assert_eq!(docs.len(), files.len() + 2, "{docs:?}");
    let row = |name: &str| {
        docs.iter()
            .find(|d| d["source_path"].ends_with(name))
            .unwrap_or_else(|| panic!("no row for {name}"))
    };
    let dies = row("dies-here.pdf");
    assert_eq!(dies["status"], "failed");
    assert_eq!(
        dies["error"], "worker process killed by signal 6 (SIGABRT)",
        "{dies:?}"
    );
    assert_eq!(dies["sha256"].len(), 64, "the row has the document's identity");
    let hangs = row("hangs-here.pdf");
    assert_eq!(hangs["status"], "failed");
    assert_eq!(
        hangs["error"],
        "worker process did not stop 10 s after the --file-timeout of 1 s; killed"
    );
    let alone = tmp("fault-alone");
    extract(&[&good], &alone, &["--quiet", "--jobs", "1", "--ocr", "never"]);
    let ids: Vec<String> = documents(&alone).iter().map(|d| d["doc_id"].clone()).collect();
    assert_eq!(ids.len(), files.len());
    // The same files in another folder: `source_path` says so.
    let (from, to) = (good.to_string_lossy(), mixed.to_string_lossy());
    let (a, b) = (rows_of(&alone, &ids), rows_of(&out, &ids));
    assert!(a["facts.csv"].len() > 100, "{:?}", a.keys());
    for (name, lines) in &a {
        let lines: Vec<String> = lines.iter().map(|l| l.replace(&*from, &to)).collect();
        assert!(lines == b[name], "{name}: the good files' rows differ");
    }
    for id in &ids {
        let p = format!("docs/{id}.json");
        let read = |dir: &Path| std::fs::read_to_string(dir.join(&p)).expect("record");
        assert!(read(&alone).replace(&*from, &to) == read(&out), "{p} differs");
    }
    assert_no_temporaries(&out, &tmpdir);
}

/// The memory ceiling holds in a worker: with `--max-memory-mb 64` (a
/// ceiling of 64 + 256 MB) a document whose worker allocates past it (the
/// debug hook `alloc`, 512 MB over the ceiling; without the ceiling the
/// allocation succeeds and the document is `ok`) is one `failed` row that
/// names the failed allocation and the ceiling, and the next document,
/// in a new worker, is `ok`.
#[test]
fn the_memory_ceiling_holds_in_a_worker() {
    if !cfg!(debug_assertions) {
        eprintln!("skipping: the fault-injection hook exists in debug builds only");
        return;
    }
    let dir = tmp("ceiling-in");
    let sample = root().join("samples/rsj2019_budget_cidfont.pdf");
    std::fs::copy(&sample, dir.join("a-greedy.pdf")).expect("copy");
    let mut other = std::fs::read(&sample).expect("read");
    other.extend_from_slice(b"\n% b\n");
    std::fs::write(dir.join("b.pdf"), other).expect("write");
    let tmpdir = tmp("ceiling-tmpdir");
    let out = tmp("ceiling-out");
    let o = extract_env(
        &[&dir],
        &out,
        &[
            "--quiet",
            "--jobs",
            "1",
            "--ocr",
            "never",
            "--max-memory-mb",
            "64",
        ],
        &[
            ("YUSUAN_WORKER_FAULT", Path::new("alloc:greedy")),
            ("TMPDIR", &tmpdir),
        ],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let docs = documents(&out);
    let greedy = docs
        .iter()
        .find(|d| d["source_path"].ends_with("a-greedy.pdf"))
        .expect("row");
    assert_eq!(greedy["status"], "failed");
    let e = &greedy["error"];
    assert!(
        e.starts_with("worker process killed by signal 6 (SIGABRT): memory allocation of ")
            && e.ends_with(
                "bytes failed — over the memory ceiling of 320 MB (--max-memory-mb 64 + 256 MB for the program)"
            ),
        "{e}"
    );
    let b = docs
        .iter()
        .find(|d| d["source_path"].ends_with("b.pdf"))
        .expect("row");
    assert_eq!(b["status"], "ok", "{b:?}");
    assert_no_temporaries(&out, &tmpdir);
}

/// SIGTERM while a worker hangs (deaf to the stop request): the run stops
/// within the grace, the hanging document is interrupted — no row, not
/// "failed" — the finished ones are written, nothing temporary is left,
/// and `--incremental` then completes the folder.
#[cfg(unix)]
#[test]
fn a_signal_stops_a_hanging_worker_without_mislabelling_it() {
    if !cfg!(debug_assertions) {
        eprintln!("skipping: the fault-injection hook exists in debug builds only");
        return;
    }
    let inputs = tmp("sighang-in");
    let files = samples_into(&inputs);
    let mut b = std::fs::read(&files[0]).expect("read");
    b.extend_from_slice(b"\n% hangs\n");
    std::fs::write(inputs.join("hangs-here.pdf"), &b[..]).expect("write");
    let tmpdir = tmp("sighang-tmpdir");
    let out = tmp("sighang-out");
    let child = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .arg("extract")
        .arg(&inputs)
        .arg("--out")
        .arg(&out)
        .args(["--jobs", "2", "--ocr", "never"])
        .env("YUSUAN_WORKER_FAULT", "hang:hangs-here")
        .env("TMPDIR", &tmpdir)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    // Until every document but the hanging one is written (the other
    // worker does them all).
    let records = || {
        std::fs::read_dir(out.join("docs")).map_or(0, |d| {
            d.flatten()
                .filter(|e| {
                    let n = e.file_name().to_string_lossy().into_owned();
                    n.ends_with(".json") && !n.starts_with('.')
                })
                .count()
        })
    };
    let started = std::time::Instant::now();
    while records() < files.len() && started.elapsed() < std::time::Duration::from_secs(120) {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let signalled = std::time::Instant::now();
    // SAFETY: signals the child just spawned.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    let o = child.wait_with_output().expect("waits");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(143), "{err}");
    assert!(
        signalled.elapsed() < std::time::Duration::from_secs(30),
        "took {:?}",
        signalled.elapsed()
    );
    assert!(err.contains("1 files not finished"), "{err}");
    let docs = documents(&out);
    assert_eq!(docs.len(), files.len(), "{docs:?}");
    assert!(!docs.iter().any(|d| d["source_path"].ends_with("hangs-here.pdf")));
    assert_no_temporaries(&out, &tmpdir);
    let o = extract(&[&inputs], &out, &["--quiet", "--incremental", "--ocr", "never"]);
    assert!(matches!(o.status.code(), Some(0 | 1)));
    assert_eq!(documents(&out).len(), files.len() + 1);
}

/// The OCR engine runs under the memory ceiling, in a worker and in
/// process (`text`): a stand-in `tesseract` (`YUSUAN_TESSERACT`) records
/// its data limit (`ulimit -d`, KB), which is --max-memory-mb + 256 MB.
#[cfg(unix)]
#[test]
fn the_ocr_engine_runs_under_the_ceiling() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tmp("engine-limit");
    let fake = dir.join("tesseract");
    std::fs::write(
        &fake,
        "#!/bin/sh\n\
         case \"$1\" in\n\
         --version) echo 'tesseract 5.3.0'; exit 0;;\n\
         --list-langs) printf 'List of available languages (2):\\nchi_sim\\neng\\n'; exit 0;;\n\
         esac\n\
         ulimit -d >> \"$(dirname \"$0\")/limits.txt\"\n\
         printf 'level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext\\n'\n",
    )
    .expect("write");
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let inputs = tmp("engine-in");
    let scan = inputs.join("scan.pdf");
    std::fs::copy(root().join("samples/rsj2020_scanned_a.pdf"), &scan).expect("copy");
    let limits = dir.join("limits.txt");
    let read = || -> Vec<String> {
        std::fs::read_to_string(&limits)
            .unwrap_or_default()
            .lines()
            .map(String::from)
            .collect()
    };
    let out = tmp("engine-out");
    extract_env(
        &[&inputs],
        &out,
        &["--quiet", "--max-memory-mb", "100", "--jobs", "1"],
        &[("YUSUAN_TESSERACT", &fake)],
    );
    let in_worker = read();
    assert!(!in_worker.is_empty(), "the engine was not run");
    // 356 MB in KB.
    assert!(in_worker.iter().all(|l| l == "364544"), "{in_worker:?}");
    std::fs::remove_file(&limits).expect("rm");
    let o = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .arg("text")
        .arg(&scan)
        .args(["--max-memory-mb", "200"])
        .env("YUSUAN_TESSERACT", &fake)
        .output()
        .expect("runs");
    assert!(o.status.code().is_some(), "{o:?}");
    let in_process = read();
    assert!(!in_process.is_empty(), "the engine was not run");
    // 456 MB in KB.
    assert!(in_process.iter().all(|l| l == "466944"), "{in_process:?}");
}

/// `--jsonl` ends with one summary record: counts by status that add up to
/// the documents printed before it, their durations, the slowest first.
#[test]
fn jsonl_ends_with_a_summary() {
    let dir = tmp("summary-in");
    samples_into(&dir);
    std::fs::write(dir.join("broken.pdf"), b"%PDF-1.7\nnot really").expect("write");
    let out = tmp("summary-out");
    let o = extract(
        &[&dir],
        &out,
        &["--quiet", "--jsonl", "--ocr", "never", "--jobs", "2"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let (summary, docs) = lines.split_last().expect("lines");
    let s = &summary["summary"];
    assert!(s.is_object(), "the last line is the summary: {summary}");
    assert!(docs.iter().all(|d| d.get("summary").is_none()));
    let count = |status: &str| docs.iter().filter(|d| d["status"] == status).count() as u64;
    for status in ["ok", "partial", "failed"] {
        assert_eq!(s[status].as_u64(), Some(count(status)), "{status}: {s}");
    }
    assert_eq!(s["failed"], 1, "the broken file");
    assert_eq!(s["files"].as_u64(), Some(docs.len() as u64));
    let slowest = s["slowest"].as_array().expect("slowest");
    assert_eq!(slowest.len(), docs.len().min(10));
    let secs: Vec<f64> = slowest
        .iter()
        .map(|x| x["seconds"].as_f64().expect("seconds"))
        .collect();
    assert!(secs.windows(2).all(|w| w[0] >= w[1]), "slowest first: {secs:?}");
    let max_doc = docs
        .iter()
        .map(|d| d["seconds"].as_f64().unwrap_or(0.0))
        .fold(0.0, f64::max);
    assert_eq!(s["document_seconds"]["max"].as_f64(), Some(max_doc));
    assert_eq!(slowest[0]["seconds"].as_f64(), Some(max_doc));
}

/// `--manifest`: what the scraper knows of each file reaches its row of
/// documents.csv (the five columns after metrics_missing), the same in worker processes
/// and in process; a file the manifest does not name has them empty; a
/// manifest without a `path` column is a usage error.
#[test]
fn a_manifest_reaches_documents_csv() {
    let dir = tmp("manifest-in");
    let files = samples_into(&dir);
    let named = &files[0];
    let other = &files[1];
    let manifest = dir.join("manifest.csv");
    std::fs::write(
        &manifest,
        format!(
            "path,url,publisher,publication_date,fetched_at,scraper_run\n{},https://example.gov.cn/a.html,区财政局,2026-02-01,2026-02-03T08:00:00Z,run-7\n",
            named.file_name().and_then(|n| n.to_str()).expect("name")
        ),
    )
    .expect("manifest");
    let mut got = Vec::new();
    for mode in [None, Some("--in-process")] {
        let out = tmp("manifest-out");
        let mut extra = vec!["--quiet", "--ocr", "never", "--manifest"];
        extra.push(manifest.to_str().expect("path"));
        extra.extend(mode);
        let o = extract(&[named, other], &out, &extra);
        assert!(
            o.status.code().is_some_and(|c| c <= 1),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let mut r = csv::Reader::from_path(out.join("documents.csv")).expect("documents.csv");
        let header: Vec<String> = r.headers().expect("header").iter().map(str::to_string).collect();
        let at = header
            .iter()
            .position(|h| h == "source_url")
            .expect("source_url column");
        assert_eq!(
            &header[at..at + 5],
            [
                "source_url",
                "publisher",
                "published",
                "fetched",
                "manifest_extra"
            ]
        );
        let rows: Vec<BTreeMap<String, String>> = r.deserialize().map(|x| x.expect("row")).collect();
        let row_of = |p: &Path| {
            rows.iter()
                .find(|x| x["source_path"] == p.to_string_lossy())
                .cloned()
                .expect("the file's row")
        };
        let a = row_of(named);
        assert_eq!(a["source_url"], "https://example.gov.cn/a.html");
        assert_eq!(a["publisher"], "区财政局");
        assert_eq!(a["published"], "2026-02-01");
        assert_eq!(a["fetched"], "2026-02-03T08:00:00Z");
        assert_eq!(a["manifest_extra"], r#"{"scraper_run":"run-7"}"#);
        let b = row_of(other);
        for c in [
            "source_url",
            "publisher",
            "published",
            "fetched",
            "manifest_extra",
        ] {
            assert_eq!(b[c], "", "{c} of a file the manifest does not name");
        }
        got.push(rows);
    }
    assert_eq!(got[0], got[1], "workers and in process give the same rows");
    std::fs::write(&manifest, "file,url\na.pdf,x\n").expect("manifest");
    let o = extract(
        &[named],
        &tmp("manifest-bad"),
        &["--quiet", "--manifest", manifest.to_str().expect("path")],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("no `path` column"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
