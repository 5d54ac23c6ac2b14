use super::*;
use crate::model::{CityId, Dataset, KpiSpec, TargetKind, TargetRule, TargetSet};
use crate::score::tests::{dataset, education};
use crate::score::{Lookup, Overrides, score_city, score_lookup};

fn target(value: f64, worst: Option<f64>) -> Target {
    Target {
        value: TargetValue::Number(value),
        worst,
        direction: None,
        source: "test".into(),
        origin: None,
        kind: TargetKind::Cited,
    }
}

fn needed(today: f64, t: &Target, direction: Direction, band: Band) -> Option<f64> {
    match value_for_band(Value::Number(today), t, direction, band) {
        Some(Value::Number(v)) => Some(v),
        _ => None,
    }
}

/// The value given scores into the band, and a hair less good does not.
fn assert_at_edge(v: f64, t: &Target, direction: Direction, band: Band, worse: f64) {
    let TargetValue::Number(tv) = t.value else {
        panic!("numeric target")
    };
    let band_of = |x| achievement_pct(x, tv, t.worst, direction).map(Band::from_pct);
    assert_eq!(band_of(v), Ok(band), "{v} scores {band:?}");
    assert!(
        band_of(v + worse).is_ok_and(|b| b < band),
        "{} is below {band:?}",
        v + worse
    );
}

#[test]
fn higher_is_better_needs_the_edge_share_of_the_target() {
    // Fixed broadband, target 60 %: 33 % of 60 is 19.8, 66 % is 39.6, 95 % is 57.
    let t = target(60.0, None);
    assert_eq!(needed(10.0, &t, Direction::Higher, Band::From33To66), Some(19.8));
    assert_eq!(needed(10.0, &t, Direction::Higher, Band::From66To95), Some(39.6));
    assert_eq!(needed(10.0, &t, Direction::Higher, Band::From95), Some(57.0));
    assert_at_edge(57.0, &t, Direction::Higher, Band::From95, -1e-6);
    // With a worst value of 20: 20 + 0.66 × 40 = 46.4.
    let w = target(60.0, Some(20.0));
    assert_eq!(needed(25.0, &w, Direction::Higher, Band::From66To95), Some(46.4));
    assert_at_edge(46.4, &w, Direction::Higher, Band::From66To95, -1e-6);
    // Already there: today's value.
    assert_eq!(needed(50.0, &t, Direction::Higher, Band::From66To95), Some(50.0));
}

#[test]
fn lower_is_better_needs_the_target_over_the_edge_share() {
    // PM2.5, WHO 5 µg/m³: 95 % needs 5 / 0.95 = 5.263157894737, 66 % needs 7.575757575758.
    let t = target(5.0, None);
    let top = needed(20.0, &t, Direction::Lower, Band::From95).expect("reachable");
    assert!((top - 5.0 / 0.95).abs() < 1e-9, "{top}");
    assert_at_edge(top, &t, Direction::Lower, Band::From95, 1e-6);
    let mid = needed(20.0, &t, Direction::Lower, Band::From66To95).expect("reachable");
    assert!((mid - 5.0 / 0.66).abs() < 1e-9, "{mid}");
    assert!(mid > top, "a lower band allows a higher value");
    // Informal settlements: target 0, worst 100: 95 % is 5, 33 % is 67.
    let w = target(0.0, Some(100.0));
    assert_eq!(needed(80.0, &w, Direction::Lower, Band::From95), Some(5.0));
    assert_eq!(needed(80.0, &w, Direction::Lower, Band::From33To66), Some(67.0));
    assert_at_edge(67.0, &w, Direction::Lower, Band::From33To66, 1e-6);
    // A target of 0 without a worst value scores nothing, so it has no value either.
    assert_eq!(needed(3.0, &target(0.0, None), Direction::Lower, Band::From95), None);
}

