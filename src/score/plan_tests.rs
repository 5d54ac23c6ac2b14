use super::*;
use crate::model::{CityId, Notes, PrintedBand, TargetSet};
use crate::score::tests::{dataset, education};
use crate::score::{Lookup, Overrides, score_city, score_lookup};

fn numbers(values: &[f64]) -> Vec<Value> {
    values.iter().map(|v| Value::Number(*v)).collect()
}

/// The plan's changes as (item, value reached, points).
fn changes(plan: &Plan) -> Vec<(u32, Value, u32)> {
    plan.changes
        .iter()
        .map(|c| (c.item.0, c.next_band_value, c.points))
        .collect()
}

#[test]
fn band_points_are_integer_arithmetic_with_the_lower_edge_included() {
    // 66 of 100 is exactly 66 %: in 66-95 (a float 0.66 × 100 could say 67).
    assert_eq!(points_for_band(Band::From66To95, 25), 66);
    assert_eq!(points_for_band(Band::From33To66, 25), 33);
    assert_eq!(points_for_band(Band::From95, 25), 95);
    // 4 items: 66 % of 16 is 10.56 → 11; 95 % is 15.2 → 16; 33 % is 5.28 → 6.
    assert_eq!(points_for_band(Band::From66To95, 4), 11);
    assert_eq!(points_for_band(Band::From95, 4), 16);
    assert_eq!(points_for_band(Band::From33To66, 4), 6);
    assert_eq!(points_for_band(Band::Below33, 4), 0);
    assert_eq!(points_for_band(Band::From95, 0), 0);
}

#[test]
fn worked_example_needs_two_band_steps_to_reach_66_95() {
    let (catalogue, targets) = education();
    // 20 → 1 point, 80 → 3, 100 → 4, 10 → 1: 9 of 16 = 56.25 %.
    let ds = dataset(&numbers(&[20.0, 80.0, 100.0, 10.0]));
    let lookup = Lookup::new(&catalogue, &ds, &targets, CityId(0), None);
    let profile = score_lookup(&catalogue, &lookup, &Overrides::new());
    let plan = plan(&catalogue, &profile, Level::Category, 0, Band::From66To95).expect("category");
    assert_eq!(
        (plan.points, plan.max_points, plan.needed_points, plan.steps),
        (9, 16, 2, 2)
    );
    assert!(plan.reachable);
    // 80 → 95 is +18.75 %, 20 → 33 is +65 %, 10 → 33 is +230 %.
    assert_eq!(
        changes(&plan),
        vec![(1, Value::Number(95.0), 1), (0, Value::Number(33.0), 1)]
    );
    assert_eq!(plan.changes[0].relative_change, Some(0.1875));
    // One step is 10 of 16 = 62.5 %, still 33-66; both are 11 of 16 = 68.75 %.
    let mut overrides = Overrides::new();
    overrides.insert(ItemId(1), plan.changes[0].next_band_value);
    let one = score_lookup(&catalogue, &lookup, &overrides);
    assert_eq!(
        (one.categories[0].score_pct, one.categories[0].band),
        (Some(62.5), Some(Band::From33To66))
    );
    overrides.insert(ItemId(0), plan.changes[1].next_band_value);
    let two = score_lookup(&catalogue, &lookup, &overrides);
    assert_eq!(
        (two.categories[0].score_pct, two.categories[0].band),
        (Some(68.75), Some(Band::From66To95))
    );
}

#[test]
fn the_top_band_takes_every_step_left_some_on_the_same_item() {
    let (catalogue, targets) = education();
    let ds = dataset(&numbers(&[20.0, 80.0, 100.0, 5.0]));
    let profile = score_city(&catalogue, &ds, &targets, CityId(0), None);
    let plan = plan(&catalogue, &profile, Level::Overall, 0, Band::From95).expect("overall");
    // 95 % of 16 is 15.2 → all 16 points: 7 steps.
    assert_eq!((plan.needed_points, plan.steps, plan.reachable), (7, 7, true));
    // Relative changes from today: item 1 +18.75 %; item 0 +65 %, +230 %, +375 %;
    // item 3 (5) +560 %, +1220 %, +1800 %.
    assert_eq!(
        changes(&plan),
        vec![
            (1, Value::Number(95.0), 1),
            (0, Value::Number(33.0), 1),
            (0, Value::Number(66.0), 1),
            (0, Value::Number(95.0), 1),
            (3, Value::Number(33.0), 1),
            (3, Value::Number(66.0), 1),
            (3, Value::Number(95.0), 1),
        ]
    );
    assert!(
        plan.changes
            .iter()
            .all(|c| c.value == profile.items[c.item.index()].value())
    );
}

