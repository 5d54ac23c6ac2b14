//! Spreadsheets (xlsx, xlsm, xlsb, xls, ods) through calamine: every sheet with a
//! header row becomes a table.

use std::io::Cursor;
use std::sync::Arc;

use calamine::{Data, Range, Reader, Sheets, open_workbook_auto_from_rs};

use super::cells::shift_point;
use super::headers::unique_headers;
use super::layout::{Grid, Layout, Region, apply_reported, cover_labels, fill_merged, find_layout, report_skipped};
use super::problem::{Problem, Severity};
use super::report::ImportReport;
use super::styles::{SheetFormats, WorkbookFormats};
use super::table::{CellFormats, RawTable};
use super::words::{CITY, YEAR, is_header};

/// Reads every non-empty sheet. A workbook that cannot be opened is one error.
pub(crate) fn read_workbook(
    file: &Arc<str>,
    bytes: &[u8],
    report: &mut ImportReport,
) -> Result<Vec<RawTable>, Problem> {
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        Problem::file(
            Severity::Error,
            file,
            format!("the workbook cannot be opened ({e}); it may be truncated, encrypted or not a spreadsheet"),
            "open it in Excel or LibreOffice and save it again as .xlsx",
        )
    })?;
    let formats = WorkbookFormats::read(&workbook, bytes);
    let mut sheets = Vec::new();
    for sheet in workbook.sheet_names() {
        let range = match workbook.worksheet_range(&sheet) {
            Ok(range) => range,
            Err(e) => {
                let message = format!("the sheet cannot be read ({e})");
                let mut p = Problem::file(
                    Severity::Error,
                    file,
                    message,
                    "save the workbook again, or move the data to a plain sheet",
                );
                p.sheet = Some(sheet.clone());
                report.push(p);
                continue;
            }
        };
        sheets.push(Sheet {
            formulas: workbook.worksheet_formula(&sheet).ok(),
            merged: merged_regions(&mut workbook, &sheet),
            formats: formats.sheet(&mut workbook, &sheet, &range),
            name: sheet,
            range,
        });
    }
    let cover = cover_sheet(file, &sheets, report);
    let mut tables = Vec::new();
    for sheet in &sheets {
        if cover.as_ref().is_some_and(|(name, _)| *name == sheet.name) {
            continue;
        }
        let cover = cover.as_ref().map(|(_, labels)| labels);
        tables.extend(read_sheet(file, sheet, cover, report));
    }
    if tables.is_empty() {
        return Err(Problem::file(
            Severity::Error,
            file,
            "the workbook has no sheet with data",
            "put a header row (city, year, kpi, value, ...) on the first row of a sheet",
        ));
    }
    Ok(tables)
}

/// A sheet as calamine read it: cells, formulas, merged regions (absolute
/// (row, column), inclusive) and which number cells show percentages.
struct Sheet {
    name: String,
    range: Range<Data>,
    formulas: Option<Range<String>>,
    merged: Vec<SheetRegion>,
    formats: SheetFormats,
}

/// A merged region: first and last (row, column), absolute in the sheet.
type SheetRegion = ((u32, u32), (u32, u32));

/// A sheet's formulas, when the format has them.
type Formulas<'a> = Option<&'a Range<String>>;

/// A `City:` and a `Year:` value.
type Labels = (Option<String>, Option<String>);

/// The first short sheet that holds only `City:` / `Year:` labels (a cover
/// sheet), with its labels; they apply to the tables that have none.
fn cover_sheet(file: &Arc<str>, sheets: &[Sheet], report: &mut ImportReport) -> Option<(String, Labels)> {
    sheets.iter().find_map(|Sheet { name: sheet, range, .. }| {
        if range.height() > 40 {
            return None;
        }
        let grid: Grid = range.rows().map(|r| r.iter().map(cell_text).collect()).collect();
        let labels = cover_labels(&grid)?;
        let message = "a cover sheet: its City: / Year: labels apply to the tables that have none";
        let mut p = Problem::file(Severity::Info, file, message, "");
        p.sheet = Some(sheet.clone());
        report.push(p);
        Some((sheet.clone(), labels))
    })
}

/// The merged regions of a sheet (xlsx and xls expose them; other formats none).
fn merged_regions<RS: std::io::Read + std::io::Seek>(
    workbook: &mut Sheets<RS>,
    sheet: &str,
) -> Vec<((u32, u32), (u32, u32))> {
    let dims = match workbook {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
        _ => Vec::new(),
    };
    dims.into_iter().map(|d| (d.start, d.end)).collect()
}

