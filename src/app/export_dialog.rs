//! The export dialog: chart, format, size preset, scale, theme, background, frame;
//! Save as… (native dialog, then a background export) and Copy image.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

use crate::export::{ChartKind, ExportSpec, Format, Preset, file_name, render};
use crate::model::CityId;
use crate::render::files::render_rgba;
use crate::workspace::Workspace;

/// What a background export reports back.
pub enum ExportMessage {
    /// The user picked where to save (or cancelled with `None`).
    Picked(Option<PathBuf>),
    Saved(Result<PathBuf, String>),
    /// RGBA pixels for the clipboard.
    Image(Result<(usize, usize, Vec<u8>), String>),
}

/// The dialog's state (the spec is remembered between runs).
pub struct ExportDialog {
    pub open: bool,
    pub spec: ExportSpec,
    pub preset: Option<Preset>,
    pub busy: bool,
    pub status: Option<Result<String, String>>,
    /// Where "Save" writes; "Save as…" fills it from the native dialog.
    pub path: String,
    /// The name suggested last, so that a changed chart or format updates the path.
    suggested: String,
    receiver: Option<Receiver<ExportMessage>>,
    clipboard: Option<arboard::Clipboard>,
}

impl ExportDialog {
    pub fn new(spec: ExportSpec) -> ExportDialog {
        let preset = Preset::ALL.into_iter().find(|p| p.size() == (spec.width, spec.height));
        ExportDialog {
            open: false,
            spec,
            preset,
            busy: false,
            status: None,
            path: String::new(),
            suggested: String::new(),
            receiver: None,
            clipboard: None,
        }
    }

    /// Opens the dialog for a chart.
    pub fn open_for(&mut self, chart: ChartKind) {
        self.open = true;
        self.spec.chart = chart;
        if chart == ChartKind::Report {
            self.spec.format = Format::Pdf;
        }
        self.status = None;
    }

