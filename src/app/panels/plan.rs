//! The Plan tab: for an aggregate (a category, sub-dimension, dimension or the
//! overall score) and a wanted band, the fewest band steps that reach it (U4SSC
//! points arithmetic) and, for each, the KPI that needs the smallest relative
//! change (docs/scoring.md, "What it would take"); "Apply as what-if" puts
//! those values in the What-if panel. Planned from the city's data.

use super::super::command::{Command, WhatIf};
use super::super::context::{Shown, ViewContext};
use super::super::models::Memo;
use crate::model::{CityId, Value, format_number};
use crate::score::{Band, Level, Plan, Profile, plan};

type PlanKey = (u64, CityId, Option<i32>, Level, usize, Band);

/// The tab's choices and its last plan.
pub struct PlanView {
    pub level: Level,
    pub index: usize,
    /// The band wanted; `None`: the one above the aggregate's band today.
    pub band: Option<Band>,
    plan: Memo<PlanKey, Option<Plan>>,
}

impl Default for PlanView {
    fn default() -> Self {
        PlanView {
            level: Level::Overall,
            index: 0,
            band: None,
            plan: Memo::default(),
        }
    }
}

const LEVELS: [(Level, &str); 4] = [
    (Level::Overall, "Overall"),
    (Level::Dimension, "Dimension"),
    (Level::Subdimension, "Sub-dimension"),
    (Level::Category, "Category"),
];

/// The band above `today` (the top band at the top; 33-66 % with no score).
fn next_band(today: Option<Band>) -> Band {
    today
        .and_then(|b| Band::ALL.into_iter().find(|n| *n > b))
        .unwrap_or(if today.is_some() {
            Band::From95
        } else {
            Band::From33To66
        })
}

fn aggregates(profile: &Profile, level: Level) -> &[crate::score::AggregateScore] {
    match level {
        Level::Category => &profile.categories,
        Level::Subdimension => &profile.subdimensions,
        Level::Dimension => &profile.dimensions,
        Level::Overall => std::slice::from_ref(&profile.overall),
    }
}

impl PlanView {
    pub(crate) fn ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
        let Some(shown) = &cx.shown else { return };
        let data = cx.models.profile(shown.ws, shown.city, cx.session.year());
        let band = self.controls_ui(ui, &data);
        let key = (shown.ws.revision, shown.city, data.year, self.level, self.index, band);
        let (level, index) = (self.level, self.index);
        let planned = self.plan.get(key, &cx.models.work, || {
            plan(&shown.ws.catalogue, &data, level, index, band)
        });
        let Some(planned) = planned.as_ref() else { return };
        ui.separator();
        summary_ui(ui, planned);
        // Above the steps, which may be many (a plan to 95 % of target): always in reach.
        if !planned.changes.is_empty()
            && ui
                .button("Apply as what-if")
                .on_hover_text("Set these values in the What-if panel")
                .clicked()
        {
            let values = planned.changes.iter().map(|c| (c.item, c.next_band_value)).collect();
            out.push(Command::WhatIf(WhatIf::Apply(values)));
        }
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            steps_ui(ui, shown, planned);
            unplanned_ui(ui, shown, planned);
        });
    }

    /// The choices; returns the band wanted.
    fn controls_ui(&mut self, ui: &mut egui::Ui, data: &Profile) -> Band {
        ui.horizontal(|ui| {
            let lift = ui.label("Lift").id;
            let level_name = LEVELS.iter().find(|l| l.0 == self.level).map_or("", |l| l.1);
            egui::ComboBox::from_id_salt("plan_level")
                .selected_text(level_name)
                .show_ui(ui, |ui| {
                    for (level, name) in LEVELS {
                        if ui.selectable_value(&mut self.level, level, name).changed() {
                            self.index = 0;
                        }
                    }
                })
                .response
                .labelled_by(lift);
            let list = aggregates(data, self.level);
            self.index = self.index.min(list.len().saturating_sub(1));
            if self.level != Level::Overall {
                let name = list.get(self.index).map_or("", |a| a.name.as_str());
                egui::ComboBox::from_id_salt("plan_name")
                    .selected_text(name)
                    .width(260.0)
                    .show_ui(ui, |ui| {
                        for (i, agg) in list.iter().enumerate() {
                            ui.selectable_value(&mut self.index, i, &agg.name);
                        }
                    })
                    .response
                    .labelled_by(lift);
            }
            let into = ui.label("into the band").id;
            let today = list.get(self.index).and_then(|a| a.band);
            let mut band = self.band.unwrap_or_else(|| next_band(today));
            egui::ComboBox::from_id_salt("plan_band")
                .selected_text(band.label())
                .show_ui(ui, |ui| {
                    for choice in [Band::From33To66, Band::From66To95, Band::From95] {
                        if ui.selectable_value(&mut band, choice, choice.label()).clicked() {
                            self.band = Some(choice);
                        }
                    }
                })
                .response
                .labelled_by(into);
            band
        })
        .inner
    }
}

