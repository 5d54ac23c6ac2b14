//! `cityprofile export`: one city's chart or report, or every city's into a folder.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::{ChartArg, ExitCode, ExportArgs, FormatArg, PresetArg};
use crate::export::{ChartKind, ExportSpec, Format, Preset, export_all, export_city, suggested_name};
use crate::workspace::{Sources, Workspace};

/// The spec from the command line, or a usage error.
pub(crate) fn spec(args: &ExportArgs) -> Result<ExportSpec> {
    let chart = match args.chart {
        ChartArg::Wheel => ChartKind::Wheel,
        ChartArg::Gaps => ChartKind::Gaps,
        ChartArg::Table => ChartKind::Table,
        ChartArg::Report => ChartKind::Report,
        ChartArg::Compare => ChartKind::Compare,
        ChartArg::Trend => ChartKind::Trend,
        ChartArg::Snapshot => ChartKind::Snapshot,
        ChartArg::Radars => ChartKind::Radars,
        ChartArg::Verification => ChartKind::Verification,
    };
    let format = match args.format {
        FormatArg::Png => Format::Png,
        FormatArg::Svg => Format::Svg,
        FormatArg::Pdf => Format::Pdf,
    };
    if chart == ChartKind::Report && format != Format::Pdf {
        bail!("the report is a multi-page PDF: use --format pdf");
    }
    let (width, height) = match (&args.size, args.preset) {
        (Some(size), _) => parse_size(size)?,
        (None, Some(preset)) => preset_of(preset).size(),
        (None, None) if chart == ChartKind::Report => Preset::A4.size(),
        (None, None) => Preset::Wide.size(),
    };
    if !(0.25..=8.0).contains(&args.scale) {
        bail!("--scale must be between 0.25 and 8 (got {})", args.scale);
    }
    Ok(ExportSpec {
        chart,
        format,
        width,
        height,
        scale: args.scale,
        dark: args.theme == super::ThemeArg::Dark,
        transparent: args.transparent,
        marks: !args.no_quality_marks,
        chart_only: args.chart_only,
        year: args.year,
        cities: Vec::new(),
        kpi: None,
        view: crate::request::ViewSettings::default(),
        whatif: None,
    })
}

pub(super) fn preset_of(preset: PresetArg) -> Preset {
    match preset {
        PresetArg::Wide => Preset::Wide,
        PresetArg::Standard => Preset::Standard,
        PresetArg::A4 => Preset::A4,
        PresetArg::A4Landscape => Preset::A4Landscape,
        PresetArg::Square => Preset::Square,
    }
}

/// `1920x1080` (or `1920×1080`).
fn parse_size(text: &str) -> Result<(f32, f32)> {
    let lower = text.to_lowercase().replace('×', "x");
    let (w, h) = lower
        .split_once('x')
        .with_context(|| format!("--size must look like 1920x1080, not '{text}'"))?;
    let w: f32 = w
        .trim()
        .parse()
        .with_context(|| format!("bad width in --size '{text}'"))?;
    let h: f32 = h
        .trim()
        .parse()
        .with_context(|| format!("bad height in --size '{text}'"))?;
    if !(100.0..=16_000.0).contains(&w) || !(100.0..=16_000.0).contains(&h) {
        bail!("--size sides must be from 100 to 16000 (got {text})");
    }
    Ok((w, h))
}

