//! Angles of the wheel: every item gets an equal share of the circle (or of the
//! focused part), and aggregates span their items. Focus changes animate by
//! interpolating each item's angles between two layouts.

use std::f32::consts::TAU;

use crate::model::{Catalogue, CategoryId, DimensionId, ItemId, SubDimensionId};

/// Which part of the wheel fills the circle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub enum Focus {
    #[default]
    All,
    Dimension(DimensionId),
    SubDimension(SubDimensionId),
    Category(CategoryId),
}

impl Focus {
    /// Whether an item belongs to the focused part.
    pub fn contains(self, catalogue: &Catalogue, item: ItemId) -> bool {
        let (cat, sub, dim) = catalogue.parents_of(item);
        match self {
            Focus::All => true,
            Focus::Dimension(d) => d == dim,
            Focus::SubDimension(s) => s == sub,
            Focus::Category(c) => c == cat,
        }
    }

    /// One level up: category → sub-dimension → dimension → all.
    pub(crate) fn parent(self, catalogue: &Catalogue) -> Focus {
        match self {
            Focus::All => Focus::All,
            Focus::Dimension(_) => Focus::All,
            Focus::SubDimension(s) => Focus::Dimension(catalogue.subdimensions[s.0].dimension),
            Focus::Category(c) => Focus::SubDimension(catalogue.categories[c.0].subdimension),
        }
    }

    /// The chain from the whole wheel down to this focus, for a breadcrumb.
    pub fn path(self, catalogue: &Catalogue) -> Vec<Focus> {
        let mut path = vec![self];
        let mut current = self;
        while current != Focus::All {
            current = current.parent(catalogue);
            path.push(current);
        }
        path.reverse();
        path
    }

    /// The name shown in a breadcrumb.
    pub fn name(self, catalogue: &Catalogue) -> String {
        match self {
            Focus::All => "All dimensions".into(),
            Focus::Dimension(d) => catalogue.dimensions[d.0].name.clone(),
            Focus::SubDimension(s) => catalogue.subdimensions[s.0].name.clone(),
            Focus::Category(c) => catalogue.categories[c.0].name.clone(),
        }
    }
}

/// Start and end angle of every item, in wheel order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layout {
    pub order: Vec<ItemId>,
    /// Indexed like `order`: (start, end) in radians.
    pub spans: Vec<(f32, f32)>,
}

impl Layout {
    /// The layout for a focus: focused items share the circle equally; the others
    /// collapse to zero width at 0 (before the focus) or at a full turn (after it).
    pub(crate) fn new(catalogue: &Catalogue, focus: Focus) -> Layout {
        let order = catalogue.items_in_order();
        let inside: Vec<bool> = order.iter().map(|&i| focus.contains(catalogue, i)).collect();
        let n = inside.iter().filter(|&&b| b).count().max(1);
        let step = TAU / n as f32;
        let mut spans = Vec::with_capacity(order.len());
        let mut seen = 0usize;
        for &is_in in &inside {
            let angle = step * seen as f32;
            if is_in {
                spans.push((angle, angle + step));
                seen += 1;
            } else if seen == 0 {
                spans.push((0.0, 0.0));
            } else {
                spans.push((TAU, TAU));
            }
        }
        Layout { order, spans }
    }

    /// Each item's angles eased from `from` to `to` (`t` from 0 to 1).
    pub(crate) fn between(from: &Layout, to: &Layout, t: f32) -> Layout {
        if t >= 1.0 {
            return to.clone();
        }
        let t = t.max(0.0);
        let eased = t * t * (3.0 - 2.0 * t);
        let spans = from
            .spans
            .iter()
            .zip(&to.spans)
            .map(|(a, b)| (a.0 + (b.0 - a.0) * eased, a.1 + (b.1 - a.1) * eased))
            .collect();
        Layout {
            order: to.order.clone(),
            spans,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The span covered by the items that satisfy `member` (min start, max end).
    fn span_of(layout: &Layout, member: impl Fn(ItemId) -> bool) -> Option<(f32, f32)> {
        let mut span: Option<(f32, f32)> = None;
        for (item, &(s, e)) in layout.order.iter().zip(&layout.spans) {
            if member(*item) && e > s {
                span = Some(span.map_or((s, e), |(a, b)| (a.min(s), b.max(e))));
            }
        }
        span
    }
    use crate::import::default_catalogue;

    #[test]
    fn full_layout_covers_a_full_turn_without_gaps() {
        let c = default_catalogue().expect("catalogue");
        let layout = Layout::new(&c, Focus::All);
        assert_eq!(layout.spans.len(), c.items.len());
        let total: f32 = layout.spans.iter().map(|(s, e)| e - s).sum();
        assert!((total - TAU).abs() < 1e-4);
        assert!(layout.spans.windows(2).all(|w| (w[0].1 - w[1].0).abs() < 1e-5));
    }

    #[test]
    fn focus_fills_the_circle_and_transitions_are_continuous() {
        let c = default_catalogue().expect("catalogue");
        let env = Focus::Dimension(DimensionId(1));
        let focused = Layout::new(&c, env);
        let span = span_of(&focused, |i| env.contains(&c, i)).expect("span");
        assert!(span.0.abs() < 1e-5 && (span.1 - TAU).abs() < 1e-4);
        let all = Layout::new(&c, Focus::All);
        assert_eq!(Layout::between(&all, &focused, 0.0), all);
        assert_eq!(Layout::between(&all, &focused, 1.0).spans, focused.spans);
        let half = Layout::between(&all, &focused, 0.5);
        let total: f32 = half.spans.iter().map(|(s, e)| e - s).sum();
        assert!(
            (total - TAU).abs() < 1e-3,
            "mid-animation still fills the circle: {total}"
        );
    }

    #[test]
    fn breadcrumb_path_climbs_to_all() {
        let c = default_catalogue().expect("catalogue");
        let path = Focus::Category(CategoryId(0)).path(&c);
        assert_eq!(path.len(), 4);
        assert_eq!(path[0], Focus::All);
    }
}
