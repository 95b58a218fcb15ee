//! The guided meeting: the brief's agenda, one section at a time — each
//! shown, then a pause (or the section's actions) before the next, so it
//! can be read before it scrolls away; the three questions; plan changes
//! and new commitments; a rating; and the recorder's acknowledgement of
//! the resulting head (the other side gives theirs with `meeting ack`).
//! Nothing is written here: the caller appends the agenda's records.

use super::actions::{commitments, describe, issue_actions, plan_changes, risk_actions};
use super::close::close_due_commitments;
use super::hold::HoldArgs;
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

/// The terminal's size in lines and columns (`LINES`, `COLUMNS`), else the
/// classic 24 × 80: sections are cut to fit it.
#[derive(Clone, Copy, Debug)]
pub struct Screen {
    pub rows: usize,
    pub cols: usize,
}

impl Screen {
    pub fn of_terminal() -> Screen {
        let var = |name: &str, default: usize| {
            std::env::var(name).ok().and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(default)
        };
        Screen { rows: var("LINES", 24).max(12), cols: var("COLUMNS", 80).max(20) }
    }
}

/// Rows kept free below a section: the prompt's line; a menu of actions
/// needs its options, its help line and a note above it too.
const PROMPT_ROWS: usize = 1;
const MENU_ROWS: usize = 7;

/// The section, a page at a time: one taller than the terminal waits for
/// Enter between pages, so its start is read before it scrolls away.
fn show(p: &mut dyn Prompter, screen: Screen, section: &Section) -> Result<()> {
    let text = format!("{}\n", section.doc().terminal());
    let kept =
        if ["risks", "commitments", "issues"].contains(&section.key) { MENU_ROWS } else { PROMPT_ROWS };
    let rows = screen.rows.saturating_sub(kept).max(4);
    for (n, page) in pages(&text, &section.title, rows, screen.cols).iter().enumerate() {
        if n > 0 {
            p.text(
                &format!("More of {} — press Enter", section.title),
                None,
                check(|_| Ok::<(), String>(())),
            )?;
        }
        emit(page);
    }
    Ok(())
}

/// `text` cut into pages of at most `rows` terminal rows (a line wider
/// than `cols` takes more than one), at a blank line between blocks when
/// one falls in the page's second half; each page after the first starts
/// with the title, marked as continued.
pub fn pages(text: &str, title: &str, rows: usize, cols: usize) -> Vec<String> {
    let height = |line: &str| line.chars().count().div_ceil(cols.max(1)).max(1);
    let continued = [format!("{title} (continued)"), String::new()];
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut page: Vec<String> = Vec::new();
    for line in text.lines() {
        let used: usize = page.iter().map(|l| height(l)).sum();
        if !page.is_empty() && used + height(line) > rows {
            let start = if out.is_empty() { 0 } else { continued.len() };
            let cut = page.iter().rposition(|l| l.is_empty()).filter(|&i| i > start && i >= page.len() / 2);
            // A one-line lead-in ("Plan changes since …:") goes with what it introduces.
            let cut = cut.map(|i| match i.checked_sub(2) {
                Some(j) if j > start && page[j].is_empty() && page[i - 1].ends_with(':') => j,
                _ => i,
            });
            let carried = cut.map_or(Vec::new(), |i| page.split_off(i + 1));
            out.push(std::mem::take(&mut page));
            page = continued.iter().cloned().chain(carried).collect();
        }
        page.push(line.to_string());
    }
    if !page.is_empty() {
        out.push(page);
    }
    out.into_iter().map(|p| format!("{}\n", p.join("\n"))).collect()
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

/// Prose wrapped at the classic 80 columns, each paragraph (line) apart.
pub fn wrap(text: &str) -> String {
    const COLUMNS: usize = 80;
    let mut out = String::new();
    for (i, paragraph) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut width = 0;
        for (j, word) in paragraph.split(' ').enumerate() {
            let w = word.chars().count();
            if j > 0 && width + 1 + w > COLUMNS {
                out.push('\n');
                width = 0;
            } else if j > 0 {
                out.push(' ');
                width += 1;
            }
            out.push_str(word);
            width += w;
        }
    }
    out
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
