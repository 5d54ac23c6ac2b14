//! `cityprofile plan`: what it would take to lift an aggregate into a band.

use std::io::Write;

use anyhow::{Context, Result, anyhow};
use serde_json::{Value as Json, json};

use super::score_cmd::{find_city, load, title, write_table};
use super::{BandArg, ExitCode, LevelArg, OutputFormat, PlanArgs};
use crate::model::{Catalogue, ItemId, Value};
use crate::score::{Band, Level, Plan, plan};

pub(crate) fn run(sources: &crate::workspace::Sources, args: &PlanArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let ws = load(sources)?;
    let city = find_city(&ws, &args.city, args.year)?;
    let level = match args.level {
        LevelArg::Category => Level::Category,
        LevelArg::Subdimension => Level::Subdimension,
        LevelArg::Dimension => Level::Dimension,
        LevelArg::Overall => Level::Overall,
    };
    let wanted = match args.band {
        BandArg::From33To66 => Band::From33To66,
        BandArg::From66To95 => Band::From66To95,
        BandArg::From95 => Band::From95,
    };
    let c = &ws.catalogue;
    let index = crate::score::index::find_aggregate(c, level, args.name.as_deref().unwrap_or("Overall"))
        .map_err(|e| anyhow!(e))
        .context("--name")?;
    let profile = ws.profile(city, args.year);
    let plan = plan(c, &profile, level, index, wanted).context("no such aggregate in the profile")?;
    match args.format {
        OutputFormat::Json => {
            let doc = json!({
                "city": ws.dataset.cities[city.index()].name,
                "year": profile.year,
                "level": level.as_str(),
                "name": plan.name,
                "band": wanted.key(),
                "points": plan.points,
                "max_points": plan.max_points,
                "needed_points": plan.needed_points,
                "steps": plan.steps,
                "reachable": plan.reachable,
                "items": plan.changes.iter().map(|s| json!({
                    "kpi": c.kpi_of(s.item).code,
                    "data_point": c.items[s.item.index()].data_point,
                    "value": value_json(s.value),
                    "next_band_value": value_json(s.next_band_value),
                    "relative_change": s.relative_change,
                })).collect::<Vec<_>>(),
                "unscored": plan.unplanned.iter().map(|(item, why)| json!({
                    "kpi": c.kpi_of(*item).code,
                    "data_point": c.items[item.index()].data_point,
                    "reason": why.key(),
                })).collect::<Vec<_>>(),
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
        }
        OutputFormat::Table => {
            writeln!(out, "{} - what it would take", title(&ws, &profile))?;
            writeln!(out, "Targets: {}", profile.targets)?;
            write_plan(c, &plan, out)?;
        }
    }
    Ok(0)
}

fn value_json(value: Value) -> Json {
    match value {
        Value::Number(v) => json!(v),
        Value::Flag(_) => json!(value.display()),
        Value::NotReported => Json::Null,
    }
}

fn label(c: &Catalogue, item: ItemId) -> String {
    match &c.items[item.index()].data_point {
        Some(point) => format!("{} {point}", c.kpi_of(item).code),
        None => c.kpi_of(item).code.clone(),
    }
}

fn write_plan(c: &Catalogue, plan: &Plan, out: &mut dyn Write) -> std::io::Result<()> {
    let name = match plan.level {
        Level::Overall => "Overall".to_string(),
        level => format!("{} {}", level.as_str(), plan.name),
    };
    let now = crate::score::aggregate_pct(plan.points, plan.max_points / 4).map_or_else(
        || "no score".to_string(),
        |p| format!("{} %", crate::model::format_number(p)),
    );
    writeln!(
        out,
        "{name}: {} of {} points ({now}); reaching {} takes {}",
        plan.points,
        plan.max_points,
        plan.wanted.label(),
        crate::model::counted(plan.needed_points as usize, "more point"),
    )?;
    if plan.needed_points == 0 && plan.reachable {
        return writeln!(out, "Already in the band: nothing to change.");
    }
    let steps = crate::model::counted(plan.steps as usize, "band step");
    if plan.reachable {
        writeln!(
            out,
            "Fewest changes: {steps}, each where the smallest change from today's value does it:"
        )?;
    } else {
        writeln!(
            out,
            "Not reachable by the scored items alone ({steps} needed); every step they can give:"
        )?;
    }
    let rows: Vec<Vec<Json>> = plan
        .changes
        .iter()
        .map(|s| {
            vec![
                json!(label(c, s.item)),
                json!(s.value.display()),
                json!(s.next_band_value.display()),
                json!(s.band.key()),
                json!(s.relative_change.map_or("-".into(), |r| format!("{:+.1} %", 100.0 * r))),
            ]
        })
        .collect();
    write_table(
        &["item", "value", "next_band_value", "band", "relative_change"],
        &rows,
        out,
    )?;
    if !plan.unplanned.is_empty() {
        writeln!(
            out,
            "\nNot scored or without a target ({}): scored, each adds its points and 4 max points, so it helps only in the band wanted or above:",
            plan.unplanned.len(),
        )?;
        for (item, why) in &plan.unplanned {
            writeln!(out, "  {} ({})", label(c, *item), why.key().replace('_', " "))?;
        }
    }
    Ok(())
}
