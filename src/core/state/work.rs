//! Revenue facts, forecasts and commitments.

use super::{Origin, State};
use crate::core::event::Event;
use crate::core::money::Money;
use crate::core::period::Period;
use crate::core::time::Date;

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Forecast {
    pub period: Period,
    pub amount: Money,
    pub commit: Option<Money>,
    pub best_case: Option<Money>,
    pub pipeline: Option<Money>,
    pub as_of: Date,
    pub by: String,
    /// `by` was the sales leader when it was recorded: only these are the
    /// leader's forecasts (metrics.md § 10.1).
    pub by_leader: bool,
    pub note: Option<String>,
    pub origin: Origin,
}

/// The forecast both sides agreed on at a meeting (metrics.md § 10.8).
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct AgreedForecast {
    pub period: Period,
    pub amount: Money,
    pub on: Date,
    pub agreed_by: Vec<String>,
    pub origin: Origin,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub enum CommitmentStatus {
    Open,
    Done {
        on: Date,
    },
    Dropped {
        on: Date,
        reason: String,
    },
    /// Marked missed; a later completion is kept in `done_after_miss`.
    Missed {
        on: Date,
    },
}

/// One thing that happened to a commitment, in record order: `on` is the
/// date it says it happened, `recorded` the day it was written (§ 10 rule 5).
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub enum CommitmentStep {
    Done { on: Date, recorded: Date, seq: u64 },
    Rescheduled { on: Date, recorded: Date, from: Date, to: Date, reason: String, seq: u64 },
    Dropped { on: Date, recorded: Date, reason: String, seq: u64 },
    Missed { on: Date, recorded: Date, seq: u64 },
}

impl CommitmentStep {
    /// (the date it says, the day it was written, its record).
    pub fn dates(&self) -> (Date, Date, u64) {
        match self {
            CommitmentStep::Done { on, recorded, seq }
            | CommitmentStep::Rescheduled { on, recorded, seq, .. }
            | CommitmentStep::Dropped { on, recorded, seq, .. }
            | CommitmentStep::Missed { on, recorded, seq } => (*on, *recorded, *seq),
        }
    }
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Commitment {
    pub id: String,
    pub owner: String,
    pub what: String,
    pub made_on: Date,
    pub original_due: Date,
    /// The due date in force now.
    pub due: Date,
    pub meeting: Option<u64>,
    pub status: CommitmentStatus,
    pub done_after_miss: Option<Date>,
    pub steps: Vec<CommitmentStep>,
    pub origin: Origin,
}

pub(super) fn apply_agreed(state: &mut State, origin: Origin, event: &Event) {
    if let Event::ForecastAgreed { period, amount, on, agreed_by } = event {
        let agreed = AgreedForecast {
            period: *period,
            amount: *amount,
            on: *on,
            agreed_by: agreed_by.clone(),
            origin,
        };
        state.agreed_forecasts.push(agreed);
    }
}

pub(super) fn apply_forecast(state: &mut State, origin: Origin, actor: &str, event: &Event) {
    if let Event::ForecastSubmitted { period, amount, commit, best_case, pipeline, as_of, note } = event {
        state.forecasts.push(Forecast {
            period: *period,
            amount: *amount,
            commit: *commit,
            best_case: *best_case,
            pipeline: *pipeline,
            as_of: *as_of,
            by: actor.to_string(),
            by_leader: state.ledger.as_ref().is_some_and(|l| l.leader == actor),
            note: note.clone(),
            origin,
        });
    }
}

pub(super) fn apply_commitment(state: &mut State, origin: Origin, event: &Event) {
    let (seq, recorded) = (origin.seq, origin.recorded_at.date());
    if let Event::CommitmentMade { id, owner, what, due, meeting, on } = event {
        state.commitments.insert(
            id.clone(),
            Commitment {
                id: id.clone(),
                owner: owner.clone(),
                what: what.clone(),
                made_on: *on,
                original_due: *due,
                due: *due,
                meeting: *meeting,
                status: CommitmentStatus::Open,
                done_after_miss: None,
                steps: Vec::new(),
                origin,
            },
        );
        return;
    }
    let id = match event {
        Event::CommitmentDone { id, .. }
        | Event::CommitmentRescheduled { id, .. }
        | Event::CommitmentDropped { id, .. }
        | Event::CommitmentMissed { id, .. } => id,
        _ => return,
    };
    let Some(c) = state.commitments.get_mut(id) else { return };
    match event {
        Event::CommitmentDone { on, .. } => {
            c.steps.push(CommitmentStep::Done { on: *on, recorded, seq });
            match c.status {
                CommitmentStatus::Missed { .. } => c.done_after_miss = Some(*on),
                _ => c.status = CommitmentStatus::Done { on: *on },
            }
        }
        Event::CommitmentRescheduled { due, reason, on, .. } => {
            c.steps.push(CommitmentStep::Rescheduled {
                on: *on,
                recorded,
                from: c.due,
                to: *due,
                reason: reason.clone(),
                seq,
            });
            c.due = *due;
        }
        Event::CommitmentDropped { reason, on, .. } => {
            c.steps.push(CommitmentStep::Dropped { on: *on, recorded, reason: reason.clone(), seq });
            c.status = CommitmentStatus::Dropped { on: *on, reason: reason.clone() };
        }
        Event::CommitmentMissed { on, .. } => {
            c.steps.push(CommitmentStep::Missed { on: *on, recorded, seq });
            c.status = CommitmentStatus::Missed { on: *on };
        }
        _ => {}
    }
}
