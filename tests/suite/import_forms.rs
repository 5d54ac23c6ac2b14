//! Every input form the import accepts gives the same values.

use crate::common::*;
use cityprofile::import::Severity;
use cityprofile::model::Value;

const LONG: &str = "city,year,kpi,data_point,value,unit\nPully,2020,EC: ICT: ICT: 2C,,44.8,%\nPully,2020,EN: EN: AQ: 1C,PM2.5,10,\nPully,2021,SC: SH: SA: 3A,,Yes,yes/no\n";

fn assert_pully(loaded: &cityprofile::import::Loaded) {
    assert!(errors(loaded).is_empty(), "{:#?}", loaded.report.problems);
    assert_eq!(
        value(loaded, "Pully", Some(2020), "EC: ICT: ICT: 2C", None),
        Some(Value::Number(44.8))
    );
    assert_eq!(
        value(loaded, "Pully", Some(2020), "EN:EN:AQ:1C", Some("PM2.5")),
        Some(Value::Number(10.0))
    );
    assert_eq!(
        value(loaded, "Pully", Some(2021), "SC: SH: SA: 3A", None),
        Some(Value::Flag(true))
    );
}

#[test]
fn long_csv() {
    assert_pully(&load_bytes("values.csv", LONG.as_bytes()));
}

#[test]
fn semicolons_decimal_commas_crlf_and_latin1() {
    let text = "Stadt;year;KPI;Data_Point;Value;Unit\r\nPully;2020;ec:ict:ict:2c;;44,8 %;%\r\nPully;2020;Air Pollution;pm 2.5;10,0;\r\nPully;2021;Resilience plans;;YES;\r\n";
    // `Stadt` is German for city: the file loads as the English one would.
    assert_pully(&load_bytes("values.csv", text.as_bytes()));
    // A header nobody writes for a city is refused with a clear message.
    let unknown = text.replace("Stadt", "Wohnort");
    let loaded = load_bytes("values.csv", unknown.as_bytes());
    assert_problem(&loaded, Severity::Error, None, "cannot tell what this table holds");
    let latin1: Vec<u8> = "city;year;kpi;data_point;value;note\r\nPully;2020;EC: ICT: ICT: 2C;;44,8 %;r\u{e9}sum\u{e9}\r\nPully;2020;Air Pollution;pm 2.5;10,0;\r\nPully;2021;Resilience plans;;YES;\r\n"
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    let loaded = load_bytes("values.csv", &latin1);
    assert_pully(&loaded);
    assert_problem(&loaded, Severity::Info, None, "Windows-1252");
    let city = loaded.dataset.city_by_name("Pully").expect("city");
    let note = loaded
        .dataset
        .observations_of(city)
        .find_map(|o| loaded.dataset.noted(o).note().map(str::to_string));
    assert_eq!(note.as_deref(), Some("résumé"));
}

#[test]
fn utf8_bom_tsv_and_utf16() {
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(LONG.as_bytes());
    assert_pully(&load_bytes("values.csv", &bom));
    assert_pully(&load_bytes("values.tsv", LONG.replace(',', "\t").as_bytes()));
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(LONG.replace(',', "\t").encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_pully(&load_bytes("values.txt", &utf16));
}

#[test]
fn header_aliases_and_case() {
    let text = " City , Report_Year ,KPI_Code,DataPoint, VALUE \nPully,2020,Fixed Broadband Subscriptions,,44.8\nPully,2020,EN: EN: AQ: 1C PM2.5,,10\nPully,2021,resilience plans,,yes\n";
    assert_pully(&load_bytes("anything.csv", text.as_bytes()));
}

#[test]
fn wide_csv_with_codes_names_and_data_point_columns() {
    let text = "City,Year,EC:ICT:ICT:2C,Air Pollution (PM2.5),Resilience Plans,Notes\nPully,2020,44.8,10,,first\nPully,2021,,,Yes,\n";
    let loaded = load_bytes("pully.csv", text.as_bytes());
    assert_pully(&loaded);
    // Empty wide cells are explicit "not reported" for that year, never 0.
    assert_eq!(
        value(&loaded, "Pully", Some(2021), "EC: ICT: ICT: 2C", None),
        Some(Value::NotReported)
    );
    assert!(loaded.report.tables.iter().any(|t| t.role == "values (wide)"));
}

#[test]
fn json_records_with_mixed_types() {
    let text = r#"[{"city":"Pully","year":2020,"kpi":"EC: ICT: ICT: 2C","value":44.8},
                   {"city":"Pully","year":"2020","kpi":"EN: EN: AQ: 1C","data_point":"PM2.5","value":"10"},
                   {"city":"Pully","year":2021,"kpi":"SC: SH: SA: 3A","value":"Yes"},
                   {"city":"Pully","year":2022,"kpi":"EC: ICT: ICT: 2C","value":null}]"#;
    let loaded = load_bytes("values.json", text.as_bytes());
    assert_pully(&loaded);
    assert_eq!(
        value(&loaded, "Pully", Some(2022), "EC: ICT: ICT: 2C", None),
        Some(Value::NotReported)
    );
}

