//! Fuzzes the PDF reader: object parsing (lopdf), content streams, fonts,
//! CMaps, then the layout stage on what comes out. Built with
//! `--cfg fuzzing`, where yusuan does not catch panics, so a panic anywhere
//! is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yusuan::pipeline::{Input, Settings, Until, process};

fuzz_target!(|data: &[u8]| {
    let mut settings = Settings {
        until: Until::Layout,
        pages: "1-4".parse().ok(),
        ..Settings::default()
    };
    settings.open.max_stream_bytes = 8 * 1024 * 1024;
    settings.ocr.mode = yusuan::ocr::OcrMode::Never;
    let _ = process(Input::Bytes { bytes: data, name: "fuzz.pdf" }, &settings);
});
