//! Finding candidates in raw files: one pass per file, in windows, that
//! keeps offsets where a frame or a head value could start. Cheap tests
//! only (a plausible length, the version byte, a seq); no hashing here.

use crate::core::Hash32;
use crate::ledger::chain::Hash;
use crate::ledger::codec::{self, MAX_RECORD_BYTES};
use crate::ledger::layout;
use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// Bytes read per window; windows overlap by `OVERLAP` so nothing that
/// starts near a window's end is missed.
pub(super) const WINDOW: usize = 4 << 20;
/// Enough for a frame header plus a seq varint, and for a head value.
const OVERLAP: usize = 64;
const FRAME_HEADER: usize = 36;
const HEAD_BYTES: usize = 48;

/// Where a candidate frame's record bytes lie.
pub(super) struct Candidate {
    pub file: usize,
    pub offset: u64,
    pub len: u32,
    pub hash: Hash,
}

#[derive(Default)]
pub(super) struct Index {
    pub by_seq: HashMap<u64, Vec<Candidate>>,
    /// Head values by (seq, hash): their recorded time, and whether one was
    /// found right after the key `h` itself (`01 68 30`: key length, key,
    /// value length), as sled writes a single update.
    pub heads: HashMap<(u64, [u8; 32]), (i64, bool)>,
}

/// Every regular file under `dir`, sorted (symlinks are not followed).
pub(super) fn list_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
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
pub(super) fn scan_file(file: &mut File, window: usize, id: usize, index: &mut Index) -> std::io::Result<()> {
    let size = file.metadata()?.len();
    let mut buf = vec![0u8; (window + OVERLAP).min(size as usize)];
    let mut pos = 0u64;
    let mut lead = [0u8; 3];
    while pos < size {
        let n = ((size - pos) as usize).min(buf.len());
        file.seek(SeekFrom::Start(pos))?;
        file.read_exact(&mut buf[..n])?;
        let last_window = pos + n as u64 >= size;
        let starts = if last_window { n } else { window.min(n) };
        scan(&buf[..n], pos, size, starts, lead, id, index);
        for &b in &buf[starts.saturating_sub(3)..starts] {
            lead = [lead[1], lead[2], b];
        }
        pos += starts as u64;
    }
    Ok(())
}

/// Looks at every start offset below `starts` in `buf` (which begins at
/// file offset `base`, right after the bytes `lead`) for a frame or a head value.
fn scan(buf: &[u8], base: u64, size: u64, starts: usize, lead: [u8; 3], id: usize, index: &mut Index) {
    let before = |i: usize, k: usize| if i >= k { buf[i - k] } else { lead[3 + i - k] };
    for i in 0..starts {
        let rest = &buf[i..];
        if rest.len() > FRAME_HEADER && matches!(rest[FRAME_HEADER], codec::FORMAT_VERSION | codec::FORMAT_V1)
        {
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
        let after_len = before(i, 1) == HEAD_BYTES as u8;
        if after_len
            && rest.len() >= HEAD_BYTES
            && rest[..4] == [0; 4]
            && rest[40] == 0
            && rest[41..48] != [0; 7]
        {
            let seq = u64::from_be_bytes(rest[..8].try_into().expect("8 bytes"));
            let hash: [u8; 32] = rest[8..40].try_into().expect("32 bytes");
            if seq >= 1 && hash != [0; 32] {
                let micros = i64::from_be_bytes(rest[40..48].try_into().expect("8 bytes"));
                let keyed = before(i, 3) == 1 && before(i, 2) == layout::HEAD_KEY[0];
                let seen = index.heads.entry((seq, hash)).or_insert((micros, false));
                seen.1 |= keyed;
            }
        }
    }
}

/// Reads a candidate's record bytes into `buf`.
pub(super) fn read_at<'b>(file: &mut File, c: &Candidate, buf: &'b mut Vec<u8>) -> Option<&'b [u8]> {
    buf.resize(c.len as usize, 0);
    file.seek(SeekFrom::Start(c.offset)).ok()?;
    file.read_exact(buf).ok()?;
    Some(buf)
}
