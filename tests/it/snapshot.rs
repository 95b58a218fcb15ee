//! The projection snapshot never changes an answer: stale, corrupt,
//! foreign and missing snapshots all give the state a full fold gives.

use candor::core::state::State;
use candor::core::{Date, Event, Timestamp};
use candor::ledger::{codec, replay, snapshot, synthetic, Ledger};

fn at(day: u32) -> Timestamp {
    Timestamp::parse(&format!("2026-01-{day:02}T09:00:00Z")).unwrap()
}

fn opened() -> Event {
    Event::LedgerOpened {
        company: "Acme".into(),
        ceo: "Dana".into(),
        leader: "Lee".into(),
        currency: "USD".into(),
        fiscal_year_start: 1,
        cadence: candor::core::vocab::Cadence::Weekly,
    }
}

/// The state a fold of every record gives, as bytes for comparison.
fn full_fold(ledger: &Ledger) -> Vec<u8> {
    let envs = replay::envelopes(ledger, None).unwrap();
    codec::encode_value(&State::fold(&envs)).unwrap()
}

fn via_replay(ledger: &Ledger) -> Vec<u8> {
    codec::encode_value(&replay::state(ledger, None).unwrap()).unwrap()
}

fn ledger(dir: &tempfile::TempDir, name: &str, n: u64) -> Ledger {
    let mut l = Ledger::create(&dir.path().join(name)).unwrap();
    l.append("Dana", vec![opened()], at(1)).unwrap();
    let events = (2..=n).map(|i| synthetic::event(i, Date::parse("2026-01-02").unwrap())).collect();
    l.append("Lee", events, at(2)).unwrap();
    l
}

#[test]
fn stale_corrupt_foreign_and_missing_snapshots_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = ledger(&dir, "a", 600);
    let snap = l.path().join(snapshot::FILE);
    assert!(!snap.exists());
    assert_eq!(via_replay(&l), full_fold(&l));
    assert!(snap.exists(), "a full fold leaves a snapshot");
    assert_eq!(snapshot::load(&l).unwrap().1, 600);

    // Stale: records appended after it are applied on top.
    let more = (601..=650).map(|i| synthetic::event(i, Date::parse("2026-01-03").unwrap())).collect();
    l.append("Lee", more, at(3)).unwrap();
    assert_eq!(via_replay(&l), full_fold(&l));

    // Corrupt in its seal: the seal fails; the fold rebuilds it.
    let mut bytes = std::fs::read(&snap).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&snap, &bytes).unwrap();
    assert!(snapshot::load(&l).is_none());
    assert_eq!(via_replay(&l), full_fold(&l));
    assert!(snapshot::load(&l).is_some(), "rebuilt");

    // Corrupt in a block of entities: the sealed table still opens, but the
    // block fails its hash when read; the answer comes from the log, and the
    // file is removed so that the next command rebuilds it.
    let mut bytes = std::fs::read(&snap).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    std::fs::write(&snap, &bytes).unwrap();
    assert!(snapshot::load(&l).is_some(), "the seal covers the table, which still holds");
    assert_eq!(via_replay(&l), full_fold(&l));
    assert!(!snap.exists(), "a block that fails its hash removes the file");
    assert_eq!(via_replay(&l), full_fold(&l));
    assert!(snapshot::load(&l).is_some(), "rebuilt");

    // Foreign: a snapshot of another history is refused.
    let other = ledger(&dir, "b", 650);
    assert_eq!(via_replay(&other), full_fold(&other));
    std::fs::copy(other.path().join(snapshot::FILE), &snap).unwrap();
    assert!(snapshot::load(&l).is_none());
    assert_eq!(via_replay(&l), full_fold(&l));

    // Missing.
    std::fs::remove_file(&snap).unwrap();
    assert_eq!(via_replay(&l), full_fold(&l));
}

#[test]
fn a_correction_after_the_snapshot_forces_a_full_fold() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = ledger(&dir, "a", 10);
    let before = via_replay(&l);
    let mut fix = synthetic::event(5, Date::parse("2026-01-02").unwrap());
    if let Event::CommitmentMade { what, .. } = &mut fix {
        *what = "corrected wording".into();
    }
    let correction = Event::Corrected { target: 5, replacement: Some(Box::new(fix)), reason: "typo".into() };
    l.append("Dana", vec![correction], at(4)).unwrap();
    let after = via_replay(&l);
    assert_ne!(before, after);
    assert_eq!(after, full_fold(&l));
    let state = replay::state(&l, None).unwrap();
    assert_eq!(state.commitments["bench-5"].what, "corrected wording");
    // As of before the correction, the original wording stands.
    let earlier = replay::state(&l, Some(candor::core::AsOf::Seq(10))).unwrap();
    assert_ne!(earlier.commitments["bench-5"].what, "corrected wording");
}

#[test]
fn a_snapshot_far_behind_is_rewritten_from_its_blocks_and_the_changes_since() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = ledger(&dir, "a", 3000);
    assert_eq!(via_replay(&l), full_fold(&l));
    let day = Date::parse("2026-01-05").unwrap();
    // Enough records after it that the next read writes a new snapshot, and
    // among them changes to entities the old one holds.
    let mut more: Vec<Event> = (3001..=7500).map(|i| synthetic::event(i, day)).collect();
    more.push(Event::CommitmentDone { id: "bench-5".into(), on: day });
    more.push(Event::CommitmentDone { id: "bench-2999".into(), on: day });
    l.append("Lee", more, at(6)).unwrap();
    // A lookup alone reads only what it needs, and writes the new snapshot
    // without loading every entity.
    let state = replay::state(&l, None).unwrap();
    assert!(!state.commitments.is_loaded());
    assert!(state.commitments.get("bench-5").is_some());
    drop(state);
    assert_eq!(snapshot::load(&l).unwrap().1, 7502, "rewritten at the head");
    let lazily = replay::state(&l, None).unwrap();
    let c = &lazily.commitments["bench-2999"];
    assert!(matches!(c.status, candor::core::state::CommitmentStatus::Done { .. }), "{c:?}");
    assert_eq!(lazily.commitments.case_clash("BENCH-7000").as_deref(), Some("bench-7000"));
    assert_eq!(via_replay(&l), full_fold(&l));
}

#[test]
fn a_state_read_from_the_snapshot_does_not_keep_the_ledger_open() {
    let dir = tempfile::tempdir().unwrap();
    let l = ledger(&dir, "a", 600);
    let honest = via_replay(&l);
    let path = l.path().to_path_buf();
    let state = replay::state(&l, None).unwrap();
    assert!(!state.commitments.is_loaded());
    drop(l);
    // The ledger can be opened to write while the state lives (a prompt waits).
    drop(Ledger::open_for_write(&path).unwrap());
    // A block that fails its hash now is answered from the log, opened anew.
    let snap = path.join(snapshot::FILE);
    let mut bytes = std::fs::read(&snap).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    std::fs::write(&snap, &bytes).unwrap();
    assert_eq!(state.commitments.len(), 599);
    assert_eq!(codec::encode_value(&state).unwrap(), honest);
    assert!(!snap.exists(), "the failing block sent the read to the log");
}
