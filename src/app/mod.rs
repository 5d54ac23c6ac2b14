//! The desktop app (eframe): panels push [`Command`]s, the app applies them
//! after the frame; loads and dialogs run as background jobs.

mod compare_view;
mod details;
mod export_dialog;
mod heatmap;
mod jobs;
mod look;
mod menu;
mod report_panel;
mod sidebar;
mod state;
mod table_view;
mod trends_view;
mod views;
mod wheel_view;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub use compare_view::compared as compared_cities;
pub use state::{Command, GapsSettings, PeerChoice, Persisted, View};

use crate::chart::{Focus, Hit, Theme};
use crate::model::CityId;
use crate::score::Profile;
use crate::workspace::{Sources, Workspace, WorkspaceError};
use jobs::{DialogJob, LoadJob};

/// How long a drill-down animation takes.
pub const TRANSITION: Duration = Duration::from_millis(350);

/// The app: persisted settings plus everything derived at run time.
pub struct CityProfileApp {
    pub persisted: Persisted,
    pub workspace: Option<Arc<Workspace>>,
    /// The load that failed entirely (catalogue unreadable), with its report.
    pub load_error: Option<crate::import::ImportReport>,
    pub city: Option<CityId>,
    pub profile: Option<Profile>,
    pub focus: Focus,
    /// The focus being left and when the animation started.
    pub transition: Option<(Focus, f64)>,
    pub hovered: Option<Hit>,
    pub selected: Option<Hit>,
    pub city_search: String,
    pub table: table_view::TableState,
    pub show_report: bool,
    pub export: export_dialog::ExportDialog,
    pub compare: compare_view::CompareState,
    pub medians: views::MedianCache,
    /// The KPI of the trends view.
    pub trend_item: Option<crate::model::ItemId>,
    /// The earlier year of the band-changes list.
    pub change_from: Option<i32>,
    /// Extra `--targets` and `--catalogue` from the command line.
    pub base_sources: Sources,
    load: Option<LoadJob>,
    dialog: Option<DialogJob>,
    commands: Vec<Command>,
    title: String,
    applied_dark: Option<bool>,
}

impl CityProfileApp {
    /// A new app; starts loading `persisted.datasets` (or the bundled samples).
    pub fn new(persisted: Persisted, base_sources: Sources) -> CityProfileApp {
        let export = export_dialog::ExportDialog::new(persisted.export.clone());
        CityProfileApp {
            persisted,
            workspace: None,
            load_error: None,
            city: None,
            profile: None,
            focus: Focus::All,
            transition: None,
            hovered: None,
            selected: None,
            city_search: String::new(),
            table: table_view::TableState::default(),
            show_report: false,
            export,
            compare: compare_view::CompareState::default(),
            medians: views::MedianCache::default(),
            trend_item: None,
            change_from: None,
            base_sources,
            load: None,
            dialog: None,
            commands: Vec::new(),
            title: String::new(),
            applied_dark: None,
        }
    }

    /// (files done, files in all, current file) while a load runs.
    pub fn load_progress(&self) -> Option<(usize, usize, String)> {
        self.load.as_ref().map(|j| j.progress.clone())
    }

    /// True while a load runs.
    pub fn is_loading(&self) -> bool {
        self.load.is_some()
    }

    /// Loads synchronously (tests) or starts the background load (app).
    pub fn start_load(&mut self, ctx: &egui::Context) {
        let sources = Sources {
            paths: self.persisted.datasets.clone(),
            ..self.base_sources.clone()
        };
        let ctx = ctx.clone();
        self.load = Some(LoadJob::start(sources, Arc::new(move || ctx.request_repaint())));
    }

    /// Loads the datasets on this thread, without a background job (tests, first frame of a headless run).
    pub fn load_blocking(&mut self) {
        let sources = Sources {
            paths: self.persisted.datasets.clone(),
            ..self.base_sources.clone()
        };
        let result = Workspace::load(&sources, &mut |_, _, _| {});
        self.loaded(result);
    }

