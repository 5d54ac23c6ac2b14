//! Wheel labels: radial names outside the outer ring (flipped on the left half
//! so they never read upside down), and names along the aggregate rings.

use std::f32::consts::{FRAC_PI_2, PI, TAU};

use super::super::scene::{Align, Color, Label, Point, Scene, Shape};
use super::super::text::{fit, text_width};
use super::super::theme::Theme;
use super::Layout;
use crate::chart::scene::Sector;
use crate::model::Catalogue;

/// Radial labels for every item wide enough to carry one.
pub(crate) fn item_labels(
    scene: &mut Scene,
    catalogue: &Catalogue,
    theme: &Theme,
    centre: Point,
    radius: f32,
    max_len: f32,
    layout: &Layout,
) {
    for (item, &(start, end)) in layout.order.iter().zip(&layout.spans) {
        let arc = (end - start) * radius;
        if arc < 6.0 {
            continue;
        }
        // One size for every label of the ring (an even look), as large as the arcs allow.
        let size = (arc * 0.8).min(theme.label_px * 1.25).max(6.0);
        let text = fitted_label(catalogue, *item, size, max_len);
        if text.is_empty() {
            continue;
        }
        let mid = (start + end) / 2.0;
        let pos = centre.polar(radius, mid);
        let left_half = mid.rem_euclid(TAU) > PI;
        let (angle, align) = if left_half {
            (mid + FRAC_PI_2, Align::End)
        } else {
            (mid - FRAC_PI_2, Align::Start)
        };
        scene.shapes.push(Shape::Text(Label {
            pos,
            text,
            size,
            color: theme.text,
            align,
            angle,
            bold: false,
        }));
    }
}

/// The KPI name fitted to `max_len`; for a data point `KPI name · data point`, where
/// only the KPI name is shortened so that the data point always shows.
pub(crate) fn fitted_label(catalogue: &Catalogue, item: crate::model::ItemId, size: f32, max_len: f32) -> String {
    let kpi = catalogue.kpi_of(item);
    match &catalogue.items[item.index()].data_point {
        Some(dp) => {
            let tail = format!(" · {dp}");
            let head = fit(&kpi.name, size, max_len - text_width(&tail, size));
            if head.is_empty() {
                fit(dp, size, max_len)
            } else {
                format!("{head}{tail}")
            }
        }
        None => fit(&kpi.name, size, max_len),
    }
}

/// A name along a ring segment, tangent at its middle and upright; the
/// abbreviation when the full name does not fit; nothing when neither does.
pub(crate) fn ring_label(scene: &mut Scene, theme: &Theme, sector: Sector, names: (&str, String), fill: Color) {
    let (centre, r0, r1) = (sector.centre, sector.r_inner, sector.r_outer);
    let (start, end) = (sector.start, sector.end);
    let (name, short) = names;
    let r_mid = (r0 + r1) / 2.0;
    let thickness = r1 - r0;
    let size = (thickness * 0.42).min(theme.label_px + 1.0).max(7.0);
    // Room along the arc: the chord at the inner edge (so straight text stays inside).
    let room = 2.0 * r0 * ((end - start) / 2.0).min(FRAC_PI_2).sin() - 6.0;
    let text = if text_width(name, size) <= room {
        name.to_string()
    } else if !short.is_empty() && text_width(&short, size) <= room {
        short
    } else {
        return;
    };
    let mid = (start + end) / 2.0;
    let bottom_half = (FRAC_PI_2..3.0 * FRAC_PI_2).contains(&mid.rem_euclid(TAU));
    let angle = if bottom_half { mid + PI } else { mid };
    scene.shapes.push(Shape::Text(Label {
        pos: centre.polar(r_mid, mid),
        text,
        size,
        color: theme.text_on(fill),
        align: Align::Middle,
        angle,
        bold: false,
    }));
}
