//! Newline-delimited JSON (what pandas' and polars' `lines=True` writers
//! produce), turned into the JSON array the JSON reader knows.

use std::sync::Arc;

use super::problem::{Problem, Severity};
use super::report::ImportReport;

/// Newline-delimited JSON (one record per line, as pandas' and polars'
/// `lines=True` write it) as a JSON array; a line that is not a record is an
/// error naming it, and the other lines still load. `None` when the text is
/// not NDJSON (a single JSON value).
pub(super) fn ndjson_as_array(file: &Arc<str>, text: &[u8], report: &mut ImportReport) -> Option<(Vec<u8>, Vec<u32>)> {
    if serde_json::from_slice::<serde_json::Value>(text).is_ok() {
        return None;
    }
    let lines: Vec<(usize, &[u8])> = text
        .split(|b| *b == b'\n')
        .enumerate()
        .filter(|(_, l)| !l.iter().all(u8::is_ascii_whitespace))
        .collect();
    let records: Vec<(usize, &[u8])> = lines
        .iter()
        .copied()
        .filter(|(_, l)| {
            matches!(
                serde_json::from_slice::<serde_json::Value>(l),
                Ok(serde_json::Value::Object(_))
            )
        })
        .collect();
    // NDJSON when most lines are records on their own.
    if records.len() < 2 || records.len() * 2 < lines.len() {
        return None;
    }
    report_bad_lines(file, &lines, &records, report);
    let mut array = b"[".to_vec();
    for (k, (_, line)) in records.iter().enumerate() {
        if k > 0 {
            array.push(b',');
        }
        array.extend_from_slice(line);
    }
    array.push(b']');
    Some((array, records.iter().map(|(i, _)| *i as u32 + 1).collect()))
}

/// An error for each line that is not a record.
fn report_bad_lines(file: &Arc<str>, lines: &[(usize, &[u8])], records: &[(usize, &[u8])], report: &mut ImportReport) {
    for (i, line) in lines {
        if !records.iter().any(|(j, _)| j == i) {
            let hint = "write one {...} record per line";
            let mut p = Problem::file(
                Severity::Error,
                file,
                "this line is not a JSON record; it is left out",
                hint,
            );
            p.row = Some(i + 1);
            p.text = Some(
                super::cells::clean(&String::from_utf8_lossy(line))
                    .chars()
                    .take(60)
                    .collect(),
            );
            report.push(p);
        }
    }
}
