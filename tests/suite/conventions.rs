//! The spreadsheet conventions offices use, read as the person who made the file
//! sees it (issue 24): percent-formatted cells, a sheet per year or per city,
//! headers in French, Spanish and German, yes/no in those languages, a KPI code
//! with its data point in one cell, one message per bad row; and a `--city`
//! that would merge two cities' sheets stops instead of choosing quietly. The
//! workbooks are built by tests/fixtures/layouts/make.py.

use std::path::PathBuf;

use cityprofile::import::{Severity, TableDefaults};
use cityprofile::model::{ItemId, TargetValue, Value};
use cityprofile::workspace::{Sources, Workspace};

use crate::common::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/layouts")
        .join(name)
}

fn load_ws(paths: Vec<PathBuf>, city: Option<&str>) -> Workspace {
    let sources = Sources {
        paths,
        defaults: TableDefaults {
            city: city.map(str::to_string),
            ..TableDefaults::default()
        },
        ..Sources::default()
    };
    Workspace::load(&sources, &mut |_, _, _| {}).expect("load")
}

fn item(ws: &Workspace, code: &str, data_point: Option<&str>) -> ItemId {
    let kpi = ws.catalogue.find_kpi(code).expect("kpi");
    match data_point {
        Some(dp) => ws.catalogue.find_data_point(kpi, dp).expect("data point"),
        None => ws.catalogue.kpis[kpi.0].items[0],
    }
}

fn value_of(ws: &Workspace, city: &str, year: i32, code: &str, dp: Option<&str>) -> Option<Value> {
    let city = ws.dataset.city_by_name(city)?;
    let obs = ws.dataset.observation(city, item(ws, code, dp), Some(year))?;
    (obs.year() == Some(year)).then(|| obs.value())
}

fn messages(ws: &Workspace, severity: Severity) -> Vec<String> {
    let problems = ws.report.problems.iter().filter(|p| p.severity == severity);
    problems
        .map(|p| format!("{:?} {:?} {}", p.sheet, p.row, p.message))
        .collect()
}

#[test]
fn percent_formatted_cells_read_as_the_sheet_shows_them() {
    let ws = load_ws(vec![fixture("percent.xlsx")], None);
    assert_eq!(ws.report.error_count(), 0, "{:#?}", ws.report.problems);
    let v = |code: &str, dp: Option<&str>| value_of(&ws, "Pctown", 2022, code, dp);
    assert_eq!(
        v("EC: ICT: ICT: 1C", None),
        Some(Value::Number(45.2)),
        "0.452 shown as 45.2 %"
    );
    assert_eq!(v("EC: ICT: ICT: 2C", None), Some(Value::Number(30.0)), "built-in 0 %");
    assert_eq!(
        v("SC: EH: ED: 2C", None),
        Some(Value::Number(97.345)),
        "the whole number, not the rounded view"
    );
    assert_eq!(v("EC: I: WS: 1C", None), Some(Value::Number(99.1)), "a custom format");
    assert_eq!(
        v("EC: ICT: ICT: 3C", None),
        Some(Value::Number(1.012)),
        "not a %: the number held"
    );
    assert_eq!(
        v("EC: ICT: ICT: 4C", Some("4G")),
        Some(Value::Number(98.5)),
        "a literal % sign"
    );
    assert_eq!(
        v("SC: EH: H: 1C", None),
        Some(Value::Number(82.5)),
        "years of life: the number held"
    );
    let infos = messages(&ws, Severity::Info).join("\n");
    assert_eq!(
        infos.matches("formatted as percentages").count(),
        2,
        "once per sheet: {infos}"
    );
    assert!(infos.contains("6 number cells formatted as percentages"), "{infos}");
    let warnings = messages(&ws, Severity::Warning).join("\n");
    assert!(warnings.contains("the number it holds, 1.012, is read"), "{warnings}");
    assert!(warnings.contains("the number it holds, 82.5, is read"), "{warnings}");
    // Targets formatted as percentages read by the same rule.
    let target = |code: &str| ws.own_targets.get(item(&ws, code, None), "Pctown").map(|t| t.value);
    assert_eq!(target("EC: ICT: ICT: 1C"), Some(TargetValue::Number(95.0)));
    assert_eq!(target("EC: ICT: ICT: 3C"), Some(TargetValue::Number(1.2)));
}

