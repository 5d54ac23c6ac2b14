//! The index workbook: sheet `ranking` (the columns of `index --format csv`, its
//! numbers in full) and `about` (every setting of the run).

use serde_json::Value as Json;

use super::WorkbookError;
use super::book::{Book, Cell, Shown};
use crate::chart::figure::today;
use crate::export::index_out::IndexRun;

/// How a ranking column shows its numbers.
fn shown(key: &str) -> Shown {
    match key {
        "rank" => Shown::Integer,
        "score" => Shown::TwoDecimals,
        "median_rank" | "q05_rank" | "q95_rank" => Shown::OneDecimal,
        "p_top3" | "driver_share" | "coverage" => Shown::Percent,
        k if k.ends_with(" rank") => Shown::Integer,
        k if k.ends_with(" score") => Shown::TwoDecimals,
        _ => Shown::General,
    }
}

/// The run as an Excel workbook's bytes.
pub fn index_workbook(run: &IndexRun) -> Result<Vec<u8>, WorkbookError> {
    let mut book = Book::new("cityprofile index");
    let header = run.header();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let formats: Vec<Shown> = header.iter().map(|k| shown(k)).collect();
    let ranking = book.add_sheet("ranking", &header, &formats, true)?;
    for row in run.rows_with(false) {
        book.push_row(ranking, row.iter().map(Cell::from))?;
    }
    let about = book.add_sheet("about", &["about", "value"], &[], false)?;
    let made = [
        (
            "tool",
            Json::String(format!("cityprofile {}", env!("CARGO_PKG_VERSION"))),
        ),
        ("made", Json::String(today())),
    ];
    let settings = run.settings_json();
    let settings = settings
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.as_str(), v.clone()));
    let shift = (
        "mean_rank_shift",
        serde_json::json!(run.uncertainty.as_ref().map(|u| u.mean_rank_shift)),
    );
    let notes = README.iter().map(|(k, v)| (*k, Json::String((*v).to_string())));
    for (key, value) in made.into_iter().chain(settings).chain([shift]).chain(notes) {
        book.push_row(about, [Cell::Text(key.into()), Cell::from(&value)])?;
    }
    Ok(book.finish()?)
}

/// How to read the ranking (the README's `index` output in short).
const README: [(&str, &str); 3] = [
    (
        "ranking",
        "One row per city, ranked ones by rank, then those not ranked with the reason; the columns of `cityprofile index --format csv`.",
    ),
    (
        "numbers",
        "Every number is the full value of the JSON output. score and the dimension scores are 0-100, shown with two decimals; ranks as whole numbers, rank quantiles with one decimal; p_top3, driver_share and coverage are shares of 0-1 shown as percentages (0.743 shows 74.3%).",
    ),
    (
        "empty cells",
        "An empty cell has no value: not ranked, not scored, or no uncertainty run (never 0).",
    ),
];
