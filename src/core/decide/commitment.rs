//! Commitments: made, done, rescheduled, dropped, missed.

use super::{fact_date, member, no_case_clash_in, not_before};
use crate::core::event::Event;
use crate::core::state::{Commitment, CommitmentStatus, State};
use crate::core::text;
use crate::core::time::Date;
use crate::error::{Error, FieldContext, Result};

pub struct NewCommitment {
    pub id: String,
    pub owner: String,
    pub what: String,
    pub due: Date,
    pub on: Option<Date>,
    pub meeting: Option<u64>,
}

pub fn add(state: &State, c: NewCommitment, today: Date) -> Result<Event> {
    let id = new_id(state, &c.id)?;
    let owner = owner(state, &c.owner)?;
    let what = text::text(&c.what, text::MAX_TEXT).field("--what")?;
    let on = fact_date(c.on, today, "--on")?;
    due_from(c.due, on)?;
    if let Some(m) = c.meeting {
        if !state.meetings.iter().any(|x| x.origin.seq == m && x.held()) {
            return Err(Error::input("--meeting", format!("record {m} is not a meeting that was held")));
        }
    }
    Ok(Event::CommitmentMade { id, owner, what, due: c.due, meeting: c.meeting, on })
}

/// A new commitment's id: well formed and not taken (case ignored).
pub fn new_id(state: &State, id: &str) -> Result<String> {
    let id = text::id(id).field("--id")?;
    if state.commitments.contains_key(&id) {
        return Err(Error::input("--id", format!("commitment '{id}' already exists; choose another id")));
    }
    no_case_clash_in(&id, &state.commitments, "commitment")?;
    Ok(id)
}

/// Only the owner closes a commitment: an owner who is not a member could
/// never close it, and a typo would silently be a new person.
pub fn owner(state: &State, name: &str) -> Result<String> {
    Ok(member::find(state, name, "--owner")?.name.clone())
}

/// A commitment is due on or after the day it is made.
pub fn due_from(due: Date, made_on: Date) -> Result<()> {
    not_before(due, made_on, "--due", "the day the commitment is made")
}

/// A new due date: not in the past, and not the one it already has.
pub fn new_due(c: &Commitment, due: Date, on: Date) -> Result<()> {
    if due < on {
        return Err(Error::input(
            "--due",
            format!("{due} is in the past (before {on}); reschedule to a future date"),
        ));
    }
    if due == c.due {
        return Err(Error::input("--due", format!("{due} is already the due date")));
    }
    Ok(())
}

/// The commitment `id`, or an error listing the known ones.
pub fn find<'a>(state: &'a State, id: &str) -> Result<&'a Commitment> {
    state.commitments.get(id.trim()).ok_or_else(|| {
        let known: Vec<&str> = state.commitments.keys().map(String::as_str).take(20).collect();
        let known = if known.is_empty() { "none yet".to_string() } else { known.join(", ") };
        Error::input("ID", format!("there is no commitment '{}'; known: {known}", id.trim()))
    })
}

fn closed(c: &Commitment) -> Option<String> {
    match &c.status {
        CommitmentStatus::Done { on } => Some(format!("was done on {on}")),
        CommitmentStatus::Dropped { on, .. } => Some(format!("was dropped on {on}")),
        CommitmentStatus::Missed { .. } | CommitmentStatus::Open => None,
    }
}

pub fn done(state: &State, id: &str, on: Option<Date>, today: Date) -> Result<Event> {
    let c = find(state, id)?;
    if let Some(why) = closed(c) {
        return Err(Error::input("ID", format!("commitment '{}' {why}; it cannot be completed again", c.id)));
    }
    if c.done_after_miss.is_some() {
        return Err(Error::input(
            "ID",
            format!("commitment '{}' was already completed after it was missed", c.id),
        ));
    }
    let on = fact_date(on, today, "--on")?;
    not_before(on, c.made_on, "--on", "the day it was made")?;
    Ok(Event::CommitmentDone { id: c.id.clone(), on })
}

pub fn reschedule(
    state: &State,
    id: &str,
    due: Date,
    reason: &str,
    on: Option<Date>,
    today: Date,
) -> Result<Event> {
    let c = find(state, id)?;
    let open = matches!(c.status, CommitmentStatus::Open);
    if !open {
        let why = closed(c).unwrap_or_else(|| "was marked missed".into());
        return Err(Error::input(
            "ID",
            format!("commitment '{}' {why}; only an open one can be rescheduled", c.id),
        ));
    }
    let on = fact_date(on, today, "--on")?;
    not_before(on, c.made_on, "--on", "the day it was made")?;
    new_due(c, due, on)?;
    let reason = text::text(reason, text::MAX_TEXT).field("--reason")?;
    Ok(Event::CommitmentRescheduled { id: c.id.clone(), due, reason, on })
}

