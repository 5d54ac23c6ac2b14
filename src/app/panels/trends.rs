//! Trends of the city shown: every KPI's status after the SDSN method with an
//! arrow, the chosen KPI's line chart with its target and projection, and the
//! KPIs that changed band between two years. The statuses and band changes are
//! computed once per city and year.

use egui::{Sense, Vec2};

use super::super::command::Command;
use super::super::context::{Shown, ViewContext};
use super::super::models::Memo;
use crate::chart::Scene;
use crate::chart::trend_chart::trend_arrow;
use crate::model::{CityId, ItemId};
use crate::render::{paint_scene, to_color32};
use crate::request::{ChartKind, ChartRequest, Inputs, Interaction, chart_scene};
use crate::score::{Band, PROJECTION_HORIZON, Trend, TrendStatus, item_trend};

/// Every item's trend, those with a trend first (decreasing, stagnating, moderately
/// improving, on track: what needs attention first), each status in wheel order;
/// and how many have each status.
pub(crate) struct TrendsModel {
    pub trends: Vec<(ItemId, Trend)>,
    pub summary: String,
}

/// An item that moved band: (item, band before, band now).
type BandChange = (ItemId, Band, Band);

type Key = (u64, CityId, Option<i32>);

/// The trends view's own state.
#[derive(Default)]
pub struct TrendsView {
    /// The earlier year of the band-changes list.
    pub change_from: Option<i32>,
    trends: Memo<Key, TrendsModel>,
    changes: Memo<(u64, CityId, i32, i32), Vec<BandChange>>,
    scene: Memo<(Key, ChartRequest, [u32; 2], bool), Scene>,
}

fn trends_model(shown: &Shown<'_>) -> TrendsModel {
    let ws = shown.ws;
    let targets = ws.targets_for(shown.city, shown.profile.year);
    let trends: Vec<(ItemId, Trend)> = ws
        .catalogue
        .items_in_order()
        .into_iter()
        .map(|i| {
            (
                i,
                item_trend(&ws.catalogue, &ws.dataset, &targets, shown.city, i, shown.profile.year),
            )
        })
        .collect();
    let mut trends = trends;
    trends.sort_by_key(|(_, t)| attention_order(t.status)); // stable: wheel order within a status
    let count = |s: TrendStatus| trends.iter().filter(|t| t.1.status == s).count();
    let summary = format!(
        "{} on track · {} moderately improving · {} stagnating · {} decreasing · {} without trend",
        count(TrendStatus::OnTrack),
        count(TrendStatus::ModeratelyImproving),
        count(TrendStatus::Stagnating),
        count(TrendStatus::Decreasing),
        count(TrendStatus::Unavailable)
    );
    TrendsModel { trends, summary }
}

impl TrendsView {
    /// The picture last drawn on screen (its scene), if any.
    pub fn shown_scene(&self) -> Option<std::sync::Arc<Scene>> {
        self.scene.last()
    }

