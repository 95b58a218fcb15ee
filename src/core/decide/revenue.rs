//! Revenue facts: the goal and the actual for a period, and forecasts.
//!
//! The rules that a prompt can check on its own (an amount, a period, an
//! as-of date) are plain functions returning a message, so the prompt and
//! the decision refuse the same things with the same words.

use super::fact_date;
use crate::core::event::Event;
use crate::core::metrics::actuals::actual_for;
use crate::core::metrics::forecast::BACKDATED_AFTER_DAYS;
use crate::core::money::Money;
use crate::core::period::Period;
use crate::core::state::State;
use crate::core::text;
use crate::core::time::Date;
use crate::error::{Error, FieldContext, Result};
use chrono::Datelike;

pub struct NewForecast {
    pub period: String,
    pub amount: String,
    pub commit: Option<String>,
    pub best_case: Option<String>,
    pub pipeline: Option<String>,
    pub as_of: Option<Date>,
    pub note: Option<String>,
}

// ── rules shared with the prompts ─────────────────────────────────────────

/// A goal: an amount above zero (a goal of nothing is not a goal).
pub fn goal_amount(text: &str, exponent: u32) -> Result<Money, String> {
    let amount = Money::parse(text, exponent)?;
    if amount.0 == 0 {
        return Err(format!("'{}' is zero; a goal must be more than zero", text.trim()));
    }
    Ok(amount)
}

/// A period whose actual can be known: it has started by `today`.
pub fn actual_period(text: &str, fiscal_start: u8, today: Date) -> Result<Period, String> {
    let period = Period::parse(text)?;
    let first = period.first_day(fiscal_start);
    if first > today {
        return Err(format!(
            "{period} starts on {first}, after today ({today}); actuals are real numbers, \
             recorded once the period has started"
        ));
    }
    Ok(period)
}

/// The part of a forecast its owner is sure of cannot exceed the forecast.
pub fn commit_within(commit: Money, amount: Money, exponent: u32) -> Result<Money, String> {
    if commit > amount {
        return Err(format!(
            "{} is more than the forecast amount ({}); commit must be at most the amount",
            commit.format(exponent),
            amount.format(exponent)
        ));
    }
    Ok(commit)
}

/// The best case cannot be below the forecast itself.
pub fn best_case_within(best_case: Money, amount: Money, exponent: u32) -> Result<Money, String> {
    if best_case < amount {
        return Err(format!(
            "{} is less than the forecast amount ({}); best case must be at least the amount",
            best_case.format(exponent),
            amount.format(exponent)
        ));
    }
    Ok(best_case)
}

/// A forecast's as-of date: not in the future, and not after the period
/// ended — a forecast written after the period ended is not a forecast.
pub fn forecast_as_of(as_of: Date, period: Period, fiscal_start: u8, today: Date) -> Result<Date, String> {
    if as_of > today {
        return Err(format!("{as_of} is after today ({today}); a forecast cannot be as of the future"));
    }
    let last = period.last_day(fiscal_start);
    if as_of > last {
        return Err(format!(
            "{as_of} is after {period} ended ({last}); a forecast written after the period ended \
             is not a forecast — record the actual instead"
        ));
    }
    Ok(as_of)
}

// ── decisions ─────────────────────────────────────────────────────────────

fn fiscal_start(state: &State) -> u8 {
    state.ledger.as_ref().map_or(1, |l| l.fiscal_year_start)
}

/// Sets (or replaces) the goal for a period. The latest goal wins; setting
/// the same amount again would record nothing new, so it is refused.
pub fn goal(state: &State, period: &str, amount: &str) -> Result<Event> {
    let period = Period::parse(period).field("--period")?;
    let amount = goal_amount(amount, state.exponent()).field("--amount")?;
    if let Some(now) = state.goals.get(&period).filter(|g| g.value == amount) {
        return Err(Error::input(
            "--amount",
            format!(
                "{} is already the goal for {period} (record {}); nothing would change",
                state.money(amount),
                now.origin.seq
            ),
        ));
    }
    Ok(Event::GoalSet { period, amount })
}