/// One sheet as a table; `None` when it is empty. The header is found (a title
/// above it and a note under the table are skipped and reported), merged cells
/// are filled, and `City:` / `Year:` labels above the header become columns
/// when the table has none.
fn read_sheet(file: &Arc<str>, sheet: &Sheet, cover: Option<&Labels>, report: &mut ImportReport) -> Option<RawTable> {
    let (row0, col0) = sheet.range.start()?;
    let mut at = Problem::file(Severity::Info, file, "", "");
    at.sheet = Some(sheet.name.clone());
    let grid = sheet_grid(sheet, &at, report);
    let mut layout = find_layout(&grid)?;
    if let Some((city, year)) = cover {
        layout.city = layout.city.clone().or_else(|| city.clone());
        layout.year = layout.year.clone().or_else(|| year.clone());
    }
    let first_row = row0 as usize + 1;
    report_skipped(&grid, &layout, first_row, &at, report);
    let raw_headers: Vec<String> = grid[layout.header]
        .iter()
        .map(|c| c.clone().unwrap_or_default())
        .collect();
    let mut rows: Vec<Vec<Option<String>>> = grid[layout.header + 1..layout.end].to_vec();
    let data_row = first_row + layout.header + 1;
    let mut err = at.clone();
    err.severity = Severity::Error;
    apply_reported(&raw_headers, &mut rows, data_row, &err, report);
    let mut headers = unique_headers(file, raw_headers, report);
    add_label_columns(&mut headers, &mut rows, &layout, (&at, data_row - 1), report);
    let origin = (row0 + (layout.header + 1) as u32, col0);
    let columns = columns_of(
        rows,
        &headers,
        (file, &sheet.name, sheet.formulas.as_ref(), origin),
        report,
    );
    let mut table = RawTable::from_cells(file, Some(Arc::from(sheet.name.as_str())), headers, columns, data_row);
    table.formats = table_formats(sheet, origin, (&table, &at), report);
    Some(table)
}

/// The sheet's percent cells as the table's (column, data row), said once in the
/// report with an example; `origin` is the first data row's (row, column).
fn table_formats(
    sheet: &Sheet,
    origin: (u32, u32),
    (table, at): (&RawTable, &Problem),
    report: &mut ImportReport,
) -> CellFormats {
    let cells = match &sheet.formats {
        SheetFormats::NoPercent => return CellFormats::AsWritten,
        SheetFormats::Unknown => return CellFormats::Unknown,
        SheetFormats::Percent(cells) => cells,
    };
    let end = origin.0 as usize + table.height;
    let mut marks: Vec<(u32, u32)> = cells
        .iter()
        .filter(|(r, c)| *r >= origin.0 && (*r as usize) < end && *c >= origin.1)
        .map(|(r, c)| (c - origin.1, r - origin.0))
        .filter(|&(c, _)| (c as usize) < table.headers.len())
        .collect();
    marks.sort_unstable();
    let Some(&(c, r)) = marks.first() else {
        return CellFormats::AsWritten;
    };
    let shown = table.cell(c as usize, r as usize).unwrap_or_default();
    let mut p = at.clone();
    p.message = format!(
        "{} formatted as percentages: each is read as the sheet shows it (the cell showing {shown} is read as {}) for KPIs measured in %, and as the number it holds for others",
        crate::model::counted(marks.len(), "number cell"),
        shown.trim_end_matches([' ', '%'])
    );
    report.push(p);
    CellFormats::Percent(Arc::new(marks.into_iter().collect()))
}

/// The sheet's cell texts, merged regions filled (reported once); a number
/// formatted as a percentage as the sheet shows it (`45.2 %` for 0.452).
fn sheet_grid(sheet: &Sheet, at: &Problem, report: &mut ImportReport) -> Grid {
    let (row0, col0) = sheet.range.start().unwrap_or_default();
    let percent = match &sheet.formats {
        SheetFormats::Percent(cells) => Some(cells),
        _ => None,
    };
    let text = |r: usize, c: usize, cell: &Data| {
        let formatted = percent.is_some_and(|p| p.contains(&(row0 + r as u32, col0 + c as u32)));
        formatted
            .then(|| percent_text(cell))
            .flatten()
            .or_else(|| cell_text(cell))
    };
    let mut grid: Grid = (sheet.range.rows().enumerate())
        .map(|(r, row)| row.iter().enumerate().map(|(c, cell)| text(r, c, cell)).collect())
        .collect();
    let local = |(r, c): (u32, u32)| (r.saturating_sub(row0) as usize, c.saturating_sub(col0) as usize);
    let regions: Vec<Region> = sheet.merged.iter().map(|(a, b)| (local(*a), local(*b))).collect();
    let merged = fill_merged(&mut grid, &regions);
    if merged > 0 {
        let mut p = at.clone();
        p.message = format!(
            "{}: each region's value applies to all its cells",
            crate::model::counted(merged, "merged cell region")
        );
        report.push(p);
    }
    grid
}

