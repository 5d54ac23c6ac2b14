//! Comparing cities: small-multiple wheels on one scale (each a click into that
//! city) and a radar of the seven sub-dimension scores, overlaid for up to six
//! cities and as small multiples beyond, each with the group median.

use super::describe::rests_on;
use super::legend::{LegendCounts, legend};
use super::scene::{Align, Color, Hit, HitArea, HitRegion, Point, Rect, Scene, Shape, Stroke};
use super::spokes::{angle, axis_label, headline, runs};
use super::text::{fit, text_width};
use super::theme::Theme;
use super::wheel::{WheelOptions, wheel_scene};
use crate::model::{Catalogue, Dataset, format_number};
use crate::score::{Profile, median};

/// Colours for cities (Okabe & Ito, safe for colour-blind readers), paired with a
/// dash pattern so lines stay apart without colour.
pub(crate) const CITY_COLORS: [Color; 7] = [
    Color::hex(0xE69F00),
    Color::hex(0x0072B2),
    Color::hex(0x009E73),
    Color::hex(0xD55E00),
    Color::hex(0xCC79A7),
    Color::hex(0x56B4E9),
    Color::hex(0x7F6A00),
];

/// The line style of the `i`-th city.
pub(crate) fn city_stroke(i: usize, width: f32) -> Stroke {
    let dash = [None, Some(7.0), Some(3.0)][(i / CITY_COLORS.len()) % 3];
    Stroke {
        width,
        color: CITY_COLORS[i % CITY_COLORS.len()],
        dash,
    }
}

/// Small-multiple wheels of `profiles` (one per city) in a grid filling `width` × `height`.
pub fn wheels_scene(
    catalogue: &Catalogue,
    dataset: &Dataset,
    profiles: &[Profile],
    theme: &Theme,
    width: f32,
    height: f32,
    legend_row: bool,
) -> Scene {
    let mut scene = Scene::new(width, height, theme.background);
    let legend_h = if legend_row { 28.0 } else { 0.0 };
    let (cols, cell) = grid(profiles.len().max(1), width, (height - legend_h).max(60.0));
    let x0 = (width - cols as f32 * cell) / 2.0;
    for (i, profile) in profiles.iter().enumerate() {
        let at = Point::new(x0 + (i % cols) as f32 * cell, (i / cols) as f32 * cell);
        small_wheel(&mut scene, (catalogue, dataset, theme), profile, at, cell);
    }
    if legend_row {
        let mut counts = LegendCounts::default();
        for c in profiles.iter().map(LegendCounts::of) {
            for b in 0..4 {
                counts.bands[b] += c.bands[b];
            }
            counts.not_reported += c.not_reported;
            counts.no_benchmark += c.no_benchmark;
            counts.thin += c.thin;
        }
        legend(
            &mut scene,
            theme,
            Point::new(width / 2.0, height - legend_h / 2.0),
            &counts,
            true,
        );
    }
    scene
}

/// The grid of `n` square cells with the largest cells: (columns, cell side).
fn grid(n: usize, width: f32, height: f32) -> (usize, f32) {
    (1..=n)
        .map(|cols| (cols, (width / cols as f32).min(height / n.div_ceil(cols) as f32)))
        .fold((1, 0.0f32), |best, c| if c.1 > best.1 { c } else { best })
}

/// One city's small wheel in the `cell`-sized square at `at`, with its name,
/// score and coverage above it; the whole cell opens the city.
fn small_wheel(
    scene: &mut Scene,
    (catalogue, dataset, theme): (&Catalogue, &Dataset, &Theme),
    profile: &Profile,
    at: Point,
    cell: f32,
) {
    let (x, y) = (at.x, at.y);
    let name_px = (cell * 0.07).clamp(9.0, theme.label_px + 2.0);
    let opts = WheelOptions {
        legend: false,
        labels: false,
        ..WheelOptions::default()
    };
    let city = &dataset.cities[profile.city.index()];
    let wheel_side = (cell - name_px * 3.2).max(20.0);
    let wheel = wheel_scene(catalogue, profile, city, theme, wheel_side, wheel_side, &opts);
    scene.place(wheel, x + (cell - wheel_side) / 2.0, y + name_px * 2.9);
    let score = match profile.overall.score_pct {
        Some(p) if profile.overall.is_thin() => {
            format!("{} % ({})", format_number(p.round()), rests_on(&profile.overall))
        }
        Some(p) => format!("{} %", format_number(p.round())),
        None => "no score".to_string(),
    };
    let title = fit(&city.name, name_px, cell - 8.0);
    scene.text(
        Point::new(x + cell / 2.0, y + name_px * 0.9),
        title,
        name_px,
        theme.text,
        Align::Middle,
    );
    let year = profile.year.map(|y| format!(" · {y}")).unwrap_or_default();
    let (scored, total) = (profile.overall.scored, profile.overall.total);
    let detail = fit(
        &format!("overall {score}{year} · {scored} of {total} scored"),
        name_px * 0.8,
        cell - 8.0,
    );
    let pos = Point::new(x + cell / 2.0, y + name_px * 2.1);
    scene.text(pos, detail, name_px * 0.8, theme.text_muted, Align::Middle);
    // The small wheel's own regions stay (hover shows a KPI); the cell as a whole opens the city.
    scene.hits.retain(|h| !matches!(h.hit, Hit::Centre));
    let region = HitRegion {
        hit: Hit::City(profile.city),
        area: HitArea::Rect(Rect::from_xywh(x, y, cell, cell)),
        label: city.name.clone(),
        value: format!("overall {score}"),
    };
    scene.hits.insert(0, region);
}

