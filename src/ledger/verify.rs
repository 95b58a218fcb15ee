//! Verification of the whole chain. Each record's check needs only its own
//! bytes and the previous record's *stored* hash, so sealed chunks are
//! checked in parallel while one thread reads the store in order.

use crate::core::decide::clock::may_follow;
use crate::core::Timestamp;
use crate::error::Result;
use crate::ledger::chain::{link, Digest, Hash};
use crate::ledger::codec;
use crate::ledger::layout::{self, CHUNK};
use crate::ledger::signatures::{RecordFacts, SignatureCheck, Signatures};
use crate::ledger::store::{Ledger, Segment};
use std::ops::Range;
use std::sync::mpsc::{channel, sync_channel};
use std::sync::Mutex;
use std::thread;

/// The outcome of `verify`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verification {
    /// Records read and checked.
    pub records: u64,
    /// The head as stored.
    pub head: Option<Digest>,
    /// The first problem found, by sequence number.
    pub failure: Option<VerifyFailure>,
    /// Who signed the records, and the records whose signature is bad.
    pub signatures: Signatures,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyFailure {
    pub seq: u64,
    pub reason: String,
}

impl Verification {
    pub fn ok(&self) -> bool {
        self.failure.is_none() && self.signatures.bad.is_empty()
    }
}

struct Job {
    order: usize,
    first_seq: u64,
    prev: Option<Hash>,
    value: sled::IVec,
}

struct Report {
    order: usize,
    first_seq: u64,
    times: Option<(Timestamp, Timestamp)>,
    /// The segment opens with a clock reset stepping back from this time.
    first_reset_from: Option<Timestamp>,
    failure: Option<VerifyFailure>,
    /// Signed records and membership changes, in order.
    facts: Vec<RecordFacts>,
    /// Runs of the other records (unsigned, changing no member).
    unsigned: Vec<Range<u64>>,
}

/// Checks every link of the chain, every record's decoding and sequence,
/// the clock order, the stored head, and (if given) that `digest` names a
/// record of this exact history.
pub fn verify(ledger: &Ledger, digest: Option<Digest>) -> Result<Verification> {
    let workers = thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
    let (job_tx, job_rx) = sync_channel::<Job>(workers * 4);
    let job_rx = Mutex::new(job_rx);
    let (report_tx, report_rx) = channel::<Report>();
    let mut failures: Vec<VerifyFailure> = Vec::new();
    let mut next_seq = 1u64;
    let mut last_hash: Option<Hash> = None;

    thread::scope(|scope| -> Result<()> {
        for _ in 0..workers {
            let report_tx = report_tx.clone();
            let job_rx = &job_rx;
            scope.spawn(move || loop {
                let job = job_rx.lock().map(|rx| rx.recv());
                match job {
                    Ok(Ok(job)) => {
                        if report_tx.send(check_segment(job, digest)).is_err() {
                            break;
                        }
                    }
                    _ => break,
                }
            });
        }
        drop(report_tx);
        let mut prev = Some(Hash::ZERO);
        for (order, segment) in ledger.segments().enumerate() {
            let Segment { first_seq, sealed, value } = segment?;
            if first_seq != next_seq {
                failures.push(gap_failure(next_seq, first_seq));
                prev = None;
            }
            let (count, tail_hash, framing) = scan_frames(&value);
            if let Some(f) = framing {
                failures.push(VerifyFailure { seq: first_seq + f.0 as u64, reason: f.1 });
            } else if sealed && count != CHUNK as usize {
                failures.push(VerifyFailure {
                    seq: first_seq + count.min(CHUNK as usize) as u64,
                    reason: format!("sealed chunk holds {count} records; every chunk holds {CHUNK}"),
                });
            } else if !sealed && count != 1 {
                failures.push(VerifyFailure {
                    seq: first_seq,
                    reason: format!("tail entry holds {count} records; a tail entry holds one"),
                });
            }
            let job = Job { order, first_seq, prev, value };
            if job_tx.send(job).is_err() {
                break;
            }
            prev = tail_hash;
            last_hash = tail_hash;
            next_seq = first_seq + count as u64;
        }
        drop(job_tx);
        Ok(())
    })?;

    let mut reports: Vec<Report> = report_rx.into_iter().collect();
    reports.sort_by_key(|r| r.order);
    let mut last_time: Option<Timestamp> = None;
    let mut signatures = SignatureCheck::new();
    for r in &reports {
        walk_signatures(&mut signatures, r);
        failures.extend(r.failure.clone());
        if let Some((first, last)) = r.times {
            if last_time.is_some_and(|t| first < t && r.first_reset_from != Some(t)) {
                failures.push(VerifyFailure {
                    seq: r.first_seq,
                    reason:
                        "recorded time goes backwards: this record was written earlier than the one before it"
                            .into(),
                });
            }
            last_time = Some(last);
        }
    }
    let records = next_seq - 1;
    let head = ledger.head();
    failures.extend(check_head(head, records, last_hash));
    if let Some(d) = digest.filter(|d| d.seq > records) {
        failures.push(VerifyFailure {
            seq: records + 1,
            reason: format!(
                "the digest names record {} but the ledger ends at record {records}: \
                 the history that digest was taken from has been cut off",
                d.seq
            ),
        });
    }
    let failure = failures.into_iter().min_by_key(|f| f.seq);
    Ok(Verification { records, head, failure, signatures: signatures.tally })
}

