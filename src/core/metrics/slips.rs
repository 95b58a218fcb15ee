//! Slips — "the numbers are always coming next quarter" (metrics.md §3).

use super::ratio;
use crate::core::money::Money;
use crate::core::period::Period;
use crate::core::state::{Deal, DealStatus, State};
use crate::core::time::Date;
use std::collections::BTreeMap;

/// One move of an open deal's expected close into a later quarter.
#[derive(Clone, Debug, PartialEq)]
pub struct Slip {
    pub deal: String,
    pub from: Period,
    pub to: Period,
    pub on: Date,
    pub seq: u64,
    pub amount: Money,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PeriodSlips {
    pub period: Period,
    /// Deals open on the first day with an expected close inside the period, with their amount then.
    pub expected_at_start: Vec<(String, Money)>,
    /// Those that did not close (won or lost) inside the period.
    pub not_closed: Vec<String>,
    pub slip_rate: Option<f64>,
    pub pushed_value: Money,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Audit {
    pub slips: Vec<Slip>,
    /// Closed quarters, oldest first.
    pub periods: Vec<PeriodSlips>,
    /// Deals with two or more slips, most slipped first: (id, slips).
    pub chronic: Vec<(String, usize)>,
    pub current_period: Period,
    /// Share of the current quarter's open pipeline value on deals that slipped before.
    pub recycled_share: Option<f64>,
}

/// Every slip of one deal, from its versions in record order.
pub fn slips_of(deal: &Deal, fiscal_start: u8) -> Vec<Slip> {
    let quarter = |d: Date| Period::quarter_of(d, fiscal_start);
    deal.versions
        .windows(2)
        .filter(|w| w[0].status == DealStatus::Open && quarter(w[1].close) > quarter(w[0].close))
        .map(|w| Slip {
            deal: deal.id.clone(),
            from: quarter(w[0].close),
            to: quarter(w[1].close),
            on: w[1].on,
            seq: w[1].seq,
            amount: w[1].amount,
        })
        .collect()
}

fn closed_within(deal: &Deal, first: Date, last: Date) -> bool {
    match deal.current().status {
        DealStatus::Won { on } | DealStatus::Lost { on, .. } => first <= on && on <= last,
        DealStatus::Open => false,
    }
}

pub fn audit(state: &State, at: Date) -> Audit {
    let fs = state.ledger.as_ref().map_or(1, |l| l.fiscal_year_start);
    let slips: Vec<Slip> = state.deals.values().flat_map(|d| slips_of(d, fs)).collect();
    let mut per_deal: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &slips {
        *per_deal.entry(s.deal.as_str()).or_default() += 1;
    }
    let mut chronic: Vec<(String, usize)> =
        per_deal.iter().filter(|(_, n)| **n >= 2).map(|(id, n)| (id.to_string(), *n)).collect();
    chronic.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));

    let current_period = Period::quarter_of(at, fs);
    let mut periods = Vec::new();
    if let Some(earliest) = state.deals.values().map(|d| d.opened_on).min() {
        let timelines: Vec<Timeline> = state.deals.values().map(Timeline::of).collect();
        let mut q = Period::quarter_of(earliest, fs);
        while q.last_day(fs) < at {
            periods.push(period_slips(&timelines, q, fs));
            q = Period::quarter_of(q.last_day(fs).add_days(1), fs);
        }
    }
    let (first, last) = (current_period.first_day(fs), current_period.last_day(fs));
    let open_now = state
        .deals
        .values()
        .filter(|d| d.is_open() && first <= d.current().close && d.current().close <= last);
    let (mut total, mut recycled) = (0i64, 0i64);
    for d in open_now {
        total += d.current().amount.0;
        if per_deal.contains_key(d.id.as_str()) {
            recycled += d.current().amount.0;
        }
    }
    Audit { slips, periods, chronic, current_period, recycled_share: ratio(recycled as f64, total as f64) }
}

/// A deal's versions in date order, so that its terms on any day are one
/// search away (a quarter-by-quarter look at thousands of deals).
struct Timeline<'a> {
    deal: &'a Deal,
    by_date: Vec<&'a crate::core::state::DealVersion>,
}

impl<'a> Timeline<'a> {
    fn of(deal: &'a Deal) -> Timeline<'a> {
        let mut by_date: Vec<_> = deal.versions.iter().collect();
        by_date.sort_by_key(|v| (v.on, v.seq));
        Timeline { deal, by_date }
    }

    /// `Deal::as_on`: the latest version dated on or before `date`.
    fn as_on(&self, date: Date) -> Option<&'a crate::core::state::DealVersion> {
        let n = self.by_date.partition_point(|v| v.on <= date);
        n.checked_sub(1).map(|i| self.by_date[i])
    }
}

