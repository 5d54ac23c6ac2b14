//! The Index view: a composite index of the shown city's peers (all real or all
//! fictional), its JRC-style ranking chart with rank uncertainty, and the
//! weights, normalisation and aggregation to play with. A change re-ranks at
//! once (the nominal index takes milliseconds); the Monte Carlo runs follow in
//! the background, with progress and cancel, once the choices rest for a moment.

mod compute;
mod controls;
mod io;
mod weights_panel;

use egui::Vec2;
use std::path::PathBuf;

use super::super::command::Command;
use super::super::context::ViewContext;
use super::super::jobs::{Job, JobState};
use super::super::models::Memo;
use super::canvas::canvas_ui;
use crate::chart::ranking::{RankingChart, ranking_overview, ranking_scene};
use crate::chart::{Hit, Scene};
use crate::export::index_out::INDEX_LABEL;
use crate::score::index::IndexResult;
use compute::Computation;

/// A file the view reads or writes, asked for with the app's file dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IndexFile {
    Chart(crate::export::Format),
    Table,
    /// The table as an Excel workbook, with the settings.
    Workbook,
    LoadWeights,
    SaveWeights,
}

impl IndexFile {
    pub(crate) fn suggested(self) -> (String, &'static str) {
        match self {
            IndexFile::Chart(f) => (format!("index-ranking.{}", f.extension()), f.extension()),
            IndexFile::Table => ("index-ranking.csv".into(), "csv"),
            IndexFile::Workbook => ("index-ranking.xlsx".into(), "xlsx"),
            IndexFile::LoadWeights => (String::new(), "csv"),
            IndexFile::SaveWeights => ("index-weights.csv".into(), "csv"),
        }
    }
}

pub use crate::analysis::IndexChoices as Choices;

type SceneKey = (u64, u64, bool, [u32; 2], bool, crate::model::CityId, Option<usize>);

/// The view's state.
#[derive(Default)]
pub struct IndexView {
    pub(crate) choices: Option<Choices>,
    computation: Computation,
    weights: weights_panel::WeightsPanel,
    scene: Memo<SceneKey, Scene>,
    /// A file asked for, waiting for the app's dialog.
    pub(crate) file_request: Option<IndexFile>,
    export: Option<Job<Result<PathBuf, String>>>,
    status: Option<(String, bool)>,
    /// The city shown at the last frame (exports highlight it).
    focus: Option<crate::model::CityId>,
}

impl IndexView {
    /// The view with the choices remembered from the last session.
    pub(crate) fn new(choices: Option<Choices>) -> IndexView {
        IndexView {
            choices,
            ..IndexView::default()
        }
    }

    /// The choices to remember.
    pub(crate) fn choices(&self) -> Option<&Choices> {
        self.choices.as_ref()
    }

