//! Format stability for record format 2: `fixtures/golden/v2.jsonl` is a
//! signed ledger (keys from fixed seeds) holding the events that cannot
//! exist in format 1 — members and keys — and ordinary signed records.
//! Every later release must restore it, verify it against its pinned digest
//! with every record after the first key signed and none bad, and re-encode
//! every record to the identical bytes.
//!
//! ```text
//! cargo test --test it golden_v2::regenerate -- --ignored
//! ```
//!
//! As with v1, released lines are never rewritten: new events go at the end.

use super::golden::Line;
use crate::env::TestEnv;
use candor::core::{Date, Event, Hash32, Money, Period, Role, Timestamp};
use candor::ledger::chain::link;
use candor::ledger::{codec, export, signing, Entry, Ledger, Signer};
use std::path::Path;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/golden/v2.jsonl");
const DIGESTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/golden/v2.digest");

pub fn fixture_lines() -> Vec<Line> {
    super::golden::lines_of(FIXTURE)
}

fn pinned_digests() -> Vec<String> {
    super::golden::digests_of(DIGESTS)
}

#[test]
fn restores_and_verifies_with_every_signature_good() {
    let env = TestEnv::new();
    let restored = env.run(&["restore", FIXTURE]).ok();
    let digests = pinned_digests();
    let head = digests.last().expect("v2.digest holds a digest");
    assert!(restored.stdout.contains(&format!("head {head}")), "{}", restored.stdout);
    for d in &digests {
        let run = env.run(&["verify", "--digest", d]).ok();
        assert!(run.stdout.starts_with("ok:"), "{}", run.stdout);
    }
    let json = env.run(&["verify", "--format", "json"]).ok().json();
    let n = fixture_lines().len() as u64;
    assert_eq!(json["ok"], true);
    // Record 1 (ledger_opened) precedes every key; all the rest are signed.
    assert_eq!(json["signatures"], serde_json::json!({ "signed": n - 1, "unsigned": 1, "bad": [] }));
    let again = env.path("again.jsonl");
    env.run(&["export", "--output", again.to_str().unwrap()]).ok();
    assert!(std::fs::read(&again).unwrap() == std::fs::read(FIXTURE).unwrap(), "re-export differs");
}

#[test]
fn every_record_re_encodes_to_the_same_bytes_and_its_signature_checks() {
    let mut prev = Hash32::ZERO;
    for (i, line) in fixture_lines().iter().enumerate() {
        assert_eq!(line.seq, i as u64 + 1);
        assert_eq!(line.raw[0], codec::FORMAT_VERSION, "record {}", line.seq);
        let d = codec::decode_record(&line.raw).unwrap_or_else(|e| panic!("record {}: {e}", line.seq));
        assert_eq!(codec::reencode(&d).unwrap(), line.raw, "record {} re-encodes differently", line.seq);
        match &d.signature {
            None => assert_eq!(line.seq, 1, "only the opening record is unsigned"),
            Some(sig) => assert!(signing::check(&prev, &line.raw[..d.body_len], sig), "record {}", line.seq),
        }
        prev = link(&prev, &line.raw);
    }
}

#[test]
fn the_generator_still_writes_the_fixture() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = generate(&dir.path().join("ledger"));
    let committed = std::fs::read(FIXTURE).unwrap();
    assert!(
        fresh.starts_with(&committed),
        "the golden generator no longer reproduces fixtures/golden/v2.jsonl byte for byte"
    );
}

/// Writes `fixtures/golden/v2.jsonl` and `v2.digest`; the committed file
/// must stay a prefix of what it writes.
#[test]
#[ignore = "writes the golden fixture; run on purpose only"]
fn regenerate() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = generate(&dir.path().join("ledger"));
    if let Ok(committed) = std::fs::read(FIXTURE) {
        assert!(fresh.starts_with(&committed), "refusing to rewrite released golden records");
    }
    let last = fresh.split(|b| *b == b'\n').rfind(|l| !l.is_empty()).unwrap();
    let v: serde_json::Value = serde_json::from_slice(last).unwrap();
    let head = format!("{}:{}", v["seq"], v["hash"].as_str().unwrap());
    let mut digests = std::fs::read_to_string(DIGESTS).unwrap_or_default();
    if digests.lines().last() != Some(head.as_str()) {
        digests.push_str(&head);
        digests.push('\n');
    }
    std::fs::write(FIXTURE, &fresh).unwrap();
    std::fs::write(DIGESTS, digests).unwrap();
    eprintln!("wrote {FIXTURE} (head {head})");
}

fn generate(path: &Path) -> Vec<u8> {
    let mut ledger = Ledger::create(path).unwrap();
    golden_history(&mut ledger);
    let mut out = Vec::new();
    export::export(&ledger, &mut out).unwrap();
    out
}

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::ymd(y, m, day).unwrap()
}

