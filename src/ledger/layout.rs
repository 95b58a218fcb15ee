//! How records are laid out in sled (see docs/decisions/0002-sled-layout.md).
//!
//! One tree, four key families, in key order:
//! - `c` + chunk index (u64 BE) → a sealed chunk: exactly `CHUNK` frames,
//!   records `index*CHUNK + 1 ..= (index+1)*CHUNK`;
//! - `h` → the head: seq (u64 BE) ‖ hash (32) ‖ recorded_at µs (i64 BE);
//! - `t` + seq (u64 BE) → one frame of the open tail (not yet sealed);
//! - `v` → the layout marker `FORMAT_MARKER`.
//!
//! A frame is `len (u32 LE) ‖ stored hash (32) ‖ record bytes (len)`.
//! Sealing moves the tail into a chunk in the same atomic batch, so a full
//! scan reads one sled value per 24 records instead of one per record.

use crate::core::Hash32;
use crate::ledger::chain::Hash;

/// Records per sealed chunk. sled writes a page larger than a quarter of
/// its 512 KiB segment to a separate blob file that its flush never syncs,
/// and a leaf page holds up to 16 values: 24 records of ~230 bytes make
/// ~6 KiB chunks, so even a full page of chunks (~90 KiB) stays in the
/// synced log (docs/decisions/0002-sled-layout.md).
pub const CHUNK: u64 = 24;
pub const HEAD_KEY: &[u8] = b"h";
pub const FORMAT_KEY: &[u8] = b"v";
pub const FORMAT_MARKER: &[u8] = b"candor-ledger/1";
pub const CHUNK_PREFIX: u8 = b'c';
pub const TAIL_PREFIX: u8 = b't';
const FRAME_HEADER: usize = 4 + 32;

pub fn chunk_key(index: u64) -> [u8; 9] {
    prefixed(CHUNK_PREFIX, index)
}

pub fn tail_key(seq: u64) -> [u8; 9] {
    prefixed(TAIL_PREFIX, seq)
}

fn prefixed(prefix: u8, n: u64) -> [u8; 9] {
    let mut k = [prefix; 9];
    k[1..].copy_from_slice(&n.to_be_bytes());
    k
}

/// The number after a one-byte prefix in a chunk or tail key.
pub fn key_number(key: &[u8]) -> Option<u64> {
    let bytes: [u8; 8] = key.get(1..)?.try_into().ok()?;
    Some(u64::from_be_bytes(bytes))
}

/// Chunk index holding `seq` (seq ≥ 1).
pub fn chunk_of(seq: u64) -> u64 {
    (seq - 1) / CHUNK
}

pub fn chunk_first_seq(index: u64) -> u64 {
    index * CHUNK + 1
}

/// Whether `seq` is the last record of its chunk (appending it seals one).
pub fn seals_chunk(seq: u64) -> bool {
    seq % CHUNK == 0
}

pub fn push_frame(out: &mut Vec<u8>, hash: &Hash, record: &[u8]) {
    out.extend_from_slice(&(record.len() as u32).to_le_bytes());
    out.extend_from_slice(&hash.0);
    out.extend_from_slice(record);
}

/// One frame read back: the stored hash and the record bytes.
#[derive(Clone, Copy, Debug)]
pub struct Frame<'a> {
    pub hash: Hash,
    pub record: &'a [u8],
}

/// Splits a value into frames; the error says where the framing breaks
/// (the index of the first frame that cannot be read).
pub fn split_frames(buf: &[u8]) -> Result<Vec<Frame<'_>>, (usize, String)> {
    match split_frames_partial(buf) {
        (frames, None) => Ok(frames),
        (_, Some(broken)) => Err(broken),
    }
}

/// Like `split_frames`, but also returns the frames read before a break,
/// so a damaged length still lets the frames before it be checked.
pub fn split_frames_partial(buf: &[u8]) -> (Vec<Frame<'_>>, Option<(usize, String)>) {
    let mut frames = Vec::new();
    let mut reader = Frames::new(buf);
    for frame in reader.by_ref() {
        frames.push(frame);
    }
    (frames, reader.broken)
}

