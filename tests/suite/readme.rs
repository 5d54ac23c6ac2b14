//! Every example in the README runs: its CSV blocks load without errors, and its
//! `$ cityprofile ...` command lines succeed.

fn blocks(lang: &str) -> Vec<String> {
    let readme = include_str!("../../README.md");
    let fence = format!("```{lang}");
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in readme.lines() {
        match &mut current {
            None if line.trim() == fence => current = Some(String::new()),
            Some(block) if line.trim() == "```" => {
                out.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    out
}

/// Splits a shell line into words, honouring double quotes.
fn words(line: &str) -> Vec<String> {
    let (mut out, mut word, mut quoted) = (Vec::new(), String::new(), false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            _ => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

#[test]
fn csv_examples_load_without_errors() {
    let examples = blocks("csv");
    assert!(
        examples.len() >= 4,
        "the README shows values (long, wide), targets and cities"
    );
    for (i, text) in examples.iter().enumerate() {
        let loaded = crate::common::load_bytes(&format!("readme-{i}.csv"), text.as_bytes());
        assert!(
            crate::common::errors(&loaded).is_empty(),
            "README example {i}:\n{text}\n{:#?}",
            loaded.report.problems
        );
        let loaded_rows: usize = loaded
            .report
            .tables
            .iter()
            .filter(|t| t.file.contains("readme"))
            .map(|t| t.loaded)
            .sum();
        assert!(loaded_rows > 0, "README example {i} loads something");
    }
}

#[test]
fn console_examples_succeed() {
    let lines: Vec<String> = blocks("console")
        .iter()
        .flat_map(|b| b.lines().map(str::to_string).collect::<Vec<_>>())
        .collect();
    let commands: Vec<&String> = lines.iter().filter(|l| l.starts_with("$ cityprofile ")).collect();
    assert!(commands.len() >= 4);
    for line in commands {
        let args = words(line.trim_start_matches("$ cityprofile "));
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_cityprofile"))
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("run");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{line}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "{line} prints something");
    }
}
