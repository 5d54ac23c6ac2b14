//! Catalogue files: the U4SSC catalogue bundled in `assets/`, or a user's own
//! framework in the same shape (`--catalogue FILE`).

use crate::model::{Catalogue, CatalogueError, DataPointSpec, Direction, KpiSpec};

use super::problem::{Problem, Severity};
use super::report::ImportReport;
use super::sources::read_tables;
use super::table::TableRow;

/// The bundled U4SSC catalogue (91 KPIs, ITU-T Y.4903).
pub(crate) const U4SSC_CATALOGUE: &[u8] = include_bytes!("../../assets/u4ssc_catalogue.csv");

/// The bundled U4SSC catalogue. Tests keep the bundled file valid; the error
/// case only reports a broken build instead of panicking.
pub fn default_catalogue() -> Result<Catalogue, ImportReport> {
    let mut report = ImportReport::default();
    parse_catalogue(
        "U4SSC KPIs (ITU-T Y.4903)",
        "assets/u4ssc_catalogue.csv",
        U4SSC_CATALOGUE,
        &mut report,
    )
    .ok_or(report)
}

const REQUIRED: [&str; 5] = ["code", "name", "dimension", "subdimension", "category"];
const OPTIONAL: [&str; 6] = ["type", "unit", "direction", "sdgs", "source", "data_points"];

/// Reads a catalogue from a file's bytes. Columns: `code, name, dimension,
/// subdimension, category`, optional `type` (core/advanced), `unit`, `direction`,
/// `sdgs`, `source`, `data_points` (`3G | 4G`, or `Name: direction: unit | ...`).
pub fn parse_catalogue(title: &str, file: &str, bytes: &[u8], report: &mut ImportReport) -> Option<Catalogue> {
    // Only this file's errors count: the caller's report may hold others already.
    let errors_before = report.error_count();
    let tables = read_tables(file, bytes, report);
    let table = tables.into_iter().next()?;
    let Some(required) = REQUIRED
        .map(|c| table.find_column(&[c]))
        .into_iter()
        .collect::<Option<Vec<usize>>>()
    else {
        let message = format!(
            "a catalogue needs the columns {}; found {}",
            REQUIRED.join(", "),
            table.headers.join(", ")
        );
        report.push(Problem::file(
            Severity::Error,
            file,
            message,
            "see assets/u4ssc_catalogue.csv for the shape",
        ));
        return None;
    };
    let optional = OPTIONAL.map(|c| table.find_column(&[c]));
    let specs: Vec<KpiSpec> = (0..table.height)
        .filter_map(|row| kpi_spec(TableRow { table: &table, row }, &required, &optional, report))
        .collect();
    match Catalogue::build(title, specs) {
        Ok(catalogue) if report.error_count() == errors_before => Some(catalogue),
        Ok(_) => None,
        Err(e) => {
            let hint = match e {
                CatalogueError::DuplicateCode { .. } => "every KPI code must be unique",
                CatalogueError::DuplicateDataPoint { .. } => "list each data point of a KPI once",
                CatalogueError::Empty => "add one KPI per row, with its code, name and category",
                CatalogueError::TooManyItems => "keep only the KPIs and data points you score",
            };
            report.push(Problem::file(Severity::Error, file, e.to_string(), hint));
            None
        }
    }
}

