//! Every city's export into a folder, on all cores.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::{ExportError, ExportSpec, export_city, suggested_name};
use crate::model::CityId;
use crate::workspace::Workspace;

/// One file per city into `dir`, on all cores; `progress(done, total, file)` after each.
/// Returns each city's name and result, in city order. A city that fails (no data
/// for the year, a write error, even a panic while drawing it) gets its error; the
/// others are still written.
pub fn export_all(
    ws: &Workspace,
    spec: &ExportSpec,
    dir: &Path,
    progress: &(dyn Fn(usize, usize, &str) + Sync),
) -> Vec<(String, Result<Vec<PathBuf>, ExportError>)> {
    let names: Vec<String> = ws.dataset.cities.iter().map(|c| c.name.clone()).collect();
    if let Err(e) = std::fs::create_dir_all(dir) {
        let reason = e.to_string();
        let error = || ExportError::Write {
            path: dir.display().to_string(),
            reason: reason.clone(),
        };
        return names.into_iter().map(|name| (name, Err(error()))).collect();
    }
    let results = export_each(names.len(), progress, |i| {
        let path = dir.join(suggested_name(ws, CityId::new(i), spec));
        let result = export_city(ws, CityId::new(i), spec, &path);
        (path.display().to_string(), result)
    });
    names.into_iter().zip(results).collect()
}

/// Runs `export(i)` for every city index on the rayon pool, in any order, and
/// returns the results in index order; `export` returns the file's name (for the
/// progress line) and its result. A panic becomes that city's error.
pub(crate) fn export_each(
    total: usize,
    progress: &(dyn Fn(usize, usize, &str) + Sync),
    export: impl Fn(usize) -> (String, Result<Vec<PathBuf>, ExportError>) + Sync,
) -> Vec<Result<Vec<PathBuf>, ExportError>> {
    let done = AtomicUsize::new(0);
    (0..total)
        .into_par_iter()
        .map(|i| {
            let (file, result) = catch_unwind(AssertUnwindSafe(|| export(i))).unwrap_or_else(|panic| {
                let reason = crate::model::panic_message(panic.as_ref());
                (String::new(), Err(ExportError::Panicked(reason)))
            });
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total, &file);
            result
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A city whose export panics gets an error; every other city is exported
    /// (before, one panic stopped the whole `--all-cities` run).
    #[test]
    fn a_panicking_city_becomes_its_own_error() {
        let progress_calls = AtomicUsize::new(0);
        let progress = |_: usize, _: usize, _: &str| {
            progress_calls.fetch_add(1, Ordering::Relaxed);
        };
        let results = export_each(40, &progress, |i| {
            assert!(i != 7, "a drawing bug in city 7");
            (
                format!("city-{i}.png"),
                Ok(vec![PathBuf::from(format!("city-{i}.png"))]),
            )
        });
        assert_eq!(results.len(), 40);
        assert_eq!(progress_calls.load(Ordering::Relaxed), 40);
        for (i, result) in results.iter().enumerate() {
            match (i, result) {
                (7, Err(ExportError::Panicked(reason))) => assert!(reason.contains("drawing bug"), "{reason}"),
                (7, other) => panic!("city 7: {other:?}"),
                (_, Ok(paths)) => assert_eq!(paths, &[PathBuf::from(format!("city-{i}.png"))]),
                (_, Err(e)) => panic!("city {i}: {e}"),
            }
        }
    }
}
