//! A city's scored profile for one year: every item plus every aggregate.

use crate::model::{Catalogue, CityId, Dataset, ItemId, Noted, PrintedBand, Target, TargetSet, Value};
use rayon::prelude::*;
use std::sync::Arc;

use super::lookup::item_status;
use super::{Band, Basis, Coverage, Lookup, Overrides, Unscorable, aggregate_pct};

/// The state of one item in a profile.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemStatus {
    /// No value, or a value explicitly marked not reported.
    NotReported,
    /// A value, but no target (or the target cannot be applied).
    NoBenchmark(Option<Unscorable>),
    /// Scored: against its target (`pct`), or with the band U4SSC verification
    /// assigned (`pct` is then the target's % when a target is also known).
    Scored { pct: Option<f64>, band: Band, basis: Basis },
}

/// One item of a city's profile.
#[derive(Debug, Clone)]
pub struct ItemScore {
    pub item: ItemId,
    /// The observation in force for the profile's year, if any, with its notes.
    pub observation: Option<Noted>,
    /// Shared with the [`TargetSet`] it came from.
    pub target: Option<Arc<Target>>,
    pub status: ItemStatus,
    /// The hypothetical value scored instead of the observation's (a what-if),
    /// if any: charts mark such items.
    pub hypothetical: Option<Value>,
}

impl ItemScore {
    /// The value scored: the hypothetical one when there is one, else the
    /// observation's; `NotReported` when there is none.
    pub fn value(&self) -> Value {
        self.hypothetical
            .unwrap_or_else(|| self.observation.as_ref().map_or(Value::NotReported, |o| o.value()))
    }

    /// What the band rests on, when scored.
    pub fn basis(&self) -> Option<Basis> {
        match self.status {
            ItemStatus::Scored { basis, .. } => Some(basis),
            _ => None,
        }
    }

    /// The band, when scored.
    pub fn band(&self) -> Option<Band> {
        match self.status {
            ItemStatus::Scored { band, .. } => Some(band),
            _ => None,
        }
    }

    /// % of target, when scored.
    pub fn pct(&self) -> Option<f64> {
        match self.status {
            ItemStatus::Scored { pct, .. } => pct,
            _ => None,
        }
    }
}

/// Aggregation level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Category,
    Subdimension,
    Dimension,
    Overall,
}

impl Level {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Category => "category",
            Level::Subdimension => "subdimension",
            Level::Dimension => "dimension",
            Level::Overall => "overall",
        }
    }
}

/// Points and counts of a group of items.
#[derive(Debug, Clone, PartialEq)]
pub struct AggregateScore {
    pub level: Level,
    pub name: String,
    pub points: u32,
    /// 4 × scored.
    pub max_points: u32,
    pub score_pct: Option<f64>,
    pub band: Option<Band>,
    pub scored: u32,
    pub reported: u32,
    pub total: u32,
}

impl AggregateScore {
    fn new(level: Level, name: &str) -> AggregateScore {
        AggregateScore {
            level,
            name: name.to_string(),
            points: 0,
            max_points: 0,
            score_pct: None,
            band: None,
            scored: 0,
            reported: 0,
            total: 0,
        }
    }

    fn add(&mut self, item: &ItemScore) {
        self.total += 1;
        if item.value() != Value::NotReported {
            self.reported += 1;
        }
        if let Some(band) = item.band() {
            self.scored += 1;
            self.points += band.points();
        }
    }

    fn finish(&mut self) {
        self.max_points = 4 * self.scored;
        self.score_pct = aggregate_pct(self.points, self.scored);
        self.band = self.score_pct.map(Band::from_pct);
    }

    /// True for a score that rests on fewer than a third of its level's items
    /// (docs/scoring.md, "What a score rests on"): it is still the U4SSC score
    /// of those items, but every picture draws it small and says what it rests
    /// on, never as a headline or a band-coloured ring.
    pub fn is_thin(&self) -> bool {
        self.score_pct.is_some() && self.scored * 3 < self.total
    }
}

/// A city's profile for one year.
#[derive(Debug, Clone)]
pub struct Profile {
    pub city: CityId,
    /// The year scored; `None` when the data carry no years.
    pub year: Option<i32>,
    /// Indexed by `ItemId`.
    pub items: Vec<ItemScore>,
    /// Indexed by `CategoryId`, `SubDimensionId` and `DimensionId`.
    pub categories: Vec<AggregateScore>,
    pub subdimensions: Vec<AggregateScore>,
    pub dimensions: Vec<AggregateScore>,
    pub overall: AggregateScore,
    /// The targets in force, in a few words ([`TargetSet::label`]).
    pub targets: Arc<str>,
    /// The same in two or three words ([`TargetSet::short`]).
    pub targets_short: Arc<str>,
}

impl Profile {
    /// Every aggregate, categories first, overall last.
    pub fn aggregates(&self) -> impl Iterator<Item = &AggregateScore> {
        self.categories
            .iter()
            .chain(&self.subdimensions)
            .chain(&self.dimensions)
            .chain(std::iter::once(&self.overall))
    }

