//! The desktop app (eframe). Each panel is a struct that owns its UI state and
//! draws from a read-only [`context::ViewContext`]; panels change the shared
//! [`Session`] only by pushing [`Command`]s, which the app applies after the
//! frame. What views derive from the data is cached in [`ViewModels`]. Loads,
//! exports and native file dialogs run as named background jobs.

mod analysis_io;
mod browser;
mod command;
mod context;
mod files;
mod jobs;
mod look;
mod models;
mod panels;
mod run;
mod scores_export;
mod session;
mod state;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub use crate::analysis::{GapsSettings, View};
pub use command::{Command, WhatIf};
pub use models::{ViewModels, WorkCounter};
pub use panels::{
    CompareTab, CompareView, Details, ExportDialog, GapsView, IndexChoices, IndexView, Panels, PlanView, ReportPanel,
    Sidebar, SnapshotView, TableView, TrendsView, WhatIfPanel, WheelView,
};
pub use run::run;
pub use session::{MAX_COMPARED, Notice, Session};
pub use state::{LastAnalysis, Preferences};

use crate::analysis::Analysis;
use crate::import::ProgressFn;
use crate::model::CityId;
use crate::score::Profile;
use crate::workspace::{Sources, Workspace, WorkspaceError};
use context::ViewContext;
use files::{FileChoice, FileDialogs, FilePurpose};
use jobs::{Job, JobState, Repaint};
use panels::sidebar::{CityRow, city_rows};

/// How long a drill-down animation takes.
pub(crate) const TRANSITION: Duration = Duration::from_millis(350);

