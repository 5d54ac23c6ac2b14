//! `cityprofile catalogue`: every KPI and data point with the target in force.

use std::io::Write;

use anyhow::Result;
use serde_json::{Value as Json, json};

use super::score_cmd::{load, write_table};
use super::{ExitCode, TableFormat};
use crate::export::csv_out::{CsvCell, write_rows};
use crate::model::TargetValue;
use crate::workspace::{Sources, Workspace};

/// `cityprofile catalogue`: every item with its default target.
pub(crate) fn run(sources: &Sources, format: TableFormat, out: &mut dyn Write) -> Result<ExitCode> {
    let ws = load(sources)?;
    let rows: Vec<Vec<Json>> = ws
        .catalogue
        .items_in_order()
        .into_iter()
        .map(|id| catalogue_row(&ws, id))
        .collect();
    match format {
        TableFormat::Json => {
            let objects: Vec<Json> = rows
                .iter()
                .map(|r| {
                    Json::Object(
                        CATALOGUE_KEYS
                            .iter()
                            .map(|k| k.to_string())
                            .zip(r.iter().cloned())
                            .collect(),
                    )
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&objects)?)?;
        }
        TableFormat::Csv => {
            let cells = rows.iter().map(|r| r.iter().map(CsvCell::from).collect());
            write_rows(out, &CATALOGUE_KEYS, cells)?;
        }
        TableFormat::Table => write_table(&CATALOGUE_KEYS, &rows, out)?,
    }
    Ok(0)
}

const CATALOGUE_KEYS: [&str; 12] = [
    "kpi",
    "data_point",
    "name",
    "dimension",
    "subdimension",
    "category",
    "type",
    "unit",
    "direction",
    "default_target",
    "target_source",
    "target_set",
];

/// One item of the catalogue with its place, unit, direction and default target.
fn catalogue_row(ws: &Workspace, id: crate::model::ItemId) -> Vec<Json> {
    let c = &ws.catalogue;
    let (kpi, item) = (c.kpi_of(id), &c.items[id.index()]);
    let (cat, sub, dim) = c.parents_of(id);
    let target = ws.targets.get(id, "");
    vec![
        json!(kpi.code),
        json!(item.data_point),
        json!(kpi.name),
        json!(c.dimensions[dim.0].name),
        json!(c.subdimensions[sub.0].name),
        json!(c.categories[cat.0].name),
        json!(if kpi.core { "core" } else { "advanced" }),
        json!(item.unit),
        json!(item.direction.as_str()),
        target.map_or(Json::Null, |t| match t.value {
            TargetValue::Number(v) => json!(v),
            TargetValue::Flag(f) => json!(if f { "Yes" } else { "No" }),
        }),
        json!(target.map(|t| t.source.as_str())),
        json!(ws.scoring.set.key()),
    ]
}
