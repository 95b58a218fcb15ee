//! What the meeting keeps in front of both sides (metrics.md § 10.8, § 10.9):
//! the leader's forecast and the agreed one with their change since the last
//! meeting, decision rights and focus in force, every open initiative, and
//! the period's win rate, deal size and cycle against the previous period.

use crate::core::metrics::forecast::leader_standing;
use crate::core::metrics::ratio;
use crate::core::money::Money;
use crate::core::period::Period;
use crate::core::state::{DealStatus, State};
use crate::core::time::Date;
use crate::core::vocab::PlanItemKind;

#[derive(Clone, Debug, PartialEq)]
pub struct ForecastLine {
    pub period: Period,
    /// The leader's latest forecast as of `until`: (record, as of, amount).
    pub leader: Option<(u64, Date, Money)>,
    /// The leader's forecast standing at the last meeting.
    pub leader_at_last_meeting: Option<Money>,
    /// The latest agreed forecast: (record, agreed on, amount, who agreed).
    pub agreed: Option<(u64, Date, Money, Vec<String>)>,
    pub agreed_at_last_meeting: Option<Money>,
}

impl ForecastLine {
    pub fn leader_change(&self) -> Option<i64> {
        Some(self.leader?.2 .0 - self.leader_at_last_meeting?.0)
    }

    pub fn agreed_change(&self) -> Option<i64> {
        Some(self.agreed.as_ref()?.2 .0 - self.agreed_at_last_meeting?.0)
    }
}

pub(super) fn forecast_line(
    state: &State,
    period: Period,
    last_meeting: Option<Date>,
    until: Date,
) -> ForecastLine {
    let leader_at = |x: Date| leader_standing(state, period, x).map(|f| (f.origin.seq, f.as_of, f.amount));
    let agreed_at = |x: Date| {
        state
            .agreed_forecasts
            .iter()
            .filter(|a| a.period == period && a.on <= x)
            .max_by_key(|a| (a.on, a.origin.seq))
            .map(|a| (a.origin.seq, a.on, a.amount, a.agreed_by.clone()))
    };
    ForecastLine {
        period,
        leader: leader_at(until),
        leader_at_last_meeting: last_meeting.and_then(leader_at).map(|f| f.2),
        agreed: agreed_at(until),
        agreed_at_last_meeting: last_meeting.and_then(agreed_at).map(|a| a.2),
    }
}

/// One compact line each: decision rights and the agreed focus in force.
pub(super) fn expectations(state: &State) -> (Option<String>, Option<String>) {
    let rights: Vec<String> =
        state.decision_rights.iter().map(|(area, f)| format!("{area}: {}", f.value)).collect();
    let focus = state.focus.as_ref().map(|f| {
        let v = &f.value;
        format!(
            "coaching {}%, selling {}%, new markets {}% · office {}%, field {}% (since {})",
            v.coaching, v.selling, v.new_markets, v.office, v.field, f.on
        )
    });
    ((!rights.is_empty()).then(|| rights.join(" · ")), focus)
}

#[derive(Clone, Debug, PartialEq)]
pub struct Initiative {
    pub id: String,
    pub title: String,
    pub owner: Option<String>,
    pub due: Option<Date>,
    /// `overdue`, `in progress` or `not started`.
    pub status: &'static str,
}

/// Every initiative not completed by `until`.
pub(super) fn initiatives(state: &State, until: Date) -> Vec<Initiative> {
    state
        .plan
        .items
        .values()
        .filter(|i| i.kind == PlanItemKind::Initiative && i.completed_on.is_none_or(|d| d > until))
        .map(|i| Initiative {
            id: i.id.clone(),
            title: i.title.clone(),
            owner: i.owner.clone(),
            due: i.due,
            status: match (i.due, i.start) {
                (Some(due), _) if due < until => "overdue",
                (_, Some(start)) if start > until => "not started",
                _ => "in progress",
            },
        })
        .collect()
}

/// Win rate, average won deal and cycle of the deals closed in one period.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PeriodFigures {
    pub won: usize,
    pub lost: usize,
    pub win_rate: Option<f64>,
    pub average_won: Option<f64>,
    pub cycle_days: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub period: Period,
    pub previous: Period,
    pub this: PeriodFigures,
    pub before: PeriodFigures,
}

