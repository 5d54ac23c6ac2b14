use super::*;
use crate::model::{
    Catalogue, CityId, Dataset, Direction, ItemId, KpiSpec, Observation, Origin, Target, TargetRule, TargetSet,
    TargetValue, Value,
};

#[test]
fn band_edges_belong_to_the_upper_band() {
    assert_eq!(Band::from_pct(0.0), Band::Below33);
    assert_eq!(Band::from_pct(32.999_999), Band::Below33);
    assert_eq!(Band::from_pct(33.0), Band::From33To66);
    assert_eq!(Band::from_pct(65.999), Band::From33To66);
    assert_eq!(Band::from_pct(66.0), Band::From66To95);
    assert_eq!(Band::from_pct(94.99), Band::From66To95);
    assert_eq!(Band::from_pct(95.0), Band::From95);
    assert_eq!(Band::from_pct(100.0), Band::From95);
    assert_eq!(Band::ALL.map(Band::points), [1, 2, 3, 4]);
}

#[test]
fn edges_survive_floating_point_noise() {
    // 0.33 × 100 / 1 is 33.00000000000000x in binary floating point.
    assert_eq!(achievement_pct(0.33, 1.0, None, Direction::Higher), Ok(33.0));
    assert_eq!(
        achievement_pct(0.66, 1.0, None, Direction::Higher).map(Band::from_pct),
        Ok(Band::From66To95)
    );
    assert_eq!(achievement_pct(57.0, 60.0, None, Direction::Higher), Ok(95.0));
    assert_eq!(
        achievement_pct(56.999, 60.0, None, Direction::Higher).map(Band::from_pct),
        Ok(Band::From66To95)
    );
}

#[test]
fn higher_is_better_is_value_over_target_capped_at_100() {
    // Fixed broadband: U4SSC benchmark 60 % of households = 100 % of target.
    assert_eq!(achievement_pct(44.8, 60.0, None, Direction::Higher), Ok(74.666666667));
    assert_eq!(achievement_pct(84.51, 60.0, None, Direction::Higher), Ok(100.0));
    assert_eq!(achievement_pct(-5.0, 60.0, None, Direction::Higher), Ok(0.0));
    assert_eq!(achievement_pct(15.0, 20.0, Some(10.0), Direction::Higher), Ok(50.0));
    assert!(achievement_pct(5.0, 0.0, None, Direction::Higher).is_err());
}

#[test]
fn lower_is_better_is_target_over_value() {
    // WHO 2021 PM2.5 guideline 5 µg/m³: 10 µg/m³ is 50 % of target.
    assert_eq!(achievement_pct(10.0, 5.0, None, Direction::Lower), Ok(50.0));
    assert_eq!(achievement_pct(4.0, 5.0, None, Direction::Lower), Ok(100.0));
    assert_eq!(achievement_pct(0.0, 5.0, None, Direction::Lower), Ok(100.0));
    // Target 0 % informal settlements with worst 100 %: linear.
    assert_eq!(achievement_pct(20.0, 0.0, Some(100.0), Direction::Lower), Ok(80.0));
    assert_eq!(achievement_pct(120.0, 0.0, Some(100.0), Direction::Lower), Ok(0.0));
    assert!(achievement_pct(3.0, 0.0, None, Direction::Lower).is_err());
}

#[test]
fn target_type_penalises_distance_on_both_sides() {
    // Gender income ratio, parity 1.0.
    assert_eq!(achievement_pct(0.64, 1.0, None, Direction::Target), Ok(64.0));
    assert_eq!(achievement_pct(1.2, 1.0, None, Direction::Target), Ok(80.0));
    assert_eq!(achievement_pct(1.0, 1.0, None, Direction::Target), Ok(100.0));
    assert_eq!(achievement_pct(3.0, 1.0, None, Direction::Target), Ok(0.0));
    assert_eq!(achievement_pct(0.75, 1.0, Some(0.5), Direction::Target), Ok(50.0));
    assert_eq!(
        achievement_pct(1.0, 2.0, None, Direction::None),
        Err(Unscorable::NoDirection)
    );
}

#[test]
fn yes_no_items_meet_or_miss_their_target() {
    let target = Target {
        value: TargetValue::Flag(true),
        worst: None,
        direction: None,
        source: "SDG 11.b".into(),
        origin: None,
        kind: crate::model::TargetKind::Cited,
    };
    assert_eq!(item_pct(Value::Flag(true), &target, Direction::Higher), Ok(Some(100.0)));
    assert_eq!(item_pct(Value::Flag(false), &target, Direction::Higher), Ok(Some(0.0)));
    assert_eq!(item_pct(Value::NotReported, &target, Direction::Higher), Ok(None));
    assert!(item_pct(Value::Number(1.0), &target, Direction::Higher).is_err());
}

/// The Education category of the U4SSC worked example: four KPIs, target 100 each.
pub(super) fn education() -> (Catalogue, TargetSet) {
    let specs = (1..=4)
        .map(|n| KpiSpec {
            code: format!("SC: EH: ED: {n}C"),
            name: format!("Education KPI {n}"),
            dimension: "Society and Culture".into(),
            subdimension: "Education, Health and Culture".into(),
            category: "Education".into(),
            core: true,
            unit: "%".into(),
            direction: Direction::Higher,
            sdgs: String::new(),
            source: String::new(),
            data_points: vec![],
        })
        .collect();
    let catalogue = Catalogue::build("worked example", specs).expect("valid catalogue");
    let mut targets = TargetSet::default();
    for i in 0..4 {
        let target = Target {
            value: TargetValue::Number(100.0),
            worst: None,
            direction: None,
            source: "test".into(),
            origin: None,
            kind: crate::model::TargetKind::Cited,
        };
        targets.insert(TargetRule {
            item: ItemId(i),
            city: None,
            target,
        });
    }
    (catalogue, targets)
}

