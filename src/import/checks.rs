//! Checks on one value cell: it must read as the KPI's kind (number or yes/no);
//! suspicious numbers (percentages outside 0-100, negative counts, a % sign on a
//! non-percentage) are warnings.

use crate::model::{Catalogue, CityId, Implausible, ItemId, UnitKind, Value};

use super::cells::{Cell, clean, shift_point};
use super::kinds::Site;
use super::problem::{Problem, Severity};
use super::report::ImportReport;
use super::table::{CellFormats, Check, Pos, RawTable};

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

/// What is wrong with a value cell for its item (nothing, for nearly every cell).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Issue {
    NotANumber,
    NotAnAnswer,
    FlagForNumber,
    NumberForFlag,
    Suspicious(NumberWarning),
}

/// The value a cell gives its item (`None`: unusable), each thing wrong with it
/// passed to `issue`: the one judgement behind [`check_value`] (which reports the
/// issues) and [`mild_value`] (which takes cells with warnings at most). A sink
/// rather than a list: the quiet path runs for every cell of a large file.
#[inline]
fn assess(catalogue: &Catalogue, id: ItemId, cell: Option<Cell>, mut issue: impl FnMut(Issue)) -> Option<Value> {
    let yes_no = catalogue.items[id.index()].unit_kind == UnitKind::YesNo;
    match cell {
        None => {
            issue(if yes_no { Issue::NotAnAnswer } else { Issue::NotANumber });
            None
        }
        Some(Cell::NotReported) => Some(Value::NotReported),
        Some(Cell::Flag(flag)) if yes_no => Some(Value::Flag(flag)),
        Some(Cell::Flag(_)) => {
            issue(Issue::FlagForNumber);
            None
        }
        Some(Cell::Number { .. }) if yes_no => {
            issue(Issue::NumberForFlag);
            None
        }
        Some(Cell::Number { value, percent }) => {
            number_warnings(catalogue, id, value, percent, |w| issue(Issue::Suspicious(w)));
            Some(Value::Number(value))
        }
    }
}

/// The value of a cell that [`check_value`] would take with at most warnings
/// about the number (no error), and whether there are any: the one-pass readers
/// take such a record on the spot and say its warnings with [`warn_number`].
/// `None` for every other cell.
#[inline]
pub(crate) fn mild_value(catalogue: &Catalogue, id: ItemId, cell: Option<Cell>) -> Option<(Value, bool)> {
    let (mut errors, mut warned) = (false, false);
    let value = assess(catalogue, id, cell, |issue| match issue {
        Issue::Suspicious(_) => warned = true,
        _ => errors = true,
    });
    value.filter(|_| !errors).map(|v| (v, warned))
}

/// Where a value cell is, for a warning said outside a table (the one-pass readers).
pub(crate) struct Place<'a> {
    pub file: &'a str,
    pub column: &'a str,
    /// Spreadsheet-style row.
    pub row: usize,
}

/// The report's kind of each number warning said at one place (one file's value
/// column) so far: a reader that says thousands finds each kind once.
#[derive(Default)]
pub(crate) struct WarnKinds([Option<u32>; 5]);

/// Says the warnings [`check_value`] says of a number kept with them, to the
/// letter: the same kinds, places and problems as the table path's. `known`
/// belongs to `report` and to the one place every call gives.
pub(crate) fn warn_number(
    catalogue: &Catalogue,
    (id, text, value, percent): (ItemId, &str, f64, bool),
    place: &Place<'_>,
    (report, known): (&mut ImportReport, &mut WarnKinds),
) {
    number_warnings(catalogue, id, value, percent, |warning| {
        let site = Site {
            key: warning.key(),
            severity: Severity::Warning,
            file: place.file,
            sheet: None,
            column: Some(place.column),
            row: Some(place.row),
        };
        let make = || Problem {
            severity: Severity::Warning,
            file: place.file.to_string(),
            sheet: None,
            row: Some(place.row),
            column: Some(place.column.to_string()),
            text: Some(text.to_string()),
            message: warning.message(catalogue, id, text, value),
            hint: Some(warning.hint().to_string()),
        };
        match &mut known.0[warning as usize] {
            Some(k) => report.push_of_kind(*k, &site, make),
            slot => *slot = Some(report.push_at(site, make)),
        }
    });
}

