//! The left panel: datasets, loading progress, the report summary, the cities
//! with search, and the year. The city rows (facts and coverage of every city)
//! are built once per workspace, by the load job; the list draws only the rows
//! in view, so 10,000 cities cost no more per frame than 14.

use super::super::command::Command;
use super::super::context::ViewContext;
use super::super::look::FICTIONAL_COLOR;
use super::super::models::Memo;
use crate::model::{CityId, ItemId, TargetSetName, Value, group_thousands};
use crate::score::PeerChoice;
use crate::workspace::Workspace;

/// One city of the list, with everything the row shows.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CityRow {
    pub id: CityId,
    pub name: String,
    /// `Norway · pop. 42 000 · reported 17/112`.
    pub facts: String,
    pub fictional: bool,
    /// What the row's tooltip says: the population with its year, coverage and source.
    tooltip: String,
    /// Name and country in lower case, for the search.
    search: String,
}

/// Every city's row: real cities first, then by name.
pub(crate) fn city_rows(ws: &Workspace) -> Vec<CityRow> {
    let total = ws.catalogue.items.len();
    let mut rows: Vec<CityRow> = ws
        .dataset
        .cities
        .iter()
        .enumerate()
        .map(|(i, city)| {
            let country = city.country.as_deref().unwrap_or("");
            let population = city.population.map_or_else(
                || "population unknown".to_string(),
                |p| format!("pop. {}", group_thousands(p)),
            );
            let reported = format!("reported {}/{total}", reported_count(ws, CityId::new(i)));
            let facts: Vec<&str> = [country, &population, &reported]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            CityRow {
                id: CityId::new(i),
                name: city.name.clone(),
                facts: facts.join(" · "),
                fictional: city.fictional,
                tooltip: city_tooltip(city),
                search: format!("{}\n{}", city.name.to_lowercase(), country.to_lowercase()),
            }
        })
        .collect();
    rows.sort_by_cached_key(|r| (r.fictional, r.name.to_lowercase()));
    rows
}

/// The row's tooltip: fictional or not, and the population with its year and source.
fn city_tooltip(city: &crate::model::City) -> String {
    let population = city
        .population_text()
        .map_or_else(|| "Population unknown".to_string(), |p| format!("Population {p}"));
    if city.fictional {
        format!("Invented demonstration data, not a real city. {population}")
    } else {
        format!("Show this city. {population}")
    }
}

/// Items with a value (not "not reported") in the city's latest year.
fn reported_count(ws: &Workspace, city: CityId) -> usize {
    let year = ws.dataset.latest_year(city);
    (0..ws.catalogue.items.len())
        .filter(|&i| {
            ws.dataset
                .observation(city, ItemId::new(i), year)
                .is_some_and(|o| o.value() != Value::NotReported)
        })
        .count()
}

const ROW_HEIGHT: f32 = 38.0;

/// The target set in force and the derived-targets switch (persisted).
fn targets_ui(ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
    let scoring = cx.session.analysis.scoring;
    let mut next = scoring;
    ui.horizontal(|ui| {
        let label = ui.label("Target set");
        egui::ComboBox::from_id_salt("target-set")
            .selected_text(scoring.set.key())
            .show_ui(ui, |ui| {
                for set in TargetSetName::ALL {
                    ui.selectable_value(&mut next.set, set, set.key())
                        .on_hover_text(set.describe());
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text(scoring.set.describe());
    });
    let mut derived = scoring.derived.is_some();
    let tip = "Where no target exists: the mean of the 5 best cities' values, worst value the \
               2.5th percentile (SDSN method); needs 5 cities reporting the item";
    if ui
        .checkbox(&mut derived, "Derive missing targets")
        .on_hover_text(tip)
        .changed()
    {
        next.derived = derived.then_some(PeerChoice::All);
    }
    if let Some(from) = scoring.derived {
        ui.horizontal(|ui| {
            let label = ui.label("from");
            egui::ComboBox::from_id_salt("derived-from")
                .selected_text(from.label())
                .show_ui(ui, |ui| {
                    for choice in PeerChoice::ALL {
                        ui.selectable_value(&mut next.derived, Some(choice), choice.label());
                    }
                })
                .response
                .labelled_by(label.id);
        });
    }
    if next != scoring {
        out.push(Command::SetScoring(next));
    }
}

/// The sidebar's own state: the search text and the rows it matches.
#[derive(Default)]
pub struct Sidebar {
    pub search: String,
    /// Indexes into the city rows matching the search, per (workspace, search).
    matches: Memo<(u64, String), Vec<usize>>,
}

impl Sidebar {
    pub(crate) fn ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
        egui::Panel::left("sidebar")
            .default_size(270.0)
            .min_size(200.0)
            .show(ui, |ui| {
                datasets_ui(ui, cx, out);
                ui.separator();
                targets_ui(ui, cx, out);
                ui.separator();
                ui.heading("Cities");
                ui.add(
                    egui::TextEdit::singleline(&mut self.search)
                        .hint_text("Search cities")
                        .desired_width(f32::INFINITY),
                );
                year_ui(ui, cx, out);
                self.cities_ui(ui, cx, out);
            });
    }

    fn cities_ui(&self, ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
        let Some(ws) = cx.workspace() else { return };
        let rows = cx.models.city_rows(ws);
        let needle = self.search.trim().to_lowercase();
        let matches = self.matches.get((ws.generation, needle.clone()), &cx.models.work, || {
            (0..rows.len())
                .filter(|&i| needle.is_empty() || rows[i].search.contains(&needle))
                .collect()
        });
        if matches.is_empty() {
            ui.weak("No city matches the search.");
        }
        let shown = cx.session.city();
        // Only the rows in view are built (ScrollArea::show_rows).
        egui::ScrollArea::vertical().auto_shrink([false, false]).show_rows(
            ui,
            ROW_HEIGHT,
            matches.len(),
            |ui, range| {
                for &i in &matches[range] {
                    let row = &rows[i];
                    if city_row_ui(ui, row, shown == Some(row.id)).clicked() {
                        out.push(Command::SelectCity(ws.city_ref(row.id)));
                    }
                }
            },
        );
    }
}

fn datasets_ui(ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.heading("Datasets");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let add = ui
                .button("Add…")
                .on_hover_text("Add data files (or drop them on the window)");
            if add.clicked() {
                out.push(Command::PickFiles {
                    add: true,
                    folder: false,
                });
            }
            let open = ui
                .button("Open…")
                .on_hover_text("Open data files instead of the current ones");
            if open.clicked() {
                out.push(Command::PickFiles {
                    add: false,
                    folder: false,
                });
            }
        });
    });
    let datasets = &cx.session.analysis.datasets;
    if datasets.is_empty() {
        ui.label("Sample cities (bundled)")
            .on_hover_text("Real values published by ITU/U4SSC for 8 cities, and 6 fictional demonstration cities");
    }
    for path in datasets {
        ui.horizontal(|ui| {
            let name = path
                .file_name()
                .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().to_string());
            if ui.small_button("×").on_hover_text("Remove this dataset").clicked() {
                out.push(Command::Remove(path.clone()));
            }
            ui.label(name).on_hover_text(path.display().to_string());
        });
    }
    loading_ui(ui, cx);
    report_link_ui(ui, cx, out);
}

