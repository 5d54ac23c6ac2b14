//! What-if: the value at which an item reaches its next bands, and what a set
//! of hypothetical values changes in a profile.
//!
//! Each value is found by inverting [`achievement_pct`] (linear in every
//! direction, so the inverse is exact up to rounding) and then checked by
//! scoring it: the value given always scores into the band it is given for.

use crate::model::{Catalogue, Direction, ItemId, Target, TargetValue, Value};

use super::{AggregateScore, Band, ItemScore, Level, Profile, achievement_pct, item_pct};

/// The value at which an item reaches a band, and how far it is from today's.
#[derive(Debug, Clone, PartialEq)]
pub struct BandStep {
    /// The band the value scores into (a yes/no flip goes straight to 95 %+).
    pub band: Band,
    pub value: Value,
    /// `value − today` for numbers; `None` for yes/no.
    pub change: Option<f64>,
    /// `|value − today| / |today|`; 1 (100 %) for a yes/no flip; `None` when
    /// today's value is 0 (any change is infinitely large relative to it).
    pub relative_change: Option<f64>,
}

/// A scored item and the values of its next bands.
#[derive(Debug, Clone, PartialEq)]
pub struct NextBands {
    pub item: ItemId,
    /// Today's value.
    pub value: Value,
    /// Today's band.
    pub band: Band,
    /// The next band and the ones above, nearest first (empty at 95 %+, or when
    /// the item's target cannot give a value, e.g. a U4SSC band without target).
    pub steps: Vec<BandStep>,
}

/// For every scored item, the values of its next `count` bands (2: the next
/// band and the one above), in the KPI's unit and direction.
pub fn next_bands(catalogue: &Catalogue, profile: &Profile, count: usize) -> Vec<NextBands> {
    profile
        .items
        .iter()
        .filter_map(|score| {
            Some(NextBands {
                item: score.item,
                value: score.value(),
                band: score.band()?,
                steps: band_steps(catalogue, score, count),
            })
        })
        .collect()
}

/// The values of a scored item's next `count` bands, nearest first; empty
/// when the item is not scored, has no target or is in the top band.
pub fn band_steps(catalogue: &Catalogue, score: &ItemScore, count: usize) -> Vec<BandStep> {
    let (Some(band), Some(target)) = (score.band(), score.target.as_deref()) else {
        return Vec::new();
    };
    let direction = catalogue.items[score.item.index()].direction;
    let today = score.value();
    let mut steps = Vec::new();
    let mut reached = band;
    for wanted in Band::ALL {
        if steps.len() >= count {
            break;
        }
        if wanted <= reached {
            continue;
        }
        let Some(value) = value_for_band(today, target, direction, wanted) else {
            break;
        };
        // The check that the value really scores into the band.
        let Ok(Some(pct)) = item_pct(value, target, direction) else {
            break;
        };
        reached = Band::from_pct(pct);
        if reached < wanted {
            break;
        }
        steps.push(step(today, value, reached));
    }
    steps
}

fn step(today: Value, value: Value, band: Band) -> BandStep {
    let (change, relative_change) = match (today, value) {
        // Rounded like the values, so 66 − 54.77 reads 11.23, not 11.229999999999997.
        (Value::Number(a), Value::Number(b)) => (
            Some(round_significant(b - a, 12)),
            (a != 0.0).then(|| (b - a).abs() / a.abs()),
        ),
        (a, b) => (None, Some(if a == b { 0.0 } else { 1.0 })),
    };
    BandStep {
        band,
        value,
        change,
        relative_change,
    }
}

/// The value nearest `today` that scores `band` or better against `target`
/// (today's value when it already does); `None` when the target cannot score
/// the value (no direction, a lower-is-better target of 0 without a worst
/// value, a number against a yes/no target).
pub fn value_for_band(today: Value, target: &Target, catalogue_direction: Direction, band: Band) -> Option<Value> {
    let direction = target.direction.unwrap_or(catalogue_direction);
    match (today, target.value) {
        (Value::Flag(v), TargetValue::Flag(t)) => Some(Value::Flag(if band == Band::Below33 { v } else { t })),
        (Value::Number(v), TargetValue::Number(t)) => {
            number_for_band(v, t, target.worst, direction, band).map(Value::Number)
        }
        _ => None,
    }
}

