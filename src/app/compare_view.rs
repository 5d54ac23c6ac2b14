//! Comparing 2 to 12 cities: small-multiple wheels (click one to open it), a
//! heatmap of every KPI with values, ranks and the group median, and a radar of
//! the sub-dimension scores.

use egui::{Sense, Vec2};

use super::state::{Command, PeerChoice, View};
use super::{CityProfileApp, heatmap};
use crate::chart::Hit;
use crate::chart::compare::{radar_scene, wheels_scene};
use crate::chart::scene::Point;
use crate::model::CityId;
use crate::render::paint_scene;
use crate::score::Profile;

/// The most cities a comparison shows.
pub const MAX_CITIES: usize = 12;

/// Which picture of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CompareTab {
    #[default]
    Wheels,
    Heatmap,
    Radar,
}

/// What the compare view remembers while the app runs.
#[derive(Debug, Clone, Default)]
pub struct CompareState {
    /// The cities compared with the selected one (which always comes first).
    pub others: Vec<CityId>,
    pub tab: CompareTab,
    /// Heatmap sorted by this city's % of target (index into the compared cities).
    pub sort_by: Option<usize>,
}

/// The selected city first, then the others (deduplicated, at most 12).
pub fn compared(app: &CityProfileApp) -> Vec<CityId> {
    let mut cities: Vec<CityId> = app.city.into_iter().collect();
    for c in &app.compare.others {
        if !cities.contains(c) && cities.len() < MAX_CITIES {
            cities.push(*c);
        }
    }
    cities
}

/// Profiles of the compared cities for the app's year (each city's latest when it lacks that year).
pub fn profiles(app: &CityProfileApp, cities: &[CityId]) -> Vec<Profile> {
    let Some(ws) = &app.workspace else { return Vec::new() };
    let year = app.profile.as_ref().and_then(|p| p.year);
    ws.profiles(cities, year)
}

pub fn compare_ui(app: &mut CityProfileApp, ui: &mut egui::Ui) {
    let Some(ws) = app.workspace.clone() else { return };
    let cities = compared(app);
    picker(app, ui, &cities);
    ui.horizontal(|ui| {
        for (tab, label) in [
            (CompareTab::Wheels, "Small wheels"),
            (CompareTab::Heatmap, "Heatmap"),
            (CompareTab::Radar, "Radar"),
        ] {
            ui.selectable_value(&mut app.compare.tab, tab, label);
        }
    });
    if cities.len() < 2 {
        ui.label("Add at least one more city to compare (or pick a peer group).");
        return;
    }
    let profiles = profiles(app, &cities);
    let theme = app.theme();
    match app.compare.tab {
        CompareTab::Heatmap => heatmap::heatmap_ui(app, ui, &cities, &profiles),
        CompareTab::Radar => {
            let size = ui.available_size().max(Vec2::splat(200.0));
            let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
            paint_scene(
                ui.painter(),
                &radar_scene(
                    &ws.catalogue,
                    &ws.dataset,
                    &profiles,
                    &theme,
                    rect.width(),
                    rect.height(),
                ),
                rect.min,
            );
        }
        CompareTab::Wheels => {
            let size = ui.available_size().max(Vec2::splat(200.0));
            let (rect, response) = ui.allocate_exact_size(size, Sense::click());
            let scene = wheels_scene(
                &ws.catalogue,
                &ws.dataset,
                &profiles,
                &theme,
                rect.width(),
                rect.height(),
                true,
            );
            paint_scene(ui.painter(), &scene, rect.min);
            let to_scene = |p: egui::Pos2| Point::new(p.x - rect.min.x, p.y - rect.min.y);
            let hovered = response.hover_pos().and_then(|p| scene.hit_at(to_scene(p))).cloned();
            let mut open = response
                .clicked()
                .then(|| response.interact_pointer_pos())
                .flatten()
                .and_then(|p| {
                    scene
                        .hits
                        .iter()
                        .find(|h| matches!(h.hit, Hit::City(_)) && h.area.contains(to_scene(p)))
                        .map(|h| h.hit)
                });
            // One accessible button per small wheel.
            for region in scene.hits.iter().filter(|h| matches!(h.hit, Hit::City(_))) {
                let anchor = region.area.anchor();
                let node_rect =
                    egui::Rect::from_center_size(rect.min + Vec2::new(anchor.x, anchor.y), Vec2::splat(8.0));
                let node = ui.interact(
                    node_rect,
                    ui.scope_id().with(("small wheel", region.hit)),
                    Sense::click(),
                );
                node.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Open {}", region.label))
                });
                if node.clicked() {
                    open = Some(region.hit);
                }
            }
            if let Some(region) = hovered {
                response.on_hover_ui_at_pointer(|ui| {
                    ui.strong(&region.label);
                    ui.label(&region.value);
                });
            }
            if let Some(Hit::City(city)) = open {
                app.push(Command::SelectCity(city));
                app.push(Command::SetView(View::Wheel));
            }
        }
    }
}

/// Chips of the compared cities, an "Add city" menu and the peer groups.
fn picker(app: &mut CityProfileApp, ui: &mut egui::Ui, cities: &[CityId]) {
    let Some(ws) = app.workspace.clone() else { return };
    ui.horizontal_wrapped(|ui| {
        ui.label("Comparing");
        for (i, &c) in cities.iter().enumerate() {
            let name = &ws.dataset.cities[c.0].name;
            if i == 0 {
                ui.label(egui::RichText::new(name).strong());
            } else if ui
                .button(format!("{name} ×"))
                .on_hover_text("Remove from the comparison")
                .clicked()
            {
                let others = app.compare.others.iter().copied().filter(|o| *o != c).collect();
                app.push(Command::SetCompared(others));
            }
        }
        if cities.len() < MAX_CITIES {
            ui.menu_button("Add city", |ui| {
                egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                    for (i, city) in ws.dataset.cities.iter().enumerate() {
                        if !cities.contains(&CityId(i)) && ui.button(&city.name).clicked() {
                            let mut others = app.compare.others.clone();
                            others.push(CityId(i));
                            app.push(Command::SetCompared(others));
                        }
                    }
                });
            });
        }
        let Some(current) = app.city else { return };
        ui.menu_button("Peer group", |ui| {
            for choice in PeerChoice::ALL {
                let group = choice.group(&ws.dataset.cities[current.0]);
                let text = match &group {
                    Some(g) => format!("{} ({})", choice.label(), g.label()),
                    None => format!("{} (unknown for this city)", choice.label()),
                };
                if ui.add_enabled(group.is_some(), egui::Button::new(text)).clicked()
                    && let Some(g) = group
                {
                    let members: Vec<CityId> = g
                        .members(&ws.dataset)
                        .into_iter()
                        .filter(|c| *c != current)
                        .take(MAX_CITIES - 1)
                        .collect();
                    app.push(Command::SetCompared(members));
                }
            }
        });
    });
}
