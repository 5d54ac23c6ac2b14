//! Charts and reports to files, for the app's export dialog and the `export`
//! command: the chart's canonical layout at the chosen size (never a screenshot),
//! framed with title, legend and source unless "chart only", written atomically.

mod batch;
pub(crate) mod csv_out;
mod files;
pub mod index_chart;
pub mod index_out;
mod pages;
pub(crate) mod score_rows;
mod spec;
mod targets_csv;
pub mod xlsx_out;

use std::path::{Path, PathBuf};

pub use batch::export_all;
pub use files::file_name;
pub(crate) use files::{sanitize, write_atomic};
pub use pages::{page_paths, stale_pages};
pub use spec::{ChartKind, ExportSpec, Format, Preset};
#[cfg_attr(not(feature = "gui"), allow(unused_imports))]
pub(crate) use targets_csv::own_targets_csv;

use crate::chart::figure::{FigureText, figure, today};
use crate::chart::report::{ReportInput, report_pages};
use crate::chart::{Scene, Theme};
use crate::model::{CityId, Value, format_number};
use crate::render::{RenderError, SvgOptions, render_pdf, render_png, scene_to_svg};
use crate::request::{Inputs, Interaction, chart_scene};
use crate::score::Profile;
use crate::workspace::Workspace;

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0}")]
    Render(#[from] RenderError),
    #[error("the city profile report is a PDF; choose the PDF format")]
    ReportNeedsPdf,
    #[error("{year} is not one of the years of {city} ({years})")]
    Year { city: String, year: i32, years: String },
    #[error("the size {width} × {height} is not usable (each side from 100 to 16000)")]
    Size { width: f32, height: f32 },
    #[error(
        "the {chart} needs a larger page: {width} × {height} holds fewer than 3 of its rows a page (choose a larger size or a preset)"
    )]
    TooSmall {
        chart: &'static str,
        width: f32,
        height: f32,
    },
    #[error("a comparison needs 2 to 12 cities (got {0})")]
    Cities(usize),
    #[error("a trend chart needs a KPI (--kpi CODE)")]
    NoKpi,
    #[error("cannot write {path}: {reason}")]
    Write { path: String, reason: String },
    #[error("drawing this chart failed ({0}); please report it with the data that caused it")]
    Panicked(String),
}

/// The scenes of an export: one for a chart, one per page for the report and
/// for a table or gaps chart longer than a page.
pub fn scenes(ws: &Workspace, city: CityId, spec: &ExportSpec) -> Result<Vec<Scene>, ExportError> {
    scenes_titled(ws, city, spec).map(|(scenes, _)| scenes)
}

/// The scenes and the document's title (a PDF's).
fn scenes_titled(ws: &Workspace, city: CityId, spec: &ExportSpec) -> Result<(Vec<Scene>, String), ExportError> {
    check(ws, city, spec)?;
    let mut request = spec.request(city);
    if spec.chart == ChartKind::Report {
        // The report is the city's profile as the data give it: hypothetical
        // values go into charts only, where every picture marks them.
        request.whatif = crate::score::Overrides::new();
    }
    let inputs = Inputs::compute(ws, &request);
    let profile = &*inputs.profile;
    let title = figure_text(ws, city, profile, spec.chart).title;
    let base = if spec.dark { Theme::dark() } else { Theme::light() };
    if spec.chart == ChartKind::Report {
        let input = ReportInput {
            catalogue: &ws.catalogue,
            dataset: &ws.dataset,
            city: &ws.dataset.cities[city.index()],
            profile,
            theme: &base,
        };
        return Ok((report_pages(&input), title));
    }
    // Text grows with the picture, so a 1080p slide reads like the app on a laptop.
    let theme = base.scaled((spec.width.min(spec.height) / 800.0).clamp(1.0, 2.0));
    if let Some(pages) = pages::paged(ws, (&request, &inputs), spec, &theme)? {
        return Ok((pages, title));
    }
    let text = (!spec.chart_only).then(|| figure_text(ws, city, profile, spec.chart));
    let scene = figure(&theme, spec.width, spec.height, text.as_ref(), |w, h| {
        chart_scene(ws, &request, &inputs, &theme, (w, h), &Interaction::default())
    });
    Ok((vec![scene], title))
}

