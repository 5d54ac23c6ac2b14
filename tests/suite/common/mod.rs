//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod app;

use std::path::{Path, PathBuf};

use cityprofile::import::{self, Input, Loaded, Problem, Severity};
use cityprofile::model::{Catalogue, CityId, Value};

pub fn catalogue() -> Catalogue {
    import::default_catalogue().expect("bundled catalogue")
}

/// Writes `bytes` to `name` in a fresh temporary folder; returns the folder (kept alive) and the path.
pub fn write_temp(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    (dir, path)
}

pub fn load_path(path: &Path) -> Loaded {
    import::load(&catalogue(), &[Input::Path(path.to_path_buf())], &mut |_, _, _| {})
}

/// Loads bytes as a file called `name`.
pub fn load_bytes(name: &str, bytes: &[u8]) -> Loaded {
    let (_dir, path) = write_temp(name, bytes);
    load_path(&path)
}

pub fn errors(loaded: &Loaded) -> Vec<&Problem> {
    loaded
        .report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect()
}

pub fn warnings(loaded: &Loaded) -> Vec<&Problem> {
    loaded
        .report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .collect()
}

/// The value of a KPI (by code, optional data point) for a city and year.
pub fn value(loaded: &Loaded, city: &str, year: Option<i32>, code: &str, data_point: Option<&str>) -> Option<Value> {
    let catalogue = catalogue();
    let kpi = catalogue.find_kpi(code).expect("known KPI");
    let item = match data_point {
        Some(dp) => catalogue.find_data_point(kpi, dp).expect("known data point"),
        None => catalogue.kpis[kpi.0].items[0],
    };
    let city: CityId = loaded.dataset.city_by_name(city)?;
    loaded
        .dataset
        .observation(city, item, year)
        .filter(|o| o.year() == year)
        .map(|o| o.value())
}

/// Asserts that some problem matches severity, row and a piece of its message.
pub fn assert_problem(loaded: &Loaded, severity: Severity, row: Option<usize>, needle: &str) {
    let found = loaded
        .report
        .problems
        .iter()
        .any(|p| p.severity == severity && p.row == row && p.message.contains(needle));
    assert!(
        found,
        "no {severity:?} at row {row:?} containing {needle:?}; problems: {:#?}",
        loaded.report.problems
    );
}

/// Every `.rs` file under `dir`, at any depth.
pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
