//! `cityprofile index`: the composite index of a set of cities, with rank uncertainty.

use std::io::Write;

use anyhow::{Context, Result, bail};
use serde_json::{Value as Json, json};

use super::out_file::{bytes_to, text_to, workbook_path};
use super::score_cmd::{load, write_table};
use super::{ExitCode, IndexArgs, ResultFormat};
use crate::export::index_chart::{RankingSpec, format_of};
use crate::export::index_out::{INDEX_LABEL, IndexRun, clock_seed};
use crate::export::xlsx_out::index_workbook;
use crate::model::format_number;
use crate::score::PeerGroup;
use crate::score::index::{
    Aggregation, IndexSettings, Method, Normalisation, Rules, UncertaintySettings, WeightBase, Weights, members,
};
use crate::workspace::{Sources, Workspace};

/// The most runs accepted: the ranks of 1,000 cities over 100,000 runs already take 1.6 GB.
const MAX_RUNS: usize = 100_000;

/// Refuses numbers that would make the index meaningless (or the machine run out of memory).
fn check_numbers(args: &IndexArgs) -> Result<()> {
    if !(0.0..1.0).contains(&args.spread) {
        bail!(
            "--spread {} is outside 0 to 1 (0.25 varies each weight by ±25 %; 1 or more would allow weights of 0 or below)",
            args.spread
        );
    }
    for (name, value) in [
        ("--min-coverage", args.min_coverage),
        ("--max-missing", args.max_missing),
    ] {
        if !(0.0..=1.0).contains(&value) {
            bail!("{name} {value} is outside 0 to 1 (a share: 0.2 is 20 %)");
        }
    }
    if args.runs > MAX_RUNS {
        bail!(
            "--runs {} is more than {MAX_RUNS}; 1,000 is what the JRC audits use",
            args.runs
        );
    }
    Ok(())
}

pub(crate) fn run(sources: &Sources, args: &IndexArgs, out: &mut dyn Write) -> Result<ExitCode> {
    check_numbers(args)?;
    let ws = load(sources)?;
    let Picked { cities, group, others } = pick_cities(&ws, args)?;
    let most = crate::score::index::max_runs(cities.len());
    if args.runs > most {
        bail!(
            "--runs {} for {} cities would keep too many ranks in memory; at most {most} runs for this many cities",
            args.runs,
            cities.len()
        );
    }
    let (weights, weights_source) = weights(&ws, args)?;
    let settings = IndexSettings {
        method: Method {
            normalisation: Normalisation::parse(&args.normalisation).context("unknown --normalisation")?,
            aggregation: Aggregation::parse(&args.aggregation).context("unknown --aggregation")?,
        },
        weights,
        rules: Rules {
            min_coverage: args.min_coverage,
            max_missing: args.max_missing,
        },
    };
    let mc = UncertaintySettings {
        runs: args.runs,
        seed: args.seed.unwrap_or_else(clock_seed),
        spread: args.spread,
        alternatives: alternatives(args, settings.method)?,
    };
    let run = IndexRun::compute(&ws, &cities, group, args.year, weights_source, settings.clone(), mc);
    if run.ranked() == 0 {
        say!("{}", nobody_ranked(&ws, &run, &others, &settings, args.year));
    }
    if let Some(path) = &args.chart {
        write_chart(&ws, &run, args, path)?;
    }
    let path = args.out.as_deref();
    match args.format {
        ResultFormat::Xlsx => bytes_to(workbook_path(path)?, &index_workbook(&run)?, out)?,
        ResultFormat::Json => text_to(path, out, |out| {
            serde_json::to_writer_pretty(&mut *out, &run.to_json())?;
            Ok(writeln!(out)?)
        })?,
        ResultFormat::Csv => text_to(path, out, |out| Ok(run.write_csv(out)?))?,
        ResultFormat::Table => text_to(path, out, |out| write_text(&run, out))?,
    }
    Ok(0)
}

/// The ranking chart to `path`, its format from the extension, `--city` highlighted.
fn write_chart(ws: &Workspace, run: &IndexRun, args: &IndexArgs, path: &std::path::Path) -> Result<()> {
    let format = format_of(path).context("--chart: the file name must end in .png, .svg or .pdf")?;
    let mut spec = RankingSpec::new(format);
    if let Some(preset) = args.preset {
        (spec.width, spec.height) = super::export_cmd::preset_of(preset).size();
    }
    spec.focus = args.city.as_deref().and_then(|c| ws.dataset.city_by_name(c));
    run.export_ranking(&spec, path)?;
    say!("wrote {}", path.display());
    Ok(())
}

/// The cities an index ranks, and those of the other kind (real or fictional) it left out.
struct Picked {
    cities: Vec<crate::model::CityId>,
    group: String,
    others: Vec<crate::model::CityId>,
}

