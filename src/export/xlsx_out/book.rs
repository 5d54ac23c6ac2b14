//! A workbook of table sheets, filled row by row (several sheets at once), with
//! the header, frozen pane, autofilter and column widths set when it is finished.

use std::borrow::Cow;

use rust_xlsxwriter::{DocProperties, Format, Workbook, XlsxError};
use serde_json::Value as Json;

use crate::export::csv_out::{CsvCell, formula_like};
use crate::model::format_number;

/// The most rows an Excel sheet holds (the header included).
pub(super) const MAX_ROWS: usize = 1_048_576;
/// The longest text an Excel cell holds, in UTF-16 units.
const MAX_TEXT_UTF16: usize = 32_767;
/// The widest a column is sized from its content, in characters.
const MAX_WIDTH_CHARS: usize = 60;

/// How a column's numbers show. The cell always holds the full number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shown {
    /// As they are (Excel's General format): values and targets in their own units.
    General,
    /// Whole numbers: points, counts, years, ranks.
    Integer,
    /// One decimal: % of target and scores on 0-100 (74.3 reads 74.3).
    OneDecimal,
    /// Two decimals: index scores.
    TwoDecimals,
    /// A share of 0-1 as a percentage (0.743 reads 74.3%).
    Percent,
}

impl Shown {
    fn number_format(self) -> Option<&'static str> {
        match self {
            Shown::General => None,
            Shown::Integer => Some("0"),
            Shown::OneDecimal => Some("0.0"),
            Shown::TwoDecimals => Some("0.00"),
            Shown::Percent => Some("0.0%"),
        }
    }
}

/// One cell of a row.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell<'a> {
    Text(Cow<'a, str>),
    Number(f64),
    Bool(bool),
    /// Nothing: not reported, no score (never 0).
    Empty,
}

impl<'a> From<&'a Json> for Cell<'a> {
    fn from(value: &'a Json) -> Cell<'a> {
        match value {
            Json::Null => Cell::Empty,
            Json::Bool(b) => Cell::Bool(*b),
            Json::String(s) => Cell::Text(Cow::Borrowed(s)),
            Json::Number(n) => n
                .as_f64()
                .map_or_else(|| Cell::Text(Cow::Owned(n.to_string())), Cell::Number),
            Json::Array(list) => {
                let texts: Vec<String> = list.iter().map(|v| Cell::from(v).text()).collect();
                Cell::Text(Cow::Owned(texts.join(", ")))
            }
            other @ Json::Object(_) => Cell::Text(Cow::Owned(other.to_string())),
        }
    }
}

impl<'a> From<&'a CsvCell> for Cell<'a> {
    fn from(value: &'a CsvCell) -> Cell<'a> {
        match value {
            CsvCell::Text(s) => Cell::Text(Cow::Borrowed(s)),
            CsvCell::Number(v) | CsvCell::Exact(v) => Cell::Number(*v),
            CsvCell::Empty => Cell::Empty,
        }
    }
}

impl From<String> for Cell<'_> {
    fn from(text: String) -> Self {
        Cell::Text(Cow::Owned(text))
    }
}

impl Cell<'_> {
    /// The characters the cell shows (about), to size its column.
    fn width(&self) -> usize {
        match self {
            Cell::Text(t) => t.chars().count(),
            Cell::Number(v) => format_number(*v).len(),
            Cell::Bool(_) => 5,
            Cell::Empty => 0,
        }
    }

    /// The cell as text, for lists.
    fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.to_string(),
            Cell::Number(v) => format_number(*v),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// Text Excel can hold: longer text is cut with an ellipsis (a cell holds 32,767 units).
fn fitted(text: &str) -> Cow<'_, str> {
    if text.encode_utf16().count() <= MAX_TEXT_UTF16 {
        return Cow::Borrowed(text);
    }
    let mut units = 0;
    let kept: String = text
        .chars()
        .take_while(|c| {
            units += c.len_utf16();
            units < MAX_TEXT_UTF16
        })
        .collect();
    Cow::Owned(format!("{kept}…"))
}

/// A sheet of a [`Book`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct SheetId(usize);

struct Sheet {
    /// Data rows written (the header is row 0).
    rows: u32,
    widths: Vec<usize>,
    formats: Vec<Option<Format>>,
    filter: bool,
}

/// A workbook being filled.
pub(super) struct Book {
    workbook: Workbook,
    sheets: Vec<Sheet>,
    header: Format,
    quoted: Format,
}

impl Book {
    pub(super) fn new(title: &str) -> Book {
        let mut workbook = Workbook::new();
        workbook.set_properties(&DocProperties::new().set_title(title));
        Book {
            workbook,
            sheets: Vec::new(),
            header: Format::new().set_bold(),
            quoted: Format::new().set_quote_prefix(),
        }
    }

