//! The sled store: open (with a bounded wait for the lock), append
//! (encode → hash → write → flush → sync, then report), and ordered reads.

use crate::core::{Envelope, Event, Timestamp};
use crate::error::{Error, Result};
use crate::ledger::chain::{link, Digest, Hash};
use crate::ledger::codec;
use crate::ledger::db::Db;
use crate::ledger::layout::{self, HeadRecord, CHUNK};
use crate::ledger::readonly;
use crate::ledger::signing::{self, Entry};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock, Weak};
use std::time::{Duration, Instant};

/// How long to wait for another process to release the ledger. sled holds
/// an exclusive lock, and re-opening right after another process exits can
/// briefly fail, so a short bounded retry beats an immediate error.
const LOCK_WAIT: Duration = Duration::from_millis(1500);
/// A scan reopening between passes has work behind it: another command that
/// took the lock meanwhile is waited for longer before giving up.
const REOPEN_WAIT: Duration = Duration::from_secs(10);
/// Records per sled batch during bulk writes (bounds memory).
const BULK_BATCH: usize = 64 * 1024;
/// sled's page cache; the default (1 GiB) would break the memory target.
const CACHE_BYTES: u64 = 64 * 1024 * 1024;
/// Records read under one sled handle before a whole-history scan drops it
/// and opens the store again. sled 0.34.7 keeps every page a scan reads
/// resident whatever its cache size: its cache counts an access only once
/// 64 have queued in one of its 256 shards, so one pass over the log
/// evicts nothing (270 MB at a million records). Reopening bounds what a
/// scan holds to one pass (~60 MB at 230-byte records) for ~10 ms each.
pub const RECORDS_PER_PASS: u64 = CHUNK * 8_500;

/// An open ledger. Holds sled's exclusive lock until dropped.
pub struct Ledger {
    /// Shared only with `Reopen` handles, which hold it weakly.
    db: Arc<Db>,
    path: PathBuf,
    /// Behind a lock so one open ledger can serve readers while it appends
    /// (the server shares it between threads).
    head: RwLock<Option<HeadRecord>>,
    /// Set when the directory is read-only: sled runs on this private copy
    /// (dropped after `db`), and every write is refused.
    copy: Option<tempfile::TempDir>,
    /// A second handle on a store this process already holds (`reader`).
    view: bool,
}

/// A record as stored: its position, its stored hash and its exact bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredRecord {
    pub seq: u64,
    pub hash: Hash,
    pub bytes: Vec<u8>,
}

/// One sled value of the log: a sealed chunk or a single tail frame.
pub struct Segment {
    pub first_seq: u64,
    pub sealed: bool,
    pub value: sled::IVec,
}

impl Ledger {
    /// Creates a new, empty ledger directory (owner-only) and opens it.
    /// Refuses a directory that already holds a ledger or other files.
    pub fn create(path: &Path) -> Result<Ledger> {
        if path.exists() {
            let is_store = path.join("db").exists() || path.join("conf").exists();
            let empty = fs::read_dir(path).map(|mut d| d.next().is_none()).unwrap_or(false);
            if !is_store && !empty {
                return Err(Error::Usage(format!(
                    "{} exists and is not a candor ledger; choose an empty or new directory",
                    path.display()
                )));
            }
        }
        create_private_dir(path)?;
        let ledger = Ledger::open_store(path)?;
        if ledger.db.watch(ledger.db.contains_key(layout::FORMAT_KEY)).map_err(|e| unreadable(path, e))? {
            return Err(Error::Usage(format!("a ledger already exists at {}", path.display())));
        }
        Ok(ledger)
    }

    /// Opens an existing ledger to read; exit 3 if it is missing, locked or
    /// unreadable. A read-only directory is read through a private copy.
    pub fn open(path: &Path) -> Result<Ledger> {
        Ledger::open_as(path, true)
    }

    /// Opens an existing ledger to record into; a read-only one is refused
    /// (exit 3) before anything is asked or written.
    pub fn open_for_write(path: &Path) -> Result<Ledger> {
        Ledger::open_as(path, false)
    }

