//! Target gaps: one bar per scored item, % of target from 0 to 100 with a line at
//! 100 %, worst first, coloured by band; optionally grouped by dimension,
//! filtered to core or advanced KPIs, or cut to the worst N.

use super::describe::item_summary;
use super::legend::{Look, swatch_shapes};
use super::scene::{Align, Color, Hit, HitArea, HitRegion, Point, Rect, Scene, Shape, Stroke};
use super::text::{fit, text_width};
use super::theme::Theme;
use crate::model::{Catalogue, DimensionId, ItemId};
use crate::score::{Band, Profile};

/// Which KPIs the gaps chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum KpiKind {
    #[default]
    All,
    Core,
    Advanced,
}

/// Options of the gaps chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GapsOptions {
    pub dimension: Option<DimensionId>,
    pub kind: KpiKind,
    /// Only the N worst items.
    pub worst: Option<usize>,
    pub group_by_dimension: bool,
    /// A reference mark on each bar: the median % of target of a peer group (per item), and the group's name.
    pub median: Option<(Vec<Option<f64>>, String)>,
    /// Fit the chart into this height (exports): rows get thinner, down to a
    /// readable minimum, and only the worst that fit are shown.
    pub height: Option<f32>,
    pub hovered: Option<Hit>,
    pub selected: Option<Hit>,
}

const ROW_H: f32 = 20.0;
const MIN_ROW_H: f32 = 11.0;
const HEADER_H: f32 = 34.0;
const GROUP_H: f32 = 26.0;
const FOOT_H: f32 = 40.0;

/// A bar: item, % of target, band.
pub type GapRow = (ItemId, f64, Band);

