//! Line items: every amount of a classified table (支出总表, 一般公共预算支出表,
//! 基本支出表 …) with its full 政府收支分类科目 code, the subject's official
//! name and the column it stands in.
//!
//! Codes come printed three ways, all handled:
//! - whole, in one column (`2080101`);
//! - split over 类 | 款 | 项 columns (`208 | 01 | 01`; 烟台 prints only the
//!   row's own part: `01 行政运行` under the 款 row `05`);
//! - shortened in one column (西安 prints 款 `10` under 类 `201`): the level
//!   is resolved with the code list, else by position;
//! - inside the name cell, with no code column (`[2080101]行政运行`,
//!   `【201】一般公共服务支出`, `2080101 行政运行`, `2080101行政运行`): the
//!   code is split off and the name is the rest.
//!
//! - not at all (杭州 prints names only, indented by level): each name is
//!   looked up in the code list as a 项 of the current 款, else a 款 of the
//!   current 类, else a 类, and the row says so
//!   (`code_source = resolved_by_name`).
//!
//! A printed code not in the code list is kept as printed; a name that
//! contradicts the list is kept as printed too and flagged.

use rust_decimal::Decimal;
use serde::Serialize;

use super::metadata::Metadata;
use super::tables::DocTable;
use crate::normalize::code::{Classification, CodeList};
use crate::normalize::label::compact;
use crate::normalize::label::{self, Concept, normalize_label};
use crate::normalize::number::{Amount, parse_amount};
use crate::normalize::unit::to_yuan;

/// One amount of a classified table.
#[derive(Debug, Clone, Serialize)]
pub struct LineItem {
    pub table_id: String,
    pub table_kind: &'static str,
    /// Full code, digits only (3/5/7), or as printed when it cannot be
    /// completed.
    pub code: String,
    /// The official name where the code is known, else as printed.
    pub name: String,
    /// The name as printed.
    pub printed_name: String,
    /// The printed name contradicts the code list's names for this code.
    pub name_mismatch: bool,
    /// Header path of the amount column.
    pub column: String,
    pub value: Decimal,
    pub unit: &'static str,
    pub page: usize,
    /// 0-based body row in the table.
    pub row: usize,
    /// The unit whose figures these are, where a table prints its
    /// department's figures and then each unit's (西安: a row `125004
    /// 西安市安全生产应急救援中心` heads that unit's rows); empty for the
    /// department's own figures.
    pub entity: String,
    /// A second classification printed beside the code on the same row
    /// (烟台: 部门预算 经济分类 301 beside 政府预算 经济分类 501): its code,
    /// completed like `code`; empty when the table prints one.
    pub parallel_code: String,
    /// Where the code came from: [`CODE_PRINTED`], [`CODE_COMPLETED`] or
    /// [`CODE_RESOLVED_BY_NAME`].
    pub code_source: &'static str,
    /// Rows of this item's table that print no code and whose names the
    /// code list does not know, so they give no line item: the table's
    /// items do not add up to its totals (the subtotal checks skip it).
    #[serde(skip)]
    pub unresolved_rows: usize,
}

/// The row prints its whole code (in one cell, split over 类|款|项 cells,
/// or in the name cell).
pub const CODE_PRINTED: &str = "printed";
/// The row prints only the last digits of its code (`05` under 类 `208`):
/// the rest comes from the rows above.
pub const CODE_COMPLETED: &str = "completed";
/// The row prints no code: it was found from the name and the rows above
/// it in `data/subject_codes.csv`.
pub const CODE_RESOLVED_BY_NAME: &str = "resolved_by_name";

fn digits(t: &str) -> Option<String> {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    (!t.is_empty() && t.len() <= 9 && t.chars().all(|c| c.is_ascii_digit())).then_some(t)
}

