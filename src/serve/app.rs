//! The server's one ledger and the rules every write passes. Handlers call
//! these methods; no rule lives in a handler. Writers take turns on the
//! acceptor; readers read the store at the published head and never wait
//! for a writer.

use super::error::ApiError;
use crate::core::decide::clock;
use crate::core::state::{Members, State};
use crate::core::{PublicKey, Timestamp};
use crate::ledger::accept::Acceptor;
use crate::ledger::{codec, Digest, Ledger};
use crate::remote::protocol::{self, AppendRequest, WireRecord, REQUEST_SKEW_MICROS};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

/// Most records one write may carry (a debrief's reveals, an import).
pub const MAX_RECORDS_PER_WRITE: usize = 20_000;

/// Where the server's clock comes from (tests fix it).
pub type Clock = Arc<dyn Fn() -> Timestamp + Send + Sync>;

pub struct App {
    pub ledger: Arc<Ledger>,
    acceptor: Mutex<Acceptor>,
    /// What readers see — the head and its state — set only once an append
    /// is durable. Readers take this, never the writer's lock.
    published: RwLock<Published>,
    /// Set when an append could not be made durable: the server takes no
    /// more writes until it is restarted (the disk needs a person).
    broken: AtomicBool,
    pub allow_client_clock: bool,
    pub clock: Clock,
    pub web: super::web::WebState,
    /// The server's own key, signing web records for the signed-in member
    /// (None: web writes and sign-in are refused).
    pub(crate) web_key: Option<crate::ledger::Signer>,
    /// Login links already taken (persisted beside the server's keys).
    pub(crate) used_links: Option<crate::identity::used_links::UsedLinks>,
    /// The ledger's id, from its first record (None for an empty store).
    ledger_id: Option<crate::core::Hash32>,
}

/// What a reader needs without the writer's lock: the durable head, and
/// the members and keys at it (to check a request's key). Members are
/// small; the whole state is not copied per write (O(state) each time).
#[derive(Clone)]
struct Published {
    head: Option<Digest>,
    members: Arc<Members>,
}

impl App {
    /// Opens the served ledger: every link and signature is checked before
    /// the first request is answered.
    pub fn new(ledger: Ledger, allow_client_clock: bool, clock: Clock) -> crate::Result<App> {
        let acceptor = Acceptor::load(&ledger)?;
        let ledger_id =
            ledger.record(1)?.map(|first| crate::identity::private_scores::ledger_id(&first.hash.0));
        let published = RwLock::new(Published {
            head: acceptor.head(),
            members: Arc::new(acceptor.state().members.clone()),
        });
        Ok(App {
            ledger: Arc::new(ledger),
            acceptor: Mutex::new(acceptor),
            published,
            broken: AtomicBool::new(false),
            allow_client_clock,
            clock,
            web: Default::default(),
            web_key: None,
            used_links: None,
            ledger_id,
        })
    }

    /// Gives the server its own key (web records are signed with it) and
    /// the store of login links already taken.
    pub fn with_web_key(
        mut self,
        key: crate::ledger::Signer,
        used_links: crate::identity::used_links::UsedLinks,
    ) -> App {
        self.web_key = Some(key);
        self.used_links = Some(used_links);
        self
    }

    /// The server's public key, when it has one.
    pub fn web_key(&self) -> Option<PublicKey> {
        self.web_key.as_ref().map(crate::ledger::Signer::public)
    }

    /// The ledger's id (for the private stores kept beside the server's keys).
    pub fn ledger_id(&self) -> Option<crate::core::Hash32> {
        self.ledger_id
    }

    pub fn now(&self) -> Timestamp {
        (self.clock)()
    }

