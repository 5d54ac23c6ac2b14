//! Every KPI and data point as a table scene (for exports and the PDF report):
//! value, unit, year, target, target source, % of target and band per row.

use super::describe::target_text;
use super::legend::{Look, swatch_shapes};
use super::scene::{Align, Hit, HitArea, HitRegion, Point, Rect, Scene, Stroke};
use super::table_layout::{BAND, Columns, pages_by_height};
use super::text::wrap;
use super::theme::Theme;
use crate::model::{Catalogue, ItemId, Value};
use crate::score::{ItemStatus, Profile};

pub(crate) use super::table_layout::{TITLES, TableStyle};

/// The texts of one row, in column order.
pub(crate) fn row_cells(catalogue: &Catalogue, profile: &Profile, item: ItemId) -> [String; 9] {
    let score = &profile.items[item.index()];
    let obs = score.observation.as_ref();
    let value = match score.value() {
        Value::NotReported => "not reported".to_string(),
        v => v.display(),
    };
    let (pct, band) = match &score.status {
        ItemStatus::Scored { pct, band, basis } => {
            let pct = pct.map(super::describe::pct_text).unwrap_or_default();
            let band = match basis {
                crate::score::Basis::U4sscBand => format!("{} (U4SSC)", band.label()),
                _ => band.label().to_string(),
            };
            (pct, band)
        }
        ItemStatus::NoBenchmark(_) => (String::new(), "no benchmark".into()),
        ItemStatus::NotReported => (String::new(), "not reported".into()),
    };
    // The marks in words (a table is text): "66-95 % · estimate, not verified".
    let band = match super::marks::QualityMark::of(score) {
        Some(mark) => format!("{band} · {}", mark.words()),
        None => band,
    };
    [
        catalogue.kpi_of(item).code.clone(),
        catalogue.item_label(item),
        value,
        obs.and_then(|o| o.unit())
            .unwrap_or(&catalogue.items[item.index()].unit)
            .to_string(),
        obs.and_then(|o| o.year()).map(|y| y.to_string()).unwrap_or_default(),
        target_text(score).unwrap_or_default(),
        score.target.as_ref().map(|t| t.source.clone()).unwrap_or_default(),
        pct,
        band,
    ]
}

/// The table of every KPI and data point laid out once at a width: columns
/// fitted to every row (so that the pages of one table line up), each row's
/// cells and height. Pages and their scenes are cut from it, so an export of
/// several pages measures its texts once.
pub(crate) struct Table<'p> {
    profile: &'p Profile,
    cols: Columns,
    items: Vec<ItemId>,
    rows: Vec<[String; 9]>,
    heights: Vec<f32>,
    width: f32,
}

impl<'p> Table<'p> {
    pub(crate) fn new(catalogue: &Catalogue, profile: &'p Profile, width: f32, style: TableStyle) -> Table<'p> {
        let items = catalogue.items_in_order();
        let rows: Vec<[String; 9]> = items.iter().map(|&i| row_cells(catalogue, profile, i)).collect();
        let cols = Columns::fit(&rows, width, style);
        let heights = rows.iter().map(|r| cols.row_height(r)).collect();
        Table {
            profile,
            cols,
            items,
            rows,
            heights,
            width,
        }
    }

    /// How many rows the table has.
    pub(crate) fn len(&self) -> usize {
        self.rows.len()
    }

    /// The rows cut into pages: the first holds `first_room` of height, the others `room`.
    pub(crate) fn pages(&self, first_room: f32, room: f32) -> Vec<std::ops::Range<usize>> {
        // The scene adds 4 units below the last row.
        pages_by_height(&self.heights, self.cols.header_height() + 4.0, first_room, room)
    }

    /// The rows `rows` as a scene; its height follows from them.
    pub(crate) fn scene(&self, theme: &Theme, rows: std::ops::Range<usize>) -> Scene {
        let (cols, style) = (&self.cols, self.cols.style);
        let header_h = cols.header_height();
        let height = header_h + self.heights[rows.clone()].iter().sum::<f32>() + 4.0;
        let mut scene = Scene::new(self.width, height, theme.background);
        for (col, title) in TITLES.iter().enumerate() {
            let lines = wrap(title, style.font_px, cols.room(col), 2);
            cell_text(&mut scene, cols, (col, 0.0, header_h), &lines, theme.text);
        }
        let rule = vec![Point::new(0.0, header_h), Point::new(self.width, header_h)];
        scene.line(rule, Stroke::solid(1.0, theme.text_muted));
        let mut top = header_h;
        for (i, r) in rows.enumerate() {
            let row = (i, top, self.heights[r]);
            table_row(
                &mut scene,
                (self.profile, theme),
                cols,
                row,
                (self.items[r], &self.rows[r]),
            );
            top += self.heights[r];
        }
        scene
    }
}

/// A cell's lines, centred as a block in the row from `top`, `row_h` tall.
fn cell_text(
    scene: &mut Scene,
    cols: &Columns,
    (col, top, row_h): (usize, f32, f32),
    lines: &[String],
    color: crate::chart::Color,
) {
    let style = cols.style;
    let swatch = if col == BAND { style.font_px + style.pad() } else { 0.0 };
    let x = cols.xs[col] + style.pad() + swatch;
    let block = style.line_h() * (lines.len().max(1) - 1) as f32;
    let mut y = top + row_h / 2.0 - block / 2.0;
    for line in lines {
        scene.text(Point::new(x, y), line.clone(), style.font_px, color, Align::Start);
        y += style.line_h();
    }
}

/// Row `i` at `top` (striped every other row), its band swatch, and its hit region.
fn table_row(
    scene: &mut Scene,
    (profile, theme): (&Profile, &Theme),
    cols: &Columns,
    (i, top, row_h): (usize, f32, f32),
    (item, cells): (ItemId, &[String; 9]),
) {
    let (font_px, width) = (cols.style.font_px, scene.width);
    if i % 2 == 1 {
        scene.rect(Rect::from_xywh(0.0, top, width, row_h), theme.grid.with_alpha(70), None);
    }
    let score = &profile.items[item.index()];
    let look = match score.status {
        ItemStatus::Scored { band, .. } => Look::Band(band),
        ItemStatus::NotReported => Look::NotReported,
        ItemStatus::NoBenchmark(_) => Look::NoBenchmark,
    };
    let band_lines = cols.lines(BAND, &cells[BAND]);
    let first_line = top + row_h / 2.0 - cols.style.line_h() * (band_lines.len() - 1) as f32 / 2.0;
    let swatch = Rect::from_xywh(
        cols.xs[BAND] + cols.style.pad(),
        first_line - font_px / 2.0,
        font_px,
        font_px,
    );
    swatch_shapes(scene, theme, swatch, look);
    for (col, text) in cells.iter().enumerate() {
        let muted = col == 6 || (col == 2 && score.value() == Value::NotReported);
        let color = if muted { theme.text_muted } else { theme.text };
        cell_text(scene, cols, (col, top, row_h), &cols.lines(col, text), color);
    }
    scene.hits.push(HitRegion {
        hit: Hit::Item(item),
        area: HitArea::Rect(Rect::from_xywh(0.0, top, width, row_h)),
        label: cells[1].clone(),
        value: cells[2].clone(),
    });
}
