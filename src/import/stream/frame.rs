//! Large Parquet long tables read slice by slice, straight from their columns
//! (text, or numbers written as the table path's text: see
//! [`super::super::rows::FrameColumn`]; the parent module reads text files).
//!
//! Why: the table path cast every column of the whole frame to text, coded it
//! into a table, then read the table's rows; at 10,000 cities (11.2 M rows) the
//! frame alone took about 1.1 GB. Here polars reads a slice of rows at a time,
//! both cores read its rows ([`RowReader::read_frame`]: quiet records become
//! observations, the others go through the table path, row by row) and the
//! slice is dropped before the next is read.

use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

use polars::prelude::*;
use rayon::prelude::*;

use crate::model::{Catalogue, Observation};

use super::super::detect::{Format, detect};
use super::super::report::ImportReport;
use super::super::reshape::TableDefaults;
use super::super::rows::{FrameColumn, PlainShape, RowReader};
use super::super::values::ValuesBuilder;
use super::shared::{Streamed, merge_in_order, plain_columns};

/// Frames of at least this many rows are read slice by slice. Measured at
/// 1,000 cities (1.12 M rows, `cityprofile score`, paired runs): 0.90x the time
/// of the table path.
const FRAME_MIN_ROWS: usize = 1 << 16;

/// Rows per slice read by polars.
const SLICE_ROWS: usize = 1 << 20;

/// Reads a large Parquet file slice by slice when it is a plain long table of
/// text, float and integer columns; `None` otherwise (the table path then reads it).
pub(crate) fn read_long_frame<'c>(
    catalogue: &'c Catalogue,
    name: &str,
    bytes: &[u8],
    defaults: &TableDefaults,
) -> Option<Streamed<'c>> {
    read_long_frame_in(catalogue, (name, bytes), defaults, (SLICE_ROWS, FRAME_MIN_ROWS))
}

/// [`read_long_frame`] in slices of `slice_rows`, for frames of at least `min_rows`.
pub(super) fn read_long_frame_in<'c>(
    catalogue: &'c Catalogue,
    (name, bytes): (&str, &[u8]),
    defaults: &TableDefaults,
    (slice_rows, min_rows): (usize, usize),
) -> Option<Streamed<'c>> {
    let ext = Path::new(name).extension()?.to_string_lossy().to_lowercase();
    let mapped = defaults.mappings.iter().any(|m| m.file == name);
    if !matches!(ext.as_str(), "parquet" | "pq") || detect(bytes) != Some(Format::Parquet) || mapped {
        return None;
    }
    // A damaged file may make polars panic: the table path reads it again and
    // reports it (it catches the same panic).
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_slices(catalogue, (name, bytes), (slice_rows.max(1), min_rows))
    }))
    .ok()
    .flatten()
}

fn read_slices<'c>(
    catalogue: &'c Catalogue,
    (name, bytes): (&str, &[u8]),
    (slice_rows, min_rows): (usize, usize),
) -> Option<Streamed<'c>> {
    let reader = || ParquetReader::new(Cursor::new(bytes));
    let rows = reader().num_rows().ok()?;
    if rows < min_rows.max(1) {
        return None;
    }
    let slice = |offset: usize| {
        let len = slice_rows.min(rows - offset);
        reader().with_slice(Some((offset, len))).finish().ok()
    };
    let first = slice(0)?;
    if !first.columns().iter().all(|c| Col::takes(c.dtype())) {
        return None;
    }
    let file: Arc<str> = Arc::from(name);
    let headers: Vec<String> = first.get_column_names().iter().map(|n| n.to_string()).collect();
    let cols = plain_columns(&headers, &file, catalogue)?;
    let shape = PlainShape {
        file: file.clone(),
        headers,
        sep: b',',
        decimal_comma: false,
        // Parquet has no header line: row N is the N-th record.
        first_line: 1,
        cols,
    };
    let mut builder = ValuesBuilder::new(catalogue);
    let table_id = builder.dataset.add_table(file.clone(), None);
    let _ = builder.dataset.observations.try_reserve(rows);
    let (mut report, mut lists) = (ImportReport::default(), Vec::new());
    let (mut offset, mut loaded, mut sample) = (0, 0, None);
    let mut next = Some(first);
    while offset < rows {
        let frame = match next.take() {
            Some(frame) => frame,
            None => slice(offset)?,
        };
        let (height, added) = read_columns(
            frame,
            (offset, table_id),
            &shape,
            &mut builder,
            (&mut lists, &mut report),
            &mut sample,
        )?;
        loaded += added;
        offset += height;
    }
    Some(Streamed::new((builder, report), name, &shape, (rows, loaded), sample))
}

