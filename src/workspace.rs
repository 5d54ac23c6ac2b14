//! Everything needed to score cities: catalogue, dataset, targets in force,
//! and the import report, loaded from paths (or the bundled samples).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;

use crate::import::cache::{CacheUse, Want};
use crate::import::{self, ImportReport, Input};
use crate::model::{Catalogue, CityId, Dataset, TargetKind, TargetSet, TargetSetName, TargetValue, format_number};
use crate::score::index::IndexInput;
use crate::score::{Lookup, PeerChoice, PeerGroup, Profile, band_conflicts, derive_targets, score_city};

/// A loaded workspace. Changing how it is scored (target set, derived targets,
/// edits) makes a new workspace with the same `generation` (city references
/// stay valid) and a new `revision` (view models recompute).
#[derive(Debug, Clone)]
pub struct Workspace {
    /// Unique per load in this process: ids kept across frames carry it, so an id
    /// from an earlier workspace is never used to index a later one.
    pub generation: u64,
    /// Unique per workspace value: what view models are keyed on.
    pub revision: u64,
    pub catalogue: Arc<Catalogue>,
    pub dataset: Arc<Dataset>,
    pub scoring: Scoring,
    /// In force: the bundled set, then the targets found in the datasets and
    /// `--targets` files, then the app's edits. Derived targets are added per
    /// profile ([`Workspace::targets_for`]).
    pub targets: Arc<TargetSet>,
    /// The user's own targets (datasets and targets files), before edits.
    pub own_targets: Arc<TargetSet>,
    /// Targets edited in the app, over everything else.
    pub edits: Arc<TargetSet>,
    /// The import report plus the U4SSC bands that disagree with their target.
    pub report: ImportReport,
    /// Whether the data were read from the files or from the import cache.
    pub data_from: CacheUse,
    import_report: Arc<ImportReport>,
    derived: DerivedCache,
}

/// How cities are scored: the bundled target set, and whether (and from which
/// cities) to derive targets where none exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub struct Scoring {
    pub set: TargetSetName,
    /// `Some`: derive targets from the scored city's peer group (`All`: every loaded city).
    pub derived: Option<PeerChoice>,
}

/// Derived target sets already computed, per year and peer group. A clone
/// starts empty: a new workspace may score differently.
#[derive(Debug, Default)]
struct DerivedCache(Mutex<HashMap<DerivedKey, Arc<TargetSet>>>);

/// The year scored, the peer group derived targets come from, and whether
/// only its real (not fictional) cities count.
type DerivedKey = (Option<i32>, PeerGroup, bool);

impl DerivedCache {
    fn get(&self, key: &DerivedKey) -> Option<Arc<TargetSet>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).get(key).cloned()
    }

    fn put(&self, key: DerivedKey, set: Arc<TargetSet>) {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).insert(key, set);
    }
}

