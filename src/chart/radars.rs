//! One radar per dimension, as in U4SSC factsheets: the dimension's categories
//! on the axes, 0-100 % with the band edges (33, 66, 95 %) as rings, the city's
//! category scores joined by a line. A category without a score is an open
//! circle near the centre with its name greyed; one scored on under a third of
//! its items is a ring in its band's colour at its score. Neither is joined to
//! the line (never drawn at 0, never joined across). Two categories of one name
//! under different sub-dimensions (Water and Sanitation under ICT and under
//! Infrastructure) are named with their sub-dimension. Axis names get the room
//! they need: the radar is made smaller before a name is shortened.

use super::describe::rests_on;
use super::scene::{Align, Color, Hit, HitArea, HitRegion, Point, Rect, Scene, Shape, Stroke};
use super::spokes::{angle, axis_label, headline, runs};
use super::text::{fit, text_width, wrap};
use super::theme::{THIN_OUTLINE_PX, Theme};
use crate::model::{Catalogue, CategoryId, DimensionId};
use crate::score::{AggregateScore, Profile};

/// The band edges drawn as rings, then the outer 100 % ring.
const RINGS: [f64; 4] = [33.0, 66.0, 95.0, 100.0];

/// Builds the radars of `profile` in a `width` × `height` scene: side by side
/// when the scene is wide, else the first dimension (the most categories) on
/// the left and the others stacked on the right.
pub fn radars_scene(catalogue: &Catalogue, profile: &Profile, theme: &Theme, width: f32, height: f32) -> Scene {
    let mut scene = Scene::new(width, height, theme.background);
    let n = catalogue.dimensions.len().max(1);
    let note = "Rings: the band edges 33, 66 and 95 % of target. An open circle and a grey name: not scored. A ring in a band colour: scored on under a third of its items. Neither is joined to the line.";
    let note = wrap(note, theme.small_px, width - 10.0, 2);
    let h = height - theme.small_px * (1.0 + 1.2 * note.len() as f32);
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
    for (k, line) in note.into_iter().enumerate() {
        let at = Point::new(width / 2.0, h + theme.small_px * (0.6 + 1.2 * k as f32));
        scene.text(at, line, theme.small_px, theme.text_muted, Align::Middle);
    }
    scene
}

/// A dimension's categories, each with the name its axis shows.
fn axes(catalogue: &Catalogue, dim: DimensionId) -> Vec<(CategoryId, String)> {
    let cats: Vec<CategoryId> = (catalogue.dimensions[dim.0].subdimensions.iter())
        .flat_map(|s| catalogue.subdimensions[s.0].categories.iter().copied())
        .collect();
    let name = |c: &CategoryId| catalogue.categories[c.0].name.as_str();
    cats.iter()
        .map(|c| {
            let shared = cats.iter().filter(|o| name(o) == name(c)).count() > 1;
            let sub = &catalogue.subdimensions[catalogue.categories[c.0].subdimension.0];
            let label = match shared {
                true => format!("{} ({})", name(c), sub.name),
                false => name(c).to_string(),
            };
            (*c, label)
        })
        .collect()
}

/// The radius that leaves the widest axis name (on two lines at most) room
/// beside the radar in `cell`, down to a third of the cell: narrower, names are shortened.
fn radius_for(theme: &Theme, names: &[(CategoryId, String)], cell: Rect, title_px: f32) -> f32 {
    let widest = names
        .iter()
        .map(|(_, n)| two_line_width(n, theme.small_px))
        .fold(0.0, f32::max);
    let room = (widest + 14.0).min(cell.width() / 3.0);
    let by_width = cell.width() / 2.0 - room;
    let by_height = (cell.height() - title_px * 2.5) / 2.0 - theme.small_px * 2.5;
    by_width.min(by_height).max(20.0)
}

/// The width a name needs on at most two lines, broken between words where the
/// longer line is shortest.
fn two_line_width(name: &str, size: f32) -> f32 {
    let words: Vec<&str> = name.split_whitespace().collect();
    (1..words.len())
        .map(|k| {
            let (a, b) = (words[..k].join(" "), words[k..].join(" "));
            text_width(&a, size).max(text_width(&b, size))
        })
        .fold(text_width(name, size), f32::min)
}

