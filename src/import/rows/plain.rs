//! The records of a large long text read straight from its bytes, with no table
//! in between (see [`super::super::stream`]).
//!
//! A record is *quiet* when the table path would take it without an error: a
//! city, a year, a KPI (and data point) that resolves without a warning, and a
//! value [`mild_value`] accepts. Quiet records become observations here, and
//! the warnings of a value kept with them (a percentage outside 0-100) are said
//! here as the table path says them ([`warn_number`]): a file with a warning in
//! every row costs little more than a clean one. Every other record (a missing
//! city, a bad year, an unknown KPI, a value with an error) waits in a small
//! table of its own and is read by [`RowReader::read_long`], the table path
//! itself, before the next quiet record: so its problems, their order, the order
//! of observations and the order in which cities first appear are the table
//! path's, to the letter (a test compares the two).

use std::sync::Arc;

use polars::prelude::PlHashMap;

use crate::model::{CityId, ItemId, Observation, Origin, Value};

use super::super::cells::{Cell, clean, parse_value, plain_decimal};
use super::super::checks::{Place, mild_value, warn_number};
use super::super::hits::{cell_ends, without_cr};
use super::super::table::{RawTable, RowNumbers};
use super::super::years::quiet_year;
use super::long::LongColumns;
use super::reader::RowReader;

/// How the records of a plain long text are laid out (found from its header).
pub(crate) struct PlainShape {
    pub file: Arc<str>,
    pub headers: Vec<String>,
    pub sep: u8,
    pub decimal_comma: bool,
    /// The line (text) or row (frame) number of record 0: 2 under a header line, 1 in a frame.
    pub first_line: usize,
    /// The columns; `year` is always there.
    pub cols: LongColumns,
}

/// The text is not plain (a quote, a record with another number of fields than
/// the header, bytes that are not UTF-8): the file is read through a table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct NotPlain;

/// After this many runs of odd records in one block, the rest of the block is
/// read through one table: a file where every other record is odd costs one
/// table per block, not one per record.
pub(super) const MAX_FLUSHES: usize = 256;

/// Work done once per distinct text within a block.
#[derive(Default)]
pub(super) struct Memo<'t> {
    city: Option<(&'t str, CityId)>,
    cities: PlHashMap<&'t str, CityId>,
    year: Option<(&'t str, i32)>,
    pub items: ItemMemo<(&'t str, Option<&'t str>)>,
}

impl<'t> Memo<'t> {
    /// The city of a quiet record's city text: the last record's, one met
    /// already, or a new one to number; `None` for a blank city (not quiet).
    pub(super) fn city_of(&self, text: &'t str) -> Option<CityOf<'t>> {
        Some(match self.city {
            Some((last, id)) if last == text => CityOf::Known(id),
            _ => match self.cities.get(text) {
                Some(&id) => CityOf::Known(id),
                None if clean(text).is_empty() => return None,
                None => CityOf::New(text),
            },
        })
    }
}

/// The item of each KPI and data-point cell met, by key (their texts, or in a
/// frame the cells' views; `None`: it does not resolve quietly), and which
/// came after which: a long table repeats its KPIs in the same order for every
/// city and year, so the entry after the last one is tried (one short compare)
/// before the key is hashed.
pub(super) struct ItemMemo<K> {
    entries: Vec<(K, Option<ItemId>)>,
    next: Vec<Option<usize>>,
    last: Option<usize>,
    index: PlHashMap<K, usize>,
}

impl<K> Default for ItemMemo<K> {
    fn default() -> Self {
        ItemMemo {
            entries: Vec::new(),
            next: Vec::new(),
            last: None,
            index: PlHashMap::default(),
        }
    }
}

impl<K: Copy + Eq + std::hash::Hash> ItemMemo<K> {
    /// The entry of the key, found or added with `resolve`'s item. The guess
    /// (the entry after the last one) is tried here, inlined in the row loops;
    /// anything else in [`ItemMemo::find`].
    #[inline(always)]
    pub(super) fn get(&mut self, key: K, resolve: impl FnOnce() -> Option<ItemId>) -> Option<ItemId> {
        let guess = self.last.and_then(|last| self.next.get(last).copied().flatten());
        if let Some(g) = guess
            && let Some(entry) = self.entries.get(g)
            && entry.0 == key
        {
            self.last = Some(g);
            return entry.1;
        }
        self.find(key, resolve)
    }

    /// The entry of the key by its hash, or added; it becomes the guess after the last one.
    #[inline(never)]
    fn find(&mut self, key: K, resolve: impl FnOnce() -> Option<ItemId>) -> Option<ItemId> {
        let found = match self.index.get(&key) {
            Some(&found) => found,
            None => {
                self.entries.push((key, resolve()));
                self.next.push(None);
                self.index.insert(key, self.entries.len() - 1);
                self.entries.len() - 1
            }
        };
        if let Some(slot) = self.last.and_then(|last| self.next.get_mut(last)) {
            *slot = Some(found);
        }
        self.last = Some(found);
        self.entries.get(found).and_then(|e| e.1)
    }
}

/// A quiet record's city: one met already, or a text to number.
pub(super) enum CityOf<'t> {
    Known(CityId),
    New(&'t str),
}

/// A record the table path would take without a word.
pub(super) struct Quiet<'t> {
    pub city: CityOf<'t>,
    /// The city's text, when it was read (the next record compares with it).
    pub city_text: Option<&'t str>,
    pub year: i32,
    pub item: ItemId,
    pub value: Value,
    /// The value's text, number and % sign, when it has warnings to say.
    pub warned: Option<Warned<'t>>,
}

/// A number kept with warnings: its text, value and whether it had a % sign.
pub(super) type Warned<'t> = (&'t str, f64, bool);

