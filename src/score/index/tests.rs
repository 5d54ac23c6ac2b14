use super::input::{Cell, Tree};
use super::*;
use crate::model::{CityId, Direction};

/// A tree of `dims` dimensions, each with `subs` sub-dimensions of `cats`
/// categories of `items` items (every item its own KPI).
fn tree(dims: usize, subs: usize, cats: usize, items: usize) -> Tree {
    let n_subs = dims * subs;
    let n_cats = n_subs * cats;
    Tree {
        item_category: (0..n_cats * items).map(|i| i / items).collect(),
        item_kpi: (0..n_cats * items).collect(),
        category_sub: (0..n_cats).map(|c| c / cats).collect(),
        sub_dimension: (0..n_subs).map(|s| s / subs).collect(),
        dimensions: dims,
    }
}

/// Cities with % of target values (band points follow the U4SSC bands); `NaN` = not reported.
fn input(tree: Tree, rows: &[Vec<f64>]) -> IndexInput {
    let items = tree.item_category.len();
    let cells = rows
        .iter()
        .flat_map(|row| {
            assert_eq!(row.len(), items);
            row.iter().map(|&pct| pct_cell(pct))
        })
        .collect();
    IndexInput {
        cities: (0..rows.len()).map(CityId::new).collect(),
        names: (0..rows.len()).map(|i| format!("City {i}")).collect(),
        dimension_names: (0..tree.dimensions).map(|d| format!("Dim {d}")).collect(),
        subdimension_names: (0..tree.subdimensions()).map(|s| format!("Sub {s}")).collect(),
        tree,
        items,
        cells,
    }
}

fn pct_cell(pct: f64) -> Cell {
    if pct.is_nan() {
        return Cell::default();
    }
    Cell {
        points: Some(crate::score::Band::from_pct(pct).points() as u8),
        pct: Some(pct),
        value: Some(pct),
        target: Some(100.0),
        direction: Some(Direction::Higher),
        flag: false,
    }
}

fn settings(input: &IndexInput, method: Method, base: WeightBase) -> IndexSettings {
    let t = &input.tree;
    IndexSettings {
        method,
        weights: Weights {
            base,
            dimensions: vec![1.0; t.dimensions],
            subdimensions: vec![1.0; t.subdimensions()],
            categories: vec![1.0; t.categories()],
            kpis: vec![1.0; t.item_kpi.len()],
        },
        rules: Rules::default(),
    }
}

fn method(n: Normalisation, a: Aggregation) -> Method {
    Method {
        normalisation: n,
        aggregation: a,
    }
}

const PCT_ARITH: Method = Method {
    normalisation: Normalisation::Pct,
    aggregation: Aggregation::Arithmetic,
};
const PCT_GEO: Method = Method {
    normalisation: Normalisation::Pct,
    aggregation: Aggregation::Geometric,
};

fn two_cities() -> IndexInput {
    input(tree(1, 1, 1, 2), &[vec![10.0, 90.0], vec![45.0, 45.0]])
}

#[test]
fn two_cities_swap_places_with_the_aggregation() {
    let input = two_cities();
    let arith = nominal(&input, &settings(&input, PCT_ARITH, WeightBase::PerKpi));
    assert_eq!(arith.cities[0].score, Some(50.0));
    assert_eq!(arith.cities[1].score, Some(45.0));
    assert_eq!((arith.cities[0].rank, arith.cities[1].rank), (Some(1), Some(2)));
    let geo = nominal(&input, &settings(&input, PCT_GEO, WeightBase::PerKpi));
    assert_eq!(geo.cities[0].score, Some(30.0));
    assert_eq!(geo.cities[1].score, Some(45.0));
    assert_eq!((geo.cities[0].rank, geo.cities[1].rank), (Some(2), Some(1)));
}

