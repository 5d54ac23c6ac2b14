//! The analysis' view settings: which view is shown, and the target gaps view's
//! settings. Here (not in the app) because an analysis file holds them and the
//! headless build reads analysis files too.

use crate::export::ChartKind;

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

/// Settings of the target gaps view (the request's: one type for screen, export and file).
pub use crate::request::GapsSettings;
