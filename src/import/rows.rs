//! Reading value rows into observations. A [`RowReader`] owns everything it
//! touches (caches, its own city numbering, its own report), so that the rows of
//! a large long table can be read by several threads at once and merged after.

use std::ops::Range;
use std::sync::Arc;

use polars::prelude::PlHashMap;

use crate::model::{Catalogue, CityId, ItemId, Notes, Observation, Origin, PrintedBand, Quality, UnitKind};

use super::cells::{clean, parse_flag, parse_year};
use super::checks::{ObsCells, check_value};
use super::report::{ImportReport, Problem, Severity};
use super::resolve::{Culprit, ItemResolver};
use super::table::{Pos, RawTable};
use super::values::{BAND, CITY, COUNTRY, NOTE, QUALITY, SOURCE, UNIT, VERIFIED, YEAR};

/// Optional columns of a long or wide table.
pub(crate) struct Extras {
    unit: Option<usize>,
    quality: Option<usize>,
    verified: Option<usize>,
    source: Option<usize>,
    note: Option<usize>,
    country: Option<usize>,
    band: Option<usize>,
}

impl Extras {
    /// True when the table has a column for any of the notes (unit, quality, source, note).
    fn any_notes(&self) -> bool {
        self.unit.is_some()
            || self.quality.is_some()
            || self.source.is_some()
            || self.note.is_some()
            || self.band.is_some()
    }

