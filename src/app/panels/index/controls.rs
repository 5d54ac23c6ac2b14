//! The Index view's top rows: peers, normalisation, aggregation, what to show,
//! the coverage rules, the uncertainty analysis (runs, spread, seed, methods,
//! progress, cancel) and exports.

use super::compute::Computation;
use super::{Choices, IndexFile};
use crate::export::{Format, Preset};
use crate::score::PeerChoice;
use crate::score::index::{Aggregation, Method, Normalisation};

pub(super) fn controls_ui(
    ui: &mut egui::Ui,
    choices: &mut Choices,
    computation: &mut Computation,
    file: &mut Option<IndexFile>,
) {
    ui.horizontal_wrapped(|ui| method_ui(ui, choices, computation));
    ui.horizontal_wrapped(|ui| rules_ui(ui, choices));
    ui.horizontal_wrapped(|ui| uncertainty_ui(ui, choices, computation));
    ui.horizontal_wrapped(|ui| export_ui(ui, choices, file));
}

/// A labelled drop-down of `options`.
fn combo<T: PartialEq + Copy>(ui: &mut egui::Ui, label: &str, value: &mut T, options: &[(T, &str)]) -> egui::Response {
    let label = ui.label(label);
    let selected = options.iter().find(|(v, _)| v == value).map_or("", |(_, t)| t);
    egui::ComboBox::from_id_salt(label.id)
        .selected_text(selected)
        .show_ui(ui, |ui| {
            for (v, text) in options {
                ui.selectable_value(value, *v, *text);
            }
        })
        .response
        .labelled_by(label.id)
}

fn method_ui(ui: &mut egui::Ui, choices: &mut Choices, computation: &Computation) {
    let peers: Vec<(PeerChoice, &str)> = PeerChoice::ALL.iter().map(|p| (*p, p.label())).collect();
    combo(ui, "Cities:", &mut choices.peers, &peers)
        .on_hover_text("The shown city's peers; real and fictional cities are never ranked together");
    let norms: Vec<(Normalisation, &str)> = Normalisation::ALL.iter().map(|n| (*n, n.label())).collect();
    combo(ui, "Normalisation:", &mut choices.method.normalisation, &norms);
    ui.label("Aggregation:");
    for a in Aggregation::ALL {
        ui.selectable_value(&mut choices.method.aggregation, a, a.key());
    }
    ui.separator();
    ui.label("Show:");
    ui.selectable_value(&mut choices.level, None, "Index");
    for (d, name) in computation.dimension_names().iter().enumerate() {
        ui.selectable_value(&mut choices.level, Some(d), name.as_str());
    }
    ui.checkbox(&mut choices.by_median, "Sort by median rank");
}

/// A share (0-1) edited as a whole percentage.
fn percent(ui: &mut egui::Ui, value: &mut f64, (prefix, suffix, hint): (&str, &str, &str)) {
    let mut pct = *value * 100.0;
    let drag = egui::DragValue::new(&mut pct)
        .range(0.0..=100.0)
        .speed(1)
        .max_decimals(0);
    if ui.add(drag.prefix(prefix).suffix(suffix)).on_hover_text(hint).changed() {
        *value = pct / 100.0;
    }
}

/// The coverage rules.
fn rules_ui(ui: &mut egui::Ui, choices: &mut Choices) {
    ui.label("Rules:");
    let hint = "A sub-dimension or dimension score needs this share of its items (JRC: 2/3)";
    percent(
        ui,
        &mut choices.rules.min_coverage,
        ("sub-index needs ", " % of its items", hint),
    );
    let hint = "A city missing more of the index's items gets no rank (SDSN: 20 %)";
    percent(
        ui,
        &mut choices.rules.max_missing,
        ("rank if at most ", " % missing", hint),
    );
}

