//! Target gaps: one bar per scored item, % of target from 0 to 100 with a line at
//! 100 %, worst first, coloured by band; optionally grouped by dimension,
//! filtered to core or advanced KPIs, or cut to the worst N.

use super::describe::item_summary;
use super::legend::{Look, swatch_shapes};
use super::marks::{MARK_RADIUS, QualityMark, draw};
use super::scene::{Align, Color, Hit, HitArea, HitRegion, Point, Rect, Scene, Stroke};
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
pub(crate) struct GapsOptions {
    pub dimension: Option<DimensionId>,
    pub kind: KpiKind,
    /// Only the N worst items.
    pub worst: Option<usize>,
    pub group_by_dimension: bool,
    /// A reference mark on each bar: the median % of target of a peer group (per item), and the group's name.
    pub median: Option<(Vec<Option<f64>>, String)>,
    /// Fit the chart into this height (exports): rows get thinner, down to a
    /// readable minimum, and only the worst that fit are shown (the caption says so).
    pub height: Option<f32>,
    /// Leave out the `skip` worst first: a page that continues another.
    pub skip: usize,
    /// More bars follow on a next page (the caption says so).
    pub continued: bool,
    pub hovered: Option<Hit>,
    pub selected: Option<Hit>,
    /// Data-quality and verification marks after each bar's value.
    pub marks: bool,
}

/// Names, values and the axis share one text size (the theme's small text), so
/// a long chart never has 7 px names beside 20 px values; rows are at most
/// `ROW_LINES` and at least `MIN_ROW_LINES` of it tall.
const ROW_LINES: f32 = 1.9;
const MIN_ROW_LINES: f32 = 1.45;

/// Text size, row heights and the bands above and below the bars.
#[derive(Debug, Clone, Copy)]
struct Sizes {
    px: f32,
    row_h: f32,
    min_row_h: f32,
    /// The caption line and the axis labels.
    header_h: f32,
    group_h: f32,
    foot_h: f32,
}

impl Sizes {
    fn of(theme: &Theme) -> Sizes {
        let px = theme.small_px;
        Sizes {
            px,
            row_h: px * ROW_LINES,
            min_row_h: px * MIN_ROW_LINES,
            header_h: px * 3.6,
            group_h: (theme.label_px + 2.0) * 2.3,
            foot_h: px * 4.0,
        }
    }
}

/// How many bars fit in `height` at the smallest readable row (exports that continue
/// on further pages cut there).
pub(crate) fn bars_fitting(catalogue: &Catalogue, theme: &Theme, height: f32, group_by_dimension: bool) -> usize {
    let z = Sizes::of(theme);
    let groups = if group_by_dimension {
        catalogue.dimensions.len()
    } else {
        0
    };
    let room = height - z.header_h - z.foot_h - groups as f32 * z.group_h;
    ((room / z.min_row_h).floor() as usize).max(1)
}

/// A bar: item, % of target, band.
pub(crate) type GapRow = (ItemId, f64, Band);

