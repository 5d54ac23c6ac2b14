//! One KPI over the years: its values, the target line, the recent trend carried
//! on to the year the target is reached, and the SDSN-style status with its arrow.
//! Axes and series are laid out by plotters into the scene.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::plot::SceneBackend;
use super::scene::{Align, Color as SceneColor, Point, Scene, Shape, Stroke};
use super::text::fit;
use super::theme::Theme;
use crate::model::{Catalogue, CityId, Dataset, ItemId, TargetSet, TargetValue, format_number};
use crate::score::{TARGET_YEAR, TrendStatus, numeric_series, trend};

fn rgb(c: SceneColor) -> RGBColor {
    RGBColor(c.0[0], c.0[1], c.0[2])
}

/// An arrow for a trend status, drawn as lines (the font has no arrow glyphs).
pub(crate) fn trend_arrow(scene: &mut Scene, centre: Point, size: f32, status: TrendStatus, color: SceneColor) {
    let Some(degrees) = status.arrow_degrees() else {
        scene.shapes.push(Shape::Circle {
            centre,
            radius: size * 0.12,
            fill: color,
            stroke: None,
        });
        return;
    };
    let (sin, cos) = degrees.to_radians().sin_cos();
    let half = size * 0.45;
    let tip = Point::new(centre.x + cos * half, centre.y - sin * half);
    let tail = Point::new(centre.x - cos * half, centre.y + sin * half);
    let stroke = Stroke::solid((size * 0.12).max(1.2), color);
    scene.line(vec![tail, tip], stroke);
    for side in [-1.0f32, 1.0] {
        let a = (degrees + 180.0 + side * 35.0).to_radians();
        let end = Point::new(tip.x + a.cos() * size * 0.35, tip.y - a.sin() * size * 0.35);
        scene.line(vec![tip, end], stroke);
    }
}

/// What the plot shows: the series, its target and trend, the years and values spanned.
struct Plot<'a> {
    series: Vec<(i32, f64)>,
    target: Option<&'a crate::model::Target>,
    /// The target's number, when it is one.
    t: Option<f64>,
    trend: crate::score::Trend,
    direction: crate::model::Direction,
    unit: &'a str,
    years: (i32, i32),
    values: (f64, f64),
}

/// The trend chart of `item` for `city` (values up to `until`, all when `None`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn trend_scene(
    catalogue: &Catalogue,
    dataset: &Dataset,
    targets: &TargetSet,
    city: CityId,
    item: ItemId,
    until: Option<i32>,
    theme: &Theme,
    (width, height): (f32, f32),
) -> Scene {
    let mut scene = Scene::new(width, height, theme.background);
    let name = dataset.cities.get(city.index()).map_or("", |c| c.name.as_str());
    let series = numeric_series(dataset, city, item, until);
    let target = targets.get(item, name);
    let direction = catalogue.items[item.index()].direction;
    let trend = trend(&series, target, direction);
    let head = theme.label_px * 1.3;
    header(&mut scene, theme, &catalogue.item_label(item), &trend, head);
    if series.is_empty() {
        let text = "No numbers to plot: not reported, or a yes/no KPI";
        let pos = Point::new(width / 2.0, height / 2.0);
        scene.text(pos, text, theme.label_px, theme.text_muted, Align::Middle);
        return scene;
    }
    let t = match target.map(|t| t.value) {
        Some(TargetValue::Number(t)) => Some(t),
        _ => None,
    };
    let (years, values) = extent(&series, t, trend.projected_year);
    let plot = Plot {
        series,
        target,
        t,
        trend,
        direction,
        unit: &catalogue.items[item.index()].unit,
        years,
        values,
    };
    let top = head * 1.8;
    let mut plot_scene = Scene::new(width, height - top, theme.background);
    draw_plot(&mut plot_scene, theme, &plot);
    scene.place(plot_scene, 0.0, top);
    scene
}

/// The KPI's name at the top left; its trend status (and projected year) with its arrow at the top right.
fn header(scene: &mut Scene, theme: &Theme, label: &str, trend: &crate::score::Trend, head: f32) {
    let width = scene.width;
    let title = fit(label, head, width * 0.6);
    scene.text(Point::new(8.0, head * 0.8), title, head, theme.text, Align::Start);
    let status = match (trend.status, trend.projection()) {
        (TrendStatus::Unavailable, _) => trend.status.label().to_string(),
        (s, Some(when)) => format!("{}: {when}", s.label()),
        (s, None) => s.label().to_string(),
    };
    let status_px = theme.label_px * 1.05;
    let status = fit(&status, status_px, width * 0.38);
    let arrow_x = width - 16.0 - super::text::text_width(&status, status_px) - 4.0;
    scene.text(
        Point::new(width - 8.0, head * 0.8),
        status,
        status_px,
        theme.text,
        Align::End,
    );
    trend_arrow(
        scene,
        Point::new(arrow_x, head * 0.8),
        status_px * 1.4,
        trend.status,
        theme.text,
    );
}

