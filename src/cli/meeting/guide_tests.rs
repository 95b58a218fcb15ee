use super::*;
use crate::cli::meeting::pages::pages;
use crate::cli::prompt::Scripted;
use candor::core::state::Origin;
use candor::core::vocab::{Answer, Cadence};
use candor::core::{Date, Hash32, Money, Timestamp};
use clap::Parser;

#[derive(Parser)]
struct Flags {
    #[command(flatten)]
    hold: HoldArgs,
}

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn state(extra: Vec<Event>) -> State {
    let events = [
        Event::LedgerOpened {
            company: "Acme".into(),
            ceo: "Dana".into(),
            leader: "Lee".into(),
            currency: "USD".into(),
            fiscal_year_start: 1,
            cadence: Cadence::Weekly,
        },
        Event::DealOpened {
            id: "D-1".into(),
            account: "Globex".into(),
            amount: Money(100_000),
            close: d("2026-03-01"),
            stage: None,
            probability: None,
            on: d("2026-01-02"),
        },
        Event::DealRiskFlagged { id: "D-1".into(), reason: "champion left".into(), on: d("2026-01-03") },
        Event::IssueRaised { id: "I-1".into(), title: "Pricing".into(), detail: None, on: d("2026-01-03") },
    ];
    let mut s = State::default();
    for (i, e) in events.into_iter().chain(extra).enumerate() {
        let at = Timestamp::parse("2026-01-03T09:00:00Z").unwrap();
        s.apply(Origin { seq: i as u64 + 1, recorded_at: at }, "Lee", &e);
    }
    s
}

/// A scripted prompter that also keeps every prompt's label, in order.
struct Recorded {
    script: Scripted,
    labels: Vec<String>,
}

impl Prompter for Recorded {
    fn text(&mut self, label: &str, default: Option<&str>, check: Check) -> Result<String> {
        self.labels.push(label.to_string());
        self.script.text(label, default, check)
    }

    fn select(&mut self, label: &str, options: &[String], start: usize) -> Result<usize> {
        self.labels.push(label.to_string());
        self.script.select(label, options, start)
    }

    fn confirm(&mut self, label: &str, default: bool) -> Result<bool> {
        self.labels.push(label.to_string());
        self.script.confirm(label, default)
    }
}

fn walk_state(s: &State, script: &[&str], flags: &[&str]) -> (Result<bool>, Agenda, Vec<String>) {
    let args = Flags::parse_from(std::iter::once("hold").chain(flags.iter().copied())).hold;
    let now = Timestamp::parse("2026-01-05T10:00:00Z").unwrap();
    let mut agenda = Agenda::new(s, d("2026-01-05"), "Lee", now).unwrap();
    let fake = |records: &[Event]| {
        Ok((5..).zip(records).map(|(seq, _)| Digest { seq, hash: Hash32([1; 32]) }).collect())
    };
    let mut p = Recorded { script: Scripted::new(script), labels: Vec::new() };
    let outcome = run(&mut p, TALL, s, &mut agenda, &args, fake);
    (outcome, agenda, p.labels)
}

fn walk(script: &[&str], flags: &[&str]) -> (Result<bool>, Agenda) {
    let (outcome, agenda, _) = walk_state(&state(vec![]), script, flags);
    (outcome, agenda)
}

/// Tall enough for every section here: paging has a test of its own.
const TALL: Screen = Screen { rows: 1000, cols: 80 };

/// Enter at the pauses after sections 1–3 (revenue, big deals, what changed).
const FIRST_PAUSES: [&str; 3] = ["", "", ""];
/// Enter at the pauses after sections 5–8 (plan, commitments, indicators, trends).
const MIDDLE_PAUSES: [&str; 4] = ["", "", "", ""];

