//! One rule book for every event, live or restored. A record that arrives
//! already formed (a restored export, or a decided event whose state moved
//! on) is checked by rebuilding the command input it stands for and calling
//! the same decide function a live command calls, with "today" the day it
//! was recorded: the record stands only if the decision is that very event.

mod kinds;
#[cfg(test)]
mod tests;

use crate::core::decide::clock;
use crate::core::envelope::Envelope;
use crate::core::event::Event;
use crate::core::state::{note_correction, Replacements, State};
use crate::core::text;
use crate::core::time::Timestamp;
use crate::error::{Error, Result};

/// Checks `env` against `state`, the fold of every record before it.
/// `history` is those records; only a correction reads it, so a caller
/// re-checking other events (a write whose head moved) may pass none.
pub fn revalidate(state: &State, history: &[Envelope], env: &Envelope) -> Result<()> {
    check(state, history, env).map_err(|e| {
        let why = match e {
            Error::Input { field, message } => format!("{}: {field}: {message}", env.event.kind()),
            other => format!("{}: {other}", env.event.kind()),
        };
        Error::input(format!("record {}", env.seq), why)
    })
}

fn check(state: &State, history: &[Envelope], env: &Envelope) -> Result<()> {
    let expected = state.last_seq + 1;
    if env.seq != expected {
        return Err(Error::input("seq", format!("is {} where {expected} was expected", env.seq)));
    }
    let steps_back = |t: &Timestamp| !clock::may_follow(*t, env.recorded_at, &env.event);
    if let Some(last) = state.last_recorded_at.filter(steps_back) {
        return Err(Error::input(
            "recorded_at",
            format!(
                "{} is before the previous record ({last}); recorded times never go backwards",
                env.recorded_at
            ),
        ));
    }
    let opens = matches!(env.event, Event::LedgerOpened { .. });
    if env.seq == 1 && !opens {
        return Err(Error::input("seq", "record 1 must be ledger_opened; every ledger starts with it"));
    }
    if env.seq > 1 && opens {
        return Err(Error::input(
            "seq",
            "a ledger is opened once, by record 1; a second ledger_opened would rename the company and its people",
        ));
    }
    if text::name(&env.actor).ok().as_deref() != Some(env.actor.as_str()) {
        return Err(Error::input("--as", format!("'{}' is not a name as a command records it", env.actor)));
    }
    kinds::check(state, history, env)
}

/// What `Checker::rollback` returns to.
pub struct Mark {
    state: State,
    replacements: Replacements,
    len: usize,
}

/// Checks records in order, folding each one in, so every record is judged
/// against the state its live command would have seen.
pub struct Checker {
    state: State,
    history: Vec<Envelope>,
    replacements: Replacements,
}

impl Checker {
    /// Starts from the records already accepted (empty for a restore).
    pub fn new(history: Vec<Envelope>) -> Checker {
        let mut replacements = Replacements::new();
        for env in &history {
            note_correction(&mut replacements, env);
        }
        Checker { state: State::fold(&history), history, replacements }
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// The records admitted so far, in order.
    pub fn history(&self) -> &[Envelope] {
        &self.history
    }

    /// A point to come back to if what follows is refused.
    pub fn mark(&self) -> Mark {
        Mark { state: self.state.clone(), replacements: self.replacements.clone(), len: self.history.len() }
    }

    /// Forgets everything admitted since `mark`.
    pub fn rollback(&mut self, mark: Mark) {
        self.state = mark.state;
        self.replacements = mark.replacements;
        self.history.truncate(mark.len);
    }

    /// Checks `env`, then folds it in.
    pub fn admit(&mut self, env: Envelope) -> Result<()> {
        revalidate(&self.state, &self.history, &env)?;
        note_correction(&mut self.replacements, &env);
        let corrects = matches!(env.event, Event::Corrected { .. });
        self.history.push(env);
        if corrects {
            // A correction changes the past: the state is folded afresh, as
            // the next live command would see it.
            self.state = State::fold(&self.history);
        } else if let Some(env) = self.history.last() {
            self.state.apply_envelope(env, &self.replacements);
        }
        Ok(())
    }
}

/// Checks `envelopes` in order after `history` (the records before them),
/// each against the state with the ones before it; returns the final state.
pub fn revalidate_all(history: &[Envelope], envelopes: &[Envelope]) -> Result<State> {
    let mut checker = Checker::new(history.to_vec());
    for env in envelopes {
        checker.admit(env.clone())?;
    }
    Ok(checker.state)
}
