//! Bad files and bad rows: each gives its message where it is, nothing panics,
//! and good rows still load.

use crate::common::*;
use cityprofile::import::Severity;
use cityprofile::model::Value;

fn one_file_error(name: &str, bytes: &[u8], needle: &str) {
    let loaded = load_bytes(name, bytes);
    let errs = errors(&loaded);
    assert_eq!(errs.len(), 1, "{name}: {:#?}", loaded.report.problems);
    assert!(errs[0].message.contains(needle), "{name}: {}", errs[0].message);
    assert!(errs[0].hint.is_some(), "every file error says what to do");
    assert!(errs[0].file.ends_with(name));
    assert!(loaded.dataset.observations.is_empty());
}

#[test]
fn unreadable_files_are_one_clear_error() {
    one_file_error("empty.csv", b"", "empty");
    one_file_error("blank.csv", b"\n\n  \n", "empty");
    one_file_error("image.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "an image");
    one_file_error("doc.csv", b"%PDF-1.7\n\0binary", "a PDF document");
    one_file_error("random.bin", &[0u8, 159, 146, 150, 0, 1, 2, 3], "binary data");
    one_file_error(
        "values.xlsx",
        b"city,year,kpi,value\nA,2020,EC: ICT: ICT: 1C,5\n",
        "not a complete xlsx file",
    );
    one_file_error("values.parquet", b"PAR1garbage", "Parquet");
    one_file_error("values.json", b"[{\"city\": \"A\",", "JSON is not valid");
    one_file_error("values.json", b"{\"city\": \"A\"}", "not an array of records");
    let book = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/book.xlsx"))
        .expect("fixture");
    one_file_error("truncated.xlsx", &book[..book.len() / 2], "cannot be opened");
}

#[test]
fn missing_paths_and_devices_are_errors_not_hangs() {
    let loaded = load_path(std::path::Path::new("/no/such/file.csv"));
    assert_problem(&loaded, Severity::Error, None, "cannot open the file");
    let loaded = load_path(std::path::Path::new("/dev/zero"));
    assert_problem(&loaded, Severity::Error, None, "not a regular file");
}

#[test]
fn a_workbook_named_csv_is_read_as_a_workbook_with_a_warning() {
    let book = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/book.xlsx"))
        .expect("fixture");
    let loaded = load_bytes("values.csv", &book);
    assert_problem(
        &loaded,
        Severity::Warning,
        None,
        "named .csv but holds a spreadsheet workbook",
    );
    assert_eq!(
        value(&loaded, "Testville", Some(2020), "EC: ICT: ICT: 2C", None),
        Some(Value::Number(44.8))
    );
}

#[test]
fn unknown_kpi_suggests_the_nearest() {
    let loaded = load_bytes(
        "values.csv",
        b"city,year,kpi,value\nA,2020,EC:ICT:ICT:9C,3\nA,2020,Houshold Internet Acess,50\nA,2020,EC: ICT: ICT: 2C,44\n",
    );
    assert_problem(
        &loaded,
        Severity::Error,
        Some(2),
        "unknown KPI 'EC:ICT:ICT:9C'; did you mean EC: ICT: ICT: 5C (Availability of WIFI in Public Areas)?",
    );
    assert_problem(
        &loaded,
        Severity::Error,
        Some(3),
        "did you mean EC: ICT: ICT: 1C (Household Internet Access)?",
    );
    let p = loaded
        .report
        .problems
        .iter()
        .find(|p| p.row == Some(2))
        .expect("problem");
    assert_eq!(
        (p.column.as_deref(), p.text.as_deref()),
        (Some("kpi"), Some("EC:ICT:ICT:9C"))
    );
    assert_eq!(loaded.dataset.observations.len(), 1, "the good row still loads");
}

#[test]
fn data_points_are_checked() {
    let text = "city,year,kpi,data_point,value\nA,2020,EN: EN: AQ: 1C,,12\nA,2020,EN: EN: AQ: 1C,PM1,12\nA,2020,EC: ICT: ICT: 1C,3G,90\nA,2020,EN: EN: AQ: 1C,pm 2.5,12\n";
    let loaded = load_bytes("values.csv", text.as_bytes());
    assert_problem(
        &loaded,
        Severity::Error,
        Some(2),
        "is reported per data point, but no data point is given",
    );
    assert_problem(&loaded, Severity::Error, Some(3), "unknown data point 'PM1'");
    assert_problem(
        &loaded,
        Severity::Warning,
        Some(4),
        "has no data points; '3G' is ignored",
    );
    assert_eq!(loaded.dataset.observations.len(), 2);
}

#[test]
fn conflicting_duplicates_name_both_rows() {
    let text = "city,year,kpi,value\nA,2020,EC: ICT: ICT: 1C,50\nA,2020,EC: ICT: ICT: 1C,50\nA,2020,household internet access,60\n";
    let loaded = load_bytes("values.csv", text.as_bytes());
    assert_problem(
        &loaded,
        Severity::Warning,
        Some(3),
        "A, EC: ICT: ICT: 1C (Household Internet Access), 2020: the same value 50 as in row 2",
    );
    let conflict = loaded
        .report
        .problems
        .iter()
        .find(|p| p.severity == Severity::Error)
        .expect("conflict");
    assert_eq!(conflict.row, Some(4));
    assert!(
        conflict.message.contains("2020: 60 here conflicts with 50 in row 2")
            && conflict.message.contains("50")
            && conflict.message.contains("60"),
        "{}",
        conflict.message
    );
    assert_eq!(
        value(&loaded, "A", Some(2020), "EC: ICT: ICT: 1C", None),
        Some(Value::Number(50.0))
    );
}

#[test]
fn suspicious_values_are_warnings_and_still_load() {
    let text = "city,year,kpi,value,unit\nA,2020,EC: ICT: ICT: 1C,130,%\nA,2020,SC: SH: SA: 8C,-4,per 100 000 inhabitants\nA,2020,EC: ICT: ICT: 2C,45,per 100 000 inhabitants\nA,2020,SC: SH: SA: 9C,5 %,\n";
    let loaded = load_bytes("values.csv", text.as_bytes());
    assert!(errors(&loaded).is_empty(), "{:#?}", loaded.report.problems);
    assert_problem(&loaded, Severity::Warning, Some(2), "outside 0-100");
    assert_problem(&loaded, Severity::Warning, Some(3), "negative");
    assert_problem(
        &loaded,
        Severity::Warning,
        Some(4),
        "unit 'per 100 000 inhabitants' differs",
    );
    assert_problem(&loaded, Severity::Warning, Some(5), "has a % sign");
    assert_eq!(loaded.dataset.observations.len(), 4);
}

#[test]
fn bad_cells_are_errors_with_their_place() {
    let text = "city,year,kpi,value,verified\n,2020,EC: ICT: ICT: 1C,5,\nA,20x0,EC: ICT: ICT: 1C,5,\nA,2020,EC: ICT: ICT: 1C,five,\nA,2020,SC: SH: SA: 3A,1,\nA,2020,EC: ICT: ICT: 2C,Yes,\nA,2021,EC: ICT: ICT: 2C,40,maybe\n";
    let loaded = load_bytes("values.csv", text.as_bytes());
    assert_problem(&loaded, Severity::Error, Some(2), "the city is missing");
    assert_problem(&loaded, Severity::Error, Some(3), "'20x0' is not a year");
    assert_problem(&loaded, Severity::Error, Some(4), "'five' is not a number");
    assert_problem(&loaded, Severity::Error, Some(5), "is a yes/no KPI");
    assert_problem(&loaded, Severity::Error, Some(6), "takes a number");
    assert_problem(&loaded, Severity::Warning, Some(7), "verified should be Yes or No");
    assert_eq!(loaded.dataset.observations.len(), 1);
}

#[test]
fn ragged_rows_are_warned_and_read() {
    let loaded = load_bytes(
        "values.csv",
        b"city,year,kpi,value\nA,2020,EC: ICT: ICT: 1C,5,extra\nA,2020,EC: ICT: ICT: 2C\n",
    );
    assert_problem(
        &loaded,
        Severity::Warning,
        Some(2),
        "row has 5 fields but the header has 4",
    );
    assert_problem(&loaded, Severity::Warning, Some(3), "row has 3 fields");
    assert_eq!(
        value(&loaded, "A", Some(2020), "EC: ICT: ICT: 1C", None),
        Some(Value::Number(5.0))
    );
    assert_eq!(
        value(&loaded, "A", Some(2020), "EC: ICT: ICT: 2C", None),
        Some(Value::NotReported)
    );
}

#[test]
fn unrecognised_tables_and_bad_targets() {
    let loaded = load_bytes("stuff.csv", b"alpha,beta\n1,2\n");
    assert_problem(
        &loaded,
        Severity::Warning,
        None,
        "ignored: not a values, targets or cities table",
    );
    let text = "kpi,target,worst,direction\nEC: ICT: ICT: 1C,abc,,\nEC: ICT: ICT: 1C,90,,sideways\nSC: SH: HO: 1C,0,,\nEC: P: EM: 3A,5,,\nSC: SH: SA: 3A,80,,\nEC: ICT: ICT: 1C,90,x,\nEC: ICT: ICT: 1C,95,,\n";
    let loaded = load_bytes("targets.csv", text.as_bytes());
    assert_problem(&loaded, Severity::Error, Some(2), "'abc' is not a usable target");
    assert_problem(&loaded, Severity::Error, Some(3), "unknown direction 'sideways'");
    assert_problem(&loaded, Severity::Error, Some(4), "needs a worst value");
    assert_problem(&loaded, Severity::Error, Some(5), "no known direction");
    assert_problem(&loaded, Severity::Error, Some(6), "is a yes/no KPI");
    assert_problem(&loaded, Severity::Error, Some(7), "worst value 'x' is not a number");
    assert_eq!(loaded.targets.general_count(), 1);
}

/// A targets row that resolves with a caveat keeps its target and reports the
/// caveat (the resolver's warnings were dropped for targets files).
#[test]
fn target_rows_keep_the_resolver_warnings() {
    let text = "kpi,data_point,target,source\nEC: ICT: ICT: 2C,PM2.5,60,U4SSC\n";
    let loaded = load_bytes("targets.csv", text.as_bytes());
    assert_problem(
        &loaded,
        Severity::Warning,
        Some(2),
        "has no data points; 'PM2.5' is ignored",
    );
    assert_eq!(loaded.targets.general_count(), 1, "the target is still used");
}

/// A header and nothing else (with or without a final line break) is an empty
/// table with a warning, not an unreadable file.
#[test]
fn a_header_without_rows_is_an_empty_table() {
    for text in ["city,year,kpi,value\n", "city,year,kpi,value"] {
        let loaded = load_bytes("values.csv", text.as_bytes());
        assert_eq!(loaded.report.error_count(), 0, "{:#?}", loaded.report.problems);
        assert_problem(
            &loaded,
            Severity::Warning,
            None,
            "the table has a header but no data rows",
        );
        assert_eq!(loaded.report.tables[0].headers, ["city", "year", "kpi", "value"]);
    }
}

#[test]
fn many_bad_rows_are_counted_not_all_listed() {
    let mut text = String::from("city,year,kpi,value\n");
    for i in 0..2000 {
        text.push_str(&format!("A,{},EC: ICT: ICT: 1C,bad\n", 1900 + i % 200));
    }
    let loaded = load_bytes("values.csv", text.as_bytes());
    let report = &loaded.report;
    assert_eq!(report.error_count(), 2000);
    // One kind: its first problems are listed in full, the rest kept as kind + row.
    let max = cityprofile::import::MAX_LISTED_PER_KIND;
    assert_eq!(report.problems.len(), max);
    assert_eq!(report.kinds.kinds.len(), 1);
    let kind = &report.kinds.kinds[0];
    assert_eq!(
        (kind.kind.as_str(), kind.count, kind.rows),
        ("not a number", 2000, Some((2, 2001)))
    );
    assert_eq!(kind.column.as_deref(), Some("value"));
    assert_eq!(report.kinds.repeats.len(), 2000 - max);
    let rows: Vec<u32> = report.kinds.repeats.iter().map(|r| r.row).collect();
    assert_eq!(
        rows,
        ((max as u32 + 2)..2002).collect::<Vec<u32>>(),
        "every row kept, in order"
    );
    assert!(report.unlisted.is_empty());
}

/// Bytes a fuzzer would try: cut files, stray quotes, random bytes in each format.
#[test]
fn no_input_panics() {
    let catalogue = catalogue();
    let seeds: Vec<Vec<u8>> = vec![
        b"city,year,kpi,value\nA,2020,EC: ICT: ICT: 1C,5\n".to_vec(),
        b"\"\"\"\n\"".to_vec(),
        b"city;year;kpi;value\n\"A;2020\n".to_vec(),
        b"[{\"city\":[1,2]}]".to_vec(),
        b"[1,2,3]".to_vec(),
        b"[]".to_vec(),
        b"PAR1".to_vec(),
        b"PK\x03\x04".to_vec(),
        b"\xD0\xCF\x11\xE0".to_vec(),
        b"\xFF\xFE\x00".to_vec(),
        b"city,city,city\n,,\n".to_vec(),
        b",,,\n,,,\n".to_vec(),
    ];
    let mut state = 7u64;
    let mut next = || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (state >> 33) as usize
    };
    for seed in &seeds {
        for name in ["f.csv", "f.json", "f.xlsx", "f.parquet", "f.txt"] {
            for cut in 0..4 {
                let mut bytes = seed.clone();
                bytes.truncate(bytes.len() * (4 - cut) / 4);
                if cut == 3 && !bytes.is_empty() {
                    let i = next() % bytes.len();
                    bytes[i] = (next() % 256) as u8;
                }
                let input = cityprofile::import::Input::Bytes {
                    name: name.into(),
                    bytes: bytes.clone().into(),
                };
                let loaded = cityprofile::import::load(&catalogue, &[input], &mut |_, _, _| {});
                // A reader's panic is caught and reported; it must not happen at all.
                let caught = loaded
                    .report
                    .problems
                    .iter()
                    .find(|p| p.message.contains("the reader failed"));
                assert!(caught.is_none(), "a reader panicked on {name} {bytes:?}: {caught:?}");
            }
        }
    }
}

/// Found by `cargo fuzz run workbook`: workbooks that make calamine 0.38's
/// arithmetic overflow: a cell reference whose row number does not fit in 32 bits
/// (a multiplication), a sheet dimension whose end comes before its start (a
/// subtraction). With overflow checks (debug builds, the fuzzer) calamine panics,
/// which the import catches and reports; in release builds the numbers wrap and
/// calamine reports a bad range or sheet. Either way the file is a clear error
/// and nothing else is harmed.
#[test]
fn fuzz_crashes_in_workbooks_are_clear_errors() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    for name in [
        "xlsx-cell-reference-overflow.xlsx",
        "xlsx-dimension-end-before-start.xlsx",
    ] {
        let loaded = load_path(&dir.join(name));
        assert!(loaded.report.error_count() > 0, "{name}");
        let clear = errors(&loaded).iter().any(|p| {
            ["the reader failed", "the sheet cannot be read", "no sheet with data"]
                .iter()
                .any(|m| p.message.contains(m))
        });
        assert!(clear, "{name}: {:#?}", loaded.report.problems);
    }
}
