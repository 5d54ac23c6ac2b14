//! Reading value rows into observations. A [`RowReader`] owns everything it
//! touches (caches, its own city numbering, its own report), so that the rows of
//! a large long table can be read by several threads at once and merged after.

use std::ops::Range;
use std::sync::Arc;

use polars::prelude::PlHashMap;

use crate::model::{Catalogue, CityId, ItemId, Notes, Observation, Origin, UnitKind};

use super::cells::{clean, parse_flag, parse_year};
use super::checks::{ObsCells, check_value};
use super::report::{ImportReport, Problem, Severity};
use super::resolve::{Culprit, ItemResolver};
use super::table::RawTable;
use super::values::{CITY, COUNTRY, NOTE, QUALITY, SOURCE, UNIT, VERIFIED, YEAR};

/// Optional columns of a long or wide table.
pub(crate) struct Extras {
    unit: Option<usize>,
    quality: Option<usize>,
    verified: Option<usize>,
    source: Option<usize>,
    note: Option<usize>,
    country: Option<usize>,
}

impl Extras {
    /// True when the table has a column for any of the notes (unit, quality, source, note).
    fn any_notes(&self) -> bool {
        self.unit.is_some() || self.quality.is_some() || self.source.is_some() || self.note.is_some()
    }

    pub(crate) fn find(table: &RawTable) -> Extras {
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
struct Interner(PlHashMap<String, Arc<str>>);

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

/// The columns of a long table.
pub(crate) struct LongColumns {
    pub city: usize,
    pub kpi: usize,
    pub value: usize,
    pub year: Option<usize>,
    pub data_point: Option<usize>,
    pub extras: Extras,
}

/// A country cell, checked against the city's known country when merged.
pub(crate) struct CountryCell {
    pub city: CityId,
    pub country: String,
    /// Where the cell is (a problem skeleton: file, sheet, row, column, text).
    pub origin: Problem,
}

/// Reads rows; its `CityId`s number the cities it met (`cities`), to be mapped when merged.
pub(crate) struct RowReader<'c> {
    table_id: u32,
    resolver: ItemResolver<'c>,
    interner: Interner,
    city_ids: PlHashMap<String, CityId>,
    pub cities: Vec<String>,
    pub observations: Vec<Observation>,
    pub countries: Vec<CountryCell>,
    pub report: ImportReport,
}

impl<'c> RowReader<'c> {
    /// A reader for rows of the dataset's table number `table_id`.
    pub(crate) fn new(catalogue: &'c Catalogue, table_id: u32) -> RowReader<'c> {
        RowReader {
            table_id,
            resolver: ItemResolver::new(catalogue),
            interner: Interner::default(),
            city_ids: PlHashMap::default(),
            cities: Vec::new(),
            observations: Vec::new(),
            countries: Vec::new(),
            report: ImportReport::default(),
        }
    }

    /// This reader's number for a city name (case-insensitive).
    fn city(&mut self, name: &str) -> CityId {
        let key = clean(name).to_lowercase();
        if let Some(id) = self.city_ids.get(&key) {
            return *id;
        }
        self.cities.push(clean(name).to_string());
        let id = CityId(self.cities.len() - 1);
        self.city_ids.insert(key, id);
        id
    }

    /// Reads the long-table rows in `rows`.
    pub(crate) fn read_long(&mut self, table: &RawTable, cols: &LongColumns, rows: Range<usize>) {
        let mut city_cache: PlHashMap<&str, CityId> = PlHashMap::default();
        // Long tables usually repeat a city and year over many rows: compare with the
        // previous row's text before hashing or parsing again.
        let mut last_city: Option<(&str, CityId)> = None;
        let mut last_year: Option<(&str, i32)> = None;
        self.observations.reserve(rows.len());
        for pos in table.positions_in(rows) {
            let row = pos.row;
            let (city_text, kpi_text) = (table.at(cols.city, pos), table.at(cols.kpi, pos));
            let value_text = table.at(cols.value, pos);
            if city_text.is_none() && kpi_text.is_none() && value_text.is_none() {
                continue; // a blank row
            }
            let Some(city_text) = city_text.filter(|t| !clean(t).is_empty()) else {
                self.report.push(table.problem(
                    Severity::Error,
                    Some(row),
                    Some(cols.city),
                    None,
                    "the city is missing".into(),
                    "write the city's name in every row",
                ));
                continue;
            };
            let year = match cols.year {
                None => None,
                Some(c) => match table.at(c, pos).map(|t| match last_year {
                    Some((last, y)) if last == t => (t, Some(y)),
                    _ => (t, parse_year(t)),
                }) {
                    Some((t, Some(y))) => {
                        last_year = Some((t, y));
                        Some(y)
                    }
                    other => {
                        let text = other.map(|(t, _)| t);
                        let message = match text {
                            Some(t) => format!("'{}' is not a year", clean(t)),
                            None => "the year is missing".into(),
                        };
                        self.report.push(table.problem(
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
                .resolve(kpi_text.unwrap_or(""), cols.data_point.and_then(|c| table.at(c, pos)))
            {
                Ok((item, warning)) => {
                    if let Some(w) = warning {
                        self.report.push(table.problem(
                            Severity::Warning,
                            Some(row),
                            cols.data_point,
                            cols.data_point.and_then(|c| table.at(c, pos)),
                            w.message,
                            &w.hint,
                        ));
                    }
                    item
                }
                Err(p) => {
                    let (column, text) = match p.culprit {
                        Culprit::Kpi => (Some(cols.kpi), kpi_text),
                        Culprit::DataPoint => (
                            cols.data_point.or(Some(cols.kpi)),
                            cols.data_point.and_then(|c| table.at(c, pos)),
                        ),
                    };
                    self.report
                        .push(table.problem(Severity::Error, Some(row), column, text, p.message, &p.hint));
                    continue;
                }
            };
            let city = match last_city {
                Some((last, id)) if last == city_text => id,
                _ => match city_cache.get(city_text) {
                    Some(id) => *id,
                    None => {
                        let id = self.city(city_text);
                        city_cache.insert(city_text, id);
                        id
                    }
                },
            };
            last_city = Some((city_text, city));
            let obs = ObsCells {
                city,
                year,
                item,
                value_text,
                c_value: cols.value,
                row,
                pos,
            };
            self.add(table, obs, &cols.extras);
        }
    }

    /// Reads a wide table whose KPI columns are given as (column index, item).
    pub(crate) fn read_wide(&mut self, table: &RawTable, kpi_columns: &[(usize, ItemId)]) {
        let Some(c_city) = table.find_column(CITY) else {
            return;
        };
        let c_year = table.find_column(YEAR);
        let extras = Extras::find(table);
        for pos in table.positions() {
            let row = pos.row;
            let Some(city_text) = table.at(c_city, pos).filter(|t| !clean(t).is_empty()) else {
                if kpi_columns.iter().any(|(c, _)| table.at(*c, pos).is_some()) {
                    self.report.push(table.problem(
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
            let year = match c_year.map(|c| (c, table.at(c, pos))) {
                None => None,
                Some((_, Some(t))) if parse_year(t).is_some() => parse_year(t),
                Some((c, text)) => {
                    self.report.push(table.problem(
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
                    value_text: table.at(c_value, pos),
                    c_value,
                    row,
                    pos,
                };
                self.add(table, obs, &extras);
            }
        }
    }

    /// Parses and checks one value, then stores it; false when the value is unusable.
    fn add(&mut self, table: &RawTable, cells: ObsCells<'_>, extras: &Extras) -> bool {
        let ObsCells {
            city,
            year,
            item,
            row,
            pos,
            ..
        } = cells;
        let catalogue = self.resolver.catalogue();
        let Some(value) = check_value(self.resolver.catalogue(), table, &cells, &mut self.report) else {
            return false;
        };
        let unit_text = extras.unit.and_then(|c| table.at(c, pos));
        if let Some(unit) = unit_text {
            let (given, expected) = (UnitKind::classify(unit), catalogue.items[item.0].unit_kind);
            if given != expected && given != UnitKind::Unknown && expected != UnitKind::Unknown {
                let message = format!(
                    "unit '{}' differs from the catalogue's '{}' for {}",
                    clean(unit),
                    catalogue.items[item.0].unit,
                    catalogue.item_label(item)
                );
                self.report.push(table.problem(
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
            .and_then(|c| table.at(c, pos))
            .filter(|t| !clean(t).is_empty())
            .and_then(|t| {
                let flag = parse_flag(t);
                if flag.is_none() {
                    self.report.push(table.problem(
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
            .and_then(|c| table.at(c, pos))
            .map(clean)
            .filter(|c| !c.is_empty())
        {
            self.countries.push(CountryCell {
                city,
                country: country.to_string(),
                origin: table.problem(
                    Severity::Warning,
                    Some(row),
                    extras.country,
                    Some(country),
                    String::new(),
                    "",
                ),
            });
        }
        self.observations.push(Observation {
            city,
            year,
            item,
            value,
            verified,
            notes: if extras.any_notes() {
                Notes {
                    unit: self.interner.get(unit_text),
                    quality: self.interner.get(extras.quality.and_then(|c| table.at(c, pos))),
                    source: self.interner.get(extras.source.and_then(|c| table.at(c, pos))),
                    note: self.interner.get(extras.note.and_then(|c| table.at(c, pos))),
                }
                .boxed()
            } else {
                None
            },
            origin: Origin {
                table: self.table_id,
                row: table.row_number(row) as u32,
            },
        });
        true
    }
}
