//! Signed records: `verify` checks every record's signature and who signed
//! it along the chain, and `restore` refuses the same records before
//! writing anything. Each forgery here is appended with the library, as
//! someone with write access to the store (and some of the keys) would.

use crate::env::TestEnv;
use crate::forge;
use candor::core::{Envelope, Event, Money, Period, PublicKey, Timestamp};
use candor::ledger::chain::link;
use candor::ledger::codec::{self, Signature};
use candor::ledger::{Hash, Ledger, Signer, StoredRecord};
use serde_json::Value;

const AT: &str = "2026-01-05T09:00:00Z";

/// Appends one record made by `make(prev hash, envelope body)` for `event`
/// by `actor`, bypassing every command; returns its seq.
fn append(env: &TestEnv, actor: &str, event: Event, make: impl FnOnce(&Hash, Vec<u8>) -> Vec<u8>) -> u64 {
    let ledger = Ledger::open_for_write(&env.ledger_dir()).unwrap();
    let head = ledger.head().unwrap();
    let at = Timestamp::parse(AT).unwrap();
    let seq = head.seq + 1;
    let envelope = Envelope { seq, recorded_at: at, actor: actor.into(), event };
    let bytes = make(&head.hash, codec::encode_body(&envelope).unwrap());
    let hash = link(&head.hash, &bytes);
    ledger.append_chained(vec![StoredRecord { seq, hash, bytes }], at).unwrap();
    seq
}

/// Signed by `signer` over the previous hash, as a command would.
fn signed_by(signer: &Signer) -> impl FnOnce(&Hash, Vec<u8>) -> Vec<u8> + '_ {
    move |prev, body| {
        let sig = signer.sign(prev, &body);
        codec::finish(body, Some(&sig))
    }
}

fn goal() -> Event {
    Event::GoalSet { period: Period::parse("2026-Q1").unwrap(), amount: Money(10_000_000) }
}

fn deal() -> Event {
    let on = Timestamp::parse(AT).unwrap().date();
    Event::DealOpened {
        id: "D-9".into(),
        account: "Initech".into(),
        amount: Money(10_000),
        close: on,
        stage: None,
        probability: None,
        on,
    }
}

/// A first-release ledger: record 1 opens it (CEO Dana), no key anywhere.
fn keyless_ledger(env: &TestEnv) {
    let mut ledger = Ledger::create(&env.ledger_dir()).unwrap();
    let at = Timestamp::parse(AT).unwrap();
    ledger.append("Dana", vec![candor::ledger::synthetic::event(1, at.date())], at).unwrap();
}

/// `verify` exits 1 with exactly these records bad, each reason containing
/// its text; the table names them too. Then a restore of the ledger's
/// export is refused, exit 2, naming the first, and writes nothing.
#[track_caller]
fn bad(env: &TestEnv, expected: &[(u64, &str)]) {
    let run = env.run(&["verify", "--format", "json"]).code(1);
    let j = run.json();
    assert_eq!(j["ok"], false);
    let got = j["signatures"]["bad"].as_array().unwrap();
    let seqs: Vec<u64> = got.iter().map(|b| b["seq"].as_u64().unwrap()).collect();
    assert_eq!(seqs, expected.iter().map(|(s, _)| *s).collect::<Vec<_>>(), "{got:?}");
    for (b, (seq, why)) in got.iter().zip(expected) {
        assert!(b["reason"].as_str().unwrap().contains(why), "record {seq}: {b}");
    }
    assert_eq!(j["first_bad_seq"], expected[0].0, "a sound chain fails at its first bad signature");
    let table = env.run(&["verify"]).code(1).stdout;
    assert!(table.contains(&format!("{} bad", expected.len())), "{table}");
    assert!(table.contains(&format!("FAILED signature at record {}", expected[0].0)), "{table}");

    let file = env.path("forged.jsonl");
    env.run(&["export", "--output", file.to_str().unwrap()]).ok();
    let target = TestEnv::new();
    let run = target.run(&["restore", file.to_str().unwrap()]).code(2);
    let line = format!("export line {}: signature", expected[0].0);
    assert!(run.stderr.contains(&line), "expected '{line}': {}", run.stderr);
    assert!(!target.ledger_dir().exists(), "restore created the ledger");
    // Not even when revalidation is skipped: signatures are not a rule of today.
    target.run(&["restore", file.to_str().unwrap(), "--skip-revalidation"]).code(2);
    assert!(!target.ledger_dir().exists());
}

