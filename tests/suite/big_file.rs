//! A long table large enough to be read by several threads: every row lands
//! once, in the right city, and problems keep their rows.

use crate::common::*;
use cityprofile::import::Severity;
use cityprofile::model::{CityId, Value};
use cityprofile::score::{score_cities, score_city};

#[test]
fn large_long_table_reads_in_parallel_with_the_same_result() {
    let catalogue = catalogue();
    let mut bytes = Vec::new();
    let rows = cityprofile::bench_data::write_long_csv(&catalogue, 110, 10, &mut bytes).expect("generate");
    assert!(rows > 100_000, "large enough for the parallel path");
    let text = String::from_utf8(bytes).expect("utf8");
    let lines: Vec<&str> = text.lines().collect();
    // A bad row and a conflicting duplicate of the first data row, at the very end.
    let first: Vec<&str> = lines[1].split(',').collect();
    let extra = format!(
        "City 0000,2020,EC:ICT:ICT:9C,,5\n{},{},{},{},12345\n",
        first[0], first[1], first[2], first[3]
    );
    let loaded = load_bytes("big-values.csv", format!("{text}{extra}").as_bytes());
    let bad_line = lines.len() + 1;
    assert_problem(&loaded, Severity::Error, Some(bad_line), "unknown KPI 'EC:ICT:ICT:9C'");
    assert_problem(
        &loaded,
        Severity::Error,
        Some(bad_line + 1),
        "City 0000, EC: ICT: ICT: 1C (Household Internet Access), 2015: 12345 here conflicts with 56.82 in row 2",
    );
    assert_eq!(loaded.report.error_count(), 2);
    assert_eq!(loaded.dataset.observations.len(), rows);
    assert_eq!(loaded.dataset.cities.len(), 110);
    // Rows from the start, the middle and the end read back to the values in the file.
    for &line in &[1usize, rows / 2, rows / 2 + 1, rows - 1, rows] {
        let cells: Vec<&str> = lines[line].split(',').collect();
        let year: i32 = cells[1].parse().expect("year");
        let dp = (!cells[3].is_empty()).then_some(cells[3]);
        let expected = match cells[4] {
            "NR" => Value::NotReported,
            "Yes" => Value::Flag(true),
            "No" => Value::Flag(false),
            v => Value::Number(v.parse().expect("number")),
        };
        assert_eq!(
            value(&loaded, cells[0], Some(year), cells[2], dp),
            Some(expected),
            "line {}",
            line + 1
        );
    }
}

#[test]
fn scoring_many_cities_in_parallel_equals_scoring_each() {
    let catalogue = catalogue();
    let mut bytes = Vec::new();
    cityprofile::bench_data::write_long_csv(&catalogue, 90, 3, &mut bytes).expect("generate");
    let loaded = load_bytes("many-cities.csv", &bytes);
    let mut report = cityprofile::import::ImportReport::default();
    let targets = cityprofile::import::default_targets(&catalogue, &mut report);
    // Over 64 requests (the parallel path), mixed years, in a scrambled order.
    let requests: Vec<(CityId, Option<i32>)> = (0..90)
        .rev()
        .map(|c| (CityId::new(c), [None, Some(2023), Some(2010)][c % 3]))
        .collect();
    let together = score_cities(&catalogue, &loaded.dataset, &targets, &requests);
    assert_eq!(together.len(), requests.len());
    for (profile, &(city, year)) in together.iter().zip(&requests) {
        let alone = score_city(&catalogue, &loaded.dataset, &targets, city, year);
        assert_eq!(profile.city, city);
        assert_eq!(profile.year, alone.year);
        assert_eq!(profile.overall.score_pct, alone.overall.score_pct);
        assert_eq!(profile.overall.scored, alone.overall.scored);
    }
    assert!(
        together.iter().any(|p| p.overall.scored > 0),
        "real scores, not empty profiles"
    );
}
