//! The central area: view tabs, the breadcrumb, and the current view.

use std::sync::Arc;

use super::state::{Command, PeerChoice, View};
use super::{CityProfileApp, table_view, wheel_view};
use crate::chart::Focus;
use crate::chart::gaps::{GapsOptions, KpiKind, gaps_scene};
use crate::chart::scene::Point;
use crate::model::{CityId, DimensionId};
use crate::render::paint_scene;
use crate::workspace::Workspace;

pub fn central(app: &mut CityProfileApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        for view in View::ALL {
            if ui.selectable_label(app.persisted.view == view, view.label()).clicked() {
                app.push(Command::SetView(view));
            }
        }
        ui.separator();
        if let (Some(ws), Some(city)) = (&app.workspace, app.city) {
            let c = &ws.dataset.cities[city.0];
            let year = app
                .profile
                .as_ref()
                .and_then(|p| p.year)
                .map(|y| format!(", {y}"))
                .unwrap_or_default();
            ui.label(egui::RichText::new(format!("{}{year}", c.name)).strong());
            if c.fictional {
                super::look::fictional_badge(ui);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button("Export…")
                    .on_hover_text("PNG, SVG or PDF of this chart, or the city report")
                    .clicked()
                {
                    app.push(Command::OpenExport(app.persisted.view.chart()));
                }
            });
        }
    });
    if let Some(report) = &app.load_error {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!(
                "Nothing could be loaded: {} error(s); see the validation report.",
                report.error_count()
            ),
        );
        return;
    }
    if app.workspace.is_none() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Loading…");
        });
        return;
    }
    match app.persisted.view {
        View::Wheel => {
            breadcrumb(app, ui);
            wheel_view::wheel_ui(app, ui);
        }
        View::Gaps => gaps_ui(app, ui),
        View::Table => table_view::table_ui(app, ui),
        View::Compare => super::compare_view::compare_ui(app, ui),
        View::Trends => super::trends_view::trends_ui(app, ui),
    }
}

fn breadcrumb(app: &mut CityProfileApp, ui: &mut egui::Ui) {
    let Some(ws) = app.workspace.clone() else { return };
    ui.horizontal(|ui| {
        let path = app.focus.path(&ws.catalogue);
        for (i, focus) in path.iter().enumerate() {
            if i > 0 {
                ui.label("›");
            }
            let last = i + 1 == path.len();
            let text = focus.name(&ws.catalogue);
            if last {
                ui.label(egui::RichText::new(text).strong());
            } else if ui.link(text).clicked() {
                app.push(Command::Drill(*focus));
            }
        }
        if app.focus != Focus::All {
            ui.label(egui::RichText::new("(Escape or the centre goes back)").small().weak());
        }
        year_slider(app, ui);
    });
}

/// A slider over the city's years, right-aligned in the breadcrumb row.
fn year_slider(app: &mut CityProfileApp, ui: &mut egui::Ui) {
    let years = app.years();
    let (Some(&first), Some(&last)) = (years.first(), years.last()) else {
        return;
    };
    if first == last {
        return;
    }
    let current = app.profile.as_ref().and_then(|p| p.year).unwrap_or(last);
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        let mut year = current;
        let slider = egui::Slider::new(&mut year, first..=last)
            .step_by(1.0)
            .text("Wheel year");
        if ui.add(slider).changed() && year != current {
            app.push(Command::SetYear(Some(year)));
        }
    });
}

/// A peer group's median % of target per item, and the group's name.
type PeerMedian = Option<(Vec<Option<f64>>, String)>;

/// The last peer-group median with what it was computed for (workspace, city, year,
/// group): scoring a group of a thousand cities takes tens of milliseconds, too long
/// to repeat on every frame of the gaps view.
#[derive(Default)]
pub struct MedianCache(Option<(MedianKey, PeerMedian)>);

impl MedianCache {
    /// The city, year and group of the median kept, if any.
    pub fn key(&self) -> Option<(CityId, Option<i32>, PeerChoice)> {
        self.0.as_ref().map(|((_, c, y, g), _)| (*c, *y, *g))
    }

    /// The group name of the median kept (`None`: none kept, or the city lacks the fact).
    pub fn group_name(&self) -> Option<&str> {
        self.0.as_ref()?.1.as_ref().map(|(_, name)| name.as_str())
    }
}

/// What a peer-group median depends on.
type MedianKey = (Arc<Workspace>, CityId, Option<i32>, PeerChoice);

