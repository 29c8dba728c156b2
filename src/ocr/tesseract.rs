//! The OCR engine: the `tesseract` program, found at run time and run as a
//! subprocess (no shell), with a time limit, reading its TSV word boxes.
//!
//! Why a subprocess and not bindings: the Debian packages `tesseract-ocr`
//! and `tesseract-ocr-chi-sim` are all a user installs, nothing links
//! against libtesseract at build time, a crash or hang in the engine kills
//! one page's OCR rather than the batch, and the time limit is a kill.
//!
//! Each run is single-threaded (`OMP_THREAD_LIMIT=1`): pages run in
//! parallel instead, within `--jobs`, and results do not depend on thread
//! timing.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// How to install the engine, for warnings.
pub const INSTALL_HINT: &str = "install Tesseract with Simplified Chinese data (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-chi-sim)";

/// A usable Tesseract.
#[derive(Debug, Clone)]
pub struct Engine {
    pub program: PathBuf,
    /// `tesseract 5.3.0`.
    pub version: String,
    pub language: String,
    /// Whether the Latin (`eng`) model is installed (Debian's
    /// tesseract-ocr depends on it): it reads the digits of figures better.
    pub has_eng: bool,
}

impl Engine {
    /// The engine to read figures with: the Latin model where installed.
    pub fn for_numbers(&self) -> Engine {
        let mut e = self.clone();
        if self.has_eng {
            e.language = "eng".into();
        }
        e
    }
}

/// The program to run: `$YUSUAN_TESSERACT` if set, else `tesseract` on
/// PATH.
fn program() -> PathBuf {
    std::env::var_os("YUSUAN_TESSERACT")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("tesseract"))
}

/// Engines looked for so far: program, language, outcome.
type Probes = std::sync::Mutex<Vec<(PathBuf, String, Result<Engine, String>)>>;

/// Finds the engine and checks that it has `language` (once per process
/// per program and language). The error says what is missing and how to
/// install it.
pub fn find(language: &str) -> Result<Engine, String> {
    static FOUND: OnceLock<Probes> = OnceLock::new();
    let prog = program();
    let cache = FOUND.get_or_init(Default::default);
    if let Ok(c) = cache.lock()
        && let Some((_, _, r)) = c.iter().find(|(p, l, _)| *p == prog && l == language)
    {
        return r.clone();
    }
    let r = probe(&prog, language);
    if let Ok(mut c) = cache.lock() {
        c.push((prog, language.to_string(), r.clone()));
    }
    r
}

fn probe(prog: &Path, language: &str) -> Result<Engine, String> {
    let version = run(prog, &["--version"], Duration::from_secs(20), None).map_err(|e| {
        format!(
            "OCR engine `{}` not available ({e}); {INSTALL_HINT}",
            prog.display()
        )
    })?;
    let version = String::from_utf8_lossy(&version.stdout)
        .lines()
        .chain(String::from_utf8_lossy(&version.stderr).lines())
        .find(|l| l.starts_with("tesseract"))
        .unwrap_or("tesseract")
        .trim()
        .to_string();
    let langs = run(prog, &["--list-langs"], Duration::from_secs(20), None)
        .map_err(|e| format!("`{} --list-langs` failed ({e}); {INSTALL_HINT}", prog.display()))?;
    let listed =
        String::from_utf8_lossy(&langs.stdout).into_owned() + &String::from_utf8_lossy(&langs.stderr);
    let have = |l: &str| listed.lines().any(|x| x.trim() == l);
    if let Some(missing) = language.split('+').find(|l| !have(l)) {
        return Err(format!(
            "Tesseract has no `{missing}` language data; {INSTALL_HINT}"
        ));
    }
    Ok(Engine {
        program: prog.to_path_buf(),
        version,
        language: language.to_string(),
        has_eng: have("eng"),
    })
}

/// What a finished run printed.
pub(crate) struct RunOutput {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Runs `prog args…` with stdin closed, killing it after `timeout`, under
/// `memory` bytes of data memory when given (`crate::limit`).
pub(crate) fn run(
    prog: &Path,
    args: &[&str],
    timeout: Duration,
    memory: Option<u64>,
) -> Result<RunOutput, String> {
    let mut cmd = Command::new(prog);
    cmd.args(args)
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(bytes) = memory {
        crate::limit::limit_memory(&mut cmd, bytes);
    }
    let mut child = cmd.spawn().map_err(|e| e.to_string())?;
    // Drain both pipes on threads: a full pipe would block the child.
    let mut out = child.stdout.take().ok_or("no stdout")?;
    let mut err = child.stderr.take().ok_or("no stderr")?;
    let out_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let err_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err.read_to_end(&mut b);
        b
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if crate::stop::requested() => {
                let _ = child.kill();
                let _ = child.wait();
                return Err("stopped: the run was interrupted".into());
            }
            Ok(None) if started.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("timed out after {} s", timeout.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(e.to_string()),
        }
    };
    let stdout = out_t.join().unwrap_or_default();
    let stderr = err_t.join().unwrap_or_default();
    if !status.success() {
        let msg = String::from_utf8_lossy(&stderr);
        let msg = msg
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim();
        // Out of memory shows as an abort or a C++ bad_alloc: say which
        // limit it ran into.
        let limit = match memory {
            Some(bytes) => format!(
                " (its memory is limited to {}, from --max-memory-mb)",
                crate::limit::mb(bytes)
            ),
            None => String::new(),
        };
        return Err(format!("exited with {status}: {msg}{limit}"));
    }
    Ok(RunOutput { stdout, stderr })
}

