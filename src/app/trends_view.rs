//! Trends of the selected city: every KPI's status after the SDSN method with an
//! arrow, the chosen KPI's line chart with its target and projection, and the
//! KPIs that changed band between two years.

use egui::{Sense, Vec2};

use super::CityProfileApp;
use super::state::Command;
use crate::chart::Scene;
use crate::chart::trend_chart::{trend_arrow, trend_scene};
use crate::model::ItemId;
use crate::render::{paint_scene, to_color32};
use crate::score::{Trend, TrendStatus, item_trend};

/// Paints a status arrow in a small square and returns its response (for tooltips).
fn arrow_ui(ui: &mut egui::Ui, status: TrendStatus, color: egui::Color32) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(16.0), Sense::hover());
    let mut scene = Scene::new(16.0, 16.0, crate::chart::Color::TRANSPARENT);
    let [r, g, b, a] = color.to_srgba_unmultiplied();
    trend_arrow(
        &mut scene,
        crate::chart::Point::new(8.0, 8.0),
        13.0,
        status,
        crate::chart::Color([r, g, b, a]),
    );
    // Arrows only: skip the scene's (transparent) background.
    let shapes = crate::render::scene_to_shapes(ui.painter(), &scene, rect.min);
    ui.painter().extend(shapes.into_iter().skip(1));
    response
}

pub fn trends_ui(app: &mut CityProfileApp, ui: &mut egui::Ui) {
    let (Some(ws), Some(city), Some(profile)) = (app.workspace.clone(), app.city, app.profile.clone()) else {
        return;
    };
    let c = &ws.catalogue;
    let year = profile.year;
    let trends: Vec<(ItemId, Trend)> = c
        .items_in_order()
        .into_iter()
        .map(|i| (i, item_trend(c, &ws.dataset, &ws.targets, city, i, year)))
        .collect();
    let selected = app
        .trend_item
        .or_else(|| {
            trends
                .iter()
                .find(|(_, t)| t.status != TrendStatus::Unavailable)
                .map(|t| t.0)
        })
        .unwrap_or(ItemId(0));
    let text_color = ui.visuals().text_color();
    egui::Panel::left("trend_list")
        .default_size(320.0)
        .max_size(380.0)
        .resizable(true)
        .show(ui, |ui| {
            let counts = |s: TrendStatus| trends.iter().filter(|t| t.1.status == s).count();
            ui.label(format!(
                "{} on track · {} moderately improving · {} stagnating · {} decreasing · {} without trend",
                counts(TrendStatus::OnTrack),
                counts(TrendStatus::ModeratelyImproving),
                counts(TrendStatus::Stagnating),
                counts(TrendStatus::Decreasing),
                counts(TrendStatus::Unavailable)
            ));
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                for (item, trend) in &trends {
                    ui.horizontal(|ui| {
                        arrow_ui(ui, trend.status, text_color).on_hover_text(trend.status.label());
                        let projected = trend
                            .projected_year
                            .map(|y| format!(" (target {y})"))
                            .unwrap_or_default();
                        let label = format!("{}{projected}", c.item_label(*item));
                        if ui
                            .selectable_label(*item == selected, label)
                            .on_hover_text(trend.status.label())
                            .clicked()
                        {
                            app.push(Command::SetTrendItem(*item));
                        }
                    });
                }
            });
        });
    changes_ui(app, ui);
    let size = ui.available_size().max(Vec2::new(300.0, 200.0));
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let scene = trend_scene(
        c,
        &ws.dataset,
        &ws.targets,
        city,
        selected,
        year,
        &app.theme(),
        (rect.width(), rect.height()),
    );
    paint_scene(ui.painter(), &scene, rect.min);
}

/// The KPIs that moved band between a chosen earlier year and the year shown.
fn changes_ui(app: &mut CityProfileApp, ui: &mut egui::Ui) {
    let (Some(ws), Some(city), Some(profile)) = (app.workspace.clone(), app.city, app.profile.clone()) else {
        return;
    };
    let years = ws.dataset.years_of(city);
    let Some(to) = profile.year else { return };
    let earlier: Vec<i32> = years.iter().copied().filter(|y| *y < to).collect();
    egui::Panel::bottom("band_changes")
        .default_size(170.0)
        .resizable(true)
        .show(ui, |ui| {
            let Some(&first) = earlier.first() else {
                ui.label(format!("No year before {to}: band changes need two years."));
                return;
            };
            let from = app.change_from.filter(|y| earlier.contains(y)).unwrap_or(first);
            ui.horizontal(|ui| {
                let label = ui.label("Band changes from");
                egui::ComboBox::from_id_salt("change_from")
                    .selected_text(from.to_string())
                    .show_ui(ui, |ui| {
                        for y in &earlier {
                            if ui.selectable_label(*y == from, y.to_string()).clicked() {
                                app.change_from = Some(*y);
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.label(format!("to {to}"));
            });
            let before = ws.profile(city, Some(from));
            let mut moved: Vec<(ItemId, i32)> = profile
                .items
                .iter()
                .filter_map(|s| match (before.items[s.item.0].band(), s.band()) {
                    (Some(a), Some(b)) if a != b => Some((s.item, b.points() as i32 - a.points() as i32)),
                    _ => None,
                })
                .collect();
            moved.sort_by_key(|m| -m.1);
            let theme = app.theme();
            egui::ScrollArea::vertical().show(ui, |ui| {
                if moved.is_empty() {
                    ui.label("No KPI changed band.");
                }
                for (item, delta) in moved {
                    ui.horizontal(|ui| {
                        let (status, color) = if delta > 0 {
                            (TrendStatus::OnTrack, theme.bands[3])
                        } else {
                            (TrendStatus::Decreasing, theme.bands[1])
                        };
                        arrow_ui(ui, status, to_color32(color));
                        let (a, b) = (before.items[item.0].band(), profile.items[item.0].band());
                        let text = format!(
                            "{}: {} to {}",
                            ws.catalogue.item_label(item),
                            a.map_or("", |b| b.label()),
                            b.map_or("", |b| b.label())
                        );
                        ui.label(text);
                    });
                }
            });
        });
}
