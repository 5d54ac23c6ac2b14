//! The analysis file: JSON, `{"format": "cityprofile-analysis", "version": 1, ...}`,
//! the analysis' fields, its files relative to the analysis file with their size
//! and hash. Written atomically; a newer version, another format, a damaged or a
//! truncated file is one error naming the file. See docs/analysis-file.md.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value as Json};

use super::Analysis;
use super::paths::{Fingerprint, fingerprint, relative_to};

/// The `format` value of every analysis file.
pub const FORMAT: &str = "cityprofile-analysis";
/// The format version this build writes and reads (and every one before it).
pub const VERSION: u64 = 1;

/// Why an analysis file could not be opened or saved.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    #[error("cannot read the analysis file {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("the analysis file {path} is truncated (it ends early, {detail}); save it again or use a copy")]
    Truncated { path: PathBuf, detail: String },
    #[error("the analysis file {path} is damaged ({detail})")]
    Damaged { path: PathBuf, detail: String },
    #[error("{path} is not a cityprofile analysis file ({detail})")]
    NotAnalysis { path: PathBuf, detail: String },
    #[error(
        "the analysis file {path} was made by a newer cityprofile (format {found}); this one reads format {VERSION}; update cityprofile"
    )]
    Newer { path: PathBuf, found: u64 },
    #[error("the analysis was not saved to {path}: {reason}")]
    Write { path: PathBuf, reason: String },
}

/// A file an analysis uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    Dataset,
    Targets,
}

/// A file of the analysis that is not where the analysis file says.
#[derive(Debug, Clone, PartialEq)]
pub struct Missing {
    pub role: FileRole,
    /// Its place in `Analysis::datasets` (or `targets_files`), which holds `looked_at`.
    pub index: usize,
    /// Where it was looked for.
    pub looked_at: PathBuf,
    /// What it held when the analysis was saved.
    pub saved: Option<Fingerprint>,
}

impl Missing {
    /// The file's name, to ask for it by.
    pub fn name(&self) -> String {
        self.looked_at.file_name().map_or_else(
            || self.looked_at.display().to_string(),
            |n| n.to_string_lossy().to_string(),
        )
    }

    /// Whether `found` (the file the user located) differs from the saved one.
    pub fn changed(&self, found: &Path) -> bool {
        self.saved.is_some() && fingerprint(found) != self.saved
    }
}

/// An opened analysis: its paths resolved (absolute), with what is not as saved.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub analysis: Analysis,
    /// Files not found where the analysis file says (to locate, or leave out).
    pub missing: Vec<Missing>,
    /// Files found whose content differs from when the analysis was saved:
    /// loaded as they are now, and said.
    pub changed: Vec<PathBuf>,
}

/// One file as the analysis file names it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct FileEntry {
    path: PathBuf,
    #[serde(flatten, default)]
    saved: Option<Fingerprint>,
}

/// Writes `analysis` to `path` (atomically: a reader sees the old file or the new one).
pub fn save(analysis: &Analysis, path: &Path) -> Result<(), AnalysisError> {
    let fail = |reason: String| AnalysisError::Write {
        path: path.to_path_buf(),
        reason,
    };
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let entries = |paths: &[PathBuf]| -> Json {
        let list = paths.iter().map(|p| FileEntry {
            path: relative_to(folder, p).unwrap_or_else(|| p.clone()),
            saved: fingerprint(p),
        });
        serde_json::to_value(list.collect::<Vec<_>>()).unwrap_or_default()
    };
    let mut doc = Map::new();
    doc.insert("format".into(), FORMAT.into());
    doc.insert("version".into(), VERSION.into());
    let Json::Object(fields) = serde_json::to_value(analysis).map_err(|e| fail(e.to_string()))? else {
        return Err(fail("the analysis is not a JSON object".into()));
    };
    doc.extend(fields);
    doc.insert("datasets".into(), entries(&analysis.datasets));
    doc.insert("targets_files".into(), entries(&analysis.targets_files));
    let mut bytes = serde_json::to_vec_pretty(&Json::Object(doc)).map_err(|e| fail(e.to_string()))?;
    bytes.push(b'\n');
    crate::export::write_atomic(path, &bytes).map_err(|e| fail(e.to_string()))
}

