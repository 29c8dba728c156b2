//! Ground-truth fixtures (`tests/corpus/*/`, `samples/expected/*/`) and the
//! comparisons against yusuan's output. Formats: tests/corpus/README.md.

#![allow(dead_code)]

use std::path::Path;

use serde::Deserialize;
use yusuan::extract::{DocTable, TableKind};
use yusuan::ocr::OcrMode;
use yusuan::pipeline::{Input, Processed, Until};

#[derive(Debug, Deserialize)]
pub struct TablesFile {
    pub file: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub tables: Vec<TableTruth>,
    #[serde(default)]
    pub inventory: Vec<InventoryTruth>,
}

#[derive(Debug, Deserialize)]
pub struct TableTruth {
    pub kind: String,
    pub title: String,
    pub pages: Vec<usize>,
    #[serde(default)]
    pub unit: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    #[serde(default)]
    pub empty: bool,
}

#[derive(Debug, Deserialize)]
pub struct InventoryTruth {
    pub kind: String,
    pub title: String,
    pub pages: Vec<usize>,
}

pub fn load<T: for<'de> Deserialize<'de>>(path: &Path) -> T {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The library pipeline on a PDF, as `yusuan extract` runs it, up to
/// `until`, OCR as `ocr` says; panics (a test failure) when the file fails.
pub fn processed_of(pdf: &Path, ocr: OcrMode, until: Until, keep_pages: bool) -> Processed {
    let mut settings = yusuan::pipeline::Settings {
        until,
        keep_pages,
        ..Default::default()
    };
    settings.ocr.mode = ocr;
    yusuan::pipeline::process(Input::Path(pdf), &settings)
        .unwrap_or_else(|f| panic!("{}: {f}", pdf.display()))
}

/// The document's tables as `yusuan tables` builds them (no OCR).
pub fn tables_of(pdf: &Path) -> Vec<DocTable> {
    processed_of(pdf, OcrMode::Never, Until::Extract, false)
        .extracted
        .map(|e| e.tables)
        .unwrap_or_default()
}

fn ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Title without its table number (公开05表, 表4：, 五、) and white space.
fn title_key(s: &str) -> String {
    yusuan::extract::tables::split_title(&ws(s)).1
}

/// Compares one expected table with ours; returns what differs.
pub fn compare_table(ours: &[DocTable], want: &TableTruth) -> Result<(), String> {
    let kind = TableKind::parse(&want.kind).ok_or_else(|| format!("unknown kind {}", want.kind))?;
    let want_cols: Vec<String> = want.columns.iter().map(|c| ws(c)).collect();
    let candidates: Vec<&DocTable> = ours
        .iter()
        .filter(|t| t.kind == kind && t.pages.first() == want.pages.first())
        .collect();
    let Some(t) = candidates
        .iter()
        .find(|t| t.columns.iter().map(|c| ws(c)).collect::<Vec<_>>() == want_cols)
        .or(candidates.first())
    else {
        let here: Vec<String> = ours
            .iter()
            .filter(|t| want.pages.iter().any(|p| t.pages.contains(p)))
            .map(|t| format!("{} {:?} {}", t.kind.as_str(), t.pages, t.title))
            .collect();
        return Err(format!(
            "no {} table starting on page {:?}; found {here:?}",
            want.kind, want.pages
        ));
    };
    let mut errs = Vec::new();
    if t.pages != want.pages {
        errs.push(format!("pages {:?}, want {:?}", t.pages, want.pages));
    }
    if title_key(&t.title) != title_key(&want.title) {
        errs.push(format!("title {:?}, want {:?}", t.title, want.title));
    }
    let unit = t.unit.map(|u| u.as_str()).unwrap_or("");
    if unit != want.unit {
        errs.push(format!("unit {unit:?}, want {:?}", want.unit));
    }
    let cols: Vec<String> = t.columns.iter().map(|c| ws(c)).collect();
    if cols != want_cols {
        errs.push(format!("columns {cols:?}\n   want {want_cols:?}"));
    }
    let got = t.body_grid();
    let got: Vec<Vec<String>> = got.iter().map(|r| r.iter().map(|c| ws(c)).collect()).collect();
    let want_rows: Vec<Vec<String>> = want
        .rows
        .iter()
        .map(|r| r.iter().map(|c| ws(c)).collect())
        .collect();
    if got != want_rows {
        let i = got.iter().zip(&want_rows).take_while(|(a, b)| a == b).count();
        errs.push(format!(
            "{} body rows, want {}; first difference at row {i}:\n   got  {:?}\n   want {:?}",
            got.len(),
            want_rows.len(),
            got.get(i),
            want_rows.get(i)
        ));
    }
    if want.empty && !t.empty {
        errs.push("not recognised as empty".into());
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs.join("\n  "))
    }
}

