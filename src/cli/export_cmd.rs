//! `cityprofile export`: one city's chart or report, or every city's into a folder.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::{ChartArg, ExitCode, ExportArgs, FormatArg, PresetArg};
use crate::export::{ChartKind, ExportSpec, Format, Preset, export_all, export_city, file_name};
use crate::workspace::{Sources, Workspace, WorkspaceError};

/// The spec from the command line, or a usage error.
pub fn spec(args: &ExportArgs) -> Result<ExportSpec> {
    let chart = match args.chart {
        ChartArg::Wheel => ChartKind::Wheel,
        ChartArg::Gaps => ChartKind::Gaps,
        ChartArg::Table => ChartKind::Table,
        ChartArg::Report => ChartKind::Report,
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
        chart_only: args.chart_only,
        year: args.year,
    })
}

fn preset_of(preset: PresetArg) -> Preset {
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

pub fn run(sources: &Sources, args: &ExportArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let spec = spec(args)?;
    let ws = match Workspace::load(sources, &mut |_, _, _| {}) {
        Ok(ws) => ws,
        Err(WorkspaceError::Catalogue(report)) => {
            bail!("the catalogue could not be loaded ({} error(s))", report.error_count())
        }
    };
    if ws.report.has_errors() {
        eprintln!(
            "note: the data have {} error(s); those rows are left out (run `cityprofile validate` for details)",
            ws.report.error_count()
        );
    }
    if args.all_cities {
        return all_cities(&ws, &spec, &args.out, out);
    }
    let Some(name) = &args.city else {
        bail!("give --city NAME or --all-cities")
    };
    let Some(city) = ws.dataset.city_by_name(name) else {
        let mut names: Vec<&str> = ws.dataset.cities.iter().map(|c| c.name.as_str()).collect();
        names.sort_unstable();
        bail!("unknown city '{name}'; the cities found are: {}", names.join(", "));
    };
    let path = if args.out.is_dir() {
        let year = spec.year.or_else(|| ws.dataset.years_of(city).last().copied());
        args.out.join(file_name(
            &ws.dataset.cities[city.0].name,
            spec.chart,
            year,
            spec.format,
        ))
    } else {
        args.out.clone()
    };
    let written = export_city(&ws, city, &spec, &path)?;
    writeln!(out, "{}", written.display())?;
    Ok(0)
}

fn all_cities(ws: &Workspace, spec: &ExportSpec, dir: &Path, out: &mut dyn Write) -> Result<ExitCode> {
    if dir.exists() && !dir.is_dir() {
        bail!("with --all-cities, --out must be a folder; {} is a file", dir.display());
    }
    let results = export_all(ws, spec, dir, &|done, total, file| eprintln!("[{done}/{total}] {file}"));
    let mut failed = 0;
    for (city, result) in &results {
        match result {
            Ok(path) => writeln!(out, "{}", path.display())?,
            Err(e) => {
                failed += 1;
                eprintln!("error: {city}: {e}");
            }
        }
    }
    eprintln!(
        "{} file(s) written to {}, {failed} failed",
        results.len() - failed,
        dir.display()
    );
    Ok(if failed > 0 { 1 } else { 0 })
}
