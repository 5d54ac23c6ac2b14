//! One request, one scene: for every chart the app draws, the export dialog
//! opened from that view asks for the same chart, and the scene an export builds
//! from its request (inputs computed afresh, as an export does) equals the one
//! on screen, shape for shape and text for text, at the same size.

use std::sync::Arc;

use crate::common::app::run_until;
use cityprofile::analysis::Analysis;
use cityprofile::app::{CityProfileApp, Command, CompareTab, GapsSettings, Preferences, View};
use cityprofile::chart::gaps::KpiKind;
use cityprofile::chart::{Focus, Scene};
use cityprofile::export::ChartKind;
use cityprofile::model::{DimensionId, ItemId};
use cityprofile::request::{Inputs, Interaction, chart_scene};
use cityprofile::score::PeerChoice;
use cityprofile::workspace::Sources;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

type H = Harness<'static, CityProfileApp>;

/// The app on the samples in a window whose views stay under 800 px on their
/// short side: exports grow their text from 800 px up, the screen does not.
fn harness() -> H {
    let mut app = CityProfileApp::new(Preferences::default(), Analysis::default(), Sources::default());
    app.load_blocking();
    Harness::builder()
        .with_size(egui::vec2(1300.0, 780.0))
        .with_max_steps(200)
        .build_ui_state(|ui, app: &mut CityProfileApp| app.show(ui), app)
}

fn apply(h: &mut H, command: Command) {
    let ctx = h.ctx.clone();
    h.state_mut().apply(command, &ctx);
    h.run();
}

/// The scene the export of the view's chart builds, at the size of `shown`.
fn exported(h: &mut H, view: View, shown: &Scene) -> (ChartKind, Scene) {
    apply(h, Command::OpenExport(view.chart()));
    let app = h.state();
    let ws = app.workspace().expect("loaded").clone();
    let request = app.panels.export.request(&ws).expect("the city is there");
    let inputs = Inputs::compute(&ws, &request);
    let theme = app.session.theme();
    let size = (shown.width, shown.height);
    let scene = chart_scene(&ws, &request, &inputs, &theme, size, &Interaction::default());
    (request.kind, scene)
}

fn assert_same(h: &mut H, view: View, shown: Option<Arc<Scene>>, kind: ChartKind) {
    let shown = shown.expect("the view drew a scene");
    assert!(
        shown.width.min(shown.height) <= 800.0,
        "the export's text would be scaled"
    );
    let (asked, scene) = exported(h, view, &shown);
    assert_eq!(asked, kind, "the export dialog asks for the view's chart");
    assert!(!scene.shapes.is_empty());
    assert_eq!(scene.shapes, shown.shapes, "{kind:?}: the same shapes and texts");
    assert_eq!(scene.hits.len(), shown.hits.len(), "{kind:?}: the same hit regions");
    h.state_mut().panels.export.open = false;
    h.run();
}

fn pick(h: &mut H, city: &str, view: View) {
    h.get_by_label(city).click();
    h.run();
    apply(h, Command::SetView(view));
}

#[test]
fn the_wheel_exported_keeps_the_ring_choice_and_the_opened_dimension() {
    let mut h = harness();
    pick(&mut h, "Pully", View::Wheel);
    apply(&mut h, Command::ShowSubdimensions(false));
    apply(&mut h, Command::Drill(Focus::Dimension(DimensionId(1))));
    run_until(&mut h, |app| app.session.transition.is_none());
    h.run();
    let shown = h.state().panels.wheel.shown_scene();
    assert_same(&mut h, View::Wheel, shown, ChartKind::Wheel);
}

#[test]
fn the_gaps_exported_keep_the_filters_and_the_peer_median() {
    let mut h = harness();
    pick(&mut h, "Lakeside (fictional)", View::Gaps);
    let settings = GapsSettings {
        peers: Some(PeerChoice::All),
        dimension: Some(DimensionId(0)),
        kind: KpiKind::All,
        worst: Some(12),
        group_by_dimension: false,
    };
    apply(&mut h, Command::SetGaps(settings));
    run_until(&mut h, |app| !app.panels.gaps.median_pending());
    h.run();
    let shown = h.state().panels.gaps.shown_scene();
    let median_drawn = shown
        .as_ref()
        .is_some_and(|s| format!("{:?}", s.shapes).contains("Tick: median of"));
    assert!(median_drawn, "the peer median is on the bars");
    assert_same(&mut h, View::Gaps, shown, ChartKind::Gaps);
}

#[test]
fn the_snapshot_radars_and_verification_exported_are_the_views() {
    let mut h = harness();
    pick(&mut h, "Karmoy", View::Snapshot);
    for (label, kind) in [
        ("City Snapshot", ChartKind::Snapshot),
        ("Dimension radars", ChartKind::Radars),
        ("Verification summary", ChartKind::Verification),
    ] {
        h.get_by_label(label).click();
        h.run();
        let shown = h.state().panels.snapshot.shown_scene();
        assert_same(&mut h, View::Snapshot, shown, kind);
    }
}

#[test]
fn the_comparison_and_the_trend_exported_are_the_views() {
    let mut h = harness();
    pick(&mut h, "Lakeside (fictional)", View::Compare);
    run_until(&mut h, |app| app.session.compared().len() >= 2);
    for tab in [CompareTab::Wheels, CompareTab::Radar] {
        h.state_mut().panels.compare.tab = tab;
        h.run();
        let shown = h.state().panels.compare.shown_scene();
        assert_same(&mut h, View::Compare, shown, ChartKind::Compare);
    }
    apply(&mut h, Command::SetView(View::Trends));
    let item = ItemId(3);
    apply(&mut h, Command::SetTrendItem(item));
    let shown = h.state().panels.trends.shown_scene();
    assert_same(&mut h, View::Trends, shown, ChartKind::Trend);
}
