//! A chart scene on screen: painted, hit-tested under the pointer, and given one
//! small accessible widget per hit region (screen readers and UI tests find each
//! segment, bar or small wheel by its label). Shared by every chart view.

use egui::{Pos2, Rect, Role, Sense, Vec2, WidgetInfo};

use super::super::command::{Command, WhatIf};
use crate::chart::Hit;
use crate::chart::scene::{HitRegion, Point, Scene};
use crate::render::paint_scene;

/// What the pointer did on a painted scene.
pub(crate) struct Canvas<'s> {
    pub response: egui::Response,
    pub rect: Rect,
    pub hovered: Option<&'s HitRegion>,
    pub clicked: Option<&'s HitRegion>,
    /// The region right-clicked (the what-if of a KPI).
    pub secondary: Option<&'s HitRegion>,
}

/// Paints `scene` at the next place of `ui` and hit-tests the pointer.
pub(crate) fn canvas_ui<'s>(ui: &mut egui::Ui, scene: &'s Scene) -> Canvas<'s> {
    let (rect, response) = ui.allocate_exact_size(Vec2::new(scene.width, scene.height), Sense::click());
    paint_scene(ui.painter(), scene, rect.min);
    let at = |p: Pos2| Point::new(p.x - rect.min.x, p.y - rect.min.y);
    let hovered = response.hover_pos().and_then(|p| scene.hit_at(at(p)));
    let clicked = response
        .clicked()
        .then(|| response.interact_pointer_pos())
        .flatten()
        .and_then(|p| scene.hit_at(at(p)));
    let secondary = response
        .secondary_clicked()
        .then(|| response.interact_pointer_pos())
        .flatten()
        .and_then(|p| scene.hit_at(at(p)));
    Canvas {
        response,
        rect,
        hovered,
        clicked,
        secondary,
    }
}

impl<'s> Canvas<'s> {
    /// The What-if panel for a KPI right-clicked.
    pub(crate) fn whatif_command(&self) -> Option<Command> {
        match self.secondary.map(|r| r.hit) {
            Some(Hit::Item(item)) => Some(Command::WhatIf(WhatIf::Open(Some(item)))),
            _ => None,
        }
    }

    /// One accessible button per region (`name` gives its label); returns the
    /// region clicked and the one hovered through these widgets, if any.
    pub(crate) fn accessible_ui(
        &self,
        ui: &mut egui::Ui,
        regions: impl Iterator<Item = &'s HitRegion>,
        selected: Option<Hit>,
        name: impl Fn(&HitRegion) -> String,
    ) -> (Option<Hit>, Option<Hit>) {
        let (mut clicked, mut hovered) = (None, None);
        for region in regions {
            let anchor = region.area.anchor();
            let node_rect = Rect::from_center_size(self.rect.min + Vec2::new(anchor.x, anchor.y), Vec2::splat(6.0));
            let node = ui.interact(node_rect, ui.scope_id().with(("region", region.hit)), Sense::click());
            let is_selected = selected == Some(region.hit);
            node.widget_info(|| {
                let mut info = WidgetInfo::selected(Role::Button, true, is_selected, name(region));
                info.current_text_value = Some(region.value.clone());
                info
            });
            if node.clicked() {
                clicked = Some(region.hit);
            }
            if node.hovered() {
                hovered = Some(region.hit);
            }
        }
        (clicked, hovered)
    }

    /// A tooltip at the pointer for the hovered region: its label, value and `extra` lines.
    pub(crate) fn tooltip_ui(self, region: Option<&HitRegion>, extra: impl FnOnce(&mut egui::Ui, &HitRegion)) {
        if let Some(region) = region {
            self.response.on_hover_ui_at_pointer(|ui| {
                ui.strong(&region.label);
                ui.label(&region.value);
                extra(ui, region);
            });
        }
    }
}