    /// Blocks until the running load is done (for tests and headless use).
    pub fn finish_load_blocking(&mut self) {
        while let Some(job) = self.load.as_mut() {
            if let Some(result) = job.poll() {
                self.load = None;
                self.loaded(result);
            } else {
                std::thread::sleep(Duration::from_millis(5));
            }
        }
    }

    fn loaded(&mut self, result: Result<Workspace, WorkspaceError>) {
        match result {
            Ok(ws) => {
                self.show_report |= ws.report.has_errors();
                let wanted = self.persisted.city.clone();
                let city = wanted
                    .as_deref()
                    .and_then(|n| ws.dataset.city_by_name(n))
                    .or_else(|| default_city(&ws));
                self.workspace = Some(Arc::new(ws));
                self.load_error = None;
                self.city = None;
                if let Some(city) = city {
                    let year = self.persisted.year;
                    self.select_city(city);
                    if year.is_some_and(|y| self.years().contains(&y)) {
                        self.persisted.year = year;
                        self.rescore();
                    }
                }
            }
            Err(WorkspaceError::Catalogue(report)) => {
                self.load_error = Some(report);
                self.show_report = true;
            }
        }
    }

    /// Years of the selected city, ascending.
    pub fn years(&self) -> Vec<i32> {
        match (&self.workspace, self.city) {
            (Some(ws), Some(city)) => ws.dataset.years_of(city),
            _ => Vec::new(),
        }
    }

    fn select_city(&mut self, city: CityId) {
        if self.city != Some(city) {
            self.city = Some(city);
            self.persisted.year = None;
            self.focus = Focus::All;
            self.transition = None;
            self.selected = None;
        }
        if let Some(ws) = &self.workspace {
            self.persisted.city = ws.dataset.cities.get(city.0).map(|c| c.name.clone());
        }
        self.rescore();
    }

    fn rescore(&mut self) {
        self.profile = match (&self.workspace, self.city) {
            (Some(ws), Some(city)) => Some(ws.profile(city, self.persisted.year)),
            _ => None,
        };
    }