#[test]
fn a_csv_pasted_into_one_column_is_named_not_skipped() {
    let ws = load_ws(vec![fixture("csv_in_one_column.xlsx")], None);
    let warnings = messages(&ws, Severity::Warning).join("\n");
    assert!(
        warnings.contains("several column names in one cell ('city;year;kpi;value')"),
        "{warnings}"
    );
    assert_eq!(ws.report.tables[0].role, "ignored", "not a sheet of notes");
}

#[test]
fn one_table_given_a_city_with_two_values_is_a_conflict_not_two_cities() {
    let text = "kpi,year,value\nEC: ICT: ICT: 1C,2022,50\nEC: ICT: ICT: 1C,2022,60\n";
    let (_dir, path) = write_temp("values.csv", text.as_bytes());
    let ws = load_ws(vec![path], Some("Pully"));
    assert!(ws.report.stop().is_none(), "one table: an ordinary conflict");
    let errors = messages(&ws, Severity::Error).join("\n");
    assert!(errors.contains("conflicts with"), "{errors}");
    assert_eq!(
        value_of(&ws, "Pully", 2022, "EC: ICT: ICT: 1C", None),
        Some(Value::Number(50.0))
    );
}

#[test]
fn a_year_cell_naming_two_years_is_read_as_the_first_and_said() {
    let text = "city,year,kpi,value\nP,2021-22,EC: ICT: ICT: 1C,50\nP,2021/2022,EC: ICT: ICT: 2C,40\nP,2019-2021,EC: ICT: ICT: 3C,1\n";
    let loaded = load_bytes("values.csv", text.as_bytes());
    assert_eq!(
        value(&loaded, "P", Some(2021), "EC: ICT: ICT: 1C", None),
        Some(Value::Number(50.0))
    );
    assert_eq!(
        value(&loaded, "P", Some(2021), "EC: ICT: ICT: 2C", None),
        Some(Value::Number(40.0))
    );
    let said = loaded
        .report
        .problems
        .iter()
        .filter(|p| p.message.contains("is a period of two years"))
        .count();
    assert_eq!(said, 2);
    assert_eq!(
        errors(&loaded).len(),
        1,
        "three years are not a year: {:#?}",
        errors(&loaded)
    );
}

/// A years-as-columns table large enough to be read by several threads: every
/// bad row is one message, whichever part its cells fall in.
#[test]
fn one_message_per_row_however_a_large_table_is_split() {
    let rows = 33_335; // × 3 years = 100,005 cells: over the parallel threshold
    let mut text = String::from("city,kpi,2020,2021,2022\n");
    for r in 0..rows {
        text.push_str(&format!("C{r},XX: bad,1,2,3\n"));
    }
    let loaded = load_bytes("values.csv", text.as_bytes());
    assert_eq!(loaded.report.error_count(), rows, "one error per row");
}

#[test]
fn percent_cells_of_an_ods_file_and_an_xls_file() {
    let ods = load_ws(vec![fixture("percent.ods")], None);
    assert_eq!(
        value_of(&ods, "Odstown", 2022, "EC: ICT: ICT: 1C", None),
        Some(Value::Number(45.2))
    );
    assert_eq!(
        value_of(&ods, "Odstown", 2022, "EC: ICT: ICT: 3C", None),
        Some(Value::Number(1.012))
    );
    assert_eq!(
        value_of(&ods, "Odstown", 2022, "EC: ICT: ICT: 2C", None),
        Some(Value::Number(0.3))
    );
    assert!(
        messages(&ods, Severity::Info)
            .join("\n")
            .contains("2 number cells formatted as percentages")
    );
    // An .xls does not say its formats: the fraction is read as written, and said.
    let xls = load_ws(vec![fixture("percent.xls")], None);
    assert_eq!(
        value_of(&xls, "Xlstown", 2022, "EC: ICT: ICT: 1C", None),
        Some(Value::Number(0.452))
    );
    let warnings = messages(&xls, Severity::Warning).join("\n");
    assert!(
        warnings.contains("if the sheet shows 45.2 %, the cell holds a fraction"),
        "{warnings}"
    );
}

