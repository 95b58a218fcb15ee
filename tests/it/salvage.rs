//! Salvage reads a damaged store without sled: it never returns a record
//! that does not verify, and it recovers every record that still has an
//! intact copy before the damage.

use crate::env::TestEnv;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use candor::ledger::salvage::{salvage, Outcome};
use candor::ledger::StoredRecord;
use std::collections::HashMap;
use std::fs;
use std::path::Path;

const RECORDS: u64 = 240; // plus the three records `init` writes

/// The original export's records, in order.
fn original(env: &TestEnv) -> (String, Vec<StoredRecord>) {
    let text = env.run(&["export"]).ok().stdout;
    let records = text
        .lines()
        .map(|l| {
            let j: serde_json::Value = serde_json::from_str(l).unwrap();
            StoredRecord {
                seq: j["seq"].as_u64().unwrap(),
                hash: candor::ledger::Hash::from_hex(j["hash"].as_str().unwrap()).unwrap(),
                bytes: B64.decode(j["raw"].as_str().unwrap()).unwrap(),
            }
        })
        .collect();
    (text, records)
}

/// Every byte range of `db` holding an exact frame of each record, by seq.
fn frame_copies(db: &[u8], records: &[StoredRecord]) -> HashMap<u64, Vec<(usize, usize)>> {
    let by_hash: HashMap<[u8; 32], &StoredRecord> = records.iter().map(|r| (r.hash.0, r)).collect();
    let mut copies: HashMap<u64, Vec<(usize, usize)>> = HashMap::new();
    for i in 0..db.len().saturating_sub(37) {
        // A record starts with its format version: 1 (first release) or 2.
        if !matches!(db[i + 36], 1 | 2) {
            continue;
        }
        let Some(r) = db[i + 4..i + 36].try_into().ok().and_then(|h: [u8; 32]| by_hash.get(&h)) else {
            continue;
        };
        let end = i + 36 + r.bytes.len();
        if db[i..i + 4] == (r.bytes.len() as u32).to_le_bytes() && db.get(i + 36..end) == Some(&r.bytes[..]) {
            copies.entry(r.seq).or_default().push((i, end));
        }
    }
    copies
}

/// The records that must survive a flip at `at`: the prefix whose every
/// record keeps at least one copy that does not cover `at`.
fn must_survive(copies: &HashMap<u64, Vec<(usize, usize)>>, at: usize) -> u64 {
    (1..)
        .take_while(|seq| copies.get(seq).is_some_and(|cs| cs.iter().any(|(s, e)| at < *s || at >= *e)))
        .count() as u64
}