/// The scored items to show, worst first, in groups (one group when not grouping).
pub(crate) fn gap_rows(
    catalogue: &Catalogue,
    profile: &Profile,
    opts: &GapsOptions,
) -> Vec<(Option<DimensionId>, Vec<GapRow>)> {
    let mut rows: Vec<(ItemId, f64, Band, DimensionId)> = catalogue
        .items_in_order()
        .into_iter()
        .filter_map(|id| {
            let score = &profile.items[id.index()];
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
    rows.drain(..opts.skip.min(rows.len()));
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

/// Where things go in the gaps chart.
struct GapsLayout {
    width: f32,
    height: f32,
    sizes: Sizes,
    row_h: f32,
    label_w: f32,
    /// The bars' 0 % and 100 % x; the values stand in a column right of 100 %, so
    /// they never cross the target line or each other.
    x0: f32,
    x1: f32,
}

impl GapsLayout {
    fn x_of(&self, pct: f64) -> f32 {
        self.x0 + (self.x1 - self.x0) * (pct.clamp(0.0, 100.0) as f32 / 100.0)
    }
}

/// In a fixed height (exports), only the worst that fit are shown.
fn fitted_options(catalogue: &Catalogue, theme: &Theme, opts: &GapsOptions) -> GapsOptions {
    let mut opts = opts.clone();
    if let Some(h) = opts.height {
        let fit = bars_fitting(catalogue, theme, h, opts.group_by_dimension);
        opts.worst = Some(opts.worst.map_or(fit, |n| n.min(fit)));
    }
    opts
}

fn layout(theme: &Theme, width: f32, opts: &GapsOptions, n_rows: usize, group_rows: usize) -> GapsLayout {
    let z = Sizes::of(theme);
    let groups_h = group_rows as f32 * z.group_h;
    let row_h = match opts.height {
        Some(h) => ((h - z.header_h - z.foot_h - groups_h) / n_rows.max(1) as f32).clamp(z.min_row_h, z.row_h),
        None => z.row_h,
    };
    let height = opts
        .height
        .unwrap_or(z.header_h + n_rows.max(1) as f32 * row_h + groups_h + z.foot_h);
    let label_w = (width * 0.38).clamp(120.0, 360.0);
    let marks_w = if opts.marks { MARK_RADIUS * 2.8 + 8.0 } else { 0.0 };
    let values_w = text_width("100 %", z.px) + marks_w + 14.0;
    GapsLayout {
        width,
        height,
        sizes: z,
        row_h,
        label_w,
        x0: label_w + 12.0,
        x1: (width - values_w).max(label_w + 60.0),
    }
}

/// Builds the gaps chart at `width`; its height follows from the number of bars.
pub(crate) fn gaps_scene(
    catalogue: &Catalogue,
    profile: &Profile,
    theme: &Theme,
    width: f32,
    opts: &GapsOptions,
) -> Scene {
    let unlimited = GapsOptions {
        worst: None,
        ..opts.clone()
    };
    let all_rows: usize = gap_rows(catalogue, profile, &GapsOptions { skip: 0, ..unlimited })
        .iter()
        .map(|g| g.1.len())
        .sum();
    let opts = fitted_options(catalogue, theme, opts);
    let groups = gap_rows(catalogue, profile, &opts);
    let n_rows: usize = groups.iter().map(|g| g.1.len()).sum();
    let group_rows = if opts.group_by_dimension { groups.len() } else { 0 };
    let lay = layout(theme, width, &opts, n_rows, group_rows);
    let mut scene = Scene::new(width, lay.height, theme.background);
    let caption = caption((opts.skip, n_rows, all_rows), opts.continued);
    scene.bold_text(
        Point::new(8.0, lay.sizes.px * 0.9),
        fit(&caption, lay.sizes.px, width - 16.0),
        lay.sizes.px,
        theme.text,
        Align::Start,
    );
    axis(&mut scene, theme, &lay);
    let mut y = lay.sizes.header_h;
    for (dim, rows) in &groups {
        if let Some(d) = dim {
            let pos = Point::new(8.0, y + lay.sizes.group_h * 0.6);
            let name = catalogue.dimensions[d.0].name.clone();
            scene.bold_text(pos, name, theme.label_px + 2.0, theme.text, Align::Start);
            y += lay.sizes.group_h;
        }
        for &row in rows {
            bar_row(&mut scene, (catalogue, profile, theme), &lay, &opts, row, y);
            y += lay.row_h;
        }
    }
    if n_rows == 0 {
        let text = "No scored KPI: nothing has both a value and a benchmark here";
        let pos = Point::new(width / 2.0, y + lay.row_h / 2.0);
        scene.text(pos, text, theme.label_px, theme.text_muted, Align::Middle);
    }
    let median = opts.median.as_ref().map(|m| m.1.as_str());
    footer(&mut scene, theme, profile, &lay, median);
    scene
}

/// What the bars are, said above them (never only in a footnote): "105 scored
/// KPIs and data points, worst first", "The 40 worst of 105 scored", "Bars 41-80
/// of 105 scored, worst first (continued)".
fn caption((skip, shown, all): (usize, usize, usize), continued: bool) -> String {
    let more = if continued { "; continued on the next page" } else { "" };
    if skip > 0 {
        let last = skip + shown;
        return format!(
            "Bars {}-{last} of {all} scored, worst first (continued){more}",
            skip + 1
        );
    }
    if shown < all {
        return format!("The {shown} worst of {all} scored KPIs and data points{more}");
    }
    match all {
        1 => "1 scored KPI or data point".to_string(),
        n => format!("{n} scored KPIs and data points, worst first"),
    }
}

/// Band edges as light dashed lines, 100 % as a strong one, each with its label.
fn axis(scene: &mut Scene, theme: &Theme, lay: &GapsLayout) {
    let (top, bottom) = (lay.sizes.header_h, lay.height - lay.sizes.foot_h + 6.0);
    for (pct, strong) in [(0.0, false), (33.0, false), (66.0, false), (95.0, false), (100.0, true)] {
        let x = lay.x_of(pct);
        let stroke = if strong {
            Stroke::solid(1.5, theme.target_line)
        } else {
            Stroke {
                width: 1.0,
                color: theme.grid,
                dash: Some(3.0),
            }
        };
        scene.line(vec![Point::new(x, top - 6.0), Point::new(x, bottom)], stroke);
        let (x_text, align) = if strong {
            (x + 4.0, Align::Start)
        } else {
            (x, Align::Middle)
        };
        let pos = Point::new(x_text, top - lay.sizes.px * 1.1);
        scene.text_weighted(pos, format!("{pct} %"), lay.sizes.px, theme.text_muted, align, strong);
    }
}

/// One item's row at `y`: label, bar, value, median tick, hover/selection frame, hit region.
fn bar_row(
    scene: &mut Scene,
    (catalogue, profile, theme): (&Catalogue, &Profile, &Theme),
    lay: &GapsLayout,
    opts: &GapsOptions,
    (item, pct, band): GapRow,
    y: f32,
) {
    let (row_h, mid, px) = (lay.row_h, y + lay.row_h / 2.0, lay.sizes.px);
    let label = fit(&catalogue.item_label(item), px, lay.label_w - 8.0);
    scene.text(Point::new(lay.label_w, mid), label, px, theme.text, Align::End);
    let bar_h = row_h * 0.65;
    let bar = Rect {
        min: Point::new(lay.x0, y + (row_h - bar_h) / 2.0),
        max: Point::new(lay.x_of(pct).max(lay.x0 + 1.5), y + (row_h + bar_h) / 2.0),
    };
    scene.rect(bar, theme.band(band), None);
    let value = super::describe::pct_text(pct);
    let value_x = lay.x1 + 8.0;
    let value_w = text_width(&value, px);
    scene.text(Point::new(value_x, mid), value, px, theme.text_muted, Align::Start);
    if let Some(mark) = opts
        .marks
        .then(|| QualityMark::of(&profile.items[item.index()]))
        .flatten()
    {
        let at = Point::new(value_x + value_w + 7.0, mid);
        draw(scene, mark, at, (MARK_RADIUS * 2.8, 0.0), theme.text);
    }
    if let Some(m) = opts
        .median
        .as_ref()
        .and_then(|(m, _)| m.get(item.index()).copied().flatten())
    {
        let x = lay.x_of(m);
        scene.line(
            vec![Point::new(x, y + 1.0), Point::new(x, y + row_h - 1.0)],
            Stroke::solid(2.0, theme.text),
        );
    }
    let (hit, row) = (Hit::Item(item), Rect::from_xywh(0.0, y, lay.width, row_h));
    for (state, color, w) in [
        (opts.hovered, theme.text.with_alpha(110), 1.0),
        (opts.selected, theme.selection, 2.0),
    ] {
        if state == Some(hit) {
            let frame = Rect {
                min: Point::new(2.0, row.min.y + 1.0),
                max: Point::new(lay.width - 2.0, row.max.y - 1.0),
            };
            scene.rect(frame, Color::TRANSPARENT, Some(Stroke::solid(w, color)));
        }
    }
    scene.hits.push(HitRegion {
        hit,
        area: HitArea::Rect(row),
        label: catalogue.item_label(item),
        value: item_summary(&profile.items[item.index()], catalogue),
    });
}

/// The band legend, and what the line, the tick and the missing bars mean.
fn footer(scene: &mut Scene, theme: &Theme, profile: &Profile, lay: &GapsLayout, median: Option<&str>) {
    let px = lay.sizes.px;
    let y = lay.height - lay.sizes.foot_h / 2.0 + 6.0;
    let mut x = 8.0;
    for band in Band::ALL {
        swatch_shapes(
            scene,
            theme,
            Rect::from_xywh(x, y - px * 0.6, px * 1.2, px * 1.2),
            Look::Band(band),
        );
        scene.text(Point::new(x + px * 1.6, y), band.label(), px, theme.text, Align::Start);
        x += px * 1.6 + text_width(band.label(), px) + px * 1.4;
    }
    let unscored = profile.items.iter().filter(|i| i.band().is_none()).count();
    let median = median.map(|g| format!(" Tick: median of {g}.")).unwrap_or_default();
    let note = format!(
        "100 % = target met.{median} {unscored} KPIs and data points have no score (not reported or no benchmark)."
    );
    let note = fit(&note, px, (scene.width - x - 8.0).max(0.0));
    scene.text(Point::new(x + 6.0, y), note, px, theme.text_muted, Align::Start);
}
