//! The City Snapshot ("Performance to Benchmarks"): one column per dimension,
//! one block per sub-dimension, and in each block its categories as tiles
//! coloured by band with name and score. Read top to bottom like the U4SSC
//! snapshot, but every tile also prints its score and coverage, so the picture
//! reads without the colours, and a category that is not scored is grey with
//! the not-reported hatch (never a band colour).

use super::describe::rests_on;
use super::legend::{Look, swatch_shapes};
use super::scene::{Align, Hit, HitArea, HitRegion, Point, Rect, Scene, Stroke};
use super::text::{fit, wrap};
use super::theme::Theme;
use crate::model::{Catalogue, CategoryId, DimensionId, SubDimensionId};
use crate::score::{AggregateScore, Band, Profile};

const GAP: f32 = 8.0;
/// Between the dimension columns: wide enough that one score does not run into the next name.
const COLUMN_GAP: f32 = 22.0;

/// `74 %` or `–`.
fn score_text(agg: &AggregateScore) -> String {
    agg.score_pct.map_or_else(
        || "–".to_string(),
        |p| format!("{} %", crate::model::format_number(p.round())),
    )
}

/// What a tile or header says under its name: coverage.
fn coverage_text(agg: &AggregateScore) -> String {
    if agg.is_thin() {
        format!("{} of {} scored: too few", agg.scored, agg.total)
    } else if agg.scored == 0 && agg.reported == 0 {
        "not reported".into()
    } else if agg.scored == 0 {
        format!("no benchmark · {} reported", agg.reported)
    } else {
        format!("{} of {} scored", agg.scored, agg.total)
    }
}

/// Row heights of the grid: a dimension header, then per sub-dimension a header
/// and one row per category; the tallest column sets the tile height.
struct Grid {
    header: f32,
    sub_header: f32,
    tile: f32,
    col_w: f32,
}

impl Grid {
    fn new(catalogue: &Catalogue, theme: &Theme, width: f32, height: f32) -> Grid {
        let header = theme.title_px * 2.2;
        let sub_header = theme.label_px * 2.0;
        let cols = catalogue.dimensions.len().max(1) as f32;
        let col_w = (width - 2.0 * GAP - COLUMN_GAP * (cols - 1.0)) / cols;
        // The tile height that fits the fullest column.
        let tile = catalogue
            .dimensions
            .iter()
            .map(|d| {
                let cats: usize = d
                    .subdimensions
                    .iter()
                    .map(|s| catalogue.subdimensions[s.0].categories.len())
                    .sum();
                let room = height - GAP * 2.0 - header - d.subdimensions.len() as f32 * (sub_header + GAP);
                room / cats.max(1) as f32
            })
            .fold(f32::INFINITY, f32::min)
            .clamp(18.0, theme.label_px * 4.0);
        Grid {
            header,
            sub_header,
            tile,
            col_w,
        }
    }
}

/// Builds the snapshot of `profile` in a `width` × `height` scene (the band legend at the bottom).
pub fn snapshot_scene(
    catalogue: &Catalogue,
    profile: &Profile,
    theme: &Theme,
    width: f32,
    height: f32,
    legend: bool,
) -> Scene {
    let mut scene = Scene::new(width, height, theme.background);
    let legend_h = if legend { theme.small_px * 3.0 } else { 0.0 };
    let grid = Grid::new(catalogue, theme, width, height - legend_h);
    for (d, dim) in catalogue.dimensions.iter().enumerate() {
        let x = GAP + d as f32 * (grid.col_w + COLUMN_GAP);
        let agg = &profile.dimensions[d];
        let rect = Rect::from_xywh(x, GAP, grid.col_w, grid.header - 4.0);
        header(
            &mut scene,
            theme,
            rect,
            (&dim.name, agg),
            theme.title_px * 0.8,
            Hit::Dimension(DimensionId(d)),
        );
        let mut y = GAP + grid.header;
        for sub in &dim.subdimensions {
            y = sub_block(&mut scene, (catalogue, profile, theme), &grid, (x, y), *sub) + GAP;
        }
    }
    if legend {
        band_legend(&mut scene, theme, Point::new(width / 2.0, height - legend_h / 2.0));
    }
    scene
}

/// A sub-dimension's header and its category tiles; the y below them.
fn sub_block(
    scene: &mut Scene,
    (catalogue, profile, theme): (&Catalogue, &Profile, &Theme),
    grid: &Grid,
    (x, y): (f32, f32),
    sub: SubDimensionId,
) -> f32 {
    let s = &catalogue.subdimensions[sub.0];
    let rect = Rect::from_xywh(x, y, grid.col_w, grid.sub_header - 3.0);
    header(
        scene,
        theme,
        rect,
        (&s.name, &profile.subdimensions[sub.0]),
        theme.label_px,
        Hit::SubDimension(sub),
    );
    let mut y = y + grid.sub_header;
    for cat in &s.categories {
        let rect = Rect::from_xywh(x + 10.0, y, grid.col_w - 10.0, grid.tile - 3.0);
        tile(scene, (catalogue, profile, theme), rect, *cat);
        y += grid.tile;
    }
    y
}

