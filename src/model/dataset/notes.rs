//! The rare texts beside a value (unit, quality, source, note, printed band,
//! whether it was verified), kept beside the observations instead of in them.
//!
//! Why: most large files have none, yet a boxed note in every observation made
//! each one 48 bytes and gave it something to free: at 10,000 cities (11.2 M
//! observations) dropping a dataset looked at every one (0.05 s) and every pass
//! over them moved 8 bytes more each. An [`Observation`] is now 24 bytes and
//! `Copy`; its notes are found by its city, item and year, which name one
//! observation once duplicates are dropped (the notes' own origin tells a
//! dropped duplicate's notes from the kept one's).

use std::ops::Deref;
use std::sync::Arc;

use std::collections::HashMap;

use super::{Notes, Observation, Origin, PrintedBand};

/// An observation with its notes, as lookups and scored items hand it out.
#[derive(Debug, Clone, PartialEq)]
pub struct Noted {
    pub observation: Observation,
    pub notes: Option<Arc<Notes>>,
}

impl Deref for Noted {
    type Target = Observation;

    fn deref(&self) -> &Observation {
        &self.observation
    }
}

impl Noted {
    /// The unit written next to the value, if any.
    pub fn unit(&self) -> Option<&str> {
        self.notes.as_ref()?.unit.as_deref()
    }

    /// Whether the value was verified, when the file said.
    pub fn verified(&self) -> Option<bool> {
        self.notes.as_ref()?.verified
    }

    /// The data-quality class given, if any.
    pub fn quality(&self) -> Option<&crate::model::Quality> {
        self.notes.as_ref()?.quality.as_ref()
    }

    /// Where the value comes from, if given.
    pub fn source(&self) -> Option<&str> {
        self.notes.as_ref()?.source.as_deref()
    }

    /// A free note, if given.
    pub fn note(&self) -> Option<&str> {
        self.notes.as_ref()?.note.as_deref()
    }

    /// The performance to benchmark a U4SSC report printed, if given.
    pub fn printed_band(&self) -> Option<PrintedBand> {
        self.notes.as_ref()?.band
    }
}

/// The notes of a dataset's observations, by city, item and year, each with the
/// origin of the observation it belongs to. Written out sorted by key, so that
/// two equal tables always read alike.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NotesTable(HashMap<u128, (Origin, Arc<Notes>)>);

/// An observation's city, item and year, packed.
fn key(obs: &Observation) -> u128 {
    let year = obs.year().map_or(0, |y| i64::from(y) - i64::from(i32::MIN) + 1) as u64;
    (u128::from(obs.city.0) << 96) | (u128::from(obs.item().0) << 64) | u128::from(year)
}

impl NotesTable {
    /// Gives `obs` its notes; the first observation of a city, item and year
    /// keeps its own (a later duplicate's are not kept).
    pub(crate) fn add(&mut self, obs: &Observation, notes: Arc<Notes>) {
        self.0.entry(key(obs)).or_insert((obs.origin(), notes));
    }

    /// The notes of `obs`, if any.
    pub fn get(&self, obs: &Observation) -> Option<&Arc<Notes>> {
        if self.0.is_empty() {
            return None;
        }
        let (origin, notes) = self.0.get(&key(obs))?;
        (*origin == obs.origin()).then_some(notes)
    }

    /// Takes away the notes of `obs`, if any.
    pub(crate) fn remove(&mut self, obs: &Observation) {
        if self.get(obs).is_some() {
            self.0.remove(&key(obs));
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn sorted(&self) -> Vec<(u128, Origin, &Notes)> {
        let mut all: Vec<(u128, Origin, &Notes)> = self.0.iter().map(|(k, (o, n))| (*k, *o, &**n)).collect();
        all.sort_unstable_by_key(|e| e.0);
        all
    }
}

impl serde::Serialize for NotesTable {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.sorted())
    }
}

impl<'de> serde::Deserialize<'de> for NotesTable {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let all: Vec<(u128, Origin, Notes)> = serde::Deserialize::deserialize(deserializer)?;
        Ok(NotesTable(
            all.into_iter().map(|(k, o, n)| (k, (o, Arc::new(n)))).collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CityId, Dataset, ItemId, Value};

    fn obs(item: u32, year: i32, row: u32) -> Observation {
        Observation::new(
            CityId(0),
            Some(year),
            ItemId(item),
            Value::Number(f64::from(row)),
            Origin { table: 0, row },
        )
    }

    fn unit(text: &str) -> Arc<Notes> {
        Arc::new(Notes {
            unit: Some(Arc::from(text)),
            ..Notes::default()
        })
    }

    /// Notes stay with the value they were written beside: a dropped duplicate's
    /// notes never reach the kept value, the kept value keeps its own, and the
    /// table reads back as written.
    #[test]
    fn notes_belong_to_their_own_observation_through_duplicates() {
        let mut ds = Dataset::default();
        ds.intern_city("A");
        // Item 1: the kept value has no notes, its duplicate has some.
        // Item 2: both have notes; item 3: a single value with notes.
        let rows = [
            (obs(1, 2018, 2), None),
            (obs(2, 2019, 3), Some(unit("kept"))),
            (obs(3, 2020, 4), Some(unit("alone"))),
            (obs(1, 2018, 5), Some(unit("dropped"))),
            (obs(2, 2019, 6), Some(unit("other"))),
        ];
        for (o, notes) in &rows {
            ds.observations.push(*o);
            if let Some(notes) = notes {
                ds.notes.add(o, notes.clone());
            }
        }
        let duplicates = ds.reindex();
        assert_eq!(duplicates.len(), 2);
        let unit_of = |item: u32| {
            let o = ds.observation(CityId(0), ItemId(item), None).expect("kept");
            ds.noted(o).unit().map(str::to_string)
        };
        assert_eq!(unit_of(1), None, "the duplicate's notes are not the kept value's");
        assert_eq!(unit_of(2).as_deref(), Some("kept"));
        assert_eq!(unit_of(3).as_deref(), Some("alone"));
        assert_eq!(ds.notes.len(), 2, "the dropped value's notes are gone");
        let json = serde_json::to_string(&ds.notes).expect("written");
        let back: NotesTable = serde_json::from_str(&json).expect("read");
        assert_eq!(back, ds.notes);
        assert_eq!(serde_json::to_string(&back).expect("written again"), json);
    }
}
