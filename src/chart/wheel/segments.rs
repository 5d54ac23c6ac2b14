//! The wheel's segments: their looks (a band colour, or one of the two non-band
//! looks), wedges with gaps and hatching, selection outlines, and the hub.

use super::Rings;
use crate::chart::describe::{aggregate_summary, rests_on};
use crate::chart::scene::{Align, Color, Hit, HitArea, HitRegion, Point, Scene, Sector, Shape, Stroke};
use crate::chart::theme::{THIN_OUTLINE_PX, Theme};
use crate::model::{Catalogue, City};
use crate::score::{AggregateScore, ItemStatus, Profile};

use super::Focus;

/// Fill, outline and hatch of an item segment: band colour, or one of the two non-band looks.
pub fn item_look(status: &ItemStatus, theme: &Theme) -> SegmentLook {
    match status {
        ItemStatus::Scored { band, .. } => (theme.band(*band), None, false),
        ItemStatus::NotReported => (theme.not_reported_fill, None, true),
        ItemStatus::NoBenchmark(_) => (
            theme.no_benchmark_fill,
            Some(Stroke {
                width: 1.2,
                color: theme.no_benchmark_stroke,
                dash: Some(3.0),
            }),
            false,
        ),
    }
}

pub(super) fn aggregate_look(agg: &AggregateScore, theme: &Theme) -> SegmentLook {
    match agg.band {
        Some(band) if agg.is_thin() => thin_look(theme.band(band), theme),
        Some(band) => (theme.band(band), None, false),
        None if agg.reported > 0 => item_look(&ItemStatus::NoBenchmark(None), theme),
        None => item_look(&ItemStatus::NotReported, theme),
    }
}

/// A score on too few items (under a third): the band's colour as an outline
/// around an empty fill, never a solid band colour (see [`AggregateScore::is_thin`]).
pub(crate) fn thin_look(band: Color, theme: &Theme) -> SegmentLook {
    (theme.background, Some(Stroke::solid(THIN_OUTLINE_PX, band)), false)
}

/// A sector as a scene wedge.
fn wedge(sector: Sector, fill: Color, stroke: Option<Stroke>, smooth: bool) -> Shape {
    Shape::Wedge {
        sector,
        fill,
        stroke,
        smooth,
    }
}

/// A segment's fill, optional outline, and whether it is hatched (not reported).
pub type SegmentLook = (Color, Option<Stroke>, bool);

/// A wedge with a small angular gap, plus diagonal hatching for "not reported".
pub(super) fn push_wedge(
    scene: &mut Scene,
    theme: &Theme,
    sector: Sector,
    gap_px: f32,
    look: SegmentLook,
    compact: bool,
) {
    let (fill, stroke, hatched) = look;
    let (centre, r0, r1) = (sector.centre, sector.r_inner, sector.r_outer);
    let (start, end) = (sector.start, sector.end);
    let half_gap = (gap_px / 2.0 / r1).min((end - start) / 4.0);
    let (s, e) = (start + half_gap, end - half_gap);
    if e - s <= 1e-4 {
        return;
    }
    let sector = Sector {
        start: s,
        end: e,
        ..sector
    };
    if compact && let Some(line) = stroke {
        // A small wheel's outline is a ring of the line colour around an inset fill:
        // two plain meshes instead of a (dashed) stroke, which costs the screen ~20x
        // more to tessellate and is too short to show its dashes at this size anyway.
        push_outlined(scene, sector, fill, line.color, line.width);
        return;
    }
    scene.shapes.push(wedge(sector, fill, stroke, !compact));
    if hatched && !compact {
        let color = theme.not_reported_hatch;
        // Slanted strokes every ~7 px of arc, each from the inner to the outer edge.
        let mid = (r0 + r1) / 2.0;
        let count = ((e - s) * mid / 7.0).floor().max(1.0) as usize;
        let slant = ((r1 - r0) * 0.35 / mid).min((e - s) / 2.0);
        for k in 0..count {
            let a = s + (e - s) * (k as f32 + 0.5) / count as f32;
            let (a0, a1) = ((a - slant / 2.0).max(s), (a + slant / 2.0).min(e));
            scene.line(
                vec![centre.polar(r0 + 1.0, a0), centre.polar(r1 - 1.0, a1)],
                Stroke::solid(1.0, color),
            );
        }
    }
}

/// A wedge in `line` with a wedge in `fill` inset by `width` on every side; on
/// slivers narrower than that, by a quarter of the sliver, so a fill core always shows.
fn push_outlined(scene: &mut Scene, sector: Sector, fill: Color, line: Color, width: f32) {
    scene.shapes.push(wedge(sector, line, None, false));
    let radial = width.min((sector.r_outer - sector.r_inner) / 4.0);
    let (r0, r1) = (sector.r_inner + radial, sector.r_outer - radial);
    let span = sector.end - sector.start;
    let inset = (width / ((r0 + r1) / 2.0).max(1.0)).min(span / 4.0);
    let (s, e) = (sector.start + inset, sector.end - inset);
    if r1 > r0 && e > s {
        let core = Sector {
            r_inner: r0,
            r_outer: r1,
            start: s,
            end: e,
            ..sector
        };
        scene.shapes.push(wedge(core, fill, None, false));
    }
}

