//! Reading the history back as envelopes and folding it into state.

use crate::core::state::State;
use crate::core::{AsOf, Envelope};
use crate::error::Result;
use crate::ledger::store::Ledger;

/// The envelopes up to `as_of` (by sequence number, or by recorded date).
pub fn envelopes(ledger: &Ledger, as_of: Option<AsOf>) -> Result<Vec<Envelope>> {
    let mut out = Vec::with_capacity(ledger.len() as usize);
    for item in ledger.envelopes(u64::MAX) {
        let (_, env) = item?;
        let included = match as_of {
            None => true,
            Some(AsOf::Seq(s)) => env.seq <= s,
            Some(AsOf::Date(d)) => env.recorded_at.date() <= d,
        };
        if !included {
            break;
        }
        out.push(env);
    }
    Ok(out)
}

/// The state of the record as of a point in history (default: now).
pub fn state(ledger: &Ledger, as_of: Option<AsOf>) -> Result<State> {
    Ok(State::fold(&envelopes(ledger, as_of)?))
}
