//! What the one-pass readers share: their result ([`Streamed`]), the merge of
//! block readers in row order, and the check that a header is a plain long table.

use std::sync::Arc;

use crate::model::{Catalogue, Observation};

use super::super::report::{ImportReport, TableSummary};
use super::super::roles::{Role, classify};
use super::super::rows::{Extras, LongColumns, RowReader};
use super::super::table::RawTable;
use super::super::values::ValuesBuilder;
use super::super::words::{CITY, DATA_POINT, KPI, VALUE, YEAR, header_key};

/// A values file read in one pass: its dataset, report and table summary.
pub(crate) struct Streamed<'c> {
    pub builder: ValuesBuilder<'c>,
    pub report: ImportReport,
    pub summary: TableSummary,
}

impl<'c> Streamed<'c> {
    /// A long table read in one pass: its `rows` records, `loaded` of them as
    /// observations, summarised as the table path summarises one.
    pub(super) fn new(
        (builder, report): (ValuesBuilder<'c>, ImportReport),
        file: &str,
        shape: &super::super::rows::PlainShape,
        (rows, loaded): (usize, usize),
        sample: Option<Vec<String>>,
    ) -> Streamed<'c> {
        let summary = TableSummary {
            file: file.to_string(),
            sheet: None,
            role: "values (long)".into(),
            rows,
            loaded,
            headers: shape.headers.clone(),
            sample: sample.unwrap_or_default(),
        };
        Streamed {
            builder,
            report,
            summary,
        }
    }

    /// The values read, for the import to go on from; the report and table
    /// summary go to `report`, as the table path's would.
    pub(crate) fn adopt(self, report: &mut ImportReport) -> ValuesBuilder<'c> {
        report.absorb(self.report);
        report.tables.push(self.summary);
        self.builder
    }
}

/// Merges readers of consecutive rows, in order; their emptied lists go back to
/// `lists` for the next readers. Returns the observations added.
pub(super) fn merge_in_order(
    builder: &mut ValuesBuilder<'_>,
    readers: Vec<RowReader<'_>>,
    (lists, report): (&mut Vec<Vec<Observation>>, &mut ImportReport),
) -> usize {
    let mut loaded = 0;
    for reader in readers {
        let (added, list) = builder.merge_keeping(reader, report);
        loaded += added;
        lists.push(list);
    }
    loaded
}

/// The columns of a plain long table: exactly city, year, KPI, value and
/// optionally data point (each once), in a table the table path would read as
/// values in long form without a word. `None` for anything else.
pub(super) fn plain_columns(headers: &[String], file: &Arc<str>, catalogue: &Catalogue) -> Option<LongColumns> {
    let roles = [CITY, YEAR, KPI, DATA_POINT, VALUE];
    let mut counts = [0usize; 5];
    for header in headers {
        let key = header_key(header);
        counts[roles.iter().position(|names| names.contains(&key.as_str()))?] += 1;
    }
    if counts != [1, 1, 1, 1, 1] && counts != [1, 1, 1, 0, 1] {
        return None;
    }
    let mut scratch = ImportReport::default();
    let empty = vec![Vec::<Option<&str>>::new(); headers.len()];
    let head = RawTable::from_cells(file, None, headers.to_vec(), empty, 2);
    let long = classify(&head, catalogue, &mut scratch) == Some(Role::ValuesLong);
    if !long || !scratch.problems.is_empty() || !scratch.unlisted.is_empty() {
        return None;
    }
    Some(LongColumns {
        city: head.find_column(CITY)?,
        kpi: head.find_column(KPI)?,
        value: head.find_column(VALUE)?,
        year: Some(head.find_column(YEAR)?),
        data_point: head.find_column(DATA_POINT),
        extras: Extras::find(&head),
    })
}
