//! The per-document record: everything the output files hold about one
//! input PDF, in owned, serialisable form. It is written whole as
//! `docs/<doc_id>.json` and the CSVs are rebuilt from these records, which
//! is what makes incremental runs and `merge` give the same folder as one
//! run from scratch.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::check::ocr_tables::TableVerdict;
use crate::extract::Extracted;
use crate::extract::facts::{Fact, FactSource};
use crate::layout::PageLayout;

/// Status of a document, as `documents.csv` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    Partial,
    Failed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Partial => "partial",
            Status::Failed => "failed",
        }
    }
}

/// One row of `documents.csv` (and the head of `docs/<doc_id>.json`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentRow {
    pub doc_id: String,
    pub source_path: String,
    pub sha256: String,
    pub pages: usize,
    pub producer: String,
    pub department: String,
    pub department_short: String,
    pub region: String,
    pub year: Option<i32>,
    pub doc_kind: String,
    pub status: Status,
    pub text_pages: usize,
    pub image_pages: usize,
    /// One line per warning.
    pub warnings: Vec<String>,
    pub error: String,
    /// Extension: `department`, `unit` or `government`.
    pub level: String,
    /// The standard table kinds found (`tables_found`, `;` separated).
    #[serde(default)]
    pub tables_found: Vec<String>,
    /// Core metrics a document of its kind normally states that were not
    /// found (`metrics_missing`, `;` separated).
    #[serde(default)]
    pub metrics_missing: Vec<String>,
    /// What the scraper knew of the file (`extract --manifest`).
    #[serde(default, skip_serializing_if = "SourceInfo::is_empty")]
    pub source: SourceInfo,
    /// For a unit document: the department the text names as its own
    /// (the output adds the other sources: [`crate::output::identity::parent`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub parent_in_text: String,
}

/// Where a file came from, as a scraper's manifest says (`extract
/// --manifest FILE`): the five columns of `documents.csv` after `metrics_missing`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// The web page or URL the file was fetched from.
    #[serde(default)]
    pub source_url: String,
    /// Who published it.
    #[serde(default)]
    pub publisher: String,
    /// When it was published, as the manifest writes it.
    #[serde(default)]
    pub published: String,
    /// When it was fetched, as the manifest writes it.
    #[serde(default)]
    pub fetched: String,
    /// The manifest's other columns, by name.
    #[serde(default)]
    pub extra: BTreeMap<String, String>,
}

impl SourceInfo {
    pub fn is_empty(&self) -> bool {
        *self == SourceInfo::default()
    }

