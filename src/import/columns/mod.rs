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
//! large tables are coded (see [`CODED_MIN_BYTES`], [`CODED_MIN_ROWS`]).

use polars::prelude::*;
use polars_arrow::array::Array;
use rayon::prelude::*;

mod coder;

use coder::{Coder, ViewMemo};

use super::fields::SplitCell;
use super::problem::{Problem, Severity};

/// A column is coded when its first frame has at most one distinct text per
/// this many rows.
const ROWS_PER_DISTINCT: usize = 4;
/// Delimited text of at least this many bytes is coded. Coding costs time (a
/// hash per cell) and saves memory; measured on the 1,000-city file (45 MB), it
/// made the import 1.24x slower for memory nobody needs at that size; on the
/// 10,000-city file (432 MB) it halved the peak and the memo per code made the
/// import faster (5.2 s to 4.8 s). Frames read whole (Parquet, JSON) are coded
/// from [`CODED_MIN_ROWS`] rows.
pub(crate) const CODED_MIN_BYTES: usize = 64 << 20;

/// A frame read whole (Parquet, JSON) of at least this many rows is coded.
/// Measured on the 10,000-city Parquet file (11.2 M rows, `cityprofile score`,
/// 11 paired runs): coded, the peak fell from 1.56 GB to 1.15 GB for 1.07x the
/// wall time (1.01x the CPU time). At 1,000 cities the memory is not worth it.
pub(crate) const CODED_MIN_ROWS: usize = 4 << 20;

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

/// Cells added to a column: a frame's column (as text), or cells split from
/// unquoted text ([`super::fields`]).
#[derive(Clone, Copy)]
enum Cells<'a, 't> {
    Frame(&'a StringChunked),
    Split(&'a [SplitCell<'t>]),
}

impl Cells<'_, '_> {
    fn len(self) -> usize {
        match self {
            Cells::Frame(ca) => ca.len(),
            Cells::Split(cells) => cells.len(),
        }
    }

    /// The cells as a text column named `name` (a frame's column is shared, not
    /// copied, and keeps its name).
    fn text(self, name: &str) -> StringChunked {
        match self {
            Cells::Frame(ca) => ca.clone(),
            Cells::Split(cells) => StringChunked::from_iter_options(name.into(), cells.iter().map(|c| c.text)),
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
    fn push(&mut self, cells: Cells<'_, '_>, name: &str, coded: bool) -> PolarsResult<()> {
        match self {
            Building::Undecided if !coded => *self = Building::Text(cells.text(name)),
            Building::Undecided => {
                let mut coded = Building::Codes {
                    codes: Vec::new(),
                    words: Vec::new(),
                    index: PlHashMap::default(),
                    inline: PlHashMap::default(),
                };
                let few = coded.encode(cells) && coded.words() * ROWS_PER_DISTINCT <= cells.len();
                *self = if few && cells.len() > 0 {
                    coded
                } else {
                    Building::Text(cells.text(name))
                };
            }
            Building::Text(text) => {
                // Appending a frame adds its chunks; no cell is copied.
                text.append(&cells.text(name))?;
            }
            Building::Codes { .. } => {
                if !self.encode(cells) {
                    self.decode_then_append(&cells.text(name))?;
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

    /// Codes every cell; false (the cells left uncoded) when the column has too
    /// many distinct texts to be worth coding.
    fn encode(&mut self, cells: Cells<'_, '_>) -> bool {
        match cells {
            Cells::Frame(ca) => self.encode_with_limit(ca, MAX_WORDS),
            Cells::Split(cells) => self.encode_cells(cells, MAX_WORDS),
        }
    }

    fn encode_with_limit(&mut self, ca: &StringChunked, max_words: usize) -> bool {
        let Some((codes, mut coder)) = self.coder(max_words) else {
            return false;
        };
        let before = codes.len();
        codes.reserve(ca.len());
        for array in ca.downcast_iter() {
            let validity = array.validity();
            let mut long = ViewMemo::new();
            for (i, view) in array.views().iter().enumerate() {
                let code = if validity.is_some_and(|v| !v.get_bit(i)) {
                    Some(EMPTY)
                } else if view.is_inline() {
                    coder.short(view.as_u128(), || array.value(i))
                } else {
                    let key = view.as_u128();
                    long.get(key)
                        .or_else(|| coder.by_text(array.value(i)).inspect(|&c| long.put(key, c)))
                };
                let Some(code) = code else {
                    codes.truncate(before);
                    return false;
                };
                codes.push(code);
            }
        }
        true
    }

    /// [`Building::encode`] for cells split from the text ([`super::fields`]).
    fn encode_cells(&mut self, cells: &[SplitCell<'_>], max_words: usize) -> bool {
        let Some((codes, mut coder)) = self.coder(max_words) else {
            return false;
        };
        let before = codes.len();
        codes.reserve(cells.len());
        for cell in cells {
            let code = match (cell.view, cell.text) {
                (_, None) => Some(EMPTY),
                (0, Some(text)) => coder.by_text(text),
                (view, Some(text)) => coder.short(view, || text),
            };
            let Some(code) = code else {
                codes.truncate(before);
                return false;
            };
            codes.push(code);
        }
        true
    }

    /// A coded column's codes and its coder; `None` for other columns.
    fn coder(&mut self, max_words: usize) -> Option<(&mut Vec<u32>, Coder<'_>)> {
        let Building::Codes {
            codes,
            words,
            index,
            inline,
        } = self
        else {
            return None;
        };
        Some((codes, Coder::new(words, index, inline, max_words)))
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
        // Columns cast on every core (a float column of 11 M rows takes a while);
        // a column that was numbers is not coded (tried: hashing 11 M number
        // texts cost more than parsing them in the row reader).
        let numeric: Vec<bool> = df.columns().iter().map(|c| c.dtype().is_primitive_numeric()).collect();
        let texts = df
            .columns()
            .par_iter()
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
        let rows = texts.first().map_or(0, |ca| ca.len());
        let cells = texts
            .iter()
            .zip(numeric)
            .map(|(ca, numeric)| (Cells::Frame(ca), !numeric));
        self.add(rows, cells.collect())
    }

    /// Adds a piece's cells split from unquoted text, one vector per column
    /// (as [`TableBuilder::push`] does for a frame).
    pub(crate) fn push_cells(&mut self, cells: &[Vec<SplitCell<'_>>]) -> Result<(), Problem> {
        let rows = cells.first().map_or(0, Vec::len);
        let split = cells.iter().map(|c| (Cells::Split(c), true));
        self.add(rows, split.collect())
    }

    /// Adds `rows` rows, each column's cells on every core; a column is coded
    /// when the builder codes and its flag allows it.
    fn add(&mut self, rows: usize, cells: Vec<(Cells<'_, '_>, bool)>) -> Result<(), Problem> {
        self.height += rows;
        let coded = self.coded;
        self.columns
            .par_iter_mut()
            .zip(self.headers.par_iter())
            .zip(cells)
            .try_for_each(|((column, name), (cells, may_code))| column.push(cells, name, coded && may_code))
            .map_err(|e| {
                let message = format!("the table could not be read ({e})");
                Problem::file(Severity::Error, &self.file, message, "")
            })
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
mod tests;
