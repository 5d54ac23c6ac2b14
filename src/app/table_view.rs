//! Every KPI and data point in a sortable, filterable table.

use egui_extras::{Column, TableBuilder};

use super::CityProfileApp;
use super::state::Command;
use crate::chart::Hit;
use crate::chart::table::row_cells;
use crate::model::Value;

/// Sort column (`None`: wheel order) and direction, and the filter text.
#[derive(Debug, Clone, Default)]
pub struct TableState {
    pub sort: Option<usize>,
    pub descending: bool,
    pub filter: String,
}

const COLUMNS: [&str; 10] = [
    "Code",
    "KPI / data point",
    "Value",
    "Unit",
    "Year",
    "Target",
    "Target source",
    "% of target",
    "Band",
    "Quality",
];

/// One row as texts plus a numeric key per column (for sorting numbers as numbers).
struct Row {
    hit: Hit,
    cells: [String; 10],
    numbers: [Option<f64>; 10],
}

fn rows(app: &CityProfileApp) -> Vec<Row> {
    let (Some(ws), Some(profile)) = (&app.workspace, &app.profile) else {
        return Vec::new();
    };
    let c = &ws.catalogue;
    c.items_in_order()
        .into_iter()
        .map(|id| {
            let score = &profile.items[id.0];
            let obs = score.observation.as_ref();
            let number = match score.value() {
                Value::Number(v) => Some(v),
                _ => None,
            };
            let year = obs.and_then(|o| o.year);
            // The exported table's nine columns, then the data quality.
            let [code, name, value, unit, year_text, target, source, pct, band] = row_cells(c, profile, id);
            let quality = obs.and_then(|o| o.quality()).unwrap_or("").to_string();
            let cells = [code, name, value, unit, year_text, target, source, pct, band, quality];
            let numbers = [
                None,
                None,
                number,
                None,
                year.map(f64::from),
                None,
                None,
                score.pct(),
                score.band().map(|b| f64::from(b.points())),
                None,
            ];
            Row {
                hit: Hit::Item(id),
                cells,
                numbers,
            }
        })
        .collect()
}

pub fn table_ui(app: &mut CityProfileApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut app.table.filter)
                .hint_text("code, name, band, source…")
                .desired_width(260.0),
        );
        ui.label(egui::RichText::new("Click a column title to sort").small().weak());
    });
    let needle = app.table.filter.trim().to_lowercase();
    let mut rows: Vec<Row> = rows(app)
        .into_iter()
        .filter(|r| needle.is_empty() || r.cells.iter().any(|c| c.to_lowercase().contains(&needle)))
        .collect();
    let (sort, descending) = (app.table.sort, app.table.descending);
    if let Some(sort) = sort {
        sort_rows(&mut rows, sort, descending);
    }
    let selected = app.selected;
    let mut clicked = None;
    let mut sort_clicked = None;
    egui::ScrollArea::horizontal().show(ui, |ui| {
        table(ui, &rows, sort, descending, selected, &mut clicked, &mut sort_clicked)
    });
    if let Some(i) = sort_clicked {
        if app.table.sort == Some(i) {
            app.table.descending = !app.table.descending;
        } else {
            app.table.sort = Some(i);
            app.table.descending = false;
        }
    }
    if let Some(hit) = clicked {
        app.push(Command::Select(Some(hit)));
    }
}

/// Numbers sort as numbers (empty cells last), text case-insensitively.
fn sort_rows(rows: &mut [Row], sort: usize, descending: bool) {
    rows.sort_by(|a, b| {
        let ord = match (a.numbers[sort], b.numbers[sort]) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.cells[sort].to_lowercase().cmp(&b.cells[sort].to_lowercase()),
        };
        if descending { ord.reverse() } else { ord }
    });
}

fn table(
    ui: &mut egui::Ui,
    rows: &[Row],
    sort: Option<usize>,
    descending: bool,
    selected: Option<Hit>,
    clicked: &mut Option<Hit>,
    sort_clicked: &mut Option<usize>,
) {
    let widths = [95.0, 250.0, 80.0, 150.0, 45.0, 55.0, 220.0, 75.0, 105.0, 120.0];
    let mut builder = TableBuilder::new(ui)
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
    for w in widths {
        builder = builder.column(Column::initial(w).clip(true));
    }
    builder
        .header(22.0, |mut header| {
            for (i, title) in COLUMNS.iter().enumerate() {
                header.col(|ui| {
                    let arrow = if Some(i) == sort {
                        if descending { " (desc)" } else { " (asc)" }
                    } else {
                        ""
                    };
                    if ui
                        .button(egui::RichText::new(format!("{title}{arrow}")).strong())
                        .clicked()
                    {
                        *sort_clicked = Some(i);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(20.0, rows.len(), |mut row| {
                let r = &rows[row.index()];
                row.set_selected(selected == Some(r.hit));
                for cell in &r.cells {
                    row.col(|ui| {
                        ui.label(cell).on_hover_text(cell);
                    });
                }
                if row.response().clicked() {
                    *clicked = Some(r.hit);
                }
            });
        });
}
