//! The JSON records reader (serde_json, then polars).
#![no_main]
libfuzzer_sys::fuzz_target!(|bytes: &[u8]| cityprofile::import::fuzzing::json(bytes));
