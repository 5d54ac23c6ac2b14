//! `--analysis FILE` on the command line: the analysis' datasets, targets and
//! settings give the same scores as naming them; a changed dataset is said; a
//! newer, truncated or missing-data analysis is one clear error.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use cityprofile::analysis::{Analysis, save};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cityprofile"))
        .args(args)
        .arg("--no-cache")
        .output()
        .expect("run cityprofile")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_string()
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// A project folder: data/ with two sample files and a targets file, and the
/// analysis file (which names them) beside data/.
struct Project {
    dir: tempfile::TempDir,
    data: Vec<PathBuf>,
    targets: PathBuf,
    file: PathBuf,
}

fn project() -> Project {
    let dir = tempfile::tempdir().expect("dir");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-cities");
    std::fs::create_dir(dir.path().join("data")).expect("mkdir");
    let copy = |name: &str| {
        let to = dir.path().join("data").join(name);
        std::fs::copy(samples.join(name), &to).expect("copy");
        to
    };
    let data = vec![copy("published-values.csv"), copy("cities.csv")];
    let targets = dir.path().join("data").join("targets.csv");
    std::fs::write(
        &targets,
        "kpi,data_point,target,worst,direction,city,source\nEC: ICT: ICT: 1C,,97.5,,,,our plan\n",
    )
    .expect("write");
    let file = dir.path().join("study.cityprofile");
    let analysis = Analysis {
        datasets: data.clone(),
        targets_files: vec![targets.clone()],
        ..Analysis::default()
    };
    save(&analysis, &file).expect("saved");
    Project {
        dir,
        data,
        targets,
        file,
    }
}

fn cities(p: &Project) -> Vec<String> {
    let text = std::fs::read_to_string(&p.data[0]).expect("read");
    let mut names: Vec<String> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .map(str::to_string)
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn score_with_an_analysis_equals_score_with_its_files_named() {
    let p = project();
    let names = cities(&p);
    assert!(names.len() >= 2, "{names:?}");
    for city in &names {
        let from_file = run(&["score", "--analysis", arg(&p.file), "--city", city, "--format", "json"]);
        assert_eq!(from_file.status.code(), Some(0), "{}", text(&from_file.stderr));
        let named = run(&[
            "score",
            arg(&p.data[0]),
            arg(&p.data[1]),
            "--targets",
            arg(&p.targets),
            "--city",
            city,
            "--format",
            "json",
        ]);
        assert_eq!(named.status.code(), Some(0), "{}", text(&named.stderr));
        let json = |o: &Output| serde_json::from_slice::<serde_json::Value>(&o.stdout).expect("json");
        assert_eq!(json(&from_file), json(&named), "{city}");
    }
    // The analysis' target is in force: without its targets file the scores differ.
    let city = names[0].as_str();
    let bare = run(&[
        "score",
        arg(&p.data[0]),
        arg(&p.data[1]),
        "--city",
        city,
        "--format",
        "json",
    ]);
    let with = run(&["score", "--analysis", arg(&p.file), "--city", city, "--format", "json"]);
    assert_ne!(bare.stdout, with.stdout);
    let validated = run(&["validate", "--analysis", arg(&p.file), "--format", "json"]);
    assert_eq!(validated.status.code(), Some(0), "{}", text(&validated.stderr));
    let report: serde_json::Value = serde_json::from_slice(&validated.stdout).expect("json");
    assert!(
        report.to_string().contains("published-values.csv"),
        "the analysis' data: {report}"
    );
}

#[test]
fn a_dataset_changed_since_saving_is_said_and_read_as_it_is() {
    let p = project();
    let mut values = std::fs::read_to_string(&p.data[0]).expect("read");
    values.push_str(&values.lines().nth(1).expect("a row").replace("2020", "2099"));
    values.push('\n');
    std::fs::write(&p.data[0], values).expect("write");
    let city = &cities(&p)[0];
    let out = run(&["score", "--analysis", arg(&p.file), "--city", city, "--format", "json"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("published-values.csv changed since the analysis was saved"),
        "{err}"
    );
}

/// One line on standard error, starting `error:`, naming `needle`; exit code 1.
fn assert_one_error(out: &Output, needles: &[&str]) {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("error: "), "{err}");
    for needle in needles {
        assert!(err.contains(needle), "{needle} in {err}");
    }
    assert!(out.stdout.is_empty());
}

#[test]
fn a_newer_a_truncated_and_a_moved_analysis_are_each_one_error() {
    let p = project();
    let saved = std::fs::read_to_string(&p.file).expect("read");
    let score = |file: &Path| run(&["score", "--analysis", arg(file), "--city", "Pully", "--format", "json"]);
    std::fs::write(&p.file, saved.replacen("\"version\": 1", "\"version\": 2", 1)).expect("write");
    assert_one_error(
        &score(&p.file),
        &[
            "study.cityprofile",
            "newer cityprofile (format 2)",
            "update cityprofile",
        ],
    );
    std::fs::write(&p.file, &saved[..saved.len() * 2 / 3]).expect("write");
    assert_one_error(&score(&p.file), &["study.cityprofile", "truncated"]);
    std::fs::write(&p.file, &saved).expect("write");
    std::fs::rename(&p.data[0], p.dir.path().join("elsewhere.csv")).expect("move");
    assert_one_error(
        &score(&p.file),
        &["published-values.csv", arg(&p.dir.path().join("data"))],
    );
}
