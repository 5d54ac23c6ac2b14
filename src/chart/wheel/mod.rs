//! The Pully-style KPI wheel: the city and its overall score in the centre, then
//! rings of dimensions, sub-dimensions (optional), categories and every
//! KPI/data point, each coloured by its band, labels outside.

mod labels;
mod layout;

pub use layout::{Focus, Layout};

use super::describe::{aggregate_summary, item_summary};
use super::legend::{LegendCounts, legend};
use super::scene::{Align, Color, Hit, HitArea, HitRegion, Point, Scene, Shape, Stroke};
use super::theme::Theme;
use crate::model::{Catalogue, CategoryId, City, DimensionId, SubDimensionId};
use crate::score::{AggregateScore, ItemStatus, Profile};

/// How to draw the wheel.
#[derive(Debug, Clone, PartialEq)]
pub struct WheelOptions {
    pub show_subdimensions: bool,
    pub focus: Focus,
    /// The focus being left and the animation's progress (0 → 1); `None` when settled.
    pub transition: Option<(Focus, f32)>,
    pub selected: Option<Hit>,
    pub hovered: Option<Hit>,
    /// Draw the legend row (exports in "chart only" mode leave it out).
    pub legend: bool,
    /// Draw the labels and the centre text (small multiples leave them out).
    pub labels: bool,
}

impl Default for WheelOptions {
    fn default() -> Self {
        WheelOptions {
            show_subdimensions: true,
            focus: Focus::All,
            transition: None,
            selected: None,
            hovered: None,
            legend: true,
            labels: true,
        }
    }
}

/// Ring radii, from the centre out.
#[derive(Debug, Clone, Copy)]
struct Rings {
    centre: Point,
    hub: f32,
    dims: (f32, f32),
    subs: Option<(f32, f32)>,
    cats: (f32, f32),
    items: (f32, f32),
    label_len: f32,
}

fn rings(width: f32, height: f32, show_subs: bool, labels: bool) -> Rings {
    let radius = (width.min(height) / 2.0 - 8.0).max(20.0);
    let label_len = if labels {
        (radius * 0.32).clamp(40.0, 190.0)
    } else {
        0.0
    };
    let r = radius - label_len - 6.0;
    let centre = Point::new(width / 2.0, height / 2.0);
    if show_subs {
        Rings {
            centre,
            hub: 0.30 * r,
            dims: (0.31 * r, 0.42 * r),
            subs: Some((0.43 * r, 0.54 * r)),
            cats: (0.55 * r, 0.70 * r),
            items: (0.72 * r, r),
            label_len,
        }
    } else {
        Rings {
            centre,
            hub: 0.30 * r,
            dims: (0.31 * r, 0.45 * r),
            subs: None,
            cats: (0.46 * r, 0.68 * r),
            items: (0.70 * r, r),
            label_len,
        }
    }
}

/// Builds the wheel of `profile` in a `width` × `height` scene (a legend row at the bottom).
pub fn wheel_scene(
    catalogue: &Catalogue,
    profile: &Profile,
    city: &City,
    theme: &Theme,
    width: f32,
    height: f32,
    opts: &WheelOptions,
) -> Scene {
    let mut scene = Scene::new(width, height, theme.background);
    let legend_h = if opts.legend { 30.0 } else { 0.0 };
    let rings = rings(
        width,
        (height - legend_h).max(40.0),
        opts.show_subdimensions,
        opts.labels,
    );
    let target = Layout::new(catalogue, opts.focus);
    let layout = match opts.transition {
        Some((from, t)) if t < 1.0 => Layout::between(&Layout::new(catalogue, from), &target, t),
        _ => target,
    };
    let gap_px = 1.2;
    // Small multiples skip what cannot be seen or pointed at: per-segment regions, hatching, smoothing.
    let compact = !opts.labels;
    // Outer ring: one segment per item.
    for (item, &(start, end)) in layout.order.iter().zip(&layout.spans) {
        let score = &profile.items[item.0];
        let sector = Sector {
            centre: rings.centre,
            r_inner: rings.items.0,
            r_outer: rings.items.1,
            start,
            end,
        };
        push_wedge(
            &mut scene,
            theme,
            sector,
            gap_px,
            item_look(&score.status, theme),
            compact,
        );
        if !compact && end - start > 1e-4 {
            scene.hits.push(HitRegion {
                hit: Hit::Item(*item),
                area: sector.area(),
                label: catalogue.item_label(*item),
                value: item_summary(score, catalogue),
            });
        }
    }
    // Aggregate rings, each spanning its items (found in one pass over the layout).
    for (hit, agg, span) in aggregate_spans(catalogue, profile, &layout, opts.show_subdimensions) {
        let (r0, r1) = match hit {
            Hit::Dimension(_) => rings.dims,
            Hit::SubDimension(_) => rings.subs.unwrap_or(rings.dims),
            _ => rings.cats,
        };
        let Some((start, end)) = span else { continue };
        let sector = Sector {
            centre: rings.centre,
            r_inner: r0,
            r_outer: r1,
            start,
            end,
        };
        let look = aggregate_look(agg, theme);
        push_wedge(&mut scene, theme, sector, gap_px * 1.5, look, compact);
        if !compact {
            scene.hits.push(HitRegion {
                hit,
                area: sector.area(),
                label: format!("{} ({})", agg.name, level_name(hit)),
                value: aggregate_summary(agg),
            });
            labels::ring_label(
                &mut scene,
                theme,
                sector,
                (&agg.name, abbreviation(catalogue, hit)),
                look.0,
            );
        }
    }
    if opts.labels {
        labels::item_labels(
            &mut scene,
            catalogue,
            theme,
            rings.centre,
            rings.items.1 + 5.0,
            rings.label_len,
            &layout,
        );
        centre(&mut scene, catalogue, profile, city, theme, &rings, opts.focus);
    }
    outline(&mut scene, theme.text.with_alpha(120), opts.hovered, 1.5);
    outline(&mut scene, theme.selection, opts.selected, 2.5);
    if opts.legend {
        legend(
            &mut scene,
            theme,
            Point::new(width / 2.0, height - legend_h / 2.0),
            &LegendCounts::of(profile),
        );
    }
    scene
}

