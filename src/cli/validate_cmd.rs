//! `cityprofile validate`: the import report, as text or JSON.

use std::io::Write;

use anyhow::Result;

use super::{ExitCode, ReportFormat};
use crate::import::{ImportReport, Severity};
use crate::model::counted;
use crate::workspace::{Sources, Workspace, WorkspaceError};

pub(crate) fn run(sources: &Sources, format: ReportFormat, out: &mut dyn Write) -> Result<ExitCode> {
    let report = match Workspace::load_report(sources) {
        Ok((report, from)) => {
            super::score_cmd::note_cache_use(from);
            report
        }
        Err(WorkspaceError::Catalogue(report)) => report,
    };
    let mut out = std::io::BufWriter::new(out);
    match format {
        ReportFormat::Text => write_text(&report, &mut out)?,
        ReportFormat::Json => write_json(&report, &mut out)?,
    }
    out.flush()?;
    Ok(if report.has_errors() { 1 } else { 0 })
}

/// Text output lists this many problems of a kind, then counts the rest.
const TEXT_PER_KIND: usize = 5;

/// The report as JSON, written as it goes (a million problems are never one
/// value in memory): counts, tables, kinds, then every problem, one per line.
/// A problem beyond its kind's listing has its place and `kind` (an index into
/// `kinds`, which gives an example message and the hint) but no message.
pub fn write_json(report: &ImportReport, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "{{")?;
    writeln!(out, "  \"errors\": {},", report.error_count())?;
    writeln!(out, "  \"warnings\": {},", report.warning_count())?;
    writeln!(out, "  \"tables\": {},", serde_json::to_string(&report.tables)?)?;
    writeln!(out, "  \"kinds\": {},", serde_json::to_string(&report.kinds.kinds)?)?;
    write!(out, "  \"problems\": [")?;
    let mut first = true;
    let mut sep = |out: &mut dyn Write| -> std::io::Result<()> {
        let s = if first { "\n    " } else { ",\n    " };
        first = false;
        write!(out, "{s}")
    };
    for (problem, kind) in report.problems.iter().zip(&report.kinds.listed_kind) {
        sep(out)?;
        let mut value = serde_json::to_value(problem)?;
        if let Some(fields) = value.as_object_mut() {
            fields.insert("kind".into(), serde_json::json!(kind));
        }
        serde_json::to_writer(&mut *out, &value)?;
    }
    for repeat in &report.kinds.repeats {
        let Some(kind) = report.kinds.kinds.get(repeat.kind as usize) else {
            continue;
        };
        sep(out)?;
        let value = serde_json::json!({
            "severity": kind.severity,
            "file": kind.file,
            "sheet": kind.sheet,
            "row": (repeat.row > 0).then_some(repeat.row),
            "column": kind.column,
            "kind": repeat.kind,
        });
        serde_json::to_writer(&mut *out, &value)?;
    }
    writeln!(out, "\n  ],")?;
    writeln!(out, "  \"unlisted\": {}", serde_json::to_string(&report.unlisted)?)?;
    writeln!(out, "}}")?;
    Ok(())
}

/// The report as readable text: tables read, problems, then a summary line.
pub fn write_text(report: &ImportReport, out: &mut dyn Write) -> std::io::Result<()> {
    if !report.tables.is_empty() {
        writeln!(out, "Read {}:", counted(report.tables.len(), "table"))?;
        for t in &report.tables {
            let sheet = t.sheet.as_ref().map(|s| format!(" [sheet {s}]")).unwrap_or_default();
            if t.role == "skipped" {
                writeln!(out, "  {}{sheet}: skipped (a sheet of notes)", t.file)?;
                continue;
            }
            let (one, many) = match t.role.as_str() {
                r if r.starts_with("values") => ("value", "values"),
                "cities" => ("city", "cities"),
                "targets" => ("target", "targets"),
                _ => ("item", "items"),
            };
            let loaded = format!("{} {}", t.loaded, if t.loaded == 1 { one } else { many });
            writeln!(
                out,
                "  {}{sheet}: {}, {}, {loaded} loaded",
                t.file,
                t.role,
                counted(t.rows, "row")
            )?;
        }
    }
    let kinds = &report.kinds;
    let mut shown = vec![0usize; kinds.kinds.len()];
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let listed = report.problems.iter().zip(&kinds.listed_kind);
        for (problem, kind) in listed.filter(|(p, _)| p.severity == severity) {
            if let Some(k) = kind.and_then(|k| shown.get_mut(k as usize)) {
                if *k >= TEXT_PER_KIND {
                    continue;
                }
                *k += 1;
            }
            writeln!(out, "{problem}")?;
        }
        for (kind, &n) in kinds.kinds.iter().zip(&shown) {
            if kind.severity == severity && kind.count > n {
                writeln!(out, "  ... {}", kind.more_like_this(kind.count - n))?;
            }
        }
    }
    for (file, n) in &report.unlisted {
        writeln!(out, "... and {} more in {file}, not listed", counted(*n, "problem"))?;
    }
    let (e, w) = (report.error_count(), report.warning_count());
    if kinds.kinds.iter().zip(&shown).any(|(kind, &n)| kind.count > n) {
        writeln!(out, "(`--format json` lists every problem with its row)")?;
    }
    writeln!(
        out,
        "{}, {}: {}",
        counted(e, "error"),
        counted(w, "warning"),
        verdict(report)
    )
}

/// The last word of the report: "OK" only when every table was read and no row
/// was left out; else what was not read, named.
fn verdict(report: &ImportReport) -> String {
    let stop = report.stop().map(
        |_| "the data say two things at once (see the error above): nothing is scored until they say which is meant",
    );
    let mut ignored: Vec<String> = (report.tables.iter().filter(|t| t.role == "ignored"))
        .map(|t| match &t.sheet {
            Some(sheet) => format!("{} [sheet {sheet}]", t.file),
            None => t.file.clone(),
        })
        .collect();
    // Files refused whole: an error about the file, and no table read from it.
    for p in report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error && p.row.is_none())
    {
        if !report.tables.iter().any(|t| t.file == p.file) && !ignored.contains(&p.file) {
            ignored.push(p.file.clone());
        }
    }
    let errors = report.error_count() > 0;
    let verdict = match (ignored.as_slice(), errors) {
        ([], false) => "OK: the good rows load".into(),
        ([], true) => "the rows with errors were left out; the good rows load".into(),
        (names, _) => {
            let rows = if errors {
                "; the rows with errors were left out"
            } else {
                ""
            };
            let shown: Vec<&str> = names.iter().take(5).map(String::as_str).collect();
            let more = names.len().saturating_sub(shown.len());
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            format!(
                "NOT all read: {} not read as values, targets or cities ({}{more}), so none of their rows is loaded{rows}",
                if names.len() == 1 {
                    "1 file or table was".to_string()
                } else {
                    format!("{} files or tables were", names.len())
                },
                shown.join(", ")
            )
        }
    };
    match stop {
        Some(stop) if verdict.starts_with("NOT") => format!("{stop}; {verdict}"),
        Some(stop) => stop.to_string(),
        None => verdict,
    }
}
