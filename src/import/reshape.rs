//! Tables of other shapes, turned into the long form the readers know:
//! years as columns (`Code, KPI, Unit, 2020, 2021, 2022`: one value per cell,
//! the year from its header), and a table without a city or year column that
//! takes them from outside (`--city` / `--year`).

use super::report::{ImportReport, Severity};
use super::table::{RawTable, RowNumbers};
use super::values::{CITY, KPI, VALUE, YEAR};

/// The city and year for tables that have no column for them (`--city`, `--year`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableDefaults {
    pub city: Option<String>,
    pub year: Option<i32>,
}

/// A header that is a year: `2020`, `2020.0`, `FY2022`, `FY 2022`.
fn header_year(header: &str) -> Option<i32> {
    let t = super::cells::clean(header);
    let t = t
        .strip_prefix("FY")
        .or_else(|| t.strip_prefix("fy"))
        .unwrap_or(t)
        .trim();
    let t = t.strip_suffix(".0").unwrap_or(t);
    (t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
        .filter(|y| (1800..=2200).contains(y))
}

/// Every cell of a table, by column, and its rows' spreadsheet numbers.
fn cells_of(table: &RawTable) -> (Vec<Vec<Option<String>>>, Vec<u32>) {
    let columns = (0..table.headers.len())
        .map(|c| {
            (0..table.height)
                .map(|r| table.cell(c, r).map(str::to_string))
                .collect()
        })
        .collect();
    let rows = (0..table.height).map(|r| table.row_number(r) as u32).collect();
    (columns, rows)
}

fn rebuilt(table: &RawTable, headers: Vec<String>, columns: Vec<Vec<Option<String>>>, rows: Vec<u32>) -> RawTable {
    let mut out = RawTable::from_cells(&table.file, table.sheet.clone(), headers, columns, 2);
    out.rows = RowNumbers::Explicit(rows);
    out.decimal_comma = table.decimal_comma;
    out
}

/// Years as columns → long form, when the table has a KPI column, no value
/// column and at least one year header. `None` when it is not that shape.
pub(crate) fn years_as_columns(table: &RawTable, report: &mut ImportReport) -> Option<RawTable> {
    if table.find_column(KPI).is_none() || table.find_column(VALUE).is_some() || table.find_column(YEAR).is_some() {
        return None;
    }
    let years: Vec<(usize, i32)> = table
        .headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| header_year(h).map(|y| (i, y)))
        .collect();
    if years.is_empty() {
        return None;
    }
    let keep: Vec<usize> = (0..table.headers.len())
        .filter(|c| years.iter().all(|(y, _)| y != c))
        .collect();
    let (cells, row_numbers) = cells_of(table);
    let mut headers: Vec<String> = keep.iter().map(|&c| table.headers[c].clone()).collect();
    headers.extend(["year".to_string(), "value".to_string()]);
    let (columns, rows) = melt(&cells, &row_numbers, &keep, &years);
    let list: Vec<String> = years.iter().map(|(_, y)| y.to_string()).collect();
    let message = format!(
        "years as columns ({}): read as one value per cell, the year from its header",
        list.join(", ")
    );
    report.push(table.problem(Severity::Info, None, None, None, message, ""));
    Some(rebuilt(table, headers, columns, rows))
}

/// One row per (data row, year column) with a value: the kept cells, the year, the value.
fn melt(
    cells: &[Vec<Option<String>>],
    row_numbers: &[u32],
    keep: &[usize],
    years: &[(usize, i32)],
) -> (Vec<Vec<Option<String>>>, Vec<u32>) {
    let mut columns: Vec<Vec<Option<String>>> = vec![Vec::new(); keep.len() + 2];
    let mut rows = Vec::new();
    for (r, &number) in row_numbers.iter().enumerate() {
        for &(c, year) in years {
            let Some(value) = cells[c][r].clone() else { continue };
            for (k, &col) in keep.iter().enumerate() {
                columns[k].push(cells[col][r].clone());
            }
            columns[keep.len()].push(Some(year.to_string()));
            columns[keep.len() + 1].push(Some(value));
            rows.push(number);
        }
    }
    (columns, rows)
}

/// A values table without a city (or year) column takes `--city` (or `--year`).
pub(crate) fn with_defaults(table: RawTable, defaults: &TableDefaults, report: &mut ImportReport) -> RawTable {
    if table.find_column(KPI).is_none() {
        return table;
    }
    let missing: Vec<(&str, String)> = [
        (
            "city",
            table
                .find_column(CITY)
                .is_none()
                .then(|| defaults.city.clone())
                .flatten(),
        ),
        (
            "year",
            table
                .find_column(YEAR)
                .is_none()
                .then(|| defaults.year.map(|y| y.to_string()))
                .flatten(),
        ),
    ]
    .into_iter()
    .filter_map(|(name, value)| value.map(|v| (name, v)))
    .collect();
    if missing.is_empty() {
        return table;
    }
    let (mut columns, rows) = cells_of(&table);
    let mut headers = table.headers.clone();
    for (name, value) in missing {
        headers.push(name.to_string());
        columns.push(vec![Some(value.clone()); table.height]);
        let message = format!("the table has no {name} column: {name} '{value}' comes from --{name}");
        report.push(table.problem(Severity::Info, None, None, None, message, ""));
    }
    rebuilt(&table, headers, columns, rows)
}

#[cfg(test)]
mod tests {
    #[test]
    fn year_headers() {
        for (h, y) in [
            ("2020", Some(2020)),
            ("FY2022", Some(2022)),
            ("2021.0", Some(2021)),
            ("Code", None),
            ("Source 2023", None),
            ("12345", None),
        ] {
            assert_eq!(super::header_year(h), y, "{h}");
        }
    }
}
