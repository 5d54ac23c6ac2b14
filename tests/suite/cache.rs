//! The import cache, as the command line uses it: a second run of unchanged
//! inputs reads the cache and scores the same; a changed file is read again even
//! with the same size and modification time; a damaged cache is rebuilt;
//! `--no-cache` neither reads nor writes it. Each test has its own cache folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NOTE: &str = "read from the import cache";

fn run(cache: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_cityprofile"))
        .args(args)
        .env("CITYPROFILE_CACHE_DIR", cache)
        .output()
        .expect("run cityprofile");
    // `validate` exits 1 when the data have errors; anything else is a failure here.
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn from_cache(out: &Output) -> bool {
    String::from_utf8_lossy(&out.stderr).contains(NOTE)
}

fn cache_files(cache: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(cache)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "bin"))
                .collect()
        })
        .unwrap_or_default()
}

/// A file just over the cache's minimum size: Testville's broadband value, then
/// generated cities (small inputs are not cached: they import in milliseconds).
fn data(value: &str) -> String {
    let mut text = format!(
        "city,year,kpi,data_point,value\nTestville,2022,EC: ICT: ICT: 1C,,{value}\nTestville,2022,EN: EN: AQ: 1C,PM2.5,12\n"
    );
    let catalogue = crate::common::catalogue();
    let mut generated = Vec::new();
    cityprofile::bench_data::write_long_csv(&catalogue, 30, 10, &mut generated).expect("generate");
    let generated = String::from_utf8(generated).expect("text");
    text.push_str(generated.split_once('\n').map_or("", |(_, rows)| rows));
    assert!(
        text.len() as u64 > cityprofile::import::cache::MIN_BYTES,
        "{} bytes",
        text.len()
    );
    text
}

fn score_json(cache: &Path, file: &Path, extra: &[&str]) -> (String, bool) {
    let mut args = extra.to_vec();
    args.extend([
        "score",
        file.to_str().expect("path"),
        "--city",
        "Testville",
        "--format",
        "json",
    ]);
    let out = run(cache, &args);
    (String::from_utf8_lossy(&out.stdout).to_string(), from_cache(&out))
}

#[test]
fn unchanged_inputs_come_from_the_cache_with_the_same_scores() {
    let cache = tempfile::tempdir().expect("cache");
    let (_dir, file) = crate::common::write_temp("values.csv", data("42.5").as_bytes());
    let (fresh, cached) = score_json(cache.path(), &file, &[]);
    assert!(!cached, "the first run reads the file");
    assert_eq!(cache_files(cache.path()).len(), 1);
    let (again, cached) = score_json(cache.path(), &file, &[]);
    assert!(cached, "the second run reads the cache");
    assert_eq!(again, fresh, "the same scores");
    let validate = |extra: &[&str]| {
        let mut args = extra.to_vec();
        args.extend(["validate", file.to_str().expect("path"), "--format", "json"]);
        String::from_utf8_lossy(&run(cache.path(), &args).stdout).to_string()
    };
    assert_eq!(validate(&[]), validate(&["--no-cache"]), "the same validation report");
}

#[test]
fn a_changed_value_with_the_same_size_and_time_is_read_again() {
    let cache = tempfile::tempdir().expect("cache");
    let (_dir, file) = crate::common::write_temp("values.csv", data("42.5").as_bytes());
    let (before, _) = score_json(cache.path(), &file, &[]);
    let modified = std::fs::metadata(&file).and_then(|m| m.modified()).expect("mtime");
    std::fs::write(&file, data("57.5")).expect("rewrite");
    let handle = std::fs::File::options().write(true).open(&file).expect("open");
    handle.set_modified(modified).expect("set the old time back");
    drop(handle);
    let meta = std::fs::metadata(&file).expect("meta");
    assert_eq!(meta.modified().expect("mtime"), modified);
    assert_eq!(meta.len() as usize, data("42.5").len(), "same size");
    let (after, cached) = score_json(cache.path(), &file, &[]);
    assert!(!cached, "a changed file is not taken from the cache");
    assert!(after.contains("57.5") && !after.contains("42.5"), "{after}");
    assert_ne!(after, before);
}

