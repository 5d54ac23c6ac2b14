//! Values tables, long form (`city, year, kpi, value, ...`) and wide form (one
//! row per city and year, one column per KPI), into the dataset. Large long
//! tables are read by several threads ([`RowReader`]) and merged in row order.

use rayon::prelude::*;
use std::collections::HashMap;

use crate::model::{Catalogue, CityId, Dataset, ItemId, Observation};

use super::cells::clean;
use super::problem::Severity;
use super::report::ImportReport;
use super::rows::{Extras, LongColumns, RowReader};
use super::table::RawTable;
use super::words::{CITY, DATA_POINT, KPI, VALUE, YEAR};

/// Long tables with at least this many rows are read by several threads.
const PARALLEL_ROWS: usize = 100_000;

/// Observations per block of a part read in parallel (64 MB): large enough that
/// the allocator maps each block on its own and returns it when freed.
const MERGE_BLOCK: usize = 1 << 20;

/// The first table row at or after `at` whose spreadsheet row differs from the row before it.
fn row_start(table: &RawTable, mut at: usize) -> usize {
    while at > 0 && at < table.height && table.row_number(at) == table.row_number(at - 1) {
        at += 1;
    }
    at
}

/// Builds the dataset from values tables.
pub(crate) struct ValuesBuilder<'c> {
    pub dataset: Dataset,
    /// The dataset's tables whose city came from outside the file (`--city`,
    /// the column mapping): see [`super::duplicates`].
    pub city_given: Vec<u32>,
    catalogue: &'c Catalogue,
    cities: HashMap<String, CityId>,
}

impl<'c> ValuesBuilder<'c> {
    pub(crate) fn new(catalogue: &'c Catalogue) -> ValuesBuilder<'c> {
        ValuesBuilder {
            dataset: Dataset::default(),
            city_given: Vec::new(),
            catalogue,
            cities: HashMap::new(),
        }
    }

    /// The catalogue the values are read against.
    pub(crate) fn catalogue(&self) -> &'c Catalogue {
        self.catalogue
    }

    /// The city with this name (case-insensitive), added when new.
    pub(crate) fn city(&mut self, name: &str) -> CityId {
        let key = clean(name).to_lowercase();
        if let Some(id) = self.cities.get(&key) {
            return *id;
        }
        self.dataset.cities.push(crate::model::City {
            name: clean(name).to_string(),
            ..Default::default()
        });
        let id = CityId::new(self.dataset.cities.len() - 1);
        self.cities.insert(key, id);
        id
    }

    /// Reads a long table (its KPI column: see [`kpi_column`]); returns the number
    /// of observations loaded.
    pub(crate) fn read_long(&mut self, table: &RawTable, report: &mut ImportReport) -> usize {
        let (Some(city), Some(kpi), Some(value)) = (
            table.find_column(CITY),
            kpi_column(table, self.catalogue),
            table.find_column(VALUE),
        ) else {
            return 0;
        };
        let cols = LongColumns {
            city,
            kpi,
            value,
            year: table.find_column(YEAR),
            data_point: table.find_column(DATA_POINT),
            extras: Extras::find(table),
        };
        if cols.year.is_none() {
            report.push(table.problem(
                Severity::Info,
                None,
                None,
                None,
                "no year column; the values are read as one snapshot without a year".into(),
                "add a year column to follow values over time",
            ));
        }
        let threads = if table.height >= PARALLEL_ROWS {
            rayon::current_num_threads()
        } else {
            1
        };
        let (height, step) = (table.height, table.height.div_ceil(threads));
        // Parts end between spreadsheet rows: the melted cells of one row (years
        // as columns) stay in one part, so its problems are said once.
        let cuts: Vec<usize> = (0..=threads)
            .map(|t| row_start(table, (t * step).min(height)))
            .collect();
        let ranges: Vec<std::ops::Range<usize>> = cuts.windows(2).map(|w| w[0]..w[1]).collect();
        let catalogue = self.catalogue;
        let table_id = self.add_table(table);
        let parts: Vec<RowReader<'_>> = ranges
            .into_par_iter()
            .map(|range| {
                let mut reader = RowReader::new(catalogue, table_id);
                // The first part becomes the dataset's list (see `merge`): room for
                // every row, so the other parts append without a reallocation; the
                // others keep blocks, each freed once appended.
                if range.start == 0 {
                    reader.observations.reserve_exact(height);
                } else {
                    reader.in_blocks(MERGE_BLOCK.min(range.len()));
                }
                reader.read_long(table, &cols, range);
                reader
            })
            .collect();
        parts.into_iter().map(|reader| self.merge(reader, report)).sum()
    }