/// A name cell that prints its code in front of the name: `[2080101]行政运行`,
/// `【201】一般公共服务支出`, `(20801)人力资源…`, `2080101 行政运行`,
/// `2080101行政运行`, `2050803-培训支出` → (code, name). The code is 3, 5 or 7 digits (a
/// subject) or 6 (a 预算单位's code in a per-unit table); the name must
/// start with a CJK character, so `2026年预算数` or `301.5` are not split.
fn code_in_name(text: &str) -> Option<(String, String)> {
    let t = text.trim();
    let (open, rest) = match t.chars().next()? {
        c @ ('[' | '【' | '(' | '（' | '〔' | '［') => (Some(c), &t[c.len_utf8()..]),
        _ => (None, t),
    };
    let rest = rest.trim_start();
    let n = rest.chars().take_while(char::is_ascii_digit).count();
    if !matches!(n, 3 | 5 | 6 | 7) {
        return None;
    }
    let code = rest[..n].to_string();
    let mut after = rest[n..].trim_start();
    // 北京: `2050803-培训支出`, `30216-培训费`.
    if open.is_none()
        && let Some(c) = after
            .chars()
            .next()
            .filter(|c| matches!(c, '-' | '－' | '—' | '–'))
    {
        after = after[c.len_utf8()..].trim_start();
    }
    if let Some(o) = open {
        let close = match o {
            '[' => ']',
            '【' => '】',
            '(' | '（' => ')',
            '〔' => '〕',
            _ => '］',
        };
        let c = after.chars().next()?;
        // `(` may close with `）` and the other way round.
        let closes = c == close || (matches!(o, '(' | '（') && matches!(c, ')' | '）'));
        if !closes {
            return None;
        }
        after = after[c.len_utf8()..].trim_start();
    }
    let name = compact(after);
    name.chars()
        .next()
        .is_some_and(crate::normalize::label::is_cjk)
        .then_some((code, name))
}

/// The roles of a group of columns: code column(s), the name column and
/// the amount columns after it.
struct Columns {
    /// Code columns, left to right (one, or 类/款/项).
    code: Vec<usize>,
    /// Code columns of a parallel classification printed before the
    /// amounts (烟台's 政府预算 经济分类 beside the 部门预算 one).
    parallel: Vec<usize>,
    name: Option<usize>,
    amounts: Vec<usize>,
    /// The codes are printed inside the name cells (no code column):
    /// `code` is the name column itself.
    embedded: bool,
}

/// Column groups of a classified table. Usually one; a wide table printed
/// as blocks side by side (人员经费 编码|名称|金额 | 公用经费 编码|名称|金额)
/// has one per block. A second code|name pair before any amount is a
/// parallel classification (烟台 prints 部门预算 and 政府预算 经济分类 side by
/// side) and is skipped.
fn classify_columns(t: &DocTable) -> Vec<Columns> {
    let body: Vec<_> = t.body_cells().collect();
    let header = |c: usize| normalize_label(t.columns.get(c).map(String::as_str).unwrap_or(""));
    let mut groups: Vec<Columns> = Vec::new();
    for c in 0..t.n_cols {
        let cells = column_texts(&body, c);
        if cells.is_empty() {
            continue;
        }
        let h = header(c);
        let codes = cells
            .iter()
            .filter(|s| digits(s).is_some_and(|d| d.len() <= 7 && !s.contains('.')))
            .count();
        let is_code_header = label::is(Concept::CodeColumn, &h);
        let is_code = (is_code_header || codes * 10 >= cells.len() * 8) && codes > 0;
        let numeric = numeric_cells(&cells);
        let amount_like = is_amount_column(numeric, cells.len(), &h);
        // Names that print their codes (most rows; a 合计 row does not).
        let coded_names = cells.iter().filter(|s| code_in_name(s).is_some()).count();
        let is_coded_name = coded_names * 2 >= cells.len() && coded_names > 0;
        let open_name = groups.last().is_none_or(|g| g.name.is_some());
        match groups.last_mut() {
            Some(g) if is_code && g.name.is_none() => g.code.push(c),
            // A parallel classification before any amount: skipped.
            Some(g) if is_code && g.amounts.is_empty() => g.parallel.push(c),
            // After amounts, only a column headed as codes starts a new
            // block: an amount column of whole numbers (0, 7, 3082) looks
            // like codes by content alone.
            Some(g) if is_code && !is_code_header && !g.amounts.is_empty() && amount_like => {
                g.amounts.push(c)
            }
            _ if is_code => groups.push(Columns {
                code: vec![c],
                parallel: Vec::new(),
                name: None,
                amounts: Vec::new(),
                embedded: false,
            }),
            // A second (third) classification printing its codes in its
            // names before any amount (北京: `2120101-行政运行 | 50101-工资奖金津补贴
            // | 30101-基本工资`): parallel, as for code columns.
            Some(g) if is_coded_name && g.name.is_some() && g.amounts.is_empty() => g.parallel.push(c),
            // A name column printing the codes, with no code column before
            // it (or after the amounts of a previous block): its own group.
            _ if is_coded_name && open_name => groups.push(Columns {
                code: vec![c],
                parallel: Vec::new(),
                name: Some(c),
                amounts: Vec::new(),
                embedded: true,
            }),
            Some(g) if g.name.is_none() && numeric * 2 < cells.len() => g.name = Some(c),
            Some(g) if g.name.is_some() && amount_like => g.amounts.push(c),
            _ => {}
        }
    }
    groups.retain(|g| !g.code.is_empty() && g.name.is_some() && !g.amounts.is_empty());
    if groups.is_empty() {
        groups.extend(names_only(t, &body));
    }
    groups
}

