//! The Index view's files: the ranking chart and table exported in the
//! background (atomically), weights loaded and saved.

use std::path::PathBuf;

use super::{IndexFile, IndexView};
use crate::app::jobs::{Job, Repaint};
use crate::export::index_chart::RankingSpec;
use crate::export::index_out::IndexRun;
use crate::export::write_atomic;
use crate::export::xlsx_out::index_workbook;
use crate::score::index::{IndexSettings, Weights};

impl IndexView {
    /// What to do with the file the dialog answered for `file`.
    pub(crate) fn file_chosen(&mut self, file: IndexFile, path: PathBuf, repaint: &Repaint) {
        match file {
            IndexFile::LoadWeights => self.load_weights(&path),
            IndexFile::SaveWeights => self.save_weights(path),
            IndexFile::Chart(_) | IndexFile::Table | IndexFile::Workbook => {
                let Some((run, focus)) = self.run() else {
                    self.status = Some(("Nothing to export yet: the index is still being computed".into(), true));
                    return;
                };
                let level = self.choices.as_ref().and_then(|c| c.level);
                let by_median = self.choices.as_ref().is_some_and(|c| c.by_median);
                let (width, height) = self.choices.as_ref().map_or((1920.0, 1080.0), |c| c.preset.size());
                self.export = Some(Job::spawn("index export", repaint.clone(), move |_| {
                    let written = match file {
                        IndexFile::Chart(format) => {
                            let spec = RankingSpec {
                                level,
                                focus,
                                by_median,
                                width,
                                height,
                                ..RankingSpec::new(format)
                            };
                            run.export_ranking(&spec, &path).map_err(|e| e.to_string())
                        }
                        IndexFile::Workbook => index_workbook(&run)
                            .map_err(|e| e.to_string())
                            .and_then(|bytes| write_atomic(&path, &bytes).map_err(|e| e.to_string())),
                        _ => run.export_csv(&path).map_err(|e| e.to_string()),
                    };
                    written.map(|()| path)
                }));
            }
        }
    }

    /// The index shown, as a run to export, with the city shown.
    fn run(&self) -> Option<(IndexRun, Option<crate::model::CityId>)> {
        let c = &self.computation;
        let (ws, input, nominal, choices) = (c.ws.as_ref()?, c.input()?, c.nominal()?, self.choices.as_ref()?);
        let run = IndexRun {
            year: c.year,
            group: c.group_label().to_string(),
            weights_source: choices.weights_source.clone(),
            target_set: ws.targets.label.to_string(),
            input: (*input).clone(),
            settings: IndexSettings {
                method: choices.method,
                weights: choices.weights.clone(),
                rules: choices.rules,
            },
            nominal: (*nominal).clone(),
            mc: choices.mc.clone(),
            uncertainty: c.uncertainty().map(|u| (*u).clone()),
        };
        Some((run, self.focus))
    }

    fn load_weights(&mut self, path: &std::path::Path) {
        let (Some(ws), Some(choices)) = (self.computation.ws.as_ref(), self.choices.as_mut()) else {
            return;
        };
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                self.status = Some((format!("{} could not be read: {e}", path.display()), true));
                return;
            }
        };
        match Weights::parse(&text, &ws.catalogue) {
            Ok(w) => {
                choices.weights = w;
                choices.weights_source = path.display().to_string();
                self.status = Some((format!("Weights loaded from {}", path.display()), false));
            }
            Err(errors) => {
                let first: Vec<String> = errors.iter().take(3).map(ToString::to_string).collect();
                let more = errors.len().saturating_sub(3);
                let more = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                let text = format!("{}: {}{more}; nothing changed", path.display(), first.join("; "));
                self.status = Some((text, true));
            }
        }
    }

    fn save_weights(&mut self, path: PathBuf) {
        let (Some(ws), Some(choices)) = (self.computation.ws.as_ref(), self.choices.as_ref()) else {
            return;
        };
        let text = choices.weights.to_csv(&ws.catalogue);
        self.status = Some(match crate::export::write_atomic(&path, text.as_bytes()) {
            Ok(()) => (format!("Weights saved to {}", path.display()), false),
            Err(e) => (e.to_string(), true),
        });
    }
}
