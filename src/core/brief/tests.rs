//! Given a state, when the brief is computed, then each section says what happened.

use super::*;
use crate::core::decide::plan_review::ItemStatus;
use crate::core::event::{Event, SizeBand, Trigger};
use crate::core::metrics::commitments::Class;
use crate::core::testing::*;
use crate::core::vocab::{Answer, Direction, PlanItemKind};

fn held(date: &str) -> Event {
    Event::MeetingHeld {
        date: d(date),
        attendees: vec!["Dana".into(), "Lee".into()],
        worked_plan: Some(Answer::Yes),
        results: None,
        adjust: None,
        note: None,
        rating: None,
    }
}

fn commitment(id: &str, owner: &str, due: &str, on: &str) -> Event {
    Event::CommitmentMade {
        id: id.into(),
        owner: owner.into(),
        what: format!("do {id}"),
        due: d(due),
        meeting: None,
        on: d(on),
    }
}

fn activity(id: &str, due: &str) -> Event {
    Event::PlanItemAdded {
        id: id.into(),
        kind: PlanItemKind::Activity,
        title: format!("activity {id}"),
        owner: None,
        parent: None,
        start: None,
        due: Some(d(due)),
        on: d("2026-01-02"),
    }
}

/// Q1 2026, a meeting on Jan 12, the brief on Jan 26.
fn scenario(bands: bool) -> State {
    let mut events = vec![
        ("2026-01-02", Event::GoalSet { period: period("2026-Q1"), amount: Money(1_000) }),
        ("2026-01-05", opened("A", 600, "2026-03-20", "2026-01-05")),
        ("2026-01-05", opened("B", 200, "2026-03-10", "2026-01-05")),
        ("2026-01-05", opened("C", 300, "2026-02-20", "2026-01-05")),
        ("2026-01-05", opened("D", 100, "2026-03-02", "2026-01-05")),
        ("2026-01-05", opened("E", 50, "2026-05-02", "2026-01-05")),
        ("2026-01-05", commitment("C-1", "Lee", "2026-01-16", "2026-01-05")),
        ("2026-01-05", commitment("C-2", "Dana", "2026-01-09", "2026-01-05")),
        ("2026-01-05", commitment("C-3", "Dana", "2026-01-30", "2026-01-05")),
        ("2026-01-05", activity("A-1", "2026-01-20")),
        ("2026-01-05", activity("A-2", "2026-03-01")),
        (
            "2026-01-05",
            Event::IssueRaised {
                id: "I-1".into(),
                title: "Discounts".into(),
                detail: None,
                on: d("2026-01-05"),
            },
        ),
        (
            "2026-01-05",
            Event::IssueRaised {
                id: "I-2".into(),
                title: "Hiring".into(),
                detail: None,
                on: d("2026-01-05"),
            },
        ),
        (
            "2026-01-10",
            Event::IssueResolved { id: "I-2".into(), resolution: "two hires".into(), on: d("2026-01-10") },
        ),
        ("2026-01-12", held("2026-01-12")),
        ("2026-01-14", Event::CommitmentDone { id: "C-1".into(), on: d("2026-01-14") }),
        ("2026-01-20", risk("D", "2026-01-20")),
        ("2026-01-23", won("C", "2026-01-23")),
        ("2026-01-24", moved("B", "2026-04-15", "2026-01-24")),
        (
            "2026-01-24",
            Event::IssueResolved { id: "I-1".into(), resolution: "15% floor".into(), on: d("2026-01-24") },
        ),
        ("2026-01-24", Event::ActualRecorded { period: period("2026-01"), amount: Money(300) }),
        ("2026-01-26", held("2026-01-26")),
    ];
    if bands {
        let bands = vec![
            SizeBand { name: "large".into(), min: Money(300), target_share_bp: None },
            SizeBand { name: "mid".into(), min: Money(100), target_share_bp: None },
        ];
        events.insert(0, ("2026-01-02", Event::SizeBandsSet { bands }));
    }
    given(&events)
}