/// A table that prints no codes at all (杭州: `一般公共服务支出` / ` 社会工作事务`
/// / `  其他社会工作事务支出`): the name column is the first column that
/// names a 类 of the code list (支出功能分类 or 经济分类), the amounts the
/// columns after it that hold figures.
fn names_only(t: &DocTable, body: &[&super::tables::DocCell]) -> Option<Columns> {
    let list = CodeList::get();
    let header = |c: usize| normalize_label(t.columns.get(c).map(String::as_str).unwrap_or(""));
    let name = (0..t.n_cols).find(|&c| column_texts(body, c).iter().any(|s| list.is_class_name(s)))?;
    let amounts: Vec<usize> = (name + 1..t.n_cols)
        .filter(|&c| {
            let cells = column_texts(body, c);
            is_amount_column(numeric_cells(&cells), cells.len(), &header(c))
        })
        .collect();
    (!amounts.is_empty()).then_some(Columns {
        code: Vec::new(),
        parallel: Vec::new(),
        name: Some(name),
        amounts,
        embedded: false,
    })
}

/// The non-blank texts of a column's single-column body cells.
fn column_texts<'a>(body: &[&'a super::tables::DocCell], c: usize) -> Vec<&'a str> {
    body.iter()
        .filter(|x| x.col == c && x.colspan == 1)
        .map(|x| x.text.as_str())
        .filter(|s| !s.trim().is_empty())
        .collect()
}

/// How many of a column's texts are figures or dashes.
fn numeric_cells(cells: &[&str]) -> usize {
    cells
        .iter()
        .filter(|s| matches!(parse_amount(s), Some(Amount::Value(_)) | Some(Amount::Dash)))
        .count()
}

/// Whether a column of `n` texts, `numeric` of them figures, under the
/// normalised `header` holds amounts: at least 60% figures, and no count
/// column (人数, 车辆数).
fn is_amount_column(numeric: usize, n: usize, header: &str) -> bool {
    n > 0 && numeric * 10 >= n * 6 && !label::is(Concept::CountColumn, header)
}

/// The code of a row that prints none, from its name and the codes of the
/// rows above (`current`, as in [`complete_code`]): a 项 of the current 款,
/// else a 款 of the current 类, else a 类 (of the classification of the
/// table's first 类, once one is found). A name the list does not know may
/// be a 款 whose 项 follow: it is the 款 of the first 项 below it that
/// names one 款 of the current 类 (`below`, see [`kuan_named_below`]),
/// unless that is the current 款 (then the row is an unknown 项 of it);
/// else the current 款 is forgotten, so the next `行政运行` is not taken for
/// the previous 款's.
fn code_of_name_in_order(
    name: &str,
    current: &mut [String; 3],
    classification: &mut Option<Classification>,
    year: Option<i32>,
    lists: &[&CodeList],
    below: impl FnOnce(&str, Option<Classification>) -> Option<String>,
) -> Option<String> {
    let find = |parent: &str| {
        lists
            .iter()
            .find_map(|l| l.code_of_name_in(name, parent, year, *classification))
    };
    if !current[1].is_empty()
        && let Some(e) = find(&current[1])
    {
        current[2] = e.code.clone();
        return Some(e.code.clone());
    }
    if !current[0].is_empty()
        && let Some(e) = find(&current[0])
    {
        current[1] = e.code.clone();
        current[2].clear();
        return Some(e.code.clone());
    }
    if let Some(e) = find("") {
        *classification = Some(e.classification);
        *current = [e.code.clone(), String::new(), String::new()];
        return Some(e.code.clone());
    }
    current[2].clear();
    if !current[0].is_empty()
        && let Some(kuan) = below(&current[0], *classification)
    {
        // The 项 below are the current 款's: this row is a 项 the list
        // does not know, not a new 款.
        if kuan == current[1] {
            return None;
        }
        current[1] = kuan.clone();
        return Some(kuan);
    }
    current[1].clear();
    None
}

/// The 款 that the rows after an unknown name show it to be: reading the
/// names below in order, the first that is a 项 of exactly one 款 of the
/// 类 `class`. The search ends, with nothing, at a name that is a 款 of
/// that 类 or a 类 (the unknown row's 项 are over) or at a name the list
/// does not know at all (it may be another unknown 款); a name that is a
/// 项 of several 款 (行政运行) is passed over.
fn kuan_named_below<'a>(
    names: impl Iterator<Item = &'a str>,
    class: &str,
    classification: Option<Classification>,
    year: Option<i32>,
    lists: &[&CodeList],
) -> Option<String> {
    for name in names {
        let key = normalize_label(name);
        if key.is_empty() || label::is(Concept::TotalRow, &key) {
            continue;
        }
        let known_here = |parent: &str| {
            lists
                .iter()
                .any(|l| l.code_of_name_in(name, parent, year, classification).is_some())
        };
        if known_here(class) || known_here("") {
            return None;
        }
        if let Some(kuan) = lists
            .iter()
            .find_map(|l| l.kuan_of_item_in(name, class, classification))
        {
            return Some(kuan.to_string());
        }
        if !lists.iter().any(|l| l.knows_name(name)) {
            return None;
        }
    }
    None
}

