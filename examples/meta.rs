fn main() {
    for path in std::env::args().skip(1) {
        let doc = yusuan::pdf::Document::open(&path).expect("open");
        let s = yusuan::layout::Settings::default();
        let layouts: Vec<_> = doc
            .pages()
            .filter_map(Result::ok)
            .map(|p| yusuan::layout::layout_page(&p, &s))
            .collect();
        let e = yusuan::extract::extract(&layouts, doc.info().title.as_deref());
        println!(
            "{}\t{}\t{:?}\t{}\t{}\t{}\t{}",
            path.rsplit('/').next().unwrap_or(""),
            e.metadata.department,
            e.metadata.year,
            e.metadata.doc_kind.map(|k| k.as_str()).unwrap_or(""),
            e.metadata.level.as_str(),
            e.metadata.region,
            e.metadata.department_short
        );
    }
}
