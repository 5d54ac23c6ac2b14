//! Values tables, long form (`city, year, kpi, value, ...`) and wide form (one
//! row per city and year, one column per KPI), into observations.

use std::collections::HashMap;
use std::sync::Arc;

use polars::prelude::PlHashMap;

use crate::model::{Catalogue, CityId, Dataset, ItemId, Observation, UnitKind};

use super::cells::{clean, parse_flag, parse_year};
use super::checks::{ObsCells, check_value};
use super::report::{ImportReport, Severity};
use super::resolve::{Culprit, ItemResolver};
use super::table::RawTable;

pub const CITY: &[&str] = &["city", "city_name", "municipality", "town"];
pub const YEAR: &[&str] = &["year", "report_year", "reporting_year", "data_year", "period"];
pub const KPI: &[&str] = &["kpi", "kpi_code", "code", "indicator", "kpi_name"];
pub const VALUE: &[&str] = &["value", "result", "calculated_result", "val"];
const DATA_POINT: &[&str] = &["data_point", "datapoint", "data_points", "sub_indicator"];
const UNIT: &[&str] = &["unit", "units"];
const QUALITY: &[&str] = &["quality", "data_quality"];
const VERIFIED: &[&str] = &["verified", "verification", "verification_status"];
const SOURCE: &[&str] = &["source", "data_source", "sources"];
const NOTE: &[&str] = &["note", "notes", "comment", "comments"];
pub const COUNTRY: &[&str] = &["country"];

/// Builds the dataset from values tables, remembering every key seen so that
/// conflicting duplicates are caught across files.
pub struct ValuesBuilder<'c> {
    pub dataset: Dataset,
    resolver: ItemResolver<'c>,
    cities: HashMap<String, CityId>,
    seen: PlHashMap<(CityId, Option<i32>, ItemId), usize>,
}

/// Optional columns of a long or wide table.
struct Extras {
    unit: Option<usize>,
    quality: Option<usize>,
    verified: Option<usize>,
    source: Option<usize>,
    note: Option<usize>,
    country: Option<usize>,
}

impl Extras {
    fn find(table: &RawTable) -> Extras {
        Extras {
            unit: table.find_column(UNIT),
            quality: table.find_column(QUALITY),
            verified: table.find_column(VERIFIED),
            source: table.find_column(SOURCE),
            note: table.find_column(NOTE),
            country: table.find_column(COUNTRY),
        }
    }
}

/// Interns repeated texts (sources, notes, units) so a million rows share a few strings.
#[derive(Default)]
struct Interner(HashMap<String, Arc<str>>);

impl Interner {
    fn get(&mut self, text: Option<&str>) -> Option<Arc<str>> {
        let text = clean(text?);
        if text.is_empty() {
            return None;
        }
        if let Some(found) = self.0.get(text) {
            return Some(found.clone());
        }
        let shared: Arc<str> = Arc::from(text);
        self.0.insert(text.to_string(), shared.clone());
        Some(shared)
    }
}

