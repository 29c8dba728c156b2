//! Prints a PDF's narrative text as the fact patterns see it (tables,
//! running headers and page numbers removed, lines rejoined), one page per
//! block: a development aid for writing `data/fact_patterns.csv`.
fn main() {
    for path in std::env::args().skip(1) {
        let Ok(doc) = yusuan::pdf::Document::open(&path) else {
            continue;
        };
        let s = yusuan::layout::Settings::default();
        let layouts: Vec<_> = doc
            .pages()
            .filter_map(Result::ok)
            .map(|p| yusuan::layout::layout_page(&p, &s))
            .collect();
        let (n, _) = yusuan::extract::text::narrative(&layouts);
        let mut page = 0;
        for (i, ch) in n.text.char_indices() {
            let p = n.page_at(i);
            if p != page {
                page = p;
                print!("\n[p{p}] ");
            }
            print!("{ch}");
        }
        println!();
    }
}
