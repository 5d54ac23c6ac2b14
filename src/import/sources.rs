//! Files to [`RawTable`]s: format detection by content, then polars for
//! delimited text, Parquet and JSON, calamine for spreadsheets.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use polars::prelude::*;

use super::delimited::read_text;
use super::report::{ImportReport, Problem, Severity};
use super::table::{RawTable, RowNumbers};

/// Something to import: a path, or bytes with a display name (bundled samples, drops).
#[derive(Debug, Clone)]
pub enum Input {
    Path(PathBuf),
    Bytes { name: String, bytes: Arc<[u8]> },
}

/// File types recognised by extension, for folder listings.
pub(crate) const DATA_EXTENSIONS: [&str; 12] = [
    "csv", "tsv", "txt", "parquet", "pq", "json", "jsonl", "ndjson", "xlsx", "xls", "xlsm", "ods",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Parquet,
    Json,
    Workbook,
}

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

fn describe(format: Format) -> &'static str {
    match format {
        Format::Text => "delimited text",
        Format::Parquet => "Parquet data",
        Format::Json => "JSON",
        Format::Workbook => "a spreadsheet workbook",
    }
}

/// Format by content. `None` for binary content we cannot read.
pub(crate) fn detect(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(b"PAR1") {
        return Some(Format::Parquet);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Some(Format::Workbook);
    }
    let first = bytes
        .iter()
        .copied()
        .find(|b| !(b.is_ascii_whitespace() || *b == 0xEF || *b == 0xBB || *b == 0xBF));
    if matches!(first, Some(b'[') | Some(b'{')) {
        return Some(Format::Json);
    }
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    (utf16 || !sample.contains(&0)).then_some(Format::Text)
}

pub(crate) fn binary_problem(file: &str, bytes: &[u8]) -> Problem {
    let kind = if bytes.starts_with(b"%PDF") {
        "a PDF document"
    } else if bytes.starts_with(b"\x89PNG") || bytes.starts_with(b"\xFF\xD8\xFF") || bytes.starts_with(b"GIF8") {
        "an image"
    } else if bytes.starts_with(&[0x1F, 0x8B]) {
        "a gzip archive"
    } else {
        "binary data"
    };
    Problem::file(
        Severity::Error,
        file,
        format!("the file holds {kind}, not a data table"),
        "give a CSV, TSV, Excel (xlsx, xls, ods), Parquet or JSON file",
    )
}

pub(crate) fn polars_problem(file: &str, what: &str, err: PolarsError) -> Problem {
    Problem::file(
        Severity::Error,
        file,
        format!("the {what} could not be read: {err}"),
        "check that the file is complete; open and save it again",
    )
}

/// Gives empty or repeated headers a unique name, with a warning.
pub(crate) fn unique_headers(file: &str, headers: Vec<String>, report: &mut ImportReport) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(headers.len());
    for (i, header) in headers.into_iter().enumerate() {
        let mut name = if header.is_empty() {
            format!("column_{}", i + 1)
        } else {
            header
        };
        if out.iter().any(|h| h.eq_ignore_ascii_case(&name)) {
            let renamed = format!("{name}_{}", i + 1);
            report.push(Problem::file(
                Severity::Warning,
                file,
                format!("column '{name}' appears twice; the second is read as '{renamed}'"),
                "give every column its own name",
            ));
            name = renamed;
        }
        out.push(name);
    }
    out
}

fn read_parquet(file: &Arc<str>, bytes: &[u8]) -> Result<RawTable, Problem> {
    let df = ParquetReader::new(Cursor::new(bytes))
        .finish()
        .map_err(|e| polars_problem(file, "Parquet file", e))?;
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