#[test]
fn two_cities_under_aggregation_uncertainty() {
    let input = two_cities();
    let s = settings(&input, PCT_ARITH, WeightBase::PerKpi);
    let nom = nominal(&input, &s);
    let runs = 2000;
    let mc = UncertaintySettings {
        runs,
        seed: 7,
        spread: 0.0,
        alternatives: vec![PCT_ARITH, PCT_GEO],
    };
    let result = uncertainty(&input, &s, &nom, &mc, None).unwrap();
    for city in 0..2 {
        let stats = result.index[city].as_ref().unwrap();
        assert_eq!((stats.q05, stats.q95), (1.0, 2.0), "city {city}");
        let driver = stats.driver.as_ref().unwrap();
        assert_eq!(driver.input, "aggregation");
        assert_eq!(driver.share, 1.0);
    }
    // A is first in the arithmetic runs: about half of them.
    let a = result.index[0].as_ref().unwrap();
    let first_share = 2.0 - a.mean;
    let tolerance = 3.0 * (0.25 / runs as f64).sqrt();
    assert!(
        (first_share - 0.5).abs() <= tolerance,
        "A first in {first_share} of the runs"
    );
    assert_eq!(a.p_top3, 1.0);
}

fn spread_input() -> IndexInput {
    // 12 cities over 2 dimensions × 2 sub-dimensions × 2 categories × 2 items, some gaps.
    let t = tree(2, 2, 2, 2);
    let items = t.item_category.len();
    let rows: Vec<Vec<f64>> = (0..12)
        .map(|c| {
            (0..items)
                .map(|i| {
                    let v = ((c * 37 + i * 53) % 101) as f64;
                    if (c + i) % 11 == 0 { f64::NAN } else { v }
                })
                .collect()
        })
        .collect();
    input(t, &rows)
}

#[test]
fn no_spread_and_one_method_collapse_every_interval_to_the_nominal_rank() {
    let input = spread_input();
    let mut s = settings(&input, Method::default(), WeightBase::PerLevel);
    s.rules.max_missing = 1.0;
    let nom = nominal(&input, &s);
    let mc = UncertaintySettings {
        runs: 200,
        seed: 3,
        spread: 0.0,
        alternatives: vec![Method::default()],
    };
    let result = uncertainty(&input, &s, &nom, &mc, None).unwrap();
    assert_eq!(result.mean_rank_shift, 0.0);
    for (city, stats) in nom.cities.iter().zip(&result.index) {
        let stats = stats.as_ref().unwrap();
        let rank = f64::from(city.rank.unwrap());
        assert_eq!(
            (stats.median, stats.q05, stats.q95, stats.mean),
            (rank, rank, rank, rank)
        );
        assert_eq!(stats.driver, None, "the rank never changes: nothing drives it");
    }
}

#[test]
fn the_same_seed_gives_the_same_result_on_any_number_of_threads() {
    let input = spread_input();
    let mut s = settings(&input, Method::default(), WeightBase::PerLevel);
    s.rules.max_missing = 1.0;
    let nom = nominal(&input, &s);
    let mc = UncertaintySettings {
        runs: 300,
        seed: 12345,
        ..UncertaintySettings::default()
    };
    let on = |threads| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| uncertainty(&input, &s, &nom, &mc, None).unwrap())
    };
    let one = on(1);
    assert!(
        one.mean_rank_shift > 0.0,
        "the runs must move some ranks for this test to mean anything"
    );
    assert_eq!(one, on(2));
    assert_eq!(one, on(8));
    let other_seed = UncertaintySettings {
        seed: 12346,
        ..mc.clone()
    };
    assert_ne!(one, uncertainty(&input, &s, &nom, &other_seed, None).unwrap());
}

