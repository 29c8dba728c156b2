//! Summary identities: the 收支总表 balances (T1), “三公” and its parts
//! (T4, T5), the 财政拨款收支总表 against the detail tables (T6).

use super::figure::{Figure, compare, figure_of};
use super::{CheckResult, fact, or_skipped};
use crate::extract::facts::{Fact, FactSource};
use crate::extract::{DocTable, Extracted, TableKind};
use crate::normalize::label::{self, Concept, normalize_label};
use crate::normalize::number::{Amount, parse_amount};

use super::figure::cell_value;
use super::rows::col_path;

pub(super) fn t1_income_equals_expenditure(e: &Extracted) -> CheckResult {
    let pairs = [
        (
            "revenue.grand_total",
            "expenditure.grand_total",
            "收入总计 = 支出总计",
        ),
        (
            "revenue.total",
            "expenditure.total",
            "本年收入合计 = 本年支出合计",
        ),
    ];
    for (r, x, what) in pairs {
        if let (Some(rf), Some(xf)) = (fact(e, r), fact(e, x))
            && matches!(rf.source, FactSource::Table { .. })
            && matches!(xf.source, FactSource::Table { .. })
        {
            return compare(
                "T1",
                &format!("{what} income equals spending"),
                &figure_of(xf),
                &[figure_of(rf)],
                "收入",
            );
        }
    }
    CheckResult::skipped("T1", "收入总计/支出总计 not found in a table")
}

pub(super) fn sum_of_facts(
    e: &Extracted,
    id: &'static str,
    what: &str,
    total: &str,
    parts: &[&str],
    how: &str,
) -> CheckResult {
    let Some(t) = fact(e, total) else {
        return CheckResult::skipped(id, &format!("{total} not stated"));
    };
    let found: Vec<&Fact> = parts.iter().filter_map(|p| fact(e, p)).collect();
    if found.len() != parts.len() {
        let missing: Vec<&&str> = parts.iter().filter(|p| fact(e, p).is_none()).collect();
        return CheckResult::skipped(id, &format!("parts not stated: {missing:?}"));
    }
    let terms: Vec<Figure> = found.iter().map(|f| figure_of(f)).collect();
    compare(id, what, &figure_of(t), &terms, how)
}

/// The body row labelled as the table's total (合计, 总计).
pub(super) fn total_row(t: &DocTable) -> Option<usize> {
    (t.header_rows..t.n_rows()).find(|&r| {
        t.cells
            .iter()
            .any(|c| c.row == r && !c.is_header && label::is(Concept::TotalRow, &normalize_label(&c.text)))
    })
}

/// T6: the 财政拨款收支总表's 一般公共预算 (政府性基金) spending column at
/// its total row equals the total of the 一般公共预算支出表 (政府性基金预算
/// 支出表). Spending against spending: in a 决算 the appropriation received
/// and the money spent differ by the carry-over, legitimately.
pub(super) fn t6_fiscal_summary(e: &Extracted) -> Vec<CheckResult> {
    let mut out = Vec::new();
    let Some(summary) = e
        .tables
        .iter()
        .find(|t| t.kind == TableKind::FiscalSummary && !t.empty)
    else {
        return vec![CheckResult::skipped("T6", "no 财政拨款收支总表")];
    };
    // This year's spending: the 本年支出合计 / 支出合计 row, not 总计 (which
    // adds the carry-over to next year).
    let row_labelled = |want: &dyn Fn(&str) -> bool| {
        (summary.header_rows..summary.n_rows()).find(|&r| {
            summary
                .cells
                .iter()
                .any(|c| c.row == r && !c.is_header && want(&normalize_label(&c.text)))
        })
    };
    let total_row = row_labelled(&|l| matches!(l, "本年支出合计" | "支出合计" | "当年支出小计" | "本年支出"))
        .or_else(|| row_labelled(&|l| l == "合计"));
    let pairs = [
        (
            r"支出.*/一般公共预算[^/]*$",
            TableKind::GeneralBudgetExpenditure,
            "expenditure.general_budget.total",
            "一般公共预算",
        ),
        (
            r"支出.*/政府性基金[^/]*$",
            TableKind::GovernmentFund,
            "expenditure.government_fund.total",
            "政府性基金",
        ),
    ];
    for (pattern, kind, metric, name) in pairs {
        let (Some(row), Some(col)) = (total_row, col_path(summary, pattern)) else {
            continue;
        };
        let Some(summary_total) = cell_value(summary, row, col) else {
            continue;
        };
        // The detail table's total as the facts read it: its 合计 column
        // of this period (not a 2025年执行数 or 预算数 column beside it).
        let Some((f, t)) = e.facts.iter().find_map(|f| {
            let FactSource::Table { table_id, .. } = &f.source else {
                return None;
            };
            let t = e.tables.iter().find(|t| &t.id == table_id && t.kind == kind)?;
            (f.metric == metric).then_some((f, t))
        }) else {
            continue;
        };
        out.push(compare(
            "T6",
            &format!("{name}: {} vs {} summary vs detail table", summary.title, t.title),
            &figure_of(f),
            &[summary_total],
            &summary.title,
        ));
    }
    or_skipped(
        out,
        "T6",
        "the 财政拨款收支总表 has no 一般公共预算/政府性基金 spending column",
    )
}

