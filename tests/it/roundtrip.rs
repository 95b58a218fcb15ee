//! Property: any sequence of append batches verifies, and round-trips
//! through export and restore to the identical history.

use candor::core::{Event, Timestamp};
use candor::ledger::export::{export, read_export, restore_into};
use candor::ledger::verify::verify;
use candor::ledger::{synthetic, Ledger};
use proptest::prelude::*;

fn event(i: u64, kind: u8, text_len: usize) -> Event {
    let on = Timestamp::parse("2026-03-01T00:00:00Z").unwrap().date();
    match kind {
        // Record 1 always opens the ledger.
        _ if i == 1 => synthetic::event(1, on),
        0 => synthetic::event(i, on),
        1 => Event::IssueRaised { id: format!("I-{i}"), title: "é".repeat(text_len), detail: None, on },
        _ => Event::MeetingSkipped { date: on, reason: "x".repeat(text_len + 1) },
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn appends_verify_and_round_trip(
        batches in prop::collection::vec((1usize..90, 0u8..3, 0usize..300, 0i64..5_000_000), 1..12)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut ledger = Ledger::create(&dir.path().join("a")).unwrap();
        let mut clock = Timestamp::parse("2026-03-01T09:00:00Z").unwrap().micros();
        let mut i = 0;
        for (size, kind, text_len, step) in &batches {
            clock += step;
            let events = (0..*size).map(|_| { i += 1; event(i, *kind, *text_len) }).collect();
            ledger.append("Lee", events, Timestamp::from_micros(clock)).unwrap();
        }
        let v = verify(&ledger, ledger.head()).unwrap();
        prop_assert!(v.ok(), "{:?}", v.failure);
        prop_assert_eq!(v.records, i);

        let mut bytes = Vec::new();
        export(&ledger, &mut bytes).unwrap();
        let expected = read_export(&mut bytes.as_slice(), |_, _| Ok(())).unwrap();
        prop_assert_eq!(expected, ledger.head());
        let mut copy = Ledger::create(&dir.path().join("b")).unwrap();
        let head = restore_into(&mut copy, &mut bytes.as_slice(), expected).unwrap();
        prop_assert_eq!(Some(head), ledger.head());
        let a: Vec<_> = ledger.records().map(Result::unwrap).collect();
        let b: Vec<_> = copy.records().map(Result::unwrap).collect();
        prop_assert_eq!(a, b);
        prop_assert!(verify(&copy, ledger.head()).unwrap().ok());
    }
}

/// A restore larger than one sled batch (64 k records) seals chunks across
/// the batch boundary and still reproduces the history exactly.
#[test]
fn a_restore_across_the_bulk_batch_boundary_is_exact() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::create(&dir.path().join("a")).unwrap();
    let now = Timestamp::parse("2026-03-01T09:00:00Z").unwrap();
    let on = now.date();
    let total = 70_001u64;
    let mut i = 0;
    while i < total {
        let n = (total - i).min(10_000);
        ledger.append("Lee", (i + 1..=i + n).map(|k| synthetic::event(k, on)).collect(), now).unwrap();
        i += n;
    }
    let mut bytes = Vec::new();
    export(&ledger, &mut bytes).unwrap();
    let expected = read_export(&mut bytes.as_slice(), |_, _| Ok(())).unwrap();
    let mut copy = Ledger::create(&dir.path().join("b")).unwrap();
    let head = restore_into(&mut copy, &mut bytes.as_slice(), expected).unwrap();
    assert_eq!(Some(head), ledger.head());
    let v = verify(&copy, ledger.head()).unwrap();
    assert!(v.ok(), "{:?}", v.failure);
    assert_eq!(v.records, total);
    assert_eq!(copy.raw_tree().scan_prefix([candor::ledger::layout::TAIL_PREFIX]).count() as u64, total % 24);
}

/// Whole-history scans read in passes, reopening sled between them: every
/// record comes once, in order, whatever the pass length, and a scan that
/// stops early stops.
#[test]
fn reading_in_passes_yields_every_record_once_in_order() {
    use candor::ledger::layout::CHUNK;
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::create(&dir.path().join("a")).unwrap();
    let on = Timestamp::parse("2026-03-01T00:00:00Z").unwrap();
    let events = (1..=CHUNK * 5 + 7).map(|i| synthetic::event(i, on.date())).collect();
    ledger.append("Lee", events, on).unwrap();
    let all: Vec<_> = ledger.records().map(Result::unwrap).collect();
    for per_pass in [1, CHUNK, CHUNK * 2, CHUNK * 5, CHUNK * 100] {
        let mut seen = Vec::new();
        ledger = ledger
            .for_each_record_in_passes_of(per_pass, |r| {
                seen.push(r);
                Ok(true)
            })
            .unwrap();
        assert_eq!(seen, all, "passes of {per_pass}");
    }
    let mut n = 0;
    ledger
        .for_each_record_in_passes_of(CHUNK, |_| {
            n += 1;
            Ok(n < 30)
        })
        .unwrap();
    assert_eq!(n, 30);
}