/// A dimension or sub-dimension header: name on the left, score on the right,
/// a band-coloured bar under it (grey when not scored).
fn header(scene: &mut Scene, theme: &Theme, rect: Rect, (name, agg): (&str, &AggregateScore), size: f32, hit: Hit) {
    let mid = rect.min.y + (rect.height() - 4.0) / 2.0;
    // A score on too few items: small and grey, with what it rests on.
    let (score, score_px, ink) = match agg.is_thin() {
        true => (
            format!("{} ({})", score_text(agg), rests_on(agg)),
            size * 0.72,
            theme.text_muted,
        ),
        false => (score_text(agg), size, theme.text),
    };
    let score_w = super::text::text_width(&score, score_px) + 6.0;
    let title = fit(name, size, rect.width() - score_w - 8.0);
    scene.bold_text(Point::new(rect.min.x, mid), title, size, theme.text, Align::Start);
    scene.bold_text(Point::new(rect.max.x, mid), score.clone(), score_px, ink, Align::End);
    let bar = Rect::from_xywh(rect.min.x, rect.max.y - 4.0, rect.width(), 3.0);
    match agg.band {
        Some(b) if agg.is_thin() => swatch_shapes(scene, theme, bar, Look::Thin(Some(b))),
        Some(b) => scene.rect(bar, theme.band(b), None),
        None => scene.rect(bar, theme.not_reported_fill, None),
    }
    scene.hits.push(HitRegion {
        hit,
        area: HitArea::Rect(rect),
        label: name.to_string(),
        value: format!("{score}, {}", coverage_text(agg)),
    });
}

/// One category: band fill (or the not-reported look), name, score and coverage.
fn tile(scene: &mut Scene, (catalogue, profile, theme): (&Catalogue, &Profile, &Theme), rect: Rect, cat: CategoryId) {
    let agg = &profile.categories[cat.0];
    let name = &catalogue.categories[cat.0].name;
    let fill = match agg.band {
        Some(b) if agg.is_thin() => {
            swatch_shapes(scene, theme, rect, Look::Thin(Some(b)));
            theme.background
        }
        Some(b) => {
            swatch_shapes(scene, theme, rect, Look::Band(b));
            theme.band(b)
        }
        None => {
            scene.rect(rect, theme.not_reported_fill, None);
            hatch(scene, rect, Stroke::solid(1.0, theme.not_reported_hatch));
            theme.not_reported_fill
        }
    };
    let ink = theme.text_on(fill);
    let size = (rect.height() * 0.34).clamp(8.0, theme.label_px);
    let score = score_text(agg);
    let score_w = super::text::text_width(&score, size) + 10.0;
    let lines = wrap(name, size, rect.width() - score_w - 12.0, 1);
    let name_y = rect.min.y + rect.height() * 0.36;
    let title = lines.into_iter().next().unwrap_or_default();
    scene.text(Point::new(rect.min.x + 6.0, name_y), title, size, ink, Align::Start);
    let small = (size * 0.8).max(7.0);
    let detail = coverage_text(agg);
    scene.text(
        Point::new(rect.min.x + 6.0, rect.min.y + rect.height() * 0.74),
        detail.clone(),
        small,
        ink,
        Align::Start,
    );
    let (score_px, score_ink) = match agg.is_thin() {
        true => (size * 0.85, theme.text_muted),
        false => (size * 1.15, ink),
    };
    scene.bold_text(
        Point::new(rect.max.x - 6.0, rect.min.y + rect.height() / 2.0),
        score.clone(),
        score_px,
        score_ink,
        Align::End,
    );
    let band = agg
        .band
        .map_or_else(|| "not scored".to_string(), |b: Band| b.label().to_string());
    scene.hits.push(HitRegion {
        hit: Hit::Category(cat),
        area: HitArea::Rect(rect),
        label: name.clone(),
        value: format!("{score} ({band}), {detail}"),
    });
}

/// The not-reported hatch across a rectangle: 45° lines 8 px apart, clipped to it.
fn hatch(scene: &mut Scene, rect: Rect, stroke: Stroke) {
    let h = rect.height();
    let mut k = rect.min.x - h;
    while k < rect.max.x {
        // The line from (k, bottom) to (k + h, top), cut to the rectangle's sides.
        let (x0, x1) = (k.max(rect.min.x), (k + h).min(rect.max.x));
        if x1 > x0 {
            let y = |x: f32| rect.max.y - (x - k);
            scene.line(vec![Point::new(x0, y(x0)), Point::new(x1, y(x1))], stroke);
        }
        k += 8.0;
    }
}

/// The four bands and "not scored", in one row.
fn band_legend(scene: &mut Scene, theme: &Theme, centre: Point) {
    let size = theme.small_px + 1.0;
    let mut entries: Vec<(String, Look)> = Band::ALL
        .iter()
        .map(|b| (b.label().to_string(), Look::Band(*b)))
        .collect();
    entries.push(("not scored".into(), Look::NotReported));
    entries.push(("under a third of its items scored".into(), Look::Thin(None)));
    let total: f32 = entries
        .iter()
        .map(|(t, _)| 17.0 + super::text::text_width(t, size) + 14.0)
        .sum();
    let mut x = centre.x - total / 2.0;
    for (text, look) in entries {
        swatch_shapes(scene, theme, Rect::from_xywh(x, centre.y - 6.0, 12.0, 12.0), look);
        scene.text(
            Point::new(x + 17.0, centre.y),
            text.clone(),
            size,
            theme.text,
            Align::Start,
        );
        x += 17.0 + super::text::text_width(&text, size) + 14.0;
    }
}
