//! Tables read by OCR, vouched for by the document's own arithmetic: a
//! check like the others, run on the tables whose pages were OCRed.
//!
//! A table read by OCR is *verified* when every identity of this stage
//! that holds within one table passes on it — rows (T2 合计 = 基本 + 项目,
//! T3 基本 = 人员 + 公用), subtotals (T7 类/款 = the sum of their rows), the
//! project total (T8), and the identities its own figures state (T1 收入 =
//! 支出 in a 收支总表, T4/T5 in a “三公” table). A misread digit almost
//! never keeps all of them true. A table where one fails is *flagged for
//! review* with the cells involved; nothing is changed: a figure that does
//! not add up may be the document's own misprint, which is a finding.
//! A table with no identity to test is neither (`ocr_verified` empty).

use std::collections::BTreeSet;

use super::Status;
use crate::extract::facts::{Fact, FactSource};
use crate::extract::{DocTable, Extracted};
use crate::warning::{Stage, Warning, WarningKind};

/// The check ids whose inputs all lie in one table.
pub const TABLE_CHECKS: &[&str] = &["T1", "T2", "T3", "T4", "T5", "T7", "T8"];

/// The metrics each fact-based identity reads (as this stage runs them),
/// to point at the cells involved when one fails.
const FACT_CHECK_METRICS: &[(&str, &[&str])] = &[
    (
        "T1",
        &[
            "revenue.grand_total",
            "expenditure.grand_total",
            "revenue.total",
            "expenditure.total",
        ],
    ),
    (
        "T4",
        &[
            "three_public.total",
            "three_public.overseas",
            "three_public.vehicles",
            "three_public.reception",
        ],
    ),
    (
        "T5",
        &[
            "three_public.vehicles",
            "three_public.vehicle_purchase",
            "three_public.vehicle_operation",
        ],
    ),
];

/// What the identities say about one OCR table.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// `Some(true)` all identities pass; `Some(false)` one fails; `None`
    /// none applies.
    pub verified: Option<bool>,
    /// `(row, col)` of the cells in the identities that fail.
    pub cells: BTreeSet<(usize, usize)>,
    /// One line per failing identity.
    pub messages: Vec<String>,
}

/// The document reduced to one table: its cells, line items and the facts
/// read from it, so that the check stage's identities speak about this
/// table alone.
fn only(e: &Extracted, t: &DocTable) -> Extracted {
    let mut facts: Vec<Fact> = Vec::new();
    for f in &e.statements {
        if let FactSource::Table { table_id, .. } = &f.source
            && table_id == &t.id
            && !facts.iter().any(|x| x.metric == f.metric)
        {
            facts.push(f.clone());
        }
    }
    Extracted {
        metadata: e.metadata.clone(),
        tables: vec![t.clone()],
        facts: facts.clone(),
        statements: facts,
        line_items: e
            .line_items
            .iter()
            .filter(|l| l.table_id == t.id)
            .cloned()
            .collect(),
        projects: Vec::new(),
        indicators: Vec::new(),
        narrative: Default::default(),
        headings: Vec::new(),
    }
}

fn table_results(e: &Extracted) -> Vec<super::CheckResult> {
    super::run(e)
        .into_iter()
        .filter(|r| TABLE_CHECKS.contains(&r.check) && r.status != Status::Skipped)
        .collect()
}

fn fails(e: &Extracted, id: &str) -> bool {
    table_results(e)
        .iter()
        .any(|r| r.check == id && r.status == Status::Fail)
}

/// Amount cells of body row `row`.
fn row_cells(t: &DocTable, row: usize) -> Vec<(usize, usize)> {
    t.cells
        .iter()
        .filter(|c| c.row == row && !c.is_header)
        .filter(|c| c.text.chars().any(|ch| ch.is_ascii_digit()))
        .filter(|c| crate::normalize::number::parse_amount(&c.text).is_some())
        .map(|c| (c.row, c.col))
        .collect()
}

/// A 类/款 line item with the rows right after it that lie under its code
/// (same column), as T7 reads them.
struct Subtotal<'a> {
    parent: &'a crate::extract::line_items::LineItem,
    rows: Vec<&'a crate::extract::line_items::LineItem>,
}

fn subtotals(items: &[crate::extract::line_items::LineItem]) -> Vec<Subtotal<'_>> {
    let mut out = Vec::new();
    for (i, parent) in items.iter().enumerate() {
        let rows: Vec<_> = items[i + 1..]
            .iter()
            .filter(|l| l.column == parent.column)
            .take_while(|l| l.code.len() > parent.code.len() && l.code.starts_with(&parent.code))
            .collect();
        if !rows.is_empty() {
            out.push(Subtotal { parent, rows });
        }
    }
    out
}

