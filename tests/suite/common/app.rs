//! The real app in a kittest harness, for the UI tests.

use cityprofile::analysis::Analysis;
use cityprofile::app::{CityProfileApp, Preferences};
use cityprofile::workspace::Sources;
use egui_kittest::Harness;

/// The app on the bundled sample cities, loaded, in a 1400 × 900 window.
pub fn harness() -> Harness<'static, CityProfileApp> {
    harness_with(CityProfileApp::new(
        Preferences::default(),
        Analysis::default(),
        Sources::default(),
    ))
}

/// A harness around `app`, loaded first.
pub fn harness_with(mut app: CityProfileApp) -> Harness<'static, CityProfileApp> {
    app.load_blocking();
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(200)
        .build_ui_state(|ui, app: &mut CityProfileApp| app.show(ui), app)
}

/// The name of the city shown.
pub fn city_name(h: &Harness<'_, CityProfileApp>) -> String {
    h.state().city_name().unwrap_or_default().to_string()
}

/// Runs frames until `done` holds (background jobs), for at most 20 seconds.
pub fn run_until(h: &mut Harness<'_, CityProfileApp>, done: impl Fn(&CityProfileApp) -> bool) {
    for _ in 0..2000 {
        // One frame at a time: a spinner keeps asking for frames while a job runs.
        h.step();
        if done(h.state()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the app did not get there within 20 seconds");
}

/// Types `path` into the built-in file browser's folder field and presses Enter.
pub fn choose_in_browser(h: &mut Harness<'_, CityProfileApp>, path: &std::path::Path) {
    use egui_kittest::kittest::Queryable;
    h.run();
    assert!(h.state().file_dialog_open(), "the built-in browser is open");
    let field = h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Folder");
    field.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Folder")
        .type_text(&path.display().to_string());
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
}
