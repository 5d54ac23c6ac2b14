//! The KPI catalogue: dimensions, sub-dimensions, categories, KPIs and the scored
//! items (a KPI, or one data point of a KPI reported per data point).

use std::collections::HashMap;

use super::lookup::{KeyIndex, norm_key};

mod kinds;

pub(crate) use kinds::Implausible;
pub use kinds::{Direction, UnitKind};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub struct $name(pub usize);
    };
}
id_type!(/// Index of a dimension in [`Catalogue::dimensions`].
    DimensionId);
id_type!(/// Index of a sub-dimension in [`Catalogue::subdimensions`].
    SubDimensionId);
id_type!(/// Index of a category in [`Catalogue::categories`].
    CategoryId);
id_type!(/// Index of a KPI in [`Catalogue::kpis`].
    KpiId);
/// Index of a scored item in [`Catalogue::items`]. An observation keeps it in
/// 14 bits (see [`crate::model::Observation`]): a catalogue holds at most
/// [`ItemId::LIMIT`] items (U4SSC's has 112; ISO 37120 about 130).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct ItemId(pub u32);

impl ItemId {
    /// How many items a catalogue may hold.
    pub const LIMIT: usize = 1 << 14;

    /// The id of the item at `index` (a catalogue has a few hundred items).
    pub fn new(index: usize) -> ItemId {
        ItemId(u32::try_from(index).unwrap_or(u32::MAX))
    }

    /// The position in [`Catalogue::items`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A top-level dimension (Economy, Environment, Society and Culture).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Dimension {
    pub name: String,
    pub code: Option<String>,
    pub subdimensions: Vec<SubDimensionId>,
}

/// A sub-dimension such as ICT or Energy.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SubDimension {
    pub name: String,
    pub code: Option<String>,
    pub dimension: DimensionId,
    pub categories: Vec<CategoryId>,
}

/// A category, identified by its sub-dimension plus its name (names repeat).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Category {
    pub name: String,
    /// The category part of its KPI codes (`WS` in `EC: I: WS: 1C`), the most common one.
    pub code: Option<String>,
    pub subdimension: SubDimensionId,
    pub kpis: Vec<KpiId>,
}

/// One key performance indicator.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Kpi {
    pub code: String,
    pub name: String,
    pub category: CategoryId,
    pub core: bool,
    pub unit: String,
    pub unit_kind: UnitKind,
    pub direction: Direction,
    pub sdgs: String,
    pub source: String,
    /// Scored items: one per data point, or a single item for a plain KPI.
    pub items: Vec<ItemId>,
}

/// A scored item: a KPI or one of its data points.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Item {
    pub kpi: KpiId,
    pub data_point: Option<String>,
    pub direction: Direction,
    pub unit: String,
    pub unit_kind: UnitKind,
}

/// A data point as written in a catalogue file.
#[derive(Debug, Clone, PartialEq)]
pub struct DataPointSpec {
    pub name: String,
    pub direction: Option<Direction>,
    pub unit: Option<String>,
}

/// One catalogue row before it is linked into the hierarchy.
#[derive(Debug, Clone)]
pub struct KpiSpec {
    pub code: String,
    pub name: String,
    pub dimension: String,
    pub subdimension: String,
    pub category: String,
    pub core: bool,
    pub unit: String,
    pub direction: Direction,
    pub sdgs: String,
    pub source: String,
    pub data_points: Vec<DataPointSpec>,
}

/// Why a catalogue could not be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CatalogueError {
    #[error("KPI code '{code}' appears twice (ignoring spaces and case)")]
    DuplicateCode { code: String },
    #[error("KPI '{code}' lists data point '{data_point}' twice")]
    DuplicateDataPoint { code: String, data_point: String },
    #[error("the catalogue has no KPIs")]
    Empty,
    #[error("the catalogue has more than {} KPIs and data points", ItemId::LIMIT)]
    TooManyItems,
}

/// The whole KPI framework (U4SSC by default).
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub name: String,
    pub dimensions: Vec<Dimension>,
    pub subdimensions: Vec<SubDimension>,
    pub categories: Vec<Category>,
    pub kpis: Vec<Kpi>,
    pub items: Vec<Item>,
    pub(super) index: KeyIndex,
}

impl Catalogue {
    /// What makes an item's value implausible in its unit (see [`UnitKind::implausible`]).
    pub(crate) fn implausible(&self, item: ItemId, value: super::Value) -> Option<Implausible> {
        match value {
            super::Value::Number(v) => self.items.get(item.index())?.unit_kind.implausible(v),
            _ => None,
        }
    }