#[test]
fn target_direction_moves_from_the_side_of_todays_value() {
    // Gender income parity 1.0: 95 % is 0.95 from below and 1.05 from above.
    let t = target(1.0, None);
    assert_eq!(needed(0.5, &t, Direction::Target, Band::From95), Some(0.95));
    assert_eq!(needed(1.8, &t, Direction::Target, Band::From95), Some(1.05));
    assert_eq!(needed(1.8, &t, Direction::Target, Band::From66To95), Some(1.34));
    assert_at_edge(1.34, &t, Direction::Target, Band::From66To95, 1e-6);
    // With a worst value 0.5 (distance 0.5 = 0 %): 66 % from below is 1 − 0.17 = 0.83.
    let w = target(1.0, Some(0.5));
    assert_eq!(needed(0.6, &w, Direction::Target, Band::From66To95), Some(0.83));
    assert_eq!(needed(1.0, &t, Direction::None, Band::From95), None);
}

#[test]
fn yes_no_items_flip_straight_to_the_top_band() {
    let (catalogue, mut targets) = education();
    let yes = Target {
        value: TargetValue::Flag(true),
        ..target(0.0, None)
    };
    targets.insert(TargetRule {
        item: ItemId(0),
        city: None,
        target: yes,
    });
    let ds = dataset(&[Value::Flag(false), Value::Number(50.0)]);
    let profile = score_city(&catalogue, &ds, &targets, CityId(0), None);
    let steps = band_steps(&catalogue, &profile.items[0], 2);
    assert_eq!(steps.len(), 1, "one flip, not two steps: {steps:?}");
    assert_eq!((steps[0].band, steps[0].value), (Band::From95, Value::Flag(true)));
    assert_eq!((steps[0].change, steps[0].relative_change), (None, Some(1.0)));
    // 50 of 100: next 66 (66, +32 %), then 95.
    let steps = band_steps(&catalogue, &profile.items[1], 2);
    let got: Vec<(Band, Value, Option<f64>)> = steps.iter().map(|s| (s.band, s.value, s.change)).collect();
    assert_eq!(
        got,
        vec![
            (Band::From66To95, Value::Number(66.0), Some(16.0)),
            (Band::From95, Value::Number(95.0), Some(45.0))
        ]
    );
    assert_eq!(steps[0].relative_change, Some(0.32));
    let next = next_bands(&catalogue, &profile, 2);
    assert_eq!(next.len(), 2, "the two scored items");
}

/// Two dimensions: D1/S1 holds categories C1 (two KPIs) and C2, D2/S2 holds C3.
fn two_dimensions() -> (Catalogue, TargetSet) {
    let spec = |n: usize, dim: &str, sub: &str, cat: &str| KpiSpec {
        code: format!("X: Y: Z: {n}C"),
        name: format!("KPI {n}"),
        dimension: dim.into(),
        subdimension: sub.into(),
        category: cat.into(),
        core: true,
        unit: "%".into(),
        direction: Direction::Higher,
        sdgs: String::new(),
        source: String::new(),
        data_points: vec![],
    };
    let specs = vec![
        spec(1, "D1", "S1", "C1"),
        spec(2, "D1", "S1", "C1"),
        spec(3, "D1", "S1", "C2"),
        spec(4, "D2", "S2", "C3"),
    ];
    let catalogue = Catalogue::build("two dimensions", specs).expect("valid catalogue");
    let mut targets = TargetSet::default();
    for i in 0..4 {
        targets.insert(TargetRule {
            item: ItemId(i),
            city: None,
            target: target(100.0, None),
        });
    }
    (catalogue, targets)
}

