//! The typed domain: the KPI catalogue, cities, observations and targets.
//!
//! Nothing here knows about files, polars or egui; `import` fills these types
//! and `score` reads them.

mod catalogue;
mod city;
mod dataset;
mod format;
mod lcg;
mod lookup;
mod printed_band;
mod quality;
mod target;

pub(crate) use catalogue::Implausible;
pub use catalogue::{Catalogue, Category, Dimension, DimensionId, Item, ItemId, SubDimension};
pub use catalogue::{
    CatalogueError, CategoryId, DataPointSpec, Direction, Kpi, KpiId, KpiSpec, SubDimensionId, UnitKind,
};
pub use city::{City, group_thousands};
pub use dataset::{CityId, Notes, PrintedBand, Value};
pub use dataset::{Dataset, Duplicate, Noted, NotesTable, Observation, Origin, TableName};
pub use format::{counted, format_date, format_number};
pub(crate) use lcg::Lcg;
pub use lookup::{KpiMatch, norm_key};
pub use quality::Quality;
pub(crate) use target::TargetRule;
pub use target::{Target, TargetKind, TargetSet, TargetSetName, TargetValue};

/// Where a piece of data came from: file, optional sheet, and spreadsheet-style row
/// (1 = header row, 2 = first data row).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct RowRef {
    pub file: std::sync::Arc<str>,
    pub sheet: Option<std::sync::Arc<str>>,
    pub row: usize,
}

impl std::fmt::Display for RowRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.sheet {
            Some(sheet) => write!(f, "{} [{}] row {}", self.file, sheet, self.row),
            None => write!(f, "{} row {}", self.file, self.row),
        }
    }
}

/// The message of a caught panic (`catch_unwind`'s payload), for error reports.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an internal error".to_string())
}
