//! How sure each rank is: N runs, each with dimension and sub-dimension weights
//! multiplied by U(1 − s, 1 + s) and one of the alternative methods; per city the
//! median, mean, 5th and 95th percentile rank, P(top 3) and the input that
//! explains most of its rank's variance. Run `r` draws from its own PCG stream
//! (seed, r), so results do not depend on how many threads run them.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rand_core::Rng;
use rand_pcg::Pcg64;
use rayon::prelude::*;

use super::aggregate::{LevelWeights, Scores, Stage, city_scores};
use super::{IndexInput, IndexResult, IndexSettings, Method, UncertaintySettings, rank_desc};

/// Shared with a background job: runs done so far, and a cancel flag.
#[derive(Debug, Default)]
pub struct Progress {
    pub done: AtomicUsize,
    pub cancel: AtomicBool,
}

/// The input that explains most of a rank's variance, and how much (0-1).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Driver {
    pub input: String,
    pub share: f64,
}

/// A city's ranks over the runs.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RankStats {
    pub median: f64,
    pub mean: f64,
    pub q05: f64,
    pub q95: f64,
    pub min: u32,
    pub max: u32,
    pub p_top3: f64,
    pub driver: Option<Driver>,
}

/// The Monte Carlo's result, for the ranked cities of the nominal index.
#[derive(Debug, Clone, PartialEq)]
pub struct UncertaintyResult {
    pub settings: UncertaintySettings,
    /// Per city of the nominal result (`None` for the cities it does not rank).
    pub index: Vec<Option<RankStats>>,
    /// Per dimension, per city (no driver).
    pub dimensions: Vec<Vec<Option<RankStats>>>,
    /// Mean over runs and cities of |nominal rank − run rank|.
    pub mean_rank_shift: f64,
}

/// Ranks kept per run and city, at most: the analysis keeps every run's ranks
/// (index and dimensions, 4 bytes each), so this bounds its memory (800 MB).
const MAX_RANK_CELLS: usize = 50_000_000;

/// The most runs for `cities` cities that stay within the memory bound (10,000
/// runs up to 5,000 cities, 5,000 runs for 10,000 cities).
pub fn max_runs(cities: usize) -> usize {
    (MAX_RANK_CELLS / cities.max(1)).clamp(100, 100_000)
}

/// Multiplies each weight by U(1 − spread, 1 + spread).
pub fn perturb(weights: &[f64], spread: f64, rng: &mut impl Rng) -> Vec<f64> {
    weights.iter().map(|w| w * draw(spread, rng)).collect()
}

fn uniform(rng: &mut impl Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

fn draw(spread: f64, rng: &mut impl Rng) -> f64 {
    1.0 - spread + 2.0 * spread * uniform(rng)
}

/// One run's draws: the method and the weight factors.
pub(super) struct Draws {
    pub method: usize,
    pub dimension: Vec<f64>,
    pub subdimension: Vec<f64>,
}

pub(super) fn draws(settings: &UncertaintySettings, methods: usize, dims: usize, subs: usize, run: usize) -> Draws {
    let mut rng = Pcg64::new(u128::from(settings.seed), run as u128);
    let method = ((uniform(&mut rng) * methods as f64) as usize).min(methods.saturating_sub(1));
    Draws {
        method,
        dimension: perturb(&vec![1.0; dims], settings.spread, &mut rng),
        subdimension: perturb(&vec![1.0; subs], settings.spread, &mut rng),
    }
}

/// Runs the analysis for the cities `nominal` ranks. `None` when cancelled, or
/// when it ranks no city (there is no rank to vary).
pub fn uncertainty(
    input: &IndexInput,
    settings: &IndexSettings,
    nominal: &IndexResult,
    uncertainty: &UncertaintySettings,
    progress: Option<&Progress>,
) -> Option<UncertaintyResult> {
    let ranked: Vec<usize> = nominal.by_rank();
    if ranked.is_empty() {
        return None; // no rank to vary: runs would only take time
    }
    let mut methods: Vec<Method> = uncertainty.alternatives.clone();
    if methods.is_empty() {
        methods.push(settings.method);
    }
    let stages = Stage::all(input, &methods, &settings.weights);
    let job = Runs {
        input,
        settings,
        stages: &stages,
        ranked: &ranked,
        mc: uncertainty,
    };
    let (inputs, ranks) = job.run_all(progress)?;
    Some(super::stats::summarise(
        nominal,
        &ranked,
        &ranks,
        &inputs,
        &methods,
        uncertainty,
        input,
    ))
}

/// What every run shares.
struct Runs<'a> {
    input: &'a IndexInput,
    settings: &'a IndexSettings,
    stages: &'a [Stage],
    ranked: &'a [usize],
    mc: &'a UncertaintySettings,
}

