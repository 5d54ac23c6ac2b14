//! The bundled catalogue, default targets and sample cities.

mod common;

use std::collections::BTreeSet;

use cityprofile::import::{self, ImportReport};
use cityprofile::model::{TargetValue, Value};
use cityprofile::score::Band;
use cityprofile::workspace::{Sources, Workspace};
use common::*;

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
fn every_default_target_cites_its_source() {
    let c = catalogue();
    let mut report = ImportReport::default();
    let targets = import::default_targets(&c, &mut report);
    assert_eq!(report.error_count(), 0, "{:#?}", report.problems);
    assert_eq!(targets.general_count(), 21);
    for id in 0..c.items.len() {
        if let Some(t) = targets.get(cityprofile::model::ItemId(id), "") {
            let cites = ["SDG", "WHO", "U4SSC"].iter().any(|s| t.source.contains(s));
            assert!(
                cites,
                "{} has a target without a citable source: {}",
                c.item_label(cityprofile::model::ItemId(id)),
                t.source
            );
        }
    }
    let broadband = c.kpis[c.find_kpi("EC: ICT: ICT: 2C").expect("kpi").0].items[0];
    assert_eq!(
        targets.get(broadband, "").map(|t| t.value),
        Some(TargetValue::Number(60.0))
    );
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
        "Lakeside (fictional)",
    ] {
        assert!(names.contains(city), "{city} missing");
    }
    let published = ws
        .dataset
        .observations
        .iter()
        .filter(|o| ws.dataset.origin(o).file.contains("published"))
        .count();
    assert_eq!(published, 84, "every published value loads");
    assert!(
        ws.dataset
            .observations
            .iter()
            .filter(|o| ws.dataset.origin(o).file.contains("published"))
            .all(|o| o.source().is_some_and(|s| s.contains('p'))),
        "each published value keeps its source page"
    );
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
            .series(city, cityprofile::model::ItemId(id))
            .iter()
            .filter(|o| o.value != Value::NotReported)
            .count();
        assert!(
            reported >= 5,
            "{} reported {reported} years",
            ws.catalogue.item_label(cityprofile::model::ItemId(id))
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
        ws.profile(id, None).items[item.0].clone()
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
