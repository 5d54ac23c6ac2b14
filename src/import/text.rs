//! Delimited text before polars sees it: encoding (UTF-8, UTF-8 with BOM,
//! UTF-16 from Excel's "Unicode text", Windows-1252/Latin-1), the separator,
//! and a scan of the records for rows with the wrong number of fields.

use std::borrow::Cow;

use rayon::prelude::*;

/// How the bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16,
    Windows1252,
}

/// Decodes text to UTF-8, dropping a byte-order mark; UTF-8 input is borrowed,
/// not copied. Returns `None` when the bytes look binary (NUL bytes in 8-bit text).
/// UTF-16 and Windows-1252 (a superset of Latin-1's printable range) are decoded
/// by encoding_rs, as browsers do; bad UTF-16 units become U+FFFD.
pub(crate) fn decode(bytes: &[u8]) -> Option<(Cow<'_, [u8]>, Encoding)> {
    let utf16 = |rest: &[u8], encoding: &'static encoding_rs::Encoding| {
        let (text, _) = encoding.decode_without_bom_handling(rest);
        Some((Cow::Owned(text.into_owned().into_bytes()), Encoding::Utf16))
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, encoding_rs::UTF_16LE);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, encoding_rs::UTF_16BE);
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if memchr::memchr(0, sample).is_some() {
        return None;
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if std::str::from_utf8(bytes).is_ok() {
        return Some((Cow::Borrowed(bytes), Encoding::Utf8));
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    Some((Cow::Owned(text.into_owned().into_bytes()), Encoding::Windows1252))
}

/// Picks the separator from the header line: the most frequent of `, ; \t |`
/// outside quotes (comma on a tie).
pub(crate) fn sniff_separator(text: &[u8]) -> u8 {
    let header_end = text.iter().position(|&b| b == b'\n').unwrap_or(text.len());
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0), (b'|', 0)];
    let mut in_quotes = false;
    for &b in &text[..header_end] {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes && let Some(entry) = counts.iter_mut().find(|(sep, _)| *sep == b) {
            entry.1 += 1;
        }
    }
    counts
        .iter()
        .fold((b',', 0), |best, &(sep, n)| if n > best.1 { (sep, n) } else { best })
        .0
}

/// What a pass over the records found.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RecordScan {
    /// Header fields, unquoted and trimmed.
    pub headers: Vec<String>,
    /// Line number (1-based) of each data record, only filled when some record
    /// spans several lines or blank lines occur; otherwise record i is on line i + 2.
    pub lines: Option<Vec<u32>>,
    /// Data records whose field count differs from the header: (record index, line, fields).
    pub ragged: Vec<(usize, u32, usize)>,
    /// Number of data records (blank lines count as records of empty cells).
    pub records: usize,
    /// A quote was still open at the end of the file.
    pub unterminated_quote: bool,
    /// Where the data records begin (after the header's line break).
    pub body_start: usize,
}

/// Where the first record (the header) ends: the index after its line break.
fn header_end(text: &[u8]) -> usize {
    let mut in_quotes = false;
    for (i, &b) in text.iter().enumerate() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' if !in_quotes => return i + 1,
            _ => {}
        }
    }
    text.len()
}

/// Splits the header record into trimmed, unquoted names.
pub(crate) fn split_header(header: &[u8], sep: u8) -> Vec<String> {
    let mut names = Vec::new();
    let mut field = Vec::new();
    let mut in_quotes = false;
    for &b in header {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\r' | b'\n' if !in_quotes => {}
            _ if b == sep && !in_quotes => names.push(std::mem::take(&mut field)),
            _ => field.push(b),
        }
    }
    names.push(field);
    names
        .into_iter()
        .map(|f| String::from_utf8_lossy(&f).trim().to_string())
        .collect()
}

