//! The scores workbook: sheets `items`, `aggregates`, `targets`, `cities` and
//! `about`, one row per city and item (or aggregate), with the score JSON's keys
//! as column headers (from [`crate::export::score_rows`], not a copy).

use rayon::prelude::*;

use super::WorkbookError;
use super::book::{Book, Cell, MAX_ROWS, SheetId, Shown};
use crate::chart::figure::today;
use crate::export::score_rows::{AGG_KEYS, CITY_KEYS, CityScores, ITEM_KEYS, city_row, city_scores, target_json};
use crate::model::{CityId, TargetKind};
use crate::workspace::Workspace;

/// Cities scored at once (in parallel) before their rows are written: enough to
/// keep both cores busy, few enough that the rows of 10,000 cities are never all
/// held at once.
const CHUNK: usize = 64;

const TARGET_KEYS: [&str; 9] = [
    "city",
    "kpi",
    "data_point",
    "name",
    "target",
    "worst",
    "direction",
    "kind",
    "source",
];

/// The cities with values for `year` (every city when `None`, each at its latest
/// year), for a workbook of all cities.
pub fn cities_in(ws: &Workspace, year: Option<i32>) -> Vec<(CityId, Option<i32>)> {
    (0..ws.dataset.cities.len())
        .map(CityId::new)
        .filter(|c| year.is_none_or(|y| ws.dataset.years_of(*c).contains(&y)))
        .map(|c| (c, year))
        .collect()
}

/// How a column of the score JSON shows its numbers.
fn shown(key: &str) -> Shown {
    match key {
        "achievement_pct" | "score_pct" => Shown::OneDecimal,
        "points" | "max_points" | "scored" | "reported" | "total" | "year" | "projected_year" | "values_left_out" => {
            Shown::Integer
        }
        _ => Shown::General,
    }
}

/// A sheet of a `city` column and the `keys`.
fn keyed_sheet(book: &mut Book, name: &str, keys: &[&str]) -> Result<SheetId, WorkbookError> {
    let mut header = vec!["city"];
    header.extend(keys.iter().filter(|k| **k != "city"));
    let formats: Vec<Shown> = header.iter().map(|k| shown(k)).collect();
    Ok(book.add_sheet(name, &header, &formats, true)?)
}

/// The scores of `cities` (each in the year given, `None`: its latest) as an
/// Excel workbook's bytes.
pub fn scores_workbook(ws: &Workspace, cities: &[(CityId, Option<i32>)]) -> Result<Vec<u8>, WorkbookError> {
    let items = ws.catalogue.items.len();
    let rows = cities.len().saturating_mul(items.max(1)).saturating_add(1);
    if rows > MAX_ROWS {
        return Err(WorkbookError::TooManyRows {
            cities: cities.len(),
            items,
            rows,
            max: MAX_ROWS,
        });
    }
    if cities.is_empty() {
        return Err(WorkbookError::NoCities("no city has values for the year asked".into()));
    }
    let mut book = Book::new("cityprofile scores");
    let sheets = Sheets {
        items: keyed_sheet(&mut book, "items", &ITEM_KEYS)?,
        aggregates: keyed_sheet(&mut book, "aggregates", &AGG_KEYS)?,
        targets: book.add_sheet("targets", &TARGET_KEYS, &[], true)?,
        cities: keyed_sheet(&mut book, "cities", &CITY_KEYS)?,
    };
    for chunk in cities.chunks(CHUNK) {
        let scored: Vec<CityScores> = chunk.par_iter().map(|&(c, y)| city_scores(ws, c, y)).collect();
        for scores in &scored {
            write_city(&mut book, &sheets, ws, scores)?;
        }
    }
    about_sheet(&mut book, ws, cities.len())?;
    Ok(book.finish()?)
}

struct Sheets {
    items: SheetId,
    aggregates: SheetId,
    targets: SheetId,
    cities: SheetId,
}

/// One city's rows on every sheet.
fn write_city(book: &mut Book, sheets: &Sheets, ws: &Workspace, scores: &CityScores) -> Result<(), WorkbookError> {
    let profile = &scores.profile;
    let name = ws.dataset.cities[profile.city.index()].name.as_str();
    for row in &scores.items {
        book.push_row(sheets.items, with_city(name, row))?;
    }
    for row in &scores.aggregates {
        book.push_row(sheets.aggregates, with_city(name, row))?;
    }
    for score in &profile.items {
        let Some(target) = &score.target else { continue };
        let item = &ws.catalogue.items[score.item.index()];
        let kpi = ws.catalogue.kpi_of(score.item);
        let kind = match target.kind {
            TargetKind::Cited => "cited",
            TargetKind::Own => "own",
            TargetKind::Derived => "derived",
        };
        let value = target_json(target.value);
        let cells = vec![
            Cell::Text(name.into()),
            Cell::Text(kpi.code.as_str().into()),
            item.data_point.as_deref().map_or(Cell::Empty, |d| Cell::Text(d.into())),
            Cell::Text(kpi.name.as_str().into()),
            Cell::from(&value),
            target.worst.map_or(Cell::Empty, Cell::Number),
            Cell::Text(target.direction.unwrap_or(item.direction).as_str().into()),
            Cell::Text(kind.into()),
            Cell::Text(target.source.as_str().into()),
        ];
        book.push_row(sheets.targets, cells)?;
    }
    let city = city_row(ws, profile);
    book.push_row(sheets.cities, city.iter().map(Cell::from))?;
    Ok(())
}

