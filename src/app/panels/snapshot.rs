//! The Snapshot view: the City Snapshot (sub-dimension blocks of category
//! tiles), the dimension radars, or the verification summary, switched at the
//! top. Hover shows a category's score; a click on a category (tile or radar
//! point) opens it in the wheel.

use egui::Vec2;

use super::super::command::Command;
use super::super::context::ViewContext;
use super::super::models::Memo;
use super::super::state::View;
use super::canvas::canvas_ui;
use crate::chart::radars::radars_scene;
use crate::chart::snapshot::snapshot_scene;
use crate::chart::verification::verification_scene;
use crate::chart::{Focus, Hit, Scene};
use crate::model::CityId;

/// Which picture the view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) enum SnapshotKind {
    #[default]
    Snapshot,
    Radars,
    Verification,
}

impl SnapshotKind {
    const ALL: [(SnapshotKind, &'static str); 3] = [
        (SnapshotKind::Snapshot, "City Snapshot"),
        (SnapshotKind::Radars, "Dimension radars"),
        (SnapshotKind::Verification, "Verification summary"),
    ];
}

type SceneKey = (u64, CityId, Option<i32>, SnapshotKind, [u32; 2], bool);

/// The view's state: which picture, and its last scene.
#[derive(Default)]
pub(crate) struct SnapshotView {
    pub(crate) kind: SnapshotKind,
    scene: Memo<SceneKey, Scene>,
}

impl SnapshotView {
    pub(crate) fn ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
        let Some(shown) = &cx.shown else { return };
        ui.horizontal(|ui| {
            for (kind, label) in SnapshotKind::ALL {
                ui.selectable_value(&mut self.kind, kind, label);
            }
        });
        let size = ui.available_size().max(Vec2::new(420.0, 320.0));
        let key = (
            shown.ws.revision,
            shown.city,
            shown.profile.year,
            self.kind,
            [size.x as u32, size.y as u32],
            cx.session.prefs.dark,
        );
        let kind = self.kind;
        let scene = self.scene.get(key, &cx.models.work, || {
            let (c, p, t) = (&shown.ws.catalogue, &*shown.profile, &cx.theme);
            match kind {
                SnapshotKind::Snapshot => snapshot_scene(c, p, t, size.x, size.y, true),
                SnapshotKind::Radars => radars_scene(c, p, t, size.x, size.y),
                SnapshotKind::Verification => verification_scene(c, p, t, size.x, size.y),
            }
        });
        let canvas = canvas_ui(ui, &scene);
        let (clicked, hovered) = canvas.accessible_ui(ui, scene.hits.iter(), cx.session.selected, |r| r.label.clone());
        let hovered = canvas.hovered.map(|r| r.hit).or(hovered);
        if hovered != cx.session.hovered {
            out.push(Command::Hover(hovered));
        }
        if let Some(Hit::Category(k)) = canvas.clicked.map(|r| r.hit).or(clicked) {
            out.push(Command::Drill(Focus::Category(k)));
            out.push(Command::SetView(View::Wheel));
        }
        let region = canvas.hovered;
        canvas.tooltip_ui(region, |ui, _| {
            ui.weak("Click to open it in the wheel");
        });
    }
}
