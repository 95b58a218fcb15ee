//! The ledger on disk: record codec, hash chain, sled store, verification,
//! export and restore. Everything here is storage; meaning lives in `core`.

pub mod accept;
pub mod beside;
pub mod chain;
pub mod codec;
pub mod db;
pub mod export;
pub mod layout;
pub mod local_key;
pub mod readonly;
pub mod recheck;
pub mod replay;
pub mod salvage;
pub mod signatures;
pub mod signing;
pub mod snapshot;
pub mod store;
pub mod synthetic;
pub mod verify;

pub use chain::{Digest, Hash};
pub use signing::{Entry, Signer};
pub use store::{Ledger, StoredRecord};
pub use verify::{Verification, VerifyFailure};
