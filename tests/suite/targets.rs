//! Target sets, derived targets (SDSN method) and U4SSC verification bands:
//! the coverage they give and the exact numbers they produce.

use std::io::Write;
use std::path::PathBuf;

use cityprofile::import::Severity;
use cityprofile::model::{Catalogue, Direction, ItemId, TargetKind, TargetSetName, TargetValue, UnitKind};
use cityprofile::score::{Basis, ItemStatus, Level, PeerChoice};
use cityprofile::workspace::{Scoring, Sources, Workspace};

fn write_csv(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    let mut file = std::fs::File::create(&path).expect("create");
    file.write_all(text.as_bytes()).expect("write");
    path
}

fn load(paths: Vec<PathBuf>, scoring: Scoring) -> Workspace {
    let sources = Sources {
        paths,
        scoring,
        ..Sources::default()
    };
    let ws = Workspace::load(&sources, &mut |_, _, _| {}).expect("load");
    let errors: Vec<_> = ws
        .report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    ws
}

fn kpi_cells(c: &Catalogue, item: ItemId) -> (String, String) {
    let code = c.kpis[c.items[item.index()].kpi.0].code.clone();
    (code, c.items[item.index()].data_point.clone().unwrap_or_default())
}

/// A long CSV where each of `cities` reports every item in 2024: yes/no items
/// `Yes`, numbers from `value(city, item)`.
fn every_item_csv(c: &Catalogue, cities: usize, value: impl Fn(usize, usize) -> f64) -> String {
    let mut text = String::from("city,year,kpi,data_point,value\n");
    for city in 0..cities {
        for i in 0..c.items.len() {
            let (code, dp) = kpi_cells(c, ItemId::new(i));
            let v = if c.items[i].unit_kind == UnitKind::YesNo {
                "Yes".to_string()
            } else {
                value(city, i).to_string()
            };
            text.push_str(&format!("City {city:02},2024,{code},{dp},{v}\n"));
        }
    }
    text
}

fn catalogue() -> Catalogue {
    cityprofile::import::default_catalogue().expect("catalogue")
}

#[test]
fn each_target_set_covers_what_the_issue_asks() {
    let dir = tempfile::tempdir().expect("tmp");
    let c = catalogue();
    let path = write_csv(&dir, "one.csv", &every_item_csv(&c, 1, |_, i| 1.0 + i as f64));
    let scored = |set| {
        let ws = load(vec![path.clone()], Scoring { set, derived: None });
        let p = ws.profile(cityprofile::model::CityId(0), None);
        let coverage = p.coverage();
        assert_eq!(coverage.cited, p.overall.scored, "only cited targets score here");
        assert_eq!(p.overall.reported, 112);
        // Every target of the set scores a city that reports every item.
        assert_eq!(p.overall.scored as usize, ws.targets.general_count(), "{set:?}");
        p.overall.scored
    };
    let (global, eu, none) = (
        scored(TargetSetName::Global),
        scored(TargetSetName::Eu2030),
        scored(TargetSetName::None),
    );
    assert!(global >= 30, "global scores {global}");
    assert!(eu >= 40, "eu-2030 scores {eu}");
    assert_eq!(none, 0);
    assert_eq!((global, eu), (33, 44));
}

/// The mean of the 5 best and the 2.5th percentile from the bad end, computed
/// here without the app's code: numpy's "linear" rule as a weighted pair of ranks.
fn expected(values: &[f64], direction: Direction) -> (f64, f64) {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).expect("finite"));
    let n = v.len();
    let (best, q) = match direction {
        Direction::Higher => (v[n - 5..].iter().sum::<f64>() / 5.0, 0.025),
        _ => (v[..5].iter().sum::<f64>() / 5.0, 0.975),
    };
    let pos = q * (n as f64 - 1.0);
    let (below, frac) = (pos.floor() as usize, pos - pos.floor());
    let above = (below + 1).min(n - 1);
    let worst = (1.0 - frac) * v[below] + frac * v[above];
    (best, worst)
}

#[test]
fn derived_targets_score_every_directed_item_with_sdsn_numbers() {
    let dir = tempfile::tempdir().expect("tmp");
    let c = catalogue();
    // Spread values (a fixed pseudo-random pattern), some cities far out.
    let value = |city: usize, item: usize| ((city * 37 + item * 11) % 101) as f64 * 1.5 + (city % 7) as f64 * 0.25;
    let path = write_csv(&dir, "thirty.csv", &every_item_csv(&c, 30, value));
    let ws = load(
        vec![path],
        Scoring {
            set: TargetSetName::None,
            derived: Some(PeerChoice::All),
        },
    );
    let directed: Vec<usize> = (0..c.items.len())
        .filter(|&i| matches!(c.items[i].direction, Direction::Higher | Direction::Lower))
        .filter(|&i| c.items[i].unit_kind != UnitKind::YesNo)
        .collect();
    assert_eq!(directed.len(), 99);
    let city = ws.dataset.city_by_name("City 03").expect("city");
    let profile = ws.profile(city, Some(2024));
    assert!(
        profile
            .targets
            .contains("derived targets (SDSN method) from all cities (30 real cities)")
    );
    for &i in &directed {
        let score = &profile.items[i];
        assert!(
            matches!(
                score.status,
                ItemStatus::Scored {
                    basis: Basis::Derived,
                    ..
                }
            ),
            "{}",
            c.item_label(ItemId::new(i))
        );
        let target = score.target.as_ref().expect("target");
        assert_eq!(target.kind, TargetKind::Derived);
        assert!(
            target
                .source
                .starts_with("derived: mean of the 5 best of 30 cities, 2024 (SDSN method)")
        );
        let values: Vec<f64> = (0..30).map(|city| value(city, i)).collect();
        let (best, worst) = expected(&values, c.items[i].direction);
        let TargetValue::Number(t) = target.value else {
            panic!("numeric")
        };
        assert!(
            (t - best).abs() < 1e-9,
            "{}: {t} vs {best}",
            c.item_label(ItemId::new(i))
        );
        let w = target.worst.expect("worst");
        assert!(
            (w - worst).abs() < 1e-9,
            "{}: {w} vs {worst}",
            c.item_label(ItemId::new(i))
        );
    }
    // Nothing else is derived: not yes/no items, not items without a direction.
    assert_eq!(profile.coverage().derived as usize, directed.len());
    assert_eq!(profile.overall.scored as usize, directed.len());
}