    fn start(
        &mut self,
        ctx: &egui::Context,
        work: impl FnOnce(&std::sync::mpsc::Sender<ExportMessage>) + Send + 'static,
    ) {
        let (sender, receiver) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            work(&sender);
            ctx.request_repaint();
        });
        self.receiver = Some(receiver);
        self.busy = true;
        self.status = None;
    }

    /// Handles finished background work; starts the export once a path is picked.
    pub fn poll(&mut self, ctx: &egui::Context, ws: Option<&Arc<Workspace>>, city: Option<CityId>) {
        let Some(message) = self.receiver.as_ref().and_then(|r| r.try_recv().ok()) else {
            return;
        };
        self.busy = false;
        self.receiver = None;
        match message {
            ExportMessage::Picked(None) => {
                self.status = Some(Err(
                    "No file chosen (or no file dialog on this desktop): type the path and press Save".into(),
                ));
            }
            ExportMessage::Picked(Some(path)) => {
                self.path = path.display().to_string();
                self.save(ctx, ws, city);
            }
            ExportMessage::Saved(result) => self.status = Some(result.map(|p| format!("Exported to {}", p.display()))),
            ExportMessage::Image(Ok((width, height, bytes))) => {
                let image = arboard::ImageData {
                    width,
                    height,
                    bytes: bytes.into(),
                };
                if self.clipboard.is_none() {
                    // Kept for the app's lifetime: on X11 the app itself serves the clipboard.
                    self.clipboard = arboard::Clipboard::new().ok();
                }
                let result = self.clipboard.as_mut().map(|c| c.set_image(image));
                self.status = Some(match result {
                    Some(Ok(())) => Ok(format!("Copied a {width} × {height} image to the clipboard")),
                    Some(Err(e)) => Err(format!("The clipboard refused the image: {e}")),
                    None => Err("No clipboard is available".into()),
                });
            }
            ExportMessage::Image(Err(e)) => self.status = Some(Err(e)),
        }
    }

    /// Exports to `self.path` in the background.
    fn save(&mut self, ctx: &egui::Context, ws: Option<&Arc<Workspace>>, city: Option<CityId>) {
        let (Some(ws), Some(city)) = (ws.cloned(), city) else {
            return;
        };
        let (spec, path) = (self.spec.clone(), PathBuf::from(self.path.trim()));
        self.start(ctx, move |tx| {
            let result = render(&ws, city, &spec).map_err(|e| e.to_string()).and_then(|bytes| {
                crate::export::write_atomic(&path, &bytes)
                    .map(|()| path.clone())
                    .map_err(|e| e.to_string())
            });
            let _ = tx.send(ExportMessage::Saved(result));
        });
    }

    /// Draws the dialog window.
    pub fn ui(&mut self, ctx: &egui::Context, ws: Option<&Arc<Workspace>>, city: Option<CityId>, year: Option<i32>) {
        if !self.open {
            return;
        }
        self.spec.year = year;
        let mut open = self.open;
        egui::Window::new("Export")
            .open(&mut open)
            .resizable(false)
            .collapsible(false)
            .show(ctx, |ui| self.form(ui, ctx, ws, city));
        self.open = open;
    }

    fn form(&mut self, ui: &mut egui::Ui, ctx: &egui::Context, ws: Option<&Arc<Workspace>>, city: Option<CityId>) {
        let spec = &mut self.spec;
        egui::Grid::new("export_form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                ui.label("Chart");
                ui.horizontal(|ui| {
                    for (kind, label) in [
                        (ChartKind::Wheel, "Wheel"),
                        (ChartKind::Gaps, "Target gaps"),
                        (ChartKind::Table, "Table"),
                        (ChartKind::Report, "City report"),
                    ] {
                        ui.selectable_value(&mut spec.chart, kind, label);
                    }
                });
                ui.end_row();
                ui.label("Format");
                ui.horizontal(|ui| {
                    for (format, label) in [(Format::Png, "PNG"), (Format::Svg, "SVG"), (Format::Pdf, "PDF")] {
                        ui.add_enabled_ui(spec.chart != ChartKind::Report || format == Format::Pdf, |ui| {
                            ui.selectable_value(&mut spec.format, format, label);
                        });
                    }
                });
                ui.end_row();
                if spec.chart == ChartKind::Report {
                    spec.format = Format::Pdf;
                } else {
                    ui.label("Size");
                    ui.horizontal(|ui| {
                        let label = self.preset.map_or("Custom", Preset::label);
                        let combo = egui::ComboBox::from_id_salt("export_size")
                            .selected_text(label)
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
                    ui.add_enabled(
                        spec.format == Format::Png,
                        egui::Slider::new(&mut spec.scale, 1.0..=4.0)
                            .step_by(0.5)
                            .show_value(false)
                            .text(scale_text),
                    );
                    ui.end_row();
                    ui.label("Look");
                    ui.horizontal(|ui| {
                        ui.selectable_value(&mut spec.dark, false, "Light");
                        ui.selectable_value(&mut spec.dark, true, "Dark");
                        ui.add_enabled(
                            spec.format != Format::Pdf,
                            egui::Checkbox::new(&mut spec.transparent, "Transparent background"),
                        );
                    });
                    ui.end_row();
                    ui.label("Content");
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut spec.chart_only, false, "With title, legend and source");
                        ui.radio_value(&mut spec.chart_only, true, "Chart only");
                    });
                    ui.end_row();
                }
            });
        let Some((ws, city)) = ws.zip(city) else {
            ui.label("Select a city first.");
            return;
        };
        let year = spec.year.or_else(|| ws.dataset.years_of(city).last().copied());
        let suggested = file_name(&ws.dataset.cities[city.0].name, spec.chart, year, spec.format);
        if suggested != self.suggested {
            // A new chart, format or city: suggest its name in the same folder.
            let folder = std::path::Path::new(self.path.trim())
                .parent()
                .map(PathBuf::from)
                .filter(|p| !p.as_os_str().is_empty())
                .or_else(|| std::env::var_os("HOME").map(PathBuf::from))
                .unwrap_or_default();
            self.path = folder.join(&suggested).display().to_string();
            self.suggested = suggested.clone();
        }
        ui.horizontal(|ui| {
            let label = ui.label("File");
            ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(330.0))
                .labelled_by(label.id);
        });
        ui.horizontal(|ui| {
            let spec = self.spec.clone();
            if ui
                .add_enabled(!self.busy && !self.path.trim().is_empty(), egui::Button::new("Save"))
                .clicked()
            {
                self.save(ctx, Some(ws), Some(city));
            }
            if ui.add_enabled(!self.busy, egui::Button::new("Save as…")).clicked() {
                self.start(ctx, move |tx| {
                    let picked = rfd::FileDialog::new()
                        .set_title("Export")
                        .set_file_name(&suggested)
                        .add_filter(spec.format.extension(), &[spec.format.extension()])
                        .save_file();
                    let _ = tx.send(ExportMessage::Picked(picked));
                });
            }
            let can_copy = !self.busy && spec.chart != ChartKind::Report;
            if ui
                .add_enabled(can_copy, egui::Button::new("Copy image"))
                .on_hover_text("The chart as a PNG-quality image, ready to paste into slides")
                .clicked()
            {
                let ws = ws.clone();
                self.start(ctx, move |tx| {
                    let result = crate::export::scenes(&ws, city, &spec)
                        .map_err(|e| e.to_string())
                        .and_then(|scenes| {
                            scenes.first().map_or(Err("nothing to copy".into()), |s| {
                                render_rgba(s, spec.scale, spec.transparent).map_err(|e| e.to_string())
                            })
                        });
                    let _ = tx.send(ExportMessage::Image(result));
                });
            }
            if self.busy {
                ui.spinner();
            }
        });
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
