//! The export dialog: chart (wheel, gaps, table, compare, trend, city report),
//! format, size preset, scale, theme, background, frame; Save (to the path
//! shown), Save as… (a file dialog) and Copy image. Exports run as background
//! jobs and their outcome, or error, is shown in the dialog.

use std::path::PathBuf;

mod form;

use super::super::context::ViewContext;
use super::super::jobs::{Job, JobState, Repaint};
use super::super::session::Session;
use crate::export::{ChartKind, ExportSpec, Format, Preset, render, scenes, write_files};
use crate::model::ItemId;
use crate::render::files::render_rgba;
use crate::request::{ChartRequest, ViewSettings};
use crate::score::Overrides;
use crate::workspace::{CityRef, Workspace};

/// What a finished export job gives.
enum Outcome {
    /// The files written (a long table or gaps chart as PNG or SVG: one per page).
    Saved(Vec<PathBuf>),
    /// RGBA pixels for the clipboard.
    /// Width, height, RGBA bytes of the first page, and how many pages there are.
    Image(usize, usize, Vec<u8>, usize),
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
    /// The city's hypothetical values when the dialog was opened (exported, marked).
    whatif: Overrides,
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
            whatif: Overrides::new(),
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
    /// Opens the dialog on the chart as the view shows it (`view`: its settings;
    /// the year and the compared cities and KPI of the session).
    pub(crate) fn open_for(&mut self, chart: ChartKind, view: ViewSettings, session: &Session) {
        self.open = true;
        self.spec.chart = chart;
        self.spec.view = view;
        self.spec.marks = view.marks;
        self.whatif = session.whatif();
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

    /// The chart the export asks for, resolved in `ws` (`None` when its city is gone).
    pub fn request(&self, ws: &Workspace) -> Option<ChartRequest> {
        let (city, spec) = self.full_spec(ws)?;
        Some(spec.request(city))
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
        spec.whatif = (!self.whatif.is_empty()).then(|| (city, self.whatif.clone()));
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
            let files = render(&ws, city, &spec).map_err(|e| e.to_string())?;
            let written = write_files(&path, &files).map_err(|e| e.to_string())?;
            Ok(Outcome::Saved(written))
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
            Ok(Outcome::Image(w, h, rgba, pages.len()))
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
            Ok(Outcome::Saved(paths)) => Ok(saved_text(&paths)),
            Ok(Outcome::Image(width, height, bytes, pages)) => {
                self.copy_to_clipboard(width, height, bytes).map(|copied| match pages {
                    1 => copied,
                    // A long table or gaps chart: say what was not copied.
                    n => format!("{copied}: page 1 of {n} only; Save or Save as… writes every page"),
                })
            }
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
}

/// "Exported to …", naming every page file when there are several.
fn saved_text(paths: &[PathBuf]) -> String {
    match paths {
        [one] => format!("Exported to {}", one.display()),
        [first, .., last] => format!(
            "Exported {} pages, one file each: {} to {}",
            paths.len(),
            first.display(),
            last.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
        ),
        [] => "Nothing was exported".to_string(),
    }
}