#[test]
fn the_agenda_is_walked_in_order_and_acknowledged() {
    let risks = ["clear a risk", "", "new champion", "no action on risks"];
    let issues = ["resolve an issue", "", "15% floor", "no more issues"];
    let questions = ["partly", "no", "More demos"];
    // One plan change, as suggested, asked by the leader; one commitment, due next Friday.
    let changes = ["", "", "Demos below target", "", "", "", "", "", "Book demos", "", "n"];
    let end = ["", "7", "y"]; // no note, rated 7, acknowledged
    let all = [&FIRST_PAUSES[..], &risks, &MIDDLE_PAUSES, &issues, &questions, &changes, &end].concat();
    let (outcome, agenda) = walk(&all, &[]);
    assert!(outcome.unwrap(), "acknowledged");
    let records = agenda.records().unwrap();
    let kinds: Vec<&str> = records.iter().map(Event::kind).collect();
    assert_eq!(
        kinds,
        ["meeting_held", "deal_risk_cleared", "issue_resolved", "plan_changed", "commitment_made"]
    );
    let Event::MeetingHeld { worked_plan, results, adjust, rating, .. } = &records[0] else { panic!() };
    assert_eq!(
        (*worked_plan, *results, adjust.as_deref(), *rating),
        (Some(Answer::Partly), Some(Answer::No), Some("More demos"), Some(7))
    );
    let Event::PlanChanged { what, requested_by, .. } = &records[3] else { panic!() };
    assert_eq!((what.as_str(), requested_by.as_str()), ("More demos", "Lee"));
    let Event::CommitmentMade { due, meeting, .. } = &records[4] else { panic!() };
    assert_eq!((*due, *meeting), (d("2026-01-09"), Some(5)));
}

#[test]
fn each_section_waits_for_enter_before_the_next() {
    let all = [&FIRST_PAUSES[..], &[""], &MIDDLE_PAUSES, &["", "<esc>"]].concat();
    let (outcome, _, labels) = walk_state(&state(vec![]), &all, &[]);
    assert!(matches!(outcome, Err(Error::Cancelled)));
    let nexts: Vec<&str> = labels
        .iter()
        .filter_map(|l| l.strip_prefix("Next: ").and_then(|l| l.strip_suffix(" — press Enter")))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(nexts, ["2.", "3.", "4.", "6.", "7.", "8.", "9."], "{labels:#?}");
    assert_eq!(labels[3], "Risks: any action?", "section 4 waits at its actions");
    assert_eq!(labels[8], "Issues: any to raise or resolve?", "section 9 too");
    assert!(labels[9].starts_with("Did we work the plan?"), "{labels:#?}");
}

#[test]
fn the_three_questions_and_the_rating_have_no_default_answer() {
    let upto_questions = [&FIRST_PAUSES[..], &[""], &MIDDLE_PAUSES, &[""]].concat();
    let (outcome, _) = walk(&[&upto_questions[..], &[""]].concat(), &[]);
    let err = outcome.unwrap_err().to_string();
    assert!(err.contains("choose an answer"), "Enter alone is no answer: {err}");
    let (outcome, _) = walk(&[&upto_questions[..], &["y", "p", ""]].concat(), &[]);
    assert!(outcome.unwrap_err().to_string().contains("or type none"), "nor for the adjustment");
    use super::super::questions::{parse_answer, parse_rating};
    assert_eq!(parse_answer(" Partly "), Ok(Answer::Partly));
    assert_eq!(parse_answer("n"), Ok(Answer::No));
    assert!(parse_answer("maybe").is_err());
    assert!(parse_rating("").unwrap_err().contains("skip"), "no rating is chosen for them");
    assert_eq!(parse_rating("skip"), Ok(None));
    assert_eq!(parse_rating("3"), Ok(Some(3)));
    assert!(parse_rating("11").is_err() && parse_rating("0").is_err());
    let rest = ["y", "p", "none", "", "n", "", ""];
    let (outcome, _) = walk(&[&upto_questions[..], &rest].concat(), &[]);
    assert!(outcome.unwrap_err().to_string().contains("or skip"), "Enter alone at the rating");
    let (outcome, agenda) = walk(&[&upto_questions[..], &rest[..6], &["skip", "y"]].concat(), &[]);
    assert!(outcome.unwrap());
    let Event::MeetingHeld { worked_plan, results, rating, .. } = &agenda.records().unwrap()[0] else {
        panic!()
    };
    assert_eq!((*worked_plan, *results, *rating), (Some(Answer::Yes), Some(Answer::Partly), None));
}

