//! Synthetic records of realistic size (~230 bytes) for benchmarks and
//! crash tests. Never used on a real ledger by any product command.

use crate::core::{Date, Event};

pub fn event(i: u64, on: Date) -> Event {
    Event::CommitmentMade {
        id: format!("bench-{i}"),
        owner: "leader".into(),
        what: format!(
            "Call the top ten accounts in the north-east region and confirm their Q3 renewal dates ({i}); \
             send a summary with next steps and risks to the CEO before the weekly meeting on Friday"
        ),
        due: on,
        meeting: None,
        on,
    }
}
