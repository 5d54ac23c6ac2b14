//! Each item's effective weight: its share of a city's index once the weights
//! down the tree are multiplied out, with the same available-case and coverage
//! rules as the aggregation (an item the city lacks weighs 0; its siblings share
//! its weight). Under arithmetic aggregation the index is exactly Σ weight × value.

use super::IndexSettings;
use super::input::{IndexInput, Tree};
use super::normalise::normalise;
use super::weights::WeightBase;

/// Per level (category, sub-dimension, dimension) and node: the item weights
/// available, the items available, the items of the index.
struct Sums {
    weight: [Vec<f64>; 3],
    count: [Vec<u32>; 3],
    total: [Vec<u32>; 3],
}

impl Sums {
    fn new(tree: &Tree, in_index: &[bool], has: &[bool], item_weight: &dyn Fn(usize) -> f64) -> Sums {
        let sizes = [tree.categories(), tree.subdimensions(), tree.dimensions];
        let mut sums = Sums {
            weight: sizes.map(|n| vec![0.0; n]),
            count: sizes.map(|n| vec![0; n]),
            total: sizes.map(|n| vec![0; n]),
        };
        for (i, (&indexed, &present)) in in_index.iter().zip(has).enumerate() {
            let cat = tree.item_category[i];
            let sub = tree.category_sub[cat];
            for (level, node) in [cat, sub, tree.sub_dimension[sub]].into_iter().enumerate() {
                sums.total[level][node] += u32::from(indexed);
                if present {
                    sums.weight[level][node] += item_weight(i);
                    sums.count[level][node] += 1;
                }
            }
        }
        sums
    }

    fn covered(&self, level: usize, node: usize, min: f64) -> bool {
        let (n, t) = (self.count[level][node], self.total[level][node]);
        t > 0 && f64::from(n) + 1e-9 >= min * f64::from(t)
    }
}

/// Per item, its share (0-1) of the index of city `city`, or of a city that has
/// every item of the index when `city` is `None`. All zero when the city has no index.
pub fn effective_weights(input: &IndexInput, settings: &IndexSettings, city: Option<usize>) -> Vec<f64> {
    let tree = &input.tree;
    let data = normalise(input, settings.method.normalisation);
    let w = &settings.weights;
    let item_weight = |i: usize| w.kpis.get(tree.item_kpi[i]).copied().unwrap_or(1.0);
    let in_index: Vec<bool> = (0..input.items)
        .map(|i| item_weight(i) > 0.0 && (0..input.len()).any(|c| !data[c * input.items + i].is_nan()))
        .collect();
    let has: Vec<bool> = (0..input.items)
        .map(|i| in_index[i] && city.is_none_or(|c| !data[c * input.items + i].is_nan()))
        .collect();
    let sums = Sums::new(tree, &in_index, &has, &item_weight);
    let [cat_w, sub_w, dim_w] = node_weights(tree, settings, &sums);
    let share = |weights: &[f64], node: usize, sibling: &dyn Fn(usize) -> bool| {
        let den: f64 = (0..weights.len()).filter(|&k| sibling(k)).map(|k| weights[k]).sum();
        if den > 0.0 { weights[node] / den } else { 0.0 }
    };
    (0..input.items)
        .map(|i| {
            let cat = tree.item_category[i];
            let sub = tree.category_sub[cat];
            let dim = tree.sub_dimension[sub];
            if !has[i] || sums.weight[0][cat] <= 0.0 {
                return 0.0;
            }
            item_weight(i) / sums.weight[0][cat]
                * share(&cat_w, cat, &|c| tree.category_sub[c] == sub)
                * share(&sub_w, sub, &|s| tree.sub_dimension[s] == dim)
                * share(&dim_w, dim, &|_| true)
        })
        .collect()
}

/// Each category's, sub-dimension's and dimension's weight in its parent: its
/// multiplier times its base (per KPI: the item weights it carries; per level: 1),
/// 0 when it has nothing or too little coverage.
fn node_weights(tree: &Tree, settings: &IndexSettings, sums: &Sums) -> [Vec<f64>; 3] {
    let w = &settings.weights;
    let min = settings.rules.min_coverage;
    let base = |b: f64| if w.base == WeightBase::PerKpi { b } else { 1.0 };
    let cat_w: Vec<f64> = (0..tree.categories())
        .map(|c| {
            if sums.weight[0][c] > 0.0 {
                w.categories[c] * base(sums.weight[0][c])
            } else {
                0.0
            }
        })
        .collect();
    let sub_in: Vec<bool> = (0..tree.subdimensions())
        .map(|s| sums.covered(1, s, min) && (0..cat_w.len()).any(|c| tree.category_sub[c] == s && cat_w[c] > 0.0))
        .collect();
    // The per-KPI base of a counted sub-dimension: the item weights of its counted categories.
    let sub_base: Vec<f64> = (0..sub_in.len())
        .map(|s| {
            let counted = (0..cat_w.len()).filter(|&c| tree.category_sub[c] == s && cat_w[c] > 0.0);
            if sub_in[s] {
                counted.map(|c| sums.weight[0][c]).sum()
            } else {
                0.0
            }
        })
        .collect();
    let sub_w: Vec<f64> = (0..sub_in.len())
        .map(|s| {
            if sub_in[s] {
                w.subdimensions[s] * base(sub_base[s])
            } else {
                0.0
            }
        })
        .collect();
    let dim_w: Vec<f64> = (0..tree.dimensions)
        .map(|d| {
            let subs = (0..sub_w.len()).filter(|&s| tree.sub_dimension[s] == d);
            let counted = sums.covered(2, d, min) && subs.clone().any(|s| sub_w[s] > 0.0);
            let carried: f64 = subs.filter(|&s| sub_w[s] > 0.0).map(|s| sub_base[s]).sum();
            if counted { w.dimensions[d] * base(carried) } else { 0.0 }
        })
        .collect();
    [cat_w, sub_w, dim_w]
}
