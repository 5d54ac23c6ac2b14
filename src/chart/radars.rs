//! One radar per dimension, as in U4SSC factsheets: the dimension's categories
//! on the axes, 0-100 % with the band edges (33, 66, 95 %) as rings, the city's
//! category scores as a polygon. A category without a score is marked on its
//! axis (an open circle near the centre, its name greyed) and
//! left out of the polygon: never drawn at 0.

use std::f32::consts::TAU;

use super::scene::{Align, Hit, HitArea, HitRegion, Point, Rect, Scene, Shape, Stroke};
use super::text::fit;
use super::theme::Theme;
use crate::model::{Catalogue, CategoryId, DimensionId};
use crate::score::{AggregateScore, Profile};

/// The band edges drawn as rings, then the outer 100 % ring.
const RINGS: [f64; 4] = [33.0, 66.0, 95.0, 100.0];

fn angle(i: usize, n: usize) -> f32 {
    TAU * i as f32 / n.max(1) as f32
}

/// Builds the radars of `profile` in a `width` × `height` scene: side by side
/// when the scene is wide, else the first dimension (the most categories) on
/// the left and the others stacked on the right.
pub fn radars_scene(catalogue: &Catalogue, profile: &Profile, theme: &Theme, width: f32, height: f32) -> Scene {
    let mut scene = Scene::new(width, height, theme.background);
    let n = catalogue.dimensions.len().max(1);
    let h = height - theme.small_px * 2.0;
    let side_by_side = width / n as f32 >= h * 0.8 || n < 3;
    for d in 0..catalogue.dimensions.len() {
        let cell = if side_by_side {
            Rect::from_xywh(d as f32 * width / n as f32, 0.0, width / n as f32, h)
        } else if d == 0 {
            Rect::from_xywh(0.0, 0.0, width / 2.0, h)
        } else {
            let rows = (n - 1) as f32;
            Rect::from_xywh(width / 2.0, (d - 1) as f32 * h / rows, width / 2.0, h / rows)
        };
        radar(&mut scene, (catalogue, profile, theme), DimensionId(d), cell);
    }
    let note = "Rings: the band edges 33, 66 and 95 % of target. An open circle and a grey name: category not scored (left out of the polygon, not drawn at 0).";
    let at = Point::new(width / 2.0, height - theme.small_px);
    scene.text(
        at,
        fit(note, theme.small_px, width - 10.0),
        theme.small_px,
        theme.text_muted,
        Align::Middle,
    );
    scene
}

/// One dimension's radar in `cell`.
fn radar(scene: &mut Scene, (catalogue, profile, theme): (&Catalogue, &Profile, &Theme), dim: DimensionId, cell: Rect) {
    let (x, top, height) = (cell.min.x, cell.min.y, cell.height());
    let cell = cell.width();
    let cats: Vec<CategoryId> = catalogue.dimensions[dim.0]
        .subdimensions
        .iter()
        .flat_map(|s| catalogue.subdimensions[s.0].categories.iter().copied())
        .collect();
    let n = cats.len().max(3);
    let title_px = theme.label_px * 1.2;
    let agg = &profile.dimensions[dim.0];
    let title = format!("{} · {}", catalogue.dimensions[dim.0].name, pct_text(agg.score_pct));
    let label_room = theme.small_px * 6.5;
    let radius = ((cell / 2.0 - label_room).min((height - title_px * 2.5) / 2.0 - theme.small_px * 2.5)).max(20.0);
    let centre = Point::new(x + cell / 2.0, top + title_px * 2.2 + (height - title_px * 2.2) / 2.0);
    // The title just above the radar (axis labels take a line above the ring).
    let at = Point::new(x + cell / 2.0, (centre.y - radius - title_px * 2.4).max(top + title_px));
    scene.bold_text(
        at,
        fit(&title, title_px, cell - 10.0),
        title_px,
        theme.text,
        Align::Middle,
    );

    rings(scene, theme, (centre, radius), n);
    let first_point = scene.shapes.len();
    let mut polygon = Vec::new();
    for (i, cat) in cats.iter().enumerate() {
        let a = angle(i, n);
        let agg = &profile.categories[cat.0];
        scene.line(vec![centre, centre.polar(radius, a)], Stroke::solid(0.7, theme.grid));
        let name = &catalogue.categories[cat.0].name;
        axis_label(
            scene,
            theme,
            (centre, radius, a),
            (x, cell),
            name,
            agg.score_pct.is_some(),
        );
        let (at, value) = category_point(scene, theme, (centre, radius, a), agg);
        if agg.score_pct.is_some() {
            polygon.push(at);
        }
        scene.hits.push(HitRegion {
            hit: Hit::Category(*cat),
            area: HitArea::Circle {
                centre: at,
                radius: 9.0,
            },
            label: name.clone(),
            value,
        });
    }
    // A polygon needs three points; one or two scored categories stay dots
    // (a line between two would suggest values in between).
    if polygon.len() >= 3 {
        polygon.push(polygon[0]);
        // Under the points, over the grid.
        let stroke = Stroke::solid(2.2, theme.selection);
        scene.shapes.insert(
            first_point,
            Shape::Line {
                points: polygon,
                stroke,
            },
        );
    }
}

