//! The app's start: the window, the preferences and the analysis last worked on
//! (eframe storage), and what the command line asked to open.

use std::path::PathBuf;

use super::files::ANALYSIS_EXTENSION;
use super::state::{ANALYSIS_KEY, LastAnalysis, Preferences};
use super::{CityProfileApp, Session};
use crate::analysis::Analysis;
use crate::workspace::{Scoring, Sources};

/// Opens the app window. `paths` (when not empty) are datasets to open as a new
/// analysis, or one analysis file (`.cityprofile`) to open; `scoring` (target
/// options given on the command line) replaces the analysis' own, and
/// `base_sources.targets` (`--targets`) are added to its targets files.
pub fn run(paths: Vec<PathBuf>, base_sources: Sources, scoring: Option<Scoring>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1360.0, 860.0])
            .with_min_inner_size([720.0, 480.0])
            .with_title("cityprofile"),
        ..Default::default()
    };
    eframe::run_native(
        "cityprofile",
        options,
        Box::new(move |cc| {
            let prefs: Preferences = cc
                .storage
                .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
                .unwrap_or_default();
            let last: LastAnalysis = cc
                .storage
                .and_then(|s| eframe::get_value(s, ANALYSIS_KEY))
                .unwrap_or_default();
            let (files, data): (Vec<PathBuf>, Vec<PathBuf>) = paths
                .into_iter()
                .partition(|p| p.extension().is_some_and(|e| e == ANALYSIS_EXTENSION));
            let mut app = start(prefs, last, data, base_sources, scoring);
            if let Some(file) = files.first() {
                app.open_analysis(file, &cc.egui_ctx);
                // Not opened (said in a notice): the remembered analysis, rather than nothing.
                if !app.is_loading() && !app.asking_for_missing_file() {
                    app.start_load(&cc.egui_ctx);
                }
            }
            Ok(Box::new(app))
        }),
    )
}

/// The app on the remembered analysis, or a new one on `data`.
fn start(
    mut prefs: Preferences,
    last: LastAnalysis,
    data: Vec<PathBuf>,
    mut base_sources: Sources,
    scoring: Option<Scoring>,
) -> CityProfileApp {
    let (mut analysis, mut file, mut unsaved) = (last.analysis, last.file, last.unsaved);
    if !data.is_empty() {
        prefs.remember(&data);
        analysis = Analysis {
            datasets: data,
            ..Analysis::default()
        };
        (file, unsaved) = (None, false);
    }
    if let Some(scoring) = scoring {
        analysis.scoring = scoring;
    }
    for targets in std::mem::take(&mut base_sources.targets) {
        if !analysis.targets_files.contains(&targets) {
            analysis.targets_files.push(targets);
        }
    }
    let saved = (!unsaved).then(|| analysis.clone());
    let mut app = CityProfileApp::new(prefs, analysis, base_sources);
    restore_file(&mut app.session, file.take(), saved);
    app
}

fn restore_file(session: &mut Session, file: Option<PathBuf>, saved: Option<Analysis>) {
    session.saved = file.as_ref().and(saved);
    session.analysis_file = file;
}
