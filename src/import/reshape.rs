//! Tables of other shapes, turned into the long form the readers know:
//! years as columns (`Code, KPI, Unit, 2020, 2021, 2022`: one value per cell,
//! the year from its header), and a table without a city or year column that
//! takes them from outside (`--city` / `--year`).

use super::problem::Severity;
use super::report::ImportReport;
use std::collections::HashSet;
use std::sync::Arc;

use super::cells::clean;
use super::melted::{Melted, MeltedBy};
use super::table::{CellFormats, RawTable, RowNumbers};
use super::words::{CITY, KPI, REPORTED, VALUE, YEAR, is_header};
use super::years::{Period, period_year};

/// The city and year for tables that have no column for them (`--city`,
/// `--year`), and what the user said the columns of unguessable tables hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableDefaults {
    pub city: Option<String>,
    pub year: Option<i32>,
    pub mappings: Vec<ColumnMapping>,
}

/// What a column holds, as the user tells it in the mapping dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub enum ColumnRole {
    #[default]
    Ignore,
    City,
    Year,
    Kpi,
    DataPoint,
    Value,
    Unit,
    Source,
    Note,
}

impl ColumnRole {
    pub const ALL: [ColumnRole; 9] = [
        ColumnRole::Ignore,
        ColumnRole::City,
        ColumnRole::Year,
        ColumnRole::Kpi,
        ColumnRole::DataPoint,
        ColumnRole::Value,
        ColumnRole::Unit,
        ColumnRole::Source,
        ColumnRole::Note,
    ];

    /// The column name the readers know (`None`: the column is left out).
    fn header(self) -> Option<&'static str> {
        Some(match self {
            ColumnRole::Ignore => return None,
            ColumnRole::City => "city",
            ColumnRole::Year => "year",
            ColumnRole::Kpi => "kpi",
            ColumnRole::DataPoint => "data_point",
            ColumnRole::Value => "value",
            ColumnRole::Unit => "unit",
            ColumnRole::Source => "source",
            ColumnRole::Note => "note",
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            ColumnRole::Ignore => "ignore",
            ColumnRole::City => "city",
            ColumnRole::Year => "year",
            ColumnRole::Kpi => "KPI (code or name)",
            ColumnRole::DataPoint => "data point",
            ColumnRole::Value => "value",
            ColumnRole::Unit => "unit",
            ColumnRole::Source => "source",
            ColumnRole::Note => "note",
        }
    }
}

/// The user's reading of one table: a role per column (by header), and the
/// city and year when the table has no column for them.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ColumnMapping {
    pub file: String,
    pub sheet: Option<String>,
    pub roles: Vec<(String, ColumnRole)>,
    pub city: Option<String>,
    pub year: Option<i32>,
}

/// Renames the columns of a table the user mapped (and adds its city and year).
pub(crate) fn apply_mapping(table: RawTable, mappings: &[ColumnMapping], report: &mut ImportReport) -> RawTable {
    let sheet = table.sheet.as_deref();
    let Some(mapping) = mappings
        .iter()
        .find(|m| *m.file == *table.file && m.sheet.as_deref() == sheet)
    else {
        return table;
    };
    let mut table = table;
    for (i, header) in table.headers.iter_mut().enumerate() {
        let role = mapping
            .roles
            .iter()
            .find(|(h, _)| h == header)
            .map_or(ColumnRole::Ignore, |r| r.1);
        *header = role
            .header()
            .map_or_else(|| format!("(ignored {})", i + 1), str::to_string);
    }
    report.push(table.problem(
        Severity::Info,
        None,
        None,
        None,
        "columns read as you mapped them".into(),
        "",
    ));
    let defaults = TableDefaults {
        city: mapping.city.clone(),
        year: mapping.year,
        mappings: Vec::new(),
    };
    with_defaults(table, &defaults, report)
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
    out.formats = table.formats.clone();
    out.city_given = table.city_given;
    out.melted = table.melted.clone();
    out
}

