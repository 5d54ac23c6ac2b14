//! Charts longer than a page: the table of every KPI and the gaps chart continue
//! on further pages (pages of one PDF; numbered files `-1`, `-2`, … for PNG and
//! SVG, as a slide takes one picture), and every page says which rows it holds
//! ("Rows 55-112 of 112", "(continued)"). Nothing a title promises is cut silently.
//!
//! A chart-only table (no frame, so no place to say "continued") is one picture
//! as tall as its rows; a chart-only gaps chart continues like a framed one (its
//! caption above the bars says which bars each page holds).

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::{ChartKind, ExportError, ExportSpec, figure_text};
use crate::chart::Scene;
use crate::chart::Theme;
use crate::chart::figure::{FigureText, figure, inner_size};
use crate::chart::gaps::{GapsOptions, bars_fitting, gap_rows};
use crate::chart::table::{Table, TableStyle};
use crate::request::{ChartRequest, Inputs, Interaction, gaps_options};
use crate::score::Profile;
use crate::workspace::Workspace;

/// Fewer rows than this on a page and the size is refused: a hundred pages of
/// one bar each help nobody.
const MIN_ROWS_PER_PAGE: usize = 3;

/// The pages of a table or gaps export; `None` for a chart that is one page.
pub(super) fn paged(
    ws: &Workspace,
    (request, inputs): (&ChartRequest, &Inputs),
    spec: &ExportSpec,
    theme: &Theme,
) -> Result<Option<Vec<Scene>>, ExportError> {
    let profile = &*inputs.profile;
    let text = (!spec.chart_only).then(|| figure_text(ws, request.city, profile, spec.chart));
    let (pages, rows) = match (spec.chart, text.as_ref()) {
        (ChartKind::Table, Some(text)) => table_pages(ws, profile, spec, theme, text),
        (ChartKind::Gaps, text) => gaps_pages(ws, (request, inputs), spec, theme, text),
        _ => return Ok(None),
    };
    if pages.len() > 1 && pages.len() > rows.div_ceil(MIN_ROWS_PER_PAGE) {
        return Err(ExportError::TooSmall {
            chart: if spec.chart == ChartKind::Table {
                "table"
            } else {
                "gaps chart"
            },
            width: spec.width,
            height: spec.height,
        });
    }
    Ok(Some(pages))
}

/// The table's pages, and how many rows they hold.
fn table_pages(
    ws: &Workspace,
    profile: &Profile,
    spec: &ExportSpec,
    theme: &Theme,
    text: &FigureText,
) -> (Vec<Scene>, usize) {
    let (width, room) = inner_size(spec.width, spec.height, Some(text));
    let table = Table::new(&ws.catalogue, profile, width, TableStyle::for_theme(theme));
    let pages = table.pages(room, room);
    let count = pages.len();
    let scenes = pages
        .into_iter()
        .enumerate()
        .map(|(k, rows)| {
            let words = page_text(text, (k, count), &rows, table.len());
            figure(theme, spec.width, spec.height, Some(&words), |_, _| {
                table.scene(theme, rows.clone())
            })
        })
        .collect();
    (scenes, table.len())
}

/// The gaps chart's pages, and how many bars they hold.
fn gaps_pages(
    ws: &Workspace,
    (request, inputs): (&ChartRequest, &Inputs),
    spec: &ExportSpec,
    theme: &Theme,
    text: Option<&FigureText>,
) -> (Vec<Scene>, usize) {
    let (c, profile) = (&ws.catalogue, &*inputs.profile);
    let (_, room) = inner_size(spec.width, spec.height, text);
    // The view's filters, grouping, "worst N" and peer median, as on screen.
    let view = gaps_options(request, inputs, &Interaction::default(), Some(room));
    let total: usize = gap_rows(c, profile, &view).iter().map(|g| g.1.len()).sum();
    let scenes = ranges(total, bars_fitting(c, theme, room, view.group_by_dimension))
        .into_iter()
        .enumerate()
        .map(|(k, bars)| {
            let opts = GapsOptions {
                skip: bars.start,
                worst: Some(bars.len()),
                continued: bars.end < total,
                ..view.clone()
            };
            // The caption above the bars says which bars these are.
            let words = text.map(|t| FigureText {
                title: continued_title(&t.title, k),
                ..t.clone()
            });
            figure(theme, spec.width, spec.height, words.as_ref(), |w, _| {
                crate::chart::gaps::gaps_scene(c, profile, theme, w, &opts)
            })
        })
        .collect();
    (scenes, total)
}

