//! An analysis saved from the app (kittest) and used again: by the command line
//! in a fresh process (the same scores for every city) and by a fresh app (the
//! same city, view and target edits); a changed dataset is said, a moved one asked for.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use crate::common::app::{harness_with, run_until};
use cityprofile::analysis::Analysis;
use cityprofile::app::{CityProfileApp, Command, Preferences, View};
use cityprofile::import::TargetFields;
use cityprofile::model::{CityId, TargetSet, TargetValue};
use cityprofile::workspace::{Sources, Workspace};

/// Two sample files copied into data/ of a fresh folder.
fn data() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().expect("dir");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-cities");
    std::fs::create_dir(dir.path().join("data")).expect("mkdir");
    let paths = ["published-values.csv", "cities.csv"].map(|name| {
        let to = dir.path().join("data").join(name);
        std::fs::copy(samples.join(name), &to).expect("copy");
        to
    });
    (dir, paths.to_vec())
}

fn app_on(datasets: Vec<PathBuf>) -> Harness<'static, CityProfileApp> {
    let analysis = Analysis {
        datasets,
        ..Analysis::default()
    };
    harness_with(CityProfileApp::new(
        Preferences::default(),
        analysis,
        Sources::default(),
    ))
}

/// Target edits as the Targets view makes them (an edit for every city and one for one city).
fn edits(datasets: &[PathBuf], city: &str) -> TargetSet {
    let row = |target: &str, city: &str| TargetFields {
        kpi: "EC: ICT: ICT: 1C".into(),
        target: target.into(),
        city: city.into(),
        source: "our plan".into(),
        ..TargetFields::default()
    };
    let sources = Sources {
        paths: datasets.to_vec(),
        edits: vec![row("97.5", ""), row("12.3456789", city)],
        ..Sources::default()
    };
    let ws = Workspace::load(&sources, &mut |_, _, _| {}).expect("loaded");
    (*ws.edits).clone()
}

/// What a score says of each item (its target and where it comes from) and
/// each aggregate (points), in the command line's JSON keys.
type Scores = (Vec<serde_json::Value>, Vec<(String, u64, u64, u64)>);

