//! The changes panels ask for. A panel pushes commands while it draws; the app
//! applies them after the frame, so every panel of a frame saw the same state.

use std::path::PathBuf;

use super::CityProfileApp;
use super::state::{GapsSettings, View};
use crate::chart::{Focus, Hit};
use crate::export::ChartKind;
use crate::model::{ItemId, TargetSet, Value};
use crate::workspace::{CityRef, Scoring};

/// A change requested by a panel, applied after the frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    SelectCity(CityRef),
    SetYear(Option<i32>),
    SetView(View),
    /// Open part of the wheel to the full circle.
    Drill(Focus),
    /// One level up (or clear the selection at the top).
    Back,
    Select(Option<Hit>),
    /// The segment, bar or row under the pointer (for the details panel).
    Hover(Option<Hit>),
    /// Replace the datasets (empty = bundled samples).
    Open(Vec<PathBuf>),
    /// Add datasets to the open ones.
    Add(Vec<PathBuf>),
    Remove(PathBuf),
    /// Read the open datasets again.
    Reload,
    /// Ask the user for files (true: add instead of replace; folder: pick a folder).
    PickFiles {
        add: bool,
        folder: bool,
    },
    SetDark(bool),
    ShowSubdimensions(bool),
    /// Show the data-quality and verification marks on the charts.
    ShowMarks(bool),
    ShowReport(bool),
    SetGaps(GapsSettings),
    /// Open the export dialog for a chart.
    OpenExport(ChartKind),
    /// The cities compared with the shown one.
    SetCompared(Vec<CityRef>),
    /// The KPI shown in the trends view.
    SetTrendItem(ItemId),
    /// Use the built-in file browser instead of the desktop's dialog.
    UseBuiltinBrowser(bool),
    DismissNotice(usize),
    /// Score with another target set or derived-targets choice.
    SetScoring(Scoring),
    /// Put these target edits in force (the target editor; undo and redo too).
    SetEdits(TargetSet),
    /// Ask where to save the own targets and edits.
    SaveTargets,
    /// Ask where to write the scores workbook: of every city, or the shown one.
    ExportScores {
        all: bool,
    },
    /// Remember what a table's columns hold, and load the data again with it.
    MapColumns(crate::import::ColumnMapping),
    /// Save the analysis to its file (asking where when it has none yet).
    SaveAnalysis,
    /// Ask where to save the analysis.
    SaveAnalysisAs,
    /// Save the analysis to this file (what the save dialog chose).
    SaveAnalysisTo(PathBuf),
    /// Ask which analysis file to open.
    PickAnalysis,
    /// Open an analysis file: its datasets, targets and settings.
    OpenAnalysis(PathBuf),
    /// Hypothetical values of the shown city.
    WhatIf(WhatIf),
}

/// What the What-if panel and the Plan tab ask for.
#[derive(Debug, Clone, PartialEq)]
pub enum WhatIf {
    /// Open the panel, listing this KPI.
    Open(Option<ItemId>),
    /// Set (or, with `None`, drop) one KPI's hypothetical value.
    Set(ItemId, Option<Value>),
    /// Set several (a plan), and open the panel on them.
    Apply(Vec<(ItemId, Value)>),
    /// Back to the data.
    Reset,
}