/// Completes the code of a row from the printed pieces and the codes of
/// the rows above (`current` holds the last 类, 款 and 项).
fn complete_code(pieces: &[Option<String>], current: &mut [String; 3], list: &CodeList) -> Option<String> {
    if pieces.len() >= 2 {
        // 类 | 款 | 项 columns: each row prints its own part (or the whole).
        for (level, piece) in pieces.iter().enumerate().take(3) {
            let Some(p) = piece else { continue };
            let full = match (level, p.len()) {
                (_, 3) | (_, 5) | (_, 7) if p.len() == 3 + 2 * level => p.clone(),
                (0, _) => p.clone(),
                (l, 2) => format!("{}{}", current[l - 1], p),
                _ => p.clone(),
            };
            current[level] = full.clone();
            for c in current.iter_mut().skip(level + 1) {
                c.clear();
            }
            // The deepest printed piece is the row's code.
            if pieces.iter().skip(level + 1).all(Option::is_none) {
                return Some(full);
            }
        }
        return None;
    }
    let p = pieces.first()?.as_ref()?;
    match p.len() {
        3 => {
            *current = [p.clone(), String::new(), String::new()];
            Some(p.clone())
        }
        5 => {
            current[0] = p[..3].to_string();
            current[1] = p.clone();
            current[2].clear();
            Some(p.clone())
        }
        7 => {
            current[0] = p[..3].to_string();
            current[1] = p[..5].to_string();
            current[2] = p.clone();
            Some(p.clone())
        }
        2 => {
            // Shortened code: a 项 under the current 款 or a 款 under the
            // current 类. The code list decides when it knows either; else
            // a 项 when there is a 款 to hang it on (a 款 is followed by its
            // 项), a 款 when there is only a 类.
            let as_xiang = (!current[1].is_empty()).then(|| format!("{}{}", current[1], p));
            let as_kuan = (!current[0].is_empty()).then(|| format!("{}{}", current[0], p));
            let kuan_known = as_kuan.as_ref().is_some_and(|k| list.contains(k));
            let xiang_known = as_xiang.as_ref().is_some_and(|x| list.contains(x));
            let xiang = match (&as_xiang, xiang_known, kuan_known) {
                (Some(x), true, _) => Some(x.clone()),
                (Some(x), false, false) => Some(x.clone()),
                _ => None,
            };
            if let Some(x) = xiang {
                current[2] = x.clone();
                return Some(x);
            }
            let k = as_kuan?;
            current[1] = k.clone();
            current[2].clear();
            Some(k)
        }
        _ => Some(p.clone()),
    }
}

/// The line items of one document's classified tables.
pub fn line_items(tables: &[DocTable], meta: &Metadata) -> Vec<LineItem> {
    let list = CodeList::get();
    let default_unit = super::facts::default_unit(tables);
    let groups: Vec<(&DocTable, crate::normalize::unit::MoneyUnit, Columns)> = tables
        .iter()
        .filter(|t| t.kind.is_classified() && !t.empty)
        .filter_map(|t| Some((t, t.unit.or(default_unit)?)))
        .flat_map(|(t, unit)| classify_columns(t).into_iter().map(move |cols| (t, unit, cols)))
        .collect();
    let names_only = |cols: &Columns| cols.code.is_empty() && !cols.embedded;
    // First the tables that print codes; the codes they print beside a
    // name are the document's own list, which names the rows of its
    // tables that print none before the shipped list does.
    let mut items: Vec<Vec<LineItem>> = vec![Vec::new(); groups.len()];
    for ((t, unit, cols), out) in groups.iter().zip(items.iter_mut()) {
        if !names_only(cols) {
            table_items(t, cols, *unit, meta, &[list], out);
        }
    }
    let printed = items
        .iter()
        .flatten()
        .filter(|l| l.code_source != CODE_RESOLVED_BY_NAME)
        .map(|l| (l.code.as_str(), l.printed_name.as_str()));
    let own = CodeList::from_document(printed, meta.year);
    for ((t, unit, cols), out) in groups.iter().zip(items.iter_mut()) {
        if names_only(cols) {
            table_items(t, cols, *unit, meta, &[&own, list], out);
        }
    }
    items.into_iter().flatten().collect()
}

