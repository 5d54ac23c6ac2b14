//! Cities tables: `city, country, population` plus optional `area_km2, region, fictional, source`.

use super::cells::{parse_flag, parse_number};
use super::problem::Severity;
use super::report::ImportReport;
use super::table::{RawTable, TableRow};
use super::values::ValuesBuilder;
use super::words::{CITY, COUNTRY, KPI, POPULATION, REGION};

const AREA: &[&str] = &["area_km2", "area", "area_(km2)", "area_km²"];
const FICTIONAL: &[&str] = &["fictional", "is_fictional", "demo"];
const SOURCE: &[&str] = &["source", "population_source"];
const POPULATION_YEAR: &[&str] = &["population_year"];
const POPULATION_NOTE: &[&str] = &["population_note"];

/// Reads city facts into the builder's cities; returns the number of rows used.
/// A cell that cannot be read is a warning and ignored; the rest of the row is used.
pub(crate) fn read_cities(table: &RawTable, builder: &mut ValuesBuilder<'_>, report: &mut ImportReport) -> usize {
    let Some(c_city) = table.find_column(CITY) else {
        return 0;
    };
    let [c_country, c_pop, c_area, c_region, c_fict, c_source] =
        [COUNTRY, POPULATION, AREA, REGION, FICTIONAL, SOURCE].map(|n| table.find_column(n));
    let [c_year, c_note] = [POPULATION_YEAR, POPULATION_NOTE].map(|n| table.find_column(n));
    let mut loaded = 0;
    for row in (0..table.height).map(|row| TableRow { table, row }) {
        let Some(name) = row.cell(Some(c_city)) else {
            if (0..table.headers.len()).any(|c| table.cell(c, row.row).is_some()) {
                let message = "the city is missing".into();
                report.push(row.problem(Severity::Error, Some(c_city), None, message, "write the city's name"));
            }
            continue;
        };
        let comma = table.decimal_comma;
        let population = row.parsed(
            c_pop,
            report,
            |t| {
                parse_number(t, comma)
                    .filter(|p| *p >= 0.0 && p.fract() == 0.0 && *p < 1e10)
                    .map(|p| p as u64)
            },
            (
                |t| format!("population '{t}' is not a whole number"),
                "write the number of inhabitants, e.g. 18500; it is ignored",
            ),
        );
        let area = row.parsed(
            c_area,
            report,
            |t| parse_number(t, comma).filter(|a| *a > 0.0),
            (
                |t| format!("area '{t}' is not a positive number"),
                "write the area in km²; it is ignored",
            ),
        );
        let fictional = row.parsed(
            c_fict,
            report,
            parse_flag,
            (
                |t| format!("fictional should be yes or no, not '{t}'"),
                "write yes for invented demonstration data",
            ),
        );
        let year = row.parsed(
            c_year,
            report,
            super::years::parse_year,
            (
                |t| format!("'{t}' is not a year"),
                "write the population's year, e.g. 2020; it is ignored",
            ),
        );
        let id = builder.city(name);
        let city = &mut builder.dataset.cities[id.index()];
        let text = |c: Option<usize>| row.cell(c).map(str::to_string);
        city.country = text(c_country).or(city.country.take());
        city.population = population.or(city.population);
        city.area_km2 = area.or(city.area_km2);
        city.region = text(c_region).or(city.region.take());
        city.fictional = fictional.unwrap_or(city.fictional);
        city.source = text(c_source).or(city.source.take());
        city.population_year = year.or(city.population_year);
        city.population_note = text(c_note).or(city.population_note.take());
        loaded += 1;
    }
    loaded
}

/// The city names of a cities table (empty for other tables).
pub(crate) fn names_in(table: &RawTable) -> Vec<String> {
    let has = |names: &[&str]| table.find_column(names).is_some();
    let is_cities = has(CITY) && (has(COUNTRY) || has(POPULATION)) && !has(KPI);
    match table.find_column(CITY).filter(|_| is_cities) {
        Some(c) => (0..table.height)
            .filter_map(|r| table.cell(c, r).map(|t| super::cells::clean(t).to_string()))
            .collect(),
        None => Vec::new(),
    }
}
