//! The output files, their columns and the type of each column: the one
//! table that the CSV writer, `datapackage.json` and every other format
//! (SQLite, Parquet, the Python package) read, so they cannot disagree.
//! Contract columns first, in the contract's order; extensions after,
//! documented in the README.

/// How a column's text is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// Text (codes and ids included: `code` keeps its leading digits).
    String,
    /// A whole number.
    Integer,
    /// An exact decimal (money in yuan, or the unit its row gives).
    Decimal,
    /// A measurement that is not money (an OCR confidence, 0–100).
    Number,
    /// `true` or `false`.
    Boolean,
}

impl Type {
    /// The Frictionless Table Schema type.
    pub fn frictionless(self) -> &'static str {
        match self {
            Type::String => "string",
            Type::Integer => "integer",
            Type::Decimal | Type::Number => "number",
            Type::Boolean => "boolean",
        }
    }
}

/// One column.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub ty: Type,
    pub description: &'static str,
}

/// One output file.
#[derive(Debug, Clone, Copy)]
pub struct File {
    /// `facts.csv`.
    pub name: &'static str,
    pub columns: &'static [Column],
}

impl File {
    /// The file's name without `.csv` (`facts`): the resource, table or
    /// dataset name in other formats.
    pub fn stem(&self) -> &'static str {
        self.name.strip_suffix(".csv").unwrap_or(self.name)
    }

    /// The column names, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.columns.iter().map(|c| c.name).collect()
    }
}

const fn col(name: &'static str, ty: Type, description: &'static str) -> Column {
    Column {
        name,
        ty,
        description,
    }
}

// Columns several files share.
const DOC_ID: Column = col(
    "doc_id",
    Type::String,
    "first 16 hex digits of the SHA-256 of the PDF",
);
const PAGE: Column = col(
    "page",
    Type::Integer,
    "1-based page number (page); 0-based grid positions (row, col); counts",
);
const VALUE: Column = col(
    "value",
    Type::Decimal,
    "exact decimal in the canonical unit given by `unit` (yuan, person, count, vehicle, m2, pct)",
);
const SOURCE: Column = col(
    "source",
    Type::String,
    "text (born-digital text layer) | ocr (read from a scanned page)",
);
const OCR_CONFIDENCE: Column = col(
    "ocr_confidence",
    Type::Number,
    "OCR confidence 0–100 of the cell (or the line a narrative figure was read from); empty for text",
);
const DEPARTMENT: Column = col("department", Type::String, "");
const YEAR: Column = col("year", Type::Integer, "fiscal year the document is about");
const DOC_KIND: Column = col("doc_kind", Type::String, "budget | final_account");
const UNIT: Column = col("unit", Type::String, "canonical unit of `value`");
const TABLE_KIND: Column = col("table_kind", Type::String, "");
const TABLE_ID: Column = col("table_id", Type::String, "");
const DEPT_KEY: Column = col(
    "dept_key",
    Type::String,
    "one key for one body across years, short/full names and reform renames (data/department_names.csv); a unit document keeps its own",
);
const REGION_CODE: Column = col(
    "region_code",
    Type::String,
    "6-digit administrative division code of the region (data/regions.csv; 100000 for central bodies)",
);
const MEASURE: Column = col(
    "measure",
    Type::String,
    "canonical key of the column's figure (total, basic, project, personnel, public_funds, … : data/columns.csv); empty when no rule matches",
);
const FUND: Column = col(
    "fund",
    Type::String,
    "funding scope of the table: all | fiscal | general_budget | government_fund | state_capital",
);
const PERIOD: Column = col(
    "period",
    Type::String,
    "current (this year / 决算数) | prior | change | budget (the 预算数 of a final account)",
);

