//! Issue 16: no input costs another file's output. Inputs that are not
//! plain files, unreadable, huge, duplicated or oddly named are each
//! accounted for; a closed stderr or a SIGINT/SIGTERM loses nothing
//! finished; `--incremental` forgets files gone or changed.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::batch::{assert_same, documents, extract, samples_into, tmp};
use crate::util::root;

fn row<'a>(
    docs: &'a [std::collections::BTreeMap<String, String>],
    name: &str,
) -> &'a std::collections::BTreeMap<String, String> {
    docs.iter()
        .find(|d| d["source_path"].ends_with(name))
        .unwrap_or_else(|| panic!("no row for {name}: {docs:?}"))
}

/// A FIFO, a symlink to /dev/zero, a symlink loop, a 2 GB (sparse) file, an
/// unreadable folder (unless run as root, who reads anything), a duplicate
/// and a file name that is not UTF-8, beside a good file: the run ends
/// quickly, each is a `failed` row with its reason (the duplicate a
/// message naming the first copy), and the good file is `ok`.
#[cfg(unix)]
#[test]
fn every_input_is_accounted_for() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tmp("acct-in");
    let sample = root().join("samples/rsj2020_budget_writer.pdf");
    std::fs::copy(&sample, dir.join("a.pdf")).expect("copy");
    std::fs::create_dir_all(dir.join("sub")).expect("sub");
    std::fs::copy(&sample, dir.join("sub/copy.pdf")).expect("copy");
    let fifo = dir.join("fifo.pdf");
    let c = std::ffi::CString::new(fifo.as_os_str().as_bytes()).expect("path");
    // SAFETY: a valid C string; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.pdf")).expect("symlink");
    std::os::unix::fs::symlink("loop.pdf", dir.join("loop.pdf")).expect("symlink");
    let huge = std::fs::File::create(dir.join("huge.pdf")).expect("create");
    huge.set_len(2 << 30).expect("sparse 2 GB");
    drop(huge);
    let odd = dir.join(std::ffi::OsStr::from_bytes(b"bad\xffname.pdf"));
    let mut other = std::fs::read(&sample).expect("read");
    other.extend_from_slice(b"\n");
    std::fs::write(&odd, other).expect("write");
    let locked = dir.join("locked");
    std::fs::create_dir_all(&locked).expect("locked");
    std::fs::copy(&sample, locked.join("x.pdf")).expect("copy");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    }
    let locked_works = std::fs::read_dir(&locked).is_err();
    let out = tmp("acct-out");
    let started = Instant::now();
    let o = extract(
        &[&dir],
        &out,
        &["--jobs", "2", "--ocr", "never", "--file-timeout", "30"],
    );
    let took = started.elapsed();
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755));
    }
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(took < Duration::from_secs(60), "took {took:?}");
    let docs = documents(&out);
    assert_eq!(row(&docs, "/a.pdf")["status"], "ok");
    assert_eq!(
        row(&docs, "fifo.pdf")["error"],
        "not a regular file (a FIFO): refused unread"
    );
    assert_eq!(
        row(&docs, "zero.pdf")["error"],
        "not a regular file (a device): refused unread"
    );
    assert!(row(&docs, "loop.pdf")["error"].starts_with("cannot read file:"));
    assert!(
        row(&docs, "huge.pdf")["error"].starts_with("file is 2147483648 bytes, over the limit"),
        "{:?}",
        row(&docs, "huge.pdf")
    );
    // A name that is not UTF-8: its bytes escaped, recoverably.
    assert_eq!(row(&docs, "bad\\xffname.pdf")["status"], "ok");
    // The duplicate: processed once, reported under the first path.
    assert!(!docs.iter().any(|d| d["source_path"].ends_with("copy.pdf")));
    assert!(
        err.contains("sub/copy.pdf: same bytes as") && err.contains("a.pdf, processed once"),
        "{err}"
    );
    if locked_works {
        let r = row(&docs, "/locked");
        assert_eq!(r["status"], "failed");
        assert!(r["error"].starts_with("cannot list folder:"), "{r:?}");
    } else {
        eprintln!(
            "every_input_is_accounted_for: running as root, the unreadable folder is readable; not checked"
        );
    }
    // `text` and `tables` refuse the same inputs the same way, at once.
    for cmd in ["text", "tables"] {
        for name in ["fifo.pdf", "zero.pdf"] {
            let o = Command::new(env!("CARGO_BIN_EXE_yusuan"))
                .arg(cmd)
                .arg(dir.join(name))
                .output()
                .expect("runs");
            assert_eq!(o.status.code(), Some(2), "{cmd} {name}");
            assert!(String::from_utf8_lossy(&o.stderr).contains("not a regular file"));
        }
    }
}