impl CityProfileApp {
    /// Applies one command now (the app applies the queued ones after each frame).
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let s = &mut self.session;
        match command {
            Command::SelectCity(city) => s.set_city(Some(city)),
            Command::SetYear(year) => s.analysis.year = year,
            Command::SetView(view) => s.analysis.view = view,
            Command::Drill(focus) => self.drill(focus, now),
            Command::Back => self.back(now),
            Command::Select(hit) => s.selected = hit,
            Command::Hover(hit) => s.hovered = hit,
            Command::Open(paths) => self.reload(paths, ctx),
            Command::Add(paths) => {
                let mut all = s.analysis.datasets.clone();
                all.extend(paths.into_iter().filter(|p| !s.analysis.datasets.contains(p)));
                self.reload(all, ctx);
            }
            Command::Remove(path) => {
                let rest = s.analysis.datasets.iter().filter(|p| **p != path).cloned().collect();
                self.reload(rest, ctx);
            }
            Command::Reload => {
                let paths = s.analysis.datasets.clone();
                self.reload(paths, ctx);
            }
            Command::PickFiles { add, folder } => {
                let (builtin, near) = (s.prefs.builtin_file_browser, s.prefs.recent.first());
                self.files
                    .request_open(add, folder, near.map(PathBuf::as_path), builtin, ctx);
            }
            Command::SetDark(dark) => s.prefs.dark = dark,
            Command::ShowSubdimensions(show) => s.analysis.show_subdimensions = show,
            Command::ShowMarks(show) => s.analysis.show_marks = show,
            Command::ShowReport(show) => s.show_report = show,
            Command::SetGaps(gaps) => s.analysis.gaps = gaps,
            Command::OpenExport(chart) => {
                let (chart, view) = self.panels.shown_chart(chart, &self.session);
                self.panels.export.open_for(chart, view, &self.session);
            }
            Command::SetCompared(cities) => s.set_compared(cities),
            Command::SetTrendItem(item) => s.set_trend_item(item),
            Command::UseBuiltinBrowser(on) => s.prefs.builtin_file_browser = on,
            Command::DismissNotice(i) if i < s.notices.len() => {
                s.notices.remove(i);
            }
            Command::DismissNotice(_) => {}
            Command::SetScoring(scoring) => {
                s.analysis.scoring = scoring;
                if let Some(ws) = s.workspace() {
                    let new = ws.with_scoring(scoring);
                    s.retarget(new);
                }
            }
            Command::SetEdits(edits) => {
                if let Some(ws) = s.workspace() {
                    let new = ws.with_edits(edits);
                    s.analysis.target_edits = crate::analysis::edit_rows(&new);
                    s.retarget(new);
                }
            }
            Command::MapColumns(mapping) => {
                let kept = |m: &crate::import::ColumnMapping| !(m.file == mapping.file && m.sheet == mapping.sheet);
                s.analysis.mappings.retain(kept);
                s.analysis.mappings.push(mapping);
                let paths = s.analysis.datasets.clone();
                self.reload(paths, ctx);
            }
            Command::WhatIf(what) => self.whatif(what),
            Command::SaveAnalysis
            | Command::SaveAnalysisAs
            | Command::SaveAnalysisTo(_)
            | Command::PickAnalysis
            | Command::OpenAnalysis(_)
            | Command::ExportScores { .. }
            | Command::SaveTargets => self.file_command(command, ctx),
        }
    }

    /// The commands that save or open a file (most ask where first).
    fn file_command(&mut self, command: Command, ctx: &egui::Context) {
        let s = &self.session;
        let builtin = s.prefs.builtin_file_browser;
        let data = s.analysis.datasets.first().cloned();
        let data = data.as_deref();
        match command {
            Command::ExportScores { all } => {
                let suggested = super::scores_export::suggested_name(s, all);
                self.files.request_save_scores((all, suggested), data, builtin, ctx);
            }
            Command::SaveTargets => {
                self.files
                    .request_save_targets("targets.csv".into(), data, builtin, ctx);
            }
            Command::SaveAnalysis => match self.session.analysis_file.clone() {
                Some(file) => self.save_analysis_to(&file),
                None => self.ask_where_to_save_analysis(ctx),
            },
            Command::SaveAnalysisAs => self.ask_where_to_save_analysis(ctx),
            Command::SaveAnalysisTo(file) => self.save_analysis_to(&file),
            Command::PickAnalysis => self.ask_which_analysis(ctx),
            Command::OpenAnalysis(file) => self.open_analysis(&file, ctx),
            _ => {}
        }
    }

    fn whatif(&mut self, what: WhatIf) {
        let s = &mut self.session;
        match what {
            WhatIf::Open(item) => self.panels.whatif.open_on(item),
            WhatIf::Set(item, value) => s.set_whatif(item, value),
            WhatIf::Apply(values) => {
                for (item, value) in values {
                    s.set_whatif(item, Some(value));
                    self.panels.whatif.open_on(Some(item));
                }
            }
            WhatIf::Reset => s.reset_whatif(),
        }
    }

    fn drill(&mut self, focus: Focus, now: f64) {
        let s = &mut self.session;
        if focus != s.focus {
            s.transition = Some((s.focus, now));
            s.set_focus(focus);
            s.selected = None;
        }
    }

    fn back(&mut self, now: f64) {
        let s = &mut self.session;
        match (s.focus, s.workspace()) {
            (Focus::All, _) => s.selected = None,
            (focus, Some(ws)) => {
                let parent = focus.parent(&ws.catalogue);
                s.transition = Some((focus, now));
                s.set_focus(parent);
                s.selected = None;
            }
            _ => {}
        }
    }

    /// Writes the own targets and the edits in force to a targets CSV (atomically).
    pub(crate) fn save_targets(&mut self, path: &std::path::Path) {
        let s = &mut self.session;
        let Some(ws) = s.workspace() else { return };
        let (bytes, count) = crate::export::own_targets_csv(ws);
        match crate::export::write_atomic(path, &bytes) {
            Ok(()) => s.notify(format!("Saved {count} targets to {}", path.display()), false),
            Err(e) => s.notify(format!("The targets were not saved: {e}"), true),
        }
    }

    fn reload(&mut self, paths: Vec<PathBuf>, ctx: &egui::Context) {
        let s = &mut self.session;
        s.prefs.remember(&paths);
        s.analysis.datasets = paths;
        s.set_focus(Focus::All);
        s.selected = None;
        self.start_load(ctx);
    }
}
