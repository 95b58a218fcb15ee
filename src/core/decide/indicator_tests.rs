//! Given indicators and their weeks / then definitions, records and marks.

use super::*;
use crate::core::state::State;
use crate::core::testing::{d, given};

/// The events, all recorded on 2025-12-01 after the ledger opened.
fn state_with(events: Vec<Event>) -> State {
    given(&events.into_iter().map(|e| ("2025-12-01", e)).collect::<Vec<_>>())
}

fn w(s: &str) -> Week {
    Week::parse(s).unwrap()
}

fn weeks_text(weeks: &[Week]) -> Vec<String> {
    weeks.iter().map(ToString::to_string).collect()
}

fn defined(name: &str, target: i64, direction: Direction) -> Event {
    Event::IndicatorDefined { name: name.into(), target_milli: target, direction }
}

fn value(name: &str, week: &str, v: i64) -> Event {
    let k = w(week);
    Event::IndicatorRecorded { name: name.into(), year: k.year, week: k.week, value_milli: v }
}

#[test]
fn numbers_are_exact_thousandths() {
    assert_eq!(parse_milli("12"), Ok(12_000));
    assert_eq!(parse_milli("2.5"), Ok(2_500));
    assert_eq!(parse_milli(" 0.125 "), Ok(125));
    assert_eq!(parse_milli("-1.05"), Ok(-1_050));
    assert!(parse_milli("0.1255").unwrap_err().contains("more than 3 decimals"));
    for bad in ["", "abc", "1.", ".5", "1,5", "1e3", "--1", "99999999999999999999"] {
        assert!(parse_milli(bad).is_err(), "{bad}");
    }
    assert_eq!(format_milli(2_500), "2.5");
    assert_eq!(format_milli(12_000), "12");
    assert_eq!(format_milli(125), "0.125");
    assert_eq!(format_milli(-1_050), "-1.05");
}

#[test]
fn define_refuses_duplicates_in_any_case() {
    let s = state_with(vec![defined("Calls", 50_000, Direction::AtLeast)]);
    let e = define(&s, "calls", "40", Direction::AtLeast).unwrap_err().to_string();
    assert!(e.starts_with("--name") && e.contains("already defined (target ≥ 50)"), "{e}");
    assert!(define(&s, "Demos", "2.5x", Direction::AtLeast).unwrap_err().to_string().starts_with("--target"));
    assert!(define(&s, "", "2", Direction::AtLeast).unwrap_err().to_string().starts_with("--name"));
    let ok = define(&s, "Churned accounts", "1", Direction::AtMost).unwrap();
    assert!(matches!(ok, Event::IndicatorDefined { target_milli: 1_000, direction: Direction::AtMost, .. }));
}

#[test]
fn record_takes_started_weeks_once() {
    let s =
        state_with(vec![defined("Calls", 50_000, Direction::AtLeast), value("Calls", "2026-W01", 48_000)]);
    let today = d("2026-01-07"); // Wednesday of 2026-W02
    let e = record(&s, "calls", w("2026-W02"), "51", today).unwrap();
    assert!(
        matches!(e, Event::IndicatorRecorded { ref name, week: 2, value_milli: 51_000, .. } if name == "Calls")
    );
    let e = record(&s, "Calls", w("2026-W03"), "51", today).unwrap_err().to_string();
    assert!(e.starts_with("--week") && e.contains("has not started"), "{e}");
    let e = record(&s, "Calls", w("2026-W01"), "51", today).unwrap_err().to_string();
    assert!(e.starts_with("--week") && e.contains("candor correct 3"), "{e}");
    assert!(record(&s, "Meetings", w("2026-W01"), "5", today)
        .unwrap_err()
        .to_string()
        .contains("defined: Calls"));
    assert!(record(&s, "Calls", w("2026-W02"), "many", today)
        .unwrap_err()
        .to_string()
        .starts_with("--value"));
}

#[test]
fn weeks_are_hit_miss_missing_or_untracked() {
    // Defined in 2026-W02 with a back-filled value for 2025-W52.
    let s = given(&[
        ("2026-01-06", defined("Calls", 50_000, Direction::AtLeast)),
        ("2026-01-06", defined("Churn", 1_000, Direction::AtMost)),
        ("2026-01-06", value("Calls", "2025-W52", 50_000)),
        ("2026-01-13", value("Calls", "2026-W02", 49_999)),
        ("2026-01-13", value("Churn", "2026-W02", 1_000)),
    ]);
    assert_eq!(weeks_text(&last_weeks(d("2026-01-05"), 2)), ["2025-W52", "2026-W01"]);
    let calls = &s.indicators["Calls"];
    let churn = &s.indicators["Churn"];
    assert_eq!(tracked_from(calls), w("2025-W52"));
    assert_eq!(tracked_from(churn), w("2026-W02"));
    let weeks = last_weeks(d("2026-01-12"), 4); // 2025-W51 .. 2026-W02
    let marks: Vec<&str> = weeks.iter().map(|k| mark(calls, *k).word()).collect();
    assert_eq!(marks, ["untracked", "hit", "missing", "miss"]);
    assert_eq!(hit_rate(calls, &weeks), Some(1.0 / 3.0));
    assert_eq!(hit_rate(churn, &weeks), Some(1.0));
    assert_eq!(hit_rate(churn, &weeks[..2]), None);
    assert_eq!(plan_worked(&s, w("2026-W02")), Some(0.5));
    assert_eq!(plan_worked(&s, w("2026-W01")), Some(0.0));
    assert_eq!(plan_worked(&s, w("2025-W51")), None);
}
