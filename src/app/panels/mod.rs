//! One struct per panel and view, each owning its UI state. `Panels::ui` lays
//! them out: menu bar, sidebar, details, validation report, the central view,
//! and the export dialog on top.

mod canvas;
mod compare;
mod details;
mod export_dialog;
mod gaps;
mod heatmap;
mod heatmap_cells;
mod index;
mod mapping;
mod menu;
mod plan;
mod report;
pub(crate) mod sidebar;
mod snapshot;
mod table;
mod targets;
mod targets_form;
mod trends;
mod whatif;
mod wheel;

pub use compare::CompareTab;
pub use compare::CompareView;
pub use details::Details;
pub use export_dialog::ExportDialog;
pub use gaps::GapsView;
pub use index::Choices as IndexChoices;
pub(crate) use index::IndexFile;
pub use index::IndexView;
pub use plan::PlanView;
pub use report::ReportPanel;
pub use sidebar::Sidebar;
pub use snapshot::SnapshotView;
pub use table::TableView;
pub(crate) use targets::TargetsView;
pub use trends::TrendsView;
pub use whatif::WhatIfPanel;
pub use wheel::WheelView;

use super::command::Command;
use super::context::ViewContext;
use super::look::{fictional_badge, whatif_badge};
use super::session::Session;
use super::state::{Preferences, View};
use crate::analysis::Analysis;
use crate::request::{ChartKind, CompareLayout, ViewSettings};
use crate::workspace::Workspace;

/// Every panel of the window.
pub struct Panels {
    pub sidebar: Sidebar,
    pub wheel: WheelView,
    pub gaps: GapsView,
    pub table: TableView,
    pub compare: CompareView,
    pub trends: TrendsView,
    pub(crate) targets: TargetsView,
    pub snapshot: SnapshotView,
    pub index: IndexView,
    pub(crate) mapping: mapping::MappingDialog,
    pub details: Details,
    pub whatif: WhatIfPanel,
    pub plan: PlanView,
    pub report: ReportPanel,
    pub export: ExportDialog,
}

impl Panels {
    /// The chart `kind` as the panels show it: the Snapshot view's picture, the
    /// comparison's layout, over the session's view settings.
    pub(crate) fn shown_chart(&self, kind: ChartKind, session: &Session) -> (ChartKind, ViewSettings) {
        let mut view = session.view_settings();
        view.compare = match self.compare.tab {
            CompareTab::Radar => CompareLayout::Radar,
            CompareTab::Wheels => CompareLayout::Wheels,
            // The heatmap is not a picture: the export shows wheels and radar.
            CompareTab::Heatmap => CompareLayout::WheelsAndRadar,
        };
        let kind = match kind {
            ChartKind::Snapshot => self.snapshot.kind.chart(),
            other => other,
        };
        (kind, view)
    }

    pub(crate) fn new(prefs: &Preferences, analysis: &Analysis) -> Panels {
        Panels {
            sidebar: Sidebar::default(),
            wheel: WheelView::default(),
            gaps: GapsView::default(),
            table: TableView::default(),
            compare: CompareView::default(),
            trends: TrendsView::default(),
            targets: TargetsView::default(),
            snapshot: SnapshotView::default(),
            index: IndexView::new(analysis.index.clone()),
            mapping: mapping::MappingDialog::default(),
            details: Details,
            whatif: WhatIfPanel::default(),
            plan: PlanView::default(),
            report: ReportPanel::default(),
            export: ExportDialog::new(prefs.export.clone()),
        }
    }

    /// Carries the panels' city references over to a new workspace (by name).
    pub(crate) fn adopt(&mut self, old: &Workspace, new: &Workspace) {
        self.export.adopt(old, new);
    }

