//! `cityprofile whatif` without `--set`: for every scored item, the value at
//! which it reaches its next band and the one above.

use std::io::Write;

use anyhow::Result;
use serde_json::{Value as Json, json};

use super::OutputFormat;
use super::score_cmd::write_table;
use crate::model::{Catalogue, Value, format_number};
use crate::score::{BandStep, NextBands};

const COLUMNS: [&str; 9] = [
    "kpi",
    "data_point",
    "value",
    "band",
    "next_band",
    "next_band_value",
    "change",
    "then_band",
    "then_value",
];

/// Writes the next bands of a city's scored items (`head`: the title lines of the table).
pub(super) fn write(
    c: &Catalogue,
    (city, year, head): (&str, Option<i32>, &str),
    next: &[NextBands],
    format: OutputFormat,
    out: &mut dyn Write,
) -> Result<()> {
    match format {
        OutputFormat::Json => {
            let doc = json!({
                "city": city,
                "year": year,
                "next_bands": next.iter().map(|n| json!({
                    "kpi": c.kpi_of(n.item).code,
                    "data_point": c.items[n.item.index()].data_point,
                    "value": value_json(n.value),
                    "band": n.band.key(),
                    "steps": n.steps.iter().map(step_json).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
        }
        OutputFormat::Table => {
            writeln!(out, "{head}")?;
            let rows: Vec<Vec<Json>> = next.iter().map(|n| row(c, n)).collect();
            write_table(&COLUMNS, &rows, out)?;
        }
    }
    Ok(())
}

fn row(c: &Catalogue, n: &NextBands) -> Vec<Json> {
    let (first, second) = (n.steps.first(), n.steps.get(1));
    let change = first.map_or_else(String::new, |s| match (s.change, s.relative_change) {
        (Some(change), Some(relative)) => format!("{} ({:+.1} %)", signed(change), 100.0 * relative),
        (Some(change), None) => signed(change),
        (None, _) => "flip".to_string(),
    });
    vec![
        json!(c.kpi_of(n.item).code),
        json!(c.items[n.item.index()].data_point),
        json!(n.value.display()),
        json!(n.band.key()),
        json!(first.map_or("-", |s| s.band.key())),
        json!(first.map_or_else(|| "-".to_string(), |s| s.value.display())),
        json!(change),
        json!(second.map_or("-", |s| s.band.key())),
        json!(second.map_or_else(|| "-".to_string(), |s| s.value.display())),
    ]
}

fn signed(change: f64) -> String {
    let sign = if change < 0.0 { "-" } else { "+" };
    format!("{sign}{}", format_number(change.abs()))
}

fn step_json(step: &BandStep) -> Json {
    json!({
        "band": step.band.key(),
        "value": value_json(step.value),
        "change": step.change,
        "relative_change": step.relative_change,
    })
}

fn value_json(value: Value) -> Json {
    match value {
        Value::Number(v) => json!(v),
        Value::Flag(_) => json!(value.display()),
        Value::NotReported => Json::Null,
    }
}
