//! Inputs that are not files on disk: standard input (`-`) and pipes, as a
//! shell's process substitution gives them (`<(zcat data.csv.gz)`, a
//! `/dev/fd/63` that is a pipe) or a named pipe (`mkfifo`). A pipe is read
//! once, whole; it is never hashed for the import cache (that would drain it).
//! Opening a named pipe waits for a program to open it for writing: without
//! one it would wait for ever, so the open is given [`PIPE_WAIT`], then gives up
//! with a message.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

/// How long the opening of a named pipe waits for a writer.
pub(crate) const PIPE_WAIT: Duration = Duration::from_secs(5);

/// True for the path `-`: standard input.
pub(crate) fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// True when the metadata is a pipe: read as a stream, never hashed. (A
/// device such as `/dev/zero` is not a data file: it is refused, not read.)
pub(crate) fn is_stream(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        meta.file_type().is_fifo()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// Why a stream could not be read, in words for the report.
pub(crate) enum StreamError {
    NoWriter,
    TooLarge,
    Io(std::io::Error),
}

/// Reads all of `source`, refusing more than `limit` bytes.
fn read_limited(source: impl Read, limit: u64) -> Result<Vec<u8>, StreamError> {
    let mut bytes = Vec::new();
    source
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(StreamError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(StreamError::TooLarge);
    }
    Ok(bytes)
}

/// All of standard input, up to `limit` bytes.
pub(crate) fn read_stdin(limit: u64) -> Result<Vec<u8>, StreamError> {
    read_limited(std::io::stdin().lock(), limit)
}

/// All of a pipe or device, up to `limit` bytes; a named pipe nobody opens for
/// writing within `wait` is [`StreamError::NoWriter`].
pub(crate) fn read_stream(path: &Path, wait: Duration, limit: u64) -> Result<Vec<u8>, StreamError> {
    read_limited(open_waiting(path, wait)?, limit)
}

/// Opens for reading on a thread of its own, so that an open that waits for a
/// writer can be given up; the thread is then released by opening the pipe for
/// writing without waiting (the reader it waits for is there), and ends.
fn open_waiting(path: &Path, wait: Duration) -> Result<std::fs::File, StreamError> {
    let (send, opened) = std::sync::mpsc::channel();
    let owned = path.to_path_buf();
    std::thread::Builder::new()
        .name("open pipe".into())
        .spawn(move || {
            let _ = send.send(std::fs::File::open(owned));
        })
        .map_err(StreamError::Io)?;
    match opened.recv_timeout(wait) {
        Ok(file) => file.map_err(StreamError::Io),
        Err(_) => {
            release(path);
            Err(StreamError::NoWriter)
        }
    }
}

/// Lets a thread blocked in opening a named pipe for reading go on.
#[cfg(unix)]
fn release(path: &Path) {
    use std::os::unix::fs::OpenOptionsExt;
    let _ = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path);
}

#[cfg(not(unix))]
fn release(_path: &Path) {}