/// `city`'s scores from `cityprofile score --analysis FILE --format json`, run as a new process.
fn cli_scores(file: &Path, city: &str) -> Scores {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cityprofile"))
        .args(["score", "--no-cache", "--analysis"])
        .arg(file)
        .args(["--city", city, "--format", "json"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let items = json["items"].as_array().expect("items").iter();
    let keys = ["kpi", "data_point", "target", "target_source"];
    let items = items
        .map(|i| keys.iter().map(|k| (k.to_string(), i[*k].clone())).collect())
        .collect();
    let n = |v: &serde_json::Value| v.as_u64().expect("a count");
    let rows = json["aggregates"].as_array().expect("aggregates").iter();
    let aggregates = rows
        .map(|a| {
            (
                a["name"].as_str().expect("name").to_string(),
                n(&a["points"]),
                n(&a["max_points"]),
                n(&a["scored"]),
            )
        })
        .collect();
    (items, aggregates)
}

/// The same as the app scores it.
fn app_scores(ws: &Workspace, city: CityId) -> Scores {
    let profile = ws.profile(city, None);
    let c = &ws.catalogue;
    let items = profile.items.iter().map(|s| {
        let kpi = &c.kpis[c.items[s.item.index()].kpi.0];
        let target = s.target.as_ref().map_or(serde_json::Value::Null, |t| match t.value {
            TargetValue::Number(v) => serde_json::json!(v),
            TargetValue::Flag(f) => serde_json::json!(if f { "Yes" } else { "No" }),
        });
        serde_json::json!({
            "kpi": kpi.code,
            "data_point": c.items[s.item.index()].data_point,
            "target": target,
            "target_source": s.target.as_ref().map(|t| t.source.as_str()),
        })
    });
    let aggregates = profile
        .aggregates()
        .map(|a| (a.name.clone(), a.points.into(), a.max_points.into(), a.scored.into()))
        .collect();
    (items.collect(), aggregates)
}

#[test]
fn an_analysis_saved_in_the_app_scores_the_same_in_the_cli_and_reopens_as_it_was() {
    let (dir, datasets) = data();
    let file = dir.path().join("study.cityprofile");
    let mut h = app_on(datasets.clone());
    let ctx = h.ctx.clone();
    let ws = h.state().workspace().expect("loaded").clone();
    let mut names: Vec<String> = ws.dataset.cities.iter().map(|c| c.name.clone()).collect();
    names.sort();
    let shown = names
        .iter()
        .rev()
        .find(|n| Some(n.as_str()) != h.state().city_name())
        .expect("another city")
        .clone();
    let edits = edits(&datasets, &shown);
    assert_eq!(edits.len(), 2);
    let app = h.state_mut();
    app.apply(Command::SetEdits(edits.clone()), &ctx);
    app.apply(
        Command::SelectCity(ws.city_ref(ws.dataset.city_by_name(&shown).expect("city"))),
        &ctx,
    );
    app.apply(Command::SetView(View::Gaps), &ctx);
    app.apply(Command::SaveAnalysisTo(file.clone()), &ctx);
    h.run();
    assert_eq!(h.state().analysis_name().as_deref(), Some("study.cityprofile"));
    assert!(!h.state().session.unsaved());
    let edited = h.state().workspace().expect("loaded").clone();
    let id = edited.dataset.city_by_name(&shown).expect("city");
    assert_ne!(
        app_scores(&edited, id),
        app_scores(&ws, id),
        "the edits change the scores"
    );
    for name in &names {
        let id = edited.dataset.city_by_name(name).expect("city");
        assert_eq!(cli_scores(&file, name), app_scores(&edited, id), "{name}");
    }
    let mut fresh = app_on(Vec::new());
    let ctx = fresh.ctx.clone();
    fresh.state_mut().apply(Command::OpenAnalysis(file.clone()), &ctx);
    run_until(&mut fresh, |app| {
        !app.is_loading() && app.workspace().is_some_and(|w| w.edits.len() == 2)
    });
    fresh.run();
    let app = fresh.state();
    assert_eq!(app.city_name(), Some(shown.as_str()));
    assert_eq!(app.session.analysis.view, View::Gaps);
    let reopened = app.workspace().expect("loaded");
    assert_eq!(*reopened.edits, edits);
    let id = reopened.dataset.city_by_name(&shown).expect("city");
    assert_eq!(app_scores(reopened, id), app_scores(&edited, id));
    assert!(!app.session.unsaved(), "as saved");
}

#[test]
fn a_changed_dataset_is_said_and_a_moved_one_is_asked_for() {
    let (dir, datasets) = data();
    let file = dir.path().join("study.cityprofile");
    let mut h = app_on(datasets.clone());
    let ctx = h.ctx.clone();
    h.state_mut().apply(Command::SaveAnalysisTo(file.clone()), &ctx);
    let mut values = std::fs::read_to_string(&datasets[0]).expect("read");
    values.push_str(&values.lines().nth(1).expect("a row").replace("2020", "2099"));
    values.push('\n');
    std::fs::write(&datasets[0], values).expect("write");
    std::fs::rename(&datasets[1], dir.path().join("cities.csv")).expect("move");
    let mut fresh = app_on(Vec::new());
    let ctx = fresh.ctx.clone();
    fresh.state_mut().apply(Command::OpenAnalysis(file), &ctx);
    fresh.run();
    assert!(fresh.state().asking_for_missing_file());
    assert!(fresh.query_by_label_contains("Where is cities.csv now?").is_some());
    fresh.get_by_label("Skip").click();
    fresh.run();
    run_until(&mut fresh, |app| !app.is_loading() && !app.asking_for_missing_file());
    let app = fresh.state();
    assert_eq!(app.session.analysis.datasets.len(), 1, "skipped");
    assert!(app.session.unsaved(), "a skipped file is a change to the analysis");
    let said = app.session.notices.iter().map(|n| n.text.clone()).collect::<Vec<_>>();
    assert!(
        said.iter()
            .any(|t| t.contains("published-values.csv changed since the analysis was saved")),
        "{said:?}"
    );
}

/// Closing with changes the analysis file does not hold asks first; Cancel
/// keeps the window; File › Save analysis saves to the analysis' file.
#[test]
fn closing_with_unsaved_changes_asks_and_save_analysis_saves() {
    let (dir, datasets) = data();
    let file = dir.path().join("study.cityprofile");
    let mut h = app_on(datasets);
    let ctx = h.ctx.clone();
    h.state_mut().apply(Command::SaveAnalysisTo(file.clone()), &ctx);
    h.state_mut().apply(Command::SetView(View::Table), &ctx);
    h.run();
    assert!(h.state().session.unsaved());
    let close = |h: &mut Harness<'_, CityProfileApp>| {
        let root = h.input_mut().viewports.entry(egui::ViewportId::ROOT).or_default();
        root.events.push(egui::ViewportEvent::Close);
        h.run();
    };
    close(&mut h);
    assert!(
        h.query_by_label_contains("Save the changes to study.cityprofile?")
            .is_some()
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label_contains("Save the changes to").is_none());
    assert!(h.state().session.unsaved(), "nothing saved on Cancel");
    h.get_by_label("File").click();
    h.run();
    let save = h
        .query_all_by_label_contains("Save analysis")
        .find(|n| !n.accesskit_node().label().unwrap_or_default().contains(" as"));
    save.expect("Save analysis in the File menu").click();
    h.run();
    assert!(!h.state().session.unsaved());
    let reopened = cityprofile::analysis::open(&file).expect("opened").analysis;
    assert_eq!(reopened.view, View::Table);
    close(&mut h);
    assert!(
        h.query_by_label_contains("Save the changes to").is_none(),
        "nothing to ask"
    );
}
