//! The cells of a table, kept compactly. A column with few distinct texts (the
//! city, year, KPI code and data point of a long table) is stored as one `u32`
//! code per row into its distinct texts; other columns stay polars string
//! chunks. On the 10,000-city benchmark file (11.2 M rows) the string
//! columns come to about 1.1 GB (a 16-byte view per cell, plus a copy of every
//! text longer than 12 bytes); the coded table measured about 0.3 GB (resident
//! set after the read, less the file's bytes).
//!
//! Tables are built frame by frame ([`TableBuilder::push`]): a large text file
//! is parsed in pieces, and each piece's frame is coded and dropped before the
//! next is parsed, so the whole file never exists as strings at once. Only
//! large delimited files are coded (see [`CODED_MIN_BYTES`]).

use polars::prelude::*;
use polars_arrow::array::Array;
use rayon::prelude::*;

use super::report::{Problem, Severity};

/// A column is coded when its first frame has at most one distinct text per
/// this many rows.
const ROWS_PER_DISTINCT: usize = 4;
/// Delimited text of at least this many bytes is coded. Coding costs time (a
/// hash per cell) and saves memory; measured on the 1,000-city file (45 MB), it
/// made the import 1.24x slower for memory nobody needs at that size; on the
/// 10,000-city file (432 MB) it halved the peak and the memo per code made the
/// import faster (5.2 s to 4.8 s). Frames read whole (Parquet, JSON) are not
/// coded: their text is already in memory, and coding only added time.
pub(crate) const CODED_MIN_BYTES: usize = 64 << 20;

/// A coded column that meets more distinct texts than this turns back into text.
const MAX_WORDS: usize = 1 << 20;
/// The code of an empty cell.
const EMPTY: u32 = u32::MAX;

/// One column's cells.
#[derive(Debug, Clone)]
pub(crate) enum Column {
    /// Text per row, chunked like every other text column of the table.
    Text(StringChunked),
    /// A code per row into `words` ([`EMPTY`] for an empty cell).
    Codes { codes: Vec<u32>, words: Vec<Box<str>> },
}

impl Column {
    /// The cell of data row `row`, at `chunk`/`local` in text columns.
    pub(crate) fn get(&self, row: usize, chunk: usize, local: usize) -> Option<&str> {
        match self {
            Column::Text(ca) => ca.downcast_get(chunk)?.get(local),
            Column::Codes { codes, words } => words.get(*codes.get(row)? as usize).map(|w| &**w),
        }
    }

    /// The code of data row `row` (`u32::MAX` when empty); `None` for a text column.
    pub(crate) fn code(&self, row: usize) -> Option<u32> {
        match self {
            Column::Text(_) => None,
            Column::Codes { codes, .. } => codes.get(row).copied(),
        }
    }

    /// The number of distinct texts of a coded column; `None` for a text column.
    pub(crate) fn words(&self) -> Option<usize> {
        match self {
            Column::Text(_) => None,
            Column::Codes { words, .. } => Some(words.len()),
        }
    }
}

/// A column while frames are added to it.
enum Building {
    /// No frame yet: coded or not is decided on the first.
    Undecided,
    Text(StringChunked),
    Codes {
        codes: Vec<u32>,
        words: Vec<Box<str>>,
        index: PlHashMap<Box<str>, u32>,
        /// Codes of short texts by their polars view (see `encode`).
        inline: PlHashMap<u128, u32>,
    },
}

impl Building {
    /// Adds a frame's column (already text); `coded`: whether coding may be tried.
    fn push(&mut self, ca: &StringChunked, coded: bool) -> PolarsResult<()> {
        match self {
            Building::Undecided if !coded => *self = Building::Text(ca.clone()),
            Building::Undecided => {
                let mut coded = Building::Codes {
                    codes: Vec::new(),
                    words: Vec::new(),
                    index: PlHashMap::default(),
                    inline: PlHashMap::default(),
                };
                let few = coded.encode(ca) && coded.words() * ROWS_PER_DISTINCT <= ca.len();
                *self = if few && !ca.is_empty() {
                    coded
                } else {
                    Building::Text(ca.clone())
                };
            }
            Building::Text(text) => {
                // Appending adds the frame's chunks; no cell is copied.
                text.append(ca)?;
            }
            Building::Codes { .. } => {
                if !self.encode(ca) {
                    self.decode_then_append(ca)?;
                }
            }
        }
        Ok(())
    }

    fn words(&self) -> usize {
        match self {
            Building::Codes { words, .. } => words.len(),
            _ => 0,
        }
    }

    /// Codes every cell of `ca`; false (rows of `ca` left uncoded) when the
    /// column has too many distinct texts to be worth coding.
    fn encode(&mut self, ca: &StringChunked) -> bool {
        self.encode_with_limit(ca, MAX_WORDS)
    }

