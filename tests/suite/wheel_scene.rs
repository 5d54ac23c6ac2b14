//! The wheel's geometry, checked on the renderer-free scene.

use std::f32::consts::TAU;

use cityprofile::chart::scene::{HitArea, Shape};
use cityprofile::chart::wheel::item_look;
use cityprofile::chart::{Color, Focus, Hit, Theme, WheelOptions, wheel_scene};
use cityprofile::model::DimensionId;
use cityprofile::score::ItemStatus;
use cityprofile::workspace::{Sources, Workspace};

fn workspace() -> Workspace {
    Workspace::load(&Sources::default(), &mut |_, _, _| {}).expect("samples")
}

fn item_wedges(scene: &cityprofile::chart::Scene) -> Vec<(cityprofile::model::ItemId, f32, f32)> {
    scene
        .hits
        .iter()
        .filter_map(|h| match (h.hit, h.area) {
            (Hit::Item(item), HitArea::Wedge(s)) => Some((item, s.start, s.end)),
            _ => None,
        })
        .collect()
}

#[test]
fn one_outer_segment_per_item_filling_a_full_turn() {
    let ws = workspace();
    let city = ws.dataset.city_by_name("Lakeside (fictional)").expect("city");
    let profile = ws.profile(city, None);
    let theme = Theme::light();
    let scene = wheel_scene(
        &ws.catalogue,
        &profile,
        &ws.dataset.cities[city.index()],
        &theme,
        900.0,
        800.0,
        &WheelOptions::default(),
    );
    let wedges = item_wedges(&scene);
    assert_eq!(
        wedges.len(),
        ws.catalogue.items.len(),
        "one outer segment per KPI/data point"
    );
    let mut seen: Vec<usize> = wedges.iter().map(|w| w.0.index()).collect();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), ws.catalogue.items.len(), "each item exactly once");
    let total: f32 = wedges.iter().map(|w| w.2 - w.1).sum();
    assert!((total - TAU).abs() < 1e-3, "angles sum to a full turn: {total}");
    // 3 dimensions, 7 sub-dimensions, 27 categories (22 names) and the centre.
    let count = |f: fn(&Hit) -> bool| scene.hits.iter().filter(|h| f(&h.hit)).count();
    assert_eq!(count(|h| matches!(h, Hit::Dimension(_))), 3);
    assert_eq!(count(|h| matches!(h, Hit::SubDimension(_))), 7);
    assert_eq!(count(|h| matches!(h, Hit::Category(_))), 27);
    assert_eq!(count(|h| matches!(h, Hit::Centre)), 1);
}

/// The fill painted under each item's hit region.
fn fill_at(scene: &cityprofile::chart::Scene, start: f32, end: f32, r_outer: f32) -> Option<Color> {
    scene.shapes.iter().find_map(|s| match s {
        Shape::Wedge { sector, fill, .. }
            if sector.r_outer == r_outer && sector.start >= start && sector.end <= end && sector.start < end =>
        {
            Some(*fill)
        }
        _ => None,
    })
}

#[test]
fn segments_are_coloured_by_band_and_not_reported_looks_different() {
    let ws = workspace();
    let theme = Theme::light();
    for name in ["Lakeside (fictional)", "Bizerte", "Asker"] {
        let city = ws.dataset.city_by_name(name).expect("city");
        let profile = ws.profile(city, None);
        let scene = wheel_scene(
            &ws.catalogue,
            &profile,
            &ws.dataset.cities[city.index()],
            &theme,
            900.0,
            800.0,
            &WheelOptions::default(),
        );
        let mut looks = [0usize; 3];
        for h in &scene.hits {
            let (Hit::Item(item), HitArea::Wedge(sector)) = (h.hit, h.area) else {
                continue;
            };
            let (start, end, r_outer) = (sector.start, sector.end, sector.r_outer);
            let status = &profile.items[item.index()].status;
            let fill = fill_at(&scene, start, end, r_outer).expect("a wedge under every segment");
            assert_eq!(fill, item_look(status, &theme).0, "{name}: {}", h.label);
            match status {
                ItemStatus::Scored { band, .. } => {
                    assert_eq!(fill, theme.band(*band));
                    looks[0] += 1;
                }
                ItemStatus::NotReported => {
                    assert_eq!(fill, theme.not_reported_fill);
                    assert!(!theme.bands.contains(&fill), "not reported is never a band colour");
                    looks[1] += 1;
                }
                ItemStatus::NoBenchmark(_) => {
                    assert!(!theme.bands.contains(&fill));
                    assert_ne!(
                        fill, theme.not_reported_fill,
                        "no benchmark and not reported look different"
                    );
                    looks[2] += 1;
                }
            }
        }
        assert_eq!(looks.iter().sum::<usize>(), ws.catalogue.items.len());
        if name == "Bizerte" {
            assert!(
                looks[1] > 90 && looks[2] > 0,
                "a sparse real city: mostly not reported, some without benchmark"
            );
        }
    }
    // Not-reported wedges carry hatching lines in the hatch colour.
    let city = ws.dataset.city_by_name("Bizerte").expect("city");
    let scene = wheel_scene(
        &ws.catalogue,
        &ws.profile(city, None),
        &ws.dataset.cities[city.index()],
        &theme,
        900.0,
        800.0,
        &WheelOptions::default(),
    );
    let hatches = scene
        .shapes
        .iter()
        .filter(|s| matches!(s, Shape::Line { stroke, .. } if stroke.color == theme.not_reported_hatch))
        .count();
    assert!(hatches > 90);
}

