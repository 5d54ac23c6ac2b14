//! The left panel: datasets, loading progress, the report summary, cities with
//! search, and the year.

use super::CityProfileApp;
use super::look::FICTIONAL_COLOR;
use super::state::Command;
use crate::model::CityId;

pub fn sidebar(app: &mut CityProfileApp, ui: &mut egui::Ui) {
    egui::Panel::left("sidebar")
        .default_size(270.0)
        .min_size(200.0)
        .show(ui, |ui| {
            datasets_ui(app, ui);
            ui.separator();
            cities_ui(app, ui);
        });
}

fn datasets_ui(app: &mut CityProfileApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.heading("Datasets");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Add…")
                .on_hover_text("Add data files (or drop them on the window)")
                .clicked()
            {
                app.push(Command::PickFiles {
                    add: true,
                    folder: false,
                });
            }
            if ui
                .button("Open…")
                .on_hover_text("Open data files instead of the current ones")
                .clicked()
            {
                app.push(Command::PickFiles {
                    add: false,
                    folder: false,
                });
            }
        });
    });
    if app.persisted.datasets.is_empty() {
        ui.label("Sample cities (bundled)")
            .on_hover_text("Real values published by ITU/U4SSC for 8 cities, plus one fictional city");
    }
    for path in app.persisted.datasets.clone() {
        ui.horizontal(|ui| {
            let name = path
                .file_name()
                .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().to_string());
            if ui.small_button("×").on_hover_text("Remove this dataset").clicked() {
                app.push(Command::Remove(path.clone()));
            }
            ui.label(name).on_hover_text(path.display().to_string());
        });
    }
    if let Some((done, total, file)) = app.load_progress() {
        ui.horizontal(|ui| {
            ui.spinner();
            let name = std::path::Path::new(&file)
                .file_name()
                .map_or(file.clone(), |n| n.to_string_lossy().to_string());
            ui.label(format!("Loading {name} ({}/{total})", (done + 1).min(total.max(1))));
        });
    }
    let (errors, warnings) = match (&app.workspace, &app.load_error) {
        (_, Some(report)) => (report.error_count(), report.warning_count()),
        (Some(ws), None) => (ws.report.error_count(), ws.report.warning_count()),
        _ => (0, 0),
    };
    if errors + warnings > 0 {
        let text = format!("{errors} error(s), {warnings} warning(s)");
        let color = if errors > 0 {
            ui.visuals().error_fg_color
        } else {
            ui.visuals().warn_fg_color
        };
        if ui
            .link(egui::RichText::new(text).color(color))
            .on_hover_text("Show the validation report")
            .clicked()
        {
            app.push(Command::ShowReport(true));
        }
    }
}

fn cities_ui(app: &mut CityProfileApp, ui: &mut egui::Ui) {
    ui.heading("Cities");
    ui.add(
        egui::TextEdit::singleline(&mut app.city_search)
            .hint_text("Search cities")
            .desired_width(f32::INFINITY),
    );
    year_ui(app, ui);
    let Some(ws) = app.workspace.clone() else { return };
    let total = ws.catalogue.items.len();
    let needle = app.city_search.trim().to_lowercase();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        let mut order: Vec<CityId> = (0..ws.dataset.cities.len()).map(CityId).collect();
        order.sort_by_key(|c| {
            (
                ws.dataset.cities[c.0].fictional,
                ws.dataset.cities[c.0].name.to_lowercase(),
            )
        });
        for id in order {
            let city = &ws.dataset.cities[id.0];
            let country = city.country.as_deref().unwrap_or("");
            if !needle.is_empty()
                && !city.name.to_lowercase().contains(&needle)
                && !country.to_lowercase().contains(&needle)
            {
                continue;
            }
            let reported = reported_count(&ws, id);
            let population = city.population.map_or_else(
                || "population unknown".to_string(),
                |p| format!("pop. {}", group_thousands(p)),
            );
            let facts = [country.to_string(), population, format!("reported {reported}/{total}")]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            if city_row(ui, &city.name, &facts, city.fictional, app.city == Some(id)).clicked() {
                app.push(Command::SelectCity(id));
            }
            ui.add_space(2.0);
        }
    });
}

/// One city: a full-width row (name, FICTIONAL badge, facts) that is a single
/// clickable, accessible widget named after the city.
fn city_row(ui: &mut egui::Ui, name: &str, facts: &str, fictional: bool, selected: bool) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(ui.available_width(), 36.0), egui::Sense::click());
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, name));
    let visuals = ui.style().interact_selectable(&response, selected);
    let painter = ui.painter_at(rect);
    if selected || response.hovered() {
        painter.rect_filled(rect, 4.0, visuals.weak_bg_fill);
    }
    let text_color = ui.visuals().strong_text_color();
    let name_rect = painter.text(
        rect.left_top() + egui::vec2(6.0, 3.0),
        egui::Align2::LEFT_TOP,
        name,
        egui::FontId::proportional(14.0),
        text_color,
    );
    if fictional {
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
        facts,
        egui::FontId::proportional(10.5),
        ui.visuals().weak_text_color(),
    );
    response.on_hover_text(if fictional {
        "Invented demonstration data, not a real city"
    } else {
        "Show this city"
    })
}

fn year_ui(app: &mut CityProfileApp, ui: &mut egui::Ui) {
    let years = app.years();
    if years.is_empty() {
        return;
    }
    let latest = years.last().copied();
    let current = app.persisted.year;
    let text = |y: Option<i32>| match y {
        None => format!("Latest ({})", latest.map_or("–".into(), |l| l.to_string())),
        Some(y) => y.to_string(),
    };
    ui.horizontal(|ui| {
        let label = ui.label("Year");
        egui::ComboBox::from_id_salt("year")
            .selected_text(text(current))
            .show_ui(ui, |ui| {
                for choice in std::iter::once(None).chain(years.iter().rev().map(|y| Some(*y))) {
                    if ui.selectable_label(current == choice, text(choice)).clicked() {
                        app.push(Command::SetYear(choice));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
}

/// Items with a value (not "not reported") in the city's latest year profile.
fn reported_count(ws: &crate::workspace::Workspace, city: CityId) -> usize {
    let years = ws.dataset.years_of(city);
    let year = years.last().copied();
    (0..ws.catalogue.items.len())
        .filter(|&i| {
            ws.dataset
                .observation(city, crate::model::ItemId(i), year)
                .is_some_and(|o| o.value != crate::model::Value::NotReported)
        })
        .count()
}

/// `120000` → `120 000`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}
