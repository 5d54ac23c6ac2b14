//! The target editor's form: one item's target, worst value, direction, source
//! and scope, checked exactly as a targets file row is (the importer's message
//! when refused).

use super::super::context::Shown;
use crate::import::{TargetFields, read_target_fields};
use crate::model::{Direction, ItemId, TargetKind, TargetSet, TargetValue};

/// What the form holds for the selected item.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct EditForm {
    target: String,
    worst: String,
    /// Empty: the catalogue's direction.
    direction: String,
    source: String,
    /// The edit applies to the city shown only.
    this_city: bool,
    error: Option<String>,
}

/// A number in full, so that editing nothing changes nothing.
fn exact(value: TargetValue) -> String {
    match value {
        TargetValue::Number(v) => v.to_string(),
        TargetValue::Flag(f) => if f { "Yes" } else { "No" }.into(),
    }
}

impl EditForm {
    /// The form filled with the target in force. A cited or derived target's
    /// source is not carried over: a changed target needs its own source.
    pub(crate) fn for_item(shown: &Shown<'_>, item: ItemId) -> EditForm {
        let targets = shown.ws.targets_for(shown.city, shown.profile.year);
        let Some(t) = targets.get(item, &shown.info.name) else {
            return EditForm::default();
        };
        EditForm {
            target: exact(t.value),
            worst: t.worst.map(|w| w.to_string()).unwrap_or_default(),
            direction: t.direction.map(|d| d.as_str().to_string()).unwrap_or_default(),
            source: if t.kind == TargetKind::Own {
                t.source.clone()
            } else {
                String::new()
            },
            this_city: false,
            error: None,
        }
    }

    /// Draws the form; the new edits when the user applied or removed one.
    pub(crate) fn ui(&mut self, ui: &mut egui::Ui, shown: &Shown<'_>, item: ItemId) -> Option<TargetSet> {
        header_ui(ui, shown, item);
        let spec = &shown.ws.catalogue.items[item.index()];
        self.fields_ui(ui, shown, spec.direction);
        let result = self.buttons_ui(ui, shown, item);
        // Room for a refusal of two lines is kept whether or not one is shown, so
        // nothing below moves when one appears (the next click lands where aimed).
        let room = ui.text_style_height(&egui::TextStyle::Body) * 2.0 + ui.spacing().item_spacing.y;
        let layout = egui::Layout::top_down(egui::Align::Min);
        ui.allocate_ui_with_layout(egui::vec2(ui.available_width(), room), layout, |ui| {
            ui.set_min_height(room);
            if let Some(error) = &self.error {
                let text = egui::RichText::new(format!("Refused: {error}")).color(ui.visuals().error_fg_color);
                ui.add(egui::Label::new(text).wrap());
            }
        });
        ui.add_space(4.0);
        result
    }

    /// Apply and Remove override; the new edits when one was pressed (and allowed).
    fn buttons_ui(&mut self, ui: &mut egui::Ui, shown: &Shown<'_>, item: ItemId) -> Option<TargetSet> {
        let scope = self.this_city.then_some(shown.info.name.as_str());
        let has_edit = match scope {
            Some(city) => shown
                .ws
                .edits
                .rules()
                .iter()
                .any(|r| r.item == item && r.city.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(city))),
            None => shown.ws.edits.general(item).is_some(),
        };
        let mut result = None;
        ui.horizontal(|ui| {
            let apply = ui.button("Apply").on_hover_text("Put this target in force now");
            if apply.clicked() {
                match self.edited(shown, item) {
                    Ok(edits) => {
                        self.error = None;
                        result = Some(edits);
                    }
                    Err(message) => self.error = Some(message),
                }
            }
            let remove = ui.add_enabled(has_edit, egui::Button::new("Remove override"));
            if remove.on_hover_text("Back to the set's or file's target").clicked() {
                let mut edits = (*shown.ws.edits).clone();
                edits.remove(item, scope);
                self.error = None;
                result = Some(edits);
            }
        });
        result
    }

    fn fields_ui(&mut self, ui: &mut egui::Ui, shown: &Shown<'_>, catalogue_direction: Direction) {
        egui::Grid::new("target_fields")
            .num_columns(4)
            .spacing([8.0, 4.0])
            .show(ui, |ui| {
                let label = ui.label("Target");
                ui.add(
                    egui::TextEdit::singleline(&mut self.target)
                        .hint_text("100 % of target")
                        .desired_width(110.0),
                )
                .labelled_by(label.id);
                let label = ui.label("Worst value");
                ui.add(
                    egui::TextEdit::singleline(&mut self.worst)
                        .hint_text("optional: 0 %")
                        .desired_width(110.0),
                )
                .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Direction");
                let shown_text = if self.direction.is_empty() {
                    format!("as catalogue ({})", catalogue_direction.as_str())
                } else {
                    self.direction.clone()
                };
                egui::ComboBox::from_id_salt("target_direction")
                    .selected_text(shown_text)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.direction, String::new(), "as catalogue");
                        for d in [Direction::Higher, Direction::Lower, Direction::Target] {
                            ui.selectable_value(&mut self.direction, d.as_str().to_string(), d.as_str());
                        }
                    })
                    .response
                    .labelled_by(label.id);
                let label = ui.label("Applies to");
                ui.horizontal(|ui| {
                    ui.radio_value(&mut self.this_city, false, "all cities");
                    ui.radio_value(&mut self.this_city, true, format!("{} only", shown.info.name));
                })
                .response
                .labelled_by(label.id);
                ui.end_row();
            });
        ui.horizontal(|ui| {
            let label = ui.label("Source");
            ui.add(
                egui::TextEdit::singleline(&mut self.source)
                    .hint_text("required: the plan, law or guideline, with its page")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        });
    }

    /// The edits with this form's target added, or why it is refused.
    fn edited(&self, shown: &Shown<'_>, item: ItemId) -> Result<TargetSet, String> {
        edited_targets(shown.ws, item, self, self.this_city.then_some(shown.info.name.as_str()))
    }
}

