//! `cityprofile score` and `cityprofile catalogue`.

use std::io::Write;

use anyhow::{Result, bail};
use serde_json::{Value as Json, json};

use super::validate_cmd::write_text;
use super::{ExitCode, TableFormat};
use crate::export::csv_out::{CsvCell, write_rows};
use crate::import::cache::CacheUse;
use crate::model::{Catalogue, CityId, Quality, TargetValue, Value, format_number};
use crate::score::{AggregateScore, Basis, ItemScore, Profile, Trend, item_trend};
use crate::workspace::{Sources, Workspace, WorkspaceError};

const ITEM_KEYS: [&str; 16] = [
    "kpi",
    "data_point",
    "name",
    "value",
    "unit",
    "year",
    "target",
    "target_source",
    "achievement_pct",
    "band",
    "points",
    "band_source",
    "quality",
    "verified",
    "trend",
    "projected_year",
];
const AGG_KEYS: [&str; 9] = [
    "level",
    "name",
    "points",
    "max_points",
    "score_pct",
    "band",
    "scored",
    "reported",
    "total",
];

/// Says on standard error when the data came from the import cache.
pub(super) fn note_cache_use(from: CacheUse) {
    if from == CacheUse::Cache {
        say!("note: read from the import cache (the inputs are unchanged); --no-cache reads them again");
    }
}

pub(super) fn load(sources: &Sources) -> Result<Workspace> {
    match Workspace::load(sources, &mut |_, _, _| {}) {
        Ok(ws) => {
            note_cache_use(ws.data_from);
            // Data that say two things at once are not scored at all.
            if let Some(stop) = ws.report.stop() {
                let stop = stop.to_string();
                let stop = stop.strip_prefix("error: ").unwrap_or(&stop);
                bail!("{stop}\nnothing is scored until the data say which is meant");
            }
            if ws.report.has_errors() {
                say!(
                    "note: the data have {}; those rows are left out (run `cityprofile validate` for details)",
                    crate::model::counted(ws.report.error_count(), "error")
                );
            }
            Ok(ws)
        }
        Err(WorkspaceError::Catalogue(report)) => {
            let mut text = Vec::new();
            write_text(&report, &mut text)?;
            bail!("the catalogue could not be loaded:\n{}", String::from_utf8_lossy(&text))
        }
    }
}

pub(crate) fn run(
    sources: &Sources,
    city: &str,
    year: Option<i32>,
    format: TableFormat,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let ws = load(sources)?;
    let city_id = find_city(&ws, city, year)?;
    let left_out = left_out(&ws, city_id);
    if let Some(note) = &left_out {
        say!("note: {note}");
    }
    let profile = ws.profile(city_id, year);
    let targets = ws.targets_for(city_id, year);
    let (c, d, t) = (&ws.catalogue, &ws.dataset, &*targets);
    let items: Vec<Vec<Json>> = profile
        .items
        .iter()
        .map(|s| item_row(c, s, item_trend(c, d, t, city_id, s.item, profile.year)))
        .collect();
    let aggregates: Vec<Vec<Json>> = profile.aggregates().map(aggregate_row).collect();
    let name = &ws.dataset.cities[city_id.index()].name;
    match format {
        TableFormat::Json => write_json(&ws, &profile, &items, &aggregates, out)?,
        TableFormat::Csv => write_csv(name, &human_rows(&items), &aggregates, out)?,
        TableFormat::Table => {
            writeln!(out, "{}", title(&ws, &profile))?;
            writeln!(out, "Targets: {}", profile.targets)?;
            writeln!(out, "Scored: {}", profile.coverage().summary())?;
            if let Some(note) = &left_out {
                writeln!(out, "Note: {note}")?;
            }
            write_table(&ITEM_KEYS, &human_rows(&items), out)?;
            writeln!(out)?;
            write_table(&AGG_KEYS, &aggregates, out)?;
        }
    }
    Ok(0)
}

/// How many of the city's values were left out for errors, said in words;
/// `None` when none was.
pub(super) fn left_out(ws: &Workspace, city: CityId) -> Option<String> {
    let name = &ws.dataset.cities[city.index()].name;
    match ws.report.left_out_of(name) {
        0 => None,
        n => Some(format!(
            "{n} of {name}'s values were left out for errors: its scores rest on the others (`cityprofile validate` lists them)"
        )),
    }
}

