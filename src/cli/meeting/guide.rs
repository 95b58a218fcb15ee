//! The guided meeting: the brief's agenda, section by section, with the
//! actions each section calls for; the three questions; plan changes and
//! commitments; a rating; and the recorder's acknowledgement of the
//! resulting head (the other side gives theirs with `meeting ack`).
//! Nothing is written here: the caller appends the agenda's records.

use super::actions::{commitments, describe, issue_actions, plan_changes, risk_actions};
use super::hold::HoldArgs;
use crate::cli::output::emit;
use crate::cli::prompt::{check, Check, Prompter};
use candor::core::brief::{brief, window};
use candor::core::decide::agenda::Agenda;
use candor::core::decide::meeting::{self, HeldMeeting, NO_ADJUSTMENT};
use candor::core::state::State;
use candor::core::vocab::Answer;
use candor::core::{text, Event};
use candor::ledger::Digest;
use candor::report::brief::{sections, Section};
use candor::{Error, Result};

/// Walks the meeting; returns whether the person recording acknowledged
/// the head the records will produce (`predict` gives its digests).
pub fn run(
    p: &mut dyn Prompter,
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
    emit(&format!(
        "Weekly meeting — {}, {date}: {} and {}\nThe brief for {}, what changed since {}. Esc or Ctrl-C at any prompt ends the meeting without writing anything.\n\n",
        info.company, info.ceo, info.leader, b.period, b.since
    ));
    show(&all, &["revenue", "big_deals", "changes", "risks"]);
    risk_actions(p, agenda)?;
    show(&all, &["plan", "commitments", "indicators", "trends", "issues"]);
    issue_actions(p, agenda)?;
    show(&all, &["questions"]);
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
        None => p.text(
            "Do we adjust the plan — how and when? (none = keep it as it is)",
            Some(NO_ADJUSTMENT),
            check(|s| meeting::adjustment(s).map_err(|e| e.to_string())),
        )?,
    };
    plan_changes(p, agenda, &adjust)?;
    commitments(p, agenda)?;
    let note = match &args.note {
        Some(n) => Some(n.clone()),
        None => optional(p, "Notes from the meeting", check(|s| text::text(s, text::MAX_TEXT)))?,
    };
    let rating = match args.rating {
        Some(r) => Some(r),
        None => optional(p, "How useful was this meeting, 1–10?", check(parse_rating))?
            .and_then(|r| parse_rating(&r).ok()),
    };
    agenda.hold(HeldMeeting {
        worked_plan: Some(worked_plan),
        results: Some(results),
        adjust: Some(adjust),
        note,
        rating,
        ..args.held()
    })?;
    let records = agenda.records()?;
    let digests = predict(&records)?;
    let head = digests.last().ok_or_else(|| Error::Usage("a meeting writes at least one record".into()))?;
    let mut summary = format!("\nThe meeting's records ({}):\n", records.len());
    for (d, e) in digests.iter().zip(&records) {
        summary.push_str(&format!("  #{} {}\n", d.seq, describe(agenda.state(), e)));
    }
    summary.push_str(&format!("\nOnce written, the ledger's head will be\n  {head}\n\n"));
    emit(&summary);
    // Only the person at the keyboard signs here; the other side
    // acknowledges on their own key, later, with `candor meeting ack`.
    let others = agenda.others_to_acknowledge();
    if !others.is_empty() {
        emit(&format!(
            "You acknowledge for yourself, on your key; {} acknowledges on their own key, here or later, \
             with `candor meeting ack`.\n",
            others.join(" and ")
        ));
    }
    if args.acknowledge
        || p.confirm(
            &format!("Do you, {}, agree this is the record ({})?", agenda.actor(), short(head)),
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

fn show(all: &[Section], keys: &[&str]) {
    for s in all.iter().filter(|s| keys.contains(&s.key)) {
        emit(&format!("{}\n", s.doc().terminal()));
    }
}

fn parse_rating(s: &str) -> std::result::Result<u8, String> {
    let r: u8 = s
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a rating; expected a whole number from 1 to 10"))?;
    meeting::rating(r)
}

pub fn optional(p: &mut dyn Prompter, label: &str, rule: Check) -> Result<Option<String>> {
    let empty_ok: Check = std::rc::Rc::new(move |s| if s.trim().is_empty() { Ok(()) } else { rule(s) });
    let a = p.text(&format!("{label} (Enter to skip)"), None, empty_ok)?;
    Ok(Some(a).filter(|a| !a.trim().is_empty()))
}

fn answer(p: &mut dyn Prompter, question: &str) -> Result<Answer> {
    let options: Vec<String> = Answer::ALL.iter().map(|a| a.to_string()).collect();
    Ok(Answer::ALL[p.select(question, &options, 0)?])
}

#[cfg(test)]
#[path = "guide_tests.rs"]
mod tests;