/// Said first when the index ranks no city: why, and which cities could be ranked
/// (the left-out kind, scored by the same settings), so the user knows what to ask.
fn nobody_ranked(
    ws: &Workspace,
    run: &IndexRun,
    others: &[crate::model::CityId],
    settings: &IndexSettings,
    year: Option<i32>,
) -> String {
    let n = run.nominal.cities.len();
    let mut text = format!(
        "note: no city can be ranked: {} the index's rules (the list below says why for each); the uncertainty runs were skipped",
        if n == 1 {
            "the one city does not meet".to_string()
        } else {
            format!("none of the {n} cities meets")
        }
    );
    let could = crate::score::index::nominal(&ws.index_input(others, year), settings);
    let rankable: Vec<&str> = could
        .cities
        .iter()
        .filter(|c| c.not_ranked.is_none())
        .map(|c| c.name.as_str())
        .collect();
    match rankable.first() {
        Some(first) if rankable.len() == 1 => text.push_str(&format!(
            "\nhint: 1 other city can be ranked: --city \"{first}\" ranks it (an index of one city says little)"
        )),
        Some(first) => text.push_str(&format!(
            "\nhint: {} other cities can be ranked ({}): --city \"{first}\" ranks them",
            rankable.len(),
            rankable.join(", ")
        )),
        None => text.push_str(&format!(
            "\nhint: raise --max-missing (now {} %) or lower --min-coverage (now {} %) to rank cities with fewer items, knowing their ranks rest on less",
            format_number(100.0 * settings.rules.max_missing),
            format_number(100.0 * settings.rules.min_coverage)
        )),
    }
    text
}

/// The cities: `--cities`, else `--peer-group` (of `--city` or given as kind=value), else all; never real and fictional together.
fn pick_cities(ws: &Workspace, args: &IndexArgs) -> Result<Picked> {
    let dataset = &ws.dataset;
    if !args.cities.is_empty() {
        let mut ids = Vec::new();
        for name in &args.cities {
            ids.push(
                dataset
                    .city_by_name(name)
                    .with_context(|| format!("unknown city '{name}' in --cities"))?,
            );
        }
        let kinds: std::collections::BTreeSet<bool> = ids.iter().map(|c| dataset.cities[c.index()].fictional).collect();
        if kinds.len() > 1 {
            bail!("--cities mixes real and fictional cities: an index ranks one kind only");
        }
        let n = ids.len();
        return Ok(Picked {
            cities: ids,
            group: format!("{n} picked cities"),
            others: Vec::new(),
        });
    }
    let group = match args.peer_group.as_deref() {
        None | Some("all") => PeerGroup::All,
        Some(spec) => peer_group(ws, spec, args.city.as_deref())?,
    };
    let focus = match &args.city {
        Some(name) => Some(
            dataset
                .city_by_name(name)
                .with_context(|| format!("unknown city '{name}'"))?,
        ),
        None => None,
    };
    let (ids, left_out) = members(dataset, &group, focus.map(|c| dataset.cities[c.index()].fictional));
    let fictional = ids.first().is_some_and(|c| dataset.cities[c.index()].fictional);
    let kind = if fictional { "fictional" } else { "real" };
    let others = members(dataset, &group, Some(!fictional)).0;
    if left_out > 0 {
        say!(
            "note: {left_out} {} cities left out: an index never ranks real and fictional cities together (pick them with --cities)",
            if kind == "real" { "fictional" } else { "real" }
        );
    }
    Ok(Picked {
        cities: ids,
        group: format!("{} ({kind})", group.label()),
        others,
    })
}

/// `country=Norway`, `region=Europe`, `population=50k-250k`, or `country` / `region` / `population` of `--city`.
fn peer_group(ws: &Workspace, spec: &str, city: Option<&str>) -> Result<PeerGroup> {
    use crate::score::{PeerChoice, PopulationBand};
    if let Some((kind, value)) = spec.split_once('=') {
        return Ok(match kind {
            "country" => PeerGroup::Country(value.to_string()),
            "region" => PeerGroup::Region(value.to_string()),
            "population" => PeerGroup::Population(match value {
                "under-50k" => PopulationBand::Under50k,
                "50k-250k" => PopulationBand::From50kTo250k,
                "250k-1m" => PopulationBand::From250kTo1M,
                "over-1m" => PopulationBand::Over1M,
                _ => bail!("unknown population band '{value}': use under-50k, 50k-250k, 250k-1m or over-1m"),
            }),
            _ => bail!("unknown peer group '{kind}': use country, region or population"),
        });
    }
    let choice = match spec {
        "country" => PeerChoice::Country,
        "region" => PeerChoice::Region,
        "population" => PeerChoice::PopulationBand,
        _ => bail!("unknown peer group '{spec}': use all, country, region or population (with --city), or kind=value"),
    };
    let name = city.context("--peer-group without a value needs --city: whose group?")?;
    let id = ws
        .dataset
        .city_by_name(name)
        .with_context(|| format!("unknown city '{name}'"))?;
    choice
        .group(&ws.dataset.cities[id.index()])
        .with_context(|| format!("{name} has no known {spec}"))
}