pub(super) fn dataset(values: &[Value]) -> Dataset {
    let mut ds = Dataset::default();
    ds.intern_city("Example");
    for (i, v) in values.iter().enumerate() {
        let origin = Origin {
            table: 0,
            row: i as u32 + 2,
        };
        ds.observations
            .push(Observation::new(CityId(0), Some(2020), ItemId::new(i), *v, origin));
    }
    ds.reindex();
    ds
}

#[test]
fn worked_example_four_kpis_is_56_25_percent() {
    let (catalogue, targets) = education();
    // 20 % → 1 point, 80 % → 3, 100 % → 4, 10 % → 1.
    let ds = dataset(&[
        Value::Number(20.0),
        Value::Number(80.0),
        Value::Number(100.0),
        Value::Number(10.0),
    ]);
    let profile = score_city(&catalogue, &ds, &targets, CityId(0), None);
    let points: Vec<u32> = profile
        .items
        .iter()
        .filter_map(|i| i.band())
        .map(Band::points)
        .collect();
    assert_eq!(points, vec![1, 3, 4, 1]);
    let edu = &profile.categories[0];
    assert_eq!((edu.points, edu.max_points), (9, 16));
    assert_eq!(edu.score_pct, Some(56.25));
    assert_eq!(edu.band, Some(Band::From33To66));
    assert_eq!(edu.band.map(Band::label), Some("33-66 %"));
    assert_eq!((edu.scored, edu.reported, edu.total), (4, 4, 4));
    assert_eq!(profile.overall.score_pct, Some(56.25));
}

#[test]
fn worked_example_three_reported_is_75_percent() {
    let (catalogue, targets) = education();
    // 80 % → 3, 100 % → 4, 50 % → 2, fourth not reported.
    let ds = dataset(&[
        Value::Number(80.0),
        Value::Number(100.0),
        Value::Number(50.0),
        Value::NotReported,
    ]);
    let profile = score_city(&catalogue, &ds, &targets, CityId(0), Some(2020));
    let edu = &profile.categories[0];
    assert_eq!((edu.points, edu.max_points), (9, 12));
    assert_eq!(edu.score_pct, Some(75.0));
    assert_eq!(edu.band, Some(Band::From66To95));
    assert_eq!((edu.scored, edu.reported, edu.total), (3, 3, 4));
    assert_eq!(profile.items[3].status, ItemStatus::NotReported);
}

#[test]
fn items_without_target_are_reported_but_not_scored() {
    let (catalogue, _) = education();
    let ds = dataset(&[Value::Number(80.0), Value::Number(0.0)]);
    let profile = score_city(&catalogue, &ds, &TargetSet::default(), CityId(0), None);
    let edu = &profile.categories[0];
    assert_eq!((edu.scored, edu.reported, edu.total), (0, 2, 4));
    assert_eq!(edu.score_pct, None);
    assert_eq!(profile.items[1].status, ItemStatus::NoBenchmark(None));
    assert_eq!(profile.items[1].value(), Value::Number(0.0));
}

/// A city's own rule (named in another case, with spaces) scores that city's item;
/// other cities keep the general target. The profile shares the set's target
/// rather than holding a copy of it.
#[test]
fn a_citys_own_target_scores_it_and_profiles_share_the_targets() {
    let (catalogue, mut targets) = education();
    targets.insert(TargetRule {
        item: ItemId(0),
        city: Some("  EXAMPLE ".into()),
        target: Target {
            value: TargetValue::Number(40.0),
            worst: None,
            direction: None,
            source: "the city's plan".into(),
            origin: None,
            kind: crate::model::TargetKind::Own,
        },
    });
    let mut ds = dataset(&[Value::Number(20.0)]);
    let other = ds.intern_city("Elsewhere");
    ds.observations.push(Observation::new(
        other,
        Some(2020),
        ItemId(0),
        Value::Number(20.0),
        Origin { table: 0, row: 9 },
    ));
    ds.reindex();
    let own = score_city(&catalogue, &ds, &targets, CityId(0), None);
    let general = score_city(&catalogue, &ds, &targets, other, None);
    // 20 of 40 is 50 %; 20 of 100 is 20 %.
    assert_eq!(own.items[0].band(), Some(Band::From33To66));
    assert_eq!(own.items[0].basis(), Some(Basis::OwnTargets));
    assert_eq!(general.items[0].band(), Some(Band::Below33));
    assert_eq!(general.items[0].basis(), Some(Basis::CitedSet));
    let mut key = targets.city_key("Elsewhere");
    let shared = targets.shared(ItemId(0), &mut key).expect("general target");
    let held = general.items[0].target.as_ref().expect("target");
    assert!(std::sync::Arc::ptr_eq(shared, held));
    assert_eq!(
        own.items[0].target.as_ref().map(|t| t.source.as_str()),
        Some("the city's plan")
    );
}