/// The years (first data year, last plotted year) and values (low, high) to plot.
/// Years go to 2030 (or a year past the data); further only to show a target
/// reached within 15 years.
fn extent(series: &[(i32, f64)], t: Option<f64>, projected: Option<i32>) -> ((i32, i32), (f64, f64)) {
    let first = series.first().map_or(2020, |s| s.0);
    let last = series.last().map_or(2020, |s| s.0);
    let horizon = if t.is_some() {
        TARGET_YEAR.max(last + 1)
    } else {
        last + 1
    };
    let end = match projected {
        Some(y) if y > horizon && y <= last + 15 => y,
        _ => horizon,
    };
    let values = series.iter().map(|s| s.1);
    let mut hi = values.clone().fold(f64::MIN, f64::max).max(t.unwrap_or(f64::MIN));
    let mut lo = values.fold(f64::MAX, f64::min).min(t.unwrap_or(f64::MAX)).min(0.0);
    if (hi - lo).abs() < 1e-9 {
        hi += 1.0;
        lo -= 1.0;
    }
    ((first, end), (lo, hi))
}

/// Axes, the target line, the recent pace carried on, and the values, laid out by plotters.
fn draw_plot(plot_scene: &mut Scene, theme: &Theme, plot: &Plot<'_>) {
    let (width, height) = (plot_scene.width, plot_scene.height);
    let ((first, end), (lo, hi)) = (plot.years, plot.values);
    let backend = SceneBackend::new(plot_scene, Point::new(0.0, 0.0), width, height);
    let root = backend.into_drawing_area();
    let text = |size: f32| {
        ("sans-serif", f64::from(size))
            .into_font()
            .color(&rgb(theme.text_muted))
    };
    let chart = ChartBuilder::on(&root)
        .margin(10)
        .x_label_area_size(theme.label_px * 2.4)
        .y_label_area_size(theme.label_px * 5.0)
        .build_cartesian_2d(first - 1..end + 1, lo..hi + (hi - lo) * 0.08);
    let Ok(mut chart) = chart else { return };
    let _ = chart
        .configure_mesh()
        .light_line_style(rgb(theme.grid).mix(0.5))
        .bold_line_style(rgb(theme.grid))
        .axis_style(rgb(theme.text_muted))
        .x_labels(((end - first + 2) as usize).min(12))
        .x_label_formatter(&|y| y.to_string())
        .y_label_formatter(&|v| format_number(*v))
        .y_desc(fit(plot.unit, theme.small_px, height * 0.8))
        .label_style(text(theme.small_px))
        .axis_desc_style(text(theme.small_px))
        .draw();
    if let Some(t) = plot.t {
        let line = rgb(theme.target_line).stroke_width(2);
        let _ = chart.draw_series(DashedLineSeries::new([(first - 1, t), (end + 1, t)], 8, 5, line));
        let style = text(theme.small_px).pos(Pos::new(HPos::Left, VPos::Bottom));
        let label = Text::new(format!("target {}", format_number(t)), (first - 1, t), style);
        let _ = chart.draw_series(std::iter::once(label));
    }
    if let Some(pace) = projection(plot, end) {
        let dash = rgb(theme.text_muted).stroke_width(2);
        let _ = chart.draw_series(DashedLineSeries::new(pace, 4, 4, dash));
    }
    let line = rgb(theme.bands[3]).stroke_width(3);
    let _ = chart.draw_series(LineSeries::new(plot.series.iter().copied(), line));
    let _ = chart.draw_series(
        plot.series
            .iter()
            .map(|&p| Circle::new(p, 4, rgb(theme.bands[3]).filled())),
    );
    let _ = root.present();
}

/// The recent pace carried on (in the KPI's unit) from the last value to the
/// projected year, or to the end of the plot.
fn projection(plot: &Plot<'_>, end: i32) -> Option<[(i32, f64); 2]> {
    let (progress, &(ly, lv)) = (plot.trend.progress_per_year?, plot.series.last()?);
    let sign = match plot.target.and_then(|t| t.direction).unwrap_or(plot.direction) {
        crate::model::Direction::Lower => -1.0,
        crate::model::Direction::Target if plot.t.is_some_and(|t| lv > t) => -1.0,
        _ => 1.0,
    };
    let to_year = plot.trend.projected_year.unwrap_or(end).max(ly + 1).min(end);
    let to_value = match (plot.trend.projected_year, plot.t) {
        (Some(y), Some(t)) if y <= end => t,
        _ => lv + sign * progress * f64::from(to_year - ly),
    };
    Some([(ly, lv), (to_year, to_value)])
}
