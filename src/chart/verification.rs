//! The verification summary, as in U4SSC verification reports: per dimension,
//! items reported, verified, not verified and without a status; the spread of
//! data-quality classes; the lists of items not reported and not verified; and
//! the next steps: the items in band 0-33 % and 33-66 %, worst first.

use super::scene::{Align, Point, Scene, Stroke};
use super::text::{fit, text_width, wrap};
use super::theme::Theme;
use crate::model::{Catalogue, ItemId, Quality, Value};
use crate::score::{Band, Profile};

/// The counts and lists of the summary.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    /// Per dimension then the total: name, items, reported, verified, not verified, status not given.
    pub rows: Vec<(String, [usize; 5])>,
    /// Per quality class (the six, then "other text", then "not given"): counts per dimension then total.
    pub quality: Vec<(String, Vec<usize>)>,
    pub not_reported: Vec<ItemId>,
    pub not_verified: Vec<ItemId>,
    /// Items in band 0-33 % or 33-66 %, worst first, with their % of target when known.
    pub next_steps: Vec<(ItemId, Band, Option<f64>)>,
}

/// The quality class row of an observation: 0-5 the classes, 6 other text, 7 not given.
fn quality_row(q: Option<&Quality>) -> usize {
    match q {
        None => 7,
        Some(q) => q.number().map_or(6, |n| usize::from(n) - 1),
    }
}

/// Counts and lists for one profile.
pub fn summary(catalogue: &Catalogue, profile: &Profile) -> Summary {
    let dims = catalogue.dimensions.len();
    let mut counts = vec![[0usize; 5]; dims + 1];
    let mut quality = vec![vec![0usize; dims + 1]; 8];
    let mut out = Summary::default();
    for id in catalogue.items_in_order() {
        let score = &profile.items[id.index()];
        let d = catalogue.parents_of(id).2.0;
        let reported = score.value() != Value::NotReported;
        let obs = score.observation.as_ref().filter(|_| reported);
        let verified = obs.and_then(|o| o.verified());
        let cells = [
            true,
            reported,
            verified == Some(true),
            verified == Some(false),
            reported && verified.is_none(),
        ];
        for row in [d, dims] {
            for (k, on) in cells.iter().enumerate() {
                counts[row][k] += usize::from(*on);
            }
            if let Some(o) = obs {
                quality[quality_row(o.quality())][row] += 1;
            }
        }
        add_to_lists(&mut out, id, score, reported, verified);
    }
    let names = catalogue
        .dimensions
        .iter()
        .map(|d| d.name.clone())
        .chain(["All".to_string()]);
    out.rows = names.zip(counts).collect();
    let classes = Quality::CLASSES
        .iter()
        .map(|q| format!("{} {}", q.number().unwrap_or(0), q.name()));
    let labels = classes.chain(["Other text".to_string(), "Not given".to_string()]);
    out.quality = labels.zip(quality).collect();
    out
}

/// Puts an item on the lists it belongs to (next steps kept worst first).
fn add_to_lists(
    out: &mut Summary,
    id: ItemId,
    score: &crate::score::ItemScore,
    reported: bool,
    verified: Option<bool>,
) {
    if !reported {
        out.not_reported.push(id);
    } else if verified == Some(false) {
        out.not_verified.push(id);
    }
    if let Some(band @ (Band::Below33 | Band::From33To66)) = score.band() {
        let key = |b: Band, p: Option<f64>| (b, p.unwrap_or(f64::MAX));
        let at = out.next_steps.partition_point(|(_, b, p)| {
            key(*b, *p).partial_cmp(&key(band, score.pct())) != Some(std::cmp::Ordering::Greater)
        });
        out.next_steps.insert(at, (id, band, score.pct()));
    }
}

/// A name and its counts per row, as texts.
fn text_rows<C: AsRef<[usize]>>(rows: &[(String, C)]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|(name, counts)| {
            std::iter::once(name.clone())
                .chain(counts.as_ref().iter().map(usize::to_string))
                .collect()
        })
        .collect()
}

/// A table: header row then rows; the first column left-aligned and as wide as
/// its widest label (so labels are not cut beside empty space), the others right
/// and sharing the rest; a header too wide for its column wraps onto two lines.
fn table(
    scene: &mut Scene,
    theme: &Theme,
    (x, y, w): (f32, f32, f32),
    header: &[String],
    rows: &[Vec<String>],
    size: f32,
) -> f32 {
    let widest = rows
        .iter()
        .filter_map(|r| r.first())
        .map(|l| text_width(l, size))
        .fold(0.0, f32::max);
    let first = (widest + 10.0).clamp(w * 0.2, w * 0.6);
    let col = (w - first) / (header.len().saturating_sub(1)).max(1) as f32;
    let line_h = size * 1.6;
    let titles: Vec<Vec<String>> = header.iter().map(|h| wrap(h, size, col - 4.0, 2)).collect();
    let header_lines = titles.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let mut y = y;
    for (c, lines) in titles.iter().enumerate().skip(1) {
        let right = x + first + col * c as f32 - 4.0;
        let top = y + (header_lines - lines.len()) as f32 * size * 1.2;
        for (k, line) in lines.iter().enumerate() {
            let at = Point::new(right, top + k as f32 * size * 1.2);
            scene.text(at, line.clone(), size, theme.text_muted, Align::End);
        }
    }
    y += (header_lines - 1) as f32 * size * 1.2;
    scene.line(
        vec![Point::new(x, y + line_h * 0.5), Point::new(x + w, y + line_h * 0.5)],
        Stroke::solid(0.7, theme.grid),
    );
    y += line_h;
    for cells in rows {
        for (c, cell) in cells.iter().enumerate() {
            if c == 0 {
                let label = fit(cell, size, first - 6.0);
                scene.text(Point::new(x, y), label, size, theme.text, Align::Start);
            } else {
                let right = x + first + col * c as f32 - 4.0;
                let number = fit(cell, size, col - 4.0);
                scene.text(Point::new(right, y), number, size, theme.text, Align::End);
            }
        }
        y += line_h;
    }
    y
}

