//! Targets derived from the data where no target exists, the way the SDSN
//! Sustainable Development Report does it: the target is the mean of the 5 best
//! cities' values, and the worst value (0 % of target) is the 2.5th percentile
//! counted from the bad end, so that % of target spreads between the worst and
//! the best cities. Opt-in only; every derived target says so in its source.

use crate::model::TargetSet;
use crate::model::{Catalogue, CityId, Dataset, Direction, ItemId, Observation, Target, TargetKind, TargetRule};
use crate::model::{TargetValue, UnitKind, Value, format_number};

/// An item needs values from at least this many cities to get a derived target.
pub const MIN_CITIES: usize = 5;
/// The target is the mean of this many best values.
const BEST: usize = 5;
/// The worst value is this percentile, counted from the bad end.
const WORST_PERCENTILE: f64 = 2.5;

/// The `p`-th percentile (0-100) of sorted values, interpolating linearly
/// between the two nearest ranks (numpy's default, "linear").
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let h = last as f64 * (p / 100.0).clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(last);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// Derived targets for every item that has no all-city target in `base`, a
/// higher- or lower-is-better direction, numeric values, and values from at
/// least [`MIN_CITIES`] of `members` (each city's latest value in or before
/// `year`; `None` = its latest). Yes/no items are never derived.
pub fn derive_targets(
    catalogue: &Catalogue,
    dataset: &Dataset,
    members: &[CityId],
    year: Option<i32>,
    base: &TargetSet,
) -> TargetSet {
    // Which items get a derived target, and whether higher is better.
    let wanted: Vec<Option<bool>> = catalogue
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let higher = match item.direction {
                Direction::Higher => true,
                Direction::Lower => false,
                Direction::Target | Direction::None => return None,
            };
            let open = base.general(ItemId::new(i)).is_none() && item.unit_kind != UnitKind::YesNo;
            open.then_some(higher)
        })
        .collect();
    let mut values = values_in_force(dataset, members, year, &wanted);
    let mut out = TargetSet::default();
    for (i, higher) in wanted.iter().enumerate() {
        let Some(higher) = *higher else { continue };
        if let Some(target) = derived_target(&mut values[i], higher, year)
            && target.check(catalogue.items[i].direction).is_ok()
        {
            out.insert(TargetRule {
                item: ItemId::new(i),
                city: None,
                target,
            });
        }
    }
    out
}

/// Per item, the members' numeric values in force in `year` (the latest in or
/// before it, as [`Dataset::observation`] picks), for the items `wanted`. One
/// pass over each city's observations, which are sorted by item then year.
fn values_in_force(dataset: &Dataset, members: &[CityId], year: Option<i32>, wanted: &[Option<bool>]) -> Vec<Vec<f64>> {
    let mut values: Vec<Vec<f64>> = vec![Vec::new(); wanted.len()];
    for &city in members {
        let mut chosen: Option<&Observation> = None;
        let mut flush = |chosen: Option<&Observation>| {
            if let Some(o) = chosen
                && let Value::Number(v) = o.value()
                && v.is_finite()
                && wanted.get(o.item().index()).is_some_and(Option::is_some)
            {
                values[o.item().index()].push(v);
            }
        };
        for o in dataset.observations_of(city) {
            if chosen.is_some_and(|c| c.item() != o.item()) {
                flush(chosen.take());
            }
            if o.counts_in(year) {
                chosen = Some(o);
            }
        }
        flush(chosen);
    }
    values
}

/// The target and worst value for one item's values (sorted here).
fn derived_target(values: &mut [f64], higher: bool, year: Option<i32>) -> Option<Target> {
    let n = values.len();
    if n < MIN_CITIES {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let best = if higher { &values[n - BEST..] } else { &values[..BEST] };
    let mean = best.iter().sum::<f64>() / BEST as f64;
    let p = if higher {
        WORST_PERCENTILE
    } else {
        100.0 - WORST_PERCENTILE
    };
    let worst = percentile(values, p)?;
    let year = year.map(|y| format!(", {y}")).unwrap_or_default();
    Some(Target {
        value: TargetValue::Number(mean),
        // All cities alike: no spread to scale between, the plain ratio applies.
        worst: (worst != mean).then_some(worst),
        direction: None,
        source: format!(
            "derived: mean of the {BEST} best of {n} cities{year} (SDSN method); worst value {} = the 2.5th percentile from the bad end",
            format_number(worst)
        ),
        origin: None,
        kind: TargetKind::Derived,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_matches_numpy_linear() {
        // numpy.percentile([1, 2, 3, 4, 10], [2.5, 50, 97.5]) = [1.1, 3.0, 9.4]
        let v = [1.0, 2.0, 3.0, 4.0, 10.0];
        assert!((percentile(&v, 2.5).unwrap_or(f64::NAN) - 1.1).abs() < 1e-12);
        assert_eq!(percentile(&v, 50.0), Some(3.0));
        assert!((percentile(&v, 97.5).unwrap_or(f64::NAN) - 9.4).abs() < 1e-12);
        assert_eq!(percentile(&[7.0], 2.5), Some(7.0));
        assert_eq!(percentile(&[], 2.5), None);
    }

    #[test]
    fn one_pass_values_equal_the_observation_in_force() {
        let catalogue = crate::import::default_catalogue().expect("catalogue");
        let mut csv = Vec::new();
        crate::bench_data::write_long_csv(&catalogue, 40, 4, &mut csv).expect("generate");
        let input = crate::import::Input::Bytes {
            name: "multi-year.csv".into(),
            bytes: csv.into(),
        };
        let dataset = crate::import::load(&catalogue, &[input], &mut |_, _, _| {}).dataset;
        let members: Vec<CityId> = (0..dataset.cities.len()).map(CityId::new).collect();
        let wanted = vec![Some(true); catalogue.items.len()];
        let years = dataset.years_of(CityId(0));
        for year in [None, years.first().copied(), years.get(2).copied()] {
            let fast = values_in_force(&dataset, &members, year, &wanted);
            for (i, got) in fast.iter().enumerate() {
                let expected: Vec<f64> = members
                    .iter()
                    .filter_map(|&c| match dataset.observation(c, ItemId::new(i), year)?.value() {
                        Value::Number(v) if v.is_finite() => Some(v),
                        _ => None,
                    })
                    .collect();
                assert_eq!(*got, expected, "item {i}, year {year:?}");
            }
        }
    }

    #[test]
    fn lower_is_better_best_of_zero_still_spreads() {
        let mut values = vec![0.0, 0.0, 0.0, 0.0, 0.0, 5.0, 10.0, 20.0];
        let t = derived_target(&mut values, false, Some(2024)).expect("derived");
        assert_eq!(t.value, TargetValue::Number(0.0));
        // h = 7 × 0.975 = 6.825 → 10 + 0.825 × 10
        assert!((t.worst.unwrap_or(f64::NAN) - 18.25).abs() < 1e-9);
        assert!(
            t.source
                .starts_with("derived: mean of the 5 best of 8 cities, 2024 (SDSN method)")
        );
        assert!(derived_target(&mut [1.0, 2.0, 3.0, 4.0], true, None).is_none());
    }
}
