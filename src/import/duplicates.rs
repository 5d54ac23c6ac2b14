//! Repeated (city, year, KPI, data point) rows, found when the dataset is
//! indexed: each names both rows, grouped by kind like the row checks.

use crate::model::Dataset;

use super::kinds::Site;
use super::problem::{Problem, Severity};
use super::report::ImportReport;

/// Each repeated (city, year, KPI, data point) names both rows: same value is a
/// warning, a different value an error; the first value is kept either way.
pub(crate) fn report_duplicates(
    dataset: &Dataset,
    duplicates: Vec<crate::model::Duplicate>,
    report: &mut ImportReport,
) {
    for dup in duplicates {
        let obs = &dup.dropped;
        let same = dup.first_value == obs.value();
        let at = &dup.dropped_at;
        if let Some(summary) = report
            .tables
            .iter_mut()
            .find(|t| *t.file == *at.file && t.sheet.as_deref() == at.sheet.as_deref())
        {
            summary.loaded = summary.loaded.saturating_sub(1);
        }
        let site = Site {
            key: if same { "duplicate row" } else { "conflicting duplicate" },
            severity: if same { Severity::Warning } else { Severity::Error },
            file: &at.file,
            sheet: at.sheet.as_deref(),
            column: None,
            row: Some(at.row),
        };
        report.push_at(site, || duplicate_problem(dataset, &dup, same));
    }
}

/// The problem of a repeated row: same value (a warning) or another (an error).
fn duplicate_problem(dataset: &Dataset, dup: &crate::model::Duplicate, same: bool) -> Problem {
    let obs = &dup.dropped;
    let city = dataset.cities.get(obs.city.index()).map_or("", |c| c.name.as_str());
    let year = obs.year().map(|y| format!(" in {y}")).unwrap_or_default();
    let (severity, message, hint) = if same {
        (
            Severity::Warning,
            format!("duplicate of {} (same value); this row is ignored", dup.first),
            "remove one of the two rows",
        )
    } else {
        let message = format!(
            "conflicts with {}: {city}{year} has {} there and {} here; the first value is kept",
            dup.first,
            dup.first_value.display(),
            obs.value().display()
        );
        (
            Severity::Error,
            message,
            "keep one value per city, year, KPI and data point",
        )
    };
    let at = &dup.dropped_at;
    Problem {
        severity,
        file: at.file.to_string(),
        sheet: at.sheet.as_ref().map(|s| s.to_string()),
        row: Some(at.row),
        column: None,
        text: Some(obs.value().display()),
        message,
        hint: Some(hint.into()),
    }
}
