//! The digests the meeting's records will have once appended, so both
//! attendees can acknowledge the exact head before anything is written:
//! the same envelope, encoding, signature and chain rule as the append
//! (ed25519 signatures are deterministic, so the prediction holds).

use crate::cli::signer::Signing;
use candor::core::{Event, Timestamp};
use candor::ledger::chain::Hash;
use candor::ledger::{signing, Digest, Entry};
use candor::Result;

pub fn predict(head: Option<Digest>, by: &Signing, now: Timestamp, events: &[Event]) -> Result<Vec<Digest>> {
    let prev = head.map_or(Hash::ZERO, |d| d.hash);
    let first = head.map_or(1, |d| d.seq + 1);
    let entries = events
        .iter()
        .map(|e| Entry { actor: by.member.clone(), event: e.clone(), signer: by.signer.as_ref() })
        .collect();
    let records = signing::chain_entries(prev, first, entries, now)?;
    Ok(records.iter().map(|r| Digest { seq: r.seq, hash: r.hash }).collect())
}
