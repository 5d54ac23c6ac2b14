//! The cells beside a value: its unit (checked against the catalogue's), the
//! band U4SSC printed, the data-quality class and the verified flag.

use crate::model::{ItemId, PrintedBand, Quality, UnitKind};

use super::super::cells::{clean, parse_flag};
use super::super::problem::Severity;
use super::super::table::{Check, Pos, RawTable};
use super::reader::RowReader;

impl RowReader<'_> {
    /// Warns when a row's unit is of another kind than the catalogue's.
    pub(super) fn check_unit(&mut self, table: &RawTable, column: Option<usize>, unit: &str, item: ItemId, row: usize) {
        let catalogue = self.resolver.catalogue();
        let (given, expected) = (UnitKind::classify(unit), catalogue.items[item.index()].unit_kind);
        if given != expected && given != UnitKind::Unknown && expected != UnitKind::Unknown {
            let message = || {
                format!(
                    "unit '{}' differs from the catalogue's '{}' for {}",
                    clean(unit),
                    catalogue.items[item.index()].unit,
                    catalogue.item_label(item)
                )
            };
            let check = Check {
                key: "unit of another kind",
                severity: Severity::Warning,
                hint: "convert the value to the catalogue's unit",
            };
            table.report(&mut self.report, check, (Some(row), column), Some(unit), message);
        }
    }

    /// The row's printed performance to benchmark (a U4SSC band, or "No Benchmark
    /// Available"); another text is a warning and ignored.
    pub(super) fn printed_band(&mut self, table: &RawTable, column: Option<usize>, pos: Pos) -> Option<PrintedBand> {
        let check = Check {
            key: "not a U4SSC band",
            severity: Severity::Warning,
            hint: "write 0-33, 33-66, 66-95, 95+ (or '95 % + of target', 'No Benchmark Available'); the cell is ignored",
        };
        self.parsed_or_ignored(table, (column, pos), check, "not a U4SSC band", PrintedBand::parse)
    }

    /// The row's data-quality class; a text that is none of the six is kept as
    /// given, with a warning.
    pub(super) fn quality(&mut self, table: &RawTable, column: Option<usize>, pos: Pos) -> Option<Quality> {
        let text = column.and_then(|c| table.at(c, pos))?;
        match Quality::parse(text)? {
            Quality::Other(_) => {
                let check = Check {
                    key: "not a data-quality class",
                    severity: Severity::Warning,
                    hint: "write 1-6 or the class: based on accurate measurements, extrapolated from survey, extrapolated from higher-level data, estimation with assumptions, personal estimation, unknown methodology",
                };
                let message = || "not one of the six U4SSC data-quality classes; kept as written".into();
                table.report(&mut self.report, check, (Some(pos.row), column), Some(text), message);
                self.interner.get(Some(text)).map(Quality::Other)
            }
            class => Some(class),
        }
    }

    /// The row's verified flag; a cell that is not yes/no is a warning and ignored.
    pub(super) fn verified_flag(&mut self, table: &RawTable, column: Option<usize>, pos: Pos) -> Option<bool> {
        let check = Check {
            key: "verified not yes/no",
            severity: Severity::Warning,
            hint: "write Yes or No; the cell is ignored",
        };
        self.parsed_or_ignored(table, (column, pos), check, "verified should be Yes or No", parse_flag)
    }

    /// A non-blank cell as `parse` reads it; a text it refuses is reported
    /// (`check`, `message`) and the cell ignored.
    fn parsed_or_ignored<T>(
        &mut self,
        table: &RawTable,
        (column, pos): (Option<usize>, Pos),
        check: Check<'static>,
        message: &'static str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Option<T> {
        let text = column.and_then(|c| table.at(c, pos)).filter(|t| !clean(t).is_empty())?;
        let parsed = parse(text);
        if parsed.is_none() {
            table.report(&mut self.report, check, (Some(pos.row), column), Some(text), || {
                message.into()
            });
        }
        parsed
    }
}
