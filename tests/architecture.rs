//! The arrows of docs/architecture.md: polars and calamine only in `import`;
//! egui and eframe only in `render` and `app`; `model` depends on nothing else of ours.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn module_of(path: &Path, src: &Path) -> String {
    let rel = path.strip_prefix(src).expect("under src");
    rel.components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().trim_end_matches(".rs").to_string())
        .unwrap_or_default()
}

#[test]
fn dependencies_point_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 10);
    let rules: [(&str, &[&str]); 6] = [
        ("polars", &["import"]),
        ("calamine", &["import"]),
        ("egui", &["render", "app"]),
        ("eframe", &["app", "main"]),
        ("crate::import", &["import", "workspace", "cli", "app"]),
        ("crate::app", &["app", "main"]),
    ];
    let mut violations = Vec::new();
    for file in &files {
        let module = module_of(file, &src);
        let text = std::fs::read_to_string(file).expect("read");
        for line in text
            .lines()
            .filter(|l| l.trim_start().starts_with("use ") || l.contains("::"))
        {
            for (needle, allowed) in rules {
                let used =
                    line.contains(&format!("{needle}::")) || line.trim_start().starts_with(&format!("use {needle}"));
                if used && !allowed.contains(&module.as_str()) {
                    violations.push(format!(
                        "{}: `{needle}` in module {module}: {}",
                        file.display(),
                        line.trim()
                    ));
                }
            }
        }
        if module == "model" {
            assert!(
                !text.contains("crate::score") && !text.contains("crate::import"),
                "model must not depend on score or import: {}",
                file.display()
            );
        }
    }
    assert!(violations.is_empty(), "{violations:#?}");
}