/// The data rows as columns; an empty cell that holds a formula without a saved
/// result is reported. `origin` is the first data row's (row, column) in the sheet.
fn columns_of(
    rows: Vec<Vec<Option<String>>>,
    headers: &[String],
    (file, sheet, formulas, origin): (&Arc<str>, &str, Formulas<'_>, (u32, u32)),
    report: &mut ImportReport,
) -> Vec<Vec<Option<String>>> {
    let mut columns: Vec<Vec<Option<String>>> = vec![Vec::with_capacity(rows.len()); headers.len()];
    for (r, row) in rows.into_iter().enumerate() {
        for (c, col) in columns.iter_mut().enumerate() {
            let text = row.get(c).cloned().flatten();
            // A formula saved without its result (files written by scripts) reads as empty.
            let position = (origin.0 + r as u32, origin.1 + c as u32);
            if text.is_none()
                && let Some(formula) = formulas.and_then(|f| f.get_value(position)).filter(|f| !f.is_empty())
            {
                report.push(formula_without_result(file, sheet, position.0, headers.get(c), formula));
            }
            col.push(text);
        }
    }
    columns
}

/// `City:` / `Year:` found above the header become a column when the table has none.
fn add_label_columns(
    headers: &mut Vec<String>,
    rows: &mut [Vec<Option<String>>],
    layout: &Layout,
    (at, header_row): (&Problem, usize),
    report: &mut ImportReport,
) {
    let has = |headers: &[String], names: &[&str]| headers.iter().any(|h| is_header(h, names));
    for (name, names, value) in [("city", CITY, &layout.city), ("year", YEAR, &layout.year)] {
        let Some(value) = value.as_ref().filter(|_| !has(headers, names)) else {
            continue;
        };
        headers.push(name.to_string());
        for row in rows.iter_mut() {
            row.resize(headers.len() - 1, None);
            row.push(Some(value.clone()));
        }
        let mut p = at.clone();
        p.row = Some(header_row);
        p.message = format!(
            "the table has no {name} column: {name} '{value}' is taken from a {name} label (above the header or on a cover sheet)"
        );
        report.push(p);
    }
}

fn formula_without_result(file: &str, sheet: &str, row: u32, column: Option<&String>, formula: &str) -> Problem {
    Problem {
        severity: Severity::Warning,
        file: file.to_string(),
        sheet: Some(sheet.to_string()),
        row: Some(row as usize + 1),
        column: column.cloned(),
        text: Some(format!("={formula}")),
        message: "the cell holds a formula without a saved result; it reads as empty (not reported)".into(),
        hint: Some("open the workbook in Excel or LibreOffice and save it, so the results are stored".into()),
    }
}

/// A number cell formatted as a percentage, as the sheet shows it: its
/// shortest exact text times 100, moved on paper (0.452 → `45.2 %`), so the
/// number read is the decimal the person sees, not 0.452 × 100 in floating point.
fn percent_text(cell: &Data) -> Option<String> {
    let stored = match cell {
        Data::Float(f) if f.is_finite() => f.to_string(),
        Data::Int(i) => i.to_string(),
        _ => return None,
    };
    shift_point(&stored, 2).map(|shown| format!("{shown} %"))
}

/// A cell as text; numbers in their shortest exact form, errors as `#DIV/0!` etc.
fn cell_text(cell: &Data) -> Option<String> {
    match cell {
        Data::Empty => None,
        Data::String(s) => Some(s.clone()),
        Data::Float(f) => Some(f.to_string()),
        Data::Int(i) => Some(i.to_string()),
        Data::Bool(b) => Some(if *b { "Yes" } else { "No" }.to_string()),
        Data::DateTime(dt) if dt.is_datetime() => Some(excel_date(dt.as_f64())),
        Data::DateTime(dt) => Some(dt.as_f64().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Some(s.clone()),
        Data::Error(e) => Some(e.to_string()),
    }
}

/// An Excel date serial (1900 system) as `YYYY-MM-DD`, so a date in a year column still reads as its year.
fn excel_date(serial: f64) -> String {
    // Excel's day 25569 is 1970-01-01.
    crate::model::format_date(serial.floor() as i64 - 25569)
}

#[cfg(test)]
mod tests {
    #[test]
    fn excel_serials_become_dates() {
        assert_eq!(super::excel_date(43831.0), "2020-01-01");
        assert_eq!(super::excel_date(45657.5), "2024-12-31");
    }
}
