//! Between the ledger and a panelist's private store: which ledger the
//! store belongs to, sealing a score into it, and the reveal it holds.

use crate::cli::context::Context;
use candor::core::Hash32;
use candor::identity::private_scores;
use candor::{Error, Result};

/// This ledger's id for the private stores, read before a session holds
/// the ledger (it is opened briefly, read-only).
pub fn ledger_id(ctx: &Context) -> Result<Hash32> {
    let ledger = ctx.open()?;
    let first = ledger.record(1)?.ok_or_else(|| Error::Usage("the ledger has no records".into()))?;
    Ok(private_scores::ledger_id(&first.hash.0))
}

// Sealing into the store and revealing from it are the library's, shared
// with the server (which holds web-given scores the same way).
pub use candor::identity::private_scores::{reveal_event, NotHere};
