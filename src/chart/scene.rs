//! A chart as plain shapes, free of any renderer: the one source of geometry
//! for the screen (egui) and for every export format.

use crate::model::{CategoryId, DimensionId, ItemId, SubDimensionId};

/// An sRGB colour with straight alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Color(pub [u8; 4]);

impl Color {
    pub(crate) const TRANSPARENT: Color = Color([0, 0, 0, 0]);

    /// An opaque colour from `0xRRGGBB`.
    pub const fn hex(rgb: u32) -> Color {
        Color([(rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8, 255])
    }

    /// The same colour with another alpha.
    pub const fn with_alpha(self, alpha: u8) -> Color {
        let [r, g, b, _] = self.0;
        Color([r, g, b, alpha])
    }

    /// `#rrggbb` (alpha dropped), for SVG and CSS.
    pub(crate) fn to_hex(self) -> String {
        let [r, g, b, _] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// Relative luminance (WCAG), 0 = black, 1 = white.
    pub(crate) fn luminance(self) -> f32 {
        let lin = |c: u8| {
            let c = f32::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b, _] = self.0;
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }
}

/// A point in chart pixels; y grows downwards.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub const fn new(x: f32, y: f32) -> Point {
        Point { x, y }
    }

    /// The point at `radius` and `angle` (radians, 0 = 12 o'clock, clockwise) around `self`.
    pub(crate) fn polar(self, radius: f32, angle: f32) -> Point {
        Point::new(self.x + radius * angle.sin(), self.y - radius * angle.cos())
    }
}

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub min: Point,
    pub max: Point,
}

impl Rect {
    pub(crate) fn from_xywh(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect {
            min: Point::new(x, y),
            max: Point::new(x + w, y + h),
        }
    }

    pub fn width(&self) -> f32 {
        self.max.x - self.min.x
    }

    pub fn height(&self) -> f32 {
        self.max.y - self.min.y
    }

    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.min.x && p.x <= self.max.x && p.y >= self.min.y && p.y <= self.max.y
    }

    /// The same rectangle moved by (`dx`, `dy`).
    pub(crate) fn moved(self, dx: f32, dy: f32) -> Rect {
        Rect {
            min: Point::new(self.min.x + dx, self.min.y + dy),
            max: Point::new(self.max.x + dx, self.max.y + dy),
        }
    }

    pub(crate) fn center(&self) -> Point {
        Point::new((self.min.x + self.max.x) / 2.0, (self.min.y + self.max.y) / 2.0)
    }
}

/// A line style.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub width: f32,
    pub color: Color,
    /// Dash length; `None` for a solid line.
    pub dash: Option<f32>,
}

impl Stroke {
    pub const fn solid(width: f32, color: Color) -> Stroke {
        Stroke {
            width,
            color,
            dash: None,
        }
    }
}

/// What a shape stands for, so that hover, click, keyboard and screen readers can find it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Hit {
    Item(ItemId),
    Category(CategoryId),
    SubDimension(SubDimensionId),
    Dimension(DimensionId),
    /// The wheel's centre (city and overall score).
    Centre,
    /// A whole city (a small wheel or a radar of the comparison).
    City(crate::model::CityId),
}

/// Horizontal text anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Start,
    Middle,
    End,
}

/// One drawable thing.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// An annular sector. `smooth` asks the screen for anti-aliased edges (files
    /// are always smooth).
    Wedge {
        sector: Sector,
        fill: Color,
        stroke: Option<Stroke>,
        smooth: bool,
    },
    Rect {
        rect: Rect,
        fill: Color,
        stroke: Option<Stroke>,
    },
    Circle {
        centre: Point,
        radius: f32,
        fill: Color,
        stroke: Option<Stroke>,
    },
    Line {
        points: Vec<Point>,
        stroke: Stroke,
    },
    Text(Label),
}

/// Single-line text; `pos` is the anchor point at the text's vertical middle;
/// `angle` in radians (clockwise).
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub pos: Point,
    pub text: String,
    pub size: f32,
    pub color: Color,
    pub align: Align,
    pub angle: f32,
    pub bold: bool,
}

impl Shape {
    /// The same shape moved by (`dx`, `dy`).
    fn moved(self, dx: f32, dy: f32) -> Shape {
        let at = |p: Point| Point::new(p.x + dx, p.y + dy);
        match self {
            Shape::Wedge {
                sector,
                fill,
                stroke,
                smooth,
            } => Shape::Wedge {
                sector: sector.moved(dx, dy),
                fill,
                stroke,
                smooth,
            },
            Shape::Rect { rect, fill, stroke } => Shape::Rect {
                rect: rect.moved(dx, dy),
                fill,
                stroke,
            },
            Shape::Circle {
                centre,
                radius,
                fill,
                stroke,
            } => Shape::Circle {
                centre: at(centre),
                radius,
                fill,
                stroke,
            },
            Shape::Line { points, stroke } => Shape::Line {
                points: points.into_iter().map(at).collect(),
                stroke,
            },
            Shape::Text(label) => Shape::Text(Label {
                pos: at(label.pos),
                ..label
            }),
        }
    }
}

