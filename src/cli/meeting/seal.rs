//! The digests the meeting's records will have once appended, so both
//! attendees can acknowledge the exact head before anything is written:
//! the same envelope, encoding and chain rule as `Ledger::append`.

use candor::core::{Envelope, Event, Timestamp};
use candor::ledger::chain::{link, Hash};
use candor::ledger::{codec, Digest};
use candor::{Error, Result};

pub fn predict(head: Option<Digest>, actor: &str, now: Timestamp, events: &[Event]) -> Result<Vec<Digest>> {
    let mut prev = head.map_or(Hash::ZERO, |d| d.hash);
    let first = head.map_or(1, |d| d.seq + 1);
    (first..)
        .zip(events)
        .map(|(seq, event)| {
            let envelope = Envelope { seq, recorded_at: now, actor: actor.to_string(), event: event.clone() };
            let bytes = codec::encode(&envelope).map_err(|e| Error::input("record", e.to_string()))?;
            prev = link(&prev, &bytes);
            Ok(Digest { seq, hash: prev })
        })
        .collect()
}
