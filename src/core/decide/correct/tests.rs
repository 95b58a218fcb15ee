use super::*;
use crate::core::hash::Hash32;
use crate::core::money::Money;
use crate::core::testing::{d, ledger_opened as opened};
use crate::core::time::Timestamp;
use crate::core::vocab::Answer;

/// A history: the ledger opened (record 1), then `events`.
fn history(events: Vec<Event>) -> Vec<Envelope> {
    std::iter::once(opened())
        .chain(events)
        .enumerate()
        .map(|(i, event)| Envelope {
            seq: i as u64 + 1,
            recorded_at: Timestamp::from_micros(0),
            actor: "Lee".into(),
            event,
        })
        .collect()
}

fn made(id: &str, due: &str) -> Event {
    Event::CommitmentMade {
        id: id.into(),
        owner: "Lee".into(),
        what: "Send the plan".into(),
        due: d(due),
        meeting: None,
        on: d("2026-01-05"),
    }
}

fn deal() -> Event {
    Event::DealOpened {
        id: "D-1".into(),
        account: "Globex".into(),
        amount: Money(10_000_000),
        close: d("2026-03-31"),
        stage: None,
        probability: None,
        on: d("2026-01-05"),
    }
}

const TODAY: &str = "2026-01-12";

fn set(h: &[Envelope], seq: u64, pairs: &[(&str, &str)]) -> Result<Event> {
    let sets = pairs.iter().map(|(f, v)| (f.to_string(), v.to_string())).collect();
    correct(&State::fold(h), h, seq, Change::Set(sets), "typo", d(TODAY))
}

fn replacement(e: Event) -> Event {
    match e {
        Event::Corrected { replacement: Some(r), .. } => *r,
        other => panic!("not a replacement: {other:?}"),
    }
}

fn err(r: Result<Event>) -> String {
    r.unwrap_err().to_string()
}

#[test]
fn a_due_date_is_replaced_and_the_state_follows() {
    let mut h = history(vec![made("C-1", "2026-01-14")]);
    let e = set(&h, 2, &[("due", "2026-01-16")]).unwrap();
    assert_eq!(replacement(e.clone()), made("C-1", "2026-01-16"));
    h.push(Envelope { seq: 3, recorded_at: Timestamp::from_micros(0), actor: "Dana".into(), event: e });
    let state = State::fold(&h);
    assert_eq!(state.commitments["C-1"].due, d("2026-01-16"));
    assert_eq!(state.corrections.get(&2).map(|c| c.0), Some(3));
    // A second correction starts from the one in force.
    let again = err(set(&h, 2, &[("due", "2026-01-16")]));
    assert!(again.starts_with("--set") && again.contains("identical"), "{again}");
}

#[test]
fn values_are_read_by_the_type_of_the_field() {
    let h = history(vec![deal(), made("C-1", "2026-01-09")]);
    let e = replacement(set(&h, 2, &[("amount", "250k"), ("probability", "60"), ("stage", "3")]).unwrap());
    let Event::DealOpened { amount, probability, stage, .. } = e else { panic!() };
    assert_eq!((amount, probability, stage.as_deref()), (Money(25_000_000), Some(60), Some("3")));
    let e = replacement(set(&h, 3, &[("owner", "ceo"), ("meeting", "")]).unwrap());
    assert!(matches!(e, Event::CommitmentMade { ref owner, .. } if owner == "Dana"));
    // Kebab-case names are accepted.
    let forecast = Event::ForecastSubmitted {
        period: crate::core::Period::parse("2026-Q1").unwrap(),
        amount: Money(1),
        commit: None,
        best_case: None,
        pipeline: None,
        as_of: d("2026-01-05"),
        note: Some("first".into()),
    };
    let h = history(vec![forecast]);
    let e = replacement(set(&h, 2, &[("best-case", "1.25M"), ("period", "2026-Q2"), ("note", "")]).unwrap());
    let Event::ForecastSubmitted { best_case, period, note, .. } = e else { panic!() };
    assert_eq!((best_case, period.to_string(), note), (Some(Money(125_000_000)), "2026-Q2".into(), None));
}

