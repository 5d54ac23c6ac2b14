//! Import + validate + score of 1,000 generated cities × every data point × 10 years
//! (long CSV, about 1.1 M rows), and the same data as Parquet (text columns, and
//! with the years as integers, as pandas writes them), against polars' own bare
//! CSV read of the same file (and its bare Parquet read). Aim: within 3× of the
//! bare read.
//!
//! The data are generated once into `target/bench-data/` by `cityprofile::bench_data`.

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use polars::prelude::*;

use cityprofile::import::{self, Input};
use cityprofile::model::CityId;
use cityprofile::score::score_cities;

const CITIES: usize = 1000;
const YEARS: usize = 10;

fn data_files() -> (PathBuf, PathBuf) {
    let (csv, parquet, _) = data_files_of(CITIES);
    (csv, parquet)
}

/// The generated data of `cities` cities × 10 years, as CSV, Parquet of text
/// columns and Parquet with integer years.
fn data_files_of(cities: usize) -> (PathBuf, PathBuf, PathBuf) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-data");
    let csv = dir.join(format!("long-{cities}x{YEARS}.csv"));
    let parquet = dir.join(format!("long-{cities}x{YEARS}.parquet"));
    let typed = dir.join(format!("long-{cities}x{YEARS}-int-years.parquet"));
    if !csv.exists() || !parquet.exists() || !typed.exists() {
        std::fs::create_dir_all(&dir).expect("bench data folder");
        let catalogue = import::default_catalogue().expect("bundled catalogue");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&csv).expect("create csv"));
        let rows = cityprofile::bench_data::write_long_csv(&catalogue, cities, YEARS, &mut out).expect("write csv");
        drop(out);
        let mut df = CsvReadOptions::default()
            .with_infer_schema_length(Some(0))
            .try_into_reader_with_file_path(Some(csv.clone()))
            .expect("open")
            .finish()
            .expect("read");
        ParquetWriter::new(std::fs::File::create(&parquet).expect("create parquet"))
            .finish(&mut df)
            .expect("write parquet");
        let years = df
            .column("year")
            .expect("year")
            .cast(&DataType::Int32)
            .expect("integer years");
        df.with_column(years).expect("year column");
        ParquetWriter::new(std::fs::File::create(&typed).expect("create parquet"))
            .finish(&mut df)
            .expect("write parquet");
        eprintln!("generated {rows} rows into {}", dir.display());
    }
    (csv, parquet, typed)
}

/// The whole pipeline a user runs: read, check every row, then score every city's latest year.
fn import_and_score(path: &Path) -> usize {
    let catalogue = import::default_catalogue().expect("bundled catalogue");
    let loaded = import::load(&catalogue, &[Input::Path(path.to_path_buf())], &mut |_, _, _| {});
    assert_eq!(loaded.report.error_count(), 0);
    let every_city: Vec<(CityId, Option<i32>)> = (0..loaded.dataset.cities.len())
        .map(|c| (CityId::new(c), None))
        .collect();
    score_cities(&catalogue, &loaded.dataset, &loaded.targets, &every_city)
        .iter()
        .map(|p| p.overall.total as usize)
        .sum()
}

fn bench(c: &mut Criterion) {
    bench_size(c, CITIES);
    // 10,000 cities (11.2 M rows, 450 MB): minutes per run, so only when asked.
    if std::env::var_os("CITYPROFILE_BENCH_10K").is_some() {
        bench_size(c, 10_000);
    }
}

fn bench_size(c: &mut Criterion, cities: usize) {
    let (csv, parquet, typed) = data_files_of(cities);
    let mut group = c.benchmark_group(format!("import_{cities}_cities_x_10_years"));
    group.sample_size(10);
    group.bench_function("polars_bare_csv_read", |b| {
        b.iter(|| {
            CsvReadOptions::default()
                .with_has_header(true)
                .try_into_reader_with_file_path(Some(csv.clone()))
                .expect("open")
                .finish()
                .expect("read")
                .height()
        })
    });
    // What polars alone takes to read the Parquet file (the yardstick of the
    // issue is the bare CSV read above; this shows how much of our Parquet time
    // is polars' decoding).
    group.bench_function("polars_bare_parquet_read", |b| {
        b.iter(|| {
            ParquetReader::new(std::fs::File::open(&parquet).expect("open"))
                .finish()
                .expect("read")
                .height()
        })
    });
    group.bench_function("cityprofile_csv_import_validate_score", |b| {
        b.iter(|| import_and_score(&csv))
    });
    group.bench_function("cityprofile_parquet_import_validate_score", |b| {
        b.iter(|| import_and_score(&parquet))
    });
    group.bench_function("cityprofile_parquet_int_years_import_validate_score", |b| {
        b.iter(|| import_and_score(&typed))
    });
    group.finish();
}

/// The record scan (which row each record starts on, which records are ragged): ours
/// (memchr over the bytes, on all cores when there are no quotes) against the `csv`
/// crate reading every record with its position, on the same bytes in memory.
fn record_scan(c: &mut Criterion) {
    let (csv, _) = data_files();
    let bytes = std::fs::read(&csv).expect("read");
    let mut group = c.benchmark_group("record_scan_1000_cities_x_10_years");
    group.sample_size(10);
    group.bench_function("cityprofile_scan", |b| {
        b.iter(|| cityprofile::import::fuzzing::delimited(&bytes))
    });
    group.bench_function("csv_crate_records_with_positions", |b| {
        b.iter(|| {
            let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes.as_slice());
            let mut record = csv::ByteRecord::new();
            let (mut lines, mut ragged) = (Vec::new(), 0usize);
            while reader.read_byte_record(&mut record).unwrap_or(false) {
                lines.push(record.position().map_or(0, |p| p.line()));
                ragged += usize::from(record.len() != 5);
            }
            (lines.len(), ragged)
        })
    });
    group.finish();
}

criterion_group!(benches, bench, record_scan);
criterion_main!(benches);
