//! The projection snapshot: the folded state as of a record, stored beside
//! the log so that routine commands do not replay the whole history, and
//! laid out (`file`) so that a command reads only the entities it touches.
//!
//! It is used only when its seal — blake3 keyed with this machine's key
//! (`local_key`), which never lives in the ledger directory — holds, and
//! record `seq` of this ledger still has exactly the hash it names: never
//! trusted over the log. Records after it are applied on top; a new
//! correction among them means a full rebuild (a correction changes how an
//! earlier record folds). `verify` compares the file with a fresh fold
//! unless this machine sealed it (`beside::check`).

pub mod file;
mod index;

use crate::core::state::{Entities, Replacements, State};
use crate::core::Hash32;
use crate::ledger::codec;
use crate::ledger::local_key;
use crate::ledger::store::Ledger;
use index::{SnapshotIndex, Source};
use std::fs;
use std::path::PathBuf;

pub const FILE: &str = "projection.snap";

pub fn path(ledger: &Ledger) -> PathBuf {
    ledger.path().join(FILE)
}

/// Whether `bytes` begin like a snapshot of an earlier layout (a different
/// magic of the same family), which this release never reads.
pub fn is_earlier_layout(bytes: &[u8]) -> bool {
    let magic = file::MAGIC;
    bytes.len() >= magic.len() && bytes.starts_with(b"candor-snap") && &bytes[..magic.len()] != magic
}

fn seal_with(key: [u8; 32]) -> impl Fn(&[u8]) -> [u8; 32] {
    move |bytes| *blake3::keyed_hash(&key, bytes).as_bytes()
}

/// Whether the snapshot file at `path` was sealed on this machine by this
/// release. The seal covers the table of block hashes, and a block is
/// checked against it each time it is read (one that fails is never
/// believed), so this reads only the file's closing part.
pub fn sealed_here(path: &std::path::Path) -> bool {
    let Some(key) = local_key::mac_key() else { return false };
    let Some(opened) = file::open(path) else { return false };
    opened.release == file::RELEASE && seal_with(key)(&opened.sealed) == opened.seal
}

/// A snapshot file read whole, its seal not checked: what `verify` compares
/// with a fresh fold, and what a test forges.
pub struct Unsealed {
    pub release: String,
    pub seq: u64,
    pub hash: Hash32,
    pub state: State,
}

/// Reads every part of the file at `path`; None if it is not a snapshot of
/// this layout or a block does not match its table.
pub fn read_unsealed(path: &std::path::Path) -> Option<Unsealed> {
    let opened = file::open(path)?;
    let mut state: State = codec::decode_value(&opened.core).ok()?;
    state.commitments = read_section(&opened, &opened.table.commitments)?;
    state.deals = read_section(&opened, &opened.table.deals)?;
    Some(Unsealed { release: opened.release, seq: opened.seq, hash: opened.hash, state })
}

fn read_section<T: Clone + serde::de::DeserializeOwned>(
    opened: &file::Opened,
    section: &file::Section,
) -> Option<Entities<T>> {
    let mut all = Vec::new();
    for block in &section.blocks {
        all.extend(file::read_block::<T>(&opened.file, block)?);
    }
    Some(all.into_iter().collect())
}

/// The bytes of a snapshot of `state` as of (seq, hash), sealed by `seal`.
pub fn encode(
    state: &mut State,
    seq: u64,
    hash: &Hash32,
    release: &str,
    seal: &dyn Fn(&[u8]) -> [u8; 32],
) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    write(&mut out, state, seq, hash, release, seal).ok()?;
    Some(out)
}

fn write(
    out: &mut dyn std::io::Write,
    state: &mut State,
    seq: u64,
    hash: &Hash32,
    release: &str,
    seal: &dyn Fn(&[u8]) -> [u8; 32],
) -> std::io::Result<()> {
    let commitments = std::mem::take(&mut state.commitments);
    let deals = std::mem::take(&mut state.deals);
    let written = (|| {
        let mut writer = file::Writer::start(out, seq, hash, release)?;
        write_section(writer.blocks(|t| &mut t.commitments), &commitments)?;
        write_section(writer.blocks(|t| &mut t.deals), &deals)?;
        writer.finish(state, seal)
    })();
    state.commitments = commitments;
    state.deals = deals;
    written
}

/// One section in sort order: from memory, or the index streamed with what
/// changed since merged in (so a snapshot never needs every entity loaded).
fn write_section<T: Clone + serde::Serialize>(
    mut blocks: file::Blocks,
    entities: &Entities<T>,
) -> std::io::Result<()> {
    let (known, index) = entities.parts();
    // Each changed entity's sort key, worked out once for the whole merge.
    let mut changed: Vec<_> = known.iter().map(|(id, v)| (file::sort_key(id), id, v)).collect();
    changed.sort_by(|a, b| a.0.cmp(&b.0));
    let mut changed = changed.into_iter().peekable();
    let mut failed = None;
    if let Some(index) = index {
        index.each(&mut |id, value| {
            if failed.is_some() {
                return;
            }
            let key = file::sort_key(&id);
            let mut push = || -> std::io::Result<()> {
                while let Some((_, k, v)) = changed.next_if(|(k, ..)| *k < key) {
                    blocks.push(k, v)?;
                }
                match changed.next_if(|(k, ..)| *k == key) {
                    Some((_, k, v)) => blocks.push(k, v),
                    None => blocks.push(&id, &value),
                }
            };
            failed = push().err();
        });
    }
    if let Some(e) = failed {
        return Err(e);
    }
    for (_, k, v) in changed {
        blocks.push(k, v)?;
    }
    blocks.finish()
}

/// Writes the snapshot of `state` (folded to the ledger's head), atomically.
/// Best effort: a failure only means the next command folds again.
pub fn save(ledger: &Ledger, state: &mut State) -> bool {
    if ledger.is_read_only() {
        return false; // nothing is written back to a read-only ledger
    }
    let Some(head) = ledger.head() else { return false };
    let Some(key) = local_key::mac_key() else { return false };
    if state.last_seq != head.seq {
        return false;
    }
    let tmp = path(ledger).with_extension("tmp");
    let written = fs::File::create(&tmp).and_then(|f| {
        let mut out = std::io::BufWriter::new(f);
        write(&mut out, state, head.seq, &head.hash, file::RELEASE, &seal_with(key))?;
        std::io::Write::flush(&mut out)
    });
    written.and_then(|_| fs::rename(&tmp, path(ledger))).is_ok()
}

/// The snapshot's state, if the file is authentic and belongs to this
/// history, with the sequence number it was folded to. Its entities are
/// read from the file when first asked for.
pub fn load(ledger: &Ledger) -> Option<(State, u64)> {
    let opened = file::open(&path(ledger))?;
    let key = local_key::mac_key()?;
    if opened.release != file::RELEASE || seal_with(key)(&opened.sealed) != opened.seal {
        return None;
    }
    if ledger.record(opened.seq).ok()??.hash != opened.hash {
        return None; // another history, or a damaged store
    }
    let mut state: State = codec::decode_value(&opened.core).ok()?;
    if state.last_seq != opened.seq {
        return None;
    }
    let source = Source::new(opened.file, opened.seq, ledger);
    let (commitments, deals) = (opened.table.commitments, opened.table.deals);
    state.commitments =
        Entities::over(std::sync::Arc::new(SnapshotIndex::new(source.clone(), commitments, |s| {
            &s.commitments
        })));
    state.deals = Entities::over(std::sync::Arc::new(SnapshotIndex::new(source, deals, |s| &s.deals)));
    Some((state, opened.seq))
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
