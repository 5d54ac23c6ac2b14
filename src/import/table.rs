//! A table as read from a file or sheet: headers plus text cells (see
//! [`super::columns`] for how they are kept), before any meaning is given to them.

use std::collections::HashSet;
use std::sync::Arc;

use polars::prelude::*;

use crate::model::RowRef;

use super::columns::{CODED_MIN_ROWS, Column, TableBuilder};
use super::kinds::Site;
use super::melted::Melted;
use super::problem::{Problem, Severity};
use super::report::ImportReport;
use super::words::header_key;

/// Row numbering of a table's data rows.
#[derive(Debug, Clone)]
pub(crate) enum RowNumbers {
    /// Data row i is spreadsheet row `i + first`.
    Offset(usize),
    /// Explicit row per data row (multi-line CSV records, blank lines).
    Explicit(Vec<u32>),
}

/// Where a row is: its index, and its chunk and offset in the columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pos {
    pub row: usize,
    chunk: usize,
    local: usize,
}

/// What a workbook's number formats say of a table's cells (see `styles`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) enum CellFormats {
    /// The cells are the text the file holds (text, JSON, Parquet, and sheets
    /// without a percent format).
    #[default]
    AsWritten,
    /// The (column, row) of each number cell formatted as a percentage: its text
    /// is what the sheet shows (`45.2 %`), the number it holds a hundredth of it.
    Percent(Arc<HashSet<(u32, u32)>>),
    /// A workbook that does not tell how its cells are formatted (xls, xlsb).
    Unknown,
}

impl CellFormats {
    /// True when the cell at (column, row) is a number formatted as a percentage.
    pub(crate) fn is_percent(&self, column: usize, row: usize) -> bool {
        match self {
            CellFormats::Percent(cells) => cells.contains(&(column as u32, row as u32)),
            _ => false,
        }
    }
}

/// Headers and string cells of one file or sheet.
#[derive(Debug, Clone)]
pub(crate) struct RawTable {
    pub file: Arc<str>,
    pub sheet: Option<Arc<str>>,
    pub headers: Vec<String>,
    columns: Vec<Column>,
    /// First row of each chunk, then the height: every column is chunked alike
    /// (no rechunk copy of a large file).
    chunk_starts: Vec<usize>,
    pub height: usize,
    /// True for delimited text whose separator is not a comma: `12,5` means 12.5.
    pub decimal_comma: bool,
    pub rows: RowNumbers,
    /// What the workbook's number formats say of the cells.
    pub formats: CellFormats,
    /// True when the city column came from outside the file (`--city`, the
    /// app's column mapping), not from the file itself.
    pub city_given: bool,
    /// What the table was before years (or cities) as columns were melted.
    pub melted: Option<Melted>,
}

impl RawTable {
    /// Builds a table from a polars frame, casting every column to text.
    pub(crate) fn from_frame(
        file: &Arc<str>,
        sheet: Option<Arc<str>>,
        df: DataFrame,
        rows: RowNumbers,
    ) -> Result<RawTable, Problem> {
        let headers = df.get_column_names().iter().map(|n| n.to_string()).collect();
        let coded = df.height() >= CODED_MIN_ROWS;
        let mut builder = TableBuilder::new(file, headers, coded);
        builder.push(df)?;
        Ok(RawTable::from_builder(file, sheet, builder, rows))
    }

    /// Builds a table from a builder's frames.
    pub(crate) fn from_builder(
        file: &Arc<str>,
        sheet: Option<Arc<str>>,
        builder: TableBuilder,
        rows: RowNumbers,
    ) -> RawTable {
        let height = builder.height;
        let (headers, columns, chunk_starts) = builder.finish();
        RawTable {
            file: file.clone(),
            sheet,
            headers,
            columns,
            chunk_starts,
            height,
            decimal_comma: false,
            rows,
            formats: CellFormats::AsWritten,
            city_given: false,
            melted: None,
        }
    }

    /// Builds a table from cell texts (used for spreadsheets).
    pub(crate) fn from_cells<S: AsRef<str>>(
        file: &Arc<str>,
        sheet: Option<Arc<str>>,
        headers: Vec<String>,
        cells: Vec<Vec<Option<S>>>,
        first_row: usize,
    ) -> RawTable {
        let height = cells.first().map_or(0, Vec::len);
        let columns = headers
            .iter()
            .zip(cells)
            .map(|(name, col)| Column::Text(StringChunked::from_iter_options(name.as_str().into(), col.into_iter())))
            .collect();
        RawTable {
            file: file.clone(),
            sheet,
            headers,
            columns,
            chunk_starts: vec![0, height],
            height,
            decimal_comma: false,
            rows: RowNumbers::Offset(first_row),
            formats: CellFormats::AsWritten,
            city_given: false,
            melted: None,
        }
    }

