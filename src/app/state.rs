//! What the app remembers between runs (serde, eframe storage): kept apart from
//! the runtime state in [`super::session::Session`].

use std::path::PathBuf;

use crate::export::{ChartKind, ExportSpec};
pub use crate::request::GapsSettings;
use crate::workspace::Scoring;

/// The central view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum View {
    #[default]
    Wheel,
    Gaps,
    Table,
    Compare,
    Trends,
    Snapshot,
    Targets,
    /// The composite index of the city's peers, with rank uncertainty.
    Index,
    /// What it would take: the fewest band steps that lift an aggregate into a band.
    Plan,
}

impl View {
    pub const ALL: [View; 9] = [
        View::Wheel,
        View::Snapshot,
        View::Gaps,
        View::Table,
        View::Compare,
        View::Trends,
        View::Index,
        View::Plan,
        View::Targets,
    ];

    /// Whether the view has a chart to export (the Index view has its own
    /// export buttons; the Plan tab is a list).
    pub fn exports(self) -> bool {
        !matches!(self, View::Index | View::Plan)
    }

    /// The chart this view exports.
    pub fn chart(self) -> ChartKind {
        match self {
            View::Wheel => ChartKind::Wheel,
            View::Gaps => ChartKind::Gaps,
            View::Table => ChartKind::Table,
            View::Compare => ChartKind::Compare,
            View::Trends => ChartKind::Trend,
            // The targets view exports the table of every item with its target.
            View::Targets => ChartKind::Table,
            View::Snapshot => ChartKind::Snapshot,
            // Not offered (see `exports`): the header hides Export… there.
            View::Index | View::Plan => ChartKind::Compare,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            View::Wheel => "Wheel",
            View::Gaps => "Target gaps",
            View::Table => "Table",
            View::Compare => "Compare",
            View::Trends => "Trends",
            View::Targets => "Targets",
            View::Snapshot => "Snapshot",
            View::Index => "Index",
            View::Plan => "Plan",
        }
    }
}

/// Restored on start (eframe persistence).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Persisted {
    /// Data files and folders; empty means the bundled sample cities.
    pub datasets: Vec<PathBuf>,
    pub city: Option<String>,
    /// `None` = the city's latest year.
    pub year: Option<i32>,
    pub view: View,
    pub dark: bool,
    pub show_subdimensions: bool,
    pub recent: Vec<PathBuf>,
    pub gaps: GapsSettings,
    /// The last export settings.
    pub export: ExportSpec,
    /// Use the app's own file browser instead of the desktop's file dialog.
    pub builtin_file_browser: bool,
    /// The bundled target set and derived targets.
    pub scoring: Scoring,
    /// Data-quality and verification marks on the charts.
    pub show_marks: bool,
    /// What the columns of tables that could not be guessed hold (the mapping dialog).
    pub mappings: Vec<crate::import::ColumnMapping>,
    /// The Index view's choices (weights, method, rules, runs, seed...), when it was opened.
    pub index: Option<super::panels::IndexChoices>,
}

impl Default for Persisted {
    fn default() -> Self {
        Persisted {
            datasets: Vec::new(),
            city: None,
            year: None,
            view: View::Wheel,
            dark: false,
            show_subdimensions: true,
            recent: Vec::new(),
            gaps: GapsSettings::default(),
            export: ExportSpec::default(),
            builtin_file_browser: false,
            scoring: Scoring::default(),
            show_marks: true,
            mappings: Vec::new(),
            index: None,
        }
    }
}

impl Persisted {
    /// Remembers paths as recently opened (newest first, at most 10).
    pub(crate) fn remember(&mut self, paths: &[PathBuf]) {
        for path in paths.iter().rev() {
            self.recent.retain(|p| p != path);
            self.recent.insert(0, path.clone());
        }
        self.recent.truncate(10);
    }
}
