//! Checks on one value cell: it must read as the KPI's kind (number or yes/no);
//! suspicious numbers (percentages outside 0-100, negative counts, a % sign on a
//! non-percentage) are warnings.

use crate::model::{Catalogue, CityId, ItemId, UnitKind, Value};

use super::cells::{Cell, clean, parse_value};
use super::report::{ImportReport, Severity};
use super::table::{Pos, RawTable};

/// The cells of one observation being added.
pub(crate) struct ObsCells<'t> {
    pub city: CityId,
    pub year: Option<i32>,
    pub item: ItemId,
    pub value_text: Option<&'t str>,
    pub c_value: usize,
    pub row: usize,
    pub pos: Pos,
}

/// The value as a [`Value`], or `None` (with an error) when it cannot be used.
pub(crate) fn check_value(
    catalogue: &Catalogue,
    table: &RawTable,
    cells: &ObsCells<'_>,
    report: &mut ImportReport,
) -> Option<Value> {
    let item = &catalogue.items[cells.item.0];
    let label = || catalogue.item_label(cells.item);
    let text = cells.value_text.unwrap_or("");
    let problem = |severity, message: String, hint: &str| {
        table.problem(
            severity,
            Some(cells.row),
            Some(cells.c_value),
            cells.value_text,
            message,
            hint,
        )
    };
    match parse_value(text, table.decimal_comma) {
        None => {
            report.push(problem(
                Severity::Error,
                format!("'{}' is not a number", clean(text)),
                "write a number such as 12.5 (or 85 %), or NR when not reported",
            ));
            None
        }
        Some(Cell::NotReported) => Some(Value::NotReported),
        Some(Cell::Flag(flag)) if item.unit_kind == UnitKind::YesNo => Some(Value::Flag(flag)),
        Some(Cell::Flag(_)) => {
            report.push(problem(
                Severity::Error,
                format!("{} takes a number ({}), not yes/no", label(), item.unit),
                "write the number, or NR when not reported",
            ));
            None
        }
        Some(Cell::Number { .. }) if item.unit_kind == UnitKind::YesNo => {
            report.push(problem(
                Severity::Error,
                format!("{} is a yes/no KPI", label()),
                "write Yes or No",
            ));
            None
        }
        Some(Cell::Number { value, percent }) => {
            for (message, hint) in number_warnings(catalogue, cells.item, text, value, percent) {
                report.push(problem(Severity::Warning, message, hint));
            }
            Some(Value::Number(value))
        }
    }
}

/// What is suspicious about a number for its item (message, hint): a % sign on a
/// value not measured in %, a percentage outside 0-100, a negative count.
fn number_warnings(
    catalogue: &Catalogue,
    id: ItemId,
    text: &str,
    value: f64,
    percent: bool,
) -> Vec<(String, &'static str)> {
    // This runs for every number of a file: the label is only made for a warning.
    let (item, label) = (&catalogue.items[id.0], || catalogue.item_label(id));
    let mut warnings = Vec::new();
    if percent && item.unit_kind != UnitKind::Percent && item.unit_kind != UnitKind::Unknown {
        let message = format!(
            "'{}' has a % sign but {} is measured in {}",
            clean(text),
            label(),
            item.unit
        );
        warnings.push((message, "check the unit; the number is read without the % sign"));
    }
    if item.unit_kind == UnitKind::Percent && !(0.0..=100.0).contains(&value) {
        let message = format!("{value} is outside 0-100 for a percentage ({})", label());
        warnings.push((message, "check the value; percentages run from 0 to 100"));
    } else if value < 0.0 && item.unit_kind.non_negative() {
        warnings.push((
            format!("{value} is negative, but {} cannot be", label()),
            "check the sign of the value",
        ));
    }
    warnings
}
