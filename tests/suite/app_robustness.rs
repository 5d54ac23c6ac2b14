//! The app under the sequences that broke it: a dataset removed while comparing,
//! a load that dies, exports of every chart from the dialog, and a file dialog
//! on a machine without the desktop's.

use std::path::PathBuf;
use std::sync::Arc;

use crate::common::app::{harness_with, run_until};
use cityprofile::analysis::Analysis;
use cityprofile::app::{CityProfileApp, Command, Preferences, View};
use cityprofile::export::ChartKind;
use cityprofile::workspace::Sources;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-cities")
}

fn app_on(datasets: Vec<PathBuf>) -> CityProfileApp {
    let analysis = Analysis {
        datasets,
        ..Analysis::default()
    };
    CityProfileApp::new(Preferences::default(), analysis, Sources::default())
}

/// Every city the session keeps belongs to the current workspace.
fn assert_ids_valid(h: &Harness<'_, CityProfileApp>) {
    let app = h.state();
    let ws = app.workspace().expect("loaded");
    let n = ws.dataset.cities.len();
    assert!(app.session.city().is_none_or(|c| c.index() < n));
    for c in app.session.compared() {
        assert!(c.index() < n, "compared city {c:?} of {n}");
    }
}

/// The crash of the issue: sample cities plus a second dataset, Compare on the
/// peer group "All cities", then the first dataset removed with its ×.
#[test]
fn removing_a_dataset_while_comparing_keeps_the_app_alive() {
    let dir = tempfile::tempdir().expect("dir");
    let second = dir.path().join("more.csv");
    std::fs::write(
        &second,
        "city,year,kpi,value\nAlpha,2022,EC: ICT: ICT: 1C,80\nBeta,2022,EC: ICT: ICT: 1C,60\n",
    )
    .expect("write");
    let mut h = harness_with(app_on(vec![samples(), second.clone()]));
    h.run();
    h.get_by_label("Alpha").click();
    h.run();
    h.get_by_label("Compare").click();
    h.run();
    h.get_by_label("Peer group").click();
    h.run();
    h.get_by_label_contains("All cities (").click();
    h.run();
    assert!(h.state().session.compared().len() >= 3, "compared with all cities");
    h.get_by_label("Heatmap").click();
    h.run();
    // Remove the sample cities: the remaining workspace has 2 cities.
    h.get_all_by_label("×").next().expect("the first dataset's ×").click();
    h.run();
    h.state_mut().finish_load_blocking().expect("reloaded");
    h.run();
    assert_eq!(h.state().session.analysis.datasets, vec![second]);
    assert_eq!(h.state().workspace().expect("loaded").dataset.cities.len(), 2);
    assert_ids_valid(&h);
    assert_eq!(h.state().city_name(), Some("Alpha"), "the city shown is kept by name");
    let compared: Vec<String> = {
        let app = h.state();
        let ws = app.workspace().expect("loaded");
        let ids = app.session.compared();
        ids.iter().map(|c| ws.dataset.cities[c.index()].name.clone()).collect()
    };
    assert_eq!(
        compared,
        ["Alpha", "Beta"],
        "the compared cities that remain are kept, the others dropped"
    );
    for tab in ["Small wheels", "Radar", "Heatmap"] {
        h.get_by_label(tab).click();
        h.run();
    }
}

/// A load whose thread dies is an error on screen at once, not "Loading..." for ever.
#[test]
fn a_load_that_dies_is_shown_as_an_error() {
    let app = app_on(Vec::new()).with_loader(Arc::new(|_, _| panic!("the disk went away")));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1200.0, 800.0))
        .build_ui_state(|ui, app: &mut CityProfileApp| app.show(ui), app);
    run_until(&mut h, |app| !app.session.notices.is_empty());
    assert!(!h.state().is_loading());
    let notice = &h.state().session.notices[0];
    assert!(
        notice.error && notice.text.contains("The load failed: the disk went away"),
        "{notice:?}"
    );
    h.run();
    assert!(
        h.query_by_label_contains("The load failed").is_some(),
        "the error is on screen"
    );
    assert!(h.query_by_label("Loading…").is_none());
    // Blocking callers get the error too, instead of a spin.
    let mut app = app_on(Vec::new()).with_loader(Arc::new(|_, _| panic!("again")));
    app.start_load(&egui::Context::default());
    assert!(app.finish_load_blocking().expect_err("failed").contains("again"));
}

