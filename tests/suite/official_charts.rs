//! The official U4SSC pictures: City Snapshot, dimension radars and the
//! verification summary, as scenes, files and report pages.

use std::process::Command;

use cityprofile::chart::radars::radars_scene;
use cityprofile::chart::snapshot::snapshot_scene;
use cityprofile::chart::verification::summary;
use cityprofile::chart::{Hit, HitArea, Point, Shape, Theme};
use cityprofile::export::{ChartKind, ExportSpec, Format, Preset, render};
use cityprofile::model::{CategoryId, CityId};
use cityprofile::workspace::{Sources, Workspace};

fn samples() -> Workspace {
    Workspace::load(&Sources::default(), &mut |_, _, _| {}).expect("samples")
}

fn city(ws: &Workspace, name: &str) -> CityId {
    ws.dataset.city_by_name(name).expect("city")
}

#[test]
fn the_snapshot_has_one_tile_per_category_and_greys_what_is_not_scored() {
    let ws = samples();
    let theme = Theme::light();
    let profile = ws.profile(city(&ws, "Pully"), None);
    let scene = snapshot_scene(&ws.catalogue, &profile, &theme, 1600.0, 900.0, true);
    let tiles: Vec<(CategoryId, cityprofile::chart::Rect)> = scene
        .hits
        .iter()
        .filter_map(|h| match (h.hit, h.area) {
            (Hit::Category(k), HitArea::Rect(r)) => Some((k, r)),
            _ => None,
        })
        .collect();
    assert_eq!(tiles.len(), ws.catalogue.categories.len());
    assert_eq!(tiles.len(), 27);
    let subs = scene
        .hits
        .iter()
        .filter(|h| matches!(h.hit, Hit::SubDimension(_)))
        .count();
    assert_eq!(subs, 7);
    let fill_at = |rect: cityprofile::chart::Rect| {
        scene.shapes.iter().find_map(|s| match s {
            Shape::Rect { rect: r, fill, .. } if *r == rect => Some(*fill),
            _ => None,
        })
    };
    let (mut scored, mut grey) = (0, 0);
    for (k, rect) in tiles {
        let agg = &profile.categories[k.0];
        let fill = fill_at(rect).expect("a tile");
        match agg.band {
            Some(b) => {
                assert_eq!(fill, theme.band(b));
                scored += 1;
            }
            None => {
                assert_eq!(fill, theme.not_reported_fill, "{}", agg.name);
                assert!(!theme.bands.contains(&fill));
                grey += 1;
            }
        }
    }
    assert!(scored >= 1 && grey >= 1, "Pully has both: {scored} scored, {grey} not");
}

#[test]
fn radars_have_one_axis_per_category_and_leave_unscored_ones_out() {
    let ws = samples();
    let theme = Theme::light();
    let profile = ws.profile(city(&ws, "Lakeside (fictional)"), None);
    let scene = radars_scene(&ws.catalogue, &profile, &theme, 1500.0, 600.0);
    let axes = scene.hits.iter().filter(|h| matches!(h.hit, Hit::Category(_))).count();
    assert_eq!(axes, 27);
    let lines: Vec<&Vec<Point>> = scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Line { points, stroke } if stroke.color == theme.selection => Some(points),
            _ => None,
        })
        .collect();
    // Economy (14 categories) and Environment (6) are scored throughout: closed
    // lines (first point repeated). Society and Culture leaves Food Security out:
    // its line runs from Education to Safety and stops there, never across it.
    let mut lengths: Vec<usize> = lines.iter().map(|l| l.len()).collect();
    lengths.sort_unstable();
    assert_eq!(lengths, vec![6, 7, 15]);
    // Every point of a line is a category's point with a headline score.
    let headline = |p: &Point| {
        scene.hits.iter().any(|h| match (h.hit, &h.area) {
            (Hit::Category(k), HitArea::Circle { centre, .. }) => {
                centre.x == p.x
                    && centre.y == p.y
                    && profile.categories[k.0].score_pct.is_some()
                    && !profile.categories[k.0].is_thin()
            }
            _ => false,
        })
    };
    assert!(
        lines.iter().all(|l| l.iter().all(headline)),
        "a line passes a category without a headline score"
    );
    let c = &ws.catalogue;
    let unscored = (0..c.categories.len())
        .filter(|k| profile.categories[*k].score_pct.is_none())
        .count();
    assert!(unscored >= 1, "Lakeside leaves Food Security unscored");
    let marked = scene.hits.iter().filter(|h| h.value == "not scored").count();
    assert_eq!(marked, unscored);
}

