use super::*;
use crate::core::decide::meeting::HeldMeeting;
use crate::core::money::Money;
use crate::core::testing::{d, state_with};
use crate::core::vocab::Answer;

fn now(s: &str) -> Timestamp {
    Timestamp::parse(&format!("{s}T10:00:00Z")).unwrap()
}

fn answers() -> HeldMeeting {
    HeldMeeting {
        date: None,
        worked_plan: Some(Answer::Yes),
        results: Some(Answer::Partly),
        adjust: Some("none".into()),
        note: None,
        attendees: vec![],
        rating: Some(8),
    }
}

fn with_deal() -> State {
    state_with(vec![
        Event::DealOpened {
            id: "D-1".into(),
            account: "Globex".into(),
            amount: Money(100),
            close: d("2026-03-01"),
            stage: None,
            probability: None,
            on: d("2026-01-02"),
        },
        Event::DealRiskFlagged { id: "D-1".into(), reason: "champion left".into(), on: d("2026-01-03") },
        Event::IssueRaised { id: "I-1".into(), title: "Pricing".into(), detail: None, on: d("2026-01-03") },
    ])
}

#[test]
fn the_meeting_comes_first_and_commitments_name_it() {
    let s = with_deal(); // records 1–4
    let mut a = Agenda::new(&s, d("2026-01-05"), "Lee", now("2026-01-05")).unwrap();
    a.clear_risk("D-1", Some("new champion found")).unwrap();
    a.raise("Hiring plan").unwrap();
    a.resolve("I-1", "15% floor").unwrap();
    a.change_plan("Two more demos a week", "Demos below target", None, "ceo").unwrap();
    assert!(a.records().is_err(), "not before the meeting is held");
    a.hold(answers()).unwrap();
    a.commit("leader", "Send the proposal", d("2026-01-09")).unwrap();
    a.commit("ceo", "Call the CFO", d("2026-01-09")).unwrap();
    let records = a.records().unwrap();
    let kinds: Vec<&str> = records.iter().map(Event::kind).collect();
    assert_eq!(
        kinds,
        [
            "meeting_held",
            "deal_risk_cleared",
            "issue_raised",
            "issue_resolved",
            "plan_changed",
            "commitment_made",
            "commitment_made"
        ]
    );
    assert!(matches!(&records[0], Event::MeetingHeld { date, .. } if *date == d("2026-01-05")));
    assert!(matches!(&records[2], Event::IssueRaised { id, .. } if id == "I-2"));
    let Event::CommitmentMade { id, owner, meeting, on, .. } = &records[6] else { panic!() };
    assert_eq!((id.as_str(), owner.as_str(), *meeting, *on), ("C-2", "Dana", Some(5), d("2026-01-05")));
    let Event::PlanChanged { requested_by, effective, .. } = &records[4] else { panic!() };
    assert_eq!((requested_by.as_str(), *effective), ("Dana", d("2026-01-05")));
    let ack = a.acknowledgement(12, Hash32([7; 32])).unwrap();
    assert_eq!(
        ack,
        Event::HeadAcknowledged { seq: 12, hash: Hash32([7; 32]), by: vec!["Lee".into()] },
        "the one recording acknowledges for themselves alone"
    );
}

#[test]
fn each_record_is_checked_against_the_ones_before_it() {
    let s = with_deal();
    let mut a = Agenda::new(&s, d("2026-01-05"), "Lee", now("2026-01-05")).unwrap();
    a.clear_risk("D-1", None).unwrap();
    let err = a.clear_risk("D-1", None).unwrap_err().to_string();
    assert!(err.contains("not at risk"), "{err}");
    a.flag_risk("D-1", "budget frozen").unwrap();
    a.resolve("I-1", "done").unwrap();
    assert!(a.resolve("I-1", "again").unwrap_err().to_string().contains("already resolved"));
    a.hold(answers()).unwrap();
    assert!(a.hold(answers()).is_err(), "one meeting record");
    let err = a.commit("leader", "x", d("2026-01-04")).unwrap_err().to_string();
    assert!(err.starts_with("--due"), "{err}");
    assert!(a.change_plan("x", " ", None, "leader").unwrap_err().to_string().starts_with("--why"));
}

