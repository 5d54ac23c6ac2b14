//! Excel workbooks (`rust_xlsxwriter`) of scores and index runs: one table per
//! sheet, a bold frozen header, an autofilter over the data and columns sized to
//! their content. Numbers are numbers with a number format (the cell holds the
//! full value, the same as the JSON output's); text from the data is always
//! written as text, and text a spreadsheet would take for a formula carries
//! Excel's quote prefix, so it shows unchanged and never runs.

mod book;
mod index;
mod scores;

pub use index::index_workbook;
pub use scores::{cities_in, scores_workbook};

/// Why a workbook could not be made.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    #[error("the workbook could not be made: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error(
        "{cities} cities × {items} items are {rows} rows, more than the {max} a spreadsheet sheet holds: export fewer cities (a year, a peer group) or one at a time"
    )]
    TooManyRows {
        cities: usize,
        items: usize,
        rows: usize,
        max: usize,
    },
    #[error("no city to export: {0}")]
    NoCities(String),
}
