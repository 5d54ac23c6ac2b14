//! Column widths of the table of every KPI, fitted to what the cells hold: codes,
//! values, years, targets and % of target are never cut (each column is as wide
//! as its widest text); KPI names, units and bands wrap onto further lines; only
//! the target source is shortened, after two lines (its full text is on the
//! report's sources page and in the CSV). Rows are as tall as their tallest cell,
//! so pages are cut by height.

use std::ops::Range;

use super::text::{fit, text_width, wrap};

/// Row height and font size of a table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TableStyle {
    pub row_h: f32,
    pub font_px: f32,
}

impl TableStyle {
    /// The default style grown as `theme`'s text grew (an export's theme is
    /// scaled to its size, so the rows grow with the picture as the charts' text does).
    pub(crate) fn for_theme(theme: &super::theme::Theme) -> TableStyle {
        let factor = theme.small_px / super::theme::Theme::light().small_px;
        let base = TableStyle::default();
        TableStyle {
            row_h: base.row_h * factor,
            font_px: base.font_px * factor,
        }
    }
}

impl Default for TableStyle {
    fn default() -> Self {
        TableStyle {
            row_h: 18.0,
            font_px: 10.5,
        }
    }
}

impl TableStyle {
    /// The height of a row of `lines` lines.
    pub(crate) fn row_height(self, lines: usize) -> f32 {
        self.row_h + self.line_h() * (lines.max(1) - 1) as f32
    }

    pub(crate) fn line_h(self) -> f32 {
        self.font_px * 1.2
    }

    /// Room left of and right of a cell's text.
    pub(crate) fn pad(self) -> f32 {
        (self.font_px * 0.35).max(2.0)
    }
}

/// How a column's text is made to fit.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fitting {
    /// As wide as its widest text: never cut.
    Whole,
    /// Wraps onto as many lines as it needs (up to [`WRAP_LINES`]).
    Wrap,
    /// Wraps onto a second line, then is shortened (the target source only).
    Shorten,
}

/// Titles and fittings, in column order; the band column's lines are split at " · ".
pub(crate) const TITLES: [&str; 9] = [
    "Code",
    "KPI / data point",
    "Value",
    "Unit",
    "Year",
    "Target",
    "Target source",
    "% of target",
    "Band",
];
const FITTINGS: [Fitting; 9] = [
    Fitting::Whole,
    Fitting::Wrap,
    Fitting::Whole,
    Fitting::Wrap,
    Fitting::Whole,
    Fitting::Whole,
    Fitting::Shorten,
    Fitting::Whole,
    Fitting::Wrap,
];
/// Lines a wrapping cell may take: enough for the catalogue's longest unit in a
/// report's narrow column, so that nothing but the target source is shortened.
const WRAP_LINES: usize = 6;
/// Lines a target source may take before it is shortened.
const SOURCE_LINES: usize = 2;
/// The band column's text starts after its swatch.
pub(crate) const BAND: usize = 8;
/// The flexible columns (name, unit, source) share what the others leave, in these
/// proportions, each at most its one-line width (the rest goes to the source).
const FLEX: [(usize, f32); 3] = [(1, 0.4), (3, 0.3), (6, 0.3)];

/// Where each column starts and how wide it is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Columns {
    pub xs: [f32; 9],
    pub widths: [f32; 9],
    pub style: TableStyle,
}

impl Columns {
    /// Fits the columns at `width` to the texts of `rows` (every row of the
    /// table, so that its pages line up).
    pub(crate) fn fit(rows: &[[String; 9]], width: f32, style: TableStyle) -> Columns {
        let natural = natural_widths(rows, style);
        let mut widths = share(&natural, width, style);
        // Bands on one line where the source keeps room for a sentence.
        let one_line = rows
            .iter()
            .map(|r| text_width(&r[BAND], style.font_px))
            .fold(0.0, f32::max)
            + style.font_px
            + 3.0 * style.pad()
            + 1.0;
        let extra = (one_line - widths[BAND]).max(0.0);
        if widths[6] - extra >= style.font_px * 24.0 {
            widths[BAND] += extra;
            widths[6] -= extra;
        }
        let mut xs = [0.0; 9];
        let mut x = 0.0;
        for (col, w) in widths.iter().enumerate() {
            xs[col] = x;
            x += w;
        }
        Columns { xs, widths, style }
    }

    /// The room for text in column `col`.
    pub(crate) fn room(&self, col: usize) -> f32 {
        let swatch = if col == BAND {
            self.style.font_px + self.style.pad()
        } else {
            0.0
        };
        (self.widths[col] - 2.0 * self.style.pad() - swatch).max(0.0)
    }

    /// The lines a cell's text is drawn as, each within the cell.
    pub(crate) fn lines(&self, col: usize, text: &str) -> Vec<String> {
        let (px, room) = (self.style.font_px, self.room(col));
        if col == BAND {
            if text_width(text, px) <= room {
                return vec![text.to_string()];
            }
            return text.split(" · ").take(2).map(|part| fit(part, px, room)).collect();
        }
        match FITTINGS[col] {
            Fitting::Whole => vec![fit(text, px, room)],
            Fitting::Wrap => wrap(text, px, room, WRAP_LINES),
            Fitting::Shorten => wrap(text, px, room, SOURCE_LINES),
        }
    }