    /// Reads a wide table whose KPI columns are given as (column index, item).
    pub(crate) fn read_wide(
        &mut self,
        table: &RawTable,
        kpi_columns: &[(usize, ItemId)],
        report: &mut ImportReport,
    ) -> usize {
        let table_id = self.add_table(table);
        let mut reader = RowReader::new(self.catalogue, table_id);
        reader.read_wide(table, kpi_columns);
        self.merge(reader, report)
    }

    /// The dataset's number for a table of values, noting whether its city came from outside.
    fn add_table(&mut self, table: &RawTable) -> u32 {
        let id = self.dataset.add_table(table.file.clone(), table.sheet.clone());
        if table.city_given {
            self.city_given.push(id);
        }
        id
    }

    /// Adds a reader's observations (renumbering its cities), countries and problems; returns the count added.
    fn merge(&mut self, reader: RowReader<'_>, report: &mut ImportReport) -> usize {
        self.merge_keeping(reader, report).0
    }

    /// [`ValuesBuilder::merge`], also returning the reader's list, emptied, for
    /// the next reader to fill without touching fresh memory.
    pub(crate) fn merge_keeping(
        &mut self,
        reader: RowReader<'_>,
        report: &mut ImportReport,
    ) -> (usize, Vec<Observation>) {
        let ids: Vec<CityId> = reader.cities.iter().map(|name| self.city(name)).collect();
        for cell in reader.countries {
            self.set_country(ids[cell.city.index()], &cell.country, cell.origin, report);
        }
        report.absorb(reader.report);
        report.add_left_out(reader.left_out);
        let renumber = ids.iter().enumerate().any(|(i, id)| id.index() != i);
        // Where the reader's first observation lands: its notes are found there.
        let base = self.dataset.observations.len();
        let notes = reader.notes;
        let mut added = 0;
        let mut last = Vec::new();
        for mut observations in reader.blocks.into_iter().chain([reader.observations]) {
            added += observations.len();
            let all = &mut self.dataset.observations;
            if all.is_empty() && all.capacity() < observations.len() {
                // The first (often the only) table: take its rows without copying them.
                if renumber {
                    observations.par_iter_mut().for_each(|o| o.city = ids[o.city.index()]);
                }
                *all = observations;
                continue;
            }
            // Copied on every core: the copy writes fresh pages, which costs more than the bytes.
            all.par_extend(observations.par_drain(..).map(|mut o| {
                if renumber {
                    o.city = ids[o.city.index()];
                }
                o
            }));
            last = observations;
        }
        for (at, notes) in notes {
            if let Some(obs) = self.dataset.observations.get(base + at) {
                self.dataset.notes.add(obs, notes);
            }
        }
        (added, last)
    }

    fn set_country(
        &mut self,
        city: CityId,
        country: &str,
        mut origin: super::problem::Problem,
        report: &mut ImportReport,
    ) {
        let entry = &mut self.dataset.cities[city.index()];
        match &entry.country {
            None => entry.country = Some(country.to_string()),
            Some(known) if known.eq_ignore_ascii_case(country) => {}
            Some(known) => {
                origin.message = format!("{} is in {known} in an earlier row, here in {country}", entry.name);
                origin.hint = Some("use one country per city (cities with the same name need distinct names)".into());
                report.push(origin);
            }
        }
    }
}

/// The column the KPIs are read from: the first of [`KPI`]'s names, codes first;
/// but a code column none of whose first cells is a KPI (a `Code` column of city
/// or statistics codes beside a `KPI` column) gives way to the next KPI column.
pub(crate) fn kpi_column(table: &RawTable, catalogue: &Catalogue) -> Option<usize> {
    let keys: Vec<String> = table.headers.iter().map(|h| super::words::header_key(h)).collect();
    let candidates: Vec<usize> = KPI
        .iter()
        .filter_map(|want| keys.iter().position(|k| k == want))
        .collect();
    let holds_kpis = |col: usize| {
        let cells = (0..table.height)
            .filter_map(|r| table.cell(col, r))
            .filter(|t| !t.trim().is_empty());
        cells.take(50).any(|t| catalogue.find_kpi_or_item(t).is_some())
    };
    match candidates.as_slice() {
        [first, next, ..] if !holds_kpis(*first) && holds_kpis(*next) => Some(*next),
        [first, ..] => Some(*first),
        [] => None,
    }
}