impl Runs<'_> {
    /// Every run's draws and ranks, in run order, 64 runs at a time in parallel
    /// (cancel and progress are checked between blocks). `None` when cancelled.
    fn run_all(&self, progress: Option<&Progress>) -> Option<(Vec<Draws>, Vec<u32>)> {
        let tree = &self.input.tree;
        let runs = self.mc.runs;
        let mut ranks: Vec<u32> = Vec::with_capacity(runs * (1 + tree.dimensions) * self.ranked.len());
        let mut inputs: Vec<Draws> = Vec::with_capacity(runs);
        for start in (0..runs).step_by(64) {
            if progress.is_some_and(|p| p.cancel.load(Ordering::Relaxed)) {
                return None;
            }
            let chunk: Vec<(Draws, Vec<u32>)> = (start..(start + 64).min(runs))
                .into_par_iter()
                .map(|run| {
                    let d = draws(self.mc, self.stages.len(), tree.dimensions, tree.subdimensions(), run);
                    let r = run_ranks(self.input, self.settings, &self.stages[d.method], &d, self.ranked);
                    (d, r)
                })
                .collect();
            if let Some(p) = progress {
                p.done.fetch_add(chunk.len(), Ordering::Relaxed);
            }
            for (d, r) in chunk {
                inputs.push(d);
                ranks.extend(r);
            }
        }
        Some((inputs, ranks))
    }
}

/// One run: every ranked city's scores with the run's weights and method; its
/// ranks at the index level, then per dimension (`levels × ranked`).
pub(super) fn run_ranks(
    input: &IndexInput,
    settings: &IndexSettings,
    stage: &Stage,
    d: &Draws,
    ranked: &[usize],
) -> Vec<u32> {
    let w = &settings.weights;
    let subs: Vec<f64> = w
        .subdimensions
        .iter()
        .zip(&d.subdimension)
        .map(|(a, b)| a * b)
        .collect();
    let dims: Vec<f64> = w.dimensions.iter().zip(&d.dimension).map(|(a, b)| a * b).collect();
    let weights = LevelWeights {
        base: w.base,
        categories: &w.categories,
        subdimensions: &subs,
        dimensions: &dims,
    };
    let tree = &input.tree;
    let levels = 1 + tree.dimensions;
    let mut values = vec![f64::NAN; levels * ranked.len()];
    let mut scores = Scores::new(tree);
    for (k, &city) in ranked.iter().enumerate() {
        city_scores((stage, tree), &weights, &settings.rules, (city, false), &mut scores);
        values[k] = scores.index;
        for (dim, v) in scores.dimensions.iter().enumerate() {
            values[(1 + dim) * ranked.len() + k] = *v;
        }
    }
    let mut out = vec![0; values.len()];
    let mut order = Vec::with_capacity(ranked.len());
    for level in 0..levels {
        let range = level * ranked.len()..(level + 1) * ranked.len();
        rank_desc(&values[range.clone()], &mut out[range], &mut order);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perturbed_weights_stay_within_the_spread() {
        let mut rng = rand_pcg::Pcg64::new(9, 0);
        let weights = [1.0, 2.0, 0.5, 3.0];
        let (mut low, mut high) = (false, false);
        for _ in 0..10_000 {
            for (w, p) in weights.iter().zip(perturb(&weights, 0.25, &mut rng)) {
                assert!(p >= 0.75 * w && p <= 1.25 * w, "{p} from {w}");
                low |= p < 0.76 * w;
                high |= p > 1.24 * w;
            }
        }
        assert!(low && high, "the draws reach both ends");
    }

    #[test]
    fn the_most_runs_shrinks_with_the_cities() {
        assert_eq!(max_runs(1), 100_000);
        assert_eq!(max_runs(1_000), 50_000);
        assert_eq!(max_runs(10_000), 5_000);
        assert_eq!(max_runs(10_000_000), 100);
    }
}