/// The row labelled `want` in the column holding such labels, and the
/// first amount column right of it — never a column that numbers the rows
/// (行次 | 1 | 2 …, `data/labels.csv` `index_column`).
fn labelled(t: &DocTable, want: &dyn Fn(&str) -> bool) -> Option<(usize, usize, usize)> {
    let is_index = |col: usize| {
        t.cells.iter().any(|h| {
            h.col == col && h.is_header && label::is(Concept::IndexColumn, &normalize_label(&h.text))
        }) || t.columns.get(col).is_some_and(|h| {
            label::is(
                Concept::IndexColumn,
                &normalize_label(h.rsplit('/').next().unwrap_or(h)),
            )
        })
    };
    for r in t.header_rows..t.n_rows() {
        for c in t.cells.iter().filter(|c| c.row == r && !c.is_header) {
            if want(&normalize_label(&c.text)) {
                let amount = t
                    .cells
                    .iter()
                    .filter(|x| x.row == r && x.col > c.col && !x.is_header && !is_index(x.col))
                    .find(|x| {
                        matches!(
                            parse_amount(&x.text),
                            Some(Amount::Value(_) | Amount::Dash | Amount::Blank)
                        )
                    })
                    .map(|x| x.col)?;
                return Some((r, c.col, amount));
            }
        }
    }
    None
}

/// Whether a spending label is a function class (类): its official name
/// (`data/subject_codes.csv`), or a label numbered as a class is
/// (一、…支出) — a 财政拨款收支总表 lists every class by number, and a class
/// the code list has not seen yet is still a class.
fn is_class(raw: &str, classes: &std::collections::BTreeSet<String>) -> bool {
    let name = normalize_label(raw);
    if classes.contains(&name) {
        return true;
    }
    let raw: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let numbered = top_numbered(&raw) || {
        let inner = raw
            .strip_prefix(['（', '('])
            .and_then(|r| r.split_once(['）', ')']))
            .map(|(n, _)| n);
        inner.is_some_and(|n| !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c)))
    };
    numbered && name.ends_with("支出") && !name.contains("合计")
}

/// Numbered as a section: 一、 二、 …
fn top_numbered(raw: &str) -> bool {
    raw.split_once('、')
        .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c)))
}