/// One dimension's radar in `cell`.
fn radar(scene: &mut Scene, (catalogue, profile, theme): (&Catalogue, &Profile, &Theme), dim: DimensionId, cell: Rect) {
    let names = axes(catalogue, dim);
    let n = names.len().max(3);
    let title_px = theme.label_px * 1.2;
    let radius = radius_for(theme, &names, cell, title_px);
    let top = cell.min.y;
    let centre = Point::new(
        cell.center().x,
        top + title_px * 2.2 + (cell.height() - title_px * 2.2) / 2.0,
    );
    // The title just above the radar (axis labels take a line above the ring).
    let at = Point::new(centre.x, (centre.y - radius - title_px * 2.4).max(top + title_px));
    let (title, ink) = title_of(catalogue, &profile.dimensions[dim.0], dim, theme);
    scene.bold_text(
        at,
        fit(&title, title_px, cell.width() - 10.0),
        title_px,
        ink,
        Align::Middle,
    );
    rings(scene, theme, (centre, radius), n);
    let first_point = scene.shapes.len();
    let aggs: Vec<&AggregateScore> = names.iter().map(|(c, _)| &profile.categories[c.0]).collect();
    for (i, ((cat, name), agg)) in names.iter().zip(&aggs).enumerate() {
        let a = angle(i, n);
        scene.line(vec![centre, centre.polar(radius, a)], Stroke::solid(0.7, theme.grid));
        let color = if agg.score_pct.is_some() {
            theme.text
        } else {
            theme.text_muted
        };
        let spoke = (centre, radius, a);
        axis_label(scene, theme, spoke, (cell.min.x, cell.max.x), (name, color));
        let (at, value) = category_point(scene, theme, (centre, radius, a), agg);
        let area = HitArea::Circle {
            centre: at,
            radius: 9.0,
        };
        let label = name.clone();
        scene.hits.push(HitRegion {
            hit: Hit::Category(*cat),
            area,
            label,
            value,
        });
    }
    // Under the points, over the grid: the line between neighbouring headline scores.
    let values: Vec<Option<f64>> = aggs.iter().map(|a| headline(a)).collect();
    let stroke = Stroke::solid(2.2, theme.selection);
    for run in runs(&values, n, (centre, radius)).into_iter().filter(|r| r.len() > 1) {
        scene.shapes.insert(first_point, Shape::Line { points: run, stroke });
    }
}

/// `Economy · 69 %`; in grey with what it rests on when that is too little.
fn title_of(catalogue: &Catalogue, agg: &AggregateScore, dim: DimensionId, theme: &Theme) -> (String, Color) {
    let name = &catalogue.dimensions[dim.0].name;
    match agg.score_pct {
        Some(p) if agg.is_thin() => (
            format!("{name} · {} ({})", pct_text(Some(p)), rests_on(agg)),
            theme.text_muted,
        ),
        pct => (format!("{name} · {}", pct_text(pct)), theme.text),
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

/// A scored category's point (band-coloured, at its %; a ring when scored on
/// too few items), or the mark of one not scored (an open circle near the
/// centre); where it is and what it says.
fn category_point(
    scene: &mut Scene,
    theme: &Theme,
    (centre, radius, a): (Point, f32, f32),
    agg: &AggregateScore,
) -> (Point, String) {
    let (at, shape, value) = match (agg.score_pct, agg.band) {
        (Some(p), Some(b)) if agg.is_thin() => {
            let at = centre.polar(radius * p as f32 / 100.0, a);
            let ring = (
                4.0,
                theme.background,
                Some(Stroke::solid(THIN_OUTLINE_PX, theme.band(b))),
            );
            (
                at,
                ring,
                format!("{} ({}, {})", pct_text(Some(p)), b.label(), rests_on(agg)),
            )
        }
        (Some(p), Some(b)) => {
            let at = centre.polar(radius * p as f32 / 100.0, a);
            let dot = (3.5, theme.band(b), Some(Stroke::solid(1.0, theme.text)));
            (at, dot, format!("{} ({})", pct_text(Some(p)), b.label()))
        }
        _ => {
            let open = (3.0, theme.background, Some(Stroke::solid(1.0, theme.text_muted)));
            (centre.polar(radius * 0.08, a), open, "not scored".to_string())
        }
    };
    let (radius, fill, stroke) = shape;
    scene.shapes.push(Shape::Circle {
        centre: at,
        radius,
        fill,
        stroke,
    });
    (at, value)
}
