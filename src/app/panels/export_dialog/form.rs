//! The export dialog's form: chart, cities or KPI, format, size, look, content,
//! the file path, and the Save, Save as… and Copy image buttons.

use std::path::PathBuf;

use super::ExportDialog;
use crate::app::context::ViewContext;
use crate::export::{ChartKind, ExportSpec, Format, Preset, suggested_name};
use crate::model::ItemId;

impl ExportDialog {
    pub(super) fn form_ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>) {
        if !self.whatif.is_empty() {
            let n = self.whatif.len();
            let what = if n == 1 {
                "hypothetical value goes".to_string()
            } else {
                format!("{n} hypothetical values go")
            };
            let text = format!("WHAT-IF: this city's {what} into the file, marked in its title, badge and source line");
            ui.colored_label(ui.visuals().warn_fg_color, text);
        }
        egui::Grid::new("export_form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                self.chart_row_ui(ui);
                self.subject_row_ui(ui, cx);
                self.format_row_ui(ui);
                if self.spec.chart == ChartKind::Report {
                    self.spec.format = Format::Pdf;
                } else {
                    self.size_rows_ui(ui);
                    self.look_rows_ui(ui);
                }
            });
        let Some(ws) = cx.workspace() else { return };
        let Some((city, spec)) = self.full_spec(ws) else {
            ui.label("Select a city first.");
            return;
        };
        self.suggest_path(&suggested_name(ws, city, &spec));
        self.actions_ui(ui, cx, &spec);
        self.status_ui(ui);
    }

    fn chart_row_ui(&mut self, ui: &mut egui::Ui) {
        ui.label("Chart");
        // Two rows: one city's charts, then the comparison, the trend and the report.
        ui.vertical(|ui| {
            for row in [
                [
                    (ChartKind::Wheel, "Wheel"),
                    (ChartKind::Gaps, "Target gaps"),
                    (ChartKind::Table, "Table"),
                ],
                [
                    (ChartKind::Snapshot, "Snapshot"),
                    (ChartKind::Radars, "Radars"),
                    (ChartKind::Verification, "Verification"),
                ],
                [
                    (ChartKind::Compare, "Compare"),
                    (ChartKind::Trend, "Trend"),
                    (ChartKind::Report, "City report"),
                ],
            ] {
                ui.horizontal(|ui| {
                    for (kind, label) in row {
                        ui.selectable_value(&mut self.spec.chart, kind, label);
                    }
                });
            }
        });
        ui.end_row();
    }

    /// The cities of a comparison, or the KPI of a trend chart.
    fn subject_row_ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>) {
        let Some(ws) = cx.workspace() else { return };
        match self.spec.chart {
            ChartKind::Compare => {
                ui.label("Cities");
                let names: Vec<&str> = self
                    .cities
                    .iter()
                    .filter_map(|c| ws.resolve(*c))
                    .map(|c| ws.dataset.cities[c.index()].name.as_str())
                    .collect();
                if names.len() < 2 {
                    ui.weak("Pick 2 to 12 cities in the Compare view first");
                } else {
                    ui.label(names.join(", "));
                }
                ui.end_row();
            }
            ChartKind::Trend => {
                let label = ui.label("KPI");
                let current = self.kpi.unwrap_or(ItemId(0));
                egui::ComboBox::from_id_salt("export_kpi")
                    .selected_text(ws.catalogue.item_label(current))
                    .width(330.0)
                    .show_ui(ui, |ui| {
                        for item in ws.catalogue.items_in_order() {
                            ui.selectable_value(&mut self.kpi, Some(item), ws.catalogue.item_label(item));
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
            }
            _ => {}
        }
    }

    fn format_row_ui(&mut self, ui: &mut egui::Ui) {
        ui.label("Format");
        ui.horizontal(|ui| {
            for (format, label) in [(Format::Png, "PNG"), (Format::Svg, "SVG"), (Format::Pdf, "PDF")] {
                ui.add_enabled_ui(self.spec.chart != ChartKind::Report || format == Format::Pdf, |ui| {
                    ui.selectable_value(&mut self.spec.format, format, label);
                });
            }
        });
        ui.end_row();
    }

    fn size_rows_ui(&mut self, ui: &mut egui::Ui) {
        let spec = &mut self.spec;
        ui.label("Size");
        ui.horizontal(|ui| {
            let combo = egui::ComboBox::from_id_salt("export_size")
                .selected_text(self.preset.map_or("Custom", Preset::label))
                .show_ui(ui, |ui| {
                    for preset in Preset::ALL {
                        if ui
                            .selectable_label(self.preset == Some(preset), preset.label())
                            .clicked()
                        {
                            self.preset = Some(preset);
                            (spec.width, spec.height) = preset.size();
                        }
                    }
                    if ui.selectable_label(self.preset.is_none(), "Custom").clicked() {
                        self.preset = None;
                    }
                });
            combo.response.on_hover_text("Pixels for PNG and SVG, points for PDF");
            let wl = ui.label("width");
            let w = ui
                .add(egui::DragValue::new(&mut spec.width).range(100.0..=16_000.0))
                .labelled_by(wl.id);
            let hl = ui.label("height");
            let h = ui
                .add(egui::DragValue::new(&mut spec.height).range(100.0..=16_000.0))
                .labelled_by(hl.id);
            if w.changed() || h.changed() {
                self.preset = Preset::ALL.into_iter().find(|p| p.size() == (spec.width, spec.height));
            }
        });
        ui.end_row();
        ui.label("PNG scale");
        let scale_text = format!("{}× the size in pixels", spec.scale);
        let slider = egui::Slider::new(&mut spec.scale, 1.0..=4.0)
            .step_by(0.5)
            .show_value(false)
            .text(scale_text);
        ui.add_enabled(spec.format == Format::Png, slider);
        ui.end_row();
    }

    fn look_rows_ui(&mut self, ui: &mut egui::Ui) {
        let spec = &mut self.spec;
        ui.label("Look");
        ui.horizontal(|ui| {
            ui.selectable_value(&mut spec.dark, false, "Light");
            ui.selectable_value(&mut spec.dark, true, "Dark");
            let transparent = egui::Checkbox::new(&mut spec.transparent, "Transparent background");
            ui.add_enabled(spec.format != Format::Pdf, transparent);
        });
        ui.end_row();
        ui.label("Content");
        ui.horizontal(|ui| {
            ui.radio_value(&mut spec.chart_only, false, "With title, legend and source");
            ui.radio_value(&mut spec.chart_only, true, "Chart only");
        });
        ui.end_row();
    }

    /// A new chart, format, city or KPI: suggest its name in the same folder.
    fn suggest_path(&mut self, suggested: &str) {
        if suggested == self.suggested {
            return;
        }
        let folder = std::path::Path::new(self.path.trim())
            .parent()
            .map(PathBuf::from)
            .filter(|p| !p.as_os_str().is_empty())
            .or_else(|| std::env::var_os("HOME").map(PathBuf::from))
            .unwrap_or_default();
        self.path = folder.join(suggested).display().to_string();
        self.suggested = suggested.to_string();
    }

    fn actions_ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, spec: &ExportSpec) {
        ui.horizontal(|ui| {
            let label = ui.label("File");
            ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(330.0))
                .labelled_by(label.id);
        });
        let ready = !self.busy() && (spec.chart != ChartKind::Compare || (2..=12).contains(&spec.cities.len()));
        ui.horizontal(|ui| {
            if ui
                .add_enabled(ready && !self.path.trim().is_empty(), egui::Button::new("Save"))
                .clicked()
            {
                let path = PathBuf::from(self.path.trim());
                self.save_to(path, cx.session, &cx.repaint);
            }
            if ui.add_enabled(ready, egui::Button::new("Save as…")).clicked() {
                self.file_request = Some((self.suggested.clone(), spec.format.extension()));
            }
            let copy = ui
                .add_enabled(
                    ready && spec.chart != ChartKind::Report,
                    egui::Button::new("Copy image"),
                )
                .on_hover_text("The chart as a PNG-quality image, ready to paste into slides");
            if copy.clicked() {
                self.copy_image(cx.session, &cx.repaint);
            }
            if self.busy() {
                ui.spinner();
            }
        });
    }

    fn status_ui(&self, ui: &mut egui::Ui) {
        match &self.status {
            Some(Ok(text)) => {
                ui.label(egui::RichText::new(text).color(ui.visuals().hyperlink_color));
            }
            Some(Err(text)) => {
                ui.colored_label(ui.visuals().error_fg_color, text);
            }
            None => {}
        }
    }
}
