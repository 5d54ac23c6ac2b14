//! The five normalisations: every (city, item) to a 0-100 number, `NaN` when the
//! city has nothing the normalisation can use. Higher is always better afterwards.

use super::Normalisation;
use super::input::{Cell, IndexInput};
use crate::model::Direction;
use crate::score::percentile;

/// `cities × items`, city-major, `NaN` = missing.
pub(crate) fn normalise(input: &IndexInput, normalisation: Normalisation) -> Vec<f64> {
    let mut out = vec![f64::NAN; input.cells.len()];
    for item in 0..input.items {
        let column: Vec<&Cell> = (0..input.len()).map(|c| input.cell(c, item)).collect();
        let values: Vec<f64> = match normalisation {
            Normalisation::Points => column
                .iter()
                .map(|c| c.points.map_or(f64::NAN, |p| 25.0 * f64::from(p)))
                .collect(),
            Normalisation::Pct => column
                .iter()
                .map(|c| c.pct.map_or(f64::NAN, |p| p.min(100.0)))
                .collect(),
            Normalisation::Goalposts => goalposts(&column),
            Normalisation::MinMax => min_max(&column),
            Normalisation::Rank => percentile_rank(&column),
        };
        for (city, v) in values.into_iter().enumerate() {
            out[city * input.items + item] = v;
        }
    }
    out
}

/// How good a value is, on a scale where more is better: the value (higher is
/// better), its negative (lower), its distance to the target negated (target),
/// for yes/no whether it is the target's answer (or yes when higher is better).
fn goodness(cell: &Cell) -> Option<f64> {
    let value = cell.value?;
    if cell.flag {
        return match (cell.target, cell.direction?) {
            (Some(t), _) => Some(if value == t { 1.0 } else { 0.0 }),
            (None, Direction::Higher) => Some(value),
            (None, Direction::Lower) => Some(1.0 - value),
            (None, _) => None,
        };
    }
    match cell.direction? {
        Direction::Higher => Some(value),
        Direction::Lower => Some(-value),
        Direction::Target => cell.target.map(|t| -(value - t).abs()),
        Direction::None => None,
    }
}

/// 1 + 99 × (g − worst) / (best − worst) across the cities; every city 100 when all are equal.
fn min_max(column: &[&Cell]) -> Vec<f64> {
    let good: Vec<Option<f64>> = column.iter().map(|c| goodness(c)).collect();
    let (lo, hi) = good
        .iter()
        .flatten()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &g| {
            (lo.min(g), hi.max(g))
        });
    good.iter()
        .map(|g| match g {
            None => f64::NAN,
            Some(_) if hi <= lo => 100.0,
            Some(g) => 1.0 + 99.0 * (g - lo) / (hi - lo),
        })
        .collect()
}

/// 100 × (rank − 1) / (n − 1), rank counted from the worst with ties sharing the
/// lower rank (COINr's "min"); a city alone is 100.
fn percentile_rank(column: &[&Cell]) -> Vec<f64> {
    let good: Vec<Option<f64>> = column.iter().map(|c| goodness(c)).collect();
    let mut sorted: Vec<f64> = good.iter().flatten().copied().collect();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    good.iter()
        .map(|g| match g {
            None => f64::NAN,
            Some(_) if n < 2 => 100.0,
            Some(g) => {
                let below = sorted.partition_point(|s| s < g);
                100.0 * below as f64 / (n - 1) as f64
            }
        })
        .collect()
}

/// 100 at the target, 0 at the 2.5th percentile of the cities' values from the
/// bad end (SDSN's lower bound), clamped to 0-100. Needs a target.
fn goalposts(column: &[&Cell]) -> Vec<f64> {
    // The distance from the target on the bad side, for every city with a target.
    let shortfall = |c: &Cell| -> Option<f64> {
        let (v, t) = (c.value?, c.target?);
        match (c.flag, c.direction?) {
            (true, _) => Some(if v == t { 0.0 } else { 1.0 }),
            (false, Direction::Higher) => Some(t - v),
            (false, Direction::Lower) => Some(v - t),
            (false, Direction::Target) => Some((v - t).abs()),
            (false, Direction::None) => None,
        }
    };
    let gaps: Vec<Option<f64>> = column.iter().map(|c| shortfall(c)).collect();
    let mut sorted: Vec<f64> = gaps.iter().flatten().copied().collect();
    sorted.sort_by(f64::total_cmp);
    // The lower bound: the 97.5th percentile of the shortfalls is the 2.5th
    // percentile of the values from the bad end.
    let bound = percentile(&sorted, 97.5).unwrap_or(0.0);
    gaps.iter()
        .zip(column)
        .map(|(gap, cell)| match gap {
            None => f64::NAN,
            Some(g) if cell.flag => 100.0 * (1.0 - g),
            Some(g) if *g <= 0.0 => 100.0,
            Some(_) if bound <= 0.0 => 0.0,
            Some(g) => (100.0 * (1.0 - g / bound)).clamp(0.0, 100.0),
        })
        .collect()
}
