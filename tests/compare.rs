//! `yusuan compare`: the Jiangsu departments across 2017–2019 against
//! figures read from the PDFs by eye (`tests/corpus/compare/jiangsu.toml`),
//! budget vs final account on 西南大学, the Markdown summary, and the HTML
//! page rendered in headless Chromium.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::util::{have_program, root, shared_corpus};

fn tmp(name: &str) -> PathBuf {
    crate::util::scratch(&format!("compare-{name}"))
}

fn run(args: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .output()
        .expect("yusuan runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "yusuan {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The real corpus extracted once per test run (None when absent).
fn real_output() -> Option<&'static Path> {
    static OUT: OnceLock<Option<PathBuf>> = OnceLock::new();
    OUT.get_or_init(|| {
        let corpus = shared_corpus("compare on the real corpus")?;
        let out = tmp("real");
        let real = corpus.join("real");
        run(&["extract", real.to_str()?, "--quiet", "--out", out.to_str()?]);
        Some(out)
    })
    .as_deref()
}

/// `yusuan extract samples/ --out OUT`.
fn extract_samples(out: &Path) {
    run(&[
        "extract",
        root().join("samples").to_str().expect("path"),
        "--quiet",
        "--out",
        out.to_str().expect("path"),
    ]);
}

fn comparison(dirs: &[&Path], extra: &[&str]) -> Vec<BTreeMap<String, String>> {
    let mut args: Vec<String> = vec!["compare".into()];
    args.extend(dirs.iter().map(|d| d.display().to_string()));
    args.extend(["--out".into(), "-".into()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&args);
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    r.deserialize().map(|x| x.expect("comparison row")).collect()
}

#[derive(Deserialize)]
struct Truth {
    department: Vec<TruthDept>,
    value: Vec<TruthValue>,
    stated_change: Vec<TruthStated>,
}

#[derive(Deserialize)]
struct TruthDept {
    key: String,
    names: Vec<String>,
}

#[derive(Deserialize)]
struct TruthValue {
    department: String,
    year: i32,
    metric: String,
    wan: String,
}

#[derive(Deserialize)]
struct TruthStated {
    department: String,
    year: i32,
    metric: String,
    wan: String,
    pct: Option<String>,
}

fn yuan(wan: &str) -> Decimal {
    wan.parse::<Decimal>().expect("wan figure") * Decimal::from(10_000)
}

fn dec(s: &str) -> Option<Decimal> {
    s.parse().ok()
}

/// Every Jiangsu figure read by eye is in comparison.csv for its
/// department and year, each year's change against the previous year is
/// the difference of the two figures read, the stated changes are the
/// narrative's, and the only stated-vs-computed flags are the two the
/// reader found (检察院 2018 增长21.95% and 2019 10.06%, where the amounts
/// give 22.00% and 10.09%).
#[test]
fn jiangsu_years_compare_as_read_by_eye() {
    let Some(out) = real_output() else { return };
    let truth: Truth = crate::truth::load(&root().join("tests/corpus/compare/jiangsu.toml"));
    let rows = comparison(&[out], &[]);
    // Five bodies, each one department whatever name a year's file uses.
    let names = yusuan::compare::Names::built_in().expect("names");
    let mut dept_of: BTreeMap<&str, String> = BTreeMap::new();
    for d in &truth.department {
        let found: BTreeSet<&str> = rows
            .iter()
            .filter(|r| r["department"].starts_with("江苏") || r["department"].starts_with("中共江苏"))
            .filter(|r| {
                d.names
                    .iter()
                    .any(|n| names.key(n) == names.key(&r["department"]))
            })
            .map(|r| r["department"].as_str())
            .collect();
        assert_eq!(found.len(), 1, "{}: departments {found:?}", d.key);
        dept_of.insert(
            d.key.as_str(),
            found.into_iter().next().unwrap_or_default().to_string(),
        );
    }
    let jiangsu: BTreeSet<&str> = rows
        .iter()
        .map(|r| r["department"].as_str())
        .filter(|d| d.contains("江苏"))
        .collect();
    assert_eq!(jiangsu.len(), 5, "Jiangsu departments: {jiangsu:?}");

    let find = |dept: &str, metric: &str, year: i32| {
        rows.iter().find(|r| {
            r["department"] == dept
                && r["item_type"] == "metric"
                && r["item"] == metric
                && r["comparison"] == "year_over_year"
                && r["year"] == year.to_string()
        })
    };
    let mut read: BTreeMap<(&str, &str, i32), Decimal> = BTreeMap::new();
    let mut errors = Vec::new();
    for v in &truth.value {
        read.insert((v.department.as_str(), v.metric.as_str(), v.year), yuan(&v.wan));
    }
    for (&(key, metric, year), &want) in &read {
        let dept = &dept_of[key];
        let Some(row) = find(dept, metric, year) else {
            errors.push(format!("{key} {year} {metric}: no row"));
            continue;
        };
        if dec(&row["value"]) != Some(want) {
            errors.push(format!(
                "{key} {year} {metric}: value {} want {want}",
                row["value"]
            ));
        }
        match read.get(&(key, metric, year - 1)) {
            Some(&prev) => {
                if dec(&row["base_value"]) != Some(prev) || dec(&row["change"]) != Some(want - prev) {
                    errors.push(format!(
                        "{key} {year} {metric}: base {} change {}, want {prev} and {}",
                        row["base_value"],
                        row["change"],
                        want - prev
                    ));
                }
                if row["base_year"] != (year - 1).to_string() {
                    errors.push(format!("{key} {year} {metric}: base year {}", row["base_year"]));
                }
            }
            None => {
                if !row["base_value"].is_empty() {
                    errors.push(format!(
                        "{key} {year} {metric}: base {} where none was read",
                        row["base_value"]
                    ));
                }
            }
        }
    }
    for s in &truth.stated_change {
        let dept = &dept_of[s.department.as_str()];
        let Some(row) = find(dept, &s.metric, s.year) else {
            errors.push(format!(
                "{} {} {}: no row for the stated change",
                s.department, s.year, s.metric
            ));
            continue;
        };
        if dec(&row["stated_change"]) != Some(yuan(&s.wan)) {
            errors.push(format!(
                "{} {} stated change {} want {}万元",
                s.department, s.year, row["stated_change"], s.wan
            ));
        }
        if let Some(p) = &s.pct
            && dec(&row["stated_change_pct"]) != dec(p)
        {
            errors.push(format!(
                "{} {} stated pct {} want {p}",
                s.department, s.year, row["stated_change_pct"]
            ));
        }
    }
    let flagged: BTreeSet<(String, String, String)> = rows
        .iter()
        .filter(|r| jiangsu.contains(r["department"].as_str()) && r["item_type"] == "metric")
        .filter(|r| r["flags"].contains("stated"))
        .map(|r| (r["department"].clone(), r["year"].clone(), r["flags"].clone()))
        .collect();
    let jcy = dept_of["jcy"].clone();
    let want: BTreeSet<(String, String, String)> = [
        (jcy.clone(), "2018".to_string(), "stated_pct_differs".to_string()),
        (jcy, "2019".to_string(), "stated_pct_differs".to_string()),
    ]
    .into_iter()
    .collect();
    if flagged != want {
        errors.push(format!("stated-change flags {flagged:?}, want {want:?}"));
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// 西南大学 has a budget and a final account for 2023 and 2024: each final
/// figure is compared with its year's budget, execution rate = final /
/// budget, with both figures as read by eye (tests/corpus/facts/swu_*).
#[test]
fn final_account_against_its_budget() {
    let Some(out) = real_output() else { return };
    let rows = comparison(&[out], &[]);
    #[derive(Deserialize)]
    struct F {
        facts: Vec<Fact>,
    }
    #[derive(Deserialize)]
    struct Fact {
        metric: String,
        value: String,
    }
    let mut checked = 0;
    for year in [2023, 2024] {
        let budget: F =
            crate::truth::load(&root().join(format!("tests/corpus/facts/swu_{year}_budget.toml")));
        let fin: F = crate::truth::load(&root().join(format!("tests/corpus/facts/swu_{year}_final.toml")));
        for f in &fin.facts {
            let Some(b) = budget.facts.iter().find(|b| b.metric == f.metric) else {
                continue;
            };
            if !f.metric.starts_with("expenditure.") || f.metric.contains('.') && f.metric.ends_with("change")
            {
                continue;
            }
            let (Some(fv), Some(bv)) = (dec(&f.value), dec(&b.value)) else {
                continue;
            };
            let row = rows
                .iter()
                .find(|r| {
                    r["department"] == "西南大学"
                        && r["comparison"] == "budget_vs_final"
                        && r["item"] == f.metric
                        && r["year"] == year.to_string()
                })
                .unwrap_or_else(|| panic!("{year} {}: no budget_vs_final row", f.metric));
            assert_eq!(dec(&row["value"]), Some(fv), "{year} {} final", f.metric);
            assert_eq!(dec(&row["base_value"]), Some(bv), "{year} {} budget", f.metric);
            if !bv.is_zero() {
                let rate = (fv / bv * Decimal::from(100)).round_dp(2);
                assert_eq!(dec(&row["execution_rate"]), Some(rate), "{year} {}", f.metric);
            }
            checked += 1;
        }
    }
    assert!(checked >= 4, "only {checked} budget/final pairs checked");
}

/// The samples: the 2019 and 2020 budgets of 区人社局 compare as the
/// generator's model says (total 4361.91 → 2934.45, and the 2020 narrative
/// states 减少1427.46万元, 下降32.73%: no flag); two documents of one year that
/// disagree (the errata sample) are flagged, not averaged; a user's alias
/// file merges a renamed department.
#[test]
fn samples_compare_and_aliases_apply() {
    let out = tmp("samples");
    extract_samples(&out);
    let rows = comparison(&[&out], &[]);
    let total_2020 = rows
        .iter()
        .find(|r| {
            r["item"] == "expenditure.total" && r["year"] == "2020" && r["comparison"] == "year_over_year"
        })
        .expect("2020 total row");
    assert_eq!(total_2020["department"], "武汉市东西湖区人力资源和社会保障局");
    assert_eq!(dec(&total_2020["base_value"]), Some(yuan("4361.91")));
    assert_eq!(dec(&total_2020["change"]), Some(yuan("-1427.46")));
    assert_eq!(dec(&total_2020["stated_change"]), Some(yuan("-1427.46")));
    assert_eq!(dec(&total_2020["stated_change_pct"]), dec("-32.73"));
    assert_eq!(total_2020["flags"], "", "consistent stated change flagged");
    // The errata sample is a second 2020 budget with misprints: its 支出总计
    // (expenditure.grand_total) differs from the Writer sample's.
    let grand = rows
        .iter()
        .find(|r| r["item"] == "expenditure.grand_total" && r["year"] == "2020")
        .expect("2020 grand total");
    assert!(grand["flags"].contains("documents_disagree"), "{grand:?}");

    // Aliases: rename the department in a copy of the output, then merge
    // the two names with a user file.
    let renamed = tmp("renamed");
    for f in std::fs::read_dir(&out).expect("out").flatten() {
        if f.path().is_file() {
            let text = std::fs::read_to_string(f.path()).expect("read");
            let text = text.replace("武汉市东西湖区人力资源和社会保障局", "武汉市东西湖区人社局");
            std::fs::write(renamed.join(f.file_name()), text).expect("write");
        }
    }
    let apart = comparison(&[&renamed], &[]);
    assert_eq!(
        apart
            .iter()
            .find(|r| r["item"] == "expenditure.total" && r["year"] == "2020")
            .map(|r| r["department"].clone()),
        Some("武汉市东西湖区人社局".to_string())
    );
    let aliases = renamed.join("aliases.csv");
    std::fs::write(
        &aliases,
        "kind,from,to,note\nalias,武汉市东西湖区人社局,武汉市东西湖区人力资源和社会保障局,short form\n",
    )
    .expect("aliases");
    // The original folder and the renamed copy hold the same documents
    // (same doc_id): counted once; the alias merges nothing new, and the
    // department keeps one series.
    let merged = comparison(&[&renamed], &["--aliases", aliases.to_str().expect("path")]);
    // (The samples' other bodies, 区医保局 and the unit with its own 单位预算,
    // 劳动保障监察大队, are apart.)
    let depts: BTreeSet<&str> = merged
        .iter()
        .map(|r| r["department"].as_str())
        .filter(|d| !d.contains("医疗保障局") && !d.contains("劳动保障监察大队"))
        .collect();
    assert_eq!(depts.len(), 1, "{depts:?}");
}

/// The Markdown summary lists the biggest cuts and rises and every failed
/// check of every document, with its pages.
#[test]
fn markdown_lists_cuts_rises_and_every_failed_check() {
    let out = tmp("md");
    extract_samples(&out);
    let md = String::from_utf8(
        run(&[
            "compare",
            out.to_str().expect("path"),
            "--out",
            "-",
            "--format",
            "md",
        ])
        .stdout,
    )
    .expect("utf-8");
    assert!(md.contains("### Biggest cuts"), "{md}");
    assert!(md.contains("本年支出合计 -1,427.46万元 (-32.73%)"), "{md}");
    let mut r = csv::Reader::from_path(out.join("checks.csv")).expect("checks.csv");
    let mut failed = 0;
    for rec in r.deserialize::<BTreeMap<String, String>>() {
        let rec = rec.expect("row");
        if rec["status"] == "fail" {
            failed += 1;
            assert!(
                md.contains(&rec["message"]),
                "failed check missing from the summary: {}",
                rec["message"]
            );
        }
    }
    assert!(failed >= 11, "only {failed} failed checks in the samples");
}

/// The HTML page is self-contained (no script, link, image source or URL to
/// fetch), and headless Chromium renders it with no error: a probe script
/// added to a copy records every error event and console.error, and is
/// itself shown to catch a failing fetch on a control page.
#[test]
fn html_renders_in_chromium_without_errors() {
    let out = tmp("html");
    extract_samples(&out);
    let page = out.join("compare.html");
    run(&[
        "compare",
        out.to_str().expect("path"),
        "--format",
        "html",
        "--out",
        page.to_str().expect("path"),
    ]);
    let html = std::fs::read_to_string(&page).expect("html");
    for banned in ["<script", "<link", " src=", "url(", "@import", "https:"] {
        assert!(
            !html.contains(banned),
            "the page would fetch or run something: {banned}"
        );
    }
    // The only references are links a reader follows to a PDF page (never
    // fetched by the page itself), relative to the report.
    let hrefs: Vec<&str> = html
        .split(" href=\"")
        .skip(1)
        .filter_map(|h| h.split('"').next())
        .collect();
    assert!(!hrefs.is_empty(), "no page links");
    for h in &hrefs {
        assert!(
            h.contains(".pdf#page=") && !h.contains("://"),
            "not a relative link to a PDF page: {h}"
        );
        let file = h.split("#page=").next().unwrap_or_default();
        assert!(
            page.parent().expect("folder").join(file).is_file(),
            "the link does not reach the PDF: {h}"
        );
    }
    assert_eq!(html.matches(" href=").count(), html.matches("<a href=").count());
    assert!(html.contains("<svg") && html.contains("武汉市东西湖区人力资源和社会保障局"));
    if !have_program("chromium", "html_renders_in_chromium_without_errors") {
        return;
    }
    let probe = r#"<script>window.__e=[];addEventListener('error',function(e){__e.push(String(e.message||(e.target&&(e.target.src||e.target.href))||'error'))},true);console.error=function(){__e.push(Array.prototype.join.call(arguments,' '))};addEventListener('load',function(){var p=document.createElement('pre');p.id='probe';p.textContent='PROBE '+JSON.stringify(__e)+' SVG '+document.querySelectorAll('svg').length;document.body.appendChild(p)})</script>"#;
    let render = |html: &str, name: &str| -> String {
        let f = out.join(name);
        std::fs::write(&f, html.replacen("<head>", &format!("<head>{probe}"), 1)).expect("write");
        let o = Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--proxy-server=127.0.0.1:9",
                "--virtual-time-budget=5000",
                "--dump-dom",
            ])
            .arg(format!("file://{}", f.display()))
            .output()
            .expect("chromium runs");
        let dom = String::from_utf8_lossy(&o.stdout).into_owned();
        // The probe's <pre>, not the script's own text in <head>.
        let line = dom
            .split("<pre id=\"probe\">")
            .nth(1)
            .and_then(|rest| rest.split("</pre>").next())
            .unwrap_or("")
            .to_string();
        assert!(
            !line.is_empty(),
            "{name}: no probe output; stderr {}",
            String::from_utf8_lossy(&o.stderr)
        );
        line
    };
    let control = render(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><img src=\"http://example.invalid/x.png\"></body></html>",
        "control.html",
    );
    assert!(
        !control.contains("PROBE []"),
        "the probe misses a failed fetch: {control}"
    );
    let ours = render(&html, "probe.html");
    assert!(ours.contains("PROBE []"), "errors while rendering: {ours}");
    let svgs: usize = ours
        .rsplit("SVG ")
        .next()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    assert!(svgs >= 2, "charts rendered: {ours}");
    // And it paints: a screenshot is a real image.
    let shot = out.join("shot.png");
    let o = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--proxy-server=127.0.0.1:9",
            "--window-size=1100,1400",
        ])
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let png = std::fs::read(&shot).expect("screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "screenshot of {} bytes",
        png.len()
    );
}

/// `yusuan panel`: one row per (dept_key, year, doc_kind), a column per
/// metric with the document and page it came from; the documents of one
/// body, year and kind fill one row.
#[test]
fn panel_is_one_row_per_body_year_and_kind() {
    let out = tmp("panel");
    extract_samples(&out);
    let file = out.join("panel.csv");
    run(&[
        "panel",
        out.to_str().expect("path"),
        "--out",
        file.to_str().expect("path"),
    ]);
    let mut r = csv::Reader::from_path(&file).expect("panel.csv");
    let header: Vec<String> = r.headers().expect("header").iter().map(str::to_string).collect();
    assert_eq!(
        &header[..7],
        [
            "dept_key",
            "year",
            "doc_kind",
            "department",
            "region_code",
            "level",
            "doc_ids"
        ]
    );
    assert!(header.iter().any(|h| h == "expenditure.total.page"), "{header:?}");
    let rows: Vec<BTreeMap<String, String>> = r.deserialize().map(|x| x.expect("row")).collect();
    let keys: BTreeSet<(String, String, String)> = rows
        .iter()
        .map(|x| (x["dept_key"].clone(), x["year"].clone(), x["doc_kind"].clone()))
        .collect();
    assert_eq!(keys.len(), rows.len(), "one row per key");
    let mut docs = csv::Reader::from_path(out.join("documents.csv")).expect("documents.csv");
    let doc_rows: Vec<BTreeMap<String, String>> = docs.deserialize().map(|x| x.expect("row")).collect();
    assert!(
        rows.len() < doc_rows.len(),
        "several documents of one year fill one row"
    );
    for x in &rows {
        assert_eq!(x["region_code"], "420112", "{x:?}");
        if !x["expenditure.total"].is_empty() {
            assert!(x["expenditure.total"].contains('.'), "money with decimals: {x:?}");
            assert!(x["doc_ids"].contains(&x["expenditure.total.doc_id"]), "{x:?}");
            assert!(!x["expenditure.total.page"].is_empty());
        }
    }
}

/// `yusuan panel … --out FILE.sqlite`: the same rows as the CSV panel, in
/// one typed table (`year` and pages integers, figures exact text) with
/// its indexes, for newsrooms that publish with SQLite.
#[test]
fn panel_as_sqlite_holds_the_csv_rows_typed() {
    let out = tmp("panel_sqlite");
    extract_samples(&out);
    let csv_file = out.join("panel.csv");
    let db = out.join("panel.sqlite");
    for file in [&csv_file, &db] {
        run(&[
            "panel",
            out.to_str().expect("path"),
            "--out",
            file.to_str().expect("path"),
        ]);
    }
    let mut r = csv::Reader::from_path(&csv_file).expect("panel.csv");
    let header: Vec<String> = r.headers().expect("header").iter().map(str::to_string).collect();
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|x| x.expect("row").iter().map(str::to_string).collect())
        .collect();
    let conn = rusqlite::Connection::open(&db).expect("open panel.sqlite");
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('panel') ORDER BY cid")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("columns");
    assert_eq!(columns, header);
    let select = format!(
        "SELECT {} FROM panel ORDER BY rowid",
        header
            .iter()
            .map(|h| format!("\"{h}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut stmt = conn.prepare(&select).expect("select");
    let got: Vec<Vec<String>> = stmt
        .query_map([], |row| {
            (0..header.len())
                .map(|i| {
                    Ok(match row.get_ref(i)? {
                        rusqlite::types::ValueRef::Null => String::new(),
                        rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                        rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                        other => panic!("unexpected {other:?}"),
                    })
                })
                .collect()
        })
        .and_then(|rows| rows.collect())
        .expect("rows");
    assert_eq!(got, rows, "the database holds the CSV's rows");
    let types: Vec<(String, String)> = conn
        .prepare("SELECT DISTINCT typeof(year), typeof(\"expenditure.total\") FROM panel WHERE \"expenditure.total\" IS NOT NULL")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("types");
    assert_eq!(types, [("integer".to_string(), "text".to_string())]);
    let indexes: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'panel'",
            [],
            |r| r.get(0),
        )
        .expect("indexes");
    assert_eq!(indexes, 2);
}

/// `datapackage.json` describes the CSVs as they are: every file's fields
/// in the CSV's order, and every non-empty value parses as its field's
/// type (what `frictionless validate` checks, without installing it); the
/// code columns are quoted so that readers guessing types keep them text.
#[test]
fn datapackage_types_match_the_csvs() {
    let out = tmp("datapackage");
    extract_samples(&out);
    let pkg: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("datapackage.json")).expect("datapackage.json"),
    )
    .expect("json");
    let resources = pkg["resources"].as_array().expect("resources");
    assert!(!resources.is_empty());
    for res in resources {
        let path = out.join(res["path"].as_str().expect("path"));
        let fields = res["schema"]["fields"].as_array().expect("fields");
        let mut r = csv::Reader::from_path(&path).expect("csv");
        let header: Vec<String> = r.headers().expect("header").iter().map(str::to_string).collect();
        let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().expect("name")).collect();
        assert_eq!(header, names, "{}", path.display());
        let mut n = 0;
        for rec in r.records() {
            let rec = rec.expect("row");
            n += 1;
            for (f, v) in fields.iter().zip(rec.iter()) {
                if v.is_empty() {
                    continue;
                }
                let ok = match f["type"].as_str().expect("type") {
                    "integer" => v.parse::<i64>().is_ok(),
                    "number" => v.parse::<Decimal>().is_ok() || v.parse::<f64>().is_ok(),
                    "boolean" => v == "true" || v == "false",
                    "string" => true,
                    other => panic!("unknown type {other}"),
                };
                assert!(
                    ok,
                    "{}: {} = {v:?} is not {}",
                    path.display(),
                    f["name"],
                    f["type"]
                );
            }
        }
        assert!(n > 0, "{}: no rows", path.display());
    }
    let text = std::fs::read_to_string(out.join("line_items.csv")).expect("line_items.csv");
    let first = text.lines().nth(1).expect("a line item");
    assert!(first.contains(",\"2"), "code quoted: {first}");
}

