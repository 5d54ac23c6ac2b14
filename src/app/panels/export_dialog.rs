//! The export dialog: chart (wheel, gaps, table, compare, trend, city report),
//! format, size preset, scale, theme, background, frame; Save (to the path
//! shown), Save as… (a file dialog) and Copy image. Exports run as background
//! jobs and their outcome, or error, is shown in the dialog.

use std::path::PathBuf;

use super::super::context::ViewContext;
use super::super::jobs::{Job, JobState, Repaint};
use super::super::session::Session;
use crate::export::{ChartKind, ExportSpec, Format, Preset, render, scenes, suggested_name, write_atomic};
use crate::model::ItemId;
use crate::render::files::render_rgba;
use crate::workspace::{CityRef, Workspace};

/// What a finished export job gives.
enum Outcome {
    Saved(PathBuf),
    /// RGBA pixels for the clipboard.
    Image(usize, usize, Vec<u8>),
}

/// The dialog's state; the spec (chart, format, size, look) is remembered between runs.
pub struct ExportDialog {
    pub open: bool,
    spec: ExportSpec,
    pub preset: Option<Preset>,
    /// Where "Save" writes; "Save as…" fills it from a file dialog.
    pub path: String,
    /// The name suggested last, so that a changed chart or format updates the path.
    suggested: String,
    pub status: Option<Result<String, String>>,
    /// The city exported, the compared cities (that city first) and the trend's KPI.
    city: Option<CityRef>,
    cities: Vec<CityRef>,
    kpi: Option<ItemId>,
    job: Option<Job<Result<Outcome, String>>>,
    /// A file dialog to open for "Save as…": suggested name and extension.
    file_request: Option<(String, &'static str)>,
    clipboard: Option<arboard::Clipboard>,
}

impl ExportDialog {
    pub(crate) fn new(mut spec: ExportSpec) -> ExportDialog {
        spec.cities.clear();
        spec.kpi = None;
        let preset = Preset::ALL.into_iter().find(|p| p.size() == (spec.width, spec.height));
        ExportDialog {
            open: false,
            spec,
            preset,
            path: String::new(),
            suggested: String::new(),
            status: None,
            city: None,
            cities: Vec::new(),
            kpi: None,
            job: None,
            file_request: None,
            clipboard: None,
        }
    }

    /// The export settings (without cities and KPI, which belong to the data).
    pub fn spec(&self) -> &ExportSpec {
        &self.spec
    }

