//! Synthetic records of realistic size (~230 bytes) for benchmarks and
//! crash tests. Never used on a real ledger by any product command.

pub mod realistic;

use crate::core::{Date, Event};

/// The event for record `i`: record 1 opens the ledger, as every ledger's
/// first record does; the rest are commitments.
pub fn event(i: u64, on: Date) -> Event {
    if i == 1 {
        return Event::LedgerOpened {
            company: "Bench Industries".into(),
            ceo: "Dana".into(),
            leader: "Lee".into(),
            currency: "USD".into(),
            fiscal_year_start: 1,
            cadence: crate::core::vocab::Cadence::Weekly,
        };
    }
    Event::CommitmentMade {
        id: format!("bench-{i}"),
        owner: "Lee".into(),
        what: format!(
            "Call the top ten accounts in the north-east region and confirm their Q3 renewal dates ({i}); \
             send a summary with next steps and risks to the CEO before the weekly meeting on Friday"
        ),
        due: on,
        meeting: None,
        on,
    }
}
