//! Every KPI and data point as a table scene (for exports and the PDF report):
//! value, unit, year, target, target source, % of target and band per row.

use super::describe::target_text;
use super::legend::{Look, swatch_shapes};
use super::scene::{Align, Hit, HitArea, HitRegion, Point, Rect, Scene, Stroke};
use super::text::fit;
use super::theme::Theme;
use crate::model::{Catalogue, ItemId, Value};
use crate::score::{ItemStatus, Profile};

/// Column titles and their share of the width.
const COLUMNS: [(&str, f32); 9] = [
    ("Code", 0.10),
    ("KPI / data point", 0.25),
    ("Value", 0.08),
    ("Unit", 0.13),
    ("Year", 0.05),
    ("Target", 0.06),
    ("Target source", 0.15),
    ("% of target", 0.07),
    ("Band", 0.11),
];

/// Row height and font size of a table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TableStyle {
    pub row_h: f32,
    pub font_px: f32,
}

impl Default for TableStyle {
    fn default() -> Self {
        TableStyle {
            row_h: 18.0,
            font_px: 10.5,
        }
    }
}

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

/// Column starts (x) and widths of a table at `width`.
struct Grid {
    xs: Vec<f32>,
    width: f32,
    style: TableStyle,
}

impl Grid {
    fn room(&self, col: usize) -> f32 {
        COLUMNS[col].1 * self.width - 6.0
    }

    /// A cell's text, cut to fit its column.
    fn cell(&self, scene: &mut Scene, col: usize, y: f32, text: &str, color: crate::chart::Color) {
        let text = fit(text, self.style.font_px, self.room(col));
        scene.text(
            Point::new(self.xs[col] + 3.0, y),
            text,
            self.style.font_px,
            color,
            Align::Start,
        );
    }
}

/// A table of `items` at `width`; the height follows from the rows.
pub(crate) fn table_scene(
    catalogue: &Catalogue,
    profile: &Profile,
    theme: &Theme,
    width: f32,
    items: &[ItemId],
    style: TableStyle,
) -> Scene {
    let height = (items.len() + 1) as f32 * style.row_h + 4.0;
    let mut scene = Scene::new(width, height, theme.background);
    let xs = COLUMNS
        .iter()
        .scan(0.0, |x, (_, share)| {
            let start = *x;
            *x += share * width;
            Some(start)
        })
        .collect();
    let grid = Grid { xs, width, style };
    for (col, (title, _)) in COLUMNS.iter().enumerate() {
        grid.cell(&mut scene, col, style.row_h / 2.0, title, theme.text);
    }
    let rule = vec![Point::new(0.0, style.row_h), Point::new(width, style.row_h)];
    scene.line(rule, Stroke::solid(1.0, theme.text_muted));
    for (i, &item) in items.iter().enumerate() {
        table_row(&mut scene, (catalogue, profile, theme), &grid, i, item);
    }
    scene
}

/// Row `i` (striped every other row), its band swatch, and its hit region.
fn table_row(
    scene: &mut Scene,
    (catalogue, profile, theme): (&Catalogue, &Profile, &Theme),
    grid: &Grid,
    i: usize,
    item: ItemId,
) {
    let (row_h, font_px, width) = (grid.style.row_h, grid.style.font_px, grid.width);
    let top = (i + 1) as f32 * row_h;
    if i % 2 == 1 {
        scene.rect(Rect::from_xywh(0.0, top, width, row_h), theme.grid.with_alpha(70), None);
    }
    let y = top + row_h / 2.0;
    let cells = row_cells(catalogue, profile, item);
    for (col, text) in cells.iter().enumerate() {
        if col == 8 {
            let look = match profile.items[item.index()].status {
                ItemStatus::Scored { band, .. } => Look::Band(band),
                ItemStatus::NotReported => Look::NotReported,
                ItemStatus::NoBenchmark(_) => Look::NoBenchmark,
            };
            let swatch = Rect::from_xywh(grid.xs[col] + 3.0, y - font_px / 2.0, font_px, font_px);
            swatch_shapes(scene, theme, swatch, look);
            let text = fit(text, font_px, grid.room(col) - font_px - 2.0);
            scene.text(
                Point::new(grid.xs[col] + font_px + 6.0, y),
                text,
                font_px,
                theme.text,
                Align::Start,
            );
        } else {
            let muted = col == 6 || (col == 2 && profile.items[item.index()].value() == Value::NotReported);
            grid.cell(scene, col, y, text, if muted { theme.text_muted } else { theme.text });
        }
    }
    scene.hits.push(HitRegion {
        hit: Hit::Item(item),
        area: HitArea::Rect(Rect::from_xywh(0.0, top, width, row_h)),
        label: cells[1].clone(),
        value: cells[2].clone(),
    });
}