/// The scored items to show, worst first, in groups (one group when not grouping).
pub fn gap_rows(
    catalogue: &Catalogue,
    profile: &Profile,
    opts: &GapsOptions,
) -> Vec<(Option<DimensionId>, Vec<GapRow>)> {
    let mut rows: Vec<(ItemId, f64, Band, DimensionId)> = catalogue
        .items_in_order()
        .into_iter()
        .filter_map(|id| {
            let score = &profile.items[id.0];
            let (pct, band) = (score.pct()?, score.band()?);
            let dim = catalogue.parents_of(id).2;
            let core = catalogue.kpi_of(id).core;
            let kind_ok = match opts.kind {
                KpiKind::All => true,
                KpiKind::Core => core,
                KpiKind::Advanced => !core,
            };
            (kind_ok && opts.dimension.is_none_or(|d| d == dim)).then_some((id, pct, band, dim))
        })
        .collect();
    rows.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    if let Some(n) = opts.worst {
        rows.truncate(n);
    }
    if !opts.group_by_dimension {
        return vec![(None, rows.into_iter().map(|(i, p, b, _)| (i, p, b)).collect())];
    }
    (0..catalogue.dimensions.len())
        .map(DimensionId)
        .map(|d| {
            (
                Some(d),
                rows.iter()
                    .filter(|r| r.3 == d)
                    .map(|&(i, p, b, _)| (i, p, b))
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, r)| !r.is_empty())
        .collect()
}

/// Builds the gaps chart at `width`; its height follows from the number of bars.
pub fn gaps_scene(catalogue: &Catalogue, profile: &Profile, theme: &Theme, width: f32, opts: &GapsOptions) -> Scene {
    let all_rows: usize = gap_rows(
        catalogue,
        profile,
        &GapsOptions {
            worst: None,
            ..opts.clone()
        },
    )
    .iter()
    .map(|g| g.1.len())
    .sum();
    let mut opts = opts.clone();
    if let Some(h) = opts.height {
        let groups = if opts.group_by_dimension {
            catalogue.dimensions.len()
        } else {
            0
        };
        let room = (h - HEADER_H - FOOT_H - groups as f32 * GROUP_H).max(MIN_ROW_H);
        let fit = (room / MIN_ROW_H).floor() as usize;
        opts.worst = Some(opts.worst.map_or(fit, |n| n.min(fit)));
    }
    let groups = gap_rows(catalogue, profile, &opts);
    let n_rows: usize = groups.iter().map(|g| g.1.len()).sum();
    let group_rows = if opts.group_by_dimension { groups.len() } else { 0 };
    let row_h = match opts.height {
        Some(h) => {
            ((h - HEADER_H - FOOT_H - group_rows as f32 * GROUP_H) / n_rows.max(1) as f32).clamp(MIN_ROW_H, ROW_H)
        }
        None => ROW_H,
    };
    let bar_h = row_h * 0.65;
    let label_px = theme.label_px.min(row_h * 0.62);
    let height = opts
        .height
        .unwrap_or(HEADER_H + n_rows.max(1) as f32 * row_h + group_rows as f32 * GROUP_H + FOOT_H);
    let mut scene = Scene::new(width, height, theme.background);
    let label_w = (width * 0.38).clamp(120.0, 360.0);
    let (x0, x1) = (label_w + 12.0, (width - 56.0).max(label_w + 60.0));
    let x_of = |pct: f64| x0 + (x1 - x0) * (pct as f32 / 100.0);
    let top = HEADER_H;
    let bottom = height - FOOT_H + 6.0;
    // Axis: band edges as light lines, 100 % as a strong one.
    for (pct, strong) in [(0.0, false), (33.0, false), (66.0, false), (95.0, false), (100.0, true)] {
        let x = x_of(pct);
        let stroke = if strong {
            Stroke::solid(1.5, theme.target_line)
        } else {
            Stroke {
                width: 1.0,
                color: theme.grid,
                dash: Some(3.0),
            }
        };
        scene.shapes.push(Shape::Line {
            points: vec![Point::new(x, top - 6.0), Point::new(x, bottom)],
            stroke,
        });
        let text = format!("{pct} %");
        let (x_text, align) = if strong {
            (x + 4.0, Align::Start)
        } else {
            (x, Align::Middle)
        };
        scene.shapes.push(Shape::Text {
            pos: Point::new(x_text, top - 16.0),
            text,
            size: theme.small_px,
            color: theme.text_muted,
            align,
            angle: 0.0,
            bold: strong,
        });
    }
    let mut y = top;
    for (dim, rows) in &groups {
        if let Some(d) = dim {
            scene.shapes.push(Shape::Text {
                pos: Point::new(8.0, y + GROUP_H * 0.6),
                text: catalogue.dimensions[d.0].name.clone(),
                size: theme.label_px + 2.0,
                color: theme.text,
                align: Align::Start,
                angle: 0.0,
                bold: true,
            });
            y += GROUP_H;
        }
        for &(item, pct, band) in rows {
            let row = Rect::from_xywh(0.0, y, width, row_h);
            let label = fit(&catalogue.item_label(item), label_px, label_w - 8.0);
            scene.shapes.push(Shape::Text {
                pos: Point::new(label_w, y + row_h / 2.0),
                text: label,
                size: label_px,
                color: theme.text,
                align: Align::End,
                angle: 0.0,
                bold: false,
            });
            let bar = Rect {
                min: Point::new(x0, y + (row_h - bar_h) / 2.0),
                max: Point::new(x_of(pct).max(x0 + 1.5), y + (row_h + bar_h) / 2.0),
            };
            scene.shapes.push(Shape::Rect {
                rect: bar,
                fill: theme.band(band),
                stroke: None,
            });
            let value = super::describe::pct_text(pct);
            scene.shapes.push(Shape::Text {
                pos: Point::new(bar.max.x + 4.0, y + row_h / 2.0),
                text: value,
                size: theme.small_px,
                color: theme.text_muted,
                align: Align::Start,
                angle: 0.0,
                bold: false,
            });
            if let Some(m) = opts.median.as_ref().and_then(|(m, _)| m.get(item.0).copied().flatten()) {
                let x = x_of(m);
                let tick = Stroke::solid(2.0, theme.text);
                scene.shapes.push(Shape::Line {
                    points: vec![Point::new(x, y + 1.0), Point::new(x, y + row_h - 1.0)],
                    stroke: tick,
                });
            }
            let hit = Hit::Item(item);
            for (state, color, w) in [
                (opts.hovered, theme.text.with_alpha(110), 1.0),
                (opts.selected, theme.selection, 2.0),
            ] {
                if state == Some(hit) {
                    scene.shapes.push(Shape::Rect {
                        rect: Rect {
                            min: Point::new(2.0, row.min.y + 1.0),
                            max: Point::new(width - 2.0, row.max.y - 1.0),
                        },
                        fill: Color::TRANSPARENT,
                        stroke: Some(Stroke::solid(w, color)),
                    });
                }
            }
            scene.hits.push(HitRegion {
                hit,
                area: HitArea::Rect(row),
                label: catalogue.item_label(item),
                value: item_summary(&profile.items[item.0], catalogue),
            });
            y += row_h;
        }
    }
    if n_rows == 0 {
        scene.shapes.push(Shape::Text {
            pos: Point::new(width / 2.0, y + row_h / 2.0),
            text: "No scored KPI: nothing has both a value and a benchmark here".into(),
            size: theme.label_px,
            color: theme.text_muted,
            align: Align::Middle,
            angle: 0.0,
            bold: false,
        });
    }
    footer(
        &mut scene,
        theme,
        profile,
        (n_rows, all_rows),
        height,
        opts.median.as_ref().map(|m| m.1.as_str()),
    );
    scene
}

fn footer(
    scene: &mut Scene,
    theme: &Theme,
    profile: &Profile,
    (shown, scored): (usize, usize),
    height: f32,
    median: Option<&str>,
) {
    let y = height - FOOT_H / 2.0 + 6.0;
    let mut x = 8.0;
    for band in Band::ALL {
        swatch_shapes(scene, theme, Rect::from_xywh(x, y - 6.0, 12.0, 12.0), Look::Band(band));
        scene.shapes.push(Shape::Text {
            pos: Point::new(x + 16.0, y),
            text: band.label().into(),
            size: theme.small_px,
            color: theme.text,
            align: Align::Start,
            angle: 0.0,
            bold: false,
        });
        x += 16.0 + text_width(band.label(), theme.small_px) + 14.0;
    }
    let unscored = profile.items.iter().filter(|i| i.band().is_none()).count();
    let shown = if shown < scored {
        format!("the {shown} worst of {scored} scored shown")
    } else {
        format!("{shown} bars shown")
    };
    let median = median
        .map(|g| format!(" Black tick: median of {g}."))
        .unwrap_or_default();
    let note = format!(
        "100 % = target met.{median} {shown}; {unscored} KPIs and data points have no score (not reported or no benchmark)"
    );
    let note = fit(&note, theme.small_px, (scene.width - x - 8.0).max(0.0));
    scene.shapes.push(Shape::Text {
        pos: Point::new(x + 6.0, y),
        text: note,
        size: theme.small_px,
        color: theme.text_muted,
        align: Align::Start,
        angle: 0.0,
        bold: false,
    });
}
