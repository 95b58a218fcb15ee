//! Recording facts: read the state, release the ledger while the person
//! answers, then reopen, re-check against whatever was recorded meanwhile,
//! append durably, and say what was written.

pub mod batch;

use super::context::Context;
use super::output::emit;
use super::prompt::{Prompter, Terminal};
use super::watchdog::{Watchdog, DURABLE_WITHIN};
use candor::core::decide::clock;
use candor::core::decide::revalidate::revalidate;
use candor::core::state::{Replacements, State};
use candor::core::{Date, Envelope, Event, Timestamp};
use candor::ledger::{replay, Digest, Ledger};
use candor::{Error, Result};

/// The state a command decides against. A command that may prompt holds
/// no lock while the person answers: the ledger is open only while the
/// state is read and while the records are appended. One that asks nothing
/// keeps the ledger it read until it appends.
pub struct Session {
    pub state: State,
    pub today: Date,
    head: Option<Digest>,
    head_at: Option<Timestamp>,
    /// Part of a replay's batch: records go to it, not to the ledger.
    batched: bool,
    /// Kept open only when no person will be asked anything (flags,
    /// scripts): nobody waits then, and a second open would cost time.
    held: Option<Ledger>,
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.batched {
            batch::give_back(std::mem::take(&mut self.state));
        }
    }
}

/// The machine's clock as the head check sees it (fixtures may run ahead).
fn machine_now(ctx: &Context) -> Timestamp {
    if ctx.allow_future {
        ctx.now.max(ctx.machine_now)
    } else {
        ctx.machine_now
    }
}

impl Session {
    /// Reads the state to decide against. Refuses early when the clock is
    /// wrong, before any prompt is shown.
    pub fn open(ctx: &Context) -> Result<Session> {
        ctx.check_recording_clock()?;
        if let Some(session) = batch::lend(ctx, true)? {
            return Ok(session);
        }
        let ledger = ctx.open_for_write()?;
        clock::check_head(ledger.last_recorded_at(), ctx.now, machine_now(ctx))?;
        ledger.check_clock(ctx.now)?;
        Session::read(ctx, ledger)
    }

    /// Reads the state to record a clock reset: the one write allowed
    /// after a record stamped in the future.
    pub fn open_for_clock_reset(ctx: &Context) -> Result<Session> {
        ctx.check_recording_clock()?;
        if let Some(session) = batch::lend(ctx, false)? {
            return Ok(session);
        }
        Session::read(ctx, ctx.open_for_write()?)
    }

    fn read(ctx: &Context, ledger: Ledger) -> Result<Session> {
        let state = replay::state(&ledger, None)?;
        let (head, head_at) = (ledger.head(), ledger.last_recorded_at());
        // A prompt may wait for a person: it never holds the ledger.
        let held = (!ctx.interactive).then_some(ledger);
        Ok(Session { state, today: ctx.today(), head, head_at, batched: false, held })
    }

    /// The head the state was read at.
    pub fn head(&self) -> Option<Digest> {
        self.head
    }

    /// When the record at the head was written.
    pub fn head_at(&self) -> Option<Timestamp> {
        self.head_at
    }

    /// Every record up to the head the state was read at (opens the ledger briefly).
    pub fn envelopes(&self, ctx: &Context) -> Result<Vec<Envelope>> {
        if self.batched {
            return batch::envelopes(ctx);
        }
        let last = self.head.map_or(0, |h| h.seq);
        let read = |l: &Ledger| l.envelopes(last).map(|r| r.map(|(_, env)| env)).collect();
        match &self.held {
            Some(l) => read(l),
            None => read(&ctx.open()?),
        }
    }

    /// Who is recording: `--as` (role words resolved), else the sales leader.
    pub fn actor(&self, ctx: &Context) -> String {
        let info = self.state.info();
        ctx.actor.as_deref().map_or_else(|| info.leader.clone(), |a| info.resolve(a))
    }

    /// Appends the events as one durable unit and prints their digests.
    pub fn record(self, ctx: &Context, events: Vec<Event>) -> Result<Vec<Digest>> {
        let actor = self.actor(ctx);
        self.append(ctx, actor, events)
    }

    /// Like `record`, with `who` as the actor unless `--as` names someone:
    /// a panelist's score is recorded by that panelist.
    pub fn record_for(self, ctx: &Context, who: &str, events: Vec<Event>) -> Result<Vec<Digest>> {
        let actor = if ctx.actor.is_some() { self.actor(ctx) } else { who.to_string() };
        self.append(ctx, actor, events)
    }

    fn append(mut self, ctx: &Context, actor: String, events: Vec<Event>) -> Result<Vec<Digest>> {
        let kinds: Vec<&'static str> = events.iter().map(Event::kind).collect();
        if self.batched {
            let digests = batch::add(&mut self.state, &actor, ctx.now, events)?;
            report(&digests, kinds);
            return Ok(digests);
        }
        let mut ledger = match self.held.take() {
            Some(l) => l,
            None => ctx.open_for_write()?,
        };
        if ledger.head() != self.head {
            recheck_after_move(&ledger, &actor, &events, ctx.now)?;
        }
        // Armed over the append and the close: sled flushes again on drop.
        let watchdog = Watchdog::arm(ledger.path(), "make the append durable", DURABLE_WITHIN);
        let digests = ledger.append(&actor, events, ctx.now);
        if digests.is_ok() {
            // Only a command that recorded tidies the directory.
            candor::ledger::beside::tidy(&ledger);
        }
        drop(ledger);
        drop(watchdog);
        let digests = digests?;
        report(&digests, kinds);
        Ok(digests)
    }
}

fn report(digests: &[Digest], kinds: Vec<&'static str>) {
    if super::output::is_quiet() {
        return;
    }
    let mut out = String::new();
    for (d, kind) in digests.iter().zip(kinds) {
        out.push_str(&format!("recorded {kind} as {d}\n"));
    }
    emit(&out);
}

/// Someone recorded while this command waited for its person: the events
/// are decided again against the history as it now stands, by the same
/// rules that restore uses, before anything is written.
fn recheck_after_move(ledger: &Ledger, actor: &str, events: &[Event], now: Timestamp) -> Result<()> {
    let moved = |why: String| {
        Error::Usage(format!(
            "the ledger changed while you were answering (it now ends at record {}): {why}; nothing was \
             written — run the command again",
            ledger.len()
        ))
    };
    if events.iter().any(|e| matches!(e, Event::HeadAcknowledged { .. })) {
        return Err(moved("the acknowledgement would cover records you have not seen".into()));
    }
    ledger.check_clock(now)?;
    let mut state = replay::state(ledger, None)?;
    // Only a correction is judged against the records themselves.
    let history = match events.iter().any(|e| matches!(e, Event::Corrected { .. })) {
        true => replay::envelopes(ledger, None)?,
        false => Vec::new(),
    };
    for (seq, event) in (ledger.len() + 1..).zip(events) {
        let env = Envelope { seq, recorded_at: now, actor: actor.to_string(), event: event.clone() };
        revalidate(&state, &history, &env).map_err(|e| moved(e.to_string()))?;
        state.apply_envelope(&env, &Replacements::new());
    }
    Ok(())
}

/// The terminal when prompts are allowed.
pub fn prompter<'t>(ctx: &Context, terminal: &'t mut Terminal) -> Option<&'t mut dyn Prompter> {
    if ctx.interactive {
        Some(terminal)
    } else {
        None
    }
}