#[test]
fn sheets_named_after_years_give_their_values_that_year() {
    let ws = load_ws(vec![fixture("sheet_per_year.xlsx")], None);
    assert_eq!(ws.report.error_count(), 0, "{:#?}", ws.report.problems);
    let city = ws.dataset.city_by_name("Yeartown").expect("city");
    assert_eq!(ws.dataset.years_of(city), vec![2019, 2020, 2021]);
    for (year, value) in [(2019, 70.0), (2020, 75.0), (2021, 80.0)] {
        assert_eq!(
            value_of(&ws, "Yeartown", year, "EC: ICT: ICT: 1C", None),
            Some(Value::Number(value))
        );
    }
    let profile = ws.profile(city, None);
    assert_eq!(profile.year, Some(2021), "the latest sheet is current, not the first");
    let infos = messages(&ws, Severity::Info).join("\n");
    assert!(infos.contains("'FY2020', is read as the year 2020"), "{infos}");
    assert!(
        infos.contains("'2021-22' is a period of two years: read as 2021"),
        "{infos}"
    );
    assert!(
        infos.contains("Some(\"Notes\") None skipped: a sheet of notes"),
        "{infos}"
    );
}

#[test]
fn sheets_named_after_cities_are_those_cities() {
    let ws = load_ws(vec![fixture("sheet_per_city.xlsx")], None);
    assert_eq!(ws.report.error_count(), 0, "{:#?}", ws.report.problems);
    assert_eq!(
        value_of(&ws, "Alphaville", 2022, "EC: ICT: ICT: 1C", None),
        Some(Value::Number(80.0))
    );
    assert_eq!(
        value_of(&ws, "Betatown", 2022, "EC: ICT: ICT: 1C", None),
        Some(Value::Number(60.0))
    );
    let infos = messages(&ws, Severity::Info).join("\n");
    assert!(infos.contains("its name, 'Alphaville', is read as the city"), "{infos}");
    // Scoring one of them by name works with --city as well: the sheet names stand.
    let ws = load_ws(vec![fixture("sheet_per_city.xlsx")], Some("Betatown"));
    assert_eq!(ws.report.error_count(), 0);
    assert_eq!(ws.dataset.cities.len(), 2);
}

#[test]
fn a_city_given_to_two_sheets_that_disagree_stops_with_one_error() {
    let ws = load_ws(vec![fixture("two_unnamed_cities.xlsx")], Some("Z"));
    let stop = ws.report.stop().expect("a stop");
    assert!(
        stop.message.contains("sheet 'Sheet1' and sheet 'Sheet2'"),
        "{}",
        stop.message
    );
    assert!(
        stop.message.contains("they look like different cities"),
        "{}",
        stop.message
    );
    assert!(
        stop.message.contains("80 in sheet 'Sheet1', 60 in sheet 'Sheet2'"),
        "{}",
        stop.message
    );
    let hint = stop.hint.as_deref().unwrap_or_default();
    assert!(
        hint.contains("a city column") && hint.contains("'City:' label") && hint.contains("sheets named"),
        "{hint}"
    );
    assert_eq!(
        ws.report.error_count(),
        1,
        "one error, not one per value: {:#?}",
        ws.report.problems
    );
    let z = ws.dataset.city_by_name("Z").expect("Z");
    assert_eq!(
        ws.dataset.observations_of(z).count(),
        0,
        "no value of either sheet is kept for Z"
    );
    // The command line stops: nothing scored, the error said.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cityprofile"))
        .args(["score", "--no-cache", "--city", "Z"])
        .arg(fixture("two_unnamed_cities.xlsx"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "nothing scored");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("they look like different cities") && err.contains("nothing is scored"),
        "{err}"
    );
    // Without --city the sheets have no city, and say so (the file is not read quietly).
    let ws = load_ws(vec![fixture("two_unnamed_cities.xlsx")], None);
    assert!(ws.report.stop().is_none());
    assert!(ws.dataset.cities.is_empty());
}

