//! Reading value rows into observations. A [`RowReader`] owns everything it
//! touches (caches, its own city numbering, its own report), so that the rows of
//! a large long table can be read by several threads at once and merged after.

//!
//! `long.rs` reads long tables (one value per row), `notes.rs` checks the cells
//! beside a value (unit, band, quality, verified).

mod frame;
mod long;
mod notes;
mod plain;
mod typed;

use std::sync::Arc;

use polars::prelude::PlHashMap;

use crate::model::{Catalogue, CityId, ItemId, Notes, Observation, Origin};

use super::cells::{clean, parse_value, parse_year};
use super::checks::{ObsCells, check_value};
use super::memo::Interner;
use super::report::{ImportReport, Problem, Severity};
use super::resolve::ItemResolver;
use super::table::RawTable;
use super::values::{BAND, CITY, COUNTRY, NOTE, QUALITY, SOURCE, UNIT, VERIFIED, YEAR};

pub(crate) use long::LongColumns;
use long::{CITY_MISSING, NOT_A_YEAR};
pub(crate) use plain::{NotPlain, PlainShape};
pub(crate) use typed::FrameColumn;

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
    /// How many observations were stored (in blocks and in `observations`).
    stored: usize,
    /// The notes of the observations that have some, by their place in the
    /// order stored.
    pub notes: Vec<(usize, Arc<Notes>)>,
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
            stored: 0,
            notes: Vec::new(),
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
    pub(super) fn city(&mut self, name: &str) -> CityId {
        let key = clean(name).to_lowercase();
        if let Some(id) = self.city_ids.get(&key) {
            return *id;
        }
        self.cities.push(clean(name).to_string());
        let id = CityId::new(self.cities.len() - 1);
        self.city_ids.insert(key, id);
        id
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
    pub(super) fn add(&mut self, table: &RawTable, cells: ObsCells, extras: &Extras) -> bool {
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
        if extras.any_notes() || verified.is_some() {
            let text = |column: Option<usize>| column.and_then(|c| table.at(c, pos));
            let notes = Notes {
                unit: self.interner.get(unit_text),
                quality: self.quality(table, extras.quality, pos),
                source: self.interner.get(text(extras.source)),
                note: self.interner.get(text(extras.note)),
                band: self.printed_band(table, extras.band, pos),
                verified,
            }
            .shared();
            if let Some(notes) = notes {
                self.notes.push((self.stored, notes));
            }
        }
        self.push(Observation::new(
            city,
            year,
            item,
            value,
            Origin {
                table: self.table_id,
                row: table.row_number(row) as u32,
            },
        ));
        true
    }

    /// Stores an observation (in blocks, when [`RowReader::in_blocks`] was set).
    #[inline(always)]
    fn push(&mut self, observation: Observation) {
        self.observations.push(observation);
        self.stored += 1;
        if let Some(block) = self.block
            && self.observations.len() >= block
        {
            let full = std::mem::replace(&mut self.observations, Vec::with_capacity(block));
            self.blocks.push(full);
        }
    }
}