fn period_slips(timelines: &[Timeline], period: Period, fs: u8) -> PeriodSlips {
    let (first, last) = (period.first_day(fs), period.last_day(fs));
    let mut expected = Vec::new();
    let mut not_closed = Vec::new();
    let mut pushed = 0i64;
    for timeline in timelines {
        let deal = timeline.deal;
        let Some(v) = timeline.as_on(first) else { continue };
        if v.status != DealStatus::Open || !(first <= v.close && v.close <= last) {
            continue;
        }
        expected.push((deal.id.clone(), v.amount));
        if !closed_within(deal, first, last) {
            not_closed.push(deal.id.clone());
            pushed += v.amount.0;
        }
    }
    PeriodSlips {
        period,
        slip_rate: ratio(not_closed.len() as f64, expected.len() as f64),
        expected_at_start: expected,
        not_closed,
        pushed_value: Money(pushed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::*;

    #[test]
    fn slips_rates_pushed_value_chronic_and_recycled() {
        let s = given(&[
            ("2025-12-10", opened("A", 100, "2026-03-20", "2025-12-10")),
            ("2025-12-10", opened("B", 50, "2026-03-25", "2025-12-10")),
            ("2026-01-05", opened("D", 70, "2026-03-25", "2026-01-05")), // opened in Q1: not expected at its start
            ("2026-03-01", won("B", "2026-03-01")),
            ("2026-03-02", won("D", "2026-03-02")),
            ("2026-03-25", moved("A", "2026-05-10", "2026-03-25")), // slip 1: Q1 → Q2
            ("2026-05-01", moved("A", "2026-05-30", "2026-05-01")), // same quarter: not a slip
            ("2026-06-20", moved("A", "2026-08-01", "2026-06-20")), // slip 2: Q2 → Q3
            ("2026-07-02", opened("C", 30, "2026-08-15", "2026-07-02")),
        ]);
        let a = audit(&s, d("2026-07-10"));
        assert_eq!(a.slips.len(), 2);
        assert_eq!((a.slips[0].from, a.slips[0].to), (period("2026-Q1"), period("2026-Q2")));
        assert_eq!(a.chronic, vec![("A".to_string(), 2)]);
        // Q1: A and B expected at the start; B closed inside, A did not.
        assert_eq!(a.periods[0].slip_rate, None);
        let q1 = &a.periods[1];
        assert_eq!(q1.period, period("2026-Q1"));
        assert_eq!(q1.expected_at_start.len(), 2);
        assert_eq!(q1.not_closed, vec!["A".to_string()]);
        assert_eq!((q1.slip_rate, q1.pushed_value), (Some(0.5), Money(100)));
        // Q2: A was expected in Q2 on April 1 and slipped again.
        assert_eq!(a.periods[2].slip_rate, Some(1.0));
        assert_eq!(a.periods.len(), 3, "Q4 2025 (nothing expected), Q1, Q2; Q3 has not closed");
        // Q3 pipeline: A (100, slipped) and C (30, new).
        assert_eq!(a.recycled_share, Some(100.0 / 130.0));
    }

    #[test]
    fn a_deal_moved_while_closed_or_pulled_in_does_not_slip() {
        let s = given(&[
            ("2026-01-05", opened("A", 100, "2026-05-20", "2026-01-05")),
            ("2026-01-06", moved("A", "2026-02-20", "2026-01-06")), // pulled in
        ]);
        assert!(audit(&s, d("2026-01-10")).slips.is_empty());
    }

    #[test]
    fn a_timeline_gives_the_terms_as_on_gives_even_for_backdated_versions() {
        let s = given(&[
            ("2026-01-05", opened("A", 100, "2026-05-20", "2026-01-05")),
            ("2026-02-10", moved("A", "2026-06-20", "2026-02-10")),
            ("2026-02-12", moved("A", "2026-07-20", "2026-01-20")), // dated back before the move above
            ("2026-03-01", moved("A", "2026-08-20", "2026-03-01")),
        ]);
        let deal = &s.deals["A"];
        let timeline = Timeline::of(deal);
        for day in [
            "2026-01-01",
            "2026-01-05",
            "2026-01-19",
            "2026-01-20",
            "2026-02-10",
            "2026-02-28",
            "2026-03-01",
            "2027-01-01",
        ] {
            assert_eq!(timeline.as_on(d(day)).map(|v| v.seq), deal.as_on(d(day)).map(|v| v.seq), "on {day}");
        }
    }
}
