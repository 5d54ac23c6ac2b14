//! Reading single cells: numbers in the many ways spreadsheets write them,
//! "not reported" markers, yes/no answers and years.

/// How a value cell reads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cell {
    /// A number; `percent` is true when it was written with a `%` sign.
    Number {
        value: f64,
        percent: bool,
    },
    Flag(bool),
    NotReported,
}

/// Folds a text for comparison: lowercase, and the accented Latin letters of
/// French, Spanish, German and their neighbours as their base letter (`é` → `e`,
/// `ñ` → `n`, `ß` → `ss`). Other characters are kept as they are.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => out.push('a'),
            'ç' | 'ć' | 'č' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' | 'ń' | 'ň' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' | 'ů' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'š' => out.push('s'),
            'ž' => out.push('z'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            _ => out.push(c),
        }
    }
    out
}

/// Texts that mean "not reported" (case-insensitive, after trimming).
pub(crate) const NOT_REPORTED: [&str; 10] = ["", "nr", "n/r", "n/a", "na", "-", "–", "—", "not reported", "n.r."];

/// Trims spaces, including the no-break and thin spaces spreadsheets use.
pub(crate) fn clean(text: &str) -> &str {
    // Fast path: a visible ASCII character at both ends (nearly every cell).
    let bytes = text.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_graphic) && bytes.last().is_some_and(u8::is_ascii_graphic) {
        return text;
    }
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}' || c == '\u{feff}')
}

/// True when the text is one of the "not reported" markers.
pub(crate) fn is_not_reported(text: &str) -> bool {
    let t = clean(text);
    NOT_REPORTED.iter().any(|marker| marker.eq_ignore_ascii_case(t))
}

/// Yes in the languages offices write it (compared folded: `Sí` = `si`).
pub(crate) const YES: [&str; 9] = ["yes", "y", "true", "oui", "vrai", "si", "verdadero", "ja", "wahr"];
/// No, likewise.
pub(crate) const NO: [&str; 8] = ["no", "n", "false", "non", "faux", "falso", "nein", "falsch"];

/// Reads yes/no answers: `Yes`/`No`, `Y`/`N`, `True`/`False` (as spreadsheets
/// write booleans), `Oui`/`Non`, `Vrai`/`Faux`, `Sí`/`Si`/`No`,
/// `Verdadero`/`Falso`, `Ja`/`Nein`, `Wahr`/`Falsch`.
pub(crate) fn parse_flag(text: &str) -> Option<bool> {
    let t = clean(text);
    // Every answer is a short word: longer texts (numbers, sentences) are not folded.
    if t.is_empty() || t.len() > 10 {
        return None;
    }
    let folded = fold(t);
    if YES.contains(&folded.as_str()) {
        Some(true)
    } else if NO.contains(&folded.as_str()) {
        Some(false)
    } else {
        None
    }
}

/// Reads a value cell. `decimal_comma` is true for files whose separator is not
/// a comma (European exports), where `12,5` means 12.5.
pub(crate) fn parse_value(text: &str, decimal_comma: bool) -> Option<Cell> {
    let t = clean(text);
    // Plain numbers first: they are nearly every cell of a large file.
    if let Ok(value) = t.parse::<f64>() {
        return value.is_finite().then_some(Cell::Number { value, percent: false });
    }
    if is_not_reported(t) {
        return Some(Cell::NotReported);
    }
    if let Some(flag) = parse_flag(t) {
        return Some(Cell::Flag(flag));
    }
    let (body, percent) = match t.strip_suffix('%') {
        Some(body) => (clean(body), true),
        None => (t, false),
    };
    parse_number(body, decimal_comma).map(|value| Cell::Number { value, percent })
}

