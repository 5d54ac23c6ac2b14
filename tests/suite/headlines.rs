//! Headline scores say what they rest on: a score on under a third of its
//! level's items (docs/scoring.md) is drawn small and grey with "based on 3 of
//! 112 items" in the wheel's hub, the snapshot and the report cover, its ring
//! segment is an outline in its band's colour (never a solid band), and the
//! radars do not join it to their lines.

use cityprofile::chart::radars::radars_scene;
use cityprofile::chart::scene::{HitArea, Label, Shape};
use cityprofile::chart::snapshot::snapshot_scene;
use cityprofile::chart::{Color, Hit, Scene, Theme, WheelOptions, wheel_scene};
use cityprofile::export::{ChartKind, ExportSpec, Format, Preset, scenes};
use cityprofile::model::{CityId, DimensionId};
use cityprofile::workspace::{Sources, Workspace};

/// A city with 3 of the 112 items scored: two ICT KPIs and school enrolment.
fn thin_city() -> (tempfile::TempDir, Workspace, CityId) {
    let text = "city,year,kpi,value\n\
        Thinville,2024,EC: ICT: ICT: 1C,90\n\
        Thinville,2024,EC: ICT: ICT: 2C,50\n\
        Thinville,2024,SC: EH: ED: 2C,97\n";
    let (dir, path) = crate::common::write_temp("values.csv", text.as_bytes());
    let sources = Sources {
        paths: vec![path],
        ..Sources::default()
    };
    let ws = Workspace::load(&sources, &mut |_, _, _| {}).expect("load");
    let city = ws.dataset.city_by_name("Thinville").expect("city");
    (dir, ws, city)
}

fn texts(scene: &Scene) -> Vec<&Label> {
    scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text(label) => Some(label),
            _ => None,
        })
        .collect()
}

fn text_with<'s>(scene: &'s Scene, part: &str) -> Option<&'s Label> {
    texts(scene).into_iter().find(|l| l.text.contains(part))
}

/// The full wheel of a city at 900 × 800.
fn wheel_of(ws: &Workspace, city: CityId, theme: &Theme) -> Scene {
    let profile = ws.profile(city, None);
    let info = &ws.dataset.cities[city.index()];
    wheel_scene(
        &ws.catalogue,
        &profile,
        info,
        theme,
        900.0,
        800.0,
        &WheelOptions::default(),
    )
}

#[test]
fn the_wheel_hub_says_what_a_thin_overall_score_rests_on() {
    let (_dir, ws, city) = thin_city();
    let profile = ws.profile(city, None);
    assert_eq!((profile.overall.scored, profile.overall.total), (3, 112));
    assert!(profile.overall.is_thin());
    let theme = Theme::light();
    let scene = wheel_of(&ws, city, &theme);
    assert!(
        text_with(&scene, "based on 3 of 112 items").is_some(),
        "the hub names what it rests on"
    );
    let score = text_with(&scene, "%")
        .filter(|l| l.text.ends_with(" %"))
        .expect("the score");
    assert_eq!(score.color, theme.text_muted, "drawn grey, not as a headline");
    // The same hub for a city scored throughout draws its score twice as large, in the text colour.
    let samples = Workspace::load(&Sources::default(), &mut |_, _, _| {}).expect("samples");
    let lake = samples.dataset.city_by_name("Lakeside (fictional)").expect("Lakeside");
    let headline = wheel_of(&samples, lake, &theme);
    let big = texts(&headline)
        .into_iter()
        .find(|l| l.text.ends_with(" %") && l.bold && l.color == theme.text)
        .expect("Lakeside's headline score");
    assert!(score.size <= big.size * 0.55, "{} against {}", score.size, big.size);
}

