//! The diff, given / when / then: a ledger state, an export's rows, the
//! events (decided by the typed deal rules) it yields.

use super::diff::{diff, DiffOptions, MissingPolicy, ABSENT};
use super::mapping::{Mapping, Source};
use super::read::read;
use crate::core::event::Event;
use crate::core::money::Money;
use crate::core::testing::{d, opened, state_with};
use crate::core::time::Timestamp;

const HEAD: &str = "Id,Account Name,Amount,Close Date,Stage,Loss Reason\n";

fn options(missing: MissingPolicy) -> DiffOptions {
    DiffOptions {
        as_of: d("2026-01-19"),
        today: d("2026-01-19"),
        now: Timestamp::parse("2026-01-19T09:00:00Z").unwrap(),
        missing,
        fx: Vec::new(),
        source: "salesforce",
    }
}

fn events(rows: &str, missing: MissingPolicy) -> crate::error::Result<Vec<Event>> {
    let state = state_with(vec![
        opened("A", 10_000_000, "2026-03-31", "2026-01-12"),
        opened("B", 5_000_000, "2026-02-27", "2026-01-12"),
        opened("C", 2_000_000, "2026-03-13", "2026-01-12"),
    ]);
    let mapping = Mapping::new(Source::Salesforce, &[]).unwrap();
    let table = read(&format!("{HEAD}{rows}"), &mapping, None, &mut |_| {}).map_err(crate::Error::from)?;
    diff(&state, &table, &options(missing)).map(|p| p.events)
}

#[test]
fn only_what_changed_becomes_an_event() {
    let rows =
        "A,A Corp,100000,2026-05-29,,\nB,B Corp,50000,2026-02-27,Closed Won,\nC,C Corp,20000,2026-03-13,,\n";
    let e = events(rows, MissingPolicy::Report).unwrap();
    assert_eq!(e.len(), 3, "{e:?}");
    assert!(
        matches!(&e[0], Event::DealChanged { id, close: Some(c), amount: None, .. } if id == "A" && *c == d("2026-05-29"))
    );
    assert!(matches!(&e[1], Event::DealWon { id, amount: None, .. } if id == "B"));
    assert!(matches!(&e[2], Event::DealsImported { rows: 3, .. }));
}

#[test]
fn an_unchanged_export_yields_nothing_at_all() {
    let rows = "A,A Corp,100000,2026-03-31,,\nB,B Corp,50000,2026-02-27,,\nC,C Corp,20000,2026-03-13,,\n";
    assert_eq!(events(rows, MissingPolicy::Report).unwrap(), Vec::new());
}

#[test]
fn vanished_deals_are_lost_only_when_asked() {
    let rows = "A,A Corp,100000,2026-03-31,,\n";
    assert_eq!(events(rows, MissingPolicy::Report).unwrap(), Vec::new());
    let e = events(rows, MissingPolicy::Lost).unwrap();
    let lost: Vec<&str> = e
        .iter()
        .filter_map(|e| match e {
            Event::DealLost { id, reason, .. } if reason == ABSENT => Some(id.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(lost, ["B", "C"]);
}

#[test]
fn a_loss_keeps_its_reason_and_a_new_deal_is_added_by_the_deal_rules() {
    let rows = "C,C Corp,20000,2026-03-13,Closed Lost,Went with a competitor\nN,New Co,\"1,500.50\",2026-06-30,Discovery,\n";
    let e = events(rows, MissingPolicy::Ignore).unwrap();
    assert!(matches!(&e[0], Event::DealLost { reason, .. } if reason == "Went with a competitor"));
    assert!(
        matches!(&e[1], Event::DealOpened { amount: Money(150_050), stage: Some(s), .. } if s == "Discovery")
    );
    // The deal rules refuse what a typed command would: a close before today.
    let err = events("N,New Co,500,2026-01-02,,\n", MissingPolicy::Ignore).unwrap_err().to_string();
    assert!(err.starts_with("row 2, column 'Close Date'"), "{err}");
}
