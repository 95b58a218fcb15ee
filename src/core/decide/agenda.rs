//! The records a held meeting produces: the meeting itself, the
//! commitments made at it, actions on risks, issues raised or resolved and
//! plan changes — decided one by one against the state as it will be once
//! the earlier ones are recorded, and written together or not at all.
//!
//! Everything is dated on the meeting's day. The meeting comes first in
//! the batch, so the commitments made at it can name its sequence number;
//! the recorder's acknowledgement of the resulting head, if given, comes last.

use super::{commitment, deal, issue, meeting, plan};
use crate::core::event::Event;
use crate::core::hash::Hash32;
use crate::core::state::{Origin, State};
use crate::core::time::{Date, Timestamp};
use crate::error::{Error, Result};

/// What the meeting does with an open commitment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Closing {
    Done,
    Missed,
    Rescheduled { due: Date, reason: String },
}

pub struct Agenda {
    /// The state with every record decided so far applied.
    working: State,
    /// The last sequence number before the meeting's records.
    base_seq: u64,
    now: Timestamp,
    actor: String,
    date: Date,
    today: Date,
    held: Option<Event>,
    others: Vec<Event>,
}

impl Agenda {
    /// A meeting on `date` (not in the future, and no other meeting that day).
    pub fn new(state: &State, date: Date, actor: &str, now: Timestamp) -> Result<Agenda> {
        let today = now.date();
        let date = super::fact_date(Some(date), today, "--date")?;
        meeting::date_is_free(state, date, None)?;
        Ok(Agenda {
            working: state.clone(),
            base_seq: state.last_seq,
            now,
            actor: actor.to_string(),
            date,
            today,
            held: None,
            others: Vec::new(),
        })
    }

    /// The state as it will be with the records decided so far.
    pub fn state(&self) -> &State {
        &self.working
    }

    pub fn date(&self) -> Date {
        self.date
    }

    /// Who records the meeting, and whose acknowledgement it may carry.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// The attendees who acknowledge apart from the one recording: each
    /// does it later on their own key (`meeting ack`).
    pub fn others_to_acknowledge(&self) -> Vec<String> {
        match &self.held {
            Some(Event::MeetingHeld { attendees, .. }) => {
                let sides = [&self.working.info().ceo, &self.working.info().leader];
                attendees.iter().filter(|a| **a != self.actor && sides.contains(a)).cloned().collect()
            }
            _ => Vec::new(),
        }
    }

    /// The sequence number the meeting record will have.
    pub fn meeting_seq(&self) -> u64 {
        self.base_seq + 1
    }

    fn apply(&mut self, seq: u64, event: &Event) {
        let origin = Origin { seq, recorded_at: self.now };
        self.working.apply(origin, &self.actor, event);
    }

    /// Adds a record the recorder may sign; a missing right is refused now,
    /// while the meeting is going on, rather than at the append.
    fn push(&mut self, event: Event) -> Result<&Event> {
        self.may_record(&event)?;
        // Record 1 of the batch is the meeting; the others follow in order.
        let seq = self.base_seq + 2 + self.others.len() as u64;
        self.apply(seq, &event);
        self.others.push(event);
        Ok(self.others.last().expect("just pushed"))
    }

    /// The meeting itself, with the answers; its date is the agenda's.
    pub fn hold(&mut self, mut m: meeting::HeldMeeting) -> Result<&Event> {
        if self.held.is_some() {
            return Err(Error::Usage("the meeting is already decided".into()));
        }
        m.date = Some(self.date);
        let event = meeting::hold(&self.working, m, self.today)?;
        self.may_record(&event)?;
        self.apply(self.meeting_seq(), &event);
        Ok(self.held.insert(event))
    }

    /// A commitment made at the meeting, with the next free C-n id.
    pub fn commit(&mut self, owner: &str, what: &str, due: Date) -> Result<&Event> {
        let id = super::next_free_entity_id("C", &self.working.commitments);
        let input = commitment::NewCommitment {
            id,
            owner: owner.to_string(),
            what: what.to_string(),
            due,
            on: Some(self.date),
            meeting: None,
        };
        let mut event = commitment::add(&self.working, input, self.today)?;
        // The meeting record opens this batch, so it is the meeting named.
        if let Event::CommitmentMade { meeting, .. } = &mut event {
            *meeting = Some(self.meeting_seq());
        }
        self.push(event)
    }

    /// A commitment closed at the meeting (done or missed) or moved to a
    /// new due date, dated on the meeting's day. The recorder signs it:
    /// only the owner marks their commitment done or moves it.
    pub fn close_commitment(&mut self, id: &str, step: Closing) -> Result<&Event> {
        // One step per commitment per meeting: a second (another
        // reschedule, or a reschedule after "done") would be a slip the room
        // never agreed to.
        let closed_here = self.others.iter().any(|e| {
            matches!(e, Event::CommitmentDone { id: c, .. } | Event::CommitmentMissed { id: c, .. }
                | Event::CommitmentRescheduled { id: c, .. } if c == id)
        });
        if closed_here {
            return Err(Error::input(
                "commitment",
                format!("{id} was already closed or moved in this meeting"),
            ));
        }
        let (state, on, today) = (&self.working, Some(self.date), self.today);
        let event = match step {
            Closing::Done => commitment::done(state, id, on, today)?,
            Closing::Missed => commitment::missed(state, id, on, today)?,
            Closing::Rescheduled { due, reason } => {
                commitment::reschedule(state, id, due, &reason, on, today)?
            }
        };
        self.push(event)
    }

