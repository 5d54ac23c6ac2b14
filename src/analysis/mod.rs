//! An analysis: everything a person set up to look at their cities (datasets,
//! targets and target edits, scoring, the city, year and view shown, compared
//! cities, index choices, what-if values), as one versioned, serialisable type,
//! saved to and opened from an analysis file (`.cityprofile`, JSON; the format is
//! in docs/analysis-file.md). Preferences (theme, file browser, recent files,
//! window) are not part of it: they stay with the app.
//!
//! One word for one thing: the *analysis* is this document; the *workspace*
//! ([`crate::workspace::Workspace`]) is the data loaded from it. No egui here:
//! the command line opens analysis files too (`--analysis`).

mod file;
mod index_choices;
mod names;
mod paths;
mod view;

use std::path::PathBuf;

pub use file::{AnalysisError, FORMAT, FileRole, Missing, Opened, VERSION, open, save};
pub use index_choices::IndexChoices;
pub use names::{ItemKey, edit_rows, focus_path, item_key, resolve_focus, resolve_item};
pub use paths::{Fingerprint, fingerprint, relative_to};
pub use view::{GapsSettings, View};

use crate::import::{ColumnMapping, TargetFields};
use crate::workspace::Scoring;

/// One analysis. In memory its file paths are as the user gave them (or as
/// resolved when the file was opened); the file holds them relative to itself
/// where it can, with each file's size and hash ([`save`], [`open`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Analysis {
    /// Data files and folders; empty means the bundled sample cities.
    pub datasets: Vec<PathBuf>,
    /// Targets files read over the bundled set (`--targets`).
    pub targets_files: Vec<PathBuf>,
    /// What the columns of tables that could not be guessed hold (how the datasets are read).
    pub mappings: Vec<ColumnMapping>,
    /// The bundled target set and derived targets.
    pub scoring: Scoring,
    /// Targets edited in the app, as rows of a targets file (read by the same reader).
    pub target_edits: Vec<TargetFields>,
    /// The city shown, by name.
    pub city: Option<String>,
    /// `None` = the city's latest year.
    pub year: Option<i32>,
    pub view: View,
    /// The wheel's drill-down: dimension, sub-dimension, category names (empty: the whole wheel).
    pub focus: Vec<String>,
    pub show_subdimensions: bool,
    /// Data-quality and verification marks on the charts.
    pub show_marks: bool,
    /// The target gaps view's settings (with its peer group).
    pub gaps: GapsSettings,
    /// The cities compared with the shown one, by name.
    pub compared: Vec<String>,
    /// The KPI of the trends view (`None`: the first with a trend).
    pub trend: Option<ItemKey>,
    /// The Index view's choices, once it was opened.
    pub index: Option<IndexChoices>,
    /// What-if values: values a city does not (yet) have, tried out.
    pub whatif: Vec<Hypothetical>,
}

impl Default for Analysis {
    fn default() -> Self {
        Analysis {
            datasets: Vec::new(),
            targets_files: Vec::new(),
            mappings: Vec::new(),
            scoring: Scoring::default(),
            target_edits: Vec::new(),
            city: None,
            year: None,
            view: View::Wheel,
            focus: Vec::new(),
            show_subdimensions: true,
            show_marks: true,
            gaps: GapsSettings::default(),
            compared: Vec::new(),
            trend: None,
            index: None,
            whatif: Vec::new(),
        }
    }
}

/// A value tried out for one city's KPI (or data point) instead of its own.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Hypothetical {
    /// The city, by name.
    pub city: String,
    /// The KPI's code.
    pub kpi: String,
    pub data_point: Option<String>,
    pub value: HypotheticalValue,
}

/// A what-if value: a number, or the answer of a yes/no KPI.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum HypotheticalValue {
    Number(f64),
    Flag(bool),
}
