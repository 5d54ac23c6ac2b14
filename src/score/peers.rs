//! Peer groups, to compare like with like (Pully's request): cities of the same
//! population band, country or region, or a hand-picked set; the group's median
//! % of target per item, and a city's rank within its group.

use crate::model::{City, CityId, Dataset};

use super::Profile;

/// Population bands (inhabitants).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum PopulationBand {
    Under50k,
    From50kTo250k,
    From250kTo1M,
    Over1M,
}

impl PopulationBand {
    pub const ALL: [PopulationBand; 4] = [
        PopulationBand::Under50k,
        PopulationBand::From50kTo250k,
        PopulationBand::From250kTo1M,
        PopulationBand::Over1M,
    ];

    pub fn label(self) -> &'static str {
        match self {
            PopulationBand::Under50k => "under 50 000",
            PopulationBand::From50kTo250k => "50 000 to 250 000",
            PopulationBand::From250kTo1M => "250 000 to 1 million",
            PopulationBand::Over1M => "over 1 million",
        }
    }
}

/// The band of a population; a band includes its lower bound.
pub(crate) fn population_band(population: u64) -> PopulationBand {
    match population {
        0..50_000 => PopulationBand::Under50k,
        50_000..250_000 => PopulationBand::From50kTo250k,
        250_000..1_000_000 => PopulationBand::From250kTo1M,
        _ => PopulationBand::Over1M,
    }
}

/// A set of cities to compare with.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum PeerGroup {
    Population(PopulationBand),
    Country(String),
    Region(String),
    Picked(Vec<CityId>),
    All,
}

impl PeerGroup {
    /// Whether a city belongs to the group (a city with an unknown population is in no population band).
    pub fn contains(&self, id: CityId, city: &City) -> bool {
        let same = |a: &Option<String>, b: &str| a.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(b));
        match self {
            PeerGroup::Population(band) => city.population.is_some_and(|p| population_band(p) == *band),
            PeerGroup::Country(c) => same(&city.country, c),
            PeerGroup::Region(r) => same(&city.region, r),
            PeerGroup::Picked(ids) => ids.contains(&id),
            PeerGroup::All => true,
        }
    }

    /// The group's cities, in dataset order.
    pub(crate) fn members(&self, dataset: &Dataset) -> Vec<CityId> {
        dataset
            .cities
            .iter()
            .enumerate()
            .filter(|(i, c)| self.contains(CityId::new(*i), c))
            .map(|(i, _)| CityId::new(i))
            .collect()
    }

    /// The group's cities of the same kind as `city`, real or fictional (a
    /// comparison never puts invented values beside published ones), in dataset order.
    pub(crate) fn members_like(&self, dataset: &Dataset, city: CityId) -> Vec<CityId> {
        let fictional = |c: CityId| dataset.cities.get(c.index()).is_some_and(|c| c.fictional);
        let kind = fictional(city);
        let mut members = self.members(dataset);
        members.retain(|&m| fictional(m) == kind);
        members
    }

    /// A short description: `population 50 000 to 250 000`, `Norway`.
    pub fn label(&self) -> String {
        match self {
            PeerGroup::Population(band) => format!("population {}", band.label()),
            PeerGroup::Country(c) => c.clone(),
            PeerGroup::Region(r) => r.clone(),
            PeerGroup::Picked(ids) => format!("{} picked cities", ids.len()),
            PeerGroup::All => "all cities".into(),
        }
    }
}

/// Which peer group of a city to compare it with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum PeerChoice {
    PopulationBand,
    Country,
    Region,
    All,
}

impl PeerChoice {
    pub const ALL: [PeerChoice; 4] = [
        PeerChoice::PopulationBand,
        PeerChoice::Country,
        PeerChoice::Region,
        PeerChoice::All,
    ];

    /// The group of `city` this choice means (`None` when the city lacks the fact).
    pub fn group(self, city: &City) -> Option<PeerGroup> {
        match self {
            PeerChoice::PopulationBand => city.population.map(|p| PeerGroup::Population(population_band(p))),
            PeerChoice::Country => city.country.clone().map(PeerGroup::Country),
            PeerChoice::Region => city.region.clone().map(PeerGroup::Region),
            PeerChoice::All => Some(PeerGroup::All),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PeerChoice::PopulationBand => "Same population band",
            PeerChoice::Country => "Same country",
            PeerChoice::Region => "Same region",
            PeerChoice::All => "All cities",
        }
    }
}

/// The median of some values (`None` when there are none).
pub fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    })
}

/// The group's median % of target for every item (over the members that have a score).
pub fn group_median(profiles: &[Profile]) -> Vec<Option<f64>> {
    let items = profiles.first().map_or(0, |p| p.items.len());
    (0..items)
        .map(|i| median(profiles.iter().filter_map(|p| p.items[i].pct()).collect()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn population_bands_include_their_lower_bound() {
        assert_eq!(population_band(49_999), PopulationBand::Under50k);
        assert_eq!(population_band(50_000), PopulationBand::From50kTo250k);
        assert_eq!(population_band(250_000), PopulationBand::From250kTo1M);
        assert_eq!(population_band(1_000_000), PopulationBand::Over1M);
    }

    #[test]
    fn medians() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(vec![]), None);
    }

    /// A real city's peer group never brings in fictional cities (whose
    /// invented values would rank against it), nor a fictional city's real ones.
    #[test]
    fn a_peer_group_keeps_to_one_kind_of_city() {
        let city = |name: &str, fictional: bool| City {
            name: name.into(),
            population: Some(100_000),
            fictional,
            ..City::default()
        };
        let mut dataset = Dataset::default();
        dataset.cities = vec![city("Real A", false), city("Invented", true), city("Real B", false)];
        let group = PeerGroup::Population(PopulationBand::From50kTo250k);
        assert_eq!(group.members(&dataset).len(), 3);
        assert_eq!(
            group.members_like(&dataset, CityId::new(0)),
            vec![CityId::new(0), CityId::new(2)]
        );
        assert_eq!(group.members_like(&dataset, CityId::new(1)), vec![CityId::new(1)]);
    }
}