impl Clone for DerivedCache {
    fn clone(&self) -> Self {
        DerivedCache::default()
    }
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
    pub scoring: Scoring,
    /// The city and year of tables that have no column for them (`--city`, `--year`).
    pub defaults: import::TableDefaults,
    /// Read and write the import cache (`import::cache`). Off by default (library
    /// users and tests); the command line and the app turn it on unless `--no-cache`.
    pub cache: bool,
    /// Targets edited in the app (an analysis' edits), in force over every other.
    pub edits: Vec<import::TargetFields>,
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
        Self::load_wanting(sources, Want::Everything, progress)
    }

    /// The validation report of what [`Workspace::load`] would load, the same to
    /// the letter; from the import cache it reads only the report and the few
    /// observations its band warnings need (`validate` of 10,000 cities).
    pub fn load_report(sources: &Sources) -> Result<(ImportReport, CacheUse), WorkspaceError> {
        Self::load_wanting(sources, Want::Report, &mut |_, _, _| {}).map(|ws| (ws.report, ws.data_from))
    }

    /// With [`Want::Report`] the workspace's dataset may hold only observations
    /// with notes: it never leaves this module.
    fn load_wanting(
        sources: &Sources,
        want: Want,
        progress: &mut import::ProgressFn<'_>,
    ) -> Result<Workspace, WorkspaceError> {
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
        let (loaded, data_from) = import::cache::load_cached(
            &catalogue,
            &sources.inputs(),
            &sources.defaults,
            (sources.cache, want),
            progress,
        );
        report.absorb(loaded.report);
        let mut own = loaded.targets;
        if !sources.targets.is_empty() {
            let inputs: Vec<Input> = sources.targets.iter().cloned().map(Input::Path).collect();
            own.extend(import::load_targets(&catalogue, &inputs, &mut report));
        }
        own.set_kind(TargetKind::Own);
        let scoring = Scoring {
            // Another catalogue's codes do not match the bundled sets.
            set: if sources.catalogue.is_none() {
                sources.scoring.set
            } else {
                TargetSetName::None
            },
            ..sources.scoring
        };
        let edits = import::read_edits(&catalogue, &sources.edits, &mut report);
        let parts = Parts {
            catalogue: Arc::new(catalogue),
            dataset: Arc::new(loaded.dataset),
            own_targets: Arc::new(own),
            edits: Arc::new(edits),
            import_report: Arc::new(report),
            data_from,
        };
        Ok(parts.assemble(next_generation(), scoring))
    }

    /// This workspace scored another way (same data, same city references).
    pub fn with_scoring(&self, scoring: Scoring) -> Workspace {
        self.parts().assemble(self.generation, scoring)
    }

    /// This workspace with other edits in force.
    pub fn with_edits(&self, edits: TargetSet) -> Workspace {
        let parts = Parts {
            edits: Arc::new(edits),
            ..self.parts()
        };
        parts.assemble(self.generation, self.scoring)
    }

    fn parts(&self) -> Parts {
        Parts {
            catalogue: self.catalogue.clone(),
            dataset: self.dataset.clone(),
            own_targets: self.own_targets.clone(),
            edits: self.edits.clone(),
            import_report: self.import_report.clone(),
            data_from: self.data_from,
        }
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
        (city.generation == self.generation && city.id.index() < self.dataset.cities.len()).then_some(city.id)
    }

    /// The same city (by name) in this workspace, for a reference from `old`.
    pub(crate) fn adopt(&self, old: &Workspace, city: CityRef) -> Option<CityRef> {
        let name = &old.dataset.cities.get(old.resolve(city)?.index())?.name;
        self.dataset.city_by_name(name).map(|id| self.city_ref(id))
    }

    /// Scores a city for a year (`None` = its latest year).
    pub fn profile(&self, city: CityId, year: Option<i32>) -> Profile {
        score_city(
            &self.catalogue,
            &self.dataset,
            &self.targets_for(city, year),
            city,
            year,
        )
    }

    /// The city's values and targets for `year` (`None`: its latest), looked up
    /// once so that hypothetical values can be scored over them again and again.
    pub fn lookup(&self, city: CityId, year: Option<i32>) -> Lookup {
        Lookup::new(
            &self.catalogue,
            &self.dataset,
            &self.targets_for(city, year),
            city,
            year,
        )
    }

    /// Profiles of several cities for `year`; a city without data in that year gets
    /// its latest year instead (`None`: every city its latest).
    pub fn profiles(&self, cities: &[CityId], year: Option<i32>) -> Vec<Profile> {
        let requests: Vec<(CityId, Option<i32>)> = cities
            .iter()
            .map(|&c| (c, year.filter(|y| self.dataset.years_of(c).contains(y))))
            .collect();
        self.score_requests(&requests)
    }

    /// The input of a composite index: each member as of `year` (its latest values
    /// in or before it; `None` = each city's latest year).
    pub fn index_input(&self, members: &[CityId], year: Option<i32>) -> IndexInput {
        let requests: Vec<(CityId, Option<i32>)> = members.iter().map(|&c| (c, year)).collect();
        IndexInput::new(&self.catalogue, &self.dataset, &self.score_requests(&requests))
    }

    fn score_requests(&self, requests: &[(CityId, Option<i32>)]) -> Vec<Profile> {
        if self.scoring.derived.is_none() {
            return crate::score::score_cities(&self.catalogue, &self.dataset, &self.targets, requests);
        }
        requests
            .par_iter()
            .with_min_len(16)
            .map(|&(city, year)| self.profile(city, year))
            .collect()
    }

    /// The targets that score `city` in `year`: those in force, plus derived
    /// targets (from the city's peer group) when they are on. A real city's
    /// targets are never derived from fictional cities' values.
    pub fn targets_for(&self, city: CityId, year: Option<i32>) -> Arc<TargetSet> {
        let Some(choice) = self.scoring.derived else {
            return self.targets.clone();
        };
        let year = year.or_else(|| self.dataset.latest_year(city));
        let info = self.dataset.cities.get(city.index());
        let Some(group) = info.and_then(|c| choice.group(c)) else {
            let mut set = (*self.targets).clone();
            set.label = format!("{} · no derived targets (the city's peer group is unknown)", set.label).into();
            return Arc::new(set);
        };
        let key = (year, group, info.is_some_and(|c| !c.fictional));
        if let Some(hit) = self.derived.get(&key) {
            return hit;
        }
        let (year, group, real_only) = &key;
        let mut members = group.members(&self.dataset);
        if *real_only {
            members.retain(|m| !self.dataset.cities[m.index()].fictional);
        }
        let mut set = derive_targets(&self.catalogue, &self.dataset, &members, *year, &self.targets);
        set.extend((*self.targets).clone());
        let real = if *real_only { "real " } else { "" };
        let plural = if members.len() == 1 { "y" } else { "ies" };
        set.label = format!(
            "{} + derived targets (SDSN method) from {} ({} {real}cit{plural})",
            self.targets.label,
            group.label(),
            members.len()
        )
        .into();
        set.short = format!("{} + derived", self.targets.short).into();
        let set = Arc::new(set);
        self.derived.put(key, set.clone());
        set
    }
}

