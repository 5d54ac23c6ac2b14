//! What a table is: values (long or wide), targets, or cities. The file or
//! sheet name decides first (`values`, `targets`, `cities`), the columns second.

use crate::model::{Catalogue, ItemId, KpiId, KpiMatch};

use super::problem::{Problem, Severity};
use super::report::ImportReport;
use super::table::RawTable;
use super::words::{CITY, COUNTRY, KPI, POPULATION, TARGET, VALUE, is_known_header, is_row_fact};

/// The role of a table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Role {
    ValuesLong,
    /// KPI columns: (column index, item).
    ValuesWide(Vec<(usize, ItemId)>),
    Targets,
    Cities,
    /// A workbook sheet of notes (one column, or no data rows): not a table of data, so
    /// skipped with a word rather than reported as a table that could not be read.
    Note,
}

/// Decides a table's role; reports why when it cannot.
pub(crate) fn classify(table: &RawTable, catalogue: &Catalogue, report: &mut ImportReport) -> Option<Role> {
    let has = |names: &[&str]| table.find_column(names).is_some();
    let name = table.name_hint();
    let long = has(CITY) && has(KPI) && has(VALUE);
    let targets = has(KPI) && has(TARGET);
    let cities = has(CITY) && (has(COUNTRY) || has(POPULATION)) && !has(KPI);
    let by_name = if name.contains("target") || name.contains("benchmark") {
        Some("targets")
    } else if name.contains("value") || name.contains("data") || name.contains("kpi") {
        Some("values")
    } else if name.contains("cities") || name.contains("city") {
        Some("cities")
    } else {
        None
    };
    let found = table.headers.join(", ");
    let fail = |report: &mut ImportReport, message: String, hint: &str| {
        report.push(table.problem(Severity::Error, None, None, None, message, hint));
        None
    };
    let wide = wide_columns(table, catalogue);
    let choice = match by_name {
        Some("targets") if targets => Some(Role::Targets),
        Some("targets") => {
            return fail(
                report,
                format!("a targets table needs the columns kpi and target; found: {found}"),
                "columns: kpi, target, and optionally data_point, worst, direction, city, source",
            );
        }
        Some("cities") if has(CITY) && !has(KPI) && wide.is_none() => Some(Role::Cities),
        Some("values") | Some("cities") | None if long => Some(Role::ValuesLong),
        _ if targets && !has(VALUE) => Some(Role::Targets),
        _ if cities && wide.is_none() && by_name != Some("values") => Some(Role::Cities),
        _ => None,
    };
    if choice.is_some() {
        return choice;
    }
    match wide {
        Some((columns, problems)) => {
            for p in problems {
                report.push(p);
            }
            Some(Role::ValuesWide(columns))
        }
        None if has(CITY) || by_name.is_some() => fail(
            report,
            format!("cannot tell what this table holds; found the columns: {found}"),
            "values in long form need city, year, kpi, value; in wide form, city (and year) plus one column per KPI code or name; targets need kpi, target; cities need city, country, population",
        ),
        None if one_cell_header(table).is_some() => {
            let (header, sep) = one_cell_header(table).unwrap_or_default();
            let message = format!(
                "ignored: the first row holds several column names in one cell ('{header}'): a CSV file opened without splitting its columns?"
            );
            let hint = format!("split the column at '{sep}' (Data › Text to Columns), or read the CSV file itself");
            report.push(table.problem(Severity::Warning, None, None, None, message, &hint));
            None
        }
        // Only in a workbook: a text file of one column is more likely read with
        // the wrong separator, and is said as a warning below.
        None if table.sheet.is_some() && (table.headers.len() <= 1 || table.height == 0) => {
            let message = "skipped: a sheet of notes, not a table (one column, or no rows under the first)".to_string();
            report.push(table.problem(Severity::Info, None, None, None, message, ""));
            Some(Role::Note)
        }
        None => {
            report.push(table.problem(
                Severity::Warning,
                None,
                None,
                None,
                format!("ignored: not a values, targets or cities table (columns: {found})"),
                "values need city, year, kpi, value; targets need kpi, target; cities need city, country, population",
            ));
            None
        }
    }
}

