//! The validation report: every problem with file, sheet, row and column.

use super::CityProfileApp;
use super::state::Command;
use crate::import::Severity;

pub fn report_panel(app: &mut CityProfileApp, ui: &mut egui::Ui) {
    if !app.show_report {
        return;
    }
    let report = match (&app.load_error, &app.workspace) {
        (Some(report), _) => report.clone(),
        (None, Some(ws)) => ws.report.clone(),
        _ => return,
    };
    egui::Panel::bottom("report")
        .default_size(200.0)
        .resizable(true)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading("Validation report");
                ui.label(format!(
                    "{} error(s), {} warning(s); rows with errors are left out, the good rows are used",
                    report.error_count(),
                    report.warning_count()
                ));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("Close").clicked() {
                        app.push(Command::ShowReport(false));
                    }
                });
            });
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                for table in &report.tables {
                    let sheet = table.sheet.as_ref().map(|s| format!(" [{s}]")).unwrap_or_default();
                    ui.label(
                        egui::RichText::new(format!(
                            "{}{sheet}: {}, {} rows, {} loaded",
                            table.file, table.role, table.rows, table.loaded
                        ))
                        .small()
                        .weak(),
                    );
                }
                egui::Grid::new("problems").striped(true).num_columns(6).show(ui, |ui| {
                    for title in ["", "File", "Row", "Column", "Problem", "What to do"] {
                        ui.strong(title);
                    }
                    ui.end_row();
                    let mut problems: Vec<_> = report.problems.iter().collect();
                    problems.sort_by_key(|p| p.severity);
                    for p in problems {
                        let (icon, color) = match p.severity {
                            Severity::Error => ("error", ui.visuals().error_fg_color),
                            Severity::Warning => ("warning", ui.visuals().warn_fg_color),
                            Severity::Info => ("info", ui.visuals().weak_text_color()),
                        };
                        ui.colored_label(color, icon);
                        let sheet = p.sheet.as_ref().map(|s| format!(" [{s}]")).unwrap_or_default();
                        ui.label(format!("{}{sheet}", p.file));
                        ui.label(p.row.map(|r| r.to_string()).unwrap_or_default());
                        ui.label(p.column.clone().unwrap_or_default());
                        ui.label(&p.message);
                        ui.label(egui::RichText::new(p.hint.clone().unwrap_or_default()).weak());
                        ui.end_row();
                    }
                });
                for (file, n) in &report.unlisted {
                    ui.label(format!(
                        "… and {n} more problem(s) in {file}; run `cityprofile validate` for the whole list"
                    ));
                }
            });
        });
}
