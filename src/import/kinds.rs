//! Problems by kind, so that a million of one kind (a percentage outside 0-100
//! in every row) cost a few bytes each instead of a message, a hint and a
//! location as strings. A kind is one check (`key`) in one file, sheet and
//! column. Its first [`MAX_LISTED_PER_KIND`] problems are listed in full; the
//! rest are kept as [`Repeat`]s: kind and row, nothing to allocate. Text output
//! summarises a kind after its first few; JSON writes every problem.

use std::collections::HashMap;

use xxhash_rust::xxh3::Xxh3;

use super::problem::{Problem, Severity};

/// Problems of one kind listed in full (the rest are counted and located).
pub const MAX_LISTED_PER_KIND: usize = 100;

/// Where a check found a problem, before its message is written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Site<'a> {
    /// The check, in a few words ("percentage outside 0-100"): the kind's name.
    pub key: &'a str,
    pub severity: Severity,
    pub file: &'a str,
    pub sheet: Option<&'a str>,
    pub column: Option<&'a str>,
    /// Spreadsheet-style row.
    pub row: Option<usize>,
}

/// One kind of problem: a check in one file, sheet and column.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ProblemKind {
    /// The check, in a few words.
    pub kind: String,
    pub severity: Severity,
    pub file: String,
    pub sheet: Option<String>,
    pub column: Option<String>,
    /// The first problem's message and hint: what the others are like.
    pub example: String,
    pub hint: Option<String>,
    /// Problems of this kind, listed or not.
    pub count: usize,
    /// Lowest and highest row with a problem of this kind.
    pub rows: Option<(usize, usize)>,
}

/// A problem beyond its kind's listing: the kind (an index into the report's
/// kinds) and the row (0 when the problem has none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Repeat {
    pub kind: u32,
    pub row: u32,
}

/// The report's problems by kind.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Kinds {
    pub kinds: Vec<ProblemKind>,
    /// The kind of each listed problem (same order as the report's `problems`).
    pub listed_kind: Vec<Option<u32>>,
    pub repeats: Vec<Repeat>,
    /// Listed problems per kind.
    #[serde(skip)]
    listed: Vec<usize>,
    /// Kinds by a hash of their key and place (checked against the kind itself).
    #[serde(skip)]
    index: HashMap<u64, Vec<u32>>,
}

impl Site<'_> {
    /// A hash of the check and its place (not the row): the key of `Kinds::index`.
    fn place_hash(&self) -> u64 {
        let mut h = Xxh3::new();
        for part in [
            Some(self.key),
            Some(self.severity.as_str()),
            Some(self.file),
            self.sheet,
            self.column,
        ] {
            h.update(part.unwrap_or("\u{0}").as_bytes());
            h.update(&[0xff]);
        }
        h.digest()
    }
}

impl ProblemKind {
    /// The kind's check and place, as a site without a row.
    fn site(&self) -> Site<'_> {
        Site {
            key: &self.kind,
            severity: self.severity,
            file: &self.file,
            sheet: self.sheet.as_deref(),
            column: self.column.as_deref(),
            row: None,
        }
    }

    /// "and 999995 more 'percentage outside 0-100' warnings in f.csv, column
    /// 'value', rows 7-1120001": the problems of this kind not shown.
    pub fn more_like_this(&self, more: usize) -> String {
        let sheet = self.sheet.as_ref().map(|s| format!(" [sheet {s}]")).unwrap_or_default();
        let column = self
            .column
            .as_ref()
            .map(|c| format!(", column '{c}'"))
            .unwrap_or_default();
        let rows = self
            .rows
            .map(|(lo, hi)| format!(", rows {lo}-{hi}"))
            .unwrap_or_default();
        format!(
            "and {more} more '{}' {} in {}{sheet}{column}{rows}",
            self.kind,
            match (self.severity, more) {
                (Severity::Info, 1) => "note".to_string(),
                (Severity::Info, _) => "notes".to_string(),
                (severity, 1) => severity.as_str().to_string(),
                (severity, _) => format!("{}s", severity.as_str()),
            },
            self.file
        )
    }
}

impl Kinds {
    pub(crate) fn find(&self, site: &Site<'_>) -> Option<u32> {
        self.index.get(&site.place_hash())?.iter().copied().find(|&k| {
            let kind = &self.kinds[k as usize];
            kind.kind == site.key
                && kind.severity == site.severity
                && kind.file == site.file
                && kind.sheet.as_deref() == site.sheet
                && kind.column.as_deref() == site.column
        })
    }

    /// Counts one more problem of kind `k` (at `row`).
    pub(crate) fn count_at(&mut self, k: u32, row: Option<usize>) {
        let Some(kind) = self.kinds.get_mut(k as usize) else {
            return;
        };
        kind.count += 1;
        if let Some(row) = row {
            kind.rows = Some(kind.rows.map_or((row, row), |(lo, hi)| (lo.min(row), hi.max(row))));
        }
    }

    /// A new kind at `site`, described by its first problem (listed).
    pub(crate) fn add_kind(&mut self, site: &Site<'_>, problem: &Problem) -> u32 {
        let k = self.kinds.len() as u32;
        self.index.entry(site.place_hash()).or_default().push(k);
        self.kinds.push(ProblemKind {
            kind: site.key.to_string(),
            severity: site.severity,
            file: site.file.to_string(),
            sheet: site.sheet.map(str::to_string),
            column: site.column.map(str::to_string),
            example: problem.message.clone(),
            hint: problem.hint.clone(),
            count: 1,
            rows: site.row.map(|r| (r, r)),
        });
        self.listed.push(1);
        k
    }

    /// This report's kind for another report's kind (its count added), created when new.
    pub(crate) fn adopt(&mut self, other: &ProblemKind) -> u32 {
        if let Some(k) = self.find(&other.site()) {
            let kind = &mut self.kinds[k as usize];
            kind.count += other.count;
            kind.rows = match (kind.rows, other.rows) {
                (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
                (a, b) => a.or(b),
            };
            return k;
        }
        let k = self.kinds.len() as u32;
        self.index.entry(other.site().place_hash()).or_default().push(k);
        self.kinds.push(other.clone());
        self.listed.push(0);
        k
    }

    /// Lists one more problem of kind `k` when its listing has room (else keeps
    /// it as a repeat at `row`); true when listed.
    pub(crate) fn list_or_repeat(&mut self, k: u32, row: Option<usize>) -> bool {
        if self.listed[k as usize] < MAX_LISTED_PER_KIND {
            self.listed[k as usize] += 1;
            return true;
        }
        let row = row.map_or(0, |r| u32::try_from(r).unwrap_or(u32::MAX));
        self.repeats.push(Repeat { kind: k, row });
        false
    }

    /// The kinds with problems beyond their listing, and how many there are.
    pub fn beyond_listing(&self) -> impl Iterator<Item = (&ProblemKind, usize)> {
        self.kinds
            .iter()
            .zip(&self.listed)
            .filter(|(kind, listed)| kind.count > **listed)
            .map(|(kind, listed)| (kind, kind.count - listed))
    }

    /// Rebuilds the lookups after reading kinds back (from the import cache).
    pub(crate) fn reindexed(mut self) -> Kinds {
        self.index.clear();
        for (k, kind) in self.kinds.iter().enumerate() {
            self.index.entry(kind.site().place_hash()).or_default().push(k as u32);
        }
        self.listed = vec![0; self.kinds.len()];
        for k in self.listed_kind.iter().flatten() {
            if let Some(n) = self.listed.get_mut(*k as usize) {
                *n += 1;
            }
        }
        self
    }
}
