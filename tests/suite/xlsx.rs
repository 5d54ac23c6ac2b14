//! Scores and the index as Excel workbooks, read back with calamine: the same
//! numbers and texts as `--format json`, the JSON keys as headers, and text from
//! the data that looks like a formula kept as text (never a formula).

use std::io::{Cursor, Read};
use std::path::Path;
use std::process::{Command, Output};

use crate::common::app::choose_in_browser;
use calamine::{Data, DataType, Range, Reader, Xlsx, open_workbook_from_rs};
use egui_kittest::kittest::Queryable;
use serde_json::Value as Json;

const HOSTILE_CITY: &str = "=cmd|' /C calc'!A0";
const HOSTILE_QUALITY: &str = "@SUM(1)";
const HOSTILE_SOURCE: &str = "+plan 2030";

fn run(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_cityprofile"))
        .args(args)
        .output()
        .expect("run cityprofile");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn json_of(args: &[&str]) -> Json {
    serde_json::from_slice(&run(args).stdout).expect("json")
}

/// Runs a command with `--format xlsx --out FILE`; the workbook's bytes.
fn workbook_of(args: &[&str], dir: &Path, name: &str) -> Vec<u8> {
    let path = dir.join(name);
    let path_text = path.to_str().expect("path");
    let mut all = args.to_vec();
    all.extend(["--format", "xlsx", "--out", path_text]);
    let out = run(&all);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), path_text, "names the file");
    std::fs::read(&path).expect("workbook written")
}

fn sheet(bytes: &[u8], name: &str) -> Range<Data> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("xlsx");
    book.worksheet_range(name).expect("sheet")
}

fn rows(range: &Range<Data>) -> Vec<Vec<Data>> {
    range.rows().map(<[Data]>::to_vec).collect()
}

fn header(range: &Range<Data>) -> Vec<String> {
    rows(range)[0].iter().map(ToString::to_string).collect()
}

/// Whether the cell's number is the JSON's. serde_json reads decimal text to the
/// nearest float only with its `float_roundtrip` feature (which the project does
/// not build); without it a float read can be one step (ULP) off the float the
/// program printed, which is what the workbook holds, read exactly by calamine.
fn same_number(json: Option<f64>, cell: f64) -> bool {
    json.is_some_and(|j| cell == j || cell == j.next_up() || cell == j.next_down())
}

/// A JSON value as the cell it must read back as: nothing for null, numbers as
/// numbers, text as text, booleans as booleans.
fn assert_cell(cell: &Data, value: &Json, what: &str) {
    match (value, cell) {
        (Json::Null, Data::Empty) => {}
        (Json::Number(n), Data::Float(f)) => assert!(same_number(n.as_f64(), *f), "{what}: {n} but {f}"),
        (Json::Number(n), Data::Int(i)) => assert!(same_number(n.as_f64(), *i as f64), "{what}: {n} but {i}"),
        (Json::String(s), Data::String(t)) => assert_eq!(s, t, "{what}"),
        (Json::Bool(b), Data::Bool(c)) => assert_eq!(b, c, "{what}"),
        _ => panic!("{what}: JSON {value} but the cell holds {cell:?}"),
    }
}

/// Every row of `objects` (JSON objects) is the sheet's row of the same place
/// among `city`'s rows, key by key; the header is `city` then the JSON keys.
fn assert_sheet_is_json(range: &Range<Data>, city: &str, objects: &[Json], what: &str) {
    let header = header(range);
    let keys: Vec<String> = objects[0].as_object().expect("object").keys().cloned().collect();
    assert_eq!(header[0], "city");
    assert_eq!(header[1..], keys[..], "{what}: the JSON keys as headers");
    let mine: Vec<Vec<Data>> = rows(range)
        .into_iter()
        .skip(1)
        .filter(|r| r[0] == Data::String(city.into()))
        .collect();
    assert_eq!(mine.len(), objects.len(), "{what}: one row per JSON row");
    let mut numbers = 0;
    for (i, (row, object)) in mine.iter().zip(objects).enumerate() {
        for (col, key) in keys.iter().enumerate() {
            let value = &object[key];
            numbers += usize::from(value.is_number());
            assert_cell(&row[col + 1], value, &format!("{what} row {i} {key}"));
        }
    }
    assert!(numbers > 0, "{what}: numbers were compared");
}

fn assert_no_formulas(bytes: &[u8]) {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("xlsx");
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).expect("formulas");
        let any: Vec<&String> = formulas
            .used_cells()
            .map(|(_, _, f)| f)
            .filter(|f| !f.is_empty())
            .collect();
        assert!(any.is_empty(), "{name} has formulas: {any:?}");
    }
}

