//! The actions the guided meeting offers: on risks, on issues, plan
//! changes and commitments — each decided against the agenda at once, so a
//! refused one is shown and the meeting goes on.

use super::guide::{optional, pause};
use crate::cli::output::emit;
use crate::cli::prompt::{check, Check, Prompter};
use candor::core::decide::agenda::Agenda;
use candor::core::decide::meeting::NO_ADJUSTMENT;
use candor::core::state::{DealStatus, State};
use candor::core::vocab::Answer;
use candor::core::{text, Date, Event};
use candor::{Error, Result};

/// Shows a refused action and lets the meeting go on; cancelling ends it.
fn tried(outcome: Result<&Event>) -> Result<()> {
    match outcome {
        Ok(_) => Ok(()),
        Err(Error::Cancelled) => Err(Error::Cancelled),
        Err(e) => {
            emit(&format!("  ✗ {e}\n"));
            Ok(())
        }
    }
}

/// Free text that must not be empty.
pub(super) fn required() -> Check {
    check(|s| text::text(s, text::MAX_TEXT))
}

/// Risk actions; the "go on" choice names the next section.
pub fn risk_actions(p: &mut dyn Prompter, agenda: &mut Agenda, next: &str) -> Result<()> {
    loop {
        let open: Vec<(String, bool)> = agenda
            .state()
            .deals
            .values()
            .filter(|d| d.current().status == DealStatus::Open)
            .map(|d| (format!("{} — {}", d.id, d.account), d.current().risk.is_some()))
            .collect();
        let at_risk: Vec<&String> = open.iter().filter(|(_, r)| *r).map(|(l, _)| l).collect();
        let calm: Vec<&String> = open.iter().filter(|(_, r)| !*r).map(|(l, _)| l).collect();
        let mut menu = vec![format!("no action on risks — go on to {next}")];
        if !at_risk.is_empty() {
            menu.push("clear a risk".into());
        }
        if !calm.is_empty() {
            menu.push("flag a deal at risk".into());
        }
        if menu.len() == 1 {
            return pause(p, next);
        }
        let choice = menu[p.select("Risks: any action?", &menu, 0)?].clone();
        let id = |label: &str| label.split(" — ").next().unwrap_or("").to_string();
        if choice == "clear a risk" {
            let options: Vec<String> = at_risk.iter().map(|s| s.to_string()).collect();
            let deal = id(&options[p.select("Which deal is no longer at risk?", &options, 0)?]);
            let note = optional(p, "What changed?", required())?;
            tried(agenda.clear_risk(&deal, note.as_deref()))?;
        } else if choice == "flag a deal at risk" {
            let options: Vec<String> = calm.iter().map(|s| s.to_string()).collect();
            let deal = id(&options[p.select("Which deal is at risk?", &options, 0)?]);
            let reason = p.text("Why is it at risk?", None, required())?;
            tried(agenda.flag_risk(&deal, &reason))?;
        } else {
            return Ok(());
        }
    }
}

pub fn issue_actions(p: &mut dyn Prompter, agenda: &mut Agenda, next: &str) -> Result<()> {
    loop {
        let open: Vec<String> = agenda
            .state()
            .issues
            .values()
            .filter(|i| i.resolved.is_none())
            .map(|i| format!("{} — {}", i.id, i.title))
            .collect();
        let mut menu = vec![format!("no more issues — go on to {next}"), "raise an issue".to_string()];
        if !open.is_empty() {
            menu.push("resolve an issue".into());
        }
        match p.select("Issues: any to raise or resolve?", &menu, 0)? {
            1 => {
                let title = p.text("What is the issue?", None, check(text::name))?;
                tried(agenda.raise(&title))?;
            }
            2 => {
                let chosen = &open[p.select("Which issue is resolved?", &open, 0)?];
                let id = chosen.split(" — ").next().unwrap_or("").to_string();
                let how = p.text("How was it resolved?", None, required())?;
                tried(agenda.resolve(&id, &how))?;
            }
            _ => return Ok(()),
        }
    }
}

