//! The client side of a shared ledger (sharing.md § 5): a local replica
//! that only ever takes verified records, and the write path that signs,
//! posts and retries when the head moved.

pub mod client;
pub mod protocol;
pub mod replica;
pub mod write;

pub use client::{Client, Posted};