#[test]
fn bad_sets_are_refused_naming_the_flag() {
    let h = history(vec![deal(), made("C-1", "2026-01-14")]);
    let cases: &[(&[(&str, &str)], &str)] = &[
        (&[("colour", "red")], "not a field of a deal_opened record"),
        (&[("id", "D-2")], "cannot be corrected"),
        (&[("amount", "-5")], "negative"),
        (&[("amount", "12x")], "not an amount"),
        (&[("close", "31/03/2026")], "YYYY-MM-DD"),
        (&[("on", "2026-02-01")], "after today"),
        (&[("account", "")], "cannot be empty"),
        (&[("account", "Globex")], "identical"),
        (&[("probability", "101")], "percentage"),
        (&[("probability", "many")], "whole number"),
        (&[("stage", "a"), ("stage", "b")], "given twice"),
        (&[], "at least one"),
    ];
    for (pairs, expected) in cases {
        let e = err(set(&h, 2, pairs));
        assert!(e.starts_with("--set") && e.contains(expected), "{pairs:?}: {e}");
    }
    let e = err(set(&h, 3, &[("due", "2026-01-01")]));
    assert!(e.contains("before the day"), "{e}");
    let e = err(set(&h, 3, &[("meeting", "2")]));
    assert!(e.contains("not a meeting that was held"), "{e}");
    let e = err(set(&h, 3, &[("what", &"x".repeat(2001))]));
    assert!(e.contains("at most 2000"), "{e}");
}

#[test]
fn some_records_cannot_be_corrected() {
    let held = Event::MeetingHeld {
        date: d("2026-01-09"),
        attendees: vec!["Dana".into(), "Lee".into()],
        worked_plan: Some(Answer::Yes),
        results: None,
        adjust: None,
        note: None,
        rating: None,
    };
    let ack = Event::HeadAcknowledged { seq: 2, hash: Hash32::ZERO, by: vec!["Dana".into()] };
    let fix = Event::Corrected { target: 2, replacement: None, reason: "wrong".into() };
    let h = history(vec![held, ack, fix]);
    for (seq, expected) in
        [(1, "opens the ledger"), (3, "acknowledges"), (4, "itself a correction"), (9, "no record 9")]
    {
        let e = err(set(&h, seq, &[("note", "x")]));
        assert!(e.starts_with("SEQ") && e.contains(expected), "{seq}: {e}");
    }
}

#[test]
fn a_structured_field_and_a_list_of_names() {
    let held = Event::MeetingHeld {
        date: d("2026-01-09"),
        attendees: vec!["Dana".into(), "Lee".into()],
        worked_plan: None,
        results: None,
        adjust: None,
        note: None,
        rating: None,
    };
    let skipped = Event::MeetingSkipped { date: d("2026-01-02"), reason: "travel".into() };
    let h = history(vec![held, skipped]);
    let e = replacement(set(&h, 2, &[("attendees", "ceo, leader"), ("worked_plan", "partly")]).unwrap());
    let Event::MeetingHeld { attendees, worked_plan, .. } = e else { panic!() };
    assert_eq!(attendees, vec!["Dana", "Lee"]);
    let stranger = err(set(&h, 2, &[("attendees", "ceo, Pat")]));
    assert!(
        stranger.contains("attendees: Pat is not a member") && stranger.contains("Dana (ceo)"),
        "{stranger}"
    );
    assert_eq!(worked_plan, Some(Answer::Partly));
    assert!(err(set(&h, 2, &[("worked_plan", "maybe")])).contains("unknown variant"));
    assert!(err(set(&h, 2, &[("rating", "11")])).contains("rating"));
    assert!(err(set(&h, 3, &[("date", "2026-01-09")])).contains("one meeting per date"));
    let gap = Event::ContingencyAdded {
        id: "K-1".into(),
        trigger: crate::core::event::Trigger::RevenueGapAbove { amount: Money(1) },
        action: "Hire".into(),
        on: d("2026-01-05"),
    };
    let h = history(vec![gap]);
    assert!(err(set(&h, 2, &[("trigger", "x")])).contains("structured data"));
}

