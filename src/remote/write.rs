//! A write to a shared ledger, the one path every client takes (a
//! command with `--remote`, the load generator): the events were decided
//! against the verified replica and are signed here by the member's own
//! key. When the server's head moved first, the replica pulls what is new,
//! the events are decided again against it (the rules restore uses), are
//! signed again over the new head and sent again — a bounded number of
//! times.

use super::{replica, Client, Posted};
use crate::core::decide::clock;
use crate::core::state::{Replacements, State};
use crate::core::{Event, Timestamp};
use crate::ledger::recheck::{check_rights, recheck};
use crate::ledger::signing::chain_entries;
use crate::ledger::{codec, replay, Digest, Entry, Hash, Ledger};
use crate::{Error, Result};
use std::time::Duration;

/// How many times a write is checked and sent before it gives up.
pub const TRIES: usize = 64;
/// The longest first wait after losing a race; it doubles each time, up to
/// `MAX_WAIT`.
const FIRST_WAIT: Duration = Duration::from_millis(2);
const MAX_WAIT: Duration = Duration::from_millis(64);

/// What became of a write that was taken.
pub struct Sent {
    /// The new records' digests, as the server acknowledged them.
    pub digests: Vec<Digest>,
    /// How many times another member's record came first.
    pub retries: usize,
}

/// Pulls what the replica lacks (verifying it) and folds it into `state`,
/// the fold of the replica's records.
pub fn refresh(client: &Client, replica: &Ledger, state: &mut State) -> Result<()> {
    replica::sync(replica, || Ok(state.members.clone()), client)?;
    catch_up(replica, state)
}

/// Appends `entries` (decided against `state`, the fold of the replica at
/// its head) through the server, recorded at `now` or, when another
/// member's record came first with a later time, at that record's time:
/// recorded times never go backwards.
pub fn append(
    client: &Client,
    replica: &Ledger,
    state: &mut State,
    entries: &[Entry<'_>],
    now: Timestamp,
) -> Result<Sent> {
    let decided_at = state.last_seq;
    for attempt in 0..TRIES {
        refresh(client, replica, state)?;
        let at = time_after(state.last_recorded_at, now, entries);
        if let (Some(last), Some(first)) = (state.last_recorded_at, entries.first()) {
            if !clock::may_follow(last, at, &first.event) {
                clock::check_not_before(Some(last), at)?;
            }
        }
        if state.last_seq != decided_at {
            recheck(replica, state, entries, at)?;
        } else if attempt == 0 {
            check_rights(replica, state, entries, at)?;
        }
        let copies = entries
            .iter()
            .map(|e| Entry { actor: e.actor.clone(), event: e.event.clone(), signer: e.signer })
            .collect();
        let prev = replica.head().map_or(Hash::ZERO, |d| d.hash);
        let records = chain_entries(prev, replica.len() + 1, copies, at)?;
        let sent: Vec<Digest> = records.iter().map(|r| Digest { seq: r.seq, hash: r.hash }).collect();
        let posted = match client.append(replica.head(), &records) {
            // The answer was lost (a dropped connection, a timeout, a
            // failing proxy): the write may have been taken. Sending it
            // again could record it twice; the server's chain says.
            Err(Error::Remote(why)) => {
                if landed(client, replica, state, &sent) {
                    return Ok(Sent { digests: sent, retries: attempt });
                }
                return Err(Error::Remote(format!(
                    "{why}; the server did not confirm the write, and it is not in its ledger as far as this \
                     machine can see — run `candor log` once the server answers before recording it again"
                )));
            }
            other => other?,
        };
        match posted {
            Posted::Appended(digests) => {
                if digests != sent {
                    return Err(Error::Remote(
                        "the server acknowledged other records than the ones sent; run `candor verify`"
                            .into(),
                    ));
                }
                // The server holds them durably; a replica that fails to
                // take them now pulls them on the next command.
                let _ = replica.append_chained(records, at);
                return Ok(Sent { digests, retries: attempt });
            }
            Posted::Moved(_) if attempt + 1 < TRIES => back_off(attempt),
            Posted::Moved(_) => {}
        }
    }
    Err(Error::Usage(format!(
        "the shared ledger kept moving: this write was checked and sent {TRIES} times and another member's \
         record came first each time; nothing of it was written — run the command again"
    )))
}

/// Whether the records `sent` are in the server's chain, as a verified
/// pull into the replica shows them (false when the server cannot say).
fn landed(client: &Client, replica: &Ledger, state: &mut State, sent: &[Digest]) -> bool {
    if refresh(client, replica, state).is_err() {
        return false;
    }
    sent.iter().all(|d| replica.record(d.seq).ok().flatten().is_some_and(|r| r.hash == d.hash))
}

/// After losing a race, waits a random while below a ceiling that doubles
/// each time (full jitter): writers that keep colliding spread out instead
/// of re-reading and re-sending in lockstep, which on a busy server would
/// starve some of them of every try.
fn back_off(attempt: usize) {
    let ceiling = FIRST_WAIT.saturating_mul(1 << attempt.min(16)).min(MAX_WAIT);
    let mut bytes = [0u8; 8];
    let random = getrandom::getrandom(&mut bytes).map_or(u64::MAX / 2, |_| u64::from_le_bytes(bytes));
    let fraction = random as f64 / u64::MAX as f64;
    std::thread::sleep(ceiling.mul_f64(fraction));
}

/// The time to record at: `now`, unless the head was recorded later (by
/// another member's clock, within the five minutes a server allows), in
/// which case the head's time. A head further ahead is refused as locally.
fn time_after(last: Option<Timestamp>, now: Timestamp, entries: &[Entry<'_>]) -> Timestamp {
    let (Some(last), Some(first)) = (last, entries.first()) else { return now };
    if clock::may_follow(last, now, &first.event) || clock::is_ahead(last, now) {
        now
    } else {
        last
    }
}

/// Folds the replica's records after `state` into it; a correction among
/// them changes the past, so the state is then folded afresh.
fn catch_up(replica: &Ledger, state: &mut State) -> Result<()> {
    let none = Replacements::new();
    let mut fresh = Vec::new();
    for rec in replica.records_from(state.last_seq + 1) {
        let rec = rec?;
        let env = codec::decode(&rec.bytes).map_err(|e| Error::Unreadable {
            path: replica.path().to_path_buf(),
            cause: format!("record {}: {e}; run `candor verify`", rec.seq),
        })?;
        if matches!(env.event, Event::Corrected { .. }) {
            *state = replay::state(replica, None)?;
            return Ok(());
        }
        fresh.push(env);
    }
    for env in &fresh {
        state.apply_envelope(env, &none);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::ledger_opened;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_micros(seconds * 1_000_000)
    }

    #[test]
    fn a_write_after_a_later_head_takes_the_heads_time_and_never_steps_back() {
        let entry = [Entry { actor: "Lee".into(), event: ledger_opened(), signer: None }];
        assert_eq!(time_after(None, at(100), &entry), at(100), "an empty ledger: this machine's time");
        assert_eq!(time_after(Some(at(90)), at(100), &entry), at(100), "a head before now: now");
        assert_eq!(time_after(Some(at(101)), at(100), &entry), at(101), "another clock a second ahead");
        assert_eq!(
            time_after(Some(at(100 + 6 * 60)), at(100), &entry),
            at(100),
            "a head more than five minutes ahead is not followed (the clock check refuses it)"
        );
    }
}