#[test]
fn one_item_across_a_band_edge_changes_exactly_the_aggregates_above_it() {
    let (catalogue, targets) = two_dimensions();
    // 1 + 3 + 2 + 3 points.
    let ds: Dataset = dataset(&[
        Value::Number(20.0),
        Value::Number(80.0),
        Value::Number(50.0),
        Value::Number(90.0),
    ]);
    let lookup = Lookup::new(&catalogue, &ds, &targets, CityId(0), None);
    let before = score_lookup(&catalogue, &lookup, &Overrides::new());
    let mut overrides = Overrides::new();
    overrides.insert(ItemId(0), Value::Number(33.0));
    let after = score_lookup(&catalogue, &lookup, &overrides);
    assert_eq!((before.hypothetical(), after.hypothetical()), (0, 1));
    let diff = compare(&before, &after);
    assert_eq!(diff.items.len(), 1);
    let item = &diff.items[0];
    assert_eq!(item.item, ItemId(0));
    assert_eq!((item.before.points(), item.after.points()), (Some(1), Some(2)));
    assert_eq!(item.after.value, Value::Number(33.0));
    let changed: Vec<(Level, &str, u32, u32)> = diff
        .aggregates
        .iter()
        .map(|c| (c.level, c.name.as_str(), c.before.points, c.after.points))
        .collect();
    assert_eq!(
        changed,
        vec![
            (Level::Category, "C1", 4, 5),
            (Level::Subdimension, "S1", 6, 7),
            (Level::Dimension, "D1", 6, 7),
            (Level::Overall, "Overall", 9, 10),
        ]
    );
    let overall = &diff.aggregates[3];
    assert_eq!(
        (overall.before.score_pct, overall.after.score_pct),
        (Some(56.25), Some(62.5))
    );
    // A value inside the same band changes the item's % but no aggregate.
    overrides.insert(ItemId(0), Value::Number(30.0));
    let diff = compare(&before, &score_lookup(&catalogue, &lookup, &overrides));
    assert_eq!((diff.items.len(), diff.aggregates.len()), (1, 0));
}

#[test]
fn overrides_replace_printed_bands_and_report_missing_values() {
    let (catalogue, targets) = education();
    let mut ds = dataset(&[Value::Number(20.0), Value::NotReported, Value::Number(20.0)]);
    // U4SSC printed 3 points for item 2's 20 (which is 20 % of its target).
    let third = *ds.observations.iter().find(|o| o.item() == ItemId(2)).expect("item 2");
    let printed = crate::model::Notes {
        band: Some(crate::model::PrintedBand::Points(3)),
        ..Default::default()
    };
    ds.notes.add(&third, std::sync::Arc::new(printed));
    let lookup = Lookup::new(&catalogue, &ds, &targets, CityId(0), None);
    let plain = score_lookup(&catalogue, &lookup, &Overrides::new());
    assert_eq!(plain.items[2].band(), Some(Band::From66To95), "the printed band");
    let mut same = Overrides::new();
    same.insert(ItemId(2), Value::Number(20.0));
    let rescored = score_lookup(&catalogue, &lookup, &same);
    assert_eq!(
        (rescored.items[2].band(), rescored.items[2].basis()),
        (Some(Band::Below33), Some(crate::score::Basis::CitedSet)),
        "a hypothetical value is scored against its target"
    );
    let lookup = Lookup::new(&catalogue, &ds, &targets, CityId(0), None);
    let mut overrides = Overrides::new();
    overrides.insert(ItemId(1), Value::Number(100.0));
    overrides.insert(ItemId(0), Value::NotReported);
    let after = score_lookup(&catalogue, &lookup, &overrides);
    assert_eq!(after.items[0].status, crate::score::ItemStatus::NotReported);
    assert_eq!(after.items[1].band(), Some(Band::From95));
    assert_eq!((after.overall.points, after.overall.reported), (4 + 3, 2));
    // The plain profile is the lookup scored without overrides.
    let plain = score_city(&catalogue, &ds, &targets, CityId(0), None);
    assert_eq!(
        compare(&plain, &score_lookup(&catalogue, &lookup, &Overrides::new())),
        Comparison::default()
    );
    assert_eq!(overrides.len(), 2);
    assert_eq!(overrides.remove(ItemId(0)), Some(Value::NotReported));
    assert_eq!(
        overrides.iter().collect::<Vec<_>>(),
        vec![(ItemId(1), Value::Number(100.0))]
    );
}
