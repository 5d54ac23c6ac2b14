//! From normalised items to category, sub-dimension, dimension and index scores
//! (available-case: a missing item or group leaves its weight to its siblings),
//! the coverage rules, and the nominal ranking.

use super::input::{IndexInput, Tree};
use super::normalise::normalise;
use super::weights::{WeightBase, Weights};
use super::{Aggregation, IndexSettings, Method, Rules, rank_desc};
use crate::model::CityId;
use crate::score::settle_pct;

/// The category stage of one method: fixed for every Monte Carlo run (only
/// sub-dimension and dimension weights vary), so it is computed once.
#[derive(Debug, Clone)]
pub(crate) struct Stage {
    pub method: Method,
    /// `cities × categories`: the weighted mean (arithmetic) or weighted mean of
    /// logarithms (geometric) of the available items; `NaN` = none.
    value: Vec<f64>,
    /// Σ item weights of the available items (the per-KPI base of the category).
    weight: Vec<f64>,
    /// Available items.
    count: Vec<u32>,
    /// Per category, sub-dimension and dimension: items of the index in it (some city has a value).
    pub index_items: [Vec<u32>; 3],
}

impl Stage {
    pub(crate) fn new(input: &IndexInput, normalised: &[f64], method: Method, weights: &Weights) -> Stage {
        let tree = &input.tree;
        let cats = tree.categories();
        let item_weight = |i: usize| weights.kpis.get(tree.item_kpi[i]).copied().unwrap_or(1.0);
        let geometric = method.aggregation == Aggregation::Geometric;
        let mut index_items = [vec![0; cats], vec![0; tree.subdimensions()], vec![0; tree.dimensions]];
        for item in (0..input.items).filter(|&i| item_weight(i) > 0.0) {
            if (0..input.len()).any(|c| !normalised[c * input.items + item].is_nan()) {
                let cat = tree.item_category[item];
                let sub = tree.category_sub[cat];
                index_items[0][cat] += 1;
                index_items[1][sub] += 1;
                index_items[2][tree.sub_dimension[sub]] += 1;
            }
        }
        let mut stage = Stage {
            method,
            value: vec![0.0; input.len() * cats],
            weight: vec![0.0; input.len() * cats],
            count: vec![0; input.len() * cats],
            index_items,
        };
        for city in 0..input.len() {
            let row = &normalised[city * input.items..(city + 1) * input.items];
            let at = city * cats;
            for (item, &x) in row.iter().enumerate() {
                let w = item_weight(item);
                if x.is_nan() || w <= 0.0 {
                    continue;
                }
                let x = if geometric { x.max(1.0).ln() } else { x };
                let cat = tree.item_category[item];
                stage.value[at + cat] += w * x;
                stage.weight[at + cat] += w;
                stage.count[at + cat] += 1;
            }
            for cat in 0..cats {
                let w = stage.weight[at + cat];
                stage.value[at + cat] = if w > 0.0 { stage.value[at + cat] / w } else { f64::NAN };
            }
        }
        stage
    }

    /// Builds the stage of every method, normalising each normalisation once.
    pub(crate) fn all(input: &IndexInput, methods: &[Method], weights: &Weights) -> Vec<Stage> {
        let mut cache: Vec<(super::Normalisation, Vec<f64>)> = Vec::new();
        methods
            .iter()
            .map(|&m| {
                if !cache.iter().any(|(n, _)| *n == m.normalisation) {
                    cache.push((m.normalisation, normalise(input, m.normalisation)));
                }
                let data = cache
                    .iter()
                    .find(|(n, _)| *n == m.normalisation)
                    .map(|(_, d)| d.as_slice());
                Stage::new(input, data.unwrap_or_default(), m, weights)
            })
            .collect()
    }
}

/// One city's scores at every level (0-100, `NaN` = none) and its coverage.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scores {
    pub subdimensions: Vec<f64>,
    pub dimensions: Vec<f64>,
    pub index: f64,
    /// Share of the index's items the city has.
    pub coverage: f64,
    /// Running sums per sub-dimension and dimension (kept to reuse their memory).
    subs: Vec<Acc>,
    dims: Vec<Acc>,
}

impl Scores {
    pub(crate) fn new(tree: &Tree) -> Scores {
        Scores {
            subdimensions: vec![f64::NAN; tree.subdimensions()],
            dimensions: vec![f64::NAN; tree.dimensions],
            index: f64::NAN,
            coverage: 0.0,
            subs: vec![Acc::default(); tree.subdimensions()],
            dims: vec![Acc::default(); tree.dimensions],
        }
    }
}