/// One recognised word (TSV level 5), in the pixels of the image it was
/// read from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Word {
    /// 1-based image of a multi-image run (the line of the list file).
    pub image: usize,
    /// Block, paragraph and line numbers: words of one text line share them.
    pub line: (u32, u32, u32),
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
    /// 0–100.
    pub confidence: f64,
    pub text: String,
}

/// A text line's box (TSV level 4).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LineBox {
    pub image: usize,
    pub line: (u32, u32, u32),
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

/// Parses Tesseract's TSV output. Rows that do not parse are skipped.
pub(crate) fn parse_tsv(tsv: &str) -> (Vec<Word>, Vec<LineBox>) {
    let mut words = Vec::new();
    let mut lines = Vec::new();
    for row in tsv.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() < 11 {
            continue;
        }
        let int = |i: usize| f[i].trim().parse::<u32>().ok();
        let num = |i: usize| f[i].trim().parse::<f64>().ok().filter(|v| v.is_finite());
        let (Some(level), Some(image), Some(block), Some(par), Some(line)) =
            (int(0), int(1), int(2), int(3), int(4))
        else {
            continue;
        };
        let (Some(left), Some(top), Some(width), Some(height)) = (num(6), num(7), num(8), num(9)) else {
            continue;
        };
        match level {
            4 => lines.push(LineBox {
                image: image as usize,
                line: (block, par, line),
                left,
                top,
                width,
                height,
            }),
            5 => {
                let text = f.get(11).map(|t| t.trim()).unwrap_or("");
                if text.is_empty() {
                    continue;
                }
                words.push(Word {
                    image: image as usize,
                    line: (block, par, line),
                    left,
                    top,
                    width,
                    height,
                    confidence: num(10).unwrap_or(0.0).clamp(0.0, 100.0),
                    text: text.to_string(),
                });
            }
            _ => {}
        }
    }
    (words, lines)
}

/// How to recognise.
#[derive(Debug, Clone)]
pub(crate) struct Request<'a> {
    /// Page segmentation mode (3 auto, 6 one block, 7 one line, 11 sparse).
    pub psm: u8,
    /// Characters allowed (`tessedit_char_whitelist`), if restricted.
    pub whitelist: Option<&'a str>,
    /// Resolution to tell the engine (pixels per inch).
    pub dpi: u32,
    pub timeout: Duration,
    /// The run's data memory ceiling, bytes ([`super::OcrSettings::memory_limit`]).
    pub memory: Option<u64>,
}

impl Engine {
    /// Recognises one image file, or every image listed in a `.txt` file
    /// (one path per line: one engine start for many cell crops).
    pub(crate) fn recognise(
        &self,
        input: &Path,
        req: &Request<'_>,
    ) -> Result<(Vec<Word>, Vec<LineBox>), String> {
        let input = input.to_str().ok_or("temporary path is not UTF-8")?;
        let psm = req.psm.to_string();
        let dpi = req.dpi.clamp(70, 1200).to_string();
        let mut args: Vec<String> = vec![
            input.into(),
            "stdout".into(),
            "-l".into(),
            self.language.clone(),
            "--psm".into(),
            psm,
            "--dpi".into(),
            dpi,
        ];
        if let Some(w) = req.whitelist {
            args.push("-c".into());
            args.push(format!("tessedit_char_whitelist={w}"));
        }
        args.push("tsv".into());
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&self.program, &refs, req.timeout, req.memory)?;
        Ok(parse_tsv(&String::from_utf8_lossy(&out.stdout)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_words_and_lines() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t100\t50\t-1\t\n\
                   4\t1\t1\t1\t1\t0\t10\t5\t80\t20\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t10\t6\t30\t18\t96.5\t预算\n\
                   5\t1\t1\t1\t1\t2\t50\t6\t30\t18\t-1\t \n\
                   5\t2\t1\t1\t1\t1\t12\t7\t40\t16\t88\t2,934.45\n\
                   garbage\n";
        let (words, lines) = parse_tsv(tsv);
        assert_eq!(words.len(), 2);
        assert_eq!(words[0].text, "预算");
        assert_eq!(words[0].confidence, 96.5);
        assert_eq!(words[1].image, 2);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].top, 5.0);
    }

    #[test]
    fn missing_program_is_an_error_with_install_hint() {
        let r = probe(Path::new("/nonexistent/tesseract"), "chi_sim");
        let e = r.expect_err("no such program");
        assert!(
            e.contains("apt-get install tesseract-ocr tesseract-ocr-chi-sim"),
            "{e}"
        );
    }
}