    /// The height of a row of these cells.
    pub(crate) fn row_height(&self, cells: &[String; 9]) -> f32 {
        let lines = (0..9).map(|c| self.lines(c, &cells[c]).len()).max().unwrap_or(1);
        self.style.row_height(lines)
    }

    /// The header row's height (titles wrap too).
    pub(crate) fn header_height(&self) -> f32 {
        let lines = (0..9).map(|c| wrap(TITLES[c], self.style.font_px, self.room(c), 2).len());
        self.style.row_height(lines.max().unwrap_or(1))
    }
}

/// Each column's widest one-line text plus padding (the band's widest part; the
/// titles' widest word, since titles may wrap).
fn natural_widths(rows: &[[String; 9]], style: TableStyle) -> [f32; 9] {
    let px = style.font_px;
    let mut natural = [0.0f32; 9];
    for (col, title) in TITLES.iter().enumerate() {
        natural[col] = title.split(' ').map(|w| text_width(w, px)).fold(0.0, f32::max);
    }
    for row in rows {
        for (col, text) in row.iter().enumerate() {
            let w = if col == BAND {
                text.split(" · ").map(|p| text_width(p, px)).fold(0.0, f32::max)
            } else {
                text_width(text, px)
            };
            natural[col] = natural[col].max(w);
        }
    }
    let swatch = px + style.pad();
    natural[BAND] += swatch;
    natural.map(|w| w + 2.0 * style.pad() + 1.0)
}

/// Widths at `width`: whole columns at their natural width, the rest shared by the
/// flexible ones. Too narrow for that: every column in proportion (texts are then
/// shortened, never drawn past their cell).
fn share(natural: &[f32; 9], width: f32, style: TableStyle) -> [f32; 9] {
    let fixed: f32 = (0..9)
        .filter(|c| FITTINGS[*c] == Fitting::Whole || *c == BAND)
        .map(|c| natural[c])
        .sum();
    let rest = width - fixed;
    if rest < style.font_px * 24.0 {
        let total: f32 = natural.iter().sum();
        return natural.map(|w| w * width / total);
    }
    let mut widths = *natural;
    let mut left = rest;
    for &(col, part) in &FLEX[..2] {
        widths[col] = natural[col].min(rest * part);
        left -= widths[col];
    }
    widths[6] = left.min(natural[6].max(left * 0.5));
    // What the source does not need goes to the name, then the unit.
    let mut spare = left - widths[6];
    for col in [1, 3] {
        let more = (natural[col] - widths[col]).clamp(0.0, spare);
        widths[col] += more;
        spare -= more;
    }
    widths[6] += spare;
    widths
}

/// Cuts rows of the given heights into pages: the first holds `first_room`, the
/// others `room` (each less the header row). Never an empty page but for no rows.
pub(crate) fn pages_by_height(heights: &[f32], header: f32, first_room: f32, room: f32) -> Vec<Range<usize>> {
    let mut pages = Vec::new();
    let (mut start, mut used) = (0, header);
    for (i, h) in heights.iter().enumerate() {
        let limit = if pages.is_empty() { first_room } else { room };
        if used + h > limit && i > start {
            pages.push(start..i);
            (start, used) = (i, header);
        }
        used += h;
    }
    pages.push(start..heights.len());
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, source: &str) -> [String; 9] {
        [
            "EC: ICT: WS: 1C",
            name,
            "not reported",
            "%",
            "2020",
            "100",
            source,
            "95.5 %",
            "95 % + of target · estimate, not verified",
        ]
        .map(String::from)
    }

    #[test]
    fn whole_columns_are_never_cut_and_names_wrap() {
        let rows = vec![
            row(
                "Urban Development and Spatial Planning: Integrated",
                "SDG 11.3: inclusive, integrated and sustainable urbanisation (UN 2030 Agenda)",
            ),
            row("Water", "WHO"),
        ];
        let style = TableStyle {
            row_h: 12.5,
            font_px: 6.8,
        };
        let cols = Columns::fit(&rows, 511.0, style);
        for col in [0, 2, 4, 5, 7] {
            for r in &rows {
                assert_eq!(cols.lines(col, &r[col]), vec![r[col].clone()], "column {col}");
            }
        }
        let band = cols.lines(BAND, &rows[0][BAND]);
        assert_eq!(band, vec!["95 % + of target", "estimate, not verified"]);
        assert!(cols.lines(1, &rows[0][1]).iter().all(|l| !l.ends_with('…')));
        let total: f32 = cols.widths.iter().sum();
        assert!((total - 511.0).abs() < 0.01, "{total}");
    }

    #[test]
    fn pages_are_cut_by_height() {
        let heights = [10.0, 10.0, 20.0, 10.0, 10.0];
        assert_eq!(pages_by_height(&heights, 10.0, 40.0, 50.0), vec![0..2, 2..5]);
        assert_eq!(pages_by_height(&[], 10.0, 40.0, 50.0).first(), Some(&(0..0)));
        assert_eq!(pages_by_height(&[99.0, 99.0], 10.0, 40.0, 50.0), vec![0..1, 1..2]);
    }
}
