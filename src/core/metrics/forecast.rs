//! Forecast accuracy and bias (metrics.md §1): the CEO's audit.

use super::actuals::actual_for;
pub use super::granularity::Granularity;
use super::ratio;
use crate::core::money::Money;
use crate::core::period::Period;
use crate::core::state::{Forecast, State};
use crate::core::time::Date;
use std::collections::BTreeMap;

/// A forecast recorded more than this many days after its as-of date is backdated.
pub const BACKDATED_AFTER_DAYS: i64 = 7;

#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub include_backdated: bool,
    /// Adds the point `end(P) − 7N days`.
    pub weeks_before: Option<u32>,
    /// Which periods are scored; the others are not listed (§ 10.2).
    pub granularity: Granularity,
}

/// One forecast as listed under its period.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub seq: u64,
    pub as_of: Date,
    pub amount: Money,
    pub by: String,
    pub backdated: bool,
}

/// A reference forecast scored against the actual (None where no actual).
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub seq: u64,
    pub as_of: Date,
    pub amount: Money,
    pub error: Option<i64>,
    pub abs_pct_error: Option<f64>,
    pub accuracy: Option<f64>,
    pub bias: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PeriodAudit {
    pub period: Period,
    pub first_day: Date,
    pub last_day: Date,
    pub actual: Option<Money>,
    pub actual_seqs: Vec<u64>,
    /// Scored: an actual is known and above zero.
    pub scored: bool,
    pub forecasts: Vec<Row>,
    pub at_start: Option<Point>,
    pub at_mid: Option<Point>,
    pub final_: Option<Point>,
    pub weeks_before: Option<Point>,
    /// (week end, standing forecast's point) through the period.
    pub weekly: Vec<(Date, Option<Point>)>,
    /// The commit in force at the period's last day and whether the actual
    /// reached it (None until scored).
    pub commit: Option<Commit>,
}

/// The latest `commit` among the scored forecasts as of the period's end.
#[derive(Clone, Debug, PartialEq)]
pub struct Commit {
    pub seq: u64,
    pub amount: Money,
    pub hit: Option<bool>,
}

/// Figures across scored periods at one reference point.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Aggregate {
    pub periods: usize,
    pub wape: Option<f64>,
    pub bias: Option<f64>,
    pub within_5pct: Option<f64>,
    pub within_10pct: Option<f64>,
    pub normalized_bias: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Audit {
    pub granularity: Granularity,
    /// Whose forecasts the reference points and summary score.
    pub scored_by: Option<String>,
    pub periods: Vec<PeriodAudit>,
    pub periods_scored: usize,
    pub at_start: Aggregate,
    pub at_mid: Aggregate,
    pub final_: Aggregate,
    pub weeks_before: Option<Aggregate>,
    /// `embellishment` or `sandbagging` (final point, 3+ scored periods).
    pub flag: Option<&'static str>,
    /// Final-point figures for the last four scored periods and the four before.
    pub trend_recent: Aggregate,
    pub trend_previous: Aggregate,
    /// Share of scored periods with a commit where actual ≥ commit.
    pub commit_hit_rate: Option<f64>,
    pub commit_periods: usize,
    /// The same figures for each forecaster on their own forecasts only.
    pub forecasters: Vec<Forecaster>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Forecaster {
    pub by: String,
    pub audit: Audit,
}

pub fn is_backdated(f: &Forecast) -> bool {
    (f.origin.recorded_at.date().0 - f.as_of.0).num_days() > BACKDATED_AFTER_DAYS
}

/// The sales leader's forecast for `period` standing at `x` (backdated
/// ones left out): what the ceiling check and the brief's forecast line read.
pub fn leader_standing(state: &State, period: Period, x: Date) -> Option<&Forecast> {
    let leader: Vec<&Forecast> =
        state.forecasts.iter().filter(|f| f.period == period && f.by_leader && !is_backdated(f)).collect();
    standing(&leader, x)
}

/// The forecast standing at `x`: the latest usable one with as-of ≤ x
/// (ties: the later record wins).
fn standing<'a>(forecasts: &[&'a Forecast], x: Date) -> Option<&'a Forecast> {
    forecasts.iter().copied().filter(|f| f.as_of <= x).max_by_key(|f| (f.as_of, f.origin.seq))
}

