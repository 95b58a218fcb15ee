//! Identity at the edge: members' private keys on this machine, which
//! member signs by default for a ledger, and panelists' sealed scores in
//! clear until the debrief. Signing and checking bytes is
//! `ledger::signing`; who may record what is `core::rights`.

pub mod defaults;
pub mod keys;
pub mod login_link;
pub mod private_scores;
pub mod server_key;
pub mod used_links;

pub use keys::LocalKey;
