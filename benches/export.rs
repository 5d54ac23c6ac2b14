//! Exporting the wheels of 1,000 generated cities (every KPI and data point, one
//! year) as SVG and as PNG (1080 × 1080), as `cityprofile export --all-cities` does.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

use cityprofile::export::{ChartKind, ExportSpec, Format, Preset, export_all};
use cityprofile::workspace::{Sources, Workspace};

fn bench(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-data");
    std::fs::create_dir_all(&dir).expect("bench data folder");
    let csv = dir.join("long-1000x1.csv");
    if !csv.exists() {
        let catalogue = cityprofile::import::default_catalogue().expect("catalogue");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&csv).expect("create"));
        cityprofile::bench_data::write_long_csv(&catalogue, 1000, 1, &mut out).expect("write");
    }
    let ws = Workspace::load(
        &Sources {
            paths: vec![csv],
            ..Sources::default()
        },
        &mut |_, _, _| {},
    )
    .expect("load");
    assert_eq!(ws.dataset.cities.len(), 1000);
    let out = tempfile::tempdir().expect("out");
    let (width, height) = Preset::Square.size();
    let mut group = c.benchmark_group("export_1000_wheels");
    group.sample_size(10);
    for format in [Format::Svg, Format::Png] {
        let spec = ExportSpec {
            chart: ChartKind::Wheel,
            format,
            width,
            height,
            ..ExportSpec::default()
        };
        group.bench_function(format.extension(), |b| {
            b.iter(|| {
                let results = export_all(&ws, &spec, out.path(), &|_, _, _| {});
                assert!(results.iter().all(|(_, r)| r.is_ok()));
                results.len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