    pub(crate) fn ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
        let Some(shown) = &cx.shown else { return };
        let mut choices = self.choices.take().unwrap_or_else(|| Choices::new(&shown.ws.catalogue));
        if choices.weights.kpis.len() != shown.ws.catalogue.kpis.len() {
            choices = Choices::new(&shown.ws.catalogue);
        }
        let before = choices.clone();
        controls::controls_ui(ui, &mut choices, &mut self.computation, &mut self.file_request);
        self.status_ui(ui);
        // The chart on the left, the weights on the right.
        let full = ui.available_rect_before_wrap();
        let panel_w = 290.0f32.min(full.width() * 0.45);
        let gap = 10.0;
        let split = full.max.x - panel_w;
        let chart_rect = egui::Rect::from_min_max(full.min, egui::pos2(split - gap, full.max.y));
        let panel_rect = egui::Rect::from_min_max(egui::pos2(split, full.min.y), full.max);
        ui.scope_builder(egui::UiBuilder::new().max_rect(panel_rect), |ui| {
            let input = self.computation.input();
            let io = (&cx.models.work, &mut self.file_request);
            self.weights.ui(ui, shown, &mut choices, input.as_ref(), io);
        });
        if choices != before {
            self.computation.changed(cx.now);
        }
        self.computation.update(cx, shown, &choices);
        ui.scope_builder(egui::UiBuilder::new().max_rect(chart_rect), |ui| {
            self.chart_ui(ui, cx, &choices, out);
        });
        ui.allocate_rect(full, egui::Sense::hover());
        self.choices = Some(choices);
        self.focus = Some(shown.city);
    }

    /// The index shown (tests and the monkey test read it).
    pub fn result(&self) -> Option<std::sync::Arc<IndexResult>> {
        self.computation.nominal()
    }

    /// Whether the uncertainty analysis of the index shown has finished.
    pub fn uncertainty_ready(&self) -> bool {
        self.computation.uncertainty_current()
    }

    /// Whether the uncertainty analysis is running.
    pub fn analysis_running(&self) -> bool {
        self.computation.running().is_some()
    }

    fn chart_ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, choices: &Choices, out: &mut Vec<Command>) {
        let Some(shown) = &cx.shown else { return };
        let Some(result) = self.header_ui(ui, choices.level) else {
            return;
        };
        let size = ui.available_size().max(Vec2::new(200.0, 200.0));
        let uncertainty = self.computation.uncertainty();
        let key: SceneKey = (
            self.computation.nominal_key(),
            self.computation.uncertainty_key(),
            cx.session.prefs.dark,
            [size.x as u32, size.y as u32],
            choices.by_median,
            shown.city,
            choices.level,
        );
        let names = self.computation.dimension_names();
        let scene = self.scene.get(key, &cx.models.work, || {
            let chart = RankingChart {
                result: &result,
                uncertainty: uncertainty.as_deref(),
                level: choices.level,
                focus: Some(shown.city),
                by_median: choices.by_median,
            };
            match choices.level {
                None => ranking_overview(&chart, &names, &cx.theme, (size.x, size.y)),
                Some(_) => ranking_scene(&chart, &cx.theme, (size.x, size.y)),
            }
        });
        let canvas = canvas_ui(ui, &scene);
        let (clicked, _) = canvas.accessible_ui(ui, scene.hits.iter(), None, |r| r.label.clone());
        if let Some(Hit::City(city)) = canvas.clicked.map(|r| r.hit).or(clicked) {
            out.push(Command::SelectCity(shown.ws.city_ref(city)));
        }
        let region = canvas.hovered;
        canvas.tooltip_ui(region, |ui, _| {
            ui.weak("Click to show this city");
        });
    }

    /// The index's title line and the cities left out, or a spinner while the cities are scored.
    fn header_ui(&self, ui: &mut egui::Ui, level: Option<usize>) -> Option<std::sync::Arc<IndexResult>> {
        let Some(result) = self.computation.nominal() else {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Scoring the cities…");
            });
            return None;
        };
        let names = self.computation.dimension_names();
        let what = level
            .and_then(|d| names.get(d))
            .map_or(String::new(), |d| format!(": {d}"));
        let header = format!(
            "{INDEX_LABEL}{what} · {} · {} ranked of {}",
            self.computation.group_label(),
            result.cities.iter().filter(|c| c.rank.is_some()).count(),
            result.cities.len()
        );
        ui.label(egui::RichText::new(header).strong());
        not_ranked_ui(ui, &result);
        Some(result)
    }

    /// The last export's outcome, and a running export's spinner.
    fn status_ui(&mut self, ui: &mut egui::Ui) {
        if let Some(job) = &mut self.export {
            match job.poll() {
                JobState::Running => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("Exporting…");
                    });
                }
                JobState::Done(Ok(path)) => {
                    self.status = Some((format!("Saved {}", path.display()), false));
                    self.export = None;
                }
                JobState::Done(Err(e)) | JobState::Failed(e) => {
                    self.status = Some((e, true));
                    self.export = None;
                }
            }
        }
        if let Some((text, error)) = &self.status {
            let color = if *error {
                ui.visuals().error_fg_color
            } else {
                ui.visuals().weak_text_color()
            };
            ui.colored_label(color, text);
        }
    }
}

/// The cities the rules leave out, and why (collapsed).
fn not_ranked_ui(ui: &mut egui::Ui, result: &IndexResult) {
    let left: Vec<_> = result.cities.iter().filter(|c| c.not_ranked.is_some()).collect();
    if left.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("{} not ranked", left.len()))
        .id_salt("index-not-ranked")
        .show(ui, |ui| {
            egui::ScrollArea::vertical().max_height(120.0).show(ui, |ui| {
                for c in left {
                    ui.label(format!("{}: {}", c.name, c.not_ranked.as_deref().unwrap_or("")));
                }
            });
        });
}
