//! Work done once per distinct text while rows are read: interned note texts,
//! and, in coded columns (see [`super::columns`]), a result per code, so a
//! value or KPI repeated over a million rows is parsed or resolved once.

use std::sync::Arc;

use polars::prelude::PlHashMap;

use super::cells::clean;
use super::table::{Pos, RawTable};

/// Interns repeated texts (sources, notes, units) so a million rows share a few strings.
#[derive(Default)]
pub(crate) struct Interner(PlHashMap<String, Arc<str>>);

impl Interner {
    pub(crate) fn get(&mut self, text: Option<&str>) -> Option<Arc<str>> {
        let text = clean(text?);
        if text.is_empty() {
            return None;
        }
        if let Some(found) = self.0.get(text) {
            return Some(found.clone());
        }
        let shared: Arc<str> = Arc::from(text);
        self.0.insert(text.to_string(), shared.clone());
        Some(shared)
    }
}

/// A result per code of one column.
pub(crate) struct CodeMemo<T> {
    column: usize,
    slots: Vec<Option<T>>,
}

impl<T: Copy> CodeMemo<T> {
    /// A memo for `column` (an empty one without a column or for a text column).
    pub(crate) fn new(table: &RawTable, column: Option<usize>) -> CodeMemo<T> {
        let words = column.and_then(|c| table.words(c)).unwrap_or(0);
        CodeMemo {
            column: column.unwrap_or(usize::MAX),
            slots: vec![None; words],
        }
    }

    /// What was remembered for the cell's code.
    pub(crate) fn known(&self, table: &RawTable, pos: Pos) -> Option<T> {
        let code = table.code(self.column, pos)?;
        *self.slots.get(code as usize)?
    }

    /// Remembers `value` for the cell's code.
    pub(crate) fn remember(&mut self, table: &RawTable, pos: Pos, value: T) {
        if let Some(slot) = table
            .code(self.column, pos)
            .and_then(|code| self.slots.get_mut(code as usize))
        {
            *slot = Some(value);
        }
    }

    /// `compute` of the cell's text, from the memo when its code was seen
    /// (empty cells and text columns are computed every time).
    pub(crate) fn get(&mut self, table: &RawTable, pos: Pos, compute: impl FnOnce(Option<&str>) -> T) -> T {
        let slot = table
            .code(self.column, pos)
            .and_then(|code| self.slots.get_mut(code as usize));
        match slot {
            Some(Some(known)) => *known,
            Some(slot) => *slot.insert(compute(table.at(self.column, pos))),
            None => compute(table.at(self.column, pos)),
        }
    }
}

/// The codes of a row's KPI and data-point cells, when both columns are coded
/// (or there is no data-point column): the key of a memo of resolved items.
pub(crate) fn pair_key(table: &RawTable, kpi: usize, data_point: Option<usize>, pos: Pos) -> Option<u64> {
    let kpi_code = table.code(kpi, pos)?;
    let dp_code = match data_point {
        Some(c) => table.code(c, pos)?,
        None => u32::MAX,
    };
    Some(u64::from(kpi_code) << 32 | u64::from(dp_code))
}