    pub(crate) fn find(table: &RawTable) -> Extras {
        Extras {
            unit: table.find_column(UNIT),
            quality: table.find_column(QUALITY),
            verified: table.find_column(VERIFIED),
            source: table.find_column(SOURCE),
            note: table.find_column(NOTE),
            country: table.find_column(COUNTRY),
            band: table.find_column(BAND),
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

/// What the previous rows of a long table looked like: their year and city
/// texts, and the cities seen (by text), so repeats are not parsed again.
#[derive(Default)]
struct Repeats<'t> {
    year: Option<(&'t str, i32)>,
    city: Option<(&'t str, CityId)>,
    cities: PlHashMap<&'t str, CityId>,
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

    /// Reads the long-table rows in `rows`. A bad row is reported and left out.
    pub(crate) fn read_long(&mut self, table: &RawTable, cols: &LongColumns, rows: Range<usize>) {
        // Long tables usually repeat a city and year over many rows: compare with the
        // previous row's text before hashing or parsing again.
        let mut repeats = Repeats::default();
        self.observations.reserve(rows.len());
        for pos in table.positions_in(rows) {
            let (city_text, kpi_text) = (table.at(cols.city, pos), table.at(cols.kpi, pos));
            let value_text = table.at(cols.value, pos);
            if city_text.is_none() && kpi_text.is_none() && value_text.is_none() {
                continue; // a blank row
            }
            let Some(city_text) = city_text.filter(|t| !clean(t).is_empty()) else {
                let (message, hint) = ("the city is missing".into(), "write the city's name in every row");
                let problem = table.problem(Severity::Error, Some(pos.row), Some(cols.city), None, message, hint);
                self.report.push(problem);
                continue;
            };
            let Ok(year) = self.year_of(table, cols.year, pos, &mut repeats.year) else {
                continue;
            };
            let Some(item) = self.item_of(table, cols, pos) else {
                continue;
            };
            let city = self.city_of(city_text, &mut repeats);
            let obs = ObsCells {
                city,
                year,
                item,
                value_text,
                c_value: cols.value,
                row: pos.row,
                pos,
            };
            self.add(table, obs, &cols.extras);
        }
    }

    /// The row's year (`None` without a year column); `Err` when it is missing or
    /// not a year (reported).
    fn year_of<'t>(
        &mut self,
        table: &'t RawTable,
        column: Option<usize>,
        pos: Pos,
        last: &mut Option<(&'t str, i32)>,
    ) -> Result<Option<i32>, ()> {
        let Some(c) = column else { return Ok(None) };
        let text = table.at(c, pos);
        let year = text.and_then(|t| match *last {
            Some((previous, y)) if previous == t => Some(y),
            _ => parse_year(t),
        });
        if let (Some(t), Some(y)) = (text, year) {
            *last = Some((t, y));
            return Ok(Some(y));
        }
        let message = match text {
            Some(t) => format!("'{}' is not a year", clean(t)),
            None => "the year is missing".into(),
        };
        let hint = "write a 4-digit year such as 2020";
        self.report
            .push(table.problem(Severity::Error, Some(pos.row), Some(c), text, message, hint));
        Err(())
    }

    /// The row's KPI or data point; `None` when it does not resolve (reported).
    fn item_of(&mut self, table: &RawTable, cols: &LongColumns, pos: Pos) -> Option<ItemId> {
        let kpi_text = table.at(cols.kpi, pos);
        let dp_text = cols.data_point.and_then(|c| table.at(c, pos));
        match self.resolver.resolve(kpi_text.unwrap_or(""), dp_text) {
            Ok((item, warning)) => {
                if let Some(w) = warning {
                    let problem = table.problem(
                        Severity::Warning,
                        Some(pos.row),
                        cols.data_point,
                        dp_text,
                        w.message,
                        &w.hint,
                    );
                    self.report.push(problem);
                }
                Some(item)
            }
            Err(p) => {
                let (column, text) = match p.culprit {
                    Culprit::Kpi => (Some(cols.kpi), kpi_text),
                    Culprit::DataPoint => (cols.data_point.or(Some(cols.kpi)), dp_text),
                };
                self.report
                    .push(table.problem(Severity::Error, Some(pos.row), column, text, p.message, &p.hint));
                None
            }
        }
    }

    /// The city of a row's text, through the last row's city and a per-text cache.
    fn city_of<'t>(&mut self, text: &'t str, repeats: &mut Repeats<'t>) -> CityId {
        let city = match repeats.city {
            Some((last, id)) if last == text => id,
            _ => match repeats.cities.get(text) {
                Some(id) => *id,
                None => {
                    let id = self.city(text);
                    repeats.cities.insert(text, id);
                    id
                }
            },
        };
        repeats.city = Some((text, city));
        city
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
        let Some(value) = check_value(self.resolver.catalogue(), table, &cells, &mut self.report) else {
            return false;
        };
        let unit_text = extras.unit.and_then(|c| table.at(c, pos));
        if let Some(unit) = unit_text {
            self.check_unit(table, extras.unit, unit, item, row);
        }
        let verified = self.verified_flag(table, extras.verified, pos);
        if let Some(country) = extras
            .country
            .and_then(|c| table.at(c, pos))
            .map(clean)
            .filter(|c| !c.is_empty())
        {
            let origin = table.problem(
                Severity::Warning,
                Some(row),
                extras.country,
                Some(country),
                String::new(),
                "",
            );
            self.countries.push(CountryCell {
                city,
                country: country.to_string(),
                origin,
            });
        }
        let notes = if extras.any_notes() {
            let text = |column: Option<usize>| column.and_then(|c| table.at(c, pos));
            Notes {
                unit: self.interner.get(unit_text),
                quality: self.quality(table, extras.quality, pos),
                source: self.interner.get(text(extras.source)),
                note: self.interner.get(text(extras.note)),
                band: self.printed_band(table, extras.band, pos),
            }
            .boxed()
        } else {
            None
        };
        self.observations.push(Observation {
            city,
            year,
            item,
            value,
            verified,
            notes,
            origin: Origin {
                table: self.table_id,
                row: table.row_number(row) as u32,
            },
        });
        true
    }

    /// Warns when a row's unit is of another kind than the catalogue's.
    fn check_unit(&mut self, table: &RawTable, column: Option<usize>, unit: &str, item: ItemId, row: usize) {
        let catalogue = self.resolver.catalogue();
        let (given, expected) = (UnitKind::classify(unit), catalogue.items[item.0].unit_kind);
        if given != expected && given != UnitKind::Unknown && expected != UnitKind::Unknown {
            let message = format!(
                "unit '{}' differs from the catalogue's '{}' for {}",
                clean(unit),
                catalogue.items[item.0].unit,
                catalogue.item_label(item)
            );
            let hint = "convert the value to the catalogue's unit";
            self.report
                .push(table.problem(Severity::Warning, Some(row), column, Some(unit), message, hint));
        }
    }

    /// The row's printed performance to benchmark (a U4SSC band, or "No Benchmark
    /// Available"); another text is a warning and ignored.
    fn printed_band(&mut self, table: &RawTable, column: Option<usize>, pos: Pos) -> Option<PrintedBand> {
        let text = column.and_then(|c| table.at(c, pos)).filter(|t| !clean(t).is_empty())?;
        let band = PrintedBand::parse(text);
        if band.is_none() {
            let message = "not a U4SSC band".into();
            let hint =
                "write 0-33, 33-66, 66-95, 95+ (or '95 % + of target', 'No Benchmark Available'); the cell is ignored";
            self.report
                .push(table.problem(Severity::Warning, Some(pos.row), column, Some(text), message, hint));
        }
        band
    }

    /// The row's data-quality class; a text that is none of the six is kept as
    /// given, with a warning.
    fn quality(&mut self, table: &RawTable, column: Option<usize>, pos: Pos) -> Option<Quality> {
        let text = column.and_then(|c| table.at(c, pos))?;
        match Quality::parse(text)? {
            Quality::Other(_) => {
                let message = "not one of the six U4SSC data-quality classes; kept as written".into();
                let hint = "write 1-6 or the class: based on accurate measurements, extrapolated from survey, extrapolated from higher-level data, estimation with assumptions, personal estimation, unknown methodology";
                self.report
                    .push(table.problem(Severity::Warning, Some(pos.row), column, Some(text), message, hint));
                self.interner.get(Some(text)).map(Quality::Other)
            }
            class => Some(class),
        }
    }

    /// The row's verified flag; a cell that is not yes/no is a warning and ignored.
    fn verified_flag(&mut self, table: &RawTable, column: Option<usize>, pos: Pos) -> Option<bool> {
        let text = column.and_then(|c| table.at(c, pos)).filter(|t| !clean(t).is_empty())?;
        let flag = parse_flag(text);
        if flag.is_none() {
            let (message, hint) = (
                "verified should be Yes or No".into(),
                "write Yes or No; the cell is ignored",
            );
            self.report
                .push(table.problem(Severity::Warning, Some(pos.row), column, Some(text), message, hint));
        }
        flag
    }
}