/// Counts frames and finds the last stored hash, or where framing breaks.
fn scan_frames(value: &[u8]) -> (usize, Option<Hash>, Option<(usize, String)>) {
    match layout::split_frames(value) {
        Ok(frames) => (frames.len(), frames.last().map(|f| f.hash), None),
        Err((at, why)) => (at, None, Some((at, format!("undecodable record: {why}")))),
    }
}

fn gap_failure(expected: u64, found: u64) -> VerifyFailure {
    let reason = if found > expected {
        format!("records {expected}..{} are missing (gap in the log)", found - 1)
    } else {
        format!("record {found} appears again where record {expected} was expected (duplicated or reordered records)")
    };
    VerifyFailure { seq: expected.min(found), reason }
}

fn check_head(head: Option<Digest>, records: u64, last_hash: Option<Hash>) -> Option<VerifyFailure> {
    let stored = head.map_or(0, |h| h.seq);
    if stored != records {
        return Some(VerifyFailure {
            seq: stored.min(records) + 1,
            reason: format!(
                "head mismatch: the stored head names record {stored} but the log holds {records} records"
            ),
        });
    }
    match (head, last_hash) {
        (Some(h), Some(last)) if h.hash != last => Some(VerifyFailure {
            seq: records,
            reason: "head mismatch: the stored head hash differs from the last record's hash".into(),
        }),
        _ => None,
    }
}

/// Feeds a segment's records to the signature check in seq order: the
/// unsigned runs between the records that need a look one by one.
fn walk_signatures(check: &mut SignatureCheck, r: &Report) {
    let mut runs = r.unsigned.iter().peekable();
    for f in &r.facts {
        while let Some(run) = runs.next_if(|run| run.start < f.seq) {
            check.admit_unsigned(run.clone());
        }
        check.admit(f);
    }
    runs.for_each(|run| check.admit_unsigned(run.clone()));
}

fn check_segment(job: Job, digest: Option<Digest>) -> Report {
    let mut report = Report {
        order: job.order,
        first_seq: job.first_seq,
        times: None,
        first_reset_from: None,
        failure: None,
        facts: Vec::new(),
        unsigned: Vec::new(),
    };
    // A framing break is reported by the reader; the frames before it are
    // still checked here, so a shortened length shows up at its own record.
    let (frames, _) = layout::split_frames_partial(&job.value);
    let mut prev = job.prev;
    let mut first_bad: Option<VerifyFailure> = None;
    let mut fail = |seq: u64, reason: String| {
        if first_bad.is_none() {
            first_bad = Some(VerifyFailure { seq, reason });
        }
    };
    let mut times: Option<(Timestamp, Timestamp)> = None;
    for (i, frame) in frames.iter().enumerate() {
        let seq = job.first_seq + i as u64;
        let prev_hash = prev;
        if let Some(p) = prev {
            if link(&p, frame.record) != frame.hash {
                fail(
                    seq,
                    format!(
                        "hash mismatch: record {seq}'s stored hash is not blake3(hash of record {} ‖ its bytes); \
                         record {seq} or the hash it chains from was altered",
                        seq - 1
                    ),
                );
            }
        }
        prev = Some(frame.hash);
        if let Some(d) = digest.filter(|d| d.seq == seq && d.hash != frame.hash) {
            fail(
                seq,
                format!(
                    "digest mismatch: record {seq} has hash {} but the digest says {}; \
                     the history up to {seq} is not the one the digest was taken from",
                    frame.hash, d.hash
                ),
            );
        }
        match codec::decode_record(frame.record) {
            Err(e) => fail(seq, format!("undecodable record: {e}")),
            Ok(decoded) => {
                let facts = RecordFacts::of(seq, &decoded, frame.record, prev_hash.as_ref());
                if facts.matters() {
                    report.facts.push(facts);
                } else {
                    match report.unsigned.last_mut() {
                        Some(run) if run.end == facts.seq => run.end += 1,
                        _ => report.unsigned.push(facts.seq..facts.seq + 1),
                    }
                }
                let env = decoded.envelope;
                if env.seq != seq {
                    fail(
                        seq,
                        format!(
                            "sequence mismatch: position {seq} holds record {} (reordered, duplicated or missing records)",
                            env.seq
                        ),
                    );
                }
                let t = env.recorded_at;
                // A clock reset steps back from exactly the time before it.
                let reset_from = match &env.event {
                    crate::core::Event::ClockReset { from, .. } => Some(*from),
                    _ => None,
                };
                if i == 0 {
                    report.first_reset_from = reset_from;
                }
                match times {
                    Some((_, last)) if !may_follow(last, t, &env.event) => fail(
                        seq,
                        "recorded time goes backwards: this record was written earlier than the one before it".into(),
                    ),
                    _ => {}
                }
                times = Some((times.map_or(t, |(f, _)| f), t));
            }
        }
    }
    report.times = times;
    report.failure = first_bad;
    report
}
