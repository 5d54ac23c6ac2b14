//! A cache of finished imports, so that re-opening unchanged files is instant.
//!
//! After an import of files (not in-memory data), the dataset, the targets found
//! and the validation report are written to the user's cache folder, keyed by
//! everything the import depends on: the program version, the cache format, the
//! catalogue, the city/year defaults and column mappings, and every input file's
//! path, size and xxh3-128 hash of its whole content (modification times are not
//! trusted: a file can change and keep its time). The next import of the same
//! inputs reads the cache instead. A cache file that is truncated, damaged, of
//! another version or for another key is ignored and written again, never
//! trusted: it carries its whole key and a checksum of its payload.
//!
//! Layout: `CPCACHE\0`, format (u32 LE), key length (u32 LE), key, payload length
//! (u64 LE), payload (postcard), xxh3-64 of the payload (u64 LE).

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64, xxh3_128};

use super::{ImportReport, Input, Kinds, Loaded, Problem, ProgressFn, TableDefaults, TableSummary};
use crate::model::{Catalogue, Dataset, TargetSet};

const MAGIC: &[u8; 8] = b"CPCACHE\0";
/// Bump when the payload's types change shape.
const FORMAT: u32 = 2;
/// Cache files kept; the least recently written beyond this are removed.
const KEEP: usize = 8;
/// Inputs smaller than this in all are not cached: they import in milliseconds,
/// and a cache entry per small file would only fill the user's disk.
pub const MIN_BYTES: u64 = 1 << 20;

/// Where the data came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CacheUse {
    /// Read from the files (the cache was off, missed, or could not be used).
    #[default]
    Files,
    /// Read from the cache (the files unchanged since).
    Cache,
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

/// What is written: the import, borrowed (a copy of 11 M observations would
/// cost as much time and memory as the import itself). Same layout as [`Payload`].
#[derive(Serialize)]
struct PayloadRef<'a> {
    dataset: &'a Dataset,
    targets: &'a TargetSet,
    problems: &'a [Problem],
    tables: Vec<Table>,
    unlisted: &'a BTreeMap<String, usize>,
    kinds: &'a Kinds,
    counts: (usize, usize),
}

/// What is read back: the import, whole.
#[derive(Serialize, Deserialize)]
struct Payload {
    dataset: Dataset,
    targets: TargetSet,
    problems: Vec<Problem>,
    tables: Vec<Table>,
    unlisted: BTreeMap<String, usize>,
    kinds: Kinds,
    counts: (usize, usize),
}

/// The cache folder: `$CITYPROFILE_CACHE_DIR`, else the user's cache folder
/// (`$XDG_CACHE_HOME`, `~/.cache`, `%LOCALAPPDATA%`) + `cityprofile`.
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CITYPROFILE_CACHE_DIR") {
        return Some(PathBuf::from(dir));
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .or_else(|| std::env::var_os("LOCALAPPDATA").map(PathBuf::from))?;
    Some(base.join("cityprofile"))
}

/// [`super::load_with`] through the cache (when `use_cache` and every input is a
/// path); says whether the data came from the cache.
pub(crate) fn load_cached(
    catalogue: &Catalogue,
    inputs: &[Input],
    defaults: &TableDefaults,
    use_cache: bool,
    progress: &mut ProgressFn<'_>,
) -> (Loaded, CacheUse) {
    let fresh = |progress: &mut ProgressFn<'_>| super::load_with(catalogue, inputs, defaults, progress);
    let usable = use_cache && !inputs.is_empty() && inputs.iter().all(|i| matches!(i, Input::Path(_)));
    let keyed = usable
        .then(|| cache_dir().zip(key(catalogue, inputs, defaults)))
        .flatten();
    let Some((dir, (key, _))) = keyed.filter(|(_, (_, size))| *size >= MIN_BYTES) else {
        return (fresh(progress), CacheUse::Files);
    };
    let file = dir.join(format!("{:032x}.bin", xxh3_128(&key)));
    if let Some(loaded) = read(&file, &key, catalogue.items.len()) {
        return (loaded, CacheUse::Cache);
    }
    let loaded = fresh(progress);
    // A cache that cannot be written only costs the next start some time.
    if write(&dir, &file, &key, &loaded).is_ok() {
        prune(&dir);
    }
    (loaded, CacheUse::Files)
}

