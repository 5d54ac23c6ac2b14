//! Number, value, year and yes/no parsing of one cell's text.
#![no_main]
libfuzzer_sys::fuzz_target!(|text: &str| cityprofile::import::fuzzing::cell(text));