#[test]
fn u4ssc_bands_score_without_targets_and_disagreements_are_reported() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = "city,year,kpi,data_point,value,band\n\
        Aukra,2021,EC: ICT: ICT: 1C,,20,0 - 33 % of target\n\
        Aukra,2021,EC: ICT: ICT: 2C,,50,66-95\n\
        Aukra,2021,EC: ICT: ICT: 3C,,90000,95 % + of target\n\
        Aukra,2021,EC: ICT: ICT: 4C,3G,10,0-33\n";
    let path = write_csv(&dir, "bands.csv", data);
    let none = load(
        vec![path.clone()],
        Scoring {
            set: TargetSetName::None,
            derived: None,
        },
    );
    let p = none.profile(cityprofile::model::CityId(0), None);
    let ict = p
        .categories
        .iter()
        .find(|a| a.name == "ICT Infrastructure")
        .expect("category");
    assert_eq!((ict.level, ict.points, ict.scored), (Level::Category, 9, 4));
    assert_eq!(ict.score_pct, Some(56.25));
    assert_eq!(p.coverage().u4ssc, 4);
    assert!(
        p.items
            .iter()
            .filter_map(|s| s.basis())
            .all(|b| b.band_source() == "u4ssc")
    );
    assert!(
        none.report
            .problems
            .iter()
            .all(|pr| !pr.message.contains("U4SSC verification gave"))
    );
    // With the global set, fixed broadband's 60 % target gives 50/60 = 83.3 % (66-95): agrees.
    // Household Internet 20 of 100 = 20 % (0-33): agrees. Wireless 90 000 of 100 000 = 90 %
    // (66-95) while U4SSC printed 95+: a warning naming both; the U4SSC band is used.
    let global = load(vec![path], Scoring::default());
    let warnings: Vec<&str> = global
        .report
        .problems
        .iter()
        .filter(|pr| pr.message.contains("U4SSC verification gave"))
        .map(|pr| pr.message.as_str())
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].contains("Wireless Broadband Subscriptions"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[0].contains("95 % + of target") && warnings[0].contains("66-95 %"),
        "{}",
        warnings[0]
    );
    let p = global.profile(cityprofile::model::CityId(0), None);
    let ict = p
        .categories
        .iter()
        .find(|a| a.name == "ICT Infrastructure")
        .expect("category");
    assert_eq!(ict.score_pct, Some(56.25));
}

#[test]
fn a_real_citys_targets_are_never_derived_from_fictional_cities() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut values = String::from("city,year,kpi,value\n");
    for (i, city) in ["F1", "F2", "F3", "F4", "F5", "Real"].iter().enumerate() {
        values.push_str(&format!("{city},2024,EC: ICT: ICT: 5C,{}\n", 10 + i));
    }
    let mut cities = String::from("city,country,population,fictional\n");
    for city in ["F1", "F2", "F3", "F4", "F5"] {
        cities.push_str(&format!("{city},Fictional,1000,yes\n"));
    }
    cities.push_str("Real,Norway,1000,no\n");
    let paths = vec![
        write_csv(&dir, "values.csv", &values),
        write_csv(&dir, "cities.csv", &cities),
    ];
    let ws = load(
        paths,
        Scoring {
            set: TargetSetName::None,
            derived: Some(PeerChoice::All),
        },
    );
    let c = &ws.catalogue;
    let wifi = c.kpis[c.find_kpi("EC: ICT: ICT: 5C").expect("5C").0].items[0];
    let real = ws.profile(ws.dataset.city_by_name("Real").expect("Real"), None);
    assert!(
        real.items[wifi.index()].target.is_none(),
        "1 real city reports it: nothing to derive"
    );
    assert!(
        real.targets.ends_with("from all cities (1 real city)"),
        "{}",
        real.targets
    );
    let fictional = ws.profile(ws.dataset.city_by_name("F1").expect("F1"), None);
    let t = fictional.items[wifi.index()]
        .target
        .as_ref()
        .expect("derived among 6 cities");
    assert!(
        t.source.starts_with("derived: mean of the 5 best of 6 cities"),
        "{}",
        t.source
    );
}
