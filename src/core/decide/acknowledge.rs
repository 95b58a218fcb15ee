//! "Both sides agree" is two signatures: after a meeting the CEO and the
//! sales leader each acknowledge the head digest on their own key, perhaps
//! at different times and on different machines. This judges one side's
//! acknowledgement against the meetings; that it names only its signer is
//! `core::rights`, and that its hash is this history's is the caller's
//! (the state keeps no record hashes).

use crate::core::event::Event;
use crate::core::hash::Hash32;
use crate::core::member::Role;
use crate::core::state::{Acknowledgement, Meeting, MeetingKind, State};
use crate::core::time::Timestamp;
use crate::error::{Error, Result};

/// One side's acknowledgement of a meeting's head.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ack {
    pub by: String,
    /// The record holding the acknowledgement.
    pub seq: u64,
    pub at: Timestamp,
    /// The digest acknowledged: (record, hash).
    pub digest: (u64, Hash32),
    /// A first-release acknowledgement typed by one person for both.
    pub shared: bool,
}

/// A held meeting's acknowledgements, and the sides still to give theirs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingAcks {
    pub acks: Vec<Ack>,
    pub pending: Vec<String>,
}

/// `meeting ack`: `by` acknowledges `seq:hash` for the meeting it closes.
pub fn acknowledge(state: &State, by: &str, seq: u64, hash: Hash32) -> Result<Event> {
    let field = "--digest";
    if seq == 0 || seq > state.last_seq {
        return Err(Error::input(
            field,
            format!("this ledger has no record {seq} (it ends at {})", state.last_seq),
        ));
    }
    let meeting = meeting_of(state, seq).ok_or_else(|| {
        Error::input(
            field,
            format!("record {seq} is before any meeting held; an acknowledgement closes a meeting"),
        )
    })?;
    if !attendees(meeting).iter().any(|a| a == by) {
        return Err(Error::input(
            "acknowledge",
            format!(
                "{by} did not attend the meeting of {} (attendees: {})",
                meeting.date,
                attendees(meeting).join(", ")
            ),
        ));
    }
    if let Some(a) = of_meeting(state, meeting).acks.iter().find(|a| a.by == by) {
        return Err(Error::input(
            "acknowledge",
            format!(
                "{by} already acknowledged the meeting of {} as {}:{} (record {})",
                meeting.date, a.digest.0, a.digest.1, a.seq
            ),
        ));
    }
    Ok(Event::HeadAcknowledged { seq, hash, by: vec![by.to_string()] })
}

/// What `meeting ack` acknowledges without `--digest`: the digest the
/// other side acknowledged for the latest meeting, if one did.
pub fn default_digest(state: &State) -> Option<(u64, Hash32)> {
    let meeting = state.meetings.iter().filter(|m| m.held()).max_by_key(|m| m.origin.seq)?;
    of_meeting(state, meeting).acks.first().map(|a| a.digest)
}

/// The held meeting whose records `seq` follows: the last one at or before it.
pub fn meeting_of(state: &State, seq: u64) -> Option<&Meeting> {
    state.meetings.iter().filter(|m| m.held() && m.origin.seq <= seq).max_by_key(|m| m.origin.seq)
}

/// Each side's acknowledgement of `meeting`, and who has yet to give one:
/// the attendees who are the CEO or the sales leader.
pub fn of_meeting(state: &State, meeting: &Meeting) -> MeetingAcks {
    let next = state
        .meetings
        .iter()
        .filter(|m| m.held() && m.origin.seq > meeting.origin.seq)
        .map(|m| m.origin.seq)
        .min()
        .unwrap_or(u64::MAX);
    let mut acks = Vec::new();
    for a in state.acknowledgements.iter().filter(|a| a.seq >= meeting.origin.seq && a.seq < next) {
        acks.extend(split(a));
    }
    let sides = attendees(meeting)
        .iter()
        .filter(|name| state.members.get(name).is_some_and(|m| m.has(Role::Ceo) || m.has(Role::Leader)));
    let pending = sides.filter(|name| !acks.iter().any(|a| &a.by == *name)).cloned().collect();
    MeetingAcks { acks, pending }
}

/// A first-release acknowledgement names both sides in one record.
fn split(a: &Acknowledgement) -> Vec<Ack> {
    let shared = a.by.len() > 1;
    a.by.iter()
        .map(|by| Ack {
            by: by.clone(),
            seq: a.origin.seq,
            at: a.origin.recorded_at,
            digest: (a.seq, a.hash),
            shared,
        })
        .collect()
}

fn attendees(meeting: &Meeting) -> &[String] {
    match &meeting.kind {
        MeetingKind::Held { attendees, .. } => attendees,
        MeetingKind::Skipped { .. } => &[],
    }
}

#[cfg(test)]
#[path = "acknowledge_tests.rs"]
mod tests;
