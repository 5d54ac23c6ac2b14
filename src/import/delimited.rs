//! Delimited text (CSV and its cousins) into a table: encoding, title lines,
//! separator, a scan for ragged and multi-line records, then polars parses the
//! records in pieces.

use std::borrow::Cow;
use std::io::Cursor;
use std::sync::Arc;

use polars::prelude::*;

use super::columns::{CODED_MIN_BYTES, TableBuilder};
use super::detect::{binary_problem, polars_problem};
use super::fields::{self, PieceCells};
use super::headers::{too_wide, unique_headers};
use super::kinds::Site;
use super::problem::{Problem, Severity};
use super::report::ImportReport;
use super::table::{RawTable, RowNumbers};
use super::text::{Encoding, RecordScan, decode, record_cuts, scan_records, sniff_separator};

/// Delimited text is parsed in pieces of about this many bytes (see [`parse_pieces`]).
const PIECE_BYTES: usize = 16 << 20;
/// Unquoted text is split in smaller pieces: its cells take 32 bytes each
/// (two sets in flight), about 4x the piece's text. Measured on the 10,000-city
/// file against 16 MB pieces: 0.86x the time, 1.13x the peak (1,018 against
/// 901 MiB): in a first piece of 100,000 rows the values are too many to be
/// coded, and parsing them in the row reader costs less than coding them.
const SPLIT_PIECE_BYTES: usize = 4 << 20;

/// Title lines above the header (an export with a heading) are skipped; the
/// text from the header on, and how many lines were skipped.
fn skip_title<'t>(file: &str, text: Cow<'t, [u8]>, report: &mut ImportReport) -> (Cow<'t, [u8]>, usize) {
    let Some((offset, lines)) = super::layout::text_header_start(&text) else {
        return (text, 0);
    };
    let message = format!(
        "the header is on line {}; the {} above it {} a title and {} skipped",
        lines + 1,
        crate::model::counted(lines, "line"),
        if lines == 1 { "is" } else { "are" },
        if lines == 1 { "is" } else { "are" },
    );
    let mut p = Problem::file(Severity::Info, file, message, "");
    p.row = Some(lines + 1);
    report.push(p);
    (Cow::Owned(text[offset..].to_vec()), lines)
}

/// Reads delimited text (CSV, TSV, semicolons, pipes) into a table.
pub(crate) fn read_text(file: &Arc<str>, bytes: &[u8], report: &mut ImportReport) -> Result<RawTable, Problem> {
    let (text, encoding) = decode(bytes).ok_or_else(|| binary_problem(file, bytes))?;
    if encoding == Encoding::Windows1252 {
        report.push(Problem::file(
            Severity::Info,
            file,
            "the file is not UTF-8; read it as Windows-1252 (Latin-1)",
            "save as CSV UTF-8 to be sure accented letters are right",
        ));
    }
    let (text, skipped) = skip_title(file, text, report);
    let sep = sniff_separator(&text);
    let scan = scan_records(&text, sep);
    if let Some(problem) = too_wide(file, scan.headers.len()) {
        return Err(problem);
    }
    if scan.unterminated_quote {
        report.push(Problem::file(
            Severity::Error,
            file,
            "a quote (\") opened near the end of the file is never closed; the file may be truncated",
            "close the quote or remove it",
        ));
    }
    let headers = unique_headers(file, scan.headers.clone(), report);
    report_ragged(file, &scan, headers.len(), skipped, report);
    let body = &text[scan.body_start.min(text.len())..];
    // Large files are read in coded pieces; smaller ones whole (polars spreads
    // one frame over all cores).
    let pieces = (body.len() >= CODED_MIN_BYTES).then_some(PIECE_BYTES);
    let builder = parse_pieces(file, body, headers, sep, pieces)?;
    let rows = match scan.lines {
        Some(lines) if lines.len() == builder.height => {
            RowNumbers::Explicit(lines.into_iter().map(|l| l + skipped as u32).collect())
        }
        _ => RowNumbers::Offset(2 + skipped),
    };
    let mut table = RawTable::from_builder(file, None, builder, rows);
    table.decimal_comma = sep != b',';
    Ok(table)
}

