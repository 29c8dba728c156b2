//! The extract stage: page layouts → what a disclosure says. Document
//! metadata, narrative facts, standard tables with their kinds and units,
//! line items, projects and performance indicators.
//!
//! It knows budgets (万元, 科目, 三公) but not PDF: it works on the layout
//! stage's lines and tables only.

pub mod coverage;
pub mod facts;
pub mod kinds;
pub mod line_items;
pub mod metadata;
pub mod metrics;
pub mod projects;
pub mod tables;
pub mod text;

use serde::Serialize;

pub use kinds::TableKind;
pub use metadata::{DocKind, Level, Metadata};
pub use tables::{DocCell, DocTable, document_tables};

use crate::layout::PageLayout;

/// Everything extracted from one document.
#[derive(Debug, Clone, Serialize)]
pub struct Extracted {
    pub metadata: Metadata,
    pub tables: Vec<DocTable>,
    /// One fact per metric (the table's where a table states it).
    pub facts: Vec<facts::Fact>,
    /// Every statement of every metric, tables and narrative.
    pub statements: Vec<facts::Fact>,
    pub line_items: Vec<line_items::LineItem>,
    pub projects: Vec<projects::Project>,
    pub indicators: Vec<projects::Indicator>,
    /// The narrative as one text with its section headings: what the
    /// claim checks (N3–N8) read sentence by sentence.
    #[serde(skip)]
    pub narrative: text::Narrative,
    #[serde(skip)]
    pub headings: Vec<(usize, String)>,
}

/// Runs the extract stage over a document's page layouts (in page order).
pub fn extract(pages: &[PageLayout], pdf_title: Option<&str>) -> Extracted {
    let tables = document_tables(pages);
    let titles: Vec<String> = tables.iter().map(|t| t.title.clone()).collect();
    let metadata = metadata::metadata(pages, pdf_title, &titles);
    let (narrative, headings) = text::narrative(pages);
    let mut table_facts = facts::table_facts(&tables, &metadata);
    facts::derive(&mut table_facts);
    facts::equivalent_scopes(&mut table_facts, false);
    let mut narrative_facts = facts::narrative_facts(&narrative, &headings, metadata.doc_kind);
    facts::resolve_bare_totals(&mut narrative_facts);
    let mut chosen = facts::choose(&table_facts, &narrative_facts);
    facts::carry_reasons(&mut chosen, &narrative_facts);
    facts::derive(&mut chosen);
    facts::equivalent_scopes(&mut chosen, true);
    chosen.sort_by(|a, b| a.metric.cmp(&b.metric));
    let mut statements = table_facts;
    statements.extend(narrative_facts);
    // A government-wide report states the government's figures (全区一般公共
    // 预算收入…), never a department's: no department metric is read from it.
    if metadata.level == Level::Government {
        chosen.clear();
        statements.clear();
    }
    let line_items = line_items::line_items(&tables, &metadata);
    let projects = projects::projects(&tables, facts::default_unit(&tables));
    let indicators = projects::indicators(&tables, &projects, &metadata.department);
    Extracted {
        metadata,
        tables,
        facts: chosen,
        statements,
        line_items,
        projects,
        indicators,
        narrative,
        headings,
    }
}
