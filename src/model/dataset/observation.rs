//! One observation in 24 bytes.
//!
//! Why: at 10,000 cities a dataset holds 11.2 M observations, and every byte of
//! one is 11 MB written by the import (first touches of fresh memory were a
//! quarter of its time), walked by the index and read by scoring. The plain
//! struct took 40 bytes: `Option<i32>` and the `Value` enum each pad to 8 bytes
//! around 4 of content. Here the value's kind shares a `u16` with the item
//! (a catalogue holds at most [`ItemId::LIMIT`] items, checked when it is
//! built) and the year is an `i16` (the import accepts 1800-2200).
//!
//! The fields are private; [`Observation::new`] and the accessors speak the
//! plain types, and serde writes the plain form, so files and messages did
//! not change.

use std::fmt;

use super::{CityId, Origin, Value};
use crate::model::ItemId;

/// One value of one item for one city and year.
#[derive(Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "Plain", into = "Plain")]
pub struct Observation {
    /// The value when it is a number, else 0.
    number: f64,
    pub city: CityId,
    row: u32,
    table: u32,
    /// The item's index in the low 14 bits, the kind of value in the top two.
    item_kind: u16,
    /// [`NO_YEAR`] when the file gave no year.
    year: i16,
}

const NO_YEAR: i16 = i16::MIN;
const ITEM_BITS: u32 = 14;
const ITEM_MASK: u16 = (1 << ITEM_BITS) - 1;
const NUMBER: u16 = 0;
const NO: u16 = 1;
const YES: u16 = 2;
const NOT_REPORTED: u16 = 3;

impl Observation {
    /// An observation. Precondition, kept by every catalogue and by the import:
    /// `item` is under [`ItemId::LIMIT`] and a year within ±32,767 (outside,
    /// the item is cut to its 14 bits and the year to the range).
    #[inline]
    pub fn new(city: CityId, year: Option<i32>, item: ItemId, value: Value, origin: Origin) -> Observation {
        debug_assert!(item.index() < ItemId::LIMIT, "item {item:?} past the limit");
        let (kind, number) = match value {
            Value::Number(v) => (NUMBER, v),
            Value::Flag(false) => (NO, 0.0),
            Value::Flag(true) => (YES, 0.0),
            Value::NotReported => (NOT_REPORTED, 0.0),
        };
        Observation {
            number,
            city,
            row: origin.row,
            table: origin.table,
            item_kind: (item.0 as u16 & ITEM_MASK) | kind << ITEM_BITS,
            year: year.map_or(NO_YEAR, |y| y.clamp(-i32::from(i16::MAX), i32::from(i16::MAX)) as i16),
        }
    }

    /// `None` when the file gave no year (a single snapshot).
    #[inline]
    pub fn year(&self) -> Option<i32> {
        (self.year != NO_YEAR).then_some(i32::from(self.year))
    }

    #[inline]
    pub fn item(&self) -> ItemId {
        ItemId(u32::from(self.item_kind & ITEM_MASK))
    }

    #[inline]
    pub fn value(&self) -> Value {
        match self.item_kind >> ITEM_BITS {
            NUMBER => Value::Number(self.number),
            NO => Value::Flag(false),
            YES => Value::Flag(true),
            _ => Value::NotReported,
        }
    }

    /// Where it was read; [`super::Dataset::origin`] names the file and row.
    #[inline]
    pub fn origin(&self) -> Origin {
        Origin {
            table: self.table,
            row: self.row,
        }
    }

    /// Whether it counts in `year`: a value counts in its own year and after it,
    /// a value without a year in every year, and with no year asked every value
    /// counts (each KPI keeps its own data year, as in U4SSC reports).
    #[inline]
    pub fn counts_in(&self, year: Option<i32>) -> bool {
        match (year, self.year()) {
            (None, _) | (_, None) => true,
            (Some(wanted), Some(y)) => y <= wanted,
        }
    }

    /// Item, then year (none first), in one number that sorts the same (the
    /// index sorts by it): the item's 14 bits above the year's 16.
    #[inline]
    pub(crate) fn item_year_key(&self) -> u32 {
        u32::from(self.item_kind & ITEM_MASK) << 16 | u32::from(self.year as u16 ^ 0x8000)
    }
}

impl fmt::Debug for Observation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Observation")
            .field("city", &self.city)
            .field("year", &self.year())
            .field("item", &self.item())
            .field("value", &self.value())
            .field("origin", &self.origin())
            .finish()
    }
}

/// The plain form, as serde reads and writes it.
#[derive(serde::Serialize, serde::Deserialize)]
struct Plain {
    city: CityId,
    year: Option<i32>,
    item: ItemId,
    value: Value,
    origin: Origin,
}

impl From<Observation> for Plain {
    fn from(o: Observation) -> Plain {
        Plain {
            city: o.city,
            year: o.year(),
            item: o.item(),
            value: o.value(),
            origin: o.origin(),
        }
    }
}

impl TryFrom<Plain> for Observation {
    type Error = String;

    /// Refuses what the compact form cannot hold, rather than change it.
    fn try_from(p: Plain) -> Result<Observation, String> {
        if p.item.index() >= ItemId::LIMIT {
            return Err(format!("item {} is past the limit of {}", p.item.0, ItemId::LIMIT));
        }
        if let Some(y) = p
            .year
            .filter(|y| i16::try_from(*y).is_err() || *y == i32::from(NO_YEAR))
        {
            return Err(format!("year {y} is out of range"));
        }
        Ok(Observation::new(p.city, p.year, p.item, p.value, p.origin))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Eleven million observations at 10,000 cities: each byte here is 11 MB.
    #[test]
    fn an_observation_takes_24_bytes() {
        assert_eq!(std::mem::size_of::<Observation>(), 24);
    }

    #[test]
    fn every_part_reads_back_as_given() {
        let values = [
            Value::Number(-0.0),
            Value::Number(f64::MAX),
            Value::Number(f64::MIN_POSITIVE),
            Value::Number(-7.25),
            Value::Flag(false),
            Value::Flag(true),
            Value::NotReported,
        ];
        for value in values {
            for year in [None, Some(-32767), Some(0), Some(1800), Some(2200), Some(32767)] {
                for item in [0, 1, 111, ItemId::LIMIT - 1] {
                    let origin = Origin {
                        table: u32::MAX,
                        row: 7,
                    };
                    let o = Observation::new(CityId(u32::MAX), year, ItemId::new(item), value, origin);
                    let back = (o.city, o.year(), o.item(), o.value(), o.origin());
                    assert_eq!(back, (CityId(u32::MAX), year, ItemId::new(item), value, origin));
                    let json = serde_json::to_string(&o).expect("json");
                    let again: Observation = serde_json::from_str(&json).expect("read back");
                    assert_eq!(again, o, "{json}");
                }
            }
        }
    }

    #[test]
    fn the_plain_form_out_of_range_is_refused() {
        let text = |item: u32, year: i32| {
            format!(r#"{{"city":0,"year":{year},"item":{item},"value":"NotReported","origin":{{"table":0,"row":1}}}}"#)
        };
        assert!(serde_json::from_str::<Observation>(&text(3, 2020)).is_ok());
        assert!(serde_json::from_str::<Observation>(&text(ItemId::LIMIT as u32, 2020)).is_err());
        assert!(serde_json::from_str::<Observation>(&text(3, 40_000)).is_err());
        assert!(serde_json::from_str::<Observation>(&text(3, -32768)).is_err());
    }
}
