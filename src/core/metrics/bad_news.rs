//! Bad news early (metrics.md §4): were losses and slips flagged at risk
//! at least a day before they happened?

use super::timely::{counting_date, recorded_late};
use super::{median, ratio, slips::slips_of};
use crate::core::state::{DealStatus, DealVersion, State};
use crate::core::time::Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutcomeKind {
    Lost,
    Slip,
    /// Still open at the evaluation date with its close date passed: a slip
    /// nobody recorded (§ 10.4).
    Overdue,
}

/// The risk flag a deal carried just before an outcome.
#[derive(Clone, Debug, PartialEq)]
pub struct Flag {
    /// The date the flag says it was raised.
    pub dated: Date,
    /// The date it counts at (`timely::counting_date`).
    pub counts_on: Date,
    pub seq: u64,
}

impl Flag {
    pub fn recorded_late(&self) -> bool {
        self.counts_on != self.dated
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub deal: String,
    pub kind: OutcomeKind,
    /// The outcome's own date: dating a loss or a slip earlier only makes
    /// the record worse for whoever recorded it, so it is taken as given —
    /// unless the deal's close date had already passed, when it is the day
    /// the deal became overdue (§ 10.4).
    pub date: Date,
    /// The close date had passed before the outcome: counted from the
    /// first overdue day.
    pub overdue_from: Option<Date>,
    pub seq: u64,
    /// The outcome itself was written more than two days after its date.
    pub recorded_late: bool,
    /// The risk flag active just before the outcome's record, if any.
    pub flag: Option<Flag>,
    /// (flag date counted, lead days, flag record) when flagged early.
    pub flagged: Option<(Date, i64, u64)>,
}

impl Outcome {
    /// The outcome or the flag behind it was recorded late (§ 10 rule 5).
    pub fn any_recorded_late(&self) -> bool {
        self.recorded_late || self.flag.as_ref().is_some_and(Flag::recorded_late)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Audit {
    pub outcomes: Vec<Outcome>,
    pub early_warning_rate: Option<f64>,
    pub median_lead_days: Option<f64>,
}

/// The risk active just before the record `seq`, read at its counting date.
fn flag_before(versions: &[DealVersion], seq: u64) -> Option<Flag> {
    let before = versions.iter().filter(|v| v.seq < seq).max_by_key(|v| v.seq)?;
    let risk = before.risk.as_ref()?;
    Some(Flag { dated: risk.since, counts_on: counting_date(risk.since, risk.recorded), seq: risk.seq })
}

/// The outcome of the version `v`, flagged early when the flag's counting
/// date is a day or more before the outcome's date.
fn outcome(deal: &str, kind: OutcomeKind, versions: &[DealVersion], v: &DealVersion) -> Outcome {
    // The close date in force before this record; overdue from the next day.
    let close_before = versions.iter().filter(|x| x.seq < v.seq).max_by_key(|x| x.seq).map(|x| x.close);
    let overdue_from = close_before.map(|c| c.add_days(1)).filter(|day| *day < v.on);
    let date = overdue_from.unwrap_or(v.on);
    let flag = flag_before(versions, v.seq);
    let flagged = flag.as_ref().and_then(|f| {
        let lead = (date.0 - f.counts_on.0).num_days();
        (lead >= 1).then_some((f.counts_on, lead, f.seq))
    });
    Outcome {
        deal: deal.to_string(),
        kind,
        date,
        overdue_from,
        seq: v.seq,
        recorded_late: recorded_late(v.on, v.recorded),
        flag,
        flagged,
    }
}

/// Outcomes up to `at`; a deal still open past its close date on `at` counts
/// as an unflagged-unless-flagged-before slip from its first overdue day.
pub fn audit(state: &State, at: Date) -> Audit {
    let fs = state.ledger.as_ref().map_or(1, |l| l.fiscal_year_start);
    let mut outcomes = Vec::new();
    for deal in state.deals.values() {
        let now = deal.current();
        if deal.is_open() && now.close < at {
            let mut o = outcome(&deal.id, OutcomeKind::Overdue, &deal.versions, now);
            let from = now.close.add_days(1);
            let flag = deal.current().risk.as_ref().map(|r| Flag {
                dated: r.since,
                counts_on: counting_date(r.since, r.recorded),
                seq: r.seq,
            });
            o.flagged = flag.as_ref().and_then(|f| {
                let lead = (from.0 - f.counts_on.0).num_days();
                (lead >= 1).then_some((f.counts_on, lead, f.seq))
            });
            (o.date, o.overdue_from, o.flag, o.recorded_late) = (from, Some(from), flag, false);
            outcomes.push(o);
        }
        // A deal is lost at most once: the version that closed it.
        if let Some(v) = deal.versions.iter().find(|v| matches!(v.status, DealStatus::Lost { .. })) {
            outcomes.push(outcome(&deal.id, OutcomeKind::Lost, &deal.versions, v));
        }
        for slip in slips_of(deal, fs) {
            if let Some(v) = deal.versions.iter().find(|v| v.seq == slip.seq) {
                outcomes.push(outcome(&deal.id, OutcomeKind::Slip, &deal.versions, v));
            }
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
        let a = audit(&s, d("2026-03-31"));
        assert_eq!(a.outcomes.len(), 3);
        assert_eq!(a.outcomes[0].flagged.map(|f| f.1), Some(10));
        assert_eq!(a.outcomes[1].kind, OutcomeKind::Slip);
        assert!(a.outcomes[1].flagged.is_none());
        assert_eq!(a.early_warning_rate, Some(1.0 / 3.0));
        assert_eq!(a.median_lead_days, Some(10.0));
        assert_eq!(audit(&given(&[]), d("2026-03-31")).early_warning_rate, None);
    }

    /// § 10 rule 5: a flag dated more than two days before it was written
    /// counts at the day it was written; the outcome keeps its own date.
    #[test]
    fn a_flag_dated_back_counts_when_it_was_written() {
        // Each (recorded, event); every deal expected to close Mar 20.
        let s = given(&[
            ("2026-01-05", opened("A", 100, "2026-03-20", "2026-01-05")),
            ("2026-01-05", opened("B", 100, "2026-03-20", "2026-01-05")),
            ("2026-01-05", opened("C", 100, "2026-03-20", "2026-01-05")),
            ("2026-01-05", opened("D", 100, "2026-03-20", "2026-01-05")),
            ("2026-01-05", opened("E", 100, "2026-03-20", "2026-01-05")),
            // A: flag "on Feb 1" written on the day of the loss, Feb 11: 11 − 1 = 10 > 2 →
            // counts Feb 11; lead 11 − 11 = 0 → not early (it would have been 10).
            ("2026-02-11", risk("A", "2026-02-01")),
            ("2026-02-11", lost("A", "2026-02-11")),
            // B: flag "on Feb 9" written Feb 11: 2 days, not more → counts Feb 9; lead 2 → early.
            ("2026-02-11", risk("B", "2026-02-09")),
            ("2026-02-11", lost("B", "2026-02-11")),
            // C: flag "on Feb 8" written Feb 11: 3 > 2 → counts Feb 11; lead 0 → not early.
            ("2026-02-11", risk("C", "2026-02-08")),
            ("2026-02-11", lost("C", "2026-02-11")),
            // D: flag "on Jan 20" written Feb 1 (12 > 2) → counts Feb 1; lost Feb 11 →
            // early, lead 11 − 1 = 10 (not 22).
            ("2026-02-01", risk("D", "2026-01-20")),
            ("2026-02-11", lost("D", "2026-02-11")),
            // E: flagged Feb 11 the same day, the loss "on Feb 11" written Feb 25: the loss keeps
            // its own date, lead 0 → not early (counting it on Feb 25 would have made 14).
            ("2026-02-11", risk("E", "2026-02-11")),
            ("2026-02-25", lost("E", "2026-02-11")),
        ]);
        let a = audit(&s, d("2026-03-31"));
        let by = |id: &str| a.outcomes.iter().find(|o| o.deal == id).unwrap();
        assert_eq!((by("A").flagged, by("A").any_recorded_late()), (None, true));
        assert_eq!(by("A").flag.as_ref().map(|f| f.counts_on), Some(d("2026-02-11")));
        assert_eq!((by("B").flagged.map(|f| f.1), by("B").any_recorded_late()), (Some(2), false));
        assert_eq!((by("C").flagged, by("C").any_recorded_late()), (None, true));
        assert_eq!(by("D").flagged, Some((d("2026-02-01"), 10, 13)));
        assert_eq!((by("E").flagged, by("E").recorded_late, by("E").date), (None, true, d("2026-02-11")));
        // Early: B (2) and D (10) of 5 → 0.4; median of 2, 10 = 6.
        assert_eq!(a.early_warning_rate, Some(2.0 / 5.0));
        assert_eq!(a.median_lead_days, Some(6.0));
    }

    /// § 10 rule 4: not recording a slip must not improve the rate.
    #[test]
    fn a_slip_nobody_records_counts_from_the_day_the_date_passed() {
        let base = [
            ("2026-01-05", opened("A", 100, "2026-03-20", "2026-01-05")),
            ("2026-01-05", opened("B", 100, "2026-03-20", "2026-01-05")),
            ("2026-01-05", opened("C", 100, "2026-03-20", "2026-01-05")),
            ("2026-01-05", opened("D", 600, "2026-03-10", "2026-01-05")),
            ("2026-02-01", risk("A", "2026-02-01")),
            ("2026-02-11", lost("A", "2026-02-11")), // early: 10 days
            ("2026-03-01", lost("B", "2026-03-01")),
            ("2026-03-02", lost("C", "2026-03-02")),
        ];
        // D (close Mar 10) stays open and nobody says a word. Without the rule:
        // A, B, C → 1 / 3 = 33 %. With it D is an outcome from Mar 11 → 1 / 4 = 25 %.
        let silent = given(&base);
        let a = audit(&silent, d("2026-04-06"));
        assert_eq!(a.early_warning_rate, Some(0.25));
        let od = a.outcomes.iter().find(|o| o.deal == "D").unwrap();
        assert_eq!((od.kind, od.date, od.flagged), (OutcomeKind::Overdue, d("2026-03-11"), None));
        // On its close date it is not an outcome yet.
        assert_eq!(audit(&silent, d("2026-03-10")).early_warning_rate, Some(1.0 / 3.0));
        // Recording the slip on Apr 6 (to May) counts from Mar 11 too: still 1 / 4.
        let mut late = base.to_vec();
        late.push(("2026-04-06", moved("D", "2026-05-15", "2026-04-06")));
        let a = audit(&given(&late), d("2026-04-06"));
        assert_eq!(a.early_warning_rate, Some(0.25));
        let od = a.outcomes.iter().find(|o| o.deal == "D").unwrap();
        assert_eq!(
            (od.kind, od.date, od.overdue_from),
            (OutcomeKind::Slip, d("2026-03-11"), Some(d("2026-03-11")))
        );
        // A flag raised after the date passed (Mar 20) is not early: 11 − 20 < 1.
        let mut flagged_late = base.to_vec();
        flagged_late.push(("2026-03-20", risk("D", "2026-03-20")));
        flagged_late.push(("2026-04-06", moved("D", "2026-05-15", "2026-04-06")));
        assert_eq!(audit(&given(&flagged_late), d("2026-04-06")).early_warning_rate, Some(0.25));
        // Flagged on Mar 9, before the date passed: early by 11 − 9 = 2 days → 2 / 4.
        let mut honest = base.to_vec();
        honest.push(("2026-03-09", risk("D", "2026-03-09")));
        let a = audit(&given(&honest), d("2026-04-06"));
        assert_eq!(a.early_warning_rate, Some(0.5));
        assert_eq!(a.outcomes.iter().find(|o| o.deal == "D").unwrap().flagged.map(|f| f.1), Some(2));
    }
}