#[test]
fn the_window_starts_at_the_last_meeting_before_the_day_and_is_checked() {
    let s = scenario(false);
    let w = window(&s, None, None, Some(d("2026-01-26")), d("2026-01-27")).unwrap();
    assert_eq!((w.period, w.since, w.until), (period("2026-Q1"), d("2026-01-12"), d("2026-01-26")));
    let after = window(&s, None, None, None, d("2026-01-27")).unwrap();
    assert_eq!(after.since, d("2026-01-26"), "the meeting of the 26th is the last one before the 27th");
    let before_any = window(&s, None, None, Some(d("2026-01-10")), d("2026-01-27")).unwrap();
    assert_eq!(before_any.since, d("2025-12-01"), "no meeting yet: since the ledger was opened");
    let err = window(&s, None, Some(d("2026-01-27")), Some(d("2026-01-26")), d("2026-01-27")).unwrap_err();
    assert!(err.to_string().starts_with("--since"), "{err}");
    let err = window(&s, None, None, Some(d("2026-01-28")), d("2026-01-27")).unwrap_err();
    assert!(err.to_string().starts_with("--until"), "{err}");
}

#[test]
fn revenue_changes_and_risks() {
    let s = scenario(false);
    let b = brief(&s, period("2026-Q1"), d("2026-01-12"), d("2026-01-26"));
    assert_eq!(b.last_meeting.map(|m| m.0), Some(d("2026-01-12")));
    assert_eq!(
        (b.revenue.goal, b.revenue.actual_to_date, b.revenue.gap),
        (Some(Money(1_000)), Money(300), Some(Money(700)))
    );
    // Open in Q1 on the 26th: A 600 + D 100 (B pushed out, C won).
    assert_eq!(b.revenue.open_in_period, Money(700));
    assert_eq!(b.revenue.coverage, Some(1.0));
    let t = &b.changes.terms;
    assert_eq!((t.open_start, t.won, t.pushed_out, t.open_end), (1_200, 300, 200, 700));
    assert_eq!(t.reconciled_end(), t.open_end);
    let reason = |id: &str| b.changed.iter().find(|c| c.id == id).map(|c| c.reason);
    assert_eq!((reason("C"), reason("B"), reason("D")), (Some("won"), Some("pushed-out"), Some("at-risk")));
    assert_eq!(b.changed[0].account, "A Corp");
    assert_eq!(b.risks.len(), 1);
    let r = &b.risks[0];
    assert_eq!((r.id.as_str(), r.since, r.days, r.new), ("D", d("2026-01-20"), 6, true));
}

#[test]
fn big_deals_are_the_largest_band_or_the_top_five() {
    let banded = brief(&scenario(true), period("2026-Q1"), d("2026-01-12"), d("2026-01-26"));
    assert_eq!(banded.big_deals.band.as_deref(), Some("large"));
    let ids: Vec<&str> = banded.big_deals.deals.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["A", "C"], "B moved out of the quarter; D and E are smaller");
    assert_eq!(banded.big_deals.deals[1].won_on, Some(d("2026-01-23")));
    let top = brief(&scenario(false), period("2026-Q1"), d("2026-01-12"), d("2026-01-26"));
    let ids: Vec<&str> = top.big_deals.deals.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["A", "C", "D"]);
    assert!(top.big_deals.deals[2].at_risk);
}