#[test]
fn a_two_member_ledger_verifies_with_every_record_after_the_first_signed() {
    let env = TestEnv::with_ledger();
    env.run(&["--as", "ceo", "goal", "set", "--period", "2026-Q1", "--amount", "1m"]).ok();
    env.append_synthetic(5);
    let j = env.run(&["verify", "--format", "json"]).ok().json();
    assert_eq!(j["ok"], true);
    let records = j["records"].as_u64().unwrap();
    assert_eq!(records, 9);
    // Record 1 (ledger_opened) precedes the CEO's key; the rest are signed.
    assert_eq!(j["signatures"], serde_json::json!({ "signed": records - 1, "unsigned": 1, "bad": [] }));
    let table = env.run(&["verify"]).ok().stdout;
    assert!(table.contains("signatures: 8 signed, 1 unsigned (before the first key), 0 bad"), "{table}");
    // And it restores to the same digest.
    let file = env.path("x.jsonl");
    env.run(&["export", "--output", file.to_str().unwrap()]).ok();
    let target = TestEnv::new();
    target.run(&["restore", file.to_str().unwrap()]).ok();
    assert_eq!(target.digest(), env.digest());
}

#[test]
fn a_forged_signature_is_bad() {
    let env = TestEnv::with_ledger();
    let dana = forge::signers(&env)["Dana"].public();
    let seq = append(&env, "Dana", goal(), |_, body| {
        codec::finish(body, Some(&Signature { key: dana, bytes: [0x5a; 64] }))
    });
    bad(&env, &[(seq, "bad signature")]);
}

#[test]
fn the_leaders_key_cannot_sign_as_the_ceo() {
    let env = TestEnv::with_ledger();
    let keys = forge::signers(&env);
    let seq = append(&env, "Dana", goal(), signed_by(&keys["Lee"]));
    bad(&env, &[(seq, "signed by Lee's key")]);
}

#[test]
fn a_valid_signature_moved_from_another_record_is_bad() {
    let env = TestEnv::with_ledger();
    let keys = forge::signers(&env);
    let first = append(&env, "Lee", deal(), signed_by(&keys["Lee"]));
    let donor = Ledger::open(&env.ledger_dir()).unwrap().record(first).unwrap().unwrap();
    let sig = codec::decode_record(&donor.bytes).unwrap().signature.unwrap();
    let mut other = deal();
    if let Event::DealOpened { id, .. } = &mut other {
        *id = "D-10".into();
    }
    let seq = append(&env, "Lee", other, |_, body| codec::finish(body, Some(&sig)));
    bad(&env, &[(seq, "bad signature")]);
}

#[test]
fn an_unsigned_record_after_the_first_key_is_bad() {
    let env = TestEnv::with_ledger();
    let seq = append(&env, "Lee", deal(), |_, body| codec::finish(body, None));
    bad(&env, &[(seq, "unsigned record after the ledger's first key (registered by record 2)")]);
}

#[test]
fn the_leader_cannot_register_a_key_for_the_ceo_and_that_key_signs_nothing() {
    let env = TestEnv::with_ledger();
    let keys = forge::signers(&env);
    let evil = Signer::from_seed([0xEE; 32]);
    let registered = append(
        &env,
        "Lee",
        Event::MemberKeyAdded { name: "Dana".into(), key: evil.public() },
        signed_by(&keys["Lee"]),
    );
    let as_dana = append(&env, "Dana", goal(), signed_by(&evil));
    bad(&env, &[(registered, "missing right 'members'"), (as_dana, "a key this ledger never registered")]);
}

#[test]
fn a_key_signs_nothing_after_its_removal() {
    let env = TestEnv::with_ledger();
    let keys = forge::signers(&env);
    let lee: PublicKey = keys["Lee"].public();
    let before = append(&env, "Lee", deal(), signed_by(&keys["Lee"]));
    let removal = Event::MemberRemoved { name: "Lee".into(), key: Some(lee), reason: "laptop lost".into() };
    let removed = append(&env, "Dana", removal, signed_by(&keys["Dana"]));
    let j = env.run(&["verify", "--format", "json"]).ok().json();
    assert_eq!(j["signatures"]["bad"], Value::Array(Vec::new()), "the CEO may revoke a key");
    assert_eq!(
        j["signatures"]["signed"],
        removed - 1,
        "record {before}, signed before the revocation, stays good"
    );
    let mut other = deal();
    if let Event::DealOpened { id, .. } = &mut other {
        *id = "D-10".into();
    }
    let seq = append(&env, "Lee", other, signed_by(&keys["Lee"]));
    bad(&env, &[(seq, &format!("revoked by record {removed}"))]);
}