/// Years as columns → long form, when the table has a KPI column, no value
/// column and at least one year header. `None` when it is not that shape.
pub(crate) fn years_as_columns(table: &RawTable, report: &mut ImportReport) -> Option<RawTable> {
    if table.find_column(KPI).is_none() || table.find_column(VALUE).is_some() || table.find_column(YEAR).is_some() {
        return None;
    }
    let periods: Vec<(usize, Period)> = table
        .headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| period_year(h).map(|p| (i, p)))
        .collect();
    if periods.is_empty() {
        return None;
    }
    for &(c, period) in periods.iter().filter(|(_, p)| p.span) {
        report.push(table.problem(
            Severity::Info,
            None,
            Some(c),
            None,
            period_note(&table.headers[c], period),
            "",
        ));
    }
    let years: Vec<(usize, i32)> = periods.iter().map(|&(c, p)| (c, p.year)).collect();
    let keep: Vec<usize> = (0..table.headers.len())
        .filter(|c| years.iter().all(|(y, _)| y != c))
        .collect();
    let (cells, row_numbers) = cells_of(table);
    let mut headers: Vec<String> = keep.iter().map(|&c| table.headers[c].clone()).collect();
    headers.extend(["year".to_string(), "value".to_string()]);
    let years: Vec<(usize, String)> = years.iter().map(|(c, y)| (*c, y.to_string())).collect();
    let Melt {
        columns,
        rows,
        formats,
        of_row,
    } = melt(table, (&cells, &row_numbers), &keep, &years);
    let list: Vec<String> = years.iter().map(|(_, y)| y.to_string()).collect();
    let message = format!(
        "years as columns ({}): read as one value per cell, the year from its header",
        list.join(", ")
    );
    report.push(table.problem(Severity::Info, None, None, None, message, ""));
    let mut out = rebuilt(table, headers, columns, rows);
    out.formats = formats;
    out.melted = Some(melted_from(table, MeltedBy::Years, &keep, &years, of_row));
    Some(out)
}

/// What a melted table was: its rows, and the header of each melted column.
fn melted_from(table: &RawTable, by: MeltedBy, keep: &[usize], melted: &[(usize, String)], of_row: Vec<u32>) -> Melted {
    let headers = melted
        .iter()
        .map(|(c, _)| clean(&table.headers[*c]).to_string())
        .collect();
    Melted::new(by, table.height, keep.len() + 1, headers, of_row)
}

/// `Reported (YES/NO)` in a table that is not a workbook sheet (workbook sheets
/// apply it while they are read): see [`super::layout::apply_reported`].
pub(crate) fn with_reported(table: RawTable, report: &mut ImportReport) -> RawTable {
    let reported = table.headers.iter().any(|h| is_header(h, REPORTED));
    if table.sheet.is_some() || !reported {
        return table;
    }
    let (columns, rows) = cells_of(&table);
    let mut by_row: Vec<Vec<Option<String>>> = (0..table.height)
        .map(|r| columns.iter().map(|c| c[r].clone()).collect())
        .collect();
    let at = table.problem(Severity::Error, None, None, None, String::new(), "");
    // Row numbers are set per row below; the first data row's number is the base.
    let first = rows.first().copied().unwrap_or(2) as usize;
    super::layout::apply_reported(&table.headers, &mut by_row, first, &at, report);
    let columns = (0..table.headers.len())
        .map(|c| by_row.iter().map(|row| row[c].clone()).collect())
        .collect();
    rebuilt(&table, table.headers.clone(), columns, rows)
}

