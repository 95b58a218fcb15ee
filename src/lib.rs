//! candor: an append-only, hash-chained record of the facts a CEO and a sales
//! leader keep, and the projections (trust metrics, brief, scorecard) built
//! from it.
//!
//! Dependencies point inward: `cli` → `report`, `ledger` → `core`.
//! `core` is pure: no I/O, no clock, no storage.

pub mod core;
pub mod error;
pub mod identity;
pub mod import;
pub mod ledger;
pub mod remote;
pub mod report;
pub mod serve;

pub use error::{Error, Result};