/// The value as a [`Value`], or `None` (with an error) when it cannot be used.
/// Suspicious numbers are kept, with a warning.
pub(crate) fn check_value(
    catalogue: &Catalogue,
    table: &RawTable,
    cells: &ObsCells,
    report: &mut ImportReport,
) -> Option<Value> {
    let item = &catalogue.items[cells.item.index()];
    let label = || catalogue.item_label(cells.item);
    // The cell's text is only needed for a problem: most rows never read it.
    let value_text = || table.at(cells.c_value, cells.pos);
    let text = || value_text().unwrap_or("");
    let (cell, format_issue) = as_formatted(catalogue, table, cells);
    let mut issues: Vec<Issue> = format_issue.into_iter().collect();
    let value = assess(catalogue, cells.item, cell, |issue| issues.push(issue));
    let number = match value {
        Some(Value::Number(v)) => v,
        _ => f64::NAN,
    };
    for issue in issues {
        let (key, severity, hint) = match issue {
            Issue::NotANumber => (
                "not a number",
                Severity::Error,
                "write a number such as 12.5 (or 85 %), or NR when not reported",
            ),
            Issue::NotAnAnswer => (
                "not yes or no",
                Severity::Error,
                "write Yes or No (Oui/Non, Sí/No, Ja/Nein, True/False), or NR when not reported",
            ),
            Issue::FlagForNumber => (
                "yes/no for a number",
                Severity::Error,
                "write the number, or NR when not reported",
            ),
            Issue::NumberForFlag => ("number for a yes/no KPI", Severity::Error, "write Yes or No"),
            Issue::Suspicious(warning) => (warning.key(), Severity::Warning, warning.hint()),
        };
        let message = || match issue {
            Issue::NotANumber => format!("'{}' is not a number", clean(text())),
            Issue::NotAnAnswer => format!("'{}' is not yes or no ({} is a yes/no KPI)", clean(text()), label()),
            Issue::FlagForNumber => format!("{} takes a number ({}), not yes/no", label(), item.unit),
            Issue::NumberForFlag => format!("{} is a yes/no KPI", label()),
            Issue::Suspicious(warning) => warning.message(catalogue, cells.item, text(), number),
        };
        let check = Check { key, severity, hint };
        table.report(
            report,
            check,
            (Some(cells.row), Some(cells.c_value)),
            value_text(),
            message,
        );
    }
    value
}

/// The cell as the workbook's number formats say to read it, and what to say
/// of that. A number formatted as a percentage reads as the sheet shows it
/// (`45.2 %`: 45.2), except for an item not measured in %, which gets the
/// number the cell holds (0.452). In a workbook that does not tell its formats
/// (xls, xlsb), a percentage between 0 and 1 may be a fraction shown as a
/// percentage: it is read as written, with a warning.
fn as_formatted(catalogue: &Catalogue, table: &RawTable, cells: &ObsCells) -> (Option<Cell>, Option<Issue>) {
    let kind = catalogue.items[cells.item.index()].unit_kind;
    match (cells.cell, &table.formats) {
        (Some(Cell::Number { percent: true, .. }), CellFormats::Percent(_)) if kind != UnitKind::Percent => {
            match held_number(table, cells.c_value, cells.row) {
                Some(value) => (
                    Some(Cell::Number { value, percent: false }),
                    Some(Issue::Suspicious(NumberWarning::FormattedPercent)),
                ),
                None => (cells.cell, None),
            }
        }
        (Some(Cell::Number { value, percent: false }), CellFormats::Unknown)
            if kind == UnitKind::Percent && value > 0.0 && value < 1.0 =>
        {
            (cells.cell, Some(Issue::Suspicious(NumberWarning::MaybeFraction)))
        }
        _ => (cells.cell, None),
    }
}

