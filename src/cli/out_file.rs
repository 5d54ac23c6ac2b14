//! Output to standard output or, with `--out FILE`, into a file written
//! atomically, whose path is then printed (as `export` does).

use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};

use crate::export::write_atomic;

/// Runs `write` on standard output, or on a buffer then written to `path`.
pub(super) fn text_to(
    path: Option<&Path>,
    out: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let Some(path) = path else { return write(out) };
    let mut bytes = Vec::new();
    write(&mut bytes)?;
    bytes_to(path, &bytes, out)
}

/// Writes `bytes` to `path` (atomically) and prints the path.
pub(super) fn bytes_to(path: &Path, bytes: &[u8], out: &mut dyn Write) -> Result<()> {
    if path.is_dir() {
        bail!(
            "--out {} is a folder: give a file name (such as {})",
            path.display(),
            path.join("scores.xlsx").display()
        );
    }
    write_atomic(path, bytes)?;
    writeln!(out, "{}", path.display())?;
    Ok(())
}

/// The file a workbook goes to: a workbook is never written to standard output
/// (clap already asks for `--out` with `--format xlsx`; this is the same said again).
pub(super) fn workbook_path(path: Option<&Path>) -> Result<&Path> {
    match path {
        Some(path) => Ok(path),
        None => bail!("--format xlsx writes a workbook: give its file with --out FILE"),
    }
}
