//! File names and safe writes: a temporary file in the same folder, flushed to
//! disk, then renamed over the target, so an interrupted export leaves no
//! partial file and an existing file is replaced only by a complete one.

use std::io::Write;
use std::path::Path;

use super::{ChartKind, ExportError, Format};

/// A file-name-safe slug: lowercase ASCII letters, digits and dashes (accents
/// dropped to their base letter), never empty.
pub(crate) fn sanitize(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let mapped = match c {
            'à'..='å' | 'À'..='Å' | 'ā' => 'a',
            'ç' | 'Ç' | 'č' | 'ć' => 'c',
            'è'..='ë' | 'È'..='Ë' | 'ē' | 'ė' | 'ę' => 'e',
            'ì'..='ï' | 'Ì'..='Ï' => 'i',
            'ñ' | 'Ñ' | 'ń' => 'n',
            'ò'..='ö' | 'ø' | 'Ò'..='Ö' | 'Ø' => 'o',
            'ù'..='ü' | 'Ù'..='Ü' => 'u',
            'ý' | 'ÿ' | 'Ý' => 'y',
            'š' | 'ś' | 'ß' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'æ' | 'Æ' => 'a',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ => '-',
        };
        if mapped != '-' || !out.ends_with('-') {
            out.push(mapped);
        }
    }
    let slug = out.trim_matches('-').chars().take(80).collect::<String>();
    if slug.is_empty() { "city".into() } else { slug }
}

/// `pully-wheel-2020.png`.
pub fn file_name(city: &str, chart: ChartKind, year: Option<i32>, format: Format) -> String {
    let year = year.map(|y| format!("-{y}")).unwrap_or_default();
    format!("{}-{}{year}.{}", sanitize(city), chart.key(), format.extension())
}

/// Writes `bytes` to `path` through a temporary file in the same folder
/// (`tempfile`, removed again if anything fails), flushed to disk before the rename.
/// The file gets the mode any editor gives: a file replaced keeps its mode, a new
/// one gets 0666 less the umask (`tempfile` alone creates 0600, and the rename
/// would keep that, so colleagues sharing a folder could not open our exports).
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let fail = |reason: String| ExportError::Write {
        path: path.display().to_string(),
        reason,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(fail("the folder does not exist".into()));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .ok_or_else(|| fail("no file name".into()))?;
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    if let Some(permissions) = new_file_permissions(path) {
        builder.permissions(permissions);
    }
    let mut file = builder.tempfile_in(dir).map_err(|e| fail(e.to_string()))?;
    file.write_all(bytes)
        .and_then(|()| file.as_file().sync_all())
        .map_err(|e| fail(e.to_string()))?;
    file.persist(path).map(drop).map_err(|e| fail(e.error.to_string()))
}

/// The mode to create with: the replaced file's, or 0666 (the open applies the
/// umask). `None` leaves the platform's default (Windows has no modes).
fn new_file_permissions(path: &Path) -> Option<std::fs::Permissions> {
    if let Ok(meta) = std::fs::metadata(path)
        && meta.is_file()
    {
        return Some(meta.permissions());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(std::fs::Permissions::from_mode(0o666))
    }
    #[cfg(not(unix))]
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe() {
        assert_eq!(
            file_name("Pully", ChartKind::Wheel, Some(2020), Format::Png),
            "pully-wheel-2020.png"
        );
        assert_eq!(sanitize("Lakeside (fictional)"), "lakeside-fictional");
        assert_eq!(sanitize("Ålesund / Zürich"), "alesund-zurich");
        assert_eq!(sanitize("<script>&\"Ville\" =1+1"), "script-ville-1-1");
        assert_eq!(sanitize("../../etc/passwd"), "etc-passwd");
        assert_eq!(sanitize("東京"), "city");
    }

    #[test]
    fn writes_are_atomic_and_errors_clear() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.svg");
        std::fs::write(&path, b"old").expect("write");
        write_atomic(&path, b"new").expect("atomic write");
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
        let err = write_atomic(&dir.path().join("missing/a.svg"), b"x").expect_err("no folder");
        assert!(err.to_string().contains("does not exist"));
    }

    /// New files get 0666 less the umask (not tempfile's 0600); a replaced file keeps its mode.
    #[cfg(unix)]
    #[test]
    fn written_files_get_the_usual_mode() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        let dir = tempfile::tempdir().expect("dir");
        // The umask of this process, read by creating a file the usual way.
        let probe = dir.path().join("probe");
        std::fs::write(&probe, b"").expect("probe");
        let usual = mode(&probe);
        let fresh = dir.path().join("new.svg");
        write_atomic(&fresh, b"x").expect("write");
        // (Under the usual umask 022 that is 0644, where tempfile alone gave 0600;
        // a umask of 077 makes both 0600, and this check then cannot tell them apart.)
        assert_eq!(mode(&fresh), usual, "a new export has the mode of any new file");
        let kept = dir.path().join("kept.csv");
        std::fs::write(&kept, b"old").expect("old");
        std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_atomic(&kept, b"new").expect("replace");
        assert_eq!(mode(&kept), 0o640, "a replaced file keeps its mode");
    }
}
