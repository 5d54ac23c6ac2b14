//! What the two radars share (a dimension's categories, Compare's
//! sub-dimensions): spoke angles, and lines that join only neighbouring spokes
//! that both have a headline score. A spoke without one (not scored, or scored
//! on under a third of its items) breaks the line: a line across it would draw
//! a value that is not there.

use std::f32::consts::TAU;

use super::scene::{Align, Color, Point, Scene};
use super::text::wrap;
use super::theme::Theme;
use crate::score::AggregateScore;

/// The angle of spoke `i` of `n`, clockwise from the top.
pub(crate) fn angle(i: usize, n: usize) -> f32 {
    TAU * i as f32 / n.max(1) as f32
}

/// What a spoke shows of an aggregate: its % when it is a headline score,
/// `None` when it is not scored or scored on too few items.
pub(crate) fn headline(agg: &AggregateScore) -> Option<f64> {
    agg.score_pct.filter(|_| !agg.is_thin())
}

/// The lines of a radar as runs of points over `n` spokes (the last joins the
/// first): a spoke without a value ends a run and the next starts a new one.
pub(crate) fn runs(values: &[Option<f64>], n: usize, (centre, radius): (Point, f32)) -> Vec<Vec<Point>> {
    let mut runs: Vec<Vec<Point>> = vec![Vec::new()];
    for i in 0..=n {
        match values.get(i % n.max(1)).copied().flatten() {
            Some(v) => {
                let point = centre.polar(radius * v as f32 / 100.0, angle(i % n.max(1), n));
                if let Some(run) = runs.last_mut() {
                    run.push(point);
                }
            }
            None => runs.push(Vec::new()),
        }
    }
    runs.into_iter().filter(|r| !r.is_empty()).collect()
}

/// A spoke's name outside the outer ring, aligned away from the centre, within
/// `left..right`: on two lines, then shortened, only when it does not fit on one.
pub(crate) fn axis_label(
    scene: &mut Scene,
    theme: &Theme,
    (centre, radius, a): (Point, f32, f32),
    (left, right): (f32, f32),
    (name, color): (&str, Color),
) {
    let pos = centre.polar(radius + 6.0, a);
    let (align, room) = if a.sin() > 0.2 {
        (Align::Start, right - pos.x)
    } else if a.sin() < -0.2 {
        (Align::End, pos.x - left)
    } else {
        (Align::Middle, 2.0 * (pos.x - left).min(right - pos.x))
    };
    let size = theme.small_px;
    let lines = wrap(name, size, room - 4.0, 2);
    // Lines stack away from the centre: upwards at the top, downwards elsewhere.
    let up = if a.cos() > 0.2 { lines.len() as f32 - 1.0 } else { 0.0 };
    let first_y = pos.y - a.cos() * size * 0.6 - up * size * 1.15;
    for (k, line) in lines.into_iter().enumerate() {
        let at = Point::new(pos.x, first_y + k as f32 * size * 1.15);
        scene.text(at, line, size, color, align);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spoke_without_a_value_breaks_the_line() {
        let frame = (Point::new(0.0, 0.0), 100.0);
        // All five: one closed run of six points (back to the first).
        let all = runs(&[Some(50.0); 5], 5, frame);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].len(), 6);
        // Spoke 2 missing: 0-1, then 3-4-0; no segment touches spoke 2.
        let gap = runs(&[Some(50.0), Some(60.0), None, Some(70.0), Some(80.0)], 5, frame);
        assert_eq!(gap.iter().map(Vec::len).collect::<Vec<_>>(), vec![2, 3]);
        // Every other spoke missing: single points, no line at all.
        let dots = runs(&[Some(50.0), None, Some(50.0), None], 4, frame);
        assert!(dots.iter().all(|r| r.len() == 1), "{dots:?}");
    }
}
