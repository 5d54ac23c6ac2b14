//! The per-city index of a dataset's observations: built once after an import
//! (and after edits), on every core.

use rayon::prelude::*;

use super::{Dataset, Observation};

impl Dataset {
    /// Takes `by_city` as the index, and finds each city's span: the range of
    /// observations it fills alone, when its indices are exactly a range.
    pub(super) fn set_index(&mut self, by_city: Vec<Vec<u32>>) {
        let span = |list: &Vec<u32>| {
            let (min, max) = list.iter().fold((u32::MAX, 0), |(lo, hi), &i| (lo.min(i), hi.max(i)));
            (!list.is_empty() && (max - min) as usize + 1 == list.len()).then_some((min, max + 1))
        };
        self.spans = if self.observations.len() < 100_000 {
            by_city.iter().map(span).collect()
        } else {
            by_city.par_iter().map(span).collect()
        };
        self.by_city = by_city;
    }

    /// The city's observations in the order added, when they are all together.
    pub(super) fn span(&self, city: super::CityId) -> Option<&[Observation]> {
        let (start, end) = (*self.spans.get(city.index())?)?;
        self.observations.get(start as usize..end as usize)
    }

    /// Per city, observation indices sorted by item, year and insertion order; and
    /// the (first, repeated) index pairs of observations with the same city, item
    /// and year, in that order.
    pub(super) fn index(&self) -> (Vec<Vec<u32>>, Vec<(u32, u32)>) {
        let (runs, starts) = self.city_runs();
        // Per city, sorting keys copied out of the observations of its runs (no
        // indirection per comparison), on every core; a key is one `u64` (item,
        // year, index), sorted by `sort_keys`, and the city's list is written
        // once, from the sorted keys. Repeats are found in the same pass.
        let observations = &self.observations;
        let sort = |buffers: &mut (Vec<u64>, Vec<u64>, Vec<usize>), city: usize| {
            let (keys, scratch, counts) = buffers;
            keys.clear();
            for &(start, end) in runs.get(starts[city]..starts[city + 1]).unwrap_or_default() {
                let rows = observations.get(start as usize..end as usize).unwrap_or_default();
                keys.extend(rows.iter().zip(start..).map(|(o, i)| sort_key(o, i)));
            }
            sort_keys(keys, scratch, counts);
            let mut list = Vec::with_capacity(keys.len());
            let mut pairs = Vec::new();
            let mut first: Option<u64> = None;
            for &key in keys.iter() {
                let index = key as u32;
                list.push(index);
                match first {
                    Some(f) if f >> 32 == key >> 32 => pairs.push((f as u32, index)),
                    _ => first = Some(key),
                }
            }
            (list, pairs)
        };
        let buffers = || (Vec::new(), Vec::new(), Vec::new());
        let cities = 0..self.cities.len();
        let (by_city, pairs): (Vec<Vec<u32>>, Vec<Pairs>) = if observations.len() < 100_000 {
            let mut own = buffers();
            cities.map(|city| sort(&mut own, city)).unzip()
        } else {
            cities.into_par_iter().with_min_len(64).map_init(buffers, sort).unzip()
        };
        (by_city, pairs.into_iter().flatten().collect())
    }

