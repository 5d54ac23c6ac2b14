//! The whole import of one file; the first byte picks the file name's extension,
//! so that every format and every "named .x but holds y" path is reached.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let names = ["data.csv", "data.json", "data.xlsx", "data.parquet", "data.txt", "data"];
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    cityprofile::import::fuzzing::load(names[usize::from(pick) % names.len()], bytes);
});