/// Every CSV file of the output folder, in the order they are written.
pub const FILES: &[File] = &[
    File {
        name: "documents.csv",
        columns: &[
            DOC_ID,
            col("source_path", Type::String, ""),
            col("sha256", Type::String, "SHA-256 of the PDF file"),
            col(
                "pages",
                Type::Integer,
                "1-based page number (page); 0-based grid positions (row, col); counts",
            ),
            col("producer", Type::String, ""),
            DEPARTMENT,
            col("department_short", Type::String, ""),
            col("region", Type::String, ""),
            YEAR,
            DOC_KIND,
            col(
                "status",
                Type::String,
                "documents: ok | partial | failed; checks: pass | fail | skipped",
            ),
            col(
                "text_pages",
                Type::Integer,
                "1-based page number (page); 0-based grid positions (row, col); counts",
            ),
            col(
                "image_pages",
                Type::Integer,
                "1-based page number (page); 0-based grid positions (row, col); counts",
            ),
            col("warnings", Type::String, ""),
            col("error", Type::String, ""),
            col("level", Type::String, ""),
            DEPT_KEY,
            REGION_CODE,
            col(
                "tables_found",
                Type::String,
                "the standard table kinds found, `;` separated",
            ),
            col(
                "metrics_missing",
                Type::String,
                "core metrics a document of its kind normally states that were not found, `;` separated",
            ),
            col(
                "source_url",
                Type::String,
                "where the file was fetched from, from `extract --manifest` (empty without one)",
            ),
            col(
                "publisher",
                Type::String,
                "who published the file, from `extract --manifest`",
            ),
            col(
                "published",
                Type::String,
                "publication date, as the manifest writes it",
            ),
            col("fetched", Type::String, "fetch time, as the manifest writes it"),
            col(
                "manifest_extra",
                Type::String,
                "the manifest's other columns for the file, one JSON object",
            ),
            col(
                "parent_department",
                Type::String,
                "for a unit document (level = unit): the department it belongs to; empty for other levels or when nothing says",
            ),
            col(
                "parent_dept_key",
                Type::String,
                "the parent department's dept_key, to join a unit's figures to its department's",
            ),
            col(
                "parent_source",
                Type::String,
                "where parent_department came from: text (the document names it), data (a parent row of data/department_names.csv), manifest (its publisher), self (the unit's name is a department's)",
            ),
        ],
    },
    File {
        name: "facts.csv",
        columns: &[
            DOC_ID,
            DEPARTMENT,
            YEAR,
            DOC_KIND,
            col("metric", Type::String, ""),
            col("label", Type::String, ""),
            VALUE,
            UNIT,
            col("raw_text", Type::String, ""),
            PAGE,
            col("section", Type::String, ""),
            col("origin", Type::String, ""),
            SOURCE,
            OCR_CONFIDENCE,
            DEPT_KEY,
            REGION_CODE,
            col(
                "stated_reason_kind",
                Type::String,
                "a change metric (*.change, *.change_pct) explained by a change of scope: definition (口径) | reform (机构改革) | transfer (划转, 转隶) | merger (合并), `;` separated; empty when none is stated (data/change_reasons.csv)",
            ),
            col(
                "stated_reason",
                Type::String,
                "the clause that explains the change by the change of scope, as printed (主要原因是…口径调整…)",
            ),
            col(
                "stated_reason_page",
                Type::Integer,
                "1-based page the explanation starts on",
            ),
        ],
    },
    File {
        name: "tables.csv",
        columns: &[
            DOC_ID,
            TABLE_ID,
            TABLE_KIND,
            PAGE,
            col(
                "row",
                Type::Integer,
                "1-based page number (page); 0-based grid positions (row, col); counts",
            ),
            col(
                "col",
                Type::Integer,
                "1-based page number (page); 0-based grid positions (row, col); counts",
            ),
            col(
                "rowspan",
                Type::Integer,
                "1-based page number (page); 0-based grid positions (row, col); counts",
            ),
            col(
                "colspan",
                Type::Integer,
                "1-based page number (page); 0-based grid positions (row, col); counts",
            ),
            col("header", Type::String, ""),
            col("text", Type::String, ""),
            VALUE,
            UNIT,
            col("title", Type::String, ""),
            col("is_header", Type::Boolean, ""),
            SOURCE,
            OCR_CONFIDENCE,
            col(
                "ocr_verified",
                Type::Boolean,
                "OCR tables: true when the table's own identities all pass, false when one fails (flagged for review); empty for text or when none applies",
            ),
            DOC_KIND,
            MEASURE,
            FUND,
            PERIOD,
        ],
    },
    File {
        name: "line_items.csv",
        columns: &[
            DOC_ID,
            DEPARTMENT,
            YEAR,
            TABLE_KIND,
            col(
                "code",
                Type::String,
                "政府收支分类科目 code, digits only (类 3, 款 5, 项 7)",
            ),
            col("name", Type::String, ""),
            col("column", Type::String, ""),
            VALUE,
            UNIT,
            col("printed_name", Type::String, ""),
            col("name_mismatch", Type::Boolean, ""),
            PAGE,
            TABLE_ID,
            DOC_KIND,
            MEASURE,
            FUND,
            PERIOD,
            col(
                "entity",
                Type::String,
                "the unit whose figures these are, where a table prints the department's figures and then each unit's; empty for the department's own",
            ),
            col(
                "parallel_code",
                Type::String,
                "the code of a second classification printed on the same row (政府预算 经济分类 beside the 部门预算 one); empty when there is none",
            ),
            DEPT_KEY,
            REGION_CODE,
            col(
                "code_source",
                Type::String,
                "where the code came from: printed (whole on the row), completed (the row prints its last digits, the rest comes from the rows above), resolved_by_name (the row prints no code: found from its name and the rows above in data/subject_codes.csv)",
            ),
        ],
    },
    File {
        name: "projects.csv",
        columns: &[
            DOC_ID,
            DEPARTMENT,
            YEAR,
            col("project", Type::String, ""),
            col("total", Type::Decimal, "yuan"),
            col("recurring", Type::Decimal, "yuan"),
            col("one_off", Type::Decimal, "yuan"),
            UNIT,
            col("executing_unit", Type::String, ""),
            col("project_type", Type::String, ""),
            col("manager_unit", Type::String, ""),
            col("total_budget", Type::Decimal, "yuan"),
            col("current_year_budget", Type::Decimal, "yuan"),
            PAGE,
            DOC_KIND,
            DEPT_KEY,
            REGION_CODE,
            col("project_code", Type::String, ""),
        ],
    },
    File {
        name: "indicators.csv",
        columns: &[
            DOC_ID,
            col("project", Type::String, ""),
            col("level1", Type::String, ""),
            col("level2", Type::String, ""),
            col("content", Type::String, ""),
            col("value_text", Type::String, ""),
            VALUE,
            UNIT,
            col("standard", Type::String, ""),
            PAGE,
            DEPARTMENT,
            YEAR,
            DOC_KIND,
            DEPT_KEY,
            REGION_CODE,
        ],
    },
    File {
        name: "checks.csv",
        columns: &[
            DOC_ID,
            col("check", Type::String, ""),
            col(
                "status",
                Type::String,
                "documents: ok | partial | failed; checks: pass | fail | skipped",
            ),
            col("expected", Type::Decimal, "yuan (or the metric's unit)"),
            col("actual", Type::Decimal, "yuan (or the metric's unit)"),
            col("difference", Type::Decimal, "yuan (or the metric's unit)"),
            // A list (`3;4`), so text: typed formats would refuse it as a number.
            col("pages", Type::String, "1-based pages involved, `;` separated"),
            col("message", Type::String, ""),
            col(
                "severity",
                Type::String,
                "for a fail: material, or rounding (within one unit of the last printed digit of every figure involved); empty otherwise",
            ),
            DOC_KIND,
        ],
    },
];
