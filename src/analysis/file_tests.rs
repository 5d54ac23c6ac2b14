//! The analysis file: what round-trips, what is refused, what is told.

use super::*;
use crate::analysis::{Hypothetical, HypotheticalValue, ItemKey, View, edit_rows};
use crate::import::TargetFields;
use crate::model::CityId;
use crate::workspace::{Sources, Workspace};

const VALUES: &str = "city,year,kpi,value\nAa,2020,EC: ICT: ICT: 1C,50\nBb,2020,EC: ICT: ICT: 1C,70\n";

/// A folder with data/values.csv and the analysis file's path beside `data`.
fn project() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::create_dir(dir.path().join("data")).expect("mkdir");
    let data = dir.path().join("data").join("values.csv");
    std::fs::write(&data, VALUES).expect("write");
    let file = dir.path().join("work").join("study.cityprofile");
    std::fs::create_dir(dir.path().join("work")).expect("mkdir");
    (dir, data, file)
}

fn edit(kpi: &str, target: &str, city: &str) -> TargetFields {
    TargetFields {
        kpi: kpi.into(),
        target: target.into(),
        city: city.into(),
        source: "city plan".into(),
        ..TargetFields::default()
    }
}

fn sample(data: &Path) -> Analysis {
    Analysis {
        datasets: vec![data.canonicalize().expect("exists")],
        city: Some("Bb".into()),
        year: Some(2020),
        view: View::Gaps,
        focus: vec!["Economy".into()],
        compared: vec!["Aa".into()],
        trend: Some(ItemKey {
            kpi: "EC: ICT: ICT: 1C".into(),
            data_point: None,
        }),
        target_edits: vec![edit("EC: ICT: ICT: 1C", "71.3333333333333", "Bb")],
        whatif: vec![
            Hypothetical {
                city: "Aa".into(),
                kpi: "EC: ICT: ICT: 1C".into(),
                data_point: None,
                value: HypotheticalValue::Number(0.1 + 0.2),
            },
            Hypothetical {
                city: "Aa".into(),
                kpi: "EC: ICT: ICT: 4C".into(),
                data_point: Some("x".into()),
                value: HypotheticalValue::Flag(true),
            },
        ],
        show_marks: false,
        ..Analysis::default()
    }
}

#[test]
fn an_analysis_comes_back_as_saved_with_its_data_named_relative_to_it() {
    let (_dir, data, file) = project();
    let analysis = sample(&data);
    save(&analysis, &file).expect("saved");
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(
        text.starts_with("{\n  \"format\": \"cityprofile-analysis\",\n  \"version\": 1,"),
        "{text}"
    );
    let json: Json = serde_json::from_str(&text).expect("json");
    assert_eq!(
        json["datasets"][0]["path"],
        Json::from(format!(
            "..{}data{}values.csv",
            std::path::MAIN_SEPARATOR,
            std::path::MAIN_SEPARATOR
        ))
    );
    assert_eq!(json["datasets"][0]["size"], Json::from(VALUES.len()));
    assert_eq!(json["datasets"][0]["xxh3_128"].as_str().map(str::len), Some(32));
    let opened = open(&file).expect("opened");
    assert_eq!((opened.missing.len(), opened.changed.len()), (0, 0));
    let mut back = opened.analysis;
    back.datasets = back
        .datasets
        .iter()
        .map(|p| p.canonicalize().expect("exists"))
        .collect();
    assert_eq!(back, analysis);
}

#[test]
fn a_newer_version_another_format_and_a_damaged_or_truncated_file_are_refused() {
    let (_dir, data, file) = project();
    save(&sample(&data), &file).expect("saved");
    let text = std::fs::read_to_string(&file).expect("read");
    let newer = text.replacen("\"version\": 1", "\"version\": 2", 1);
    std::fs::write(&file, newer).expect("write");
    let message = open(&file).expect_err("newer").to_string();
    assert!(
        message.contains("newer cityprofile (format 2)") && message.contains("reads format 1"),
        "{message}"
    );
    assert!(message.contains("study.cityprofile"), "names the file: {message}");
    std::fs::write(&file, &text[..text.len() / 2]).expect("write");
    let truncated = open(&file).expect_err("truncated");
    assert!(matches!(truncated, AnalysisError::Truncated { .. }), "{truncated}");
    assert!(truncated.to_string().contains("line "), "{truncated}");
    std::fs::write(&file, text.replacen("cityprofile-analysis", "something-else", 1)).expect("write");
    assert!(matches!(open(&file), Err(AnalysisError::NotAnalysis { .. })));
    std::fs::write(&file, "city,year\n").expect("write");
    assert!(matches!(open(&file), Err(AnalysisError::Damaged { .. })));
    std::fs::write(&file, text.replacen("\"view\": \"Gaps\"", "\"view\": \"Nope\"", 1)).expect("write");
    let wrong = open(&file).expect_err("unknown view");
    assert!(wrong.to_string().contains("Nope"), "{wrong}");
}

