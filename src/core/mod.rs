//! The pure heart of candor: the event vocabulary and the values it is made of.
//! Nothing here reads a clock, a file or a terminal.

pub mod asof;
pub mod bands;
pub mod brief;
pub mod currency;
pub mod decide;
pub mod envelope;
pub mod event;
pub mod hash;
pub mod hiring;
pub mod member;
pub mod metrics;
pub mod money;
pub mod opening;
pub mod period;
pub mod rights;
pub mod state;
#[cfg(test)]
pub(crate) mod testing;
pub mod text;
pub mod time;
pub mod vocab;
pub mod words;

pub use asof::AsOf;
pub use envelope::Envelope;
pub use event::Event;
pub use hash::Hash32;
pub use member::{PublicKey, Role};
pub use money::Money;
pub use period::Period;
pub use time::{Date, Timestamp};
