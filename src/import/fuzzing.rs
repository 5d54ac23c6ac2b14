//! Entry points for the fuzz targets in `fuzz/` and the benchmarks (not an API): each runs one
//! stage of the import on arbitrary bytes, without the `catch_unwind` that
//! turns a reader's panic into a report entry in the app, so that the fuzzer
//! sees every panic.

use std::sync::{Arc, OnceLock};

use super::report::ImportReport;
use super::{Input, cells, sources, text, workbook, years};
use crate::model::Catalogue;

/// Encoding, separator sniffing and the record scan of delimited text.
pub fn delimited(bytes: &[u8]) {
    if let Some((decoded, _)) = text::decode(bytes) {
        let separator = text::sniff_separator(&decoded);
        let _ = text::scan_records(&decoded, separator);
    }
}

/// Every cell parser on one text.
pub fn cell(text: &str) {
    for decimal_comma in [false, true] {
        let _ = cells::parse_value(text, decimal_comma);
        let _ = cells::parse_number(text, decimal_comma);
    }
    let _ = years::parse_year(text);
    let _ = cells::parse_flag(text);
    let _ = cells::clean(text);
}

/// The JSON records reader.
pub fn json(bytes: &[u8]) {
    let _ = sources::read_json(&Arc::from("fuzz.json"), bytes, &mut ImportReport::default());
}

/// The workbook reader (xlsx, xls, ods).
pub fn workbook(bytes: &[u8]) {
    let _ = workbook::read_workbook(&Arc::from("fuzz.xlsx"), bytes, &mut ImportReport::default());
}

/// The whole import of one file named `name` (its extension matters).
pub fn load(name: &str, bytes: &[u8]) {
    static CATALOGUE: OnceLock<Option<Catalogue>> = OnceLock::new();
    let Some(catalogue) = CATALOGUE.get_or_init(|| super::default_catalogue().ok()) else {
        return;
    };
    let input = Input::Bytes {
        name: name.to_string(),
        bytes: Arc::from(bytes),
    };
    let _ = super::load(catalogue, &[input], &mut |_, _, _| {});
}
