//! CSV output through the `csv` crate: rows of [`CsvCell`]s, serialised. Text
//! that a spreadsheet would run as a formula (starting with = + - @, tab or CR)
//! is neutralised with a leading quote mark; numbers print as everywhere else.

use std::io::Write;

use serde::{Serialize, Serializer};
use serde_json::Value as Json;

use crate::model::format_number;

/// Whether a spreadsheet would take `text` for a formula (or a DDE command):
/// it starts with `=`, `+`, `-`, `@`, a tab or a carriage return. CSV output
/// prefixes such text with `'`; workbooks give its cell Excel's quote prefix.
pub(crate) fn formula_like(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// One cell of a CSV row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CsvCell {
    Text(String),
    Number(f64),
    /// A number written in full (shortest text that reads back to the same f64).
    Exact(f64),
    Empty,
}

impl Serialize for CsvCell {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            CsvCell::Text(text) if formula_like(text) => serializer.serialize_str(&format!("'{text}")),
            CsvCell::Text(text) => serializer.serialize_str(text),
            CsvCell::Number(v) => serializer.serialize_str(&format_number(*v)),
            CsvCell::Exact(v) => serializer.serialize_str(&v.to_string()),
            CsvCell::Empty => serializer.serialize_str(""),
        }
    }
}

impl From<&Json> for CsvCell {
    fn from(value: &Json) -> CsvCell {
        match value {
            Json::Null => CsvCell::Empty,
            Json::String(s) => CsvCell::Text(s.clone()),
            Json::Number(n) => n.as_f64().map_or_else(|| CsvCell::Text(n.to_string()), CsvCell::Number),
            other => CsvCell::Text(other.to_string()),
        }
    }
}

/// Writes a header and the rows (each a serialised sequence of cells).
pub(crate) fn write_rows(
    out: &mut dyn Write,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<CsvCell>>,
) -> std::io::Result<()> {
    // The csv crate's errors become plain I/O errors here, keeping their kind
    // (a closed pipe stays `BrokenPipe`, which the command line treats as normal).
    let io = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    };
    let mut writer = csv::WriterBuilder::new().has_headers(false).from_writer(out);
    writer.write_record(header).map_err(io)?;
    for row in rows {
        writer.serialize(row).map_err(io)?;
    }
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(cells: Vec<CsvCell>) -> String {
        let mut out = Vec::new();
        let header = vec!["x"; cells.len()];
        write_rows(&mut out, &header, [cells]).expect("written");
        String::from_utf8(out)
            .expect("utf-8")
            .lines()
            .nth(1)
            .unwrap_or_default()
            .to_string()
    }

    #[test]
    fn formula_like_text_is_what_a_spreadsheet_would_run() {
        for text in ["=cmd|' /C calc'!A0", "@SUM(1)", "+1", "-2", "\tx", "\rx"] {
            assert!(formula_like(text), "{text:?}");
        }
        for text in ["Pully", "", " =1", "95+", "a=b", "'=1"] {
            assert!(!formula_like(text), "{text:?}");
        }
    }

    #[test]
    fn formulas_are_neutralised_and_quotes_escaped() {
        let text = |t: &str| CsvCell::Text(t.into());
        assert_eq!(
            line(vec![text("=1+1"), text("@SUM(A1)"), text("-2")]),
            "'=1+1,'@SUM(A1),'-2"
        );
        assert_eq!(line(vec![text("a,\"b\""), text("Pully")]), "\"a,\"\"b\"\"\",Pully");
        assert_eq!(
            line(vec![
                CsvCell::Number(-2.5),
                CsvCell::Empty,
                CsvCell::Number(58.0 + 1.0 / 3.0)
            ]),
            "-2.5,,58.3333"
        );
    }
}
