//! The one table of check ids. Ids are stable: `checks.csv` users filter on
//! them; a new check gets a new id, a retired one is never reused.

/// `(id, name, what it checks)`.
pub const CHECKS: &[(&str, &str, &str)] = &[
    (
        "T1",
        "income_equals_expenditure",
        "收入总计 = 支出总计 (else 本年收入合计 = 本年支出合计) in the 收支总表",
    ),
    (
        "T2",
        "total_is_basic_plus_project",
        "合计 = 基本支出 + 项目支出 (+ 专项支出 where used), on every row of every table with those columns",
    ),
    (
        "T3",
        "basic_is_personnel_plus_public",
        "基本支出 = 人员经费 + 公用经费, on every row of every table with those columns",
    ),
    (
        "T4",
        "three_public_parts",
        "“三公”经费 = 因公出国(境)费 + 公务用车购置及运行维护费 + 公务接待费",
    ),
    (
        "T5",
        "vehicle_parts",
        "公务用车购置及运行维护费 = 公务用车购置费 + 公务用车运行维护费",
    ),
    (
        "T6",
        "summary_matches_detail",
        "the 一般公共预算 (政府性基金) figure of the 收支总表/财政拨款收支总表 = the total of the 一般公共预算支出表 (政府性基金预算支出表)",
    ),
    (
        "T7",
        "subtotals",
        "each 类 (款) row = the sum of its 款 (项) rows, per amount column of every classified table",
    ),
    (
        "T8",
        "project_table_total",
        "the project table's 合计 = the sum of its project rows",
    ),
    (
        "T9",
        "performance_form_budget",
        "a 绩效目标申报表's 当年预算 = the project table's figure for that project",
    ),
    (
        "T10",
        "personnel_public_across_tables",
        "the 人员经费/公用经费 of the 支出总表 = the 基本支出 table's (where both are of one scope)",
    ),
    (
        "T11",
        "project_table_vs_expenditure",
        "the project table's 合计 = the 项目支出 of the same scope in another table",
    ),
    (
        "T12",
        "fiscal_summary_sums",
        "the 财政拨款收支总表 adds up: 本年支出 = the sum of its function classes, each row's 合计 = its fund columns",
    ),
    (
        "T13",
        "total_rows_per_column",
        "a classified table's 合计 row = the sum of its 类 rows, in every amount column (each period of a multi-period table)",
    ),
    (
        "N1",
        "narrative_matches_table",
        "every narrative statement of a metric = the table's figure for it",
    ),
    (
        "N2",
        "stated_change",
        "a stated year-over-year change = this year's figure − the prior-year figure the document states",
    ),
    (
        "N3",
        "item_headline_vs_body",
        "a narrative item's headline figure (5．住房公积金（2210201）180.50万元) = the amount its body states for the year (2026年预算安排…)",
    ),
    (
        "N4",
        "stated_change_vs_figures",
        "a stated change (增加/减少 X) = the difference of the two figures the same sentence gives; a stated 增长/下降 Y% = the change over the prior figure",
    ),
    (
        "N5",
        "total_change_vs_parts",
        "the stated change of a total = the sum of the stated changes of its parts, where the parts' amounts add up to the total",
    ),
    (
        "N6",
        "stated_shares",
        "a stated share (占X%) = the part's amount over its whole (the figure the list follows, or the parts' sum when the shares add up to 100%)",
    ),
    (
        "N7",
        "absence_claim_vs_table",
        "a statement that the department has no “三公”经费 / 政府性基金 / 运行经费 (data/claims.csv) and no table or sentence printing a non-zero figure for it",
    ),
    (
        "N8",
        "single_fund_claim_vs_tables",
        "a claim that revenue is all 一般公共预算拨款 (均为一般公共预算拨款, data/claims.csv) and no table printing revenue of another source (事业收入, 其他收入, 政府性基金 …)",
    ),
    (
        "N9",
        "narrative_grand_totals",
        "a narrative grand total (收入预算总计, 财政拨款收入支出总计) = the table's",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_sorted_by_family() {
        let ids: Vec<&str> = CHECKS.iter().map(|c| c.0).collect();
        let mut unique = ids.clone();
        unique.dedup();
        assert_eq!(ids, unique);
        assert!(ids.iter().all(|i| i.starts_with('T') || i.starts_with('N')));
    }
}