/// `yusuan extract … 2>&1 | head -2`: stdout and stderr closed after two
/// lines. No panic, and the folder is complete.
#[test]
fn closed_stderr_loses_no_output() {
    let inputs = tmp("pipe-in");
    let n = samples_into(&inputs).len();
    let out = tmp("pipe-out");
    let (reader, writer) = std::io::pipe().expect("pipe");
    let mut child = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .arg("extract")
        .arg(&inputs)
        .arg("--out")
        .arg(&out)
        .args(["--jobs", "2", "--ocr", "never"])
        .stdout(writer.try_clone().expect("clone"))
        .stderr(writer)
        .spawn()
        .expect("spawn");
    let mut lines = BufReader::new(reader);
    for _ in 0..2 {
        let mut line = String::new();
        lines.read_line(&mut line).expect("a line");
    }
    drop(lines);
    let status = child.wait().expect("waits");
    assert!(matches!(status.code(), Some(0 | 1)), "{status}");
    assert_eq!(documents(&out).len(), n, "every document written");
}

/// SIGTERM (or SIGINT) in the middle of a batch: the finished documents
/// are in the CSVs, no temporary is left, the message says to rerun with
/// `--incremental`, no document is called timed out, and the rerun ends
/// with exactly a fresh run's folder.
#[cfg(unix)]
#[test]
fn a_signal_stops_the_batch_cleanly() {
    let inputs = tmp("sig-in");
    samples_into(&inputs);
    // More work than the signal's delay, in distinct files.
    for (i, p) in samples_into(&tmp("sig-extra")).iter().enumerate() {
        let mut b = std::fs::read(p).expect("read");
        b.extend_from_slice(format!("\n% copy {i}\n").as_bytes());
        std::fs::write(inputs.join(format!("copy-{i}.pdf")), b).expect("write");
    }
    for (signal, code) in [(libc::SIGTERM, 143), (libc::SIGINT, 130)] {
        let out = tmp(&format!("sig-out-{signal}"));
        let child = Command::new(env!("CARGO_BIN_EXE_yusuan"))
            .arg("extract")
            .arg(&inputs)
            .arg("--out")
            .arg(&out)
            .args(["--jobs", "1", "--ocr", "never"])
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        // Wait for the first finished document, then signal.
        let started = Instant::now();
        while std::fs::read_dir(out.join("docs"))
            .map(|d| d.flatten().count())
            .unwrap_or(0)
            == 0
            && started.elapsed() < Duration::from_secs(60)
        {
            std::thread::sleep(Duration::from_millis(20));
        }
        // SAFETY: signals the child just spawned.
        unsafe {
            libc::kill(child.id() as i32, signal);
        }
        let o = child.wait_with_output().expect("waits");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(code), "{err}");
        assert!(err.contains("rerun with --incremental"), "{err}");
        let docs = documents(&out);
        assert!(!docs.is_empty(), "finished documents are written: {err}");
        let records = std::fs::read_dir(out.join("docs"))
            .expect("docs")
            .flatten()
            .count();
        assert_eq!(docs.len(), records, "the CSVs hold every finished record");
        for d in &docs {
            assert!(!d["error"].contains("file-timeout"), "{d:?}");
        }
        for dir in [out.clone(), out.join("docs")] {
            for e in std::fs::read_dir(&dir).expect("folder").flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                assert!(!name.contains(".tmp-"), "left behind: {}", e.path().display());
            }
        }
        let o = extract(&[&inputs], &out, &["--quiet", "--incremental", "--ocr", "never"]);
        assert!(matches!(o.status.code(), Some(0 | 1)));
        let fresh = tmp(&format!("sig-fresh-{signal}"));
        extract(&[&inputs], &fresh, &["--quiet", "--ocr", "never"]);
        assert_same(&out, &fresh, "resumed after a signal vs fresh");
    }
}

/// `--incremental` after a file was deleted, another replaced by a
/// different PDF at the same path, and the first of two copies removed:
/// the folder is exactly a fresh run's.
#[test]
fn incremental_forgets_files_gone_or_changed() {
    let inputs = tmp("forget-in");
    let files = samples_into(&inputs);
    std::fs::copy(&files[0], inputs.join("zz-copy.pdf")).expect("copy");
    let out = tmp("forget-out");
    extract(&[&inputs], &out, &["--quiet", "--ocr", "never"]);
    std::fs::remove_file(&files[1]).expect("delete");
    std::fs::copy(&files[3], &files[2]).expect("replace");
    std::fs::remove_file(&files[0]).expect("first copy gone");
    let o = extract(&[&inputs], &out, &["--quiet", "--incremental", "--ocr", "never"]);
    assert!(matches!(o.status.code(), Some(0 | 1)));
    let fresh = tmp("forget-fresh");
    extract(&[&inputs], &fresh, &["--quiet", "--ocr", "never"]);
    assert_same(&out, &fresh, "incremental after deletions and changes vs fresh");
    assert!(
        documents(&out)
            .iter()
            .any(|d| d["source_path"].ends_with("zz-copy.pdf"))
    );
}
