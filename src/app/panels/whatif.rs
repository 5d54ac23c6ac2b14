//! The What-if panel: type or drag hypothetical values for one or more of the
//! shown city's KPIs (or jump to the value of a next band), and see every
//! aggregate that changes, before and after. Opened from the wheel and the gaps
//! chart (right-click a KPI) and from the Details panel (What if…). While the
//! city has hypothetical values every view shows them, marked WHAT-IF.

use super::super::command::{Command, WhatIf};
use super::super::context::ViewContext;
use crate::chart::describe::{pct_text, value_with_unit};
use crate::model::{Catalogue, ItemId, TargetValue, Value, format_number};
use crate::score::{AggregateChange, AggregateState, BandStep, ItemScore, Overrides, Profile, band_steps, compare};

/// The panel's own state: whether it is open, and the KPIs it lists besides
/// those that already have a hypothetical value.
#[derive(Default)]
pub struct WhatIfPanel {
    pub open: bool,
    pinned: Vec<ItemId>,
}

impl WhatIfPanel {
    /// Opens the panel, listing `item` in it.
    pub(crate) fn open_on(&mut self, item: Option<ItemId>) {
        self.open = true;
        if let Some(item) = item.filter(|i| !self.pinned.contains(i)) {
            self.pinned.push(item);
        }
    }

    /// The KPIs listed: pinned ones, then any other with a hypothetical value.
    pub fn listed(&self, values: &Overrides) -> Vec<ItemId> {
        let mut items = self.pinned.clone();
        items.extend(values.iter().map(|(i, _)| i).filter(|i| !self.pinned.contains(i)));
        items
    }

    pub(crate) fn ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
        egui::Panel::right("whatif")
            .default_size(380.0)
            .min_size(300.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.heading("What-if");
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui.button("Close").clicked() {
                            self.open = false;
                        }
                    });
                });
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| self.body_ui(ui, cx, out));
            });
    }

    fn body_ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
        let Some(shown) = &cx.shown else { return };
        let values = cx.session.whatif();
        let data = cx.models.profile(shown.ws, shown.city, cx.session.year());
        let items = self.listed(&values);
        if items.is_empty() {
            ui.label("Right-click a KPI on the wheel or the target gaps, or select one and press What if… in Details.");
            return;
        }
        ui.weak("Hypothetical values, not data: every view marks them WHAT-IF.");
        for item in items {
            ui.separator();
            let drop = item_ui(
                ui,
                &shown.ws.catalogue,
                (&data.items[item.index()], &shown.profile.items[item.index()]),
                out,
            );
            if drop {
                self.pinned.retain(|i| *i != item);
            }
        }
        ui.separator();
        changes_ui(ui, &data, &shown.profile);
        if !values.is_empty() && ui.button("Reset: back to the data").clicked() {
            out.push(Command::WhatIf(WhatIf::Reset));
        }
        ui.weak("The Plan tab finds the fewest band steps that lift an aggregate into a band.");
    }
}

/// One KPI: its data, an editor for its hypothetical value, the values of its
/// next bands, and its score now. Returns true when the user drops it.
fn item_ui(ui: &mut egui::Ui, c: &Catalogue, (data, now): (&ItemScore, &ItemScore), out: &mut Vec<Command>) -> bool {
    let item = data.item;
    ui.strong(c.item_label(item));
    ui.label(format!("Data: {}, {}", value_with_unit(data, c), status_text(data)));
    let mut drop = false;
    ui.horizontal(|ui| {
        let label = ui.label("What if:").id;
        if let Some(value) = editor_ui(ui, data, now, label) {
            out.push(Command::WhatIf(WhatIf::Set(item, Some(value))));
        }
        if ui.small_button("Back to data").clicked() {
            out.push(Command::WhatIf(WhatIf::Set(item, None)));
            drop = true;
        }
    });
    let steps = band_steps(c, data, 3);
    if !steps.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.weak("Reach:");
            for step in steps {
                if ui.button(step_text(&step)).on_hover_text("Set this value").clicked() {
                    out.push(Command::WhatIf(WhatIf::Set(item, Some(step.value))));
                }
            }
        });
    }
    if now.hypothetical.is_some() {
        ui.colored_label(ui.visuals().warn_fg_color, format!("What-if: {}", status_text(now)));
    }
    drop
}

/// The editor: drag or type a number, or tick a yes/no; the new value when changed.
fn editor_ui(ui: &mut egui::Ui, data: &ItemScore, now: &ItemScore, label: egui::Id) -> Option<Value> {
    let flag = matches!(data.value(), Value::Flag(_))
        || matches!(data.target.as_deref().map(|t| t.value), Some(TargetValue::Flag(_)));
    if flag {
        let mut yes = matches!(now.value(), Value::Flag(true));
        return ui.checkbox(&mut yes, "Yes").changed().then_some(Value::Flag(yes));
    }
    let mut number = match (now.value(), data.target.as_deref().map(|t| t.value)) {
        (Value::Number(v), _) => v,
        (_, Some(TargetValue::Number(t))) => t,
        _ => 0.0,
    };
    let scale = number.abs().max(1.0);
    let drag = egui::DragValue::new(&mut number).speed(scale / 200.0).max_decimals(3);
    ui.add(drag)
        .labelled_by(label)
        .changed()
        .then_some(Value::Number(number))
}

/// "66-95 %: 45.2 (+12 %)".
fn step_text(step: &BandStep) -> String {
    let change = step
        .relative_change
        .map(|r| {
            format!(
                " ({}{} %)",
                if step.change.unwrap_or(0.0) < 0.0 { "-" } else { "+" },
                format_number((r * 1000.0).round() / 10.0)
            )
        })
        .unwrap_or_default();
    format!("{}: {}{change}", step.band.label(), step.value.display())
}

/// "74.3 % of target, 66-95 %" or why there is no score.
fn status_text(score: &ItemScore) -> String {
    match (score.pct(), score.band()) {
        (Some(pct), Some(band)) => format!("{} of target, band {}", pct_text(pct), band.label()),
        (None, Some(band)) => format!("band {} (U4SSC verification)", band.label()),
        _ if score.value() == Value::NotReported => "not reported".into(),
        _ => "no benchmark".into(),
    }
}

/// Every aggregate that changed, before → after.
fn changes_ui(ui: &mut egui::Ui, data: &Profile, now: &Profile) {
    let changes = compare(data, now);
    if changes.aggregates.is_empty() {
        ui.weak("No aggregate changes band points yet.");
        return;
    }
    ui.strong(format!("{} aggregates change", changes.aggregates.len()));
    egui::Grid::new("whatif_changes").striped(true).show(ui, |ui| {
        for change in &changes.aggregates {
            change_row_ui(ui, change);
        }
    });
}

fn change_row_ui(ui: &mut egui::Ui, change: &AggregateChange) {
    ui.label(format!("{} ({})", change.name, change.level.as_str()));
    ui.label(state_text(&change.before));
    ui.label("to");
    ui.strong(state_text(&change.after));
    ui.end_row();
}

/// "56.3 % · 9/16".
fn state_text(state: &AggregateState) -> String {
    let pct = state.score_pct.map_or_else(|| "no score".to_string(), pct_text);
    format!("{pct} · {}/{}", state.points, state.max_points)
}