fn wait_for_export(h: &mut Harness<'_, CityProfileApp>) -> String {
    run_until(h, |app| !app.panels.export.busy());
    match h.state().panels.export.status.clone().expect("an outcome") {
        Ok(text) => text,
        Err(text) => panic!("export failed: {text}"),
    }
}

/// Compare and Trend can be exported from the dialog; a trend file is named after its KPI.
#[test]
fn the_dialog_exports_compare_and_trend_charts() {
    let mut h = harness_with(app_on(Vec::new()));
    h.run();
    h.get_by_label("Lakeside (fictional)").click();
    h.run();
    h.get_by_label("Trends").click();
    h.run();
    h.get_by_label_contains("Air Pollution: PM2.5").click_accesskit();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    assert_eq!(h.state().panels.export.spec().chart, ChartKind::Trend);
    let dir = tempfile::tempdir().expect("dir");
    let path = h.state().panels.export.path.clone();
    assert!(
        path.ends_with("lakeside-fictional-trend-en-en-aq-1c-pm2-5-2024.png"),
        "{path}"
    );
    h.state_mut().panels.export.path = dir.path().join("pm25.png").display().to_string();
    h.get_by_label("Save").click();
    assert!(wait_for_export(&mut h).contains("pm25.png"));
    // The comparison: the cities of the Compare view.
    h.get_all_by_label("Compare").next().expect("view tab").click();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    assert_eq!(h.state().panels.export.spec().chart, ChartKind::Compare);
    assert!(
        h.query_all_by_label_contains("Lakeside (fictional), ").count() >= 1,
        "the cities are listed"
    );
    h.get_by_label("SVG").click();
    h.run();
    h.state_mut().panels.export.path = dir.path().join("compare.svg").display().to_string();
    h.get_by_label("Save").click();
    wait_for_export(&mut h);
    let svg = std::fs::read_to_string(dir.path().join("compare.svg")).expect("written");
    let app = h.state();
    let ws = app.workspace().expect("loaded");
    let compared = app.session.compared();
    assert!(compared.len() >= 2);
    for city in compared {
        let name = cityprofile::render::escape_xml(&ws.dataset.cities[city.index()].name);
        assert!(svg.contains(&name), "{name} is in the exported comparison");
    }
}

/// With the built-in browser (as on a machine without a desktop portal or zenity),
/// Open… shows the app's own file browser, which opens the chosen file.
#[test]
fn the_built_in_file_browser_opens_a_file() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("values.csv");
    std::fs::write(&file, "city,year,kpi,value\nGamma,2021,EC: ICT: ICT: 1C,70\n").expect("write");
    let mut app = app_on(Vec::new());
    app.session.prefs.builtin_file_browser = true;
    app.session.prefs.recent = vec![file.clone()];
    let mut h = harness_with(app);
    h.run();
    h.get_by_label("Open…").click();
    h.run();
    assert!(h.state().file_dialog_open());
    h.get_by_label_contains("values.csv").click();
    h.run();
    h.get_by_label("Open").click();
    h.run();
    assert!(!h.state().file_dialog_open());
    h.state_mut().finish_load_blocking().expect("loaded");
    h.run();
    assert_eq!(h.state().session.analysis.datasets, vec![file]);
    assert_eq!(h.state().city_name(), Some("Gamma"));
    assert_eq!(h.state().session.analysis.view, View::Wheel);
    let ctx = h.ctx.clone();
    h.state_mut().apply(Command::Open(Vec::new()), &ctx);
    h.state_mut().finish_load_blocking().expect("samples again");
}
