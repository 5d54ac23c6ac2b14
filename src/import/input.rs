//! The inputs of an import (files, folders, bytes in memory) and their bytes:
//! folders listed, sizes checked, and each input read whole before its format
//! is told by its content.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::pipes;
use super::problem::{Problem, Severity};
use super::report::ImportReport;

/// Something to import: a path, or bytes with a display name (bundled samples, drops).
#[derive(Debug, Clone)]
pub enum Input {
    Path(PathBuf),
    Bytes { name: String, bytes: Arc<[u8]> },
}

/// File types recognised by extension, for folder listings.
pub(crate) const DATA_EXTENSIONS: [&str; 12] = [
    "csv", "tsv", "txt", "parquet", "pq", "json", "jsonl", "ndjson", "xlsx", "xls", "xlsm", "ods",
];

/// Files larger than this are refused rather than read into memory.
pub(crate) const MAX_FILE_BYTES: u64 = 2 << 30;

pub(crate) fn input_name(input: &Input) -> String {
    match input {
        Input::Path(path) if pipes::is_stdin(path) => "standard input".into(),
        Input::Path(path) => path.display().to_string(),
        Input::Bytes { name, .. } => name.clone(),
    }
}

/// An input's bytes: shared (in-memory inputs) or read from a file. A file's
/// bytes stay in the vector they were read into (making an `Arc` of them would
/// copy 450 MB for 10,000 cities and briefly hold the file twice).
pub(crate) enum InputBytes {
    Shared(Arc<[u8]>),
    Read(Vec<u8>),
}

impl std::ops::Deref for InputBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            InputBytes::Shared(bytes) => bytes,
            InputBytes::Read(bytes) => bytes,
        }
    }
}

pub(crate) fn read_input(input: &Input, name: &str, report: &mut ImportReport) -> Option<InputBytes> {
    let path = match input {
        Input::Bytes { bytes, .. } => return Some(InputBytes::Shared(bytes.clone())),
        Input::Path(path) => path,
    };
    let fail = |report: &mut ImportReport, message: String, hint: &str| {
        report.push(Problem::file(Severity::Error, name, message, hint));
        None
    };
    if pipes::is_stdin(path) {
        return from_stream(pipes::read_stdin(MAX_FILE_BYTES), name, report);
    }
    match std::fs::metadata(path) {
        Err(e) => fail(
            report,
            format!("cannot open the file: {e}"),
            "check the path and that you may read it",
        ),
        Ok(meta) if pipes::is_stream(&meta) => {
            from_stream(pipes::read_stream(path, pipes::PIPE_WAIT, MAX_FILE_BYTES), name, report)
        }
        Ok(meta) if !meta.is_file() => fail(
            report,
            "not a regular file".into(),
            "give a data file or a folder of data files",
        ),
        Ok(meta) if meta.len() > MAX_FILE_BYTES => fail(
            report,
            format!(
                "the file is {} MB, more than the {} MB cityprofile reads",
                meta.len() >> 20,
                MAX_FILE_BYTES >> 20
            ),
            "split the file, or convert it to Parquet",
        ),
        Ok(_) => match std::fs::read(path) {
            Ok(bytes) => Some(InputBytes::Read(bytes)),
            Err(e) => fail(
                report,
                format!("cannot read the file: {e}"),
                "check that you may read it",
            ),
        },
    }
}

/// The bytes of standard input or a pipe, or the problem that stopped them.
fn from_stream(read: Result<Vec<u8>, pipes::StreamError>, name: &str, report: &mut ImportReport) -> Option<InputBytes> {
    let (message, hint) = match read {
        Ok(bytes) => return Some(InputBytes::Read(bytes)),
        Err(pipes::StreamError::NoWriter) => (
            format!(
                "nothing opened the pipe for writing within {} s",
                pipes::PIPE_WAIT.as_secs()
            ),
            "start the program that writes to the pipe first, or give a file",
        ),
        Err(pipes::StreamError::TooLarge) => (
            format!(
                "more than {} MB came through; cityprofile reads at most that",
                MAX_FILE_BYTES >> 20
            ),
            "write the data to a file in parts, or convert it to Parquet",
        ),
        Err(pipes::StreamError::Io(e)) => (format!("cannot read it: {e}"), "check the command that writes it"),
    };
    report.push(Problem::file(Severity::Error, name, message, hint));
    None
}

/// Replaces folders by the data files inside them (sorted, hidden files skipped).
pub(crate) fn expand(inputs: &[Input], report: &mut ImportReport) -> Vec<Input> {
    let mut out = Vec::new();
    for input in inputs {
        match input {
            Input::Path(path) if path.is_dir() => expand_dir(path, 0, &mut out, report),
            other => out.push(other.clone()),
        }
    }
    out
}

fn expand_dir(dir: &Path, depth: usize, out: &mut Vec<Input>, report: &mut ImportReport) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            report.push(Problem::file(
                Severity::Error,
                &dir.display().to_string(),
                format!("cannot list the folder: {e}"),
                "check that you may read it",
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        let is_link = path
            .symlink_metadata()
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false);
        if path.is_dir() {
            if depth < 3 && !is_link {
                expand_dir(&path, depth + 1, out, report);
            }
            continue;
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if DATA_EXTENSIONS.contains(&ext.as_str()) {
            out.push(Input::Path(path));
        } else {
            report.push(Problem::file(
                Severity::Info,
                &path.display().to_string(),
                "skipped: not a data file",
                "cityprofile reads csv, tsv, txt, xlsx, xls, ods, parquet and json",
            ));
        }
    }
}
