//! What a profile is scored from, looked up once: the value in force and the
//! target of every item. Scoring a [`Lookup`] (with or without hypothetical
//! values, [`Overrides`]) never reads the dataset again, so a what-if slider can
//! re-score on every drag.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::model::{Catalogue, CityId, Dataset, ItemId, Noted, PrintedBand, Target, TargetSet, Value};

use super::{Band, Basis, ItemStatus, Unscorable, item_pct};

/// A city's values and targets for one year, as scoring needs them.
#[derive(Debug, Clone)]
pub struct Lookup {
    pub city: CityId,
    /// The year scored; `None` when the data carry no years.
    pub year: Option<i32>,
    /// The observation in force per item (indexed by `ItemId`), with its notes.
    pub observations: Vec<Option<Noted>>,
    /// The target per item (indexed by `ItemId`): none where U4SSC printed
    /// "No Benchmark Available", since no default target applies there.
    pub targets: Vec<Option<Arc<Target>>>,
    /// The target set's label and short label ([`TargetSet::label`], [`TargetSet::short`]).
    pub targets_label: Arc<str>,
    pub targets_short: Arc<str>,
}

impl Lookup {
    /// Looks up every item of the catalogue for a city; `year = None` is the
    /// city's latest year. Each item uses its latest value in or before the year.
    pub fn new(
        catalogue: &Catalogue,
        dataset: &Dataset,
        targets: &TargetSet,
        city: CityId,
        year: Option<i32>,
    ) -> Lookup {
        let (year, in_force) = match year {
            Some(year) => (
                Some(year),
                dataset.observations_in_force(city, Some(year), catalogue.items.len()),
            ),
            None => dataset.latest_in_force(city, catalogue.items.len()),
        };
        let city_name = dataset.cities.get(city.index()).map_or("", |c| c.name.as_str());
        let mut city_key = targets.city_key(city_name);
        let observations: Vec<Option<Noted>> = in_force.into_iter().map(|o| o.map(|o| dataset.noted(o))).collect();
        let item_targets = observations
            .iter()
            .enumerate()
            .map(|(i, observation)| {
                let printed_none = observation.as_ref().and_then(Noted::printed_band) == Some(PrintedBand::NoBenchmark);
                (!printed_none)
                    .then(|| targets.shared(ItemId::new(i), &mut city_key).cloned())
                    .flatten()
            })
            .collect();
        Lookup {
            city,
            year,
            observations,
            targets: item_targets,
            targets_label: targets.label.clone(),
            targets_short: targets.short.clone(),
        }
    }

    /// The value in force of an item, `NotReported` when there is none.
    pub fn value(&self, item: ItemId) -> Value {
        self.observations
            .get(item.index())
            .and_then(Option::as_ref)
            .map_or(Value::NotReported, |o| o.value())
    }
}

/// Hypothetical values per item: "what if this KPI were ...".
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Overrides {
    values: BTreeMap<ItemId, Value>,
}

impl Overrides {
    /// No hypothetical value.
    pub fn new() -> Overrides {
        Overrides::default()
    }

    /// Sets an item's hypothetical value; returns the one it replaces.
    pub fn insert(&mut self, item: ItemId, value: Value) -> Option<Value> {
        self.values.insert(item, value)
    }

    /// Drops an item's hypothetical value (back to the data); returns it.
    pub fn remove(&mut self, item: ItemId) -> Option<Value> {
        self.values.remove(&item)
    }

    /// The hypothetical value of an item, if it has one.
    pub fn get(&self, item: ItemId) -> Option<Value> {
        self.values.get(&item).copied()
    }

    /// True when no item has a hypothetical value.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// How many items have a hypothetical value.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// The hypothetical values, in item order.
    pub fn iter(&self) -> impl Iterator<Item = (ItemId, Value)> + '_ {
        self.values.iter().map(|(item, value)| (*item, *value))
    }
}

/// The status of an item with `value` against `target`.
///
/// `printed` is the band U4SSC printed for the value in the data. A
/// hypothetical value has no verified band: the caller passes only a printed
/// "No Benchmark Available" then (that says the item has no benchmark for this
/// city, whatever its value), never printed points, so a changed value is
/// scored against its target.
pub(crate) fn item_status(
    target: Option<&Target>,
    value: Value,
    printed: Option<PrintedBand>,
    catalogue: &Catalogue,
    item: ItemId,
) -> ItemStatus {
    let direction = catalogue.items[item.index()].direction;
    let printed_none = printed == Some(PrintedBand::NoBenchmark);
    match (target, value, printed) {
        (_, Value::NotReported, _) => ItemStatus::NotReported,
        (None, _, _) if printed_none => ItemStatus::NoBenchmark(Some(Unscorable::NoBenchmarkPrinted)),
        // U4SSC verification's band scores the item, with or without a target.
        (_, v, Some(PrintedBand::Points(points))) => ItemStatus::Scored {
            pct: target.and_then(|t| item_pct(v, t, direction).ok().flatten()),
            band: Band::from_points(points),
            basis: Basis::U4sscBand,
        },
        (None, _, _) => ItemStatus::NoBenchmark(None),
        (Some(t), v, _) => match item_pct(v, t, direction) {
            Ok(Some(pct)) => ItemStatus::Scored {
                pct: Some(pct),
                band: Band::from_pct(pct),
                basis: Basis::of(t),
            },
            Ok(None) => ItemStatus::NotReported,
            Err(e) => ItemStatus::NoBenchmark(Some(e)),
        },
    }
}
