//! The Index view's choices (weights, method, rules, runs, seed...): part of an
//! analysis, so here rather than in the app's Index panel.

use crate::score::PeerChoice;
use crate::score::index::{Method, Rules, UncertaintySettings, WeightBase, Weights};

/// Every choice of the Index view (an analysis holds them).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct IndexChoices {
    pub method: Method,
    pub weights: Weights,
    /// Where the weights come from, in words.
    pub weights_source: String,
    pub rules: Rules,
    pub mc: UncertaintySettings,
    pub peers: PeerChoice,
    /// `None` = the index with its dimensions; `Some(d)` = dimension `d` alone.
    pub level: Option<usize>,
    pub by_median: bool,
    /// The size of exported charts.
    pub preset: crate::export::Preset,
}

impl IndexChoices {
    /// The defaults: every KPI weighs the same (the U4SSC overall score).
    pub(crate) fn new(catalogue: &crate::model::Catalogue) -> IndexChoices {
        IndexChoices {
            method: Method::default(),
            weights: Weights::preset(WeightBase::PerKpi, catalogue),
            weights_source: "per-kpi".into(),
            rules: Rules::default(),
            mc: UncertaintySettings::default(),
            peers: PeerChoice::All,
            level: None,
            by_median: false,
            preset: crate::export::Preset::Wide,
        }
    }
}
