//! The interactive wheel: hover for a tooltip, click a ring to open it to the
//! full circle (animated), the centre to go back; arrows, Enter and Escape do
//! the same from the keyboard; every segment is an AccessKit node. The scene is
//! kept while nothing it shows changes, so an idle frame only paints it.

use super::super::TRANSITION;
use super::super::command::Command;
use std::sync::Arc;

use super::super::context::{Shown, ViewContext};
use super::super::models::Memo;
use super::canvas::canvas_ui;
use crate::chart::scene::{HitArea, Scene};
use crate::chart::{Focus, Hit};
use crate::request::{ChartKind, ChartRequest, Inputs, Interaction, chart_scene};

/// What the wheel's scene depends on.
type SceneKey = (u64, ChartRequest, [u32; 2], Interaction, bool);

/// The wheel view's own state: its last scene.
#[derive(Default)]
pub struct WheelView {
    scene: Memo<SceneKey, Scene>,
}

impl WheelView {
    /// The picture last drawn on screen (its scene), if any.
    pub fn shown_scene(&self) -> Option<std::sync::Arc<Scene>> {
        self.scene.last()
    }

    pub(crate) fn ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
        let Some(shown) = &cx.shown else {
            ui.label("No city selected.");
            return;
        };
        breadcrumb_ui(ui, cx, out);
        let session = cx.session;
        let size = ui.available_size().max(egui::vec2(200.0, 200.0));
        let scene = self.scene(ui, cx, shown, size);
        let canvas = canvas_ui(ui, &scene);
        let (node_click, node_hover) =
            canvas.accessible_ui(ui, scene.hits.iter(), session.selected, |r| r.label.clone());
        let hovered = node_hover.or(canvas.hovered.map(|r| r.hit));
        out.extend(canvas.whatif_command());
        if hovered != session.hovered {
            out.push(Command::Hover(hovered));
        }
        if let Some(hit) = node_click.or(canvas.clicked.map(|r| r.hit)) {
            out.push(click_command(session.focus, hit));
        }
        let region = hovered.and_then(|h| scene.region(h));
        canvas.tooltip_ui(region, |ui, region| {
            if let Hit::Item(item) = region.hit
                && let Some(target) = &shown.profile.items[item.index()].target
            {
                ui.label(egui::RichText::new(format!("Target: {}", target.source)).small().weak());
            }
        });
        keyboard(ui, cx, &scene, out);
    }

    /// The wheel at `size`, rebuilt only when what it shows changed (or while it animates).
    fn scene(&self, ui: &egui::Ui, cx: &ViewContext<'_>, shown: &Shown<'_>, size: egui::Vec2) -> Arc<Scene> {
        let session = cx.session;
        let transition = session.transition.and_then(|(from, start)| {
            let t = ((cx.now - start) / TRANSITION.as_secs_f64()).clamp(0.0, 1.0) as f32;
            (t < 1.0).then_some((from, t))
        });
        if transition.is_some() {
            ui.ctx().request_repaint();
        }
        let Some(request) = cx.request(ChartKind::Wheel) else {
            return Arc::new(Scene::new(size.x, size.y, cx.theme.background));
        };
        let live = Interaction {
            transition,
            ..cx.interaction()
        };
        let pixels = [size.x.round() as u32, size.y.round() as u32];
        let key = (shown.ws.revision, request.clone(), pixels, live, session.prefs.dark);
        self.scene.get(key, &cx.models.work, || {
            let inputs = Inputs::of_profile(shown.profile.clone());
            chart_scene(shown.ws, &request, &inputs, &cx.theme, (size.x, size.y), &live)
        })
    }
}