/// The header of a one-column table that is really several column names with
/// a separator between them (`city;year;kpi;value`), and the separator.
fn one_cell_header(table: &RawTable) -> Option<(String, char)> {
    let [header] = table.headers.as_slice() else {
        return None;
    };
    [';', ',', '\t', '|'].into_iter().find_map(|sep| {
        let known = header.split(sep).filter(|h| is_known_header(h)).count();
        (known >= 2).then(|| (header.clone(), sep))
    })
}

/// KPI columns of a wide table (column index, item) and the problems with its other columns.
type WideColumns = (Vec<(usize, ItemId)>, Vec<Problem>);

/// For a wide table: the KPI columns, plus problems with columns that are not
/// KPIs. `None` when there is no city column or no KPI column at all.
fn wide_columns(table: &RawTable, catalogue: &Catalogue) -> Option<WideColumns> {
    table.find_column(CITY)?;
    let mut columns = Vec::new();
    let mut per_point = Vec::new();
    let mut unknown = Vec::new();
    for (c, header) in table.headers.iter().enumerate() {
        if is_row_fact(header) || header.starts_with("column_") {
            continue;
        }
        match catalogue.find_kpi_or_item(header) {
            Some(KpiMatch::Item(item)) => columns.push((c, item)),
            Some(KpiMatch::Kpi(kpi)) if catalogue.kpis[kpi.0].items.len() == 1 => {
                columns.push((c, catalogue.kpis[kpi.0].items[0]))
            }
            Some(KpiMatch::Kpi(kpi)) => per_point.push((c, kpi)),
            None => unknown.push(c),
        }
    }
    if columns.is_empty() {
        return None;
    }
    let mut problems: Vec<Problem> = per_point
        .iter()
        .map(|&(c, kpi)| per_point_problem(table, catalogue, c, kpi))
        .collect();
    problems.extend(unknown_columns(table, catalogue, &unknown));
    Some((columns, problems))
}

/// A column named after a KPI reported per data point, without the data point.
fn per_point_problem(table: &RawTable, catalogue: &Catalogue, c: usize, kpi: KpiId) -> Problem {
    let info = &catalogue.kpis[kpi.0];
    let first = (info.items.iter())
        .find_map(|i| catalogue.items[i.index()].data_point.as_deref())
        .unwrap_or("");
    table.problem(
        Severity::Error,
        None,
        Some(c),
        Some(&table.headers[c]),
        format!(
            "{} ({}) is reported per data point; this column is ignored",
            info.code, info.name
        ),
        &format!("use one column per data point, e.g. '{} {first}'", info.code),
    )
}

/// Columns whose names are listed one by one (with a "did you mean"), before
/// the rest are counted in one line: a table of thousands of odd columns is
/// one problem, not thousands of string comparisons each.
const UNKNOWN_LISTED: usize = 20;

/// The warnings for columns of a wide table that are not KPIs.
fn unknown_columns(table: &RawTable, catalogue: &Catalogue, unknown: &[usize]) -> Vec<Problem> {
    let mut problems: Vec<Problem> = (unknown.iter().take(UNKNOWN_LISTED))
        .map(|&c| {
            let header = &table.headers[c];
            let hint = match catalogue.suggest_kpi(header) {
                Some(k) => format!(
                    "did you mean {} ({})?",
                    catalogue.kpis[k.0].code, catalogue.kpis[k.0].name
                ),
                None => "name KPI columns by code or name; other columns are ignored".into(),
            };
            let message = format!("column '{header}' is not a KPI; it is ignored");
            table.problem(Severity::Warning, None, Some(c), Some(header), message, &hint)
        })
        .collect();
    if unknown.len() > UNKNOWN_LISTED {
        let more = unknown.len() - UNKNOWN_LISTED;
        let message = format!("and {more} more columns that are not KPIs; they are ignored");
        let hint = "name KPI columns by code or name; other columns are ignored";
        problems.push(table.problem(Severity::Warning, None, None, None, message, hint));
    }
    problems
}