/// Whether an inventory entry is found: a table of that kind overlapping
/// its pages.
pub fn find_inventory(ours: &[DocTable], want: &InventoryTruth) -> Result<(), String> {
    let kind = TableKind::parse(&want.kind).ok_or_else(|| format!("unknown kind {}", want.kind))?;
    if ours
        .iter()
        .any(|t| t.kind == kind && t.pages.iter().any(|p| want.pages.contains(p)))
    {
        return Ok(());
    }
    let here: Vec<String> = ours
        .iter()
        .filter(|t| t.pages.iter().any(|p| want.pages.contains(p)))
        .map(|t| format!("{} {:?} {}", t.kind.as_str(), t.pages, t.title))
        .collect();
    Err(format!(
        "{} {:?} {} not found; there: {here:?}",
        want.kind, want.pages, want.title
    ))
}

#[derive(Debug, Deserialize)]
pub struct FactsFile {
    pub file: String,
    pub metadata: MetadataTruth,
    #[serde(default)]
    pub facts: Vec<FactTruth>,
    #[serde(default)]
    pub line_items: Vec<LineItemTruth>,
    #[serde(default)]
    pub projects: Vec<ProjectTruth>,
    #[serde(default)]
    pub indicators: Vec<IndicatorTruth>,
}

#[derive(Debug, Deserialize)]
pub struct MetadataTruth {
    pub department: String,
    #[serde(default)]
    pub department_short: String,
    #[serde(default)]
    pub region: String,
    pub year: i32,
    pub doc_kind: String,
    #[serde(default)]
    pub level: String,
    /// A unit document's department (documents.csv `parent_department`).
    #[serde(default)]
    pub parent_department: String,
}

#[derive(Debug, Deserialize)]
pub struct FactTruth {
    pub metric: String,
    pub value: String,
    #[serde(default)]
    pub raw: String,
    #[serde(default)]
    pub page: usize,
    /// Printed, but not recoverable from the text layer (says why).
    #[serde(default)]
    pub unreadable: String,
    /// The definition change the document states as the reason of this
    /// change (`definition`, `reform`, `transfer`, `merger`, `;` joined);
    /// `""`: the reason given is an ordinary one and none may be reported;
    /// absent: not recorded.
    #[serde(default)]
    pub reason_kind: Option<String>,
    /// The page the explanation starts on.
    #[serde(default)]
    pub reason_page: Option<usize>,
}

