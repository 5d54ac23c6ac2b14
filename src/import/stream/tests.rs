use std::io::Cursor;

use polars::prelude::*;

use super::*;
use crate::import::{ColumnMapping, ColumnRole, default_catalogue, finish, load_with};
use crate::model::TargetSet;

fn catalogue() -> Catalogue {
    default_catalogue().expect("the bundled catalogue")
}

/// A long table with every kind of record the table path has something to say
/// about, between quiet ones: errors and warnings of every row check (many of
/// one kind, so most are counted rather than listed), cities first met in an
/// odd record, names differing only in case, blank records, `\r\n`, a repeated
/// value, and a last line without a line break.
fn noisy_text() -> String {
    let catalogue = catalogue();
    let mut text = String::from("city,year,kpi,data_point,value\n");
    for city in 0..12 {
        for year in [2023, 2024] {
            for (k, id) in catalogue.items_in_order().into_iter().enumerate() {
                let code = &catalogue.kpi_of(id).code;
                let data_point = catalogue.items[id.0].data_point.as_deref().unwrap_or("");
                let value = match catalogue.items[id.0].unit_kind {
                    crate::model::UnitKind::YesNo => "Yes".to_string(),
                    _ => format!("{}.{}", (city * 7 + k) % 90, year % 10),
                };
                text.push_str(&format!("City {city:04},{year},{code},{data_point},{value}\n"));
            }
        }
    }
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
        let odd = format!("Odd {}", i / 50);
        let new = format!("New {}", i / 40);
        let changes: &[(usize, &str)] = match (i > 0).then_some(i % 23) {
            Some(1) => &[(4, "abc")],
            Some(2) => &[(2, "EC: ICT: ICT: 99Z")],
            Some(3) => &[(0, "")],
            Some(4) => &[(0, "  ")],
            Some(5) => &[(1, "20x0")],
            Some(6) => &[(1, "")],
            Some(7) => &[(4, "Yes")],
            Some(8) => &[(4, " 12.5 ")],
            Some(9) => &[(4, "85 %")],
            Some(10) => &[(4, "150")],
            Some(11) => &[(3, "bogus")],
            Some(12) => &[(4, "-5")],
            Some(13) => &[(0, &odd), (4, "abc")],
            Some(14) => &[(0, &odd)],
            Some(15) => &[(0, &new)],
            Some(16) => &[(4, "NR")],
            Some(17) => &[(4, "")],
            _ => &[],
        };
        for (c, text) in changes {
            cells[*c] = text.to_string();
        }
        if i % 23 == 18 {
            cells[0] = cells[0].to_lowercase();
        }
        out.push_str(&cells.join(","));
        out.push_str(if i % 17 == 0 { "\r\n" } else { "\n" });
        if i % 101 == 7 {
            out.push('\n');
        }
        if i % 103 == 9 {
            out.push_str(",,,,\n");
        }
    }
    let first: Vec<&str> = text.lines().nth(1).expect("a record").split(',').collect();
    out.push_str(&format!("{},{},{},{},12345\n", first[0], first[1], first[2], first[3]));
    out.push_str("City 0001,2024,EC: ICT: ICT: 1C,,56");
    out
}

fn by_table(text: &str, name: &str, defaults: &TableDefaults) -> Loaded {
    let input = Input::Bytes {
        name: name.into(),
        bytes: Arc::from(text.as_bytes()),
    };
    load_with(&catalogue(), &[input], defaults, &mut |_, _, _| {})
}

fn by_stream(text: &str, name: &str, defaults: &TableDefaults, block: usize) -> Option<Loaded> {
    let catalogue = catalogue();
    let source = Cursor::new(text.as_bytes());
    let streamed = read_long_text(&catalogue, source, (name, text.len() as u64), defaults, block)?;
    let mut report = ImportReport::default();
    let builder = streamed.adopt(&mut report);
    Some(finish(builder.dataset, TargetSet::default(), report))
}

use super::super::Loaded;

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("JSON")
}

/// Read in one pass, in blocks of any size, the noisy table gives the table
/// path's dataset (cities in the same order, observations in the same order
/// and rows) and report (every problem, its row, text and message), to the letter.
#[test]
fn one_pass_gives_the_table_paths_dataset_and_report() {
    let text = noisy_text();
    let defaults = TableDefaults::default();
    let table = by_table(&text, "values.csv", &defaults);
    assert!(table.report.error_count() > 100 && table.report.warning_count() > 20);
    assert!(
        !table.report.kinds.repeats.is_empty(),
        "some problems are counted, not listed"
    );
    assert!(table.dataset.cities.iter().any(|c| c.name.starts_with("Odd")));
    for block in [1, 7, 64, 1000, 1 << 20] {
        let stream = by_stream(&text, "values.csv", &defaults, block).expect("a plain long table");
        assert_eq!(
            json(&stream.dataset),
            json(&table.dataset),
            "dataset, blocks of {block} bytes"
        );
        assert_eq!(
            json(&stream.report),
            json(&table.report),
            "report, blocks of {block} bytes"
        );
        let (s, t) = (&stream.report.tables[0], &table.report.tables[0]);
        assert_eq!((&s.headers, &s.sample), (&t.headers, &t.sample));
    }
}

