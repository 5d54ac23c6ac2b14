//! A [`Scene`] as egui shapes. Wedges become triangle meshes (egui fills only
//! convex paths) with a hair-thin outline in the same colour for anti-aliased edges.
//! Runs of plain wedges (no outline, no smoothing: the small multiples) share one
//! mesh, so 50 small wheels are a few dozen shapes to tessellate, not thousands.

use egui::epaint::{Mesh, PathShape, PathStroke, TextShape};
use egui::{Color32, FontId, Painter, Pos2, Shape as EShape, Vec2};

use crate::chart::scene::{Align, Color, Label, Point, Scene, Shape, Stroke};
use crate::chart::text::bold_stroke_px;

/// Chart colour to egui colour.
pub(crate) fn to_color32(c: Color) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

fn pos(p: Point, origin: Pos2) -> Pos2 {
    Pos2::new(origin.x + p.x, origin.y + p.y)
}

/// Paints the scene with its top-left corner at `origin`.
pub(crate) fn paint_scene(painter: &Painter, scene: &Scene, origin: Pos2) {
    let shapes = scene_to_shapes(painter, scene, origin);
    painter.extend(shapes);
}

/// Converts every scene shape (text is laid out with the painter's fonts).
pub fn scene_to_shapes(painter: &Painter, scene: &Scene, origin: Pos2) -> Vec<EShape> {
    let mut out = Vec::with_capacity(scene.shapes.len() + 1);
    let bg = egui::Rect::from_min_size(origin, Vec2::new(scene.width, scene.height));
    out.push(EShape::rect_filled(bg, 0.0, to_color32(scene.background)));
    let mut batch = Mesh::default();
    for shape in &scene.shapes {
        let plain = matches!(
            shape,
            Shape::Wedge {
                stroke: None,
                smooth: false,
                ..
            }
        );
        if plain {
            if let Shape::Wedge { sector, fill, .. } = shape
                && fill.0[3] > 0
            {
                add_wedge(&mut batch, &sector.outline(6.0), origin, to_color32(*fill));
            }
            continue;
        }
        if !batch.is_empty() {
            out.push(EShape::mesh(std::mem::take(&mut batch)));
        }
        push_shape(&mut out, painter, shape, origin);
    }
    if !batch.is_empty() {
        out.push(EShape::mesh(batch));
    }
    out
}

/// One shape (other than a plain wedge, which is batched) as egui shapes.
fn push_shape(out: &mut Vec<EShape>, painter: &Painter, shape: &Shape, origin: Pos2) {
    match shape {
        Shape::Wedge {
            sector,
            fill,
            stroke,
            smooth,
        } => {
            let points = sector.outline(if *smooth { 3.0 } else { 6.0 });
            let outline: Vec<Pos2> = points.iter().map(|p| pos(*p, origin)).collect();
            if fill.0[3] > 0 {
                let mut mesh = Mesh::default();
                add_wedge(&mut mesh, &points, origin, to_color32(*fill));
                out.push(EShape::mesh(mesh));
                if *smooth {
                    let edge = egui::Stroke::new(0.6, to_color32(*fill));
                    out.push(EShape::Path(PathShape::closed_line(outline.clone(), edge)));
                }
            }
            if let Some(stroke) = stroke {
                push_stroke(out, outline, true, stroke);
            }
        }
        Shape::Rect { rect, fill, stroke } => {
            let r = egui::Rect::from_min_max(pos(rect.min, origin), pos(rect.max, origin));
            out.push(EShape::rect_filled(r, 0.0, to_color32(*fill)));
            if let Some(stroke) = stroke {
                let corners = vec![r.left_top(), r.right_top(), r.right_bottom(), r.left_bottom()];
                push_stroke(out, corners, true, stroke);
            }
        }
        Shape::Circle {
            centre,
            radius,
            fill,
            stroke,
        } => {
            let stroke = stroke.map_or(egui::Stroke::NONE, |s| egui::Stroke::new(s.width, to_color32(s.color)));
            out.push(EShape::circle_filled(pos(*centre, origin), *radius, to_color32(*fill)));
            out.push(EShape::circle_stroke(pos(*centre, origin), *radius, stroke));
        }
        Shape::Line { points, stroke } => {
            push_stroke(out, points.iter().map(|p| pos(*p, origin)).collect(), false, stroke);
        }
        Shape::Text(label) => push_text(out, painter, label, origin),
    }
}

/// Text anchored at its vertical middle, rotated about its anchor; bold is the
/// glyphs painted again, shifted along the baseline (see `bold_stroke_px`).
fn push_text(out: &mut Vec<EShape>, painter: &Painter, label: &Label, origin: Pos2) {
    let Label {
        pos: p,
        text,
        size,
        color,
        align,
        angle,
        bold,
    } = label;
    let galley = painter.layout_no_wrap(text.clone(), FontId::proportional(*size), to_color32(*color));
    let (w, h) = (galley.size().x, galley.size().y);
    let dx = match align {
        Align::Start => 0.0,
        Align::Middle => -w / 2.0,
        Align::End => -w,
    };
    let dy = -h / 2.0;
    let (sin, cos) = angle.sin_cos();
    let anchor = pos(*p, origin);
    let top_left = Pos2::new(anchor.x + dx * cos - dy * sin, anchor.y + dx * sin + dy * cos);
    if *bold {
        let shift = bold_stroke_px(*size);
        let shifted = Pos2::new(top_left.x + shift * cos, top_left.y + shift * sin);
        out.push(EShape::Text(
            TextShape::new(shifted, galley.clone(), to_color32(*color)).with_angle(*angle),
        ));
    }
    out.push(EShape::Text(
        TextShape::new(top_left, galley, to_color32(*color)).with_angle(*angle),
    ));
}

/// Appends the triangles between the outer arc (first half of `outline`) and the
/// inner arc (second half, reversed) to `mesh`.
fn add_wedge(mesh: &mut Mesh, outline: &[Point], origin: Pos2, color: Color32) {
    let base = mesh.vertices.len() as u32;
    let n = outline.len() / 2;
    for p in outline {
        mesh.colored_vertex(pos(*p, origin), color);
    }
    for i in 0..n.saturating_sub(1) {
        let (o0, o1) = (base + i as u32, base + i as u32 + 1);
        let (i0, i1) = (base + (2 * n - 1 - i) as u32, base + (2 * n - 2 - i) as u32);
        mesh.add_triangle(o0, o1, i0);
        mesh.add_triangle(i0, o1, i1);
    }
}

fn push_stroke(out: &mut Vec<EShape>, mut points: Vec<Pos2>, closed: bool, stroke: &Stroke) {
    let s = egui::Stroke::new(stroke.width, to_color32(stroke.color));
    match stroke.dash {
        None if closed => out.push(EShape::Path(PathShape::closed_line(points, PathStroke::from(s)))),
        None => out.push(EShape::line(points, s)),
        Some(dash) => {
            if closed && let Some(first) = points.first().copied() {
                points.push(first);
            }
            out.extend(EShape::dashed_line(&points, s, dash, dash * 0.8));
        }
    }
}
