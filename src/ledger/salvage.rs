//! Salvage: the longest verified prefix of the chain, read from a store's
//! files as raw bytes. sled refuses a damaged store as a whole, but every
//! record frame (`len ‖ stored hash ‖ record`, layout.rs) lies in its files
//! as contiguous bytes, often in several copies (old and new page versions).
//! The hash chain pins the content, so any copy that links is the record.
//!
//! One pass over each file finds candidate frames cheaply (plausible length,
//! version byte, a seq), indexed by seq; the walk then hashes only the
//! candidates for the next expected seq. Memory holds the index, a read
//! window and one record at a time.

use crate::core::{Envelope, Event, Hash32};
use crate::error::{Error, Result};
use crate::ledger::chain::{link, Digest, Hash};
use crate::ledger::codec::{self, MAX_RECORD_BYTES};
use crate::ledger::store::StoredRecord;
use std::collections::{HashMap, HashSet};
use std::fs::{self, File};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// Bytes read per window; windows overlap by `OVERLAP` so nothing that
/// starts near a window's end is missed.
const WINDOW: usize = 4 << 20;
/// Enough for a frame header plus a seq varint, and for a head value.
const OVERLAP: usize = 64;
const FRAME_HEADER: usize = 36;
const HEAD_BYTES: usize = 48;

/// Where a candidate frame's record bytes lie.
struct Candidate {
    file: usize,
    offset: u64,
    len: u32,
    hash: Hash,
}

/// What a salvage found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Records recovered: 1..=records, each verified.
    pub records: u64,
    /// The last recovered record.
    pub last: Option<Digest>,
    /// The file and the offset just past the last recovered record's frame.
    pub last_at: Option<(PathBuf, u64)>,
    /// Copies of the next record that were found but did not verify.
    pub rejected_next: usize,
    /// The newest head value found (the `h` key), counting only those that
    /// name a recovered record or one past them: equal to `records` when
    /// the salvage reached the head.
    pub head: Option<u64>,
    /// Files read.
    pub files: usize,
}

impl Outcome {
    pub fn reached_head(&self) -> bool {
        self.records > 0 && self.head == Some(self.records)
    }
}

#[derive(Default)]
struct Index {
    by_seq: HashMap<u64, Vec<Candidate>>,
    heads: HashSet<(u64, [u8; 32])>,
}

/// Reads every file under `dir` and hands each record of the longest
/// verified prefix of the chain, in order, to `sink`.
pub fn salvage(dir: &Path, mut sink: impl FnMut(&StoredRecord, &Envelope) -> Result<()>) -> Result<Outcome> {
    let unreadable = |e: std::io::Error| Error::Unreadable { path: dir.to_path_buf(), cause: e.to_string() };
    let meta = fs::metadata(dir).map_err(unreadable)?;
    if !meta.is_dir() {
        return Err(Error::Unreadable { path: dir.to_path_buf(), cause: "is not a directory".into() });
    }
    let mut paths = Vec::new();
    list_files(dir, &mut paths).map_err(unreadable)?;
    let mut files = Vec::with_capacity(paths.len());
    let mut index = Index::default();
    for path in &paths {
        // A file that cannot be opened is skipped: other copies may hold its records.
        let Ok(mut file) = File::open(path) else { continue };
        if scan_file(&mut file, files.len(), &mut index).is_ok() {
            files.push((path.clone(), file));
        }
    }
    let mut out =
        Outcome { records: 0, last: None, last_at: None, rejected_next: 0, head: None, files: files.len() };
    let mut prev = Hash::ZERO;
    let mut last_time = None;
    let mut chain: HashMap<u64, Hash> = HashMap::new();
    let mut buf = Vec::new();
    'walk: loop {
        let seq = out.records + 1;
        let candidates = index.by_seq.get(&seq).map_or(&[][..], Vec::as_slice);
        out.rejected_next = 0;
        for c in candidates {
            if c.hash != link(&prev, read_at(&mut files[c.file].1, c, &mut buf).unwrap_or(&[])) {
                out.rejected_next += 1;
                continue;
            }
            let env = match codec::decode(&buf) {
                Ok(env) if env.seq == seq && last_time.is_none_or(|t| env.recorded_at >= t) => env,
                _ => {
                    out.rejected_next += 1;
                    continue;
                }
            };
            if seq == 1 && !matches!(env.event, Event::LedgerOpened { .. }) {
                out.rejected_next += 1;
                continue;
            }
            let rec = StoredRecord { seq, hash: c.hash, bytes: std::mem::take(&mut buf) };
            sink(&rec, &env)?;
            prev = rec.hash;
            last_time = Some(env.recorded_at);
            chain.insert(seq, rec.hash);
            out.records = seq;
            out.last = Some(Digest { seq, hash: rec.hash });
            out.last_at = Some((files[c.file].0.clone(), c.offset + u64::from(c.len)));
            continue 'walk;
        }
        break;
    }
    // A head value counts when it names a record of the recovered chain,
    // or one past it (the store once reached further); the newest wins.
    out.head = index
        .heads
        .iter()
        .filter(|(seq, hash)| *seq > out.records || chain.get(seq).map(|h| h.0) == Some(*hash))
        .map(|(seq, _)| *seq)
        .max();
    Ok(out)
}