/// An aggregate segment: what it is, its score, and its angular span.
type AggregateSpan<'p> = (Hit, &'p AggregateScore, Option<(f32, f32)>);

/// Every aggregate segment with its score and angular span (`None` when all its
/// items are collapsed), dimensions first, then sub-dimensions (when shown), then categories.
fn aggregate_spans<'p>(
    catalogue: &Catalogue,
    profile: &'p Profile,
    layout: &Layout,
    subs: bool,
) -> Vec<AggregateSpan<'p>> {
    let mut dims = vec![None; catalogue.dimensions.len()];
    let mut subdims = vec![None; catalogue.subdimensions.len()];
    let mut cats = vec![None; catalogue.categories.len()];
    let widen = |slot: &mut Option<(f32, f32)>, (s, e): (f32, f32)| {
        *slot = Some(slot.map_or((s, e), |(a, b): (f32, f32)| (a.min(s), b.max(e))))
    };
    for (item, &span) in layout.order.iter().zip(&layout.spans) {
        if span.1 > span.0 {
            let (cat, sub, dim) = catalogue.parents_of(*item);
            widen(&mut dims[dim.0], span);
            widen(&mut subdims[sub.0], span);
            widen(&mut cats[cat.0], span);
        }
    }
    let mut out: Vec<AggregateSpan<'p>> = Vec::new();
    out.extend(
        dims.into_iter()
            .enumerate()
            .map(|(d, span)| (Hit::Dimension(DimensionId(d)), &profile.dimensions[d], span)),
    );
    if subs {
        out.extend(
            subdims
                .into_iter()
                .enumerate()
                .map(|(s, span)| (Hit::SubDimension(SubDimensionId(s)), &profile.subdimensions[s], span)),
        );
    }
    out.extend(
        cats.into_iter()
            .enumerate()
            .map(|(k, span)| (Hit::Category(CategoryId(k)), &profile.categories[k], span)),
    );
    out
}

fn level_name(hit: Hit) -> &'static str {
    match hit {
        Hit::Dimension(_) => "dimension",
        Hit::SubDimension(_) => "sub-dimension",
        Hit::Category(_) => "category",
        Hit::Item(_) => "KPI",
        Hit::Centre | Hit::City(_) => "overall",
    }
}

/// A short name for a ring segment too narrow for the full one: the code or initials.
fn abbreviation(catalogue: &Catalogue, hit: Hit) -> String {
    let initials = |name: &str| {
        name.split_whitespace()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .filter_map(|w| w.chars().next())
            .collect::<String>()
    };
    match hit {
        Hit::Dimension(d) => catalogue.dimensions[d.0]
            .code
            .clone()
            .unwrap_or_else(|| initials(&catalogue.dimensions[d.0].name)),
        Hit::SubDimension(s) => catalogue.subdimensions[s.0]
            .code
            .clone()
            .unwrap_or_else(|| initials(&catalogue.subdimensions[s.0].name)),
        Hit::Category(k) => catalogue.categories[k.0]
            .code
            .clone()
            .unwrap_or_else(|| initials(&catalogue.categories[k.0].name)),
        _ => String::new(),
    }
}

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

fn aggregate_look(agg: &AggregateScore, theme: &Theme) -> SegmentLook {
    match agg.band {
        Some(band) => (theme.band(band), None, false),
        None if agg.reported > 0 => item_look(&ItemStatus::NoBenchmark(None), theme),
        None => item_look(&ItemStatus::NotReported, theme),
    }
}

/// An annular sector of the wheel; angles in radians, 0 = 12 o'clock, clockwise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sector {
    pub centre: Point,
    pub r_inner: f32,
    pub r_outer: f32,
    pub start: f32,
    pub end: f32,
}