pub fn drop(state: &State, id: &str, reason: &str, on: Option<Date>, today: Date) -> Result<Event> {
    let c = find(state, id)?;
    if let Some(why) = closed(c) {
        return Err(Error::input("ID", format!("commitment '{}' {why}; it cannot be dropped", c.id)));
    }
    let on = fact_date(on, today, "--on")?;
    not_before(on, c.made_on, "--on", "the day it was made")?;
    let reason = text::text(reason, text::MAX_TEXT).field("--reason")?;
    Ok(Event::CommitmentDropped { id: c.id.clone(), reason, on })
}

pub fn missed(state: &State, id: &str, on: Option<Date>, today: Date) -> Result<Event> {
    let c = find(state, id)?;
    match &c.status {
        CommitmentStatus::Open => {}
        CommitmentStatus::Missed { on } => {
            return Err(Error::input(
                "ID",
                format!("commitment '{}' was already marked missed on {on}", c.id),
            ))
        }
        _ => {
            let why = closed(c).unwrap_or_default();
            return Err(Error::input("ID", format!("commitment '{}' {why}; it cannot be missed", c.id)));
        }
    }
    let on = fact_date(on, today, "--on")?;
    if on <= c.due {
        return Err(Error::input(
            "--on",
            format!("commitment '{}' is due {}; it can be marked missed only after that date", c.id, c.due),
        ));
    }
    Ok(Event::CommitmentMissed { id: c.id.clone(), on })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::{d, state_with};

    fn new(id: &str, due: &str) -> NewCommitment {
        NewCommitment {
            id: id.into(),
            owner: "leader".into(),
            what: "Call Acme".into(),
            due: d(due),
            on: None,
            meeting: None,
        }
    }

    #[test]
    fn add_resolves_roles_and_refuses_duplicates_and_past_due_dates() {
        let today = d("2026-01-05");
        let e = add(&state_with(vec![]), new("C-1", "2026-01-09"), today).unwrap();
        assert!(matches!(e, Event::CommitmentMade { ref owner, .. } if owner == "Lee"));
        let s = state_with(vec![e]);
        assert!(add(&s, new("C-1", "2026-01-09"), today).unwrap_err().to_string().starts_with("--id"));
        assert!(add(&s, new("C-2", "2026-01-04"), today).unwrap_err().to_string().starts_with("--due"));
        let mut future = new("C-3", "2026-01-09");
        future.on = Some(d("2026-01-06"));
        assert!(add(&s, future, today).unwrap_err().to_string().starts_with("--on"));
    }

    #[test]
    fn transitions_follow_the_lifecycle() {
        let today = d("2026-01-20");
        let made = add(
            &state_with(vec![]),
            NewCommitment { on: Some(d("2026-01-05")), ..new("C-1", "2026-01-09") },
            today,
        )
        .unwrap();
        let s = state_with(vec![made.clone()]);
        // Rescheduling into the past, or to the same date, is refused.
        assert!(reschedule(&s, "C-1", d("2026-01-10"), "later", None, today).is_err());
        assert!(reschedule(&s, "C-1", d("2026-01-09"), "same", Some(d("2026-01-06")), today).is_err());
        assert!(reschedule(&s, "C-1", d("2026-01-30"), " ", None, today)
            .unwrap_err()
            .to_string()
            .starts_with("--reason"));
        // Missed only after the due date.
        assert!(missed(&s, "C-1", Some(d("2026-01-09")), today).is_err());
        let m = missed(&s, "C-1", Some(d("2026-01-10")), today).unwrap();
        let s = state_with(vec![made.clone(), m]);
        assert!(missed(&s, "C-1", None, today).is_err());
        // A completion after a miss is recorded once.
        let late = done(&s, "C-1", None, today).unwrap();
        let s = state_with(vec![
            made.clone(),
            missed(&state_with(vec![made.clone()]), "C-1", None, today).unwrap(),
            late,
        ]);
        assert!(done(&s, "C-1", None, today).is_err());
        // Dropped commitments cannot be completed or dropped again.
        let dropped = drop(&state_with(vec![made.clone()]), "C-1", "no longer needed", None, today).unwrap();
        let s = state_with(vec![made, dropped]);
        assert!(done(&s, "C-1", None, today).unwrap_err().to_string().contains("dropped"));
        assert!(drop(&s, "C-1", "again", None, today).is_err());
        assert!(find(&s, "C-9").unwrap_err().to_string().contains("known: C-1"));
    }
}