/// A warning for each record with more or fewer fields than the header.
fn report_ragged(file: &str, scan: &RecordScan, columns: usize, skipped: usize, report: &mut ImportReport) {
    for &(_, line, fields) in &scan.ragged {
        let (key, hint) = if fields > columns {
            (
                "extra fields",
                "extra fields are ignored; quote cells that contain the separator",
            )
        } else {
            ("missing fields", "missing fields are read as empty")
        };
        let row = line as usize + skipped;
        let site = Site {
            key,
            severity: Severity::Warning,
            file,
            sheet: None,
            column: None,
            row: Some(row),
        };
        report.push_at(site, || {
            let message = format!("row has {fields} fields but the header has {columns}");
            let mut problem = Problem::file(Severity::Warning, file, message, hint);
            problem.row = Some(row);
            problem
        });
    }
}

/// Parses the records after the header with polars: whole, or in pieces of
/// about `piece_bytes` ([`PIECE_BYTES`]), each coded into the table (see `columns`) and dropped before
/// the next: the whole file never exists as strings at once.
fn parse_pieces(
    file: &Arc<str>,
    body: &[u8],
    headers: Vec<String>,
    sep: u8,
    piece_bytes: Option<usize>,
) -> Result<TableBuilder, Problem> {
    let schema: Arc<Schema> = Arc::new(
        headers
            .iter()
            .map(|h| Field::new(h.as_str().into(), DataType::String))
            .collect(),
    );
    let parse = CsvParseOptions::default()
        .with_separator(sep)
        .with_truncate_ragged_lines(true)
        .with_missing_is_null(true);
    let read_piece = |piece: &[usize]| {
        CsvReadOptions::default()
            .with_has_header(false)
            .with_schema(Some(schema.clone()))
            .with_parse_options(parse.clone())
            .into_reader_with_file_handle(Cursor::new(&body[piece[0]..piece[1]]))
            .finish()
            .map_err(|e| polars_problem(file, "text table", e))
    };
    let mut builder = TableBuilder::new(file, headers, piece_bytes.is_some());
    if body.is_empty() {
        // A header and no rows: an empty table (polars calls empty input an error).
        return Ok(builder);
    }
    if let Some(piece) = piece_bytes.filter(|_| fields::unquoted(body)) {
        let cuts = record_cuts(body, piece.min(SPLIT_PIECE_BYTES));
        split_pieces(file, &mut builder, body, sep, &cuts)?;
        return Ok(builder);
    }
    let cuts = record_cuts(body, piece_bytes.unwrap_or(usize::MAX));
    if cuts.len() <= 2 {
        builder.push(read_piece(&cuts)?)?;
        return Ok(builder);
    }
    // Polars parses the next piece (on its threads) while this one is coded:
    // measured on the 10,000-city file, 6.1 s in turn, 5.2 s overlapped.
    std::thread::scope(|scope| {
        let (send, frames) = std::sync::mpsc::sync_channel(0);
        scope.spawn(move || {
            for piece in cuts.windows(2) {
                let frame = read_piece(piece);
                let failed = frame.is_err();
                if send.send(frame).is_err() || failed {
                    break;
                }
            }
        });
        frames.into_iter().try_for_each(|frame| builder.push(frame?))
    })?;
    Ok(builder)
}

