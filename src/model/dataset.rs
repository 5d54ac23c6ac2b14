//! Cities and their observed KPI values.

use std::sync::Arc;

use super::RowRef;
use super::catalogue::ItemId;
use super::city::City;
use super::format::format_number;
pub use super::printed_band::PrintedBand;

/// Index of a city in [`Dataset::cities`]. A `u32` (not `usize`), as is
/// [`crate::model::ItemId`]: an [`Observation`] is kept small (see its module).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct CityId(pub u32);

impl CityId {
    /// The id of the city at `index` (an index past `u32::MAX`, which no
    /// dataset within the import's size limits reaches, names no city).
    pub fn new(index: usize) -> CityId {
        CityId(u32::try_from(index).unwrap_or(u32::MAX))
    }

    /// The position in [`Dataset::cities`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A reported value. Not reported is its own state and never counts as 0.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Value {
    Number(f64),
    /// A yes/no KPI such as Resilience Plans.
    Flag(bool),
    NotReported,
}

impl Value {
    /// Text as shown to users: numbers without needless zeros, `Yes`/`No`, `NR`.
    pub fn display(&self) -> String {
        match self {
            Value::Number(v) => format_number(*v),
            Value::Flag(true) => "Yes".into(),
            Value::Flag(false) => "No".into(),
            Value::NotReported => "NR".into(),
        }
    }
}

/// A table of [`Dataset::tables`] and a spreadsheet-style row in it (8 bytes per
/// observation instead of a file name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Origin {
    pub table: u32,
    pub row: u32,
}

/// A file, or a sheet of a workbook, that observations were read from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TableName {
    pub file: Arc<str>,
    pub sheet: Option<Arc<str>>,
}

/// The optional texts of an observation.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Notes {
    pub unit: Option<Arc<str>>,
    pub quality: Option<super::Quality>,
    pub source: Option<Arc<str>>,
    pub note: Option<Arc<str>>,
    /// What U4SSC printed as the value's performance to benchmark, when given.
    pub band: Option<PrintedBand>,
    /// Whether the value was verified, when the file said.
    pub verified: Option<bool>,
}

impl Notes {
    /// `None` when every text is missing.
    pub(crate) fn shared(self) -> Option<Arc<Notes>> {
        (self != Notes::default()).then(|| Arc::new(self))
    }
}

/// A second value for the same city, year and item; the first one is kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    pub first: RowRef,
    /// The kept value's table (an index into [`Dataset::tables`]).
    pub first_table: u32,
    pub first_value: Value,
    pub dropped: Observation,
    pub dropped_at: RowRef,
}

/// Every city and observation loaded from one or more files.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Dataset {
    pub cities: Vec<City>,
    /// The files and sheets observations came from.
    pub tables: Vec<TableName>,
    pub observations: Vec<Observation>,
    /// The observations' units, sources, notes… (see [`NotesTable`]).
    pub notes: NotesTable,
    /// Per city: indices into `observations`, sorted by item then year.
    by_city: Vec<Vec<u32>>,
    /// Per city: the range of `observations` it fills alone, when its
    /// observations are all together (as a long table gives them), so that a
    /// pass over all of them (its latest year, the values in force) reads them
    /// in order instead of through the index, which jumps by an item's years.
    #[serde(skip)]
    spans: Vec<Option<(u32, u32)>>,
}

impl Dataset {
    /// A dataset read back from the import cache, when its index points only at
    /// its observations (their own ids are checked as they are read).
    pub(crate) fn from_cache(
        cities: Vec<City>,
        tables: Vec<TableName>,
        (observations, notes): (Vec<Observation>, NotesTable),
        by_city: Vec<Vec<u32>>,
    ) -> Option<Dataset> {
        let n = observations.len();
        let fits = by_city.len() == cities.len() && by_city.iter().flatten().all(|&i| (i as usize) < n);
        let mut dataset = Dataset {
            cities,
            tables,
            observations,
            notes,
            ..Dataset::default()
        };
        dataset.set_index(by_city);
        fits.then_some(dataset)
    }

    /// An observation with its notes.
    pub fn noted(&self, observation: &Observation) -> Noted {
        Noted {
            observation: *observation,
            notes: self.notes.get(observation).cloned(),
        }
    }

    /// Per city, the indices of its observations sorted by item then year (the cache stores them).
    pub(crate) fn index_lists(&self) -> &[Vec<u32>] {
        &self.by_city
    }

    /// Finds a city by name, ignoring case and surrounding spaces.
    pub fn city_by_name(&self, name: &str) -> Option<CityId> {
        let wanted = name.trim().to_lowercase();
        self.cities
            .iter()
            .position(|c| c.name.to_lowercase() == wanted)
            .map(CityId::new)
    }