#[test]
fn parquet_with_typed_columns() {
    use polars::prelude::*;
    let mut df = df!(
        "city" => ["Pully", "Pully", "Pully"],
        "year" => [2020i64, 2020, 2021],
        "kpi" => ["EC: ICT: ICT: 2C", "EN: EN: AQ: 1C", "SC: SH: SA: 3A"],
        "data_point" => [None, Some("PM2.5"), None],
        "value" => ["44.8", "10", "Yes"],
    )
    .expect("frame");
    let mut bytes = Vec::new();
    ParquetWriter::new(&mut bytes).finish(&mut df).expect("parquet");
    assert_pully(&load_bytes("values.parquet", &bytes));
}

#[test]
fn xlsx_workbook_with_values_targets_and_cities_sheets() {
    let loaded = load_path(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/book.xlsx"));
    assert_eq!(
        value(&loaded, "Testville", Some(2020), "EC: ICT: ICT: 2C", None),
        Some(Value::Number(44.8))
    );
    assert_eq!(
        value(&loaded, "Testville", Some(2020), "EN: EN: AQ: 1C", Some("PM10")),
        Some(Value::NotReported)
    );
    assert_eq!(
        value(&loaded, "Testville", Some(2021), "SC: SH: SA: 3A", None),
        Some(Value::Flag(true))
    );
    let city = &loaded.dataset.cities[loaded.dataset.city_by_name("testville").expect("city").index()];
    assert_eq!(
        (city.country.as_deref(), city.population, city.fictional),
        (Some("Testland"), Some(18500), true)
    );
    // The formula saved without a result and the bad target are both reported where they are.
    let formula = loaded
        .report
        .problems
        .iter()
        .find(|p| p.message.contains("formula"))
        .expect("formula warning");
    assert_eq!(
        (formula.sheet.as_deref(), formula.row, formula.column.as_deref()),
        (Some("Values"), Some(6), Some("Value"))
    );
    let target = loaded
        .report
        .problems
        .iter()
        .find(|p| p.severity == Severity::Error)
        .expect("target error");
    assert_eq!((target.sheet.as_deref(), target.row), (Some("Targets"), Some(3)));
    assert_eq!(
        loaded
            .targets
            .get(cityprofile::model::ItemId(0), "Testville")
            .map(|t| t.source.as_str()),
        Some("Testville digital plan 2030")
    );
}

#[test]
fn folder_with_values_targets_and_cities() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("values.csv"), LONG).expect("write");
    std::fs::write(
        dir.path().join("targets.csv"),
        "kpi,data_point,target,city,source\nEN: EN: AQ: 1C,PM2.5,8,Pully,Pully air plan\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("cities.csv"),
        "city,country,population,area_km2\nPully,Switzerland,18500,5.8\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("readme.md"), "not data").expect("write");
    let loaded = load_path(dir.path());
    assert_pully(&loaded);
    let catalogue = catalogue();
    let pm25 = catalogue
        .find_data_point(catalogue.find_kpi("EN: EN: AQ: 1C").expect("kpi"), "PM2.5")
        .expect("dp");
    assert_eq!(
        loaded.targets.get(pm25, "pully").map(|t| t.source.as_str()),
        Some("Pully air plan")
    );
    assert!(
        loaded.targets.get(pm25, "Asker").is_none(),
        "a city target applies to that city only"
    );
    let pully = &loaded.dataset.cities[0];
    assert_eq!((pully.population, pully.area_km2), (Some(18500), Some(5.8)));
    assert_problem(&loaded, Severity::Info, None, "skipped: not a data file");
}

#[test]
fn not_reported_markers_load_as_not_reported() {
    let text = "city,year,kpi,value\nA,2020,EC: ICT: ICT: 1C,NR\nA,2020,EC: ICT: ICT: 2C,n/a\nA,2020,EC: ICT: ICT: 3C,-\nA,2020,EC: ICT: ICT: 5C,Not reported\nA,2020,EC: ICT: WS: 1C,\nA,2020,EC: ICT: WS: 2A,N/A\n";
    let loaded = load_bytes("values.csv", text.as_bytes());
    assert!(errors(&loaded).is_empty(), "{:#?}", loaded.report.problems);
    assert_eq!(loaded.dataset.observations.len(), 6);
    assert!(
        loaded
            .dataset
            .observations
            .iter()
            .all(|o| o.value() == Value::NotReported)
    );
}

#[test]
fn multiline_cells_and_blank_lines_keep_row_numbers() {
    let text = "city,year,kpi,value,note\nA,2020,EC: ICT: ICT: 1C,50,\"two\nlines\"\n\nA,2020,EC: ICT: ICT: 2C,abc,\n";
    let loaded = load_bytes("values.csv", text.as_bytes());
    assert_problem(&loaded, Severity::Error, Some(5), "'abc' is not a number");
}
