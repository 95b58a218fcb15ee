//! Identity at the edge: members' private keys on this machine, and which
//! member signs by default for a ledger. Signing and checking bytes is
//! `ledger::signing`; who may record what is `core::rights`.

pub mod defaults;
pub mod keys;

pub use keys::LocalKey;
