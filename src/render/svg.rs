//! A [`Scene`] as SVG: vector shapes with true arcs, text as text (selectable,
//! escaped), the chart font named and optionally embedded.

use std::fmt::Write;

use base64::Engine;

use crate::chart::scene::{Align, Color, Label, Scene, Sector, Shape, Stroke};
use crate::chart::text::{FONT_BYTES, FONT_FAMILY, baseline_below_middle, bold_stroke_px};

/// How to write the SVG.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct SvgOptions {
    /// Leave the background out (for slides with their own background).
    pub transparent: bool,
    /// Embed the font as a data URL, so that browsers show the same glyphs.
    pub embed_font: bool,
}

/// Escapes text for XML content and attribute values.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn num(v: f32) -> String {
    let rounded = (v * 100.0).round() / 100.0;
    if rounded == rounded.trunc() {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}

fn paint(color: Color) -> String {
    let alpha = color.0[3];
    if alpha == 255 {
        color.to_hex()
    } else {
        format!("{}\" fill-opacity=\"{}", color.to_hex(), num(f32::from(alpha) / 255.0))
    }
}

fn stroke_attrs(stroke: Option<&Stroke>) -> String {
    match stroke {
        None => " stroke=\"none\"".into(),
        Some(s) => {
            let dash = s
                .dash
                .map(|d| format!(" stroke-dasharray=\"{} {}\"", num(d), num(d * 0.8)))
                .unwrap_or_default();
            let opacity = if s.color.0[3] == 255 {
                String::new()
            } else {
                format!(" stroke-opacity=\"{}\"", num(f32::from(s.color.0[3]) / 255.0))
            };
            format!(
                " stroke=\"{}\" stroke-width=\"{}\"{opacity}{dash} stroke-linejoin=\"round\"",
                s.color.to_hex(),
                num(s.width)
            )
        }
    }
}

fn fill_attr(color: Color) -> String {
    if color.0[3] == 0 {
        "fill=\"none\"".into()
    } else {
        format!("fill=\"{}\"", paint(color))
    }
}

/// Bold text: an outline in the text's own colour (see `bold_stroke_px`).
fn bold_attrs(color: Color, size: f32) -> String {
    let opacity = match color.0[3] {
        255 => String::new(),
        a => format!(" stroke-opacity=\"{}\"", num(f32::from(a) / 255.0)),
    };
    format!(
        " stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\"{opacity}",
        color.to_hex(),
        num(bold_stroke_px(size))
    )
}

/// The path of an annular sector with true arcs.
fn wedge_path(sector: &Sector) -> String {
    let (centre, r0, r1) = (sector.centre, sector.r_inner, sector.r_outer);
    let (start, end) = (sector.start, sector.end);
    let xy = |p: crate::chart::scene::Point| format!("{} {}", num(p.x), num(p.y));
    let (n0, n1) = (num(r0), num(r1));
    let span = end - start;
    if span >= std::f32::consts::TAU - 1e-4 {
        // A full ring: two half arcs each way.
        let (top1, bottom1) = (xy(centre.polar(r1, 0.0)), xy(centre.polar(r1, std::f32::consts::PI)));
        let (top0, bottom0) = (xy(centre.polar(r0, 0.0)), xy(centre.polar(r0, std::f32::consts::PI)));
        return format!(
            "M{top1}A{n1} {n1} 0 1 1 {bottom1}A{n1} {n1} 0 1 1 {top1}ZM{top0}A{n0} {n0} 0 1 0 {bottom0}A{n0} {n0} 0 1 0 {top0}Z"
        );
    }
    let large = i32::from(span > std::f32::consts::PI);
    let (a, b) = (xy(centre.polar(r1, start)), xy(centre.polar(r1, end)));
    let mut path = format!("M{a}A{n1} {n1} 0 {large} 1 {b}");
    if r0 > 0.01 {
        let (c, d) = (xy(centre.polar(r0, end)), xy(centre.polar(r0, start)));
        let _ = write!(path, "L{c}A{n0} {n0} 0 {large} 0 {d}Z");
    } else {
        let _ = write!(path, "L{}Z", xy(centre));
    }
    path
}