/// T12: the 财政拨款收支总表 adds up on its own: its 本年支出 is the sum of
/// the function classes (类) it lists, and on every row its 合计 column is
/// the sum of its fund columns (一般公共预算 + 政府性基金 + 国有资本经营).
/// A class is recognised by its official name (`data/subject_codes.csv`),
/// so rows that break the spending down otherwise (基本支出/项目支出) are
/// not summed with the classes.
pub(super) fn t12_fiscal_summary_sums(e: &Extracted) -> Vec<CheckResult> {
    let mut out = Vec::new();
    let classes: std::collections::BTreeSet<String> = crate::normalize::code::CodeList::get().class_names();
    for t in e
        .tables
        .iter()
        .filter(|t| t.kind == TableKind::FiscalSummary && !t.empty)
    {
        let is_total = |l: &str| {
            matches!(
                l,
                "本年支出"
                    | "本年支出合计"
                    | "支出本年合计"
                    | "本年支出预算合计"
                    | "当年支出小计"
                    | "本年支出小计"
            )
        };
        let Some((total_row, label_col, amount_col)) = labelled(t, &is_total) else {
            continue;
        };
        let Some(total) = cell_value(t, total_row, amount_col) else {
            continue;
        };
        let label_of = |r: usize| {
            t.cells
                .iter()
                .find(|c| c.row == r && c.col == label_col && !c.is_header)
                .map(|c| c.text.as_str())
        };
        let amount_at = |r: usize| {
            t.cells
                .iter()
                .find(|c| c.row == r && c.col == amount_col)
                .and_then(|c| parse_amount(&c.text))
                .and_then(Amount::value)
                .filter(|v| !v.is_zero())
        };
        // The classes stand in one block next to the total: below a heading
        // row (一、本年支出 | 3,390.40 then （一）…), or above a closing row
        // (…支出 rows then 本年支出合计). The block ends at the first row that
        // is not a class; when that row prints an amount and is not the
        // next section (二、年终结转结余) or the header, the layout may have
        // misplaced a class, and no sum is claimed.
        let block = |rows: &mut dyn Iterator<Item = usize>| {
            let mut found = Vec::new();
            let mut stop = None;
            for r in rows {
                match label_of(r) {
                    Some(l) if is_class(l, &classes) => found.push(r),
                    Some(l) if l.trim().is_empty() && amount_at(r).is_none() => {}
                    None if amount_at(r).is_none() => {}
                    _ => {
                        stop = Some(r);
                        break;
                    }
                }
            }
            let unplaced = stop.is_some_and(|r| {
                amount_at(r).is_some() && !label_of(r).is_some_and(|l| top_numbered(l.trim()))
            });
            (found, unplaced)
        };
        let (below, below_unplaced) = block(&mut (total_row + 1..t.n_rows()));
        let (above, above_unplaced) = block(&mut (t.header_rows..total_row).rev());
        let (class_rows, unplaced) = if below.len() >= above.len() {
            (below, below_unplaced)
        } else {
            (above, above_unplaced)
        };
        let terms: Vec<Figure> = class_rows
            .iter()
            .filter_map(|&r| super::figure::blank_is_zero(t, r, amount_col))
            .collect();
        if unplaced {
            out.push(CheckResult::skipped(
                "T12",
                &format!(
                    "{}: a row next to the classes of 本年支出 is not a function class; the classes are not summed",
                    t.title
                ),
            ));
        } else if terms.len() >= 2 {
            out.push(compare(
                "T12",
                &format!("{}: 本年支出 = sum of its {} classes", t.title, terms.len()),
                &total,
                &terms,
                "类合计",
            ));
        }
        // Each row's 合计 = the sum of its fund columns.
        let fund_cols: Vec<usize> = (amount_col + 1..t.n_cols)
            .filter(|&c| {
                t.columns.get(c).is_some_and(|h| {
                    let last = normalize_label(h.rsplit('/').next().unwrap_or(h));
                    crate::normalize::label::scope_in(&last).flatten().is_some()
                })
            })
            .collect();
        if fund_cols.len() >= 2 {
            let mut worst: Option<CheckResult> = None;
            for r in std::iter::once(total_row).chain(class_rows.iter().copied()) {
                let Some(actual) = cell_value(t, r, amount_col) else {
                    continue;
                };
                let terms: Option<Vec<Figure>> = fund_cols
                    .iter()
                    .map(|&c| super::figure::blank_is_zero(t, r, c))
                    .collect();
                let Some(terms) = terms else { continue };
                let label = t
                    .cells
                    .iter()
                    .find(|c| c.row == r && c.col == label_col)
                    .map(|c| c.text.trim().to_string())
                    .unwrap_or_default();
                let res = compare(
                    "T12",
                    &format!("{} {label}: 合计 = sum of the fund columns", t.title),
                    &actual,
                    &terms,
                    "各资金合计",
                );
                super::figure::keep_worst(&mut worst, res);
            }
            out.extend(worst);
        }
    }
    or_skipped(out, "T12", "no 财政拨款收支总表 listing its classes or funds")
}
