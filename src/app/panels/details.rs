//! The details panel: everything about the hovered (or else selected) KPI, or
//! the score of the hovered aggregate.

use super::super::command::{Command, WhatIf};
use super::super::context::{Shown, ViewContext};
use crate::chart::Hit;
use crate::chart::describe::{aggregate_summary, pct_text, target_text, value_with_unit};
use crate::model::{ItemId, format_number};
use crate::score::{AggregateScore, ItemStatus};

/// The details panel (no state of its own).
pub struct Details;

impl Details {
    pub(crate) fn ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
        egui::Panel::right("details")
            .default_size(300.0)
            .min_size(220.0)
            .show(ui, |ui| {
                ui.heading("Details");
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| details_ui(ui, cx, out));
            });
    }
}

fn row_ui(ui: &mut egui::Ui, key: &str, value: impl Into<String>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(key).weak());
        ui.label(value.into());
    });
}

fn details_ui(ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
    let Some(shown) = &cx.shown else { return };
    let (c, profile) = (&shown.ws.catalogue, &shown.profile);
    let Some(hit) = cx.session.hovered.or(cx.session.selected) else {
        ui.label("Hover or select a KPI to see its value, target and source.");
        coverage_ui(ui, profile);
        return;
    };
    match hit {
        Hit::Item(item) => {
            if ui
                .button("What if…")
                .on_hover_text("Try another value for this KPI and see what changes")
                .clicked()
            {
                out.push(Command::WhatIf(WhatIf::Open(Some(item))));
            }
            item_ui(ui, shown, item);
        }
        Hit::Centre | Hit::City(_) => {
            aggregate_ui(ui, "Overall", &profile.overall);
            city_facts_ui(ui, shown.info);
            coverage_ui(ui, profile);
        }
        Hit::Dimension(d) => aggregate_ui(ui, &c.dimensions[d.0].name, &profile.dimensions[d.0]),
        Hit::SubDimension(s) => aggregate_ui(ui, &c.subdimensions[s.0].name, &profile.subdimensions[s.0]),
        Hit::Category(k) => aggregate_ui(ui, &c.categories[k.0].name, &profile.categories[k.0]),
    }
}

fn item_ui(ui: &mut egui::Ui, shown: &Shown<'_>, item: ItemId) {
    let c = &shown.ws.catalogue;
    let kpi = c.kpi_of(item);
    let (cat, sub, dim) = c.parents_of(item);
    ui.strong(c.item_label(item));
    let kind = if kpi.core { "core" } else { "advanced" };
    row_ui(ui, "Code", format!("{} ({kind})", kpi.code));
    let place = [
        &c.dimensions[dim.0].name,
        &c.subdimensions[sub.0].name,
        &c.categories[cat.0].name,
    ];
    row_ui(ui, "Place", place.map(String::as_str).join(" › "));
    row_ui(ui, "Measures", &c.items[item.index()].unit);
    row_ui(ui, "Better", c.items[item.index()].direction.as_str());
    ui.separator();
    score_rows_ui(ui, shown, item);
    if let Some(obs) = &shown.profile.items[item.index()].observation {
        ui.separator();
        let quality = obs.quality().map_or_else(
            || "not given".to_string(),
            |q| match q.number() {
                Some(n) => format!("{n} · {}", q.name()),
                None => q.name().to_string(),
            },
        );
        row_ui(ui, "Data quality", quality);
        let verified = obs.verified().map_or("not given", |v| if v { "yes" } else { "no" });
        row_ui(ui, "Verified", verified);
        if let Some(source) = obs.source() {
            row_ui(ui, "Data source", source);
        }
        if let Some(note) = obs.note() {
            row_ui(ui, "Note", note);
        }
        row_ui(ui, "From", shown.ws.dataset.origin(obs).to_string());
    }
    row_ui(ui, "SDGs", &kpi.sdgs);
}

/// Value and year, target and its source, % of target and band (or why there is no score).
fn score_rows_ui(ui: &mut egui::Ui, shown: &Shown<'_>, item: ItemId) {
    let score = &shown.profile.items[item.index()];
    let year = score.observation.as_ref().and_then(|o| o.year());
    let year = year.map(|y| format!(" ({y})")).unwrap_or_default();
    row_ui(
        ui,
        "Value",
        format!("{}{year}", value_with_unit(score, &shown.ws.catalogue)),
    );
    match (&score.target, target_text(score)) {
        (Some(t), Some(text)) => {
            let worst = t
                .worst
                .map(|w| format!(", worst {}", format_number(w)))
                .unwrap_or_default();
            row_ui(ui, "Target", format!("{text}{worst}"));
            row_ui(ui, "Target source", &t.source);
        }
        _ => row_ui(ui, "Target", "no benchmark"),
    }
    match &score.status {
        ItemStatus::Scored { pct, band, basis } => {
            if let Some(pct) = pct {
                row_ui(ui, "% of target", pct_text(*pct));
            }
            row_ui(ui, "Band from", basis.label());
            let points = match band.points() {
                1 => "1 point".to_string(),
                n => format!("{n} points"),
            };
            row_ui(ui, "Band", format!("{} ({points})", band.label()));
        }
        ItemStatus::NoBenchmark(reason) => {
            let text = reason
                .as_ref()
                .map_or("no benchmark".to_string(), |r| format!("no benchmark: {r}"));
            row_ui(ui, "Score", text);
        }
        ItemStatus::NotReported => row_ui(ui, "Score", "not reported"),
    }
}

/// Country, region and population (with its year, coverage and source).
fn city_facts_ui(ui: &mut egui::Ui, city: &crate::model::City) {
    ui.separator();
    ui.strong(&city.name);
    if city.fictional {
        ui.label("Invented demonstration data, not a real city");
    }
    row_ui(ui, "Country", city.country.as_deref().unwrap_or("not given"));
    if let Some(region) = &city.region {
        row_ui(ui, "Region", region);
    }
    row_ui(
        ui,
        "Population",
        city.population_text().unwrap_or_else(|| "unknown".into()),
    );
}

/// The targets in force and how many items each kind of target scores.
fn coverage_ui(ui: &mut egui::Ui, profile: &crate::score::Profile) {
    ui.separator();
    row_ui(ui, "Targets in force", &*profile.targets);
    let coverage = profile.coverage();
    for basis in crate::score::Basis::ALL {
        row_ui(ui, basis.label(), coverage.get(basis).to_string());
    }
    let overall = &profile.overall;
    let text = format!("{} of {} reported items", overall.scored, overall.reported);
    row_ui(ui, "Scored", text);
}

fn aggregate_ui(ui: &mut egui::Ui, name: &str, agg: &AggregateScore) {
    ui.strong(name);
    ui.label(aggregate_summary(agg));
    ui.label(egui::RichText::new("Click it on the wheel to open it.").small().weak());
}
