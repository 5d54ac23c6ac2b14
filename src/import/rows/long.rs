//! Long tables (`city, year, kpi, value, ...`): one value per row, with the
//! city, year, item and value of repeated texts worked out once (by the
//! previous row's text, or by code in a coded column).

use std::ops::Range;
use std::sync::Arc;

use polars::prelude::PlHashMap;

use crate::model::{CityId, ItemId};

use super::super::cells::{Cell, clean, parse_value};
use super::super::checks::ObsCells;
use super::super::memo::{CodeMemo, pair_key};
use super::super::problem::Severity;
use super::super::resolve::{Culprit, RefProblem};
use super::super::table::{Check, Pos, RawTable};
use super::super::years::{Period, read_year};
use super::reader::{CITY_MISSING, Extras, Known, NOT_A_YEAR, PERIOD, RowReader};

/// A row's KPI and data point, resolved: the item (with a warning), or why not.
type Resolved = Result<(ItemId, Option<Arc<RefProblem>>), Arc<RefProblem>>;

/// The columns of a long table.
pub(crate) struct LongColumns {
    pub city: usize,
    pub kpi: usize,
    pub value: usize,
    pub year: Option<usize>,
    pub data_point: Option<usize>,
    pub extras: Extras,
}

/// What the previous rows of a long table looked like: their year and city
/// texts, the cities seen (by text), the values and items seen (by code in a
/// coded column), so repeats are not parsed or resolved again.
struct Repeats<'t> {
    year: Option<(&'t str, i32)>,
    city: Option<(&'t str, CityId)>,
    cities: PlHashMap<&'t str, CityId>,
    city_codes: CodeMemo<CityId>,
    year_codes: CodeMemo<i32>,
    values: CodeMemo<Option<Cell>>,
    /// KPI and data-point cells resolved, by [`pair_key`].
    items: PlHashMap<u64, Resolved>,
}

impl RowReader<'_> {
    /// Reads the long-table rows in `rows`. A bad row is reported and left out.
    pub(crate) fn read_long(&mut self, table: &RawTable, cols: &LongColumns, rows: Range<usize>) {
        // Long tables usually repeat a city and year over many rows: compare with the
        // previous row's text before hashing or parsing again.
        let mut repeats = Repeats {
            year: None,
            city: None,
            cities: PlHashMap::default(),
            city_codes: CodeMemo::new(table, Some(cols.city)),
            year_codes: CodeMemo::new(table, cols.year),
            values: CodeMemo::new(table, Some(cols.value)),
            items: PlHashMap::default(),
        };
        let decimal_comma = table.decimal_comma;
        if self.block.is_none() {
            self.observations.reserve(rows.len());
        }
        for pos in table.positions_in(rows) {
            // A city already met by its code needs no text (nor the blank-row check).
            let known_city = repeats.city_codes.known(table, pos);
            let city_text = match known_city {
                Some(_) => None,
                None => match self.city_text(table, cols, pos) {
                    Some(text) => Some(text),
                    None => continue,
                },
            };
            let year = match repeats.year_codes.known(table, pos) {
                Some(year) => Some(year),
                None => match self.year_of(table, cols.year, pos, &mut repeats.year) {
                    Ok(year) => {
                        // A period of two years is said on every row: not remembered.
                        if let Some((y, false)) = year {
                            repeats.year_codes.remember(table, pos, y);
                        }
                        year.map(|(y, _)| y)
                    }
                    Err(()) => {
                        self.leave_out(known(known_city, city_text));
                        continue;
                    }
                },
            };
            let Some(item) = self.item_of(table, cols, pos, &mut repeats.items) else {
                self.leave_out(known(known_city, city_text));
                continue;
            };
            let city = match (known_city, city_text) {
                (Some(city), _) => city,
                (None, text) => {
                    let city = self.city_of(text.unwrap_or_default(), &mut repeats);
                    repeats.city_codes.remember(table, pos, city);
                    city
                }
            };
            let cell = repeats
                .values
                .get(table, pos, |text| parse_value(text.unwrap_or(""), decimal_comma));
            let obs = ObsCells {
                city,
                year,
                item,
                cell,
                c_value: cols.value,
                row: pos.row,
                pos,
            };
            self.add(table, obs, &cols.extras);
        }
    }

    /// The row's city text; `None` for a blank row (skipped) or a row without a
    /// city (reported).
    fn city_text<'t>(&mut self, table: &'t RawTable, cols: &LongColumns, pos: Pos) -> Option<&'t str> {
        let (city_text, kpi_text) = (table.at(cols.city, pos), table.at(cols.kpi, pos));
        if city_text.is_none() && kpi_text.is_none() && table.at(cols.value, pos).is_none() {
            return None; // a blank row
        }
        let text = city_text.filter(|t| !clean(t).is_empty());
        if text.is_none() {
            let at = (Some(pos.row), Some(cols.city));
            table.report(&mut self.report, CITY_MISSING, at, None, || {
                "the city is missing".into()
            });
        }
        text
    }

    /// The row's year (`None` without a year column); `Err` when it is missing or
    /// not a year (reported).
    fn year_of<'t>(
        &mut self,
        table: &'t RawTable,
        column: Option<usize>,
        pos: Pos,
        last: &mut Option<(&'t str, i32)>,
    ) -> Result<Option<(i32, bool)>, ()> {
        let Some(c) = column else { return Ok(None) };
        let text = table.at(c, pos);
        let year = text.and_then(|t| match *last {
            Some((previous, y)) if previous == t => Some((y, false)),
            _ => read_year(t),
        });
        if let (Some(t), Some((y, span))) = (text, year) {
            match span {
                true => self.say_period(table, (c, pos), t, y),
                false => *last = Some((t, y)),
            }
            return Ok(Some((y, span)));
        }
        let message = || match text {
            Some(t) => format!("'{}' is not a year", clean(t)),
            None => "the year is missing".into(),
        };
        table.report(&mut self.report, NOT_A_YEAR, (Some(pos.row), Some(c)), text, message);
        Err(())
    }

    /// Says that a year cell named a period of two years, read as its first.
    pub(super) fn say_period(&mut self, table: &RawTable, (c, pos): (usize, Pos), text: &str, year: i32) {
        let message = || {
            let period = Period { year, span: true };
            super::super::reshape::period_note(clean(text), period)
        };
        table.report(&mut self.report, PERIOD, (Some(pos.row), Some(c)), Some(text), message);
    }

    /// The row's KPI or data point; `None` when it does not resolve (reported).
    /// Every outcome is remembered by the cells' codes, so a KPI repeated over a
    /// million rows is resolved (and a bad one explained) once.
    fn item_of(
        &mut self,
        table: &RawTable,
        cols: &LongColumns,
        pos: Pos,
        known: &mut PlHashMap<u64, Resolved>,
    ) -> Option<ItemId> {
        let key = pair_key(table, cols.kpi, cols.data_point, pos);
        let resolved = match key.and_then(|k| known.get(&k)) {
            Some(found) => found.clone(),
            None => {
                let kpi_text = table.at(cols.kpi, pos).unwrap_or("");
                let dp_text = cols.data_point.and_then(|c| table.at(c, pos));
                let resolved = match self.resolver.resolve(kpi_text, dp_text) {
                    Ok((item, warning)) => Ok((item, warning.map(Arc::new))),
                    Err(problem) => Err(Arc::new(problem)),
                };
                if let Some(key) = key {
                    known.insert(key, resolved.clone());
                }
                resolved
            }
        };
        let (item, problem, severity) = match resolved {
            Ok((item, None)) => return Some(item),
            Ok((item, Some(warning))) => (Some(item), warning, Severity::Warning),
            Err(problem) => (None, problem, Severity::Error),
        };
        let (column, key) = match (problem.culprit, item) {
            (_, Some(_)) => (cols.data_point, "data point ignored"),
            (Culprit::Kpi, None) => (Some(cols.kpi), "KPI not found"),
            (Culprit::DataPoint, None) => (cols.data_point.or(Some(cols.kpi)), "data point not found"),
        };
        let text = column.and_then(|c| table.at(c, pos));
        let check = Check {
            key,
            severity,
            hint: &problem.hint,
        };
        table.report(&mut self.report, check, (Some(pos.row), column), text, || {
            problem.message.clone()
        });
        item
    }

    /// The city of a row's text, through the last row's city and a per-text cache.
    fn city_of<'t>(&mut self, text: &'t str, repeats: &mut Repeats<'t>) -> CityId {
        let city = match repeats.city {
            Some((last, id)) if last == text => id,
            _ => match repeats.cities.get(text) {
                Some(id) => *id,
                None => {
                    let id = self.city(text);
                    repeats.cities.insert(text, id);
                    id
                }
            },
        };
        repeats.city = Some((text, city));
        city
    }
}

/// The row's city as far as it was read: by its code's city, or its text.
fn known<'t>(id: Option<CityId>, text: Option<&'t str>) -> Known<'t> {
    match (id, text) {
        (Some(id), _) => Known::Id(id),
        (None, text) => Known::Text(text.unwrap_or_default()),
    }
}
