//! The city profile report: A4 pages as scenes (cover with the wheel and the
//! dimension scores, the largest target gaps, every KPI and data point, the
//! not-reported list, sources and method), each with a numbered footer.

mod back;

use back::{not_reported_pages, sources_pages};

use super::gaps::{GapsOptions, gaps_scene};
use super::legend::{Look, swatch_shapes};
use super::scene::{Align, Point, Rect, Scene};
use super::table::{Table, TableStyle};
use super::text::{fit, wrap};
use super::theme::Theme;
use super::wheel::{WheelOptions, wheel_scene};
use crate::model::{Catalogue, City, Dataset};
use crate::score::{AggregateScore, Profile};

/// A4 in points.
pub const A4: (f32, f32) = (595.0, 842.0);
const MARGIN: f32 = 42.0;
const FOOTER: f32 = 28.0;

/// Everything the report is made from.
pub(crate) struct ReportInput<'a> {
    pub catalogue: &'a Catalogue,
    pub dataset: &'a Dataset,
    pub city: &'a City,
    pub profile: &'a Profile,
    pub theme: &'a Theme,
}

fn page(theme: &Theme) -> Scene {
    Scene::new(A4.0, A4.1, theme.background)
}

fn heading(scene: &mut Scene, theme: &Theme, y: f32, text: &str) -> f32 {
    scene.text(Point::new(MARGIN, y), text, 15.0, theme.text, Align::Start);
    y + 22.0
}

/// All pages, footers numbered.
pub(crate) fn report_pages(input: &ReportInput<'_>) -> Vec<Scene> {
    let mut pages = vec![cover(input), gaps_page(input)];
    pages.extend(table_pages(input));
    // The verification page points to the full list instead of repeating it cut short.
    let listed_on = pages.len() + 1;
    pages.extend(not_reported_pages(input));
    pages.push(verification_page(input, listed_on));
    pages.extend(sources_pages(input));
    let total = pages.len();
    let year = input.profile.year.map(|y| format!(" {y}")).unwrap_or_default();
    for (i, scene) in pages.iter_mut().enumerate() {
        let y = A4.1 - FOOTER / 2.0 - 6.0;
        let left = fit(
            &format!("{} · U4SSC KPI profile{year}", input.city.name),
            8.0,
            A4.0 / 2.0,
        );
        scene.text(Point::new(MARGIN, y), left, 8.0, input.theme.text_muted, Align::Start);
        scene.text(
            Point::new(A4.0 - MARGIN, y),
            format!("Page {} of {total}", i + 1),
            8.0,
            input.theme.text_muted,
            Align::End,
        );
    }
    pages
}

fn cover(input: &ReportInput<'_>) -> Scene {
    let (theme, city, profile) = (input.theme, input.city, input.profile);
    let mut scene = page(theme);
    let mut y = cover_title(&mut scene, input);
    let side = A4.0 - 2.0 * MARGIN;
    let wheel = wheel_scene(
        input.catalogue,
        profile,
        city,
        theme,
        side,
        side * 0.98,
        &WheelOptions::default(),
    );
    scene.place(wheel, MARGIN, y);
    y += side * 0.98 + 8.0;
    y = heading(&mut scene, theme, y, "Scores by dimension and sub-dimension");
    y = aggregate_header(&mut scene, theme, y);
    let mut rows: Vec<(&AggregateScore, bool)> = vec![(&profile.overall, true)];
    for (d, dim) in input.catalogue.dimensions.iter().enumerate() {
        rows.push((&profile.dimensions[d], true));
        rows.extend(dim.subdimensions.iter().map(|s| (&profile.subdimensions[s.0], false)));
    }
    let row_h = ((A4.1 - FOOTER - 10.0 - y) / rows.len() as f32).min(14.0);
    for (agg, strong) in rows {
        aggregate_row(&mut scene, theme, y, row_h, agg, strong);
        y += row_h;
    }
    scene
}

/// The city's name, the year, and its facts (country, population, FICTIONAL);
/// returns where the page goes on.
fn cover_title(scene: &mut Scene, input: &ReportInput<'_>) -> f32 {
    let (theme, city) = (input.theme, input.city);
    let width = A4.0 - 2.0 * MARGIN;
    let mut y = MARGIN + 10.0;
    scene.text(
        Point::new(MARGIN, y),
        fit(&city.name, 26.0, width),
        26.0,
        theme.text,
        Align::Start,
    );
    y += 26.0;
    let year = input
        .profile
        .year
        .map_or_else(|| "no year given".to_string(), |y| y.to_string());
    let subtitle = format!("U4SSC key performance indicators (ITU-T Y.4903), {year}");
    scene.text(Point::new(MARGIN, y), subtitle, 11.0, theme.text_muted, Align::Start);
    y += 16.0;
    let mut facts: Vec<String> = city.country.iter().cloned().collect();
    if let Some(p) = city.population_text() {
        facts.push(format!("population {p}"));
    }
    if city.fictional {
        facts.push("FICTIONAL demonstration data, not a real city".into());
    }
    if !facts.is_empty() {
        let color = if city.fictional {
            theme.selection
        } else {
            theme.text_muted
        };
        // Wrapped, not cut: the population's source note can be long.
        let lines = wrap(&facts.join(" · "), 10.0, width, 3);
        let extra = lines.len().saturating_sub(1) as f32 * 13.0;
        for (k, line) in lines.into_iter().enumerate() {
            scene.text(Point::new(MARGIN, y + k as f32 * 13.0), line, 10.0, color, Align::Start);
        }
        return y + 10.0 + extra;
    }
    y + 10.0
}