/// The parts of a workspace that do not depend on how it is scored.
struct Parts {
    catalogue: Arc<Catalogue>,
    dataset: Arc<Dataset>,
    own_targets: Arc<TargetSet>,
    edits: Arc<TargetSet>,
    import_report: Arc<ImportReport>,
    data_from: CacheUse,
}

impl Parts {
    /// The workspace scored with `scoring`: targets assembled, bands checked.
    fn assemble(self, generation: u64, scoring: Scoring) -> Workspace {
        let mut report = (*self.import_report).clone();
        let mut targets = import::bundled_targets(&self.catalogue, scoring.set, &mut report);
        targets.extend((*self.own_targets).clone());
        targets.extend((*self.edits).clone());
        // Whether own targets score a city is told per profile (`score_city`).
        targets.label = scoring.set.describe().into();
        targets.short = scoring.set.key().into();
        band_warnings(&self.catalogue, &self.dataset, &targets, &mut report);
        Workspace {
            generation,
            revision: next_generation(),
            catalogue: self.catalogue,
            dataset: self.dataset,
            scoring,
            targets: Arc::new(targets),
            own_targets: self.own_targets,
            edits: self.edits,
            report,
            data_from: self.data_from,
            import_report: self.import_report,
            derived: DerivedCache::default(),
        }
    }
}

/// A warning for every U4SSC band that differs from the band its target gives.
fn band_warnings(catalogue: &Catalogue, dataset: &Dataset, targets: &TargetSet, report: &mut ImportReport) {
    for conflict in band_conflicts(catalogue, dataset, targets) {
        let obs = conflict.observation;
        let at = dataset.origin(obs);
        let city = dataset.cities.get(obs.city.index()).map_or("", |c| c.name.as_str());
        let target = match conflict.target.value {
            TargetValue::Number(v) => format_number(v),
            TargetValue::Flag(f) => if f { "Yes" } else { "No" }.into(),
        };
        report.push(import::Problem {
            severity: import::Severity::Warning,
            file: at.file.to_string(),
            sheet: at.sheet.as_deref().map(str::to_string),
            row: Some(at.row),
            column: None,
            text: Some(obs.value().display()),
            message: format!(
                "{city}, {}: U4SSC verification gave the band {} but the target {target} gives {} ({} % of target)",
                catalogue.item_label(obs.item()),
                conflict.printed.label(),
                conflict.computed.label(),
                format_number((conflict.pct * 10.0).round() / 10.0),
            ),
            hint: Some(format!(
                "the U4SSC band is used; check the value or the target ({})",
                conflict.target.source
            )),
        });
    }
}