#[test]
fn headers_in_french_spanish_and_german() {
    for (header, lang) in [
        ("Ville;Année;Indicateur;Point de données;Valeur;Unité", "fr"),
        ("commune;annee;code indicateur;sous-indicateur;valeur;unite", "fr"),
        ("Ciudad;Año;Indicador;Punto de datos;Valor;Unidad", "es"),
        ("Municipio;ANO;Código indicador;Subindicador;Valor;Unidad", "es"),
        ("Stadt;Jahr;Kennzahl;Datenpunkt;Wert;Einheit", "de"),
        ("Gemeinde;Jahr;Indikator;Datenpunkt;Wert;Einheit", "de"),
    ] {
        let text = format!("{header}\nPully;2020;EC: ICT: ICT: 2C;;44,8;%\nPully;2020;EN: EN: AQ: 1C;PM2.5;10;µg/m³\n");
        let loaded = load_bytes("donnees.csv", text.as_bytes());
        assert!(errors(&loaded).is_empty(), "{lang}: {:#?}", loaded.report.problems);
        assert_eq!(loaded.report.tables[0].role, "values (long)", "{lang} {header}");
        assert_eq!(
            value(&loaded, "Pully", Some(2020), "EC: ICT: ICT: 2C", None),
            Some(Value::Number(44.8)),
            "{header}"
        );
        assert_eq!(
            value(&loaded, "Pully", Some(2020), "EN: EN: AQ: 1C", Some("PM2.5")),
            Some(Value::Number(10.0))
        );
    }
    // Targets in French.
    let loaded = load_bytes(
        "cibles.csv",
        "indicateur,cible,source\nEC: ICT: ICT: 1C,95,plan communal\n".as_bytes(),
    );
    assert_eq!(loaded.report.tables[0].role, "targets", "{:#?}", loaded.report.problems);
}

#[test]
fn yes_and_no_in_the_languages_offices_use() {
    let answers = [
        ("Oui", true),
        ("Non", false),
        ("Sí", true),
        ("Si", true),
        ("No", false),
        ("Ja", true),
        ("Nein", false),
        ("TRUE", true),
        ("FALSE", false),
        ("Vrai", true),
        ("Faux", false),
        ("Verdadero", true),
        ("Falso", false),
    ];
    let mut text = String::from("city,year,kpi,value\n");
    for (i, (answer, _)) in answers.iter().enumerate() {
        text.push_str(&format!("City {i},2022,SC: SH: SA: 3A,{answer}\n"));
    }
    text.push_str("Maybetown,2022,SC: SH: SA: 3A,Peut-être\n");
    let loaded = load_bytes("values.csv", text.as_bytes());
    for (i, (answer, yes)) in answers.iter().enumerate() {
        let got = value(&loaded, &format!("City {i}"), Some(2022), "SC: SH: SA: 3A", None);
        assert_eq!(got, Some(Value::Flag(*yes)), "{answer}");
    }
    let bad = errors(&loaded);
    assert_eq!(bad.len(), 1, "{bad:#?}");
    assert!(
        bad[0].message.contains("'Peut-être' is not yes or no"),
        "{}",
        bad[0].message
    );
    let hint = bad[0].hint.as_deref().unwrap_or_default();
    assert!(
        hint.contains("Yes or No") && !hint.contains("number"),
        "the hint asks for yes or no: {hint}"
    );
}

