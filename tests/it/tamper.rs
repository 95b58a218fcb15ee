//! Tampering with the store or an export is always detected, with the first
//! bad sequence number and a reason.

use crate::env::{raw_db, TestEnv};
use candor::core::{Event, Timestamp};
use candor::ledger::chain::{link, Digest, Hash};
use candor::ledger::layout::{self, tail_key, HeadRecord, CHUNK};
use candor::ledger::verify::{verify, verify_in_passes_of};
use candor::ledger::{codec, synthetic, Ledger};

fn now() -> Timestamp {
    Timestamp::parse("2026-01-05T09:00:00Z").unwrap()
}

/// A ledger of `n` synthetic records in a fresh temporary directory.
fn ledger_with(n: u64) -> (tempfile::TempDir, Ledger) {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::create(&dir.path().join("l")).unwrap();
    let events: Vec<Event> = (1..=n).map(|i| synthetic::event(i, now().date())).collect();
    for batch in events.chunks(100) {
        ledger.append("Lee", batch.to_vec(), now()).unwrap();
    }
    (dir, ledger)
}

/// The first bad sequence number verify reports.
fn first_bad(ledger: &Ledger, digest: Option<Digest>) -> Option<u64> {
    verify(ledger, digest).unwrap().failure.map(|f| f.seq)
}

/// Which sled key holds `seq`, and where its frame starts in that value.
fn locate(ledger: &Ledger, seq: u64) -> (Vec<u8>, usize) {
    let sealed_upto = ledger.len() / CHUNK * CHUNK;
    if seq > sealed_upto {
        return (tail_key(seq).to_vec(), 0);
    }
    let key = layout::chunk_key(layout::chunk_of(seq)).to_vec();
    let value = ledger.raw_tree().get(&key).unwrap().unwrap();
    let frames = layout::split_frames(&value).unwrap();
    let index = (seq - layout::chunk_first_seq(layout::chunk_of(seq))) as usize;
    let offset: usize = frames[..index].iter().map(|f| 36 + f.record.len()).sum();
    (key, offset)
}

#[test]
fn every_flipped_byte_of_every_record_is_detected_at_its_record() {
    let (_dir, ledger) = ledger_with(6);
    let db = ledger.raw_tree();
    for seq in 1..=6 {
        let key = tail_key(seq);
        let original = db.get(key).unwrap().unwrap();
        for i in 0..original.len() {
            let mut bad = original.to_vec();
            bad[i] ^= 0x01;
            db.insert(key, bad).unwrap();
            assert_eq!(first_bad(&ledger, None), Some(seq), "flip of byte {i} of record {seq}");
        }
        db.insert(key, original).unwrap();
    }
    assert_eq!(first_bad(&ledger, None), None);
}

#[test]
fn flipped_bytes_inside_sealed_chunks_are_detected_at_their_record() {
    let (_dir, ledger) = ledger_with(CHUNK * 2 + 10);
    let db = ledger.raw_tree();
    for seq in [1, 2, CHUNK / 2, CHUNK, CHUNK + 1, 2 * CHUNK] {
        let (key, offset) = locate(&ledger, seq);
        let original = db.get(&key).unwrap().unwrap();
        // length field, stored hash, version byte, and the middle of the record
        let frame_len = 36 + ledger.record(seq).unwrap().unwrap().bytes.len();
        for at in [0, 3, 4, 20, 35, 36, 37, 120].into_iter().filter(|at| *at < frame_len) {
            let mut bad = original.to_vec();
            bad[offset + at] ^= 0x80;
            db.insert(&key, bad).unwrap();
            assert_eq!(first_bad(&ledger, None), Some(seq), "byte {at} of record {seq}");
        }
        db.insert(&key, original).unwrap();
    }
    assert_eq!(first_bad(&ledger, None), None);
}

#[test]
fn deleted_records_and_chunks_leave_a_gap() {
    let (_dir, ledger) = ledger_with(CHUNK * 2 + 10);
    let db = ledger.raw_tree();
    let v = db.remove(tail_key(2 * CHUNK + 4)).unwrap().unwrap();
    let f = verify(&ledger, None).unwrap().failure.unwrap();
    assert_eq!(f.seq, 2 * CHUNK + 4);
    assert!(f.reason.contains("missing"), "{}", f.reason);
    db.insert(tail_key(2 * CHUNK + 4), v).unwrap();
    db.remove(layout::chunk_key(1)).unwrap();
    assert_eq!(first_bad(&ledger, None), Some(CHUNK + 1));
}