fn salvaged(dir: &Path) -> (Outcome, Vec<StoredRecord>) {
    let mut got = Vec::new();
    let outcome = salvage(dir, |r, _| {
        got.push(r.clone());
        Ok(())
    })
    .unwrap();
    (outcome, got)
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn flip(dir: &Path, at: usize) {
    let mut db = fs::read(dir.join("db")).unwrap();
    db[at] ^= 0xff;
    fs::write(dir.join("db"), db).unwrap();
}

#[test]
fn salvage_of_an_undamaged_store_equals_the_export() {
    let env = TestEnv::with_ledger();
    env.append_synthetic(30);
    let (export, _) = original(&env);
    let out = env.path("salvaged.jsonl");
    let run =
        env.run(&["salvage", env.ledger_dir().to_str().unwrap(), "--output", out.to_str().unwrap()]).ok();
    assert!(run.stdout.contains("recovered all 33 records up to the head"), "{}", run.stdout);
    assert_eq!(fs::read_to_string(&out).unwrap(), export);
    // Never overwrites; an unreadable directory is exit 3; nothing found is exit 1, no file left.
    let again = env.run(&["salvage", env.ledger_dir().to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(again.code(2).stderr.contains("already exists"));
    assert_eq!(fs::read_to_string(&out).unwrap(), export);
    env.run(&["salvage", env.path("nowhere").to_str().unwrap(), "-o", "x.jsonl"]).code(3);
    fs::create_dir(env.path("empty")).unwrap();
    fs::write(env.path("empty/db"), vec![7u8; 5000]).unwrap();
    env.run(&["salvage", env.path("empty").to_str().unwrap(), "-o", "x.jsonl"]).code(1);
    assert!(!env.path("x.jsonl").exists());
}

#[test]
fn salvage_after_flipped_bytes_returns_only_verified_records_and_all_before_the_damage() {
    let env = TestEnv::with_ledger();
    env.append_synthetic(RECORDS);
    let (_, records) = original(&env);
    let db = fs::read(env.ledger_dir().join("db")).unwrap();
    let copies = frame_copies(&db, &records);
    // Evenly spread offsets, plus the only copy of the head record.
    let mut offsets: Vec<usize> = (0..140).map(|k| k * db.len() / 140 + k % 37).collect();
    let last_copies = &copies[&records.last().unwrap().seq];
    offsets.extend(last_copies.iter().flat_map(|(s, e)| [*s, s + 20, s + 40, e - 1]));
    let mut cut_short = 0;
    for (k, at) in offsets.into_iter().enumerate() {
        let dir = env.path(&format!("copy{k}"));
        copy_dir(&env.ledger_dir(), &dir);
        flip(&dir, at);
        let (outcome, got) = salvaged(&dir);
        let need = must_survive(&copies, at);
        assert!(
            outcome.records >= need,
            "flip at {at}: recovered {} of the {need} that survive",
            outcome.records
        );
        assert_eq!(outcome.records, got.len() as u64);
        for (r, orig) in got.iter().zip(&records) {
            assert_eq!(r, orig, "flip at {at}: record {} differs from the original", r.seq);
        }
        if outcome.records < records.len() as u64 {
            cut_short += 1;
            assert!(!outcome.reached_head(), "flip at {at}");
        }
        if k % 40 == 0 || outcome.records < records.len() as u64 {
            restores_and_verifies(&env, &dir, k, &got);
        }
        fs::remove_dir_all(&dir).unwrap();
    }
    // sled may hold the head record more than once (a page rewritten by its
    // background flusher): damage every copy, and the salvage must stop
    // before it.
    let dir = env.path("every-copy");
    copy_dir(&env.ledger_dir(), &dir);
    for (start, _) in last_copies {
        flip(&dir, start + 20);
    }
    let (outcome, got) = salvaged(&dir);
    assert_eq!(outcome.records, records.len() as u64 - 1, "every copy of the head record damaged");
    assert!(!outcome.reached_head());
    for (r, orig) in got.iter().zip(&records) {
        assert_eq!(r, orig, "record {} differs from the original", r.seq);
    }
    assert!(cut_short > 0 || last_copies.len() > 1, "a single copy of the head record was never hit");
}

/// The CLI's export of `dir` restores into a fresh ledger that verifies.
fn restores_and_verifies(env: &TestEnv, dir: &Path, k: usize, got: &[StoredRecord]) {
    let out = env.path(&format!("salvage{k}.jsonl"));
    let run = env.run(&["salvage", dir.to_str().unwrap(), "-o", out.to_str().unwrap()]).ok();
    let n = got.len();
    if n < (RECORDS + 1) as usize {
        assert!(run.stdout.contains(&format!("stopped: no valid record {}", n + 1)), "{}", run.stdout);
        assert!(run.stdout.contains(&format!("head names record {}", RECORDS + 1)), "{}", run.stdout);
    }
    let fresh = env.path(&format!("fresh{k}"));
    let with = |args: &[&str]| {
        let mut c = env.command(args);
        c.env("CANDOR_LEDGER", &fresh);
        crate::env::finish(c.output().unwrap())
    };
    with(&["restore", out.to_str().unwrap()]).ok();
    let v = with(&["verify"]).ok();
    assert!(v.stdout.contains(&format!("ok: {n} records verified")), "{}", v.stdout);
}

#[test]
fn salvage_never_writes_inside_the_store_it_reads() {
    let env = crate::env::TestEnv::with_ledger();
    let inside = env.ledger_dir().join("rescued.jsonl");
    let run = env.run(&["salvage", env.ledger_dir().to_str().unwrap(), "--output", inside.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--output"), "{}", run.stderr);
    assert!(!inside.exists());
}

/// A clock reset steps back in time; salvage follows the chain's own rule
/// for it, as verify and restore do, and recovers past it.
#[test]
fn salvage_recovers_past_a_clock_reset() {
    let env = crate::env::TestEnv::new();
    let golden = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/golden/v1.jsonl");
    env.run(&["restore", "--skip-revalidation", golden]).ok();
    let export = env.run(&["export"]).ok().stdout;
    assert!(export.contains("clock_reset"), "the golden ledger holds a reset");
    let out = env.path("rescued.jsonl");
    env.run(&["salvage", env.ledger_dir().to_str().unwrap(), "--output", out.to_str().unwrap()]).ok();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), export);
}