fn uncertainty_ui(ui: &mut egui::Ui, choices: &mut Choices, computation: &mut Computation) {
    let mc = &mut choices.mc;
    ui.label("Uncertainty:");
    // Every run's ranks are kept: the most runs shrinks with the number of cities.
    let most = computation
        .input()
        .map_or(10_000, |i| crate::score::index::max_runs(i.len()).min(10_000));
    mc.runs = mc.runs.min(most);
    let runs = egui::DragValue::new(&mut mc.runs)
        .range(0..=most)
        .speed(10)
        .suffix(" runs");
    ui.add(runs).on_hover_text(format!(
        "Monte Carlo runs (0 = none; at most {most} for these cities); 1,000 is the JRC audits' usual number"
    ));
    let hint = "Each dimension and sub-dimension weight is multiplied by a random factor in this range";
    let mut spread = mc.spread;
    percent(ui, &mut spread, ("weights ±", " %", hint));
    mc.spread = spread.min(0.9);
    ui.label("seed");
    ui.add(egui::DragValue::new(&mut mc.seed).speed(1))
        .on_hover_text("The same seed gives the same result on any machine and any number of cores");
    if ui.button("New seed").clicked() {
        // Another seed than the one shown, even within the same nanosecond.
        let seed = crate::export::index_out::clock_seed();
        mc.seed = if seed == mc.seed { seed + 1 } else { seed };
    }
    alternatives_ui(ui, &mut mc.alternatives);
    progress_ui(ui, computation, mc.runs);
}

/// The normalisation and aggregation pairs the runs draw from (at least one).
fn alternatives_ui(ui: &mut egui::Ui, alternatives: &mut Vec<Method>) {
    let label = ui.label("varying");
    egui::ComboBox::from_id_salt("index-alternatives")
        .selected_text(format!("{} methods", alternatives.len()))
        .show_ui(ui, |ui| {
            for normalisation in Normalisation::ALL {
                for aggregation in Aggregation::ALL {
                    let m = Method {
                        normalisation,
                        aggregation,
                    };
                    let mut on = alternatives.contains(&m);
                    if ui.checkbox(&mut on, m.key()).changed() {
                        if on {
                            alternatives.push(m);
                        } else if alternatives.len() > 1 {
                            alternatives.retain(|x| *x != m);
                        }
                    }
                }
            }
        })
        .response
        .labelled_by(label.id)
        .on_hover_text("The normalisation and aggregation pairs the runs draw from");
}

/// The running analysis: a progress bar and Cancel.
fn progress_ui(ui: &mut egui::Ui, computation: &mut Computation, runs: usize) {
    match computation.running() {
        Some((done, total)) => {
            let fraction = done as f32 / total.max(1) as f32;
            let bar = egui::ProgressBar::new(fraction).desired_width(140.0);
            ui.add(bar.text(format!("{done} of {total} runs")));
            if ui.button("Cancel").clicked() {
                computation.cancel();
            }
            ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
        }
        None if runs > 0 && !computation.uncertainty_current() => {
            ui.weak("runs start when the choices rest");
        }
        None => {}
    }
}

fn export_ui(ui: &mut egui::Ui, choices: &mut Choices, file: &mut Option<IndexFile>) {
    let presets: Vec<(Preset, &str)> = Preset::ALL.iter().map(|p| (*p, p.label())).collect();
    combo(ui, "Export at", &mut choices.preset, &presets);
    for format in [Format::Png, Format::Svg, Format::Pdf] {
        let text = format!("Chart ({})", format.extension().to_uppercase());
        if ui.button(text).clicked() {
            *file = Some(IndexFile::Chart(format));
        }
    }
    let table = ui.button("Table (CSV)");
    if table
        .on_hover_text("Every city's scores, ranks and intervals")
        .clicked()
    {
        *file = Some(IndexFile::Table);
    }
    let workbook = ui.button("Table (Excel)");
    if workbook
        .on_hover_text("The same table as an Excel workbook, with every setting of the index")
        .clicked()
    {
        *file = Some(IndexFile::Workbook);
    }
}