    fn open_as(path: &Path, may_copy: bool) -> Result<Ledger> {
        if !path.join("db").exists() {
            return Err(Error::Missing(path.to_path_buf()));
        }
        let ledger = match Ledger::open_store(path) {
            Err(Error::ReadOnly { .. }) if may_copy => {
                let copy = readonly::private_copy(path)?;
                let db = open_with_lock_wait(copy.path())?;
                Ledger::with_db(db, path, Some(copy))?
            }
            other => other?,
        };
        match ledger.db.watch(ledger.db.get(layout::FORMAT_KEY)).map_err(|e| unreadable(path, e))? {
            Some(v) if v.as_ref() == layout::FORMAT_MARKER => Ok(ledger),
            Some(v) => Err(Error::Unreadable {
                path: path.to_path_buf(),
                cause: format!("unknown layout marker {:?}", String::from_utf8_lossy(&v)),
            }),
            None => Err(Error::Missing(path.to_path_buf())),
        }
    }

    /// Drops sled's handle (releasing the lock) and opens the same store
    /// again, read-only copy included: the only way to free the pages
    /// sled 0.34.7 keeps resident after a scan (`RECORDS_PER_PASS`).
    /// The head is read again; another process may have appended meanwhile.
    pub fn reopen(self) -> Result<Ledger> {
        let Ledger { db, path, head: _, copy, view: _ } = self;
        drop(db);
        let dir = copy.as_ref().map_or_else(|| path.clone(), |c| c.path().to_path_buf());
        let db = open_waiting(&dir, REOPEN_WAIT)?;
        Ledger::with_db(db, &path, copy)
    }

    fn open_store(path: &Path) -> Result<Ledger> {
        Ledger::with_db(open_with_lock_wait(path)?, path, None)
    }

    fn with_db(db: sled::Db, path: &Path, copy: Option<tempfile::TempDir>) -> Result<Ledger> {
        let db = Arc::new(Db::new(db));
        register_open(path, &db);
        Ledger::over(db, path, copy, false)
    }

    /// A ledger on an open handle, its head read from the store.
    fn over(db: Arc<Db>, path: &Path, copy: Option<tempfile::TempDir>, view: bool) -> Result<Ledger> {
        let head = match db.watch(db.get(layout::HEAD_KEY)).map_err(|e| unreadable(path, e))? {
            None => None,
            Some(v) => Some(HeadRecord::from_bytes(&v).ok_or_else(|| Error::Unreadable {
                path: path.to_path_buf(),
                cause: "the stored head is malformed".into(),
            })?),
        };
        Ok(Ledger { db, path: path.to_path_buf(), head: RwLock::new(head), copy, view })
    }