#[test]
fn a_meeting_date_must_be_free_and_not_in_the_future() {
    let s = with_deal();
    assert!(Agenda::new(&s, d("2026-01-06"), "Lee", now("2026-01-05"))
        .err()
        .unwrap()
        .to_string()
        .starts_with("--date"));
    let mut a = Agenda::new(&s, d("2026-01-05"), "Lee", now("2026-01-05")).unwrap();
    let held = a.hold(answers()).unwrap().clone();
    let taken = state_with(vec![held]);
    let err = Agenda::new(&taken, d("2026-01-05"), "Lee", now("2026-01-05")).err().unwrap().to_string();
    assert!(err.contains("one meeting per date"), "{err}");
}

#[test]
fn flag_specs_parse_and_errors_name_the_meeting_flag() {
    assert_eq!(
        parse_commitment("leader:2026-01-16:Send it: today").unwrap(),
        ("leader".into(), d("2026-01-16"), "Send it: today".into())
    );
    assert!(parse_commitment("leader:Send it").unwrap_err().contains("OWNER:DUE:WHAT"));
    assert!(parse_commitment("leader:16/01/2026:x").unwrap_err().contains("YYYY-MM-DD"));
    assert_eq!(parse_pair("D-1", false, "").unwrap(), ("D-1".into(), None));
    assert_eq!(parse_pair("I-1: done ", true, "").unwrap(), ("I-1".into(), Some("done".into())));
    assert!(parse_pair("I-1", true, "I-1:agreed").unwrap_err().contains("ID:TEXT"));
    let e = under("--commit", Error::input("--due", "is before"));
    assert_eq!(e.to_string(), "--commit: due: is before");
}

#[test]
fn only_an_attendee_acknowledges_and_only_for_themselves() {
    let s = with_deal();
    let mut a = Agenda::new(&s, d("2026-01-05"), "Dana", now("2026-01-05")).unwrap();
    a.hold(HeldMeeting { attendees: vec!["leader".into()], ..answers() }).unwrap();
    let err = a.acknowledgement(5, Hash32([1; 32])).unwrap_err().to_string();
    assert!(err.starts_with("--acknowledge") && err.contains("Dana did not attend"), "{err}");
    assert!(a.others_to_acknowledge().contains(&"Lee".to_string()));
}

#[test]
fn commitments_are_closed_at_the_meeting_by_the_rules_and_rights_of_the_commands() {
    let made = |id: &str, owner: &str, due: &str| Event::CommitmentMade {
        id: id.into(),
        owner: owner.into(),
        what: "Call Acme".into(),
        due: d(due),
        meeting: None,
        on: d("2026-01-02"),
    };
    let s = state_with(vec![
        made("C-1", "Lee", "2026-01-02"),
        made("C-2", "Dana", "2026-01-05"),
        made("C-3", "Lee", "2026-01-05"),
    ]);
    let mut a = Agenda::new(&s, d("2026-01-05"), "Lee", now("2026-01-05")).unwrap();
    a.hold(answers()).unwrap();
    let err = a.close_commitment("C-2", Closing::Done).unwrap_err().to_string();
    assert!(err.starts_with("right") && err.contains("own-commitments"), "only the owner: {err}");
    let err = a.close_commitment("C-3", Closing::Missed).unwrap_err().to_string();
    assert!(err.contains("only after"), "due today, not yet missed: {err}");
    let moved = Closing::Rescheduled { due: d("2026-01-04"), reason: "later".into() };
    assert!(a.close_commitment("C-3", moved).unwrap_err().to_string().starts_with("--due"));
    a.close_commitment("C-1", Closing::Done).unwrap();
    a.close_commitment("C-2", Closing::Missed).unwrap_err(); // due today
    let moved = Closing::Rescheduled { due: d("2026-01-12"), reason: "waiting on legal".into() };
    a.close_commitment("C-3", moved).unwrap();
    assert!(a.close_commitment("C-1", Closing::Done).is_err(), "done once");
    let kinds: Vec<&str> = a.records().unwrap().iter().map(Event::kind).collect();
    assert_eq!(kinds, ["meeting_held", "commitment_done", "commitment_rescheduled"]);
    assert!(matches!(&a.records().unwrap()[1], Event::CommitmentDone { on, .. } if *on == d("2026-01-05")));
}
