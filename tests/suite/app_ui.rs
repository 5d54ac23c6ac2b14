//! The real app, driven headless with egui_kittest: pick a city by its label,
//! switch views, hover and click into a dimension and back, open a dataset.

use crate::common::app::{city_name, harness, run_until};
use cityprofile::app::{CityProfileApp, Command, View};
use cityprofile::chart::{Focus, Hit};
use cityprofile::model::DimensionId;
use cityprofile::score::PeerChoice;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn year(h: &Harness<'_, CityProfileApp>) -> Option<i32> {
    h.state().profile().and_then(|p| p.year)
}

#[test]
fn pick_a_city_and_switch_views() {
    let mut h = harness();
    h.run();
    h.get_by_label("Karmoy").click();
    h.run();
    assert_eq!(city_name(&h), "Karmoy");
    assert_eq!(year(&h), Some(2020));
    // The centre of the wheel names the city and its score.
    assert!(
        h.query_by_label_contains("Gender Income Equity").is_some(),
        "outer segments are accessible"
    );

    h.get_by_label("Target gaps").click();
    h.run();
    assert_eq!(h.state().session.analysis.view, View::Gaps);
    h.get_by_label("Group by dimension").click();
    h.run();
    assert!(h.state().session.analysis.gaps.group_by_dimension);

    h.get_by_label("Table").click();
    h.run();
    assert_eq!(h.state().session.analysis.view, View::Table);
    assert!(
        h.query_by_label("Household Internet Access").is_some(),
        "the table lists the KPIs"
    );
    // Karmoy reports fewer than half the items: "Reported only" starts on.
    assert_eq!(
        h.query_all_by_label("not reported").count(),
        0,
        "only reported rows at first"
    );
    h.get_by_label("Reported only").click();
    h.run();
    assert!(
        h.query_all_by_label("not reported").count() > 10,
        "not-reported rows say so"
    );
    h.state_mut().panels.table.filter = "violent".into();
    h.run();
    assert!(
        h.query_by_label("Violent Crime Rate").is_some(),
        "the filter finds a KPI further down"
    );
    assert!(
        h.query_by_label("Household Internet Access").is_none(),
        "and hides the others"
    );

    h.get_by_label("Wheel").click();
    h.run();
    assert_eq!(h.state().session.analysis.view, View::Wheel);
}

#[test]
fn hover_click_into_a_dimension_and_back() {
    let mut h = harness();
    h.run();
    h.get_by_label("Lakeside (fictional)").click();
    h.run();
    assert_eq!(city_name(&h), "Lakeside (fictional)");
    assert!(
        h.query_by_label("FICTIONAL").is_some(),
        "the fictional badge shows in the header"
    );

    h.get_by_label("Environment (dimension)").hover();
    h.run();
    assert_eq!(h.state().session.hovered, Some(Hit::Dimension(DimensionId(1))));

    h.get_by_label("Environment (dimension)").click();
    h.run();
    assert_eq!(h.state().session.focus, Focus::Dimension(DimensionId(1)));
    assert!(h.state().session.transition.is_none(), "the animation has finished");
    // Only Environment's items are on the wheel now, and the breadcrumb leads back.
    assert!(h.query_by_label_contains("Air Pollution: PM2.5").is_some());
    assert!(h.query_by_label_contains("Household Internet Access").is_none());
    assert!(h.query_by_label("All dimensions").is_some());

    // Drill further into a category, then Escape twice back to the whole wheel.
    h.get_by_label("Air Quality (category)").click();
    h.run();
    assert!(matches!(h.state().session.focus, Focus::Category(_)));
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(matches!(h.state().session.focus, Focus::SubDimension(_)));
    h.get_by_label("All dimensions").click();
    h.run();
    assert_eq!(h.state().session.focus, Focus::All);
}

#[test]
fn keyboard_moves_between_segments() {
    let mut h = harness();
    h.run();
    h.get_by_label("Lakeside (fictional)").click();
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    let first = h.state().session.selected;
    assert!(
        matches!(first, Some(Hit::Item(_))),
        "an arrow selects the first segment"
    );
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert_ne!(h.state().session.selected, first);
    // Down goes inwards to the category, Enter opens it, Escape goes back.
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert!(matches!(h.state().session.selected, Some(Hit::Category(_))));
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(matches!(h.state().session.focus, Focus::Category(_)));
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(matches!(h.state().session.focus, Focus::SubDimension(_)));
}

