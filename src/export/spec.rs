//! What an export is asked for: the chart, the file format, the size (presets
//! for slides and pages) and the options, as the export dialog remembers them.

use crate::model::{CityId, ItemId};
pub use crate::request::ChartKind;
use crate::request::{ChartRequest, ViewSettings};
use crate::score::Overrides;

/// File format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Format {
    Png,
    Svg,
    Pdf,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Pdf => "pdf",
        }
    }
}

/// Named sizes (scene units: pixels for PNG/SVG, points for PDF).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Preset {
    /// 1920 × 1080.
    Wide,
    /// 1600 × 1200.
    Standard,
    /// A4 portrait, 595 × 842.
    A4,
    /// A4 landscape, 842 × 595.
    A4Landscape,
    /// 1080 × 1080.
    Square,
}

impl Preset {
    pub const ALL: [Preset; 5] = [
        Preset::Wide,
        Preset::Standard,
        Preset::A4,
        Preset::A4Landscape,
        Preset::Square,
    ];

    pub fn size(self) -> (f32, f32) {
        match self {
            Preset::Wide => (1920.0, 1080.0),
            Preset::Standard => (1600.0, 1200.0),
            Preset::A4 => (595.0, 842.0),
            Preset::A4Landscape => (842.0, 595.0),
            Preset::Square => (1080.0, 1080.0),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Preset::Wide => "16:9 (1920 × 1080)",
            Preset::Standard => "4:3 (1600 × 1200)",
            Preset::A4 => "A4 portrait",
            Preset::A4Landscape => "A4 landscape",
            Preset::Square => "Square (1080 × 1080)",
        }
    }
}

/// Everything an export needs besides the data.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ExportSpec {
    pub chart: ChartKind,
    pub format: Format,
    pub width: f32,
    pub height: f32,
    /// PNG pixels per scene unit (1-4, or any DPI / 96).
    pub scale: f32,
    pub dark: bool,
    pub transparent: bool,
    /// Leave out title, legend and source.
    pub chart_only: bool,
    /// `None`: the city's latest year.
    pub year: Option<i32>,
    /// The cities of a comparison (the first is the city exported).
    #[serde(skip)]
    pub cities: Vec<CityId>,
    /// The KPI or data point of a trend chart.
    #[serde(skip)]
    pub kpi: Option<ItemId>,
    /// Data-quality and verification marks on the wheel and the gaps.
    #[serde(default = "marks_on")]
    pub marks: bool,
    /// The view's settings (ring choice, focus, filters, peer group, layout):
    /// the view it was opened from, so the file shows what the screen showed.
    /// Not remembered between runs: a new session starts from its own view.
    #[serde(skip)]
    pub view: ViewSettings,
    /// Hypothetical values of one city (the what-if panel's): that city's
    /// export shows them, marked; every other city's shows its data.
    #[serde(skip)]
    pub whatif: Option<(CityId, Overrides)>,
}

fn marks_on() -> bool {
    true
}

impl Default for ExportSpec {
    fn default() -> Self {
        let (width, height) = Preset::Wide.size();
        ExportSpec {
            chart: ChartKind::Wheel,
            format: Format::Png,
            width,
            height,
            scale: 1.0,
            dark: false,
            transparent: false,
            chart_only: false,
            year: None,
            cities: Vec::new(),
            kpi: None,
            marks: true,
            view: ViewSettings::default(),
            whatif: None,
        }
    }
}

impl ExportSpec {
    /// The chart this spec asks for, of `city`: the view's settings, with the
    /// legend unless "chart only", the marks as the spec says.
    pub fn request(&self, city: CityId) -> ChartRequest {
        let mut view = self.view;
        view.marks = self.marks;
        ChartRequest {
            kind: self.chart,
            city,
            year: self.year,
            cities: self.cities.clone(),
            kpi: self.kpi,
            view,
            legend: !self.chart_only,
            whatif: match &self.whatif {
                Some((of, values)) if *of == city => values.clone(),
                _ => Overrides::new(),
            },
        }
    }
}
