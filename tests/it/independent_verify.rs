//! Independent verification: `docs/verify_export.py`, written from
//! docs/events.md alone (Python with the blake3 and cryptography packages, no
//! candor code), re-verifies a real export — chain, signatures and signers —
//! and names the first line that was tampered with.
//!
//! Without `python3` and those packages these tests print a notice and pass,
//! unless CANDOR_REQUIRE_PYTHON=1 (set in CI), where they fail.

use crate::env::{finish, Run, TestEnv};
use crate::forge;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use candor::core::{Envelope, Event};
use candor::ledger::codec;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/verify_export.py");
const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/golden/v1.jsonl");
const GOLDEN_DIGEST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/golden/v1.digest");
const GOLDEN_V2: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/golden/v2.jsonl");
/// More than one sealed chunk's worth (256), plus the three records of `init`.
const SYNTHETIC: u64 = 300;
const IMPORTS: &str = "import blake3, cryptography.hazmat.primitives.asymmetric.ed25519";

/// Whether `python3` can import `blake3`. If not: a notice and `false`, or a
/// failure when CANDOR_REQUIRE_PYTHON=1.
pub fn python_ready() -> bool {
    let ready = Command::new("python3").args(["-c", IMPORTS]).output().is_ok_and(|o| o.status.success());
    if !ready {
        let required = std::env::var("CANDOR_REQUIRE_PYTHON").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "CANDOR_REQUIRE_PYTHON=1 but `python3 -c '{IMPORTS}'` fails; pip install blake3 cryptography"
        );
        eprintln!(
            "notice: skipping the independent verification test: python3 with the blake3 and cryptography \
             packages is not available (pip install blake3 cryptography; CANDOR_REQUIRE_PYTHON=1 makes this \
             a failure)"
        );
    }
    ready
}

fn run_script(file: &Path) -> Run {
    finish(Command::new("python3").arg(SCRIPT).arg(file).output().expect("run python3"))
}

/// A ledger with a sealed chunk and an open tail, exported through the CLI.
fn exported() -> (TestEnv, PathBuf, Vec<String>) {
    let env = TestEnv::with_ledger();
    env.append_synthetic(SYNTHETIC);
    let file = env.path("export.jsonl");
    env.run(&["export", "--output", file.to_str().unwrap()]).ok();
    let lines = std::fs::read_to_string(&file).unwrap().lines().map(String::from).collect();
    (env, file, lines)
}

#[test]
fn the_script_verifies_a_real_export_and_agrees_with_candor_digest() {
    if !python_ready() {
        return;
    }
    let (env, file, lines) = exported();
    assert_eq!(lines.len() as u64, SYNTHETIC + 3);
    let run = run_script(&file).ok();
    // Only ledger_opened precedes the CEO's first key.
    let signed = SYNTHETIC + 2;
    assert_eq!(
        run.stdout,
        format!("ok: {} records, head {} ({signed} signed, 1 unsigned)\n", SYNTHETIC + 3, env.digest())
    );
}

#[test]
fn the_script_verifies_the_golden_ledger_with_every_event_kind() {
    if !python_ready() {
        return;
    }
    let pinned = std::fs::read_to_string(GOLDEN_DIGEST).unwrap();
    let head = pinned.lines().last().unwrap().trim();
    let run = run_script(Path::new(GOLDEN)).ok();
    assert!(run.stdout.contains(&format!("head {head} (0 signed, 69 unsigned)")), "{}", run.stdout);
    let run = run_script(Path::new(GOLDEN_V2)).ok();
    assert!(run.stdout.contains("(13 signed, 1 unsigned)"), "{}", run.stdout);
}

fn field(line: &str, name: &str) -> String {
    let v: Value = serde_json::from_str(line).unwrap();
    v[name].as_str().unwrap().to_string()
}

fn with_field(line: &str, name: &str, value: String) -> String {
    with_value(line, name, Value::String(value))
}

fn with_value(line: &str, name: &str, value: Value) -> String {
    let mut v: Value = serde_json::from_str(line).unwrap();
    v[name] = value;
    serde_json::to_string(&v).unwrap()
}

