//! Every text of every report page stays in its place: inside the page, clear of
//! every other text and of the swatches beside it; and in the table of every KPI
//! nothing is cut but a target source (whose full text is on the sources page).
//! Measured from the scenes, for every sample city (real and fictional).

use super::super::scene::{Align, Rect, Shape};
use super::super::text::text_width;
use super::*;
use crate::workspace::{Sources, Workspace};

/// A text's box: x from its anchor and measured width, y its line's height.
fn text_box(label: &super::super::scene::Label) -> Rect {
    let w = text_width(&label.text, label.size) + if label.bold { 0.5 } else { 0.0 };
    let x = match label.align {
        Align::Start => label.pos.x,
        Align::Middle => label.pos.x - w / 2.0,
        Align::End => label.pos.x - w,
    };
    let half = label.size * 0.45;
    Rect {
        min: super::super::scene::Point::new(x, label.pos.y - half),
        max: super::super::scene::Point::new(x + w, label.pos.y + half),
    }
}

fn overlap(a: &Rect, b: &Rect) -> bool {
    let tolerance = 0.25;
    a.min.x + tolerance < b.max.x
        && b.min.x + tolerance < a.max.x
        && a.min.y + tolerance < b.max.y
        && b.min.y + tolerance < a.max.y
}

/// Problems on one page: texts off the page, texts over texts, texts over swatches.
fn page_problems(scene: &Scene) -> Vec<String> {
    let texts: Vec<(&str, Rect)> = scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            // Rotated labels belong to the wheel, which fits its own labels to its rings.
            Shape::Text(l) if l.angle == 0.0 && !l.text.is_empty() => Some((l.text.as_str(), text_box(l))),
            _ => None,
        })
        .collect();
    let swatches: Vec<Rect> = scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Rect { rect, .. } if rect.width() <= 14.0 && rect.height() <= 14.0 => Some(*rect),
            // A swatch's hatching: short strokes, which must stay inside the swatch.
            Shape::Line { points, .. } if points.len() == 2 => {
                let (a, b) = (points[0], points[1]);
                let r = Rect {
                    min: super::super::scene::Point::new(a.x.min(b.x), a.y.min(b.y)),
                    max: super::super::scene::Point::new(a.x.max(b.x), a.y.max(b.y)),
                };
                (r.width() <= 14.0 && r.height() <= 14.0 && r.width() > 0.0).then_some(r)
            }
            _ => None,
        })
        .collect();
    let mut problems = Vec::new();
    for (i, (text, r)) in texts.iter().enumerate() {
        if r.min.x < -0.5 || r.max.x > scene.width + 0.5 || r.min.y < 0.0 || r.max.y > scene.height {
            problems.push(format!("'{text}' leaves the page at {r:?}"));
        }
        for (other, q) in &texts[i + 1..] {
            if overlap(r, q) {
                problems.push(format!("'{text}' overlaps '{other}'"));
            }
        }
        if swatches.iter().any(|s| overlap(r, s)) {
            problems.push(format!("'{text}' is drawn over a swatch"));
        }
    }
    problems
}

#[test]
fn no_report_text_leaves_its_place_and_tables_cut_only_target_sources() {
    let ws = Workspace::load(&Sources::default(), &mut |_, _, _| {}).expect("samples");
    let theme = Theme::light();
    let mut problems = Vec::new();
    for (c, city) in ws.dataset.cities.iter().enumerate() {
        let profile = ws.profile(crate::model::CityId::new(c), None);
        let input = ReportInput {
            catalogue: &ws.catalogue,
            dataset: &ws.dataset,
            city,
            profile: &profile,
            theme: &theme,
        };
        let sources: Vec<&str> = profile
            .items
            .iter()
            .filter_map(|s| s.target.as_ref().map(|t| t.source.as_str()))
            .collect();
        for (p, page) in report_pages(&input).iter().enumerate() {
            let at = |what: String| format!("{} page {}: {what}", city.name, p + 1);
            problems.extend(page_problems(page).into_iter().map(at));
            let table = page
                .shapes
                .iter()
                .any(|s| matches!(s, Shape::Text(l) if l.text.starts_with("Every KPI and data point")));
            if !table {
                continue;
            }
            for shape in &page.shapes {
                let Shape::Text(l) = shape else { continue };
                let Some(kept) = l.text.strip_suffix('…') else {
                    continue;
                };
                // A shortened source's second line: its words are in one of the sources.
                if !sources.iter().any(|s| s.contains(kept.trim())) {
                    problems.push(at(format!("'{}' is cut", l.text)));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