/// Reads the analysis file at `path`: the analysis with its files' paths
/// resolved, and which of them are missing or changed since it was saved.
pub fn open(path: &Path) -> Result<Opened, AnalysisError> {
    let bytes = std::fs::read(path).map_err(|source| AnalysisError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut doc = parse(path, &bytes)?;
    let damaged = |e: serde_json::Error| AnalysisError::Damaged {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    let mut take = |key: &str| -> Result<Vec<FileEntry>, AnalysisError> {
        doc.remove(key)
            .map_or(Ok(Vec::new()), |v| serde_json::from_value(v).map_err(damaged))
    };
    let (datasets, targets) = (take("datasets")?, take("targets_files")?);
    let mut analysis: Analysis = serde_json::from_value(Json::Object(doc)).map_err(damaged)?;
    // Absolute, so that what is said of a missing file names where it was looked for.
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let folder = absolute.parent().unwrap_or(Path::new(""));
    let mut opened = Opened {
        analysis: Analysis::default(),
        missing: Vec::new(),
        changed: Vec::new(),
    };
    analysis.datasets = opened.resolve(FileRole::Dataset, folder, datasets);
    analysis.targets_files = opened.resolve(FileRole::Targets, folder, targets);
    opened.analysis = analysis;
    Ok(opened)
}

/// The file's JSON object, once its format and version are known to be ours.
fn parse(path: &Path, bytes: &[u8]) -> Result<Map<String, Json>, AnalysisError> {
    let at = path.to_path_buf();
    let doc: Json = serde_json::from_slice(bytes).map_err(|e| match e.classify() {
        serde_json::error::Category::Eof => AnalysisError::Truncated {
            path: at.clone(),
            detail: e.to_string(),
        },
        _ => AnalysisError::Damaged {
            path: at.clone(),
            detail: format!("not JSON: {e}"),
        },
    })?;
    let not_ours = |detail: String| AnalysisError::NotAnalysis {
        path: at.clone(),
        detail,
    };
    let Json::Object(doc) = doc else {
        return Err(not_ours("it is not a JSON object".into()));
    };
    match doc.get("format") {
        Some(Json::String(f)) if f == FORMAT => {}
        Some(other) => return Err(not_ours(format!("its format is {other}, not \"{FORMAT}\""))),
        None => return Err(not_ours(format!("it has no \"format\": \"{FORMAT}\""))),
    }
    match doc.get("version").and_then(Json::as_u64) {
        Some(found) if found > VERSION => Err(AnalysisError::Newer { path: at, found }),
        Some(found) if found >= 1 => Ok(doc),
        _ => Err(AnalysisError::Damaged {
            path: at,
            detail: "its \"version\" is not a format version (1, 2...)".into(),
        }),
    }
}

impl Opened {
    /// The entries' paths (relative ones from the analysis file's folder), each
    /// checked against what it held when saved.
    fn resolve(&mut self, role: FileRole, folder: &Path, entries: Vec<FileEntry>) -> Vec<PathBuf> {
        let mut paths = Vec::with_capacity(entries.len());
        for (index, entry) in entries.into_iter().enumerate() {
            let path = if entry.path.is_absolute() {
                entry.path
            } else {
                folder.join(entry.path)
            };
            match fingerprint(&path) {
                None if entry.saved.is_some() || !path.exists() => self.missing.push(Missing {
                    role,
                    index,
                    looked_at: path.clone(),
                    saved: entry.saved,
                }),
                now if entry.saved.is_some() && now != entry.saved => self.changed.push(path.clone()),
                _ => {}
            }
            paths.push(path);
        }
        paths
    }
}

#[cfg(test)]
#[path = "file_tests.rs"]
mod tests;