/// The fewest pages of at most `per_page` rows, filled evenly: 112 rows of at
/// most 54 a page are `0..38, 38..76, 76..112`; one empty page for none.
fn ranges(total: usize, per_page: usize) -> Vec<Range<usize>> {
    if total == 0 {
        return std::iter::once(0..0).collect();
    }
    let pages = total.div_ceil(per_page.max(1));
    let per_page = total.div_ceil(pages);
    (0..total)
        .step_by(per_page)
        .map(|start| start..(start + per_page).min(total))
        .collect()
}

fn continued_title(title: &str, page: usize) -> String {
    if page == 0 {
        title.to_string()
    } else {
        format!("{title} (continued)")
    }
}

/// The frame's words for page `k` of `count`: the rows it holds lead the subtitle.
fn page_text(text: &FigureText, (k, count): (usize, usize), rows: &Range<usize>, total: usize) -> FigureText {
    if count == 1 {
        return text.clone();
    }
    let more = if k + 1 < count {
        format!(", continued on page {}", k + 2)
    } else {
        String::new()
    };
    FigureText {
        title: continued_title(&text.title, k),
        subtitle: format!(
            "Rows {}-{} of {total} (page {} of {count}{more}) · {}",
            rows.start + 1,
            rows.end,
            k + 1,
            text.subtitle
        ),
        source: text.source.clone(),
    }
}

/// Where the files of an export of `pages` pictures go: `path` itself for one,
/// `name-1.png`, `name-2.png`, … beside it for several.
pub fn page_paths(path: &Path, pages: usize) -> Vec<PathBuf> {
    if pages <= 1 {
        return vec![path.to_path_buf()];
    }
    (1..=pages).map(|k| page_path(path, k)).collect()
}

/// Page `k`'s file beside `path`: `name-k.png`.
fn page_path(path: &Path, k: usize) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let extension = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    path.with_file_name(format!("{stem}-{k}{extension}"))
}

/// Numbered page files beside `path` that an export of `pages` files did not
/// write: left from an earlier, longer export. They are not deleted (they may be
/// someone's), only named, so nobody takes them for part of this export.
pub fn stale_pages(path: &Path, pages: usize) -> Vec<PathBuf> {
    let first = if pages <= 1 { 1 } else { pages + 1 };
    (first..)
        .map(|k| page_path(path, k))
        .take_while(|p| p.is_file())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_every_row_once() {
        assert_eq!(ranges(112, 54), vec![0..38, 38..76, 76..112]);
        assert_eq!(ranges(105, 43), vec![0..35, 35..70, 70..105]);
        assert_eq!(ranges(54, 54), vec![0..54]);
        assert_eq!(ranges(55, 54), vec![0..28, 28..55]);
        assert_eq!(ranges(0, 54).first(), Some(&(0..0)));
        assert_eq!(ranges(3, 0), vec![0..1, 1..2, 2..3]);
    }

    #[test]
    fn several_pictures_are_numbered_files() {
        let one = page_paths(Path::new("out/pully-table-2020.png"), 1);
        assert_eq!(one, vec![PathBuf::from("out/pully-table-2020.png")]);
        let three = page_paths(Path::new("out/pully-table-2020.png"), 3);
        assert_eq!(three[0], PathBuf::from("out/pully-table-2020-1.png"));
        assert_eq!(three[2], PathBuf::from("out/pully-table-2020-3.png"));
    }

    #[test]
    fn page_files_left_from_a_longer_export_are_named() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("t.png");
        for k in 1..=3 {
            std::fs::write(dir.path().join(format!("t-{k}.png")), b"x").expect("write");
        }
        assert_eq!(stale_pages(&path, 2), vec![dir.path().join("t-3.png")]);
        assert_eq!(stale_pages(&path, 1).len(), 3, "one page now: all three are old");
        assert!(stale_pages(&path, 3).is_empty());
    }

    #[test]
    fn every_page_but_one_says_its_rows() {
        let text = FigureText {
            title: "Pully: Every KPI and data point".into(),
            subtitle: "Switzerland, 2020".into(),
            source: "s".into(),
        };
        let second = page_text(&text, (1, 3), &(54..108), 112);
        assert_eq!(second.title, "Pully: Every KPI and data point (continued)");
        assert!(
            second
                .subtitle
                .starts_with("Rows 55-108 of 112 (page 2 of 3, continued on page 3) · "),
            "{}",
            second.subtitle
        );
        assert_eq!(page_text(&text, (0, 1), &(0..112), 112), text);
    }
}
