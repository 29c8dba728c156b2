//! Fuzzes the table builder: arbitrary glyphs and ruling lines (decoded by
//! `page_codec`) through layout (words, lines, lattice and three-line
//! tables) and the whole extract stage (document tables joined across
//! pages, facts, line items, projects) and the checks. A panic is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod page_codec;

fuzz_target!(|data: &[u8]| {
    let pages = page_codec::decode(data);
    let _ = yusuan::pipeline::process_pages(pages, &yusuan::pipeline::Settings::default());
});
