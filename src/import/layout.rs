//! Sheets the way city offices keep them: a title above the header, a note
//! under the table, merged cells, `City:` / `Year:` labels above the header, and
//! the U4SSC template's "Reported (YES/NO)" column. Works on a sheet's grid of
//! cell texts before it becomes a table.

use super::cells::parse_flag;
use super::problem::{Problem, Severity};
use super::report::ImportReport;
use super::words::{CITY, REPORTED, VALUE, YEAR, is_header, is_known_header};

/// Rows of cell texts (`None` = empty), the first being spreadsheet row `first_row`.
pub(crate) type Grid = Vec<Vec<Option<String>>>;

/// A merged region: first and last (row, column) in the grid, inclusive.
pub(crate) type Region = ((usize, usize), (usize, usize));

/// Only these many rows are searched for the header.
const HEADER_SEARCH: usize = 30;

/// What was found around the table.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Layout {
    /// Index of the header row in the grid.
    pub header: usize,
    /// One past the last data row (trailing notes excluded).
    pub end: usize,
    /// `City:` and `Year:` values found above the header.
    pub city: Option<String>,
    pub year: Option<String>,
}

/// Cells of a row looked at for known column names: a header names its
/// columns early, and a row of 16,000 cells is not read whole 30 times over.
const HEADER_CELLS: usize = 256;

/// How many known column names a row has among its first cells (2 at most: enough to tell a header).
fn known_headers(row: &[Option<String>]) -> usize {
    row.iter()
        .take(HEADER_CELLS)
        .flatten()
        .filter(|c| is_known_header(c))
        .take(2)
        .count()
}

fn filled(row: &[Option<String>]) -> usize {
    row.iter()
        .filter(|c| c.as_deref().is_some_and(|t| !t.trim().is_empty()))
        .count()
}

/// An empty row, or a row with a single text cell that reads as a note
/// ("Source: ...", a sentence): not a lone number or a short name, which may be data.
fn is_note(row: &[Option<String>]) -> bool {
    let cells: Vec<&str> = row
        .iter()
        .flatten()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    match cells.as_slice() {
        [] => true,
        [text] => text.chars().any(char::is_alphabetic) && (text.contains(':') || text.chars().count() > 15),
        _ => false,
    }
}

/// Finds the header (the first of the first 30 rows with two known column
/// names; else the first non-empty row), the labels above it and the end of
/// the data (a trailing row with a single cell is a note).
pub(crate) fn find_layout(grid: &Grid) -> Option<Layout> {
    let first = grid.iter().position(|r| filled(r) > 0)?;
    let known = |r: &Vec<Option<String>>| known_headers(r);
    let header = grid
        .iter()
        .take(HEADER_SEARCH)
        .position(|r| known(r) >= 2)
        .unwrap_or(first);
    let mut end = grid.len();
    while end > header + 1 && is_note(&grid[end - 1]) {
        end -= 1;
    }
    let (city, year) = labels(&grid[..header]);
    Some(Layout {
        header,
        end,
        city,
        year,
    })
}

/// A sheet of labels only (`City: Pully`, `Year: 2020`), no table: a cover
/// sheet. Its labels, when it is one.
pub(crate) fn cover_labels(grid: &Grid) -> Option<(Option<String>, Option<String>)> {
    let known = grid.iter().any(|r| known_headers(r) >= 2);
    let narrow = grid.iter().all(|r| filled(r) <= 2);
    let (city, year) = labels(grid);
    (!known && narrow && (city.is_some() || year.is_some())).then_some((city, year))
}

/// `City:` and `Year:` values in these rows (the value in the same cell after
/// the colon, or in the next filled cell to the right).
fn labels(rows: &[Vec<Option<String>>]) -> (Option<String>, Option<String>) {
    let (mut city, mut year) = (None, None);
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            let Some(text) = cell.as_deref() else { continue };
            let (label, inline) = match text.split_once(':') {
                Some((l, v)) => (l, Some(v.trim()).filter(|v| !v.is_empty())),
                None => (text, None),
            };
            let value = || {
                inline
                    .map(str::to_string)
                    .or_else(|| row[i + 1..].iter().flatten().next().cloned())
            };
            if is_header(label, CITY) {
                city = city.or_else(value);
            } else if is_header(label, YEAR) {
                year = year.or_else(value);
            }
        }
    }
    (city, year)
}

/// For delimited text with title lines above its header: the byte offset of the
/// header line and the number of lines above it. `None` when the first line is
/// the header (two known column names) or no line of the first 30 looks like one.
pub(crate) fn text_header_start(text: &[u8]) -> Option<(usize, usize)> {
    let mut offset = 0;
    for (i, line) in text.split(|b| *b == b'\n').take(HEADER_SEARCH).enumerate() {
        let line_text = String::from_utf8_lossy(line);
        let known = [',', ';', '\t', '|']
            .iter()
            .map(|sep| {
                line_text
                    .split(*sep)
                    .take(HEADER_CELLS)
                    .filter(|c| is_known_header(c.trim().trim_matches('"')))
                    .take(2)
                    .count()
            })
            .max()
            .unwrap_or(0);
        if known >= 2 {
            return (i > 0).then_some((offset, i));
        }
        offset += line.len() + 1;
    }
    None
}