    fn stored_head(&self) -> Option<HeadRecord> {
        *self.head.read().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether this ledger is read through a private copy or is a reader
    /// (writes refused).
    pub fn is_read_only(&self) -> bool {
        self.copy.is_some() || self.view
    }

    /// A way back to this store for readers that outlive a borrow of this
    /// ledger, without keeping it open (and locked) in the meantime.
    pub fn reopen_later(&self) -> Reopen {
        Reopen { db: Arc::downgrade(&self.db), path: self.path.clone() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The head as stored (seq and hash of the last record), found without a scan.
    pub fn head(&self) -> Option<Digest> {
        self.stored_head().map(|h| Digest { seq: h.seq, hash: h.hash })
    }

    /// Number of records.
    pub fn len(&self) -> u64 {
        self.stored_head().map_or(0, |h| h.seq)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// When the last record was written.
    pub fn last_recorded_at(&self) -> Option<Timestamp> {
        self.stored_head().map(|h| Timestamp::from_micros(h.recorded_at_micros))
    }

    /// Refuses a recording time earlier than the last record's: recorded
    /// times never go backwards along the chain.
    pub fn check_clock(&self, now: Timestamp) -> Result<()> {
        crate::core::decide::clock::check_not_before(self.last_recorded_at(), now)
    }

    /// Appends events as one atomic, durable unit, all by `actor` at `now`,
    /// unsigned (synthetic data and ledgers no member has a key for yet).
    /// Returns the digest of each new record once it is on disk.
    pub fn append(&mut self, actor: &str, events: Vec<Event>, now: Timestamp) -> Result<Vec<Digest>> {
        let entries =
            events.into_iter().map(|event| Entry { actor: actor.to_string(), event, signer: None }).collect();
        self.append_entries(entries, now)
    }

    /// Appends entries, each signed by its own signer, as one atomic,
    /// durable unit at `now`. Returns each new record's digest once on disk.
    pub fn append_entries(&mut self, entries: Vec<Entry<'_>>, now: Timestamp) -> Result<Vec<Digest>> {
        // A clock reset is the one record that may step back, from exactly
        // the head's time (decide::clock::may_follow, as verify and restore).
        if let (Some(last), Some(first)) = (self.last_recorded_at(), entries.first()) {
            if !crate::core::decide::clock::may_follow(last, now, &first.event) {
                self.check_clock(now)?;
            }
        }
        let prev = self.head().map_or(Hash::ZERO, |d| d.hash);
        let records = signing::chain_entries(prev, self.len() + 1, entries, now)?;
        let digests = records.iter().map(|r| Digest { seq: r.seq, hash: r.hash }).collect();
        self.write(records, now)?;
        Ok(digests)
    }

    /// Writes records that are already encoded and chained (restore, bulk
    /// loads). The caller has checked seq, links and clock; this re-checks
    /// that they continue the head, then writes durably.
    pub fn append_chained(&self, records: Vec<StoredRecord>, last_recorded_at: Timestamp) -> Result<()> {
        let mut prev = self.head().map_or(Hash::ZERO, |d| d.hash);
        for (expected, r) in (self.len() + 1..).zip(&records) {
            if r.seq != expected || link(&prev, &r.bytes) != r.hash {
                return Err(Error::input("record", format!("record {} does not continue the chain", r.seq)));
            }
            prev = r.hash;
        }
        self.write(records, last_recorded_at)
    }

    /// The write path: one sled batch per `BULK_BATCH` records, then flush
    /// and a full data sync. Sealing a chunk happens inside the batch that
    /// completes it, so the store is never seen half-sealed.
    fn write(&self, records: Vec<StoredRecord>, last_recorded_at: Timestamp) -> Result<()> {
        if self.is_read_only() {
            return Err(readonly::refused(&self.path, "it was opened through a private copy"));
        }
        let path = self.path.clone();
        let mut open_chunk: Option<Vec<u8>> = None;
        let mut records = records.into_iter().peekable();
        while records.peek().is_some() {
            let slice: Vec<StoredRecord> = records.by_ref().take(BULK_BATCH).collect();
            let last_in_batch = slice.last().map_or(0, |r| r.seq);
            // Tail keys that exist in the store before this batch; a record
            // sealed within the batch is never written to the tail at all.
            let stored_tail_end = self.len();
            let mut batch = sled::Batch::default();
            if self.stored_head().is_none() {
                batch.insert(layout::FORMAT_KEY, layout::FORMAT_MARKER);
            }
            let mut head = self.stored_head();
            for r in slice {
                let chunk = match open_chunk.as_mut() {
                    Some(c) => c,
                    None => open_chunk.insert(self.load_open_chunk(r.seq)?),
                };
                let frame_start = chunk.len();
                layout::push_frame(chunk, &r.hash, &r.bytes);
                let index = layout::chunk_of(r.seq);
                let chunk_end = layout::chunk_first_seq(index) + CHUNK - 1;
                if layout::seals_chunk(r.seq) {
                    batch.insert(&layout::chunk_key(index), std::mem::take(chunk));
                    for seq in layout::chunk_first_seq(index)..=r.seq.min(stored_tail_end) {
                        batch.remove(&layout::tail_key(seq));
                    }
                } else if chunk_end > last_in_batch {
                    batch.insert(&layout::tail_key(r.seq), &chunk[frame_start..]);
                }
                head = Some(HeadRecord {
                    seq: r.seq,
                    hash: r.hash,
                    recorded_at_micros: last_recorded_at.micros(),
                });
            }
            if let Some(h) = head {
                batch.insert(layout::HEAD_KEY, &h.to_bytes()[..]);
            }
            self.db.watch(self.db.apply_batch(batch)).map_err(|e| unwritable(&path, e))?;
            *self.head.write().unwrap_or_else(|p| p.into_inner()) = head;
        }
        self.sync()
    }

    /// The frames of the chunk `seq` belongs to that are already in the tail.
    fn load_open_chunk(&self, seq: u64) -> Result<Vec<u8>> {
        let first = layout::chunk_first_seq(layout::chunk_of(seq));
        let mut buf = Vec::with_capacity((CHUNK as usize) * 300);
        for s in first..seq {
            let v = self
                .db
                .watch(self.db.get(layout::tail_key(s)))
                .map_err(|e| unreadable(&self.path, e))?
                .ok_or_else(|| Error::Unreadable {
                path: self.path.clone(),
                cause: format!("record {s} is missing from the open tail; run `candor verify`"),
            })?;
            buf.extend_from_slice(&v);
        }
        Ok(buf)
    }

    /// sled's flush uses sync_file_range on Linux, which does not persist
    /// file metadata; a data sync of its files makes an append survive power
    /// loss too (docs/decisions/0002-sled-layout.md has the measured cost).
    fn sync(&self) -> Result<()> {
        self.db.watch(self.db.flush()).map_err(|e| unwritable(&self.path, e))?;
        let file = fs::File::open(self.path.join("db")).map_err(|e| unwritable(&self.path, e))?;
        file.sync_data().map_err(|e| {
            self.db.failed();
            unwritable(&self.path, e)
        })
    }

    /// The log's values in sequence order: sealed chunks, then the tail.
    pub fn segments(&self) -> impl Iterator<Item = Result<Segment>> + '_ {
        self.segments_from(1)
    }

    /// The log's values from the one holding record `seq` on, found by key
    /// (no scan of what comes before).
    pub fn segments_from(&self, seq: u64) -> impl Iterator<Item = Result<Segment>> + '_ {
        let seq = seq.max(1);
        let chunks = self
            .db
            .range(layout::chunk_key(layout::chunk_of(seq))..=layout::chunk_key(u64::MAX))
            .map(|kv| (kv, true));
        let tail = self.db.range(layout::tail_key(seq)..=layout::tail_key(u64::MAX)).map(|kv| (kv, false));
        chunks.chain(tail).map(move |(kv, sealed)| {
            let (k, value) = kv.map_err(|e| unreadable(&self.path, e))?;
            let n = layout::key_number(&k).ok_or_else(|| Error::Unreadable {
                path: self.path.clone(),
                cause: format!("malformed key {k:?}"),
            })?;
            let first_seq = if sealed { layout::chunk_first_seq(n) } else { n };
            Ok(Segment { first_seq, sealed, value })
        })
    }

    /// Every record in sequence order, as stored (no verification).
    pub fn records(&self) -> impl Iterator<Item = Result<StoredRecord>> + '_ {
        self.records_from(1)
    }

    /// The records from `seq` on, in order.
    pub fn records_from(&self, seq: u64) -> impl Iterator<Item = Result<StoredRecord>> + '_ {
        self.segments_from(seq).flat_map(move |seg| -> Vec<Result<StoredRecord>> {
            match seg {
                Err(e) => vec![Err(e)],
                Ok(seg) => match layout::split_frames(&seg.value) {
                    Ok(frames) => frames
                        .iter()
                        .enumerate()
                        .map(|(i, f)| (seg.first_seq + i as u64, f))
                        .filter(|(s, _)| *s >= seq)
                        .map(|(s, f)| Ok(StoredRecord { seq: s, hash: f.hash, bytes: f.record.to_vec() }))
                        .collect(),
                    Err((i, why)) => vec![Err(Error::Unreadable {
                        path: self.path.clone(),
                        cause: format!("record {}: {why}; run `candor verify`", seg.first_seq + i as u64),
                    })],
                },
            }
        })
    }