#[test]
fn unknown_fields_of_the_same_version_are_ignored() {
    let (_dir, data, file) = project();
    save(&sample(&data), &file).expect("saved");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(
        &file,
        text.replacen("\"version\": 1,", "\"version\": 1, \"deck\": [1, 2],", 1),
    )
    .expect("write");
    assert_eq!(open(&file).expect("opened").analysis.view, View::Gaps);
}

#[test]
fn a_changed_dataset_is_told_and_a_moved_one_is_missing_until_located() {
    let (dir, data, file) = project();
    save(&sample(&data), &file).expect("saved");
    std::fs::write(&data, VALUES.replace(",70", ",71")).expect("edit");
    let opened = open(&file).expect("opened");
    assert_eq!(
        opened.changed,
        vec![file.parent().expect("dir").join("../data/values.csv")]
    );
    assert!(opened.missing.is_empty());
    std::fs::write(&data, VALUES).expect("restore");
    let moved = dir.path().join("values.csv");
    std::fs::rename(&data, &moved).expect("move");
    let opened = open(&file).expect("opened");
    assert!(opened.changed.is_empty());
    let [missing] = opened.missing.as_slice() else {
        panic!("one missing: {:?}", opened.missing)
    };
    assert_eq!(
        (missing.role, missing.index, missing.name()),
        (FileRole::Dataset, 0, "values.csv".to_string())
    );
    assert!(!missing.changed(&moved), "the same content, elsewhere");
    std::fs::write(&moved, "other").expect("write");
    assert!(missing.changed(&moved));
}

/// Target edits saved as rows come back as the same targets: the same scores.
#[test]
fn target_edits_survive_the_round_trip() {
    let (_dir, data, file) = project();
    let sources = Sources {
        paths: vec![data.clone()],
        ..Sources::default()
    };
    let ws = Workspace::load(&sources, &mut |_, _, _| {}).expect("loaded");
    let rows = vec![
        edit("EC: ICT: ICT: 1C", "71.3333333333333", ""),
        TargetFields {
            worst: "12.25".into(),
            direction: "higher".into(),
            ..edit("EC: ICT: ICT: 1C", "99.5", "Bb")
        },
    ];
    let mut report = crate::import::ImportReport::default();
    let edited = ws.with_edits(crate::import::read_edits(&ws.catalogue, &rows, &mut report));
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let analysis = Analysis {
        datasets: vec![data],
        target_edits: edit_rows(&edited),
        ..Analysis::default()
    };
    save(&analysis, &file).expect("saved");
    let back = open(&file).expect("opened").analysis;
    let reloaded = Workspace::load(
        &Sources {
            paths: back.datasets,
            edits: back.target_edits,
            ..Sources::default()
        },
        &mut |_, _, _| {},
    )
    .expect("reloaded");
    assert_eq!(reloaded.edits, edited.edits);
    for city in 0..2 {
        let (a, b) = (
            edited.profile(CityId::new(city), None),
            reloaded.profile(CityId::new(city), None),
        );
        assert_eq!(a.overall, b.overall);
        let pct = |p: &crate::score::Profile| p.items.iter().map(|i| i.status.clone()).collect::<Vec<_>>();
        assert_eq!(pct(&a), pct(&b));
    }
    let unedited = ws.profile(CityId::new(1), None);
    assert_ne!(
        unedited.items.iter().map(|i| i.status.clone()).collect::<Vec<_>>(),
        reloaded
            .profile(CityId::new(1), None)
            .items
            .iter()
            .map(|i| i.status.clone())
            .collect::<Vec<_>>(),
        "the edits score differently"
    );
}
