//! Recording facts: read the state, release the ledger while the person
//! answers, then reopen, re-check against whatever was recorded meanwhile,
//! append durably, and say what was written.

pub mod batch;
mod remote;

use super::context::Context;
use super::output::emit;
use super::prompt::{Prompter, Terminal};
use super::signer::{self, Signing};
use super::watchdog::{Watchdog, DURABLE_WITHIN};
use candor::core::decide::clock;
use candor::core::state::State;
use candor::core::{words, Date, Envelope, Event, Timestamp};
use candor::ledger::{recheck, replay, Digest, Entry, Ledger};
use candor::Result;

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

/// A write asked for `--format json` by a script: its output is one object.
pub(super) fn hold_json(ctx: &Context) {
    if ctx.format == candor::report::Format::Json && !ctx.interactive {
        super::output::hold_for_json();
    }
}

impl Session {
    /// Reads the state to decide against. Refuses early when the clock is
    /// wrong, before any prompt is shown.
    pub fn open(ctx: &Context) -> Result<Session> {
        hold_json(ctx);
        ctx.check_recording_clock()?;
        if let Some(session) = batch::lend(ctx, true)? {
            return Ok(session);
        }
        let ledger = ctx.open_for_write()?;
        // A shared ledger's head may carry another machine's clock, a few
        // seconds ahead: the write is then stamped at the head's time.
        let now = if ctx.remote.is_some() { remote::stamp(ctx, ledger.last_recorded_at()) } else { ctx.now };
        clock::check_head(ledger.last_recorded_at(), now, machine_now(ctx))?;
        ledger.check_clock(now)?;
        Session::read(ctx, ledger)
    }

    /// Reads the state to record a clock reset: the one write allowed
    /// after a record stamped in the future.
    pub fn open_for_clock_reset(ctx: &Context) -> Result<Session> {
        hold_json(ctx);
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

    /// Who is recording: the member whose key signs (`--as`, else this
    /// machine's one member or its default for the ledger).
    pub fn actor(&self, ctx: &Context) -> Result<String> {
        Ok(self.signing(ctx, None)?.member)
    }

    /// Resolves the signer: `--as` wins, else `who`, else the default.
    pub fn signing(&self, ctx: &Context, who: Option<&str>) -> Result<Signing> {
        signer::resolve(ctx, &self.state, ctx.actor.as_deref().or(who))
    }

    /// Appends the events as one durable unit, signed by the member who
    /// records, and says what was written.
    pub fn record(self, ctx: &Context, events: Vec<Event>) -> Result<Vec<Digest>> {
        let signing = self.signing(ctx, None)?;
        self.append(ctx, vec![(signing, events)])
    }

    /// Like `record`, signed by `who` unless `--as` names someone: a
    /// panelist's score is recorded by that panelist.
    pub fn record_for(self, ctx: &Context, who: &str, events: Vec<Event>) -> Result<Vec<Digest>> {
        let signing = self.signing(ctx, Some(who))?;
        self.append(ctx, vec![(signing, events)])
    }

    /// Appends records by several members as one durable unit (e.g. the
    /// reveals a debrief makes, each on its panelist's key).
    pub fn record_signed(self, ctx: &Context, parts: Vec<(Signing, Vec<Event>)>) -> Result<Vec<Digest>> {
        self.append(ctx, parts)
    }

    fn append(mut self, ctx: &Context, parts: Vec<(Signing, Vec<Event>)>) -> Result<Vec<Digest>> {
        // What each signer recorded, to say it under their name.
        // Nothing is said while a replay or an import runs quietly.
        let said = (!super::output::is_quiet()).then(|| Said::of(&self.state, &parts));
        if self.batched {
            let digests = batch::add(&mut self.state, ctx, &parts)?;
            if let Some(said) = &said {
                said.report(ctx, &digests);
            }
            return Ok(digests);
        }
        let mut ledger = match self.held.take() {
            Some(l) => l,
            None => ctx.open_for_write()?,
        };
        if let Some(client) = &ctx.remote {
            let digests = remote::append(ctx, client, &ledger, &mut self.state, &parts)?;
            if let Some(said) = &said {
                said.report(ctx, &digests);
            }
            return Ok(digests);
        }
        let entries = entries(&parts);
        if ledger.head() != self.head {
            recheck_after_move(&ledger, &entries, ctx.now)?;
        } else {
            recheck::check_rights(&ledger, &self.state, &entries, ctx.now)?;
        }
        // Armed over the append and the close: sled flushes again on drop.
        let watchdog = Watchdog::arm(ledger.path(), "make the append durable", DURABLE_WITHIN);
        let digests = ledger.append_entries(entries, ctx.now);
        if digests.is_ok() {
            // Only a command that recorded tidies the directory.
            candor::ledger::beside::tidy(&ledger);
        }
        drop(ledger);
        drop(watchdog);
        let digests = digests?;
        if let Some(said) = &said {
            said.report(ctx, &digests);
        }
        Ok(digests)
    }
}

/// The records to append: each event by its signer's member, signed by
/// their key.
pub(super) fn entries(parts: &[(Signing, Vec<Event>)]) -> Vec<Entry<'_>> {
    parts
        .iter()
        .flat_map(|(s, events)| {
            events.iter().map(|e| Entry {
                actor: s.member.clone(),
                event: e.clone(),
                signer: s.signer.as_ref(),
            })
        })
        .collect()
}

