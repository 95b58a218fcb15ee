//! Closing the commitments due by the meeting, while both sides are in
//! the room: done, missed, rescheduled (a new due date and why) or left
//! open. Each is decided by the commitment commands' own rules and the
//! recorder's rights at once, so a refusal is shown at its prompt and the
//! same commitment is asked about again.

use super::actions::required;
use crate::cli::output::emit;
use crate::cli::prompt::{Check, Prompter};
use candor::core::decide::agenda::{Agenda, Closing};
use candor::core::decide::commitment;
use candor::core::state::{Commitment, CommitmentStatus};
use candor::core::{Date, Event};
use candor::{Error, Result};
use std::rc::Rc;

const CHOICES: [&str; 4] = ["leave it open", "done", "missed", "rescheduled — a new due date, and why"];

/// The open commitments due on or before the meeting's day, earliest first.
fn due_by(agenda: &Agenda) -> Vec<Commitment> {
    let mut due: Vec<Commitment> = agenda
        .state()
        .commitments
        .values()
        .filter(|c| c.status == CommitmentStatus::Open && c.due <= agenda.date())
        .cloned()
        .collect();
    due.sort_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
    due
}

pub fn close_due_commitments(p: &mut dyn Prompter, agenda: &mut Agenda) -> Result<()> {
    let due = due_by(agenda);
    if due.is_empty() {
        return Ok(());
    }
    emit(&format!(
        "{} open commitment{} due by {}: close {} now, or leave {} open.\n",
        due.len(),
        if due.len() == 1 { " is" } else { "s are" },
        agenda.date(),
        if due.len() == 1 { "it" } else { "them" },
        if due.len() == 1 { "it" } else { "them" },
    ));
    let options: Vec<String> = CHOICES.iter().map(|c| c.to_string()).collect();
    for c in &due {
        let label = format!("{} — {} ({}, due {}):", c.id, c.what, c.owner, c.due);
        while !close_one(p, agenda, c, &label, &options)? {}
    }
    Ok(())
}

/// One answer about `c`; false when it was refused and is asked again.
fn close_one(
    p: &mut dyn Prompter,
    agenda: &mut Agenda,
    c: &Commitment,
    label: &str,
    options: &[String],
) -> Result<bool> {
    let step = match p.select(label, options, 0)? {
        1 => Closing::Done,
        2 => Closing::Missed,
        3 => {
            // The right first: nobody should type a date to be refused after it.
            let probe = Event::CommitmentRescheduled {
                id: c.id.clone(),
                due: c.due,
                reason: String::new(),
                on: agenda.date(),
            };
            if let Err(e) = agenda.may_record(&probe) {
                return refused(e, c, "reschedule");
            }
            let suggestion = c.due.max(agenda.date()).add_days(7).to_string();
            let label = format!("New due date for {} (YYYY-MM-DD):", c.id);
            let due = p.text(&label, Some(&suggestion), new_due_rule(agenda, &c.id))?;
            let due = Date::parse(&due).map_err(Error::Usage)?;
            let reason = p.text(&format!("Why does {} move? (required)", c.id), None, required())?;
            Closing::Rescheduled { due, reason }
        }
        _ => return Ok(true),
    };
    let verb = if step == Closing::Done { "done" } else { "missed" };
    match agenda.close_commitment(&c.id, step) {
        Ok(_) => Ok(true),
        Err(Error::Cancelled) => Err(Error::Cancelled),
        Err(e) => refused(e, c, verb),
    }
}

/// Shows why, and how the owner records it themselves when it is their right.
fn refused(e: Error, c: &Commitment, command: &str) -> Result<bool> {
    emit(&format!("  ✗ {e}\n"));
    if matches!(&e, Error::Input { field, .. } if field == "right") {
        emit(&format!("    {} records it on their own key: candor commitment {command} {}\n", c.owner, c.id));
    }
    Ok(false)
}

/// The new due date, judged by `commitment reschedule`'s date rule on the
/// meeting's day (only open commitments are offered; the right is checked
/// before this is asked).
pub(super) fn new_due_rule(agenda: &Agenda, id: &str) -> Check {
    let (commitment, on) = (agenda.state().commitments.get(id).cloned(), agenda.date());
    Rc::new(move |s| {
        let due = Date::parse(s)?;
        match &commitment {
            Some(c) => commitment::new_due(c, due, on).map_err(|e| e.to_string()),
            None => Ok(()),
        }
    })
}
