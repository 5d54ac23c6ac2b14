//! The target editor and the target-set choice, driven as a user would (kittest).

use crate::common::app::*;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use cityprofile::app::CityProfileApp;
use cityprofile::model::{TargetSetName, TargetValue};

/// The target in force for fixed broadband in the city shown.
fn broadband_target(h: &Harness<'_, CityProfileApp>) -> Option<TargetValue> {
    let ws = h.state().session.workspace()?;
    let c = &ws.catalogue;
    let item = c.kpis[c.find_kpi("EC: ICT: ICT: 2C")?.0].items[0];
    let city = h.state().session.city()?;
    ws.profile(city, None).items[item.index()]
        .target
        .as_ref()
        .map(|t| t.value)
}

fn field<'h>(h: &'h Harness<'_, CityProfileApp>, label: &'h str) -> egui_kittest::Node<'h> {
    h.get_by_role_and_label(Role::TextInput, label)
}

#[test]
fn targets_are_edited_refused_undone_and_redone() {
    let mut h = harness();
    h.get_by_label("Targets").click();
    h.run();
    h.get_by_label("Fixed Broadband Subscriptions").click();
    h.run();
    assert!(
        h.query_by_label_contains("Edit the target of Fixed Broadband Subscriptions")
            .is_some()
    );
    assert_eq!(broadband_target(&h), Some(TargetValue::Number(60.0)));

    // Text for a number: refused in place with the importer's message.
    field(&h, "Target").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    field(&h, "Target").type_text("sixty");
    field(&h, "Source").focus();
    field(&h, "Source").type_text("City broadband plan 2030, p. 12");
    h.run();
    h.get_by_label("Apply").click();
    h.run();
    assert!(
        h.query_by_label_contains("Refused: 'sixty' is not a usable target for Fixed Broadband Subscriptions")
            .is_some()
    );
    assert_eq!(broadband_target(&h), Some(TargetValue::Number(60.0)));

    // A number: in force at once, shown as edited.
    field(&h, "Target").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    field(&h, "Target").type_text("80");
    h.run();
    h.get_by_label("Apply").click();
    h.run();
    assert_eq!(broadband_target(&h), Some(TargetValue::Number(80.0)));
    assert!(h.query_by_label("edited in the app").is_some());

    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(broadband_target(&h), Some(TargetValue::Number(60.0)));
    h.get_by_label("Redo").click();
    h.run();
    assert_eq!(broadband_target(&h), Some(TargetValue::Number(80.0)));
    h.get_by_label("Remove override").click();
    h.run();
    assert_eq!(broadband_target(&h), Some(TargetValue::Number(60.0)));
}

#[test]
fn the_target_set_is_chosen_in_the_sidebar_and_remembered() {
    let mut h = harness();
    let scored = |h: &Harness<'_, CityProfileApp>| {
        let ws = h.state().session.workspace().expect("workspace").clone();
        let city = h.state().session.city().expect("city");
        ws.profile(city, None).overall.scored
    };
    let before = scored(&h);
    h.get_by_label("Target set").click();
    h.run();
    h.get_by_label("eu-2030").click();
    h.run();
    assert_eq!(h.state().session.analysis.scoring.set, TargetSetName::Eu2030);
    assert!(scored(&h) >= before);
    h.get_by_label("Derive missing targets").click();
    h.run();
    assert!(h.state().session.analysis.scoring.derived.is_some());
    assert!(scored(&h) > before, "derived targets score more items");
}