#[test]
fn a_city_at_least_as_good_on_every_item_never_ranks_below() {
    let mut input = spread_input();
    // City 0 dominates city 1: every item of 0 is ≥ that of 1, both complete.
    for i in 0..input.items {
        let low = 10.0 + (i as f64 * 7.0) % 60.0;
        input.cells[input.items + i] = pct_cell(low);
        input.cells[i] = pct_cell(low + (i % 3) as f64 * 5.0);
    }
    let mut s = settings(&input, Method::default(), WeightBase::PerLevel);
    s.rules.max_missing = 1.0;
    let nom = nominal(&input, &s);
    let ranked = nom.by_rank();
    let (a, b) = (
        ranked.iter().position(|&c| c == 0).unwrap(),
        ranked.iter().position(|&c| c == 1).unwrap(),
    );
    let mc = UncertaintySettings::default();
    let methods = Normalisation::ALL
        .iter()
        .flat_map(|&n| Aggregation::ALL.map(|a| method(n, a)))
        .collect::<Vec<_>>();
    let stages = aggregate::Stage::all(&input, &methods, &s.weights);
    for run in 0..300 {
        let d = montecarlo::draws(&mc, methods.len(), 2, 4, run);
        let ranks = montecarlo::run_ranks(&input, &s, &stages[d.method], &d, &ranked);
        assert!(
            ranks[a] <= ranks[b],
            "run {run} ({:?}): {} > {}",
            methods[d.method],
            ranks[a],
            ranks[b]
        );
    }
}

#[test]
fn geometric_aggregation_of_zeros_is_never_nan() {
    let input = input(tree(1, 1, 1, 3), &[vec![0.0, 0.0, 0.0], vec![0.0, 50.0, 100.0]]);
    for n in Normalisation::ALL {
        let result = nominal(
            &input,
            &settings(&input, method(n, Aggregation::Geometric), WeightBase::PerKpi),
        );
        for city in &result.cities {
            let score = city.score.unwrap();
            assert!(score.is_finite() && score >= 1.0, "{n:?}: {score}");
        }
    }
}

#[test]
fn per_kpi_points_is_the_u4ssc_overall_score() {
    let input = spread_input();
    let mut s = settings(&input, Method::default(), WeightBase::PerKpi);
    s.rules.min_coverage = 0.0;
    s.rules.max_missing = 1.0;
    let result = nominal(&input, &s);
    for (c, city) in result.cities.iter().enumerate() {
        let points: Vec<u8> = (0..input.items).filter_map(|i| input.cell(c, i).points).collect();
        let total: u32 = points.iter().map(|&p| u32::from(p)).sum();
        let expected = crate::score::aggregate_pct(total, points.len() as u32);
        assert_eq!(city.score, expected, "city {c}");
    }
}

#[test]
fn per_level_weights_give_each_dimension_an_equal_share() {
    // Dimension 0 has 1 of its items (score 100), dimension 1 all four (score 0, floored).
    let t = tree(2, 1, 1, 4);
    let nan = f64::NAN;
    let rows = vec![vec![100.0, 100.0, 100.0, 100.0, 0.0, 0.0, 0.0, 0.0], vec![nan; 8]];
    let input = input(t, &rows);
    let mut s = settings(&input, PCT_ARITH, WeightBase::PerLevel);
    assert_eq!(nominal(&input, &s).cities[0].score, Some(50.0));
    s.weights.dimensions = vec![3.0, 1.0];
    assert_eq!(nominal(&input, &s).cities[0].score, Some(75.0));
    s.weights.base = WeightBase::PerKpi;
    s.weights.dimensions = vec![1.0, 1.0];
    assert_eq!(nominal(&input, &s).cities[0].score, Some(50.0));
}

#[test]
fn coverage_rules_leave_out_thin_sub_indices_and_unrank_sparse_cities() {
    let t = tree(2, 1, 1, 3);
    let nan = f64::NAN;
    let rows = vec![
        vec![80.0, 80.0, 80.0, 40.0, 40.0, 40.0],
        // 2 of 3 in dimension 0 (kept), 1 of 3 in dimension 1 (left out); 50 % missing.
        vec![60.0, 60.0, nan, 20.0, nan, nan],
        vec![50.0, 50.0, 50.0, 50.0, 50.0, nan],
    ];
    let input = input(t, &rows);
    let s = settings(&input, PCT_ARITH, WeightBase::PerLevel);
    let result = nominal(&input, &s);
    let thin = &result.cities[1];
    assert_eq!(thin.dimensions[0].score, Some(60.0));
    assert_eq!(thin.dimensions[1].score, None);
    assert_eq!(thin.score, Some(60.0));
    assert_eq!(thin.rank, None);
    assert!(
        thin.not_ranked
            .as_deref()
            .unwrap()
            .contains("3 of the index's 6 items (50 % missing")
    );
    // One item of six missing is 17 %: ranked.
    assert_eq!(result.cities[2].rank, Some(2));
    assert_eq!(result.cities[0].rank, Some(1));
    assert_eq!(result.cities[0].score, Some(60.0));
}

