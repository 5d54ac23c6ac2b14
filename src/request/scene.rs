//! The one function from a request to a scene.

use super::{ChartKind, ChartRequest, CompareLayout, Inputs, Interaction};
use crate::chart::compare::{compare_scene, radar_scene, wheels_scene};
use crate::chart::gaps::{GapsOptions, gaps_scene};
use crate::chart::radars::radars_scene;
use crate::chart::scene::{Align, Rect, Stroke};
use crate::chart::snapshot::snapshot_scene;
use crate::chart::table::{Table, TableStyle};
use crate::chart::text::text_width;
use crate::chart::trend_chart::trend_scene;
use crate::chart::verification::verification_scene;
use crate::chart::{Scene, Theme, WheelOptions, wheel_scene};
use crate::model::ItemId;
use crate::workspace::Workspace;

/// The chart a request asks for, `width` × `height` (a gaps chart and a table
/// of every KPI fit their rows into the height; see [`natural_height`]).
/// `live` adds the screen's highlights; exports pass `Interaction::default()`.
/// The report is a document of pages, not one chart: it is built by the export.
pub fn chart_scene(
    ws: &Workspace,
    request: &ChartRequest,
    inputs: &Inputs,
    theme: &Theme,
    size: (f32, f32),
    live: &Interaction,
) -> Scene {
    let mut scene = bare_scene(ws, request, inputs, theme, size, live);
    // A comparison and a trend show the data; every picture of the city's
    // profile with hypothetical values carries the badge.
    let hypothetical = inputs.profile.hypothetical();
    if hypothetical > 0 && !matches!(request.kind, ChartKind::Compare | ChartKind::Trend) {
        whatif_badge(&mut scene, theme, hypothetical);
    }
    scene
}

/// "WHAT-IF: 2 hypothetical values, not data", in the top right corner.
fn whatif_badge(scene: &mut Scene, theme: &Theme, count: usize) {
    let plural = if count == 1 { "" } else { "s" };
    let text = format!("WHAT-IF: {count} hypothetical value{plural}, not data");
    let px = theme.label_px;
    let (w, h) = (text_width(&text, px) + px * 1.6, px * 2.0);
    let rect = Rect::from_xywh(scene.width - w - 4.0, 4.0, w, h);
    scene.rect(rect, theme.whatif, Some(Stroke::solid(1.5, theme.text)));
    let ink = theme.text_on(theme.whatif);
    scene.bold_text(rect.center(), text, px, ink, Align::Middle);
}

fn bare_scene(
    ws: &Workspace,
    request: &ChartRequest,
    inputs: &Inputs,
    theme: &Theme,
    (width, height): (f32, f32),
    live: &Interaction,
) -> Scene {
    let (c, profile) = (&ws.catalogue, &*inputs.profile);
    match request.kind {
        ChartKind::Wheel => {
            let info = &ws.dataset.cities[request.city.index()];
            let opts = wheel_options(request, live);
            wheel_scene(c, profile, info, theme, width, height, &opts)
        }
        ChartKind::Gaps => gaps_scene(
            c,
            profile,
            theme,
            width,
            &gaps_options(request, inputs, live, Some(height)),
        ),
        ChartKind::Compare => {
            let (d, profiles) = (&ws.dataset, inputs.profiles.as_slice());
            match request.view.compare {
                CompareLayout::WheelsAndRadar => compare_scene(c, d, profiles, theme, width, height),
                CompareLayout::Wheels => wheels_scene(c, d, profiles, theme, width, height, request.legend),
                CompareLayout::Radar => radar_scene(c, d, profiles, theme, width, height),
            }
        }
        ChartKind::Trend => {
            let (city, year) = (request.city, profile.year);
            let targets = ws.targets_for(city, year);
            let item = request.kpi.unwrap_or(ItemId(0));
            trend_scene(c, &ws.dataset, &targets, city, item, year, theme, (width, height))
        }
        ChartKind::Snapshot => snapshot_scene(c, profile, theme, width, height, request.legend),
        ChartKind::Radars => radars_scene(c, profile, theme, width, height),
        ChartKind::Verification => verification_scene(c, profile, theme, width, height),
        ChartKind::Table | ChartKind::Report => {
            let table = Table::new(c, profile, width, TableStyle::for_theme(theme));
            table.scene(theme, 0..table.len())
        }
    }
}

/// The wheel's options: the view's ring choice and focus, the screen's highlights.
fn wheel_options(request: &ChartRequest, live: &Interaction) -> WheelOptions {
    WheelOptions {
        show_subdimensions: request.view.show_subdimensions,
        focus: request.view.focus,
        transition: live.transition,
        selected: live.selected,
        hovered: live.hovered,
        legend: request.legend,
        labels: true,
        marks: request.view.marks,
    }
}

/// The gaps chart's options: the view's filters, grouping and peer median, fitted
/// into `height` when given (pages of an export start from these).
pub(crate) fn gaps_options(
    request: &ChartRequest,
    inputs: &Inputs,
    live: &Interaction,
    height: Option<f32>,
) -> GapsOptions {
    let gaps = request.view.gaps;
    GapsOptions {
        dimension: gaps.dimension,
        kind: gaps.kind,
        worst: gaps.worst,
        group_by_dimension: gaps.group_by_dimension,
        median: inputs.median.as_deref().map(|m| (m.pct.clone(), m.group.clone())),
        height,
        hovered: live.hovered,
        selected: live.selected,
        marks: request.view.marks,
        ..GapsOptions::default()
    }
}

/// The height a gaps chart takes at `width` with every bar the view shows at its
/// full row height (the screen scrolls it); other charts have none of their own.
pub fn natural_height(
    ws: &Workspace,
    request: &ChartRequest,
    inputs: &Inputs,
    theme: &Theme,
    width: f32,
) -> Option<f32> {
    (request.kind == ChartKind::Gaps).then(|| {
        let opts = gaps_options(request, inputs, &Interaction::default(), None);
        gaps_scene(&ws.catalogue, &inputs.profile, theme, width, &opts).height
    })
}
