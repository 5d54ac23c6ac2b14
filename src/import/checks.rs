//! Checks on one value cell: it must read as the KPI's kind (number or yes/no);
//! suspicious numbers (percentages outside 0-100, negative counts, a % sign on a
//! non-percentage) are warnings.

use crate::model::{Catalogue, CityId, ItemId, UnitKind, Value};

use super::cells::{Cell, clean};
use super::report::{ImportReport, Severity};
use super::table::{Check, Pos, RawTable};

/// The cells of one observation being added.
pub(crate) struct ObsCells {
    pub city: CityId,
    pub year: Option<i32>,
    pub item: ItemId,
    /// The value cell as read by [`super::cells::parse_value`].
    pub cell: Option<Cell>,
    pub c_value: usize,
    pub row: usize,
    pub pos: Pos,
}

/// The value as a [`Value`], or `None` (with an error) when it cannot be used.
pub(crate) fn check_value(
    catalogue: &Catalogue,
    table: &RawTable,
    cells: &ObsCells,
    report: &mut ImportReport,
) -> Option<Value> {
    let item = &catalogue.items[cells.item.0];
    let label = || catalogue.item_label(cells.item);
    // The cell's text is only needed for a problem: most rows never read it.
    let value_text = || table.at(cells.c_value, cells.pos);
    let text = || value_text().unwrap_or("");
    let mut problem = |key, severity, message: &dyn Fn() -> String, hint: &str| {
        let check = Check { key, severity, hint };
        table.report(
            report,
            check,
            (Some(cells.row), Some(cells.c_value)),
            value_text(),
            message,
        );
    };
    match cells.cell {
        None => {
            problem(
                "not a number",
                Severity::Error,
                &|| format!("'{}' is not a number", clean(text())),
                "write a number such as 12.5 (or 85 %), or NR when not reported",
            );
            None
        }
        Some(Cell::NotReported) => Some(Value::NotReported),
        Some(Cell::Flag(flag)) if item.unit_kind == UnitKind::YesNo => Some(Value::Flag(flag)),
        Some(Cell::Flag(_)) => {
            problem(
                "yes/no for a number",
                Severity::Error,
                &|| format!("{} takes a number ({}), not yes/no", label(), item.unit),
                "write the number, or NR when not reported",
            );
            None
        }
        Some(Cell::Number { .. }) if item.unit_kind == UnitKind::YesNo => {
            problem(
                "number for a yes/no KPI",
                Severity::Error,
                &|| format!("{} is a yes/no KPI", label()),
                "write Yes or No",
            );
            None
        }
        Some(Cell::Number { value, percent }) => {
            for warning in number_warnings(catalogue, cells.item, value, percent) {
                let message = || warning.message(catalogue, cells.item, text(), value);
                problem(warning.key(), Severity::Warning, &message, warning.hint());
            }
            Some(Value::Number(value))
        }
    }
}

/// What can be suspicious about a number for its item.
#[derive(Debug, Clone, Copy, PartialEq)]
enum NumberWarning {
    /// A % sign on a value not measured in %.
    PercentSign,
    /// A percentage outside 0-100.
    OutsidePercent,
    /// A negative value of a quantity that cannot be negative.
    Negative,
}

impl NumberWarning {
    fn key(self) -> &'static str {
        match self {
            NumberWarning::PercentSign => "% sign on a value not in %",
            NumberWarning::OutsidePercent => "percentage outside 0-100",
            NumberWarning::Negative => "negative value that cannot be",
        }
    }

    fn hint(self) -> &'static str {
        match self {
            NumberWarning::PercentSign => "check the unit; the number is read without the % sign",
            NumberWarning::OutsidePercent => "check the value; percentages run from 0 to 100",
            NumberWarning::Negative => "check the sign of the value",
        }
    }

    fn message(self, catalogue: &Catalogue, id: ItemId, text: &str, value: f64) -> String {
        let label = catalogue.item_label(id);
        match self {
            NumberWarning::PercentSign => format!(
                "'{}' has a % sign but {label} is measured in {}",
                clean(text),
                catalogue.items[id.0].unit
            ),
            NumberWarning::OutsidePercent => format!("{value} is outside 0-100 for a percentage ({label})"),
            NumberWarning::Negative => format!("{value} is negative, but {label} cannot be"),
        }
    }
}

/// What is suspicious about a number for its item: a % sign on a value not
/// measured in %, a percentage outside 0-100, a negative count. Runs for every
/// number of a file, so it writes no text (see [`NumberWarning::message`]).
fn number_warnings(catalogue: &Catalogue, id: ItemId, value: f64, percent: bool) -> Vec<NumberWarning> {
    let item = &catalogue.items[id.0];
    let mut warnings = Vec::new();
    if percent && item.unit_kind != UnitKind::Percent && item.unit_kind != UnitKind::Unknown {
        warnings.push(NumberWarning::PercentSign);
    }
    if item.unit_kind == UnitKind::Percent && !(0.0..=100.0).contains(&value) {
        warnings.push(NumberWarning::OutsidePercent);
    } else if value < 0.0 && item.unit_kind.non_negative() {
        warnings.push(NumberWarning::Negative);
    }
    warnings
}
