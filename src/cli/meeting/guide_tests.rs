use super::*;
use crate::cli::prompt::Scripted;
use candor::core::state::Origin;
use candor::core::vocab::Cadence;
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

fn state() -> State {
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
    for (i, e) in events.iter().enumerate() {
        let at = Timestamp::parse("2026-01-03T09:00:00Z").unwrap();
        s.apply(Origin { seq: i as u64 + 1, recorded_at: at }, "Lee", e);
    }
    s
}

fn walk(script: &[&str], flags: &[&str]) -> (Result<bool>, Agenda) {
    let s = state();
    let args = Flags::parse_from(std::iter::once("hold").chain(flags.iter().copied())).hold;
    let now = Timestamp::parse("2026-01-05T10:00:00Z").unwrap();
    let mut agenda = Agenda::new(&s, d("2026-01-05"), "Lee", now).unwrap();
    let fake = |records: &[Event]| {
        Ok((5..).zip(records).map(|(seq, _)| Digest { seq, hash: Hash32([1; 32]) }).collect())
    };
    let outcome = run(&mut Scripted::new(script), &s, &mut agenda, &args, fake);
    (outcome, agenda)
}

#[test]
fn the_agenda_is_walked_in_order_and_acknowledged() {
    let script = [
        "clear a risk",
        "",
        "new champion",
        "", // risks
        "resolve an issue",
        "",
        "15% floor",
        "", // issues
        "partly",
        "no",
        "More demos", // the three questions
        "",
        "",
        "Demos below target",
        "",
        "",
        "", // one plan change, as suggested, asked by the leader
        "",
        "",
        "Book demos",
        "",
        "n", // one commitment, due next Friday
        "",
        "7",
        "y", // no note, rated 7, acknowledged
    ];
    let (outcome, agenda) = walk(&script, &[]);
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
fn flags_skip_their_questions_and_escape_cancels() {
    let script = ["", "", "", "n", "", "", "n", "y"];
    let (outcome, agenda) = walk(&script, &["--worked-plan", "yes", "--results", "yes", "--adjust", "none"]);
    assert!(!outcome.unwrap(), "recorded without the acknowledgement");
    assert_eq!(agenda.records().unwrap().len(), 1);
    let (outcome, _) = walk(&["", "", "yes", "<esc>"], &[]);
    assert!(matches!(outcome, Err(Error::Cancelled)));
}
