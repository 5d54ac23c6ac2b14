//! Observations in the cache as fixed-width records, read and written in pieces.
//!
//! Why not serde: a million observations through postcard cost a varint and an
//! `Option` visit per field, and serde grows the vector by doubling (it trusts a
//! length only up to 1 MiB), so every page was written twice. A record here is
//! 29 bytes, decoded in one pass into a vector allocated once; its ids are
//! checked on the way (a cache is never trusted). The rare notes (unit, source,
//! printed band, verified…) travel separately, as the dataset keeps them.
//!
//! Record (little-endian): city u32, item u32, year i32, flags u8, value f64,
//! table u32, row u32. Flags: bit 0 the year is given; bits 1-2 the value
//! (0 number, 1 no, 2 yes, 3 not reported); the other bits are 0.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use xxhash_rust::xxh3::Xxh3;

use crate::model::{CityId, ItemId, Observation, Origin, Value};

pub(super) const RECORD: usize = 29;
/// Records per piece read or written (about 1 MiB).
const PER_PIECE: usize = 36_000;

/// What a record's ids must stay within.
#[derive(Debug, Clone, Copy)]
pub(super) struct Bounds {
    pub cities: usize,
    pub items: usize,
    pub tables: usize,
}

impl Bounds {
    pub(super) fn hold(&self, o: &Observation) -> bool {
        o.city.index() < self.cities && o.item().index() < self.items && (o.origin().table as usize) < self.tables
    }
}

