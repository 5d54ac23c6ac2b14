//! Encoding detection, separator sniffing and the record scan of delimited text.
#![no_main]
libfuzzer_sys::fuzz_target!(|bytes: &[u8]| cityprofile::import::fuzzing::delimited(bytes));