    /// Hands every record, in order, to `each` (which says whether to go
    /// on), reading in passes of `RECORDS_PER_PASS` with sled's handle
    /// opened again between them, so memory stays flat however long the
    /// history. Pass boundaries fall on sealed chunks, which never change;
    /// records another process appends between passes are read too.
    /// Returns the ledger, open again.
    pub fn for_each_record(self, each: impl FnMut(StoredRecord) -> Result<bool>) -> Result<Ledger> {
        self.for_each_record_in_passes_of(RECORDS_PER_PASS, each)
    }

    /// `for_each_record` with a pass length (tests use a short one).
    pub fn for_each_record_in_passes_of(
        self,
        per_pass: u64,
        mut each: impl FnMut(StoredRecord) -> Result<bool>,
    ) -> Result<Ledger> {
        let per_pass = per_pass.max(CHUNK) / CHUNK * CHUNK;
        let mut ledger = self;
        let mut next = 1;
        loop {
            // Only a chunk sealed now may end a pass.
            let stop = next + per_pass;
            let last_pass = stop > ledger.len() / CHUNK * CHUNK;
            let mut reached_stop = false;
            let mut stopped = false;
            for rec in ledger.records_from(next) {
                let rec = rec?;
                if !last_pass && rec.seq >= stop {
                    reached_stop = true;
                    break;
                }
                if !each(rec)? {
                    stopped = true;
                    break;
                }
            }
            if stopped || !reached_stop {
                return Ok(ledger);
            }
            next = stop;
            ledger = ledger.reopen()?;
        }
    }