pub use super::hit::{HitArea, HitRegion};
pub use super::sector::Sector;

/// A whole chart: size, background, shapes in paint order, and hit regions.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scene {
    pub width: f32,
    pub height: f32,
    pub background: Color,
    pub shapes: Vec<Shape>,
    pub hits: Vec<HitRegion>,
}

impl Scene {
    pub fn new(width: f32, height: f32, background: Color) -> Scene {
        Scene {
            width,
            height,
            background,
            shapes: Vec::new(),
            hits: Vec::new(),
        }
    }

    /// Draws `other` into this scene with its top-left corner at (`dx`, `dy`)
    /// (its background is not copied; hit regions move along).
    pub(crate) fn place(&mut self, other: Scene, dx: f32, dy: f32) {
        self.shapes.extend(other.shapes.into_iter().map(|s| s.moved(dx, dy)));
        self.hits.extend(other.hits.into_iter().map(|mut hit| {
            hit.area = hit.area.moved(dx, dy);
            hit
        }));
    }

    /// Adds a line of text.
    pub fn text(&mut self, pos: Point, text: impl Into<String>, size: f32, color: Color, align: Align) {
        self.text_weighted(pos, text, size, color, align, false);
    }

    /// Adds a line of bold text.
    pub(crate) fn bold_text(&mut self, pos: Point, text: impl Into<String>, size: f32, color: Color, align: Align) {
        self.text_weighted(pos, text, size, color, align, true);
    }

    /// Adds a line of text, bold or not.
    pub(crate) fn text_weighted(
        &mut self,
        pos: Point,
        text: impl Into<String>,
        size: f32,
        color: Color,
        align: Align,
        bold: bool,
    ) {
        self.shapes.push(Shape::Text(Label {
            pos,
            text: text.into(),
            size,
            color,
            align,
            angle: 0.0,
            bold,
        }));
    }

    /// Adds a polyline.
    pub(crate) fn line(&mut self, points: Vec<Point>, stroke: Stroke) {
        self.shapes.push(Shape::Line { points, stroke });
    }

    /// Adds a rectangle.
    pub(crate) fn rect(&mut self, rect: Rect, fill: Color, stroke: Option<Stroke>) {
        self.shapes.push(Shape::Rect { rect, fill, stroke });
    }

    /// The topmost hit region under `p` (later regions win).
    pub(crate) fn hit_at(&self, p: Point) -> Option<&HitRegion> {
        self.hits.iter().rev().find(|h| h.area.contains(p))
    }

    /// The region for a hit id.
    pub fn region(&self, hit: Hit) -> Option<&HitRegion> {
        self.hits.iter().find(|h| h.hit == hit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f32::consts::{FRAC_PI_2, PI};

    #[test]
    fn polar_angles_start_at_twelve_and_go_clockwise() {
        let c = Point::new(100.0, 100.0);
        let top = c.polar(10.0, 0.0);
        let right = c.polar(10.0, FRAC_PI_2);
        assert!((top.x - 100.0).abs() < 1e-4 && (top.y - 90.0).abs() < 1e-4);
        assert!((right.x - 110.0).abs() < 1e-4 && (right.y - 100.0).abs() < 1e-4);
    }

    #[test]
    fn wedge_hit_test_respects_radius_and_angle() {
        let area = HitArea::Wedge(Sector {
            centre: Point::new(0.0, 0.0),
            r_inner: 10.0,
            r_outer: 20.0,
            start: 0.0,
            end: FRAC_PI_2,
        });
        assert!(area.contains(Point::new(10.0, -10.0)));
        assert!(!area.contains(Point::new(-10.0, -10.0)));
        assert!(!area.contains(Point::new(2.0, -2.0)));
        let wrap = HitArea::Wedge(Sector {
            centre: Point::new(0.0, 0.0),
            r_inner: 0.0,
            r_outer: 20.0,
            start: 1.5 * PI,
            end: 2.5 * PI,
        });
        assert!(wrap.contains(Point::new(5.0, -10.0)) && wrap.contains(Point::new(-5.0, -10.0)));
        assert!(area.contains(area.anchor()));
    }

    #[test]
    fn outline_is_closed_and_smooth() {
        let sector = Sector {
            centre: Point::new(0.0, 0.0),
            r_inner: 50.0,
            r_outer: 100.0,
            start: 0.0,
            end: PI,
        };
        let pts = sector.outline(4.0);
        assert!(pts.len() > 150);
        assert!(
            pts.windows(2)
                .take(pts.len() / 2 - 1)
                .all(|w| (w[0].x - w[1].x).hypot(w[0].y - w[1].y) <= 4.01)
        );
    }
}