/// The signed golden history: fixed seeds, so the same keys and signatures
/// every run (ed25519 signatures are deterministic).
fn golden_history(ledger: &mut Ledger) {
    let dana = Signer::from_seed([0xD1; 32]);
    let lee = Signer::from_seed([0x1E; 32]);
    let lee_new = Signer::from_seed([0x1F; 32]);
    let ari = Signer::from_seed([0xA1; 32]);
    let mut put = |at: &str, actor: &str, signer: Option<&Signer>, events: Vec<Event>| {
        let entries =
            events.into_iter().map(|event| Entry { actor: actor.to_string(), event, signer }).collect();
        ledger.append_entries(entries, Timestamp::parse(at).unwrap()).unwrap();
    };
    put(
        "2026-02-02T09:00:00Z",
        "Dana",
        None,
        vec![Event::LedgerOpened {
            company: "Acme Zürich".into(),
            ceo: "Dana".into(),
            leader: "Lee".into(),
            currency: "USD".into(),
            fiscal_year_start: 1,
            cadence: candor::core::vocab::Cadence::Weekly,
        }],
    );
    // The bootstrap: the CEO's first key signs its own registration.
    put(
        "2026-02-02T09:00:01Z",
        "Dana",
        Some(&dana),
        vec![Event::MemberKeyAdded { name: "Dana".into(), key: dana.public() }],
    );
    put(
        "2026-02-02T09:00:02Z",
        "Dana",
        Some(&dana),
        vec![Event::MemberKeyAdded { name: "Lee".into(), key: lee.public() }],
    );
    put(
        "2026-02-02T09:10:00Z",
        "Dana",
        Some(&dana),
        vec![Event::GoalSet { period: Period::parse("2026-Q1").unwrap(), amount: Money(100_000_000) }],
    );
    put(
        "2026-02-03T10:00:00Z",
        "Lee",
        Some(&lee),
        vec![Event::DealOpened {
            id: "D-1".into(),
            account: "Hooli".into(),
            amount: Money(5_000_000),
            close: d(2026, 3, 31),
            stage: None,
            probability: None,
            on: d(2026, 2, 3),
        }],
    );
    put(
        "2026-02-04T09:00:00Z",
        "Dana",
        Some(&dana),
        vec![Event::MemberAdded { name: "Ari Kovač".into(), role: Role::Advisor, key: Some(ari.public()) }],
    );
    // Rotation: Lee adds a new key, signing with the old one; the CEO then
    // revokes the old key.
    put(
        "2026-02-05T09:00:00Z",
        "Lee",
        Some(&lee),
        vec![Event::MemberKeyAdded { name: "Lee".into(), key: lee_new.public() }],
    );
    put(
        "2026-02-05T09:30:00Z",
        "Dana",
        Some(&dana),
        vec![Event::MemberRemoved {
            name: "Lee".into(),
            key: Some(lee.public()),
            reason: "laptop lost".into(),
        }],
    );
    put(
        "2026-02-06T11:00:00Z",
        "Lee",
        Some(&lee_new),
        vec![Event::CommitmentMade {
            id: "C-1".into(),
            owner: "Lee".into(),
            what: "Send Hooli the phased offer".into(),
            due: d(2026, 2, 13),
            meeting: None,
            on: d(2026, 2, 6),
        }],
    );
    put(
        "2026-02-09T09:00:00Z",
        "Dana",
        Some(&dana),
        vec![Event::MemberRemoved {
            name: "Ari Kovač".into(), key: None, reason: "engagement ended".into()
        }],
    );
    // People change: the CEO corrects the leader's name, adds a new leader
    // with a key, and hands the leader's role over; the renamed member
    // then signs as the new name with the same key.
    put(
        "2026-02-10T09:00:00Z",
        "Dana",
        Some(&dana),
        vec![Event::MemberRenamed { from: "Lee".into(), to: "Lee Chen".into(), reason: "full name".into() }],
    );
    put(
        "2026-02-10T09:05:00Z",
        "Lee Chen",
        Some(&lee_new),
        vec![Event::CommitmentDone { id: "C-1".into(), on: d(2026, 2, 10) }],
    );
    let kim = Signer::from_seed([0x4B; 32]);
    put(
        "2026-02-11T09:00:00Z",
        "Dana",
        Some(&dana),
        vec![Event::MemberAdded { name: "Kim Ito".into(), role: Role::Advisor, key: Some(kim.public()) }],
    );
    put(
        "2026-02-11T09:10:00Z",
        "Dana",
        Some(&dana),
        vec![Event::RoleHandedOver {
            role: Role::Leader,
            to: "Kim Ito".into(),
            reason: "Lee Chen moves to the EMEA team".into(),
            on: d(2026, 2, 11),
        }],
    );
    // New events go here, after everything above, with later recording times.
}