/// Columns of the score table on the cover: name, score, band, points, counts.
const SCORE_COLUMNS: [f32; 4] = [200.0, 262.0, 330.0, 395.0];

fn aggregate_header(scene: &mut Scene, theme: &Theme, y: f32) -> f32 {
    let x = |i: usize| MARGIN + SCORE_COLUMNS[i];
    for (i, title) in ["Score", "Band", "Points"].iter().enumerate() {
        scene.text(Point::new(x(i), y), *title, 7.5, theme.text_muted, Align::Start);
    }
    scene.text(
        Point::new(A4.0 - MARGIN, y),
        "Scored / reported / all",
        7.5,
        theme.text_muted,
        Align::End,
    );
    y + 11.0
}

fn aggregate_row(scene: &mut Scene, theme: &Theme, y: f32, h: f32, agg: &AggregateScore, strong: bool) {
    let font = (h * 0.62).min(9.0);
    let mid = y + h / 2.0;
    let x = |i: usize| MARGIN + SCORE_COLUMNS[i];
    let indent = if strong { 0.0 } else { 12.0 };
    let name_color = if strong { theme.text } else { theme.text_muted };
    scene.text(
        Point::new(MARGIN + indent, mid),
        fit(&agg.name, font, SCORE_COLUMNS[0] - indent - 8.0),
        font,
        name_color,
        Align::Start,
    );
    let look = match agg.band {
        Some(b) if agg.is_thin() => Look::Thin(Some(b)),
        Some(b) => Look::Band(b),
        None if agg.reported > 0 => Look::NoBenchmark,
        None => Look::NotReported,
    };
    swatch_shapes(scene, theme, Rect::from_xywh(x(0), mid - font / 2.0, font, font), look);
    let score_ink = if agg.is_thin() { theme.text_muted } else { theme.text };
    let (score, band, points) = match (agg.score_pct, agg.band) {
        // Too few items for a headline: the number in grey, and what it rests on.
        (Some(p), Some(_)) if agg.is_thin() => (
            super::describe::pct_text(p),
            super::describe::rests_on(agg),
            String::new(),
        ),
        (Some(p), Some(b)) => (
            super::describe::pct_text(p),
            format!("{} %", b.key()),
            format!("{} of {}", agg.points, agg.max_points),
        ),
        _ if agg.reported > 0 => ("–".into(), "no benchmark".into(), String::new()),
        _ => ("–".into(), "not reported".into(), String::new()),
    };
    scene.text(Point::new(x(0) + font + 5.0, mid), score, font, score_ink, Align::Start);
    scene.text(Point::new(x(1), mid), band, font, score_ink, Align::Start);
    scene.text(Point::new(x(2), mid), points, font, theme.text, Align::Start);
    let counts = format!("{} / {} / {}", agg.scored, agg.reported, agg.total);
    scene.text(
        Point::new(A4.0 - MARGIN, mid),
        counts,
        font,
        theme.text_muted,
        Align::End,
    );
}

/// The verification summary: reporting, verification and data quality per
/// dimension, the items not verified, and the next steps.
fn verification_page(input: &ReportInput<'_>, not_reported_page: usize) -> Scene {
    let theme = input.theme;
    let mut scene = page(theme);
    let y = heading(&mut scene, theme, MARGIN, "Verification summary");
    let (w, h) = (A4.0 - 2.0 * MARGIN, A4.1 - y - FOOTER - 16.0);
    let elsewhere = format!("Listed on page {not_reported_page}.");
    let summary = crate::chart::verification::verification_scene_with(
        input.catalogue,
        input.profile,
        theme,
        (w, h),
        Some(&elsewhere),
    );
    scene.place(summary, MARGIN, y);
    scene
}

fn gaps_page(input: &ReportInput<'_>) -> Scene {
    let theme = input.theme;
    let mut scene = page(theme);
    let y = heading(&mut scene, theme, MARGIN, "Largest target gaps (worst first)");
    let height = A4.1 - FOOTER - y - 6.0;
    let opts = GapsOptions {
        height: Some(height),
        marks: true,
        ..GapsOptions::default()
    };
    let small = Theme {
        label_px: 8.0,
        small_px: 7.5,
        ..*theme
    };
    let chart = gaps_scene(input.catalogue, input.profile, &small, A4.0 - 2.0 * MARGIN, &opts);
    scene.place(chart, MARGIN, y);
    scene
}

fn table_pages(input: &ReportInput<'_>) -> Vec<Scene> {
    let theme = input.theme;
    let style = TableStyle {
        row_h: 12.5,
        font_px: 6.8,
    };
    let room = A4.1 - FOOTER - (MARGIN + 22.0) - 8.0;
    let table = Table::new(input.catalogue, input.profile, A4.0 - 2.0 * MARGIN, style);
    table
        .pages(room, room)
        .into_iter()
        .enumerate()
        .map(|(i, rows)| {
            let mut scene = page(theme);
            let title = if i == 0 {
                "Every KPI and data point".to_string()
            } else {
                "Every KPI and data point (continued)".to_string()
            };
            let y = heading(&mut scene, theme, MARGIN, &title);
            scene.place(table.scene(theme, rows), MARGIN, y);
            scene
        })
        .collect()
}

#[cfg(test)]
mod fit_tests;