    /// Registers a file or sheet; its number goes into [`Origin::table`].
    pub(crate) fn add_table(&mut self, file: Arc<str>, sheet: Option<Arc<str>>) -> u32 {
        self.tables.push(TableName { file, sheet });
        (self.tables.len() - 1) as u32
    }

    /// The file, sheet and row an observation was read from.
    pub fn origin(&self, obs: &Observation) -> RowRef {
        match self.tables.get(obs.origin().table as usize) {
            Some(t) => RowRef {
                file: t.file.clone(),
                sheet: t.sheet.clone(),
                row: obs.origin().row as usize,
            },
            None => RowRef {
                file: Arc::from("(unknown file)"),
                sheet: None,
                row: obs.origin().row as usize,
            },
        }
    }

    /// Adds a city, or returns the one with the same name (tests build datasets with it).
    #[cfg(test)]
    pub(crate) fn intern_city(&mut self, name: &str) -> CityId {
        if let Some(id) = self.city_by_name(name) {
            return id;
        }
        self.cities.push(City {
            name: name.trim().to_string(),
            ..City::default()
        });
        CityId::new(self.cities.len() - 1)
    }

    /// Indexes the observations per city, sorted by item then year; of several
    /// values for the same city, year and item the first added is kept and the
    /// others are removed and returned. Call after adding observations.
    pub(crate) fn reindex(&mut self) -> Vec<Duplicate> {
        let (by_city, pairs) = self.index();
        if pairs.is_empty() {
            self.set_index(by_city);
            return Vec::new();
        }
        let mut keep = vec![true; self.observations.len()];
        let mut duplicates = Vec::with_capacity(pairs.len());
        for (first, dropped) in pairs {
            let (f, d) = (self.observations[first as usize], self.observations[dropped as usize]);
            duplicates.push(Duplicate {
                first: self.origin(&f),
                first_table: f.origin().table,
                first_value: f.value(),
                dropped: d,
                dropped_at: self.origin(&d),
            });
            // Notes found under the kept value's city, item and year with the
            // dropped row's origin were the dropped value's.
            if f.origin() != d.origin() {
                self.notes.remove(&d);
            }
            keep[dropped as usize] = false;
        }
        let mut keep = keep.into_iter();
        self.observations.retain(|_| keep.next().unwrap_or(true));
        let by_city = self.index().0;
        self.set_index(by_city);
        duplicates
    }

    /// The repeated (city, year, item) values, each as the first observation and
    /// a later one, without removing anything (see [`Dataset::reindex`]).
    pub(crate) fn repeats(&self) -> Vec<(Observation, Observation)> {
        let pairs = self.index().1;
        let at = |i: u32| self.observations[i as usize];
        pairs.into_iter().map(|(first, later)| (at(first), at(later))).collect()
    }

    /// Removes the observations `leave` picks (and their notes); returns where
    /// each came from. Call [`Dataset::reindex`] after.
    pub(crate) fn withdraw(&mut self, leave: impl Fn(&Observation) -> bool) -> Vec<RowRef> {
        let (gone, kept): (Vec<Observation>, Vec<Observation>) = std::mem::take(&mut self.observations)
            .into_iter()
            .partition(|o| leave(o));
        self.observations = kept;
        for obs in &gone {
            self.notes.remove(obs);
        }
        gone.iter().map(|o| self.origin(o)).collect()
    }

    /// The city's observations, sorted by item then year.
    pub fn observations_of(
        &self,
        city: CityId,
    ) -> impl ExactSizeIterator<Item = &Observation> + DoubleEndedIterator + Clone {
        let list: &[u32] = self.by_city.get(city.index()).map_or(&[], Vec::as_slice);
        list.iter().map(|&i| &self.observations[i as usize])
    }

    /// The city's latest year with an observation ([`Dataset::latest_in_force`]'s
    /// walk, keeping no value).
    pub fn latest_year(&self, city: CityId) -> Option<i32> {
        self.in_force_walk(city, None, 0).0
    }

