//! Files to [`RawTable`]s: format detection by content, then polars for
//! delimited text, Parquet and JSON, calamine for spreadsheets.

use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

use polars::prelude::*;

use super::delimited::read_text;
use super::detect::{Format, binary_problem, describe, detect, polars_problem};
use super::headers::too_wide;
use super::problem::{Problem, Severity};
use super::report::ImportReport;
use super::table::{RawTable, RowNumbers};

/// Reads one file into its tables. Problems go to `report`; an unreadable file
/// gives one error and no tables.
pub(crate) fn read_tables(name: &str, bytes: &[u8], report: &mut ImportReport) -> Vec<RawTable> {
    let file: Arc<str> = Arc::from(name);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_tables_inner(&file, bytes, report)));
    match result {
        Ok(Ok(tables)) => tables,
        Ok(Err(problem)) => {
            report.push(problem);
            Vec::new()
        }
        Err(_) => {
            report.push(Problem::file(
                Severity::Error,
                name,
                "the file could not be read (the reader failed on its contents)",
                "check that the file is a complete CSV, Excel, Parquet or JSON file; open and save it again",
            ));
            Vec::new()
        }
    }
}

fn read_tables_inner(file: &Arc<str>, bytes: &[u8], report: &mut ImportReport) -> Result<Vec<RawTable>, Problem> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Problem::file(
            Severity::Error,
            file,
            "the file is empty",
            "export the table again; a data file needs a header row and at least one data row",
        ));
    }
    let ext = Path::new(file.as_ref())
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let format = detect(bytes).ok_or_else(|| binary_problem(file, bytes))?;
    let expected = match ext.as_str() {
        "parquet" | "pq" => Some(Format::Parquet),
        "json" | "jsonl" | "ndjson" => Some(Format::Json),
        "xlsx" | "xls" | "xlsm" | "xlsb" | "ods" => Some(Format::Workbook),
        "csv" | "tsv" | "txt" | "tab" => Some(Format::Text),
        _ => None,
    };
    if let Some(expected) = expected
        && expected != format
        && !(expected == Format::Text && format == Format::Json)
    {
        if matches!(expected, Format::Workbook | Format::Parquet) {
            return Err(Problem::file(
                Severity::Error,
                file,
                format!(
                    "the file is named .{ext} but its contents are not a complete {ext} file (truncated or another format)"
                ),
                "open it in the program that made it and save it again",
            ));
        }
        report.push(Problem::file(
            Severity::Warning,
            file,
            format!(
                "the file is named .{ext} but holds {}; read it as such",
                describe(format)
            ),
            "rename the file to match its contents",
        ));
    }
    match format {
        Format::Parquet => read_parquet(file, bytes).map(|t| vec![t]),
        Format::Json => read_json(file, bytes, report).map(|t| vec![t]),
        Format::Workbook => super::workbook::read_workbook(file, bytes, report),
        Format::Text => read_text(file, bytes, report).map(|t| vec![t]),
    }
}

fn read_parquet(file: &Arc<str>, bytes: &[u8]) -> Result<RawTable, Problem> {
    let mut reader = ParquetReader::new(Cursor::new(bytes));
    let width = reader
        .schema()
        .map_err(|e| polars_problem(file, "Parquet file", e))?
        .len();
    if let Some(problem) = too_wide(file, width) {
        return Err(problem);
    }
    let df = reader.finish().map_err(|e| polars_problem(file, "Parquet file", e))?;
    // Parquet and JSON have no header line: row N is the N-th record.
    RawTable::from_frame(file, None, df, RowNumbers::Offset(1))
}

pub(crate) fn read_json(file: &Arc<str>, bytes: &[u8], report: &mut ImportReport) -> Result<RawTable, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some((array, lines)) = super::ndjson::ndjson_as_array(file, bytes, report) {
        report.push(Problem::file(
            Severity::Info,
            file,
            "newline-delimited JSON: one record per line",
            "",
        ));
        let mut table = read_json_array(file, &array, report)?;
        // Row N of a message is line N of the file.
        if lines.len() == table.height {
            table.rows = RowNumbers::Explicit(lines);
        }
        return Ok(table);
    }
    read_json_array(file, bytes, report)
}

fn read_json_array(file: &Arc<str>, bytes: &[u8], report: &mut ImportReport) -> Result<RawTable, Problem> {
    // serde_json first: its errors name line and column, and it tells us every key,
    // so polars can read all of them as text (no row is lost to a mixed-type column).
    let parsed: serde_json::Value = serde_json::from_slice(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(|e| {
        Problem::file(Severity::Error, file, format!("the JSON is not valid: {e}"), "a data file in JSON is an array of records: [{\"city\": \"Pully\", \"year\": 2020, \"kpi\": \"EC: ICT: ICT: 1C\", \"value\": 91}]")
    })?;
    let serde_json::Value::Array(records) = parsed else {
        return Err(Problem::file(
            Severity::Error,
            file,
            "the JSON is not an array of records",
            "write the rows as [{\"city\": ..., \"kpi\": ..., \"value\": ...}, ...]",
        ));
    };
    let mut keys: Vec<String> = Vec::new();
    let mut nested: Vec<String> = Vec::new();
    for record in &records {
        let serde_json::Value::Object(map) = record else {
            return Err(Problem::file(
                Severity::Error,
                file,
                "a JSON array element is not an object",
                "every element must be a record such as {\"city\": \"Pully\", ...}",
            ));
        };
        for (key, value) in map {
            if !keys.contains(key) {
                keys.push(key.clone());
            }
            if (value.is_object() || value.is_array()) && !nested.contains(key) {
                nested.push(key.clone());
            }
        }
    }
    for key in &nested {
        report.push(Problem::file(
            Severity::Warning,
            file,
            format!("field '{key}' holds nested objects or lists; it is ignored"),
            "keep to plain numbers and text in each record",
        ));
    }
    keys.retain(|k| !nested.contains(k));
    if let Some(problem) = too_wide(file, keys.len()) {
        return Err(problem);
    }
    let schema: Schema = keys
        .iter()
        .map(|k| Field::new(k.as_str().into(), DataType::String))
        .collect();
    let df = JsonReader::new(Cursor::new(bytes))
        .with_schema(Arc::new(schema))
        .finish()
        .map_err(|e| polars_problem(file, "JSON records", e))?;
    RawTable::from_frame(file, None, df, RowNumbers::Offset(1))
}