fn number_for_band(v: f64, t: f64, worst: Option<f64>, direction: Direction, band: Band) -> Option<f64> {
    let scores = |x: f64| achievement_pct(x, t, worst, direction).map(Band::from_pct);
    if scores(v).ok()? >= band {
        return Some(v);
    }
    // Above band 1 the edge is at least 33 %, so `share` is never 0.
    let share = f64::from(band.lower_edge_pct()) / 100.0;
    // The inverses of `achievement_pct`'s cases, in the same order.
    let raw = match (direction, worst) {
        (Direction::None, _) => return None,
        (Direction::Higher, Some(w)) if w < t => w + share * (t - w),
        (Direction::Higher, _) => share * t,
        (Direction::Lower, Some(w)) if w > t => w - share * (w - t),
        (Direction::Lower, _) => t / share,
        (Direction::Target, w) => {
            let scale = match w {
                Some(w) if w != t => (w - t).abs(),
                _ => t.abs(),
            };
            // On the side of today's value: the nearer way to the band.
            let distance = (1.0 - share) * scale;
            if v < t { t - distance } else { t + distance }
        }
    };
    // A value people can read (19.8, not 19.799999999999997) when it still
    // scores the band; else nudged towards the target until it does (binary
    // floating point can leave the exact inverse a hair below the edge).
    let readable = round_significant(raw, 12);
    if scores(readable).is_ok_and(|b| b >= band) {
        return Some(readable);
    }
    (0..48)
        .map(|k| raw + (t - raw) * 1e-13 * f64::powi(2.0, k))
        .find(|x| scores(*x).is_ok_and(|b| b >= band))
}

fn round_significant(x: f64, digits: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    // Floor of a finite log10 of an f64 is within ±330: the cast cannot truncate.
    let magnitude = x.abs().log10().floor() as i32;
    let scale = 10f64.powi(digits - 1 - magnitude);
    let rounded = (x * scale).round() / scale;
    if rounded.is_finite() { rounded } else { x }
}

/// An item's value, % of target and band in a profile.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemState {
    pub value: Value,
    pub pct: Option<f64>,
    pub band: Option<Band>,
}

impl ItemState {
    fn of(score: &ItemScore) -> ItemState {
        ItemState {
            value: score.value(),
            pct: score.pct(),
            band: score.band(),
        }
    }

    /// U4SSC points, when scored.
    pub fn points(&self) -> Option<u32> {
        self.band.map(Band::points)
    }
}

/// An item whose value, % or band differs between two profiles.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemChange {
    pub item: ItemId,
    pub before: ItemState,
    pub after: ItemState,
}

/// An aggregate's score in a profile.
#[derive(Debug, Clone, PartialEq)]
pub struct AggregateState {
    pub score_pct: Option<f64>,
    pub band: Option<Band>,
    pub points: u32,
    pub max_points: u32,
}

impl AggregateState {
    fn of(agg: &AggregateScore) -> AggregateState {
        AggregateState {
            score_pct: agg.score_pct,
            band: agg.band,
            points: agg.points,
            max_points: agg.max_points,
        }
    }
}

/// An aggregate whose score differs between two profiles.
#[derive(Debug, Clone, PartialEq)]
pub struct AggregateChange {
    pub level: Level,
    /// The index in its level (`CategoryId`, ...; 0 for overall).
    pub index: usize,
    pub name: String,
    pub before: AggregateState,
    pub after: AggregateState,
}

/// What changed from one profile to another of the same city and catalogue.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comparison {
    pub items: Vec<ItemChange>,
    /// Categories, sub-dimensions, dimensions, then overall.
    pub aggregates: Vec<AggregateChange>,
}

/// The items and aggregates that differ between `before` and `after` (e.g. a
/// profile and the same with hypothetical values).
pub fn compare(before: &Profile, after: &Profile) -> Comparison {
    let items = before
        .items
        .iter()
        .zip(&after.items)
        .map(|(b, a)| (b.item, ItemState::of(b), ItemState::of(a)))
        .filter(|(_, b, a)| b != a)
        .map(|(item, before, after)| ItemChange { item, before, after })
        .collect();
    let levels: [(&[AggregateScore], &[AggregateScore]); 4] = [
        (&before.categories, &after.categories),
        (&before.subdimensions, &after.subdimensions),
        (&before.dimensions, &after.dimensions),
        (
            std::slice::from_ref(&before.overall),
            std::slice::from_ref(&after.overall),
        ),
    ];
    let aggregates = levels
        .into_iter()
        .flat_map(|(b, a)| b.iter().zip(a).enumerate())
        .map(|(index, (b, a))| AggregateChange {
            level: b.level,
            index,
            name: b.name.clone(),
            before: AggregateState::of(b),
            after: AggregateState::of(a),
        })
        .filter(|c| c.before != c.after)
        .collect();
    Comparison { items, aggregates }
}

#[cfg(test)]
#[path = "whatif_tests.rs"]
mod tests;
