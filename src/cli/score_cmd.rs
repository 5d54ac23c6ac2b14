//! `cityprofile score` and `cityprofile catalogue`.

use std::io::Write;

use anyhow::{Result, bail};
use serde_json::{Value as Json, json};

use super::out_file::{bytes_to, text_to, workbook_path};
use super::validate_cmd::write_text;
use super::{ExitCode, ResultFormat, ScoreArgs};
use crate::export::csv_out::{CsvCell, write_rows};
use crate::export::score_rows::{AGG_KEYS, CITY_KEYS, CityScores, ITEM_KEYS, city_row, city_scores, objects};
use crate::export::xlsx_out::{cities_in, scores_workbook};
use crate::import::cache::CacheUse;
use crate::model::{CityId, format_number};
use crate::score::Profile;
use crate::workspace::{Sources, Workspace, WorkspaceError};

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

pub(crate) fn run(sources: &Sources, args: &ScoreArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let ws = load(sources)?;
    let path = args.out.as_deref();
    if args.all_cities {
        return run_all(&ws, args, out);
    }
    // clap asks for --city or --all-cities.
    let city = args.city.as_deref().unwrap_or_default();
    let city_id = find_city(&ws, city, args.year)?;
    let left_out = left_out(&ws, city_id);
    if let Some(note) = &left_out {
        say!("note: {note}");
    }
    if args.format == ResultFormat::Xlsx {
        let bytes = scores_workbook(&ws, &[(city_id, args.year)])?;
        bytes_to(workbook_path(path)?, &bytes, out)?;
        return Ok(0);
    }
    let scores = city_scores(&ws, city_id, args.year);
    text_to(path, out, |out| {
        write_city(&ws, &scores, args.format, left_out.as_deref(), out)
    })?;
    Ok(0)
}

/// `--all-cities`: one row per city and item, as CSV or a workbook.
fn run_all(ws: &Workspace, args: &ScoreArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let cities = cities_in(ws, args.year);
    if cities.is_empty() {
        bail!(
            "no city has values for {}",
            args.year.map_or_else(|| "any year".to_string(), |y| y.to_string())
        );
    }
    let path = args.out.as_deref();
    match args.format {
        ResultFormat::Xlsx => bytes_to(workbook_path(path)?, &scores_workbook(ws, &cities)?, out)?,
        ResultFormat::Csv => text_to(path, out, |out| {
            let scored = cities.iter().map(|&(c, y)| {
                let scores = city_scores(ws, c, y);
                let name = ws.dataset.cities[c.index()].name.clone();
                (name, human_rows(&scores.items), scores.aggregates)
            });
            Ok(write_csv(scored, out)?)
        })?,
        ResultFormat::Json | ResultFormat::Table => {
            bail!("--all-cities gives one row per city and item: use --format csv or xlsx")
        }
    }
    Ok(0)
}

/// One city's scores as a table, CSV or JSON.
fn write_city(
    ws: &Workspace,
    scores: &CityScores,
    format: ResultFormat,
    left_out: Option<&str>,
    out: &mut dyn Write,
) -> Result<()> {
    let CityScores {
        profile,
        items,
        aggregates,
    } = scores;
    match format {
        ResultFormat::Json => write_json(ws, scores, out)?,
        ResultFormat::Csv => {
            let name = ws.dataset.cities[profile.city.index()].name.clone();
            write_csv([(name, human_rows(items), aggregates.clone())], out)?;
        }
        ResultFormat::Table => {
            writeln!(out, "{}", title(ws, profile))?;
            writeln!(out, "Targets: {}", profile.targets)?;
            writeln!(out, "Scored: {}", profile.coverage().summary())?;
            if let Some(note) = left_out {
                writeln!(out, "Note: {note}")?;
            }
            write_table(&ITEM_KEYS, &human_rows(items), out)?;
            writeln!(out)?;
            write_table(&AGG_KEYS, aggregates, out)?;
        }
        ResultFormat::Xlsx => bail!("a workbook is not text"),
    }
    Ok(())
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

fn write_json(ws: &Workspace, scores: &CityScores, out: &mut dyn Write) -> Result<()> {
    let profile = &scores.profile;
    let mut doc = serde_json::Map::new();
    for (key, value) in CITY_KEYS.iter().zip(city_row(ws, profile)) {
        if *key == "values_left_out" {
            doc.insert("coverage".into(), coverage_json(profile));
        }
        doc.insert((*key).into(), value);
    }
    doc.insert("items".into(), Json::Array(objects(&ITEM_KEYS, &scores.items)));
    doc.insert("aggregates".into(), Json::Array(objects(&AGG_KEYS, &scores.aggregates)));
    writeln!(out, "{}", serde_json::to_string_pretty(&Json::Object(doc))?)?;
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
/// to it, so that several cities' files can be concatenated. `cities` gives each
/// city's name, item rows and aggregate rows.
fn write_csv(
    cities: impl IntoIterator<Item = (String, Vec<Vec<Json>>, Vec<Vec<Json>>)>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut columns: Vec<&str> = vec!["city", "level"];
    columns.extend(ITEM_KEYS);
    columns.extend(AGG_KEYS.iter().filter(|k| !ITEM_KEYS.contains(k) && **k != "level"));
    let row = |city: &str, keys: &[&str], values: &[Json], level: Option<&str>| -> Vec<CsvCell> {
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
    let rows = cities.into_iter().flat_map(|(city, items, aggregates)| {
        let items = items.iter().map(|r| row(&city, &ITEM_KEYS, r, Some("item")));
        let aggregates = aggregates.iter().map(|r| row(&city, &AGG_KEYS, r, None));
        items.chain(aggregates).collect::<Vec<_>>()
    });
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
