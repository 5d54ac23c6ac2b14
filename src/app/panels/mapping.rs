//! The column-mapping dialog: when a table cannot be guessed (no known column
//! names), the app asks what each column holds, and the city and year when
//! the table has no column for them; the answer is remembered per file and
//! sheet and the data are loaded again with it.

use super::super::command::Command;
use super::super::context::ViewContext;
use crate::import::{ColumnMapping, ColumnRole, TableSummary};

/// The dialog's state: the table being mapped, the roles chosen, the tables
/// the user set aside (per workspace generation).
#[derive(Default)]
pub(crate) struct MappingDialog {
    mapping: Option<ColumnMapping>,
    /// The first data row, shown beside each column.
    sample: Vec<String>,
    year_text: String,
    dismissed: Vec<(u64, String, Option<String>)>,
}

/// A first guess from the header text (data in other languages, other words).
fn guess(header: &str) -> ColumnRole {
    let h = header.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    if has(&[
        "city",
        "ville",
        "ciudad",
        "stadt",
        "ort",
        "gemeinde",
        "comune",
        "municipal",
    ]) {
        ColumnRole::City
    } else if has(&["year", "année", "annee", "año", "jahr", "anno"]) {
        ColumnRole::Year
    } else if has(&["kpi", "indicat", "kennzahl", "code"]) {
        ColumnRole::Kpi
    } else if has(&["value", "valeur", "valor", "wert", "result", "résultat"]) {
        ColumnRole::Value
    } else if has(&["unit", "unité", "einheit", "unidad"]) {
        ColumnRole::Unit
    } else if has(&["source", "quelle", "fuente"]) {
        ColumnRole::Source
    } else {
        ColumnRole::Ignore
    }
}

impl MappingDialog {
    /// Opens on the first ignored table of the workspace not yet mapped or set aside.
    fn pick(&mut self, cx: &ViewContext<'_>) {
        let Some(ws) = cx.workspace() else { return };
        if self.mapping.is_some() {
            return;
        }
        let key = |t: &TableSummary| (ws.generation, t.file.clone(), t.sheet.clone());
        let open = ws
            .report
            .tables
            .iter()
            .find(|t| t.role == "ignored" && !t.headers.is_empty() && !self.dismissed.contains(&key(t)));
        if let Some(t) = open {
            self.mapping = Some(ColumnMapping {
                file: t.file.clone(),
                sheet: t.sheet.clone(),
                roles: t.headers.iter().map(|h| (h.clone(), guess(h))).collect(),
                city: None,
                year: None,
            });
            self.sample = t.sample.clone();
            self.year_text.clear();
            self.dismissed.push(key(t));
        }
    }

    pub(crate) fn ui(&mut self, ctx: &egui::Context, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
        self.pick(cx);
        let Some(mapping) = &mut self.mapping else { return };
        let mut open = true;
        let mut action = None;
        egui::Window::new("What does this table hold?")
            .open(&mut open)
            .collapsible(false)
            .default_width(460.0)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                action = form_ui(ui, mapping, &self.sample, &mut self.year_text);
            });
        match action {
            Some(true) => {
                if let Some(mapping) = self.mapping.take() {
                    out.push(Command::MapColumns(mapping));
                }
            }
            Some(false) => self.mapping = None,
            None if !open => self.mapping = None,
            None => {}
        }
    }
}

/// The form; `Some(true)` on Load, `Some(false)` on Not now.
fn form_ui(ui: &mut egui::Ui, mapping: &mut ColumnMapping, sample: &[String], year_text: &mut String) -> Option<bool> {
    let place = match &mapping.sheet {
        Some(sheet) => format!("{} [{sheet}]", mapping.file),
        None => mapping.file.clone(),
    };
    ui.label(format!(
        "cityprofile cannot tell what {place} holds. Say what each column is:"
    ));
    egui::Grid::new("mapping_roles").num_columns(3).show(ui, |ui| {
        ui.weak("column");
        ui.weak("holds");
        ui.weak("first row");
        ui.end_row();
        for (k, (header, role)) in mapping.roles.iter_mut().enumerate() {
            let label = ui.label(header.as_str());
            egui::ComboBox::from_id_salt(("mapping", header.as_str()))
                .selected_text(role.label())
                .show_ui(ui, |ui| {
                    for r in ColumnRole::ALL {
                        ui.selectable_value(role, r, r.label());
                    }
                })
                .response
                .labelled_by(label.id);
            ui.weak(sample.get(k).map_or("", String::as_str));
            ui.end_row();
        }
    });
    let has = |r: ColumnRole| mapping.roles.iter().any(|(_, role)| *role == r);
    let (has_city, has_year) = (has(ColumnRole::City), has(ColumnRole::Year));
    let mut city = mapping.city.clone().unwrap_or_default();
    if !has_city {
        ui.horizontal(|ui| {
            let label = ui.label("City of every row");
            ui.text_edit_singleline(&mut city).labelled_by(label.id);
        });
    }
    if !has_year {
        ui.horizontal(|ui| {
            let label = ui.label("Year of every row");
            ui.text_edit_singleline(year_text).labelled_by(label.id);
        });
    }
    mapping.city = (!has_city && !city.trim().is_empty()).then(|| city.trim().to_string());
    mapping.year = if has_year { None } else { year_text.trim().parse().ok() };
    let ready = has(ColumnRole::Kpi) && has(ColumnRole::Value) && (has_city || mapping.city.is_some());
    if !ready {
        ui.weak("A KPI column, a value column and a city (column or name) are needed.");
    }
    let mut action = None;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(ready, egui::Button::new("Load with these columns"))
            .clicked()
        {
            action = Some(true);
        }
        if ui.button("Not now").clicked() {
            action = Some(false);
        }
    });
    action
}
