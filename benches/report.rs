//! The validation report of a file with a million warnings of a few kinds: the
//! 1,000-city benchmark file (1.12 M rows) with every percentage raised by 100,
//! so that each is "outside 0-100". Aim (issue 14): the report prints as text
//! in under a second and stays readable; JSON lists every problem.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};

use cityprofile::model::UnitKind;
use cityprofile::workspace::{Sources, Workspace};

/// Writes (once) the noisy file and returns its path.
fn noisy_file() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-data");
    let csv = dir.join("noisy-1000x10.csv");
    if csv.exists() {
        return csv;
    }
    std::fs::create_dir_all(&dir).expect("bench data folder");
    let catalogue = cityprofile::import::default_catalogue().expect("catalogue");
    let percent: Vec<&str> = catalogue
        .items
        .iter()
        .filter(|item| item.unit_kind == UnitKind::Percent)
        .map(|item| catalogue.kpis[item.kpi.0].code.as_str())
        .collect();
    let mut clean = Vec::new();
    cityprofile::bench_data::write_long_csv(&catalogue, 1000, 10, &mut clean).expect("generate");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&csv).expect("create"));
    for line in clean.lines() {
        let line = line.expect("utf-8");
        let fields: Vec<&str> = line.split(',').collect();
        match fields[4].parse::<f64>() {
            Ok(v) if percent.contains(&fields[2]) => {
                writeln!(
                    out,
                    "{},{},{},{},{:.2}",
                    fields[0],
                    fields[1],
                    fields[2],
                    fields[3],
                    v + 100.0
                )
            }
            _ => writeln!(out, "{line}"),
        }
        .expect("write");
    }
    csv
}

fn bench(c: &mut Criterion) {
    let sources = Sources {
        paths: vec![noisy_file()],
        cache: false,
        ..Sources::default()
    };
    let ws = Workspace::load(&sources, &mut |_, _, _| {}).expect("load");
    let report = &ws.report;
    let mut text = Vec::new();
    cityprofile::cli::write_report_text(report, &mut text).expect("text");
    eprintln!(
        "{} warning(s), {} error(s) in {} kind(s); {} listed; text report {} lines, {} bytes",
        report.warning_count(),
        report.error_count(),
        report.kinds.kinds.len(),
        report.problems.len(),
        text.iter().filter(|&&b| b == b'\n').count(),
        text.len()
    );
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    group.bench_function("text_report_of_a_million_warnings", |b| {
        b.iter(|| cityprofile::cli::write_report_text(report, &mut std::io::sink()).expect("text"))
    });
    group.bench_function("json_report_of_a_million_warnings", |b| {
        b.iter(|| cityprofile::cli::write_report_json(report, &mut std::io::sink()).expect("json"))
    });
    group.bench_function("import_with_a_million_warnings", |b| {
        b.iter(|| {
            Workspace::load(&sources, &mut |_, _, _| {})
                .expect("load")
                .report
                .warning_count()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
