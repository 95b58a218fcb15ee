//! Given a plan's history / then its ranking, statuses and stability figures.

use super::*;
use crate::core::event::Event;
use crate::core::state::State;
use crate::core::testing::{d, given};
use crate::core::vocab::PlanItemKind;

/// The events, all recorded on 2025-12-01 after the ledger opened.
fn state_with(events: Vec<Event>) -> State {
    given(&events.into_iter().map(|e| ("2025-12-01", e)).collect::<Vec<_>>())
}

fn proposed(id: &str, impact: u8, effort: u8) -> Event {
    Event::PlanOptionProposed {
        id: id.into(),
        title: id.into(),
        impact,
        effort,
        note: None,
        on: d("2026-01-05"),
    }
}

fn changed(on: &str, effective: &str, by: &str) -> Event {
    Event::PlanChanged {
        what: "w".into(),
        why: "y".into(),
        effective: d(effective),
        requested_by: by.into(),
        on: d(on),
    }
}

fn run(weeks: u16, from: &str) -> Event {
    Event::PlanMinimumRunSet { weeks, from: d(from) }
}

#[test]
fn options_rank_by_impact_for_effort_then_impact_then_id() {
    let s = state_with(vec![
        proposed("O-a", 2, 2), // 1.0
        proposed("O-b", 4, 4), // 1.0, more impact
        proposed("O-c", 3, 1), // 3.0
        proposed("O-d", 5, 2), // 2.5
        proposed("O-e", 2, 2), // 1.0, same as O-a: id decides
        proposed("O-f", 1, 5), // 0.2
    ]);
    let ids: Vec<&str> = ranked_options(&s.plan).iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["O-c", "O-d", "O-b", "O-a", "O-e", "O-f"]);
}

#[test]
fn a_change_is_premature_when_made_inside_the_run_in_force() {
    let s = state_with(vec![
        changed("2026-01-02", "2026-01-02", "Dana"), // before any run was agreed
        run(4, "2026-01-05"),                        // 2026-01-05 .. 2026-02-01
        changed("2026-01-20", "2026-01-20", "Dana"), // premature
        changed("2026-01-21", "2026-02-02", "Lee"),  // made during the run (effective after): premature
        changed("2026-02-03", "2026-02-03", "Lee"),  // after the run
        run(2, "2026-04-06"),                        // a new run does not judge earlier changes
        changed("2026-04-10", "2026-04-10", "Dana"), // premature against the new run
    ]);
    let plan = &s.plan;
    let flags: Vec<bool> = plan.changes.iter().map(|c| premature(plan, c).is_some()).collect();
    assert_eq!(flags, [false, true, true, false, true]);
    assert_eq!(premature_changes(plan).len(), 3);
    assert_eq!(run_in_force(plan, &plan.changes[0]), None);
    let current = current_run(plan).unwrap();
    assert_eq!((current.weeks, current.passes_on), (2, d("2026-04-20")));
    assert!(!current.passed(d("2026-04-19")) && current.passed(d("2026-04-20")));
    let per_quarter: Vec<String> =
        changes_per_quarter(plan, 1).iter().map(|(q, who, n)| format!("{q} {who} {n}")).collect();
    assert_eq!(per_quarter, ["2026-Q1 Dana 2", "2026-Q1 Lee 2", "2026-Q2 Dana 1"]);
}

#[test]
fn items_are_done_overdue_or_open_and_form_a_tree() {
    let add = |id: &str, kind, parent: Option<&str>, due: Option<&str>| Event::PlanItemAdded {
        id: id.into(),
        kind,
        title: id.into(),
        owner: None,
        parent: parent.map(Into::into),
        start: None,
        due: due.map(d),
        on: d("2026-01-05"),
    };
    let s = state_with(vec![
        add("G-1", PlanItemKind::Goal, None, Some("2026-03-31")),
        add("I-1", PlanItemKind::Initiative, Some("G-1"), Some("2026-01-31")),
        add("I-2", PlanItemKind::Initiative, Some("G-1"), None),
        add("A-1", PlanItemKind::Activity, Some("I-1"), Some("2026-01-09")),
        Event::PlanItemCompleted { id: "I-2".into(), on: d("2026-01-06") },
    ]);
    let today = d("2026-02-01");
    let status = |id: &str| ItemStatus::of(&s.plan.items[id], today);
    assert_eq!(status("G-1"), ItemStatus::Open);
    assert_eq!(status("I-1"), ItemStatus::Overdue);
    assert_eq!(status("I-2"), ItemStatus::Done(d("2026-01-06")));
    let ids = |v: Vec<&crate::core::state::PlanItem>| v.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(children(&s.plan, None)), ["G-1"]);
    assert_eq!(ids(children(&s.plan, Some("G-1"))), ["I-1", "I-2"]);
    assert_eq!(ids(children(&s.plan, Some("I-1"))), ["A-1"]);
}