/// Cities as columns (`KPI, Pully, Lausanne`, one year) → long form, when the
/// table has a KPI column, no value or city column, and headers that are known
/// city names (from the data read so far, the cities tables, or `--city`).
pub(crate) fn cities_as_columns(table: &RawTable, known: &[String], report: &mut ImportReport) -> Option<RawTable> {
    if table.find_column(KPI).is_none() || table.find_column(VALUE).is_some() || table.find_column(CITY).is_some() {
        return None;
    }
    let is_city = |h: &str| known.iter().any(|k| k.eq_ignore_ascii_case(clean(h)));
    let cities: Vec<(usize, String)> = table
        .headers
        .iter()
        .enumerate()
        .filter(|(_, h)| is_city(h))
        .map(|(i, h)| (i, clean(h).to_string()))
        .collect();
    if cities.is_empty() {
        return None;
    }
    let keep: Vec<usize> = (0..table.headers.len())
        .filter(|c| cities.iter().all(|(k, _)| k != c))
        .collect();
    let (cells, row_numbers) = cells_of(table);
    let Melt {
        columns,
        rows,
        formats,
        of_row,
    } = melt(table, (&cells, &row_numbers), &keep, &cities);
    let mut headers: Vec<String> = keep.iter().map(|&c| table.headers[c].clone()).collect();
    headers.extend(["city".to_string(), "value".to_string()]);
    let names: Vec<&str> = cities.iter().map(|(_, c)| c.as_str()).collect();
    let message = format!(
        "cities as columns ({}): read as one value per cell, the city from its header",
        names.join(", ")
    );
    report.push(table.problem(Severity::Info, None, None, None, message, ""));
    let mut out = rebuilt(table, headers, columns, rows);
    out.formats = formats;
    out.melted = Some(melted_from(table, MeltedBy::Cities, &keep, &cities, of_row));
    Some(out)
}

/// One row per (data row, melted column) with a value: the kept cells, the
/// melted column's key (its year or city), the value; and the table's cell
/// formats carried to the value cells where they went; and which melted column
/// each row's value came from.
fn melt(
    table: &RawTable,
    (cells, row_numbers): (&[Vec<Option<String>>], &[u32]),
    keep: &[usize],
    melted: &[(usize, String)],
) -> Melt {
    let mut columns: Vec<Vec<Option<String>>> = vec![Vec::new(); keep.len() + 2];
    let mut rows = Vec::new();
    let mut percent = HashSet::new();
    let mut of_row = Vec::new();
    for (r, &number) in row_numbers.iter().enumerate() {
        for (i, (c, key)) in melted.iter().enumerate() {
            let Some(value) = cells[*c][r].clone() else { continue };
            if table.formats.is_percent(*c, r) {
                percent.insert(((keep.len() + 1) as u32, rows.len() as u32));
            }
            for (k, &col) in keep.iter().enumerate() {
                columns[k].push(cells[col][r].clone());
            }
            columns[keep.len()].push(Some(key.clone()));
            columns[keep.len() + 1].push(Some(value));
            rows.push(number);
            of_row.push(i as u32);
        }
    }
    let formats = match &table.formats {
        CellFormats::Percent(_) => CellFormats::Percent(Arc::new(percent)),
        other => other.clone(),
    };
    Melt {
        columns,
        rows,
        formats,
        of_row,
    }
}

/// A melted table's cells, row numbers, cell formats, and which melted column
/// each row's value came from.
struct Melt {
    columns: Vec<Vec<Option<String>>>,
    rows: Vec<u32>,
    formats: CellFormats,
    of_row: Vec<u32>,
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
    for (name, value) in &missing {
        let message = format!("the table has no {name} column: {name} '{value}' comes from --{name}");
        report.push(table.problem(Severity::Info, None, None, None, message, ""));
    }
    let given_city = missing.iter().any(|(name, _)| *name == "city");
    let mut out = with_columns(&table, &missing);
    // The city came from outside the file: two such tables with different
    // values for one city, KPI and year are two cities (see `duplicates`).
    out.city_given |= given_city;
    out
}

/// The table with more columns, each of one value in every row (`("year", "2020")`).
pub(crate) fn with_columns(table: &RawTable, added: &[(&str, String)]) -> RawTable {
    let (mut columns, rows) = cells_of(table);
    let mut headers = table.headers.clone();
    for (name, value) in added {
        headers.push((*name).to_string());
        columns.push(vec![Some(value.clone()); table.height]);
    }
    rebuilt(table, headers, columns, rows)
}

/// What a period of two years (`2021-22`) is read as, for the report.
pub(crate) fn period_note(text: &str, period: Period) -> String {
    format!(
        "'{text}' is a period of two years: read as {}, the year it starts (name it {} if its values are for {})",
        period.year,
        period.year + 1,
        period.year + 1
    )
}