/// Odd records waiting to be read through a table: their record numbers and
/// their cells, column by column.
pub(super) struct Pending<'t> {
    records: Vec<usize>,
    columns: Vec<Vec<Option<&'t str>>>,
    pub flushes: usize,
}

impl Pending<'_> {
    pub(super) fn new(fields: usize) -> Self {
        Pending {
            records: Vec::new(),
            columns: vec![Vec::new(); fields],
            flushes: 0,
        }
    }
}

impl RowReader<'_> {
    /// Reads the records of `text` (whole lines; its first record is the body's
    /// record number `first`) and returns how many there were.
    pub(crate) fn read_plain(&mut self, text: &[u8], first: usize, shape: &PlainShape) -> Result<usize, NotPlain> {
        let text = std::str::from_utf8(text).map_err(|_| NotPlain)?;
        let bytes = text.as_bytes();
        let fields = shape.headers.len();
        let mut memo = Memo::default();
        let mut pending = Pending::new(fields);
        let mut row: Vec<Option<&str>> = Vec::with_capacity(fields);
        let cell = |start: usize, end: usize| if end > start { text.get(start..end) } else { None };
        let (mut record, mut start, mut line_start) = (first, 0, 0);
        // Every separator and line break, then the end of a last line without a break.
        let mut ends = cell_ends(bytes, shape.sep);
        for at in ends.by_ref() {
            // As in the table path (and polars), one `\r` at the end of any cell is dropped.
            row.push(cell(start, without_cr(bytes, start, at)));
            if bytes.get(at) == Some(&shape.sep) {
                start = at + 1;
                continue;
            }
            let line = bytes.get(line_start..at).unwrap_or_default();
            if row.len() == fields {
                self.plain_record(&row, record, shape, &mut memo, &mut pending);
            } else if !(line.is_empty() || line == b"\r") {
                // A blank line is a record of empty cells, which the table path skips.
                return Err(NotPlain);
            }
            record += 1;
            row.clear();
            (start, line_start) = (at + 1, at + 1);
        }
        if ends.saw_quote() {
            // Found only now: what was read of this block is dropped with it.
            return Err(NotPlain);
        }
        self.flush(&mut pending, shape);
        Ok(record - first)
    }

    /// Reads one record's cells (a quiet one becomes an observation, others wait).
    pub(super) fn plain_record<'t>(
        &mut self,
        cells: &[Option<&'t str>],
        record: usize,
        shape: &PlainShape,
        memo: &mut Memo<'t>,
        pending: &mut Pending<'t>,
    ) {
        let cell = |c: usize| cells.get(c).copied().flatten();
        let cols = &shape.cols;
        let (city, kpi, value) = (cell(cols.city), cell(cols.kpi), cell(cols.value));
        if city.is_none() && kpi.is_none() && value.is_none() {
            return; // a blank record: the table path skips it without a word
        }
        let quiet = if pending.flushes >= MAX_FLUSHES {
            None
        } else {
            let year = cols.year.and_then(cell);
            self.quiet(city, year, kpi, cols.data_point.and_then(cell), value, shape, memo)
        };
        let Some(quiet) = quiet else {
            pending.records.push(record);
            for (c, column) in pending.columns.iter_mut().enumerate() {
                column.push(cell(c));
            }
            return;
        };
        self.keep(quiet, record, shape, memo, pending);
    }

    /// Stores a quiet record as an observation, after the odd records before
    /// it; returns its city.
    pub(super) fn keep<'t>(
        &mut self,
        quiet: Quiet<'t>,
        record: usize,
        shape: &PlainShape,
        memo: &mut Memo<'t>,
        pending: &mut Pending<'t>,
    ) -> CityId {
        self.flush(pending, shape);
        let city = match quiet.city {
            CityOf::Known(id) => id,
            CityOf::New(text) => {
                let id = self.city(text);
                memo.cities.insert(text, id);
                id
            }
        };
        if let Some(text) = quiet.city_text {
            memo.city = Some((text, city));
        }
        if let Some((text, value, percent)) = quiet.warned {
            let place = Place {
                file: &shape.file,
                column: &shape.headers[shape.cols.value],
                row: record + shape.first_line,
            };
            let catalogue = self.resolver.catalogue();
            let sink = (&mut self.report, &mut self.warn_kinds);
            warn_number(catalogue, (quiet.item, text, value, percent), &place, sink);
        }
        self.push(Observation::new(
            city,
            Some(quiet.year),
            quiet.item,
            quiet.value,
            Origin {
                table: self.table_id,
                row: (record + shape.first_line) as u32,
            },
        ));
        city
    }

    /// The record's city, year, item and value, when the table path would take
    /// it without a problem; `None` for anything else.
    #[allow(clippy::too_many_arguments)]
    fn quiet<'t>(
        &mut self,
        city: Option<&'t str>,
        year: Option<&'t str>,
        kpi: Option<&'t str>,
        data_point: Option<&'t str>,
        value: Option<&'t str>,
        shape: &PlainShape,
        memo: &mut Memo<'t>,
    ) -> Option<Quiet<'t>> {
        let city_text = city?;
        let city = memo.city_of(city_text)?;
        let year_text = year?;
        let year = match memo.year {
            Some((last, y)) if last == year_text => y,
            _ => {
                let y = quiet_year(year_text)?;
                memo.year = Some((year_text, y));
                y
            }
        };
        let key = (kpi.unwrap_or(""), data_point);
        let resolver = &mut self.resolver;
        let item = memo.items.get(key, || match resolver.resolve(key.0, key.1) {
            Ok((item, None)) => Some(item),
            _ => None,
        })?;
        let (value, warned) = self.quiet_cell(item, value, shape)?;
        Some(Quiet {
            city,
            city_text: Some(city_text),
            year,
            item,
            value,
            warned,
        })
    }

    /// The item's value in `text`, when the table path takes it without an
    /// error; with its warnings to say (see [`Quiet::warned`]), if any.
    pub(super) fn quiet_cell<'t>(
        &self,
        item: ItemId,
        text: Option<&'t str>,
        shape: &PlainShape,
    ) -> Option<(Value, Option<Warned<'t>>)> {
        let text = text.unwrap_or("");
        let cell = match plain_decimal(text) {
            Some(value) => Some(Cell::Number { value, percent: false }),
            None => parse_value(text, shape.decimal_comma),
        };
        let (value, warned) = mild_value(self.resolver.catalogue(), item, cell)?;
        let warned = match (warned, cell) {
            (true, Some(Cell::Number { value, percent })) => Some((text, value, percent)),
            _ => None,
        };
        Some((value, warned))
    }

    /// Reads the odd records waiting, through a table of their own. Called
    /// before every quiet record: the test is inlined, the reading is not.
    #[inline(always)]
    pub(super) fn flush(&mut self, pending: &mut Pending<'_>, shape: &PlainShape) {
        if !pending.records.is_empty() {
            self.flush_waiting(pending, shape);
        }
    }

    #[inline(never)]
    fn flush_waiting(&mut self, pending: &mut Pending<'_>, shape: &PlainShape) {
        let columns = pending.columns.iter_mut().map(std::mem::take).collect();
        let lines = pending
            .records
            .drain(..)
            .map(|r| (r + shape.first_line) as u32)
            .collect();
        let mut table = RawTable::from_cells(&shape.file, None, shape.headers.clone(), columns, shape.first_line);
        table.rows = RowNumbers::Explicit(lines);
        table.decimal_comma = shape.decimal_comma;
        let height = table.height;
        self.read_long(&table, &shape.cols, 0..height);
        pending.flushes += 1;
    }
}