/// The pieces of unquoted text split into cells (on a second thread, the next
/// piece while the last is coded), no polars frame in between; each piece's cell
/// vectors go back to the splitter to be filled again.
fn split_pieces(
    file: &Arc<str>,
    builder: &mut TableBuilder,
    body: &[u8],
    sep: u8,
    cuts: &[usize],
) -> Result<(), Problem> {
    let columns = builder.headers.len();
    std::thread::scope(|scope| {
        let (send, pieces) = std::sync::mpsc::sync_channel(0);
        let (give_back, spare) = std::sync::mpsc::channel::<PieceCells<'_>>();
        scope.spawn(move || {
            for piece in cuts.windows(2) {
                let mut cells = spare.try_recv().unwrap_or_else(|_| vec![Vec::new(); columns]);
                // The text was decoded to UTF-8 and pieces end at line breaks.
                let split = std::str::from_utf8(&body[piece[0]..piece[1]]).map(|text| {
                    fields::split_unquoted(text, sep, &mut cells);
                    cells
                });
                let failed = split.is_err();
                if send.send(split).is_err() || failed {
                    break;
                }
            }
        });
        for split in pieces {
            let cells = split
                .map_err(|e| Problem::file(Severity::Error, file, format!("the text could not be split ({e})"), ""))?;
            builder.push_cells(&cells)?;
            // The splitter may have finished: its cells are then simply dropped.
            let _ = give_back.send(cells);
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every cell of `body` read with `parse_pieces` (columns `city, n, t`), row
    /// by row; cells read by position and by row agree.
    fn cells(body: &str, piece: Option<usize>) -> Vec<Vec<Option<String>>> {
        let file: Arc<str> = Arc::from("t.csv");
        let headers = vec!["city".to_string(), "n".to_string(), "t".to_string()];
        let builder = parse_pieces(&file, body.as_bytes(), headers, b',', piece).expect("parsed");
        let table = RawTable::from_builder(&file, None, builder, RowNumbers::Offset(2));
        let rows: Vec<Vec<Option<String>>> = (0..table.height)
            .map(|r| (0..3).map(|c| table.cell(c, r).map(str::to_string)).collect())
            .collect();
        let by_position: Vec<Option<String>> = table.positions().map(|p| table.at(1, p).map(str::to_string)).collect();
        assert_eq!(by_position, rows.iter().map(|r| r[1].clone()).collect::<Vec<_>>());
        rows
    }

    /// Whatever the piece size, the table holds the same cells: quoted
    /// separators, doubled quotes, line breaks inside quotes, ragged and blank rows.
    #[test]
    fn pieces_of_any_size_give_the_same_table() {
        let mut body = String::new();
        for i in 0..60 {
            body.push_str(&match i % 6 {
                0 => format!("\"Sion, VS\",{i},x\n"),
                1 => format!("A,{i},\"say \"\"hi\"\"\"\n"),
                2 => format!("\"two\nlines\",{i},y\n"),
                3 => format!("B,{i}\n"),
                4 => "\n".to_string(),
                _ => format!("C,{i},z,extra\n"),
            });
        }
        let whole = cells(&body, None);
        assert_eq!(whole.len(), 60);
        assert_eq!(whole[0][0].as_deref(), Some("Sion, VS"));
        assert_eq!(whole[1][2].as_deref(), Some("say \"hi\""));
        assert_eq!(whole[2][0].as_deref(), Some("two\nlines"));
        for piece in [1, 7, 20, 64, 200, usize::MAX] {
            assert_eq!(cells(&body, Some(piece)), whole, "coded pieces of {piece} bytes");
        }
    }

    /// Unquoted text split without polars gives the table polars gives, in
    /// pieces of any size: blank lines, line breaks with `\r`, ragged records,
    /// empty cells, no line break at the end.
    #[test]
    fn unquoted_text_split_in_pieces_is_the_table_polars_reads() {
        let mut body = String::new();
        for i in 0..80 {
            body.push_str(&match i % 8 {
                0 => format!("Sion,{i},EC: ICT: ICT: 1C\n"),
                1 => format!("Pully,{i},x\r\n"),
                2 => "\n".to_string(),
                3 => format!("B,{i}\n"),
                4 => format!("C,{i},z,extra\n"),
                5 => format!(",,{i}\n"),
                6 => format!("Zürich, {i} ,a longer text than twelve bytes\n"),
                _ => format!("D{i},{i},y\n"),
            });
        }
        body.push_str("Last,9,no break");
        assert!(fields::unquoted(body.as_bytes()));
        let by_polars = cells(&body, None);
        assert_eq!(by_polars.len(), 81);
        for piece in [1, 9, 50, 300, usize::MAX] {
            assert_eq!(cells(&body, Some(piece)), by_polars, "split in pieces of {piece} bytes");
        }
    }
}