    fn published(&self) -> Published {
        self.published.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn head(&self) -> Option<Digest> {
        self.published().head
    }

    /// Runs `f` with the state at the head (pages, rights). It waits for a
    /// write in progress to finish (one append, milliseconds); the API's
    /// reads never do (`members`, `records`).
    pub fn with_state<T>(&self, f: impl FnOnce(&State) -> T) -> T {
        let acceptor = self.acceptor.lock().unwrap_or_else(|p| p.into_inner());
        f(acceptor.state())
    }

    /// The members and keys at the published head, without waiting.
    pub fn members(&self) -> Arc<Members> {
        self.published().members
    }

    /// The member a request key signs for, if it is registered and not revoked.
    pub fn member_of_key(&self, key: &PublicKey) -> Option<String> {
        let members = self.members();
        let entry = members.keys.get(key)?;
        let active = members.get(&entry.member).is_some_and(|m| m.is_active());
        (entry.revoked_at.is_none() && active).then(|| entry.member.clone())
    }

    /// The first look at a request, before its body is read: the signing
    /// headers are there, the key is a current member's, and the time is
    /// near ours. A stranger's request never costs a body read.
    pub fn precheck(&self, headers: &axum::http::HeaderMap) -> Result<String, ApiError> {
        let (key, time, _) = signing_headers(headers)?;
        let key = PublicKey::parse(key)
            .map_err(|m| ApiError::unauthorized("bad_signature", format!("{}: {m}", protocol::KEY_HEADER)))?;
        let micros: i64 = time.trim().parse().map_err(|_| {
            ApiError::unauthorized(
                "bad_signature",
                format!("{}: expected microseconds", protocol::TIME_HEADER),
            )
        })?;
        if micros.abs_diff(machine_now().micros()) > REQUEST_SKEW_MICROS as u64 {
            return Err(ApiError::unauthorized(
                "stale_request",
                "the request was signed more than 5 minutes from the server's clock; check this machine's clock",
            ));
        }
        self.member_of_key(&key).ok_or_else(|| {
            ApiError::forbidden("unknown_key", format!("{key} is not a registered key of a current member"))
        })
    }

    /// Checks a signed API request whole: the signature over the method,
    /// path and query, time and body; returns the member who signed it.
    pub fn authenticate(
        &self,
        headers: &axum::http::HeaderMap,
        method: &str,
        path_and_query: &str,
        body: &[u8],
    ) -> Result<String, ApiError> {
        let member = self.precheck(headers)?;
        let (key, time, sig) = signing_headers(headers)?;
        protocol::check_request(key, time, sig, method, path_and_query, body)
            .map_err(|m| ApiError::unauthorized("bad_signature", m))?;
        Ok(member)
    }

    /// Records after `after`, up to the published head, at most `limit`.
    pub fn records(&self, after: u64, limit: u64) -> Result<(Option<Digest>, Vec<WireRecord>), ApiError> {
        let head = self.head();
        let last = head.map_or(0, |h| h.seq).min(after.saturating_add(limit));
        let mut out = Vec::new();
        if after < last {
            for rec in self.ledger.records_from(after + 1) {
                let rec = rec.map_err(ApiError::internal)?;
                if rec.seq > last {
                    break;
                }
                out.push(WireRecord { seq: rec.seq, hash: rec.hash.to_hex(), raw: B64.encode(&rec.bytes) });
            }
        }
        let complete = out.len() as u64 == last.saturating_sub(after)
            && out.iter().zip(after + 1..).all(|(r, seq)| r.seq == seq);
        if !complete {
            // A chunk was sealed under the read; the client asks again.
            return Err(ApiError::unavailable("retry", "the store moved under the read; ask again"));
        }
        Ok((head, out))
    }

    /// Judges and appends a client's signed records as one durable unit.
    pub fn append(&self, req: AppendRequest) -> Result<Vec<Digest>, ApiError> {
        if req.records.is_empty() {
            return Err(ApiError::bad_request("empty", "records: nothing to append"));
        }
        if req.records.len() > MAX_RECORDS_PER_WRITE {
            return Err(ApiError::too_large(format!(
                "records: at most {MAX_RECORDS_PER_WRITE} records in one write"
            )));
        }
        let raws = req
            .records
            .iter()
            .enumerate()
            .map(|(i, r)| {
                B64.decode(r)
                    .map_err(|e| ApiError::bad_request("bytes", format!("records[{i}]: not base64: {e}")))
            })
            .collect::<Result<Vec<Vec<u8>>, ApiError>>()?;
        let after = match &req.after {
            Some(h) => Some(h.digest().map_err(|m| ApiError::bad_request("after", format!("after: {m}")))?),
            None => None,
        };
        let (digests, debriefs) = {
            let mut acceptor = self.writer()?;
            let head = acceptor.head();
            if after != head {
                return Err(self.moved(&raws, after, head));
            }
            let digests = self.accept_and_append(&mut acceptor, &raws)?;
            (digests, debriefs_opened(&raws))
        };
        // A debrief opened from the command line: the scores given on the
        // web wait in this server's store, so it reveals them now.
        for candidate in debriefs {
            if let Err(e) = self.reveal_held(&candidate) {
                eprintln!(
                    "candor serve: the web-held scores for {candidate} were not revealed: {}",
                    e.body.message
                );
            }
        }
        Ok(digests)
    }

    /// Waits for a write in progress to finish (at shutdown: a request
    /// whose client went away may still be appending).
    pub fn quiesce(&self) {
        drop(self.acceptor.lock().unwrap_or_else(|p| p.into_inner()));
    }

    /// The writer's turn: one at a time, and none once a write failed.
    pub(crate) fn writer(&self) -> Result<std::sync::MutexGuard<'_, Acceptor>, ApiError> {
        let guard = self.acceptor.lock().unwrap_or_else(|p| p.into_inner());
        if self.broken.load(Ordering::SeqCst) {
            return Err(ApiError::unavailable(
                "unwritable",
                "an earlier write could not be made durable; the server takes no writes until its disk is checked \
                 and it is restarted",
            ));
        }
        Ok(guard)
    }