fn encode(o: &Observation, out: &mut [u8]) {
    let (value_bits, number) = match o.value() {
        Value::Number(v) => (0u8, v),
        Value::Flag(false) => (1, 0.0),
        Value::Flag(true) => (2, 0.0),
        Value::NotReported => (3, 0.0),
    };
    let flags = u8::from(o.year().is_some()) | value_bits << 1;
    out[0..4].copy_from_slice(&o.city.0.to_le_bytes());
    out[4..8].copy_from_slice(&o.item().0.to_le_bytes());
    out[8..12].copy_from_slice(&o.year().unwrap_or(0).to_le_bytes());
    out[12] = flags;
    out[13..21].copy_from_slice(&number.to_le_bytes());
    out[21..25].copy_from_slice(&o.origin().table.to_le_bytes());
    out[25..29].copy_from_slice(&o.origin().row.to_le_bytes());
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// The observation in a record, when its flags are known and its ids in bounds.
fn decode(bytes: &[u8], bounds: Bounds) -> Option<Observation> {
    let city = u32_at(bytes, 0)?;
    let item = u32_at(bytes, 4)? as usize;
    let year = u32_at(bytes, 8)? as i32;
    let flags = *bytes.get(12)?;
    let number = f64::from_le_bytes(bytes.get(13..21)?.try_into().ok()?);
    let table = u32_at(bytes, 21)?;
    let row = u32_at(bytes, 25)?;
    if flags >> 3 != 0 {
        return None;
    }
    let value = match flags >> 1 & 3 {
        0 => Value::Number(number),
        1 => Value::Flag(false),
        2 => Value::Flag(true),
        _ => Value::NotReported,
    };
    // Checked before it is built: an observation holds only ids and years in range.
    let year = match flags & 1 {
        1 => Some(i16::try_from(year).ok().filter(|y| *y != i16::MIN)?.into()),
        _ => None,
    };
    let origin = Origin { table, row };
    let fits = (city as usize) < bounds.cities && item < bounds.items && (table as usize) < bounds.tables;
    fits.then(|| Observation::new(CityId(city), year, ItemId::new(item), value, origin))
}

/// Writes the records of `observations` (without their notes); returns the
/// xxh3-64 of the bytes written.
pub(super) fn write(observations: &[Observation], out: &mut impl Write) -> std::io::Result<u64> {
    let mut hasher = Xxh3::new();
    let mut piece = vec![0u8; RECORD * PER_PIECE];
    for chunk in observations.chunks(PER_PIECE) {
        let bytes = &mut piece[..chunk.len() * RECORD];
        for (o, record) in chunk.iter().zip(bytes.chunks_exact_mut(RECORD)) {
            encode(o, record);
        }
        hasher.update(bytes);
        out.write_all(bytes)?;
    }
    Ok(hasher.digest())
}

/// Reads `count` records; `None` when the input ends early, a record is out of
/// bounds, or the bytes do not hash to `checksum` (read after the records).
///
/// Pieces are decoded on every core straight into the vector (rayon fills its
/// spare capacity; on this 2-core machine, first touches of fresh memory cost as
/// much as the decoding, and they scale with threads) while the next piece is read
/// and the last one hashed.
pub(super) fn read(input: &mut (impl Read + Send), count: usize, bounds: Bounds) -> Option<Vec<Observation>> {
    let mut hasher = Xxh3::new();
    let mut observations = Vec::with_capacity(count);
    let bad = AtomicBool::new(false);
    let piece_len = |done: usize| count.saturating_sub(done).min(PER_PIECE) * RECORD;
    let mut current = vec![0u8; piece_len(0)];
    let mut next = Vec::with_capacity(current.len());
    input.read_exact(&mut current).ok()?;
    let mut done = 0;
    while !current.is_empty() {
        done += current.len() / RECORD;
        let (read_next, ()) = rayon::join(
            || {
                hasher.update(&current);
                next.resize(piece_len(done), 0);
                input.read_exact(&mut next)
            },
            || {
                observations.par_extend(current.par_chunks_exact(RECORD).map(|record| {
                    decode(record, bounds).unwrap_or_else(|| {
                        bad.store(true, Ordering::Relaxed);
                        placeholder()
                    })
                }))
            },
        );
        read_next.ok()?;
        std::mem::swap(&mut current, &mut next);
    }
    let mut checksum = [0u8; 8];
    input.read_exact(&mut checksum).ok()?;
    let whole = !bad.load(Ordering::Relaxed) && observations.len() == count;
    (whole && u64::from_le_bytes(checksum) == hasher.digest()).then_some(observations)
}

/// Stands in for a record that does not decode (the whole read is then refused).
fn placeholder() -> Observation {
    Observation::new(CityId(0), None, ItemId(0), Value::NotReported, Origin::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Observation> {
        let mut all = Vec::new();
        for (i, value) in [
            Value::Number(-0.0),
            Value::Number(f64::MAX),
            Value::Number(1e-300),
            Value::Flag(false),
            Value::Flag(true),
            Value::NotReported,
        ]
        .into_iter()
        .enumerate()
        {
            for year in [None, Some(-5), Some(2024)] {
                all.push(Observation::new(
                    CityId::new(i),
                    year,
                    ItemId::new(2 * i + 1),
                    value,
                    Origin {
                        table: i as u32 % 2,
                        row: u32::MAX - i as u32,
                    },
                ));
            }
        }
        all
    }

    const BOUNDS: Bounds = Bounds {
        cities: 6,
        items: 12,
        tables: 2,
    };

    fn written(observations: &[Observation]) -> Vec<u8> {
        let mut bytes = Vec::new();
        let checksum = write(observations, &mut bytes).expect("write");
        bytes.extend(checksum.to_le_bytes());
        bytes
    }

    #[test]
    fn records_read_back_as_written() {
        let all = sample();
        let bytes = written(&all);
        assert_eq!(bytes.len(), all.len() * RECORD + 8);
        let back = read(&mut bytes.as_slice(), all.len(), BOUNDS).expect("read");
        assert_eq!(back.len(), all.len());
        for (a, b) in all.iter().zip(&back) {
            // -0.0 == 0.0, so the bits are compared.
            let bits = |v: &Value| match v {
                Value::Number(x) => Some(x.to_bits()),
                _ => None,
            };
            assert_eq!(
                (a.city, a.item(), a.year(), a.origin()),
                (b.city, b.item(), b.year(), b.origin())
            );
            assert_eq!(
                (bits(&a.value()), a.value().display()),
                (bits(&b.value()), b.value().display())
            );
        }
    }

    #[test]
    fn many_pieces_read_back() {
        let one = sample().remove(1);
        let all = vec![one; PER_PIECE * 2 + 7];
        let back = read(&mut written(&all).as_slice(), all.len(), BOUNDS).expect("read");
        assert_eq!(back, all);
    }

    #[test]
    fn damaged_records_are_refused() {
        let all = sample();
        let bytes = written(&all);
        assert!(
            read(&mut &bytes[..bytes.len() - 1], all.len(), BOUNDS).is_none(),
            "short"
        );
        let mut flipped = bytes.clone();
        flipped[RECORD + 14] ^= 1;
        assert!(read(&mut flipped.as_slice(), all.len(), BOUNDS).is_none(), "checksum");
        let narrow = Bounds { cities: 5, ..BOUNDS };
        assert!(
            read(&mut bytes.as_slice(), all.len(), narrow).is_none(),
            "a city out of bounds"
        );
        let mut bad_flags = all.clone();
        bad_flags.truncate(1);
        let mut one = written(&bad_flags);
        one[12] = 0b0000_1000; // an unused bit
        let checksum = xxhash_rust::xxh3::xxh3_64(&one[..RECORD]);
        one[RECORD..].copy_from_slice(&checksum.to_le_bytes());
        assert!(read(&mut one.as_slice(), 1, BOUNDS).is_none(), "unknown flags");
        // Years an observation cannot hold, and an item past the bounds, with a good checksum.
        for (at, bytes, what) in [
            (8, 40_000i32.to_le_bytes(), "a year past i16"),
            (8, i32::from(i16::MIN).to_le_bytes(), "the no-year mark as a year"),
            (4, 12i32.to_le_bytes(), "an item out of bounds"),
        ] {
            let mut one = written(&all[1..2]);
            one[at..at + 4].copy_from_slice(&bytes);
            let checksum = xxhash_rust::xxh3::xxh3_64(&one[..RECORD]);
            one[RECORD..].copy_from_slice(&checksum.to_le_bytes());
            assert!(read(&mut one.as_slice(), 1, BOUNDS).is_none(), "{what}");
        }
    }
}
