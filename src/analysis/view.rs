//! The analysis' view settings: which view is shown, and the target gaps view's
//! settings. Here (not in the app) because an analysis file holds them and the
//! headless build reads analysis files too.

use crate::chart::gaps::KpiKind;
use crate::export::ChartKind;
use crate::model::DimensionId;
use crate::score::PeerChoice;

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
}

impl View {
    pub const ALL: [View; 8] = [
        View::Wheel,
        View::Snapshot,
        View::Gaps,
        View::Table,
        View::Compare,
        View::Trends,
        View::Index,
        View::Targets,
    ];

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
            // Not offered: the Index view has its own export buttons (the header hides Export…).
            View::Index => ChartKind::Compare,
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
