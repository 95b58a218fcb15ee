//! Reading the history back: envelopes, and the folded state as of any
//! point — from the projection snapshot when one fits, else by a streaming
//! fold that never holds the whole history in memory.

use crate::core::state::{note_correction, Replacements, State};
use crate::core::{AsOf, Envelope, Event, Timestamp};
use crate::error::{Error, Result};
use crate::ledger::codec;
use crate::ledger::snapshot;
use crate::ledger::store::Ledger;

/// Records applied on top of a snapshot before a fresh one is written:
/// catching up costs about a microsecond a record, while rewriting the
/// snapshot reads every entity in it.
const RESNAPSHOT_AFTER: u64 = 4096;

/// The envelopes up to `as_of` (by sequence number, or by recorded date).
pub fn envelopes(ledger: &Ledger, as_of: Option<AsOf>) -> Result<Vec<Envelope>> {
    let last = last_seq(ledger, as_of)?;
    ledger.envelopes(last).map(|r| r.map(|(_, env)| env)).collect()
}

/// The state of the record as of a point in history (default: the head).
pub fn state(ledger: &Ledger, as_of: Option<AsOf>) -> Result<State> {
    if let Some(as_of) = as_of {
        ensure_opened(ledger, as_of)?;
    }
    let state = state_unchecked(ledger, as_of)?;
    if state.last_seq > 0 && state.ledger.is_none() {
        return Err(Error::Unreadable {
            path: ledger.path().to_path_buf(),
            cause: "record 1 does not open the ledger (ledger_opened); this store was not written by `candor init`"
                .into(),
        });
    }
    Ok(state)
}

fn state_unchecked(ledger: &Ledger, as_of: Option<AsOf>) -> Result<State> {
    let head = ledger.len();
    let last = last_seq(ledger, as_of)?;
    let corrected = corrected_tag();
    if let Some((snap, at)) =
        snapshot::load(ledger).filter(|(_, at)| *at == last || (*at < last && last == head))
    {
        if at == last {
            return Ok(snap);
        }
        if let Some(mut state) = snapshot::catch_up(ledger, snap, at, corrected) {
            if last - at >= RESNAPSHOT_AFTER {
                snapshot::save(ledger, &mut state);
            }
            return Ok(state);
        }
    }
    let mut state = fold(ledger, last, corrected)?;
    if last == head {
        snapshot::save(ledger, &mut state);
    }
    Ok(state)
}

/// The state after record `last`, folded from the log alone (no snapshot).
pub fn fresh_state(ledger: &Ledger, last: u64) -> Result<State> {
    fold(ledger, last.min(ledger.len()), corrected_tag())
}

/// A full streaming fold up to `last`: a first pass reads only each
/// record's tag to find corrections; the second decodes on one thread and
/// applies on this one (the two halves cost about the same).
fn fold(ledger: &Ledger, last: u64, corrected: u32) -> Result<State> {
    let mut replacements = Replacements::new();
    for seg in ledger.segments() {
        let seg = seg?;
        if seg.first_seq > last {
            break;
        }
        let Ok(frames) = crate::ledger::layout::split_frames(&seg.value) else {
            return Err(unreadable_segment(ledger, seg.first_seq));
        };
        for (seq, frame) in (seg.first_seq..).zip(frames).take_while(|(seq, _)| *seq <= last) {
            if codec::peek_event_tag(frame.record) == Some(corrected) {
                note_correction(&mut replacements, &decode(ledger, frame.record, seq)?);
            }
        }
    }
    let mut state = State::default();
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Result<Vec<Envelope>>>(8);
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(FOLD_BATCH);
            for item in ledger.envelopes(last) {
                match item {
                    Ok((_, env)) => batch.push(env),
                    Err(e) => {
                        let _ = send.send(Err(e));
                        return;
                    }
                }
                if batch.len() == FOLD_BATCH && send.send(Ok(std::mem::take(&mut batch))).is_err() {
                    return;
                }
            }
            let _ = send.send(Ok(batch));
        });
        for batch in receive {
            for env in batch? {
                state.apply_envelope(&env, &replacements);
            }
        }
        Ok::<(), Error>(())
    })?;
    Ok(state)
}

/// Envelopes handed from the decoding thread to the folding one at a time.
const FOLD_BATCH: usize = 1024;

fn unreadable_segment(ledger: &Ledger, first_seq: u64) -> Error {
    Error::Unreadable {
        path: ledger.path().to_path_buf(),
        cause: format!("the stored value holding record {first_seq} is malformed; run `candor verify`"),
    }
}

fn decode(ledger: &Ledger, bytes: &[u8], seq: u64) -> Result<Envelope> {
    codec::decode(bytes).map_err(|e| Error::Unreadable {
        path: ledger.path().to_path_buf(),
        cause: format!("record {seq}: {e}; run `candor verify`"),
    })
}

/// Refuses to fold history as of a point before record 1: the state there
/// has no ledger (no company, currency or fiscal year) for a report to use.
/// Reads record 1 only.
pub fn ensure_opened(ledger: &Ledger, as_of: AsOf) -> Result<()> {
    let Some(first) = ledger.record(1)? else { return Ok(()) };
    let env = decode(ledger, &first.bytes, 1)?;
    if as_of.includes(1, env.recorded_at) {
        return Ok(());
    }
    let currency = match &env.event {
        Event::LedgerOpened { currency, .. } => currency.clone(),
        _ => String::new(),
    };
    let as_of = match as_of {
        AsOf::Seq(s) => format!("record {s}"),
        AsOf::Date(d) => d.to_string(),
    };
    Err(Error::BeforeOpening { as_of, opened: env.recorded_at.date(), currency })
}

/// The last record included as of a point: SEQ itself, or the last one
/// written on or before DATE (recorded times never decrease).
pub fn last_seq(ledger: &Ledger, as_of: Option<AsOf>) -> Result<u64> {
    match as_of {
        None => Ok(ledger.len()),
        Some(AsOf::Seq(s)) => Ok(s.min(ledger.len())),
        Some(as_of @ AsOf::Date(_)) => {
            let mut last = 0;
            for rec in ledger.records() {
                let rec = rec?;
                let peeked = codec::peek(&rec.bytes).ok_or_else(|| {
                    decode(ledger, &rec.bytes, rec.seq)
                        .err()
                        .unwrap_or_else(|| Error::CheckFailed(format!("record {} is unreadable", rec.seq)))
                })?;
                if !as_of.includes(rec.seq, Timestamp::from_micros(peeked.recorded_at_micros)) {
                    break;
                }
                last = rec.seq;
            }
            Ok(last)
        }
    }
}

/// The correction in force for record `seq`, if any: (correction's seq,
/// reason). Reads only the records after it, decoding only corrections.
pub fn correction_of(ledger: &Ledger, seq: u64) -> Result<Option<(u64, String)>> {
    let corrected = corrected_tag();
    let mut found = None;
    for rec in ledger.records_from(seq + 1) {
        let rec = rec?;
        if codec::peek_event_tag(&rec.bytes) != Some(corrected) {
            continue;
        }
        if let Event::Corrected { target, reason, .. } = decode(ledger, &rec.bytes, rec.seq)?.event {
            if target == seq {
                found = Some((rec.seq, reason)); // a later correction wins
            }
        }
    }
    Ok(found)
}

fn corrected_tag() -> u32 {
    let probe = Event::Corrected { target: 0, replacement: None, reason: String::new() };
    codec::tag_of(&probe).unwrap_or(u32::MAX)
}
