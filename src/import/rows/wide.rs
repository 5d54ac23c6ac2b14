//! Wide tables: one row per city (and year), one column per KPI or data point.

use crate::model::ItemId;

use super::super::cells::{clean, parse_value};
use super::super::checks::ObsCells;
use super::super::table::RawTable;
use super::super::words::{CITY, YEAR};
use super::super::years::read_year;
use super::reader::{CITY_MISSING, Extras, Known, NOT_A_YEAR, RowReader};

impl RowReader<'_> {
    /// Reads a wide table whose KPI columns are given as (column index, item).
    pub(crate) fn read_wide(&mut self, table: &RawTable, kpi_columns: &[(usize, ItemId)]) {
        let Some(c_city) = table.find_column(CITY) else {
            return;
        };
        let c_year = table.find_column(YEAR);
        let extras = Extras::find(table);
        for pos in table.positions() {
            let row = pos.row;
            let Some(city_text) = table.at(c_city, pos).filter(|t| !clean(t).is_empty()) else {
                if kpi_columns.iter().any(|(c, _)| table.at(*c, pos).is_some()) {
                    let at = (Some(row), Some(c_city));
                    table.report(&mut self.report, CITY_MISSING, at, None, || {
                        "the city is missing".into()
                    });
                }
                continue;
            };
            let year = match c_year.map(|c| (c, table.at(c, pos))) {
                None => None,
                Some((c, Some(t))) if read_year(t).is_some() => {
                    let (year, span) = read_year(t).unwrap_or_default();
                    if span {
                        self.say_period(table, (c, pos), t, year);
                    }
                    Some(year)
                }
                Some((c, text)) => {
                    let message = || "the year is missing or not a year".into();
                    table.report(&mut self.report, NOT_A_YEAR, (Some(row), Some(c)), text, message);
                    for _ in kpi_columns.iter().filter(|(c, _)| table.at(*c, pos).is_some()) {
                        self.leave_out(Known::Text(city_text));
                    }
                    continue;
                }
            };
            let city = self.city(city_text);
            for &(c_value, item) in kpi_columns {
                let value_text = table.at(c_value, pos).unwrap_or("");
                let obs = ObsCells {
                    city,
                    year,
                    item,
                    cell: parse_value(value_text, table.decimal_comma),
                    c_value,
                    row,
                    pos,
                };
                self.add(table, obs, &extras);
            }
        }
    }
}
