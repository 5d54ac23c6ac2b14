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
use crate::chart::{Focus, Hit, Scene};
use crate::request::{ChartKind, ChartRequest, Inputs, Interaction, chart_scene};

/// Which picture the view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) enum SnapshotKind {
    #[default]
    Snapshot,
    Radars,
    Verification,
}

impl SnapshotKind {
    /// The chart this picture is (what the export dialog offers from here).
    pub(crate) fn chart(self) -> ChartKind {
        match self {
            SnapshotKind::Snapshot => ChartKind::Snapshot,
            SnapshotKind::Radars => ChartKind::Radars,
            SnapshotKind::Verification => ChartKind::Verification,
        }
    }

    const ALL: [(SnapshotKind, &'static str); 3] = [
        (SnapshotKind::Snapshot, "City Snapshot"),
        (SnapshotKind::Radars, "Dimension radars"),
        (SnapshotKind::Verification, "Verification summary"),
    ];
}

type SceneKey = (u64, ChartRequest, [u32; 2], bool);

/// The view's state: which picture, and its last scene.
#[derive(Default)]
pub struct SnapshotView {
    pub(crate) kind: SnapshotKind,
    scene: Memo<SceneKey, Scene>,
}

impl SnapshotView {
    /// The picture last drawn on screen (its scene), if any.
    pub fn shown_scene(&self) -> Option<std::sync::Arc<Scene>> {
        self.scene.last()
    }

    pub(crate) fn ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
        let Some(shown) = &cx.shown else { return };
        ui.horizontal(|ui| {
            for (kind, label) in SnapshotKind::ALL {
                ui.selectable_value(&mut self.kind, kind, label);
            }
        });
        let size = ui.available_size().max(Vec2::new(420.0, 320.0));
        let Some(request) = cx.request(self.kind.chart()) else {
            return;
        };
        let key = (
            shown.ws.revision,
            request.clone(),
            [size.x as u32, size.y as u32],
            cx.session.prefs.dark,
        );
        let scene = self.scene.get(key, &cx.models.work, || {
            let inputs = Inputs::of_profile(shown.profile.clone());
            chart_scene(
                shown.ws,
                &request,
                &inputs,
                &cx.theme,
                (size.x, size.y),
                &Interaction::default(),
            )
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
