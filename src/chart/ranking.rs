//! The composite index's ranking, JRC/COINr style: one row per city sorted by its
//! nominal rank (or its median rank), rank 1 on the left; a dot at the median rank
//! over the Monte Carlo runs, a whisker over the 5-95 % interval, a hollow tick at
//! the nominal rank; the focus city highlighted. Many cities become a dense
//! band whose width shows where ranks are uncertain.

use super::scene::{Align, Color, Hit, HitArea, HitRegion, Point, Rect, Scene, Stroke};
use super::text::{fit, text_width};
use super::theme::Theme;
use crate::model::{CityId, format_number};
use crate::score::index::{IndexResult, RankStats, UncertaintyResult};

/// What to draw.
#[derive(Debug, Clone, Copy)]
pub struct RankingChart<'a> {
    pub result: &'a IndexResult,
    pub uncertainty: Option<&'a UncertaintyResult>,
    /// `None` = the index; `Some(d)` = dimension `d`.
    pub level: Option<usize>,
    pub focus: Option<CityId>,
    /// Sort by median rank instead of nominal rank.
    pub by_median: bool,
}

/// One row: a ranked city.
struct Row<'a> {
    city: CityId,
    name: &'a str,
    rank: u32,
    score: f64,
    stats: Option<&'a RankStats>,
}

impl RankingChart<'_> {
    fn rows(&self) -> Vec<Row<'_>> {
        let mut rows: Vec<Row<'_>> = self
            .result
            .cities
            .iter()
            .enumerate()
            .filter(|(_, c)| c.rank.is_some())
            .filter_map(|(i, c)| {
                let (score, rank) = match self.level {
                    None => (c.score?, c.rank?),
                    Some(d) => (c.dimensions.get(d)?.score?, c.dimensions.get(d)?.rank?),
                };
                let stats = self.uncertainty.and_then(|u| match self.level {
                    None => u.index.get(i)?.as_ref(),
                    Some(d) => u.dimensions.get(d)?.get(i)?.as_ref(),
                });
                Some(Row {
                    city: c.city,
                    name: &c.name,
                    rank,
                    score,
                    stats,
                })
            })
            .collect();
        let median = |r: &Row<'_>| r.stats.map_or(f64::from(r.rank), |s| s.median);
        if self.by_median {
            rows.sort_by(|a, b| median(a).total_cmp(&median(b)).then(a.rank.cmp(&b.rank)));
        } else {
            rows.sort_by_key(|r| r.rank);
        }
        rows
    }
}

/// Colours of the marks (not band colours: a rank is not a band).
fn median_color(theme: &Theme) -> Color {
    if theme.dark {
        Color::hex(0x6FB1F0)
    } else {
        Color::hex(0x1B6FB5)
    }
}

/// A "nice" tick step for `n` ranks: about 6 ticks.
fn tick_step(n: u32) -> u32 {
    let raw = (f64::from(n) / 6.0).max(1.0);
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(raw);
    step as u32
}

/// The ranking chart in a `width` × `height` scene.
pub fn ranking_scene(chart: &RankingChart<'_>, theme: &Theme, size: (f32, f32)) -> Scene {
    draw(chart, theme, size, true)
}

/// Where things go: row height, label column, the rank scale.
struct Layout {
    px: f32,
    top: f32,
    row_h: f32,
    /// Whether every row has its name (else only the focus city).
    labelled: bool,
    label_w: f32,
    width: f32,
    x0: f32,
    x1: f32,
    /// The largest rank on the scale.
    n: u32,
}

