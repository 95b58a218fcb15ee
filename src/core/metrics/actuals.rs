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
