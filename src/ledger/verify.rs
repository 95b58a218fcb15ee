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
use crate::ledger::store::{Ledger, Segment, RECORDS_PER_PASS};
use std::collections::BTreeMap;
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

/// Segments a worker checks at once: one channel message per ~700
/// records instead of one per chunk keeps the threads off the futex.
const SEGMENTS_PER_JOB: usize = 32;
struct Job {
    order: usize,
    segments: Vec<(u64, Option<Hash>, sled::IVec)>,
}

struct Report {
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
    let mut walk = Walk::new(digest);
    walk.scan(ledger, None)?;
    Ok(walk.finish(ledger.head()))
}

/// `verify` for a whole process: the same checks, reading the store in
/// passes of `RECORDS_PER_PASS` records with sled's handle dropped and
/// opened again between them (store.rs says why), so memory stays flat
/// however long the history. Pass boundaries fall on sealed chunks, which
/// never change; a record appended by another process between passes is
/// judged with the head read by the last pass. Returns the ledger, open
/// again.
pub fn verify_in_passes(ledger: Ledger, digest: Option<Digest>) -> Result<(Verification, Ledger)> {
    verify_in_passes_of(ledger, digest, RECORDS_PER_PASS)
}

/// `verify_in_passes` with a pass length (tests use a short one).
pub fn verify_in_passes_of(
    mut ledger: Ledger,
    digest: Option<Digest>,
    per_pass: u64,
) -> Result<(Verification, Ledger)> {
    let per_pass = per_pass.max(CHUNK) / CHUNK * CHUNK;
    let mut walk = Walk::new(digest);
    loop {
        // Only sealed chunks present now may end a pass.
        let sealed = ledger.len() / CHUNK * CHUNK;
        let stop = walk.next_seq + per_pass;
        if stop > sealed || walk.broken() {
            walk.scan(&ledger, None)?;
            break;
        }
        let before = walk.next_seq;
        walk.scan(&ledger, Some(stop))?;
        if walk.next_seq == before {
            // The records ran out before the head says they do: the last
            // scan reads what is there, and the head check names the rest.
            walk.scan(&ledger, None)?;
            break;
        }
        ledger = ledger.reopen()?;
    }
    // The passes read the open tail from where the chunks end; a record
    // below that in the tail (one pass reads it as a gap) is found here.
    let tail_starts = ledger.len() / CHUNK * CHUNK + 1;
    if let Some(stray) = ledger.tail_below(tail_starts)? {
        keep_first(&mut walk.read_failure, gap_failure(tail_starts, stray));
    }
    let head = ledger.head();
    Ok((walk.finish(head), ledger))
}

/// What the sequential part of a verification carries from one record to
/// the next (and from one pass to the next).
struct Walk {
    digest: Option<Digest>,
    next_seq: u64,
    /// The stored hash the next segment links to; None after a break.
    prev: Option<Hash>,
    last_hash: Option<Hash>,
    /// Found by the reader (gaps, framing) and by the workers: on a tie
    /// in seq the reader's is reported, as it names the cause.
    read_failure: Option<VerifyFailure>,
    check_failure: Option<VerifyFailure>,
    last_time: Option<Timestamp>,
    signatures: SignatureCheck,
}

fn keep_first(slot: &mut Option<VerifyFailure>, f: VerifyFailure) {
    if slot.as_ref().is_none_or(|s| f.seq < s.seq) {
        *slot = Some(f);
    }
}

impl Walk {
    fn new(digest: Option<Digest>) -> Walk {
        Walk {
            digest,
            next_seq: 1,
            prev: Some(Hash::ZERO),
            last_hash: None,
            read_failure: None,
            check_failure: None,
            last_time: None,
            signatures: SignatureCheck::new(),
        }
    }

    /// A store whose framing or order broke is read to its end in one go:
    /// pass boundaries assume whole chunks.
    fn broken(&self) -> bool {
        self.read_failure.is_some()
    }