    /// The runs of rows of each city, in order: `runs[starts[c]..starts[c + 1]]`
    /// are city `c`'s (`starts` has one more entry than there are cities; runs
    /// of a city not in the dataset are left out). Long tables give a city's
    /// rows together: the runs are found on every core, then placed by city.
    fn city_runs(&self) -> (Vec<(u32, u32)>, Vec<usize>) {
        const CHUNK: usize = 1 << 16;
        let found: Vec<(usize, u32, u32)> = self
            .observations
            .par_chunks(CHUNK)
            .enumerate()
            .flat_map_iter(|(k, chunk)| {
                let base = (k * CHUNK) as u32;
                let mut runs = Vec::new();
                let mut start = 0;
                for i in 1..=chunk.len() {
                    if chunk.get(i).is_none_or(|o| o.city != chunk[start].city) {
                        runs.push((chunk[start].city.index(), base + start as u32, base + i as u32));
                        start = i;
                    }
                }
                runs
            })
            .collect();
        let cities = self.cities.len();
        let mut starts = vec![0usize; cities + 1];
        for &(city, _, _) in &found {
            if city < cities {
                starts[city + 1] += 1;
            }
        }
        for c in 0..cities {
            starts[c + 1] += starts[c];
        }
        let mut next = starts.clone();
        let mut runs = vec![(0, 0); starts[cities]];
        for (city, start, end) in found {
            if let Some(slot) = next.get_mut(city).filter(|_| city < cities) {
                runs[*slot] = (start, end);
                *slot += 1;
            }
        }
        (runs, starts)
    }
}

/// A city's (first, repeated) index pairs.
type Pairs = Vec<(u32, u32)>;

/// Sorts one city's keys. Items are few (a catalogue's), so the keys are placed
/// by item with a counting sort, which keeps their order; a long table gives an
/// item's rows year after year, so each item's keys are then usually in order
/// already, and are sorted only when not. Measured on 10,000 cities (11.2 M
/// keys, both cores, the whole index with its city lists): 0.24 s with tuple
/// keys and the unstable sort, 0.16 s with `u128` keys and the stable sort
/// (which merges runs already in order), 0.105 s this way (`u64` keys since
/// observations hold a 14-bit item and a 16-bit year). Many distinct items
/// for few keys take the stable sort.
fn sort_keys(keys: &mut Vec<u64>, scratch: &mut Vec<u64>, counts: &mut Vec<usize>) {
    let item = |key: u64| (key >> 48) as usize;
    let items = keys.iter().map(|&k| item(k)).max().map_or(0, |m| m + 1);
    if items > 4 * keys.len() + 1024 {
        keys.sort();
        return;
    }
    counts.clear();
    counts.resize(items + 1, 0);
    for &key in keys.iter() {
        counts[item(key) + 1] += 1;
    }
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
    scratch.clear();
    scratch.resize(keys.len(), 0);
    let mut next = counts.clone();
    for &key in keys.iter() {
        let slot = &mut next[item(key)];
        scratch[*slot] = key;
        *slot += 1;
    }
    for bucket in counts.windows(2) {
        let run = &mut scratch[bucket[0]..bucket[1]];
        if !run.is_sorted() {
            run.sort_unstable();
        }
    }
    std::mem::swap(keys, scratch);
}

