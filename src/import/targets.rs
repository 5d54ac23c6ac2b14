//! Targets tables: `kpi, target` plus optional `data_point, worst, direction, city, source`.

use crate::model::{Direction, ItemId, Target, TargetRule, TargetSet, TargetValue, UnitKind};

use super::cells::{Cell, clean, parse_number, parse_value, shift_point};
use super::checks::held_number;
use super::problem::{Problem, Severity};
use super::report::ImportReport;
use super::resolve::{Culprit, ItemResolver};
use super::table::{CellFormats, RawTable, TableRow};
use super::words::{CITY, DATA_POINT, KPI, TARGET};

const WORST: &[&str] = &["worst", "worst_value", "lower_bound"];
const DIRECTION: &[&str] = &["direction", "better"];
const SOURCE: &[&str] = &["source", "target_source", "reference", "provenance"];

/// The columns of a targets table.
struct Columns {
    kpi: usize,
    target: usize,
    data_point: Option<usize>,
    worst: Option<usize>,
    direction: Option<usize>,
    city: Option<usize>,
    source: Option<usize>,
}

/// One row being read, and the table's columns.
struct RowCtx<'t> {
    at: TableRow<'t>,
    cols: &'t Columns,
}

impl<'t> RowCtx<'t> {
    fn cell(&self, column: Option<usize>) -> Option<&'t str> {
        self.at.cell(column)
    }

    fn error(&self, column: Option<usize>, text: Option<&str>, message: String, hint: &str) -> Problem {
        self.at.problem(Severity::Error, column, text, message, hint)
    }
}

/// Reads a targets table into `set`; returns the number of rules loaded. A bad
/// row is reported and left out; the others load.
pub(crate) fn read_targets(
    table: &RawTable,
    resolver: &mut ItemResolver<'_>,
    set: &mut TargetSet,
    report: &mut ImportReport,
) -> usize {
    let (Some(kpi), Some(target)) = (table.find_column(KPI), table.find_column(TARGET)) else {
        return 0;
    };
    let [data_point, worst, direction, city, source] =
        [DATA_POINT, WORST, DIRECTION, CITY, SOURCE].map(|names| table.find_column(names));
    let cols = Columns {
        kpi,
        target,
        data_point,
        worst,
        direction,
        city,
        source,
    };
    let mut loaded = 0;
    for row in 0..table.height {
        if table.cell(kpi, row).is_none() && table.cell(target, row).is_none() {
            continue;
        }
        let at = RowCtx {
            at: TableRow { table, row },
            cols: &cols,
        };
        match read_rule(&at, resolver, report) {
            Ok(rule) => {
                set.insert(rule);
                loaded += 1;
            }
            Err(problem) => report.push(problem),
        }
    }
    loaded
}

/// One row's rule, or the problem that leaves the row out (warnings go to `report`).
fn read_rule(
    at: &RowCtx<'_>,
    resolver: &mut ItemResolver<'_>,
    report: &mut ImportReport,
) -> Result<TargetRule, Problem> {
    let (cols, catalogue) = (at.cols, resolver.catalogue());
    let kpi_text = at.at.table.cell(cols.kpi, at.at.row);
    let item = match resolver.resolve(kpi_text.unwrap_or(""), at.cell(cols.data_point)) {
        Ok((item, warning)) => {
            // The row is usable, but the caveat (e.g. a data point given for a
            // KPI without data points) belongs in the report.
            if let Some(w) = warning {
                let text = at.cell(cols.data_point);
                report.push(at.at.table.problem(
                    Severity::Warning,
                    Some(at.at.row),
                    cols.data_point,
                    text,
                    w.message,
                    &w.hint,
                ));
            }
            item
        }
        Err(p) if p.culprit == Culprit::Kpi => return Err(at.error(Some(cols.kpi), kpi_text, p.message, &p.hint)),
        Err(p) => {
            let column = cols.data_point.or(Some(cols.kpi));
            return Err(at.error(column, at.cell(cols.data_point), p.message, &p.hint));
        }
    };
    let mut target = Target {
        value: target_value(at, catalogue, item)?,
        worst: worst_value(at)?,
        direction: direction(at)?,
        source: at.cell(cols.source).map_or_else(
            || format!("{} row {}", at.at.table.file, at.at.table.row_number(at.at.row)),
            str::to_string,
        ),
        origin: Some(at.at.table.row_ref(at.at.row)),
        kind: crate::model::TargetKind::Own,
    };
    as_formatted(at, catalogue, item, &mut target, report);
    if let Err(reason) = target.check(catalogue.items[item.index()].direction) {
        let message = format!("target for {} cannot be used: {reason}", catalogue.item_label(item));
        let text = at.at.table.cell(cols.target, at.at.row);
        return Err(at.error(Some(cols.target), text, message, "fix the target, worst or direction"));
    }
    Ok(TargetRule {
        item,
        city: at.cell(cols.city).map(str::to_string),
        target,
    })
}

