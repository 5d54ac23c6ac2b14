//! The bundled catalogue, default targets and sample cities.

use std::collections::BTreeSet;

use crate::common::*;
use cityprofile::import::{self, ImportReport};
use cityprofile::model::{TargetSetName, TargetValue, Value};
use cityprofile::score::Band;
use cityprofile::workspace::{Sources, Workspace};

#[test]
fn catalogue_has_the_u4ssc_structure() {
    let c = catalogue();
    assert_eq!(c.kpis.len(), 91);
    assert_eq!(
        c.dimensions.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(),
        ["Economy", "Environment", "Society and Culture"]
    );
    assert_eq!(c.subdimensions.len(), 7);
    let names: BTreeSet<&str> = c.categories.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(names.len(), 22, "22 category names");
    let per_dim: Vec<usize> = c
        .dimensions
        .iter()
        .map(|d| {
            c.kpis
                .iter()
                .filter(|k| {
                    c.parents_of(k.items[0]).2
                        == cityprofile::model::DimensionId(
                            c.dimensions.iter().position(|x| x.name == d.name).unwrap_or(0),
                        )
                })
                .count()
        })
        .collect();
    assert_eq!(per_dim, [45, 17, 29]);
    // 84 plain KPIs + 28 data points of the 7 KPIs reported per data point.
    assert_eq!(c.items.len(), 112);
    assert_eq!(c.items_in_order().len(), 112);
    assert_eq!(c.find_kpi("ec:ict:ict:1c"), c.find_kpi("EC: ICT: ICT: 1C"));
    assert_eq!(c.find_kpi("household internet ACCESS"), c.find_kpi("EC: ICT: ICT: 1C"));
    // Electronic Health Records: coded ED but filed under Health.
    let ehr = c.find_kpi("SC: EH: ED: 5A").expect("EHR");
    assert_eq!(c.categories[c.kpis[ehr.0].category.0].name, "Health");
}

#[test]
fn every_bundled_target_cites_its_source() {
    let c = catalogue();
    for (set, count) in [(TargetSetName::Global, 33), (TargetSetName::Eu2030, 44)] {
        let mut report = ImportReport::default();
        let targets = import::bundled_targets(&c, set, &mut report);
        assert_eq!(report.problems, vec![], "{set:?}");
        assert_eq!(targets.general_count(), count, "{set:?}");
        for id in 0..c.items.len() {
            let Some(t) = targets.get(cityprofile::model::ItemId::new(id), "") else {
                continue;
            };
            // A named body or instrument, and no claim left unsourced.
            let bodies = [
                "SDG",
                "WHO",
                "U4SSC",
                "ITU",
                "UNEP",
                "UN-Habitat",
                "C40",
                "Directive",
                "EU",
                "Council",
                "Charter",
            ];
            assert!(
                bodies.iter().any(|s| t.source.contains(s)) && t.source.len() > 40,
                "{} has a target without a citable source: {}",
                c.item_label(cityprofile::model::ItemId::new(id)),
                t.source
            );
            assert_eq!(t.kind, cityprofile::model::TargetKind::Cited);
        }
    }
    let mut report = ImportReport::default();
    let targets = import::default_targets(&c, &mut report);
    let broadband = c.kpis[c.find_kpi("EC: ICT: ICT: 2C").expect("kpi").0].items[0];
    assert_eq!(
        targets.get(broadband, "").map(|t| t.value),
        Some(TargetValue::Number(60.0))
    );
    // The eu-2030 set adds to global and never contradicts it.
    let eu = import::bundled_targets(&c, TargetSetName::Eu2030, &mut report);
    for id in (0..c.items.len()).map(cityprofile::model::ItemId::new) {
        if let Some(t) = targets.general(id) {
            assert_eq!(eu.general(id), Some(t));
        }
    }
}

fn samples() -> Workspace {
    Workspace::load(&Sources::default(), &mut |_, _, _| {}).expect("samples load")
}

#[test]
fn sample_cities_load_without_errors() {
    let ws = samples();
    assert_eq!(ws.report.error_count(), 0, "{:#?}", ws.report.problems);
    let names: BTreeSet<&str> = ws.dataset.cities.iter().map(|c| c.name.as_str()).collect();
    for city in [
        "Pully",
        "Karmoy",
        "Stavanger",
        "Alesund",
        "Asker",
        "Kristiansund",
        "Bizerte",
        "Moscow",
        "Daegu",
        "Lakeside (fictional)",
    ] {
        assert!(names.contains(city), "{city} missing");
    }
    let published: Vec<_> = ws
        .dataset
        .observations
        .iter()
        .filter(|o| ws.dataset.origin(o).file.contains("published"))
        .collect();
    assert_eq!(published.len(), 84 + 42, "every published value loads");
    // A page: " p" then a digit, as in "U4SSC Factsheet Pully Switzerland (June 2020) p18".
    let has_page = |s: &str| {
        s.match_indices(" p")
            .any(|(i, _)| s[i + 2..].starts_with(|c: char| c.is_ascii_digit()))
    };
    for o in &published {
        let o = ws.dataset.noted(o);
        assert!(o.source().is_some_and(has_page), "{:?} has no source page", o.source());
    }
    let real_fictional: Vec<&str> = ws
        .dataset
        .cities
        .iter()
        .filter(|c| c.fictional)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(real_fictional.len(), 6);
    assert!(
        real_fictional.iter().all(|n| n.ends_with("(fictional)")),
        "fictional cities say so in their names"
    );
}