#[test]
fn a_kpi_code_with_its_data_point_in_one_cell() {
    let text = "city,year,kpi,value\n\
        Dp,2022,EN: EN: AQ: 1C PM2.5,8\n\
        Dp,2022,EN: EN: AQ: 1C - PM10,15\n\
        Dp,2022,EN:EN:AQ:1C/NO2,20\n\
        Dp,2022,EN: EN: AQ: 1C (O3),60\n\
        Dp,2022,Air Pollution - SO2,5\n";
    let loaded = load_bytes("values.csv", text.as_bytes());
    assert!(errors(&loaded).is_empty(), "{:#?}", loaded.report.problems);
    for (dp, v) in [
        ("PM2.5", 8.0),
        ("PM10", 15.0),
        ("NO2", 20.0),
        ("O3", 60.0),
        ("SO2", 5.0),
    ] {
        assert_eq!(
            value(&loaded, "Dp", Some(2022), "EN: EN: AQ: 1C", Some(dp)),
            Some(Value::Number(v)),
            "{dp}"
        );
    }
    // The same as column headers of a wide table.
    let wide = "city,year,EN: EN: AQ: 1C - PM10,EN:EN:AQ:1C/NO2\nW,2022,15,20\n";
    let loaded = load_bytes("values.csv", wide.as_bytes());
    assert_eq!(
        value(&loaded, "W", Some(2022), "EN: EN: AQ: 1C", Some("NO2")),
        Some(Value::Number(20.0))
    );
}

#[test]
fn one_message_per_bad_row_of_a_years_as_columns_table() {
    let text = "city,kpi,2020,2021,2022\nY,EC: ICT: ICT: 1C,80,81,82\nY,XX: bad,1,2,3\n";
    let loaded = load_bytes("values.csv", text.as_bytes());
    let bad = errors(&loaded);
    assert_eq!(bad.len(), 1, "one row, one message: {bad:#?}");
    assert_eq!(loaded.report.error_count(), 1);
    assert_eq!(bad[0].row, Some(3));
    assert_eq!(loaded.report.left_out_of("Y"), 3, "its three values are left out");
}

#[test]
fn validate_names_a_file_it_could_not_read_instead_of_saying_ok() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(
        dir.path().join("values.csv"),
        "city,year,kpi,value\nPully,2020,EC: ICT: ICT: 1C,90\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("export.csv"), "Ort,Zeitraum,Merkmal,Zahl\nX,2020,Y,1\n").expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cityprofile"))
        .args(["validate", "--no-cache"])
        .arg(dir.path())
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    let last = text.lines().last().unwrap_or_default();
    assert!(!last.contains("OK"), "{text}");
    assert!(last.contains("NOT all read") && last.contains("export.csv"), "{last}");
}

/// A table with a code column and a KPI name column is read by its codes: a name
/// that disagrees with its code is a warning naming both (the value is scored as
/// the code's KPI, never silently as the name's), and an unknown code is an error
/// (before, the name column was read and the code column ignored).
#[test]
fn a_code_column_beside_a_name_column_is_what_is_read() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("values.csv");
    std::fs::write(
        &path,
        "city,year,code,kpi,value\n\
         Alpha,2020,EC: ICT: ICT: 9Z,Household Internet Access,90\n\
         Alpha,2020,EC: ICT: ICT: 2C,Household Internet Access,40\n",
    )
    .expect("write");
    let ws = load_ws(vec![path], None);
    assert_eq!(
        value_of(&ws, "Alpha", 2020, "EC: ICT: ICT: 2C", None),
        Some(Value::Number(40.0)),
        "scored as the code's KPI"
    );
    assert_eq!(value_of(&ws, "Alpha", 2020, "EC: ICT: ICT: 1C", None), None);
    let errors = messages(&ws, Severity::Error);
    assert!(
        errors.iter().any(|m| m.contains("unknown KPI 'EC: ICT: ICT: 9Z'")),
        "{errors:?}"
    );
    let warnings = messages(&ws, Severity::Warning);
    assert!(
        warnings
            .iter()
            .any(|m| m.contains("'Household Internet Access' does not match the code EC: ICT: ICT: 2C")),
        "{warnings:?}"
    );
    // A `Code` column of other codes (a municipality's) gives way to the KPI column.
    let other = dir.path().join("other.csv");
    std::fs::write(
        &other,
        "city,code,kpi,year,value
Beta,CH-5590,Household Internet Access,2020,77
",
    )
    .expect("write");
    let ws = load_ws(vec![other], None);
    assert_eq!(
        value_of(&ws, "Beta", 2020, "EC: ICT: ICT: 1C", None),
        Some(Value::Number(77.0))
    );
    assert_eq!(ws.report.error_count(), 0, "{:?}", messages(&ws, Severity::Error));
}