/// The number a cell formatted as a percentage holds (a hundredth of the
/// `45.2 %` it shows, moved on paper); `None` for any other cell.
pub(crate) fn held_number(table: &RawTable, column: usize, row: usize) -> Option<f64> {
    if !table.formats.is_percent(column, row) {
        return None;
    }
    let shown = table.cell(column, row)?;
    shift_point(clean(clean(shown).trim_end_matches('%')), -2)?.parse().ok()
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
    /// A number formatted as a percentage for an item not measured in %.
    FormattedPercent,
    /// A percentage between 0 and 1 in a workbook that does not tell its formats.
    MaybeFraction,
}

impl NumberWarning {
    fn key(self) -> &'static str {
        match self {
            NumberWarning::PercentSign => "% sign on a value not in %",
            NumberWarning::OutsidePercent => "percentage outside 0-100",
            NumberWarning::Negative => "negative value that cannot be",
            NumberWarning::FormattedPercent => "percent format on a value not in %",
            NumberWarning::MaybeFraction => "fraction for a percentage?",
        }
    }

    fn hint(self) -> &'static str {
        match self {
            NumberWarning::PercentSign => "check the unit; the number is read without the % sign",
            NumberWarning::OutsidePercent => "check the value; percentages run from 0 to 100",
            NumberWarning::Negative => "check the sign of the value",
            NumberWarning::FormattedPercent => {
                "check the cell's format: format it as a number if the value is not a percentage"
            }
            NumberWarning::MaybeFraction => {
                "write the percentage itself (45.2 for 45.2 %), or save the workbook as .xlsx, whose cell formats cityprofile reads"
            }
        }
    }

    fn message(self, catalogue: &Catalogue, id: ItemId, text: &str, value: f64) -> String {
        let label = catalogue.item_label(id);
        match self {
            NumberWarning::PercentSign => format!(
                "'{}' has a % sign but {label} is measured in {}",
                clean(text),
                catalogue.items[id.index()].unit
            ),
            NumberWarning::OutsidePercent => format!("{value} is outside 0-100 for a percentage ({label})"),
            NumberWarning::Negative => format!("{value} is negative, but {label} cannot be"),
            NumberWarning::FormattedPercent => format!(
                "the cell shows '{}' (formatted as a percentage), but {label} is measured in {}: the number it holds, {value}, is read",
                clean(text),
                catalogue.items[id.index()].unit
            ),
            NumberWarning::MaybeFraction => {
                let shown = shift_point(&value.to_string(), 2).unwrap_or_default();
                format!(
                    "{value} for a percentage ({label}): this workbook format (xls, xlsb) does not say how its cells are formatted; if the sheet shows {shown} %, the cell holds a fraction, and {value} is read"
                )
            }
        }
    }
}

/// What is suspicious about a number for its item: a % sign on a value not
/// measured in %, a percentage outside 0-100, a negative count. Runs for every
/// number of a file, so it writes no text (see [`NumberWarning::message`]).
#[inline]
fn number_warnings(catalogue: &Catalogue, id: ItemId, value: f64, percent: bool, mut warn: impl FnMut(NumberWarning)) {
    let item = &catalogue.items[id.index()];
    if percent && item.unit_kind != UnitKind::Percent && item.unit_kind != UnitKind::Unknown {
        warn(NumberWarning::PercentSign);
    }
    match item.unit_kind.implausible(value) {
        Some(Implausible::OutsidePercent) => warn(NumberWarning::OutsidePercent),
        Some(Implausible::Negative) => warn(NumberWarning::Negative),
        None => {}
    }
}