    /// Adds a sheet with its header; `shown` says how each column's numbers show
    /// (missing entries: General); `filter` puts an autofilter over the table.
    pub(super) fn add_sheet(
        &mut self,
        name: &str,
        header: &[&str],
        shown: &[Shown],
        filter: bool,
    ) -> Result<SheetId, XlsxError> {
        let sheet = self.workbook.add_worksheet();
        sheet.set_name(name)?;
        // Headers can come from the data too (a catalogue's dimension names).
        let quoted_header = self.header.clone().set_quote_prefix();
        for (col, title) in (0u16..).zip(header) {
            let format = if formula_like(title) {
                &quoted_header
            } else {
                &self.header
            };
            sheet.write_string_with_format(0, col, fitted(title).as_ref(), format)?;
        }
        let formats = (0..header.len())
            .map(|i| {
                let shown = shown.get(i).copied().unwrap_or(Shown::General);
                shown.number_format().map(|f| Format::new().set_num_format(f))
            })
            .collect();
        self.sheets.push(Sheet {
            rows: 0,
            // Room for the autofilter's button beside the header.
            widths: header.iter().map(|h| h.chars().count() + 3).collect(),
            formats,
            filter,
        });
        Ok(SheetId(self.sheets.len() - 1))
    }

    /// Appends a row to `sheet`.
    pub(super) fn push_row<'a>(
        &mut self,
        id: SheetId,
        cells: impl IntoIterator<Item = Cell<'a>>,
    ) -> Result<(), XlsxError> {
        let worksheet = self.workbook.worksheet_from_index(id.0)?;
        let Some(sheet) = self.sheets.get_mut(id.0) else {
            return Err(XlsxError::UnknownWorksheetNameOrIndex(id.0.to_string()));
        };
        let row = sheet.rows + 1;
        for (col, cell) in (0u16..).zip(cells) {
            let format = sheet.formats.get(usize::from(col)).and_then(Option::as_ref);
            match &cell {
                Cell::Text(text) => {
                    let text = fitted(text);
                    // Stored as text either way; the quote prefix keeps Excel from
                    // turning it into a formula when the cell is edited or copied.
                    if formula_like(&text) {
                        worksheet.write_string_with_format(row, col, text.as_ref(), &self.quoted)?;
                    } else {
                        worksheet.write_string(row, col, text.as_ref())?;
                    }
                }
                Cell::Number(v) => match format {
                    Some(f) => worksheet.write_number_with_format(row, col, *v, f).map(drop)?,
                    None => worksheet.write_number(row, col, *v).map(drop)?,
                },
                Cell::Bool(b) => worksheet.write_boolean(row, col, *b).map(drop)?,
                Cell::Empty => {}
            }
            let width = cell.width();
            if let Some(w) = sheet.widths.get_mut(usize::from(col)) {
                *w = (*w).max(width);
            }
        }
        sheet.rows = row;
        Ok(())
    }

    /// Freezes the headers, sets the filters and widths, and gives the file's bytes.
    pub(super) fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        for (i, sheet) in self.sheets.iter().enumerate() {
            let worksheet = self.workbook.worksheet_from_index(i)?;
            worksheet.set_freeze_panes(1, 0)?;
            let last_col = u16::try_from(sheet.widths.len().saturating_sub(1)).unwrap_or(u16::MAX);
            if sheet.filter {
                worksheet.autofilter(0, 0, sheet.rows, last_col)?;
            }
            for (col, width) in (0u16..).zip(&sheet.widths) {
                let chars = (*width).min(MAX_WIDTH_CHARS) + 2;
                worksheet.set_column_width(col, u32::try_from(chars).unwrap_or(62))?;
            }
        }
        self.workbook.save_to_buffer()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_becomes_typed_cells_and_null_stays_empty() {
        let json = serde_json::json!([null, 74.3, "95+", true, ["a", "b"], 3]);
        let cells: Vec<Cell<'_>> = json.as_array().expect("array").iter().map(Cell::from).collect();
        assert_eq!(
            cells,
            vec![
                Cell::Empty,
                Cell::Number(74.3),
                Cell::Text("95+".into()),
                Cell::Bool(true),
                Cell::Text("a, b".into()),
                Cell::Number(3.0),
            ]
        );
    }

    #[test]
    fn text_too_long_for_a_cell_is_cut() {
        let long = "é".repeat(40_000);
        let cut = fitted(&long);
        assert!(cut.encode_utf16().count() <= MAX_TEXT_UTF16);
        assert!(cut.ends_with('…') && cut.len() > 30_000);
        assert_eq!(fitted("short"), "short");
    }
}
