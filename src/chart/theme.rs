//! Every colour and size of the charts, for the light and the dark theme.
//!
//! The band palette is a lightness ramp from pale peach (0-33 %) to dark navy
//! (95 % +): hue tells the bands apart for most readers, and lightness alone
//! still does under deuteranopia or protanopia and in a black-and-white print
//! (see the tests at the bottom, which simulate both). "Not reported" and "no
//! benchmark" are never a band colour: grey with a hatch, and an empty outline.

use super::scene::Color;
use crate::score::Band;

/// Colours and text sizes of a chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub dark: bool,
    pub background: Color,
    pub text: Color,
    pub text_muted: Color,
    pub grid: Color,
    /// The 100 % of target line.
    pub target_line: Color,
    /// Outline of the selected segment.
    pub selection: Color,
    /// Band fills, worst first (index = points − 1).
    pub bands: [Color; 4],
    pub not_reported_fill: Color,
    pub not_reported_hatch: Color,
    pub no_benchmark_fill: Color,
    pub no_benchmark_stroke: Color,
    /// Font sizes in pixels at scale 1.
    /// What-if marks: hypothetical values, never to be taken for data.
    pub whatif: Color,
    pub title_px: f32,
    pub label_px: f32,
    pub small_px: f32,
}

/// The outline of a score on under a third of its items (`AggregateScore::is_thin`):
/// its band's colour at this width around an empty fill, in every chart.
pub(crate) const THIN_OUTLINE_PX: f32 = 2.0;

/// Band fills shared by both themes: they are data colours and must print the same.
pub(crate) const BAND_COLORS: [Color; 4] = [
    Color::hex(0xFFC9AD),
    Color::hex(0xE59B59),
    Color::hex(0x008A92),
    Color::hex(0x005389),
];

impl Theme {
    pub fn light() -> Theme {
        Theme {
            dark: false,
            background: Color::hex(0xFFFFFF),
            text: Color::hex(0x1F2328),
            text_muted: Color::hex(0x5C6370),
            grid: Color::hex(0xD0D4DA),
            target_line: Color::hex(0x1F2328),
            selection: Color::hex(0xD4145A),
            bands: BAND_COLORS,
            not_reported_fill: Color::hex(0xE6E6E6),
            not_reported_hatch: Color::hex(0x9A9A9A),
            no_benchmark_fill: Color::hex(0xFFFFFF),
            no_benchmark_stroke: Color::hex(0x7A7F87),
            whatif: Color::hex(0xFFD400),
            title_px: 20.0,
            label_px: 11.0,
            small_px: 10.0,
        }
    }

    pub fn dark() -> Theme {
        Theme {
            dark: true,
            background: Color::hex(0x1B1E23),
            text: Color::hex(0xE8EAED),
            text_muted: Color::hex(0xA0A6AF),
            grid: Color::hex(0x3A3F47),
            target_line: Color::hex(0xE8EAED),
            selection: Color::hex(0xFF5C8A),
            bands: BAND_COLORS,
            not_reported_fill: Color::hex(0x3A3D42),
            not_reported_hatch: Color::hex(0x80858C),
            no_benchmark_fill: Color::hex(0x1B1E23),
            no_benchmark_stroke: Color::hex(0x9AA0A8),
            ..Theme::light()
        }
    }

    /// The same theme with text `factor` times larger (exports at slide size).
    pub(crate) fn scaled(self, factor: f32) -> Theme {
        Theme {
            title_px: self.title_px * factor,
            label_px: self.label_px * factor,
            small_px: self.small_px * factor,
            ..self
        }
    }

    /// The fill of a band.
    pub fn band(&self, band: Band) -> Color {
        self.bands[band.points() as usize - 1]
    }

    /// Black or white, whichever reads better on `fill`.
    pub(crate) fn text_on(&self, fill: Color) -> Color {
        if fill.luminance() > 0.35 {
            Color::hex(0x1F2328)
        } else {
            Color::hex(0xFFFFFF)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linear(c: u8) -> f64 {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    /// CIELAB (D65) of linear RGB.
    fn lab(rgb: [f64; 3]) -> [f64; 3] {
        let [r, g, b] = rgb;
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        [116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))]
    }

    /// Machado, Oliveira & Fernandes (2009) simulation matrices, severity 1.0.
    const PROTANOPIA: [[f64; 3]; 3] = [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ];
    const DEUTERANOPIA: [[f64; 3]; 3] = [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ];
    const IDENTITY: [[f64; 3]; 3] = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];

    fn seen(color: Color, m: [[f64; 3]; 3]) -> [f64; 3] {
        let [r, g, b, _] = color.0;
        let rgb = [linear(r), linear(g), linear(b)];
        let sim = [0, 1, 2].map(|i| (m[i][0] * rgb[0] + m[i][1] * rgb[1] + m[i][2] * rgb[2]).clamp(0.0, 1.0));
        lab(sim)
    }

    fn delta_e(a: [f64; 3], b: [f64; 3]) -> f64 {
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
    }

    #[test]
    fn bands_stay_distinct_under_colour_blindness() {
        for (name, m) in [
            ("normal", IDENTITY),
            ("protanopia", PROTANOPIA),
            ("deuteranopia", DEUTERANOPIA),
        ] {
            for theme in [Theme::light(), Theme::dark()] {
                let mut colors: Vec<Color> = theme.bands.to_vec();
                colors.push(theme.not_reported_fill);
                for i in 0..colors.len() {
                    for j in i + 1..colors.len() {
                        let d = delta_e(seen(colors[i], m), seen(colors[j], m));
                        assert!(d >= 15.0, "{name}: colours {i} and {j} differ by only ΔE {d:.1}");
                    }
                }
            }
        }
    }

    #[test]
    fn bands_form_a_lightness_ramp_for_black_and_white_print() {
        let lightness: Vec<f64> = BAND_COLORS.iter().map(|c| seen(*c, IDENTITY)[0]).collect();
        for pair in lightness.windows(2) {
            assert!(
                pair[0] - pair[1] >= 12.0,
                "lightness must fall by at least 12 per band: {lightness:?}"
            );
        }
    }
}
