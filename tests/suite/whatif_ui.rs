//! The What-if panel and the Plan tab in the real app (kittest): a KPI moved to
//! its next band changes exactly the aggregates above it, every view marks the
//! hypothetical state, an export of it says so, Reset returns to the data, and a
//! plan applied as what-if reaches the band it promised.

use crate::common::app::{harness, harness_with};
use cityprofile::analysis::Analysis;
use cityprofile::app::{CityProfileApp, Command, Preferences, View, WhatIf};
use cityprofile::chart::scene::Shape;
use cityprofile::export::{ChartKind, Format, render, scenes};
use cityprofile::score::{Band, Level, band_steps, compare};
use cityprofile::workspace::Sources;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

type H = Harness<'static, CityProfileApp>;

fn apply(h: &mut H, command: Command) {
    let ctx = h.ctx.clone();
    h.state_mut().apply(command, &ctx);
    h.run();
}

fn texts(shapes: &[Shape]) -> Vec<String> {
    shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text(label) => Some(label.text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_kpi_moved_to_its_next_band_changes_the_aggregates_above_it_marked_what_if() {
    let mut h = harness();
    h.run();
    h.get_by_label("Pully").click();
    h.run();
    let ws = h.state().workspace().expect("loaded").clone();
    let data = h.state().profile().expect("a profile");
    let (item, step) = data
        .items
        .iter()
        .find_map(|s| Some((s.item, band_steps(&ws.catalogue, s, 1).into_iter().next()?)))
        .expect("a KPI below the top band with a target");
    apply(&mut h, Command::WhatIf(WhatIf::Open(Some(item))));
    assert!(h.query_by_label("Back to data").is_some(), "the panel lists the KPI");
    // The button of the next band sets its value.
    h.get_by_label_contains(&format!("{}: ", step.band.label())).click();
    h.run();
    let now = h.state().profile().expect("a profile");
    assert_eq!(now.hypothetical(), 1);
    assert_eq!(now.items[item.index()].band(), Some(step.band));
    let changes = compare(&data, &now);
    let (cat, sub, dim) = ws.catalogue.parents_of(item);
    let above = |level: Level, index: usize| match level {
        Level::Category => index == cat.0,
        Level::Subdimension => index == sub.0,
        Level::Dimension => index == dim.0,
        Level::Overall => true,
    };
    assert!(!changes.aggregates.is_empty());
    for change in &changes.aggregates {
        assert!(above(change.level, change.index), "{} changed", change.name);
        assert_eq!(
            change.after.points,
            change.before.points + step.band.points() - data.items[item.index()].band().map_or(0, Band::points)
        );
    }
    assert!(h.query_by_label("WHAT-IF").is_some(), "the header's badge");
    let wheel = h.state().panels.wheel.shown_scene().expect("the wheel");
    assert!(
        texts(&wheel.shapes).iter().any(|t| t.starts_with("WHAT-IF")),
        "the wheel's badge"
    );

    apply(&mut h, Command::OpenExport(ChartKind::Wheel));
    let request = h.state().panels.export.request(&ws).expect("a request");
    assert_eq!(request.whatif.len(), 1, "the export carries the hypothetical value");
    let mut spec = h.state().panels.export.spec().clone();
    spec.format = Format::Pdf;
    let city = h.state().session.city().expect("a city");
    let mut exported = spec.clone();
    exported.whatif = Some((city, request.whatif.clone()));
    let pages = scenes(&ws, city, &exported).expect("exported");
    let words = texts(&pages[0].shapes).join("\n");
    assert!(words.contains("(WHAT-IF)"), "the title says so: {words}");
    assert!(
        words.contains("WHAT-IF: hypothetical values for"),
        "and the source line"
    );
    assert!(render(&ws, city, &exported).is_ok());

    // The analysis keeps the value by city and KPI code; a new app opened on
    // that analysis (as after File > Open analysis) shows it again.
    let analysis = h.state().session.analysis.clone();
    assert_eq!(analysis.whatif.len(), 1);
    assert_eq!(analysis.whatif[0].city, "Pully");
    let text = serde_json::to_string(&analysis).expect("serialised");
    let reopened: Analysis = serde_json::from_str(&text).expect("read back");
    let app = CityProfileApp::new(Preferences::default(), reopened, Sources::default());
    let mut again = harness_with(app);
    again.run();
    let restored = again.state().profile().expect("a profile");
    assert_eq!(restored.hypothetical(), 1, "the what-if value is back");
    assert_eq!(restored.items[item.index()].band(), Some(step.band));

    apply(&mut h, Command::WhatIf(WhatIf::Reset));
    assert_eq!(h.state().profile().expect("a profile").hypothetical(), 0);
    assert!(h.query_by_label("WHAT-IF").is_none(), "back to the data, no badge");
}

#[test]
fn a_plan_applied_as_what_if_reaches_its_band() {
    let mut h = harness();
    h.run();
    h.get_by_label("Pully").click();
    h.run();
    let today = h.state().profile().expect("a profile").overall.band.expect("scored");
    let wanted = Band::ALL.into_iter().find(|b| *b > today).expect("not at the top band");
    apply(&mut h, Command::SetView(View::Plan));
    h.state_mut().panels.plan.band = Some(wanted);
    h.run();
    h.get_by_label("Apply as what-if").click();
    h.run();
    let now = h.state().profile().expect("a profile");
    assert!(now.hypothetical() > 0);
    assert!(
        now.overall.band >= Some(wanted),
        "the overall score is in the band planned"
    );
}
