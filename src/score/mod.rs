//! Scoring the U4SSC way: % of target per item, bands and points, and
//! aggregation per category, sub-dimension, dimension and overall.
//!
//! Pure functions over `model` types; no I/O.

mod basis;
mod derived;
pub mod index;
mod lookup;
mod peers;
mod plan;
mod profile;
mod trend;
mod whatif;

pub use basis::{BandConflict, Basis, Coverage, band_conflicts};
pub use derived::{MIN_CITIES, derive_targets, percentile};
pub use lookup::{Lookup, Overrides};
pub use peers::{PeerChoice, median};
pub use peers::{PeerGroup, PopulationBand, group_median};
pub use plan::{Plan, PlanStep, Unplanned, plan, points_for_band};
pub use profile::{AggregateScore, ItemScore, Level};
pub use profile::{ItemStatus, Profile, profiles_scored, score_cities, score_city, score_lookup};
pub use trend::{PROJECTION_HORIZON, TARGET_YEAR, TREND_YEARS, TrendStatus, item_trend, numeric_series};
pub use trend::{Trend, trend};
pub use whatif::{AggregateChange, AggregateState, BandStep, Comparison, ItemChange, ItemState, NextBands};
pub use whatif::{band_steps, compare, next_bands, value_for_band};

use crate::model::{Direction, Target, TargetValue, Value};

/// The four U4SSC bands of "% of target". A band includes its lower edge:
/// exactly 33 % is band 2, exactly 66 % band 3, exactly 95 % band 4
/// (U4SSC writes "95 % and above" for the top band; we apply the same rule to 33 and 66).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Band {
    /// 0 to under 33 % of target: 1 point.
    Below33,
    /// 33 to under 66 %: 2 points.
    From33To66,
    /// 66 to under 95 %: 3 points.
    From66To95,
    /// 95 % of target and above: 4 points.
    From95,
}

impl Band {
    /// All bands, worst first.
    pub const ALL: [Band; 4] = [Band::Below33, Band::From33To66, Band::From66To95, Band::From95];

    /// The band of a % of target (already settled by [`settle_pct`]).
    pub(crate) fn from_pct(pct: f64) -> Band {
        if pct < 33.0 {
            Band::Below33
        } else if pct < 66.0 {
            Band::From33To66
        } else if pct < 95.0 {
            Band::From66To95
        } else {
            Band::From95
        }
    }

    /// The band of U4SSC points 1-4 (more than 4 is the top band, less than 1 the bottom).
    pub fn from_points(points: u8) -> Band {
        match points {
            0 | 1 => Band::Below33,
            2 => Band::From33To66,
            3 => Band::From66To95,
            _ => Band::From95,
        }
    }

    /// U4SSC points: 1 to 4.
    pub fn points(self) -> u32 {
        match self {
            Band::Below33 => 1,
            Band::From33To66 => 2,
            Band::From66To95 => 3,
            Band::From95 => 4,
        }
    }

    /// The legend label, as in U4SSC factsheets.
    pub fn label(self) -> &'static str {
        match self {
            Band::Below33 => "0-33 %",
            Band::From33To66 => "33-66 %",
            Band::From66To95 => "66-95 %",
            Band::From95 => "95 % + of target",
        }
    }

    /// The band's lower edge in % of target (0, 33, 66, 95): a band includes it.
    pub fn lower_edge_pct(self) -> u32 {
        match self {
            Band::Below33 => 0,
            Band::From33To66 => 33,
            Band::From66To95 => 66,
            Band::From95 => 95,
        }
    }

    /// The band from its machine-friendly name ([`Band::key`]).
    pub fn from_key(key: &str) -> Option<Band> {
        Band::ALL.into_iter().find(|b| b.key() == key)
    }

    /// A short machine-friendly name used in CSV and JSON output.
    pub fn key(self) -> &'static str {
        match self {
            Band::Below33 => "0-33",
            Band::From33To66 => "33-66",
            Band::From66To95 => "66-95",
            Band::From95 => "95+",
        }
    }
}

