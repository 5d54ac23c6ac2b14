//! The details panel: everything about the hovered (or else selected) KPI.

use super::CityProfileApp;
use crate::chart::Hit;
use crate::chart::describe::{aggregate_summary, target_text, value_with_unit};
use crate::model::format_number;
use crate::score::ItemStatus;

pub fn details_panel(app: &mut CityProfileApp, ui: &mut egui::Ui) {
    egui::Panel::right("details")
        .default_size(300.0)
        .min_size(220.0)
        .show(ui, |ui| {
            ui.heading("Details");
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| details(app, ui));
        });
}

fn row(ui: &mut egui::Ui, key: &str, value: impl Into<String>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(key).weak());
        ui.label(value.into());
    });
}

fn details(app: &CityProfileApp, ui: &mut egui::Ui) {
    let (Some(ws), Some(profile)) = (&app.workspace, &app.profile) else {
        return;
    };
    let c = &ws.catalogue;
    let Some(hit) = app.hovered.or(app.selected) else {
        ui.label("Hover or select a KPI to see its value, target and source.");
        return;
    };
    let item = match hit {
        Hit::Item(item) => item,
        Hit::Centre | Hit::City(_) => {
            ui.strong("Overall");
            ui.label(aggregate_summary(&profile.overall));
            return;
        }
        Hit::Dimension(d) => return aggregate(ui, &c.dimensions[d.0].name, &profile.dimensions[d.0]),
        Hit::SubDimension(s) => return aggregate(ui, &c.subdimensions[s.0].name, &profile.subdimensions[s.0]),
        Hit::Category(k) => return aggregate(ui, &c.categories[k.0].name, &profile.categories[k.0]),
    };
    let score = &profile.items[item.0];
    let kpi = c.kpi_of(item);
    let (cat, sub, dim) = c.parents_of(item);
    ui.strong(c.item_label(item));
    row(
        ui,
        "Code",
        format!("{} ({})", kpi.code, if kpi.core { "core" } else { "advanced" }),
    );
    row(
        ui,
        "Place",
        format!(
            "{} › {} › {}",
            c.dimensions[dim.0].name, c.subdimensions[sub.0].name, c.categories[cat.0].name
        ),
    );
    row(ui, "Measures", &c.items[item.0].unit);
    row(ui, "Better", c.items[item.0].direction.as_str());
    ui.separator();
    let year = score
        .observation
        .as_ref()
        .and_then(|o| o.year)
        .map(|y| format!(" ({y})"))
        .unwrap_or_default();
    row(ui, "Value", format!("{}{year}", value_with_unit(score, c)));
    match (&score.target, target_text(score)) {
        (Some(t), Some(text)) => {
            let worst = t
                .worst
                .map(|w| format!(", worst {}", format_number(w)))
                .unwrap_or_default();
            row(ui, "Target", format!("{text}{worst}"));
            row(ui, "Target source", &t.source);
        }
        _ => row(ui, "Target", "no benchmark"),
    }
    match &score.status {
        ItemStatus::Scored { pct, band } => {
            row(
                ui,
                "% of target",
                format!("{} %", format_number((pct * 100.0).round() / 100.0)),
            );
            row(ui, "Band", format!("{} ({} points)", band.label(), band.points()));
        }
        ItemStatus::NoBenchmark(reason) => row(
            ui,
            "Score",
            reason
                .as_ref()
                .map_or("no benchmark".to_string(), |r| format!("no benchmark: {r}")),
        ),
        ItemStatus::NotReported => row(ui, "Score", "not reported"),
    }
    if let Some(obs) = &score.observation {
        ui.separator();
        row(ui, "Data quality", obs.quality().unwrap_or("not given"));
        row(
            ui,
            "Verified",
            obs.verified.map_or("not given", |v| if v { "yes" } else { "no" }),
        );
        if let Some(source) = obs.source() {
            row(ui, "Data source", source);
        }
        if let Some(note) = obs.note() {
            row(ui, "Note", note);
        }
        row(ui, "From", ws.dataset.origin(obs).to_string());
    }
    row(ui, "SDGs", &kpi.sdgs);
}

fn aggregate(ui: &mut egui::Ui, name: &str, agg: &crate::score::AggregateScore) {
    ui.strong(name);
    ui.label(aggregate_summary(agg));
    ui.label(egui::RichText::new("Click it on the wheel to open it.").small().weak());
}
