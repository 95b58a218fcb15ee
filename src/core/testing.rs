//! Test support shared by every unit test of the core: dates, the record
//! that opens a ledger, and states folded from given events.

use crate::core::event::Event;
use crate::core::money::Money;
use crate::core::period::Period;
use crate::core::state::{Origin, State};
use crate::core::time::Date;
use crate::core::vocab::Cadence;
use crate::core::Timestamp;

pub fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// The record that opens the test ledger: Acme, CEO Dana, sales leader Lee.
pub fn ledger_opened() -> Event {
    Event::LedgerOpened {
        company: "Acme".into(),
        ceo: "Dana".into(),
        leader: "Lee".into(),
        currency: "USD".into(),
        fiscal_year_start: 1,
        cadence: Cadence::Weekly,
    }
}

/// The state after the ledger opened (record 1) and `events` (from record
/// 2), all recorded at the epoch.
pub fn state_with(events: Vec<Event>) -> State {
    let mut s = State::default();
    for (i, e) in std::iter::once(ledger_opened()).chain(events).enumerate() {
        let origin = Origin { seq: i as u64 + 1, recorded_at: Timestamp::from_micros(0) };
        s.apply(origin, "Lee", &e);
    }
    s
}

/// Record 1 opens the ledger on 2025-12-01; then each (date, event) in order.
pub fn given(events: &[(&str, Event)]) -> State {
    let mut s = State::default();
    let open = ledger_opened();
    s.apply(Origin { seq: 1, recorded_at: Timestamp::parse("2025-12-01T00:00:00Z").unwrap() }, "Dana", &open);
    for (i, (at, e)) in events.iter().enumerate() {
        let origin =
            Origin { seq: i as u64 + 2, recorded_at: Timestamp::parse(&format!("{at}T12:00:00Z")).unwrap() };
        s.apply(origin, "Lee", e);
    }
    s
}

pub fn opened(id: &str, amount: i64, close: &str, on: &str) -> Event {
    Event::DealOpened {
        id: id.into(),
        account: format!("{id} Corp"),
        amount: Money(amount),
        close: d(close),
        stage: None,
        probability: None,
        on: d(on),
    }
}

pub fn moved(id: &str, close: &str, on: &str) -> Event {
    Event::DealChanged {
        id: id.into(),
        amount: None,
        close: Some(d(close)),
        stage: None,
        probability: None,
        on: d(on),
    }
}

pub fn risk(id: &str, on: &str) -> Event {
    Event::DealRiskFlagged { id: id.into(), reason: "champion left".into(), on: d(on) }
}

pub fn won(id: &str, on: &str) -> Event {
    Event::DealWon { id: id.into(), amount: None, on: d(on) }
}

pub fn lost(id: &str, on: &str) -> Event {
    Event::DealLost { id: id.into(), reason: "budget".into(), on: d(on) }
}

pub fn period(s: &str) -> Period {
    Period::parse(s).unwrap()
}