#[test]
fn commitments_due_are_closed_in_the_meeting_and_refusals_are_shown_at_the_prompt() {
    let made = |id: &str, owner: &str, due: &str| Event::CommitmentMade {
        id: id.into(),
        owner: owner.into(),
        what: format!("Task {id}"),
        due: d(due),
        meeting: None,
        on: d("2026-01-02"),
    };
    let s = state(vec![
        made("C-1", "Lee", "2026-01-02"),
        made("C-2", "Dana", "2026-01-02"),
        made("C-3", "Lee", "2026-01-05"),
        made("C-4", "Lee", "2026-01-30"), // not due: not asked about
    ]);
    let closing = [
        "done", // C-1, Lee's own
        "done", // C-2 is Dana's: refused, asked again
        "rescheduled",
        "missed", // refused twice, then missed (the CEO or the leader may)
        "missed", // C-3 is due today: not missed yet
        "rescheduled",
        "2026-01-12",
        "Waiting on legal",
    ];
    let rest = ["", "", "", "", "y", "n", "none", "", "n", "", "skip", "y"];
    let all = [&FIRST_PAUSES[..], &["no action on risks", ""], &closing, &rest].concat();
    let (outcome, agenda, labels) = walk_state(&s, &all, &[]);
    assert!(outcome.unwrap(), "{labels:#?}");
    let records = agenda.records().unwrap();
    let steps: Vec<String> = records[1..].iter().map(|e| describe(agenda.state(), e)).collect();
    assert_eq!(
        steps,
        [
            "commitment C-1 done",
            "commitment C-2 missed",
            "commitment C-3 rescheduled to 2026-01-12: Waiting on legal"
        ]
    );
    let asked = |id: &str| labels.iter().filter(|l| l.starts_with(&format!("{id} — "))).count();
    assert_eq!((asked("C-1"), asked("C-2"), asked("C-3"), asked("C-4")), (1, 3, 2, 0), "{labels:#?}");
    assert!(records[1..].iter().all(|e| matches!(e,
        Event::CommitmentDone { on, .. } | Event::CommitmentMissed { on, .. } | Event::CommitmentRescheduled { on, .. }
        if *on == d("2026-01-05"))), "dated on the meeting's day");
}

#[test]
fn a_new_due_date_is_judged_at_its_prompt_by_the_reschedule_rule() {
    let s = state(vec![Event::CommitmentMade {
        id: "C-1".into(),
        owner: "Lee".into(),
        what: "Call".into(),
        due: d("2026-01-02"),
        meeting: None,
        on: d("2026-01-02"),
    }]);
    let now = Timestamp::parse("2026-01-05T10:00:00Z").unwrap();
    let agenda = Agenda::new(&s, d("2026-01-05"), "Lee", now).unwrap();
    let rule = super::super::close::new_due_rule(&agenda, "C-1");
    assert!(rule("2026-01-04").unwrap_err().contains("in the past"));
    assert!(rule("2026-01-02").is_err(), "before the meeting, and already the due date");
    assert!(rule("next week").is_err());
    assert!(rule("2026-01-12").is_ok());
}

#[test]
fn flags_skip_their_questions_and_escape_cancels() {
    let after = ["", "n", "", "skip", "n", "y"]; // no plan change or commitment; declined, recorded
    let all = [&FIRST_PAUSES[..], &[""], &MIDDLE_PAUSES, &[""], &after].concat();
    let (outcome, agenda) = walk(&all, &["--worked-plan", "yes", "--results", "yes", "--adjust", "none"]);
    assert!(!outcome.unwrap(), "recorded without the acknowledgement");
    assert_eq!(agenda.records().unwrap().len(), 1);
    let all = [&FIRST_PAUSES[..], &[""], &MIDDLE_PAUSES, &["", "yes", "<esc>"]].concat();
    let (outcome, _) = walk(&all, &[]);
    assert!(matches!(outcome, Err(Error::Cancelled)));
}

