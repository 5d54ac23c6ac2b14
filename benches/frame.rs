//! One whole idle frame of the app (UI logic of every panel, then egui's
//! tessellation), wheel view of the same city (Lakeside), with the 15 sample cities
//! loaded and with 1,000 generated cities loaded besides them. Aims: the second no
//! more than 20 % slower than the first, and under 2 ms. The generated data go to
//! `target/bench-data/` (1,000 cities × every item × 3 years: the number of cities
//! is what matters to a frame). With `CITYPROFILE_BENCH_10K=1`, also 10,000
//! generated cities (issue 14: the app stays responsive at 10,000 cities).

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};

use cityprofile::analysis::Analysis;
use cityprofile::app::{CityProfileApp, Command, Preferences, View};
use cityprofile::workspace::Sources;

fn generated(cities: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-data");
    let csv = dir.join(format!("frame-{cities}x3.csv"));
    if !csv.exists() {
        std::fs::create_dir_all(&dir).expect("bench data folder");
        let catalogue = cityprofile::import::default_catalogue().expect("catalogue");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&csv).expect("create"));
        cityprofile::bench_data::write_long_csv(&catalogue, cities, 3, &mut out).expect("write");
    }
    csv
}

fn raw_input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1360.0, 860.0))),
        ..Default::default()
    }
}

/// One frame: the app's UI, then tessellation; returns the number of meshes.
fn frame(ctx: &egui::Context, app: &mut CityProfileApp) -> usize {
    let mut output = ctx.run_ui(raw_input(), |ui| app.show(ui));
    output.textures_delta.clear();
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

/// An app on `datasets` with `city` shown in the wheel view, its models built.
fn app_on(datasets: Vec<PathBuf>, city: &str) -> (egui::Context, CityProfileApp) {
    let analysis = Analysis {
        datasets,
        ..Analysis::default()
    };
    let mut app = CityProfileApp::new(Preferences::default(), analysis, Sources::default());
    app.load_blocking();
    let ctx = egui::Context::default();
    let ws = app.workspace().cloned().expect("loaded");
    let id = ws.dataset.city_by_name(city).expect("city");
    app.apply(Command::SelectCity(ws.city_ref(id)), &ctx);
    app.apply(Command::SetView(View::Wheel), &ctx);
    for _ in 0..5 {
        frame(&ctx, &mut app);
    }
    (ctx, app)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("idle_frame_wheel");
    let mut small = app_on(Vec::new(), "Lakeside (fictional)");
    group.bench_function("15_sample_cities", |b| b.iter(|| frame(&small.0, &mut small.1)));
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-cities");
    let mut large = app_on(vec![samples.clone(), generated(1000)], "Lakeside (fictional)");
    assert_eq!(large.1.workspace().map(|ws| ws.dataset.cities.len()), Some(1015));
    group.bench_function("1015_cities", |b| b.iter(|| frame(&large.0, &mut large.1)));
    // 10,000 generated cities (3.4 M rows, 130 MB) only when asked: the file takes a
    // while to write and load.
    if std::env::var_os("CITYPROFILE_BENCH_10K").is_some() {
        let mut huge = app_on(vec![samples, generated(10_000)], "Lakeside (fictional)");
        assert_eq!(huge.1.workspace().map(|ws| ws.dataset.cities.len()), Some(10_015));
        group.bench_function("10015_cities", |b| b.iter(|| frame(&huge.0, &mut huge.1)));
        paired(&mut small, &mut huge);
    }
    group.finish();
    paired(&mut small, &mut large);
}

/// The two apps' frames in turn (A B A B ...), so that the machine's drifting speed
/// affects both alike; prints each one's median and the ratio of medians.
fn paired(small: &mut (egui::Context, CityProfileApp), large: &mut (egui::Context, CityProfileApp)) {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..3000 {
        for (times, (ctx, app)) in [(&mut a, &mut *small), (&mut b, &mut *large)] {
            let start = std::time::Instant::now();
            std::hint::black_box(frame(ctx, app));
            times.push(start.elapsed().as_secs_f64());
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (ma, mb) = (median(&mut a), median(&mut b));
    let cities = large.1.workspace().map_or(0, |ws| ws.dataset.cities.len());
    eprintln!(
        "paired, 3000 frames each: 15 cities {:.0} µs, {cities} cities {:.0} µs, ratio {:.3}",
        ma * 1e6,
        mb * 1e6,
        mb / ma
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
