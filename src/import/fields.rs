//! Delimited text without a single quote character, split into cells directly.
//!
//! Why: for a large file, polars' parse of each piece (finding the line ends,
//! then splitting, then copying every cell into a string column) was about a
//! third of the import, and the cells were then read again to be coded. Text
//! without quotes needs none of that: a cell is the bytes between two
//! separators. The cells are borrowed from the file's text and handed to the
//! coder column by column ([`super::columns::TableBuilder::push_cells`]).
//!
//! The result is the table polars gives for the same text (a test compares
//! them): a record's fields beyond the header's are dropped and missing ones are
//! empty; an empty field is an empty cell; a `\r` before the line break is not
//! part of the last field; a blank line is a row of empty cells.

use polars_arrow::array::View;

/// One cell: its text (`None`: empty) and, for a text of up to 12 bytes, its
/// polars view (the bytes themselves, the coder's key), made here while the
/// bytes are at hand: the coder then reads 32 contiguous bytes per cell instead
/// of reaching back into the file's text for every short cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SplitCell<'t> {
    /// 0 for a longer or empty text (a short text's view holds its length, at
    /// least 1, so it is never 0); a `u128`, not an `Option`: 32 bytes a cell, not 48.
    pub view: u128,
    pub text: Option<&'t str>,
}

impl<'t> SplitCell<'t> {
    fn new(text: Option<&'t str>) -> SplitCell<'t> {
        let short = text.filter(|t| t.len() <= View::MAX_INLINE_SIZE as usize);
        SplitCell {
            view: short.map_or(0, |t| View::new_inline(t.as_bytes()).as_u128()),
            text,
        }
    }
}

/// The cells of one piece, column by column.
pub(crate) type PieceCells<'t> = Vec<Vec<SplitCell<'t>>>;

/// Whether `body` can be split here: no quote character anywhere.
pub(crate) fn unquoted(body: &[u8]) -> bool {
    memchr::memchr(b'"', body).is_none()
}

/// Splits `piece` (whole records) into `cells`, one vector per column, cleared
/// first (their memory is reused from piece to piece).
pub(crate) fn split_unquoted<'t>(piece: &'t str, sep: u8, cells: &mut PieceCells<'t>) {
    for column in cells.iter_mut() {
        column.clear();
    }
    let bytes = piece.as_bytes();
    let columns = cells.len();
    let mut push = |column: usize, start: usize, end: usize| {
        if let Some(cells) = cells.get_mut(column) {
            cells.push(SplitCell::new(if end > start { piece.get(start..end) } else { None }));
        }
    };
    // Every separator and line break, then the end of a last line without a break
    // (the caller made sure the text holds no quote).
    let (mut column, mut start) = (0, 0);
    for at in super::hits::cell_ends(bytes, sep) {
        // Like polars, one `\r` at the end of any cell is dropped (not only before a line break).
        let end = super::hits::without_cr(bytes, start, at);
        if bytes.get(at) == Some(&sep) {
            push(column, start, end);
            column += 1;
        } else {
            push(column, start, end);
            for missing in column + 1..columns {
                push(missing, 0, 0);
            }
            column = 0;
        }
        start = at + 1;
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use polars::prelude::*;

    use super::*;

    /// The cells polars reads from `text` (the reader the coded path replaces).
    fn by_polars(text: &str, sep: u8, columns: usize) -> Vec<Vec<Option<String>>> {
        let schema: Schema = (0..columns)
            .map(|c| Field::new(format!("c{c}").into(), DataType::String))
            .collect();
        let parse = CsvParseOptions::default()
            .with_separator(sep)
            .with_truncate_ragged_lines(true)
            .with_missing_is_null(true);
        let df = CsvReadOptions::default()
            .with_has_header(false)
            .with_schema(Some(Arc::new(schema)))
            .with_parse_options(parse)
            .into_reader_with_file_handle(Cursor::new(text.as_bytes()))
            .finish()
            .expect("polars reads it");
        df.columns()
            .iter()
            .map(|c| {
                let ca = c.str().expect("text");
                ca.iter().map(|t| t.map(str::to_string)).collect()
            })
            .collect()
    }

    fn by_us(text: &str, sep: u8, columns: usize) -> Vec<Vec<Option<String>>> {
        let mut cells: PieceCells<'_> = vec![Vec::new(); columns];
        split_unquoted(text, sep, &mut cells);
        cells
            .iter()
            .map(|c| c.iter().map(|t| t.text.map(str::to_string)).collect())
            .collect()
    }

    #[test]
    fn cells_are_those_polars_reads() {
        // Every column has a cell in every row (a last line ending in a separator
        // included); one `\r` ends any cell, not only the last.
        let texts = [
            "Pully,2020,EC: ICT: ICT: 1C,,42.5\nSion,2021,EN: EN: AQ: 1C,PM2.5,12\n",
            "a,b,c,d,e\r\nf,g,h,i,j\r\n",
            "a,b,c,d,e\n\nf,g,h,i,j\n",
            "a,b,c,d,e\r\n\r\nf,g,h,i,j",
            "a,b\nc,d,e,f,g,h,i\n,,,,\n a , b ,c,d,e\n",
            "Zürich,2020,É,ñ,1\nx,,,,\n",
            "only,one,line,without,break",
            "a,b,c,d,e\n\n",
            "a,b,c,d,e\n\n\n",
            "a,b,c,d,e\r\n\r\n",
            "\na,b,c,d,e\n",
            "a\tb,c;d,e\n",
            "a,b,c,d,e\nf,g,",
            "a,b,\r\nf,g,",
            "a,20x0\r,c,d,e\n",
            "a\rb,c,d,e,f\n",
            "a,b,c,d,e\r\r\n",
            "a,\r,c,d,e\n",
            "\r,b,c,d,e\n",
            "a,b\r\r,c,d,e\n",
            "a,b,c,d,e\r",
        ];
        for text in texts {
            assert_eq!(by_us(text, b',', 5), by_polars(text, b',', 5), "{text:?}");
        }
        let semi = "a;1,5;x\nb;2,5;y\n";
        assert_eq!(by_us(semi, b';', 3), by_polars(semi, b';', 3));
    }

    #[test]
    fn only_text_without_quotes_is_split_here() {
        assert!(unquoted(b"a,b\nc,d\n"));
        assert!(!unquoted(b"a,\"b, c\"\n"));
    }
}
