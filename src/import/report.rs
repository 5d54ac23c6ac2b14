//! The validation report: every problem found while reading files, with where
//! it is and what to do about it.

use super::kinds::{Kinds, Site};
use super::problem::{Problem, Severity};
use std::collections::{BTreeMap, HashMap};

/// What one table (a file or a sheet) contributed.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TableSummary {
    pub file: String,
    pub sheet: Option<String>,
    /// `values (long)`, `values (wide)`, `targets`, `cities` or `ignored`.
    pub role: String,
    pub rows: usize,
    pub loaded: usize,
    /// The table's column headers (for the app's column-mapping dialog).
    #[serde(skip)]
    pub headers: Vec<String>,
    /// The first data row's cells, for the same dialog.
    #[serde(skip)]
    pub sample: Vec<String>,
}

/// Problems of no kind (a file's or a table's, see [`ImportReport::push`])
/// listed per file before the rest are only counted. Row checks have kinds,
/// listed up to [`super::kinds::MAX_LISTED_PER_KIND`] each and located beyond.
pub const MAX_LISTED_PER_FILE: usize = 500;

/// Kinds of problem after which no city may be scored: the data say two
/// things at once and the import cannot tell which (see `duplicates`).
pub(crate) const STOPS: [&str; 1] = ["tables merged into one city"];

/// Every problem of an import, plus what each table contributed.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ImportReport {
    pub problems: Vec<Problem>,
    pub tables: Vec<TableSummary>,
    /// Problems counted but not listed, per file (ordered by file, so that every
    /// run prints the same report): those of no kind beyond the file's listing.
    pub unlisted: BTreeMap<String, usize>,
    /// Problems by kind (row checks): a kind's first problems are listed, the
    /// rest kept as repeats (see [`super::kinds`]).
    pub kinds: Kinds,
    /// Values left out for errors, per city (its name, lowercased): what a
    /// city's scores do not rest on.
    pub left_out: BTreeMap<String, usize>,
    errors: usize,
    warnings: usize,
    #[serde(skip)]
    listed_per_file: HashMap<String, usize>,
    #[serde(skip)]
    said: SaidInRow,
}

/// The kinds said of the last spreadsheet row by [`ImportReport::push_once_per_row`].
#[derive(Debug, Clone, Default)]
struct SaidInRow {
    row: usize,
    kinds: Vec<u32>,
}

