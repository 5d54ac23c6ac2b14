//! Reading value rows into observations. A [`RowReader`] owns everything it
//! touches (caches, its own city numbering, its own report), so that the rows of
//! a large long table can be read by several threads at once and merged after.

use std::ops::Range;
use std::sync::Arc;

use polars::prelude::PlHashMap;

use crate::model::{Catalogue, CityId, ItemId, Notes, Observation, Origin, PrintedBand, Quality, UnitKind};

use super::cells::{Cell, clean, parse_flag, parse_value, parse_year};
use super::checks::{ObsCells, check_value};
use super::memo::{CodeMemo, Interner, pair_key};
use super::report::{ImportReport, Problem, Severity};
use super::resolve::{Culprit, ItemResolver, RefProblem};
use super::table::{Check, Pos, RawTable};
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

/// A row's KPI and data point, resolved: the item (with a warning), or why not.
type Resolved = Result<(ItemId, Option<Arc<RefProblem>>), Arc<RefProblem>>;

/// Row checks whose problems are grouped by kind (see `kinds`).
const CITY_MISSING: Check<'static> = Check {
    key: "city missing",
    severity: Severity::Error,
    hint: "write the city's name in every row",
};
const NOT_A_YEAR: Check<'static> = Check {
    key: "not a year",
    severity: Severity::Error,
    hint: "write a 4-digit year such as 2020",
};

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
/// texts, the cities seen (by text), the values and items seen (by code in a
/// coded column), so repeats are not parsed or resolved again.
struct Repeats<'t> {
    year: Option<(&'t str, i32)>,
    city: Option<(&'t str, CityId)>,
    cities: PlHashMap<&'t str, CityId>,
    city_codes: CodeMemo<CityId>,
    year_codes: CodeMemo<i32>,
    values: CodeMemo<Option<Cell>>,
    /// KPI and data-point cells resolved, by [`pair_key`].
    items: PlHashMap<u64, Resolved>,
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
    /// Full blocks of observations, when [`RowReader::in_blocks`] was set.
    pub blocks: Vec<Vec<Observation>>,
    block: Option<usize>,
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
            blocks: Vec::new(),
            block: None,
            countries: Vec::new(),
            report: ImportReport::default(),
        }
    }

    /// Keeps observations in blocks of `rows`, each moved to `blocks` when full:
    /// a part merged into another reader's list is then copied and freed block
    /// by block, instead of existing twice at once.
    pub(crate) fn in_blocks(&mut self, rows: usize) {
        self.block = Some(rows.max(1));
        self.observations = Vec::with_capacity(rows.max(1));
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
        let mut repeats = Repeats {
            year: None,
            city: None,
            cities: PlHashMap::default(),
            city_codes: CodeMemo::new(table, Some(cols.city)),
            year_codes: CodeMemo::new(table, cols.year),
            values: CodeMemo::new(table, Some(cols.value)),
            items: PlHashMap::default(),
        };
        let decimal_comma = table.decimal_comma;
        if self.block.is_none() {
            self.observations.reserve(rows.len());
        }
        for pos in table.positions_in(rows) {
            // A city already met by its code needs no text (nor the blank-row check).
            let known_city = repeats.city_codes.known(table, pos);
            let city_text = match known_city {
                Some(_) => None,
                None => match self.city_text(table, cols, pos) {
                    Some(text) => Some(text),
                    None => continue,
                },
            };
            let year = match repeats.year_codes.known(table, pos) {
                Some(year) => Some(year),
                None => match self.year_of(table, cols.year, pos, &mut repeats.year) {
                    Ok(year) => {
                        if let Some(y) = year {
                            repeats.year_codes.remember(table, pos, y);
                        }
                        year
                    }
                    Err(()) => continue,
                },
            };
            let Some(item) = self.item_of(table, cols, pos, &mut repeats.items) else {
                continue;
            };
            let city = match (known_city, city_text) {
                (Some(city), _) => city,
                (None, text) => {
                    let city = self.city_of(text.unwrap_or_default(), &mut repeats);
                    repeats.city_codes.remember(table, pos, city);
                    city
                }
            };
            let cell = repeats
                .values
                .get(table, pos, |text| parse_value(text.unwrap_or(""), decimal_comma));
            let obs = ObsCells {
                city,
                year,
                item,
                cell,
                c_value: cols.value,
                row: pos.row,
                pos,
            };
            self.add(table, obs, &cols.extras);
        }
    }

    /// The row's city text; `None` for a blank row (skipped) or a row without a
    /// city (reported).
    fn city_text<'t>(&mut self, table: &'t RawTable, cols: &LongColumns, pos: Pos) -> Option<&'t str> {
        let (city_text, kpi_text) = (table.at(cols.city, pos), table.at(cols.kpi, pos));
        if city_text.is_none() && kpi_text.is_none() && table.at(cols.value, pos).is_none() {
            return None; // a blank row
        }
        let text = city_text.filter(|t| !clean(t).is_empty());
        if text.is_none() {
            let at = (Some(pos.row), Some(cols.city));
            table.report(&mut self.report, CITY_MISSING, at, None, || {
                "the city is missing".into()
            });
        }
        text
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
        let message = || match text {
            Some(t) => format!("'{}' is not a year", clean(t)),
            None => "the year is missing".into(),
        };
        table.report(&mut self.report, NOT_A_YEAR, (Some(pos.row), Some(c)), text, message);
        Err(())
    }

    /// The row's KPI or data point; `None` when it does not resolve (reported).
    /// Every outcome is remembered by the cells' codes, so a KPI repeated over a
    /// million rows is resolved (and a bad one explained) once.
    fn item_of(
        &mut self,
        table: &RawTable,
        cols: &LongColumns,
        pos: Pos,
        known: &mut PlHashMap<u64, Resolved>,
    ) -> Option<ItemId> {
        let key = pair_key(table, cols.kpi, cols.data_point, pos);
        let resolved = match key.and_then(|k| known.get(&k)) {
            Some(found) => found.clone(),
            None => {
                let kpi_text = table.at(cols.kpi, pos).unwrap_or("");
                let dp_text = cols.data_point.and_then(|c| table.at(c, pos));
                let resolved = match self.resolver.resolve(kpi_text, dp_text) {
                    Ok((item, warning)) => Ok((item, warning.map(Arc::new))),
                    Err(problem) => Err(Arc::new(problem)),
                };
                if let Some(key) = key {
                    known.insert(key, resolved.clone());
                }
                resolved
            }
        };
        let (item, problem, severity) = match resolved {
            Ok((item, None)) => return Some(item),
            Ok((item, Some(warning))) => (Some(item), warning, Severity::Warning),
            Err(problem) => (None, problem, Severity::Error),
        };
        let (column, key) = match (problem.culprit, item) {
            (_, Some(_)) => (cols.data_point, "data point ignored"),
            (Culprit::Kpi, None) => (Some(cols.kpi), "KPI not found"),
            (Culprit::DataPoint, None) => (cols.data_point.or(Some(cols.kpi)), "data point not found"),
        };
        let text = column.and_then(|c| table.at(c, pos));
        let check = Check {
            key,
            severity,
            hint: &problem.hint,
        };
        table.report(&mut self.report, check, (Some(pos.row), column), text, || {
            problem.message.clone()
        });
        item
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
                    let at = (Some(row), Some(c_city));
                    table.report(&mut self.report, CITY_MISSING, at, None, || {
                        "the city is missing".into()
                    });
                }
                continue;
            };
            let year = match c_year.map(|c| (c, table.at(c, pos))) {
                None => None,
                Some((_, Some(t))) if parse_year(t).is_some() => parse_year(t),
                Some((c, text)) => {
                    let message = || "the year is missing or not a year".into();
                    table.report(&mut self.report, NOT_A_YEAR, (Some(row), Some(c)), text, message);
                    continue;
                }
            };
            let city = self.city(city_text);
            for &(c_value, item) in kpi_columns {
                let value_text = table.at(c_value, pos).unwrap_or("");
                let obs = ObsCells {
                    city,
                    year,
                    item,
                    cell: parse_value(value_text, table.decimal_comma),
                    c_value,
                    row,
                    pos,
                };
                self.add(table, obs, &extras);
            }
        }
    }

    /// Parses and checks one value, then stores it; false when the value is unusable.
    fn add(&mut self, table: &RawTable, cells: ObsCells, extras: &Extras) -> bool {
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
        if let Some(block) = self.block
            && self.observations.len() >= block
        {
            let full = std::mem::replace(&mut self.observations, Vec::with_capacity(block));
            self.blocks.push(full);
        }
        true
    }

    /// Warns when a row's unit is of another kind than the catalogue's.
    fn check_unit(&mut self, table: &RawTable, column: Option<usize>, unit: &str, item: ItemId, row: usize) {
        let catalogue = self.resolver.catalogue();
        let (given, expected) = (UnitKind::classify(unit), catalogue.items[item.0].unit_kind);
        if given != expected && given != UnitKind::Unknown && expected != UnitKind::Unknown {
            let message = || {
                format!(
                    "unit '{}' differs from the catalogue's '{}' for {}",
                    clean(unit),
                    catalogue.items[item.0].unit,
                    catalogue.item_label(item)
                )
            };
            let check = Check {
                key: "unit of another kind",
                severity: Severity::Warning,
                hint: "convert the value to the catalogue's unit",
            };
            table.report(&mut self.report, check, (Some(row), column), Some(unit), message);
        }
    }

    /// The row's printed performance to benchmark (a U4SSC band, or "No Benchmark
    /// Available"); another text is a warning and ignored.
    fn printed_band(&mut self, table: &RawTable, column: Option<usize>, pos: Pos) -> Option<PrintedBand> {
        let text = column.and_then(|c| table.at(c, pos)).filter(|t| !clean(t).is_empty())?;
        let band = PrintedBand::parse(text);
        if band.is_none() {
            let check = Check {
                key: "not a U4SSC band",
                severity: Severity::Warning,
                hint: "write 0-33, 33-66, 66-95, 95+ (or '95 % + of target', 'No Benchmark Available'); the cell is ignored",
            };
            let message = || "not a U4SSC band".into();
            table.report(&mut self.report, check, (Some(pos.row), column), Some(text), message);
        }
        band
    }

    /// The row's data-quality class; a text that is none of the six is kept as
    /// given, with a warning.
    fn quality(&mut self, table: &RawTable, column: Option<usize>, pos: Pos) -> Option<Quality> {
        let text = column.and_then(|c| table.at(c, pos))?;
        match Quality::parse(text)? {
            Quality::Other(_) => {
                let check = Check {
                    key: "not a data-quality class",
                    severity: Severity::Warning,
                    hint: "write 1-6 or the class: based on accurate measurements, extrapolated from survey, extrapolated from higher-level data, estimation with assumptions, personal estimation, unknown methodology",
                };
                let message = || "not one of the six U4SSC data-quality classes; kept as written".into();
                table.report(&mut self.report, check, (Some(pos.row), column), Some(text), message);
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
            let check = Check {
                key: "verified not yes/no",
                severity: Severity::Warning,
                hint: "write Yes or No; the cell is ignored",
            };
            let message = || "verified should be Yes or No".into();
            table.report(&mut self.report, check, (Some(pos.row), column), Some(text), message);
        }
        flag
    }
}
