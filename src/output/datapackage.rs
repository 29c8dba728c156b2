//! `datapackage.json`: a Frictionless Data Package descriptor of the
//! output folder (field types, units, primary and foreign keys), so the
//! folder loads straight into frictionless-py, pandas, R or DuckDB.

use serde_json::{Value, json};

use super::FILES;

/// Type and description of a column.
fn field(name: &str) -> (&'static str, &'static str) {
    match name {
        "doc_id" => ("string", "first 16 hex digits of the SHA-256 of the PDF"),
        "sha256" => ("string", "SHA-256 of the PDF file"),
        "pages" | "text_pages" | "image_pages" | "page" | "row" | "col" | "rowspan" | "colspan" => (
            "integer",
            "1-based page number (page); 0-based grid positions (row, col); counts",
        ),
        "year" => ("integer", "fiscal year the document is about"),
        "value" => (
            "number",
            "exact decimal in the canonical unit given by `unit` (yuan, person, count, vehicle, m2, pct)",
        ),
        "total" | "recurring" | "one_off" | "total_budget" | "current_year_budget" => ("number", "yuan"),
        "expected" | "actual" | "difference" => ("number", "yuan (or the metric's unit)"),
        "name_mismatch" | "is_header" => ("boolean", ""),
        "ocr_confidence" => (
            "number",
            "OCR confidence 0–100 of the cell (or the line a narrative figure was read from); empty for text",
        ),
        "ocr_verified" => (
            "boolean",
            "OCR tables: true when the table's own identities all pass, false when one fails (flagged for review); empty for text or when none applies",
        ),
        "source" => (
            "string",
            "text (born-digital text layer) | ocr (read from a scanned page)",
        ),
        "status" => (
            "string",
            "documents: ok | partial | failed; checks: pass | fail | skipped",
        ),
        "doc_kind" => ("string", "budget | final_account"),
        "unit" => ("string", "canonical unit of `value`"),
        "code" => ("string", "政府收支分类科目 code, digits only (类 3, 款 5, 项 7)"),
        _ => ("string", ""),
    }
}

fn key(file: &str) -> Value {
    match file {
        "documents.csv" => json!(["doc_id"]),
        "facts.csv" => json!(["doc_id", "metric"]),
        "tables.csv" => json!(["doc_id", "table_id", "row", "col"]),
        _ => Value::Null,
    }
}

/// The descriptor as pretty JSON (deterministic).
pub fn describe() -> String {
    let resources: Vec<Value> = FILES
        .iter()
        .map(|(file, cols)| {
            let fields: Vec<Value> = cols
                .iter()
                .map(|c| {
                    let (ty, desc) = field(c);
                    let mut f = json!({"name": c, "type": ty});
                    if !desc.is_empty() {
                        f["description"] = json!(desc);
                    }
                    f
                })
                .collect();
            let mut schema = json!({"fields": fields, "missingValues": [""]});
            let pk = key(file);
            if !pk.is_null() {
                schema["primaryKey"] = pk;
            }
            if *file != "documents.csv" {
                schema["foreignKeys"] = json!([{
                    "fields": "doc_id",
                    "reference": {"resource": "documents", "fields": "doc_id"}
                }]);
            }
            json!({
                "name": file.trim_end_matches(".csv"),
                "path": file,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": true},
                "schema": schema,
            })
        })
        .collect();
    let pkg = json!({
        "profile": "tabular-data-package",
        "name": "yusuan-extract",
        "title": "Chinese government budget disclosures extracted by yusuan",
        "description": "Documents, facts, tables, line items, projects, performance indicators and consistency checks extracted from 部门预算/部门决算 PDFs. Money in yuan (exact decimals); see each field's description.",
        "resources": resources,
    });
    let mut s = serde_json::to_string_pretty(&pkg).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptor_lists_every_file_with_keys() {
        let v: Value = serde_json::from_str(&describe()).expect("valid json");
        let res = v["resources"].as_array().expect("resources");
        assert_eq!(res.len(), FILES.len());
        assert_eq!(res[0]["schema"]["primaryKey"], json!(["doc_id"]));
        assert_eq!(
            res[1]["schema"]["foreignKeys"][0]["reference"]["resource"],
            "documents"
        );
        for r in res {
            let fields = r["schema"]["fields"].as_array().expect("fields");
            assert_eq!(fields[0]["name"], "doc_id");
        }
    }
}