impl Layout {
    fn new(rows: &[Row<'_>], theme: &Theme, (width, height): (f32, f32)) -> Layout {
        let px = theme.small_px;
        // Rows as tall as the space allows, up to a comfortable table row.
        let row_h = ((height - px * 4.6) / rows.len() as f32).min(px * 3.2);
        let labelled = row_h >= px * 1.15;
        let label_w = if labelled {
            let names = rows.iter().map(|r| text_width(&format!("{}  {}", r.rank, r.name), px));
            names.fold(0.0, f32::max).min(width * 0.35) + 8.0
        } else {
            px * 4.0
        };
        let score_w = if labelled { px * 4.0 } else { 0.0 };
        let worst = rows.iter().filter_map(|r| r.stats.map(|s| s.max));
        let n = rows.iter().map(|r| r.rank).chain(worst).max().unwrap_or(1);
        Layout {
            px,
            top: px * 2.2,
            row_h,
            labelled,
            label_w,
            width,
            x0: label_w + px,
            x1: width - score_w - px,
            n,
        }
    }

    fn x_of(&self, rank: f64) -> f32 {
        if self.n <= 1 {
            (self.x0 + self.x1) / 2.0
        } else {
            self.x0 + (rank as f32 - 1.0) / (self.n - 1) as f32 * (self.x1 - self.x0)
        }
    }

    fn bottom(&self, rows: usize) -> f32 {
        self.top + self.row_h * rows as f32
    }
}

fn draw(chart: &RankingChart<'_>, theme: &Theme, (width, height): (f32, f32), with_legend: bool) -> Scene {
    let mut scene = Scene::new(width, height, theme.background);
    let rows = chart.rows();
    if rows.is_empty() {
        let text = "No city can be ranked: see the list of cities not ranked and why";
        let centre = Point::new(width / 2.0, height / 2.0);
        scene.text(centre, text, theme.label_px, theme.text_muted, Align::Middle);
        return scene;
    }
    let layout = Layout::new(&rows, theme, (width, height));
    let x_of = |rank: f64| layout.x_of(rank);
    axis(
        &mut scene,
        theme,
        layout.n,
        &x_of,
        layout.top,
        layout.bottom(rows.len()),
    );
    for (i, row) in rows.iter().enumerate() {
        row_ui(&mut scene, theme, &layout, (i, row), chart.focus == Some(row.city));
    }
    if with_legend {
        let legend_y = layout.bottom(rows.len()) + layout.px * 1.2;
        legend(&mut scene, theme, chart.uncertainty.map(|u| u.settings.runs), legend_y);
    }
    scene
}

/// One city's row: highlight, marks, name and score, hit region.
fn row_ui(scene: &mut Scene, theme: &Theme, layout: &Layout, (i, row): (usize, &Row<'_>), focus: bool) {
    let (px, row_h) = (layout.px, layout.row_h);
    let y = layout.top + (i as f32 + 0.5) * row_h;
    if focus {
        let h = row_h.max(3.0);
        let band = Rect::from_xywh(0.0, y - h / 2.0, layout.width, h);
        // Thin rows need a stronger highlight to be seen at all.
        let alpha = if layout.labelled { 36 } else { 110 };
        scene.rect(band, theme.selection.with_alpha(alpha), None);
    }
    marks(scene, theme, row, y, row_h, &|r| layout.x_of(r));
    let name = format!("{}  {}", row.rank, row.name);
    if layout.labelled {
        let text = fit(&name, px, layout.label_w - 8.0);
        scene.text_weighted(
            Point::new(layout.label_w - 4.0, y),
            text,
            px,
            theme.text,
            Align::End,
            focus,
        );
        let score = format!("{:.1}", row.score);
        scene.text(
            Point::new(layout.width - 2.0, y),
            score,
            px,
            theme.text_muted,
            Align::End,
        );
    } else if focus {
        let right = layout.x_of(f64::from(row.rank)) < (layout.x0 + layout.x1) / 2.0;
        let (x, align) = if right {
            (layout.x1, Align::End)
        } else {
            (layout.x0, Align::Start)
        };
        scene.bold_text(Point::new(x, y - px * 0.8), name, px, theme.text, align);
    }
    scene.hits.push(HitRegion {
        hit: Hit::City(row.city),
        area: HitArea::Rect(Rect::from_xywh(0.0, y - row_h / 2.0, layout.width, row_h.max(1.0))),
        label: row.name.to_string(),
        value: describe(row),
    });
}

/// The rank axis above the rows: ticks, numbers, grid lines.
fn axis(scene: &mut Scene, theme: &Theme, n: u32, x_of: &dyn Fn(f64) -> f32, top: f32, bottom: f32) {
    let px = theme.small_px;
    let step = tick_step(n);
    let mut ticks: Vec<u32> = vec![1];
    ticks.extend((1..=n / step).map(|k| k * step).filter(|&t| t > 1));
    for t in ticks {
        let x = x_of(f64::from(t));
        scene.line(
            vec![Point::new(x, top), Point::new(x, bottom)],
            Stroke::solid(0.6, theme.grid),
        );
        scene.text(
            Point::new(x, top - px * 0.8),
            t.to_string(),
            px,
            theme.text_muted,
            Align::Middle,
        );
    }
    // The caption left of the first tick, where the city names are (else the legend says it).
    let label = "rank (1 = best)";
    let first = x_of(1.0) - px * 1.2;
    if text_width(label, px) < first {
        scene.text(
            Point::new(first, top - px * 0.8),
            label,
            px,
            theme.text_muted,
            Align::End,
        );
    }
}

fn marks(scene: &mut Scene, theme: &Theme, row: &Row<'_>, y: f32, row_h: f32, x_of: &dyn Fn(f64) -> f32) {
    let px = theme.small_px;
    let size = (row_h * 0.3).clamp(1.0, px * 0.45);
    if let Some(s) = row.stats {
        let width = (row_h * 0.22).clamp(0.6, px * 0.22);
        let stroke = Stroke::solid(width, theme.text_muted);
        scene.line(
            vec![Point::new(x_of(s.q05) - 0.3, y), Point::new(x_of(s.q95) + 0.3, y)],
            stroke,
        );
        scene.shapes.push(super::scene::Shape::Circle {
            centre: Point::new(x_of(s.median), y),
            radius: size,
            fill: median_color(theme),
            stroke: None,
        });
    }
    // The nominal rank: a hollow upright tick.
    let x = x_of(f64::from(row.rank));
    let h = (row_h * 0.8).clamp(2.0, px * 1.5);
    let tick = Rect::from_xywh(x - size * 0.45, y - h / 2.0, size * 0.9, h);
    scene.rect(
        tick,
        Color::TRANSPARENT,
        Some(Stroke::solid((size * 0.3).clamp(0.6, 1.4), theme.text)),
    );
}

fn describe(row: &Row<'_>) -> String {
    let mut text = format!("rank {}, score {:.1}", row.rank, row.score);
    if let Some(s) = row.stats {
        text.push_str(&format!(
            "; median rank {}, 5-95 % of runs {}-{}, top 3 in {:.0} % of runs",
            format_number(s.median),
            format_number(s.q05),
            format_number(s.q95),
            100.0 * s.p_top3
        ));
        if let Some(d) = &s.driver {
            text.push_str(&format!(
                "; most of its variation comes from the {} ({:.0} %)",
                d.input,
                100.0 * d.share
            ));
        }
    }
    text
}

/// What the marks mean, at the bottom.
fn legend(scene: &mut Scene, theme: &Theme, runs: Option<usize>, y: f32) {
    let px = theme.small_px;
    let mut x = 4.0;
    let entry = |scene: &mut Scene, x: &mut f32, text: String| {
        scene.text(Point::new(*x, y), text.clone(), px, theme.text_muted, Align::Start);
        *x += text_width(&text, px) + px * 2.0;
    };
    if let Some(runs) = runs {
        scene.shapes.push(super::scene::Shape::Circle {
            centre: Point::new(x + 4.0, y),
            radius: 4.0,
            fill: median_color(theme),
            stroke: None,
        });
        x += 12.0;
        entry(scene, &mut x, format!("median rank over {runs} runs"));
        scene.line(
            vec![Point::new(x, y), Point::new(x + 18.0, y)],
            Stroke::solid(2.0, theme.text_muted),
        );
        x += 24.0;
        entry(scene, &mut x, "5-95 % of runs".into());
    }
    let tick = Rect::from_xywh(x + 2.0, y - 6.0, 4.0, 12.0);
    scene.rect(tick, Color::TRANSPARENT, Some(Stroke::solid(1.2, theme.text)));
    x += 12.0;
    let nominal = if runs.is_some() {
        "nominal rank (1 = best)"
    } else {
        "rank, 1 = best (uncertainty not run)"
    };
    entry(scene, &mut x, nominal.into());
}

/// The index ranking above, and when there is room, the same for each dimension
/// side by side below it (named by `dimensions`).
pub fn ranking_overview(
    chart: &RankingChart<'_>,
    dimensions: &[String],
    theme: &Theme,
    (width, height): (f32, f32),
) -> Scene {
    let rows = chart.rows().len();
    let px = theme.small_px;
    // The dimensions below only when each can have a readable column.
    let room = height >= px * 40.0 && width >= px * 75.0;
    if chart.level.is_some() || dimensions.is_empty() || rows == 0 || !room {
        return ranking_scene(chart, theme, (width, height));
    }
    let mut scene = Scene::new(width, height, theme.background);
    // The index gets what its rows need, up to 55 %; the dimensions share the rest.
    let needed = px * 4.6 + rows as f32 * px * 3.2;
    let top = needed.min(height * 0.55);
    scene.place(ranking_scene(chart, theme, (width, top)), 0.0, 0.0);
    let gap = px * 2.0;
    let title_h = px * 2.4;
    let panel_w = (width - gap * (dimensions.len() - 1) as f32) / dimensions.len() as f32;
    let panel_h = height - top - gap - title_h;
    for (d, name) in dimensions.iter().enumerate() {
        let x = d as f32 * (panel_w + gap);
        let y = top + gap;
        let title = fit(&format!("{name}: rank"), px * 1.2, panel_w);
        scene.bold_text(Point::new(x, y + px * 0.8), title, px * 1.2, theme.text, Align::Start);
        let level = RankingChart {
            level: Some(d),
            ..*chart
        };
        // One legend (the index's) is enough; the rows above are what the
        // pointer and screen readers find (one region per city).
        let mut panel = draw(&level, theme, (panel_w, panel_h), false);
        panel.hits.clear();
        scene.place(panel, x, y + title_h);
    }
    scene
}