/// A semicolon file with decimal commas, a byte-order mark and no data-point
/// column reads the same both ways.
#[test]
fn semicolons_decimal_commas_and_a_bom_read_alike() {
    let mut text = String::from("\u{feff}City;Year;KPI;Value\r\n");
    for (i, value) in ["12,5", "7", "abc", "1.234,5", "NR", "-3", "150"].iter().enumerate() {
        text.push_str(&format!("Pully;202{i};EN: EN: WS: 1C;{value}\r\n"));
        text.push_str(&format!("Sion;202{i};EC: ICT: ICT: 1C;{value}\r\n"));
    }
    let defaults = TableDefaults::default();
    let table = by_table(&text, "values.csv", &defaults);
    assert!(table.dataset.observations.len() > 8);
    for block in [5, 40, 1 << 20] {
        let stream = by_stream(&text, "values.csv", &defaults, block).expect("a plain long table");
        assert_eq!(json(&stream.dataset), json(&table.dataset));
        assert_eq!(json(&stream.report), json(&table.report));
    }
}

/// Anything the one pass does not read (found in the header or late in the
/// file) leaves the file to the table path.
#[test]
fn files_that_are_not_plain_go_to_the_table_path() {
    let text = noisy_text();
    let defaults = TableDefaults::default();
    let late = |tail: &[u8]| {
        let mut bytes = text.clone().into_bytes();
        bytes.extend_from_slice(b"\n");
        bytes.extend_from_slice(tail);
        bytes
    };
    for (why, bytes) in [
        ("a quote at the end", late(b"\"Sion, VS\",2020,EC: ICT: ICT: 1C,,5\n")),
        (
            "a record with another number of fields",
            late(b"Sion,2020,EC: ICT: ICT: 1C,,5,extra\n"),
        ),
        (
            "bytes that are not UTF-8",
            late(b"Z\xfcrich,2020,EC: ICT: ICT: 1C,,5\n"),
        ),
        ("another column", format!("unit,{text}").into_bytes()),
        ("a title line", format!("KPI export 2024\n{text}").into_bytes()),
        ("no year column", "city,kpi,value\nSion,EC: ICT: ICT: 1C,5\n".into()),
        ("a header and no records", b"city,year,kpi,data_point,value\n".to_vec()),
    ] {
        let catalogue = catalogue();
        let source = Cursor::new(&bytes[..]);
        let streamed = read_long_text(&catalogue, source, ("values.csv", bytes.len() as u64), &defaults, 256);
        assert!(streamed.is_none(), "{why}");
    }
    let mapped = TableDefaults {
        mappings: vec![ColumnMapping {
            file: "values.csv".into(),
            sheet: None,
            roles: vec![("city".into(), ColumnRole::City)],
            city: None,
            year: None,
        }],
        ..TableDefaults::default()
    };
    assert!(by_stream(&text, "values.csv", &mapped, 256).is_none(), "a mapped file");
    assert!(
        by_stream(&text, "targets.csv", &defaults, 256).is_none(),
        "named as targets"
    );
    assert!(
        by_stream(&text, "values.csv", &defaults, 256).is_some(),
        "the same text, plain"
    );
}

/// The noisy table as Parquet (text columns, small row groups so that slices
/// and chunks fall anywhere).
fn noisy_parquet(text: &str) -> Vec<u8> {
    let mut df = CsvReadOptions::default()
        .with_infer_schema_length(Some(0))
        .into_reader_with_file_handle(Cursor::new(text.as_bytes()))
        .finish()
        .expect("read back");
    let mut bytes = Vec::new();
    ParquetWriter::new(&mut bytes)
        .with_row_group_size(Some(97))
        .finish(&mut df)
        .expect("written");
    bytes
}

/// Read slice by slice, a Parquet long table gives the table path's dataset and
/// report, to the letter, whatever the slice size.
#[test]
fn parquet_slice_by_slice_gives_the_table_paths_dataset_and_report() {
    let bytes = noisy_parquet(&noisy_text());
    let input = Input::Bytes {
        name: "values.parquet".into(),
        bytes: Arc::from(&bytes[..]),
    };
    let defaults = TableDefaults::default();
    let table = load_with(&catalogue(), &[input], &defaults, &mut |_, _, _| {});
    assert!(table.report.error_count() > 100 && !table.report.kinds.repeats.is_empty());
    for slice in [1, 50, 500, 1 << 20] {
        let catalogue = catalogue();
        let streamed = frame::read_long_frame_in(&catalogue, ("values.parquet", &bytes), &defaults, (slice, 1))
            .expect("a plain long table");
        let mut report = ImportReport::default();
        let builder = streamed.adopt(&mut report);
        let stream = finish(builder.dataset, TargetSet::default(), report);
        assert_eq!(
            json(&stream.dataset),
            json(&table.dataset),
            "dataset, slices of {slice} rows"
        );
        assert_eq!(
            json(&stream.report),
            json(&table.report),
            "report, slices of {slice} rows"
        );
        let (s, t) = (&stream.report.tables[0], &table.report.tables[0]);
        assert_eq!((&s.headers, &s.sample, s.rows), (&t.headers, &t.sample, t.rows));
    }
    // Typed columns (a number column) and smaller files go through the table path.
    let catalogue = catalogue();
    let few = frame::read_long_frame_in(&catalogue, ("values.parquet", &bytes), &defaults, (500, 1 << 20));
    assert!(few.is_none(), "fewer rows than the threshold");
    let mut df =
        df!("city" => ["Sion"], "year" => ["2020"], "kpi" => ["EC: ICT: ICT: 1C"], "value" => [5.0]).expect("frame");
    let mut typed = Vec::new();
    ParquetWriter::new(&mut typed).finish(&mut df).expect("written");
    let typed = frame::read_long_frame_in(&catalogue, ("values.parquet", &typed), &defaults, (500, 1));
    assert!(typed.is_none(), "a number column");
}