#[test]
fn drill_down_opens_a_dimension_to_the_full_circle() {
    let ws = workspace();
    let city = ws.dataset.city_by_name("Lakeside (fictional)").expect("city");
    let profile = ws.profile(city, None);
    let env = Focus::Dimension(DimensionId(1));
    let opts = WheelOptions {
        focus: env,
        ..WheelOptions::default()
    };
    let scene = wheel_scene(
        &ws.catalogue,
        &profile,
        &ws.dataset.cities[city.index()],
        &Theme::dark(),
        900.0,
        800.0,
        &opts,
    );
    let wedges = item_wedges(&scene);
    let environment_items = (0..ws.catalogue.items.len())
        .filter(|&i| ws.catalogue.parents_of(cityprofile::model::ItemId::new(i)).2 == DimensionId(1))
        .count();
    assert_eq!(wedges.len(), environment_items);
    let total: f32 = wedges.iter().map(|w| w.2 - w.1).sum();
    assert!((total - TAU).abs() < 1e-3);
    // Halfway through the animation, every item still shares one full turn.
    let mid = WheelOptions {
        focus: env,
        transition: Some((Focus::All, 0.5)),
        ..WheelOptions::default()
    };
    let scene = wheel_scene(
        &ws.catalogue,
        &profile,
        &ws.dataset.cities[city.index()],
        &Theme::dark(),
        900.0,
        800.0,
        &mid,
    );
    let total: f32 = item_wedges(&scene).iter().map(|w| w.2 - w.1).sum();
    assert!((total - TAU).abs() < 1e-3);
}

#[test]
fn small_wheels_keep_three_distinct_non_band_looks_without_dashes() {
    let ws = workspace();
    let theme = Theme::light();
    let city = ws.dataset.city_by_name("Bizerte").expect("city");
    let profile = ws.profile(city, None);
    let no_benchmark = profile
        .items
        .iter()
        .filter(|s| matches!(s.status, ItemStatus::NoBenchmark(_)))
        .count();
    assert!(no_benchmark > 0, "Bizerte has values without a default target");
    let opts = WheelOptions {
        legend: false,
        labels: false,
        ..WheelOptions::default()
    };
    let scene = wheel_scene(
        &ws.catalogue,
        &profile,
        &ws.dataset.cities[city.index()],
        &theme,
        160.0,
        160.0,
        &opts,
    );
    let wedges: Vec<(Color, bool)> = scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Wedge { fill, stroke, .. } => Some((*fill, stroke.is_some())),
            _ => None,
        })
        .collect();
    assert!(
        wedges.iter().all(|w| !w.1),
        "small wheels draw outlines as wedges, not strokes"
    );
    let count = |c: Color| wedges.iter().filter(|w| w.0 == c).count();
    // Each no-benchmark item (and aggregate without a band) is an outline-coloured
    // wedge with an inset white one; not reported stays plain light grey.
    assert!(count(theme.no_benchmark_stroke) >= no_benchmark);
    assert!(count(theme.no_benchmark_fill) >= no_benchmark);
    assert!(count(theme.not_reported_fill) > 90);
    for look in [
        theme.no_benchmark_stroke,
        theme.no_benchmark_fill,
        theme.not_reported_fill,
    ] {
        assert!(!theme.bands.contains(&look), "never a band colour");
    }
    // The comparison of small wheels, legend included, shows the same looks: no
    // dashes and no hatching anywhere.
    let profiles: Vec<_> = ["Bizerte", "Asker", "Stavanger"]
        .iter()
        .map(|n| ws.profile(ws.dataset.city_by_name(n).expect("city"), None))
        .collect();
    let grid =
        cityprofile::chart::compare::wheels_scene(&ws.catalogue, &ws.dataset, &profiles, &theme, 900.0, 400.0, true);
    let dashed = |s: &Shape| match s {
        Shape::Wedge { stroke, .. } | Shape::Rect { stroke, .. } => stroke.is_some_and(|s| s.dash.is_some()),
        Shape::Line { stroke, .. } => stroke.dash.is_some() || stroke.color == theme.not_reported_hatch,
        _ => false,
    };
    assert!(!grid.shapes.iter().any(dashed));
    assert!(
        grid.shapes
            .iter()
            .any(|s| matches!(s, Shape::Text(label) if label.text.starts_with("No benchmark (")))
    );
}
