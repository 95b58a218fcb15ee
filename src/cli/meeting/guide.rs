//! The guided meeting: the brief's agenda, section by section, with the
//! actions each section calls for; the three questions; plan changes and
//! commitments; a rating; and the acknowledgement of the resulting head.
//! Nothing is written here: the caller appends the agenda's records.

use super::hold::HoldArgs;
use crate::cli::output::emit;
use crate::cli::prompt::{check, Check, Prompter};
use candor::core::brief::{brief, window};
use candor::core::decide::agenda::Agenda;
use candor::core::decide::meeting::{self, HeldMeeting, NO_ADJUSTMENT};
use candor::core::state::{DealStatus, State};
use candor::core::vocab::Answer;
use candor::core::{text, Date, Event};
use candor::ledger::Digest;
use candor::report::brief::{sections, Section};
use candor::{Error, Result};

/// Walks the meeting; returns whether both attendees acknowledged the
/// head the records will produce (`predict` gives its digests).
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
    let names = match &records[0] {
        Event::MeetingHeld { attendees, .. } => attendees.join(" and "),
        _ => String::new(),
    };
    if args.acknowledge
        || p.confirm(&format!("Do {names} agree this is the record ({})?", short(head)), true)?
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

fn optional(p: &mut dyn Prompter, label: &str, rule: Check) -> Result<Option<String>> {
    let empty_ok: Check = std::rc::Rc::new(move |s| if s.trim().is_empty() { Ok(()) } else { rule(s) });
    let a = p.text(&format!("{label} (Enter to skip)"), None, empty_ok)?;
    Ok(Some(a).filter(|a| !a.trim().is_empty()))
}

fn answer(p: &mut dyn Prompter, question: &str) -> Result<Answer> {
    let options: Vec<String> = Answer::ALL.iter().map(|a| a.to_string()).collect();
    Ok(Answer::ALL[p.select(question, &options, 0)?])
}

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
fn required() -> Check {
    check(|s| text::text(s, text::MAX_TEXT))
}

fn risk_actions(p: &mut dyn Prompter, agenda: &mut Agenda) -> Result<()> {
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
        let mut menu = vec!["no action on risks — go on".to_string()];
        if !at_risk.is_empty() {
            menu.push("clear a risk".into());
        }
        if !calm.is_empty() {
            menu.push("flag a deal at risk".into());
        }
        if menu.len() == 1 {
            return Ok(());
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

fn issue_actions(p: &mut dyn Prompter, agenda: &mut Agenda) -> Result<()> {
    loop {
        let open: Vec<String> = agenda
            .state()
            .issues
            .values()
            .filter(|i| i.resolved.is_none())
            .map(|i| format!("{} — {}", i.id, i.title))
            .collect();
        let mut menu = vec!["no more issues — go on".to_string(), "raise an issue".to_string()];
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

fn plan_changes(p: &mut dyn Prompter, agenda: &mut Agenda, adjust: &str) -> Result<()> {
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

fn commitments(p: &mut dyn Prompter, agenda: &mut Agenda) -> Result<()> {
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

/// One record of the meeting, in words.
fn describe(state: &State, e: &Event) -> String {
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
        Event::DealRiskCleared { id, note, .. } => {
            format!("risk cleared on {id}{}", note.as_ref().map_or(String::new(), |n| format!(": {n}")))
        }
        Event::DealRiskFlagged { id, reason, .. } => format!("{id} flagged at risk: {reason}"),
        Event::IssueRaised { id, title, .. } => format!("issue {id} raised: {title}"),
        Event::IssueResolved { id, resolution, .. } => format!("issue {id} resolved: {resolution}"),
        Event::PlanChanged { what, why, effective, requested_by, .. } => {
            format!("plan change from {effective}: {what} — because {why} (asked by {requested_by})")
        }
        other => format!("{} ({})", other.kind(), state.info().company),
    }
}
