//! The cells of a frame's columns (Parquet) as the table path sees them.
//!
//! The table path casts every column to text with polars before it reads a row.
//! A Parquet file written by pandas or polars has a number column or two (the
//! year as integers, the value as floats when every value is a number), and
//! casting 11 M numbers to text allocates a fresh text array for every slice.
//! Here a number column is written as text by the same writers polars uses for
//! that cast (`zmij`, shortest round trip, for floats; `itoa` for integers),
//! range by range into one buffer, so the row reader sees the very texts the
//! table path sees: the dataset and report are the same to the letter (a test
//! compares the writers with polars' cast, another the two paths).

use std::ops::Range;

use polars_arrow::array::{Array, PrimitiveArray, Utf8ViewArray};

/// One chunk of a frame's column, in the types the one pass reads.
#[derive(Clone, Copy)]
pub(crate) enum FrameColumn<'a> {
    Text(&'a Utf8ViewArray),
    Float(&'a PrimitiveArray<f64>),
    /// Any integer column that fits in `i64` (cast by polars, which keeps the digits).
    Int(&'a PrimitiveArray<i64>),
}

impl FrameColumn<'_> {
    pub(crate) fn len(&self) -> usize {
        match self {
            FrameColumn::Text(a) => a.len(),
            FrameColumn::Float(a) => a.len(),
            FrameColumn::Int(a) => a.len(),
        }
    }

    /// Row `i` as text ("" when null), as the table summary's sample shows it.
    pub(crate) fn text_at(&self, i: usize) -> String {
        match (self, Written::of(*self, i..i + 1)) {
            (FrameColumn::Text(a), _) => a.get(i).unwrap_or_default().to_string(),
            (_, Some(written)) => written.get(0).unwrap_or_default().to_string(),
            _ => String::new(),
        }
    }
}

/// A range of a number column written as text: every cell's span in one buffer
/// (`None` for a null).
pub(crate) struct Written {
    text: String,
    spans: Vec<Option<(u32, u32)>>,
}

impl Written {
    /// The cells of `rows` of a number column as text; `None` for a text column.
    pub(crate) fn of(column: FrameColumn<'_>, rows: Range<usize>) -> Option<Written> {
        let mut written = Written {
            text: String::new(),
            spans: Vec::with_capacity(rows.len()),
        };
        match column {
            FrameColumn::Text(_) => return None,
            FrameColumn::Float(a) => {
                let mut buffer = zmij::Buffer::new();
                for i in rows {
                    let value = a.is_valid(i).then(|| a.value(i));
                    written.push(value.map(|v| buffer.format(v)));
                }
            }
            FrameColumn::Int(a) => {
                let mut buffer = itoa::Buffer::new();
                for i in rows {
                    let value = a.is_valid(i).then(|| a.value(i));
                    written.push(value.map(|v| buffer.format(v)));
                }
            }
        }
        Some(written)
    }

    fn push(&mut self, cell: Option<&str>) {
        let span = cell.map(|text| {
            let start = self.text.len();
            self.text.push_str(text);
            (start as u32, self.text.len() as u32)
        });
        self.spans.push(span);
    }

    /// Cell `k` of the range (`None` when null).
    pub(crate) fn get(&self, k: usize) -> Option<&str> {
        let (start, end) = (*self.spans.get(k)?)?;
        self.text.get(start as usize..end as usize)
    }
}

#[cfg(test)]
mod tests {
    use polars::prelude::*;

    use super::*;

    /// Our texts of a number column are polars' own cast to text, for every kind
    /// of float (shortest forms, exponents, subnormals, -0, NaN, infinities)
    /// and integer, nulls included.
    #[test]
    fn numbers_are_written_as_polars_casts_them() {
        use rand_core::Rng;
        let mut rng = rand_pcg::Pcg64::new(0xcafe_f00d_d15e_a5e5, 0x0a02_bdbf_7bb3_c0a7);
        let mut floats: Vec<Option<f64>> = vec![
            Some(0.0),
            Some(-0.0),
            Some(f64::NAN),
            Some(f64::INFINITY),
            Some(f64::NEG_INFINITY),
            Some(1e20),
            Some(1e-7),
            Some(0.1 + 0.2),
            Some(5e-324),
            Some(f64::MAX),
            Some(123_456_789_012.5),
            Some(42.0),
            None,
        ];
        for _ in 0..20_000 {
            let bits = rng.next_u64();
            let value = match bits % 3 {
                0 => f64::from_bits(bits),
                1 => (bits % 1_000_000) as f64 / 100.0,
                _ => (bits >> 11) as f64 * 2f64.powi((bits % 80) as i32 - 40),
            };
            floats.push(Some(value));
        }
        let ints: Vec<Option<i64>> = [Some(0), Some(-1), Some(2024), Some(i64::MIN), Some(i64::MAX), None]
            .into_iter()
            .chain((0..20_000).map(|_| Some(rng.next_u64() as i64 >> (rng.next_u64() % 64))))
            .collect();
        let float_series = Series::new("v".into(), &floats);
        let int_series = Series::new("y".into(), &ints);
        for series in [float_series, int_series] {
            let cast = series.cast(&DataType::String).expect("cast");
            let theirs: Vec<Option<&str>> = cast.str().expect("text").iter().collect();
            let rechunked = series.rechunk();
            let column = match series.dtype() {
                DataType::Float64 => FrameColumn::Float(rechunked.f64().expect("f64").downcast_get(0).expect("chunk")),
                _ => FrameColumn::Int(rechunked.i64().expect("i64").downcast_get(0).expect("chunk")),
            };
            let written = Written::of(column, 0..column.len()).expect("a number column");
            let ours: Vec<Option<&str>> = (0..column.len()).map(|k| written.get(k)).collect();
            assert_eq!(ours, theirs, "{:?}", series.dtype());
        }
    }
}
