//! What the app remembers between runs (serde, eframe storage) and the
//! commands panels push during a frame.

use std::path::PathBuf;

use crate::chart::gaps::KpiKind;
use crate::chart::{Focus, Hit};
use crate::export::{ChartKind, ExportSpec};
use crate::model::{CityId, DimensionId};

/// The central view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum View {
    #[default]
    Wheel,
    Gaps,
    Table,
}

impl View {
    pub const ALL: [View; 3] = [View::Wheel, View::Gaps, View::Table];

    /// The chart this view exports.
    pub fn chart(self) -> ChartKind {
        match self {
            View::Wheel => ChartKind::Wheel,
            View::Gaps => ChartKind::Gaps,
            View::Table => ChartKind::Table,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            View::Wheel => "Wheel",
            View::Gaps => "Target gaps",
            View::Table => "Table",
        }
    }
}

/// Settings of the target gaps view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct GapsSettings {
    pub dimension: Option<DimensionId>,
    pub kind: KpiKind,
    pub worst: Option<usize>,
    pub group_by_dimension: bool,
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
        }
    }
}

impl Persisted {
    /// Remembers paths as recently opened (newest first, at most 10).
    pub fn remember(&mut self, paths: &[PathBuf]) {
        for path in paths.iter().rev() {
            self.recent.retain(|p| p != path);
            self.recent.insert(0, path.clone());
        }
        self.recent.truncate(10);
    }
}

/// A change requested by a panel, applied after the frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    SelectCity(CityId),
    SetYear(Option<i32>),
    SetView(View),
    /// Open part of the wheel to the full circle.
    Drill(Focus),
    /// One level up (or clear the selection at the top).
    Back,
    Select(Option<Hit>),
    /// Replace the datasets (empty = bundled samples).
    Open(Vec<PathBuf>),
    /// Add datasets to the open ones.
    Add(Vec<PathBuf>),
    Remove(PathBuf),
    /// Ask the user for files (true: add instead of replace; folder: pick a folder).
    PickFiles {
        add: bool,
        folder: bool,
    },
    SetDark(bool),
    ShowSubdimensions(bool),
    ShowReport(bool),
    SetGaps(GapsSettings),
    /// Open the export dialog for a chart.
    OpenExport(ChartKind),
}
