//! The menu bar: File, View, Help.

use super::super::command::Command;
use super::super::context::ViewContext;
use super::super::state::View;
use crate::export::ChartKind;

/// Ctrl+S (Cmd+S on a Mac): save the analysis.
const SAVE: egui::KeyboardShortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::S);

pub(crate) fn menu_bar_ui(ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
    if ui.input_mut(|i| i.consume_shortcut(&SAVE)) {
        out.push(Command::SaveAnalysis);
    }
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| file_menu_ui(ui, cx, out));
            ui.menu_button("View", |ui| view_menu_ui(ui, cx, out));
            ui.menu_button("Help", |ui| {
                ui.label("cityprofile: U4SSC KPI profiles (ITU-T Y.4903)");
                ui.label("Wheel: click a ring to open it, the centre to go back;");
                ui.label("arrows move, Enter opens, Escape goes back.");
                ui.label("Drop CSV, Excel, Parquet or JSON files to add them.");
            });
        });
    });
}

fn file_menu_ui(ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
    let (analysis, prefs) = (&cx.session.analysis, &cx.session.prefs);
    for (label, add, folder) in [
        ("Open files…", false, false),
        ("Open folder…", false, true),
        ("Add files…", true, false),
    ] {
        if ui.button(label).clicked() {
            out.push(Command::PickFiles { add, folder });
        }
    }
    ui.menu_button("Open recent", |ui| recent_ui(ui, &prefs.recent, out));
    ui.separator();
    analysis_menu_ui(ui, &prefs.recent_analyses, out);
    ui.separator();
    let entries = [
        (
            "Use the sample cities",
            "The bundled sample cities",
            Command::Open(Vec::new()),
        ),
        ("Reload", "Read the open datasets again", Command::Reload),
    ];
    for (label, hint, command) in entries {
        if ui.button(label).on_hover_text(hint).clicked() {
            out.push(command);
        }
    }
    let mut builtin = prefs.builtin_file_browser;
    let hint = "Use the app's own file browser instead of the desktop's file dialog";
    if ui
        .checkbox(&mut builtin, "Built-in file browser")
        .on_hover_text(hint)
        .changed()
    {
        out.push(Command::UseBuiltinBrowser(builtin));
    }
    ui.separator();
    if ui
        .add_enabled(analysis.view.exports(), egui::Button::new("Export chart…"))
        .clicked()
    {
        out.push(Command::OpenExport(analysis.view.chart()));
    }
    if ui.button("Export city report (PDF)…").clicked() {
        out.push(Command::OpenExport(ChartKind::Report));
    }
    export_scores_ui(ui, cx, out);
    ui.separator();
    if ui.button("Quit").clicked() {
        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

/// The scores as an Excel workbook: of the city shown, or of every city.
fn export_scores_ui(ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
    let shown = cx.session.city_info().map(|c| c.name.as_str());
    let one = ui
        .add_enabled(shown.is_some(), egui::Button::new("Export scores (this city)…"))
        .on_hover_text(format!(
            "The scores of {} as an Excel workbook: every KPI, the aggregates, the targets",
            shown.unwrap_or("the city shown")
        ));
    if one.clicked() {
        out.push(Command::ExportScores { all: false });
    }
    let hint = "The scores of every city as an Excel workbook: one row per city and KPI (in the year chosen, or each city's latest)";
    let loaded = cx.session.workspace().is_some();
    if ui
        .add_enabled(loaded, egui::Button::new("Export scores (every city)…"))
        .on_hover_text(hint)
        .clicked()
    {
        out.push(Command::ExportScores { all: true });
    }
}

/// Open analysis…, Recent analyses, Save analysis, Save analysis as….
fn analysis_menu_ui(ui: &mut egui::Ui, recent: &[std::path::PathBuf], out: &mut Vec<Command>) {
    let hint = "An analysis file (.cityprofile): the datasets, targets, edits and settings";
    if ui.button("Open analysis…").on_hover_text(hint).clicked() {
        out.push(Command::PickAnalysis);
    }
    ui.menu_button("Recent analyses", |ui| {
        if recent.is_empty() {
            ui.label("Nothing yet");
        }
        for file in recent {
            if ui.button(file.display().to_string()).clicked() {
                out.push(Command::OpenAnalysis(file.clone()));
            }
        }
    });
    let save = egui::Button::new("Save analysis").shortcut_text(ui.ctx().format_shortcut(&SAVE));
    if ui.add(save).clicked() {
        out.push(Command::SaveAnalysis);
    }
    if ui.button("Save analysis as…").clicked() {
        out.push(Command::SaveAnalysisAs);
    }
}

fn recent_ui(ui: &mut egui::Ui, recent: &[std::path::PathBuf], out: &mut Vec<Command>) {
    if recent.is_empty() {
        ui.label("Nothing yet");
    }
    for path in recent {
        if ui.button(path.display().to_string()).clicked() {
            out.push(Command::Open(vec![path.clone()]));
        }
    }
}

fn view_menu_ui(ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
    let (analysis, prefs) = (&cx.session.analysis, &cx.session.prefs);
    for view in View::ALL {
        if ui.radio(analysis.view == view, view.label()).clicked() {
            out.push(Command::SetView(view));
        }
    }
    ui.separator();
    let toggles = [
        (
            "Sub-dimension ring",
            analysis.show_subdimensions,
            Command::ShowSubdimensions as fn(bool) -> Command,
        ),
        ("Quality marks", analysis.show_marks, Command::ShowMarks),
        ("Dark theme", prefs.dark, Command::SetDark),
        ("Validation report", cx.session.show_report, Command::ShowReport),
    ];
    for (label, mut on, command) in toggles {
        if ui.checkbox(&mut on, label).changed() {
            out.push(command(on));
        }
    }
}
