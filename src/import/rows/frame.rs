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

use std::cell::OnceCell;
use std::ops::Range;

use polars_arrow::array::{Array, View};
use polars_arrow::bitmap::Bitmap;

use crate::model::{CityId, ItemId};

use super::super::years::{quiet_year, year_of_integer};
use super::plain::PlainShape;
use super::plain::{CityOf, ItemMemo, MAX_FLUSHES, Memo, Pending, Quiet};
use super::reader::RowReader;
use super::typed::{FrameColumn, Written};

/// The columns of a frame's range of rows, cell by cell.
struct Cells<'a> {
    columns: &'a [FrameColumn<'a>],
    /// Number columns written as text, each when a row first needs a text of it
    /// (quiet rows need none of an integer year column's: see [`Cells::year`]).
    written: Vec<OnceCell<Option<Written>>>,
    rows: Range<usize>,
    /// The keys of the city, year, KPI and data-point columns.
    keys: [Keys<'a>; 4],
}

/// What identifies the cells of a column within this array: their views in a
/// text column, their bits in a number column; `None` for a null. Equal keys
/// are equal texts; unequal keys may be equal texts too.
#[derive(Clone, Copy)]
enum Keys<'a> {
    Views(&'a [View], Option<&'a Bitmap>),
    Floats(&'a [f64], Option<&'a Bitmap>),
    Ints(&'a [i64], Option<&'a Bitmap>),
    /// No such column: every key is `None`.
    Absent,
}

impl<'a> Keys<'a> {
    fn of(column: Option<&FrameColumn<'a>>) -> Keys<'a> {
        // A validity with no null is not looked at.
        let valid = |bitmap: Option<&'a Bitmap>| bitmap.filter(|b| b.unset_bits() > 0);
        match column {
            Some(FrameColumn::Text(a)) => Keys::Views(a.views().as_slice(), valid(a.validity())),
            Some(FrameColumn::Float(a)) => Keys::Floats(a.values().as_slice(), valid(a.validity())),
            Some(FrameColumn::Int(a)) => Keys::Ints(a.values().as_slice(), valid(a.validity())),
            None => Keys::Absent,
        }
    }

    #[inline(always)]
    fn get(self, i: usize) -> Option<u128> {
        let valid = |bitmap: Option<&Bitmap>| bitmap.is_none_or(|b| b.get_bit(i));
        match self {
            Keys::Views(views, bitmap) => valid(bitmap).then(|| views.get(i).map(|v| v.as_u128())).flatten(),
            Keys::Floats(floats, bitmap) => valid(bitmap)
                .then(|| floats.get(i).map(|f| u128::from(f.to_bits())))
                .flatten(),
            Keys::Ints(ints, bitmap) => valid(bitmap)
                .then(|| ints.get(i).map(|&v| u128::from(v as u64)))
                .flatten(),
            Keys::Absent => None,
        }
    }
}

impl<'a> Cells<'a> {
    /// Cell `(c, i)` as the table path's text (`None` when null).
    fn text(&self, c: usize, i: usize) -> Option<&str> {
        match (self.columns.get(c)?, self.written.get(c)?) {
            (FrameColumn::Text(array), _) => array.get(i),
            (column, written) => written
                .get_or_init(|| Written::of(*column, self.rows.clone()))
                .as_ref()?
                .get(i - self.rows.start),
        }
    }

    /// Cell `(c, i)` as a year, as [`quiet_year`] reads its text: an integer's
    /// text is its digits, so an integer column's number is taken as it is.
    fn year(&self, c: usize, i: usize) -> Option<i32> {
        match self.columns.get(c)? {
            FrameColumn::Int(a) => a.is_valid(i).then(|| a.value(i)).and_then(year_of_integer),
            _ => quiet_year(self.text(c, i)?),
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
    /// frame's rows being the table's from row `first`; a row whose cells are
    /// not all known by their keys reads them as the texts the table path would.
    pub(crate) fn read_frame(
        &mut self,
        columns: &[FrameColumn<'_>],
        rows: Range<usize>,
        first: usize,
        shape: &PlainShape,
    ) {
        let cols = &shape.cols;
        let keys = |c: Option<usize>| Keys::of(c.and_then(|c| columns.get(c)));
        let cells = Cells {
            columns,
            written: columns.iter().map(|_| OnceCell::new()).collect(),
            rows: rows.clone(),
            keys: [
                keys(Some(cols.city)),
                keys(cols.year),
                keys(Some(cols.kpi)),
                keys(cols.data_point),
            ],
        };
        let mut memo = Memo::default();
        let mut pending = Pending::new(columns.len());
        let mut seen = Seen::default();
        let mut row: Vec<Option<&str>> = Vec::with_capacity(columns.len());
        for i in rows {
            let record = first + i;
            if pending.flushes < MAX_FLUSHES
                && let Some((quiet, key)) = self.quiet_by_key(&cells, i, shape, (&mut memo, &mut seen))
            {
                let city = self.keep(quiet, record, shape, &mut memo, &mut pending);
                seen.city = Some((key, city));
                continue;
            }
            row.clear();
            row.extend((0..columns.len()).map(|c| cells.text(c, i)));
            self.plain_record(&row, record, shape, &mut memo, &mut pending);
        }
        self.flush(&mut pending, shape);
    }

    /// Row `i` when it is quiet (with its city's key), its city, year and item
    /// found by their cells' keys where an earlier row had the same (by text
    /// otherwise); `None` when it is not quiet or not known to be (the text
    /// path then reads it).
    fn quiet_by_key<'t>(
        &mut self,
        cells: &'t Cells<'_>,
        i: usize,
        shape: &PlainShape,
        (memo, seen): (&mut Memo<'t>, &mut Seen),
    ) -> Option<(Quiet<'t>, u128)> {
        let cols = &shape.cols;
        let [city_keys, year_keys, kpi_keys, dp_keys] = cells.keys;
        let city_key = city_keys.get(i)?;
        let (city, city_text) = match seen.city {
            Some((key, id)) if key == city_key => (CityOf::Known(id), None),
            _ => {
                let text = cells.text(cols.city, i)?;
                (memo.city_of(text)?, Some(text))
            }
        };
        let year_key = year_keys.get(i)?;
        let year = match seen.year {
            Some((key, year)) if key == year_key => year,
            _ => {
                let year = cells.year(cols.year?, i)?;
                seen.year = Some((year_key, year));
                year
            }
        };
        let item_key = (kpi_keys.get(i)?, dp_keys.get(i));
        let item = self.item_by_key(cells, i, item_key, shape, (memo, seen))?;
        let (value, warned) = self.quiet_cell(item, cells.text(cols.value, i), shape)?;
        let quiet = Quiet {
            city,
            city_text,
            year,
            item,
            value,
            warned,
        };
        Some((quiet, city_key))
    }

    /// Row `i`'s item when it resolves quietly: by `key`, the keys of its KPI
    /// and data point, else by their texts (both remembered).
    fn item_by_key<'t>(
        &mut self,
        cells: &'t Cells<'_>,
        i: usize,
        key: (u128, Option<u128>),
        shape: &PlainShape,
        (memo, seen): (&mut Memo<'t>, &mut Seen),
    ) -> Option<ItemId> {
        let cols = &shape.cols;
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
