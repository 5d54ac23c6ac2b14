//! Large long CSV files read in one pass, straight from the file.
//!
//! Why: at 10,000 cities (11.2 M rows, 432 MB) the table path read the whole
//! file into memory (0.36 s, the pages touched once), split it into cells, coded
//! the cells into a table (1.1 s), then read the table's rows (0.8 s). Most
//! large files are machine-written long tables (`city, year, kpi, data_point,
//! value`, no quotes), and most of their records have nothing to report: those
//! can become observations as the text is read. Here a second thread reads the
//! file in blocks of whole lines while both cores read the records of the last
//! blocks ([`RowReader::read_plain`]); records with anything to report go
//! through the table path, record by record, so the result is the same to the
//! letter (tests compare the two).
//!
//! Only a plain file is read this way: text (UTF-8) whose first line is a header
//! of exactly the long table's columns, no quote anywhere, every record with the
//! header's number of fields. Anything else found on the way (a quote in the
//! last block, say) drops what was read and the file goes through the table
//! path, which reports it.

mod frame;
mod shared;
mod text;

pub(crate) use frame::read_long_frame;
pub(crate) use text::read_long_file;
#[cfg(test)]
use text::read_long_text;

#[cfg(test)]
mod tests;
