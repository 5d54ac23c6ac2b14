//! Which number cells of a workbook are formatted as percentages. A cell that
//! shows `45.2 %` holds 0.452; the person who made the sheet sees 45.2, and
//! calamine gives 0.452 without its format. xlsx files say it in their styles
//! (`xl/styles.xml`: the cell formats' number formats, built-in ids 9 and 10
//! or a format code with a `%`), which calamine exposes per cell; ods files in
//! each cell (`office:value-type="percentage"`), read here from
//! `content.xml`. xls and xlsb do not tell (calamine reads their formats for
//! dates only): their sheets are marked unknown and the rows stage says so
//! where it matters.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use calamine::{Data, Range, Reader, Sheets};
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

/// Absolute (row, column) positions of a sheet's number cells formatted as percentages.
pub(crate) type PercentCells = HashSet<(u32, u32)>;

/// What a sheet's number formats say about percentages.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) enum SheetFormats {
    /// No number cell of the sheet is formatted as a percentage.
    #[default]
    NoPercent,
    /// These cells are.
    Percent(PercentCells),
    /// The file does not tell (xls, xlsb), or its formats could not be read.
    Unknown,
}

/// A number format code that multiplies by 100: a `%` outside quotes,
/// brackets (`[Red]`) and escapes (`\%` and `"%"` are literal signs).
pub(crate) fn is_percent_format(code: &str) -> bool {
    let (mut quoted, mut bracket, mut escaped) = (false, false, false);
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            // `\x` is a literal x; `_x` a space as wide as x; `*x` x repeated to fill.
            '\\' | '_' | '*' if !quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            '%' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

/// The percent formats of every sheet of an ods file, by sheet name: each
/// percentage cell's position and value (to be checked against calamine's).
pub(crate) type OdsPercents = HashMap<String, Vec<(u32, u32, f64)>>;

/// The formats of each sheet of a workbook, read once before its sheets.
pub(crate) enum WorkbookFormats {
    /// An xlsx file; `false` when no cell format of it is a percentage.
    Xlsx(bool),
    Ods(Option<OdsPercents>),
    /// xls, xlsb: the file does not tell.
    Unknown,
}

impl WorkbookFormats {
    /// Reads what the workbook's bytes say of its formats.
    pub(crate) fn read<RS: std::io::Read + std::io::Seek>(workbook: &Sheets<RS>, bytes: &[u8]) -> WorkbookFormats {
        match workbook {
            Sheets::Xlsx(_) => WorkbookFormats::Xlsx(xlsx_has_percent(bytes).unwrap_or(true)),
            Sheets::Ods(_) => WorkbookFormats::Ods(ods_percents(bytes)),
            Sheets::Xls(_) | Sheets::Xlsb(_) => WorkbookFormats::Unknown,
        }
    }

    /// The percent cells of one sheet, whose cells calamine read as `range`.
    pub(crate) fn sheet<RS: std::io::Read + std::io::Seek>(
        &self,
        workbook: &mut Sheets<RS>,
        sheet: &str,
        range: &Range<Data>,
    ) -> SheetFormats {
        let cells = match self {
            WorkbookFormats::Xlsx(false) => return SheetFormats::NoPercent,
            WorkbookFormats::Xlsx(true) => match workbook.worksheet_style(sheet) {
                Ok(styles) => xlsx_sheet(range, &styles),
                Err(_) => return SheetFormats::Unknown,
            },
            WorkbookFormats::Ods(None) => return SheetFormats::Unknown,
            WorkbookFormats::Ods(Some(percents)) => {
                match ods_sheet(range, percents.get(sheet).map_or(&[], Vec::as_slice)) {
                    Some(cells) => cells,
                    None => return SheetFormats::Unknown,
                }
            }
            WorkbookFormats::Unknown => return SheetFormats::Unknown,
        };
        if cells.is_empty() {
            SheetFormats::NoPercent
        } else {
            SheetFormats::Percent(cells)
        }
    }
}

fn is_number(data: &Data) -> bool {
    matches!(data, Data::Float(_) | Data::Int(_))
}

/// The number cells of an xlsx sheet whose style has a percent format.
fn xlsx_sheet(range: &Range<Data>, styles: &calamine::StyleRange) -> PercentCells {
    let (row0, col0) = range.start().unwrap_or_default();
    range
        .used_cells()
        .filter(|(_, _, data)| is_number(data))
        .map(|(r, c, _)| (row0 + r as u32, col0 + c as u32))
        .filter(|&pos| {
            styles
                .get(pos)
                .and_then(|s| s.number_format.as_ref())
                .is_some_and(|f| is_percent_format(&f.format_code))
        })
        .collect()
}

/// The ods sheet's percentage cells, when every one is where calamine has the
/// same number; `None` when they disagree (the formats are then unknown).
fn ods_sheet(range: &Range<Data>, percents: &[(u32, u32, f64)]) -> Option<PercentCells> {
    let agrees = |&(r, c, v): &(u32, u32, f64)| match range.get_value((r, c)) {
        Some(Data::Float(f)) => *f == v,
        Some(Data::Int(i)) => *i as f64 == v,
        _ => false,
    };
    percents
        .iter()
        .all(agrees)
        .then(|| percents.iter().map(|&(r, c, _)| (r, c)).collect())
}

/// A file of the zip archive, whole; `None` when it is not there or cannot be read.
fn zip_file(bytes: &[u8], name: &str) -> Option<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut file = archive.by_name(name).ok()?;
    let mut out = Vec::new();
    file.read_to_end(&mut out).ok()?;
    Some(out)
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

/// Whether any cell format (`cellXfs`) of an xlsx file has a percent number
/// format; `None` when the styles cannot be read (then every sheet is asked).
fn xlsx_has_percent(bytes: &[u8]) -> Option<bool> {
    let xml = zip_file(bytes, "xl/styles.xml")?;
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut custom: HashMap<String, bool> = HashMap::new();
    let (mut in_xfs, mut buf) = (false, Vec::new());
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "numFmt" => {
                    if let (Some(id), Some(code)) = (attr(&e, "numFmtId"), attr(&e, "formatCode")) {
                        custom.insert(id, is_percent_format(&code));
                    }
                }
                "cellXfs" => in_xfs = true,
                "xf" if in_xfs => {
                    let id = attr(&e, "numFmtId").unwrap_or_default();
                    let percent = custom.get(&id).copied().unwrap_or(id == "9" || id == "10");
                    if percent {
                        return Some(true);
                    }
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_xfs = false,
            Event::Eof => return Some(false),
            _ => {}
        }
        buf.clear();
    }
}

