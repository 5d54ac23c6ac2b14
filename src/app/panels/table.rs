//! Every KPI and data point in a sortable, filterable table. The rows are built
//! once per profile, and filtered and sorted again only when the filter or the
//! sort changes.

use egui_extras::{Column, TableBuilder};

use super::super::command::Command;
use super::super::context::ViewContext;
use super::super::models::Memo;
use crate::chart::Hit;
use crate::chart::table::row_cells;
use crate::model::{Catalogue, CityId, Value};
use crate::score::Profile;

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
const WIDTHS: [f32; 10] = [95.0, 250.0, 80.0, 150.0, 45.0, 55.0, 220.0, 75.0, 105.0, 120.0];

/// One row as texts plus a numeric key per column (for sorting numbers as numbers).
#[derive(Debug, Clone)]
pub(crate) struct Row {
    hit: Hit,
    cells: [String; 10],
    numbers: [Option<f64>; 10],
}

fn rows(catalogue: &Catalogue, profile: &Profile) -> Vec<Row> {
    catalogue
        .items_in_order()
        .into_iter()
        .map(|id| {
            let score = &profile.items[id.index()];
            let obs = score.observation.as_ref();
            let number = match score.value() {
                Value::Number(v) => Some(v),
                _ => None,
            };
            // The exported table's nine columns, then the data quality.
            let [code, name, value, unit, year, target, source, pct, band] = row_cells(catalogue, profile, id);
            let quality = obs.and_then(|o| o.quality()).map_or("", |q| q.name()).to_string();
            let mut numbers = [None; 10];
            numbers[2] = number;
            numbers[4] = obs.and_then(|o| o.year()).map(f64::from);
            numbers[7] = score.pct();
            numbers[8] = score.band().map(|b| f64::from(b.points()));
            Row {
                hit: Hit::Item(id),
                cells: [code, name, value, unit, year, target, source, pct, band, quality],
                numbers,
            }
        })
        .collect()
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

type RowsKey = (u64, CityId, Option<i32>, String, Option<usize>, bool);

/// The table's own state: filter, sort, and the rows they give.
#[derive(Default)]
pub struct TableView {
    pub filter: String,
    /// Sort column (`None`: wheel order) and direction.
    pub sort: Option<usize>,
    pub descending: bool,
    rows: Memo<RowsKey, Vec<Row>>,
}

impl TableView {
    pub(crate) fn ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, out: &mut Vec<Command>) {
        let Some(shown) = &cx.shown else { return };
        ui.horizontal(|ui| {
            let label = ui.label("Filter");
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("code, name, band, source…")
                    .desired_width(260.0),
            )
            .labelled_by(label.id);
            ui.label(egui::RichText::new("Click a column title to sort").small().weak());
        });
        let needle = self.filter.trim().to_lowercase();
        let key = (
            shown.ws.revision,
            shown.city,
            shown.profile.year,
            needle.clone(),
            self.sort,
            self.descending,
        );
        let rows = self.rows.get(key, &cx.models.work, || {
            let mut rows: Vec<Row> = rows(&shown.ws.catalogue, &shown.profile)
                .into_iter()
                .filter(|r| needle.is_empty() || r.cells.iter().any(|c| c.to_lowercase().contains(&needle)))
                .collect();
            if let Some(sort) = self.sort {
                sort_rows(&mut rows, sort, self.descending);
            }
            rows
        });
        let mut clicked = None;
        let mut sort_clicked = None;
        egui::ScrollArea::horizontal().show(ui, |ui| {
            let state = (self.sort, self.descending, cx.session.selected);
            table_ui(ui, &rows, state, &mut clicked, &mut sort_clicked);
        });
        if let Some(i) = sort_clicked {
            if self.sort == Some(i) {
                self.descending = !self.descending;
            } else {
                self.sort = Some(i);
                self.descending = false;
            }
        }
        if let Some(hit) = clicked {
            out.push(Command::Select(Some(hit)));
        }
    }
}

fn table_ui(
    ui: &mut egui::Ui,
    rows: &[Row],
    (sort, descending, selected): (Option<usize>, bool, Option<Hit>),
    clicked: &mut Option<Hit>,
    sort_clicked: &mut Option<usize>,
) {
    let mut builder = TableBuilder::new(ui)
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
    for w in WIDTHS {
        builder = builder.column(Column::initial(w).clip(true));
    }
    builder
        .header(22.0, |mut header| {
            for (i, title) in COLUMNS.iter().enumerate() {
                header.col(|ui| {
                    let arrow = match (Some(i) == sort, descending) {
                        (true, true) => " (desc)",
                        (true, false) => " (asc)",
                        _ => "",
                    };
                    let title = egui::RichText::new(format!("{title}{arrow}")).strong();
                    if ui.button(title).clicked() {
                        *sort_clicked = Some(i);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(20.0, rows.len(), |mut row| {
                let r = &rows[row.index()];
                row.set_selected(selected == Some(r.hit));
                if clickable_cells(&mut row, &r.cells) {
                    *clicked = Some(r.hit);
                }
            });
        });
}

/// One table row of text cells, each with its full text as tooltip; whether the
/// row was clicked. Cells are clickable themselves: a selectable label would
/// take the click (or an accessibility "click") for text selection.
pub(super) fn clickable_cells(row: &mut egui_extras::TableRow<'_, '_>, cells: &[String]) -> bool {
    let mut clicked = false;
    for cell in cells {
        row.col(|ui| {
            let label = egui::Label::new(cell.as_str()).sense(egui::Sense::click());
            clicked |= ui.add(label).on_hover_text(cell).clicked();
        });
    }
    clicked || row.response().clicked()
}
