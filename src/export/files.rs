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
    let mut file = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| fail(e.to_string()))?;
    file.write_all(bytes)
        .and_then(|()| file.as_file().sync_all())
        .map_err(|e| fail(e.to_string()))?;
    file.persist(path).map(drop).map_err(|e| fail(e.error.to_string()))
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
}
