//! A write to a shared ledger from the command line: the events decided
//! against the verified replica, each part signed by its member's key,
//! sent through the one remote write path (`candor::remote::write`), which
//! re-checks, re-signs and retries when another member's record came first.

use crate::cli::context::Context;
use crate::cli::signer::Signing;
use candor::core::state::State;
use candor::core::Event;
use candor::ledger::{Digest, Ledger};
use candor::remote::{write, Client};
use candor::Result;

/// `state` is the fold of `replica` the events were decided against.
pub(super) fn append(
    ctx: &Context,
    client: &Client,
    replica: &Ledger,
    state: &mut State,
    parts: &[(Signing, Vec<Event>)],
) -> Result<Vec<Digest>> {
    let entries = super::entries(parts);
    Ok(write::append(client, replica, state, &entries, ctx.recording_now())?.digests)
}

/// The time a shared write will carry, as `Session::open` checks it before
/// anything is asked: members' clocks differ by seconds, so a head stamped
/// a moment ahead of this machine's clock is followed at the head's time
/// (within the five minutes a server allows either way; `write::append`
/// applies the same rule when it signs).
pub(super) fn stamp(ctx: &Context, head_at: Option<candor::core::Timestamp>) -> candor::core::Timestamp {
    match head_at {
        Some(last) if ctx.now < last && !candor::core::decide::clock::is_ahead(last, ctx.now) => last,
        _ => ctx.now,
    }
}
