//! Saving and opening analysis files in the app: File › Save analysis, Open
//! analysis; a file of the analysis that moved is asked for (Locate… or Skip),
//! one that changed is said; closing with unsaved changes asks first.

use std::path::{Path, PathBuf};

use super::CityProfileApp;
use super::files::{ANALYSIS_EXTENSION, FilePurpose};
use super::panels::IndexView;
use crate::analysis::{FileRole, Missing, Opened};

/// An analysis file opened, waiting for the user to say where its missing files are.
pub(crate) struct PendingOpen {
    file: PathBuf,
    opened: Opened,
    /// As the file holds it (before any file is located or skipped).
    as_saved: crate::analysis::Analysis,
    /// The missing files not yet answered for, first asked first.
    asking: Vec<Missing>,
    skipped: Vec<(FileRole, usize)>,
}

/// What closing the window with unsaved changes has come to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Closing {
    #[default]
    No,
    /// The Save / Don't save / Cancel question is shown.
    Asking,
    /// Answered: let the window close.
    Confirmed,
}

impl CityProfileApp {
    /// Writes the analysis to `file`, which becomes its file.
    pub(crate) fn save_analysis_to(&mut self, file: &Path) {
        let s = &mut self.session;
        match crate::analysis::save(&s.analysis, file) {
            Ok(()) => {
                s.analysis_file = Some(file.to_path_buf());
                s.saved = Some(s.analysis.clone());
                s.prefs.remember_analysis(file);
                s.notify(format!("Saved the analysis to {}", file.display()), false);
            }
            Err(e) => s.notify(e.to_string(), true),
        }
    }

    pub(crate) fn ask_where_to_save_analysis(&mut self, ctx: &egui::Context) {
        let s = &self.session;
        let suggested = s.analysis_file.as_deref().and_then(Path::file_name).map_or_else(
            || format!("analysis.{ANALYSIS_EXTENSION}"),
            |n| n.to_string_lossy().to_string(),
        );
        let near = s
            .analysis_file
            .as_deref()
            .or(s.analysis.datasets.first().map(PathBuf::as_path));
        let purpose = FilePurpose::SaveAnalysis { suggested };
        self.files
            .request_analysis(purpose, near, s.prefs.builtin_file_browser, ctx);
    }

    pub(crate) fn ask_which_analysis(&mut self, ctx: &egui::Context) {
        let s = &self.session;
        let near = s.prefs.recent_analyses.first().or(s.analysis_file.as_ref());
        self.files.request_analysis(
            FilePurpose::OpenAnalysis,
            near.map(PathBuf::as_path),
            s.prefs.builtin_file_browser,
            ctx,
        );
    }

    /// Opens an analysis file; when some of its files are missing, asks for
    /// them first ([`Self::analysis_dialogs_ui`]).
    pub(crate) fn open_analysis(&mut self, file: &Path, ctx: &egui::Context) {
        match crate::analysis::open(file) {
            Ok(opened) => {
                self.pending_open = Some(PendingOpen {
                    file: file.to_path_buf(),
                    as_saved: opened.analysis.clone(),
                    asking: opened.missing.clone(),
                    skipped: Vec::new(),
                    opened,
                });
                self.finish_open_when_answered(ctx);
            }
            Err(e) => self.session.notify(e.to_string(), true),
        }
    }

    /// Where the user located the first missing file.
    pub(crate) fn located(&mut self, path: PathBuf, ctx: &egui::Context) {
        let Some(pending) = &mut self.pending_open else { return };
        if pending.asking.is_empty() {
            return;
        }
        let missing = pending.asking.remove(0);
        if missing.changed(&path) {
            let text = format!("{} changed since the analysis was saved", path.display());
            self.session.notify(text, false);
        }
        let list = files_of(&mut pending.opened.analysis, missing.role);
        if let Some(slot) = list.get_mut(missing.index) {
            *slot = path;
        }
        self.finish_open_when_answered(ctx);
    }

    fn skip_missing(&mut self, ctx: &egui::Context) {
        let Some(pending) = &mut self.pending_open else { return };
        if !pending.asking.is_empty() {
            let missing = pending.asking.remove(0);
            pending.skipped.push((missing.role, missing.index));
        }
        self.finish_open_when_answered(ctx);
    }