    /// Years with at least one observation for the city, ascending.
    pub fn years_of(&self, city: CityId) -> Vec<i32> {
        let mut years: Vec<i32> = self.observations_of(city).filter_map(|o| o.year()).collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// The value in force in `year`: the latest observation of the item in or before
    /// that year (each KPI keeps its own data year, as in U4SSC reports). With
    /// `year = None`, the latest observation of all.
    pub fn observation(&self, city: CityId, item: ItemId, year: Option<i32>) -> Option<&Observation> {
        let list: &[u32] = self.by_city.get(city.index()).map_or(&[], Vec::as_slice);
        let item_of = |i: &u32| self.observations[*i as usize].item();
        let start = list.partition_point(|i| item_of(i) < item);
        // An item's run is short (a value per year): walked, not searched again.
        let run = list[start..].iter().take_while(|i| item_of(i) == item).count();
        list[start..start + run]
            .iter()
            .map(|&i| &self.observations[i as usize])
            .rev()
            .find(|o| o.counts_in(year))
    }

    /// [`Dataset::observation`] of every item at once (`items` long, by item
    /// index), in one walk of the city's index instead of a search per item.
    pub fn observations_in_force(&self, city: CityId, year: Option<i32>, items: usize) -> Vec<Option<&Observation>> {
        self.in_force_walk(city, year, items).1
    }

    /// The city's latest year and the values in force in it, in one walk
    /// instead of [`Dataset::latest_year`]'s and then this one's (scoring every
    /// city's latest year asks both of each): in the latest year every value
    /// counts, as with no year.
    pub fn latest_in_force(&self, city: CityId, items: usize) -> (Option<i32>, Vec<Option<&Observation>>) {
        self.in_force_walk(city, None, items)
    }

    /// The values in force in `year`, and the latest year met on the way.
    fn in_force_walk(&self, city: CityId, year: Option<i32>, items: usize) -> (Option<i32>, Vec<Option<&Observation>>) {
        let mut in_force = vec![None; items];
        let mut latest = None;
        match self.span(city) {
            // In the order added: an item's latest year that counts wins (no year
            // before any year; of equal years the later added, as in the index).
            Some(all) => {
                for o in all {
                    latest = latest.max(o.year());
                    if o.counts_in(year)
                        && let Some(slot) = in_force.get_mut(o.item().index())
                        && slot.is_none_or(|s: &Observation| o.year() >= s.year())
                    {
                        *slot = Some(o);
                    }
                }
            }
            None => {
                for o in self.observations_of(city) {
                    latest = latest.max(o.year());
                    if o.counts_in(year)
                        && let Some(slot) = in_force.get_mut(o.item().index())
                    {
                        // The index runs by item, then year: the last that counts is in force.
                        *slot = Some(o);
                    }
                }
            }
        }
        (latest, in_force)
    }

    /// The history of one item for a city, oldest first.
    pub fn series(&self, city: CityId, item: ItemId) -> Vec<&Observation> {
        self.observations_of(city).filter(|o| o.item() == item).collect()
    }
}

mod index;
mod notes;
mod observation;

pub use notes::{Noted, NotesTable};
pub use observation::Observation;

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(city: usize, item: usize, year: i32, v: f64) -> Observation {
        Observation::new(
            CityId::new(city),
            Some(year),
            ItemId::new(item),
            Value::Number(v),
            Origin { table: 0, row: 2 },
        )
    }

    #[test]
    fn observation_takes_latest_value_up_to_the_year() {
        let mut ds = Dataset::default();
        ds.intern_city("A");
        ds.observations = vec![
            obs(0, 1, 2020, 3.0),
            obs(0, 1, 2018, 1.0),
            obs(0, 2, 2019, 7.0),
            obs(0, 1, 2018, 9.0),
        ];
        let duplicates = ds.reindex();
        assert_eq!(duplicates.len(), 1, "the second 2018 value is a duplicate");
        assert_eq!(
            (duplicates[0].first_value, duplicates[0].dropped.value()),
            (Value::Number(1.0), Value::Number(9.0))
        );
        assert_eq!(
            ds.observation(CityId(0), ItemId(1), Some(2019)).map(|o| o.value()),
            Some(Value::Number(1.0))
        );
        assert_eq!(
            ds.observation(CityId(0), ItemId(1), Some(2021)).map(|o| o.value()),
            Some(Value::Number(3.0))
        );
        assert!(ds.observation(CityId(0), ItemId(1), Some(2017)).is_none());
        assert_eq!(
            ds.observation(CityId(0), ItemId(1), None).map(|o| o.year()),
            Some(Some(2020))
        );
        assert_eq!(ds.years_of(CityId(0)), vec![2018, 2019, 2020]);
        assert_eq!(ds.latest_year(CityId(0)), Some(2020));
    }

    #[test]
    fn numbers_display_without_trailing_zeros() {
        assert_eq!(format_number(44.8), "44.8");
        assert_eq!(format_number(101200.0), "101200");
        assert_eq!(format_number(-0.0), "0");
        assert_eq!(Value::NotReported.display(), "NR");
    }
}
