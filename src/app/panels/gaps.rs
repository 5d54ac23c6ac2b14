//! The target gaps view: every scored item as a bar of its % of target, worst
//! first, with an optional peer-group median mark. The median of a large group
//! is computed by a background job; the bars show at once and the marks follow.

use std::sync::Arc;

use super::super::command::Command;
use super::super::context::{Shown, ViewContext};
use super::super::models::{BackgroundMemo, Memo};
use super::super::state::GapsSettings;
use super::canvas::canvas_ui;
use crate::chart::Hit;
use crate::chart::gaps::KpiKind;
use crate::chart::scene::Scene;
use crate::model::{CityId, DimensionId};
use crate::request::{
    ChartKind, ChartRequest, Inputs, Interaction, PeerMedian, chart_scene, natural_height, peer_median,
};
use crate::score::PeerChoice;

type MedianKey = (u64, CityId, Option<i32>, PeerChoice);
type SceneKey = (u64, ChartRequest, u32, Interaction, bool, bool);

/// The gaps view's own state: the peer median job and the last scene.
#[derive(Default)]
pub struct GapsView {
    median: BackgroundMemo<MedianKey, Option<PeerMedian>>,
    scene: Memo<SceneKey, Scene>,
}

impl GapsView {
    /// The picture last drawn on screen (its scene), if any.
    pub fn shown_scene(&self) -> Option<std::sync::Arc<Scene>> {
        self.scene.last()
    }

    pub(crate) fn ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
        let Some(shown) = &cx.shown else { return };
        let settings = cx.session.analysis.gaps;
        controls_ui(ui, shown, settings, out);
        let median = settings.peers.and_then(|choice| self.median(cx, shown, choice));
        if self.median.pending() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.weak("Computing the peer-group median…");
            });
        }
        if let Some(error) = &self.median.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        let scene = self.scene(cx, shown, ui.available_width().max(300.0), median);
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            let canvas = canvas_ui(ui, &scene);
            let hovered = canvas.hovered.map(|r| r.hit);
            out.extend(canvas.whatif_command());
            if hovered != cx.session.hovered {
                out.push(Command::Hover(hovered));
            }
            if let Some(region) = canvas.clicked {
                out.push(Command::Select(Some(region.hit)));
            }
            let region = canvas.hovered;
            canvas.tooltip_ui(region, |ui, region| target_tooltip_ui(ui, shown, region.hit));
        });
    }

    /// The chart, rebuilt only when what it shows changed: every bar the view
    /// shows at its full height (the view scrolls).
    fn scene(
        &self,
        cx: &ViewContext<'_>,
        shown: &Shown<'_>,
        width: f32,
        median: Option<Arc<PeerMedian>>,
    ) -> Arc<Scene> {
        let Some(request) = cx.request(ChartKind::Gaps) else {
            return Arc::new(Scene::new(width, 100.0, cx.theme.background));
        };
        let live = cx.interaction();
        let key = (
            shown.ws.revision,
            request.clone(),
            width.round() as u32,
            live,
            cx.session.prefs.dark,
            median.is_some(),
        );
        self.scene.get(key, &cx.models.work, || {
            let inputs = Inputs {
                median,
                ..Inputs::of_profile(shown.profile.clone())
            };
            let height = natural_height(shown.ws, &request, &inputs, &cx.theme, width).unwrap_or(100.0);
            chart_scene(shown.ws, &request, &inputs, &cx.theme, (width, height), &live)
        })
    }

    /// The peer group's median, once the background job has it.
    fn median(&mut self, cx: &ViewContext<'_>, shown: &Shown<'_>, choice: PeerChoice) -> Option<Arc<PeerMedian>> {
        let year = shown.profile.year;
        let key = (shown.ws.revision, shown.city, year, choice);
        let (ws, city) = (shown.ws.clone(), shown.city);
        let median = self.median.get(key, &cx.models.work, &cx.repaint, move || {
            peer_median(&ws, city, year, choice)
        })?;
        (*median).clone().map(Arc::new)
    }

    /// The city, year and peer group of the median kept or being computed (tests).
    pub fn median_key(&self) -> Option<(CityId, Option<i32>, PeerChoice)> {
        self.median.key().map(|k| (k.1, k.2, k.3))
    }

    /// True while the peer-group median is being computed.
    pub fn median_pending(&self) -> bool {
        self.median.pending()
    }

    /// The name of the peer group whose median is ready (tests).
    pub fn median_group(&self) -> Option<String> {
        self.median
            .value()
            .and_then(|m| m.as_ref().as_ref().map(|m| m.group.clone()))
    }
}