fn point(f: &Forecast, actual: Option<Money>) -> Point {
    let scored = actual.filter(|a| a.0 > 0);
    let (error, ape, accuracy, bias) = match scored {
        Some(a) => {
            let e = f.amount.0 - a.0;
            let ape = e.unsigned_abs() as f64 / a.0 as f64;
            (Some(e), Some(ape), Some((1.0 - ape).max(0.0)), Some(e as f64 / a.0 as f64))
        }
        None => (actual.map(|a| f.amount.0 - a.0), None, None, None),
    };
    Point { seq: f.origin.seq, as_of: f.as_of, amount: f.amount, error, abs_pct_error: ape, accuracy, bias }
}

/// The audit of the sales leader's forecasts (a CEO's forecast never stands
/// in for the leader's), with every forecaster scored on their own beside it.
pub fn audit(state: &State, options: Options) -> Audit {
    let mut a = score(state, options, &|f: &Forecast| f.by_leader);
    a.scored_by = state.ledger.as_ref().map(|l| l.leader.clone());
    let mut names: Vec<&str> = state
        .forecasts
        .iter()
        .filter(|f| Granularity::of(f.period) == options.granularity)
        .map(|f| f.by.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    a.forecasters = names
        .into_iter()
        .map(|name| {
            let mut audit = score(state, options, &|f: &Forecast| f.by == name);
            audit.scored_by = Some(name.to_string());
            Forecaster { by: name.to_string(), audit }
        })
        .collect();
    a
}

/// Every period of the chosen granularity, scored on the forecasts `whose` keeps.
fn score(state: &State, options: Options, whose: &dyn Fn(&Forecast) -> bool) -> Audit {
    let fiscal_start = state.ledger.as_ref().map_or(1, |l| l.fiscal_year_start);
    let mut by_period: BTreeMap<(Date, Period), Vec<&Forecast>> = BTreeMap::new();
    for f in state.forecasts.iter().filter(|f| Granularity::of(f.period) == options.granularity) {
        by_period.entry((f.period.first_day(fiscal_start), f.period)).or_default().push(f);
    }
    let periods: Vec<PeriodAudit> = by_period
        .into_iter()
        .map(|((first, period), forecasts)| audit_period(state, period, first, &forecasts, whose, options))
        .collect();
    let scored: Vec<&PeriodAudit> = periods.iter().filter(|p| p.scored).collect();
    let final_ = aggregate(&scored, |p| p.final_.as_ref());
    // Counted over periods that have both an actual and a forecast.
    let flag = match (final_.periods >= 3, final_.normalized_bias) {
        (true, Some(nb)) if nb >= 0.6 => Some("embellishment"),
        (true, Some(nb)) if nb <= -0.6 => Some("sandbagging"),
        _ => None,
    };
    let hits: Vec<bool> = scored.iter().filter_map(|p| p.commit.as_ref()?.hit).collect();
    let n = scored.len();
    let recent = &scored[n.saturating_sub(4)..];
    let previous = &scored[n.saturating_sub(8)..n.saturating_sub(4)];
    Audit {
        granularity: options.granularity,
        scored_by: None,
        periods_scored: n,
        at_start: aggregate(&scored, |p| p.at_start.as_ref()),
        at_mid: aggregate(&scored, |p| p.at_mid.as_ref()),
        weeks_before: options.weeks_before.map(|_| aggregate(&scored, |p| p.weeks_before.as_ref())),
        final_,
        flag,
        trend_recent: aggregate(recent, |p| p.final_.as_ref()),
        trend_previous: aggregate(previous, |p| p.final_.as_ref()),
        commit_hit_rate: ratio(hits.iter().filter(|h| **h).count() as f64, hits.len() as f64),
        commit_periods: hits.len(),
        forecasters: Vec::new(),
        periods,
    }
}

fn audit_period(
    state: &State,
    period: Period,
    first: Date,
    all: &[&Forecast],
    whose: &dyn Fn(&Forecast) -> bool,
    options: Options,
) -> PeriodAudit {
    let fiscal_start = state.ledger.as_ref().map_or(1, |l| l.fiscal_year_start);
    let last = period.last_day(fiscal_start);
    let (actual, actual_seqs) = match actual_for(state, period) {
        Some((a, seqs)) => (Some(a), seqs),
        None => (None, Vec::new()),
    };
    let usable: Vec<&Forecast> =
        all.iter().copied().filter(|f| whose(f) && (options.include_backdated || !is_backdated(f))).collect();
    let days = (last.0 - first.0).num_days() + 1;
    let mid = first.add_days(days / 2);
    let at_start = standing(&usable, first).or_else(|| {
        // None standing on day one: the earliest made within the first 7 days.
        usable.iter().copied().filter(|f| f.as_of < first.add_days(7)).min_by_key(|f| (f.as_of, f.origin.seq))
    });
    let at = |x: Date| standing(&usable, x).map(|f| point(f, actual));
    let mut weekly = Vec::new();
    let mut week_end =
        first.add_days((6 - i64::from(chrono::Datelike::weekday(&first.0).num_days_from_monday())) % 7);
    while week_end < last {
        weekly.push((week_end, at(week_end)));
        week_end = week_end.add_days(7);
    }
    weekly.push((last, at(last)));
    let scored = actual.is_some_and(|a| a.0 > 0);
    let commit = usable
        .iter()
        .filter(|f| f.as_of <= last)
        .filter_map(|f| Some((f.as_of, f.origin.seq, f.commit?)))
        .max()
        .map(|(_, seq, amount)| Commit { seq, amount, hit: actual.filter(|_| scored).map(|a| a >= amount) });
    PeriodAudit {
        period,
        first_day: first,
        last_day: last,
        scored,
        actual,
        actual_seqs,
        forecasts: all
            .iter()
            .map(|f| Row {
                seq: f.origin.seq,
                as_of: f.as_of,
                amount: f.amount,
                by: f.by.clone(),
                backdated: is_backdated(f),
            })
            .collect(),
        at_start: at_start.map(|f| point(f, actual)),
        at_mid: at(mid),
        final_: at(last),
        weeks_before: options.weeks_before.and_then(|n| at(last.add_days(-7 * i64::from(n)))),
        weekly,
        commit,
    }
}

fn aggregate(periods: &[&PeriodAudit], pick: impl Fn(&PeriodAudit) -> Option<&Point>) -> Aggregate {
    let pairs: Vec<(i64, i64)> = periods
        .iter()
        .filter_map(|p| Some((pick(p)?.amount.0, p.actual?.0)))
        .filter(|(_, a)| *a > 0)
        .collect();
    if pairs.is_empty() {
        return Aggregate::default();
    }
    let sum_actual: f64 = pairs.iter().map(|(_, a)| *a as f64).sum();
    let sum_abs: f64 = pairs.iter().map(|(f, a)| (f - a).unsigned_abs() as f64).sum();
    let sum_err: f64 = pairs.iter().map(|(f, a)| (f - a) as f64).sum();
    // |F − A| / A ≤ 1/k, in integers so that exactly 10 % counts as within.
    let share_within = |k: u128| {
        let n = pairs.iter().filter(|(f, a)| u128::from((f - a).unsigned_abs()) * k <= *a as u128).count();
        Some(n as f64 / pairs.len() as f64)
    };
    Aggregate {
        periods: pairs.len(),
        wape: ratio(sum_abs, sum_actual),
        bias: ratio(sum_err, sum_actual),
        within_5pct: share_within(20),
        within_10pct: share_within(10),
        normalized_bias: ratio(sum_err, sum_abs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::Event;
    use crate::core::state::Origin;
    use crate::core::testing::{d, given};
    use crate::core::Timestamp;

    fn fc(period: &str, amount: i64, as_of: &str) -> Event {
        Event::ForecastSubmitted {
            period: Period::parse(period).unwrap(),
            amount: Money(amount),
            commit: None,
            best_case: None,
            pipeline: None,
            as_of: d(as_of),
            note: None,
        }
    }

    const MONTHS: Options =
        Options { include_backdated: false, weeks_before: None, granularity: Granularity::Month };

    fn with_commit(period: &str, amount: i64, commit: i64, as_of: &str) -> Event {
        match fc(period, amount, as_of) {
            Event::ForecastSubmitted { period, amount, best_case, pipeline, as_of, note, .. } => {
                Event::ForecastSubmitted {
                    period,
                    amount,
                    commit: Some(Money(commit)),
                    best_case,
                    pipeline,
                    as_of,
                    note,
                }
            }
            other => other,
        }
    }

    /// `event` recorded on `date` by `actor`, as record `seq`.
    fn by(s: &mut State, seq: u64, date: &str, actor: &str, event: &Event) {
        let origin = Origin { seq, recorded_at: Timestamp::parse(&format!("{date}T12:00:00Z")).unwrap() };
        s.apply(origin, actor, event);
    }

    fn actual(period: &str, amount: i64) -> Event {
        Event::ActualRecorded { period: Period::parse(period).unwrap(), amount: Money(amount) }
    }

    #[test]
    fn reference_points_errors_and_ties() {
        // Q1 2026 (90 days): midpoint = Jan 1 + 45 = Feb 15.
        let s = given(&[
            ("2025-12-20", fc("2026-Q1", 1_200, "2025-12-20")), // seq 2: standing at start
            ("2026-02-15", fc("2026-Q1", 1_100, "2026-02-15")), // seq 3: as of the midpoint
            ("2026-02-15", fc("2026-Q1", 1_050, "2026-02-15")), // seq 4: same as-of, later record wins
            ("2026-03-30", fc("2026-Q1", 990, "2026-03-30")),   // seq 5: final
            ("2026-04-03", actual("2026-Q1", 1_000)),
        ]);
        let a = audit(&s, Options::default());
        let p = &a.periods[0];
        assert_eq!(p.actual, Some(Money(1_000)));
        assert_eq!(p.at_start.as_ref().unwrap().seq, 2);
        let mid = p.at_mid.as_ref().unwrap();
        assert_eq!((mid.seq, mid.error), (4, Some(50)));
        let fin = p.final_.as_ref().unwrap();
        assert_eq!((fin.seq, fin.error), (5, Some(-10)));
        assert!((fin.abs_pct_error.unwrap() - 0.01).abs() < 1e-12);
        assert!((fin.accuracy.unwrap() - 0.99).abs() < 1e-12);
        assert!((fin.bias.unwrap() + 0.01).abs() < 1e-12);
        let start = p.at_start.as_ref().unwrap();
        assert!((start.accuracy.unwrap() - 0.8).abs() < 1e-12); // |1200-1000|/1000 = 0.2
        assert_eq!(a.final_.within_5pct, Some(1.0));
    }

    #[test]
    fn no_actual_or_a_zero_actual_is_listed_but_not_scored() {
        let s = given(&[
            ("2026-01-02", fc("2026-Q1", 500, "2026-01-02")),
            ("2026-01-02", fc("2026-Q2", 700, "2026-01-02")),
        ]);
        let s = {
            let mut s = s;
            let origin = Origin { seq: 10, recorded_at: Timestamp::parse("2026-07-02T00:00:00Z").unwrap() };
            s.apply(origin, "Lee", &actual("2026-Q2", 0));
            s
        };
        let a = audit(&s, Options::default());
        assert_eq!(a.periods.len(), 2);
        assert_eq!(a.periods_scored, 0);
        assert!(a.periods[0].final_.as_ref().unwrap().accuracy.is_none());
        assert_eq!(a.periods[1].final_.as_ref().unwrap().error, Some(700));
        assert_eq!(a.final_.wape, None);
    }

    #[test]
    fn backdated_forecasts_are_marked_and_excluded_unless_included() {
        // Written on Apr 2 as of Mar 20: 13 days later, after the quarter closed.
        let s = given(&[
            ("2026-01-05", fc("2026-Q1", 2_000, "2026-01-05")),
            ("2026-04-02", fc("2026-Q1", 1_010, "2026-03-20")),
            ("2026-04-03", actual("2026-Q1", 1_000)),
        ]);
        let a = audit(&s, Options::default());
        assert!(a.periods[0].forecasts[1].backdated);
        assert_eq!(a.periods[0].final_.as_ref().unwrap().amount, Money(2_000));
        let b = audit(&s, Options { include_backdated: true, ..Options::default() });
        assert_eq!(b.periods[0].final_.as_ref().unwrap().amount, Money(1_010));
    }

    #[test]
    fn at_start_falls_back_to_the_first_week_and_quarters_sum_their_months() {
        let s = given(&[
            ("2026-01-06", fc("2026-Q1", 900, "2026-01-06")),
            ("2026-01-20", fc("2026-Q1", 950, "2026-01-20")),
            ("2026-02-01", actual("2026-01", 300)),
            ("2026-03-01", actual("2026-02", 300)),
        ]);
        let a = audit(&s, Options::default());
        assert_eq!(a.periods[0].at_start.as_ref().unwrap().amount, Money(900));
        assert_eq!(a.periods[0].actual, None, "March has no actual yet");
        let mut s = s;
        s.apply(
            Origin { seq: 20, recorded_at: Timestamp::parse("2026-04-01T00:00:00Z").unwrap() },
            "Lee",
            &actual("2026-03", 400),
        );
        let a = audit(&s, Options::default());
        assert_eq!(a.periods[0].actual, Some(Money(1_000)));
        assert_eq!(a.periods[0].actual_seqs.len(), 3);
        // A forecast first made after day 7 gives no start point.
        let late = given(&[("2026-01-09", fc("2026-Q1", 900, "2026-01-09"))]);
        assert!(audit(&late, Options::default()).periods[0].at_start.is_none());
    }

    #[test]
    fn aggregates_wape_bias_and_the_embellishment_flag() {
        let s = given(&[
            ("2026-01-30", fc("2026-01", 110, "2026-01-30")),
            ("2026-02-01", actual("2026-01", 100)),
            ("2026-02-27", fc("2026-02", 130, "2026-02-27")),
            ("2026-03-01", actual("2026-02", 100)),
            ("2026-03-30", fc("2026-03", 95, "2026-03-30")),
            ("2026-04-01", actual("2026-03", 100)),
        ]);
        // Monthly forecasts: the flag fires after three scored months.
        let a = audit(&s, MONTHS);
        // errors +10, +30, -5 over actuals 300: WAPE 45/300, bias 35/300, NB 35/45.
        assert!((a.final_.wape.unwrap() - 0.15).abs() < 1e-12);
        assert!((a.final_.bias.unwrap() - 35.0 / 300.0).abs() < 1e-12);
        assert!((a.final_.normalized_bias.unwrap() - 35.0 / 45.0).abs() < 1e-12);
        assert_eq!(a.final_.within_10pct, Some(2.0 / 3.0)); // exactly 10 % counts
        assert_eq!(a.flag, Some("embellishment"));
        assert_eq!(a.trend_recent.periods, 3);
        assert_eq!(a.trend_previous.periods, 0);
    }

    #[test]
    fn a_ceo_forecast_between_the_leaders_never_stands_in_for_them() {
        // Leader Lee: Q1 1,000 as of Jan 2 and as of Mar 20. CEO Dana: her own
        // view, 700 as of Mar 27 — the latest forecast before the quarter ends.
        let mut s = given(&[
            ("2026-01-02", fc("2026-Q1", 1_000, "2026-01-02")),
            ("2026-03-20", fc("2026-Q1", 1_000, "2026-03-20")),
        ]);
        by(&mut s, 4, "2026-03-27", "Dana", &fc("2026-Q1", 700, "2026-03-27"));
        by(&mut s, 5, "2026-04-02", "Dana", &actual("2026-Q1", 1_000));
        let a = audit(&s, Options::default());
        // Lee's final is his own 1,000: error 0, not 700 − 1,000 = −30 %.
        assert_eq!(a.scored_by.as_deref(), Some("Lee"));
        let fin = a.periods[0].final_.as_ref().unwrap();
        assert_eq!((fin.seq, fin.error), (3, Some(0)));
        assert_eq!((a.final_.wape, a.final_.bias), (Some(0.0), Some(0.0)));
        // Every forecast stays listed, and each forecaster is scored on their own.
        assert_eq!(a.periods[0].forecasts.len(), 3);
        let names: Vec<&str> = a.forecasters.iter().map(|f| f.by.as_str()).collect();
        assert_eq!(names, ["Dana", "Lee"]);
        assert_eq!(a.forecasters[0].audit.final_.bias, Some(-0.3)); // (700 − 1,000) / 1,000
        assert_eq!(a.forecasters[1].audit.final_.bias, Some(0.0));
    }

    #[test]
    fn months_and_quarters_are_scored_apart_never_summed() {
        // Months 120 / 100 / 100 against 100 each; the quarter 300 against 300.
        let s = given(&[
            ("2026-01-02", fc("2026-Q1", 300, "2026-01-02")),
            ("2026-01-02", fc("2026-01", 120, "2026-01-02")),
            ("2026-02-02", fc("2026-02", 100, "2026-02-02")),
            ("2026-03-02", fc("2026-03", 100, "2026-03-02")),
            ("2026-02-01", actual("2026-01", 100)),
            ("2026-03-01", actual("2026-02", 100)),
            ("2026-04-01", actual("2026-03", 100)),
        ]);
        // Quarter: |300 − 300| / 300 = 0 over 1 period (the months are not listed).
        let q = audit(&s, Options::default());
        assert_eq!((q.granularity, q.periods.len(), q.final_.periods), (Granularity::Quarter, 1, 1));
        assert_eq!(q.final_.wape, Some(0.0));
        // Month: (20 + 0 + 0) / 300. Summed together it would read 20 / 600: the
        // same revenue counted twice halves the error.
        let m = audit(&s, MONTHS);
        assert_eq!((m.periods.len(), m.final_.periods), (3, 3));
        assert!((m.final_.wape.unwrap() - 20.0 / 300.0).abs() < 1e-12);
    }

    #[test]
    fn commit_is_scored_as_a_hit_rate() {
        // Q1 commit 900, actual 1,000: hit. Q2 commit 1,200 (a later commit
        // replaces 800), actual 1,100: missed. Q3: no commit, not counted.
        let s = given(&[
            ("2026-01-02", with_commit("2026-Q1", 1_100, 900, "2026-01-02")),
            ("2026-04-01", actual("2026-Q1", 1_000)),
            ("2026-04-02", with_commit("2026-Q2", 1_300, 800, "2026-04-02")),
            ("2026-05-04", with_commit("2026-Q2", 1_300, 1_200, "2026-05-04")),
            ("2026-05-05", fc("2026-Q2", 1_250, "2026-05-05")),
            ("2026-07-01", actual("2026-Q2", 1_100)),
            ("2026-07-02", fc("2026-Q3", 1_000, "2026-07-02")),
            ("2026-10-01", actual("2026-Q3", 900)),
        ]);
        let a = audit(&s, Options::default());
        let commits: Vec<_> =
            a.periods.iter().map(|p| p.commit.as_ref().map(|c| (c.amount.0, c.hit))).collect();
        assert_eq!(commits, [Some((900, Some(true))), Some((1_200, Some(false))), None]);
        assert_eq!((a.commit_hit_rate, a.commit_periods), (Some(0.5), 2)); // 1 of 2
    }
}