#[test]
fn reordered_and_duplicated_records_are_detected() {
    let (_dir, ledger) = ledger_with(20);
    let db = ledger.raw_tree();
    let (a, b) = (db.get(tail_key(7)).unwrap().unwrap(), db.get(tail_key(9)).unwrap().unwrap());
    db.insert(tail_key(7), b.clone()).unwrap();
    db.insert(tail_key(9), a.clone()).unwrap();
    assert_eq!(first_bad(&ledger, None), Some(7));
    db.insert(tail_key(9), b).unwrap();
    db.insert(tail_key(8), a.clone()).unwrap(); // 7 then a copy of 7 at 8
    db.insert(tail_key(7), a).unwrap();
    let f = verify(&ledger, None).unwrap().failure.unwrap();
    assert_eq!(f.seq, 8, "{}", f.reason);
}

#[test]
fn a_cut_off_tail_is_a_head_mismatch_and_a_rewritten_head_fails_the_digest() {
    let (_dir, ledger) = ledger_with(30);
    let kept = ledger.head().unwrap();
    let db = ledger.raw_tree();
    for seq in 28..=30 {
        db.remove(tail_key(seq)).unwrap();
    }
    let f = verify(&ledger, None).unwrap().failure.unwrap();
    assert_eq!(f.seq, 28);
    assert!(f.reason.contains("head mismatch"), "{}", f.reason);
    // An attacker also rewrites the head: the chain alone is consistent again...
    let new_head = ledger.record(27).unwrap().unwrap();
    let head = HeadRecord { seq: 27, hash: new_head.hash, recorded_at_micros: now().micros() };
    db.insert(layout::HEAD_KEY, &head.to_bytes()[..]).unwrap();
    let reopened = reopen(ledger);
    assert_eq!(first_bad(&reopened, None), None);
    // ...but the digest kept outside the store proves the cut.
    let f = verify(&reopened, Some(kept)).unwrap().failure.unwrap();
    assert_eq!(f.seq, 28);
    assert!(f.reason.contains("cut off"), "{}", f.reason);
}

fn reopen(ledger: Ledger) -> Ledger {
    let path = ledger.path().to_path_buf();
    ledger.raw_tree().flush().unwrap();
    drop(ledger);
    Ledger::open(&path).unwrap()
}

/// Replaces record `seq` with a different event, re-hashing only that record.
fn rewrite_and_rehash_one(ledger: &Ledger, seq: u64) {
    let prev = if seq == 1 { Hash::ZERO } else { ledger.record(seq - 1).unwrap().unwrap().hash };
    let old = ledger.record(seq).unwrap().unwrap();
    let mut env = codec::decode(&old.bytes).unwrap();
    env.actor = "Mallory".into();
    let bytes = codec::encode(&env).unwrap();
    let mut frame = Vec::new();
    layout::push_frame(&mut frame, &link(&prev, &bytes), &bytes);
    ledger.raw_tree().insert(tail_key(seq), frame).unwrap();
}

#[test]
fn a_record_rewritten_and_rehashed_alone_breaks_the_next_link() {
    let (_dir, ledger) = ledger_with(12);
    rewrite_and_rehash_one(&ledger, 5);
    let f = verify(&ledger, None).unwrap().failure.unwrap();
    assert_eq!(f.seq, 6);
    assert!(f.reason.contains("record 6 or the hash it chains from"), "{}", f.reason);
    // The last record has no successor: the stored head catches it.
    let (_dir2, ledger2) = ledger_with(12);
    rewrite_and_rehash_one(&ledger2, 12);
    let f = verify(&ledger2, None).unwrap().failure.unwrap();
    assert_eq!(f.seq, 12);
    assert!(f.reason.contains("head mismatch"), "{}", f.reason);
}

