//! Repeated (city, year, KPI, data point) rows, found when the dataset is
//! indexed: each names both rows, grouped by kind like the row checks.

use crate::model::{Catalogue, CityId, Dataset, Duplicate, Observation, RowRef};

use super::kinds::Site;
use super::problem::{Problem, Severity};
use super::report::ImportReport;

/// Each repeated (city, year, KPI, data point) names both rows: same value is a
/// warning, a different value an error; the first value is kept either way
/// (and the other counts as left out of its city).
pub(crate) fn report_duplicates(dataset: &Dataset, duplicates: Vec<Duplicate>, report: &mut ImportReport) {
    for dup in duplicates {
        let obs = &dup.dropped;
        let same = dup.first_value == obs.value();
        let at = &dup.dropped_at;
        if !same {
            let city = dataset.cities.get(obs.city.index()).map_or("", |c| c.name.as_str());
            report.add_left_out([(city.to_lowercase(), 1)]);
        }
        one_less_loaded(report, at);
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
fn duplicate_problem(dataset: &Dataset, dup: &Duplicate, same: bool) -> Problem {
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

/// Tables whose city came from outside the file (`--city`, the column mapping)
/// and that give one city, KPI and year two different values are two cities
/// that were given one name: none of their values is kept for that city, and
/// one error per city says so and how to name them (a stop: nothing is scored
/// while it stands, see [`super::report::STOPS`]). Runs before the index drops
/// repeats, so that the repeats left are reported against values that stay.
pub(crate) fn withdraw_merged_cities(
    (catalogue, dataset): (&Catalogue, &mut Dataset),
    city_given: &[u32],
    report: &mut ImportReport,
) {
    if city_given.is_empty() {
        return;
    }
    let given = |o: &Observation| city_given.contains(&o.origin().table);
    let merged: Vec<(Observation, Observation)> = (dataset.repeats().into_iter())
        .filter(|(a, b)| a.value() != b.value() && given(a) && given(b) && a.origin().table != b.origin().table)
        .collect();
    let mut cities: Vec<CityId> = merged.iter().map(|(a, _)| a.city).collect();
    cities.sort_unstable();
    cities.dedup();
    for city in cities {
        let Some(&(first, later)) = merged.iter().find(|(a, _)| a.city == city) else {
            continue;
        };
        let ats = (dataset.origin(&first), dataset.origin(&later));
        let withdrawn = dataset.withdraw(|o| o.city == city && given(o));
        let name = dataset
            .cities
            .get(city.index())
            .map_or("", |c| c.name.as_str())
            .to_string();
        report.add_left_out([(name.to_lowercase(), withdrawn.len())]);
        for origin in &withdrawn {
            one_less_loaded(report, origin);
        }
        let problem = merged_problem(catalogue, (&first, &later), ats, &name);
        report.push_at(site_of(&problem), || problem.clone());
    }
}

/// One value fewer loaded from the table of `at` (its summary's count).
fn one_less_loaded(report: &mut ImportReport, at: &RowRef) {
    let same = |t: &&mut super::report::TableSummary| *t.file == *at.file && t.sheet.as_deref() == at.sheet.as_deref();
    if let Some(summary) = report.tables.iter_mut().find(same) {
        summary.loaded = summary.loaded.saturating_sub(1);
    }
}

/// The error of two tables given one city that hold different values.
fn merged_problem(
    catalogue: &Catalogue,
    (first, later): (&Observation, &Observation),
    (a, b): (RowRef, RowRef),
    city: &str,
) -> Problem {
    let table = |at: &RowRef| match (&at.sheet, *at.file == *a.file && *at.file == *b.file) {
        (Some(sheet), true) => format!("sheet '{sheet}'"),
        (Some(sheet), false) => format!("{} [sheet '{sheet}']", at.file),
        (None, _) => at.file.to_string(),
    };
    let id = later.item();
    let item = format!("{} ({})", catalogue.kpi_of(id).code, catalogue.item_label(id));
    let year = later.year().map(|y| format!(" in {y}")).unwrap_or_default();
    let message = format!(
        "{} and {} have no city of their own and were both given '{city}' (by --city or the column mapping), but they give {item}{year} different values ({} in {}, {} in {}): they look like different cities, so none of their values is loaded for {city}",
        table(&a),
        table(&b),
        first.value().display(),
        table(&a),
        later.value().display(),
        table(&b),
    );
    Problem {
        severity: Severity::Error,
        file: b.file.to_string(),
        sheet: b.sheet.as_ref().map(|s| s.to_string()),
        row: Some(b.row),
        column: None,
        text: None,
        message,
        hint: Some("say which city each table holds: a city column, a 'City:' label above the header, or sheets named after their cities (and no --city)".into()),
    }
}

fn site_of(problem: &Problem) -> Site<'_> {
    Site {
        key: super::report::STOPS[0],
        severity: Severity::Error,
        file: &problem.file,
        sheet: problem.sheet.as_deref(),
        column: None,
        row: problem.row,
    }
}
