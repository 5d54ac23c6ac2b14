//! Every KPI and data point in a sortable, filterable table. The rows are built
//! once per profile, and filtered and sorted again only when the filter or the
//! sort changes. Columns are as wide as their texts, but for the name, unit and
//! source, which share the rest (clipped, with the full text as tooltip), so
//! Band and Quality stay on screen in a laptop's window. "Reported only" is on
//! at first when fewer than half the items are reported.

use egui_extras::{Column, TableBuilder};

use super::super::command::Command;
use super::super::context::ViewContext;
use super::super::models::Memo;
use crate::chart::Hit;
use crate::chart::table::{TITLES, row_cells};
use crate::model::{Catalogue, CityId, Value};
use crate::score::Profile;

/// The titles: the exported table's nine (`chart::table`), then the data quality.
fn titles() -> impl Iterator<Item = &'static str> {
    TITLES.into_iter().chain(["Quality"])
}

/// The columns that share the width left by the others, their share, and their
/// least width.
const SHARED: [(usize, f32, f32); 3] = [(1, 0.45, 150.0), (3, 0.25, 64.0), (6, 0.30, 64.0)];

/// One row as texts plus a numeric key per column (for sorting numbers as numbers).
#[derive(Debug, Clone)]
pub(crate) struct Row {
    hit: Hit,
    cells: [String; 10],
    numbers: [Option<f64>; 10],
    /// The value's kind in sort order: a number, yes, no, not reported.
    kind: u8,
}

fn rows(catalogue: &Catalogue, profile: &Profile) -> Vec<Row> {
    catalogue
        .items_in_order()
        .into_iter()
        .map(|id| {
            let score = &profile.items[id.index()];
            let obs = score.observation.as_ref();
            let (number, kind) = match score.value() {
                Value::Number(v) => (Some(v), 0),
                Value::Flag(true) => (None, 1),
                Value::Flag(false) => (None, 2),
                Value::NotReported => (None, 3),
            };
            // The exported table's nine columns, then the data quality.
            let [code, name, value, unit, year, target, source, pct, band] = row_cells(catalogue, profile, id);
            // The band alone: its marks in words go to the Quality column, beside
            // the quality class, so neither column repeats the other.
            let band = band.split(" · ").next().unwrap_or_default().to_string();
            let mut quality = obs.and_then(|o| o.quality()).map_or("", |q| q.name()).to_string();
            if crate::chart::marks::QualityMark::of(score).is_some_and(|m| m.unverified) {
                quality = if quality.is_empty() {
                    "unverified".into()
                } else {
                    format!("{quality} · unverified")
                };
            }
            let mut numbers = [None; 10];
            numbers[2] = number;
            numbers[4] = obs.and_then(|o| o.year()).map(f64::from);
            numbers[7] = score.pct();
            numbers[8] = score.band().map(|b| f64::from(b.points()));
            Row {
                hit: Hit::Item(id),
                cells: [code, name, value, unit, year, target, source, pct, band, quality],
                numbers,
                kind,
            }
        })
        .collect()
}

/// Which group a row's cell sorts in, whatever the direction: numbers, then
/// (values only) yes, then no, then text, then empty cells and "not reported".
fn sort_group(row: &Row, col: usize) -> u8 {
    match (col, row.numbers[col], row.cells[col].is_empty()) {
        (2, _, _) => [0, 1, 2, 4][usize::from(row.kind)],
        (_, Some(_), _) => 0,
        (_, None, false) => 3,
        (_, None, true) => 4,
    }
}

/// Numbers sort as numbers, text case-insensitively, within their groups; the
/// direction turns each group, never their order (blanks stay last).
fn sort_rows(rows: &mut [Row], sort: usize, descending: bool) {
    rows.sort_by(|a, b| {
        let within = match (a.numbers[sort], b.numbers[sort]) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            _ => a.cells[sort].to_lowercase().cmp(&b.cells[sort].to_lowercase()),
        };
        let within = if descending { within.reverse() } else { within };
        sort_group(a, sort).cmp(&sort_group(b, sort)).then(within)
    });
}

/// The width of each column at `available`: the short ones as wide as their
/// widest text (title included), the name, unit and source sharing the rest.
fn widths(ui: &egui::Ui, rows: &[Row], available: f32) -> [f32; 10] {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let measure = |text: &str| {
        ui.fonts_mut(|f| {
            f.layout_no_wrap(text.to_string(), font.clone(), egui::Color32::WHITE)
                .size()
                .x
        })
    };
    let mut widths = [0.0f32; 10];
    for (col, title) in titles().enumerate() {
        // A title is a button (a sorted one's "(desc)" may be clipped: its tooltip says it).
        widths[col] = measure(title) + 16.0;
    }
    for row in rows {
        for (col, cell) in row.cells.iter().enumerate() {
            widths[col] = widths[col].max(measure(cell) + 12.0);
        }
    }
    // Column gaps, and the vertical scroll bar.
    let spacing = ui.spacing().item_spacing.x * 10.0 + ui.spacing().scroll.bar_width + 28.0;
    let fixed: f32 = (0..10)
        .filter(|c| SHARED.iter().all(|s| s.0 != *c))
        .map(|c| widths[c])
        .sum();
    let rest = (available - fixed - spacing).max(0.0);
    for (col, share, least) in SHARED {
        widths[col] = widths[col].min((rest * share).max(least));
    }
    widths
}