/// Names listed when a city is not found (10,000 names would bury the message).
const CITIES_LISTED: usize = 20;

/// Why `name` names no city, with the cities there are: those whose name holds
/// the text given when there are any, else the first in alphabetical order.
pub(super) fn unknown_city(ws: &Workspace, name: &str) -> String {
    let mut names: Vec<&str> = ws.dataset.cities.iter().map(|c| c.name.as_str()).collect();
    if names.is_empty() {
        return format!("unknown city '{name}': the data hold no cities");
    }
    names.sort_unstable();
    let wanted = name.trim().to_lowercase();
    let like: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| !wanted.is_empty() && n.to_lowercase().contains(&wanted))
        .collect();
    let (what, list) = if like.is_empty() {
        ("the cities found are", names)
    } else {
        ("cities whose name contains it", like)
    };
    let more = match list.len().saturating_sub(CITIES_LISTED) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let shown: Vec<&str> = list.into_iter().take(CITIES_LISTED).collect();
    format!("unknown city '{name}'; {what}: {}{more}", shown.join(", "))
}

/// The city by name, checked to have data for `year`; the error lists what there is.
pub(super) fn find_city(ws: &Workspace, city: &str, year: Option<i32>) -> Result<CityId> {
    let Some(id) = ws.dataset.city_by_name(city) else {
        bail!("{}", unknown_city(ws, city));
    };
    let years = ws.dataset.years_of(id);
    if let Some(y) = year.filter(|y| !years.contains(y)) {
        let list: Vec<String> = years.iter().map(i32::to_string).collect();
        let list = if list.is_empty() {
            "none".into()
        } else {
            list.join(", ")
        };
        bail!(
            "{} has no values for {y}; its years are: {list}",
            ws.dataset.cities[id.index()].name
        );
    }
    Ok(id)
}

fn write_json(
    ws: &Workspace,
    profile: &Profile,
    items: &[Vec<Json>],
    aggregates: &[Vec<Json>],
    out: &mut dyn Write,
) -> Result<()> {
    let to_objects = |keys: &[&str], rows: &[Vec<Json>]| -> Vec<Json> {
        rows.iter()
            .map(|r| Json::Object(keys.iter().map(|k| k.to_string()).zip(r.iter().cloned()).collect()))
            .collect()
    };
    let city = &ws.dataset.cities[profile.city.index()];
    let doc = json!({
        "city": city.name, "country": city.country, "fictional": city.fictional, "year": profile.year,
        "catalogue": ws.catalogue.name,
        "target_set": ws.scoring.set.key(),
        "derived_targets": ws.scoring.derived.map(|c| c.label()),
        "targets": &*profile.targets,
        "coverage": coverage_json(profile),
        "values_left_out": ws.report.left_out_of(&city.name),
        "items": to_objects(&ITEM_KEYS, items),
        "aggregates": to_objects(&AGG_KEYS, aggregates),
    });
    writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
    Ok(())
}

/// Items scored per kind of target.
fn coverage_json(profile: &Profile) -> Json {
    let c = profile.coverage();
    json!({
        "cited_set": c.cited, "own_targets": c.own, "derived": c.derived, "u4ssc_band": c.u4ssc,
        "scored": profile.overall.scored, "reported": profile.overall.reported, "total": profile.overall.total,
    })
}

/// For people (table) and spreadsheets (CSV): a missing value reads `NR`, and a
/// reported value without a score reads `no benchmark` in the band column.
fn human_rows(items: &[Vec<Json>]) -> Vec<Vec<Json>> {
    let (value, band) = (
        ITEM_KEYS.iter().position(|k| *k == "value").unwrap_or(3),
        ITEM_KEYS.iter().position(|k| *k == "band").unwrap_or(9),
    );
    items
        .iter()
        .map(|row| {
            let mut row = row.clone();
            if row[value].is_null() {
                row[value] = json!("NR");
            } else if row[band].is_null() {
                row[band] = json!("no benchmark");
            }
            row
        })
        .collect()
}

