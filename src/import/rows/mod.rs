//! Reading value rows into observations: the [`RowReader`] (`reader.rs`), and
//! the shapes it reads: long tables (`long.rs`, one value per row), wide tables
//! (`wide.rs`), large plain texts and Parquet frames in one pass (`plain.rs`,
//! `frame.rs`, `typed.rs`); `notes.rs` checks the cells beside a value (unit,
//! band, quality, verified).

mod frame;
mod long;
mod notes;
mod plain;
mod reader;
mod typed;
mod wide;

pub(crate) use long::LongColumns;
pub(crate) use plain::{NotPlain, PlainShape};
pub(crate) use reader::{Extras, RowReader};
pub(crate) use typed::FrameColumn;
