//! Comparing 2 to 12 cities: small-multiple wheels (click one to open it), a
//! heatmap of every KPI with values, ranks and the group median, and a radar of
//! the sub-dimension scores. Opened with a single city, it starts on that
//! city's peer group. The profiles and the heatmap are built once per set of
//! cities and year.

use super::super::command::Command;
use super::super::context::{Shown, ViewContext};
use super::super::models::Memo;
use super::super::session::MAX_COMPARED;
use super::super::state::View;
use super::canvas::canvas_ui;
use super::heatmap::{HeatmapInput, HeatmapModel, heatmap_ui};
use crate::chart::Hit;
use crate::chart::scene::Scene;
use crate::model::CityId;
use crate::request::{ChartKind, ChartRequest, CompareLayout, Inputs, Interaction, chart_scene};
use crate::score::{PeerChoice, Profile};
use crate::workspace::{CityRef, Workspace};
use std::sync::Arc;

/// Which picture of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CompareTab {
    #[default]
    Wheels,
    Heatmap,
    Radar,
}

/// What a comparison shows, for one set of cities and one year.
pub(crate) struct CompareModel {
    pub profiles: Arc<Vec<Profile>>,
    pub names: Vec<String>,
    pub heatmap: HeatmapModel,
}

type ModelKey = (u64, Vec<CityId>, Option<i32>);
type OrderKey = (u64, Vec<CityId>, Option<i32>, Option<usize>, bool);
type SceneKey = (u64, ChartRequest, [u32; 2], bool);

/// The compare view's own state.
#[derive(Default)]
pub struct CompareView {
    pub tab: CompareTab,
    /// Heatmap sorted by this city's % of target (index into the compared cities).
    pub sort_by: Option<usize>,
    model: Memo<ModelKey, CompareModel>,
    scene: Memo<SceneKey, Scene>,
    order: Memo<OrderKey, Vec<usize>>,
    /// The city whose peer group was offered when the view opened with it alone.
    started_for: Option<CityRef>,
    /// That peer group: its cities and its name, said while it is what is compared.
    peer_group: Option<(Vec<CityRef>, String)>,
    /// The search text of the "Add city" menu.
    add_search: String,
    /// Heatmap rows of KPIs no compared city reports are hidden; `None` until
    /// chosen: on when fewer than half the items are reported by any city.
    pub reported_only: Option<bool>,
}

impl CompareView {
    /// The picture last drawn on screen (its scene), if any.
    pub fn shown_scene(&self) -> Option<std::sync::Arc<Scene>> {
        self.scene.last()
    }

