//! Rank statistics over the Monte Carlo runs, and each city's driver.

use super::montecarlo::{Draws, Driver, RankStats, UncertaintyResult};
use super::{IndexInput, IndexResult, Method, UncertaintySettings};
use rayon::prelude::*;

/// An input of the analysis: its name and, per run, which option (or weight bin) it took.
struct Input {
    name: String,
    groups: Vec<usize>,
}

/// Options per run: the normalisation, the aggregation, and 10 equal bins of each
/// weight factor (equal-probability bins: the factors are uniform).
fn inputs(draws: &[Draws], methods: &[Method], spread: f64, input: &IndexInput) -> Vec<Input> {
    let bin = |f: f64| {
        if spread <= 0.0 {
            0
        } else {
            (((f - (1.0 - spread)) / (2.0 * spread) * 10.0).floor() as usize).min(9)
        }
    };
    let mut out = vec![
        Input {
            name: "normalisation".into(),
            groups: draws.iter().map(|d| methods[d.method].normalisation as usize).collect(),
        },
        Input {
            name: "aggregation".into(),
            groups: draws.iter().map(|d| methods[d.method].aggregation as usize).collect(),
        },
    ];
    for (i, name) in input.dimension_names.iter().enumerate() {
        out.push(Input {
            name: format!("{name} weight"),
            groups: draws.iter().map(|d| bin(d.dimension[i])).collect(),
        });
    }
    for (i, name) in input.subdimension_names.iter().enumerate() {
        out.push(Input {
            name: format!("{name} weight"),
            groups: draws.iter().map(|d| bin(d.subdimension[i])).collect(),
        });
    }
    out
}

/// The correlation ratio Var(E[rank | option]) / Var(rank), as between / (between + within)
/// so that an input that fixes the rank gives exactly 1. `None` when the rank never changes.
fn correlation_ratio(ranks: &[f64], groups: &[usize]) -> Option<f64> {
    let n = ranks.len() as f64;
    let mean = ranks.iter().sum::<f64>() / n;
    let slots = groups.iter().max().map_or(0, |m| m + 1);
    let mut sums = vec![(0.0f64, 0usize); slots];
    for (&r, &g) in ranks.iter().zip(groups) {
        sums[g].0 += r;
        sums[g].1 += 1;
    }
    let means: Vec<f64> = sums
        .iter()
        .map(|(s, c)| if *c > 0 { s / *c as f64 } else { 0.0 })
        .collect();
    let between: f64 = sums
        .iter()
        .zip(&means)
        .map(|((_, c), m)| *c as f64 * (m - mean).powi(2))
        .sum();
    let within: f64 = ranks.iter().zip(groups).map(|(r, g)| (r - means[*g]).powi(2)).sum();
    let total = between + within;
    (total > 0.0).then(|| between / total)
}

/// The input explaining most of `ranks`' variance, if any does.
fn driver(ranks: &[f64], inputs: &[Input]) -> Option<Driver> {
    let shares = inputs
        .iter()
        .filter_map(|i| Some((i, correlation_ratio(ranks, &i.groups)?)));
    shares
        .fold(None::<(&Input, f64)>, |best, (i, s)| match best {
            Some((_, b)) if b >= s => best,
            _ => Some((i, s)),
        })
        .map(|(i, share)| Driver {
            input: i.name.clone(),
            share,
        })
}

/// Ranks counted per rank: quantiles without sorting (ranks are small integers).
struct Counts(Vec<u32>);

impl Counts {
    fn new(ranks: &[f64], max_rank: usize) -> Counts {
        let mut counts = vec![0u32; max_rank + 2];
        for &r in ranks {
            counts[(r as usize).min(max_rank + 1)] += 1;
        }
        Counts(counts)
    }

    /// The k-th smallest rank (0-based).
    fn nth(&self, k: usize) -> f64 {
        let mut seen = 0usize;
        for (rank, &c) in self.0.iter().enumerate() {
            seen += c as usize;
            if seen > k {
                return rank as f64;
            }
        }
        (self.0.len() - 2) as f64
    }

    /// Type-7 quantile (R's default, numpy's linear) of `runs` ranks.
    fn quantile(&self, runs: usize, p: f64) -> f64 {
        let h = (runs - 1) as f64 * p;
        let lo = h.floor() as usize;
        let (a, b) = (self.nth(lo), self.nth((lo + 1).min(runs - 1)));
        a + (h - lo as f64) * (b - a)
    }
}

/// The statistics of one city's ranks (at most `max_rank`; at least one run).
fn stats(ranks: &[f64], max_rank: usize, inputs: Option<&[Input]>) -> RankStats {
    let runs = ranks.len();
    let counts = Counts::new(ranks, max_rank);
    RankStats {
        median: counts.quantile(runs, 0.5),
        mean: ranks.iter().sum::<f64>() / runs as f64,
        q05: counts.quantile(runs, 0.05),
        q95: counts.quantile(runs, 0.95),
        min: counts.nth(0) as u32,
        max: counts.nth(runs - 1) as u32,
        p_top3: ranks.iter().filter(|r| **r <= 3.0).count() as f64 / runs as f64,
        driver: inputs.and_then(|inputs| driver(ranks, inputs)),
    }
}

/// Per level and ranked city, the statistics of its ranks (`ranks` is run-major,
/// then level, then ranked city); drivers for the index level.
pub(super) fn summarise(
    nominal: &IndexResult,
    ranked: &[usize],
    ranks: &[u32],
    draws: &[Draws],
    methods: &[Method],
    settings: &UncertaintySettings,
    input: &IndexInput,
) -> UncertaintyResult {
    let n = ranked.len();
    let levels = 1 + input.dimension_names.len();
    let runs = draws.len();
    let inputs = inputs(draws, methods, settings.spread, input);
    let column = |level: usize, k: usize| -> Vec<f64> {
        (0..runs)
            .map(|r| f64::from(ranks[(r * levels + level) * n + k]))
            .collect()
    };
    let level_stats = |level: usize| -> Vec<Option<RankStats>> {
        if runs == 0 {
            return vec![None; nominal.cities.len()];
        }
        let per_ranked: Vec<RankStats> = (0..n)
            .into_par_iter()
            .map(|k| stats(&column(level, k), n, (level == 0).then_some(inputs.as_slice())))
            .collect();
        let mut out = vec![None; nominal.cities.len()];
        for (k, s) in per_ranked.into_iter().enumerate() {
            out[ranked[k]] = Some(s);
        }
        out
    };
    let mut shift = 0.0;
    for r in 0..runs {
        for (k, &c) in ranked.iter().enumerate() {
            let nominal_rank = nominal.cities[c].rank.unwrap_or(0);
            shift += f64::from(ranks[r * levels * n + k].abs_diff(nominal_rank));
        }
    }
    UncertaintyResult {
        settings: settings.clone(),
        index: level_stats(0),
        dimensions: (1..levels).map(level_stats).collect(),
        mean_rank_shift: if runs * n > 0 { shift / (runs * n) as f64 } else { 0.0 },
    }
}
