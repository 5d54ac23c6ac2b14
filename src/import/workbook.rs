//! Spreadsheets (xlsx, xlsm, xlsb, xls, ods) through calamine: every sheet with a
//! header row becomes a table.

use std::io::Cursor;
use std::sync::Arc;

use calamine::{Data, Range, Reader, open_workbook_auto_from_rs};

use super::report::{ImportReport, Problem, Severity};
use super::sources::unique_headers;
use super::table::RawTable;

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
    let mut tables = Vec::new();
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
        let formulas = workbook.worksheet_formula(&sheet).ok();
        tables.extend(read_sheet(file, &sheet, &range, formulas.as_ref(), report));
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

/// One sheet as a table (header on its first used row); `None` when it is empty.
fn read_sheet(
    file: &Arc<str>,
    sheet: &str,
    range: &Range<Data>,
    formulas: Option<&Range<String>>,
    report: &mut ImportReport,
) -> Option<RawTable> {
    let (row0, col0) = range.start()?;
    let mut rows = range.rows();
    let raw_headers: Vec<String> = rows.next()?.iter().map(|c| cell_text(c).unwrap_or_default()).collect();
    if raw_headers.iter().all(String::is_empty) {
        return None;
    }
    let headers = unique_headers(file, raw_headers, report);
    let mut columns: Vec<Vec<Option<String>>> = vec![Vec::with_capacity(range.height()); headers.len()];
    for (r, row) in rows.enumerate() {
        for (c, (col, cell)) in columns.iter_mut().zip(row.iter()).enumerate() {
            let text = cell_text(cell);
            // A formula saved without its result (files written by scripts) reads as empty.
            let position = (row0 + 1 + r as u32, col0 + c as u32);
            if text.is_none()
                && let Some(formula) = formulas.and_then(|f| f.get_value(position)).filter(|f| !f.is_empty())
            {
                report.push(formula_without_result(file, sheet, position.0, headers.get(c), formula));
            }
            col.push(text);
        }
    }
    // Spreadsheet rows are 1-based; the header sits on row row0 + 1.
    let sheet_name: Arc<str> = Arc::from(sheet);
    Some(RawTable::from_cells(
        file,
        Some(sheet_name),
        headers,
        columns,
        row0 as usize + 2,
    ))
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
