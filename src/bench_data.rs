//! Generated datasets of realistic size for benchmarks (and big-file tests):
//! N cities × every item of the catalogue × Y years, long form.

use std::io::Write;

use crate::model::{Catalogue, Lcg, UnitKind};

/// Writes `city,year,kpi,data_point,value` rows for `cities` × every item × `years`
/// (years end at 2024). About 1 in 40 values is `NR`. Returns the number of data rows.
pub fn write_long_csv(
    catalogue: &Catalogue,
    cities: usize,
    years: usize,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    write_long_csv_noisy(catalogue, (cities, years), 0, out)
}

/// [`write_long_csv`] with a warning in one row of every `every` (0: none): a
/// percentage outside 0-100 (the value plus 100), or a value not in % written
/// with a % sign. The values are the clean file's, so the two files differ by a
/// few bytes per warning.
pub fn write_long_csv_noisy(
    catalogue: &Catalogue,
    (cities, years): (usize, usize),
    every: usize,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let mut rng = Lcg(42);
    let mut rows = 0;
    writeln!(out, "city,year,kpi,data_point,value")?;
    let items = catalogue.items_in_order();
    for c in 0..cities {
        for y in 0..years {
            let year = 2024 - (years - 1 - y) as i32;
            for &id in &items {
                let item = &catalogue.items[id.index()];
                let kpi = catalogue.kpi_of(id);
                let dp = item.data_point.as_deref().unwrap_or("");
                let r = rng.next_f64();
                if r < 0.025 {
                    writeln!(out, "City {c:04},{year},{},{dp},NR", kpi.code)?;
                } else if item.unit_kind == UnitKind::YesNo {
                    writeln!(
                        out,
                        "City {c:04},{year},{},{dp},{}",
                        kpi.code,
                        if r < 0.6 { "Yes" } else { "No" }
                    )?;
                } else {
                    let percent = item.unit_kind == UnitKind::Percent;
                    let value = if percent { r * 100.0 } else { r * 1000.0 };
                    let noisy = every > 0 && rows % every == 0;
                    match (noisy, percent) {
                        (false, _) => writeln!(out, "City {c:04},{year},{},{dp},{value:.2}", kpi.code)?,
                        (true, true) => writeln!(out, "City {c:04},{year},{},{dp},{:.2}", kpi.code, value + 100.0)?,
                        (true, false) => writeln!(out, "City {c:04},{year},{},{dp},{value:.2} %", kpi.code)?,
                    }
                }
                rows += 1;
            }
        }
    }
    Ok(rows)
}