#[derive(Debug, Deserialize)]
pub struct LineItemTruth {
    pub table_kind: String,
    pub code: String,
    pub name: String,
    pub column: String,
    pub value: String,
    /// printed | completed | resolved_by_name, where the truth says.
    #[serde(default)]
    pub code_source: Option<String>,
    /// A second classification's code printed on the row, where the truth
    /// says.
    #[serde(default)]
    pub parallel_code: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct ProjectTruth {
    pub project: String,
    #[serde(default)]
    pub total: Option<String>,
    #[serde(default)]
    pub executing_unit: Option<String>,
    #[serde(default)]
    pub current_year_budget: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct IndicatorTruth {
    pub project: String,
    pub level1: String,
    pub level2: String,
    pub content: String,
    pub value_text: String,
}

/// Numeric equality of two decimal strings (`2.70` == `2.7`).
pub fn same_number(a: &str, b: &str) -> bool {
    match (
        a.parse::<rust_decimal::Decimal>(),
        b.parse::<rust_decimal::Decimal>(),
    ) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// [`compare_extraction`] plus the department's short form: a sample's
/// generator knows it for certain (real documents' short forms are a
/// judgement and are not compared).
pub fn compare_sample_extraction(e: &yusuan::extract::Extracted, want: &FactsFile) -> Vec<String> {
    let mut errs = compare_extraction(e, want);
    if e.metadata.department_short != want.metadata.department_short {
        errs.push(format!(
            "short form {:?}, want {:?}",
            e.metadata.department_short, want.metadata.department_short
        ));
    }
    errs
}

/// Everything that differs between a document's extraction and its facts
/// fixture (metadata except the judgement-call short form, facts, line
/// items, projects, indicators).
pub fn compare_extraction(e: &yusuan::extract::Extracted, want: &FactsFile) -> Vec<String> {
    let mut errs = Vec::new();
    let m = &e.metadata;
    let kind = m.doc_kind.map(|k| k.as_str()).unwrap_or("");
    for (field, got, exp) in [
        (
            "department",
            m.department.clone(),
            want.metadata.department.clone(),
        ),
        ("region", m.region.clone(), want.metadata.region.clone()),
        (
            "year",
            m.year.map(|y| y.to_string()).unwrap_or_default(),
            want.metadata.year.to_string(),
        ),
        ("doc_kind", kind.to_string(), want.metadata.doc_kind.clone()),
    ] {
        if got != exp {
            errs.push(format!("metadata {field}: got {got:?}, want {exp:?}"));
        }
    }
    if !want.metadata.parent_department.is_empty() && m.parent_department != want.metadata.parent_department {
        errs.push(format!(
            "metadata parent_department: got {:?}, want {:?}",
            m.parent_department, want.metadata.parent_department
        ));
    }
    if !want.metadata.level.is_empty() && m.level.as_str() != want.metadata.level {
        errs.push(format!(
            "metadata level: got {:?}, want {:?}",
            m.level.as_str(),
            want.metadata.level
        ));
    }
    for f in &want.facts {
        let got = e.facts.iter().find(|x| x.metric == f.metric);
        if !f.unreadable.is_empty() {
            // Not in the text layer: we must not report a wrong figure.
            if let Some(g) = got
                && !same_number(&g.value.to_string(), &f.value)
            {
                errs.push(format!(
                    "fact {} (unreadable in print) given a wrong value {}",
                    f.metric, g.value
                ));
            }
            continue;
        }
        if let (Some(g), Some(kind)) = (got, &f.reason_kind) {
            let got_kind = g.reason.as_ref().map(|r| r.kind.as_str()).unwrap_or("");
            let got_page = g.reason.as_ref().map(|r| r.page);
            if got_kind != kind || (f.reason_page.is_some() && got_page != f.reason_page) {
                errs.push(format!(
                    "fact {}: stated reason {got_kind:?} p{got_page:?}, want {kind:?} p{:?}",
                    f.metric, f.reason_page
                ));
            }
        }
        match got {
            Some(g) if same_number(&g.value.to_string(), &f.value) => {}
            Some(g) => errs.push(format!(
                "fact {}: got {} ({} p{}), want {} ({} p{})",
                f.metric, g.value, g.raw_text, g.page, f.value, f.raw, f.page
            )),
            None => errs.push(format!(
                "fact {}: missing, want {} ({} p{})",
                f.metric, f.value, f.raw, f.page
            )),
        }
    }
    let ws = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for li in &want.line_items {
        let got = e.line_items.iter().find(|x| {
            x.table_kind == li.table_kind
                && x.code == li.code
                && ws(&x.column) == ws(&li.column)
                && ws(&x.printed_name) == ws(&li.name)
                && same_number(&x.value.to_string(), &li.value)
        });
        match (got, &li.code_source) {
            (None, _) => errs.push(format!(
                "line item {} {} {} = {}: not found",
                li.table_kind, li.code, li.column, li.value
            )),
            (Some(x), Some(source)) if x.code_source != source => errs.push(format!(
                "line item {} {} {}: code_source {}, want {source}",
                li.table_kind, li.code, li.column, x.code_source
            )),
            _ => {}
        }
        if let (Some(x), Some(want)) = (got, &li.parallel_code)
            && !e.line_items.iter().any(|y| {
                y.table_kind == x.table_kind
                    && y.code == x.code
                    && y.column == x.column
                    && y.value == x.value
                    && &y.parallel_code == want
            })
        {
            errs.push(format!(
                "line item {} {} {}: parallel_code {}, want {want}",
                li.table_kind, li.code, li.column, x.parallel_code
            ));
        }
    }
    for p in &want.projects {
        // Projects of one name in two units are two projects: the one of
        // the truth's unit, when it names one.
        let named = |x: &&yusuan::extract::projects::Project| same_project(&x.project, &p.project);
        let Some(g) = e
            .projects
            .iter()
            .filter(named)
            .find(|x| p.executing_unit.as_ref().is_none_or(|u| &x.executing_unit == u))
            .or_else(|| e.projects.iter().find(named))
        else {
            errs.push(format!("project {}: missing", p.project));
            continue;
        };
        if let Some(t) = &p.total
            && !g.total.is_some_and(|v| same_number(&v.to_string(), t))
        {
            errs.push(format!("project {} total {:?}, want {t}", p.project, g.total));
        }
        if let Some(u) = &p.executing_unit
            && &g.executing_unit != u
        {
            errs.push(format!(
                "project {} executing_unit {:?}, want {u}",
                p.project, g.executing_unit
            ));
        }
        if let Some(c) = &p.current_year_budget
            && !g
                .current_year_budget
                .is_some_and(|v| same_number(&v.to_string(), c))
        {
            errs.push(format!(
                "project {} current_year_budget {:?}, want {c}",
                p.project, g.current_year_budget
            ));
        }
    }
    for i in &want.indicators {
        let ok = e.indicators.iter().any(|x| {
            same_project(&x.project, &i.project)
                && x.level1 == i.level1
                && x.level2 == i.level2
                && x.content == i.content
                && x.value_text == i.value_text
        });
        if !ok {
            errs.push(format!(
                "indicator {} / {} / {}: not found",
                i.project, i.content, i.value_text
            ));
        }
    }
    errs
}

/// Whether two project names are one: a project code printed in front of
/// the name (`11000021T000000117273-名称`; the tool reports it apart, as
/// `project_code`) and whitespace are not part of it, as in
/// `scripts/score_truth.py`.
fn same_project(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        match s.split_once(['-', '－', '—', '_']) {
            Some((code, rest)) if code.len() >= 8 && code.chars().all(|c| c.is_ascii_alphanumeric()) => {
                rest.to_string()
            }
            _ => s,
        }
    };
    key(a) == key(b)
}

/// Runs the pipeline to the extract stage on a PDF, without OCR; and
/// whether every page is a scan.
pub fn extract_of(pdf: &Path) -> (yusuan::extract::Extracted, bool) {
    let p = processed_of(pdf, OcrMode::Never, Until::Extract, false);
    let scanned = p
        .layouts
        .iter()
        .all(|l| l.kind == yusuan::pdf::PageKind::ImageOnly);
    (p.extracted.expect("extracted"), scanned)
}

/// Whether Tesseract with Simplified Chinese is installed; prints why a
/// test skips when it is not.
pub fn have_ocr(test: &str) -> bool {
    match yusuan::ocr::tesseract::find("chi_sim") {
        Ok(_) => true,
        Err(why) => {
            eprintln!("skipping {test}: {why}");
            false
        }
    }
}

/// The pages of a PDF as `yusuan extract` reads them: OCR as `mode` says;
/// every page it selects must be read (no OCR failure, nothing left
/// unread).
pub fn pages_with_ocr(pdf: &Path, mode: OcrMode) -> Vec<yusuan::pdf::Page> {
    let p = processed_of(pdf, mode, Until::Layout, true);
    let failed = |w: &yusuan::Warning| {
        w.kind.makes_partial()
            || ["not OCRed", "OCR failed", "OCR not run"]
                .iter()
                .any(|m| w.message.starts_with(m))
    };
    assert!(
        !p.warnings.iter().any(failed),
        "{}: {:?}",
        pdf.display(),
        p.warnings.iter().map(ToString::to_string).collect::<Vec<_>>()
    );
    p.pages
}

/// The extract stage on a PDF, scanned pages read by OCR.
pub fn extract_of_ocr(pdf: &Path) -> yusuan::extract::Extracted {
    processed_of(pdf, OcrMode::Auto, Until::Extract, false)
        .extracted
        .expect("extracted")
}