    /// The one way records enter the ledger, from a client or a web page:
    /// checked (signed, the server's time), judged by the acceptor (the
    /// caller holds the writer's turn), appended durably as one unit, then
    /// published to readers.
    pub(crate) fn accept_and_append(
        &self,
        acceptor: &mut Acceptor,
        raws: &[Vec<u8>],
    ) -> Result<Vec<Digest>, ApiError> {
        self.check_records(raws, acceptor.last_recorded_at())?;
        let records = acceptor.accept(raws).map_err(ApiError::refused)?;
        let last_time = acceptor.last_recorded_at().unwrap_or_else(|| self.now());
        let digests: Vec<Digest> = records.iter().map(|r| Digest { seq: r.seq, hash: r.hash }).collect();
        if let Err(e) = self.ledger.append_chained(records, last_time) {
            // Whether any of it reached the disk is unknown: nothing more
            // is taken until a person has looked (and a restart re-reads
            // the store as it is).
            self.broken.store(true, Ordering::SeqCst);
            if let Ok(fresh) = Acceptor::load(&self.ledger) {
                *acceptor = fresh;
            }
            return Err(ApiError::internal(e));
        }
        let published = self.members();
        let members = match acceptor.state().members == *published {
            true => published,
            false => Arc::new(acceptor.state().members.clone()),
        };
        *self.published.write().unwrap_or_else(|p| p.into_inner()) =
            Published { head: acceptor.head(), members };
        Ok(digests)
    }

    /// A write that does not continue the head: a replay of records
    /// already in the chain, or a race the client retries.
    fn moved(&self, raws: &[Vec<u8>], after: Option<Digest>, head: Option<Digest>) -> ApiError {
        let next = after.map_or(1, |a| a.seq + 1);
        let stored = self.ledger.record(next).ok().flatten();
        if stored.is_some_and(|s| raws.first() == Some(&s.bytes)) {
            return ApiError::conflict(
                "replayed",
                format!("record {next} is already in the ledger: a write is taken once"),
                head,
            );
        }
        ApiError::conflict(
            "head_moved",
            format!(
                "the ledger now ends at record {}; read the new records, check again and sign again",
                head.map_or(0, |h| h.seq)
            ),
            head,
        )
    }

    /// What the acceptor does not judge: every record is signed, and its
    /// time is the server's (within 5 minutes) unless the server takes
    /// the client's clock.
    fn check_records(&self, raws: &[Vec<u8>], last: Option<Timestamp>) -> Result<(), ApiError> {
        let now = self.now();
        let first_seq = self.head().map_or(0, |h| h.seq) + 1;
        for (raw, seq) in raws.iter().zip(first_seq..) {
            let Ok(decoded) = codec::decode_record(raw) else { continue };
            if decoded.signature.is_none() {
                return Err(ApiError::unauthorized_at(
                    "unsigned",
                    seq,
                    "the record is not signed; every write is signed by its member's key",
                ));
            }
            let at = decoded.envelope.recorded_at;
            if !self.allow_client_clock {
                clock::check_near(at, now).map_err(|m| ApiError::bad_request_at("clock", seq, m))?;
            }
            if last.is_some_and(|l| !clock::may_follow(l, at, &decoded.envelope.event)) {
                return Err(ApiError::bad_request_at(
                    "clock",
                    seq,
                    "recorded_at is before the ledger's last record; recorded times never go backwards",
                ));
            }
        }
        Ok(())
    }
}

/// The candidates whose debrief these records open.
fn debriefs_opened(raws: &[Vec<u8>]) -> Vec<String> {
    raws.iter()
        .filter_map(|r| codec::decode_record(r).ok())
        .filter_map(|d| match d.envelope.event {
            crate::core::Event::DebriefOpened { candidate, .. } => Some(candidate),
            _ => None,
        })
        .collect()
}

/// The machine's clock: request signatures, login links and sessions are
/// judged by it, whatever clock the records use.
pub fn machine_now() -> Timestamp {
    Timestamp::from_datetime(chrono::Utc::now())
}

fn signing_headers(headers: &axum::http::HeaderMap) -> Result<(&str, &str, &str), ApiError> {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    match (get(protocol::KEY_HEADER), get(protocol::TIME_HEADER), get(protocol::SIGNATURE_HEADER)) {
        (Some(k), Some(t), Some(s)) => Ok((k, t, s)),
        _ => Err(ApiError::unauthorized(
            "unsigned",
            "the request is not signed; the API answers the ledger's members (use `candor --remote URL`)",
        )),
    }
}