/// The line items of one column group of a table. `lists`: the code
/// lists that name rows printing no code, first to last (the document's
/// own, then the shipped one, which is last).
fn table_items(
    t: &DocTable,
    cols: &Columns,
    unit: crate::normalize::unit::MoneyUnit,
    meta: &Metadata,
    lists: &[&CodeList],
    out: &mut Vec<LineItem>,
) {
    let Some(&list) = lists.last() else { return };
    {
        let mut current: [String; 3] = Default::default();
        let mut parallel_current: [String; 3] = Default::default();
        let mut entity = String::new();
        let names_only = cols.code.is_empty();
        let mut classification = None;
        let mut unresolved = 0usize;
        let first_item = out.len();
        let n_rows = t.n_rows();
        // 西安 prints 款 as 2 digits and 项 in full (201 | 10 | 2011007): in a
        // column that holds full 7-digit codes, a 2-digit code is a 款.
        let full_xiang = cols.code.len() == 1
            && t.cells.iter().any(|c| {
                c.col == cols.code[0] && !c.is_header && digits(&c.text).is_some_and(|d| d.len() == 7)
            });
        for row in t.header_rows..n_rows {
            let cell = |c: usize| {
                t.cells
                    .iter()
                    .find(|x| x.row == row && x.col == c && !x.is_header)
            };
            let (pieces, printed_name): (Vec<Option<String>>, String) = if cols.embedded {
                let text = cols.name.and_then(cell).map(|x| x.text.as_str()).unwrap_or("");
                match code_in_name(text) {
                    Some((code, name)) => (vec![Some(code)], name),
                    None => (vec![None], compact(text)),
                }
            } else {
                let pieces: Vec<Option<String>> = cols
                    .code
                    .iter()
                    .map(|&c| cell(c).and_then(|x| digits(&x.text)))
                    .collect();
                let text = cols.name.and_then(cell).map(|x| x.text.as_str()).unwrap_or("");
                // A name that prints its code too: the code column wins,
                // the name is the rest.
                match code_in_name(text) {
                    Some((code, name)) if pieces.iter().all(Option::is_none) => (vec![Some(code)], name),
                    Some((_, name)) => (pieces, name),
                    None => (pieces, compact(text)),
                }
            };
            // A unit's heading row (a 6-digit unit code and a body's name):
            // the rows under it are that unit's.
            if let [Some(p)] = pieces.as_slice()
                && p.len() == 6
                && list.name_fits(p, &printed_name).is_none()
                && crate::extract::metadata::looks_like_org(&printed_name)
            {
                entity = printed_name.clone();
                current = Default::default();
                continue;
            }
            // Parallel codes printed inside names: one per column, each a
            // classification of its own; the last one printed is kept
            // (北京: the 部门 经济分类 after the 政府 one).
            let parallel_pieces: Vec<Option<String>> = if cols.embedded {
                let named: Vec<String> = cols
                    .parallel
                    .iter()
                    .filter_map(|&c| cell(c).and_then(|x| code_in_name(&x.text)).map(|(code, _)| code))
                    .collect();
                vec![named.last().cloned()]
            } else {
                cols.parallel
                    .iter()
                    .map(|&c| cell(c).and_then(|x| digits(&x.text)))
                    .collect()
            };
            let parallel_code = if parallel_pieces.iter().any(Option::is_some) {
                complete_code(&parallel_pieces, &mut parallel_current, list).unwrap_or_default()
            } else {
                String::new()
            };
            let code = if pieces.iter().any(Option::is_some) {
                if full_xiang
                    && let [Some(p)] = pieces.as_slice()
                    && p.len() == 2
                    && !current[0].is_empty()
                {
                    current[1] = format!("{}{}", current[0], p);
                    current[2].clear();
                    Some(current[1].clone())
                } else {
                    complete_code(&pieces, &mut current, list)
                }
            } else {
                // No code printed: a 合计 row, or a subject implied by its
                // name under the current 款/类.
                let parent = if !current[1].is_empty() {
                    Some(current[1].as_str())
                } else if !current[0].is_empty() {
                    Some(current[0].as_str())
                } else {
                    None
                };
                let key = normalize_label(&printed_name);
                if key.is_empty() || label::is(Concept::TotalRow, &key) {
                    None
                } else if names_only {
                    let names_below = (row + 1..n_rows).map(|r| {
                        cols.name
                            .and_then(|c| t.cells.iter().find(|x| x.row == r && x.col == c && !x.is_header))
                            .map_or("", |x| x.text.as_str())
                    });
                    let found = code_of_name_in_order(
                        &printed_name,
                        &mut current,
                        &mut classification,
                        meta.year,
                        lists,
                        |class, classification| {
                            kuan_named_below(names_below, class, classification, meta.year, lists)
                        },
                    );
                    // A name with figures that the list does not know: the
                    // table's rows are incomplete.
                    if found.is_none()
                        && cols
                            .amounts
                            .iter()
                            .any(|&c| cell(c).is_some_and(|x| parse_amount(&x.text).is_some()))
                    {
                        unresolved += 1;
                    }
                    found
                } else {
                    list.code_of_name(&printed_name, parent).map(str::to_string)
                }
            };
            let Some(code) = code else { continue };
            let code_source = if !pieces.iter().any(Option::is_some) {
                CODE_RESOLVED_BY_NAME
            } else if pieces.iter().flatten().any(|p| *p == code)
                || pieces.iter().flatten().map(String::as_str).collect::<String>() == code
            {
                CODE_PRINTED
            } else {
                CODE_COMPLETED
            };
            let page = cell(cols.name.unwrap_or(0))
                .map(|x| x.page)
                .or_else(|| t.pages.first().copied())
                .unwrap_or(1);
            let name_fits = list.name_fits(&code, &printed_name);
            let name = match name_fits {
                Some(true) => list
                    .official_name(&code, meta.year)
                    .unwrap_or(&printed_name)
                    .to_string(),
                _ => printed_name.clone(),
            };
            for &c in &cols.amounts {
                let Some(x) = cell(c) else { continue };
                let Some(v) = parse_amount(&x.text).and_then(Amount::value) else {
                    continue;
                };
                out.push(LineItem {
                    table_id: t.id.clone(),
                    table_kind: t.kind.as_str(),
                    code: code.clone(),
                    name: name.clone(),
                    printed_name: printed_name.clone(),
                    name_mismatch: name_fits == Some(false),
                    column: t.columns.get(c).cloned().unwrap_or_default(),
                    value: to_yuan(v, unit),
                    unit: "yuan",
                    page,
                    row: row - t.header_rows,
                    entity: entity.clone(),
                    parallel_code: parallel_code.clone(),
                    code_source,
                    unresolved_rows: 0,
                });
            }
        }
        for l in &mut out[first_item..] {
            l.unresolved_rows = unresolved;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::kinds::TableKind;

    /// A one-page table of one header row.
    fn table(kind: TableKind, header: &[&str], rows: &[&[&str]]) -> DocTable {
        crate::extract::tables::test_table(kind, header, rows)
    }

    /// 杭州: no codes at all. Each name is a 项 of the current 款, a 款 of
    /// the current 类 or a 类, by the code list: the year picks between
    /// two codes of one name (其他社会保障缴费: 30104 in 2017, 30112 from
    /// 2018), the table's first 类 between two classifications
    /// (对个人和家庭的补助: 303, not 政府预算 509).
    #[test]
    fn names_alone_give_codes_by_the_hierarchy() {
        let t = table(
            TableKind::GeneralBudgetBasic,
            &["经济分类科目名称", "合计"],
            &[
                &["合计", "40.00"],
                &["工资福利支出", "20.00"],
                &["其他社会保障缴费", "20.00"],
                &["对个人和家庭的补助", "20.00"],
                &["离休费", "20.00"],
            ],
        );
        let meta = Metadata {
            year: Some(2026),
            ..Metadata::default()
        };
        let items = line_items(&[t], &meta);
        let got: Vec<(&str, &str)> = items.iter().map(|i| (i.code.as_str(), i.code_source)).collect();
        assert_eq!(
            got,
            [
                ("301", CODE_RESOLVED_BY_NAME),
                ("30112", CODE_RESOLVED_BY_NAME),
                ("303", CODE_RESOLVED_BY_NAME),
                ("30301", CODE_RESOLVED_BY_NAME),
            ]
        );
        assert!(items.iter().all(|i| i.unresolved_rows == 0));
    }

    /// A name the list does not know (a 款 `司法`) drops the current 款:
    /// the `行政运行` under it is not the previous 款's 2040401, and the
    /// table is marked incomplete.
    #[test]
    fn an_unknown_name_is_not_hung_on_the_previous_subject() {
        let t = table(
            TableKind::GeneralBudgetExpenditure,
            &["功能分类科目名称", "合计"],
            &[
                &["公共安全支出", "30.00"],
                &["检察", "10.00"],
                &["行政运行", "10.00"],
                &["无此款名", "20.00"],
                &["行政运行", "20.00"],
            ],
        );
        let items = line_items(&[t], &Metadata::default());
        let got: Vec<&str> = items.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(got, ["204", "20404", "2040401"]);
        assert!(items.iter().all(|i| i.unresolved_rows == 2));
    }

    /// A 款 the list does not know (就业补助) is named by the first 项
    /// below it that is a 项 of one 款 of the 类 (职业培训补贴 → 20807);
    /// `行政运行`, a 项 of many 款, does not decide. A name whose 项 below
    /// are the current 款's is an unknown 项 of it: no code, and the 款
    /// goes on for the rows after it.
    #[test]
    fn an_unknown_kuan_is_named_by_its_items() {
        let t = table(
            TableKind::GeneralBudgetExpenditure,
            &["功能分类科目名称", "合计"],
            &[
                &["社会保障和就业支出", "60.00"],
                &["就业补助", "10.00"],
                &["职业培训补贴", "10.00"],
                &["人力资源和社会保障管理事务", "50.00"],
                &["行政运行", "20.00"],
                &["无此项名", "10.00"],
                &["劳动保障监察", "20.00"],
            ],
        );
        let meta = Metadata {
            year: Some(2020),
            ..Metadata::default()
        };
        let items = line_items(&[t], &meta);
        let got: Vec<&str> = items.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(got, ["208", "20807", "2080702", "20801", "2080101", "2080105"]);
        assert!(items.iter().all(|i| i.unresolved_rows == 1));
    }

    /// A table that prints no codes is named first by the codes the same
    /// document prints beside those names in another table (国防支出 203,
    /// in no shipped list here), then by the shipped list.
    #[test]
    fn the_documents_own_codes_name_its_code_less_tables() {
        let coded = table(
            TableKind::Expenditure,
            &["科目编码", "科目名称", "合计"],
            &[
                &["203", "国防支出", "26.00"],
                &["20399", "其他国防支出", "26.00"],
                &["2039901", "其他国防支出", "26.00"],
            ],
        );
        let names_only = table(
            TableKind::GeneralBudgetExpenditure,
            &["科目名称", "合计"],
            &[
                &["国防支出", "26.00"],
                &["其他国防支出", "26.00"],
                &["其他国防支出", "26.00"],
                &["社会保障和就业支出", "10.00"],
                &["人力资源和社会保障管理事务", "10.00"],
                &["行政运行", "10.00"],
            ],
        );
        let meta = Metadata {
            year: Some(2025),
            ..Metadata::default()
        };
        let items = line_items(&[names_only.clone(), coded], &meta);
        let got: Vec<(&str, &str)> = items
            .iter()
            .filter(|i| i.table_kind == names_only.kind.as_str())
            .map(|i| (i.code.as_str(), i.code_source))
            .collect();
        let by_name = CODE_RESOLVED_BY_NAME;
        assert_eq!(
            got,
            [
                ("203", by_name),
                ("20399", by_name),
                ("2039901", by_name),
                ("208", by_name),
                ("20801", by_name),
                ("2080101", by_name)
            ]
        );
        // Without the coded table, 国防 is unknown: only 208's rows.
        let alone = line_items(&[names_only], &meta);
        assert_eq!(alone.first().map(|i| i.code.as_str()), Some("208"));
    }

    /// Codes printed in part: `completed`; whole or split over 类|款|项
    /// cells: `printed`.
    #[test]
    fn the_code_source_says_what_was_printed() {
        let t = table(
            TableKind::GeneralBudgetExpenditure,
            &["类", "款", "项", "科目名称", "合计"],
            &[
                &["208", "", "", "社会保障和就业支出", "20.00"],
                &["", "05", "", "行政事业单位养老支出", "20.00"],
                &["208", "05", "05", "机关事业单位基本养老保险缴费支出", "20.00"],
            ],
        );
        let items = line_items(&[t], &Metadata::default());
        let got: Vec<(&str, &str)> = items.iter().map(|i| (i.code.as_str(), i.code_source)).collect();
        assert_eq!(
            got,
            [
                ("208", CODE_PRINTED),
                ("20805", CODE_COMPLETED),
                ("2080505", CODE_PRINTED)
            ]
        );
    }

    /// 西安: the department's rows, then a unit's under its heading row.
    #[test]
    fn a_units_rows_name_the_unit() {
        let t = table(
            TableKind::GeneralBudgetExpenditure,
            &["科目编码", "科目名称", "合计"],
            &[
                &["208", "社会保障和就业支出", "20.00"],
                &["125004", "西安市安全生产应急救援中心", "10.00"],
                &["208", "社会保障和就业支出", "10.00"],
            ],
        );
        let items = line_items(&[t], &Metadata::default());
        let got: Vec<(&str, &str, String)> = items
            .iter()
            .map(|i| (i.code.as_str(), i.entity.as_str(), i.value.to_string()))
            .collect();
        assert_eq!(
            got,
            [
                ("208", "", "200000.00".to_string()),
                ("208", "西安市安全生产应急救援中心", "100000.00".to_string())
            ]
        );
    }

    /// 烟台: 部门预算 and 政府预算 经济分类 side by side; each row keeps both.
    #[test]
    fn a_parallel_classification_is_kept() {
        let t = table(
            TableKind::GeneralBudgetBasic,
            &[
                "科目编码",
                "部门预算支出经济分类科目名称",
                "科目编码",
                "政府预算支出经济分类科目名称",
                "小计",
            ],
            &[
                &["301", "工资福利支出", "501", "机关工资福利支出", "705.28"],
                &["301", "工资福利支出", "505", "对事业单位经常性补助", "746.73"],
            ],
        );
        let items = line_items(&[t], &Metadata::default());
        let got: Vec<(&str, &str)> = items
            .iter()
            .map(|i| (i.code.as_str(), i.parallel_code.as_str()))
            .collect();
        assert_eq!(got, [("301", "501"), ("301", "505")]);
    }

    /// No code column: the name cells print the code in every common form.
    #[test]
    fn codes_inside_the_name_cell() {
        let t = table(
            TableKind::Expenditure,
            &["功能分类科目", "合计", "项目支出"],
            &[
                &["合计", "30.00", "30.00"],
                &["[201]一般公共服务支出", "10.00", "10.00"],
                &["【20136】其他共产党事务支出", "10.00", "10.00"],
                &["2013602 一般行政管理事务", "10.00", "10.00"],
                &["208社会保障和就业支出", "20.00", ""],
                &["(20801)人力资源和社会保障管理事务", "20.00", ""],
                &["2080101行政运行", "20.00", ""],
            ],
        );
        let items = line_items(
            &[t],
            &Metadata {
                year: Some(2026),
                ..Metadata::default()
            },
        );
        let got: Vec<(&str, &str, &str)> = items
            .iter()
            .map(|i| (i.code.as_str(), i.printed_name.as_str(), i.column.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("201", "一般公共服务支出", "合计"),
                ("201", "一般公共服务支出", "项目支出"),
                ("20136", "其他共产党事务支出", "合计"),
                ("20136", "其他共产党事务支出", "项目支出"),
                ("2013602", "一般行政管理事务", "合计"),
                ("2013602", "一般行政管理事务", "项目支出"),
                ("208", "社会保障和就业支出", "合计"),
                ("20801", "人力资源和社会保障管理事务", "合计"),
                ("2080101", "行政运行", "合计"),
            ]
        );
        assert!(items.iter().all(|i| !i.name_mismatch), "{items:?}");
    }

    /// What is not a code in front of a name stays a name.
    #[test]
    fn a_year_or_a_number_is_not_a_code() {
        assert_eq!(code_in_name("2026年预算数"), None);
        assert_eq!(code_in_name("[2080101]"), None);
        assert_eq!(code_in_name("12 个"), None);
        assert_eq!(code_in_name("[2080101行政运行"), None);
        assert_eq!(
            code_in_name(" ［126001］ 区人社局 "),
            Some(("126001".to_string(), "区人社局".to_string()))
        );
    }

    fn p(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn split_columns_complete_codes() {
        let list = CodeList::get();
        let mut cur: [String; 3] = Default::default();
        assert_eq!(
            complete_code(&[p("201"), None, None], &mut cur, list).as_deref(),
            Some("201")
        );
        assert_eq!(
            complete_code(&[None, p("05"), None], &mut cur, list).as_deref(),
            Some("20105")
        );
        assert_eq!(
            complete_code(&[None, None, p("01")], &mut cur, list).as_deref(),
            Some("2010501")
        );
        assert_eq!(
            complete_code(&[None, None, p("02")], &mut cur, list).as_deref(),
            Some("2010502")
        );
        assert_eq!(
            complete_code(&[p("208"), p("05"), p("05")], &mut cur, list).as_deref(),
            Some("2080505")
        );
    }

    #[test]
    fn whole_and_shortened_codes() {
        let list = CodeList::get();
        let mut cur: [String; 3] = Default::default();
        assert_eq!(
            complete_code(&[p("2080101")], &mut cur, list).as_deref(),
            Some("2080101")
        );
        assert_eq!(complete_code(&[p("208")], &mut cur, list).as_deref(), Some("208"));
        // 西安: 款 printed as 01 under 208, then its 项 07 (known code).
        assert_eq!(
            complete_code(&[p("01")], &mut cur, list).as_deref(),
            Some("20801")
        );
        assert_eq!(
            complete_code(&[p("07")], &mut cur, list).as_deref(),
            Some("2080107")
        );
    }
}
