//! The text path of the one-pass reader: a large plain CSV file read in blocks
//! of whole lines (see the parent module for why).

use std::io::Read;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, SyncSender};

use rayon::prelude::*;

use crate::model::{Catalogue, Observation};

use super::super::detect::{Format, detect};
use super::super::headers::unique_headers;
use super::super::input::{Input, MAX_FILE_BYTES};
use super::super::report::ImportReport;
use super::super::reshape::TableDefaults;
use super::super::rows::{NotPlain, PlainShape, RowReader};
use super::super::text::{sniff_separator, split_header};
use super::super::values::ValuesBuilder;
use super::shared::{Streamed, merge_in_order, plain_columns};

/// Delimited files from this size on are tried in one pass. Measured at 1,000
/// cities (43 MB, `cityprofile score`, paired runs): 0.19 s and 121 MiB in one
/// pass, against 0.37 s and 208 MiB through the table. Below, the difference is
/// a few milliseconds, and small files keep the table path.
pub(crate) const STREAM_MIN_BYTES: u64 = 1 << 20;

/// The file is read in blocks of about this many bytes (whole lines). Small
/// enough that a block's text and its observations (about 1.2 MB) stay in the
/// cores' caches between the read, the records and the merge. Measured on 10,000
/// cities (import alone, in one process, 5 runs each): 8 MB blocks 0.82-0.85 s,
/// 2 MB 0.69-0.77 s, 1 MB 0.67-0.71 s, 512 KB 0.79-0.87 s.
const BLOCK_BYTES: usize = 1 << 20;

/// Whole lines of the file and the number of records in them.
struct Block {
    bytes: Vec<u8>,
    records: usize,
}

/// Reads a large delimited file in one pass when it is a plain long table;
/// `None` when it is not (or cannot be opened): the table path then reads it.
pub(crate) fn read_long_file<'c>(
    catalogue: &'c Catalogue,
    input: &Input,
    name: &str,
    defaults: &TableDefaults,
) -> Option<Streamed<'c>> {
    let Input::Path(path) = input else { return None };
    let ext = path.extension()?.to_string_lossy().to_lowercase();
    if !matches!(ext.as_str(), "csv" | "tsv" | "txt" | "tab") {
        return None;
    }
    let size = std::fs::metadata(path).ok()?.len();
    if !(STREAM_MIN_BYTES..=MAX_FILE_BYTES).contains(&size) {
        return None;
    }
    let file = std::fs::File::open(path).ok()?;
    read_long_text(catalogue, file, (name, size), defaults, BLOCK_BYTES)
}

/// [`read_long_file`] of any source of `size` bytes, in blocks of `block` bytes.
pub(crate) fn read_long_text<'c>(
    catalogue: &'c Catalogue,
    source: impl Read + Send,
    (name, size): (&str, u64),
    defaults: &TableDefaults,
    block: usize,
) -> Option<Streamed<'c>> {
    let file: Arc<str> = Arc::from(name);
    std::thread::scope(|scope| {
        let (send, blocks) = std::sync::mpsc::sync_channel(1);
        let (give_back, spare) = std::sync::mpsc::channel();
        scope.spawn(move || produce(source, block, &send, &spare));
        // Returning drops `blocks`: a reader still at work stops at its next block.
        consume(catalogue, &file, (size, defaults), blocks, &give_back)
    })
}

/// Reads blocks of whole lines (the last one may end without a line break),
/// reusing the buffers handed back; stops at the end, on an error (sent on), or
/// when nobody listens any more.
fn produce(mut source: impl Read, block: usize, send: &SyncSender<std::io::Result<Block>>, spare: &Receiver<Vec<u8>>) {
    let block = block.max(1);
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let mut bytes = spare.try_recv().unwrap_or_default();
        bytes.clear();
        bytes.append(&mut carry);
        let (cut, end) = loop {
            let want = block.saturating_sub(bytes.len()).max(block / 2).max(1);
            let got = match (&mut source).take(want as u64).read_to_end(&mut bytes) {
                Ok(got) => got,
                Err(e) => {
                    let _ = send.send(Err(e));
                    return;
                }
            };
            if got < want {
                break (bytes.len(), true);
            }
            if bytes.len() >= block
                && let Some(k) = memchr::memrchr(b'\n', &bytes)
            {
                break (k + 1, false);
            }
        };
        carry.extend_from_slice(&bytes[cut..]);
        bytes.truncate(cut);
        let unended = end && !bytes.is_empty() && !bytes.ends_with(b"\n");
        let records = memchr::memchr_iter(b'\n', &bytes).count() + usize::from(unended);
        if send.send(Ok(Block { bytes, records })).is_err() || end {
            return;
        }
    }
}

