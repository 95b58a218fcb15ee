//! Bad news early (metrics.md §4): were losses and slips flagged at risk
//! at least a day before they happened?

use super::{median, ratio, slips::slips_of};
use crate::core::state::{DealStatus, DealVersion, State};
use crate::core::time::Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutcomeKind {
    Lost,
    Slip,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub deal: String,
    pub kind: OutcomeKind,
    pub date: Date,
    pub seq: u64,
    /// (flag date, lead days, flag record) when flagged early.
    pub flagged: Option<(Date, i64, u64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Audit {
    pub outcomes: Vec<Outcome>,
    pub early_warning_rate: Option<f64>,
    pub median_lead_days: Option<f64>,
}

/// The risk active just before the record `seq`, if raised a day or more before `date`.
fn early_flag(versions: &[DealVersion], seq: u64, date: Date) -> Option<(Date, i64, u64)> {
    let before = versions.iter().filter(|v| v.seq < seq).max_by_key(|v| v.seq)?;
    let risk = before.risk.as_ref()?;
    let lead = (date.0 - risk.since.0).num_days();
    (lead >= 1).then_some((risk.since, lead, risk.seq))
}

pub fn audit(state: &State) -> Audit {
    let fs = state.ledger.as_ref().map_or(1, |l| l.fiscal_year_start);
    let mut outcomes = Vec::new();
    for deal in state.deals.values() {
        // A deal is lost at most once: the version that closed it.
        if let Some(v) = deal.versions.iter().find(|v| matches!(v.status, DealStatus::Lost { .. })) {
            let flagged = early_flag(&deal.versions, v.seq, v.on);
            outcomes.push(Outcome {
                deal: deal.id.clone(),
                kind: OutcomeKind::Lost,
                date: v.on,
                seq: v.seq,
                flagged,
            });
        }
        for slip in slips_of(deal, fs) {
            let flagged = early_flag(&deal.versions, slip.seq, slip.on);
            outcomes.push(Outcome {
                deal: deal.id.clone(),
                kind: OutcomeKind::Slip,
                date: slip.on,
                seq: slip.seq,
                flagged,
            });
        }
    }
    outcomes.sort_by_key(|o| o.seq);
    let flagged: Vec<i64> = outcomes.iter().filter_map(|o| o.flagged.map(|f| f.1)).collect();
    let mut leads = flagged.clone();
    Audit {
        early_warning_rate: ratio(flagged.len() as f64, outcomes.len() as f64),
        median_lead_days: median(&mut leads),
        outcomes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::*;

    #[test]
    fn flagged_a_day_or_more_before_counts_as_early() {
        let s = given(&[
            ("2026-01-05", opened("A", 100, "2026-03-20", "2026-01-05")),
            ("2026-01-05", opened("B", 100, "2026-03-20", "2026-01-05")),
            ("2026-01-05", opened("C", 100, "2026-03-20", "2026-01-05")),
            ("2026-02-01", risk("A", "2026-02-01")),
            ("2026-02-11", lost("A", "2026-02-11")), // flagged 10 days before
            ("2026-03-01", risk("B", "2026-03-01")),
            ("2026-03-01", moved("B", "2026-04-15", "2026-03-01")), // same day: not early
            ("2026-03-10", lost("C", "2026-03-10")),                // never flagged
        ]);
        let a = audit(&s);
        assert_eq!(a.outcomes.len(), 3);
        assert_eq!(a.outcomes[0].flagged.map(|f| f.1), Some(10));
        assert_eq!(a.outcomes[1].kind, OutcomeKind::Slip);
        assert!(a.outcomes[1].flagged.is_none());
        assert_eq!(a.early_warning_rate, Some(1.0 / 3.0));
        assert_eq!(a.median_lead_days, Some(10.0));
        assert_eq!(audit(&given(&[])).early_warning_rate, None);
    }
}