impl ImportReport {
    fn tally(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => {}
        }
    }

    /// Records a problem of no particular kind (a file's or a table's); beyond
    /// [`MAX_LISTED_PER_FILE`] in a file they are only counted.
    pub fn push(&mut self, problem: Problem) {
        self.tally(problem.severity);
        self.list_ungrouped(problem);
    }

    fn list_ungrouped(&mut self, problem: Problem) {
        let listed = self.listed_per_file.entry(problem.file.clone()).or_insert(0);
        if *listed < MAX_LISTED_PER_FILE {
            *listed += 1;
            self.problems.push(problem);
            self.kinds.listed_kind.push(None);
        } else {
            *self.unlisted.entry(problem.file).or_insert(0) += 1;
        }
    }

    /// Records a problem found by a row check at `site`. `make` writes it, and is
    /// only called while its kind is listed in full: beyond that the problem is
    /// kept as its kind and row, without a string.
    pub(crate) fn push_at(&mut self, site: Site<'_>, make: impl FnOnce() -> Problem) -> u32 {
        match self.kinds.find(&site) {
            None => {
                self.tally(site.severity);
                let problem = make();
                let k = self.kinds.add_kind(&site, &problem);
                self.problems.push(problem);
                self.kinds.listed_kind.push(Some(k));
                k
            }
            Some(k) => {
                self.push_of_kind(k, &site, make);
                k
            }
        }
    }

    /// [`ImportReport::push_at`] for a problem of a spreadsheet row's own cell
    /// in a table melted from years as columns, met once per year: said (and
    /// counted) the first time only. The melted cells of a row come one after
    /// another, so the kinds said of the last row are all there is to remember.
    pub(crate) fn push_once_per_row(&mut self, site: Site<'_>, make: impl FnOnce() -> Problem) {
        let Some(row) = site.row else {
            self.push_at(site, make);
            return;
        };
        let said = self
            .kinds
            .find(&site)
            .filter(|k| self.said.row == row && self.said.kinds.contains(k));
        if said.is_some() {
            return;
        }
        let k = self.push_at(site, make);
        if self.said.row != row {
            self.said = SaidInRow { row, kinds: Vec::new() };
        }
        self.said.kinds.push(k);
    }

    /// [`ImportReport::push_at`] for a problem of kind `k`, known to be `site`'s
    /// (from an earlier push of the same check and place): no lookup of the kind.
    pub(crate) fn push_of_kind(&mut self, k: u32, site: &Site<'_>, make: impl FnOnce() -> Problem) {
        self.tally(site.severity);
        self.kinds.count_at(k, site.row);
        if self.kinds.list_or_repeat(k, site.row) {
            self.problems.push(make());
            self.kinds.listed_kind.push(Some(k));
        }
    }

    /// Puts the problems beyond their kind's listing in row order (then kind
    /// order): reports read in parts (by several threads, or block by block)
    /// gather them part by part, so without this their order would depend on
    /// how the rows were split.
    pub(crate) fn order_repeats(&mut self) {
        self.kinds.repeats.sort_unstable_by_key(|r| (r.row, r.kind));
    }

    /// Moves everything from another report into this one, keeping its counts;
    /// problems beyond the listing limits are counted (and, with a kind, located).
    pub(crate) fn absorb(&mut self, other: ImportReport) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        for (file, n) in other.unlisted {
            *self.unlisted.entry(file).or_insert(0) += n;
        }
        let ids: Vec<u32> = other.kinds.kinds.iter().map(|k| self.kinds.adopt(k)).collect();
        for (problem, kind) in other.problems.into_iter().zip(other.kinds.listed_kind) {
            match kind.and_then(|k| ids.get(k as usize)) {
                None => self.list_ungrouped(problem),
                Some(&k) => {
                    if self.kinds.list_or_repeat(k, problem.row) {
                        self.problems.push(problem);
                        self.kinds.listed_kind.push(Some(k));
                    }
                }
            }
        }
        for repeat in other.kinds.repeats {
            if let Some(&kind) = ids.get(repeat.kind as usize) {
                self.kinds.repeats.push(super::kinds::Repeat { kind, ..repeat });
            }
        }
        self.tables.extend(other.tables);
        self.add_left_out(other.left_out);
    }

    /// Adds counts of values left out, per city.
    pub(crate) fn add_left_out(&mut self, counts: impl IntoIterator<Item = (String, usize)>) {
        for (city, n) in counts {
            *self.left_out.entry(city).or_default() += n;
        }
    }

    /// How many of this city's values were left out for errors.
    pub fn left_out_of(&self, city: &str) -> usize {
        self.left_out.get(&city.trim().to_lowercase()).copied().unwrap_or(0)
    }

    /// The problem that stops scoring (see [`STOPS`]), when there is one.
    pub fn stop(&self) -> Option<&Problem> {
        let stops = |k: &Option<u32>| {
            k.and_then(|k| self.kinds.kinds.get(k as usize))
                .is_some_and(|k| STOPS.contains(&k.kind.as_str()))
        };
        self.problems
            .iter()
            .zip(&self.kinds.listed_kind)
            .find(|(_, k)| stops(k))
            .map(|(p, _)| p)
    }

    /// Number of errors, listed or not.
    pub fn error_count(&self) -> usize {
        self.errors
    }

    /// Number of warnings, listed or not.
    pub fn warning_count(&self) -> usize {
        self.warnings
    }

    /// A report read back from the import cache: its listed problems, tables,
    /// unlisted counts and totals (the per-file listing counts are recomputed).
    pub(crate) fn from_parts(
        problems: Vec<Problem>,
        tables: Vec<TableSummary>,
        (unlisted, left_out): (BTreeMap<String, usize>, BTreeMap<String, usize>),
        kinds: Kinds,
        (errors, warnings): (usize, usize),
    ) -> ImportReport {
        let mut listed_per_file = HashMap::new();
        for (p, kind) in problems.iter().zip(&kinds.listed_kind) {
            if kind.is_none() {
                *listed_per_file.entry(p.file.clone()).or_insert(0) += 1;
            }
        }
        let mut kinds = kinds.reindexed();
        kinds.listed_kind.resize(problems.len(), None);
        ImportReport {
            problems,
            tables,
            unlisted,
            kinds,
            left_out,
            errors,
            warnings,
            listed_per_file,
            said: SaidInRow::default(),
        }
    }

    /// True when there is at least one error.
    pub(crate) fn has_errors(&self) -> bool {
        self.errors > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The files whose problems overflow the listing come out in the same (file
    /// name) order on every run; a hash map gave a different order per run.
    #[test]
    fn unlisted_files_come_in_a_stable_order() {
        let mut report = ImportReport::default();
        for file in ["e.csv", "b.csv", "d.csv", "a.csv", "c.csv"] {
            for _ in 0..=MAX_LISTED_PER_FILE {
                report.push(Problem::file(Severity::Warning, file, "outside 0-100", ""));
            }
        }
        let files: Vec<&str> = report.unlisted.keys().map(String::as_str).collect();
        assert_eq!(files, ["a.csv", "b.csv", "c.csv", "d.csv", "e.csv"]);
        assert_eq!(report.warning_count(), 5 * (MAX_LISTED_PER_FILE + 1));
    }

    /// Reports read in parts (threads) merge kind by kind: one kind, its first
    /// 100 listed in full, every other problem kept with its row.
    #[test]
    fn parts_merge_kind_by_kind() {
        let part = |rows: std::ops::Range<usize>| {
            let mut report = ImportReport::default();
            report.push(Problem::file(Severity::Info, "a.csv", "a table note", ""));
            for row in rows {
                let site = Site {
                    key: "percentage outside 0-100",
                    severity: Severity::Warning,
                    file: "a.csv",
                    sheet: None,
                    column: Some("value"),
                    row: Some(row),
                };
                report.push_at(site, || {
                    let mut p = Problem::file(Severity::Warning, "a.csv", format!("row {row} is outside"), "");
                    p.row = Some(row);
                    p
                });
            }
            report
        };
        let mut merged = ImportReport::default();
        merged.absorb(part(2..152));
        merged.absorb(part(152..302));
        assert_eq!(merged.warning_count(), 300);
        assert_eq!(merged.kinds.kinds.len(), 1);
        let kind = &merged.kinds.kinds[0];
        assert_eq!((kind.count, kind.rows), (300, Some((2, 301))));
        assert_eq!(merged.problems.len(), super::super::kinds::MAX_LISTED_PER_KIND + 2);
        assert_eq!(merged.problems.len(), merged.kinds.listed_kind.len());
        assert_eq!(
            merged.kinds.repeats.len(),
            300 - super::super::kinds::MAX_LISTED_PER_KIND
        );
        let mut rows: Vec<usize> = merged.problems.iter().filter_map(|p| p.row).collect();
        rows.extend(merged.kinds.repeats.iter().map(|r| r.row as usize));
        rows.sort_unstable();
        assert_eq!(rows, (2..302).collect::<Vec<usize>>(), "every row once");
        assert_eq!(merged.kinds.beyond_listing().map(|(_, n)| n).sum::<usize>(), 200);
    }
}
