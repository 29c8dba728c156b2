//! Fuzzes the PDF reader: object parsing (lopdf), content streams, fonts,
//! CMaps, then the layout stage on what comes out. Built with
//! `--cfg fuzzing`, where yusuan does not catch panics, so a panic anywhere
//! is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yusuan::pdf::{Document, OpenOptions};

fuzz_target!(|data: &[u8]| {
    let options = OpenOptions {
        max_stream_bytes: 8 * 1024 * 1024,
        ..OpenOptions::default()
    };
    if let Ok(doc) = Document::from_bytes(data, &options) {
        for page in doc.pages().take(4).flatten() {
            let _ = yusuan::layout::layout_page(&page, &Default::default());
        }
    }
});