#[test]
fn a_damaged_cache_is_ignored_and_rebuilt() {
    let cache = tempfile::tempdir().expect("cache");
    let (_dir, file) = crate::common::write_temp("values.csv", data("42.5").as_bytes());
    let (fresh, _) = score_json(cache.path(), &file, &[]);
    let entry = cache_files(cache.path()).pop().expect("a cache file");
    let whole = std::fs::read(&entry).expect("read cache");
    // Truncated, then one byte of the payload flipped: both ignored.
    for damaged in [whole[..whole.len() / 2].to_vec(), {
        let mut w = whole.clone();
        let at = w.len() - 20;
        w[at] ^= 0x55;
        w
    }] {
        std::fs::write(&entry, &damaged).expect("damage");
        let (again, cached) = score_json(cache.path(), &file, &[]);
        assert!(!cached, "a damaged cache is not used");
        assert_eq!(again, fresh);
        let (_, cached) = score_json(cache.path(), &file, &[]);
        assert!(cached, "it was written again, whole");
    }
}

#[test]
fn no_cache_neither_reads_nor_writes_it() {
    let cache = tempfile::tempdir().expect("cache");
    let (_dir, file) = crate::common::write_temp("values.csv", data("42.5").as_bytes());
    let (_, cached) = score_json(cache.path(), &file, &["--no-cache"]);
    assert!(!cached);
    assert!(cache_files(cache.path()).is_empty(), "nothing written");
    score_json(cache.path(), &file, &[]);
    let (_, cached) = score_json(cache.path(), &file, &["--no-cache"]);
    assert!(!cached, "an existing cache is not read either");
}

#[test]
fn small_inputs_are_not_cached() {
    let cache = tempfile::tempdir().expect("cache");
    let small = "city,year,kpi,value\nTestville,2022,EC: ICT: ICT: 1C,42.5\n";
    let (_dir, file) = crate::common::write_temp("values.csv", small.as_bytes());
    score_json(cache.path(), &file, &[]);
    let (_, cached) = score_json(cache.path(), &file, &[]);
    assert!(!cached);
    assert!(cache_files(cache.path()).is_empty());
}

/// `validate` reads only the report and the observations with notes from the
/// cache; a printed band that disagrees with its target (a warning made after
/// the import, from those observations) is still reported, the same as fresh.
#[test]
fn validate_from_the_cache_keeps_the_band_warnings() {
    let cache = tempfile::tempdir().expect("cache");
    let plain = data("42.5");
    let mut lines = plain.lines();
    let header = lines.next().expect("header");
    let mut text = format!("{header},band\n");
    for (i, line) in lines.enumerate() {
        // Testville's broadband (42.5 %) is printed in the lowest band; its target puts it higher.
        let band = if i == 0 { "0-33" } else { "" };
        text.push_str(&format!("{line},{band}\n"));
    }
    let (_dir, file) = crate::common::write_temp("values.csv", text.as_bytes());
    let validate = |extra: &[&str]| {
        let mut args = extra.to_vec();
        args.extend(["validate", file.to_str().expect("path"), "--format", "json"]);
        let out = run(cache.path(), &args);
        (String::from_utf8_lossy(&out.stdout).to_string(), from_cache(&out))
    };
    let (fresh, cached) = validate(&[]);
    assert!(!cached, "the first run reads the file");
    assert!(fresh.contains("the U4SSC band is used"), "{fresh}");
    let (again, cached) = validate(&[]);
    assert!(cached, "the second run reads the cache");
    assert_eq!(again, fresh);
    assert_eq!(validate(&["--no-cache"]).0, fresh);
}