/// Every regular file under `dir`, sorted (symlinks are not followed).
fn list_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<std::io::Result<_>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let kind = e.file_type()?;
        if kind.is_dir() {
            list_files(&e.path(), out)?;
        } else if kind.is_file() {
            out.push(e.path());
        }
    }
    Ok(())
}

/// One pass over a file, window by window.
fn scan_file(file: &mut File, id: usize, index: &mut Index) -> std::io::Result<()> {
    let size = file.metadata()?.len();
    let mut buf = vec![0u8; (WINDOW + OVERLAP).min(size as usize)];
    let mut pos = 0u64;
    let mut lead = 0u8;
    while pos < size {
        let n = ((size - pos) as usize).min(buf.len());
        file.seek(SeekFrom::Start(pos))?;
        file.read_exact(&mut buf[..n])?;
        let last_window = pos + n as u64 >= size;
        let starts = if last_window { n } else { WINDOW.min(n) };
        scan(&buf[..n], pos, size, starts, lead, id, index);
        lead = buf[starts - 1];
        pos += starts as u64;
    }
    Ok(())
}

/// Looks at every start offset below `starts` in `buf` (which begins at
/// file offset `base`, right after the byte `lead`) for a frame or a head value.
fn scan(buf: &[u8], base: u64, size: u64, starts: usize, lead: u8, id: usize, index: &mut Index) {
    for i in 0..starts {
        let rest = &buf[i..];
        if rest.len() > FRAME_HEADER && rest[FRAME_HEADER] == codec::FORMAT_VERSION {
            let len = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]);
            let body = base + (i + FRAME_HEADER) as u64;
            let fits = len as usize <= MAX_RECORD_BYTES && len > 0 && body + u64::from(len) <= size;
            let head_bytes = &rest[FRAME_HEADER..rest.len().min(FRAME_HEADER + len as usize)];
            if let Some(seq) = codec::peek_seq(head_bytes).filter(|s| fits && *s >= 1) {
                let hash = Hash32(rest[4..FRAME_HEADER].try_into().expect("32 bytes"));
                index.by_seq.entry(seq).or_default().push(Candidate { file: id, offset: body, len, hash });
            }
        }
        // A head value, after its length byte (48): seq (u64 BE) ‖ hash ‖
        // recorded_at (i64 BE); plausible: seq below 2^32, a time after 1970
        // and before the year 2540.
        let after_len = if i == 0 { lead } else { buf[i - 1] } == HEAD_BYTES as u8;
        if after_len
            && rest.len() >= HEAD_BYTES
            && rest[..4] == [0; 4]
            && rest[40] == 0
            && rest[41..48] != [0; 7]
        {
            let seq = u64::from_be_bytes(rest[..8].try_into().expect("8 bytes"));
            let hash: [u8; 32] = rest[8..40].try_into().expect("32 bytes");
            if seq >= 1 && hash != [0; 32] {
                index.heads.insert((seq, hash));
            }
        }
    }
}

/// Reads a candidate's record bytes into `buf`.
fn read_at<'b>(file: &mut File, c: &Candidate, buf: &'b mut Vec<u8>) -> Option<&'b [u8]> {
    buf.resize(c.len as usize, 0);
    file.seek(SeekFrom::Start(c.offset)).ok()?;
    file.read_exact(buf).ok()?;
    Some(buf)
}
