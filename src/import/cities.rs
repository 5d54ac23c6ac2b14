//! Cities tables: `city, country, population` plus optional `area_km2, region, fictional, source`.

use super::cells::{clean, parse_flag, parse_number};
use super::report::{ImportReport, Severity};
use super::table::RawTable;
use super::values::{CITY, COUNTRY, ValuesBuilder};

pub(crate) const POPULATION: &[&str] = &["population", "inhabitants", "pop"];
const AREA: &[&str] = &["area_km2", "area", "area_(km2)", "area_km²"];
const REGION: &[&str] = &["region", "continent"];
const FICTIONAL: &[&str] = &["fictional", "is_fictional", "demo"];
const SOURCE: &[&str] = &["source", "population_source"];

/// Reads city facts into the builder's cities; returns the number of rows used.
pub(crate) fn read_cities(table: &RawTable, builder: &mut ValuesBuilder<'_>, report: &mut ImportReport) -> usize {
    let Some(c_city) = table.find_column(CITY) else {
        return 0;
    };
    let [c_country, c_pop, c_area, c_region, c_fict, c_source] =
        [COUNTRY, POPULATION, AREA, REGION, FICTIONAL, SOURCE].map(|n| table.find_column(n));
    let mut loaded = 0;
    for row in 0..table.height {
        let cell = |c: Option<usize>| c.and_then(|c| table.cell(c, row)).map(clean).filter(|t| !t.is_empty());
        let Some(name) = cell(Some(c_city)) else {
            if (0..table.headers.len()).any(|c| table.cell(c, row).is_some()) {
                report.push(table.problem(
                    Severity::Error,
                    Some(row),
                    Some(c_city),
                    None,
                    "the city is missing".into(),
                    "write the city's name",
                ));
            }
            continue;
        };
        let warn = |report: &mut ImportReport, column: Option<usize>, text: &str, message: String, hint: &str| {
            report.push(table.problem(Severity::Warning, Some(row), column, Some(text), message, hint));
        };
        let population = cell(c_pop).and_then(|t| match parse_number(t, table.decimal_comma) {
            Some(p) if p >= 0.0 && p.fract() == 0.0 && p < 1e10 => Some(p as u64),
            _ => {
                warn(
                    report,
                    c_pop,
                    t,
                    format!("population '{t}' is not a whole number"),
                    "write the number of inhabitants, e.g. 18500; it is ignored",
                );
                None
            }
        });
        let area = cell(c_area).and_then(|t| match parse_number(t, table.decimal_comma) {
            Some(a) if a > 0.0 => Some(a),
            _ => {
                warn(
                    report,
                    c_area,
                    t,
                    format!("area '{t}' is not a positive number"),
                    "write the area in km²; it is ignored",
                );
                None
            }
        });
        let fictional = cell(c_fict).and_then(|t| {
            let flag = parse_flag(t);
            if flag.is_none() {
                warn(
                    report,
                    c_fict,
                    t,
                    format!("fictional should be yes or no, not '{t}'"),
                    "write yes for invented demonstration data",
                );
            }
            flag
        });
        let id = builder.city(name);
        let city = &mut builder.dataset.cities[id.0];
        if let Some(country) = cell(c_country) {
            city.country = Some(country.to_string());
        }
        city.population = population.or(city.population);
        city.area_km2 = area.or(city.area_km2);
        if let Some(region) = cell(c_region) {
            city.region = Some(region.to_string());
        }
        city.fictional = fictional.unwrap_or(city.fictional);
        if let Some(source) = cell(c_source) {
            city.source = Some(source.to_string());
        }
        loaded += 1;
    }
    loaded
}
