//! The target editor: every KPI and data point with the target in force for the
//! city shown (value, direction, worst value, where it comes from, its source).
//! Select a row to edit its target for all cities or this city; edits apply at
//! once (a new workspace revision), can be undone and redone, and are saved with
//! the own targets to a targets CSV that loads back identically.

use std::sync::Arc;

use egui_extras::{Column, TableBuilder};

use super::super::command::Command;
use super::super::context::{Shown, ViewContext};
use super::super::models::Memo;
use super::targets_form::EditForm;
use crate::model::{ItemId, Target, TargetKind, TargetSet, TargetValue, format_number};

const COLUMNS: [&str; 7] = [
    "Code",
    "KPI / data point",
    "Target",
    "Direction",
    "Worst",
    "From",
    "Source",
];
const WIDTHS: [f32; 7] = [95.0, 210.0, 65.0, 65.0, 50.0, 110.0, 200.0];

/// One row of the list.
#[derive(Debug, Clone)]
pub(crate) struct TargetRow {
    pub item: ItemId,
    cells: [String; 7],
}

/// A target's value as text (`Yes`/`No` or the number in full).
pub(crate) fn value_text(value: TargetValue) -> String {
    match value {
        TargetValue::Number(v) => format_number(v),
        TargetValue::Flag(true) => "Yes".into(),
        TargetValue::Flag(false) => "No".into(),
    }
}

/// Where a target comes from: its set, file or edit.
pub(crate) fn from_text(target: &Target, edited: bool) -> String {
    match (target.kind, &target.origin) {
        (TargetKind::Derived, _) => "derived (SDSN)".into(),
        (_, _) if edited => "edited in the app".into(),
        (TargetKind::Cited, Some(origin)) => {
            let stem = origin.file.rsplit('/').next().unwrap_or(&origin.file);
            format!("{} set", stem.trim_end_matches(".csv"))
        }
        (TargetKind::Cited, None) => "bundled set".into(),
        (TargetKind::Own, Some(origin)) => origin.to_string(),
        (TargetKind::Own, None) => "own targets".into(),
    }
}

fn rows(shown: &Shown<'_>, needle: &str) -> Vec<TargetRow> {
    let (ws, c) = (shown.ws, &shown.ws.catalogue);
    let targets = ws.targets_for(shown.city, shown.profile.year);
    let name = shown.info.name.as_str();
    c.items_in_order()
        .into_iter()
        .map(|item| {
            let direction = c.items[item.index()].direction;
            let cells = match targets.get(item, name) {
                Some(t) => {
                    let edited = ws.edits.get(item, name) == Some(t);
                    [
                        value_text(t.value),
                        t.direction.unwrap_or(direction).as_str().to_string(),
                        t.worst.map(format_number).unwrap_or_default(),
                        from_text(t, edited),
                        t.source.clone(),
                    ]
                }
                None => [
                    "none".into(),
                    direction.as_str().into(),
                    String::new(),
                    String::new(),
                    String::new(),
                ],
            };
            let [target, direction, worst, from, source] = cells;
            let cells = [
                c.kpi_of(item).code.clone(),
                c.item_label(item),
                target,
                direction,
                worst,
                from,
                source,
            ];
            TargetRow { item, cells }
        })
        .filter(|r| needle.is_empty() || r.cells.iter().any(|c| c.to_lowercase().contains(needle)))
        .collect()
}

/// The editor's state: filter, selection, the form, and the undo/redo history
/// of edits (for one loaded workspace).
#[derive(Default)]
pub(crate) struct TargetsView {
    filter: String,
    selected: Option<ItemId>,
    form: EditForm,
    undo: Vec<Arc<TargetSet>>,
    redo: Vec<Arc<TargetSet>>,
    /// The workspace generation the history belongs to.
    history_of: u64,
    rows: Memo<(u64, crate::model::CityId, Option<i32>, String), Vec<TargetRow>>,
}

impl TargetsView {
    pub(crate) fn ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
        let Some(shown) = &cx.shown else { return };
        if self.history_of != shown.ws.generation {
            self.history_of = shown.ws.generation;
            self.undo.clear();
            self.redo.clear();
            self.selected = None;
        }
        self.toolbar_ui(ui, shown, out);
        if let Some(item) = self.selected {
            egui::Panel::bottom("target_form").resizable(false).show(ui, |ui| {
                if let Some(edits) = self.form.ui(ui, shown, item) {
                    self.commit(shown, edits, out);
                }
            });
        }
        let needle = self.filter.trim().to_lowercase();
        let key = (shown.ws.revision, shown.city, shown.profile.year, needle.clone());
        let rows = self.rows.get(key, &cx.models.work, || rows(shown, &needle));
        let mut clicked = None;
        egui::ScrollArea::horizontal().show(ui, |ui| table_ui(ui, &rows, self.selected, &mut clicked));
        if let Some(item) = clicked {
            self.selected = Some(item);
            self.form = EditForm::for_item(shown, item);
        }
    }

    /// Undo, redo, save, the filter, and what the targets in force are.
    fn toolbar_ui(&mut self, ui: &mut egui::Ui, shown: &Shown<'_>, out: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            let undo = ui.add_enabled(!self.undo.is_empty(), egui::Button::new("Undo"));
            if undo.on_hover_text("Undo the last target edit").clicked()
                && let Some(previous) = self.undo.pop()
            {
                self.redo.push(shown.ws.edits.clone());
                out.push(Command::SetEdits((*previous).clone()));
            }
            let redo = ui.add_enabled(!self.redo.is_empty(), egui::Button::new("Redo"));
            if redo.on_hover_text("Redo the edit undone last").clicked()
                && let Some(next) = self.redo.pop()
            {
                self.undo.push(shown.ws.edits.clone());
                out.push(Command::SetEdits((*next).clone()));
            }
            let save = ui.button("Save targets as…");
            let tip = "Your own targets (files and edits) as a targets CSV, to open again with the data or --targets";
            if save.on_hover_text(tip).clicked() {
                out.push(Command::SaveTargets);
            }
            ui.separator();
            let label = ui.label("Filter");
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("code, name, source…")
                    .desired_width(200.0),
            )
            .labelled_by(label.id);
        });
        let coverage = shown.profile.coverage();
        let text = format!(
            "In force for {}: {} · scored: {}",
            shown.info.name,
            shown.profile.targets,
            coverage.summary()
        );
        ui.label(text);
    }

    /// Puts new edits in force, remembering the old ones for undo.
    fn commit(&mut self, shown: &Shown<'_>, edits: TargetSet, out: &mut Vec<Command>) {
        self.undo.push(shown.ws.edits.clone());
        self.redo.clear();
        out.push(Command::SetEdits(edits));
    }
}

fn table_ui(ui: &mut egui::Ui, rows: &[TargetRow], selected: Option<ItemId>, clicked: &mut Option<ItemId>) {
    let mut builder = TableBuilder::new(ui)
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
    for w in &WIDTHS[..WIDTHS.len() - 1] {
        builder = builder.column(Column::initial(*w).clip(true));
    }
    // The source takes the rest of the width (its full text is in the tooltip).
    builder = builder.column(Column::remainder().at_least(WIDTHS[WIDTHS.len() - 1]).clip(true));
    builder
        .header(22.0, |mut header| {
            for title in COLUMNS {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(20.0, rows.len(), |mut row| {
                let r = &rows[row.index()];
                row.set_selected(selected == Some(r.item));
                if super::table::clickable_cells(&mut row, &r.cells) {
                    *clicked = Some(r.item);
                }
            });
        });
}
