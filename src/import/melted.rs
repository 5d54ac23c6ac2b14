//! What a table melted from years (or cities) as columns was: a spreadsheet
//! row of `city, kpi, 2019, 2020` becomes a row per year cell, all with the
//! spreadsheet row's number (see `reshape`). The readers see the long form; the
//! report speaks of the file the user has: its rows, and the year column a
//! value came from, and says a problem of the row's own cells (its city, its
//! KPI) once for the row, not once per year.

use std::sync::Arc;

/// What the columns of a melted table's source were.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MeltedBy {
    Years,
    Cities,
}

/// A melted table's source: its rows, and the column each value came from.
#[derive(Debug, Clone)]
pub(crate) struct Melted {
    pub by: MeltedBy,
    /// The source table's data rows (what the user counts).
    pub rows: usize,
    /// The melted table's column of values (cells of several source columns).
    pub value: usize,
    /// The source headers of the melted columns (`2019`, `2020`).
    headers: Arc<[String]>,
    /// Per melted row, the index in `headers` of the column its value came from.
    of_row: Arc<[u32]>,
}

impl Melted {
    pub(crate) fn new(by: MeltedBy, rows: usize, value: usize, headers: Vec<String>, of_row: Vec<u32>) -> Melted {
        Melted {
            by,
            rows,
            value,
            headers: headers.into(),
            of_row: of_row.into(),
        }
    }

    /// The source column of the value in melted row `row` (`2020`).
    pub(crate) fn header_of(&self, row: usize) -> Option<&str> {
        let i = *self.of_row.get(row)?;
        self.headers.get(i as usize).map(String::as_str)
    }

    /// The table's role, for its summary.
    pub(crate) fn role(&self) -> &'static str {
        match self.by {
            MeltedBy::Years => "values (years as columns)",
            MeltedBy::Cities => "values (cities as columns)",
        }
    }
}