    fn encode_with_limit(&mut self, ca: &StringChunked, max_words: usize) -> bool {
        let Building::Codes {
            codes,
            words,
            index,
            inline,
        } = self
        else {
            return false;
        };
        let before = codes.len();
        codes.reserve(ca.len());
        // A text of up to 12 bytes sits whole in its 16-byte polars view, so the
        // view is the key (a city, year or value: no hashing of bytes, no compare);
        // longer texts (KPI codes) are looked up by their bytes. Runs of one text
        // (a city over many rows) are caught by comparing with the previous view.
        let mut last: Option<(u128, u32)> = None;
        for array in ca.downcast_iter() {
            let validity = array.validity();
            for (i, view) in array.views().iter().enumerate() {
                if validity.is_some_and(|v| !v.get_bit(i)) {
                    codes.push(EMPTY);
                    continue;
                }
                let key = view.is_inline().then(|| view.as_u128());
                let known = match (key, last) {
                    (Some(k), Some((previous, code))) if k == previous => Some(code),
                    (Some(k), _) => inline.get(&k).copied(),
                    (None, _) => index.get(array.value(i)).copied(),
                };
                let code = match known {
                    Some(code) => code,
                    None if words.len() >= max_words => {
                        codes.truncate(before);
                        return false;
                    }
                    None => {
                        let text = array.value(i);
                        let code = match index.get(text) {
                            Some(&code) => code,
                            None => {
                                words.push(text.into());
                                index.insert(text.into(), words.len() as u32 - 1);
                                words.len() as u32 - 1
                            }
                        };
                        if let Some(k) = key {
                            inline.insert(k, code);
                        }
                        code
                    }
                };
                last = key.map(|k| (k, code));
                codes.push(code);
            }
        }
        true
    }

    /// Turns a coded column back into text, then appends `ca`.
    fn decode_then_append(&mut self, ca: &StringChunked) -> PolarsResult<()> {
        let Building::Codes { codes, words, .. } = self else {
            return Ok(());
        };
        let cells = codes.iter().map(|&c| words.get(c as usize).map(|w| &**w));
        let mut text = StringChunked::from_iter_options(ca.name().clone(), cells);
        text.append(ca)?;
        *self = Building::Text(text);
        Ok(())
    }

    fn finish(self, name: &str) -> Column {
        match self {
            Building::Undecided => Column::Text(StringChunked::full_null(name.into(), 0)),
            Building::Text(ca) => Column::Text(ca),
            Building::Codes { mut codes, words, .. } => {
                codes.shrink_to_fit();
                Column::Codes { codes, words }
            }
        }
    }
}

/// Builds a table's columns from one or more frames of the same columns.
pub(crate) struct TableBuilder {
    file: std::sync::Arc<str>,
    coded: bool,
    pub headers: Vec<String>,
    columns: Vec<Building>,
    pub height: usize,
}

impl TableBuilder {
    /// A builder; `coded`: whether columns with few distinct texts are coded
    /// (worth it for large tables only, see [`CODED_MIN_BYTES`]).
    pub(crate) fn new(file: &std::sync::Arc<str>, headers: Vec<String>, coded: bool) -> TableBuilder {
        TableBuilder {
            file: file.clone(),
            coded,
            columns: headers.iter().map(|_| Building::Undecided).collect(),
            headers,
            height: 0,
        }
    }

    /// Adds a frame's rows (its columns in the builder's order), casting every
    /// column to text.
    pub(crate) fn push(&mut self, df: DataFrame) -> Result<(), Problem> {
        let file = &self.file;
        let texts = df
            .columns()
            .iter()
            .map(|column| {
                let name = column.name().to_string();
                let text = column.cast(&DataType::String).map_err(|e| {
                    Problem::file(
                        Severity::Error,
                        file,
                        format!("column '{name}' cannot be read as text ({e})"),
                        "keep to plain numbers and text; nested lists or objects are not supported",
                    )
                })?;
                text.str()
                    .cloned()
                    .map_err(|e| Problem::file(Severity::Error, file, format!("column '{name}': {e}"), ""))
            })
            .collect::<Result<Vec<StringChunked>, Problem>>()?;
        drop(df);
        self.height += texts.first().map_or(0, |ca| ca.len());
        self.columns
            .par_iter_mut()
            .zip(texts.par_iter())
            .try_for_each(|(column, ca)| column.push(ca, self.coded))
            .map_err(|e| Problem::file(Severity::Error, file, format!("the table could not be read ({e})"), ""))
    }

