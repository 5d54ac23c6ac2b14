//! Every city's export into a folder, on all cores.

use std::path::{Path, PathBuf};

use super::{ExportError, ExportSpec, export_city, suggested_name};
use crate::model::CityId;
use crate::workspace::Workspace;

/// One file per city into `dir`, on all cores; `progress(done, total, file)` after each.
/// Returns each city's name and result, in city order.
pub fn export_all(
    ws: &Workspace,
    spec: &ExportSpec,
    dir: &Path,
    progress: &(dyn Fn(usize, usize, &str) + Sync),
) -> Vec<(String, Result<PathBuf, ExportError>)> {
    if let Err(e) = std::fs::create_dir_all(dir) {
        let reason = e.to_string();
        return ws
            .dataset
            .cities
            .iter()
            .map(|c| {
                (
                    c.name.clone(),
                    Err(ExportError::Write {
                        path: dir.display().to_string(),
                        reason: reason.clone(),
                    }),
                )
            })
            .collect();
    }
    let total = ws.dataset.cities.len();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::with_capacity(total));
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(total.max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if i >= total {
                        break;
                    }
                    let city = &ws.dataset.cities[i];
                    let path = dir.join(suggested_name(ws, CityId(i), spec));
                    // A city without the requested year is skipped with its error, the others go on.
                    let result = export_city(ws, CityId(i), spec, &path);
                    let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                    progress(n, total, &path.display().to_string());
                    if let Ok(mut r) = results.lock() {
                        r.push((i, city.name.clone(), result));
                    }
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by_key(|r| r.0);
    results.into_iter().map(|(_, name, result)| (name, result)).collect()
}