impl Sector {
    fn area(self) -> HitArea {
        HitArea::Wedge {
            centre: self.centre,
            r_inner: self.r_inner,
            r_outer: self.r_outer,
            start: self.start,
            end: self.end,
        }
    }
}

/// A segment's fill, optional outline, and whether it is hatched (not reported).
pub type SegmentLook = (Color, Option<Stroke>, bool);

/// A wedge with a small angular gap, plus diagonal hatching for "not reported".
fn push_wedge(scene: &mut Scene, theme: &Theme, sector: Sector, gap_px: f32, look: SegmentLook, compact: bool) {
    let Sector {
        centre,
        r_inner: r0,
        r_outer: r1,
        start,
        end,
    } = sector;
    let (fill, stroke, hatched) = look;
    let half_gap = (gap_px / 2.0 / r1).min((end - start) / 4.0);
    let (s, e) = (start + half_gap, end - half_gap);
    if e - s <= 1e-4 {
        return;
    }
    scene.shapes.push(Shape::Wedge {
        centre,
        r_inner: r0,
        r_outer: r1,
        start: s,
        end: e,
        fill,
        stroke,
        smooth: !compact,
    });
    if hatched && !compact {
        let color = theme.not_reported_hatch;
        // Slanted strokes every ~7 px of arc, each from the inner to the outer edge.
        let mid = (r0 + r1) / 2.0;
        let count = ((e - s) * mid / 7.0).floor().max(1.0) as usize;
        let slant = ((r1 - r0) * 0.35 / mid).min((e - s) / 2.0);
        for k in 0..count {
            let a = s + (e - s) * (k as f32 + 0.5) / count as f32;
            let (a0, a1) = ((a - slant / 2.0).max(s), (a + slant / 2.0).min(e));
            scene.shapes.push(Shape::Line {
                points: vec![centre.polar(r0 + 1.0, a0), centre.polar(r1 - 1.0, a1)],
                stroke: Stroke::solid(1.0, color),
            });
        }
    }
}

fn outline(scene: &mut Scene, color: Color, hit: Option<Hit>, width: f32) {
    let Some(region) = hit.and_then(|h| scene.region(h)).cloned() else {
        return;
    };
    if let HitArea::Wedge {
        centre,
        r_inner,
        r_outer,
        start,
        end,
    } = region.area
    {
        scene.shapes.push(Shape::Wedge {
            centre,
            r_inner,
            r_outer,
            start,
            end,
            fill: Color::TRANSPARENT,
            stroke: Some(Stroke::solid(width, color)),
            smooth: true,
        });
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
fn centre(
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
    let lines = super::text::wrap(&title, name_px, r * 1.6, 2);
    let score_px = (r * 0.36).clamp(12.0, 44.0);
    let mut y = c.y - score_px * 0.35 - name_px * (lines.len() as f32 - 0.5);
    for line in &lines {
        scene.shapes.push(Shape::Text {
            pos: Point::new(c.x, y),
            text: line.clone(),
            size: name_px,
            color: theme.text,
            align: Align::Middle,
            angle: 0.0,
            bold: true,
        });
        y += name_px * 1.15;
    }
    let (score, band) = match (agg.score_pct, agg.band) {
        (Some(p), Some(b)) => (
            format!("{} %", crate::model::format_number(p.round())),
            b.label().to_string(),
        ),
        _ => (
            "–".to_string(),
            if agg.reported > 0 {
                "no benchmark".into()
            } else {
                "not reported".into()
            },
        ),
    };
    scene.shapes.push(Shape::Text {
        pos: Point::new(c.x, c.y + score_px * 0.25),
        text: score,
        size: score_px,
        color: theme.text,
        align: Align::Middle,
        angle: 0.0,
        bold: true,
    });
    let small = (r * 0.13).clamp(8.0, theme.small_px + 1.0);
    let year = profile.year.map(|y| format!(" · {y}")).unwrap_or_default();
    let detail = super::text::fit(&format!("{band}{year}"), small, r * 1.7);
    let coverage = super::text::fit(&format!("{} of {} scored", agg.scored, agg.total), small, r * 1.5);
    scene.shapes.push(Shape::Text {
        pos: Point::new(c.x, c.y + score_px * 0.75 + small * 1.95),
        text: coverage,
        size: small,
        color: theme.text_muted,
        align: Align::Middle,
        angle: 0.0,
        bold: false,
    });
    scene.shapes.push(Shape::Text {
        pos: Point::new(c.x, c.y + score_px * 0.75 + small * 0.75),
        text: detail,
        size: small,
        color: theme.text_muted,
        align: Align::Middle,
        angle: 0.0,
        bold: false,
    });
    let value = aggregate_summary(agg);
    scene.hits.push(HitRegion {
        hit: Hit::Centre,
        area: HitArea::Circle { centre: c, radius: r },
        label: title,
        value,
    });
}
