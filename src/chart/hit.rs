//! Hit regions: where the pointer finds a segment, bar or city, and what screen
//! readers announce for it.

use super::scene::{Hit, Point, Rect};

/// A region that reacts to the pointer and is announced to screen readers.
#[derive(Debug, Clone, PartialEq)]
pub struct HitRegion {
    pub hit: Hit,
    pub area: HitArea,
    /// Accessible name, e.g. `Air Pollution: PM2.5`.
    pub label: String,
    /// Accessible value, e.g. `12 µg/m³, 42 % of target (33-66 %)`.
    pub value: String,
}

/// The shape of a hit region.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HitArea {
    Wedge {
        centre: Point,
        r_inner: f32,
        r_outer: f32,
        start: f32,
        end: f32,
    },
    Rect(Rect),
    Circle {
        centre: Point,
        radius: f32,
    },
}

impl HitArea {
    /// Whether `p` lies inside.
    pub fn contains(&self, p: Point) -> bool {
        match *self {
            HitArea::Rect(rect) => rect.contains(p),
            HitArea::Circle { centre, radius } => (p.x - centre.x).hypot(p.y - centre.y) <= radius,
            HitArea::Wedge {
                centre,
                r_inner,
                r_outer,
                start,
                end,
            } => {
                let (dx, dy) = (p.x - centre.x, p.y - centre.y);
                let r = dx.hypot(dy);
                if r < r_inner || r > r_outer || end <= start {
                    return false;
                }
                let angle = dx.atan2(-dy).rem_euclid(std::f32::consts::TAU);
                let from = start.rem_euclid(std::f32::consts::TAU);
                let span = end - start;
                (angle - from).rem_euclid(std::f32::consts::TAU) <= span
            }
        }
    }

    /// A representative point inside (for screen-reader focus and keyboard moves).
    pub(crate) fn anchor(&self) -> Point {
        match *self {
            HitArea::Rect(rect) => rect.center(),
            HitArea::Circle { centre, .. } => centre,
            HitArea::Wedge {
                centre,
                r_inner,
                r_outer,
                start,
                end,
            } => centre.polar((r_inner + r_outer) / 2.0, (start + end) / 2.0),
        }
    }
}
