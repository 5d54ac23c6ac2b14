//! The cache file: a header with the whole key, then sections, each with its
//! length and an xxh3-64 of its bytes.
//!
//! `CPCACHE\0`, format (u32), key length (u32), key; then
//! 1. the validation report (postcard);
//! 2. the head (postcard): cities, files and sheets, targets, the observations
//!    that carry notes and the notes, the length of each city's index, the count of observations;
//! 3. the observations as fixed-width records ([`super::records`]);
//! 4. each city's index, as u32s.
//!
//! The report and the head come first so that `validate` reads them alone: the
//! report's last warnings (a printed band that disagrees with its target) need only
//! the observations with notes. Lengths are checked against the file's size before
//! anything is allocated, so a damaged length cannot ask for memory.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::super::Loaded;
use super::super::kinds::Kinds;
use super::super::problem::Problem;
use super::super::report::{ImportReport, TableSummary};
use super::records::{self, Bounds, RECORD};
use crate::model::{City, Dataset, NotesTable, Observation, TableName, TargetSet};

const MAGIC: &[u8; 8] = b"CPCACHE\0";
/// Bump when the layout or a stored type changes shape, or what a stored
/// report says. 7: one message per melted row, per repeated value (with its
/// year) or per repeated table; melted tables summed up by their own rows.
pub(super) const FORMAT: u32 = 7;

/// How much of a cached import is wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// The dataset, targets and report.
    Everything,
    /// The report (and the few observations its band warnings need): `validate`.
    Report,
}

/// A table summary with the columns the mapping dialog needs (the JSON report leaves them out).
#[derive(Serialize, Deserialize)]
struct Table {
    file: String,
    sheet: Option<String>,
    role: String,
    rows: usize,
    loaded: usize,
    headers: Vec<String>,
    sample: Vec<String>,
}

/// The report as written (borrowed: a million problems are not copied); same layout as [`ReportPart`].
#[derive(Serialize)]
struct ReportRef<'a> {
    problems: &'a [Problem],
    tables: Vec<Table>,
    unlisted: &'a BTreeMap<String, usize>,
    left_out: &'a BTreeMap<String, usize>,
    kinds: &'a Kinds,
    counts: (usize, usize),
}

#[derive(Deserialize)]
struct ReportPart {
    problems: Vec<Problem>,
    tables: Vec<Table>,
    unlisted: BTreeMap<String, usize>,
    left_out: BTreeMap<String, usize>,
    kinds: Kinds,
    counts: (usize, usize),
}

#[derive(Serialize, Deserialize)]
struct Head {
    cities: Vec<City>,
    tables: Vec<TableName>,
    targets: TargetSet,
    /// The observations with notes (all `validate` reads of the observations).
    noted: Vec<Observation>,
    notes: NotesTable,
    index_lengths: Vec<u32>,
    count: u64,
}

/// Writes the import to `file` (a temporary file in the same folder, then renamed).
pub(super) fn write(dir: &Path, file: &Path, key: &[u8], loaded: &Loaded) -> std::io::Result<()> {
    let dataset = &loaded.dataset;
    let report = &loaded.report;
    let report = ReportRef {
        problems: &report.problems,
        tables: report.tables.iter().map(Table::from_summary).collect(),
        unlisted: &report.unlisted,
        left_out: &report.left_out,
        kinds: &report.kinds,
        counts: (report.error_count(), report.warning_count()),
    };
    let index = dataset.index_lists();
    let head = Head {
        cities: dataset.cities.clone(),
        tables: dataset.tables.clone(),
        targets: loaded.targets.clone(),
        noted: match dataset.notes.is_empty() {
            true => Vec::new(),
            false => (dataset.observations.par_iter())
                .filter(|o| dataset.notes.get(o).is_some())
                .copied()
                .collect(),
        },
        notes: dataset.notes.clone(),
        index_lengths: index.iter().map(|l| l.len() as u32).collect(),
        count: dataset.observations.len() as u64,
    };
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    {
        let mut out = BufWriter::with_capacity(1 << 20, tmp.as_file_mut());
        out.write_all(MAGIC)?;
        out.write_all(&FORMAT.to_le_bytes())?;
        let key_len = u32::try_from(key.len()).map_err(std::io::Error::other)?;
        out.write_all(&key_len.to_le_bytes())?;
        out.write_all(key)?;
        for part in [postcard::to_stdvec(&report), postcard::to_stdvec(&head)] {
            write_section(&mut out, &part.map_err(std::io::Error::other)?)?;
        }
        out.write_all(&((dataset.observations.len() * RECORD) as u64).to_le_bytes())?;
        let checksum = records::write(&dataset.observations, &mut out)?;
        out.write_all(&checksum.to_le_bytes())?;
        let flat: Vec<u8> = index.iter().flatten().flat_map(|i| i.to_le_bytes()).collect();
        write_section(&mut out, &flat)?;
        out.flush()?;
    }
    tmp.persist(file).map_err(|e| e.error)?;
    Ok(())
}

