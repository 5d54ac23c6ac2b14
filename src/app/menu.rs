//! The menu bar: File, View, Help.

use super::CityProfileApp;
use super::state::{Command, View};

pub fn menu_bar(app: &mut CityProfileApp, ui: &mut egui::Ui) {
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("Open files…").clicked() {
                    app.push(Command::PickFiles {
                        add: false,
                        folder: false,
                    });
                }
                if ui.button("Open folder…").clicked() {
                    app.push(Command::PickFiles {
                        add: false,
                        folder: true,
                    });
                }
                if ui.button("Add files…").clicked() {
                    app.push(Command::PickFiles {
                        add: true,
                        folder: false,
                    });
                }
                ui.menu_button("Open recent", |ui| {
                    if app.persisted.recent.is_empty() {
                        ui.label("Nothing yet");
                    }
                    for path in app.persisted.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            app.push(Command::Open(vec![path]));
                        }
                    }
                });
                if ui.button("Use the sample cities").clicked() {
                    app.push(Command::Open(Vec::new()));
                }
                ui.separator();
                if ui.button("Export chart…").clicked() {
                    app.push(Command::OpenExport(app.persisted.view.chart()));
                }
                if ui.button("Export city report (PDF)…").clicked() {
                    app.push(Command::OpenExport(crate::export::ChartKind::Report));
                }
                ui.separator();
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("View", |ui| {
                for view in View::ALL {
                    if ui.radio(app.persisted.view == view, view.label()).clicked() {
                        app.push(Command::SetView(view));
                    }
                }
                ui.separator();
                let mut subs = app.persisted.show_subdimensions;
                if ui.checkbox(&mut subs, "Sub-dimension ring").changed() {
                    app.push(Command::ShowSubdimensions(subs));
                }
                let mut dark = app.persisted.dark;
                if ui.checkbox(&mut dark, "Dark theme").changed() {
                    app.push(Command::SetDark(dark));
                }
                let mut report = app.show_report;
                if ui.checkbox(&mut report, "Validation report").changed() {
                    app.push(Command::ShowReport(report));
                }
            });
            ui.menu_button("Help", |ui| {
                ui.label("cityprofile: U4SSC KPI profiles (ITU-T Y.4903)");
                ui.label("Wheel: click a ring to open it, the centre to go back;");
                ui.label("arrows move, Enter opens, Escape goes back.");
                ui.label("Drop CSV, Excel, Parquet or JSON files to add them.");
            });
        });
    });
}
