use std::io::Cursor;

use polars::prelude::*;

use super::*;
use crate::import::{
    ColumnMapping, ColumnRole, ImportReport, Input, TableDefaults, default_catalogue, finish, load_with,
};
use crate::model::Catalogue;
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
                let data_point = catalogue.items[id.index()].data_point.as_deref().unwrap_or("");
                let value = match catalogue.items[id.index()].unit_kind {
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
            // Years at and past the edges (also as integer columns).
            Some(19) => &[(1, "2201")],
            Some(20) => &[(1, "1799")],
            Some(21) => &[(1, "1800")],
            Some(22) => &[(1, "2200")],
            _ => &[],
        };
        for (c, text) in changes {
            cells[*c] = text.to_string();
        }
        if i % 23 == 18 {
            cells[0] = cells[0].to_lowercase();
        }
        // A period of two years in the year column: read as its first, and said.
        if i % 29 == 5 && cells[1] == "2023" {
            cells[1] = "2023-24".into();
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
    Some(finish(&catalogue, (builder.dataset, &[]), TargetSet::default(), report))
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

/// The noisy table as a frame of text columns.
fn noisy_frame(text: &str) -> DataFrame {
    CsvReadOptions::default()
        .with_infer_schema_length(Some(0))
        .into_reader_with_file_handle(Cursor::new(text.as_bytes()))
        .finish()
        .expect("read back")
}

/// A frame as Parquet, in small row groups so that slices and chunks fall anywhere.
fn parquet_of(mut df: DataFrame) -> Vec<u8> {
    let mut bytes = Vec::new();
    ParquetWriter::new(&mut bytes)
        .with_row_group_size(Some(97))
        .finish(&mut df)
        .expect("written");
    bytes
}

/// The noisy table as Parquet (text columns).
fn noisy_parquet(text: &str) -> Vec<u8> {
    parquet_of(noisy_frame(text))
}

/// The noisy table with typed columns, as pandas or polars would write it: the
/// years as `year_type` (a bad year becomes null), the values as floats (a
/// value that is not a number becomes null; now and then NaN, an infinity,
/// -0, a huge or a tiny number).
fn typed_parquet(text: &str, year_type: &DataType) -> Vec<u8> {
    let df = noisy_frame(text);
    let year = df.column("year").expect("year").cast(year_type).expect("years");
    let specials = [f64::NAN, f64::INFINITY, -0.0, 1e20, 1e-7, 0.1 + 0.2, 2.5e-3];
    let texts = df.column("value").expect("value").str().expect("text").clone();
    let values: Vec<Option<f64>> = (texts.iter())
        .enumerate()
        .map(|(i, v)| match i % 41 {
            40 => Some(specials[(i / 41) % specials.len()]),
            _ => v.and_then(|v| v.parse::<f64>().ok()),
        })
        .collect();
    let mut df = df;
    df.with_column(year).expect("year column");
    df.with_column(Column::new("value".into(), values))
        .expect("value column");
    parquet_of(df)
}

/// The frame path's dataset and report equal the table path's, to the letter,
/// for every slice size.
fn assert_frame_path_is_table_path(bytes: &[u8], what: &str) {
    let input = Input::Bytes {
        name: "values.parquet".into(),
        bytes: Arc::from(bytes),
    };
    let defaults = TableDefaults::default();
    let table = load_with(&catalogue(), &[input], &defaults, &mut |_, _, _| {});
    assert!(table.report.error_count() > 100 && !table.report.kinds.repeats.is_empty());
    for slice in [1, 50, 500, 1 << 20] {
        let catalogue = catalogue();
        let streamed = frame::read_long_frame_in(&catalogue, ("values.parquet", bytes), &defaults, (slice, 1))
            .expect("a plain long table");
        let mut report = ImportReport::default();
        let builder = streamed.adopt(&mut report);
        let stream = finish(&catalogue, (builder.dataset, &[]), TargetSet::default(), report);
        let at = format!("{what}, slices of {slice} rows");
        assert_eq!(json(&stream.dataset), json(&table.dataset), "dataset, {at}");
        assert_eq!(json(&stream.report), json(&table.report), "report, {at}");
        let (s, t) = (&stream.report.tables[0], &table.report.tables[0]);
        assert_eq!((&s.headers, &s.sample, s.rows), (&t.headers, &t.sample, t.rows), "{at}");
    }
}

/// Read slice by slice, a Parquet long table gives the table path's dataset and
/// report, to the letter, whatever the slice size and whether its columns are
/// text or numbers.
#[test]
fn parquet_slice_by_slice_gives_the_table_paths_dataset_and_report() {
    let text = noisy_text();
    assert_frame_path_is_table_path(&noisy_parquet(&text), "text columns");
    for year_type in [DataType::Int32, DataType::Int64, DataType::UInt32] {
        let bytes = typed_parquet(&text, &year_type);
        assert_frame_path_is_table_path(&bytes, &format!("{year_type:?} years, f64 values"));
    }
    // Other column types and smaller files go through the table path.
    let catalogue = catalogue();
    let defaults = TableDefaults::default();
    let bytes = noisy_parquet(&text);
    let few = frame::read_long_frame_in(&catalogue, ("values.parquet", &bytes), &defaults, (500, 1 << 20));
    assert!(few.is_none(), "fewer rows than the threshold");
    let years = ["2020"];
    let (kpi, city) = (["EC: ICT: ICT: 1C"], ["Sion"]);
    for df in [
        df!("city" => city, "year" => years, "kpi" => kpi, "value" => [5.0f32]),
        df!("city" => city, "year" => [2020u64], "kpi" => kpi, "value" => [5.0]),
        df!("city" => city, "year" => years, "kpi" => kpi, "value" => [true]),
    ] {
        let bytes = parquet_of(df.expect("frame"));
        let other = frame::read_long_frame_in(&catalogue, ("values.parquet", &bytes), &defaults, (500, 1));
        assert!(other.is_none(), "an f32, u64 or boolean column");
    }
    let bytes = parquet_of(df!("city" => city, "year" => [2020i32], "kpi" => kpi, "value" => [5.0]).expect("frame"));
    let typed = frame::read_long_frame_in(&catalogue, ("values.parquet", &bytes), &defaults, (500, 1));
    assert_eq!(
        typed.map(|t| t.summary.sample),
        Some(vec!["Sion".into(), "2020".into(), kpi[0].into(), "5.0".into()])
    );
}

/// Random damage to a small table (quotes, separators, line breaks, `\r`, bytes
/// that are not UTF-8, digits, letters, cut lines): the one pass never panics,
/// and whenever it takes the file, it gives the table path's dataset and report.
#[test]
fn damaged_text_is_taken_alike_or_left_to_the_table_path() {
    let base: String = noisy_text().lines().take(150).map(|l| format!("{l}\n")).collect();
    let pieces: [&[u8]; 10] = [b"\"", b",", b"\n", b"\r", b"\xff", b"7", b"x", b";", b"\n\n", b",,,,"];
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let defaults = TableDefaults::default();
    let mut taken = 0;
    for case in 0..150 {
        let mut bytes = base.clone().into_bytes();
        for _ in 0..1 + next(4) {
            let at = (32 + next(bytes.len().saturating_sub(32).max(1))).min(bytes.len());
            match next(3) {
                0 => bytes.truncate(at),
                _ => {
                    let piece = pieces[next(pieces.len())];
                    bytes.splice(at..at, piece.iter().copied());
                }
            }
        }
        let catalogue = catalogue();
        let source = Cursor::new(&bytes[..]);
        let Some(streamed) = read_long_text(&catalogue, source, ("values.csv", bytes.len() as u64), &defaults, 64)
        else {
            continue;
        };
        taken += 1;
        let mut report = ImportReport::default();
        let builder = streamed.adopt(&mut report);
        let stream = finish(&catalogue, (builder.dataset, &[]), TargetSet::default(), report);
        let input = Input::Bytes {
            name: "values.csv".into(),
            bytes: Arc::from(&bytes[..]),
        };
        let table = load_with(&catalogue, &[input], &defaults, &mut |_, _, _| {});
        assert_eq!(json(&stream.dataset), json(&table.dataset), "dataset, case {case}");
        assert_eq!(json(&stream.report), json(&table.report), "report, case {case}");
    }
    assert!(taken > 20, "much damage leaves a plain table: {taken} of 150 taken");
}
