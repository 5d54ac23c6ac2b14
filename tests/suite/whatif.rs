//! `cityprofile whatif` and `cityprofile plan` on the bundled samples, checked
//! against each other: the values a plan names, set with `whatif`, reach its band.

use std::process::Command;

use serde_json::Value as Json;

const CITY: &str = "Lakeside (fictional)";

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cityprofile"))
        .args(args)
        .output()
        .expect("run cityprofile");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn json(args: &[&str]) -> Json {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, Some(0), "{args:?}: {stderr}");
    serde_json::from_str(&stdout).expect("JSON")
}

fn keys(object: &Json) -> Vec<&str> {
    object.as_object().expect("object").keys().map(String::as_str).collect()
}

#[test]
fn whatif_across_a_band_edge_changes_the_item_and_the_aggregates_above_it() {
    // Household Internet Access is 54.77 % of its target (33-66): 66 puts it in 66-95.
    let doc = json(&[
        "whatif",
        "--city",
        CITY,
        "--set",
        "EC: ICT: ICT: 1C=66",
        "--format",
        "json",
    ]);
    assert_eq!(keys(&doc), ["city", "year", "items", "aggregates"]);
    assert_eq!(doc["city"], CITY);
    let items = doc["items"].as_array().expect("items");
    assert_eq!(items.len(), 1);
    let item = &items[0];
    assert_eq!(keys(item), ["kpi", "data_point", "before", "after"]);
    assert_eq!(keys(&item["before"]), ["value", "achievement_pct", "band", "points"]);
    assert_eq!(
        (item["before"]["band"].as_str(), item["before"]["points"].as_u64()),
        (Some("33-66"), Some(2))
    );
    assert_eq!(
        (item["after"]["value"].as_f64(), item["after"]["band"].as_str()),
        (Some(66.0), Some("66-95"))
    );
    let aggregates = doc["aggregates"].as_array().expect("aggregates");
    let levels: Vec<(&str, &str)> = aggregates
        .iter()
        .map(|a| (a["level"].as_str().expect("level"), a["name"].as_str().expect("name")))
        .collect();
    assert_eq!(
        levels,
        [
            ("category", "ICT Infrastructure"),
            ("subdimension", "ICT"),
            ("dimension", "Economy"),
            ("overall", "Overall")
        ]
    );
    for a in aggregates {
        assert_eq!(keys(&a["after"]), ["score_pct", "band", "points"]);
        let (before, after) = (a["before"]["points"].as_u64(), a["after"]["points"].as_u64());
        assert_eq!(after, before.map(|p| p + 1), "{a}");
    }
}

#[test]
fn a_plan_set_with_whatif_reaches_its_band() {
    let doc = json(&[
        "plan", "--city", CITY, "--level", "category", "--name", "Health", "--band", "95+", "--format", "json",
    ]);
    let expected = [
        "city",
        "year",
        "level",
        "name",
        "band",
        "points",
        "max_points",
        "needed_points",
        "steps",
        "reachable",
        "items",
        "unscored",
    ];
    assert_eq!(keys(&doc), expected);
    let (points, max) = (
        doc["points"].as_u64().expect("points"),
        doc["max_points"].as_u64().expect("max"),
    );
    let needed = doc["needed_points"].as_u64().expect("needed");
    // 95 % of max points, rounded up, in integers.
    assert_eq!(points + needed, (95 * max).div_ceil(100));
    assert!(needed > 0 && doc["reachable"] == true, "{doc}");
    let items = doc["items"].as_array().expect("items");
    assert_eq!(
        items.len() as u64,
        doc["steps"].as_u64().expect("steps"),
        "numbers: one item a step"
    );
    // The last value named per item, set together.
    let mut sets: Vec<(String, String)> = Vec::new();
    for item in items {
        let mut kpi = item["kpi"].as_str().expect("kpi").to_string();
        if let Some(point) = item["data_point"].as_str() {
            kpi = format!("{kpi}={point}");
        }
        let value = match &item["next_band_value"] {
            Json::String(text) => text.clone(),
            other => other.to_string(),
        };
        sets.retain(|(k, _)| *k != kpi);
        sets.push((kpi, value));
    }
    let mut args: Vec<String> = ["whatif", "--city", CITY, "--format", "json"]
        .map(String::from)
        .to_vec();
    for (kpi, value) in &sets {
        args.extend(["--set".to_string(), format!("{kpi}={value}")]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let after = json(&args);
    let health = after["aggregates"]
        .as_array()
        .expect("aggregates")
        .iter()
        .find(|a| a["level"] == "category" && a["name"] == "Health")
        .expect("Health changed");
    assert_eq!(health["after"]["band"], "95+", "{health}");
    assert_eq!(health["after"]["points"].as_u64(), Some(points + needed));
}

#[test]
fn tables_print_and_bad_sets_are_named() {
    let (code, stdout, _) = run(&["whatif", "--city", CITY, "--set", "Life Expectancy=85"]);
    assert_eq!(code, Some(0));
    assert!(
        stdout.contains("SC: EH: H: 1C") && stdout.contains("Overall"),
        "{stdout}"
    );
    let (code, stdout, _) = run(&["plan", "--city", CITY, "--level", "overall", "--band", "95+"]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("band step"), "{stdout}");
    let (code, _, stderr) = run(&["whatif", "--city", CITY, "--set", "EC: ICT: ICT: 9Z=3"]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("--set \"EC: ICT: ICT: 9Z=3\"") && stderr.contains("unknown KPI"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["whatif", "--city", CITY, "--set", "EC: ICT: ICT: 4C=96"]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("per data point") && stderr.contains("4G"), "{stderr}");
    let (code, _, stderr) = run(&["whatif", "--city", CITY, "--set", "EC: ICT: ICT: 1C=lots"]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("'lots'"), "{stderr}");
    let (code, _, stderr) = run(&[
        "plan", "--city", CITY, "--level", "category", "--name", "Waste", "--band", "95+",
    ]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("Sub-dimension / Category"), "{stderr}");
}

#[test]
fn without_set_every_scored_item_gets_its_next_band_values_which_score_that_band() {
    let doc = json(&["whatif", "--city", CITY, "--format", "json"]);
    assert_eq!(keys(&doc), ["city", "year", "next_bands"]);
    let next = doc["next_bands"].as_array().expect("next_bands");
    assert!(next.len() > 50, "most of the city's items are scored");
    let below_top: Vec<&Json> = next.iter().filter(|n| n["band"] != "95+").collect();
    assert!(
        below_top
            .iter()
            .all(|n| !n["steps"].as_array().expect("steps").is_empty())
    );
    assert!(
        next.iter()
            .filter(|n| n["band"] == "95+")
            .all(|n| n["steps"] == Json::Array(vec![]))
    );
    // A few of them set with --set score exactly the band given.
    for n in below_top.iter().step_by(7) {
        let step = &n["steps"][0];
        let mut reference = n["kpi"].as_str().expect("kpi").to_string();
        if let Some(point) = n["data_point"].as_str() {
            reference = format!("{reference}={point}");
        }
        let value = match &step["value"] {
            Json::String(text) => text.clone(),
            other => other.to_string(),
        };
        let set = format!("{reference}={value}");
        let after = json(&["whatif", "--city", CITY, "--set", &set, "--format", "json"]);
        assert_eq!(after["items"][0]["after"]["band"], step["band"], "{set}: {after}");
    }
}
