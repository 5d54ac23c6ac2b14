//! The files of `src/import` form a graph without circles, on floors that only
//! look down: the way bytes → table → layout → roles → rows → report of
//! docs/architecture.md. A file may use files of its own floor or of floors
//! below; an import of a floor above "runs back up" and fails, and so does any
//! circle between files (a file that, through others, uses itself).
//!
//! The graph is read from the source text: `use` trees (`super::…`,
//! `crate::import::…`, child modules) and inline `super::x::` paths, outside
//! comments and `#[cfg(test)]` code.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::common::rust_files;

/// The floors of `src/import`, bottom first: each top-level file or folder
/// (`mod` is `import/mod.rs` itself) on exactly one.
const FLOORS: [(&str, &[&str]); 10] = [
    ("problems", &["problem", "kinds", "report"]),
    ("words", &["cells", "words", "years"]),
    (
        "bytes",
        &["hits", "fields", "text", "detect", "ndjson", "pipes", "input", "styles"],
    ),
    ("table", &["columns", "table", "headers", "melted"]),
    ("layout", &["layout", "sheets", "reshape"]),
    ("files into tables", &["delimited", "workbook", "sources"]),
    ("roles", &["roles"]),
    (
        "rows",
        &[
            "resolve",
            "memo",
            "checks",
            "rows",
            "values",
            "cities",
            "targets",
            "catalogue",
            "consistency",
            "duplicates",
        ],
    ),
    ("one pass", &["stream"]),
    ("import", &["mod", "rules", "cache", "fuzzing"]),
];

type Graph = BTreeMap<String, BTreeSet<String>>;

/// A module's path inside `import` (`rows/long.rs` → `["rows", "long"]`; a `mod.rs` is its folder).
fn module_path(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel.trim_end_matches(".rs").split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The file of a module path, when there is one.
fn file_of(parts: &[String], files: &BTreeSet<String>) -> Option<String> {
    if parts.is_empty() {
        return Some("mod.rs".into());
    }
    let plain = format!("{}.rs", parts.join("/"));
    let folder = format!("{}/mod.rs", parts.join("/"));
    [plain, folder].into_iter().find(|f| files.contains(f))
}

/// The code of a file without comments and test code.
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path a `use` tree names: `super::{a, b::{c, d}}` gives
/// `super::a`, `super::b::c`, `super::b::d`.
fn use_paths(tree: &str) -> Vec<Vec<String>> {
    // `a as b` names `a`: marked before spaces go.
    let tree: String = tree
        .replace(" as ", "@")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut out = Vec::new();
    expand(&tree, &mut Vec::new(), &mut out);
    out
}

fn expand(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let Some(open) = tree.find('{') else {
        let mut path = prefix.clone();
        let leaf = tree.split('@').next().unwrap_or(tree);
        path.extend(leaf.split("::").filter(|s| !s.is_empty()).map(str::to_string));
        out.push(path);
        return;
    };
    let head: Vec<String> = tree[..open]
        .split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let close = tree.rfind('}').filter(|&c| c > open).unwrap_or(tree.len());
    let inner = &tree[open + 1..close];
    let (mut depth, mut start) = (0, 0);
    let mut items = Vec::new();
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    let len = prefix.len();
    prefix.extend(head);
    for item in items.into_iter().filter(|i| !i.is_empty() && *i != "self") {
        expand(item, prefix, out);
    }
    prefix.truncate(len);
}

/// The paths a file's code names: its `use` trees and inline `super::` paths.
fn named_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    // `use` statements start a line (after a visibility) and end at their `;`.
    let mut at = 0;
    for line in code.split_inclusive('\n') {
        let mut trimmed = line.trim_start();
        // An attribute before the statement (`#[allow(unused_imports)] use ...`).
        while let Some(rest) = trimmed.strip_prefix("#[") {
            trimmed = rest.split_once(']').map_or("", |(_, after)| after.trim_start());
        }
        let statement = ["use ", "pub use ", "pub(crate) use ", "pub(super) use "]
            .iter()
            .find_map(|p| trimmed.strip_prefix(p));
        if statement.is_some() {
            let start = at + (line.len() - trimmed.len()) + trimmed.find("use ").unwrap_or(0) + 4;
            let end = code[start..].find(';').map_or(code.len(), |e| start + e);
            out.extend(use_paths(&code[start..end]));
        }
        at += line.len();
    }
    // Inline paths: `super::x::y(` anywhere (use trees give them again: harmless).
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == ':';
    for (at, _) in code.match_indices("super::") {
        if code[..at].ends_with("::") {
            continue; // the middle of a `super::super::` chain
        }
        let path: String = code[at..].chars().take_while(|&c| is_word(c)).collect();
        out.push(path.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect());
    }
    out
}

