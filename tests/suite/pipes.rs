//! Data that come through a pipe: standard input (`-`), a shell's process
//! substitution (`<(zcat data.csv.gz)`, a pipe under /dev/fd) and named pipes; a
//! named pipe nobody writes to ends the command with a message instead of
//! hanging it; a file of 100,000 columns is refused, not parsed.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const VALUES: &str = "city,year,kpi,value\nPipetown,2022,EC: ICT: ICT: 1C,81\nPipetown,2022,EC: ICT: ICT: 2C,40\n";

fn cityprofile() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cityprofile"))
}

#[test]
fn standard_input_is_read_as_a_file() {
    let mut child = cityprofile()
        .args(["score", "-", "--city", "Pipetown", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(VALUES.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["city"], "Pipetown");
}

/// Waits for a child for at most `limit`; kills it and fails when it is still running.
fn finish_within(mut child: std::process::Child, limit: Duration) -> std::process::Output {
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("the command still runs after {limit:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

/// `validate` of one path, which must end within a minute.
fn validate(path: &std::path::Path) -> std::process::Output {
    let child = cityprofile()
        .args(["validate", "--no-cache"])
        .arg(path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run");
    finish_within(child, Duration::from_secs(60))
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_read_and_one_without_a_writer_gives_up() {
    let dir = tempfile::tempdir().expect("tmp");
    let fifo = dir.path().join("values.csv");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    // A writer, as a shell's process substitution gives one.
    let path = fifo.clone();
    let writer = std::thread::spawn(move || {
        let mut pipe = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .expect("open for writing");
        pipe.write_all(VALUES.as_bytes()).expect("write");
    });
    let out = validate(&fifo);
    writer.join().expect("writer");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("values (long), 2 rows, 2 values loaded"), "{text}");
    // Nobody writes now: the command says so and ends (it waits a few seconds).
    let out = validate(&fifo);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("nothing opened the pipe for writing"), "{text}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_table_of_100000_columns_is_refused() {
    let header: Vec<String> = (0..100_000).map(|i| format!("column {i}")).collect();
    let row: Vec<String> = (0..100_000).map(|i| i.to_string()).collect();
    let text = format!("{}\n{}\n", header.join(","), row.join(","));
    let loaded = crate::common::load_bytes("wide.csv", text.as_bytes());
    let refused = crate::common::errors(&loaded);
    assert_eq!(refused.len(), 1, "{refused:#?}");
    assert!(
        refused[0].message.contains("the table has 100000 columns"),
        "{}",
        refused[0].message
    );
}

/// `-` is standard input even where a file named `-` lies in the working folder:
/// a second run with other input is read, not served from the import cache.
#[test]
fn standard_input_is_never_served_from_the_cache() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut decoy = Vec::new();
    let catalogue = crate::common::catalogue();
    cityprofile::bench_data::write_long_csv(&catalogue, 30, 10, &mut decoy).expect("generate");
    assert!(decoy.len() as u64 > cityprofile::import::cache::MIN_BYTES);
    std::fs::write(dir.path().join("-"), &decoy).expect("write");
    let score = |value: &str| {
        let mut child = cityprofile()
            .args(["score", "-", "--city", "Pipetown", "--format", "json"])
            .current_dir(dir.path())
            .env("CITYPROFILE_CACHE_DIR", dir.path().join("cache"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run");
        let text = VALUES.replace(",81\n", &format!(",{value}\n"));
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("write");
        let out = child.wait_with_output().expect("wait");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        (
            json["items"][0]["value"].clone(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    assert_eq!(score("81").0, serde_json::json!(81.0));
    let (second, notes) = score("55");
    assert_eq!(second, serde_json::json!(55.0), "the new input, not a cached one");
    assert!(!notes.contains("import cache"), "{notes}");
}

/// A reader that stops early (`cityprofile … | head`): the command ends quietly,
/// as Unix tools do: no "Broken pipe" error, no panic, whether standard output
/// alone or both outputs are closed.
#[test]
fn a_closed_output_ends_the_command_quietly() {
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-cities");
    let commands: [&[&str]; 3] = [
        &["index", samples, "--format", "json", "--no-cache"],
        &["score", samples, "--city", "Pully", "--format", "json", "--no-cache"],
        &["validate", samples, "--no-cache"],
    ];
    for args in commands {
        for close_stderr_too in [false, true] {
            let mut child = cityprofile()
                .args(args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("run");
            // Close the reading end before the command writes its first line.
            drop(child.stdout.take());
            if close_stderr_too {
                drop(child.stderr.take());
            }
            let out = finish_within(child, Duration::from_secs(60));
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                !stderr.contains("error") && !stderr.contains("panicked"),
                "{args:?}: {stderr}"
            );
            assert!(out.status.success(), "{args:?} ended with {:?}", out.status);
        }
    }
}