/// Why the spec cannot be exported for this city, if it cannot.
fn check(ws: &Workspace, city: CityId, spec: &ExportSpec) -> Result<(), ExportError> {
    if !(100.0..=16_000.0).contains(&spec.width) || !(100.0..=16_000.0).contains(&spec.height) {
        return Err(ExportError::Size {
            width: spec.width,
            height: spec.height,
        });
    }
    let years = ws.dataset.years_of(city);
    if let Some(year) = spec.year.filter(|y| !years.contains(y)) {
        let list = years.iter().map(i32::to_string).collect::<Vec<_>>().join(", ");
        return Err(ExportError::Year {
            city: ws.dataset.cities[city.index()].name.clone(),
            year,
            years: if list.is_empty() { "none".into() } else { list },
        });
    }
    if spec.chart == ChartKind::Compare && !(2..=12).contains(&spec.cities.len()) {
        return Err(ExportError::Cities(spec.cities.len()));
    }
    if spec.chart == ChartKind::Trend && spec.kpi.is_none() {
        return Err(ExportError::NoKpi);
    }
    Ok(())
}

/// Title, subtitle and source line for a city's chart.
pub(crate) fn figure_text(ws: &Workspace, city: CityId, profile: &Profile, chart: ChartKind) -> FigureText {
    let info = &ws.dataset.cities[city.index()];
    let what = match chart {
        ChartKind::Wheel => "U4SSC KPI wheel",
        ChartKind::Gaps => "Target gaps, worst first",
        ChartKind::Table => "Every KPI and data point",
        ChartKind::Report => "U4SSC KPI profile",
        ChartKind::Compare => "compared with other cities",
        ChartKind::Trend => "trend",
        ChartKind::Snapshot => "City Snapshot: performance to benchmarks",
        ChartKind::Radars => "category scores per dimension",
        ChartKind::Verification => "KPI reporting and verification summary",
    };
    let year = profile.year.map(|y| format!(", {y}")).unwrap_or_default();
    let overall = &profile.overall;
    let score = match (overall.score_pct, overall.band) {
        (Some(p), Some(_)) if overall.is_thin() => format!(
            "overall {} %, too few items for a headline score",
            format_number(p.round())
        ),
        (Some(p), Some(b)) => format!("overall {} % ({})", format_number(p.round()), b.label()),
        _ => "no overall score".to_string(),
    };
    let country = info.country.clone().unwrap_or_default();
    let (scored, total) = (overall.scored, overall.total);
    let mut subtitle = format!("{country}{year} · {score} · {scored} of {total} KPIs and data points scored");
    if info.fictional {
        subtitle.push_str(" · FICTIONAL demonstration data, not a real city");
    }
    let data = data_sources(ws, profile);
    let name = &info.name;
    let about = match chart {
        ChartKind::Compare => format!("{name} compared with other cities"),
        ChartKind::Trend => format!("A KPI trend of {name}"),
        ChartKind::Gaps => format!("Target gaps of {name}"),
        ChartKind::Snapshot => format!("City Snapshot of {name}"),
        ChartKind::Radars => format!("Category scores per dimension of {name}"),
        ChartKind::Verification => format!("KPI reporting and verification summary of {name}"),
        _ => format!("{what} of {name}"),
    };
    let mut source = format!(
        "{about}, made with cityprofile. Data: {data}. Targets: {}, each cited per KPI. Exported {}.",
        profile.targets,
        today()
    );
    let mut title = format!("{}: {what}", info.name);
    if profile.hypothetical() > 0 && !matches!(chart, ChartKind::Compare | ChartKind::Trend) {
        title.push_str(" (WHAT-IF)");
        source = format!("{} {source}", whatif_note(&ws.catalogue, profile));
    }
    FigureText {
        title,
        subtitle,
        source,
    }
}

