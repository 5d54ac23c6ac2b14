//! Everything needed to score cities: catalogue, dataset, targets in force,
//! and the import report, loaded from paths (or the bundled samples).

use std::path::PathBuf;

use crate::import::{self, ImportReport, Input};
use crate::model::{Catalogue, CityId, Dataset, TargetSet};
use crate::score::{Profile, score_city};

/// A loaded workspace.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// Unique per load in this process: ids kept across frames carry it, so an id
    /// from an earlier workspace is never used to index a later one.
    pub generation: u64,
    pub catalogue: Catalogue,
    pub dataset: Dataset,
    /// Defaults, then targets found in the datasets, then `--targets` files.
    pub targets: TargetSet,
    pub report: ImportReport,
}

fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// A city of one particular workspace, safe to keep across frames and reloads:
/// [`Workspace::resolve`] gives its `CityId` only in the workspace it came from,
/// and [`Workspace::adopt`] finds the same city (by name) in a new workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CityRef {
    generation: u64,
    id: CityId,
}

/// Where a workspace comes from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Data files or folders; empty means the bundled sample cities.
    pub paths: Vec<PathBuf>,
    /// Extra targets files.
    pub targets: Vec<PathBuf>,
    /// Another catalogue instead of U4SSC.
    pub catalogue: Option<PathBuf>,
}

impl Sources {
    /// The data inputs: the paths, or the bundled samples when there are none.
    pub(crate) fn inputs(&self) -> Vec<Input> {
        if self.paths.is_empty() {
            import::bundled_samples()
        } else {
            self.paths.iter().cloned().map(Input::Path).collect()
        }
    }
}

/// Why nothing could be loaded at all.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error("the catalogue could not be loaded")]
    Catalogue(ImportReport),
}

impl Workspace {
    /// Loads catalogue, default targets, datasets and targets files.
    pub fn load(sources: &Sources, progress: &mut import::ProgressFn<'_>) -> Result<Workspace, WorkspaceError> {
        let mut report = ImportReport::default();
        let catalogue = match &sources.catalogue {
            None => import::default_catalogue().map_err(WorkspaceError::Catalogue)?,
            Some(path) => {
                let title = path
                    .file_stem()
                    .map_or_else(|| "catalogue".into(), |s| s.to_string_lossy().to_string());
                let bytes = std::fs::read(path).map_err(|e| {
                    let mut r = ImportReport::default();
                    r.push(import::Problem::file(
                        import::Severity::Error,
                        &path.display().to_string(),
                        format!("cannot read the catalogue: {e}"),
                        "check the path",
                    ));
                    WorkspaceError::Catalogue(r)
                })?;
                let mut r = ImportReport::default();
                import::parse_catalogue(&title, &path.display().to_string(), &bytes, &mut r)
                    .ok_or(WorkspaceError::Catalogue(r))?
            }
        };
        let mut targets = if sources.catalogue.is_none() {
            import::default_targets(&catalogue, &mut report)
        } else {
            TargetSet::default()
        };
        let loaded = import::load(&catalogue, &sources.inputs(), progress);
        report.absorb(loaded.report);
        targets.extend(loaded.targets);
        if !sources.targets.is_empty() {
            let inputs: Vec<Input> = sources.targets.iter().cloned().map(Input::Path).collect();
            targets.extend(import::load_targets(&catalogue, &inputs, &mut report));
        }
        Ok(Workspace {
            generation: next_generation(),
            catalogue,
            dataset: loaded.dataset,
            targets,
            report,
        })
    }

    /// A reference to one of this workspace's cities.
    pub fn city_ref(&self, id: CityId) -> CityRef {
        CityRef {
            generation: self.generation,
            id,
        }
    }

    /// The city a reference names, if it is one of this workspace's.
    pub(crate) fn resolve(&self, city: CityRef) -> Option<CityId> {
        (city.generation == self.generation && city.id.0 < self.dataset.cities.len()).then_some(city.id)
    }

    /// The same city (by name) in this workspace, for a reference from `old`.
    pub(crate) fn adopt(&self, old: &Workspace, city: CityRef) -> Option<CityRef> {
        let name = &old.dataset.cities.get(old.resolve(city)?.0)?.name;
        self.dataset.city_by_name(name).map(|id| self.city_ref(id))
    }

    /// Scores a city for a year (`None` = its latest year).
    pub fn profile(&self, city: CityId, year: Option<i32>) -> Profile {
        score_city(&self.catalogue, &self.dataset, &self.targets, city, year)
    }

    /// Profiles of several cities for `year`; a city without data in that year gets
    /// its latest year instead (`None`: every city its latest).
    pub fn profiles(&self, cities: &[CityId], year: Option<i32>) -> Vec<Profile> {
        let requests: Vec<(CityId, Option<i32>)> = cities
            .iter()
            .map(|&c| (c, year.filter(|y| self.dataset.years_of(c).contains(y))))
            .collect();
        crate::score::score_cities(&self.catalogue, &self.dataset, &self.targets, &requests)
    }
}
