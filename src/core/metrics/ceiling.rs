//! A forecast that cannot happen (metrics.md § 10.7): the leader's forecast
//! for the focus quarter against the most that could still arrive — the
//! actual recorded so far plus every open deal expected to close in it.

use super::actuals::actual_to_date;
use super::forecast::leader_standing;
use crate::core::money::Money;
use crate::core::period::Period;
use crate::core::state::State;
use crate::core::time::Date;

#[derive(Clone, Debug, PartialEq)]
pub struct Ceiling {
    pub period: Period,
    pub forecast_seq: u64,
    pub forecast: Money,
    pub actual_to_date: Money,
    /// Open deals whose expected close date is inside the period.
    pub open_in_period: Money,
    pub deals: Vec<String>,
    /// `actual_to_date + open_in_period`.
    pub could_close: Money,
    pub exceeds: bool,
}

/// The check for the quarter holding `at`, when the leader has a forecast for it.
pub fn ceiling(state: &State, at: Date) -> Option<Ceiling> {
    let fs = state.ledger.as_ref().map_or(1, |l| l.fiscal_year_start);
    ceiling_for(state, Period::quarter_of(at, fs), at)
}

/// The check for `period` on `at` (the brief's focus period).
pub fn ceiling_for(state: &State, period: Period, at: Date) -> Option<Ceiling> {
    let fs = state.ledger.as_ref().map_or(1, |l| l.fiscal_year_start);
    let standing = leader_standing(state, period, at)?;
    let (first, last) = (period.first_day(fs), period.last_day(fs));
    let mut deals: Vec<(&str, i64)> = state
        .deals
        .values()
        .filter(|d| d.is_open() && first <= d.current().close && d.current().close <= last)
        .map(|d| (d.id.as_str(), d.current().amount.0))
        .collect();
    deals.sort_unstable();
    let open: i64 = deals.iter().map(|(_, v)| v).sum();
    let (actual, _) = actual_to_date(state, period);
    let could_close = Money(actual.0.saturating_add(open));
    Some(Ceiling {
        period,
        forecast_seq: standing.origin.seq,
        forecast: standing.amount,
        actual_to_date: actual,
        open_in_period: Money(open),
        deals: deals.iter().map(|(id, _)| id.to_string()).collect(),
        could_close,
        exceeds: standing.amount > could_close,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::Event;
    use crate::core::testing::{d, given, opened};

    fn fc(amount: i64, as_of: &str) -> Event {
        Event::ForecastSubmitted {
            period: Period::parse("2026-Q1").unwrap(),
            amount: Money(amount),
            commit: None,
            best_case: None,
            pipeline: None,
            as_of: d(as_of),
            note: None,
        }
    }

    #[test]
    fn a_forecast_above_everything_open_is_flagged_with_both_figures() {
        let s = given(&[
            ("2026-01-05", opened("D1", 900, "2026-03-15", "2026-01-05")),
            ("2026-01-05", opened("D2", 590, "2026-02-20", "2026-01-05")),
            ("2026-01-05", opened("D3", 700, "2026-04-10", "2026-01-05")), // next quarter: not counted
            (
                "2026-02-01",
                Event::ActualRecorded { period: Period::parse("2026-01").unwrap(), amount: Money(0) },
            ),
            ("2026-02-02", fc(2_300, "2026-02-02")),
        ]);
        // Could close: actual 0 + D1 900 + D2 590 = 1,490 < forecast 2,300.
        let c = ceiling(&s, d("2026-02-03")).unwrap();
        assert_eq!((c.could_close, c.forecast, c.exceeds), (Money(1_490), Money(2_300), true));
        assert_eq!(c.deals, vec!["D1", "D2"]);
        // A forecast of exactly 1,490 can happen.
        let mut s = s;
        s.apply(
            crate::core::state::Origin {
                seq: 9,
                recorded_at: crate::core::Timestamp::parse("2026-02-03T12:00:00Z").unwrap(),
            },
            "Lee",
            &fc(1_490, "2026-02-03"),
        );
        assert!(!ceiling(&s, d("2026-02-03")).unwrap().exceeds);
    }

    #[test]
    fn a_ceo_forecast_is_not_the_leaders() {
        let mut s = given(&[("2026-01-05", opened("D1", 100, "2026-03-15", "2026-01-05"))]);
        let origin = crate::core::state::Origin {
            seq: 5,
            recorded_at: crate::core::Timestamp::parse("2026-01-06T12:00:00Z").unwrap(),
        };
        s.apply(origin, "Dana", &fc(5_000, "2026-01-06"));
        assert_eq!(ceiling(&s, d("2026-01-07")), None);
    }
}
