//! What the app remembers between runs (serde, eframe storage), kept apart from
//! the runtime state in [`super::session::Session`]: the preferences, which are
//! the person's, and the analysis last worked on (with its file, if saved),
//! which is the document's ([`crate::analysis::Analysis`]).

use std::path::PathBuf;

use crate::analysis::Analysis;
pub(crate) use crate::analysis::{GapsSettings, View};
use crate::export::ExportSpec;

/// The person's preferences: not part of any analysis.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub dark: bool,
    /// Use the app's own file browser instead of the desktop's file dialog.
    pub builtin_file_browser: bool,
    /// Data opened lately (newest first).
    pub recent: Vec<PathBuf>,
    /// Analysis files opened or saved lately (newest first).
    pub recent_analyses: Vec<PathBuf>,
    /// The last export settings.
    pub export: ExportSpec,
}

/// The analysis being worked on, kept between runs (eframe storage).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct LastAnalysis {
    pub analysis: Analysis,
    /// The analysis file it was opened from or saved to.
    pub file: Option<PathBuf>,
    /// Whether it had changes not saved to `file`.
    pub unsaved: bool,
}

/// The eframe storage key of [`LastAnalysis`] (the preferences use eframe's `APP_KEY`).
pub(crate) const ANALYSIS_KEY: &str = "analysis";

impl Preferences {
    /// Remembers paths as recently opened (newest first, at most 10).
    pub(crate) fn remember(&mut self, paths: &[PathBuf]) {
        remember_in(&mut self.recent, paths);
    }

    /// Remembers an analysis file as recently opened or saved.
    pub(crate) fn remember_analysis(&mut self, file: &std::path::Path) {
        remember_in(&mut self.recent_analyses, &[file.to_path_buf()]);
    }
}

fn remember_in(list: &mut Vec<PathBuf>, paths: &[PathBuf]) {
    for path in paths.iter().rev() {
        list.retain(|p| p != path);
        list.insert(0, path.clone());
    }
    list.truncate(10);
}