/// An observation's place in its city's index: item, then year (none first),
/// then `index`, its place in the list, packed in one number that sorts the same.
fn sort_key(obs: &Observation, index: u32) -> u64 {
    u64::from(obs.item_year_key()) << 32 | u64::from(index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CityId, ItemId, Origin, Value};

    fn obs(city: usize, item: usize, year: Option<i32>) -> Observation {
        Observation::new(
            CityId::new(city),
            year,
            ItemId::new(item),
            Value::NotReported,
            Origin { table: 0, row: 2 },
        )
    }

    /// Runs of one city, single rows between them and runs across the chunks
    /// searched on separate cores: each city's list is its rows, in order.
    #[test]
    fn city_runs_hold_each_citys_rows_in_order() {
        let mut ds = Dataset::default();
        for name in ["A", "B", "C"] {
            ds.intern_city(name);
        }
        let city = |i: usize| if i % 7 == 3 { 2 } else { (i / 1000) % 2 };
        ds.observations = (0..150_000).map(|i| obs(city(i), 0, None)).collect();
        let (runs, starts) = ds.city_runs();
        assert_eq!(starts.len(), 4);
        for c in 0..3 {
            let list: Vec<u32> = runs[starts[c]..starts[c + 1]].iter().flat_map(|&(s, e)| s..e).collect();
            let expected: Vec<u32> = (0..150_000u32).filter(|&i| city(i as usize) == c).collect();
            assert_eq!(list, expected, "city {c}");
        }
    }

    /// Keys sorted by item buckets equal a plain sort: items and years in any
    /// order, runs in order, and more items than keys.
    #[test]
    fn sorted_keys_equal_a_plain_sort() {
        let (mut scratch, mut counts) = (Vec::new(), Vec::new());
        let mut rng = crate::model::Lcg(7);
        let mut next = move |n: u64| rng.below(n);
        for case in 0..200 {
            let len = next(300) as u32;
            let items = if case % 10 == 0 {
                ItemId::LIMIT as u64
            } else {
                1 + next(40)
            };
            let mut keys: Vec<u64> = (0..len)
                .map(|i| {
                    let year = if case % 3 == 0 {
                        Some(2000 + (i / 40) as i32)
                    } else {
                        Some(next(30) as i32 + 1990)
                    };
                    sort_key(&obs(0, next(items) as usize, year), i)
                })
                .collect();
            let mut expected = keys.clone();
            expected.sort();
            sort_keys(&mut keys, &mut scratch, &mut counts);
            assert_eq!(keys, expected, "case {case}");
        }
    }

    /// The packed key sorts as (item, year with none first, index).
    #[test]
    fn sort_keys_order_by_item_then_year_then_place() {
        let keys = [
            sort_key(&obs(0, 1, None), 9),
            sort_key(&obs(0, 1, Some(-32767)), 0),
            sort_key(&obs(0, 1, Some(-5)), 3),
            sort_key(&obs(0, 1, Some(2020)), 1),
            sort_key(&obs(0, 1, Some(2020)), 2),
            sort_key(&obs(0, 1, Some(32767)), 0),
            sort_key(&obs(0, 2, None), 0),
            sort_key(&obs(0, ItemId::LIMIT - 1, Some(1800)), 0),
        ];
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
    }

    /// A city whose rows are all together is scored from its span, in the
    /// order added; others through the index. Both give, for every year asked,
    /// the value [`Dataset::observation`] finds item by item: years out of
    /// order, rows without a year, duplicates dropped.
    #[test]
    fn values_in_force_from_a_span_are_the_indexs() {
        let mut rng = crate::model::Lcg(0x2545_f491_4f6c_dd1d);
        let mut next = move |n: u64| rng.below(n);
        for case in 0..40 {
            let mut ds = Dataset::default();
            for name in ["together", "mixed A", "mixed B"] {
                ds.intern_city(name);
            }
            // Mixed rows, the rows of city 0, mixed rows again.
            let parts = [(next(40), None), (1 + next(40), Some(0)), (next(40), None)];
            for (rows, city) in parts {
                for _ in 0..rows {
                    let city = city.unwrap_or(1 + next(2) as usize);
                    let year = (next(6) > 0).then(|| 2017 + next(6) as i32);
                    let o = obs(city, next(6) as usize, year);
                    let origin = Origin {
                        row: ds.observations.len() as u32,
                        ..o.origin()
                    };
                    ds.observations
                        .push(Observation::new(o.city, o.year(), o.item(), o.value(), origin));
                }
            }
            ds.reindex();
            assert!(ds.span(CityId(0)).is_some(), "case {case}");
            for city in (0..3).map(CityId) {
                for year in [None, Some(2016), Some(2018), Some(2020), Some(2023)] {
                    let in_force = ds.observations_in_force(city, year, 6);
                    let one_by_one: Vec<Option<&Observation>> =
                        (0..6).map(|i| ds.observation(city, ItemId::new(i), year)).collect();
                    assert_eq!(in_force, one_by_one, "case {case}, city {city:?}, year {year:?}");
                }
                let latest = ds.observations_of(city).filter_map(|o| o.year()).max();
                assert_eq!(ds.latest_year(city), latest, "case {case}");
                let in_latest = ds.observations_in_force(city, latest, 6);
                assert_eq!(ds.latest_in_force(city, 6), (latest, in_latest), "case {case}");
            }
        }
    }
}