/// The cells of a `city` column then `row`.
fn with_city<'a>(city: &'a str, row: &'a [serde_json::Value]) -> impl Iterator<Item = Cell<'a>> {
    std::iter::once(Cell::Text(city.into())).chain(row.iter().map(Cell::from))
}

/// What the workbook holds, how it was made and how to read its numbers.
fn about_sheet(book: &mut Book, ws: &Workspace, cities: usize) -> Result<(), WorkbookError> {
    let mut rows: Vec<(&str, String)> = vec![
        ("tool", format!("cityprofile {}", env!("CARGO_PKG_VERSION"))),
        ("made", today()),
        ("catalogue", ws.catalogue.name.clone()),
        (
            "target_set",
            format!("{}: {}", ws.scoring.set.key(), ws.scoring.set.describe()),
        ),
        (
            "derived_targets",
            ws.scoring
                .derived
                .map_or_else(|| "none".to_string(), |c| format!("from {}", c.label())),
        ),
        ("targets", ws.targets.label.to_string()),
        ("cities", cities.to_string()),
    ];
    for table in &ws.report.tables {
        let sheet = table.sheet.as_deref().map(|s| format!(" ({s})")).unwrap_or_default();
        let what = format!("{}{sheet}: {}, {} rows loaded", table.file, table.role, table.loaded);
        rows.push(("data", what));
    }
    rows.extend(README.iter().map(|(k, v)| (*k, (*v).to_string())));
    let about = book.add_sheet("about", &["about", "value"], &[], false)?;
    for (key, value) in rows {
        book.push_row(about, [Cell::Text(key.into()), Cell::from(value)])?;
    }
    Ok(())
}

/// How to read the sheets (the same words as the README's `score` output).
const README: [(&str, &str); 8] = [
    (
        "items",
        "One row per city and KPI or data point; the columns are the keys of `cityprofile score --format json`.",
    ),
    (
        "aggregates",
        "One row per city and category, sub-dimension, dimension and overall (`level`).",
    ),
    (
        "targets",
        "The target in force for each scored item: value, worst value (0 % of target), direction, kind (cited set, own, derived) and source.",
    ),
    (
        "cities",
        "One row per city: the year scored, the targets in force and how many values were left out for errors.",
    ),
    (
        "numbers",
        "Every number is the full value of the JSON output. achievement_pct and score_pct are % of target on 0-100 (74.3 means 74.3 %), shown with one decimal; points, counts and years show as whole numbers; values and targets as they are, in their unit.",
    ),
    (
        "empty cells",
        "An empty cell is not reported (value) or not scored (band, points, %): never 0.",
    ),
    (
        "bands",
        "The U4SSC bands as text: 0-33, 33-66, 66-95, 95+ (% of target). band_source: target, derived or u4ssc (the band U4SSC verification assigned).",
    ),
    (
        "text",
        "Text from the data is text: text starting with = + - @ shows as written (Excel's quote prefix) and never runs as a formula.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Sources;

    fn samples() -> Workspace {
        Workspace::load(&Sources::default(), &mut |_, _, _| {}).expect("samples")
    }

    /// More rows than a sheet holds is refused before anything is scored, with
    /// the numbers; no city is refused too (an empty workbook says nothing).
    #[test]
    fn a_workbook_too_long_for_a_sheet_or_empty_is_refused() {
        let ws = samples();
        let items = ws.catalogue.items.len();
        let fits = (MAX_ROWS - 1) / items;
        let too_many = vec![(CityId::new(0), None); fits + 1];
        match scores_workbook(&ws, &too_many) {
            Err(WorkbookError::TooManyRows { cities, rows, .. }) => {
                assert_eq!((cities, rows), (fits + 1, (fits + 1) * items + 1));
            }
            other => panic!("{:?}", other.map(|b| b.len())),
        }
        assert!(matches!(scores_workbook(&ws, &[]), Err(WorkbookError::NoCities(_))));
    }

    #[test]
    fn cities_of_a_year_are_those_with_values_in_it() {
        let ws = samples();
        assert_eq!(cities_in(&ws, None).len(), ws.dataset.cities.len());
        let year = ws.dataset.latest_year(CityId::new(0)).expect("a year");
        let of_year = cities_in(&ws, Some(year));
        assert!(!of_year.is_empty());
        for (city, y) in &of_year {
            assert_eq!(*y, Some(year));
            assert!(ws.dataset.years_of(*city).contains(&year));
        }
        assert!(cities_in(&ws, Some(1200)).is_empty());
    }
}