/// A group's weighted sum while its children are added.
#[derive(Debug, Clone, Copy, Default)]
struct Acc {
    num: f64,
    den: f64,
    /// Σ item weights of the children that count (the group's per-KPI base).
    base: f64,
    /// Items available under the group, counted or not.
    count: u32,
}

impl Acc {
    fn add(&mut self, value: f64, base: f64, count: u32, multiplier: f64, kind: WeightBase) {
        self.count += count;
        if value.is_nan() {
            return;
        }
        let w = multiplier * if kind == WeightBase::PerKpi { base } else { 1.0 };
        if w > 0.0 {
            self.num += w * value;
            self.den += w;
            self.base += base;
        }
    }

    /// The mean, or `NaN` when nothing counts or fewer than `min` of the group's `items` are available.
    fn mean(&self, items: u32, min: f64) -> f64 {
        let covered = items > 0 && f64::from(self.count) + 1e-9 >= min * f64::from(items);
        if self.den > 0.0 && covered {
            self.num / self.den
        } else {
            f64::NAN
        }
    }
}

/// Weights of one computation: the user's multipliers, times the Monte Carlo's draws.
pub(crate) struct LevelWeights<'a> {
    pub base: WeightBase,
    pub categories: &'a [f64],
    pub subdimensions: &'a [f64],
    pub dimensions: &'a [f64],
}

/// Computes one city's scores into `out`: categories (from the stage) into
/// sub-dimensions, into dimensions (each kept only with enough coverage), into the index.
pub(crate) fn city_scores(
    (stage, tree): (&Stage, &Tree),
    weights: &LevelWeights<'_>,
    rules: &Rules,
    (city, with_subdimensions): (usize, bool),
    out: &mut Scores,
) {
    let cats = tree.categories();
    let kind = weights.base;
    out.subs.fill(Acc::default());
    out.dims.fill(Acc::default());
    for cat in 0..cats {
        let k = city * cats + cat;
        let multiplier = weights.categories.get(cat).copied().unwrap_or(1.0);
        out.subs[tree.category_sub[cat]].add(stage.value[k], stage.weight[k], stage.count[k], multiplier, kind);
    }
    for (s, acc) in out.subs.iter().enumerate() {
        let mean = acc.mean(stage.index_items[1][s], rules.min_coverage);
        out.subdimensions[s] = mean;
        let multiplier = weights.subdimensions.get(s).copied().unwrap_or(1.0);
        out.dims[tree.sub_dimension[s]].add(mean, acc.base, acc.count, multiplier, kind);
    }
    let mut index = Acc::default();
    for (d, acc) in out.dims.iter().enumerate() {
        let mean = acc.mean(stage.index_items[2][d], rules.min_coverage);
        out.dimensions[d] = mean;
        let multiplier = weights.dimensions.get(d).copied().unwrap_or(1.0);
        index.add(mean, acc.base, acc.count, multiplier, kind);
    }
    let total: u32 = stage.index_items[2].iter().sum();
    out.coverage = if total > 0 {
        f64::from(index.count) / f64::from(total)
    } else {
        0.0
    };
    out.index = index.mean(1, 0.0);
    finish(out, stage.method.aggregation, with_subdimensions);
}

/// Scores back on the 0-100 scale (geometric means were kept as logarithms),
/// settled to 1e-9 so that equal scores tie.
fn finish(out: &mut Scores, aggregation: Aggregation, with_subdimensions: bool) {
    let geometric = aggregation == Aggregation::Geometric;
    let finish = |v: f64| {
        if v.is_nan() {
            v
        } else {
            settle_pct(if geometric { v.exp() } else { v })
        }
    };
    out.index = finish(out.index);
    out.dimensions.iter_mut().for_each(|v| *v = finish(*v));
    // The Monte Carlo ranks the index and the dimensions only: it skips this.
    if with_subdimensions {
        out.subdimensions.iter_mut().for_each(|v| *v = finish(*v));
    }
}

/// A score with its rank among the ranked cities.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct NodeScore {
    pub score: Option<f64>,
    pub rank: Option<u32>,
}

/// One city in the index.
#[derive(Debug, Clone, PartialEq)]
pub struct CityIndex {
    pub city: CityId,
    pub name: String,
    pub score: Option<f64>,
    /// `None` for a city the rules leave unranked ([`CityIndex::not_ranked`] says why).
    pub rank: Option<u32>,
    pub dimensions: Vec<NodeScore>,
    pub subdimensions: Vec<NodeScore>,
    /// Share of the index's items the city has.
    pub coverage: f64,
    pub not_ranked: Option<String>,
}

/// The nominal index: every city's scores and ranks under the chosen settings.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexResult {
    pub method: Method,
    pub base: WeightBase,
    pub rules: Rules,
    /// Items of the index: those at least one city has under this normalisation.
    pub index_items: usize,
    /// In the input's order.
    pub cities: Vec<CityIndex>,
}

