//! Re-opening 1,000 generated cities × 112 items × 10 years (1.12 M rows, 45 MB
//! CSV) from the import cache, against importing the file again. Aim (issue 14):
//! the re-open under 50 ms. The cache lives in a temporary folder
//! (`CITYPROFILE_CACHE_DIR`), so the user's cache is untouched.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

use cityprofile::import::cache::CacheUse;
use cityprofile::workspace::{Sources, Workspace};

fn data_file() -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-data");
    let csv = dir.join("long-1000x10.csv");
    if !csv.exists() {
        std::fs::create_dir_all(&dir).expect("bench data folder");
        let catalogue = cityprofile::import::default_catalogue().expect("catalogue");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&csv).expect("create"));
        cityprofile::bench_data::write_long_csv(&catalogue, 1000, 10, &mut out).expect("write");
    }
    csv
}

fn bench(c: &mut Criterion) {
    let cache = tempfile::tempdir().expect("cache dir");
    run_with_cache_dir(cache.path());
    let sources = Sources {
        paths: vec![data_file()],
        cache: true,
        ..Sources::default()
    };
    let first = Workspace::load(&sources, &mut |_, _, _| {}).expect("load");
    assert_eq!(first.data_from, CacheUse::Files);
    let mut group = c.benchmark_group("cache");
    group.sample_size(10);
    // The workspace is dropped outside the timing (`iter_with_large_drop`): freeing
    // the last data is not part of opening the next (about 10 ms of unmapping here).
    group.bench_function("reopen_1000_cities_from_cache", |b| {
        b.iter_with_large_drop(|| {
            let ws = Workspace::load(&sources, &mut |_, _, _| {}).expect("load");
            assert_eq!(ws.data_from, CacheUse::Cache);
            ws
        })
    });
    let fresh = Sources {
        cache: false,
        ..sources.clone()
    };
    group.bench_function("import_1000_cities_without_cache", |b| {
        b.iter(|| {
            Workspace::load(&fresh, &mut |_, _, _| {})
                .expect("load")
                .dataset
                .observations
                .len()
        })
    });
    group.finish();
}

/// Points the cache at `dir`: `std::env::set_var` is unsafe in edition 2024 and
/// the crate forbids unsafe code, so the benchmark runs itself again with
/// `CITYPROFILE_CACHE_DIR` set (and exits with its status).
fn run_with_cache_dir(dir: &Path) {
    if std::env::var_os("CITYPROFILE_CACHE_DIR").is_none() {
        let status = std::process::Command::new(std::env::current_exe().expect("exe"))
            .args(std::env::args_os().skip(1))
            .env("CITYPROFILE_CACHE_DIR", dir)
            .status()
            .expect("re-run");
        std::process::exit(status.code().unwrap_or(1));
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