/// A titled list of items (a long name wraps onto a second line), cut to the room
/// left with "… and N more"; or, when `elsewhere` says where the list is, only that.
fn list(
    scene: &mut Scene,
    theme: &Theme,
    (x, y, w, bottom): (f32, f32, f32, f32),
    (title, elsewhere): (&str, Option<&str>),
    lines: &[String],
    size: f32,
) {
    scene.bold_text(
        Point::new(x, y),
        fit(&format!("{title} ({})", lines.len()), size * 1.1, w),
        size * 1.1,
        theme.text,
        Align::Start,
    );
    let line_h = size * 1.45;
    let mut at = y + line_h * 1.3;
    let last = bottom - line_h;
    if let (Some(text), false) = (elsewhere, lines.is_empty()) {
        for line in wrap(text, size, w, 3) {
            scene.text(Point::new(x, at), line, size, theme.text_muted, Align::Start);
            at += line_h;
        }
        return;
    }
    for (i, line) in lines.iter().enumerate() {
        let wrapped = wrap(line, size, w - size, 2);
        let more_after = i + 1 < lines.len();
        // Keep a line for "… and N more" while more entries follow.
        if at + wrapped.len() as f32 * line_h > last - if more_after { line_h } else { 0.0 } {
            scene.text(
                Point::new(x, at),
                format!("… and {} more", lines.len() - i),
                size,
                theme.text_muted,
                Align::Start,
            );
            return;
        }
        for (k, part) in wrapped.into_iter().enumerate() {
            let indent = if k == 0 { 0.0 } else { size };
            scene.text(Point::new(x + indent, at), part, size, theme.text, Align::Start);
            at += line_h;
        }
    }
    if lines.is_empty() {
        scene.text(Point::new(x, at), "none", size, theme.text_muted, Align::Start);
    }
}

/// The summary in a `width` × `height` scene: the two tables on top, the three lists below.
pub fn verification_scene(catalogue: &Catalogue, profile: &Profile, theme: &Theme, width: f32, height: f32) -> Scene {
    verification_scene_with(catalogue, profile, theme, (width, height), None)
}

/// The summary, with the not-reported list replaced by `not_reported_elsewhere`
/// ("Listed on page 5"), as in the report, which lists them in full on their own page.
pub(crate) fn verification_scene_with(
    catalogue: &Catalogue,
    profile: &Profile,
    theme: &Theme,
    (width, height): (f32, f32),
    not_reported_elsewhere: Option<&str>,
) -> Scene {
    let mut scene = Scene::new(width, height, theme.background);
    let s = summary(catalogue, profile);
    let size = (width / 95.0).clamp(7.0, theme.label_px);
    // Side by side when there is room, else one under the other (A4 pages).
    let wide = width >= 900.0;
    let table_w = if wide { (width - 30.0) / 2.0 } else { width };
    let heading = |scene: &mut Scene, (x, y): (f32, f32), text: &str| {
        scene.bold_text(Point::new(x, y), text, size * 1.25, theme.text, Align::Start);
    };
    heading(&mut scene, (0.0, size), "KPI reporting and verification");
    let header: Vec<String> = ["", "items", "reported", "verified", "not verified", "no status"]
        .map(String::from)
        .to_vec();
    let rows = text_rows(&s.rows);
    let left = table(&mut scene, theme, (0.0, size * 3.0, table_w), &header, &rows, size);
    let (qx, qy) = if wide {
        (table_w + 30.0, size)
    } else {
        (0.0, left + size)
    };
    heading(&mut scene, (qx, qy), "Data quality of the reported values");
    let mut header: Vec<String> = vec![String::new()];
    header.extend(catalogue.dimensions.iter().map(|d| d.name.clone()));
    header.push("All".into());
    let rows = text_rows(&s.quality);
    let right = table(&mut scene, theme, (qx, qy + size * 2.0, table_w), &header, &rows, size);
    let top = left.max(right) + size * 1.5;
    lists(
        &mut scene,
        (catalogue, theme),
        (&s, not_reported_elsewhere),
        (top, width, height),
        size,
    );
    scene
}

/// The three lists under the tables: not reported, not verified, next steps.
fn lists(
    scene: &mut Scene,
    (catalogue, theme): (&Catalogue, &Theme),
    (s, not_reported_elsewhere): (&Summary, Option<&str>),
    (top, width, height): (f32, f32, f32),
    size: f32,
) {
    let third = (width - 40.0) / 3.0;
    let names = |ids: &[ItemId]| -> Vec<String> { ids.iter().map(|i| catalogue.item_label(*i)).collect() };
    list(
        scene,
        theme,
        (0.0, top, third, height),
        ("KPIs not reported", not_reported_elsewhere),
        &names(&s.not_reported),
        size,
    );
    list(
        scene,
        theme,
        (third + 20.0, top, third, height),
        ("KPIs not verified", None),
        &names(&s.not_verified),
        size,
    );
    let steps: Vec<String> = s
        .next_steps
        .iter()
        .map(|(i, b, p)| {
            let pct = p
                .map(|p| format!("{} %", crate::model::format_number(p.round())))
                .unwrap_or_else(|| b.label().to_string());
            format!("{pct} · {}", catalogue.item_label(*i))
        })
        .collect();
    list(
        scene,
        theme,
        (2.0 * (third + 20.0), top, third, height),
        ("Next steps: focus on", None),
        &steps,
        size,
    );
}
