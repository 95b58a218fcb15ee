//! A write to a shared ledger: decided here against the verified replica,
//! signed here by the member's own key, and sent to the server. When the
//! server's head moved first, the replica pulls what is new, the events
//! are checked again against it (as after a prompt), signed again over the
//! new head and sent again — a bounded number of times.

use super::{check_rights, recheck_after_move};
use crate::cli::context::Context;
use crate::cli::signer::Signing;
use candor::core::decide::clock;
use candor::core::state::State;
use candor::core::{Event, Timestamp};
use candor::ledger::signing::chain_entries;
use candor::ledger::{replay, Digest, Entry, Hash, Ledger};
use candor::remote::{replica, Client, Posted};
use candor::{Error, Result};

/// How many times a write is re-checked and re-sent after losing a race.
pub const TRIES: usize = 8;

pub(super) fn append(
    ctx: &Context,
    client: &Client,
    replica_ledger: &Ledger,
    state: &mut State,
    seen: Option<Digest>,
    parts: &[(Signing, Vec<Event>)],
) -> Result<Vec<Digest>> {
    let mut checked_at = seen;
    for attempt in 0..TRIES {
        let members = if replica_ledger.head() == seen {
            state.members.clone()
        } else {
            replay::state(replica_ledger, None)?.members
        };
        replica::sync(replica_ledger, members, client)?;
        let now = stamp(ctx, replica_ledger.last_recorded_at());
        if replica_ledger.head() != checked_at {
            recheck_after_move(replica_ledger, parts, now)?;
            checked_at = replica_ledger.head();
        } else if attempt == 0 {
            check_rights(state, replica_ledger, now, parts)?;
        }
        let first_event = parts.iter().flat_map(|(_, e)| e.first()).next();
        if let (Some(last), Some(first)) = (replica_ledger.last_recorded_at(), first_event) {
            if !clock::may_follow(last, now, first) {
                replica_ledger.check_clock(now)?;
            }
        }
        let entries = parts
            .iter()
            .flat_map(|(s, events)| {
                events.iter().map(|e| Entry {
                    actor: s.member.clone(),
                    event: e.clone(),
                    signer: s.signer.as_ref(),
                })
            })
            .collect();
        let prev = replica_ledger.head().map_or(Hash::ZERO, |d| d.hash);
        let records = chain_entries(prev, replica_ledger.len() + 1, entries, now)?;
        match client.append(replica_ledger.head(), &records)? {
            Posted::Appended(digests) => {
                // The server holds them durably; a replica that fails to
                // take them now pulls them on the next command.
                let _ = replica_ledger.append_chained(records, now);
                return Ok(digests);
            }
            Posted::Moved(_) => continue,
        }
    }
    Err(Error::Usage(format!(
        "the shared ledger kept moving: this write was checked and sent {TRIES} times and another member's \
         record came first each time; nothing of it was written — run the command again"
    )))
}

/// The time a shared write is stamped with. Members' clocks differ by
/// seconds: a record stamped a moment before the head (another machine's
/// clock runs ahead) would be refused as going backwards, so it takes the
/// head's time instead, as long as that is within the five minutes the
/// server allows either way (the server judges that against its clock).
pub(super) fn stamp(ctx: &Context, head_at: Option<Timestamp>) -> Timestamp {
    match head_at {
        Some(last) if ctx.now < last && last.micros() - ctx.now.micros() <= clock::MAX_AHEAD_MICROS => last,
        _ => ctx.now,
    }
}
