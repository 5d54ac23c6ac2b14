//! What the Index view computes, and when: the members' input (a background job:
//! it scores every member), the nominal index (at once, on every change), and the
//! uncertainty analysis (a background job with progress and cancel, started once
//! the choices have rested for a moment, so dragging a slider does not start
//! hundreds of runs).

use std::sync::Arc;
use std::sync::atomic::Ordering;

use super::Choices;
use crate::app::context::{Shown, ViewContext};
use crate::app::jobs::{Job, JobState};
use crate::score::PeerGroup;
use crate::score::index::{
    IndexInput, IndexResult, IndexSettings, Progress, UncertaintyResult, UncertaintySettings, members, nominal,
    uncertainty,
};
use crate::workspace::Workspace;

/// The Monte Carlo waits this long (seconds) after the last change.
const SETTLE: f64 = 0.4;

/// Workspace generation and revision, peer group, fictional or real, year.
type InputKey = (u64, u64, PeerGroup, bool, Option<i32>);

/// A running uncertainty job: what it was started for, and its progress.
struct McJob {
    key: (u64, UncertaintySettings),
    progress: Arc<Progress>,
    job: Job<Option<UncertaintyResult>>,
}

#[derive(Default)]
pub(super) struct Computation {
    input_key: Option<InputKey>,
    input_job: Option<Job<IndexInput>>,
    input: Option<Arc<IndexInput>>,
    input_seq: u64,
    /// The workspace the input came from (exports use its target-set label).
    pub(super) ws: Option<Arc<Workspace>>,
    pub(super) year: Option<i32>,
    group: String,
    nominal: Option<((u64, IndexSettings), Arc<IndexResult>)>,
    nominal_seq: u64,
    mc_job: Option<McJob>,
    mc: Option<((u64, UncertaintySettings), Arc<UncertaintyResult>)>,
    /// The key of a run the user cancelled: not started again until something changes.
    cancelled: Option<(u64, UncertaintySettings)>,
    changed_at: f64,
    pub(super) error: Option<String>,
}

impl Computation {
    /// A choice changed at `now`.
    pub(super) fn changed(&mut self, now: f64) {
        self.changed_at = now;
    }

    /// Brings everything up to date with the shown city and the choices.
    pub(super) fn update(&mut self, cx: &ViewContext<'_>, shown: &Shown<'_>, choices: &Choices) {
        self.update_input(cx, shown, choices);
        let Some(input) = self.input.clone() else { return };
        let settings = IndexSettings {
            method: choices.method,
            weights: choices.weights.clone(),
            rules: choices.rules,
        };
        let key = (self.input_seq, settings);
        if self.nominal.as_ref().is_none_or(|(k, _)| *k != key) {
            let result = nominal(&input, &key.1);
            self.nominal = Some((key, Arc::new(result)));
            self.nominal_seq += 1;
        }
        self.update_uncertainty(cx, choices);
    }

    fn update_input(&mut self, cx: &ViewContext<'_>, shown: &Shown<'_>, choices: &Choices) {
        let group = choices.peers.group(shown.info).unwrap_or(PeerGroup::All);
        let year = shown.profile.year;
        let fictional = shown.info.fictional;
        // The members follow from the group and the kind: they are listed (a pass
        // over every city) only when one of these changes, not every frame.
        let key: InputKey = (shown.ws.generation, shown.ws.revision, group, fictional, year);
        if self.input_key.as_ref() != Some(&key) {
            let (ids, _) = members(&shown.ws.dataset, &key.2, Some(fictional));
            let kind = if fictional { "fictional" } else { "real" };
            self.group = format!(
                "{} ({kind}), {}",
                key.2.label(),
                year.map_or("latest year".into(), |y| y.to_string())
            );
            let ws = shown.ws.clone();
            self.input_job = Some(Job::spawn("index scoring", cx.repaint.clone(), move |_| {
                ws.index_input(&ids, year)
            }));
            self.input_key = Some(key);
            self.ws = Some(shown.ws.clone());
            self.year = year;
        }
        if let Some(job) = &mut self.input_job {
            match job.poll() {
                JobState::Running => {}
                JobState::Done(input) => {
                    self.input = Some(Arc::new(input));
                    self.input_seq += 1;
                    self.input_job = None;
                }
                JobState::Failed(e) => {
                    self.error = Some(e);
                    self.input_job = None;
                }
            }
        }
    }