impl IndexResult {
    /// Indices into `cities` of the ranked cities, best first (ties in input order).
    pub fn by_rank(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.cities.len())
            .filter(|&i| self.cities[i].rank.is_some())
            .collect();
        order.sort_by_key(|&i| self.cities[i].rank);
        order
    }
}

/// Scores and ranks every city of `input` under `settings`.
pub fn nominal(input: &IndexInput, settings: &IndexSettings) -> IndexResult {
    let stage = Stage::all(input, &[settings.method], &settings.weights).remove(0);
    let weights = LevelWeights::of(&settings.weights);
    let tree = &input.tree;
    let scores: Vec<Scores> = (0..input.len())
        .map(|c| {
            let mut s = Scores::new(tree);
            city_scores((&stage, tree), &weights, &settings.rules, (c, true), &mut s);
            s
        })
        .collect();
    let index_items: u32 = stage.index_items[2].iter().sum();
    let reasons: Vec<Option<String>> = scores
        .iter()
        .map(|s| not_ranked_reason(s, index_items, &settings.rules))
        .collect();
    let cities = ranked_cities(input, &scores, &reasons);
    IndexResult {
        method: settings.method,
        base: settings.weights.base,
        rules: settings.rules,
        index_items: index_items as usize,
        cities,
    }
}

/// Every city with its scores and, for the cities the rules rank, its ranks
/// among them (at the index, dimension and sub-dimension levels).
fn ranked_cities(input: &IndexInput, scores: &[Scores], reasons: &[Option<String>]) -> Vec<CityIndex> {
    let tree = &input.tree;
    let ranked: Vec<usize> = (0..scores.len()).filter(|&c| reasons[c].is_none()).collect();
    let rank_of = |value: &dyn Fn(&Scores) -> f64| ranks_among(&ranked, scores.len(), |c| value(&scores[c]));
    let index_ranks = rank_of(&|s| s.index);
    let dim_ranks: Vec<Vec<Option<u32>>> = (0..tree.dimensions).map(|d| rank_of(&|s| s.dimensions[d])).collect();
    let sub_ranks: Vec<Vec<Option<u32>>> = (0..tree.subdimensions())
        .map(|d| rank_of(&|s| s.subdimensions[d]))
        .collect();
    let node = |v: f64, rank: Option<u32>| NodeScore {
        score: (!v.is_nan()).then_some(v),
        rank,
    };
    scores
        .iter()
        .enumerate()
        .map(|(c, s)| CityIndex {
            city: input.cities[c],
            name: input.names[c].clone(),
            score: (!s.index.is_nan()).then_some(s.index),
            rank: index_ranks[c],
            dimensions: (0..tree.dimensions)
                .map(|d| node(s.dimensions[d], dim_ranks[d][c]))
                .collect(),
            subdimensions: (0..tree.subdimensions())
                .map(|d| node(s.subdimensions[d], sub_ranks[d][c]))
                .collect(),
            coverage: s.coverage,
            not_ranked: reasons[c].clone(),
        })
        .collect()
}

impl<'a> LevelWeights<'a> {
    pub(crate) fn of(weights: &'a Weights) -> LevelWeights<'a> {
        LevelWeights {
            base: weights.base,
            categories: &weights.categories,
            subdimensions: &weights.subdimensions,
            dimensions: &weights.dimensions,
        }
    }
}

/// Why the rules give a city no rank, if they do not.
pub(crate) fn not_ranked_reason(scores: &Scores, index_items: u32, rules: &Rules) -> Option<String> {
    let missing = 1.0 - scores.coverage;
    let have = (scores.coverage * f64::from(index_items)).round();
    if missing > rules.max_missing + 1e-9 {
        return Some(format!(
            "{have} of the index's {index_items} items ({:.0} % missing; at most {:.0} % may be)",
            100.0 * missing,
            100.0 * rules.max_missing
        ));
    }
    scores.index.is_nan().then(|| {
        format!(
            "no score: no dimension has {:.0} % of its items with a weight above 0",
            100.0 * rules.min_coverage
        )
    })
}

/// Ranks (ties "min") of `members` by `value`; `None` for the others and for no value.
fn ranks_among(members: &[usize], n: usize, value: impl Fn(usize) -> f64) -> Vec<Option<u32>> {
    let values: Vec<f64> = members.iter().map(|&c| value(c)).collect();
    let mut ranks = vec![0; members.len()];
    rank_desc(&values, &mut ranks, &mut Vec::new());
    let mut out = vec![None; n];
    for (k, &c) in members.iter().enumerate() {
        out[c] = (!values[k].is_nan()).then_some(ranks[k]);
    }
    out
}