/// CEO or sales leader.
fn who(p: &mut dyn Prompter, agenda: &Agenda, label: &str) -> Result<String> {
    let info = agenda.state().info();
    let options = vec![format!("{} (sales leader)", info.leader), format!("{} (CEO)", info.ceo)];
    Ok(if p.select(label, &options, 0)? == 0 { info.leader.clone() } else { info.ceo.clone() })
}

pub fn plan_changes(p: &mut dyn Prompter, agenda: &mut Agenda, adjust: &str) -> Result<()> {
    let mut first = true;
    loop {
        let label = if first { "Record a plan change?" } else { "Another plan change?" };
        let default = first && !adjust.eq_ignore_ascii_case(NO_ADJUSTMENT);
        if !p.confirm(label, default)? {
            return Ok(());
        }
        first = false;
        let suggestion = Some(adjust).filter(|a| !a.eq_ignore_ascii_case(NO_ADJUSTMENT));
        let what = p.text("What changes in the plan?", suggestion, required())?;
        let why = p.text("Why? (required)", None, required())?;
        let from = p.text("From when (YYYY-MM-DD)?", Some(&agenda.date().to_string()), check(Date::parse))?;
        let from = Date::parse(&from).map_err(Error::Usage)?;
        let asked = who(p, agenda, "Who asked for it?")?;
        tried(agenda.change_plan(&what, &why, Some(from), &asked))?;
    }
}

pub fn commitments(p: &mut dyn Prompter, agenda: &mut Agenda) -> Result<()> {
    let mut first = true;
    loop {
        let label = if first { "Add a commitment?" } else { "Add another commitment?" };
        if !p.confirm(label, first)? {
            return Ok(());
        }
        first = false;
        let owner = who(p, agenda, "Whose commitment?")?;
        let what = p.text("What will be done?", None, required())?;
        let suggestion = agenda.date().next_friday().to_string();
        let due = p.text("Due (YYYY-MM-DD):", Some(&suggestion), check(Date::parse))?;
        let due = Date::parse(&due).map_err(Error::Usage)?;
        tried(agenda.commit(&owner, &what, due))?;
    }
}

/// One record of the meeting in words: the headline every confirmation
/// uses (`core::words`), with the reason or answers the room gave.
pub fn describe(state: &State, e: &Event) -> String {
    let word = |a: &Option<Answer>| a.map_or("—".to_string(), |a| a.to_string());
    match e {
        Event::MeetingHeld { date, worked_plan, results, adjust, rating, .. } => format!(
            "meeting held on {date}: worked the plan {}, results {}, adjust: {}{}",
            word(worked_plan),
            word(results),
            adjust.as_deref().unwrap_or("—"),
            rating.map_or(String::new(), |r| format!(", rated {r}/10"))
        ),
        Event::CommitmentMade { id, owner, what, due, .. } => {
            format!("commitment {id}: {owner} — {what}, due {due}")
        }
        Event::CommitmentDone { id, .. } => format!("commitment {id} done"),
        Event::CommitmentMissed { id, .. } => format!("commitment {id} missed"),
        Event::CommitmentRescheduled { id, due, reason, .. } => {
            format!("commitment {id} rescheduled to {due}: {reason}")
        }
        Event::DealRiskCleared { id, note, .. } => {
            format!("risk cleared on deal {id}{}", note.as_ref().map_or(String::new(), |n| format!(": {n}")))
        }
        Event::DealRiskFlagged { id, reason, .. } => format!("risk on deal {id}: {reason}"),
        Event::IssueRaised { id, title, .. } => format!("issue {id} raised: {title}"),
        Event::IssueResolved { id, resolution, .. } => format!("issue {id} resolved: {resolution}"),
        Event::PlanChanged { what, why, effective, requested_by, .. } => {
            format!("plan change from {effective}: {what} — because {why} (asked by {requested_by})")
        }
        other => candor::core::words::headline(other, state.exponent()),
    }
}