    /// The finished columns, text columns chunked alike, and the first row of
    /// each chunk followed by the height.
    pub(crate) fn finish(self) -> (Vec<String>, Vec<Column>, Vec<usize>) {
        let mut columns: Vec<Column> = self
            .columns
            .into_iter()
            .zip(&self.headers)
            .map(|(column, name)| column.finish(name))
            .collect();
        let lengths = |ca: &StringChunked| ca.chunk_lengths().collect::<Vec<_>>();
        let text_lengths: Vec<Vec<usize>> = columns
            .iter()
            .filter_map(|c| match c {
                Column::Text(ca) => Some(lengths(ca)),
                Column::Codes { .. } => None,
            })
            .collect();
        let aligned = text_lengths.windows(2).all(|w| w[0] == w[1]);
        let mut first = text_lengths.into_iter().next();
        if !aligned {
            for column in &mut columns {
                if let Column::Text(ca) = column {
                    *ca = ca.rechunk().into_owned();
                }
            }
            first = Some(vec![self.height]);
        }
        let mut chunk_starts = vec![0];
        for len in first.unwrap_or_else(|| vec![self.height]) {
            chunk_starts.push(chunk_starts.last().copied().unwrap_or(0) + len);
        }
        if chunk_starts.len() == 1 {
            chunk_starts.push(self.height);
        }
        (self.headers, columns, chunk_starts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(columns: &[(&str, Vec<Option<String>>)]) -> DataFrame {
        let columns = columns
            .iter()
            .map(|(name, cells)| StringChunked::from_iter_options((*name).into(), cells.iter().cloned()).into_column())
            .collect();
        DataFrame::new_infer_height(columns).expect("frame")
    }

    fn cell(column: &Column, row: usize, starts: &[usize]) -> Option<String> {
        let chunk = starts.partition_point(|&s| s <= row) - 1;
        column.get(row, chunk, row - starts[chunk]).map(str::to_string)
    }

    /// Few distinct texts are coded, many stay text; a coded column that meets
    /// too many turns back into text; every cell reads back as written.
    #[test]
    fn columns_are_coded_or_text_and_read_back_alike() {
        let file: std::sync::Arc<str> = std::sync::Arc::from("t.csv");
        let mut builder = TableBuilder::new(&file, vec!["city".into(), "value".into()], true);
        let mut expected: Vec<(Option<String>, Option<String>)> = Vec::new();
        for piece in 0..3 {
            let cities: Vec<Option<String>> = (0..40)
                .map(|i| match (piece, i % 10) {
                    (_, 9) => None,
                    // The last piece has a new city per row: more words, still coded.
                    (2, _) => Some(format!("New {i}")),
                    _ => Some(format!("City {}", i % 3)),
                })
                .collect();
            let values: Vec<Option<String>> = (0..40).map(|i| Some(format!("{}", piece * 40 + i))).collect();
            expected.extend(cities.iter().cloned().zip(values.iter().cloned()));
            let df = frame(&[("city", cities), ("value", values)]);
            if piece == 1 {
                assert!(
                    matches!(builder.columns[0], Building::Codes { .. }),
                    "3 cities in 40 rows are coded"
                );
                assert!(
                    matches!(builder.columns[1], Building::Text(_)),
                    "distinct values stay text"
                );
            }
            builder.push(df).expect("push");
            if piece == 2 {
                let Building::Codes { words, .. } = &builder.columns[0] else {
                    unreachable!("coded while under the limit");
                };
                assert_eq!(words.len(), 3 + 36);
            }
        }
        let height = builder.height;
        let (_, columns, starts) = builder.finish();
        assert_eq!((height, *starts.last().expect("height")), (120, 120));
        for (row, (city, value)) in expected.iter().enumerate() {
            assert_eq!(&cell(&columns[0], row, &starts), city, "row {row}");
            assert_eq!(&cell(&columns[1], row, &starts), value, "row {row}");
        }
        assert_eq!(columns[0].code(9), Some(EMPTY), "an empty cell");
        assert_eq!(columns[1].code(0), None, "a text column has no codes");
    }

    #[test]
    fn a_coded_column_over_the_limit_turns_into_text() {
        let texts = |range: std::ops::Range<usize>| {
            StringChunked::from_iter_options("c".into(), range.map(|i| Some(format!("t{}", i % 50))))
        };
        let mut column = Building::Undecided;
        column.push(&texts(0..400), true).expect("push");
        assert!(matches!(column, Building::Codes { .. }));
        if let Building::Codes { words, .. } = &column {
            assert_eq!(words.len(), 50);
        }
        // Another 2,000 distinct texts, one per row: forced into text by a small limit.
        let many = StringChunked::from_iter_options("c".into(), (0..2000).map(|i| Some(format!("u{i}"))));
        assert!(!column.encode_with_limit(&many, 100));
        column.decode_then_append(&many).expect("append");
        let Building::Text(ca) = &column else {
            unreachable!("turned into text");
        };
        assert_eq!(ca.len(), 2400);
        assert_eq!(ca.get(399), Some("t49"));
        assert_eq!(ca.get(400), Some("u0"));
        assert_eq!(ca.get(2399), Some("u1999"));
    }
}
