//! One what-if change, as a slider drag does it: re-score a 112-item city from
//! its looked-up values with a hypothetical value, then rebuild the wheel scene.
//! Aim: under 2 ms.

use criterion::{Criterion, criterion_group, criterion_main};

use cityprofile::chart::{Theme, WheelOptions, wheel_scene};
use cityprofile::model::{ItemId, Value};
use cityprofile::score::{Lookup, Overrides, score_lookup};
use cityprofile::workspace::{Sources, Workspace};

fn bench(c: &mut Criterion) {
    let ws = Workspace::load(&Sources::default(), &mut |_, _, _| {}).expect("samples");
    let city = ws.dataset.city_by_name("Lakeside (fictional)").expect("city");
    let targets = ws.targets_for(city, None);
    let lookup = Lookup::new(&ws.catalogue, &ws.dataset, &targets, city, None);
    assert_eq!(lookup.observations.len(), 112);
    let (theme, opts) = (Theme::light(), WheelOptions::default());
    let info = &ws.dataset.cities[city.index()];
    // Household Internet Access, dragged across the 66 % edge and back.
    let kpi = ws.catalogue.find_kpi("EC: ICT: ICT: 1C").expect("KPI");
    let item: ItemId = ws.catalogue.kpis[kpi.0].items[0];
    let mut overrides = Overrides::new();
    let mut high = false;
    let mut group = c.benchmark_group("whatif_112_items");
    group.bench_function("rescore", |b| {
        b.iter(|| {
            high = !high;
            overrides.insert(item, Value::Number(if high { 70.0 } else { 60.0 }));
            score_lookup(&ws.catalogue, &lookup, &overrides).overall.points
        })
    });
    group.bench_function("rescore_and_wheel_scene", |b| {
        b.iter(|| {
            high = !high;
            overrides.insert(item, Value::Number(if high { 70.0 } else { 60.0 }));
            let profile = score_lookup(&ws.catalogue, &lookup, &overrides);
            wheel_scene(&ws.catalogue, &profile, info, &theme, 900.0, 800.0, &opts)
                .shapes
                .len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
