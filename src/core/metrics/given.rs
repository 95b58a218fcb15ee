//! Test support: a state folded from events recorded on given dates.

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

/// Record 1 opens the ledger on 2025-12-01; then each (date, event) in order.
pub fn given(events: &[(&str, Event)]) -> State {
    let mut s = State::default();
    let open = Event::LedgerOpened {
        company: "Acme".into(),
        ceo: "Dana".into(),
        leader: "Lee".into(),
        currency: "USD".into(),
        fiscal_year_start: 1,
        cadence: Cadence::Weekly,
    };
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
