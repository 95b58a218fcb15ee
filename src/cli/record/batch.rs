//! A replay's pending batch: while a script replays, each line decides
//! against the state built so far and its records are chained in memory;
//! the whole script is then written as one durable append, or nothing is.

use super::Session;
use crate::cli::context::Context;
use crate::cli::signer::Signing;
use candor::core::decide::clock;
use candor::core::rights;
use candor::core::state::{Replacements, State};
use candor::core::{Envelope, Event, Timestamp};
use candor::ledger::chain::Hash;
use candor::ledger::{replay, Digest, Ledger, StoredRecord};
use candor::ledger::{signing, Entry};
use candor::{Error, Result};
use std::cell::RefCell;
use std::path::{Path, PathBuf};

thread_local! {
    static BATCH: RefCell<Option<Batch>> = const { RefCell::new(None) };
}

struct Batch {
    dir: PathBuf,
    /// The ledger's head when the batch read it (None before any line recorded).
    base: Option<Option<Digest>>,
    /// The script opened the ledger itself (`init`), so it is created on write.
    creates: bool,
    /// The state so far; lent to the one Session a line opens.
    state: Option<State>,
    head: Option<Digest>,
    head_at: Option<Timestamp>,
    records: Vec<StoredRecord>,
    envelopes: Vec<Envelope>,
}

/// Starts collecting; a nested replay adds to its parent's open batch.
pub fn begin(dir: &Path) {
    BATCH.with(|b| {
        let mut b = b.borrow_mut();
        if b.is_some() {
            return;
        }
        *b = Some(Batch {
            dir: dir.to_path_buf(),
            base: None,
            creates: false,
            state: None,
            head: None,
            head_at: None,
            records: Vec::new(),
            envelopes: Vec::new(),
        });
    })
}

pub fn active() -> bool {
    BATCH.with(|b| b.borrow().is_some())
}

/// True when lines have decided records that are not yet written.
pub fn pending() -> bool {
    BATCH.with(|b| b.borrow().as_ref().is_some_and(|b| !b.records.is_empty()))
}

/// Ends the batch: writes every pending record as one durable append, or
/// (`write == false`) drops them. Returns how many records were written.
pub fn finish(write: bool) -> Result<usize> {
    let Some(batch) = BATCH.with(|b| b.borrow_mut().take()) else { return Ok(0) };
    if !write || batch.records.is_empty() {
        return Ok(0);
    }
    let ledger =
        if batch.creates { Ledger::create(&batch.dir)? } else { Ledger::open_for_write(&batch.dir)? };
    if Some(ledger.head()) != batch.base {
        return Err(Error::Usage(format!(
            "the ledger changed while the script replayed (it now ends at record {}); nothing was \
             written — replay it again",
            ledger.len()
        )));
    }
    let n = batch.records.len();
    let last_at = batch.head_at.expect("a pending record has a time");
    let watchdog = crate::cli::watchdog::Watchdog::arm(
        ledger.path(),
        "make the append durable",
        crate::cli::watchdog::DURABLE_WITHIN,
    );
    let written = ledger.append_chained(batch.records, last_at);
    drop(ledger);
    drop(watchdog);
    written.map(|()| n)
}

/// `init` inside a replay: the ledger is created when the batch is written.
pub fn open_new(ctx: &Context, entries: Vec<Entry<'_>>) -> Result<Option<Digest>> {
    BATCH.with(|b| {
        let mut b = b.borrow_mut();
        let Some(batch) = b.as_mut() else { return Ok(None) };
        if batch.base.is_some() || ctx.ledger_dir.join("db").exists() {
            return Err(Error::Usage(format!("a ledger already exists at {}", ctx.ledger_dir.display())));
        }
        batch.base = Some(None);
        batch.creates = true;
        let mut state = State::default();
        let digests = push(batch, &mut state, ctx.now, entries)?;
        batch.state = Some(state);
        Ok(digests.last().copied())
    })
}

/// The Session for one line of a batched replay, or None outside one.
pub(super) fn lend(ctx: &Context, check_clock: bool) -> Result<Option<Session>> {
    BATCH.with(|b| {
        let mut b = b.borrow_mut();
        let Some(batch) = b.as_mut() else { return Ok(None) };
        if batch.base.is_none() {
            let ledger = ctx.open_for_write()?;
            batch.state = Some(replay::state(&ledger, None)?);
            batch.base = Some(ledger.head());
            batch.head = ledger.head();
            batch.head_at = ledger.last_recorded_at();
        }
        if check_clock {
            clock::check_head(batch.head_at, ctx.now, super::machine_now(ctx))?;
            clock::check_not_before(batch.head_at, ctx.now)?;
        }
        let state =
            batch.state.take().ok_or_else(|| Error::Usage("a replay line opened two sessions".into()))?;
        Ok(Some(Session {
            state,
            today: ctx.today(),
            head: batch.head,
            head_at: batch.head_at,
            batched: true,
            held: None,
        }))
    })
}

