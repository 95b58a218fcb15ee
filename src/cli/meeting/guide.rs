//! The guided meeting: the brief's agenda, one section at a time — each
//! shown, then a pause (or the section's actions) before the next, so it
//! can be read before it scrolls away; the three questions; plan changes
//! and new commitments; a rating; and the recorder's acknowledgement of
//! the resulting head (the other side gives theirs with `meeting ack`).
//! Nothing is written here: the caller appends the agenda's records.

use super::actions::{commitments, describe, issue_actions, plan_changes, risk_actions};
use super::close::close_due_commitments;
use super::hold::HoldArgs;
use super::pages::show;
use super::pages::{wrap, Screen};
use super::questions::{adjustment, answer, rating};
use crate::cli::output::emit;
use crate::cli::prompt::{check, Check, Prompter};
use candor::core::brief::{brief, window};
use candor::core::decide::agenda::Agenda;
use candor::core::decide::meeting::HeldMeeting;
use candor::core::state::State;
use candor::core::{text, Event};
use candor::ledger::Digest;
use candor::report::brief::{sections, Section};
use candor::{Error, Result};

/// The brief's sections the meeting walks, in agenda order.
const AGENDA: [&str; 10] = [
    "revenue",
    "big_deals",
    "changes",
    "risks",
    "plan",
    "commitments",
    "indicators",
    "trends",
    "issues",
    "questions",
];

/// Walks the meeting, each section cut to fit `screen`; returns whether
/// the person recording acknowledged the head the records will produce
/// (`predict` gives its digests).
pub fn run(
    p: &mut dyn Prompter,
    screen: Screen,
    base: &State,
    agenda: &mut Agenda,
    args: &HoldArgs,
    predict: impl Fn(&[Event]) -> Result<Vec<Digest>>,
) -> Result<bool> {
    let date = agenda.date();
    let w = window(base, None, None, Some(date), date)?;
    let b = brief(base, w.period, w.since, w.until);
    let all = sections(&b);
    let info = base.info();
    emit(&format!("Weekly meeting — {}, {date}: {} and {}\n", info.company, info.ceo, info.leader));
    emit(&wrap(&format!(
        "The brief for {}, what changed since {}, one section at a time. Esc or Ctrl-C at any prompt \
         ends the meeting without writing anything.\n\n",
        b.period, b.since
    )));
    walk_sections(p, screen, agenda, &all)?;
    let worked_plan = match args.worked_plan {
        Some(a) => a,
        None => answer(p, "Did we work the plan?")?,
    };
    let results = match args.results {
        Some(a) => a,
        None => answer(p, "Did it get results?")?,
    };
    let adjust = match &args.adjust {
        Some(a) => a.clone(),
        None => adjustment(p)?,
    };
    plan_changes(p, agenda, &adjust)?;
    commitments(p, agenda)?;
    let note = match &args.note {
        Some(n) => Some(n.clone()),
        None => optional(p, "Notes from the meeting", check(|s| text::text(s, text::MAX_TEXT)))?,
    };
    let rating = match args.rating {
        Some(r) => Some(r),
        None => rating(p)?,
    };
    agenda.hold(HeldMeeting {
        worked_plan: Some(worked_plan),
        results: Some(results),
        adjust: Some(adjust),
        note,
        rating,
        ..args.held()
    })?;
    acknowledge(p, agenda, args, predict)
}

/// Each section, then its actions or a pause naming the next one; the
/// last (the three questions) is followed by the questions themselves.
fn walk_sections(p: &mut dyn Prompter, screen: Screen, agenda: &mut Agenda, all: &[Section]) -> Result<()> {
    let shown: Vec<&Section> = AGENDA.iter().filter_map(|k| all.iter().find(|s| s.key == *k)).collect();
    for (i, section) in shown.iter().enumerate() {
        show(p, screen, section)?;
        let Some(next) = shown.get(i + 1).map(|s| s.title.as_str()) else { break };
        match section.key {
            "risks" => risk_actions(p, agenda, next)?,
            "issues" => issue_actions(p, agenda, next)?,
            "commitments" => {
                close_due_commitments(p, agenda)?;
                pause(p, next)?
            }
            _ => pause(p, next)?,
        }
    }
    Ok(())
}

/// Waits for Enter before the next section (any text typed is ignored).
pub fn pause(p: &mut dyn Prompter, next: &str) -> Result<()> {
    p.text(&format!("Next: {next} — press Enter"), None, check(|_| Ok::<(), String>(()))).map(drop)
}

/// The records, the head they produce, and the recorder's acknowledgement.
fn acknowledge(
    p: &mut dyn Prompter,
    agenda: &Agenda,
    args: &HoldArgs,
    predict: impl Fn(&[Event]) -> Result<Vec<Digest>>,
) -> Result<bool> {
    let records = agenda.records()?;
    let digests = predict(&records)?;
    let head = digests.last().ok_or_else(|| Error::Usage("a meeting writes at least one record".into()))?;
    let mut summary = format!("\nThe meeting's records ({}):\n", records.len());
    for (d, e) in digests.iter().zip(&records) {
        summary.push_str(&wrap(&format!("  #{} {}\n", d.seq, describe(agenda.state(), e))));
    }
    summary.push_str(&format!("\nOnce written, the ledger's head will be\n  {head}\n"));
    summary.push_str(&wrap(&format!(
        "Acknowledging says the ledger up to and including record #{} — this meeting and everything \
         before it — is the record; your acknowledgement will be record #{}, signed by your key.\n\n",
        head.seq,
        head.seq + 1
    )));
    emit(&summary);
    // Only the person at the keyboard signs here; the other side
    // acknowledges on their own key, later, with `candor meeting ack`.
    let others = agenda.others_to_acknowledge();
    if !others.is_empty() {
        emit(&wrap(&format!(
            "You acknowledge for yourself, on your key; {} acknowledges on their own key, here or later, \
             with `candor meeting ack`.\n",
            others.join(" and ")
        )));
    }
    if args.acknowledge
        || p.confirm(
            &format!(
                "Do you, {}, agree this is the record (up to #{}, {})?",
                agenda.actor(),
                head.seq,
                short(head)
            ),
            true,
        )?
    {
        return Ok(true);
    }
    if p.confirm("Record the meeting without an acknowledgement?", true)? {
        Ok(false)
    } else {
        Err(Error::Cancelled)
    }
}

fn short(d: &Digest) -> String {
    format!("{}:{}…", d.seq, &d.hash.to_hex()[..12])
}

pub fn optional(p: &mut dyn Prompter, label: &str, rule: Check) -> Result<Option<String>> {
    let empty_ok: Check = std::rc::Rc::new(move |s| if s.trim().is_empty() { Ok(()) } else { rule(s) });
    let a = p.text(&format!("{label} (Enter to skip)"), None, empty_ok)?;
    Ok(Some(a).filter(|a| !a.trim().is_empty()))
}

#[cfg(test)]
#[path = "guide_tests.rs"]
mod tests;