/// What a command recorded, kept to say it once the records are durable:
/// in words ("Recorded commitment C-1 for Lee, due 2027-01-15 (#12)")
/// under who signed, or as JSON with `--format json`.
pub(super) struct Said {
    parts: Vec<SaidPart>,
}

struct SaidPart {
    member: String,
    signed: String,
    key: Option<String>,
    events: Vec<(&'static str, Option<String>, String)>,
}

impl Said {
    fn of(state: &State, parts: &[(Signing, Vec<Event>)]) -> Said {
        let exponent = money_exponent(state, parts);
        let parts = parts
            .iter()
            .map(|(s, events)| SaidPart {
                member: s.member.clone(),
                signed: s.describe(),
                key: s.signer.as_ref().map(|k| k.public().to_string()),
                events: events
                    .iter()
                    .map(|e| (e.kind(), words::subject(e), words::headline(e, exponent)))
                    .collect(),
            })
            .collect();
        Said { parts }
    }

    /// Records formed by hand (`init`), each under its own actor and key.
    pub(super) fn of_entries(entries: &[Entry<'_>], exponent: u32) -> Said {
        let parts = entries
            .iter()
            .map(|e| {
                let key = e.signer.map(|k| k.public());
                SaidPart {
                    member: e.actor.clone(),
                    signed: signer::describe(&e.actor, key),
                    key: key.map(|k| k.to_string()),
                    events: vec![(
                        e.event.kind(),
                        words::subject(&e.event),
                        words::headline(&e.event, exponent),
                    )],
                }
            })
            .collect();
        Said { parts }
    }

    /// What `--format json` lists for the records written.
    pub(super) fn records(&self, digests: &[Digest]) -> Vec<serde_json::Value> {
        self.lines(digests).1
    }

    /// The confirmation in words, and the records as JSON.
    fn lines(&self, digests: &[Digest]) -> (String, Vec<serde_json::Value>) {
        let mut digests = digests.iter();
        let mut text = String::new();
        let mut records = Vec::new();
        for part in &self.parts {
            // The events lead: zip stops on them without taking the next part's digest.
            for ((kind, id, headline), d) in part.events.iter().zip(digests.by_ref()) {
                text.push_str(&format!("Recorded {headline} (#{})\n", d.seq));
                records.push(serde_json::json!({
                    "seq": d.seq, "hash": d.hash.to_hex(), "kind": kind, "id": id,
                    "actor": part.member, "signed_by": part.key,
                }));
            }
            text.push_str(&format!("  {}\n", part.signed));
        }
        (text, records)
    }

    fn report(&self, ctx: &Context, digests: &[Digest]) {
        let (text, records) = self.lines(digests);
        if ctx.format == candor::report::Format::Json {
            super::output::recorded(records);
        } else {
            emit(&text);
        }
    }
}

/// The ledger's currency decides how amounts read; `init` brings its own.
fn money_exponent(state: &State, parts: &[(Signing, Vec<Event>)]) -> u32 {
    let opened = parts.iter().flat_map(|(_, e)| e).find_map(|e| match e {
        Event::LedgerOpened { currency, .. } => Some(currency.clone()),
        _ => None,
    });
    opened.map_or_else(|| state.exponent(), |c| candor::core::money::currency_exponent(&c))
}

/// Someone recorded while this command waited for its person: the events
/// are decided again against the history as it now stands, by the same
/// rules that restore uses, before anything is written.
fn recheck_after_move(ledger: &Ledger, entries: &[Entry<'_>], now: Timestamp) -> Result<()> {
    ledger.check_clock(now)?;
    recheck::recheck(ledger, &replay::state(ledger, None)?, entries, now)
}

/// The terminal when prompts are allowed.
pub fn prompter<'t>(ctx: &Context, terminal: &'t mut Terminal) -> Option<&'t mut dyn Prompter> {
    if ctx.interactive {
        Some(terminal)
    } else {
        None
    }
}
