//! Writes seeds for the `tables` fuzz target: every page of the sample
//! PDFs, and every pair of consecutive pages (tables that run over a page
//! break), encoded with `page_codec`.
//!
//! `cargo run --manifest-path fuzz/Cargo.toml --bin seed_tables -- samples fuzz/corpus/tables`

#[path = "../../fuzz_targets/page_codec.rs"]
mod page_codec;

use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (input, output) = match args.as_slice() {
        [_, i, o] => (Path::new(i), Path::new(o)),
        _ => return Err("usage: seed_tables SAMPLES_DIR OUT_DIR".into()),
    };
    std::fs::create_dir_all(output)?;
    let mut n = 0;
    let mut files: Vec<_> = std::fs::read_dir(input)?.flatten().map(|e| e.path()).collect();
    files.sort();
    for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "pdf")) {
        let doc = yusuan::pdf::Document::open(path)?;
        let pages: Vec<_> = doc.pages().flatten().collect();
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        for (i, page) in pages.iter().enumerate() {
            std::fs::write(output.join(format!("{stem}-p{}", i + 1)), page_codec::encode(std::slice::from_ref(page)))?;
            n += 1;
            if let Some(next) = pages.get(i + 1) {
                std::fs::write(
                    output.join(format!("{stem}-p{}-{}", i + 1, i + 2)),
                    page_codec::encode(&[page.clone(), next.clone()]),
                )?;
                n += 1;
            }
        }
    }
    println!("wrote {n} seeds to {}", output.display());
    Ok(())
}
