//! Repeated (city, year, KPI, data point) rows, found when the dataset is
//! indexed: each names both rows, grouped by kind like the row checks.

use std::collections::BTreeMap;

use crate::model::{Catalogue, CityId, Dataset, Duplicate, Observation, RowRef, TableName};

use super::kinds::Site;
use super::problem::{Problem, Severity};
use super::report::ImportReport;

/// Each repeated (city, year, KPI, data point) is one message naming the item,
/// the year and both places: the same value is a warning, a different value an
/// error; the first value is kept either way (and a different one counts as
/// left out of its city). A table whose every value repeats another table's,
/// alike (the same data loaded twice), is one warning for the table.
pub(crate) fn report_duplicates(
    (catalogue, dataset): (&Catalogue, &Dataset),
    duplicates: Vec<Duplicate>,
    report: &mut ImportReport,
) {
    let whole = whole_repeats(dataset, &duplicates);
    for &(table, first, count) in &whole {
        report.push(repeated_table(dataset, (table, first), count));
    }
    for dup in duplicates {
        let obs = &dup.dropped;
        let same = dup.first_value == obs.value();
        let at = &dup.dropped_at;
        if !same {
            let city = dataset.cities.get(obs.city.index()).map_or("", |c| c.name.as_str());
            report.add_left_out([(city.to_lowercase(), 1)]);
        }
        one_less_loaded(report, at);
        if whole.iter().any(|w| w.0 == obs.origin().table) {
            continue;
        }
        let site = Site {
            key: if same { "duplicate row" } else { "conflicting duplicate" },
            severity: if same { Severity::Warning } else { Severity::Error },
            file: &at.file,
            sheet: at.sheet.as_deref(),
            column: None,
            row: Some(at.row),
        };
        report.push_at(site, || duplicate_problem((catalogue, dataset), &dup, same));
    }
}

/// The tables all of whose values were dropped as the same values of one other
/// table: (the table, the other, how many values).
fn whole_repeats(dataset: &Dataset, duplicates: &[Duplicate]) -> Vec<(u32, u32, usize)> {
    // Per dropped table: the one table it repeats (None: more, or not alike), and how many.
    let mut by_table: BTreeMap<u32, (Option<u32>, usize)> = BTreeMap::new();
    for dup in duplicates {
        let table = dup.dropped.origin().table;
        let alike = dup.first_value == dup.dropped.value() && dup.first_table != table;
        let entry = by_table.entry(table).or_insert((Some(dup.first_table), 0));
        if !alike || entry.0 != Some(dup.first_table) {
            entry.0 = None;
        }
        entry.1 += 1;
    }
    by_table.retain(|_, (first, _)| first.is_some());
    if by_table.is_empty() {
        return Vec::new();
    }
    // A table with a value kept (one the other table lacks) does not repeat it whole.
    for obs in &dataset.observations {
        by_table.remove(&obs.origin().table);
    }
    (by_table.into_iter())
        .filter_map(|(table, (first, n))| first.map(|f| (table, f, n)))
        .collect()
}

/// "a.csv" or "b.xlsx [sheet Data]".
fn table_name(dataset: &Dataset, table: u32) -> String {
    match dataset.tables.get(table as usize) {
        Some(TableName {
            file,
            sheet: Some(sheet),
        }) => format!("{file} [sheet {sheet}]"),
        Some(TableName { file, sheet: None }) => file.to_string(),
        None => "(unknown file)".into(),
    }
}

/// The warning of a table that repeats another, value for value.
fn repeated_table(dataset: &Dataset, (table, first): (u32, u32), count: usize) -> Problem {
    let (file, sheet) = match dataset.tables.get(table as usize) {
        Some(t) => (t.file.to_string(), t.sheet.as_ref().map(|s| s.to_string())),
        None => (String::new(), None),
    };
    let other = table_name(dataset, first);
    let values = match count {
        1 => "its one value is".to_string(),
        n => format!("all its {n} values are"),
    };
    Problem {
        severity: Severity::Warning,
        file,
        sheet,
        row: None,
        column: None,
        text: None,
        message: format!("repeats {other}: {values} given there too, the same; those of {other} are used"),
        hint: Some("load the data once: one of the two files is enough".into()),
    }
}

/// "Pully, EC: ICT: ICT: 1C (Household Internet Access), 2020".
fn what_of(catalogue: &Catalogue, dataset: &Dataset, obs: &Observation) -> String {
    let city = dataset.cities.get(obs.city.index()).map_or("", |c| c.name.as_str());
    let id = obs.item();
    let item = format!("{} ({})", catalogue.kpi_of(id).code, catalogue.item_label(id));
    let year = obs.year().map_or_else(|| "no year".to_string(), |y| y.to_string());
    format!("{city}, {item}, {year}")
}

/// Where the kept value is: "row 2" in the same table, else "a.csv row 2".
fn first_place(dup: &Duplicate) -> String {
    let (first, at) = (&dup.first, &dup.dropped_at);
    match first.file == at.file && first.sheet == at.sheet {
        true => format!("row {}", first.row),
        false => first.to_string(),
    }
}

/// The problem of a repeated value: the same (a warning) or another (an error).
fn duplicate_problem((catalogue, dataset): (&Catalogue, &Dataset), dup: &Duplicate, same: bool) -> Problem {
    let obs = &dup.dropped;
    let what = what_of(catalogue, dataset, obs);
    let (severity, message, hint) = if same {
        (
            Severity::Warning,
            format!(
                "{what}: the same value {} as in {}; the first is used",
                obs.value().display(),
                first_place(dup)
            ),
            "remove one of the two",
        )
    } else {
        let message = format!(
            "{what}: {} here conflicts with {} in {}; the first value is kept",
            obs.value().display(),
            dup.first_value.display(),
            first_place(dup),
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