#[test]
fn a_city_workbook_holds_the_json_numbers() {
    let dir = tempfile::tempdir().expect("dir");
    let json = json_of(&["score", "--city", "Pully", "--format", "json"]);
    let bytes = workbook_of(&["score", "--city", "Pully"], dir.path(), "pully.xlsx");
    let items = json["items"].as_array().expect("items");
    assert_sheet_is_json(&sheet(&bytes, "items"), "Pully", items, "items");
    let aggregates = json["aggregates"].as_array().expect("aggregates");
    assert_sheet_is_json(&sheet(&bytes, "aggregates"), "Pully", aggregates, "aggregates");
    // Not reported is an empty cell, never 0: Pully does not report everything.
    let missing = items.iter().filter(|i| i["value"].is_null()).count();
    let value_col = header(&sheet(&bytes, "items")).iter().position(|h| h == "value");
    let empty = rows(&sheet(&bytes, "items"))
        .iter()
        .skip(1)
        .filter(|r| value_col.is_some_and(|c| r[c] == Data::Empty))
        .count();
    assert!(missing > 0);
    assert_eq!(empty, missing);
    let cities = sheet(&bytes, "cities");
    let scored_year = &rows(&cities)[1][header(&cities).iter().position(|h| h == "year").expect("year")];
    assert_cell(scored_year, &json["year"], "year scored");
    // Every target in force is listed with its source.
    let targets = rows(&sheet(&bytes, "targets"));
    let with_target = items.iter().filter(|i| !i["target"].is_null()).count();
    assert_eq!(targets.len() - 1, with_target);
    assert_no_formulas(&bytes);
}

#[test]
fn a_workbook_of_every_city_has_each_citys_rows() {
    let dir = tempfile::tempdir().expect("dir");
    let bytes = workbook_of(&["score", "--all-cities"], dir.path(), "all.xlsx");
    let items = sheet(&bytes, "items");
    let cities = rows(&sheet(&bytes, "cities")).len() - 1;
    assert!(cities >= 10, "the sample cities");
    let per_city = json_of(&["score", "--city", "Lakeside (fictional)", "--format", "json"]);
    let objects = per_city["items"].as_array().expect("items");
    assert_eq!(rows(&items).len() - 1, cities * objects.len());
    assert_sheet_is_json(&items, "Lakeside (fictional)", objects, "items of one city among all");
}

/// A value table and a targets file whose texts start like formulas.
fn hostile_data(dir: &Path) -> (String, String) {
    let values = dir.join("values.csv");
    let targets = dir.join("targets.csv");
    let quoted = format!("\"{HOSTILE_CITY}\"");
    let text = format!(
        "city,year,kpi,value,quality\n{quoted},2020,EC: ICT: ICT: 1C,80,{HOSTILE_QUALITY}\n{quoted},2020,EC: ICT: ICT: 2C,40,\n"
    );
    std::fs::write(&values, text).expect("values");
    std::fs::write(
        &targets,
        format!("kpi,target,source\nEC: ICT: ICT: 2C,90,{HOSTILE_SOURCE}\n"),
    )
    .expect("targets");
    let path = |p: &Path| p.to_str().expect("path").to_string();
    (path(&values), path(&targets))
}

#[test]
fn formula_like_text_reads_back_as_the_same_text_and_never_a_formula() {
    let dir = tempfile::tempdir().expect("dir");
    let (values, targets) = hostile_data(dir.path());
    let args = ["score", &values, "--targets", &targets, "--city", HOSTILE_CITY];
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let json = json_of(&json_args);
    let bytes = workbook_of(&args, dir.path(), "hostile.xlsx");
    let items = json["items"].as_array().expect("items");
    assert_sheet_is_json(&sheet(&bytes, "items"), HOSTILE_CITY, items, "hostile items");
    let texts: Vec<String> = rows(&sheet(&bytes, "items"))
        .iter()
        .flatten()
        .filter_map(|c| c.get_string().map(str::to_string))
        .collect();
    for hostile in [HOSTILE_CITY, HOSTILE_QUALITY, HOSTILE_SOURCE] {
        assert!(texts.iter().any(|t| t == hostile), "{hostile} reads back unchanged");
    }
    assert_no_formulas(&bytes);
    // The city's cell carries Excel's quote prefix; an ordinary text cell does not.
    assert!(cell_style(&bytes, "A2").contains("quotePrefix=\"1\""));
    assert!(
        !cell_style(&bytes, "B2").contains("quotePrefix"),
        "a KPI code is plain text"
    );
}