fn weights(ws: &Workspace, args: &IndexArgs) -> Result<(Weights, String)> {
    if let Some(base) = WeightBase::parse(&args.weights) {
        return Ok((Weights::preset(base, &ws.catalogue), base.key().to_string()));
    }
    let text = std::fs::read_to_string(&args.weights)
        .with_context(|| format!("--weights {}: not per-kpi, per-level or a readable file", args.weights))?;
    match Weights::parse(&text, &ws.catalogue) {
        Ok(w) => Ok((w, args.weights.clone())),
        Err(errors) => {
            let lines: Vec<String> = errors.iter().map(|e| format!("  {}: {e}", args.weights)).collect();
            bail!(
                "the weights file has {}:\n{}",
                crate::model::counted(errors.len(), "problem"),
                lines.join("\n")
            )
        }
    }
}

fn alternatives(args: &IndexArgs, nominal: Method) -> Result<Vec<Method>> {
    if args.alternatives.is_empty() {
        return Ok(UncertaintySettings::default().alternatives);
    }
    let mut out = Vec::new();
    for text in &args.alternatives {
        let m = Method::parse(text).with_context(|| {
            format!("--alternatives: '{text}' is not normalisation:aggregation (e.g. points:arithmetic, pct:geometric)")
        })?;
        out.push(m);
    }
    if !out.contains(&nominal) {
        say!(
            "note: the nominal method {} is not among the --alternatives",
            nominal.key()
        );
    }
    Ok(out)
}

fn write_text(run: &IndexRun, out: &mut dyn Write) -> Result<()> {
    let s = &run.settings;
    writeln!(out, "{INDEX_LABEL}: {} cities, {}", run.nominal.cities.len(), run.group)?;
    // "weights per KPI", or "weights from FILE (per level)": the base only when a file gave them.
    let weights = if run.weights_source == s.weights.base.key() {
        s.weights.base.words().to_string()
    } else {
        format!("from {} ({})", run.weights_source, s.weights.base.words())
    };
    writeln!(
        out,
        "Method: {} + {}, weights {weights}; {} items in the index; targets: {}",
        s.method.normalisation.label(),
        s.method.aggregation.key(),
        run.nominal.index_items,
        run.target_set
    )?;
    match &run.uncertainty {
        Some(u) => writeln!(
            out,
            "Uncertainty: {} runs, seed {}, weights x U({}, {}), methods {}; mean rank shift {:.2}",
            u.settings.runs,
            u.settings.seed,
            format_number(1.0 - u.settings.spread),
            format_number(1.0 + u.settings.spread),
            u.settings
                .alternatives
                .iter()
                .map(|m| m.key())
                .collect::<Vec<_>>()
                .join(", "),
            u.mean_rank_shift
        )?,
        None if run.ranked() == 0 => writeln!(out, "Uncertainty: not run (no city is ranked)")?,
        None => writeln!(out, "Uncertainty: not run (--runs 0)")?,
    }
    writeln!(out)?;
    if run.ranked() == 0 {
        writeln!(out, "No city is ranked.")?;
    } else {
        let mut keys = vec!["rank", "city", "score", "median", "5-95 %", "P(top 3)", "driver"];
        keys.extend(run.input.dimension_names.iter().map(String::as_str));
        write_table(&keys, &text_rows(run), out)?;
    }
    let unranked: Vec<_> = run.nominal.cities.iter().filter(|c| c.not_ranked.is_some()).collect();
    if !unranked.is_empty() {
        writeln!(out, "\nNot ranked ({}):", unranked.len())?;
        for c in unranked {
            writeln!(out, "  {}: {}", c.name, c.not_ranked.as_deref().unwrap_or(""))?;
        }
    }
    Ok(())
}

/// One row per ranked city, best first, for the text table.
fn text_rows(run: &IndexRun) -> Vec<Vec<Json>> {
    use crate::score::index::RankStats;
    let pct = |v: Option<f64>| v.map_or(Json::Null, |v| Json::String(format!("{v:.1}")));
    let stat = |st: Option<&RankStats>, f: &dyn Fn(&RankStats) -> Json| st.map_or(Json::Null, f);
    let driver = |s: &RankStats| {
        let text = s
            .driver
            .as_ref()
            .map(|d| format!("{} ({:.0} %)", d.input, 100.0 * d.share));
        text.map_or(Json::Null, Json::String)
    };
    run.nominal
        .by_rank()
        .into_iter()
        .map(|i| {
            let c = &run.nominal.cities[i];
            let st = run.stats(i);
            let mut row = vec![
                json!(c.rank),
                json!(c.name),
                pct(c.score),
                stat(st, &|s| json!(s.median)),
                stat(st, &|s| {
                    json!(format!("{}-{}", format_number(s.q05), format_number(s.q95)))
                }),
                stat(st, &|s| json!(format!("{:.0} %", 100.0 * s.p_top3))),
                stat(st, &driver),
            ];
            row.extend(c.dimensions.iter().map(|d| pct(d.score)));
            row
        })
        .collect()
}
