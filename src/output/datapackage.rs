//! `datapackage.json`: a Frictionless Data Package descriptor of the
//! output folder (field types, units, primary and foreign keys), so the
//! folder loads straight into frictionless-py, pandas, R or DuckDB.

use serde_json::{Value, json};

use super::FILES;

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
        .map(|file| {
            let fields: Vec<Value> = file
                .columns
                .iter()
                .map(|c| {
                    let mut f = json!({"name": c.name, "type": c.ty.frictionless()});
                    if !c.description.is_empty() {
                        f["description"] = json!(c.description);
                    }
                    f
                })
                .collect();
            let mut schema = json!({"fields": fields, "missingValues": [""]});
            let pk = key(file.name);
            if !pk.is_null() {
                schema["primaryKey"] = pk;
            }
            if file.name != "documents.csv" {
                schema["foreignKeys"] = json!([{
                    "fields": "doc_id",
                    "reference": {"resource": "documents", "fields": "doc_id"}
                }]);
            }
            json!({
                "name": file.stem(),
                "path": file.name,
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