#[test]
fn fictional_city_reports_every_item_over_five_years() {
    let ws = samples();
    let city = ws.dataset.city_by_name("Lakeside (fictional)").expect("fictional city");
    let years = ws.dataset.years_of(city);
    assert!(years.len() >= 5, "{years:?}");
    for id in 0..ws.catalogue.items.len() {
        let reported = ws
            .dataset
            .series(city, cityprofile::model::ItemId::new(id))
            .iter()
            .filter(|o| o.value() != Value::NotReported)
            .count();
        assert!(
            reported >= 5,
            "{} reported {reported} years",
            ws.catalogue.item_label(cityprofile::model::ItemId::new(id))
        );
    }
    let profile = ws.profile(city, None);
    let bands: BTreeSet<Band> = profile.items.iter().filter_map(|i| i.band()).collect();
    assert_eq!(bands.len(), 4, "the demo wheel shows every band");
}

#[test]
fn published_values_score_against_cited_targets() {
    let ws = samples();
    let score = |city: &str, code: &str| {
        let id = ws.dataset.city_by_name(city).expect("city");
        let item = ws.catalogue.kpis[ws.catalogue.find_kpi(code).expect("kpi").0].items[0];
        ws.profile(id, None).items[item.index()].clone()
    };
    // Pully 44.8 % fixed broadband vs the U4SSC 60 % benchmark: 74.666... % → 66-95 band, 3 points.
    let pully = score("Pully", "EC: ICT: ICT: 2C");
    assert_eq!(pully.pct(), Some(74.666666667));
    assert_eq!(pully.band(), Some(Band::From66To95));
    // Karmoy 84.51 % is beyond the benchmark: 100 % of target.
    assert_eq!(score("Karmoy", "EC: ICT: ICT: 2C").pct(), Some(100.0));
    // Asker gender income ratio 0.64 vs parity 1.0: 64 %.
    assert_eq!(score("Asker", "SC: SH: SI: 1C").pct(), Some(64.0));
    // Stavanger "NR" stays not reported.
    assert_eq!(score("Stavanger", "EC: I: B: 2A").value(), Value::NotReported);
}

/// Population peer groups place the real cities: each has a population with the
/// year it was counted and its source.
#[test]
fn every_real_city_has_a_cited_population_with_its_year() {
    let ws = samples();
    let real: Vec<_> = ws.dataset.cities.iter().filter(|c| !c.fictional).collect();
    assert_eq!(real.len(), 9);
    for city in real {
        assert!(city.population.is_some_and(|p| p > 1000), "{}: population", city.name);
        assert!(
            city.population_year.is_some_and(|y| (2010..=2024).contains(&y)),
            "{}: year",
            city.name
        );
        assert!(
            city.source.as_deref().is_some_and(|s| s.contains("http")),
            "{}: source",
            city.name
        );
        let text = city.population_text().expect("shown");
        assert!(text.contains("source:"), "{text}");
    }
}

/// Every data file in sample-cities/ is among the bundled samples the app opens.
#[test]
fn every_sample_file_is_bundled() {
    let ws = samples();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-cities");
    for entry in std::fs::read_dir(dir).expect("list").flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.ends_with(".csv") {
            let wanted = format!("sample-cities/{name}");
            assert!(
                ws.report.tables.iter().any(|t| t.file == wanted),
                "{name} is not bundled"
            );
        }
    }
}

/// Where a U4SSC page printed "No Benchmark Available", the value is not scored
/// even when a default target exists (fixed broadband has one: 60 %).
#[test]
fn printed_no_benchmark_wins_over_a_default_target() {
    use cityprofile::score::{ItemStatus, Unscorable};
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("values.csv");
    let text =
        "city,year,kpi,value,band\nA,2020,EC: ICT: ICT: 2C,30,No Benchmark Available\nB,2020,EC: ICT: ICT: 2C,30,\n";
    std::fs::write(&path, text).expect("write");
    let sources = Sources {
        paths: vec![path],
        ..Sources::default()
    };
    let ws = Workspace::load(&sources, &mut |_, _, _| {}).expect("load");
    let item = ws.catalogue.kpis[ws.catalogue.find_kpi("EC: ICT: ICT: 2C").expect("kpi").0].items[0];
    let status = |city| ws.profile(ws.dataset.city_by_name(city).expect("city"), None).items[item.index()].clone();
    let a = status("A");
    assert_eq!(a.status, ItemStatus::NoBenchmark(Some(Unscorable::NoBenchmarkPrinted)));
    assert!(a.target.is_none(), "no target is shown for it");
    assert!(
        matches!(status("B").status, ItemStatus::Scored { .. }),
        "the default target still scores B"
    );
}

/// An observation keeps its item in 14 bits: a catalogue of more items is refused
/// with a message, not cut; one of exactly the limit builds.
#[test]
fn a_catalogue_past_the_item_limit_is_refused() {
    use cityprofile::model::{Catalogue, CatalogueError, DataPointSpec, Direction, ItemId, KpiSpec};
    let spec = |points: usize| KpiSpec {
        code: "XX: YY: ZZ: 1".into(),
        name: "Many data points".into(),
        dimension: "D".into(),
        subdimension: "S".into(),
        category: "C".into(),
        core: true,
        unit: "%".into(),
        direction: Direction::Higher,
        sdgs: String::new(),
        source: String::new(),
        data_points: (0..points)
            .map(|i| DataPointSpec {
                name: format!("point {i}"),
                direction: None,
                unit: None,
            })
            .collect(),
    };
    let built = Catalogue::build("wide", vec![spec(ItemId::LIMIT)]).expect("the limit itself builds");
    assert_eq!(built.items.len(), ItemId::LIMIT);
    let refused = Catalogue::build("too wide", vec![spec(ItemId::LIMIT + 1)]);
    assert!(matches!(refused, Err(CatalogueError::TooManyItems)), "{refused:?}");
    let message = CatalogueError::TooManyItems.to_string();
    assert!(message.contains("16384"), "{message}");
}
