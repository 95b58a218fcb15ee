//! Given indicators, revenue and contingencies / then what triggers, since
//! when, and what may be recorded.

use super::*;
use crate::core::state::State;
use crate::core::testing::{d, given};
use crate::core::vocab::Direction;

/// The events, all recorded on 2025-12-01 after the ledger opened.
fn state_with(events: Vec<Event>) -> State {
    given(&events.into_iter().map(|e| ("2025-12-01", e)).collect::<Vec<_>>())
}

fn base() -> Vec<Event> {
    vec![Event::IndicatorDefined {
        name: "Calls".into(),
        target_milli: 50_000,
        direction: Direction::AtLeast,
    }]
}

fn value(week: u8, v: i64) -> Event {
    Event::IndicatorRecorded { name: "Calls".into(), year: 2026, week, value_milli: v * 1000 }
}

fn below(id: &str, threshold: &str, weeks: u32) -> NewContingency {
    NewContingency {
        id: id.into(),
        indicator: Some("calls".into()),
        below: Some(threshold.into()),
        above: None,
        weeks: Some(weeks),
        revenue_gap_above: None,
        action: "Add a second SDR shift".into(),
        on: Some(d("2026-01-02")),
    }
}

fn gap(id: &str, amount: &str) -> NewContingency {
    NewContingency {
        indicator: None,
        below: None,
        weeks: None,
        revenue_gap_above: Some(amount.into()),
        on: None,
        ..below(id, "0", 1)
    }
}

fn flag(r: Result<Event>) -> String {
    r.unwrap_err().to_string().split(':').next().unwrap_or_default().to_string()
}

#[test]
fn add_takes_exactly_one_complete_trigger() {
    let today = d("2026-01-05");
    let s = state_with(base());
    let e = add(&s, below("CT-1", "40", 2), today).unwrap();
    let expected = Trigger::IndicatorBelow { name: "Calls".into(), threshold_milli: 40_000, weeks: 2 };
    assert!(matches!(e, Event::ContingencyAdded { ref trigger, .. } if *trigger == expected));
    let s2 = state_with(vec![base().remove(0), e]);
    assert_eq!(flag(add(&s2, below("CT-1", "40", 2), today)), "--id");
    assert_eq!(flag(add(&s, below("CT-2", "40", 0), today)), "--weeks");
    assert_eq!(flag(add(&s, below("CT-2", "40", 53), today)), "--weeks");
    assert_eq!(flag(add(&s, NewContingency { weeks: None, ..below("CT-2", "40", 2) }, today)), "--weeks");
    assert_eq!(
        flag(add(&s, NewContingency { above: Some("60".into()), ..below("CT-2", "40", 2) }, today)),
        "--above"
    );
    assert_eq!(flag(add(&s, NewContingency { below: None, ..below("CT-2", "40", 2) }, today)), "--below");
    assert_eq!(flag(add(&s, below("CT-2", "forty", 2), today)), "--below");
    assert_eq!(
        flag(add(&s, NewContingency { indicator: Some("Demos".into()), ..below("CT-2", "40", 2) }, today)),
        "--indicator"
    );
    assert_eq!(
        flag(add(&s, NewContingency { indicator: None, ..below("CT-2", "40", 2) }, today)),
        "--indicator"
    );
    let both = NewContingency { revenue_gap_above: Some("100k".into()), ..below("CT-2", "40", 2) };
    assert_eq!(flag(add(&s, both, today)), "--revenue-gap-above");
    assert!(add(&s, gap("CT-2", "250k"), today).is_ok());
    assert_eq!(flag(add(&s, gap("CT-2", "lots"), today)), "--revenue-gap-above");
    assert_eq!(flag(add(&s, NewContingency { weeks: Some(2), ..gap("CT-2", "250k") }, today)), "--weeks");
    assert_eq!(flag(add(&s, NewContingency { action: "".into(), ..gap("CT-2", "250k") }, today)), "--action");
    assert_eq!(
        flag(add(&s, NewContingency { on: Some(d("2026-01-06")), ..gap("CT-2", "250k") }, today)),
        "--on"
    );
}

/// Calls below 40 for 2 weeks, agreed on 2026-01-02, with the given weekly values.
fn with_values(values: Vec<Event>, acted: Option<&str>) -> State {
    let s = state_with(base());
    let mut events = base();
    events.push(add(&s, below("CT-1", "40", 2), d("2026-01-05")).unwrap());
    events.extend(values);
    if let Some(on) = acted {
        events.push(Event::ContingencyActedOn { id: "CT-1".into(), note: "done".into(), on: d(on) });
    }
    state_with(events)
}

fn fires(s: &State, today: &str) -> Option<Firing> {
    firing(s, &s.contingencies["CT-1"], d(today))
}