    /// The cell text, `None` when empty.
    pub(crate) fn cell(&self, column: usize, row: usize) -> Option<&str> {
        let chunk = self
            .chunk_starts
            .partition_point(|&start| start <= row)
            .checked_sub(1)?;
        self.at(
            column,
            Pos {
                row,
                chunk,
                local: row - self.chunk_starts[chunk],
            },
        )
    }

    /// Every data row's position, in order: reading cells by position avoids
    /// looking up the chunk for each cell.
    pub(crate) fn positions(&self) -> impl Iterator<Item = Pos> + '_ {
        self.chunk_starts.windows(2).enumerate().flat_map(|(chunk, w)| {
            (w[0]..w[1]).map(move |row| Pos {
                row,
                chunk,
                local: row - w[0],
            })
        })
    }

    /// The positions of the data rows in `rows` (a range of row indices).
    pub(crate) fn positions_in(&self, rows: std::ops::Range<usize>) -> impl Iterator<Item = Pos> + '_ {
        let (start, end) = (rows.start.min(self.height), rows.end.min(self.height));
        let first = self.chunk_starts.partition_point(|&s| s <= start).saturating_sub(1);
        self.chunk_starts
            .windows(2)
            .enumerate()
            .skip(first)
            .flat_map(move |(chunk, w)| {
                (w[0].max(start)..w[1].min(end)).map(move |row| Pos {
                    row,
                    chunk,
                    local: row - w[0],
                })
            })
    }

    /// The cell at a position from [`RawTable::positions`].
    pub(crate) fn at(&self, column: usize, pos: Pos) -> Option<&str> {
        self.columns.get(column)?.get(pos.row, pos.chunk, pos.local)
    }

    /// The cell's code in a coded column (`u32::MAX` when empty); `None` for a
    /// text column. Rows with the same code hold the same text, so work on a
    /// text can be done once per code.
    pub(crate) fn code(&self, column: usize, pos: Pos) -> Option<u32> {
        self.columns.get(column)?.code(pos.row)
    }

    /// The number of distinct texts of a coded column; `None` for a text column.
    pub(crate) fn words(&self, column: usize) -> Option<usize> {
        self.columns.get(column)?.words()
    }

    /// The spreadsheet row number of data row `row`.
    pub(crate) fn row_number(&self, row: usize) -> usize {
        match &self.rows {
            RowNumbers::Offset(first) => row + first,
            RowNumbers::Explicit(lines) => lines.get(row).map_or(row + 2, |&l| l as usize),
        }
    }

    /// Where data row `row` is, for observations and targets.
    pub(crate) fn row_ref(&self, row: usize) -> RowRef {
        RowRef {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row: self.row_number(row),
        }
    }

    /// Index of the first column whose trimmed, lowercased header is one of `names`.
    pub(crate) fn find_column(&self, names: &[&str]) -> Option<usize> {
        // Each header's key once (a table may have thousands of columns), then
        // the names in their order of preference.
        let keys: Vec<String> = self.headers.iter().map(|h| header_key(h)).collect();
        names.iter().find_map(|want| keys.iter().position(|k| k == want))
    }

    /// File stem or sheet name, lowercased, for recognising the table's role.
    pub(crate) fn name_hint(&self) -> String {
        match &self.sheet {
            Some(sheet) => sheet.to_lowercase(),
            None => std::path::Path::new(self.file.as_ref())
                .file_stem()
                .map(|s| s.to_string_lossy().to_lowercase())
                .unwrap_or_default(),
        }
    }

    /// A problem located in this table.
    pub(crate) fn problem(
        &self,
        severity: Severity,
        row: Option<usize>,
        column: Option<usize>,
        text: Option<&str>,
        message: String,
        hint: &str,
    ) -> Problem {
        Problem {
            severity,
            file: self.file.to_string(),
            sheet: self.sheet.as_ref().map(|s| s.to_string()),
            row: row.map(|r| self.row_number(r)),
            column: column.and_then(|c| self.column_name(c, row)).map(str::to_string),
            text: text.map(str::to_string),
            message,
            hint: (!hint.is_empty()).then(|| hint.to_string()),
        }
    }
}

