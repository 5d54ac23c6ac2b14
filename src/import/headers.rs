//! A table's headers as read: made unique, and no more of them than Excel allows.

use std::collections::HashSet;

use super::problem::{Problem, Severity};
use super::report::ImportReport;

/// The most columns a table may have: Excel's own limit. A KPI table has one
/// column per KPI, year or city at most (a few hundred); a wider "table" is a
/// file read with the wrong separator, or not a table, and is refused at once
/// rather than parsed column by column.
pub(crate) const MAX_COLUMNS: usize = 16_384;

/// The refusal of a table wider than [`MAX_COLUMNS`]; `None` for a table that is not.
pub(crate) fn too_wide(file: &str, columns: usize) -> Option<Problem> {
    (columns > MAX_COLUMNS).then(|| {
        Problem::file(
            Severity::Error,
            file,
            format!("the table has {columns} columns; cityprofile reads at most {MAX_COLUMNS} (Excel's limit), and a KPI table has one per KPI, year or city"),
            "check that the file is a table with one record per line, and its separator",
        )
    })
}

/// Gives empty or repeated headers a unique name, with a warning.
pub(crate) fn unique_headers(file: &str, headers: Vec<String>, report: &mut ImportReport) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(headers.len());
    // Names taken so far, lowercased: one lookup per header, not a walk of all.
    let mut taken: HashSet<String> = HashSet::with_capacity(headers.len());
    for (i, header) in headers.into_iter().enumerate() {
        let mut name = if header.is_empty() {
            format!("column_{}", i + 1)
        } else {
            header
        };
        if taken.contains(&name.to_ascii_lowercase()) {
            let renamed = format!("{name}_{}", i + 1);
            report.push(Problem::file(
                Severity::Warning,
                file,
                format!("column '{name}' appears twice; the second is read as '{renamed}'"),
                "give every column its own name",
            ));
            name = renamed;
        }
        taken.insert(name.to_ascii_lowercase());
        out.push(name);
    }
    out
}