#[test]
fn an_indicator_trigger_needs_k_complete_weeks_in_a_row() {
    // 2026-W02 is 01-05..01-11, W03 01-12..01-18; Wednesday of W04 is 01-21.
    let s = with_values(vec![value(2, 35), value(3, 30)], None);
    let f = fires(&s, "2026-01-21").unwrap();
    assert_eq!(f.since, d("2026-01-19"));
    assert_eq!(f.why, "Calls below 40 for 2 complete weeks in a row (2026-W02 35, 2026-W03 30)");
    assert_eq!(triggered(&s, &s.contingencies["CT-1"], d("2026-01-21")), Some(f.why));
    // Not before the second week has ended.
    assert_eq!(fires(&s, "2026-01-18"), None);
    // A missing week or a good week breaks the run.
    assert_eq!(fires(&with_values(vec![value(2, 35), value(4, 30)], None), "2026-01-28"), None);
    assert_eq!(fires(&with_values(vec![value(2, 35), value(3, 40)], None), "2026-01-21"), None);
    // A longer run started earlier.
    let long = with_values(vec![value(2, 35), value(3, 30), value(4, 20)], None);
    assert_eq!(fires(&long, "2026-01-26").unwrap().since, d("2026-01-19"));
}

#[test]
fn an_action_clears_the_trigger_until_another_k_weeks_pass() {
    let values = vec![value(2, 35), value(3, 30), value(4, 30), value(5, 30), value(6, 30)];
    let s = with_values(values, Some("2026-01-21")); // acted on Wednesday of W04
    assert_eq!(fires(&s, "2026-01-21"), None);
    assert_eq!(fires(&s, "2026-01-28"), None); // W04 began before the action
    assert_eq!(fires(&s, "2026-02-04"), None); // only W05 counts so far
    let again = fires(&s, "2026-02-09").unwrap(); // W05 and W06
    assert_eq!(again.since, d("2026-02-09"));
    assert!(again.why.contains("2026-W05 30, 2026-W06 30"), "{}", again.why);
}

#[test]
fn acting_needs_a_trigger_that_holds_that_day() {
    let s = with_values(vec![value(2, 35), value(3, 30)], None);
    let today = d("2026-01-21");
    assert!(acted(&s, "CT-1", "second shift started", None, today).is_ok());
    let e = acted(&s, "CT-1", "too early", Some(d("2026-01-16")), today).unwrap_err().to_string();
    assert!(e.starts_with("ID") && e.contains("not triggered on 2026-01-16"), "{e}");
    assert_eq!(flag(acted(&s, "CT-1", "x", Some(d("2026-01-01")), today)), "--on");
    assert_eq!(flag(acted(&s, "CT-1", " ", None, today)), "--note");
    assert!(acted(&s, "CT-9", "x", None, today).unwrap_err().to_string().contains("known: CT-1"));
    let done = with_values(vec![value(2, 35), value(3, 30)], Some("2026-01-20"));
    assert!(acted(&done, "CT-1", "again", None, today).is_err());
}

fn money_event(goal: bool, period: &str, amount: &str) -> Event {
    let (period, amount) = (Period::parse(period).unwrap(), Money::parse(amount, 2).unwrap());
    if goal {
        Event::GoalSet { period, amount }
    } else {
        Event::ActualRecorded { period, amount }
    }
}

#[test]
fn a_revenue_gap_is_goal_minus_actual_to_date_of_the_current_quarter() {
    let today = d("2026-03-10");
    let contingency = add(&state_with(vec![]), gap("CT-1", "400k"), d("2026-01-05")).unwrap();
    let with = |mut events: Vec<Event>| {
        events.insert(0, contingency.clone());
        let s = state_with(events);
        firing(&s, &s.contingencies["CT-1"], today).map(|f| f.why)
    };
    // No goal for the quarter: nothing to measure against.
    assert_eq!(with(vec![money_event(false, "2026-01", "300k")]), None);
    let goal = || money_event(true, "2026-Q1", "1M");
    let why =
        with(vec![goal(), money_event(false, "2026-01", "300k"), money_event(false, "2026-02", "250k")]);
    assert_eq!(
        why.as_deref(),
        Some("revenue gap for 2026-Q1 is 450,000 (goal 1,000,000, actual to date 550,000), above 400,000")
    );
    // The gap must exceed the limit; the quarter's own actual wins over its months.
    assert_eq!(with(vec![goal(), money_event(false, "2026-01", "600k")]), None);
    let quarter_actual = money_event(false, "2026-Q1", "500k");
    assert!(with(vec![goal(), money_event(false, "2026-01", "600k"), quarter_actual]).is_some());
    // Month goals alone do not make a quarter goal (as in the brief's revenue line).
    let months = ["2026-01", "2026-02", "2026-03"].map(|m| money_event(true, m, "400k")).to_vec();
    assert_eq!(with(months), None);
    // An action this quarter answers it; one last quarter does not.
    let acted_on = |on: &str| Event::ContingencyActedOn { id: "CT-1".into(), note: "n".into(), on: d(on) };
    assert_eq!(with(vec![goal(), acted_on("2026-01-02")]), None);
    assert!(with(vec![goal(), acted_on("2025-12-30")]).is_some());
}