    /// Queues a command for the end of the frame.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Draws the whole app into `ui` (eframe's root, or a kittest harness).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.poll_jobs(&ctx);
        look::apply(&ctx, &self.theme(), &mut self.applied_dark);
        menu::menu_bar(self, ui);
        sidebar::sidebar(self, ui);
        details::details_panel(self, ui);
        report_panel::report_panel(self, ui);
        egui::CentralPanel::default().show(ui, |ui| views::central(self, ui));
        self.export.poll(&ctx, self.workspace.as_ref(), self.city);
        let year = self.profile.as_ref().and_then(|p| p.year);
        self.export.ui(&ctx, self.workspace.as_ref(), self.city, year);
        self.persisted.export = self.export.spec.clone();
        self.apply_commands(&ctx);
        self.update_title(&ctx);
    }

    /// The chart theme in use.
    pub fn theme(&self) -> Theme {
        if self.persisted.dark {
            Theme::dark()
        } else {
            Theme::light()
        }
    }

    fn poll_jobs(&mut self, ctx: &egui::Context) {
        if self.workspace.is_none() && self.load.is_none() && self.load_error.is_none() {
            self.start_load(ctx);
        }
        if let Some(result) = self.load.as_mut().and_then(LoadJob::poll) {
            self.load = None;
            self.loaded(result);
        }
        if let Some(job) = &self.dialog
            && let Ok(paths) = job.receiver.try_recv()
        {
            let add = job.add;
            self.dialog = None;
            if !paths.is_empty() {
                self.push(if add { Command::Add(paths) } else { Command::Open(paths) });
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect());
        if !dropped.is_empty() {
            self.push(Command::Add(dropped));
        }
    }

    fn apply_commands(&mut self, ctx: &egui::Context) {
        for command in std::mem::take(&mut self.commands) {
            self.apply(command, ctx);
        }
    }

    /// Applies one command now.
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        match command {
            Command::SelectCity(city) => self.select_city(city),
            Command::SetYear(year) => {
                self.persisted.year = year;
                self.rescore();
            }
            Command::SetView(view) => self.persisted.view = view,
            Command::Drill(focus) if focus != self.focus => {
                self.transition = Some((self.focus, now));
                self.focus = focus;
                self.selected = None;
            }
            Command::Drill(_) => {}
            Command::Back => match (self.focus, &self.workspace) {
                (Focus::All, _) => self.selected = None,
                (focus, Some(ws)) => {
                    let parent = focus.parent(&ws.catalogue);
                    self.transition = Some((focus, now));
                    self.focus = parent;
                    self.selected = None;
                }
                _ => {}
            },
            Command::Select(hit) => self.selected = hit,
            Command::Open(paths) => self.reload(paths, ctx),
            Command::Add(paths) => {
                let mut all = self.persisted.datasets.clone();
                all.extend(paths.into_iter().filter(|p| !self.persisted.datasets.contains(p)));
                self.reload(all, ctx);
            }
            Command::Remove(path) => {
                let rest = self
                    .persisted
                    .datasets
                    .iter()
                    .filter(|p| **p != path)
                    .cloned()
                    .collect();
                self.reload(rest, ctx);
            }
            Command::PickFiles { add, folder } => {
                if self.dialog.is_none() {
                    let ctx = ctx.clone();
                    self.dialog = Some(DialogJob::start(add, folder, Arc::new(move || ctx.request_repaint())));
                }
            }
            Command::SetDark(dark) => self.persisted.dark = dark,
            Command::ShowSubdimensions(show) => self.persisted.show_subdimensions = show,
            Command::ShowReport(show) => self.show_report = show,
            Command::SetGaps(gaps) => self.persisted.gaps = gaps,
            Command::OpenExport(chart) => {
                self.export.spec.cities = compare_view::compared(self);
                self.export.spec.kpi = self
                    .trend_item
                    .or(self.export.spec.kpi)
                    .or(Some(crate::model::ItemId(0)));
                self.export.open_for(chart);
            }
            Command::SetCompared(others) => self.compare.others = others,
            Command::SetTrendItem(item) => self.trend_item = Some(item),
        }
    }

    fn reload(&mut self, paths: Vec<PathBuf>, ctx: &egui::Context) {
        self.persisted.remember(&paths);
        self.persisted.datasets = paths;
        self.focus = Focus::All;
        self.selected = None;
        self.start_load(ctx);
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let data = if self.persisted.datasets.is_empty() {
            "sample cities".to_string()
        } else {
            self.persisted
                .datasets
                .iter()
                .filter_map(|p| p.file_name())
                .map(|n| n.to_string_lossy().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let title = format!("cityprofile - {data}");
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// Animation progress of the running drill-down, if any (0 → 1).
    pub fn transition_progress(&self, now: f64) -> Option<(Focus, f32)> {
        self.transition
            .map(|(from, start)| (from, ((now - start) / TRANSITION.as_secs_f64()).clamp(0.0, 1.0) as f32))
    }
}

/// The first real city with the most reported values, else the first city.
fn default_city(ws: &Workspace) -> Option<CityId> {
    (0..ws.dataset.cities.len())
        .map(CityId)
        .max_by_key(|c| (!ws.dataset.cities[c.0].fictional, ws.dataset.observations_of(*c).len()))
}

impl eframe::App for CityProfileApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.persisted);
    }

    /// Saved often, so that a session ended without a clean close is still restored.
    fn auto_save_interval(&self) -> Duration {
        Duration::from_secs(5)
    }
}

/// Opens the app window. `paths` (when not empty) replace the remembered datasets.
pub fn run(paths: Vec<PathBuf>, base_sources: Sources) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1360.0, 860.0])
            .with_min_inner_size([720.0, 480.0])
            .with_title("cityprofile"),
        ..Default::default()
    };
    eframe::run_native(
        "cityprofile",
        options,
        Box::new(move |cc| {
            let mut persisted: Persisted = cc
                .storage
                .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
                .unwrap_or_default();
            if !paths.is_empty() {
                persisted.remember(&paths);
                persisted.datasets = paths;
                persisted.city = None;
            }
            Ok(Box::new(CityProfileApp::new(persisted, base_sources)))
        }),
    )
}
