//! The composite index on the bundled sample cities, from the library and the
//! command line: U4SSC-faithful settings give the `score` command's overall
//! score, seeds repeat, bad options and files get clear messages.

use std::process::{Command, Output};

use cityprofile::model::CityId;
use cityprofile::score::index::{IndexSettings, Method, Rules, WeightBase, Weights, nominal};
use cityprofile::workspace::{Sources, Workspace};
use serde_json::Value as Json;

/// The fictional cities' nominal index (no uncertainty runs), as JSON.
const FICTIONAL_NOMINAL: [&str; 7] = [
    "index",
    "--city",
    "Lakeside (fictional)",
    "--runs",
    "0",
    "--format",
    "json",
];

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cityprofile"))
        .args(args)
        .output()
        .expect("run cityprofile")
}

fn json(args: &[&str]) -> Json {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

fn samples() -> Workspace {
    Workspace::load(&Sources::default(), &mut |_, _, _| {}).expect("samples")
}

/// Every city's index score under points + arithmetic + per-KPI weights (coverage
/// rules off) is the U4SSC overall score, real and fictional cities alike.
#[test]
fn u4ssc_settings_reproduce_every_overall_score() {
    let ws = samples();
    for fictional in [false, true] {
        let members: Vec<CityId> = (0..ws.dataset.cities.len())
            .map(CityId::new)
            .filter(|c| ws.dataset.cities[c.index()].fictional == fictional)
            .collect();
        let input = ws.index_input(&members, None);
        let settings = IndexSettings {
            method: Method::default(),
            weights: Weights::preset(WeightBase::PerKpi, &ws.catalogue),
            rules: Rules {
                min_coverage: 0.0,
                max_missing: 1.0,
            },
        };
        let result = nominal(&input, &settings);
        assert_eq!(result.cities.len(), members.len());
        for city in &result.cities {
            let overall = ws.profile(city.city, None).overall.score_pct;
            assert!(overall.is_some(), "{} has a score", city.name);
            assert_eq!(city.score, overall, "{}", city.name);
        }
    }
}

/// The same through the command line: `index --runs 0` against `score` for every city.
#[test]
fn index_command_scores_equal_the_score_command() {
    for who in [vec![], vec!["--city", "Lakeside (fictional)"]] {
        let mut args = vec![
            "index",
            "--runs",
            "0",
            "--format",
            "json",
            "--min-coverage",
            "0",
            "--max-missing",
            "1",
        ];
        args.extend(&who);
        let doc = json(&args);
        assert_eq!(doc["mean_rank_shift"], Json::Null);
        let cities = doc["cities"].as_array().expect("cities");
        assert!(cities.len() >= 6, "{doc}");
        for c in cities {
            assert_eq!(c["median_rank"], Json::Null);
            let name = c["city"].as_str().expect("name");
            let score = json(&["score", "--city", name, "--format", "json"]);
            let overall = score["aggregates"]
                .as_array()
                .and_then(|a| a.iter().find(|x| x["level"] == "overall"))
                .expect("overall");
            assert_eq!(c["score"], overall["score_pct"], "{name}");
        }
    }
}

#[test]
fn uncertainty_output_follows_the_schema_and_repeats_with_its_seed() {
    let args = [
        "index",
        "--city",
        "Lakeside (fictional)",
        "--runs",
        "300",
        "--seed",
        "42",
        "--format",
        "json",
    ];
    let doc = json(&args);
    assert_eq!(doc["settings"]["seed"], 42);
    assert_eq!(doc["settings"]["runs"], 300);
    assert_eq!(doc["settings"]["index"], "U4SSC-based composite (unofficial)");
    let cities = doc["cities"].as_array().expect("cities");
    assert_eq!(cities.len(), 6, "six fictional cities, all complete enough to rank");
    for c in cities {
        for key in ["score", "rank", "median_rank", "q05_rank", "q95_rank", "p_top3"] {
            assert!(c[key].is_number(), "{key} in {c}");
        }
        let (q05, q95, rank) = (c["q05_rank"].as_f64(), c["q95_rank"].as_f64(), c["rank"].as_f64());
        assert!(q05 <= q95 && q05 >= Some(1.0) && q95 <= Some(6.0), "{c}");
        assert!(rank.is_some());
        assert_eq!(c["dimensions"].as_object().map(|d| d.len()), Some(3));
    }
    assert!(doc["mean_rank_shift"].as_f64().is_some_and(|s| s > 0.0));
    assert_eq!(json(&args), doc, "the same seed gives the same result");
    let mut other = args.to_vec();
    other[6] = "43";
    assert_ne!(json(&other)["cities"], doc["cities"]);
}

#[test]
fn sparse_real_cities_are_listed_as_not_ranked_with_the_reason() {
    let doc = json(&["index", "--runs", "0", "--format", "json"]);
    assert_eq!(doc["cities"].as_array().map(Vec::len), Some(0));
    let not_ranked = doc["not_ranked"].as_array().expect("not ranked");
    assert_eq!(not_ranked.len(), 9, "the nine real sample cities");
    assert!(
        not_ranked
            .iter()
            .all(|c| c["reason"].as_str().is_some_and(|r| r.contains("% missing")))
    );
}

/// No real sample city can be ranked: the command says so first, runs no
/// uncertainty on nobody (JSON: no mean rank shift), and names the fictional
/// cities that can be ranked and how to ask for them.
#[test]
fn an_index_of_nobody_says_so_and_names_who_could_be_ranked() {
    let out = run(&["index"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let notes = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("Uncertainty: not run (no city is ranked)"), "{text}");
    assert!(text.contains("No city is ranked."), "{text}");
    assert!(notes.contains("no city can be ranked"), "{notes}");
    assert!(
        notes.contains("6 other cities can be ranked") && notes.contains("--city \"Lakeside (fictional)\""),
        "{notes}"
    );
    let doc = json(&["index", "--format", "json"]);
    assert!(doc["mean_rank_shift"].is_null(), "{}", doc["mean_rank_shift"]);
    assert_eq!(doc["cities"].as_array().map(Vec::len), Some(0));
}

#[test]
fn bad_options_and_weights_files_say_what_is_wrong() {
    let out = run(&["index", "--cities", "Pully,Lakeside (fictional)"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("mixes real and fictional"));
    let (_dir, file) = crate::common::write_temp(
        "w.csv",
        b"level,name,weight\ndimension,Economy,2\nsubdimension,Nowhere,1\n",
    );
    let out = run(&["index", "--weights", file.to_str().expect("path"), "--runs", "0"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 3") && err.contains("Nowhere"), "{err}");
    let out = run(&["index", "--alternatives", "points:median", "--runs", "10"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("points:median"));
    for (option, says) in [
        ("--spread=1.5", "--spread 1.5 is outside 0 to 1"),
        ("--min-coverage=2", "--min-coverage 2 is outside 0 to 1"),
        ("--max-missing=-0.1", "--max-missing -0.1 is outside 0 to 1"),
        ("--runs=1000000", "more than 100000"),
    ] {
        let out = run(&["index", option]);
        assert_eq!(out.status.code(), Some(1), "{option}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(says), "{option}");
    }
}

#[test]
fn a_weights_file_changes_the_index_as_it_says() {
    // Economy and Environment weighted 0: the index is the Society and Culture score.
    let (_dir, file) = crate::common::write_temp(
        "w.csv",
        b"level,name,weight\npreset,per-level,\ndimension,Economy,0\ndimension,EN,0\n",
    );
    let mut args = FICTIONAL_NOMINAL.to_vec();
    args.extend(["--weights", file.to_str().expect("path")]);
    let doc = json(&args);
    assert_eq!(doc["settings"]["weight_base"], "per-level");
    let cities = doc["cities"].as_array().expect("cities");
    assert_eq!(cities.len(), 6);
    let scores: Vec<(f64, f64)> = cities
        .iter()
        .map(|c| {
            (
                c["score"].as_f64().unwrap_or(-1.0),
                c["dimensions"]["Society and Culture"]["score"].as_f64().unwrap_or(-2.0),
            )
        })
        .collect();
    for (index, society) in &scores {
        assert!((index - society).abs() < 1e-9, "{scores:?}");
    }
    let plain = json(&FICTIONAL_NOMINAL);
    assert_ne!(plain["cities"][0]["score"], doc["cities"][0]["score"]);
}
