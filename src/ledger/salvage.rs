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

use crate::core::Event;
use crate::error::{Error, Result};
use crate::ledger::chain::{link, Digest, Hash};
use crate::ledger::codec::{self, Decoded};
use crate::ledger::store::StoredRecord;
use scan::{list_files, read_at, scan_file, Index, WINDOW};
use std::fs::{self, File};
use std::path::{Path, PathBuf};

mod scan;

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

/// Reads every file under `dir` and hands each record of the longest
/// verified prefix of the chain, in order, to `sink`.
pub fn salvage(dir: &Path, sink: impl FnMut(&StoredRecord, &Decoded) -> Result<()>) -> Result<Outcome> {
    salvage_in_windows(dir, WINDOW, sink)
}

fn salvage_in_windows(
    dir: &Path,
    window: usize,
    mut sink: impl FnMut(&StoredRecord, &Decoded) -> Result<()>,
) -> Result<Outcome> {
    let unreadable = |e: std::io::Error| Error::Unreadable { path: dir.to_path_buf(), cause: e.to_string() };
    if !fs::metadata(dir).map_err(unreadable)?.is_dir() {
        return Err(Error::Unreadable { path: dir.to_path_buf(), cause: "is not a directory".into() });
    }
    let mut paths = Vec::new();
    list_files(dir, &mut paths).map_err(unreadable)?;
    let mut files = Vec::with_capacity(paths.len());
    let mut index = Index::default();
    for path in paths {
        // A file that cannot be read is skipped: other copies may hold its records.
        let Ok(mut file) = File::open(&path) else { continue };
        if scan_file(&mut file, window, files.len(), &mut index).is_ok() {
            files.push((path, file));
        }
    }
    let mut out =
        Outcome { records: 0, last: None, last_at: None, rejected_next: 0, head: None, files: files.len() };
    let mut prev = Hash::ZERO;
    let mut last_time = None;
    let mut buf = Vec::new();
    'walk: loop {
        let seq = out.records + 1;
        out.rejected_next = 0;
        for c in index.by_seq.get(&seq).map_or(&[][..], Vec::as_slice) {
            // Decoding first turns away stray bytes cheaply; the hash decides.
            let decoded =
                read_at(&mut files[c.file].1, c, &mut buf).and_then(|b| codec::decode_record(b).ok());
            let decoded = match decoded {
                Some(d)
                    if d.envelope.seq == seq
                        && last_time.is_none_or(|t| {
                            crate::core::decide::clock::may_follow(
                                t,
                                d.envelope.recorded_at,
                                &d.envelope.event,
                            )
                        })
                        && (seq > 1 || matches!(d.envelope.event, Event::LedgerOpened { .. }))
                        && link(&prev, &buf) == c.hash =>
                {
                    d
                }
                _ => {
                    out.rejected_next += 1;
                    continue;
                }
            };
            let rec = StoredRecord { seq, hash: c.hash, bytes: std::mem::take(&mut buf) };
            sink(&rec, &decoded)?;
            // A head value counts when it names a record of the recovered chain.
            if index.heads.contains_key(&(seq, rec.hash.0)) {
                out.head = Some(seq);
            }
            prev = rec.hash;
            last_time = Some(decoded.envelope.recorded_at);
            out.records = seq;
            out.last = Some(Digest { seq, hash: rec.hash });
            out.last_at = Some((files[c.file].0.clone(), c.offset + u64::from(c.len)));
            continue 'walk;
        }
        break;
    }
    // ...or one past it — the store once reached further — when a frame of
    // that record carries its hash, or it follows the key `h` and is not
    // older than the last record recovered (stray bytes are neither).
    let beyond = |(seq, hash): &(u64, [u8; 32]), (micros, keyed): &(i64, bool)| {
        *seq > out.records
            && (index.by_seq.get(seq).is_some_and(|cs| cs.iter().any(|c| c.hash.0 == *hash))
                || (*keyed && last_time.is_none_or(|t: crate::core::Timestamp| *micros >= t.micros())))
    };
    let lost = index.heads.iter().filter(|(k, v)| beyond(k, v)).map(|((seq, _), _)| *seq).max();
    out.head = lost.or(out.head);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Envelope, Hash32, Timestamp};
    use crate::ledger::layout::{push_frame, HeadRecord};
    use crate::ledger::synthetic;

    /// Frames of a chain of `n` records, each also given as a record.
    fn chain(n: u64) -> Vec<(StoredRecord, Vec<u8>)> {
        let at = Timestamp::from_micros(1_767_600_000_000_000);
        let mut prev = Hash::ZERO;
        (1..=n)
            .map(|seq| {
                let env = Envelope {
                    seq,
                    recorded_at: at,
                    actor: "Lee".into(),
                    event: synthetic::event(seq, at.date()),
                };
                let bytes = codec::encode(&env).unwrap();
                prev = link(&prev, &bytes);
                let mut frame = Vec::new();
                push_frame(&mut frame, &prev, &bytes);
                (StoredRecord { seq, hash: prev, bytes }, frame)
            })
            .collect()
    }

    fn run(dir: &Path, window: usize) -> (Outcome, Vec<StoredRecord>) {
        let mut got = Vec::new();
        let o = salvage_in_windows(dir, window, |r, _| {
            got.push(r.clone());
            Ok(())
        })
        .unwrap();
        (o, got)
    }

    #[test]
    fn finds_frames_across_windows_skips_damaged_copies_and_stops_at_a_gap() {
        let records = chain(5);
        let head = HeadRecord { seq: 5, hash: records[4].0.hash, recorded_at_micros: 1_767_600_000_000_000 };
        let mut file = vec![1u8, 0, 0, 0, 9, 1, 0xfb];
        let mut damaged = records[1].1.clone();
        let last = damaged.len() - 1;
        damaged[last] ^= 1; // a copy of record 2 that no longer links
        file.extend_from_slice(&damaged);
        for (_, frame) in &records {
            file.extend_from_slice(frame);
            file.extend_from_slice(&[0, 1, 0, 0]);
        }
        file.push(48);
        file.extend_from_slice(&head.to_bytes());
        // Stray bytes shaped like a head value, for a record no frame holds.
        let stray = HeadRecord { seq: 9000, hash: Hash32([7; 32]), recorded_at_micros: 16 };
        file.extend_from_slice(&[1, b'h', 48]);
        file.extend_from_slice(&stray.to_bytes());
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("blobs")).unwrap();
        fs::write(dir.path().join("db"), &file).unwrap();
        for window in [1, 7, 100, 4096] {
            let (o, got) = run(dir.path(), window);
            assert_eq!(got, records.iter().map(|(r, _)| r.clone()).collect::<Vec<_>>(), "window {window}");
            assert!(o.reached_head(), "window {window}");
        }
        // Without record 4 (its frame only in the db), the walk stops at 3 and
        // the head names the lost records.
        let at = file.windows(records[3].1.len()).position(|w| w == records[3].1).unwrap();
        file[at + 40] ^= 0xff;
        fs::write(dir.path().join("db"), &file).unwrap();
        let (o, got) = run(dir.path(), 64);
        assert_eq!((o.records, got.len(), o.head, o.rejected_next), (3, 3, Some(5), 1));
        assert!(!o.reached_head());
        // A copy of record 4 elsewhere (another file) is enough.
        fs::write(dir.path().join("blobs/x"), &records[3].1).unwrap();
        assert_eq!(run(dir.path(), 64).0.records, 5);
    }
}
