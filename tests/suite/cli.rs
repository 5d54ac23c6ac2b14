//! The command line as a new user runs it: exit codes, formats, messages.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cityprofile"))
        .args(args)
        .output()
        .expect("run cityprofile")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

#[test]
fn validate_exit_codes() {
    assert_eq!(
        run(&["validate"]).status.code(),
        Some(0),
        "the bundled samples are clean"
    );
    let (_dir, bad) = crate::common::write_temp("values.csv", b"city,year,kpi,value\nA,2020,EC:ICT:ICT:9C,3\n");
    let out = run(&["validate", bad.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("did you mean EC: ICT: ICT: 5C"));
    let (_dir, warn) = crate::common::write_temp("values.csv", b"city,year,kpi,value\nA,2020,EC: ICT: ICT: 1C,130\n");
    assert_eq!(
        run(&["validate", warn.to_str().expect("path")]).status.code(),
        Some(0),
        "warnings alone pass"
    );
    assert_eq!(
        run(&["validate", "--format", "yaml"]).status.code(),
        Some(2),
        "usage error"
    );
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn validate_json_lists_problems_with_places() {
    let (_dir, bad) = crate::common::write_temp("values.csv", b"city,year,kpi,value\nA,2020,EC: ICT: ICT: 1C,abc\n");
    let out = run(&["validate", bad.to_str().expect("path"), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["errors"], 1);
    let problem = &json["problems"][0];
    assert_eq!(
        (
            problem["row"].as_u64(),
            problem["column"].as_str(),
            problem["text"].as_str()
        ),
        (Some(2), Some("value"), Some("abc"))
    );
    assert!(problem["hint"].as_str().is_some_and(|h| h.contains("NR")));
}

#[test]
fn score_json_has_exactly_the_documented_keys() {
    let out = run(&["score", "--city", "pully", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let item_keys = [
        "kpi",
        "data_point",
        "name",
        "value",
        "unit",
        "year",
        "target",
        "target_source",
        "achievement_pct",
        "band",
        "points",
        "band_source",
        "quality",
        "verified",
        "trend",
        "projected_year",
    ];
    let agg_keys = [
        "level",
        "name",
        "points",
        "max_points",
        "score_pct",
        "band",
        "scored",
        "reported",
        "total",
    ];
    let items = json["items"].as_array().expect("items");
    assert_eq!(items.len(), 112);
    for item in items {
        let keys: Vec<&str> = item.as_object().expect("object").keys().map(String::as_str).collect();
        assert_eq!(keys, item_keys);
    }
    for agg in json["aggregates"].as_array().expect("aggregates") {
        let keys: Vec<&str> = agg.as_object().expect("object").keys().map(String::as_str).collect();
        assert_eq!(keys, agg_keys);
    }
    assert_eq!(json["target_set"], "global");
    assert!(json["derived_targets"].is_null());
    assert!(json["targets"].as_str().is_some_and(|t| t.starts_with("global set")));
    let broadband = items.iter().find(|i| i["kpi"] == "EC: ICT: ICT: 2C").expect("2C");
    assert_eq!(broadband["value"].as_f64(), Some(44.8));
    assert_eq!(broadband["points"].as_u64(), Some(3));
    assert_eq!(broadband["band"], "66-95");
    assert_eq!(broadband["band_source"], "target");
    let overall = json["aggregates"].as_array().and_then(|a| a.last()).expect("overall");
    assert_eq!(
        (
            overall["level"].as_str(),
            overall["scored"].as_u64(),
            overall["total"].as_u64()
        ),
        // Household Internet and wireless broadband (ITU IDI reference values), fixed
        // broadband (U4SSC benchmark) and access to electricity (SDG 7.1).
        (Some("overall"), Some(4), Some(112))
    );
}

#[test]
fn score_json_carries_trends() {
    let out = run(&["score", "--city", "Lakeside (fictional)", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let items = json["items"].as_array().expect("items");
    let statuses: std::collections::BTreeSet<&str> = items.iter().filter_map(|i| i["trend"].as_str()).collect();
    assert!(
        statuses.contains("on track") && statuses.contains("trend information unavailable"),
        "{statuses:?}"
    );
    assert!(
        items
            .iter()
            .any(|i| i["projected_year"].as_i64().is_some_and(|y| y > 2024)),
        "some targets are projected"
    );
    let pully = run(&["score", "--city", "Pully", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&pully.stdout).expect("json");
    assert!(
        json["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|i| i["trend"] == "trend information unavailable"),
        "one year only"
    );
}

#[test]
fn score_errors_are_clear() {
    let out = run(&["score", "--city", "Atlantis"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown city 'Atlantis'") && err.contains("Pully") && err.contains("Karmoy"),
        "{err}"
    );
    // A part of a name lists the cities that hold it.
    let out = run(&["score", "--city", "sund"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cities whose name contains it: Alesund, Kristiansund\n"),
        "{err}"
    );
    let out = run(&["score", "--city", "Pully", "--year", "1999"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("its years are: 2020"));
    assert_eq!(run(&["score"]).status.code(), Some(2), "--city is required");
}

#[test]
fn score_csv_and_table() {
    let out = run(&[
        "score",
        "--city",
        "Lakeside (fictional)",
        "--year",
        "2022",
        "--format",
        "csv",
    ]);
    let text = stdout(&out);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "city,level,kpi,data_point,name,value,unit,year,target,target_source,achievement_pct,band,points,band_source,quality,verified,trend,projected_year,max_points,score_pct,scored,reported,total"
        )
    );
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("Lakeside (fictional),item,"))
            .count(),
        112
    );
    assert!(text.lines().any(|l| l.starts_with("Lakeside (fictional),overall,")));
    assert!(
        text.lines()
            .filter(|l| l.starts_with("Lakeside (fictional),item,"))
            .all(|l| l.contains(",2022,") || l.contains(",NR,")),
        "the year scored is 2022"
    );
    let table = stdout(&run(&["score", "--city", "Lakeside (fictional)"]));
    assert!(
        table.starts_with("Lakeside (fictional) (Fictional), 2024 - FICTIONAL demonstration data"),
        "{}",
        &table[..80]
    );
}

#[test]
fn targets_flag_overrides_defaults() {
    let (_dir, targets) =
        crate::common::write_temp("my-targets.csv", b"kpi,target,source\nEC: ICT: ICT: 2C,50,Our plan\n");
    let out = run(&[
        "score",
        "--city",
        "Pully",
        "--targets",
        targets.to_str().expect("path"),
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let broadband = json["items"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["kpi"] == "EC: ICT: ICT: 2C"))
        .expect("2C")
        .clone();
    assert_eq!(
        (
            broadband["target"].as_f64(),
            broadband["target_source"].as_str(),
            broadband["achievement_pct"].as_f64()
        ),
        (Some(50.0), Some("Our plan"), Some(89.6))
    );
}

#[test]
fn another_catalogue_works() {
    let (dir, catalogue) = crate::common::write_temp("iso.csv", b"code,name,dimension,subdimension,category,unit,direction\nISO 5.1,Unemployment rate,Economy,Economy,Labour,%,lower\nISO 6.1,Students completing primary education,Education,Education,Schools,%,higher\n");
    let values = dir.path().join("values.csv");
    std::fs::write(
        &values,
        "city,year,kpi,value\nTown,2022,ISO 5.1,8\nTown,2022,students completing primary education,97\n",
    )
    .expect("write");
    let targets = dir.path().join("t.csv");
    std::fs::write(&targets, "kpi,target,source\nISO 5.1,4,plan\nISO 6.1,100,plan\n").expect("write");
    let args = [
        "score",
        values.to_str().expect("p"),
        "--city",
        "town",
        "--catalogue",
        catalogue.to_str().expect("p"),
        "--targets",
        targets.to_str().expect("p"),
        "--format",
        "json",
    ];
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let pcts: Vec<Option<f64>> = json["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["achievement_pct"].as_f64())
        .collect();
    assert_eq!(pcts, [Some(50.0), Some(97.0)]);
}

#[test]
fn catalogue_command_lists_items() {
    let text = stdout(&run(&["catalogue", "--format", "csv"]));
    assert_eq!(text.lines().count(), 113);
    assert!(text.contains("EN: EN: AQ: 1C,PM2.5,Air Pollution"));
}

/// 30,000 percentages over 100 (one kind) and 3 values that are not numbers
/// (another): the text report lists the first few of each kind and counts the
/// rest with their rows; JSON lists every problem with its row and kind.
#[test]
fn many_problems_of_one_kind_are_summarised_in_text_and_all_in_json() {
    let mut text = String::from("city,year,kpi,value\n");
    for i in 0..30_000 {
        text.push_str(&format!("C{},{},EC: ICT: ICT: 1C,150\n", i / 10, 2010 + i % 10));
    }
    for city in ["X", "Y", "Z"] {
        text.push_str(&format!("{city},2020,EC: ICT: ICT: 1C,abc\n"));
    }
    let (_dir, file) = crate::common::write_temp("values.csv", text.as_bytes());
    let out = run(&["--no-cache", "validate", file.to_str().expect("path")]);
    let report = stdout(&out);
    let outside = report.lines().filter(|l| l.contains("is outside 0-100")).count();
    assert_eq!(outside, 5, "{report}");
    assert!(
        report.contains("and 29995 more 'percentage outside 0-100' warnings in ")
            && report.contains("column 'value', rows 2-30001"),
        "{report}"
    );
    assert_eq!(report.lines().filter(|l| l.contains("is not a number")).count(), 3);
    assert!(!report.contains("more 'not a number'"), "{report}");
    assert!(report.contains("3 errors, 30000 warnings"), "{report}");
    assert!(report.lines().count() < 40, "{report}");

    let out = run(&[
        "--no-cache",
        "validate",
        file.to_str().expect("path"),
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let problems = json["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 30_003);
    let kinds = json["kinds"].as_array().expect("kinds");
    let outside = kinds
        .iter()
        .position(|k| k["kind"] == "percentage outside 0-100")
        .expect("kind");
    assert_eq!(kinds[outside]["count"], 30_000);
    let mut rows: Vec<u64> = problems
        .iter()
        .filter(|p| p["kind"] == outside)
        .filter_map(|p| p["row"].as_u64())
        .collect();
    rows.sort_unstable();
    assert_eq!(rows, (2..30_002).collect::<Vec<u64>>());
    assert_eq!(problems.iter().filter(|p| p["message"].is_string()).count(), 100 + 3);
}

#[test]
fn an_unknown_city_among_many_lists_twenty() {
    let mut text = Vec::new();
    let catalogue = cityprofile::import::default_catalogue().expect("catalogue");
    cityprofile::bench_data::write_long_csv(&catalogue, 25, 1, &mut text).expect("generate");
    let (_dir, file) = crate::common::write_temp("cities.csv", &text);
    let out = run(&["--no-cache", "score", file.to_str().expect("path"), "--city", "Nowhere"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the cities found are: City 0000, City 0001"), "{err}");
    assert!(
        err.contains("City 0019 and 5 more") && !err.contains("City 0020"),
        "{err}"
    );
}