/// "WHAT-IF: hypothetical values for A, B and 3 more; not data."
fn whatif_note(catalogue: &crate::model::Catalogue, profile: &Profile) -> String {
    let names: Vec<String> = profile
        .items
        .iter()
        .filter(|s| s.hypothetical.is_some())
        .map(|s| catalogue.item_label(s.item))
        .collect();
    let list = match names.len() {
        n if n <= 3 => names.join(", "),
        n => format!("{} and {} more", names[..2].join(", "), n - 2),
    };
    format!("WHAT-IF: hypothetical values for {list}; not data.")
}

/// The values' sources in one short phrase: up to three, else two and a count.
fn data_sources(ws: &Workspace, profile: &Profile) -> String {
    let mut sources: Vec<String> = Vec::new();
    let observations = profile
        .items
        .iter()
        .filter(|s| s.value() != Value::NotReported)
        .filter_map(|s| s.observation.as_ref());
    for obs in observations {
        let source = obs
            .source()
            .map_or_else(|| ws.dataset.origin(obs).file.to_string(), str::to_string);
        if !sources.contains(&source) {
            sources.push(source);
        }
    }
    match sources.len() {
        0 => "no values reported".to_string(),
        n if n <= 3 => sources.join("; "),
        n => format!("{} and {} more", sources[..2].join("; "), n - 2),
    }
}

/// The files' bytes: one PDF of every page, or one PNG or SVG per page (a table
/// or gaps chart longer than a page gives several; see [`page_paths`]).
pub fn render(ws: &Workspace, city: CityId, spec: &ExportSpec) -> Result<Vec<Vec<u8>>, ExportError> {
    if spec.chart == ChartKind::Report && spec.format != Format::Pdf {
        return Err(ExportError::ReportNeedsPdf);
    }
    let (pages, title) = scenes_titled(ws, city, spec)?;
    let svg = SvgOptions {
        transparent: spec.transparent,
        embed_font: true,
    };
    match spec.format {
        Format::Svg => Ok(pages.iter().map(|p| scene_to_svg(p, svg).into_bytes()).collect()),
        Format::Png => pages
            .iter()
            .map(|p| render_png(p, spec.scale, spec.transparent).map_err(ExportError::from))
            .collect(),
        Format::Pdf => Ok(vec![render_pdf(&pages, &title)?]),
    }
}

/// The file name for an export: `pully-wheel-2020.png`, `pully-compare-2020.pdf`,
/// `lakeside-fictional-trend-en-en-aq-1c-pm2-5-2024.svg`.
pub(crate) fn suggested_name(ws: &Workspace, city: CityId, spec: &ExportSpec) -> String {
    let year = spec.year.or_else(|| ws.dataset.latest_year(city));
    let name = &ws.dataset.cities[city.index()].name;
    match (spec.chart, spec.kpi) {
        (ChartKind::Trend, Some(item)) => {
            let kpi = ws.catalogue.kpi_of(item);
            let what = format!(
                "{} {}",
                kpi.code,
                ws.catalogue.items[item.index()].data_point.as_deref().unwrap_or("")
            );
            let year = year.map(|y| format!("-{y}")).unwrap_or_default();
            format!(
                "{}-trend-{}{year}.{}",
                sanitize(name),
                sanitize(&what),
                spec.format.extension()
            )
        }
        _ => file_name(name, spec.chart, year, spec.format),
    }
}

/// Renders and writes one city's export to `path` (atomically), or to `path`'s
/// numbered pages when it is several pictures; returns the files written.
pub fn export_city(ws: &Workspace, city: CityId, spec: &ExportSpec, path: &Path) -> Result<Vec<PathBuf>, ExportError> {
    write_files(path, &render(ws, city, spec)?)
}

/// Writes each file's bytes (atomically) to the paths [`page_paths`] gives.
pub(crate) fn write_files(path: &Path, files: &[Vec<u8>]) -> Result<Vec<PathBuf>, ExportError> {
    let paths = page_paths(path, files.len());
    for (path, bytes) in paths.iter().zip(files) {
        write_atomic(path, bytes)?;
    }
    Ok(paths)
}