    fn finish_open_when_answered(&mut self, ctx: &egui::Context) {
        if self.pending_open.as_ref().is_none_or(|p| !p.asking.is_empty()) {
            return;
        }
        let Some(mut pending) = self.pending_open.take() else {
            return;
        };
        pending.skipped.sort_by_key(|(_, i)| std::cmp::Reverse(*i));
        for (role, index) in pending.skipped {
            let list = files_of(&mut pending.opened.analysis, role);
            if index < list.len() {
                list.remove(index);
            }
        }
        let s = &mut self.session;
        for changed in &pending.opened.changed {
            s.notify(
                format!("{} changed since the analysis was saved", changed.display()),
                false,
            );
        }
        s.analysis = pending.opened.analysis;
        s.analysis_file = Some(pending.file.clone());
        s.saved = Some(pending.as_saved);
        s.prefs.remember_analysis(&pending.file);
        s.forget_city();
        self.panels.index = IndexView::new(s.analysis.index.clone());
        self.start_load(ctx);
    }

    /// The questions about an analysis: where a missing file is, and whether to
    /// save before closing.
    pub(crate) fn analysis_dialogs_ui(&mut self, ctx: &egui::Context) {
        self.missing_file_ui(ctx);
        self.close_ui(ctx);
    }

    fn missing_file_ui(&mut self, ctx: &egui::Context) {
        let Some(missing) = self.pending_open.as_ref().and_then(|p| p.asking.first()).cloned() else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("missing analysis file")).show(ctx, |ui| {
            ui.heading(format!("Where is {} now?", missing.name()));
            ui.label(format!("It is not at {}.", missing.looked_at.display()));
            ui.horizontal(|ui| {
                if ui.button("Locate…").clicked() {
                    answer = Some(true);
                }
                if ui
                    .button("Skip")
                    .on_hover_text("Open the analysis without it")
                    .clicked()
                {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => {
                let folder = missing.looked_at.extension().is_none();
                let purpose = FilePurpose::Locate {
                    name: missing.name(),
                    folder,
                };
                let near = self.pending_open.as_ref().map(|p| p.file.clone());
                let builtin = self.session.prefs.builtin_file_browser;
                self.files.request_analysis(purpose, near.as_deref(), builtin, ctx);
            }
            Some(false) => self.skip_missing(ctx),
            None => {}
        }
    }

    fn close_ui(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && self.closing != Closing::Confirmed && self.session.unsaved()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.closing = Closing::Asking;
        }
        if self.closing != Closing::Asking {
            return;
        }
        let name = self.analysis_name().unwrap_or_default();
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("close with unsaved analysis")).show(ctx, |ui| {
            ui.heading(format!("Save the changes to {name}?"));
            ui.label("The analysis has changes its file does not hold.");
            ui.horizontal(|ui| {
                for (label, choice) in [("Save", 0), ("Don't save", 1), ("Cancel", 2)] {
                    if ui.button(label).clicked() {
                        answer = Some(choice);
                    }
                }
            });
        });
        match answer {
            Some(0) => {
                if let Some(file) = self.session.analysis_file.clone() {
                    self.save_analysis_to(&file);
                }
                if !self.session.unsaved() {
                    self.close_now(ctx);
                }
            }
            Some(1) => {
                // What the app keeps for the next run is the analysis as saved.
                if let Some(saved) = self.session.saved.clone() {
                    self.session.analysis = saved;
                }
                self.close_now(ctx);
            }
            Some(_) => self.closing = Closing::No,
            None => {}
        }
    }

    fn close_now(&mut self, ctx: &egui::Context) {
        self.closing = Closing::Confirmed;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    /// The analysis file's name, if the analysis has one.
    pub fn analysis_name(&self) -> Option<String> {
        let file = self.session.analysis_file.as_deref()?;
        Some(file.file_name()?.to_string_lossy().to_string())
    }

    /// True while the app asks where a missing file of an analysis is.
    pub fn asking_for_missing_file(&self) -> bool {
        self.pending_open.as_ref().is_some_and(|p| !p.asking.is_empty())
    }
}

fn files_of(analysis: &mut crate::analysis::Analysis, role: FileRole) -> &mut Vec<PathBuf> {
    match role {
        FileRole::Dataset => &mut analysis.datasets,
        FileRole::Targets => &mut analysis.targets_files,
    }
}
