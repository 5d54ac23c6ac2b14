//! Coded and text columns read back alike.

use super::*;

fn frame(columns: &[(&str, Vec<Option<String>>)]) -> DataFrame {
    let columns = columns
        .iter()
        .map(|(name, cells)| StringChunked::from_iter_options((*name).into(), cells.iter().cloned()).into_column())
        .collect();
    DataFrame::new_infer_height(columns).expect("frame")
}

fn cell(column: &Column, row: usize, starts: &[usize]) -> Option<String> {
    let chunk = starts.partition_point(|&s| s <= row) - 1;
    column.get(row, chunk, row - starts[chunk]).map(str::to_string)
}

/// Few distinct texts are coded, many stay text; a coded column that meets
/// too many turns back into text; every cell reads back as written.
#[test]
fn columns_are_coded_or_text_and_read_back_alike() {
    let file: std::sync::Arc<str> = std::sync::Arc::from("t.csv");
    let mut builder = TableBuilder::new(&file, vec!["city".into(), "value".into()], true);
    let mut expected: Vec<(Option<String>, Option<String>)> = Vec::new();
    for piece in 0..3 {
        let cities: Vec<Option<String>> = (0..40)
            .map(|i| match (piece, i % 10) {
                (_, 9) => None,
                // The last piece has a new city per row: more words, still coded.
                (2, _) => Some(format!("New {i}")),
                _ => Some(format!("City {}", i % 3)),
            })
            .collect();
        let values: Vec<Option<String>> = (0..40).map(|i| Some(format!("{}", piece * 40 + i))).collect();
        expected.extend(cities.iter().cloned().zip(values.iter().cloned()));
        let df = frame(&[("city", cities), ("value", values)]);
        if piece == 1 {
            assert!(
                matches!(builder.columns[0], Building::Codes { .. }),
                "3 cities in 40 rows are coded"
            );
            assert!(
                matches!(builder.columns[1], Building::Text(_)),
                "distinct values stay text"
            );
        }
        builder.push(df).expect("push");
        if piece == 2 {
            let Building::Codes { words, .. } = &builder.columns[0] else {
                unreachable!("coded while under the limit");
            };
            assert_eq!(words.len(), 3 + 36);
        }
    }
    let height = builder.height;
    let (_, columns, starts) = builder.finish();
    assert_eq!((height, *starts.last().expect("height")), (120, 120));
    for (row, (city, value)) in expected.iter().enumerate() {
        assert_eq!(&cell(&columns[0], row, &starts), city, "row {row}");
        assert_eq!(&cell(&columns[1], row, &starts), value, "row {row}");
    }
    assert_eq!(columns[0].code(9), Some(EMPTY), "an empty cell");
    assert_eq!(columns[1].code(0), None, "a text column has no codes");
}

#[test]
fn a_coded_column_over_the_limit_turns_into_text() {
    let texts = |range: std::ops::Range<usize>| {
        StringChunked::from_iter_options("c".into(), range.map(|i| Some(format!("t{}", i % 50))))
    };
    let mut column = Building::Undecided;
    column.push(Cells::Frame(&texts(0..400)), "c", true).expect("push");
    assert!(matches!(column, Building::Codes { .. }));
    if let Building::Codes { words, .. } = &column {
        assert_eq!(words.len(), 50);
    }
    // Another 2,000 distinct texts, one per row: forced into text by a small limit.
    let many = StringChunked::from_iter_options("c".into(), (0..2000).map(|i| Some(format!("u{i}"))));
    assert!(!column.encode_with_limit(&many, 100));
    column.decode_then_append(&many).expect("append");
    let Building::Text(ca) = &column else {
        unreachable!("turned into text");
    };
    assert_eq!(ca.len(), 2400);
    assert_eq!(ca.get(399), Some("t49"));
    assert_eq!(ca.get(400), Some("u0"));
    assert_eq!(ca.get(2399), Some("u1999"));
}

/// Long texts repeated by view (as Parquet's dictionary columns decode) and
/// long texts each with its own bytes (as CSV parses) code alike.
#[test]
fn long_texts_code_alike_by_view_or_by_bytes() {
    let dictionary =
        StringChunked::from_iter_values("kpi".into(), ["EC: ICT: ICT: 1C", "EN: EN: AQ: 1C (PM2.5)"].into_iter());
    let picks: Vec<IdxSize> = (0..20_000).map(|i| (i % 7 % 2) as IdxSize).collect();
    let by_view = dictionary.take(&IdxCa::from_vec("i".into(), picks)).expect("take");
    let by_bytes = StringChunked::from_iter_values("kpi".into(), by_view.iter().map(|t| t.unwrap_or("").to_string()));
    for ca in [by_view, by_bytes] {
        let mut column = Building::Undecided;
        column.push(Cells::Frame(&ca), "kpi", true).expect("push");
        let Building::Codes { codes, words, .. } = column else {
            unreachable!("two texts in 20,000 rows are coded");
        };
        assert_eq!(words.len(), 2);
        for (row, text) in ca.iter().enumerate() {
            assert_eq!(words.get(codes[row] as usize).map(|w| &**w), text, "row {row}");
        }
    }
}
