//! A composite index over a set of cities (an unofficial "U4SSC-based
//! composite"): every item normalised, aggregated up the U4SSC tree (items →
//! category → sub-dimension → dimension → index) with weights relative within
//! each group, cities ranked; and how sure each rank is (Monte Carlo over
//! weights, normalisation and aggregation, as the JRC audits do).
//!
//! Method and choices: `docs/index.md`. Pure functions; no I/O.

mod aggregate;
mod effective;
mod input;
mod montecarlo;
mod normalise;
mod stats;
mod weights;

pub use aggregate::{CityIndex, IndexResult, NodeScore, nominal};
pub use effective::effective_weights;
pub use input::{IndexInput, members};
pub use montecarlo::{Driver, Progress, RankStats, UncertaintyResult, max_runs, perturb, uncertainty};
pub(crate) use weights::find_aggregate;
pub use weights::{WeightBase, Weights, WeightsError};

/// How a value becomes a 0-100 number before aggregation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Normalisation {
    /// U4SSC band points 1-4, as 25, 50, 75, 100 (the U4SSC score).
    Points,
    /// % of target, capped at 100.
    Pct,
    /// 0 at the 2.5th percentile of the cities' values (from the bad end), 100 at the target.
    Goalposts,
    /// 1-100 from the worst to the best city.
    MinMax,
    /// Percentile rank among the cities (ties share the lower rank), 0-100.
    Rank,
}

impl Normalisation {
    pub const ALL: [Normalisation; 5] = [
        Normalisation::Points,
        Normalisation::Pct,
        Normalisation::Goalposts,
        Normalisation::MinMax,
        Normalisation::Rank,
    ];

    /// The keyword of the command line and files.
    pub fn key(self) -> &'static str {
        match self {
            Normalisation::Points => "points",
            Normalisation::Pct => "pct",
            Normalisation::Goalposts => "goalposts",
            Normalisation::MinMax => "minmax",
            Normalisation::Rank => "rank",
        }
    }

    /// A few words for menus and legends.
    pub fn label(self) -> &'static str {
        match self {
            Normalisation::Points => "U4SSC band points",
            Normalisation::Pct => "% of target",
            Normalisation::Goalposts => "goalposts (2.5th percentile to target)",
            Normalisation::MinMax => "min-max across cities",
            Normalisation::Rank => "percentile rank",
        }
    }

    pub fn parse(text: &str) -> Option<Normalisation> {
        Normalisation::ALL
            .into_iter()
            .find(|n| n.key().eq_ignore_ascii_case(text.trim()))
    }
}

/// How normalised values are combined within a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Aggregation {
    /// Weighted mean: fully compensatory (10 and 90 score as 50 and 50).
    Arithmetic,
    /// Weighted geometric mean: a weak item pulls harder. Values are floored at 1
    /// first, so it never fails or gives NaN on a 0.
    Geometric,
}

impl Aggregation {
    pub const ALL: [Aggregation; 2] = [Aggregation::Arithmetic, Aggregation::Geometric];

    pub fn key(self) -> &'static str {
        match self {
            Aggregation::Arithmetic => "arithmetic",
            Aggregation::Geometric => "geometric",
        }
    }

    pub fn parse(text: &str) -> Option<Aggregation> {
        Aggregation::ALL
            .into_iter()
            .find(|a| a.key().eq_ignore_ascii_case(text.trim()))
    }
}

/// A normalisation with an aggregation: one way of computing the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Method {
    pub normalisation: Normalisation,
    pub aggregation: Aggregation,
}

impl Default for Method {
    fn default() -> Method {
        Method {
            normalisation: Normalisation::Points,
            aggregation: Aggregation::Arithmetic,
        }
    }
}

impl Method {
    /// `points:arithmetic`, `pct:geometric` (the aggregation may be left out: arithmetic).
    pub fn parse(text: &str) -> Option<Method> {
        let (n, a) = text.split_once(':').unwrap_or((text, "arithmetic"));
        Some(Method {
            normalisation: Normalisation::parse(n)?,
            aggregation: Aggregation::parse(a)?,
        })
    }

    /// `points:arithmetic`.
    pub fn key(self) -> String {
        format!("{}:{}", self.normalisation.key(), self.aggregation.key())
    }
}

/// Which cities get a sub-index and a rank.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Rules {
    /// A sub-dimension or dimension score needs at least this share of the index's
    /// items in it (default 2/3, the JRC screening rule); else it is left out.
    pub min_coverage: f64,
    /// A city with more than this share of the index's items missing gets no
    /// rank (default 0.2, the SDSN rule).
    pub max_missing: f64,
}

impl Default for Rules {
    fn default() -> Rules {
        Rules {
            min_coverage: 2.0 / 3.0,
            max_missing: 0.2,
        }
    }
}

/// Every choice of the nominal index.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexSettings {
    pub method: Method,
    pub weights: Weights,
    pub rules: Rules,
}

/// What the Monte Carlo varies.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct UncertaintySettings {
    /// Runs (0 = no uncertainty analysis).
    pub runs: usize,
    pub seed: u64,
    /// Each dimension and sub-dimension weight is multiplied by U(1 - spread, 1 + spread).
    pub spread: f64,
    /// Each run draws one of these (equally likely); the nominal method when empty.
    pub alternatives: Vec<Method>,
}

impl Default for UncertaintySettings {
    fn default() -> UncertaintySettings {
        UncertaintySettings {
            runs: 1000,
            seed: 1,
            spread: 0.25,
            alternatives: vec![
                Method::default(),
                Method {
                    normalisation: Normalisation::Pct,
                    aggregation: Aggregation::Arithmetic,
                },
                Method {
                    normalisation: Normalisation::Points,
                    aggregation: Aggregation::Geometric,
                },
                Method {
                    normalisation: Normalisation::Pct,
                    aggregation: Aggregation::Geometric,
                },
            ],
        }
    }
}

/// Ranks with ties sharing the best ("min") rank: 1 for the highest score.
/// `NaN` (no score) ranks after every score. `order` is scratch space.
pub(crate) fn rank_desc(scores: &[f64], out: &mut [u32], order: &mut Vec<(f64, u32)>) {
    order.clear();
    order.extend(
        scores
            .iter()
            .enumerate()
            .map(|(i, &s)| (if s.is_nan() { f64::NEG_INFINITY } else { s }, i as u32)),
    );
    order.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
    let mut previous = f64::NAN;
    let mut rank = 0;
    for (position, &(key, i)) in order.iter().enumerate() {
        if key != previous {
            rank = position as u32 + 1;
            previous = key;
        }
        out[i as usize] = rank;
    }
}

#[cfg(test)]
mod tests;