/// Where a radar goes and how its axis labels may spread.
#[derive(Clone, Copy)]
struct RadarFrame {
    centre: Point,
    radius: f32,
    /// The x range axis labels may use, when they are drawn.
    labels: Option<(f32, f32)>,
}

/// One radar: axes are the sub-dimensions, each city's polygon is its scores (0-100).
fn radar(
    scene: &mut Scene,
    (catalogue, theme): (&Catalogue, &Theme),
    series: &[(usize, &Profile)],
    median: Option<&[Option<f64>]>,
    frame: RadarFrame,
) {
    radar_grid(scene, catalogue, theme, frame);
    let n = catalogue.subdimensions.len().max(3);
    if let Some(median) = median {
        let stroke = Stroke {
            width: 1.5,
            color: theme.text_muted,
            dash: Some(4.0),
        };
        for run in runs(median, n, (frame.centre, frame.radius)) {
            scene.line(run, stroke);
        }
    }
    for (index, profile) in series {
        let stroke = city_stroke(*index, 2.2);
        let values: Vec<Option<f64>> = profile.subdimensions.iter().map(headline).collect();
        for run in runs(&values, n, (frame.centre, frame.radius)) {
            if run.len() == 1 {
                scene.shapes.push(Shape::Circle {
                    centre: run[0],
                    radius: 3.0,
                    fill: stroke.color,
                    stroke: None,
                });
            } else {
                scene.line(run, stroke);
            }
        }
        thin_marks(scene, profile, stroke, frame, n);
    }
}

/// A ring in the city's colour at each sub-dimension score on too few items
/// (under a third): shown, but not joined to the city's line.
fn thin_marks(scene: &mut Scene, profile: &Profile, stroke: Stroke, frame: RadarFrame, n: usize) {
    for (i, agg) in profile.subdimensions.iter().enumerate() {
        if let Some(p) = agg.score_pct.filter(|_| agg.is_thin()) {
            scene.shapes.push(Shape::Circle {
                centre: frame.centre.polar(frame.radius * p as f32 / 100.0, angle(i, n)),
                radius: 3.5,
                fill: Color::TRANSPARENT,
                stroke: Some(Stroke::solid(1.5, stroke.color)),
            });
        }
    }
}

/// Rings at 25-100 %, one axis per sub-dimension with its name, and the 50 and 100 % marks.
fn radar_grid(scene: &mut Scene, catalogue: &Catalogue, theme: &Theme, frame: RadarFrame) {
    let RadarFrame { centre, radius, labels } = frame;
    let n = catalogue.subdimensions.len().max(3);
    for ring in [25.0, 50.0, 75.0, 100.0] {
        let r = radius * ring / 100.0;
        let mut points: Vec<Point> = (0..=n).map(|i| centre.polar(r, angle(i % n, n))).collect();
        points.dedup();
        let width = if ring == 100.0 { 1.0 } else { 0.7 };
        scene.line(points, Stroke::solid(width, theme.grid));
    }
    for (i, sub) in catalogue.subdimensions.iter().enumerate() {
        let a = angle(i, n);
        scene.line(vec![centre, centre.polar(radius, a)], Stroke::solid(0.7, theme.grid));
        if let Some(room) = labels {
            axis_label(scene, theme, (centre, radius, a), room, (&sub.name, theme.text_muted));
        }
    }
    for pct in [50.0, 100.0] {
        let at = Point::new(centre.x + 3.0, centre.y - radius * pct / 100.0 + theme.small_px * 0.6);
        scene.text(
            at,
            format!("{pct} %"),
            theme.small_px * 0.85,
            theme.text_muted,
            Align::Start,
        );
    }
}

