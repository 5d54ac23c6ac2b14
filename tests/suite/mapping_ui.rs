//! A table whose columns cannot be guessed: the app asks what each column
//! holds, remembers the answer, and loads the data with it (kittest).

use crate::common::app::*;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

use cityprofile::analysis::Analysis;
use cityprofile::app::{CityProfileApp, Preferences};
use cityprofile::workspace::Sources;

#[test]
fn an_unguessable_table_is_mapped_in_the_dialog_and_loads() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("export.csv");
    std::fs::write(
        &path,
        "Ort;Zeitraum;Merkmal;Zahl\nMapstadt;2023;EC: ICT: ICT: 1C;81,5\nMapstadt;2023;EC: ICT: ICT: 2C;40\n",
    )
    .expect("write");
    let analysis = Analysis {
        datasets: vec![path],
        ..Analysis::default()
    };
    let mut h = harness_with(CityProfileApp::new(
        Preferences::default(),
        analysis,
        Sources::default(),
    ));
    h.run();
    assert!(
        h.query_by_label_contains("cannot tell what").is_some(),
        "the dialog asks"
    );
    for (column, role) in [
        ("Zeitraum", "year"),
        ("Merkmal", "KPI (code or name)"),
        ("Zahl", "value"),
    ] {
        h.get_by_role_and_label(Role::ComboBox, column).click();
        h.run();
        h.get_all_by_label(role).last().expect("the option").click();
        h.run();
    }
    h.get_by_label("Load with these columns").click();
    run_until(&mut h, |app| {
        !app.is_loading() && app.session.workspace().is_some_and(|ws| !ws.dataset.cities.is_empty())
    });
    let ws = h.state().session.workspace().expect("workspace").clone();
    let city = ws.dataset.city_by_name("Mapstadt").expect("the mapped city");
    assert_eq!(ws.dataset.years_of(city), vec![2023]);
    assert_eq!(ws.dataset.observations.len(), 2);
    assert_eq!(h.state().session.analysis.mappings.len(), 1, "remembered");
    h.run();
    assert!(h.query_by_label_contains("cannot tell what").is_none(), "asked once");
}
