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
    Compare,
    Trends,
}

impl View {
    pub const ALL: [View; 5] = [View::Wheel, View::Gaps, View::Table, View::Compare, View::Trends];

    /// The chart this view exports.
    pub fn chart(self) -> ChartKind {
        match self {
            View::Wheel => ChartKind::Wheel,
            View::Gaps => ChartKind::Gaps,
            View::Table => ChartKind::Table,
            View::Compare => ChartKind::Compare,
            View::Trends => ChartKind::Trend,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            View::Wheel => "Wheel",
            View::Gaps => "Target gaps",
            View::Table => "Table",
            View::Compare => "Compare",
            View::Trends => "Trends",
        }
    }
}

/// Settings of the target gaps view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct GapsSettings {
    /// Show the median of this peer group on each bar.
    pub peers: Option<PeerChoice>,
    pub dimension: Option<DimensionId>,
    pub kind: KpiKind,
    pub worst: Option<usize>,
    pub group_by_dimension: bool,
}

/// Which peer group of the selected city to compare with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum PeerChoice {
    PopulationBand,
    Country,
    Region,
    All,
}

impl PeerChoice {
    pub const ALL: [PeerChoice; 4] = [
        PeerChoice::PopulationBand,
        PeerChoice::Country,
        PeerChoice::Region,
        PeerChoice::All,
    ];

    /// The group of `city` this choice means (`None` when the city lacks the fact).
    pub fn group(self, city: &crate::model::City) -> Option<crate::score::PeerGroup> {
        use crate::score::{PeerGroup, population_band};
        match self {
            PeerChoice::PopulationBand => city.population.map(|p| PeerGroup::Population(population_band(p))),
            PeerChoice::Country => city.country.clone().map(PeerGroup::Country),
            PeerChoice::Region => city.region.clone().map(PeerGroup::Region),
            PeerChoice::All => Some(PeerGroup::All),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PeerChoice::PopulationBand => "Same population band",
            PeerChoice::Country => "Same country",
            PeerChoice::Region => "Same region",
            PeerChoice::All => "All cities",
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
    /// The cities of the comparison (the selected city stays first).
    SetCompared(Vec<CityId>),
    /// The KPI shown in the trends view.
    SetTrendItem(crate::model::ItemId),
}
