//! Years in cells, column headers and sheet names: `2020`, `2020.0`,
//! `FY2022`, `Année 2021`, and periods of two years (`2021-22`).

use super::cells::{clean, fold};

/// The years a file may give.
const YEARS: std::ops::RangeInclusive<i32> = 1800..=2200;

/// The year an integer gives (an integer cell of a typed column, or the digits
/// of a text), when it is one a file may give.
pub(crate) fn year_of_integer(v: i64) -> Option<i32> {
    i32::try_from(v).ok().filter(|y| YEARS.contains(y))
}

/// Reads a year: `2020`, `2020.0` (spreadsheets), `FY2020`-style text with one
/// 4-digit year, or a period of two years (`2021-22`: its first year, as
/// [`period_year`] reads sheet names).
pub(crate) fn parse_year(text: &str) -> Option<i32> {
    read_year(text).map(|(year, _)| year)
}

/// A year a one-pass reader takes without a word: any [`parse_year`] reads but
/// a period of two years, which the table path says (so it goes there).
pub(crate) fn quiet_year(text: &str) -> Option<i32> {
    read_year(text).filter(|(_, span)| !span).map(|(year, _)| year)
}

/// A year cell's year, and whether it named a period of two years.
pub(crate) fn read_year(text: &str) -> Option<(i32, bool)> {
    let t = clean(text);
    if let Ok(v) = t.parse::<i64>() {
        return year_of_integer(v).map(|y| (y, false));
    }
    if let Ok(v) = t.parse::<f64>() {
        let whole = v.fract() == 0.0 && (f64::from(*YEARS.start())..=f64::from(*YEARS.end())).contains(&v);
        return whole.then_some((v as i32, false));
    }
    if let Some(period) = period_year(t) {
        return Some((period.year, period.span));
    }
    let digits: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| d.len() == 4)
        .collect();
    match digits.as_slice() {
        [one] => one.parse().ok().filter(|y| YEARS.contains(y)).map(|y| (y, false)),
        _ => None,
    }
}

/// A year named by a sheet or a column header, and whether it was a period of
/// two years (`2021-22`: a fiscal or school year) dated by its first year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Period {
    pub year: i32,
    pub span: bool,
}

/// Words that may stand before a year in a sheet name or header.
pub(crate) const YEAR_WORDS: [&str; 8] = [
    "fy",
    "year",
    "annee",
    "ano",
    "jahr",
    "exercice",
    "ejercicio",
    "geschaftsjahr",
];

/// The year a sheet name or a column header names: `2020`, `2020.0`,
/// `FY2022`, `FY 2022`, `Year 2020`, `Année 2021`; or a period of two
/// consecutive years, `2021-22`, `2021/2022`, `2021–22`, dated by the year it
/// starts (docs/import.md). `None` for anything else (`Source 2023`, `2019-2021`).
pub(crate) fn period_year(text: &str) -> Option<Period> {
    let folded = fold(clean(text));
    let mut t = folded.as_str();
    if let Some(word) = YEAR_WORDS.iter().find(|w| t.starts_with(**w)) {
        t = t[word.len()..].trim_start_matches([' ', '_', ':', '-']);
    }
    let t = t.strip_suffix(".0").unwrap_or(t);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let year = |s: &str| {
        (s.len() == 4 && digits(s))
            .then(|| s.parse::<i64>().ok())
            .flatten()
            .and_then(year_of_integer)
    };
    if let Some(y) = year(t) {
        return Some(Period { year: y, span: false });
    }
    let (first, second) = t.split_once(['-', '/', '–', '_'])?;
    let start = year(first.trim())?;
    let end = second.trim();
    let next = start + 1;
    let consecutive = match end.len() {
        2 => digits(end) && end.parse::<i32>().ok() == Some(next % 100),
        4 => year(end) == Some(next),
        _ => false,
    };
    consecutive.then_some(Period {
        year: start,
        span: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years() {
        assert_eq!(parse_year("2020"), Some(2020));
        assert_eq!(parse_year("2020.0"), Some(2020));
        assert_eq!(parse_year("FY 2021"), Some(2021));
        assert_eq!(parse_year("20"), None);
        assert_eq!(parse_year("2020-2021"), Some(2020), "a period of two years: its first");
        assert_eq!(read_year("2021/2022"), Some((2021, true)));
        assert_eq!(parse_year("2019-2021"), None);
        assert_eq!(quiet_year("2021-22"), None, "said by the table path");
        assert_eq!(parse_year("twenty"), None);
    }

    #[test]
    fn sheet_names_and_headers_that_name_a_year() {
        let one = |year| Some(Period { year, span: false });
        let span = |year| Some(Period { year, span: true });
        for (text, period) in [
            ("2020", one(2020)),
            ("2021.0", one(2021)),
            ("FY2022", one(2022)),
            ("FY 2022", one(2022)),
            ("Year 2019", one(2019)),
            ("Année 2021", one(2021)),
            ("Año_2018", one(2018)),
            ("2021-22", span(2021)),
            ("2021/2022", span(2021)),
            ("2021–22", span(2021)),
            ("FY2021-22", span(2021)),
            ("2019-2021", None),
            ("2021-23", None),
            ("Code", None),
            ("Source 2023", None),
            ("12345", None),
            ("Pully", None),
        ] {
            assert_eq!(period_year(text), period, "{text}");
        }
    }
}