/// Rewrites line `n`'s record bytes with `edit` and re-chains every line from
/// there (new hashes and prevs), as a forger who knows the hash rule would.
fn forge(lines: &[String], n: usize, edit: impl FnOnce(&mut Vec<u8>)) -> Vec<String> {
    let mut out = lines.to_vec();
    let mut raw = B64.decode(field(&out[n - 1], "raw")).unwrap();
    edit(&mut raw);
    out[n - 1] = with_field(&out[n - 1], "raw", B64.encode(&raw));
    let mut prev = field(&out[n - 1], "prev");
    for line in &mut out[n - 1..] {
        let raw = B64.decode(field(line, "raw")).unwrap();
        let mut h = blake3::Hasher::new();
        h.update(&hex(&prev));
        h.update(&raw);
        let hash = h.finalize().to_hex().to_string();
        *line = with_field(&with_field(line, "prev", prev), "hash", hash.clone());
        prev = hash;
    }
    out
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

/// Runs the script on `lines`, expecting exit 1 and a message naming line
/// `bad` with `reason`; returns the file it wrote.
#[track_caller]
fn script_rejects(env: &TestEnv, name: &str, lines: &[String], bad: usize, reason: &str) -> PathBuf {
    let file = env.path(&format!("{name}.jsonl"));
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let run = run_script(&file).code(1);
    assert!(
        run.stdout.starts_with(&format!("FAILED at line {bad}: ")) && run.stdout.contains(reason),
        "{name}: expected line {bad} ({reason}), got: {}",
        run.stdout
    );
    file
}

/// Runs the script on `lines`, expecting exit 1 and a message naming line
/// `bad` with `reason`; `candor restore` must refuse the same file.
#[track_caller]
fn rejects(env: &TestEnv, name: &str, lines: &[String], bad: usize, reason: &str) {
    let file = script_rejects(env, name, lines, bad, reason);
    let copy = TestEnv::new();
    let restore = copy.run(&["restore", file.to_str().unwrap()]);
    assert_ne!(restore.code, 0, "{name}: candor restore accepted what the script rejects");
}

#[test]
fn the_script_names_the_first_tampered_line() {
    if !python_ready() {
        return;
    }
    let (env, _, lines) = exported();

    let mut flipped = lines.clone();
    let mut raw = B64.decode(field(&lines[4], "raw")).unwrap();
    let mid = raw.len() / 2;
    raw[mid] ^= 0x01;
    flipped[4] = with_field(&lines[4], "raw", B64.encode(&raw));
    rejects(&env, "flipped-raw", &flipped, 5, "hash is not blake3");

    // In the open tail rather than the sealed chunk (export makes no difference).
    let mut flipped_tail = lines.clone();
    let mut raw = B64.decode(field(&lines[279], "raw")).unwrap();
    *raw.last_mut().unwrap() ^= 0x80;
    flipped_tail[279] = with_field(&lines[279], "raw", B64.encode(&raw));
    rejects(&env, "flipped-tail", &flipped_tail, 280, "hash is not blake3");

    let mut rehashed = lines.clone();
    let hash = field(&lines[6], "hash");
    let other = if hash.starts_with('0') { "1" } else { "0" };
    rehashed[6] = with_field(&lines[6], "hash", format!("{other}{}", &hash[1..]));
    rejects(&env, "changed-hash", &rehashed, 7, "hash is not blake3");

    let mut deleted = lines.clone();
    deleted.remove(8);
    rejects(&env, "deleted-line", &deleted, 9, "seq is 10 where 9 was expected");

    let mut swapped = lines.clone();
    swapped.swap(2, 3);
    rejects(&env, "swapped-lines", &swapped, 3, "seq is 4 where 3 was expected");

    let mut relinked = lines.clone();
    relinked[11] = with_field(&lines[11], "prev", field(&lines[9], "hash"));
    rejects(&env, "broken-link", &relinked, 12, "prev is not the previous line's hash");

    // Forgeries that recompute every hash after the change: the chain holds,
    // but the format checks do not.
    let reseq = forge(&lines, 2, |raw| {
        assert_eq!(raw[1], 2, "seq 2 is the one-byte varint 0x02");
        raw[1] = 3;
    });
    rejects(&env, "forged-seq", &reseq, 2, "the record bytes hold seq 3 but the line is 2");
    let version = forge(&lines, 6, |raw| raw[0] = 3);
    rejects(&env, "forged-version", &version, 6, "record format version is 03");
}

/// Re-chains every line from `n` on, as `forge` does, after `edit` changed
/// line `n` itself (its bytes and fields).
fn rechain_from(lines: &[String], n: usize, edit: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut out = lines.to_vec();
    let mut v: Value = serde_json::from_str(&out[n - 1]).unwrap();
    edit(&mut v);
    out[n - 1] = serde_json::to_string(&v).unwrap();
    forge(&out, n, |_| {})
}

#[test]
fn the_script_catches_forged_stripped_and_moved_signatures() {
    if !python_ready() {
        return;
    }
    let (env, _, lines) = exported();
    // Random bytes in place of line 50's signature, the chain recomputed.
    let forged = forge(&lines, 50, |raw| {
        let n = raw.len();
        raw[n - 64..].copy_from_slice(&[0x5a; 64]);
    });
    rejects(&env, "forged-signature", &forged, 50, "bad signature");
    // A changed record keeps its old signature: it no longer verifies.
    let edited = forge(&lines, 60, |raw| {
        let at = raw.windows(5).position(|w| w == b"north").expect("synthetic text");
        raw[at] = b'N';
    });
    rejects(&env, "edited-signed-record", &edited, 60, "bad signature");
    // The signature stripped (trailer 00, no signed_by).
    let stripped = rechain_from(&lines, 70, |v| {
        let mut raw = B64.decode(v["raw"].as_str().unwrap()).unwrap();
        raw.truncate(raw.len() - 97);
        raw.push(0);
        v["raw"] = Value::String(B64.encode(&raw));
        v.as_object_mut().unwrap().remove("signed_by");
    });
    rejects(&env, "stripped-signature", &stripped, 70, "unsigned record after the ledger's first key");
    // Line 80's valid signature moved onto line 81: it was made after
    // another previous hash and over other bytes.
    let moved = rechain_from(&lines, 81, |v| {
        let donor = B64.decode(field(&lines[79], "raw")).unwrap();
        let mut raw = B64.decode(v["raw"].as_str().unwrap()).unwrap();
        let n = raw.len();
        raw[n - 64..].copy_from_slice(&donor[donor.len() - 64..]);
        v["raw"] = Value::String(B64.encode(&raw));
    });
    rejects(&env, "moved-signature", &moved, 81, "bad signature");
}

#[test]
fn a_consistent_forgery_verifies_but_its_head_differs_from_the_digest() {
    if !python_ready() {
        return;
    }
    let (env, _, lines) = exported();
    let digest = env.digest();
    // Truncation and a re-chained rewrite both leave a well-formed chain:
    // only a digest kept elsewhere tells them from the real history.
    let file = env.path("truncated.jsonl");
    std::fs::write(&file, lines[..lines.len() - 1].join("\n") + "\n").unwrap();
    let run = run_script(&file).ok();
    assert!(!run.stdout.contains(&digest), "{}", run.stdout);
    // A re-chained rewrite of an unsigned ledger (the first release's
    // format) also holds together; signed records would not (see above).
    let golden: Vec<String> = std::fs::read_to_string(GOLDEN).unwrap().lines().map(String::from).collect();
    // A consistent forger rewrites the readable fields to match the bytes.
    let forged = rechain_from(&golden, 1, |v| {
        let mut raw = B64.decode(v["raw"].as_str().unwrap()).unwrap();
        let at = raw.windows(4).position(|w| w == b"Acme").expect("the company's name");
        raw[at] = b'B';
        v["raw"] = Value::String(B64.encode(&raw));
        v["event"]["ledger_opened"]["company"] = json!("Bcme Zürich");
    });
    let file = env.path("rechained.jsonl");
    std::fs::write(&file, forged.join("\n") + "\n").unwrap();
    let run = run_script(&file).ok();
    assert!(run.stdout.starts_with(&format!("ok: {} records, head {}:", golden.len(), golden.len())));
    let pinned = std::fs::read_to_string(GOLDEN_DIGEST).unwrap();
    assert!(!run.stdout.contains(pinned.lines().last().unwrap()), "{}", run.stdout);
}

/// A line's readable fields rewritten, its bytes unchanged: the chain and the
/// signature still hold, so only reading the members from `raw` catches it.
/// (Believing the JSON, the CEO-signed line 3 would register an attacker's
/// key for the CEO, and records signed with it would pass as the CEO's.)
#[test]
fn the_script_judges_the_record_bytes_not_the_readable_fields() {
    if !python_ready() {
        return;
    }
    let (env, _, lines) = exported();
    let attacker = format!("ed25519:{}", "ab".repeat(32));
    let grant = json!({ "member_key_added": { "name": "Dana", "key": attacker } });
    // Line 3: the CEO registers the leader's key, signed by the CEO.
    assert!(lines[2].contains("\"member_key_added\"") && lines[2].contains("\"signed_by\""));
    let mut rewritten = lines.clone();
    rewritten[2] = with_value(&lines[2], "event", grant.clone());
    let reason = "the line's member_key_added name disagrees with the record bytes ('Lee')";
    rejects(&env, "rewritten-event", &rewritten, 3, reason);
    // A signed synthetic record shown as a key registration.
    let mut rekinded = lines.clone();
    rekinded[49] = with_value(&lines[49], "event", grant);
    rejects(
        &env,
        "rewritten-kind",
        &rekinded,
        50,
        "the line's event 'member_key_added' disagrees with the record bytes",
    );
    let mut reattributed = lines.clone();
    let other = if field(&lines[39], "actor") == "Dana" { "Lee" } else { "Dana" };
    reattributed[39] = with_field(&lines[39], "actor", other.into());
    rejects(&env, "rewritten-actor", &reattributed, 40, &format!("the line's actor '{other}' disagrees"));
}

/// `env`'s records, decoded from its export.
fn envelopes(env: &TestEnv) -> Vec<Envelope> {
    let export = env.run(&["export"]).ok().stdout;
    export.lines().map(|l| codec::decode(&B64.decode(field(l, "raw")).unwrap()).unwrap()).collect()
}

fn lines_of(text: String) -> Vec<String> {
    text.lines().map(String::from).collect()
}

/// Records that re-chain and (where signed) verify, but would let the member
/// fold be rewritten: a second opening, a key registered without a
/// signature, a key registered twice.
#[test]
fn the_script_refuses_a_second_opening_and_unsigned_or_repeated_key_registrations() {
    if !python_ready() {
        return;
    }
    let env = TestEnv::with_ledger();
    let envs = envelopes(&env);
    let keys = forge::signers(&env);
    let unsigned = HashMap::new();

    let mut reopened = envs[0].clone();
    reopened.seq = 2;
    if let Event::LedgerOpened { ceo, .. } = &mut reopened.event {
        *ceo = "Mallory".into();
    }
    let text = forge::signed_export(&[envs[0].clone(), reopened], &unsigned);
    rejects(&env, "second-opening", &lines_of(text), 2, "ledger_opened after record 1");

    // The CEO's first key, its registration left unsigned.
    let text = forge::signed_export(&envs[..2], &unsigned);
    rejects(&env, "unsigned-key", &lines_of(text), 2, "an unsigned record may not register a key");

    // The CEO's key registered again, now as the leader's.
    let mut again = envs[2].clone();
    again.seq = 4;
    again.event = Event::MemberKeyAdded { name: "Lee".into(), key: keys["Dana"].public() };
    let text = forge::signed_export(&[envs[0].clone(), envs[1].clone(), envs[2].clone(), again], &keys);
    let reason = format!("{} is already registered (record 2)", keys["Dana"].public());
    rejects(&env, "repeated-key", &lines_of(text), 4, &reason);
}
