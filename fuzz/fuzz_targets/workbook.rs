//! The spreadsheet reader (calamine: xlsx, xls, ods).
#![no_main]
libfuzzer_sys::fuzz_target!(|bytes: &[u8]| cityprofile::import::fuzzing::workbook(bytes));
