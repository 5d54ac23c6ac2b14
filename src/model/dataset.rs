//! Cities and their observed KPI values.

use std::sync::Arc;

use super::RowRef;
use super::catalogue::ItemId;

/// Index of a city in [`Dataset::cities`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct CityId(pub usize);

/// A reported value. Not reported is its own state and never counts as 0.
#[derive(Debug, Clone, Copy, PartialEq)]
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

/// Formats a number with at most 4 decimals, trailing zeros removed.
pub fn format_number(v: f64) -> String {
    let text = format!("{v:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".into() } else { text.to_string() }
}

/// A city and what is known about it.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct City {
    pub name: String,
    pub country: Option<String>,
    pub population: Option<u64>,
    pub area_km2: Option<f64>,
    pub region: Option<String>,
    /// Plainly invented demonstration data.
    pub fictional: bool,
    /// Where the population and other facts come from.
    pub source: Option<String>,
}

/// One value of one item for one city and year.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    pub city: CityId,
    /// `None` when the file gave no year (a single snapshot).
    pub year: Option<i32>,
    pub item: ItemId,
    pub value: Value,
    pub unit: Option<Arc<str>>,
    pub quality: Option<Arc<str>>,
    pub verified: Option<bool>,
    pub source: Option<Arc<str>>,
    pub note: Option<Arc<str>>,
    pub origin: RowRef,
}

/// Every city and observation loaded from one or more files.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub cities: Vec<City>,
    pub observations: Vec<Observation>,
    /// Per city: indices into `observations`, sorted by item then year.
    by_city: Vec<Vec<usize>>,
}

impl Dataset {
    /// Finds a city by name, ignoring case and surrounding spaces.
    pub fn city_by_name(&self, name: &str) -> Option<CityId> {
        let wanted = name.trim().to_lowercase();
        self.cities
            .iter()
            .position(|c| c.name.to_lowercase() == wanted)
            .map(CityId)
    }

    /// Adds a city, or returns the one with the same name.
    pub fn intern_city(&mut self, name: &str) -> CityId {
        if let Some(id) = self.city_by_name(name) {
            return id;
        }
        self.cities.push(City {
            name: name.trim().to_string(),
            ..City::default()
        });
        CityId(self.cities.len() - 1)
    }

    /// Rebuilds the per-city index; call after adding observations.
    pub fn reindex(&mut self) {
        let mut by_city = vec![Vec::new(); self.cities.len()];
        for (i, obs) in self.observations.iter().enumerate() {
            by_city[obs.city.0].push(i);
        }
        for list in &mut by_city {
            list.sort_by_key(|&i| (self.observations[i].item, self.observations[i].year));
        }
        self.by_city = by_city;
    }

    /// The city's observations, sorted by item then year.
    pub fn observations_of(&self, city: CityId) -> impl Iterator<Item = &Observation> {
        self.by_city
            .get(city.0)
            .into_iter()
            .flatten()
            .map(|&i| &self.observations[i])
    }

    /// Years with at least one observation for the city, ascending.
    pub fn years_of(&self, city: CityId) -> Vec<i32> {
        let mut years: Vec<i32> = self.observations_of(city).filter_map(|o| o.year).collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// The value in force in `year`: the latest observation of the item in or before
    /// that year (each KPI keeps its own data year, as in U4SSC reports). With
    /// `year = None`, the latest observation of all.
    pub fn observation(&self, city: CityId, item: ItemId, year: Option<i32>) -> Option<&Observation> {
        let list = self.by_city.get(city.0)?;
        let start = list.partition_point(|&i| self.observations[i].item < item);
        let end = list.partition_point(|&i| self.observations[i].item <= item);
        list[start..end]
            .iter()
            .map(|&i| &self.observations[i])
            .rev()
            .find(|o| match (year, o.year) {
                (None, _) | (_, None) => true,
                (Some(wanted), Some(y)) => y <= wanted,
            })
    }

    /// The history of one item for a city, oldest first.
    pub fn series(&self, city: CityId, item: ItemId) -> Vec<&Observation> {
        self.observations_of(city).filter(|o| o.item == item).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(city: usize, item: usize, year: i32, v: f64) -> Observation {
        Observation {
            city: CityId(city),
            year: Some(year),
            item: ItemId(item),
            value: Value::Number(v),
            unit: None,
            quality: None,
            verified: None,
            source: None,
            note: None,
            origin: RowRef {
                file: "t.csv".into(),
                sheet: None,
                row: 2,
            },
        }
    }

    #[test]
    fn observation_takes_latest_value_up_to_the_year() {
        let mut ds = Dataset::default();
        ds.intern_city("A");
        ds.observations = vec![obs(0, 1, 2020, 3.0), obs(0, 1, 2018, 1.0), obs(0, 2, 2019, 7.0)];
        ds.reindex();
        assert_eq!(
            ds.observation(CityId(0), ItemId(1), Some(2019)).map(|o| o.value),
            Some(Value::Number(1.0))
        );
        assert_eq!(
            ds.observation(CityId(0), ItemId(1), Some(2021)).map(|o| o.value),
            Some(Value::Number(3.0))
        );
        assert!(ds.observation(CityId(0), ItemId(1), Some(2017)).is_none());
        assert_eq!(
            ds.observation(CityId(0), ItemId(1), None).map(|o| o.year),
            Some(Some(2020))
        );
        assert_eq!(ds.years_of(CityId(0)), vec![2018, 2019, 2020]);
    }

    #[test]
    fn numbers_display_without_trailing_zeros() {
        assert_eq!(format_number(44.8), "44.8");
        assert_eq!(format_number(101200.0), "101200");
        assert_eq!(format_number(-0.0), "0");
        assert_eq!(Value::NotReported.display(), "NR");
    }
}