    /// Reads the segments from `next_seq` (up to, not including, the one
    /// starting at `stop`), checking them on worker threads, and walks the
    /// reports in order as they come back (memory: the jobs in flight).
    fn scan(&mut self, ledger: &Ledger, stop: Option<u64>) -> Result<()> {
        let workers = thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
        let (job_tx, job_rx) = sync_channel::<Job>(workers * 2);
        let job_rx = Mutex::new(job_rx);
        let (report_tx, report_rx) = channel::<(usize, Vec<Report>)>();
        let digest = self.digest;
        let Walk { next_seq, prev, last_hash, read_failure, check_failure, last_time, signatures, .. } = self;

        thread::scope(|scope| -> Result<()> {
            for _ in 0..workers {
                let report_tx = report_tx.clone();
                let job_rx = &job_rx;
                scope.spawn(move || loop {
                    let job = job_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok(job)) = job else { break };
                    let reports = job
                        .segments
                        .into_iter()
                        .map(|(first, prev, v)| check_segment(first, prev, &v, digest));
                    if report_tx.send((job.order, reports.collect())).is_err() {
                        break;
                    }
                });
            }
            drop(report_tx);
            scope.spawn(move || {
                let mut waiting = BTreeMap::new();
                let mut next = 0usize;
                for (order, reports) in report_rx {
                    waiting.insert(order, reports);
                    while let Some(reports) = waiting.remove(&next) {
                        for r in &reports {
                            walk_report(r, signatures, last_time, check_failure);
                        }
                        next += 1;
                    }
                }
            });
            let mut batch = Vec::with_capacity(SEGMENTS_PER_JOB);
            let mut order = 0;
            for segment in ledger.segments_from(*next_seq) {
                let Segment { first_seq, sealed, value } = segment?;
                if stop.is_some_and(|s| first_seq >= s) {
                    break;
                }
                if first_seq != *next_seq {
                    keep_first(read_failure, gap_failure(*next_seq, first_seq));
                    *prev = None;
                }
                let (count, tail_hash, framing) = scan_frames(&value);
                if let Some(f) = framing {
                    keep_first(read_failure, VerifyFailure { seq: first_seq + f.0 as u64, reason: f.1 });
                } else if sealed && count != CHUNK as usize {
                    keep_first(
                        read_failure,
                        VerifyFailure {
                            seq: first_seq + count.min(CHUNK as usize) as u64,
                            reason: format!("sealed chunk holds {count} records; every chunk holds {CHUNK}"),
                        },
                    );
                } else if !sealed && count != 1 {
                    keep_first(
                        read_failure,
                        VerifyFailure {
                            seq: first_seq,
                            reason: format!("tail entry holds {count} records; a tail entry holds one"),
                        },
                    );
                }
                batch.push((first_seq, *prev, value));
                if batch.len() == SEGMENTS_PER_JOB {
                    let segments = std::mem::replace(&mut batch, Vec::with_capacity(SEGMENTS_PER_JOB));
                    if job_tx.send(Job { order, segments }).is_err() {
                        break;
                    }
                    order += 1;
                }
                *prev = tail_hash;
                *last_hash = tail_hash;
                *next_seq = first_seq + count as u64;
            }
            if !batch.is_empty() {
                let _ = job_tx.send(Job { order, segments: batch });
            }
            drop(job_tx);
            Ok(())
        })
    }

    fn finish(self, head: Option<Digest>) -> Verification {
        let records = self.next_seq - 1;
        let mut failure = self.read_failure;
        for f in self.check_failure.into_iter().chain(check_head(head, records, self.last_hash)) {
            keep_first(&mut failure, f);
        }
        if let Some(d) = self.digest.filter(|d| d.seq > records) {
            keep_first(
                &mut failure,
                VerifyFailure {
                    seq: records + 1,
                    reason: format!(
                        "the digest names record {} but the ledger ends at record {records}: \
                         the history that digest was taken from has been cut off",
                        d.seq
                    ),
                },
            );
        }
        Verification { records, head, failure, signatures: self.signatures.tally }
    }
}

/// One segment's report, in chain order: signatures, and the clock across
/// segment boundaries.
fn walk_report(
    r: &Report,
    signatures: &mut SignatureCheck,
    last_time: &mut Option<Timestamp>,
    failure: &mut Option<VerifyFailure>,
) {
    walk_signatures(signatures, r);
    if let Some(f) = &r.failure {
        keep_first(failure, f.clone());
    }
    if let Some((first, last)) = r.times {
        if last_time.is_some_and(|t| first < t && r.first_reset_from != Some(t)) {
            keep_first(
                failure,
                VerifyFailure {
                    seq: r.first_seq,
                    reason:
                        "recorded time goes backwards: this record was written earlier than the one before it"
                            .into(),
                },
            );
        }
        *last_time = Some(last);
    }
}

/// Counts frames and finds the last stored hash, or where framing breaks.
fn scan_frames(value: &[u8]) -> (usize, Option<Hash>, Option<(usize, String)>) {
    let mut frames = layout::Frames::new(value);
    let (count, last) = frames.by_ref().fold((0, None), |(n, _), f| (n + 1, Some(f.hash)));
    match frames.broken {
        None => (count, last, None),
        Some((at, why)) => (at, None, Some((at, format!("undecodable record: {why}")))),
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

fn check_segment(first_seq: u64, prev: Option<Hash>, value: &[u8], digest: Option<Digest>) -> Report {
    let mut report = Report {
        first_seq,
        times: None,
        first_reset_from: None,
        failure: None,
        facts: Vec::new(),
        unsigned: Vec::new(),
    };
    // A framing break is reported by the reader; the frames before it are
    // still checked here, so a shortened length shows up at its own record.
    let frames = layout::Frames::new(value);
    let mut prev = prev;
    let mut first_bad: Option<VerifyFailure> = None;
    let mut fail = |seq: u64, reason: String| {
        if first_bad.is_none() {
            first_bad = Some(VerifyFailure { seq, reason });
        }
    };
    let mut times: Option<(Timestamp, Timestamp)> = None;
    for (i, frame) in frames.enumerate() {
        let seq = first_seq + i as u64;
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