/// Reports the rows left out above and under the table (info, not errors).
pub(crate) fn report_skipped(grid: &Grid, layout: &Layout, first_row: usize, at: &Problem, report: &mut ImportReport) {
    let mut info = |row: usize, message: String| {
        let mut p = at.clone();
        p.severity = Severity::Info;
        p.row = Some(first_row + row);
        p.message = message;
        p.hint = None;
        report.push(p);
    };
    let title = grid[..layout.header].iter().filter(|r| filled(r) > 0).count();
    if title > 0 {
        let rows = format!("rows {}-{}", first_row, first_row + layout.header - 1);
        info(
            layout.header,
            format!("the header is on this row; {rows} above it ({title} with text) are a title and are skipped"),
        );
    }
    for (i, row) in grid.iter().enumerate().skip(layout.end) {
        if let Some(text) = row.iter().flatten().next() {
            info(
                i,
                format!(
                    "'{}' under the table reads as a note and is skipped",
                    super::cells::clean(text)
                ),
            );
        }
    }
}

/// The template's `Reported (YES/NO)`: NO makes the value not reported whatever
/// the value cell says; YES with an empty value is an error (the row loads as
/// not reported).
pub(crate) fn apply_reported(
    headers: &[String],
    rows: &mut [Vec<Option<String>>],
    first_row: usize,
    at: &Problem,
    report: &mut ImportReport,
) {
    let find = |names: &[&str]| headers.iter().position(|h| is_header(h, names));
    let (Some(reported), Some(value)) = (find(REPORTED), find(VALUE).or_else(|| find(&["calculated_kpi_result"])))
    else {
        return;
    };
    for (r, row) in rows.iter_mut().enumerate() {
        // The template's answers, in any language `parse_flag` reads, or 1 and 0.
        let flag = row.get(reported).cloned().flatten().and_then(|t| match t.trim() {
            "1" => Some(true),
            "0" => Some(false),
            t => parse_flag(t),
        });
        let empty = row
            .get(value)
            .is_none_or(|v| v.as_deref().is_none_or(|t| t.trim().is_empty()));
        match flag {
            Some(false) => {
                if let Some(cell) = row.get_mut(value) {
                    *cell = Some("NR".into());
                }
            }
            Some(true) if empty => {
                let mut p = at.clone();
                p.row = Some(first_row + r);
                p.column = headers.get(value).cloned();
                p.message = "Reported is YES but the value is empty".into();
                p.hint = Some("write the value, or set Reported to NO".into());
                report.push(p);
            }
            _ => {}
        }
    }
}

/// Fills every cell of each merged region (rows, columns inclusive, grid
/// coordinates) with the region's top-left value; one note per region that changed something.
pub(crate) fn fill_merged(grid: &mut Grid, regions: &[Region]) -> usize {
    let mut filled_regions = 0;
    for &((r0, c0), (r1, c1)) in regions {
        let Some(value) = grid.get(r0).and_then(|r| r.get(c0)).cloned().flatten() else {
            continue;
        };
        let mut changed = false;
        for r in r0..=r1.min(grid.len().saturating_sub(1)) {
            for c in c0..=c1 {
                if let Some(cell) = grid[r].get_mut(c)
                    && cell.is_none()
                {
                    *cell = Some(value.clone());
                    changed = true;
                }
            }
        }
        filled_regions += usize::from(changed);
    }
    filled_regions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        rows.iter()
            .map(|r| r.iter().map(|c| (!c.is_empty()).then(|| (*c).to_string())).collect())
            .collect()
    }

    #[test]
    fn title_labels_header_and_notes_are_found() {
        let g = grid(&[
            &["Smart city indicators 2020-2022", "", "", ""],
            &["", "", "", ""],
            &["City:", "Testbourg", "", ""],
            &["Code", "KPI", "Unit", "2020"],
            &["EC: ICT: ICT: 1C", "Household Internet Access", "%", "90,2 %"],
            &["EC: ICT: ICT: 2C", "Fixed Broadband", "%", "n/a"],
            &["", "", "", ""],
            &["Source: city statistics office", "", "", ""],
        ]);
        let layout = find_layout(&g).expect("layout");
        assert_eq!((layout.header, layout.end), (3, 6));
        assert_eq!(layout.city.as_deref(), Some("Testbourg"));
        assert_eq!(layout.year, None);
    }

    #[test]
    fn merged_regions_fill_their_cells() {
        let mut g = grid(&[&["Pully", "a"], &["", "b"], &["", "c"]]);
        assert_eq!(fill_merged(&mut g, &[((0, 0), (2, 0))]), 1);
        assert!(g.iter().all(|r| r[0].as_deref() == Some("Pully")));
    }
}