    /// How many items are scored from a hypothetical value (0: the data as they are).
    pub fn hypothetical(&self) -> usize {
        self.items.iter().filter(|s| s.hypothetical.is_some()).count()
    }

    /// How many items each kind of target scores.
    pub fn coverage(&self) -> Coverage {
        let mut coverage = Coverage::default();
        for basis in self.items.iter().filter_map(ItemScore::basis) {
            coverage.add(basis);
        }
        coverage
    }
}

/// Scores several cities, each for its own year (`None` = its latest), in the
/// order given. Many cities (peer groups, a large dataset) are split over the cores.
pub fn score_cities(
    catalogue: &Catalogue,
    dataset: &Dataset,
    targets: &TargetSet,
    requests: &[(CityId, Option<i32>)],
) -> Vec<Profile> {
    // Scoring one city takes some microseconds: batches of 16 keep rayon's overhead small.
    requests
        .par_iter()
        .with_min_len(16)
        .map(|&(city, year)| score_city(catalogue, dataset, targets, city, year))
        .collect()
}

/// Profiles scored so far in this process: instrumentation for the tests and
/// benchmarks that check that an idle app frame scores nothing.
static PROFILES_SCORED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many profiles [`score_city`] has scored in this process.
pub fn profiles_scored() -> u64 {
    PROFILES_SCORED.load(std::sync::atomic::Ordering::Relaxed)
}

/// Scores every item of the catalogue for a city. `year = None` means the
/// city's latest year. Each item uses its latest value in or before the year.
pub fn score_city(
    catalogue: &Catalogue,
    dataset: &Dataset,
    targets: &TargetSet,
    city: CityId,
    year: Option<i32>,
) -> Profile {
    let lookup = Lookup::new(catalogue, dataset, targets, city, year);
    score_lookup(catalogue, &lookup, &Overrides::new())
}

/// Scores a city's looked-up values, with `overrides` in place of the data's
/// values where given (a what-if). Reads neither dataset nor target set.
pub fn score_lookup(catalogue: &Catalogue, lookup: &Lookup, overrides: &Overrides) -> Profile {
    PROFILES_SCORED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let items: Vec<ItemScore> = (0..catalogue.items.len())
        .map(|i| score_item(catalogue, lookup, overrides, ItemId::new(i)))
        .collect();
    let new = |level, name: &str| AggregateScore::new(level, name);
    let mut categories: Vec<_> = catalogue
        .categories
        .iter()
        .map(|c| new(Level::Category, &c.name))
        .collect();
    let mut subdimensions: Vec<_> = catalogue
        .subdimensions
        .iter()
        .map(|s| new(Level::Subdimension, &s.name))
        .collect();
    let mut dimensions: Vec<_> = catalogue
        .dimensions
        .iter()
        .map(|d| new(Level::Dimension, &d.name))
        .collect();
    let mut overall = AggregateScore::new(Level::Overall, "Overall");
    for score in &items {
        let (cat, sub, dim) = catalogue.parents_of(score.item);
        categories[cat.0].add(score);
        subdimensions[sub.0].add(score);
        dimensions[dim.0].add(score);
        overall.add(score);
    }
    for agg in categories.iter_mut().chain(&mut subdimensions).chain(&mut dimensions) {
        agg.finish();
    }
    overall.finish();
    // The set's label, plus the own targets when any scores this city.
    let (targets, targets_short) = if items.iter().any(|s| s.basis() == Some(Basis::OwnTargets)) {
        (
            format!("{} + own targets", lookup.targets_label).into(),
            format!("{} + own", lookup.targets_short).into(),
        )
    } else {
        (lookup.targets_label.clone(), lookup.targets_short.clone())
    };
    Profile {
        city: lookup.city,
        year: lookup.year,
        items,
        categories,
        subdimensions,
        dimensions,
        overall,
        targets,
        targets_short,
    }
}

fn score_item(catalogue: &Catalogue, lookup: &Lookup, overrides: &Overrides, item: ItemId) -> ItemScore {
    let observation = lookup.observations.get(item.index()).cloned().flatten();
    let target = lookup.targets.get(item.index()).cloned().flatten();
    let hypothetical = overrides.get(item);
    let printed = observation.as_ref().and_then(Noted::printed_band);
    // A printed U4SSC band is the verified band of the reported value, not of a
    // hypothetical one: that is scored against its target (see `item_status`).
    let printed = match hypothetical {
        Some(_) => printed.filter(|p| *p == PrintedBand::NoBenchmark),
        None => printed,
    };
    let value = hypothetical.unwrap_or_else(|| observation.as_ref().map_or(Value::NotReported, |o| o.value()));
    let status = item_status(target.as_deref(), value, printed, catalogue, item);
    ItemScore {
        item,
        observation,
        target,
        status,
        hypothetical,
    }
}
