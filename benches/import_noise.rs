//! What problems cost: the import of 1,000 generated cities × 112 items × 10
//! years (1.12 M rows, long CSV) with a warning in one row of 11 (83,288
//! "percentage outside 0-100" and "% sign on a value not in %" warnings) against
//! the same file without them (aim: at most 1.3× the clean file); and a CSV of
//! 100,000 columns, which is refused (aim: under 1 s). Each run is `import::load`:
//! reading, every row check, the duplicate check and indexing: what `validate`
//! does before it prints.

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};

use cityprofile::import::{self, Input};

const CITIES: usize = 1000;
const YEARS: usize = 10;
/// One row of this many has a warning.
const EVERY: usize = 11;

fn data_file(name: &str, write: impl FnOnce(&Path)) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-data");
    let path = dir.join(name);
    if !path.exists() {
        std::fs::create_dir_all(&dir).expect("bench data folder");
        write(&path);
    }
    path
}

fn long_file(every: usize) -> PathBuf {
    data_file(&format!("long-{CITIES}x{YEARS}-noise-{every}.csv"), |path| {
        let catalogue = import::default_catalogue().expect("catalogue");
        let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
        cityprofile::bench_data::write_long_csv_noisy(&catalogue, (CITIES, YEARS), every, &mut out).expect("write");
    })
}

fn wide_file() -> PathBuf {
    data_file("wide-100000-columns.csv", |path| {
        let header: Vec<String> = (0..100_000).map(|i| format!("column {i}")).collect();
        let row: Vec<String> = (0..100_000).map(|i| i.to_string()).collect();
        std::fs::write(path, format!("{}\n{}\n", header.join(","), row.join(","))).expect("write");
    })
}

/// Imports one file; returns its (errors, warnings) so the work is not optimised away.
fn import(path: &Path) -> (usize, usize) {
    let catalogue = import::default_catalogue().expect("catalogue");
    let loaded = import::load(&catalogue, &[Input::Path(path.to_path_buf())], &mut |_, _, _| {});
    (loaded.report.error_count(), loaded.report.warning_count())
}

fn bench(c: &mut Criterion) {
    let (clean, noisy, wide) = (long_file(0), long_file(EVERY), wide_file());
    assert_eq!(import(&clean), (0, 0));
    let (errors, warnings) = import(&noisy);
    assert!(errors == 0 && warnings > 80_000, "{errors} errors, {warnings} warnings");
    assert_eq!(import(&wide).0, 1, "the wide file is refused");
    let mut group = c.benchmark_group("import_problems_1000_cities_x_10_years");
    group.sample_size(10);
    group.bench_function("clean", |b| b.iter(|| import(&clean)));
    group.bench_function("warning_in_1_row_of_11", |b| b.iter(|| import(&noisy)));
    group.finish();
    let mut group = c.benchmark_group("import_refused");
    group.sample_size(10);
    group.bench_function("csv_of_100000_columns", |b| b.iter(|| import(&wide)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
