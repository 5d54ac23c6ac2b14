//! What a file is, by its content (not its name): delimited text, Parquet,
//! JSON or a workbook, and the errors for bytes that are none of them.

use polars::prelude::PolarsError;

use super::problem::{Problem, Severity};

/// The formats cityprofile reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Parquet,
    Json,
    Workbook,
}

pub(crate) fn describe(format: Format) -> &'static str {
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
