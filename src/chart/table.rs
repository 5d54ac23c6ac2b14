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
    let score = &profile.items[item.0];
    let obs = score.observation.as_ref();
    let value = match score.value() {
        Value::NotReported => "not reported".to_string(),
        v => v.display(),
    };
    let (pct, band) = match &score.status {
        ItemStatus::Scored { pct, band } => (super::describe::pct_text(*pct), band.label().to_string()),
        ItemStatus::NoBenchmark(_) => (String::new(), "no benchmark".into()),
        ItemStatus::NotReported => (String::new(), "not reported".into()),
    };
    [
        catalogue.kpi_of(item).code.clone(),
        catalogue.item_label(item),
        value,
        obs.and_then(|o| o.unit())
            .unwrap_or(&catalogue.items[item.0].unit)
            .to_string(),
        obs.and_then(|o| o.year).map(|y| y.to_string()).unwrap_or_default(),
        target_text(score).unwrap_or_default(),
        score.target.as_ref().map(|t| t.source.clone()).unwrap_or_default(),
        pct,
        band,
    ]
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
    let xs: Vec<f32> = COLUMNS
        .iter()
        .scan(0.0, |x, (_, share)| {
            let start = *x;
            *x += share * width;
            Some(start)
        })
        .collect();
    let cell = |scene: &mut Scene, col: usize, y: f32, text: &str, color| {
        let room = COLUMNS[col].1 * width - 6.0;
        scene.text(
            Point::new(xs[col] + 3.0, y),
            fit(text, style.font_px, room),
            style.font_px,
            color,
            Align::Start,
        );
    };
    let header_y = style.row_h / 2.0;
    for (col, (title, _)) in COLUMNS.iter().enumerate() {
        cell(&mut scene, col, header_y, title, theme.text);
    }
    scene.line(
        vec![Point::new(0.0, style.row_h), Point::new(width, style.row_h)],
        Stroke::solid(1.0, theme.text_muted),
    );
    for (i, &item) in items.iter().enumerate() {
        let top = (i + 1) as f32 * style.row_h;
        if i % 2 == 1 {
            scene.rect(
                Rect::from_xywh(0.0, top, width, style.row_h),
                theme.grid.with_alpha(70),
                None,
            );
        }
        let y = top + style.row_h / 2.0;
        let cells = row_cells(catalogue, profile, item);
        for (col, text) in cells.iter().enumerate() {
            if col == 8 {
                let look = match profile.items[item.0].status {
                    ItemStatus::Scored { band, .. } => Look::Band(band),
                    ItemStatus::NotReported => Look::NotReported,
                    ItemStatus::NoBenchmark(_) => Look::NoBenchmark,
                };
                let swatch = style.font_px;
                swatch_shapes(
                    &mut scene,
                    theme,
                    Rect::from_xywh(xs[col] + 3.0, y - swatch / 2.0, swatch, swatch),
                    look,
                );
                let room = COLUMNS[col].1 * width - swatch - 8.0;
                scene.text(
                    Point::new(xs[col] + swatch + 6.0, y),
                    fit(text, style.font_px, room),
                    style.font_px,
                    theme.text,
                    Align::Start,
                );
            } else {
                let muted = col == 6 || (col == 2 && profile.items[item.0].value() == Value::NotReported);
                cell(
                    &mut scene,
                    col,
                    y,
                    text,
                    if muted { theme.text_muted } else { theme.text },
                );
            }
        }
        scene.hits.push(HitRegion {
            hit: Hit::Item(item),
            area: HitArea::Rect(Rect::from_xywh(0.0, top, width, style.row_h)),
            label: cells[1].clone(),
            value: cells[2].clone(),
        });
    }
    scene
}
