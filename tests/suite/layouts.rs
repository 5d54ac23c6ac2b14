//! Spreadsheets as city offices keep them: a title above the header, years as
//! columns, a note under the table, the U4SSC template with labels above the
//! header, merged cells, a cover sheet, and newline-delimited JSON.

use std::path::PathBuf;

use cityprofile::import::{Severity, TableDefaults};
use cityprofile::model::{CityId, ItemId, PrintedBand, Quality, Value};
use cityprofile::workspace::{Sources, Workspace};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/layouts")
        .join(name)
}

fn load(paths: Vec<PathBuf>, city: Option<&str>, year: Option<i32>) -> Workspace {
    let sources = Sources {
        paths,
        defaults: TableDefaults {
            city: city.map(str::to_string),
            year,
            mappings: Vec::new(),
        },
        ..Sources::default()
    };
    Workspace::load(&sources, &mut |_, _, _| {}).expect("load")
}

fn item(ws: &Workspace, code: &str, data_point: Option<&str>) -> ItemId {
    let c = &ws.catalogue;
    let kpi = c.find_kpi(code).expect("kpi");
    match data_point {
        Some(dp) => c.find_data_point(kpi, dp).expect("data point"),
        None => c.kpis[kpi.0].items[0],
    }
}

fn infos(ws: &Workspace) -> Vec<String> {
    ws.report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Info)
        .map(|p| format!("{:?} {}", p.row, p.message))
        .collect()
}

#[test]
fn a_titled_sheet_with_years_as_columns_loads_with_the_city_from_the_command_line() {
    let ws = load(vec![fixture("titled_years.xlsx")], Some("Testbourg"), None);
    assert_eq!(ws.report.error_count(), 0, "{:#?}", ws.report.problems);
    let city = ws.dataset.city_by_name("Testbourg").expect("city");
    assert_eq!(ws.dataset.years_of(city), vec![2020, 2021, 2022]);
    // 4 KPIs × 3 years, one cell empty.
    assert_eq!(ws.dataset.observations.len(), 11);
    let value = |code: &str, dp: Option<&str>, year: i32| {
        ws.dataset
            .observation(city, item(&ws, code, dp), Some(year))
            .map(|o| o.value())
    };
    assert_eq!(
        value("EC: ICT: ICT: 1C", None, 2022),
        Some(Value::Number(90.2)),
        "'90,2 %'"
    );
    assert_eq!(value("EC: ICT: ICT: 2C", None, 2021), Some(Value::NotReported), "'n/a'");
    assert_eq!(value("EN: EN: AQ: 1C", Some("PM2.5"), 2020), Some(Value::Number(9.1)));
    let o = ws
        .dataset
        .observation(city, item(&ws, "EC: ICT: ICT: 1C", None), Some(2022))
        .expect("obs");
    assert_eq!(ws.dataset.origin(o).row, 4, "the value's own spreadsheet row");
    let infos = infos(&ws).join("\n");
    assert!(
        infos.contains("Some(3) the header is on this row; rows 1-2 above it"),
        "{infos}"
    );
    assert!(
        infos.contains("Some(9) 'Source: Testbourg statistics office, 2023' under the table reads as a note"),
        "{infos}"
    );
    assert!(infos.contains("years as columns (2020, 2021, 2022)"), "{infos}");
    assert!(infos.contains("city 'Testbourg' comes from --city"), "{infos}");
}

#[test]
fn the_u4ssc_template_reads_labels_bands_quality_verification_and_reported() {
    for (city, year) in [(None, None), (Some("Pully"), Some(2020))] {
        let ws = load(vec![fixture("template.xlsx")], city, year);
        let pully = ws.dataset.city_by_name("Pully").expect("city from the label");
        assert_eq!(ws.dataset.years_of(pully), vec![2020]);
        let obs = |code: &str, dp: Option<&str>| {
            ws.dataset
                .observation(pully, item(&ws, code, dp), Some(2020))
                .map(|o| ws.dataset.noted(o))
        };
        let internet = obs("EC: ICT: ICT: 1C", None).expect("1C");
        assert_eq!(internet.value(), Value::Number(91.0));
        assert_eq!(internet.printed_band(), Some(PrintedBand::Points(3)));
        assert_eq!(
            (internet.quality(), internet.verified()),
            (Some(&Quality::Measured), Some(true))
        );
        assert_eq!(internet.source(), Some("Factsheet p18"));
        assert_eq!(internet.note(), Some("Federal statistics"), "Data origin");
        let broadband = obs("EC: ICT: ICT: 2C", None).expect("2C");
        assert_eq!(
            (broadband.quality(), broadband.verified()),
            (Some(&Quality::Survey), Some(false))
        );
        assert_eq!(
            obs("EC: ICT: ICT: 3C", None).map(|o| o.value()),
            Some(Value::NotReported),
            "Reported NO"
        );
        assert_eq!(ws.report.error_count(), 0, "{:#?}", ws.report.problems);
        let coverage = obs("EC: ICT: ICT: 4C", Some("4G")).expect("4G");
        assert_eq!(coverage.quality(), Some(&Quality::Unknown), "class 6");
        let profile = ws.profile(pully, Some(2020));
        let score = &profile.items[item(&ws, "EC: ICT: ICT: 1C", None).index()];
        assert_eq!(score.basis().map(|b| b.band_source()), Some("u4ssc"));
    }
}