/// One catalogue row as a KPI; `None` (reported) when it lacks a needed cell or
/// has an unknown direction or bad data points.
fn kpi_spec(
    row: TableRow<'_>,
    required: &[usize],
    optional: &[Option<usize>; 6],
    report: &mut ImportReport,
) -> Option<KpiSpec> {
    let get = |c: Option<usize>| row.cell(c).unwrap_or("").to_string();
    let [code, name, dimension, subdimension, category] = [0, 1, 2, 3, 4].map(|i| get(required.get(i).copied()));
    if [&code, &name, &dimension, &subdimension, &category]
        .iter()
        .any(|t| t.is_empty())
    {
        let message = "code, name, dimension, subdimension and category are all needed".into();
        report.push(row.problem(Severity::Error, None, None, message, "fill in the missing cells"));
        return None;
    }
    let [kind, unit, direction, sdgs, source, points] = optional.map(get);
    let core = match kind.to_lowercase().as_str() {
        "core" | "c" => true,
        "advanced" | "a" => false,
        _ => !code.trim_end().ends_with(['A', 'a']),
    };
    let Some(direction) = Direction::parse(&direction) else {
        let message = format!("unknown direction '{direction}'");
        let hint = "write higher, lower, target or none";
        report.push(row.problem(Severity::Error, optional[2], Some(&direction), message, hint));
        return None;
    };
    let data_points = match parse_data_points(&points) {
        Ok(points) => points,
        Err(message) => {
            let hint = "write data points as 'PM10 | PM2.5' or 'Walking: higher | Private vehicles: lower'";
            report.push(row.problem(Severity::Error, optional[5], Some(&points), message, hint));
            return None;
        }
    };
    Some(KpiSpec {
        code,
        name,
        dimension,
        subdimension,
        category,
        core,
        unit,
        direction,
        sdgs,
        source,
        data_points,
    })
}

/// `3G | 4G`, `Walking: higher | Private vehicles: lower`, `Number: higher: count`.
pub(crate) fn parse_data_points(text: &str) -> Result<Vec<DataPointSpec>, String> {
    let mut out = Vec::new();
    for part in text.split('|').map(str::trim).filter(|p| !p.is_empty()) {
        let mut fields = part.split(':').map(str::trim);
        let name = fields.next().unwrap_or_default().to_string();
        let direction = match fields.next().filter(|d| !d.is_empty()) {
            None => None,
            Some(d) => {
                Some(Direction::parse(d).ok_or_else(|| format!("unknown direction '{d}' for data point '{name}'"))?)
            }
        };
        let unit = fields.next().filter(|u| !u.is_empty()).map(str::to_string);
        out.push(DataPointSpec { name, direction, unit });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ItemId;

    /// A good catalogue loads even when the report it is given already holds
    /// errors from other files (it used to be refused).
    #[test]
    fn earlier_errors_in_the_report_do_not_refuse_a_good_catalogue() {
        let mut report = ImportReport::default();
        report.push(Problem::file(Severity::Error, "other.csv", "bad", ""));
        let catalogue = parse_catalogue("U4SSC", "catalogue.csv", U4SSC_CATALOGUE, &mut report);
        assert!(catalogue.is_some_and(|c| c.kpis.len() == 91));
        assert_eq!(report.error_count(), 1);
    }

    /// A catalogue refused as a whole says why, with the fix for that reason.
    #[test]
    fn a_refused_catalogue_gets_the_hint_of_its_fault() {
        let header = "code,name,dimension,subdimension,category,unit,direction,data_points\n";
        let row = |code: &str, points: &str| format!("{code},Name,Economy,ICT,Infra,%,higher,{points}\n");
        let many: Vec<String> = (0..=ItemId::LIMIT).map(|i| format!("p{i}")).collect();
        let cases = [
            (
                row("A 1", "") + &row("a 1", ""),
                "appears twice",
                "every KPI code must be unique",
            ),
            (row("A 1", "x | x"), "twice", "list each data point of a KPI once"),
            (row("A 1", &many.join(" | ")), "more than 16384", "keep only the KPIs"),
        ];
        for (rows, message, hint) in cases {
            let mut report = ImportReport::default();
            let bytes = format!("{header}{rows}");
            assert!(parse_catalogue("T", "cat.csv", bytes.as_bytes(), &mut report).is_none());
            let problem = report.problems.first().expect("a problem");
            assert!(problem.message.contains(message), "{}", problem.message);
            assert!(
                problem.hint.as_deref().is_some_and(|h| h.contains(hint)),
                "{:?}",
                problem.hint
            );
        }
    }
}
