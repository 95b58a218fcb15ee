//! Recording facts: open the ledger, replay the state, decide, append
//! durably, and say what was written.

use super::context::Context;
use super::output::emit;
use super::prompt::{Prompter, Terminal};
use candor::core::state::State;
use candor::core::{Date, Event};
use candor::ledger::{replay, Digest, Ledger};
use candor::Result;

/// An open ledger and its current state, ready to validate and record.
pub struct Session {
    pub ledger: Ledger,
    pub state: State,
    pub today: Date,
}

impl Session {
    /// Opens the ledger for writing. Refuses early when the clock is behind
    /// the last record, before any prompt is shown.
    pub fn open(ctx: &Context) -> Result<Session> {
        let ledger = ctx.open_for_write()?;
        ledger.check_clock(ctx.now)?;
        let state = replay::state(&ledger, None)?;
        Ok(Session { ledger, state, today: ctx.today() })
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
        let digests = self.ledger.append(&actor, events, ctx.now)?;
        let mut out = String::new();
        for (d, kind) in digests.iter().zip(kinds) {
            out.push_str(&format!("recorded {kind} as {d}\n"));
        }
        emit(&out);
        Ok(digests)
    }
}

/// The terminal when prompts are allowed.
pub fn prompter<'t>(ctx: &Context, terminal: &'t mut Terminal) -> Option<&'t mut dyn Prompter> {
    if ctx.interactive {
        Some(terminal)
    } else {
        None
    }
}
