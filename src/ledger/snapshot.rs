//! The projection snapshot: the folded state as of a record, stored beside
//! the log so that routine commands do not replay the whole history.
//!
//! The file is `MAGIC ‖ seq (u64 BE) ‖ hash (32) ‖ state ‖ blake3 of all
//! that`, where the checksum also covers the release that wrote it (the
//! shape of `State` may change between releases). It is used only when its checksum holds and record `seq` of this
//! ledger still has exactly that hash — never trusted over the log. Records
//! after it are applied on top; a new correction among them means a full
//! rebuild (a correction changes how an earlier record folds).

use crate::core::state::{Replacements, State};
use crate::core::Hash32;
use crate::ledger::codec;
use crate::ledger::store::Ledger;
use std::fs;
use std::path::PathBuf;

pub const FILE: &str = "projection.snap";
const MAGIC: &[u8; 12] = b"candor-snap3"; // bumped whenever the shape of `State` changes

fn path(ledger: &Ledger) -> PathBuf {
    ledger.path().join(FILE)
}

/// Writes the snapshot of `state` (folded to the ledger's head), atomically.
/// Best effort: a failure only means the next command folds again.
pub fn save(ledger: &Ledger, state: &State) -> bool {
    let Some(head) = ledger.head() else { return false };
    if state.last_seq != head.seq {
        return false;
    }
    let Ok(payload) = codec::encode_value(state) else { return false };
    let mut bytes = Vec::with_capacity(payload.len() + 84);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&head.seq.to_be_bytes());
    bytes.extend_from_slice(&head.hash.0);
    bytes.extend_from_slice(&payload);
    let sum = checksum(&bytes);
    bytes.extend_from_slice(&sum);
    let tmp = path(ledger).with_extension("tmp");
    fs::write(&tmp, &bytes).and_then(|_| fs::rename(&tmp, path(ledger))).is_ok()
}

/// blake3 of the body and this release's version: a snapshot written by
/// another release fails it and is rebuilt, never decoded as a wrong shape.
fn checksum(body: &[u8]) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(body);
    *h.finalize().as_bytes()
}

/// The snapshot's state, if the file is intact and belongs to this history.
/// Returns it with the sequence number it was folded to.
pub fn load(ledger: &Ledger) -> Option<(State, u64)> {
    let bytes = fs::read(path(ledger)).ok()?;
    let body_len = bytes.len().checked_sub(32)?;
    let (body, sum) = bytes.split_at(body_len);
    if body.len() < 52 || &body[..12] != MAGIC || checksum(body) != sum {
        return None;
    }
    let seq = u64::from_be_bytes(body[12..20].try_into().ok()?);
    let hash = Hash32(body[20..52].try_into().ok()?);
    if ledger.record(seq).ok()??.hash != hash {
        return None; // another history, or a damaged store
    }
    let state: State = codec::decode_value(&body[52..]).ok()?;
    (state.last_seq == seq).then_some((state, seq))
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