#[test]
fn a_section_taller_than_the_terminal_is_shown_a_page_at_a_time() {
    let text: String = (1..=30).map(|i| format!("line {i}\n")).collect();
    let cut = pages(&text, "5. The plan", 21, 80);
    assert_eq!(cut.len(), 2);
    assert_eq!(cut[0].lines().count(), 21);
    assert!(cut[0].starts_with("line 1\n") && cut[0].ends_with("line 21\n"));
    assert!(cut[1].starts_with("5. The plan (continued)\n\nline 22\n") && cut[1].ends_with("line 30\n"));
    assert_eq!(pages("a\nb\n", "t", 21, 80), ["a\nb\n"], "a short section is one page");
    // A page ends at a blank line between blocks when one is in its second half.
    let blocks = "t\n=\n\nintro\n\nrow 1\nrow 2\nrow 3\nrow 4\n\ntable 2\nrow 5\nrow 6\n";
    let cut = pages(blocks, "t", 12, 80);
    assert_eq!(cut[0], "t\n=\n\nintro\n\nrow 1\nrow 2\nrow 3\nrow 4\n\n");
    assert_eq!(cut[1], "t (continued)\n\ntable 2\nrow 5\nrow 6\n");
    let lead_in = "t\n=\n\nrow 1\nrow 2\nrow 3\nrow 4\n\nOptions:\n\nrow 5\nrow 6\n";
    let cut = pages(lead_in, "t", 11, 80);
    assert_eq!(cut[1], "t (continued)\n\nOptions:\n\nrow 5\nrow 6\n", "a lead-in goes with its block");
    // A line wider than the terminal wraps onto two rows, and counts as two.
    let wide = format!("{}\n", "x".repeat(100)).repeat(12);
    let cut = pages(&wide, "t", 21, 80);
    assert_eq!(cut.iter().map(|p| p.lines().count()).collect::<Vec<_>>(), [10, 2 + 2]);
}

#[test]
fn the_pages_of_a_tall_section_wait_for_enter_too() {
    let small = Screen { rows: 12, cols: 80 };
    let s = state(vec![]);
    let args = Flags::parse_from(["hold"]).hold;
    let now = Timestamp::parse("2026-01-05T10:00:00Z").unwrap();
    let mut agenda = Agenda::new(&s, d("2026-01-05"), "Lee", now).unwrap();
    let fake = |_: &[Event]| Ok(vec![]);
    let mut p = Recorded { script: Scripted::new(&[""; 40]), labels: Vec::new() };
    let _ = run(&mut p, small, &s, &mut agenda, &args, fake);
    let labels = &p.labels;
    let more = labels.iter().position(|l| l.starts_with("More of ")).expect("a page break");
    let title = labels[more].strip_prefix("More of ").and_then(|l| l.strip_suffix(" — press Enter")).unwrap();
    let into = labels.iter().position(|l| *l == format!("Next: {title} — press Enter"));
    assert!(into.is_none_or(|k| k < more), "the section is announced, then paged: {labels:#?}");
    let after = labels.iter().skip(more).position(|l| l.starts_with("Next: ") || l.ends_with('?'));
    assert!(after.is_some_and(|n| n > 0), "the next step waits for the pages: {labels:#?}");
}

#[test]
fn prose_is_wrapped_at_80_columns_keeping_its_line_breaks() {
    let long = "word ".repeat(40);
    let wrapped = wrap(&format!("{}\n\nnext\n", long.trim()));
    assert!(wrapped.lines().all(|l| l.chars().count() <= 80), "{wrapped}");
    assert!(wrapped.ends_with("word\n\nnext\n"), "{wrapped:?}");
    assert_eq!(wrapped.split_whitespace().count(), 41);
}