/// A row check, for [`RawTable::report`]: its kind's name, severity and hint.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Check<'h> {
    pub key: &'static str,
    pub severity: Severity,
    pub hint: &'h str,
}

impl RawTable {
    /// Reports a problem found by a row check (see [`super::kinds`]): `message`
    /// is only written while the check's kind is listed in full. In a melted
    /// table, a problem of a row's own cell (its city, its KPI) is said once for
    /// the spreadsheet row, naming the values it leaves out.
    pub(crate) fn report(
        &self,
        report: &mut ImportReport,
        check: Check<'_>,
        (row, column): (Option<usize>, Option<usize>),
        text: Option<&str>,
        message: impl FnOnce() -> String,
    ) {
        let site = Site {
            key: check.key,
            severity: check.severity,
            file: &self.file,
            sheet: self.sheet.as_deref(),
            column: column.and_then(|c| self.column_name(c, row)),
            row: row.map(|r| self.row_number(r)),
        };
        let make = || {
            let message = match (check.severity, self.row_cells(row, column)) {
                (Severity::Error, Some(keys)) => format!("{} ({})", message(), left_out(&keys)),
                _ => message(),
            };
            self.problem(check.severity, row, column, text, message, check.hint)
        };
        match self.row_cells(row, column) {
            Some(_) => report.push_once_per_row(site, make),
            None => {
                report.push_at(site, make);
            }
        }
    }

    /// The name of column `column` at data row `row`: in a melted table, a
    /// value's column is the one it came from (`2020`), not `value`.
    pub(crate) fn column_name(&self, column: usize, row: Option<usize>) -> Option<&str> {
        match (&self.melted, row) {
            (Some(melted), Some(row)) if melted.value == column => melted.header_of(row),
            _ => self.headers.get(column).map(String::as_str),
        }
    }

    /// In a melted table, for a cell of the spreadsheet row's own (not a
    /// value): the source columns of the row's values, from `row` (its first
    /// melted row) on. `None` for any other cell.
    fn row_cells(&self, row: Option<usize>, column: Option<usize>) -> Option<Vec<&str>> {
        let (melted, row) = (self.melted.as_ref()?, row?);
        if column == Some(melted.value) {
            return None;
        }
        let number = self.row_number(row);
        let same = (row..self.height).take_while(|&r| self.row_number(r) == number);
        Some(same.filter_map(|r| melted.header_of(r)).collect())
    }
}

/// "its values for 2019, 2020 are left out": what an error of a melted row costs.
fn left_out(columns: &[&str]) -> String {
    match columns {
        [one] => format!("its value for {one} is left out"),
        more => format!("its values for {} are left out", more.join(", ")),
    }
}

/// One data row of a table, as the small readers (targets, cities, catalogue)
/// see it: its cleaned cells, and problems that point at it.
#[derive(Clone, Copy)]
pub(crate) struct TableRow<'t> {
    pub table: &'t RawTable,
    pub row: usize,
}

impl<'t> TableRow<'t> {
    /// A cell, cleaned; `None` when absent or blank.
    pub(crate) fn cell(&self, column: Option<usize>) -> Option<&'t str> {
        column
            .and_then(|c| self.table.cell(c, self.row))
            .map(super::cells::clean)
            .filter(|t| !t.is_empty())
    }

    /// A problem at this row.
    pub(crate) fn problem(
        &self,
        severity: Severity,
        column: Option<usize>,
        text: Option<&str>,
        message: String,
        hint: &str,
    ) -> Problem {
        self.table
            .problem(severity, Some(self.row), column, text, message, hint)
    }

    /// The cell parsed by `parse`; a cell that does not parse is reported as a
    /// warning (`message` says what is wrong with the text) and ignored.
    pub(crate) fn parsed<T>(
        &self,
        column: Option<usize>,
        report: &mut super::report::ImportReport,
        parse: impl Fn(&str) -> Option<T>,
        (message, hint): (fn(&str) -> String, &str),
    ) -> Option<T> {
        let text = self.cell(column)?;
        let value = parse(text);
        if value.is_none() {
            report.push(self.problem(Severity::Warning, column, Some(text), message(text), hint));
        }
        value
    }
}