/// Walks the records once, the way a CSV reader splits them (quotes may hold
/// separators and line breaks). Hand-written rather than the `csv` crate's reader
/// with positions: measured on the 1.12 M-row benchmark file (`cargo bench --bench
/// import_score -- record_scan`), this scan took 41 ms and the `csv` crate 100 ms.
pub(crate) fn scan_records(text: &[u8], sep: u8) -> RecordScan {
    let start = header_end(text);
    let mut scan = RecordScan {
        headers: split_header(&text[..start], sep),
        body_start: start,
        ..RecordScan::default()
    };
    if memchr::memchr(b'"', &text[start..]).is_none() {
        return scan_unquoted(&text[start..], sep, scan);
    }
    let mut lines: Vec<u32> = Vec::new();
    let mut simple = true;
    let mut line: u32 = 2;
    let mut record_line = line;
    let (mut fields, mut in_quotes, mut blank) = (1usize, false, true);
    fn finish(scan: &mut RecordScan, lines: &mut Vec<u32>, fields: Option<usize>, record_line: u32) {
        if fields.is_some_and(|n| n != scan.headers.len()) {
            scan.ragged.push((scan.records, record_line, fields.unwrap_or(0)));
        }
        lines.push(record_line);
        scan.records += 1;
    }
    for &b in &text[start..] {
        if in_quotes {
            match b {
                b'"' => in_quotes = false,
                b'\n' => line += 1,
                _ => {}
            }
            continue;
        }
        match b {
            b'\n' => {
                if blank {
                    // Polars keeps a blank line as a row of empty cells; so do we (without a field-count check).
                    finish(&mut scan, &mut lines, None, record_line);
                    simple = false;
                } else {
                    finish(&mut scan, &mut lines, Some(fields), record_line);
                    simple &= line == record_line;
                }
                line += 1;
                record_line = line;
                fields = 1;
                blank = true;
            }
            b'\r' => {}
            b'"' => {
                in_quotes = true;
                blank = false;
            }
            _ => {
                blank = false;
                if b == sep {
                    fields += 1;
                }
            }
        }
    }
    if !blank {
        finish(&mut scan, &mut lines, Some(fields), record_line);
    }
    scan.unterminated_quote = in_quotes;
    if !simple {
        scan.lines = Some(lines);
    }
    scan
}

/// Without quotes every line is a record: one memchr2 pass per part finds the
/// separators and line breaks (the common case of large machine-written files).
/// Large files are split at line breaks and their parts scanned on all cores.
fn scan_unquoted(body: &[u8], sep: u8, mut scan: RecordScan) -> RecordScan {
    let threads = if body.len() >= 4 << 20 {
        rayon::current_num_threads()
    } else {
        1
    };
    let mut parts = Vec::with_capacity(threads);
    let mut begin = 0;
    for t in 1..=threads {
        let mut end = (body.len() * t / threads).max(begin);
        if t < threads {
            // Cut just after a line break, so no line is split.
            end = memchr::memchr(b'\n', &body[end..]).map_or(body.len(), |k| end + k + 1);
        }
        parts.push(&body[begin..end]);
        begin = end;
    }
    let fields = scan.headers.len();
    let scanned: Vec<Part> = parts.into_par_iter().map(|p| scan_part(p, sep, fields)).collect();
    let simple = scanned.iter().all(|p| p.blank.is_empty());
    let mut lines: Vec<u32> = Vec::new();
    let mut line_no: u32 = 2;
    for part in scanned {
        for (record, line, n) in part.ragged {
            scan.ragged.push((scan.records + record, line_no + line, n));
        }
        if !simple {
            lines.extend((0..part.records as u32).map(|l| line_no + l));
        }
        scan.records += part.records;
        line_no += part.records as u32;
    }
    if !simple {
        scan.lines = Some(lines);
    }
    scan
}

/// Cuts the records of `body` into pieces of about `piece` bytes: the start of
/// every piece (the first is 0), then the body's length. Cuts fall just after a
/// line break outside quotes, so no record is split.
pub(crate) fn record_cuts(body: &[u8], piece: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    // Quotes between the last cut and here: an odd count means inside a quoted field.
    let mut last = 0;
    let mut inside = false;
    while body.len() - last > piece.max(1) {
        let target = last + piece.max(1);
        inside ^= memchr::memchr_iter(b'"', &body[last..target]).count() % 2 == 1;
        let mut cut = None;
        for (k, &b) in body[target..].iter().enumerate() {
            match b {
                b'"' => inside = !inside,
                b'\n' if !inside => {
                    cut = Some(target + k + 1);
                    break;
                }
                _ => {}
            }
        }
        match cut {
            Some(cut) if cut < body.len() => {
                cuts.push(cut);
                last = cut;
            }
            _ => break,
        }
    }
    cuts.push(body.len());
    cuts
}

/// What a part of an unquoted body holds; records and lines are counted from 0 in the part.
struct Part {
    records: usize,
    /// (record, line, fields) of records whose field count is not the header's.
    ragged: Vec<(usize, u32, usize)>,
    /// Records that are blank lines.
    blank: Vec<usize>,
}