/// The median % of target per item of the selected city's peer group, and the group's name.
fn peer_median(app: &mut CityProfileApp, choice: Option<PeerChoice>) -> PeerMedian {
    let (ws, city, choice) = (app.workspace.clone()?, app.city?, choice?);
    let year = app.profile.as_ref().and_then(|p| p.year);
    if let Some(((cached_ws, c, y, g), median)) = &app.medians.0
        && Arc::ptr_eq(cached_ws, &ws)
        && (*c, *y, *g) == (city, year, choice)
    {
        return median.clone();
    }
    let median = choice.group(&ws.dataset.cities[city.0]).map(|group| {
        let members = group.members(&ws.dataset);
        let profiles = ws.profiles(&members, year);
        (
            crate::score::group_median(&profiles),
            format!("{} ({} cities)", group.label(), members.len()),
        )
    });
    app.medians = MedianCache(Some(((ws, city, year, choice), median.clone())));
    median
}

fn gaps_ui(app: &mut CityProfileApp, ui: &mut egui::Ui) {
    let (Some(ws), Some(profile)) = (app.workspace.clone(), app.profile.clone()) else {
        return;
    };
    let mut gaps = app.persisted.gaps;
    // Wrapped: beside the sidebar and details panel the controls need two lines, and
    // an overflowing row would widen the panel and push the chart's 100 % line out of view.
    ui.horizontal_wrapped(|ui| {
        let dim_name = |d: Option<DimensionId>| {
            d.map_or("All dimensions".to_string(), |d| {
                ws.catalogue.dimensions[d.0].name.clone()
            })
        };
        let label = ui.label("Show");
        egui::ComboBox::from_id_salt("gaps_dimension")
            .selected_text(dim_name(gaps.dimension))
            .show_ui(ui, |ui| {
                for choice in
                    std::iter::once(None).chain((0..ws.catalogue.dimensions.len()).map(|d| Some(DimensionId(d))))
                {
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
        ui.horizontal(|ui| {
            let label = ui.label("Median of");
            let text = |c: Option<PeerChoice>| c.map_or("no peer group", |c| c.label());
            egui::ComboBox::from_id_salt("gaps_peers")
                .selected_text(text(gaps.peers))
                .show_ui(ui, |ui| {
                    for choice in std::iter::once(None).chain(PeerChoice::ALL.into_iter().map(Some)) {
                        ui.selectable_value(&mut gaps.peers, choice, text(choice));
                    }
                })
                .response
                .labelled_by(label.id);
        });
    });
    if gaps != app.persisted.gaps {
        app.push(Command::SetGaps(gaps));
    }
    let opts = GapsOptions {
        dimension: gaps.dimension,
        kind: gaps.kind,
        worst: gaps.worst,
        group_by_dimension: gaps.group_by_dimension,
        median: peer_median(app, gaps.peers),
        height: None,
        hovered: app.hovered,
        selected: app.selected,
    };
    let width = ui.available_width().max(300.0);
    let scene = gaps_scene(&ws.catalogue, &profile, &app.theme(), width, &opts);
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        let (rect, response) = ui.allocate_exact_size(egui::vec2(scene.width, scene.height), egui::Sense::click());
        paint_scene(ui.painter(), &scene, rect.min);
        let to_scene = |p: egui::Pos2| Point::new(p.x - rect.min.x, p.y - rect.min.y);
        app.hovered = response
            .hover_pos()
            .and_then(|p| scene.hit_at(to_scene(p)))
            .map(|h| h.hit);
        if let Some(hit) = response
            .clicked()
            .then(|| response.interact_pointer_pos())
            .flatten()
            .and_then(|p| scene.hit_at(to_scene(p)))
            .map(|h| h.hit)
        {
            app.push(Command::Select(Some(hit)));
        }
        if let Some(region) = app.hovered.and_then(|h| scene.region(h)).cloned() {
            response.on_hover_ui_at_pointer(|ui| {
                ui.strong(&region.label);
                ui.label(&region.value);
                if let (crate::chart::Hit::Item(item), Some(profile)) = (region.hit, &app.profile) {
                    let score = &profile.items[item.0];
                    if let (Some(t), Some(text)) = (&score.target, crate::chart::describe::target_text(score)) {
                        ui.label(format!("Target {text} ({})", t.source));
                    }
                }
            });
        }
    });
}