type RowsKey = (u64, CityId, Option<i32>, String, Option<usize>, bool, bool);

/// The table's own state: filter, sort, and the rows they give.
#[derive(Default)]
pub struct TableView {
    pub filter: String,
    /// Sort column (`None`: wheel order) and direction.
    pub sort: Option<usize>,
    pub descending: bool,
    /// Only the reported items; `None` until chosen: on when fewer than half are.
    pub reported_only: Option<bool>,
    rows: Memo<RowsKey, Vec<Row>>,
    widths: Memo<(RowsKey, u32), [f32; 10]>,
}

/// Whether "reported only" starts on for a profile: fewer than half its items reported.
pub(crate) fn mostly_unreported(profile: &Profile) -> bool {
    let reported = profile.items.iter().filter(|s| s.value() != Value::NotReported).count();
    2 * reported < profile.items.len()
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
            let mut reported_only = self.reported_only.unwrap_or_else(|| mostly_unreported(&shown.profile));
            if ui
                .checkbox(&mut reported_only, "Reported only")
                .on_hover_text("Hide the KPIs and data points without a value")
                .changed()
            {
                self.reported_only = Some(reported_only);
            }
            ui.label(egui::RichText::new("Click a column title to sort").small().weak());
        });
        let needle = self.filter.trim().to_lowercase();
        let reported_only = self.reported_only.unwrap_or_else(|| mostly_unreported(&shown.profile));
        let key = (
            shown.ws.revision,
            shown.city,
            shown.profile.year,
            needle.clone(),
            self.sort,
            self.descending,
            reported_only,
        );
        let width_key = (key.clone(), ui.available_width().round() as u32);
        let rows = self.rows.get(key, &cx.models.work, || {
            let mut rows: Vec<Row> = rows(&shown.ws.catalogue, &shown.profile)
                .into_iter()
                .filter(|r| !reported_only || r.kind != 3)
                .filter(|r| needle.is_empty() || r.cells.iter().any(|c| c.to_lowercase().contains(&needle)))
                .collect();
            if let Some(sort) = self.sort {
                sort_rows(&mut rows, sort, self.descending);
            }
            rows
        });
        let mut clicked = None;
        let mut sort_clicked = None;
        // Measured once per rows and width, not every frame.
        let widths = *self
            .widths
            .get(width_key, &cx.models.work, || widths(ui, &rows, ui.available_width()));
        egui::ScrollArea::horizontal().show(ui, |ui| {
            let state = (self.sort, self.descending, cx.session.selected);
            table_ui(ui, (&rows, widths), state, &mut clicked, &mut sort_clicked);
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
    (rows, widths): (&[Row], [f32; 10]),
    (sort, descending, selected): (Option<usize>, bool, Option<Hit>),
    clicked: &mut Option<Hit>,
    sort_clicked: &mut Option<usize>,
) {
    let mut builder = TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
    for w in widths {
        builder = builder.column(Column::exact(w).clip(true));
    }
    builder
        .header(22.0, |mut header| {
            for (i, title) in titles().enumerate() {
                header.col(|ui| {
                    let arrow = match (Some(i) == sort, descending) {
                        (true, true) => " (desc)",
                        (true, false) => " (asc)",
                        _ => "",
                    };
                    let label = egui::RichText::new(format!("{title}{arrow}")).strong();
                    let tip = match arrow {
                        "" => format!("Sort by {title}"),
                        _ => format!("{title}, sorted{arrow}; click to turn the order"),
                    };
                    if ui.button(label).on_hover_text(tip).clicked() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(value: &str, number: Option<f64>, kind: u8) -> Row {
        let mut cells: [String; 10] = Default::default();
        cells[2] = value.to_string();
        let mut numbers = [None; 10];
        numbers[2] = number;
        Row {
            hit: Hit::Item(crate::model::ItemId(0)),
            cells,
            numbers,
            kind,
        }
    }

    /// By value: numbers (in the direction asked), then yes, then no, then not
    /// reported, in both directions; never yes and no among the numbers.
    #[test]
    fn values_sort_numbers_then_yes_no_then_not_reported() {
        let mut rows = vec![
            row("No", None, 2),
            row("12", Some(12.0), 0),
            row("not reported", None, 3),
            row("Yes", None, 1),
            row("3.5", Some(3.5), 0),
        ];
        let order = |rows: &[Row]| rows.iter().map(|r| r.cells[2].clone()).collect::<Vec<_>>();
        sort_rows(&mut rows, 2, false);
        assert_eq!(order(&rows), ["3.5", "12", "Yes", "No", "not reported"]);
        sort_rows(&mut rows, 2, true);
        assert_eq!(order(&rows), ["12", "3.5", "Yes", "No", "not reported"]);
    }
}
