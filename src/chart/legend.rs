//! The legend row: the four bands with their counts, then the two non-band looks.

use super::scene::{Align, Point, Rect, Scene, Shape, Stroke};
use super::text::text_width;
use super::theme::{THIN_OUTLINE_PX, Theme};
use crate::score::{Band, ItemStatus, Profile};

/// How many items are in each state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LegendCounts {
    pub bands: [usize; 4],
    pub not_reported: usize,
    pub no_benchmark: usize,
    /// Values marked as estimates / not verified (0 when marks are hidden).
    pub estimates: usize,
    pub unverified: usize,
    /// Category, sub-dimension and dimension scores on under a third of their items.
    pub thin: usize,
}

impl LegendCounts {
    pub fn of(profile: &Profile) -> LegendCounts {
        let mut counts = LegendCounts::default();
        for item in &profile.items {
            match item.status {
                ItemStatus::Scored { band, .. } => counts.bands[band.points() as usize - 1] += 1,
                ItemStatus::NotReported => counts.not_reported += 1,
                ItemStatus::NoBenchmark(_) => counts.no_benchmark += 1,
            }
        }
        (counts.estimates, counts.unverified) = super::marks::counts(profile);
        let levels = profile
            .categories
            .iter()
            .chain(&profile.subdimensions)
            .chain(&profile.dimensions);
        counts.thin = levels.filter(|a| a.is_thin()).count();
        counts
    }
}

/// Draws the legend centred on `centre` (one row; smaller text when narrow).
/// `compact`: the looks of the small wheels (no hatching, a solid outline).
pub fn legend(scene: &mut Scene, theme: &Theme, centre: Point, counts: &LegendCounts, compact: bool) {
    let mut entries: Vec<(String, Look)> = Band::ALL
        .iter()
        .map(|b| {
            (
                format!("{} ({})", b.label(), counts.bands[b.points() as usize - 1]),
                Look::Band(*b),
            )
        })
        .collect();
    let (not_reported, no_benchmark) = if compact {
        (Look::NotReportedPlain, Look::NoBenchmarkSolid)
    } else {
        (Look::NotReported, Look::NoBenchmark)
    };
    entries.push((format!("Not reported ({})", counts.not_reported), not_reported));
    entries.push((format!("No benchmark ({})", counts.no_benchmark), no_benchmark));
    if counts.thin > 0 {
        entries.push((format!("Under a third scored ({})", counts.thin), Look::Thin(None)));
    }
    for (text, mark) in super::marks::legend_entries(counts.estimates, counts.unverified) {
        entries.push((text, Look::Mark(mark)));
    }
    // Swatches and gaps shrink with the text, so a narrow page keeps the row inside it.
    let spacing = |size: f32| ((size * 1.2).min(12.0), (size * 0.45).min(5.0), (size * 1.2).min(14.0));
    let width_at = |size: f32| {
        let (swatch, pad, gap) = spacing(size);
        let row: f32 = entries
            .iter()
            .map(|(t, _)| swatch + pad + text_width(t, size) + gap)
            .sum();
        row - gap
    };
    let mut size = theme.small_px + 1.0;
    while width_at(size) > scene.width - 16.0 && size > 6.0 {
        size -= 0.25;
    }
    let (swatch, pad, gap) = spacing(size);
    let mut x = centre.x - width_at(size) / 2.0;
    for (text, look) in entries {
        let rect = Rect::from_xywh(x, centre.y - swatch / 2.0, swatch, swatch);
        swatch_shapes(scene, theme, rect, look);
        let width = text_width(&text, size);
        scene.text(
            Point::new(x + swatch + pad, centre.y),
            text,
            size,
            theme.text,
            Align::Start,
        );
        x += swatch + pad + width + gap;
    }
}

/// What a legend swatch shows.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Look {
    Band(Band),
    NotReported,
    NoBenchmark,
    /// Not reported in a small wheel: the grey without hatching.
    NotReportedPlain,
    /// No benchmark in a small wheel: a solid outline.
    NoBenchmarkSolid,
    /// A data-quality or verification mark.
    Mark(super::marks::QualityMark),
    /// A score on under a third of its items: an outline in its band's colour
    /// (`None`: in the neutral ink, for a legend).
    Thin(Option<Band>),
}

/// A swatch in one of the looks (also used by other charts' legends).
pub(crate) fn swatch_shapes(scene: &mut Scene, theme: &Theme, rect: Rect, look: Look) {
    match look {
        Look::Mark(mark) => super::marks::draw(scene, mark, rect.center(), (0.0, 0.0), theme.text),
        Look::Band(b) => scene.shapes.push(Shape::Rect {
            rect,
            fill: theme.band(b),
            stroke: None,
        }),
        Look::NotReported => {
            scene.rect(rect, theme.not_reported_fill, None);
            // Three strokes inside the swatch at any size (a small table's swatch
            // too: fixed offsets drew past it, over the text beside it).
            let (w, inset) = (rect.width(), (rect.height() * 0.1).min(1.0));
            for k in 0..3 {
                let x = rect.min.x + w * (0.08 + 0.3 * k as f32);
                scene.line(
                    vec![
                        Point::new(x, rect.max.y - inset),
                        Point::new(x + w * 0.22, rect.min.y + inset),
                    ],
                    Stroke::solid((w / 12.0).clamp(0.6, 1.0), theme.not_reported_hatch),
                );
            }
        }
        Look::Thin(band) => scene.shapes.push(Shape::Rect {
            rect,
            fill: theme.background,
            stroke: Some(Stroke::solid(
                THIN_OUTLINE_PX,
                band.map_or(theme.text_muted, |b| theme.band(b)),
            )),
        }),
        Look::NotReportedPlain => scene.shapes.push(Shape::Rect {
            rect,
            fill: theme.not_reported_fill,
            stroke: None,
        }),
        Look::NoBenchmark | Look::NoBenchmarkSolid => scene.shapes.push(Shape::Rect {
            rect,
            fill: theme.no_benchmark_fill,
            stroke: Some(Stroke {
                width: 1.2,
                color: theme.no_benchmark_stroke,
                dash: matches!(look, Look::NoBenchmark).then_some(3.0),
            }),
        }),
    }
}
