//! What an item's band rests on (a cited target, the user's own, a derived
//! target, or the band U4SSC verification assigned), coverage per kind, and
//! the printed bands that disagree with a known target.

use rayon::prelude::*;

use crate::model::{Catalogue, Dataset, Observation, PrintedBand, Target, TargetKind, TargetSet};

use super::{Band, item_pct};

/// What a scored item's band rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    /// A target of the bundled set in force.
    CitedSet,
    /// The user's own target (a targets file, a dataset's targets table, an edit).
    OwnTargets,
    /// A target derived from the loaded cities (SDSN method).
    Derived,
    /// The band U4SSC verification assigned (a `band` column).
    U4sscBand,
}

impl Basis {
    pub const ALL: [Basis; 4] = [Basis::CitedSet, Basis::OwnTargets, Basis::Derived, Basis::U4sscBand];

    pub(crate) fn of(target: &Target) -> Basis {
        match target.kind {
            TargetKind::Cited => Basis::CitedSet,
            TargetKind::Own => Basis::OwnTargets,
            TargetKind::Derived => Basis::Derived,
        }
    }

    /// The `band_source` key of JSON and CSV output.
    pub fn band_source(self) -> &'static str {
        match self {
            Basis::CitedSet | Basis::OwnTargets => "target",
            Basis::Derived => "derived",
            Basis::U4sscBand => "u4ssc",
        }
    }

    /// A few words for coverage lines.
    pub fn label(self) -> &'static str {
        match self {
            Basis::CitedSet => "cited target set",
            Basis::OwnTargets => "own targets",
            Basis::Derived => "derived targets",
            Basis::U4sscBand => "U4SSC verification bands",
        }
    }

    /// What scored an item, after "by": "the cited target set", "own targets".
    fn by(self) -> &'static str {
        match self {
            Basis::CitedSet => "the cited target set",
            Basis::OwnTargets => "own targets",
            Basis::Derived => "derived targets",
            Basis::U4sscBand => "their U4SSC verification band",
        }
    }
}

/// How many of a profile's items are scored by each kind of target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Coverage {
    pub cited: u32,
    pub own: u32,
    pub derived: u32,
    pub u4ssc: u32,
}

impl Coverage {
    pub(crate) fn add(&mut self, basis: Basis) {
        *self.get_mut(basis) += 1;
    }

    fn get_mut(&mut self, basis: Basis) -> &mut u32 {
        match basis {
            Basis::CitedSet => &mut self.cited,
            Basis::OwnTargets => &mut self.own,
            Basis::Derived => &mut self.derived,
            Basis::U4sscBand => &mut self.u4ssc,
        }
    }

    /// The count for one kind.
    pub fn get(&self, basis: Basis) -> u32 {
        let mut copy = *self;
        *copy.get_mut(basis)
    }

    /// `30 cited target set · 4 U4SSC verification bands` (kinds with none left out).
    pub fn summary(&self) -> String {
        let parts: Vec<String> = Basis::ALL
            .iter()
            .filter(|b| self.get(**b) > 0)
            .map(|b| {
                let n = self.get(*b);
                let items = if n == 1 { "item" } else { "items" };
                format!("{n} {items} by {}", b.by())
            })
            .collect();
        if parts.is_empty() {
            "nothing scored".into()
        } else {
            parts.join(" · ")
        }
    }
}

/// A band U4SSC printed that differs from the band its known target gives.
#[derive(Debug, Clone, PartialEq)]
pub struct BandConflict<'a> {
    pub observation: &'a Observation,
    pub printed: Band,
    pub computed: Band,
    pub pct: f64,
    pub target: &'a Target,
}

/// Every observation whose printed U4SSC band differs from the band of its
/// target (cited or own; derived targets are not compared).
pub fn band_conflicts<'a>(
    catalogue: &Catalogue,
    dataset: &'a Dataset,
    targets: &'a TargetSet,
) -> Vec<BandConflict<'a>> {
    // Only observations with notes can have a printed band: a dataset without
    // any (most large files) is not gone through. Otherwise a pass over every
    // observation, split over the cores, in order.
    if dataset.notes.is_empty() {
        return Vec::new();
    }
    dataset
        .observations
        .par_iter()
        .filter_map(|obs| {
            let Some(PrintedBand::Points(points)) = dataset.notes.get(obs)?.band else {
                return None;
            };
            let city = dataset.cities.get(obs.city.index()).map_or("", |c| c.name.as_str());
            let target = targets.get(obs.item(), city)?;
            let direction = catalogue.items[obs.item().index()].direction;
            let Ok(Some(pct)) = item_pct(obs.value(), target, direction) else {
                return None;
            };
            let (printed, computed) = (Band::from_points(points), Band::from_pct(pct));
            (printed != computed).then_some(BandConflict {
                observation: obs,
                printed,
                computed,
                pct,
                target,
            })
        })
        .collect()
}
