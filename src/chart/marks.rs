//! Data-quality and verification marks: a value that is an estimate (data-quality
//! class 4, 5 or 6: estimation with assumptions, personal estimation, unknown
//! methodology) carries a filled dot; a value U4SSC verification did not verify
//! carries an open ring. Marks are shapes, not colours, so they read in print
//! and for colour-blind readers; the legend explains them.

use super::scene::{Point, Scene, Shape, Stroke};
use crate::model::{Quality, Value};
use crate::score::ItemScore;

/// The radius of a mark's dot or ring, in pixels at scale 1.
pub const MARK_RADIUS: f32 = 2.4;

/// What calls for caution about a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QualityMark {
    /// Data-quality class 4-6 (an estimate or an untraceable method).
    pub estimate: bool,
    /// Verification status "no".
    pub unverified: bool,
}

impl QualityMark {
    /// The mark of a reported value, if it needs one.
    pub fn of(score: &ItemScore) -> Option<QualityMark> {
        let obs = score.observation.as_ref().filter(|o| o.value() != Value::NotReported)?;
        let estimate = matches!(
            obs.quality(),
            Some(Quality::Estimated | Quality::PersonalEstimate | Quality::Unknown)
        );
        let mark = QualityMark {
            estimate,
            unverified: obs.verified() == Some(false),
        };
        (mark.estimate || mark.unverified).then_some(mark)
    }

    /// In words, for tables and tooltips: `estimate`, `not verified`, or both.
    pub fn words(self) -> String {
        match (self.estimate, self.unverified) {
            (true, true) => "estimate, not verified".into(),
            (true, false) => "estimate".into(),
            _ => "not verified".into(),
        }
    }
}

/// Draws a mark centred on `at` (`step` apart along (`dx`, `dy`) when both
/// apply), in `ink` (chosen to stand out from what is under it).
pub(crate) fn draw(scene: &mut Scene, mark: QualityMark, at: Point, (dx, dy): (f32, f32), ink: super::scene::Color) {
    let mut next = at;
    if mark.estimate {
        scene.shapes.push(Shape::Circle {
            centre: next,
            radius: MARK_RADIUS,
            fill: ink,
            stroke: None,
        });
        next = Point::new(next.x + dx, next.y + dy);
    }
    if mark.unverified {
        scene.shapes.push(Shape::Circle {
            centre: next,
            radius: MARK_RADIUS,
            fill: super::scene::Color::TRANSPARENT,
            stroke: Some(Stroke::solid(1.2, ink)),
        });
    }
}

/// The legend's two entries (swatch drawer and text) for the marks present.
pub(crate) fn legend_entries(estimates: usize, unverified: usize) -> Vec<(String, QualityMark)> {
    let mut out = Vec::new();
    if estimates > 0 {
        out.push((
            format!("estimate ({estimates})"),
            QualityMark {
                estimate: true,
                unverified: false,
            },
        ));
    }
    if unverified > 0 {
        out.push((
            format!("not verified ({unverified})"),
            QualityMark {
                estimate: false,
                unverified: true,
            },
        ));
    }
    out
}

/// Counts of marked items in a profile: (estimates, not verified).
pub fn counts(profile: &crate::score::Profile) -> (usize, usize) {
    profile
        .items
        .iter()
        .filter_map(QualityMark::of)
        .fold((0, 0), |(e, u), m| {
            (e + usize::from(m.estimate), u + usize::from(m.unverified))
        })
}