#[test]
fn a_thin_ring_segment_is_an_outline_never_a_solid_band() {
    let (_dir, ws, city) = thin_city();
    let profile = ws.profile(city, None);
    let theme = Theme::light();
    let scene = wheel_of(&ws, city, &theme);
    let economy = &profile.dimensions[0];
    assert!(economy.is_thin(), "2 of 55 Economy items");
    let band = theme.band(economy.band.expect("a band"));
    let sector = scene
        .hits
        .iter()
        .find_map(|h| match (h.hit, h.area) {
            (Hit::Dimension(DimensionId(0)), HitArea::Wedge(s)) => Some(s),
            _ => None,
        })
        .expect("the Economy segment");
    let drawn: Vec<(Color, Option<Color>)> = scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Wedge {
                sector: w,
                fill,
                stroke,
                ..
            } if (w.r_inner - sector.r_inner).abs() < 0.5
                && w.start >= sector.start - 0.01
                && w.end <= sector.end + 0.01 =>
            {
                Some((*fill, stroke.map(|s| s.color)))
            }
            _ => None,
        })
        .collect();
    assert!(!drawn.is_empty());
    assert!(
        drawn.iter().all(|(fill, _)| !theme.bands.contains(fill)),
        "no solid band: {drawn:?}"
    );
    assert!(
        drawn.iter().any(|(_, stroke)| *stroke == Some(band)),
        "the band as an outline: {drawn:?}"
    );
    let tooltip = scene
        .hits
        .iter()
        .find(|h| h.hit == Hit::Dimension(DimensionId(0)))
        .expect("hit");
    assert!(tooltip.value.contains("based on 2 of 55 items"), "{}", tooltip.value);
}

#[test]
fn the_report_cover_and_the_snapshot_say_it_too() {
    let (_dir, ws, city) = thin_city();
    let theme = Theme::light();
    let (width, height) = Preset::A4.size();
    let spec = ExportSpec {
        chart: ChartKind::Report,
        format: Format::Pdf,
        width,
        height,
        ..ExportSpec::default()
    };
    let pages = scenes(&ws, city, &spec).expect("report");
    let cover = &pages[0];
    let overall = text_with(cover, "based on 3 of 112 items").expect("the cover's overall row");
    assert_eq!(overall.color, theme.text_muted);
    assert!(
        text_with(cover, "based on 2 of 55 items").is_some(),
        "Economy on the cover"
    );
    let profile = ws.profile(city, None);
    let snapshot = snapshot_scene(&ws.catalogue, &profile, &theme, 1600.0, 900.0, true);
    assert!(
        text_with(&snapshot, "based on 2 of 55 items").is_some(),
        "Economy's header"
    );
}

#[test]
fn radars_leave_thin_categories_out_of_their_lines() {
    let (_dir, ws, city) = thin_city();
    let profile = ws.profile(city, None);
    let theme = Theme::light();
    let scene = radars_scene(&ws.catalogue, &profile, &theme, 1600.0, 900.0);
    let education = (0..ws.catalogue.categories.len())
        .find(|&k| ws.catalogue.categories[k].name == "Education")
        .expect("Education");
    assert!(profile.categories[education].is_thin(), "1 of 4 Education items");
    let hit = scene
        .hits
        .iter()
        .find(|h| h.hit == Hit::Category(cityprofile::model::CategoryId(education)))
        .expect("its axis");
    assert!(hit.value.contains("based on 1 of 4 items"), "{}", hit.value);
    let HitArea::Circle { centre, .. } = hit.area else {
        panic!("a point")
    };
    let ring = scene.shapes.iter().find_map(|s| match s {
        Shape::Circle {
            centre: c,
            fill,
            stroke,
            ..
        } if c.x == centre.x && c.y == centre.y => Some((*fill, *stroke)),
        _ => None,
    });
    let (fill, stroke) = ring.expect("a mark at its score");
    assert_eq!(fill, theme.background, "a ring, not a dot");
    assert!(stroke.is_some_and(|s| theme.bands.contains(&s.color)));
    let joined = scene.shapes.iter().any(|s| match s {
        Shape::Line { points, stroke } if stroke.color == theme.selection => {
            points.iter().any(|p| p.x == centre.x && p.y == centre.y)
        }
        _ => false,
    });
    assert!(!joined, "no line passes through a thin score");
}
