//! `cityprofile validate`: the import report, as text or JSON.

use std::io::Write;

use anyhow::Result;

use super::{ExitCode, ReportFormat};
use crate::import::{ImportReport, Severity};
use crate::workspace::{Sources, Workspace, WorkspaceError};

pub(crate) fn run(sources: &Sources, format: ReportFormat, out: &mut dyn Write) -> Result<ExitCode> {
    let report = match Workspace::load(sources, &mut |_, _, _| {}) {
        Ok(ws) => ws.report,
        Err(WorkspaceError::Catalogue(report)) => report,
    };
    match format {
        ReportFormat::Text => write_text(&report, out)?,
        ReportFormat::Json => {
            let json = serde_json::json!({
                "errors": report.error_count(),
                "warnings": report.warning_count(),
                "tables": report.tables,
                "problems": report.problems,
                "unlisted": report.unlisted,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
        }
    }
    Ok(if report.has_errors() { 1 } else { 0 })
}

/// The report as readable text: tables read, problems, then a summary line.
pub(crate) fn write_text(report: &ImportReport, out: &mut dyn Write) -> std::io::Result<()> {
    if !report.tables.is_empty() {
        writeln!(out, "Read {} table(s):", report.tables.len())?;
        for t in &report.tables {
            let sheet = t.sheet.as_ref().map(|s| format!(" [sheet {s}]")).unwrap_or_default();
            let what = if t.role.starts_with("values") {
                "values"
            } else if t.role == "ignored" {
                "items"
            } else {
                t.role.as_str()
            };
            writeln!(
                out,
                "  {}{sheet}: {}, {} row(s), {} {what} loaded",
                t.file, t.role, t.rows, t.loaded
            )?;
        }
    }
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        for problem in report.problems.iter().filter(|p| p.severity == severity) {
            writeln!(out, "{problem}")?;
        }
    }
    for (file, n) in &report.unlisted {
        writeln!(out, "... and {n} more problem(s) in {file}, not listed")?;
    }
    let (e, w) = (report.error_count(), report.warning_count());
    let verdict = if e == 0 {
        "OK: the good rows load"
    } else {
        "the rows with errors were left out; the good rows load"
    };
    writeln!(out, "{e} error(s), {w} warning(s): {verdict}")
}
