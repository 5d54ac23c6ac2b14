//! The reading rules an import follows, as one fingerprint for the import
//! cache's key: a value read under other rules is never served from the cache.
//! The word lists (header words, yes/no, not-reported markers, sheet-name
//! words) are hashed as they are, so changing one changes the key by itself;
//! rules written as code (how a percent-formatted cell reads, which sheet names
//! are years or cities) are counted by [`READING_RULES`], which is raised
//! whenever such a rule changes a value.

use xxhash_rust::xxh3::Xxh3;

use super::{cells, sheets, words, years};

/// Raised whenever a reading rule written as code changes what a cell or a
/// sheet reads as. 2: percent formats, sheet names as years or cities, header
/// words in French, Spanish and German (issue 24).
pub(crate) const READING_RULES: u32 = 2;

/// The fingerprint of the rules in force: [`READING_RULES`] and every word list.
pub(crate) fn fingerprint() -> u128 {
    let lists: [&[&str]; 21] = [
        words::CITY,
        words::YEAR,
        words::KPI,
        words::VALUE,
        words::DATA_POINT,
        words::UNIT,
        words::QUALITY,
        words::VERIFIED,
        words::SOURCE,
        words::NOTE,
        words::BAND,
        words::COUNTRY,
        words::POPULATION,
        words::REGION,
        words::TARGET,
        words::REPORTED,
        &cells::YES,
        &cells::NO,
        &cells::NOT_REPORTED,
        &sheets::CONTENT_WORDS,
        &years::YEAR_WORDS,
    ];
    let mut h = Xxh3::new();
    h.update(&READING_RULES.to_le_bytes());
    for list in lists {
        for word in list {
            h.update(word.as_bytes());
            h.update(&[0]);
        }
        h.update(&[0xff]);
    }
    h.digest128()
}
