//! The extract stage: page layouts → what a disclosure says. Document
//! metadata, narrative facts, standard tables with their kinds and units,
//! line items, projects and performance indicators.
//!
//! It knows budgets (万元, 科目, 三公) but not PDF: it works on the layout
//! stage's lines and tables only.

pub mod kinds;
pub mod tables;

pub use kinds::TableKind;
pub use tables::{DocCell, DocTable, document_tables};
