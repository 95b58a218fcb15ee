//! Given a plan / when an item, option, change or run is decided / then the
//! event or the refusal naming its flag.

use super::*;
use crate::core::state::State;
use crate::core::testing::{d, given};

/// The events, all recorded on 2025-12-01 after the ledger opened.
fn state_with(events: Vec<Event>) -> State {
    given(&events.into_iter().map(|e| ("2025-12-01", e)).collect::<Vec<_>>())
}

fn item(kind: PlanItemKind, id: &str, parent: Option<&str>) -> NewItem {
    NewItem {
        kind,
        id: id.into(),
        title: format!("{kind} {id}"),
        owner: None,
        parent: parent.map(Into::into),
        start: None,
        due: None,
        on: None,
    }
}

fn flag(r: Result<Event>) -> String {
    r.unwrap_err().to_string().split(':').next().unwrap_or_default().to_string()
}

#[test]
fn items_hang_one_level_under_their_parent() {
    let today = d("2026-01-05");
    let goal = add(
        &state_with(vec![]),
        NewItem { owner: Some("ceo".into()), ..item(PlanItemKind::Goal, "G-1", None) },
        today,
    )
    .unwrap();
    assert!(matches!(goal, Event::PlanItemAdded { ref owner, .. } if owner.as_deref() == Some("Dana")));
    let s = state_with(vec![goal.clone()]);
    let init = add(&s, item(PlanItemKind::Initiative, "I-1", Some("G-1")), today).unwrap();
    let s = state_with(vec![goal.clone(), init.clone()]);
    assert!(add(&s, item(PlanItemKind::Activity, "A-1", Some("I-1")), today).is_ok());
    // Wrong level, unknown parent, no parent, a parent for a goal, a duplicate id.
    let e = add(&s, item(PlanItemKind::Activity, "A-1", Some("G-1")), today).unwrap_err().to_string();
    assert!(e.starts_with("--parent") && e.contains("hangs under an initiative"), "{e}");
    assert!(add(&s, item(PlanItemKind::Initiative, "I-2", Some("G-9")), today)
        .unwrap_err()
        .to_string()
        .contains("goals: G-1"));
    assert_eq!(flag(add(&s, item(PlanItemKind::Initiative, "I-2", None), today)), "--parent");
    assert_eq!(flag(add(&s, item(PlanItemKind::Goal, "G-2", Some("G-1")), today)), "--parent");
    assert_eq!(flag(add(&s, item(PlanItemKind::Goal, "I-1", None), today)), "--id");
    // A completed parent takes no new work.
    let done = complete(&s, "G-1", None, today).unwrap();
    let s = state_with(vec![goal, init, done]);
    assert!(add(&s, item(PlanItemKind::Initiative, "I-2", Some("G-1")), today)
        .unwrap_err()
        .to_string()
        .contains("completed"));
    assert!(complete(&s, "G-1", None, today).unwrap_err().to_string().contains("already completed"));
    assert!(complete(&s, "G-7", None, today).unwrap_err().to_string().contains("known: G-1, I-1"));
}

#[test]
fn item_dates_must_make_a_timeline() {
    let today = d("2026-01-05");
    let s = state_with(vec![]);
    let dated = |start: &str, due: &str| NewItem {
        start: Some(d(start)),
        due: Some(d(due)),
        ..item(PlanItemKind::Goal, "G-1", None)
    };
    assert!(add(&s, dated("2026-01-01", "2026-03-31"), today).is_ok());
    assert_eq!(flag(add(&s, dated("2026-02-01", "2026-01-31"), today)), "--due");
    assert_eq!(flag(add(&s, dated("2025-12-01", "2026-01-02"), today)), "--due");
    let future = NewItem { on: Some(d("2026-01-06")), ..item(PlanItemKind::Goal, "G-1", None) };
    assert_eq!(flag(add(&s, future, today)), "--on");
    let untitled = NewItem { title: " ".into(), ..item(PlanItemKind::Goal, "G-1", None) };
    assert_eq!(flag(add(&s, untitled, today)), "--title");
}

fn option(id: &str, impact: &str, effort: &str) -> NewOption {
    NewOption {
        id: id.into(),
        title: format!("Option {id}"),
        impact: impact.into(),
        effort: effort.into(),
        note: None,
        on: None,
    }
}

#[test]
fn options_are_rated_one_to_five_and_adopted_once() {
    let today = d("2026-01-05");
    let o = option_add(&state_with(vec![]), option("O-1", "4", "2"), today).unwrap();
    assert!(matches!(o, Event::PlanOptionProposed { impact: 4, effort: 2, .. }));
    let s = state_with(vec![o.clone()]);
    assert_eq!(flag(option_add(&s, option("O-1", "3", "3"), today)), "--id");
    assert_eq!(flag(option_add(&s, option("O-2", "6", "3"), today)), "--impact");
    assert_eq!(flag(option_add(&s, option("O-2", "3", "0"), today)), "--effort");
    assert_eq!(flag(option_add(&s, option("O-2", "high", "3"), today)), "--impact");
    let adopted = adopt(&s, "O-1", Some("pilot in the east".into()), None, today).unwrap();
    assert_eq!(flag(adopt(&s, "O-1", Some("".into()), None, today)), "--note");
    let s = state_with(vec![o, adopted]);
    assert!(adopt(&s, "O-1", None, None, today).unwrap_err().to_string().contains("already adopted"));
    assert!(adopt(&s, "O-2", None, None, today).unwrap_err().to_string().contains("known: O-1"));
}

#[test]
fn a_change_needs_its_reason_and_takes_effect_once_agreed() {
    let today = d("2026-01-05");
    let s = state_with(vec![]);
    let c = |why: &str, effective: Option<&str>| NewChange {
        what: "Drop the SMB initiative".into(),
        why: why.into(),
        effective: effective.map(d),
        requested_by: "ceo".into(),
        on: None,
    };
    let e = change(&s, c("Enterprise deals close faster", None), today).unwrap();
    assert!(
        matches!(e, Event::PlanChanged { ref requested_by, effective, .. } if requested_by == "Dana" && effective == today)
    );
    let why = change(&s, c("  ", None), today).unwrap_err().to_string();
    assert!(why.starts_with("--why") && why.contains("reason"), "{why}");
    assert_eq!(flag(change(&s, c("x", Some("2026-01-02")), today)), "--effective");
    assert!(change(&s, c("x", Some("2026-02-02")), today).is_ok());
}

#[test]
fn a_minimum_run_is_one_to_fifty_two_weeks() {
    let today = d("2026-01-05");
    let s = state_with(vec![]);
    assert_eq!(min_run(&s, 12, None, today).unwrap(), Event::PlanMinimumRunSet { weeks: 12, from: today });
    assert_eq!(flag(min_run(&s, 0, None, today)), "--weeks");
    assert_eq!(flag(min_run(&s, 53, None, today)), "--weeks");
    let s = state_with(vec![Event::PlanMinimumRunSet { weeks: 12, from: today }]);
    assert!(min_run(&s, 12, None, today).unwrap_err().to_string().contains("already agreed"));
    assert!(min_run(&s, 8, None, today).is_ok());
}
