//! Header rows and header paths: the rows above the first row holding an
//! amount (a column-index row 栏次 | 1 | 2 … belongs to the header), and
//! for each column the path of the header cells above it
//! (`本年支出/基本支出`).

use super::Cell;
use crate::normalize::label::{self, Concept, compact, normalize_label};
use crate::normalize::number::looks_numeric;

/// Header rows: the rows above the first row holding an amount. A column
/// index row (栏次, 1 2 3 …) belongs to the header. Without any amount (an
/// empty table, an indicator table) the header is the first row and any
/// rows its cells span.
pub(super) fn header_rows(cells: &[Cell], n_rows: usize) -> usize {
    let mut first_numeric = None;
    // The row after the last index row near the top: an empty table's
    // index row (** | ** | 1 | 2 | 3 over a blank 合计 row) is header too.
    let mut after_index = 0;
    for r in 0..n_rows {
        let row: Vec<&Cell> = cells.iter().filter(|c| c.row == r).collect();
        // A percentage alone is no amount: an indicator table's 100% or
        // 95% is body text under a one-row header.
        let numeric: Vec<&str> = row
            .iter()
            .filter(|c| looks_numeric(&c.text) && !c.text.trim_end().ends_with(['%', '％']))
            .map(|c| c.text.as_str())
            .collect();
        if numeric.is_empty() {
            continue;
        }
        let index_row = row
            .iter()
            .any(|c| label::is(Concept::IndexRow, &normalize_label(&c.text)))
            || (numeric.len() >= 3
                && numeric
                    .iter()
                    .enumerate()
                    .all(|(i, t)| t.trim().parse::<usize>().ok() == Some(i + 1)));
        if !index_row {
            first_numeric = Some(r);
            break;
        }
        if r <= 6 {
            after_index = r + 1;
        }
    }
    let first_span = cells
        .iter()
        .filter(|c| c.row == 0)
        .map(|c| c.rowspan)
        .max()
        .unwrap_or(1);
    match first_numeric {
        Some(r) if r <= 6 => r,
        _ => first_span.max(after_index).min(n_rows),
    }
}

/// The header path of every column: the texts of the header cells above
/// it, top to bottom, joined by `/`.
pub(super) fn header_paths(cells: &[Cell], header_rows: usize, n_cols: usize) -> Vec<String> {
    (0..n_cols)
        .map(|col| {
            let mut parts: Vec<String> = Vec::new();
            let mut above: Vec<&Cell> = cells
                .iter()
                .filter(|c| c.row < header_rows && col >= c.col && col < c.col + c.colspan)
                .collect();
            above.sort_by_key(|c| c.row);
            for c in above {
                let t = compact(&c.text);
                if !t.is_empty() && parts.last() != Some(&t) {
                    parts.push(t);
                }
            }
            parts.join("/")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::BBox;

    fn cell(row: usize, col: usize, rowspan: usize, colspan: usize, text: &str) -> Cell {
        Cell {
            row,
            col,
            rowspan,
            colspan,
            text: text.into(),
            bbox: BBox::new(0.0, 0.0, 1.0, 1.0),
        }
    }

    #[test]
    fn multi_level_header_paths() {
        // 项目 (rowspan 2) | 合计 (rowspan 2) | 基本支出 (colspan 2)
        //                                    | 人员 | 公用
        // 合计            | 10.00           | 6.00 | 4.00
        let cells = vec![
            cell(0, 0, 2, 1, "项目"),
            cell(0, 1, 2, 1, "合 计"),
            cell(0, 2, 1, 2, "基本支出"),
            cell(1, 2, 1, 1, "人员"),
            cell(1, 3, 1, 1, "公用"),
            cell(2, 0, 1, 1, "合计"),
            cell(2, 1, 1, 1, "10.00"),
            cell(2, 2, 1, 1, "6.00"),
            cell(2, 3, 1, 1, "4.00"),
        ];
        let hr = header_rows(&cells, 3);
        assert_eq!(hr, 2);
        assert_eq!(
            header_paths(&cells, hr, 4),
            ["项目", "合计", "基本支出/人员", "基本支出/公用"]
        );
    }

    #[test]
    fn index_row_is_header() {
        let cells = vec![
            cell(0, 0, 1, 1, "项目"),
            cell(0, 1, 1, 1, "金额"),
            cell(0, 2, 1, 1, "金额"),
            cell(1, 0, 1, 1, "栏次"),
            cell(1, 1, 1, 1, "1"),
            cell(1, 2, 1, 1, "2"),
            cell(2, 0, 1, 1, "合计"),
            cell(2, 1, 1, 1, "5.00"),
        ];
        assert_eq!(header_rows(&cells, 3), 2);
    }

    /// An empty table (政府性基金 with no data): its index row ** | ** | 1 |
    /// 2 | 3 has no amount row below it and is still header, not body.
    #[test]
    fn index_row_of_an_empty_table_is_header() {
        let cells = vec![
            cell(0, 0, 2, 1, "科目编码"),
            cell(0, 1, 2, 1, "科目名称"),
            cell(0, 2, 1, 3, "本年政府性基金预算支出"),
            cell(1, 2, 1, 1, "合计"),
            cell(1, 3, 1, 1, "基本支出"),
            cell(1, 4, 1, 1, "项目支出"),
            cell(2, 0, 1, 1, "**"),
            cell(2, 1, 1, 1, "**"),
            cell(2, 2, 1, 1, "1"),
            cell(2, 3, 1, 1, "2"),
            cell(2, 4, 1, 1, "3"),
            cell(3, 1, 1, 1, "合计"),
            cell(4, 1, 1, 1, ""),
        ];
        assert_eq!(header_rows(&cells, 5), 3);
    }
}
