//! What it would take: the fewest band steps that lift an aggregate (category,
//! sub-dimension, dimension or overall) into a wanted band, and the items
//! where each step asks the least. The method is in docs/scoring.md ("What it
//! would take").

use crate::model::{Catalogue, ItemId, Value};

use super::whatif::{BandStep, band_steps};
use super::{AggregateScore, Band, ItemStatus, Level, Profile};

/// One change of a plan: an item raised to a band.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanStep {
    pub item: ItemId,
    /// Today's value.
    pub value: Value,
    /// The band reached.
    pub band: Band,
    /// The value that reaches it.
    pub next_band_value: Value,
    /// From today's value (a second step on one item is measured from today too);
    /// `None` when today's value is 0.
    pub relative_change: Option<f64>,
    /// Points this change adds: 1 for a number, up to 3 for a yes/no flip.
    pub points: u32,
}

/// Why an item of the aggregate gives no step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unplanned {
    /// Not reported: reported and scored, it would add its points and 4 max points.
    NotReported,
    /// Reported, but no target (or one that cannot score it).
    NoTarget,
    /// Scored by a printed U4SSC band, with no target to say which value reaches the next one.
    BandWithoutTarget,
}

impl Unplanned {
    /// The machine-friendly name used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Unplanned::NotReported => "not_reported",
            Unplanned::NoTarget => "no_target",
            Unplanned::BandWithoutTarget => "band_without_target",
        }
    }
}

/// The fewest band steps that lift an aggregate into a wanted band.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub level: Level,
    /// The index in its level (0 for overall).
    pub index: usize,
    pub name: String,
    pub wanted: Band,
    pub points: u32,
    pub max_points: u32,
    /// Points to add for the wanted band (0 when it is reached).
    pub needed_points: u32,
    /// The fewest band steps of items needed: one point each.
    pub steps: u32,
    /// Whether the scored items can give the steps (else `changes` holds every
    /// step they can give); false when nothing is scored.
    pub reachable: bool,
    /// The changes, in the order chosen.
    pub changes: Vec<PlanStep>,
    /// Items that give no step, and why. Scored, such an item adds its points
    /// and 4 max points: it brings the aggregate nearer the wanted band only
    /// when scored in that band or above (2, 3, 4 of 4 points is above 33, 66,
    /// 95 %; one band lower is below).
    pub unplanned: Vec<(ItemId, Unplanned)>,
}

/// The smallest points total that puts `scored` items in `band` or above: a
/// band includes its lower edge, so 100·P ≥ edge·4·n, in integers (no float,
/// so 66 of 100 is exactly 66 %).
pub fn points_for_band(band: Band, scored: u32) -> u32 {
    (band.lower_edge_pct() * 4 * scored).div_ceil(100)
}

/// The plan that lifts the aggregate `index` of `level` into `wanted` (or
/// above); `None` when there is no such aggregate.
pub fn plan(catalogue: &Catalogue, profile: &Profile, level: Level, index: usize, wanted: Band) -> Option<Plan> {
    let aggregate = aggregate(profile, level, index)?;
    let needed_points = points_for_band(wanted, aggregate.scored).saturating_sub(aggregate.points);
    let members: Vec<_> = profile
        .items
        .iter()
        .filter(|s| is_member(catalogue, s.item, level, index))
        .collect();
    let mut queues: Vec<(ItemId, Value, Band, Vec<BandStep>)> = Vec::new();
    let mut unplanned = Vec::new();
    for score in members {
        match (&score.status, score.band()) {
            (ItemStatus::NotReported, _) => unplanned.push((score.item, Unplanned::NotReported)),
            (ItemStatus::NoBenchmark(_), _) => unplanned.push((score.item, Unplanned::NoTarget)),
            (_, Some(band)) if band < Band::From95 && score.target.is_none() => {
                unplanned.push((score.item, Unplanned::BandWithoutTarget));
            }
            (_, Some(band)) => {
                let mut steps = band_steps(catalogue, score, Band::ALL.len());
                steps.reverse(); // popped nearest first
                queues.push((score.item, score.value(), band, steps));
            }
            (_, None) => {}
        }
    }
    let changes = greedy(&mut queues, needed_points);
    let gained: u32 = changes.iter().map(|c| c.points).sum();
    Some(Plan {
        level,
        index,
        name: aggregate.name.clone(),
        wanted,
        points: aggregate.points,
        max_points: aggregate.max_points,
        needed_points,
        steps: needed_points,
        // An aggregate with nothing scored has no band to lift: only newly scored items give it one.
        reachable: aggregate.scored > 0 && gained >= needed_points,
        changes,
        unplanned,
    })
}

/// Step by step, the item whose next band needs the smallest relative change
/// from today's value (ties: catalogue order), until `needed` points are found
/// or no item has a band left.
fn greedy(queues: &mut [(ItemId, Value, Band, Vec<BandStep>)], needed: u32) -> Vec<PlanStep> {
    let mut changes = Vec::new();
    let mut gained = 0;
    while gained < needed {
        let cost = |s: &BandStep| s.relative_change.unwrap_or(f64::INFINITY);
        let best = queues.iter_mut().filter(|q| !q.3.is_empty()).min_by(|a, b| {
            let (a, b) = (
                a.3.last().map_or(f64::INFINITY, cost),
                b.3.last().map_or(f64::INFINITY, cost),
            );
            a.total_cmp(&b)
        });
        let Some((item, value, band, steps)) = best else {
            break;
        };
        let Some(step) = steps.pop() else {
            break;
        };
        let points = step.band.points().saturating_sub(band.points());
        *band = step.band;
        gained += points;
        changes.push(PlanStep {
            item: *item,
            value: *value,
            band: step.band,
            next_band_value: step.value,
            relative_change: step.relative_change,
            points,
        });
    }
    changes
}

fn aggregate(profile: &Profile, level: Level, index: usize) -> Option<&AggregateScore> {
    match level {
        Level::Category => profile.categories.get(index),
        Level::Subdimension => profile.subdimensions.get(index),
        Level::Dimension => profile.dimensions.get(index),
        Level::Overall => (index == 0).then_some(&profile.overall),
    }
}

fn is_member(catalogue: &Catalogue, item: ItemId, level: Level, index: usize) -> bool {
    let (category, sub, dim) = catalogue.parents_of(item);
    match level {
        Level::Category => category.0 == index,
        Level::Subdimension => sub.0 == index,
        Level::Dimension => dim.0 == index,
        Level::Overall => true,
    }
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
