//! Text measurement for chart layout, with the font the app and the exports use
//! (Ubuntu Light, egui's default, embedded): no system font is ever needed.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};

/// The chart font's bytes (also embedded into SVG and PDF exports).
pub const FONT_BYTES: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;

/// The font family name written into SVG and PDF.
pub const FONT_FAMILY: &str = "Ubuntu";

fn font() -> Option<&'static FontRef<'static>> {
    static FONT: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    FONT.get_or_init(|| FontRef::try_from_slice(FONT_BYTES).ok()).as_ref()
}

/// `size_px` is an em size, as in egui and SVG (`font-size`); ab_glyph scales by line height.
fn em_scale(font: &FontRef<'static>, size_px: f32) -> PxScale {
    let units_per_em = font.units_per_em().unwrap_or(1000.0);
    PxScale::from(size_px * font.height_unscaled() / units_per_em)
}

/// How far below a line's vertical middle its baseline lies, at `size_px`: where
/// SVG and PDF put the baseline for text anchored at its middle, as egui does.
pub fn baseline_below_middle(size_px: f32) -> f32 {
    match font() {
        Some(font) => {
            let units_per_em = font.units_per_em().unwrap_or(1000.0);
            (font.ascent_unscaled() + font.descent_unscaled()) / 2.0 / units_per_em * size_px
        }
        None => size_px * 0.35,
    }
}

/// Width of `text` at `size_px` (em size), in pixels.
pub fn text_width(text: &str, size_px: f32) -> f32 {
    let Some(font) = font() else {
        // Cannot happen with the embedded font; keep layout going with an estimate.
        return text.chars().count() as f32 * size_px * 0.5;
    };
    let scaled = font.as_scaled(em_scale(font, size_px));
    let mut width = 0.0;
    let mut previous = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(prev) = previous {
            width += scaled.kern(prev, id);
        }
        width += scaled.h_advance(id);
        previous = Some(id);
    }
    width
}

/// `text`, cut with an ellipsis so that it fits `max_width` pixels.
pub fn fit(text: &str, size_px: f32, max_width: f32) -> String {
    if text_width(text, size_px) <= max_width {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if text_width(&candidate, size_px) <= max_width {
            lo = mid
        } else {
            hi = mid - 1
        }
    }
    if lo == 0 {
        return String::new();
    }
    chars[..lo].iter().collect::<String>().trim_end().to_string() + "…"
}

/// Splits `text` into at most `max_lines` lines that each fit `max_width`.
pub fn wrap(text: &str, size_px: f32, max_width: f32, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if text_width(&candidate, size_px) <= max_width || current.is_empty() {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        let rest = lines[max_lines - 1..].join(" ");
        lines.truncate(max_lines - 1);
        lines.push(rest);
    }
    lines.into_iter().map(|l| fit(&l, size_px, max_width)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size() {
        assert!(text_width("Pully", 12.0) > 0.0);
        assert!(text_width("Pullyyyy", 12.0) > text_width("Pully", 12.0));
        assert!((text_width("Pully", 24.0) - 2.0 * text_width("Pully", 12.0)).abs() < 0.5);
        // An em-sized "M" in Ubuntu is a little under one em wide.
        let m = text_width("M", 100.0);
        assert!((60.0..100.0).contains(&m), "{m}");
        assert!(baseline_below_middle(20.0) > 0.0 && baseline_below_middle(20.0) < 10.0);
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        let long = "Integrated Building Management Systems in Public Buildings";
        let cut = fit(long, 11.0, 120.0);
        assert!(cut.ends_with('…') && cut.len() < long.len());
        assert!(text_width(&cut, 11.0) <= 120.0);
        assert_eq!(fit("Waste", 11.0, 120.0), "Waste");
    }

    #[test]
    fn wrap_respects_lines_and_width() {
        let lines = wrap("Lakeside (fictional) and a rather long name", 16.0, 120.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| text_width(l, 16.0) <= 120.0));
    }
}