#[test]
fn only_the_ceos_own_key_bootstraps_a_keyless_ledger() {
    // A first-release ledger: no keys, unsigned records, all fine.
    let env = TestEnv::new();
    let dir = env.ledger_dir();
    let mut ledger = Ledger::create(&dir).unwrap();
    let at = Timestamp::parse(AT).unwrap();
    ledger.append("Dana", vec![candor::ledger::synthetic::event(1, at.date())], at).unwrap();
    ledger.append("Lee", vec![deal()], at).unwrap();
    drop(ledger);
    let j = env.run(&["verify", "--format", "json"]).ok().json();
    assert_eq!(j["signatures"], serde_json::json!({ "signed": 0, "unsigned": 2, "bad": [] }));
    // The leader's key cannot be the first one, even signing itself.
    let lee = Signer::from_seed([0x1E; 32]);
    let seq =
        append(&env, "Lee", Event::MemberKeyAdded { name: "Lee".into(), key: lee.public() }, signed_by(&lee));
    bad(&env, &[(seq, "the ledger's first key must be the CEO's")]);
}

/// Regression: a second `ledger_opened`, signed by the leader, used to make
/// the leader a CEO to the member fold, who could then register a key in
/// the CEO's name.
#[test]
fn a_second_opening_names_no_new_ceo() {
    let env = TestEnv::with_ledger();
    let keys = forge::signers(&env);
    let reopened = Event::LedgerOpened {
        company: "Acme".into(),
        ceo: "Lee".into(),
        leader: "Lee".into(),
        currency: "USD".into(),
        fiscal_year_start: 1,
        cadence: candor::core::vocab::Cadence::Weekly,
    };
    let opened = append(&env, "Lee", reopened, signed_by(&keys["Lee"]));
    let evil = Signer::from_seed([0xEE; 32]);
    let registered = append(
        &env,
        "Lee",
        Event::MemberKeyAdded { name: "Dana".into(), key: evil.public() },
        signed_by(&keys["Lee"]),
    );
    let as_dana = append(&env, "Dana", goal(), signed_by(&evil));
    bad(
        &env,
        &[
            (opened, "ledger_opened after record 1"),
            (registered, "missing right 'members'"),
            (as_dana, "a key this ledger never registered"),
        ],
    );
}

/// Regression: while no key existed, an unsigned record could register a
/// key for anyone, and that person then held the ledger's only key.
#[test]
fn a_key_is_never_registered_by_an_unsigned_record() {
    let env = TestEnv::new();
    keyless_ledger(&env);
    let lee = Signer::from_seed([0x1E; 32]);
    let seq =
        append(&env, "Dana", Event::MemberKeyAdded { name: "Lee".into(), key: lee.public() }, |_, b| {
            codec::finish(b, None)
        });
    bad(&env, &[(seq, "an unsigned record registers")]);
}

/// Regression: registering a key already registered moved it to another
/// member (or undid its revocation).
#[test]
fn a_registered_key_cannot_be_registered_again() {
    let env = TestEnv::with_ledger();
    let keys = forge::signers(&env);
    let dana: PublicKey = keys["Dana"].public();
    let seq =
        append(&env, "Lee", Event::MemberKeyAdded { name: "Lee".into(), key: dana }, signed_by(&keys["Lee"]));
    bad(&env, &[(seq, "a key already registered to Dana")]);
    // Dana's own records still verify as hers: the key did not move.
    let j = env.run(&["member", "list", "--format", "json"]).ok().json();
    let lee_keys =
        j["members"].as_array().unwrap().iter().find(|m| m["name"] == "Lee").unwrap()["keys"].clone();
    assert_eq!(lee_keys.as_array().unwrap().len(), 1, "{lee_keys}");
}

/// On a first-release (keyless) ledger nobody but the CEO may register the
/// first key, from the command line as in a restore.
#[test]
fn the_command_line_registers_only_the_ceos_first_key() {
    let env = TestEnv::new();
    keyless_ledger(&env);
    let key = env.run(&["key", "new", "--name", "Lee"]).ok().stdout;
    let key = key.split_whitespace().find(|w| w.starts_with("ed25519:")).unwrap().to_string();
    env.refuses(
        &["--as", "ceo", "member", "key", "--name", "Lee", "--key", &key],
        "first key must be the CEO's",
    );
    let args = ["--as", "ceo", "member", "add", "--name", "Kim", "--role", "panelist", "--key", &key];
    env.refuses(&args, "first key must be the CEO's");
    let dana = env.run(&["key", "new", "--name", "Dana"]).ok().stdout;
    let dana = dana.split_whitespace().find(|w| w.starts_with("ed25519:")).unwrap().to_string();
    env.run(&["--as", "ceo", "member", "key", "--name", "Dana", "--key", &dana]).ok();
    let j = env.run(&["verify", "--format", "json"]).ok().json();
    assert_eq!(j["signatures"], serde_json::json!({ "signed": 1, "unsigned": 1, "bad": [] }));
}
