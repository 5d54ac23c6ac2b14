//! The report's back matter: the KPIs not reported, then the data sources and
//! the method.

use super::super::figure::today;
use super::super::scene::{Align, Point, Scene, Stroke};
use super::super::text::{fit, wrap};
use super::super::theme::Theme;
use super::{A4, FOOTER, MARGIN, ReportInput, heading, page};
use crate::model::{ItemId, Value};

pub(super) fn not_reported_pages(input: &ReportInput<'_>) -> Vec<Scene> {
    let theme = input.theme;
    let missing: Vec<ItemId> = input
        .catalogue
        .items_in_order()
        .into_iter()
        .filter(|i| input.profile.items[i.index()].value() == Value::NotReported)
        .collect();
    let mut scene = page(theme);
    let mut y = heading(
        &mut scene,
        theme,
        MARGIN,
        &format!("Not reported ({} of {})", missing.len(), input.catalogue.items.len()),
    );
    if missing.is_empty() {
        scene.text(
            Point::new(MARGIN, y),
            "Every KPI and data point has a value.",
            9.0,
            theme.text,
            Align::Start,
        );
        return vec![scene];
    }
    let mut pages = Vec::new();
    let col_w = (A4.0 - 2.0 * MARGIN) / 2.0;
    let (top, line_h) = (y, 11.5);
    let mut col = 0;
    for item in missing {
        if y + line_h > A4.1 - FOOTER - 8.0 {
            if col == 0 {
                col = 1;
            } else {
                pages.push(std::mem::replace(&mut scene, page(theme)));
                col = 0;
            }
            y = top;
        }
        let text = format!(
            "{}  {}",
            input.catalogue.kpi_of(item).code,
            input.catalogue.item_label(item)
        );
        scene.text(
            Point::new(MARGIN + col as f32 * col_w, y),
            fit(&text, 7.5, col_w - 8.0),
            7.5,
            theme.text,
            Align::Start,
        );
        y += line_h;
    }
    pages.push(scene);
    pages
}

/// Wrapped paragraphs down report pages, from `y`, onto a new page when one is full.
struct Paragraphs<'t> {
    theme: &'t Theme,
    pages: Vec<Scene>,
    y: f32,
}

impl Paragraphs<'_> {
    fn scene(&mut self) -> &mut Scene {
        if self.pages.is_empty() {
            self.pages.push(page(self.theme));
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a new page when `height` more does not fit on this one.
    fn room_for(&mut self, height: f32) {
        if self.y + height > A4.1 - FOOTER - 8.0 {
            self.pages.push(page(self.theme));
            self.y = MARGIN;
        }
    }

    fn add(&mut self, text: &str, size: f32, color: crate::chart::Color) {
        for line in wrap(text, size, A4.0 - 2.0 * MARGIN, 12) {
            self.room_for(size * 1.45);
            let y = self.y;
            self.scene()
                .text(Point::new(MARGIN, y), line, size, color, Align::Start);
            self.y += size * 1.45;
        }
    }

    fn heading(&mut self, text: &str) {
        self.room_for(22.0 + 8.0 * 1.45 * 2.0);
        let (theme, y) = (self.theme, self.y);
        self.y = heading(self.scene(), theme, y, text);
    }
}

/// The data sources with their number of values, in order of first use.
fn data_sources(input: &ReportInput<'_>) -> Vec<(String, usize)> {
    let mut sources: Vec<(String, usize)> = Vec::new();
    for score in input.profile.items.iter().filter(|s| s.value() != Value::NotReported) {
        let Some(obs) = &score.observation else { continue };
        let source = obs.source().map_or_else(
            || format!("{} (no source column)", input.dataset.origin(obs).file),
            str::to_string,
        );
        match sources.iter_mut().find(|(s, _)| *s == source) {
            Some(entry) => entry.1 += 1,
            None => sources.push((source, 1)),
        }
    }
    sources
}

const METHOD: &str = "Each KPI or data point is compared with its target: % of target = value / target when higher is better, target / value when lower is better, 1 − |value − target| / target when closest is best, clamped to 0-100. Bands: 0-33 % (1 point), 33-66 % (2), 66-95 % (3), 95 % and above (4); a band includes its lower edge. Aggregates sum the points over 4 × the number of scored items (U4SSC method). Not reported items and items without a benchmark are left out of the points but counted.";

const DERIVED_METHOD: &str = "Derived targets (opt-in, SDSN Sustainable Development Report method): where no target exists, the target is the mean of the 5 best values among the cities (each city's latest value in or before the year; at least 5 cities), and the worst value (0 % of target) is the 2.5th percentile counted from the bad end; % of target runs linearly between them.";
const U4SSC_METHOD: &str = "Items with a band assigned by U4SSC verification are scored with that band's points, even where a target gives another band (the validation report lists such differences).";

/// The data sources, every target source in full (the table shortens them), and
/// the method; on as many pages as they take.
pub(super) fn sources_pages(input: &ReportInput<'_>) -> Vec<Scene> {
    let theme = input.theme;
    let mut text = Paragraphs {
        theme,
        pages: Vec::new(),
        y: MARGIN,
    };
    text.heading("Data sources");
    let sources = data_sources(input);
    if sources.is_empty() {
        text.add("No value is reported for this city and year.", 8.5, theme.text);
    }
    for (source, n) in &sources {
        text.add(
            &format!("{source}  ({n} value{})", if *n == 1 { "" } else { "s" }),
            8.0,
            theme.text,
        );
    }
    text.y += 8.0;
    text.heading("Targets");
    text.add(&format!("In force: {}.", input.profile.targets), 8.0, theme.text);
    let coverage = input.profile.coverage();
    text.add(&format!("Scored: {}.", coverage.summary()), 8.0, theme.text);
    let mut targets: Vec<&str> = Vec::new();
    for t in input.profile.items.iter().filter_map(|s| s.target.as_ref()) {
        if !targets.contains(&t.source.as_str()) {
            targets.push(&t.source);
        }
    }
    for source in &targets {
        text.add(source, 7.5, theme.text);
    }
    text.y += 8.0;
    text.heading("Method");
    text.add(METHOD, 8.0, theme.text);
    if coverage.derived > 0 {
        text.add(DERIVED_METHOD, 8.0, theme.text);
    }
    if coverage.u4ssc > 0 {
        text.add(U4SSC_METHOD, 8.0, theme.text);
    }
    text.y += 6.0;
    let generated = format!(
        "Generated on {} with cityprofile {}.",
        today(),
        env!("CARGO_PKG_VERSION")
    );
    text.add(&generated, 8.0, theme.text_muted);
    text.room_for(6.0);
    let y = text.y + 4.0;
    text.scene().line(
        vec![Point::new(MARGIN, y), Point::new(A4.0 - MARGIN, y)],
        Stroke::solid(0.5, theme.grid),
    );
    text.pages
}