/// A line's state comes back, with or without new records.
pub(super) fn give_back(state: State) {
    BATCH.with(|b| {
        if let Some(batch) = b.borrow_mut().as_mut() {
            batch.state = Some(state);
        }
    })
}

/// Checks a line's events against their signers' rights, chains them onto
/// the batch (signed as they would be live) and applies them to `state`.
pub(in crate::cli) fn add(
    state: &mut State,
    ctx: &Context,
    parts: &[(Signing, Vec<Event>)],
) -> Result<Vec<Digest>> {
    BATCH.with(|b| {
        let mut b = b.borrow_mut();
        let batch = b.as_mut().ok_or_else(|| Error::Usage("no replay is collecting records".into()))?;
        let mut digests = Vec::new();
        for (signing, events) in parts {
            for event in events {
                let author = author_in_batch(batch, event)?;
                rights::check(state, &signing.member, event, author.as_deref())
                    .map_err(|e| Error::input("right", e.to_string()))?;
                let entry = Entry {
                    actor: signing.member.clone(),
                    event: event.clone(),
                    signer: signing.signer.as_ref(),
                };
                digests.extend(push(batch, state, ctx.now, vec![entry])?);
            }
        }
        Ok(digests)
    })
}

/// The author of the record a correction targets: pending, or in the ledger.
fn author_in_batch(batch: &Batch, event: &Event) -> Result<Option<String>> {
    let Event::Corrected { target, .. } = event else { return Ok(None) };
    if let Some(env) = batch.envelopes.iter().find(|e| e.seq == *target) {
        return Ok(Some(env.actor.clone()));
    }
    match batch.base.flatten() {
        Some(base) if *target <= base.seq => {
            candor::ledger::recheck::author_of_target(&Ledger::open(&batch.dir)?, event)
        }
        _ => Ok(None),
    }
}

/// Every record up to the batch's head: the ledger's, then the pending ones.
pub(super) fn envelopes(ctx: &Context) -> Result<Vec<Envelope>> {
    let (base, pending) = BATCH.with(|b| {
        let b = b.borrow();
        let batch = b.as_ref();
        let base = batch.and_then(|b| b.base.flatten()).map_or(0, |d| d.seq);
        (base, batch.map(|b| b.envelopes.clone()).unwrap_or_default())
    });
    let mut all: Vec<Envelope> = match base {
        0 => Vec::new(),
        last => Ledger::open(&ctx.ledger_dir)?
            .envelopes(last)
            .map(|r| r.map(|(_, env)| env))
            .collect::<Result<_>>()?,
    };
    all.extend(pending);
    Ok(all)
}

fn push(
    batch: &mut Batch,
    state: &mut State,
    now: Timestamp,
    entries: Vec<Entry<'_>>,
) -> Result<Vec<Digest>> {
    let prev = batch.head.map_or(Hash::ZERO, |d| d.hash);
    let first = batch.head.map_or(1, |d| d.seq + 1);
    let corrects = entries.iter().any(|e| matches!(e.event, Event::Corrected { .. }));
    let envelopes: Vec<Envelope> = (first..)
        .zip(&entries)
        .map(|(seq, e)| Envelope { seq, recorded_at: now, actor: e.actor.clone(), event: e.event.clone() })
        .collect();
    let records = signing::chain_entries(prev, first, entries, now)?;
    let mut digests = Vec::with_capacity(records.len());
    for (record, env) in records.into_iter().zip(envelopes) {
        state.apply_envelope(&env, &Replacements::new());
        digests.push(Digest { seq: record.seq, hash: record.hash });
        batch.records.push(record);
        batch.envelopes.push(env);
    }
    batch.head = digests.last().copied().or(batch.head);
    batch.head_at = Some(now);
    if corrects {
        // A correction changes what earlier records mean: fold again.
        *state = refold(batch)?;
    }
    Ok(digests)
}

fn refold(batch: &Batch) -> Result<State> {
    let mut all: Vec<Envelope> = match batch.base.flatten() {
        Some(base) => {
            Ledger::open(&batch.dir)?.envelopes(base.seq).map(|r| r.map(|(_, e)| e)).collect::<Result<_>>()?
        }
        None => Vec::new(),
    };
    all.extend(batch.envelopes.iter().cloned());
    Ok(State::fold(&all))
}