/// The path to the focused part of the wheel, and the year slider.
fn breadcrumb_ui(ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
    let Some(shown) = &cx.shown else { return };
    let catalogue = &shown.ws.catalogue;
    let focus = cx.session.focus;
    ui.horizontal(|ui| {
        let path = focus.path(catalogue);
        for (i, step) in path.iter().enumerate() {
            if i > 0 {
                ui.label("›");
            }
            let text = step.name(catalogue);
            if i + 1 == path.len() {
                ui.label(egui::RichText::new(text).strong());
            } else if ui.link(text).clicked() {
                out.push(Command::Drill(*step));
            }
        }
        if focus != Focus::All {
            ui.label(egui::RichText::new("(Escape or the centre goes back)").small().weak());
        }
        year_slider_ui(ui, cx, out);
    });
}

/// A slider over the city's years, right-aligned in the breadcrumb row.
fn year_slider_ui(ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
    let Some(shown) = &cx.shown else { return };
    let (Some(&first), Some(&last)) = (shown.years.first(), shown.years.last()) else {
        return;
    };
    if first == last {
        return;
    }
    let current = shown.profile.year.unwrap_or(last);
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        let mut year = current;
        let slider = egui::Slider::new(&mut year, first..=last)
            .step_by(1.0)
            .text("Wheel year");
        if ui.add(slider).changed() && year != current {
            out.push(Command::SetYear(Some(year)));
        }
    });
}

/// What a click on a segment does: aggregates open (the focused one goes back up), the centre goes back.
fn click_command(focus: Focus, hit: Hit) -> Command {
    let target = match hit {
        Hit::Dimension(d) => Focus::Dimension(d),
        Hit::SubDimension(s) => Focus::SubDimension(s),
        Hit::Category(c) => Focus::Category(c),
        Hit::Centre => return Command::Back,
        Hit::Item(_) => return Command::Select(Some(hit)),
        Hit::City(_) => return Command::Select(None),
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
        HitArea::Wedge(sector) => Some(sector.mid_angle()),
        _ => None,
    }
}

/// Arrows move between segments (left/right along a ring, up/down between rings),
/// Enter opens the selected aggregate, Escape goes back.
fn keyboard(ui: &egui::Ui, cx: &ViewContext<'_>, scene: &Scene, out: &mut Vec<Command>) {
    if ui.ctx().egui_wants_keyboard_input() {
        return;
    }
    use egui::Key;
    let pressed = |key| ui.input(|i| i.key_pressed(key));
    let (focus, selected) = (cx.session.focus, cx.session.selected);
    if pressed(Key::Escape) {
        out.push(Command::Back);
    }
    if pressed(Key::Enter)
        && let Some(hit) = selected
        && let command @ Command::Drill(_) = click_command(focus, hit)
    {
        out.push(command);
    }
    let moves = [Key::ArrowLeft, Key::ArrowRight, Key::ArrowUp, Key::ArrowDown].map(pressed);
    if moves.iter().any(|m| *m) {
        let current = selected.filter(|h| *h != Hit::Centre);
        if let Some(hit) = next_segment(scene, current, moves) {
            out.push(Command::Select(Some(hit)));
        }
    }
}

/// The segment an arrow key moves to from `current` (`[left, right, up, down]`).
fn next_segment(scene: &Scene, current: Option<Hit>, [left, right, up, _down]: [bool; 4]) -> Option<Hit> {
    let Some(cur) = current.and_then(|h| scene.region(h)) else {
        return scene.hits.iter().find(|r| matches!(r.hit, Hit::Item(_))).map(|r| r.hit);
    };
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
        return same.get(if right { (i + 1) % n } else { (i + n - 1) % n }).map(|x| x.1);
    }
    // Up goes outwards, down inwards, skipping rings that are not drawn.
    let rings: Vec<u8> = if up {
        (ring_now + 1..=4).collect()
    } else {
        (1..ring_now).rev().collect()
    };
    let wanted = rings
        .into_iter()
        .find(|r| scene.hits.iter().any(|h| ring(h.hit) == *r))?;
    scene
        .hits
        .iter()
        .filter(|r| ring(r.hit) == wanted)
        .find(|r| matches!(r.area, HitArea::Wedge(s) if (s.start..=s.end).contains(&angle)))
        .map(|r| r.hit)
}
