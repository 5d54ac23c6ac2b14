//! The U4SSC template repeats each KPI's place and name beside its code
//! (`Dimension`, `Sub-Dimension`, `Category`, `KPI Name`): a row whose words
//! disagree with the catalogue entry of its code gets a warning naming both
//! (the code wins: it is what the value is scored as).

use crate::model::{Catalogue, norm_key};

use super::problem::Severity;
use super::report::ImportReport;
use super::table::RawTable;

/// The code column and the name columns of a template-like table (a `KPI` or
/// `Indicator` column beside a code column holds names).
const CODE: &[&str] = super::words::KPI_CODE;
const NAME: &[&str] = &[
    "kpi_name",
    "kpi",
    "indicator",
    "indicateur",
    "indicador",
    "indikator",
    "kennzahl",
];
const DIMENSION: &[&str] = &["dimension"];
const SUBDIMENSION: &[&str] = &["sub_dimension", "subdimension"];
const CATEGORY: &[&str] = &["category"];

/// Warns, per row, where a name column disagrees with the KPI of the code column.
pub(crate) fn check_names(table: &RawTable, catalogue: &Catalogue, report: &mut ImportReport) {
    let Some(code) = table.find_column(CODE) else { return };
    let checks: Vec<(usize, &str)> = [
        (NAME, "KPI name"),
        (DIMENSION, "dimension"),
        (SUBDIMENSION, "sub-dimension"),
        (CATEGORY, "category"),
    ]
    .into_iter()
    .filter_map(|(names, what)| table.find_column(names).filter(|c| *c != code).map(|c| (c, what)))
    .collect();
    if checks.is_empty() {
        return;
    }
    for row in 0..table.height {
        let Some(kpi) = table.cell(code, row).and_then(|t| catalogue.find_kpi(t)) else {
            continue;
        };
        let entry = &catalogue.kpis[kpi.0];
        let category = &catalogue.categories[entry.category.0];
        let sub = &catalogue.subdimensions[category.subdimension.0];
        let dim = &catalogue.dimensions[sub.dimension.0];
        for &(column, what) in &checks {
            let Some(given) = table.cell(column, row) else { continue };
            let expected = match what {
                "KPI name" => &entry.name,
                "dimension" => &dim.name,
                "sub-dimension" => &sub.name,
                _ => &category.name,
            };
            if norm_key(given) != norm_key(expected) {
                let message = format!(
                    "{what} '{}' does not match the code {}: the catalogue says '{expected}'",
                    super::cells::clean(given),
                    entry.code
                );
                let hint = "the code is used; correct the code or the name";
                report.push(table.problem(Severity::Warning, Some(row), Some(column), Some(given), message, hint));
            }
        }
    }
}