/// Writes the scene as a standalone SVG document.
pub(crate) fn scene_to_svg(scene: &Scene, options: SvgOptions) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let (w, h) = (num(scene.width), num(scene.height));
    let _ = writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONT_FAMILY}, sans-serif\">"
    );
    if options.embed_font {
        let _ = writeln!(
            out,
            "<defs><style>@font-face {{ font-family: \"{FONT_FAMILY}\"; src: url(data:font/ttf;base64,{}); }}</style></defs>",
            base64::engine::general_purpose::STANDARD.encode(FONT_BYTES)
        );
    }
    if !options.transparent {
        let _ = writeln!(
            out,
            "<rect width=\"{w}\" height=\"{h}\" {}/>",
            fill_attr(scene.background)
        );
    }
    for shape in &scene.shapes {
        write_shape(&mut out, shape);
    }
    out.push_str("</svg>\n");
    out
}

fn write_shape(out: &mut String, shape: &Shape) {
    let paint = |fill: &Color, stroke: Option<&Stroke>| format!("{}{}", fill_attr(*fill), stroke_attrs(stroke));
    match shape {
        Shape::Wedge {
            sector, fill, stroke, ..
        } => {
            let span = sector.end - sector.start;
            if span <= 1e-5 {
                return;
            }
            let rule = if span >= std::f32::consts::TAU - 1e-4 {
                " fill-rule=\"evenodd\""
            } else {
                ""
            };
            let (d, paint) = (wedge_path(sector), paint(fill, stroke.as_ref()));
            let _ = writeln!(out, "<path d=\"{d}\" {paint}{rule}/>");
        }
        Shape::Rect { rect, fill, stroke } => {
            let (x, y, w, h) = (num(rect.min.x), num(rect.min.y), num(rect.width()), num(rect.height()));
            let paint = paint(fill, stroke.as_ref());
            let _ = writeln!(out, "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" {paint}/>");
        }
        Shape::Circle {
            centre,
            radius,
            fill,
            stroke,
        } => {
            let (x, y, r, paint) = (num(centre.x), num(centre.y), num(*radius), paint(fill, stroke.as_ref()));
            let _ = writeln!(out, "<circle cx=\"{x}\" cy=\"{y}\" r=\"{r}\" {paint}/>");
        }
        Shape::Line { points, stroke } => {
            let pts: Vec<String> = points.iter().map(|p| format!("{},{}", num(p.x), num(p.y))).collect();
            let (pts, stroke) = (pts.join(" "), stroke_attrs(Some(stroke)));
            let _ = writeln!(
                out,
                "<polyline points=\"{pts}\" fill=\"none\"{stroke} stroke-linecap=\"butt\"/>"
            );
        }
        Shape::Text(label) => write_text(out, label),
    }
}

/// Text as text (selectable, escaped), anchored at its vertical middle as on screen.
fn write_text(out: &mut String, label: &Label) {
    let Label {
        pos,
        text,
        size,
        color,
        align,
        angle,
        bold,
    } = label;
    if text.is_empty() {
        return;
    }
    let anchor = match align {
        Align::Start => "start",
        Align::Middle => "middle",
        Align::End => "end",
    };
    let rotate = if angle.abs() > 1e-5 {
        let (a, x, y) = (num(angle.to_degrees()), num(pos.x), num(pos.y));
        format!(" transform=\"rotate({a} {x} {y})\"")
    } else {
        String::new()
    };
    let (x, y, size_attr) = (num(pos.x), num(pos.y + baseline_below_middle(*size)), num(*size));
    let weight = if *bold {
        bold_attrs(*color, *size)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "<text x=\"{x}\" y=\"{y}\" font-size=\"{size_attr}\" text-anchor=\"{anchor}\" {}{weight}{rotate} xml:space=\"preserve\">{}</text>",
        fill_attr(*color),
        escape_xml(text)
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::scene::Point;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape_xml("<script>&\"Ville\" ='1+1'"),
            "&lt;script&gt;&amp;&quot;Ville&quot; =&apos;1+1&apos;"
        );
        assert_eq!(escape_xml("a\u{1}b"), "a b");
    }

    #[test]
    fn wedges_use_true_arcs() {
        let d = wedge_path(&Sector {
            centre: Point::new(0.0, 0.0),
            r_inner: 10.0,
            r_outer: 20.0,
            start: 0.0,
            end: std::f32::consts::FRAC_PI_2,
        });
        assert_eq!(d, "M0 -20A20 20 0 0 1 20 0L10 0A10 10 0 0 0 0 -10Z");
    }
}
