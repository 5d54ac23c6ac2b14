//! How an analysis file names the files it uses: relative to its own folder where
//! that can be said without leaving the tree they share, and with each file's
//! size and content hash, so that a file that moved or changed is told apart.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::import::{ImportReport, Input};

/// What a file (or a folder of data files) held when the analysis was saved.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Fingerprint {
    /// Bytes in all (a folder: its data files together).
    pub size: u64,
    /// xxh3-128 of the content, 32 hex digits (a folder: each data file's path
    /// inside it and its bytes, in the order they are read).
    pub xxh3_128: String,
}

/// `path` as written in a file kept in `base` (a folder): relative (with `..`
/// where needed) when both share more than the root, else absolute. Paths are
/// made absolute first; `None` when that fails (no current folder).
pub fn relative_to(base: &Path, path: &Path) -> Option<PathBuf> {
    let (base, path) = (absolute(base)?, absolute(path)?);
    let (b, p): (Vec<Component<'_>>, Vec<Component<'_>>) = (base.components().collect(), path.components().collect());
    let common = b.iter().zip(&p).take_while(|(x, y)| x == y).count();
    // Only the root (or a drive) in common: another tree, named in full.
    let shared_folder = b.iter().take(common).any(|c| matches!(c, Component::Normal(_)));
    if !shared_folder {
        return Some(path);
    }
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &p[common..] {
        out.push(c.as_os_str());
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    Some(out)
}

/// The path, absolute and without `.` or `..` (symbolic links resolved when it exists).
fn absolute(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = path.canonicalize() {
        return Some(real);
    }
    let joined = std::path::absolute(path).ok()?;
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    Some(out)
}

/// The size and hash of a file, or of the data files of a folder (those the
/// importer reads); `None` for what is neither (standard input, a pipe, missing).
pub fn fingerprint(path: &Path) -> Option<Fingerprint> {
    let files: Vec<PathBuf> = if path.is_dir() {
        let mut report = ImportReport::default();
        crate::import::expand(&[Input::Path(path.to_path_buf())], &mut report)
            .into_iter()
            .filter_map(|input| match input {
                Input::Path(p) => Some(p),
                _ => None,
            })
            .collect()
    } else if path.is_file() {
        vec![path.to_path_buf()]
    } else {
        return None;
    };
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut size = 0;
    let mut buffer = vec![0u8; 1 << 16];
    for file in &files {
        if path.is_dir() {
            // A file renamed inside the folder changes the folder's hash too.
            let inside = file.strip_prefix(path).unwrap_or(file);
            hasher.update(inside.to_string_lossy().as_bytes());
            hasher.update(&[0]);
        }
        let mut reader = std::fs::File::open(file).ok()?;
        loop {
            let read = reader.read(&mut buffer).ok()?;
            if read == 0 {
                break;
            }
            hasher.update(&buffer[..read]);
            size += read as u64;
        }
    }
    Some(Fingerprint {
        size,
        xxh3_128: format!("{:032x}", hasher.digest128()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_within_a_shared_tree_and_absolute_across_roots() {
        let rel = |base: &str, path: &str| relative_to(Path::new(base), Path::new(path)).expect("absolute");
        assert_eq!(
            rel("/home/ana/work", "/home/ana/work/data/v.csv"),
            Path::new("data/v.csv")
        );
        assert_eq!(
            rel("/home/ana/work", "/home/ana/data/v.csv"),
            Path::new("../data/v.csv")
        );
        assert_eq!(rel("/home/ana/a/b", "/home/ana/c/v.csv"), Path::new("../../c/v.csv"));
        assert_eq!(
            rel("/home/ana/work", "/srv/data/v.csv"),
            Path::new("/srv/data/v.csv"),
            "only / shared"
        );
        assert_eq!(rel("/home/ana/work", "/home/ana/work/./x/../v.csv"), Path::new("v.csv"));
        assert_eq!(rel("/home/ana/work", "/home/ana/work"), Path::new("."));
    }

    #[test]
    fn a_fingerprint_changes_with_the_content_and_a_folder_counts_its_data_files() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("v.csv");
        std::fs::write(&file, "city,year,kpi,value\n").expect("write");
        let first = fingerprint(&file).expect("a file");
        assert_eq!((first.size, first.xxh3_128.len()), (20, 32));
        std::fs::write(&file, "city,year,kpi,value\r\n").expect("write");
        assert_ne!(fingerprint(&file), Some(first.clone()));
        std::fs::write(dir.path().join("notes.docx"), "not data").expect("write");
        let folder = fingerprint(dir.path()).expect("a folder");
        assert_eq!(folder.size, 21, "only the data file counts");
        std::fs::rename(&file, dir.path().join("w.csv")).expect("rename");
        assert_ne!(
            fingerprint(dir.path()).map(|f| f.xxh3_128),
            Some(folder.xxh3_128),
            "renamed inside"
        );
        assert_eq!(fingerprint(&dir.path().join("gone.csv")), None);
    }
}
