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
pub fn trend_arrow(scene: &mut Scene, centre: Point, size: f32, status: TrendStatus, color: SceneColor) {
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
    scene.shapes.push(Shape::Line {
        points: vec![tail, tip],
        stroke,
    });
    for side in [-1.0f32, 1.0] {
        let a = (degrees + 180.0 + side * 35.0).to_radians();
        let end = Point::new(tip.x + a.cos() * size * 0.35, tip.y - a.sin() * size * 0.35);
        scene.shapes.push(Shape::Line {
            points: vec![tip, end],
            stroke,
        });
    }
}

/// The trend chart of `item` for `city` (values up to `until`, all when `None`).
#[allow(clippy::too_many_arguments)]
pub fn trend_scene(
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
    let name = dataset.cities.get(city.0).map_or("", |c| c.name.as_str());
    let label = catalogue.item_label(item);
    let unit = &catalogue.items[item.0].unit;
    let head = theme.label_px * 1.3;
    scene.text(
        Point::new(8.0, head * 0.8),
        fit(&label, head, width * 0.6),
        head,
        theme.text,
        Align::Start,
    );
    let series = numeric_series(dataset, city, item, until);
    let target = targets.get(item, name);
    let t = match target.map(|t| t.value) {
        Some(TargetValue::Number(t)) => Some(t),
        _ => None,
    };
    let trend = trend(&series, target, catalogue.items[item.0].direction);
    // Status at the top right, with its arrow.
    let status = match (trend.status, trend.projected_year) {
        (TrendStatus::Unavailable, _) => trend.status.label().to_string(),
        (s, Some(y)) => format!("{}: target reached in {y} at this pace", s.label()),
        (s, None) => s.label().to_string(),
    };
    let status_px = theme.label_px * 1.05;
    scene.text(
        Point::new(width - 8.0, head * 0.8),
        fit(&status, status_px, width * 0.38),
        status_px,
        theme.text,
        Align::End,
    );
    let arrow_x = width - 16.0 - super::text::text_width(&fit(&status, status_px, width * 0.38), status_px) - 4.0;
    trend_arrow(
        &mut scene,
        Point::new(arrow_x, head * 0.8),
        status_px * 1.4,
        trend.status,
        theme.text,
    );
    if series.is_empty() {
        scene.text(
            Point::new(width / 2.0, height / 2.0),
            "No numbers to plot: not reported, or a yes/no KPI",
            theme.label_px,
            theme.text_muted,
            Align::Middle,
        );
        return scene;
    }
    let first = series.first().map_or(2020, |s| s.0);
    let last = series.last().map_or(2020, |s| s.0);
    // To 2030 (or a year past the data); further only to show a target reached within 15 years.
    let horizon = if t.is_some() {
        TARGET_YEAR.max(last + 1)
    } else {
        last + 1
    };
    let end = match trend.projected_year {
        Some(y) if y > horizon && y <= last + 15 => y,
        _ => horizon,
    };
    let mut hi = series
        .iter()
        .map(|s| s.1)
        .fold(f64::MIN, f64::max)
        .max(t.unwrap_or(f64::MIN));
    let mut lo = series
        .iter()
        .map(|s| s.1)
        .fold(f64::MAX, f64::min)
        .min(t.unwrap_or(f64::MAX))
        .min(0.0);
    if (hi - lo).abs() < 1e-9 {
        hi += 1.0;
        lo -= 1.0;
    }
    let pad = (hi - lo) * 0.08;
    let top = head * 1.8;
    let mut plot_scene = Scene::new(width, height - top, theme.background);
    {
        let backend = SceneBackend::new(&mut plot_scene, Point::new(0.0, 0.0), width, height - top);
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
            .build_cartesian_2d(first - 1..end + 1, lo..hi + pad);
        if let Ok(mut chart) = chart {
            let _ = chart
                .configure_mesh()
                .light_line_style(rgb(theme.grid).mix(0.5))
                .bold_line_style(rgb(theme.grid))
                .axis_style(rgb(theme.text_muted))
                .x_labels(((end - first + 2) as usize).min(12))
                .x_label_formatter(&|y| y.to_string())
                .y_label_formatter(&|v| format_number(*v))
                .y_desc(fit(unit, theme.small_px, (height - top) * 0.8))
                .label_style(text(theme.small_px))
                .axis_desc_style(text(theme.small_px))
                .draw();
            if let Some(t) = t {
                let line = rgb(theme.target_line).stroke_width(2);
                let _ = chart.draw_series(DashedLineSeries::new([(first - 1, t), (end + 1, t)], 8, 5, line));
                let _ = chart.draw_series(std::iter::once(Text::new(
                    format!("target {}", format_number(t)),
                    (first - 1, t),
                    text(theme.small_px).pos(Pos::new(HPos::Left, VPos::Bottom)),
                )));
            }
            if let (Some(progress), Some(&(ly, lv))) = (trend.progress_per_year, series.last()) {
                // Carry the recent pace on (in the KPI's unit) to the projected year, or to 2030.
                let sign = match target
                    .and_then(|t| t.direction)
                    .unwrap_or(catalogue.items[item.0].direction)
                {
                    crate::model::Direction::Lower => -1.0,
                    crate::model::Direction::Target if t.is_some_and(|t| lv > t) => -1.0,
                    _ => 1.0,
                };
                let to_year = trend.projected_year.unwrap_or(end).max(ly + 1).min(end);
                let to_value = match (trend.projected_year, t) {
                    (Some(y), Some(t)) if y <= end => t,
                    _ => lv + sign * progress * f64::from(to_year - ly),
                };
                let dash = rgb(theme.text_muted).stroke_width(2);
                let _ = chart.draw_series(DashedLineSeries::new([(ly, lv), (to_year, to_value)], 4, 4, dash));
            }
            let line = rgb(theme.bands[3]).stroke_width(3);
            let _ = chart.draw_series(LineSeries::new(series.iter().copied(), line));
            let _ = chart.draw_series(series.iter().map(|&p| Circle::new(p, 4, rgb(theme.bands[3]).filled())));
            let _ = root.present();
        }
    }
    scene.place(plot_scene, 0.0, top);
    scene
}