/// The item edited, what it measures, and the target in force now.
fn header_ui(ui: &mut egui::Ui, shown: &Shown<'_>, item: ItemId) {
    let c = &shown.ws.catalogue;
    let spec = &c.items[item.index()];
    ui.add_space(4.0);
    ui.strong(format!(
        "Edit the target of {} ({})",
        c.item_label(item),
        c.kpi_of(item).code
    ));
    let about = format!("Measures {} · {} is better", spec.unit, spec.direction.as_str());
    ui.label(egui::RichText::new(about).small().weak());
    let targets = shown.ws.targets_for(shown.city, shown.profile.year);
    let now = match targets.get(item, &shown.info.name) {
        Some(t) => format!(
            "Now: {} ({}): {}",
            super::targets::value_text(t.value),
            super::targets::from_text(t, shown.ws.edits.get(item, &shown.info.name) == Some(t)),
            t.source
        ),
        None => "Now: no target".to_string(),
    };
    ui.add(egui::Label::new(egui::RichText::new(now).small()).wrap());
}

/// The workspace's edits with the form's target for `item` (all cities, or
/// `city` only); the importer's message when the row would be refused.
pub(crate) fn edited_targets(
    ws: &crate::workspace::Workspace,
    item: ItemId,
    form: &EditForm,
    city: Option<&str>,
) -> Result<TargetSet, String> {
    if form.source.trim().is_empty() {
        return Err("a source is required: say where this target comes from".into());
    }
    let c = &ws.catalogue;
    let fields = TargetFields {
        kpi: c.kpi_of(item).code.clone(),
        data_point: c.items[item.index()].data_point.clone().unwrap_or_default(),
        target: form.target.clone(),
        worst: form.worst.clone(),
        direction: form.direction.clone(),
        city: city.unwrap_or_default().to_string(),
        source: form.source.clone(),
    };
    let rule = read_target_fields(c, &fields)?;
    let mut edits = (*ws.edits).clone();
    edits.insert(rule);
    Ok(edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::{Sources, Workspace};

    fn form(target: &str, worst: &str, source: &str) -> EditForm {
        EditForm {
            target: target.into(),
            worst: worst.into(),
            source: source.into(),
            ..EditForm::default()
        }
    }

    #[test]
    fn invalid_edits_are_refused_with_the_importers_message() {
        let ws = Workspace::load(&Sources::default(), &mut |_, _, _| {}).expect("samples load");
        let c = &ws.catalogue;
        let broadband = c
            .find_kpi("EC: ICT: ICT: 2C")
            .map(|k| c.kpis[k.0].items[0])
            .expect("2C");
        let plans = c.find_kpi("SC: SH: SA: 3A").map(|k| c.kpis[k.0].items[0]).expect("3A");
        let refused = |f: EditForm, item| edited_targets(&ws, item, &f, None).expect_err("refused");
        assert_eq!(
            refused(form("sixty", "", "plan"), broadband),
            "'sixty' is not a usable target for Fixed Broadband Subscriptions (write a number such as 60)"
        );
        assert!(
            refused(form("60", "60", "plan"), broadband)
                .starts_with("target for Fixed Broadband Subscriptions cannot be used")
        );
        assert_eq!(
            refused(form("60", "", "plan"), plans),
            "Resilience Plans is a yes/no KPI (write Yes or No as its target)"
        );
        assert!(refused(form("60", "", " "), broadband).starts_with("a source is required"));
        let edits = edited_targets(&ws, broadband, &form("80", "", "city plan p3"), Some("Pully")).expect("valid");
        let t = edits.get(broadband, "pully").expect("per city");
        assert_eq!((t.value, t.kind), (TargetValue::Number(80.0), TargetKind::Own));
        assert!(edits.get(broadband, "Asker").is_none());
    }
}
