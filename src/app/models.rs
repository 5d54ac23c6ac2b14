//! View models: what the views derive from the data (profiles, years, the city
//! list, trends, medians, heatmap rows), computed once and kept under the keys
//! they depend on (workspace generation, city, year, peer group...). A frame
//! with nothing changed finds every key equal and computes nothing; the work
//! counter lets tests and benchmarks check that.

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use super::jobs::{Job, JobState, Repaint};
use super::panels::sidebar::{CityRow, city_rows};
use crate::model::CityId;
use crate::score::{Lookup, Overrides, Profile, score_lookup};
use crate::workspace::Workspace;

/// Counts view-model computations (cache misses).
#[derive(Debug, Default)]
pub struct WorkCounter(Cell<u64>);

impl WorkCounter {
    pub fn get(&self) -> u64 {
        self.0.get()
    }

    fn add(&self) {
        self.0.set(self.0.get() + 1);
    }
}

/// One cached value and the key it was computed for.
pub(crate) struct Memo<K, V>(RefCell<Option<(K, Arc<V>)>>);

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo(RefCell::new(None))
    }
}

impl<K: PartialEq, V> Memo<K, V> {
    /// The value for `key`, computed only when the key changed.
    pub(crate) fn get(&self, key: K, work: &WorkCounter, compute: impl FnOnce() -> V) -> Arc<V> {
        if let Some((k, v)) = &*self.0.borrow()
            && *k == key
        {
            return v.clone();
        }
        work.add();
        let value = Arc::new(compute());
        *self.0.borrow_mut() = Some((key, value.clone()));
        value
    }

    /// The value kept, whatever its key.
    pub(crate) fn last(&self) -> Option<Arc<V>> {
        self.0.borrow().as_ref().map(|(_, v)| v.clone())
    }

    /// Stores a value computed elsewhere (e.g. by the load job, off the UI thread).
    pub(crate) fn put(&self, key: K, value: V) {
        *self.0.borrow_mut() = Some((key, Arc::new(value)));
    }
}

/// A value too slow for a frame (a peer group of thousands of cities): computed
/// by a background job; `None` until it is ready.
pub(crate) struct BackgroundMemo<K, V> {
    key: Option<K>,
    value: Option<Arc<V>>,
    job: Option<Job<V>>,
    pub(crate) error: Option<String>,
}

impl<K, V> Default for BackgroundMemo<K, V> {
    fn default() -> Self {
        BackgroundMemo {
            key: None,
            value: None,
            job: None,
            error: None,
        }
    }
}

impl<K: PartialEq, V: Send + 'static> BackgroundMemo<K, V> {
    /// The value for `key` if it is ready; starts (or keeps waiting for) the job otherwise.
    pub(crate) fn get(
        &mut self,
        key: K,
        work: &WorkCounter,
        repaint: &Repaint,
        compute: impl FnOnce() -> V + Send + 'static,
    ) -> Option<Arc<V>> {
        if self.key.as_ref() != Some(&key) {
            work.add();
            self.key = Some(key);
            self.value = None;
            self.error = None;
            self.job = Some(Job::spawn("peer-group median", repaint.clone(), move |_| compute()));
        }
        if let Some(job) = &mut self.job {
            match job.poll() {
                JobState::Running => {}
                JobState::Done(value) => {
                    self.value = Some(Arc::new(value));
                    self.job = None;
                }
                JobState::Failed(reason) => {
                    self.error = Some(reason);
                    self.job = None;
                }
            }
        }
        self.value.clone()
    }

    /// True while the job runs.
    pub(crate) fn pending(&self) -> bool {
        self.job.is_some()
    }

    /// The value kept, if ready.
    pub(crate) fn value(&self) -> Option<&Arc<V>> {
        self.value.as_ref()
    }

    /// The key of the value kept or being computed.
    pub(crate) fn key(&self) -> Option<&K> {
        self.key.as_ref()
    }
}

/// The view models every view shares.
#[derive(Default)]
pub struct ViewModels {
    pub work: WorkCounter,
    profile: Memo<(u64, CityId, Option<i32>), Profile>,
    lookup: Memo<(u64, CityId, Option<i32>), Lookup>,
    whatif: Memo<(u64, CityId, Option<i32>, Overrides), Profile>,
    years: Memo<(u64, CityId), Vec<i32>>,
    city_rows: Memo<u64, Vec<CityRow>>,
}

impl ViewModels {
    /// The city's profile for a year (`None`: its latest).
    pub(crate) fn profile(&self, ws: &Workspace, city: CityId, year: Option<i32>) -> Arc<Profile> {
        self.profile
            .get((ws.revision, city, year), &self.work, || ws.profile(city, year))
    }

    /// The city's profile with hypothetical values: scored again over values
    /// looked up once, so that dragging a value re-scores in microseconds.
    pub(crate) fn whatif_profile(
        &self,
        ws: &Workspace,
        city: CityId,
        year: Option<i32>,
        values: &Overrides,
    ) -> Arc<Profile> {
        if values.is_empty() {
            return self.profile(ws, city, year);
        }
        let key = (ws.revision, city, year, values.clone());
        self.whatif.get(key, &self.work, || {
            let lookup = self
                .lookup
                .get((ws.revision, city, year), &self.work, || ws.lookup(city, year));
            score_lookup(&ws.catalogue, &lookup, values)
        })
    }

    /// The sidebar's city rows (name, facts, coverage), in list order.
    pub(crate) fn city_rows(&self, ws: &Workspace) -> Arc<Vec<CityRow>> {
        self.city_rows.get(ws.generation, &self.work, || city_rows(ws))
    }

    /// Keeps city rows the load job built off the UI thread.
    pub(crate) fn seed_city_rows(&self, ws: &Workspace, rows: Vec<CityRow>) {
        self.city_rows.put(ws.generation, rows);
    }

    /// The city's years with data, ascending.
    pub(crate) fn years(&self, ws: &Workspace, city: CityId) -> Arc<Vec<i32>> {
        self.years
            .get((ws.generation, city), &self.work, || ws.dataset.years_of(city))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_memo_computes_once_per_key() {
        let (memo, work) = (Memo::default(), WorkCounter::default());
        assert_eq!(*memo.get(1, &work, || "one"), "one");
        assert_eq!(*memo.get(1, &work, || "again"), "one");
        assert_eq!(work.get(), 1);
        assert_eq!(*memo.get(2, &work, || "two"), "two");
        assert_eq!(work.get(), 2);
    }

    #[test]
    fn a_background_memo_delivers_its_value_later() {
        let (mut memo, work) = (BackgroundMemo::default(), WorkCounter::default());
        let repaint: Repaint = Arc::new(|| {});
        let mut value = None;
        for _ in 0..2000 {
            value = memo.get(7, &work, &repaint, || 49);
            if value.is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        assert_eq!(value.as_deref(), Some(&49));
        assert_eq!(work.get(), 1, "one computation for one key");
        assert!(!memo.pending());
    }
}