/// Sub-dimension scores of every profile: one overlaid radar up to six cities,
/// small multiples (each with the group median, dashed) beyond.
pub fn radar_scene(
    catalogue: &Catalogue,
    dataset: &Dataset,
    profiles: &[Profile],
    theme: &Theme,
    width: f32,
    height: f32,
) -> Scene {
    let mut scene = Scene::new(width, height, theme.background);
    if profiles.iter().any(|p| p.subdimensions.iter().any(|s| s.is_thin())) {
        let note = "An open ring: a score on under a third of its items, not joined to the line.";
        let at = Point::new(6.0, height - theme.small_px);
        scene.text(
            at,
            fit(note, theme.small_px, width * 0.6),
            theme.small_px,
            theme.text_muted,
            Align::Start,
        );
    }
    if profiles.len() <= 6 {
        overlaid_radar(&mut scene, (catalogue, dataset, theme), profiles);
        return scene;
    }
    let medians: Vec<Option<f64>> = (0..catalogue.subdimensions.len())
        .map(|s| median(profiles.iter().filter_map(|p| headline(&p.subdimensions[s])).collect()))
        .collect();
    let (cols, cell) = grid(profiles.len(), width, height);
    for (i, p) in profiles.iter().enumerate() {
        let (x, y) = ((i % cols) as f32 * cell, (i / cols) as f32 * cell);
        let name_px = (cell * 0.08).clamp(8.0, theme.label_px);
        let name = fit(&dataset.cities[p.city.index()].name, name_px, cell - 6.0);
        scene.text(
            Point::new(x + cell / 2.0, y + name_px),
            name,
            name_px,
            theme.text,
            Align::Middle,
        );
        let frame = RadarFrame {
            centre: Point::new(x + cell / 2.0, y + cell / 2.0 + name_px * 0.8),
            radius: cell * 0.36,
            labels: None,
        };
        radar(&mut scene, (catalogue, theme), &[(i, p)], Some(&medians), frame);
    }
    let note = "dashed: the group's median";
    let at = Point::new(width - text_width(note, theme.small_px) - 6.0, height - theme.small_px);
    scene.text(at, note, theme.small_px, theme.text_muted, Align::Start);
    scene
}

/// Up to six cities on one radar, with a legend of their lines on the right.
fn overlaid_radar(
    scene: &mut Scene,
    (catalogue, dataset, theme): (&Catalogue, &Dataset, &Theme),
    profiles: &[Profile],
) {
    let (width, height) = (scene.width, scene.height);
    let legend_w = (width * 0.3).clamp(100.0, 220.0);
    // Room on both sides for the axis names.
    let radius = ((width - legend_w) / 2.0 - theme.small_px * 9.0)
        .min(height / 2.0 - theme.small_px * 4.0)
        .max(20.0);
    let frame = RadarFrame {
        centre: Point::new((width - legend_w) / 2.0, height / 2.0),
        radius,
        labels: Some((0.0, width - legend_w)),
    };
    let series: Vec<(usize, &Profile)> = profiles.iter().enumerate().collect();
    radar(scene, (catalogue, theme), &series, None, frame);
    let mut y = height / 2.0 - profiles.len() as f32 * theme.label_px;
    for (i, p) in profiles.iter().enumerate() {
        let x = width - legend_w + 6.0;
        scene.line(vec![Point::new(x, y), Point::new(x + 22.0, y)], city_stroke(i, 2.5));
        let name = fit(&dataset.cities[p.city.index()].name, theme.label_px, legend_w - 36.0);
        scene.text(Point::new(x + 28.0, y), name, theme.label_px, theme.text, Align::Start);
        y += theme.label_px * 2.0;
    }
}

/// Wheels on the left, radar on the right (the exported comparison).
pub(crate) fn compare_scene(
    catalogue: &Catalogue,
    dataset: &Dataset,
    profiles: &[Profile],
    theme: &Theme,
    width: f32,
    height: f32,
) -> Scene {
    let mut scene = Scene::new(width, height, theme.background);
    let wheels_w = width * 0.6;
    scene.place(
        wheels_scene(catalogue, dataset, profiles, theme, wheels_w, height, true),
        0.0,
        0.0,
    );
    scene.place(
        radar_scene(catalogue, dataset, profiles, theme, width - wheels_w - 10.0, height),
        wheels_w + 10.0,
        0.0,
    );
    scene
}
