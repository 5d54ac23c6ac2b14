//! Targets tables: `kpi, target` plus optional `data_point, worst, direction, city, source`.

use crate::model::{Direction, Target, TargetRule, TargetSet, TargetValue, UnitKind};

use super::cells::{Cell, clean, parse_number, parse_value};
use super::report::{ImportReport, Severity};
use super::resolve::{Culprit, ItemResolver};
use super::table::RawTable;
use super::values::{CITY, KPI};

pub const TARGET: &[&str] = &["target", "benchmark", "target_value"];
const DATA_POINT: &[&str] = &["data_point", "datapoint"];
const WORST: &[&str] = &["worst", "worst_value", "lower_bound"];
const DIRECTION: &[&str] = &["direction", "better"];
const SOURCE: &[&str] = &["source", "target_source", "reference", "provenance"];

/// Reads a targets table into `set`; returns the number of rules loaded.
pub fn read_targets(
    table: &RawTable,
    resolver: &mut ItemResolver<'_>,
    set: &mut TargetSet,
    report: &mut ImportReport,
) -> usize {
    let (Some(c_kpi), Some(c_target)) = (table.find_column(KPI), table.find_column(TARGET)) else {
        return 0;
    };
    let [c_dp, c_worst, c_dir, c_city, c_source] =
        [DATA_POINT, WORST, DIRECTION, CITY, SOURCE].map(|names| table.find_column(names));
    let catalogue = resolver.catalogue();
    let mut loaded = 0;
    for row in 0..table.height {
        let cell = |c: Option<usize>| c.and_then(|c| table.cell(c, row)).map(clean).filter(|t| !t.is_empty());
        let (kpi_text, target_text) = (table.cell(c_kpi, row), table.cell(c_target, row));
        if kpi_text.is_none() && target_text.is_none() {
            continue;
        }
        let error = |column: Option<usize>, text: Option<&str>, message: String, hint: &str| {
            table.problem(Severity::Error, Some(row), column, text, message, hint)
        };
        let item = match resolver.resolve(kpi_text.unwrap_or(""), cell(c_dp)) {
            Ok((item, warning)) => {
                // The row is usable, but the caveat (e.g. a data point given for a
                // KPI without data points) belongs in the report.
                if let Some(w) = warning {
                    report.push(table.problem(Severity::Warning, Some(row), c_dp, cell(c_dp), w.message, &w.hint));
                }
                item
            }
            Err(p) => {
                let (column, text) = if p.culprit == Culprit::Kpi {
                    (Some(c_kpi), kpi_text)
                } else {
                    (c_dp.or(Some(c_kpi)), cell(c_dp))
                };
                report.push(error(column, text, p.message, &p.hint));
                continue;
            }
        };
        let yes_no = catalogue.items[item.0].unit_kind == UnitKind::YesNo;
        let value = match (parse_value(target_text.unwrap_or(""), table.decimal_comma), yes_no) {
            (Some(Cell::Number { value, .. }), false) => TargetValue::Number(value),
            (Some(Cell::Flag(flag)), true) => TargetValue::Flag(flag),
            (Some(Cell::NotReported), _) => {
                report.push(error(
                    Some(c_target),
                    target_text,
                    "the target is missing".into(),
                    "write the value that counts as 100 % of target, or remove the row",
                ));
                continue;
            }
            (Some(Cell::Number { .. }), true) => {
                report.push(error(
                    Some(c_target),
                    target_text,
                    format!("{} is a yes/no KPI", catalogue.item_label(item)),
                    "write Yes or No as its target",
                ));
                continue;
            }
            _ => {
                report.push(error(
                    Some(c_target),
                    target_text,
                    format!(
                        "'{}' is not a usable target for {}",
                        clean(target_text.unwrap_or("")),
                        catalogue.item_label(item)
                    ),
                    "write a number such as 60",
                ));
                continue;
            }
        };
        let worst = match cell(c_worst).map(|t| (t, parse_number(t.trim_end_matches('%'), table.decimal_comma))) {
            None => None,
            Some((_, Some(w))) => Some(w),
            Some((t, None)) => {
                report.push(error(
                    c_worst,
                    Some(t),
                    format!("worst value '{t}' is not a number"),
                    "write a number, or leave it empty",
                ));
                continue;
            }
        };
        let direction = match cell(c_dir).map(|t| (t, Direction::parse(t))) {
            None | Some((_, Some(Direction::None))) => None,
            Some((_, Some(d))) => Some(d),
            Some((t, None)) => {
                report.push(error(
                    c_dir,
                    Some(t),
                    format!("unknown direction '{t}'"),
                    "write higher, lower or target",
                ));
                continue;
            }
        };
        let source = cell(c_source).map_or_else(
            || format!("{} row {}", table.file, table.row_number(row)),
            str::to_string,
        );
        let target = Target {
            value,
            worst,
            direction,
            source,
            origin: Some(table.row_ref(row)),
        };
        if let Err(reason) = target.check(catalogue.items[item.0].direction) {
            report.push(error(
                Some(c_target),
                target_text,
                format!("target for {} cannot be used: {reason}", catalogue.item_label(item)),
                "fix the target, worst or direction",
            ));
            continue;
        }
        set.insert(TargetRule {
            item,
            city: cell(c_city).map(str::to_string),
            target,
        });
        loaded += 1;
    }
    loaded
}