fn scan_part(part: &[u8], sep: u8, header_fields: usize) -> Part {
    let mut out = Part {
        records: 0,
        ragged: Vec::new(),
        blank: Vec::new(),
    };
    let finish = |out: &mut Part, line: &[u8], fields: usize| {
        if line.is_empty() || line == b"\r" {
            out.blank.push(out.records);
        } else if fields != header_fields {
            out.ragged.push((out.records, out.records as u32, fields));
        }
        out.records += 1;
    };
    // Separators are counted with a branch-free sum, which the compiler vectorises.
    let count = |line: &[u8]| 1 + line.iter().map(|&b| usize::from(b == sep)).sum::<usize>();
    let mut begin = 0;
    for end in memchr::memchr_iter(b'\n', part) {
        let line = &part[begin..end];
        finish(&mut out, line, count(line));
        begin = end + 1;
    }
    if begin < part.len() {
        finish(&mut out, &part[begin..], count(&part[begin..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bom_latin1_and_utf16() {
        let (text, enc) = decode(b"\xEF\xBB\xBFcity\n").expect("text");
        assert_eq!((text.as_ref(), enc), (&b"city\n"[..], Encoding::Utf8));
        let (text, enc) = decode(b"Z\xFCrich \x80").expect("text");
        assert_eq!(
            (String::from_utf8(text.into_owned()).expect("utf8"), enc),
            ("Zürich €".to_string(), Encoding::Windows1252)
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Åsa".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            decode(&utf16).map(|(t, _)| t.into_owned()),
            Some("Åsa".as_bytes().to_vec())
        );
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), None);
    }

    #[test]
    fn separator_is_sniffed_from_the_header() {
        assert_eq!(sniff_separator(b"city;year;kpi;value\nA;2020;x;1,5\n"), b';');
        assert_eq!(sniff_separator(b"city\tyear\n"), b'\t');
        assert_eq!(sniff_separator(b"\"a;b\",c\n"), b',');
        assert_eq!(sniff_separator(b"single\n"), b',');
    }

    #[test]
    fn scan_finds_ragged_rows_and_multiline_records() {
        let scan = scan_records(b"a,b,c\r\n1,2,3\r\n1,2\r\n\"x\ny\",2,3\n\n4,5,6,7\n", b',');
        assert_eq!(scan.headers, vec!["a", "b", "c"]);
        assert_eq!(scan.records, 5);
        assert_eq!(scan.ragged, vec![(1, 3, 2), (4, 7, 4)]);
        assert_eq!(scan.lines, Some(vec![2, 3, 4, 6, 7]));
        let simple = scan_records(b"a;b\n1;2\n3;4", b';');
        assert_eq!((simple.records, simple.lines, simple.ragged.len()), (2, None, 0));
        // Without quotes the fast path must agree with the general one.
        let unquoted = scan_records(b"a,b,c\r\n1,2,3\r\n1,2\r\n\n4,5,6,7\n", b',');
        assert_eq!(unquoted.records, 4);
        assert_eq!(unquoted.ragged, vec![(1, 3, 2), (3, 5, 4)]);
        assert_eq!(unquoted.lines, Some(vec![2, 3, 4, 5]));
    }

    #[test]
    fn cuts_fall_between_records_outside_quotes() {
        let body = b"a,1\n\"x\ny\",2\nb,3\n\"p\"\"q\",4\nc,5";
        for piece in 1..body.len() + 2 {
            let cuts = record_cuts(body, piece);
            assert_eq!((cuts[0], cuts[cuts.len() - 1]), (0, body.len()), "{piece}");
            for &cut in &cuts[1..cuts.len() - 1] {
                assert!([4, 12, 16, 25].contains(&cut), "piece {piece}: cut at {cut}");
            }
            assert!(cuts.windows(2).all(|w| w[0] < w[1]), "{piece}: {cuts:?}");
        }
        assert_eq!(record_cuts(b"", 10), vec![0, 0]);
    }

    #[test]
    fn large_files_scanned_in_parts_agree_with_line_numbers() {
        // Over 4 MB, so the body is split; odd rows sit near every possible cut.
        let n = 500_000;
        let mut text = b"a,b,c\n".to_vec();
        for i in 0..n {
            text.extend_from_slice(match i {
                7 | 249_999 | 250_000 | 499_999 => b"1,2\r\n".as_slice(),
                400_000 => b"\n",
                _ => b"10,20,30\r\n",
            });
        }
        assert!(text.len() > 4 << 20);
        let scan = scan_records(&text, b',');
        assert_eq!(scan.records, n);
        let ragged: Vec<(usize, u32)> = scan.ragged.iter().map(|r| (r.0, r.1)).collect();
        assert_eq!(
            ragged,
            vec![(7, 9), (249_999, 250_001), (250_000, 250_002), (499_999, 500_001)]
        );
        let lines = scan.lines.expect("a blank line makes numbering explicit");
        assert_eq!((lines.len(), lines[0], lines[n - 1]), (n, 2, n as u32 + 1));
        // Without the blank line, numbering stays implicit.
        let simple = scan_records(&text[..text.len() / 3], b',');
        assert_eq!(simple.lines, None);
    }
}