/// Percentage cells listed at most (a sheet of more is a sheet of machine data:
/// its formats are then unknown, and the rows stage says so).
const MAX_PERCENT_CELLS: usize = 1 << 21;

/// The percentage cells of every sheet of an ods file (`content.xml`): row and
/// column counted as calamine counts them (repeated rows and cells, covered
/// cells), with the value, to be checked against calamine's cell.
fn ods_percents(bytes: &[u8]) -> Option<OdsPercents> {
    let xml = zip_file(bytes, "content.xml")?;
    let mut out = OdsPercents::new();
    if memchr::memmem::find(&xml, b"percentage").is_none() {
        return Some(out);
    }
    let mut walk = OdsWalk::default();
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) => walk.start(&e, &mut out)?,
            Event::Empty(e) => {
                walk.start(&e, &mut out)?;
                walk.end(e.name().as_ref());
            }
            Event::End(e) => walk.end(e.name().as_ref()),
            Event::Eof => return Some(out),
            _ => {}
        }
        buf.clear();
    }
}

/// Where the walk of `content.xml` is: the sheet, and the next row and column.
#[derive(Default)]
struct OdsWalk {
    sheet: Option<String>,
    row: u32,
    row_repeats: u32,
    column: u32,
    listed: usize,
}

impl OdsWalk {
    fn repeats(e: &BytesStart<'_>, name: &str) -> u32 {
        attr(e, name).and_then(|v| v.parse().ok()).unwrap_or(1).max(1)
    }

    /// `None` when the file lists more percentage cells than are kept.
    fn start(&mut self, e: &BytesStart<'_>, out: &mut OdsPercents) -> Option<()> {
        match e.name().as_ref() {
            "table:table" => {
                self.sheet = attr(e, "table:name");
                self.row = 0;
            }
            "table:table-row" => {
                self.row_repeats = Self::repeats(e, "table:number-rows-repeated");
                self.column = 0;
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let repeats = Self::repeats(e, "table:number-columns-repeated");
                let percent = attr(e, "office:value-type").as_deref() == Some("percentage");
                if let (true, Some(sheet), Some(value)) = (percent, &self.sheet, attr(e, "office:value")) {
                    let value: f64 = value.parse().ok()?;
                    let cells = out.entry(sheet.clone()).or_default();
                    for r in 0..self.row_repeats {
                        for c in 0..repeats {
                            cells.push((self.row + r, self.column + c, value));
                        }
                    }
                    self.listed += (self.row_repeats as usize) * (repeats as usize);
                    if self.listed > MAX_PERCENT_CELLS {
                        return None;
                    }
                }
                self.column = self.column.saturating_add(repeats);
            }
            _ => {}
        }
        Some(())
    }

    fn end(&mut self, name: &str) {
        if name == "table:table-row" {
            self.row = self.row.saturating_add(self.row_repeats);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_percent_format;

    #[test]
    fn percent_format_codes() {
        for code in [
            "0%",
            "0.0%",
            "0.00%",
            "#,##0.0 %",
            "[Red]0.0%",
            "0%;[Red]-0%",
            "0.0\" \"%",
        ] {
            assert!(is_percent_format(code), "{code}");
        }
        for code in [
            "General",
            "0.00",
            "0.0\"%\"",
            "0.0\\%",
            "[$%-409]0",
            "@",
            "d/m/yyyy",
            "0.0_%",
            "*%0",
        ] {
            assert!(!is_percent_format(code), "{code}");
        }
    }
}
