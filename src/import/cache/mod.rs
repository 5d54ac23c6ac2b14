//! A cache of finished imports, so that re-opening unchanged files is instant.
//!
//! After an import of files (not in-memory data), the dataset, the targets found
//! and the validation report are written to the user's cache folder, keyed by
//! everything the import depends on: the program version, the cache format, the
//! reading rules (`rules.rs`: a value read under other rules is never served),
//! the catalogue, the city/year defaults and column mappings, and every input file's
//! path, size and xxh3-128 hash of its whole content (modification times are not
//! trusted: a file can change and keep its time). The next import of the same
//! inputs reads the cache instead. A cache file that is truncated, damaged, of
//! another version or for another key is ignored and written again, never
//! trusted: it carries its whole key and a checksum of its payload.
//!
//! The file's layout is in [`file`]; observations are fixed-width [`records`].

mod file;
mod records;

use std::io::{Read, Seek, SeekFrom};

use rayon::prelude::*;
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::{Xxh3, xxh3_128};

pub use file::Want;
use file::{FORMAT, read, write};

use super::{ImportReport, Input, Loaded, ProgressFn, TableDefaults};
use crate::model::Catalogue;

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
/// path); says whether the data came from the cache. With [`Want::Report`], a
/// dataset from the cache holds only what the report needs; a fresh import is whole.
pub(crate) fn load_cached(
    catalogue: &Catalogue,
    inputs: &[Input],
    defaults: &TableDefaults,
    (use_cache, want): (bool, Want),
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
    if let Some(loaded) = read(&file, &key, catalogue.items.len(), want) {
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
    key_under(super::rules::fingerprint(), catalogue, inputs, defaults)
}

/// [`key`] under the reading rules of `fingerprint`.
fn key_under(
    fingerprint: u128,
    catalogue: &Catalogue,
    inputs: &[Input],
    defaults: &TableDefaults,
) -> Option<(Vec<u8>, u64)> {
    let mut scratch = ImportReport::default();
    let files = super::input::expand(inputs, &mut scratch);
    if !scratch.problems.is_empty() {
        return None;
    }
    let mut key = Vec::new();
    key.extend(env!("CARGO_PKG_VERSION").as_bytes());
    key.extend(FORMAT.to_le_bytes());
    key.extend(fingerprint.to_le_bytes());
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
        // A pipe or standard input is read once: hashing it would drain it (and
        // `-` is standard input even where a file of that name exists).
        if super::pipes::is_stdin(path) || !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
            return None;
        }
        let (size, hash) = hash_file(path)?;
        total += size;
        key.extend(path.display().to_string().as_bytes());
        key.push(0);
        key.extend(size.to_le_bytes());
        key.extend(hash.to_le_bytes());
    }
    Some((key, total))
}

/// Bytes hashed per task when a file is hashed on every core.
const HASH_BLOCK: u64 = 4 << 20;

/// The file's size and a hash of its whole content: the xxh3-128 of each 4 MiB
/// block's xxh3-128, blocks read and hashed on every core (one core reads and
/// hashes about 2 GB/s here; a 45 MB file took 24 ms, half of a re-open). `None`
/// when the file cannot be read or its size changes while it is read.
fn hash_file(path: &Path) -> Option<(u64, u128)> {
    let size = std::fs::metadata(path).ok()?.len();
    let blocks: Vec<Option<u128>> = (0..size.div_ceil(HASH_BLOCK))
        .into_par_iter()
        .map_init(Vec::new, |buffer, block| {
            let start = block * HASH_BLOCK;
            let len = HASH_BLOCK.min(size - start);
            let mut file = std::fs::File::open(path).ok()?;
            file.seek(SeekFrom::Start(start)).ok()?;
            buffer.resize(usize::try_from(len).ok()?, 0);
            file.read_exact(buffer).ok()?;
            Some(xxh3_128(buffer))
        })
        .collect();
    let mut whole = Xxh3::new();
    for block in blocks {
        whole.update(&block?.to_le_bytes());
    }
    // The file must end where its size said (a file still being written is not cached).
    let mut file = std::fs::File::open(path).ok()?;
    file.seek(SeekFrom::Start(size)).ok()?;
    let end = file.read(&mut [0u8; 1]).ok()?;
    (end == 0).then(|| (size, whole.digest128()))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A cache written under one set of reading rules is not served under
    /// another: a value read under the old rules never comes back.
    #[test]
    fn a_cache_of_other_reading_rules_is_not_served() {
        let catalogue = super::super::default_catalogue().expect("catalogue");
        let dir = tempfile::tempdir().expect("tmp");
        let data = dir.path().join("values.csv");
        std::fs::write(&data, "city,year,kpi,value\nPully,2020,EC: ICT: ICT: 1C,90\n").expect("write");
        let inputs = [Input::Path(data)];
        let defaults = TableDefaults::default();
        let loaded = super::super::load_with(&catalogue, &inputs, &defaults, &mut |_, _, _| {});
        let now = super::super::rules::fingerprint();
        let (same, _) = key_under(now, &catalogue, &inputs, &defaults).expect("key");
        assert_eq!(
            Some(same.clone()),
            key(&catalogue, &inputs, &defaults).map(|k| k.0),
            "the rules in force"
        );
        let file = dir.path().join("cache.bin");
        write(dir.path(), &file, &same, &loaded).expect("write the cache");
        let items = catalogue.items.len();
        assert!(
            read(&file, &same, items, Want::Everything).is_some(),
            "served under the same rules"
        );
        let (other, _) = key_under(now ^ 1, &catalogue, &inputs, &defaults).expect("key");
        assert!(
            read(&file, &other, items, Want::Everything).is_none(),
            "not under other rules"
        );
    }
}
