//! The actual revenue of a period (metrics.md §1): the latest actual
//! recorded for it; for a quarter or year without one, the sum of its
//! months when every month has one.

use crate::core::money::Money;
use crate::core::period::Period;
use crate::core::state::State;

/// The actual and the records it was computed from.
pub fn actual_for(state: &State, period: Period) -> Option<(Money, Vec<u64>)> {
    if let Some(fact) = state.actuals.get(&period) {
        return Some((fact.value, vec![fact.origin.seq]));
    }
    if matches!(period, Period::Month { .. }) {
        return None;
    }
    let fiscal_start = state.ledger.as_ref().map_or(1, |l| l.fiscal_year_start);
    let mut total = 0i64;
    let mut seqs = Vec::new();
    for month in period.months(fiscal_start) {
        let fact = state.actuals.get(&month)?;
        total = total.checked_add(fact.value.0)?;
        seqs.push(fact.origin.seq);
    }
    Some((Money(total), seqs))
}

/// Revenue recorded so far for a period that may still be running: its own
/// actual when recorded, else the sum of the month actuals recorded inside it.
pub fn actual_to_date(state: &State, period: Period) -> (Money, Vec<u64>) {
    if let Some(fact) = state.actuals.get(&period) {
        return (fact.value, vec![fact.origin.seq]);
    }
    let fiscal_start = state.ledger.as_ref().map_or(1, |l| l.fiscal_year_start);
    let months =
        if matches!(period, Period::Month { .. }) { Vec::new() } else { period.months(fiscal_start) };
    let mut total = 0i64;
    let mut seqs = Vec::new();
    for fact in months.iter().filter_map(|m| state.actuals.get(m)) {
        total = total.saturating_add(fact.value.0);
        seqs.push(fact.origin.seq);
    }
    (Money(total), seqs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::Event;
    use crate::core::testing::*;

    fn actual(p: &str, amount: i64) -> Event {
        Event::ActualRecorded { period: period(p), amount: Money(amount) }
    }

    #[test]
    fn quarter_actuals_come_from_their_months_when_all_are_known() {
        let s = given(&[("2026-02-01", actual("2026-01", 10)), ("2026-03-01", actual("2026-02", 20))]);
        assert_eq!(actual_for(&s, period("2026-Q1")), None);
        assert_eq!(actual_to_date(&s, period("2026-Q1")), (Money(30), vec![2, 3]));
        let s = given(&[
            ("2026-02-01", actual("2026-01", 10)),
            ("2026-03-01", actual("2026-02", 20)),
            ("2026-04-01", actual("2026-03", 30)),
            ("2026-04-02", actual("2026-02", 25)), // the latest actual wins
        ]);
        assert_eq!(actual_for(&s, period("2026-Q1")), Some((Money(65), vec![2, 5, 4])));
        let direct = given(&[("2026-04-01", actual("2026-Q1", 99)), ("2026-04-01", actual("2026-01", 10))]);
        assert_eq!(actual_for(&direct, period("2026-Q1")), Some((Money(99), vec![2])));
    }
}