/// Reads the blocks, a batch of one per core at a time, and merges each
/// block's reader in order; `None` as soon as the text is not plain.
fn consume<'c>(
    catalogue: &'c Catalogue,
    file: &Arc<str>,
    (size, defaults): (u64, &TableDefaults),
    blocks: Receiver<std::io::Result<Block>>,
    give_back: &Sender<Vec<u8>>,
) -> Option<Streamed<'c>> {
    let first = blocks.recv().ok()?.ok()?;
    let (shape, body) = plain_shape(&first.bytes, file, catalogue, defaults)?;
    let mut sample = None;
    let mut builder = ValuesBuilder::new(catalogue);
    let table_id = builder.dataset.add_table(file.clone(), None);
    // Room for every observation, from the first block's bytes per record (with a
    // margin; capacity never touched costs no memory), and never more than the
    // file could hold: a record with a value has at least a byte per field.
    let first_records = first.records.checked_sub(1)?;
    let per_record = ((first.bytes.len() - body) / first_records.max(1)).max(1);
    let most = size as usize / shape.headers.len().max(1);
    let estimate = (size as usize / per_record).saturating_mul(11) / 10 + 1024;
    // Without the room (a machine short of memory) the list simply grows as it goes.
    let _ = builder.dataset.observations.try_reserve(estimate.min(most));
    let mut report = ImportReport::default();
    let threads = rayon::current_num_threads().max(1);
    let mut lists: Vec<Vec<Observation>> = Vec::new();
    // Each block with where its records start in its bytes and the number of its first record.
    let mut batch = vec![(first, body, 0usize)];
    let (mut records, mut loaded, mut more) = (first_records, 0, true);
    loop {
        while batch.len() < threads && more {
            match blocks.recv() {
                Ok(read) => {
                    let block = read.ok()?;
                    let start = records;
                    records += block.records;
                    batch.push((block, 0, start));
                }
                Err(_) => more = false,
            }
        }
        if batch.is_empty() {
            break;
        }
        if sample.is_none()
            && let Some((block, start, _)) = batch.iter().find(|(block, start, _)| block.bytes.len() > *start)
        {
            sample = Some(first_record(&block.bytes[*start..], &shape));
        }
        loaded += read_batch(&batch, &shape, table_id, &mut builder, (&mut lists, &mut report))?;
        for (block, _, _) in batch.drain(..) {
            let _ = give_back.send(block.bytes);
        }
    }
    if records == 0 {
        return None; // the table path's warning for a header without rows
    }
    Some(Streamed::new(
        (builder, report),
        file,
        &shape,
        (records, loaded),
        sample,
    ))
}

/// Reads a batch of blocks (one per core) and merges their readers in order:
/// the observations added, or `None` when a block is not plain.
fn read_batch(
    batch: &[(Block, usize, usize)],
    shape: &PlainShape,
    table_id: u32,
    builder: &mut ValuesBuilder<'_>,
    (lists, report): (&mut Vec<Vec<Observation>>, &mut ImportReport),
) -> Option<usize> {
    let catalogue = builder.catalogue();
    let empty: Vec<Vec<Observation>> = batch.iter().map(|_| lists.pop().unwrap_or_default()).collect();
    let readers: Vec<RowReader<'_>> = batch
        .par_iter()
        .zip(empty)
        .map(|((block, start, first), list)| {
            let mut reader = RowReader::new(catalogue, table_id);
            reader.observations = list;
            let expected = block.records - usize::from(*start > 0);
            match reader.read_plain(block.bytes.get(*start..).unwrap_or_default(), *first, shape)? {
                n if n == expected => Ok(reader),
                _ => Err(NotPlain),
            }
        })
        .collect::<Result<_, NotPlain>>()
        .ok()?;
    Some(merge_in_order(builder, readers, (lists, report)))
}

/// The shape of a plain long table from the first block, and where its records
/// begin; `None` when the file needs the table path: not UTF-8 text, title
/// lines, a quote in the header, a column mapped by the user, a column other
/// than city, year, KPI, data point and value (each once; all but the data
/// point required), or a name that makes it another kind of table.
fn plain_shape(
    first: &[u8],
    file: &Arc<str>,
    catalogue: &Catalogue,
    defaults: &TableDefaults,
) -> Option<(PlainShape, usize)> {
    let utf16 = first.starts_with(&[0xFF, 0xFE]) || first.starts_with(&[0xFE, 0xFF]);
    if utf16 || detect(first) != Some(Format::Text) || defaults.mappings.iter().any(|m| *m.file == **file) {
        return None;
    }
    let bom = if first.starts_with(&[0xEF, 0xBB, 0xBF]) { 3 } else { 0 };
    let text = first.get(bom..)?;
    let header_end = memchr::memchr(b'\n', text)? + 1;
    if super::super::layout::text_header_start(text).is_some() || memchr::memchr(b'"', &text[..header_end]).is_some() {
        return None;
    }
    let sep = sniff_separator(text);
    let mut scratch = ImportReport::default();
    let headers = unique_headers(file, split_header(&text[..header_end], sep), &mut scratch);
    if !scratch.problems.is_empty() {
        return None;
    }
    let cols = plain_columns(&headers, file, catalogue)?;
    let shape = PlainShape {
        file: file.clone(),
        headers,
        sep,
        decimal_comma: sep != b',',
        first_line: 2,
        cols,
    };
    Some((shape, bom + header_end))
}

/// The first record's cells, as the table summary shows them ("" when empty).
fn first_record(body: &[u8], shape: &PlainShape) -> Vec<String> {
    let line = body.split(|&b| b == b'\n').next().unwrap_or_default();
    let mut cells: Vec<String> = line
        .split(|&b| b == shape.sep)
        .map(|cell| String::from_utf8_lossy(cell.strip_suffix(b"\r").unwrap_or(cell)).into_owned())
        .collect();
    cells.resize(shape.headers.len(), String::new());
    cells
}