/// Records the actual revenue of a period that has started. A later actual
/// for the same period replaces the earlier one (e.g. after the books close).
pub fn actual(state: &State, period: &str, amount: &str, today: Date) -> Result<Event> {
    let period = actual_period(period, fiscal_start(state), today).field("--period")?;
    let amount = Money::parse(amount, state.exponent()).field("--amount")?;
    if let Some(now) = state.actuals.get(&period).filter(|a| a.value == amount) {
        return Err(Error::input(
            "--amount",
            format!(
                "{} is already the actual for {period} (record {}); nothing would change",
                state.money(amount),
                now.origin.seq
            ),
        ));
    }
    Ok(Event::ActualRecorded { period, amount })
}

/// A forecast for a period, as of a date (default: today).
pub fn forecast(state: &State, f: NewForecast, today: Date) -> Result<Event> {
    let period = Period::parse(&f.period).field("--period")?;
    let exponent = state.exponent();
    let money = |text: &Option<String>, flag: &str| -> Result<Option<Money>> {
        text.as_deref().map(|t| Money::parse(t, exponent).field(flag)).transpose()
    };
    let amount = Money::parse(&f.amount, exponent).field("--amount")?;
    let commit = money(&f.commit, "--commit")?;
    if let Some(c) = commit {
        commit_within(c, amount, exponent).field("--commit")?;
    }
    let best_case = money(&f.best_case, "--best-case")?;
    if let Some(b) = best_case {
        best_case_within(b, amount, exponent).field("--best-case")?;
    }
    let pipeline = money(&f.pipeline, "--pipeline")?;
    let as_of = fact_date(f.as_of, today, "--as-of")?;
    forecast_as_of(as_of, period, fiscal_start(state), today).field("--as-of")?;
    let note = f.note.as_deref().map(|n| text::text(n, text::MAX_TEXT).field("--note")).transpose()?;
    Ok(Event::ForecastSubmitted { period, amount, commit, best_case, pipeline, as_of, note })
}

// ── derived values ────────────────────────────────────────────────────────

/// One line of the actuals list: recorded directly, or summed from months.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActualRow {
    pub period: Period,
    pub amount: Money,
    pub derived: bool,
    pub seqs: Vec<u64>,
    /// When the direct actual was recorded; `None` for a sum of months.
    pub recorded_on: Option<Date>,
}

/// Every known actual: those recorded, and the quarters and fiscal years
/// whose months are all recorded. Each aggregate follows its last month.
pub fn actual_rows(state: &State) -> Vec<ActualRow> {
    let fs = fiscal_start(state);
    let mut periods: Vec<Period> = state.actuals.keys().copied().collect();
    for month in state.actuals.keys().filter(|p| matches!(p, Period::Month { .. })) {
        let quarter = Period::quarter_of(month.first_day(fs), fs);
        if let Period::Quarter { year, .. } = quarter {
            periods.extend([quarter, Period::Year { year }]);
        }
    }
    periods.sort_by_key(|p| order_key(*p, fs));
    periods.dedup();
    periods
        .into_iter()
        .filter_map(|period| {
            let direct = state.actuals.get(&period);
            let (amount, seqs) = actual_for(state, period)?;
            Some(ActualRow {
                period,
                amount,
                derived: direct.is_none(),
                seqs,
                recorded_on: direct.map(|f| f.on),
            })
        })
        .collect()
}

/// Sorts periods by their end, a month before the quarter and year it ends,
/// so that lists read in time order and each total follows its parts.
pub fn order_key(period: Period, fiscal_start: u8) -> (Date, u8) {
    let span = match period {
        Period::Month { .. } => 0,
        Period::Quarter { .. } => 1,
        Period::Year { .. } => 2,
    };
    (period.last_day(fiscal_start), span)
}

/// How many days after its as-of date a forecast recorded on `recorded_on`
/// came, when that makes it backdated (metrics.md §1).
pub fn days_backdated(as_of: Date, recorded_on: Date) -> Option<i64> {
    let days = (recorded_on.0 - as_of.0).num_days();
    (days > BACKDATED_AFTER_DAYS).then_some(days)
}