pub(crate) fn run(sources: &Sources, args: &ExportArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let spec = spec(args)?;
    let ws = super::score_cmd::load(sources)?;
    let mut spec = spec;
    if let Some(kpi) = &args.kpi {
        spec.kpi = Some(find_item(&ws, kpi)?);
    } else if spec.chart == ChartKind::Trend {
        bail!("a trend chart needs --kpi CODE");
    }
    if spec.chart == ChartKind::Compare {
        if !(2..=12).contains(&args.cities.len()) {
            bail!(
                "--chart compare needs --cities with 2 to 12 names (got {})",
                args.cities.len()
            );
        }
        spec.cities = args.cities.iter().map(|n| find_city(&ws, n)).collect::<Result<_>>()?;
    }
    if args.all_cities {
        return all_cities(&ws, &spec, &args.out, out);
    }
    let city = match (&args.city, spec.cities.first()) {
        (Some(name), _) => find_city(&ws, name)?,
        (None, Some(&first)) => first,
        (None, None) => bail!("give --city NAME or --all-cities"),
    };
    let path = if args.out.is_dir() {
        args.out.join(suggested_name(&ws, city, &spec))
    } else {
        args.out.clone()
    };
    if let Some(note) = super::score_cmd::left_out(&ws, city) {
        say!("note: {note}");
    }
    let written = export_city(&ws, city, &spec, &path)?;
    let stale = crate::export::stale_pages(&path, written.len());
    if let (Some(first), Some(last)) = (stale.first(), stale.last()) {
        say!(
            "note: {} from an earlier, longer export {} beside it and {} not part of this one ({} to {})",
            crate::model::counted(stale.len(), "page file"),
            if stale.len() == 1 { "is" } else { "are" },
            if stale.len() == 1 { "is" } else { "are" },
            first.display(),
            last.display()
        );
    }
    if written.len() > 1 {
        let what = if spec.chart == ChartKind::Table {
            "table"
        } else {
            "chart"
        };
        say!("note: the {what} continues on {} pages, one file each", written.len());
    }
    for path in written {
        writeln!(out, "{}", path.display())?;
    }
    Ok(0)
}

fn find_city(ws: &Workspace, name: &str) -> Result<crate::model::CityId> {
    ws.dataset
        .city_by_name(name)
        .with_context(|| super::score_cmd::unknown_city(ws, name))
}

/// A KPI (with its data point, when it has several) from its code or name.
fn find_item(ws: &Workspace, text: &str) -> Result<crate::model::ItemId> {
    let c = &ws.catalogue;
    match c.find_kpi_or_item(text) {
        Some(crate::model::KpiMatch::Item(item)) => Ok(item),
        Some(crate::model::KpiMatch::Kpi(kpi)) if c.kpis[kpi.0].items.len() == 1 => Ok(c.kpis[kpi.0].items[0]),
        Some(crate::model::KpiMatch::Kpi(kpi)) => {
            let points: Vec<&str> = c.kpis[kpi.0]
                .items
                .iter()
                .filter_map(|i| c.items[i.index()].data_point.as_deref())
                .collect();
            bail!(
                "{} is reported per data point; add one to --kpi, e.g. \"{} {}\" (data points: {})",
                c.kpis[kpi.0].code,
                c.kpis[kpi.0].code,
                points.first().unwrap_or(&""),
                points.join(", ")
            )
        }
        None => {
            let hint = c
                .suggest_kpi(text)
                .map(|k| format!("; did you mean {} ({})?", c.kpis[k.0].code, c.kpis[k.0].name))
                .unwrap_or_default();
            bail!("unknown KPI '{text}'{hint}")
        }
    }
}

fn all_cities(ws: &Workspace, spec: &ExportSpec, dir: &Path, out: &mut dyn Write) -> Result<ExitCode> {
    if dir.exists() && !dir.is_dir() {
        bail!("with --all-cities, --out must be a folder; {} is a file", dir.display());
    }
    let results = export_all(ws, spec, dir, &|done, total, file| say!("[{done}/{total}] {file}"));
    let mut failed = 0;
    for (city, result) in &results {
        match result {
            Ok(paths) => {
                for path in paths {
                    writeln!(out, "{}", path.display())?;
                }
            }
            Err(e) => {
                failed += 1;
                say!("error: {city}: {e}");
            }
        }
    }
    say!(
        "{} written to {}; {}",
        crate::model::counted(
            results.iter().filter_map(|r| r.1.as_ref().ok()).map(Vec::len).sum(),
            "file"
        ),
        dir.display(),
        if failed == 1 {
            "1 city failed".to_string()
        } else {
            format!("{failed} cities failed")
        }
    );
    Ok(if failed > 0 { 1 } else { 0 })
}