    pub(crate) fn ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
        let Some(shown) = &cx.shown else { return };
        let cities = cx.session.compared();
        self.start_on_peers(shown, &cities, out);
        picker_ui(ui, shown, &cities, &mut self.add_search, out);
        let others: Vec<CityRef> = cities.iter().skip(1).map(|c| shown.ws.city_ref(*c)).collect();
        if let Some((peers, label)) = &self.peer_group
            && *peers == others
        {
            ui.weak(format!("Opened on {}'s peer group: {label}", shown.info.name));
        }
        ui.horizontal(|ui| {
            for (tab, label) in [
                (CompareTab::Wheels, "Small wheels"),
                (CompareTab::Heatmap, "Heatmap"),
                (CompareTab::Radar, "Radar"),
            ] {
                ui.selectable_value(&mut self.tab, tab, label);
            }
        });
        if cities.len() < 2 {
            ui.label("Add at least one more city to compare (or pick a peer group).");
            return;
        }
        let year = cx.session.year().or(shown.profile.year);
        let key = (shown.ws.revision, cities.clone(), year);
        let model = self.model.get(key.clone(), &cx.models.work, || {
            let profiles = shown.ws.profiles(&cities, year);
            let names = cities
                .iter()
                .map(|c| shown.ws.dataset.cities[c.index()].name.clone())
                .collect();
            let heatmap = HeatmapModel::new(&shown.ws.catalogue, &profiles);
            CompareModel {
                profiles: Arc::new(profiles),
                names,
                heatmap,
            }
        });
        match self.tab {
            CompareTab::Heatmap => self.heatmap_ui(ui, cx, shown, &model, key),
            tab => self.scene_ui(ui, cx, shown, &model, (key, tab), out),
        }
    }

    /// Opened with the city alone: compare it with its peer group (the first of
    /// population band, country, region with other cities in it, else all cities).
    fn start_on_peers(&mut self, shown: &Shown<'_>, cities: &[CityId], out: &mut Vec<Command>) {
        let me = shown.ws.city_ref(shown.city);
        if cities.len() > 1 || self.started_for == Some(me) {
            return;
        }
        self.started_for = Some(me);
        let peers = PeerChoice::ALL
            .into_iter()
            .filter_map(|choice| choice.group(shown.info))
            .map(|group| {
                (
                    peers_of(shown.ws, shown.city, &group.members_like(&shown.ws.dataset, shown.city)),
                    group.label(),
                )
            })
            .find(|(peers, _)| !peers.is_empty());
        if let Some((peers, label)) = peers {
            out.push(Command::SetCompared(peers.clone()));
            self.peer_group = Some((peers, label));
        }
    }

    fn heatmap_ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &ViewContext<'_>,
        shown: &Shown<'_>,
        model: &CompareModel,
        key: ModelKey,
    ) {
        let sort_by = self.sort_by.filter(|k| *k < model.profiles.len());
        let mut reported_only = self.reported_only.unwrap_or_else(|| model.heatmap.mostly_unreported());
        if ui
            .checkbox(&mut reported_only, "Reported only")
            .on_hover_text("Hide the KPIs and data points no compared city reports")
            .changed()
        {
            self.reported_only = Some(reported_only);
        }
        let (generation, cities, year) = key;
        let order = self.order.get(
            (generation, cities, year, sort_by, reported_only),
            &cx.models.work,
            || model.heatmap.order(sort_by, reported_only),
        );
        let input = HeatmapInput {
            catalogue: &shown.ws.catalogue,
            names: &model.names,
            profiles: &model.profiles,
            theme: &cx.theme,
            sort_by,
            marks: cx.session.analysis.show_marks,
        };
        if let Some(k) = heatmap_ui(ui, &model.heatmap, &order, &input) {
            self.sort_by = if sort_by == Some(k) { None } else { Some(k) };
        }
    }

    fn scene_ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &ViewContext<'_>,
        shown: &Shown<'_>,
        model: &CompareModel,
        (key, tab): (ModelKey, CompareTab),
        out: &mut Vec<Command>,
    ) {
        let size = ui.available_size().max(egui::Vec2::splat(200.0));
        let Some(mut request) = cx.request(ChartKind::Compare) else {
            return;
        };
        (request.year, request.cities) = (key.2, key.1);
        request.view.compare = match tab {
            CompareTab::Radar => CompareLayout::Radar,
            _ => CompareLayout::Wheels,
        };
        let scene_key = (
            key.0,
            request.clone(),
            [size.x.round() as u32, size.y.round() as u32],
            cx.session.prefs.dark,
        );
        let scene = self.scene.get(scene_key, &cx.models.work, || {
            let inputs = Inputs {
                profiles: model.profiles.clone(),
                ..Inputs::of_profile(shown.profile.clone())
            };
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
        let wheels = scene.hits.iter().filter(|h| matches!(h.hit, Hit::City(_)));
        let (node_click, _) = canvas.accessible_ui(ui, wheels, None, |r| format!("Open {}", r.label));
        let open = node_click.or(canvas.clicked.map(|r| r.hit));
        let hovered = canvas.hovered;
        canvas.tooltip_ui(hovered, |_, _| {});
        if let Some(Hit::City(city)) = open
            && tab == CompareTab::Wheels
        {
            out.push(Command::SelectCity(shown.ws.city_ref(city)));
            out.push(Command::SetView(View::Wheel));
        }
    }
}

/// Up to 11 cities of `members` other than `me`, as references.
fn peers_of(ws: &Workspace, me: CityId, members: &[CityId]) -> Vec<CityRef> {
    members
        .iter()
        .filter(|c| **c != me)
        .take(MAX_COMPARED - 1)
        .map(|c| ws.city_ref(*c))
        .collect()
}

/// Chips of the compared cities, an "Add city" menu and the peer groups.
fn picker_ui(ui: &mut egui::Ui, shown: &Shown<'_>, cities: &[CityId], search: &mut String, out: &mut Vec<Command>) {
    let ws = shown.ws;
    let others: Vec<CityRef> = cities.iter().skip(1).map(|c| ws.city_ref(*c)).collect();
    ui.horizontal_wrapped(|ui| {
        ui.label("Comparing");
        ui.label(egui::RichText::new(&shown.info.name).strong());
        for (i, &c) in cities.iter().enumerate().skip(1) {
            let name = &ws.dataset.cities[c.index()].name;
            let chip = ui
                .button(format!("{name} ×"))
                .on_hover_text("Remove from the comparison");
            if chip.clicked() {
                let rest = others.iter().enumerate().filter(|(j, _)| *j + 1 != i).map(|(_, r)| *r);
                out.push(Command::SetCompared(rest.collect()));
            }
        }
        if cities.len() < MAX_COMPARED {
            ui.menu_button("Add city", |ui| add_city_ui(ui, ws, (cities, &others), search, out));
        }
        ui.menu_button("Peer group", |ui| peer_group_ui(ui, shown, out));
    });
}

/// The cities that can be added, filtered by `search`; at most 60 listed (type to
/// narrow), so a workspace of 10,000 cities stays quick to browse.
fn add_city_ui(
    ui: &mut egui::Ui,
    ws: &Workspace,
    (cities, others): (&[CityId], &[CityRef]),
    search: &mut String,
    out: &mut Vec<Command>,
) {
    let label = ui.label("Find");
    ui.add(
        egui::TextEdit::singleline(search)
            .hint_text("city or country")
            .desired_width(200.0),
    )
    .labelled_by(label.id);
    let needle = search.trim().to_lowercase();
    let matches = ws.dataset.cities.iter().enumerate().filter(|(i, c)| {
        !cities.contains(&CityId::new(*i))
            && (needle.is_empty()
                || c.name.to_lowercase().contains(&needle)
                || c.country.as_deref().is_some_and(|k| k.to_lowercase().contains(&needle)))
    });
    egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
        for (shown, (i, city)) in matches.enumerate() {
            if shown == 60 {
                ui.weak("… type to find more");
                break;
            }
            if ui.button(&city.name).clicked() {
                let mut all = others.to_vec();
                all.push(ws.city_ref(CityId::new(i)));
                out.push(Command::SetCompared(all));
            }
        }
    });
}

fn peer_group_ui(ui: &mut egui::Ui, shown: &Shown<'_>, out: &mut Vec<Command>) {
    for choice in PeerChoice::ALL {
        let group = choice.group(shown.info);
        let text = match &group {
            Some(g) => format!("{} ({})", choice.label(), g.label()),
            None => format!("{} (unknown for this city)", choice.label()),
        };
        if ui.add_enabled(group.is_some(), egui::Button::new(text)).clicked()
            && let Some(g) = group
        {
            out.push(Command::SetCompared(peers_of(
                shown.ws,
                shown.city,
                &g.members_like(&shown.ws.dataset, shown.city),
            )));
        }
    }
}