    /// Every record decoded, in order, up to and including `last_seq`.
    pub fn envelopes(&self, last_seq: u64) -> impl Iterator<Item = Result<(StoredRecord, Envelope)>> + '_ {
        self.records().take_while(move |r| r.as_ref().map_or(true, |r| r.seq <= last_seq)).map(move |r| {
            let r = r?;
            let env = codec::decode(&r.bytes).map_err(|e| Error::Unreadable {
                path: self.path.clone(),
                cause: format!("record {}: {e}; run `candor verify`", r.seq),
            })?;
            Ok((r, env))
        })
    }

    /// One record by sequence number, found directly (no scan).
    pub fn record(&self, seq: u64) -> Result<Option<StoredRecord>> {
        if seq == 0 || seq > self.len() {
            return Ok(None);
        }
        let sealed_upto = (self.len() / CHUNK) * CHUNK;
        let (value, first) = if seq <= sealed_upto {
            let index = layout::chunk_of(seq);
            (self.db.get(layout::chunk_key(index)), layout::chunk_first_seq(index))
        } else {
            (self.db.get(layout::tail_key(seq)), seq)
        };
        let Some(value) = value.map_err(|e| unreadable(&self.path, e))? else {
            return Ok(None);
        };
        let frames = layout::split_frames(&value).map_err(|(_, why)| Error::Unreadable {
            path: self.path.clone(),
            cause: format!("record {seq}: {why}; run `candor verify`"),
        })?;
        Ok(frames.get((seq - first) as usize).map(|f| StoredRecord {
            seq,
            hash: f.hash,
            bytes: f.record.to_vec(),
        }))
    }

    /// The first record below `seq` found among the open tail's keys: a
    /// record of a sealed chunk should never be there (planted, or left).
    pub fn tail_below(&self, seq: u64) -> Result<Option<u64>> {
        match self.db.range(layout::tail_key(0)..layout::tail_key(seq)).next() {
            None => Ok(None),
            Some(kv) => Ok(layout::key_number(&kv.map_err(|e| unreadable(&self.path, e))?.0)),
        }
    }

    /// Raw access for tests and tools that must inspect or damage the store.
    pub fn raw_tree(&self) -> &sled::Db {
        &self.db
    }
}

/// See `Ledger::reopen_later`.
pub struct Reopen {
    db: Weak<Db>,
    path: PathBuf,
}

impl Reopen {
    /// The store to read: the handle this process has open on it now, if
    /// any (a second open here would wait for our own lock), else opened
    /// anew as any reader opens it (a read-only one through a copy).
    pub fn ledger(&self) -> Result<Ledger> {
        match self.db.upgrade().or_else(|| open_here(&self.path)) {
            Some(db) => Ledger::over(db, &self.path, None, true),
            None => Ledger::open(&self.path),
        }
    }
}

/// The stores this process has open, by directory: a reader that outlived
/// its ledger finds the one opened since (sled's lock is per process).
type OpenHandles = std::sync::Mutex<Vec<(PathBuf, Weak<Db>)>>;

fn open_handles() -> &'static OpenHandles {
    static OPEN: std::sync::OnceLock<OpenHandles> = std::sync::OnceLock::new();
    OPEN.get_or_init(Default::default)
}

fn register_open(path: &Path, db: &Arc<Db>) {
    let mut open = open_handles().lock().unwrap_or_else(|p| p.into_inner());
    open.retain(|(_, weak)| weak.strong_count() > 0);
    open.push((path.to_path_buf(), Arc::downgrade(db)));
}