fn void(h: &[Envelope], seq: u64) -> Result<Event> {
    correct(&State::fold(h), h, seq, Change::Void, "entered twice", d(TODAY))
}

#[test]
fn voiding_refuses_to_orphan_later_records() {
    let done = Event::CommitmentDone { id: "C-1".into(), on: d("2026-01-08") };
    let mut h = history(vec![made("C-1", "2026-01-09"), done]);
    let e = err(void(&h, 2));
    assert!(e.starts_with("--void") && e.contains("commitment 'C-1', which record 3 refers to"), "{e}");
    // Void the completion first; then the commitment itself.
    let first = void(&h, 3).unwrap();
    assert_eq!(first, Event::Corrected { target: 3, replacement: None, reason: "entered twice".into() });
    h.push(Envelope { seq: 4, recorded_at: Timestamp::from_micros(0), actor: "Lee".into(), event: first });
    assert!(err(void(&h, 3)).contains("already voided by record 4"));
    assert!(void(&h, 2).is_ok());
    // A voided record can be restored, corrected, with --set.
    let restored = replacement(set(&h, 3, &[("on", "2026-01-09")]).unwrap());
    assert_eq!(restored, Event::CommitmentDone { id: "C-1".into(), on: d("2026-01-09") });
    assert!(err(correct(&State::fold(&h), &h, 2, Change::Void, " ", d(TODAY))).starts_with("--reason"));
}

#[test]
fn a_meeting_with_commitments_made_at_it_cannot_be_voided() {
    let held = Event::MeetingHeld {
        date: d("2026-01-05"),
        attendees: vec!["Dana".into()],
        worked_plan: None,
        results: None,
        adjust: None,
        note: None,
        rating: None,
    };
    let at_meeting = match made("C-1", "2026-01-09") {
        Event::CommitmentMade { id, owner, what, due, on, .. } => {
            Event::CommitmentMade { id, owner, what, due, meeting: Some(2), on }
        }
        other => other,
    };
    let h = history(vec![held, at_meeting]);
    assert!(err(void(&h, 2)).contains("the meeting of record 2, which record 3 refers to"));
    assert!(void(&h, 3).is_ok());
}

#[test]
fn identities_are_not_settable_but_a_candidate_name_is() {
    assert!(is_identity("deal_opened", "id") && is_identity("panelist_added", "name"));
    assert!(!is_identity("candidate_added", "name") && !is_identity("goal_set", "period"));
    assert!(!settable("contingency_added", "trigger", &serde_json::json!({ "revenue_gap_above": {} })));
    assert!(settable("meeting_held", "attendees", &serde_json::json!(["Dana"])));
    let h = history(vec![Event::CandidateAdded { id: "K-1".into(), name: "Jon Smth".into() }]);
    let fixed = replacement(set(&h, 2, &[("name", "Jon Smith")]).unwrap());
    assert_eq!(fixed, Event::CandidateAdded { id: "K-1".into(), name: "Jon Smith".into() });
    assert!(err(set(&h, 2, &[("id", "K-2")])).contains("cannot be corrected"));
}

#[test]
fn a_deadline_that_has_passed_cannot_be_moved_by_a_correction() {
    // C-1 was due 2026-01-09; on 2026-01-12 a correction would make it due
    // 2026-01-16 as if it had always been — a slip nobody would see.
    let h = history(vec![made("C-1", "2026-01-09")]);
    let e = err(set(&h, 2, &[("due", "2026-01-16")]));
    assert!(e.contains("has passed") && e.contains("commitment reschedule"), "{e}");
    // Other fields of the same record can still be corrected.
    assert!(set(&h, 2, &[("what", "Send the signed plan")]).is_ok());
}
