//! The validation report: every problem with file, sheet, row and column,
//! errors first. The report is read from the workspace (never copied); its
//! order is computed once per workspace.

use super::super::command::Command;
use super::super::context::ViewContext;
use super::super::models::Memo;
use crate::import::{ImportReport, Problem, Severity};

/// The report panel's own state: the problems' display order.
#[derive(Default)]
pub struct ReportPanel {
    order: Memo<(u64, bool), Vec<usize>>,
}

impl ReportPanel {
    pub(crate) fn ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
        if !cx.session.show_report {
            return;
        }
        let (report, generation) = match (&cx.session.load_error, cx.workspace()) {
            (Some(report), _) => (report, 0),
            (None, Some(ws)) => (&ws.report, ws.revision),
            _ => return,
        };
        let order = self
            .order
            .get((generation, cx.session.load_error.is_some()), &cx.models.work, || {
                let mut order: Vec<usize> = (0..report.problems.len()).collect();
                order.sort_by_key(|&i| report.problems[i].severity);
                order
            });
        egui::Panel::bottom("report")
            .default_size(200.0)
            .resizable(true)
            .show(ui, |ui| {
                title_ui(ui, report, out);
                // Both ways: long messages and hints scroll sideways rather than being cut.
                egui::ScrollArea::both()
                    .auto_shrink([false, false])
                    .show(ui, |ui| problems_ui(ui, report, &order));
            });
    }
}

fn title_ui(ui: &mut egui::Ui, report: &ImportReport, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.heading("Validation report");
        ui.label(format!(
            "{}, {}; rows with errors are left out, the good rows are used",
            crate::model::counted(report.error_count(), "error"),
            crate::model::counted(report.warning_count(), "warning")
        ));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Close").clicked() {
                out.push(Command::ShowReport(false));
            }
        });
    });
}

fn problems_ui(ui: &mut egui::Ui, report: &ImportReport, order: &[usize]) {
    for table in &report.tables {
        let sheet = table.sheet.as_ref().map(|s| format!(" [{s}]")).unwrap_or_default();
        let text = format!(
            "{}{sheet}: {}, {} rows, {} loaded",
            table.file, table.role, table.rows, table.loaded
        );
        ui.label(egui::RichText::new(text).small().weak());
    }
    egui::Grid::new("problems").striped(true).num_columns(6).show(ui, |ui| {
        for title in ["", "File", "Row", "Column", "Problem", "What to do"] {
            ui.strong(title);
        }
        ui.end_row();
        for &i in order {
            problem_ui(ui, &report.problems[i]);
            ui.end_row();
        }
    });
    for (kind, n) in report.kinds.beyond_listing() {
        ui.label(format!(
            "… {}; `cityprofile validate --format json` lists every one",
            kind.more_like_this(n)
        ));
    }
    for (file, n) in &report.unlisted {
        ui.label(format!(
            "… and {} more in {file}; run `cityprofile validate` for the whole list",
            crate::model::counted(*n, "problem")
        ));
    }
}

fn problem_ui(ui: &mut egui::Ui, p: &Problem) {
    let (word, color) = match p.severity {
        Severity::Error => ("error", ui.visuals().error_fg_color),
        Severity::Warning => ("warning", ui.visuals().warn_fg_color),
        Severity::Info => ("info", ui.visuals().weak_text_color()),
    };
    ui.colored_label(color, word);
    let sheet = p.sheet.as_ref().map(|s| format!(" [{s}]")).unwrap_or_default();
    ui.label(format!("{}{sheet}", p.file));
    ui.label(p.row.map(|r| r.to_string()).unwrap_or_default());
    ui.label(p.column.clone().unwrap_or_default());
    ui.label(&p.message);
    ui.label(egui::RichText::new(p.hint.clone().unwrap_or_default()).weak());
}