fn loading_ui(ui: &mut egui::Ui, cx: &ViewContext<'_>) {
    let Some(progress) = cx.loading else { return };
    ui.horizontal(|ui| {
        ui.spinner();
        let name = std::path::Path::new(&progress.what)
            .file_name()
            .map_or(progress.what.clone(), |n| n.to_string_lossy().to_string());
        let (done, total) = (progress.done, progress.total);
        ui.label(format!("Loading {name} ({}/{total})", (done + 1).min(total.max(1))));
    });
}

fn report_link_ui(ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
    if cx
        .workspace()
        .is_some_and(|ws| ws.data_from == crate::import::cache::CacheUse::Cache)
    {
        ui.weak("Read from the import cache: the files are unchanged")
            .on_hover_text("Every open checks each file's whole content: a changed file is read again. Start with --no-cache to read them all again.");
    }
    let report = cx.session.load_error.as_ref().or(cx.workspace().map(|ws| &ws.report));
    let Some(report) = report else { return };
    let (errors, warnings) = (report.error_count(), report.warning_count());
    if errors + warnings == 0 {
        return;
    }
    let color = if errors > 0 {
        ui.visuals().error_fg_color
    } else {
        ui.visuals().warn_fg_color
    };
    let text = egui::RichText::new(format!(
        "{}, {}",
        crate::model::counted(errors, "error"),
        crate::model::counted(warnings, "warning")
    ))
    .color(color);
    if ui.link(text).on_hover_text("Show the validation report").clicked() {
        out.push(Command::ShowReport(true));
    }
}

/// One city: a full-width row (name, FICTIONAL badge, facts) that is a single
/// clickable, accessible widget named after the city.
fn city_row_ui(ui: &mut egui::Ui, row: &CityRow, selected: bool) -> egui::Response {
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), ROW_HEIGHT - 2.0), egui::Sense::click());
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &row.name));
    let visuals = ui.style().interact_selectable(&response, selected);
    let painter = ui.painter_at(rect);
    if selected || response.hovered() {
        painter.rect_filled(rect, 4.0, visuals.weak_bg_fill);
    }
    let name_rect = painter.text(
        rect.left_top() + egui::vec2(6.0, 3.0),
        egui::Align2::LEFT_TOP,
        &row.name,
        egui::FontId::proportional(14.0),
        ui.visuals().strong_text_color(),
    );
    if row.fictional {
        let galley = painter.layout_no_wrap(
            "FICTIONAL".into(),
            egui::FontId::proportional(9.0),
            egui::Color32::WHITE,
        );
        let badge = egui::Rect::from_min_size(
            egui::pos2(name_rect.right() + 6.0, name_rect.top() + 2.0),
            galley.size() + egui::vec2(8.0, 2.0),
        );
        painter.rect_filled(badge, 3.0, FICTIONAL_COLOR);
        painter.galley(badge.min + egui::vec2(4.0, 1.0), galley, egui::Color32::WHITE);
    }
    painter.text(
        rect.left_top() + egui::vec2(6.0, 21.0),
        egui::Align2::LEFT_TOP,
        &row.facts,
        egui::FontId::proportional(10.5),
        ui.visuals().weak_text_color(),
    );
    response.on_hover_text(&row.tooltip)
}

fn year_ui(ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
    let Some(shown) = &cx.shown else { return };
    let Some(&latest) = shown.years.last() else { return };
    let current = cx.session.year();
    let text = |y: Option<i32>| y.map_or_else(|| format!("Latest ({latest})"), |y| y.to_string());
    ui.horizontal(|ui| {
        let label = ui.label("Year");
        egui::ComboBox::from_id_salt("year")
            .selected_text(text(current))
            .show_ui(ui, |ui| {
                for choice in std::iter::once(None).chain(shown.years.iter().rev().map(|y| Some(*y))) {
                    if ui.selectable_label(current == choice, text(choice)).clicked() {
                        out.push(Command::SetYear(choice));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
}