#[test]
fn verify_through_the_cli_reports_the_first_bad_record_and_exits_1() {
    let env = TestEnv::with_ledger();
    env.append_synthetic(9);
    let db = raw_db(&env.ledger_dir());
    let mut v = db.get(tail_key(4)).unwrap().unwrap().to_vec();
    let last = v.len() - 1;
    v[last] ^= 0xff;
    db.insert(tail_key(4), v).unwrap();
    db.flush().unwrap();
    drop(db);
    let run = env.run(&["verify", "--format", "json"]).code(1);
    let j = run.json();
    assert_eq!(j["ok"], false);
    assert_eq!(j["first_bad_seq"], 4);
    assert!(j["reason"].as_str().unwrap().contains("hash mismatch"));
    assert_eq!(j["records"], 12);
    let table = env.run(&["verify"]).code(1);
    assert!(table.stdout.contains("FAILED at record 4"), "{}", table.stdout);
}

/// The whole-process verify reads the store in passes, reopening sled
/// between them; a pass boundary must neither hide nor move a failure.
#[test]
fn verifying_in_passes_finds_what_one_pass_finds() {
    let (_dir, ledger) = ledger_with(CHUNK * 7 + 5);
    let in_passes = |ledger: Ledger, digest| verify_in_passes_of(ledger, digest, CHUNK * 2).unwrap();
    let one = verify(&ledger, None).unwrap();
    assert!(one.ok() && one.records == CHUNK * 7 + 5);
    let (passes, ledger) = in_passes(ledger, None);
    assert_eq!(passes, one);
    // A flipped byte in the third pass.
    let seq = CHUNK * 5 + 3;
    let (key, offset) = locate(&ledger, seq);
    let original = ledger.raw_tree().get(&key).unwrap().unwrap();
    let mut bad = original.to_vec();
    bad[offset + 40] ^= 0x01;
    ledger.raw_tree().insert(&key, bad).unwrap();
    let one = verify(&ledger, None).unwrap();
    assert_eq!(one.failure.as_ref().map(|f| f.seq), Some(seq));
    let (passes, ledger) = in_passes(ledger, None);
    assert_eq!(passes, one);
    ledger.raw_tree().insert(&key, original).unwrap();
    // A chunk missing at a pass boundary, then a digest of a later record.
    let kept = ledger.record(CHUNK * 6).unwrap().map(|r| Digest { seq: r.seq, hash: r.hash });
    ledger.raw_tree().remove(layout::chunk_key(4)).unwrap();
    let one = verify(&ledger, kept).unwrap();
    assert_eq!(one.failure.as_ref().map(|f| f.seq), Some(CHUNK * 4 + 1));
    let (passes, _ledger) = in_passes(ledger, kept);
    assert_eq!(passes, one);
}

/// A record planted among the open tail's keys below the sealed chunks is
/// read by a full fold, so the passes must find it as one pass does.
#[test]
fn a_record_planted_in_the_tail_below_the_chunks_fails_verify_in_passes_too() {
    let (_dir, ledger) = ledger_with(CHUNK * 7 + 5);
    let planted = ledger.record(5).unwrap().unwrap();
    let mut frame = Vec::new();
    layout::push_frame(&mut frame, &planted.hash, &planted.bytes);
    ledger.raw_tree().insert(layout::tail_key(5), frame).unwrap();
    let one = verify(&ledger, None).unwrap();
    assert!(!one.ok(), "one pass reads it as a gap");
    let (passes, _ledger) = verify_in_passes_of(ledger, None, CHUNK * 2).unwrap();
    assert!(!passes.ok(), "the passes must not skip it: {passes:?}");
}

/// A head that claims more records than the store holds: the passes stop
/// (no endless reopening) and the head check names the missing records.
#[test]
fn a_head_claiming_records_the_store_lacks_ends_verify_in_passes_with_a_failure() {
    let (_dir, ledger) = ledger_with(CHUNK * 7 + 5);
    let head = ledger.head().unwrap();
    let claimed = layout::HeadRecord { seq: head.seq + CHUNK * 40, hash: head.hash, recorded_at_micros: 0 };
    ledger.raw_tree().insert(layout::HEAD_KEY, &claimed.to_bytes()[..]).unwrap();
    drop(ledger);
    let ledger = Ledger::open(&_dir.path().join("l")).unwrap();
    let (passes, _ledger) = verify_in_passes_of(ledger, None, CHUNK * 2).unwrap();
    assert!(!passes.ok(), "{passes:?}");
}