    /// Whether the recorder holds the right to record `event` now.
    pub fn may_record(&self, event: &Event) -> Result<()> {
        crate::core::rights::check(&self.working, &self.actor, event, None)
            .map_err(|e| Error::input("right", e.to_string()))
    }

    pub fn clear_risk(&mut self, id: &str, note: Option<&str>) -> Result<&Event> {
        let event = deal::clear_risk(&self.working, id, note, Some(self.date), self.today)?;
        self.push(event)
    }

    pub fn flag_risk(&mut self, id: &str, reason: &str) -> Result<&Event> {
        let event = deal::risk(&self.working, id, reason, Some(self.date), self.today)?;
        self.push(event)
    }

    pub fn raise(&mut self, title: &str) -> Result<&Event> {
        let input = issue::NewIssue { id: None, title: title.to_string(), detail: None, on: Some(self.date) };
        let event = issue::raise(&self.working, input, self.today)?;
        self.push(event)
    }

    pub fn resolve(&mut self, id: &str, resolution: &str) -> Result<&Event> {
        let event = issue::resolve(&self.working, id, resolution, Some(self.date), self.today)?;
        self.push(event)
    }

    /// A plan change agreed at the meeting; it takes effect on `effective`
    /// (default: the meeting's day).
    pub fn change_plan(
        &mut self,
        what: &str,
        why: &str,
        effective: Option<Date>,
        requested_by: &str,
    ) -> Result<&Event> {
        let input = plan::NewChange {
            what: what.to_string(),
            why: why.to_string(),
            effective,
            requested_by: requested_by.to_string(),
            on: Some(self.date),
        };
        let event = plan::change(&self.working, input, self.today)?;
        self.push(event)
    }

    /// The records to write, the meeting first; refused until it is held.
    pub fn records(&self) -> Result<Vec<Event>> {
        let held = self.held.clone().ok_or_else(|| Error::Usage("the meeting has no record yet".into()))?;
        Ok(std::iter::once(held).chain(self.others.iter().cloned()).collect())
    }

    /// The person recording acknowledges that the history up to `seq:hash`
    /// — the head once the meeting's records are written — is the record.
    /// Each side acknowledges on their own key; the other side does it with
    /// `meeting ack`.
    pub fn acknowledgement(&self, seq: u64, hash: Hash32) -> Result<Event> {
        match &self.held {
            Some(Event::MeetingHeld { attendees, .. }) if attendees.contains(&self.actor) => {
                Ok(Event::HeadAcknowledged { seq, hash, by: vec![self.actor.clone()] })
            }
            Some(Event::MeetingHeld { attendees, .. }) => Err(Error::input(
                "--acknowledge",
                format!(
                    "{} did not attend (attendees: {}); each attendee acknowledges for themselves",
                    self.actor,
                    attendees.join(", ")
                ),
            )),
            _ => Err(Error::Usage("the meeting has no record yet".into())),
        }
    }
}

/// `OWNER:DUE:WHAT` (e.g. `leader:2026-01-16:Send the proposal`).
pub fn parse_commitment(spec: &str) -> std::result::Result<(String, Date, String), String> {
    let bad = || format!("'{spec}' is not OWNER:DUE:WHAT; e.g. leader:2026-01-16:Send the Globex proposal");
    let (owner, rest) = spec.split_once(':').ok_or_else(bad)?;
    let (due, what) = rest.split_once(':').ok_or_else(bad)?;
    let due = Date::parse(due).map_err(|m| format!("in '{spec}': {m}"))?;
    Ok((owner.trim().to_string(), due, what.trim().to_string()))
}

/// `ID:TEXT`; the text may be optional (`ID` alone).
pub fn parse_pair(
    spec: &str,
    text_required: bool,
    example: &str,
) -> std::result::Result<(String, Option<String>), String> {
    match spec.split_once(':') {
        Some((id, text)) => Ok((id.trim().to_string(), Some(text.trim().to_string()))),
        None if !text_required => Ok((spec.trim().to_string(), None)),
        None => Err(format!("'{spec}' is not ID:TEXT; e.g. {example}")),
    }
}

/// Names the meeting flag an error came from, keeping the inner field:
/// `--commit: due: 2026-01-01 is before …`.
pub fn under(flag: &str, e: Error) -> Error {
    match e {
        Error::Input { field, message } => {
            let inner = field.trim_start_matches("--").to_lowercase();
            Error::input(flag, format!("{inner}: {message}"))
        }
        other => other,
    }
}

#[cfg(test)]
#[path = "agenda_tests.rs"]
mod tests;