#[test]
fn a_band_already_reached_needs_nothing() {
    let (catalogue, targets) = education();
    let ds = dataset(&numbers(&[20.0, 80.0, 100.0, 10.0]));
    let profile = score_city(&catalogue, &ds, &targets, CityId(0), None);
    let plan = plan(&catalogue, &profile, Level::Dimension, 0, Band::From33To66).expect("dimension");
    assert_eq!((plan.needed_points, plan.steps, plan.reachable), (0, 0, true));
    assert!(plan.changes.is_empty());
    assert!(super::plan(&catalogue, &profile, Level::Category, 7, Band::From95).is_none());
}

#[test]
fn unreported_and_untargeted_items_are_listed_apart() {
    let (catalogue, targets) = education();
    // 80 → 3, 100 → 4, 50 → 2, not reported: 9 of 12 = 75 %.
    let mut values = numbers(&[80.0, 100.0, 50.0]);
    values.push(Value::NotReported);
    let profile = score_city(&catalogue, &dataset(&values), &targets, CityId(0), None);
    let plan = plan(&catalogue, &profile, Level::Category, 0, Band::From95).expect("category");
    // 95 % of 12 is 11.4 → 12 points: 3 steps (80 → 95, 50 → 66, 66 → 95).
    assert_eq!((plan.needed_points, plan.reachable), (3, true));
    assert_eq!(
        changes(&plan),
        vec![
            (0, Value::Number(95.0), 1),
            (2, Value::Number(66.0), 1),
            (2, Value::Number(95.0), 1)
        ]
    );
    assert_eq!(plan.unplanned, vec![(ItemId(3), Unplanned::NotReported)]);
    // Why a new item helps only from the wanted band: 9 + 4 of 16 is 81.25 % (nearer 95 %
    // than 75 %), 9 + 3 of 16 is 75 % (no nearer).
    let mut values_top = values.clone();
    values_top[3] = Value::Number(95.0);
    let top = score_city(&catalogue, &dataset(&values_top), &targets, CityId(0), None);
    assert_eq!(top.categories[0].score_pct, Some(81.25));
    values_top[3] = Value::Number(94.0);
    let three = score_city(&catalogue, &dataset(&values_top), &targets, CityId(0), None);
    assert_eq!(three.categories[0].score_pct, Some(75.0));
    let without = score_city(&catalogue, &dataset(&values), &TargetSet::default(), CityId(0), None);
    let none = super::plan(&catalogue, &without, Level::Category, 0, Band::From95).expect("category");
    assert_eq!(
        (none.needed_points, none.reachable),
        (0, false),
        "nothing scored: no band to lift"
    );
    assert_eq!(none.unplanned.iter().filter(|u| u.1 == Unplanned::NoTarget).count(), 3);
}

#[test]
fn a_printed_band_without_target_gives_no_step_and_may_leave_it_unreachable() {
    let (catalogue, all) = education();
    // Education KPI 1 keeps only its printed band: no target.
    let mut targets = TargetSet::default();
    for i in 1..4 {
        let target = all.general(ItemId(i)).cloned().expect("target");
        targets.insert(crate::model::TargetRule {
            item: ItemId(i),
            city: None,
            target,
        });
    }
    let mut ds = dataset(&numbers(&[20.0, 80.0, 100.0, 10.0]));
    let first = *ds.observations.iter().find(|o| o.item() == ItemId(0)).expect("item 0");
    let printed = Notes {
        band: Some(PrintedBand::Points(1)),
        ..Default::default()
    };
    ds.notes.add(&first, std::sync::Arc::new(printed));
    let profile = score_city(&catalogue, &ds, &targets, CityId(0), None);
    assert_eq!(profile.categories[0].points, 9);
    let plan = plan(&catalogue, &profile, Level::Category, 0, Band::From95).expect("category");
    // 7 points needed; items 1 and 3 can give 1 + 3.
    assert_eq!((plan.needed_points, plan.steps, plan.reachable), (7, 7, false));
    assert_eq!(plan.changes.iter().map(|c| c.points).sum::<u32>(), 4);
    assert_eq!(plan.unplanned, vec![(ItemId(0), Unplanned::BandWithoutTarget)]);
}
