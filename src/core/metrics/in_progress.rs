//! The week in progress, for the leading indicators: each indicator's value
//! recorded so far for the week holding the as-of day. Reports show it
//! beside the complete weeks; `hit_rate` and `plan_worked` (metrics.md § 6)
//! are judged over complete weeks only and never see it.

use super::weeks::Week;
use crate::core::decide::indicator::{mark, WeekMark};
use crate::core::state::State;
use crate::core::time::Date;

/// One indicator in the week in progress.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorSoFar {
    pub name: String,
    /// The record that defined the indicator.
    pub seq: u64,
    /// `Hit`/`Miss` once the week's value is recorded; `Missing` means not
    /// recorded yet, which is no miss while the week runs.
    pub mark: WeekMark,
    /// The record of the week's value, once recorded.
    pub value_seq: Option<u64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorsSoFar {
    pub week: Week,
    pub as_of: Date,
    pub rows: Vec<IndicatorSoFar>,
}

impl IndicatorsSoFar {
    /// Indicators whose value for the week is recorded.
    pub fn recorded(&self) -> usize {
        self.rows.iter().filter(|r| matches!(r.mark, WeekMark::Hit(_) | WeekMark::Miss(_))).count()
    }

    pub fn hit(&self) -> usize {
        self.rows.iter().filter(|r| matches!(r.mark, WeekMark::Hit(_))).count()
    }
}

/// Every indicator's mark for the week holding `at`.
pub fn indicators(state: &State, at: Date) -> IndicatorsSoFar {
    let week = Week::in_progress(at);
    let rows = state
        .indicators
        .values()
        .map(|i| IndicatorSoFar {
            name: i.name.clone(),
            seq: i.origin.seq,
            mark: mark(i, week),
            value_seq: i.values.get(&(week.year, week.week)).map(|(_, o)| o.seq),
        })
        .collect();
    IndicatorsSoFar { week, as_of: at, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::decide::indicator::{hit_rate, last_weeks, plan_worked};
    use crate::core::event::Event;
    use crate::core::testing::{d, given};
    use crate::core::vocab::Direction;

    fn define(name: &str, target: i64) -> Event {
        Event::IndicatorDefined {
            name: name.into(),
            target_milli: target * 1000,
            direction: Direction::AtLeast,
        }
    }

    fn value(name: &str, week: u8, v: i64) -> Event {
        Event::IndicatorRecorded { name: name.into(), year: 2026, week, value_milli: v * 1000 }
    }

    #[test]
    fn this_weeks_values_are_shown_and_left_out_of_the_rates() {
        let s = given(&[
            ("2026-01-05", define("Calls", 10)),
            ("2026-01-05", define("Demos", 3)),
            ("2026-01-09", value("Calls", 2, 12)), // W02
            ("2026-01-14", value("Calls", 3, 8)),  // W03, the week in progress on Jan 14
        ]);
        let now = indicators(&s, d("2026-01-14"));
        assert_eq!(now.week.to_string(), "2026-W03");
        let marks: Vec<(&str, WeekMark)> = now.rows.iter().map(|r| (r.name.as_str(), r.mark)).collect();
        assert_eq!(marks, [("Calls", WeekMark::Miss(8000)), ("Demos", WeekMark::Missing)]);
        assert_eq!((now.recorded(), now.hit(), now.rows[0].value_seq), (1, 0, Some(5)));
        // The rates over complete weeks see W02 only, on any day of W03.
        let weeks = last_weeks(d("2026-01-14"), 13);
        assert_eq!(weeks.last().map(ToString::to_string), Some("2026-W02".into()));
        let calls = s.indicators.values().find(|i| i.name == "Calls").unwrap();
        assert_eq!(hit_rate(calls, &weeks), Some(1.0));
        assert_eq!(hit_rate(calls, &last_weeks(d("2026-01-12"), 13)), Some(1.0));
        assert_eq!(plan_worked(&s, weeks[weeks.len() - 1]), Some(0.5));
    }
}
