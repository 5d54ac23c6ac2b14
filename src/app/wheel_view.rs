//! The interactive wheel: hover for a tooltip, click a ring to open it to the
//! full circle (animated), the centre to go back; arrows, Enter and Escape do
//! the same from the keyboard; every segment is an AccessKit node.

use egui::{Role, Sense, Vec2, WidgetInfo};

use super::CityProfileApp;
use super::state::Command;
use crate::chart::scene::{HitArea, Point, Scene};
use crate::chart::{Focus, Hit, WheelOptions, wheel_scene};
use crate::render::paint_scene;

/// Draws the wheel in the remaining space and handles its input.
pub fn wheel_ui(app: &mut CityProfileApp, ui: &mut egui::Ui) {
    let (Some(ws), Some(profile), Some(city)) = (app.workspace.clone(), app.profile.clone(), app.city) else {
        ui.label("No city selected.");
        return;
    };
    let now = ui.input(|i| i.time);
    let transition = app.transition_progress(now);
    if transition.is_some_and(|(_, t)| t < 1.0) {
        ui.ctx().request_repaint();
    } else {
        app.transition = None;
    }
    let size = ui.available_size().max(Vec2::new(200.0, 200.0));
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    let opts = WheelOptions {
        show_subdimensions: app.persisted.show_subdimensions,
        focus: app.focus,
        transition,
        selected: app.selected,
        hovered: app.hovered,
        legend: true,
        labels: true,
    };
    let scene = wheel_scene(
        &ws.catalogue,
        &profile,
        &ws.dataset.cities[city.0],
        &app.theme(),
        rect.width(),
        rect.height(),
        &opts,
    );
    paint_scene(ui.painter(), &scene, rect.min);

    let to_scene = |p: egui::Pos2| Point::new(p.x - rect.min.x, p.y - rect.min.y);
    app.hovered = response
        .hover_pos()
        .and_then(|p| scene.hit_at(to_scene(p)))
        .map(|h| h.hit);
    let mut clicked = response
        .clicked()
        .then(|| response.interact_pointer_pos())
        .flatten()
        .and_then(|p| scene.hit_at(to_scene(p)))
        .map(|h| h.hit);
    // One small widget per segment: screen readers (and tests) find each one by its label.
    for region in &scene.hits {
        let anchor = region.area.anchor();
        let node_rect = egui::Rect::from_center_size(rect.min + Vec2::new(anchor.x, anchor.y), Vec2::splat(6.0));
        let id = ui.scope_id().with(("segment", region.hit));
        let node = ui.interact(node_rect, id, Sense::click());
        let selected = app.selected == Some(region.hit);
        node.widget_info(|| {
            let mut info = WidgetInfo::selected(Role::Button, true, selected, &region.label);
            info.current_text_value = Some(region.value.clone());
            info
        });
        if node.clicked() {
            clicked = Some(region.hit);
        }
        if node.hovered() {
            app.hovered = Some(region.hit);
        }
    }
    if let Some(hit) = clicked {
        app.push(click_command(app.focus, hit));
    }
    if let Some(region) = app.hovered.and_then(|h| scene.region(h)).cloned() {
        response.on_hover_ui_at_pointer(|ui| {
            ui.strong(&region.label);
            ui.label(&region.value);
            if let (Hit::Item(item), Some(profile)) = (region.hit, &app.profile) {
                let score = &profile.items[item.0];
                if let Some(target) = &score.target {
                    ui.label(egui::RichText::new(format!("Target: {}", target.source)).small().weak());
                }
            }
        });
    }
    keyboard(app, ui, &scene);
}

/// What a click on a segment does: aggregates open (the focused one goes back up), the centre goes back.
fn click_command(focus: Focus, hit: Hit) -> Command {
    let target = match hit {
        Hit::Dimension(d) => Focus::Dimension(d),
        Hit::SubDimension(s) => Focus::SubDimension(s),
        Hit::Category(c) => Focus::Category(c),
        Hit::Centre => return Command::Back,
        Hit::Item(_) => return Command::Select(Some(hit)),
        Hit::City(city) => return Command::SelectCity(city),
    };
    if target == focus {
        Command::Back
    } else {
        Command::Drill(target)
    }
}

/// Ring of a hit, from the centre out.
fn ring(hit: Hit) -> u8 {
    match hit {
        Hit::Centre | Hit::City(_) => 0,
        Hit::Dimension(_) => 1,
        Hit::SubDimension(_) => 2,
        Hit::Category(_) => 3,
        Hit::Item(_) => 4,
    }
}

fn mid_angle(area: &HitArea) -> Option<f32> {
    match area {
        HitArea::Wedge { start, end, .. } => Some((start + end) / 2.0),
        _ => None,
    }
}

/// Arrows move between segments (left/right along a ring, up/down between rings),
/// Enter opens the selected aggregate, Escape goes back.
fn keyboard(app: &mut CityProfileApp, ui: &egui::Ui, scene: &Scene) {
    if ui.ctx().egui_wants_keyboard_input() {
        return;
    }
    let (left, right, up, down, enter, escape) = ui.input(|i| {
        use egui::Key;
        (
            i.key_pressed(Key::ArrowLeft),
            i.key_pressed(Key::ArrowRight),
            i.key_pressed(Key::ArrowUp),
            i.key_pressed(Key::ArrowDown),
            i.key_pressed(Key::Enter),
            i.key_pressed(Key::Escape),
        )
    });
    if escape {
        app.push(Command::Back);
    }
    if enter && let Some(hit) = app.selected {
        let command = click_command(app.focus, hit);
        if matches!(command, Command::Drill(_)) {
            app.push(command);
        }
    }
    if !(left || right || up || down) {
        return;
    }
    let current = app
        .selected
        .and_then(|h| scene.region(h))
        .filter(|r| !matches!(r.hit, Hit::Centre));
    let next = match current {
        None => scene.hits.iter().find(|r| matches!(r.hit, Hit::Item(_))).map(|r| r.hit),
        Some(cur) => {
            let ring_now = ring(cur.hit);
            let angle = mid_angle(&cur.area).unwrap_or(0.0);
            if left || right {
                let mut same: Vec<(f32, Hit)> = scene
                    .hits
                    .iter()
                    .filter(|r| ring(r.hit) == ring_now)
                    .filter_map(|r| mid_angle(&r.area).map(|a| (a, r.hit)))
                    .collect();
                same.sort_by(|a, b| a.0.total_cmp(&b.0));
                let i = same.iter().position(|(_, h)| *h == cur.hit).unwrap_or(0);
                let n = same.len().max(1);
                same.get(if right { (i + 1) % n } else { (i + n - 1) % n }).map(|x| x.1)
            } else {
                let want = if up { ring_now + 1 } else { ring_now.saturating_sub(1) };
                let want = (1..=4)
                    .map(|k| if up { want + k - 1 } else { want + 1 - k })
                    .find(|r| (1..=4).contains(r) && scene.hits.iter().any(|h| ring(h.hit) == *r));
                want.and_then(|w| {
                    scene
                        .hits
                        .iter()
                        .filter(|r| ring(r.hit) == w)
                        .find(|r| matches!(r.area, HitArea::Wedge { start, end, .. } if (start..=end).contains(&angle)))
                        .map(|r| r.hit)
                })
            }
        }
    };
    if let Some(hit) = next {
        app.push(Command::Select(Some(hit)));
    }
}