fn write_section(out: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    out.write_all(&(bytes.len() as u64).to_le_bytes())?;
    out.write_all(bytes)?;
    out.write_all(&xxh3_64(bytes).to_le_bytes())
}

/// A file being read, with how many bytes it has left (no length read from it may exceed that).
struct Reader {
    input: BufReader<File>,
    left: u64,
}

impl Reader {
    fn bytes(&mut self, n: u64) -> Option<Vec<u8>> {
        self.left = self.left.checked_sub(n)?;
        let mut bytes = vec![0u8; usize::try_from(n).ok()?];
        self.input.read_exact(&mut bytes).ok()?;
        Some(bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.bytes(8)?.try_into().ok()?))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.bytes(4)?.try_into().ok()?))
    }

    /// A section's bytes, when its checksum holds.
    fn section(&mut self) -> Option<Vec<u8>> {
        let len = self.u64()?;
        let bytes = self.bytes(len)?;
        (self.u64()? == xxh3_64(&bytes)).then_some(bytes)
    }
}

/// The cached import in `file`, when it is whole, of this format and for this
/// key. With [`Want::Report`] the dataset holds only the observations with notes.
pub(super) fn read(file: &Path, key: &[u8], items: usize, want: Want) -> Option<Loaded> {
    let handle = File::open(file).ok()?;
    let left = handle.metadata().ok()?.len();
    let mut r = Reader {
        input: BufReader::with_capacity(1 << 20, handle),
        left,
    };
    if r.bytes(8)? != MAGIC || r.u32()? != FORMAT {
        return None;
    }
    let key_len = r.u32()?;
    if r.bytes(u64::from(key_len))? != key {
        return None;
    }
    let report: ReportPart = postcard::from_bytes(&r.section()?).ok()?;
    let head: Head = postcard::from_bytes(&r.section()?).ok()?;
    let bounds = Bounds {
        cities: head.cities.len(),
        items,
        tables: head.tables.len(),
    };
    let dataset = match want {
        Want::Report => {
            if !head.noted.iter().all(|o| bounds.hold(o)) {
                return None;
            }
            let empty = vec![Vec::new(); head.cities.len()];
            Dataset::from_cache(head.cities, head.tables, (head.noted, head.notes), empty)?
        }
        Want::Everything => {
            let len = r.u64()?;
            if len != head.count.checked_mul(RECORD as u64)? || len.checked_add(8)? > r.left {
                return None;
            }
            r.left -= len + 8;
            let observations = records::read(&mut r.input, usize::try_from(head.count).ok()?, bounds)?;
            let index = split_index(&r.section()?, &head.index_lengths)?;
            if r.left != 0 {
                return None;
            }
            Dataset::from_cache(head.cities, head.tables, (observations, head.notes), index)?
        }
    };
    let tables = report.tables.into_iter().map(Table::into_summary).collect();
    Some(Loaded {
        dataset,
        targets: head.targets,
        report: ImportReport::from_parts(
            report.problems,
            tables,
            (report.unlisted, report.left_out),
            report.kinds,
            report.counts,
        ),
    })
}

/// The flat index cut into each city's list (cities in parallel, each list allocated once).
fn split_index(flat: &[u8], lengths: &[u32]) -> Option<Vec<Vec<u32>>> {
    let mut starts = Vec::with_capacity(lengths.len());
    let mut total = 0usize;
    for &l in lengths {
        starts.push(total);
        total = total.checked_add(l as usize)?;
    }
    if flat.len() != total.checked_mul(4)? {
        return None;
    }
    Some(
        (starts.par_iter().zip(lengths))
            .map(|(&start, &l)| {
                flat[start * 4..(start + l as usize) * 4]
                    .chunks_exact(4)
                    .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                    .collect()
            })
            .collect(),
    )
}

impl Table {
    fn from_summary(t: &TableSummary) -> Table {
        Table {
            file: t.file.clone(),
            sheet: t.sheet.clone(),
            role: t.role.clone(),
            rows: t.rows,
            loaded: t.loaded,
            headers: t.headers.clone(),
            sample: t.sample.clone(),
        }
    }

    fn into_summary(self) -> TableSummary {
        TableSummary {
            file: self.file,
            sheet: self.sheet,
            role: self.role,
            rows: self.rows,
            loaded: self.loaded,
            headers: self.headers,
            sample: self.sample,
        }
    }
}
