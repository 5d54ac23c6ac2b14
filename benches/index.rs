//! The composite index on 1,000 generated cities × 112 items (derived targets, so
//! that every higher/lower item is scored). Aims (issue 13): the uncertainty
//! analysis, 1,000 runs, under 0.5 s on 2 cores; the nominal re-rank after a
//! weight change under 5 ms.

use criterion::{Criterion, criterion_group, criterion_main};

use cityprofile::model::CityId;
use cityprofile::score::PeerChoice;
use cityprofile::score::index::{
    IndexSettings, Method, Rules, UncertaintySettings, WeightBase, Weights, nominal, uncertainty,
};
use cityprofile::workspace::{Scoring, Sources, Workspace};

fn workspace(cities: usize, dir: &std::path::Path) -> Workspace {
    let catalogue = cityprofile::import::default_catalogue().expect("catalogue");
    let path = dir.join(format!("{cities}-cities.csv"));
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    cityprofile::bench_data::write_long_csv(&catalogue, cities, 1, &mut file).expect("generate");
    drop(file);
    let sources = Sources {
        paths: vec![path],
        scoring: Scoring {
            derived: Some(PeerChoice::All),
            ..Scoring::default()
        },
        ..Sources::default()
    };
    Workspace::load(&sources, &mut |_, _, _| {}).expect("load")
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = workspace(1_000, dir.path());
    let members: Vec<CityId> = (0..ws.dataset.cities.len()).map(CityId::new).collect();
    let mut group = c.benchmark_group("index");
    group.bench_function("input_1000_cities", |b| b.iter(|| ws.index_input(&members, None).len()));
    let input = ws.index_input(&members, None);
    let mut settings = IndexSettings {
        method: Method::default(),
        weights: Weights::preset(WeightBase::PerLevel, &ws.catalogue),
        rules: Rules::default(),
    };
    let result = nominal(&input, &settings);
    let ranked = result.cities.iter().filter(|c| c.rank.is_some()).count();
    println!(
        "{} cities, {} items in the index, {ranked} ranked",
        input.len(),
        result.index_items
    );
    group.bench_function("rerank_1000_cities", |b| {
        let mut k = 0.0;
        b.iter(|| {
            k += 0.01;
            settings.weights.dimensions[1] = 1.0 + k % 1.0;
            nominal(&input, &settings).cities.len()
        })
    });
    let mc = UncertaintySettings {
        runs: 1_000,
        seed: 1,
        ..UncertaintySettings::default()
    };
    group.sample_size(10);
    group.bench_function("uncertainty_1000_cities_1000_runs", |b| {
        b.iter(|| uncertainty(&input, &settings, &result, &mc, None).map(|u| u.mean_rank_shift))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
