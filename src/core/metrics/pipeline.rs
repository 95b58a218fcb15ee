//! Pipeline health (metrics.md §9): weekly flow, win rate, deal size, cycle
//! length, coverage of the remaining gap, and the mix by size band.

use super::actuals::actual_to_date;
use super::weeks::Week;
use super::{median, ratio};
use crate::core::bands;
use crate::core::money::Money;
use crate::core::period::Period;
use crate::core::state::{DealStatus, State};
use crate::core::time::Date;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct WeekFlow {
    pub week: Option<Week>,
    pub new_count: usize,
    pub new_value: i64,
    pub won_count: usize,
    pub won_value: i64,
    pub lost_count: usize,
    pub lost_value: i64,
}

impl WeekFlow {
    pub fn win_rate_by_count(&self) -> Option<f64> {
        ratio(self.won_count as f64, (self.won_count + self.lost_count) as f64)
    }

    pub fn win_rate_by_value(&self) -> Option<f64> {
        ratio(self.won_value as f64, (self.won_value + self.lost_value) as f64)
    }

    fn add(&mut self, other: &WeekFlow) {
        self.new_count += other.new_count;
        self.new_value += other.new_value;
        self.won_count += other.won_count;
        self.won_value += other.won_value;
        self.lost_count += other.lost_count;
        self.lost_value += other.lost_value;
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct BandMix {
    pub band: String,
    pub value: Money,
    pub share: Option<f64>,
    pub target_share: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Health {
    /// The last 13 complete weeks, oldest first.
    pub weeks: Vec<WeekFlow>,
    /// Sums over `weeks` only.
    pub totals: WeekFlow,
    /// The week holding the as-of day, so far: shown beside the complete
    /// weeks, in no total, rate, size or cycle figure.
    pub in_progress: WeekFlow,
    pub average_won_size: Option<f64>,
    /// Days from opened to won, over deals won in the window.
    pub cycle_days_mean: Option<f64>,
    pub cycle_days_median: Option<f64>,
    pub period: Period,
    pub goal: Option<Money>,
    pub actual_to_date: Money,
    pub remaining_gap: Option<Money>,
    /// Open pipeline expected to close in the period.
    pub open_in_period: Money,
    pub coverage: Option<f64>,
    pub mix: Vec<BandMix>,
}

pub fn health(state: &State, at: Date) -> Health {
    let fs = state.ledger.as_ref().map_or(1, |l| l.fiscal_year_start);
    let last = Week::last_complete_before(at);
    let first = Week::of(last.monday().add_days(-7 * 12));
    // The complete weeks, then the week in progress in the last slot.
    let mut weeks: Vec<WeekFlow> = first
        .through(Week::in_progress(at))
        .into_iter()
        .map(|w| WeekFlow { week: Some(w), ..WeekFlow::default() })
        .collect();
    let complete = weeks.len() - 1;
    let slot = |d: Date| weeks.iter().position(|w| w.week == Some(Week::of(d)));
    let mut cycles = Vec::new();
    let mut won_sizes = Vec::new();
    let mut updates: Vec<(usize, WeekFlow)> = Vec::new();
    for deal in state.deals.values() {
        let opening = &deal.versions[0];
        if let Some(i) = slot(deal.opened_on) {
            updates.push((i, WeekFlow { new_count: 1, new_value: opening.amount.0, ..WeekFlow::default() }));
        }
        let v = deal.current();
        match v.status {
            DealStatus::Won { on } => {
                if let Some(i) = slot(on) {
                    updates
                        .push((i, WeekFlow { won_count: 1, won_value: v.amount.0, ..WeekFlow::default() }));
                    if i < complete {
                        cycles.push((on.0 - deal.opened_on.0).num_days());
                        won_sizes.push(v.amount.0);
                    }
                }
            }
            DealStatus::Lost { on, .. } => {
                if let Some(i) = slot(on) {
                    updates
                        .push((i, WeekFlow { lost_count: 1, lost_value: v.amount.0, ..WeekFlow::default() }));
                }
            }
            DealStatus::Open => {}
        }
    }
    for (i, u) in updates {
        weeks[i].add(&u);
    }
    let in_progress = weeks.pop().unwrap_or_default();
    let mut totals = WeekFlow::default();
    for w in &weeks {
        totals.add(w);
    }
    let period = Period::quarter_of(at, fs);
    let goal = state.goals.get(&period).map(|f| f.value);
    let (actual, _) = actual_to_date(state, period);
    let remaining_gap = goal.map(|g| Money((g.0 - actual.0).max(0)));
    let (p_first, p_last) = (period.first_day(fs), period.last_day(fs));
    let open_in_period: i64 = state
        .deals
        .values()
        .filter(|d| d.is_open() && p_first <= d.current().close && d.current().close <= p_last)
        .map(|d| d.current().amount.0)
        .sum();
    let mut cycle_copy = cycles.clone();
    Health {
        average_won_size: ratio(won_sizes.iter().sum::<i64>() as f64, won_sizes.len() as f64),
        cycle_days_mean: ratio(cycles.iter().sum::<i64>() as f64, cycles.len() as f64),
        cycle_days_median: median(&mut cycle_copy),
        coverage: remaining_gap.and_then(|g| ratio(open_in_period as f64, g.0 as f64)),
        mix: mix(state),
        weeks,
        totals,
        in_progress,
        period,
        goal,
        actual_to_date: actual,
        remaining_gap,
        open_in_period: Money(open_in_period),
    }
}

/// Open pipeline value by size band against the agreed target mix.
fn mix(state: &State) -> Vec<BandMix> {
    if state.size_bands.is_empty() {
        return Vec::new();
    }
    let open: Vec<Money> = state.deals.values().filter(|d| d.is_open()).map(|d| d.current().amount).collect();
    let total: i64 = open.iter().map(|m| m.0).sum();
    bands::mix(&state.size_bands, open)
        .into_iter()
        .map(|m| BandMix {
            band: m.band.map_or_else(|| "below bands".to_string(), |b| b.name.clone()),
            value: m.amount,
            share: ratio(m.amount.0 as f64, total as f64),
            target_share: m.band.and_then(|b| b.target_share_bp).map(|bp| f64::from(bp) / 10_000.0),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::{Event, SizeBand};
    use crate::core::testing::*;

    #[test]
    fn flow_win_rate_cycle_coverage_and_mix() {
        let bands = vec![
            SizeBand { name: "large".into(), min: Money(500), target_share_bp: Some(4_000) },
            SizeBand { name: "mid".into(), min: Money(100), target_share_bp: Some(6_000) },
        ];
        let s = given(&[
            ("2026-01-05", Event::SizeBandsSet { bands }),
            ("2026-01-05", Event::GoalSet { period: period("2026-Q1"), amount: Money(2_000) }),
            ("2026-01-05", opened("A", 600, "2026-03-20", "2026-01-05")),
            ("2026-01-06", opened("B", 200, "2026-03-20", "2026-01-06")),
            ("2026-01-13", opened("C", 300, "2026-02-20", "2026-01-13")),
            ("2026-01-13", opened("D", 50, "2026-03-02", "2026-01-13")),
            ("2026-01-23", won("C", "2026-01-23")),
            ("2026-01-30", lost("D", "2026-01-30")),
            ("2026-02-01", Event::ActualRecorded { period: period("2026-01"), amount: Money(300) }),
        ]);
        let h = health(&s, d("2026-02-04"));
        assert_eq!(h.weeks.len(), 13);
        assert_eq!((h.totals.new_count, h.totals.new_value), (4, 1_150));
        assert_eq!(h.totals.win_rate_by_count(), Some(0.5));
        assert_eq!(h.totals.win_rate_by_value(), Some(300.0 / 350.0));
        assert_eq!(h.cycle_days_mean, Some(10.0));
        assert_eq!(h.remaining_gap, Some(Money(1_700)));
        assert_eq!(h.open_in_period, Money(800));
        assert_eq!(h.coverage, Some(800.0 / 1_700.0));
        assert_eq!(h.mix[0].band, "large");
        assert_eq!(h.mix[0].share, Some(600.0 / 800.0));
        assert_eq!(h.mix[1].target_share, Some(0.6));
        assert_eq!(bands::band_of(&s.size_bands, Money(99)), None);
    }

    /// What happens in the week holding the as-of day is shown apart and
    /// moves no figure over the complete weeks.
    #[test]
    fn the_week_in_progress_is_apart_from_the_complete_weeks() {
        let s = given(&[
            ("2026-01-06", opened("A", 600, "2026-03-20", "2026-01-06")), // W02
            ("2026-01-13", opened("B", 200, "2026-03-20", "2026-01-13")), // W03
            ("2026-01-20", won("A", "2026-01-20")),                       // W04
            ("2026-01-27", opened("C", 300, "2026-03-20", "2026-01-27")), // W05
            ("2026-01-28", won("B", "2026-01-28")),                       // W05
        ]);
        let monday = health(&s, d("2026-01-26")); // W05 begins: W02..W04 complete
        let friday = health(&s, d("2026-01-30"));
        assert_eq!(friday.weeks, monday.weeks);
        assert_eq!(friday.totals, monday.totals);
        assert_eq!((friday.average_won_size, friday.cycle_days_mean), (Some(600.0), Some(14.0)));
        assert_eq!((monday.average_won_size, monday.cycle_days_mean), (Some(600.0), Some(14.0)));
        let w = &friday.in_progress;
        assert_eq!(w.week.map(|x| x.to_string()), Some("2026-W05".into()));
        assert_eq!((w.new_count, w.new_value, w.won_count, w.won_value), (1, 300, 1, 200));
        // The Monday after, W05 is a complete week and counts.
        let next = health(&s, d("2026-02-02"));
        assert_eq!(next.weeks.last(), Some(w));
        assert_eq!((next.totals.new_count, next.totals.won_count), (3, 2));
        assert_eq!(next.in_progress.new_count, 0);
    }
}