fn figures(state: &State, period: Period, fs: u8, until: Date) -> PeriodFigures {
    let (mut won, mut lost, mut sizes, mut cycles) = (0, 0, Vec::new(), Vec::new());
    for d in state.deals.values() {
        match d.current().status {
            DealStatus::Won { on } if period.contains(on, fs) && on <= until => {
                won += 1;
                sizes.push(d.current().amount.0);
                cycles.push((on.0 - d.opened_on.0).num_days());
            }
            DealStatus::Lost { on, .. } if period.contains(on, fs) && on <= until => lost += 1,
            _ => {}
        }
    }
    PeriodFigures {
        won,
        lost,
        win_rate: ratio(won as f64, (won + lost) as f64),
        average_won: ratio(sizes.iter().sum::<i64>() as f64, sizes.len() as f64),
        cycle_days: ratio(cycles.iter().sum::<i64>() as f64, cycles.len() as f64),
    }
}

/// The focus period so far against the whole period before it.
pub(super) fn compare(state: &State, period: Period, until: Date) -> Comparison {
    let fs = state.info().fiscal_year_start;
    let previous = match period {
        Period::Quarter { .. } => Period::quarter_of(period.first_day(fs).add_days(-1), fs),
        Period::Year { year } => Period::Year { year: year - 1 },
        Period::Month { year, month } if month > 1 => Period::Month { year, month: month - 1 },
        Period::Month { year, .. } => Period::Month { year: year - 1, month: 12 },
    };
    Comparison {
        period,
        previous,
        this: figures(state, period, fs, until),
        before: figures(state, previous, fs, until),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::Event;
    use crate::core::testing::{d, given, lost, opened, period, won};

    fn initiative(id: &str, start: Option<&str>, due: &str) -> Event {
        Event::PlanItemAdded {
            id: id.into(),
            kind: PlanItemKind::Initiative,
            title: format!("initiative {id}"),
            owner: Some("Lee".into()),
            parent: None,
            start: start.map(d),
            due: Some(d(due)),
            on: d("2026-01-05"),
        }
    }

    #[test]
    fn every_open_initiative_with_its_status() {
        let s = given(&[
            ("2026-01-05", initiative("I-1", None, "2026-02-01")), // past due: overdue
            ("2026-01-05", initiative("I-2", Some("2026-01-05"), "2026-04-01")), // in progress
            ("2026-01-05", initiative("I-3", Some("2026-03-01"), "2026-05-01")), // not started
            ("2026-01-05", initiative("I-4", None, "2026-03-01")),
            ("2026-02-01", Event::PlanItemCompleted { id: "I-4".into(), on: d("2026-02-01") }), // done: not listed
        ]);
        let got: Vec<(String, &str)> =
            initiatives(&s, d("2026-02-10")).into_iter().map(|i| (i.id, i.status)).collect();
        assert_eq!(
            got,
            [("I-1".into(), "overdue"), ("I-2".into(), "in progress"), ("I-3".into(), "not started")]
        );
    }

    #[test]
    fn this_period_against_the_previous_one() {
        // Q4 2025: A won (100, opened Oct 1, won Nov 10: 40 days), B lost.
        // Q1 2026: C won 300 (opened Dec 1, won Jan 30: 60 days), D won 100 (Jan 5 → Feb 14: 40).
        let s = given(&[
            ("2025-12-01", opened("A", 100, "2025-11-10", "2025-10-01")),
            ("2025-12-01", won("A", "2025-11-10")),
            ("2025-12-01", opened("B", 500, "2025-12-15", "2025-10-01")),
            ("2025-12-01", lost("B", "2025-12-15")),
            ("2025-12-01", opened("C", 300, "2026-01-30", "2025-12-01")),
            ("2026-01-30", won("C", "2026-01-30")),
            ("2026-01-05", opened("D", 100, "2026-02-14", "2026-01-05")),
            ("2026-02-14", won("D", "2026-02-14")),
        ]);
        let c = compare(&s, period("2026-Q1"), d("2026-02-20"));
        assert_eq!(c.previous, period("2025-Q4"));
        // This: 2 won / 0 lost → 100 %; average (300 + 100) / 2 = 200; cycle (60 + 40) / 2 = 50.
        assert_eq!((c.this.won, c.this.lost, c.this.win_rate), (2, 0, Some(1.0)));
        assert_eq!((c.this.average_won, c.this.cycle_days), (Some(200.0), Some(50.0)));
        // Before: 1 won / 1 lost → 50 %; average 100; cycle 40.
        assert_eq!(
            (c.before.win_rate, c.before.average_won, c.before.cycle_days),
            (Some(0.5), Some(100.0), Some(40.0))
        );
    }
}