/// Categories of one name under two sub-dimensions are told apart on the axes,
/// and no axis name is shortened on a 16:9 page.
#[test]
fn radar_axes_name_their_sub_dimension_when_names_repeat() {
    let ws = samples();
    let theme = Theme::light();
    let profile = ws.profile(city(&ws, "Lakeside (fictional)"), None);
    let scene = radars_scene(&ws.catalogue, &profile, &theme, 1920.0, 1000.0);
    let names: Vec<&str> = scene
        .hits
        .iter()
        .filter(|h| matches!(h.hit, Hit::Category(_)))
        .map(|h| h.label.as_str())
        .collect();
    for both in ["Water and Sanitation", "Electricity Supply", "Transport"] {
        assert!(names.contains(&format!("{both} (ICT)").as_str()), "{both}: {names:?}");
        assert!(
            names.contains(&format!("{both} (Infrastructure)").as_str()),
            "{both}: {names:?}"
        );
    }
    let texts: Vec<&str> = scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text(label) => Some(label.text.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        !texts.iter().any(|t| t.ends_with('…') && !t.starts_with("Rings")),
        "{texts:?}"
    );
}

#[test]
fn the_verification_summary_counts_and_lists() {
    let dir = tempfile::tempdir().expect("tmp");
    let values = "city,year,kpi,data_point,value,quality,verified\n\
        Testbourg,2024,EC: ICT: ICT: 1C,,80,1,yes\n\
        Testbourg,2024,EC: ICT: ICT: 2C,,10,Estimation with assumptions,no\n\
        Testbourg,2024,EN: EN: AQ: 1C,PM2.5,30,6,\n\
        Testbourg,2024,SC: SH: SA: 3A,,Yes,2,yes\n";
    std::fs::write(dir.path().join("values.csv"), values).expect("write");
    let sources = Sources {
        paths: vec![dir.path().join("values.csv")],
        ..Sources::default()
    };
    let ws = Workspace::load(&sources, &mut |_, _, _| {}).expect("load");
    let profile = ws.profile(CityId(0), None);
    let s = summary(&ws.catalogue, &profile);
    let all = s.rows.last().expect("total").1;
    assert_eq!(all, [112, 4, 2, 1, 1]);
    assert_eq!(s.not_reported.len(), 108);
    assert_eq!(s.not_verified.len(), 1);
    assert_eq!(
        ws.catalogue.item_label(s.not_verified[0]),
        "Fixed Broadband Subscriptions"
    );
    let quality_all: Vec<usize> = s.quality.iter().map(|(_, c)| *c.last().expect("all")).collect();
    assert_eq!(quality_all, vec![1, 1, 0, 1, 0, 1, 0, 0]);
    // Broadband 10 of 60 (17 %) and PM2.5 5/30 (17 %): both in band 0-33, the next steps.
    assert_eq!(s.next_steps.len(), 2);
    let pdf = render(
        &ws,
        CityId(0),
        &ExportSpec {
            chart: ChartKind::Report,
            format: Format::Pdf,
            width: Preset::A4.size().0,
            height: Preset::A4.size().1,
            ..ExportSpec::default()
        },
    )
    .expect("report");
    let text: String = pdf_extract::extract_text_from_mem(&pdf[0])
        .expect("text")
        .split_whitespace()
        .collect();
    for needle in [
        "Verificationsummary",
        "KPIsnotverified",
        "notverified",
        "Basedonaccuratemeasurements",
        "Estimationwithassumptions",
        "Unknownmethodology,nottraceable",
        "Nextsteps:focuson",
    ] {
        assert!(text.contains(needle), "{needle} missing from the report");
    }
}

