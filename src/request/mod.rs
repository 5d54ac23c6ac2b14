//! One request per picture: a [`ChartRequest`] says everything that changes what
//! a chart shows (kind, city or cities, year, KPI, every view setting), and
//! [`chart_scene`] turns it into a [`Scene`]. The app's panels, the export
//! dialog, the `export` command (and, later, slides and the web page) all go
//! through it, so what the user sees is what is exported.
//!
//! What is derived from the data (the profiles, a peer group's median) comes in
//! as [`Inputs`]: the app keeps them in its view models and background jobs, an
//! export computes them at once with [`Inputs::compute`].

mod inputs;
mod scene;

pub use inputs::{Inputs, PeerMedian, peer_median};
pub(crate) use scene::gaps_options;
pub use scene::{chart_scene, natural_height};

use crate::chart::gaps::KpiKind;
use crate::chart::{Focus, Hit};
use crate::model::{CityId, DimensionId, ItemId};
use crate::score::{Overrides, PeerChoice};

/// Which chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ChartKind {
    Wheel,
    Gaps,
    Table,
    /// The multi-page A4 city profile (PDF only).
    Report,
    /// Several cities side by side ([`ChartRequest::cities`]).
    Compare,
    /// One KPI over the years ([`ChartRequest::kpi`]).
    Trend,
    /// The City Snapshot: sub-dimension blocks of category tiles.
    Snapshot,
    /// One radar per dimension, its categories on the axes.
    Radars,
    /// Reporting, verification and data quality, with the next steps.
    Verification,
}

impl ChartKind {
    /// Every kind, in the order the export dialog lists them.
    pub const ALL: [ChartKind; 9] = [
        ChartKind::Wheel,
        ChartKind::Snapshot,
        ChartKind::Radars,
        ChartKind::Gaps,
        ChartKind::Table,
        ChartKind::Compare,
        ChartKind::Trend,
        ChartKind::Verification,
        ChartKind::Report,
    ];

    /// The word used in file names and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            ChartKind::Wheel => "wheel",
            ChartKind::Gaps => "gaps",
            ChartKind::Table => "table",
            ChartKind::Report => "report",
            ChartKind::Compare => "compare",
            ChartKind::Trend => "trend",
            ChartKind::Snapshot => "snapshot",
            ChartKind::Radars => "radars",
            ChartKind::Verification => "verification",
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

/// Which picture of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub enum CompareLayout {
    /// The wheels on the left, the radar on the right (the command line's comparison).
    #[default]
    WheelsAndRadar,
    /// One small wheel per city.
    Wheels,
    /// One radar of every city's dimension scores.
    Radar,
}

/// The view settings that change a picture: what the user chose on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ViewSettings {
    /// The wheel's sub-dimension ring.
    pub show_subdimensions: bool,
    /// Data-quality and verification marks on the wheel and the gaps.
    pub marks: bool,
    /// The part of the wheel opened to the full circle.
    pub focus: Focus,
    pub gaps: GapsSettings,
    pub compare: CompareLayout,
}

impl Default for ViewSettings {
    fn default() -> Self {
        ViewSettings {
            show_subdimensions: true,
            marks: true,
            focus: Focus::All,
            gaps: GapsSettings::default(),
            compare: CompareLayout::default(),
        }
    }
}

/// Everything that changes what a chart shows, besides the data.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartRequest {
    pub kind: ChartKind,
    pub city: CityId,
    /// `None`: the city's latest year.
    pub year: Option<i32>,
    /// The cities of a comparison, the shown one first.
    pub cities: Vec<CityId>,
    /// The KPI or data point of a trend chart.
    pub kpi: Option<ItemId>,
    pub view: ViewSettings,
    /// The chart's own legend (a framed export and the screen have it; "chart only" leaves it out).
    pub legend: bool,
    /// Hypothetical values of the city's items: the picture shows the what-if
    /// state, marked as such (never mistakable for data).
    pub whatif: Overrides,
}

impl ChartRequest {
    /// A request for `kind` of `city` in its latest year, with the default view.
    pub fn new(kind: ChartKind, city: CityId) -> ChartRequest {
        ChartRequest {
            kind,
            city,
            year: None,
            cities: Vec::new(),
            kpi: None,
            view: ViewSettings::default(),
            legend: true,
            whatif: Overrides::new(),
        }
    }
}

/// What the pointer and keyboard add on screen (highlights, the opening
/// animation); an export has none.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Interaction {
    pub hovered: Option<Hit>,
    pub selected: Option<Hit>,
    /// The focus being left and the animation's progress (0 → 1).
    pub transition: Option<(Focus, f32)>,
}
