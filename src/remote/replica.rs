//! The client's replica of a shared ledger: a ledger like any other,
//! filled only by verified pulls. Every pulled record must link to the one
//! before it and carry a good signature by a key registered at that point
//! of the chain; a server whose history no longer extends what this
//! machine saw last is refused, naming the first record that differs
//! (the consistency check of a remembered head, as transparency logs do).

use super::client::Client;
use crate::core::state::Members;
use crate::ledger::chain::{link, Hash};
use crate::ledger::signatures::{RecordFacts, SignatureCheck};
use crate::ledger::{codec, Ledger, StoredRecord};
use crate::{Error, Result};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use std::path::PathBuf;

/// Where the replica of the ledger served at `url` lives on this machine:
/// `CANDOR_REPLICAS`, else the platform cache directory's `candor/replicas/`,
/// one directory per server address.
pub fn dir_for(url: &str) -> Result<PathBuf> {
    let root = match std::env::var_os("CANDOR_REPLICAS").filter(|v| !v.is_empty()) {
        Some(d) => PathBuf::from(d),
        None => directories::ProjectDirs::from("", "", "candor")
            .map(|d| d.cache_dir().join("replicas"))
            .ok_or_else(|| {
                Error::Usage("cannot find a cache directory for the replica; set CANDOR_REPLICAS=DIR".into())
            })?,
    };
    let id = blake3::hash(url.as_bytes()).to_hex();
    Ok(root.join(&id[..16]))
}

/// Opens the replica at `dir` to fill it, creating it when it is new.
pub fn open(dir: &std::path::Path) -> Result<Ledger> {
    match Ledger::open_for_write(dir) {
        Err(Error::Missing(_)) => Ledger::create(dir),
        other => other,
    }
}

/// Pulls every record the replica lacks, verifying each, until it holds
/// the server's head. `members` gives the fold of the replica's members
/// (from its state), asked only when there is something to check; returns
/// how many records were taken.
pub fn sync(replica: &Ledger, members: impl FnOnce() -> Result<Members>, client: &Client) -> Result<u64> {
    let mut members = Some(members);
    let mut signatures: Option<SignatureCheck> = None;
    let mut taken = 0;
    loop {
        let mine = replica.head();
        let page = client.records(mine.map_or(0, |h| h.seq))?;
        let theirs = match &page.head {
            Some(h) => Some(h.digest().map_err(|m| bad(client, m))?),
            None => None,
        };
        let my_len = mine.map_or(0, |h| h.seq);
        if theirs.map_or(0, |h| h.seq) < my_len || (page.records.is_empty() && theirs != mine) {
            return Err(diverged(replica, client));
        }
        if page.records.is_empty() {
            return Ok(taken);
        }
        let signatures = match signatures {
            Some(ref mut s) => s,
            None => {
                let fold = members.take().map_or_else(|| Ok(Members::default()), |f| f())?;
                signatures.insert(SignatureCheck::resume(fold))
            }
        };
        let mut prev = mine.map_or(Hash::ZERO, |h| h.hash);
        let mut records = Vec::with_capacity(page.records.len());
        let mut last_time = None;
        for (wire, seq) in page.records.iter().zip(my_len + 1..) {
            let raw = B64.decode(&wire.raw).map_err(|e| bad(client, format!("record {seq}: {e}")))?;
            let hash = link(&prev, &raw);
            if wire.seq != seq || Hash::from_hex(&wire.hash).ok() != Some(hash) {
                // The record does not continue what this machine holds.
                return Err(diverged(replica, client));
            }
            let decoded = codec::decode_record(&raw).map_err(|e| untrusted(client, seq, e.to_string()))?;
            if decoded.envelope.seq != seq {
                return Err(untrusted(client, seq, format!("it says it is record {}", decoded.envelope.seq)));
            }
            if let Some(why) = signatures.admit(&RecordFacts::of(seq, &decoded, &raw, Some(&prev))) {
                return Err(untrusted(client, seq, why));
            }
            last_time = Some(decoded.envelope.recorded_at);
            prev = hash;
            records.push(StoredRecord { seq, hash, bytes: raw });
        }
        taken += records.len() as u64;
        if let Some(t) = last_time {
            replica.append_chained(records, t)?;
        }
    }
}

/// The first record where the server's history and the replica's differ.
fn diverged(replica: &Ledger, client: &Client) -> Error {
    // If even the comparison fails, the record after this machine's head is the suspect.
    let first = first_difference(replica, client).unwrap_or(replica.len() + 1);
    Error::Remote(format!(
        "the server at {} no longer extends the history this machine saw (record {first} differs); nothing was \
         taken from it. Its ledger was rewritten, restored from an older copy, or is another ledger: keep this \
         replica ({}) as evidence and ask the server's owner",
        client.url(),
        replica.path().display()
    ))
}

fn first_difference(replica: &Ledger, client: &Client) -> Result<u64> {
    let mut after = 0;
    let mine = replica.len();
    loop {
        let page = client.records(after)?;
        if page.records.is_empty() {
            return Ok(after + 1);
        }
        for wire in &page.records {
            if wire.seq > mine {
                return Ok(wire.seq);
            }
            let stored = replica.record(wire.seq)?.map(|r| r.hash.to_hex());
            if stored.as_deref() != Some(wire.hash.as_str()) {
                return Ok(wire.seq);
            }
            after = wire.seq;
        }
    }
}

fn untrusted(client: &Client, seq: u64, why: String) -> Error {
    Error::CheckFailed(format!(
        "the server at {} sent record {seq}, which does not verify: {why}; nothing from it on was taken",
        client.url()
    ))
}

fn bad(client: &Client, why: String) -> Error {
    Error::Remote(format!(
        "the server at {} answered something candor serve does not send: {why}",
        client.url()
    ))
}
