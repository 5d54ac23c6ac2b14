//! The weights panel: a preset, a slider per dimension and sub-dimension (each
//! relative to its siblings) with the share of the index it ends up with, and
//! every KPI's effective weight for the city shown. Categories and single KPIs
//! are weighted with a weights file (Load…), which the panel then shows.

use std::sync::Arc;

use super::{Choices, IndexFile};
use crate::app::context::Shown;
use crate::app::models::{Memo, WorkCounter};
use crate::model::CityId;
use crate::score::index::{IndexInput, IndexSettings, WeightBase, Weights, effective_weights};

type Key = (usize, IndexSettings, CityId);

#[derive(Default)]
pub(super) struct WeightsPanel {
    effective: Memo<Key, Vec<f64>>,
}

impl WeightsPanel {
    pub(super) fn ui(
        &self,
        ui: &mut egui::Ui,
        shown: &Shown<'_>,
        choices: &mut Choices,
        input: Option<&Arc<IndexInput>>,
        (work, file): (&WorkCounter, &mut Option<IndexFile>),
    ) {
        let catalogue = &shown.ws.catalogue;
        ui.heading("Weights");
        presets_ui(ui, catalogue, choices, file);
        let base = choices.weights.base.key();
        if choices.weights_source == base {
            ui.weak(format!("preset {base}"));
        } else {
            ui.weak(format!("{} (base {base})", choices.weights_source));
        }
        let Some(input) = input else { return };
        let city = input.cities.iter().position(|c| *c == shown.city);
        let settings = IndexSettings {
            method: choices.method,
            weights: choices.weights.clone(),
            rules: choices.rules,
        };
        let key = (Arc::as_ptr(input) as usize, settings.clone(), shown.city);
        let effective = self
            .effective
            .get(key, work, || effective_weights(input, &settings, city));
        let before = choices.weights.clone();
        egui::ScrollArea::vertical()
            .id_salt("index-weights-scroll")
            .show(ui, |ui| {
                sliders_ui(ui, catalogue, &mut choices.weights, &effective);
                ui.separator();
                kpis_ui(ui, shown, &effective);
            });
        if choices.weights != before {
            choices.weights_source = "edited in the app".into();
        }
    }
}

/// The presets, and loading or saving a weights file.
fn presets_ui(
    ui: &mut egui::Ui,
    catalogue: &crate::model::Catalogue,
    choices: &mut Choices,
    file: &mut Option<IndexFile>,
) {
    ui.horizontal_wrapped(|ui| {
        for (base, label, hint) in [
            (
                WeightBase::PerKpi,
                "Per KPI",
                "Every scored item counts the same: the U4SSC overall score",
            ),
            (
                WeightBase::PerLevel,
                "Per level",
                "Each dimension 1/3, each sub-dimension equal within its dimension",
            ),
        ] {
            if ui.button(label).on_hover_text(hint).clicked() {
                choices.weights = Weights::preset(base, catalogue);
                choices.weights_source = base.key().into();
            }
        }
        if ui
            .button("Load…")
            .on_hover_text("A CSV file of level,name,weight rows")
            .clicked()
        {
            *file = Some(IndexFile::LoadWeights);
        }
        if ui.button("Save…").clicked() {
            *file = Some(IndexFile::SaveWeights);
        }
    });
}

/// Share of the index of the items under a node.
fn share(catalogue: &crate::model::Catalogue, effective: &[f64], under: impl Fn(crate::model::ItemId) -> bool) -> f64 {
    (0..catalogue.items.len())
        .map(crate::model::ItemId::new)
        .filter(|&i| under(i))
        .map(|i| effective[i.index()])
        .sum()
}

fn sliders_ui(ui: &mut egui::Ui, catalogue: &crate::model::Catalogue, weights: &mut Weights, effective: &[f64]) {
    ui.spacing_mut().slider_width = 80.0;
    for (d, dim) in catalogue.dimensions.iter().enumerate() {
        let pct = 100.0 * share(catalogue, effective, |i| catalogue.parents_of(i).2.0 == d);
        slider_row(ui, &mut weights.dimensions[d], &dim.name, pct, true);
        ui.indent(("index-dim", d), |ui| {
            for &s in &dim.subdimensions {
                let pct = 100.0 * share(catalogue, effective, |i| catalogue.parents_of(i).1 == s);
                slider_row(
                    ui,
                    &mut weights.subdimensions[s.0],
                    &catalogue.subdimensions[s.0].name,
                    pct,
                    false,
                );
            }
        });
    }
    ui.weak("Weights are relative to their siblings; the % is the share of the index for the city shown.");
}

/// A slider, then the share and the name (cut to the panel, whole on hover).
fn slider_row(ui: &mut egui::Ui, value: &mut f64, name: &str, pct: f64, strong: bool) {
    ui.horizontal(|ui| {
        ui.add(egui::Slider::new(value, 0.0..=5.0).step_by(0.05).max_decimals(2))
            .on_hover_text(format!("Weight of {name} relative to its siblings"));
        let text = format!("{pct:.0} %  {name}");
        let text = if strong {
            egui::RichText::new(text).strong()
        } else {
            egui::RichText::new(text)
        };
        ui.add(egui::Label::new(text).truncate()).on_hover_text(name);
    });
}

/// Every KPI's effective weight for the city shown, by category.
fn kpis_ui(ui: &mut egui::Ui, shown: &Shown<'_>, effective: &[f64]) {
    let catalogue = &shown.ws.catalogue;
    let title = format!("Effective weight of each item for {}", shown.info.name);
    egui::CollapsingHeader::new(title)
        .id_salt("index-kpi-weights")
        .show(ui, |ui| {
            for item in catalogue.items_in_order() {
                let w = effective[item.index()];
                let text = if w > 0.0 {
                    format!("{:.2} %", 100.0 * w)
                } else {
                    "not in its index".into()
                };
                ui.horizontal(|ui| {
                    ui.label(catalogue.item_label(item));
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if w > 0.0 {
                            ui.label(text)
                        } else {
                            ui.weak(text)
                        };
                    });
                });
            }
        });
}