#[test]
fn open_a_dataset_file() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("values.csv");
    std::fs::write(
        &path,
        "city,year,kpi,value\nTestville,2023,EC: ICT: ICT: 2C,30\nTestville,2023,EC:ICT:ICT:9C,4\n",
    )
    .expect("write");
    let mut h = harness();
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().apply(Command::Open(vec![path.clone()]), &ctx);
    h.state_mut().finish_load_blocking().expect("loaded");
    h.run();
    assert_eq!(city_name(&h), "Testville");
    assert_eq!(h.state().session.analysis.datasets, vec![path.clone()]);
    assert_eq!(h.state().session.prefs.recent.first(), Some(&path));
    // The bad row is in the validation report, which opens by itself; the good row is used.
    assert!(h.state().session.show_report);
    assert!(h.query_by_label_contains("unknown KPI 'EC:ICT:ICT:9C'").is_some());
    assert!(h.query_by_label("values.csv").is_some(), "the dataset is listed");
}

/// A file dropped on the window, as winit would deliver it.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_files_adds_them() {
    let dir = tempfile::tempdir().expect("dir");
    let first = dir.path().join("a.csv");
    let second = dir.path().join("b.csv");
    std::fs::write(&first, "city,year,kpi,value\nAlpha,2022,EC: ICT: ICT: 1C,80\n").expect("write");
    std::fs::write(&second, "city,year,kpi,value\nBeta,2022,EC: ICT: ICT: 1C,60\n").expect("write");
    let mut h = harness();
    h.run();
    for path in [&first, &second] {
        h.input_mut()
            .dropped_files
            .push(std::sync::Arc::new(Dropped(path.clone())));
        h.step();
        h.state_mut().finish_load_blocking().expect("loaded");
        h.run();
    }
    // The bundled samples are replaced by the user's data; the second drop adds to the first.
    assert_eq!(h.state().session.analysis.datasets, vec![first, second]);
    let ws = h.state().workspace().cloned().expect("loaded");
    let names: Vec<&str> = ws.dataset.cities.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Alpha", "Beta"]);
    assert!(h.query_by_label("Beta").is_some());
}

#[test]
fn export_dialog_offers_formats_and_reports_its_outcome() {
    let mut h = harness();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    assert!(h.state().panels.export.open);
    assert!(h.query_by_label("Save as…").is_some());
    h.get_by_label("City report").click();
    h.run();
    assert_eq!(
        h.state().panels.export.spec().format,
        cityprofile::export::Format::Pdf,
        "the report is a PDF"
    );
    h.get_all_by_label("Target gaps")
        .last()
        .expect("the dialog's chart choice")
        .click();
    h.run();
    assert_eq!(
        h.state().panels.export.spec().chart,
        cityprofile::export::ChartKind::Gaps
    );
    h.get_by_label("Chart only").click();
    h.run();
    assert!(h.state().panels.export.spec().chart_only);
    assert!(
        h.state().panels.export.path.ends_with("-gaps-2020.pdf"),
        "a file name is suggested: {}",
        h.state().panels.export.path
    );
    // Copying renders in the background; the outcome (copied, or why not) is shown.
    h.get_by_label("PNG").click();
    h.run();
    h.get_by_label("Copy image").click();
    run_until(&mut h, |app| !app.panels.export.busy());
    h.run();
    let status = h.state().panels.export.status.clone().expect("an outcome is shown");
    let text = match status {
        Ok(t) | Err(t) => t,
    };
    assert!(text.contains("clipboard"), "{text}");
    assert!(h.query_by_label(&text).is_some(), "the outcome is on screen");
    // Save writes the file the path names, in the background.
    let dir = tempfile::tempdir().expect("dir");
    let target = dir.path().join("gaps.png");
    h.state_mut().panels.export.path = target.display().to_string();
    h.get_by_label("Save").click();
    run_until(&mut h, |app| !app.panels.export.busy());
    h.run();
    assert!(
        matches!(&h.state().panels.export.status, Some(Ok(t)) if t.contains("Exported to")),
        "{:?}",
        h.state().panels.export.status
    );
    assert_eq!(std::fs::read(&target).expect("written").get(1..4), Some(&b"PNG"[..]));
}

/// The heatmap shows Household Internet Access in 2024 for each city as % of
/// target (the kind of number the group median shows), then the value as in the data.
fn heatmap_shows_percent_and_value(
    h: &mut Harness<'_, CityProfileApp>,
    ws: &cityprofile::workspace::Workspace,
    names: &[String],
) {
    h.get_by_label("Heatmap").click();
    h.run();
    let item = ws.catalogue.kpis[ws.catalogue.find_kpi("EC: ICT: ICT: 1C").expect("kpi").0].items[0];
    for name in names {
        let city = ws.dataset.city_by_name(name).expect("city");
        let value = ws
            .dataset
            .observation(city, item, Some(2024))
            .expect("a value")
            .value()
            .display();
        assert!(
            h.query_by_label_contains(&value).is_some(),
            "{name}'s value {value} is in the heatmap"
        );
        let pct = ws.profile(city, Some(2024)).items[item.index()].pct().expect("scored");
        let text = format!("{} %", cityprofile::model::format_number(pct.round()));
        assert!(
            h.query_all_by_label(&text).next().is_some(),
            "{name}: {text} in the heatmap"
        );
    }
    assert!(h.query_by_label("Group median").is_some());
}