/// The `<xf>` style of a cell of the first sheet.
fn cell_style(bytes: &[u8], cell: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).expect("zip");
    let mut read = |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .expect("part")
            .read_to_string(&mut text)
            .expect("text");
        text
    };
    let sheet = read("xl/worksheets/sheet1.xml");
    let styles = read("xl/styles.xml");
    let at = sheet.find(&format!("<c r=\"{cell}\"")).expect("cell");
    let tag = &sheet[at..at + sheet[at..].find('>').expect("tag end")];
    let style: usize = tag
        .split(" s=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map_or(0, |s| s.parse().expect("style index"));
    let xfs = &styles[styles.find("<cellXfs").expect("cellXfs")..];
    xfs.split("<xf ").nth(style + 1).expect("xf").to_string()
}

#[test]
fn the_index_workbook_holds_the_json_ranking() {
    let dir = tempfile::tempdir().expect("dir");
    let args = ["index", "--city", "Lakeside (fictional)", "--runs", "40", "--seed", "7"];
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let json = json_of(&json_args);
    let bytes = workbook_of(&args, dir.path(), "index.xlsx");
    let ranking = sheet(&bytes, "ranking");
    let header = header(&ranking);
    let col = |key: &str| header.iter().position(|h| h == key).expect(key);
    let cities = json["cities"].as_array().expect("cities");
    assert!(cities.len() >= 3, "fictional cities are ranked");
    for (row, city) in rows(&ranking).iter().skip(1).zip(cities) {
        let name = city["city"].as_str().expect("name");
        assert_cell(&row[col("city")], &city["city"], "city");
        for key in [
            "rank",
            "score",
            "median_rank",
            "q05_rank",
            "q95_rank",
            "p_top3",
            "driver",
            "coverage",
        ] {
            assert_cell(&row[col(key)], &city[key], &format!("{name} {key}"));
        }
        assert_cell(&row[col("driver_share")], &city["driver_share"], "driver share");
        for (dimension, scores) in city["dimensions"].as_object().expect("dimensions") {
            assert_cell(&row[col(&format!("{dimension} score"))], &scores["score"], dimension);
            assert_cell(&row[col(&format!("{dimension} rank"))], &scores["rank"], dimension);
        }
    }
    let about = rows(&sheet(&bytes, "about"));
    let setting = |key: &str| {
        about
            .iter()
            .find(|r| r[0] == Data::String(key.into()))
            .map(|r| r[1].clone())
    };
    assert_cell(&setting("seed").expect("seed"), &json["settings"]["seed"], "seed");
    assert_cell(&setting("runs").expect("runs"), &json["settings"]["runs"], "runs");
    assert_no_formulas(&bytes);
}

#[test]
fn a_workbook_needs_a_file() {
    let out = Command::new(env!("CARGO_BIN_EXE_cityprofile"))
        .args(["score", "--city", "Pully", "--format", "xlsx"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "a usage error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out <FILE>"));
    let out = Command::new(env!("CARGO_BIN_EXE_cityprofile"))
        .args(["score", "--all-cities", "--format", "json"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format csv or xlsx"));
}

/// Runs File > `entry`, writes the workbook to `path` and waits for the notice.
fn export_from_menu(h: &mut egui_kittest::Harness<'_, cityprofile::app::CityProfileApp>, entry: &str, path: &Path) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label(entry).click();
    choose_in_browser(h, path);
    crate::common::app::run_until(h, |app| !app.exporting_scores());
    h.run();
    let notices = &h.state().session.notices;
    let written = format!("to {}", path.display());
    assert!(
        notices.iter().any(|n| !n.error && n.text.contains(&written)),
        "{notices:?}"
    );
}

#[test]
fn the_app_exports_the_scores_of_the_city_shown_or_of_every_city() {
    let dir = tempfile::tempdir().expect("dir");
    let mut app = cityprofile::app::CityProfileApp::new(Default::default(), Default::default(), Default::default());
    app.session.prefs.builtin_file_browser = true;
    let mut h = crate::common::app::harness_with(app);
    h.run();
    let city = crate::common::app::city_name(&h);
    let one = dir.path().join("one.xlsx");
    export_from_menu(&mut h, "Export scores (this city)…", &one);
    let bytes = std::fs::read(&one).expect("written");
    let json = json_of(&["score", "--city", &city, "--format", "json"]);
    let items = json["items"].as_array().expect("items");
    assert_sheet_is_json(&sheet(&bytes, "items"), &city, items, "the app's items");
    assert_eq!(rows(&sheet(&bytes, "cities")).len(), 2, "one city");

    let all = dir.path().join("all.xlsx");
    export_from_menu(&mut h, "Export scores (every city)…", &all);
    let bytes = std::fs::read(&all).expect("written");
    let cities = h.state().workspace().expect("loaded").dataset.cities.len();
    assert_eq!(rows(&sheet(&bytes, "cities")).len(), cities + 1, "every city");
    assert_eq!(rows(&sheet(&bytes, "items")).len(), cities * items.len() + 1);
}
