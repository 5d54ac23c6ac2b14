//! What the index needs of each city's profile, gathered once: the tree, and per
//! city and item the band points, % of target, value, target and direction.

use crate::model::{Catalogue, CityId, Dataset, Direction, TargetValue, Value};
use crate::score::Profile;

/// The U4SSC tree as parent indices.
#[derive(Debug, Clone)]
pub(crate) struct Tree {
    /// Per item: its category.
    pub item_category: Vec<usize>,
    /// Per item: its KPI (weights are given per KPI).
    pub item_kpi: Vec<usize>,
    pub category_sub: Vec<usize>,
    pub sub_dimension: Vec<usize>,
    pub dimensions: usize,
}

impl Tree {
    pub(crate) fn of(catalogue: &Catalogue) -> Tree {
        let items = &catalogue.items;
        Tree {
            item_category: items.iter().map(|i| catalogue.kpis[i.kpi.0].category.0).collect(),
            item_kpi: items.iter().map(|i| i.kpi.0).collect(),
            category_sub: catalogue.categories.iter().map(|c| c.subdimension.0).collect(),
            sub_dimension: catalogue.subdimensions.iter().map(|s| s.dimension.0).collect(),
            dimensions: catalogue.dimensions.len(),
        }
    }

    pub(crate) fn categories(&self) -> usize {
        self.category_sub.len()
    }

    pub(crate) fn subdimensions(&self) -> usize {
        self.sub_dimension.len()
    }
}

/// One city's item, as the normalisations see it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Cell {
    /// U4SSC band points 1-4 when scored.
    pub points: Option<u8>,
    /// % of target (0-100) when known.
    pub pct: Option<f64>,
    /// The value as a number (yes = 1, no = 0); `None` when not reported.
    pub value: Option<f64>,
    /// The numeric target (or 1/0 for a yes/no target).
    pub target: Option<f64>,
    pub direction: Option<Direction>,
    pub flag: bool,
}

/// The cities of an index and their items.
#[derive(Debug, Clone)]
pub struct IndexInput {
    pub cities: Vec<CityId>,
    pub names: Vec<String>,
    pub(crate) tree: Tree,
    pub(crate) items: usize,
    /// `cities × items`, city-major.
    pub(crate) cells: Vec<Cell>,
    /// Names for output: dimensions, sub-dimensions.
    pub dimension_names: Vec<String>,
    pub subdimension_names: Vec<String>,
}

impl IndexInput {
    /// Gathers the profiles (one per city, any order; their years as scored).
    pub fn new(catalogue: &Catalogue, dataset: &Dataset, profiles: &[Profile]) -> IndexInput {
        let items = catalogue.items.len();
        let mut cells = Vec::with_capacity(profiles.len() * items);
        for profile in profiles {
            for score in &profile.items {
                cells.push(cell(catalogue, score));
            }
        }
        IndexInput {
            cities: profiles.iter().map(|p| p.city).collect(),
            names: profiles
                .iter()
                .map(|p| {
                    dataset
                        .cities
                        .get(p.city.index())
                        .map_or_else(String::new, |c| c.name.clone())
                })
                .collect(),
            tree: Tree::of(catalogue),
            items,
            cells,
            dimension_names: catalogue.dimensions.iter().map(|d| d.name.clone()).collect(),
            subdimension_names: catalogue.subdimensions.iter().map(|s| s.name.clone()).collect(),
        }
    }

    /// How many cities.
    pub fn len(&self) -> usize {
        self.cities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cities.is_empty()
    }

    pub(crate) fn cell(&self, city: usize, item: usize) -> &Cell {
        &self.cells[city * self.items + item]
    }
}

fn cell(catalogue: &Catalogue, score: &crate::score::ItemScore) -> Cell {
    let target = score.target.as_ref();
    let direction = target
        .and_then(|t| t.direction)
        .unwrap_or(catalogue.items[score.item.index()].direction);
    let (value, flag) = match score.value() {
        Value::Number(v) if v.is_finite() => (Some(v), false),
        Value::Flag(b) => (Some(f64::from(u8::from(b))), true),
        _ => (None, false),
    };
    Cell {
        points: score.band().map(|b| b.points() as u8),
        pct: score.pct(),
        value,
        target: target.map(|t| match t.value {
            TargetValue::Number(n) => n,
            TargetValue::Flag(b) => f64::from(u8::from(b)),
        }),
        direction: (direction != Direction::None || flag).then_some(direction),
        flag,
    }
}

/// The cities of an index: a peer group's members, all real or all fictional
/// (a ranking never puts invented values beside published ones). `fictional`
/// picks the kind; `None` = real when the group has any. Returns the members and
/// how many of the other kind were left out.
pub fn members(dataset: &Dataset, group: &crate::score::PeerGroup, fictional: Option<bool>) -> (Vec<CityId>, usize) {
    let all = group.members(dataset);
    let is_fictional = |c: &CityId| dataset.cities.get(c.index()).is_some_and(|c| c.fictional);
    let kind = fictional.unwrap_or_else(|| all.iter().all(is_fictional));
    let (keep, other): (Vec<CityId>, Vec<CityId>) = all.into_iter().partition(|c| is_fictional(c) == kind);
    (keep, other.len())
}
