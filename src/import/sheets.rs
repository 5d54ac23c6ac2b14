//! Sheet names that say what a sheet holds, as offices save workbooks: one
//! sheet per year (`2019`, `2020`, `FY2021`, `2021-22`) or one sheet per city
//! (`Pully`, `Lausanne`). A sheet without a year column (nor a `Year:` label)
//! whose name is a year takes that year; the sheets of a workbook that have no
//! city column (nor a `City:` label or cover sheet) take their names as cities
//! when there are two or more of them and every name reads as a place: no year,
//! no digit, no word that names a sheet's content (`Data`, `KPIs`, `Sheet1`,
//! `Feuil1`) and no dimension, sub-dimension or category of the catalogue. The
//! report says each reading. What the file says wins over `--city` and
//! `--year`, which fill only what the file leaves unsaid (docs/import.md).

use crate::model::{Catalogue, norm_key};

use super::problem::Severity;
use super::report::ImportReport;
use super::reshape::{period_note, with_columns};
use super::table::RawTable;
use super::words::{CITY, KPI, TARGET, VALUE, YEAR};
use super::years::period_year;

/// Words of a sheet name that say what it holds, not where: a sheet named
/// with one of them is not a city (compared folded, word by word).
pub(crate) const CONTENT_WORDS: [&str; 58] = [
    "sheet",
    "feuille",
    "hoja",
    "tabelle",
    "blatt",
    "foglio",
    "data",
    "donnees",
    "datos",
    "daten",
    "dati",
    "value",
    "values",
    "valeurs",
    "valores",
    "werte",
    "kpi",
    "kpis",
    "indicators",
    "indicateurs",
    "indicadores",
    "indikatoren",
    "kennzahlen",
    "results",
    "resultats",
    "resultados",
    "ergebnisse",
    "summary",
    "resume",
    "resumen",
    "overview",
    "notes",
    "targets",
    "cibles",
    "objetivos",
    "ziele",
    "zielwerte",
    "cities",
    "villes",
    "ciudades",
    "stadte",
    "input",
    "template",
    "modele",
    "plantilla",
    "vorlage",
    "export",
    "report",
    "rapport",
    "informe",
    "bericht",
    "sources",
    "readme",
    "info",
    "benchmarks",
    "city",
    "ville",
    "ciudad",
];

/// Gives sheets their year or city from their names (see the module's doc).
pub(crate) fn read_sheet_names(
    tables: Vec<RawTable>,
    catalogue: &Catalogue,
    report: &mut ImportReport,
) -> Vec<RawTable> {
    let tables: Vec<RawTable> = tables
        .into_iter()
        .map(|t| with_sheet_year(t, catalogue, report))
        .collect();
    let wanting: Vec<usize> = (0..tables.len()).filter(|&i| wants_city(&tables[i])).collect();
    let names: Vec<&str> = wanting.iter().filter_map(|&i| tables[i].sheet.as_deref()).collect();
    if names.len() < 2 || names.len() != wanting.len() || !are_places(&names, catalogue) {
        return tables;
    }
    let mut tables = tables;
    for i in wanting {
        let city = tables[i].sheet.as_deref().unwrap_or_default().trim().to_string();
        let message = format!(
            "the sheet has no city column: its name, '{city}', is read as the city (each sheet of this workbook is a city)"
        );
        report.push(tables[i].problem(Severity::Info, None, None, None, message, ""));
        tables[i] = with_columns(&tables[i], &[("city", city)]);
    }
    tables
}

fn has(table: &RawTable, names: &[&str]) -> bool {
    table.find_column(names).is_some()
}

/// A targets table (a target column, no value column): its sheet name says nothing of cities or years.
fn is_targets(table: &RawTable) -> bool {
    has(table, TARGET) && !has(table, VALUE)
}

/// A sheet of values that says no year: no year column, no year headers
/// (years as columns), a KPI column or KPI columns beside a city column.
fn wants_year(table: &RawTable, catalogue: &Catalogue) -> bool {
    let years_as_columns = table.headers.iter().any(|h| period_year(h).is_some());
    let kpi_columns = || has(table, CITY) && table.headers.iter().any(|h| catalogue.find_kpi_or_item(h).is_some());
    table.sheet.is_some()
        && !has(table, YEAR)
        && !years_as_columns
        && !is_targets(table)
        && (has(table, KPI) || kpi_columns())
}

/// The table with its sheet's year, when the sheet says no year and its name is one.
fn with_sheet_year(table: RawTable, catalogue: &Catalogue, report: &mut ImportReport) -> RawTable {
    let Some(period) = table
        .sheet
        .as_deref()
        .and_then(period_year)
        .filter(|_| wants_year(&table, catalogue))
    else {
        return table;
    };
    let name = table.sheet.as_deref().unwrap_or_default().trim();
    let mut message = format!(
        "the sheet has no year column: its name, '{name}', is read as the year {}",
        period.year
    );
    if period.span {
        message = format!("{message}; {}", period_note(name, period));
    }
    report.push(table.problem(Severity::Info, None, None, None, message, ""));
    with_columns(&table, &[("year", period.year.to_string())])
}

/// A sheet of values in long form that says no city.
fn wants_city(table: &RawTable) -> bool {
    table.sheet.is_some() && has(table, KPI) && !has(table, CITY) && !is_targets(table)
}

/// True when every name reads as a place (see the module's doc) and no two are the same.
fn are_places(names: &[&str], catalogue: &Catalogue) -> bool {
    let levels: Vec<String> = (catalogue.dimensions.iter().map(|d| d.name.as_str()))
        .chain(catalogue.subdimensions.iter().map(|s| s.name.as_str()))
        .chain(catalogue.categories.iter().map(|c| c.name.as_str()))
        .map(norm_key)
        .collect();
    let place = |name: &&str| {
        let folded = super::cells::fold(name);
        !folded.chars().any(|c| c.is_ascii_digit())
            && !folded
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| CONTENT_WORDS.contains(&w))
            && !levels.contains(&norm_key(name))
            && !norm_key(name).is_empty()
    };
    let mut keys: Vec<String> = names.iter().map(|n| norm_key(n)).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.len() == names.len() && names.iter().all(place)
}
