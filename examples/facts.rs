//! Prints what `extract` finds in a PDF as JSON (metadata, facts): a
//! development aid for tuning the rule tables.
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
        let e = yusuan::extract::extract(&layouts, doc.info().title.as_deref());
        let v = serde_json::json!({"file": path, "metadata": e.metadata, "facts": e.facts, "statements": e.statements, "line_items": e.line_items, "projects": e.projects, "indicators": e.indicators});
        println!("{v}");
    }
}
