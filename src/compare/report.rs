//! Readable forms of a comparison: a Markdown summary (the biggest cuts and
//! rises per department, disagreements, every failed check) and one
//! self-contained HTML page for a newsroom (the same, with bar charts of the
//! main metrics across years drawn as inline SVG: no script, no font or
//! file fetched).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::input::Dataset;
use super::rows::{Compared, Comparison, ItemType, Reason, Row};

/// Metrics charted and tabled for every department: (key, label).
const SPENDING: &[(&str, &str)] = &[
    ("expenditure.total", "支出合计 total"),
    ("expenditure.basic", "基本支出 basic"),
    ("expenditure.project", "项目支出 project"),
];
const THREE_PUBLIC: &[(&str, &str)] = &[
    ("three_public.total", "“三公”经费 total"),
    ("three_public.overseas", "因公出国(境) overseas"),
    ("three_public.vehicles", "公务用车 vehicles"),
    ("three_public.reception", "公务接待 reception"),
];
/// How many rises and cuts a summary lists per department and kind.
const TOP: usize = 5;

/// 万元 with two decimals and thousands separators, as disclosures print.
pub fn wan(yuan: Decimal) -> String {
    let w = (yuan / Decimal::from(10_000)).round_dp(2);
    let s = format!("{:.2}", w.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!(
        "{}{grouped}.{frac}",
        if w.is_sign_negative() && !w.is_zero() {
            "-"
        } else {
            ""
        }
    )
}

fn signed_wan(yuan: Decimal) -> String {
    if yuan > Decimal::ZERO {
        format!("+{}", wan(yuan))
    } else {
        wan(yuan)
    }
}

fn pct(p: Option<Decimal>) -> String {
    match p {
        Some(p) if p > Decimal::ZERO => format!("+{p}%"),
        Some(p) => format!("{p}%"),
        None => "—".into(),
    }
}

/// A department's material for both formats.
struct Summary<'a> {
    name: &'a str,
    level: &'a str,
    docs: Vec<String>,
    rises: Vec<&'a Row>,
    cuts: Vec<&'a Row>,
    by_code: Vec<&'a Row>,
    by_project: Vec<&'a Row>,
    flagged: Vec<&'a Row>,
    /// Changes the document explains by a change of scope (口径调整, 机构改革,
    /// 划转, 合并), with the path of the PDF that says so.
    definition_changes: Vec<(&'a Row, String)>,
    execution: Vec<&'a Row>,
    /// (year, kind, check, page list, message, the PDF's path) of failed
    /// checks: the material findings.
    failed: Vec<Finding>,
    /// The same of differences within the printed rounding (尾差): shown
    /// apart, after the findings, never as an inconsistency.
    rounding: Vec<Finding>,
    /// Years of budget documents, and each main metric's values by year.
    years: Vec<i32>,
    /// Years whose charted figures come from a final account (no budget
    /// that year): labelled 决算 under the bars.
    final_years: Vec<i32>,
    series: BTreeMap<&'static str, BTreeMap<i32, Decimal>>,
}

fn summaries<'a>(c: &'a Compared, ds: &'a Dataset) -> Vec<Summary<'a>> {
    let mut out = Vec::new();
    let mut by_dept: BTreeMap<(&str, &str), Vec<&Row>> = BTreeMap::new();
    for r in &c.rows {
        by_dept
            .entry((r.department.as_str(), r.level.as_str()))
            .or_default()
            .push(r);
    }
    for (dept, name) in &c.names {
        let rows = by_dept
            .get(&(name.as_str(), dept.level.as_str()))
            .cloned()
            .unwrap_or_default();
        let yoy = |t: ItemType| {
            rows.iter().copied().filter(move |r| {
                r.comparison == Comparison::YearOverYear && r.item_type == t && r.change.is_some()
            })
        };
        let mut metric_changes: Vec<&Row> = yoy(ItemType::Metric)
            .filter(|r| r.unit == "yuan" && ranked(&r.item) && !r.change.unwrap_or_default().is_zero())
            .collect();
        // Of one figure under several keys, the department's (unscoped)
        // key first: it is the one listed.
        let scoped = |item: &str| {
            crate::extract::metrics::metrics()
                .get(item)
                .is_some_and(|m| m.scope.is_some())
        };
        metric_changes.sort_by_key(|r| {
            (
                std::cmp::Reverse(r.change.unwrap_or_default().abs()),
                scoped(&r.item),
            )
        });
        // One figure named twice (本年支出合计 = 支出总计 without carry-over,
        // or = the 一般公共预算 total of a single-fund document) is listed
        // once.
        metric_changes.dedup_by(|a, b| a.year == b.year && a.change == b.change && a.value == b.value);
        let rises = metric_changes
            .iter()
            .copied()
            .filter(|r| r.change > Some(Decimal::ZERO))
            .take(TOP)
            .collect();
        let cuts = metric_changes
            .iter()
            .copied()
            .filter(|r| r.change < Some(Decimal::ZERO))
            .take(TOP)
            .collect();
        let largest = |t: ItemType| {
            let mut v: Vec<&Row> = yoy(t)
                .filter(|r| !r.change.unwrap_or_default().is_zero())
                .collect();
            v.sort_by_key(|r| std::cmp::Reverse(r.change.unwrap_or_default().abs()));
            v.truncate(10);
            v
        };
        let flagged = rows.iter().copied().filter(|r| !r.flags.is_empty()).collect();
        let mut definition_changes: Vec<(&Row, String)> = rows
            .iter()
            .copied()
            .filter(|r| r.comparison == Comparison::YearOverYear)
            .filter_map(|r| {
                let reason = r.stated_reason.as_ref()?;
                let path = ds
                    .doc(&reason.doc_id)
                    .map(|d| d.source_path.clone())
                    .unwrap_or_default();
                Some((r, path))
            })
            .collect();
        // One explanation of one figure under several keys is listed once.
        definition_changes.sort_by(|a, b| (a.0.year, &a.0.doc_kind).cmp(&(b.0.year, &b.0.doc_kind)));
        definition_changes.dedup_by(|a, b| {
            a.0.year == b.0.year && a.0.change == b.0.change && a.0.stated_reason == b.0.stated_reason
        });
        let execution = rows
            .iter()
            .copied()
            .filter(|r| r.comparison == Comparison::BudgetVsFinal && r.item_type == ItemType::Metric)
            .filter(|r| SPENDING.iter().chain(THREE_PUBLIC).any(|(k, _)| *k == r.item))
            .collect();
        let docs_of: Vec<_> = c.docs.get(dept).cloned().unwrap_or_default();
        let mut failed = Vec::new();
        let mut rounding = Vec::new();
        for d in &docs_of {
            for ch in ds
                .checks
                .iter()
                .filter(|ch| ch.doc_id == d.doc_id && ch.status == "fail")
            {
                let list = if ch.severity == "rounding" {
                    &mut rounding
                } else {
                    &mut failed
                };
                list.push((
                    d.year.unwrap_or_default(),
                    d.doc_kind.clone(),
                    ch.check.clone(),
                    ch.pages.replace(';', ", "),
                    format!("{} ({})", ch.message, file_name(&d.source_path)),
                    d.source_path.clone(),
                ));
            }
        }
        failed.sort();
        rounding.sort();
        let mut series: BTreeMap<&'static str, BTreeMap<i32, Decimal>> = BTreeMap::new();
        let mut final_years = Vec::new();
        let items = c.series.get(dept);
        for (key, _) in SPENDING.iter().chain(THREE_PUBLIC) {
            if let Some(by_year) = items.and_then(|i| i.get(&(ItemType::Metric, key.to_string()))) {
                for ((y, kind), e) in by_year {
                    if kind == "budget" || !by_year.contains_key(&(*y, "budget".to_string())) {
                        series.entry(key).or_default().insert(*y, e.value);
                        if kind != "budget" {
                            final_years.push(*y);
                        }
                    }
                }
            }
        }
        final_years.sort_unstable();
        final_years.dedup();
        let mut years: Vec<i32> = docs_of.iter().filter_map(|d| d.year).collect();
        years.sort_unstable();
        years.dedup();
        out.push(Summary {
            name,
            level: if dept.level == "unit" {
                "单位 unit"
            } else {
                "部门 department"
            },
            docs: docs_of
                .iter()
                .map(|d| {
                    format!(
                        "{} {} — {}",
                        d.year.map(|y| y.to_string()).unwrap_or_default(),
                        kind_cn(&d.doc_kind),
                        file_name(&d.source_path)
                    )
                })
                .collect(),
            rises,
            cuts,
            by_code: largest(ItemType::LineItem),
            by_project: largest(ItemType::Project),
            flagged,
            definition_changes,
            execution,
            failed,
            rounding,
            years,
            final_years,
            series,
        });
    }
    out
}

/// Metrics the rises and cuts are ranked among: spending, not revenue (the
/// same money seen from the other side) nor totals with carry-over.
fn ranked(metric: &str) -> bool {
    [
        "expenditure.",
        "three_public.",
        "operating_costs",
        "procurement.",
        "meetings",
        "training",
    ]
    .iter()
    .any(|p| metric.starts_with(p))
        && !metric.contains("grand_total")
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn kind_cn(kind: &str) -> &'static str {
    match kind {
        "final_account" => "决算 final account",
        _ => "预算 budget",
    }
}

/// What a definition change is, in both languages.
fn reason_kind(kind: &str) -> String {
    kind.split(';')
        .map(|k| match k {
            "definition" => "口径调整 definition change",
            "reform" => "机构改革 reform",
            "transfer" => "划转 transfer of functions",
            "merger" => "合并 merger",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `stated: 口径调整 definition change — “主要原因是…” (p.12)`.
fn reason_note(r: &Reason) -> String {
    format!("stated: {} — “{}” (p.{})", reason_kind(&r.kind), r.text, r.page)
}

fn change_line(r: &Row) -> String {
    let line = change_figures(r);
    match &r.stated_reason {
        Some(reason) => format!("{line}; {}", reason_note(reason)),
        None => line,
    }
}

/// A change as the definition-change list shows it: computed against the
/// earlier document, or — when the data has none — as the document states it.
fn definition_figures(r: &Row) -> String {
    if r.change.is_some() {
        return change_figures(r);
    }
    let stated = match (r.stated_change, r.stated_change_pct) {
        (Some(a), Some(p)) => format!("{}万元 ({})", signed_wan(a), pct(Some(p))),
        (Some(a), None) => format!("{}万元", signed_wan(a)),
        (None, Some(p)) => pct(Some(p)),
        (None, None) => "—".into(),
    };
    format!(
        "{} {}: {} {}万元, stated change {stated} against the year before (no earlier document compared)",
        r.year,
        kind_cn(&r.doc_kind),
        r.name,
        wan(r.value),
    )
}

fn change_figures(r: &Row) -> String {
    format!(
        "{} {} vs {}: {} {}万元 ({}) — {}万元 → {}万元",
        r.year,
        kind_cn(&r.doc_kind),
        r.base_year.map(|y| y.to_string()).unwrap_or_default(),
        r.name,
        signed_wan(r.change.unwrap_or_default()),
        pct(r.change_pct),
        wan(r.base_value.unwrap_or_default()),
        wan(r.value),
    )
}

/// A flagged row, with the stated definition change when there is one.
fn change_line_flag(r: &Row) -> String {
    match &r.stated_reason {
        Some(reason) => format!("{}; {}", flag_line(r), reason_note(reason)),
        None => flag_line(r),
    }
}

fn flag_line(r: &Row) -> String {
    let stated = match (r.stated_change, r.stated_change_pct) {
        (Some(a), Some(p)) => format!("states {}万元, {}", signed_wan(a), pct(Some(p))),
        (Some(a), None) => format!("states {}万元", signed_wan(a)),
        (None, Some(p)) => format!("states {}", pct(Some(p))),
        (None, None) => String::new(),
    };
    format!(
        "{} {} {}: [{}] {} computed {}万元 ({}) from {} (p.{}) and {} (p.{})",
        r.year,
        kind_cn(&r.doc_kind),
        r.name,
        r.flags.join(", "),
        stated,
        signed_wan(r.change.unwrap_or_default()),
        pct(r.change_pct),
        wan(r.value),
        r.page,
        r.base_value.map(wan).unwrap_or_default(),
        r.base_page.map(|p| p.to_string()).unwrap_or_default(),
    )
}

/// The Markdown summary.
pub fn markdown(c: &Compared, ds: &Dataset) -> String {
    let sums = summaries(c, ds);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# yusuan compare — departments: {}, documents: {}\n",
        sums.len(),
        ds.docs.len()
    );
    s.push_str("Money in 万元. A change is against the latest earlier year's document of the same kind.\n");
    for d in &sums {
        let _ = writeln!(s, "\n## {} ({})\n", d.name, d.level);
        for doc in &d.docs {
            let _ = writeln!(s, "- {doc}");
        }
        if !d.series.is_empty() {
            s.push_str("\n| metric |");
            for y in &d.years {
                let _ = write!(s, " {y} |");
            }
            s.push_str("\n|---|");
            s.push_str(&"---:|".repeat(d.years.len()));
            s.push('\n');
            for (key, label) in SPENDING.iter().chain(THREE_PUBLIC) {
                let Some(values) = d.series.get(key) else { continue };
                let _ = write!(s, "| {label} |");
                for y in &d.years {
                    let _ = write!(s, " {} |", values.get(y).map(|v| wan(*v)).unwrap_or_default());
                }
                s.push('\n');
            }
        }
        for (title, rows) in [("Biggest rises", &d.rises), ("Biggest cuts", &d.cuts)] {
            if !rows.is_empty() {
                let _ = writeln!(s, "\n### {title}\n");
                for r in rows.iter() {
                    let _ = writeln!(s, "- {}", change_line(r));
                }
            }
        }
        for (title, rows) in [
            ("Largest changes by 科目", &d.by_code),
            ("Largest changes by project", &d.by_project),
        ] {
            if !rows.is_empty() {
                let _ = writeln!(s, "\n### {title}\n");
                for r in rows.iter().take(TOP) {
                    let what = if r.item_type == ItemType::LineItem {
                        format!("{} ", r.item)
                    } else {
                        String::new()
                    };
                    let _ = writeln!(s, "- {what}{}", change_line(r));
                }
            }
        }
        if !d.execution.is_empty() {
            s.push_str("\n### Budget vs final account (execution)\n\n");
            for r in &d.execution {
                let _ = writeln!(
                    s,
                    "- {} {}: budget {}万元, final {}万元, {}",
                    r.year,
                    r.name,
                    r.base_value.map(wan).unwrap_or_default(),
                    wan(r.value),
                    r.execution_rate
                        .map(|e| format!("{e}% executed"))
                        .unwrap_or_default()
                );
            }
        }
        if !d.definition_changes.is_empty() {
            s.push_str("\n### Definition changes 口径变化 (the document's own explanation)\n\n");
            for (r, _) in &d.definition_changes {
                if let Some(reason) = &r.stated_reason {
                    let _ = writeln!(s, "- {}; {}", definition_figures(r), reason_note(reason));
                }
            }
        }
        if !d.flagged.is_empty() {
            s.push_str("\n### Flagged\n\n");
            for r in &d.flagged {
                let _ = writeln!(s, "- {}", change_line_flag(r));
            }
        }
        for (list, heading) in [
            (&d.failed, "Failed checks"),
            (
                &d.rounding,
                "Rounding differences 尾差 (within the printed rounding; not inconsistencies)",
            ),
        ] {
            if !list.is_empty() {
                let _ = write!(s, "\n### {heading}\n\n");
                for (year, kind, check, pages, message, _) in list {
                    let _ = writeln!(s, "- {year} {} {check} (p.{pages}): {message}", kind_cn(kind));
                }
            }
        }
    }
    s
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Colours of the chart series (colour-blind safe, Okabe–Ito).
const COLOURS: &[&str] = &["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"];

/// A grouped bar chart of `metrics` across `years`, in 万元.
fn bar_chart(
    title: &str,
    years: &[i32],
    final_years: &[i32],
    metrics: &[(&str, &str)],
    series: &BTreeMap<&str, BTreeMap<i32, Decimal>>,
) -> String {
    let present: Vec<&(&str, &str)> = metrics.iter().filter(|(k, _)| series.contains_key(k)).collect();
    if present.is_empty() || years.is_empty() {
        return String::new();
    }
    let to_f = |v: Decimal| -> f64 {
        (v / Decimal::from(10_000))
            .round_dp(2)
            .to_string()
            .parse()
            .unwrap_or(0.0)
    };
    let max = present
        .iter()
        .flat_map(|(k, _)| series[k].values().map(|v| to_f(*v)))
        .fold(0.0f64, f64::max)
        .max(1.0);
    // A round top for the axis: 1, 2 or 5 × 10^n above the largest bar.
    let magnitude = 10f64.powf(max.log10().floor());
    let top = [1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|t| *t >= max)
        .unwrap_or(max);
    let (w, h, left, bottom, top_pad) = (680.0, 260.0, 70.0, 40.0, 30.0);
    let plot_w = w - left - 20.0;
    let plot_h = h - bottom - top_pad;
    let group_w = plot_w / years.len() as f64;
    let bar_w = (group_w * 0.8 / present.len() as f64).min(40.0);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{t}"><title>{t}</title>"#,
        t = esc(title)
    );
    for i in 0..=4 {
        let v = top * i as f64 / 4.0;
        let y = top_pad + plot_h - plot_h * i as f64 / 4.0;
        let _ = write!(
            s,
            r##"<line x1="{left}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" class="axis" text-anchor="end">{}</text>"##,
            w - 20.0,
            left - 6.0,
            y + 4.0,
            if top >= 100.0 {
                format!("{v:.0}")
            } else {
                format!("{v:.1}")
            }
        );
    }
    for (gi, year) in years.iter().enumerate() {
        let gx = left + group_w * gi as f64 + (group_w - bar_w * present.len() as f64) / 2.0;
        for (si, (key, label)) in present.iter().enumerate() {
            let Some(v) = series[key].get(year) else { continue };
            let value = to_f(*v).max(0.0);
            let bh = plot_h * value / top;
            let x = gx + bar_w * si as f64;
            let y = top_pad + plot_h - bh;
            let _ = write!(
                s,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{bh:.1}" fill="{}"><title>{year} {}: {}万元</title></rect>"#,
                bar_w - 2.0,
                COLOURS[si % COLOURS.len()],
                esc(label),
                wan(*v)
            );
        }
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" class="axis" text-anchor="middle">{year}{}</text>"#,
            left + group_w * (gi as f64 + 0.5),
            h - bottom + 18.0,
            if final_years.contains(year) {
                " 决算"
            } else {
                " 预算"
            }
        );
    }
    let mut lx = left;
    for (si, (_, label)) in present.iter().enumerate() {
        let _ = write!(
            s,
            r#"<rect x="{lx:.1}" y="6" width="12" height="12" fill="{}"/><text x="{:.1}" y="16" class="legend">{}</text>"#,
            COLOURS[si % COLOURS.len()],
            lx + 16.0,
            esc(label)
        );
        // 12px text: about 12px per ideograph, 6.5px per Latin letter.
        let text_w: f64 = label.chars().map(|c| if c.is_ascii() { 6.5 } else { 12.0 }).sum();
        lx += 16.0 + text_w + 18.0;
    }
    let _ = write!(s, "</svg><figcaption>{} (万元)</figcaption></figure>", esc(title));
    s
}

fn change_table(title: &str, rows: &[&Row], what: &str) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut s = format!(
        "<h3>{}</h3><table><thead><tr><th>{what}</th><th>year</th><th>before (万元)</th><th>now (万元)</th><th>change (万元)</th><th>%</th><th>page</th></tr></thead><tbody>",
        esc(title)
    );
    for r in rows {
        let class = if r.change < Some(Decimal::ZERO) {
            "cut"
        } else {
            "rise"
        };
        let item = if r.item_type == ItemType::LineItem {
            format!("{} {}", r.item, r.name)
        } else {
            r.name.clone()
        };
        let note = r
            .stated_reason
            .as_ref()
            .map(|reason| format!("<br><span class=\"muted\">{}</span>", esc(&reason_note(reason))))
            .unwrap_or_default();
        let _ = write!(
            s,
            r#"<tr><td>{}{note}</td><td>{} vs {}</td><td class="n">{}</td><td class="n">{}</td><td class="n {class}">{}</td><td class="n {class}">{}</td><td>p.{}</td></tr>"#,
            esc(&item),
            r.year,
            r.base_year.map(|y| y.to_string()).unwrap_or_default(),
            r.base_value.map(wan).unwrap_or_default(),
            wan(r.value),
            signed_wan(r.change.unwrap_or_default()),
            pct(r.change_pct),
            r.page
        );
    }
    s.push_str("</tbody></table>");
    s
}

const STYLE: &str = "body{font-family:'Noto Sans CJK SC','WenQuanYi Zen Hei','Source Han Sans SC',sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}\
h1{font-size:1.6em}h2{border-bottom:2px solid #0072B2;padding-bottom:.2em;margin-top:2em}\
table{border-collapse:collapse;margin:.5em 0 1em;font-size:.9em}th,td{border:1px solid #ccc;padding:.25em .5em}\
th{background:#f3f6fa}td.n{text-align:right;font-variant-numeric:tabular-nums}.cut{color:#b00}.rise{color:#070}\
figure{margin:1em 0}figcaption{font-size:.85em;color:#555}.axis{font-size:11px;fill:#555}.legend{font-size:12px;fill:#222}\
li.fail{color:#900}.muted{color:#666;font-size:.9em}";

/// One finding of a check: (year, kind, check, page list, message, the
/// PDF's path as `documents.csv` records it).
type Finding = (i32, String, String, String, String, String);

/// `p.8, p.12`, each a link to that page of the PDF (`file.pdf#page=8`),
/// the path relative to the report's folder `base` so the report and the
/// PDFs can be moved together; plain text without a base.
fn page_links(pages: &str, source: &str, base: Option<&std::path::Path>) -> String {
    let href = base.map(|b| href_of(&relative_path(std::path::Path::new(source), b)));
    pages
        .split(", ")
        .filter(|p| !p.is_empty())
        .map(|p| match &href {
            Some(h) => format!("<a href=\"{}#page={}\">p.{}</a>", esc(h), esc(p), esc(p)),
            None => format!("p.{}", esc(p)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `target` relative to the folder `base` (both made absolute against the
/// working directory, the one `extract` recorded paths from).
fn relative_path(target: &std::path::Path, base: &std::path::Path) -> std::path::PathBuf {
    use std::path::{Component, PathBuf};
    let absolute = |p: &std::path::Path| {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // Lexically: `a/./b/../c` → `a/c` (the files need not exist).
        let mut out = PathBuf::new();
        for c in p.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir => {
                    out.pop();
                }
                other => out.push(other),
            }
        }
        out
    };
    let (t, b) = (absolute(target), absolute(base));
    let (tc, bc): (Vec<_>, Vec<_>) = (t.components().collect(), b.components().collect());
    let common = tc.iter().zip(&bc).take_while(|(x, y)| x == y).count();
    let mut rel = PathBuf::new();
    for _ in common..bc.len() {
        rel.push("..");
    }
    for c in &tc[common..] {
        rel.push(c);
    }
    rel
}

/// A path as a URL path: `/` separators; `%`, `#`, `?` and spaces escaped.
fn href_of(path: &std::path::Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut out = String::new();
    for ch in s.chars() {
        match ch {
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            ' ' => out.push_str("%20"),
            c => out.push(c),
        }
    }
    out
}

/// A list of findings, each with its page references linked to the PDF.
fn html_findings(list: &[Finding], class: &str, base: Option<&std::path::Path>) -> String {
    let mut s = String::from("<ul>");
    let li = if class.is_empty() {
        "<li>".to_string()
    } else {
        format!("<li class=\"{class}\">")
    };
    for (year, kind, check, pages, message, source) in list {
        let _ = write!(
            s,
            "{li}{year} {} <b>{check}</b> ({}): {}</li>",
            kind_cn(kind),
            page_links(pages, source, base),
            esc(message)
        );
    }
    s.push_str("</ul>");
    s
}

/// The self-contained HTML page; `base` is the folder it is written to, for
/// links to the PDFs' pages (none when `None`).
pub fn html(c: &Compared, ds: &Dataset, base: Option<&std::path::Path>) -> String {
    let sums = summaries(c, ds);
    let mut s = String::from("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
    let _ = write!(
        s,
        "<meta name=\"viewport\" content=\"width=device-width\"><title>yusuan compare</title><style>{STYLE}</style></head><body>"
    );
    let _ = write!(
        s,
        "<h1>预算对比 Budget comparison</h1><p class=\"muted\">Departments: {}; documents: {}. Money in 万元; a change is against the latest earlier year's document of the same kind. Generated by yusuan from the documents' own figures; failed checks are the documents' inconsistencies, with page references.</p>",
        sums.len(),
        ds.docs.len()
    );
    for d in &sums {
        let _ = write!(
            s,
            "<section><h2>{} <span class=\"muted\">{}</span></h2><ul class=\"muted\">",
            esc(d.name),
            d.level
        );
        for doc in &d.docs {
            let _ = write!(s, "<li>{}</li>", esc(doc));
        }
        s.push_str("</ul>");
        s.push_str(&bar_chart(
            &format!("{} — 支出 spending", d.name),
            &d.years,
            &d.final_years,
            SPENDING,
            &d.series,
        ));
        s.push_str(&bar_chart(
            &format!("{} — “三公”经费", d.name),
            &d.years,
            &d.final_years,
            THREE_PUBLIC,
            &d.series,
        ));
        let mut main: Vec<&Row> = d.rises.iter().chain(&d.cuts).copied().collect();
        main.sort_by_key(|r| std::cmp::Reverse(r.change.unwrap_or_default().abs()));
        s.push_str(&change_table("Largest changes: metrics", &main, "metric"));
        s.push_str(&change_table(
            "Largest changes by 科目 (subject code)",
            &d.by_code,
            "科目",
        ));
        s.push_str(&change_table(
            "Largest changes by project 项目",
            &d.by_project,
            "project",
        ));
        if !d.execution.is_empty() {
            s.push_str("<h3>Budget vs final account 预决算执行</h3><table><thead><tr><th>year</th><th>metric</th><th>budget</th><th>final</th><th>executed</th></tr></thead><tbody>");
            for r in &d.execution {
                let _ = write!(
                    s,
                    r#"<tr><td>{}</td><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
                    r.year,
                    esc(&r.name),
                    r.base_value.map(wan).unwrap_or_default(),
                    wan(r.value),
                    r.execution_rate.map(|e| format!("{e}%")).unwrap_or_default()
                );
            }
            s.push_str("</tbody></table>");
        }
        if !d.definition_changes.is_empty() {
            s.push_str("<h3>Definition changes 口径变化</h3><p class=\"muted\">changes the document explains by a change of scope: not comparable as a bare percentage</p><ul>");
            for (r, source) in &d.definition_changes {
                let Some(reason) = &r.stated_reason else { continue };
                let _ = write!(
                    s,
                    "<li>{} — <b>{}</b>: “{}” ({})</li>",
                    esc(&definition_figures(r)),
                    esc(&reason_kind(&reason.kind)),
                    esc(&reason.text),
                    page_links(&reason.page.to_string(), source, base)
                );
            }
            s.push_str("</ul>");
        }
        if !d.flagged.is_empty() {
            s.push_str("<h3>Flagged 需核实: stated vs computed changes, documents that disagree</h3><ul>");
            for r in &d.flagged {
                let _ = write!(s, "<li class=\"fail\">{}</li>", esc(&change_line_flag(r)));
            }
            s.push_str("</ul>");
        }
        s.push_str("<h3>Failed checks 自相矛盾</h3>");
        if d.failed.is_empty() {
            s.push_str("<p class=\"muted\">none</p>");
        } else {
            s.push_str(&html_findings(&d.failed, "fail", base));
        }
        if !d.rounding.is_empty() {
            s.push_str("<h3>Rounding differences 尾差</h3><p class=\"muted\">within the printed rounding of the parts; not inconsistencies</p>");
            s.push_str(&html_findings(&d.rounding, "", base));
        }
        s.push_str("</section>");
    }
    s.push_str("</body></html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_references_link_to_the_pdf_relative_to_the_report() {
        let base = std::path::Path::new("/data/out/reports");
        assert_eq!(
            page_links("8, 12", "/data/pdfs/a b#1.pdf", Some(base)),
            "<a href=\"../../pdfs/a%20b%231.pdf#page=8\">p.8</a>, <a href=\"../../pdfs/a%20b%231.pdf#page=12\">p.12</a>"
        );
        assert_eq!(page_links("3", "x.pdf", None), "p.3");
    }

    #[test]
    fn money_prints_as_disclosures_do() {
        assert_eq!(wan(Decimal::new(2_934_450_000, 2)), "2,934.45");
        assert_eq!(wan(Decimal::from(-6_284_500)), "-628.45");
        assert_eq!(wan(Decimal::ZERO), "0.00");
        assert_eq!(signed_wan(Decimal::from(25_000)), "+2.50");
        assert_eq!(wan(Decimal::from(1_862_410_000)), "186,241.00");
    }
}
