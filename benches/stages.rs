//! Time per pipeline stage over a folder of PDFs (default
//! `../shared/corpus/real`), one thread: `cargo bench --bench stages [DIR]`.
//!
//! Prints pages/s for: opening and interpreting pages (the PDF stage), lines
//! only, lines + tables (what `yusuan text` does), and document tables
//! (joined across pages, recognised). The table cost is the difference
//! between the last two.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use yusuan::extract::document_tables;
use yusuan::layout::{Settings, layout_page};
use yusuan::pdf::Document;

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real"));
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
            .collect(),
        Err(e) => {
            eprintln!("stages: {}: {e} (pass a folder of PDFs)", dir.display());
            return;
        }
    };
    files.sort();
    let bytes: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
    let lines_only = Settings {
        find_tables: false,
        ..Settings::default()
    };
    let full = Settings::default();
    let rounds = 3;
    let mut best = [Duration::MAX; 4];
    let mut pages = 0;
    for _ in 0..rounds {
        let mut t = [Duration::ZERO; 4];
        pages = 0;
        for b in &bytes {
            let start = Instant::now();
            let Ok(doc) = Document::from_bytes(b, &Default::default()) else {
                continue;
            };
            let parsed: Vec<_> = doc.pages().filter_map(Result::ok).collect();
            t[0] += start.elapsed();
            pages += parsed.len();
            let start = Instant::now();
            for p in &parsed {
                std::hint::black_box(layout_page(p, &lines_only));
            }
            t[1] += start.elapsed();
            let start = Instant::now();
            let layouts: Vec<_> = parsed.iter().map(|p| layout_page(p, &full)).collect();
            t[2] += start.elapsed();
            let start = Instant::now();
            std::hint::black_box(document_tables(&layouts));
            t[3] += start.elapsed();
        }
        for i in 0..4 {
            best[i] = best[i].min(t[i]);
        }
    }
    let rate = |d: Duration| pages as f64 / d.as_secs_f64();
    println!(
        "{} files, {pages} pages, best of {rounds}, one thread",
        bytes.len()
    );
    println!(
        "pdf (open + interpret)      {:8.1} ms  {:7.1} pages/s",
        best[0].as_secs_f64() * 1e3,
        rate(best[0])
    );
    println!(
        "layout, lines only          {:8.1} ms",
        best[1].as_secs_f64() * 1e3
    );
    println!(
        "layout, lines + tables      {:8.1} ms",
        best[2].as_secs_f64() * 1e3
    );
    println!(
        "document tables (join+kind) {:8.1} ms",
        best[3].as_secs_f64() * 1e3
    );
    let text = best[0] + best[1];
    let with_tables = best[0] + best[2] + best[3];
    println!(
        "text without tables {:.1} pages/s; with tables {:.1} pages/s; tables add {:.1}%",
        rate(text),
        rate(with_tables),
        (with_tables.as_secs_f64() / text.as_secs_f64() - 1.0) * 100.0
    );
}