impl<'c> ValuesBuilder<'c> {
    pub fn new(catalogue: &'c Catalogue) -> ValuesBuilder<'c> {
        ValuesBuilder {
            dataset: Dataset::default(),
            resolver: ItemResolver::new(catalogue),
            cities: HashMap::new(),
            seen: PlHashMap::default(),
        }
    }

    /// The city with this name (case-insensitive), added when new.
    pub fn city(&mut self, name: &str) -> CityId {
        let key = clean(name).to_lowercase();
        if let Some(id) = self.cities.get(&key) {
            return *id;
        }
        self.dataset.cities.push(crate::model::City {
            name: clean(name).to_string(),
            ..Default::default()
        });
        let id = CityId(self.dataset.cities.len() - 1);
        self.cities.insert(key, id);
        id
    }

    /// Reads a long table; returns the number of observations loaded.
    pub fn read_long(&mut self, table: &RawTable, report: &mut ImportReport) -> usize {
        let (Some(c_city), Some(c_kpi), Some(c_value)) = (
            table.find_column(CITY),
            table.find_column(KPI),
            table.find_column(VALUE),
        ) else {
            return 0;
        };
        let c_year = table.find_column(YEAR);
        let c_dp = table.find_column(DATA_POINT);
        let extras = Extras::find(table);
        if c_year.is_none() {
            report.push(table.problem(
                Severity::Info,
                None,
                None,
                None,
                "no year column; the values are read as one snapshot without a year".into(),
                "add a year column to follow values over time",
            ));
        }
        let mut interner = Interner::default();
        let mut city_cache: HashMap<&str, CityId> = HashMap::new();
        let mut loaded = 0;
        for row in 0..table.height {
            let (city_text, kpi_text) = (table.cell(c_city, row), table.cell(c_kpi, row));
            let value_text = table.cell(c_value, row);
            if city_text.is_none() && kpi_text.is_none() && value_text.is_none() {
                continue; // a blank row
            }
            let Some(city_text) = city_text.filter(|t| !clean(t).is_empty()) else {
                report.push(table.problem(
                    Severity::Error,
                    Some(row),
                    Some(c_city),
                    None,
                    "the city is missing".into(),
                    "write the city's name in every row",
                ));
                continue;
            };
            let year = match c_year {
                None => None,
                Some(c) => match table.cell(c, row).map(|t| (t, parse_year(t))) {
                    Some((_, Some(y))) => Some(y),
                    other => {
                        let text = other.map(|(t, _)| t);
                        let message = match text {
                            Some(t) => format!("'{}' is not a year", clean(t)),
                            None => "the year is missing".into(),
                        };
                        report.push(table.problem(
                            Severity::Error,
                            Some(row),
                            Some(c),
                            text,
                            message,
                            "write a 4-digit year such as 2020",
                        ));
                        continue;
                    }
                },
            };
            let item = match self
                .resolver
                .resolve(kpi_text.unwrap_or(""), c_dp.and_then(|c| table.cell(c, row)))
            {
                Ok((item, warning)) => {
                    if let Some(w) = warning {
                        report.push(table.problem(
                            Severity::Warning,
                            Some(row),
                            c_dp,
                            c_dp.and_then(|c| table.cell(c, row)),
                            w.message,
                            &w.hint,
                        ));
                    }
                    item
                }
                Err(p) => {
                    let (column, text) = match p.culprit {
                        Culprit::Kpi => (Some(c_kpi), kpi_text),
                        Culprit::DataPoint => (c_dp.or(Some(c_kpi)), c_dp.and_then(|c| table.cell(c, row))),
                    };
                    report.push(table.problem(Severity::Error, Some(row), column, text, p.message, &p.hint));
                    continue;
                }
            };
            let city = match city_cache.get(city_text) {
                Some(id) => *id,
                None => {
                    let id = self.city(city_text);
                    city_cache.insert(city_text, id);
                    id
                }
            };
            let obs = ObsCells {
                city,
                year,
                item,
                value_text,
                c_value,
                row,
            };
            if self.add(table, obs, &extras, &mut interner, report) {
                loaded += 1;
            }
        }
        loaded
    }

    /// Reads a wide table whose KPI columns are given as (column index, item).
    pub fn read_wide(&mut self, table: &RawTable, kpi_columns: &[(usize, ItemId)], report: &mut ImportReport) -> usize {
        let Some(c_city) = table.find_column(CITY) else {
            return 0;
        };
        let c_year = table.find_column(YEAR);
        let extras = Extras::find(table);
        let mut interner = Interner::default();
        let mut loaded = 0;
        for row in 0..table.height {
            let Some(city_text) = table.cell(c_city, row).filter(|t| !clean(t).is_empty()) else {
                if kpi_columns.iter().any(|(c, _)| table.cell(*c, row).is_some()) {
                    report.push(table.problem(
                        Severity::Error,
                        Some(row),
                        Some(c_city),
                        None,
                        "the city is missing".into(),
                        "write the city's name in every row",
                    ));
                }
                continue;
            };
            let year = match c_year.map(|c| (c, table.cell(c, row))) {
                None => None,
                Some((_, Some(t))) if parse_year(t).is_some() => parse_year(t),
                Some((c, text)) => {
                    report.push(table.problem(
                        Severity::Error,
                        Some(row),
                        Some(c),
                        text,
                        "the year is missing or not a year".into(),
                        "write a 4-digit year such as 2020",
                    ));
                    continue;
                }
            };
            let city = self.city(city_text);
            for &(c_value, item) in kpi_columns {
                let obs = ObsCells {
                    city,
                    year,
                    item,
                    value_text: table.cell(c_value, row),
                    c_value,
                    row,
                };
                if self.add(table, obs, &extras, &mut interner, report) {
                    loaded += 1;
                }
            }
        }
        loaded
    }

    /// Parses and checks one value, then stores it unless it conflicts.
    fn add(
        &mut self,
        table: &RawTable,
        cells: ObsCells<'_>,
        extras: &Extras,
        interner: &mut Interner,
        report: &mut ImportReport,
    ) -> bool {
        let ObsCells {
            city,
            year,
            item,
            value_text,
            c_value,
            row,
        } = cells;
        let catalogue = self.resolver.catalogue();
        let Some(value) = check_value(self.resolver.catalogue(), table, &cells, report) else {
            return false;
        };
        let unit_text = extras.unit.and_then(|c| table.cell(c, row));
        if let Some(unit) = unit_text {
            let (given, expected) = (UnitKind::classify(unit), catalogue.items[item.0].unit_kind);
            if given != expected && given != UnitKind::Unknown && expected != UnitKind::Unknown {
                let message = format!(
                    "unit '{}' differs from the catalogue's '{}' for {}",
                    clean(unit),
                    catalogue.items[item.0].unit,
                    catalogue.item_label(item)
                );
                report.push(table.problem(
                    Severity::Warning,
                    Some(row),
                    extras.unit,
                    Some(unit),
                    message,
                    "convert the value to the catalogue's unit",
                ));
            }
        }
        let verified = extras
            .verified
            .and_then(|c| table.cell(c, row))
            .filter(|t| !clean(t).is_empty())
            .and_then(|t| {
                let flag = parse_flag(t);
                if flag.is_none() {
                    report.push(table.problem(
                        Severity::Warning,
                        Some(row),
                        extras.verified,
                        Some(t),
                        "verified should be Yes or No".into(),
                        "write Yes or No; the cell is ignored",
                    ));
                }
                flag
            });
        if let Some(country) = extras
            .country
            .and_then(|c| table.cell(c, row))
            .map(clean)
            .filter(|c| !c.is_empty())
        {
            self.set_country(city, country, table, row, extras.country, report);
        }
        let key = (city, year, item);
        if let Some(&earlier) = self.seen.get(&key) {
            let first = &self.dataset.observations[earlier];
            let (severity, message, hint) = if first.value == value {
                (
                    Severity::Warning,
                    format!("duplicate of {} (same value); this row is ignored", first.origin),
                    "remove one of the two rows",
                )
            } else {
                (
                    Severity::Error,
                    format!(
                        "conflicts with {}: {} has {} there and {} here; the first value is kept",
                        first.origin,
                        catalogue.item_label(item),
                        first.value.display(),
                        value.display()
                    ),
                    "keep one value per city, year, KPI and data point",
                )
            };
            report.push(table.problem(severity, Some(row), Some(c_value), value_text, message, hint));
            return false;
        }
        self.seen.insert(key, self.dataset.observations.len());
        self.dataset.observations.push(Observation {
            city,
            year,
            item,
            value,
            unit: interner.get(unit_text),
            quality: interner.get(extras.quality.and_then(|c| table.cell(c, row))),
            verified,
            source: interner.get(extras.source.and_then(|c| table.cell(c, row))),
            note: interner.get(extras.note.and_then(|c| table.cell(c, row))),
            origin: table.row_ref(row),
        });
        true
    }

    fn set_country(
        &mut self,
        city: CityId,
        country: &str,
        table: &RawTable,
        row: usize,
        column: Option<usize>,
        report: &mut ImportReport,
    ) {
        let entry = &mut self.dataset.cities[city.0];
        match &entry.country {
            None => entry.country = Some(country.to_string()),
            Some(known) if known.eq_ignore_ascii_case(country) => {}
            Some(known) => {
                let message = format!("{} is in {known} in an earlier row, here in {country}", entry.name);
                report.push(table.problem(
                    Severity::Warning,
                    Some(row),
                    column,
                    Some(country),
                    message,
                    "use one country per city (cities with the same name need distinct names)",
                ));
            }
        }
    }
}
