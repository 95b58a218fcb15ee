//! A server's own key: the one `candor serve` signs web records with, on
//! behalf of the signed-in member ("via web"). It lives in the server
//! process's keys directory like any member's key, under the name
//! `candor web`, made on first start.

use super::keys::{self, LocalKey};
use crate::ledger::Signer;
use crate::Result;

/// The name the server's key is made for (and the member the CEO registers).
pub const NAME: &str = "candor web";

/// The server's key, made now if this keys directory has none. Returns the
/// key, its signer, and whether it was just made.
pub fn load_or_create() -> Result<(LocalKey, Signer, bool)> {
    let existing = keys::list()?.into_iter().find(|k| k.name == NAME);
    let (key, made) = match existing {
        Some(k) => (k, false),
        None => (keys::create(NAME)?, true),
    };
    let signer = keys::load(&key)?;
    Ok((key, signer, made))
}