#[test]
fn a_merged_city_cell_applies_to_every_row_it_spans() {
    let ws = load(vec![fixture("merged_city.xlsx")], None, None);
    assert_eq!(ws.report.error_count(), 0, "{:#?}", ws.report.problems);
    assert_eq!(ws.dataset.cities.len(), 1);
    let profile = ws.profile(CityId(0), None);
    assert_eq!(profile.overall.reported, 3);
    assert!(infos(&ws).iter().any(|i| i.contains("1 merged cell region:")));
}

#[test]
fn a_cover_sheet_gives_city_and_year() {
    let ws = load(vec![fixture("cover.xlsx")], None, None);
    assert_eq!(ws.report.error_count(), 0, "{:#?}", ws.report.problems);
    let city = ws.dataset.city_by_name("Covertown").expect("city from the cover sheet");
    assert_eq!(ws.dataset.years_of(city), vec![2023]);
    assert_eq!(ws.dataset.observations.len(), 2);
}

#[test]
fn newline_delimited_json_loads_and_names_a_bad_line() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("values.jsonl");
    let text = "{\"city\":\"Nd\",\"year\":2021,\"kpi\":\"EC: ICT: ICT: 1C\",\"value\":80}\n\
        {\"city\":\"Nd\",\"year\":2021,\"kpi\":\"EC: ICT: ICT: 2C\",\"value\":40}\n\
        not json\n\
        {\"city\":\"Nd\",\"year\":2022,\"kpi\":\"EC: ICT: ICT: 2C\",\"value\":45,\"note\":\"line 4\"}\n";
    std::fs::write(&path, text).expect("write");
    let ws = load(vec![path], None, None);
    assert_eq!(ws.dataset.observations.len(), 3);
    let errors: Vec<_> = ws
        .report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].row, Some(3));
    let last = ws
        .dataset
        .observations
        .iter()
        .find(|o| o.year() == Some(2022))
        .expect("2022");
    assert_eq!(ws.dataset.origin(last).row, 4, "row = line of the file");
}

#[test]
fn template_names_that_disagree_with_their_code_are_warned() {
    let ws = load(vec![fixture("template_places.xlsx")], None, None);
    let warnings: Vec<&str> = ws
        .report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(
        warnings,
        vec![
            "KPI name 'Household Internet Access' does not match the code EC: ICT: ICT: 2C: the catalogue says 'Fixed Broadband Subscriptions'"
        ]
    );
    assert_eq!(ws.dataset.observations.len(), 2, "both rows load, by their codes");
}

#[test]
fn cities_as_columns_are_read_when_the_headers_are_known_cities() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(
        dir.path().join("a-cities.csv"),
        "city,country,population\nPully,Switzerland,18313\nLausanne,Switzerland,140000\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("b-values.csv"),
        "KPI,Pully,Lausanne\nEC: ICT: ICT: 1C,91,88\nEC: ICT: ICT: 2C,44.8,\n",
    )
    .expect("write");
    let ws = load(vec![dir.path().to_path_buf()], None, Some(2020));
    assert_eq!(ws.report.error_count(), 0, "{:#?}", ws.report.problems);
    assert_eq!(ws.dataset.observations.len(), 3);
    let lausanne = ws.dataset.city_by_name("Lausanne").expect("city");
    let internet = ws
        .dataset
        .observation(lausanne, item(&ws, "EC: ICT: ICT: 1C", None), Some(2020))
        .expect("value");
    assert_eq!(internet.value(), Value::Number(88.0));
    assert!(
        infos(&ws)
            .iter()
            .any(|i| i.contains("cities as columns (Pully, Lausanne)"))
    );
}

#[test]
fn reported_yes_without_a_value_is_an_error_in_delimited_text_too() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("template.csv");
    let text = "city,year,KPI Code,Calculated KPI result,Reported (YES/NO)\n\
        Rp,2023,EC: ICT: ICT: 1C,88,YES\n\
        Rp,2023,EC: ICT: ICT: 2C,40,NO\n\
        Rp,2023,EC: ICT: ICT: 3C,,YES\n";
    std::fs::write(&path, text).expect("write");
    let ws = load(vec![path], None, None);
    let errors: Vec<_> = ws
        .report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(
        (errors[0].row, errors[0].message.as_str()),
        (Some(4), "Reported is YES but the value is empty")
    );
    let broadband = ws
        .dataset
        .observation(CityId(0), item(&ws, "EC: ICT: ICT: 2C", None), None)
        .expect("2C");
    assert_eq!(
        broadband.value(),
        Value::NotReported,
        "Reported NO: not reported whatever the value says"
    );
}

#[test]
fn title_lines_above_a_delimited_header_are_skipped_and_rows_keep_their_lines() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("export.csv");
    let text = "Testbourg KPI export, 2023\n\ncity;year;kpi;value\nTestbourg;2023;EC: ICT: ICT: 1C;88\nTestbourg;2023;EC: ICT: ICT: 2C;bad\n";
    std::fs::write(&path, text).expect("write");
    let ws = load(vec![path], None, None);
    assert_eq!(ws.dataset.observations.len(), 1);
    let error = ws
        .report
        .problems
        .iter()
        .find(|p| p.severity == Severity::Error)
        .expect("the bad value");
    assert_eq!(error.row, Some(5), "line 5 of the file");
    assert!(infos(&ws).iter().any(|i| i.contains("the header is on line 3")));
}