    /// Links catalogue rows into the dimension → sub-dimension → category → KPI → item tree.
    /// Order follows first appearance in `specs`.
    pub fn build(name: &str, specs: Vec<KpiSpec>) -> Result<Catalogue, CatalogueError> {
        if specs.is_empty() {
            return Err(CatalogueError::Empty);
        }
        let mut cat = Catalogue {
            name: name.to_string(),
            dimensions: Vec::new(),
            subdimensions: Vec::new(),
            categories: Vec::new(),
            kpis: Vec::new(),
            items: Vec::new(),
            index: KeyIndex::default(),
        };
        let mut dims: HashMap<String, DimensionId> = HashMap::new();
        let mut subs: HashMap<(DimensionId, String), SubDimensionId> = HashMap::new();
        let mut cats: HashMap<(SubDimensionId, String), CategoryId> = HashMap::new();
        for spec in specs {
            let segments: Vec<&str> = spec.code.split(':').map(str::trim).collect();
            let code_part = |i: usize| (segments.len() == 4).then(|| segments[i].to_string());
            let dim = *dims.entry(norm_key(&spec.dimension)).or_insert_with(|| {
                cat.dimensions.push(Dimension {
                    name: spec.dimension.clone(),
                    code: code_part(0),
                    subdimensions: vec![],
                });
                DimensionId(cat.dimensions.len() - 1)
            });
            let sub = *subs.entry((dim, norm_key(&spec.subdimension))).or_insert_with(|| {
                cat.subdimensions.push(SubDimension {
                    name: spec.subdimension.clone(),
                    code: code_part(1),
                    dimension: dim,
                    categories: vec![],
                });
                cat.dimensions[dim.0]
                    .subdimensions
                    .push(SubDimensionId(cat.subdimensions.len() - 1));
                SubDimensionId(cat.subdimensions.len() - 1)
            });
            let category = *cats.entry((sub, norm_key(&spec.category))).or_insert_with(|| {
                cat.categories.push(Category {
                    name: spec.category.clone(),
                    code: None,
                    subdimension: sub,
                    kpis: vec![],
                });
                cat.subdimensions[sub.0]
                    .categories
                    .push(CategoryId(cat.categories.len() - 1));
                CategoryId(cat.categories.len() - 1)
            });
            cat.add_kpi(spec, category)?;
        }
        cat.set_category_codes();
        Ok(cat)
    }

    /// Each category's code is the most common third code segment of its KPIs (Health
    /// holds `SC: EH: ED: 5A`, yet its code is `H`).
    fn set_category_codes(&mut self) {
        for category in &mut self.categories {
            let mut counts: Vec<(String, usize)> = Vec::new();
            for kpi in &category.kpis {
                let segments: Vec<&str> = self.kpis[kpi.0].code.split(':').map(str::trim).collect();
                if let [_, _, code, _] = segments.as_slice() {
                    match counts.iter_mut().find(|(c, _)| c == code) {
                        Some(entry) => entry.1 += 1,
                        None => counts.push((code.to_string(), 1)),
                    }
                }
            }
            category.code = counts.into_iter().max_by_key(|(_, n)| *n).map(|(c, _)| c);
        }
    }

    fn add_kpi(&mut self, spec: KpiSpec, category: CategoryId) -> Result<(), CatalogueError> {
        let kpi_id = KpiId(self.kpis.len());
        if !self.index.insert_kpi(&spec.code, &spec.name, kpi_id) {
            return Err(CatalogueError::DuplicateCode { code: spec.code });
        }
        let unit_kind = UnitKind::classify(&spec.unit);
        let mut items = Vec::new();
        if spec.data_points.is_empty() {
            items.push(self.push_item(Item {
                kpi: kpi_id,
                data_point: None,
                direction: spec.direction,
                unit: spec.unit.clone(),
                unit_kind,
            })?);
        }
        for dp in &spec.data_points {
            let unit = dp.unit.clone().unwrap_or_else(|| spec.unit.clone());
            let item = Item {
                kpi: kpi_id,
                data_point: Some(dp.name.clone()),
                direction: dp.direction.unwrap_or(spec.direction),
                unit_kind: UnitKind::classify(&unit),
                unit,
            };
            let id = self.push_item(item)?;
            if !self.index.insert_data_point(kpi_id, &dp.name, id) {
                return Err(CatalogueError::DuplicateDataPoint {
                    code: spec.code,
                    data_point: dp.name.clone(),
                });
            }
            items.push(id);
        }
        self.categories[category.0].kpis.push(kpi_id);
        self.kpis.push(Kpi {
            code: spec.code,
            name: spec.name,
            category,
            core: spec.core,
            unit_kind,
            unit: spec.unit,
            direction: spec.direction,
            sdgs: spec.sdgs,
            source: spec.source,
            items,
        });
        Ok(())
    }

    fn push_item(&mut self, item: Item) -> Result<ItemId, CatalogueError> {
        if self.items.len() >= ItemId::LIMIT {
            return Err(CatalogueError::TooManyItems);
        }
        self.items.push(item);
        Ok(ItemId::new(self.items.len() - 1))
    }

    /// The item's KPI.
    pub(crate) fn kpi_of(&self, item: ItemId) -> &Kpi {
        &self.kpis[self.items[item.index()].kpi.0]
    }

    /// A readable label: `Air Pollution: PM2.5` or the KPI name.
    pub fn item_label(&self, item: ItemId) -> String {
        let kpi = self.kpi_of(item);
        match &self.items[item.index()].data_point {
            Some(dp) => format!("{}: {}", kpi.name, dp),
            None => kpi.name.clone(),
        }
    }

    /// Items in wheel order: dimension, sub-dimension, category, KPI, data point.
    pub fn items_in_order(&self) -> Vec<ItemId> {
        let mut out = Vec::with_capacity(self.items.len());
        for dim in &self.dimensions {
            for sub in &dim.subdimensions {
                for cat in &self.subdimensions[sub.0].categories {
                    for kpi in &self.categories[cat.0].kpis {
                        out.extend(self.kpis[kpi.0].items.iter().copied());
                    }
                }
            }
        }
        out
    }

    /// The category, sub-dimension and dimension an item belongs to.
    pub fn parents_of(&self, item: ItemId) -> (CategoryId, SubDimensionId, DimensionId) {
        let category = self.kpi_of(item).category;
        let sub = self.categories[category.0].subdimension;
        (category, sub, self.subdimensions[sub.0].dimension)
    }
}