pub(super) fn outline(scene: &mut Scene, color: Color, hit: Option<Hit>, width: f32) {
    let Some(region) = hit.and_then(|h| scene.region(h)).cloned() else {
        return;
    };
    if let HitArea::Wedge(sector) = region.area {
        let stroke = Some(Stroke::solid(width, color));
        scene.shapes.push(wedge(sector, Color::TRANSPARENT, stroke, true));
    } else if let HitArea::Circle { centre, radius } = region.area {
        scene.shapes.push(Shape::Circle {
            centre,
            radius,
            fill: Color::TRANSPARENT,
            stroke: Some(Stroke::solid(width, color)),
        });
    }
}

/// The hub: city (or focused part), score and band.
pub(super) fn centre(
    scene: &mut Scene,
    catalogue: &Catalogue,
    profile: &Profile,
    city: &City,
    theme: &Theme,
    rings: &Rings,
    focus: Focus,
) {
    let (title, agg) = match focus {
        Focus::All => (city.name.clone(), &profile.overall),
        Focus::Dimension(d) => (catalogue.dimensions[d.0].name.clone(), &profile.dimensions[d.0]),
        Focus::SubDimension(s) => (catalogue.subdimensions[s.0].name.clone(), &profile.subdimensions[s.0]),
        Focus::Category(k) => (catalogue.categories[k.0].name.clone(), &profile.categories[k.0]),
    };
    let (c, r) = (rings.centre, rings.hub);
    scene.shapes.push(Shape::Circle {
        centre: c,
        radius: r,
        fill: theme.background,
        stroke: Some(Stroke::solid(1.0, theme.grid)),
    });
    let name_px = (r * 0.2).clamp(9.0, theme.title_px);
    let lines = crate::chart::text::wrap(&title, name_px, r * 1.6, 2);
    let score_px = (r * 0.36).clamp(12.0, 44.0);
    let mut y = c.y - score_px * 0.35 - name_px * (lines.len() as f32 - 0.5);
    for line in &lines {
        scene.bold_text(Point::new(c.x, y), line.clone(), name_px, theme.text, Align::Middle);
        y += name_px * 1.15;
    }
    centre_score(scene, theme, (c, r), agg, profile.year, score_px);
    let small = (r * 0.11).clamp(7.0, theme.small_px);
    let targets = crate::chart::text::fit(&format!("targets: {}", profile.targets_short), small, r * 1.3);
    let y = c.y + score_px * 0.75 + (r * 0.13).clamp(8.0, theme.small_px + 1.0) * 3.1;
    scene.text(Point::new(c.x, y), targets, small, theme.text_muted, Align::Middle);
    scene.hits.push(HitRegion {
        hit: Hit::Centre,
        area: HitArea::Circle { centre: c, radius: r },
        label: title,
        value: aggregate_summary(agg),
    });
}

/// The score in large type under the name, then its band and year, then the coverage.
fn centre_score(
    scene: &mut Scene,
    theme: &Theme,
    (c, r): (Point, f32),
    agg: &AggregateScore,
    year: Option<i32>,
    score_px: f32,
) {
    let (score, band) = match (agg.score_pct, agg.band) {
        (Some(p), Some(b)) => (format!("{} %", crate::model::format_number(p.round())), b.label()),
        _ if agg.reported > 0 => ("–".to_string(), "no benchmark"),
        _ => ("–".to_string(), "not reported"),
    };
    let at = |dy: f32| Point::new(c.x, c.y + dy);
    let small = (r * 0.13).clamp(8.0, theme.small_px + 1.0);
    let year = year.map(|y| format!(" · {y}")).unwrap_or_default();
    let (coverage, detail) = if agg.is_thin() {
        // Too few items for a headline: the number small and grey, and what it
        // rests on (shorter words in a small hub rather than cut ones).
        let thin_px = (score_px * 0.5).max(small + 2.0);
        scene.bold_text(at(score_px * 0.25), score, thin_px, theme.text_muted, Align::Middle);
        let counts = format!("{} of {} items", agg.scored, agg.total);
        let coverage = first_fitting(&[rests_on(agg), counts], small, r * 1.7);
        let detail = first_fitting(
            &[format!("too few for a score{year}"), format!("too few{year}")],
            small,
            r * 1.7,
        );
        (coverage, detail)
    } else {
        scene.bold_text(at(score_px * 0.25), score, score_px, theme.text, Align::Middle);
        let coverage = crate::chart::text::fit(&format!("{} of {} scored", agg.scored, agg.total), small, r * 1.5);
        (
            coverage,
            crate::chart::text::fit(&format!("{band}{year}"), small, r * 1.7),
        )
    };
    scene.text(
        at(score_px * 0.75 + small * 1.95),
        coverage,
        small,
        theme.text_muted,
        Align::Middle,
    );
    scene.text(
        at(score_px * 0.75 + small * 0.75),
        detail,
        small,
        theme.text_muted,
        Align::Middle,
    );
}

/// The first of `texts` that fits `width` whole; else the last, shortened.
fn first_fitting(texts: &[String], size: f32, width: f32) -> String {
    let fits = |t: &&String| crate::chart::text::text_width(t, size) <= width;
    match texts.iter().find(fits) {
        Some(text) => text.clone(),
        None => crate::chart::text::fit(texts.last().map_or("", String::as_str), size, width),
    }
}