/// The files a path leads to from module `me` (none for paths outside `import`).
fn target(me: &[String], path: &[String], children: &[String], files: &BTreeSet<String>) -> Option<String> {
    let (base, rest): (Vec<String>, &[String]) = match path.first().map(String::as_str) {
        Some("crate") if path.get(1).is_some_and(|p| p == "import") => (Vec::new(), &path[2..]),
        Some("super") => {
            let ups = path.iter().take_while(|p| *p == "super").count();
            (me[..me.len().saturating_sub(ups)].to_vec(), &path[ups..])
        }
        Some("self") => (me.to_vec(), &path[1..]),
        Some(first) if children.iter().any(|c| c == first) => (me.to_vec(), path),
        _ => return None,
    };
    // The longest prefix of the rest that is a module with a file; else the base itself.
    (0..=rest.len()).rev().find_map(|k| {
        let mut module = base.clone();
        module.extend(rest[..k].iter().cloned());
        file_of(&module, files)
    })
}

/// The graph of the files under `dir`: file → the files it uses.
fn import_graph(dir: &Path) -> Graph {
    let mut paths = Vec::new();
    rust_files(dir, &mut paths);
    let rel = |p: &PathBuf| {
        p.strip_prefix(dir)
            .expect("under dir")
            .to_string_lossy()
            .replace('\\', "/")
    };
    let files: BTreeSet<String> = paths.iter().map(rel).filter(|f| !f.ends_with("tests.rs")).collect();
    let mut graph = Graph::new();
    for file in &files {
        let code = code_of(&std::fs::read_to_string(dir.join(file)).expect("read"));
        let me = module_path(file);
        let children: Vec<String> = code
            .lines()
            .filter_map(|l| l.trim().trim_start_matches("pub ").strip_prefix("mod "))
            .map(|m| m.trim_end_matches(';').trim().to_string())
            .collect();
        let uses = named_paths(&code)
            .iter()
            .filter_map(|path| target(&me, path, &children, &files))
            .filter(|t| t != file)
            .collect();
        graph.insert(file.clone(), uses);
    }
    graph
}

/// The circles of a graph: its strongly connected parts of two files or more
/// (Tarjan's algorithm), each sorted.
fn circles(graph: &Graph) -> Vec<Vec<String>> {
    struct Walk<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, (usize, usize)>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        found: Vec<Vec<String>>,
    }
    impl<'g> Walk<'g> {
        fn visit(&mut self, v: &'g str) {
            let n = self.index.len();
            self.index.insert(v, (n, n));
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.graph.get(v).into_iter().flatten() {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.index[w].1.min(self.index[v].1);
                    self.index.entry(v).and_modify(|e| e.1 = low);
                } else if self.on_stack.contains(w) {
                    let low = self.index[w].0.min(self.index[v].1);
                    self.index.entry(v).and_modify(|e| e.1 = low);
                }
            }
            if self.index[v].0 == self.index[v].1 {
                let mut part = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    part.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if part.len() > 1 {
                    part.sort();
                    self.found.push(part);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v.as_str()) {
            walk.visit(v);
        }
    }
    walk.found
}

fn floor_of(file: &str) -> Option<usize> {
    let top = file.split('/').next().unwrap_or(file).trim_end_matches(".rs");
    FLOORS.iter().position(|(_, modules)| modules.contains(&top))
}

fn import_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/import")
}

#[test]
fn the_files_of_import_form_no_circle() {
    let graph = import_graph(&import_dir());
    assert!(graph.len() > 30, "files read: {}", graph.len());
    assert!(
        graph["rows/long.rs"].contains("rows/reader.rs"),
        "the graph sees uses: {:?}",
        graph["rows/long.rs"]
    );
    let found = circles(&graph);
    assert!(found.is_empty(), "files that use themselves through others: {found:#?}");
}

#[test]
fn no_import_of_import_runs_back_up() {
    let graph = import_graph(&import_dir());
    let mut wrong = Vec::new();
    for (file, uses) in &graph {
        let Some(floor) = floor_of(file) else {
            wrong.push(format!("{file} is on no floor: add it to FLOORS"));
            continue;
        };
        for used in uses {
            match floor_of(used) {
                Some(up) if up > floor => wrong.push(format!(
                    "{file} ({}) uses {used} ({}), a floor above",
                    FLOORS[floor].0, FLOORS[up].0
                )),
                _ => {}
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// The checks can fail: a made-up circle is found, and so are the uses behind it.
#[test]
fn a_circle_between_two_files_is_found() {
    let code_a = "use super::b::{Thing, other::Deep};\nfn f() { super::c::run(); }";
    let code_b = "pub(crate) use super::a::Other;";
    let files: BTreeSet<String> = ["a.rs", "b.rs", "c.rs", "b/other.rs"].map(String::from).into();
    let uses = |code: &str, me: &str| -> BTreeSet<String> {
        let me = module_path(me);
        named_paths(&code_of(code))
            .iter()
            .filter_map(|p| target(&me, p, &[], &files))
            .collect()
    };
    let a = uses(code_a, "a.rs");
    assert_eq!(a, ["b.rs", "b/other.rs", "c.rs"].map(String::from).into());
    let mut graph = Graph::new();
    graph.insert("a.rs".into(), a);
    graph.insert("b.rs".into(), uses(code_b, "b.rs"));
    graph.insert("c.rs".into(), BTreeSet::new());
    assert_eq!(circles(&graph), vec![vec!["a.rs".to_string(), "b.rs".to_string()]]);
}
