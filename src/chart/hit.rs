//! Hit regions: where the pointer finds a segment, bar or city, and what screen
//! readers announce for it.

use super::scene::{Hit, Point, Rect, Sector};

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
    Wedge(Sector),
    Rect(Rect),
    Circle { centre: Point, radius: f32 },
}

impl HitArea {
    /// Whether `p` lies inside.
    pub fn contains(&self, p: Point) -> bool {
        match *self {
            HitArea::Rect(rect) => rect.contains(p),
            HitArea::Circle { centre, radius } => (p.x - centre.x).hypot(p.y - centre.y) <= radius,
            HitArea::Wedge(sector) => sector.contains(p),
        }
    }

    /// A representative point inside (for screen-reader focus and keyboard moves).
    pub fn anchor(&self) -> Point {
        match *self {
            HitArea::Rect(rect) => rect.center(),
            HitArea::Circle { centre, .. } => centre,
            HitArea::Wedge(sector) => sector.anchor(),
        }
    }

    /// The same area moved by (`dx`, `dy`).
    pub(crate) fn moved(self, dx: f32, dy: f32) -> HitArea {
        match self {
            HitArea::Wedge(sector) => HitArea::Wedge(sector.moved(dx, dy)),
            HitArea::Rect(rect) => HitArea::Rect(rect.moved(dx, dy)),
            HitArea::Circle { centre, radius } => HitArea::Circle {
                centre: Point::new(centre.x + dx, centre.y + dy),
                radius,
            },
        }
    }
}