    /// Draws every panel of the window.
    pub(crate) fn ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
        menu::menu_bar_ui(ui, cx, out);
        self.sidebar.ui(ui, cx, out);
        if self.whatif.open {
            self.whatif.ui(ui, cx, out);
        } else {
            self.details.ui(ui, cx, out);
        }
        self.report.ui(ui, cx, out);
        egui::CentralPanel::default().show(ui, |ui| self.central_ui(ui, cx, out));
        self.export.ui(ui.ctx(), cx);
        self.mapping.ui(ui.ctx(), cx, out);
    }

    /// View tabs, the city header, notices, then the current view.
    fn central_ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
        header_ui(ui, cx, out);
        derived_note_ui(ui, cx);
        left_out_note_ui(ui, cx);
        notices_ui(ui, cx, out);
        if let Some(report) = &cx.session.load_error {
            let text = format!(
                "Nothing could be loaded: {}; see the validation report.",
                crate::model::counted(report.error_count(), "error")
            );
            ui.colored_label(ui.visuals().error_fg_color, text);
            return;
        }
        if cx.workspace().is_none() {
            if cx.loading.is_some() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Loading…");
                });
            }
            return;
        }
        match cx.session.analysis.view {
            View::Wheel => self.wheel.ui(ui, cx, out),
            View::Gaps => self.gaps.ui(ui, cx, out),
            View::Table => self.table.ui(ui, cx, out),
            View::Compare => self.compare.ui(ui, cx, out),
            View::Trends => self.trends.ui(ui, cx, out),
            View::Targets => self.targets.ui(ui, cx, out),
            View::Snapshot => self.snapshot.ui(ui, cx, out),
            View::Index => self.index.ui(ui, cx, out),
            View::Plan => self.plan.ui(ui, cx, out),
        }
    }
}

fn header_ui(ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
    let mut city_below = false;
    ui.horizontal(|ui| {
        let view = cx.session.analysis.view;
        for v in View::ALL {
            if ui.selectable_label(view == v, v.label()).clicked() {
                out.push(Command::SetView(v));
            }
        }
        ui.separator();
        // The city goes on this row when it fits beside the Export button, else below.
        if let Some(shown) = &cx.shown {
            let text = city_text(shown);
            let width = ui.fonts_mut(|f| {
                f.layout_no_wrap(text.clone(), egui::FontId::proportional(14.0), egui::Color32::WHITE)
                    .size()
                    .x
            });
            let badge = if shown.info.fictional { 80.0 } else { 0.0 };
            if ui.available_width() > width + badge + 100.0 {
                city_ui(ui, shown);
            } else {
                city_below = true;
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if view.exports()
                && ui
                    .button("Export…")
                    .on_hover_text("PNG, SVG or PDF of this chart, or the city report")
                    .clicked()
            {
                out.push(Command::OpenExport(view.chart()));
            }
        });
    });
    if let (true, Some(shown)) = (city_below, &cx.shown) {
        ui.horizontal(|ui| city_ui(ui, shown));
    }
}

fn city_text(shown: &super::context::Shown<'_>) -> String {
    let year = shown.profile.year.map(|y| format!(", {y}")).unwrap_or_default();
    format!("{}{year}", shown.info.name)
}

/// The city shown and its year, with the FICTIONAL badge for invented data.
fn city_ui(ui: &mut egui::Ui, shown: &super::context::Shown<'_>) {
    ui.label(egui::RichText::new(city_text(shown)).strong());
    if shown.info.fictional {
        fictional_badge(ui);
    }
    let hypothetical = shown.profile.hypothetical();
    if hypothetical > 0 {
        whatif_badge(ui, hypothetical);
    }
}

/// Says, above every view, that derived targets are in use and where they come from.
fn derived_note_ui(ui: &mut egui::Ui, cx: &ViewContext<'_>) {
    let (Some(from), Some(shown)) = (cx.session.analysis.scoring.derived, &cx.shown) else {
        return;
    };
    let text = format!(
        "Derived targets in use (SDSN method, {}): {} of {} scored items rest on them",
        from.label().to_lowercase(),
        shown.profile.coverage().derived,
        shown.profile.overall.scored
    );
    ui.colored_label(ui.visuals().warn_fg_color, text)
        .on_hover_text(&*shown.profile.targets);
}

/// Says, above every view, how many of the city's values were left out for
/// errors: its scores rest on the others.
fn left_out_note_ui(ui: &mut egui::Ui, cx: &ViewContext<'_>) {
    let Some(shown) = &cx.shown else { return };
    let n = shown.ws.report.left_out_of(&shown.info.name);
    if n > 0 {
        let text = format!(
            "{n} of {}'s values were left out for errors: its scores rest on the others",
            shown.info.name
        );
        ui.colored_label(ui.visuals().warn_fg_color, text)
            .on_hover_text("The validation report (the error count on the left) lists them");
    }
}

/// Messages for the user (failed jobs, file dialogs), each with a close button.
fn notices_ui(ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
    for (i, notice) in cx.session.notices.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let color = if notice.error {
                ui.visuals().error_fg_color
            } else {
                ui.visuals().warn_fg_color
            };
            if ui.small_button("×").on_hover_text("Dismiss").clicked() {
                out.push(Command::DismissNotice(i));
            }
            ui.colored_label(color, &notice.text);
        });
    }
}
