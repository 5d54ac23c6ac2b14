//! A chart framed for a slide or a page: title and subtitle above, source and
//! date below. "Chart only" exports skip the frame.

use super::scene::{Align, Point, Scene};
use super::text::{fit, wrap};
use super::theme::Theme;

/// Words around a chart.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FigureText {
    pub title: String,
    pub subtitle: String,
    /// Data sources, target sources, date and tool.
    pub source: String,
}

const MARGIN: f32 = 24.0;

/// A `width` × `height` scene: the frame (when `text` is given) around the chart
/// that `chart` builds for the space left.
pub(crate) fn figure(
    theme: &Theme,
    width: f32,
    height: f32,
    text: Option<&FigureText>,
    chart: impl FnOnce(f32, f32) -> Scene,
) -> Scene {
    let Some(text) = text else { return chart(width, height) };
    let Frame {
        title_px,
        sub_px,
        source_px,
        header,
        footer,
        source_lines,
    } = Frame::of(width, text);
    let mut scene = Scene::new(width, height, theme.background);
    scene.text(
        Point::new(MARGIN, MARGIN + title_px * 0.5),
        fit(&text.title, title_px, width - 2.0 * MARGIN),
        title_px,
        theme.text,
        Align::Start,
    );
    scene.text(
        Point::new(MARGIN, MARGIN + title_px * 1.2 + sub_px * 0.6),
        fit(&text.subtitle, sub_px, width - 2.0 * MARGIN),
        sub_px,
        theme.text_muted,
        Align::Start,
    );
    let inner = chart(width - 2.0 * MARGIN, (height - header - footer).max(50.0));
    scene.place(inner, MARGIN, header);
    let mut y = height - footer + MARGIN * 0.3 + source_px * 0.6;
    for line in source_lines {
        scene.text(Point::new(MARGIN, y), line, source_px, theme.text_muted, Align::Start);
        y += source_px * 1.35;
    }
    scene
}

/// The frame's text sizes and the room it takes above and below the chart.
struct Frame {
    title_px: f32,
    sub_px: f32,
    source_px: f32,
    header: f32,
    footer: f32,
    source_lines: Vec<String>,
}

impl Frame {
    fn of(width: f32, text: &FigureText) -> Frame {
        let title_px = (width / 50.0).clamp(16.0, 30.0);
        let sub_px = (title_px * 0.55).max(10.0);
        let source_px = (title_px * 0.45).max(8.5);
        let source_lines = wrap(&text.source, source_px, width - 2.0 * MARGIN, 3);
        Frame {
            title_px,
            sub_px,
            source_px,
            header: MARGIN + title_px * 1.2 + sub_px * 1.5,
            footer: source_lines.len() as f32 * source_px * 1.35 + MARGIN * 0.8,
            source_lines,
        }
    }
}

/// The width and height [`figure`] leaves for the chart: what a chart that
/// continues on further pages measures its rows against.
pub(crate) fn inner_size(width: f32, height: f32, text: Option<&FigureText>) -> (f32, f32) {
    match text {
        None => (width, height),
        Some(text) => {
            let frame = Frame::of(width, text);
            (width - 2.0 * MARGIN, (height - frame.header - frame.footer).max(50.0))
        }
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`, for "exported on".
pub(crate) fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    crate::model::format_date(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_a_date() {
        let d = today();
        assert_eq!(d.len(), 10);
        assert!(d.starts_with("20"));
    }

    #[test]
    fn frame_puts_the_chart_between_title_and_source() {
        let text = FigureText {
            title: "Pully".into(),
            subtitle: "KPI wheel".into(),
            source: "U4SSC".into(),
        };
        let scene = figure(&Theme::light(), 800.0, 600.0, Some(&text), |w, h| {
            let mut s = Scene::new(w, h, Theme::light().background);
            s.text(Point::new(1.0, 1.0), "inside", 10.0, Theme::light().text, Align::Start);
            s
        });
        let texts: Vec<(&str, f32)> = scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                crate::chart::Shape::Text(label) => Some((label.text.as_str(), label.pos.y)),
                _ => None,
            })
            .collect();
        assert_eq!(
            texts.iter().map(|t| t.0).collect::<Vec<_>>(),
            ["Pully", "KPI wheel", "inside", "U4SSC"]
        );
        assert!(texts.windows(2).all(|w| w[0].1 < w[1].1), "top to bottom: {texts:?}");
        let mut asked = (0.0, 0.0);
        figure(&Theme::light(), 800.0, 600.0, Some(&text), |w, h| {
            asked = (w, h);
            Scene::new(w, h, Theme::light().background)
        });
        assert_eq!(inner_size(800.0, 600.0, Some(&text)), asked);
    }
}