    /// `extra` as one JSON object (`{}` spelled as empty).
    pub fn extra_json(&self) -> String {
        if self.extra.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&self.extra).unwrap_or_default()
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FactRow {
    pub metric: String,
    pub label: String,
    pub value: String,
    pub unit: String,
    pub raw_text: String,
    pub page: usize,
    pub section: String,
    /// Extension: `table` or `narrative`.
    pub origin: String,
    /// Extension: the table id for table facts.
    pub table_id: String,
    /// Extension: `text` (born-digital) or `ocr`.
    pub source: String,
    /// The sentence a narrative figure was read from.
    pub context: String,
    /// Extension: OCR confidence (0–100) of the cell or line the figure
    /// was read from; `None` for text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr_confidence: Option<f64>,
    /// Extension: a change statement's stated definition change (口径调整,
    /// 机构改革, 划转, 合并) — its kind, the explaining clause and its page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_reason: Option<crate::extract::facts::StatedReason>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CellRow {
    pub page: usize,
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub header: String,
    pub text: String,
    pub value: String,
    pub unit: String,
    pub is_header: bool,
    /// `[x0, y0, x1, y1]` in PDF points, page space.
    pub bbox: [f64; 4],
    /// Extension: mean OCR confidence (0–100) of the cell's glyphs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr_confidence: Option<f64>,
    /// Extension: the cell is in an identity that fails on an OCR table.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ocr_flagged: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TableRecord {
    pub table_id: String,
    pub table_kind: String,
    pub title: String,
    pub number: String,
    pub unit: String,
    pub pages: Vec<usize>,
    pub method: String,
    pub header_rows: usize,
    pub columns: Vec<String>,
    pub empty: bool,
    pub source: String,
    pub cells: Vec<CellRow>,
    /// Extension, OCR tables: whether the table's own identities (T1–T5,
    /// T7, T8) all pass (`true`), one fails (`false`: flagged for review),
    /// or none applies (`None`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr_verified: Option<bool>,
    /// Extension: why an OCR table was flagged, with the cells involved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ocr_review: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LineItemRow {
    pub table_kind: String,
    pub code: String,
    pub name: String,
    pub column: String,
    pub value: String,
    pub unit: String,
    pub printed_name: String,
    pub name_mismatch: bool,
    pub page: usize,
    pub table_id: String,
    /// Extension: the unit whose figures these are (empty: the
    /// department's own).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub entity: String,
    /// Extension: the code of a second classification printed beside.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub parallel_code: String,
    /// Extension: where the code came from (`printed`, `completed`,
    /// `resolved_by_name`: see [`crate::extract::line_items::CODE_PRINTED`]).
    #[serde(default)]
    pub code_source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProjectRow {
    pub project: String,
    pub total: String,
    pub recurring: String,
    pub one_off: String,
    pub unit: String,
    pub executing_unit: String,
    pub project_type: String,
    pub manager_unit: String,
    pub total_budget: String,
    pub current_year_budget: String,
    pub page: usize,
    /// The project code printed in front of the name (extension).
    #[serde(default)]
    pub project_code: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndicatorRow {
    pub project: String,
    pub level1: String,
    pub level2: String,
    pub content: String,
    pub value_text: String,
    pub value: String,
    pub unit: String,
    pub standard: String,
    pub page: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CheckRow {
    pub check: String,
    pub status: String,
    pub expected: String,
    pub actual: String,
    pub difference: String,
    pub pages: Vec<usize>,
    pub message: String,
    /// Extension: `material` or `rounding` for a `fail`, else empty.
    #[serde(default)]
    pub severity: String,
}

/// A page's text, for the record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PageText {
    pub page: usize,
    pub kind: String,
    pub lines: Vec<String>,
    /// Extension: the page was read by OCR (`kind` stays what the PDF has,
    /// e.g. `image_only`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ocr: bool,
}

/// Everything about one document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocRecord {
    pub document: DocumentRow,
    pub facts: Vec<FactRow>,
    /// Every statement of every metric (table and narrative), including
    /// the ones `facts` did not choose.
    pub statements: Vec<FactRow>,
    pub tables: Vec<TableRecord>,
    pub line_items: Vec<LineItemRow>,
    pub projects: Vec<ProjectRow>,
    pub indicators: Vec<IndicatorRow>,
    pub checks: Vec<CheckRow>,
    pub page_texts: Vec<PageText>,
}

fn dec(d: Option<rust_decimal::Decimal>) -> String {
    d.map(|v| v.to_string()).unwrap_or_default()
}

fn fact_row(f: &crate::extract::facts::Fact) -> FactRow {
    let (origin, table_id) = match &f.source {
        FactSource::Table { table_id, .. } => ("table", table_id.clone()),
        FactSource::Narrative => ("narrative", String::new()),
    };
    FactRow {
        metric: f.metric.clone(),
        label: f.label.clone(),
        value: f.value.to_string(),
        unit: f.unit.clone(),
        raw_text: f.raw_text.clone(),
        page: f.page,
        section: f.section.clone(),
        origin: origin.into(),
        table_id,
        source: "text".into(),
        context: f.context.clone(),
        ocr_confidence: None,
        stated_reason: f.reason.clone(),
    }
}

impl DocRecord {
    /// Builds the record of a document that was read.
    pub fn from_extracted(document: DocumentRow, e: &Extracted, page_texts: Vec<PageText>) -> DocRecord {
        let tables = e
            .tables
            .iter()
            .map(|t| {
                let unit = t.unit.map(|u| u.as_str().to_string()).unwrap_or_default();
                // Codes, counts and prices (科目编码, 类/款/项, 行次, 数量, 单价) are
                // not amounts: they get no value in yuan.
                let not_money = crate::extract::facts::non_amount_columns(t);
                TableRecord {
                    table_id: t.id.clone(),
                    table_kind: t.kind.as_str().into(),
                    title: t.title.clone(),
                    number: t.number.clone(),
                    unit: unit.clone(),
                    pages: t.pages.clone(),
                    method: match t.method {
                        crate::layout::tables::Method::Lattice => "lattice".into(),
                        crate::layout::tables::Method::Stream => "stream".into(),
                    },
                    header_rows: t.header_rows,
                    columns: t.columns.clone(),
                    empty: t.empty,
                    source: "text".into(),
                    cells: t
                        .cells
                        .iter()
                        .map(|c| {
                            let value = if c.is_header || t.unit.is_none() || not_money.contains(&c.col) {
                                None
                            } else {
                                crate::normalize::number::parse_amount(&c.text)
                                    .and_then(|a| match a {
                                        crate::normalize::number::Amount::Value(v) => Some(v),
                                        _ => None,
                                    })
                                    .zip(t.unit)
                                    .map(|(v, u)| crate::normalize::unit::to_yuan(v, u))
                            };
                            let b = c.bbox.rounded();
                            CellRow {
                                page: c.page,
                                row: c.row,
                                col: c.col,
                                rowspan: c.rowspan,
                                colspan: c.colspan,
                                header: c.header.clone(),
                                text: c.text.clone(),
                                unit: if value.is_some() {
                                    "yuan".into()
                                } else {
                                    String::new()
                                },
                                value: dec(value),
                                is_header: c.is_header,
                                bbox: [b.x0, b.y0, b.x1, b.y1],
                                ocr_confidence: None,
                                ocr_flagged: false,
                            }
                        })
                        .collect(),
                    ocr_verified: None,
                    ocr_review: Vec::new(),
                }
            })
            .collect();
        DocRecord {
            document,
            facts: e.facts.iter().map(fact_row).collect(),
            statements: e.statements.iter().map(fact_row).collect(),
            tables,
            line_items: e
                .line_items
                .iter()
                .map(|l| LineItemRow {
                    table_kind: l.table_kind.into(),
                    code: l.code.clone(),
                    name: l.name.clone(),
                    column: l.column.clone(),
                    value: l.value.to_string(),
                    unit: l.unit.into(),
                    printed_name: l.printed_name.clone(),
                    name_mismatch: l.name_mismatch,
                    page: l.page,
                    table_id: l.table_id.clone(),
                    entity: l.entity.clone(),
                    parallel_code: l.parallel_code.clone(),
                    code_source: l.code_source.into(),
                })
                .collect(),
            projects: e
                .projects
                .iter()
                .map(|p| ProjectRow {
                    project: p.project.clone(),
                    total: dec(p.total),
                    recurring: dec(p.recurring),
                    one_off: dec(p.one_off),
                    unit: "yuan".into(),
                    executing_unit: p.executing_unit.clone(),
                    project_type: p.project_type.clone(),
                    manager_unit: p.manager_unit.clone(),
                    total_budget: dec(p.total_budget),
                    current_year_budget: dec(p.current_year_budget),
                    page: p.page,
                    project_code: p.project_code.clone(),
                })
                .collect(),
            indicators: e
                .indicators
                .iter()
                .map(|i| IndicatorRow {
                    project: i.project.clone(),
                    level1: i.level1.clone(),
                    level2: i.level2.clone(),
                    content: i.content.clone(),
                    value_text: i.value_text.clone(),
                    value: dec(i.value),
                    unit: i.unit.clone(),
                    standard: i.standard.clone(),
                    page: i.page,
                })
                .collect(),
            checks: Vec::new(),
            page_texts,
        }
    }

    /// The record of a document that could not be read.
    pub fn failed(document: DocumentRow) -> DocRecord {
        DocRecord {
            document,
            facts: Vec::new(),
            statements: Vec::new(),
            tables: Vec::new(),
            line_items: Vec::new(),
            projects: Vec::new(),
            indicators: Vec::new(),
            checks: Vec::new(),
            page_texts: Vec::new(),
        }
    }
}

/// Marks what OCR read in a document's record: `source = ocr`, each OCR
/// cell's and fact's confidence (from the page layouts), and each OCR
/// table's verdict from the check stage.
pub(crate) fn mark_ocr(
    record: &mut DocRecord,
    e: &Extracted,
    layouts: &[PageLayout],
    verdicts: &[TableVerdict],
) {
    let page = |n: usize| layouts.iter().find(|l| l.number == n && l.ocr);
    if !layouts.iter().any(|l| l.ocr) {
        return;
    }
    let mut cell_conf: BTreeMap<(String, usize, usize), f64> = BTreeMap::new();
    let mut ocr_tables: BTreeSet<String> = BTreeSet::new();
    for (rec, t) in record.tables.iter_mut().zip(&e.tables) {
        if rec.table_id != t.id || !t.pages.iter().any(|&p| page(p).is_some()) {
            continue;
        }
        ocr_tables.insert(t.id.clone());
        rec.source = "ocr".into();
        for (cr, c) in rec.cells.iter_mut().zip(&t.cells) {
            cr.ocr_confidence = page(c.page).and_then(|l| l.confidence_in(&c.bbox));
            if let Some(v) = cr.ocr_confidence {
                cell_conf.insert((t.id.clone(), c.row, c.col), v);
            }
        }
        if let Some(v) = verdicts.iter().find(|v| v.table_id == t.id) {
            rec.ocr_verified = v.verdict.verified;
            for cr in &mut rec.cells {
                cr.ocr_flagged = v.verdict.cells.contains(&(cr.row, cr.col));
            }
            rec.ocr_review = v.verdict.messages.clone();
        }
    }
    let annotate_fact = |row: &mut FactRow, f: &Fact| match &f.source {
        FactSource::Table {
            table_id,
            row: r,
            col: c,
        } if ocr_tables.contains(table_id) => {
            row.source = "ocr".into();
            row.ocr_confidence = cell_conf.get(&(table_id.clone(), *r, *c)).copied();
        }
        FactSource::Narrative => {
            if let Some(l) = page(f.page) {
                row.source = "ocr".into();
                row.ocr_confidence = line_confidence(l, f);
            }
        }
        _ => {}
    };
    for (row, f) in record.facts.iter_mut().zip(&e.facts) {
        annotate_fact(row, f);
    }
    for (row, f) in record.statements.iter_mut().zip(&e.statements) {
        annotate_fact(row, f);
    }
}

/// The confidence of a narrative figure: that of the OCR text line on its
/// page that holds its digits.
fn line_confidence(layout: &PageLayout, f: &Fact) -> Option<f64> {
    let digits: String = f.raw_text.chars().filter(|c| c.is_ascii_digit()).collect();
    let line = layout.lines.iter().find(|l| {
        !digits.is_empty()
            && l.text
                .chars()
                .filter(|c| c.is_ascii_digit())
                .collect::<String>()
                .contains(&digits)
    })?;
    layout.confidence_in(&line.bbox)
}