/// The two budgets of 区医保局 (`scripts/samples/docschange.py`): 2023's
/// rise of the total is explained by a transfer of functions (划转, page 1)
/// and its 机关运行经费's by a definition change (统计口径调整, page 2);
/// `compare` shows each explanation, as printed and with its page, next to
/// the change in CSV, Markdown and HTML. 2022's changes give ordinary
/// reasons (人员经费正常增长, 厉行节约) and get none.
#[test]
fn a_stated_definition_change_is_shown_next_to_the_change() {
    let input = tmp("defchange-in");
    for stem in ["ybj2022_budget_rl", "ybj2023_budget_rl"] {
        std::fs::copy(
            root().join(format!("samples/{stem}.pdf")),
            input.join(format!("{stem}.pdf")),
        )
        .expect("copy sample");
    }
    let out = tmp("defchange");
    run(&[
        "extract",
        input.to_str().expect("path"),
        "--quiet",
        "--out",
        out.to_str().expect("path"),
    ]);
    let rows = comparison(&[&out], &[]);
    let doc_2023 = {
        let mut r = csv::Reader::from_path(out.join("documents.csv")).expect("documents.csv");
        r.deserialize::<BTreeMap<String, String>>()
            .map(|d| d.expect("row"))
            .find(|d| d["year"] == "2023")
            .expect("the 2023 document")["doc_id"]
            .clone()
    };
    let row = |item: &str, year: &str| {
        rows.iter()
            .find(|r| r["item"] == item && r["year"] == year && r["comparison"] == "year_over_year")
            .unwrap_or_else(|| panic!("{item} {year}"))
    };
    let total = row("expenditure.total", "2023");
    assert_eq!(dec(&total["change"]), Some(yuan("430.00")));
    assert_eq!(total["stated_reason_kind"], "transfer");
    assert_eq!(
        total["stated_reason"],
        "主要原因是区人力资源和社会保障局的城乡居民医疗保险经办职能划转至我局，相关经费随之划入"
    );
    assert_eq!(total["stated_reason_doc_id"], doc_2023);
    assert_eq!(total["stated_reason_page"], "1");
    let op = row("operating_costs", "2023");
    assert_eq!(dec(&op["change"]), Some(yuan("90.00")));
    assert_eq!(op["stated_reason_kind"], "definition");
    assert!(op["stated_reason"].contains("统计口径调整"), "{op:?}");
    assert_eq!(op["stated_reason_page"], "2");
    // Nothing else carries a reason: not 2022's ordinary ones, not the
    // unchanged “三公”, not the budget-vs-final rows (there are none here).
    let with_reason: BTreeSet<(&str, &str)> = rows
        .iter()
        .filter(|r| !r["stated_reason_kind"].is_empty())
        .map(|r| (r["item"].as_str(), r["year"].as_str()))
        .collect();
    assert_eq!(
        with_reason,
        BTreeSet::from([("expenditure.total", "2023"), ("operating_costs", "2023"),]),
    );
    let stated_2022 = row("operating_costs", "2022");
    assert_eq!(dec(&stated_2022["stated_change"]), Some(yuan("-2.00")));
    assert_eq!(stated_2022["stated_reason"], "");
    // The columns are the last four of the file.
    assert_eq!(
        &yusuan::compare::COLUMNS[yusuan::compare::COLUMNS.len() - 4..],
        &[
            "stated_reason_kind",
            "stated_reason",
            "stated_reason_doc_id",
            "stated_reason_page"
        ]
    );

    // Markdown: the explanation on the change's own line, with its page.
    let md = String::from_utf8(
        run(&[
            "compare",
            out.to_str().expect("path"),
            "--out",
            "-",
            "--format",
            "md",
        ])
        .stdout,
    )
    .expect("utf-8");
    let line = md
        .lines()
        .find(|l| l.contains("机关运行经费 +90.00万元"))
        .unwrap_or_else(|| panic!("no 机关运行经费 change line: {md}"));
    assert!(
        line.contains("口径调整 definition change")
            && line.contains("统计口径调整")
            && line.contains("(p.2)"),
        "{line}"
    );
    let line = md
        .lines()
        .find(|l| l.starts_with("- 2023") && l.contains("+430.00万元"))
        .unwrap_or_else(|| panic!("no total change line: {md}"));
    assert!(
        line.contains("划转 transfer of functions") && line.contains("(p.1)"),
        "{line}"
    );
    assert!(!md.contains("厉行节约"), "an ordinary reason reported: {md}");

    // HTML: the same, the page a link to the PDF's page.
    let page = out.join("compare.html");
    run(&[
        "compare",
        out.to_str().expect("path"),
        "--out",
        page.to_str().expect("path"),
        "--format",
        "html",
    ]);
    let html = std::fs::read_to_string(&page).expect("html");
    let at = html
        .find("<h3>Definition changes")
        .expect("definition changes section");
    let section = &html[at..];
    let section = &section[..section.find("</ul>").expect("list end")];
    assert!(
        section.contains("统计口径调整") && section.contains("ybj2023_budget_rl.pdf#page=2\">p.2</a>"),
        "{section}"
    );
    assert!(
        section.contains("ybj2023_budget_rl.pdf#page=1\">p.1</a>"),
        "{section}"
    );
    assert_eq!(section.matches("<li>").count(), 2, "{section}");
}