/// Everything the import depends on, and the inputs' total size; `None` when an
/// input cannot be read whole (the import then reports it; nothing is cached).
fn key(catalogue: &Catalogue, inputs: &[Input], defaults: &TableDefaults) -> Option<(Vec<u8>, u64)> {
    let mut scratch = ImportReport::default();
    let files = super::expand(inputs, &mut scratch);
    if !scratch.problems.is_empty() {
        return None;
    }
    let mut key = Vec::new();
    key.extend(env!("CARGO_PKG_VERSION").as_bytes());
    key.extend(FORMAT.to_le_bytes());
    // The catalogue's shape (its lists print the same in every run).
    let shape = format!(
        "{:?}{:?}{:?}{:?}{:?}",
        catalogue.dimensions, catalogue.subdimensions, catalogue.categories, catalogue.kpis, catalogue.items
    );
    key.extend(xxh3_128(shape.as_bytes()).to_le_bytes());
    let mappings = serde_json::to_string(&defaults.mappings).ok()?;
    key.extend(format!("{:?}|{:?}|{mappings}", defaults.city, defaults.year).as_bytes());
    let mut total = 0;
    for file in &files {
        let Input::Path(path) = file else { return None };
        let (size, hash) = hash_file(path)?;
        total += size;
        key.extend(path.display().to_string().as_bytes());
        key.push(0);
        key.extend(size.to_le_bytes());
        key.extend(hash.to_le_bytes());
    }
    Some((key, total))
}

/// The file's size and the xxh3-128 of its whole content, read in 1 MiB pieces.
fn hash_file(path: &Path) -> Option<(u64, u128)> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut hasher = Xxh3::new();
    let mut buffer = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buffer).ok()?;
        if n == 0 {
            return Some((size, hasher.digest128()));
        }
        hasher.update(&buffer[..n]);
        size += n as u64;
    }
}

/// The cached import in `file`, when it is whole, of this format and for this key.
fn read(file: &Path, key: &[u8], items: usize) -> Option<Loaded> {
    let bytes = std::fs::read(file).ok()?;
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (format, rest) = take_u32(rest)?;
    let (key_len, rest) = take_u32(rest)?;
    let (stored_key, rest) = split(rest, key_len as usize)?;
    if format != FORMAT || stored_key != key {
        return None;
    }
    let (len, rest) = take_u64(rest)?;
    let (payload, rest) = split(rest, usize::try_from(len).ok()?)?;
    let (checksum, rest) = take_u64(rest)?;
    if !rest.is_empty() || checksum != xxh3_64(payload) {
        return None;
    }
    let p: Payload = postcard::from_bytes(payload).ok()?;
    if !p.dataset.is_consistent(items) {
        return None;
    }
    let tables = p.tables.into_iter().map(Table::into_summary).collect();
    Some(Loaded {
        dataset: p.dataset,
        targets: p.targets,
        report: ImportReport::from_parts(p.problems, tables, p.unlisted, p.kinds, p.counts),
    })
}

fn split(bytes: &[u8], n: usize) -> Option<(&[u8], &[u8])> {
    (bytes.len() >= n).then(|| bytes.split_at(n))
}

fn take_u32(bytes: &[u8]) -> Option<(u32, &[u8])> {
    let (head, rest) = split(bytes, 4)?;
    Some((u32::from_le_bytes(head.try_into().ok()?), rest))
}

fn take_u64(bytes: &[u8]) -> Option<(u64, &[u8])> {
    let (head, rest) = split(bytes, 8)?;
    Some((u64::from_le_bytes(head.try_into().ok()?), rest))
}

/// Writes the import to `file` (a temporary file in the same folder, then renamed).
fn write(dir: &Path, file: &Path, key: &[u8], loaded: &Loaded) -> std::io::Result<()> {
    let report = &loaded.report;
    let payload = PayloadRef {
        dataset: &loaded.dataset,
        targets: &loaded.targets,
        problems: &report.problems,
        tables: report.tables.iter().map(Table::from_summary).collect(),
        unlisted: &report.unlisted,
        kinds: &report.kinds,
        counts: (report.error_count(), report.warning_count()),
    };
    let payload = postcard::to_stdvec(&payload).map_err(std::io::Error::other)?;
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    {
        let mut out = std::io::BufWriter::new(tmp.as_file_mut());
        out.write_all(MAGIC)?;
        out.write_all(&FORMAT.to_le_bytes())?;
        let key_len = u32::try_from(key.len()).map_err(std::io::Error::other)?;
        out.write_all(&key_len.to_le_bytes())?;
        out.write_all(key)?;
        out.write_all(&(payload.len() as u64).to_le_bytes())?;
        out.write_all(&payload)?;
        out.write_all(&xxh3_64(&payload).to_le_bytes())?;
        out.flush()?;
    }
    tmp.persist(file).map_err(|e| e.error)?;
    Ok(())
}

/// Keeps the [`KEEP`] most recently written cache files.
fn prune(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "bin"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    files.sort_by_key(|f| std::cmp::Reverse(f.0));
    for (_, old) in files.into_iter().skip(KEEP) {
        let _ = std::fs::remove_file(old);
    }
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