/// Loads a workspace (replaceable in tests, to make a load fail on purpose).
pub(crate) type Loader = Arc<dyn Fn(&Sources, &mut ProgressFn<'_>) -> Result<Workspace, WorkspaceError> + Send + Sync>;

/// What the load job hands over: the workspace with the city list built and the
/// default city found off the UI thread.
type Loaded = Result<(Workspace, Vec<CityRow>, Option<CityId>), WorkspaceError>;

/// The app: the shared session, the cached view models, the panels and the jobs.
pub struct CityProfileApp {
    pub session: Session,
    pub models: ViewModels,
    pub panels: Panels,
    files: FileDialogs,
    load: Option<Job<Loaded>>,
    scores_export: scores_export::ScoresExport,
    commands: Vec<Command>,
    /// Extra `--targets` and `--catalogue` from the command line.
    base_sources: Sources,
    loader: Loader,
    title: String,
    applied_dark: Option<bool>,
    fonts_installed: bool,
    /// An analysis file being opened, waiting for its missing files to be located.
    pending_open: Option<analysis_io::PendingOpen>,
    closing: analysis_io::Closing,
}

impl CityProfileApp {
    /// A new app on `analysis`; its first frame starts loading the analysis'
    /// datasets (or the bundled samples).
    pub fn new(prefs: Preferences, analysis: Analysis, base_sources: Sources) -> CityProfileApp {
        let panels = Panels::new(&prefs, &analysis);
        CityProfileApp {
            session: Session::new(prefs, analysis),
            models: ViewModels::default(),
            panels,
            files: FileDialogs::default(),
            load: None,
            scores_export: scores_export::ScoresExport::default(),
            commands: Vec::new(),
            base_sources,
            loader: Arc::new(|sources, progress| Workspace::load(sources, progress)),
            title: String::new(),
            applied_dark: None,
            fonts_installed: false,
            pending_open: None,
            closing: analysis_io::Closing::default(),
        }
    }

    /// Replaces how workspaces are loaded (tests: a load that fails on purpose).
    pub fn with_loader(mut self, loader: Loader) -> CityProfileApp {
        self.loader = loader;
        self
    }

    /// True while a load runs.
    pub fn is_loading(&self) -> bool {
        self.load.is_some()
    }

    fn sources(&self) -> Sources {
        let analysis = &self.session.analysis;
        let mut targets = self.base_sources.targets.clone();
        targets.extend(analysis.targets_files.iter().cloned());
        Sources {
            paths: analysis.datasets.clone(),
            targets,
            scoring: analysis.scoring,
            defaults: crate::import::TableDefaults {
                mappings: analysis.mappings.clone(),
                ..self.base_sources.defaults.clone()
            },
            edits: analysis.target_edits.clone(),
            ..self.base_sources.clone()
        }
    }

    /// Starts loading the session's datasets in the background.
    pub fn start_load(&mut self, ctx: &egui::Context) {
        let ctx = ctx.clone();
        let repaint: Repaint = Arc::new(move || ctx.request_repaint());
        let (sources, loader) = (self.sources(), self.loader.clone());
        self.load = Some(Job::spawn("load", repaint, move |sink| {
            let ws = loader(&sources, &mut |done, total, file| sink.report(done, total, file))?;
            let rows = city_rows(&ws);
            let fallback = default_city(&ws);
            Ok((ws, rows, fallback))
        }));
    }

    /// Loads the datasets on this thread (tests, benchmarks).
    pub fn load_blocking(&mut self) {
        let result = (self.loader)(&self.sources(), &mut |_, _, _| {}).map(|ws| {
            let rows = city_rows(&ws);
            let fallback = default_city(&ws);
            (ws, rows, fallback)
        });
        self.loaded(result);
    }

    /// Waits for the running load (tests and headless use); its error if it failed.
    pub fn finish_load_blocking(&mut self) -> Result<(), String> {
        match self.load.take().map(Job::wait) {
            None => Ok(()),
            Some(Ok(result)) => {
                self.loaded(result);
                Ok(())
            }
            Some(Err(reason)) => {
                self.session.notify(reason.clone(), true);
                Err(reason)
            }
        }
    }

    fn loaded(&mut self, result: Loaded) {
        match result {
            Ok((ws, rows, fallback)) => {
                let errors = ws.report.has_errors();
                // Data that say two things at once (two tables given one city):
                // said at once, not only in the report.
                if let Some(stop) = ws.report.stop() {
                    let hint = stop.hint.as_deref().map(|h| format!(" ({h})")).unwrap_or_default();
                    self.session.notify(format!("{}{hint}", stop.message), true);
                }
                let old = self.session.workspace().cloned();
                let new = self.session.replace_workspace(ws, fallback);
                if let Some(old) = old {
                    self.panels.adopt(&old, &new);
                }
                self.models.seed_city_rows(&new, rows);
                self.session.show_report |= errors;
            }
            Err(WorkspaceError::Catalogue(report)) => {
                self.session.load_error = Some(report);
                self.session.show_report = true;
            }
        }
    }

    /// Queues a command for the end of the frame.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Draws the whole app into `ui` (eframe's root, or a kittest harness).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.poll_jobs(&ctx);
        if !self.fonts_installed {
            look::install_fonts(&ctx);
            self.fonts_installed = true;
        }
        look::apply(&ctx, &self.session.theme(), &mut self.applied_dark);
        let mut out = std::mem::take(&mut self.commands);
        let repaint: Repaint = {
            let ctx = ctx.clone();
            Arc::new(move || ctx.request_repaint())
        };
        let mut cx = ViewContext::new(&self.session, &self.models, ctx.input(|i| i.time), repaint.clone());
        cx.loading = self.load.as_ref().map(Job::progress);
        self.panels.ui(ui, &cx, &mut out);
        if let Some(choice) = self.files.ui(&ctx) {
            self.chosen(choice, &ctx, &repaint, &mut out);
        }
        self.analysis_dialogs_ui(&ctx);
        self.commands = out;
        if let Some(notice) = self.files.notice.take() {
            self.session.notify(notice, false);
        }
        for command in std::mem::take(&mut self.commands) {
            self.apply(command, &ctx);
        }
        self.end_finished_transition(ctx.input(|i| i.time));
        self.session.prefs.export = self.panels.export.spec().clone();
        if self.session.analysis.index.as_ref() != self.panels.index.choices() {
            self.session.analysis.index = self.panels.index.choices().cloned();
        }
        self.update_title(&ctx);
    }

    /// Forgets a drill-down animation that has run its course.
    fn end_finished_transition(&mut self, now: f64) {
        if let Some((_, start)) = self.session.transition
            && now - start >= TRANSITION.as_secs_f64()
        {
            self.session.transition = None;
        }
    }

    /// Routes what a file dialog chose.
    fn chosen(&mut self, choice: FileChoice, ctx: &egui::Context, repaint: &Repaint, out: &mut Vec<Command>) {
        match choice.purpose {
            FilePurpose::Open { add: true, .. } => out.push(Command::Add(choice.paths)),
            FilePurpose::Open { add: false, .. } => out.push(Command::Open(choice.paths)),
            FilePurpose::Export { .. } => {
                if let Some(path) = choice.paths.into_iter().next() {
                    self.panels.export.save_to(path, &self.session, repaint);
                }
            }
            FilePurpose::SaveTargets { .. } => {
                if let Some(path) = choice.paths.into_iter().next() {
                    self.save_targets(&path);
                }
            }
            FilePurpose::Index(file) => {
                if let Some(path) = choice.paths.into_iter().next() {
                    self.panels.index.file_chosen(file, path, repaint);
                }
            }
            FilePurpose::Scores { all, .. } => {
                let ws = self.session.workspace().cloned();
                if let (Some(path), Some(ws)) = (choice.paths.into_iter().next(), ws) {
                    let cities = scores_export::scored_cities(&self.session, all);
                    self.scores_export.start(ws, cities, path, repaint);
                }
            }
            FilePurpose::OpenAnalysis => out.extend(choice.paths.into_iter().take(1).map(Command::OpenAnalysis)),
            FilePurpose::SaveAnalysis { .. } => {
                out.extend(choice.paths.into_iter().take(1).map(Command::SaveAnalysisTo))
            }
            FilePurpose::Locate { .. } => {
                if let Some(path) = choice.paths.into_iter().next() {
                    self.located(path, ctx);
                }
            }
        }
    }

    fn poll_jobs(&mut self, ctx: &egui::Context) {
        let nothing = self.session.workspace().is_none() && self.session.load_error.is_none();
        let asking = self.pending_open.is_some();
        if nothing && !asking && self.load.is_none() && self.session.notices.iter().all(|n| !n.error) {
            self.start_load(ctx);
        }
        if let Some(job) = &mut self.load {
            match job.poll() {
                JobState::Running => {}
                JobState::Done(result) => {
                    self.load = None;
                    self.loaded(result);
                }
                JobState::Failed(reason) => {
                    self.load = None;
                    self.session.notify(reason, true);
                }
            }
        }
        let data = self.session.analysis.datasets.first().map(PathBuf::as_path);
        if let Some(request) = self.panels.export.take_file_request() {
            let builtin = self.session.prefs.builtin_file_browser;
            self.files.request_save(request, data, builtin, ctx);
        }
        if let Some(file) = self.panels.index.file_request.take() {
            let builtin = self.session.prefs.builtin_file_browser;
            self.files.request_index(file, data, builtin, ctx);
        }
        self.panels.export.poll(&mut self.session);
        self.scores_export.poll(&mut self.session);
        let dropped: Vec<PathBuf> = ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect());
        if !dropped.is_empty() {
            self.push(Command::Add(dropped));
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let datasets = &self.session.analysis.datasets;
        let data = if let Some(name) = self.analysis_name() {
            let mark = if self.session.unsaved() { " \u{2022}" } else { "" };
            format!("{name}{mark}")
        } else if datasets.is_empty() {
            "sample cities".to_string()
        } else {
            let names: Vec<String> = datasets
                .iter()
                .filter_map(|p| p.file_name())
                .map(|n| n.to_string_lossy().to_string())
                .collect();
            names.join(", ")
        };
        let title = format!("cityprofile - {data}");
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// True while the scores workbook is being made.
    pub fn exporting_scores(&self) -> bool {
        self.scores_export.busy()
    }

    /// True while a file dialog (the desktop's or the built-in one) is open.
    pub fn file_dialog_open(&self) -> bool {
        self.files.busy()
    }

    /// The loaded workspace, if any.
    pub fn workspace(&self) -> Option<&Arc<Workspace>> {
        self.session.workspace()
    }

    /// The name of the city shown.
    pub fn city_name(&self) -> Option<&str> {
        self.session.city_info().map(|c| c.name.as_str())
    }

    /// The profile shown (from the view models: scored only when its key changed).
    pub fn profile(&self) -> Option<Arc<Profile>> {
        let ws = self.session.workspace()?;
        let (city, year) = (self.session.city()?, self.session.year());
        Some(self.models.whatif_profile(ws, city, year, &self.session.whatif()))
    }
}

/// The first real city with the most reported values, else the first city.
/// (`max_by_key` returns the last of equals: the place breaks ties, first wins.)
fn default_city(ws: &Workspace) -> Option<CityId> {
    (0..ws.dataset.cities.len()).map(CityId::new).max_by_key(|c| {
        (
            !ws.dataset.cities[c.index()].fictional,
            ws.dataset.observations_of(*c).len(),
            std::cmp::Reverse(c.index()),
        )
    })
}

impl eframe::App for CityProfileApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let s = &self.session;
        eframe::set_value(storage, eframe::APP_KEY, &s.prefs);
        let last = LastAnalysis {
            analysis: s.analysis.clone(),
            file: s.analysis_file.clone(),
            unsaved: s.unsaved(),
        };
        eframe::set_value(storage, state::ANALYSIS_KEY, &last);
    }

    /// Saved often, so that a session ended without a clean close is still restored.
    fn auto_save_interval(&self) -> Duration {
        Duration::from_secs(5)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Of cities with as many values, the first one opens (10,000 generated
    /// cities opened on the last one, which the list shows at its very end).
    #[test]
    fn the_default_city_is_the_first_of_the_best_reported() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("values.csv");
        let mut rows = String::from("city,year,kpi,value\n");
        for (city, kpis) in [("Aa", 1), ("Bb", 2), ("Cc", 2), ("Dd", 1)] {
            for kpi in ["EC: ICT: ICT: 1C", "EC: ICT: ICT: 2C"].iter().take(kpis) {
                rows.push_str(&format!("{city},2020,{kpi},50\n"));
            }
        }
        std::fs::write(&path, rows).expect("written");
        let sources = Sources {
            paths: vec![path],
            ..Sources::default()
        };
        let ws = Workspace::load(&sources, &mut |_, _, _| {}).expect("loaded");
        let name = |c: Option<CityId>| c.map(|c| ws.dataset.cities[c.index()].name.clone());
        assert_eq!(name(default_city(&ws)).as_deref(), Some("Bb"));
    }
}
