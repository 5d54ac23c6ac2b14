//! Text measurement for chart layout, with the font the app and the exports use
//! (Ubuntu Light, egui's default, embedded): no system font is ever needed.

use std::sync::OnceLock;

use std::cell::RefCell;
use std::collections::HashMap;

use ab_glyph::{Font, FontRef, GlyphId};

/// The chart font's bytes (also embedded into SVG and PDF exports).
pub const FONT_BYTES: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;

/// The font family name written into SVG and PDF.
pub(crate) const FONT_FAMILY: &str = "Ubuntu";

fn font() -> Option<&'static FontRef<'static>> {
    static FONT: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    FONT.get_or_init(|| FontRef::try_from_slice(FONT_BYTES).ok()).as_ref()
}

/// How far below a line's vertical middle its baseline lies, at `size_px`: where
/// SVG and PDF put the baseline for text anchored at its middle, as egui does.
pub(crate) fn baseline_below_middle(size_px: f32) -> f32 {
    match font() {
        Some(font) => {
            let units_per_em = font.units_per_em().unwrap_or(1000.0);
            (font.ascent_unscaled() + font.descent_unscaled()) / 2.0 / units_per_em * size_px
        }
        None => size_px * 0.35,
    }
}

/// The outline width that makes text bold. The embedded font has one weight
/// (Ubuntu Light) and no system font is used, so bold is drawn as the regular
/// glyphs with an outline of their own colour: a stroke on the text in SVG, PNG
/// and PDF, the glyphs painted twice this far apart on screen. Both thicken each
/// stem by the same width, so the screen and the files look alike.
pub(crate) fn bold_stroke_px(size_px: f32) -> f32 {
    size_px * 0.05
}

/// Per character: glyph and advance; per glyph pair: kerning (font units).
type Metrics = (HashMap<char, (GlyphId, f32)>, HashMap<(GlyphId, GlyphId), f32>);

thread_local! {
    /// Advance of each character and kerning of each pair, in font units: layout measures
    /// hundreds of labels per frame, and ab_glyph's table lookups are slow.
    static METRICS: RefCell<Metrics> = RefCell::new((HashMap::new(), HashMap::new()));
}

/// Walks `text`, calling `step(index, width_so_far_px)` after each character; stops when it returns false.
fn measure(text: &str, size_px: f32, mut step: impl FnMut(usize, f32) -> bool) -> f32 {
    let Some(font) = font() else {
        // Cannot happen with the embedded font; keep layout going with an estimate.
        let mut width = 0.0;
        for (i, _) in text.char_indices() {
            width += size_px * 0.5;
            if !step(i, width) {
                break;
            }
        }
        return width;
    };
    let units_per_em = font.units_per_em().unwrap_or(1000.0);
    let scale = size_px / units_per_em;
    METRICS.with(|cell| {
        let mut guard = cell.borrow_mut();
        let (advances, kerning) = &mut *guard;
        let mut width = 0.0;
        let mut previous: Option<GlyphId> = None;
        for (i, c) in text.char_indices() {
            let (id, advance) = *advances.entry(c).or_insert_with(|| {
                let id = font.glyph_id(c);
                (id, font.h_advance_unscaled(id))
            });
            if let Some(prev) = previous {
                width += *kerning
                    .entry((prev, id))
                    .or_insert_with(|| font.kern_unscaled(prev, id))
                    * scale;
            }
            width += advance * scale;
            previous = Some(id);
            if !step(i + c.len_utf8(), width) {
                break;
            }
        }
        width
    })
}

/// Width of `text` at `size_px` (em size), in pixels.
pub(crate) fn text_width(text: &str, size_px: f32) -> f32 {
    measure(text, size_px, |_, _| true)
}

/// `text`, cut with an ellipsis so that it fits `max_width` pixels (one pass).
pub(crate) fn fit(text: &str, size_px: f32, max_width: f32) -> String {
    let ellipsis = text_width("…", size_px);
    let mut cut = 0;
    let full = measure(text, size_px, |end, width| {
        if width + ellipsis <= max_width {
            cut = end;
        }
        width <= max_width
    });
    if full <= max_width {
        return text.to_string();
    }
    if cut == 0 {
        return String::new();
    }
    text[..cut].trim_end().to_string() + "…"
}

/// Splits `text` into at most `max_lines` lines that each fit `max_width`.
pub(crate) fn wrap(text: &str, size_px: f32, max_width: f32, max_lines: usize) -> Vec<String> {
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
