//! The annular sector: the one wedge geometry of shapes, hit regions and the wheel.

use super::scene::Point;

/// An annular sector (the one wedge geometry of shapes, hit regions and the
/// wheel's layout); angles in radians, 0 = 12 o'clock, clockwise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sector {
    pub centre: Point,
    pub r_inner: f32,
    pub r_outer: f32,
    pub start: f32,
    pub end: f32,
}

impl Sector {
    /// Whether `p` lies inside.
    pub fn contains(&self, p: Point) -> bool {
        let (dx, dy) = (p.x - self.centre.x, p.y - self.centre.y);
        let r = dx.hypot(dy);
        if r < self.r_inner || r > self.r_outer || self.end <= self.start {
            return false;
        }
        let angle = dx.atan2(-dy).rem_euclid(std::f32::consts::TAU);
        let from = self.start.rem_euclid(std::f32::consts::TAU);
        (angle - from).rem_euclid(std::f32::consts::TAU) <= self.end - self.start
    }

    /// The point in the middle of the sector.
    pub fn anchor(&self) -> Point {
        self.centre.polar((self.r_inner + self.r_outer) / 2.0, self.mid_angle())
    }

    /// The angle in the middle of the sector.
    pub fn mid_angle(&self) -> f32 {
        (self.start + self.end) / 2.0
    }

    /// Points along the outline: outer arc clockwise, inner arc back. `max_step_px`
    /// bounds the chord length, so arcs stay smooth at any size.
    pub fn outline(&self, max_step_px: f32) -> Vec<Point> {
        let span = (self.end - self.start).max(0.0);
        let steps = ((span * self.r_outer / max_step_px.max(0.5)).ceil() as usize).clamp(1, 720);
        let at = |r: f32, i: usize| self.centre.polar(r, self.start + span * i as f32 / steps as f32);
        let mut points: Vec<Point> = (0..=steps).map(|i| at(self.r_outer, i)).collect();
        points.extend((0..=steps).rev().map(|i| at(self.r_inner, i)));
        points
    }

    /// The same sector moved by (`dx`, `dy`).
    pub(crate) fn moved(self, dx: f32, dy: f32) -> Sector {
        Sector {
            centre: Point::new(self.centre.x + dx, self.centre.y + dy),
            ..self
        }
    }
}
