//! Records decided a moment ago, judged again before they are written:
//! each signer's right to record them on the state they were decided on,
//! or — when others recorded meanwhile (a prompt that waited, a shared
//! ledger whose head moved) — the rules restore uses, against the history
//! as it now stands. One place for the local and the remote write paths.

use crate::core::decide::revalidate::revalidate;
use crate::core::rights;
use crate::core::state::{Replacements, State};
use crate::core::{Envelope, Event, Timestamp};
use crate::ledger::{codec, export, replay, Entry, Ledger};
use crate::{Error, Result};

/// Nothing moved since the events were decided: each signer's right to
/// record them, in order (a panelist added, then their score).
pub fn check_rights(ledger: &Ledger, state: &State, entries: &[Entry<'_>], at: Timestamp) -> Result<()> {
    in_order(state, entries, at, |state, e, _| {
        let author = author_of_target(ledger, &e.event)?;
        rights::check(state, &e.actor, &e.event, author.as_deref())
            .map_err(|err| Error::input("right", err.to_string()))
    })
}

/// Another member recorded first: the events are decided again against
/// the history as it now stands, by the rules restore uses.
pub fn recheck(ledger: &Ledger, state: &State, entries: &[Entry<'_>], at: Timestamp) -> Result<()> {
    let moved = |why: String| {
        Error::Usage(format!(
            "the ledger changed while you were answering (it now ends at record {}): {why}; nothing was \
             written — run the command again",
            state.last_seq
        ))
    };
    if entries.iter().any(|e| matches!(e.event, Event::HeadAcknowledged { .. })) {
        return Err(moved("the acknowledgement would cover records you have not seen".into()));
    }
    // Only a correction is judged against the records themselves.
    let history = match entries.iter().any(|e| matches!(e.event, Event::Corrected { .. })) {
        true => replay::envelopes(ledger, None)?,
        false => Vec::new(),
    };
    in_order(state, entries, at, |state, e, env| {
        let author = export::author_in(&history, &e.event);
        rights::check(state, &e.actor, &e.event, author).map_err(|err| moved(err.to_string()))?;
        revalidate(state, &history, env).map_err(|err| moved(err.to_string()))
    })
}

/// Runs `check` on each entry against the state with the entries before
/// it folded in (the state is copied only when there is a second entry).
fn in_order(
    state: &State,
    entries: &[Entry<'_>],
    at: Timestamp,
    mut check: impl FnMut(&State, &Entry<'_>, &Envelope) -> Result<()>,
) -> Result<()> {
    let mut folded: Option<State> = None;
    for (i, e) in entries.iter().enumerate() {
        let seq = state.last_seq + 1 + i as u64;
        let env = Envelope { seq, recorded_at: at, actor: e.actor.clone(), event: e.event.clone() };
        check(folded.as_ref().unwrap_or(state), e, &env)?;
        if i + 1 < entries.len() {
            folded.get_or_insert_with(|| state.clone()).apply_envelope(&env, &Replacements::new());
        }
    }
    Ok(())
}

/// Who wrote the record a correction targets (None for other events).
pub fn author_of_target(ledger: &Ledger, event: &Event) -> Result<Option<String>> {
    let Event::Corrected { target, .. } = event else { return Ok(None) };
    match ledger.record(*target)? {
        Some(r) => Ok(codec::decode(&r.bytes).ok().map(|env| env.actor)),
        None => Ok(None),
    }
}