#[test]
fn commitments_plan_issues_and_questions() {
    let s = scenario(false);
    let b = brief(&s, period("2026-Q1"), d("2026-01-12"), d("2026-01-26"));
    let due: Vec<(&str, Class)> = b.commitments.due.iter().map(|c| (c.id.as_str(), c.class)).collect();
    // C-2 (due Jan 9, before the last meeting) is still overdue; C-1 came due and was kept.
    assert_eq!(due, [("C-2", Class::OpenOverdue), ("C-1", Class::KeptOnTime)]);
    assert_eq!(b.commitments.owners[0].owner, "Dana", "the CEO first");
    assert_eq!(b.commitments.weekly.len(), 2);
    let lee = &b.commitments.weekly[1];
    assert_eq!(lee.weeks.iter().map(|w| (w.1, w.2)).filter(|w| w.0 > 0).collect::<Vec<_>>(), [(1, 1)]);
    let items: Vec<(&str, ItemStatus)> = b.plan.due.iter().map(|i| (i.id.as_str(), i.status)).collect();
    assert_eq!(items, [("A-1", ItemStatus::Overdue)], "A-2 is not due before the next meeting");
    let issues: Vec<(&str, bool)> = b.issues.iter().map(|i| (i.id.as_str(), i.resolved.is_some())).collect();
    assert_eq!(issues, [("I-1", true)], "I-2 was resolved before the last meeting");
    assert_eq!(b.questions.iter().map(|q| q.key).collect::<Vec<_>>(), ["worked_plan", "results", "adjust"]);
    assert!(b.questions[1].facts[0].contains("USD 3 of the 2026-Q1 goal USD 10 (30%); USD 7 to go"));
    assert!(b.questions[0].facts.iter().any(|f| f.contains("1 plan item overdue: A-1")));
    assert!(b.questions[0].facts.iter().any(|f| f.contains("1 of 2 kept on time")));
}

#[test]
fn indicators_contingencies_and_forecasts() {
    let mut events: Vec<(&str, Event)> = vec![
        (
            "2026-01-02",
            Event::IndicatorDefined {
                name: "Calls".into(),
                target_milli: 40_000,
                direction: Direction::AtLeast,
            },
        ),
        ("2026-01-02", Event::GoalSet { period: period("2025-Q4"), amount: Money(900) }),
        ("2026-01-02", Event::ActualRecorded { period: period("2025-Q4"), amount: Money(800) }),
        (
            "2026-01-05",
            Event::ContingencyAdded {
                id: "K-1".into(),
                trigger: Trigger::IndicatorBelow { name: "Calls".into(), threshold_milli: 30_000, weeks: 2 },
                action: "CEO joins calls".into(),
                on: d("2026-01-05"),
            },
        ),
    ];
    for (week, value) in [(2u8, 45_000), (3, 20_000), (4, 25_000)] {
        events.push((
            "2026-01-26",
            Event::IndicatorRecorded { name: "Calls".into(), year: 2026, week, value_milli: value },
        ));
    }
    events.push((
        "2026-01-26",
        Event::ForecastSubmitted {
            period: period("2026-Q1"),
            amount: Money(950),
            commit: None,
            best_case: None,
            pipeline: None,
            as_of: d("2026-01-26"),
            note: None,
        },
    ));
    let s = given(&events);
    let b = brief(&s, period("2026-Q1"), d("2026-01-19"), d("2026-01-27"));
    let row = &b.indicators.rows[0];
    assert_eq!(b.indicators.weeks.len(), TREND_WEEKS);
    assert_eq!(row.marks.iter().rev().take(3).map(|m| m.word()).collect::<Vec<_>>(), ["miss", "miss", "hit"]);
    assert_eq!(row.hit_rate, Some(0.25), "W01, when it was defined, counts as missing; earlier weeks do not");
    assert_eq!(b.contingencies.len(), 1);
    assert_eq!(
        (b.contingencies[0].id.as_str(), b.contingencies[0].action.as_str()),
        ("K-1", "CEO joins calls")
    );
    let f: Vec<(String, Option<Money>, Option<Money>, bool)> =
        b.forecasts.iter().map(|p| (p.period.to_string(), p.forecast, p.actual, p.to_date)).collect();
    assert_eq!(
        f,
        [
            ("2025-Q4".to_string(), None, Some(Money(800)), false),
            ("2026-Q1".to_string(), Some(Money(950)), Some(Money(0)), true)
        ]
    );
    assert!(
        b.questions[0].facts[0].contains("2026-W04: 0 of 1 leading indicators on target"),
        "{:?}",
        b.questions[0].facts
    );
    assert!(b.questions[2].facts[1].contains("K-1 → CEO joins calls"));
}
