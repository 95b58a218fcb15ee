use super::*;
use crate::core::testing::{d, state_with};

fn held(date: &str) -> Event {
    Event::MeetingHeld {
        date: d(date),
        worked_plan: None,
        results: None,
        adjust: None,
        note: None,
        attendees: vec!["Dana".into(), "Lee".into()],
        rating: None,
    }
}

fn ack(seq: u64, by: &[&str]) -> Event {
    Event::HeadAcknowledged {
        seq,
        hash: Hash32([seq as u8; 32]),
        by: by.iter().map(|s| s.to_string()).collect(),
    }
}

fn acks_of_last(s: &State) -> MeetingAcks {
    of_meeting(s, s.meetings.last().unwrap())
}

#[test]
fn each_side_acknowledges_for_itself_and_the_other_is_pending() {
    // 1 opens, 2 the meeting, 3 Lee's acknowledgement of 2.
    let s = state_with(vec![held("2026-01-05"), ack(2, &["Lee"])]);
    let a = acks_of_last(&s);
    assert_eq!(a.acks.len(), 1);
    assert_eq!((a.acks[0].by.as_str(), a.acks[0].seq, a.acks[0].digest.0), ("Lee", 3, 2));
    assert!(!a.acks[0].shared);
    assert_eq!(a.pending, vec!["Dana".to_string()]);
    assert_eq!(default_digest(&s), Some((2, Hash32([2; 32]))), "Dana's default is the head Lee acknowledged");
    assert_eq!(acknowledge(&s, "Dana", 2, Hash32([2; 32])).unwrap(), ack(2, &["Dana"]));
    let both = state_with(vec![held("2026-01-05"), ack(2, &["Lee"]), ack(2, &["Dana"])]);
    assert!(acks_of_last(&both).pending.is_empty());
}

#[test]
fn a_first_release_acknowledgement_counts_for_both_sides() {
    let s = state_with(vec![held("2026-01-05"), ack(2, &["Dana", "Lee"])]);
    let a = acks_of_last(&s);
    let by: Vec<&str> = a.acks.iter().map(|a| a.by.as_str()).collect();
    assert_eq!(by, ["Dana", "Lee"]);
    assert!(a.acks.iter().all(|a| a.shared));
    assert!(a.pending.is_empty());
}

#[test]
fn refused_acknowledgements_say_why() {
    let s = state_with(vec![held("2026-01-05"), ack(2, &["Lee"])]);
    let err = |by: &str, seq: u64| acknowledge(&s, by, seq, Hash32::ZERO).unwrap_err().to_string();
    assert!(err("Lee", 2).contains("already acknowledged"), "{}", err("Lee", 2));
    assert!(err("Dana", 9).contains("no record 9"), "{}", err("Dana", 9));
    assert!(err("Dana", 1).contains("before any meeting"), "{}", err("Dana", 1));
    assert!(err("Kim", 2).contains("did not attend"), "{}", err("Kim", 2));
    let none = state_with(vec![]);
    assert_eq!(default_digest(&none), None);
}

#[test]
fn acknowledgements_belong_to_the_meeting_they_follow() {
    // 2 meeting, 3 Lee acks 2, 4 second meeting, 5 Dana acks 2 late.
    let s = state_with(vec![held("2026-01-05"), ack(2, &["Lee"]), held("2026-01-12"), ack(2, &["Dana"])]);
    let first = of_meeting(&s, &s.meetings[0]);
    assert!(first.pending.is_empty(), "{first:?}");
    assert_eq!(acks_of_last(&s).pending, vec!["Dana".to_string(), "Lee".to_string()]);
    assert_eq!(default_digest(&s), None, "nobody acknowledged the latest meeting yet");
}