    /// True while an export or copy runs.
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Opens the dialog for a chart of the city shown (and the compared cities,
    /// and the trends view's KPI).
    pub(crate) fn open_for(&mut self, chart: ChartKind, session: &Session) {
        self.open = true;
        self.spec.chart = chart;
        if chart == ChartKind::Report {
            self.spec.format = Format::Pdf;
        }
        self.city = session.city_ref();
        self.cities = match session.workspace() {
            Some(ws) => session.compared().into_iter().map(|c| ws.city_ref(c)).collect(),
            None => Vec::new(),
        };
        self.kpi = session.trend_item.or(self.kpi);
        self.status = None;
    }

    /// Carries the city references over to a reloaded workspace (by name).
    pub(crate) fn adopt(&mut self, old: &Workspace, new: &Workspace) {
        self.city = self.city.and_then(|c| new.adopt(old, c));
        self.cities = self.cities.iter().filter_map(|c| new.adopt(old, *c)).collect();
    }

    /// The file dialog "Save as…" asked for, once.
    pub(crate) fn take_file_request(&mut self) -> Option<(String, &'static str)> {
        self.file_request.take()
    }

    /// The spec for `ws`, with the cities and KPI resolved in it; `None` when the
    /// city is gone.
    fn full_spec(&self, ws: &Workspace) -> Option<(crate::model::CityId, ExportSpec)> {
        let city = ws.resolve(self.city?)?;
        let mut spec = self.spec.clone();
        spec.cities = self.cities.iter().filter_map(|c| ws.resolve(*c)).collect();
        spec.kpi = self.kpi.or(Some(ItemId(0)));
        Some((city, spec))
    }

    /// Exports to `path` (typed, or chosen in a file dialog) in the background.
    pub(crate) fn save_to(&mut self, path: PathBuf, session: &Session, repaint: &Repaint) {
        self.path = path.display().to_string();
        let Some(ws) = session.workspace().cloned() else { return };
        let Some((city, spec)) = self.full_spec(&ws) else {
            self.status = Some(Err(
                "The city is no longer in the data; pick a city and open Export again".into(),
            ));
            return;
        };
        self.start(repaint, "export", move || {
            let bytes = render(&ws, city, &spec).map_err(|e| e.to_string())?;
            write_atomic(&path, &bytes).map_err(|e| e.to_string())?;
            Ok(Outcome::Saved(path))
        });
    }

    fn copy_image(&mut self, session: &Session, repaint: &Repaint) {
        let Some(ws) = session.workspace().cloned() else { return };
        let Some((city, spec)) = self.full_spec(&ws) else {
            return;
        };
        self.start(repaint, "clipboard image", move || {
            let pages = scenes(&ws, city, &spec).map_err(|e| e.to_string())?;
            let page = pages.first().ok_or("nothing to copy")?;
            let (w, h, rgba) = render_rgba(page, spec.scale, spec.transparent).map_err(|e| e.to_string())?;
            Ok(Outcome::Image(w, h, rgba))
        });
    }

    fn start(
        &mut self,
        repaint: &Repaint,
        name: &'static str,
        work: impl FnOnce() -> Result<Outcome, String> + Send + 'static,
    ) {
        self.status = None;
        self.job = Some(Job::spawn(name, repaint.clone(), move |_| work()));
    }

    /// Takes the outcome of a finished job; a failure is also a notice when the
    /// dialog was closed meanwhile.
    pub(crate) fn poll(&mut self, session: &mut Session) {
        let Some(job) = &mut self.job else { return };
        let outcome = match job.poll() {
            JobState::Running => return,
            JobState::Done(outcome) => outcome,
            JobState::Failed(reason) => Err(reason),
        };
        self.job = None;
        self.status = Some(match outcome {
            Ok(Outcome::Saved(path)) => Ok(format!("Exported to {}", path.display())),
            Ok(Outcome::Image(width, height, bytes)) => self.copy_to_clipboard(width, height, bytes),
            Err(reason) => Err(reason),
        });
        if let (false, Some(Err(reason))) = (self.open, &self.status) {
            session.notify(reason.clone(), true);
        }
    }

    fn copy_to_clipboard(&mut self, width: usize, height: usize, bytes: Vec<u8>) -> Result<String, String> {
        let image = arboard::ImageData {
            width,
            height,
            bytes: bytes.into(),
        };
        if self.clipboard.is_none() {
            // Kept for the app's lifetime: on X11 the app itself serves the clipboard.
            self.clipboard = arboard::Clipboard::new().ok();
        }
        match self.clipboard.as_mut().map(|c| c.set_image(image)) {
            Some(Ok(())) => Ok(format!("Copied a {width} × {height} image to the clipboard")),
            Some(Err(e)) => Err(format!("The clipboard refused the image: {e}")),
            None => Err("No clipboard is available".into()),
        }
    }

    /// Draws the dialog window.
    pub(crate) fn ui(&mut self, ctx: &egui::Context, cx: &ViewContext<'_>) {
        if !self.open {
            return;
        }
        self.spec.year = cx.year_shown();
        let mut open = self.open;
        egui::Window::new("Export")
            .open(&mut open)
            .resizable(false)
            .collapsible(false)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .show(ctx, |ui| self.form_ui(ui, cx));
        self.open = open;
    }

    fn form_ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>) {
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
                    .map(|c| ws.dataset.cities[c.0].name.as_str())
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
