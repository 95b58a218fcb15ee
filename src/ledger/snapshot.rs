//! The projection snapshot: the folded state as of a record, stored beside
//! the log so that routine commands do not replay the whole history.
//!
//! The file is `MAGIC ‖ release (u8 length ‖ bytes) ‖ seq (u64 BE) ‖ hash
//! (32) ‖ state ‖ MAC`, where the MAC is blake3 keyed with this machine's
//! key (`local_key`), which never lives in the ledger directory. It is used
//! only when the MAC holds and record `seq` of this ledger still has exactly
//! that hash — never trusted over the log. Records after it are applied on
//! top; a new correction among them means a full rebuild (a correction
//! changes how an earlier record folds). `verify` compares the file with a
//! fresh fold unless this machine sealed it (`beside::check`).

use crate::core::state::{Replacements, State};
use crate::core::Hash32;
use crate::ledger::codec;
use crate::ledger::local_key;
use crate::ledger::store::Ledger;
use std::fs;
use std::path::PathBuf;

pub const FILE: &str = "projection.snap";
const MAGIC: &[u8; 12] = b"candor-snap5"; // bumped whenever the layout or the shape of `State` changes
const RELEASE: &str = env!("CARGO_PKG_VERSION");

pub fn path(ledger: &Ledger) -> PathBuf {
    ledger.path().join(FILE)
}

/// Whether `bytes` begin like a snapshot of an earlier layout (a different
/// magic of the same family), which this release never reads.
pub fn is_earlier_layout(bytes: &[u8]) -> bool {
    bytes.len() >= MAGIC.len() && bytes.starts_with(b"candor-snap") && &bytes[..MAGIC.len()] != MAGIC
}

/// A snapshot file taken apart, its MAC not yet checked.
pub struct Parsed<'a> {
    pub release: &'a str,
    pub seq: u64,
    pub hash: Hash32,
    pub state: &'a [u8],
    signed: &'a [u8],
    mac: &'a [u8],
}

/// Splits the file; None if it is not a snapshot of this layout.
pub fn parse(bytes: &[u8]) -> Option<Parsed<'_>> {
    let signed_len = bytes.len().checked_sub(32)?;
    let (signed, mac) = bytes.split_at(signed_len);
    let rest = signed.strip_prefix(MAGIC.as_slice())?;
    let (&release_len, rest) = rest.split_first()?;
    let (release, rest) = rest.split_at_checked(release_len as usize)?;
    let (seq, rest) = rest.split_at_checked(8)?;
    let (hash, state) = rest.split_at_checked(32)?;
    Some(Parsed {
        release: std::str::from_utf8(release).ok()?,
        seq: u64::from_be_bytes(seq.try_into().ok()?),
        hash: Hash32(hash.try_into().ok()?),
        state,
        signed,
        mac,
    })
}

impl Parsed<'_> {
    /// Written by this release, on a machine holding `key`.
    fn authentic(&self, key: &[u8; 32]) -> bool {
        self.release == RELEASE && blake3::keyed_hash(key, self.signed).as_bytes().as_slice() == self.mac
    }
}

/// Whether the snapshot file at `path` was sealed on this machine by this
/// release, read as a stream: at a million records the file is hundreds of
/// megabytes, which `verify` need not hold to check its seal.
pub fn sealed_here(path: &std::path::Path) -> bool {
    use std::io::{Read, Write};
    let Some(key) = local_key::mac_key() else { return false };
    let Ok(mut file) = fs::File::open(path) else { return false };
    let Some(body_len) = file.metadata().ok().and_then(|m| m.len().checked_sub(32)) else { return false };
    let header_len = (MAGIC.len() + 1 + RELEASE.len()) as u64;
    let mut header = vec![0u8; header_len.min(body_len) as usize];
    if file.read_exact(&mut header).is_err() || header_len > body_len {
        return false;
    }
    let mut expected = MAGIC.to_vec();
    expected.push(RELEASE.len() as u8);
    expected.extend_from_slice(RELEASE.as_bytes());
    if header != expected {
        return false;
    }
    let mut mac = blake3::Hasher::new_keyed(&key);
    let _ = mac.write_all(&header);
    let copied = std::io::copy(&mut (&mut file).take(body_len - header_len), &mut mac);
    let mut sealed = [0u8; 32];
    copied.is_ok_and(|n| n == body_len - header_len)
        && file.read_exact(&mut sealed).is_ok()
        && mac.finalize().as_bytes() == &sealed
}

/// Writes the snapshot of `state` (folded to the ledger's head), atomically.
/// Best effort: a failure only means the next command folds again.
pub fn save(ledger: &Ledger, state: &State) -> bool {
    if ledger.is_read_only() {
        return false; // nothing is written back to a read-only ledger
    }
    let Some(head) = ledger.head() else { return false };
    let Some(key) = local_key::mac_key() else { return false };
    if state.last_seq != head.seq {
        return false;
    }
    let Ok(payload) = codec::encode_value(state) else { return false };
    let mut bytes = Vec::with_capacity(payload.len() + 128);
    bytes.extend_from_slice(MAGIC);
    bytes.push(RELEASE.len() as u8);
    bytes.extend_from_slice(RELEASE.as_bytes());
    bytes.extend_from_slice(&head.seq.to_be_bytes());
    bytes.extend_from_slice(&head.hash.0);
    bytes.extend_from_slice(&payload);
    let mac = blake3::keyed_hash(&key, &bytes);
    bytes.extend_from_slice(mac.as_bytes());
    let tmp = path(ledger).with_extension("tmp");
    fs::write(&tmp, &bytes).and_then(|_| fs::rename(&tmp, path(ledger))).is_ok()
}

/// The snapshot's state, if the file is authentic and belongs to this
/// history. Returns it with the sequence number it was folded to.
pub fn load(ledger: &Ledger) -> Option<(State, u64)> {
    let bytes = fs::read(path(ledger)).ok()?;
    let parsed = parse(&bytes)?;
    if !parsed.authentic(&local_key::mac_key()?) {
        return None;
    }
    if ledger.record(parsed.seq).ok()??.hash != parsed.hash {
        return None; // another history, or a damaged store
    }
    let state: State = codec::decode_value(parsed.state).ok()?;
    (state.last_seq == parsed.seq).then_some((state, parsed.seq))
}

/// Applies the records after `from` to `state`; None if one is a
/// correction (then only a full fold gives the right answer).
pub fn catch_up(ledger: &Ledger, mut state: State, from: u64, corrected_tag: u32) -> Option<State> {
    let none = Replacements::new();
    for rec in ledger.records_from(from + 1) {
        let rec = rec.ok()?;
        if codec::peek_event_tag(&rec.bytes)? == corrected_tag {
            return None;
        }
        let env = codec::decode(&rec.bytes).ok()?;
        state.apply_envelope(&env, &none);
    }
    Some(state)
}