    pub(crate) fn ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
        let Some(shown) = &cx.shown else { return };
        let key = (shown.ws.revision, shown.city, shown.profile.year);
        let model = self.trends.get(key, &cx.models.work, || trends_model(shown));
        let selected = cx
            .session
            .trend_item
            .or_else(|| {
                model
                    .trends
                    .iter()
                    .find(|(_, t)| t.status != TrendStatus::Unavailable)
                    .map(|t| t.0)
            })
            .unwrap_or(ItemId(0));
        egui::Panel::left("trend_list")
            .default_size(320.0)
            .max_size(380.0)
            .resizable(true)
            .show(ui, |ui| list_ui(ui, shown, &model, selected, out));
        self.changes_ui(ui, cx, shown);
        let size = ui.available_size().max(Vec2::new(300.0, 200.0));
        let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
        let Some(mut request) = cx.request(ChartKind::Trend) else {
            return;
        };
        request.kpi = Some(selected);
        let scene_key = (
            key,
            request.clone(),
            [size.x as u32, size.y as u32],
            cx.session.prefs.dark,
        );
        let scene = self.scene.get(scene_key, &cx.models.work, || {
            let inputs = Inputs::of_profile(shown.profile.clone());
            let size = (rect.width(), rect.height());
            chart_scene(shown.ws, &request, &inputs, &cx.theme, size, &Interaction::default())
        });
        paint_scene(ui.painter(), &scene, rect.min);
    }

    /// The KPIs that moved band between a chosen earlier year and the year shown.
    fn changes_ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, shown: &Shown<'_>) {
        let Some(to) = shown.profile.year else { return };
        let earlier: Vec<i32> = shown.years.iter().copied().filter(|y| *y < to).collect();
        egui::Panel::bottom("band_changes")
            .default_size(170.0)
            .resizable(true)
            .show(ui, |ui| {
                let Some(&first) = earlier.first() else {
                    ui.label(format!("No year before {to}: band changes need two years."));
                    return;
                };
                let from = self.change_from.filter(|y| earlier.contains(y)).unwrap_or(first);
                ui.horizontal(|ui| {
                    let label = ui.label("Band changes from");
                    egui::ComboBox::from_id_salt("change_from")
                        .selected_text(from.to_string())
                        .show_ui(ui, |ui| {
                            for y in &earlier {
                                ui.selectable_value(&mut self.change_from, Some(*y), y.to_string());
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.label(format!("to {to}"));
                });
                let key = (shown.ws.revision, shown.city, from, to);
                let moved = self.changes.get(key, &cx.models.work, || band_changes(cx, shown, from));
                changes_list_ui(ui, cx, shown, &moved);
            });
    }
}

/// Items whose band differs between `from` and the profile shown, most improved first.
fn band_changes(cx: &ViewContext<'_>, shown: &Shown<'_>, from: i32) -> Vec<BandChange> {
    let before = cx.models.profile(shown.ws, shown.city, Some(from));
    let mut moved: Vec<BandChange> = shown
        .profile
        .items
        .iter()
        .filter_map(|s| match (before.items[s.item.index()].band(), s.band()) {
            (Some(a), Some(b)) if a != b => Some((s.item, a, b)),
            _ => None,
        })
        .collect();
    moved.sort_by_key(|(_, a, b)| -(b.points() as i32 - a.points() as i32));
    moved
}

/// The list's order of statuses: moving away first, no trend last.
fn attention_order(status: TrendStatus) -> u8 {
    match status {
        TrendStatus::Decreasing => 0,
        TrendStatus::Stagnating => 1,
        TrendStatus::ModeratelyImproving => 2,
        TrendStatus::OnTrack => 3,
        TrendStatus::Unavailable => 4,
    }
}

/// The items under a heading per status; those without a trend folded away at the end.
fn list_ui(ui: &mut egui::Ui, shown: &Shown<'_>, model: &TrendsModel, selected: ItemId, out: &mut Vec<Command>) {
    ui.label(&model.summary);
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        for group in model.trends.chunk_by(|a, b| a.1.status == b.1.status) {
            let status = group[0].1.status;
            let heading = format!("{} ({})", capitalised(status.label()), group.len());
            if status == TrendStatus::Unavailable {
                egui::CollapsingHeader::new(heading)
                    .id_salt("no_trend")
                    .default_open(group.len() == model.trends.len())
                    .show(ui, |ui| rows_ui(ui, shown, group, selected, out));
            } else {
                ui.add_space(4.0);
                ui.strong(heading);
                rows_ui(ui, shown, group, selected, out);
            }
        }
    });
}

fn rows_ui(ui: &mut egui::Ui, shown: &Shown<'_>, rows: &[(ItemId, Trend)], selected: ItemId, out: &mut Vec<Command>) {
    let text_color = ui.visuals().text_color();
    for (item, trend) in rows {
        ui.horizontal(|ui| {
            arrow_ui(ui, trend.status, text_color).on_hover_text(trend.status.label());
            let projected = match (trend.projected_year, trend.beyond_horizon) {
                (Some(y), _) => format!(" (target {y})"),
                (None, true) => format!(" (target not by {PROJECTION_HORIZON})"),
                (None, false) => String::new(),
            };
            let label = format!("{}{projected}", shown.ws.catalogue.item_label(*item));
            let row = ui
                .selectable_label(*item == selected, label)
                .on_hover_text(trend.projection().unwrap_or_else(|| trend.status.label().into()));
            if row.clicked() {
                out.push(Command::SetTrendItem(*item));
            }
        });
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn changes_list_ui(ui: &mut egui::Ui, cx: &ViewContext<'_>, shown: &Shown<'_>, moved: &[BandChange]) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        if moved.is_empty() {
            ui.label("No KPI changed band.");
        }
        for (item, before, now) in moved {
            ui.horizontal(|ui| {
                let (status, color) = if now.points() > before.points() {
                    (TrendStatus::OnTrack, cx.theme.bands[3])
                } else {
                    (TrendStatus::Decreasing, cx.theme.bands[1])
                };
                arrow_ui(ui, status, to_color32(color));
                let name = shown.ws.catalogue.item_label(*item);
                ui.label(format!("{name}: {} to {}", before.label(), now.label()));
            });
        }
    });
}

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