/// The frames of a value one by one, without collecting them (a whole
/// scan reads tens of thousands of values); `broken` says where the
/// framing broke, once the iterator has stopped.
pub struct Frames<'a> {
    rest: &'a [u8],
    at: usize,
    pub broken: Option<(usize, String)>,
}

impl<'a> Frames<'a> {
    pub fn new(buf: &'a [u8]) -> Frames<'a> {
        Frames { rest: buf, at: 0, broken: None }
    }
}

impl<'a> Iterator for Frames<'a> {
    type Item = Frame<'a>;

    fn next(&mut self) -> Option<Frame<'a>> {
        let buf = self.rest;
        if buf.is_empty() || self.broken.is_some() {
            return None;
        }
        if buf.len() < FRAME_HEADER {
            self.broken = Some((self.at, format!("truncated frame header ({} bytes)", buf.len())));
            return None;
        }
        let len = u32::from_le_bytes([buf[0], buf[1], buf[2], buf[3]]) as usize;
        let hash = Hash32(buf[4..FRAME_HEADER].try_into().expect("32 bytes"));
        let Some(end) = FRAME_HEADER.checked_add(len).filter(|e| *e <= buf.len()) else {
            let why = format!("frame length {len} runs past the end of the stored value");
            self.broken = Some((self.at, why));
            return None;
        };
        self.rest = &buf[end..];
        self.at += 1;
        Some(Frame { hash, record: &buf[FRAME_HEADER..end] })
    }
}

/// The head as stored under `HEAD_KEY`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeadRecord {
    pub seq: u64,
    pub hash: Hash,
    pub recorded_at_micros: i64,
}

impl HeadRecord {
    pub fn to_bytes(self) -> [u8; 48] {
        let mut b = [0u8; 48];
        b[..8].copy_from_slice(&self.seq.to_be_bytes());
        b[8..40].copy_from_slice(&self.hash.0);
        b[40..].copy_from_slice(&self.recorded_at_micros.to_be_bytes());
        b
    }

    pub fn from_bytes(b: &[u8]) -> Option<HeadRecord> {
        if b.len() != 48 {
            return None;
        }
        Some(HeadRecord {
            seq: u64::from_be_bytes(b[..8].try_into().ok()?),
            hash: Hash32(b[8..40].try_into().ok()?),
            recorded_at_micros: i64::from_be_bytes(b[40..].try_into().ok()?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_report_breaks() {
        let mut buf = Vec::new();
        push_frame(&mut buf, &Hash32([1; 32]), b"one");
        push_frame(&mut buf, &Hash32([2; 32]), b"");
        let frames = split_frames(&buf).unwrap();
        assert_eq!(frames.len(), 2);
        assert_eq!(frames[0].record, b"one");
        assert_eq!(frames[1].hash, Hash32([2; 32]));
        assert_eq!(split_frames(&buf[..buf.len() - 1]).unwrap_err().0, 1);
        buf[0] = 0xff;
        assert_eq!(split_frames(&buf).unwrap_err().0, 0);
    }

    #[test]
    fn chunk_arithmetic() {
        assert_eq!(chunk_of(1), 0);
        assert_eq!(chunk_of(CHUNK), 0);
        assert_eq!(chunk_of(CHUNK + 1), 1);
        assert_eq!(chunk_first_seq(1), CHUNK + 1);
        assert!(seals_chunk(CHUNK) && !seals_chunk(CHUNK + 1));
        assert_eq!(key_number(&chunk_key(7)), Some(7));
        let h = HeadRecord { seq: 9, hash: Hash32([3; 32]), recorded_at_micros: -5 };
        assert_eq!(HeadRecord::from_bytes(&h.to_bytes()), Some(h));
    }
}