fn open_here(path: &Path) -> Option<Arc<Db>> {
    let open = open_handles().lock().unwrap_or_else(|p| p.into_inner());
    open.iter().rev().filter(|(p, _)| p == path).find_map(|(_, weak)| weak.upgrade())
}

fn open_with_lock_wait(path: &Path) -> Result<sled::Db> {
    open_waiting(path, LOCK_WAIT)
}

fn open_waiting(path: &Path, wait: Duration) -> Result<sled::Db> {
    let started = Instant::now();
    let mut cleaned = false;
    loop {
        let opened = sled::Config::new().path(path).cache_capacity(CACHE_BYTES).flush_every_ms(None).open();
        match opened {
            Ok(db) => return Ok(db),
            Err(e) if is_lock_error(&e) => {
                if started.elapsed() >= wait {
                    return Err(Error::Locked(path.to_path_buf()));
                }
                std::thread::sleep(Duration::from_millis(25));
            }
            Err(e) if readonly::sled_refuses_writes(&e) => return Err(readonly::refused(path, e)),
            Err(e) if !cleaned && remove_unfinished_sled_snapshots(path) => {
                cleaned = true;
                let _ = e; // retry once without the unfinished file
            }
            Err(e) => return Err(unreadable(path, e)),
        }
    }
}

/// sled writes its own snapshot to `snap.<lsn>.generating` and renames it
/// when complete, but on open it reads the highest-named `snap.*` file,
/// unfinished or not: one left by a process killed mid-write (a full disk)
/// makes every open fail with "Read corrupted data". Our failed open has
/// released the lock again, so another process may have opened the ledger
/// meanwhile and be writing one: a file is removed only once it has been
/// untouched for longer than the lock wait (waiting that long at most) —
/// left by a process that is gone — and sled rebuilds from its log.
fn remove_unfinished_sled_snapshots(path: &Path) -> bool {
    let unfinished = || -> Vec<(PathBuf, Duration)> {
        let Ok(entries) = fs::read_dir(path) else { return Vec::new() };
        entries
            .flatten()
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.starts_with("snap.") && name.ends_with(".generating")
            })
            .map(|e| {
                let age = e.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
                (e.path(), age.unwrap_or_default())
            })
            .collect()
    };
    let Some(youngest) = unfinished().iter().map(|(_, age)| *age).min() else { return false };
    if youngest <= LOCK_WAIT {
        std::thread::sleep(LOCK_WAIT - youngest + Duration::from_millis(50));
    }
    let mut removed = false;
    for (file, age) in unfinished() {
        if age > LOCK_WAIT {
            removed |= fs::remove_file(file).is_ok();
        }
    }
    removed
}

fn is_lock_error(e: &sled::Error) -> bool {
    match e {
        sled::Error::Io(io) => {
            io.kind() == std::io::ErrorKind::WouldBlock || io.to_string().contains("could not acquire lock")
        }
        _ => false,
    }
}

/// A failed write, named plainly when the disk is full.
fn unwritable(path: &Path, e: impl std::fmt::Display) -> Error {
    let text = e.to_string();
    let cause = if is_disk_full(&text) { format!("the disk is full ({text})") } else { text };
    Error::Unwritable { path: path.to_path_buf(), cause }
}

fn is_disk_full(text: &str) -> bool {
    text.contains("No space left") || text.contains("os error 28") || text.contains("StorageFull")
}

fn unreadable(path: &Path, e: impl std::fmt::Display) -> Error {
    if is_disk_full(&e.to_string()) {
        return unwritable(path, e); // sled writes while it opens, too
    }
    Error::Unreadable { path: path.to_path_buf(), cause: e.to_string() }
}

fn create_private_dir(path: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    let cannot = |e: std::io::Error| {
        if readonly::refuses_writes(&e) {
            return readonly::refused(path, format!("cannot create the ledger there: {e}"));
        }
        Error::Unreadable {
            path: path.to_path_buf(),
            cause: format!("cannot create the ledger directory: {e}"),
        }
    };
    builder.create(path).map_err(cannot)?;
    // An existing empty directory keeps its mode otherwise.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o700)).map_err(cannot)?;
    }
    Ok(())
}
