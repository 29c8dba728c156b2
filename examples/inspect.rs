//! Development aids for tuning the rule tables, one per view:
//!
//! ```sh
//! cargo run --release --example inspect -- meta FILE...       # metadata, one TSV line per file
//! cargo run --release --example inspect -- facts FILE...      # what extract finds, as JSON
//! cargo run --release --example inspect -- narrative FILE...  # the text the fact patterns see
//! ```
//!
//! `narrative` prints the narrative as `data/fact_patterns.csv` runs over it
//! (tables, running headers and page numbers removed, lines rejoined),
//! marking where each page starts.

use yusuan::extract::Extracted;
use yusuan::layout::PageLayout;

fn main() {
    let mut args = std::env::args().skip(1);
    let view = args.next().unwrap_or_default();
    if !matches!(view.as_str(), "meta" | "facts" | "narrative") {
        eprintln!("usage: inspect meta|facts|narrative FILE...");
        std::process::exit(2);
    }
    let settings = yusuan::pipeline::Settings {
        until: yusuan::pipeline::Until::Extract,
        ..Default::default()
    };
    for path in args {
        let processed =
            match yusuan::pipeline::process(yusuan::pipeline::Input::Path(path.as_ref()), &settings) {
                Ok(p) => p,
                Err(f) => {
                    eprintln!("{path}: {f}");
                    continue;
                }
            };
        let Some(e) = &processed.extracted else { continue };
        match view.as_str() {
            "meta" => meta(&path, e),
            "facts" => {
                let v = serde_json::json!({"file": path, "metadata": e.metadata, "facts": e.facts,
                    "statements": e.statements, "line_items": e.line_items, "projects": e.projects,
                    "indicators": e.indicators});
                println!("{v}");
            }
            _ => narrative(&processed.layouts),
        }
    }
}

fn meta(path: &str, e: &Extracted) {
    let m = &e.metadata;
    println!(
        "{}\t{}\t{:?}\t{}\t{}\t{}\t{}",
        path.rsplit('/').next().unwrap_or(""),
        m.department,
        m.year,
        m.doc_kind.map(|k| k.as_str()).unwrap_or(""),
        m.level.as_str(),
        m.region,
        m.department_short
    );
}

fn narrative(layouts: &[PageLayout]) {
    let (n, _) = yusuan::extract::text::narrative(layouts);
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
