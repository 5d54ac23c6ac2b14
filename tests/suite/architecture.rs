//! House rules that hold by themselves: the arrows of docs/architecture.md
//! (polars and calamine only in `import`; egui and eframe only in `render` and
//! `app`; every module only uses those below it), every printed character in the
//! embedded font, and functions that read as one idea (none over 80 lines, 90 %
//! under 40).

use std::path::Path;

use crate::common::rust_files;

fn module_of(path: &Path, src: &Path) -> String {
    let rel = path.strip_prefix(src).expect("under src");
    rel.components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().trim_end_matches(".rs").to_string())
        .unwrap_or_default()
}

/// Our modules from the bottom up: a module may use those before it, never those after.
/// Every module must be listed (the test fails on one that is not); `lib` is the
/// crate root, which only declares the modules.
const LAYERS: [&str; 13] = [
    "model",
    "import",
    "bench_data",
    "score",
    "workspace",
    "chart",
    "render",
    "request",
    "export",
    "analysis",
    "app",
    "cli",
    "main",
];

#[test]
fn dependencies_point_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 10);
    let external: [(&str, &[&str]); 4] = [
        ("polars", &["import"]),
        ("calamine", &["import"]),
        ("egui", &["render", "app"]),
        ("eframe", &["app"]),
    ];
    let mut violations = Vec::new();
    for file in &files {
        let module = module_of(file, &src);
        if module == "lib" {
            continue;
        }
        let Some(level) = LAYERS.iter().position(|l| *l == module) else {
            violations.push(format!("{}: module `{module}` is not in LAYERS", file.display()));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("read");
        for line in text.lines().map(str::trim_start).filter(|l| !l.starts_with("//")) {
            for (name, allowed) in external {
                let used = line.contains(&format!("{name}::")) || line.starts_with(&format!("use {name}"));
                if used && !allowed.contains(&module.as_str()) {
                    violations.push(format!("{}: `{name}` outside {allowed:?}: {line}", file.display()));
                }
            }
            for (upper_level, upper) in LAYERS.iter().enumerate().skip(level + 1) {
                let used = line.contains(&format!("crate::{upper}::"))
                    || line.contains(&format!("crate::{upper}}}"))
                    || line.contains(&format!("cityprofile::{upper}::"));
                if used && upper_level > level {
                    violations.push(format!(
                        "{}: module {module} uses {upper}, which builds on it: {line}",
                        file.display()
                    ));
                }
            }
        }
    }
    assert!(violations.is_empty(), "{violations:#?}");
}

/// egui panics on a glyph its fonts lack, so every non-ASCII character the app or
/// the charts print must be in the embedded font (comments are skipped).
#[test]
fn every_printed_character_is_in_the_embedded_font() {
    use ab_glyph::Font;
    let font = ab_glyph::FontRef::try_from_slice(cityprofile::chart::text::FONT_BYTES).expect("font");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut missing = Vec::new();
    for file in files
        .iter()
        .filter(|f| ["app", "chart", "render", "score", "export"].contains(&module_of(f, &src).as_str()))
    {
        let text = std::fs::read_to_string(file).expect("read");
        // Unit tests are not printed.
        let text = text.split("#[cfg(test)]").next().unwrap_or("");
        for line in text.lines().map(str::trim_start).filter(|l| !l.starts_with("//")) {
            let code = line.split(" // ").next().unwrap_or(line);
            for c in code.chars().filter(|c| !c.is_ascii()) {
                if font.glyph_id(c).0 == 0 {
                    missing.push(format!("{}: {c:?}", file.display()));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

/// Lengths (in lines, from `fn` to its closing brace) of the functions outside
/// test modules, with where each starts.
fn function_lengths(text: &str) -> Vec<(usize, usize)> {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let lines: Vec<&str> = code.lines().collect();
    let is_fn = |l: &str| {
        let l = l.trim_start();
        let l = l
            .strip_prefix("pub(crate) ")
            .or_else(|| l.strip_prefix("pub(super) "))
            .or_else(|| l.strip_prefix("pub "))
            .unwrap_or(l);
        l.strip_prefix("const ").unwrap_or(l).starts_with("fn ")
    };
    let mut out = Vec::new();
    for (start, _) in lines.iter().enumerate().filter(|(_, l)| is_fn(l)) {
        let mut depth = 0i32;
        let mut opened = false;
        for (i, line) in lines.iter().enumerate().skip(start) {
            let code = line.split("//").next().unwrap_or("");
            // Braces in strings and chars are rare in signatures and bodies here; count them all.
            depth += code.matches('{').count() as i32 - code.matches('}').count() as i32;
            opened |= code.contains('{');
            if !opened && code.trim_end().ends_with(';') {
                break; // a declaration without a body
            }
            if opened && depth <= 0 {
                out.push((i - start + 1, start + 1));
                break;
            }
        }
    }
    out
}

#[test]
fn functions_read_as_one_idea() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut lengths = Vec::new();
    let mut too_long = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read");
        for (len, line) in function_lengths(&text) {
            if len > 80 {
                too_long.push(format!("{}:{line}: {len} lines", file.display()));
            }
            lengths.push(len);
        }
    }
    assert!(lengths.len() > 300, "functions found: {}", lengths.len());
    assert!(too_long.is_empty(), "functions over 80 lines: {too_long:#?}");
    lengths.sort_unstable();
    let p90 = lengths[lengths.len() * 9 / 10];
    assert!(
        p90 < 40,
        "90 % of functions should be under 40 lines; the 90th percentile is {p90}"
    );
}
