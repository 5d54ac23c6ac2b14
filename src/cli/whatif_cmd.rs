//! `cityprofile whatif`: a city scored with hypothetical values, and what they change.

use std::io::Write;

use anyhow::{Context, Result, bail};
use serde_json::{Value as Json, json};

use super::score_cmd::{find_city, load, title, write_table};
use super::{ExitCode, OutputFormat, WhatifArgs};
use crate::model::{Catalogue, ItemId, KpiMatch, TargetValue, Value};
use crate::score::{AggregateState, Comparison, ItemState, Lookup, Overrides, compare, next_bands, score_lookup};

pub(crate) fn run(sources: &crate::workspace::Sources, args: &WhatifArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let ws = load(sources)?;
    let city = find_city(&ws, &args.city, args.year)?;
    let targets = ws.targets_for(city, args.year);
    let lookup = Lookup::new(&ws.catalogue, &ws.dataset, &targets, city, args.year);
    let mut overrides = Overrides::new();
    for set in &args.sets {
        let (item, value) = parse_set(&ws.catalogue, &lookup, set).with_context(|| format!("--set \"{set}\""))?;
        overrides.insert(item, value);
    }
    let before = score_lookup(&ws.catalogue, &lookup, &Overrides::new());
    let name = &ws.dataset.cities[city.index()].name;
    if overrides.is_empty() {
        let next = next_bands(&ws.catalogue, &before, 2);
        let head = format!("{} - next bands\nTargets: {}", title(&ws, &before), before.targets);
        super::next_bands_cmd::write(&ws.catalogue, (name, before.year, &head), &next, args.format, out)?;
        return Ok(0);
    }
    let after = score_lookup(&ws.catalogue, &lookup, &overrides);
    let diff = compare(&before, &after);
    let c = &ws.catalogue;
    match args.format {
        OutputFormat::Json => {
            let doc = json!({
                "city": name,
                "year": before.year,
                "items": diff.items.iter().map(|i| json!({
                    "kpi": c.kpi_of(i.item).code,
                    "data_point": c.items[i.item.index()].data_point,
                    "before": item_json(&i.before),
                    "after": item_json(&i.after),
                })).collect::<Vec<_>>(),
                "aggregates": diff.aggregates.iter().map(|a| json!({
                    "level": a.level.as_str(),
                    "name": a.name,
                    "before": aggregate_json(&a.before),
                    "after": aggregate_json(&a.after),
                })).collect::<Vec<_>>(),
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
        }
        OutputFormat::Table => {
            writeln!(out, "{} - what if", title(&ws, &before))?;
            writeln!(out, "Targets: {}", after.targets)?;
            write_tables(c, &diff, out)?;
        }
    }
    Ok(0)
}

const ITEM_COLUMNS: [&str; 8] = [
    "kpi",
    "data_point",
    "value",
    "new_value",
    "achievement_pct",
    "new_pct",
    "band",
    "new_band",
];
const AGG_COLUMNS: [&str; 8] = [
    "level",
    "name",
    "score_pct",
    "new_pct",
    "band",
    "new_band",
    "points",
    "new_points",
];

fn write_tables(c: &Catalogue, diff: &Comparison, out: &mut dyn Write) -> std::io::Result<()> {
    let band = |b: Option<crate::score::Band>| json!(b.map_or("-", |b| b.key()));
    let items: Vec<Vec<Json>> = diff
        .items
        .iter()
        .map(|i| {
            vec![
                json!(c.kpi_of(i.item).code),
                json!(c.items[i.item.index()].data_point),
                json!(i.before.value.display()),
                json!(i.after.value.display()),
                json!(i.before.pct),
                json!(i.after.pct),
                band(i.before.band),
                band(i.after.band),
            ]
        })
        .collect();
    write_table(&ITEM_COLUMNS, &items, out)?;
    writeln!(out)?;
    if diff.aggregates.is_empty() {
        return writeln!(out, "No category, sub-dimension or dimension score changes.");
    }
    let aggregates: Vec<Vec<Json>> = diff
        .aggregates
        .iter()
        .map(|a| {
            vec![
                json!(a.level.as_str()),
                json!(a.name),
                json!(a.before.score_pct),
                json!(a.after.score_pct),
                band(a.before.band),
                band(a.after.band),
                json!(format!("{} of {}", a.before.points, a.before.max_points)),
                json!(format!("{} of {}", a.after.points, a.after.max_points)),
            ]
        })
        .collect();
    write_table(&AGG_COLUMNS, &aggregates, out)
}

fn value_json(value: Value) -> Json {
    match value {
        Value::Number(v) => json!(v),
        Value::Flag(_) => json!(value.display()),
        Value::NotReported => Json::Null,
    }
}

fn item_json(state: &ItemState) -> Json {
    json!({
        "value": value_json(state.value),
        "achievement_pct": state.pct,
        "band": state.band.map(|b| b.key()),
        "points": state.points(),
    })
}

fn aggregate_json(state: &AggregateState) -> Json {
    json!({"score_pct": state.score_pct, "band": state.band.map(|b| b.key()), "points": state.points})
}

/// `KPI=VALUE` or `KPI=DATA_POINT=VALUE`: the last `=` starts the value.
pub(super) fn parse_set(catalogue: &Catalogue, lookup: &Lookup, text: &str) -> Result<(ItemId, Value)> {
    let Some((reference, value)) = text.rsplit_once('=') else {
        bail!("write KPI=VALUE or KPI=DATA_POINT=VALUE");
    };
    let (kpi, data_point) = match reference.split_once('=') {
        Some((kpi, point)) => (kpi.trim(), Some(point.trim())),
        None => (reference.trim(), None),
    };
    let item = find_item(catalogue, kpi, data_point)?;
    let value = parse_value(value)?;
    // A number for a yes/no KPI (or the reverse) would only say "no benchmark".
    let target = lookup.targets.get(item.index()).and_then(Option::as_deref);
    match (value, target.map(|t| t.value)) {
        (Value::Number(_), Some(TargetValue::Flag(_))) => bail!("{kpi} is a yes/no KPI: give yes or no"),
        (Value::Flag(_), Some(TargetValue::Number(_))) => bail!("{kpi} takes a number, not yes/no"),
        _ => Ok((item, value)),
    }
}

fn parse_value(text: &str) -> Result<Value> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("nr") || text.eq_ignore_ascii_case("not reported") {
        return Ok(Value::NotReported);
    }
    if let Ok(number) = text.parse::<f64>() {
        if !number.is_finite() {
            bail!("'{text}' is not a finite number");
        }
        return Ok(Value::Number(number));
    }
    match crate::import::parse_flag(text) {
        Some(flag) => Ok(Value::Flag(flag)),
        None if text.is_empty() => bail!("the value is missing"),
        None => bail!("'{text}' is neither a number, yes/no nor NR"),
    }
}

fn find_item(catalogue: &Catalogue, kpi: &str, data_point: Option<&str>) -> Result<ItemId> {
    let c = catalogue;
    let points_of = |k: crate::model::KpiId| {
        let names: Vec<&str> = c.kpis[k.0]
            .items
            .iter()
            .filter_map(|i| c.items[i.index()].data_point.as_deref())
            .collect();
        names.join(", ")
    };
    let found = match data_point {
        Some(point) => c.find_kpi(kpi).map(KpiMatch::Kpi).map(|m| (m, Some(point))),
        None => c.find_kpi_or_item(kpi).map(|m| (m, None)),
    };
    match found {
        Some((KpiMatch::Item(item), _)) => Ok(item),
        Some((KpiMatch::Kpi(k), Some(point))) => c.find_data_point(k, point).with_context(|| {
            format!(
                "{} has no data point '{point}'; its data points: {}",
                c.kpis[k.0].code,
                points_of(k)
            )
        }),
        Some((KpiMatch::Kpi(k), None)) if c.kpis[k.0].items.len() == 1 => Ok(c.kpis[k.0].items[0]),
        Some((KpiMatch::Kpi(k), None)) => bail!(
            "{} is reported per data point: write {}=DATA_POINT=VALUE (data points: {})",
            c.kpis[k.0].code,
            c.kpis[k.0].code,
            points_of(k)
        ),
        None => {
            let hint = c
                .suggest_kpi(kpi)
                .map(|k| format!("; did you mean {} ({})?", c.kpis[k.0].code, c.kpis[k.0].name))
                .unwrap_or_default();
            bail!("unknown KPI '{kpi}'{hint}")
        }
    }
}
