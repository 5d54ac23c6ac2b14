//! `--analysis FILE`: a command's sources from an analysis file, with what the
//! command line gives added to them. One function, so that every data command
//! (score, export, index, whatif, plan) reads an analysis the same way.

use std::path::Path;

use anyhow::{Result, bail};

use crate::analysis::{FileRole, open};
use crate::workspace::Sources;

/// `given` (the command line's sources) over the analysis in `file`: its
/// datasets then the given ones, its targets files then `--targets`, its target
/// edits and column mappings; its scoring unless a target option was given.
/// A missing file is an error naming it; a changed one a warning on stderr.
pub fn sources_with_analysis(given: Sources, file: &Path, scoring_given: bool) -> Result<Sources> {
    let opened = open(file)?;
    if let Some(missing) = opened.missing.first() {
        let what = match missing.role {
            FileRole::Dataset => "dataset",
            FileRole::Targets => "targets file",
        };
        let more = match opened.missing.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        bail!(
            "the {what} {} of the analysis {} is not at {}{more}; open the analysis in the app to locate it",
            missing.name(),
            file.display(),
            missing.looked_at.display()
        );
    }
    for changed in &opened.changed {
        say!(
            "warning: {} changed since the analysis was saved; it is read as it is now",
            changed.display()
        );
    }
    let analysis = opened.analysis;
    let added: Vec<_> = given
        .paths
        .into_iter()
        .filter(|p| !analysis.datasets.contains(p))
        .collect();
    let mut paths = analysis.datasets;
    paths.extend(added);
    let mut targets = analysis.targets_files;
    targets.extend(given.targets);
    let mut defaults = given.defaults;
    defaults.mappings.extend(analysis.mappings);
    Ok(Sources {
        paths,
        targets,
        scoring: if scoring_given { given.scoring } else { analysis.scoring },
        defaults,
        edits: analysis.target_edits,
        ..given
    })
}
