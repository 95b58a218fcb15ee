//! The three questions against the data (metrics.md § 10.6): each meeting's
//! answer to "did we work the plan?" beside `plan_worked` (§ 6) for the
//! weeks since the previous meeting.

use super::weeks::Week;
use crate::core::decide::indicator::plan_worked;
use crate::core::state::{MeetingKind, State};
use crate::core::time::Date;
use crate::core::vocab::Answer;

/// Below this share of indicators hit, "yes" differs from the indicators.
pub const YES_BELOW: f64 = 0.5;

#[derive(Clone, Debug, PartialEq)]
pub struct AnswerCheck {
    pub seq: u64,
    pub date: Date,
    pub answer: Option<Answer>,
    /// The complete weeks the answer covers.
    pub weeks: Vec<Week>,
    /// Mean of `plan_worked` over those weeks that had an indicator tracked.
    pub plan_worked: Option<f64>,
    /// `yes` with plan_worked < 0.5, or `no` with plan_worked = 1.
    pub differs: bool,
}

/// The weeks a meeting on `date` looks back on: from the previous meeting's
/// week to the last complete week before it (that week alone when none).
fn weeks_covered(previous: Option<Date>, date: Date) -> Vec<Week> {
    let last = Week::last_complete_before(date);
    match previous.map(Week::of) {
        Some(first) if first <= last => first.through(last),
        _ => vec![last],
    }
}

/// One check per meeting held on or before `at`, in date order.
pub fn answers(state: &State, at: Date) -> Vec<AnswerCheck> {
    let mut held: Vec<(Date, u64, Option<Answer>)> = state
        .meetings
        .iter()
        .filter(|m| m.date <= at)
        .filter_map(|m| match &m.kind {
            MeetingKind::Held { worked_plan, .. } => Some((m.date, m.origin.seq, *worked_plan)),
            MeetingKind::Skipped { .. } => None,
        })
        .collect();
    held.sort();
    let mut previous = None;
    let mut out = Vec::new();
    for (date, seq, answer) in held {
        let weeks = weeks_covered(previous, date);
        let shares: Vec<f64> = weeks.iter().filter_map(|w| plan_worked(state, *w)).collect();
        let plan_worked = (!shares.is_empty()).then(|| shares.iter().sum::<f64>() / shares.len() as f64);
        let differs = match (answer, plan_worked) {
            (Some(Answer::Yes), Some(p)) => p < YES_BELOW,
            (Some(Answer::No), Some(p)) => p >= 1.0,
            _ => false,
        };
        out.push(AnswerCheck { seq, date, answer, weeks, plan_worked, differs });
        previous = Some(date);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::Event;
    use crate::core::testing::{d, given};
    use crate::core::vocab::Direction;

    fn held(date: &str, answer: Answer) -> Event {
        Event::MeetingHeld {
            date: d(date),
            attendees: vec![],
            worked_plan: Some(answer),
            results: None,
            adjust: None,
            note: None,
            rating: None,
        }
    }

    fn value(week: u8, v: i64) -> Event {
        Event::IndicatorRecorded { name: "Calls".into(), year: 2026, week, value_milli: v }
    }

    #[test]
    fn yes_against_zero_is_flagged_no_against_all_is_flagged() {
        // "Calls" at least 30 a week. W02 22 (miss), W03 25 (miss), W04 31 (hit), W05 35 (hit).
        let s = given(&[
            (
                "2026-01-05",
                Event::IndicatorDefined {
                    name: "Calls".into(),
                    target_milli: 30_000,
                    direction: Direction::AtLeast,
                },
            ),
            ("2026-01-12", value(2, 22_000)),
            ("2026-01-13", held("2026-01-13", Answer::Yes)), // covers W02: 0 → differs
            ("2026-01-19", value(3, 25_000)),
            ("2026-01-26", value(4, 31_000)),
            ("2026-01-27", held("2026-01-27", Answer::Yes)), // W03, W04: (0 + 1) / 2 = 0.5 → not below
            ("2026-02-02", value(5, 35_000)),
            ("2026-02-03", held("2026-02-03", Answer::No)), // W05: 1 → differs
        ]);
        let a = answers(&s, d("2026-02-06"));
        let got: Vec<(Vec<String>, Option<f64>, bool)> = a
            .iter()
            .map(|c| (c.weeks.iter().map(ToString::to_string).collect(), c.plan_worked, c.differs))
            .collect();
        assert_eq!(
            got,
            [
                (vec!["2026-W02".to_string()], Some(0.0), true),
                (vec!["2026-W03".to_string(), "2026-W04".to_string()], Some(0.5), false),
                (vec!["2026-W05".to_string()], Some(1.0), true),
            ]
        );
    }

    #[test]
    fn six_yes_answers_while_the_plan_was_worked_zero_weeks() {
        let mut events = vec![(
            "2026-01-05",
            Event::IndicatorDefined {
                name: "Calls".into(),
                target_milli: 30_000,
                direction: Direction::AtLeast,
            },
        )];
        let dates = ["2026-01-13", "2026-01-20", "2026-01-27", "2026-02-03", "2026-02-10", "2026-02-17"];
        for (i, date) in dates.iter().enumerate() {
            events.push(("2026-01-05", value(2 + i as u8, 10_000)));
            events.push((date, held(date, Answer::Yes)));
        }
        let a = answers(&given(&events), d("2026-02-20"));
        assert_eq!(a.iter().filter(|c| c.differs).count(), 6);
        // Without any indicator there is nothing to compare: never flagged.
        let none = given(&[("2026-01-13", held("2026-01-13", Answer::Yes))]);
        assert_eq!(
            answers(&none, d("2026-01-20"))[0],
            AnswerCheck {
                seq: 2,
                date: d("2026-01-13"),
                answer: Some(Answer::Yes),
                weeks: vec![Week::parse("2026-W02").unwrap()],
                plan_worked: None,
                differs: false,
            }
        );
    }
}