/// Runs the one-table identities on `t` (a table of `e`).
///
/// One allowance: a 类/款 whose rows run to the last row of the table may
/// continue past it (a scan of one page of a longer table; 208 = 20801 +
/// 20805 + 20808 + … on the next page), so its sum is not held against the
/// reading; it is named in the messages.
pub fn verify_table(e: &Extracted, t: &DocTable) -> Verdict {
    let alone = only(e, t);
    let results = table_results(&alone);
    let mut cells = BTreeSet::new();
    let mut messages = Vec::new();
    // T7, subtotal by subtotal.
    let last_row = alone.line_items.iter().map(|l| l.row).max();
    let mut t7_failed = false;
    let mut t7_open = Vec::new();
    if results
        .iter()
        .any(|r| r.check == "T7" && r.status == Status::Fail)
    {
        for sub in subtotals(&alone.line_items) {
            let mut one = alone.clone();
            one.line_items = std::iter::once(sub.parent.clone())
                .chain(sub.rows.iter().map(|l| (*l).clone()))
                .collect();
            let failing: Vec<super::CheckResult> = table_results(&one)
                .into_iter()
                .filter(|r| r.check == "T7" && r.status == Status::Fail)
                .collect();
            if failing.is_empty() {
                continue;
            }
            if sub.rows.last().map(|l| l.row) == last_row {
                t7_open.push(format!(
                    "{} {} [{}]",
                    sub.parent.code, sub.parent.printed_name, sub.parent.column
                ));
                continue;
            }
            t7_failed = true;
            messages.extend(failing.iter().map(|r| format!("T7: {}", r.message)));
            let col = t.columns.iter().position(|c| *c == sub.parent.column);
            for l in std::iter::once(sub.parent).chain(sub.rows.iter().copied()) {
                if let Some(col) = col {
                    cells.insert((t.header_rows + l.row, col));
                }
            }
        }
    }
    // A T7 that fails only on open-ended subtotals says nothing either way.
    let t7_discounted = !t7_failed && !t7_open.is_empty();
    let counted: Vec<&super::CheckResult> = results
        .iter()
        .filter(|r| !(r.check == "T7" && r.status == Status::Fail && t7_discounted))
        .collect();
    let failed: Vec<&super::CheckResult> = counted
        .iter()
        .copied()
        .filter(|r| r.status == Status::Fail)
        .collect();
    if !t7_open.is_empty() {
        messages.push(format!(
            "T7 not held against the reading: {} run to the end of the table",
            t7_open.join(", ")
        ));
    }
    if failed.is_empty() {
        return Verdict {
            verified: (!counted.is_empty()).then_some(true),
            cells,
            messages,
        };
    }
    let ids: BTreeSet<&str> = failed.iter().map(|r| r.check).collect();
    messages.extend(
        failed
            .iter()
            .filter(|r| r.check != "T7")
            .map(|r| format!("{}: {}", r.check, r.message)),
    );
    // T2/T3: the rows that break the identity, one at a time.
    for id in ids.iter().filter(|i| matches!(**i, "T2" | "T3")) {
        for row in t.header_rows..t.n_rows() {
            let mut one = alone.clone();
            one.tables[0].cells.retain(|c| c.is_header || c.row == row);
            if fails(&one, id) {
                cells.extend(row_cells(t, row));
            }
        }
    }
    // Fact identities: the cells of the facts they read.
    for (id, metrics) in FACT_CHECK_METRICS {
        if !ids.contains(id) {
            continue;
        }
        for f in &alone.facts {
            if let FactSource::Table { row, col, .. } = &f.source
                && metrics.contains(&f.metric.as_str())
            {
                cells.insert((*row, *col));
            }
        }
    }
    // T8: the amount column of the project table.
    if ids.contains("T8") {
        for row in t.header_rows..t.n_rows() {
            cells.extend(row_cells(t, row));
        }
    }
    let at = |cells: &BTreeSet<(usize, usize)>| {
        cells
            .iter()
            .map(|(r, c)| {
                let text = t
                    .cells
                    .iter()
                    .find(|x| x.row == *r && x.col == *c)
                    .map(|x| x.text.as_str())
                    .unwrap_or("");
                format!("r{r}c{c} {text}")
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !cells.is_empty() {
        messages.push(format!("cells involved: {}", at(&cells)));
    }
    Verdict {
        verified: Some(false),
        cells,
        messages,
    }
}

/// One OCR table's verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct TableVerdict {
    pub table_id: String,
    pub verdict: Verdict,
}

/// Verifies every table that lies on a page read by OCR (`ocr_pages`), in
/// table order; with a note for each table flagged for review.
pub fn verify_ocr_tables(e: &Extracted, ocr_pages: &BTreeSet<usize>) -> (Vec<TableVerdict>, Vec<Warning>) {
    let mut verdicts = Vec::new();
    let mut warnings = Vec::new();
    for t in e
        .tables
        .iter()
        .filter(|t| t.pages.iter().any(|p| ocr_pages.contains(p)))
    {
        let verdict = verify_table(e, t);
        if verdict.verified == Some(false) {
            warnings.push(Warning::new(
                t.pages.first().copied(),
                Stage::Ocr,
                WarningKind::Note,
                format!(
                    "OCR table {} {} does not add up, flagged for review: {}",
                    t.id,
                    t.title,
                    verdict.messages.join("; ")
                ),
            ));
        }
        verdicts.push(TableVerdict {
            table_id: t.id.clone(),
            verdict,
        });
    }
    (verdicts, warnings)
}

/// No accusation on a digit in doubt: a failed check that involves a page
/// read by OCR becomes `skipped`, its finding kept in the reason. On a
/// scan a misread digit cannot be told from the document's own misprint;
/// the table stays flagged for review (`tables.csv` `ocr_verified`), where
/// a reader checks the cells against the page.
pub fn doubt_ocr_failures(results: &mut [super::CheckResult], ocr_pages: &BTreeSet<usize>) {
    for r in results.iter_mut().filter(|r| r.status == Status::Fail) {
        let Some(page) = r.pages.iter().copied().find(|p| ocr_pages.contains(p)) else {
            continue;
        };
        *r = super::CheckResult::skipped(
            r.check,
            &format!(
                "{} — not claimed: p.{page} was read by OCR, where a misread digit cannot be told from a misprint (see tables.csv ocr_verified)",
                r.message
            ),
        );
    }
}