/// On the real corpus the Jiangsu series' definition changes are exactly
/// the ones the documents state, each on the page read (pdftotext): the
/// 2017 and 2018 机关运行经费 of every body, each document explaining the
/// jump by what is counted (the 2017 change of the 财政部 rule — 统计口径,
/// 政协's “项目支出中部分预算开支金额统计在行政运行经费中” — and its reversal
/// in 2018), and 检察院 2019's, explained by vehicles transferred with a
/// function (转隶) to the 省纪委. Nothing else is given a reason.
#[test]
fn jiangsu_definition_changes_are_the_documents_own() {
    let Some(out) = real_output() else { return };
    let rows = comparison(&[out], &[]);
    let got: BTreeSet<(String, String, String, String)> = rows
        .iter()
        .filter(|r| r["department"].contains("江苏") && !r["stated_reason_kind"].is_empty())
        .map(|r| {
            (
                format!("{} {} {}", r["department"], r["year"], r["item"]),
                r["stated_reason_kind"].clone(),
                r["stated_reason_page"].clone(),
                r["comparison"].clone(),
            )
        })
        .collect();
    let want: BTreeSet<(String, String, String, String)> = [
        ("江苏省人大常委会办公厅 2017", "definition", "28"),
        ("江苏省人大常委会办公厅 2018", "definition", "29"),
        ("江苏省人民检察院 2017", "definition", "22"),
        ("江苏省人民检察院 2018", "definition", "29"),
        ("江苏省人民检察院 2019", "transfer", "31"),
        ("江苏省委办公厅 2017", "definition", "11"),
        ("江苏省委办公厅 2018", "definition", "11"),
        ("江苏省政协办公厅 2017", "definition", "17"),
        ("江苏省政协办公厅 2018", "definition", "15"),
        ("江苏省高级人民法院 2017", "definition", "24"),
        ("江苏省高级人民法院 2018", "definition", "24"),
    ]
    .into_iter()
    .map(|(d, k, p)| {
        (
            format!("{d} operating_costs"),
            k.to_string(),
            p.to_string(),
            "year_over_year".to_string(),
        )
    })
    .collect();
    assert_eq!(got, want);
}