#[test]
fn compare_three_cities_then_open_one_and_move_the_year() {
    let mut h = harness();
    h.run();
    h.get_by_label("Lakeside (fictional)").click();
    h.run();
    h.get_by_label("Compare").click();
    h.run();
    assert!(
        h.state().session.compared().len() >= 2,
        "the comparison opens on the city's peer group"
    );
    let ctx = h.ctx.clone();
    h.state_mut().apply(Command::SetCompared(Vec::new()), &ctx);
    h.run();
    assert_eq!(h.state().session.compared().len(), 1, "emptied, it stays empty");
    for other in ["Hillcrest (fictional)", "Rivermouth (fictional)"] {
        h.get_by_label("Add city").click();
        h.run();
        h.get_all_by_label(other)
            .last()
            .expect("the city in the Add menu")
            .click();
        h.run();
    }
    let ws = h.state().workspace().cloned().expect("loaded");
    let names: Vec<String> = h
        .state()
        .session
        .compared()
        .iter()
        .map(|c| ws.dataset.cities[c.index()].name.clone())
        .collect();
    assert_eq!(
        names,
        [
            "Lakeside (fictional)",
            "Hillcrest (fictional)",
            "Rivermouth (fictional)"
        ]
    );

    heatmap_shows_percent_and_value(&mut h, &ws, &names);

    // A small wheel opens its city.
    h.get_by_label("Small wheels").click();
    h.run();
    h.get_by_label("Open Hillcrest (fictional)").click();
    h.run();
    assert_eq!(city_name(&h), "Hillcrest (fictional)");
    assert_eq!(h.state().session.analysis.view, View::Wheel);

    // The year slider changes the year and the wheel with it.
    let label = |h: &Harness<'_, CityProfileApp>| {
        h.query_by_label_contains("Household Internet Access")
            .map(|n| format!("{:?}", n.value()))
    };
    let before = label(&h);
    assert_eq!(year(&h), Some(2024));
    let slider = h.get_by_role_and_label(egui::accesskit::Role::Slider, "Wheel year");
    slider.focus();
    h.run();
    for _ in 0..3 {
        h.key_press(egui::Key::ArrowLeft);
        h.run();
    }
    assert_eq!(year(&h), Some(2021));
    assert_ne!(label(&h), before, "the segment now shows the 2021 value");
}

#[test]
fn trends_view_lists_statuses_and_changes() {
    let mut h = harness();
    h.run();
    h.get_by_label("Lakeside (fictional)").click();
    h.run();
    h.get_by_label("Trends").click();
    h.run();
    assert!(
        h.query_by_label_contains("on track ·").is_some(),
        "a summary of statuses"
    );
    assert!(h.query_by_label_contains("Band changes from").is_some());
    h.get_by_label_contains("Air Pollution: PM2.5").click_accesskit();
    h.run();
    assert!(h.state().session.trend_item.is_some());
}

#[test]
fn gaps_peer_median_follows_the_city_and_year() {
    let mut h = harness();
    h.run();
    h.get_by_label("Karmoy").click();
    h.run();
    h.state_mut().session.analysis.gaps.peers = Some(PeerChoice::Country);
    h.get_by_label("Target gaps").click();
    h.run();
    let median_of = |h: &mut Harness<'_, CityProfileApp>| {
        run_until(h, |app| app.panels.gaps.median_group().is_some());
        let gaps = &h.state().panels.gaps;
        (gaps.median_key(), gaps.median_group().unwrap_or_default())
    };
    let karmoy = h.state().session.city().expect("a city");
    let (key, group) = median_of(&mut h);
    assert_eq!(key, Some((karmoy, Some(2020), PeerChoice::Country)));
    assert!(group.contains("Norway"), "{group}");
    // Another city: the median is computed again for its own group, not reused.
    h.get_by_label("Bizerte").click();
    h.run();
    let bizerte = h.state().session.city().expect("a city");
    assert_ne!(karmoy, bizerte);
    let (key, group) = median_of(&mut h);
    assert_eq!(key, Some((bizerte, Some(2020), PeerChoice::Country)));
    assert!(group.contains("Tunisia"), "{group}");
}