/// The item's target and its source, under the tooltip's value.
fn target_tooltip_ui(ui: &mut egui::Ui, shown: &Shown<'_>, hit: Hit) {
    if let Hit::Item(item) = hit {
        let score = &shown.profile.items[item.index()];
        if let (Some(t), Some(text)) = (&score.target, crate::chart::describe::target_text(score)) {
            ui.label(format!("Target {text} ({})", t.source));
        }
    }
}

/// Dimension, KPI kind, worst N, grouping and peer group. Wrapped: beside the
/// side panels the controls need two lines, and an overflowing row would widen
/// the panel and push the chart's 100 % line out of view.
fn controls_ui(ui: &mut egui::Ui, shown: &Shown<'_>, current: GapsSettings, out: &mut Vec<Command>) {
    let mut gaps = current;
    let catalogue = &shown.ws.catalogue;
    ui.horizontal_wrapped(|ui| {
        let dim_name =
            |d: Option<DimensionId>| d.map_or("All dimensions".to_string(), |d| catalogue.dimensions[d.0].name.clone());
        let label = ui.label("Show");
        egui::ComboBox::from_id_salt("gaps_dimension")
            .selected_text(dim_name(gaps.dimension))
            .show_ui(ui, |ui| {
                let dims = (0..catalogue.dimensions.len()).map(|d| Some(DimensionId(d)));
                for choice in std::iter::once(None).chain(dims) {
                    ui.selectable_value(&mut gaps.dimension, choice, dim_name(choice));
                }
            })
            .response
            .labelled_by(label.id);
        for (kind, label) in [
            (KpiKind::All, "Core and advanced"),
            (KpiKind::Core, "Core"),
            (KpiKind::Advanced, "Advanced"),
        ] {
            ui.selectable_value(&mut gaps.kind, kind, label);
        }
        ui.separator();
        let mut limit = gaps.worst.is_some();
        let worst = ui.checkbox(&mut limit, "Worst");
        let mut n = gaps.worst.unwrap_or(10);
        ui.add_enabled(limit, egui::DragValue::new(&mut n).range(1..=200))
            .labelled_by(worst.id);
        gaps.worst = limit.then_some(n);
        ui.checkbox(&mut gaps.group_by_dimension, "Group by dimension");
        ui.separator();
        // Label and choice stay together: start a new line when both do not fit.
        if ui.available_size_before_wrap().x < 260.0 {
            ui.end_row();
        }
        peers_ui(ui, &mut gaps.peers);
    });
    if gaps != current {
        out.push(Command::SetGaps(gaps));
    }
}

fn peers_ui(ui: &mut egui::Ui, peers: &mut Option<PeerChoice>) {
    ui.horizontal(|ui| {
        let label = ui.label("Median of");
        let text = |c: Option<PeerChoice>| c.map_or("no peer group", |c| c.label());
        egui::ComboBox::from_id_salt("gaps_peers")
            .selected_text(text(*peers))
            .show_ui(ui, |ui| {
                for choice in std::iter::once(None).chain(PeerChoice::ALL.into_iter().map(Some)) {
                    ui.selectable_value(peers, choice, text(choice));
                }
            })
            .response
            .labelled_by(label.id);
    });
}
