//! One problem, one message: a years-as-columns row's own cells (its city, its
//! KPI) are one problem for the row, not one per year; a value given twice is
//! one message naming its year and both places; a table that repeats another
//! is one message; and a melted table is summed up by the rows of its file.

use std::path::{Path, PathBuf};
use std::process::Command;

use cityprofile::import::{self, Input, Loaded, Severity};

use crate::common::{catalogue, errors, load_path, warnings, write_temp};

/// The cells of `tests/fixtures/layouts/years_once.xlsx`, as a CSV.
const YEARS: &str =
    "city,kpi,2019,2020\nAlpha,EC: ICT: ICT: 1C,90,91\nAlpha,EC: ICT: ICT: 9Z,5,6\nAlpha,EC: ICT: ICT: 2C,50,\n";

fn workbook() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/layouts/years_once.xlsx")
}

fn load_all(paths: &[&Path]) -> Loaded {
    let inputs: Vec<Input> = paths.iter().map(|p| Input::Path(p.to_path_buf())).collect();
    import::load(&catalogue(), &inputs, &mut |_, _, _| {})
}

/// One error for the row of the misspelled code, counted once, naming the years.
fn assert_one_kpi_error(loaded: &Loaded) {
    let errors = errors(loaded);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(loaded.report.error_count(), 1, "counted once");
    let error = errors[0];
    assert_eq!((error.row, error.column.as_deref()), (Some(3), Some("kpi")));
    assert!(
        error.message.contains("unknown KPI 'EC: ICT: ICT: 9Z'"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("its values for 2019, 2020 are left out"),
        "{}",
        error.message
    );
    assert_eq!(loaded.report.left_out_of("Alpha"), 2, "both of its values");
}

#[test]
fn a_misspelled_kpi_in_a_years_as_columns_row_is_one_error() {
    let (_dir, csv) = write_temp("years.csv", YEARS.as_bytes());
    assert_one_kpi_error(&load_path(&csv));
    assert_one_kpi_error(&load_path(&workbook()));
}

#[test]
fn a_melted_row_says_its_own_cells_once_and_its_values_by_their_year_column() {
    let text = "city,kpi_code,kpi_name,2019,2020\n\
                ,EC: ICT: ICT: 1C,Household Internet Access,90,91\n\
                Alpha,EC: ICT: ICT: 1C,Household Internet Acces,90,abc\n";
    let (_dir, csv) = write_temp("years.csv", text.as_bytes());
    let loaded = load_path(&csv);
    let said = |severity: Severity| -> Vec<(Option<usize>, Option<String>)> {
        let listed = loaded.report.problems.iter().filter(|p| p.severity == severity);
        listed.map(|p| (p.row, p.column.clone())).collect()
    };
    assert_eq!(
        said(Severity::Error),
        [(Some(2), Some("city".into())), (Some(3), Some("2020".into()))],
        "{:#?}",
        loaded.report.problems
    );
    assert_eq!(said(Severity::Warning), [(Some(3), Some("kpi_name".into()))]);
    assert_eq!(loaded.report.error_count(), 2);
    assert_eq!(loaded.report.warning_count(), 1);
}

#[test]
fn the_same_data_loaded_twice_is_one_warning() {
    let (_dir, csv) = write_temp("years.csv", YEARS.as_bytes());
    let loaded = load_all(&[&csv, &workbook()]);
    let warnings = warnings(&loaded);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(loaded.report.warning_count(), 1);
    let warning = warnings[0];
    assert_eq!((warning.file.ends_with("years_once.xlsx"), warning.row), (true, None));
    assert!(
        warning
            .message
            .contains("years.csv: all its 3 values are given there too, the same"),
        "{}",
        warning.message
    );
    let loaded_from: Vec<usize> = loaded.report.tables.iter().map(|t| t.loaded).collect();
    assert_eq!(loaded_from[..2], [3, 0]);
    assert_eq!(loaded.report.error_count(), 2, "each file's misspelled code");
}

#[test]
fn a_value_given_twice_names_its_year_and_both_places() {
    let (dir, first) = write_temp("a.csv", YEARS.as_bytes());
    let second = dir.path().join("b.csv");
    let changed = "city,kpi,2019,2020\nAlpha,EC: ICT: ICT: 1C,90,92\nAlpha,EC: ICT: ICT: 3C,7,8\n";
    std::fs::write(&second, changed).expect("write");
    let loaded = load_all(&[&first, &second]);
    let folder = format!("{}/", dir.path().display());
    let messages = |list: Vec<&import::Problem>| -> Vec<String> {
        list.iter().map(|p| p.to_string().replace(&folder, "")).collect()
    };
    let warnings = messages(warnings(&loaded));
    assert_eq!(
        warnings,
        [
            "warning: b.csv row 2: Alpha, EC: ICT: ICT: 1C (Household Internet Access), 2019: the same value 90 as in a.csv row 2; the first is used\n    hint: remove one of the two"
        ],
    );
    let conflicts: Vec<String> = messages(errors(&loaded))
        .into_iter()
        .filter(|e| e.contains("conflicts"))
        .collect();
    assert_eq!(
        conflicts,
        [
            "error: b.csv row 2: Alpha, EC: ICT: ICT: 1C (Household Internet Access), 2020: 92 here conflicts with 91 in a.csv row 2; the first value is kept\n    hint: keep one value per city, year, KPI and data point"
        ],
    );
}

#[test]
fn validate_sums_up_a_years_as_columns_table_by_its_rows() {
    let (_dir, csv) = write_temp("years.csv", YEARS.as_bytes());
    let out = Command::new(env!("CARGO_BIN_EXE_cityprofile"))
        .args(["validate", "--no-cache", csv.to_str().expect("path")])
        .output()
        .expect("run cityprofile");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("years.csv: values (years as columns), 3 rows, 3 values loaded"),
        "{text}"
    );
    assert!(text.contains("1 error, 0 warnings"), "{text}");
    let loaded = load_path(&workbook());
    let table = &loaded.report.tables[0];
    assert_eq!((table.role.as_str(), table.rows), ("values (years as columns)", 3));
}
