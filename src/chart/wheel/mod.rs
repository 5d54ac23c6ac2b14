//! The Pully-style KPI wheel: the city and its overall score in the centre, then
//! rings of dimensions, sub-dimensions (optional), categories and every
//! KPI/data point, each coloured by its band, labels outside.

mod labels;
mod layout;
mod segments;

pub use layout::Focus;
pub(crate) use layout::Layout;
pub use segments::SegmentLook;
pub use segments::item_look;

use segments::{aggregate_look, outline, push_wedge};

use super::marks::{MARK_RADIUS, QualityMark, draw};

use super::describe::{aggregate_summary, item_summary};
use super::legend::{LegendCounts, legend};
use super::scene::{Hit, HitArea, HitRegion, Point, Scene, Sector, Stroke};
use super::theme::Theme;
use crate::model::{Catalogue, CategoryId, City, DimensionId, SubDimensionId};
use crate::score::{AggregateScore, Profile};

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
    /// Data-quality and verification marks on the items (and in the legend).
    pub marks: bool,
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
            marks: true,
        }
    }
}

/// Ring radii, from the centre out.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rings {
    pub(super) centre: Point,
    pub(super) hub: f32,
    dims: (f32, f32),
    subs: Option<(f32, f32)>,
    cats: (f32, f32),
    items: (f32, f32),
    label_len: f32,
}

impl Rings {
    /// The sector between `radii` (inner, outer) over `span` (start, end angle).
    fn sector(&self, (r_inner, r_outer): (f32, f32), (start, end): (f32, f32)) -> Sector {
        Sector {
            centre: self.centre,
            r_inner,
            r_outer,
            start,
            end,
        }
    }
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
    item_ring(&mut scene, (catalogue, profile, theme), &rings, &layout, !opts.labels);
    if opts.marks && opts.labels {
        item_marks(&mut scene, profile, theme, &rings, &layout);
    }
    aggregate_rings(&mut scene, (catalogue, profile, theme), &rings, &layout, opts);
    if opts.labels {
        let (centre, radius) = (rings.centre, rings.items.1 + 5.0);
        labels::item_labels(&mut scene, catalogue, theme, centre, radius, rings.label_len, &layout);
        segments::centre(&mut scene, catalogue, profile, city, theme, &rings, opts.focus);
    }
    outline(&mut scene, theme.text.with_alpha(120), opts.hovered, 1.5);
    outline(&mut scene, theme.selection, opts.selected, 2.5);
    if opts.legend {
        let at = Point::new(width / 2.0, height - legend_h / 2.0);
        let mut counts = LegendCounts::of(profile);
        if !opts.show_subdimensions {
            counts.thin -= profile.subdimensions.iter().filter(|a| a.is_thin()).count();
        }
        if !(opts.marks && opts.labels) {
            (counts.estimates, counts.unverified) = (0, 0);
        }
        legend(&mut scene, theme, at, &counts, !opts.labels);
    }
    scene
}

/// The gap between segments, in pixels.
const GAP_PX: f32 = 1.2;

/// The outer ring: one segment per item. Small multiples (`compact`) skip what
/// cannot be seen or pointed at: per-segment regions, hatching, smoothing.
fn item_ring(
    scene: &mut Scene,
    (catalogue, profile, theme): (&Catalogue, &Profile, &Theme),
    rings: &Rings,
    layout: &Layout,
    compact: bool,
) {
    for (item, &(start, end)) in layout.order.iter().zip(&layout.spans) {
        let score = &profile.items[item.index()];
        let sector = rings.sector(rings.items, (start, end));
        let mut look = item_look(&score.status, theme);
        if score.hypothetical.is_some() {
            // A hypothetical value: framed in the what-if colour, as the badge says.
            look.1 = Some(Stroke::solid(3.0, theme.whatif));
        }
        push_wedge(scene, theme, sector, GAP_PX, look, compact);
        if !compact && end - start > 1e-4 {
            scene.hits.push(HitRegion {
                hit: Hit::Item(*item),
                area: HitArea::Wedge(sector),
                label: catalogue.item_label(*item),
                value: item_summary(score, catalogue),
            });
        }
    }
}

/// A mark near the outer edge of each item whose value is an estimate or not
/// verified (two marks stack inwards).
fn item_marks(scene: &mut Scene, profile: &Profile, theme: &Theme, rings: &Rings, layout: &Layout) {
    for (item, &(start, end)) in layout.order.iter().zip(&layout.spans) {
        let Some(mark) = QualityMark::of(&profile.items[item.index()]) else {
            continue;
        };
        if end - start < 1e-3 {
            continue;
        }
        let sector = rings.sector(rings.items, (start, end));
        let a = sector.mid_angle();
        let r = rings.items.1 - MARK_RADIUS * 2.6;
        let (at, inward) = (rings.centre.polar(r, a), rings.centre.polar(r - MARK_RADIUS * 2.8, a));
        let ink = theme.text_on(item_look(&profile.items[item.index()].status, theme).0);
        draw(scene, mark, at, (inward.x - at.x, inward.y - at.y), ink);
    }
}

/// The dimension, sub-dimension and category rings, each segment spanning its items.
fn aggregate_rings(
    scene: &mut Scene,
    (catalogue, profile, theme): (&Catalogue, &Profile, &Theme),
    rings: &Rings,
    layout: &Layout,
    opts: &WheelOptions,
) {
    let compact = !opts.labels;
    for (hit, agg, span) in aggregate_spans(catalogue, profile, layout, opts.show_subdimensions) {
        let radii = match hit {
            Hit::Dimension(_) => rings.dims,
            Hit::SubDimension(_) => rings.subs.unwrap_or(rings.dims),
            _ => rings.cats,
        };
        let Some(span) = span else { continue };
        let sector = rings.sector(radii, span);
        let look = aggregate_look(agg, theme);
        push_wedge(scene, theme, sector, GAP_PX * 1.5, look, compact);
        if !compact {
            scene.hits.push(HitRegion {
                hit,
                area: HitArea::Wedge(sector),
                label: format!("{} ({})", agg.name, level_name(hit)),
                value: aggregate_summary(agg),
            });
            let names = (agg.name.as_str(), abbreviation(catalogue, hit));
            labels::ring_label(scene, theme, sector, names, look.0);
        }
    }
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