#[test]
fn normalisations_put_the_worst_and_best_city_where_they_belong() {
    let input = input(tree(1, 1, 1, 1), &[vec![20.0], vec![60.0], vec![100.0], vec![60.0]]);
    let column = |n| normalise::normalise(&input, n);
    assert_eq!(column(Normalisation::MinMax), vec![1.0, 50.5, 100.0, 50.5]);
    assert_eq!(column(Normalisation::Rank), vec![0.0, 100.0 / 3.0, 100.0, 100.0 / 3.0]);
    assert_eq!(column(Normalisation::Points), vec![25.0, 50.0, 100.0, 50.0]);
    // Goalposts: shortfalls 80, 40, 0, 40; the bound is their 97.5th percentile (77).
    let g = column(Normalisation::Goalposts);
    assert_eq!(g[2], 100.0);
    assert_eq!(g[0], 0.0);
    assert!((g[1] - 100.0 * (1.0 - 40.0 / 77.0)).abs() < 1e-9, "{}", g[1]);
}

#[test]
fn effective_weights_are_what_the_arithmetic_index_multiplies() {
    let input = spread_input();
    for base in [WeightBase::PerKpi, WeightBase::PerLevel] {
        let mut s = settings(&input, PCT_ARITH, base);
        s.rules.max_missing = 1.0;
        s.weights.dimensions[0] = 2.0;
        s.weights.subdimensions[3] = 0.5;
        s.weights.subdimensions[1] = 0.0;
        s.weights.categories[0] = 0.0;
        s.weights.categories[5] = 2.0;
        s.weights.kpis[5] = 3.0;
        let result = nominal(&input, &s);
        let data = normalise::normalise(&input, Normalisation::Pct);
        for (c, city) in result.cities.iter().enumerate() {
            let weights = effective_weights(&input, &s, Some(c));
            let total: f64 = weights.iter().sum();
            let Some(score) = city.score else {
                assert_eq!(total, 0.0);
                continue;
            };
            assert!((total - 1.0).abs() < 1e-12, "{base:?} city {c}: {total}");
            let sum: f64 = (0..input.items)
                .filter(|&i| weights[i] > 0.0)
                .map(|i| weights[i] * data[c * input.items + i])
                .sum();
            assert!((sum - score).abs() < 1e-6, "{base:?} city {c}: {sum} vs {score}");
        }
        let all = effective_weights(&input, &s, None);
        assert!((all.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }
}

#[test]
fn a_cancelled_analysis_stops_and_zero_runs_give_no_statistics() {
    let input = spread_input();
    let mut s = settings(&input, Method::default(), WeightBase::PerLevel);
    s.rules.max_missing = 1.0;
    let nom = nominal(&input, &s);
    let progress = Progress::default();
    progress.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
    let mc = UncertaintySettings::default();
    assert!(uncertainty(&input, &s, &nom, &mc, Some(&progress)).is_none());
    assert_eq!(progress.done.load(std::sync::atomic::Ordering::Relaxed), 0);
    let live = Progress::default();
    let result = uncertainty(&input, &s, &nom, &mc, Some(&live)).unwrap();
    assert_eq!(live.done.load(std::sync::atomic::Ordering::Relaxed), mc.runs);
    assert!(result.index.iter().all(Option::is_some));
    let none = UncertaintySettings { runs: 0, ..mc };
    let result = uncertainty(&input, &s, &nom, &none, None).unwrap();
    assert!(result.index.iter().all(Option::is_none));
    assert_eq!(result.mean_rank_shift, 0.0);
}