pub(super) fn title(ws: &Workspace, profile: &Profile) -> String {
    let city = &ws.dataset.cities[profile.city.index()];
    let country = city.country.as_ref().map(|c| format!(" ({c})")).unwrap_or_default();
    let year = profile.year.map_or_else(|| "no year".to_string(), |y| y.to_string());
    let fictional = if city.fictional {
        " - FICTIONAL demonstration data"
    } else {
        ""
    };
    format!("{}{country}, {year}{fictional} - {}", city.name, ws.catalogue.name)
}

fn item_row(catalogue: &Catalogue, score: &ItemScore, trend: Trend) -> Vec<Json> {
    let kpi = catalogue.kpi_of(score.item);
    let item = &catalogue.items[score.item.index()];
    let value = match score.value() {
        Value::Number(v) => json!(v),
        Value::Flag(_) => json!(score.value().display()),
        Value::NotReported => Json::Null,
    };
    let obs = score.observation.as_ref();
    let unit = obs.and_then(|o| o.unit()).unwrap_or(&item.unit);
    let target = score.target.as_ref().map_or(Json::Null, |t| match t.value {
        TargetValue::Number(v) => json!(v),
        TargetValue::Flag(f) => json!(if f { "Yes" } else { "No" }),
    });
    vec![
        json!(kpi.code),
        json!(item.data_point),
        json!(kpi.name),
        value,
        json!(unit),
        json!(obs.and_then(|o| o.year())),
        target,
        json!(score.target.as_ref().map(|t| t.source.as_str())),
        json!(score.pct()),
        json!(score.band().map(|b| b.key())),
        json!(score.band().map(|b| b.points())),
        json!(score.basis().map(Basis::band_source)),
        json!(obs.and_then(|o| o.quality()).map(Quality::name)),
        json!(obs.and_then(|o| o.verified())),
        json!(trend.status.label()),
        json!(trend.projected_year),
    ]
}

fn aggregate_row(agg: &AggregateScore) -> Vec<Json> {
    vec![
        json!(agg.level.as_str()),
        json!(agg.name),
        json!(agg.points),
        json!(agg.max_points),
        json!(agg.score_pct),
        json!(agg.band.map(|b| b.key())),
        json!(agg.scored),
        json!(agg.reported),
        json!(agg.total),
    ]
}

fn cell_text(v: &Json) -> String {
    match v {
        Json::Null => String::new(),
        Json::String(s) => s.clone(),
        Json::Number(n) => n.as_f64().map_or_else(|| n.to_string(), format_number),
        other => other.to_string(),
    }
}

/// One CSV for items and aggregates: `city`, then `level` (`item`, `category`,
/// `subdimension`, `dimension` or `overall`); each row fills the columns that apply
/// to it, so that several cities' files can be concatenated.
fn write_csv(city: &str, items: &[Vec<Json>], aggregates: &[Vec<Json>], out: &mut dyn Write) -> std::io::Result<()> {
    let mut columns: Vec<&str> = vec!["city", "level"];
    columns.extend(ITEM_KEYS);
    columns.extend(AGG_KEYS.iter().filter(|k| !ITEM_KEYS.contains(k) && **k != "level"));
    let row = |keys: &[&str], values: &[Json], level: Option<&str>| -> Vec<CsvCell> {
        columns
            .iter()
            .map(|col| match (*col, level) {
                ("city", _) => CsvCell::Text(city.to_string()),
                ("level", Some(level)) => CsvCell::Text(level.to_string()),
                _ => keys
                    .iter()
                    .position(|k| k == col)
                    .map_or(CsvCell::Empty, |i| CsvCell::from(&values[i])),
            })
            .collect()
    };
    let rows = items
        .iter()
        .map(|r| row(&ITEM_KEYS, r, Some("item")))
        .chain(aggregates.iter().map(|r| row(&AGG_KEYS, r, None)));
    write_rows(out, &columns, rows)
}

/// An aligned text table; long cells are cut with an ellipsis.
pub(super) fn write_table(keys: &[&str], rows: &[Vec<Json>], out: &mut dyn Write) -> std::io::Result<()> {
    const MAX_WIDTH: usize = 38;
    let texts: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|v| shorten(&cell_text(v), MAX_WIDTH)).collect())
        .collect();
    let widths: Vec<usize> = (0..keys.len())
        .map(|c| {
            texts
                .iter()
                .map(|r| r[c].chars().count())
                .chain([keys[c].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<&str>| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(out, "{}", line(keys.to_vec()))?;
    for row in &texts {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}