/// The target: a number, or Yes/No for a yes/no KPI.
fn target_value(at: &RowCtx<'_>, catalogue: &crate::model::Catalogue, item: ItemId) -> Result<TargetValue, Problem> {
    let text = at.at.table.cell(at.cols.target, at.at.row);
    let column = Some(at.cols.target);
    let yes_no = catalogue.items[item.index()].unit_kind == UnitKind::YesNo;
    match (parse_value(text.unwrap_or(""), at.at.table.decimal_comma), yes_no) {
        (Some(Cell::Number { value, .. }), false) => Ok(TargetValue::Number(value)),
        (Some(Cell::Flag(flag)), true) => Ok(TargetValue::Flag(flag)),
        (Some(Cell::NotReported), _) => Err(at.error(
            column,
            text,
            "the target is missing".into(),
            "write the value that counts as 100 % of target, or remove the row",
        )),
        (Some(Cell::Number { .. }), true) => {
            let message = format!("{} is a yes/no KPI", catalogue.item_label(item));
            Err(at.error(column, text, message, "write Yes or No as its target"))
        }
        _ => {
            let shown = clean(text.unwrap_or(""));
            let message = format!("'{shown}' is not a usable target for {}", catalogue.item_label(item));
            Err(at.error(column, text, message, "write a number such as 60"))
        }
    }
}

/// A target or worst value formatted as a percentage reads as the sheet shows
/// it for a KPI measured in %, and as the number it holds for others (said),
/// as values do (`checks::as_formatted`); in a workbook that does not tell its
/// formats, a target between 0 and 1 for a percentage is said too.
fn as_formatted(
    at: &RowCtx<'_>,
    catalogue: &crate::model::Catalogue,
    item: ItemId,
    target: &mut Target,
    report: &mut ImportReport,
) {
    let (table, row) = (at.at.table, at.at.row);
    let percent = catalogue.items[item.index()].unit_kind == UnitKind::Percent;
    let label = catalogue.item_label(item);
    let say = |report: &mut ImportReport, column: Option<usize>, message: String, hint: &str| {
        let text = column.and_then(|c| table.cell(c, row));
        report.push(at.at.problem(Severity::Warning, column, text, message, hint));
    };
    let hint = "check the cell's format: format it as a number if the value is not a percentage";
    if let (false, Some(held)) = (percent, held_number(table, at.cols.target, row)) {
        target.value = TargetValue::Number(held);
        let message = format!(
            "the target is formatted as a percentage, but {label} is not measured in %: the number it holds, {held}, is read"
        );
        say(report, Some(at.cols.target), message, hint);
    }
    if let (false, Some(c), Some(_)) = (percent, at.cols.worst, target.worst)
        && let Some(held) = held_number(table, c, row)
    {
        target.worst = Some(held);
        let message = format!(
            "the worst value is formatted as a percentage, but {label} is not measured in %: the number it holds, {held}, is read"
        );
        say(report, Some(c), message, hint);
    }
    if let (true, CellFormats::Unknown, TargetValue::Number(v)) = (percent, &table.formats, target.value)
        && v > 0.0
        && v < 1.0
    {
        let shown = shift_point(&v.to_string(), 2).unwrap_or_default();
        let message = format!(
            "target {v} for a percentage ({label}): this workbook format (xls, xlsb) does not say how its cells are formatted; if the sheet shows {shown} %, the cell holds a fraction, and {v} is read"
        );
        let hint = "write the percentage itself, or save the workbook as .xlsx";
        say(report, Some(at.cols.target), message, hint);
    }
}

