//! Pipeline hygiene (metrics.md § 10.4): silence is not good news. An open
//! deal whose close date has passed is overdue from the next day; a deal
//! with no record for `stale_days` is stale.

use super::ratio;
use super::thresholds::threshold;
use crate::core::money::Money;
use crate::core::period::Period;
use crate::core::state::{Deal, DealStatus, DealVersion, State};
use crate::core::time::Date;

/// Days without a record after which an open deal is stale (a threshold).
pub const STALE_DAYS: i64 = 21;

#[derive(Clone, Debug, PartialEq)]
pub struct Aged {
    pub id: String,
    pub account: String,
    pub amount: Money,
    pub close: Date,
    pub stage: Option<String>,
    pub probability: Option<u8>,
    /// Days since the close date passed (1 on the first overdue day).
    pub days_overdue: Option<i64>,
    /// Days since the deal's latest record was written.
    pub days_since_record: i64,
    pub stale: bool,
    /// The deal's latest record.
    pub seq: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Hygiene {
    pub period: Period,
    pub stale_days: i64,
    /// Open deals expected to close by the period's end (overdue ones included).
    pub open_value: Money,
    /// Of which overdue or stale (each deal counted once).
    pub flagged_value: Money,
    /// `flagged_value / open_value`.
    pub share: Option<f64>,
    /// Overdue deals, most overdue first.
    pub overdue: Vec<Aged>,
    /// Stale deals, longest silent first.
    pub stale: Vec<Aged>,
}

/// The stale-days threshold in force (its green level, in days).
pub fn stale_days(state: &State) -> i64 {
    threshold(state, "stale_days").map_or(STALE_DAYS, |t| t.green.round() as i64)
}

/// The deal as its records written by `at` show it, if it was open then
/// (so the dashboard's weekly trend reads each week as it was).
fn aged(deal: &Deal, at: Date, stale_days: i64) -> Option<Aged> {
    let known: Vec<&DealVersion> = deal.versions.iter().filter(|v| v.recorded <= at).collect();
    let now = *known.iter().max_by_key(|v| v.seq)?;
    if now.status != DealStatus::Open {
        return None;
    }
    let last = known.iter().map(|v| v.recorded).max().unwrap_or(now.recorded);
    let days_since_record = (at.0 - last.0).num_days();
    Some(Aged {
        id: deal.id.clone(),
        account: deal.account.clone(),
        amount: now.amount,
        close: now.close,
        stage: now.stage.as_deref().map(str::to_string),
        probability: now.probability,
        days_overdue: (now.close < at).then(|| (at.0 - now.close.0).num_days()),
        days_since_record,
        stale: days_since_record >= stale_days,
        seq: now.seq,
    })
}

/// Hygiene of the quarter holding `at`.
pub fn hygiene(state: &State, at: Date) -> Hygiene {
    let fs = state.ledger.as_ref().map_or(1, |l| l.fiscal_year_start);
    let period = Period::quarter_of(at, fs);
    let last = period.last_day(fs);
    let days = stale_days(state);
    let open: Vec<Aged> = state.deals.values().filter_map(|d| aged(d, at, days)).collect();
    let in_focus = open.iter().filter(|a| a.close <= last);
    let (mut open_value, mut flagged_value) = (0i64, 0i64);
    for a in in_focus {
        open_value += a.amount.0;
        if a.stale || a.days_overdue.is_some() {
            flagged_value += a.amount.0;
        }
    }
    let mut overdue: Vec<Aged> = open.iter().filter(|a| a.days_overdue.is_some()).cloned().collect();
    overdue.sort_by(|a, b| b.days_overdue.cmp(&a.days_overdue).then_with(|| a.id.cmp(&b.id)));
    let mut stale: Vec<Aged> = open.into_iter().filter(|a| a.stale).collect();
    stale.sort_by(|a, b| b.days_since_record.cmp(&a.days_since_record).then_with(|| a.id.cmp(&b.id)));
    Hygiene {
        period,
        stale_days: days,
        open_value: Money(open_value),
        flagged_value: Money(flagged_value),
        share: ratio(flagged_value as f64, open_value as f64),
        overdue,
        stale,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::Event;
    use crate::core::testing::{d, given, opened};

    #[test]
    fn overdue_and_stale_deals_and_the_share_of_the_pipeline_they_hold() {
        let s = given(&[
            // A: 600 due Mar 2, never touched again: overdue and stale.
            ("2026-01-05", opened("A", 600, "2026-03-02", "2026-01-05")),
            // B: 300 due Mar 25, touched Mar 1: neither.
            ("2026-01-05", opened("B", 300, "2026-03-25", "2026-01-05")),
            (
                "2026-03-01",
                Event::DealRiskFlagged { id: "B".into(), reason: "budget".into(), on: d("2026-03-01") },
            ),
            // C: 100 due Mar 31, last record Jan 5: stale only.
            ("2026-01-05", opened("C", 100, "2026-03-31", "2026-01-05")),
            // D: 1,000 due in Q2: outside the focus quarter's share, listed if stale.
            ("2026-03-01", opened("D", 1_000, "2026-05-01", "2026-03-01")),
        ]);
        let h = hygiene(&s, d("2026-03-10"));
        // A overdue from Mar 3: on Mar 10, 8 days. A and C silent since Jan 5: 64 days ≥ 21.
        assert_eq!(
            h.overdue.iter().map(|a| (a.id.as_str(), a.days_overdue)).collect::<Vec<_>>(),
            [("A", Some(8))]
        );
        assert_eq!(
            h.stale.iter().map(|a| (a.id.as_str(), a.days_since_record)).collect::<Vec<_>>(),
            [("A", 64), ("C", 64)]
        );
        // Share: (A 600 + C 100) / (600 + 300 + 100) = 0.7.
        assert_eq!((h.open_value, h.flagged_value, h.share), (Money(1_000), Money(700), Some(0.7)));
        // On its close date a deal is not yet overdue; on the next day it is.
        let h = hygiene(&s, d("2026-03-02"));
        assert!(h.overdue.is_empty());
        assert_eq!(hygiene(&s, d("2026-03-03")).overdue[0].days_overdue, Some(1));
        // 20 days after its last record a deal is not stale; at 21 it is.
        assert!(hygiene(&s, d("2026-03-21")).stale.iter().all(|a| a.id != "B"));
        assert!(hygiene(&s, d("2026-03-22")).stale.iter().any(|a| a.id == "B"));
    }
}
