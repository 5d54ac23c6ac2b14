//! The Index view, driven as a user would (kittest): the ranking appears with its
//! uncertainty, a weights preset re-ranks at once, the chart names every city.

use crate::common::app::*;
use egui_kittest::kittest::{NodeT, Queryable};

use cityprofile::app::{Command, View};
use cityprofile::score::index::{IndexSettings, Rules, WeightBase, Weights, nominal};

/// Shows Lakeside's Index view and waits for its uncertainty runs.
fn open_index_on_lakeside(h: &mut egui_kittest::Harness<'_, cityprofile::app::CityProfileApp>) {
    let ctx = h.ctx.clone();
    let lakeside = {
        let ws = h.state().workspace().expect("loaded");
        ws.city_ref(ws.dataset.city_by_name("Lakeside (fictional)").expect("city"))
    };
    h.state_mut().apply(Command::SelectCity(lakeside), &ctx);
    h.state_mut().apply(Command::SetView(View::Index), &ctx);
    run_until(h, |app| app.panels.index.uncertainty_ready());
}

#[test]
fn the_index_ranks_the_peers_and_follows_the_weights() {
    let mut h = harness();
    open_index_on_lakeside(&mut h);
    h.run();
    let result = h.state().panels.index.result().expect("an index");
    assert_eq!(
        result.cities.len(),
        6,
        "the six fictional cities; real ones are never ranked with them"
    );
    assert!(result.cities.iter().all(|c| c.rank.is_some()));
    // Every ranked city is on the chart, for the pointer and screen readers.
    for city in &result.cities {
        // The sidebar lists the city too: the chart's region is the one with a value.
        let value = h
            .query_all_by_label(&city.name)
            .filter_map(|n| n.accesskit_node().value().map(|v| v.to_string()))
            .find(|v| v.starts_with("rank "))
            .unwrap_or_default();
        assert!(
            value.contains(&format!("rank {}", city.rank.unwrap_or(0))),
            "{}: {value}",
            city.name
        );
        assert!(value.contains("median rank"), "{}: {value}", city.name);
    }

    // Per level: the next frame shows the re-ranked index, the runs follow.
    h.get_by_label("Per level").click();
    h.step();
    h.step();
    let after = h.state().panels.index.result().expect("an index");
    let ws = h.state().workspace().expect("loaded").clone();
    let members: Vec<_> = result.cities.iter().map(|c| c.city).collect();
    let expected = nominal(
        &ws.index_input(&members, Some(2024)),
        &IndexSettings {
            method: Default::default(),
            weights: Weights::preset(WeightBase::PerLevel, &ws.catalogue),
            rules: Rules::default(),
        },
    );
    assert_eq!(after.cities, expected.cities);
    assert_ne!(after.cities, result.cities, "per level weighs differently from per KPI");
    assert!(
        !h.state().panels.index.uncertainty_ready(),
        "old intervals are not shown with new ranks"
    );
    run_until(&mut h, |app| app.panels.index.uncertainty_ready());
}

#[test]
fn the_ranking_is_exported_and_weights_are_loaded_from_files() {
    let dir = tempfile::tempdir().expect("dir");
    let mut app = cityprofile::app::CityProfileApp::new(Default::default(), Default::default(), Default::default());
    app.session.prefs.builtin_file_browser = true;
    let mut h = harness_with(app);
    open_index_on_lakeside(&mut h);

    // The chart as SVG, through the built-in browser, in the background.
    let svg = dir.path().join("ranking.svg");
    h.get_by_label("Chart (SVG)").click();
    choose_in_browser(&mut h, &svg);
    let written = svg.clone();
    run_until(&mut h, move |_| written.exists());
    let text = std::fs::read_to_string(&svg).expect("svg");
    assert!(text.contains("U4SSC-based composite (unofficial)") && text.contains("Hillcrest (fictional)"));
    assert!(
        text.contains("median rank over 1000 runs"),
        "the uncertainty is in the export"
    );

    // The table as an Excel workbook: the same cities, ranked first.
    let xlsx = dir.path().join("ranking.xlsx");
    h.get_by_label("Table (Excel)").click();
    choose_in_browser(&mut h, &xlsx);
    let written = xlsx.clone();
    run_until(&mut h, move |_| written.exists());
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).expect("xlsx");
    let ranking = calamine::Reader::worksheet_range(&mut book, "ranking").expect("ranking");
    let first = ranking.rows().nth(1).expect("a city").to_vec();
    let best = h.state().panels.index.result().expect("index").by_rank()[0];
    let name = h.state().panels.index.result().expect("index").cities[best]
        .name
        .clone();
    assert_eq!(
        (first[0].clone(), first[1].clone()),
        (calamine::Data::Float(1.0), calamine::Data::String(name))
    );

    // A weights file: Economy counts 0, so the index is the other two dimensions.
    let weights = dir.path().join("weights.csv");
    std::fs::write(&weights, "level,name,weight\npreset,per-level,\ndimension,Economy,0\n").expect("write");
    h.get_by_label("Load…").click();
    choose_in_browser(&mut h, &weights);
    h.step();
    let result = h.state().panels.index.result().expect("index");
    for city in &result.cities {
        let (env, soc) = (
            city.dimensions[1].score.unwrap_or(-1.0),
            city.dimensions[2].score.unwrap_or(-1.0),
        );
        let expected = (env + soc) / 2.0;
        assert!((city.score.unwrap_or(0.0) - expected).abs() < 1e-6, "{}", city.name);
    }

    // A bad one: refused with its line, nothing changed.
    std::fs::write(&weights, "level,name,weight\ndimension,Nowhere,2\n").expect("write");
    h.get_by_label("Load…").click();
    choose_in_browser(&mut h, &weights);
    assert!(h.query_by_label_contains("line 2: no such name 'Nowhere'").is_some());
    assert_eq!(h.state().panels.index.result().expect("index").cities, result.cities);
}