    fn update_uncertainty(&mut self, cx: &ViewContext<'_>, choices: &Choices) {
        let key = (self.nominal_seq, choices.mc.clone());
        if let Some(running) = &mut self.mc_job {
            let stale = running.key != key;
            match running.job.poll() {
                JobState::Running if stale => running.progress.cancel.store(true, Ordering::Relaxed),
                JobState::Running => {}
                JobState::Done(Some(result)) => {
                    let done = self.mc_job.take().map(|j| j.key);
                    self.mc = done.map(|k| (k, Arc::new(result)));
                }
                JobState::Done(None) => self.mc_job = None,
                JobState::Failed(e) => {
                    self.error = Some(e);
                    self.mc_job = None;
                }
            }
        }
        let fresh = self.mc.as_ref().is_some_and(|(k, _)| *k == key);
        let rested = cx.now - self.changed_at >= SETTLE;
        if fresh || self.mc_job.is_some() || choices.mc.runs == 0 || self.cancelled.as_ref() == Some(&key) {
            return;
        }
        if !rested {
            (cx.repaint)();
            return;
        }
        let (Some(input), Some((nk, result))) = (self.input.clone(), self.nominal.clone()) else {
            return;
        };
        if result.by_rank().is_empty() {
            return; // nobody ranked: no run to make (and `None` back would start it again)
        }
        let progress = Arc::new(Progress::default());
        let shared = progress.clone();
        let (settings, mc) = (nk.1, choices.mc.clone());
        let job = Job::spawn("uncertainty analysis", cx.repaint.clone(), move |_| {
            uncertainty(&input, &settings, &result, &mc, Some(&shared))
        });
        self.mc_job = Some(McJob { key, progress, job });
    }

    /// Stops the running analysis (until the choices change).
    pub(super) fn cancel(&mut self) {
        if let Some(running) = &self.mc_job {
            running.progress.cancel.store(true, Ordering::Relaxed);
            self.cancelled = Some(running.key.clone());
        }
    }

    /// Runs done and asked for, while the analysis runs.
    pub(super) fn running(&self) -> Option<(usize, usize)> {
        self.mc_job
            .as_ref()
            .map(|j| (j.progress.done.load(Ordering::Relaxed), j.key.1.runs))
    }

    /// Whether the uncertainty shown belongs to the index shown.
    pub(super) fn uncertainty_current(&self) -> bool {
        self.mc.as_ref().is_some_and(|(k, _)| k.0 == self.nominal_seq)
    }

    pub(super) fn input(&self) -> Option<Arc<IndexInput>> {
        self.input.clone()
    }

    pub(super) fn nominal(&self) -> Option<Arc<IndexResult>> {
        self.nominal.as_ref().map(|(_, r)| r.clone())
    }

    pub(super) fn nominal_key(&self) -> u64 {
        self.nominal_seq
    }

    /// The analysis of the index shown, when it has finished.
    pub(super) fn uncertainty(&self) -> Option<Arc<UncertaintyResult>> {
        self.mc
            .as_ref()
            .filter(|(k, _)| k.0 == self.nominal_seq)
            .map(|(_, r)| r.clone())
    }

    /// Changes when the uncertainty shown changes (for the scene's key).
    pub(super) fn uncertainty_key(&self) -> u64 {
        self.mc
            .as_ref()
            .filter(|(k, _)| k.0 == self.nominal_seq)
            .map_or(0, |(k, u)| {
                k.0.wrapping_mul(31)
                    .wrapping_add(u.settings.seed)
                    .wrapping_add(u.settings.runs as u64)
            })
    }

    pub(super) fn group_label(&self) -> &str {
        &self.group
    }

    pub(super) fn dimension_names(&self) -> Vec<String> {
        self.input
            .as_ref()
            .map(|i| i.dimension_names.clone())
            .unwrap_or_default()
    }
}