/// Reads the rows of one slice, chunk by chunk; the rows read and the
/// observations added, or `None` for an empty slice or ragged columns.
fn read_columns<'c>(
    frame: DataFrame,
    (offset, table_id): (usize, u32),
    shape: &PlainShape,
    builder: &mut ValuesBuilder<'c>,
    (lists, report): (&mut Vec<Vec<Observation>>, &mut ImportReport),
    sample: &mut Option<Vec<String>>,
) -> Option<(usize, usize)> {
    let columns: Vec<Col> = frame.columns().iter().map(Col::of).collect::<Option<_>>()?;
    drop(frame);
    // Row groups make chunks: read chunk by chunk when every column is cut
    // alike (no copy), else each column in one piece.
    let aligned = columns.windows(2).all(|w| w[0].chunk_lengths() == w[1].chunk_lengths());
    let columns: Vec<Col> = if aligned {
        columns
    } else {
        columns.iter().map(Col::rechunk).collect()
    };
    let (mut rows, mut loaded) = (0, 0);
    for k in 0..columns.first().map_or(0, Col::chunks) {
        let arrays: Vec<FrameColumn<'_>> = columns.iter().map(|c| c.chunk(k)).collect::<Option<_>>()?;
        let height = arrays.first().map_or(0, FrameColumn::len);
        if arrays.iter().any(|a| a.len() != height) {
            return None;
        }
        if height > 0 {
            sample.get_or_insert_with(|| arrays.iter().map(|a| a.text_at(0)).collect());
        }
        let readers = read_slice(&arrays, (offset + rows, table_id), shape, builder, lists);
        loaded += merge_in_order(builder, readers, (lists, report));
        rows += height;
    }
    (rows > 0).then_some((rows, loaded))
}

/// Reads one chunk's rows, a range per core.
fn read_slice<'c>(
    arrays: &[FrameColumn<'_>],
    (offset, table_id): (usize, u32),
    shape: &PlainShape,
    builder: &mut ValuesBuilder<'c>,
    lists: &mut Vec<Vec<Observation>>,
) -> Vec<RowReader<'c>> {
    let catalogue = builder.catalogue();
    let height = arrays.first().map_or(0, FrameColumn::len);
    let threads = rayon::current_num_threads().max(1);
    let step = height.div_ceil(threads).max(1);
    let ranges: Vec<std::ops::Range<usize>> = (0..height).step_by(step).map(|s| s..(s + step).min(height)).collect();
    let empty: Vec<Vec<Observation>> = ranges.iter().map(|_| lists.pop().unwrap_or_default()).collect();
    ranges
        .into_par_iter()
        .zip(empty)
        .map(|(range, list)| {
            let mut reader = RowReader::new(catalogue, table_id);
            reader.observations = list;
            reader.read_frame(arrays, range, offset, shape);
            reader
        })
        .collect()
}

/// A slice's column in a type the one pass reads.
enum Col {
    Text(StringChunked),
    Float(Float64Chunked),
    Int(Int64Chunked),
}

impl Col {
    /// Text, `f64` and integers that fit in `i64` (a `u64` might not; an `f32`
    /// is written by polars with `f32`'s digits): others go to the table path.
    fn takes(dtype: &DataType) -> bool {
        use DataType::*;
        matches!(
            dtype,
            String | Float64 | Int8 | Int16 | Int32 | Int64 | UInt8 | UInt16 | UInt32
        )
    }

    fn of(column: &Column) -> Option<Col> {
        Some(match column.dtype() {
            DataType::String => Col::Text(column.str().ok()?.clone()),
            DataType::Float64 => Col::Float(column.f64().ok()?.clone()),
            dtype if Col::takes(dtype) => Col::Int(column.cast(&DataType::Int64).ok()?.i64().ok()?.clone()),
            _ => return None,
        })
    }

    fn chunk_lengths(&self) -> Vec<usize> {
        match self {
            Col::Text(ca) => ca.chunk_lengths().collect(),
            Col::Float(ca) => ca.chunk_lengths().collect(),
            Col::Int(ca) => ca.chunk_lengths().collect(),
        }
    }

    fn chunks(&self) -> usize {
        match self {
            Col::Text(ca) => ca.chunks().len(),
            Col::Float(ca) => ca.chunks().len(),
            Col::Int(ca) => ca.chunks().len(),
        }
    }

    fn rechunk(&self) -> Col {
        match self {
            Col::Text(ca) => Col::Text(ca.rechunk().into_owned()),
            Col::Float(ca) => Col::Float(ca.rechunk().into_owned()),
            Col::Int(ca) => Col::Int(ca.rechunk().into_owned()),
        }
    }

    fn chunk(&self, k: usize) -> Option<FrameColumn<'_>> {
        Some(match self {
            Col::Text(ca) => FrameColumn::Text(ca.downcast_get(k)?),
            Col::Float(ca) => FrameColumn::Float(ca.downcast_get(k)?),
            Col::Int(ca) => FrameColumn::Int(ca.downcast_get(k)?),
        })
    }
}