fn pct_text(pct: Option<f64>) -> String {
    pct.map_or_else(
        || "–".into(),
        |p| format!("{} %", crate::model::format_number(p.round())),
    )
}

/// The band-edge rings (dashed) and the outer ring, with their percentages.
fn rings(scene: &mut Scene, theme: &Theme, (centre, radius): (Point, f32), n: usize) {
    for ring in RINGS {
        let r = radius * ring as f32 / 100.0;
        let points: Vec<Point> = (0..=n).map(|i| centre.polar(r, angle(i % n, n))).collect();
        let dash = (ring != 100.0).then_some(3.0);
        let width = if dash.is_some() { 0.8 } else { 1.0 };
        scene.line(
            points,
            Stroke {
                width,
                color: theme.grid,
                dash,
            },
        );
        if ring == 100.0 {
            continue; // 95 % sits right under it; the outer ring needs no number
        }
        let at = Point::new(centre.x + 3.0, centre.y - r + theme.small_px * 0.55);
        scene.text(
            at,
            format!("{ring} %"),
            theme.small_px * 0.8,
            theme.text_muted,
            Align::Start,
        );
    }
}

/// A scored category's point (band-coloured, at its %), or the mark of one not
/// scored (an open circle near the centre); where it is and what it says.
fn category_point(
    scene: &mut Scene,
    theme: &Theme,
    (centre, radius, a): (Point, f32, f32),
    agg: &AggregateScore,
) -> (Point, String) {
    match (agg.score_pct, agg.band) {
        (Some(p), Some(b)) => {
            let at = centre.polar(radius * p as f32 / 100.0, a);
            let stroke = Some(Stroke::solid(1.0, theme.text));
            scene.shapes.push(Shape::Circle {
                centre: at,
                radius: 3.5,
                fill: theme.band(b),
                stroke,
            });
            (at, format!("{} ({})", pct_text(Some(p)), b.label()))
        }
        _ => {
            let at = centre.polar(radius * 0.08, a);
            let stroke = Some(Stroke::solid(1.0, theme.text_muted));
            scene.shapes.push(Shape::Circle {
                centre: at,
                radius: 3.0,
                fill: theme.background,
                stroke,
            });
            (at, "not scored".to_string())
        }
    }
}

/// An axis name outside the outer ring, aligned away from the centre; greyed
/// and marked when the category is not scored.
fn axis_label(
    scene: &mut Scene,
    theme: &Theme,
    (centre, radius, a): (Point, f32, f32),
    (x, cell): (f32, f32),
    name: &str,
    scored: bool,
) {
    let pos = centre.polar(radius + 6.0, a);
    let (align, room) = if a.sin() > 0.2 {
        (Align::Start, x + cell - pos.x)
    } else if a.sin() < -0.2 {
        (Align::End, pos.x - x)
    } else {
        (Align::Middle, 2.0 * (pos.x - x).min(x + cell - pos.x))
    };
    let at = Point::new(pos.x, pos.y - a.cos() * theme.small_px * 0.6);
    let color = if scored { theme.text } else { theme.text_muted };
    scene.text(at, fit(name, theme.small_px, room - 4.0), theme.small_px, color, align);
}
