//! The records of a frame (a slice of a Parquet file) read straight from its
//! columns, as [`super::plain`] reads those of a text.
//!
//! Why a path of its own: a Parquet writer stores the city, year, KPI and data
//! point columns as dictionaries, and polars decodes a dictionary column into
//! views (16 bytes: the length and the text itself when it is short, else a
//! place in the dictionary's buffer) copied from the dictionary's. So two equal
//! views of one array are the same text, and a record whose city, year, KPI and
//! data point have the views of earlier records needs none of their texts: one
//! 16-byte compare each instead of building the texts and comparing them
//! (`memcmp` took 6 % of a 10,000-city Parquet import). Two unequal views may
//! still be equal texts (a dictionary per row group, or plain pages): those
//! records are looked up by text, as in a CSV file, so a key only ever saves
//! work, never changes a result. Anything not quiet goes through
//! [`RowReader::plain_record`], the text path, which decides.

use std::ops::Range;

use polars_arrow::array::Array;

use crate::model::{CityId, ItemId};

use super::super::cells::{clean, parse_year};
use super::plain::{CityOf, ItemMemo, MAX_FLUSHES, Memo, Pending, Quiet};
use super::typed::{FrameColumn, Written};
use super::{PlainShape, RowReader};

/// The columns of a frame's range of rows, cell by cell.
struct Cells<'a> {
    columns: &'a [FrameColumn<'a>],
    written: Vec<Option<Written>>,
    start: usize,
}

impl<'a> Cells<'a> {
    /// Cell `(c, i)` as the table path's text (`None` when null).
    fn text(&self, c: usize, i: usize) -> Option<&str> {
        match (self.columns.get(c)?, self.written.get(c)?) {
            (FrameColumn::Text(array), _) => array.get(i),
            (_, Some(written)) => written.get(i - self.start),
            (_, None) => None,
        }
    }

    /// What identifies cell `(c, i)` within its column of this array: its view
    /// in a text column, its bits in a number column (`None` when null). Equal
    /// keys are equal texts; unequal keys may be equal texts too.
    fn key(&self, c: Option<usize>, i: usize) -> Option<u128> {
        match *self.columns.get(c?)? {
            FrameColumn::Text(a) => a.is_valid(i).then(|| a.views()[i].as_u128()),
            FrameColumn::Float(a) => a.is_valid(i).then(|| u128::from(a.value(i).to_bits())),
            FrameColumn::Int(a) => a.is_valid(i).then(|| a.value(i) as u64 as u128),
        }
    }
}

/// The last city and year met by key, and the items by their cells' keys.
#[derive(Default)]
struct Seen {
    city: Option<(u128, CityId)>,
    year: Option<(u128, i32)>,
    items: ItemMemo<(u128, Option<u128>)>,
}

impl RowReader<'_> {
    /// Reads the columns of a frame (Parquet) from row `rows.start`, the
    /// frame's rows being the table's from row `first`; number columns are
    /// first written as the texts the table path would read.
    pub(crate) fn read_frame(
        &mut self,
        columns: &[FrameColumn<'_>],
        rows: Range<usize>,
        first: usize,
        shape: &PlainShape,
    ) {
        let cells = Cells {
            columns,
            written: columns.iter().map(|c| Written::of(*c, rows.clone())).collect(),
            start: rows.start,
        };
        let mut memo = Memo::default();
        let mut pending = Pending::new(columns.len());
        let mut seen = Seen::default();
        let mut row: Vec<Option<&str>> = Vec::with_capacity(columns.len());
        for i in rows {
            let record = first + i;
            if pending.flushes < MAX_FLUSHES
                && let Some(quiet) = self.quiet_by_key(&cells, i, shape, (&mut memo, &mut seen))
            {
                let key = cells.key(Some(shape.cols.city), i);
                let city = self.keep(quiet, record, shape, &mut memo, &mut pending);
                seen.city = key.map(|k| (k, city));
                continue;
            }
            row.clear();
            row.extend((0..columns.len()).map(|c| cells.text(c, i)));
            self.plain_record(&row, record, shape, &mut memo, &mut pending);
        }
        self.flush(&mut pending, shape);
    }

    /// Row `i` when it is quiet, its city, year and item found by their cells'
    /// keys where an earlier row had the same (by text otherwise); `None` when
    /// it is not quiet or not known to be (the text path then reads it).
    fn quiet_by_key<'t>(
        &mut self,
        cells: &'t Cells<'_>,
        i: usize,
        shape: &PlainShape,
        (memo, seen): (&mut Memo<'t>, &mut Seen),
    ) -> Option<Quiet<'t>> {
        let cols = &shape.cols;
        let city_key = cells.key(Some(cols.city), i)?;
        let (city, city_text) = match seen.city {
            Some((key, id)) if key == city_key => (CityOf::Known(id), None),
            _ => {
                let text = cells.text(cols.city, i)?;
                match memo.cities.get(text) {
                    Some(&id) => (CityOf::Known(id), Some(text)),
                    None if clean(text).is_empty() => return None,
                    None => (CityOf::New(text), Some(text)),
                }
            }
        };
        let year_key = cells.key(cols.year, i)?;
        let year = match seen.year {
            Some((key, year)) if key == year_key => year,
            _ => {
                let year = parse_year(cells.text(cols.year?, i)?)?;
                seen.year = Some((year_key, year));
                year
            }
        };
        let item = self.item_by_key(cells, i, shape, (memo, seen))?;
        let value = self.quiet_cell(item, cells.text(cols.value, i), shape)?;
        Some(Quiet {
            city,
            city_text,
            year,
            item,
            value,
        })
    }

    /// Row `i`'s item when it resolves quietly: by the keys of its KPI and data
    /// point, else by their texts (both remembered).
    fn item_by_key<'t>(
        &mut self,
        cells: &'t Cells<'_>,
        i: usize,
        shape: &PlainShape,
        (memo, seen): (&mut Memo<'t>, &mut Seen),
    ) -> Option<ItemId> {
        let cols = &shape.cols;
        let key = (cells.key(Some(cols.kpi), i)?, cells.key(cols.data_point, i));
        let resolver = &mut self.resolver;
        seen.items.get(key, || {
            let texts = (
                cells.text(cols.kpi, i).unwrap_or(""),
                cols.data_point.and_then(|c| cells.text(c, i)),
            );
            memo.items.get(texts, || match resolver.resolve(texts.0, texts.1) {
                Ok((item, None)) => Some(item),
                _ => None,
            })
        })
    }
}
