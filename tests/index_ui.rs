//! The Index view, driven as a user would (kittest): the ranking appears with its
//! uncertainty, a weights preset re-ranks at once, the chart names every city.

mod common;

use common::app::*;
use egui_kittest::kittest::{NodeT, Queryable};

use cityprofile::app::{Command, View};
use cityprofile::score::index::{IndexSettings, Rules, WeightBase, Weights, nominal};

#[test]
fn the_index_ranks_the_peers_and_follows_the_weights() {
    let mut h = harness();
    let ctx = h.ctx.clone();
    let lakeside = {
        let ws = h.state().workspace().expect("loaded");
        ws.city_ref(ws.dataset.city_by_name("Lakeside (fictional)").expect("city"))
    };
    h.state_mut().apply(Command::SelectCity(lakeside), &ctx);
    h.state_mut().apply(Command::SetView(View::Index), &ctx);
    run_until(&mut h, |app| app.panels.index.uncertainty_ready());
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
