//! The envelope every event travels in: position, clock, and author.

use crate::core::event::Event;
use crate::core::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// Position in the chain, from 1, without gaps.
    pub seq: u64,
    /// When the record was written (system clock, UTC). Never decreases.
    pub recorded_at: Timestamp,
    /// Who recorded it.
    pub actor: String,
    pub event: Event,
}
