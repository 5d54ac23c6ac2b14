//! The index's ranking chart as a file (PNG, SVG, PDF) and the ranking table as
//! CSV, written atomically; what `cityprofile index --chart` and the app's Index
//! view export.

use std::path::Path;

use super::files::write_atomic;
use super::index_out::{INDEX_LABEL, IndexRun};
use super::{ExportError, Format};
use crate::chart::figure::{FigureText, figure, today};
use crate::chart::ranking::{RankingChart, ranking_overview};
use crate::chart::{Scene, Theme};
use crate::model::CityId;
use crate::render::{SvgOptions, render_pdf, render_png, scene_to_svg};

/// How the ranking chart is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct RankingSpec {
    /// `None` = the index; `Some(d)` = dimension `d`.
    pub level: Option<usize>,
    pub focus: Option<CityId>,
    pub by_median: bool,
    pub format: Format,
    pub width: f32,
    pub height: f32,
    pub dark: bool,
    pub chart_only: bool,
    /// PNG pixels per unit.
    pub scale: f32,
}

impl RankingSpec {
    /// A 16:9 light chart of the index in `format`.
    pub fn new(format: Format) -> RankingSpec {
        RankingSpec {
            level: None,
            focus: None,
            by_median: false,
            format,
            width: 1920.0,
            height: 1080.0,
            dark: false,
            chart_only: false,
            scale: 1.0,
        }
    }
}

/// The format a file name asks for (`.png`, `.svg`, `.pdf`).
pub fn format_of(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "png" => Some(Format::Png),
        "svg" => Some(Format::Svg),
        "pdf" => Some(Format::Pdf),
        _ => None,
    }
}

impl IndexRun {
    /// Title, settings and sources around the chart.
    fn figure_text(&self, level: Option<usize>) -> FigureText {
        let ranked = self.nominal.cities.iter().filter(|c| c.rank.is_some()).count();
        let what = level
            .and_then(|d| self.input.dimension_names.get(d))
            .map_or(String::new(), |d| format!(" · {d}"));
        let year = self
            .year
            .map_or("each city's latest year".to_string(), |y| y.to_string());
        let s = &self.settings;
        let runs = match &self.uncertainty {
            Some(u) => format!(
                "{} runs, seed {}, weights ±{:.0} %, {} methods",
                u.settings.runs,
                u.settings.seed,
                100.0 * u.settings.spread,
                u.settings.alternatives.len()
            ),
            None => "no uncertainty analysis".into(),
        };
        let varied = self.uncertainty.as_ref().map_or(String::new(), |u| {
            let list: Vec<String> = u.settings.alternatives.iter().map(|m| m.key()).collect();
            format!("Methods varied: {}. ", list.join(", "))
        });
        FigureText {
            title: format!("{INDEX_LABEL}: {ranked} cities ranked{what}"),
            subtitle: format!(
                "{year} · {} · {} + {}, weights {} · {runs}",
                self.group,
                s.method.normalisation.label(),
                s.method.aggregation.key(),
                self.weights_source
            ),
            source: format!(
                "Targets: {}. {varied}U4SSC publishes no index: this is a composite built on its KPIs. Ranks 2-3 places apart are not meaningfully different (JRC audit of the SDG Index). Made with cityprofile, {}.",
                self.target_set,
                today()
            ),
        }
    }

    /// The framed chart (or the chart alone).
    pub fn ranking_scene(&self, spec: &RankingSpec) -> Scene {
        let base = if spec.dark { Theme::dark() } else { Theme::light() };
        let theme = base.scaled((spec.width.min(spec.height) / 800.0).clamp(1.0, 2.0));
        let text = (!spec.chart_only).then(|| self.figure_text(spec.level));
        let chart = RankingChart {
            result: &self.nominal,
            uncertainty: self.uncertainty.as_ref(),
            level: spec.level,
            focus: spec.focus,
            by_median: spec.by_median,
        };
        let names = &self.input.dimension_names;
        figure(&theme, spec.width, spec.height, text.as_ref(), |w, h| {
            ranking_overview(&chart, names, &theme, (w, h))
        })
    }

    /// The file's bytes.
    pub fn render_ranking(&self, spec: &RankingSpec) -> Result<Vec<u8>, ExportError> {
        if !(100.0..=16_000.0).contains(&spec.width) || !(100.0..=16_000.0).contains(&spec.height) {
            return Err(ExportError::Size {
                width: spec.width,
                height: spec.height,
            });
        }
        let scene = self.ranking_scene(spec);
        Ok(match spec.format {
            Format::Svg => scene_to_svg(
                &scene,
                SvgOptions {
                    transparent: false,
                    embed_font: true,
                },
            )
            .into_bytes(),
            Format::Png => render_png(&scene, spec.scale, false)?,
            Format::Pdf => render_pdf(&[scene], INDEX_LABEL)?,
        })
    }

    /// Writes the chart to `path` (atomically).
    pub fn export_ranking(&self, spec: &RankingSpec, path: &Path) -> Result<(), ExportError> {
        write_atomic(path, &self.render_ranking(spec)?)
    }

    /// Writes the ranking table as CSV to `path` (atomically).
    pub fn export_csv(&self, path: &Path) -> Result<(), ExportError> {
        let mut bytes = Vec::new();
        self.write_csv(&mut bytes).map_err(|e| ExportError::Write {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        write_atomic(path, &bytes)
    }
}