/// Reads a number: `1234.5`, `1 234,5`, `1'234.5` (Swiss), `1,234.5`, `−3`, `1e5`.
pub(crate) fn parse_number(text: &str, decimal_comma: bool) -> Option<f64> {
    let t = clean(text);
    if t.is_empty() {
        return None;
    }
    // Fast path: plain numbers, the common case in large files.
    if let Ok(v) = t.parse::<f64>() {
        return v.is_finite().then_some(v);
    }
    let mut s: String = t
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '’'))
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    if commas > 0 && dots > 0 {
        // Both present: the last one is the decimal separator.
        let last_comma = s.rfind(',')?;
        let last_dot = s.rfind('.')?;
        s = if last_comma > last_dot {
            s.replace('.', "").replace(',', ".")
        } else {
            s.replace(',', "")
        };
    } else if commas == 1 && (decimal_comma || !is_thousands_grouping(&s)) {
        s = s.replace(',', ".");
    } else if commas > 0 {
        if !is_thousands_grouping(&s) {
            return None;
        }
        s = s.replace(',', "");
    }
    if !s
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
    {
        return None;
    }
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// `1,234` or `12,345,678`: groups of three digits after the first comma.
fn is_thousands_grouping(s: &str) -> bool {
    let digits = s.trim_start_matches(['-', '+']);
    let mut parts = digits.split(',');
    let first = parts.next().unwrap_or("");
    !first.is_empty()
        && first.len() <= 3
        && first.bytes().all(|b| b.is_ascii_digit())
        && parts.all(|p| p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Moves the decimal point of a plain decimal text (`-?digits(.digits)?`)
/// `places` to the right (to the left when negative): exact, as on paper, so
/// that `0.452` becomes `45.2` and back without a rounding. `None` for any other text.
pub(crate) fn shift_point(text: &str, places: i32) -> Option<String> {
    let (sign, body) = match text.strip_prefix('-') {
        Some(body) => ("-", body),
        None => ("", text),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let mut digits = format!("{int}{frac}");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut point = i32::try_from(int.len()).ok()?.checked_add(places)?;
    if point < 1 {
        digits.insert_str(0, &"0".repeat(usize::try_from(1 - point).ok()?));
        point = 1;
    }
    let point = usize::try_from(point).ok()?;
    if point > digits.len() {
        digits.push_str(&"0".repeat(point - digits.len()));
    }
    let (int, frac) = digits.split_at(point);
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    Some(match frac {
        "" => format!("{sign}{int}"),
        _ => format!("{sign}{int}.{frac}"),
    })
}

/// A plain decimal (`56.82`, `-3`, `1000`: an optional minus, digits, and
/// optionally a point and digits; at most 15 digits in all) read without the
/// general parser; `None` for any other text. The same number as
/// `text.parse::<f64>()`, bit for bit: the digits make an integer below 2^53 and
/// the point a power of ten up to 10^15, both exact as `f64`, and one division
/// of exact operands is rounded correctly, as the parser rounds (a test compares
/// the two on 200,000 texts).
pub(crate) fn plain_decimal(text: &str) -> Option<f64> {
    let (negative, digits) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        bytes => (false, bytes),
    };
    let (mut mantissa, mut count, mut scale, mut point) = (0u64, 0usize, 0i32, false);
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                count += 1;
                scale += i32::from(point);
            }
            b'.' if !point && count > 0 => point = true,
            _ => return None,
        }
    }
    if count == 0 || count > 15 || (point && scale == 0) {
        return None;
    }
    // Powers of ten up to 10^15, each exact as an `f64`.
    const POWERS: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let value = mantissa as f64 / POWERS.get(scale as usize).copied()?;
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(v: f64) -> Option<Cell> {
        Some(Cell::Number {
            value: v,
            percent: false,
        })
    }

    #[test]
    fn not_reported_markers_are_not_zero() {
        for t in ["", "  ", "NR", "n/a", "N/A", "-", "Not reported", "na"] {
            assert_eq!(parse_value(t, false), Some(Cell::NotReported), "{t:?}");
        }
        assert_eq!(parse_value("0", false), num(0.0));
    }

    #[test]
    fn percent_signs_are_dropped() {
        assert_eq!(
            parse_value("85%", false),
            Some(Cell::Number {
                value: 85.0,
                percent: true
            })
        );
        assert_eq!(
            parse_value("85 %", false),
            Some(Cell::Number {
                value: 85.0,
                percent: true
            })
        );
        assert_eq!(
            parse_value("12,5 %", true),
            Some(Cell::Number {
                value: 12.5,
                percent: true
            })
        );
    }

    #[test]
    fn decimal_commas_and_grouping() {
        assert_eq!(parse_value("12,5", true), num(12.5));
        assert_eq!(parse_value("12,5", false), num(12.5));
        assert_eq!(parse_value("1,234", false), num(1234.0));
        assert_eq!(parse_value("1,234", true), num(1.234));
        assert_eq!(parse_value("1.234,5", true), num(1234.5));
        assert_eq!(parse_value("1,234.5", false), num(1234.5));
        assert_eq!(parse_value("101 200", false), num(101200.0));
        assert_eq!(parse_value("101'200", false), num(101200.0));
        assert_eq!(parse_value("−3.5", false), num(-3.5));
        assert_eq!(parse_value("1e3", false), num(1000.0));
    }

    #[test]
    fn garbage_is_rejected() {
        for t in ["abc", "12abc", "1,2,3", "inf", "NaN", "12..5", "1,23,4"] {
            assert_eq!(parse_value(t, false), None, "{t:?}");
        }
    }

    #[test]
    fn yes_no_answers_in_the_languages_offices_use() {
        assert_eq!(parse_value("Yes", false), Some(Cell::Flag(true)));
        assert_eq!(parse_value(" no ", false), Some(Cell::Flag(false)));
        for yes in [
            "Oui",
            "OUI",
            "Sí",
            "SÍ",
            "si",
            "Ja",
            "TRUE",
            "Vrai",
            "Verdadero",
            "wahr",
        ] {
            assert_eq!(parse_value(yes, false), Some(Cell::Flag(true)), "{yes}");
        }
        for no in ["Non", "No", "NEIN", "FALSE", "Faux", "Falso", "falsch"] {
            assert_eq!(parse_value(no, false), Some(Cell::Flag(false)), "{no}");
        }
        for neither in ["maybe", "sim", "oui oui", "nee"] {
            assert_eq!(parse_flag(neither), None, "{neither}");
        }
    }

    /// Plain decimals read to the same bits as the general parser (random
    /// digits, points and signs), and other texts are left to it.
    #[test]
    fn plain_decimals_read_as_the_parser_reads_them() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..200_000 {
            let r = next();
            let digits = 1 + (r % 15) as usize;
            let mut text: String = (0..digits)
                .map(|k| char::from(b'0' + ((r >> (4 + 4 * k % 60)) % 10) as u8))
                .collect();
            let point = (next() % (digits as u64 + 1)) as usize;
            if point > 0 && point < digits {
                text.insert(point, '.');
            }
            if r % 3 == 0 {
                text.insert(0, '-');
            }
            let parsed: f64 = text.parse().expect("a number");
            let plain = plain_decimal(&text).expect("plain");
            assert_eq!(plain.to_bits(), parsed.to_bits(), "{text}");
        }
        for other in [
            "",
            "-",
            ".5",
            "5.",
            "1.2.3",
            "1e5",
            " 5",
            "+5",
            "12,5",
            "NR",
            "1234567890123456",
        ] {
            assert_eq!(plain_decimal(other), None, "{other}");
        }
    }

    #[test]
    fn points_move_exactly() {
        for (text, places, moved) in [
            ("0.452", 2, "45.2"),
            ("45.2", -2, "0.452"),
            ("1", 2, "100"),
            ("0.001", 2, "0.1"),
            ("-0.5", 2, "-50"),
            ("12.5", -2, "0.125"),
            ("0", 2, "0"),
        ] {
            assert_eq!(shift_point(text, places).as_deref(), Some(moved), "{text} by {places}");
        }
        assert_eq!(shift_point("1e5", 2), None);
        assert_eq!(shift_point("12 %", 2), None);
        // Every number's shortest text goes up and back to the same text.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let value = f64::from_bits(state >> 2) % 1e9;
            let text = value.to_string();
            let up = shift_point(&text, 2).expect("up");
            assert_eq!(shift_point(&up, -2).as_deref(), Some(text.as_str()), "{value}");
        }
    }
}