/// The optional worst value (0 % of target).
fn worst_value(at: &RowCtx<'_>) -> Result<Option<f64>, Problem> {
    let Some(text) = at.cell(at.cols.worst) else {
        return Ok(None);
    };
    match parse_number(text.trim_end_matches('%'), at.at.table.decimal_comma) {
        Some(w) => Ok(Some(w)),
        None => {
            let message = format!("worst value '{text}' is not a number");
            Err(at.error(at.cols.worst, Some(text), message, "write a number, or leave it empty"))
        }
    }
}

/// The optional direction that overrides the catalogue's.
fn direction(at: &RowCtx<'_>) -> Result<Option<Direction>, Problem> {
    let Some(text) = at.cell(at.cols.direction) else {
        return Ok(None);
    };
    match Direction::parse(text) {
        Some(Direction::None) => Ok(None),
        Some(d) => Ok(Some(d)),
        None => {
            let message = format!("unknown direction '{text}'");
            Err(at.error(at.cols.direction, Some(text), message, "write higher, lower or target"))
        }
    }
}

/// One target as typed in the app's editor (and kept in an analysis file), by
/// the column names of a targets file; empty = not given.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct TargetFields {
    /// The KPI's code or name.
    pub kpi: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub data_point: String,
    /// The target: a number as text (in full, so that it reads back the same), or Yes/No.
    pub target: String,
    /// The value that counts as 0 % of target.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub worst: String,
    /// higher, lower or target (over the catalogue's direction).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub direction: String,
    /// The one city the target is for (empty: every city).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub city: String,
    /// Where the target comes from.
    pub source: String,
}

/// Reads one target exactly as a row of a targets file would be read: the rule,
/// or the importer's message (with its hint) for the first problem.
pub(crate) fn read_target_fields(
    catalogue: &crate::model::Catalogue,
    fields: &TargetFields,
) -> Result<TargetRule, String> {
    let file: std::sync::Arc<str> = std::sync::Arc::from("target editor");
    let cells = [
        ("kpi", &fields.kpi),
        ("data_point", &fields.data_point),
        ("target", &fields.target),
        ("worst", &fields.worst),
        ("direction", &fields.direction),
        ("city", &fields.city),
        ("source", &fields.source),
    ];
    let headers = cells.iter().map(|(h, _)| (*h).to_string()).collect();
    let columns = cells
        .iter()
        .map(|(_, v)| vec![Some((*v).clone()).filter(|v| !v.trim().is_empty())])
        .collect();
    let table = RawTable::from_cells(&file, None, headers, columns, 1);
    let mut resolver = ItemResolver::new(catalogue);
    let mut set = TargetSet::default();
    let mut report = ImportReport::default();
    read_targets(&table, &mut resolver, &mut set, &mut report);
    if let Some(problem) = report.problems.iter().find(|p| p.severity == Severity::Error) {
        let hint = problem.hint.as_deref().map(|h| format!(" ({h})")).unwrap_or_default();
        return Err(format!("{}{hint}", problem.message));
    }
    let mut rules = set.rules();
    match rules.pop() {
        Some(mut rule) if rules.is_empty() => {
            rule.target.origin = None;
            Ok(rule)
        }
        _ => Err("the kpi and the target are required".into()),
    }
}

/// The edits as a target set, each read as a row of a targets file; one that is
/// refused now (another catalogue) is a warning, not in force.
pub(crate) fn read_edits(
    catalogue: &crate::model::Catalogue,
    rows: &[TargetFields],
    report: &mut ImportReport,
) -> TargetSet {
    let mut edits = TargetSet::default();
    for row in rows {
        match read_target_fields(catalogue, row) {
            Ok(rule) => edits.insert(rule),
            Err(e) => report.push(Problem::file(
                Severity::Warning,
                "target edits",
                format!("the edited target of {} is left out: {e}", row.kpi),
                "edit it again in the Targets view",
            )),
        }
    }
    edits
}
