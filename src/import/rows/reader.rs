//! The [`RowReader`]: everything a reader of value rows touches (caches, its
//! own city numbering, its own report), so that the rows of a large long table
//! can be read by several threads at once and merged after; and [`RowReader::add`],
//! which checks one value and stores it. The table shapes are read in `long.rs`,
//! `wide.rs`, `plain.rs` and `frame.rs`.

use std::sync::Arc;

use polars::prelude::PlHashMap;

use crate::model::{Catalogue, CityId, Notes, Observation, Origin};

use super::super::cells::clean;
use super::super::checks::{ObsCells, WarnKinds, check_value};
use super::super::memo::Interner;
use super::super::problem::{Problem, Severity};
use super::super::report::ImportReport;
use super::super::resolve::ItemResolver;
use super::super::table::{Check, RawTable};
use super::super::words::{BAND, COUNTRY, NOTE, QUALITY, SOURCE, UNIT, VERIFIED};

/// Row checks whose problems are grouped by kind (see `kinds`).
pub(crate) const CITY_MISSING: Check<'static> = Check {
    key: "city missing",
    severity: Severity::Error,
    hint: "write the city's name in every row",
};
pub(crate) const PERIOD: Check<'static> = Check {
    key: "period read as the year it starts",
    severity: Severity::Info,
    hint: "",
};
pub(crate) const NOT_A_YEAR: Check<'static> = Check {
    key: "not a year",
    severity: Severity::Error,
    hint: "write a 4-digit year such as 2020",
};

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

/// A row's city, as far as it was read: numbered, or its text.
#[derive(Clone, Copy)]
pub(super) enum Known<'t> {
    Id(CityId),
    Text(&'t str),
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
    pub(super) table_id: u32,
    pub(super) resolver: ItemResolver<'c>,
    pub(super) interner: Interner,
    city_ids: PlHashMap<String, CityId>,
    pub cities: Vec<String>,
    pub observations: Vec<Observation>,
    /// Full blocks of observations, when [`RowReader::in_blocks`] was set.
    pub blocks: Vec<Vec<Observation>>,
    pub(super) block: Option<usize>,
    /// How many observations were stored (in blocks and in `observations`).
    stored: usize,
    /// The notes of the observations that have some, by their place in the
    /// order stored.
    pub notes: Vec<(usize, Arc<Notes>)>,
    pub countries: Vec<CountryCell>,
    pub report: ImportReport,
    /// Values left out for errors, per city (its name, lowercased).
    pub left_out: PlHashMap<String, usize>,
    /// The report's kinds of the number warnings the one-pass readers said.
    pub(super) warn_kinds: WarnKinds,
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
            left_out: PlHashMap::default(),
            warn_kinds: WarnKinds::default(),
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
            self.leave_out(Known::Id(city));
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
            // A melted row's cells share its country cell: one check per row.
            let repeated = (self.countries.last()).is_some_and(|c| c.city == city && c.origin.row == origin.row);
            if !repeated {
                self.countries.push(CountryCell {
                    city,
                    country: country.to_string(),
                    origin,
                });
            }
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

    /// Counts a value of this city left out for an error.
    pub(super) fn leave_out(&mut self, city: Known<'_>) {
        let name = match city {
            Known::Id(id) => self.cities.get(id.index()).map_or("", String::as_str),
            Known::Text(text) => clean(text),
        };
        *self.left_out.entry(name.to_lowercase()).or_default() += 1;
    }

    /// Stores an observation (in blocks, when [`RowReader::in_blocks`] was set).
    #[inline(always)]
    pub(super) fn push(&mut self, observation: Observation) {
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
