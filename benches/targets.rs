//! Derived targets (SDSN method) over many cities, and changing the target set
//! (a new workspace revision: bundled set parsed, targets assembled, U4SSC bands
//! checked). Aims: deriving for 10,000 cities under 100 ms (it runs once per year
//! and peer group, then is cached); switching the set under 20 ms.

use criterion::{Criterion, criterion_group, criterion_main};

use cityprofile::import::{self, Input};
use cityprofile::model::{CityId, TargetSet, TargetSetName};
use cityprofile::score::derive_targets;
use cityprofile::workspace::{Scoring, Sources, Workspace};

fn dataset(cities: usize) -> cityprofile::model::Dataset {
    let catalogue = import::default_catalogue().expect("catalogue");
    let mut csv = Vec::new();
    cityprofile::bench_data::write_long_csv(&catalogue, cities, 1, &mut csv).expect("generate");
    let input = Input::Bytes {
        name: format!("{cities}-cities.csv"),
        bytes: csv.into(),
    };
    import::load(&catalogue, &[input], &mut |_, _, _| {}).dataset
}

fn bench(c: &mut Criterion) {
    let catalogue = import::default_catalogue().expect("catalogue");
    let mut group = c.benchmark_group("targets");
    for n in [1_000, 10_000] {
        let data = dataset(n);
        let members: Vec<CityId> = (0..data.cities.len()).map(CityId::new).collect();
        let base = TargetSet::default();
        group.bench_function(format!("derive_{n}_cities"), |b| {
            b.iter(|| derive_targets(&catalogue, &data, &members, None, &base).len())
        });
    }
    let ws = Workspace::load(&Sources::default(), &mut |_, _, _| {}).expect("samples");
    let eu = Scoring {
        set: TargetSetName::Eu2030,
        derived: None,
    };
    group.bench_function("switch_target_set_samples", |b| {
        b.iter(|| ws.with_scoring(eu).targets.len())
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
