//! Pipeline changes between two dates for a focus period (metrics.md §3b).
//!
//! A deal's focus value at a date is its amount when it is open then with
//! an expected close inside the period, else 0. Each deal gets one reason,
//! the first that applies: won, lost, new, pulled-in, pushed-out, increased,
//! decreased, at-risk, unchanged. Values are attributed so that
//! `open_end = open_start + new + pulled_in − pushed_out + increased − decreased − won − lost`
//! holds exactly: a deal closed in the interval counts its closing amount
//! as won or lost, and the difference between that and its start value
//! goes to `new` (opened in the interval), `pulled_in` (not in focus at the
//! start) or `increased`/`decreased`.

use crate::core::money::Money;
use crate::core::period::Period;
use crate::core::state::{Deal, DealStatus, DealVersion, State};
use crate::core::time::Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    Won,
    Lost,
    New,
    PulledIn,
    PushedOut,
    Increased,
    Decreased,
    AtRisk,
    Unchanged,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Won => "won",
            Reason::Lost => "lost",
            Reason::New => "new",
            Reason::PulledIn => "pulled-in",
            Reason::PushedOut => "pushed-out",
            Reason::Increased => "increased",
            Reason::Decreased => "decreased",
            Reason::AtRisk => "at-risk",
            Reason::Unchanged => "unchanged",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct DealChange {
    pub id: String,
    pub reason: Reason,
    pub amount_start: Money,
    pub amount_end: Money,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Terms {
    pub open_start: i64,
    pub new: i64,
    pub pulled_in: i64,
    pub pushed_out: i64,
    pub increased: i64,
    pub decreased: i64,
    pub won: i64,
    pub lost: i64,
    pub open_end: i64,
}

impl Terms {
    /// The right-hand side of the reconciliation.
    pub fn reconciled_end(&self) -> i64 {
        self.open_start + self.new + self.pulled_in - self.pushed_out + self.increased
            - self.decreased
            - self.won
            - self.lost
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Changes {
    pub period: Period,
    pub since: Date,
    pub until: Date,
    pub terms: Terms,
    pub deals: Vec<DealChange>,
}

fn focus_value(v: Option<&DealVersion>, first: Date, last: Date) -> i64 {
    match v {
        Some(v) if v.status == DealStatus::Open && first <= v.close && v.close <= last => v.amount.0,
        _ => 0,
    }
}

/// The closing version if the deal closed in (since, until].
fn closed_between(deal: &Deal, since: Date, until: Date) -> Option<&DealVersion> {
    deal.versions.iter().find(|v| v.status != DealStatus::Open).filter(|v| since < v.on && v.on <= until)
}

/// Attributes `delta` (closing amount or end value minus start value) to
/// the term that explains the rest of a deal's change.
fn attribute(t: &mut Terms, opened_after: bool, start: i64, delta_to: i64) {
    if opened_after {
        t.new += delta_to;
    } else if start == 0 {
        t.pulled_in += delta_to;
    } else if delta_to > start {
        t.increased += delta_to - start;
    } else {
        t.decreased += start - delta_to;
    }
}

pub fn changes(state: &State, period: Period, since: Date, until: Date) -> Changes {
    let fs = state.ledger.as_ref().map_or(1, |l| l.fiscal_year_start);
    let (first, last) = (period.first_day(fs), period.last_day(fs));
    let mut t = Terms::default();
    let mut deals = Vec::new();
    for deal in state.deals.values() {
        let start = focus_value(deal.as_on(since), first, last);
        let end = focus_value(deal.as_on(until), first, last);
        let opened_after = deal.opened_on > since;
        let closing = closed_between(deal, since, until);
        let closing_in_focus = closing.is_some_and(|c| {
            let before = deal.versions.iter().filter(|v| v.seq < c.seq).max_by_key(|v| v.seq);
            before.is_some_and(|b| first <= b.close && b.close <= last)
        });
        if start == 0 && end == 0 && !closing_in_focus {
            continue;
        }
        t.open_start += start;
        t.open_end += end;
        let reason = match closing {
            Some(c) if start > 0 || closing_in_focus => {
                let amount = c.amount.0;
                let won = matches!(c.status, DealStatus::Won { .. });
                if won {
                    t.won += amount;
                } else {
                    t.lost += amount;
                }
                attribute(&mut t, opened_after, start, amount);
                if won {
                    Reason::Won
                } else {
                    Reason::Lost
                }
            }
            _ if opened_after => {
                t.new += end;
                Reason::New
            }
            _ if start == 0 => {
                t.pulled_in += end;
                Reason::PulledIn
            }
            _ if end == 0 => {
                t.pushed_out += start;
                Reason::PushedOut
            }
            _ if end > start => {
                t.increased += end - start;
                Reason::Increased
            }
            _ if end < start => {
                t.decreased += start - end;
                Reason::Decreased
            }
            _ if deal
                .versions
                .iter()
                .any(|v| v.risk.as_ref().is_some_and(|r| since < r.since && r.since <= until)) =>
            {
                Reason::AtRisk
            }
            _ => Reason::Unchanged,
        };
        deals.push(DealChange {
            id: deal.id.clone(),
            reason,
            amount_start: Money(start),
            amount_end: Money(end),
        });
    }
    Changes { period, since, until, terms: t, deals }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::Event;
    use crate::core::testing::*;
    use proptest::prelude::*;

    fn amount(id: &str, amount: i64, on: &str) -> Event {
        Event::DealChanged {
            id: id.into(),
            amount: Some(Money(amount)),
            close: None,
            stage: None,
            probability: None,
            on: d(on),
        }
    }

    #[test]
    fn each_reason_and_the_identity() {
        let s = given(&[
            ("2026-04-01", opened("WON", 100, "2026-05-01", "2026-04-01")),
            ("2026-04-01", opened("LOST", 80, "2026-05-01", "2026-04-01")),
            ("2026-04-01", opened("PUSH", 50, "2026-05-01", "2026-04-01")),
            ("2026-04-01", opened("PULL", 40, "2026-08-01", "2026-04-01")),
            ("2026-04-01", opened("UP", 30, "2026-05-01", "2026-04-01")),
            ("2026-04-01", opened("DOWN", 30, "2026-05-01", "2026-04-01")),
            ("2026-04-01", opened("SAME", 10, "2026-05-01", "2026-04-01")),
            ("2026-04-10", won("WON", "2026-04-10")),
            ("2026-04-10", lost("LOST", "2026-04-10")),
            ("2026-04-10", moved("PUSH", "2026-07-15", "2026-04-10")),
            ("2026-04-10", moved("PULL", "2026-06-15", "2026-04-10")),
            ("2026-04-10", amount("UP", 45, "2026-04-10")),
            ("2026-04-10", amount("DOWN", 20, "2026-04-10")),
            ("2026-04-10", opened("NEW", 70, "2026-06-01", "2026-04-10")),
            ("2026-04-10", opened("FLASH", 25, "2026-06-01", "2026-04-10")),
            ("2026-04-11", won("FLASH", "2026-04-11")), // opened and won inside the interval
        ]);
        let c = changes(&s, period("2026-Q2"), d("2026-04-05"), d("2026-04-12"));
        let reason = |id: &str| c.deals.iter().find(|x| x.id == id).map(|x| x.reason);
        assert_eq!(reason("WON"), Some(Reason::Won));
        assert_eq!(reason("FLASH"), Some(Reason::Won));
        assert_eq!(reason("LOST"), Some(Reason::Lost));
        assert_eq!(reason("NEW"), Some(Reason::New));
        assert_eq!(reason("PULL"), Some(Reason::PulledIn));
        assert_eq!(reason("PUSH"), Some(Reason::PushedOut));
        assert_eq!(reason("UP"), Some(Reason::Increased));
        assert_eq!(reason("DOWN"), Some(Reason::Decreased));
        assert_eq!(reason("SAME"), Some(Reason::Unchanged));
        let t = &c.terms;
        assert_eq!(t.open_start, 100 + 80 + 50 + 30 + 30 + 10);
        assert_eq!((t.won, t.lost, t.new), (125, 80, 70 + 25));
        assert_eq!((t.pulled_in, t.pushed_out, t.increased, t.decreased), (40, 50, 15, 10));
        assert_eq!(t.open_end, 45 + 20 + 10 + 40 + 70);
        assert_eq!(t.reconciled_end(), t.open_end);
    }

    #[derive(Clone, Debug)]
    enum Step {
        Amount(i64),
        Close(i64),
        Risk,
        Won,
        Lost,
    }

    fn step() -> impl Strategy<Value = (u8, Step)> {
        let s = prop_oneof![
            (1i64..500).prop_map(Step::Amount),
            (0i64..200).prop_map(Step::Close),
            Just(Step::Risk),
            Just(Step::Won),
            Just(Step::Lost),
        ];
        (0u8..120, s)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// Any history of any deals: one reason each, and the identity holds.
        #[test]
        fn the_reconciliation_holds_for_any_history(
            deals in prop::collection::vec((0i64..120, 1i64..500, 0i64..200, prop::collection::vec(step(), 0..6)), 1..8),
            a in 0i64..150,
            len in 0i64..60,
        ) {
            let base = d("2026-03-01");
            let mut events: Vec<(Date, Event)> = Vec::new();
            for (i, (open_day, amt, close_day, steps)) in deals.iter().enumerate() {
                let id = format!("D{i}");
                let opened_on = base.add_days(*open_day);
                events.push((opened_on, opened(&id, *amt, &base.add_days(*close_day + 20).to_string(), &opened_on.to_string())));
                let mut day = opened_on;
                let mut closed = false;
                let mut at_risk = false;
                for (gap, s) in steps {
                    if closed { break; }
                    day = day.add_days(i64::from(*gap % 10));
                    let on = day.to_string();
                    let e = match s {
                        Step::Amount(x) => amount(&id, *x, &on),
                        Step::Close(c) => moved(&id, &base.add_days(*c + 20).max(day).to_string(), &on),
                        Step::Risk if !at_risk => { at_risk = true; risk(&id, &on) }
                        Step::Risk => continue,
                        Step::Won => { closed = true; won(&id, &on) }
                        Step::Lost => { closed = true; lost(&id, &on) }
                    };
                    events.push((day, e));
                }
            }
            events.sort_by_key(|(day, _)| *day);
            let dated: Vec<(String, Event)> = events.into_iter().map(|(day, e)| (day.to_string(), e)).collect();
            let refs: Vec<(&str, Event)> = dated.iter().map(|(day, e)| (day.as_str(), e.clone())).collect();
            let s = given(&refs);
            let since = base.add_days(a);
            let c = changes(&s, period("2026-Q2"), since, since.add_days(len));
            prop_assert_eq!(c.terms.reconciled_end(), c.terms.open_end);
            let mut ids: Vec<&str> = c.deals.iter().map(|x| x.id.as_str()).collect();
            ids.dedup();
            prop_assert_eq!(ids.len(), c.deals.len());
            let start: i64 = c.deals.iter().map(|x| x.amount_start.0).sum();
            let end: i64 = c.deals.iter().map(|x| x.amount_end.0).sum();
            prop_assert_eq!((start, end), (c.terms.open_start, c.terms.open_end));
        }
    }
}