/// Money has one format in every CSV, comparison and panel included: two
/// decimal places at least (`0.00`, `2934.50`), never `0` or `2934.5`
/// (issue 14: DuckDB and pandas then read one type, and a figure is
/// written as it is compared). Checked on every yuan value of the sample
/// output: the per-row files (where `unit` is yuan), `comparison.csv`'s
/// value, base, change and stated change, and the panel's yuan metrics.
#[test]
fn money_is_written_with_two_decimal_places_everywhere() {
    let out = tmp("money");
    extract_samples(&out);
    let two = |v: &str| {
        let v = v.strip_prefix('-').unwrap_or(v);
        v.split_once('.')
            .is_some_and(|(i, f)| !i.is_empty() && i.bytes().all(|b| b.is_ascii_digit()) && f.len() >= 2)
    };
    let mut bad = Vec::new();
    let mut seen = 0;
    let read = |path: &Path| -> Vec<BTreeMap<String, String>> {
        let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        r.deserialize().map(|x| x.expect("row")).collect()
    };
    for (file, columns) in [
        ("facts.csv", &["value"][..]),
        ("tables.csv", &["value"][..]),
        ("line_items.csv", &["value"][..]),
        (
            "projects.csv",
            &[
                "total",
                "recurring",
                "one_off",
                "total_budget",
                "current_year_budget",
            ][..],
        ),
        ("indicators.csv", &["value"][..]),
    ] {
        for row in read(&out.join(file)) {
            if row["unit"] != "yuan" {
                continue;
            }
            for c in columns {
                let v = &row[*c];
                if !v.is_empty() {
                    seen += 1;
                    if !two(v) {
                        bad.push(format!("{file} {c} = {v}"));
                    }
                }
            }
        }
    }
    let mut yuan_metrics = BTreeSet::new();
    for row in read(&out.join("facts.csv")) {
        if row["unit"] == "yuan" {
            yuan_metrics.insert(row["metric"].clone());
        }
    }
    for row in comparison(&[&out], &[]) {
        if row["unit"] != "yuan" {
            continue;
        }
        for c in ["value", "base_value", "change", "stated_change"] {
            let v = &row[c];
            if !v.is_empty() {
                seen += 1;
                if !two(v) {
                    bad.push(format!("comparison.csv {c} = {v} ({})", row["item"]));
                }
            }
        }
    }
    let panel = out.join("panel.csv");
    run(&[
        "panel",
        out.to_str().expect("path"),
        "--out",
        panel.to_str().expect("path"),
    ]);
    for row in read(&panel) {
        for m in &yuan_metrics {
            if let Some(v) = row.get(m.as_str())
                && !v.is_empty()
            {
                seen += 1;
                if !two(v) {
                    bad.push(format!("panel.csv {m} = {v}"));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    assert!(seen > 1000, "only {seen} money values checked");
}