/// The fiscal quarter `today` falls in (the default period of goals and forecasts).
pub fn current_quarter(today: Date, fiscal_start: u8) -> Period {
    Period::quarter_of(today, fiscal_start)
}

/// The month before `today`'s (the default period of an actual).
pub fn last_complete_month(today: Date) -> Period {
    let (year, month) = (today.0.year(), today.0.month() as u8);
    if month == 1 {
        Period::Month { year: year - 1, month: 12 }
    } else {
        Period::Month { year, month: month - 1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::metrics::forecast::is_backdated;
    use crate::core::state::Origin;
    use crate::core::vocab::Cadence;
    use crate::core::Timestamp;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn p(s: &str) -> Period {
        Period::parse(s).unwrap()
    }

    /// A state with the ledger opened (fiscal year from `fiscal_start`),
    /// then `events`, each recorded on `recorded`.
    fn state_with(fiscal_start: u8, events: Vec<(Event, &str)>) -> State {
        let mut s = State::default();
        let opened = Event::LedgerOpened {
            company: "Acme".into(),
            ceo: "Dana".into(),
            leader: "Lee".into(),
            currency: "USD".into(),
            fiscal_year_start: fiscal_start,
            cadence: Cadence::Weekly,
        };
        let all = std::iter::once((opened, "2026-01-01T09:00:00Z")).chain(events);
        for (i, (e, at)) in all.enumerate() {
            let origin = Origin { seq: i as u64 + 1, recorded_at: Timestamp::parse(at).unwrap() };
            s.apply(origin, "Lee", &e);
        }
        s
    }

    fn actual_of(period: &str, major: i64) -> (Event, &'static str) {
        (Event::ActualRecorded { period: p(period), amount: Money(major * 100) }, "2026-01-05T09:00:00Z")
    }

    fn err(r: Result<Event>) -> String {
        r.unwrap_err().to_string()
    }

    fn new_forecast(period: &str, amount: &str) -> NewForecast {
        NewForecast {
            period: period.into(),
            amount: amount.into(),
            commit: None,
            best_case: None,
            pipeline: None,
            as_of: None,
            note: None,
        }
    }

    #[test]
    fn a_goal_must_be_a_period_and_an_amount_above_zero() {
        let s = state_with(1, vec![]);
        assert_eq!(
            goal(&s, "2026-Q1", "1.25M").unwrap(),
            Event::GoalSet { period: p("2026-Q1"), amount: Money(125_000_000) }
        );
        assert!(err(goal(&s, "2026-Q5", "1M")).starts_with("--period: '2026-Q5' is not a period"));
        assert!(err(goal(&s, "2026-Q1", "0")).starts_with("--amount: '0' is zero"));
        assert!(err(goal(&s, "2026-Q1", "12x")).starts_with("--amount: '12x' is not an amount"));
        assert!(err(goal(&s, "2026-Q1", "-5")).starts_with("--amount"));
    }

    #[test]
    fn a_goal_may_be_replaced_but_not_repeated() {
        let set = Event::GoalSet { period: p("2026-Q1"), amount: Money(100_000_000) };
        let s = state_with(1, vec![(set, "2026-01-02T09:00:00Z")]);
        assert!(goal(&s, "2026-Q1", "1.2M").is_ok());
        assert!(err(goal(&s, "2026-Q1", "1,000,000")).contains("already the goal for 2026-Q1 (record 2)"));
    }

    #[test]
    fn an_actual_needs_a_period_that_has_started() {
        let s = state_with(1, vec![]);
        let today = d("2026-01-05");
        assert!(actual(&s, "2025-12", "980k", today).is_ok());
        assert!(actual(&s, "2026-01", "0", today).is_ok(), "the month in progress and zero are real numbers");
        assert!(err(actual(&s, "2026-02", "1", today)).starts_with("--period: 2026-02 starts on 2026-02-01"));
        assert!(err(actual(&s, "2026-Q2", "1", today)).starts_with("--period"));
        assert!(err(actual(&s, "2025-12", "-1", today)).starts_with("--amount"));
        // With an April fiscal year, 2026-Q1 starts 2026-04-01.
        let april = state_with(4, vec![]);
        assert!(err(actual(&april, "2026-Q1", "1", today)).contains("starts on 2026-04-01"));
        assert!(actual(&april, "2025-Q4", "1", today).is_ok());
        let s = state_with(1, vec![actual_of("2025-12", 980_000)]);
        assert!(err(actual(&s, "2025-12", "980k", today)).contains("already the actual"));
    }

    #[test]
    fn a_forecast_keeps_commit_and_best_case_around_its_amount() {
        let s = state_with(1, vec![]);
        let today = d("2026-02-10");
        let full = NewForecast {
            commit: Some("900k".into()),
            best_case: Some("1.4M".into()),
            pipeline: Some("3M".into()),
            note: Some(" two big renewals ".into()),
            ..new_forecast("2026-Q1", "1.1M")
        };
        let e = forecast(&s, full, today).unwrap();
        assert_eq!(
            e,
            Event::ForecastSubmitted {
                period: p("2026-Q1"),
                amount: Money(110_000_000),
                commit: Some(Money(90_000_000)),
                best_case: Some(Money(140_000_000)),
                pipeline: Some(Money(300_000_000)),
                as_of: today,
                note: Some("two big renewals".into()),
            }
        );
        let over = NewForecast { commit: Some("1.2M".into()), ..new_forecast("2026-Q1", "1.1M") };
        assert!(err(forecast(&s, over, today)).starts_with("--commit: 1,200,000 is more than"));
        let under = NewForecast { best_case: Some("1M".into()), ..new_forecast("2026-Q1", "1.1M") };
        assert!(err(forecast(&s, under, today)).starts_with("--best-case: 1,000,000 is less than"));
        let equal = NewForecast {
            commit: Some("1.1M".into()),
            best_case: Some("1.1M".into()),
            ..new_forecast("2026-Q1", "1.1M")
        };
        assert!(forecast(&s, equal, today).is_ok());
        let pipeline = NewForecast { pipeline: Some("lots".into()), ..new_forecast("2026-Q1", "1M") };
        assert!(err(forecast(&s, pipeline, today)).starts_with("--pipeline"));
        let note = NewForecast { note: Some("  ".into()), ..new_forecast("2026-Q1", "1M") };
        assert!(err(forecast(&s, note, today)).starts_with("--note"));
    }

    #[test]
    fn a_forecast_is_as_of_a_day_within_its_period_and_not_in_the_future() {
        let s = state_with(1, vec![]);
        let today = d("2026-04-10");
        let at = |as_of: &str| NewForecast { as_of: Some(d(as_of)), ..new_forecast("2026-Q1", "1M") };
        assert!(forecast(&s, at("2026-03-31"), today).is_ok());
        assert!(forecast(&s, at("2025-12-01"), today).is_ok(), "before the period is a forecast");
        assert!(err(forecast(&s, at("2026-04-01"), today))
            .starts_with("--as-of: 2026-04-01 is after 2026-Q1 ended"));
        assert!(err(forecast(&s, new_forecast("2026-Q1", "1M"), today)).starts_with("--as-of"));
        assert!(err(forecast(&s, at("2026-04-11"), today)).starts_with("--as-of: 2026-04-11 is after today"));
        assert!(forecast(&s, new_forecast("2026-Q2", "1M"), today).is_ok());
    }

    #[test]
    fn a_quarter_without_its_own_actual_is_the_sum_of_its_months() {
        let s = state_with(4, vec![actual_of("2026-04", 100), actual_of("2026-05", 200)]);
        assert_eq!(actual_for(&s, p("2026-04")), Some((Money(10_000), vec![2])));
        assert_eq!(actual_for(&s, p("2026-Q1")), None, "June is missing");
        assert_eq!(actual_for(&s, p("2026-06")), None);
        let s = state_with(
            4,
            vec![actual_of("2026-04", 100), actual_of("2026-05", 200), actual_of("2026-06", 300)],
        );
        assert_eq!(actual_for(&s, p("2026-Q1")), Some((Money(60_000), vec![2, 3, 4])));
        assert_eq!(actual_for(&s, p("2026")), None, "the other nine months are missing");
        // A direct actual for the quarter wins over its months.
        let mut events =
            vec![actual_of("2026-04", 100), actual_of("2026-05", 200), actual_of("2026-06", 300)];
        events.push(actual_of("2026-Q1", 650));
        let s = state_with(4, events);
        assert_eq!(actual_for(&s, p("2026-Q1")), Some((Money(65_000), vec![5])));
    }

    #[test]
    fn a_year_is_the_sum_of_twelve_months_and_the_latest_actual_wins() {
        let months = (1..=12).map(|m| actual_of(&format!("2025-{m:02}"), 10)).collect();
        let mut s = state_with(1, months);
        assert_eq!(actual_for(&s, p("2025")).map(|(m, seqs)| (m, seqs.len())), Some((Money(12_000), 12)));
        let origin = Origin { seq: 14, recorded_at: Timestamp::parse("2026-01-06T09:00:00Z").unwrap() };
        s.apply(origin, "Lee", &Event::ActualRecorded { period: p("2025-03"), amount: Money(2_000) });
        assert_eq!(actual_for(&s, p("2025-Q1")), Some((Money(4_000), vec![2, 3, 14])));
    }

    #[test]
    fn the_actuals_list_shows_each_sum_after_its_last_month() {
        let s = state_with(
            1,
            vec![
                actual_of("2025-12", 5),
                actual_of("2026-01", 1),
                actual_of("2026-02", 2),
                actual_of("2026-03", 3),
                actual_of("2025-Q3", 40),
            ],
        );
        let rows = actual_rows(&s);
        let shown: Vec<(String, i64, bool)> =
            rows.iter().map(|r| (r.period.to_string(), r.amount.0 / 100, r.derived)).collect();
        assert_eq!(
            shown,
            vec![
                ("2025-Q3".into(), 40, false),
                ("2025-12".into(), 5, false),
                ("2026-01".into(), 1, false),
                ("2026-02".into(), 2, false),
                ("2026-03".into(), 3, false),
                ("2026-Q1".into(), 6, true),
            ]
        );
        assert_eq!(rows[5].seqs, vec![3, 4, 5]);
        assert_eq!(rows[5].recorded_on, None);
        assert_eq!(rows[0].recorded_on, Some(d("2026-01-05")));
    }

    #[test]
    fn a_forecast_recorded_more_than_a_week_after_its_date_is_backdated() {
        let f = |as_of: &str| {
            (
                Event::ForecastSubmitted {
                    period: p("2026-Q1"),
                    amount: Money(1),
                    commit: None,
                    best_case: None,
                    pipeline: None,
                    as_of: d(as_of),
                    note: None,
                },
                "2026-01-20T23:00:00Z",
            )
        };
        let s = state_with(1, vec![f("2026-01-13"), f("2026-01-12")]);
        assert!(!is_backdated(&s.forecasts[0]), "seven days later is on time");
        assert!(is_backdated(&s.forecasts[1]));
        assert_eq!(days_backdated(d("2026-01-13"), d("2026-01-20")), None);
        assert_eq!(days_backdated(d("2026-01-12"), d("2026-01-20")), Some(8));
        assert_eq!(s.forecasts[1].by, "Lee");
    }

    #[test]
    fn default_periods_follow_the_calendar_and_the_fiscal_year() {
        assert_eq!(last_complete_month(d("2026-01-05")), p("2025-12"));
        assert_eq!(last_complete_month(d("2026-07-31")), p("2026-06"));
        assert_eq!(current_quarter(d("2026-01-05"), 1), p("2026-Q1"));
        assert_eq!(current_quarter(d("2026-01-05"), 4), p("2025-Q4"));
    }
}