/// "Environment: 9 of 16 points (56.3 %). 66-95 % needs 11: 2 band steps."
fn summary_ui(ui: &mut egui::Ui, planned: &Plan) {
    let pct = |p: u32| {
        if planned.max_points == 0 {
            "no score".to_string()
        } else {
            format!(
                "{} %",
                format_number((1000.0 * f64::from(p) / f64::from(planned.max_points)).round() / 10.0)
            )
        }
    };
    let now = format!(
        "{}: {} of {} points ({}).",
        planned.name,
        planned.points,
        planned.max_points,
        pct(planned.points)
    );
    let need = planned.points + planned.needed_points;
    let then = match (planned.needed_points, planned.reachable) {
        (0, _) => format!("It is in {} or above already.", planned.wanted.label()),
        (n, true) => format!(
            "{} needs {need} points ({}): {n} band step{}.",
            planned.wanted.label(),
            pct(need),
            if n == 1 { "" } else { "s" }
        ),
        (n, false) => format!(
            "{} needs {n} more points; its scored KPIs cannot give them all (below: every step they can give).",
            planned.wanted.label()
        ),
    };
    ui.strong(now);
    ui.label(then);
}

fn steps_ui(ui: &mut egui::Ui, shown: &Shown<'_>, planned: &Plan) {
    if planned.changes.is_empty() {
        return;
    }
    let c = &shown.ws.catalogue;
    egui::Grid::new("plan_steps")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for head in ["Step", "KPI or data point", "Today", "Reaches band at", "Change"] {
                ui.strong(head);
            }
            ui.end_row();
            for (i, step) in planned.changes.iter().enumerate() {
                ui.label(format!("{}", i + 1));
                ui.label(c.item_label(step.item));
                ui.label(value_text(step.value));
                ui.label(format!("{} at {}", step.band.label(), value_text(step.next_band_value)));
                let change = step.relative_change.map_or("from 0".into(), |r| {
                    format!("{} %", format_number((r * 1000.0).round() / 10.0))
                });
                ui.label(change);
                ui.end_row();
            }
        });
}

fn unplanned_ui(ui: &mut egui::Ui, shown: &Shown<'_>, planned: &Plan) {
    if planned.unplanned.is_empty() {
        return;
    }
    let c = &shown.ws.catalogue;
    egui::CollapsingHeader::new(format!(
        "{} KPIs would add points if reported or given a target",
        planned.unplanned.len()
    ))
    .show(ui, |ui| {
        ui.weak("Scored, a KPI adds its points and 4 to the maximum: it lifts the score only when it lands in the wanted band or above.");
        for (item, why) in &planned.unplanned {
            ui.label(format!("{} ({})", c.item_label(*item), why.key().replace('_', " ")));
        }
    });
}

fn value_text(value: Value) -> String {
    match value {
        Value::NotReported => "not reported".into(),
        v => v.display(),
    }
}