/// Removes floating-point noise (so that 0.33 × 100 is exactly 33 when banded)
/// and clamps to 0-100: a value beyond its target is 100 % of target.
pub(crate) fn settle_pct(pct: f64) -> f64 {
    let rounded = (pct * 1e9).round() / 1e9;
    rounded.clamp(0.0, 100.0)
}

/// Why an item with a value still has no score.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Unscorable {
    #[error("U4SSC printed 'No Benchmark Available' for this value (see its source)")]
    NoBenchmarkPrinted,
    #[error("the KPI has no known direction (higher or lower is better); give one in the targets file")]
    NoDirection,
    #[error("the value is {value} but the target is {target}")]
    KindMismatch { value: &'static str, target: &'static str },
    #[error("a {direction}-is-better target of {target} cannot be scored{hint}")]
    BadTarget {
        direction: &'static str,
        target: f64,
        hint: &'static str,
    },
}

/// % of target for a value, clamped to 0-100 and settled.
///
/// * higher is better: `100 × v / T`; with a worst bound W: `100 × (v − W) / (T − W)`.
/// * lower is better: `100 × T / v` (100 when v ≤ T); with W: `100 × (W − v) / (W − T)`.
/// * target (closest is best): `100 × (1 − |v − T| / |T|)`; with W: `100 × (1 − |v − T| / |W − T|)`.
/// * yes/no: 100 when the answer equals the target, else 0.
pub fn achievement_pct(value: f64, target: f64, worst: Option<f64>, direction: Direction) -> Result<f64, Unscorable> {
    let bad = |hint| Unscorable::BadTarget {
        direction: direction.as_str(),
        target,
        hint,
    };
    let raw = match (direction, worst) {
        (Direction::None, _) => return Err(Unscorable::NoDirection),
        (Direction::Higher, Some(w)) if w < target => 100.0 * (value - w) / (target - w),
        (Direction::Higher, _) if target > 0.0 => 100.0 * value / target,
        (Direction::Higher, _) => return Err(bad(" (it must be above 0, or give a worst value below it)")),
        (Direction::Lower, Some(w)) if w > target => 100.0 * (w - value) / (w - target),
        (Direction::Lower, _) if target > 0.0 => {
            if value <= target {
                100.0
            } else {
                100.0 * target / value
            }
        }
        (Direction::Lower, _) => return Err(bad(" (give a worst value above it)")),
        (Direction::Target, Some(w)) if w != target => 100.0 * (1.0 - (value - target).abs() / (w - target).abs()),
        (Direction::Target, _) if target != 0.0 => 100.0 * (1.0 - (value - target).abs() / target.abs()),
        (Direction::Target, _) => return Err(bad(" (give a worst value)")),
    };
    Ok(settle_pct(raw))
}

/// % of target for a value against a target, with the catalogue's direction
/// unless the target overrides it.
pub(crate) fn item_pct(
    value: Value,
    target: &Target,
    catalogue_direction: Direction,
) -> Result<Option<f64>, Unscorable> {
    let direction = target.direction.unwrap_or(catalogue_direction);
    match (value, target.value) {
        (Value::NotReported, _) => Ok(None),
        (Value::Number(v), TargetValue::Number(t)) => achievement_pct(v, t, target.worst, direction).map(Some),
        (Value::Flag(v), TargetValue::Flag(t)) => Ok(Some(if v == t { 100.0 } else { 0.0 })),
        (Value::Number(_), TargetValue::Flag(_)) => Err(Unscorable::KindMismatch {
            value: "a number",
            target: "yes/no",
        }),
        (Value::Flag(_), TargetValue::Number(_)) => Err(Unscorable::KindMismatch {
            value: "yes/no",
            target: "a number",
        }),
    }
}

/// Aggregate score: summed points over 4 × scored items, as a %.
pub(crate) fn aggregate_pct(points: u32, scored: u32) -> Option<f64> {
    (scored > 0).then(|| settle_pct(100.0 * f64::from(points) / (4.0 * f64::from(scored))))
}

#[cfg(test)]
mod tests;