#[test]
fn the_command_line_exports_the_three_charts_in_every_format() {
    let dir = tempfile::tempdir().expect("tmp");
    for chart in ["snapshot", "radars", "verification"] {
        for format in ["svg", "png", "pdf"] {
            let out = dir.path().join(format!("pully-{chart}.{format}"));
            let status = Command::new(env!("CARGO_BIN_EXE_cityprofile"))
                .args([
                    "export", "--city", "Pully", "--chart", chart, "--format", format, "--out",
                ])
                .arg(&out)
                .output()
                .expect("run");
            assert!(
                status.status.success(),
                "{chart} {format}: {}",
                String::from_utf8_lossy(&status.stderr)
            );
            assert!(
                std::fs::metadata(&out).map(|m| m.len() > 1000).unwrap_or(false),
                "{chart} {format}"
            );
        }
        let svg = std::fs::read_to_string(dir.path().join(format!("pully-{chart}.svg"))).expect("svg");
        resvg::usvg::roxmltree::Document::parse(&svg).expect("valid SVG");
        if chart == "snapshot" {
            let ws = samples();
            for name in ws
                .catalogue
                .subdimensions
                .iter()
                .map(|s| &s.name)
                .chain(ws.catalogue.categories.iter().map(|c| &c.name))
            {
                assert!(
                    svg.contains(&format!(">{name}<")),
                    "{name} missing from the snapshot SVG"
                );
            }
        }
    }
}

#[test]
fn quality_marks_appear_exactly_where_class_or_verification_call_for_them() {
    use cityprofile::chart::WheelOptions;
    use cityprofile::chart::marks::{MARK_RADIUS, QualityMark};
    let dir = tempfile::tempdir().expect("tmp");
    // Six items with global targets: none, estimate, both, not verified, other text, estimate.
    let values = "city,year,kpi,value,quality,verified\n\
        Markham,2024,EC: ICT: ICT: 1C,80,1,yes\n\
        Markham,2024,EC: ICT: ICT: 2C,50,4,yes\n\
        Markham,2024,EC: ICT: ICT: 3C,90000,6,no\n\
        Markham,2024,EC: I: WS: 1C,99,2,no\n\
        Markham,2024,EC: I: WS: 2C,97,from the utility,\n\
        Markham,2024,EC: I: WS: 5C,95,Personal estimation,\n";
    std::fs::write(dir.path().join("values.csv"), values).expect("write");
    let sources = Sources {
        paths: vec![dir.path().join("values.csv")],
        ..Sources::default()
    };
    let ws = Workspace::load(&sources, &mut |_, _, _| {}).expect("load");
    let profile = ws.profile(CityId(0), None);
    let marks: Vec<QualityMark> = profile.items.iter().filter_map(QualityMark::of).collect();
    assert_eq!(marks.len(), 4);
    assert_eq!(marks.iter().filter(|m| m.estimate).count(), 3);
    assert_eq!(marks.iter().filter(|m| m.unverified).count(), 2);
    let theme = Theme::light();
    let count = |scene: &cityprofile::chart::Scene| {
        let dots = |filled: bool| {
            scene
                .shapes
                .iter()
                .filter(|s| matches!(s, Shape::Circle { radius, fill, .. } if *radius == MARK_RADIUS && (fill.0[3] == 255) == filled))
                .count()
        };
        (dots(true), dots(false))
    };
    let city = &ws.dataset.cities[0];
    let wheel = |marks: bool, legend: bool| {
        let opts = WheelOptions {
            marks,
            legend,
            ..WheelOptions::default()
        };
        cityprofile::chart::wheel_scene(&ws.catalogue, &profile, city, &theme, 900.0, 900.0, &opts)
    };
    assert_eq!(
        count(&wheel(true, false)),
        (3, 2),
        "one dot per estimate, one ring per value not verified"
    );
    assert_eq!(count(&wheel(true, true)), (4, 3), "and one of each in the legend");
    assert_eq!(count(&wheel(false, true)), (0, 0), "hidden on request");
    let spec = |marks: bool| ExportSpec {
        chart: ChartKind::Gaps,
        format: Format::Svg,
        chart_only: true,
        marks,
        ..ExportSpec::default()
    };
    let scenes = cityprofile::export::scenes(&ws, CityId(0), &spec(true)).expect("gaps");
    assert_eq!(count(&scenes[0]), (3, 2));
    let scenes = cityprofile::export::scenes(&ws, CityId(0), &spec(false)).expect("gaps");
    assert_eq!(count(&scenes[0]), (0, 0));
}
